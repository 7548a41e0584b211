//! HTTP plumbing shared by the scheduler and executor clients: connections (TCP or TLS) driven
//! by hyper, credentials, and the protobuf/JSON encodings. Redirects are never followed here:
//! a leader change must be visible to the session that owns the connection.

mod call_lanes;
mod call_queue;
mod connector;
mod encoding;
mod event_stream;
mod pipeline;
mod post;
mod tls;

pub use call_queue::CallResponse;
pub use encoding::Encoding;
pub use event_stream::{EventStream, FromRecord};
pub use tls::TlsConfig;

pub(crate) use call_lanes::CallLanes;
pub(crate) use call_queue::{CallQueue, CallTarget};
pub(crate) use connector::{Connector, RequestBody, read_body_limited, read_body_truncated};
pub(crate) use post::Post;

use base64::Engine;

/// How requests authenticate.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credentials {
    /// HTTP Basic with the framework's principal and secret (Mesos' default HTTP authenticatee).
    Basic {
        /// The principal (user name).
        principal: String,
        /// The secret (password).
        secret: String,
    },
    /// `Authorization: Bearer <token>`, as executors send `MESOS_EXECUTOR_AUTHENTICATION_TOKEN`.
    Bearer(String),
}

impl Credentials {
    /// The `Authorization` header value.
    pub(crate) fn header_value(&self) -> String {
        match self {
            Credentials::Basic { principal, secret } => {
                let raw = format!("{principal}:{secret}");
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(raw)
                )
            }
            Credentials::Bearer(token) => format!("Bearer {token}"),
        }
    }
}

impl std::fmt::Debug for Credentials {
    // Secrets never reach logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Basic { principal, .. } => f
                .debug_struct("Basic")
                .field("principal", principal)
                .field("secret", &"<redacted>")
                .finish(),
            Credentials::Bearer(_) => f.write_str("Bearer(<redacted>)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_header() {
        let c = Credentials::Basic {
            principal: "fw".into(),
            secret: "s3cret".into(),
        };
        assert_eq!(c.header_value(), "Basic Znc6czNjcmV0");
        assert!(!format!("{c:?}").contains("s3cret"));
        assert_eq!(Credentials::Bearer("t".into()).header_value(), "Bearer t");
    }
}

/// Locks `mutex` whatever a panic elsewhere left it. The SDK's mutexes guard whole values
/// (a framework id, updates and tasks not acknowledged yet, a reconciliation in progress)
/// that are valid after any panic, and going on without them would lose state: a framework id
/// lost means a new framework, an update skipped is never replayed.
pub(crate) fn locked<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod locked_tests {
    use super::locked;

    #[test]
    fn a_poisoned_mutex_still_gives_its_value() {
        let mutex = std::sync::Arc::new(std::sync::Mutex::new(vec![1, 2, 3]));
        let poisoner = mutex.clone();
        let _ = std::thread::spawn(move || {
            let _guard = poisoner.lock().expect("first lock");
            panic!("poisoning the lock on purpose");
        })
        .join();
        assert!(mutex.is_poisoned());
        locked(&mutex).push(4);
        assert_eq!(
            *locked(&mutex),
            [1, 2, 3, 4],
            "nothing skipped, nothing lost"
        );
    }
}
