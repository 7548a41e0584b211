//! Synthetic mode: tasks go through STARTING and RUNNING to FINISHED (or KILLED) with the
//! same reliable updates, but no process, sandbox or agent socket exists.

mod common;

use std::time::Duration;

use common::{Enc, Subscription, ack_call, bare_call, command_task, framework_info, launch_call};
use mesos_sdk::v1::scheduler::call;
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
    let mut kill = bare_call(&s.framework_id, call::Type::Kill);
    kill.kill = Some(call::Kill {
        task_id: TaskId {
            value: "forever".into(),
        },
        agent_id: None,
        kill_policy: None,
    });
    s.call(&url, &kill).await;
    let killed = s.next_update().await;
    assert_eq!(killed.state(), TaskState::TaskKilled);
    assert!(!work_dir.exists(), "no sandbox was created");
}
