//! The SDK's error type: what failed (which call, which master, which stream), and why.
//!
//! Transport libraries' error types never appear here: they are kept as opaque sources, so
//! the SDK can change its HTTP or ZooKeeper client without breaking users.

use std::time::Duration;

use crate::recordio::RecordIoError;

/// A boxed source error from a library the SDK does not expose.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong talking to Mesos.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A master URL (or agent endpoint) could not be understood.
    #[error("invalid master URL {input:?}: {reason}")]
    InvalidUrl {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// TLS settings could not be loaded (CA bundle, client certificate or key).
    #[error("TLS configuration: {reason}")]
    Tls {
        /// What is wrong.
        reason: String,
        /// The underlying error, if any.
        #[source]
        source: Option<BoxError>,
    },
    /// Opening a connection to a master or agent failed.
    #[error("cannot connect to {endpoint}: {source}")]
    Connect {
        /// `host:port` that was dialled.
        endpoint: String,
        /// The I/O or TLS error.
        #[source]
        source: BoxError,
    },
    /// The HTTP exchange failed (connection reset, malformed response, closed stream).
    #[error("HTTP {call} request to {endpoint} failed: {source}")]
    Http {
        /// The call that was being made (`SUBSCRIBE`, `ACCEPT`, ...).
        call: &'static str,
        /// `host:port` of the peer.
        endpoint: String,
        /// The HTTP library's error.
        #[source]
        source: BoxError,
    },
    /// The master or agent answered a call with an unexpected HTTP status.
    #[error("{call} to {endpoint} was answered {status}: {body}")]
    Status {
        /// The call that was refused.
        call: &'static str,
        /// `host:port` of the peer.
        endpoint: String,
        /// The HTTP status code.
        status: u16,
        /// The response body (Mesos explains refusals in plain text), truncated to 4 KiB.
        body: String,
    },
    /// Following `307 Temporary Redirect` answers did not reach a leading master.
    #[error("{call}: still redirected after {hops} hops (last Location: {location})")]
    TooManyRedirects {
        /// The call being redirected.
        call: &'static str,
        /// How many redirects were followed.
        hops: usize,
        /// The last `Location` header seen.
        location: String,
    },
    /// A redirect carried no usable `Location` header.
    #[error("{call}: redirect from {endpoint} has an unusable Location {location:?}")]
    BadRedirect {
        /// The call being redirected.
        call: &'static str,
        /// The master that redirected.
        endpoint: String,
        /// The header value, if any.
        location: Option<String>,
    },
    /// A request got no answer in time.
    #[error("{call} to {endpoint} timed out after {after:?}")]
    Timeout {
        /// The call.
        call: &'static str,
        /// `host:port` of the peer.
        endpoint: String,
        /// The configured limit.
        after: Duration,
    },
    /// The event stream is not valid RecordIO.
    #[error("event stream from {endpoint}: {source}")]
    Framing {
        /// `host:port` of the peer.
        endpoint: String,
        /// The framing error.
        #[source]
        source: RecordIoError,
    },
    /// A message (event or response) could not be decoded.
    #[error("cannot decode {what} from {endpoint}: {source}")]
    Decode {
        /// What was being decoded, e.g. `scheduler event`.
        what: &'static str,
        /// `host:port` of the peer.
        endpoint: String,
        /// The protobuf or JSON error.
        #[source]
        source: BoxError,
    },
    /// A message could not be encoded (JSON only; protobuf encoding cannot fail).
    #[error("cannot encode {what}: {source}")]
    Encode {
        /// What was being encoded.
        what: &'static str,
        /// The encoder's error.
        #[source]
        source: BoxError,
    },
    /// The first event of a subscription was neither SUBSCRIBED nor ERROR, or the stream ended
    /// before it.
    #[error("subscription to {endpoint} failed: {reason}")]
    Subscribe {
        /// `host:port` of the master.
        endpoint: String,
        /// What happened instead of SUBSCRIBED.
        reason: String,
    },
    /// The master sent an ERROR event: the framework was refused or removed (e.g. "Framework
    /// failed over", "Framework has been removed"). The session ends.
    #[error("the master reported a framework error: {message}")]
    Framework {
        /// The master's message.
        message: String,
    },
    /// No event (heartbeats included) arrived within the watchdog's limit.
    #[error("no event from {endpoint} for {silent_for:?}: the master is considered gone")]
    HeartbeatTimeout {
        /// `host:port` of the master.
        endpoint: String,
        /// How long the stream was silent.
        silent_for: Duration,
    },
    /// A call was made while the session has no subscription.
    #[error("{call} not sent: not subscribed to a master ({reason})")]
    NotSubscribed {
        /// The call.
        call: &'static str,
        /// Why there is no subscription right now.
        reason: String,
    },
    /// The session (or connection) was closed by its owner.
    #[error("the session is closed")]
    Closed,
    /// A newer request of the same kind replaced this one (e.g. a second explicit
    /// reconciliation started while this one ran).
    #[error("{what} was superseded by a newer one")]
    Superseded {
        /// What was replaced.
        what: &'static str,
    },
    /// A ZooKeeper operation of master detection failed (connection, session, access).
    #[error("ZooKeeper {operation} {path}: {reason}")]
    ZooKeeper {
        /// What was being done (`connect`, `list`, `read`, ...).
        operation: &'static str,
        /// The znode (or the server list, for `connect`).
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// A master's ZooKeeper node does not hold a usable MasterInfo.
    #[error("master node {node} holds no usable MasterInfo: {reason}")]
    MalformedMasterInfo {
        /// The znode's path.
        node: String,
        /// What is wrong with its data.
        reason: String,
    },
    /// An environment variable an executor needs is missing or malformed.
    #[error("environment variable {variable}{}: {reason}", value.as_ref().map(|v| format!("={v:?}")).unwrap_or_default())]
    Environment {
        /// The variable, e.g. `MESOS_RECOVERY_TIMEOUT`.
        variable: &'static str,
        /// Its value, when set.
        value: Option<String>,
        /// What is wrong.
        reason: String,
    },
    /// The executor lost its agent and may not wait for it: the framework does not checkpoint,
    /// so the agent will not recover this executor. The executor should exit.
    #[error(
        "lost the agent at {endpoint} ({reason}); without checkpointing the executor must exit"
    )]
    AgentLost {
        /// `host:port` of the agent.
        endpoint: String,
        /// How the connection ended.
        reason: String,
    },
    /// The agent did not come back within the recovery timeout.
    #[error(
        "the agent at {endpoint} did not come back within the recovery timeout of {after:?} ({reason})"
    )]
    RecoveryTimeout {
        /// `host:port` of the agent.
        endpoint: String,
        /// `MESOS_RECOVERY_TIMEOUT`.
        after: Duration,
        /// The last failure.
        reason: String,
    },
    /// The shutdown grace period after SHUTDOWN has passed: the agent is about to destroy the
    /// executor's container.
    #[error("the shutdown grace period of {grace:?} has passed")]
    ShutdownGracePeriodExpired {
        /// `MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD`.
        grace: Duration,
    },
    /// Credentials would go over plain HTTP without
    /// `SchedulerConfig::with_plaintext_credentials`.
    #[error(
        "refusing to send credentials to {endpoint} over plain http: use an https:// master, \
         or allow it with SchedulerConfig::with_plaintext_credentials"
    )]
    PlaintextCredentials {
        /// `host:port` of the master.
        endpoint: String,
    },
    /// A redirect leads to a host that may not receive the credentials.
    #[error(
        "{call} redirected to {endpoint}, a host other than the configured master: not \
         sending the credentials there (trust it with SchedulerConfig::with_trusted_masters)"
    )]
    UntrustedRedirect {
        /// The call.
        call: &'static str,
        /// `host:port` the redirect leads to.
        endpoint: String,
    },
    /// Too many records wait for a peer: the executor's status updates not yet acknowledged
    /// by the agent (each is kept to be replayed, so they are bounded).
    #[error(
        "{limit} {what} wait for the agent's acknowledgement: no more are taken until it acknowledges some"
    )]
    Backlog {
        /// What is waiting.
        what: &'static str,
        /// How many may wait.
        limit: usize,
    },
    /// A parameter given to the SDK is invalid (e.g. an empty offer list).
    #[error("invalid {what}: {reason}")]
    InvalidArgument {
        /// What was invalid.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// The framework id store could not be read or written, or holds something that is not a
    /// framework id.
    #[error("framework id store {location}: {reason}")]
    FrameworkIdStore {
        /// Where the store keeps the id (a file's path).
        location: String,
        /// What went wrong.
        reason: String,
    },
    /// The master refused the framework id read from the store: the framework was removed
    /// (its failover timeout passed while no scheduler was connected, or it was torn down),
    /// and its tasks are gone. Clear the store to register a new framework, or stop and find
    /// out why the scheduler was away that long.
    #[error(
        "the stored framework id {framework_id} is no longer accepted by Mesos ({message}): \
         its failover timeout passed or it was torn down; clear the framework id store to start \
         a new framework, or stop"
    )]
    StoredFrameworkIdRemoved {
        /// The id from the store.
        framework_id: String,
        /// The master's message.
        message: String,
    },
}

impl Error {
    /// Whether retrying the same thing later may succeed: connection failures, timeouts,
    /// 503 (no leader, master recovering), 404 (routes not installed yet, MESOS-7697), 429 and
    /// 5xx, and lost streams. Refusals that mean a client bug (400, 401, 403 on a wrong
    /// principal, 405, 406, 415, 501) and framework errors are not retryable.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Connect { .. }
            | Error::Http { .. }
            | Error::Timeout { .. }
            | Error::Framing { .. }
            | Error::HeartbeatTimeout { .. }
            | Error::TooManyRedirects { .. }
            | Error::Subscribe { .. }
            | Error::NotSubscribed { .. } => true,
            Error::Status { status, .. } => matches!(*status, 404 | 429 | 500..=599),
            _ => false,
        }
    }

    /// The HTTP status, when the error is an unexpected status.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}
