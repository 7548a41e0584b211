//! Malformed, unknown, invalid and oversized requests get kube-apiserver's status codes and
//! `Status` bodies, and the server goes on serving. Also: bearer tokens, and the `k8sm` binary.

mod common;

use bytes::Bytes;
use common::{DEADLINE, Harness};
use http_body_util::BodyExt;
use k8s_framework::apiserver::ApiServerConfig;
use serde_json::{Value, json};

/// Sends a raw request and returns (status, content type, body).
async fn raw(
    h: &Harness,
    method: &str,
    path: &str,
    content_type: &str,
    body: impl Into<Vec<u8>>,
) -> (u16, String, Bytes) {
    let req = http::Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", content_type)
        .body(kube::client::Body::from(body.into()))
        .expect("request");
    let resp = tokio::time::timeout(DEADLINE, h.client.send(req))
        .await
        .expect("in time")
        .expect("response");
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = resp.into_body().collect().await.expect("body").to_bytes();
    (status, ct, body)
}

fn status_of(body: &Bytes) -> Value {
    let v: Value = serde_json::from_slice(body).expect("a JSON Status");
    assert_eq!(v["kind"], "Status");
    assert_eq!(v["apiVersion"], "v1");
    v
}

const PODS: &str = "/api/v1/namespaces/default/pods";

#[tokio::test]
async fn malformed_bodies_are_400() {
    let h = Harness::start().await;
    let (code, ct, body) = raw(&h, "POST", PODS, "application/json", "{\"kind\": ").await;
    assert_eq!((code, ct.as_str()), (400, "application/json"));
    let s = status_of(&body);
    assert_eq!(
        (
            s["status"].as_str(),
            s["reason"].as_str(),
            s["code"].as_u64()
        ),
        (Some("Failure"), Some("BadRequest"), Some(400))
    );
    assert!(
        s["message"]
            .as_str()
            .unwrap()
            .starts_with("couldn't get version/kind; json parse error"),
        "{s}"
    );

    let (code, _, body) = raw(
        &h,
        "POST",
        PODS,
        "application/yaml",
        "kind: Pod\nmetadata: [x\n",
    )
    .await;
    assert_eq!(code, 400);
    assert_eq!(status_of(&body)["reason"], "BadRequest");

    let (code, _, body) = raw(&h, "POST", PODS, "application/json", "[1, 2]").await;
    assert_eq!(code, 400);
    assert_eq!(status_of(&body)["reason"], "BadRequest");

    let wrong_type = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": "nginx"}});
    let (code, _, body) = raw(&h, "POST", PODS, "application/json", wrong_type.to_string()).await;
    assert_eq!(code, 400);
    assert!(
        status_of(&body)["message"]
            .as_str()
            .unwrap()
            .starts_with("Pod in version \"v1\" cannot be handled as a Pod:")
    );

    let (code, _, body) = raw(
        &h,
        "POST",
        PODS,
        "application/json",
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}).to_string(),
    )
    .await;
    assert_eq!(code, 400);
    assert_eq!(status_of(&body)["reason"], "BadRequest");
    still_serving(&h).await;
}

#[tokio::test]
async fn unknown_kinds_are_404() {
    let h = Harness::start().await;
    let (code, ct, body) = raw(
        &h,
        "POST",
        "/api/v1/namespaces/default/widgets",
        "application/json",
        "{}",
    )
    .await;
    assert_eq!((code, ct.as_str()), (404, "application/json"));
    let s = status_of(&body);
    assert_eq!(s["reason"], "NotFound");
    assert_eq!(
        s["message"],
        "the server could not find the requested resource"
    );
    // Unserved groups are not there at all: the plain 404 page.
    let (code, ct, body) = raw(
        &h,
        "GET",
        "/apis/apps/v1/namespaces/default/deployments",
        "",
        "",
    )
    .await;
    assert_eq!(
        (code, ct.as_str(), &body[..]),
        (
            404,
            "text/plain; charset=utf-8",
            &b"404 page not found\n"[..]
        )
    );
    let (code, _, body) = raw(&h, "GET", "/api/v1/namespaces/default/pods/nope", "", "").await;
    assert_eq!(code, 404);
    let s = status_of(&body);
    assert_eq!(s["message"], "pods \"nope\" not found");
    assert_eq!(s["details"], json!({"name": "nope", "kind": "pods"}));
    let (code, _, body) = raw(&h, "PUT", PODS, "application/json", "{}").await;
    assert_eq!(code, 405);
    assert_eq!(status_of(&body)["reason"], "MethodNotAllowed");
    still_serving(&h).await;
}

