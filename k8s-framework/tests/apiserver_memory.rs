//! The API server's memory is bounded in bytes: all stored objects together (a full store
//! refuses writes as kube-apiserver does when etcd is past its quota, and still deletes), each
//! object whatever the write path, the history kept for watches (older watches get 410), and
//! each watch's queue (a client that stops reading is closed, its place freed, and writers and
//! other watchers go on).

mod common;

use bytes::Bytes;
use common::{DEADLINE, Harness, eventually, pod};
use futures_util::{StreamExt, TryStreamExt};
use http_body_util::BodyExt;
use k8s_framework::apiserver::ApiServerConfig;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Pod};
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams, WatchEvent, WatchParams};
use serde_json::{Value, json};

/// Sends a raw request and returns (status, body).
async fn raw(
    h: &Harness,
    method: &str,
    path: &str,
    content_type: &str,
    body: Value,
) -> (u16, Bytes) {
    let req = http::Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", content_type)
        .body(kube::client::Body::from(body.to_string().into_bytes()))
        .expect("request");
    let resp = tokio::time::timeout(DEADLINE, h.client.send(req))
        .await
        .expect("in time")
        .expect("response");
    let status = resp.status().as_u16();
    let body = resp.into_body().collect().await.expect("body").to_bytes();
    (status, body)
}

/// The start of a body, for a failure message.
fn short(body: &Bytes) -> String {
    String::from_utf8_lossy(body).chars().take(300).collect()
}

fn configmap(name: &str, data: &str) -> ConfigMap {
    serde_json::from_value(json!({"metadata": {"name": name}, "data": {"k": data}})).expect("cm")
}

/// What kube-apiserver answers when etcd refuses a write for its space quota.
const SPACE_EXCEEDED: &str = "etcdserver: mvcc: database space exceeded";

fn is_space_exceeded(err: &kube::Error) -> bool {
    matches!(
        err,
        kube::Error::Api(e) if e.code == 500 && e.reason.is_empty() && e.message == SPACE_EXCEEDED
    )
}

#[tokio::test]
async fn a_full_store_refuses_writes_as_etcd_past_its_quota_until_something_is_deleted() {
    const BUDGET: usize = 1024 * 1024;
    let h = Harness::with_config(ApiServerConfig::default().with_max_storage_bytes(BUDGET)).await;
    let cms: Api<ConfigMap> = Api::default_namespaced(h.client.clone());
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    // A pod on a node: deleting it is graceful (it gets a deletionTimestamp and stays).
    pods.create(&PostParams::default(), &pod("p", "default-scheduler"))
        .await
        .expect("pod");
    let (code, _) = raw(
        &h,
        "POST",
        "/api/v1/namespaces/default/pods/p/binding",
        "application/json",
        json!({"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "p"},
            "target": {"kind": "Node", "name": "n1"}}),
    )
    .await;
    assert_eq!(code, 201);

    // Fill the store with 100 KiB configmaps until it refuses one, then with 512 bytes ones:
    // less than 1 KiB is left.
    let data = "x".repeat(100 * 1024);
    let mut created = 0;
    for size in [100 * 1024, 512] {
        let data = "x".repeat(size);
        let refused = loop {
            assert!(created < 100, "a 1 MiB store took {created} configmaps");
            match cms
                .create(
                    &PostParams::default(),
                    &configmap(&format!("c{created}"), &data),
                )
                .await
            {
                Ok(_) => created += 1,
                Err(e) => break e,
            }
        };
        assert!(is_space_exceeded(&refused), "{refused:?}");
    }
    assert!(created >= 5, "only {created} fitted");
    assert!(h.server.stored_bytes() <= BUDGET);
    let kib = "y".repeat(1024);

    // The exact Status: a 500 without a reason, as kube-apiserver passes etcd's error on.
    let (code, body) = raw(
        &h,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        "application/json",
        json!({"metadata": {"name": "small"}, "data": {"k": kib}}),
    )
    .await;
    assert_eq!(code, 500);
    let status: Value = serde_json::from_slice(&body).expect("a Status");
    assert_eq!(
        status,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": SPACE_EXCEEDED, "code": 500})
    );
    // Real kubectl shows it as it would from a real cluster.
    let literal = format!("--from-literal=k={kib}");
    let (exit, _, stderr) = h
        .run_kubectl(&["create", "configmap", "small", &literal])
        .await;
    assert_ne!(exit, 0);
    assert!(stderr.contains(SPACE_EXCEEDED), "{stderr}");
    // A patch that grows an object is refused too.
    let grown = cms
        .patch(
            "c0",
            &PatchParams::default(),
            &Patch::Strategic(json!({"data": {"more": data}})),
        )
        .await
        .unwrap_err();
    assert!(is_space_exceeded(&grown), "{grown:?}");

    // Deletions always work: a graceful one (which writes a deletionTimestamp) and a plain one.
    pods.delete("p", &DeleteParams::default())
        .await
        .expect("graceful delete in a full store");
    let p = pods.get("p").await.expect("still there, terminating");
    assert!(p.metadata.deletion_timestamp.is_some());
    for name in ["c0", "c1"] {
        cms.delete(name, &DeleteParams::default())
            .await
            .expect("delete in a full store");
    }
    // ... and free room for the next writes.
    cms.create(&PostParams::default(), &configmap("again", &data))
        .await
        .expect("room again after a delete");
    let (exit, _, stderr) = h
        .run_kubectl(&["create", "configmap", "small", &literal])
        .await;
    assert_eq!(exit, 0, "{stderr}");
    assert!(h.server.stored_bytes() <= BUDGET);
}

