//! The scheduler calls a framework makes, as values ([`calls`](self) builds them) and as a
//! trait ([`SchedulerCalls`]) that [`SchedulerHandle`] implements, so framework logic written
//! against the trait can be tested without a master: [`RecordingScheduler`] records what it
//! would have sent.
//!
//! ```
//! use mesos_sdk::builders::TaskBuilder;
//! use mesos_sdk::offers::{ResourceRequest, find_fit, launch, refuse_for};
//! use mesos_sdk::scheduler::{RecordingScheduler, SchedulerCalls};
//! use mesos_sdk::v1::scheduler::call;
//! use mesos_sdk::v1::{AgentId, Offer, OfferId, Resource};
//!
//! /// The framework's logic: launch one task on the first offer that fits, decline the rest.
//! async fn on_offers(scheduler: &impl SchedulerCalls, offers: Vec<Offer>) -> Result<(), mesos_sdk::Error> {
//!     let wanted = ResourceRequest::new().cpus(0.5).mem(64.0);
//!     let mut launched = false;
//!     for offer in offers {
//!         match find_fit(&offer, &wanted).filter(|_| !launched) {
//!             Some(resources) => {
//!                 let task = TaskBuilder::new("job-1", &offer.agent_id)
//!                     .shell("./job")
//!                     .resources(resources)
//!                     .build();
//!                 scheduler.accept(vec![offer.id], vec![launch(vec![task])], None).await?;
//!                 launched = true;
//!             }
//!             None => scheduler.decline(vec![offer.id], Some(refuse_for(60.0))).await?,
//!         }
//!     }
//!     Ok(())
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), mesos_sdk::Error> {
//! let offer = |id: &str| Offer {
//!     id: OfferId { value: id.into() },
//!     agent_id: AgentId { value: "a1".into() },
//!     resources: mesos_sdk::resources::Resources::parse("cpus:1;mem:256").unwrap().into_vec(),
//!     ..Default::default()
//! };
//! let scheduler = RecordingScheduler::new();
//! on_offers(&scheduler, vec![offer("o1"), offer("o2")]).await?;
//! let sent = scheduler.calls();
//! assert_eq!(sent[0].r#type(), call::Type::Accept);
//! assert_eq!(sent[1].r#type(), call::Type::Decline);
//! assert_eq!(scheduler.launched_tasks()[0].task_id.value, "job-1");
//! # Ok(()) }
//! ```

use std::future::Future;
use std::sync::Mutex;

use crate::error::Error;
use crate::scheduler::SchedulerHandle;
use crate::transport::locked;
use crate::v1::scheduler::{Call, call};
use crate::v1::{
    AgentId, ExecutorId, Filters, KillPolicy, OfferId, TaskId, TaskInfo, TaskStatus, offer,
};

fn typed(kind: call::Type) -> Call {
    Call {
        r#type: Some(kind as i32),
        ..Default::default()
    }
}

/// ACCEPT of `offer_ids` (all from one agent) with `operations`; an error when there is no
/// offer id (the master would refuse it).
pub fn accept(
    offer_ids: Vec<OfferId>,
    operations: Vec<offer::Operation>,
    filters: Option<Filters>,
) -> Result<Call, Error> {
    if offer_ids.is_empty() {
        return Err(Error::InvalidArgument {
            what: "ACCEPT",
            reason: "no offer ids".into(),
        });
    }
    let mut c = typed(call::Type::Accept);
    c.accept = Some(call::Accept {
        offer_ids,
        operations,
        filters,
    });
    Ok(c)
}

/// DECLINE of `offer_ids`.
pub fn decline(offer_ids: Vec<OfferId>, filters: Option<Filters>) -> Call {
    let mut c = typed(call::Type::Decline);
    c.decline = Some(call::Decline { offer_ids, filters });
    c
}

/// REVIVE of `roles` (all the framework's when empty).
pub fn revive(roles: Vec<String>) -> Call {
    let mut c = typed(call::Type::Revive);
    c.revive = Some(call::Revive { roles });
    c
}

/// SUPPRESS of `roles` (all the framework's when empty).
pub fn suppress(roles: Vec<String>) -> Call {
    let mut c = typed(call::Type::Suppress);
    c.suppress = Some(call::Suppress { roles });
    c
}

/// KILL of a task.
pub fn kill(task_id: TaskId, agent_id: Option<AgentId>, kill_policy: Option<KillPolicy>) -> Call {
    let mut c = typed(call::Type::Kill);
    c.kill = Some(call::Kill {
        task_id,
        agent_id,
        kill_policy,
    });
    c
}

/// SHUTDOWN of a custom executor.
pub fn shutdown(executor_id: ExecutorId, agent_id: AgentId) -> Call {
    let mut c = typed(call::Type::Shutdown);
    c.shutdown = Some(call::Shutdown {
        executor_id,
        agent_id,
    });
    c
}

/// RECONCILE: explicit for `tasks`, implicit when empty.
pub fn reconcile(tasks: Vec<(TaskId, Option<AgentId>)>) -> Call {
    let mut c = typed(call::Type::Reconcile);
    c.reconcile = Some(call::Reconcile {
        tasks: tasks
            .into_iter()
            .map(|(task_id, agent_id)| call::reconcile::Task { task_id, agent_id })
            .collect(),
    });
    c
}

/// MESSAGE to an executor.
pub fn message(agent_id: AgentId, executor_id: ExecutorId, data: bytes::Bytes) -> Call {
    let mut c = typed(call::Type::Message);
    c.message = Some(call::Message {
        agent_id,
        executor_id,
        data,
    });
    c
}

/// TEARDOWN of the framework.
pub fn teardown() -> Call {
    typed(call::Type::Teardown)
}

/// The calls a framework's logic makes, so that logic can run against a real session
/// ([`SchedulerHandle`]) or a test double ([`RecordingScheduler`]). Each method sends one
/// call and says whether the master accepted it.
pub trait SchedulerCalls: Send + Sync {
    /// Sends `call` (its framework id is filled in by the session).
    fn send(&self, call: Call) -> impl Future<Output = Result<(), Error>> + Send;

    /// ACCEPT: applies `operations` to the offers.
    fn accept(
        &self,
        offer_ids: Vec<OfferId>,
        operations: Vec<offer::Operation>,
        filters: Option<Filters>,
    ) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.send(accept(offer_ids, operations, filters)?).await }
    }

    /// DECLINE: returns the offers (nothing is sent for none).
    fn decline(
        &self,
        offer_ids: Vec<OfferId>,
        filters: Option<Filters>,
    ) -> impl Future<Output = Result<(), Error>> + Send {
        async move {
            if offer_ids.is_empty() {
                return Ok(());
            }
            self.send(decline(offer_ids, filters)).await
        }
    }

    /// REVIVE `roles` (all when empty).
    fn revive(&self, roles: Vec<String>) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.send(revive(roles)).await }
    }

    /// SUPPRESS `roles` (all when empty).
    fn suppress(&self, roles: Vec<String>) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.send(suppress(roles)).await }
    }

    /// KILL a task.
    fn kill(
        &self,
        task_id: TaskId,
        agent_id: Option<AgentId>,
        kill_policy: Option<KillPolicy>,
    ) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.send(kill(task_id, agent_id, kill_policy)).await }
    }

    /// SHUTDOWN a custom executor.
    fn shutdown(
        &self,
        executor_id: ExecutorId,
        agent_id: AgentId,
    ) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.send(shutdown(executor_id, agent_id)).await }
    }

    /// ACKNOWLEDGE a status update that carries a uuid; `Ok(false)` without sending for one
    /// that does not.
    fn acknowledge(&self, status: &TaskStatus) -> impl Future<Output = Result<bool, Error>> + Send {
        let ack = crate::scheduler::session::acknowledge_call(status);
        async move {
            match ack {
                Some(c) => self.send(c).await.map(|()| true),
                None => Ok(false),
            }
        }
    }

    /// RECONCILE once.
    fn reconcile(
        &self,
        tasks: Vec<(TaskId, Option<AgentId>)>,
    ) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.send(reconcile(tasks)).await }
    }

    /// MESSAGE to an executor.
    fn message(
        &self,
        agent_id: AgentId,
        executor_id: ExecutorId,
        data: bytes::Bytes,
    ) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.send(message(agent_id, executor_id, data)).await }
    }

    /// TEARDOWN: removes the framework.
    fn teardown(&self) -> impl Future<Output = Result<(), Error>> + Send {
        async move { self.send(teardown()).await }
    }
}

