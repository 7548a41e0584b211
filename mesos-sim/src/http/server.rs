//! The accept loop: one hyper HTTP/1.1 connection task per client, every request handed to a
//! shared handler, with a cap on request bodies so untrusted input cannot grow memory.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use super::body::SimBody;
use super::response::text;

/// The largest request body accepted; Mesos has no such limit, but no real call comes close.
pub(crate) const MAX_REQUEST_BODY: usize = 16 * 1024 * 1024;

/// A request whose body has been read completely.
pub(crate) type FullRequest = Request<Bytes>;

/// Something that answers requests.
pub(crate) trait Handler: Send + Sync + 'static {
    /// Answers one request.
    fn handle(
        self: Arc<Self>,
        request: FullRequest,
    ) -> impl Future<Output = Response<SimBody>> + Send;
}

/// What one listening socket allows its clients.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ServeLimits {
    /// Connections open at once; past it, new clients wait in the listen backlog until one
    /// closes (libprocess has no such limit; a simulator exposed to a network needs one).
    pub(crate) max_connections: usize,
    /// How long a client may take to send a request's headers before its connection is
    /// closed (a client trickling bytes must not hold a connection forever).
    pub(crate) header_read_timeout: Duration,
}

impl Default for ServeLimits {
    fn default() -> Self {
        ServeLimits {
            max_connections: 10_240,
            header_read_timeout: Duration::from_secs(30),
        }
    }
}

/// The first pause after a failed accept; it doubles up to a second.
const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(10);
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);

/// Serves `listener` until the returned task is aborted. Connections already accepted live
/// on (a master's event streams end when their subscription does).
pub(crate) fn spawn<H: Handler>(
    listener: TcpListener,
    handler: Arc<H>,
    limits: ServeLimits,
) -> JoinHandle<()> {
    serve(listener, handler, limits, false)
}

/// Serves `listener` until the returned task is aborted; aborting it also closes every
/// connection it accepted, as when the process behind the address dies (an agent stopping).
pub(crate) fn spawn_owning<H: Handler>(
    listener: TcpListener,
    handler: Arc<H>,
    limits: ServeLimits,
) -> JoinHandle<()> {
    serve(listener, handler, limits, true)
}

fn serve<H: Handler>(
    listener: TcpListener,
    handler: Arc<H>,
    limits: ServeLimits,
    owning: bool,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut connections = tokio::task::JoinSet::new();
        let permits = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
        let mut backoff = ACCEPT_BACKOFF_MIN;
        loop {
            let permit = tokio::select! {
                permit = permits.clone().acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => return,
                },
                Some(_) = connections.join_next(), if !connections.is_empty() => continue,
            };
            let (stream, peer) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Typically EMFILE: pause rather than spin, and let the connections
                        // there are finish.
                        tracing::warn!(%error, ?backoff, "accept failed; pausing");
                        tokio::time::sleep(backoff).await;
                        backoff = (backoff * 2).min(ACCEPT_BACKOFF_MAX);
                        continue;
                    }
                },
                // Reap finished connections so the set does not grow.
                Some(_) = connections.join_next(), if !connections.is_empty() => continue,
            };
            backoff = ACCEPT_BACKOFF_MIN;
            let _ = stream.set_nodelay(true);
            let handler = handler.clone();
            let connection = async move {
                let _permit = permit;
                let service = service_fn(move |request: Request<Incoming>| {
                    let handler = handler.clone();
                    async move { Ok::<_, Infallible>(read_and_handle(handler, request).await) }
                });
                if let Err(error) = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(limits.header_read_timeout)
                    .serve_connection(TokioIo::new(stream), service)
                    .await
                {
                    tracing::debug!(%peer, %error, "connection ended with an error");
                }
            };
            if owning {
                connections.spawn(connection);
            } else {
                tokio::spawn(connection);
            }
        }
    })
}

async fn read_and_handle<H: Handler>(
    handler: Arc<H>,
    request: Request<Incoming>,
) -> Response<SimBody> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            return if error
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                text(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("Request body exceeds {MAX_REQUEST_BODY} bytes"),
                )
            } else {
                text(
                    StatusCode::BAD_REQUEST,
                    format!("Failed to read request body: {error}"),
                )
            };
        }
    };
    handler.handle(Request::from_parts(parts, body)).await
}
