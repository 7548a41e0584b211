//! Request bodies: JSON or YAML parsing, decoding through the k8s-openapi types (which drops
//! unknown fields, as kube-apiserver does), and the unknown-field report behind `fieldValidation`.
//!
//! Decoding through the typed structs is what keeps a wrongly typed field out of the store.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::ApiError;
use super::resources::ResourceKind;

/// Parses a request body according to its `Content-Type` (JSON unless it says YAML).
pub(crate) fn parse_body(content_type: &str, body: &[u8]) -> Result<Value, ApiError> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    // Protobuf is decoded for the kinds kubectl's typed clients send; anything else is 415.
    if media == super::protobuf::MEDIA_TYPE {
        return super::protobuf::decode(body);
    }
    if !matches!(media, "" | "application/json" | "application/yaml" | "*/*") {
        return Err(ApiError::unsupported_media_type(&[
            "application/json",
            "application/yaml",
        ]));
    }
    let parsed = if media.ends_with("yaml") {
        serde_yaml::from_slice::<Value>(body).map_err(|e| e.to_string())
    } else {
        serde_json::from_slice::<Value>(body).map_err(|e| e.to_string())
    };
    match parsed {
        Ok(Value::Object(map)) => Ok(Value::Object(map)),
        Ok(other) => Err(ApiError::bad_request(format!(
            "couldn't get version/kind; json parse error: cannot unmarshal {} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}",
            json_type(&other)
        ))),
        // kubernetes: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json/meta.go
        // (`couldn't get version/kind; json parse error: ...`).
        Err(e) => Err(ApiError::bad_request(format!(
            "couldn't get version/kind; json parse error: {e}"
        ))),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn roundtrip<T: DeserializeOwned + Serialize>(value: Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
    serde_json::to_value(typed).map_err(|e| e.to_string())
}

/// Decodes an object of `kind` through its k8s-openapi type and back, checking `apiVersion`
/// and `kind` against the endpoint. The result has unknown fields dropped.
pub(crate) fn decode(kind: &ResourceKind, mut value: Value) -> Result<Value, ApiError> {
    let expected = kind.api_version();
    match value.get("apiVersion").and_then(Value::as_str) {
        None | Some("") => {
            value["apiVersion"] = Value::String(expected.clone());
        }
        Some(v) if v == expected => {}
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "the API version in the data ({v}) does not match the expected API version ({expected})"
            )));
        }
    }
    match value.get("kind").and_then(Value::as_str) {
        None | Some("") => value["kind"] = Value::String(kind.kind.to_string()),
        Some(k) if k == kind.kind => {}
        Some(k) => {
            return Err(ApiError::bad_request(format!(
                "the kind in the data ({k}) does not match the expected kind ({})",
                kind.kind
            )));
        }
    }
    use k8s_openapi::api::{coordination, core, events};
    let out = match (kind.group, kind.kind) {
        ("", "Pod") => roundtrip::<core::v1::Pod>(value),
        ("", "Node") => roundtrip::<core::v1::Node>(value),
        ("", "Namespace") => roundtrip::<core::v1::Namespace>(value),
        ("", "ConfigMap") => roundtrip::<core::v1::ConfigMap>(value),
        ("", "Event") => roundtrip::<core::v1::Event>(value),
        ("events.k8s.io", "Event") => roundtrip::<events::v1::Event>(value),
        ("coordination.k8s.io", "Lease") => roundtrip::<coordination::v1::Lease>(value),
        _ => Ok(value),
    };
    // kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go
    // (`%v in version %q cannot be handled as a %v: %v`).
    out.map_err(|e| {
        ApiError::bad_request(format!(
            "{} in version {:?} cannot be handled as a {}: {e}",
            kind.kind, kind.version, kind.kind
        ))
    })
}

/// Paths (`spec.containers[0].foo`) present and non-null in `input` but absent from the decoded
/// `output`: the unknown fields `fieldValidation=Strict` rejects and `Warn` reports.
pub(crate) fn unknown_fields(input: &Value, output: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(input, output, String::new(), &mut found);
    found
}

fn walk(input: &Value, output: &Value, path: String, found: &mut Vec<String>) {
    match (input, output) {
        (Value::Object(i), Value::Object(o)) => {
            for (k, v) in i {
                if v.is_null() {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match o.get(k) {
                    Some(ov) => walk(v, ov, p, found),
                    None => found.push(p),
                }
            }
        }
        (Value::Array(i), Value::Array(o)) => {
            for (n, (iv, ov)) in i.iter().zip(o.iter()).enumerate() {
                walk(iv, ov, format!("{path}[{n}]"), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::lookup;
    use serde_json::json;

    #[test]
    fn malformed_bodies_are_bad_requests() {
        let err = parse_body("application/json", b"{\"kind\": ").unwrap_err();
        assert_eq!(err.code, 400);
        assert!(
            err.message
                .starts_with("couldn't get version/kind; json parse error")
        );
        let err = parse_body("application/yaml", b"a: [b").unwrap_err();
        assert_eq!(err.code, 400);
        assert!(parse_body("application/yaml", b"kind: Pod\n").is_ok());
    }

    #[test]
    fn typed_decoding_drops_and_reports_unknown_fields() {
        let pods = lookup("", "v1", "pods").unwrap();
        let input = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "c", "image": "i", "bogus": 1}], "alsoBogus": true}});
        let out = decode(pods, input.clone()).unwrap();
        assert!(out["spec"].get("alsoBogus").is_none());
        assert_eq!(
            unknown_fields(&input, &out),
            vec!["spec.alsoBogus", "spec.containers[0].bogus"]
        );
        let err = decode(
            pods,
            json!({"metadata": {"name": "p"}, "spec": {"containers": "x"}}),
        )
        .unwrap_err();
        assert_eq!(err.code, 400);
        assert!(
            err.message
                .starts_with("Pod in version \"v1\" cannot be handled as a Pod:")
        );
    }
}
