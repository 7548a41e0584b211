//! Leading-master detection: where the current leader is, as it changes.
//!
//! A [`MasterDetector`] publishes the current leader (or `None` while no leader is known) on a
//! `tokio::sync::watch` channel. The scheduler session follows whatever it publishes. This
//! module has the static implementation; ZooKeeper detection plugs in behind the same trait.

mod fixed;

pub use fixed::StaticDetector;

use tokio::sync::watch;

use crate::endpoint::Endpoint;

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
