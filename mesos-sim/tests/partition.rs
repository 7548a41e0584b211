//! A lost (unreachable) agent re-registering: its tasks come back for partition-aware and
//! other frameworks alike, announced by a master update with `REASON_AGENT_REREGISTERED`;
//! updates the agent kept during the partition are delivered afterwards.

mod common;

use std::time::Duration;

use common::{Enc, Subscription, ack_call, bare_call, command_task, framework_info, launch_call};
use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{Offer, TaskId, TaskState, TaskStatus, framework_info as fi, task_status};
use mesos_sim::{Cluster, SimError};

fn info(partition_aware: bool) -> mesos_sdk::v1::FrameworkInfo {
    let mut info = framework_info("partitioned");
    if partition_aware {
        info.capabilities = vec![fi::Capability {
            r#type: Some(fi::capability::Type::PartitionAware as i32),
        }];
    }
    info
}

/// Launches `command` on the offer and acknowledges updates until TASK_RUNNING.
/// Unused resources of the offer are refused for an hour.
async fn run(url: &str, s: &mut Subscription, offer: &Offer, task_id: &str, command: &str) {
    let launch = launch_call(
        &s.framework_id,
        &[&offer.id],
        vec![command_task(offer, task_id, command)],
        Some(3600.0),
    );
    assert_eq!(s.call(url, &launch).await.status, 202);
    loop {
        let status = s.next_update().await;
        s.call(url, &ack_call(&s.framework_id, &status)).await;
        if status.state() == TaskState::TaskRunning {
            return;
        }
    }
}

async fn reconcile(url: &str, s: &mut Subscription, offer: &Offer, task_id: &str) -> TaskStatus {
    let mut reconcile = bare_call(&s.framework_id, call::Type::Reconcile);
    reconcile.reconcile = Some(call::Reconcile {
        tasks: vec![call::reconcile::Task {
            task_id: TaskId {
                value: task_id.into(),
            },
            agent_id: Some(offer.agent_id.clone()),
        }],
    });
    assert_eq!(s.call(url, &reconcile).await.status, 202);
    s.next_update().await
}

#[tokio::test(start_paused = true)]
async fn tasks_come_back_running_when_a_lost_agent_reregisters() {
    for partition_aware in [false, true] {
        let cluster = Cluster::builder()
            .synthetic(true)
            .heartbeat_interval(Duration::from_secs(3600))
            .start()
            .await
            .unwrap();
        let url = cluster.master_url();
        let mut s = Subscription::open(&url, Enc::Protobuf, info(partition_aware)).await;
        let offer = s.next_offers().await.remove(0);
        let agent_id = offer.agent_id.value.clone();
        run(&url, &mut s, &offer, "survivor", "sleep 100000").await;
        assert!(matches!(
            cluster.reregister_agent(&agent_id),
            Err(SimError::NotFound { .. })
        ));

        cluster.lose_agent(&agent_id).unwrap();
        let lost = s.next_update().await;
        let expected = if partition_aware {
            TaskState::TaskUnreachable
        } else {
            TaskState::TaskLost
        };
        assert_eq!(lost.state(), expected);
        assert_eq!(cluster.state()["unreachable_slaves"], 1);

        cluster.reregister_agent(&agent_id).unwrap();
        let back = s.next_update().await;
        assert_eq!(back.state(), TaskState::TaskRunning, "{partition_aware}");
        assert_eq!(back.task_id.value, "survivor");
        assert_eq!(back.source(), task_status::Source::Master);
        assert_eq!(back.reason(), task_status::Reason::AgentReregistered);
        assert!(back.uuid.is_none(), "master updates are not acknowledged");
        assert_eq!(
            cluster.task_state(&s.framework_id, "survivor"),
            Some(TaskState::TaskRunning)
        );

        let answer = reconcile(&url, &mut s, &offer, "survivor").await;
        assert_eq!(answer.state(), TaskState::TaskRunning);
        assert_eq!(answer.reason(), task_status::Reason::Reconciliation);

        let state = cluster.state();
        assert_eq!(state["unreachable_slaves"], 0);
        assert_eq!(state["activated_slaves"], 1);
        let framework = &state["frameworks"][0];
        assert_eq!(framework["tasks"][0]["state"], "TASK_RUNNING");
        assert_eq!(framework["unreachable_tasks"].as_array().unwrap().len(), 0);
        assert_eq!(framework["TASK_RUNNING"], 1);
        assert!(framework.get("TASK_LOST").is_none());

        // The agent's unused resources are offered again (once REVIVE clears the refusal);
        // the task's are still in use.
        s.call(&url, &bare_call(&s.framework_id, call::Type::Revive))
            .await;
        let offer = s.next_offers().await.remove(0);
        assert_eq!(offer.agent_id.value, agent_id);
        let cpus = offer.resources.iter().find(|r| r.name == "cpus").unwrap();
        assert!(cpus.scalar.as_ref().unwrap().value < 4.0);
    }
}

#[tokio::test(start_paused = true)]
async fn a_task_that_finished_behind_the_partition_is_reported_on_reregistration() {
    let cluster = Cluster::builder()
        .synthetic(true)
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Json, info(true)).await;
    let offer = s.next_offers().await.remove(0);
    let agent_id = offer.agent_id.value.clone();
    run(&url, &mut s, &offer, "short", "sleep 30").await;
    cluster.lose_agent(&agent_id).unwrap();
    assert_eq!(s.next_update().await.state(), TaskState::TaskUnreachable);
    // The task finishes while the agent is unreachable: nothing reaches the scheduler.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    while let Some(event) = s
        .next_within(deadline.saturating_duration_since(tokio::time::Instant::now()))
        .await
    {
        let event = event.expect("stream open");
        assert!(
            event.update.is_none(),
            "no update crosses the partition: {event:?}"
        );
    }

    cluster.reregister_agent(&agent_id).unwrap();
    let from_master = s.next_update().await;
    assert_eq!(from_master.state(), TaskState::TaskFinished);
    assert_eq!(from_master.source(), task_status::Source::Master);
    assert_eq!(from_master.reason(), task_status::Reason::AgentReregistered);
    // Then the agent delivers the update it kept, which needs an acknowledgement.
    let from_agent = s.next_update().await;
    assert_eq!(from_agent.state(), TaskState::TaskFinished);
    assert_ne!(from_agent.source(), task_status::Source::Master);
    assert!(from_agent.uuid.is_some());
    assert_eq!(cluster.unacknowledged_updates(&s.framework_id, "short"), 1);
    s.call(&url, &ack_call(&s.framework_id, &from_agent)).await;
    common::wait_until(
        "the update is acknowledged",
        Duration::from_secs(10),
        || cluster.unacknowledged_updates(&s.framework_id, "short") == 0,
    )
    .await;
    let state = cluster.state();
    let framework = &state["frameworks"][0];
    assert_eq!(framework["completed_tasks"][0]["state"], "TASK_FINISHED");
    assert_eq!(framework["tasks"].as_array().unwrap().len(), 0);
}
