//! The built-in command executor: runs `TaskInfo.command` as a real child process (`sh -c`
//! for shell commands) in the task's sandbox with the `MESOS_*` environment, and reports
//! TASK_STARTING, TASK_RUNNING, then FINISHED, FAILED (with the exit status) or KILLED.
//! Kills send SIGTERM to the process group, then SIGKILL after the grace period
//! (`mesos: src/launcher/executor.cpp`). It runs the task's health check and check (see
//! `checks`) and reports their results as TASK_RUNNING updates. The tasks of a task group
//! run here too, one runner each, with the default executor's semantics
//! (`mesos: src/launcher/default_executor.cpp`, see `default_executor`). In synthetic mode
//! no process is spawned and no check runs.

use std::sync::Arc;
use std::time::Duration;

use mesos_sdk::v1::{TaskId, TaskState, TaskStatus, check_info, framework_info, task_status};
use nix::sys::signal::Signal;
use tokio::sync::mpsc;

use super::checks::{self, CheckEvent, Monitor};
use super::default_executor::DefaultExecutor;
use super::launch::LaunchSpec;
use super::{KillKind, KillRequest, images, process};
use crate::master::Master;

/// The command executor's default kill grace period, kept for backwards compatibility.
const DEFAULT_KILL_GRACE_PERIOD: Duration = Duration::from_secs(3);

/// What a running task needs to report and be killed: a few ids, not the whole TaskInfo
/// (which is kilobytes; thousands of synthetic tasks keep one of these each).
struct Reporter {
    master: Arc<Master>,
    agent_id: String,
    framework_id: String,
    /// The key of the executor handle on the agent.
    executor_id: String,
    /// The executor id in statuses (the group's default executor for task group tasks).
    reported_executor_id: Option<String>,
    task_id: TaskId,
    killing_capable: bool,
    kill_policy_grace: Option<Duration>,
    /// The type of the task's check: every status built from scratch carries an empty
    /// result of it.
    check: Option<check_info::Type>,
    /// For a task of a task group: the default executor it shares with its group.
    default_executor: Option<Arc<DefaultExecutor>>,
}

impl Reporter {
    fn new(master: Arc<Master>, spec: &LaunchSpec) -> Reporter {
        Reporter {
            master,
            agent_id: spec.agent_id.clone(),
            framework_id: spec.framework_id.clone(),
            executor_id: spec.executor_id.clone(),
            reported_executor_id: spec.group_executor_id.clone(),
            task_id: spec.task.task_id.clone(),
            killing_capable: spec.framework_info.capabilities.iter().any(|c| {
                c.r#type == Some(framework_info::capability::Type::TaskKillingState as i32)
            }),
            kill_policy_grace: spec
                .task
                .kill_policy
                .as_ref()
                .and_then(|k| k.grace_period.as_ref())
                .map(|g| Duration::from_nanos(g.nanoseconds.max(0) as u64)),
            check: checks::check_kind(&spec.task),
            default_executor: spec.default_executor.clone(),
        }
    }

    /// A status from scratch (the executors' `createTaskStatus`): with the task's check, an
    /// empty check status of its type ("`check_status` must be set to a valid
    /// `CheckStatusInfo` message even if there is no check status available yet").
    fn status(
        &self,
        state: TaskState,
        message: Option<String>,
        reason: Option<task_status::Reason>,
    ) -> TaskStatus {
        TaskStatus {
            task_id: self.task_id.clone(),
            state: state as i32,
            message,
            reason: reason.map(|r| r as i32),
            source: Some(task_status::Source::Executor as i32),
            check_status: self.check.map(checks::empty_check_status),
            ..Default::default()
        }
    }

    fn report(
        &self,
        state: TaskState,
        message: Option<String>,
        reason: Option<task_status::Reason>,
    ) {
        self.forward(self.status(state, message, reason));
    }

    /// Hands a status to the agent, which stamps it (uuid, timestamp, ids) and queues it.
    fn forward(&self, status: TaskStatus) {
        let effects = self.master.lock().executor_status(
            &self.agent_id,
            &self.framework_id,
            self.reported_executor_id
                .as_deref()
                .unwrap_or(&self.executor_id),
            status,
        );
        self.master.apply(effects);
    }

    fn killing_capable(&self) -> bool {
        self.killing_capable
    }

    /// Whether a kill request kills the task now: always for the command executor; for a
    /// task group's task as the default executor decides (see [`DefaultExecutor::begin_kill`]).
    fn begin_kill(&self, kind: KillKind) -> bool {
        self.default_executor
            .as_ref()
            .is_none_or(|e| e.begin_kill(&self.task_id.value, kind))
    }

    /// Whether the default executor is killing this task (its group is being killed) though
    /// its runner has not acted on it yet.
    fn killed_with_group(&self) -> bool {
        self.default_executor
            .as_ref()
            .is_some_and(|e| e.is_killing(&self.task_id.value))
    }

