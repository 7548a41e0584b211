//! `echo-executor`: a custom Mesos executor built on `mesos_sdk::executor`.
//!
//! Launched by an agent (configured by the `MESOS_*` environment), it runs each task's shell
//! command as a process group in the sandbox. The command is the task's `data` (UTF-8): Mesos
//! forbids a `CommandInfo` on a task that names an executor; tasks of a LAUNCH_GROUP carry
//! theirs in `command` as usual. It reports TASK_RUNNING, then TASK_FINISHED or
//! TASK_FAILED with the exit status. KILL stops a task (SIGTERM, then SIGKILL after the kill
//! policy's grace period) and reports TASK_KILLED; SHUTDOWN kills every task and exits within
//! the shutdown grace period. Use it with `execute --executor PATH`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::Duration;

use futures_util::StreamExt;
use mesos_examples::init_logging;
use mesos_sdk::executor::{Executor, ExecutorConfig, ExecutorHandle, TypedEvent};
use mesos_sdk::v1::{TaskInfo, TaskState};
use tokio::process::Command;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Grace period of a kill without a kill policy (the command executor's default).
const DEFAULT_KILL_GRACE: Duration = Duration::from_secs(3);

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    // ANCHOR: start
    let (executor, events) = match ExecutorConfig::from_env().and_then(Executor::start) {
        Ok(started) => started,
        Err(error) => {
            eprintln!("echo-executor: {error}");
            return ExitCode::from(2);
        }
    };
    let mut events = events.typed();
    // ANCHOR_END: start
    let mut tasks = Tasks {
        sandbox: executor.config().sandbox().map(Path::to_path_buf),
        ..Tasks::default()
    };
    while let Some(event) = events.next().await {
        let event = match event {
            Ok(event) => event,
            Err(error) => {
                eprintln!("echo-executor: {error}");
                return ExitCode::FAILURE;
            }
        };
        // ANCHOR: dispatch
        match event {
            TypedEvent::Subscribed { resubscribed, .. } => {
                eprintln!("echo-executor: subscribed (resubscribed: {resubscribed})");
            }
            TypedEvent::Disconnected { reason } => {
                eprintln!("echo-executor: disconnected from the agent: {reason}");
            }
            TypedEvent::Launch(task) => tasks.launch(&executor, *task),
            TypedEvent::LaunchGroup(group) => {
                let ids: Vec<&str> = group
                    .tasks
                    .iter()
                    .map(|t| t.task_id.value.as_str())
                    .collect();
                eprintln!("echo-executor: LAUNCH_GROUP of {}", ids.join(", "));
                for task in group.tasks {
                    tasks.launch(&executor, task);
                }
            }
            TypedEvent::Kill {
                task_id,
                kill_policy,
            } => {
                let grace = kill_policy
                    .and_then(|p| p.grace_period)
                    .map(|d| Duration::from_nanos(d.nanoseconds.max(0) as u64))
                    .unwrap_or(DEFAULT_KILL_GRACE);
                tasks.kill(&task_id.value, grace);
            }
            TypedEvent::Shutdown => {
                // Kill everything within the shutdown grace period, report, and exit.
                tasks
                    .shutdown(executor.config().shutdown_grace_period() / 2)
                    .await;
                eprintln!("echo-executor: shut down");
                return ExitCode::SUCCESS;
            }
            TypedEvent::Error(message) => {
                eprintln!("echo-executor: the agent reported an error: {message}");
            }
            other => tracing::debug!(?other, "executor event"),
        }
        // ANCHOR_END: dispatch
    }
    ExitCode::SUCCESS
}

/// The tasks this executor has launched.
#[derive(Default)]
struct Tasks {
    /// Where commands run.
    sandbox: Option<PathBuf>,
    /// How to stop each task: send the grace period between SIGTERM and SIGKILL.
    stops: HashMap<String, oneshot::Sender<Duration>>,
    /// One per task, ending once the task's final update is sent.
    runners: Vec<JoinHandle<()>>,
}

