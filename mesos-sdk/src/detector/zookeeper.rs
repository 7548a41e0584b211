//! Leader detection through ZooKeeper, as Mesos' own detector does it: watch the group's
//! children, elect the lowest member, read its MasterInfo; rebuild the session after it
//! expires (reported by the server, or locally when no reconnection happens within the session
//! timeout), and list again after every reconnection.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;
use zookeeper_client as zk;

use crate::detector::election::{leader, master_endpoint};
use crate::detector::{MasterDetector, ZooKeeperUrl};
use crate::endpoint::Endpoint;
use crate::error::Error;

/// Mesos' default ZooKeeper session timeout for detectors (`MASTER_DETECTOR_ZK_SESSION_TIMEOUT`).
pub const DEFAULT_SESSION_TIMEOUT: Duration = Duration::from_secs(10);

/// How long to wait before retrying after a ZooKeeper failure (`GroupProcess::RETRY_INTERVAL`).
const RETRY_INTERVAL: Duration = Duration::from_secs(2);

/// Detects the leading master from the masters' ZooKeeper group.
///
/// Publishes `None` while it cannot know: before the first election is read, while the group is
/// empty or its path does not exist, when the leader's node holds no usable MasterInfo, and
/// after the ZooKeeper session expired until a new one has read the group. Problems are logged
/// and sent to [`errors`](Self::errors); detection never stops by itself.
///
/// ```no_run
/// use mesos_sdk::detector::{MasterDetector, ZooKeeperDetector};
///
/// # async fn run() -> Result<(), mesos_sdk::Error> {
/// let detector = ZooKeeperDetector::start("zk://zk1:2181,zk2:2181/mesos".parse()?);
/// let mut leader = detector.leader();
/// leader.changed().await.ok();
/// println!("leader: {:?}", *leader.borrow());
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ZooKeeperDetector {
    leader: watch::Sender<Option<Endpoint>>,
    errors: broadcast::Sender<Arc<Error>>,
    task: JoinHandle<()>,
}

impl ZooKeeperDetector {
    /// Starts detecting with [`DEFAULT_SESSION_TIMEOUT`]. Must be called inside a tokio
    /// runtime; detection runs until the detector is dropped.
    pub fn start(url: ZooKeeperUrl) -> Self {
        Self::with_session_timeout(url, DEFAULT_SESSION_TIMEOUT)
    }

    /// Starts detecting with the given ZooKeeper session timeout (the server clamps it to
    /// between 2 and 20 ticks, 4 s to 40 s by default).
    pub fn with_session_timeout(url: ZooKeeperUrl, session_timeout: Duration) -> Self {
        let (leader, _) = watch::channel(None);
        let (errors, _) = broadcast::channel(16);
        let worker = Worker {
            url,
            session_timeout,
            leader: leader.clone(),
            errors: errors.clone(),
        };
        let span = tracing::info_span!("mesos_zk_detector", url = %worker.url);
        let task = tokio::spawn(tracing::Instrument::instrument(worker.run(), span));
        Self {
            leader,
            errors,
            task,
        }
    }

    /// Problems met while detecting (connection failures, expired sessions, malformed nodes),
    /// as they happen. Detection goes on regardless.
    pub fn errors(&self) -> broadcast::Receiver<Arc<Error>> {
        self.errors.subscribe()
    }
}

impl Drop for ZooKeeperDetector {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl MasterDetector for ZooKeeperDetector {
    fn leader(&self) -> watch::Receiver<Option<Endpoint>> {
        self.leader.subscribe()
    }
}

struct Worker {
    url: ZooKeeperUrl,
    session_timeout: Duration,
    leader: watch::Sender<Option<Endpoint>>,
    errors: broadcast::Sender<Arc<Error>>,
}

/// Why serving a session ended.
enum SessionEnd {
    /// The session is gone (expired, closed, or given up on locally): build a new one.
    Rebuild,
}

fn zk_error(operation: &'static str, path: &str, error: impl std::fmt::Display) -> Error {
    Error::ZooKeeper {
        operation,
        path: path.to_string(),
        reason: error.to_string(),
    }
}

impl Worker {
    fn publish(&self, leader: Option<Endpoint>) {
        self.leader.send_if_modified(|current| {
            if *current == leader {
                return false;
            }
            match &leader {
                Some(l) => tracing::info!(leader = %l, "leading master detected"),
                None => tracing::warn!("no leading master known"),
            }
            *current = leader;
            true
        });
    }

    fn report(&self, error: Error) {
        tracing::warn!(%error, "master detection");
        metrics::counter!("mesos_detector_errors_total").increment(1);
        let _ = self.errors.send(Arc::new(error));
    }

    async fn run(self) {
        loop {
            match self.connect().await {
                Ok(client) => {
                    let SessionEnd::Rebuild = self.serve(&client).await;
                }
                Err(error) => self.report(error),
            }
            // Whatever happened, the old session's view is no longer trustworthy.
            self.publish(None);
            tokio::time::sleep(RETRY_INTERVAL).await;
        }
    }

