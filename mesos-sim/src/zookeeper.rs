//! ZooKeeper leader election as Mesos masters do it: each master creates an ephemeral
//! sequential `<path>/json.info_<seq>` node holding its MasterInfo as JSON (with the required
//! `id`, `ip`, `port` plus `address`, `hostname`, `pid`, `version`), and the member with the
//! lowest sequence leads (`mesos: src/master/contender/zookeeper.cpp`,
//! `mesos: src/master/detector/zookeeper.cpp`). An observer session watches the group and
//! moves the cluster's leadership accordingly.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use mesos_sdk::detector::ZooKeeperUrl;
use mesos_sdk::v1::MasterInfo;
use zookeeper_client::{Acl, Acls, Client, CreateMode, Permission};

use crate::error::SimError;
use crate::master::Master;
use crate::master::standby::MasterEndpoint;

/// The `zk://[user:password@]host1:port1[,host2:port2]/path` URL the cluster elects through,
/// parsed by the SDK (the same rules as `mesos_sdk::detector::ZooKeeperUrl`).
pub(crate) type ZkUrl = ZooKeeperUrl;

/// Parses `url`, naming it in the error.
pub(crate) fn parse_url(url: &str) -> Result<ZkUrl, SimError> {
    url.parse()
        .map_err(|e: mesos_sdk::Error| SimError::ZooKeeper {
            url: url.to_string(),
            reason: e.to_string(),
        })
}

fn zk_error(url: &ZkUrl, what: &str, error: zookeeper_client::Error) -> SimError {
    SimError::ZooKeeper {
        // Display hides the password.
        url: url.to_string(),
        reason: format!("{what}: {error}"),
    }
}

/// `world:anyone` may read, the authenticated creator may do everything: the ACL Mesos puts
/// on its nodes when ZooKeeper credentials are given (`EVERYONE_READ_CREATOR_ALL`,
/// `mesos: src/zookeeper/authentication.cpp`).
static EVERYONE_READ_CREATOR_ALL: [Acl; 2] = [
    Acl::new_const(Permission::READ, "world", "anyone"),
    Acl::new_const(Permission::ALL, "auth", ""),
];

/// The ACL of the nodes the masters create: open without credentials, as Mesos does.
fn acls(url: &ZkUrl) -> Acls<'static> {
    if url.credentials().is_some() {
        Acls::new(&EVERYONE_READ_CREATOR_ALL)
    } else {
        Acls::anyone_all()
    }
}

/// Connects a new session, authenticated with the URL's digest credentials if it has some.
pub(crate) async fn connect(url: &ZkUrl) -> Result<Client, SimError> {
    connect_to(url, &url.connect_string()).await
}

/// [`connect`] through `servers` (e.g. [`Relays::connect_string`]) instead of the URL's.
async fn connect_to(url: &ZkUrl, servers: &str) -> Result<Client, SimError> {
    let mut connector = Client::connector();
    if let Some((user, password)) = url.credentials() {
        connector = connector.with_auth("digest", format!("{user}:{password}").as_bytes());
    }
    // The client keeps trying the servers; bound the wait so a dead ensemble is an error.
    match tokio::time::timeout(CONNECT_TIMEOUT, connector.connect(servers)).await {
        Ok(connected) => connected.map_err(|e| zk_error(url, "cannot connect", e)),
        Err(_) => Err(SimError::ZooKeeper {
            url: url.to_string(),
            reason: format!("cannot connect: no session within {CONNECT_TIMEOUT:?}"),
        }),
    }
}

/// How long a session may take to establish.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Creates `path` and its parents as persistent nodes; existing ones are fine.
async fn ensure_path(client: &Client, url: &ZkUrl) -> Result<(), SimError> {
    let mut prefix = String::new();
    for segment in url.path().split('/').filter(|s| !s.is_empty()) {
        prefix.push('/');
        prefix.push_str(segment);
        match client
            .create(&prefix, b"", &CreateMode::Persistent.with_acls(acls(url)))
            .await
        {
            Ok(_) | Err(zookeeper_client::Error::NodeExists) => {}
            Err(e) => return Err(zk_error(url, &format!("cannot create {prefix}"), e)),
        }
    }
    Ok(())
}

/// Joins the group as a contender: a new session (through the master's `relays`) holding one
/// `json.info_` node. The node lives as long as the returned client.
pub(crate) async fn register(
    url: &ZkUrl,
    relays: &Relays,
    info: &MasterInfo,
) -> Result<Client, SimError> {
    let client = connect_to(url, &relays.connect_string()).await?;
    ensure_path(&client, url).await?;
    let data = mesos_sdk::json::to_vec(info).map_err(|e| SimError::ZooKeeper {
        url: url.to_string(),
        reason: format!("cannot write MasterInfo as JSON: {e}"),
    })?;
    client
        .create(
            &format!("{}/json.info_", url.path()),
            &data,
            &CreateMode::EphemeralSequential.with_acls(acls(url)),
        )
        .await
        .map_err(|e| zk_error(url, "cannot create the json.info_ node", e))?;
    Ok(client)
}

