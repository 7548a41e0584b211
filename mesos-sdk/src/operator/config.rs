//! Settings of the operator API clients (master and agent): encoding, credentials, TLS,
//! timeouts and the redirect rules, with the scheduler client's defaults.

use std::time::Duration;

use crate::transport::{Credentials, Encoding, TlsConfig};

/// How an operator client talks to a master or an agent. Build it with
/// [`OperatorConfig::new`] and the `with_*` methods.
///
/// ```
/// use std::time::Duration;
/// use mesos_sdk::operator::OperatorConfig;
///
/// let config = OperatorConfig::new().with_call_timeout(Duration::from_secs(5));
/// assert_eq!(config.call_timeout(), Duration::from_secs(5));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OperatorConfig {
    pub(crate) encoding: Encoding,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) tls: Option<TlsConfig>,
    pub(crate) connect_timeout: Duration,
    pub(crate) call_timeout: Duration,
    pub(crate) max_redirects: usize,
    pub(crate) unavailable_retries: usize,
    pub(crate) backoff_min: Duration,
    pub(crate) max_record_size: usize,
    pub(crate) max_response_size: usize,
    pub(crate) heartbeat_misses: u32,
    pub(crate) allow_plaintext_credentials: bool,
    pub(crate) trusted_masters: Vec<String>,
}

impl Default for OperatorConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl OperatorConfig {
    /// The defaults: protobuf, no credentials, connect within 10 s, answers within 60 s, up
    /// to 9 redirects and 3 retries of a `503`, event records and responses up to 256 MiB
    /// (a large cluster's SUBSCRIBED or GET_STATE is big: mesos/mesos-go#349), a heartbeat
    /// watchdog of 5 missed heartbeats.
    pub fn new() -> Self {
        Self {
            encoding: Encoding::Protobuf,
            credentials: None,
            tls: None,
            connect_timeout: Duration::from_secs(10),
            call_timeout: Duration::from_secs(60),
            max_redirects: 9,
            unavailable_retries: 3,
            backoff_min: Duration::from_millis(500),
            max_record_size: 256 * 1024 * 1024,
            max_response_size: 256 * 1024 * 1024,
            heartbeat_misses: 5,
            allow_plaintext_credentials: false,
            trusted_masters: Vec::new(),
        }
    }

    /// The wire encoding (protobuf by default).
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The wire encoding.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Authenticate every request with these credentials (masters started with
    /// `--authenticate_http_readonly` / `--authenticate_http_readwrite`).
    ///
    /// As for schedulers, they go only to `https://` peers unless
    /// [`OperatorConfig::with_plaintext_credentials`] allows `http://`, and after a redirect
    /// only to the host the client was pointed at or one of
    /// [`OperatorConfig::with_trusted_masters`].
    pub fn with_credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Send the credentials over plain `http://` too (a test cluster, a trusted network).
    pub fn with_plaintext_credentials(mut self, allow: bool) -> Self {
        self.allow_plaintext_credentials = allow;
        self
    }

    /// Hosts that may receive the credentials after a redirect, besides the detected master.
    pub fn with_trusted_masters(
        mut self,
        hosts: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.trusted_masters = hosts.into_iter().map(Into::into).collect();
        self
    }

    /// TLS settings for `https://` peers (system roots are trusted by default).
    pub fn with_tls(mut self, tls: TlsConfig) -> Self {
        self.tls = Some(tls);
        self
    }

    /// Limit for opening a TCP (and TLS) connection. Default 10 s.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limit for a whole call (and for the response headers and first event of SUBSCRIBE);
    /// also how long a call waits for the detector to know a leader. Default 60 s.
    pub fn with_call_timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout = timeout;
        self
    }

    /// The call timeout.
    pub fn call_timeout(&self) -> Duration {
        self.call_timeout
    }

    /// How many `307` redirects a call follows before giving up. Default 9.
    pub fn with_max_redirects(mut self, hops: usize) -> Self {
        self.max_redirects = hops;
        self
    }

    /// How many times a call answered `503` (no leader elected, master recovering) is
    /// retried with backoff before the error is returned. Default 3.
    pub fn with_unavailable_retries(mut self, retries: usize) -> Self {
        self.unavailable_retries = retries;
        self
    }

    /// The first pause before retrying a `503`; it doubles with each retry. Default 500 ms.
    pub fn with_backoff_min(mut self, backoff: Duration) -> Self {
        self.backoff_min = backoff;
        self
    }

    /// Largest event accepted on a SUBSCRIBE stream. Default 256 MiB.
    pub fn with_max_record_size(mut self, bytes: usize) -> Self {
        self.max_record_size = bytes;
        self
    }

    /// Largest response body accepted for a call. Default 256 MiB.
    pub fn with_max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// The event stream's watchdog: no event for this many heartbeat intervals (as
    /// SUBSCRIBED announces it) ends the stream with [`crate::Error::HeartbeatTimeout`].
    /// Default 5.
    pub fn with_heartbeat_misses(mut self, misses: u32) -> Self {
        self.heartbeat_misses = misses.max(1);
        self
    }
}
