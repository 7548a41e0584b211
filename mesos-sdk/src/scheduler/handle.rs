//! The application's side of a session: a cheap, cloneable handle with one method per
//! scheduler call. Calls go, in order, to the currently subscribed master; while there is none
//! they fail at once with [`Error::NotSubscribed`].

use std::sync::Arc;
use std::time::Duration;

use crate::error::Error;
use crate::scheduler::calls;
use crate::scheduler::session::Shared;
use crate::transport::CallResponse;
use crate::v1::scheduler::{Call, OfferConstraints, Response, call};
use crate::v1::{
    AgentId, ExecutorId, Filters, FrameworkId, FrameworkInfo, KillPolicy, OfferId, OperationId,
    Request, ResourceProviderId, TaskId, TaskStatus, offer,
};

/// Sends scheduler calls for a [`crate::scheduler::Session`]. Clone it freely: all clones share
/// one ordered call queue per subscription.
#[derive(Clone)]
pub struct SchedulerHandle {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for SchedulerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchedulerHandle")
            .field("framework_id", &self.framework_id())
            .field("subscribed", &self.is_subscribed())
            .finish()
    }
}

/// What [`SchedulerHandle::update_framework`] sends: the new `FrameworkInfo`, the roles to
/// keep suppressed and the offer constraints (each replaces what the master has).
///
/// ```
/// use mesos_sdk::scheduler::FrameworkUpdate;
/// use mesos_sdk::v1::FrameworkInfo;
///
/// let info = FrameworkInfo { user: "nobody".into(), name: "renamed".into(), ..Default::default() };
/// let update = FrameworkUpdate::new(info).with_suppressed_roles(["batch".to_string()]);
/// assert_eq!(update.suppressed_roles, vec!["batch".to_string()]);
/// assert!(update.offer_constraints.is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FrameworkUpdate {
    /// The framework's new description.
    pub framework_info: FrameworkInfo,
    /// The roles that are to be suppressed afterwards (none: every role gets offers).
    pub suppressed_roles: Vec<String>,
    /// The offer constraints afterwards (none: no constraints).
    pub offer_constraints: Option<OfferConstraints>,
}

impl FrameworkUpdate {
    /// An update to `framework_info`, with no suppressed role and no offer constraint.
    pub fn new(framework_info: FrameworkInfo) -> FrameworkUpdate {
        FrameworkUpdate {
            framework_info,
            suppressed_roles: Vec::new(),
            offer_constraints: None,
        }
    }

    /// Keeps `roles` suppressed.
    pub fn with_suppressed_roles(mut self, roles: impl IntoIterator<Item = String>) -> Self {
        self.suppressed_roles = roles.into_iter().collect();
        self
    }

    /// Sets the offer constraints.
    pub fn with_offer_constraints(mut self, constraints: OfferConstraints) -> Self {
        self.offer_constraints = Some(constraints);
        self
    }
}

fn typed(kind: call::Type) -> Call {
    Call {
        r#type: Some(kind as i32),
        ..Default::default()
    }
}

