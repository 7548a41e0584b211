//! A simulated agent: its resources, the executors it runs and its task status update
//! manager (one stream per task, one update in flight, retried until acknowledged).

pub(crate) mod checks;
pub(crate) mod command_executor;
pub(crate) mod containers;
pub(crate) mod custom_executor;
pub(crate) mod default_executor;
pub(crate) mod executor_api;
pub(crate) mod executor_events;
pub(crate) mod files;
pub(crate) mod images;
pub(crate) mod launch;
pub(crate) mod operator_api;
pub(crate) mod operator_state;
pub(crate) mod process;

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::Weak;
use std::time::Duration;

use bytes::Bytes;
use mesos_sdk::v1::{AgentInfo, ExecutorInfo, FrameworkInfo, TaskGroupInfo, TaskInfo, TaskStatus};
use tokio::sync::mpsc;
use uuid::Uuid;

use crate::http::media::Encoding;

use crate::resources::Resources;

/// A request to an executor to kill its task (`KILL`) or to shut down (`SHUTDOWN`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct KillRequest {
    /// Grace period between SIGTERM and SIGKILL; `None` uses the task's kill policy or the
    /// command executor's default of 3 s.
    pub(crate) grace_period: Option<Duration>,
    /// Why: the built-in default executor treats each differently (see `default_executor`).
    pub(crate) kind: KillKind,
}

impl KillRequest {
    /// A KILL of the task (from the scheduler).
    pub(crate) fn task(grace_period: Option<Duration>) -> KillRequest {
        KillRequest {
            grace_period,
            kind: KillKind::Task,
        }
    }

    /// A shutdown of the executor (SHUTDOWN, teardown, agent restart, cluster stop).
    pub(crate) fn shutdown(grace_period: Option<Duration>) -> KillRequest {
        KillRequest {
            grace_period,
            kind: KillKind::Shutdown,
        }
    }
}

/// What a [`KillRequest`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KillKind {
    /// The scheduler's KILL of one task (`killTask`).
    Task,
    /// The executor shuts down: no task group is killed in consequence.
    Shutdown,
    /// The default executor kills the rest of a task group after one of its tasks failed or
    /// was killed (`DefaultExecutor::waited`).
    TaskGroup,
}

/// The agent's handle on a running executor.
#[derive(Debug)]
pub(crate) struct ExecutorHandle {
    /// Reaches the process runner: kill the task (built-in executor) or shut down.
    pub(crate) kill: mpsc::Sender<KillRequest>,
    /// Set for custom executors, which talk to the agent over the executor API.
    pub(crate) custom: Option<CustomExecutor>,
}

/// The open SUBSCRIBE stream of a custom executor.
#[derive(Debug)]
pub(crate) struct ExecutorConnection {
    pub(crate) id: Uuid,
    pub(crate) sender: mpsc::Sender<Bytes>,
    pub(crate) encoding: Encoding,
}

/// A custom executor (`ExecutorInfo.command`) as the agent tracks it.
#[derive(Debug)]
pub(crate) struct CustomExecutor {
    pub(crate) info: ExecutorInfo,
    pub(crate) framework_info: FrameworkInfo,
    pub(crate) container_id: String,
    pub(crate) connection: Option<ExecutorConnection>,
    /// LAUNCH and LAUNCH_GROUP deliveries waiting for the executor to subscribe.
    pub(crate) queued: Vec<Delivery>,
    /// Tasks delivered with LAUNCH, by id.
    pub(crate) launched: Vec<TaskInfo>,
    /// SHUTDOWN was requested.
    pub(crate) terminating: bool,
    /// It has subscribed at least once (so the registration timeout no longer applies).
    pub(crate) subscribed_once: bool,
    /// Recovered by a restarted agent and not yet subscribed again: upstream's
    /// `Executor::REGISTERING`, in which the agent kills a task itself instead of asking the
    /// executor (`mesos: src/slave/slave.cpp` `Slave::kill`).
    pub(crate) recovering: bool,
}

/// What the agent hands a custom executor: one task (`LAUNCH`) or a task group
/// (`LAUNCH_GROUP`, delivered as one event).
#[derive(Clone, Debug)]
pub(crate) enum Delivery {
    /// A task of a LAUNCH operation.
    Task(Box<TaskInfo>),
    /// The tasks of a LAUNCH_GROUP operation.
    Group(TaskGroupInfo),
}

impl Delivery {
    /// The tasks it carries.
    pub(crate) fn tasks(&self) -> &[TaskInfo] {
        match self {
            Delivery::Task(task) => std::slice::from_ref(task.as_ref()),
            Delivery::Group(group) => &group.tasks,
        }
    }
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
    /// The agent process is down (`Cluster::stop_agent`) until it restarts: its executor API
    /// is closed, its executors run on, and the master offers nothing from it.
    pub(crate) stopped: bool,
    /// Counts stops, so the master's unreachability timer of an earlier stop does nothing.
    pub(crate) stop_epoch: u64,
    /// Executors that exited while the agent was down, with their exit codes: the agent
    /// learns of them when it recovers.
    pub(crate) exited_while_stopped: Vec<(String, String, Option<i32>)>,
    /// When it last re-registered after being unreachable.
    pub(crate) reregistered_time: Option<f64>,
    /// The simulated default executors of task groups, keyed by (framework id, executor
    /// id); their group tasks hold them (the handles in `executors` are per task).
    pub(crate) default_executors:
        HashMap<(String, String), Weak<default_executor::DefaultExecutor>>,
    /// In synthetic mode, where no executor runs, the executors the master has charged,
    /// keyed by (framework id, executor id) (see [`SyntheticExecutor`]).
    pub(crate) synthetic_executors: HashMap<(String, String), SyntheticExecutor>,
}

/// An executor of synthetic mode: nothing runs it, but the master charges its resources once
/// per agent, while it has tasks, as it charges a running executor's
/// (`mesos: src/master/validation.cpp` adds an executor's resources to a task's only when the
/// agent does not run it yet). Its share is held by one of its live tasks, the carrier, and
/// moves to another when the carrier ends; it goes back with the last one.
#[derive(Debug)]
pub(crate) struct SyntheticExecutor {
    /// As first launched: a later launch must describe it alike.
    pub(crate) info: ExecutorInfo,
    /// What it was charged.
    pub(crate) share: Resources,
    /// The task whose recorded resources include `share`.
    pub(crate) carrier: String,
    /// Its tasks, the ended ones removed as they end.
    pub(crate) tasks: BTreeSet<String>,
}
