//! The agent operator API client (`mesos_sdk::operator::AgentClient`) against both peers'
//! agents (`NAME::sim` on mesos-sim, `NAME::real` on the real Mesos 1.11.0 with standalone
//! agents): every read call in protobuf and JSON while a command task runs and after it
//! ended, the task's sandbox listed and a file it writes read through LIST_FILES and
//! READ_FILE, the status codes for bad paths, and the agent's order of checks on raw
//! requests. The calls mesos-sim answers 501 are checked on mesos-sim alone at the end.

mod common;

use std::time::Duration;

use common::*;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::offers::launch;
use mesos_sdk::operator::{AgentClient, ContainerOptions, OperatorConfig};
use mesos_sdk::scheduler::{Session, SessionEvent};
use mesos_sdk::v1::{TaskId, TaskState};
use mesos_sdk::{Encoding, Endpoint, Error};
use mesos_test_peers::peer::AgentApi;
use mesos_test_peers::{Peer, PeerKind, Topology, on_both_peers};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

on_both_peers! {
    reads_protobuf => |kind| reads_and_files(kind, Encoding::Protobuf);
    reads_json => |kind| reads_and_files(kind, Encoding::Json);
    order_of_checks => order_of_checks;
}

const TASK: &str = "sandboxed";
/// What the task writes into its sandbox.
const WRITTEN: &str = "written by the task\n";

async fn only_agent(peer: &Peer) -> AgentApi {
    let agents = peer.agent_apis().await;
    assert_eq!(agents.len(), 1, "{agents:?}");
    agents[0].clone()
}

fn agent_client(api: &AgentApi, encoding: Encoding) -> AgentClient {
    let endpoint: Endpoint = api.url.parse().expect("the agent's URL parses");
    AgentClient::new(
        endpoint,
        OperatorConfig::new()
            .with_encoding(encoding)
            .with_call_timeout(Duration::from_secs(10)),
    )
    .expect("client")
    .with_path(api.path.clone())
}

/// Polls `check` (an agent call) until it returns `Some`, failing after [`DEADLINE`].
async fn until<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = tokio::time::Instant::now();
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(start.elapsed() < DEADLINE, "{what} within {DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn status_of(result: Result<impl std::fmt::Debug, Error>) -> (u16, String) {
    match result {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err(error) => (error.status().expect("an HTTP status"), error.to_string()),
    }
}

