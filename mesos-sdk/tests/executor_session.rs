//! The executor session against a mesos-sim agent, with this test playing the executor: the
//! agent starts a stand-in process for a custom executor, and the test subscribes in its
//! place with the same ids (the agent knows executors by id, not by process). Checks what the
//! SDK does with an update the agent refuses as malformed: it is not kept for replay; and that
//! the agent's HEARTBEAT events reach the executor; and that after SHUTDOWN the session ends
//! with a typed error once the shutdown grace period has passed.

use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::Error;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::executor::{
    Executor, ExecutorConfig, ExecutorEvent, ExecutorEvents, ExecutorHandle,
};
use mesos_sdk::offers::{ResourceRequest, find_fit, launch};
use mesos_sdk::scheduler::{
    SchedulerConfig, SchedulerHandle, Session, SessionEvent, SessionEvents,
};
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{
    CommandInfo, ExecutorId, ExecutorInfo, FrameworkInfo, TaskId, TaskInfo, TaskState, TaskStatus,
    executor, executor_info, task_status,
};
use mesos_sim::Cluster;

const DEADLINE: Duration = Duration::from_secs(30);

/// A cluster, a scheduler session, and a task launched on a stand-in custom executor that the
/// test subscribes for (`extra` adds executor environment variables).
struct StandIn {
    _cluster: Cluster,
    scheduler: SchedulerHandle,
    events: SessionEvents,
    agent_id: mesos_sdk::v1::AgentId,
    handle: ExecutorHandle,
    executor_events: ExecutorEvents,
    task_id: TaskId,
}

