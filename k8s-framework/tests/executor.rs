//! `k8sm executor` as Mesos runs it: an agent (mesos-sim's, and the real Mesos 1.11.0's,
//! `NAME::sim` and `NAME::real`) starts the real `k8sm` binary as the custom executor, and a
//! scheduler session launches pods on it as tasks carrying a `PodTask` in `data`. What the
//! pods' containers do is read back from files they write and from the `PodStatus` the
//! executor reports in `TaskStatus.data`.

use std::time::Duration;

use futures_util::StreamExt;
use k8s_framework::pod_task::{PodTask, status_from_data};
use k8s_openapi::api::core::v1::{Pod, PodStatus};
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::offers::{ResourceRequest, find_fit, launch};
use mesos_sdk::scheduler::{
    SchedulerConfig, SchedulerHandle, Session, SessionEvent, SessionEvents,
};
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{
    CommandInfo, DurationInfo, ExecutorId, ExecutorInfo, FrameworkInfo, KillPolicy, Offer, TaskId,
    TaskInfo, TaskState, TaskStatus, executor_info,
};
use mesos_test_peers::{Peer, PeerKind, on_both_peers};

const K8SM: &str = env!("CARGO_BIN_EXE_k8sm");
const DEADLINE: Duration = Duration::from_secs(60);

on_both_peers! {
    a_pod_runs_with_its_environment_and_init_containers =>
        a_pod_runs_with_its_environment_and_init_containers;
    a_failing_pod_fails_with_its_exit_code => a_failing_pod_fails_with_its_exit_code;
    a_killed_pod_is_terminated_then_killed => a_killed_pod_is_terminated_then_killed;
    a_pod_that_cannot_run_fails_and_the_others_keep_running =>
        a_pod_that_cannot_run_fails_and_the_others_keep_running;
    no_process_outlives_a_killed_executor => no_process_outlives_a_killed_executor;
    hooks_and_termination_messages => hooks_and_termination_messages;
    volumes_are_visible_to_the_containers => volumes_are_visible_to_the_containers;
}

struct Driver {
    peer: Peer,
    scheduler: SchedulerHandle,
    events: SessionEvents,
    dir: std::path::PathBuf,
    /// Updates of other tasks read while waiting for one, kept for their turn.
    backlog: Vec<TaskStatus>,
}

impl Driver {
    async fn start(kind: PeerKind) -> Driver {
        let peer = Peer::start(kind, 1).await;
        let dir = peer.work_dir().join("pods-test");
        std::fs::create_dir_all(&dir).expect("test dir");
        let config = SchedulerConfig::new(FrameworkInfo {
            user: "root".into(),
            name: "k8sm-executor-tests".into(),
            failover_timeout: Some(60.0),
            ..Default::default()
        });
        let master = peer.master_url().parse().expect("url");
        let (scheduler, mut events) =
            Session::start(config, StaticDetector::new(master)).expect("session");
        next(&mut events, "SUBSCRIBED", |e| {
            matches!(e, SessionEvent::Subscribed { .. }).then_some(())
        })
        .await;
        Driver {
            peer,
            scheduler,
            events,
            dir,
            backlog: Vec::new(),
        }
    }

