//! Soak under k8sm: the SDK soak's seeded fault schedule (`mesos_test_peers::soak`), with the
//! `k8sm scheduler` process following two mesos-sim masters elected through a real
//! ZooKeeper, pods on the embedded API server, and the agents running the real
//! `k8sm executor`. The test plays the pods' controller: it keeps `PODS` pods, replacing one
//! that ends Failed (as a ReplicaSet would), and churns them (deletes one, creates another)
//! every few seconds while the faults run: leader failovers, ZooKeeper session expiry,
//! dropped streams, stopped heartbeats, agent restarts, stops and losses, and the scheduler
//! SIGKILLed and started again.
//!
//! At the end: every pod Running on exactly one task (the master's, on the agent of the pod's
//! Node, and one container process, never restarted), no task launched twice, no task
//! without a pod, no process of a deleted pod, nothing unacknowledged.
//!
//! `SOAK_SEED=<u64>` replays a run; `SOAK_SECS=<secs>` sets the length of the fault phase
//! (default 60 s). A failure prints the seed, the schedule, the journal and the scheduler's
//! log, and keeps the work folder (the scheduler's log, the executors' sandboxes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use k8s_framework::apiserver::{ApiServer, ApiServerConfig};
use k8s_framework::scheduler::launch;
use k8s_framework::scheduler::nodes::AGENT_ID_ANNOTATION;
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{DeleteParams, ListParams, PostParams};
use kube::{Api, Client};
use mesos_sim::Cluster;
use mesos_test_peers::soak::{
    self, Action, ClusterFaults, FailureReport, Fault, FaultKind, Journal, Schedule,
    ScheduleConfig, SoakRng,
};
use mesos_test_peers::zk::ZkServer;
use tokio::time::Instant;

const K8SM: &str = env!("CARGO_BIN_EXE_k8sm");
/// Pods the test keeps.
const PODS: usize = 6;
const AGENTS: usize = 3;
/// The master's heartbeat interval; k8sm's session gives up after five silent intervals.
const HEARTBEAT: Duration = Duration::from_secs(1);
const AGENT_UNREACHABLE_AFTER: Duration = Duration::from_secs(6);
const DEFAULT_LENGTH: Duration = Duration::from_secs(60);
const SETTLE_WITHIN: Duration = Duration::from_secs(150);
/// Pods that end are replaced, this many at most.
const MAX_REPLACEMENTS: usize = 3 * PODS;

/// One pod the test created.
#[derive(Debug)]
struct PodRecord {
    uid: String,
    /// The number its container sleeps, unique to the pod: its process is found by it.
    marker: String,
    /// Why the test deleted it, if it did.
    deleted: Option<String>,
}

/// The pods, as their controller (the test) knows them.
#[derive(Debug, Default)]
struct Workload {
    next: u32,
    pods: BTreeMap<String, PodRecord>,
    replaced_failed: Vec<String>,
    churned: u32,
}

type SharedWorkload = Arc<Mutex<Workload>>;

fn lock(workload: &SharedWorkload) -> std::sync::MutexGuard<'_, Workload> {
    workload.lock().unwrap_or_else(|e| e.into_inner())
}

fn pod_manifest(name: &str, marker: &str) -> Pod {
    serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "labels": {"soak": "yes"}},
        "spec": {
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 2,
            "containers": [{"name": "main", "image": "busybox",
                            "command": ["sh", "-c", format!("exec sleep {marker}")],
                            "resources": {"requests": {"cpu": "100m", "memory": "32Mi"}}}],
        },
    }))
    .expect("a pod")
}

/// Creates the next pod.
async fn create_pod(pods: &Api<Pod>, workload: &SharedWorkload, journal: &Journal, why: &str) {
    let (name, marker) = {
        let mut w = lock(workload);
        w.next += 1;
        (
            format!("soak-{:03}", w.next),
            format!("77{}{:03}", std::process::id(), w.next),
        )
    };
    let created = pods
        .create(&PostParams::default(), &pod_manifest(&name, &marker))
        .await
        .expect("the API server creates the pod");
    let uid = created.metadata.uid.clone().expect("a uid");
    journal.record(format_args!(
        "created pod {name} ({why}), task {}",
        launch::task_id(&uid).value
    ));
    lock(workload).pods.insert(
        name,
        PodRecord {
            uid,
            marker,
            deleted: None,
        },
    );
}

