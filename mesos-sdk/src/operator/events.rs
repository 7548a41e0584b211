//! The master's operator event stream (`SUBSCRIBE` on `/api/v1`): SUBSCRIBED with the whole
//! state first, then TASK_ADDED, TASK_UPDATED, AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_ADDED,
//! FRAMEWORK_UPDATED, FRAMEWORK_REMOVED and HEARTBEAT, as a named `Stream` with a heartbeat
//! watchdog; [`OperatorEvent`] gives each event's payload a name.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::transport::EventStream;
use crate::v1::master::{Event, event, response};
use crate::v1::{AgentId, FrameworkId, FrameworkInfo, Task, TaskState, TaskStatus};

/// The longest heartbeat interval believed: one day (the value comes from the peer).
const MAX_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(24 * 3600);

/// The events of one operator subscription, after SUBSCRIBED.
///
/// It ends (`None`) when the master closes the stream (it lost leadership, or stopped);
/// subscribe again to follow the new leader ([`crate::operator::MasterClient::subscribe`]
/// asks the detector again). A stream cut inside a record, an undecodable event or no event
/// (heartbeats included) within the watchdog's limit is reported once as an error, and the
/// stream ends after it.
#[derive(Debug)]
pub struct OperatorEvents {
    subscribed: event::Subscribed,
    endpoint: Endpoint,
    events: EventStream<Event>,
    silence_limit: Duration,
    watchdog: Pin<Box<tokio::time::Sleep>>,
    done: bool,
}

impl OperatorEvents {
    pub(crate) fn new(
        subscribed: event::Subscribed,
        endpoint: Endpoint,
        events: EventStream<Event>,
        heartbeat_misses: u32,
    ) -> Self {
        let interval = subscribed
            .heartbeat_interval_seconds
            .filter(|s| !s.is_nan() && *s > 0.0)
            .map(|s| Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX))
            .unwrap_or(Duration::from_secs(15))
            .min(MAX_HEARTBEAT_INTERVAL);
        let silence_limit = interval.saturating_mul(heartbeat_misses.max(1));
        Self {
            subscribed,
            endpoint,
            events,
            silence_limit,
            watchdog: Box::pin(tokio::time::sleep(silence_limit)),
            done: false,
        }
    }

    /// The SUBSCRIBED event: the master's whole state when the subscription began.
    pub fn subscribed(&self) -> &event::Subscribed {
        &self.subscribed
    }

    /// The state in SUBSCRIBED (empty if the master sent none).
    pub fn state(&self) -> response::GetState {
        self.subscribed.get_state.clone().unwrap_or_default()
    }

    /// The master that sends the events (the leader, after redirects).
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// How long the stream may be silent before the watchdog ends it.
    pub fn silence_limit(&self) -> Duration {
        self.silence_limit
    }

    /// The events as [`OperatorEvent`]s.
    pub fn typed(self) -> impl Stream<Item = Result<OperatorEvent, Error>> + Send + Unpin {
        self.map(|event| event.map(OperatorEvent::from))
    }
}

impl Stream for OperatorEvents {
    type Item = Result<Event, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        match this.events.poll_next_unpin(cx) {
            Poll::Ready(Some(item)) => {
                if item.is_err() {
                    this.done = true;
                } else {
                    let next = tokio::time::Instant::now() + this.silence_limit;
                    this.watchdog.as_mut().reset(next);
                }
                return Poll::Ready(Some(item));
            }
            Poll::Ready(None) => {
                this.done = true;
                return Poll::Ready(None);
            }
            Poll::Pending => {}
        }
        if this.watchdog.as_mut().poll(cx).is_ready() {
            this.done = true;
            return Poll::Ready(Some(Err(Error::HeartbeatTimeout {
                endpoint: this.endpoint.authority(),
                silent_for: this.silence_limit,
            })));
        }
        Poll::Pending
    }
}

/// An operator event with its payload named.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum OperatorEvent {
    /// A task was launched (`TASK_ADDED`).
    TaskAdded(Box<Task>),
    /// A task changed state (`TASK_UPDATED`): its framework, its latest state and the status
    /// that changed it.
    TaskUpdated {
        /// The task's framework.
        framework_id: FrameworkId,
        /// The status update.
        status: Box<TaskStatus>,
        /// The task's latest state as the master knows it.
        state: TaskState,
    },
    /// An agent registered (`AGENT_ADDED`).
    AgentAdded(Box<response::get_agents::Agent>),
    /// An agent was removed (`AGENT_REMOVED`).
    AgentRemoved(AgentId),
    /// A framework subscribed for the first time (`FRAMEWORK_ADDED`).
    FrameworkAdded(Box<response::get_frameworks::Framework>),
    /// A framework re-subscribed or changed its `FrameworkInfo` (`FRAMEWORK_UPDATED`).
    FrameworkUpdated(Box<response::get_frameworks::Framework>),
    /// A framework was removed (`FRAMEWORK_REMOVED`).
    FrameworkRemoved(Box<FrameworkInfo>),
    /// `HEARTBEAT`.
    Heartbeat,
    /// Anything else: a type this SDK does not know, or an event without its payload.
    Other(Box<Event>),
}

impl From<Event> for OperatorEvent {
    fn from(event: Event) -> Self {
        use event::Type;
        match event.r#type() {
            Type::TaskAdded => {
                if let Some(added) = event.task_added {
                    return OperatorEvent::TaskAdded(Box::new(added.task));
                }
            }
            Type::TaskUpdated => {
                if let Some(updated) = event.task_updated {
                    let state = updated.state();
                    return OperatorEvent::TaskUpdated {
                        framework_id: updated.framework_id,
                        state,
                        status: Box::new(updated.status),
                    };
                }
            }
            Type::AgentAdded => {
                if let Some(added) = event.agent_added {
                    return OperatorEvent::AgentAdded(Box::new(added.agent));
                }
            }
            Type::AgentRemoved => {
                if let Some(removed) = event.agent_removed {
                    return OperatorEvent::AgentRemoved(removed.agent_id);
                }
            }
            Type::FrameworkAdded => {
                if let Some(added) = event.framework_added {
                    return OperatorEvent::FrameworkAdded(Box::new(added.framework));
                }
            }
            Type::FrameworkUpdated => {
                if let Some(updated) = event.framework_updated {
                    return OperatorEvent::FrameworkUpdated(Box::new(updated.framework));
                }
            }
            Type::FrameworkRemoved => {
                if let Some(removed) = event.framework_removed {
                    return OperatorEvent::FrameworkRemoved(Box::new(removed.framework_info));
                }
            }
            Type::Heartbeat => return OperatorEvent::Heartbeat,
            _ => {}
        }
        OperatorEvent::Other(Box::new(event))
    }
}
