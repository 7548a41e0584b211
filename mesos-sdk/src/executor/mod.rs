//! The executor HTTP API: an executor's configuration from the environment its agent gives it,
//! and a session that subscribes, sends status updates reliably, and survives agent restarts
//! when the framework checkpoints.
//!
//! [`Executor::start`] gives an [`ExecutorHandle`] (UPDATE, MESSAGE, HEARTBEAT) and an
//! [`ExecutorEvents`] stream (SUBSCRIBED, LAUNCH, LAUNCH_GROUP, KILL, ACKNOWLEDGED, MESSAGE,
//! ERROR, SHUTDOWN, HEARTBEAT, and disconnections). Updates are kept until the agent
//! acknowledges them and launched tasks until one of their updates is acknowledged; both are
//! sent again with every re-subscription, as Mesos requires.

mod config;
mod driver;
mod typed;

pub use config::{DEFAULT_SHUTDOWN_GRACE_PERIOD, ExecutorConfig};
pub use driver::{
    EXECUTOR_API_PATH, Executor, ExecutorEvent, ExecutorEvents, ExecutorHandle,
    MAX_UNACKNOWLEDGED_UPDATES,
};
pub use typed::{TypedEvent, TypedEvents};
