//! Synthetic mode: tasks go through STARTING and RUNNING to FINISHED (or KILLED) with the
//! same reliable updates, but no process, sandbox or agent socket exists.

mod common;

use std::time::Duration;

use common::{Enc, Subscription, ack_call, command_task, framework_info, kill_call, launch_call};
use mesos_sdk::v1::{TaskId, TaskState};
use mesos_sim::Cluster;

#[tokio::test(start_paused = true)]
async fn synthetic_tasks_report_states_without_processes() {
    let work_dir =
        std::env::temp_dir().join(format!("mesos-sim-synthetic-{}", uuid::Uuid::new_v4()));
    let cluster = Cluster::builder()
        .synthetic(true)
        .agents(2)
        .work_dir(&work_dir)
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("synthetic")).await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(
        offer.url.as_ref().unwrap().address.port,
        0,
        "synthetic agents have no socket"
    );
    let tasks = vec![
        command_task(&offer, "quick", "true"),
        command_task(&offer, "timed", "sleep 20"),
        command_task(&offer, "forever", "sleep 1000000"),
    ];
    s.call(
        &url,
        &launch_call(&s.framework_id, &[&offer.id], tasks, None),
    )
    .await;
    let start = tokio::time::Instant::now();
    let mut finished_at = None;
    let mut states: std::collections::BTreeMap<String, Vec<TaskState>> = Default::default();
    while finished_at.is_none() || states.get("forever").map(|s| s.len()) != Some(2) {
        let status = s.next_update().await;
        assert_eq!(status.uuid.as_ref().map(|u| u.len()), Some(16));
        s.call(&url, &ack_call(&s.framework_id, &status)).await;
        if status.task_id.value == "timed" && status.state() == TaskState::TaskFinished {
            finished_at = Some(start.elapsed());
        }
        states
            .entry(status.task_id.value.clone())
            .or_default()
            .push(status.state());
    }
    let finished_at = finished_at.unwrap();
    assert!(
        finished_at >= Duration::from_secs(20) && finished_at < Duration::from_secs(21),
        "{finished_at:?}"
    );
    let run = vec![
        TaskState::TaskStarting,
        TaskState::TaskRunning,
        TaskState::TaskFinished,
    ];
    assert_eq!(states["quick"], run);
    assert_eq!(states["timed"], run);
    let kill = kill_call(&s.framework_id, "forever", None);
    s.call(&url, &kill).await;
    let killed = s.next_update().await;
    assert_eq!(killed.state(), TaskState::TaskKilled);
    assert!(!work_dir.exists(), "no sandbox was created");
}

/// A task of `executor` using 0.5 cpus and 64 MB.
fn executor_task(
    offer: &mesos_sdk::v1::Offer,
    task_id: &str,
    executor: &mesos_sdk::v1::ExecutorInfo,
) -> mesos_sdk::v1::TaskInfo {
    mesos_sdk::v1::TaskInfo {
        name: task_id.into(),
        task_id: TaskId {
            value: task_id.into(),
        },
        agent_id: offer.agent_id.clone(),
        resources: vec![common::scalar("cpus", 0.5), common::scalar("mem", 64.0)],
        executor: Some(executor.clone()),
        ..Default::default()
    }
}

/// Reads events until none came for 5 s (virtual): offers are added to `held`, updates
/// acknowledged and their states returned. Then the cpus and mem `held` offers.
async fn settle(
    s: &mut Subscription,
    url: &str,
    held: &mut Vec<mesos_sdk::v1::Offer>,
) -> (Vec<(String, TaskState)>, f64, f64) {
    use mesos_sdk::v1::scheduler::event;
    let mut updates = Vec::new();
    while let Some(event) = s.next_within(Duration::from_secs(5)).await {
        let event = event.expect("the stream stays open");
        match event.r#type() {
            event::Type::Offers => held.extend(event.offers.expect("offers").offers),
            event::Type::Update => {
                let status = event.update.expect("update").status;
                if status.uuid.is_some() {
                    s.call(url, &ack_call(&s.framework_id, &status)).await;
                }
                updates.push((status.task_id.value.clone(), status.state()));
            }
            _ => {}
        }
    }
    let amount = |name: &str| -> f64 {
        held.iter()
            .flat_map(|o| &o.resources)
            .filter(|r| r.name == name)
            .filter_map(|r| r.scalar.as_ref().map(|s| s.value))
            .sum()
    };
    (updates, amount("cpus"), amount("mem"))
}