    async fn offer(&mut self) -> Offer {
        next(&mut self.events, "OFFERS", |e| match e {
            SessionEvent::Event(ev) if ev.r#type() == event::Type::Offers => {
                ev.offers.as_ref().and_then(|o| o.offers.first().cloned())
            }
            _ => None,
        })
        .await
    }

    /// Launches each pod as a task of the k8sm executor, from one offer.
    async fn launch(&mut self, pods: Vec<(&str, serde_json::Value)>) -> Offer {
        let offer = self.offer().await;
        let executor = ExecutorInfo {
            r#type: Some(executor_info::Type::Custom as i32),
            executor_id: ExecutorId {
                value: "k8sm".into(),
            },
            command: Some(CommandInfo {
                value: Some(K8SM.into()),
                shell: Some(false),
                arguments: vec![K8SM.into(), "executor".into()],
                ..Default::default()
            }),
            resources: find_fit(&offer, &ResourceRequest::new().cpus(0.1).mem(32.0))
                .expect("fits")
                .into_vec(),
            ..Default::default()
        };
        let tasks = pods
            .into_iter()
            .map(|(id, pod)| {
                let pod: Pod = serde_json::from_value(pod).expect("a pod");
                let mut config_maps = std::collections::BTreeMap::new();
                config_maps.insert(
                    "settings".to_string(),
                    [("mode".to_string(), "fast".to_string())].into(),
                );
                let data = PodTask {
                    pod,
                    node_name: "node-1".into(),
                    host_ip: "127.0.0.1".into(),
                    config_maps,
                    ..Default::default()
                }
                .to_data();
                TaskInfo {
                    name: id.into(),
                    task_id: TaskId { value: id.into() },
                    agent_id: offer.agent_id.clone(),
                    resources: find_fit(&offer, &ResourceRequest::new().cpus(0.1).mem(16.0))
                        .expect("fits")
                        .into_vec(),
                    executor: Some(executor.clone()),
                    data: Some(data.into()),
                    ..Default::default()
                }
            })
            .collect();
        self.scheduler
            .accept(vec![offer.id.clone()], vec![launch(tasks)], None)
            .await
            .expect("ACCEPT");
        offer
    }

    /// Updates of `task` until one in `state`.
    async fn until(&mut self, task: &str, state: TaskState) -> Vec<TaskStatus> {
        let mut seen = Vec::new();
        loop {
            let status = self.until_any(task).await;
            let reached = status.state() == state;
            seen.push(status);
            if reached {
                return seen;
            }
            assert!(
                !is_terminal(seen.last().map(|s| s.state())),
                "{task} ended as {:?} instead of {state:?}: {:?}",
                seen.last().map(|s| s.state()),
                seen.last().and_then(|s| s.message.clone())
            );
        }
    }

    /// Waits for an update of `task` whose pod status satisfies `check`.
    async fn until_status(
        &mut self,
        task: &str,
        what: &str,
        check: impl Fn(&PodStatus) -> bool,
    ) -> PodStatus {
        let start = tokio::time::Instant::now();
        loop {
            let updates = self.until_any(task).await;
            if let Some(status) = updates.data.as_deref().and_then(status_from_data) {
                if check(&status) {
                    return status;
                }
            }
            assert!(
                !is_terminal(Some(updates.state())),
                "{task} ended before {what}: {updates:?}"
            );
            assert!(
                start.elapsed() < DEADLINE,
                "{task}: no {what} within {DEADLINE:?}"
            );
        }
    }

    /// The next update of `task`.
    async fn until_any(&mut self, task: &str) -> TaskStatus {
        if let Some(at) = self.backlog.iter().position(|s| s.task_id.value == task) {
            return self.backlog.remove(at);
        }
        loop {
            let status = next(
                &mut self.events,
                &format!("an update of {task}"),
                |e| match e {
                    SessionEvent::Event(ev) if ev.r#type() == event::Type::Update => {
                        ev.update.as_ref().map(|u| u.status.clone())
                    }
                    _ => None,
                },
            )
            .await;
            if status.task_id.value == task {
                return status;
            }
            self.backlog.push(status);
        }
    }
}

fn container_ready(status: &PodStatus) -> Option<bool> {
    status.container_statuses.as_ref()?.first().map(|c| c.ready)
}

fn container_started(status: &PodStatus) -> Option<bool> {
    status.container_statuses.as_ref()?.first()?.started
}

fn restarts(status: &PodStatus) -> i32 {
    status
        .container_statuses
        .as_ref()
        .and_then(|c| c.first())
        .map_or(0, |c| c.restart_count)
}

fn is_terminal(state: Option<TaskState>) -> bool {
    matches!(
        state,
        Some(
            TaskState::TaskFinished
                | TaskState::TaskFailed
                | TaskState::TaskKilled
                | TaskState::TaskError
                | TaskState::TaskLost
        )
    )
}

