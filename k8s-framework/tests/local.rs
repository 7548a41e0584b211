//! `k8sm local` as a newcomer runs it: one process, driven by the real kubectl through the
//! kubeconfig it writes, stopped with SIGINT; and its startup failures, one line each.
//!
//! The test process makes itself a child subreaper first, so that any process `k8sm local`
//! leaves behind (an executor, a container shim, a container) is re-parented to it rather
//! than to init, where the test could not tell it from the machine's own processes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::kubectl_at;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const K8SM: &str = env!("CARGO_BIN_EXE_k8sm");
/// The demo settles in about 15 s (the crash-looping pod's back-off); room for a busy machine.
const DEADLINE: Duration = Duration::from_secs(120);

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("k8sm-local-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The live processes whose parent is `parent`, with their command lines; dead ones handed
/// to us (we are a subreaper) are reaped.
fn live_children_of(parent: u32) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    for child in common::children_of(parent) {
        if child.state == "Z" {
            let _ = nix::sys::wait::waitpid(
                nix::unistd::Pid::from_raw(i32::try_from(child.pid).unwrap_or(0)),
                Some(nix::sys::wait::WaitPidFlag::WNOHANG),
            );
            continue;
        }
        let cmdline = std::fs::read(format!("/proc/{}/cmdline", child.pid))
            .map(|b| String::from_utf8_lossy(&b).replace('\0', " "))
            .unwrap_or_default();
        found.push((child.pid, cmdline));
    }
    found
}

