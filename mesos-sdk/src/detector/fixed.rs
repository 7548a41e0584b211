//! The static detector: one master URL that never changes. Redirects from a non-leading master
//! are still followed by the connection, so a URL pointing at any master of a cluster works.

use tokio::sync::watch;

use crate::detector::MasterDetector;
use crate::endpoint::Endpoint;

/// A detector that always answers the same master.
///
/// ```
/// use mesos_sdk::detector::{MasterDetector, StaticDetector};
///
/// let detector = StaticDetector::new("10.0.0.5:5050".parse()?);
/// assert_eq!(detector.leader().borrow().as_ref().map(|e| e.port()), Some(5050));
/// # Ok::<(), mesos_sdk::Error>(())
/// ```
#[derive(Debug)]
pub struct StaticDetector {
    leader: watch::Sender<Option<Endpoint>>,
}

impl StaticDetector {
    /// A detector that reports `master` as the leader, forever.
    pub fn new(master: Endpoint) -> Self {
        let (leader, _) = watch::channel(Some(master));
        Self { leader }
    }

    /// Changes the reported leader (`None`: no leader known). Useful in tests, and for
    /// applications that learn the leader some other way.
    pub fn set(&self, master: Option<Endpoint>) {
        self.leader.send_replace(master);
    }
}

impl MasterDetector for StaticDetector {
    fn leader(&self) -> watch::Receiver<Option<Endpoint>> {
        self.leader.subscribe()
    }
}
