//! The two Event APIs share one storage, as upstream's do: objects are kept in the core/v1
//! shape, and events.k8s.io/v1 requests and answers are converted field by field
//! (`kubernetes: pkg/apis/events/v1/conversion.go`).

use serde_json::{Map, Value};

/// events.k8s.io/v1 field name -> core/v1 field name.
const RENAMES: &[(&str, &str)] = &[
    ("regarding", "involvedObject"),
    ("note", "message"),
    ("deprecatedSource", "source"),
    ("deprecatedFirstTimestamp", "firstTimestamp"),
    ("deprecatedLastTimestamp", "lastTimestamp"),
    ("deprecatedCount", "count"),
    ("reportingController", "reportingComponent"),
];

fn rename(obj: Value, to_core: bool, api_version: &str) -> Value {
    let Value::Object(map) = obj else { return obj };
    let mut out = Map::new();
    for (k, v) in map {
        let key = RENAMES
            .iter()
            .find(|(new, old)| if to_core { k == *new } else { k == *old })
            .map(|(new, old)| {
                if to_core {
                    old.to_string()
                } else {
                    new.to_string()
                }
            })
            .unwrap_or(k);
        out.insert(key, v);
    }
    out.insert("apiVersion".into(), Value::String(api_version.into()));
    Value::Object(out)
}

/// An events.k8s.io/v1 Event in the core/v1 storage shape.
pub(crate) fn to_core(obj: Value) -> Value {
    rename(obj, true, "v1")
}

/// A stored (core/v1) Event as events.k8s.io/v1 shows it.
pub(crate) fn from_core(obj: Value) -> Value {
    rename(obj, false, "events.k8s.io/v1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip() {
        let v1 = json!({"apiVersion": "events.k8s.io/v1", "kind": "Event", "note": "hi",
            "regarding": {"kind": "Pod", "name": "p"}, "reportingController": "mesos", "reason": "Scheduled"});
        let core = to_core(v1.clone());
        assert_eq!(core["message"], "hi");
        assert_eq!(core["involvedObject"]["name"], "p");
        assert_eq!(core["reportingComponent"], "mesos");
        assert_eq!(core["apiVersion"], "v1");
        assert_eq!(from_core(core), v1);
    }
}
