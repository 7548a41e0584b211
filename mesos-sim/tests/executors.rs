//! Custom executors over the agent's executor API: a real executor process (Python, standard
//! library only) subscribes, gets LAUNCH, sends UPDATEs that are ACKNOWLEDGED, exchanges
//! MESSAGEs with the scheduler, and exits on SHUTDOWN (FAILURE with its exit status). Also
//! the executor endpoint's status codes.

mod common;

use common::{
    Enc, Subscription, ack_call, bare_call, framework_info, kill_call, launch_call, request, scalar,
};
use http::StatusCode;
use mesos_sdk::v1::scheduler::{call, event};
use mesos_sdk::v1::{CommandInfo, ExecutorId, ExecutorInfo, TaskState, executor_info, task_status};
use mesos_sim::Cluster;

/// A minimal executor: SUBSCRIBE, then on LAUNCH report RUNNING, say hello, report FINISHED;
/// echo scheduler messages back; exit 0 on SHUTDOWN.
const EXECUTOR: &str = r#"
import base64, http.client, json, os, uuid
host, port = os.environ["MESOS_AGENT_ENDPOINT"].rsplit(":", 1)
ids = {"framework_id": {"value": os.environ["MESOS_FRAMEWORK_ID"]},
       "executor_id": {"value": os.environ["MESOS_EXECUTOR_ID"]}}
calls = http.client.HTTPConnection(host, int(port))
def post(call):
    call.update(ids)
    calls.request("POST", "/api/v1/executor", json.dumps(call), {"Content-Type": "application/json"})
    reply = calls.getresponse(); reply.read()
    assert reply.status == 202, (reply.status, call)
def update(task_id, state):
    post({"type": "UPDATE", "update": {"status": {"task_id": task_id, "state": state,
          "source": "SOURCE_EXECUTOR", "uuid": base64.b64encode(uuid.uuid4().bytes).decode()}}})
stream = http.client.HTTPConnection(host, int(port))
stream.request("POST", "/api/v1/executor", json.dumps(dict(type="SUBSCRIBE", subscribe={}, **ids)),
               {"Content-Type": "application/json", "Accept": "application/json"})
events = stream.getresponse()
assert events.status == 200 and events.getheader("Mesos-Stream-Id") is None
while True:
    size = events.readline()
    if not size:
        break
    event = json.loads(events.read(int(size)))
    kind = event["type"]
    if kind == "LAUNCH":
        task_id = event["launch"]["task"]["task_id"]
        update(task_id, "TASK_RUNNING")
        post({"type": "MESSAGE", "message": {"data": base64.b64encode(b"hello").decode()}})
        update(task_id, "TASK_FINISHED")
    elif kind == "MESSAGE":
        post({"type": "MESSAGE", "message": {"data": event["message"]["data"]}})
    elif kind == "SHUTDOWN":
        break
"#;

