//! The scheduler session against mesos-sim over loopback HTTP: the task lifecycle in both
//! encodings, redirects, 503s, leader changes, dropped streams, the heartbeat watchdog, ERROR
//! events, failover within the failover timeout, fast failure while disconnected, call order.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::scheduler::{Connection, SchedulerConfig, Session, SessionEvent};
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{Filters, TaskId, TaskState, offer};
use mesos_sdk::{Encoding, Endpoint, Error};
use mesos_sim::Cluster;

fn endpoint(url: &str) -> Endpoint {
    url.parse().expect("the simulator's URL parses")
}

async fn lifecycle(encoding: Encoding) {
    let cluster = Cluster::builder()
        .agents(1)
        .start()
        .await
        .expect("cluster starts");
    let config = config("lifecycle").with_encoding(encoding);
    let (scheduler, mut events) =
        Session::start(config, StaticDetector::new(endpoint(&cluster.master_url())))
            .expect("start");

    let framework_id = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed {
            framework_id,
            resubscribed,
            ..
        } => {
            assert!(!resubscribed, "a new framework is not a re-subscription");
            Some(framework_id.clone())
        }
        _ => None,
    })
    .await;
    assert_eq!(cluster.framework_ids(), vec![framework_id.value.clone()]);

    let offers = next_offers(&mut events).await;
    let offer = offers.first().expect("one agent, one offer");
    let task = shell_task("hello", &offer.agent_id, "echo hello");
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![offer::Operation {
                r#type: Some(offer::operation::Type::Launch as i32),
                launch: Some(offer::operation::Launch {
                    task_infos: vec![task],
                }),
                ..Default::default()
            }],
            Some(Filters {
                refuse_seconds: Some(3600.0),
            }),
        )
        .await
        .expect("ACCEPT is answered 202");

    let updates = wait_for_state(&mut events, "hello", TaskState::TaskFinished).await;
    assert!(
        updates.iter().any(|s| s.state() == TaskState::TaskRunning),
        "RUNNING came before FINISHED: {:?}",
        updates.iter().map(|s| s.state()).collect::<Vec<_>>()
    );
    assert!(
        updates
            .iter()
            .all(|s| s.uuid.as_ref().is_some_and(|u| u.len() == 16))
    );
    // Automatic acknowledgement: the agent stops retrying once every update is acknowledged.
    eventually("every update acknowledged", || {
        cluster.unacknowledged_updates(&framework_id.value, "hello") == 0
    })
    .await;

    scheduler
        .teardown()
        .await
        .expect("TEARDOWN is answered 202");
    eventually("the framework removed", || {
        cluster.framework_ids().is_empty()
    })
    .await;
    assert!(matches!(scheduler.revive(vec![]).await, Err(Error::Closed)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribe_launch_acknowledge_teardown_protobuf() {
    lifecycle(Encoding::Protobuf).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribe_launch_acknowledge_teardown_json() {
    lifecycle(Encoding::Json).await;
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
async fn a_restarted_scheduler_keeps_its_tasks_within_the_failover_timeout() {
    let cluster = Cluster::builder().start().await.expect("cluster starts");
    let master = endpoint(&cluster.master_url());
    let (scheduler, mut events) =
        Session::start(config("restarted"), StaticDetector::new(master.clone())).expect("start");
    let (id, _) = subscribed_id(&mut events).await;
    let offers = next_offers(&mut events).await;
    let offer = &offers[0];
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![offer::Operation {
                r#type: Some(offer::operation::Type::Launch as i32),
                launch: Some(offer::operation::Launch {
                    task_infos: vec![shell_task("long", &offer.agent_id, "sleep 600")],
                }),
                ..Default::default()
            }],
            None,
        )
        .await
        .expect("ACCEPT");
    wait_for_state(&mut events, "long", TaskState::TaskRunning).await;

    // The scheduler process "restarts": its session is gone, the framework is disconnected.
    scheduler.close();
    drop(events);
    eventually("the framework disconnected", || !cluster.is_connected(&id)).await;

    let mut info = framework("restarted");
    info.id = Some(mesos_sdk::v1::FrameworkId { value: id.clone() });
    let (scheduler, mut events) =
        Session::start(config_for(info), StaticDetector::new(master)).expect("restart");
    let (again, resubscribed) = subscribed_id(&mut events).await;
    assert_eq!(again, id);
    assert!(resubscribed);

    let reconciled = tokio::spawn({
        let scheduler = scheduler.clone();
        async move {
            scheduler
                .reconcile_until_answered(
                    vec![(
                        TaskId {
                            value: "long".into(),
                        },
                        None,
                    )],
                    Duration::from_millis(200),
                    Duration::from_secs(2),
                )
                .await
        }
    });
    let status = next_update(&mut events, "long").await;
    assert_eq!(status.state(), TaskState::TaskRunning, "the task survived");
    tokio::time::timeout(DEADLINE, reconciled)
        .await
        .expect("reconciliation completes")
        .expect("no panic")
        .expect("every task answered");
    assert_eq!(
        cluster.task_state(&id, "long"),
        Some(TaskState::TaskRunning)
    );
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