/// TCP relays between one master's ZooKeeper client and the ensemble, one per server of the
/// URL, so a test can partition that master from ZooKeeper while ZooKeeper keeps running:
/// cut, the relays forward nothing (open connections go silent, new ones are held), as a
/// network partition would, and ZooKeeper expires the master's session on its own clock.
#[derive(Debug)]
pub(crate) struct Relays {
    addrs: Vec<SocketAddr>,
    cut: Arc<tokio::sync::watch::Sender<bool>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Relays {
    /// Starts a relay on a free loopback port for each server of `url`.
    pub(crate) async fn start(url: &ZkUrl) -> Result<Relays, SimError> {
        let (cut, _) = tokio::sync::watch::channel(false);
        let cut = Arc::new(cut);
        let mut relays = Relays {
            addrs: Vec::new(),
            cut: cut.clone(),
            tasks: Vec::new(),
        };
        for server in url.servers() {
            let bind = SocketAddr::from(([127, 0, 0, 1], 0));
            let listener = tokio::net::TcpListener::bind(bind)
                .await
                .map_err(|source| SimError::Bind { addr: bind, source })?;
            let addr = listener
                .local_addr()
                .map_err(|source| SimError::Bind { addr: bind, source })?;
            relays.addrs.push(addr);
            relays
                .tasks
                .push(tokio::spawn(relay(listener, server.clone(), cut.clone())));
        }
        Ok(relays)
    }

    /// The connect string that goes through the relays.
    pub(crate) fn connect_string(&self) -> String {
        let addrs: Vec<String> = self.addrs.iter().map(ToString::to_string).collect();
        addrs.join(",")
    }

    /// Cuts (`true`) or heals (`false`) the partition. Healing closes the connections held
    /// meanwhile, so the client reconnects through a working relay.
    pub(crate) fn set_cut(&self, cut: bool) {
        self.cut.send_replace(cut);
    }
}

impl Drop for Relays {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Accepts connections for ever and forwards each to `server` while not cut.
async fn relay(
    listener: tokio::net::TcpListener,
    server: String,
    cut: Arc<tokio::sync::watch::Sender<bool>>,
) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let Ok((mut inbound, _)) = listener.accept().await else {
            // Out of descriptors, say: try again shortly rather than spin.
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            continue;
        };
        let mut partition = cut.subscribe();
        let server = server.clone();
        connections.spawn(async move {
            if !*partition.borrow_and_update() {
                let Ok(mut outbound) = tokio::net::TcpStream::connect(&server).await else {
                    return;
                };
                tokio::select! {
                    _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => return,
                    _ = partition.wait_for(|cut| *cut) => {}
                }
                // Cut: both sides go silent until the partition heals (ZooKeeper closes its
                // side once it has expired the session).
                let _ = partition.wait_for(|cut| !*cut).await;
                return;
            }
            // Opened during the partition: nothing gets through until it heals.
            let _ = partition.wait_for(|cut| !*cut).await;
        });
        // Reap finished connections.
        while connections.try_join_next().is_some() {}
    }
}

