//! An async Rust SDK for Apache Mesos frameworks.
//!
//! The crate is built in layers, each usable on its own:
//!
//! - [`v1`]: the Mesos v1 wire types (re-exported from [`mesos_proto`]): `v1::TaskInfo`,
//!   `v1::scheduler::{Call, Event}`, `v1::executor::{Call, Event}`, `v1::master::...`.
//! - [`recordio`]: the RecordIO framing of Mesos event streams, as a `tokio_util` codec.
//!
//! With the `json` feature, `mesos_sdk::json` reads and writes Mesos' JSON form of any message.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use mesos_proto::v1;

#[cfg(feature = "json")]
#[cfg_attr(docsrs, doc(cfg(feature = "json")))]
pub use mesos_proto::json;

pub mod recordio;
