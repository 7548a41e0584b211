//! `k8sm scheduler`: Kubernetes pods scheduled onto Mesos agents and run there as tasks of
//! `k8sm executor`. Kubernetes is reached only through a kube-rs `Client` (so it runs
//! unchanged against a real kube-apiserver), Mesos only through
//! `mesos_sdk::scheduler::Session`.
//!
//! # The binding invariant: bind, then launch
//!
//! A pod is never left bound to an agent where its task is not running or about to run, and
//! a task never runs for a pod that is bound elsewhere or gone. k8sm binds first, through
//! `pods/binding` with the pod's uid as a precondition, and launches only after the binding
//! succeeded:
//! - **binding conflict** (another scheduler bound it, or the pod was re-created): nothing
//!   was launched; the offer's resources go back;
//! - **offer rescinded, ACCEPT refused, TASK_DROPPED or TASK_ERROR**: the pod is bound to a
//!   node its task does not run on; it is marked Failed with the reason, so it is not left
//!   looking as if it ran (its controller, if any, replaces it);
//! - **scheduler crash between the two**: after the restart the pod is bound to one of our
//!   nodes with no task; reconciliation finds none, and the pod is marked Failed the same way;
//! - **a task without a pod** (the pod was deleted while the scheduler was away) is killed
//!   after reconciliation.
//!
//! Task ids are `pod.<uid>`, so a pod is never launched twice.
//!
//! # Launch modes
//!
//! [`LaunchMode::Executor`] (the default): one `k8sm executor` per agent, one task per pod
//! carrying the resolved pod ([`launch`]). [`LaunchMode::TaskGroup`]: one task group per pod
//! under Mesos' default executor, one task `pod.<uid>.<container>` per container in a Mesos
//! container with its image ([`task_group`]); the pod's status is computed from its tasks'
//! statuses. Either way the binding invariant above holds: a group is launched after its
//! pod is bound, in one LAUNCH_GROUP operation that Mesos runs whole or not at all.
//!
//! # Metrics
//!
//! Recorded through the `metrics` facade (`k8sm scheduler --metrics-addr` serves them):
//! kube-scheduler's `scheduler_pending_pods{queue}` (active, backoff),
//! `scheduler_schedule_attempts_total{result,profile}` (scheduled, unschedulable, error) and
//! `scheduler_pod_scheduling_duration_seconds` (creation to binding); and k8sm's own
//! `k8sm_offers_received_total`, `k8sm_offers_used_total`, `k8sm_offers_declined_total`,
//! `k8sm_launches_total`, `k8sm_binding_errors_total`.

pub mod fit;
pub mod kubelet_events;
pub mod launch;
pub mod nodes;
pub mod task_group;

mod index;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use futures_util::{FutureExt, StreamExt};
use k8s_openapi::api::core::v1::{ConfigMap, Node, Pod, PodCondition, PodStatus};
use kube::api::{DeleteParams, Patch, PatchParams, PostParams, Preconditions};
use kube::runtime::WatchStreamExt;
use kube::runtime::events::{Event as KubeEvent, EventType, Recorder, Reporter};
use kube::runtime::watcher;
use kube::{Api, Client, Resource, ResourceExt};
use mesos_sdk::detector::MasterDetector;
use mesos_sdk::offers::{find_fit_in, launch as launch_op, refuse_for};
use mesos_sdk::resources::Ranges;
use mesos_sdk::resources::Resources;
use mesos_sdk::scheduler::{SchedulerConfig, SchedulerHandle, Session, SessionEvent};
use mesos_sdk::task_state::is_terminal;
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{
    AgentId, ExecutorId, ExecutorInfo, FrameworkId, FrameworkInfo, Offer, OfferId, TaskState,
    TaskStatus, framework_info, task_status,
};

use crate::pod_task::{
    FrameworkMessage, PodTask, ProbeFailure, probe_failures_from_data, status_from_data,
};
use fit::Request;
use index::{AgentView, Index};
use launch::{ExecutorSpec, task_info, task_request};

/// The back-off of a pod that fits nowhere: 1 s doubling to 60 s, jittered
/// (`kubernetes: pkg/scheduler/internal/queue` `podInitialBackoff`, `podMaxBackoff`).
pub const POD_BACKOFF_INITIAL: Duration = Duration::from_secs(1);
/// The longest back-off of a pod.
pub const POD_BACKOFF_MAX: Duration = Duration::from_secs(60);

/// How long declined offers stay away unless a pod arrives (then the scheduler revives).
const DECLINE_REFUSE_SECONDS: f64 = 5.0;

/// The shortest wait before a KILL is sent again.
const KILL_RETRY: Duration = Duration::from_secs(5);

/// How long, beyond its grace period, a pod's deletion waits for an executor that may still
/// run it to answer (see `Stray`).
const STRAY_GIVE_UP: Duration = Duration::from_secs(120);

/// How long a pod waits for an offer from the node it fits best before it takes the best
/// node that is offered.
const OFFER_WAIT: Duration = Duration::from_secs(2);

/// How long the offers of an agent that gets no pod are kept while pods wait to be placed
/// (kubernetes-mesos kept offers as long): they are the places of the pods that come next,
/// and an offer declined makes the agent's resources stay away for [`DECLINE_REFUSE_SECONDS`]
/// unless the scheduler revives.
const OFFER_HOLD: Duration = Duration::from_secs(5);

/// The shortest time between two REVIVE calls.
const REVIVE_INTERVAL: Duration = Duration::from_secs(1);

/// How many queued events of one source (Mesos, the pod watch) the scheduler takes before it
/// looks at the others.
const TAKEN_AT_ONCE: usize = 1024;

/// The shortest time between two scheduling passes that offers call for. A pass looks at
/// every agent, which at thousands of agents takes tens of milliseconds whatever the pods:
/// offers arriving in a trickle (each ACCEPT's remainder comes back on its own) are taken
/// together, in a pass that places more pods, rather than one pass each.
const MIN_PASS_INTERVAL: Duration = Duration::from_millis(100);

/// How many ACCEPT calls of one scheduling pass are queued at once.
const ACCEPTS_IN_FLIGHT: usize = 64;

/// How many connections to the master carry ACCEPT calls, that many in flight at once.
const ACCEPT_CONNECTIONS: usize = 8;

/// How many Leases are renewed at once.
const LEASES_IN_FLIGHT: usize = 16;

/// How many bindings a scheduling pass has in flight at once.
const BINDINGS_IN_FLIGHT: usize = 64;

/// The ConfigMaps and Secrets a pod references, by name, as [`launch::resolve`] reads them.
type Resolved = (
    BTreeMap<String, BTreeMap<String, String>>,
    BTreeMap<String, BTreeMap<String, String>>,
);

/// The ConfigMap holding the framework id, in the scheduler's namespace.
pub const FRAMEWORK_ID_CONFIG_MAP: &str = "k8sm-framework";

/// How the scheduler is set up (the `k8sm scheduler` flags).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SchedulerOptions {
    /// The scheduler names whose pods are ours (`spec.schedulerName`).
    pub scheduler_names: Vec<String>,
    /// The Mesos framework's name.
    pub framework_name: String,
    /// The Mesos role.
    pub role: String,
    /// How long Mesos keeps the framework's tasks while the scheduler is away.
    pub failover_timeout: Duration,
    /// How agents start the executor.
    pub executor: ExecutorSpec,
    /// Where the framework id is kept (a ConfigMap of this namespace).
    pub namespace: String,
    /// Most-allocated packing instead of least-allocated spreading.
    pub pack: bool,
    /// How pods run on agents.
    pub launch_mode: LaunchMode,
}

/// How pods run on agents (`--launch-mode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LaunchMode {
    /// One `k8sm executor` per agent runs the pods, one task per pod, as processes.
    #[default]
    Executor,
    /// One task group per pod under Mesos' default executor, one task per container, each in
    /// a Mesos container with its image (see [`task_group`]).
    TaskGroup,
}

impl SchedulerOptions {
    /// Defaults: scheduler name `default-scheduler` (on a Mesos cluster k8sm is the cluster's
    /// scheduler), framework `k8sm`, role `*`, failover timeout 7 days, namespace
    /// `kube-system`, the executor at `executor_path`.
    pub fn new(executor_path: impl Into<String>) -> SchedulerOptions {
        SchedulerOptions {
            scheduler_names: vec!["default-scheduler".into()],
            framework_name: "k8sm".into(),
            role: "*".into(),
            failover_timeout: Duration::from_secs(7 * 24 * 3600),
            executor: ExecutorSpec {
                path: executor_path.into(),
                uri: None,
                environment: Vec::new(),
            },
            namespace: "kube-system".into(),
            pack: false,
            launch_mode: LaunchMode::Executor,
        }
    }

    /// Sets how pods run on agents.
    pub fn with_launch_mode(mut self, mode: LaunchMode) -> Self {
        self.launch_mode = mode;
        self
    }

    /// Most-allocated packing (kube-scheduler's `MostAllocated` scoring strategy) instead of
    /// least-allocated spreading.
    pub fn with_packing(mut self, pack: bool) -> Self {
        self.pack = pack;
        self
    }

    /// Replaces the scheduler names.
    pub fn with_scheduler_names(mut self, names: Vec<String>) -> Self {
        if !names.is_empty() {
            self.scheduler_names = names;
        }
        self
    }

    /// Sets the framework name.
    pub fn with_framework_name(mut self, name: impl Into<String>) -> Self {
        self.framework_name = name.into();
        self
    }

    /// Sets the role.
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = role.into();
        self
    }

    /// Sets the failover timeout.
    pub fn with_failover_timeout(mut self, timeout: Duration) -> Self {
        self.failover_timeout = timeout;
        self
    }

    /// Sets the URI the Mesos fetcher gets the executor from.
    pub fn with_executor_uri(mut self, uri: Option<String>) -> Self {
        self.executor.uri = uri;
        self
    }

    /// Sets how the executors rotate the containers' logs (the kubelet's
    /// `--container-log-max-size` and `--container-log-max-files`), checked as the kubelet
    /// checks them.
    pub fn with_container_log_limits(
        mut self,
        max_size: Option<&str>,
        max_files: Option<&str>,
    ) -> Result<Self, crate::executor::rotate::LimitError> {
        use crate::executor::rotate::{LogLimits, MAX_FILES_ENV, MAX_SIZE_ENV};
        LogLimits::parse(
            max_size,
            "--container-log-max-size",
            max_files,
            "--container-log-max-files",
        )?;
        let environment = &mut self.executor.environment;
        environment.retain(|(name, _)| name != MAX_SIZE_ENV && name != MAX_FILES_ENV);
        if let Some(size) = max_size {
            environment.push((MAX_SIZE_ENV.into(), size.trim().into()));
        }
        if let Some(files) = max_files {
            environment.push((MAX_FILES_ENV.into(), files.trim().into()));
        }
        Ok(self)
    }

    /// Sets the namespace of the framework-id ConfigMap.
    pub fn with_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.namespace = namespace.into();
        self
    }
}

