//! Every string a client sends (in a query, a selector, a path segment, a body) is handled
//! as UTF-8 text: any character gets a 4xx or the right answer, never a panic that drops the
//! connection. A field selector with a non-ASCII character once did (a `str` sliced inside a
//! character).

mod common;

use common::{DEADLINE, Harness};
use http_body_util::BodyExt;
use proptest::prelude::*;

/// Percent-encodes every byte but the unreserved ones.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Sends GET `path` and returns its status; a dropped connection fails the test.
async fn status(h: &Harness, method: &str, path: &str, body: Vec<u8>) -> u16 {
    let request = http::Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .body(kube::client::Body::from(body))
        .expect("request");
    let response = tokio::time::timeout(DEADLINE, h.client.send(request))
        .await
        .expect("answered in time")
        .unwrap_or_else(|e| panic!("{method} {path}: no answer ({e})"));
    let code = response.status().as_u16();
    let _ = response.into_body().collect().await;
    code
}

/// The strings that broke parsers before, or could: multi-byte characters next to the
/// selector's operators and escapes, and broken percent-encodings.
const TRICKY: &[&str] = &[
    "é",
    "metadata.name=é",
    "é=x",
    "metadata.name!=日本",
    "metadata.name==🦀",
    "metadata.name=\\é",
    "\\é=x",
    "é!=",
    "app in (é, ü)",
    "app notin (日)",
    "é,ü=ß",
    "a\u{301}=b",
    "\u{feff}metadata.name=x",
    "\\",
    "é\\",
    "=",
    "!",
    "app>é",
    "app<1é",
];

#[tokio::test]
async fn selectors_with_any_character_get_an_answer() {
    let h = Harness::start().await;
    for text in TRICKY {
        for param in ["fieldSelector", "labelSelector"] {
            let path = format!("/api/v1/namespaces/default/pods?{param}={}", encode(text));
            let code = status(&h, "GET", &path, Vec::new()).await;
            assert!(
                code == 200 || code == 400,
                "{param}={text:?} gave {code}, not 200 or 400"
            );
        }
    }
    // The field selector that panicked the handler: now a 400 naming the unsupported field,
    // or, for a supported one, the right (empty) answer.
    let code = status(
        &h,
        "GET",
        &format!(
            "/api/v1/namespaces/default/pods?fieldSelector={}",
            encode("metadata.name=é")
        ),
        Vec::new(),
    )
    .await;
    assert_eq!(code, 200);
}

#[tokio::test]
async fn names_and_bodies_with_any_character_get_an_answer() {
    let h = Harness::start().await;
    for text in TRICKY {
        let name = encode(text);
        for path in [
            format!("/api/v1/namespaces/{name}/pods"),
            format!("/api/v1/namespaces/default/pods/{name}"),
            format!("/api/v1/namespaces/default/pods/{name}/log"),
            format!("/apis/{name}/v1/things"),
            format!("/api/v1/namespaces/default/pods?limit={name}&continue={name}"),
            format!("/api/v1/namespaces/default/pods?resourceVersion={name}&watch={name}"),
        ] {
            let code = status(&h, "GET", &path, Vec::new()).await;
            assert!((200..500).contains(&code), "GET {path} gave {code}");
        }
        let body = serde_json::json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": text, "labels": {text.to_string(): text}},
            "data": {text.to_string(): text},
        });
        let code = status(
            &h,
            "POST",
            "/api/v1/namespaces/default/configmaps",
            serde_json::to_vec(&body).expect("json"),
        )
        .await;
        assert!(
            code == 422 || code == 201 || code == 400,
            "a ConfigMap named {text:?} gave {code}"
        );
    }
    // Raw bytes that are not UTF-8 at all, percent-encoded into a selector and a path.
    for raw in ["%FF", "%C3", "%C3%28", "%E2%82", "%F0%9F%A6"] {
        for path in [
            format!("/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3D{raw}"),
            format!("/api/v1/namespaces/default/pods?labelSelector=a%3D{raw}"),
            format!("/api/v1/namespaces/default/pods/{raw}"),
        ] {
            let code = status(&h, "GET", &path, Vec::new()).await;
            assert!((200..500).contains(&code), "GET {path} gave {code}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any string as either selector gets 200 or 400.
    #[test]
    fn any_selector_gets_200_or_400(text in "\\PC{0,24}", field in any::<bool>()) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let h = Harness::start().await;
            let param = if field { "fieldSelector" } else { "labelSelector" };
            let path = format!("/api/v1/namespaces/default/pods?{param}={}", encode(&text));
            let code = status(&h, "GET", &path, Vec::new()).await;
            prop_assert!(code == 200 || code == 400, "{}={:?} gave {}", param, text, code);
            Ok(())
        })?;
    }
}
