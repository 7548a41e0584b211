//! The test-facing API: build and start a cluster (master plus agents on loopback), read its
//! state, inject faults, shut it down.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mesos_sdk::v1::allocator::InverseOfferStatus;
use mesos_sdk::v1::{
    Address, AgentId, AgentInfo, Attribute, DurationInfo, MasterInfo, TaskState, Unavailability,
    master_info,
};
use tokio::net::{TcpListener, TcpSocket};
use tokio::task::JoinHandle;

use crate::agent::executor_api::ExecutorApi;
use crate::agent::process::Host;
use crate::agent::{Agent, KillRequest};
use crate::attributes::parse_attributes;
use crate::config::{DEFAULT_AGENT_RESOURCES, SimConfig};
use crate::error::SimError;
use crate::master::Master;
use crate::master::drf::{default_min_allocatable, parse_min_allocatable};
use crate::master::effects::Effect;
use crate::master::endpoints::{MESOS_VERSION, state_json};
use crate::master::maintenance::time_info;
use crate::master::standby::MasterEndpoint;
use crate::master::state::{MasterState, Recovery, now_secs};
use crate::resources::{Resources, parse_agent_resources};
use crate::zookeeper::ZkUrl;

/// Configures a [`Cluster`]; obtained from [`Cluster::builder`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ClusterBuilder {
    ip: IpAddr,
    port: u16,
    agents: usize,
    agent_resources: String,
    heartbeat_interval: Duration,
    allocation_interval: Duration,
    status_update_retry: Duration,
    event_queue_capacity: usize,
    credentials: Option<Vec<(String, String)>>,
    synthetic: bool,
    work_dir: Option<PathBuf>,
    serve: crate::http::server::ServeLimits,
    executor_shutdown_grace_period: Duration,
    agent_recovery_timeout: Duration,
    executor_registration_timeout: Duration,
    executor_heartbeat_interval: Duration,
    agent_unreachable_after: Duration,
    standby_masters: usize,
    zookeeper: Option<String>,
    recovery_delay: Duration,
    role_weights: HashMap<String, f64>,
    agent_attributes: Option<String>,
    min_allocatable: Option<String>,
}

impl Default for ClusterBuilder {
    fn default() -> Self {
        ClusterBuilder {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            agents: 1,
            agent_resources: DEFAULT_AGENT_RESOURCES.to_string(),
            heartbeat_interval: Duration::from_secs(15),
            allocation_interval: Duration::from_secs(1),
            status_update_retry: Duration::from_secs(10),
            event_queue_capacity: 4096,
            credentials: None,
            synthetic: false,
            work_dir: None,
            serve: Default::default(),
            executor_shutdown_grace_period: Duration::from_secs(5),
            agent_recovery_timeout: Duration::from_secs(15 * 60),
            executor_registration_timeout: Duration::from_secs(60),
            executor_heartbeat_interval: Duration::from_secs(30 * 60),
            agent_unreachable_after: Duration::from_secs(5 * 15),
            standby_masters: 0,
            zookeeper: None,
            recovery_delay: Duration::ZERO,
            role_weights: HashMap::new(),
            agent_attributes: None,
            min_allocatable: None,
        }
    }
}

impl ClusterBuilder {
    /// The address to listen on (default `127.0.0.1`).
    pub fn ip(mut self, ip: IpAddr) -> Self {
        self.ip = ip;
        self
    }

    /// The master's port (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Number of agents (default 1).
    pub fn agents(mut self, agents: usize) -> Self {
        self.agents = agents;
        self
    }

    /// Resources of every agent in the agent's `--resources` format, e.g.
    /// `cpus:4;mem:8192;ports:[31000-32000]` (default [`DEFAULT_AGENT_RESOURCES`]).
    pub fn agent_resources(mut self, spec: impl Into<String>) -> Self {
        self.agent_resources = spec.into();
        self
    }

    /// Attributes of every agent in the agent's `--attributes` format, e.g. `rack:a;zone:1`
    /// (default: none). Offers carry them, and offer constraints select agents by them.
    pub fn agent_attributes(mut self, spec: impl Into<String>) -> Self {
        self.agent_attributes = Some(spec.into());
        self
    }

    /// Weight of a role in the DRF role sorter (the master's `--weights`; default 1): a role
    /// of weight 2 is entitled to twice the dominant share of a role of weight 1.
    pub fn role_weight(mut self, role: impl Into<String>, weight: f64) -> Self {
        self.role_weights.insert(role.into(), weight);
        self
    }

    /// The master's `--min_allocatable_resources`: `|`-separated alternatives of `;`-separated
    /// `name:quantity` minimums (ranges and sets count their values); free resources that meet
    /// none are not offered. Default and Mesos: `cpus:0.01|mem:32`; `""` offers anything.
    pub fn min_allocatable_resources(mut self, spec: impl Into<String>) -> Self {
        self.min_allocatable = Some(spec.into());
        self
    }

    /// Interval of HEARTBEAT events, announced in SUBSCRIBED (default and Mesos: 15 s).
    pub fn heartbeat_interval(mut self, interval: Duration) -> Self {
        self.heartbeat_interval = interval;
        self
    }

    /// Batch allocation interval (default and Mesos: 1 s).
    pub fn allocation_interval(mut self, interval: Duration) -> Self {
        self.allocation_interval = interval;
        self
    }

    /// First retry of an unacknowledged status update (default and Mesos: 10 s; it doubles
    /// up to 10 minutes).
    pub fn status_update_retry(mut self, interval: Duration) -> Self {
        self.status_update_retry = interval;
        self
    }