/// A command task runs on the agent: every read call sees it, its sandbox is listed and a
/// file it writes is read, bad paths get upstream's codes; once killed, its executor,
/// task and framework are completed and the sandbox stays readable.
async fn reads_and_files(kind: PeerKind, encoding: Encoding) {
    let peer = Peer::start_with(kind, 1, Topology::Standalone).await;
    let api = only_agent(&peer).await;
    let agent = agent_client(&api, encoding);

    // Before any task: healthy, the version, flags, its info and nothing running.
    assert!(agent.get_health().await.expect("GET_HEALTH"));
    assert_eq!(
        agent.get_version().await.expect("GET_VERSION").version,
        "1.11.0"
    );
    let flags = agent.get_flags().await.expect("GET_FLAGS");
    let port = api.url.rsplit(':').next().expect("a port");
    assert!(
        flags
            .iter()
            .any(|f| f.name == "port" && f.value.as_deref() == Some(port)),
        "{flags:?}"
    );
    assert!(flags.iter().any(|f| f.name == "work_dir"), "{flags:?}");
    let info = agent.get_agent().await.expect("GET_AGENT");
    let agent_info = info.agent_info.expect("agent_info");
    assert_eq!(
        agent_info.id.as_ref().map(|id| id.value.as_str()),
        Some(api.id.as_str())
    );
    assert_eq!(
        agent_info.port.map(|p| p.to_string()).as_deref(),
        Some(port)
    );
    assert!(agent_info.resources.iter().any(|r| r.name == "cpus"));
    let state = agent.get_state().await.expect("GET_STATE");
    assert!(
        state
            .get_tasks
            .unwrap_or_default()
            .launched_tasks
            .is_empty()
    );
    assert!(
        agent
            .get_containers(ContainerOptions::new())
            .await
            .expect("GET_CONTAINERS")
            .is_empty()
    );

    // A task that writes a file into its sandbox and stays.
    let (scheduler, mut session) = Session::start(
        config("agent-operator"),
        StaticDetector::new(peer.master_url().parse().expect("URL")),
    )
    .expect("start");
    let framework_id = next_matching(&mut session, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed { framework_id, .. } => Some(framework_id.clone()),
        _ => None,
    })
    .await;
    let offers = next_offers(&mut session).await;
    let agent_id = offers[0].agent_id.clone();
    assert_eq!(agent_id.value, api.id);
    let command = format!(
        "printf '{}' > out.txt; sleep 600",
        WRITTEN.replace('\n', "\\n")
    );
    scheduler
        .accept(
            vec![offers[0].id.clone()],
            vec![launch(vec![shell_task(TASK, &agent_id, &command)])],
            None,
        )
        .await
        .expect("ACCEPT");
    wait_for_state(&mut session, TASK, TaskState::TaskRunning).await;

    let tasks = agent.get_tasks().await.expect("GET_TASKS");
    assert_eq!(tasks.launched_tasks.len(), 1, "{tasks:?}");
    let task = &tasks.launched_tasks[0];
    assert_eq!(task.task_id.value, TASK);
    assert_eq!(task.framework_id, framework_id);
    assert_eq!(task.state(), TaskState::TaskRunning);
    assert!(tasks.completed_tasks.is_empty() && tasks.queued_tasks.is_empty());

    // The command executor the agent made up for the task: its id is the task's.
    let executors = agent.get_executors().await.expect("GET_EXECUTORS");
    assert_eq!(executors.executors.len(), 1, "{executors:?}");
    let executor = &executors.executors[0].executor_info;
    assert_eq!(executor.executor_id.value, TASK);
    assert_eq!(executor.framework_id.as_ref(), Some(&framework_id));
    #[allow(deprecated)] // still written by 1.11.0 for its command executors
    let source = executor.source.as_deref();
    assert_eq!(source, Some(TASK));
    assert_eq!(
        executor.name.as_deref(),
        Some("Command Executor (Task: sandboxed) (Command: sh -c 'printf 'writ...')")
    );
    let frameworks = agent.get_frameworks().await.expect("GET_FRAMEWORKS");
    assert_eq!(frameworks.frameworks.len(), 1, "{frameworks:?}");
    assert_eq!(
        frameworks.frameworks[0].framework_info.id.as_ref(),
        Some(&framework_id)
    );
    assert_eq!(
        frameworks.frameworks[0].framework_info.name,
        "agent-operator"
    );
    let state = agent.get_state().await.expect("GET_STATE");
    assert_eq!(state.get_tasks.expect("tasks").launched_tasks.len(), 1);
    assert_eq!(state.get_executors.expect("executors").executors.len(), 1);
    assert_eq!(
        state.get_frameworks.expect("frameworks").frameworks.len(),
        1
    );

    // Its container: the executor's, limited to the task's resources and the command
    // executor's allowance (0.1 CPU and 32 MB each), with a process running.
    let containers = agent
        .get_containers(ContainerOptions::new().show_nested(true))
        .await
        .expect("GET_CONTAINERS");
    assert_eq!(containers.len(), 1, "{containers:?}");
    let container = &containers[0];
    assert_eq!(
        container.executor_id.as_ref().map(|e| e.value.as_str()),
        Some(TASK)
    );
    assert_eq!(container.framework_id.as_ref(), Some(&framework_id));
    let status = container
        .container_status
        .clone()
        .expect("container_status");
    assert_eq!(status.container_id.as_ref(), Some(&container.container_id));
    assert!(status.executor_pid.is_some(), "{status:?}");
    let statistics = container
        .resource_statistics
        .clone()
        .expect("resource_statistics");
    assert_eq!(statistics.mem_limit_bytes, Some(64 * 1024 * 1024));
    assert!(
        (statistics.cpus_soft_limit.unwrap_or_default() - 0.2).abs() < 1e-9,
        "{statistics:?}"
    );
    assert!(
        statistics.mem_rss_bytes.unwrap_or_default() > 0,
        "{statistics:?}"
    );

    // The sandbox, at the virtual path upstream attaches it under.
    let sandbox = format!(
        "/frameworks/{}/executors/{TASK}/runs/latest",
        framework_id.value
    );
    let out = format!("{sandbox}/out.txt");
    let chunk = until("the task's file", || {
        let (agent, out) = (&agent, &out);
        async move {
            let chunk = agent.read_file(out.clone(), 0, None).await.ok()?;
            (chunk.size == WRITTEN.len() as u64).then_some(chunk)
        }
    })
    .await;
    assert_eq!(&chunk.data[..], WRITTEN.as_bytes());
    let part = agent
        .read_file(out.clone(), 3, Some(7))
        .await
        .expect("a part");
    assert_eq!(
        (part.size, &part.data[..]),
        (20, &WRITTEN.as_bytes()[3..10])
    );
    let past = agent
        .read_file(out.clone(), 100, None)
        .await
        .expect("past the end");
    assert_eq!((past.size, past.data.len()), (20, 0));
    let files = agent.list_files(&sandbox).await.expect("LIST_FILES");
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for name in ["out.txt", "stdout", "stderr"] {
        assert!(
            names.contains(&format!("{sandbox}/{name}").as_str()),
            "{name} in {names:?}"
        );
    }
    let listed = files.iter().find(|f| f.path == out).expect("out.txt");
    assert_eq!(listed.size, Some(20));
    assert_eq!(listed.nlink, Some(1));
    assert_eq!(
        listed.mode.map(|m| m & 0o170000),
        Some(0o100000),
        "a regular file"
    );
    assert!(listed.mtime.is_some() && listed.uid.is_some() && listed.gid.is_some());
    // The same run by its real path, as upstream also attaches it.
    let runs = peer.executor_sandboxes(TASK);
    assert_eq!(runs.len(), 1, "{runs:?}");
    let real = agent
        .read_file(format!("{}/out.txt", runs[0].display()), 0, None)
        .await
        .expect("READ_FILE by the real path");
    assert_eq!(&real.data[..], WRITTEN.as_bytes());
    assert_eq!(
        runs[0].file_name().and_then(|n| n.to_str()),
        Some(container.container_id.value.as_str()),
        "the run directory is named after the container"
    );

    // Bad paths.
    let unknown = format!(
        "/frameworks/{}/executors/nope/runs/latest",
        framework_id.value
    );
    let (code, body) = status_of(agent.list_files(&unknown).await);
    assert_eq!(code, 404, "{body}");
    let (code, body) = status_of(agent.read_file(sandbox.clone(), 0, None).await);
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("Cannot read a directory."), "{body}");
    let (code, body) = status_of(agent.read_file(format!("{out}/below"), 0, None).await);
    assert_eq!(code, 404, "{body}");
    let (code, body) = status_of(agent.list_files(format!("{sandbox}/../../..")).await);
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("is inaccessible."), "{body}");
    let (code, body) = status_of(agent.read_file(format!("{sandbox}/missing"), 0, None).await);
    assert_eq!(code, 404, "{body}");
    // A file lists as nothing.
    assert!(agent.list_files(&out).await.expect("a file").is_empty());

    // Killed: the task, its executor and then the framework are completed on the agent;
    // the sandbox stays attached.
    scheduler
        .kill(TaskId { value: TASK.into() }, Some(agent_id.clone()), None)
        .await
        .expect("KILL");
    wait_for_state(&mut session, TASK, TaskState::TaskKilled).await;
    let state = until("the executor completed", || {
        let agent = &agent;
        async move {
            let state = agent.get_state().await.ok()?;
            let executors = state.get_executors.clone().unwrap_or_default();
            let tasks = state.get_tasks.clone().unwrap_or_default();
            (executors.executors.is_empty()
                && executors.completed_executors.len() == 1
                && tasks.completed_tasks.len() == 1)
                .then_some(state)
        }
    })
    .await;
    let tasks = state.get_tasks.expect("tasks");
    assert!(tasks.launched_tasks.is_empty() && tasks.terminated_tasks.is_empty());
    assert_eq!(tasks.completed_tasks[0].state(), TaskState::TaskKilled);
    let frameworks = state.get_frameworks.expect("frameworks");
    assert!(frameworks.frameworks.is_empty(), "{frameworks:?}");
    assert_eq!(frameworks.completed_frameworks.len(), 1, "{frameworks:?}");
    assert!(
        agent
            .get_containers(ContainerOptions::new())
            .await
            .expect("GET_CONTAINERS")
            .is_empty()
    );
    let kept = agent.read_file(out, 0, None).await.expect("still readable");
    assert_eq!(&kept.data[..], WRITTEN.as_bytes());
    scheduler.teardown().await.expect("TEARDOWN");
}

