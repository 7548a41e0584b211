//! The scheduler session against mesos-sim's faults over loopback HTTP: redirects, 503s,
//! leader changes, dropped streams, the heartbeat watchdog, ERROR events, fast failure while
//! disconnected, call order. The scenarios that run against the real Mesos too (the task
//! lifecycle, reconciliation, filters, failover within the failover timeout) are in
//! `peers.rs`.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::scheduler::{Connection, SchedulerConfig, Session, SessionEvent};
use mesos_sdk::v1::TaskId;
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::{Endpoint, Error};
use mesos_sim::Cluster;

fn endpoint(url: &str) -> Endpoint {
    url.parse().expect("the simulator's URL parses")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribe_through_a_standby_follows_the_protocol_relative_redirect() {
    let cluster = Cluster::builder()
        .standby_masters(1)
        .start()
        .await
        .expect("cluster starts");
    let standby = endpoint(&cluster.standby_urls()[0]);
    let leader = endpoint(&cluster.master_url());
    assert_ne!(standby, leader);
    let connection = Connection::subscribe(&standby, &config("redirected"))
        .await
        .expect("subscribed via the redirect");
    assert_eq!(connection.endpoint(), &leader, "the leader is remembered");
    // The call path goes to the leader too.
    assert_eq!(connection.caller().endpoint(), &leader);
    assert!(cluster.is_connected(&connection.framework_id().value));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_leader_503_is_retried_until_a_leader_is_known() {
    let cluster = Cluster::builder()
        .standby_masters(1)
        .start()
        .await
        .expect("cluster starts");
    cluster.set_standby_knows_leader(0, false).expect("fault");
    let standby = endpoint(&cluster.standby_urls()[0]);

    // The low-level connection retries a few times, then reports the 503.
    let config = config("unavailable").with_unavailable_retries(1);
    let err = Connection::subscribe(&standby, &config)
        .await
        .expect_err("no leader");
    assert_eq!(err.status(), Some(503), "{err}");
    assert!(err.is_retryable());

    // The session keeps trying, reporting each failure, and subscribes once a leader is known.
    let (_scheduler, mut events) =
        Session::start(config, StaticDetector::new(standby)).expect("start");
    let reason = next_matching(&mut events, "a disconnection", |e| match e {
        SessionEvent::Disconnected { reason } => Some(reason.clone()),
        _ => None,
    })
    .await;
    assert!(reason.contains("503"), "{reason}");
    cluster
        .set_standby_knows_leader(0, true)
        .expect("fault cleared");
    let master = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed { master, .. } => Some(master.clone()),
        _ => None,
    })
    .await;
    assert_eq!(master, endpoint(&cluster.master_url()));
}

