//! The task group semantics of Mesos' default executor, which mesos-sim simulates by running
//! each task of a LAUNCH_GROUP through its built-in executor: the bookkeeping those task
//! runners share. When a task ends TASK_FAILED or TASK_KILLED outside a shutdown, the other
//! active tasks of its group are killed; once a task was killed for failing its health check,
//! every later terminal status of the executor's tasks says `healthy: false`.
//! `mesos: src/launcher/default_executor.cpp` (`waited`, `killTask`, `shutdown`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use mesos_sdk::v1::TaskState;
use tokio::sync::mpsc;

use super::{Agent, KillKind, KillRequest};

/// The grace period the default executor gives the tasks of a group it kills because another
/// task of the group ended: `kill(container)` without a grace period uses 3 s, whatever the
/// task's kill policy says.
const TASK_GROUP_KILL_GRACE_PERIOD: Duration = Duration::from_secs(3);

/// One default executor on one agent: the tasks it runs, across the task groups launched on
/// it.
#[derive(Debug)]
pub(crate) struct DefaultExecutor {
    id: String,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// `shuttingDown`: SHUTDOWN (or the agent) asked it to stop; no task group is killed
    /// because of a task's end any more, and kills of single tasks are ignored.
    shutting_down: bool,
    /// `unhealthy`: some task was killed for failing its health check (executor wide, as
    /// upstream: MESOS-8543).
    unhealthy: bool,
    /// Every task it ran has ended, so the executor is gone (`_shutdown`).
    terminated: bool,
    /// Its active tasks (`containers`), by task id.
    containers: HashMap<String, Container>,
}

#[derive(Debug)]
struct Container {
    /// The task ids of the task group the task came in.
    group: Arc<[String]>,
    /// Reaches the task's runner without keeping its channel open.
    kill: mpsc::WeakSender<KillRequest>,
    /// `killing`: a kill of the task is under way.
    killing: bool,
    /// `killingTaskGroup`: its group is being killed, so its own end kills nothing more.
    killing_task_group: bool,
}

