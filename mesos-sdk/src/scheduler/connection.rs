//! The low-level scheduler connection: one SUBSCRIBE, exactly as the protocol says, with
//! redirects followed by hand and `503` retried a few times; the result is the SUBSCRIBED
//! event, the event stream and the call path of that one subscription.

use std::time::Duration;

use futures_util::StreamExt;
use rand::Rng;

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::scheduler::EventStream;
use crate::scheduler::caller::Caller;
use crate::scheduler::config::SchedulerConfig;
use crate::transport::{CallTarget, Connector, Post, read_body_truncated};
use crate::v1::scheduler::{Call, Event, call, event};
use crate::v1::{FrameworkId, MasterInfo};

/// The path of the scheduler API on a master. Masters also serve `/master/api/v1/scheduler`;
/// after a redirect, the path in `Location` is used.
pub const SCHEDULER_API_PATH: &str = "/api/v1/scheduler";

/// The longest heartbeat interval a session believes: one day. Mesos' default is 15 s;
/// anything longer than a day is a broken or hostile master, and the watchdog still fires.
pub const MAX_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(24 * 3600);

/// One subscription to one master: what SUBSCRIBED said, the events that follow it, and the
/// [`Caller`] for calls on this subscription.
///
/// This layer does exactly what the protocol says and nothing more: it does not reconnect,
/// watch heartbeats or acknowledge updates. [`crate::scheduler::Session`] does, on top of it.
///
/// ```no_run
/// use futures_util::StreamExt;
/// use mesos_sdk::scheduler::{Connection, SchedulerConfig};
/// use mesos_sdk::v1::FrameworkInfo;
///
/// # async fn run() -> Result<(), mesos_sdk::Error> {
/// let config = SchedulerConfig::new(FrameworkInfo {
///     user: "nobody".into(),
///     name: "low-level".into(),
///     ..Default::default()
/// });
/// let mut connection = Connection::subscribe(&"127.0.0.1:5050".parse()?, &config).await?;
/// println!("framework {}", connection.framework_id().value);
/// while let Some(event) = connection.events_mut().next().await {
///     println!("{:?}", event?.r#type());
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Connection {
    subscribed: event::Subscribed,
    endpoint: Endpoint,
    events: EventStream,
    caller: Caller,
}

impl Connection {
    /// Subscribes to the master at `endpoint` (following redirects to the leader). When
    /// `config`'s `FrameworkInfo` has an id, this is a re-subscription: the id is sent both in
    /// the call and in the `FrameworkInfo`, as the master requires.
    pub async fn subscribe(endpoint: &Endpoint, config: &SchedulerConfig) -> Result<Self, Error> {
        let connector = Connector::new(config.tls.clone(), config.connect_timeout)?;
        Self::subscribe_with(&connector, endpoint, config).await
    }

    /// The longest a whole SUBSCRIBE may take: connecting (TLS included), the answer's
    /// headers, an error answer's body or the first event, across redirects and 503 retries.
    /// Each step has its own limit; this one bounds what they add up to, and the steps that
    /// have none (reading an error body from a master that stalls).
    pub fn subscribe_deadline(config: &SchedulerConfig) -> Duration {
        config
            .connect_timeout
            .saturating_add(config.call_timeout.saturating_mul(2))
    }

    pub(crate) async fn subscribe_with(
        connector: &Connector,
        endpoint: &Endpoint,
        config: &SchedulerConfig,
    ) -> Result<Self, Error> {
        let deadline = Self::subscribe_deadline(config);
        tokio::time::timeout(
            deadline,
            Self::subscribe_unbounded(connector, endpoint, config),
        )
        .await
        .unwrap_or_else(|_| {
            Err(Error::Timeout {
                call: "SUBSCRIBE",
                endpoint: endpoint.authority(),
                after: deadline,
            })
        })
    }

