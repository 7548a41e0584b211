//! Scheduler events: building them, and delivering them to a framework's subscription as
//! RecordIO records in the subscription's encoding. A subscriber whose queue is full is
//! disconnected, as the master drops a connection that does not drain.

use mesos_sdk::recordio::encode_record;
use mesos_sdk::v1::scheduler::{Event, event};
use mesos_sdk::v1::{FrameworkId, MasterInfo, Offer, OperationStatus, TaskStatus};
use tokio::sync::mpsc::error::TrySendError;

use super::effects::Effects;
use super::state::MasterState;
use crate::http::media::{Encoding, encode};

/// `SUBSCRIBED` with the interval actually used.
pub(crate) fn subscribed(framework_id: &str, heartbeat_secs: f64, info: &MasterInfo) -> Event {
    Event {
        r#type: Some(event::Type::Subscribed as i32),
        subscribed: Some(event::Subscribed {
            framework_id: FrameworkId {
                value: framework_id.to_string(),
            },
            heartbeat_interval_seconds: Some(heartbeat_secs),
            master_info: Some(info.clone()),
        }),
        ..Default::default()
    }
}

/// `HEARTBEAT` (no payload).
pub(crate) fn heartbeat() -> Event {
    Event {
        r#type: Some(event::Type::Heartbeat as i32),
        ..Default::default()
    }
}

/// `ERROR{message}`; the payload sits under `error`, not at the top level as the docs show.
pub(crate) fn error(message: &str) -> Event {
    Event {
        r#type: Some(event::Type::Error as i32),
        error: Some(event::Error {
            message: message.to_string(),
        }),
        ..Default::default()
    }
}

/// `OFFERS{offers}`.
pub(crate) fn offers(offers: Vec<Offer>) -> Event {
    Event {
        r#type: Some(event::Type::Offers as i32),
        offers: Some(event::Offers { offers }),
        ..Default::default()
    }
}

/// `RESCIND{offer_id}`.
pub(crate) fn rescind(offer: &Offer) -> Event {
    Event {
        r#type: Some(event::Type::Rescind as i32),
        rescind: Some(event::Rescind {
            offer_id: offer.id.clone(),
        }),
        ..Default::default()
    }
}

/// `UPDATE{status}`.
pub(crate) fn update(status: TaskStatus) -> Event {
    Event {
        r#type: Some(event::Type::Update as i32),
        update: Some(event::Update { status }),
        ..Default::default()
    }
}

/// `UPDATE_OPERATION_STATUS{status}`.
pub(crate) fn update_operation_status(status: OperationStatus) -> Event {
    Event {
        r#type: Some(event::Type::UpdateOperationStatus as i32),
        update_operation_status: Some(event::UpdateOperationStatus { status }),
        ..Default::default()
    }
}

/// One event framed as a RecordIO record.
pub(crate) fn record(encoding: Encoding, event: &Event) -> bytes::Bytes {
    encode_record(&encode(encoding, event))
}

impl MasterState {
    /// Sends `event` to the framework if it is connected; events for a disconnected framework
    /// are dropped, as upstream drops them. Returns the effects of disconnecting a subscriber
    /// that stopped reading.
    pub(crate) fn send(&mut self, framework_id: &str, event: &Event) -> Effects {
        let Some(framework) = self.frameworks.get_mut(framework_id) else {
            return Vec::new();
        };
        let Some(connection) = &framework.connection else {
            return Vec::new();
        };
        match connection
            .sender
            .try_send(record(connection.encoding, event))
        {
            Ok(()) => Vec::new(),
            Err(TrySendError::Full(_)) => {
                tracing::warn!(
                    framework_id,
                    "subscriber does not read its events; disconnecting it"
                );
                let stream_id = connection.stream_id;
                self.disconnect(framework_id, stream_id)
            }
            Err(TrySendError::Closed(_)) => {
                let stream_id = connection.stream_id;
                self.disconnect(framework_id, stream_id)
            }
        }
    }
}
