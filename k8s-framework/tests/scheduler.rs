//! k8sm end to end, as it runs in production but on loopback: a Mesos (mesos-sim, `NAME::sim`,
//! or the real Mesos 1.11.0, `NAME::real`) whose agents start the real `k8sm executor`, the
//! embedded Kubernetes API server with real-cluster deletion (no grace-expiry timer), and
//! `k8sm scheduler` as a process of its own given the master and a kubeconfig. Pods are
//! created and observed through kube-rs as any client would.

use std::process::Stdio;
use std::time::Duration;

use k8s_framework::apiserver::{ApiServer, ApiServerConfig};
use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::api::events::v1::Event;
use kube::api::{DeleteParams, ListParams, PostParams};
use kube::{Api, Client};
use mesos_test_peers::{Peer, PeerKind, Topology, on_both_peers};

const K8SM: &str = env!("CARGO_BIN_EXE_k8sm");
const DEADLINE: Duration = Duration::from_secs(60);

on_both_peers! {
    a_pod_runs_on_an_agent_node_and_is_deleted_after_its_task =>
        a_pod_runs_on_an_agent_node_and_is_deleted_after_its_task;
    completing_and_failing_pods_end_with_their_exit_codes =>
        completing_and_failing_pods_end_with_their_exit_codes;
    a_pod_that_fits_nowhere_is_told_why => a_pod_that_fits_nowhere_is_told_why;
    a_restarted_scheduler_adopts_its_tasks_and_launches_nothing_twice =>
        a_restarted_scheduler_adopts_its_tasks_and_launches_nothing_twice;
    placement_follows_requests_ports_selectors_and_cordon =>
        placement_follows_requests_ports_selectors_and_cordon;
    a_standby_scheduler_takes_over_from_a_killed_leader =>
        a_standby_scheduler_takes_over_from_a_killed_leader;
    pods_run_on_through_an_agent_restart => pods_run_on_through_an_agent_restart;
    a_failing_probe_is_an_unhealthy_event => a_failing_probe_is_an_unhealthy_event;
}

// `--launch-mode task-group` runs pods under Mesos' default executor, which is not part of
// libmesos: the real Mesos kit has none (its README), so these run on mesos-sim only.