fn pod_status(status: &TaskStatus) -> PodStatus {
    status_from_data(status.data.as_deref().unwrap_or_default()).expect("a PodStatus in data")
}

async fn next<T>(
    events: &mut SessionEvents,
    what: &str,
    mut pick: impl FnMut(&SessionEvent) -> Option<T>,
) -> T {
    let wait = async {
        loop {
            match events.next().await {
                Some(Ok(e)) => {
                    if let Some(found) = pick(&e) {
                        return found;
                    }
                }
                Some(Err(e)) => panic!("session ended waiting for {what}: {e}"),
                None => panic!("session closed waiting for {what}"),
            }
        }
    };
    tokio::time::timeout(DEADLINE, wait)
        .await
        .unwrap_or_else(|_| panic!("no {what} within {DEADLINE:?}"))
}

fn pod(name: &str, spec: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": "shop", "uid": format!("uid-{name}"),
                     "labels": {"app": name}},
        "spec": spec,
    })
}

/// Init containers in order, then the app container with env from values, fieldRefs and a
/// ConfigMap, `$(VAR)` expansion in args and its workingDir; the pod succeeds.
async fn a_pod_runs_with_its_environment_and_init_containers(kind: PeerKind) {
    let mut driver = Driver::start(kind).await;
    let work = driver.dir.join("web");
    let spec = serde_json::json!({
        "restartPolicy": "Never",
        "initContainers": [
            {"name": "first", "command": ["sh", "-c", "echo first >> order"],
             "workingDir": work},
            {"name": "second", "command": ["sh", "-c", "echo second >> order"],
             "workingDir": work},
        ],
        "containers": [{
            "name": "app",
            "workingDir": work,
            "command": ["sh", "-c"],
            "args": ["echo \"$(GREETING)\" > env.txt; echo node=$NODE app=$APP >> env.txt; \
                      echo app >> order"],
            "env": [
                {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                {"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
                {"name": "APP",
                 "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['app']"}}},
                {"name": "MODE",
                 "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "mode"}}},
                {"name": "GREETING", "value": "$(POD) runs $(MODE)"},
            ],
        }],
    });
    driver.launch(vec![("web", pod("web", spec))]).await;
    let updates = driver.until("web", TaskState::TaskFinished).await;
    let states: Vec<TaskState> = updates.iter().map(|s| s.state()).collect();
    assert_eq!(states.first(), Some(&TaskState::TaskStarting), "{states:?}");
    let last = pod_status(updates.last().expect("FINISHED"));
    assert_eq!(last.phase.as_deref(), Some("Succeeded"));
    let app = &last.container_statuses.as_ref().expect("statuses")[0];
    let ended = app
        .state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .expect("terminated");
    assert_eq!(
        (ended.exit_code, ended.reason.as_deref()),
        (0, Some("Completed"))
    );
    assert_eq!(
        last.init_container_statuses.as_ref().map(Vec::len),
        Some(2),
        "{last:?}"
    );
    assert_eq!(
        std::fs::read_to_string(work.join("order")).expect("order"),
        "first\nsecond\napp\n"
    );
    assert_eq!(
        std::fs::read_to_string(work.join("env.txt")).expect("env"),
        "web runs fast\nnode=node-1 app=web\n"
    );
    drop(driver.peer);
}

/// A container that exits 3 under `restartPolicy: Never`: TASK_FAILED naming the exit code,
/// the pod Failed with the container's exit code and reason.
async fn a_failing_pod_fails_with_its_exit_code(kind: PeerKind) {
    let mut driver = Driver::start(kind).await;
    let spec = serde_json::json!({
        "restartPolicy": "Never",
        "containers": [{"name": "app", "command": ["sh", "-c", "exit 3"]}],
    });
    driver.launch(vec![("broken", pod("broken", spec))]).await;
    let updates = driver.until("broken", TaskState::TaskFailed).await;
    let failed = updates.last().expect("FAILED");
    assert!(
        failed
            .message
            .as_deref()
            .is_some_and(|m| m.contains("exited with code 3")),
        "{failed:?}"
    );
    let status = pod_status(failed);
    assert_eq!(status.phase.as_deref(), Some("Failed"));
    let ended = status.container_statuses.as_ref().expect("statuses")[0]
        .state
        .as_ref()
        .and_then(|s| s.terminated.clone())
        .expect("terminated");
    assert_eq!(
        (ended.exit_code, ended.reason.as_deref()),
        (3, Some("Error"))
    );
}

/// Whether any process's command line holds `marker`.
fn process_with(marker: &str) -> bool {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| {
            std::fs::read(entry.path().join("cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(marker))
        })
}

/// A running pod, Ready, is killed with a 1 s grace period: its container ignores SIGTERM,
/// so it is SIGKILLed after the grace, and nothing of it is left.
async fn a_killed_pod_is_terminated_then_killed(kind: PeerKind) {
    let mut driver = Driver::start(kind).await;
    // The marker names the shell (in its script) and its child (a unique sleep length).
    let marker = format!("86{}", std::process::id());
    let spec = serde_json::json!({
        "containers": [{"name": "stubborn", "command": ["sh", "-c",
            format!("trap '' TERM; sleep {marker}; echo done")]}],
    });
    let offer = driver
        .launch(vec![("stubborn", pod("stubborn", spec))])
        .await;
    let running = driver.until("stubborn", TaskState::TaskRunning).await;
    let status = pod_status(running.last().expect("RUNNING"));
    assert_eq!(status.phase.as_deref(), Some("Running"));
    let ready = status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "Ready")
        .expect("Ready condition");
    assert_eq!(ready.status, "True");
    // RUNNING is reported once the container is started; its process may still be between
    // the shim's fork and the shell's exec, so its command line is awaited.
    let started = tokio::time::Instant::now();
    while !process_with(&marker) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the container runs"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    driver
        .scheduler
        .kill(
            TaskId {
                value: "stubborn".into(),
            },
            Some(offer.agent_id.clone()),
            Some(KillPolicy {
                grace_period: Some(DurationInfo {
                    nanoseconds: 1_000_000_000,
                }),
            }),
        )
        .await
        .expect("KILL");
    driver.until("stubborn", TaskState::TaskKilled).await;
    assert!(!process_with(&marker), "nothing of the pod is left");
}

/// Two pods in one launch: one without command or args (nothing to run without an image)
/// fails with the reason; the other runs on.
async fn a_pod_that_cannot_run_fails_and_the_others_keep_running(kind: PeerKind) {
    let mut driver = Driver::start(kind).await;
    let image_only = serde_json::json!({
        "containers": [{"name": "nginx", "image": "nginx"}],
    });
    let fine = serde_json::json!({
        "containers": [{"name": "app", "command": ["sleep", "600"]}],
    });
    driver
        .launch(vec![
            ("image-only", pod("image-only", image_only)),
            ("fine", pod("fine", fine)),
        ])
        .await;
    let failed = driver.until("image-only", TaskState::TaskFailed).await;
    let message = failed
        .last()
        .and_then(|s| s.message.clone())
        .unwrap_or_default();
    assert!(
        message.contains("neither command nor args")
            && message.contains("give the container a command"),
        "{message}"
    );
    // The other pod, and the executor, run on.
    let running = driver.until("fine", TaskState::TaskRunning).await;
    assert_eq!(
        pod_status(running.last().expect("RUNNING"))
            .phase
            .as_deref(),
        Some("Running")
    );
}

/// `restartPolicy: OnFailure` with a container that fails twice, then succeeds: the first
/// restart comes at once, the second after the kubelet's 10 s back-off, shown as
/// `CrashLoopBackOff` with a rising restart count; the pod then succeeds. Only against
/// mesos-sim: it is about the executor's timing, not the agent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_looping_container_backs_off_then_succeeds() {
    let mut driver = Driver::start(PeerKind::Sim).await;
    let work = driver.dir.join("flaky");
    let spec = serde_json::json!({
        "restartPolicy": "OnFailure",
        "containers": [{"name": "flaky", "workingDir": work, "command": ["sh", "-c",
            "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; [ $n -ge 3 ]"]}],
    });
    driver.launch(vec![("flaky", pod("flaky", spec))]).await;
    let updates = driver.until("flaky", TaskState::TaskFinished).await;
    let statuses: Vec<PodStatus> = updates
        .iter()
        .filter(|s| s.data.is_some())
        .map(pod_status)
        .collect();
    let backoff = statuses
        .iter()
        .flat_map(|s| s.container_statuses.iter().flatten())
        .find_map(|c| {
            c.state
                .as_ref()
                .and_then(|s| s.waiting.as_ref())
                .filter(|w| w.reason.as_deref() == Some("CrashLoopBackOff"))
                .map(|w| (c.restart_count, w.message.clone().unwrap_or_default()))
        })
        .expect("CrashLoopBackOff was reported");
    assert_eq!(backoff.0, 1, "in back-off after the first restart");
    assert!(backoff.1.contains("back-off 10s"), "{}", backoff.1);
    let last = statuses.last().expect("final status");
    assert_eq!(last.phase.as_deref(), Some("Succeeded"));
    assert_eq!(
        last.container_statuses.as_ref().expect("c")[0].restart_count,
        2
    );
}

