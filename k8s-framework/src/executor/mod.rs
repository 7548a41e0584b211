//! `k8sm executor`: the custom Mesos executor the k8sm scheduler launches on each agent. It
//! runs pods the way a kubelet runs them, as processes: one Mesos task per pod, its
//! [`PodTask`] in `TaskInfo.data`, every change of the pod's status reported as a
//! `TaskStatus` with the `PodStatus` as JSON in `data`. It is built on `mesos_sdk::executor`
//! and holds no Kubernetes credentials.
//!
//! Reports per pod: TASK_STARTING at launch, TASK_RUNNING once a container runs and again on
//! every later change (at most one update per [`REPORT_INTERVAL`], always the latest status,
//! so a flapping container cannot flood the agent), then TASK_FINISHED (Succeeded),
//! TASK_FAILED (Failed, with the reason) or TASK_KILLED. A task whose data is not a pod it can
//! run fails at once with the reason; the executor keeps running its other pods.

mod env;
pub mod logs;
mod pod;
mod probe;
pub mod rotate;
pub mod shim;
mod volumes;

pub use env::{ConfigError, argv, environment, expand, field_value};
pub use pod::{
    BACKOFF_INITIAL, BACKOFF_MAX, BACKOFF_RESET, Outcome, PodHandle, RunningPod, backoff, log_path,
    pod_dir, start as start_pod, start_with_log_limits as start_pod_with_log_limits,
};

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::executor::{Executor, ExecutorConfig, ExecutorEvent, ExecutorHandle};
use mesos_sdk::v1::executor::event;
use mesos_sdk::v1::{TaskId, TaskInfo, TaskState, TaskStatus};

use crate::pod_task::{FrameworkMessage, PodTask, ProbeFailure, status_to_data_with};
use k8s_openapi::api::core::v1::PodStatus;

/// The shortest time between two TASK_RUNNING reports of one pod.
pub const REPORT_INTERVAL: Duration = Duration::from_millis(250);

/// The grace period of a KILL without a kill policy: the pod's own
/// `terminationGracePeriodSeconds` when it has one, else Kubernetes' default of 30 s.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(30);

