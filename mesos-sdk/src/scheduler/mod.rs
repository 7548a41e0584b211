//! The scheduler HTTP API: a low-level [`Connection`] that does exactly what the protocol
//! says, and a long-lived [`Session`] on top that follows the leader, re-subscribes with the
//! framework id, watches heartbeats, and acknowledges updates.
//!
//! Layers, so you take as much help as you want:
//!
//! - [`Connection::subscribe`]: one SUBSCRIBE (redirects followed, `503` retried), giving the
//!   SUBSCRIBED event, an [`EventStream`] and a [`Caller`] that sends calls in order on a
//!   dedicated connection with the subscription's `Mesos-Stream-Id`.
//! - [`Session::start`]: a [`SchedulerHandle`] with one method per call, and a
//!   [`SessionEvents`] stream of the master's events plus connection-state events.

mod caller;
mod config;
mod connection;
mod events;
mod handle;
mod session;

pub use caller::{CallResponse, Caller};
pub use config::SchedulerConfig;
pub use connection::{Connection, SCHEDULER_API_PATH};
pub use events::EventStream;
pub use handle::SchedulerHandle;
pub use session::{Session, SessionEvent, SessionEvents};
