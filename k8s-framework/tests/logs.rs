//! `kubectl logs` against k8sm, by the path it takes on a real cluster: the real kubectl asks
//! the embedded API server for `pods/log`, which proxies to the kubelet endpoint published on
//! the pod's Node (`status.daemonEndpoints.kubeletEndpoint.Port`), served there by the agent's
//! `k8sm executor` from the pod's log files. Run against mesos-sim (`NAME::sim`) and the real
//! Mesos 1.11.0 (`NAME::real`), with `k8sm scheduler` as a process of its own, as in
//! `tests/scheduler.rs`.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use k8s_framework::apiserver::{ApiServer, ApiServerConfig};
use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::jiff::Timestamp;
use kube::api::PostParams;
use kube::{Api, Client};
use mesos_test_peers::{Peer, PeerKind, on_both_peers};
use tokio::io::{AsyncBufReadExt, BufReader};

const K8SM: &str = env!("CARGO_BIN_EXE_k8sm");
const KUBECTL: &str = "/usr/bin/kubectl";
const DEADLINE: Duration = Duration::from_secs(60);

on_both_peers! {
    kubectl_logs_reads_every_container_and_run => kubectl_logs_reads_every_container_and_run;
    kubectl_logs_follow_streams_until_the_run_ends =>
        kubectl_logs_follow_streams_until_the_run_ends;
    logs_rotate_by_size_and_a_follower_goes_on => logs_rotate_by_size_and_a_follower_goes_on;
}

struct Cluster {
    peer: Peer,
    _server: ApiServer,
    scheduler: tokio::process::Child,
    client: Client,
    kubeconfig: PathBuf,
}

impl Cluster {
    async fn start(kind: PeerKind) -> Cluster {
        Cluster::start_with(kind, &[]).await
    }

    /// A cluster whose scheduler gets `args` besides its master and kubeconfig.
    async fn start_with(kind: PeerKind, args: &[&str]) -> Cluster {
        let peer = Peer::start(kind, 1).await;
        let server = ApiServer::start(ApiServerConfig::default().with_grace_expiry(false))
            .await
            .expect("API server");
        let kubeconfig = peer.work_dir().join("kubeconfig");
        server.write_kubeconfig(&kubeconfig).expect("kubeconfig");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(peer.work_dir().join("scheduler.log"))
            .expect("log");
        let scheduler = tokio::process::Command::new(K8SM)
            .arg("scheduler")
            .arg("--master")
            .arg(peer.master_url())
            .arg("--kubeconfig")
            .arg(&kubeconfig)
            .args(args)
            .env("RUST_LOG", "info,k8s_framework=debug")
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("k8sm scheduler starts");
        let mut config = kube::Config::new(server.url().parse().expect("url"));
        config.default_namespace = "default".into();
        let client = Client::try_from(config).expect("client");
        Cluster {
            peer,
            _server: server,
            scheduler,
            client,
            kubeconfig,
        }
    }

    fn pods(&self) -> Api<Pod> {
        Api::namespaced(self.client.clone(), "default")
    }

    async fn create(&self, pod: serde_json::Value) {
        let pod: Pod = serde_json::from_value(pod).expect("a pod");
        self.pods()
            .create(&PostParams::default(), &pod)
            .await
            .expect("pod created");
    }

    /// What went on, for a failure's message: the scheduler's log and the executor's.
    fn diagnostics(&self) -> String {
        let scheduler =
            std::fs::read_to_string(self.peer.work_dir().join("scheduler.log")).unwrap_or_default();
        let executors: String = executor_ids(self.peer.work_dir())
            .iter()
            .map(|id| self.peer.executor_stderr(id))
            .collect();
        format!("scheduler log:\n{scheduler}\nexecutor logs:\n{executors}")
    }