fn phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or_default()
}

/// The controller: replaces pods that ended (up to [`MAX_REPLACEMENTS`]: pods that keep
/// failing are a failure of their own), and (while `churn` holds) deletes a running pod and
/// creates another every 6 to 12 s.
async fn controller(
    client: Client,
    workload: SharedWorkload,
    journal: Journal,
    mut rng: SoakRng,
    churn: tokio::sync::watch::Receiver<bool>,
) {
    let pods: Api<Pod> = Api::namespaced(client, "default");
    let mut next_churn =
        Instant::now() + rng.between((Duration::from_secs(6), Duration::from_secs(12)));
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    loop {
        tick.tick().await;
        let Ok(list) = pods.list(&ListParams::default().labels("soak=yes")).await else {
            continue;
        };
        for pod in &list.items {
            let name = pod.metadata.name.clone().unwrap_or_default();
            let ended = matches!(phase(pod), "Failed" | "Succeeded");
            if !ended || pod.metadata.deletion_timestamp.is_some() {
                continue;
            }
            if lock(&workload).replaced_failed.len() >= MAX_REPLACEMENTS {
                continue;
            }
            let why = pod
                .status
                .as_ref()
                .map(|s| {
                    format!(
                        "{} {}: {}",
                        phase(pod),
                        s.reason.clone().unwrap_or_default(),
                        s.message.clone().unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            journal.record(format_args!("pod {name} ended ({why}); replacing it"));
            let _ = pods.delete(&name, &DeleteParams::default()).await;
            {
                let mut w = lock(&workload);
                if let Some(record) = w.pods.get_mut(&name) {
                    record.deleted = Some(format!("ended: {why}"));
                }
                w.replaced_failed.push(format!("{name}: {why}"));
            }
            create_pod(&pods, &workload, &journal, "replacement").await;
        }
        if *churn.borrow() && Instant::now() >= next_churn {
            next_churn =
                Instant::now() + rng.between((Duration::from_secs(6), Duration::from_secs(12)));
            let mut running: Vec<String> = list
                .items
                .iter()
                .filter(|p| phase(p) == "Running" && p.metadata.deletion_timestamp.is_none())
                .filter_map(|p| p.metadata.name.clone())
                .collect();
            running.sort();
            if running.is_empty() {
                continue;
            }
            let name = running[rng.below(running.len() as u64) as usize].clone();
            journal.record(format_args!("churn: deleting pod {name}"));
            let _ = pods.delete(&name, &DeleteParams::default()).await;
            {
                let mut w = lock(&workload);
                if let Some(record) = w.pods.get_mut(&name) {
                    record.deleted = Some("churn".into());
                }
                w.churned += 1;
            }
            create_pod(&pods, &workload, &journal, "churn").await;
        }
    }
}

/// `k8sm scheduler` as a process of its own, SIGKILLed and started again by the schedule.
struct SchedulerProcess {
    zk_url: String,
    dir: PathBuf,
    child: Option<tokio::process::Child>,
    starts: u32,
}

impl SchedulerProcess {
    fn start(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("scheduler.log"))
            .expect("log");
        // A private copy: the scheduler passes its own path to the agents as the executor's,
        // and a rebuild of the workspace during the soak must not swap binaries under it.
        let binary = self.dir.join("k8sm");
        if !binary.exists() {
            std::fs::copy(K8SM, &binary).expect("copy k8sm");
        }
        let child = tokio::process::Command::new(&binary)
            .arg("scheduler")
            .arg("--master")
            .arg(&self.zk_url)
            .arg("--kubeconfig")
            .arg(self.dir.join("kubeconfig"))
            .arg("--failover-timeout")
            .arg("1hrs")
            .env("RUST_LOG", "info,k8s_framework=debug")
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("k8sm scheduler starts");
        self.child = Some(child);
        self.starts += 1;
    }

    async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.start_kill();
            let _ = child.wait().await;
        }
    }
}

