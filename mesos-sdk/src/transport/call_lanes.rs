//! Calls that need an order only among calls of the same key, sent side by side: a few
//! HTTP/1.1 connections ("lanes") to the same peer, each sending its calls in the order they
//! were made, a call's lane chosen by its key.
//!
//! The scheduler sends its acknowledgements this way, pipelined: each lane writes its calls
//! without waiting for the answers ([`super::pipeline`]), so a few connections carry hundreds
//! of acknowledgements at once. Its ACCEPTs take lanes of one call in flight each, through
//! hyper's HTTP/1 client (which does not pipeline): libprocess serves requests of different
//! connections concurrently, so N lanes keep N calls in flight where one ordered path (the
//! [`CallQueue`](super::CallQueue)) has one round trip at a time. A window bounds the calls
//! queued or in flight over all lanes: past it, whoever sends waits for room (backpressure)
//! instead of calls piling up or being dropped.

use std::sync::Arc;

use bytes::Bytes;

use hyper::client::conn::http1::SendRequest;
use prost::{Message, Name};
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::error::Error;
use crate::transport::call_queue::{count_call, send_encoded};
use crate::transport::post::RequestTemplate;
use crate::transport::{CallResponse, CallTarget, RequestBody};

/// Lanes side by side to one peer. Cheap to clone; the lanes stop when [`CallLanes::close`]
/// is called or the last clone is dropped.
pub(crate) struct CallLanes<M> {
    inner: Arc<Inner<M>>,
}

impl<M> Clone for CallLanes<M> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

struct Inner<M> {
    lanes: Box<[mpsc::UnboundedSender<Job>]>,
    /// Where the calls go, and how they are encoded.
    target: Arc<CallTarget>,
    /// The calls' type: a lane carries them encoded.
    call: std::marker::PhantomData<fn(M)>,
    /// One permit per call queued or in flight; closed with the lanes.
    window: Arc<Semaphore>,
    stop: CancellationToken,
    /// Logged with a background call's failure: what becomes of it.
    after_failure: &'static str,
}

impl<M> Drop for Inner<M> {
    fn drop(&mut self) {
        self.stop.cancel();
        self.window.close();
    }
}

/// A call on its way: encoded when it is queued (a few hundred bytes move through the lane
/// rather than the call's struct, well over a kilobyte).
pub(crate) struct Job {
    pub(crate) body: Bytes,
    pub(crate) name: &'static str,
    /// `None` for a background call, whose failure is logged.
    pub(crate) reply: Option<oneshot::Sender<Result<CallResponse, Error>>>,
    /// The call's room in the window, given back when the job is done or dropped.
    _room: OwnedSemaphorePermit,
}