#[tokio::test]
async fn the_object_size_limit_holds_for_binding_and_status_writes() {
    // Bodies under the limit that make a stored object over it.
    let h = Harness::with_config(ApiServerConfig::default().with_max_body_bytes(64 * 1024)).await;
    let pods: Api<Pod> = Api::default_namespaced(h.client.clone());
    let big = "x".repeat(40 * 1024);
    // 40 KiB in the spec, which a status write keeps and a binding does not touch.
    let mut p = pod("p", "default-scheduler");
    if let Some(spec) = p.spec.as_mut() {
        spec.containers[0].args = Some(vec![big.clone()]);
    }
    pods.create(&PostParams::default(), &p)
        .await
        .expect("create");

    // pods/status: the spec is kept from the stored pod, the status comes from the body.
    let (code, body) = raw(
        &h,
        "PUT",
        "/api/v1/namespaces/default/pods/p/status",
        "application/json",
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
            "status": {"phase": "Pending", "message": big}}),
    )
    .await;
    assert_eq!(code, 413, "{}", short(&body));
    let status: Value = serde_json::from_slice(&body).expect("a Status");
    assert_eq!(status["reason"], "RequestEntityTooLarge");
    assert_eq!(
        status["message"],
        "Request entity too large: limit is 65536"
    );

    // pods/binding: its annotations are added to the pod's.
    let (code, body) = raw(
        &h,
        "POST",
        "/api/v1/namespaces/default/pods/p/binding",
        "application/json",
        json!({"apiVersion": "v1", "kind": "Binding",
            "metadata": {"name": "p", "annotations": {"b": big}},
            "target": {"kind": "Node", "name": "n1"}}),
    )
    .await;
    assert_eq!(code, 413, "{}", short(&body));

    // Nothing was written; a binding that fits still works.
    let stored = pods.get("p").await.expect("get");
    assert!(stored.spec.unwrap().node_name.is_none());
    let (code, _) = raw(
        &h,
        "POST",
        "/api/v1/namespaces/default/pods/p/binding",
        "application/json",
        json!({"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "p"},
            "target": {"kind": "Node", "name": "n1"}}),
    )
    .await;
    assert_eq!(code, 201);
}

#[tokio::test]
async fn history_trimmed_by_bytes_expires_older_watches_with_410() {
    // The count limit (10 000) is far away; only bytes trim the history here.
    let h = Harness::with_config(ApiServerConfig::default().with_history_bytes(256 * 1024)).await;
    let cms: Api<ConfigMap> = Api::default_namespaced(h.client.clone());
    let first = cms
        .create(&PostParams::default(), &configmap("c", "v"))
        .await
        .expect("create");
    let rv0: u64 = first.metadata.resource_version.unwrap().parse().unwrap();
    let mut last = 0;
    for i in 0..40 {
        // Each change counts the object after and before it: about 20 KiB.
        let data = format!("{i}{}", "x".repeat(10 * 1024));
        let cm = cms
            .patch(
                "c",
                &PatchParams::default(),
                &Patch::Merge(json!({"data": {"k": data}})),
            )
            .await
            .expect("patch");
        last = cm.metadata.resource_version.unwrap().parse().unwrap();
    }
    let mut old = cms
        .watch(&WatchParams::default(), &rv0.to_string())
        .await
        .expect("watch")
        .boxed();
    let ev = tokio::time::timeout(DEADLINE, old.try_next())
        .await
        .expect("in time")
        .expect("ok")
        .expect("event");
    let WatchEvent::Error(e) = ev else {
        panic!("expected ERROR 410, got {ev:?}")
    };
    assert_eq!((e.code, e.reason.as_str()), (410, "Expired"));
    let floor: u64 = e
        .message
        .strip_prefix(&format!("too old resource version: {rv0} ("))
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected message {:?}", e.message));
    assert!(rv0 < floor && floor < last, "{rv0} < {floor} < {last}");
    // From just before the newest change, a watch still works.
    let mut recent = cms
        .watch(&WatchParams::default(), &(last - 1).to_string())
        .await
        .expect("watch")
        .boxed();
    let ev = tokio::time::timeout(DEADLINE, recent.try_next())
        .await
        .expect("in time")
        .expect("ok")
        .expect("event");
    assert!(matches!(ev, WatchEvent::Modified(_)), "{ev:?}");
}