/// Readiness drives `ready` and the pod's Ready condition both ways; a startup probe holds
/// `started` and readiness back until it succeeds. Only against mesos-sim: these are the
/// executor's semantics, not the agent's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_gates_and_readiness_toggles_ready() {
    let mut driver = Driver::start(PeerKind::Sim).await;
    let work = driver.dir.join("probed");
    std::fs::create_dir_all(&work).expect("dir");
    let exec = |file: &str| {
        serde_json::json!({"exec": {"command": ["test", "-e", file]},
        "periodSeconds": 1, "failureThreshold": 1})
    };
    let mut startup = exec("started");
    startup["failureThreshold"] = 60.into();
    let spec = serde_json::json!({
        "containers": [{"name": "app", "workingDir": work, "command": ["sleep", "600"],
                        "startupProbe": startup, "readinessProbe": exec("ready")}],
    });
    driver.launch(vec![("probed", pod("probed", spec))]).await;
    let first = driver
        .until_status("probed", "Running", |s| {
            s.phase.as_deref() == Some("Running")
        })
        .await;
    assert_eq!(
        container_started(&first),
        Some(false),
        "held by the startup probe"
    );
    assert_eq!(container_ready(&first), Some(false));
    std::fs::write(work.join("started"), b"").expect("start");
    driver
        .until_status("probed", "started", |s| container_started(s) == Some(true))
        .await;
    std::fs::write(work.join("ready"), b"").expect("ready");
    let ready = driver
        .until_status("probed", "Ready", |s| container_ready(s) == Some(true))
        .await;
    let condition = ready
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == "Ready")
        .map(|c| c.status.clone());
    assert_eq!(condition.as_deref(), Some("True"));
    std::fs::remove_file(work.join("ready")).expect("unready");
    driver
        .until_status("probed", "not Ready", |s| container_ready(s) == Some(false))
        .await;
}

