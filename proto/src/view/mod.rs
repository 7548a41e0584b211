//! Zero-copy views of encoded Mesos events: read an event's fields straight from its bytes,
//! without decoding it into the prost types first.
//!
//! For each message reachable from [`scheduler::EventView`] (`mesos.v1.scheduler.Event`) and
//! [`executor::EventView`] (`mesos.v1.executor.Event`), the code generator of this crate emits
//! a `FooView<'a>` next to prost's `Foo`, in a module tree mirroring [`crate::v1`]:
//! [`OfferView`] views a [`v1::Offer`](crate::v1::Offer), [`scheduler::event::OffersView`] a
//! [`v1::scheduler::event::Offers`](crate::v1::scheduler::event::Offers).
//!
//! - `FooView::parse(bytes)` checks the whole message tree once, accepting exactly what prost's
//!   `Foo::decode` accepts: key and wire types, lengths, varints, UTF-8 of strings, and nesting
//!   depth within prost's recursion limit of 100 (required fields are not enforced, as prost does
//!   not enforce them either). It never panics; a [`ViewError`] says what was wrong, at which
//!   byte, in which field. The only input prost takes and a view refuses is one of 4 GiB or more.
//! - Accessors are named after prost's fields and never allocate (but see merging below). A
//!   field prost holds as `T` returns `T`; strings are `&'a str` and bytes `&'a [u8]`, borrowed
//!   from the input. Where prost has a getter method, the accessor behaves like it (proto2
//!   defaults applied, enums typed) and a companion returns what prost's field holds:
//!   `x_opt()` the `Option` of an optional field, `x_raw()` the `i32` of an enum. Sub-messages
//!   are views (`Option` for optional ones), repeated fields a [`Repeated`] iterator (packed
//!   and unpacked numbers both accepted), map fields an iterator of `...EntryView`s in wire
//!   order (prost's map keeps the last entry of a key), and each member of a oneof has its
//!   own accessor returning `Some` when the oneof holds it.
//! - Duplicated fields follow prost: the last occurrence of a singular scalar or string wins,
//!   and several occurrences of a singular message field are merged, as protobuf specifies.
//!   Encoders never write the latter; when a parser meets it, the view of that field is the
//!   merge of all occurrences, which costs one small allocation for the list of them.
//! - `to_owned()` decodes the prost message from the same bytes, for anything the views do not
//!   cover or to keep a message beyond the lifetime of its bytes.
//!
//! ```
//! use mesos_proto::v1::scheduler::{Event, event};
//! use mesos_proto::v1::{AgentId, FrameworkId, Offer, OfferId};
//! use mesos_proto::view::scheduler::EventView;
//! use prost::Message;
//!
//! let offer = Offer {
//!     id: OfferId { value: "o-1".into() },
//!     framework_id: FrameworkId { value: "f-1".into() },
//!     agent_id: AgentId { value: "a-1".into() },
//!     hostname: "agent-1".into(),
//!     ..Default::default()
//! };
//! let event = Event {
//!     r#type: Some(event::Type::Offers as i32),
//!     offers: Some(event::Offers { offers: vec![offer] }),
//!     ..Default::default()
//! };
//! let bytes = event.encode_to_vec();
//!
//! let view = EventView::parse(&bytes)?;
//! assert_eq!(view.r#type(), event::Type::Offers);
//! for offer in view.offers().into_iter().flat_map(|o| o.offers()) {
//!     assert_eq!(offer.hostname(), "agent-1");
//!     assert_eq!(offer.agent_id().value(), "a-1");
//! }
//! assert_eq!(view.to_owned(), event);
//! # Ok::<(), mesos_proto::view::ViewError>(())
//! ```

mod checked;
mod error;
mod iter;
pub(crate) mod wire;

pub use checked::{Checked, Viewed};
pub use error::{ViewError, ViewErrorKind};
pub use iter::{Element, Repeated, kind};

/// What every generated view has: `parse`, `to_owned`, `Debug`, and being a [`Repeated`]
/// element.
macro_rules! view_common {
    ($view:ident, $message:ty, $name:literal) => {
        impl<'a> $view<'a> {
            #[doc = concat!(
                        "Checks that `buf` is a well-formed `", $name, "` (what prost's `decode` ",
                        "accepts) and returns a view of it."
                    )]
            pub fn parse(buf: &'a [u8]) -> Result<Self, crate::view::ViewError> {
                crate::view::wire::check_root(buf, Self::validate)?;
                Ok(Self::index(crate::view::wire::Src::one(buf)))
            }

            /// Decodes the prost message from the viewed bytes: what prost's `decode` returns.
            pub fn to_owned(&self) -> $message {
                crate::view::wire::decode(&self.src)
            }
        }

        impl ::core::fmt::Debug for $view<'_> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(stringify!($view))
                    .field(&self.to_owned())
                    .finish()
            }
        }

        view_element!($view);

        impl crate::view::Viewed for $message {
            type View<'a> = $view<'a>;
        }

        impl crate::view::checked::sealed::Index for $message {
            fn check(buf: &[u8]) -> Result<(), crate::view::ViewError> {
                crate::view::wire::check_root(buf, $view::validate)
            }

            fn index<'a>(buf: &'a [u8]) -> $view<'a> {
                $view::index(crate::view::wire::Src::one(buf))
            }
        }
    };
    (@entry $view:ident) => {
        impl ::core::fmt::Debug for $view<'_> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(stringify!($view)).finish_non_exhaustive()
            }
        }

        view_element!($view);
    };
}

macro_rules! view_element {
    ($view:ident) => {
        impl crate::view::iter::sealed::Sealed for $view<'_> {}

        impl<'a> crate::view::Element<'a> for $view<'a> {
            type Item = Self;
            const ENCODING: u8 = crate::view::wire::LEN;
            #[inline]
            fn from_raw(raw: crate::view::iter::Raw<'a>) -> Option<Self> {
                match raw {
                    crate::view::iter::Raw::Len(bytes) => {
                        Some(Self::index(crate::view::wire::Src::one(bytes)))
                    }
                    _ => None,
                }
            }
        }
    };
}

include!("../generated/views.rs");