    /// Polls the pod until `check` holds, failing after [`DEADLINE`].
    async fn until(&self, name: &str, what: &str, check: impl Fn(&Pod) -> bool) -> Pod {
        let start = tokio::time::Instant::now();
        loop {
            let pod = self.pods().get_opt(name).await.expect("GET pod");
            if let Some(pod) = pod.as_ref().filter(|p| check(p)) {
                return pod.clone();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "{name}: {what} did not happen within {DEADLINE:?}; pod: {pod:?}\n{}",
                self.diagnostics()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Polls `find` until it finds a path, failing after [`DEADLINE`].
    async fn until_file(&self, find: impl Fn() -> Option<PathBuf>) -> PathBuf {
        let start = tokio::time::Instant::now();
        loop {
            if let Some(path) = find() {
                return path;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no such file within {DEADLINE:?}\n{}",
                self.diagnostics()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs kubectl with the cluster's kubeconfig: whether it succeeded, its stdout, its
    /// stderr.
    async fn kubectl(&self, args: &[&str]) -> (bool, String, String) {
        let output = tokio::time::timeout(
            DEADLINE,
            tokio::process::Command::new(KUBECTL)
                .arg("--kubeconfig")
                .arg(&self.kubeconfig)
                .args(args)
                .stdin(Stdio::null())
                .kill_on_drop(true)
                .output(),
        )
        .await
        .expect("kubectl ends in time")
        .expect("kubectl runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// `kubectl logs ARGS` until it succeeds with output `check` accepts (a container writes
    /// its first lines a moment after it is reported running), failing after [`DEADLINE`].
    async fn logs_until(&self, args: &[&str], check: impl Fn(&str) -> bool) -> String {
        let start = tokio::time::Instant::now();
        let mut all = vec!["logs"];
        all.extend_from_slice(args);
        loop {
            let (ok, out, err) = self.kubectl(&all).await;
            if ok && check(&out) {
                return out;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "kubectl {all:?} never gave the expected output: {out:?}, {err:?}\n{}",
                self.diagnostics()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// `kubectl ARGS`, which must fail; its stderr.
    async fn kubectl_fails(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.kubectl(args).await;
        assert!(!ok, "kubectl {args:?} succeeded: {out:?}");
        err
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.scheduler.start_kill();
    }
}

/// The ids of the k8sm executors with a sandbox under `dir` (`.../executors/k8sm-.../runs`).
fn executor_ids(dir: &std::path::Path) -> Vec<String> {
    let mut ids = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("k8sm-") && dir.file_name().is_some_and(|n| n == "executors") {
                ids.push(name);
            } else {
                stack.push(entry.path());
            }
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

fn container(name: &str, script: &str) -> serde_json::Value {
    serde_json::json!({"name": name, "image": "busybox", "command": ["sh", "-c", script],
                       "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}})
}

fn pod(name: &str, restart: &str, containers: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"restartPolicy": restart, "terminationGracePeriodSeconds": 1,
                 "containers": containers},
    })
}

fn phase(pod: &Pod) -> Option<&str> {
    pod.status.as_ref()?.phase.as_deref()
}

fn restarted_and_running(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|c| c.first())
        .is_some_and(|c| {
            c.restart_count == 1 && c.state.as_ref().is_some_and(|s| s.running.is_some())
        })
}

/// A running pod's output with `--tail`, `--limit-bytes` and `--timestamps`; a completed
/// pod's, after its task ended; the current and `--previous` run of a restarted container;
/// each container of a two-container pod with `-c`, and kube-apiserver's 400s for no
/// container and an unknown one (kubectl itself defaults to the first container, so they are
/// asked for raw). The agent's Node publishes the executor's port.
async fn kubectl_logs_reads_every_container_and_run(kind: PeerKind) {
    let cluster = Cluster::start(kind).await;
    cluster
        .create(pod(
            "lines",
            "Always",
            vec![container(
                "main",
                "echo one; echo two; echo three; sleep 600",
            )],
        ))
        .await;
    cluster
        .create(pod(
            "done",
            "Never",
            vec![container("main", "echo finished")],
        ))
        .await;
    // The pod's directory is the container's working directory and outlives a run.
    cluster
        .create(pod(
            "restarts",
            "OnFailure",
            vec![container(
                "main",
                "if [ -e ran ]; then echo second; sleep 600; else touch ran; echo first; exit 1; fi",
            )],
        ))
        .await;
    cluster
        .create(pod(
            "two",
            "Always",
            vec![
                container("a", "echo from-a; sleep 600"),
                container("b", "echo from-b; sleep 600"),
            ],
        ))
        .await;

    let lines = cluster
        .until("lines", "Running", |p| phase(p) == Some("Running"))
        .await;
    let node = lines
        .spec
        .as_ref()
        .and_then(|s| s.node_name.clone())
        .expect("bound");
    let nodes: Api<Node> = Api::all(cluster.client.clone());
    let port = nodes
        .get(&node)
        .await
        .expect("the Node")
        .status
        .and_then(|s| s.daemon_endpoints)
        .and_then(|d| d.kubelet_endpoint)
        .map(|e| e.port);
    assert!(
        port.is_some_and(|p| p > 0),
        "the Node publishes the kubelet port: {port:?}"
    );

    let all = cluster
        .logs_until(&["lines"], |out| out == "one\ntwo\nthree\n")
        .await;
    assert_eq!(all, "one\ntwo\nthree\n");
    let (ok, tail, err) = cluster.kubectl(&["logs", "lines", "--tail=1"]).await;
    assert!(ok, "{err}");
    assert_eq!(tail, "three\n");
    let (ok, limited, err) = cluster.kubectl(&["logs", "lines", "--limit-bytes=5"]).await;
    assert!(ok, "{err}");
    assert_eq!(limited, "one\nt");
    let (ok, stamped, err) = cluster.kubectl(&["logs", "lines", "--timestamps"]).await;
    assert!(ok, "{err}");
    let words: Vec<&str> = stamped
        .lines()
        .map(|line| {
            let (time, word) = line.split_once(' ').expect("a timestamp, then the line");
            time.parse::<Timestamp>()
                .unwrap_or_else(|e| panic!("{time:?} is no RFC 3339 time: {e}"));
            word
        })
        .collect();
    assert_eq!(words, ["one", "two", "three"]);
    // The file has no per-line times: a log written within the window is shown whole, one
    // last written before it not at all.
    let (ok, recent, err) = cluster.kubectl(&["logs", "lines", "--since=1h"]).await;
    assert!(ok, "{err}");
    assert_eq!(recent, "one\ntwo\nthree\n");
    let (ok, recent, err) = cluster
        .kubectl(&["logs", "lines", "--since-time=2000-01-01T00:00:00Z"])
        .await;
    assert!(ok, "{err}");
    assert_eq!(recent, "one\ntwo\nthree\n");
    cluster
        .logs_until(&["lines", "--since=1s"], str::is_empty)
        .await;
    let err = cluster
        .kubectl_fails(&["logs", "lines", "--previous"])
        .await;
    assert!(
        err.contains(r#"previous terminated container "main" in pod "lines" not found"#),
        "{err}"
    );

    cluster
        .until("done", "Succeeded", |p| phase(p) == Some("Succeeded"))
        .await;
    let done = cluster.logs_until(&["done"], |out| !out.is_empty()).await;
    assert_eq!(done, "finished\n", "a completed pod's log stays readable");

    cluster
        .until("restarts", "restarted", restarted_and_running)
        .await;
    let current = cluster
        .logs_until(&["restarts"], |out| !out.is_empty())
        .await;
    assert_eq!(current, "second\n");
    let (ok, previous, err) = cluster.kubectl(&["logs", "restarts", "--previous"]).await;
    assert!(ok, "{err}");
    assert_eq!(previous, "first\n");

    cluster
        .until("two", "Running", |p| phase(p) == Some("Running"))
        .await;
    let b = cluster
        .logs_until(&["two", "-c", "b"], |out| !out.is_empty())
        .await;
    assert_eq!(b, "from-b\n");
    let a = cluster
        .logs_until(&["two", "-c", "a"], |out| !out.is_empty())
        .await;
    assert_eq!(a, "from-a\n");
    let err = cluster
        .kubectl_fails(&["get", "--raw", "/api/v1/namespaces/default/pods/two/log"])
        .await;
    assert!(
        err.contains("a container name must be specified for pod two, choose one of: [a b]"),
        "{err}"
    );
    let err = cluster
        .kubectl_fails(&[
            "get",
            "--raw",
            "/api/v1/namespaces/default/pods/two/log?container=nope",
        ])
        .await;
    assert!(
        err.contains("container nope is not valid for pod two"),
        "{err}"
    );
}

/// `kubectl logs -f` on a pod that keeps printing shows lines printed after it started, and
/// on a container that ends, it ends with it, having shown the whole run.
async fn kubectl_logs_follow_streams_until_the_run_ends(kind: PeerKind) {
    let cluster = Cluster::start(kind).await;
    cluster
        .create(pod(
            "ticker",
            "Always",
            vec![container(
                "main",
                "i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.2; done",
            )],
        ))
        .await;
    cluster
        .until("ticker", "Running", |p| phase(p) == Some("Running"))
        .await;
    let tick = |line: &str| {
        line.strip_prefix("tick-")
            .and_then(|n| n.parse::<u64>().ok())
    };
    let before = cluster
        .logs_until(&["ticker"], |out| out.lines().any(|l| tick(l).is_some()))
        .await;
    let last = before.lines().filter_map(tick).max().expect("a tick");

    let mut follow = tokio::process::Command::new(KUBECTL)
        .arg("--kubeconfig")
        .arg(&cluster.kubeconfig)
        .args(["logs", "-f", "ticker"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("kubectl logs -f starts");
    let mut lines = BufReader::new(follow.stdout.take().expect("stdout")).lines();
    // Five ticks (a second) after the last one printed before kubectl started.
    let wanted = last + 5;
    let seen = tokio::time::timeout(DEADLINE, async {
        let mut seen = Vec::new();
        while let Some(line) = lines.next_line().await.expect("read kubectl's output") {
            let n = tick(&line);
            seen.push(line);
            if n.is_some_and(|n| n >= wanted) {
                return seen;
            }
        }
        panic!("kubectl logs -f ended before tick-{wanted}: {seen:?}");
    })
    .await
    .unwrap_or_else(|_| panic!("no tick-{wanted} within {DEADLINE:?}"));
    assert_eq!(seen[0], "tick-0", "the run is shown from its start");
    follow.start_kill().expect("kill kubectl");
    let _ = follow.wait().await;

    // Created now, so that kubectl follows it while it runs.
    cluster
        .create(pod(
            "short",
            "Never",
            vec![container("main", "echo begin; sleep 3; echo end")],
        ))
        .await;
    cluster
        .until("short", "Running", |p| phase(p) == Some("Running"))
        .await;
    let (ok, out, err) = cluster.kubectl(&["logs", "-f", "short"]).await;
    assert!(ok, "{err}");
    assert_eq!(out, "begin\nend\n", "followed to the run's end");
}

/// The files under `dir` whose name starts with `prefix`, found at any depth.
fn files_named(dir: &std::path::Path, prefix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if entry.file_name().to_string_lossy().starts_with(prefix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// With `--container-log-max-size 2Ki --container-log-max-files 3`, a chatty container's log
/// is rotated as it writes: the current file stays near 2 KiB, two rotated files are kept and
/// no more, `kubectl logs` shows the current file only (as with the kubelet), and a
/// `kubectl logs -f` started before the rotations goes on through them to the last line, in
/// order.
async fn logs_rotate_by_size_and_a_follower_goes_on(kind: PeerKind) {
    let cluster = Cluster::start_with(
        kind,
        &[
            "--container-log-max-size",
            "2Ki",
            "--container-log-max-files",
            "3",
        ],
    )
    .await;
    // About 50 bytes a line, 300 lines: some seven rotations. It waits for a go-ahead file
    // so that the follower is there from the first line.
    let script = "echo ready; while [ ! -e go ]; do sleep 0.1; done; i=0; \
        while [ $i -lt 300 ]; do echo \"line $i 0123456789012345678901234567890123456789\"; \
        i=$((i+1)); if [ $((i % 20)) -eq 0 ]; then sleep 0.2; fi; done; echo end; sleep 600";
    cluster
        .create(pod("chatty", "Always", vec![container("main", script)]))
        .await;
    cluster
        .until("chatty", "Running", |p| phase(p) == Some("Running"))
        .await;
    // The follower is connected once it has read the first line: give the go-ahead then.
    // The pod's directory is the container's working directory. A follower that ends before
    // any line (the container's log not yet there when the pod turned Running) is started
    // again, until the deadline.
    let started = std::time::Instant::now();
    let (_follower, mut lines) = loop {
        let mut follower = tokio::process::Command::new(KUBECTL)
            .arg("--kubeconfig")
            .arg(&cluster.kubeconfig)
            .args(["logs", "-f", "chatty"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("kubectl logs -f");
        let mut lines = BufReader::new(follower.stdout.take().expect("stdout")).lines();
        let first = tokio::time::timeout(DEADLINE, lines.next_line())
            .await
            .expect("the first line in time")
            .expect("read");
        match first.as_deref() {
            Some(line) => {
                assert_eq!(line, "ready");
                break (follower, lines);
            }
            None => {
                assert!(
                    started.elapsed() < DEADLINE,
                    "kubectl logs -f never read a line"
                );
                let _ = follower.wait().await;
            }
        }
    };
    let log = cluster
        .until_file(|| {
            files_named(cluster.peer.work_dir(), "0.log")
                .into_iter()
                .next()
        })
        .await;
    let pod_dir = log
        .parent()
        .and_then(|p| p.parent())
        .and_then(|p| p.parent())
        .expect("the pod's directory")
        .to_path_buf();
    std::fs::write(pod_dir.join("go"), b"").expect("go-ahead");
    let followed = tokio::time::timeout(DEADLINE, async {
        let mut seen = Vec::new();
        while let Some(line) = lines.next_line().await.expect("read") {
            if line == "end" {
                return seen;
            }
            let n: u32 = line
                .split_whitespace()
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("unexpected line {line:?}"));
            seen.push(n);
        }
        panic!("the follower ended before the last line: {seen:?}");
    })
    .await
    .unwrap_or_else(|_| panic!("no end line in time\n{}", cluster.diagnostics()));
    assert!(
        followed.windows(2).all(|w| w[0] < w[1]),
        "in order: {followed:?}"
    );
    assert_eq!(followed.last(), Some(&299), "{followed:?}");
    assert_eq!(
        followed.len(),
        300,
        "no line lost across the rotations: {followed:?}"
    );

    // Three files in all: the current one and two rotated.
    let files = files_named(log.parent().expect("folder"), "0.log");
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["0.log", "0.log.1", "0.log.2"], "{files:?}");
    for file in &files {
        let size = std::fs::metadata(file).expect("size").len();
        assert!(size <= 2048 + 64, "{} is {size} bytes", file.display());
    }
    let (ok, current, err) = cluster.kubectl(&["logs", "chatty"]).await;
    assert!(ok, "{err}");
    assert!(current.ends_with("end\n"), "{current}");
    assert!(
        !current.contains("line 0 "),
        "the current file only: {current}"
    );
}