/// Why the executor stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExecutorError {
    /// The agent's environment, or the session with the agent, failed.
    #[error(transparent)]
    Mesos(#[from] mesos_sdk::Error),
    /// A setting in the executor's environment cannot be used.
    #[error("invalid executor environment: {0}")]
    Environment(#[from] rotate::LimitError),
}

/// A running pod, as the event loop reaches it.
#[derive(Clone)]
struct PodEntry {
    handle: PodHandle,
    /// The grace period a KILL without a kill policy gets.
    grace: Duration,
    /// The scheduler asked for it by message: it is told once the pod is gone.
    report_gone: bool,
}

/// The running pods by task id.
type Pods = Arc<Mutex<HashMap<String, PodEntry>>>;

/// Runs the executor with the environment the agent gave this process, until SHUTDOWN or the
/// end of the session; every pod is stopped before it returns.
pub async fn run() -> Result<(), ExecutorError> {
    let config = ExecutorConfig::from_env()?;
    let sandbox = config
        .sandbox()
        .or(config.directory())
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")));
    let shutdown_grace = config.shutdown_grace_period();
    let log_limits = rotate::LogLimits::from_env()?;
    let (executor, mut events) = Executor::start(config)?;
    let pods: Pods = Arc::new(Mutex::new(HashMap::new()));
    // The kubelet's log endpoint, on the port the scheduler gave this executor.
    let pod_logs = logs::PodLogs::default();
    let _log_endpoint = logs::start(pod_logs.clone());
    let mut reporters = Vec::new();
    let mut result = Ok(());
    let mut sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| {
            tracing::warn!(error = %e, "cannot watch SIGTERM");
            e
        })
        .ok();
    loop {
        let next = tokio::select! {
            next = events.next() => next,
            _ = async {
                match sigterm.as_mut() {
                    Some(s) => { s.recv().await; }
                    None => std::future::pending::<()>().await,
                }
            } => {
                tracing::info!("SIGTERM: stopping every pod");
                break;
            }
        };
        let Some(item) = next else { break };
        let event = match item {
            Ok(ExecutorEvent::Event(event)) => event,
            Ok(ExecutorEvent::Subscribed { resubscribed, .. }) => {
                tracing::info!(resubscribed, "subscribed to the agent");
                continue;
            }
            Ok(ExecutorEvent::Disconnected { reason }) => {
                tracing::warn!(%reason, "disconnected from the agent");
                continue;
            }
            Ok(_) => continue,
            Err(error) => {
                result = Err(error.into());
                break;
            }
        };
        match event.r#type() {
            event::Type::Launch => {
                if let Some(launch) = event.launch {
                    reporters.push(launch_pod(
                        &executor,
                        &pods,
                        launch.task,
                        &sandbox,
                        &pod_logs,
                        log_limits,
                    ));
                }
            }
            event::Type::LaunchGroup => {
                for task in event
                    .launch_group
                    .map(|g| g.task_group.tasks)
                    .unwrap_or_default()
                {
                    reporters.push(launch_pod(
                        &executor, &pods, task, &sandbox, &pod_logs, log_limits,
                    ));
                }
            }
            event::Type::Kill => {
                if let Some(kill) = event.kill {
                    let grace = kill
                        .kill_policy
                        .and_then(|p| p.grace_period)
                        .map(|d| Duration::from_nanos(u64::try_from(d.nanoseconds).unwrap_or(0)));
                    kill_pod(&pods, &kill.task_id, grace);
                }
            }
            event::Type::Message => {
                if let Some(message) = event.message {
                    on_message(&executor, &pods, &message.data);
                }
            }
            event::Type::Shutdown => break,
            event::Type::Error => {
                let message = event.error.map(|e| e.message).unwrap_or_default();
                tracing::error!(%message, "the agent reported an error");
            }
            _ => {}
        }
    }
    // SHUTDOWN, SIGTERM or the end of the session: every pod goes with its own grace period,
    // cut to what fits in the shutdown grace period the agent gives us (it kills us after it).
    let cap = shutdown_grace.mul_f32(0.8);
    // Poisoned or not, every pod is reached: one skipped would outlive the executor's grace.
    let handles: Vec<_> = pods
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .values()
        .cloned()
        .collect();
    for entry in handles {
        entry.handle.kill(entry.grace.min(cap));
    }
    for reporter in reporters {
        let _ = tokio::time::timeout(shutdown_grace, reporter).await;
    }
    executor.close();
    result
}

fn kill_pod(pods: &Pods, task: &TaskId, grace: Option<Duration>) {
    let found = pods
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&task.value)
        .cloned();
    if let Some(entry) = found {
        entry.handle.kill(grace.unwrap_or(entry.grace));
    }
}

/// A framework message from the scheduler: a [`FrameworkMessage::Kill`] stops the pod and is
/// answered with [`FrameworkMessage::Gone`] once its processes are gone (at once when it is
/// not running here).
fn on_message(executor: &ExecutorHandle, pods: &Pods, data: &[u8]) {
    let Some(FrameworkMessage::Kill {
        task,
        grace_period_seconds,
    }) = FrameworkMessage::from_data(data)
    else {
        tracing::warn!(
            bytes = data.len(),
            "ignoring a message that is not a kill order"
        );
        return;
    };
    let running = {
        let mut pods = pods
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        pods.get_mut(&task).map(|entry| {
            entry.report_gone = true;
            entry.handle.clone()
        })
    };
    match running {
        Some(handle) => {
            tracing::info!(%task, "the scheduler asks for the pod to stop");
            handle.kill(Duration::from_secs(grace_period_seconds));
        }
        None => {
            let executor = executor.clone();
            tokio::spawn(async move { send_gone(&executor, task).await });
        }
    }
}

/// This binary, to run the containers' shim with. Linux's `/proc/self/exe` starts this very
/// binary even after its file was replaced on disk (an upgrade, a rebuild), whereas
/// `current_exe()` then names the deleted file (`".../k8sm (deleted)"`), and every container
/// started afterwards would fail.
fn this_binary() -> Option<std::path::PathBuf> {
    let proc_exe = std::path::Path::new("/proc/self/exe");
    if proc_exe.exists() {
        return Some(proc_exe.to_path_buf());
    }
    std::env::current_exe().ok()
}