#[tokio::test]
async fn invalid_names_and_objects_are_422() {
    let h = Harness::start().await;
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "Not_Valid"},
        "spec": {"containers": [{"name": "c", "image": "busybox"}]}});
    let (code, _, body) = raw(&h, "POST", PODS, "application/json", pod.to_string()).await;
    assert_eq!(code, 422);
    let s = status_of(&body);
    assert_eq!(s["reason"], "Invalid");
    assert_eq!(s["details"]["name"], "Not_Valid");
    assert_eq!(s["details"]["kind"], "Pod");
    assert_eq!(s["details"]["causes"][0]["field"], "metadata.name");
    assert_eq!(s["details"]["causes"][0]["reason"], "FieldValueInvalid");
    let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a.b"}});
    let (code, _, body) = raw(
        &h,
        "POST",
        "/api/v1/namespaces",
        "application/json",
        ns.to_string(),
    )
    .await;
    assert_eq!(code, 422);
    assert!(
        status_of(&body)["message"]
            .as_str()
            .unwrap()
            .contains("a lowercase RFC 1123 label")
    );
    let no_image = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}]}});
    let (code, _, body) = raw(&h, "POST", PODS, "application/json", no_image.to_string()).await;
    assert_eq!(code, 422);
    assert_eq!(
        status_of(&body)["message"],
        "Pod \"p\" is invalid: spec.containers[0].image: Required value"
    );
    still_serving(&h).await;
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let h = Harness::with_config(ApiServerConfig::default().with_max_body_bytes(64 * 1024)).await;
    let big = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "big"}, "data": {"k": "x".repeat(100 * 1024)}});
    let (code, _, body) = raw(
        &h,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        "application/json",
        big.to_string(),
    )
    .await;
    assert_eq!(code, 413);
    let s = status_of(&body);
    assert_eq!(s["reason"], "RequestEntityTooLarge");
    assert_eq!(s["message"], "Request entity too large: limit is 65536");
    still_serving(&h).await;
}