impl SchedulerCalls for SchedulerHandle {
    async fn send(&self, call: Call) -> Result<(), Error> {
        SchedulerHandle::call(self, call).await.map(|_| ())
    }

    // The session's own versions: they keep its desired state and its id store in step.
    fn revive(&self, roles: Vec<String>) -> impl Future<Output = Result<(), Error>> + Send {
        SchedulerHandle::revive(self, roles)
    }

    fn suppress(&self, roles: Vec<String>) -> impl Future<Output = Result<(), Error>> + Send {
        SchedulerHandle::suppress(self, roles)
    }

    fn teardown(&self) -> impl Future<Output = Result<(), Error>> + Send {
        SchedulerHandle::teardown(self)
    }
}

/// A [`SchedulerCalls`] that sends nothing: it records every call, in order, and answers as
/// a master accepting them would (or with the error given to [`Self::fail_next`]).
#[derive(Debug, Default)]
pub struct RecordingScheduler {
    calls: Mutex<Vec<Call>>,
    failures: Mutex<Vec<Error>>,
}

impl RecordingScheduler {
    /// A recorder with no call yet.
    pub fn new() -> RecordingScheduler {
        RecordingScheduler::default()
    }

    /// The calls made so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        locked(&self.calls).clone()
    }

    /// The calls made so far, forgetting them.
    pub fn take(&self) -> Vec<Call> {
        std::mem::take(&mut *locked(&self.calls))
    }

    /// Makes the next call fail with `error` (after recording it), as a master refusing it
    /// or a lost connection would; several queue up in order.
    pub fn fail_next(&self, error: Error) {
        locked(&self.failures).push(error);
    }

    /// Every task the recorded ACCEPT calls launch (LAUNCH and LAUNCH_GROUP), in order.
    pub fn launched_tasks(&self) -> Vec<TaskInfo> {
        locked(&self.calls)
            .iter()
            .filter_map(|c| c.accept.as_ref())
            .flat_map(|a| a.operations.iter())
            .flat_map(|op| {
                let single = op.launch.iter().flat_map(|l| l.task_infos.iter());
                let group = op
                    .launch_group
                    .iter()
                    .flat_map(|l| l.task_group.tasks.iter());
                single.chain(group).cloned().collect::<Vec<_>>()
            })
            .collect()
    }

    /// Every offer id the recorded DECLINE calls return, in order.
    pub fn declined_offers(&self) -> Vec<OfferId> {
        locked(&self.calls)
            .iter()
            .filter_map(|c| c.decline.as_ref())
            .flat_map(|d| d.offer_ids.iter().cloned())
            .collect()
    }
}

impl SchedulerCalls for RecordingScheduler {
    fn send(&self, call: Call) -> impl Future<Output = Result<(), Error>> + Send {
        locked(&self.calls).push(call);
        let failure = {
            let mut failures = locked(&self.failures);
            (!failures.is_empty()).then(|| failures.remove(0))
        };
        async move {
            match failure {
                Some(error) => Err(error),
                None => Ok(()),
            }
        }
    }
}