/// Tells the scheduler that no process of the pod of `task` runs here.
async fn send_gone(executor: &ExecutorHandle, task: String) {
    let data = FrameworkMessage::Gone { task: task.clone() }.to_data();
    if let Err(error) = executor.message(data.into()).await {
        // The scheduler asks again.
        tracing::warn!(%task, %error, "cannot tell the scheduler the pod is gone");
    }
}

async fn report(
    executor: &ExecutorHandle,
    task: &TaskInfo,
    state: TaskState,
    data: Option<Vec<u8>>,
    message: Option<String>,
) {
    let status = TaskStatus {
        task_id: task.task_id.clone(),
        state: state as i32,
        data: data.map(Into::into),
        message,
        ..Default::default()
    };
    if let Err(error) = executor.update(status).await {
        tracing::warn!(task = %task.task_id.value, ?state, %error, "status update failed");
    }
}

/// Starts the pod of `task` and a reporter that turns its status changes into updates.
fn launch_pod(
    executor: &ExecutorHandle,
    pods: &Pods,
    task: TaskInfo,
    sandbox: &std::path::Path,
    pod_logs: &logs::PodLogs,
    log_limits: rotate::LogLimits,
) -> tokio::task::JoinHandle<()> {
    let executor = executor.clone();
    let pods = pods.clone();
    let sandbox = sandbox.to_path_buf();
    let pod_logs = pod_logs.clone();
    tokio::spawn(async move {
        let pod_task = match PodTask::from_data(task.data.as_deref().unwrap_or_default()) {
            Ok(pod_task) => pod_task,
            Err(error) => {
                tracing::warn!(task = %task.task_id.value, %error, "cannot run the task");
                report(
                    &executor,
                    &task,
                    TaskState::TaskFailed,
                    None,
                    Some(error.to_string()),
                )
                .await;
                return;
            }
        };
        let default_grace = pod_task
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.termination_grace_period_seconds)
            .map(|s| Duration::from_secs(u64::try_from(s).unwrap_or(0)))
            .unwrap_or(DEFAULT_GRACE);
        report(&executor, &task, TaskState::TaskStarting, None, None).await;
        let shim = this_binary();
        let log_source = logs::LogSource::new(&pod_task, &sandbox);
        let mut running =
            pod::start_with_log_limits(pod_task, &sandbox, shim.as_deref(), log_limits);
        pod_logs.add(log_source, running.status.clone());
        {
            let mut pods = pods
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            pods.insert(
                task.task_id.value.clone(),
                PodEntry {
                    handle: running.handle.clone(),
                    grace: default_grace,
                    report_gone: false,
                },
            );
        }
        let mut last_sent: Option<(PodStatus, Vec<ProbeFailure>)> = None;
        let mut done = running.done;
        let mut failures = running.probe_failures.clone();
        let outcome = loop {
            tokio::select! {
                outcome = &mut done => break outcome.unwrap_or(Outcome::Failed { message: "the pod's supervisor panicked".into() }),
                changed = running.status.changed() => {
                    if changed.is_err() {
                        continue;
                    }
                }
                changed = failures.changed() => {
                    if changed.is_err() {
                        continue;
                    }
                }
            }
            let status = running.status.borrow_and_update().clone();
            let failed = failures.borrow_and_update().clone();
            let pending = status.phase.as_deref().unwrap_or("Pending") == "Pending";
            let now = (status, failed);
            if pending || last_sent.as_ref() == Some(&now) {
                continue;
            }
            let data = status_to_data_with(&now.0, &now.1);
            report(&executor, &task, TaskState::TaskRunning, Some(data), None).await;
            last_sent = Some(now);
            // Coalesce: whatever changes meanwhile is reported once, as its latest (a
            // flapping probe cannot flood the agent).
            tokio::time::sleep(REPORT_INTERVAL).await;
        };
        let entry = pods
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&task.task_id.value);
        if entry.is_some_and(|e| e.report_gone) {
            send_gone(&executor, task.task_id.value.clone()).await;
        }
        let status = running.status.borrow().clone();
        let data = Some(status_to_data_with(&status, &failures.borrow()));
        match outcome {
            Outcome::Succeeded => {
                report(&executor, &task, TaskState::TaskFinished, data, None).await
            }
            Outcome::Failed { message } => {
                report(&executor, &task, TaskState::TaskFailed, data, Some(message)).await
            }
            Outcome::Killed => report(&executor, &task, TaskState::TaskKilled, data, None).await,
        }
    })
}
