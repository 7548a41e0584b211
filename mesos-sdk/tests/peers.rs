//! The scheduler session's scenarios, each written once and run against both peers
//! (`NAME::sim` on mesos-sim, `NAME::real` on the real Mesos 1.11.0, see
//! `mesos_test_peers::on_both_peers`): the task lifecycle in protobuf and JSON with
//! acknowledgements and teardown; explicit and implicit reconciliation and KILL; DECLINE with
//! a refusal filter, SUPPRESS and REVIVE; a scheduler restarted within its failover timeout
//! keeping its tasks.
//!
//! What the master knows is read from `/master/state`, which both peers serve, so every
//! assertion holds for both. Faults only the simulator can inject (dropped streams, silent
//! masters, standby answers) stay in `scheduler_session.rs`.

mod common;

use std::time::Duration;

use common::*;
use futures_util::StreamExt;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::offers::{launch, refuse_for};
use mesos_sdk::scheduler::{Session, SessionEvent, SessionEvents};
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{FrameworkId, OfferId, TaskId, TaskState, task_status};
use mesos_sdk::{Encoding, Endpoint};
use mesos_test_peers::{Peer, PeerKind, on_both_peers};

on_both_peers! {
    lifecycle_protobuf => |kind| lifecycle(kind, Encoding::Protobuf);
    lifecycle_json => |kind| lifecycle(kind, Encoding::Json);
    reconcile_and_kill => reconcile_and_kill;
    decline_suppress_and_revive => decline_suppress_and_revive;
    restart_within_the_failover_timeout => restart_within_the_failover_timeout;
    acknowledgements_pipelined_on_one_connection => acknowledgements_pipelined;
}

fn endpoint(peer: &Peer) -> Endpoint {
    peer.master_url().parse().expect("the master's URL parses")
}

/// A session on `peer`, once SUBSCRIBED.
async fn subscribe(
    peer: &Peer,
    config: mesos_sdk::scheduler::SchedulerConfig,
) -> (mesos_sdk::scheduler::SchedulerHandle, SessionEvents, String) {
    let (scheduler, mut events) =
        Session::start(config, StaticDetector::new(endpoint(peer))).expect("start");
    let id = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed { framework_id, .. } => Some(framework_id.value.clone()),
        _ => None,
    })
    .await;
    (scheduler, events, id)
}