/// Why the scheduler stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SchedulerError {
    /// The Mesos session failed for good (e.g. the framework was removed).
    #[error("Mesos: {0}")]
    Mesos(#[from] mesos_sdk::Error),
    /// The Kubernetes API refused something the scheduler cannot do without.
    #[error("Kubernetes API: {0}")]
    Kubernetes(#[from] kube::Error),
}

/// A pod waiting for a place.
#[derive(Debug)]
struct Pending {
    pod: Pod,
    attempts: u32,
    not_before: Instant,
    /// Since when the pod waits for an offer from its best node.
    waiting_since: Option<Instant>,
}

/// A pod whose task we launched (or adopted).
#[derive(Debug, Clone)]
struct Bound {
    namespace: String,
    name: String,
    uid: String,
    agent: AgentId,
    killing: bool,
    /// When KILL was last sent, with the grace period asked for: Mesos does not deliver KILL
    /// reliably (an executor re-subscribing after an agent restart misses it), so it is sent
    /// again until the task ends.
    kill_sent: Option<(Instant, Duration)>,
    /// What the pod asked for, held on its agent until its task ends.
    request: Request,
    /// The host ports it holds.
    ports: Vec<u16>,
    /// The last status its executor reported, to restore when its agent comes back.
    last_status: Option<PodStatus>,
    /// Failed attempts of each (container, probe) its executor reported so far.
    probe_failures: HashMap<(String, String), u64>,
    /// In task-group mode, its containers' tasks.
    group: Option<Box<Group>>,
}

/// A pod running as a task group: what its status is computed from.
#[derive(Debug, Clone)]
struct Group {
    /// The pod as launched (its spec says which containers, probes and images).
    pod: Pod,
    host_ip: String,
    /// The latest status of each container's task, by container name.
    statuses: BTreeMap<String, TaskStatus>,
    /// The first TASK_RUNNING of each container's task.
    started: BTreeMap<String, TaskStatus>,
    /// Failed health checks (liveness) and checks (readiness) so far, with the last message.
    failures: BTreeMap<(String, &'static str), (u64, String)>,
}

impl Group {
    fn new(pod: Pod, host_ip: String) -> Group {
        Group {
            pod,
            host_ip,
            statuses: BTreeMap::new(),
            started: BTreeMap::new(),
            failures: BTreeMap::new(),
        }
    }

    fn containers(&self) -> impl Iterator<Item = &str> {
        self.pod
            .spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .map(|c| c.name.as_str())
    }
}

/// A pod being deleted whose task the agent reported killed on its own while the executor
/// was re-subscribing after an agent restart: the executor may still run it, so it is asked
/// directly ([`FrameworkMessage::Kill`]) until it answers [`FrameworkMessage::Gone`], and
/// only then is the deletion confirmed.
#[derive(Debug, Clone)]
struct Stray {
    bound: Bound,
    executor: ExecutorId,
    grace: Duration,
    sent: Instant,
    /// When the executor was first asked.
    since: Instant,
}

/// What a pod's task holds on its agent (its request, at least the task minimum) and its
/// host ports, from its spec.
fn demands(pod: &Pod, mode: LaunchMode) -> (Request, Vec<u16>) {
    pod.spec
        .as_ref()
        .map(|s| {
            let request = match mode {
                LaunchMode::Executor => launch::task_amounts(fit::pod_request(s)),
                LaunchMode::TaskGroup => task_group::group_amounts(s),
            };
            (request, fit::host_ports(s))
        })
        .unwrap_or_default()
}

/// One Mesos agent as a Kubernetes Node.
#[derive(Debug, Clone)]
struct Agent {
    node: String,
    total: Request,
    /// The agent's host ports.
    ports: Ranges,
    /// The port of the agent's executor's log endpoint (the kubelet's port), published on
    /// the Node. It is part of the executor's `ExecutorInfo`, which Mesos requires to be the
    /// same in every task of the executor: chosen once, and changed only while the executor
    /// does not run there.
    kubelet_port: Option<u16>,
}

struct Scheduler {
    client: Client,
    options: SchedulerOptions,
    mesos: SchedulerHandle,
    framework_id: Option<FrameworkId>,
    recorder: Recorder,
    /// The recorders of the kubelet events, one per Node: each keeps the events it sent, so
    /// that one that repeats (a BackOff per crash) is folded into a series, as the kubelet's
    /// recorder folds it, rather than piling up.
    kubelet_recorders: HashMap<String, Recorder>,
    pending: BTreeMap<String, Pending>,
    bound: HashMap<String, Bound>,
    /// Pods being deleted whose executor may still run them, by task id.
    strays: HashMap<String, Stray>,
    agents: HashMap<String, Agent>,
    nodes: HashMap<String, Node>,
    offers: HashMap<String, Offer>,
    suppressed: bool,
    /// Whether the pods were read after the last SUBSCRIBED: only then is a task without a
    /// known pod an orphan.
    adopted: bool,
    /// When the last REVIVE went out (they are rate-limited).
    last_revive: Option<Instant>,
    /// Agents the master reported lost: their Nodes are NotReady and their Leases lapse.
    lost: BTreeSet<String>,
    /// Offers arrived that no scheduling pass has seen yet.
    offers_arrived: bool,
    /// When the last scheduling pass started.
    last_pass: Option<Instant>,
    /// What each offer held brought, by offer id (entries of offers no longer held go at
    /// the next pass).
    offered: HashMap<String, Offered>,
}

/// What the scheduler noted of an offer when it arrived.
#[derive(Debug)]
struct Offered {
    /// When (see [`OFFER_HOLD`]).
    at: Instant,
    /// Its resources, read once rather than at every pass.
    resources: Resources,
}

/// Renews the Leases of the Nodes `due` names, each time it changes, as each agent's
/// kubelet would renew its own: [`LEASES_IN_FLIGHT`] at a time.
async fn renew_leases(
    client: Client,
    mut due: tokio::sync::watch::Receiver<Vec<(String, Option<String>)>>,
) {
    while due.changed().await.is_ok() {
        let nodes = due.borrow_and_update().clone();
        let client = &client;
        futures_util::stream::iter(nodes)
            .for_each_concurrent(LEASES_IN_FLIGHT, |(node, uid)| async move {
                if let Err(error) = nodes::renew_lease(client, &node, uid.as_deref()).await {
                    tracing::warn!(%node, %error, "renewing the node's Lease failed");
                }
            })
            .await;
    }
}

fn key(pod: &Pod) -> String {
    format!(
        "{}/{}",
        pod.metadata.namespace.as_deref().unwrap_or("default"),
        pod.metadata.name.as_deref().unwrap_or("")
    )
}

async fn load_framework_id(
    client: &Client,
    namespace: &str,
) -> Result<Option<String>, kube::Error> {
    let api: Api<ConfigMap> = Api::namespaced(client.clone(), namespace);
    Ok(api
        .get_opt(FRAMEWORK_ID_CONFIG_MAP)
        .await?
        .and_then(|cm| cm.data)
        .and_then(|d| d.get("frameworkId").cloned()))
}

async fn save_framework_id(client: &Client, namespace: &str, id: &str) -> Result<(), kube::Error> {
    let api: Api<ConfigMap> = Api::namespaced(client.clone(), namespace);
    let cm: ConfigMap = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": FRAMEWORK_ID_CONFIG_MAP, "namespace": namespace},
        "data": {"frameworkId": id},
    }))
    .map_err(kube::Error::SerdeError)?;
    match api.create(&PostParams::default(), &cm).await {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(e)) if e.code == 409 => api
            .patch(
                FRAMEWORK_ID_CONFIG_MAP,
                &PatchParams::default(),
                &Patch::Merge(serde_json::json!({"data": {"frameworkId": id}})),
            )
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    }
}

/// Runs the scheduler until the Mesos session ends for good.
pub async fn run<D: MasterDetector>(
    client: Client,
    detector: D,
    options: SchedulerOptions,
) -> Result<(), SchedulerError> {
    run_until(client, detector, options, std::future::pending()).await
}

/// Runs the scheduler until the Mesos session ends for good or `teardown` resolves. On
/// `teardown` the framework is torn down (Mesos' TEARDOWN call): the master shuts its
/// executors down, which stop their pods with the pods' grace periods, and forgets the
/// framework. `k8sm local` stops this way; a scheduler of a real cluster stops without it, so
/// that its pods keep running while it is away.
pub async fn run_until<D: MasterDetector>(
    client: Client,
    detector: D,
    options: SchedulerOptions,
    teardown: impl std::future::Future<Output = ()>,
) -> Result<(), SchedulerError> {
    let mut teardown = std::pin::pin!(teardown);
    let stored = load_framework_id(&client, &options.namespace).await?;
    let mut info = FrameworkInfo {
        user: std::env::var("USER").unwrap_or_else(|_| "root".into()),
        name: options.framework_name.clone(),
        failover_timeout: Some(options.failover_timeout.as_secs_f64()),
        checkpoint: Some(true),
        roles: vec![options.role.clone()],
        capabilities: vec![
            framework_info::Capability {
                r#type: Some(framework_info::capability::Type::MultiRole as i32),
            },
            framework_info::Capability {
                r#type: Some(framework_info::capability::Type::PartitionAware as i32),
            },
            framework_info::Capability {
                r#type: Some(framework_info::capability::Type::TaskKillingState as i32),
            },
        ],
        ..Default::default()
    };
    info.id = stored.clone().map(|value| FrameworkId { value });
    // A scheduling pass accepts on many agents at once (one ACCEPT per agent): they go side
    // by side, and the pass waits for every answer before its next call.
    let config = SchedulerConfig::new(info).with_accept_connections(ACCEPT_CONNECTIONS);
    let (mesos, mut events) = Session::start(config, detector)?;
    let recorder = Recorder::new(client.clone(), reporter());
    let mut scheduler = Scheduler {
        client: client.clone(),
        options,
        mesos,
        framework_id: None,
        recorder,
        kubelet_recorders: HashMap::new(),
        pending: BTreeMap::new(),
        bound: HashMap::new(),
        strays: HashMap::new(),
        agents: HashMap::new(),
        nodes: HashMap::new(),
        offers: HashMap::new(),
        suppressed: false,
        adopted: false,
        last_revive: None,
        lost: BTreeSet::new(),
        offers_arrived: false,
        last_pass: None,
        offered: HashMap::new(),
    };
    let pods: Api<Pod> = Api::all(client.clone());
    // The API server may go away: the watches back off and re-list (kube-runtime's default
    // back-off) while Mesos events keep being served.
    let mut pod_events = drained(watcher(pods, watcher::Config::default()).default_backoff());
    let node_api: Api<Node> = Api::all(client.clone());
    let mut node_events = drained(watcher(node_api, watcher::Config::default()).default_backoff());
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    let mut pass_due = tokio::time::interval(MIN_PASS_INTERVAL);
    pass_due.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut lease_renewal = tokio::time::interval(nodes::LEASE_RENEW_INTERVAL);
    let (leases, due) = tokio::sync::watch::channel(Vec::new());
    // Ends when `leases` is dropped, with this function.
    tokio::spawn(renew_leases(client.clone(), due));
    loop {
        tokio::select! {
            event = events.next() => {
                // The events already there are taken in one go, and offers among them get
                // one scheduling pass after them, not one each.
                let mut next = Some(event);
                let mut taken = 0;
                while let Some(event) = next {
                    match event {
                        Some(Ok(event)) => scheduler.on_mesos(event, stored.as_deref()).await,
                        Some(Err(error)) => return Err(error.into()),
                        None => return Ok(()),
                    }
                    taken += 1;
                    next = (taken < TAKEN_AT_ONCE).then(|| events.next().now_or_never()).flatten();
                }
                if scheduler.offers_arrived
                    && scheduler
                        .last_pass
                        .is_none_or(|at| at.elapsed() >= MIN_PASS_INTERVAL)
                {
                    scheduler.offers_arrived = false;
                    scheduler.schedule().await;
                }
            }
            // Offers that came too soon after a pass get theirs now.
            _ = pass_due.tick(), if scheduler.offers_arrived => {
                scheduler.offers_arrived = false;
                scheduler.schedule().await;
            }
            event = pod_events.next() => {
                // The pod events already there are taken in one go.
                let mut next = Some(event);
                let mut taken = 0;
                while let Some(event) = next {
                    match event {
                        Some(Ok(event)) => scheduler.on_pod(event).await,
                        Some(Err(error)) => {
                            tracing::warn!(%error, "pod watch failed; the watcher retries");
                        }
                        None => return Ok(()),
                    }
                    taken += 1;
                    next = (taken < TAKEN_AT_ONCE)
                        .then(|| pod_events.next().now_or_never())
                        .flatten();
                }
            }
            event = node_events.next() => {
                match event {
                    Some(Ok(watcher::Event::Apply(node) | watcher::Event::InitApply(node))) => {
                        scheduler.nodes.insert(node.name_any(), node);
                    }
                    Some(Ok(watcher::Event::Delete(node))) => {
                        scheduler.nodes.remove(&node.name_any());
                    }
                    Some(Ok(_)) => {}
                    Some(Err(error)) => {
                        tracing::warn!(%error, "node watch failed; the watcher retries");
                    }
                    None => return Ok(()),
                }
            }
            _ = tick.tick() => {
                scheduler.schedule().await;
                scheduler.retry_kills().await;
            }
            // The renewal itself runs beside the loop: thousands of Leases take a while, and
            // scheduling does not wait for them (a round not done by the next tick is
            // followed by the newest list only).
            _ = lease_renewal.tick() => {
                leases.send_replace(scheduler.leases_due());
            }
            () = &mut teardown => {
                tracing::info!("tearing the framework down");
                scheduler.mesos.teardown().await?;
                return Ok(());
            }
        }
    }
}