    async fn subscribe_unbounded(
        connector: &Connector,
        endpoint: &Endpoint,
        config: &SchedulerConfig,
    ) -> Result<Self, Error> {
        let call = subscribe_call(config);
        let body = config.encoding.encode(&call, "SUBSCRIBE call")?;
        let mut endpoint = endpoint.clone();
        let mut path = SCHEDULER_API_PATH.to_string();
        let mut hops = 0usize;
        let mut unavailable = 0usize;
        let origin = endpoint.host().to_string();
        loop {
            let authority = endpoint.authority();
            if config.credentials.is_some() {
                check_credentials_may_go(config, &origin, &endpoint)?;
            }
            let mut sender = connector.connect(&endpoint).await?;
            // Only the response headers are bounded by the call timeout: the stream itself
            // lives as long as the subscription and is watched by the heartbeat watchdog.
            let response = Post {
                call: "SUBSCRIBE",
                endpoint: &endpoint,
                path: &path,
                encoding: config.encoding,
                credentials: config.credentials.as_ref(),
                headers: &[],
                timeout: config.call_timeout,
            }
            .send(&mut sender, body.clone())
            .await?;
            let status = response.status().as_u16();
            match status {
                200 => {
                    let stream_id = response
                        .headers()
                        .get("Mesos-Stream-Id")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string)
                        .ok_or_else(|| Error::Subscribe {
                            endpoint: authority.clone(),
                            reason: "200 without a Mesos-Stream-Id header".into(),
                        })?;
                    let mut events = EventStream::new(
                        response.into_body(),
                        config.encoding,
                        config.max_record_size,
                        authority.clone(),
                        "scheduler event",
                    );
                    let subscribed =
                        first_event(&mut events, config.call_timeout, &authority).await?;
                    let caller = Caller::start(
                        CallTarget {
                            connector: connector.clone(),
                            endpoint: endpoint.clone(),
                            path: path.clone(),
                            headers: vec![("Mesos-Stream-Id", stream_id.clone())],
                            encoding: config.encoding,
                            credentials: config.credentials.clone(),
                            call_timeout: config.call_timeout,
                        },
                        stream_id,
                        subscribed.framework_id.clone(),
                        config.acknowledgement_connections,
                        config.accept_connections,
                    );
                    tracing::info!(
                        master = %endpoint,
                        framework_id = %subscribed.framework_id.value,
                        "subscribed"
                    );
                    return Ok(Self {
                        subscribed,
                        endpoint,
                        events,
                        caller,
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
                            call: "SUBSCRIBE",
                            endpoint: authority,
                            location: None,
                        });
                    };
                    hops += 1;
                    if hops > config.max_redirects {
                        return Err(Error::TooManyRedirects {
                            call: "SUBSCRIBE",
                            hops: hops - 1,
                            location,
                        });
                    }
                    let (next, next_path) =
                        endpoint
                            .resolve_redirect(&location)
                            .map_err(|_| Error::BadRedirect {
                                call: "SUBSCRIBE",
                                endpoint: authority.clone(),
                                location: Some(location.clone()),
                            })?;
                    tracing::debug!(from = %endpoint, to = %next, "SUBSCRIBE redirected to the leader");
                    endpoint = next;
                    if !next_path.is_empty() {
                        path = next_path;
                    }
                }
                503 if unavailable < config.unavailable_retries => {
                    unavailable += 1;
                    let body = read_body_truncated(response.into_body(), 1024).await;
                    let wait = jittered(config.backoff_min * 2u32.pow(unavailable as u32 - 1));
                    tracing::debug!(
                        master = %endpoint,
                        answer = %String::from_utf8_lossy(&body),
                        ?wait,
                        "SUBSCRIBE answered 503; retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
                _ => {
                    let body = read_body_truncated(response.into_body(), 4096).await;
                    return Err(Error::Status {
                        call: "SUBSCRIBE",
                        endpoint: authority,
                        status,
                        body: String::from_utf8_lossy(&body).into_owned(),
                    });
                }
            }
        }
    }

    /// The framework id the master assigned (or confirmed).
    pub fn framework_id(&self) -> &FrameworkId {
        &self.subscribed.framework_id
    }

    /// The SUBSCRIBED event.
    pub fn subscribed(&self) -> &event::Subscribed {
        &self.subscribed
    }

    /// The master's description of itself, from SUBSCRIBED (Mesos 1.1 and later).
    pub fn master_info(&self) -> Option<&MasterInfo> {
        self.subscribed.master_info.as_ref()
    }

