//! The call path of one subscription: every non-SUBSCRIBE call goes, in the order it was
//! made, over one dedicated HTTP/1.1 connection to the subscribed master, carrying the
//! subscription's `Mesos-Stream-Id`.
//!
//! One connection and one FIFO queue is what keeps ACCEPT, DECLINE, SUPPRESS and REVIVE in
//! order (`mesos: src/scheduler/scheduler.cpp` keeps a single call connection for this
//! reason); a pool or a connection per call could reorder them.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::client::conn::http1::SendRequest;
use tokio::sync::{mpsc, oneshot};
use tracing::Instrument;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::transport::{
    Connector, Credentials, Encoding, RequestBody, read_body_limited, read_body_truncated,
};
use crate::v1::FrameworkId;
use crate::v1::scheduler::{Call, call};

/// Largest response body read for a call (UPDATE_FRAMEWORK and RECONCILE_OPERATIONS answer
/// with a body; others with none).
const MAX_RESPONSE_BODY: usize = 16 * 1024 * 1024;
/// How much of an error body is kept in [`Error::Status`].
const MAX_ERROR_BODY: usize = 4096;
/// Calls waiting for the connection; callers wait (backpressure) beyond this.
const QUEUE_DEPTH: usize = 1024;

/// A call's successful answer.
#[derive(Debug, Clone)]
pub struct CallResponse {
    /// `202` for most calls, `200` for UPDATE_FRAMEWORK and RECONCILE_OPERATIONS.
    pub status: u16,
    /// The response body (empty for `202`).
    pub body: Bytes,
}

pub(crate) struct CallTarget {
    pub(crate) connector: Connector,
    pub(crate) endpoint: Endpoint,
    pub(crate) path: String,
    pub(crate) stream_id: String,
    pub(crate) framework_id: FrameworkId,
    pub(crate) encoding: Encoding,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) call_timeout: Duration,
}

struct Queued {
    call: Call,
    reply: oneshot::Sender<Result<CallResponse, Error>>,
}

/// Sends calls for one subscription. Cheap to clone; all clones share the queue and its
/// connection, which closes when the last clone is dropped.
#[derive(Clone)]
pub struct Caller {
    queue: mpsc::Sender<Queued>,
    target: Arc<CallTarget>,
}

impl std::fmt::Debug for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("endpoint", &self.target.endpoint)
            .field("stream_id", &self.target.stream_id)
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
    pub(crate) fn start(target: CallTarget) -> Self {
        let (queue, rx) = mpsc::channel(QUEUE_DEPTH);
        let target = Arc::new(target);
        let span = tracing::debug_span!(
            "mesos_calls",
            master = %target.endpoint,
            stream_id = %target.stream_id
        );
        tokio::spawn(run_queue(target.clone(), rx).instrument(span));
        Self { queue, target }
    }

    /// The master this caller sends to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.target.endpoint
    }

    /// The subscription's `Mesos-Stream-Id`.
    pub fn stream_id(&self) -> &str {
        &self.target.stream_id
    }

    /// The subscribed framework's id.
    pub fn framework_id(&self) -> &FrameworkId {
        &self.target.framework_id
    }

    /// Sends `call` after every call made before it, and waits for the master's answer. The
    /// framework id is filled in when the call has none.
    pub async fn call(&self, mut call: Call) -> Result<CallResponse, Error> {
        if call.framework_id.is_none() {
            call.framework_id = Some(self.target.framework_id.clone());
        }
        let name = call_name(&call);
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Queued { call, reply })
            .await
            .map_err(|_| Error::Closed)?;
        Self::outcome(name, answer).await
    }

    /// Queues `call` now, without waiting (so it keeps its place in the order), and logs its
    /// outcome in the background. Used for acknowledgements and reconciliation.
    pub(crate) fn submit(&self, mut call: Call) {
        if call.framework_id.is_none() {
            call.framework_id = Some(self.target.framework_id.clone());
        }
        let name = call_name(&call);
        let (reply, answer) = oneshot::channel();
        let queued = Queued { call, reply };
        let pending = match self.queue.try_send(queued) {
            Ok(()) => None,
            Err(mpsc::error::TrySendError::Full(queued)) => Some(queued),
            Err(mpsc::error::TrySendError::Closed(_)) => return,
        };
        let queue = self.queue.clone();
        tokio::spawn(async move {
            if let Some(queued) = pending {
                if queue.send(queued).await.is_err() {
                    return;
                }
            }
            if let Err(error) = Self::outcome(name, answer).await {
                tracing::warn!(call = name, %error, "background call failed");
            }
        });
    }

    async fn outcome(
        name: &'static str,
        answer: oneshot::Receiver<Result<CallResponse, Error>>,
    ) -> Result<CallResponse, Error> {
        let result = answer.await.map_err(|_| Error::Closed)?;
        metrics::counter!(
            "mesos_scheduler_calls_total",
            "call" => name,
            "outcome" => if result.is_ok() { "ok" } else { "error" }
        )
        .increment(1);
        result
    }
}

