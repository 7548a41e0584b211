//! `mesos-sim`: an in-process Apache Mesos master and agents speaking the real v1 HTTP API on
//! loopback, the test peer of `mesos-sdk` and a tool for framework authors.
//!
//! The master serves `/api/v1/scheduler` (also as `/master/api/v1/scheduler`) with Mesos'
//! status codes, order of checks, headers, RecordIO framing, heartbeats and validation, in
//! JSON and protobuf; `/version`, `/redirect` and `/state`. Agents offer their resources and
//! run each task's command as a real child process with the `MESOS_*` environment, reporting
//! reliable status updates that are retried until acknowledged.
//!
//! ```no_run
//! # async fn example() -> Result<(), mesos_sim::SimError> {
//! use std::time::Duration;
//!
//! let cluster = mesos_sim::Cluster::builder()
//!     .agents(2)
//!     .agent_resources("cpus:2;mem:1024;ports:[31000-31010]")
//!     .heartbeat_interval(Duration::from_secs(1))
//!     .start()
//!     .await?;
//! println!("master at {}", cluster.master_url());
//! # Ok(()) }
//! ```

// The wire format still carries deprecated fields (`Resource.role`, `FrameworkInfo.role`)
// that a master reads and writes; the simulator must handle them exactly as Mesos does.
#![allow(deprecated)]

mod agent;
mod cluster;
mod config;
mod duration;
mod error;
mod http;
mod master;
mod required;
mod resources;
mod zookeeper;

pub use cluster::{Cluster, ClusterBuilder};
pub use config::DEFAULT_AGENT_RESOURCES;
pub use duration::parse_duration;
pub use error::SimError;
pub use master::endpoints::MESOS_VERSION;