    /// Events buffered per subscriber; a subscriber that falls this far behind is
    /// disconnected (default 4096).
    pub fn event_queue_capacity(mut self, capacity: usize) -> Self {
        self.event_queue_capacity = capacity;
        self
    }

    /// Enables HTTP Basic authentication of frameworks and adds a credential; requests
    /// without valid credentials get 401.
    pub fn credential(mut self, principal: impl Into<String>, secret: impl Into<String>) -> Self {
        self.credentials
            .get_or_insert_with(Vec::new)
            .push((principal.into(), secret.into()));
        self
    }

    /// Synthetic mode, for scale tests: tasks are reported running and finished without
    /// spawning processes (`sleep N` lasts N seconds, anything else finishes at once), and
    /// agents open no executor API socket (their endpoint port is 0), so thousands of agents
    /// and tens of thousands of tasks fit in one process. Custom executors cannot run: a
    /// task given to one is reported running and runs until it is killed. The executor's
    /// resources are charged as the real master charges a running executor's: once per agent
    /// while it has tasks, returned with its last one.
    pub fn synthetic(mut self, synthetic: bool) -> Self {
        self.synthetic = synthetic;
        self
    }

    /// Root of the executors' sandboxes (default: a fresh directory under the system
    /// temporary directory, removed when the cluster shuts down).
    pub fn work_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.work_dir = Some(dir.into());
        self
    }

    /// Connections each of the simulator's sockets keeps open at once (default 10 240);
    /// more clients wait to be accepted until one closes.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.serve.max_connections = max;
        self
    }

    /// How long a client may take to send a request's headers before its connection is
    /// closed (default 30 s).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.serve.header_read_timeout = timeout;
        self
    }

    /// Grace period of executor shutdown (default and Mesos: 5 s).
    pub fn executor_shutdown_grace_period(mut self, period: Duration) -> Self {
        self.executor_shutdown_grace_period = period;
        self
    }

    /// The agents' `--recovery_timeout` (default and Mesos: 15 mins): how long executors of
    /// checkpointing frameworks wait for a stopped agent to come back before they exit. They
    /// get it as `MESOS_RECOVERY_TIMEOUT`.
    pub fn agent_recovery_timeout(mut self, timeout: Duration) -> Self {
        self.agent_recovery_timeout = timeout;
        self
    }

    /// The agents' `--executor_registration_timeout` (default and Mesos: 1 min): a custom
    /// executor that has not subscribed by then is killed, and its tasks fail with
    /// `REASON_EXECUTOR_REGISTRATION_TIMEOUT`.
    pub fn executor_registration_timeout(mut self, timeout: Duration) -> Self {
        self.executor_registration_timeout = timeout;
        self
    }

    /// Interval of the HEARTBEAT events agents send on executors' SUBSCRIBE streams (default
    /// and Mesos: 30 mins; the first comes one interval after SUBSCRIBED).
    pub fn executor_heartbeat_interval(mut self, interval: Duration) -> Self {
        self.executor_heartbeat_interval = interval;
        self
    }

    /// How long the master waits for a stopped agent (see [`Cluster::stop_agent`]) before it
    /// marks it unreachable: Mesos' `--agent_ping_timeout` times `--max_agent_ping_timeouts`,
    /// 15 s × 5 by default.
    pub fn agent_unreachable_after(mut self, timeout: Duration) -> Self {
        self.agent_unreachable_after = timeout;
        self
    }

    /// Number of standby (non-leading) masters started next to the leader (default 0). They
    /// answer scheduler calls with 307 to the leader, or 503 while they know no leader.
    pub fn standby_masters(mut self, count: usize) -> Self {
        self.standby_masters = count;
        self
    }

    /// Elects the leader among the cluster's masters through ZooKeeper, e.g.
    /// `zk://127.0.0.1:2181/mesos`: each master registers a `json.info_` ephemeral sequential
    /// node with its MasterInfo as JSON, and the lowest sequence leads.
    pub fn zookeeper(mut self, url: impl Into<String>) -> Self {
        self.zookeeper = Some(url.into());
        self
    }

    /// How long the leading master takes to recover its registry after it is elected, at
    /// start and after every leadership change (default zero). Meanwhile its scheduler
    /// endpoint answers 503 "Master has not finished recovery" right after authentication,
    /// before any other check.
    pub fn recovery_delay(mut self, delay: Duration) -> Self {
        self.recovery_delay = delay;
        self
    }

    /// Binds the master and the agents and starts serving. Must be called inside a tokio
    /// runtime; everything runs on it.
    pub async fn start(self) -> Result<Cluster, SimError> {
        let zookeeper = self
            .zookeeper
            .as_deref()
            .map(crate::zookeeper::parse_url)
            .transpose()?;
        let agent_resources = parse_agent_resources(&self.agent_resources)?;
        let total = Resources::from_protos(&agent_resources).map_err(|reason| {
            SimError::InvalidResources {
                spec: self.agent_resources.clone(),
                reason,
            }
        })?;
        let attributes = parse_attributes(self.agent_attributes.as_deref().unwrap_or(""))?;
        let min_allocatable = match self.min_allocatable.as_deref().map(str::trim) {
            None => default_min_allocatable(),
            Some("") => Vec::new(),
            Some(spec) => {
                parse_min_allocatable(spec).map_err(|reason| SimError::InvalidResources {
                    spec: spec.to_string(),
                    reason,
                })?
            }
        };
        let (work_dir, owns_work_dir) = match self.work_dir {
            Some(dir) => (dir, false),
            None => (
                std::env::temp_dir().join(format!("mesos-sim-{}", uuid::Uuid::new_v4())),
                true,
            ),
        };
        let addr = SocketAddr::new(self.ip, self.port);
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| SimError::Bind { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| SimError::Bind { addr, source })?;
        let config = SimConfig {
            heartbeat_interval: self.heartbeat_interval,
            allocation_interval: self.allocation_interval,
            status_update_retry: self.status_update_retry,
            status_update_retry_max: Duration::from_secs(600),
            event_queue_capacity: self.event_queue_capacity,
            work_dir: work_dir.clone(),
            credentials: self.credentials,
            synthetic: self.synthetic,
            executor_shutdown_grace_period: self.executor_shutdown_grace_period,
            agent_recovery_timeout: self.agent_recovery_timeout,
            executor_registration_timeout: self.executor_registration_timeout,
            executor_heartbeat_interval: self.executor_heartbeat_interval,
            agent_unreachable_after: self.agent_unreachable_after,
            recovery_delay: self.recovery_delay,
            role_weights: self.role_weights,
            filter_gpu_resources: true,
            min_allocatable,
            serve: self.serve,
            host: Arc::new(Host::new(owns_work_dir.then(|| work_dir.clone()))),
        };
        let now = now_secs();
        let info = master_info(addr);
        let master = Master::new(MasterState {
            config,
            info: info.clone(),
            leader_addr: addr,
            frameworks: Default::default(),
            removed_frameworks: Default::default(),
            completed_frameworks: Default::default(),
            agents: Default::default(),
            unreachable_agents: Default::default(),
            lost_agents: Default::default(),
            offers: Default::default(),
            maintenance: Default::default(),
            inverse_offers: Default::default(),
            next_framework: 0,
            next_offer: 0,
            next_agent: 0,
            acknowledged_updates: 0,
            acknowledged_operation_updates: 0,
            recovery: Recovery::after_election(self.recovery_delay),
            heartbeats_stopped: false,
            start_time: now,
            elected_time: Some(now),
            allocation_counts: Default::default(),
            operator: Default::default(),
            gone_agents: Default::default(),
        });
        let leader = MasterEndpoint::new(master.clone(), addr, info);
        let mut tasks = vec![crate::http::server::spawn(
            listener,
            leader.clone(),
            self.serve,
        )];
        let mut endpoints = vec![leader];
        for _ in 0..self.standby_masters {
            let bind = SocketAddr::new(self.ip, 0);
            let listener = TcpListener::bind(bind)
                .await
                .map_err(|source| SimError::Bind { addr: bind, source })?;
            let standby_addr = listener
                .local_addr()
                .map_err(|source| SimError::Bind { addr: bind, source })?;
            let standby =
                MasterEndpoint::new(master.clone(), standby_addr, master_info(standby_addr));
            tasks.push(crate::http::server::spawn(
                listener,
                standby.clone(),
                self.serve,
            ));
            endpoints.push(standby);
        }
        let mut agent_servers = HashMap::new();
        for _ in 0..self.agents {
            let (agent_id, server) = add_agent(&master, self.ip, &total, &attributes).await?;
            if let Some(server) = server {
                agent_servers.insert(agent_id, server);
            }
        }
        tasks.push(master.spawn_allocator());
        let mut zookeeper_relays = HashMap::new();
        if let Some(url) = &zookeeper {
            // Register in start order, so the first master gets the lowest sequence unless
            // the group already has members.
            for endpoint in &endpoints {
                let relays = crate::zookeeper::Relays::start(url).await?;
                let membership = crate::zookeeper::register(url, &relays, &endpoint.info).await?;
                *endpoint.membership.lock().await = Some(membership);
                zookeeper_relays.insert(endpoint.addr, relays);
            }
            tasks.push(tokio::spawn(crate::zookeeper::follow_elections(
                url.clone(),
                master.clone(),
                endpoints.clone(),
            )));
        }
        Ok(Cluster {
            zookeeper,
            zookeeper_relays,
            master,
            endpoints,
            tasks,
            agent_servers: Mutex::new(agent_servers),
            stopped_servers: Mutex::new(HashMap::new()),
            agent_template: (self.ip, total, attributes),
            work_dir,
        })
    }
}

