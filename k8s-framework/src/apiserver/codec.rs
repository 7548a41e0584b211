//! Request bodies: JSON or YAML parsing (YAML within a size budget, so aliases cannot expand a
//! small body into a huge document), decoding through the k8s-openapi types (which drops
//! unknown fields, as kube-apiserver does), and the unknown-field report behind `fieldValidation`.
//!
//! Decoding through the typed structs is what keeps a wrongly typed field out of the store.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use super::error::ApiError;
use super::resources::ResourceKind;

/// Parses a request body according to its `Content-Type` (JSON unless it says YAML). `limit`
/// is the server's body limit: a YAML body whose aliases would expand it past that many bytes
/// (as compact JSON) is refused with 413, as an object over the limit is.
pub(crate) fn parse_body(content_type: &str, body: &[u8], limit: usize) -> Result<Value, ApiError> {
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
        match yaml_value(body, limit) {
            Ok(v) => Ok(v),
            Err(YamlError::TooLarge) => return Err(ApiError::too_large(limit)),
            Err(YamlError::Syntax(e)) => Err(e.to_string()),
        }
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

/// Why a YAML document was refused.
#[derive(Debug)]
pub(crate) enum YamlError {
    /// Not YAML, or not a document JSON can hold (a mapping as a key, say).
    Syntax(serde_yaml::Error),
    /// Larger than the budget once its aliases are expanded.
    TooLarge,
}

/// Parses YAML into JSON, refusing (`TooLarge`) a document that would take more than `limit`
/// bytes as compact JSON.
///
/// YAML aliases repeat what their anchor names, so without a budget a 30 KB body of one
/// anchored list and a list of aliases to it builds tens of millions of values (serde_yaml
/// bounds how often aliases are followed, not how much they repeat). kube-apiserver had the
/// same bug (CVE-2019-11253) and go-yaml now refuses "excessive aliasing"; here the budget is
/// the body limit, which bounds a JSON body too. Strings are counted without escapes, and
/// numbers and `false` as fewer bytes than they take, so (duplicate keys aside) only a
/// document larger than the limit as JSON, which could never be stored, is refused.
pub(crate) fn yaml_value(body: &[u8], limit: usize) -> Result<Value, YamlError> {
    let budget = Budget {
        left: Cell::new(limit),
        exceeded: Cell::new(false),
    };
    YamlNode(&budget)
        .deserialize(serde_yaml::Deserializer::from_slice(body))
        .map_err(|e| {
            if budget.exceeded.get() {
                YamlError::TooLarge
            } else {
                YamlError::Syntax(e)
            }
        })
}

/// What a YAML document may still take, in bytes of compact JSON.
struct Budget {
    left: Cell<usize>,
    exceeded: Cell<bool>,
}

impl Budget {
    fn take<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        match self.left.get().checked_sub(bytes) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.exceeded.set(true);
                Err(E::custom("the document is larger than the body limit"))
            }
        }
    }
}

/// One value of a YAML document, built as serde_json's `Value` builds itself, within a budget.
struct YamlNode<'b>(&'b Budget);

impl<'de> DeserializeSeed<'de> for YamlNode<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A mapping key: a string, as JSON's are.
struct YamlKey<'b>(&'b Budget);

impl<'de> DeserializeSeed<'de> for YamlKey<'_> {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        let key = String::deserialize(deserializer)?;
        // `"key":`.
        self.0.take(key.len() + 3)?;
        Ok(key)
    }
}