#[tokio::test]
async fn patch_errors() {
    let h = Harness::start().await;
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"a": "1"}},
        "spec": {"containers": [{"name": "c", "image": "busybox"}]}});
    let (code, _, _) = raw(&h, "POST", PODS, "application/json", pod.to_string()).await;
    assert_eq!(code, 201);
    let path = format!("{PODS}/p");
    let (code, _, body) = raw(
        &h,
        "PATCH",
        &path,
        "application/json-patch+json",
        r#"[{"op":"test","path":"/metadata/labels/a","value":"2"}]"#,
    )
    .await;
    assert_eq!(code, 422);
    assert_eq!(status_of(&body)["status"], "Failure");
    let (code, _, body) = raw(
        &h,
        "PATCH",
        &path,
        "application/json-patch+json",
        r#"[{"op":"replace","path":"/metadata/labels/a","value":"2"}]"#,
    )
    .await;
    assert_eq!(code, 200);
    let patched: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(patched["metadata"]["labels"]["a"], "2");
    let (code, _, body) = raw(&h, "PATCH", &path, "text/plain", "{}").await;
    assert_eq!(code, 415);
    assert_eq!(status_of(&body)["reason"], "UnsupportedMediaType");
    let (code, _, body) = raw(&h, "PATCH", &path, "application/merge-patch+json", "{").await;
    assert_eq!(code, 400);
    assert_eq!(status_of(&body)["reason"], "BadRequest");
    let stale = json!({"metadata": {"resourceVersion": "1"}, "spec": {"activeDeadlineSeconds": 5}});
    let (code, _, body) = raw(
        &h,
        "PATCH",
        &path,
        "application/merge-patch+json",
        stale.to_string(),
    )
    .await;
    assert_eq!(code, 409);
    assert_eq!(status_of(&body)["reason"], "Conflict");
    let mismatch = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "q"}, "spec": {"containers": [{"name": "c", "image": "busybox"}]}});
    let (code, _, body) = raw(&h, "PUT", &path, "application/json", mismatch.to_string()).await;
    assert_eq!(code, 400);
    assert_eq!(
        status_of(&body)["message"],
        "the name of the object (q) does not match the name on the URL (p)"
    );
    // Unknown fields: Strict refuses, the default (Warn) drops them and says so in a Warning header.
    let unknown =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "u"}, "bogus": 1});
    let (code, _, body) = raw(
        &h,
        "POST",
        "/api/v1/namespaces/default/configmaps?fieldValidation=Strict",
        "application/json",
        unknown.to_string(),
    )
    .await;
    assert_eq!(code, 400);
    assert_eq!(
        status_of(&body)["message"],
        "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"bogus\""
    );
    let req = http::Request::builder()
        .method("POST")
        .uri("/api/v1/namespaces/default/configmaps")
        .header("content-type", "application/json")
        .body(kube::client::Body::from(unknown.to_string().into_bytes()))
        .unwrap();
    let resp = h.client.send(req).await.expect("send");
    assert_eq!(resp.status().as_u16(), 201);
    assert_eq!(
        resp.headers().get("warning").and_then(|v| v.to_str().ok()),
        Some("299 - \"unknown field \\\"bogus\\\"\"")
    );
    still_serving(&h).await;
}

/// Patches that would build far more than their own size: a JSON patch of ~2.4 KB whose
/// `copy` operations double the object thirty times (once grew the server until the kernel
/// killed it) is refused with json-patch's copy-limit error before the copies are made;
/// more than 10,000 operations are refused as upstream refuses them; a merge patch whose
/// result is over the object size limit is 413. The object is left as it was, and the
/// server goes on serving.
#[tokio::test]
async fn patches_cannot_amplify() {
    let h = Harness::with_config(ApiServerConfig::default().with_max_body_bytes(1024 * 1024)).await;
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "seed"},
        "data": {"k": "x".repeat(1024)}});
    let (code, _, _) = raw(
        &h,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        "application/json",
        cm.to_string(),
    )
    .await;
    assert_eq!(code, 201);
    let path = "/api/v1/namespaces/default/configmaps/seed";
    // /data/a0 = data, /data/a1 = {a0: data, ...}, ...: each copy doubles what is copied.
    let mut ops = vec![json!({"op": "add", "path": "/metadata/annotations", "value": {}})];
    ops.push(json!({"op": "copy", "from": "/data", "path": "/metadata/annotations/a0"}));
    for i in 1..30 {
        ops.push(json!({"op": "copy", "from": "/metadata/annotations",
            "path": format!("/metadata/annotations/a{i}")}));
    }
    let doubling = serde_json::to_string(&ops).unwrap();
    assert!(
        doubling.len() < 2500,
        "a small patch: {} bytes",
        doubling.len()
    );
    let (code, _, body) = raw(&h, "PATCH", path, "application/json-patch+json", doubling).await;
    assert_eq!(code, 422, "{}", String::from_utf8_lossy(&body));
    assert!(
        status_of(&body)["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("Unable to copy, would exceed accumulated copy size limit"),
        "{}",
        String::from_utf8_lossy(&body)
    );
    let many: Vec<Value> = (0..10_001)
        .map(|_| json!({"op": "test", "path": "/kind", "value": "ConfigMap"}))
        .collect();
    let (code, _, body) = raw(
        &h,
        "PATCH",
        path,
        "application/json-patch+json",
        serde_json::to_string(&many).unwrap(),
    )
    .await;
    assert_eq!(code, 413, "{}", String::from_utf8_lossy(&body));
    assert_eq!(
        status_of(&body)["message"],
        "The allowed maximum operations in a JSON patch is 10000, got 10001"
    );
    // A merge patch under the body limit whose result is over the object limit.
    let big = json!({"data": {"big": "y".repeat(1023 * 1024)}});
    let (code, _, body) = raw(
        &h,
        "PATCH",
        path,
        "application/merge-patch+json",
        big.to_string(),
    )
    .await;
    assert_eq!(code, 413, "{}", String::from_utf8_lossy(&body));
    assert_eq!(status_of(&body)["reason"], "RequestEntityTooLarge");
    // Server-side apply of a body under the limit onto an object near it.
    let applied = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: seed\ndata:\n  other: {}\n",
        "z".repeat(1023 * 1024)
    );
    let (code, _, body) = raw(
        &h,
        "PATCH",
        &format!("{path}?fieldManager=test"),
        "application/apply-patch+yaml",
        applied,
    )
    .await;
    assert_eq!(code, 413, "{}", String::from_utf8_lossy(&body));
    // Nothing of it was stored.
    let (code, _, body) = raw(&h, "GET", path, "", "").await;
    assert_eq!(code, 200);
    let stored: Value = serde_json::from_slice(&body).unwrap();
    assert!(stored["metadata"]["annotations"].is_null(), "{stored}");
    assert!(stored["data"]["big"].is_null());
    still_serving(&h).await;
}

