//! The executor's events as one typed enum, each with the payload the protocol guarantees.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;

use crate::error::Error;
use crate::executor::{ExecutorEvent, ExecutorEvents};
use crate::v1::executor::{Event, event};
use crate::v1::{KillPolicy, TaskGroupInfo, TaskId, TaskInfo};

/// An executor session's event, typed: see [`ExecutorEvents::typed`].
///
/// ```no_run
/// use futures_util::StreamExt;
/// use mesos_sdk::executor::{Executor, ExecutorConfig, TypedEvent};
///
/// # async fn run() -> Result<(), mesos_sdk::Error> {
/// let (executor, events) = Executor::start(ExecutorConfig::from_env()?)?;
/// let mut events = events.typed();
/// while let Some(event) = events.next().await {
///     match event? {
///         TypedEvent::Launch(task) => println!("run {}", task.task_id.value),
///         TypedEvent::Kill { task_id, .. } => println!("kill {}", task_id.value),
///         TypedEvent::Shutdown => break,
///         _ => {}
///     }
/// }
/// # drop(executor);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum TypedEvent {
    /// The agent accepted the subscription (see [`ExecutorEvent::Subscribed`]).
    Subscribed {
        /// The executor, framework and agent descriptions.
        subscribed: Box<event::Subscribed>,
        /// Whether this is a re-subscription.
        resubscribed: bool,
    },
    /// LAUNCH: run this task.
    Launch(Box<TaskInfo>),
    /// LAUNCH_GROUP: run these tasks together.
    LaunchGroup(TaskGroupInfo),
    /// KILL a task, with the kill policy that overrides the task's, if any.
    Kill {
        /// The task.
        task_id: TaskId,
        /// The kill policy of the KILL call, if the scheduler gave one.
        kill_policy: Option<KillPolicy>,
    },
    /// ACKNOWLEDGED: the agent has an update (the session stops resending it).
    Acknowledged {
        /// The update's task.
        task_id: TaskId,
        /// The update's uuid.
        uuid: Bytes,
    },
    /// MESSAGE from the scheduler (no delivery guarantee).
    Message(Bytes),
    /// ERROR from the agent.
    Error(String),
    /// SHUTDOWN: stop every task and exit within the shutdown grace period.
    Shutdown,
    /// HEARTBEAT from the agent.
    Heartbeat,
    /// The connection to the agent was lost; the session re-subscribes.
    Disconnected {
        /// Why.
        reason: String,
    },
    /// An agent event this type does not describe (from a newer agent, or one lacking the
    /// payload its type promises), as received.
    Other(Box<Event>),
}

impl From<ExecutorEvent> for TypedEvent {
    fn from(event: ExecutorEvent) -> TypedEvent {
        match event {
            ExecutorEvent::Subscribed {
                subscribed,
                resubscribed,
            } => TypedEvent::Subscribed {
                subscribed,
                resubscribed,
            },
            ExecutorEvent::Event(event) => TypedEvent::from(event),
            ExecutorEvent::Disconnected { reason } => TypedEvent::Disconnected { reason },
        }
    }
}

impl From<Box<Event>> for TypedEvent {
    fn from(raw: Box<Event>) -> TypedEvent {
        let mut event = raw;
        let typed = match event.r#type() {
            event::Type::Launch => event
                .launch
                .take()
                .map(|l| TypedEvent::Launch(Box::new(l.task))),
            event::Type::LaunchGroup => event
                .launch_group
                .take()
                .map(|l| TypedEvent::LaunchGroup(l.task_group)),
            event::Type::Kill => event.kill.take().map(|k| TypedEvent::Kill {
                task_id: k.task_id,
                kill_policy: k.kill_policy,
            }),
            event::Type::Acknowledged => {
                event.acknowledged.take().map(|a| TypedEvent::Acknowledged {
                    task_id: a.task_id,
                    uuid: a.uuid,
                })
            }
            event::Type::Message => event.message.take().map(|m| TypedEvent::Message(m.data)),
            event::Type::Error => event.error.take().map(|e| TypedEvent::Error(e.message)),
            event::Type::Shutdown => Some(TypedEvent::Shutdown),
            event::Type::Heartbeat => Some(TypedEvent::Heartbeat),
            _ => None,
        };
        typed.unwrap_or(TypedEvent::Other(event))
    }
}

/// [`ExecutorEvents`] yielding [`TypedEvent`]s.
#[derive(Debug)]
pub struct TypedEvents {
    inner: ExecutorEvents,
}

impl ExecutorEvents {
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

    #[test]
    fn each_agent_event_gets_its_variant_and_a_missing_payload_stays_raw() {
        let mut kill = Box::new(Event {
            r#type: Some(event::Type::Kill as i32),
            ..Default::default()
        });
        kill.kill = Some(event::Kill {
            task_id: TaskId { value: "t".into() },
            kill_policy: None,
        });
        assert!(matches!(
            TypedEvent::from(kill),
            TypedEvent::Kill { task_id, kill_policy: None } if task_id.value == "t"
        ));
        let shutdown = Box::new(Event {
            r#type: Some(event::Type::Shutdown as i32),
            ..Default::default()
        });
        assert_eq!(TypedEvent::from(shutdown), TypedEvent::Shutdown);
        let launch_without_task = Box::new(Event {
            r#type: Some(event::Type::Launch as i32),
            ..Default::default()
        });
        assert!(matches!(
            TypedEvent::from(launch_without_task),
            TypedEvent::Other(_)
        ));
    }
}
