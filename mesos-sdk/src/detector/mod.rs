//! Leading-master detection: where the current leader is, as it changes.
//!
//! A [`MasterDetector`] publishes the current leader (or `None` while no leader is known) on a
//! `tokio::sync::watch` channel. The scheduler session follows whatever it publishes. This
//! module has the static implementation; ZooKeeper detection plugs in behind the same trait.

mod fixed;

pub use fixed::StaticDetector;

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
/// [`StaticDetector`]; `zk://[user:pass@]h1:p1[,h2:p2]/path` needs ZooKeeper detection.
///
/// ```
/// let detector = mesos_sdk::detector::for_url("127.0.0.1:5050")?;
/// assert!(detector.leader().borrow().is_some());
/// # Ok::<(), mesos_sdk::Error>(())
/// ```
pub fn for_url(url: &str) -> Result<Arc<dyn MasterDetector>, Error> {
    let trimmed = url.trim();
    if trimmed.starts_with("zk://") {
        return Err(Error::InvalidUrl {
            input: url.to_string(),
            reason: "ZooKeeper master detection is not part of this version of mesos-sdk; \
                     give a master's host:port"
                .to_string(),
        });
    }
    Ok(Arc::new(StaticDetector::new(trimmed.parse()?)))
}
