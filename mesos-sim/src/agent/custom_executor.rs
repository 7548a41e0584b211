//! Custom executors (`ExecutorInfo.command`): spawned as real processes that must subscribe
//! over the agent's executor API. SHUTDOWN is sent as an event, then the process group is
//! killed after the shutdown grace period; when the process ends, its unfinished tasks fail
//! and the scheduler gets a FAILURE event with the exit status. An executor that does not
//! subscribe within the registration timeout is killed and its tasks fail with
//! `REASON_EXECUTOR_REGISTRATION_TIMEOUT`.

use std::sync::Arc;
use std::time::Duration;

use nix::sys::signal::Signal;
use tokio::sync::mpsc;

use mesos_sdk::v1::task_status;

use super::launch::LaunchSpec;
use super::{KillRequest, executor_events, process};
use crate::master::Master;
use mesos_sdk::duration::format_duration;

/// Whether the executor has subscribed at least once.
fn subscribed_once(master: &Master, spec: &LaunchSpec) -> bool {
    let state = master.lock();
    state
        .agents
        .get(&spec.agent_id)
        .and_then(|a| {
            a.executors
                .get(&(spec.framework_id.clone(), spec.executor_id.clone()))
        })
        .and_then(|e| e.custom.as_ref())
        .is_none_or(|c| c.subscribed_once)
}

/// Runs the executor process until it exits.
pub(crate) async fn run(
    master: Arc<Master>,
    spec: LaunchSpec,
    mut kills: mpsc::Receiver<KillRequest>,
) {
    let command = spec
        .task
        .executor
        .as_ref()
        .and_then(|e| e.command.clone())
        .unwrap_or_default();
    let mut registration_timed_out = false;
    let spawned = process::spawn(&spec.sandbox, &command, spec.environment(), &spec.host).await;
    let exit = match spawned {
        Err(message) => {
            tracing::warn!(executor_id = %spec.executor_id, %message, "executor launch failed");
            None
        }
        Ok(mut child) => {
            // `--executor_registration_timeout`: an executor that never subscribes is destroyed
            // (`mesos: src/slave/slave.cpp` `Slave::registerExecutorTimeout`).
            let registration = tokio::time::sleep(spec.registration_timeout);
            tokio::pin!(registration);
            let mut registration_pending = true;
            loop {
                tokio::select! {
                    status = child.wait() => break status.ok(),
                    _ = &mut registration, if registration_pending => {
                        registration_pending = false;
                        if subscribed_once(&master, &spec) {
                            continue;
                        }
                        registration_timed_out = true;
                        child.signal(Signal::SIGKILL);
                        break child.wait().await.ok();
                    }
                    request = kills.recv() => {
                        let grace = request.and_then(|r| r.grace_period).unwrap_or(spec.shutdown_grace_period);
                        {
                            let mut state = master.lock();
                            if let Some(custom) = state
                                .agents
                                .get_mut(&spec.agent_id)
                                .and_then(|a| a.executors.get_mut(&(spec.framework_id.clone(), spec.executor_id.clone())))
                                .and_then(|e| e.custom.as_mut())
                            {
                                custom.terminating = true;
                            }
                            state.send_to_executor(&spec.agent_id, &spec.framework_id, &spec.executor_id, &executor_events::shutdown());
                        }
                        let status = match tokio::time::timeout(grace.max(Duration::from_millis(1)), child.wait()).await {
                            Ok(status) => status.ok(),
                            Err(_) => {
                                child.signal(Signal::SIGKILL);
                                child.wait().await.ok()
                            }
                        };
                        break status;
                    }
                }
            }
        }
    };
    let code = exit.and_then(|s| s.code());
    let effects = {
        let mut state = master.lock();
        match state.agents.get_mut(&spec.agent_id) {
            // Nobody watches the process while the agent is down; it finds out on recovery.
            Some(agent) if agent.stopped => {
                agent.exited_while_stopped.push((
                    spec.framework_id.clone(),
                    spec.executor_id.clone(),
                    code,
                ));
                Vec::new()
            }
            _ if registration_timed_out => state.executor_failed(
                &spec.agent_id,
                &spec.framework_id,
                &spec.executor_id,
                code,
                task_status::Reason::ExecutorRegistrationTimeout,
                format!(
                    "Executor did not register within {}",
                    format_duration(spec.registration_timeout)
                ),
            ),
            _ => state.executor_terminated(
                &spec.agent_id,
                &spec.framework_id,
                &spec.executor_id,
                code,
            ),
        }
    };
    master.apply(effects);
}