async fn subscribed_id(events: &mut mesos_sdk::scheduler::SessionEvents) -> (String, bool) {
    next_matching(events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed {
            framework_id,
            resubscribed,
            ..
        } => Some((framework_id.value.clone(), *resubscribed)),
        _ => None,
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_stream_is_resubscribed_with_the_same_framework_id() {
    let cluster = Cluster::builder().start().await.expect("cluster starts");
    let (scheduler, mut events) = Session::start(
        config("dropped"),
        StaticDetector::new(endpoint(&cluster.master_url())),
    )
    .expect("start");
    let (id, _) = subscribed_id(&mut events).await;

    cluster.drop_subscription(&id).expect("fault");
    next_matching(&mut events, "a disconnection", |e| {
        matches!(e, SessionEvent::Disconnected { .. }).then_some(())
    })
    .await;
    let (again, resubscribed) = subscribed_id(&mut events).await;
    assert_eq!(again, id);
    assert!(resubscribed);
    assert_eq!(scheduler.framework_id().map(|f| f.value), Some(id.clone()));
    assert_eq!(cluster.framework_ids(), vec![id]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leader_change_moves_the_session_to_the_new_leader() {
    let cluster = Cluster::builder()
        .standby_masters(2)
        .start()
        .await
        .expect("cluster starts");
    let first = endpoint(&cluster.standby_urls()[0]);
    let second = endpoint(&cluster.standby_urls()[1]);
    let detector = Arc::new(StaticDetector::new(first));
    let (_scheduler, mut events) =
        Session::start(config("leader-change"), detector.clone()).expect("start");
    let (id, _) = subscribed_id(&mut events).await;

    detector.set(Some(second.clone()));
    let leader = next_matching(&mut events, "LeaderChanged", |e| match e {
        SessionEvent::LeaderChanged { leader } => Some(leader.clone()),
        _ => None,
    })
    .await;
    assert_eq!(leader, Some(second));
    let (again, resubscribed) = subscribed_id(&mut events).await;
    assert_eq!(again, id, "the framework id is kept across leaders");
    assert!(resubscribed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_fail_fast_while_no_leader_is_known() {
    let cluster = Cluster::builder().start().await.expect("cluster starts");
    let detector = Arc::new(StaticDetector::new(endpoint(&cluster.master_url())));
    let (scheduler, mut events) =
        Session::start(config("no-leader"), detector.clone()).expect("start");
    subscribed_id(&mut events).await;
    scheduler
        .revive(vec![])
        .await
        .expect("REVIVE while subscribed");

    detector.set(None);
    next_matching(&mut events, "a disconnection", |e| {
        matches!(e, SessionEvent::Disconnected { .. }).then_some(())
    })
    .await;
    let started = std::time::Instant::now();
    let err = scheduler.revive(vec![]).await.expect_err("not subscribed");
    assert!(
        matches!(err, Error::NotSubscribed { call: "REVIVE", .. }),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(1), "failed fast");
    assert!(!scheduler.is_subscribed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_event_ends_the_session() {
    let cluster = Cluster::builder().start().await.expect("cluster starts");
    let (_scheduler, mut events) = Session::start(
        config("failed-over"),
        StaticDetector::new(endpoint(&cluster.master_url())),
    )
    .expect("start");
    let (id, _) = subscribed_id(&mut events).await;

    // Another scheduler subscribes with the same framework id: the master fails the first
    // stream over with an ERROR event.
    let mut info = framework("failed-over");
    info.id = Some(mesos_sdk::v1::FrameworkId { value: id.clone() });
    let _usurper = Connection::subscribe(
        &endpoint(&cluster.master_url()),
        &SchedulerConfig::new(info),
    )
    .await
    .expect("the second scheduler subscribes");

    let end = tokio::time::timeout(DEADLINE, async {
        loop {
            use futures_util::StreamExt;
            match events.next().await {
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Some(e),
                None => return None,
            }
        }
    })
    .await
    .expect("the session ends in time");
    match end {
        Some(Error::Framework { message }) => {
            assert!(message.contains("failed over"), "{message}")
        }
        other => panic!("expected a framework error, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_keep_their_order_under_concurrent_callers() {
    let cluster = Cluster::builder().start().await.expect("cluster starts");
    let (scheduler, mut events) = Session::start(
        config("ordered"),
        StaticDetector::new(endpoint(&cluster.master_url())),
    )
    .expect("start");
    subscribed_id(&mut events).await;

    // KILL of an unknown task is answered by the master with an UPDATE for that task, in the
    // order the calls were processed. Four callers each pipeline 25 kills.
    const CALLERS: usize = 4;
    const EACH: usize = 25;
    let mut joins = Vec::new();
    for c in 0..CALLERS {
        let scheduler = scheduler.clone();
        joins.push(tokio::spawn(async move {
            let kills = (0..EACH).map(|i| {
                scheduler.kill(
                    TaskId {
                        value: format!("t{c}-{i:02}"),
                    },
                    None,
                    None,
                )
            });
            futures_util::future::join_all(kills).await
        }));
    }
    for join in joins {
        for result in join.await.expect("caller task") {
            result.expect("KILL answered 202");
        }
    }
    let mut seen: Vec<Vec<String>> = vec![Vec::new(); CALLERS];
    let mut total = 0;
    while total < CALLERS * EACH {
        let status = next_matching(&mut events, "a kill answer", |e| {
            master_event(e, event::Type::Update)
                .and_then(|ev| ev.update)
                .map(|u| u.status)
        })
        .await;
        assert!(
            status.uuid.is_none(),
            "master-generated answers carry no uuid"
        );
        let id = status.task_id.value;
        let caller: usize = id[1..2].parse().expect("task id format");
        seen[caller].push(id);
        total += 1;
    }
    for (c, ids) in seen.iter().enumerate() {
        let expected: Vec<String> = (0..EACH).map(|i| format!("t{c}-{i:02}")).collect();
        assert_eq!(ids, &expected, "caller {c}'s calls were reordered");
    }
}

#[tokio::test(start_paused = true)]
async fn the_heartbeat_watchdog_fires_when_the_master_goes_silent() {
    let cluster = Cluster::builder()
        .heartbeat_interval(Duration::from_secs(2))
        .start()
        .await
        .expect("cluster starts");
    let (_scheduler, mut events) = Session::start(
        config("silent").with_heartbeat_misses(3),
        StaticDetector::new(endpoint(&cluster.master_url())),
    )
    .expect("start");
    let interval = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed {
            heartbeat_interval, ..
        } => Some(*heartbeat_interval),
        _ => None,
    })
    .await;
    assert_eq!(
        interval,
        Duration::from_secs(2),
        "the announced interval is used"
    );

    // Heartbeats keep the subscription alive well past the watchdog's 6 s.
    let quiet_start = tokio::time::Instant::now();
    let mut heartbeats = 0;
    while heartbeats < 5 {
        next_matching(&mut events, "HEARTBEAT", |e| {
            master_event(e, event::Type::Heartbeat)
        })
        .await;
        heartbeats += 1;
    }
    assert!(quiet_start.elapsed() >= Duration::from_secs(8));

    cluster.set_heartbeats_stopped(true);
    let stopped_at = tokio::time::Instant::now();
    let reason = next_matching(&mut events, "the watchdog", |e| match e {
        SessionEvent::Disconnected { reason } => Some(reason.clone()),
        SessionEvent::Event(ev) if ev.r#type() == event::Type::Heartbeat => {
            panic!("a heartbeat after they were stopped")
        }
        _ => None,
    })
    .await;
    assert!(reason.contains("no event"), "{reason}");
    let silent = stopped_at.elapsed();
    assert!(
        silent >= Duration::from_secs(4) && silent <= Duration::from_secs(8),
        "fired after {silent:?}, expected about 3 x 2 s after the last heartbeat"
    );

    cluster.set_heartbeats_stopped(false);
    let (_, resubscribed) = subscribed_id(&mut events).await;
    assert!(resubscribed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absurd_heartbeat_interval_neither_panics_nor_disables_the_watchdog() {
    // The longest interval a Duration holds, announced as ~1.8e19 s: more than
    // `Duration::from_secs_f64` accepts.
    let cluster = Cluster::builder()
        .heartbeat_interval(Duration::MAX)
        .start()
        .await
        .expect("cluster starts");
    let (_scheduler, mut events) = Session::start(
        config("absurd-heartbeat"),
        StaticDetector::new(endpoint(&cluster.master_url())),
    )
    .expect("start");
    let interval = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed {
            heartbeat_interval, ..
        } => Some(*heartbeat_interval),
        _ => None,
    })
    .await;
    assert_eq!(interval, mesos_sdk::scheduler::MAX_HEARTBEAT_INTERVAL);
    // The session goes on: the offers of the cluster arrive.
    next_offers(&mut events).await;
}

/// A master that accepts connections and then says nothing, or says it will send an error
/// body and never does. Returns its endpoint and a counter of connections it took.
async fn silent_master(answer: &'static [u8]) -> (Endpoint, Arc<std::sync::atomic::AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut stream, _)) = listener.accept().await {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buf = vec![0u8; 64 * 1024];
            let _ = stream.read(&mut buf).await;
            let _ = stream.write_all(answer).await;
            held.push(stream);
        }
    });
    (endpoint(&format!("127.0.0.1:{}", addr.port())), connections)
}

/// While a SUBSCRIBE hangs on a master that does not answer, the detector names another
/// leader: the session gives the hanging one up at once and subscribes to the new leader,
/// well within the call timeout (60 s here) it would otherwise wait out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_leader_ends_a_subscribe_in_flight_at_once() {
    let (hanging, connections) = silent_master(b"").await;
    let cluster = Cluster::builder().start().await.expect("cluster starts");
    let detector = Arc::new(StaticDetector::new(hanging));
    let (_scheduler, mut events) = Session::start(
        config("moves-on").with_call_timeout(Duration::from_secs(60)),
        detector.clone(),
    )
    .expect("start");
    let start = tokio::time::Instant::now();
    while connections.load(std::sync::atomic::Ordering::SeqCst) == 0 {
        assert!(
            start.elapsed() < DEADLINE,
            "no SUBSCRIBE reached the silent master"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let moved = tokio::time::Instant::now();
    detector.set(Some(endpoint(&cluster.master_url())));
    subscribed_id(&mut events).await;
    assert!(
        moved.elapsed() < Duration::from_secs(10),
        "moved to the new leader after {:?}",
        moved.elapsed()
    );
}

/// A master that answers 500 with a body it never sends: the SUBSCRIBE as a whole is bounded
/// (connect timeout plus twice the call timeout) and fails as a retryable timeout.
#[tokio::test]
async fn a_subscribe_is_bounded_as_a_whole() {
    let (stalling, _) =
        silent_master(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1000\r\n\r\npartial")
            .await;
    let config = config("bounded")
        .with_connect_timeout(Duration::from_millis(300))
        .with_call_timeout(Duration::from_millis(300));
    let deadline = Connection::subscribe_deadline(&config);
    assert_eq!(deadline, Duration::from_millis(900));
    let started = tokio::time::Instant::now();
    let error = tokio::time::timeout(DEADLINE, Connection::subscribe(&stalling, &config))
        .await
        .expect("the SUBSCRIBE ends")
        .expect_err("an error");
    assert!(
        matches!(error, Error::Timeout { call: "SUBSCRIBE", after, .. } if after == deadline),
        "{error}"
    );
    assert!(error.is_retryable());
    assert!(started.elapsed() < Duration::from_secs(5));
}