/// Polls the master's `/master/state` until `check` holds, failing after [`DEADLINE`].
async fn state_until(peer: &Peer, what: &str, check: impl Fn(&serde_json::Value) -> bool) {
    let start = tokio::time::Instant::now();
    loop {
        let state = peer.state().await;
        if check(&state) {
            return;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{what} did not happen within {DEADLINE:?}; state: {state}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn framework_listed(state: &serde_json::Value, list: &str, id: &str) -> bool {
    state[list]
        .as_array()
        .is_some_and(|l| l.iter().any(|f| f["id"] == id))
}

async fn completed(peer: &Peer, framework: &str, task: &str) {
    let start = tokio::time::Instant::now();
    while !peer
        .completed_task_ids(framework)
        .await
        .iter()
        .any(|t| t == task)
    {
        assert!(
            start.elapsed() < DEADLINE,
            "{task}'s terminal update was never acknowledged (it is not among completed_tasks)"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The offers of the next OFFERS event, if one arrives within `within` (other events are
/// skipped).
async fn offers_within(events: &mut SessionEvents, within: Duration) -> Option<Vec<OfferId>> {
    let wait = async {
        loop {
            match events.next().await {
                Some(Ok(SessionEvent::Event(ev))) if ev.r#type() == event::Type::Offers => {
                    let offers = ev.into_event().offers.map(|o| o.offers).unwrap_or_default();
                    return Some(offers.into_iter().map(|o| o.id).collect());
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return None,
            }
        }
    };
    tokio::time::timeout(within, wait).await.ok().flatten()
}

/// Subscribe, take an offer, launch a shell task, see it run and finish with uuids on every
/// update, acknowledge automatically (the master completes the task only once its terminal
/// update is acknowledged), tear the framework down.
async fn lifecycle(kind: PeerKind, encoding: Encoding) {
    let peer = Peer::start(kind, 1).await;
    let (scheduler, mut events, framework_id) =
        subscribe(&peer, config("lifecycle").with_encoding(encoding)).await;
    assert_eq!(peer.framework_ids().await, vec![framework_id.clone()]);

    let offers = next_offers(&mut events).await;
    let offer = offers.first().expect("one agent, one offer");
    let task = shell_task("hello", &offer.agent_id, "echo hello");
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch(vec![task])],
            Some(refuse_for(3600.0)),
        )
        .await
        .expect("ACCEPT is answered 202");

    let updates = wait_for_state(&mut events, "hello", TaskState::TaskFinished).await;
    let states: Vec<TaskState> = updates.iter().map(|s| s.state()).collect();
    assert!(
        states.contains(&TaskState::TaskRunning),
        "RUNNING came before FINISHED: {states:?}"
    );
    for status in &updates {
        assert_eq!(
            status.uuid.as_ref().map(|u| u.len()),
            Some(16),
            "{status:?}"
        );
        assert_eq!(status.agent_id.as_ref(), Some(&offer.agent_id));
        assert_eq!(status.source(), task_status::Source::Executor);
    }
    completed(&peer, &framework_id, "hello").await;

    scheduler
        .teardown()
        .await
        .expect("TEARDOWN is answered 202");
    state_until(&peer, "the framework's removal", |state| {
        !framework_listed(state, "frameworks", &framework_id)
            && framework_listed(state, "completed_frameworks", &framework_id)
    })
    .await;
    assert!(matches!(
        scheduler.revive(vec![]).await,
        Err(mesos_sdk::Error::Closed)
    ));
}

/// Acknowledgements go pipelined, many at once on one connection, and each is answered as
/// the peer answers one alone: 300 sent together, of updates of tasks the master does not
/// know (both masters accept those, 202, and ignore them), are all answered; then the
/// updates of real tasks, acknowledged automatically on that one connection, reach their
/// agent (each task leaves the master's list only once its last update is acknowledged).
async fn acknowledgements_pipelined(kind: PeerKind) {
    const GHOSTS: usize = 300;
    let peer = Peer::start(kind, 1).await;
    let (scheduler, mut events, framework_id) = subscribe(
        &peer,
        config("pipelined").with_acknowledgement_connections(1),
    )
    .await;
    let offers = next_offers(&mut events).await;
    let offer = offers.first().expect("one agent, one offer");
    let acks = (0..GHOSTS).map(|i| {
        let status = mesos_sdk::v1::TaskStatus {
            task_id: TaskId {
                value: format!("ghost-{i}"),
            },
            agent_id: Some(offer.agent_id.clone()),
            state: TaskState::TaskRunning as i32,
            uuid: Some(uuid::Uuid::new_v4().as_bytes().to_vec().into()),
            ..Default::default()
        };
        let scheduler = scheduler.clone();
        async move { scheduler.acknowledge(&status).await }
    });
    let answers = tokio::time::timeout(DEADLINE, futures_util::future::join_all(acks))
        .await
        .expect("every acknowledgement answered in time");
    for (i, answer) in answers.into_iter().enumerate() {
        assert!(
            matches!(answer, Ok(true)),
            "acknowledgement {i}: {answer:?}"
        );
    }

    let tasks: Vec<_> = (0..3)
        .map(|i| shell_task(&format!("echo-{i}"), &offer.agent_id, "echo hello"))
        .collect();
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch(tasks)],
            Some(refuse_for(3600.0)),
        )
        .await
        .expect("ACCEPT is answered 202");
    // Taking the updates acknowledges them.
    let mut finished = std::collections::BTreeSet::new();
    while finished.len() < 3 {
        let status = next_matching(&mut events, "the tasks' updates", |e| {
            master_event(e, event::Type::Update).and_then(|e| e.update.map(|u| u.status))
        })
        .await;
        if status.state() == TaskState::TaskFinished {
            finished.insert(status.task_id.value);
        }
    }
    for i in 0..3 {
        completed(&peer, &framework_id, &format!("echo-{i}")).await;
    }
    scheduler.close();
}

/// A long task: explicit reconciliation answers its state with `REASON_RECONCILIATION` and
/// no uuid, implicit reconciliation answers for every task, KILL ends it as TASK_KILLED.
async fn reconcile_and_kill(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let (scheduler, mut events, framework_id) = subscribe(&peer, config("reconcile")).await;
    let offers = next_offers(&mut events).await;
    let offer = &offers[0];
    let agent = offer.agent_id.clone();
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch(vec![shell_task("long", &agent, "sleep 600")])],
            None,
        )
        .await
        .expect("ACCEPT");
    wait_for_state(&mut events, "long", TaskState::TaskRunning).await;

    let long = TaskId {
        value: "long".into(),
    };
    for explicit in [true, false] {
        let tasks = if explicit {
            vec![(long.clone(), Some(agent.clone()))]
        } else {
            vec![]
        };
        scheduler.reconcile(tasks).await.expect("RECONCILE");
        let status = next_update(&mut events, "long").await;
        assert_eq!(status.state(), TaskState::TaskRunning, "{status:?}");
        assert_eq!(
            status.reason(),
            task_status::Reason::Reconciliation,
            "{status:?}"
        );
        assert_eq!(status.source(), task_status::Source::Master);
        assert!(
            status.uuid.is_none(),
            "reconciliation answers carry no uuid"
        );
    }

    // A task the master has never heard of, on a known agent: TASK_GONE for a
    // partition-aware framework, TASK_LOST otherwise (ours is not).
    scheduler
        .reconcile(vec![(
            TaskId {
                value: "never-launched".into(),
            },
            Some(agent.clone()),
        )])
        .await
        .expect("RECONCILE");
    let unknown = next_update(&mut events, "never-launched").await;
    assert_eq!(unknown.state(), TaskState::TaskLost, "{unknown:?}");
    assert_eq!(unknown.reason(), task_status::Reason::Reconciliation);

    scheduler
        .kill(long.clone(), Some(agent), None)
        .await
        .expect("KILL");
    let updates = wait_for_state(&mut events, "long", TaskState::TaskKilled).await;
    assert!(
        updates
            .iter()
            .all(|s| matches!(s.state(), TaskState::TaskKilling | TaskState::TaskKilled)),
        "{:?}",
        updates.iter().map(|s| s.state()).collect::<Vec<_>>()
    );
    completed(&peer, &framework_id, "long").await;
}

/// Declined resources come back only after their filter, or a REVIVE; SUPPRESS stops offers
/// until REVIVE.
async fn decline_suppress_and_revive(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let (scheduler, mut events, _) = subscribe(&peer, config("filters")).await;
    let offers = next_offers(&mut events).await;
    let ids = offers.iter().map(|o| o.id.clone()).collect();
    scheduler
        .decline(ids, Some(refuse_for(3600.0)))
        .await
        .expect("DECLINE");
    // Three allocation intervals (1 s each on both peers) pass without an offer.
    assert!(
        offers_within(&mut events, Duration::from_secs(3))
            .await
            .is_none(),
        "declined for an hour, yet offered again"
    );
    scheduler.revive(vec![]).await.expect("REVIVE");
    let outstanding = offers_within(&mut events, DEADLINE)
        .await
        .expect("REVIVE clears the refusal filter");

    // Declined without a filter after SUPPRESS, the resources stay away: only suppression
    // keeps them from coming back at the next allocation.
    scheduler.suppress(vec![]).await.expect("SUPPRESS");
    scheduler
        .decline(outstanding, Some(refuse_for(0.0)))
        .await
        .expect("DECLINE");
    assert!(
        offers_within(&mut events, Duration::from_secs(3))
            .await
            .is_none(),
        "suppressed, yet offered"
    );
    scheduler.revive(vec![]).await.expect("REVIVE");
    assert!(
        offers_within(&mut events, DEADLINE).await.is_some(),
        "REVIVE lifts the suppression"
    );
}

/// The scheduler goes away without TEARDOWN and comes back with its framework id within the
/// failover timeout: same framework, its task still running, as reconciliation confirms.
async fn restart_within_the_failover_timeout(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let (scheduler, mut events, id) = subscribe(&peer, config("restarted")).await;
    let offers = next_offers(&mut events).await;
    let offer = &offers[0];
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch(vec![shell_task(
                "long",
                &offer.agent_id,
                "sleep 600",
            )])],
            None,
        )
        .await
        .expect("ACCEPT");
    wait_for_state(&mut events, "long", TaskState::TaskRunning).await;

    // The scheduler process "restarts": its session is gone, the framework is disconnected
    // but kept for its failover timeout.
    scheduler.close();
    drop(events);
    state_until(&peer, "the framework's disconnection", |state| {
        state["frameworks"]
            .as_array()
            .and_then(|l| l.iter().find(|f| f["id"] == id.as_str()))
            .is_some_and(|f| f["connected"] == false)
    })
    .await;

    let mut info = framework("restarted");
    info.id = Some(FrameworkId { value: id.clone() });
    let (scheduler, mut events) =
        Session::start(config_for(info), StaticDetector::new(endpoint(&peer))).expect("restart");
    let (again, resubscribed) = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed {
            framework_id,
            resubscribed,
            ..
        } => Some((framework_id.value.clone(), *resubscribed)),
        _ => None,
    })
    .await;
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
        peer.task_state(&id, "long").await.as_deref(),
        Some("TASK_RUNNING")
    );
    assert_eq!(peer.framework_ids().await, vec![id]);
}
