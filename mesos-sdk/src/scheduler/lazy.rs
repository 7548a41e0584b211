//! The master's events as the session hands them on: checked once, read through a zero-copy
//! view, decoded into the prost types only when asked.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use bytes::Bytes;
use prost::Message;

use crate::v1::scheduler::{Event, event};
use crate::view::scheduler::EventView;
use crate::view::{Checked, ViewError};

/// One event from the master, as the SDK receives it: its encoded bytes, checked once as
/// prost's decoding would check them (so nothing read later can fail), decoded into an
/// [`Event`] only if the application asks.
///
/// - [`view`](Self::view) reads any field straight from the bytes and allocates nothing: the
///   fast path for events read once (OFFERS above all, where decoding every offer's
///   resources and attributes into owned types costs several times what reading them does).
/// - [`r#type`](Self::type) is known without decoding.
/// - Dereferencing (`event.offers`, `event.update.as_ref()`), [`event`](Self::event) or
///   [`into_event`](Self::into_event) decode the prost [`Event`], once: the first access
///   decodes, later ones reuse it. Code written against `Event` reads the same.
///
/// ```
/// use mesos_sdk::scheduler::LazyEvent;
/// use mesos_sdk::v1::scheduler::{Event, event};
/// use mesos_sdk::v1::{AgentId, FrameworkId, Offer, OfferId};
/// use prost::Message;
///
/// let offer = Offer {
///     id: OfferId { value: "o-1".into() },
///     framework_id: FrameworkId { value: "f-1".into() },
///     agent_id: AgentId { value: "a-1".into() },
///     hostname: "agent-1".into(),
///     ..Default::default()
/// };
/// let sent = Event {
///     r#type: Some(event::Type::Offers as i32),
///     offers: Some(event::Offers { offers: vec![offer] }),
///     ..Default::default()
/// };
/// // What the session does with each record of the subscription.
/// let event = LazyEvent::new(sent.encode_to_vec().into())?;
///
/// assert_eq!(event.r#type(), event::Type::Offers);
/// // Read in place.
/// let hosts: Vec<&str> =
///     event.view().offers().iter().flat_map(|o| o.offers()).map(|o| o.hostname()).collect();
/// assert_eq!(hosts, ["agent-1"]);
/// // Or decoded, as any `Event`.
/// assert_eq!(event.offers.as_ref().map(|o| o.offers.len()), Some(1));
/// assert_eq!(event.into_event(), sent);
/// # Ok::<(), mesos_sdk::view::ViewError>(())
/// ```
#[derive(Clone)]
pub struct LazyEvent {
    checked: Checked<Event>,
    decoded: OnceLock<Box<Event>>,
}

impl LazyEvent {
    /// Checks `bytes`, an encoded `mesos.v1.scheduler.Event`: refused exactly where prost's
    /// `Event::decode` would refuse them, with the byte and field at fault.
    pub fn new(bytes: Bytes) -> Result<Self, ViewError> {
        Ok(Self {
            checked: Checked::new(bytes)?,
            decoded: OnceLock::new(),
        })
    }

    /// The event's type, as [`Event::type`] gives it (`Unknown` for a type this SDK does not
    /// know, or none).
    pub fn r#type(&self) -> event::Type {
        self.view().r#type()
    }

    /// The zero-copy view of the event: any field, read from the bytes, nothing allocated.
    pub fn view(&self) -> EventView<'_> {
        self.checked.view()
    }

    /// The decoded event, decoded on first use.
    pub fn event(&self) -> &Event {
        self.decoded.get_or_init(|| Box::new(self.checked.decode()))
    }

    /// The decoded event, decoded now unless it already was.
    pub fn into_event(self) -> Event {
        *self.into_boxed()
    }

    /// [`into_event`](Self::into_event), boxed (as it is kept once decoded).
    pub(crate) fn into_boxed(self) -> Box<Event> {
        match self.decoded.into_inner() {
            Some(event) => event,
            None => Box::new(self.checked.decode()),
        }
    }

    /// The event's encoded bytes: as the master sent them (or, for an event made
    /// [`From`] an `Event`, as encoded then).
    pub fn bytes(&self) -> &Bytes {
        self.checked.bytes()
    }
}

impl From<Event> for LazyEvent {
    /// An event already decoded (one that came as JSON, or one built in a test): encoded once
    /// for [`view`](LazyEvent::view), and kept.
    fn from(event: Event) -> Self {
        let bytes = Bytes::from(event.encode_to_vec());
        // Fails only for an event nested deeper than prost decodes (100 levels), which could
        // not have come from a master: its view (and so its type) is then the empty event's.
        let checked = Checked::<Event>::new(bytes).unwrap_or_else(|_| {
            Checked::new(Bytes::new()).expect("the empty message is well-formed")
        });
        Self {
            checked,
            decoded: OnceLock::from(Box::new(event)),
        }
    }
}

impl Deref for LazyEvent {
    type Target = Event;

    /// Decodes the event on first use: see [`LazyEvent::event`].
    fn deref(&self) -> &Event {
        self.event()
    }
}

impl PartialEq for LazyEvent {
    /// The same event: compared decoded, as two encodings of one event may differ.
    fn eq(&self, other: &Self) -> bool {
        self.checked == other.checked || self.event() == other.event()
    }
}

impl fmt::Debug for LazyEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyEvent").field(self.event()).finish()
    }
}