    /// The task ended in `state` and said so: the default executor may kill the rest of its
    /// group.
    fn ended(&self, state: TaskState) {
        if let Some(executor) = &self.default_executor {
            executor.terminated(&self.task_id.value, state);
        }
    }

    fn grace(&self, request: KillRequest) -> Duration {
        request
            .grace_period
            .or(self.kill_policy_grace)
            .unwrap_or(DEFAULT_KILL_GRACE_PERIOD)
    }
}

/// Runs one task to completion and reports its states.
/// The spec comes boxed so that the task's future stays small for its whole life.
pub(crate) async fn run(
    master: Arc<Master>,
    spec: Box<LaunchSpec>,
    kills: mpsc::Receiver<KillRequest>,
) {
    let reporter = Reporter::new(master, &spec);
    if spec.synthetic {
        let lasts = if spec.task.executor.is_some() {
            // A task of a custom executor (none runs in synthetic mode): it runs until it is
            // killed, as the long-running services such executors host do.
            Some(None)
        } else {
            let command = spec
                .task
                .command
                .as_ref()
                .and_then(|c| c.value.as_deref())
                .unwrap_or_default();
            synthetic_duration(command)
        };
        drop(spec);
        run_synthetic(&reporter, lasts, kills).await;
    } else {
        run_process(&reporter, spec, kills).await;
    }
    let Reporter {
        master,
        agent_id,
        framework_id,
        executor_id,
        default_executor,
        ..
    } = reporter;
    let mut state = master.lock();
    state.executor_exited(&agent_id, &framework_id, &executor_id);
    if let Some(executor) = default_executor {
        let agent = match state.agents.get_mut(&agent_id) {
            Some(agent) => Some(agent),
            None => state.lost_agents.get_mut(&agent_id).map(|l| &mut l.agent),
        };
        if let Some(agent) = agent {
            agent.release_default_executor(&framework_id, executor);
        }
    }
}

/// How long a synthetic command task runs: `sleep N` lasts N seconds (`Some(Some(N))`, or
/// `Some(None)`, until killed, when N is not a duration), anything else finishes at once
/// (`None`).
fn synthetic_duration(command: &str) -> Option<Option<Duration>> {
    command.trim().strip_prefix("sleep ").map(|s| {
        s.trim()
            .parse::<f64>()
            .ok()
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
    })
}

