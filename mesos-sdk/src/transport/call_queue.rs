//! One ordered call path: calls go, in the order they were made, over one dedicated HTTP/1.1
//! connection (reopened after a failure), each answered before the next is sent.
//!
//! One connection and one FIFO queue is what keeps a scheduler's ACCEPT, DECLINE, SUPPRESS and
//! REVIVE in order (`mesos: src/scheduler/scheduler.cpp` keeps a single call connection for
//! this reason); a pool or a connection per call could reorder them. Executors use the same
//! path for UPDATE and MESSAGE.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use hyper::client::conn::http1::SendRequest;
use prost::{Message, Name};
use tokio::sync::{mpsc, oneshot};
use tracing::Instrument;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::transport::post::{RequestTemplate, exchange};
use crate::transport::{
    Connector, Credentials, Encoding, RequestBody, read_body_limited, read_body_truncated,
};

/// Largest response body read for a call.
pub(crate) const MAX_RESPONSE_BODY: usize = 16 * 1024 * 1024;
/// How much of an error body is kept in [`Error::Status`].
pub(crate) const MAX_ERROR_BODY: usize = 4096;
/// Calls waiting for the connection; callers wait (backpressure) beyond this.
const QUEUE_DEPTH: usize = 1024;
/// Background calls ([`CallQueue::submit`]) waiting for room in a full queue, at most. A slow
/// or stalled peer would otherwise make them (and a task each) pile up without bound; past
/// it a background call is dropped with a warning. They are all calls Mesos makes up for:
/// an acknowledgement not sent gets its update sent again, a reconciliation or heartbeat
/// comes again on its timer.
pub(crate) const MAX_OVERFLOW: usize = 4096;

/// A call's successful answer.
#[derive(Debug, Clone)]
pub struct CallResponse {
    /// `202` for most calls, `200` for those that answer with a body.
    pub status: u16,
    /// The response body (empty for `202`).
    pub body: Bytes,
}

/// Where and how a queue sends its calls.
#[derive(Clone)]
pub(crate) struct CallTarget {
    pub(crate) connector: Connector,
    pub(crate) endpoint: Endpoint,
    pub(crate) path: String,
    /// Extra headers on every call (a scheduler's `Mesos-Stream-Id`).
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) encoding: Encoding,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) call_timeout: Duration,
}

struct Queued<M> {
    call: M,
    name: &'static str,
    reply: oneshot::Sender<Result<CallResponse, Error>>,
}

/// The sending side of an ordered call path. Cheap to clone; the connection closes when the
/// last clone is dropped.
pub(crate) struct CallQueue<M> {
    queue: mpsc::Sender<Queued<M>>,
    target: Arc<CallTarget>,
    /// Background calls waiting for room (see [`MAX_OVERFLOW`]).
    overflow: Arc<std::sync::atomic::AtomicUsize>,
}

impl<M> Clone for CallQueue<M> {
    fn clone(&self) -> Self {
        Self {
            queue: self.queue.clone(),
            target: self.target.clone(),
            overflow: self.overflow.clone(),
        }
    }
}

impl<M: Message + Name + Send + 'static> CallQueue<M> {
    pub(crate) fn start(target: CallTarget, span: tracing::Span) -> Self {
        let (queue, rx) = mpsc::channel(QUEUE_DEPTH);
        let target = Arc::new(target);
        tokio::spawn(run_queue(target.clone(), rx).instrument(span));
        Self {
            queue,
            target,
            overflow: Arc::new(std::sync::atomic::AtomicUsize::new(0)),
        }
    }

    /// Background calls waiting for room now.
    #[cfg(test)]
    pub(crate) fn overflowing(&self) -> usize {
        self.overflow.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub(crate) fn target(&self) -> &CallTarget {
        &self.target
    }

    /// Sends `call` after every call queued before it and waits for the answer.
    pub(crate) async fn call(&self, call: M, name: &'static str) -> Result<CallResponse, Error> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Queued { call, name, reply })
            .await
            .map_err(|_| Error::Closed)?;
        outcome(name, answer).await
    }

    /// Queues `call` now, without waiting (so it keeps its place in the order), and logs its
    /// outcome in the background.
    pub(crate) fn submit(&self, call: M, name: &'static str) {
        let (reply, answer) = oneshot::channel();
        let queued = Queued { call, name, reply };
        use std::sync::atomic::Ordering;
        let pending = match self.queue.try_send(queued) {
            Ok(()) => None,
            Err(mpsc::error::TrySendError::Full(queued)) => {
                if self.overflow.fetch_add(1, Ordering::Relaxed) >= MAX_OVERFLOW {
                    self.overflow.fetch_sub(1, Ordering::Relaxed);
                    metrics::counter!("mesos_calls_dropped_total", "call" => name).increment(1);
                    tracing::warn!(
                        call = name,
                        "the call queue and its overflow are full (the peer is slow or \
                         stalled): this background call is dropped"
                    );
                    return;
                }
                Some(queued)
            }
            Err(mpsc::error::TrySendError::Closed(_)) => return,
        };
        let queue = self.queue.clone();
        let overflow = self.overflow.clone();
        tokio::spawn(async move {
            if let Some(queued) = pending {
                let sent = queue.send(queued).await;
                overflow.fetch_sub(1, Ordering::Relaxed);
                if sent.is_err() {
                    return;
                }
            }
            if let Err(error) = outcome(name, answer).await {
                tracing::warn!(call = name, %error, "background call failed");
            }
        });
    }
}

