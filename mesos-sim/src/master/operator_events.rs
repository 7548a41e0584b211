//! The operator API's event stream (`SUBSCRIBE` on `/api/v1`): its subscribers, and the
//! events they get. Rather than threading a hook through every place that changes a task,
//! agent or framework, the master keeps a small view of what subscribers were last told and,
//! each time its lock is released with subscribers present, compares it with the state and
//! sends the difference in upstream's terms (`mesos: src/master/master.cpp`):
//!
//! - TASK_ADDED for a task the view lacks (`Master::addTask`), TASK_UPDATED when a task's
//!   latest status has a new state, or is a check or health check update
//!   (`Master::updateTask`);
//! - AGENT_ADDED for a new agent (`Master::addSlave`); AGENT_REMOVED when an agent is removed
//!   other than by being marked unreachable or gone: upstream sends it only from
//!   `Master::_removeSlave`, not from `__removeSlave`, which those two use;
//! - FRAMEWORK_ADDED for a new framework, FRAMEWORK_UPDATED when a framework subscribes
//!   again or its `FrameworkInfo` changes (`Master::sendFrameworkUpdates`),
//!   FRAMEWORK_REMOVED when it is removed (`Master::removeFramework`).
//!
//! Several changes made under one hold of the lock collapse into their end result.

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use mesos_sdk::v1::master::{Event, event};
use mesos_sdk::v1::{AgentId, TaskState, task_status};
use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TrySendError;
use uuid::Uuid;

use super::operator_api::{agent_proto, encode_operator, framework_proto, task_proto};
use super::state::MasterState;
use crate::http::media::Encoding;

/// One open operator event stream.
#[derive(Debug)]
pub(crate) struct OperatorSubscriber {
    pub(crate) id: Uuid,
    pub(crate) sender: mpsc::Sender<Bytes>,
    pub(crate) encoding: Encoding,
}

/// What subscribers were last told about one task.
#[derive(Clone, Debug, PartialEq)]
struct TaskView {
    state: TaskState,
    status_state: Option<i32>,
    status_uuid: Option<Bytes>,
    status_timestamp: Option<u64>,
}

/// What subscribers were last told.
#[derive(Clone, Debug, Default)]
struct View {
    tasks: BTreeMap<(String, String), TaskView>,
    agents: BTreeSet<String>,
    /// Each framework's stream id (a new one is a re-subscription) and `FrameworkInfo`.
    frameworks: BTreeMap<String, (Option<Uuid>, Vec<u8>)>,
}

/// The operator subscribers of a master and the view they share.
#[derive(Debug, Default)]
pub(crate) struct OperatorStreams {
    subscribers: Vec<OperatorSubscriber>,
    view: View,
}

impl OperatorStreams {
    /// Whether anyone listens (the view is kept only then).
    pub(crate) fn is_empty(&self) -> bool {
        self.subscribers.is_empty()
    }
}

/// One event framed as a RecordIO record.
pub(crate) fn record(encoding: Encoding, event: &Event) -> Bytes {
    mesos_sdk::recordio::encode_record(&encode_operator(encoding, event))
}

/// `HEARTBEAT`.
pub(crate) fn heartbeat() -> Event {
    Event {
        r#type: Some(event::Type::Heartbeat as i32),
        ..Default::default()
    }
}

fn view_of(state: &MasterState) -> View {
    let mut view = View::default();
    for framework in state.frameworks.values() {
        let tasks = framework
            .tasks
            .values()
            .chain(framework.unreachable_tasks.values().map(|(t, _)| t))
            .chain(framework.completed_tasks.iter());
        for task in tasks {
            let status = task.latest_status.as_ref();
            view.tasks.insert(
                (framework.id.clone(), task.info.task_id.value.clone()),
                TaskView {
                    state: task.state,
                    status_state: status.map(|s| s.state),
                    status_uuid: status.and_then(|s| s.uuid.clone()),
                    status_timestamp: status.and_then(|s| s.timestamp).map(f64::to_bits),
                },
            );
        }
        view.frameworks.insert(
            framework.id.clone(),
            (
                framework.connection.as_ref().map(|c| c.stream_id),
                prost::Message::encode_to_vec(&framework.info),
            ),
        );
    }
    view.agents = state.agents.keys().cloned().collect();
    view
}

impl MasterState {
    /// Adds an operator subscriber: SUBSCRIBED with the whole state, then a HEARTBEAT (the
    /// heartbeater fires at once). `false` if the stream could not take them.
    pub(crate) fn add_operator_subscriber(&mut self, subscriber: OperatorSubscriber) -> bool {
        if self.operator.subscribers.is_empty() {
            self.operator.view = view_of(self);
        } else {
            // Bring the others up to date first, so the new one starts from the same view.
            self.publish_operator_events();
        }
        let subscribed = Event {
            r#type: Some(event::Type::Subscribed as i32),
            subscribed: Some(event::Subscribed {
                get_state: Some(super::operator_api::get_state(self)),
                heartbeat_interval_seconds: Some(self.config.heartbeat_interval.as_secs_f64()),
            }),
            ..Default::default()
        };
        let sent = subscriber
            .sender
            .try_send(record(subscriber.encoding, &subscribed))
            .is_ok()
            && subscriber
                .sender
                .try_send(record(subscriber.encoding, &heartbeat()))
                .is_ok();
        if sent {
            self.operator.subscribers.push(subscriber);
        }
        sent
    }

    /// Removes the subscriber `id` (its client went away).
    pub(crate) fn remove_operator_subscriber(&mut self, id: Uuid) {
        self.operator.subscribers.retain(|s| s.id != id);
    }

