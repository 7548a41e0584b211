//! The built-in command executor: runs `TaskInfo.command` as a real child process (`sh -c`
//! for shell commands) in the task's sandbox with the `MESOS_*` environment, and reports
//! TASK_STARTING, TASK_RUNNING, then FINISHED, FAILED (with the exit status) or KILLED.
//! Kills send SIGTERM to the process group, then SIGKILL after the grace period
//! (`mesos: src/launcher/executor.cpp`). In synthetic mode no process is spawned.

use std::sync::Arc;
use std::time::Duration;

use mesos_sdk::v1::{TaskId, TaskState, TaskStatus, framework_info, task_status};
use tokio::sync::mpsc;

use super::launch::LaunchSpec;
use super::{KillRequest, process};
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
        }
    }

    fn report(
        &self,
        state: TaskState,
        message: Option<String>,
        reason: Option<task_status::Reason>,
    ) {
        let status = TaskStatus {
            task_id: self.task_id.clone(),
            state: state as i32,
            message,
            reason: reason.map(|r| r as i32),
            source: Some(task_status::Source::Executor as i32),
            ..Default::default()
        };
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
        let command = spec
            .task
            .command
            .as_ref()
            .and_then(|c| c.value.clone())
            .unwrap_or_default();
        drop(spec);
        run_synthetic(&reporter, &command, kills).await;
    } else {
        run_process(&reporter, spec, kills).await;
    }
    reporter.master.lock().executor_exited(
        &reporter.agent_id,
        &reporter.framework_id,
        &reporter.executor_id,
    );
}

/// Synthetic tasks: `sleep N` lasts N seconds, anything else finishes at once; a kill ends
/// them with TASK_KILLED.
async fn run_synthetic(reporter: &Reporter, command: &str, mut kills: mpsc::Receiver<KillRequest>) {
    reporter.report(TaskState::TaskStarting, None, None);
    reporter.report(TaskState::TaskRunning, None, None);
    let lasts = command.trim().strip_prefix("sleep ").map(|s| {
        s.trim()
            .parse::<f64>()
            .ok()
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
    });
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
                _ = kills.recv() => false,
            }
        }
    };
    if finished {
        reporter.report(
            TaskState::TaskFinished,
            Some("Command exited with status 0".into()),
            None,
        );
    } else {
        if reporter.killing_capable() {
            reporter.report(TaskState::TaskKilling, None, None);
        }
        reporter.report(
            TaskState::TaskKilled,
            Some("Command terminated with signal Terminated".into()),
            None,
        );
    }
}

async fn run_process(
    reporter: &Reporter,
    spec: Box<LaunchSpec>,
    mut kills: mpsc::Receiver<KillRequest>,
) {
    reporter.report(TaskState::TaskStarting, None, None);
    let command = spec.task.command.clone().unwrap_or_default();
    let spawned = process::spawn(&spec.sandbox, &command, spec.environment()).await;
    drop(spec);
    let mut child = match spawned {
        Ok(child) => child,
        Err(message) => {
            reporter.report(
                TaskState::TaskFailed,
                Some(message),
                Some(task_status::Reason::ContainerLaunchFailed),
            );
            return;
        }
    };
    reporter.report(TaskState::TaskRunning, None, None);
    let pid = child.id();
    let exit = tokio::select! {
        exit = child.wait() => Ok(exit),
        request = kills.recv() => Err(request),
    };
    match exit {
        Ok(Ok(status)) => {
            let (success, message) = process::describe(status);
            let state = if success {
                TaskState::TaskFinished
            } else {
                TaskState::TaskFailed
            };
            reporter.report(state, Some(message), None);
        }
        Ok(Err(error)) => reporter.report(
            TaskState::TaskFailed,
            Some(format!("Failed to get exit status for Command: {error}")),
            None,
        ),
        Err(request) => {
            let grace = request.map(|r| reporter.grace(r)).unwrap_or(Duration::ZERO);
            if reporter.killing_capable() {
                reporter.report(TaskState::TaskKilling, None, None);
            }
            if let Some(pid) = pid {
                process::signal_group(pid, "TERM").await;
            }
            let status = match tokio::time::timeout(grace, child.wait()).await {
                Ok(status) => status,
                Err(_) => {
                    if let Some(pid) = pid {
                        process::signal_group(pid, "KILL").await;
                    }
                    let _ = child.start_kill();
                    child.wait().await
                }
            };
            let message = match status {
                Ok(status) => process::describe(status).1,
                Err(error) => format!("Failed to get exit status for Command: {error}"),
            };
            reporter.report(TaskState::TaskKilled, Some(message), None);
        }
    }
}
