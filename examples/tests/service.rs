//! The `service` example run as a program, against mesos-sim (`NAME::sim`) and the real
//! Mesos 1.11.0 (`NAME::real`): it keeps N instances running across agents, relaunches an
//! instance that dies, and after being killed and restarted it re-subscribes as the same
//! framework and takes its running instances back without relaunching them.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use mesos_test_peers::{Peer, PeerKind, on_both_peers};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

const DEADLINE: Duration = Duration::from_secs(60);

struct Service {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
    seen: Vec<String>,
}

impl Service {
    fn start(url: &str, state_file: &Path) -> Service {
        // Each instance records its shell's pid in its sandbox, so the test can kill one.
        let mut child = Command::new(env!("CARGO_BIN_EXE_service"))
            .args([
                "--master",
                url,
                "--name",
                "web",
                "--instances",
                "2",
                "--command",
                "echo $$ > \"$MESOS_SANDBOX/pid\"; exec sleep 600",
                "--state-file",
            ])
            .arg(state_file)
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("service starts");
        let stdout = child.stdout.take().expect("piped stdout");
        Service {
            child,
            lines: BufReader::new(stdout).lines(),
            seen: Vec::new(),
        }
    }

    /// Reads output lines until one contains `text`.
    async fn wait_for(&mut self, text: &str) -> String {
        let read = async {
            while let Some(line) = self.lines.next_line().await.expect("read stdout") {
                self.seen.push(line.clone());
                if line.contains(text) {
                    return Some(line);
                }
            }
            None
        };
        match tokio::time::timeout(DEADLINE, read).await {
            Ok(Some(line)) => line,
            Ok(None) => panic!(
                "service exited before {text:?}; output:\n{}",
                self.seen.join("\n")
            ),
            Err(_) => panic!(
                "no {text:?} within {DEADLINE:?}; output:\n{}",
                self.seen.join("\n")
            ),
        }
    }

    async fn kill(mut self) {
        self.child.kill().await.expect("kill service");
    }
}

fn state(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("state file")).expect("state JSON")
}

fn task_ids(path: &Path) -> Vec<String> {
    state(path)["tasks"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn pid_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "pid") {
                found.push(path);
            }
        }
    }
    found
}

on_both_peers! {
    keeps_instances_running_and_survives_its_own_restart =>
        keeps_instances_running_and_survives_its_own_restart;
}

async fn keeps_instances_running_and_survives_its_own_restart(kind: PeerKind) {
    let peer = Peer::start(kind, 2).await;
    let work = peer.work_dir().join("service-test");
    std::fs::create_dir_all(&work).expect("work dir");
    let state_file = work.join("state.json");
    let url = peer.master_url();

    let mut service = Service::start(&url, &state_file);
    service.wait_for("subscribed as").await;
    service.wait_for("steady: 2/2 instances running").await;
    let first = task_ids(&state_file);
    assert_eq!(first.len(), 2);
    let framework_id = state(&state_file)["framework_id"]
        .as_str()
        .expect("framework id persisted")
        .to_string();
    for task in &first {
        assert_eq!(
            peer.task_state(&framework_id, task).await.as_deref(),
            Some("TASK_RUNNING")
        );
    }
    // Spread across the two agents.
    let agents: std::collections::BTreeSet<_> = state(&state_file)["tasks"]
        .as_object()
        .expect("tasks")
        .values()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(agents.len(), 2, "one instance per agent");

    // One instance dies: it is replaced by a new task.
    let pid_file = pid_files(peer.work_dir())
        .into_iter()
        .next()
        .expect("an instance wrote its pid");
    let pid = std::fs::read_to_string(&pid_file).expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-9", pid.trim()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    service.wait_for("TASK_FAILED").await;
    service.wait_for("steady: 2/2 instances running").await;
    let second = task_ids(&state_file);
    assert_eq!(second.len(), 2);
    assert_eq!(
        second.iter().filter(|t| first.contains(t)).count(),
        1,
        "exactly one instance was replaced: {first:?} -> {second:?}"
    );

    // The scheduler dies; the master keeps its tasks during the failover timeout.
    service.kill().await;
    let mut restarted = Service::start(&url, &state_file);
    let line = restarted.wait_for("subscribed as").await;
    assert!(line.contains(&framework_id), "{line}");
    assert!(line.contains("re-subscribed"), "{line}");
    let line = restarted.wait_for("reconciled").await;
    assert!(line.contains("reconciled 2 tasks; 2 running"), "{line}");
    restarted.wait_for("steady: 2/2 instances running").await;
    assert_eq!(task_ids(&state_file), second, "no instance was relaunched");
    assert!(
        !restarted.seen.iter().any(|l| l.contains("launching")),
        "{:?}",
        restarted.seen
    );
    assert_eq!(peer.framework_ids().await, vec![framework_id]);
    restarted.kill().await;
}