/// A task for the custom executor `executor_id` (0.1 cpus, 32 MB), which the agent starts by
/// running `command` through the shell; the task itself has no command.
fn custom_task(
    offer: &mesos_sdk::v1::Offer,
    task_id: &str,
    executor_id: &str,
    command: &str,
) -> mesos_sdk::v1::TaskInfo {
    let mut task = common::command_task(offer, task_id, "unused");
    task.command = None;
    task.executor = Some(ExecutorInfo {
        r#type: Some(executor_info::Type::Custom as i32),
        executor_id: ExecutorId {
            value: executor_id.into(),
        },
        command: Some(CommandInfo {
            value: Some(command.into()),
            ..Default::default()
        }),
        resources: vec![scalar("cpus", 0.1), scalar("mem", 32.0)],
        ..Default::default()
    });
    task
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custom_executor_subscribes_runs_tasks_and_exchanges_messages() {
    let dir = std::env::temp_dir().join(format!("mesos-sim-executor-{}", uuid::Uuid::new_v4()));
    tokio::fs::create_dir_all(&dir).await.unwrap();
    let script = dir.join("executor.py");
    tokio::fs::write(&script, EXECUTOR).await.unwrap();
    let cluster = Cluster::builder()
        .work_dir(dir.join("work"))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Json, framework_info("custom")).await;
    let offer = s.next_offers().await.remove(0);
    let task = custom_task(
        &offer,
        "via-executor",
        "ex1",
        &format!("python3 {}", script.display()),
    );
    s.call(
        &url,
        &launch_call(&s.framework_id, &[&offer.id], vec![task], None),
    )
    .await;

    let running = s.next_update().await;
    assert_eq!(running.state(), TaskState::TaskRunning, "{running:?}");
    assert_eq!(running.source(), task_status::Source::Executor);
    assert_eq!(
        running.executor_id.as_ref().map(|e| e.value.as_str()),
        Some("ex1")
    );
    assert_eq!(running.uuid.as_ref().map(|u| u.len()), Some(16));
    s.call(&url, &ack_call(&s.framework_id, &running)).await;
    let hello = s.next_of(event::Type::Message).await.message.unwrap();
    assert_eq!(hello.data.as_ref(), b"hello");
    assert_eq!(hello.executor_id.value, "ex1");
    assert_eq!(hello.agent_id, offer.agent_id);
    let finished = s.next_update().await;
    assert_eq!(finished.state(), TaskState::TaskFinished);
    s.call(&url, &ack_call(&s.framework_id, &finished)).await;

    // Scheduler → executor → scheduler.
    let mut message = bare_call(&s.framework_id, call::Type::Message);
    message.message = Some(call::Message {
        agent_id: offer.agent_id.clone(),
        executor_id: ExecutorId {
            value: "ex1".into(),
        },
        data: b"ping".to_vec().into(),
    });
    assert_eq!(s.call(&url, &message).await.status, StatusCode::ACCEPTED);
    let echo = s.next_of(event::Type::Message).await.message.unwrap();
    assert_eq!(echo.data.as_ref(), b"ping");

    // SHUTDOWN: the executor gets the event and exits; FAILURE carries its exit status.
    let mut shutdown = bare_call(&s.framework_id, call::Type::Shutdown);
    shutdown.shutdown = Some(call::Shutdown {
        executor_id: ExecutorId {
            value: "ex1".into(),
        },
        agent_id: offer.agent_id.clone(),
    });
    s.call(&url, &shutdown).await;
    let failure = s.next_of(event::Type::Failure).await.failure.unwrap();
    assert_eq!(
        failure.executor_id.map(|e| e.value),
        Some("ex1".to_string())
    );
    assert_eq!(failure.status, Some(0));
    cluster.shutdown();
    let _ = tokio::fs::remove_dir_all(&dir).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_executor_endpoint_checks_in_the_agents_order() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("endpoint")).await;
    let offer = s.next_offers().await.remove(0);
    let address = &offer.url.as_ref().unwrap().address;
    let agent = format!("http://{}:{}", address.ip.as_deref().unwrap(), address.port);
    let ids = r#""framework_id":{"value":"f"},"executor_id":{"value":"e"}"#;
    let json = |body: String| body.into_bytes();
    for path in ["/api/v1/executor", "/slave(1)/api/v1/executor"] {
        let reply = request(&agent, "GET", path, &[], vec![]).await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
    }
    let post = |headers: Vec<(&'static str, &'static str)>, body: Vec<u8>| {
        let agent = agent.clone();
        async move { request(&agent, "POST", "/api/v1/executor", &headers, body).await }
    };
    let ct = ("Content-Type", "application/json");
    assert_eq!(post(vec![], vec![]).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        post(vec![("Content-Type", "text/plain")], vec![])
            .await
            .status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        post(vec![ct], b"nope".to_vec()).await.status,
        StatusCode::BAD_REQUEST
    );
    let reply = post(vec![ct], json(format!(r#"{{"type":"UPDATE",{ids},"update":{{"status":{{"task_id":{{"value":"t"}},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR"}}}}}}"#))).await;
    assert_eq!(
        reply.text(),
        "Failed to validate Executor::Call: Expecting 'uuid' to be present"
    );
    let reply = post(vec![ct], json(format!(r#"{{"type":"UPDATE",{ids},"update":{{"status":{{"task_id":{{"value":"t"}},"state":"TASK_RUNNING","source":"SOURCE_AGENT","uuid":"AAAAAAAAAAAAAAAAAAAAAA=="}}}}}}"#))).await;
    assert!(
        reply.text().contains("expecting 'SOURCE_EXECUTOR'"),
        "{}",
        reply.text()
    );
    let subscribe = json(format!(r#"{{"type":"SUBSCRIBE",{ids},"subscribe":{{}}}}"#));
    assert_eq!(
        post(vec![ct, ("Accept", "text/html")], subscribe.clone())
            .await
            .status,
        StatusCode::NOT_ACCEPTABLE
    );
    // HEARTBEAT is answered before any lookup, with dummy ids.
    let heartbeat = json(r#"{"type":"HEARTBEAT","framework_id":{"value":"unused"},"executor_id":{"value":"unused"}}"#.into());
    assert_eq!(post(vec![ct], heartbeat).await.status, StatusCode::ACCEPTED);
    let reply = post(vec![ct], subscribe).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.text(), "Framework cannot be found");
}

/// An executor that never reports on its tasks and subscribes again (without unacknowledged
/// tasks) when its connection breaks.
const FORGETFUL_EXECUTOR: &str = r#"
import http.client, json, os
host, port = os.environ["MESOS_AGENT_ENDPOINT"].rsplit(":", 1)
ids = {"framework_id": {"value": os.environ["MESOS_FRAMEWORK_ID"]},
       "executor_id": {"value": os.environ["MESOS_EXECUTOR_ID"]}}
for attempt in range(2):
    stream = http.client.HTTPConnection(host, int(port))
    stream.request("POST", "/api/v1/executor", json.dumps(dict(type="SUBSCRIBE", subscribe={}, **ids)),
                   {"Content-Type": "application/json", "Accept": "application/json"})
    events = stream.getresponse()
    assert events.status == 200, events.status
    while True:
        size = events.readline()
        if not size:
            break
        event = json.loads(events.read(int(size)))
        if event["type"] == "SHUTDOWN":
            raise SystemExit(0)
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_an_agent_restart_staging_tasks_the_executor_does_not_know_are_lost() {
    let dir = std::env::temp_dir().join(format!("mesos-sim-executor-{}", uuid::Uuid::new_v4()));
    tokio::fs::create_dir_all(&dir).await.unwrap();
    let script = dir.join("executor.py");
    tokio::fs::write(&script, FORGETFUL_EXECUTOR).await.unwrap();
    let cluster = Cluster::builder()
        .work_dir(dir.join("work"))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("forgetful");
    info.checkpoint = Some(true);
    let mut s = Subscription::open(&url, Enc::Json, info).await;
    let offer = s.next_offers().await.remove(0);
    let task = custom_task(
        &offer,
        "staged",
        "forgetful",
        &format!("python3 {}", script.display()),
    );
    s.call(
        &url,
        &launch_call(&s.framework_id, &[&offer.id], vec![task], None),
    )
    .await;
    // The executor subscribed and got the task once the agent knows it is connected.
    common::wait_until(
        "the executor subscribed",
        std::time::Duration::from_secs(20),
        || {
            cluster.state()["frameworks"][0]["tasks"][0]["state"] == "TASK_STAGING"
                && cluster.executor_subscribed(&s.framework_id, "forgetful")
        },
    )
    .await;
    cluster.restart_agent(&offer.agent_id.value).await.unwrap();
    let lost = s.next_update().await;
    assert_eq!(lost.task_id.value, "staged");
    assert_eq!(lost.state(), TaskState::TaskLost);
    assert_eq!(lost.reason(), task_status::Reason::AgentRestarted);
    assert_eq!(lost.source(), task_status::Source::Agent);
    assert_eq!(
        lost.uuid.as_ref().map(|u| u.len()),
        Some(16),
        "reliable: from the agent"
    );
    cluster.shutdown();
    let _ = tokio::fs::remove_dir_all(&dir).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_executor_that_never_subscribes_is_destroyed_after_the_registration_timeout() {
    let cluster = Cluster::builder()
        .executor_registration_timeout(std::time::Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("mute")).await;
    let offer = s.next_offers().await.remove(0);
    let task = custom_task(&offer, "never-delivered", "mute", "sleep 600");
    s.call(
        &url,
        &launch_call(&s.framework_id, &[&offer.id], vec![task], None),
    )
    .await;

    let failed = s.next_update().await;
    assert_eq!(failed.state(), TaskState::TaskFailed, "{failed:?}");
    assert_eq!(
        failed.reason(),
        task_status::Reason::ExecutorRegistrationTimeout
    );
    assert_eq!(failed.source(), task_status::Source::Agent);
    assert!(
        failed
            .message
            .as_deref()
            .is_some_and(|m| m.contains("did not register within")),
        "{failed:?}"
    );
    let failure = s.next_of(event::Type::Failure).await.failure.unwrap();
    assert_eq!(failure.executor_id.map(|e| e.value), Some("mute".into()));
    assert!(!cluster.executor_running(&s.framework_id, "mute"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_only_queued_task_destroys_an_executor_that_never_subscribed() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Json, framework_info("idle")).await;
    let offer = s.next_offers().await.remove(0);
    let task = custom_task(&offer, "queued", "idle", "sleep 600");
    s.call(
        &url,
        &launch_call(&s.framework_id, &[&offer.id], vec![task], None),
    )
    .await;
    common::wait_until(
        "the executor runs",
        std::time::Duration::from_secs(10),
        || cluster.executor_running(&s.framework_id, "idle"),
    )
    .await;
    let kill = kill_call(&s.framework_id, "queued", Some(&offer.agent_id));
    s.call(&url, &kill).await;
    let killed = s.next_update().await;
    assert_eq!(killed.state(), TaskState::TaskKilled);
    assert_eq!(killed.reason(), task_status::Reason::TaskKilledDuringLaunch);
    let failure = s.next_of(event::Type::Failure).await.failure.unwrap();
    assert_eq!(failure.executor_id.map(|e| e.value), Some("idle".into()));
    assert!(!cluster.executor_running(&s.framework_id, "idle"));
}

/// An executor that reports TASK_RUNNING for what it is given and, when its connection
/// breaks, subscribes again only once the file named by its first argument exists.
const SLOW_TO_RETURN_EXECUTOR: &str = r#"
import base64, http.client, json, os, sys, time, uuid
host, port = os.environ["MESOS_AGENT_ENDPOINT"].rsplit(":", 1)
ids = {"framework_id": {"value": os.environ["MESOS_FRAMEWORK_ID"]},
       "executor_id": {"value": os.environ["MESOS_EXECUTOR_ID"]}}
go_on = sys.argv[1]
for attempt in range(2):
    if attempt:
        while not os.path.exists(go_on):
            time.sleep(0.05)
    stream = http.client.HTTPConnection(host, int(port))
    stream.request("POST", "/api/v1/executor", json.dumps(dict(type="SUBSCRIBE", subscribe={}, **ids)),
                   {"Content-Type": "application/json", "Accept": "application/json"})
    events = stream.getresponse()
    assert events.status == 200, events.status
    while True:
        size = events.readline()
        if not size:
            break
        event = json.loads(events.read(int(size)))
        if event["type"] == "LAUNCH":
            calls = http.client.HTTPConnection(host, int(port))
            call = {"type": "UPDATE", "update": {"status": {
                "task_id": event["launch"]["task"]["task_id"], "state": "TASK_RUNNING",
                "source": "SOURCE_EXECUTOR", "uuid": base64.b64encode(uuid.uuid4().bytes).decode()}}}
            call.update(ids)
            calls.request("POST", "/api/v1/executor", json.dumps(call), {"Content-Type": "application/json"})
            calls.getresponse().read()
        elif event["type"] == "SHUTDOWN":
            raise SystemExit(0)
"#;

/// A KILL that arrives while an executor recovered by a restarted agent has not subscribed
/// again is answered by the agent itself with TASK_KILLED, as Mesos 1.11.0's agent does for
/// an executor in its REGISTERING state (`mesos: src/slave/slave.cpp` `Slave::kill`); found
/// against the real agent by k8sm's agent-restart test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_while_a_recovered_executor_has_not_returned_is_answered_by_the_agent() {
    let dir = std::env::temp_dir().join(format!("mesos-sim-executor-{}", uuid::Uuid::new_v4()));
    tokio::fs::create_dir_all(&dir).await.unwrap();
    let script = dir.join("executor.py");
    let go_on = dir.join("go-on");
    tokio::fs::write(&script, SLOW_TO_RETURN_EXECUTOR)
        .await
        .unwrap();
    let cluster = Cluster::builder()
        .work_dir(dir.join("work"))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("recovered");
    info.checkpoint = Some(true);
    let mut s = Subscription::open(&url, Enc::Json, info).await;
    let offer = s.next_offers().await.remove(0);
    let task = custom_task(
        &offer,
        "long",
        "slow",
        &format!("python3 {} {}", script.display(), go_on.display()),
    );
    s.call(
        &url,
        &launch_call(&s.framework_id, &[&offer.id], vec![task], None),
    )
    .await;
    let running = s.next_update().await;
    assert_eq!(running.state(), TaskState::TaskRunning, "{running:?}");
    s.call(&url, &ack_call(&s.framework_id, &running)).await;

    cluster.restart_agent(&offer.agent_id.value).await.unwrap();
    assert!(!cluster.executor_subscribed(&s.framework_id, "slow"));
    let kill = kill_call(&s.framework_id, "long", Some(&offer.agent_id));
    s.call(&url, &kill).await;
    let killed = s.next_update().await;
    assert_eq!(killed.task_id.value, "long");
    assert_eq!(killed.state(), TaskState::TaskKilled, "{killed:?}");
    assert_eq!(killed.reason(), task_status::Reason::TaskKilledDuringLaunch);
    assert_eq!(killed.source(), task_status::Source::Agent);
    assert_eq!(
        killed.message.as_deref(),
        Some("Killed before delivery to the executor")
    );
    s.call(&url, &ack_call(&s.framework_id, &killed)).await;

    // Once back, the executor is an ordinary subscribed executor again.
    tokio::fs::write(&go_on, b"").await.unwrap();
    common::wait_until(
        "the executor subscribed again",
        std::time::Duration::from_secs(20),
        || cluster.executor_subscribed(&s.framework_id, "slow"),
    )
    .await;
    assert_eq!(
        cluster.task_state(&s.framework_id, "long"),
        Some(TaskState::TaskKilled)
    );
    cluster.shutdown();
    let _ = tokio::fs::remove_dir_all(&dir).await;
}
