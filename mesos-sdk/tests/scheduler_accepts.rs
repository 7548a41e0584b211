//! ACCEPT calls over connections of their own (`SchedulerConfig::with_accept_connections`),
//! against a small hyper "master" that holds ACCEPTs and records which connection carried
//! each: with several connections, that many are in flight at once and none shares the
//! connection of the ordered calls; by default every call, ACCEPT included, goes one at a
//! time over one connection.

mod common;

use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use common::{DEADLINE, config};
use futures_util::StreamExt;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::Frame;
use hyper_util::rt::TokioIo;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::recordio::encode_record;
use mesos_sdk::scheduler::{SchedulerHandle, Session, SessionEvent, SessionEvents};
use mesos_sdk::v1::scheduler::{Call, Event, call, event};
use mesos_sdk::v1::{FrameworkId, OfferId};
use prost::Message;
use tokio::net::TcpListener;
use tokio::sync::watch;

const STREAM_ID: &str = "0d7f4a52-98c1-4f0e-b1c3-6a2e5d9b7c41";

#[derive(Default)]
struct Master {
    /// (connection, call type) of every call but SUBSCRIBE, in arrival order.
    calls: Mutex<Vec<(usize, call::Type)>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
}

type Body = BoxBody<Bytes, Infallible>;

/// A master that subscribes the framework and holds each ACCEPT until `open_at` are in
/// flight at once (the gate then stays open).
async fn start_master(open_at: usize) -> (Arc<Master>, String) {
    let subscribed = Event {
        r#type: Some(event::Type::Subscribed as i32),
        subscribed: Some(event::Subscribed {
            framework_id: FrameworkId {
                value: "accepts-0001".into(),
            },
            heartbeat_interval_seconds: Some(15.0),
            master_info: None,
        }),
        ..Default::default()
    };
    let wire = encode_record(&subscribed.encode_to_vec());
    let master = Arc::new(Master::default());
    let gate = watch::channel(false).0;
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("127.0.0.1:{}", listener.local_addr().expect("addr").port());
    let serving = master.clone();
    tokio::spawn(async move {
        let mut connections = 0usize;
        while let Ok((tcp, _)) = listener.accept().await {
            connections += 1;
            let connection = connections;
            let (master, wire, gate) = (serving.clone(), wire.clone(), gate.clone());
            tokio::spawn(async move {
                let service = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        let (master, wire, gate) = (master.clone(), wire.clone(), gate.clone());
                        async move {
                            let body = req.into_body().collect().await.expect("body").to_bytes();
                            let call = Call::decode(body).expect("a protobuf Call");
                            let kind = call.r#type();
                            let (status, body): (u16, Body) = if kind == call::Type::Subscribe {
                                let frames = futures_util::stream::once(async move {
                                    Ok::<_, Infallible>(Frame::data(wire))
                                })
                                .chain(futures_util::stream::pending());
                                (200, BodyExt::boxed(StreamBody::new(frames)))
                            } else {
                                master.calls.lock().expect("calls").push((connection, kind));
                                if kind == call::Type::Accept {
                                    let now = master.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                                    master.most_in_flight.fetch_max(now, Ordering::SeqCst);
                                    if now >= open_at {
                                        gate.send_replace(true);
                                    }
                                    let _ = gate.subscribe().wait_for(|open| *open).await;
                                    master.in_flight.fetch_sub(1, Ordering::SeqCst);
                                }
                                (202, BodyExt::boxed(Full::new(Bytes::new())))
                            };
                            let mut response = hyper::Response::builder().status(status);
                            if status == 200 {
                                response = response
                                    .header("Content-Type", "application/x-protobuf")
                                    .header("Mesos-Stream-Id", STREAM_ID);
                            }
                            Ok::<_, Infallible>(response.body(body).expect("response"))
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

async fn subscribed(
    url: &str,
    accept_connections: Option<usize>,
) -> (SchedulerHandle, SessionEvents) {
    let mut config = config("accepts");
    if let Some(connections) = accept_connections {
        config = config.with_accept_connections(connections);
    }
    let (handle, mut events) =
        Session::start(config, StaticDetector::new(url.parse().expect("url"))).expect("start");
    loop {
        match tokio::time::timeout(DEADLINE, events.next()).await {
            Ok(Some(Ok(SessionEvent::Subscribed { .. }))) => return (handle, events),
            Ok(Some(Ok(_))) => {}
            other => panic!("no SUBSCRIBED: {other:?}"),
        }
    }
}

fn offer(i: usize) -> Vec<OfferId> {
    vec![OfferId {
        value: format!("offer-{i}"),
    }]
}

/// Makes `count` ACCEPTs at once and waits for every answer.
async fn accept_at_once(handle: &SchedulerHandle, count: usize) {
    let accepts = (0..count).map(|i| handle.accept(offer(i), vec![], None));
    let answers = tokio::time::timeout(DEADLINE, futures_util::future::join_all(accepts))
        .await
        .expect("every ACCEPT answered before the deadline");
    for answer in answers {
        answer.expect("ACCEPT answered 202");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepts_are_in_flight_together_on_their_own_connections() {
    const CONNECTIONS: usize = 4;
    // The master answers no ACCEPT until four are in flight at once: with one at a time
    // this never finishes.
    let (master, url) = start_master(CONNECTIONS).await;
    let (handle, _events) = subscribed(&url, Some(CONNECTIONS)).await;
    handle.revive(vec![]).await.expect("REVIVE");
    accept_at_once(&handle, 32).await;
    handle.revive(vec![]).await.expect("REVIVE");

    assert_eq!(master.most_in_flight.load(Ordering::SeqCst), CONNECTIONS);
    let calls = master.calls.lock().expect("calls").clone();
    let ordered: HashSet<usize> = calls
        .iter()
        .filter(|(_, kind)| *kind == call::Type::Revive)
        .map(|(connection, _)| *connection)
        .collect();
    let accepting: HashSet<usize> = calls
        .iter()
        .filter(|(_, kind)| *kind == call::Type::Accept)
        .map(|(connection, _)| *connection)
        .collect();
    assert_eq!(ordered.len(), 1, "the ordered calls share one connection");
    assert_eq!(accepting.len(), CONNECTIONS);
    assert!(ordered.is_disjoint(&accepting));
    assert_eq!(
        calls
            .iter()
            .filter(|(_, kind)| *kind == call::Type::Accept)
            .count(),
        32
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn by_default_accepts_go_one_at_a_time_with_the_other_calls() {
    let (master, url) = start_master(1).await;
    let (handle, _events) = subscribed(&url, None).await;
    handle.revive(vec![]).await.expect("REVIVE");
    accept_at_once(&handle, 8).await;

    assert_eq!(master.most_in_flight.load(Ordering::SeqCst), 1);
    let calls = master.calls.lock().expect("calls").clone();
    let connections: HashSet<usize> = calls.iter().map(|(connection, _)| *connection).collect();
    assert_eq!(connections.len(), 1, "{calls:?}");
}