/// A watch read as fast as the API server sends it, by a task of its own, into a queue the
/// scheduler takes its events from. The API server drops a watcher that falls behind (its
/// queue of events is bounded), and the re-list of every pod that follows costs far more
/// than the events: a pass that binds thousands of pods must not leave the watch unread.
fn drained<T: Send + 'static>(
    watch: impl futures_util::Stream<Item = T> + Send + 'static,
) -> futures_util::stream::BoxStream<'static, T> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut watch = std::pin::pin!(watch);
        loop {
            tokio::select! {
                item = watch.next() => {
                    let Some(item) = item else { break };
                    if tx.send(item).is_err() {
                        break;
                    }
                }
                () = tx.closed() => break,
            }
        }
    });
    futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
    .boxed()
}

impl Scheduler {
    fn ours(&self, pod: &Pod) -> bool {
        let name = pod
            .spec
            .as_ref()
            .and_then(|s| s.scheduler_name.as_deref())
            .unwrap_or("default-scheduler");
        self.options.scheduler_names.iter().any(|n| n == name)
    }

    async fn on_pod(&mut self, event: watcher::Event<Pod>) {
        match event {
            watcher::Event::Apply(pod) | watcher::Event::InitApply(pod) => {
                self.pod_changed(pod).await
            }
            watcher::Event::Delete(pod) => {
                self.pending.remove(&key(&pod));
                if let Some(uid) = pod.metadata.uid.as_deref() {
                    let task = launch::task_id(uid);
                    if let Some(bound) = self.bound.get(&task.value).cloned() {
                        self.kill(&task.value, &bound, Duration::ZERO).await;
                    }
                }
            }
            _ => {}
        }
    }

    async fn pod_changed(&mut self, pod: Pod) {
        let spec = pod.spec.as_ref();
        let node = spec.and_then(|s| s.node_name.clone()).unwrap_or_default();
        let phase = pod
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_default();
        let uid = pod.metadata.uid.clone().unwrap_or_default();
        let task = launch::task_id(&uid);
        if pod.metadata.deletion_timestamp.is_some() {
            self.pending.remove(&key(&pod));
            if let Some(bound) = self.bound.get(&task.value).cloned() {
                let grace = pod
                    .metadata
                    .deletion_grace_period_seconds
                    .map(|s| Duration::from_secs(u64::try_from(s).unwrap_or(0)))
                    .unwrap_or(Duration::from_secs(30));
                if !bound.killing {
                    // The kubelet's event for each container it stops
                    // (`kubernetes: pkg/kubelet/events` `KillingContainer`).
                    for container in pod.spec.iter().flat_map(|s| s.containers.iter()) {
                        let event = KubeEvent {
                            type_: EventType::Normal,
                            reason: "Killing".into(),
                            note: Some(format!("Stopping container {}", container.name)),
                            action: "Killing".into(),
                            secondary: None,
                        };
                        let _ = self.recorder.publish(&event, &pod.object_ref(&())).await;
                    }
                    self.kill(&task.value, &bound, grace).await;
                }
            } else if node.is_empty()
                || (self.adopted && self.agents.values().any(|a| a.node == node))
            {
                // Not running anywhere (never launched, or already ended): confirm at once,
                // as a kubelet does for a pod it does not run. A pod bound to one of our
                // nodes before this scheduler has adopted its tasks may still run: adoption
                // sees the deletion and kills the task first.
                self.confirm_deletion(&pod).await;
            }
            return;
        }
        if node.is_empty() && self.ours(&pod) && !matches!(phase.as_str(), "Succeeded" | "Failed") {
            let gated = spec
                .and_then(|s| s.scheduling_gates.as_ref())
                .is_some_and(|g| !g.is_empty());
            if gated {
                self.pending.remove(&key(&pod));
                return;
            }
            let entry = self.pending.entry(key(&pod)).or_insert_with(|| Pending {
                waiting_since: None,
                pod: pod.clone(),
                attempts: 0,
                not_before: Instant::now(),
            });
            entry.pod = pod;
            // A changed pod is tried again at once.
            entry.not_before = Instant::now();
            if self.suppressed {
                self.suppressed = false;
                if let Err(error) = self.mesos.revive(vec![]).await {
                    tracing::warn!(%error, "REVIVE failed");
                }
            }
        } else {
            self.pending.remove(&key(&pod));
        }
    }

    async fn kill(&mut self, task: &str, bound: &Bound, grace: Duration) {
        if let Some(b) = self.bound.get_mut(task) {
            b.killing = true;
            b.kill_sent = Some((Instant::now(), grace));
        }
        let policy = mesos_sdk::v1::KillPolicy {
            grace_period: Some(mesos_sdk::v1::DurationInfo {
                nanoseconds: i64::try_from(grace.as_nanos()).unwrap_or(i64::MAX),
            }),
        };
        // A task group's tasks are killed together (the default executor would take the
        // group down after the first anyway).
        let tasks: Vec<mesos_sdk::v1::TaskId> = match bound.group.as_ref() {
            Some(group) => group
                .containers()
                .map(|c| task_group::container_task_id(&bound.uid, c))
                .collect(),
            None => vec![mesos_sdk::v1::TaskId { value: task.into() }],
        };
        for id in tasks {
            if let Err(error) = self
                .mesos
                .kill(id, Some(bound.agent.clone()), Some(policy))
                .await
            {
                tracing::warn!(task, %error, "KILL failed");
            }
        }
    }

    async fn confirm_deletion(&self, pod: &Pod) {
        tracing::debug!(
            pod = %pod.name_any(),
            "confirming the deletion of a pod that runs nowhere"
        );
        let api: Api<Pod> = Api::namespaced(
            self.client.clone(),
            pod.metadata.namespace.as_deref().unwrap_or("default"),
        );
        let params = DeleteParams {
            grace_period_seconds: Some(0),
            preconditions: Some(Preconditions {
                uid: pod.metadata.uid.clone(),
                resource_version: None,
            }),
            ..Default::default()
        };
        match api.delete(&pod.name_any(), &params).await {
            Ok(_) => {}
            Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => {}
            Err(error) => tracing::warn!(pod = %key(pod), %error, "confirming the deletion failed"),
        }
    }

