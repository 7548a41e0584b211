//! The operator HTTP API: [`MasterClient`] for a master's `/api/v1` (state, maintenance,
//! reservations, volumes, agents, teardown, and the [`OperatorEvents`] stream) and
//! [`AgentClient`] for an agent's (state, containers, sandbox files).
//!
//! Both go through the SDK's transport: protobuf by default or JSON
//! ([`OperatorConfig::with_encoding`]), TLS, credentials with the scheduler client's rules,
//! timeouts, and redirects followed by hand (a standby master answers `307` with the
//! leader's address). The master client sends every call to the leader its
//! [`crate::detector::MasterDetector`] names.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use mesos_sdk::operator::{MasterClient, OperatorEvent};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), mesos_sdk::Error> {
//!     let master = MasterClient::for_url("zk://zk1:2181,zk2:2181/mesos")?;
//!     let state = master.get_state().await?;
//!     for framework in state.get_frameworks.unwrap_or_default().frameworks {
//!         println!("framework {}", framework.framework_info.name);
//!     }
//!     let mut events = master.subscribe().await?.typed();
//!     while let Some(event) = events.next().await {
//!         match event? {
//!             OperatorEvent::TaskAdded(task) => println!("+ {}", task.task_id.value),
//!             OperatorEvent::AgentRemoved(agent) => println!("agent {} left", agent.value),
//!             _ => {}
//!         }
//!     }
//!     Ok(())
//! }
//! ```

mod agent;
mod config;
mod events;
mod master;
mod request;

pub use agent::{AGENT_API_PATH, AgentClient, ContainerOptions, FileChunk};
pub use config::OperatorConfig;
pub use events::{OperatorEvent, OperatorEvents};
pub use master::{DrainOptions, MASTER_API_PATH, MasterClient};

use bytes::Bytes;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::transport::Encoding;

fn decode_response<M: prost::Message + prost::Name + Default>(
    encoding: Encoding,
    body: Bytes,
    endpoint: &Endpoint,
) -> Result<M, Error> {
    encoding.decode(body, "operator response", &endpoint.authority())
}
