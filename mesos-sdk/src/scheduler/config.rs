//! Settings of a scheduler connection and session, with defaults taken from Mesos' own
//! scheduler library where it has them.

use std::time::Duration;

use crate::scheduler::FrameworkIdStore;
use crate::transport::{Credentials, Encoding, TlsConfig};
use crate::v1::FrameworkInfo;
use crate::v1::scheduler::OfferConstraints;

/// How a scheduler talks to the master. Build it with [`SchedulerConfig::new`] and the
/// `with_*` methods.
///
/// ```
/// use std::time::Duration;
/// use mesos_sdk::scheduler::SchedulerConfig;
/// use mesos_sdk::v1::FrameworkInfo;
///
/// let framework = FrameworkInfo {
///     user: "nobody".into(),
///     name: "my-framework".into(),
///     // Long enough to survive a scheduler restart without losing tasks.
///     failover_timeout: Some(7.0 * 24.0 * 3600.0),
///     ..Default::default()
/// };
/// let config = SchedulerConfig::new(framework).with_call_timeout(Duration::from_secs(30));
/// assert_eq!(config.heartbeat_misses(), 5);
/// ```
#[derive(Debug, Clone)]
pub struct SchedulerConfig {
    pub(crate) framework_info: FrameworkInfo,
    pub(crate) suppressed_roles: Vec<String>,
    pub(crate) offer_constraints: Option<OfferConstraints>,
    pub(crate) encoding: Encoding,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) tls: Option<TlsConfig>,
    pub(crate) connect_timeout: Duration,
    pub(crate) call_timeout: Duration,
    pub(crate) max_redirects: usize,
    pub(crate) unavailable_retries: usize,
    pub(crate) max_record_size: usize,
    pub(crate) heartbeat_misses: u32,
    pub(crate) default_heartbeat_interval: Duration,
    pub(crate) backoff_min: Duration,
    pub(crate) backoff_max: Duration,
    pub(crate) connection_delay_max: Duration,
    pub(crate) auto_acknowledge: bool,
    pub(crate) acknowledgement_connections: usize,
    pub(crate) accept_connections: usize,
    pub(crate) implicit_reconciliation_interval: Option<Duration>,
    pub(crate) event_buffer: usize,
    pub(crate) allow_plaintext_credentials: bool,
    pub(crate) trusted_masters: Vec<String>,
    pub(crate) framework_id_store: Option<std::sync::Arc<dyn FrameworkIdStore>>,
}

impl SchedulerConfig {
    /// Settings for the framework described by `framework_info`, with the defaults below.
    ///
    /// If `framework_info.id` is set, the first SUBSCRIBE re-subscribes with that framework id
    /// (a scheduler restarted within its failover timeout keeps its tasks).
    pub fn new(framework_info: FrameworkInfo) -> Self {
        Self {
            framework_info,
            suppressed_roles: Vec::new(),
            offer_constraints: None,
            encoding: Encoding::Protobuf,
            credentials: None,
            tls: None,
            connect_timeout: Duration::from_secs(10),
            call_timeout: Duration::from_secs(60),
            max_redirects: 9,
            unavailable_retries: 3,
            max_record_size: crate::recordio::DEFAULT_MAX_RECORD_SIZE,
            heartbeat_misses: 5,
            default_heartbeat_interval: Duration::from_secs(15),
            backoff_min: Duration::from_millis(500),
            backoff_max: Duration::from_secs(15),
            connection_delay_max: Duration::from_millis(500),
            auto_acknowledge: true,
            acknowledgement_connections: 4,
            accept_connections: 1,
            implicit_reconciliation_interval: Some(Duration::from_secs(15 * 60)),
            event_buffer: 1024,
            allow_plaintext_credentials: false,
            trusted_masters: Vec::new(),
            framework_id_store: None,
        }
    }

    /// Keeps the framework id in `store`: loaded at start when the `FrameworkInfo` has no id
    /// (so a restarted scheduler re-subscribes as the same framework and keeps its tasks),
    /// saved on the first SUBSCRIBED, cleared after TEARDOWN. If the master no longer accepts
    /// a stored id (the framework was removed: its failover timeout passed), the session ends
    /// with [`crate::Error::StoredFrameworkIdRemoved`] rather than silently registering a new
    /// framework: clear the store to start fresh.
    pub fn with_framework_id_store(mut self, store: std::sync::Arc<dyn FrameworkIdStore>) -> Self {
        self.framework_id_store = Some(store);
        self
    }

