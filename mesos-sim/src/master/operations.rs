//! Operation feedback: offer operations (RESERVE, UNRESERVE, CREATE, DESTROY) that carry an
//! `id` get `UPDATE_OPERATION_STATUS` events, ACKNOWLEDGE_OPERATION_STATUS and
//! RECONCILE_OPERATIONS. The simulated agents have the RESOURCE_PROVIDER and
//! AGENT_OPERATION_FEEDBACK capabilities (the 1.11 defaults), so an operation on agent default
//! resources is applied by the agent, which answers OPERATION_FINISHED with a status uuid and
//! resends it until the framework acknowledges it. Master-generated statuses (OPERATION_ERROR
//! for a dropped operation, reconciliation answers) carry no uuid.
//! `mesos: src/master/master.cpp` `Master::accept`, `Master::drop`,
//! `Master::acknowledgeOperationStatus`, `Master::reconcileOperations`,
//! `Master::sendBulkOperationFeedback`.

use std::time::Duration;

use bytes::Bytes;
use mesos_sdk::v1::offer::Operation as OfferOperation;
use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{AgentId, OperationId, OperationState, OperationStatus, Resource, Uuid};

use super::effects::{Effect, Effects};
use super::events;
use super::state::{MasterState, new_uuid_bytes};

/// An operation with feedback that the master tracks until its terminal status is
/// acknowledged (or its agent goes away).
#[derive(Clone, Debug)]
pub(crate) struct OperationRecord {
    pub(crate) agent_id: String,
    /// The statuses the agent reported, oldest first; each carries a uuid.
    pub(crate) statuses: Vec<OperationStatus>,
}

impl OperationRecord {
    fn latest(&self) -> Option<&OperationStatus> {
        self.statuses.last()
    }
}

/// Whether an operation state is terminal (`mesos: src/common/protobuf_utils.cpp`
/// `isTerminalState(OperationState)`).
pub(crate) fn is_terminal(state: OperationState) -> bool {
    matches!(
        state,
        OperationState::OperationFinished
            | OperationState::OperationFailed
            | OperationState::OperationError
            | OperationState::OperationDropped
            | OperationState::OperationGoneByOperator
    )
}

/// An `OperationStatus` as `protobuf::createOperationStatus` builds it.
fn status(
    state: OperationState,
    operation_id: Option<OperationId>,
    message: Option<String>,
    agent_id: Option<&str>,
) -> OperationStatus {
    OperationStatus {
        operation_id,
        state: state as i32,
        message,
        agent_id: agent_id.map(|a| AgentId { value: a.into() }),
        ..Default::default()
    }
}

impl MasterState {
    /// An invalid operation is dropped; with an `id` the framework hears OPERATION_ERROR,
    /// without agent id and uuid (`Master::drop(Framework*, const Offer::Operation&, ...)`).
    pub(crate) fn drop_operation(
        &mut self,
        framework_id: &str,
        operation: &OfferOperation,
        message: String,
    ) -> Effects {
        tracing::warn!(framework_id, %message, "dropping an offer operation");
        let Some(id) = &operation.id else {
            return Vec::new();
        };
        let status = status(
            OperationState::OperationError,
            Some(id.clone()),
            Some(message),
            None,
        );
        self.send(framework_id, &events::update_operation_status(status))
    }

    /// The agent applied an operation on its default resources. With an `id`, its
    /// OPERATION_FINISHED status (with `converted_resources` and a uuid) goes to the framework
    /// and is resent until acknowledged.
    pub(crate) fn operation_finished(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        operation: &OfferOperation,
        converted: Vec<Resource>,
    ) -> Effects {
        let Some(id) = &operation.id else {
            return Vec::new();
        };
        let mut finished = status(
            OperationState::OperationFinished,
            Some(id.clone()),
            None,
            Some(agent_id),
        );
        finished.converted_resources = converted;
        let uuid = new_uuid_bytes();
        finished.uuid = Some(Uuid {
            value: uuid.clone(),
        });
        let Some(framework) = self.frameworks.get_mut(framework_id) else {
            return Vec::new();
        };
        framework.operations.insert(
            id.value.clone(),
            OperationRecord {
                agent_id: agent_id.to_string(),
                statuses: vec![finished.clone()],
            },
        );
        let mut effects = self.send(framework_id, &events::update_operation_status(finished));
        effects.push(Effect::RetryOperationUpdate {
            framework_id: framework_id.to_string(),
            operation_id: id.value.clone(),
            uuid,
            after: self.config.status_update_retry,
        });
        effects
    }

    /// The agent's operation status update manager resends the latest status while it is
    /// unacknowledged, doubling the interval up to the cap.
    pub(crate) fn retry_operation_update(
        &mut self,
        framework_id: &str,
        operation_id: &str,
        uuid: &Bytes,
        previous: Duration,
    ) -> Effects {
        let latest = self
            .frameworks
            .get(framework_id)
            .and_then(|f| f.operations.get(operation_id))
            .and_then(OperationRecord::latest)
            .filter(|s| s.uuid.as_ref().is_some_and(|u| u.value == *uuid))
            .cloned();
        let Some(latest) = latest else {
            return Vec::new();
        };
        let mut effects = self.send(framework_id, &events::update_operation_status(latest));
        effects.push(Effect::RetryOperationUpdate {
            framework_id: framework_id.to_string(),
            operation_id: operation_id.to_string(),
            uuid: uuid.clone(),
            after: (previous * 2).min(self.config.status_update_retry_max),
        });
        effects
    }