    /// The master this subscription is with (after redirects).
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The heartbeat interval announced in SUBSCRIBED, if any, at most
    /// [`MAX_HEARTBEAT_INTERVAL`]: the value comes from the peer, and an absurd one (larger
    /// than a `Duration` holds) must neither panic nor disable the watchdog for ever.
    pub fn heartbeat_interval(&self) -> Option<Duration> {
        self.subscribed
            .heartbeat_interval_seconds
            .filter(|s| !s.is_nan() && *s > 0.0)
            .map(|s| {
                Duration::try_from_secs_f64(s)
                    .unwrap_or(Duration::MAX)
                    .min(MAX_HEARTBEAT_INTERVAL)
            })
    }

    /// The events after SUBSCRIBED.
    pub fn events_mut(&mut self) -> &mut EventStream {
        &mut self.events
    }

    /// The call path of this subscription.
    pub fn caller(&self) -> &Caller {
        &self.caller
    }

    /// Splits the connection into its event stream and its caller.
    pub fn into_parts(self) -> (event::Subscribed, EventStream, Caller) {
        (self.subscribed, self.events, self.caller)
    }
}

/// Whether the credentials may be sent to `endpoint`, reached from the configured `origin`
/// host: only over TLS (unless plain text is allowed, warned once), and only to `origin` or a
/// trusted master.
fn check_credentials_may_go(
    config: &SchedulerConfig,
    origin: &str,
    endpoint: &Endpoint,
) -> Result<(), Error> {
    if endpoint.host() != origin && !config.trusted_masters.iter().any(|h| h == endpoint.host()) {
        return Err(Error::UntrustedRedirect {
            call: "SUBSCRIBE",
            endpoint: endpoint.authority(),
        });
    }
    if !endpoint.is_tls() {
        if !config.allow_plaintext_credentials {
            return Err(Error::PlaintextCredentials {
                endpoint: endpoint.authority(),
            });
        }
        static WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if !WARNED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            tracing::warn!(
                master = %endpoint,
                "sending credentials over plain http (allowed by with_plaintext_credentials): \
                 anyone on the network path can read them"
            );
        }
    }
    Ok(())
}

/// The SUBSCRIBE call for `config`: with a framework id, it is set in both places.
pub(crate) fn subscribe_call(config: &SchedulerConfig) -> Call {
    let framework_info = config.framework_info.clone();
    Call {
        framework_id: framework_info.id.clone(),
        r#type: Some(call::Type::Subscribe as i32),
        subscribe: Some(call::Subscribe {
            framework_info,
            suppressed_roles: config.suppressed_roles.clone(),
            offer_constraints: config.offer_constraints.clone(),
        }),
        ..Default::default()
    }
}

async fn first_event(
    events: &mut EventStream,
    timeout: Duration,
    authority: &str,
) -> Result<event::Subscribed, Error> {
    let failed = |reason: String| Error::Subscribe {
        endpoint: authority.to_string(),
        reason,
    };
    let first = tokio::time::timeout(timeout, events.next())
        .await
        .map_err(|_| failed(format!("no SUBSCRIBED within {timeout:?}")))?;
    let event: Event = match first {
        None => return Err(failed("the stream ended before SUBSCRIBED".into())),
        Some(result) => result?.into_event(),
    };
    match event.r#type() {
        event::Type::Subscribed => event
            .subscribed
            .ok_or_else(|| failed("SUBSCRIBED event without its payload".into())),
        // A framework-level refusal: 200, one ERROR event, then the stream closes
        // (`mesos: src/master/master.cpp` `Master::subscribe`).
        event::Type::Error => Err(Error::Framework {
            message: event.error.map(|e| e.message).unwrap_or_default(),
        }),
        other => Err(failed(format!(
            "first event was {} instead of SUBSCRIBED",
            other.as_str_name()
        ))),
    }
}

/// `base` scaled by a random factor in [0.5, 1.5).
pub(crate) fn jittered(base: Duration) -> Duration {
    base.mul_f64(rand::rng().random_range(0.5..1.5))
}