/// A container failing its liveness probe is killed and restarted by the pod's policy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_liveness_probe_restarts_the_container() {
    let mut driver = Driver::start(PeerKind::Sim).await;
    let work = driver.dir.join("live");
    let spec = serde_json::json!({
        "terminationGracePeriodSeconds": 1,
        "containers": [{"name": "app", "workingDir": work,
            "command": ["sh", "-c", "touch alive; exec sleep 600"],
            "livenessProbe": {"exec": {"command": ["test", "-e", "alive"]},
                              "periodSeconds": 1, "failureThreshold": 2}}],
    });
    driver.launch(vec![("live", pod("live", spec))]).await;
    driver
        .until_status("live", "Running", |s| s.phase.as_deref() == Some("Running"))
        .await;
    // The container makes the file as it starts: wait for it, then take it away.
    let start = tokio::time::Instant::now();
    while std::fs::remove_file(work.join("alive")).is_err() {
        assert!(
            start.elapsed() < DEADLINE,
            "the container never made its file"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Killed, then restarted at once; the new run recreates the file and stays alive.
    let restarted = driver
        .until_status("live", "a restart", |s| {
            restarts(s) == 1
                && s.container_statuses
                    .as_ref()
                    .is_some_and(|c| c[0].state.as_ref().is_some_and(|st| st.running.is_some()))
        })
        .await;
    let last = restarted.container_statuses.as_ref().expect("c")[0]
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.clone())
        .expect("the killed run");
    assert_ne!(last.exit_code, 0, "{last:?}");
}