/// A two-container pod is one LAUNCH_GROUP: one task per container under one default
/// executor named after the pod; the pod is Running and Ready once both run and the
/// readiness check passes; deleting it kills the group and leaves no process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_group_mode_runs_a_pod_as_one_task_group() {
    let cluster = Cluster::start_with(PeerKind::Sim, 1, &["--launch-mode", "task-group"]).await;
    let marker = format!("55{}", std::process::id());
    let created = cluster
        .create(serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "duo"},
            "spec": {
                "terminationGracePeriodSeconds": 2,
                "containers": [
                    {"name": "web", "image": "busybox",
                     "command": ["sh", "-c", format!("sleep {marker}")],
                     "resources": {"requests": {"cpu": "100m", "memory": "32Mi"}},
                     "readinessProbe": {"exec": {"command": ["true"]}, "periodSeconds": 1}},
                    {"name": "side", "image": "busybox",
                     "command": ["sh", "-c", format!("sleep {marker}1")]}
                ],
            },
        }))
        .await;
    let uid = created.metadata.uid.clone().expect("uid");
    let running = cluster
        .until("duo", "Running and Ready", |p| {
            phase(p) == Some("Running")
                && p.and_then(|p| p.status.as_ref())
                    .and_then(|s| s.conditions.as_ref())
                    .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
        })
        .await
        .expect("pod");
    let containers = running
        .status
        .and_then(|s| s.container_statuses)
        .expect("container statuses");
    assert_eq!(containers.len(), 2);
    assert!(
        containers
            .iter()
            .all(|c| c.ready && c.state.as_ref().is_some_and(|s| s.running.is_some()))
    );
    let sim = cluster.peer.sim().expect("mesos-sim");
    let framework = sim.framework_ids().pop().expect("framework");
    let state = sim.state();
    let tasks: Vec<(String, String)> = state["frameworks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["tasks"].as_array().cloned().unwrap_or_default())
        .map(|t| {
            (
                t["id"].as_str().unwrap_or_default().to_string(),
                t["executor_id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut ids: Vec<&str> = tasks.iter().map(|(t, _)| t.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        vec![format!("pod.{uid}.side"), format!("pod.{uid}.web")],
        "one task per container"
    );
    assert!(
        tasks.iter().all(|(_, e)| *e == format!("pod.{uid}")),
        "one default executor for the group: {tasks:?}"
    );
    assert_eq!(
        sim.task_state(&framework, &format!("pod.{uid}.web")),
        Some(mesos_sdk::v1::TaskState::TaskRunning)
    );
    cluster.delete_until_gone("duo", &marker).await;
}

/// A container whose liveness probe fails is reported as the kubelet reports it (an
/// `Unhealthy` event, "Liveness probe failed"), killed after `failureThreshold` failures,
/// and the group goes with it: the pod is Failed. A container that relies on its image's
/// entrypoint cannot run on mesos-sim (no image store) and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_group_mode_reports_failing_probes_and_image_only_containers() {
    let cluster = Cluster::start_with(PeerKind::Sim, 1, &["--launch-mode", "task-group"]).await;
    cluster
        .create(serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "sick"},
            "spec": {
                "terminationGracePeriodSeconds": 1,
                "containers": [
                    {"name": "main", "image": "busybox", "command": ["sleep", "600"],
                     "livenessProbe": {"exec": {"command": ["false"]},
                                       "periodSeconds": 1, "failureThreshold": 2}},
                    {"name": "helper", "image": "busybox", "command": ["sleep", "600"]}
                ],
            },
        }))
        .await;
    cluster
        .create(serde_json::json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "nginx"},
            "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]},
        }))
        .await;
    let events: Api<Event> = Api::namespaced(cluster.client.clone(), "default");
    let start = tokio::time::Instant::now();
    let unhealthy = loop {
        let found = events
            .list(&ListParams::default())
            .await
            .expect("events")
            .items
            .into_iter()
            .find(|e| e.reason.as_deref() == Some("Unhealthy"));
        if let Some(found) = found {
            break found;
        }
        assert!(start.elapsed() < DEADLINE, "no Unhealthy event");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let note = unhealthy.note.clone().unwrap_or_default();
    assert!(note.starts_with("Liveness probe failed"), "{note}");
    assert_eq!(unhealthy.type_.as_deref(), Some("Warning"));
    let failed = cluster
        .until("sick", "Failed", |p| phase(p) == Some("Failed"))
        .await
        .expect("pod");
    let containers = failed
        .status
        .and_then(|s| s.container_statuses)
        .expect("container statuses");
    assert!(
        containers
            .iter()
            .all(|c| c.state.as_ref().is_some_and(|s| s.terminated.is_some())),
        "the whole group ended: {containers:?}"
    );
    let nginx = cluster
        .until("nginx", "Failed", |p| phase(p) == Some("Failed"))
        .await
        .expect("pod");
    let terminated = nginx
        .status
        .and_then(|s| s.container_statuses)
        .and_then(|c| c.into_iter().next())
        .and_then(|c| c.state)
        .and_then(|s| s.terminated)
        .expect("terminated");
    let message = terminated.message.unwrap_or_default();
    assert!(message.contains("nginx:1.27"), "{message}");
}

struct Cluster {
    peer: Peer,
    _server: ApiServer,
    scheduler: tokio::process::Child,
    client: Client,
}

impl Cluster {
    async fn start(kind: PeerKind, agents: usize) -> Cluster {
        Cluster::start_with(kind, agents, &[]).await
    }

    /// A cluster whose scheduler gets `args` too.
    async fn start_with(kind: PeerKind, agents: usize, args: &[&str]) -> Cluster {
        Cluster::start_laid_out(kind, agents, Topology::InProcess, args).await
    }

    /// A cluster whose real agents are laid out as `topology`.
    async fn start_laid_out(
        kind: PeerKind,
        agents: usize,
        topology: Topology,
        args: &[&str],
    ) -> Cluster {
        let peer = Peer::start_with(kind, agents, topology).await;
        let server = ApiServer::start(ApiServerConfig::default().with_grace_expiry(false))
            .await
            .expect("API server");
        let kubeconfig = peer.work_dir().join("kubeconfig");
        server.write_kubeconfig(&kubeconfig).expect("kubeconfig");
        let scheduler = start_scheduler(&peer, args);
        let mut config = kube::Config::new(server.url().parse().expect("url"));
        config.default_namespace = "default".into();
        let client = Client::try_from(config).expect("client");
        Cluster {
            peer,
            _server: server,
            scheduler,
            client,
        }
    }

