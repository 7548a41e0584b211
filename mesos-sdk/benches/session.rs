//! Events per second through the whole session path: HTTP body bytes from a loopback master,
//! RecordIO framing, checking each event, the session's bookkeeping, and events out of
//! `SessionEvents`. Streams of OFFERS and of UPDATE (with and without the automatic
//! acknowledgements, pipelined to the master). The OFFERS event is `common::events::offers`,
//! the one `scripts/bench-vs-peers.sh` decodes with Python's upb; the application reads what a
//! scheduler matches offers on (ids, hostname, every resource and attribute), either through the
//! event's view (`offers10`) or after decoding it into prost's types (`offers10_decoded`).
//! With acknowledgements, a run ends when the master has received the acknowledgement of every
//! update, not when the application has taken the last update (which only queues its
//! acknowledgement).
//!
//! The "master" is a minimal hyper server that answers SUBSCRIBE with a prebuilt stream and
//! every other call with 202 (answers to pipelined calls flushed together), so the figures
//! measure the SDK, not a simulator. It runs on the same two worker threads as the session,
//! so its HTTP work is part of the figures.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use futures_util::StreamExt;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::Frame;
use hyper_util::rt::TokioIo;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::recordio::encode_record;
use mesos_sdk::scheduler::{SchedulerConfig, Session, SessionEvent};
use mesos_sdk::v1::scheduler::{Event, event};
use mesos_sdk::v1::{AgentId, FrameworkId, FrameworkInfo, TaskId, TaskState, TaskStatus};
use prost::Message;
use tokio::net::TcpListener;
use tokio::sync::Notify;

mod common;

const CHUNK: usize = 16 * 1024;

/// How the application reads each event.
#[derive(Clone, Copy)]
enum Read {
    /// Only its type.
    Type,
    /// Every offer's ids, hostname, resources and attributes, through the view.
    View,
    /// The same, from the decoded prost `Event`.
    Decoded,
}

fn update_event(i: usize) -> Event {
    Event {
        r#type: Some(event::Type::Update as i32),
        update: Some(event::Update {
            status: TaskStatus {
                task_id: TaskId {
                    value: format!("task-{i}"),
                },
                state: TaskState::TaskRunning as i32,
                agent_id: Some(AgentId {
                    value: "0f1e2d3c-S1".into(),
                }),
                timestamp: Some(1_700_000_000.0),
                source: Some(2),
                uuid: Some(Bytes::from_static(&[7u8; 16])),
                ..Default::default()
            },
        }),
        ..Default::default()
    }
}

/// SUBSCRIBED followed by `events`, framed, cut in 16 KiB chunks.
fn stream(events: &[Event]) -> Vec<Bytes> {
    let subscribed = Event {
        r#type: Some(event::Type::Subscribed as i32),
        subscribed: Some(event::Subscribed {
            framework_id: FrameworkId {
                value: "bench-0001".into(),
            },
            heartbeat_interval_seconds: Some(15.0),
            master_info: None,
        }),
        ..Default::default()
    };
    let mut wire = BytesMut::new();
    wire.extend_from_slice(&encode_record(&subscribed.encode_to_vec()));
    for e in events {
        wire.extend_from_slice(&encode_record(&e.encode_to_vec()));
    }
    let wire = wire.freeze();
    (0..wire.len())
        .step_by(CHUNK)
        .map(|s| wire.slice(s..(s + CHUNK).min(wire.len())))
        .collect()
}

type Body = BoxBody<Bytes, Infallible>;

/// The acknowledgements the master received.
#[derive(Default)]
struct Acks {
    received: AtomicUsize,
    arrived: Notify,
}

impl Acks {
    async fn wait_for(&self, count: usize) {
        while self.received.load(Ordering::Acquire) < count {
            let arrived = self.arrived.notified();
            if self.received.load(Ordering::Acquire) >= count {
                break;
            }
            arrived.await;
        }
    }
}

