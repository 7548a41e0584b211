//! Automatic acknowledgements against a small hyper "master" that sees every ACKNOWLEDGE:
//! several are in flight at once (the master, as hyper's server does, takes a connection's
//! requests one at a time, so one per acknowledgement connection is being served; that each
//! connection carries many at once, pipelined, is shown in `transport::pipeline`'s tests),
//! the acknowledgements
//! of one task arrive in the order of its updates, every update taken is acknowledged exactly
//! once, a failed acknowledgement does not hold up the ones after it, and when too many are
//! unanswered the next update waits for room.
//!
//! That an update the application never takes is not acknowledged is shown against mesos-sim
//! in `framework_state.rs` (`an_update_is_acknowledged_once_the_application_takes_it`).

mod common;

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use common::{DEADLINE, config};
use futures_util::StreamExt;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::Frame;
use hyper_util::rt::TokioIo;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::recordio::encode_record;
use mesos_sdk::scheduler::{Session, SessionEvent, SessionEvents};
use mesos_sdk::v1::scheduler::{Call, Event, call, event};
use mesos_sdk::v1::{AgentId, FrameworkId, TaskId, TaskState, TaskStatus};
use prost::Message;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};

const STREAM_ID: &str = "5b0c6f8e-2d54-4a43-9f57-0e9b1f6c2a10";
const FRAMEWORK_ID: &str = "acks-0001";

/// The uuid of update `seq` of task `task`: both can be read back from an acknowledgement.
fn uuid(task: u32, seq: u32) -> Bytes {
    let mut bytes = [0u8; 16];
    bytes[..4].copy_from_slice(&task.to_be_bytes());
    bytes[4..8].copy_from_slice(&seq.to_be_bytes());
    Bytes::copy_from_slice(&bytes)
}

fn update(task: u32, seq: u32) -> Event {
    Event {
        r#type: Some(event::Type::Update as i32),
        update: Some(event::Update {
            status: TaskStatus {
                task_id: TaskId {
                    value: format!("task-{task}"),
                },
                state: TaskState::TaskRunning as i32,
                agent_id: Some(AgentId {
                    value: format!("agent-{}", task % 3),
                }),
                uuid: Some(uuid(task, seq)),
                ..Default::default()
            },
        }),
        ..Default::default()
    }
}

/// `updates` updates of each of `tasks` tasks, round by round: update 0 of every task, then
/// update 1 of every task, and so on (as agents forward them, one per task at a time).
fn rounds(tasks: u32, updates: u32) -> Vec<Event> {
    (0..updates)
        .flat_map(|seq| (0..tasks).map(move |task| update(task, seq)))
        .collect()
}

/// One ACKNOWLEDGE as the master received it.
#[derive(Debug, Clone)]
struct Ack {
    /// Which TCP connection carried it (numbered as accepted).
    connection: usize,
    task: u32,
    seq: u32,
    stream_id: Option<String>,
    framework_id: Option<String>,
}

/// What the master does with an acknowledgement.
#[derive(Clone, Copy)]
enum Answer {
    /// 202 (once the gate is open).
    Accept,
    /// 400 with a message.
    Refuse,
    /// Closes the connection without an answer.
    Drop,
}

struct Master {
    acks: Mutex<Vec<Ack>>,
    arrived: Notify,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    /// Held acknowledgements are answered once this is true.
    gate: watch::Sender<bool>,
    /// The gate opens by itself once this many acknowledgements are in flight at once.
    open_at: usize,
    answers: HashMap<(u32, u32), Answer>,
}

impl Master {
    fn acks(&self) -> Vec<Ack> {
        self.acks.lock().expect("acks").clone()
    }

    /// Waits until `count` acknowledgements have arrived; fails after [`DEADLINE`].
    async fn wait_for_acks(&self, count: usize) {
        let wait = async {
            loop {
                let arrived = self.arrived.notified();
                if self.acks.lock().expect("acks").len() >= count {
                    return;
                }
                arrived.await;
            }
        };
        if tokio::time::timeout(DEADLINE, wait).await.is_err() {
            panic!(
                "{count} acknowledgements expected, {} arrived; at most {} were in flight at once",
                self.acks.lock().expect("acks").len(),
                self.most_in_flight.load(Ordering::SeqCst)
            );
        }
    }

    async fn acknowledge(
        &self,
        connection: usize,
        call: Call,
        stream_id: Option<String>,
    ) -> Answer {
        let ack = call.acknowledge.expect("ACKNOWLEDGE carries its payload");
        let task = u32::from_be_bytes(ack.uuid[..4].try_into().expect("uuid"));
        let seq = u32::from_be_bytes(ack.uuid[4..8].try_into().expect("uuid"));
        assert_eq!(ack.task_id.value, format!("task-{task}"));
        assert_eq!(ack.agent_id.value, format!("agent-{}", task % 3));
        let answer = self
            .answers
            .get(&(task, seq))
            .copied()
            .unwrap_or(Answer::Accept);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_in_flight.fetch_max(now, Ordering::SeqCst);
        self.acks.lock().expect("acks").push(Ack {
            connection,
            task,
            seq,
            stream_id,
            framework_id: call.framework_id.map(|f| f.value),
        });
        self.arrived.notify_waiters();
        if now >= self.open_at {
            self.gate.send_replace(true);
        }
        let mut gate = self.gate.subscribe();
        let _ = gate.wait_for(|open| *open).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        answer
    }
}