impl SchedulerHandle {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }

    /// The framework id, once a master has assigned it (or the one given at start).
    pub fn framework_id(&self) -> Option<FrameworkId> {
        crate::transport::locked(&self.shared.framework_id).clone()
    }

    /// Whether a subscription is established right now.
    pub fn is_subscribed(&self) -> bool {
        self.shared.caller.borrow().is_some()
    }

    /// Waits until a subscription is established (or the session closes).
    pub async fn subscribed(&self) -> Result<(), Error> {
        let mut caller = self.shared.caller.subscribe();
        let mut closed = self.shared.closed.subscribe();
        loop {
            if *closed.borrow() {
                return Err(Error::Closed);
            }
            if caller.borrow_and_update().is_some() {
                return Ok(());
            }
            tokio::select! {
                r = caller.changed() => if r.is_err() { return Err(Error::Closed) },
                _ = closed.changed() => {}
            }
        }
    }

    /// Sends any call (its framework id is filled in) and returns the master's answer. The
    /// typed methods below are shorthands for this.
    pub async fn call(&self, call: Call) -> Result<CallResponse, Error> {
        let name = crate::scheduler::caller::call_name(&call);
        let caller = self.shared.current_caller(name)?;
        caller.call(call).await
    }

    async fn send(&self, call: Call) -> Result<(), Error> {
        self.call(call).await.map(|_| ())
    }

    /// TEARDOWN: removes the framework, killing all its tasks and executors. The framework id
    /// can never subscribe again. Ends the session.
    pub async fn teardown(&self) -> Result<(), Error> {
        use std::sync::atomic::Ordering;
        self.shared.tearing_down.store(true, Ordering::SeqCst);
        let result = self.send(calls::teardown()).await;
        if result.is_ok() {
            // The id can never subscribe again: a restarted scheduler must start afresh.
            if let Some(store) = &self.shared.config.framework_id_store {
                if let Err(error) = store.clear() {
                    tracing::warn!(%error, "the framework was torn down but its stored id stays");
                }
                *crate::transport::locked(&self.shared.stored_id) = None;
            }
            self.close();
        } else {
            self.shared.tearing_down.store(false, Ordering::SeqCst);
        }
        result
    }

    /// ACCEPT: applies `operations` to the offers (all from one agent), returning what is not
    /// used with `filters` (Mesos' default is a 5 s refusal when `None`).
    pub async fn accept(
        &self,
        offer_ids: Vec<OfferId>,
        operations: Vec<offer::Operation>,
        filters: Option<Filters>,
    ) -> Result<(), Error> {
        self.send(calls::accept(offer_ids, operations, filters)?)
            .await
    }

    /// DECLINE: returns the offers, refusing their resources for `filters.refuse_seconds`
    /// (5 s when `None`). Declining promptly with a long refusal is good citizenship.
    pub async fn decline(
        &self,
        offer_ids: Vec<OfferId>,
        filters: Option<Filters>,
    ) -> Result<(), Error> {
        if offer_ids.is_empty() {
            return Ok(());
        }
        self.send(calls::decline(offer_ids, filters)).await
    }

    /// ACCEPT_INVERSE_OFFERS.
    pub async fn accept_inverse_offers(
        &self,
        inverse_offer_ids: Vec<OfferId>,
        filters: Option<Filters>,
    ) -> Result<(), Error> {
        let mut c = typed(call::Type::AcceptInverseOffers);
        c.accept_inverse_offers = Some(call::AcceptInverseOffers {
            inverse_offer_ids,
            filters,
        });
        self.send(c).await
    }

    /// DECLINE_INVERSE_OFFERS.
    pub async fn decline_inverse_offers(
        &self,
        inverse_offer_ids: Vec<OfferId>,
        filters: Option<Filters>,
    ) -> Result<(), Error> {
        let mut c = typed(call::Type::DeclineInverseOffers);
        c.decline_inverse_offers = Some(call::DeclineInverseOffers {
            inverse_offer_ids,
            filters,
        });
        self.send(c).await
    }

    /// REVIVE: un-suppresses `roles` (all the framework's roles when empty) and clears their
    /// offer filters.
    /// Once the master accepted it, the session's re-subscriptions no longer suppress them.
    pub async fn revive(&self, roles: Vec<String>) -> Result<(), Error> {
        self.send(calls::revive(roles.clone())).await?;
        crate::transport::locked(&self.shared.desired).revived(&roles);
        Ok(())
    }

    /// SUPPRESS: stops offers for `roles` (all the framework's roles when empty).
    /// Once the master accepted it, every re-subscription of the session keeps them
    /// suppressed (a failover does not bring offers back) until [`Self::revive`].
    pub async fn suppress(&self, roles: Vec<String>) -> Result<(), Error> {
        self.send(calls::suppress(roles.clone())).await?;
        crate::transport::locked(&self.shared.desired).suppressed(&roles);
        Ok(())
    }

    /// The roles the session keeps suppressed: those of the first SUBSCRIBE, changed by every
    /// accepted SUPPRESS, REVIVE and UPDATE_FRAMEWORK. Every re-subscription sends them.
    pub fn suppressed_roles(&self) -> Vec<String> {
        crate::transport::locked(&self.shared.desired)
            .suppressed_roles
            .iter()
            .cloned()
            .collect()
    }

    /// The `FrameworkInfo` the session subscribes with: the configured one, as the last
    /// accepted UPDATE_FRAMEWORK left it (without the id, see [`Self::framework_id`]).
    pub fn framework_info(&self) -> FrameworkInfo {
        crate::transport::locked(&self.shared.desired)
            .framework_info
            .clone()
    }

    /// KILL a task, optionally overriding its kill policy.
    pub async fn kill(
        &self,
        task_id: TaskId,
        agent_id: Option<AgentId>,
        kill_policy: Option<KillPolicy>,
    ) -> Result<(), Error> {
        self.send(calls::kill(task_id, agent_id, kill_policy)).await
    }

    /// SHUTDOWN a custom executor.
    pub async fn shutdown(&self, executor_id: ExecutorId, agent_id: AgentId) -> Result<(), Error> {
        self.send(calls::shutdown(executor_id, agent_id)).await
    }

    /// ACKNOWLEDGE a status update. Only updates with a uuid need it; for others this returns
    /// `Ok(false)` without sending anything (acknowledging them would be refused with 400).
    /// Returns `Ok(true)` when an acknowledgement was sent.
    pub async fn acknowledge(&self, status: &TaskStatus) -> Result<bool, Error> {
        match crate::scheduler::session::acknowledge_call(status) {
            Some(c) => self.send(c).await.map(|()| true),
            None => Ok(false),
        }
    }

    /// ACKNOWLEDGE_OPERATION_STATUS.
    pub async fn acknowledge_operation_status(
        &self,
        agent_id: Option<AgentId>,
        resource_provider_id: Option<ResourceProviderId>,
        uuid: bytes::Bytes,
        operation_id: OperationId,
    ) -> Result<(), Error> {
        let mut c = typed(call::Type::AcknowledgeOperationStatus);
        c.acknowledge_operation_status = Some(call::AcknowledgeOperationStatus {
            agent_id,
            resource_provider_id,
            uuid,
            operation_id,
        });
        self.send(c).await
    }

    /// RECONCILE once: explicit for `tasks`, implicit (every task the master knows) when empty.
    /// Answers arrive as UPDATE events without uuid.
    pub async fn reconcile(&self, tasks: Vec<(TaskId, Option<AgentId>)>) -> Result<(), Error> {
        self.send(calls::reconcile(tasks)).await
    }

    /// Explicit reconciliation until every task has answered: sends RECONCILE for the tasks
    /// that have not had an update yet, waits with truncated exponential backoff (from
    /// `initial_wait`, doubling up to `max_wait`), and repeats until all have answered. Tasks
    /// still waiting are asked again after every re-subscription.
    ///
    /// Only one runs at a time: starting another makes this one return
    /// [`Error::Superseded`].
    pub async fn reconcile_until_answered(
        &self,
        tasks: Vec<(TaskId, Option<AgentId>)>,
        initial_wait: Duration,
        max_wait: Duration,
    ) -> Result<(), Error> {
        let generation = {
            let mut r = crate::transport::locked(&self.shared.reconciliation);
            r.generation += 1;
            r.remaining = tasks
                .into_iter()
                .map(|(task, agent)| (task.value, agent))
                .collect();
            r.generation
        };
        self.shared.reconciliation_progress.notify_waiters();
        let mut wait = initial_wait;
        loop {
            let remaining: Vec<(TaskId, Option<AgentId>)> = {
                let r = crate::transport::locked(&self.shared.reconciliation);
                if r.generation != generation {
                    return Err(Error::Superseded {
                        what: "explicit reconciliation",
                    });
                }
                r.remaining
                    .iter()
                    .map(|(id, agent)| (TaskId { value: id.clone() }, agent.clone()))
                    .collect()
            };
            if remaining.is_empty() {
                return Ok(());
            }
            if *self.shared.closed.borrow() {
                return Err(Error::Closed);
            }
            // While disconnected the session re-sends on the next SUBSCRIBED; keep waiting.
            match self.reconcile(remaining).await {
                Ok(()) | Err(Error::NotSubscribed { .. }) => {}
                Err(e) if e.is_retryable() => {}
                Err(e) => return Err(e),
            }
            let deadline = tokio::time::Instant::now() + wait;
            loop {
                // Registered before the check, so an answer between the check and the wait
                // is not missed.
                let progress = self.shared.reconciliation_progress.notified();
                tokio::pin!(progress);
                progress.as_mut().enable();
                let all_answered = {
                    let r = crate::transport::locked(&self.shared.reconciliation);
                    r.generation != generation || r.remaining.is_empty()
                };
                if all_answered {
                    break;
                }
                tokio::select! {
                    _ = &mut progress => {}
                    _ = tokio::time::sleep_until(deadline) => break,
                }
            }
            wait = (wait * 2).min(max_wait);
        }
    }

    /// RECONCILE_OPERATIONS: returns the master's `Response` (operation statuses).
    pub async fn reconcile_operations(
        &self,
        operations: Vec<call::reconcile_operations::Operation>,
    ) -> Result<Response, Error> {
        let mut c = typed(call::Type::ReconcileOperations);
        c.reconcile_operations = Some(call::ReconcileOperations { operations });
        let answer = self.call(c).await?;
        decode_response(&self.shared.config, answer, "RECONCILE_OPERATIONS")
    }

    /// MESSAGE: passes `data` to an executor (no delivery guarantee).
    pub async fn message(
        &self,
        agent_id: AgentId,
        executor_id: ExecutorId,
        data: bytes::Bytes,
    ) -> Result<(), Error> {
        self.send(calls::message(agent_id, executor_id, data)).await
    }

    /// REQUEST resources from the allocator (Mesos' built-in allocator ignores it).
    pub async fn request(&self, requests: Vec<Request>) -> Result<(), Error> {
        let mut c = typed(call::Type::Request);
        c.request = Some(call::Request { requests });
        self.send(c).await
    }

    /// UPDATE_FRAMEWORK: replaces the framework's `FrameworkInfo` (its id, filled in when
    /// absent, must be the framework's), its suppressed roles and its offer constraints.
    /// Answered `200` when applied; from then on every re-subscription of the session sends
    /// the new description.
    pub async fn update_framework(&self, update: FrameworkUpdate) -> Result<(), Error> {
        let FrameworkUpdate {
            mut framework_info,
            suppressed_roles,
            offer_constraints,
        } = update;
        if framework_info.id.is_none() {
            framework_info.id = self.framework_id();
        }
        let mut c = typed(call::Type::UpdateFramework);
        c.update_framework = Some(call::UpdateFramework {
            framework_info: framework_info.clone(),
            suppressed_roles: suppressed_roles.clone(),
            offer_constraints: offer_constraints.clone(),
        });
        self.send(c).await?;
        let mut desired = crate::transport::locked(&self.shared.desired);
        desired.framework_info = framework_info;
        desired.suppressed_roles = suppressed_roles.into_iter().collect();
        desired.offer_constraints = offer_constraints;
        Ok(())
    }

    /// Ends the session: the subscription is closed (the framework stays registered until its
    /// failover timeout), the event stream ends, and further calls fail with
    /// [`Error::Closed`].
    pub fn close(&self) {
        self.shared.closed.send_replace(true);
    }
}

fn decode_response(
    config: &crate::scheduler::SchedulerConfig,
    answer: CallResponse,
    call: &'static str,
) -> Result<Response, Error> {
    if answer.body.is_empty() {
        return Ok(Response::default());
    }
    config
        .encoding
        .decode::<Response>(answer.body, "scheduler response", call)
}
