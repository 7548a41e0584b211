//! Arbitrary request bodies, patches, selectors and paths never make the server fail with a 5xx
//! or stop serving: every answer is a well-formed `Status` error or a success.

mod common;

use common::Harness;
use http_body_util::BodyExt;
use proptest::prelude::*;
use serde_json::Value;

async fn send(
    h: &Harness,
    method: &str,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, Vec<u8>) {
    let req = http::Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", content_type)
        .body(kube::client::Body::from(body))
        .expect("request");
    let resp = tokio::time::timeout(common::DEADLINE, h.client.send(req))
        .await
        .expect("in time")
        .expect("response");
    let code = resp.status().as_u16();
    let body = resp
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    (code, body)
}

fn check(code: u16, body: &[u8]) -> Result<(), TestCaseError> {
    prop_assert!(
        code < 500,
        "server error {code}: {}",
        String::from_utf8_lossy(body)
    );
    if code >= 400 && code != 404 {
        let v: Value = serde_json::from_slice(body)
            .map_err(|e| TestCaseError::fail(format!("not JSON: {e}")))?;
        prop_assert_eq!(&v["kind"], "Status");
        prop_assert_eq!(v["code"].as_u64(), Some(u64::from(code)));
    }
    Ok(())
}

/// JSON-ish documents: mostly valid JSON objects shaped a bit like Kubernetes objects.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z0-9_./: -]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("metadata".to_string()),
                    Just("spec".to_string()),
                    Just("status".to_string()),
                    Just("name".to_string()),
                    Just("containers".to_string()),
                    Just("labels".to_string()),
                    Just("kind".to_string()),
                    Just("apiVersion".to_string()),
                    "[a-z]{1,6}".prop_map(String::from),
                ],
                inner,
                0..5,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_writes_never_break_the_server(
        doc in json_value(),
        raw in prop::collection::vec(any::<u8>(), 0..64),
        target in prop::sample::select(vec!["pods", "configmaps", "nodes", "namespaces/default/events"]),
        ct in prop::sample::select(vec![
            "application/json", "application/yaml", "application/merge-patch+json",
            "application/strategic-merge-patch+json", "application/json-patch+json",
            "application/apply-patch+yaml", "application/vnd.kubernetes.protobuf", "text/plain",
        ]),
        selector in "[a-z=!,() .]{0,16}",
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let h = Harness::start().await;
            let collection = if target == "nodes" {
                "/api/v1/nodes".to_string()
            } else if target.starts_with("namespaces/") {
                format!("/api/v1/{target}")
            } else {
                format!("/api/v1/namespaces/default/{target}")
            };
            let seed = serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "seed"}});
            let (code, _) = send(&h, "POST", "/api/v1/namespaces/default/configmaps", "application/json", seed.to_string().into_bytes()).await;
            prop_assert_eq!(code, 201);
            let text = serde_json::to_vec(&doc).expect("json");
            for (method, path, body) in [
                ("POST", collection.clone(), text.clone()),
                ("POST", collection.clone(), raw.clone()),
                ("PUT", format!("{collection}/seed"), text.clone()),
                ("PATCH", "/api/v1/namespaces/default/configmaps/seed".to_string(), text.clone()),
                ("PATCH", "/api/v1/namespaces/default/configmaps/seed?fieldManager=f".to_string(), raw.clone()),
                ("GET", format!("{collection}?labelSelector={}", urlish(&selector)), Vec::new()),
                ("GET", format!("{collection}?fieldSelector={}", urlish(&selector)), Vec::new()),
                ("DELETE", format!("{collection}/seed"), text.clone()),
            ] {
                let (code, resp) = send(&h, method, &path, ct, body).await;
                check(code, &resp)?;
            }
            let (code, _) = send(&h, "GET", "/version", "", Vec::new()).await;
            prop_assert_eq!(code, 200);
            Ok(())
        })?;
    }
}

/// Percent-encodes what a URL query may not carry as is.
fn urlish(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