    async fn connect(&self) -> Result<zk::Client, Error> {
        let servers = self.url.connect_string();
        let mut connector = zk::Client::connector();
        connector = connector
            .with_session_timeout(self.session_timeout)
            .with_connection_timeout(self.session_timeout);
        if let Some((user, password)) = self.url.credentials() {
            connector = connector.with_auth("digest", format!("{user}:{password}").as_bytes());
        }
        let connecting = connector.connect(&servers);
        // The client keeps trying hosts until its session timeout; bound it in any case.
        match tokio::time::timeout(self.session_timeout * 2, connecting).await {
            Ok(Ok(client)) => Ok(client),
            Ok(Err(e)) => Err(zk_error("connect", &servers, e)),
            Err(_) => Err(zk_error(
                "connect",
                &servers,
                "no session established in time",
            )),
        }
    }

    /// Follows the group with one session until that session is gone.
    async fn serve(&self, client: &zk::Client) -> SessionEnd {
        let path = self.url.path();
        let mut state = client.state_watcher();
        loop {
            let listed = client.get_and_watch_children(path).await;
            let watcher = match listed {
                Ok((children, _, watcher)) => {
                    self.elect(client, &children).await;
                    Some(watcher)
                }
                Err(zk::Error::NoNode) => {
                    // The group does not exist yet: no leader until it appears.
                    self.publish(None);
                    match client.check_and_watch_stat(path).await {
                        Ok((Some(_), _)) => continue,
                        Ok((None, watcher)) => Some(watcher),
                        Err(e) => {
                            if let Some(end) = self.after_failure(&mut state, "watch", e).await {
                                return end;
                            }
                            continue;
                        }
                    }
                }
                Err(e) => {
                    if let Some(end) = self.after_failure(&mut state, "list", e).await {
                        return end;
                    }
                    continue;
                }
            };
            let Some(watcher) = watcher else { continue };
            // Wait for the group to change, or for the session to change state. ZooKeeper
            // watches fire once: every pass lists again, re-arming the watch.
            tokio::select! {
                _ = watcher.changed() => {}
                new_state = state.changed() => {
                    if let Some(end) = self.on_state(&mut state, new_state).await {
                        return end;
                    }
                }
            }
        }
    }

    /// Reads the election from the group's children and publishes its leader.
    async fn elect(&self, client: &zk::Client, children: &[String]) {
        let Some(member) = leader(children) else {
            self.publish(None);
            return;
        };
        let node = format!("{}/{}", self.url.path().trim_end_matches('/'), member.name);
        match client.get_data(&node).await {
            Ok((data, _)) => match master_endpoint(&node, member.format, &data) {
                Ok(endpoint) => self.publish(Some(endpoint)),
                Err(error) => {
                    self.publish(None);
                    self.report(error);
                }
            },
            // The leader left between the listing and the read: the children watch fires
            // and the next pass elects again.
            Err(zk::Error::NoNode) => self.publish(None),
            Err(e) => {
                self.publish(None);
                self.report(zk_error("read", &node, e));
            }
        }
    }

    /// After a failed operation: end the session if it is gone, otherwise wait until it is
    /// usable again. Returns `Some` when the session must be rebuilt.
    async fn after_failure(
        &self,
        state: &mut zk::StateWatcher,
        operation: &'static str,
        error: zk::Error,
    ) -> Option<SessionEnd> {
        match error {
            zk::Error::SessionExpired | zk::Error::ClientClosed | zk::Error::AuthFailed => {
                self.report(zk_error(operation, self.url.path(), error));
                Some(SessionEnd::Rebuild)
            }
            zk::Error::ConnectionLoss | zk::Error::Timeout => {
                let current = state.peek_state();
                self.on_state(state, current).await
            }
            other => {
                self.report(zk_error(operation, self.url.path(), other));
                tokio::time::sleep(RETRY_INTERVAL).await;
                None
            }
        }
    }

    /// Reacts to a session state. Returns `Some` when the session must be rebuilt.
    async fn on_state(
        &self,
        state: &mut zk::StateWatcher,
        current: zk::SessionState,
    ) -> Option<SessionEnd> {
        match current {
            zk::SessionState::SyncConnected | zk::SessionState::ConnectedReadOnly => None,
            zk::SessionState::Disconnected => {
                // Mesos keeps the last leader while reconnecting, but gives the session up
                // locally once a session timeout passes without reconnection: the server has
                // expired it by then (`mesos: src/zookeeper/group.cpp`, `timedout`).
                let deadline = tokio::time::sleep(self.session_timeout);
                tokio::pin!(deadline);
                loop {
                    tokio::select! {
                        _ = &mut deadline => {
                            self.report(zk_error(
                                "session",
                                &self.url.connect_string(),
                                "not reconnected within the session timeout; expiring it locally",
                            ));
                            return Some(SessionEnd::Rebuild);
                        }
                        next = state.changed() => match next {
                            zk::SessionState::SyncConnected | zk::SessionState::ConnectedReadOnly => {
                                // Reconnected within the session: list again even so, in case
                                // watches were lost.
                                return None;
                            }
                            zk::SessionState::Disconnected => continue,
                            other => return self.terminal(other),
                        },
                    }
                }
            }
            other => self.terminal(other),
        }
    }

    fn terminal(&self, state: zk::SessionState) -> Option<SessionEnd> {
        self.report(zk_error(
            "session",
            &self.url.connect_string(),
            format!("session state {state:?}"),
        ));
        Some(SessionEnd::Rebuild)
    }
}
