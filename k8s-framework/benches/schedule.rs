//! Scheduling throughput of `k8sm scheduler` at scale: the embedded API server, a synthetic
//! mesos-sim cluster (agents that run no processes: a task of the k8sm executor is reported
//! RUNNING at once and runs until killed) and the scheduler, all in this process, as
//! kube-scheduler's `scheduler_perf` runs its SchedulingBasic workload (5,000 nodes with
//! 4 cores and 32 GiB each, pods asking for 100m and 500 MiB).
//!
//! `cargo bench -p k8s-framework --bench schedule -- --noplot`
//!
//! 1. The headline run, once, as `mesos-sim/benches/scale.rs` runs its big scenarios: with
//!    every agent registered as a Node, `K8SM_BENCH_PODS` pods (default 50,000) are created
//!    by `K8SM_BENCH_CREATORS` concurrent clients (default 32), as a controller creates them,
//!    and the run ends when every pod's task is TASK_RUNNING in mesos-sim (the scheduler
//!    binds before it launches, so a running task's pod is bound; this is checked at the
//!    end). Printed: pods/s (pods over the time from the first creation to the last task
//!    running), p50/p99 creation-to-launch latency (creation: when the client sent the
//!    create; launch: the timestamp of the task's TASK_RUNNING in the simulated master), and
//!    the process' resident memory growth per pod (`/proc/self/statm`; the API server, the
//!    simulated Mesos and the scheduler all count).
//! 2. Criterion, on the same cluster: each iteration is a wave of `K8SM_BENCH_WAVE` pods
//!    (default 1,000; 0 skips it) created at once and waited for until all run, timed from
//!    the first creation to the last TASK_RUNNING; criterion reports it as pods/s.
//!
//! `K8SM_BENCH_AGENTS` (default 5,000) sets the cluster's size. `RUST_LOG` turns on logs.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use criterion::{Criterion, SamplingMode, Throughput};
use futures_util::{StreamExt, TryStreamExt};
use k8s_framework::apiserver::{ApiServer, ApiServerConfig};
use k8s_framework::scheduler::{SchedulerOptions, run_until};
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{ListParams, PostParams};
use kube::runtime::{WatchStreamExt, watcher};
use kube::{Api, Client, ResourceExt};
use mesos_sdk::v1::TaskState;
use mesos_sim::Cluster;

// The allocator of the `k8sm` binary, whose parts this bench runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How long anything may take before the bench gives up.
const DEADLINE: Duration = Duration::from_secs(1800);

fn setting(name: &str, default: usize) -> usize {
    std::env::var(format!("K8SM_BENCH_{name}"))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Resident memory of this process, from `/proc/self/statm`.
fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4096)
}

/// Seconds since the Unix epoch, as Mesos writes timestamps.
fn now_secs() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// scheduler_perf's `pod-default.yaml`: one pause container asking for 100m and 500 MiB.
fn pod(name: &str) -> Pod {
    serde_json::from_value(serde_json::json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "containers": [{
                "name": "pause",
                "image": "registry.k8s.io/pause:3.10",
                "ports": [{"containerPort": 80}],
                "resources": {
                    "requests": {"cpu": "100m", "memory": "500Mi"},
                    "limits": {"cpu": "100m", "memory": "500Mi"},
                },
            }],
        },
    }))
    .expect("a pod")
}

/// The running system under test.
struct Bench {
    cluster: Cluster,
    _server: ApiServer,
    client: Client,
    framework_id: String,
    creators: usize,
    /// Pods created so far (names are unique across waves).
    created: usize,
    _teardown: tokio::sync::oneshot::Sender<()>,
}

/// What one wave of pods measured.
struct Wave {
    pods: usize,
    /// From the first create sent to the last task running.
    span: Duration,
    /// From the first create sent to the last create answered.
    creating: Duration,
    /// Creation-to-launch latencies, sorted.
    latencies: Vec<Duration>,
}

impl Wave {
    fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let index =
            ((self.latencies.len() as f64 * p).ceil() as usize).clamp(1, self.latencies.len()) - 1;
        self.latencies[index]
    }

    fn rate(&self) -> f64 {
        self.pods as f64 / self.span.as_secs_f64().max(1e-9)
    }
}

