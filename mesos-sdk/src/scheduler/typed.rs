//! The scheduler's events as one typed enum: what the master says and what the session says
//! about its connection, each with the payload the protocol guarantees, so one `match` reads
//! them all without unwrapping options.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::scheduler::{SessionEvent, SessionEvents};
use crate::v1::scheduler::{Event, event};
use crate::v1::{
    AgentId, ExecutorId, FrameworkId, InverseOffer, MasterInfo, Offer, OfferId, OperationStatus,
    TaskStatus,
};

/// A scheduler session's event, typed: see [`SessionEvents::typed`].
///
/// ```no_run
/// use futures_util::StreamExt;
/// use mesos_sdk::detector::StaticDetector;
/// use mesos_sdk::scheduler::{SchedulerConfig, Session, TypedEvent};
/// use mesos_sdk::v1::FrameworkInfo;
///
/// # async fn run() -> Result<(), mesos_sdk::Error> {
/// let info = FrameworkInfo { user: "nobody".into(), name: "typed".into(), ..Default::default() };
/// let (scheduler, events) =
///     Session::start(SchedulerConfig::new(info), StaticDetector::new("127.0.0.1:5050".parse()?))?;
/// let mut events = events.typed();
/// while let Some(event) = events.next().await {
///     match event? {
///         TypedEvent::Offers(offers) => {
///             let ids = offers.into_iter().map(|o| o.id).collect();
///             scheduler.decline(ids, None).await?;
///         }
///         TypedEvent::Update(status) => println!("{}: {:?}", status.task_id.value, status.state()),
///         TypedEvent::Disconnected { reason } => eprintln!("disconnected: {reason}"),
///         _ => {}
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum TypedEvent {
    /// A subscription was established (see [`SessionEvent::Subscribed`]).
    Subscribed {
        /// The framework's id.
        framework_id: FrameworkId,
        /// The master subscribed to.
        master: Endpoint,
        /// The master's description of itself, when it sent one.
        master_info: Option<Box<MasterInfo>>,
        /// The heartbeat interval in force.
        heartbeat_interval: Duration,
        /// Whether this re-subscribed an already known framework id.
        resubscribed: bool,
    },
    /// OFFERS: resources to use or decline.
    Offers(Vec<Offer>),
    /// INVERSE_OFFERS: the master asks for resources back (maintenance).
    InverseOffers(Vec<InverseOffer>),
    /// RESCIND: an offer is withdrawn.
    Rescind(OfferId),
    /// RESCIND_INVERSE_OFFER: an inverse offer is withdrawn.
    RescindInverseOffer(OfferId),
    /// UPDATE: a task's status (acknowledged by the session when it carries a uuid, unless
    /// automatic acknowledgement is off). Boxed, as the operation status below: a status is
    /// several hundred bytes.
    Update(Box<TaskStatus>),
    /// UPDATE_OPERATION_STATUS: an offer operation's status.
    UpdateOperationStatus(Box<OperationStatus>),
    /// MESSAGE from an executor (no delivery guarantee).
    Message {
        /// The executor's agent.
        agent_id: AgentId,
        /// The executor.
        executor_id: ExecutorId,
        /// What it sent.
        data: Bytes,
    },
    /// FAILURE of an executor: it ended (its tasks' own updates say what became of them).
    ExecutorFailure {
        /// Its agent, when the master names it.
        agent_id: Option<AgentId>,
        /// The executor.
        executor_id: ExecutorId,
        /// Its wait status, when known.
        status: Option<i32>,
    },
    /// FAILURE of an agent: it was removed (its tasks are gone or lost).
    AgentFailure {
        /// The agent.
        agent_id: AgentId,
    },
    /// ERROR from the master: the framework is refused or removed; the session ends next.
    Error(String),
    /// HEARTBEAT: the master is alive (the session watches heartbeats itself).
    Heartbeat,
    /// The subscription ended; the session subscribes again.
    Disconnected {
        /// Why.
        reason: String,
    },
    /// The detector reported another leader (or none).
    LeaderChanged {
        /// The new leader, if any.
        leader: Option<Endpoint>,
    },
    /// A master event this type does not describe (from a newer master, or one lacking the
    /// payload its type promises), as received.
    Other(Box<Event>),
}

impl From<SessionEvent> for TypedEvent {
    fn from(event: SessionEvent) -> TypedEvent {
        match event {
            SessionEvent::Subscribed {
                framework_id,
                master,
                master_info,
                heartbeat_interval,
                resubscribed,
            } => TypedEvent::Subscribed {
                framework_id,
                master,
                master_info,
                heartbeat_interval,
                resubscribed,
            },
            SessionEvent::Event(event) => TypedEvent::from(event.into_boxed()),
            SessionEvent::Disconnected { reason } => TypedEvent::Disconnected { reason },
            SessionEvent::LeaderChanged { leader } => TypedEvent::LeaderChanged { leader },
        }
    }
}