    fn pods(&self) -> Api<Pod> {
        Api::namespaced(self.client.clone(), "default")
    }

    async fn create(&self, pod: serde_json::Value) -> Pod {
        let pod: Pod = serde_json::from_value(pod).expect("a pod");
        self.pods()
            .create(&PostParams::default(), &pod)
            .await
            .expect("pod created")
    }

    /// Polls the pod until `check` holds, failing with the scheduler's log after
    /// [`DEADLINE`].
    async fn until(
        &self,
        name: &str,
        what: &str,
        check: impl Fn(Option<&Pod>) -> bool,
    ) -> Option<Pod> {
        let start = tokio::time::Instant::now();
        loop {
            let pod = self.pods().get_opt(name).await.expect("GET pod");
            if check(pod.as_ref()) {
                return pod;
            }
            if start.elapsed() > DEADLINE {
                let log = std::fs::read_to_string(self.peer.work_dir().join("scheduler.log"))
                    .unwrap_or_default();
                panic!(
                    "{name}: {what} did not happen within {DEADLINE:?}; pod: {pod:?}\nscheduler log:\n{log}"
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// `k8sm scheduler` for `peer`, logging to `scheduler.log` in its work folder (appended).
fn start_scheduler(peer: &Peer, args: &[&str]) -> tokio::process::Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(peer.work_dir().join("scheduler.log"))
        .expect("log");
    tokio::process::Command::new(K8SM)
        .arg("scheduler")
        .arg("--master")
        .arg(peer.master_url())
        .arg("--kubeconfig")
        .arg(peer.work_dir().join("kubeconfig"))
        .arg("--failover-timeout")
        .arg("1hrs")
        .args(args)
        .env("RUST_LOG", "info,k8s_framework=debug")
        .stdout(Stdio::null())
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .expect("k8sm scheduler starts")
}

impl Cluster {
    /// Deletes the pod, waits until it is gone (its task killed and the deletion confirmed),
    /// and checks that no process whose command line holds `marker` is left.
    async fn delete_until_gone(&self, name: &str, marker: &str) {
        self.pods()
            .delete(name, &DeleteParams::default())
            .await
            .expect("DELETE");
        self.until(name, "deletion", |p| p.is_none()).await;
        let left = std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                std::fs::read(e.path().join("cmdline"))
                    .is_ok_and(|c| String::from_utf8_lossy(&c).contains(marker))
            });
        assert!(!left, "{name}'s process is gone");
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.scheduler.start_kill();
    }
}

fn phase(pod: Option<&Pod>) -> Option<&str> {
    pod?.status.as_ref()?.phase.as_deref()
}

fn command_pod(name: &str, command: &str, restart: &str) -> serde_json::Value {
    serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name},
        "spec": {
            "restartPolicy": restart,
            "terminationGracePeriodSeconds": 2,
            "containers": [{"name": "main", "image": "busybox",
                            "command": ["sh", "-c", command],
                            "resources": {"requests": {"cpu": "100m", "memory": "32Mi"}}}],
        },
    })
}

