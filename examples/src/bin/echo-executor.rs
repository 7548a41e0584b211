//! `echo-executor`: a custom Mesos executor built on `mesos_sdk::executor`.
//!
//! Launched by an agent (configured by the `MESOS_*` environment), it runs each task's shell
//! command as a process group in the sandbox. The command is the task's `data` (UTF-8): Mesos
//! forbids a `CommandInfo` on a task that names an executor; tasks of a LAUNCH_GROUP carry
//! theirs in `command` as usual and reports TASK_RUNNING, then TASK_FINISHED or
//! TASK_FAILED with the exit status. KILL stops a task (SIGTERM, then SIGKILL after the kill
//! policy's grace period) and reports TASK_KILLED; SHUTDOWN kills every task and exits within
//! the shutdown grace period. Use it with `execute --executor PATH`.

use std::collections::HashMap;
use std::process::{ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use mesos_examples::init_logging;
use mesos_sdk::executor::{Executor, ExecutorConfig, ExecutorEvent, ExecutorHandle};
use mesos_sdk::v1::executor::event;
use mesos_sdk::v1::{TaskId, TaskInfo, TaskState};
use tokio::process::Command;
use tokio::sync::oneshot;

/// Grace period of a kill without a kill policy (the command executor's default).
const DEFAULT_KILL_GRACE: Duration = Duration::from_secs(3);

/// A running task: how to stop it.
struct Running {
    stop: oneshot::Sender<Duration>,
}

type Tasks = Arc<Mutex<HashMap<String, Running>>>;

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    // ANCHOR: start
    let config = match ExecutorConfig::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("echo-executor: {error}");
            return ExitCode::from(2);
        }
    };
    let sandbox = config.sandbox().map(|p| p.to_path_buf());
    let (executor, mut events) = match Executor::start(config) {
        Ok(started) => started,
        Err(error) => {
            eprintln!("echo-executor: {error}");
            return ExitCode::from(2);
        }
    };
    // ANCHOR_END: start
    let tasks: Tasks = Arc::new(Mutex::new(HashMap::new()));
    let mut finished = Vec::new();
    while let Some(item) = events.next().await {
        let event = match item {
            Ok(ExecutorEvent::Event(event)) => event,
            Ok(ExecutorEvent::Subscribed { resubscribed, .. }) => {
                eprintln!("echo-executor: subscribed (resubscribed: {resubscribed})");
                continue;
            }
            Ok(ExecutorEvent::Disconnected { reason }) => {
                eprintln!("echo-executor: disconnected from the agent: {reason}");
                continue;
            }
            Ok(other) => {
                tracing::debug!(?other, "executor event");
                continue;
            }
            Err(error) => {
                eprintln!("echo-executor: {error}");
                return ExitCode::FAILURE;
            }
        };
        // ANCHOR: dispatch
        match event.r#type() {
            event::Type::Launch => {
                if let Some(launch) = event.launch {
                    finished.push(launch_task(&executor, &tasks, launch.task, sandbox.clone()));
                }
            }
            event::Type::LaunchGroup => {
                let group = event
                    .launch_group
                    .map(|g| g.task_group.tasks)
                    .unwrap_or_default();
                let ids: Vec<&str> = group.iter().map(|t| t.task_id.value.as_str()).collect();
                eprintln!("echo-executor: LAUNCH_GROUP of {}", ids.join(", "));
                for task in group {
                    finished.push(launch_task(&executor, &tasks, task, sandbox.clone()));
                }
            }
            event::Type::Kill => {
                if let Some(kill) = event.kill {
                    let grace = kill
                        .kill_policy
                        .and_then(|p| p.grace_period)
                        .map(|d| Duration::from_nanos(d.nanoseconds.max(0) as u64))
                        .unwrap_or(DEFAULT_KILL_GRACE);
                    stop(&tasks, &kill.task_id, grace);
                }
            }
            event::Type::Shutdown => {
                // Kill everything within the shutdown grace period, report, and exit.
                let grace = executor.config().shutdown_grace_period() / 2;
                let ids: Vec<String> = tasks
                    .lock()
                    .map(|t| t.keys().cloned().collect())
                    .unwrap_or_default();
                for id in ids {
                    stop(&tasks, &TaskId { value: id }, grace);
                }
                for done in finished.drain(..) {
                    let _ = done.await;
                }
                eprintln!("echo-executor: shut down");
                return ExitCode::SUCCESS;
            }
            event::Type::Error => {
                let message = event.error.map(|e| e.message).unwrap_or_default();
                eprintln!("echo-executor: the agent reported an error: {message}");
            }
            _ => {}
        }
        // ANCHOR_END: dispatch
    }
    ExitCode::SUCCESS
}

fn stop(tasks: &Tasks, task_id: &TaskId, grace: Duration) {
    if let Some(running) = tasks.lock().ok().and_then(|mut t| t.remove(&task_id.value)) {
        let _ = running.stop.send(grace);
    }
}

/// Starts a task's command; the returned handle ends once its final update is sent.
fn launch_task(
    executor: &ExecutorHandle,
    tasks: &Tasks,
    task: TaskInfo,
    sandbox: Option<std::path::PathBuf>,
) -> tokio::task::JoinHandle<()> {
    let executor = executor.clone();
    let (stop_tx, stop_rx) = oneshot::channel();
    if let Ok(mut t) = tasks.lock() {
        t.insert(task.task_id.value.clone(), Running { stop: stop_tx });
    }
    let tasks = tasks.clone();
    tokio::spawn(async move {
        let id = task.task_id.clone();
        let command = task
            .command
            .as_ref()
            .and_then(|c| c.value.clone())
            .or_else(|| {
                task.data
                    .as_ref()
                    .map(|d| String::from_utf8_lossy(d).into_owned())
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
                    .update_state(id.clone(), TaskState::TaskFailed, Some(message))
                    .await;
                forget(&tasks, &id);
                return;
            }
        };
        // ANCHOR: running
        let _ = executor
            .update_state(id.clone(), TaskState::TaskRunning, None)
            .await;
        // ANCHOR_END: running
        let pid = child.id();
        let (state, message) = tokio::select! {
            status = child.wait() => match status {
                Ok(s) if s.success() => (TaskState::TaskFinished, "Command exited with status 0".to_string()),
                Ok(s) => (TaskState::TaskFailed, format!("Command exited with {s}")),
                Err(e) => (TaskState::TaskFailed, format!("waiting for the command failed: {e}")),
            },
            Ok(grace) = stop_rx => {
                signal_group(pid, "-TERM");
                if tokio::time::timeout(grace, child.wait()).await.is_err() {
                    signal_group(pid, "-KILL");
                    let _ = child.wait().await;
                }
                (TaskState::TaskKilled, "Command terminated by a kill".to_string())
            }
        };
        // ANCHOR: final
        forget(&tasks, &id);
        let _ = executor.update_state(id, state, Some(message)).await;
        // ANCHOR_END: final
    })
}

fn forget(tasks: &Tasks, id: &TaskId) {
    if let Ok(mut t) = tasks.lock() {
        t.remove(&id.value);
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
