//! One operator call over the shared transport: connect (TCP or TLS), POST with Mesos' exact
//! headers, follow `307` redirects by hand (a standby master answers them: `mesos:
//! src/master/http.cpp` `Master::Http::api`), retry `503` with backoff, and keep idle
//! connections for the next call. The credentials follow the scheduler's rules: only over
//! TLS unless allowed, and only to the host the client was pointed at or a trusted master.

use std::sync::Mutex;
use std::time::Duration;

use bytes::Bytes;
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::operator::OperatorConfig;
use crate::transport::{
    Connector, Post, RequestBody, locked, read_body_limited, read_body_truncated,
};

/// How much of an error body is kept in [`Error::Status`].
const MAX_ERROR_BODY: usize = 4096;
/// Idle connections kept for later calls.
const MAX_IDLE: usize = 4;

/// A response whose headers have arrived, and where it came from.
pub(crate) struct Answer {
    pub(crate) response: hyper::Response<Incoming>,
    pub(crate) endpoint: Endpoint,
    pub(crate) sender: SendRequest<RequestBody>,
}

/// Sends operator calls; shared by the master and agent clients.
pub(crate) struct Requester {
    pub(crate) config: OperatorConfig,
    connector: Connector,
    idle: Mutex<Vec<(Endpoint, SendRequest<RequestBody>)>>,
}