impl Bench {
    async fn start(agents: usize, creators: usize) -> Bench {
        let server = ApiServer::start(ApiServerConfig::default().with_grace_expiry(false))
            .await
            .expect("API server");
        let cluster = Cluster::builder()
            .synthetic(true)
            .agents(agents)
            // scheduler_perf's node: 4 cores, 32 GiB, and the ports a Mesos agent offers by
            // default (the executor takes one for its log endpoint).
            .agent_resources("cpus:4;mem:32768;disk:102400;ports:[31000-32000]")
            .heartbeat_interval(Duration::from_secs(3600))
            .event_queue_capacity(1 << 20)
            .start()
            .await
            .expect("mesos-sim");
        let mut config = kube::Config::new(server.url().parse().expect("url"));
        config.default_namespace = "default".into();
        let client = Client::try_from(config).expect("client");
        let detector = mesos_sdk::detector::for_url(&cluster.master_url()).expect("detector");
        let (teardown, stop) = tokio::sync::oneshot::channel::<()>();
        let options = SchedulerOptions::new("/nonexistent/k8sm");
        let scheduler_client = client.clone();
        tokio::spawn(async move {
            let result = run_until(scheduler_client, detector, options, async move {
                let _ = stop.await;
            })
            .await;
            if let Err(error) = result {
                eprintln!("the scheduler stopped: {error}");
            }
        });
        // Every agent registered as a Node first, as scheduler_perf creates its nodes first.
        let started = Instant::now();
        let mut seen = HashSet::new();
        let mut nodes = watcher(Api::<Node>::all(client.clone()), Default::default())
            .applied_objects()
            .boxed();
        while seen.len() < agents {
            let node = tokio::time::timeout(DEADLINE, nodes.try_next())
                .await
                .expect("agents registered as Nodes in time")
                .expect("node watch")
                .expect("node watch open");
            seen.insert(node.name_any());
        }
        drop(nodes);
        let framework_id = cluster
            .framework_ids()
            .into_iter()
            .next()
            .expect("the scheduler's framework");
        println!(
            "{agents} agents registered as Nodes in {:.1?}",
            started.elapsed()
        );
        Bench {
            cluster,
            _server: server,
            client,
            framework_id,
            creators,
            created: 0,
            _teardown: teardown,
        }
    }

