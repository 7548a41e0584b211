//! End to end through ZooKeeper: two mesos-sim masters elect a leader in a real ZooKeeper, a
//! scheduler session follows `zk://...`; when the leader's session ends, the session moves to
//! the new leader with the same framework id and its task survives.

mod common;

use std::time::Duration;

use common::zk::ZkServer;
use common::*;
use mesos_sdk::Endpoint;
use mesos_sdk::detector::{MasterDetector, ZooKeeperDetector};
use mesos_sdk::scheduler::{Session, SessionEvent};
use mesos_sdk::v1::{TaskId, TaskState, offer};
use mesos_sim::Cluster;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_follows_a_zookeeper_leader_change_and_keeps_its_tasks() {
    let zk = ZkServer::start().await;
    let cluster = Cluster::builder()
        .standby_masters(1)
        .zookeeper(zk.url("/mesos"))
        .start()
        .await
        .expect("cluster with ZooKeeper election");
    let detector = ZooKeeperDetector::with_session_timeout(
        zk.url("/mesos").parse().expect("url"),
        Duration::from_secs(4),
    );
    let first_leader: Endpoint = cluster.master_url().parse().expect("url");
    let mut leader = detector.leader();
    tokio::time::timeout(
        DEADLINE,
        leader.wait_for(|l| l.as_ref() == Some(&first_leader)),
    )
    .await
    .expect("the detector finds the elected leader")
    .expect("detector running");

    let (scheduler, mut events) = Session::start(config("zk-follower"), detector).expect("start");
    let (framework_id, subscribed_to) = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed {
            framework_id,
            master,
            ..
        } => Some((framework_id.value.clone(), master.clone())),
        _ => None,
    })
    .await;
    assert_eq!(subscribed_to, first_leader);

    let offers = next_offers(&mut events).await;
    let task = shell_task("survivor", &offers[0].agent_id, "sleep 600");
    scheduler
        .accept(
            vec![offers[0].id.clone()],
            vec![offer::Operation {
                r#type: Some(offer::operation::Type::Launch as i32),
                launch: Some(offer::operation::Launch {
                    task_infos: vec![task],
                }),
                ..Default::default()
            }],
            None,
        )
        .await
        .expect("ACCEPT");
    wait_for_state(&mut events, "survivor", TaskState::TaskRunning).await;

    // The leader's ZooKeeper session ends: the standby is elected.
    cluster.resign_leadership().await.expect("resign");
    let new_leader = next_matching(&mut events, "LeaderChanged", |e| match e {
        SessionEvent::LeaderChanged { leader: Some(l) } => Some(l.clone()),
        _ => None,
    })
    .await;
    assert_ne!(new_leader, first_leader);
    // The subscription that reaches the new leader. One made in between may end at the old
    // one: the new leader answers 307 to the leader it knows until it has seen its own
    // election in ZooKeeper (as a Mesos master does), and the session follows that redirect;
    // the old leader's streams end once the change reaches it, and the session goes on to
    // the leader its detector reports.
    let (again, resubscribed) =
        next_matching(&mut events, "SUBSCRIBED to the new leader", |e| match e {
            SessionEvent::Subscribed {
                framework_id,
                master,
                resubscribed,
                ..
            } if *master == new_leader => Some((framework_id.value.clone(), *resubscribed)),
            _ => None,
        })
        .await;
    assert_eq!(
        again, framework_id,
        "re-subscribed with the same framework id"
    );
    assert!(resubscribed);
    assert_eq!(
        cluster.master_url().parse::<Endpoint>().ok(),
        Some(new_leader)
    );

    // The task survived the failover.
    scheduler
        .reconcile(vec![(
            TaskId {
                value: "survivor".into(),
            },
            None,
        )])
        .await
        .expect("RECONCILE on the new leader");
    let status = next_update(&mut events, "survivor").await;
    assert_eq!(status.state(), TaskState::TaskRunning);
    assert_eq!(
        cluster.task_state(&framework_id, "survivor"),
        Some(TaskState::TaskRunning)
    );
}