/// One raw request to `api` (`Connection: close`): the status and the body.
async fn raw(api: &AgentApi, method: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    let authority = api.url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(authority)
        .await
        .expect("connect");
    let mut request = format!(
        "{method} {} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        api.path,
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write");
    let mut answer = Vec::new();
    tokio::time::timeout(DEADLINE, stream.read_to_end(&mut answer))
        .await
        .expect("an answer in time")
        .expect("read");
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {answer}"));
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// The agent's checks in upstream's order, with its status codes and texts.
async fn order_of_checks(kind: PeerKind) {
    let peer = Peer::start_with(kind, 1, Topology::Standalone).await;
    let api = only_agent(&peer).await;
    const JSON: &str = "application/json";
    let health = br#"{"type":"GET_HEALTH"}"#;
    let ct = |value| ("Content-Type", value);

    let (code, body) = raw(&api, "GET", &[], b"").await;
    assert_eq!(code, 405, "{body}");
    let (code, body) = raw(&api, "POST", &[], health).await;
    assert_eq!(
        (code, body.as_str()),
        (400, "Expecting 'Content-Type' to be present")
    );
    let (code, body) = raw(&api, "POST", &[ct("text/plain")], health).await;
    assert_eq!(
        (code, body.as_str()),
        (
            415,
            "Expecting 'Content-Type' of application/json or application/x-protobuf or \
             application/recordio"
        )
    );
    let (code, body) = raw(
        &api,
        "POST",
        &[ct(JSON), ("Message-Content-Type", JSON)],
        health,
    )
    .await;
    assert_eq!(
        (code, body.as_str()),
        (
            415,
            "Expecting 'Message-Content-Type' to be not set for non-streaming requests"
        )
    );
    let (code, body) = raw(&api, "POST", &[ct("application/recordio")], health).await;
    assert_eq!(
        (code, body.as_str()),
        (
            400,
            "Expecting 'Message-Content-Type' to be set for streaming requests"
        )
    );
    // Accept is checked before the body is read.
    let (code, body) = raw(
        &api,
        "POST",
        &[ct(JSON), ("Accept", "text/html")],
        b"nonsense",
    )
    .await;
    assert_eq!(
        (code, body.as_str()),
        (
            406,
            "Expecting 'Accept' to allow application/json or application/x-protobuf or \
             application/recordio"
        )
    );
    let (code, body) = raw(&api, "POST", &[ct(JSON), ("Message-Accept", JSON)], health).await;
    assert_eq!(
        (code, body.as_str()),
        (
            406,
            "Expecting 'Message-Accept' to be not set for non-streaming responses"
        )
    );
    let (code, body) = raw(&api, "POST", &[ct(JSON)], b"{}").await;
    assert_eq!(
        (code, body.as_str()),
        (
            400,
            "Failed to validate agent::Call: Expecting 'type' to be present"
        )
    );
    let (code, body) = raw(&api, "POST", &[ct(JSON)], br#"{"type":"READ_FILE"}"#).await;
    assert_eq!(
        (code, body.as_str()),
        (
            400,
            "Failed to validate agent::Call: Expecting 'read_file' to be present"
        )
    );
    let (code, body) = raw(&api, "POST", &[ct("application/x-protobuf")], b"\xff\xff").await;
    assert_eq!(
        (code, body.as_str()),
        (400, "Failed to parse body into a protobuf object")
    );
    // Streaming media for a call that has none.
    let framed = format!("{}\n{}", health.len(), String::from_utf8_lossy(health));
    let (code, body) = raw(
        &api,
        "POST",
        &[ct("application/recordio"), ("Message-Content-Type", JSON)],
        framed.as_bytes(),
    )
    .await;
    assert_eq!(
        (code, body.as_str()),
        (
            415,
            "Streaming 'Content-Type' application/recordio is not supported for GET_HEALTH call"
        )
    );
    let (code, body) = raw(
        &api,
        "POST",
        &[ct(JSON), ("Accept", "application/recordio")],
        health,
    )
    .await;
    assert_eq!(
        (code, body.as_str()),
        (
            406,
            "Streaming response is not supported for GET_HEALTH call"
        )
    );
    let (code, body) = raw(&api, "POST", &[ct(JSON)], br#"{"type":"UNKNOWN"}"#).await;
    assert_eq!((code, body.as_str()), (501, "501 Not Implemented."));
    // Answers in the negotiated encoding; deeper paths reach the API too.
    let (code, body) = raw(&api, "POST", &[ct(JSON), ("Accept", JSON)], health).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        json(&body),
        serde_json::json!({"type": "GET_HEALTH", "get_health": {"healthy": true}})
    );
    let deeper = AgentApi {
        path: format!("{}/anything", api.path),
        ..api.clone()
    };
    let (code, body) = raw(&deeper, "POST", &[ct(JSON)], health).await;
    assert_eq!(code, 200, "{body}");
    // The agent's process by name, as executors of the C++ library address it.
    let qualified = AgentApi {
        path: "/slave(1)/api/v1".into(),
        ..api.clone()
    };
    let (code, body) = raw(&qualified, "POST", &[ct(JSON)], health).await;
    assert_eq!(code, 200, "{body}");
    // Empty lists are written out in JSON, as upstream's writers do.
    let (code, body) = raw(&api, "POST", &[ct(JSON)], br#"{"type":"GET_TASKS"}"#).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        json(&body),
        serde_json::json!({"type": "GET_TASKS", "get_tasks": {
            "pending_tasks": [], "queued_tasks": [], "launched_tasks": [],
            "terminated_tasks": [], "completed_tasks": []}})
    );
    let (code, body) = raw(&api, "POST", &[ct(JSON)], br#"{"type":"GET_STATE"}"#).await;
    assert_eq!(code, 200, "{body}");
    let state = json(&body);
    assert_eq!(
        state["get_state"]["get_executors"]["completed_executors"],
        serde_json::json!([])
    );
    assert_eq!(
        state["get_state"]["get_frameworks"]["frameworks"],
        serde_json::json!([])
    );
}

/// The container calls mesos-sim's agents cannot carry out answer 501 naming the call,
/// after the agent's validation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_without_a_model_answer_501_on_mesos_sim() {
    let peer = Peer::start(PeerKind::Sim, 1).await;
    let api = only_agent(&peer).await;
    for (call, name) in [
        (
            r#"{"type":"LAUNCH_CONTAINER","launch_container":{"container_id":{"value":"c"}}}"#,
            "LAUNCH_CONTAINER",
        ),
        (
            r#"{"type":"WAIT_CONTAINER","wait_container":{"container_id":{"value":"c"}}}"#,
            "WAIT_CONTAINER",
        ),
        (r#"{"type":"GET_METRICS","get_metrics":{}}"#, "GET_METRICS"),
        (r#"{"type":"GET_OPERATIONS"}"#, "GET_OPERATIONS"),
    ] {
        let (code, body) = raw(
            &api,
            "POST",
            &[("Content-Type", "application/json")],
            call.as_bytes(),
        )
        .await;
        assert_eq!(code, 501, "{call}: {body}");
        assert_eq!(
            body,
            format!("mesos-sim does not implement the agent operator call {name}")
        );
    }
    let (code, body) = raw(
        &api,
        "POST",
        &[("Content-Type", "application/json")],
        br#"{"type":"LAUNCH_CONTAINER"}"#,
    )
    .await;
    assert_eq!(
        (code, body.as_str()),
        (
            400,
            "Failed to validate agent::Call: Expecting 'launch_container' to be present"
        )
    );
}