/// Partitions a master from ZooKeeper through its `relays` until ZooKeeper has expired its
/// session (the member node holding `info` is gone, as a fresh session sees it), then heals
/// the partition and waits until the master's own client `member` knows its session expired.
pub(crate) async fn expire_session(
    url: &ZkUrl,
    relays: &Relays,
    member: &Client,
    info: &MasterInfo,
) -> Result<(), SimError> {
    let observer = connect(url).await?;
    let timeout = |what: &str| SimError::ZooKeeper {
        url: url.to_string(),
        reason: format!("{what} within {EXPIRY_WITHIN:?}"),
    };
    let mut state = member.state_watcher();
    relays.set_cut(true);
    let expired = tokio::time::timeout(EXPIRY_WITHIN, async {
        while holds_member_node(&observer, url, info).await {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    })
    .await;
    relays.set_cut(false);
    expired.map_err(|_| timeout("the partitioned session did not expire"))?;
    tokio::time::timeout(EXPIRY_WITHIN, async {
        loop {
            match state.state() {
                zookeeper_client::SessionState::Expired
                | zookeeper_client::SessionState::Closed => {
                    return;
                }
                _ => {
                    state.changed().await;
                }
            }
        }
    })
    .await
    .map_err(|_| timeout("the master did not learn that its session expired"))
}

/// Whether the group still has a member node holding `info` (errors count as "yes": the
/// caller keeps looking).
async fn holds_member_node(observer: &Client, url: &ZkUrl, info: &MasterInfo) -> bool {
    let Ok(children) = observer.list_children(url.path()).await else {
        return true;
    };
    for name in children {
        match observer.get_data(&format!("{}/{name}", url.path())).await {
            Ok((data, _)) => {
                let member = mesos_sdk::json::from_slice::<MasterInfo>(&data).ok();
                if member.is_some_and(|m| m.id == info.id) {
                    return true;
                }
            }
            Err(zookeeper_client::Error::NoNode) => {}
            Err(_) => return true,
        }
    }
    false
}

/// How long a partitioned session may take to expire, and its owner to notice: the session
/// timeout (6 s, the client's default) plus the server's and client's ticks.
const EXPIRY_WITHIN: std::time::Duration = std::time::Duration::from_secs(30);

/// The sequence number of a member node (`json.info_0000000003`, `info_...`, a bare number);
/// `None` for other children such as `log_replicas`.
fn sequence(name: &str) -> Option<i64> {
    name.rsplit('_').next().and_then(|s| s.parse().ok())
}

/// The address a MasterInfo names: `address` first, then the legacy `ip`/`port`.
fn address_of(info: &MasterInfo) -> Option<SocketAddr> {
    if let Some(address) = &info.address
        && let Some(ip) = address.ip.as_deref().and_then(|ip| ip.parse().ok())
    {
        return Some(SocketAddr::new(ip, u16::try_from(address.port).ok()?));
    }
    let ip = std::net::Ipv4Addr::from(info.ip.to_le_bytes());
    Some(SocketAddr::new(ip.into(), u16::try_from(info.port).ok()?))
}

/// Watches the group for ever and applies each election result to the cluster.
pub(crate) async fn follow_elections(
    url: ZkUrl,
    master: Arc<Master>,
    endpoints: Vec<Arc<MasterEndpoint>>,
) {
    loop {
        let client = match connect(&url).await {
            Ok(client) => client,
            Err(error) => {
                tracing::warn!(%error, "ZooKeeper observer cannot connect; retrying");
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                continue;
            }
        };
        loop {
            let (children, watcher) = match client.list_and_watch_children(url.path()).await {
                Ok(listed) => listed,
                Err(error) => {
                    tracing::warn!(%error, "ZooKeeper observer lost its session; reconnecting");
                    break;
                }
            };
            let leader = children
                .iter()
                .filter_map(|name| sequence(name).map(|seq| (seq, name)))
                .min();
            let mut leader_addr = None;
            if let Some((_, name)) = leader
                && let Ok((data, _)) = client.get_data(&format!("{}/{name}", url.path())).await
                && name.starts_with("json.info_")
            {
                leader_addr = mesos_sdk::json::from_slice::<MasterInfo>(&data)
                    .ok()
                    .and_then(|info| address_of(&info));
            }
            apply(&master, &endpoints, leader_addr);
            watcher.changed().await;
        }
    }
}

/// Makes `leader` (one of the cluster's masters) lead, or leaves everyone without a leader.
fn apply(master: &Arc<Master>, endpoints: &[Arc<MasterEndpoint>], leader: Option<SocketAddr>) {
    let ours = leader.and_then(|addr| endpoints.iter().find(|e| e.addr == addr));
    for endpoint in endpoints {
        endpoint
            .knows_leader
            .store(ours.is_some(), Ordering::SeqCst);
    }
    let Some(endpoint) = ours else {
        // No leader, or one outside this cluster: none of our masters may serve; they answer
        // 503 "No leader elected" (a leader in another process is not followed yet).
        master.lock().leader_addr = SocketAddr::from(([0, 0, 0, 0], 0));
        return;
    };
    let effects = {
        let mut state = master.lock();
        if state.leader_addr == endpoint.addr {
            return;
        }
        state.fail_over(endpoint.addr, endpoint.info.clone())
    };
    master.apply(effects);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_need_hosts_and_a_path() {
        let url = parse_url(" zk://h1:2181,h2:2182/mesos/prod ").unwrap();
        assert_eq!(url.connect_string(), "h1:2181,h2:2182");
        assert_eq!(url.path(), "/mesos/prod");
        let url = parse_url("zk://u:p@h1:2181/mesos").unwrap();
        assert_eq!(url.credentials(), Some(("u", "p")));
        assert_eq!(acls(&url).len(), 2);
        for bad in [
            "zk://h1:2181",
            "zk://h1:2181/",
            "http://h1/mesos",
            "zk:///mesos",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn members_are_ordered_by_sequence_and_others_skipped() {
        assert_eq!(sequence("json.info_0000000012"), Some(12));
        assert_eq!(sequence("info_0000000003"), Some(3));
        assert_eq!(sequence("0000000007"), Some(7));
        assert_eq!(sequence("log_replicas"), None);
    }

    #[test]
    fn legacy_ip_is_read_in_network_order() {
        let info = MasterInfo {
            ip: 16_777_343,
            port: 5050,
            ..Default::default()
        };
        assert_eq!(address_of(&info), Some("127.0.0.1:5050".parse().unwrap()));
    }
}