type Body = BoxBody<Bytes, Infallible>;

/// Starts a master that answers SUBSCRIBE with SUBSCRIBED and `events` (then keeps the
/// stream open) and holds acknowledgements until `open_at` are in flight at once (or the
/// test opens the gate).
async fn start_master(
    events: Vec<Event>,
    open_at: usize,
    answers: HashMap<(u32, u32), Answer>,
) -> (Arc<Master>, String) {
    let subscribed = Event {
        r#type: Some(event::Type::Subscribed as i32),
        subscribed: Some(event::Subscribed {
            framework_id: FrameworkId {
                value: FRAMEWORK_ID.into(),
            },
            heartbeat_interval_seconds: Some(15.0),
            master_info: None,
        }),
        ..Default::default()
    };
    let mut wire = BytesMut::new();
    for event in std::iter::once(&subscribed).chain(&events) {
        wire.extend_from_slice(&encode_record(&event.encode_to_vec()));
    }
    let wire = wire.freeze();
    let master = Arc::new(Master {
        acks: Mutex::new(Vec::new()),
        arrived: Notify::new(),
        in_flight: AtomicUsize::new(0),
        most_in_flight: AtomicUsize::new(0),
        gate: watch::channel(false).0,
        open_at,
        answers,
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("127.0.0.1:{}", listener.local_addr().expect("addr").port());
    let serving = master.clone();
    tokio::spawn(async move {
        let mut connections = 0usize;
        while let Ok((tcp, _)) = listener.accept().await {
            connections += 1;
            let connection = connections;
            let master = serving.clone();
            let wire = wire.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        let master = master.clone();
                        let wire = wire.clone();
                        async move {
                            let stream_id = req
                                .headers()
                                .get("Mesos-Stream-Id")
                                .and_then(|v| v.to_str().ok())
                                .map(str::to_string);
                            let body = req.into_body().collect().await.expect("body").to_bytes();
                            let call = Call::decode(body).expect("a protobuf Call");
                            let (status, body): (u16, Body) = match call.r#type() {
                                call::Type::Subscribe => {
                                    let frames = futures_util::stream::once(async move {
                                        Ok::<_, Infallible>(Frame::data(wire))
                                    })
                                    .chain(futures_util::stream::pending());
                                    (200, BodyExt::boxed(StreamBody::new(frames)))
                                }
                                call::Type::Acknowledge => {
                                    match master.acknowledge(connection, call, stream_id).await {
                                        Answer::Accept => (202, empty()),
                                        Answer::Refuse => (
                                            400,
                                            BodyExt::boxed(Full::new(Bytes::from_static(
                                                b"Unexpected acknowledgement",
                                            ))),
                                        ),
                                        // An error from the service makes hyper close the
                                        // connection without an answer.
                                        Answer::Drop => return Err("dropped on purpose"),
                                    }
                                }
                                _ => (202, empty()),
                            };
                            let mut response = hyper::Response::builder()
                                .status(status)
                                .header("Content-Type", "application/x-protobuf");
                            if status == 200 {
                                response = response.header("Mesos-Stream-Id", STREAM_ID);
                            }
                            Ok::<_, &'static str>(response.body(body).expect("response"))
                        }
                    },
                );
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tcp), service)
                    .await;
            });
        }
    });
    (master, url)
}

fn empty() -> Body {
    BodyExt::boxed(Full::new(Bytes::new()))
}

