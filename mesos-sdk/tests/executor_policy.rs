//! The executor's disconnection policy, on tokio's paused clock with no agent listening: without
//! checkpointing it gives up at once; with checkpointing it retries, each wait within the
//! backoff maximum, until the recovery timeout, then ends with a typed error. Updates sent
//! meanwhile are kept for replay, and TASK_STAGING is refused.

use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::Error;
use mesos_sdk::executor::{Executor, ExecutorConfig, ExecutorEvent};
use mesos_sdk::v1::{TaskId, TaskState};

/// A loopback port with nothing listening.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    port
}

fn config(checkpoint: bool) -> ExecutorConfig {
    let endpoint = format!("127.0.0.1:{}", closed_port());
    let mut vars = vec![
        ("MESOS_FRAMEWORK_ID", "fw".to_string()),
        ("MESOS_EXECUTOR_ID", "ex".to_string()),
        ("MESOS_AGENT_ENDPOINT", endpoint),
        (
            "MESOS_CHECKPOINT",
            if checkpoint { "1" } else { "0" }.to_string(),
        ),
    ];
    if checkpoint {
        vars.push(("MESOS_RECOVERY_TIMEOUT", "30secs".to_string()));
        vars.push(("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs".to_string()));
    }
    ExecutorConfig::from_vars(vars).expect("valid environment")
}

#[tokio::test(start_paused = true)]
async fn without_checkpointing_a_lost_agent_ends_the_executor() {
    let (_executor, mut events) = Executor::start(config(false)).expect("start");
    match events.next().await {
        Some(Err(Error::AgentLost { endpoint, reason })) => {
            assert!(endpoint.starts_with("127.0.0.1:"), "{endpoint}");
            assert!(!reason.is_empty());
        }
        other => panic!("expected AgentLost, got {other:?}"),
    }
    assert!(
        events.next().await.is_none(),
        "the stream ends after the error"
    );
}

#[tokio::test(start_paused = true)]
async fn with_checkpointing_it_retries_until_the_recovery_timeout() {
    let (executor, mut events) = Executor::start(config(true)).expect("start");
    let started = tokio::time::Instant::now();

    // An update made while the agent is away is kept for the re-subscription.
    let uuid = executor
        .update_state(TaskId { value: "t1".into() }, TaskState::TaskRunning, None)
        .await
        .expect("kept while disconnected");
    assert_eq!(uuid.len(), 16);
    let pending = executor.unacknowledged_updates();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].uuid.as_ref(), Some(&uuid));
    assert_eq!(pending[0].source, Some(2), "SOURCE_EXECUTOR");
    assert!(pending[0].timestamp.is_some());
    assert_eq!(
        pending[0].executor_id.as_ref().map(|e| e.value.as_str()),
        Some("ex")
    );

    let mut attempts = 0;
    let mut last = started;
    loop {
        match events.next().await {
            Some(Ok(ExecutorEvent::Disconnected { .. })) => {
                attempts += 1;
                let now = tokio::time::Instant::now();
                assert!(
                    now - last <= Duration::from_secs(2) + Duration::from_millis(1),
                    "a wait exceeded MESOS_SUBSCRIPTION_BACKOFF_MAX: {:?}",
                    now - last
                );
                last = now;
            }
            Some(Err(Error::RecoveryTimeout { after, .. })) => {
                assert_eq!(after, Duration::from_secs(30));
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_secs(30) && elapsed <= Duration::from_secs(33),
        "gave up after {elapsed:?}"
    );
    assert!(
        attempts >= 10,
        "only {attempts} attempts in 30 s with waits of at most 2 s"
    );
    assert!(events.next().await.is_none());
}

#[tokio::test(start_paused = true)]
async fn staging_updates_are_refused() {
    let (executor, _events) = Executor::start(config(true)).expect("start");
    let err = executor
        .update_state(TaskId { value: "t".into() }, TaskState::TaskStaging, None)
        .await
        .expect_err("executors never send TASK_STAGING");
    assert!(matches!(err, Error::InvalidArgument { .. }), "{err}");
    assert!(executor.unacknowledged_updates().is_empty());
}
