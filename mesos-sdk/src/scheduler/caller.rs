//! The call path of one scheduler subscription: calls in order on one dedicated connection to
//! the subscribed master, and acknowledgements side by side on a few more, all carrying the
//! subscription's `Mesos-Stream-Id` and framework id.

use std::hash::{Hash, Hasher};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::transport::{CallLanes, CallQueue, CallResponse, CallTarget};
use crate::v1::FrameworkId;
use crate::v1::scheduler::{Call, call};

/// Acknowledgements queued or in flight at most, over all acknowledgement connections;
/// automatic acknowledgement holds back the next status update past it.
const ACKNOWLEDGEMENT_WINDOW: usize = 1024;

/// Room automatic acknowledgement takes from the window at a time: once the window is full,
/// updates flow again when this many acknowledgements have been answered.
pub(crate) const ACKNOWLEDGEMENT_ROOM_BATCH: usize = 32;
const _: () = assert!(ACKNOWLEDGEMENT_ROOM_BATCH <= ACKNOWLEDGEMENT_WINDOW);

/// Sends calls for one subscription. Cheap to clone; all clones share the connections, which
/// close when the last clone is dropped.
///
/// Calls go in the order they were made over one connection, which keeps ACCEPT, DECLINE,
/// SUPPRESS and REVIVE in order (ACCEPT takes connections of its own when
/// [`crate::scheduler::SchedulerConfig::with_accept_connections`] asks for them). Acknowledgements (ACKNOWLEDGE, ACKNOWLEDGE_OPERATION_STATUS)
/// go over their own connections ([`crate::scheduler::SchedulerConfig::with_acknowledgement_connections`]),
/// several in flight at once: those of one task (or operation) always take the same
/// connection, so they reach the master in the order they were made.
#[derive(Clone)]
pub struct Caller {
    queue: CallQueue<Call>,
    acknowledgements: CallLanes<Call>,
    /// ACCEPT's own connections, when configured ([`crate::scheduler::SchedulerConfig::with_accept_connections`]).
    accepts: Option<CallLanes<Call>>,
    stream_id: String,
    framework_id: FrameworkId,
}

impl std::fmt::Debug for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("endpoint", &self.queue.target().endpoint)
            .field("stream_id", &self.stream_id)
            .field(
                "acknowledgement_connections",
                &self.acknowledgement_connections(),
            )
            .finish()
    }
}

pub(crate) fn call_name(call: &Call) -> &'static str {
    match call.r#type() {
        call::Type::Unknown => "UNKNOWN",
        call::Type::Subscribe => "SUBSCRIBE",
        call::Type::Teardown => "TEARDOWN",
        call::Type::Accept => "ACCEPT",
        call::Type::Decline => "DECLINE",
        call::Type::AcceptInverseOffers => "ACCEPT_INVERSE_OFFERS",
        call::Type::DeclineInverseOffers => "DECLINE_INVERSE_OFFERS",
        call::Type::Revive => "REVIVE",
        call::Type::Kill => "KILL",
        call::Type::Shutdown => "SHUTDOWN",
        call::Type::Acknowledge => "ACKNOWLEDGE",
        call::Type::AcknowledgeOperationStatus => "ACKNOWLEDGE_OPERATION_STATUS",
        call::Type::Reconcile => "RECONCILE",
        call::Type::ReconcileOperations => "RECONCILE_OPERATIONS",
        call::Type::Message => "MESSAGE",
        call::Type::Request => "REQUEST",
        call::Type::Suppress => "SUPPRESS",
        call::Type::UpdateFramework => "UPDATE_FRAMEWORK",
    }
}

