//! Custom executors (`ExecutorInfo.command`): spawned as real processes that must subscribe
//! over the agent's executor API. SHUTDOWN is sent as an event, then the process group is
//! killed after the shutdown grace period; when the process ends, its unfinished tasks fail
//! and the scheduler gets a FAILURE event with the exit status.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use super::launch::LaunchSpec;
use super::{KillRequest, executor_events, process};
use crate::master::Master;

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
    let exit = match process::spawn(&spec.sandbox, &command, spec.environment()).await {
        Err(message) => {
            tracing::warn!(executor_id = %spec.executor_id, %message, "executor launch failed");
            None
        }
        Ok(mut child) => {
            let pid = child.id();
            tokio::select! {
                status = child.wait() => status.ok(),
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
                    match tokio::time::timeout(grace.max(Duration::from_millis(1)), child.wait()).await {
                        Ok(status) => status.ok(),
                        Err(_) => {
                            if let Some(pid) = pid {
                                process::signal_group(pid, "KILL").await;
                            }
                            let _ = child.start_kill();
                            child.wait().await.ok()
                        }
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