fn master_info(addr: SocketAddr) -> MasterInfo {
    let ip = match addr.ip() {
        // The legacy field holds `in_addr.s_addr` read as a host integer (MESOS-1201).
        IpAddr::V4(v4) => u32::from_le_bytes(v4.octets()),
        IpAddr::V6(_) => 0,
    };
    let host = addr.ip().to_string();
    MasterInfo {
        id: uuid::Uuid::new_v4().to_string(),
        ip,
        port: u32::from(addr.port()),
        pid: Some(format!("master@{addr}")),
        hostname: Some(host.clone()),
        version: Some(MESOS_VERSION.to_string()),
        address: Some(Address {
            hostname: Some(host.clone()),
            ip: Some(host),
            port: i32::from(addr.port()),
        }),
        capabilities: [
            master_info::capability::Type::AgentUpdate,
            master_info::capability::Type::AgentDraining,
        ]
        .into_iter()
        .map(|t| master_info::Capability {
            r#type: Some(t as i32),
        })
        .collect(),
        ..Default::default()
    }
}

/// A socket bound to a stopped agent's address without listening: connections are refused,
/// as by an agent that is down, and no other socket on the machine can take the port before
/// the agent comes back and listens on it again (a test that runs beside others would
/// otherwise find it taken, now and then, by some client's outgoing connection).
fn hold_address(addr: SocketAddr) -> Option<TcpSocket> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4(),
        SocketAddr::V6(_) => TcpSocket::new_v6(),
    }
    .ok()?;
    socket.set_reuseaddr(true).ok()?;
    socket.bind(addr).ok()?;
    Some(socket)
}

