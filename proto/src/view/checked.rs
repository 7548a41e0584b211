//! Owned bytes of a message, checked once, handing out views of themselves.

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;

use crate::view::ViewError;
use crate::view::wire::{self, Src};

pub(crate) mod sealed {
    /// How [`Checked`](super::Checked) checks and views a message: implemented by this crate
    /// only, for the messages that have a view.
    pub trait Index {
        /// Checks that `buf` is what prost's `decode` accepts.
        fn check(buf: &[u8]) -> Result<(), crate::view::ViewError>;
        /// The view of bytes [`check`](Self::check) accepted.
        fn index<'a>(buf: &'a [u8]) -> <Self as super::Viewed>::View<'a>
        where
            Self: super::Viewed;
    }
}

/// A prost message that has a generated view: the link from `Foo` to `FooView`, which
/// [`Checked`] is generic over.
pub trait Viewed: prost::Message + Default + sealed::Index {
    /// The message's view, borrowing the bytes it reads.
    type View<'a>: Clone + fmt::Debug;
}

/// The encoded bytes of a message of type `M`, checked once as [`FooView::parse`] checks them,
/// then viewed any number of times without checking again, or decoded into `M`.
///
/// It owns its bytes (a [`Bytes`], so cloning it is cheap and it can be kept, sent to another
/// task or stored) where a view borrows them. That makes it what a stream of events can hand
/// on: the application reads what it needs through [`view`](Self::view), which allocates
/// nothing, and pays for prost's decoding ([`decode`](Self::decode)) only where it wants the
/// owned types.
///
/// [`FooView::parse`]: crate::view::OfferView::parse
///
/// ```
/// use bytes::Bytes;
/// use mesos_proto::v1::scheduler::{Event, event};
/// use mesos_proto::view::Checked;
/// use prost::Message;
///
/// let event = Event {
///     r#type: Some(event::Type::Heartbeat as i32),
///     ..Default::default()
/// };
/// let checked = Checked::<Event>::new(Bytes::from(event.encode_to_vec()))?;
/// assert_eq!(checked.view().r#type(), event::Type::Heartbeat);
/// assert_eq!(checked.decode(), event);
///
/// // What prost refuses is refused here, with where and why.
/// assert!(Checked::<Event>::new(Bytes::from_static(&[0x0a, 0x05, 0x01])).is_err());
/// # Ok::<(), mesos_proto::view::ViewError>(())
/// ```
pub struct Checked<M: Viewed> {
    bytes: Bytes,
    message: PhantomData<fn() -> M>,
}

impl<M: Viewed> Checked<M> {
    /// Checks that `bytes` are a well-formed `M` (exactly what prost's `M::decode` accepts) and
    /// keeps them.
    pub fn new(bytes: Bytes) -> Result<Self, ViewError> {
        M::check(&bytes)?;
        Ok(Self {
            bytes,
            message: PhantomData,
        })
    }

    /// The view of the message: reads fields straight from the bytes, allocating nothing.
    pub fn view(&self) -> M::View<'_> {
        M::index(&self.bytes)
    }

    /// Decodes the prost message: what `M::decode` returns for these bytes (it cannot fail,
    /// the bytes were checked).
    pub fn decode(&self) -> M {
        wire::decode(&Src::one(&self.bytes))
    }

    /// The encoded message.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The encoded message, given up.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }
}

impl<M: Viewed> Clone for Checked<M> {
    fn clone(&self) -> Self {
        Self {
            bytes: self.bytes.clone(),
            message: PhantomData,
        }
    }
}

impl<M: Viewed> PartialEq for Checked<M> {
    /// Equal bytes. Two encodings of one message can differ (field order, duplicated
    /// fields); compare [`decode`](Checked::decode)d messages to compare content.
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl<M: Viewed> Eq for Checked<M> {}

impl<M: Viewed + fmt::Debug> fmt::Debug for Checked<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Checked").field(&self.decode()).finish()
    }
}