async fn kill(s: &Subscription, url: &str, task: &str) {
    let kill = kill_call(&s.framework_id, task, None);
    s.call(url, &kill).await;
}

/// Nothing runs a custom executor in synthetic mode, but the master charges it as the real
/// one charges a running executor: once per agent, not once per task, for as long as it has
/// tasks, whichever of them ends first. A later launch must describe it alike.
#[tokio::test(start_paused = true)]
async fn synthetic_executors_are_charged_once_while_they_have_tasks() {
    let cluster = Cluster::builder()
        .synthetic(true)
        .agents(1)
        .agent_resources("cpus:4;mem:1024;disk:1000")
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("synthetic")).await;
    let offer = s.next_offers().await.remove(0);
    let executor = mesos_sdk::v1::ExecutorInfo {
        r#type: Some(mesos_sdk::v1::executor_info::Type::Custom as i32),
        executor_id: mesos_sdk::v1::ExecutorId { value: "e".into() },
        framework_id: Some(mesos_sdk::v1::FrameworkId {
            value: s.framework_id.clone(),
        }),
        command: Some(mesos_sdk::v1::CommandInfo {
            value: Some("run-e".into()),
            ..Default::default()
        }),
        resources: vec![common::scalar("cpus", 0.5), common::scalar("mem", 128.0)],
        ..Default::default()
    };
    let tasks = (0..3)
        .map(|i| executor_task(&offer, &format!("t{i}"), &executor))
        .collect();
    s.call(
        &url,
        &launch_call(&s.framework_id, &[&offer.id], tasks, Some(0.0)),
    )
    .await;
    let mut held = Vec::new();
    let (updates, cpus, mem) = settle(&mut s, &url, &mut held).await;
    let running = updates
        .iter()
        .filter(|(_, state)| *state == TaskState::TaskRunning)
        .count();
    assert_eq!(running, 3, "{updates:?}");
    // 3 x (0.5 cpus, 64 MB) and the executor's (0.5 cpus, 128 MB), once.
    assert_eq!((cpus, mem), (2.0, 704.0));

    // The first task carried the executor's share; its executor runs on for the others.
    kill(&s, &url, "t0").await;
    let (updates, cpus, mem) = settle(&mut s, &url, &mut held).await;
    assert!(
        updates.contains(&("t0".into(), TaskState::TaskKilled)),
        "{updates:?}"
    );
    assert_eq!((cpus, mem), (2.5, 768.0));

    // The executor runs: another launch is charged its task only, and must describe the
    // executor as it was launched.
    let mut changed = executor.clone();
    changed.command.as_mut().unwrap().value = Some("run-something-else".into());
    let ids: Vec<_> = held.iter().map(|o| o.id.clone()).collect();
    held.clear();
    s.call(
        &url,
        &launch_call(
            &s.framework_id,
            &ids.iter().collect::<Vec<_>>(),
            vec![
                executor_task(&offer, "t3", &executor),
                executor_task(&offer, "t4", &changed),
            ],
            Some(0.0),
        ),
    )
    .await;
    let (updates, cpus, mem) = settle(&mut s, &url, &mut held).await;
    assert!(
        updates.contains(&("t3".into(), TaskState::TaskRunning)),
        "{updates:?}"
    );
    assert!(
        updates.contains(&("t4".into(), TaskState::TaskError)),
        "{updates:?}"
    );
    assert_eq!((cpus, mem), (2.0, 704.0));

    // With its last task the executor's share goes back.
    for task in ["t1", "t2", "t3"] {
        kill(&s, &url, task).await;
    }
    let (_, cpus, mem) = settle(&mut s, &url, &mut held).await;
    assert_eq!((cpus, mem), (4.0, 1024.0));
}
