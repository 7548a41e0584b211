//! The executor never strands an update, against a scripted agent (a plain HTTP/1.1 server in
//! the test, speaking the executor API in protobuf) that can hold a SUBSCRIBE and refuse an
//! UPDATE on cue, which no real agent does on demand:
//! - an update made while a re-SUBSCRIBE is in flight (not in that SUBSCRIBE's lists) is sent
//!   as soon as the subscription is up;
//! - an UPDATE that fails on a live stream (503) is sent again with back-off.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use mesos_sdk::executor::{Executor, ExecutorConfig};
use mesos_sdk::v1::executor::{Call, Event, call, event};
use mesos_sdk::v1::{AgentId, AgentInfo, ExecutorId, ExecutorInfo, FrameworkInfo};
use mesos_sdk::v1::{TaskId, TaskState};
use prost::Message;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, mpsc};

const DEADLINE: Duration = Duration::from_secs(20);

/// What the scripted agent saw and how it answers.
#[derive(Default)]
struct Script {
    /// Calls received, in order: (type, uuids carried).
    calls: Vec<(call::Type, Vec<Bytes>)>,
    /// SUBSCRIBEs answered so far.
    subscribes: usize,
    /// Hold the SUBSCRIBE with this number (1-based) until `release` is notified.
    hold_subscribe: Option<usize>,
    /// Answer this many UPDATEs with 503 before accepting them.
    refuse_updates: usize,
}

struct Agent {
    addr: std::net::SocketAddr,
    script: Arc<Mutex<Script>>,
    release: Arc<Notify>,
    /// Ends the current event stream (the agent "restarts").
    drop_stream: Arc<Notify>,
    subscribed: Arc<Notify>,
}

fn subscribed_event() -> Vec<u8> {
    let event = Event {
        r#type: Some(event::Type::Subscribed as i32),
        subscribed: Some(event::Subscribed {
            executor_info: ExecutorInfo {
                executor_id: ExecutorId { value: "e".into() },
                ..Default::default()
            },
            framework_info: FrameworkInfo {
                user: "u".into(),
                name: "f".into(),
                ..Default::default()
            },
            agent_info: AgentInfo {
                hostname: "h".into(),
                id: Some(AgentId { value: "a".into() }),
                ..Default::default()
            },
            container_id: None,
        }),
        ..Default::default()
    };
    let bytes = event.encode_to_vec();
    let mut record = format!("{}\n", bytes.len()).into_bytes();
    record.extend_from_slice(&bytes);
    record
}

async fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).await.ok()?;
    Some(body)
}

async fn serve(agent: Arc<Agent>, stream: TcpStream) {
    let mut reader = BufReader::new(stream);
    while let Some(body) = read_request(&mut reader).await {
        let Ok(call) = Call::decode(body.as_slice()) else {
            return;
        };
        let kind = call.r#type();
        let uuids: Vec<Bytes> = match kind {
            call::Type::Subscribe => call
                .subscribe
                .iter()
                .flat_map(|s| s.unacknowledged_updates.iter())
                .filter_map(|u| u.status.uuid.clone())
                .collect(),
            call::Type::Update => call
                .update
                .iter()
                .filter_map(|u| u.status.uuid.clone())
                .collect(),
            _ => Vec::new(),
        };
        let (number, hold, refuse) = {
            let mut script = agent.script.lock().expect("script");
            script.calls.push((kind, uuids));
            match kind {
                call::Type::Subscribe => {
                    script.subscribes += 1;
                    let n = script.subscribes;
                    (n, script.hold_subscribe == Some(n), false)
                }
                call::Type::Update if script.refuse_updates > 0 => {
                    script.refuse_updates -= 1;
                    (0, false, true)
                }
                _ => (0, false, false),
            }
        };
        let stream = reader.get_mut();
        if kind == call::Type::Subscribe {
            if hold {
                agent.release.notified().await;
            }
            let _ = number;
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n\
                        Transfer-Encoding: chunked\r\n\r\n";
            let record = subscribed_event();
            let chunk = format!("{:x}\r\n", record.len());
            if stream.write_all(head.as_bytes()).await.is_err()
                || stream.write_all(chunk.as_bytes()).await.is_err()
                || stream.write_all(&record).await.is_err()
                || stream.write_all(b"\r\n").await.is_err()
            {
                return;
            }
            agent.subscribed.notify_one();
            // The stream stays open until the test drops it.
            agent.drop_stream.notified().await;
            return;
        }
        let answer: &[u8] = if refuse {
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
        } else {
            b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
        };
        if stream.write_all(answer).await.is_err() {
            return;
        }
    }
}

async fn agent(script: Script) -> Arc<Agent> {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let agent = Arc::new(Agent {
        addr: listener.local_addr().expect("addr"),
        script: Arc::new(Mutex::new(script)),
        release: Arc::new(Notify::new()),
        drop_stream: Arc::new(Notify::new()),
        subscribed: Arc::new(Notify::new()),
    });
    let serving = agent.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(serving.clone(), stream));
        }
    });
    agent
}

