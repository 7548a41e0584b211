//! The call path of one scheduler subscription: calls in order on one dedicated connection to
//! the subscribed master, carrying the subscription's `Mesos-Stream-Id` and framework id.

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::transport::{CallQueue, CallResponse, CallTarget};
use crate::v1::FrameworkId;
use crate::v1::scheduler::{Call, call};

/// Sends calls for one subscription. Cheap to clone; all clones share the queue and its
/// connection, which closes when the last clone is dropped.
#[derive(Clone)]
pub struct Caller {
    queue: CallQueue<Call>,
    stream_id: String,
    framework_id: FrameworkId,
}

impl std::fmt::Debug for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("endpoint", &self.queue.target().endpoint)
            .field("stream_id", &self.stream_id)
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

impl Caller {
    /// `target` must carry the subscription's `Mesos-Stream-Id` header.
    pub(crate) fn start(target: CallTarget, stream_id: String, framework_id: FrameworkId) -> Self {
        let span = tracing::debug_span!(
            "mesos_calls",
            master = %target.endpoint,
            stream_id = %stream_id
        );
        Self {
            queue: CallQueue::start(target, span),
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
    pub async fn call(&self, call: Call) -> Result<CallResponse, Error> {
        let name = call_name(&call);
        self.queue.call(self.with_framework_id(call), name).await
    }

    /// Queues `call` now, without waiting (so it keeps its place in the order), and logs its
    /// outcome in the background. Used for acknowledgements and reconciliation.
    pub(crate) fn submit(&self, call: Call) {
        let name = call_name(&call);
        self.queue.submit(self.with_framework_id(call), name);
    }
}