/// Processes whose working directory is under `dir` (the executors and containers of a
/// sandbox there).
fn processes_in(dir: &str) -> Vec<(u32, PathBuf)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        if let Ok(cwd) = std::fs::read_link(entry.path().join("cwd"))
            && cwd.to_string_lossy().contains(dir)
        {
            found.push((pid, cwd));
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_runs_kubectl_works_and_sigint_leaves_nothing_running() {
    nix::sys::prctl::set_child_subreaper(true).expect("become a child subreaper");
    let dir = scratch("demo");
    let kubeconfig = dir.join("k8sm-local.kubeconfig");
    let mut child = Command::new(K8SM)
        .args([
            "--log-format",
            "json",
            "local",
            "--demo",
            "--kubeconfig-out",
        ])
        .arg(&kubeconfig)
        .env("RUST_LOG", "info")
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("k8sm local starts");
    let local_pid = child.id().expect("pid");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let stderr = child.stderr.take().expect("stderr");
    let stderr_text = tokio::spawn(async move {
        let mut lines = BufReader::new(stderr).lines();
        let mut text = String::new();
        while let Ok(Some(line)) = lines.next_line().await {
            text.push_str(&line);
            text.push('\n');
        }
        text
    });
    let mut printed = String::new();
    let settled = tokio::time::timeout(DEADLINE, async {
        while let Some(line) = stdout.next_line().await.expect("read stdout") {
            printed.push_str(&line);
            printed.push('\n');
            if line.contains("the demo settled") {
                return true;
            }
            if line.contains("not settled") {
                return false;
            }
        }
        false
    })
    .await;
    assert!(
        matches!(settled, Ok(true)),
        "the demo did not settle:\n{printed}"
    );
    // What it told the user to type, typed.
    let export = format!("export KUBECONFIG={}", kubeconfig.display());
    assert!(printed.contains(&export), "{printed}");
    assert!(printed.contains("kubectl get nodes"), "{printed}");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&kubeconfig)
            .expect("kubeconfig")
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600, "the kubeconfig is private");
    // Keep reading stdout so the process never blocks on a full pipe.
    let drain = tokio::spawn(async move {
        let mut rest = String::new();
        while let Ok(Some(line)) = stdout.next_line().await {
            rest.push_str(&line);
            rest.push('\n');
        }
        rest
    });

    let (ok, nodes) = kubectl_at(&kubeconfig, &["get", "nodes", "--no-headers"]).await;
    assert!(ok, "{nodes}");
    assert_eq!(
        nodes.lines().filter(|l| l.contains(" Ready ")).count(),
        3,
        "three Ready Nodes, one per agent:\n{nodes}"
    );
    let (ok, pods) = kubectl_at(&kubeconfig, &["get", "pods", "-o", "wide", "--no-headers"]).await;
    assert!(ok, "{pods}");
    let row = |name: &str| {
        pods.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no {name} in:\n{pods}"))
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // NAME READY STATUS RESTARTS [(AGE ago)] AGE IP NODE ...
    let web = row("web");
    assert_eq!(
        (web[1].as_str(), web[2].as_str()),
        ("1/1", "Running"),
        "{pods}"
    );
    assert!(
        nodes
            .lines()
            .any(|n| n.starts_with(&format!("{} ", web[6]))),
        "web runs on one of the Nodes ({}):\n{nodes}",
        web[6]
    );
    assert_eq!(row("countdown")[2], "Completed", "{pods}");
    let flaky = row("flaky");
    assert_eq!(flaky[2], "Completed", "{pods}");
    assert!(
        flaky[3].parse::<u32>().unwrap_or(0) >= 2,
        "flaky restarted: {pods}"
    );
    assert_eq!(row("too-big")[2], "Pending", "{pods}");
    let (ok, describe) = kubectl_at(&kubeconfig, &["describe", "pod", "too-big"]).await;
    assert!(ok, "{describe}");
    assert!(
        describe.contains("0/3 nodes are available: 3 Insufficient cpu."),
        "{describe}"
    );
    // The kubelet's events, recorded by the scheduler from the executor's reports.
    let (ok, events) = kubectl_at(&kubeconfig, &["get", "events"]).await;
    assert!(ok, "{events}");
    for needle in [
        "Started container web",
        "Created container: web",
        "Back-off restarting failed container flaky in pod flaky_default(",
        "0/3 nodes are available: 3 Insufficient cpu.",
    ] {
        assert!(events.contains(needle), "{needle:?} in:\n{events}");
    }
    // A repeated event is one event in a series, as the kubelet's recorder folds it: flaky
    // started twice.
    let (ok, json) = kubectl_at(
        &kubeconfig,
        &[
            "get",
            "events",
            "--field-selector",
            "involvedObject.name=flaky,reason=Started",
            "-o",
            "json",
        ],
    )
    .await;
    assert!(ok, "{json}");
    let listed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let started = listed["items"].as_array().expect("items");
    assert_eq!(started.len(), 1, "one Started event for flaky: {json}");
    assert!(
        started[0]["series"]["count"].as_i64().unwrap_or(0) >= 2,
        "folded into a series: {json}"
    );
    let (ok, logs) = kubectl_at(&kubeconfig, &["logs", "web"]).await;
    assert!(ok, "{logs}");
    assert!(
        logs.contains("Serving HTTP on 127.0.0.1 port 31080"),
        "{logs}"
    );
    let (ok, logs) = kubectl_at(&kubeconfig, &["logs", "countdown"]).await;
    assert!(ok && logs.contains("liftoff"), "{logs}");

    // Executors and containers are running now, under the agents' work folder.
    let work = format!("k8sm-local-{local_pid}");
    assert!(
        !processes_in(&work).is_empty(),
        "the executors run in their sandboxes under {work}"
    );

    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(local_pid).expect("pid")),
        nix::sys::signal::Signal::SIGINT,
    )
    .expect("SIGINT");
    let status = tokio::time::timeout(DEADLINE, child.wait())
        .await
        .expect("k8sm local stops in time after SIGINT")
        .expect("wait");
    let rest = drain.await.expect("stdout");
    let errors = stderr_text.await.expect("stderr");
    assert!(status.success(), "{status}\n{rest}\n{errors}");
    assert!(rest.contains("k8sm local: stopped"), "{rest}");
    assert!(!errors.contains("panicked"), "{errors}");
    // `--log-format json`: every log line is one JSON object, with no colour escapes.
    let mut log_lines = 0;
    for line in errors.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
        assert!(value.get("level").is_some(), "{line}");
        log_lines += 1;
    }
    assert!(log_lines > 0, "RUST_LOG=info logged something");
    assert!(!errors.contains('\x1b'), "{errors}");

    // Nothing of it survives: no orphan was handed to us, nothing runs in its sandboxes,
    // and its work folder is gone. Orphans may take a moment to be re-parented after their
    // parent's exit: wait for the condition, bounded.
    let me = std::process::id();
    let start = tokio::time::Instant::now();
    loop {
        let orphans = live_children_of(me);
        let inside = processes_in(&work);
        if orphans.is_empty() && inside.is_empty() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "left running: orphans {orphans:?}, in the sandboxes {inside:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        !std::env::temp_dir().join(&work).exists(),
        "the agents' work folder is removed"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `k8sm local ARGS` expecting a startup failure; returns its stderr.
async fn fails_to_start(dir: &Path, args: &[&str]) -> String {
    let output = tokio::time::timeout(
        DEADLINE,
        Command::new(K8SM)
            .arg("local")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("k8sm local ends in time")
    .expect("k8sm local runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one line for a user error:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    stderr
}

#[tokio::test]
async fn startup_failures_are_one_line_naming_the_fix() {
    let dir = scratch("failures");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();

    let line = fails_to_start(&dir, &["--apiserver-port", &port]).await;
    assert!(
        line.contains(&format!("port {port} for the API server is taken"))
            && line.contains("--apiserver-port 0"),
        "{line}"
    );
    let line = fails_to_start(&dir, &["--master-port", &port]).await;
    assert!(
        line.contains(&format!("port {port} for the Mesos master is taken"))
            && line.contains("--master-port 0"),
        "{line}"
    );
    let line = fails_to_start(&dir, &["--executor", "/nonexistent/k8sm"]).await;
    assert!(
        line.contains("/nonexistent/k8sm does not exist") && line.contains("--executor PATH"),
        "{line}"
    );
    let line = fails_to_start(
        &dir,
        &[
            "--kubeconfig-out",
            "/nonexistent-folder/k8sm-local.kubeconfig",
        ],
    )
    .await;
    assert!(
        line.contains("cannot write the kubeconfig to /nonexistent-folder/k8sm-local.kubeconfig")
            && line.contains("--kubeconfig-out"),
        "{line}"
    );
    let line = fails_to_start(&dir, &["--agents", "0"]).await;
    assert!(line.contains("--agents must be at least 1"), "{line}");
    drop(taken);
    let _ = std::fs::remove_dir_all(&dir);
}