impl Tasks {
    fn launch(&mut self, executor: &ExecutorHandle, task: TaskInfo) {
        let (stop, stopped) = oneshot::channel();
        self.stops.insert(task.task_id.value.clone(), stop);
        let run = run(executor.clone(), task, self.sandbox.clone(), stopped);
        self.runners.push(tokio::spawn(run));
    }

    /// Stops a task (nothing happens if it has ended already).
    fn kill(&mut self, task_id: &str, grace: Duration) {
        if let Some(stop) = self.stops.remove(task_id) {
            let _ = stop.send(grace);
        }
    }

    /// Stops every task and waits until each has sent its final update.
    async fn shutdown(mut self, grace: Duration) {
        for (_, stop) in self.stops.drain() {
            let _ = stop.send(grace);
        }
        for runner in self.runners {
            let _ = runner.await;
        }
    }
}

/// Runs a task's command (the task's `command`, or else its `data`) and reports its updates.
async fn run(
    executor: ExecutorHandle,
    task: TaskInfo,
    sandbox: Option<PathBuf>,
    stopped: oneshot::Receiver<Duration>,
) {
    let id = task.task_id.clone();
    let command = task
        .command
        .as_ref()
        .and_then(|c| c.value.clone())
        .or_else(|| {
            task.data
                .as_ref()
                .map(|d| String::from_utf8_lossy(d).into())
        })
        .unwrap_or_default();
    let mut process = Command::new("sh");
    process
        .arg("-c")
        .arg(&command)
        .env("MESOS_TASK_ID", &id.value)
        .stdin(Stdio::null())
        .process_group(0)
        .kill_on_drop(true);
    if let Some(dir) = &sandbox {
        process.current_dir(dir);
    }
    let mut child = match process.spawn() {
        Ok(child) => child,
        Err(error) => {
            let message = format!("cannot start {command:?}: {error}");
            let _ = executor
                .update_state(id, TaskState::TaskFailed, Some(message))
                .await;
            return;
        }
    };
    // If this runner is dropped before the task ends (the executor exits with tasks running,
    // and its runtime drops their runners), the whole group goes: `kill_on_drop` would only
    // reach the shell, and what the shell started would outlive the executor.
    let mut group = Group(child.id());
    // ANCHOR: running
    let _ = executor
        .update_state(id.clone(), TaskState::TaskRunning, None)
        .await;
    // ANCHOR_END: running
    let (state, message) = tokio::select! {
        status = child.wait() => match status {
            Ok(s) if s.success() => (TaskState::TaskFinished, "Command exited with status 0".to_string()),
            Ok(s) => (TaskState::TaskFailed, format!("Command exited with {s}")),
            Err(e) => (TaskState::TaskFailed, format!("waiting for the command failed: {e}")),
        },
        Ok(grace) = stopped => {
            signal_group(group.0, "-TERM");
            if tokio::time::timeout(grace, child.wait()).await.is_err() {
                signal_group(group.0, "-KILL");
                let _ = child.wait().await;
            }
            (TaskState::TaskKilled, "Command terminated by a kill".to_string())
        }
    };
    // Reaped: its process id may be reused from now on.
    group.0 = None;
    // ANCHOR: final
    let _ = executor.update_state(id, state, Some(message)).await;
    // ANCHOR_END: final
}

/// A task's process group, SIGKILLed when this is dropped unless it was cleared once the
/// shell was reaped.
struct Group(Option<u32>);

impl Drop for Group {
    fn drop(&mut self) {
        signal_group(self.0.take(), "-KILL");
    }
}

/// Signals the task's process group (the shell and everything it started).
fn signal_group(pid: Option<u32>, signal: &str) {
    if let Some(pid) = pid {
        let _ = std::process::Command::new("kill")
            .args([signal, "--", &format!("-{pid}")])
            .status();
    }
}