impl From<Box<Event>> for TypedEvent {
    fn from(raw: Box<Event>) -> TypedEvent {
        let mut event = raw;
        let typed = match event.r#type() {
            event::Type::Offers => event.offers.take().map(|o| TypedEvent::Offers(o.offers)),
            event::Type::InverseOffers => event
                .inverse_offers
                .take()
                .map(|o| TypedEvent::InverseOffers(o.inverse_offers)),
            event::Type::Rescind => event
                .rescind
                .take()
                .map(|r| TypedEvent::Rescind(r.offer_id)),
            event::Type::RescindInverseOffer => event
                .rescind_inverse_offer
                .take()
                .map(|r| TypedEvent::RescindInverseOffer(r.inverse_offer_id)),
            event::Type::Update => event
                .update
                .take()
                .map(|u| TypedEvent::Update(Box::new(u.status))),
            event::Type::UpdateOperationStatus => event
                .update_operation_status
                .take()
                .map(|u| TypedEvent::UpdateOperationStatus(Box::new(u.status))),
            event::Type::Message => event.message.take().map(|m| TypedEvent::Message {
                agent_id: m.agent_id,
                executor_id: m.executor_id,
                data: m.data,
            }),
            event::Type::Failure => event.failure.take().and_then(|f| match f.executor_id {
                Some(executor_id) => Some(TypedEvent::ExecutorFailure {
                    agent_id: f.agent_id,
                    executor_id,
                    status: f.status,
                }),
                None => f
                    .agent_id
                    .map(|agent_id| TypedEvent::AgentFailure { agent_id }),
            }),
            event::Type::Error => event.error.take().map(|e| TypedEvent::Error(e.message)),
            event::Type::Heartbeat => Some(TypedEvent::Heartbeat),
            _ => None,
        };
        // What could not be typed is handed on whole (a payload taken above was absent).
        typed.unwrap_or(TypedEvent::Other(event))
    }
}

/// [`SessionEvents`] yielding [`TypedEvent`]s (acknowledgements work as they do there: when
/// the application takes the event).
#[derive(Debug)]
pub struct TypedEvents {
    inner: SessionEvents,
}

impl SessionEvents {
    /// The same stream, its events typed.
    pub fn typed(self) -> TypedEvents {
        TypedEvents { inner: self }
    }
}

impl Stream for TypedEvents {
    type Item = Result<TypedEvent, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.inner)
            .poll_next(cx)
            .map(|item| item.map(|result| result.map(TypedEvent::from)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v1::TaskId;

    fn raw(kind: event::Type) -> Box<Event> {
        Box::new(Event {
            r#type: Some(kind as i32),
            ..Default::default()
        })
    }

    #[test]
    fn each_master_event_gets_its_variant_and_a_missing_payload_stays_raw() {
        let mut update = raw(event::Type::Update);
        update.update = Some(event::Update {
            status: TaskStatus {
                task_id: TaskId { value: "t".into() },
                ..Default::default()
            },
        });
        assert!(matches!(
            TypedEvent::from(update),
            TypedEvent::Update(s) if s.task_id.value == "t"
        ));
        let mut failure = raw(event::Type::Failure);
        failure.failure = Some(event::Failure {
            agent_id: Some(AgentId { value: "a".into() }),
            executor_id: None,
            status: None,
        });
        assert!(matches!(
            TypedEvent::from(failure),
            TypedEvent::AgentFailure { agent_id } if agent_id.value == "a"
        ));
        let mut executor_failure = raw(event::Type::Failure);
        executor_failure.failure = Some(event::Failure {
            agent_id: None,
            executor_id: Some(ExecutorId { value: "e".into() }),
            status: Some(9),
        });
        assert!(matches!(
            TypedEvent::from(executor_failure),
            TypedEvent::ExecutorFailure {
                status: Some(9),
                ..
            }
        ));
        assert_eq!(
            TypedEvent::from(raw(event::Type::Heartbeat)),
            TypedEvent::Heartbeat
        );
        // OFFERS without its payload, and a type this version does not know.
        assert!(matches!(
            TypedEvent::from(raw(event::Type::Offers)),
            TypedEvent::Other(e) if e.r#type() == event::Type::Offers
        ));
        let unknown = Box::new(Event {
            r#type: Some(99),
            ..Default::default()
        });
        assert!(matches!(TypedEvent::from(unknown), TypedEvent::Other(_)));
    }
}