async fn still_serving(h: &Harness) {
    let (code, _, body) = raw(h, "GET", "/version", "", "").await;
    assert_eq!(code, 200);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["gitVersion"], "v1.33.0");
    let ok =
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "after-bad-input"}});
    let (code, _, _) = raw(
        h,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        "application/json",
        ok.to_string(),
    )
    .await;
    assert_eq!(code, 201);
}

#[tokio::test]
async fn bearer_token_is_required_when_configured() {
    let h = Harness::with_config(ApiServerConfig::default().with_token("s3cret")).await;
    let (code, _, body) = raw(&h, "GET", "/api/v1/namespaces", "", "").await;
    assert_eq!(code, 401);
    assert_eq!(status_of(&body)["reason"], "Unauthorized");
    let mut config = kube::Config::new(h.server.url().parse().unwrap());
    config.auth_info.token = Some("s3cret".to_string().into());
    let client = kube::Client::try_from(config).expect("client");
    let nss: kube::Api<k8s_openapi::api::core::v1::Namespace> = kube::Api::all(client);
    assert!(
        nss.list(&Default::default())
            .await
            .expect("list")
            .items
            .len()
            >= 3
    );
    // kubectl (client-go) sends credentials only over TLS: see the TLS test in tls.rs.
}

#[tokio::test]
async fn k8sm_apiserver_binary_serves_and_writes_a_kubeconfig() {
    use tokio::io::AsyncBufReadExt;
    let dir = std::env::temp_dir().join(format!("k8sm-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let kubeconfig = dir.join("kubeconfig");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_k8sm"))
        .args(["apiserver", "--port", "0", "--kubeconfig-out"])
        .arg(&kubeconfig)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("k8sm runs");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let url = tokio::time::timeout(DEADLINE, lines.next_line())
        .await
        .expect("url in time")
        .expect("read")
        .expect("a line");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let text = std::fs::read_to_string(&kubeconfig).expect("kubeconfig written");
    assert!(text.contains(&format!("server: {url}")));
    let out = tokio::process::Command::new(common::KUBECTL)
        .env("KUBECONFIG", &kubeconfig)
        .args([
            "get",
            "namespace",
            "default",
            "-o",
            "jsonpath={.status.phase}",
        ])
        .output()
        .await
        .expect("kubectl");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Active");
    // SIGTERM stops it cleanly.
    let pid = child.id().expect("pid").to_string();
    let term = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill -TERM");
    assert!(term.success());
    let status = tokio::time::timeout(DEADLINE, child.wait())
        .await
        .expect("exits in time")
        .expect("wait");
    assert_eq!(status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn verbs_a_kind_does_not_serve_are_405() {
    let h = Harness::start().await;
    let (code, _, body) = raw(&h, "DELETE", "/api/v1/namespaces", "", "").await;
    assert_eq!(code, 405);
    let s = status_of(&body);
    assert_eq!(s["reason"], "MethodNotAllowed");
    assert_eq!(
        s["message"],
        "deletecollection is not supported on resources of kind \"namespaces\""
    );
    let (code, _, _) = raw(&h, "GET", "/api/v1/namespaces", "", "").await;
    assert_eq!(code, 200, "the namespaces are all still there");
}

#[tokio::test]
async fn a_watcher_that_stops_reading_is_dropped() {
    use tokio::io::AsyncWriteExt;
    let h = Harness::with_config(ApiServerConfig::default().with_watcher_queue(4)).await;
    // A client that asks for a watch and then never reads.
    let mut stuck = tokio::net::TcpStream::connect(h.server.addr())
        .await
        .expect("connect");
    stuck
        .write_all(
            b"GET /api/v1/namespaces/default/configmaps?watch=true HTTP/1.1\r\nHost: k8sm\r\n\r\n",
        )
        .await
        .expect("request");
    common::eventually("the watch to be registered", || {
        let n = h.server.watcher_count();
        async move { (n == 1).then_some(()) }
    })
    .await;
    // Far more than socket buffers, the response body's channel and the 4-event queue hold
    // (up to 100 MiB; it stops as soon as the watcher is gone).
    let cms: kube::Api<k8s_openapi::api::core::v1::ConfigMap> =
        kube::Api::default_namespaced(h.client.clone());
    let big = "x".repeat(256 * 1024);
    for i in 0..400 {
        if h.server.watcher_count() == 0 {
            break;
        }
        let cm: k8s_openapi::api::core::v1::ConfigMap = serde_json::from_value(
            json!({"metadata": {"name": format!("c{i}")}, "data": {"k": big}}),
        )
        .unwrap();
        cms.create(&Default::default(), &cm).await.expect("create");
    }
    assert_eq!(
        h.server.watcher_count(),
        0,
        "the stuck watcher was dropped, not buffered"
    );
    drop(stuck);
    still_serving(&h).await;
}

/// Past `with_max_connections`, a new client is not served until a connection closes (it
/// waits in the listen backlog: the server neither spins nor grows).
#[tokio::test]
async fn past_the_connection_limit_a_client_waits_for_a_free_place() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let server = k8s_framework::apiserver::ApiServer::start(
        ApiServerConfig::default().with_max_connections(2),
    )
    .await
    .expect("server");
    let addr = server.url().trim_start_matches("http://").to_string();
    async fn version(stream: &mut tokio::net::TcpStream) -> String {
        stream
            .write_all(b"GET /version HTTP/1.1\r\nHost: k\r\n\r\n")
            .await
            .expect("write");
        let mut line = String::new();
        BufReader::new(stream)
            .read_line(&mut line)
            .await
            .expect("read");
        line
    }
    let mut first = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let mut second = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    for stream in [&mut first, &mut second] {
        let line = tokio::time::timeout(DEADLINE, version(stream))
            .await
            .expect("answered");
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    }
    let mut third = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let mut waiting = tokio::spawn(async move {
        let line = version(&mut third).await;
        (line, third)
    });
    // A window, not a synchronisation: the answer would come within milliseconds.
    assert!(
        tokio::time::timeout(std::time::Duration::from_millis(300), &mut waiting)
            .await
            .is_err(),
        "served past the limit"
    );
    drop(first);
    let (line, _third) = tokio::time::timeout(DEADLINE, waiting)
        .await
        .expect("served once a place is free")
        .expect("task");
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    drop(second);
}