impl<M: Message + Name + Send + 'static> CallLanes<M> {
    /// Starts `lanes` lanes (at least one) to `target`, with room for `window` calls queued
    /// or in flight. A lane opens its connection at its first call. With `pipelined`, a lane
    /// writes its calls without waiting for the answers ([`super::pipeline`]); otherwise it
    /// has one call in flight. `after_failure` says, in the log line of a failed background
    /// call, what becomes of it.
    pub(crate) fn start(
        target: CallTarget,
        lanes: usize,
        window: usize,
        pipelined: bool,
        after_failure: &'static str,
        span: tracing::Span,
    ) -> Self {
        let target = Arc::new(target);
        let template = Arc::new(target.template());
        let stop = CancellationToken::new();
        let lanes = (0..lanes.max(1))
            .map(|lane| {
                let (tx, rx) = mpsc::unbounded_channel();
                let lane_span = tracing::debug_span!(parent: &span, "lane", lane);
                let (target, template, stop) = (target.clone(), template.clone(), stop.clone());
                let lane: futures_util::future::BoxFuture<'static, ()> = if pipelined {
                    Box::pin(super::pipeline::run_lane(
                        target,
                        template,
                        rx,
                        stop,
                        after_failure,
                    ))
                } else {
                    Box::pin(run_lane(target, template, rx, stop, after_failure))
                };
                tokio::spawn(lane.instrument(lane_span));
                tx
            })
            .collect();
        Self {
            inner: Arc::new(Inner {
                lanes,
                target,
                call: std::marker::PhantomData,
                window: Arc::new(Semaphore::new(window.max(1))),
                stop,
                after_failure,
            }),
        }
    }

    /// The window: take a permit from it for [`CallLanes::send`]. Closed once the lanes are.
    pub(crate) fn window(&self) -> Arc<Semaphore> {
        self.inner.window.clone()
    }

    /// How many lanes there are.
    pub(crate) fn lanes(&self) -> usize {
        self.inner.lanes.len()
    }

    fn lane(&self, key: u64) -> &mpsc::UnboundedSender<Job> {
        &self.inner.lanes[(key % self.inner.lanes.len() as u64) as usize]
    }

    /// `call` encoded as a job; `None` when it cannot be encoded, after telling its caller
    /// (or logging it).
    fn job(
        &self,
        call: &M,
        name: &'static str,
        reply: Option<oneshot::Sender<Result<CallResponse, Error>>>,
        room: OwnedSemaphorePermit,
    ) -> Option<Job> {
        match self.inner.target.encoding.encode(call, name) {
            Ok(body) => Some(Job {
                body,
                name,
                reply,
                _room: room,
            }),
            Err(error) => {
                tell(name, reply, Err(error), self.inner.after_failure);
                None
            }
        }
    }

    /// Queues `call` on the lane of `key`, in the room `room` holds, and logs its outcome in
    /// the background.
    pub(crate) fn send(&self, key: u64, call: M, name: &'static str, room: OwnedSemaphorePermit) {
        // A closed lane (after `close`) drops the job, and with it its room.
        if let Some(job) = self.job(&call, name, None, room) {
            let _ = self.lane(key).send(job);
        }
    }

    /// [`CallLanes::send`] if the window has room now; otherwise the call is dropped with a
    /// warning and `false` is returned.
    pub(crate) fn try_send(&self, key: u64, call: M, name: &'static str) -> bool {
        match self.inner.window.clone().try_acquire_owned() {
            Ok(room) => {
                self.send(key, call, name, room);
                true
            }
            Err(tokio::sync::TryAcquireError::Closed) => false,
            Err(tokio::sync::TryAcquireError::NoPermits) => {
                metrics::counter!("mesos_calls_dropped_total", "call" => name).increment(1);
                tracing::warn!(
                    call = name,
                    "no room for this background call (the peer is slow or stalled): it is \
                     dropped; {}",
                    self.inner.after_failure
                );
                false
            }
        }
    }

    /// Sends `call` on the lane of `key` after the calls queued there before it, waiting for
    /// room in the window first, and waits for the answer. [`Error::Closed`] once the lanes
    /// are closed.
    pub(crate) async fn call(
        &self,
        key: u64,
        call: M,
        name: &'static str,
    ) -> Result<CallResponse, Error> {
        let room = self
            .inner
            .window
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Error::Closed)?;
        let (reply, answer) = oneshot::channel();
        if let Some(job) = self.job(&call, name, Some(reply), room) {
            self.lane(key).send(job).map_err(|_| Error::Closed)?;
        }
        answer.await.map_err(|_| Error::Closed)?
    }

    /// Stops the lanes: calls still queued are dropped unsent (a call in flight still gets
    /// its answer, then the lane ends and its connection closes), and the window closes, so
    /// that senders waiting for room stop waiting.
    pub(crate) fn close(&self) {
        self.inner.stop.cancel();
        self.inner.window.close();
    }
}

async fn run_lane(
    target: Arc<CallTarget>,
    template: Arc<Result<RequestTemplate, String>>,
    mut jobs: mpsc::UnboundedReceiver<Job>,
    stop: CancellationToken,
    after_failure: &'static str,
) {
    let mut sender: Option<SendRequest<RequestBody>> = None;
    loop {
        // Stopped: the jobs still queued are dropped with the receiver, unsent.
        if stop.is_cancelled() {
            return;
        }
        // While jobs are waiting, take them without registering for the stop signal each time.
        let job = match jobs.try_recv() {
            Ok(job) => job,
            Err(TryRecvError::Disconnected) => return,
            Err(TryRecvError::Empty) => tokio::select! {
                biased;
                _ = stop.cancelled() => return,
                job = jobs.recv() => match job {
                    Some(job) => job,
                    None => return,
                },
            },
        };
        if job.reply.as_ref().is_some_and(|r| r.is_closed()) {
            // Its caller stopped waiting (timeout, cancellation): do not send it late.
            continue;
        }
        let result =
            send_encoded(&target, &template, &mut sender, job.body.clone(), job.name).await;
        if matches!(result, Err(ref e) if !matches!(e, Error::Status { .. })) {
            // The connection's state is unknown after a failure: open a fresh one next time.
            // (An answer, even a refusal, leaves it usable.)
            sender = None;
        }
        complete(job, result, after_failure);
    }
}

/// Hands `job` its outcome: its caller gets it, or, for a background call, a failure is
/// logged with what becomes of it (`after_failure`).
pub(crate) fn complete(job: Job, result: Result<CallResponse, Error>, after_failure: &'static str) {
    tell(job.name, job.reply, result, after_failure);
}

/// Tells the caller waiting on `reply` the outcome of the call `name`, or logs a background
/// call's failure with what becomes of it (`after_failure`).
fn tell(
    name: &'static str,
    reply: Option<oneshot::Sender<Result<CallResponse, Error>>>,
    result: Result<CallResponse, Error>,
    after_failure: &'static str,
) {
    count_call(name, result.is_ok());
    match (reply, result) {
        (Some(reply), result) => {
            let _ = reply.send(result);
        }
        (None, Ok(_)) => {}
        (None, Err(Error::Status { status, body, .. })) => {
            tracing::warn!(
                call = name,
                status,
                message = %body,
                "the peer refused a background call; {after_failure}"
            );
        }
        (None, Err(error)) => {
            tracing::warn!(call = name, %error, "background call failed; {after_failure}");
        }
    }
}