async fn run_queue(target: Arc<CallTarget>, mut rx: mpsc::Receiver<Queued>) {
    let mut sender: Option<SendRequest<RequestBody>> = None;
    while let Some(Queued { call, reply }) = rx.recv().await {
        if reply.is_closed() {
            // The caller stopped waiting (timeout, cancellation): do not send it late.
            continue;
        }
        let name = call_name(&call);
        let span = tracing::debug_span!("mesos_call", call = name);
        let result = send_one(&target, &mut sender, &call, name)
            .instrument(span)
            .await;
        if result.is_err() {
            // The connection's state is unknown after a failure: open a fresh one next time.
            sender = None;
        }
        let _ = reply.send(result);
    }
}

async fn send_one(
    target: &CallTarget,
    sender: &mut Option<SendRequest<RequestBody>>,
    call: &Call,
    name: &'static str,
) -> Result<CallResponse, Error> {
    let authority = target.endpoint.authority();
    let timeout = target.call_timeout;
    let exchange = async {
        let connection = match sender {
            Some(s) if !s.is_closed() => s,
            _ => sender.insert(target.connector.connect(&target.endpoint).await?),
        };
        connection.ready().await.map_err(|e| Error::Http {
            call: name,
            endpoint: authority.clone(),
            source: Box::new(e),
        })?;
        let body = target.encoding.encode(call, "scheduler call")?;
        let mut request = hyper::Request::post(target.path.as_str())
            .header(hyper::header::HOST, authority.as_str())
            .header(hyper::header::CONTENT_TYPE, target.encoding.media_type())
            .header(hyper::header::ACCEPT, target.encoding.media_type())
            .header("Mesos-Stream-Id", target.stream_id.as_str());
        if let Some(credentials) = &target.credentials {
            request = request.header(hyper::header::AUTHORIZATION, credentials.header_value());
        }
        let request = request
            .body(Full::new(body))
            .map_err(|e| Error::InvalidArgument {
                what: "call request",
                reason: e.to_string(),
            })?;
        let response = connection
            .send_request(request)
            .await
            .map_err(|e| Error::Http {
                call: name,
                endpoint: authority.clone(),
                source: Box::new(e),
            })?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            let body = read_body_limited(response.into_body(), MAX_RESPONSE_BODY)
                .await
                .map_err(|source| Error::Http {
                    call: name,
                    endpoint: authority.clone(),
                    source,
                })?;
            Ok(CallResponse { status, body })
        } else {
            let body = read_body_truncated(response.into_body(), MAX_ERROR_BODY).await;
            Err(Error::Status {
                call: name,
                endpoint: authority.clone(),
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
            })
        }
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(result) => result,
        Err(_) => Err(Error::Timeout {
            call: name,
            endpoint: authority,
            after: timeout,
        }),
    }
}
