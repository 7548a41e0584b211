//! An async Rust SDK for Apache Mesos frameworks.
//!
//! The crate is built in layers, each usable on its own:
//!
//! - [`v1`]: the Mesos v1 wire types (re-exported from [`mesos_proto`]): `v1::TaskInfo`,
//!   `v1::scheduler::{Call, Event}`, `v1::executor::{Call, Event}`, `v1::master::...`.
//! - [`recordio`]: the RecordIO framing of Mesos event streams.
//! - [`detector`]: where the leading master is ([`detector::MasterDetector`]).
//! - [`scheduler`]: the scheduler HTTP API, as a low-level connection and a long-lived session.
//! - [`executor`]: the executor HTTP API: configuration from the environment, and a session.
//! - [`resources`]: resource arithmetic as Mesos does it (fixed-point scalars, coalesced ranges,
//!   sets, reservations and allocation roles), and the agent's `--resources` text form.
//! - [`offers`]: matching resource requests against offers, building offer operations, and
//!   packing tasks into one agent's offers.
//!
//! With the `json` feature, `mesos_sdk::json` reads and writes Mesos' JSON form of any message,
//! and [`Encoding::Json`](transport::Encoding) talks JSON to masters.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use mesos_proto::v1;

#[cfg(feature = "json")]
#[cfg_attr(docsrs, doc(cfg(feature = "json")))]
pub use mesos_proto::json;

pub mod detector;
pub mod duration;
mod endpoint;
mod error;
pub mod executor;
pub mod offers;
pub mod recordio;
pub mod resources;
pub mod scheduler;
pub mod task_state;
pub mod transport;

pub use endpoint::Endpoint;
pub use error::{BoxError, Error};
pub use transport::{Credentials, Encoding, TlsConfig};