/// `httpGet` readiness (against a named container port) and `tcpSocket` liveness on a small
/// web server in the container: Ready once it serves, never restarted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_and_tcp_probes_see_a_serving_container() {
    let mut driver = Driver::start(PeerKind::Sim).await;
    let port = mesos_test_peers::free_port();
    let work = driver.dir.join("web");
    std::fs::create_dir_all(&work).expect("dir");
    std::fs::write(work.join("healthz"), b"ok").expect("page");
    let spec = serde_json::json!({
        "containers": [{"name": "web", "workingDir": work,
            "command": ["python3", "-m", "http.server", port.to_string(), "--bind", "127.0.0.1"],
            "ports": [{"name": "http", "containerPort": port}],
            "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 1},
            "livenessProbe": {"tcpSocket": {"port": port}, "periodSeconds": 1,
                              "initialDelaySeconds": 1, "failureThreshold": 5}}],
    });
    driver.launch(vec![("web", pod("web", spec))]).await;
    let ready = driver
        .until_status("web", "Ready", |s| container_ready(s) == Some(true))
        .await;
    assert_eq!(restarts(&ready), 0);
    // A page the server does not have: readiness turns false once three probes agree.
    std::fs::remove_file(work.join("healthz")).expect("break readiness");
    let unready = driver
        .until_status("web", "not Ready", |s| container_ready(s) == Some(false))
        .await;
    assert_eq!(
        restarts(&unready),
        0,
        "readiness never restarts a container"
    );
}

/// An `httpGet` probe with `scheme: HTTPS` reaches a server with a self-signed certificate,
/// which the kubelet's prober does not verify: the container turns Ready; and a page the
/// server does not have turns it not Ready again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_probes_skip_certificate_verification() {
    let mut driver = Driver::start(PeerKind::Sim).await;
    let port = mesos_test_peers::free_port();
    let work = driver.dir.join("tls");
    std::fs::create_dir_all(&work).expect("dir");
    std::fs::write(work.join("healthz"), b"ok").expect("page");
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".into()]).expect("a certificate");
    std::fs::write(work.join("cert.pem"), certified.cert.pem()).expect("cert");
    std::fs::write(work.join("key.pem"), certified.signing_key.serialize_pem()).expect("key");
    let server = format!(
        "import http.server, ssl\n\
         s = http.server.HTTPServer(('127.0.0.1', {port}), http.server.SimpleHTTPRequestHandler)\n\
         c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n\
         c.load_cert_chain('cert.pem', 'key.pem')\n\
         s.socket = c.wrap_socket(s.socket, server_side=True)\n\
         s.serve_forever()\n"
    );
    let spec = serde_json::json!({
        "containers": [{"name": "tls", "workingDir": work,
            "command": ["python3", "-c", server],
            "readinessProbe": {"httpGet": {"path": "/healthz", "port": port, "scheme": "HTTPS"},
                               "periodSeconds": 1}}],
    });
    driver.launch(vec![("tls", pod("tls", spec))]).await;
    driver
        .until_status("tls", "Ready over HTTPS", |s| {
            container_ready(s) == Some(true)
        })
        .await;
    std::fs::remove_file(work.join("healthz")).expect("break readiness");
    driver
        .until_status("tls", "not Ready", |s| container_ready(s) == Some(false))
        .await;
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(1)?.parse().ok()
}