fn start_executor(agent: &Agent) -> (mesos_sdk::executor::ExecutorHandle, mpsc::Receiver<()>) {
    let config = ExecutorConfig::from_vars([
        ("MESOS_FRAMEWORK_ID", "f".to_string()),
        ("MESOS_EXECUTOR_ID", "e".to_string()),
        ("MESOS_AGENT_ENDPOINT", agent.addr.to_string()),
        ("MESOS_CHECKPOINT", "1".to_string()),
        ("MESOS_RECOVERY_TIMEOUT", "1mins".to_string()),
        ("MESOS_SUBSCRIPTION_BACKOFF_MAX", "100ms".to_string()),
    ])
    .expect("environment");
    let (handle, mut events) = Executor::start(config).expect("executor");
    // Keep reading the events (the session needs its reader); say when each arrives.
    let (seen, rx) = mpsc::channel(64);
    tokio::spawn(async move {
        while let Some(event) = events.next().await {
            if event.is_ok() {
                let _ = seen.try_send(());
            }
        }
    });
    (handle, rx)
}

/// Waits until the agent has seen `pick` hold, failing after [`DEADLINE`].
async fn until(agent: &Agent, what: &str, pick: impl Fn(&Script) -> bool) {
    let start = tokio::time::Instant::now();
    while !pick(&agent.script.lock().expect("script")) {
        assert!(
            start.elapsed() < DEADLINE,
            "{what} did not happen; the agent saw {:?}",
            agent
                .script
                .lock()
                .expect("script")
                .calls
                .iter()
                .map(|(kind, uuids)| (kind.as_str_name(), uuids.len()))
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn updates_with(script: &Script, uuid: &Bytes) -> usize {
    script
        .calls
        .iter()
        .filter(|(kind, uuids)| *kind == call::Type::Update && uuids.contains(uuid))
        .count()
}

#[tokio::test]
async fn an_update_made_during_a_resubscribe_is_sent_once_it_is_up() {
    let agent = agent(Script {
        hold_subscribe: Some(2),
        ..Default::default()
    })
    .await;
    let (handle, _events) = start_executor(&agent);
    tokio::time::timeout(DEADLINE, agent.subscribed.notified())
        .await
        .expect("first SUBSCRIBE");
    // The agent goes away and comes back: the executor subscribes again, and the agent holds
    // that SUBSCRIBE in flight.
    agent.drop_stream.notify_one();
    until(&agent, "a second SUBSCRIBE", |s| s.subscribes == 2).await;
    let uuid = handle
        .update_state(TaskId { value: "t".into() }, TaskState::TaskRunning, None)
        .await
        .expect("an update is accepted while re-subscribing");
    {
        let script = agent.script.lock().expect("script");
        let (_, carried) = script
            .calls
            .iter()
            .rfind(|(kind, _)| *kind == call::Type::Subscribe)
            .expect("the SUBSCRIBE");
        assert!(
            !carried.contains(&uuid),
            "made after the SUBSCRIBE was sent"
        );
    }
    agent.release.notify_one();
    until(&agent, "the stranded update sent", |s| {
        updates_with(s, &uuid) >= 1
    })
    .await;
    assert_eq!(
        handle.unacknowledged_updates().len(),
        1,
        "kept until acknowledged"
    );
}

#[tokio::test]
async fn an_update_refused_on_a_live_stream_is_sent_again() {
    let agent = agent(Script {
        refuse_updates: 1,
        ..Default::default()
    })
    .await;
    let (handle, mut events) = start_executor(&agent);
    // Subscribed as the executor sees it (its call queue is up): the UPDATE goes out at once,
    // on the live stream.
    tokio::time::timeout(DEADLINE, events.recv())
        .await
        .expect("SUBSCRIBED in time");
    let uuid = handle
        .update_state(TaskId { value: "t".into() }, TaskState::TaskRunning, None)
        .await
        .expect("kept for retry, not an error");
    until(&agent, "the UPDATE sent again after its 503", |s| {
        updates_with(s, &uuid) >= 2
    })
    .await;
    // Still one stream: no SUBSCRIBE was needed for it.
    assert_eq!(agent.script.lock().expect("script").subscribes, 1);
}

#[tokio::test]
async fn the_updates_kept_for_replay_are_bounded() {
    // The agent never answers the SUBSCRIBE: nothing is acknowledged, everything is kept.
    let agent = agent(Script {
        hold_subscribe: Some(1),
        ..Default::default()
    })
    .await;
    let (handle, _events) = start_executor(&agent);
    until(&agent, "a SUBSCRIBE", |s| s.subscribes == 1).await;
    let task = || TaskId { value: "t".into() };
    for _ in 0..mesos_sdk::executor::MAX_UNACKNOWLEDGED_UPDATES {
        handle
            .update_state(task(), TaskState::TaskRunning, None)
            .await
            .expect("kept");
    }
    let refused = handle
        .update_state(task(), TaskState::TaskRunning, None)
        .await;
    assert!(
        matches!(refused, Err(mesos_sdk::Error::Backlog { limit, .. })
            if limit == mesos_sdk::executor::MAX_UNACKNOWLEDGED_UPDATES),
        "{refused:?}"
    );
    assert_eq!(
        handle.unacknowledged_updates().len(),
        mesos_sdk::executor::MAX_UNACKNOWLEDGED_UPDATES
    );
}