/// Registers an agent; unless synthetic, it gets its own executor API listener.
async fn add_agent(
    master: &Arc<Master>,
    ip: IpAddr,
    total: &Resources,
    attributes: &[Attribute],
) -> Result<(String, Option<JoinHandle<()>>), SimError> {
    let synthetic = master.lock().config.synthetic;
    let bind = SocketAddr::new(ip, 0);
    // Synthetic agents run no executors, so they need no socket: thousands fit in one process.
    let listener = if synthetic {
        None
    } else {
        Some(
            TcpListener::bind(bind)
                .await
                .map_err(|source| SimError::Bind { addr: bind, source })?,
        )
    };
    let endpoint = match &listener {
        Some(listener) => listener
            .local_addr()
            .map_err(|source| SimError::Bind { addr: bind, source })?,
        None => bind,
    };
    let agent_id = {
        let mut state = master.lock();
        let agent_id = format!("{}-S{}", state.info.id, state.next_agent);
        state.next_agent += 1;
        let info = AgentInfo {
            hostname: ip.to_string(),
            port: Some(i32::from(endpoint.port())),
            resources: total.to_protos(),
            attributes: attributes.to_vec(),
            id: Some(AgentId {
                value: agent_id.clone(),
            }),
            ..Default::default()
        };
        state.agents.insert(
            agent_id.clone(),
            Agent {
                id: agent_id.clone(),
                info,
                endpoint,
                total: total.clone(),
                available: total.clone(),
                executors: Default::default(),
                update_streams: Default::default(),
                registered_time: now_secs(),
                stopped: false,
                stop_epoch: 0,
                exited_while_stopped: Vec::new(),
                reregistered_time: None,
                default_executors: Default::default(),
                synthetic_executors: Default::default(),
            },
        );
        agent_id
    };
    master.apply(vec![Effect::Allocate]);
    let serve = master.lock().config.serve;
    let server = listener.map(|listener| {
        crate::http::server::spawn_owning(
            listener,
            Arc::new(ExecutorApi {
                master: master.clone(),
                agent_id: agent_id.clone(),
            }),
            serve,
        )
    });
    Ok((agent_id, server))
}

/// Resources and attributes of one agent for [`Cluster::add_agent_with`]; what is not set
/// comes from the cluster's builder.
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct AgentSpec {
    resources: Option<String>,
    attributes: Option<String>,
}

impl AgentSpec {
    /// The cluster's agent resources and attributes.
    pub fn new() -> Self {
        AgentSpec::default()
    }

    /// Resources in the agent's `--resources` format, e.g. `cpus:4;mem:8192;gpus:2`.
    pub fn resources(mut self, spec: impl Into<String>) -> Self {
        self.resources = Some(spec.into());
        self
    }

    /// Attributes in the agent's `--attributes` format, e.g. `rack:a;zone:1`.
    pub fn attributes(mut self, spec: impl Into<String>) -> Self {
        self.attributes = Some(spec.into());
        self
    }
}

/// A running simulated cluster: one master and its agents on loopback.
///
/// ```no_run
/// # async fn example() -> Result<(), mesos_sim::SimError> {
/// use std::time::Duration;
///
/// let cluster = mesos_sim::Cluster::builder()
///     .agents(3)
///     .heartbeat_interval(Duration::from_millis(200))
///     .start()
///     .await?;
/// let url = cluster.master_url(); // e.g. "http://127.0.0.1:41234"
/// # let _ = url;
/// cluster.shutdown();
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Cluster {
    master: Arc<Master>,
    /// Set when leadership is decided through ZooKeeper.
    zookeeper: Option<ZkUrl>,
    /// Each master's path to ZooKeeper (by its address), which a partition can cut.
    zookeeper_relays: HashMap<SocketAddr, crate::zookeeper::Relays>,
    /// Every master address, in start order: the first leader, then the standbys.
    endpoints: Vec<Arc<MasterEndpoint>>,
    tasks: Vec<JoinHandle<()>>,
    /// The executor API server of each agent, stopped when the agent is lost.
    agent_servers: Mutex<HashMap<String, JoinHandle<()>>>,
    /// The aborted servers of stopped agents, awaited before an agent listens on its address
    /// again; each ends holding that address (see [`hold_address`]).
    stopped_servers: Mutex<HashMap<String, JoinHandle<Option<TcpSocket>>>>,
    /// Address, resources and attributes for agents added later.
    agent_template: (IpAddr, Resources, Vec<Attribute>),
    work_dir: PathBuf,
}

impl Cluster {
    /// A builder with Mesos' defaults and one agent.
    pub fn builder() -> ClusterBuilder {
        ClusterBuilder::default()
    }

    /// The leading master's base URL, `http://127.0.0.1:PORT`.
    pub fn master_url(&self) -> String {
        format!("http://{}", self.master_addr())
    }

    /// The root of the agents' sandboxes: the builder's [`work_dir`](ClusterBuilder::work_dir),
    /// or a fresh folder under the system's temporary directory, removed with the cluster.
    pub fn work_dir(&self) -> &Path {
        &self.work_dir
    }

    /// The leading master's socket address.
    pub fn master_addr(&self) -> SocketAddr {
        self.master.lock().leader_addr
    }

    fn standbys(&self) -> Vec<&Arc<MasterEndpoint>> {
        let leader = self.master_addr();
        self.endpoints.iter().filter(|e| e.addr != leader).collect()
    }