    async fn on_mesos(&mut self, event: SessionEvent, stored: Option<&str>) {
        match event {
            SessionEvent::Subscribed { framework_id, .. } => {
                if stored != Some(framework_id.value.as_str()) || self.framework_id.is_none() {
                    if let Err(error) = save_framework_id(
                        &self.client,
                        &self.options.namespace,
                        &framework_id.value,
                    )
                    .await
                    {
                        tracing::error!(%error, "saving the framework id failed");
                    }
                }
                self.framework_id = Some(framework_id);
                self.offers.clear();
                self.adopt().await;
            }
            // Decoded whole: the scheduler keeps offers and statuses as prost types.
            SessionEvent::Event(event) => {
                let event = event.into_event();
                match event.r#type() {
                    event::Type::Offers => {
                        let offers = event.offers.map(|o| o.offers).unwrap_or_default();
                        metrics::counter!("k8sm_offers_received_total")
                            .increment(offers.len() as u64);
                        for offer in offers {
                            self.agent_seen(&offer).await;
                            self.offered.insert(
                                offer.id.value.clone(),
                                Offered {
                                    at: Instant::now(),
                                    resources: offer_resources(&offer),
                                },
                            );
                            self.offers.insert(offer.id.value.clone(), offer);
                        }
                        // A pass follows once the events at hand are taken.
                        self.offers_arrived = true;
                    }
                    event::Type::Rescind => {
                        if let Some(rescind) = event.rescind {
                            self.offers.remove(&rescind.offer_id.value);
                        }
                    }
                    event::Type::Update => {
                        if let Some(update) = event.update {
                            self.on_update(update.status).await;
                        }
                    }
                    event::Type::Failure => {
                        if let Some(failure) = event.failure {
                            tracing::debug!(
                                agent = ?failure.agent_id.as_ref().map(|a| &a.value),
                                executor = ?failure.executor_id.as_ref().map(|e| &e.value),
                                status = ?failure.status,
                                "FAILURE"
                            );
                            if let Some(agent) = failure.agent_id.as_ref() {
                                // The executor, or the whole agent, is gone: so are its pods.
                                self.strays_gone(agent, failure.executor_id.as_ref()).await;
                            }
                            if failure.executor_id.is_none() {
                                if let Some(agent) = failure.agent_id {
                                    self.agent_lost(&agent).await;
                                }
                            }
                        }
                    }
                    event::Type::Message => {
                        if let Some(message) = event.message {
                            self.on_executor_message(&message.data).await;
                        }
                    }
                    _ => {}
                }
            }
            SessionEvent::Disconnected { reason } => {
                tracing::warn!(%reason, "disconnected from the Mesos master");
                self.offers.clear();
            }
            _ => {}
        }
    }

    /// After (re)subscribing: every pod bound to one of our nodes gets its task reconciled;
    /// implicit reconciliation then reports tasks we do not know, which are killed.
    async fn adopt(&mut self) {
        // Read the Nodes now: the watch's cache may not have them yet after a restart, and a
        // pod whose node is not known as an agent's would have its task killed below.
        match Api::<Node>::all(self.client.clone())
            .list(&Default::default())
            .await
        {
            Ok(list) => {
                for node in list.items {
                    self.nodes.insert(node.name_any(), node);
                }
            }
            Err(error) => tracing::warn!(%error, "listing nodes for reconciliation failed"),
        }
        let api: Api<Pod> = Api::all(self.client.clone());
        let pods = match api.list(&Default::default()).await {
            Ok(list) => {
                self.adopted = true;
                list.items
            }
            Err(error) => {
                // Without the pods, no task can be told to be an orphan: none is killed.
                tracing::warn!(%error, "listing pods for reconciliation failed");
                self.adopted = false;
                Vec::new()
            }
        };
        let mut tasks = Vec::new();
        let mut deleting: Vec<(String, Bound, Duration)> = Vec::new();
        for pod in pods {
            let Some(uid) = pod.metadata.uid.clone() else {
                continue;
            };
            let node = pod
                .spec
                .as_ref()
                .and_then(|s| s.node_name.clone())
                .unwrap_or_default();
            let phase = pod
                .status
                .as_ref()
                .and_then(|s| s.phase.clone())
                .unwrap_or_default();
            if node.is_empty() || matches!(phase.as_str(), "Succeeded" | "Failed") {
                continue;
            }
            let task = launch::task_id(&uid);
            if self.bound.contains_key(&task.value) {
                continue;
            }
            // Only pods whose nodes are agents: the node's name records its agent id.
            if let Some(agent) = nodes::agent_of(self.nodes.get(&node)) {
                let (request, ports) = demands(&pod, self.options.launch_mode);
                let group = (self.options.launch_mode == LaunchMode::TaskGroup).then(|| {
                    let host_ip = pod
                        .status
                        .as_ref()
                        .and_then(|s| s.host_ip.clone())
                        .unwrap_or_default();
                    Box::new(Group::new(pod.clone(), host_ip))
                });
                let bound = Bound {
                    request,
                    ports,
                    // What the API server holds is the last status reported (and says
                    // whether the pod ran, which a deletion must know).
                    last_status: pod.status.clone(),
                    probe_failures: HashMap::new(),
                    group,
                    namespace: pod
                        .metadata
                        .namespace
                        .clone()
                        .unwrap_or_else(|| "default".into()),
                    name: pod.name_any(),
                    uid,
                    agent: agent.clone(),
                    killing: false,
                    kill_sent: None,
                };
                if pod.metadata.deletion_timestamp.is_some() {
                    // Deleted while the scheduler was away: its task goes now.
                    let grace = pod
                        .metadata
                        .deletion_grace_period_seconds
                        .map(|s| Duration::from_secs(u64::try_from(s).unwrap_or(0)))
                        .unwrap_or(Duration::from_secs(30));
                    deleting.push((task.value.clone(), bound.clone(), grace));
                }
                match bound.group.as_ref() {
                    Some(group) => tasks.extend(group.containers().map(|c| {
                        (
                            task_group::container_task_id(&bound.uid, c),
                            Some(agent.clone()),
                        )
                    })),
                    None => tasks.push((task.clone(), Some(agent))),
                }
                self.bound.insert(task.value.clone(), bound);
            }
        }
        if !tasks.is_empty() {
            let _ = self.mesos.reconcile(tasks).await;
        }
        let _ = self.mesos.reconcile(vec![]).await;
        for (task, bound, grace) in deleting {
            self.kill(&task, &bound, grace).await;
        }
    }

    async fn agent_seen(&mut self, offer: &Offer) {
        if let Some(agent) = self.agents.get(&offer.agent_id.value) {
            // Offers again from an agent reported lost: it is back (re-registered).
            if self.lost.remove(&offer.agent_id.value) {
                let node = agent.node.clone();
                if let Err(error) = nodes::mark_reachable(&self.client, &node).await {
                    tracing::warn!(%node, %error, "marking the Node reachable failed");
                }
            }
            return;
        }
        // The agent's Node keeps its name: one registered before (by this scheduler before a
        // restart, or by another before a failover) is found by its agent-id annotation. A
        // new name is the hostname, or the hostname with the agent id's suffix where agents
        // share a hostname (as mesos-sim's do) or another agent's Node has the plain one:
        // deriving it from the order of first offers alone gave an agent another's Node
        // (and its executor's published port) after a failover.
        let registered = self
            .nodes
            .iter()
            .find(|(_, n)| nodes::agent_of(Some(n)).as_ref() == Some(&offer.agent_id))
            .map(|(name, _)| name.clone());
        let node = registered.unwrap_or_else(|| {
            let plain = nodes::node_name(&offer.hostname, &offer.agent_id, false);
            let shared = self.agents.values().any(|a| a.node == plain)
                || self
                    .nodes
                    .get(&plain)
                    .is_some_and(|n| nodes::agent_of(Some(n)).is_some_and(|a| a != offer.agent_id))
                || self
                    .offers
                    .values()
                    .any(|o| o.hostname == offer.hostname && o.agent_id != offer.agent_id);
            nodes::node_name(&offer.hostname, &offer.agent_id, shared)
        });
        let resources = offer_resources(offer);
        // What the agent has in all: its first offer plus what our adopted pods hold there
        // (after a restart of the scheduler the offer is only the rest).
        let mut total = Request {
            cpus: resources.cpus().to_f64(),
            mem: resources.mem().to_f64() * 1024.0 * 1024.0,
        };
        let mut ports = resources.ports();
        for bound in self.bound.values().filter(|b| b.agent == offer.agent_id) {
            total.cpus += bound.request.cpus;
            total.mem += bound.request.mem;
            for port in &bound.ports {
                ports.insert(u64::from(*port)..=u64::from(*port));
            }
        }
        // Our executor, running there already, holds its share outside the offer too (in
        // task-group mode each pod's executor is counted with the pod).
        if !offer.executor_ids.is_empty() && self.options.launch_mode == LaunchMode::Executor {
            total.cpus += launch::EXECUTOR_CPUS;
            total.mem += launch::EXECUTOR_MEM_MB * 1024.0 * 1024.0;
        }
        // The port of the agent's executor's log endpoint: the one its Node publishes, for
        // the executor may run with it since before a restart of the scheduler (the Node of
        // an agent that came back with another id does not count), else an offered one.
        let published = self
            .nodes
            .get(&node)
            .filter(|n| nodes::agent_of(Some(n)).as_ref() == Some(&offer.agent_id))
            .and_then(nodes::kubelet_port);
        let kubelet_port = published.or_else(|| pick_port(&resources));
        match nodes::register(&self.client, &node, offer, &resources, kubelet_port).await {
            // Known at once, not only when the watch brings it back.
            Ok(registered) => {
                let uid = registered.metadata.uid.clone();
                self.nodes.insert(node.clone(), registered);
                if let Err(error) = nodes::renew_lease(&self.client, &node, uid.as_deref()).await {
                    tracing::warn!(%node, %error, "creating the node's Lease failed");
                }
            }
            Err(error) => tracing::warn!(%node, %error, "registering the Node failed"),
        }
        self.agents.insert(
            offer.agent_id.value.clone(),
            Agent {
                node,
                total,
                ports,
                kubelet_port,
            },
        );
    }

    /// Sends KILL again for tasks still alive a while after it (their grace period, at least
    /// [`KILL_RETRY`]).
    async fn retry_kills(&mut self) {
        let due: Vec<(String, Bound, Duration)> = self
            .bound
            .iter()
            .filter_map(|(task, b)| {
                let (sent, grace) = b.kill_sent?;
                (sent.elapsed() > grace.max(KILL_RETRY)).then(|| (task.clone(), b.clone(), grace))
            })
            .collect();
        for (task, bound, grace) in due {
            tracing::info!(%task, "the task outlived its KILL: sending it again");
            self.kill(&task, &bound, grace).await;
        }
        // An executor that never answers (its agent gone without a word, the executor ended
        // unnoticed) must not hold a deletion forever.
        let given_up: Vec<String> = self
            .strays
            .iter()
            .filter(|(_, s)| s.since.elapsed() > s.grace + STRAY_GIVE_UP)
            .map(|(task, _)| task.clone())
            .collect();
        for task in given_up {
            if let Some(stray) = self.strays.remove(&task) {
                tracing::warn!(%task, "no answer from the executor: confirming the deletion");
                let api: Api<Pod> = Api::namespaced(self.client.clone(), &stray.bound.namespace);
                self.confirm_bound_deletion(&api, &stray.bound, "no answer from its executor")
                    .await;
            }
        }
        let strays: Vec<String> = self
            .strays
            .iter()
            .filter(|(_, s)| s.sent.elapsed() > KILL_RETRY)
            .map(|(task, _)| task.clone())
            .collect();
        for task in strays {
            self.ask_executor_to_kill(&task).await;
        }
    }

    /// For a pod being deleted whose task ended by the word of the agent or the master rather
    /// than its executor's (killed during an executor's re-subscription, or unknown to the
    /// master), after the pod ran: the executor may still run it, so it is asked directly
    /// and the deletion waits for its answer. Executor mode only (the default executor of
    /// task groups does not take our messages). Returns whether it did so.
    async fn maybe_stray(&mut self, task: &str, bound: &Bound, status: &TaskStatus) -> bool {
        if self.options.launch_mode != LaunchMode::Executor || bound.last_status.is_none() {
            return false;
        }
        let without_executor = match status.source() {
            task_status::Source::Agent => {
                status.reason() == task_status::Reason::TaskKilledDuringLaunch
            }
            task_status::Source::Master => true,
            _ => false,
        };
        let Some(framework_id) = self.framework_id.clone() else {
            return false;
        };
        if !without_executor || self.lost.contains(&bound.agent.value) {
            return false;
        }
        let executor = status.executor_id.clone().unwrap_or_else(|| {
            self.options
                .executor
                .info(&framework_id, &self.options.role)
                .executor_id
        });
        tracing::info!(
            task,
            "the task ended without its executor's word: asking the executor"
        );
        let grace = bound.kill_sent.map_or(Duration::ZERO, |(_, g)| g);
        self.strays.insert(
            task.to_string(),
            Stray {
                bound: bound.clone(),
                executor,
                grace,
                sent: Instant::now(),
                since: Instant::now(),
            },
        );
        self.ask_executor_to_kill(task).await;
        true
    }

    /// Sends the executor of a stray pod a [`FrameworkMessage::Kill`] (the agent drops it
    /// while the executor is not subscribed; it is sent again after [`KILL_RETRY`]).
    async fn ask_executor_to_kill(&mut self, task: &str) {
        let Some(stray) = self.strays.get_mut(task) else {
            return;
        };
        stray.sent = Instant::now();
        let data = FrameworkMessage::Kill {
            task: task.to_string(),
            grace_period_seconds: stray.grace.as_secs(),
        }
        .to_data();
        let (agent, executor) = (stray.bound.agent.clone(), stray.executor.clone());
        if let Err(error) = self.mesos.message(agent, executor, data.into()).await {
            tracing::warn!(task, %error, "MESSAGE to the executor failed");
        }
    }

    /// A message from an executor: [`FrameworkMessage::Gone`] ends a stray pod's deletion.
    async fn on_executor_message(&mut self, data: &[u8]) {
        match FrameworkMessage::from_data(data) {
            Some(FrameworkMessage::Gone { task }) => {
                if let Some(stray) = self.strays.remove(&task) {
                    tracing::info!(%task, "the executor stopped the pod");
                    let api: Api<Pod> =
                        Api::namespaced(self.client.clone(), &stray.bound.namespace);
                    self.confirm_bound_deletion(&api, &stray.bound, "the executor stopped it")
                        .await;
                }
            }
            _ => tracing::warn!(bytes = data.len(), "ignoring an executor message"),
        }
    }

    /// The stray pods of an executor that ended (or of every executor of an agent that is
    /// gone) run no more: their deletions are confirmed.
    async fn strays_gone(&mut self, agent: &AgentId, executor: Option<&ExecutorId>) {
        let gone: Vec<String> = self
            .strays
            .iter()
            .filter(|(_, s)| s.bound.agent == *agent && executor.is_none_or(|e| *e == s.executor))
            .map(|(task, _)| task.clone())
            .collect();
        for task in gone {
            if let Some(stray) = self.strays.remove(&task) {
                let api: Api<Pod> = Api::namespaced(self.client.clone(), &stray.bound.namespace);
                self.confirm_bound_deletion(&api, &stray.bound, "its executor or agent is gone")
                    .await;
            }
        }
    }

    /// Renews the `kube-node-lease` Lease of every agent that is not lost, as each kubelet
    /// renews its own.
    /// The Nodes whose Leases are due (those of agents not lost, with their uids), for the
    /// lease renewer ([`renew_leases`]).
    fn leases_due(&self) -> Vec<(String, Option<String>)> {
        self.agents
            .iter()
            .filter(|(id, _)| !self.lost.contains(*id))
            .map(|(_, a)| {
                let uid = self.nodes.get(&a.node).and_then(|n| n.metadata.uid.clone());
                (a.node.clone(), uid)
            })
            .collect()
    }

    /// The agents our executor runs on: their offers name it (`Offer.executor_ids`), or a
    /// task of ours is there.
    fn executor_agents(&self, executor: &ExecutorId) -> HashSet<String> {
        let offered = self
            .offers
            .values()
            .filter(|o| o.executor_ids.contains(executor))
            .map(|o| &o.agent_id.value);
        let bound = self.bound.values().map(|b| &b.agent.value);
        let agents: HashSet<&String> = offered.chain(bound).collect();
        agents.into_iter().cloned().collect()
    }

    /// The port of the executor about to start on the agent, from what it offers: the port
    /// chosen before while it is still offered, else another one, published on the agent's
    /// Node (`None`, and no log endpoint, when it offers none).
    async fn executor_port(&mut self, agent_id: &str, available: &Resources) -> Option<u16> {
        let agent = self.agents.get_mut(agent_id)?;
        let current = agent.kubelet_port;
        if current.is_some_and(|p| available.unreserved().ports().contains(u64::from(p))) {
            return current;
        }
        let chosen = pick_port(available);
        if chosen != current {
            agent.kubelet_port = chosen;
            let node = agent.node.clone();
            if let Err(error) = nodes::publish_kubelet_port(&self.client, &node, chosen).await {
                tracing::warn!(%node, %error, "publishing the kubelet port failed");
            }
        }
        chosen
    }

    async fn agent_lost(&mut self, agent: &AgentId) {
        self.lost.insert(agent.value.clone());
        if let Some(a) = self.agents.get(&agent.value) {
            if let Err(error) = nodes::mark_unreachable(&self.client, &a.node).await {
                tracing::warn!(node = %a.node, %error, "marking the Node unreachable failed");
            }
        }
    }

    /// A status of one container's task of a task group: the pod's status is computed from
    /// all of them; the pod ends when every task has ended.
    async fn on_group_update(&mut self, container: String, status: TaskStatus) {
        let state = status.state();
        let uid = status
            .task_id
            .value
            .strip_prefix(launch::TASK_PREFIX)
            .and_then(|rest| rest.split_once('.'))
            .map(|(uid, _)| uid.to_string())
            .unwrap_or_default();
        let key = launch::task_id(&uid).value;
        let Some(bound) = self.bound.get_mut(&key) else {
            // A task of ours with no pod (deleted while we were away): kill it.
            if self.adopted && !is_terminal(state) {
                let _ = self
                    .mesos
                    .kill(status.task_id.clone(), status.agent_id.clone(), None)
                    .await;
            }
            return;
        };
        let Some(group) = bound.group.as_mut() else {
            return;
        };
        if state == TaskState::TaskUnreachable {
            let bound = bound.clone();
            let api: Api<Pod> = Api::namespaced(self.client.clone(), &bound.namespace);
            let _ = api
                .patch_status(
                    &bound.name,
                    &PatchParams::default(),
                    &Patch::Strategic(serde_json::json!({"status": {"conditions": [
                        {"type": "Ready", "status": "False", "reason": "NodeUnreachable"}]}})),
                )
                .await;
            return;
        }
        if state == TaskState::TaskRunning && !group.started.contains_key(&container) {
            group.started.insert(container.clone(), status.clone());
        }
        // A failed health check (liveness) or check (readiness) is the kubelet's Unhealthy.
        if status.healthy == Some(false) {
            let entry = group
                .failures
                .entry((container.clone(), "Liveness"))
                .or_default();
            entry.0 += 1;
            entry.1 = status
                .message
                .clone()
                .unwrap_or_else(|| "health check failed".into());
        }
        let readiness = group
            .pod
            .spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .any(|c| c.name == container && c.readiness_probe.is_some());
        if readiness
            && status.reason() == task_status::Reason::TaskCheckStatusUpdated
            && status.check_status.as_ref().is_some_and(|c| {
                !task_group::check_passed(c)
                    && (c.command.is_some() || c.http.is_some() || c.tcp.is_some())
            })
        {
            let entry = group
                .failures
                .entry((container.clone(), "Readiness"))
                .or_default();
            entry.0 += 1;
            entry.1 = check_failure(status.check_status.as_ref());
        }
        group.statuses.insert(container, status.clone());
        let pod_status =
            task_group::pod_status(&group.pod, &group.host_ip, &group.statuses, &group.started);
        let failures: Vec<ProbeFailure> = group
            .failures
            .iter()
            .map(|((container, probe), (count, message))| ProbeFailure {
                container: container.clone(),
                probe: (*probe).to_string(),
                count: *count,
                message: message.clone(),
            })
            .collect();
        let count = group.containers().count();
        let ended = group.statuses.len() >= count
            && group.containers().all(|c| {
                group
                    .statuses
                    .get(c)
                    .is_some_and(|s| is_terminal(s.state()))
            });
        let bound = bound.clone();
        self.record_container_events(&bound, status.agent_id.as_ref(), &pod_status, &failures)
            .await;
        if let Some(b) = self.bound.get_mut(&key) {
            b.last_status = Some(pod_status.clone());
            b.probe_failures = failures
                .iter()
                .map(|f| ((f.container.clone(), f.probe.clone()), f.count))
                .collect();
        }
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &bound.namespace);
        if ended {
            self.bound.remove(&key);
            if bound.killing {
                self.confirm_bound_deletion(&api, &bound, "its task ended")
                    .await;
                return;
            }
        }
        if !bound.killing {
            self.patch_status(&api, &bound, pod_status).await;
        }
    }

    async fn on_update(&mut self, status: TaskStatus) {
        if let Some(container) = task_group::container_name(&status.task_id) {
            let container = container.to_string();
            return self.on_group_update(container, status).await;
        }
        let task = status.task_id.value.clone();
        let state = status.state();
        tracing::debug!(
            task,
            ?state,
            source = ?status.source(),
            reason = ?status.reason(),
            known = self.bound.contains_key(&task),
            "task update"
        );
        let Some(bound) = self.bound.get(&task).cloned() else {
            // A task of ours with no pod (deleted while we were away): kill it, once the
            // pods have been read since subscribing.
            if self.adopted && launch::pod_uid(&status.task_id).is_some() && !is_terminal(state) {
                let _ = self
                    .mesos
                    .kill(status.task_id.clone(), status.agent_id.clone(), None)
                    .await;
            }
            return;
        };
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &bound.namespace);
        let reported = status.data.as_deref().and_then(status_from_data);
        // An update from an agent reported lost, other than UNREACHABLE: it is back (the
        // master re-announces its tasks with REASON_AGENT_REREGISTERED).
        if let Some(agent) = status.agent_id.as_ref() {
            if state != TaskState::TaskUnreachable && self.lost.remove(&agent.value) {
                if let Some(node) = self.agents.get(&agent.value).map(|a| a.node.clone()) {
                    if let Err(error) = nodes::mark_reachable(&self.client, &node).await {
                        tracing::warn!(%node, %error, "marking the Node reachable failed");
                    }
                }
            }
        }
        if let Some(current) = reported.as_ref() {
            let failures = status
                .data
                .as_deref()
                .map(probe_failures_from_data)
                .unwrap_or_default();
            self.record_container_events(&bound, status.agent_id.as_ref(), current, &failures)
                .await;
            if let Some(b) = self.bound.get_mut(&task) {
                for failure in failures {
                    b.probe_failures
                        .insert((failure.container, failure.probe), failure.count);
                }
            }
        }
        match state {
            TaskState::TaskStarting | TaskState::TaskRunning | TaskState::TaskStaging => {
                // The master's own updates carry no pod status: the last one is restored
                // (its Ready condition had been turned off while the agent was away).
                let pod_status = reported.or_else(|| bound.last_status.clone());
                if let Some(pod_status) = pod_status {
                    if let Some(b) = self.bound.get_mut(&task) {
                        b.last_status = Some(pod_status.clone());
                    }
                    self.patch_status(&api, &bound, pod_status).await;
                }
            }
            TaskState::TaskFinished | TaskState::TaskFailed => {
                let pod_status =
                    reported.unwrap_or_else(|| failed_status(&status, bound.last_status.as_ref()));
                self.patch_status(&api, &bound, pod_status).await;
                self.bound.remove(&task);
                if bound.killing {
                    self.confirm_bound_deletion(&api, &bound, "its task ended")
                        .await;
                }
            }
            TaskState::TaskKilled => {
                self.bound.remove(&task);
                // Killed by the agent without its executor's word, after the pod ran: the
                // executor was re-subscribing after an agent restart and may run it still.
                if bound.killing && self.maybe_stray(&task, &bound, &status).await {
                    // Asked the executor; the deletion is confirmed on its answer.
                } else if bound.killing {
                    self.confirm_bound_deletion(&api, &bound, "its task ended")
                        .await;
                } else {
                    self.patch_status(
                        &api,
                        &bound,
                        reported
                            .unwrap_or_else(|| failed_status(&status, bound.last_status.as_ref())),
                    )
                    .await;
                }
            }
            TaskState::TaskUnreachable => {
                // The agent is partitioned away; the pod keeps its place but is not Ready.
                let _ = api
                    .patch_status(
                        &bound.name,
                        &PatchParams::default(),
                        &Patch::Strategic(serde_json::json!({"status": {"conditions": [
                            {"type": "Ready", "status": "False", "reason": "NodeUnreachable"}]}})),
                    )
                    .await;
            }
            _ => {
                // Lost, dropped, gone, error: the task does not run and will not.
                self.bound.remove(&task);
                if bound.killing && self.maybe_stray(&task, &bound, &status).await {
                    // The master no longer knows a task whose pod ran (e.g. the agent killed
                    // it during an executor's re-subscription before a scheduler restart):
                    // the executor says whether its pod still runs.
                } else if bound.killing {
                    self.confirm_bound_deletion(&api, &bound, "its task ended")
                        .await;
                } else {
                    self.patch_status(
                        &api,
                        &bound,
                        failed_status(&status, bound.last_status.as_ref()),
                    )
                    .await;
                }
            }
        }
    }

    /// Records the kubelet's container events (Created, Started, BackOff) that the change
    /// from the last reported status to `current` calls for, as the pod's node's kubelet.
    async fn record_container_events(
        &mut self,
        bound: &Bound,
        agent: Option<&AgentId>,
        current: &PodStatus,
        failures: &[ProbeFailure],
    ) {
        let mut events = kubelet_events::container_events(
            kubelet_events::PodName {
                name: &bound.name,
                namespace: &bound.namespace,
                uid: &bound.uid,
            },
            bound.last_status.as_ref(),
            current,
        );
        events.extend(kubelet_events::probe_events(
            &bound.probe_failures,
            failures,
        ));
        if events.is_empty() {
            return;
        }
        let node = agent
            .and_then(|a| self.agents.get(&a.value))
            .or_else(|| self.agents.get(&bound.agent.value))
            .map(|a| a.node.clone());
        let client = self.client.clone();
        let recorder = self
            .kubelet_recorders
            .entry(node.clone().unwrap_or_default())
            .or_insert_with(|| {
                Recorder::new(
                    client,
                    Reporter {
                        controller: "kubelet".into(),
                        instance: node,
                    },
                )
            });
        let reference = k8s_openapi::api::core::v1::ObjectReference {
            api_version: Some("v1".into()),
            kind: Some("Pod".into()),
            name: Some(bound.name.clone()),
            namespace: Some(bound.namespace.clone()),
            uid: Some(bound.uid.clone()),
            ..Default::default()
        };
        for event in events {
            if let Err(error) = recorder.publish(&event, &reference).await {
                tracing::debug!(pod = %bound.name, %error, "recording an event failed");
            }
        }
    }

    async fn patch_status(&self, api: &Api<Pod>, bound: &Bound, status: PodStatus) {
        let patch = Patch::Merge(serde_json::json!({"status": status}));
        if let Err(error) = api
            .patch_status(&bound.name, &PatchParams::default(), &patch)
            .await
        {
            tracing::warn!(pod = %bound.name, %error, "updating the pod's status failed");
        }
    }

    async fn confirm_bound_deletion(&self, api: &Api<Pod>, bound: &Bound, why: &str) {
        tracing::debug!(pod = %bound.name, uid = %bound.uid, why, "confirming the pod's deletion");
        let params = DeleteParams {
            grace_period_seconds: Some(0),
            preconditions: Some(Preconditions {
                uid: Some(bound.uid.clone()),
                resource_version: None,
            }),
            ..Default::default()
        };
        match api.delete(&bound.name, &params).await {
            Ok(_) => {}
            Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => {}
            Err(error) => {
                tracing::warn!(pod = %bound.name, %error, "confirming the deletion failed")
            }
        }
    }

    /// One scheduling pass over the pods whose back-off has passed and the offers at hand.
    async fn schedule(&mut self) {
        let Some(framework_id) = self.framework_id.clone() else {
            return;
        };
        let now = Instant::now();
        let started = now;
        self.last_pass = Some(now);
        let offers = &self.offers;
        // Every held offer has its entry: more entries than offers means some are gone.
        if self.offered.len() > offers.len() {
            self.offered.retain(|id, _| offers.contains_key(id));
        }
        let ready: Vec<String> = self
            .pending
            .iter()
            .filter(|(_, p)| p.not_before <= now)
            .map(|(k, _)| k.clone())
            .collect();
        metrics::gauge!("scheduler_pending_pods", "queue" => "active").set(ready.len() as f64);
        metrics::gauge!("scheduler_pending_pods", "queue" => "backoff")
            .set(self.pending.len().saturating_sub(ready.len()) as f64);
        if self.pending.is_empty() {
            // Nothing to place: the offers held for OFFER_HOLD go back (the others may
            // still take the pods that come next).
            let stale: Vec<String> = self
                .offers
                .keys()
                .filter(|id| !self.offer_fresh(id))
                .cloned()
                .collect();
            if !stale.is_empty() {
                let ids: Vec<OfferId> = stale
                    .iter()
                    .filter_map(|id| self.offers.remove(id))
                    .map(|o| o.id)
                    .collect();
                metrics::counter!("k8sm_offers_declined_total").increment(ids.len() as u64);
                tracing::debug!(declined = ids.len(), "no pod pending: offers go back");
                let _ = self
                    .mesos
                    .decline(ids, Some(refuse_for(DECLINE_REFUSE_SECONDS)))
                    .await;
            }
            if !self.suppressed {
                self.suppressed = true;
                if let Err(error) = self.mesos.suppress(vec![]).await {
                    tracing::warn!(%error, "SUPPRESS failed");
                }
            }
            return;
        }
        if ready.is_empty() {
            return;
        }
        if self.offers.is_empty() {
            // Pods wait and nothing is offered: the agents' resources may sit behind our own
            // refusal filters.
            self.revive_soon().await;
            return;
        }
        // Free resources per agent, from its offers.
        let mut free: HashMap<String, (Resources, Vec<OfferId>)> = HashMap::new();
        for offer in self.offers.values() {
            let entry = free.entry(offer.agent_id.value.clone()).or_default();
            match self.offered.get(&offer.id.value) {
                Some(offered) => entry.0.add(&offered.resources),
                None => entry.0.add(&offer_resources(offer)),
            }
            entry.1.push(offer.id.clone());
        }
        let t_free = started.elapsed();
        // Each agent's executor, described alike in every launch there; where it does not
        // run yet, what it takes from the agent's offers (`None`: it does not fit).
        let executor_id = self
            .options
            .executor
            .info(&framework_id, &self.options.role)
            .executor_id;
        let mut executor_ports: HashMap<String, Option<u16>> = HashMap::new();
        let mut executor_needs: HashMap<String, Option<Resources>> = HashMap::new();
        let offered: Vec<String> = free.keys().cloned().collect();
        let group_mode = self.options.launch_mode == LaunchMode::TaskGroup;
        let running = self.executor_agents(&executor_id);
        // In task-group mode each pod brings its own (default) executor: none per agent.
        for agent_id in offered.into_iter().filter(|_| !group_mode) {
            let port = if running.contains(&agent_id) {
                self.agents.get(&agent_id).and_then(|a| a.kubelet_port)
            } else {
                let available = free
                    .get(&agent_id)
                    .map(|(available, _)| available.clone())
                    .unwrap_or_default();
                let port = self.executor_port(&agent_id, &available).await;
                let mut request = mesos_sdk::offers::ResourceRequest::new()
                    .cpus(launch::EXECUTOR_CPUS)
                    .mem(launch::EXECUTOR_MEM_MB);
                if let Some(port) = port {
                    request = request.port(u64::from(port));
                }
                executor_needs.insert(agent_id.clone(), find_fit_in(&available, &request));
                port
            };
            // Its ExecutorInfo is made only for the agents that get pods.
            executor_ports.insert(agent_id, port);
        }
        // What each agent has left by Kubernetes' accounting: its total less the requests
        // of our pods there (and our executor). Fit is decided on this, as kube-scheduler
        // decides it on allocatable less requested; the offers then say whether the pod can
        // go now. An agent whose resources are not offered at the moment is not "too small".
        let t_exec = started.elapsed();
        let mut held: HashMap<String, (Request, BTreeSet<u16>)> = HashMap::new();
        for bound in self.bound.values() {
            let entry = held.entry(bound.agent.value.clone()).or_default();
            entry.0.cpus += bound.request.cpus;
            entry.0.mem += bound.request.mem;
            entry.1.extend(bound.ports.iter().copied());
        }
        let mut placed: HashMap<String, Vec<(Pod, Resources)>> = HashMap::new();
        let mut executor_placed: BTreeSet<String> = BTreeSet::new();
        let mut waiting_for_offers = false;
        let node_count = self.agents.len();
        // kube-scheduler does not look for the best of all nodes in a large cluster: it scores
        // the first nodes it finds feasible, as many as `num_feasible_nodes_to_find` says.
        // With at least that many agents offered, the best of them is what it would choose,
        // and a pod does not wait for a better node that is not offered.
        let enough_offered = free.len() >= num_feasible_nodes_to_find(node_count);
        // Our executor holds its share wherever our pods run, and needs it where they are to
        // run.
        let executor_share = if group_mode {
            Request::default()
        } else {
            Request {
                cpus: launch::EXECUTOR_CPUS,
                mem: launch::EXECUTOR_MEM_MB * 1024.0 * 1024.0,
            }
        };
        // Each agent as the pass sees it (see `agent_view`), seen again whenever a pod is
        // placed on it; the index finds each pod's best agent among them, as a look at every
        // agent would.
        let view = |agent_id: &str,
                    held: &HashMap<String, (Request, BTreeSet<u16>)>,
                    free: &HashMap<String, (Resources, Vec<OfferId>)>,
                    executor_placed: &BTreeSet<String>| {
            let agent = &self.agents[agent_id];
            agent_view(
                self.nodes.get(&agent.node),
                agent,
                held.get(agent_id),
                executor_share,
                free.get(agent_id).map(|(available, _)| available),
                executor_needs
                    .get(agent_id)
                    .filter(|_| !executor_placed.contains(agent_id)),
            )
        };
        let t_held = started.elapsed();
        let slots: Vec<&str> = self.agents.keys().map(String::as_str).collect();
        let views = slots
            .iter()
            .map(|agent_id| view(agent_id, &held, &free, &executor_placed))
            .collect();
        let mut index = Index::new(views, self.options.pack);
        let prepared = started.elapsed();
        let ready_count = ready.len();
        // Told once the pass is done.
        let mut unschedulable: Vec<(String, Pod, String)> = Vec::new();
        for pod_key in ready {
            let Some(entry) = self.pending.get(&pod_key) else {
                continue;
            };
            let pod = entry.pod.clone();
            let Some(spec) = pod.spec.as_ref() else {
                continue;
            };
            if group_mode && let Some(why) = task_group::unsupported(&pod) {
                let mut reasons = BTreeMap::new();
                reasons.insert("pod cannot run as a Mesos task group", 1);
                tracing::warn!(pod = %pod_key, %why, "not schedulable in task-group mode");
                let message = format!("0/{node_count} nodes are available: {why}.");
                unschedulable.push((pod_key, pod, message));
                continue;
            }
            let request = fit::pod_request(spec);
            let ports = fit::host_ports(spec);
            let found = index.best(spec, request, &ports);
            let best = found.now;
            let best_anywhere = found.anywhere;
            let fits_somewhere = best_anywhere.is_some();
            // The best node by Kubernetes' score may have nothing offered right now (its
            // offers declined, or another framework's turn): the pod waits for it a little
            // rather than going where it scores worse, as long as it has not waited
            // OFFER_WAIT already.
            let waited = self
                .pending
                .get(&pod_key)
                .and_then(|p| p.waiting_since)
                .map(|since| since.elapsed());
            if let (Some((score, _)), Some(top)) = (&best, best_anywhere) {
                if *score < top && !enough_offered && waited.is_none_or(|w| w < OFFER_WAIT) {
                    if let Some(entry) = self.pending.get_mut(&pod_key) {
                        entry.waiting_since.get_or_insert_with(Instant::now);
                    }
                    waiting_for_offers = true;
                    continue;
                }
            }
            match best {
                Some((_, slot)) => {
                    let agent_id = slots[slot];
                    let Some((available, _)) = free.get_mut(agent_id) else {
                        continue;
                    };
                    if let Some(needs) = executor_needs.get(agent_id) {
                        if executor_placed.insert(agent_id.to_string()) {
                            if let Some(executor) = needs {
                                *available = available.saturating_sub(executor);
                            }
                        }
                    }
                    let mut task_request = if group_mode {
                        let amounts = task_group::group_amounts(spec);
                        mesos_sdk::offers::ResourceRequest::new()
                            .cpus(amounts.cpus)
                            .mem(amounts.mem / (1024.0 * 1024.0))
                            .disk(task_group::GROUP_EXECUTOR_DISK_MB)
                    } else {
                        task_request(request)
                    };
                    for port in &ports {
                        task_request = task_request.port(u64::from(*port));
                    }
                    let resources = find_fit_in(available, &task_request);
                    if let Some(resources) = &resources {
                        *available = available.saturating_sub(resources);
                        let amounts = if group_mode {
                            task_group::group_amounts(spec)
                        } else {
                            launch::task_amounts(request)
                        };
                        let entry = held.entry(agent_id.to_string()).or_default();
                        entry.0.cpus += amounts.cpus;
                        entry.0.mem += amounts.mem;
                        entry.1.extend(ports.iter().copied());
                    }
                    index.update(slot, view(agent_id, &held, &free, &executor_placed));
                    let Some(resources) = resources else {
                        continue;
                    };
                    self.pending.remove(&pod_key);
                    placed
                        .entry(agent_id.to_string())
                        .or_default()
                        .push((pod, resources));
                }
                None if fits_somewhere => {
                    // It fits, but not in what is offered now: it waits for offers.
                    waiting_for_offers = true;
                }
                None => {
                    let reasons = index.reasons(&pod, request, &ports);
                    let message = fit::unschedulable_message(node_count, &reasons);
                    unschedulable.push((pod_key, pod, message));
                }
            }
        }
        drop(index);
        for (pod_key, pod, message) in unschedulable {
            self.unschedulable(&pod_key, &pod, &message).await;
        }
        let offered = free.len();
        if waiting_for_offers {
            self.revive_soon().await;
        }
        // Offers of agents with nothing placed go back, in one DECLINE, once held for
        // OFFER_HOLD: while pods keep coming, the agents they spread to are offered already.
        let mut declined = Vec::new();
        free.retain(|agent_id, (_, offer_ids)| {
            let keep = placed.contains_key(agent_id);
            let fresh = offer_ids
                .iter()
                .all(|id| offer_fresh(&self.offered, &id.value));
            if !keep && !fresh {
                declined.append(offer_ids);
            }
            keep
        });
        tracing::debug!(
            pending = self.pending.len(),
            ready = ready_count,
            placed = placed.values().map(Vec::len).sum::<usize>(),
            agents = placed.len(),
            offered,
            declined = declined.len(),
            waiting_for_offers,
            ?prepared,
            ?t_free,
            ?t_exec,
            ?t_held,
            took = ?started.elapsed(),
            "scheduling pass"
        );
        if !declined.is_empty() {
            metrics::counter!("k8sm_offers_declined_total").increment(declined.len() as u64);
            for id in &declined {
                self.offers.remove(&id.value);
            }
            let _ = self
                .mesos
                .decline(declined, Some(refuse_for(DECLINE_REFUSE_SECONDS)))
                .await;
        }
        // Bind, then launch, per agent. The bindings (each with the reads of its pod's
        // ConfigMaps and Secrets) are made many at a time; a pod whose binding failed is
        // not launched.
        let mut bound_pods = self.bind_all(&placed).await;
        tracing::debug!(took = ?started.elapsed(), "scheduling pass bound");
        // Each agent's address, from (the first of) its offers.
        let mut host_ips: HashMap<&str, String> = HashMap::new();
        for offer in self.offers.values() {
            host_ips
                .entry(offer.agent_id.value.as_str())
                .or_insert_with(|| {
                    offer
                        .url
                        .as_ref()
                        .map(|u| {
                            u.address
                                .ip
                                .clone()
                                .unwrap_or_else(|| u.address.hostname.clone().unwrap_or_default())
                        })
                        .unwrap_or_else(|| "127.0.0.1".into())
                });
        }
        let host_ips: HashMap<String, String> = host_ips
            .into_iter()
            .filter(|(agent, _)| placed.contains_key(*agent))
            .map(|(agent, ip)| (agent.to_string(), ip))
            .collect();
        let mut accepts = Vec::new();
        for (agent_id, (_, offer_ids)) in free {
            let Some(pods) = placed.remove(&agent_id) else {
                continue;
            };
            let host_ip = host_ips
                .get(&agent_id)
                .cloned()
                .unwrap_or_else(|| "127.0.0.1".into());
            let mut executor: Option<ExecutorInfo> = None;
            let agent = AgentId {
                value: agent_id.clone(),
            };
            let node = self
                .agents
                .get(&agent_id)
                .map(|a| a.node.clone())
                .unwrap_or_default();
            let mut tasks = Vec::new();
            let mut groups = Vec::new();
            for (pod, resources) in pods {
                let Some((config_maps, secrets)) = bound_pods.remove(&key(&pod)) else {
                    continue;
                };
                let namespace = pod
                    .metadata
                    .namespace
                    .clone()
                    .unwrap_or_else(|| "default".into());
                let pod_task = PodTask {
                    pod: pod.clone(),
                    node_name: node.clone(),
                    host_ip: host_ip.clone(),
                    config_maps,
                    secrets,
                };
                if group_mode {
                    let uid = pod.metadata.uid.clone().unwrap_or_default();
                    let mut executor =
                        task_group::executor_info(&uid, &framework_id, &self.options.role);
                    let share = task_group::executor_request();
                    let Some(executor_resources) = find_fit_in(&resources, &share) else {
                        continue;
                    };
                    let rest = resources.saturating_sub(&executor_resources);
                    executor.resources = executor_resources.into_vec();
                    let host_ip = pod_task.host_ip.clone();
                    let group = match task_group::group_info(&pod_task, &agent, &rest) {
                        Ok(group) => group,
                        Err(error) => {
                            // Bound, but nothing can run: it fails with the reason, as a
                            // kubelet fails a pod it cannot admit.
                            let api: Api<Pod> = Api::namespaced(self.client.clone(), &namespace);
                            let status = serde_json::json!({"status": {
                                "phase": "Failed", "reason": error.reason, "message": error.message}});
                            let _ = api
                                .patch_status(
                                    &pod.name_any(),
                                    &PatchParams::default(),
                                    &Patch::Merge(status),
                                )
                                .await;
                            continue;
                        }
                    };
                    let (request, ports) = demands(&pod, self.options.launch_mode);
                    self.bound.insert(
                        launch::task_id(&uid).value,
                        Bound {
                            request,
                            ports,
                            last_status: None,
                            probe_failures: HashMap::new(),
                            group: Some(Box::new(Group::new(pod.clone(), host_ip))),
                            namespace,
                            name: pod.name_any(),
                            uid,
                            agent: agent.clone(),
                            killing: false,
                            kill_sent: None,
                        },
                    );
                    groups.push(mesos_sdk::offers::launch_group(executor, group));
                    continue;
                }
                let executor = executor.get_or_insert_with(|| {
                    let port = executor_ports.get(&agent_id).copied().flatten();
                    self.options
                        .executor
                        .info_on_port(&framework_id, &self.options.role, port)
                });
                let info = task_info(&pod, pod_task, &agent, executor, resources.into_vec());
                let (request, ports) = demands(&pod, self.options.launch_mode);
                self.bound.insert(
                    info.task_id.value.clone(),
                    Bound {
                        request,
                        ports,
                        last_status: None,
                        probe_failures: HashMap::new(),
                        namespace,
                        name: pod.name_any(),
                        uid: pod.metadata.uid.clone().unwrap_or_default(),
                        agent: agent.clone(),
                        killing: false,
                        kill_sent: None,
                        group: None,
                    },
                );
                tasks.push(info);
            }
            for id in &offer_ids {
                self.offers.remove(&id.value);
            }
            metrics::counter!("k8sm_offers_used_total").increment(offer_ids.len() as u64);
            metrics::counter!("k8sm_launches_total").increment((tasks.len() + groups.len()) as u64);
            let mut operations = if tasks.is_empty() {
                vec![]
            } else {
                vec![launch_op(tasks)]
            };
            operations.extend(groups);
            accepts.push((offer_ids, operations));
        }
        // One ACCEPT per agent, several in flight: each waits for its own answer only (the
        // SDK sends those of different agents side by side when it has connections for it).
        let mesos = &self.mesos;
        futures_util::stream::iter(accepts)
            .for_each_concurrent(ACCEPTS_IN_FLIGHT, |(offer_ids, operations)| async move {
                if let Err(error) = mesos
                    .accept(offer_ids, operations, Some(refuse_for(0.0)))
                    .await
                {
                    tracing::warn!(%error, "ACCEPT failed; the tasks' updates will say what became of them");
                }
            })
            .await;
        tracing::debug!(took = ?started.elapsed(), "scheduling pass launched");
    }

    /// Whether the offer `id` has been held for less than [`OFFER_HOLD`].
    fn offer_fresh(&self, id: &str) -> bool {
        offer_fresh(&self.offered, id)
    }

    /// REVIVE, at most once per [`REVIVE_INTERVAL`]: pods wait that our own refusal
    /// filters (or suppression) may be keeping offers from.
    async fn revive_soon(&mut self) {
        if self
            .last_revive
            .is_some_and(|at| at.elapsed() < REVIVE_INTERVAL)
        {
            return;
        }
        self.last_revive = Some(Instant::now());
        self.suppressed = false;
        tracing::debug!("pods wait for offers: REVIVE");
        if let Err(error) = self.mesos.revive(vec![]).await {
            tracing::warn!(%error, "REVIVE failed");
        }
    }

    /// Binds the pods placed on each agent ([`Scheduler::bind`]), [`BINDINGS_IN_FLIGHT`] at
    /// a time, and reads the ConfigMaps and Secrets each bound pod references; returns
    /// those, by pod key, of the pods bound.
    async fn bind_all(
        &self,
        placed: &HashMap<String, Vec<(Pod, Resources)>>,
    ) -> HashMap<String, Resolved> {
        let mut pods: Vec<(&Pod, &str)> = Vec::new();
        for (agent_id, on_agent) in placed {
            let node = self
                .agents
                .get(agent_id)
                .map(|a| a.node.as_str())
                .unwrap_or_default();
            pods.extend(on_agent.iter().map(|(pod, _)| (pod, node)));
        }
        // By position: a closure taking the references would be too general for the
        // scheduler's future to be `Send`.
        futures_util::stream::iter(0..pods.len())
            .map(|i| self.bind_and_resolve(pods[i].0, pods[i].1))
            .buffer_unordered(BINDINGS_IN_FLIGHT)
            .filter_map(std::future::ready)
            .collect()
            .await
    }

    /// Binds `pod` to `node` and reads the ConfigMaps and Secrets it references (those that
    /// cannot be read are left out); `None` when it cannot be bound.
    async fn bind_and_resolve(&self, pod: &Pod, node: &str) -> Option<(String, Resolved)> {
        if !self.bind(pod, node).await {
            return None;
        }
        let namespace = pod.metadata.namespace.as_deref().unwrap_or("default");
        let spec = pod.spec.as_ref()?;
        let resolved = match launch::resolve(&self.client, namespace, spec).await {
            Ok(found) => found,
            Err(error) => {
                tracing::warn!(pod = %key(pod), %error, "reading the pod's ConfigMaps and Secrets failed");
                Default::default()
            }
        };
        Some((key(pod), resolved))
    }

    /// `pods/binding`, as kube-scheduler's default binder posts it; false when the pod cannot
    /// be bound (conflict or gone).
    async fn bind(&self, pod: &Pod, node: &str) -> bool {
        let namespace = pod
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| "default".into());
        let name = pod.name_any();
        let binding = serde_json::json!({
            "apiVersion": "v1",
            "kind": "Binding",
            "metadata": {"name": name, "namespace": namespace, "uid": pod.metadata.uid},
            "target": {"apiVersion": "v1", "kind": "Node", "name": node},
        });
        let request = http::Request::post(format!(
            "/api/v1/namespaces/{namespace}/pods/{name}/binding"
        ))
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&binding).unwrap_or_default());
        let Ok(request) = request else { return false };
        match self.client.request_text(request).await {
            Ok(_) => {
                let note = format!("Successfully assigned {namespace}/{name} to {node}");
                let _ = scheduled_event(&self.client, pod, note).await;
                let profile = self.profile(pod);
                metrics::counter!("scheduler_schedule_attempts_total", "result" => "scheduled", "profile" => profile.clone()).increment(1);
                if let Some(created) = pod.metadata.creation_timestamp.as_ref() {
                    let since = crate::quantity::now().duration_since(created.0);
                    let seconds = since.as_secs_f64().max(0.0);
                    metrics::histogram!("scheduler_pod_scheduling_duration_seconds", "profile" => profile).record(seconds);
                }
                true
            }
            Err(error) => {
                tracing::warn!(pod = %format!("{namespace}/{name}"), %error, "binding failed; nothing launched");
                metrics::counter!("k8sm_binding_errors_total").increment(1);
                metrics::counter!("scheduler_schedule_attempts_total", "result" => "error", "profile" => self.profile(pod)).increment(1);
                false
            }
        }
    }

    /// The scheduler name a pod asked for: kube-scheduler's `profile` label.
    fn profile(&self, pod: &Pod) -> String {
        pod.spec
            .as_ref()
            .and_then(|s| s.scheduler_name.clone())
            .unwrap_or_else(|| "default-scheduler".into())
    }

    async fn unschedulable(&mut self, pod_key: &str, pod: &Pod, message: &str) {
        metrics::counter!("scheduler_schedule_attempts_total", "result" => "unschedulable", "profile" => self.profile(pod)).increment(1);
        if let Some(entry) = self.pending.get_mut(pod_key) {
            entry.attempts = entry.attempts.saturating_add(1);
            let base = POD_BACKOFF_INITIAL
                .saturating_mul(2u32.saturating_pow(entry.attempts.saturating_sub(1).min(6)))
                .min(POD_BACKOFF_MAX);
            let jitter = base.mul_f64(rand::random::<f64>() * 0.2);
            entry.not_before = Instant::now() + base + jitter;
        }
        let already = pod
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .and_then(|c| c.iter().find(|c| c.type_ == "PodScheduled"))
            .is_some_and(|c| c.status == "False" && c.message.as_deref() == Some(message));
        if already {
            return;
        }
        let api: Api<Pod> = Api::namespaced(
            self.client.clone(),
            pod.metadata.namespace.as_deref().unwrap_or("default"),
        );
        let condition = PodCondition {
            type_: "PodScheduled".into(),
            status: "False".into(),
            reason: Some("Unschedulable".into()),
            message: Some(message.into()),
            last_transition_time: Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
                crate::quantity::now(),
            )),
            ..Default::default()
        };
        let patch = Patch::Strategic(serde_json::json!({"status": {"conditions": [condition]}}));
        if let Err(error) = api
            .patch_status(&pod.name_any(), &PatchParams::default(), &patch)
            .await
        {
            tracing::warn!(pod = %pod_key, %error, "marking the pod unschedulable failed");
        }
        let event = KubeEvent {
            type_: EventType::Warning,
            reason: "FailedScheduling".into(),
            note: Some(message.into()),
            action: "Scheduling".into(),
            secondary: None,
        };
        let _ = self.recorder.publish(&event, &pod.object_ref(&())).await;
    }
}

