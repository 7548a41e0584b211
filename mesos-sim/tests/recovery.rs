//! Registry recovery: while the leading master recovers, its scheduler endpoint answers 503
//! "Master has not finished recovery" after authentication and before every other check
//! (`mesos: src/master/http.cpp` `Master::Http::scheduler`).

mod common;

use std::time::Duration;

use common::{Enc, Subscription, bare_call, framework_info, request, subscribe_call, wait_until};
use http::StatusCode;
use mesos_sdk::v1::scheduler::call;
use mesos_sim::Cluster;

const RECOVERING: &str = "Master has not finished recovery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovering_master_answers_503_after_authentication_and_before_anything_else() {
    let cluster = Cluster::builder()
        .credential("alice", "secret")
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let alice = ("Authorization", "Basic YWxpY2U6c2VjcmV0");
    // Without credentials: 401.
    let refused =
        Subscription::start(&url, Enc::Protobuf, &subscribe_call(framework_info("f"))).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let s = common::send(
        &url,
        "POST",
        "/api/v1/scheduler",
        &[
            ("Content-Type", Enc::Protobuf.media()),
            ("Accept", Enc::Protobuf.media()),
            alice,
        ],
        Enc::Protobuf.encode_call(&subscribe_call(framework_info("f"))),
    )
    .await;
    assert_eq!(s.status(), StatusCode::OK);
    let stream_id = s
        .headers()
        .get("Mesos-Stream-Id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let framework_id = cluster.framework_ids().remove(0);

    cluster.set_recovering(true);
    assert!(cluster.is_recovering());
    // Before the method, media type and body checks.
    let reply = request(&url, "GET", "/api/v1/scheduler", &[alice], vec![]).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.text(), RECOVERING);
    let reply = request(
        &url,
        "POST",
        "/master/api/v1/scheduler",
        &[("Content-Type", "text/plain"), alice],
        b"garbage".to_vec(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    // Authentication still comes first.
    let reply = request(&url, "GET", "/api/v1/scheduler", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Calls of a subscribed framework, in JSON.
    let revive = bare_call(&framework_id, call::Type::Revive);
    let headers = [
        ("Content-Type", Enc::Json.media()),
        ("Mesos-Stream-Id", stream_id.as_str()),
        alice,
    ];
    let send_revive = || {
        request(
            &url,
            "POST",
            "/api/v1/scheduler",
            &headers,
            Enc::Json.encode_call(&revive),
        )
    };
    let reply = send_revive().await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.text(), RECOVERING);

    cluster.set_recovering(false);
    assert!(!cluster.is_recovering());
    let reply = send_revive().await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text());
    drop(s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recovery_delay_applies_at_start_and_after_each_leadership_change() {
    let delay = Duration::from_secs(2);
    let cluster = Cluster::builder()
        .standby_masters(1)
        .recovery_delay(delay)
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let subscribe = |url: String| async move {
        let body = Enc::Json.encode_call(&subscribe_call(framework_info("late")));
        common::send(
            &url,
            "POST",
            "/api/v1/scheduler",
            &[
                ("Content-Type", Enc::Json.media()),
                ("Accept", Enc::Json.media()),
            ],
            body,
        )
        .await
        .status()
    };
    assert!(cluster.is_recovering());
    assert_eq!(
        subscribe(url.clone()).await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    wait_until("the registry is recovered", Duration::from_secs(20), || {
        !cluster.is_recovering()
    })
    .await;
    assert_eq!(subscribe(url.clone()).await, StatusCode::OK);

    // The new leader recovers too; the old one redirects to it meanwhile.
    let standby = cluster.standby_urls().remove(0);
    cluster.fail_over(0).unwrap();
    assert_eq!(cluster.master_url(), standby);
    assert!(cluster.is_recovering());
    assert_eq!(
        subscribe(standby.clone()).await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(subscribe(url.clone()).await, StatusCode::TEMPORARY_REDIRECT);
    wait_until(
        "the new leader has recovered",
        Duration::from_secs(20),
        || !cluster.is_recovering(),
    )
    .await;
    assert_eq!(subscribe(standby).await, StatusCode::OK);
}
