//! The `mesos-state` example run as the program users run, against mesos-sim (`NAME::sim`)
//! and the real Mesos 1.11.0 (`NAME::real`): its tables list the agents and a running task,
//! `--json` prints the state as JSON, and `--watch` prints TASK_ADDED and TASK_UPDATED for
//! a task launched while it watches.

use std::process::Stdio;
use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::builders::TaskBuilder;
use mesos_sdk::offers::{ResourceRequest, find_fit, launch};
use mesos_sdk::scheduler::{SchedulerConfig, SchedulerHandle, Session, TypedEvent, TypedEvents};
use mesos_sdk::v1::{FrameworkInfo, TaskState};
use mesos_test_peers::{Peer, PeerKind, on_both_peers};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const DEADLINE: Duration = Duration::from_secs(60);

on_both_peers! {
    tables_list_agents_and_a_running_task => tables_list_agents_and_a_running_task;
    json_is_the_state => json_is_the_state;
    watch_prints_a_task_launched_meanwhile => watch_prints_a_task_launched_meanwhile;
}

fn mesos_state(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mesos-state"));
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

async fn output(args: &[&str]) -> String {
    let child = mesos_state(args).spawn().expect("mesos-state starts");
    let output = tokio::time::timeout(DEADLINE, child.wait_with_output())
        .await
        .expect("mesos-state ends in time")
        .expect("mesos-state's output");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// A framework that runs `sleep 600` as task `task` on the first offer and waits until it
/// runs; it returns the scheduler (to tear down) and its events (kept open).
async fn run_task(peer: &Peer, task: &str) -> (SchedulerHandle, TypedEvents) {
    let framework = FrameworkInfo {
        user: "nobody".into(),
        name: "state-watched".into(),
        ..Default::default()
    };
    let detector = mesos_sdk::detector::for_url(&peer.master_url()).expect("detector");
    let (scheduler, events) =
        Session::start(SchedulerConfig::new(framework), detector).expect("session");
    let mut events = events.typed();
    let wanted = ResourceRequest::new().cpus(0.1).mem(32.0);
    let mut launched = false;
    let wait = async {
        while let Some(event) = events.next().await {
            match event.expect("a session event") {
                TypedEvent::Offers(offers) => {
                    for offer in offers {
                        let Some(resources) = find_fit(&offer, &wanted).filter(|_| !launched)
                        else {
                            continue;
                        };
                        let info = TaskBuilder::new(task, &offer.agent_id)
                            .shell("sleep 600")
                            .resources(resources)
                            .build();
                        scheduler
                            .accept(vec![offer.id], vec![launch(vec![info])], None)
                            .await
                            .expect("ACCEPT");
                        launched = true;
                    }
                }
                TypedEvent::Update(status) if status.task_id.value == task => {
                    if status.state() == TaskState::TaskRunning {
                        return;
                    }
                    assert!(
                        status.state() == TaskState::TaskStarting,
                        "{task} did not start: {status:?}"
                    );
                }
                _ => {}
            }
        }
        panic!("the session ended before {task} ran");
    };
    tokio::time::timeout(DEADLINE, wait)
        .await
        .expect("the task runs in time");
    (scheduler, events)
}

async fn tables_list_agents_and_a_running_task(kind: PeerKind) {
    let peer = Peer::start(kind, 2).await;
    let (scheduler, _events) = run_task(&peer, "tabled").await;
    let url = peer.master_url();
    let host_port = url.trim_start_matches("http://");
    for master in [url.as_str(), host_port] {
        let stdout = output(&["--master", master]).await;
        assert!(stdout.contains("AGENTS (2)"), "{stdout}");
        let state = peer.state().await;
        for agent in state["slaves"].as_array().expect("agents") {
            let id = agent["id"].as_str().expect("an agent id");
            let hostname = agent["hostname"].as_str().expect("a hostname");
            let row = stdout
                .lines()
                .find(|l| l.starts_with(id))
                .unwrap_or_else(|| panic!("a row for agent {id}:\n{stdout}"));
            assert!(row.contains(hostname), "{row}");
        }
        assert!(stdout.contains("FRAMEWORKS (1)"), "{stdout}");
        let framework = stdout
            .lines()
            .find(|l| l.contains("state-watched"))
            .unwrap_or_else(|| panic!("a row for the framework:\n{stdout}"));
        assert!(framework.trim_end().ends_with('1'), "one task: {framework}");
        assert!(stdout.contains("TASKS (1)"), "{stdout}");
        let task = stdout
            .lines()
            .find(|l| l.starts_with("tabled "))
            .unwrap_or_else(|| panic!("a row for the task:\n{stdout}"));
        assert!(task.ends_with("TASK_RUNNING"), "{task}");
    }
    scheduler.teardown().await.expect("TEARDOWN");
}

async fn json_is_the_state(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let (scheduler, _events) = run_task(&peer, "in-json").await;
    let stdout = output(&["--master", &peer.master_url(), "--json"]).await;
    let state: serde_json::Value =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"));
    let master_state = peer.state().await;
    assert_eq!(
        state["get_agents"]["agents"][0]["agent_info"]["id"]["value"],
        master_state["slaves"][0]["id"]
    );
    let tasks = state["get_tasks"]["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 1, "{state}");
    assert_eq!(tasks[0]["task_id"]["value"], "in-json");
    assert_eq!(tasks[0]["state"], "TASK_RUNNING");
    // The typed reader of Mesos' JSON reads it back.
    let typed: mesos_sdk::v1::master::response::GetState =
        mesos_sdk::json::from_str(stdout.trim()).expect("Mesos' JSON of GetState");
    assert_eq!(
        typed.get_frameworks.expect("frameworks").frameworks.len(),
        1
    );
    scheduler.teardown().await.expect("TEARDOWN");
}

async fn watch_prints_a_task_launched_meanwhile(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let mut child = mesos_state(&["--master", &peer.master_url(), "--watch"])
        .spawn()
        .expect("mesos-state starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut seen = Vec::new();
    let mut next_line = async |what: &str, seen: &mut Vec<String>| {
        let line = tokio::time::timeout(DEADLINE, lines.next_line())
            .await
            .unwrap_or_else(|_| panic!("no {what} within {DEADLINE:?}: {seen:#?}"))
            .expect("stdout")
            .unwrap_or_else(|| panic!("mesos-state ended before {what}: {seen:#?}"));
        seen.push(line.clone());
        line
    };
    // The initial tables, then the subscription is live.
    while !next_line("the watch to begin", &mut seen)
        .await
        .starts_with("-- watching")
    {}
    assert!(seen.iter().any(|l| l == "TASKS (0)"), "{seen:#?}");

    let (scheduler, _events) = run_task(&peer, "watched").await;
    let added = loop {
        let line = next_line("TASK_ADDED", &mut seen).await;
        if line.starts_with("TASK_ADDED task=watched ") {
            break line;
        }
    };
    assert!(added.ends_with("state=TASK_STAGING"), "{added}");
    let agent = &peer.state().await["slaves"][0]["id"];
    assert!(
        added.contains(&format!("agent={}", agent.as_str().expect("agent id"))),
        "{added}"
    );
    loop {
        let line = next_line("TASK_UPDATED to TASK_RUNNING", &mut seen).await;
        if line.starts_with("TASK_UPDATED task=watched ") && line.ends_with("state=TASK_RUNNING") {
            break;
        }
    }
    assert!(
        seen.iter()
            .any(|l| l.starts_with("FRAMEWORK_ADDED") && l.ends_with("name=state-watched")),
        "{seen:#?}"
    );
    scheduler.teardown().await.expect("TEARDOWN");
    loop {
        let line = next_line("FRAMEWORK_REMOVED", &mut seen).await;
        if line.starts_with("FRAMEWORK_REMOVED") {
            break;
        }
    }
    child.kill().await.expect("mesos-state stops");
}
