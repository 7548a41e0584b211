//! Work that state changes schedule and that must run outside the master lock: heartbeat and
//! failover timers, status update retries, executor launches and kills, allocation wake-ups.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::Master;
use crate::agent::launch::LaunchSpec;
use crate::agent::{KillRequest, command_executor, custom_executor};

/// One deferred action.
#[derive(Debug)]
pub(crate) enum Effect {
    /// Send a HEARTBEAT every interval on this subscription until it is replaced or closed.
    Heartbeats {
        framework_id: String,
        stream_id: Uuid,
    },
    /// Remove the framework after its failover timeout unless it reconnected meanwhile.
    FailoverTimer {
        framework_id: String,
        epoch: u64,
        after: Duration,
    },
    /// Start an executor process (the agent already tracks its handle).
    Launch {
        spec: Box<LaunchSpec>,
        kills: mpsc::Receiver<KillRequest>,
    },
    /// Ask an executor to kill its task or shut down.
    Kill {
        sender: mpsc::Sender<KillRequest>,
        request: KillRequest,
    },
    /// Resend the in-flight update of a task if it is still unacknowledged by then.
    RetryUpdate {
        agent_id: String,
        framework_id: String,
        task_id: String,
        uuid: Bytes,
        after: Duration,
    },
    /// Resend the latest status of an operation if it is still unacknowledged by then.
    RetryOperationUpdate {
        framework_id: String,
        operation_id: String,
        uuid: Bytes,
        after: Duration,
    },
    /// Run an allocation soon.
    Allocate,
}

/// Effects collected while the lock is held.
pub(crate) type Effects = Vec<Effect>;

impl Master {
    /// Runs effects collected under the lock; call it after releasing the lock.
    pub(crate) fn apply(self: &Arc<Self>, effects: Effects) {
        for effect in effects {
            match effect {
                Effect::Heartbeats {
                    framework_id,
                    stream_id,
                } => self.spawn_heartbeats(framework_id, stream_id),
                Effect::FailoverTimer {
                    framework_id,
                    epoch,
                    after,
                } => self.later(after, move |state| {
                    state.failover_timeout(&framework_id, epoch)
                }),
                Effect::Launch { spec, kills } => {
                    let master = self.clone();
                    if spec.task.executor.is_some() && !spec.synthetic {
                        tokio::spawn(custom_executor::run(master, *spec, kills));
                    } else {
                        tokio::spawn(command_executor::run(master, spec, kills));
                    }
                }
                Effect::Kill { sender, request } => {
                    // The executor may have just exited; then there is nothing to kill.
                    let _ = sender.try_send(request);
                }
                Effect::RetryUpdate {
                    agent_id,
                    framework_id,
                    task_id,
                    uuid,
                    after,
                } => self.later(after, move |state| {
                    state.retry_update(&agent_id, &framework_id, &task_id, &uuid, after)
                }),
                Effect::RetryOperationUpdate {
                    framework_id,
                    operation_id,
                    uuid,
                    after,
                } => self.later(after, move |state| {
                    state.retry_operation_update(&framework_id, &operation_id, &uuid, after)
                }),
                Effect::Allocate => self.allocate_now.notify_one(),
            }
        }
    }

    /// Runs `change` on the state after `after`, then applies its effects.
    pub(crate) fn later(
        self: &Arc<Self>,
        after: Duration,
        change: impl FnOnce(&mut super::state::MasterState) -> Effects + Send + 'static,
    ) {
        let master = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(after).await;
            let effects = change(&mut master.lock());
            master.apply(effects);
        });
    }

    fn spawn_heartbeats(self: &Arc<Self>, framework_id: String, stream_id: Uuid) {
        let master = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                let interval = match master.upgrade() {
                    Some(m) => m.lock().config.heartbeat_interval,
                    None => return,
                };
                tokio::time::sleep(interval).await;
                let Some(master) = master.upgrade() else {
                    return;
                };
                let (alive, effects) = master.lock().heartbeat(&framework_id, stream_id);
                master.apply(effects);
                if !alive {
                    return;
                }
            }
        });
    }
}