/// Pending, then Running on a Node named after the agent (with the Node registered), then
/// deleted: its task is killed and the scheduler confirms the deletion; the pod is gone and
/// so is its process.
async fn a_pod_runs_on_an_agent_node_and_is_deleted_after_its_task(kind: PeerKind) {
    let metrics_addr = format!("127.0.0.1:{}", mesos_test_peers::free_port());
    let cluster = Cluster::start_with(kind, 1, &["--metrics-addr", &metrics_addr]).await;
    let marker = format!("77{}", std::process::id());
    cluster
        .create(command_pod(
            "web",
            &format!("sleep {marker}; true"),
            "Always",
        ))
        .await;
    let running = cluster
        .until("web", "Running", |p| phase(p) == Some("Running"))
        .await
        .expect("pod");
    let node = running
        .spec
        .as_ref()
        .and_then(|s| s.node_name.clone())
        .expect("bound to a node");
    let nodes: Api<Node> = Api::all(cluster.client.clone());
    let registered = nodes.get(&node).await.expect("the agent's Node exists");
    assert_eq!(
        registered
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get("kubernetes.io/hostname"))
            .map(String::as_str),
        Some(node.as_str())
    );
    let status = running.status.clone().expect("status");
    assert_eq!(status.pod_ip.as_deref().map(str::is_empty), Some(false));
    let ready = status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "Ready")
        .map(|c| c.status.clone());
    assert_eq!(ready.as_deref(), Some("True"));
    let events: Api<Event> = Api::namespaced(cluster.client.clone(), "default");
    let scheduled = events
        .list(&ListParams::default())
        .await
        .expect("events")
        .items
        .into_iter()
        .find(|e| e.reason.as_deref() == Some("Scheduled"))
        .expect("a Scheduled event");
    assert_eq!(
        scheduled.note.as_deref(),
        Some(format!("Successfully assigned default/web to {node}").as_str())
    );
    // The kubelet's events for the container's start, recorded before the Running status.
    let started = events
        .list(&ListParams::default())
        .await
        .expect("events")
        .items
        .into_iter()
        .find(|e| e.reason.as_deref() == Some("Started"))
        .expect("a Started event");
    assert_eq!(started.note.as_deref(), Some("Started container main"));
    assert_eq!(started.reporting_controller.as_deref(), Some("kubelet"));
    assert_eq!(started.reporting_instance.as_deref(), Some(node.as_str()));
    // The scheduler's metrics, in Prometheus' text format, named as kube-scheduler's.
    let (status, body) = mesos_test_peers::http::get(&format!("http://{metrics_addr}/metrics"))
        .await
        .expect("GET /metrics");
    assert_eq!(status, 200);
    let text = String::from_utf8_lossy(&body);
    let line = |name: &str, needle: &str| {
        text.lines()
            .find(|l| l.starts_with(name) && l.contains(needle))
            .map(str::to_string)
    };
    assert!(
        line("scheduler_schedule_attempts_total", "result=\"scheduled\"")
            .is_some_and(|l| l.ends_with(" 1")),
        "{text}"
    );
    assert!(
        line("k8sm_launches_total", "").is_some_and(|l| l.ends_with(" 1")),
        "{text}"
    );
    assert!(
        line("scheduler_pod_scheduling_duration_seconds_count", "").is_some(),
        "{text}"
    );

    cluster.delete_until_gone("web", &marker).await;
    let killing = events
        .list(&ListParams::default())
        .await
        .expect("events")
        .items
        .into_iter()
        .find(|e| e.reason.as_deref() == Some("Killing"))
        .expect("a Killing event");
    assert_eq!(killing.note.as_deref(), Some("Stopping container main"));
}