/// Publishes the `Scheduled` event of a pod just bound, as a [`Recorder`] of the scheduler's
/// [`reporter`] publishes a new event (a pod is bound once, so its event never repeats into
/// a series). Not through the recorder itself: it keeps every event it sent and goes through
/// all of them on each new one, which at tens of thousands of pods costs more than the
/// bindings.
async fn scheduled_event(client: &Client, pod: &Pod, note: String) -> Result<(), kube::Error> {
    use k8s_openapi::api::events::v1::Event as K8sEvent;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta};
    let reporter = reporter();
    let reference = pod.object_ref(&());
    let now = crate::quantity::now();
    let namespace = reference
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into());
    let event = K8sEvent {
        action: Some("Binding".into()),
        reason: Some("Scheduled".into()),
        event_time: Some(MicroTime(now)),
        note: Some(note),
        metadata: ObjectMeta {
            namespace: reference.namespace.clone(),
            name: Some(format!(
                "{}.{:x}",
                reference.name.as_ref().unwrap_or(&reporter.controller),
                now.as_nanosecond()
            )),
            ..Default::default()
        },
        reporting_instance: Some(
            reporter
                .instance
                .clone()
                .unwrap_or_else(|| reporter.controller.clone()),
        ),
        reporting_controller: Some(reporter.controller),
        type_: Some("Normal".into()),
        regarding: Some(reference),
        ..Default::default()
    };
    Api::<K8sEvent>::namespaced(client.clone(), &namespace)
        .create(&PostParams::default(), &event)
        .await?;
    Ok(())
}