/// The lane key of an acknowledgement: the stream its update belongs to on the agent. The
/// agent keeps one stream of status updates per task and takes only the acknowledgement of
/// the update at the front of it (`mesos: src/slave/task_status_update_manager.cpp`), so one
/// task's acknowledgements must arrive in order. Operation status updates are streamed per
/// operation the same way
/// (`mesos: src/status_update_manager/status_update_manager_process.hpp`), and the master
/// knows operations by their id within the framework (`Master::acknowledgeOperationStatus`),
/// so the key is the agent and the operation id (not the uuid, which names one status).
/// `None` for any other call.
pub(crate) fn acknowledgement_key(call: &Call) -> Option<u64> {
    let mut hasher = std::hash::DefaultHasher::new();
    match call.r#type() {
        call::Type::Acknowledge => {
            let ack = call.acknowledge.as_ref()?;
            ack.agent_id.value.hash(&mut hasher);
            ack.task_id.value.hash(&mut hasher);
        }
        call::Type::AcknowledgeOperationStatus => {
            let ack = call.acknowledge_operation_status.as_ref()?;
            ack.agent_id.as_ref().map(|a| &a.value).hash(&mut hasher);
            ack.operation_id.value.hash(&mut hasher);
        }
        _ => return None,
    }
    Some(hasher.finish())
}

/// ACCEPT calls queued or in flight at most over the ACCEPT connections; further callers
/// wait for room.
const ACCEPT_WINDOW: usize = 1024;

/// The lane key of an ACCEPT: its first offer. `None` for any other call.
fn accept_key(call: &Call) -> Option<u64> {
    if call.r#type() != call::Type::Accept {
        return None;
    }
    let offer = call.accept.as_ref()?.offer_ids.first()?;
    let mut hasher = std::hash::DefaultHasher::new();
    offer.value.hash(&mut hasher);
    Some(hasher.finish())
}

/// What a call sent on a lane of its own (ACCEPT, acknowledgements) fails with: the lane
/// closes with the subscription, which the caller sees as not being subscribed.
fn lane_error(call: &'static str, error: Error) -> Error {
    match error {
        Error::Closed => Error::NotSubscribed {
            call,
            reason: "the subscription ended".into(),
        },
        other => other,
    }
}

impl Caller {
    /// `target` must carry the subscription's `Mesos-Stream-Id` header; `ack_connections` is
    /// how many connections carry acknowledgements (at least one), `accept_connections` how
    /// many carry ACCEPT (1: the call connection).
    pub(crate) fn start(
        target: CallTarget,
        stream_id: String,
        framework_id: FrameworkId,
        ack_connections: usize,
        accept_connections: usize,
    ) -> Self {
        let span = tracing::debug_span!(
            "mesos_calls",
            master = %target.endpoint,
            stream_id = %stream_id
        );
        let acknowledgements = CallLanes::start(
            target.clone(),
            ack_connections,
            ACKNOWLEDGEMENT_WINDOW,
            // Pipelined: each connection carries many acknowledgements at once, in order.
            true,
            // An update not acknowledged is sent again by its agent (after 10 s, then
            // backing off), so a lost acknowledgement costs a duplicate, not the update.
            "the agent sends the update again",
            tracing::debug_span!(parent: &span, "acknowledgements"),
        );
        let accepts = (accept_connections > 1).then(|| {
            CallLanes::start(
                target.clone(),
                accept_connections,
                ACCEPT_WINDOW,
                false,
                // The offers of a lost ACCEPT are rescinded when their timeout, if any,
                // passes, or stay with the framework until it declines them.
                "its offers stay outstanding",
                tracing::debug_span!(parent: &span, "accepts"),
            )
        });
        Self {
            queue: CallQueue::start(target, span),
            acknowledgements,
            accepts,
            stream_id,
            framework_id,
        }
    }