    /// The framework description sent in SUBSCRIBE.
    pub fn framework_info(&self) -> &FrameworkInfo {
        &self.framework_info
    }

    /// Offer constraints (`Call.Subscribe.offer_constraints`): attribute conditions an agent
    /// must meet for its resources to be offered to each role. The session sends them in
    /// every SUBSCRIBE; [`crate::scheduler::SchedulerHandle::update_framework`] changes them.
    pub fn with_offer_constraints(mut self, constraints: OfferConstraints) -> Self {
        self.offer_constraints = Some(constraints);
        self
    }

    /// The offer constraints the first SUBSCRIBE sends (see [`Self::with_offer_constraints`]).
    pub fn offer_constraints(&self) -> Option<&OfferConstraints> {
        self.offer_constraints.as_ref()
    }

    /// The roles suppressed at the first SUBSCRIBE.
    pub fn suppressed_roles(&self) -> &[String] {
        &self.suppressed_roles
    }

    /// Roles to subscribe suppressed (no offers until REVIVE). Must be among the framework's
    /// roles. The session then keeps SUPPRESS and REVIVE in step across re-subscriptions.
    pub fn with_suppressed_roles(mut self, roles: impl IntoIterator<Item = String>) -> Self {
        self.suppressed_roles = roles.into_iter().collect();
        self
    }

    /// The wire encoding (protobuf by default).
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Authenticate every request with these credentials (for masters started with
    /// `--authenticate_http_frameworks`).
    ///
    /// Credentials go only to `https://` masters, unless
    /// [`SchedulerConfig::with_plaintext_credentials`] allows plain `http://`; and only to the
    /// host the session was pointed at (by its URL or its leader detection) or one of
    /// [`SchedulerConfig::with_trusted_masters`]: a redirect to another host, or from `https`
    /// to `http`, is refused rather than followed with them.
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Send the credentials to plain `http://` masters too, where anyone on the network path
    /// can read them (a test cluster, a trusted network). Logged once as a warning.
    pub fn with_plaintext_credentials(mut self, allow: bool) -> Self {
        self.allow_plaintext_credentials = allow;
        self
    }

    /// Hosts (names or addresses, as masters' redirects name them) that may receive the
    /// credentials after a redirect, besides the host the session was pointed at: the other
    /// masters of a cluster reached through one static URL.
    pub fn with_trusted_masters(
        mut self,
        hosts: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.trusted_masters = hosts.into_iter().map(Into::into).collect();
        self
    }

    /// TLS settings for `https://` masters (system roots are trusted by default).
    pub fn with_tls(mut self, tls: TlsConfig) -> Self {
        self.tls = Some(tls);
        self
    }

    /// Limit for opening a TCP (and TLS) connection. Default 10 s.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limit for the answer to a call (and to the response headers of SUBSCRIBE; the stream
    /// itself is watched by the heartbeat watchdog instead). Default 60 s.
    pub fn with_call_timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout = timeout;
        self
    }

    /// How many `307` redirects a SUBSCRIBE follows before giving up. Default 9, as mesos-go.
    pub fn with_max_redirects(mut self, hops: usize) -> Self {
        self.max_redirects = hops;
        self
    }

    /// How many times a SUBSCRIBE answered `503` (no leader, or master recovering) is retried
    /// on the same master, with backoff, before the error is returned. Default 3.
    pub fn with_unavailable_retries(mut self, retries: usize) -> Self {
        self.unavailable_retries = retries;
        self
    }

    /// Largest event accepted on the stream. Default 64 MiB.
    pub fn with_max_record_size(mut self, bytes: usize) -> Self {
        self.max_record_size = bytes;
        self
    }

    /// The watchdog's N: no event for N × the heartbeat interval announced in SUBSCRIBED means
    /// the master is gone. Default 5, as Mesos' documentation advises.
    pub fn with_heartbeat_misses(mut self, misses: u32) -> Self {
        self.heartbeat_misses = misses.max(1);
        self
    }

