//! UPDATE_FRAMEWORK (200 on success, 400 for invalid or immutable changes, offers of removed
//! roles rescinded) and the request body limit.

mod common;

use std::time::Duration;

use common::{Enc, Subscription, bare_call, framework_info, request};
use http::StatusCode;
use mesos_sdk::v1::scheduler::{Call, call};
use mesos_sdk::v1::{FrameworkId, FrameworkInfo, framework_info as fi};
use mesos_sim::Cluster;

fn multi_role(roles: &[&str]) -> FrameworkInfo {
    let mut info = framework_info("multi");
    info.roles = roles.iter().map(|r| r.to_string()).collect();
    info.capabilities = vec![fi::Capability {
        r#type: Some(fi::capability::Type::MultiRole as i32),
    }];
    info
}

fn update_call(framework_id: &str, mut info: FrameworkInfo, suppressed: &[&str]) -> Call {
    info.id = Some(FrameworkId {
        value: framework_id.into(),
    });
    let mut call = bare_call(framework_id, call::Type::UpdateFramework);
    call.update_framework = Some(call::UpdateFramework {
        framework_info: info,
        suppressed_roles: suppressed.iter().map(|r| r.to_string()).collect(),
        offer_constraints: None,
    });
    call
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_framework_is_all_or_nothing_and_rescinds_offers_of_removed_roles() {
    let cluster = Cluster::builder()
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Json, multi_role(&["web"])).await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(
        offer.allocation_info.as_ref().unwrap().role.as_deref(),
        Some("web")
    );

    // The id in the payload must match.
    let mut mismatched = update_call(&s.framework_id, multi_role(&["web"]), &[]);
    mismatched
        .update_framework
        .as_mut()
        .unwrap()
        .framework_info
        .id = Some(FrameworkId {
        value: "other".into(),
    });
    let reply = s.call(&url, &mismatched).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.text(),
        "Failed to validate scheduler::Call: 'framework_id' differs from 'update_framework.framework_info.id'"
    );
    // Immutable fields cannot change; nothing else is applied either.
    let mut new_user = multi_role(&["db"]);
    new_user.user = "someone-else".into();
    let reply = s
        .call(&url, &update_call(&s.framework_id, new_user, &[]))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.text(),
        "FrameworkInfo update is not valid: Updating 'FrameworkInfo.user' is unsupported; \
         attempted to update from 'tester' to 'someone-else'"
    );
    assert_eq!(cluster.state()["frameworks"][0]["roles"][0], "web");
    // Suppressed roles must be among the roles.
    let reply = s
        .call(
            &url,
            &update_call(&s.framework_id, multi_role(&["web"]), &["db"]),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.text(),
        "'UpdateFramework' call is not valid: Suppressed roles { db } are not contained in \
         the set of roles"
    );

    // Moving from "web" to "db": 200 with an empty body, RESCIND of the "web" offer, then a
    // "db" offer.
    let reply = s
        .call(
            &url,
            &update_call(&s.framework_id, multi_role(&["db"]), &[]),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.is_empty());
    assert_eq!(s.next_rescinded().await, offer.id);
    let offer = s.next_offers().await.remove(0);
    assert_eq!(
        offer.allocation_info.as_ref().unwrap().role.as_deref(),
        Some("db")
    );
    assert_eq!(cluster.state()["frameworks"][0]["roles"][0], "db");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_updates_are_400_with_the_stage_that_refused_them() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let mut info = multi_role(&["web"]);
    info.principal = Some("ops".into());
    let s = Subscription::open(&url, Enc::Protobuf, info.clone()).await;
    let framework_id = s.framework_id.clone();
    let send = |call: Call| {
        let url = url.clone();
        let s = &s;
        async move { s.call(&url, &call).await }
    };
    let cases: Vec<(FrameworkInfo, &str)> = vec![
        (
            {
                let mut bad = info.clone();
                bad.roles = vec!["web".into(), "web".into()];
                bad
            },
            "Supplied FrameworkInfo is not valid: 'FrameworkInfo.roles' contains duplicate \
             items: { web }",
        ),
        (
            {
                let mut other = info.clone();
                other.principal = Some("someone".into());
                other
            },
            "FrameworkInfo update is not valid: Changing framework's principal is not allowed.",
        ),
        (
            {
                let mut other = info.clone();
                other.principal = None;
                other
            },
            "FrameworkInfo update is not valid: Changing framework's principal is not allowed.",
        ),
        (
            {
                let mut other = info.clone();
                other.checkpoint = Some(true);
                other
            },
            "FrameworkInfo update is not valid: Updating 'FrameworkInfo.checkpoint' is \
             unsupported; attempted to update from 'false' to 'true'",
        ),
    ];
    for (update, expected) in cases {
        let reply = send(update_call(&framework_id, update, &[])).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{expected}");
        assert_eq!(reply.text(), expected);
    }
    // `checkpoint: false` spelled out is no change; neither is an identical FrameworkInfo.
    let mut same = info.clone();
    same.checkpoint = Some(false);
    let reply = send(update_call(&framework_id, same, &[])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_are_refused_and_the_server_keeps_serving() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let huge = vec![b'x'; 17 * 1024 * 1024];
    let reply = request(
        &url,
        "POST",
        "/api/v1/scheduler",
        &[("Content-Type", "application/json")],
        huge,
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let reply = request(&url, "GET", "/version", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::OK);
}