/// The last lines of the scheduler's log.
fn scheduler_log(dir: &Path) -> String {
    let log = std::fs::read_to_string(dir.join("scheduler.log")).unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(200)..].join("\n")
}

/// The warnings and errors the executors logged (their sandboxes' `stderr`), last ones.
fn executor_warnings(dir: &Path) -> String {
    let mut lines = Vec::new();
    let mut stack = vec![dir.join("agents")];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "stderr") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                lines.extend(
                    text.lines()
                        .filter(|l| {
                            // Reconnecting to a restarted agent is expected noise.
                            (l.contains(" WARN ") || l.contains(" ERROR "))
                                && !l.contains("disconnected from the agent")
                                && !l.contains("not delivered now")
                        })
                        .map(str::to_string),
                );
            }
        }
    }
    lines.sort();
    lines[lines.len().saturating_sub(60)..].join("\n")
}

/// How many processes have `marker` as an argument.
fn processes_with(marker: &str) -> usize {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            std::fs::read(e.path().join("cmdline"))
                .is_ok_and(|c| c.split(|b| *b == 0).any(|arg| arg == marker.as_bytes()))
        })
        .count()
}

/// A task as the master's `/state` lists it.
#[derive(Debug)]
struct MasterTask {
    /// `tasks`, `unreachable_tasks` or `completed_tasks`.
    list: String,
    state: String,
    agent: String,
}

/// The master's tasks (of the one framework) by id, and the ids it lists twice.
fn master_tasks(cluster: &Cluster) -> (BTreeMap<String, MasterTask>, Vec<String>) {
    let state = cluster.state();
    let mut tasks = BTreeMap::new();
    let mut twice = Vec::new();
    for framework in state["frameworks"].as_array().into_iter().flatten() {
        for list in ["tasks", "unreachable_tasks", "completed_tasks"] {
            for task in framework[list].as_array().into_iter().flatten() {
                let id = task["id"].as_str().unwrap_or_default().to_string();
                let entry = MasterTask {
                    list: list.to_string(),
                    state: task["state"].as_str().unwrap_or_default().to_string(),
                    agent: task["slave_id"].as_str().unwrap_or_default().to_string(),
                };
                if tasks.insert(id.clone(), entry).is_some() {
                    twice.push(id);
                }
            }
        }
    }
    (tasks, twice)
}

