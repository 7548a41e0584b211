//! Shared pieces of the scheduler integration tests: a framework description, waiting for
//! session events with a deadline, and a task that fits the simulator's default offers.

#![allow(dead_code, unreachable_pub)]

#[allow(unused_imports)]
pub use mesos_test_peers::zk;

use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::scheduler::{SchedulerConfig, SessionEvent, SessionEvents};
use mesos_sdk::v1::scheduler::{Event, event};
use mesos_sdk::v1::{
    AgentId, CommandInfo, FrameworkInfo, Offer, Resource, TaskId, TaskInfo, TaskState, TaskStatus,
    value,
};

/// How long any single expected thing may take before a test fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

pub fn framework(name: &str) -> FrameworkInfo {
    FrameworkInfo {
        user: "nobody".into(),
        name: name.into(),
        failover_timeout: Some(3600.0),
        ..Default::default()
    }
}

/// A config with short backoffs so reconnection tests are quick.
pub fn config(name: &str) -> SchedulerConfig {
    config_for(framework(name))
}

/// [`config`] for a given `FrameworkInfo` (e.g. one carrying an id).
pub fn config_for(info: FrameworkInfo) -> SchedulerConfig {
    SchedulerConfig::new(info)
        .with_backoff(Duration::from_millis(50), Duration::from_millis(500))
        .with_connection_delay_max(Duration::from_millis(50))
        .with_call_timeout(Duration::from_secs(10))
}

/// Next session event matching `pick`, skipping others; fails after [`DEADLINE`] or when the
/// session ends.
pub async fn next_matching<T>(
    events: &mut SessionEvents,
    what: &str,
    pick: impl FnMut(&SessionEvent) -> Option<T>,
) -> T {
    next_matching_within(events, what, DEADLINE, pick).await
}

/// [`next_matching`] with its own deadline, for what a peer may take long to do on a loaded
/// machine (a real Mesos electing a new leader and recovering its replicated log).
pub async fn next_matching_within<T>(
    events: &mut SessionEvents,
    what: &str,
    deadline: Duration,
    mut pick: impl FnMut(&SessionEvent) -> Option<T>,
) -> T {
    let wait = async {
        loop {
            match events.next().await {
                Some(Ok(event)) => {
                    if let Some(found) = pick(&event) {
                        return found;
                    }
                }
                Some(Err(e)) => panic!("session ended while waiting for {what}: {e}"),
                None => panic!("session closed while waiting for {what}"),
            }
        }
    };
    match tokio::time::timeout(deadline, wait).await {
        Ok(found) => found,
        Err(_) => panic!("no {what} within {deadline:?}"),
    }
}

pub fn master_event(e: &SessionEvent, kind: event::Type) -> Option<Event> {
    match e {
        SessionEvent::Event(ev) if ev.r#type() == kind => Some((**ev).clone()),
        _ => None,
    }
}

pub async fn next_offers(events: &mut SessionEvents) -> Vec<Offer> {
    next_matching(events, "OFFERS", |e| master_event(e, event::Type::Offers))
        .await
        .offers
        .map(|o| o.offers)
        .unwrap_or_default()
}

/// The next status update for `task`, in any state.
pub async fn next_update(events: &mut SessionEvents, task: &str) -> TaskStatus {
    next_matching(events, &format!("an update for {task}"), |e| {
        master_event(e, event::Type::Update)
            .and_then(|ev| ev.update)
            .map(|u| u.status)
            .filter(|s| s.task_id.value == task)
    })
    .await
}

/// Waits for `task` to reach `state`, returning the updates seen on the way.
pub async fn wait_for_state(
    events: &mut SessionEvents,
    task: &str,
    state: TaskState,
) -> Vec<TaskStatus> {
    let mut seen = Vec::new();
    loop {
        let status = next_update(events, task).await;
        let reached = status.state() == state;
        seen.push(status);
        if reached {
            return seen;
        }
        assert!(
            seen.len() < 20,
            "{task} never reached {state:?}: {:?}",
            seen.iter().map(|s| s.state()).collect::<Vec<_>>()
        );
    }
}

#[allow(deprecated)]
fn scalar(name: &str, v: f64) -> Resource {
    Resource {
        name: name.into(),
        r#type: value::Type::Scalar as i32,
        scalar: Some(value::Scalar { value: v }),
        ..Default::default()
    }
}

/// A shell-command task of 0.1 CPU and 32 MB on `agent`.
pub fn shell_task(id: &str, agent: &AgentId, command: &str) -> TaskInfo {
    TaskInfo {
        name: id.into(),
        task_id: TaskId { value: id.into() },
        agent_id: agent.clone(),
        resources: vec![scalar("cpus", 0.1), scalar("mem", 32.0)],
        command: Some(CommandInfo {
            value: Some(command.into()),
            shell: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Polls `check` until it holds, failing after [`DEADLINE`].
pub async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = tokio::time::Instant::now();
    loop {
        if check() {
            return;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{what} did not happen within {DEADLINE:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
