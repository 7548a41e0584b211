//! Leader election with real Mesos 1.11.0 masters: three `mesos-master`s contend through a
//! real ZooKeeper and share a replicated log, an agent follows the leader, and a scheduler
//! session finds the leader through the SDK's ZooKeeper detector (reading the masters' own
//! `json.info_` nodes). The leader is SIGKILLed: once its ZooKeeper session expires another
//! master is elected, and the session re-subscribes to it with the same framework id and its
//! task still running.
//!
//! Only against the real Mesos: mesos-sim's election is covered by `zookeeper_failover.rs`.
//! The time from the kill to SUBSCRIBED is measured by the `real_failover` benchmark, not
//! asserted here; it is bounded below by the masters' ZooKeeper session timeout.

mod common;

use std::time::Duration;

use common::*;
use mesos_sdk::Endpoint;
use mesos_sdk::detector::ZooKeeperDetector;
use mesos_sdk::offers::launch;
use mesos_sdk::scheduler::{Session, SessionEvent};
use mesos_sdk::v1::{TaskId, TaskState};
use mesos_test_peers::RealMesos;
use mesos_test_peers::zk::ZkServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_follows_a_killed_real_leader_to_the_next_one_and_keeps_its_task() {
    let zk = ZkServer::start().await;
    let mut mesos = RealMesos::builder()
        .masters(3)
        .zookeeper(zk.url("/mesos"))
        .standalone_agents(1)
        .flag("MESOS_ZK_SESSION_TIMEOUT", "4secs")
        .start()
        .await;
    let first = mesos.leader().await.expect("a leader is elected");
    let first_url: Endpoint = mesos.master_url_of(first).parse().expect("url");

    let detector = ZooKeeperDetector::with_session_timeout(
        zk.url("/mesos").parse().expect("url"),
        Duration::from_secs(4),
    );
    let (scheduler, mut events) =
        Session::start(config("real-zk-follower"), detector).expect("start");
    let (framework_id, subscribed_to) = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed {
            framework_id,
            master,
            ..
        } => Some((framework_id.value.clone(), master.clone())),
        _ => None,
    })
    .await;
    assert_eq!(subscribed_to.port(), first_url.port(), "the elected leader");

    let offers = next_offers(&mut events).await;
    let task = shell_task("survivor", &offers[0].agent_id, "sleep 600");
    scheduler
        .accept(vec![offers[0].id.clone()], vec![launch(vec![task])], None)
        .await
        .expect("ACCEPT");
    wait_for_state(&mut events, "survivor", TaskState::TaskRunning).await;

    // Every master's log replica votes first: killed earlier, the leader could leave two
    // masters that are no quorum of voters, and none of them would ever lead.
    mesos.wait_for_log_replicas().await;
    // The leader crashes. Its ZooKeeper session expires after the session timeout, another
    // master is elected, recovers the registry from the replicated log, and the agent and
    // the scheduler move to it.
    // Usually about 5 s (the `real_failover` bench): the masters' ZooKeeper session timeout
    // (4 s here) bounds it below; a loaded machine slows the election and the log's recovery.
    mesos.kill_master(first);
    let (again, master, resubscribed) = next_matching_within(
        &mut events,
        "SUBSCRIBED on the new leader",
        Duration::from_secs(90),
        |e| match e {
            SessionEvent::Subscribed {
                framework_id,
                master,
                resubscribed,
                ..
            } => Some((framework_id.value.clone(), master.clone(), *resubscribed)),
            _ => None,
        },
    )
    .await;
    assert_eq!(again, framework_id, "the framework id is kept");
    assert!(resubscribed);
    assert_ne!(master.port(), first_url.port(), "a new leader");
    let second = mesos.leader().await.expect("a new leader");
    assert_ne!(second, first);
    assert_eq!(
        master.port(),
        mesos
            .master_url_of(second)
            .parse::<Endpoint>()
            .expect("url")
            .port()
    );

    // The task survived the failover: the agent re-registered with it, and explicit
    // reconciliation on the new leader says it runs.
    let reconciled = tokio::spawn({
        let scheduler = scheduler.clone();
        async move {
            scheduler
                .reconcile_until_answered(
                    vec![(
                        TaskId {
                            value: "survivor".into(),
                        },
                        None,
                    )],
                    Duration::from_millis(500),
                    Duration::from_secs(4),
                )
                .await
        }
    });
    let status = loop {
        let status = next_update(&mut events, "survivor").await;
        // Until the agent has re-registered, the new leader does not know the task.
        if status.state() == TaskState::TaskRunning {
            break status;
        }
    };
    assert_eq!(status.state(), TaskState::TaskRunning);
    tokio::time::timeout(DEADLINE, reconciled)
        .await
        .expect("reconciliation completes")
        .expect("no panic")
        .expect("every task answered");
}