/// What is still wrong with the end state, if anything.
async fn end_state(
    client: &Client,
    cluster: &Cluster,
    workload: &SharedWorkload,
) -> Option<String> {
    let pods: Api<Pod> = Api::namespaced(client.clone(), "default");
    let nodes: Api<Node> = Api::all(client.clone());
    let list = match pods.list(&ListParams::default().labels("soak=yes")).await {
        Ok(list) => list.items,
        Err(e) => return Some(format!("listing pods: {e}")),
    };
    if list.len() != PODS {
        let names: Vec<_> = list
            .iter()
            .filter_map(|p| p.metadata.name.clone())
            .collect();
        return Some(format!(
            "{} pods exist (Terminating ones included): {names:?}",
            list.len()
        ));
    }
    let (tasks, _) = master_tasks(cluster);
    let mut expected_tasks = BTreeSet::new();
    for pod in &list {
        let name = pod.metadata.name.clone().unwrap_or_default();
        let node = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.clone())
            .unwrap_or_default();
        if phase(pod) != "Running" || node.is_empty() {
            return Some(format!("pod {name} is {} on {node:?}", phase(pod)));
        }
        let task = launch::task_id(pod.metadata.uid.as_deref().unwrap_or_default()).value;
        let agent = match nodes.get(&node).await {
            Ok(n) => n
                .metadata
                .annotations
                .and_then(|a| a.get(AGENT_ID_ANNOTATION).cloned())
                .unwrap_or_default(),
            Err(e) => return Some(format!("node {node}: {e}")),
        };
        match tasks.get(&task) {
            Some(t) if t.list == "tasks" && t.state == "TASK_RUNNING" && t.agent == agent => {}
            other => {
                return Some(format!(
                    "pod {name} on {node} ({agent}): its task {task} is {other:?} at the master"
                ));
            }
        }
        let marker = lock(workload)
            .pods
            .get(&name)
            .map(|r| r.marker.clone())
            .unwrap_or_default();
        let processes = processes_with(&marker);
        if processes != 1 {
            return Some(format!("pod {name} has {processes} container processes"));
        }
        expected_tasks.insert(task);
    }
    let active: BTreeSet<String> = tasks
        .iter()
        .filter(|(_, t)| t.list != "completed_tasks")
        .map(|(id, _)| id.clone())
        .collect();
    if active != expected_tasks {
        return Some(format!(
            "the master's active tasks {active:?} are not the pods' {expected_tasks:?}"
        ));
    }
    let w = lock(workload);
    for (name, record) in w.pods.iter().filter(|(_, r)| r.deleted.is_some()) {
        let processes = processes_with(&record.marker);
        if processes != 0 {
            return Some(format!(
                "deleted pod {name} still has {processes} processes"
            ));
        }
    }
    let framework = cluster
        .framework_ids()
        .into_iter()
        .next()
        .unwrap_or_default();
    for id in tasks.keys() {
        let pending = cluster.unacknowledged_updates(&framework, id);
        if pending > 0 {
            return Some(format!("{id} has {pending} unacknowledged updates"));
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pods_survive_faults_with_nothing_lost() {
    let seed = soak::seed_from_env();
    let length = soak::length_from_env(DEFAULT_LENGTH);
    let mut config = ScheduleConfig::new(seed, length, AGENTS);
    // k8sm's watchdog gives up after five heartbeat intervals.
    config.heartbeat_silence = (Duration::from_secs(6), Duration::from_secs(9));
    let schedule = Schedule::generate(&config);
    eprintln!("{schedule}");
    let journal = Journal::new();
    let report = FailureReport::new("k8sm", &schedule, &journal);
    let started = Instant::now();

    let zk = ZkServer::start().await;
    let dir = std::env::temp_dir().join(format!("k8sm-soak-{}-{seed}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("work dir");
    let cluster = Arc::new(
        Cluster::builder()
            .agents(AGENTS)
            .standby_masters(1)
            .zookeeper(zk.url("/mesos"))
            .heartbeat_interval(HEARTBEAT)
            .status_update_retry(Duration::from_secs(1))
            .agent_unreachable_after(AGENT_UNREACHABLE_AFTER)
            .allocation_interval(Duration::from_millis(250))
            .work_dir(dir.join("agents"))
            .start()
            .await
            .expect("a cluster electing through ZooKeeper"),
    );
    let server = ApiServer::start(ApiServerConfig::default().with_grace_expiry(false))
        .await
        .expect("API server");
    server
        .write_kubeconfig(&dir.join("kubeconfig"))
        .expect("kubeconfig");
    let mut kube_config = kube::Config::new(server.url().parse().expect("url"));
    kube_config.default_namespace = "default".into();
    let client = Client::try_from(kube_config).expect("client");
    let scheduler = Arc::new(tokio::sync::Mutex::new(SchedulerProcess {
        zk_url: zk.url("/mesos"),
        dir: dir.clone(),
        child: None,
        starts: 0,
    }));
    scheduler.lock().await.start();
    let fail = |message: String| -> ! {
        report.fail(format!(
            "{message}\n\nscheduler log (tail):\n{}\n\nexecutors' warnings (tail):\n{}\n\n\
             kept for inspection: {} (scheduler.log, the agents' sandboxes)",
            scheduler_log(&dir),
            executor_warnings(&dir),
            dir.display()
        ))
    };

    let workload: SharedWorkload = Arc::default();
    let pods: Api<Pod> = Api::namespaced(client.clone(), "default");
    for _ in 0..PODS {
        create_pod(&pods, &workload, &journal, "initial").await;
    }
    let mut rng = SoakRng::new(seed);
    let (churn, churning) = tokio::sync::watch::channel(true);
    let controller = tokio::spawn(controller(
        client.clone(),
        workload.clone(),
        journal.clone(),
        rng.fork(),
        churning,
    ));
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let list = pods
            .list(&ListParams::default().labels("soak=yes"))
            .await
            .expect("pods");
        let running = list.items.iter().filter(|p| phase(p) == "Running").count();
        if running == PODS {
            break;
        }
        if Instant::now() > deadline {
            fail(format!(
                "only {running}/{PODS} pods Running before the faults"
            ));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    journal.record(format_args!("{PODS} pods running; faults start"));

    let faults = ClusterFaults::new(cluster.clone(), &journal);
    soak::run(&schedule, &journal, |action| {
        let (faults, scheduler) = (faults.clone(), scheduler.clone());
        async move {
            match action {
                Action::Inject(Fault::RestartScheduler { .. }) => {
                    scheduler.lock().await.kill().await
                }
                Action::Heal(Fault::RestartScheduler { .. }) => scheduler.lock().await.start(),
                _ => return faults.apply(action).await,
            }
            String::new()
        }
    })
    .await;
    faults.finish().await;
    churn.send_replace(false);
    journal.record("faults over; churn stops");
    let errors = faults.errors();
    if !errors.is_empty() {
        fail(format!("faults could not be applied: {errors:#?}"));
    }

    let deadline = Instant::now() + SETTLE_WITHIN;
    loop {
        if controller.is_finished() {
            fail("the pods' controller stopped (it panics if the API server refuses a pod)".into());
        }
        let Some(wrong) = end_state(&client, &cluster, &workload).await else {
            break;
        };
        if Instant::now() > deadline {
            fail(format!("not settled within {SETTLE_WITHIN:?}: {wrong}"));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    journal.record(format_args!(
        "settled: {PODS} pods Running, one task and one process each"
    ));
    controller.abort();

    // Their containers never exit: a restart means a fault reached a running pod.
    let list = pods
        .list(&ListParams::default().labels("soak=yes"))
        .await
        .expect("pods");
    let restarted: Vec<String> = list
        .items
        .iter()
        .filter(|p| {
            p.status
                .as_ref()
                .and_then(|s| s.container_statuses.as_ref())
                .is_some_and(|c| c.iter().any(|c| c.restart_count > 0))
        })
        .filter_map(|p| p.metadata.name.clone())
        .collect();
    if !restarted.is_empty() {
        fail(format!("containers restarted in pods {restarted:?}"));
    }
    let starts = scheduler.lock().await.starts;
    let (tasks, twice) = master_tasks(&cluster);
    if !twice.is_empty() {
        fail(format!(
            "tasks launched twice (the master lists them twice): {twice:?}"
        ));
    }
    let summary = {
        let w = lock(&workload);
        let uids: BTreeSet<String> = w
            .pods
            .values()
            .map(|r| launch::task_id(&r.uid).value)
            .collect();
        let strangers: Vec<&String> = tasks.keys().filter(|id| !uids.contains(*id)).collect();
        if !strangers.is_empty() {
            fail(format!(
                "the master has tasks of no pod the test created: {strangers:?}"
            ));
        }
        if length >= Duration::from_secs(40) && schedule.kinds().len() != FaultKind::ALL.len() {
            fail(format!("the schedule lacks kinds: {:?}", schedule.kinds()));
        }
        format!(
            "{} pods created, {} churned, {} replaced after ending ({:?})",
            w.pods.len(),
            w.churned,
            w.replaced_failed.len(),
            w.replaced_failed,
        )
    };
    eprintln!(
        "k8sm soak passed (seed {seed}) in {:.0?}: {} faults; {summary}; {} tasks at the \
         master; {starts} scheduler starts\n{}",
        started.elapsed(),
        schedule.steps.len(),
        tasks.len(),
        journal,
    );
    scheduler.lock().await.kill().await;
    let _ = std::fs::remove_dir_all(&dir);
}
