//! Leading-master detection: where the current leader is, as it changes.
//!
//! A [`MasterDetector`] publishes the current leader (or `None` while no leader is known) on a
//! `tokio::sync::watch` channel. The scheduler session follows whatever it publishes. Two
//! implementations: [`StaticDetector`] (one URL) and [`ZooKeeperDetector`] (the masters'
//! ZooKeeper group); [`for_url`] picks one from what a user typed.

mod election;
mod fixed;
mod url;
mod zookeeper;

pub use fixed::StaticDetector;
pub use url::{MasterUrl, ZooKeeperUrl};
pub use zookeeper::{DEFAULT_SESSION_TIMEOUT, ZooKeeperDetector};

use std::sync::Arc;

use tokio::sync::watch;

use crate::endpoint::Endpoint;
use crate::error::Error;

/// Something that knows where the leading Mesos master is.
pub trait MasterDetector: Send + Sync + 'static {
    /// A receiver of the current leader: `Some(endpoint)` while one is known, `None` while the
    /// detector cannot tell (no leader elected, ZooKeeper unreachable, session expired). Each
    /// call returns a new receiver of the same channel.
    fn leader(&self) -> watch::Receiver<Option<Endpoint>>;
}

impl<D: MasterDetector + ?Sized> MasterDetector for std::sync::Arc<D> {
    fn leader(&self) -> watch::Receiver<Option<Endpoint>> {
        (**self).leader()
    }
}

/// The detector for a master URL as users type it: `host:port` or `http(s)://host:port` give a
/// [`StaticDetector`], `zk://[user:pass@]h1:p1[,h2:p2]/path` a [`ZooKeeperDetector`] (which
/// must be created inside a tokio runtime).
///
/// ```
/// let detector = mesos_sdk::detector::for_url("127.0.0.1:5050")?;
/// assert!(detector.leader().borrow().is_some());
/// assert!(mesos_sdk::detector::for_url("zk://zk1:2181/").is_err());
/// # Ok::<(), mesos_sdk::Error>(())
/// ```
pub fn for_url(url: &str) -> Result<Arc<dyn MasterDetector>, Error> {
    Ok(match url.parse::<MasterUrl>()? {
        MasterUrl::Static(endpoint) => Arc::new(StaticDetector::new(endpoint)),
        MasterUrl::ZooKeeper(zk) => Arc::new(ZooKeeperDetector::start(zk)),
    })
}