/// The reporter of the scheduler's own events: `k8sm-scheduler`, instance `$HOSTNAME`.
fn reporter() -> Reporter {
    Reporter {
        controller: "k8sm-scheduler".into(),
        instance: std::env::var("HOSTNAME").ok(),
    }
}

/// A port for an executor's log endpoint among the unreserved offered ones (the executor's
/// resources are unreserved), at random rather than the lowest `any_ports` would give:
/// agents that share a host and its port ranges (upstream's `mesos-local`, the test peers,
/// several frameworks' executors) then rarely pick the same one; Marathon assigns host ports
/// the same way.
fn pick_port(available: &Resources) -> Option<u16> {
    let mut valid = Ranges::default();
    valid.insert(1..=u64::from(u16::MAX));
    let ports = available.unreserved().ports().intersection(&valid);
    let count = u64::try_from(ports.value_count()).ok()?;
    if count == 0 {
        return None;
    }
    let mut nth = rand::random_range(0..count);
    for range in ports.iter() {
        let len = range.end() - range.start() + 1;
        if nth < len {
            let port = u16::try_from(range.start() + nth).ok()?;
            // Carved as any request is, so the executor's port is one ACCEPT can take.
            let request = mesos_sdk::offers::ResourceRequest::new().port(u64::from(port));
            return find_fit_in(available, &request).map(|_| port);
        }
        nth -= len;
    }
    None
}