#[tokio::test]
async fn a_watch_that_stops_reading_is_closed_and_frees_its_place_while_writes_go_on() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // The count limit (1 000 events) is far away; only bytes fill the queue here.
    let h = Harness::with_config(ApiServerConfig::default().with_watcher_queue_bytes(1024 * 1024))
        .await;
    let namespaces: Api<Namespace> = Api::all(h.client.clone());
    namespaces
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": "other"}})).unwrap(),
        )
        .await
        .expect("namespace");
    let cms: Api<ConfigMap> = Api::default_namespaced(h.client.clone());
    let others: Api<ConfigMap> = Api::namespaced(h.client.clone(), "other");
    cms.create(&PostParams::default(), &configmap("big", "v"))
        .await
        .expect("create");

    // A watcher that keeps reading, elsewhere.
    let mut healthy = others
        .watch(&WatchParams::default(), "0")
        .await
        .expect("watch")
        .boxed();
    // A client that asks for a watch and never reads (a small receive buffer, so that the
    // kernel does not hold much for it either).
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(4096).expect("SO_RCVBUF");
    let mut stuck = socket.connect(h.server.addr()).await.expect("connect");
    stuck
        .write_all(
            b"GET /api/v1/namespaces/default/configmaps?watch=true HTTP/1.1\r\nHost: k8sm\r\n\r\n",
        )
        .await
        .expect("request");
    eventually("both watches to be registered", || {
        let n = h.server.watcher_count();
        async move { (n == 2).then_some(()) }
    })
    .await;

    // Changes of 256 KiB (counted twice: after and before) fill the 1 MiB queue once the
    // socket buffers are full; every write must go through without waiting for the client.
    let mut written = 0;
    while h.server.watcher_count() == 2 {
        assert!(
            written < 200,
            "the stuck watch outlived {written} changes of 256 KiB"
        );
        let data = format!("{written}{}", "x".repeat(256 * 1024));
        tokio::time::timeout(
            DEADLINE,
            cms.patch(
                "big",
                &PatchParams::default(),
                &Patch::Merge(json!({"data": {"k": data}})),
            ),
        )
        .await
        .expect("a write never waits on a stuck watcher")
        .expect("patch");
        tokio::time::timeout(
            DEADLINE,
            others.create(
                &PostParams::default(),
                &configmap(&format!("o{written}"), "v"),
            ),
        )
        .await
        .expect("in time")
        .expect("create elsewhere");
        written += 1;
    }
    assert_eq!(
        h.server.watcher_count(),
        1,
        "the stuck watch's place is free"
    );

    // The server closed the stuck client's connection: what it had sent, then the end.
    let closed = tokio::time::timeout(DEADLINE, async {
        let mut buf = vec![0; 64 * 1024];
        loop {
            match stuck.read(&mut buf).await {
                Ok(0) => return Ok(()),
                Ok(_) => continue,
                Err(e) => return Err(e),
            }
        }
    })
    .await
    .expect("the server closed the connection");
    if let Err(e) = closed {
        assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}");
    }

    // The other watch saw every change in its namespace, in order.
    for i in 0..written {
        let ev = tokio::time::timeout(DEADLINE, healthy.try_next())
            .await
            .expect("in time")
            .expect("ok")
            .expect("event");
        match ev {
            WatchEvent::Added(cm) => {
                assert_eq!(cm.metadata.name, Some(format!("o{i}")));
            }
            other => panic!("expected ADDED o{i}, got {other:?}"),
        }
    }
    // And the server goes on.
    cms.create(&PostParams::default(), &configmap("after", "v"))
        .await
        .expect("create after");
}