    /// The master this caller sends to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.queue.target().endpoint
    }

    /// The subscription's `Mesos-Stream-Id`.
    pub fn stream_id(&self) -> &str {
        &self.stream_id
    }

    /// The subscribed framework's id.
    pub fn framework_id(&self) -> &FrameworkId {
        &self.framework_id
    }

    fn with_framework_id(&self, mut call: Call) -> Call {
        if call.framework_id.is_none() {
            call.framework_id = Some(self.framework_id.clone());
        }
        call
    }

    /// Sends `call` after every call made before it, and waits for the master's answer. The
    /// framework id is filled in when the call has none.
    ///
    /// An acknowledgement goes after the acknowledgements made before it for the same task
    /// (or operation) instead, on an acknowledgement connection; it may overtake other calls.
    pub async fn call(&self, call: Call) -> Result<CallResponse, Error> {
        let name = call_name(&call);
        if let (Some(accepts), Some(key)) = (&self.accepts, accept_key(&call)) {
            return accepts
                .call(key, self.with_framework_id(call), name)
                .await
                .map_err(|error| lane_error(name, error));
        }
        match acknowledgement_key(&call) {
            Some(key) => self
                .acknowledgements
                .call(key, self.with_framework_id(call), name)
                .await
                .map_err(|error| lane_error(name, error)),
            None => self.queue.call(self.with_framework_id(call), name).await,
        }
    }

    /// Queues `call` now, without waiting (so it keeps its place in the order), and logs its
    /// outcome in the background. Used for reconciliation; an acknowledgement goes to its
    /// connection if there is room in the window, and is dropped (logged) otherwise.
    pub(crate) fn submit(&self, call: Call) {
        let name = call_name(&call);
        match acknowledgement_key(&call) {
            Some(key) => {
                self.acknowledgements
                    .try_send(key, self.with_framework_id(call), name);
            }
            None => self.queue.submit(self.with_framework_id(call), name),
        }
    }

    /// The window of the acknowledgement connections: a permit from it is the room for one
    /// acknowledgement ([`Caller::acknowledge_in`]). Closed once the subscription ended.
    pub(crate) fn acknowledgement_window(&self) -> std::sync::Arc<Semaphore> {
        self.acknowledgements.window()
    }

    /// Sends the acknowledgement `call` in the background, in the room `room` holds (from
    /// [`Caller::acknowledgement_window`]), after the acknowledgements made before it for the
    /// same task or operation. A failure is logged: the agent sends the update again.
    pub(crate) fn acknowledge_in(&self, call: Call, room: OwnedSemaphorePermit) {
        let name = call_name(&call);
        match acknowledgement_key(&call) {
            Some(key) => self
                .acknowledgements
                .send(key, self.with_framework_id(call), name, room),
            None => self.queue.submit(self.with_framework_id(call), name),
        }
    }

    /// How many connections carry acknowledgements.
    pub(crate) fn acknowledgement_connections(&self) -> usize {
        self.acknowledgements.lanes()
    }

    /// Stops this subscription's acknowledgements and ACCEPTs: those still queued are
    /// dropped (their stream id is void once the subscription ended; the agents send the
    /// updates again, and the offers went with the subscription) and whoever waits for room
    /// stops waiting.
    pub(crate) fn end_acknowledgements(&self) {
        self.acknowledgements.close();
        if let Some(accepts) = &self.accepts {
            accepts.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v1::{AgentId, OperationId, TaskId};

    fn ack(agent: &str, task: &str, uuid: u8) -> Call {
        Call {
            r#type: Some(call::Type::Acknowledge as i32),
            acknowledge: Some(call::Acknowledge {
                agent_id: AgentId {
                    value: agent.into(),
                },
                task_id: TaskId { value: task.into() },
                uuid: vec![uuid; 16].into(),
            }),
            ..Default::default()
        }
    }

    fn operation_ack(operation: &str, uuid: u8) -> Call {
        Call {
            r#type: Some(call::Type::AcknowledgeOperationStatus as i32),
            acknowledge_operation_status: Some(call::AcknowledgeOperationStatus {
                agent_id: Some(AgentId { value: "a".into() }),
                resource_provider_id: None,
                uuid: vec![uuid; 16].into(),
                operation_id: OperationId {
                    value: operation.into(),
                },
            }),
            ..Default::default()
        }
    }

    #[test]
    fn one_task_or_operation_always_has_the_same_key() {
        let key = acknowledgement_key;
        assert_eq!(key(&ack("a", "t", 1)), key(&ack("a", "t", 2)));
        assert_ne!(key(&ack("a", "t", 1)), key(&ack("a", "u", 1)));
        assert_ne!(key(&ack("a", "t", 1)), key(&ack("b", "t", 1)));
        assert_eq!(key(&operation_ack("op", 1)), key(&operation_ack("op", 2)));
        assert_ne!(
            key(&operation_ack("op", 1)),
            key(&operation_ack("other", 1))
        );
        let reconcile = Call {
            r#type: Some(call::Type::Reconcile as i32),
            ..Default::default()
        };
        assert_eq!(key(&reconcile), None, "only acknowledgements have lanes");
    }
}
