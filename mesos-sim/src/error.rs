//! The simulator's error type: what went wrong while starting or configuring a cluster.
//!
//! Request-level problems never surface here; they become HTTP answers, as on a real master.

use std::net::SocketAddr;

/// Why a simulated cluster could not be started or configured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// A listening socket could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address that was asked for.
        addr: SocketAddr,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// An agent resource specification (`cpus:4;mem:8192;ports:[31000-32000]`) is malformed.
    #[error("invalid agent resources {spec:?}: {reason}")]
    InvalidResources {
        /// The specification as given.
        spec: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An agent attribute specification (`rack:a;zone:1`) is malformed.
    #[error("invalid agent attributes {spec:?}: {reason}")]
    InvalidAttributes {
        /// The specification as given.
        spec: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A duration string is not in Mesos' (stout's) format, e.g. `15secs`.
    #[error(
        "invalid duration {text:?}: expected a number followed by ns, us, ms, secs, mins, hrs, days or weeks"
    )]
    InvalidDuration {
        /// The string as given.
        text: String,
    },
    /// The sandbox work directory could not be created.
    #[error("cannot create the work directory {path}: {source}")]
    WorkDir {
        /// The directory.
        path: std::path::PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// ZooKeeper could not be used for leader election.
    #[error("ZooKeeper {url}: {reason}")]
    ZooKeeper {
        /// The `zk://` URL.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// An agent or framework named in a fault-injection call does not exist.
    #[error("no {kind} with id {id:?} in the cluster")]
    NotFound {
        /// `agent`, `framework` or `offer`.
        kind: &'static str,
        /// The id that was asked for.
        id: String,
    },
}
