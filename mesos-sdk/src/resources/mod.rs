//! Resources as Mesos counts them: fixed-point [`Scalar`]s, coalesced [`Ranges`], [`Set`]s,
//! and [`Resources`], a collection of `v1::Resource` that combines, adds, subtracts and
//! compares entries by Mesos' rules (reservations, allocation roles, disks, revocable, shared).
//!
//! ```
//! use mesos_sdk::resources::{Resources, Scalar};
//! use mesos_sdk::v1;
//!
//! // Unreserved resources in an offer to a framework without RESERVATION_REFINEMENT carry
//! // `role: "*"`; they combine with resources whose `role` is unset.
//! let offered: Vec<v1::Resource> = Resources::parse("cpus:2;mem:1024;cpus(web):1").unwrap().into();
//! let resources = Resources::try_from(offered.as_slice()).unwrap();
//! assert_eq!(resources.cpus(), Scalar::from(3));
//! assert_eq!(resources.unreserved().cpus(), Scalar::from(2));
//! assert_eq!(resources.reserved("web").cpus(), Scalar::from(1));
//!
//! // Untrusted input is validated, never trusted to be well formed.
//! let mut bad = offered[0].clone();
//! bad.scalar = Some(v1::value::Scalar { value: f64::NAN });
//! let err = Resources::try_from(&[bad][..]).unwrap_err();
//! assert_eq!(err.to_string(), "resource #0 \"cpus\": scalar NaN is not finite");
//! ```

mod error;
mod parse;
mod ranges;
#[allow(clippy::module_inception)] // `resources::resources` holds the `Resources` type.
mod resources;
mod scalar;
mod set;

pub use error::{
    InvalidResource, InvalidScalar, ParseError, RangesError, RefinementError, ResourceProblem,
    ValueSyntax,
};
pub use ranges::Ranges;
pub use resources::{Resources, ranges_resource, reservation_role, scalar_resource, set_resource};
pub use scalar::Scalar;
pub use set::Set;