async fn outcome(
    name: &'static str,
    answer: oneshot::Receiver<Result<CallResponse, Error>>,
) -> Result<CallResponse, Error> {
    let result = answer.await.map_err(|_| Error::Closed)?;
    count_call(name, result.is_ok());
    result
}

/// Counts one answered call in `mesos_calls_total`.
pub(crate) fn count_call(name: &'static str, ok: bool) {
    metrics::counter!(
        "mesos_calls_total",
        "call" => name,
        "outcome" => if ok { "ok" } else { "error" }
    )
    .increment(1);
}

async fn run_queue<M: Message + Name>(target: Arc<CallTarget>, mut rx: mpsc::Receiver<Queued<M>>) {
    let template = target.template();
    let mut sender: Option<SendRequest<RequestBody>> = None;
    while let Some(Queued { call, name, reply }) = rx.recv().await {
        if reply.is_closed() {
            // The caller stopped waiting (timeout, cancellation): do not send it late.
            continue;
        }
        let span = tracing::debug_span!("mesos_call", call = name);
        let result = send_one(&target, &template, &mut sender, &call, name)
            .instrument(span)
            .await;
        if result.is_err() {
            // The connection's state is unknown after a failure: open a fresh one next time.
            sender = None;
        }
        let _ = reply.send(result);
    }
}

impl CallTarget {
    /// The request line and headers of every call to this target, built once; a header value
    /// HTTP cannot carry is kept as the reason every call then fails.
    pub(crate) fn template(&self) -> Result<RequestTemplate, String> {
        RequestTemplate::new(
            &self.endpoint,
            &self.path,
            self.encoding,
            self.credentials.as_ref(),
            &self.headers,
        )
        .map_err(|e| e.to_string())
    }
}

/// Sends one call on `sender` (opening a connection first when there is none or it closed)
/// and reads the answer: a 2xx with its body, or [`Error::Status`] with the peer's message.
pub(crate) async fn send_one<M: Message + Name>(
    target: &CallTarget,
    template: &Result<RequestTemplate, String>,
    sender: &mut Option<SendRequest<RequestBody>>,
    call: &M,
    name: &'static str,
) -> Result<CallResponse, Error> {
    let body = target.encoding.encode(call, name)?;
    send_encoded(target, template, sender, body, name).await
}

/// [`send_one`] for a call already encoded as `body`.
pub(crate) async fn send_encoded(
    target: &CallTarget,
    template: &Result<RequestTemplate, String>,
    sender: &mut Option<SendRequest<RequestBody>>,
    body: Bytes,
    name: &'static str,
) -> Result<CallResponse, Error> {
    let timeout = target.call_timeout;
    let template = match template {
        Ok(template) => template,
        Err(reason) => {
            return Err(Error::Http {
                call: name,
                endpoint: target.endpoint.authority(),
                source: reason.clone().into(),
            });
        }
    };
    let authority = &template.authority;
    let exchange = async {
        let connection = match sender {
            Some(s) if !s.is_closed() => s,
            _ => sender.insert(target.connector.connect(&target.endpoint).await?),
        };
        let response = exchange(connection, template.request(body), name, authority).await?;
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
    // One limit for the whole exchange (connecting, the answer and its body).
    match tokio::time::timeout(timeout, exchange).await {
        Ok(result) => result,
        Err(_) => Err(Error::Timeout {
            call: name,
            endpoint: authority.clone(),
            after: timeout,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mesos_proto::v1::scheduler::Call;

    /// A peer that accepts connections and never answers: the first call hangs, the queue
    /// fills, then the overflow, and background calls past both are dropped instead of
    /// piling up as tasks.
    #[tokio::test]
    async fn background_calls_past_the_overflow_are_dropped() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((stream, _)) = listener.accept().await {
                held.push(stream);
            }
        });
        let queue: CallQueue<Call> = CallQueue::start(
            CallTarget {
                connector: Connector::new(None, Duration::from_secs(5)).expect("connector"),
                endpoint: Endpoint::new("127.0.0.1", addr.port(), false),
                path: "/api/v1/scheduler".into(),
                headers: Vec::new(),
                encoding: Encoding::Protobuf,
                credentials: None,
                call_timeout: Duration::from_secs(600),
            },
            tracing::Span::none(),
        );
        for _ in 0..(QUEUE_DEPTH + MAX_OVERFLOW + 500) {
            queue.submit(Call::default(), "ACKNOWLEDGE");
        }
        assert_eq!(queue.overflowing(), MAX_OVERFLOW);
    }
}
