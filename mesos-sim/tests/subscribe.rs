//! SUBSCRIBE streams: framing and headers on the wire, first events, heartbeats (paused
//! time), failover of a second subscriber, refusals, disconnection with its failover timer,
//! and TEARDOWN.

mod common;

use std::time::Duration;

use common::{Enc, Subscription, bare_call, framework_info, subscribe_call, wait_until};
use http::StatusCode;
use mesos_sdk::v1::FrameworkId;
use mesos_sdk::v1::scheduler::{call, event};
use mesos_sim::Cluster;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads from a raw socket until `needle` appears (or panics after 10 s).
async fn read_until(stream: &mut TcpStream, buffer: &mut Vec<u8>, needle: &[u8]) {
    tokio::time::timeout(Duration::from_secs(10), async {
        while !buffer.windows(needle.len()).any(|w| w == needle) {
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await.expect("read");
            assert!(
                n > 0,
                "connection closed before {:?}",
                String::from_utf8_lossy(needle)
            );
            buffer.extend_from_slice(&chunk[..n]);
        }
    })
    .await
    .expect("data in time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_stream_is_chunked_recordio_with_a_uuid_stream_id_even_with_connection_close() {
    let cluster = Cluster::builder().start().await.unwrap();
    for enc in [Enc::Json, Enc::Protobuf] {
        let body = enc.encode_call(&subscribe_call(framework_info("raw")));
        let mut stream = TcpStream::connect(cluster.master_addr()).await.unwrap();
        // What pymesos sends: Content-Length and `Connection: close`.
        let head = format!(
            "POST /api/v1/scheduler HTTP/1.1\r\nHost: {}\r\nContent-Type: {}\r\nAccept: {}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
            cluster.master_addr(),
            enc.media(),
            enc.media(),
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&body).await.unwrap();
        let mut buffer = Vec::new();
        read_until(&mut stream, &mut buffer, b"\r\n\r\n").await;
        let text = String::from_utf8_lossy(&buffer).to_ascii_lowercase();
        let head_end = text.find("\r\n\r\n").unwrap();
        let head = &text[..head_end];
        assert!(head.starts_with("http/1.1 200 ok"), "{head}");
        assert!(head.contains("transfer-encoding: chunked"), "{head}");
        assert!(!head.contains("content-length"), "{head}");
        assert!(
            head.contains(&format!("content-type: {}", enc.media())),
            "{head}"
        );
        let stream_id = head
            .lines()
            .find_map(|l| l.strip_prefix("mesos-stream-id: "))
            .expect("Mesos-Stream-Id header");
        let parsed = uuid::Uuid::parse_str(stream_id).expect("a UUID");
        assert_eq!(
            parsed.hyphenated().to_string(),
            stream_id,
            "canonical 36-character form"
        );
        // The first chunk carries `<length>\n<SUBSCRIBED>`: no CR, no separator after data.
        read_until(&mut stream, &mut buffer, b"\n").await;
        let body_start = head_end + 4;
        let chunk_line_end = body_start
            + buffer[body_start..]
                .windows(2)
                .position(|w| w == b"\r\n")
                .unwrap();
        let chunk_size = usize::from_str_radix(
            std::str::from_utf8(&buffer[body_start..chunk_line_end]).unwrap(),
            16,
        )
        .unwrap();
        let chunk_start = chunk_line_end + 2;
        while buffer.len() < chunk_start + chunk_size {
            let mut more = [0u8; 4096];
            let n = stream.read(&mut more).await.unwrap();
            assert!(n > 0);
            buffer.extend_from_slice(&more[..n]);
        }
        let chunk = &buffer[chunk_start..chunk_start + chunk_size];
        let newline = chunk.iter().position(|b| *b == b'\n').unwrap();
        let length: usize = std::str::from_utf8(&chunk[..newline])
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            length,
            chunk.len() - newline - 1,
            "one record per chunk, exactly framed"
        );
        let event = enc.decode_event(&chunk[newline + 1..]);
        assert_eq!(event.r#type(), event::Type::Subscribed);
        let subscribed = event.subscribed.unwrap();
        assert_eq!(subscribed.heartbeat_interval_seconds, Some(15.0));
        assert_eq!(
            subscribed.master_info.unwrap().port,
            u32::from(cluster.master_addr().port())
        );
        if enc == Enc::Json {
            // The JSON payload sits under its lowercase key.
            let json: serde_json::Value = serde_json::from_slice(&chunk[newline + 1..]).unwrap();
            assert_eq!(json["type"], "SUBSCRIBED");
            assert!(json["subscribed"]["framework_id"]["value"].is_string());
        }
    }
}

#[tokio::test(start_paused = true)]
async fn subscribed_then_heartbeat_at_once_then_every_interval() {
    let cluster = Cluster::builder()
        .heartbeat_interval(Duration::from_secs(7))
        .agents(0)
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut subscription =
        Subscription::start(&url, Enc::Protobuf, &subscribe_call(framework_info("hb"))).await;
    let first = subscription.next().await.unwrap();
    assert_eq!(first.r#type(), event::Type::Subscribed);
    assert_eq!(
        first.subscribed.unwrap().heartbeat_interval_seconds,
        Some(7.0)
    );
    let start = tokio::time::Instant::now();
    assert_eq!(
        subscription.next().await.unwrap().r#type(),
        event::Type::Heartbeat
    );
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "the first heartbeat is immediate"
    );
    for n in 1..=3u32 {
        assert_eq!(
            subscription.next().await.unwrap().r#type(),
            event::Type::Heartbeat
        );
        let elapsed = start.elapsed();
        assert!(
            elapsed >= Duration::from_secs(7) * n
                && elapsed < Duration::from_secs(7) * n + Duration::from_secs(1),
            "heartbeat {n} at {elapsed:?}"
        );
    }
    // Fault: heartbeats stop, the stream stays open and silent.
    cluster.set_heartbeats_stopped(true);
    let silent = subscription.next_within(Duration::from_secs(60)).await;
    assert!(
        silent.is_none(),
        "no event while heartbeats are stopped: {silent:?}"
    );
    cluster.set_heartbeats_stopped(false);
    assert_eq!(
        subscription.next().await.unwrap().r#type(),
        event::Type::Heartbeat
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_subscriber_fails_the_first_over() {
    let cluster = Cluster::builder()
        .agents(1)
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    for enc in [Enc::Json, Enc::Protobuf] {
        let mut first = Subscription::open(&url, enc, framework_info("fo")).await;
        first.next_of(event::Type::Offers).await;
        assert_eq!(cluster.offer_ids(&first.framework_id).len(), 1);

        let mut info = framework_info("fo");
        info.id = Some(FrameworkId {
            value: first.framework_id.clone(),
        });
        let mut second = Subscription::open(&url, enc, info).await;
        assert_eq!(second.framework_id, first.framework_id);
        assert_ne!(
            second.stream_id, first.stream_id,
            "a new stream id per subscription"
        );

        // The old stream gets ERROR "Framework failed over" (no RESCIND) and ends.
        let error = first
            .next_non_heartbeat()
            .await
            .expect("ERROR on the old stream");
        assert_eq!(error.r#type(), event::Type::Error);
        assert_eq!(error.error.unwrap().message, "Framework failed over");
        assert!(first.next().await.is_none(), "the old stream closes");

        // The old stream id is now stale; the new one works.
        let revive = bare_call(&first.framework_id, call::Type::Revive);
        assert_eq!(
            first.call(&url, &revive).await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            second.call(&url, &revive).await.status,
            StatusCode::ACCEPTED
        );
        // The offers were regenerated for the new subscription.
        let offers = second.next_of(event::Type::Offers).await;
        assert_eq!(offers.offers.unwrap().offers.len(), 1);
        let teardown = bare_call(&second.framework_id, call::Type::Teardown);
        assert_eq!(
            second.call(&url, &teardown).await.status,
            StatusCode::ACCEPTED
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_ids_are_recovered_and_removed_ids_refused() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("recovered");
    info.id = Some(FrameworkId {
        value: "from-another-master".into(),
    });
    let mut subscription = Subscription::open(&url, Enc::Json, info.clone()).await;
    assert_eq!(subscription.framework_id, "from-another-master");

    let teardown = bare_call(&subscription.framework_id, call::Type::Teardown);
    assert_eq!(
        subscription.call(&url, &teardown).await.status,
        StatusCode::ACCEPTED
    );
    // TEARDOWN closes the stream.
    while let Some(event) = subscription.next().await {
        assert_ne!(event.r#type(), event::Type::Error, "{event:?}");
    }
    assert!(cluster.framework_ids().is_empty());
    // Calls for it now find no framework.
    assert_eq!(
        subscription.call(&url, &teardown).await.text(),
        "Framework cannot be found"
    );

    // Re-subscribing a removed framework: 200, one ERROR, then the stream closes.
    let mut refused = Subscription::start(&url, Enc::Json, &subscribe_call(info)).await;
    assert_eq!(refused.status, StatusCode::OK);
    let error = refused.next().await.unwrap();
    assert_eq!(error.error.unwrap().message, "Framework has been removed");
    assert!(refused.next().await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn framework_level_refusals_are_an_error_event() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let mut roles_without_capability = framework_info("roles");
    roles_without_capability.roles = vec!["a".into()];
    let mut bad_role = framework_info("role");
    #[allow(deprecated)] // `role` is deprecated but still part of the wire contract.
    {
        bad_role.role = Some("a//b".into());
    }
    // Framework ids become path components on agents: `validateFrameworkId`.
    let with_id = |id: &str| {
        let mut info = framework_info("id");
        info.id = Some(FrameworkId { value: id.into() });
        subscribe_call(info)
    };
    let mut suppressed = subscribe_call(framework_info("suppressed"));
    suppressed.subscribe.as_mut().unwrap().suppressed_roles = vec!["elsewhere".into()];
    for (call, expected) in [
        (
            subscribe_call(roles_without_capability),
            "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable",
        ),
        (
            subscribe_call(bad_role),
            "'FrameworkInfo.role' is not a valid role",
        ),
        (
            with_id("../../../tmp/escape"),
            "'../../../tmp/escape' contains invalid characters",
        ),
        (with_id(".."), "'..' is disallowed"),
        (
            with_id(&"x".repeat(256)),
            "ID must not be greater than 255 characters",
        ),
        (
            suppressed,
            "Suppressed roles { elsewhere } are not contained in the set of roles",
        ),
    ] {
        let mut subscription = Subscription::start(&url, Enc::Protobuf, &call).await;
        assert_eq!(subscription.status, StatusCode::OK);
        let event = subscription.next().await.unwrap();
        assert_eq!(event.r#type(), event::Type::Error);
        let message = event.error.unwrap().message;
        assert!(message.starts_with(expected), "{message}");
        assert!(subscription.next().await.is_none());
    }
    assert!(cluster.framework_ids().is_empty());

    // An empty id asks for a new framework, as no id does.
    let mut info = framework_info("empty-id");
    info.id = Some(FrameworkId {
        value: String::new(),
    });
    let subscription = Subscription::open(&url, Enc::Json, info).await;
    assert!(!subscription.framework_id.is_empty());
    assert_eq!(cluster.framework_ids(), vec![subscription.framework_id]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_stream_gives_403_until_resubscribed() {
    let cluster = Cluster::builder()
        .heartbeat_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("drop");
    info.failover_timeout = Some(3600.0);
    let subscription = Subscription::open(&url, Enc::Json, info.clone()).await;
    let id = subscription.framework_id.clone();
    let stream_id = subscription.stream_id.clone();
    // The client goes away.
    drop(subscription);
    wait_until("the master notices", Duration::from_secs(10), || {
        !cluster.is_connected(&id)
    })
    .await;
    let reply = common::call(
        &url,
        Enc::Json,
        &stream_id,
        &bare_call(&id, call::Type::Revive),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.text(), "Framework is not subscribed");
    assert_eq!(
        cluster.framework_ids(),
        vec![id.clone()],
        "kept within the failover timeout"
    );

    // Fault injection does the same from the master's side; the stream ends cleanly.
    info.id = Some(FrameworkId { value: id.clone() });
    let mut again = Subscription::open(&url, Enc::Json, info).await;
    cluster.drop_subscription(&id).unwrap();
    while let Some(event) = again.next().await {
        assert_ne!(event.r#type(), event::Type::Error, "{event:?}");
    }
    assert_eq!(
        again
            .call(&url, &bare_call(&id, call::Type::Revive))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(start_paused = true)]
async fn the_failover_timeout_removes_a_disconnected_framework() {
    let cluster = Cluster::builder().agents(0).start().await.unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("timeout");
    info.failover_timeout = Some(600.0);
    let subscription = Subscription::open(&url, Enc::Protobuf, info).await;
    let id = subscription.framework_id.clone();
    cluster.drop_subscription(&id).unwrap();
    let dropped = tokio::time::Instant::now();
    wait_until("the framework is removed", Duration::from_secs(900), || {
        cluster.framework_ids().is_empty()
    })
    .await;
    let waited = dropped.elapsed();
    assert!(
        waited >= Duration::from_secs(600) && waited < Duration::from_secs(601),
        "{waited:?}"
    );
    assert_eq!(
        cluster.state()["completed_frameworks"][0]["id"],
        id.as_str()
    );
}