    /// ACKNOWLEDGE_OPERATION_STATUS (already validated: a 16-byte uuid and an agent id).
    /// Acknowledgements for unknown agents, operations or statuses are logged and ignored
    /// (the call is still 202); a terminal acknowledged status removes the operation.
    pub(crate) fn acknowledge_operation_status(
        &mut self,
        framework_id: &str,
        ack: &call::AcknowledgeOperationStatus,
    ) -> Effects {
        let agent_id = ack
            .agent_id
            .as_ref()
            .map(|a| a.value.as_str())
            .unwrap_or_default();
        let operation_id = ack.operation_id.value.as_str();
        if !self.agents.contains_key(agent_id) {
            tracing::warn!(
                agent_id,
                operation_id,
                "operation status acknowledgement for an unregistered agent ignored"
            );
            return Vec::new();
        }
        let Some(framework) = self.frameworks.get_mut(framework_id) else {
            return Vec::new();
        };
        let Some(record) = framework.operations.get(operation_id) else {
            tracing::warn!(
                operation_id,
                "acknowledgement for an unknown operation ignored"
            );
            return Vec::new();
        };
        let acknowledged = record
            .statuses
            .iter()
            .find(|s| s.uuid.as_ref().is_some_and(|u| u.value == ack.uuid))
            .map(|s| OperationState::try_from(s.state).unwrap_or(OperationState::OperationUnknown));
        let Some(state) = acknowledged else {
            tracing::warn!(
                operation_id,
                "acknowledgement for an unknown operation status ignored"
            );
            return Vec::new();
        };
        if is_terminal(state) {
            framework.operations.remove(operation_id);
        }
        self.acknowledged_operation_updates += 1;
        Vec::new()
    }

    /// RECONCILE_OPERATIONS: answered with UPDATE_OPERATION_STATUS events, none of them
    /// carrying a uuid. An empty list means every operation the master knows for the
    /// framework; a listed operation gets its latest status, or a state derived from what is
    /// known about its agent.
    pub(crate) fn reconcile_operations(
        &mut self,
        framework_id: &str,
        reconcile: &call::ReconcileOperations,
    ) -> Effects {
        let Some(framework) = self.frameworks.get(framework_id) else {
            return Vec::new();
        };
        let mut statuses = Vec::new();
        if reconcile.operations.is_empty() {
            for record in framework.operations.values() {
                if let Some(latest) = record.latest() {
                    statuses.push(latest.clone());
                }
            }
        }
        for wanted in &reconcile.operations {
            let id = wanted.operation_id.clone();
            let agent_id = wanted.agent_id.as_ref().map(|a| a.value.as_str());
            let known = framework
                .operations
                .get(&id.value)
                .and_then(OperationRecord::latest);
            let mut answer = match (known, agent_id) {
                (Some(latest), _) => latest.clone(),
                (None, Some(agent)) if self.agents.contains_key(agent) => status(
                    OperationState::OperationUnknown,
                    Some(id),
                    Some("Reconciliation: Operation is unknown".into()),
                    Some(agent),
                ),
                (None, Some(agent)) if self.unreachable_agents.contains_key(agent) => status(
                    OperationState::OperationUnreachable,
                    Some(id),
                    Some("Reconciliation: Agent is unreachable".into()),
                    Some(agent),
                ),
                (None, Some(agent)) => status(
                    OperationState::OperationUnknown,
                    Some(id),
                    Some("Reconciliation: Both operation and agent are unknown".into()),
                    Some(agent),
                ),
                (None, None) => status(
                    OperationState::OperationUnknown,
                    Some(id),
                    Some(
                        "Reconciliation: Operation is unknown and no 'agent_id' was provided"
                            .into(),
                    ),
                    None,
                ),
            };
            answer.resource_provider_id = wanted.resource_provider_id.clone();
            statuses.push(answer);
        }
        let mut effects = Vec::new();
        for mut status in statuses {
            // Reconciliation answers are not delivered reliably: no uuid.
            status.uuid = None;
            effects.extend(self.send(framework_id, &events::update_operation_status(status)));
        }
        effects
    }

    /// An agent was marked unreachable: frameworks hear OPERATION_UNREACHABLE (no uuid) for
    /// its operations with feedback, which the master then forgets; reconciliation answers
    /// OPERATION_UNREACHABLE for them from the agent's state.
    pub(crate) fn operations_unreachable(&mut self, agent_id: &str) -> Effects {
        let mut updates = Vec::new();
        for (framework_id, framework) in &mut self.frameworks {
            let ids: Vec<String> = framework
                .operations
                .iter()
                .filter(|(_, r)| r.agent_id == agent_id)
                .map(|(id, _)| id.clone())
                .collect();
            for id in ids {
                framework.operations.remove(&id);
                updates.push((
                    framework_id.clone(),
                    status(
                        OperationState::OperationUnreachable,
                        Some(OperationId { value: id }),
                        Some("Agent was marked unreachable".into()),
                        Some(agent_id),
                    ),
                ));
            }
        }
        let mut effects = Vec::new();
        for (framework_id, status) in updates {
            effects.extend(self.send(&framework_id, &events::update_operation_status(status)));
        }
        effects
    }
}