/// A Failed pod status for a task that ended without the executor's report.
/// The status of a pod whose task ended without a report of its executor's (the executor
/// died with it, or the agent or the master ended it): Failed, with what Mesos said turned
/// into what Kubernetes users know. The agent's memory limitation is the kubelet's
/// `OOMKilled` (each container of `last` that had not ended is terminated so, exit code 137,
/// as a runtime reports a SIGKILL by the OOM killer); its disk limitation is an eviction
/// (`Evicted`); an agent removed or gone for good is `NodeLost`, as the node lifecycle
/// controller words a pod on a vanished node. Anything else is `TaskFailed` with the task's
/// state and message.
/// What a failed Mesos check says, in the kubelet's words for a failed probe.
fn check_failure(check: Option<&mesos_sdk::v1::CheckStatusInfo>) -> String {
    let Some(check) = check else {
        return "check failed".into();
    };
    if let Some(code) = check.http.and_then(|h| h.status_code) {
        return format!("HTTP probe failed with statuscode: {code}");
    }
    if let Some(code) = check.command.and_then(|c| c.exit_code) {
        return format!("command failed with exit code {code}");
    }
    if check.tcp.is_some() {
        return "TCP probe failed: connection refused".into();
    }
    "probe failed".into()
}

fn failed_status(status: &TaskStatus, last: Option<&PodStatus>) -> PodStatus {
    use mesos_sdk::v1::task_status::Reason;
    let state = status.state().as_str_name();
    let detail = status.message.clone().unwrap_or_default();
    let said = |what: &str| {
        if detail.is_empty() {
            what.to_string()
        } else {
            format!("{what}: {detail}")
        }
    };
    let reason = status.reason.and_then(|r| Reason::try_from(r).ok());
    let gone = matches!(
        status.state(),
        TaskState::TaskGone | TaskState::TaskGoneByOperator
    ) || matches!(
        reason,
        Some(Reason::AgentRemoved | Reason::AgentRemovedByOperator)
    );
    let (pod_reason, message, container_reason) = match reason {
        Some(Reason::ContainerLimitationMemory) => (
            "OOMKilled",
            said("the pod's executor exceeded its memory limit and was killed"),
            Some("OOMKilled"),
        ),
        Some(Reason::ContainerLimitationDisk) => (
            "Evicted",
            said("the pod's executor exceeded its disk limit"),
            Some("Error"),
        ),
        Some(Reason::ContainerLimitation) => (
            "ContainerLimitation",
            said("the pod's executor exceeded a limit of its agent's"),
            Some("Error"),
        ),
        _ if gone => (
            "NodeLost",
            said("the pod's node (its Mesos agent) is gone"),
            Some("Error"),
        ),
        _ => (
            "TaskFailed",
            said(&format!("the pod's Mesos task ended as {state}")),
            None,
        ),
    };
    let mut pod = last.cloned().unwrap_or_default();
    pod.phase = Some("Failed".into());
    pod.reason = Some(pod_reason.into());
    pod.message = Some(message);
    if let Some(container_reason) = container_reason {
        let exit_code = if container_reason == "OOMKilled" {
            137
        } else {
            1
        };
        let finished = Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
            crate::quantity::now(),
        ));
        for container in pod
            .container_statuses
            .iter_mut()
            .flatten()
            .chain(pod.init_container_statuses.iter_mut().flatten())
        {
            let ended = container
                .state
                .as_ref()
                .is_some_and(|s| s.terminated.is_some());
            if ended {
                continue;
            }
            let started_at = container
                .state
                .as_ref()
                .and_then(|s| s.running.as_ref())
                .and_then(|r| r.started_at.clone());
            container.last_state = container.state.take().filter(|s| s.running.is_none());
            container.ready = false;
            container.started = Some(false);
            container.state = Some(k8s_openapi::api::core::v1::ContainerState {
                terminated: Some(k8s_openapi::api::core::v1::ContainerStateTerminated {
                    exit_code,
                    reason: Some(container_reason.into()),
                    started_at,
                    finished_at: finished.clone(),
                    container_id: container.container_id.clone(),
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
    }
    for condition in pod.conditions.iter_mut().flatten() {
        if condition.type_ == "Ready" || condition.type_ == "ContainersReady" {
            condition.status = "False".into();
            condition.reason = Some("PodFailed".into());
        }
    }
    pod
}

/// An offer's resources, each marked with the offer's allocation (MULTI_ROLE frameworks must
/// hand them back so).
fn offer_resources(offer: &Offer) -> Resources {
    let mut out = Resources::default();
    for resource in &offer.resources {
        let mut resource = resource.clone();
        if resource.allocation_info.is_none() {
            resource.allocation_info = offer.allocation_info.clone();
        }
        let _ = out.add_resource(&resource);
    }
    out
}

/// How many feasible nodes kube-scheduler looks for before it stops and scores them, with
/// the default `percentageOfNodesToScore` (adaptive): all nodes below 100, otherwise
/// 50% less 1% per 125 nodes, at least 5% and at least 100 nodes
/// (`numFeasibleNodesToFind` in kube-scheduler's `pkg/scheduler/schedule_one.go`).
fn num_feasible_nodes_to_find(nodes: usize) -> usize {
    const MIN_FEASIBLE_NODES_TO_FIND: usize = 100;
    const MIN_FEASIBLE_NODES_PERCENTAGE: usize = 5;
    if nodes < MIN_FEASIBLE_NODES_TO_FIND {
        return nodes;
    }
    let percentage = 50usize
        .saturating_sub(nodes / 125)
        .max(MIN_FEASIBLE_NODES_PERCENTAGE);
    (nodes * percentage / 100).max(MIN_FEASIBLE_NODES_TO_FIND)
}

/// Whether the offer `id` arrived less than [`OFFER_HOLD`] ago.
fn offer_fresh(offered: &HashMap<String, Offered>, id: &str) -> bool {
    offered.get(id).is_some_and(|o| o.at.elapsed() < OFFER_HOLD)
}

/// An agent as a scheduling pass sees it. By Kubernetes' accounting: its total less what
/// our pods there hold (`held`) and our executor's share. By its offers: what is
/// `available`, less what our executor takes where it is still to start there (`executor`:
/// its resources, `None` when they are not offered; not given where it runs or was placed).
fn agent_view<'a>(
    node: Option<&'a Node>,
    agent: &Agent,
    held: Option<&(Request, BTreeSet<u16>)>,
    executor_share: Request,
    available: Option<&Resources>,
    executor: Option<&Option<Resources>>,
) -> AgentView<'a> {
    let none = BTreeSet::new();
    let (used, used_ports) = held.map_or((Request::default(), &none), |(r, p)| (*r, p));
    let accounted = Request {
        cpus: agent.total.cpus - used.cpus - executor_share.cpus,
        mem: agent.total.mem - used.mem - executor_share.mem,
    };
    let accounted_ports = if used_ports.is_empty() {
        agent.ports.clone()
    } else {
        agent
            .ports
            .difference(&used_ports.iter().map(|p| u64::from(*p)).collect())
    };
    let none = Resources::default();
    let less;
    let usable = match (executor, available) {
        (Some(Some(executor)), available) => {
            less = available.unwrap_or(&none).saturating_sub(executor);
            &less
        }
        (Some(None), _) | (None, None) => &none,
        (None, Some(available)) => available,
    };
    AgentView {
        node,
        total: agent.total,
        accounted,
        accounted_ports,
        offered: Request {
            cpus: usable.cpus().to_f64(),
            mem: usable.mem().to_f64() * 1024.0 * 1024.0,
        },
        offered_ports: usable.ports(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feasible_nodes_to_find_as_kube_scheduler_counts_them() {
        // Small clusters: every node.
        assert_eq!(num_feasible_nodes_to_find(3), 3);
        assert_eq!(num_feasible_nodes_to_find(99), 99);
        // 100 nodes: 50% - 0 = 50 nodes, raised to the minimum of 100.
        assert_eq!(num_feasible_nodes_to_find(100), 100);
        // 500 nodes: 46% = 230; 5,000 nodes: 10% = 500; 10,000 nodes: the 5% floor.
        assert_eq!(num_feasible_nodes_to_find(500), 230);
        assert_eq!(num_feasible_nodes_to_find(5_000), 500);
        assert_eq!(num_feasible_nodes_to_find(10_000), 500);
    }

    #[test]
    fn mesos_reasons_become_what_kubernetes_users_know() {
        use mesos_sdk::v1::task_status::Reason;
        let last: PodStatus = serde_json::from_value(serde_json::json!({
            "phase": "Running",
            "conditions": [{"type": "Ready", "status": "True"}],
            "containerStatuses": [{"name": "main", "image": "", "imageID": "", "ready": true,
                "restartCount": 0, "state": {"running": {"startedAt": "2026-01-01T00:00:00Z"}}}]
        }))
        .unwrap();
        let ended = |state: TaskState, reason: Option<Reason>| TaskStatus {
            state: state as i32,
            reason: reason.map(|r| r as i32),
            message: Some("said by Mesos".into()),
            ..Default::default()
        };
        let oom = failed_status(
            &ended(
                TaskState::TaskFailed,
                Some(Reason::ContainerLimitationMemory),
            ),
            Some(&last),
        );
        assert_eq!(oom.phase.as_deref(), Some("Failed"));
        assert_eq!(oom.reason.as_deref(), Some("OOMKilled"));
        assert!(oom.message.as_deref().unwrap().ends_with(": said by Mesos"));
        let container = &oom.container_statuses.as_ref().unwrap()[0];
        let terminated = container
            .state
            .as_ref()
            .unwrap()
            .terminated
            .as_ref()
            .unwrap();
        assert_eq!(
            (
                terminated.reason.as_deref(),
                terminated.exit_code,
                container.ready
            ),
            (Some("OOMKilled"), 137, false)
        );
        assert!(terminated.started_at.is_some(), "the run's start is kept");
        let ready = oom.conditions.as_ref().unwrap()[0].clone();
        assert_eq!(ready.status, "False");

        let evicted = failed_status(
            &ended(TaskState::TaskFailed, Some(Reason::ContainerLimitationDisk)),
            Some(&last),
        );
        assert_eq!(evicted.reason.as_deref(), Some("Evicted"));
        let gone = failed_status(&ended(TaskState::TaskGone, None), Some(&last));
        assert_eq!(gone.reason.as_deref(), Some("NodeLost"));
        let removed = failed_status(
            &ended(TaskState::TaskLost, Some(Reason::AgentRemoved)),
            None,
        );
        assert_eq!(removed.reason.as_deref(), Some("NodeLost"));
        let other = failed_status(
            &ended(TaskState::TaskError, Some(Reason::TaskInvalid)),
            None,
        );
        assert_eq!(other.reason.as_deref(), Some("TaskFailed"));
        assert_eq!(
            other.message.as_deref(),
            Some("the pod's Mesos task ended as TASK_ERROR: said by Mesos")
        );
    }

    #[test]
    fn executor_ports_are_unreserved_offered_ones() {
        let one = Resources::parse("cpus:1;ports:[31005-31005]").expect("resources");
        assert_eq!(pick_port(&one), Some(31005));
        let wide = Resources::parse("ports:[31000-31009,32000-32009]").expect("resources");
        for _ in 0..50 {
            let port = pick_port(&wide).expect("a port");
            assert!((31000..=31009).contains(&port) || (32000..=32009).contains(&port));
        }
        let reserved = Resources::parse("ports(web):[31000-31009]").expect("resources");
        assert_eq!(pick_port(&reserved), None);
        assert_eq!(pick_port(&Resources::default()), None);
    }
}