/// Serves SUBSCRIBE with `chunks` (then keeps the stream open) and answers calls with 202,
/// counting ACKNOWLEDGEs.
async fn master(chunks: Vec<Bytes>) -> (u16, Arc<Acks>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let acks = Arc::new(Acks::default());
    let counted = acks.clone();
    // Shared, not copied per request: the master's own work per call stays small.
    let chunks: Arc<[Bytes]> = chunks.into();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let chunks = chunks.clone();
            let acks = counted.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        let chunks = chunks.clone();
                        let acks = acks.clone();
                        async move {
                            let body = req
                                .into_body()
                                .collect()
                                .await
                                .map(|b| b.to_bytes())
                                .unwrap_or_default();
                            let call =
                                mesos_sdk::v1::scheduler::Call::decode(body).unwrap_or_default();
                            if call.r#type() == mesos_sdk::v1::scheduler::call::Type::Acknowledge {
                                acks.received.fetch_add(1, Ordering::AcqRel);
                                acks.arrived.notify_waiters();
                            }
                            let response = if call.r#type()
                                == mesos_sdk::v1::scheduler::call::Type::Subscribe
                            {
                                let frames = futures_util::stream::iter(
                                    chunks
                                        .iter()
                                        .cloned()
                                        .map(|c| Ok::<_, Infallible>(Frame::data(c)))
                                        .collect::<Vec<_>>(),
                                )
                                .chain(futures_util::stream::pending());
                                hyper::Response::builder()
                                    .status(200)
                                    .header("Content-Type", "application/x-protobuf")
                                    .header(
                                        "Mesos-Stream-Id",
                                        "1c1e3d7a-3b5e-4a5b-9e38-6f1f5b7f0a11",
                                    )
                                    .body(BodyExt::boxed(StreamBody::new(frames)))
                            } else {
                                hyper::Response::builder()
                                    .status(202)
                                    .header("Content-Length", "0")
                                    .body(BodyExt::boxed(Full::new(Bytes::new())))
                            };
                            Ok::<hyper::Response<Body>, Infallible>(response.expect("response"))
                        }
                    },
                );
                // Answers to pipelined calls are written together, as the session writes
                // the calls: a write per 202 would make the master's syscalls the figure.
                let _ = hyper::server::conn::http1::Builder::new()
                    .pipeline_flush(true)
                    .serve_connection(TokioIo::new(tcp), service)
                    .await;
            });
        }
    });
    (port, acks)
}

/// Subscribes, then times how long it takes for `count` events to come out of the session
/// (and, with `auto_ack`, for the master to receive their acknowledgements).
async fn run_once(port: u16, acks: &Acks, count: usize, auto_ack: bool, read: Read) -> Duration {
    acks.received.store(0, Ordering::Release);
    let config = SchedulerConfig::new(FrameworkInfo {
        user: "bench".into(),
        name: "bench".into(),
        ..Default::default()
    })
    .with_auto_acknowledge(auto_ack)
    .with_connection_delay_max(Duration::ZERO)
    .with_implicit_reconciliation(None);
    let detector = StaticDetector::new(format!("127.0.0.1:{port}").parse().expect("url"));
    let (scheduler, mut events) = Session::start(config, detector).expect("start");
    let mut seen = 0usize;
    let mut started = None;
    while let Some(item) = events.next().await {
        match item.expect("no session error") {
            SessionEvent::Subscribed { .. } => started = Some(Instant::now()),
            SessionEvent::Event(e) => {
                let n = match read {
                    Read::Type => e.r#type() as u64,
                    Read::View => common::events::read_offers_view(&e.view()),
                    Read::Decoded => common::events::read_offers(&e.into_event()),
                };
                std::hint::black_box(n);
                seen += 1;
                if seen == count {
                    break;
                }
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    if auto_ack {
        acks.wait_for(count).await;
    }
    let elapsed = started.expect("subscribed").elapsed();
    scheduler.close();
    elapsed
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut group = c.benchmark_group("session");
    group.sample_size(20);
    let offers = || (0..5_000).map(|_| common::events::offers()).collect();
    let updates = || (0..20_000).map(update_event).collect();
    let cases: Vec<(&str, Vec<Event>, bool, Read)> = vec![
        ("offers10", offers(), false, Read::View),
        ("offers10_decoded", offers(), false, Read::Decoded),
        ("update", updates(), false, Read::Type),
        ("update_auto_ack", updates(), true, Read::Type),
    ];
    for (label, events, auto_ack, read) in cases {
        let count = events.len();
        let bytes: usize = events.iter().map(|e| e.encoded_len()).sum();
        let (port, acks) = runtime.block_on(master(stream(&events)));
        group.throughput(Throughput::ElementsAndBytes {
            elements: count as u64,
            bytes: bytes as u64,
        });
        group.bench_function(BenchmarkId::new("events", label), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    total += runtime.block_on(run_once(port, &acks, count, auto_ack, read));
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