impl std::fmt::Debug for Requester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Requester")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Requester {
    pub(crate) fn new(config: OperatorConfig) -> Result<Self, Error> {
        let connector = Connector::new(config.tls.clone(), config.connect_timeout)?;
        Ok(Self {
            config,
            connector,
            idle: Mutex::new(Vec::new()),
        })
    }

    async fn sender_for(&self, endpoint: &Endpoint) -> Result<SendRequest<RequestBody>, Error> {
        let reused = {
            let mut idle = locked(&self.idle);
            idle.retain(|(_, s)| !s.is_closed());
            idle.iter()
                .position(|(e, _)| e == endpoint)
                .map(|i| idle.swap_remove(i).1)
        };
        match reused {
            Some(sender) => Ok(sender),
            None => self.connector.connect(endpoint).await,
        }
    }

    /// Keeps `sender` for the next call to `endpoint`.
    pub(crate) fn give_back(&self, endpoint: Endpoint, sender: SendRequest<RequestBody>) {
        if sender.is_closed() {
            return;
        }
        let mut idle = locked(&self.idle);
        if idle.len() < MAX_IDLE {
            idle.push((endpoint, sender));
        }
    }

    /// POSTs `body` to `path` at `origin`, following redirects and retrying `503`s, until an
    /// answer that is neither; any status other than 2xx is an [`Error::Status`].
    pub(crate) async fn post(
        &self,
        call: &'static str,
        origin: &Endpoint,
        path: &str,
        body: Bytes,
    ) -> Result<Answer, Error> {
        let config = &self.config;
        let mut endpoint = origin.clone();
        let mut path = path.to_string();
        let mut hops = 0usize;
        let mut unavailable = 0usize;
        loop {
            let authority = endpoint.authority();
            if config.credentials.is_some() {
                check_credentials_may_go(config, call, origin.host(), &endpoint)?;
            }
            let mut sender = self.sender_for(&endpoint).await?;
            let post = Post {
                call,
                endpoint: &endpoint,
                path: &path,
                encoding: config.encoding,
                credentials: config.credentials.as_ref(),
                headers: &[],
                timeout: config.call_timeout,
            };
            let response = match post.send(&mut sender, body.clone()).await {
                Ok(response) => response,
                // A kept connection may have been closed by the peer meanwhile: once more on
                // a fresh one.
                Err(Error::Http { .. }) => {
                    let mut fresh = self.connector.connect(&endpoint).await?;
                    let response = post.send(&mut fresh, body.clone()).await?;
                    sender = fresh;
                    response
                }
                Err(e) => return Err(e),
            };
            let status = response.status().as_u16();
            match status {
                200..=299 => {
                    return Ok(Answer {
                        response,
                        endpoint,
                        sender,
                    });
                }
                307 => {
                    let location = response
                        .headers()
                        .get(hyper::header::LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    let Some(location) = location else {
                        return Err(Error::BadRedirect {
                            call,
                            endpoint: authority,
                            location: None,
                        });
                    };
                    let _ = read_body_truncated(response.into_body(), MAX_ERROR_BODY).await;
                    self.give_back(endpoint.clone(), sender);
                    hops += 1;
                    if hops > config.max_redirects {
                        return Err(Error::TooManyRedirects {
                            call,
                            hops: hops - 1,
                            location,
                        });
                    }
                    let (next, next_path) =
                        endpoint
                            .resolve_redirect(&location)
                            .map_err(|_| Error::BadRedirect {
                                call,
                                endpoint: authority.clone(),
                                location: Some(location.clone()),
                            })?;
                    tracing::debug!(call, from = %endpoint, to = %next, "redirected to the leader");
                    endpoint = next;
                    if !next_path.is_empty() {
                        path = next_path;
                    }
                }
                503 if unavailable < config.unavailable_retries => {
                    unavailable += 1;
                    let body = read_body_truncated(response.into_body(), MAX_ERROR_BODY).await;
                    let exponent = u32::try_from(unavailable - 1).unwrap_or(u32::MAX).min(16);
                    let wait = jittered(config.backoff_min.saturating_mul(1u32 << exponent));
                    tracing::debug!(
                        call,
                        peer = %endpoint,
                        answer = %String::from_utf8_lossy(&body),
                        ?wait,
                        "answered 503; retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
                _ => {
                    let body = read_body_truncated(response.into_body(), MAX_ERROR_BODY).await;
                    return Err(Error::Status {
                        call,
                        endpoint: authority,
                        status,
                        body: String::from_utf8_lossy(&body).into_owned(),
                    });
                }
            }
        }
    }

    /// [`Requester::post`] and the whole answer's body, within the call timeout.
    pub(crate) async fn call(
        &self,
        call: &'static str,
        origin: &Endpoint,
        path: &str,
        body: Bytes,
    ) -> Result<(u16, Bytes, Endpoint), Error> {
        let timeout = self.config.call_timeout;
        let exchange = async {
            let answer = self.post(call, origin, path, body).await?;
            let status = answer.response.status().as_u16();
            let body =
                read_body_limited(answer.response.into_body(), self.config.max_response_size)
                    .await
                    .map_err(|source| Error::Http {
                        call,
                        endpoint: answer.endpoint.authority(),
                        source,
                    })?;
            self.give_back(answer.endpoint.clone(), answer.sender);
            Ok((status, body, answer.endpoint))
        };
        tokio::time::timeout(timeout, exchange)
            .await
            .unwrap_or_else(|_| {
                Err(Error::Timeout {
                    call,
                    endpoint: origin.authority(),
                    after: timeout,
                })
            })
    }
}

/// Whether the credentials may go to `endpoint`, reached from the `origin` host: the rules of
/// the scheduler client (`SchedulerConfig::with_credentials`).
fn check_credentials_may_go(
    config: &OperatorConfig,
    call: &'static str,
    origin: &str,
    endpoint: &Endpoint,
) -> Result<(), Error> {
    if endpoint.host() != origin && !config.trusted_masters.iter().any(|h| h == endpoint.host()) {
        return Err(Error::UntrustedRedirect {
            call,
            endpoint: endpoint.authority(),
        });
    }
    if !endpoint.is_tls() && !config.allow_plaintext_credentials {
        return Err(Error::PlaintextCredentials {
            endpoint: endpoint.authority(),
        });
    }
    Ok(())
}

/// `base` scaled by a random factor in [0.5, 1.5).
fn jittered(base: Duration) -> Duration {
    use rand::Rng;
    base.mul_f64(rand::rng().random_range(0.5..1.5))
}