    /// The watchdog's N.
    pub fn heartbeat_misses(&self) -> u32 {
        self.heartbeat_misses
    }

    /// Interval assumed when SUBSCRIBED announces none. Default 15 s (Mesos' interval).
    pub fn with_default_heartbeat_interval(mut self, interval: Duration) -> Self {
        self.default_heartbeat_interval = interval;
        self
    }

    /// Bounds of the jittered exponential backoff between subscription attempts. Default
    /// 0.5 s to 15 s (the cap Mesos' documentation suggests).
    pub fn with_backoff(mut self, min: Duration, max: Duration) -> Self {
        self.backoff_min = min;
        self.backoff_max = max.max(min);
        self
    }

    /// Upper bound of the random delay before subscribing to a newly detected leader, so many
    /// schedulers do not stampede it. Default 500 ms, as Mesos' scheduler library
    /// (`MESOS_CONNECTION_DELAY_MAX`).
    pub fn with_connection_delay_max(mut self, max: Duration) -> Self {
        self.connection_delay_max = max;
        self
    }

    /// Whether the session acknowledges status updates that carry a uuid as soon as they are
    /// handed to the event stream (default). Turn it off to acknowledge yourself, after
    /// persisting what the update means, with [`crate::scheduler::SchedulerHandle::acknowledge`].
    ///
    /// Acknowledgements are sent in the background over their own connections (see
    /// [`Self::with_acknowledgement_connections`]); while 1024 of them are unanswered, the
    /// next update that needs one waits in the event stream until there is room again.
    pub fn with_auto_acknowledge(mut self, enabled: bool) -> Self {
        self.auto_acknowledge = enabled;
        self
    }

    /// How many connections to the master carry acknowledgements (ACKNOWLEDGE and
    /// ACKNOWLEDGE_OPERATION_STATUS), besides the one that carries the other calls in order.
    /// Default 4; at least 1.
    ///
    /// An HTTP/1.1 connection has one call in flight at a time, so one connection
    /// acknowledges one update per round trip to the master. With several, that many
    /// acknowledgements are in flight at once; the acknowledgements of one task (or one
    /// operation) always take the same connection, so they stay in the order the updates
    /// arrived, as the agent requires. Each connection is opened at its first
    /// acknowledgement, carries the subscription's `Mesos-Stream-Id`, and is closed with the
    /// subscription.
    pub fn with_acknowledgement_connections(mut self, connections: usize) -> Self {
        self.acknowledgement_connections = connections.max(1);
        self
    }

    /// How many connections carry acknowledgements.
    pub fn acknowledgement_connections(&self) -> usize {
        self.acknowledgement_connections
    }

    /// How many connections carry ACCEPT calls. Default 1: ACCEPT goes in order with every
    /// other call on the subscription's one call connection.
    ///
    /// With more, ACCEPT calls go over that many connections of their own, so a framework
    /// that launches on many agents at once (one ACCEPT per agent) has that many in flight
    /// rather than one per round trip to the master. They may then reach the master in
    /// another order than they were made, and before calls made earlier on the call
    /// connection: each call still returns once the master has answered it, so a framework
    /// that awaits an ACCEPT before its next call (a KILL of what it launched, say) keeps
    /// that order. The ACCEPTs of one offer (by its first offer id) always share a
    /// connection. Each connection is opened at its first ACCEPT, carries the subscription's
    /// `Mesos-Stream-Id`, and is closed with the subscription.
    pub fn with_accept_connections(mut self, connections: usize) -> Self {
        self.accept_connections = connections.max(1);
        self
    }

    /// How many connections carry ACCEPT calls (1: the call connection itself).
    pub fn accept_connections(&self) -> usize {
        self.accept_connections
    }

    /// Period of implicit reconciliation (RECONCILE with no tasks) while subscribed, or `None`
    /// for none. Default 15 min.
    pub fn with_implicit_reconciliation(mut self, every: Option<Duration>) -> Self {
        self.implicit_reconciliation_interval = every;
        self
    }

    /// How many events may wait for the application before the session stops reading the
    /// stream (backpressure reaches the master through TCP). Default 1024.
    pub fn with_event_buffer(mut self, events: usize) -> Self {
        self.event_buffer = events.max(1);
        self
    }
}