    /// Base URLs of the standby (non-leading) masters, in the order they were started.
    pub fn standby_urls(&self) -> Vec<String> {
        self.standbys()
            .iter()
            .map(|e| format!("http://{}", e.addr))
            .collect()
    }

    /// Fault: make standby master `index` (of [`standby_urls`](Self::standby_urls)) lose
    /// (`false`) or regain (`true`) track of the leader. Without a leader it answers 503
    /// "No leader elected".
    pub fn set_standby_knows_leader(&self, index: usize, knows: bool) -> Result<(), SimError> {
        let standbys = self.standbys();
        let standby = standbys.get(index).ok_or_else(|| SimError::NotFound {
            kind: "standby master",
            id: index.to_string(),
        })?;
        standby
            .knows_leader
            .store(knows, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// Fault: leadership moves to standby master `index` (of
    /// [`standby_urls`](Self::standby_urls)), as after the leader's death: every subscription
    /// breaks without an event, offers vanish, the new leader has a new `MasterInfo.id` and
    /// knows no removed frameworks; frameworks keep their tasks and must re-subscribe with
    /// their ids (no failover timeout runs for them: it is not preserved, MESOS-4659). The old
    /// leader becomes a standby that redirects to the new one.
    pub fn fail_over(&self, index: usize) -> Result<(), SimError> {
        let standbys = self.standbys();
        let standby = standbys.get(index).ok_or_else(|| SimError::NotFound {
            kind: "standby master",
            id: index.to_string(),
        })?;
        if let Some(url) = &self.zookeeper {
            return Err(SimError::ZooKeeper {
                url: url.to_string(),
                reason: "leadership follows ZooKeeper: use resign_leadership".into(),
            });
        }
        let effects = self
            .master
            .lock()
            .fail_over(standby.addr, standby.info.clone());
        for endpoint in &self.endpoints {
            endpoint
                .knows_leader
                .store(true, std::sync::atomic::Ordering::SeqCst);
        }
        self.master.apply(effects);
        Ok(())
    }

    /// Fault, with ZooKeeper: the leading master's session ends (its `json.info_` node
    /// disappears), so the member with the next lowest sequence is elected; the old leader
    /// then joins again as the newest member (a standby). Returns once it has re-registered;
    /// wait for [`master_url`](Self::master_url) to change to observe the election.
    pub async fn resign_leadership(&self) -> Result<(), SimError> {
        let Some(url) = &self.zookeeper else {
            return Err(SimError::ZooKeeper {
                url: String::new(),
                reason: "the cluster was not started with ZooKeeper".into(),
            });
        };
        let leader = self.master_addr();
        let endpoint = self
            .endpoints
            .iter()
            .find(|e| e.addr == leader)
            .ok_or_else(|| SimError::NotFound {
                kind: "leading master",
                id: leader.to_string(),
            })?;
        let relays = self.relays_of(endpoint.addr)?;
        let mut membership = endpoint.membership.lock().await;
        // Dropping the only client closes the session, which deletes the ephemeral node.
        drop(membership.take());
        *membership = Some(crate::zookeeper::register(url, relays, &endpoint.info).await?);
        Ok(())
    }

    /// Fault, with ZooKeeper: the leading master's ZooKeeper session expires. The master is
    /// partitioned from ZooKeeper (its client reaches ZooKeeper through a relay, which is cut)
    /// until ZooKeeper expires the session on its own clock and deletes the master's
    /// `json.info_` node; the member with the next lowest sequence is then elected. Meanwhile
    /// the old leader goes on leading, as a partitioned Mesos master does until its session
    /// is gone. Then the partition heals, its client learns that the session expired, and
    /// since a real Mesos master exits when it loses its candidacy (`mesos:
    /// src/master/master.cpp`, `Master::lostCandidacy`) and is restarted by its supervisor,
    /// it joins again as the newest member (a standby). Returns then (after the session
    /// timeout, about 6 to 9 s); the election is visible in [`master_url`](Self::master_url).
    pub async fn expire_leader_zookeeper_session(&self) -> Result<(), SimError> {
        let Some(url) = &self.zookeeper else {
            return Err(SimError::ZooKeeper {
                url: String::new(),
                reason: "the cluster was not started with ZooKeeper".into(),
            });
        };
        let leader = self.master_addr();
        let endpoint = self
            .endpoints
            .iter()
            .find(|e| e.addr == leader)
            .ok_or_else(|| SimError::NotFound {
                kind: "leading master",
                id: leader.to_string(),
            })?;
        let relays = self.relays_of(endpoint.addr)?;
        let mut membership = endpoint.membership.lock().await;
        let Some(member) = membership.as_ref() else {
            return Err(SimError::NotFound {
                kind: "ZooKeeper membership of the leading master",
                id: leader.to_string(),
            });
        };
        crate::zookeeper::expire_session(url, relays, member, &endpoint.info).await?;
        *membership = Some(crate::zookeeper::register(url, relays, &endpoint.info).await?);
        Ok(())
    }

    fn relays_of(&self, master: SocketAddr) -> Result<&crate::zookeeper::Relays, SimError> {
        self.zookeeper_relays
            .get(&master)
            .ok_or_else(|| SimError::NotFound {
                kind: "ZooKeeper relay of master",
                id: master.to_string(),
            })
    }

    /// The `/state` document, as the endpoint serves it.
    pub fn state(&self) -> serde_json::Value {
        state_json(&self.master.lock())
    }

    /// Ids of the agents, in registration order of their ids.
    pub fn agent_ids(&self) -> Vec<String> {
        self.master.lock().agents.keys().cloned().collect()
    }

    /// Ids of the frameworks the master knows (not removed).
    pub fn framework_ids(&self) -> Vec<String> {
        self.master.lock().frameworks.keys().cloned().collect()
    }

    /// Whether a framework is known and currently has an open subscription.
    pub fn is_connected(&self, framework_id: &str) -> bool {
        self.master
            .lock()
            .frameworks
            .get(framework_id)
            .is_some_and(|f| f.connection.is_some())
    }

    /// The roles a framework has suppressed (by SUBSCRIBE, SUPPRESS, REVIVE or
    /// UPDATE_FRAMEWORK), sorted; empty for an unknown framework.
    pub fn suppressed_roles(&self, framework_id: &str) -> Vec<String> {
        self.master
            .lock()
            .frameworks
            .get(framework_id)
            .map(|f| f.suppressed_roles.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Whether a custom executor of a framework is subscribed on some agent.
    pub fn executor_subscribed(&self, framework_id: &str, executor_id: &str) -> bool {
        let state = self.master.lock();
        state.agents.values().any(|agent| {
            agent
                .executors
                .get(&(framework_id.to_string(), executor_id.to_string()))
                .and_then(|e| e.custom.as_ref())
                .is_some_and(|c| c.connection.is_some())
        })
    }

    /// Ids of the offers a framework currently holds.
    pub fn offer_ids(&self, framework_id: &str) -> Vec<String> {
        let state = self.master.lock();
        let mut ids: Vec<String> = state
            .offers
            .values()
            .filter(|o| o.framework_id == framework_id)
            .map(|o| o.offer.id.value.clone())
            .collect();
        ids.sort();
        ids
    }

    /// The latest state the master knows for a task (active or completed).
    pub fn task_state(&self, framework_id: &str, task_id: &str) -> Option<TaskState> {
        let state = self.master.lock();
        let find = |f: &crate::master::state::Framework| {
            f.tasks.get(task_id).map(|t| t.state).or_else(|| {
                f.completed_tasks
                    .iter()
                    .rev()
                    .find(|t| t.info.task_id.value == task_id)
                    .map(|t| t.state)
            })
        };
        state
            .frameworks
            .get(framework_id)
            .and_then(find)
            .or_else(|| {
                state
                    .completed_frameworks
                    .iter()
                    .filter(|f| f.id == framework_id)
                    .find_map(find)
            })
    }

    /// Number of status updates of a task still waiting for the scheduler's acknowledgement.
    pub fn unacknowledged_updates(&self, framework_id: &str, task_id: &str) -> usize {
        let state = self.master.lock();
        state
            .agents
            .values()
            .filter_map(|a| {
                a.update_streams
                    .get(&(framework_id.to_string(), task_id.to_string()))
            })
            .map(|s| s.pending.len())
            .sum()
    }

    /// Adds an agent with the cluster's agent resources; returns its id. Its resources are
    /// offered at the next allocation.
    pub async fn add_agent(&self) -> Result<String, SimError> {
        self.add_agent_with(AgentSpec::new()).await
    }

    /// Adds an agent with its own resources and attributes (unset ones are the cluster's);
    /// returns its id. Its resources are offered at the next allocation.
    pub async fn add_agent_with(&self, spec: AgentSpec) -> Result<String, SimError> {
        let (ip, template_total, template_attributes) = &self.agent_template;
        let total = match &spec.resources {
            Some(text) => {
                let protos = parse_agent_resources(text)?;
                Resources::from_protos(&protos).map_err(|reason| SimError::InvalidResources {
                    spec: text.clone(),
                    reason,
                })?
            }
            None => template_total.clone(),
        };
        let attributes = match &spec.attributes {
            Some(text) => parse_attributes(text)?,
            None => template_attributes.clone(),
        };
        let (agent_id, server) = add_agent(&self.master, *ip, &total, &attributes).await?;
        if let Some(server) = server {
            self.agent_servers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(agent_id.clone(), server);
        }
        Ok(agent_id)
    }

    /// Fault: the agent is lost (marked unreachable). Its offers are rescinded, its tasks
    /// become TASK_UNREACHABLE (PARTITION_AWARE frameworks) or TASK_LOST, and every framework
    /// gets a FAILURE event without `executor_id`; its operations with feedback become
    /// OPERATION_UNREACHABLE and its inverse offers are rescinded. Behind the partition the
    /// agent keeps running its executors and keeps their status updates until
    /// [`reregister_agent`](Self::reregister_agent); custom executors' calls to it fail
    /// meanwhile.
    pub fn lose_agent(&self, agent_id: &str) -> Result<(), SimError> {
        self.change("agent", agent_id, |state| {
            state.mark_agent_unreachable(agent_id)
        })
    }

    /// Fault healed: an agent lost with [`lose_agent`](Self::lose_agent) re-registers, as
    /// Mesos 1.11 allows. Its tasks come back for every framework (PARTITION_AWARE or not),
    /// each announced by a master update in its current state with `REASON_AGENT_REREGISTERED`;
    /// updates kept by the agent are then resent, and its resources offered again.
    pub fn reregister_agent(&self, agent_id: &str) -> Result<(), SimError> {
        self.change("unreachable agent", agent_id, |state| {
            state.reregister_agent(agent_id)
        })
    }

    /// Fault: the agent process restarts. Checkpointing frameworks keep their tasks: pending
    /// status updates are resent, custom executors must subscribe again. Executors of other
    /// frameworks are killed and their tasks reported TASK_LOST (TASK_GONE when
    /// PARTITION_AWARE) with `REASON_AGENT_RESTARTED`. A stopped agent (see
    /// [`Cluster::stop_agent`]) comes back up: its executor API listens again on the same
    /// address, and executors that exited while it was down are reported as terminated; if the
    /// master had marked it unreachable meanwhile, it re-registers first (as with
    /// [`Cluster::reregister_agent`]).
    pub async fn restart_agent(&self, agent_id: &str) -> Result<(), SimError> {
        // A stopped agent the master has meanwhile marked unreachable re-registers as it
        // comes back.
        let reregistration = {
            let mut state = self.master.lock();
            if state
                .lost_agents
                .get(agent_id)
                .is_some_and(|lost| lost.agent.stopped)
            {
                state.reregister_agent(agent_id)
            } else {
                None
            }
        };
        if let Some(effects) = reregistration {
            self.master.apply(effects);
        }
        let (stopped, endpoint) = {
            let state = self.master.lock();
            let agent = state
                .agents
                .get(agent_id)
                .ok_or_else(|| SimError::NotFound {
                    kind: "agent",
                    id: agent_id.to_string(),
                })?;
            (agent.stopped, agent.endpoint)
        };
        if stopped && !self.master.lock().config.synthetic {
            // The old server must be gone (its listener closed) before the address is free.
            let old = self
                .stopped_servers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(agent_id);
            let held = match old {
                Some(old) => old.await.ok().flatten(),
                None => None,
            };
            let listener = match held {
                Some(socket) => socket.listen(1024),
                None => TcpListener::bind(endpoint).await,
            }
            .map_err(|source| SimError::Bind {
                addr: endpoint,
                source,
            })?;
            let serve = self.master.lock().config.serve;
            let server = crate::http::server::spawn_owning(
                listener,
                Arc::new(ExecutorApi {
                    master: self.master.clone(),
                    agent_id: agent_id.to_string(),
                }),
                serve,
            );
            self.agent_servers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(agent_id.to_string(), server);
        }
        self.change("agent", agent_id, |state| state.restart_agent(agent_id))
    }

    /// Fault: the agent process stops and stays down until [`Cluster::restart_agent`]. Its
    /// executor API closes (open connections too), so executors cannot reach it; they keep
    /// running, and those of checkpointing frameworks exit on their own once the agent's
    /// recovery timeout ([`ClusterBuilder::agent_recovery_timeout`]) passes. The master
    /// rescinds the agent's offers and offers nothing from it; if the agent is not back
    /// within [`ClusterBuilder::agent_unreachable_after`], it is marked unreachable as by
    /// [`Cluster::lose_agent`].
    pub fn stop_agent(&self, agent_id: &str) -> Result<(), SimError> {
        let (effects, epoch) =
            self.master
                .lock()
                .stop_agent(agent_id)
                .ok_or_else(|| SimError::NotFound {
                    kind: "agent",
                    id: agent_id.to_string(),
                })?;
        let server = self
            .agent_servers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(agent_id);
        if let Some(server) = server {
            server.abort();
            let endpoint = self.master.lock().agents.get(agent_id).map(|a| a.endpoint);
            let going = tokio::spawn(async move {
                let _ = server.await;
                hold_address(endpoint?)
            });
            self.stopped_servers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(agent_id.to_string(), going);
        }
        self.master.apply(effects);
        let master = Arc::downgrade(&self.master);
        let after = self.master.lock().config.agent_unreachable_after;
        let agent_id = agent_id.to_string();
        tokio::spawn(async move {
            tokio::time::sleep(after).await;
            if let Some(master) = master.upgrade() {
                let effects = master.lock().stopped_agent_timed_out(&agent_id, epoch);
                master.apply(effects);
            }
        });
        Ok(())
    }

    /// Whether an executor's process runs on an agent (as far as the simulator knows: an
    /// executor of a stopped agent that exited counts as not running).
    pub fn executor_running(&self, framework_id: &str, executor_id: &str) -> bool {
        let state = self.master.lock();
        let key = (framework_id.to_string(), executor_id.to_string());
        state.agents.values().any(|agent| {
            agent.executors.contains_key(&key)
                && !agent
                    .exited_while_stopped
                    .iter()
                    .any(|(f, e, _)| *f == key.0 && *e == key.1)
        })
    }

    /// How many executor processes run on the agents, all frameworks together (a program
    /// embedding the simulator waits for none before it exits, as `k8sm local` does).
    pub fn running_executors(&self) -> usize {
        let state = self.master.lock();
        state
            .agents
            .values()
            .map(|agent| {
                agent
                    .executors
                    .keys()
                    .filter(|(f, e)| {
                        !agent
                            .exited_while_stopped
                            .iter()
                            .any(|(xf, xe, _)| xf == f && xe == e)
                    })
                    .count()
            })
            .sum()
    }

    /// Number of ACKNOWLEDGE calls so far that matched an update in flight.
    pub fn acknowledged_updates(&self) -> u64 {
        self.master.lock().acknowledged_updates
    }

    /// Number of ACKNOWLEDGE_OPERATION_STATUS calls so far that matched a reported status.
    pub fn acknowledged_operation_updates(&self) -> u64 {
        self.master.lock().acknowledged_operation_updates
    }

    /// Ids of a framework's operations with feedback that the master still tracks (their
    /// terminal status is not acknowledged yet), sorted.
    pub fn operation_ids(&self, framework_id: &str) -> Vec<String> {
        self.master
            .lock()
            .frameworks
            .get(framework_id)
            .map(|f| f.operations.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Operator: schedules maintenance for agents, as a `/maintenance/schedule` window
    /// would for their machines: from `start`, for `duration` (open-ended when `None`). The
    /// agents become DRAINING: their offers are rescinded and re-offered with
    /// `unavailability`, and frameworks with resources offered or allocated on them get
    /// INVERSE_OFFERS. Scheduling an agent again replaces its window (outstanding inverse
    /// offers are rescinded and earlier answers forgotten).
    pub fn schedule_maintenance(
        &self,
        agent_ids: &[&str],
        start: SystemTime,
        duration: Option<Duration>,
    ) -> Result<(), SimError> {
        let start = start
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        let unavailability = Unavailability {
            start: time_info(start),
            duration: duration.map(|d| DurationInfo {
                nanoseconds: i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
            }),
        };
        let agent_ids: Vec<String> = agent_ids.iter().map(|a| a.to_string()).collect();
        let effects = self
            .master
            .lock()
            .schedule_maintenance(&agent_ids, &unavailability)
            .map_err(|id| SimError::NotFound { kind: "agent", id })?;
        self.master.apply(effects);
        Ok(())
    }

    /// Operator: takes an agent off the maintenance schedule. Its inverse offers are
    /// rescinded (RESCIND_INVERSE_OFFER) and its offers rescinded and re-offered without
    /// `unavailability`.
    pub fn cancel_maintenance(&self, agent_id: &str) -> Result<(), SimError> {
        self.change("agent under maintenance", agent_id, |state| {
            state.cancel_maintenance(agent_id)
        })
    }

    /// The frameworks' latest answers to inverse offers for an agent under maintenance
    /// (what `/maintenance/status` lists for its machine), sorted by framework id.
    pub fn inverse_offer_statuses(&self, agent_id: &str) -> Vec<InverseOfferStatus> {
        self.master
            .lock()
            .maintenance
            .get(agent_id)
            .map(|m| m.statuses.values().cloned().collect())
            .unwrap_or_default()
    }

    /// Ids of a framework's outstanding inverse offers, sorted.
    pub fn inverse_offer_ids(&self, framework_id: &str) -> Vec<String> {
        self.master
            .lock()
            .inverse_offers
            .iter()
            .filter(|(_, r)| r.framework_id == framework_id)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Fault: the master drops a framework's subscription connection, as if the network
    /// failed. The framework is disconnected and its failover timeout starts.
    pub fn drop_subscription(&self, framework_id: &str) -> Result<(), SimError> {
        let effects = {
            let mut state = self.master.lock();
            let stream_id = state
                .frameworks
                .get(framework_id)
                .and_then(|f| f.connection.as_ref())
                .map(|c| c.stream_id)
                .ok_or_else(|| SimError::NotFound {
                    kind: "subscribed framework",
                    id: framework_id.to_string(),
                })?;
            state.disconnect(framework_id, stream_id)
        };
        self.master.apply(effects);
        Ok(())
    }

    /// Fault: hold the leading master in registry recovery (`true`: scheduler calls get 503
    /// "Master has not finished recovery") or finish it (`false`), overriding any
    /// [`recovery_delay`](ClusterBuilder::recovery_delay) still running.
    pub fn set_recovering(&self, recovering: bool) {
        self.master.lock().recovery = if recovering {
            Recovery::Held
        } else {
            Recovery::Done
        };
    }

    /// Whether the leading master is still recovering its registry.
    pub fn is_recovering(&self) -> bool {
        self.master.lock().recovery.in_progress()
    }

    /// Fault: stop (or resume) sending HEARTBEAT events to every subscriber.
    pub fn set_heartbeats_stopped(&self, stopped: bool) {
        self.master.lock().heartbeats_stopped = stopped;
    }

    /// Applies a change to the master's state that names something (`kind` `id`): its effects
    /// run, or `NotFound` when `change` finds nothing.
    fn change(
        &self,
        kind: &'static str,
        id: &str,
        change: impl FnOnce(&mut MasterState) -> Option<Vec<Effect>>,
    ) -> Result<(), SimError> {
        let effects = change(&mut self.master.lock()).ok_or_else(|| SimError::NotFound {
            kind,
            id: id.to_string(),
        })?;
        self.master.apply(effects);
        Ok(())
    }

    /// Fault: rescind an outstanding offer (a RESCIND event goes to its framework).
    pub fn rescind_offer(&self, offer_id: &str) -> Result<(), SimError> {
        self.change("offer", offer_id, |state| state.rescind_offer(offer_id))
    }

    /// Stops serving: subscriptions end, running executors are killed, the sandboxes of a
    /// default work directory are removed.
    pub fn shutdown(self) {
        drop(self);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
        for (_, server) in self
            .agent_servers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
        {
            server.abort();
        }
        let (kills, host) = {
            let mut state = self.master.lock();
            for framework in state.frameworks.values_mut() {
                framework.connection = None;
            }
            let mut kills: Vec<_> = state
                .agents
                .values_mut()
                .flat_map(|a| a.executors.drain().map(|(_, e)| e.kill))
                .collect();
            // Lost agents run their executors behind the partition.
            kills.extend(
                state
                    .lost_agents
                    .values_mut()
                    .flat_map(|l| l.agent.executors.drain().map(|(_, e)| e.kill)),
            );
            (kills, Arc::clone(&state.config.host))
        };
        for kill in kills {
            let _ = kill.try_send(KillRequest::shutdown(Some(Duration::ZERO)));
        }
        // Now, not through the executors' tasks: the runtime may be shutting down (the end
        // of a `#[tokio::test]`), and then those tasks never run again.
        host.shut_down();
    }
}
