//! The flow an operator tries first, with three processes and nothing else: `mesos-sim
//! --port 0 --agents 3`, `k8sm apiserver --port 0 --kubeconfig-out K --no-grace-expiry`,
//! `k8sm scheduler --master ... --kubeconfig K`; then the real kubectl runs a pod
//! (`kubectl run web --image=busybox --command -- sleep 3600`), which becomes Running on a
//! Node named after a simulated agent, and `kubectl delete` removes it once its task is gone.
//!
//! `mesos-sim` is the workspace's binary, found beside `k8sm` in the target folder (a
//! workspace build, as `cargo nextest run --workspace` does, builds both).

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::kubectl_at;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const K8SM: &str = env!("CARGO_BIN_EXE_k8sm");
const DEADLINE: Duration = Duration::from_secs(60);

fn mesos_sim() -> PathBuf {
    let path = Path::new(K8SM).with_file_name("mesos-sim");
    assert!(
        path.exists(),
        "{} is not built: build the workspace (`cargo build --workspace`) first",
        path.display()
    );
    path
}

/// Starts `command` and returns it with the first line of its stdout that contains `marker`.
async fn start_until(mut command: Command, marker: &str) -> (Child, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the process starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let line = tokio::time::timeout(DEADLINE, async {
        while let Some(line) = lines.next_line().await.expect("read stdout") {
            if line.contains(marker) {
                return line;
            }
        }
        panic!("the process ended without printing {marker:?}");
    })
    .await
    .expect("started in time");
    // Keep draining stdout so the process never blocks on it.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, line)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_run_gets_a_running_pod_on_a_simulated_agent() {
    let dir = std::env::temp_dir().join(format!("k8sm-three-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let kubeconfig = dir.join("kubeconfig");

    let mut sim = Command::new(mesos_sim());
    sim.args(["--port", "0", "--agents", "3"]).current_dir(&dir);
    let (mut sim, line) = start_until(sim, "mesos-sim master at").await;
    let master = line
        .rsplit(' ')
        .next()
        .expect("the master's URL")
        .to_string();

    let mut apiserver = Command::new(K8SM);
    apiserver
        .args([
            "apiserver",
            "--port",
            "0",
            "--no-grace-expiry",
            "--kubeconfig-out",
        ])
        .arg(&kubeconfig);
    let (_apiserver, _) = start_until(apiserver, "http").await;

    let mut scheduler = Command::new(K8SM);
    scheduler
        .args(["scheduler", "--master", &master, "--kubeconfig"])
        .arg(&kubeconfig)
        .stderr(Stdio::null());
    let _scheduler = scheduler
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("k8sm scheduler starts");

    let (ok, out) = kubectl_at(
        &kubeconfig,
        &[
            "run",
            "web",
            "--image=busybox",
            "--command",
            "--",
            "sleep",
            "3600",
        ],
    )
    .await;
    assert!(ok, "{out}");
    let start = tokio::time::Instant::now();
    loop {
        let (_, phase) = kubectl_at(
            &kubeconfig,
            &[
                "get",
                "pod",
                "web",
                "-o",
                "jsonpath={.status.phase} {.spec.nodeName}",
            ],
        )
        .await;
        if let Some(node) = phase.strip_prefix("Running ") {
            let (ok, nodes) = kubectl_at(&kubeconfig, &["get", "nodes", "-o", "name"]).await;
            assert!(ok, "{nodes}");
            assert!(nodes.contains(&format!("node/{node}")), "{node} in {nodes}");
            assert_eq!(nodes.lines().count(), 3, "a Node per agent: {nodes}");
            break;
        }
        assert!(start.elapsed() < DEADLINE, "web never ran: {phase}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let (ok, wide) = kubectl_at(&kubeconfig, &["get", "pods", "-o", "wide"]).await;
    assert!(ok && wide.contains("Running"), "{wide}");

    let (ok, out) = kubectl_at(&kubeconfig, &["delete", "pod", "web", "--wait=true"]).await;
    assert!(ok, "{out}");
    let (_, gone) = kubectl_at(&kubeconfig, &["get", "pod", "web"]).await;
    assert!(gone.contains("NotFound"), "{gone}");

    // The executors mesos-sim started are its children; SIGTERM stops it as Ctrl-C does,
    // and it takes them with it (a SIGKILLed simulator would leave them waiting for their
    // agent to come back, as Mesos executors do).
    let sim_pid = sim.id().expect("mesos-sim runs");
    let executors: Vec<u32> = common::children_of(sim_pid)
        .into_iter()
        .map(|p| p.pid)
        .collect();
    assert!(!executors.is_empty(), "mesos-sim runs the k8sm executor");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(sim_pid).expect("pid")),
        nix::sys::signal::Signal::SIGTERM,
    )
    .expect("SIGTERM");
    let status = tokio::time::timeout(DEADLINE, sim.wait())
        .await
        .expect("mesos-sim stops in time")
        .expect("wait");
    assert!(status.success(), "{status}");
    let start = tokio::time::Instant::now();
    while executors.iter().any(|pid| common::alive(*pid)) {
        assert!(
            start.elapsed() < DEADLINE,
            "executors left running: {executors:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
