//! Fault injection: losing an agent (RESCIND, TASK_UNREACHABLE or TASK_LOST, FAILURE), adding
//! agents, and a subscriber that stops reading being disconnected.

mod common;

use std::time::Duration;

use common::{
    Enc, Subscription, ack_call, bare_call, command_task, framework_info, launch_call, wait_until,
};
use mesos_sdk::v1::scheduler::{call, event};
use mesos_sdk::v1::{TaskId, TaskState, framework_info as fi, task_status};
use mesos_sim::{Cluster, SimError};
use tokio::io::AsyncWriteExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_an_agent_rescinds_offers_reports_tasks_and_sends_failure() {
    for partition_aware in [false, true] {
        let cluster = Cluster::builder()
            .agents(2)
            .allocation_interval(Duration::from_millis(50))
            .start()
            .await
            .unwrap();
        let url = cluster.master_url();
        let mut info = framework_info("lossy");
        if partition_aware {
            info.capabilities = vec![fi::Capability {
                r#type: Some(fi::capability::Type::PartitionAware as i32),
            }];
        }
        let mut s = Subscription::open(&url, Enc::Protobuf, info).await;
        let mut offers = Vec::new();
        while offers.len() < 2 {
            offers.extend(s.next_offers().await);
        }
        let (running_on, held) = (offers[0].clone(), offers[1].clone());
        let launch = launch_call(
            &s.framework_id,
            &[&running_on.id],
            vec![command_task(&running_on, "victim", "sleep 100")],
            Some(3600.0),
        );
        s.call(&url, &launch).await;
        loop {
            let status = s.next_update().await;
            s.call(&url, &ack_call(&s.framework_id, &status)).await;
            if status.state() == TaskState::TaskRunning {
                break;
            }
        }

        cluster.lose_agent(&running_on.agent_id.value).unwrap();
        let update = s.next_update().await;
        let expected = if partition_aware {
            TaskState::TaskUnreachable
        } else {
            TaskState::TaskLost
        };
        assert_eq!(update.state(), expected);
        assert_eq!(update.reason(), task_status::Reason::AgentRemoved);
        assert_eq!(update.source(), task_status::Source::Master);
        assert!(update.uuid.is_none());
        assert_eq!(update.unreachable_time.is_some(), partition_aware);
        let failure = s.next_of(event::Type::Failure).await.failure.unwrap();
        assert_eq!(failure.agent_id, Some(running_on.agent_id.clone()));
        assert!(
            failure.executor_id.is_none(),
            "agent loss has no executor id"
        );

        // The held offer on the other agent is rescinded when that agent goes too.
        cluster.lose_agent(&held.agent_id.value).unwrap();
        assert_eq!(s.next_rescinded().await, held.id);
        assert!(matches!(
            cluster.lose_agent("no-such-agent"),
            Err(SimError::NotFound { .. })
        ));
        assert_eq!(cluster.state()["unreachable_slaves"], 2);

        // Reconciliation knows the task as unreachable (or lost).
        let mut reconcile = bare_call(&s.framework_id, call::Type::Reconcile);
        reconcile.reconcile = Some(call::Reconcile {
            tasks: vec![call::reconcile::Task {
                task_id: TaskId {
                    value: "victim".into(),
                },
                agent_id: Some(running_on.agent_id.clone()),
            }],
        });
        s.call(&url, &reconcile).await;
        let answer = s.next_update().await;
        assert_eq!(answer.state(), expected);
        assert_eq!(answer.reason(), task_status::Reason::Reconciliation);

        // A new agent brings offers back.
        let added = cluster.add_agent().await.unwrap();
        let offer = s.next_offers().await.remove(0);
        assert_eq!(offer.agent_id.value, added);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_that_does_not_read_is_disconnected() {
    let cluster = Cluster::builder()
        .event_queue_capacity(8)
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("stalled");
    info.failover_timeout = Some(3600.0);
    let body = Enc::Json.encode_call(&common::subscribe_call(info));
    // Subscribe over a raw socket that is never read.
    let mut stalled = tokio::net::TcpStream::connect(cluster.master_addr())
        .await
        .unwrap();
    let head = format!(
        "POST /api/v1/scheduler HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stalled.write_all(head.as_bytes()).await.unwrap();
    stalled.write_all(&body).await.unwrap();
    wait_until("subscribed", Duration::from_secs(10), || {
        cluster.framework_ids().len() == 1
    })
    .await;
    let id = cluster.framework_ids().remove(0);
    // Read only the response head, for the stream id; the body is never read.
    let mut head = vec![0u8; 0];
    let mut byte = [0u8; 1];
    use tokio::io::AsyncReadExt;
    while !head.ends_with(b"\r\n\r\n") {
        stalled.read_exact(&mut byte).await.unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    let stream_id = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("mesos-stream-id: ")
                .or_else(|| l.strip_prefix("Mesos-Stream-Id: "))
        })
        .unwrap()
        .to_string();
    // Each explicit answer carries a 4 KiB task id; megabytes of them overflow the socket
    // buffers and then the 8-event queue.
    let long = "x".repeat(4096);
    let tasks: Vec<call::reconcile::Task> = (0..1000)
        .map(|i| call::reconcile::Task {
            task_id: TaskId {
                value: format!("{long}{i}"),
            },
            agent_id: None,
        })
        .collect();
    let mut reconcile = bare_call(&id, call::Type::Reconcile);
    reconcile.reconcile = Some(call::Reconcile { tasks });
    for _ in 0..8 {
        if !cluster.is_connected(&id) {
            break;
        }
        let reply = common::call(&url, Enc::Protobuf, &stream_id, &reconcile).await;
        assert!(reply.status == 202 || reply.status == 403, "{reply:?}");
    }
    wait_until(
        "the stalled subscriber is dropped",
        Duration::from_secs(10),
        || !cluster.is_connected(&id),
    )
    .await;
    assert_eq!(
        cluster.framework_ids(),
        vec![id],
        "kept for its failover timeout"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leader_failover_breaks_streams_and_frameworks_resubscribe_with_their_tasks() {
    let cluster = Cluster::builder()
        .standby_masters(1)
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let old_url = cluster.master_url();
    let mut s = Subscription::open(&old_url, Enc::Json, framework_info("survivor")).await;
    let offer = s.next_offers().await.remove(0);
    s.call(
        &old_url,
        &launch_call(
            &s.framework_id,
            &[&offer.id],
            vec![command_task(&offer, "keeps-running", "sleep 100")],
            None,
        ),
    )
    .await;
    loop {
        let status = s.next_update().await;
        s.call(&old_url, &ack_call(&s.framework_id, &status)).await;
        if status.state() == TaskState::TaskRunning {
            break;
        }
    }
    let old_master_id = cluster.state()["id"].as_str().unwrap().to_string();

    let new_url = cluster.standby_urls().remove(0);
    cluster.fail_over(0).unwrap();
    assert_eq!(cluster.master_url(), new_url);
    assert_eq!(cluster.standby_urls(), vec![old_url.clone()]);
    // The old stream just ends: no ERROR event.
    while let Some(event) = s.next().await {
        assert_ne!(event.r#type(), event::Type::Error, "{event:?}");
    }
    // The old leader now redirects to the new one.
    let new_addr = cluster.master_addr();
    let reply = common::request(&old_url, "POST", "/master/api/v1/scheduler", &[], vec![]).await;
    assert_eq!(reply.status, 307);
    assert_eq!(
        reply.headers["location"],
        format!(
            "//{}:{}/master/api/v1/scheduler",
            new_addr.ip(),
            new_addr.port()
        )
    );
    // The new leader knows the framework but it is not subscribed.
    let reply = common::call(
        &new_url,
        Enc::Json,
        &s.stream_id,
        &bare_call(&s.framework_id, call::Type::Revive),
    )
    .await;
    assert_eq!(reply.status, 403);

    let mut info = framework_info("survivor");
    info.id = Some(mesos_sdk::v1::FrameworkId {
        value: s.framework_id.clone(),
    });
    let mut again = Subscription::start(&new_url, Enc::Json, &common::subscribe_call(info)).await;
    let subscribed = again.next().await.unwrap().subscribed.unwrap();
    assert_eq!(subscribed.framework_id.value, s.framework_id);
    assert_ne!(
        subscribed.master_info.unwrap().id,
        old_master_id,
        "a new master"
    );
    let mut implicit = bare_call(&s.framework_id, call::Type::Reconcile);
    implicit.reconcile = Some(call::Reconcile { tasks: vec![] });
    again.call(&new_url, &implicit).await;
    let answer = again.next_update().await;
    assert_eq!(
        (answer.task_id.value.as_str(), answer.state()),
        ("keeps-running", TaskState::TaskRunning)
    );
    // Offers come from the new leader (the OFFERS event may have been skipped above).
    wait_until(
        "offers from the new leader",
        Duration::from_secs(10),
        || !cluster.offer_ids(&s.framework_id).is_empty(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_restart_keeps_checkpointed_tasks_and_loses_the_others() {
    let cluster = Cluster::builder()
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    for checkpoint in [true, false] {
        let mut info = framework_info("restart");
        info.checkpoint = Some(checkpoint);
        let mut s = Subscription::open(&url, Enc::Protobuf, info).await;
        let offer = s.next_offers().await.remove(0);
        let task_id = format!("sleeper-{checkpoint}");
        s.call(
            &url,
            &launch_call(
                &s.framework_id,
                &[&offer.id],
                vec![command_task(&offer, &task_id, "sleep 100")],
                Some(0.0),
            ),
        )
        .await;
        // Acknowledge STARTING only: RUNNING stays in flight.
        let starting = s.next_update().await;
        s.call(&url, &ack_call(&s.framework_id, &starting)).await;
        let running = s.next_update().await;
        assert_eq!(running.state(), TaskState::TaskRunning);

        cluster.restart_agent(&offer.agent_id.value).await.unwrap();
        let next = s.next_update().await;
        if checkpoint {
            // The recovered stream resends the unacknowledged update; the task lives on.
            assert_eq!(
                (next.state(), &next.uuid),
                (TaskState::TaskRunning, &running.uuid)
            );
            s.call(&url, &ack_call(&s.framework_id, &next)).await;
            assert_eq!(
                cluster.task_state(&s.framework_id, &task_id),
                Some(TaskState::TaskRunning)
            );
        } else {
            assert_eq!(next.state(), TaskState::TaskLost);
            assert_eq!(next.reason(), task_status::Reason::AgentRestarted);
            assert!(next.uuid.is_none());
            assert_eq!(
                cluster.task_state(&s.framework_id, &task_id),
                Some(TaskState::TaskLost)
            );
        }
        s.call(&url, &bare_call(&s.framework_id, call::Type::Teardown))
            .await;
    }
    assert!(matches!(
        cluster.restart_agent("nope").await,
        Err(SimError::NotFound { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_agent_is_deactivated_then_marked_unreachable_unless_it_returns_in_time() {
    let cluster = Cluster::builder()
        .agents(2)
        .allocation_interval(Duration::from_millis(50))
        .agent_unreachable_after(Duration::from_millis(400))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("stops");
    // Without checkpointing, an agent restart would lose the task.
    info.checkpoint = Some(true);
    let mut s = Subscription::open(&url, Enc::Json, info).await;
    let mut offers = Vec::new();
    while offers.len() < 2 {
        offers.extend(s.next_offers().await);
    }
    let (returning, leaving) = (offers[0].clone(), offers[1].clone());
    let launch = launch_call(
        &s.framework_id,
        &[&returning.id],
        vec![command_task(&returning, "survivor", "sleep 100")],
        Some(3600.0),
    );
    s.call(&url, &launch).await;
    loop {
        let status = s.next_update().await;
        s.call(&url, &ack_call(&s.framework_id, &status)).await;
        if status.state() == TaskState::TaskRunning {
            break;
        }
    }

    // A stopped agent's outstanding offer is rescinded; its executor API refuses connections.
    let endpoint = cluster.state()["slaves"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == leaving.agent_id.value.as_str())
        .map(|a| {
            a["pid"]
                .as_str()
                .unwrap()
                .rsplit('@')
                .next()
                .unwrap()
                .to_string()
        })
        .unwrap();
    cluster.stop_agent(&leaving.agent_id.value).unwrap();
    assert_eq!(s.next_rescinded().await, leaving.id);
    assert!(tokio::net::TcpStream::connect(&endpoint).await.is_err());

    // The agent running the task stops too, but comes back before the master gives up: the
    // task is untouched.
    cluster.stop_agent(&returning.agent_id.value).unwrap();
    cluster
        .restart_agent(&returning.agent_id.value)
        .await
        .unwrap();
    assert_eq!(
        cluster.task_state(&s.framework_id, "survivor"),
        Some(TaskState::TaskRunning)
    );

    // The agent that stays away is marked unreachable once the ping timeouts pass.
    let failure = s.next_of(event::Type::Failure).await.failure.unwrap();
    assert_eq!(failure.agent_id, Some(leaving.agent_id.clone()));
    assert_eq!(cluster.state()["unreachable_slaves"], 1);
    assert!(cluster.agent_ids().contains(&returning.agent_id.value));
    assert!(!cluster.agent_ids().contains(&leaving.agent_id.value));
    assert_eq!(
        cluster.task_state(&s.framework_id, "survivor"),
        Some(TaskState::TaskRunning)
    );

    // When it finally comes back, it re-registers and is offered again.
    cluster
        .restart_agent(&leaving.agent_id.value)
        .await
        .unwrap();
    assert!(cluster.agent_ids().contains(&leaving.agent_id.value));
    loop {
        let offers = s.next_offers().await;
        if offers.iter().any(|o| o.agent_id == leaving.agent_id) {
            break;
        }
    }
    assert!(tokio::net::TcpStream::connect(&endpoint).await.is_ok());
}

/// An agent's process going down deactivates it (`active: false` in `/state`), and a
/// framework that does not checkpoint loses its tasks there at once: TASK_LOST from the
/// master, `REASON_AGENT_DISCONNECTED`, "Agent <host> disconnected", without uuid (Mesos
/// 1.11.0 `Master::exited`, `Master::removeFramework(Slave*, Framework*)`); a checkpointing
/// framework's task is kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disconnected_agent_loses_the_tasks_of_frameworks_that_do_not_checkpoint() {
    let cluster = Cluster::builder()
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut subscriptions = Vec::new();
    let mut agent = None;
    for checkpoint in [true, false] {
        let mut info = framework_info(&format!("checkpoint-{checkpoint}"));
        info.checkpoint = Some(checkpoint);
        let mut s = Subscription::open(&url, Enc::Protobuf, info).await;
        let offer = s.next_offers().await.remove(0);
        let task_id = format!("sleeper-{checkpoint}");
        s.call(
            &url,
            &launch_call(
                &s.framework_id,
                &[&offer.id],
                vec![command_task(&offer, &task_id, "sleep 100")],
                Some(3600.0),
            ),
        )
        .await;
        loop {
            let status = s.next_update().await;
            s.call(&url, &ack_call(&s.framework_id, &status)).await;
            if status.state() == TaskState::TaskRunning {
                break;
            }
        }
        agent = Some(offer.agent_id.value.clone());
        subscriptions.push((checkpoint, task_id, s));
    }
    let agent = agent.unwrap();
    cluster.stop_agent(&agent).unwrap();
    let slave = cluster.state()["slaves"][0].clone();
    assert_eq!(slave["active"], false, "{slave}");
    for (checkpoint, task_id, s) in &mut subscriptions {
        if *checkpoint {
            assert_eq!(
                cluster.task_state(&s.framework_id, task_id),
                Some(TaskState::TaskRunning)
            );
            continue;
        }
        let lost = s.next_update().await;
        assert_eq!(lost.task_id.value, *task_id);
        assert_eq!(lost.state(), TaskState::TaskLost);
        assert_eq!(lost.reason(), task_status::Reason::AgentDisconnected);
        assert_eq!(lost.source(), task_status::Source::Master);
        assert!(lost.uuid.is_none());
        let hostname = cluster.state()["slaves"][0]["hostname"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(
            lost.message.as_deref(),
            Some(format!("Agent {hostname} disconnected").as_str())
        );
    }
    cluster.restart_agent(&agent).await.unwrap();
    assert_eq!(cluster.state()["slaves"][0]["active"], true);
}
