//! The scheduler endpoint's status codes, headers and order of checks (mesos-protocol.md §3),
//! over real loopback HTTP in both encodings.

mod common;

use common::{Enc, Subscription, bare_call, framework_info, request, subscribe_call};
use http::StatusCode;
use mesos_sdk::v1::scheduler::call;
use mesos_sim::Cluster;

const SCHEDULER: &str = "/api/v1/scheduler";

async fn cluster() -> Cluster {
    Cluster::builder().agents(1).start().await.expect("start")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn method_content_type_and_body_checks_in_order() {
    let cluster = cluster().await;
    let url = cluster.master_url();
    let subscribe = Enc::Json.encode_call(&subscribe_call(framework_info("f")));

    let get = request(&url, "GET", SCHEDULER, &[], vec![]).await;
    assert_eq!(get.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(get.headers["allow"], "POST");

    // The method is checked before the Content-Type.
    let get_with_garbage = request(
        &url,
        "PUT",
        SCHEDULER,
        &[("Content-Type", "text/plain")],
        b"x".to_vec(),
    )
    .await;
    assert_eq!(get_with_garbage.status, StatusCode::METHOD_NOT_ALLOWED);

    let missing = request(&url, "POST", SCHEDULER, &[], subscribe.clone()).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.text(), "Expecting 'Content-Type' to be present");

    for unsupported in [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/recordio",
    ] {
        let reply = request(
            &url,
            "POST",
            SCHEDULER,
            &[("Content-Type", unsupported)],
            subscribe.clone(),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{unsupported}"
        );
        assert!(
            reply
                .text()
                .contains("application/json or application/x-protobuf")
        );
    }

    let bad_json = request(
        &url,
        "POST",
        SCHEDULER,
        &[("Content-Type", "application/json")],
        b"{not json".to_vec(),
    )
    .await;
    assert_eq!(bad_json.status, StatusCode::BAD_REQUEST);
    assert!(
        bad_json
            .text()
            .starts_with("Failed to parse body into JSON"),
        "{}",
        bad_json.text()
    );

    let bad_proto = request(
        &url,
        "POST",
        SCHEDULER,
        &[("Content-Type", "application/x-protobuf")],
        vec![0xff, 0xff, 0xff],
    )
    .await;
    assert_eq!(bad_proto.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_proto.text(), "Failed to parse body into Call protobuf");

    // Required fields: FrameworkInfo.user and name are required, in both encodings.
    let json_missing = request(
        &url,
        "POST",
        SCHEDULER,
        &[("Content-Type", "application/json")],
        br#"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"name":"x"}}}"#.to_vec(),
    )
    .await;
    assert_eq!(json_missing.status, StatusCode::BAD_REQUEST);
    assert!(
        json_missing
            .text()
            .starts_with("Failed to convert JSON into Call protobuf"),
        "{}",
        json_missing.text()
    );
    // Call{type: SUBSCRIBE (field 2 = 1), subscribe: {} (field 3, empty)}: the required
    // `subscribe.framework_info` is absent, which `ParseFromString` refuses.
    let no_framework_info = vec![0x10, 0x01, 0x1a, 0x00];
    let proto_missing = request(
        &url,
        "POST",
        SCHEDULER,
        &[("Content-Type", "application/x-protobuf")],
        no_framework_info,
    )
    .await;
    assert_eq!(proto_missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        proto_missing.text(),
        "Failed to parse body into Call protobuf"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_then_accept_then_stream_id_rules() {
    let cluster = cluster().await;
    let url = cluster.master_url();
    for enc in [Enc::Json, Enc::Protobuf] {
        let post = |body: Vec<u8>, headers: Vec<(&'static str, String)>| {
            let url = url.clone();
            async move {
                let mut all: Vec<(&str, &str)> = vec![("Content-Type", enc.media())];
                for (k, v) in &headers {
                    all.push((k, v.as_str()));
                }
                request(&url, "POST", SCHEDULER, &all, body).await
            }
        };
        // Missing framework_id on a non-SUBSCRIBE call.
        let mut teardown = bare_call("x", call::Type::Teardown);
        teardown.framework_id = None;
        let reply = post(enc.encode_call(&teardown), vec![]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.text(),
            "Failed to validate scheduler::Call: Expecting 'framework_id' to be present"
        );

        // framework_id differing from subscribe.framework_info.id.
        let mut mismatched = subscribe_call(framework_info("f"));
        mismatched.framework_id = Some(mesos_sdk::v1::FrameworkId { value: "a".into() });
        let reply = post(enc.encode_call(&mismatched), vec![]).await;
        assert_eq!(
            reply.text(),
            "Failed to validate scheduler::Call: 'framework_id' differs from 'subscribe.framework_info.id'"
        );

        // Acknowledge with a uuid that is not 16 bytes.
        let mut ack = bare_call("x", call::Type::Acknowledge);
        ack.acknowledge = Some(call::Acknowledge {
            uuid: vec![7u8; 10].into(),
            ..Default::default()
        });
        let reply = post(enc.encode_call(&ack), vec![]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.text(),
            "Failed to validate scheduler::Call: Not a valid UUID"
        );

        // Validation comes before Accept: a bad call with an unacceptable Accept is a 400.
        let reply = post(
            enc.encode_call(&mismatched),
            vec![("Accept", "text/html".into())],
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);

        // 406 only for SUBSCRIBE (recordio alone is not acceptable either).
        let subscribe = enc.encode_call(&subscribe_call(framework_info("f")));
        for accept in [
            "application/recordio",
            "text/html",
            "application/json;q=0, application/x-protobuf;q=0",
        ] {
            let reply = post(subscribe.clone(), vec![("Accept", accept.into())]).await;
            assert_eq!(reply.status, StatusCode::NOT_ACCEPTABLE, "{accept}");
        }
        let reply = post(
            enc.encode_call(&bare_call("nope", call::Type::Teardown)),
            vec![("Accept", "text/html".into())],
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "other calls never get 406"
        );
        assert_eq!(reply.text(), "Framework cannot be found");

        // SUBSCRIBE must not carry a stream id.
        let reply = post(
            subscribe.clone(),
            vec![(
                "Mesos-Stream-Id",
                "b3a2a8e4-7d7e-4c02-9d0e-6f7d1c6f1a11".into(),
            )],
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.text(),
            "Subscribe calls should not include the 'Mesos-Stream-Id' header"
        );

        // A subscribed framework: missing and wrong stream ids, then 202 with Content-Length 0.
        let subscription = Subscription::open(&url, enc, framework_info("ids")).await;
        let revive = enc.encode_call(&bare_call(&subscription.framework_id, call::Type::Revive));
        let reply = post(revive.clone(), vec![]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            reply.text(),
            "All non-subscribe calls should include the 'Mesos-Stream-Id' header"
        );
        let reply = post(
            revive.clone(),
            vec![("Mesos-Stream-Id", "not-the-stream".into())],
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert!(
            reply.text().starts_with(
                "The stream ID 'not-the-stream' included in this request didn't match"
            ),
            "{}",
            reply.text()
        );
        let reply = post(
            revive,
            vec![("Mesos-Stream-Id", subscription.stream_id.clone())],
        )
        .await;
        assert_eq!(reply.status, StatusCode::ACCEPTED);
        assert_eq!(reply.headers["content-length"], "0");
        assert!(reply.body.is_empty());

        // UNKNOWN is validated (it needs a framework id) and then answered 501.
        let reply = subscription
            .call(
                &url,
                &bare_call(&subscription.framework_id, call::Type::Unknown),
            )
            .await;
        assert_eq!(reply.status, StatusCode::NOT_IMPLEMENTED);
        // A type the schema does not know is a missing type: an unknown number in protobuf,
        // an unknown name (dropped from an optional enum) in JSON.
        let body = match enc {
            Enc::Protobuf => {
                let mut odd = bare_call(&subscription.framework_id, call::Type::Revive);
                odd.r#type = Some(99);
                enc.encode_call(&odd)
            }
            Enc::Json => format!(
                r#"{{"type":"NOT_A_CALL","framework_id":{{"value":"{}"}}}}"#,
                subscription.framework_id
            )
            .into_bytes(),
        };
        let reply = post(
            body,
            vec![("Mesos-Stream-Id", subscription.stream_id.clone())],
        )
        .await;
        assert_eq!(
            reply.text(),
            "Failed to validate scheduler::Call: Expecting 'type' to be present"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_paths_serve_the_scheduler_api() {
    let cluster = cluster().await;
    let url = cluster.master_url();
    for path in ["/api/v1/scheduler", "/master/api/v1/scheduler"] {
        let reply = request(&url, "GET", path, &[], vec![]).await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
    }
    let reply = request(&url, "POST", "/slave(1)/api/v1/scheduler", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authentication_comes_first_and_principals_must_match() {
    let cluster = Cluster::builder()
        .credential("alice", "secret")
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("auth");
    info.principal = Some("alice".into());
    let body = Enc::Json.encode_call(&subscribe_call(info.clone()));

    // Even a GET is a 401 first.
    let reply = request(&url, "GET", SCHEDULER, &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reply.headers["www-authenticate"],
        "Basic realm=\"mesos-master-scheduler\""
    );
    // alice:wrong
    let reply = request(
        &url,
        "POST",
        SCHEDULER,
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Basic YWxpY2U6d3Jvbmc="),
        ],
        body.clone(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // alice:secret, but FrameworkInfo names bob.
    let mut bob = info.clone();
    bob.principal = Some("bob".into());
    let reply = request(
        &url,
        "POST",
        SCHEDULER,
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Basic YWxpY2U6c2VjcmV0"),
        ],
        Enc::Json.encode_call(&subscribe_call(bob)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.text(),
        "Failed to validate scheduler::Call: Authenticated principal 'alice' does not match principal 'bob' set in `FrameworkInfo`"
    );
    // Correct credentials stream.
    let response = common::send(
        &url,
        "POST",
        SCHEDULER,
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Basic YWxpY2U6c2VjcmV0"),
        ],
        body,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn standby_masters_redirect_or_answer_503() {
    let cluster = Cluster::builder().standby_masters(1).start().await.unwrap();
    let standby = cluster.standby_urls().remove(0);
    let leader = cluster.master_addr();
    // Even garbage (wrong method, no Content-Type) gets the redirect: it comes first.
    for path in ["/api/v1/scheduler", "/master/api/v1/scheduler"] {
        let reply = request(
            &standby,
            "GET",
            &format!("{path}?x=1"),
            &[],
            b"garbage".to_vec(),
        )
        .await;
        assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
        // Protocol-relative, the path kept, the query dropped (`basePath + request.url.path`).
        assert_eq!(
            reply.headers["location"],
            format!("//{}:{}{path}", leader.ip(), leader.port())
        );
    }
    let reply = request(&standby, "GET", "/redirect", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.headers["location"],
        format!("//{}:{}", leader.ip(), leader.port())
    );

    cluster.set_standby_knows_leader(0, false).unwrap();
    let reply = request(
        &standby,
        "POST",
        SCHEDULER,
        &[("Content-Type", "application/json")],
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.text(), "No leader elected");
    let reply = request(&standby, "GET", "/master/redirect", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn version_redirect_and_state() {
    let cluster = cluster().await;
    let url = cluster.master_url();
    let addr = cluster.master_addr();

    let reply = request(&url, "GET", "/version", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::OK);
    let version: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(version["version"], "1.11.0");
    assert!(version["build_user"].is_string());

    // The leader redirects to itself; anything below /redirect is a 404.
    let reply = request(&url, "GET", "/redirect", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        reply.headers["location"],
        format!("//{}:{}", addr.ip(), addr.port())
    );
    let reply = request(&url, "GET", "/redirect/api/v1/scheduler", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);

    let subscription = Subscription::open(&url, Enc::Protobuf, framework_info("stateful")).await;
    let reply = request(&url, "GET", "/master/state", &[], vec![]).await;
    assert_eq!(reply.status, StatusCode::OK);
    let state: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(state["version"], "1.11.0");
    assert_eq!(state["activated_slaves"], 1);
    assert_eq!(state["leader"], format!("master@{addr}"));
    assert_eq!(state["leader_info"]["port"], addr.port());
    assert_eq!(state["slaves"][0]["resources"]["cpus"], 4.0);
    assert_eq!(state["slaves"][0]["resources"]["ports"], "[31000-32000]");
    assert_eq!(
        state["frameworks"][0]["id"],
        subscription.framework_id.as_str()
    );
    assert_eq!(state["frameworks"][0]["name"], "stateful");
    assert_eq!(state["frameworks"][0]["active"], true);
    assert_eq!(
        cluster.state()["frameworks"][0]["id"],
        subscription.framework_id.as_str()
    );
}
