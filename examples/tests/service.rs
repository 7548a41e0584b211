//! The `service` example run as a program, against mesos-sim (`NAME::sim`) and the real
//! Mesos 1.11.0 (`NAME::real`): it keeps N instances running across agents, relaunches an
//! instance that dies, and after being killed and restarted it re-subscribes as the same
//! framework and takes its running instances back without relaunching them. Its framework
//! checkpoints, so the master keeps its instances while their agents are down, and they run on
//! through a restart of their agents (mesos-sim only: see that test).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use mesos_test_peers::{Peer, PeerKind, Topology, on_both_peers};
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
    instances_are_kept_while_their_agents_are_down =>
        instances_are_kept_while_their_agents_are_down;
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

/// The pid an instance's shell records in its sandbox (the command executor's sandbox is
/// named after the task), once it has (TASK_RUNNING may come first).
async fn instance_pid(dir: &Path, task: &str) -> u32 {
    let read = || {
        let file = pid_files(dir)
            .into_iter()
            .find(|f| f.to_string_lossy().contains(task));
        file.and_then(|f| std::fs::read_to_string(f).ok()?.trim().parse().ok())
    };
    wait_until(&format!("pid of {task}"), || {
        std::future::ready(read().is_some())
    })
    .await;
    read().expect("a pid")
}

/// Whether process `pid` runs (exists and is not a zombie).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| Some(stat.rsplit_once(')')?.1.trim_start().starts_with('Z')))
        .is_some_and(|zombie| !zombie)
}

/// Polls `condition` until it holds, failing after [`DEADLINE`].
async fn wait_until<F: Future<Output = bool>>(what: &str, mut condition: impl FnMut() -> F) {
    let deadline = tokio::time::Instant::now() + DEADLINE;
    while !condition().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no {what} within {DEADLINE:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A service of two instances, one on each of two agents that can be stopped and restarted,
/// once it is steady: the peer, the service, its state file and its framework id.
async fn steady_on_two_agents(kind: PeerKind) -> (Peer, Service, PathBuf, String) {
    let peer = Peer::start_with(kind, 2, Topology::Standalone).await;
    let work = peer.work_dir().join("service-test");
    std::fs::create_dir_all(&work).expect("work dir");
    let state_file = work.join("state.json");
    let mut service = Service::start(&peer.master_url(), &state_file);
    service.wait_for("steady: 2/2 instances running").await;
    let framework_id = state(&state_file)["framework_id"]
        .as_str()
        .expect("framework id persisted")
        .to_string();
    let frameworks = peer.state().await["frameworks"].clone();
    assert_eq!(frameworks[0]["checkpoint"], true, "{frameworks}");
    (peer, service, state_file, framework_id)
}

/// The framework checkpoints, so the master keeps its tasks while their agents are down
/// (a real master drops a non-checkpointing framework's tasks, as TASK_LOST, as soon as the
/// agent's connection breaks: `mesos: src/master/master.cpp` `Master::exited`).
async fn instances_are_kept_while_their_agents_are_down(kind: PeerKind) {
    let (mut peer, service, state_file, framework_id) = steady_on_two_agents(kind).await;
    let tasks = task_ids(&state_file);
    for agent in 0..2 {
        peer.stop_agent(agent).await;
    }
    // The master learns it from the broken connections and deactivates the agents (mesos-sim
    // at once).
    wait_until("deactivated agents", || async {
        let state = peer.state().await;
        let agents = state["slaves"].as_array().cloned().unwrap_or_default();
        agents.len() == 2 && agents.iter().all(|a| a["active"] == false)
    })
    .await;
    for task in &tasks {
        assert_eq!(
            peer.task_state(&framework_id, task).await.as_deref(),
            Some("TASK_RUNNING")
        );
    }
    service.kill().await;
}

/// With checkpointing, an agent restart leaves the instances alone: the same processes run
/// on, the master still holds the same tasks as running, and the service hears of no lost
/// task and launches nothing. The recovered executors still report: an instance that dies
/// afterwards is replaced as usual.
///
/// mesos-sim only: the real peer's command executor is the kit's stand-in
/// (`libexec/mesos-executor`), which kills its task when its agent connection closes instead
/// of subscribing again as upstream's does for a checkpointing framework, so no command task
/// outlives an agent restart there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_run_on_through_agent_restarts() {
    let (mut peer, mut service, state_file, framework_id) =
        steady_on_two_agents(PeerKind::Sim).await;
    let tasks = task_ids(&state_file);
    let mut pids = Vec::new();
    for task in &tasks {
        pids.push(instance_pid(peer.work_dir(), task).await);
    }
    let heard_before = service.seen.len();

    // Both agents restart, as after a crash, and recover their checkpointed executors.
    for agent in 0..2 {
        peer.restart_agent(agent).await;
    }
    for (task, pid) in tasks.iter().zip(&pids) {
        assert!(alive(*pid), "{task}'s process {pid} ended with the agent");
        assert_eq!(
            peer.task_state(&framework_id, task).await.as_deref(),
            Some("TASK_RUNNING")
        );
    }

    // Now one instance dies. Its update comes through the recovered agent and executor,
    // after any the restarts caused: so once the service reports it, it has heard all
    // there was to hear about the restarts.
    let (dying, surviving) = (&tasks[0], &tasks[1]);
    let killed = std::process::Command::new("kill")
        .args(["-9", &pids[0].to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    service.wait_for("TASK_FAILED").await;
    service.wait_for("steady: 2/2 instances running").await;
    let heard = &service.seen[heard_before..];
    // A TASK_RUNNING may come again: an agent re-sends an update whose acknowledgement had
    // not reached it when it restarted (delivery is at least once). Anything else would be
    // the restarts showing through.
    let updates: Vec<&String> = heard
        .iter()
        .filter(|l| l.starts_with("Received status update"))
        .filter(|l| {
            !tasks
                .iter()
                .any(|t| l.contains(&format!("TASK_RUNNING for task {t}")))
        })
        .collect();
    assert!(
        updates[0].contains(&format!("TASK_FAILED for task {dying}")),
        "the restarts reached the service as updates: {heard:#?}"
    );
    assert_eq!(
        heard.iter().filter(|l| l.contains("launching")).count(),
        1,
        "one replacement, for the instance that died: {heard:#?}"
    );
    let now = task_ids(&state_file);
    assert!(now.contains(surviving) && !now.contains(dying), "{now:?}");
    assert!(alive(pids[1]), "the surviving instance runs on");
    assert_eq!(
        peer.task_state(&framework_id, surviving).await.as_deref(),
        Some("TASK_RUNNING")
    );
    service.kill().await;
}