impl<'de> Visitor<'de> for YamlNode<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.0.take(4)?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.0.take(1)?;
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.0.take(1)?;
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        self.0.take(1)?;
        Number::deserialize(de::value::I128Deserializer::new(v)).map(Value::Number)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        self.0.take(1)?;
        Number::deserialize(de::value::U128Deserializer::new(v)).map(Value::Number)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.0.take(1)?;
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.0.take(v.len() + 2)?;
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.0.take(v.len() + 2)?;
        Ok(Value::String(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.0.take(4)?;
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.0.take(4)?;
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.0.take(2)?;
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(YamlNode(self.0))? {
            if !out.is_empty() {
                // The comma before it.
                self.0.take(1)?;
            }
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.0.take(2)?;
        let mut out = Map::new();
        while let Some(k) = map.next_key_seed(YamlKey(self.0))? {
            if !out.is_empty() {
                self.0.take(1)?;
            }
            let v = map.next_value_seed(YamlNode(self.0))?;
            out.insert(k, v);
        }
        Ok(Value::Object(out))
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

    const LIMIT: usize = 3 * 1024 * 1024;

    #[test]
    fn malformed_bodies_are_bad_requests() {
        let err = parse_body("application/json", b"{\"kind\": ", LIMIT).unwrap_err();
        assert_eq!(err.code, 400);
        assert!(
            err.message
                .starts_with("couldn't get version/kind; json parse error")
        );
        let err = parse_body("application/yaml", b"a: [b", LIMIT).unwrap_err();
        assert_eq!(err.code, 400);
        assert!(parse_body("application/yaml", b"kind: Pod\n", LIMIT).is_ok());
    }

    /// An anchored list and a list of aliases to it: each alias repeats the whole list.
    fn alias_bomb(n: usize) -> String {
        format!(
            "a: &a [{}]\nb: [{}]\n",
            vec!["x"; n].join(","),
            vec!["*a"; n].join(",")
        )
    }

    #[test]
    fn yaml_aliases_cannot_expand_a_body_past_the_limit() {
        // Regression (found while writing the apiserver_body fuzz target): 30 KB that
        // expanded into 36 million values, out of memory past 2 GB. Now refused as soon as
        // the expansion passes the limit.
        let body = alias_bomb(6000);
        assert!(body.len() < 32 * 1024);
        let err = parse_body("application/yaml", body.as_bytes(), LIMIT).unwrap_err();
        assert_eq!((err.code, err.reason), (413, "RequestEntityTooLarge"));
        // Within the budget, aliases expand as before.
        let small = alias_bomb(3);
        let v = parse_body("application/yaml", small.as_bytes(), LIMIT).unwrap();
        assert_eq!(
            v["b"],
            json!([["x", "x", "x"], ["x", "x", "x"], ["x", "x", "x"]])
        );
        let v = parse_body("application/yaml", b"a: &x {k: 1}\nb: *x\n", LIMIT).unwrap();
        assert_eq!(v, json!({"a": {"k": 1}, "b": {"k": 1}}));
    }

    #[test]
    fn budgeted_yaml_reads_as_serde_yaml_does_and_counts_no_more_than_json_takes() {
        let docs: &[&str] = &[
            "kind: Pod\nmetadata: {name: p, labels: {a: b}}\n",
            "a: [1, -2, 3.5, .nan, .inf, 18446744073709551615, 0x10, 1e400]\n",
            "a: ~\nb: null\nc:\nd: [true, false, yes, 'no']\n",
            "1: one\n2.5: two\ntrue: three\n",
            "a: \"quote \\\" and \\n newline\"\nb: |\n  block\n  text\n",
            "a: &x [1, {b: *x}]\n",
            "a: &x [1]\nb: *x\nc: [*x, *x]\n",
            "- a\n- [b, c]\n- {d: e}\n",
            "\"\"",
            "{}",
            "[]",
            "a: !!binary aGVsbG8=\n",
            "a: !custom x\n",
            "? [a, b]\n: c\n",
            "a: b\n---\nc: d\n",
            "a: [\n",
            "a: *missing\n",
        ];
        for doc in docs {
            let ours = yaml_value(doc.as_bytes(), usize::MAX);
            let theirs = serde_yaml::from_slice::<Value>(doc.as_bytes());
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, b, "{doc:?}");
                    // Exactly the JSON size is within budget: the count never exceeds it.
                    let size = serde_json::to_vec(a).unwrap().len();
                    assert!(yaml_value(doc.as_bytes(), size).is_ok(), "{doc:?}");
                }
                (Err(YamlError::Syntax(_)), Err(_)) => {}
                _ => panic!("{doc:?}: {ours:?} but serde_yaml says {theirs:?}"),
            }
        }
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