/// Takes `count` updates from the session (failing on anything else but SUBSCRIBED).
async fn take_updates(events: &mut SessionEvents, count: usize) {
    let mut taken = 0;
    while taken < count {
        match tokio::time::timeout(DEADLINE, events.next()).await {
            Ok(Some(Ok(SessionEvent::Event(e)))) => {
                assert_eq!(e.r#type(), event::Type::Update);
                taken += 1;
            }
            Ok(Some(Ok(SessionEvent::Subscribed { .. }))) => {}
            other => panic!("after {taken} updates: {other:?}"),
        }
    }
}

/// Per task, the sequence numbers of its acknowledgements in arrival order.
fn by_task(acks: &[Ack]) -> HashMap<u32, Vec<u32>> {
    let mut tasks: HashMap<u32, Vec<u32>> = HashMap::new();
    for ack in acks {
        tasks.entry(ack.task).or_default().push(ack.seq);
    }
    tasks
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledgements_are_in_flight_together_and_in_order_per_task() {
    const TASKS: u32 = 48;
    const UPDATES: u32 = 6;
    const CONNECTIONS: usize = 4;
    // The first acknowledgements are held until CONNECTIONS of them are in flight at once:
    // with one acknowledgement at a time, the gate never opens and the test fails.
    let (master, url) = start_master(rounds(TASKS, UPDATES), CONNECTIONS, HashMap::new()).await;
    let (scheduler, mut events) = Session::start(
        config("acks").with_acknowledgement_connections(CONNECTIONS),
        StaticDetector::new(url.parse().expect("url")),
    )
    .expect("start");
    let total = (TASKS * UPDATES) as usize;
    take_updates(&mut events, total).await;
    master.wait_for_acks(total).await;

    let acks = master.acks();
    assert_eq!(acks.len(), total, "no acknowledgement beyond the updates");
    assert_eq!(
        master.most_in_flight.load(Ordering::SeqCst),
        CONNECTIONS,
        "one acknowledgement served at a time per acknowledgement connection"
    );
    let connections: HashSet<usize> = acks.iter().map(|a| a.connection).collect();
    assert_eq!(connections.len(), CONNECTIONS, "{connections:?}");
    for ack in &acks {
        assert_eq!(ack.stream_id.as_deref(), Some(STREAM_ID), "{ack:?}");
        assert_eq!(ack.framework_id.as_deref(), Some(FRAMEWORK_ID), "{ack:?}");
    }
    // Every update acknowledged exactly once, each task's in the order of its updates, and
    // each task's on one connection.
    let tasks = by_task(&acks);
    assert_eq!(tasks.len(), TASKS as usize);
    for (task, seqs) in &tasks {
        assert_eq!(
            *seqs,
            (0..UPDATES).collect::<Vec<_>>(),
            "task-{task}'s acknowledgements"
        );
        let on: HashSet<usize> = acks
            .iter()
            .filter(|a| a.task == *task)
            .map(|a| a.connection)
            .collect();
        assert_eq!(on.len(), 1, "task-{task} used connections {on:?}");
    }
    scheduler.close();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_acknowledgement_does_not_hold_up_the_next_ones() {
    const TASKS: u32 = 8;
    const UPDATES: u32 = 4;
    // One acknowledgement refused with 400, one whose connection is closed unanswered: both
    // are logged and left to the agent's retry; the ones after them (of the same tasks too,
    // on the same connections) still go, on a fresh connection after the dropped one.
    let answers = HashMap::from([((2, 1), Answer::Refuse), ((5, 0), Answer::Drop)]);
    let (master, url) = start_master(rounds(TASKS, UPDATES), 1, answers).await;
    let (scheduler, mut events) = Session::start(
        config("acks-failing").with_acknowledgement_connections(2),
        StaticDetector::new(url.parse().expect("url")),
    )
    .expect("start");
    let total = (TASKS * UPDATES) as usize;
    take_updates(&mut events, total).await;
    master.wait_for_acks(total).await;
    let acks = master.acks();
    assert_eq!(
        acks.len(),
        total,
        "a failed acknowledgement is not sent twice"
    );
    for (task, seqs) in by_task(&acks) {
        assert_eq!(seqs, (0..UPDATES).collect::<Vec<_>>(), "task-{task}");
    }
    let connections: HashSet<usize> = acks.iter().map(|a| a.connection).collect();
    assert_eq!(
        connections.len(),
        3,
        "two acknowledgement connections, one of them opened again after the drop"
    );
    // The subscription is unharmed.
    assert!(scheduler.is_subscribed());
    scheduler.close();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_wait_while_the_acknowledgement_window_is_full() {
    // The window holds 1024 acknowledgements queued or in flight; the master answers none
    // until the test opens the gate.
    const WINDOW: usize = 1024;
    let (master, url) =
        start_master(rounds(WINDOW as u32 + 16, 1), usize::MAX, HashMap::new()).await;
    let (scheduler, mut events) = Session::start(
        config("acks-window"),
        StaticDetector::new(url.parse().expect("url")),
    )
    .expect("start");
    take_updates(&mut events, WINDOW).await;
    // Nothing answered: the first acknowledgement of each of the four (default) connections
    // is in flight, the others are queued behind them.
    master.wait_for_acks(4).await;
    // The next update is in the session's buffer, but it is not handed over while its
    // acknowledgement has no room.
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        if let Ok(item) = tokio::time::timeout(Duration::from_millis(50), events.next()).await {
            panic!("an update was handed over past a full window: {item:?}");
        }
        if format!("{events:?}").contains("waiting_for_room: true") {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the next update never arrived"
        );
    }
    assert_eq!(
        master.most_in_flight.load(Ordering::SeqCst),
        4,
        "the default: four acknowledgement connections, one served at a time on each"
    );
    master.gate.send_replace(true);
    take_updates(&mut events, 16).await;
    master.wait_for_acks(WINDOW + 16).await;
    assert_eq!(master.acks().len(), WINDOW + 16);
    scheduler.close();
}
