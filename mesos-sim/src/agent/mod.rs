//! A simulated agent: its resources, the executors it runs and its task status update
//! manager (one stream per task, one update in flight, retried until acknowledged).

pub(crate) mod command_executor;
pub(crate) mod executor_api;
pub(crate) mod launch;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::Duration;

use mesos_sdk::v1::{AgentInfo, TaskStatus};
use tokio::sync::mpsc;

use crate::resources::Resources;

/// A request to an executor to kill its task (`KILL`) or to shut down (`SHUTDOWN`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct KillRequest {
    /// Grace period between SIGTERM and SIGKILL; `None` uses the task's kill policy or the
    /// command executor's default of 3 s.
    pub(crate) grace_period: Option<Duration>,
}

/// The agent's handle on a running executor.
#[derive(Debug)]
pub(crate) struct ExecutorHandle {
    pub(crate) kill: mpsc::Sender<KillRequest>,
}

/// The status update stream of one task (`mesos: src/slave/task_status_update_manager.cpp`).
#[derive(Debug, Default)]
pub(crate) struct UpdateStream {
    /// Updates not yet acknowledged by the scheduler; the front one is in flight.
    pub(crate) pending: VecDeque<TaskStatus>,
}

/// One agent of the cluster.
#[derive(Debug)]
pub(crate) struct Agent {
    pub(crate) id: String,
    pub(crate) info: AgentInfo,
    /// Where its executor API listens (`MESOS_AGENT_ENDPOINT`).
    pub(crate) endpoint: SocketAddr,
    pub(crate) total: Resources,
    /// Neither offered nor used by tasks.
    pub(crate) available: Resources,
    /// Running executors keyed by (framework id, executor id).
    pub(crate) executors: HashMap<(String, String), ExecutorHandle>,
    /// Status update streams keyed by (framework id, task id).
    pub(crate) update_streams: HashMap<(String, String), UpdateStream>,
    pub(crate) registered_time: f64,
}