/// Synthetic tasks: they last as `lasts` says (see [`synthetic_duration`]); a kill ends them
/// with TASK_KILLED.
async fn run_synthetic(
    reporter: &Reporter,
    lasts: Option<Option<Duration>>,
    mut kills: mpsc::Receiver<KillRequest>,
) {
    reporter.report(TaskState::TaskStarting, None, None);
    reporter.report(TaskState::TaskRunning, None, None);
    let finished = match lasts {
        None => true,
        Some(duration) => {
            let sleep = async {
                match duration {
                    Some(d) => tokio::time::sleep(d).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = sleep => true,
                request = kills.recv() => {
                    // Any kill ends a synthetic task; the default executor of a task group
                    // still learns what kind it was (a shutdown kills no group).
                    reporter.begin_kill(request.map_or(KillKind::Shutdown, |r| r.kind));
                    false
                }
            }
        }
    };
    if finished {
        reporter.report(
            TaskState::TaskFinished,
            Some("Command exited with status 0".into()),
            None,
        );
        reporter.ended(TaskState::TaskFinished);
    } else {
        if reporter.killing_capable() {
            reporter.report(TaskState::TaskKilling, None, None);
        }
        reporter.report(
            TaskState::TaskKilled,
            Some("Command terminated with signal Terminated".into()),
            None,
        );
        reporter.ended(TaskState::TaskKilled);
    }
}

/// How a running task's wait ended.
enum Ending {
    /// The process exited on its own.
    Exited(std::io::Result<std::process::ExitStatus>),
    /// The task is to be killed with this grace period.
    Kill(Duration),
}

async fn run_process(
    reporter: &Reporter,
    spec: Box<LaunchSpec>,
    mut kills: mpsc::Receiver<KillRequest>,
) {
    if let Some(image) = images::required_image(&spec.task) {
        drop(spec);
        fail_without_image(reporter, &image);
        return;
    }
    reporter.report(TaskState::TaskStarting, None, None);
    let command = spec.task.command.clone().unwrap_or_default();
    let spawned = process::spawn(&spec.sandbox, &command, spec.environment(), &spec.host).await;
    let plan = checks::Plan::new(&spec);
    drop(spec);
    let mut child = match spawned {
        Ok(child) => child,
        Err(message) => {
            reporter.report(
                TaskState::TaskFailed,
                Some(message),
                Some(task_status::Reason::ContainerLaunchFailed),
            );
            reporter.ended(TaskState::TaskFailed);
            return;
        }
    };
    // Both executors create their checkers right after the launch and send TASK_RUNNING
    // before any check result can be handled.
    let mut monitor = Monitor::start(plan, &reporter.task_id.value);
    let mut last = reporter.status(TaskState::TaskRunning, None, None);
    reporter.forward(last.clone());
    let mut killed_by_health_check = false;
    let ending = loop {
        tokio::select! {
            exit = child.wait() => break Ending::Exited(exit),
            request = kills.recv() => match request {
                None => break Ending::Kill(Duration::ZERO),
                Some(request) if reporter.begin_kill(request.kind) => {
                    break Ending::Kill(reporter.grace(request));
                }
                // A task KILL while its default executor shuts down: ignored (`killTask`).
                Some(_) => {}
            },
            Some(event) = monitor.next() => {
                // Checks stop when a kill starts; the default executor kills the rest of a
                // group at once, before the task's runner reads its kill.
                if reporter.killed_with_group() {
                    continue;
                }
                // Updates for checks copy the previous status, so that it keeps what it
                // carried (`check_status`, `healthy`), with a new uuid and timestamp.
                let mut update = last.clone();
                match event {
                    CheckEvent::Health { healthy, kill_task } => {
                        update.reason =
                            Some(task_status::Reason::TaskHealthCheckStatusUpdated as i32);
                        update.healthy = Some(healthy);
                        last = update.clone();
                        reporter.forward(update);
                        if kill_task {
                            // The command executor remembers who killed the task; the
                            // default executor marks itself unhealthy, then `killTask`s.
                            if let Some(executor) = &reporter.default_executor {
                                executor.mark_unhealthy();
                            }
                            if reporter.begin_kill(KillKind::Task) {
                                killed_by_health_check = true;
                                break Ending::Kill(reporter.grace(KillRequest::task(None)));
                            }
                        }
                    }
                    CheckEvent::Check(check_status) => {
                        update.reason = Some(task_status::Reason::TaskCheckStatusUpdated as i32);
                        update.check_status = Some(check_status);
                        last = update.clone();
                        reporter.forward(update);
                    }
                }
            }
        }
    };
    // Checks and health checks stop (`pause()`) when the kill starts or the task ends.
    drop(monitor);
    let (state, message) = match ending {
        Ending::Exited(Ok(status)) => {
            let (success, message) = process::describe(status);
            let state = if reporter.killed_with_group() {
                // `waited`: a task being killed ends TASK_KILLED, however it exited.
                TaskState::TaskKilled
            } else if success {
                TaskState::TaskFinished
            } else {
                TaskState::TaskFailed
            };
            (state, message)
        }
        Ending::Exited(Err(error)) => (
            TaskState::TaskFailed,
            format!("Failed to get exit status for Command: {error}"),
        ),
        Ending::Kill(grace) => {
            if reporter.killing_capable() {
                reporter.report(TaskState::TaskKilling, None, None);
            }
            child.signal(Signal::SIGTERM);
            let status = match tokio::time::timeout(grace, child.wait()).await {
                Ok(status) => status,
                Err(_) => {
                    child.signal(Signal::SIGKILL);
                    child.wait().await
                }
            };
            let message = match status {
                Ok(status) => process::describe(status).1,
                Err(error) => format!("Failed to get exit status for Command: {error}"),
            };
            (TaskState::TaskKilled, message)
        }
    };
    let mut status = reporter.status(state, Some(message), None);
    // "Indicate that a kill occurred due to a failing health check": the command executor
    // when it killed the task for it; the default executor on every terminal status once any
    // of its tasks was (executor wide, MESOS-8543).
    let unhealthy = match &reporter.default_executor {
        Some(executor) => executor.unhealthy(),
        None => state == TaskState::TaskKilled && killed_by_health_check,
    };
    if unhealthy {
        status.healthy = Some(false);
    }
    reporter.forward(status);
    reporter.ended(state);
}

/// A task whose container needs an image mesos-sim cannot provision (see `images`) fails
/// its container launch. A command task's executor never starts: the agent reports
/// TASK_FAILED with `REASON_CONTAINER_LAUNCH_FAILED` (`mesos: src/slave/slave.cpp`
/// `executorLaunched`, then `sendExecutorTerminatedStatusUpdate`, `SOURCE_AGENT`). A task of
/// a task group fails in its default executor, which has sent TASK_STARTING already
/// (`_launchGroup`), then reports TASK_FAILED with the launch error (`waited`). Upstream
/// leaves the reason unset there; mesos-sim sets `REASON_CONTAINER_LAUNCH_FAILED` as well, so
/// that a scheduler can tell the cause in both cases.
fn fail_without_image(reporter: &Reporter, image: &str) {
    let error = images::launch_error(image);
    if reporter.default_executor.is_some() {
        reporter.report(TaskState::TaskStarting, None, None);
        reporter.report(
            TaskState::TaskFailed,
            Some(error),
            Some(task_status::Reason::ContainerLaunchFailed),
        );
        reporter.ended(TaskState::TaskFailed);
    } else {
        let mut status = reporter.status(
            TaskState::TaskFailed,
            Some(format!("Failed to launch container: {error}")),
            Some(task_status::Reason::ContainerLaunchFailed),
        );
        status.source = Some(task_status::Source::Agent as i32);
        status.check_status = None;
        reporter.forward(status);
    }
}