async fn stand_in(extra: &[(&str, &str)]) -> StandIn {
    let cluster = Cluster::builder()
        .executor_heartbeat_interval(Duration::from_millis(100))
        .start()
        .await
        .expect("cluster");
    let framework = FrameworkInfo {
        user: "nobody".into(),
        name: "executor-session".into(),
        ..Default::default()
    };
    let master = cluster.master_url().parse().expect("url");
    let (scheduler, mut events) =
        Session::start(SchedulerConfig::new(framework), StaticDetector::new(master))
            .expect("session");
    let (framework_id, offer) = tokio::time::timeout(DEADLINE, async {
        let mut framework_id = None;
        loop {
            match events
                .next()
                .await
                .expect("session open")
                .expect("no error")
            {
                SessionEvent::Subscribed {
                    framework_id: id, ..
                } => framework_id = Some(id),
                SessionEvent::Event(e) if e.r#type() == event::Type::Offers => {
                    let offer = e
                        .into_event()
                        .offers
                        .and_then(|o| o.offers.into_iter().next());
                    if let (Some(id), Some(offer)) = (framework_id.clone(), offer) {
                        return (id, offer);
                    }
                }
                _ => {}
            }
        }
    })
    .await
    .expect("an offer in time");

    // A custom executor whose process only holds the place; the test subscribes for it.
    let resources = find_fit(&offer, &ResourceRequest::new().cpus(0.2).mem(64.0)).expect("fits");
    let executor_info = ExecutorInfo {
        r#type: Some(executor_info::Type::Custom as i32),
        executor_id: ExecutorId {
            value: "stand-in".into(),
        },
        command: Some(CommandInfo {
            value: Some("sleep 600".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let task = TaskInfo {
        name: "t".into(),
        task_id: TaskId { value: "t".into() },
        agent_id: offer.agent_id.clone(),
        resources: resources.into_vec(),
        executor: Some(executor_info),
        ..Default::default()
    };
    scheduler
        .accept(vec![offer.id.clone()], vec![launch(vec![task])], None)
        .await
        .expect("ACCEPT");
    let state = cluster.state();
    let pid = state["slaves"][0]["pid"].as_str().expect("agent pid");
    let endpoint = pid.rsplit('@').next().expect("host:port").to_string();
    let mut vars = vec![
        ("MESOS_FRAMEWORK_ID", framework_id.value.clone()),
        ("MESOS_EXECUTOR_ID", "stand-in".to_string()),
        ("MESOS_AGENT_ENDPOINT", endpoint),
        ("MESOS_CHECKPOINT", "0".to_string()),
    ];
    vars.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let config = ExecutorConfig::from_vars(vars).expect("environment");
    let (handle, mut executor_events) = Executor::start(config).expect("executor");
    let launched = tokio::time::timeout(DEADLINE, async {
        loop {
            match executor_events
                .next()
                .await
                .expect("open")
                .expect("no error")
            {
                ExecutorEvent::Event(e) if e.r#type() == executor::event::Type::Launch => {
                    return e.launch.expect("payload").task.task_id;
                }
                _ => {}
            }
        }
    })
    .await
    .expect("LAUNCH in time");
    assert_eq!(launched.value, "t");
    StandIn {
        _cluster: cluster,
        scheduler,
        events,
        agent_id: offer.agent_id,
        handle,
        executor_events,
        task_id: launched,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_the_agent_refuses_as_malformed_is_not_kept_for_replay() {
    // (Every field is bound: one left to `..` would be dropped here, the cluster with it.)
    let StandIn {
        _cluster,
        scheduler: _scheduler,
        handle,
        mut events,
        mut executor_events,
        task_id: launched,
        agent_id: _,
    } = stand_in(&[]).await;

    // A state this schema does not declare: the agent cannot parse the call and answers 400.
    let refused = handle
        .update(TaskStatus {
            task_id: launched.clone(),
            state: 99,
            ..Default::default()
        })
        .await;
    match refused {
        Err(Error::Status { status: 400, .. }) => {}
        other => panic!("expected a 400, got {other:?}"),
    }
    assert!(
        handle.unacknowledged_updates().is_empty(),
        "a refused update is not kept for replay"
    );

    // A good update is kept until the agent acknowledges it, and reaches the scheduler.
    handle
        .update_state(launched.clone(), TaskState::TaskRunning, None)
        .await
        .expect("UPDATE");
    let status = tokio::time::timeout(DEADLINE, async {
        loop {
            if let SessionEvent::Event(e) = events.next().await.expect("open").expect("no error")
                && let Some(update) = e.into_event().update
            {
                return update.status;
            }
        }
    })
    .await
    .expect("the update in time");
    assert_eq!(status.state(), TaskState::TaskRunning);
    assert_eq!(status.source(), task_status::Source::Executor);

    // The agent's HEARTBEAT events reach the executor's event stream.
    tokio::time::timeout(DEADLINE, async {
        loop {
            if let ExecutorEvent::Event(e) =
                executor_events.next().await.expect("open").expect("ok")
                && e.r#type() == executor::event::Type::Heartbeat
            {
                return;
            }
        }
    })
    .await
    .expect("a HEARTBEAT in time");
    let start = tokio::time::Instant::now();
    while !handle.unacknowledged_updates().is_empty() {
        assert!(start.elapsed() < DEADLINE, "ACKNOWLEDGED never came");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_shutdown_the_session_ends_once_the_grace_period_has_passed() {
    let StandIn {
        _cluster,
        scheduler,
        agent_id,
        mut executor_events,
        handle: _handle,
        events: _events,
        task_id: _,
    } = stand_in(&[("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "300ms")]).await;
    scheduler
        .shutdown(
            ExecutorId {
                value: "stand-in".into(),
            },
            agent_id,
        )
        .await
        .expect("SHUTDOWN");
    let shutdown_at = tokio::time::timeout(DEADLINE, async {
        loop {
            if let ExecutorEvent::Event(e) =
                executor_events.next().await.expect("open").expect("ok")
                && e.r#type() == executor::event::Type::Shutdown
            {
                return tokio::time::Instant::now();
            }
        }
    })
    .await
    .expect("SHUTDOWN in time");
    // The executor keeps its stream for the grace period, then the session ends with a typed
    // error (the agent is about to kill it) and the stream closes.
    let ended = tokio::time::timeout(DEADLINE, async {
        loop {
            match executor_events.next().await {
                Some(Ok(_)) => continue,
                other => return other,
            }
        }
    })
    .await
    .expect("the session ends in time");
    match ended {
        Some(Err(Error::ShutdownGracePeriodExpired { grace })) => {
            assert_eq!(grace, Duration::from_millis(300));
        }
        other => panic!("expected ShutdownGracePeriodExpired, got {other:?}"),
    }
    assert!(shutdown_at.elapsed() >= Duration::from_millis(300));
    assert!(executor_events.next().await.is_none(), "the stream ends");
}
