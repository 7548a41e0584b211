//! The session keeps the framework's desired state: what SUPPRESS, REVIVE and UPDATE_FRAMEWORK
//! told the master survives every re-subscription (before, each re-SUBSCRIBE was built from
//! the start-up `FrameworkInfo`: a failover brought offers back and undid renames); and a
//! status update is acknowledged when the application takes it from the event stream, not
//! when the session queues it.

mod common;

use std::time::Duration;

use common::*;
use futures_util::StreamExt;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::offers::launch;
use mesos_sdk::scheduler::{FrameworkUpdate, Session, SessionEvent, SessionEvents};
use mesos_sdk::v1::TaskState;
use mesos_sim::Cluster;

async fn subscribed_as(events: &mut SessionEvents) -> (String, bool) {
    next_matching(events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed {
            framework_id,
            resubscribed,
            ..
        } => Some((framework_id.value.clone(), *resubscribed)),
        _ => None,
    })
    .await
}

async fn resubscribed(events: &mut SessionEvents) {
    let again = next_matching(events, "a re-subscription", |e| match e {
        SessionEvent::Subscribed { resubscribed, .. } => Some(*resubscribed),
        _ => None,
    })
    .await;
    assert!(again);
}

fn name_in_master(cluster: &Cluster, id: &str) -> String {
    cluster.state()["frameworks"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == id)
        .and_then(|f| f["name"].as_str())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suppress_revive_and_update_framework_survive_resubscriptions() {
    let cluster = Cluster::builder()
        .standby_masters(1)
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .expect("cluster");
    let url = cluster.master_url();
    // The detector knows both masters; the session follows redirects to the leader.
    let _ = url;
    let (scheduler, mut events) = Session::start(
        config("keeper"),
        StaticDetector::new(cluster.standby_urls()[0].parse().expect("url")),
    )
    .expect("start");
    let id = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed { framework_id, .. } => Some(framework_id.value.clone()),
        _ => None,
    })
    .await;

    scheduler.suppress(vec![]).await.expect("SUPPRESS");
    assert_eq!(scheduler.suppressed_roles(), vec!["*".to_string()]);
    assert_eq!(cluster.suppressed_roles(&id), vec!["*".to_string()]);
    cluster.drop_subscription(&id).expect("fault");
    resubscribed(&mut events).await;
    assert_eq!(
        cluster.suppressed_roles(&id),
        vec!["*".to_string()],
        "a re-subscription keeps the framework suppressed"
    );

    // A leader failover too: the new leader learns the suppression from the re-SUBSCRIBE,
    // and no offer arrives.
    cluster.fail_over(0).expect("failover");
    resubscribed(&mut events).await;
    assert_eq!(cluster.suppressed_roles(&id), vec!["*".to_string()]);
    let quiet_until = tokio::time::Instant::now() + Duration::from_millis(600);
    loop {
        let left = quiet_until.saturating_duration_since(tokio::time::Instant::now());
        if left.is_zero() {
            break;
        }
        match tokio::time::timeout(left, events.next()).await {
            Err(_) => break,
            Ok(Some(Ok(SessionEvent::Event(e)))) => assert_ne!(
                e.r#type(),
                mesos_sdk::v1::scheduler::event::Type::Offers,
                "an offer reached a suppressed framework"
            ),
            Ok(Some(Ok(_))) => {}
            Ok(other) => panic!("the session ended: {other:?}"),
        }
    }

    scheduler.revive(vec![]).await.expect("REVIVE");
    assert!(scheduler.suppressed_roles().is_empty());
    cluster.drop_subscription(&id).expect("fault");
    resubscribed(&mut events).await;
    assert!(cluster.suppressed_roles(&id).is_empty());

    let mut renamed = scheduler.framework_info();
    renamed.name = "renamed".into();
    scheduler
        .update_framework(FrameworkUpdate::new(renamed).with_suppressed_roles(["*".to_string()]))
        .await
        .expect("UPDATE_FRAMEWORK");
    assert_eq!(name_in_master(&cluster, &id), "renamed");
    cluster.drop_subscription(&id).expect("fault");
    resubscribed(&mut events).await;
    assert_eq!(
        name_in_master(&cluster, &id),
        "renamed",
        "a re-subscription does not undo UPDATE_FRAMEWORK"
    );
    assert_eq!(cluster.suppressed_roles(&id), vec!["*".to_string()]);
    assert_eq!(scheduler.framework_info().name, "renamed");
    cluster.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_is_acknowledged_once_the_application_takes_it() {
    let cluster = Cluster::builder().start().await.expect("cluster");
    let url = cluster.master_url();
    let (scheduler, mut events) = Session::start(
        config("careful"),
        StaticDetector::new(url.parse().expect("url")),
    )
    .expect("start");
    let offers = next_offers(&mut events).await;
    let offer = &offers[0];
    let id = scheduler.framework_id().expect("id").value;
    let task = shell_task("slow", &offer.agent_id, "sleep 30");
    scheduler
        .accept(vec![offer.id.clone()], vec![launch(vec![task])], None)
        .await
        .expect("ACCEPT");
    // The master has the task's first update out to the scheduler; the application has not
    // taken it, so it stays unacknowledged (a crash now would not lose it).
    eventually("the task starts", || {
        matches!(
            cluster.task_state(&id, "slow"),
            Some(TaskState::TaskStarting | TaskState::TaskRunning)
        )
    })
    .await;
    let waited_until = tokio::time::Instant::now() + Duration::from_millis(500);
    while tokio::time::Instant::now() < waited_until {
        assert!(
            cluster.unacknowledged_updates(&id, "slow") >= 1,
            "acknowledged before the application took it"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(cluster.acknowledged_updates(), 0);
    // Taken: acknowledged.
    let status = next_update(&mut events, "slow").await;
    assert!(status.uuid.is_some());
    eventually("the update is acknowledged", || {
        cluster.acknowledged_updates() >= 1
    })
    .await;
    // The stream keeps flowing in order: the next update arrives once the first is acknowledged.
    let next = tokio::time::timeout(DEADLINE, events.next())
        .await
        .expect("an event in time");
    assert!(next.is_some());
    cluster.shutdown();
}

/// The framework id is kept in a file store: a restarted scheduler re-subscribes as the same
/// framework; TEARDOWN clears the store; an id the master removed ends the session with an
/// error that names the choice instead of registering a new framework behind the
/// operator's back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_framework_id_store_keeps_the_id_across_restarts() {
    use mesos_sdk::scheduler::{FileFrameworkIdStore, FrameworkIdStore};
    use std::sync::Arc;
    let cluster = Cluster::builder().start().await.expect("cluster");
    let url = cluster.master_url();
    let dir = std::env::temp_dir().join(format!("framework-id-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("folder");
    let path = dir.join("framework-id");
    let _ = std::fs::remove_file(&path);
    let start = || {
        Session::start(
            config("stored").with_framework_id_store(Arc::new(FileFrameworkIdStore::new(&path))),
            StaticDetector::new(url.parse().expect("url")),
        )
        .expect("start")
    };
    let (first, mut events) = start();
    let (id, resubscribed) = subscribed_as(&mut events).await;
    assert!(!resubscribed);
    let stored = std::fs::read_to_string(&path).expect("the id is stored");
    assert_eq!(stored.trim(), id);
    first.close();
    drop(events);

    let (second, mut events) = start();
    assert_eq!(
        subscribed_as(&mut events).await,
        (id.clone(), true),
        "the same framework"
    );
    second.teardown().await.expect("TEARDOWN");
    assert!(!path.exists(), "a torn-down framework's id is forgotten");
    drop(events);

    // A store that still holds the removed id: the session says what happened and stops.
    FileFrameworkIdStore::new(&path)
        .save(&mesos_sdk::v1::FrameworkId { value: id.clone() })
        .expect("save");
    let (_third, mut events) = start();
    let error = loop {
        match tokio::time::timeout(DEADLINE, events.next())
            .await
            .expect("an event in time")
        {
            Some(Err(error)) => break error,
            Some(Ok(_)) => continue,
            None => panic!("the session ended without an error"),
        }
    };
    assert!(
        matches!(
            &error,
            mesos_sdk::Error::StoredFrameworkIdRemoved { framework_id, .. } if *framework_id == id
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("clear the framework id store"),
        "{error}"
    );
    assert_eq!(
        cluster.framework_ids(),
        Vec::<String>::new(),
        "no new framework"
    );
    let _ = std::fs::remove_dir_all(&dir);
    cluster.shutdown();
}

/// An operation status update that carries a uuid (a RESERVE with an id) is acknowledged by
/// the session once the application takes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(deprecated)] // `Resource.role` and `FrameworkInfo.role`: the pre-refinement format.
async fn operation_status_updates_are_acknowledged() {
    use mesos_sdk::scheduler::TypedEvent;
    use mesos_sdk::v1::offer::{Operation, operation};
    use mesos_sdk::v1::resource::ReservationInfo;
    use mesos_sdk::v1::{OperationId, OperationState, Resource, value};
    let cluster = Cluster::builder()
        .agent_resources("cpus:4;mem:1024")
        .start()
        .await
        .expect("cluster");
    let mut info = framework("operator");
    info.role = Some("web".into());
    info.principal = Some("ops".into());
    let (scheduler, events) = Session::start(
        config_for(info),
        StaticDetector::new(cluster.master_url().parse().expect("url")),
    )
    .expect("start");
    let mut events = events.typed();
    let offer = loop {
        match tokio::time::timeout(DEADLINE, events.next()).await {
            Ok(Some(Ok(TypedEvent::Offers(mut offers)))) => break offers.remove(0),
            Ok(Some(Ok(_))) => continue,
            other => panic!("no offer: {other:?}"),
        }
    };
    let reserve = Operation {
        r#type: Some(operation::Type::Reserve as i32),
        id: Some(OperationId {
            value: "op-1".into(),
        }),
        reserve: Some(operation::Reserve {
            resources: vec![Resource {
                name: "cpus".into(),
                r#type: value::Type::Scalar as i32,
                scalar: Some(value::Scalar { value: 1.0 }),
                role: Some("web".into()),
                reservation: Some(ReservationInfo {
                    principal: Some("ops".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }],
            source: vec![],
        }),
        ..Default::default()
    };
    scheduler
        .accept(vec![offer.id.clone()], vec![reserve], None)
        .await
        .expect("ACCEPT");
    let status = loop {
        match tokio::time::timeout(DEADLINE, events.next()).await {
            Ok(Some(Ok(TypedEvent::UpdateOperationStatus(status)))) => break status,
            Ok(Some(Ok(_))) => continue,
            other => panic!("no operation status: {other:?}"),
        }
    };
    assert_eq!(status.state(), OperationState::OperationFinished);
    assert!(status.uuid.is_some(), "an update to acknowledge");
    eventually("the operation update is acknowledged", || {
        cluster.acknowledged_operation_updates() == 1
    })
    .await;
    eventually("the operation is forgotten", || {
        cluster
            .operation_ids(&scheduler.framework_id().expect("id").value)
            .is_empty()
    })
    .await;
    cluster.shutdown();
}