/// A readiness probe that keeps failing: the pod runs but is not Ready, and the kubelet's
/// Warning `Unhealthy` event ("Readiness probe failed: ...") is on it, recorded for the
/// executor by the scheduler, as `kubelet` on the pod's Node, its repeats in one series.
async fn a_failing_probe_is_an_unhealthy_event(kind: PeerKind) {
    let cluster = Cluster::start(kind, 1).await;
    let mut pod = command_pod("sick", "sleep 600", "Always");
    pod["spec"]["containers"][0]["readinessProbe"] =
        serde_json::json!({"exec": {"command": ["false"]}, "periodSeconds": 1});
    cluster.create(pod).await;
    cluster
        .until("sick", "Running", |p| phase(p) == Some("Running"))
        .await
        .expect("pod");
    let events: Api<Event> = Api::namespaced(cluster.client.clone(), "default");
    let start = tokio::time::Instant::now();
    let unhealthy = loop {
        let found = events
            .list(&ListParams::default())
            .await
            .expect("events")
            .items
            .into_iter()
            .find(|e| {
                e.reason.as_deref() == Some("Unhealthy")
                    && e.series.as_ref().is_some_and(|s| s.count >= 2)
            });
        if let Some(found) = found {
            break found;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no repeated Unhealthy event"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(unhealthy.type_.as_deref(), Some("Warning"));
    let note = unhealthy.note.clone().unwrap_or_default();
    assert!(note.starts_with("Readiness probe failed: "), "{note}");
    assert_eq!(unhealthy.reporting_controller.as_deref(), Some("kubelet"));
    let pod = cluster.pods().get("sick").await.expect("pod");
    let ready = pod
        .status
        .and_then(|s| s.conditions)
        .and_then(|c| c.into_iter().find(|c| c.type_ == "Ready"))
        .map(|c| c.status);
    assert_eq!(ready.as_deref(), Some("False"));
}

/// A pod that completes is Succeeded; one that fails is Failed with its exit code.
async fn completing_and_failing_pods_end_with_their_exit_codes(kind: PeerKind) {
    let cluster = Cluster::start(kind, 1).await;
    cluster
        .create(command_pod("done", "echo done", "Never"))
        .await;
    cluster
        .create(command_pod("broken", "exit 7", "Never"))
        .await;
    let done = cluster
        .until("done", "Succeeded", |p| phase(p) == Some("Succeeded"))
        .await
        .expect("pod");
    let exit = |pod: &Pod| {
        pod.status
            .as_ref()
            .and_then(|s| s.container_statuses.as_ref())
            .and_then(|c| c.first())
            .and_then(|c| c.state.as_ref())
            .and_then(|s| s.terminated.as_ref())
            .map(|t| t.exit_code)
    };
    assert_eq!(exit(&done), Some(0));
    let broken = cluster
        .until("broken", "Failed", |p| phase(p) == Some("Failed"))
        .await
        .expect("pod");
    assert_eq!(exit(&broken), Some(7));
}

/// A pod asking for more CPU than any agent has stays Pending with kube-scheduler's counted
/// message in its PodScheduled condition and a FailedScheduling event.
async fn a_pod_that_fits_nowhere_is_told_why(kind: PeerKind) {
    let cluster = Cluster::start(kind, 2).await;
    let mut pod = command_pod("huge", "sleep 1", "Never");
    pod["spec"]["containers"][0]["resources"]["requests"]["cpu"] = "100".into();
    cluster.create(pod).await;
    let expected = "0/2 nodes are available: 2 Insufficient cpu.";
    let pod = cluster
        .until("huge", "PodScheduled=False", |p| {
            p.and_then(|p| p.status.as_ref())
                .and_then(|s| s.conditions.as_ref())
                .and_then(|c| c.iter().find(|c| c.type_ == "PodScheduled"))
                .is_some_and(|c| c.status == "False" && c.message.as_deref() == Some(expected))
        })
        .await
        .expect("pod");
    assert_eq!(phase(Some(&pod)), Some("Pending"));
    let condition = pod
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|c| c.iter().find(|c| c.type_ == "PodScheduled"))
        .cloned()
        .expect("condition");
    assert_eq!(condition.reason.as_deref(), Some("Unschedulable"));
    // The event is recorded after the condition is written: it may come a little later.
    let events: Api<Event> = Api::namespaced(cluster.client.clone(), "default");
    let start = tokio::time::Instant::now();
    loop {
        let failed = events
            .list(&ListParams::default())
            .await
            .expect("events")
            .items
            .into_iter()
            .filter(|e| e.reason.as_deref() == Some("FailedScheduling"))
            .map(|e| e.note.unwrap_or_default())
            .collect::<Vec<_>>();
        if failed.iter().any(|n| n == expected) {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "no FailedScheduling event saying {expected:?}: {failed:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The scheduler is SIGKILLed with three pods running; one of them is deleted while it is
/// away. The restarted scheduler re-subscribes as the same framework, adopts the two
/// remaining pods' tasks without relaunching them, kills the deleted pod's task and confirms
/// the deletion, and schedules a new pod: four tasks in all, each launched once.
async fn a_restarted_scheduler_adopts_its_tasks_and_launches_nothing_twice(kind: PeerKind) {
    let mut cluster = Cluster::start(kind, 1).await;
    for name in ["a", "b", "c"] {
        cluster
            .create(command_pod(name, "sleep 600", "Always"))
            .await;
    }
    let mut started = Vec::new();
    for name in ["a", "b", "c"] {
        let pod = cluster
            .until(name, "Running", |p| phase(p) == Some("Running"))
            .await
            .expect("pod");
        started.push(pod.status.and_then(|s| s.start_time));
    }
    let framework = cluster.peer.framework_ids().await;
    assert_eq!(framework.len(), 1);

    cluster.scheduler.start_kill().expect("SIGKILL");
    let _ = cluster.scheduler.wait().await;
    cluster
        .pods()
        .delete("c", &DeleteParams::default())
        .await
        .expect("DELETE while the scheduler is away");
    let terminating = cluster.pods().get("c").await.expect("c stays Terminating");
    assert!(terminating.metadata.deletion_timestamp.is_some());

    cluster.scheduler = start_scheduler(&cluster.peer, &[]);
    cluster
        .create(command_pod("d", "sleep 600", "Always"))
        .await;
    cluster
        .until("d", "Running", |p| phase(p) == Some("Running"))
        .await;
    cluster.until("c", "deletion", |p| p.is_none()).await;
    for (name, start) in ["a", "b"].into_iter().zip(&started) {
        let pod = cluster.pods().get(name).await.expect("pod");
        let status = pod.status.expect("status");
        assert_eq!(status.phase.as_deref(), Some("Running"), "{name}");
        assert_eq!(&status.start_time, start, "{name} was not restarted");
        assert_eq!(
            status.container_statuses.expect("c")[0].restart_count,
            0,
            "{name}"
        );
    }
    assert_eq!(
        cluster.peer.framework_ids().await,
        framework,
        "the same framework"
    );
    let state = cluster.peer.state().await;
    let f = &state["frameworks"][0];
    let mut ids: Vec<String> = ["tasks", "completed_tasks"]
        .iter()
        .flat_map(|l| f[*l].as_array().cloned().unwrap_or_default())
        .filter_map(|t| t["id"].as_str().map(str::to_string))
        .collect();
    let all = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(
        (all, ids.len()),
        (4, 4),
        "four tasks, each launched once: {ids:?}"
    );
    let running = f["tasks"]
        .as_array()
        .map(|t| t.iter().filter(|t| t["state"] == "TASK_RUNNING").count());
    assert_eq!(running, Some(3));
}

/// Placement as kube-scheduler decides it, on 5 agents: 50 pods spread over all of them;
/// one host port taken once per agent (the sixth pod fits nowhere, with the counted
/// reason); `nodeSelector` on a label set on one Node; cordoned Nodes take no new pods.
async fn placement_follows_requests_ports_selectors_and_cordon(kind: PeerKind) {
    let cluster = Cluster::start(kind, 5).await;
    for i in 0..50 {
        cluster
            .create(command_pod(&format!("spread-{i}"), "sleep 600", "Always"))
            .await;
    }
    let mut nodes = std::collections::BTreeMap::<String, usize>::new();
    for i in 0..50 {
        let pod = cluster
            .until(&format!("spread-{i}"), "Running", |p| {
                phase(p) == Some("Running")
            })
            .await
            .expect("pod");
        let node = pod.spec.and_then(|s| s.node_name).expect("bound");
        *nodes.entry(node).or_default() += 1;
    }
    assert_eq!(nodes.len(), 5, "spread over every agent: {nodes:?}");

    let mut port_pods = Vec::new();
    for i in 0..6 {
        let mut pod = command_pod(&format!("port-{i}"), "sleep 600", "Always");
        pod["spec"]["containers"][0]["ports"] =
            serde_json::json!([{"containerPort": 31500, "hostPort": 31500}]);
        cluster.create(pod).await;
        port_pods.push(format!("port-{i}"));
    }
    let expected =
        "0/5 nodes are available: 5 node(s) didn't have free ports for the requested pod ports.";
    let mut running_nodes = std::collections::BTreeSet::new();
    let mut pending = 0;
    let start = tokio::time::Instant::now();
    while running_nodes.len() + pending < 6 {
        running_nodes.clear();
        pending = 0;
        for name in &port_pods {
            let pod = cluster.pods().get(name).await.expect("pod");
            if phase(Some(&pod)) == Some("Running") {
                running_nodes.insert(pod.spec.and_then(|s| s.node_name).expect("bound"));
            } else if pod
                .status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .and_then(|c| c.iter().find(|c| c.type_ == "PodScheduled"))
                .is_some_and(|c| c.message.as_deref() == Some(expected))
            {
                pending += 1;
            }
        }
        assert!(
            start.elapsed() < DEADLINE,
            "host ports: {} running, {pending} refused",
            running_nodes.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!((running_nodes.len(), pending), (5, 1), "one per agent");

    let node_api: Api<Node> = Api::all(cluster.client.clone());
    let names: Vec<String> = nodes.keys().cloned().collect();
    node_api
        .patch(
            &names[2],
            &kube::api::PatchParams::default(),
            &kube::api::Patch::Merge(serde_json::json!({"metadata": {"labels": {"zone": "a"}}})),
        )
        .await
        .expect("label a node");
    let mut selected = command_pod("selected", "sleep 600", "Always");
    selected["spec"]["nodeSelector"] = serde_json::json!({"zone": "a"});
    cluster.create(selected).await;
    let pod = cluster
        .until("selected", "Running", |p| phase(p) == Some("Running"))
        .await
        .expect("pod");
    assert_eq!(
        pod.spec.and_then(|s| s.node_name).as_deref(),
        Some(names[2].as_str())
    );

    // Cordon every node but the last.
    for name in &names[..4] {
        node_api
            .patch(
                name,
                &kube::api::PatchParams::default(),
                &kube::api::Patch::Merge(serde_json::json!({"spec": {"unschedulable": true}})),
            )
            .await
            .expect("cordon");
    }
    for i in 0..3 {
        cluster
            .create(command_pod(
                &format!("after-cordon-{i}"),
                "sleep 600",
                "Always",
            ))
            .await;
    }
    for i in 0..3 {
        let pod = cluster
            .until(&format!("after-cordon-{i}"), "Running", |p| {
                phase(p) == Some("Running")
            })
            .await
            .expect("pod");
        assert_eq!(
            pod.spec.and_then(|s| s.node_name).as_deref(),
            Some(names[4].as_str())
        );
    }
}

fn ready_condition(node: &Node) -> Option<String> {
    node.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == "Ready")
        .map(|c| c.status.clone())
}

/// Each agent's Node has a Lease in `kube-node-lease`, held by the node and renewed; an
/// agent the master loses turns its Node NotReady with the unreachable taint and its pod not
/// Ready; when it re-registers the Node is Ready again. Only against mesos-sim: losing and
/// re-registering an agent are the simulator's faults.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_have_leases_and_follow_their_agents_reachability() {
    use k8s_openapi::api::coordination::v1::Lease;
    let cluster = Cluster::start(PeerKind::Sim, 1).await;
    cluster
        .create(command_pod("resident", "sleep 600", "Always"))
        .await;
    let pod = cluster
        .until("resident", "Running", |p| phase(p) == Some("Running"))
        .await
        .expect("pod");
    let node = pod.spec.and_then(|s| s.node_name).expect("bound");
    let leases: Api<Lease> = Api::namespaced(cluster.client.clone(), "kube-node-lease");
    let lease = leases.get(&node).await.expect("the node's Lease");
    let spec = lease.spec.expect("spec");
    assert_eq!(spec.holder_identity.as_deref(), Some(node.as_str()));
    assert_eq!(spec.lease_duration_seconds, Some(40));
    let first = spec.renew_time.expect("renewed");
    let start = tokio::time::Instant::now();
    loop {
        let now = leases
            .get(&node)
            .await
            .expect("lease")
            .spec
            .and_then(|s| s.renew_time);
        if now.as_ref().is_some_and(|t| t.0 > first.0) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(25),
            "the Lease was not renewed"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    let sim = cluster.peer.sim().expect("mesos-sim");
    let agent = sim.agent_ids()[0].clone();
    sim.lose_agent(&agent).expect("lose the agent");
    let nodes: Api<Node> = Api::all(cluster.client.clone());
    let start = tokio::time::Instant::now();
    loop {
        let current = nodes.get(&node).await.expect("node");
        let tainted = current
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_ref())
            .is_some_and(|t| t.iter().any(|t| t.key == "node.kubernetes.io/unreachable"));
        if ready_condition(&current).as_deref() == Some("Unknown") && tainted {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the Node never turned NotReady: {current:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    cluster
        .until("resident", "not Ready", |p| {
            p.and_then(|p| p.status.as_ref())
                .and_then(|s| s.conditions.as_ref())
                .and_then(|c| c.iter().find(|c| c.type_ == "Ready"))
                .is_some_and(|c| c.status == "False")
        })
        .await;

    sim.reregister_agent(&agent).expect("the agent comes back");
    let start = tokio::time::Instant::now();
    loop {
        let current = nodes.get(&node).await.expect("node");
        let tainted = current
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_ref())
            .is_some_and(|t| t.iter().any(|t| t.key == "node.kubernetes.io/unreachable"));
        if ready_condition(&current).as_deref() == Some("True") && !tainted {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the Node never came back: {current:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Two schedulers with `--leader-elect`: one leads and schedules; SIGKILLed, the other takes
/// the Lease once it expires, re-subscribes as the same framework and schedules.
async fn a_standby_scheduler_takes_over_from_a_killed_leader(kind: PeerKind) {
    use k8s_openapi::api::coordination::v1::Lease;
    let elect = ["--leader-elect", "--leader-elect-lease-duration", "4"];
    let mut cluster = Cluster::start_with(kind, 1, &elect).await;
    let leases: Api<Lease> = Api::namespaced(cluster.client.clone(), "kube-system");
    let holder = |lease: Option<Lease>| lease.and_then(|l| l.spec).and_then(|s| s.holder_identity);
    let start = tokio::time::Instant::now();
    let first = loop {
        if let Some(h) = holder(leases.get_opt("k8sm-scheduler").await.expect("GET lease")) {
            break h;
        }
        assert!(start.elapsed() < DEADLINE, "nobody leads");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut standby = start_scheduler(&cluster.peer, &elect);
    cluster
        .create(command_pod("before", "sleep 600", "Always"))
        .await;
    cluster
        .until("before", "Running", |p| phase(p) == Some("Running"))
        .await;
    let framework = cluster.peer.framework_ids().await;

    cluster.scheduler.start_kill().expect("SIGKILL the leader");
    let _ = cluster.scheduler.wait().await;
    cluster
        .create(command_pod("after", "sleep 600", "Always"))
        .await;
    cluster
        .until("after", "Running", |p| phase(p) == Some("Running"))
        .await;
    let now = holder(leases.get_opt("k8sm-scheduler").await.expect("GET lease"));
    assert!(
        now.is_some() && now.as_ref() != Some(&first),
        "{first:?} -> {now:?}"
    );
    assert_eq!(
        cluster.peer.framework_ids().await,
        framework,
        "the same framework"
    );
    let before = cluster.pods().get("before").await.expect("pod");
    assert_eq!(
        phase(Some(&before)),
        Some("Running"),
        "the first pod runs on"
    );
    let _ = standby.start_kill();
}

/// The agent crashes and restarts with its checkpointed state (a standalone agent on the
/// real peer): the executor re-subscribes, the pod runs on without a restart, and its
/// status stays current: deleting it afterwards still kills its task and removes it.
async fn pods_run_on_through_an_agent_restart(kind: PeerKind) {
    let mut cluster = Cluster::start_laid_out(kind, 1, Topology::Standalone, &[]).await;
    let marker = format!("66{}", std::process::id());
    cluster
        .create(command_pod(
            "durable",
            &format!("sleep {marker}; true"),
            "Always",
        ))
        .await;
    let before = cluster
        .until("durable", "Running", |p| phase(p) == Some("Running"))
        .await
        .expect("pod");
    let started = before.status.and_then(|s| s.start_time);
    cluster.peer.restart_agent(0).await;
    // Still running, same run, after the agent is back.
    let after = cluster
        .until("durable", "Running after the restart", |p| {
            phase(p) == Some("Running")
        })
        .await
        .expect("pod");
    let status = after.status.expect("status");
    assert_eq!(status.start_time, started);
    assert_eq!(status.container_statuses.expect("c")[0].restart_count, 0);
    cluster.delete_until_gone("durable", &marker).await;
}