impl DefaultExecutor {
    fn new(id: &str) -> DefaultExecutor {
        DefaultExecutor {
            id: id.to_string(),
            state: Mutex::new(State::default()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether a new task group can still go to this executor (it neither ended nor shuts
    /// down).
    fn accepts_tasks(&self) -> bool {
        let state = self.lock();
        !state.terminated && !state.shutting_down
    }

    /// Adds a task of `group`, whose runner listens on `kill`.
    fn add(&self, task_id: &str, group: Arc<[String]>, kill: &mpsc::Sender<KillRequest>) {
        self.lock().containers.insert(
            task_id.to_string(),
            Container {
                group,
                kill: kill.downgrade(),
                killing: false,
                killing_task_group: false,
            },
        );
    }

    /// A task's runner got a kill request: whether it kills its task now. A task KILL is
    /// ignored while the executor shuts down (`killTask`); a shutdown and the kill of a group
    /// always proceed. (A runner acts on its first kill only, so a task already marked as
    /// being killed here was marked by its group's kill, still queued behind this request:
    /// upstream would have handled this one first.)
    pub(crate) fn begin_kill(&self, task_id: &str, kind: KillKind) -> bool {
        let mut state = self.lock();
        match kind {
            KillKind::Shutdown => state.shutting_down = true,
            KillKind::Task if state.shutting_down => return false,
            KillKind::Task | KillKind::TaskGroup => {}
        }
        if let Some(container) = state.containers.get_mut(task_id) {
            container.killing = true;
        }
        true
    }

    /// Whether the task is being killed (also when its runner has yet to read the kill of
    /// its group): it then ends TASK_KILLED, and its checks no longer report.
    pub(crate) fn is_killing(&self, task_id: &str) -> bool {
        self.lock()
            .containers
            .get(task_id)
            .is_some_and(|c| c.killing)
    }

    /// A task is about to be killed for failing its health check.
    pub(crate) fn mark_unhealthy(&self) {
        self.lock().unhealthy = true;
    }

    /// Whether terminal statuses carry `healthy: false`.
    pub(crate) fn unhealthy(&self) -> bool {
        self.lock().unhealthy
    }

    /// `waited`: the task ended in `state` (its terminal status is on its way). Unless the
    /// executor shuts down or the task's group is being killed already, a TASK_FAILED or
    /// TASK_KILLED kills every other active task of its group.
    pub(crate) fn terminated(&self, task_id: &str, ended: TaskState) {
        let kills = {
            let mut state = self.lock();
            let Some(container) = state.containers.remove(task_id) else {
                return;
            };
            let mut kills = Vec::new();
            if !state.shutting_down
                && !container.killing_task_group
                && matches!(ended, TaskState::TaskFailed | TaskState::TaskKilled)
            {
                for other in container.group.iter().filter(|t| *t != task_id) {
                    let Some(other) = state.containers.get_mut(other) else {
                        continue;
                    };
                    other.killing_task_group = true;
                    // Already being killed, e.g. by a scheduler's KILL (MESOS-8051).
                    if other.killing {
                        continue;
                    }
                    other.killing = true;
                    kills.push(other.kill.clone());
                }
            }
            if state.containers.is_empty() {
                state.terminated = true;
            }
            kills
        };
        for kill in kills {
            if let Some(kill) = kill.upgrade() {
                let _ = kill.try_send(KillRequest {
                    grace_period: Some(TASK_GROUP_KILL_GRACE_PERIOD),
                    kind: KillKind::TaskGroup,
                });
            }
        }
    }

    /// Kill requests for all its active tasks, for SHUTDOWN of the executor.
    fn shutdown_requests(
        &self,
        grace_period: Option<Duration>,
    ) -> Vec<(mpsc::Sender<KillRequest>, KillRequest)> {
        self.lock()
            .containers
            .values()
            .filter_map(|c| c.kill.upgrade())
            .map(|sender| (sender, KillRequest::shutdown(grace_period)))
            .collect()
    }
}

impl Agent {
    /// The default executor `executor_id` of a framework for a new task group's `task_id`
    /// (the one that runs, or a new one when it ended or shuts down), the task added to it.
    pub(crate) fn default_executor_for(
        &mut self,
        framework_id: &str,
        executor_id: &str,
        task_id: &str,
        group: Arc<[String]>,
        kill: &mpsc::Sender<KillRequest>,
    ) -> Arc<DefaultExecutor> {
        let key = (framework_id.to_string(), executor_id.to_string());
        let executor = match self.default_executors.get(&key).and_then(|e| e.upgrade()) {
            Some(executor) if executor.accepts_tasks() => executor,
            _ => {
                let executor = Arc::new(DefaultExecutor::new(executor_id));
                self.default_executors
                    .insert(key, Arc::downgrade(&executor));
                executor
            }
        };
        executor.add(task_id, group, kill);
        executor
    }

    /// A task runner is done with its default executor: forget the executor once no task
    /// runner holds it.
    pub(crate) fn release_default_executor(
        &mut self,
        framework_id: &str,
        executor: Arc<DefaultExecutor>,
    ) {
        let key = (framework_id.to_string(), executor.id.clone());
        let weak = Arc::downgrade(&executor);
        drop(executor);
        if weak.strong_count() == 0
            && self
                .default_executors
                .get(&key)
                .is_some_and(|e| e.ptr_eq(&weak))
        {
            self.default_executors.remove(&key);
        }
    }

    /// SHUTDOWN of a default executor: kill requests for each of its tasks; `None` if no
    /// such default executor runs here.
    pub(crate) fn shutdown_default_executor(
        &self,
        framework_id: &str,
        executor_id: &str,
        grace_period: Option<Duration>,
    ) -> Option<Vec<(mpsc::Sender<KillRequest>, KillRequest)>> {
        self.default_executors
            .get(&(framework_id.to_string(), executor_id.to_string()))
            .and_then(|e| e.upgrade())
            .map(|e| e.shutdown_requests(grace_period))
    }
}