    /// Sends a HEARTBEAT to subscriber `id`; `false` once it is gone.
    pub(crate) fn operator_heartbeat(&mut self, id: Uuid) -> bool {
        if self.heartbeats_stopped {
            return self.operator.subscribers.iter().any(|s| s.id == id);
        }
        self.publish_operator_events();
        let Some(index) = self.operator.subscribers.iter().position(|s| s.id == id) else {
            return false;
        };
        let subscriber = &self.operator.subscribers[index];
        if subscriber
            .sender
            .try_send(record(subscriber.encoding, &heartbeat()))
            .is_err()
        {
            self.operator.subscribers.remove(index);
            return false;
        }
        true
    }

    /// Sends subscribers what changed since they were last told.
    pub(crate) fn publish_operator_events(&mut self) {
        if self.operator.subscribers.is_empty() {
            return;
        }
        let now = view_of(self);
        let old = std::mem::take(&mut self.operator.view);
        let mut events = Vec::new();
        for (id, (stream, info)) in &now.frameworks {
            match old.frameworks.get(id) {
                None => {
                    if let Some(framework) = self.frameworks.get(id) {
                        events.push(Event {
                            r#type: Some(event::Type::FrameworkAdded as i32),
                            framework_added: Some(event::FrameworkAdded {
                                framework: framework_proto(self, framework, true),
                            }),
                            ..Default::default()
                        });
                    }
                }
                Some((old_stream, old_info)) => {
                    let resubscribed = stream.is_some() && stream != old_stream;
                    if (resubscribed || info != old_info)
                        && let Some(framework) = self.frameworks.get(id)
                    {
                        events.push(Event {
                            r#type: Some(event::Type::FrameworkUpdated as i32),
                            framework_updated: Some(event::FrameworkUpdated {
                                framework: framework_proto(self, framework, true),
                            }),
                            ..Default::default()
                        });
                    }
                }
            }
        }
        for id in now.agents.difference(&old.agents) {
            if let Some(agent) = self.agents.get(id) {
                events.push(Event {
                    r#type: Some(event::Type::AgentAdded as i32),
                    agent_added: Some(event::AgentAdded {
                        agent: agent_proto(self, agent),
                    }),
                    ..Default::default()
                });
            }
        }
        for (key, task_view) in &now.tasks {
            let Some(task) = self.find_task(&key.0, &key.1) else {
                continue;
            };
            match old.tasks.get(key) {
                None => {
                    events.push(Event {
                        r#type: Some(event::Type::TaskAdded as i32),
                        task_added: Some(event::TaskAdded {
                            task: task_proto(task),
                        }),
                        ..Default::default()
                    });
                    // A task first seen past its launch state was also updated.
                    if task_view
                        .status_state
                        .is_some_and(|s| s != TaskState::TaskStaging as i32)
                    {
                        events.extend(task_updated(task));
                    }
                }
                Some(before) if before != task_view => {
                    // Upstream's master sees only the update in flight (the latest state
                    // rides along with it): a new status state, not a new latest state,
                    // makes a TASK_UPDATED.
                    let new_state = before.status_state != task_view.status_state;
                    let check_update = task.latest_status.as_ref().is_some_and(|s| {
                        matches!(
                            s.reason(),
                            task_status::Reason::TaskCheckStatusUpdated
                                | task_status::Reason::TaskHealthCheckStatusUpdated
                        )
                    });
                    if new_state || check_update {
                        events.extend(task_updated(task));
                    }
                }
                Some(_) => {}
            }
        }
        for id in old.frameworks.keys() {
            if !now.frameworks.contains_key(id)
                && let Some(framework) = self.completed_frameworks.iter().find(|f| &f.id == id)
            {
                events.push(Event {
                    r#type: Some(event::Type::FrameworkRemoved as i32),
                    framework_removed: Some(event::FrameworkRemoved {
                        framework_info: framework.info.clone(),
                    }),
                    ..Default::default()
                });
            }
        }
        for id in old.agents.difference(&now.agents) {
            // Unreachable and gone agents leave through `__removeSlave`: no AGENT_REMOVED.
            if self.unreachable_agents.contains_key(id) || self.gone_agents.contains(id) {
                continue;
            }
            events.push(Event {
                r#type: Some(event::Type::AgentRemoved as i32),
                agent_removed: Some(event::AgentRemoved {
                    agent_id: AgentId { value: id.clone() },
                }),
                ..Default::default()
            });
        }
        self.operator.view = now;
        if events.is_empty() {
            return;
        }
        self.operator.subscribers.retain(|subscriber| {
            for event in &events {
                match subscriber
                    .sender
                    .try_send(record(subscriber.encoding, event))
                {
                    Ok(()) => {}
                    Err(TrySendError::Full(_)) => {
                        tracing::warn!(
                            "operator subscriber does not read its events; closing its stream"
                        );
                        return false;
                    }
                    Err(TrySendError::Closed(_)) => return false,
                }
            }
            true
        });
    }

    fn find_task(&self, framework_id: &str, task_id: &str) -> Option<&super::state::Task> {
        let framework = self.frameworks.get(framework_id)?;
        framework
            .tasks
            .get(task_id)
            .or_else(|| framework.unreachable_tasks.get(task_id).map(|(t, _)| t))
            .or_else(|| {
                framework
                    .completed_tasks
                    .iter()
                    .find(|t| t.info.task_id.value == task_id)
            })
    }
}

/// TASK_UPDATED for a task's latest status (none if it has no status yet).
fn task_updated(task: &super::state::Task) -> Option<Event> {
    let status = task.latest_status.clone()?;
    Some(Event {
        r#type: Some(event::Type::TaskUpdated as i32),
        task_updated: Some(event::TaskUpdated {
            framework_id: mesos_sdk::v1::FrameworkId {
                value: task.framework_id.clone(),
            },
            status,
            state: task.state as i32,
        }),
        ..Default::default()
    })
}