/// The `sleep` processes whose argument starts with `marker` (not the shells or shims whose
/// command lines merely quote them).
fn sleepers(marker: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let argv: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
            (argv.first() == Some(&&b"sleep"[..])
                && argv
                    .get(1)
                    .is_some_and(|a| a.starts_with(marker.as_bytes())))
            .then_some(pid)
        })
        .collect()
}

/// The executor is SIGKILLed while a pod runs processes in the background and the
/// foreground: none of them survives it.
async fn no_process_outlives_a_killed_executor(kind: PeerKind) {
    let mut driver = Driver::start(kind).await;
    let marker = format!("55{}", std::process::id());
    let spec = serde_json::json!({
        "containers": [{"name": "busy", "command": ["sh", "-c",
            format!("sleep {marker}1 & sleep {marker}2 & sleep {marker}3; wait")]}],
    });
    driver.launch(vec![("busy", pod("busy", spec))]).await;
    driver.until("busy", TaskState::TaskRunning).await;
    let start = tokio::time::Instant::now();
    let sleeper = loop {
        if let Some(pid) = sleepers(&format!("{marker}3")).first() {
            break *pid;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the container's processes never ran"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    // sleep -> sh -> container shim -> executor.
    let argv = |pid: u32| -> Vec<String> {
        std::fs::read(format!("/proc/{pid}/cmdline"))
            .map(|c| {
                c.split(|b| *b == 0)
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let shim = parent_of(sleeper)
        .and_then(parent_of)
        .expect("the shim's pid");
    assert_eq!(
        argv(shim).get(1).map(String::as_str),
        Some("container-shim"),
        "{:?}",
        argv(shim)
    );
    let executor = parent_of(shim).expect("the executor's pid");
    assert_eq!(
        argv(executor).get(1).map(String::as_str),
        Some("executor"),
        "{:?}",
        argv(executor)
    );
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(executor).expect("pid")),
        nix::sys::signal::Signal::SIGKILL,
    )
    .expect("SIGKILL the executor");
    let start = tokio::time::Instant::now();
    loop {
        let left = sleepers(&marker);
        if left.is_empty() {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "processes outlived the executor: {left:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// postStart runs before the container counts as Running; on KILL, preStop runs first,
/// then SIGTERM reaches the container; a failing container's termination message is read
/// from its `terminationMessagePath`.
async fn hooks_and_termination_messages(kind: PeerKind) {
    let mut driver = Driver::start(kind).await;
    let work = driver.dir.join("hooks");
    let spec = serde_json::json!({
        "containers": [{"name": "app", "workingDir": work,
            "command": ["sh", "-c", "trap 'echo term >> events; exit 0' TERM; \
                                     while true; do sleep 0.1; done"],
            "lifecycle": {
                "postStart": {"exec": {"command": ["sh", "-c", "echo poststart >> events"]}},
                "preStop": {"exec": {"command": ["sh", "-c", "echo prestop >> events"]}},
            }}],
    });
    let failing = serde_json::json!({
        "restartPolicy": "Never",
        "containers": [{"name": "app", "workingDir": work,
            "terminationMessagePath": "last-words",
            "command": ["sh", "-c", "echo 'disk full' > last-words; exit 3"]}],
    });
    let offer = driver
        .launch(vec![
            ("hooks", pod("hooks", spec)),
            ("failing", pod("failing", failing)),
        ])
        .await;
    let failed = driver.until("failing", TaskState::TaskFailed).await;
    let ended = pod_status(failed.last().expect("FAILED"))
        .container_statuses
        .expect("statuses")[0]
        .state
        .as_ref()
        .and_then(|s| s.terminated.clone())
        .expect("terminated");
    assert_eq!(ended.message.as_deref(), Some("disk full\n"));

    driver
        .until_status("hooks", "Running", |s| {
            s.phase.as_deref() == Some("Running")
        })
        .await;
    assert_eq!(
        std::fs::read_to_string(work.join("events")).expect("events"),
        "poststart\n",
        "postStart ran before the container was Running"
    );
    driver
        .scheduler
        .kill(
            TaskId {
                value: "hooks".into(),
            },
            Some(offer.agent_id.clone()),
            Some(KillPolicy {
                grace_period: Some(DurationInfo {
                    nanoseconds: 10_000_000_000,
                }),
            }),
        )
        .await
        .expect("KILL");
    driver.until("hooks", TaskState::TaskKilled).await;
    assert_eq!(
        std::fs::read_to_string(work.join("events")).expect("events"),
        "poststart\nprestop\nterm\n",
        "preStop, then SIGTERM"
    );
}

/// emptyDir (shared by an init container and the app container), hostPath and configMap
/// (with `items` and a mode) volumes, seen through `K8SM_VOLUME_*`, `K8SM_ROOTFS` and a
/// `workingDir` inside a mount; a volume of a kind executor mode cannot provide fails the pod
/// with the reason.
async fn volumes_are_visible_to_the_containers(kind: PeerKind) {
    let mut driver = Driver::start(kind).await;
    let host = driver.dir.join("host-data");
    std::fs::create_dir_all(&host).expect("host dir");
    std::fs::write(host.join("hello"), b"from the host\n").expect("host file");
    let spec = serde_json::json!({
        "restartPolicy": "Never",
        "volumes": [
            {"name": "scratch", "emptyDir": {}},
            {"name": "host", "hostPath": {"path": host, "type": "Directory"}},
            {"name": "config", "configMap": {"name": "settings", "defaultMode": 0o600,
                "items": [{"key": "mode", "path": "conf/mode.txt"}]}},
            {"name": "info", "downwardAPI": {"items": [
                {"path": "name", "fieldRef": {"fieldPath": "metadata.name"}}]}},
        ],
        "initContainers": [{"name": "prepare", "command": ["sh", "-c", "echo prepared > $K8SM_VOLUME_SCRATCH/state"],
            "volumeMounts": [{"name": "scratch", "mountPath": "/scratch"}]}],
        "containers": [{"name": "app", "workingDir": "/work",
            "command": ["sh", "-c",
                "{ cat state; cat $K8SM_VOLUME_HOST/hello; cat $K8SM_ROOTFS/etc/app/conf/mode.txt; echo; \
                   stat -c %a $K8SM_VOLUME_CONFIG/conf/mode.txt; cat $K8SM_VOLUME_INFO/name; echo; } > report"],
            "volumeMounts": [
                {"name": "scratch", "mountPath": "/work"},
                {"name": "host", "mountPath": "/data", "readOnly": true},
                {"name": "config", "mountPath": "/etc/app"},
                {"name": "info", "mountPath": "/etc/podinfo"},
            ]}],
    });
    let unsupported = serde_json::json!({
        "volumes": [{"name": "disk", "persistentVolumeClaim": {"claimName": "data"}}],
        "containers": [{"name": "app", "command": ["true"]}],
    });
    driver
        .launch(vec![
            ("volumes", pod("volumes", spec)),
            ("unsupported", pod("unsupported", unsupported)),
        ])
        .await;
    driver.until("volumes", TaskState::TaskFinished).await;
    let scratch = driver
        .peer
        .executor_sandboxes("k8sm")
        .iter()
        .map(|run| run.join("pods/shop_volumes_uid-volumes/volumes/scratch/report"))
        .find(|p| p.exists())
        .expect("the report in the emptyDir");
    assert_eq!(
        std::fs::read_to_string(scratch).expect("report"),
        "prepared\nfrom the host\nfast\n600\nvolumes\n"
    );
    let failed = driver.until("unsupported", TaskState::TaskFailed).await;
    let message = failed
        .last()
        .and_then(|s| s.message.clone())
        .unwrap_or_default();
    assert!(message.contains("volume disk"), "{message}");
}