    /// Creates `count` pods, `creators` at a time, and waits until every one's task runs.
    async fn wave(&mut self, count: usize) -> Wave {
        let first = self.created;
        self.created += count;
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), "default");
        let template = pod("template");
        // Task ids in creation order, with when their creation was sent.
        let (created_tx, mut created_rx) =
            tokio::sync::mpsc::unbounded_channel::<(String, String, f64)>();
        let creators = self.creators;
        let creating = tokio::spawn(async move {
            futures_util::stream::iter(first..first + count)
                .map(|i| {
                    let pods = pods.clone();
                    let mut pod = template.clone();
                    pod.metadata.name = Some(format!("bench-{i}"));
                    let created_tx = created_tx.clone();
                    async move {
                        let sent = now_secs();
                        let created = pods
                            .create(&PostParams::default(), &pod)
                            .await
                            .expect("pod created");
                        let uid = created.metadata.uid.expect("a uid");
                        let name = created.metadata.name.expect("a name");
                        let _ = created_tx.send((format!("pod.{uid}"), name, sent));
                    }
                })
                .buffer_unordered(creators)
                .collect::<()>()
                .await;
            now_secs()
        });
        // Waits for the tasks to run, oldest first: a task is looked at again only once all
        // created before it run, so each poll costs little.
        let mut sent: HashMap<String, f64> = HashMap::with_capacity(count);
        let mut waiting: VecDeque<(String, String)> = VecDeque::with_capacity(count);
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), "default");
        let mut poll = tokio::time::interval(Duration::from_millis(20));
        let started = Instant::now();
        let mut creating_done = false;
        let mut next_report = Duration::from_secs(10);
        loop {
            poll.tick().await;
            while let Ok((task, name, at)) = created_rx.try_recv() {
                waiting.push_back((task.clone(), name));
                sent.insert(task, at);
            }
            if !creating_done && creating.is_finished() {
                creating_done = true;
                while let Ok((task, name, at)) = created_rx.try_recv() {
                    waiting.push_back((task.clone(), name));
                    sent.insert(task, at);
                }
            }
            while let Some((task, _)) = waiting.front() {
                if self.cluster.task_state(&self.framework_id, task) == Some(TaskState::TaskRunning)
                {
                    waiting.pop_front();
                } else {
                    break;
                }
            }
            if creating_done && waiting.is_empty() {
                break;
            }
            // Progress, and what the oldest task waiting is at, every 10 s; a pod that failed
            // ends the run with its status, since its task will never run.
            if started.elapsed() >= next_report {
                next_report += Duration::from_secs(10);
                if let Some((task, name)) = waiting.front() {
                    let state = self.cluster.task_state(&self.framework_id, task);
                    let pod = pods.get_opt(name).await.ok().flatten();
                    let status = pod.as_ref().and_then(|p| p.status.as_ref());
                    let node = pod
                        .as_ref()
                        .and_then(|p| p.spec.as_ref())
                        .and_then(|s| s.node_name.clone());
                    eprintln!(
                        "{:?}: {} created, {} waiting to run; oldest waiting: {name} ({task}) \
                         task {state:?}, node {node:?}, phase {:?}, conditions {:?}",
                        started.elapsed(),
                        sent.len(),
                        waiting.len(),
                        status.and_then(|s| s.phase.as_deref()),
                        status.and_then(|s| s.conditions.as_ref()),
                    );
                    assert!(
                        status.and_then(|s| s.phase.as_deref()) != Some("Failed"),
                        "{name} failed: {status:?}"
                    );
                }
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{} of {count} pods not running after {DEADLINE:?}",
                waiting.len()
            );
        }
        let all_created = creating.await.expect("creators");
        // When each task went RUNNING, by the simulated master's clock (this process'): the
        // master's record of a task holds the status it last sent the scheduler, with the
        // time the agent reported it. A synthetic agent reports STARTING and RUNNING
        // together, so either one's time is the launch's (the task is RUNNING, as seen
        // above). One look: `/state` takes long with thousands of agents.
        let state = self.cluster.state();
        let mut launched: HashMap<&str, f64> = HashMap::with_capacity(count);
        for framework in state["frameworks"].as_array().into_iter().flatten() {
            for task in framework["tasks"].as_array().into_iter().flatten() {
                let (Some(id), Some(status)) = (
                    task["id"].as_str(),
                    task["statuses"].as_array().and_then(|s| s.last()),
                ) else {
                    continue;
                };
                if matches!(
                    status["state"].as_str(),
                    Some("TASK_STARTING" | "TASK_RUNNING")
                ) {
                    if let Some(at) = status["timestamp"].as_f64() {
                        launched.insert(id, at);
                    }
                }
            }
        }
        let start = sent.values().copied().fold(f64::INFINITY, f64::min);
        let mut end = start;
        let mut latencies = Vec::with_capacity(count);
        for (task, at) in &sent {
            let running = launched
                .get(task.as_str())
                .copied()
                .expect("every task's RUNNING timestamp");
            end = end.max(running);
            latencies.push(Duration::from_secs_f64((running - at).max(0.0)));
        }
        latencies.sort();
        Wave {
            pods: count,
            span: Duration::from_secs_f64((end - start).max(0.0)),
            creating: Duration::from_secs_f64((all_created - start).max(0.0)),
            latencies,
        }
    }

    /// Every pod is bound, to a Node of an agent.
    async fn check_bound(&self) {
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), "default");
        let list = pods.list(&ListParams::default()).await.expect("pods");
        let unbound = list
            .items
            .iter()
            .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_none())
            .count();
        assert_eq!(unbound, 0, "every pod whose task runs is bound");
        assert_eq!(list.items.len(), self.created);
    }
}

fn main() {
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
    }
    let agents = setting("AGENTS", 5_000);
    let pods = setting("PODS", 50_000);
    let creators = setting("CREATORS", 32).max(1);
    let wave = setting("WAVE", 1_000);
    let runtime = Arc::new(
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime"),
    );
    let mut bench = runtime.block_on(Bench::start(agents, creators));

    // 1. The headline run.
    let before = rss_bytes();
    let run = runtime.block_on(bench.wave(pods));
    let after = rss_bytes();
    runtime.block_on(bench.check_bound());
    println!(
        "{pods} pods on {agents} agents, created to running in {:.2?} (created in {:.2?}): \
         {:.0} pods/s; creation to launch p50 {:.0?}, p99 {:.0?}, max {:.0?}; resident memory \
         {} MiB -> {} MiB, {} bytes per pod",
        run.span,
        run.creating,
        run.rate(),
        run.percentile(0.50),
        run.percentile(0.99),
        run.percentile(1.0),
        before >> 20,
        after >> 20,
        after.saturating_sub(before) / pods.max(1) as u64,
    );

    // 2. Criterion, wave by wave on the same cluster.
    if wave > 0 {
        let mut criterion = Criterion::default()
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10))
            .configure_from_args();
        let mut group = criterion.benchmark_group("schedule");
        group.sampling_mode(SamplingMode::Flat);
        group.throughput(Throughput::Elements(wave as u64));
        group.bench_function(format!("wave of {wave} pods on {agents} agents"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    total += runtime.block_on(bench.wave(wave)).span;
                }
                total
            })
        });
        group.finish();
        criterion.final_summary();
    }
}
