//! Validation that answers 422 Invalid: object names and the fields the server relies on.
//!
//! Messages follow `kubernetes: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`
//! and `pkg/apis/core/validation/validation.go`, so clients show what a real cluster shows.

use serde_json::Value;

use super::error::{ApiError, StatusCause};
use super::resources::ResourceKind;

const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/// RFC 1123 label: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters.
pub(crate) fn is_dns1123_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
pub(crate) fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        })
}

fn required(field: impl Into<String>, detail: &str) -> StatusCause {
    StatusCause {
        reason: "FieldValueRequired",
        message: if detail.is_empty() {
            "Required value".into()
        } else {
            format!("Required value: {detail}")
        },
        field: field.into(),
    }
}

fn invalid(field: impl Into<String>, value: &str, detail: &str) -> StatusCause {
    StatusCause {
        reason: "FieldValueInvalid",
        message: format!("Invalid value: {value:?}: {detail}"),
        field: field.into(),
    }
}

/// Checks a name in a URL or body; namespaces must be labels, the others subdomains
/// (`kubernetes: pkg/apis/core/validation/validation.go`, `ValidateNamespaceName`, `ValidatePodName`).
pub(crate) fn name_causes(kind: &ResourceKind, name: &str) -> Vec<StatusCause> {
    let mut causes = Vec::new();
    if name.is_empty() {
        causes.push(required(
            "metadata.name",
            "name or generateName is required",
        ));
    } else if kind.kind == "Namespace" {
        if !is_dns1123_label(name) {
            causes.push(invalid("metadata.name", name, LABEL_MSG));
        }
    } else if kind.kind == "Event" {
        // Event names are only checked for being usable as a path segment.
        if name.contains('/') || name.contains('%') || name == "." || name == ".." {
            causes.push(invalid("metadata.name", name, "may not contain '/' or '%'"));
        }
    } else if !is_dns1123_subdomain(name) {
        causes.push(invalid("metadata.name", name, SUBDOMAIN_MSG));
    }
    causes
}

const QUALIFIED_NAME_MSG: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

fn is_name_part(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// A qualified name (`prefix/name` or `name`), as label and annotation keys must be.
pub(crate) fn is_qualified_name(key: &str) -> bool {
    match key.rsplit_once('/') {
        Some((prefix, name)) => is_dns1123_subdomain(prefix) && is_name_part(name),
        None => is_name_part(key),
    }
}

/// A label value: empty, or a name part of at most 63 characters.
pub(crate) fn is_label_value(v: &str) -> bool {
    v.is_empty() || is_name_part(v)
}

/// `metadata.labels` and `metadata.annotations` keys and label values
/// (`kubernetes: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go`).
fn metadata_causes(obj: &Value, causes: &mut Vec<StatusCause>) {
    if let Some(labels) = obj["metadata"]["labels"].as_object() {
        for (k, v) in labels {
            if !is_qualified_name(k) {
                causes.push(invalid("metadata.labels", k, QUALIFIED_NAME_MSG));
            }
            let v = v.as_str().unwrap_or("");
            if !is_label_value(v) {
                causes.push(invalid("metadata.labels", v, LABEL_VALUE_MSG));
            }
        }
    }
    if let Some(annotations) = obj["metadata"]["annotations"].as_object() {
        let mut total = 0;
        for (k, v) in annotations {
            if !is_qualified_name(&k.to_ascii_lowercase()) {
                causes.push(invalid("metadata.annotations", k, QUALIFIED_NAME_MSG));
            }
            total += k.len() + v.as_str().map_or(0, str::len);
        }
        if total > 256 * 1024 {
            causes.push(StatusCause {
                reason: "FieldValueTooLong",
                message: format!("Too long: may not be more than {} bytes", 256 * 1024),
                field: "metadata.annotations".into(),
            });
        }
    }
}

/// Kind-specific checks of a complete (defaulted) object.
pub(crate) fn validate(kind: &ResourceKind, obj: &Value) -> Result<(), ApiError> {
    let name = obj["metadata"]["name"].as_str().unwrap_or("");
    let mut causes = name_causes(kind, name);
    metadata_causes(obj, &mut causes);
    if kind.kind == "Pod" {
        pod_causes(obj, &mut causes);
    }
    if kind.kind == "ConfigMap" {
        for field in ["data", "binaryData"] {
            if let Some(map) = obj[field].as_object() {
                for key in map.keys() {
                    let ok = !key.is_empty()
                        && key.len() <= 253
                        && key
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
                    if !ok {
                        causes.push(invalid(
                            format!("{field}[{key}]"),
                            key,
                            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                        ));
                    }
                }
            }
        }
    }
    if causes.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(kind.group, kind.kind, name, causes))
    }
}

fn pod_causes(pod: &Value, causes: &mut Vec<StatusCause>) {
    let containers = pod["spec"]["containers"].as_array();
    match containers {
        None => causes.push(required("spec.containers", "")),
        Some(list) if list.is_empty() => causes.push(required("spec.containers", "")),
        Some(list) => {
            let mut seen = std::collections::HashSet::new();
            for (i, c) in list.iter().enumerate() {
                let name = c["name"].as_str().unwrap_or("");
                if name.is_empty() {
                    causes.push(required(format!("spec.containers[{i}].name"), ""));
                } else if !is_dns1123_label(name) {
                    causes.push(invalid(
                        format!("spec.containers[{i}].name"),
                        name,
                        LABEL_MSG,
                    ));
                } else if !seen.insert(name.to_string()) {
                    causes.push(StatusCause {
                        reason: "FieldValueDuplicate",
                        message: format!("Duplicate value: {name:?}"),
                        field: format!("spec.containers[{i}].name"),
                    });
                }
                if c["image"].as_str().unwrap_or("").trim().is_empty() {
                    causes.push(required(format!("spec.containers[{i}].image"), ""));
                }
            }
        }
    }
}

/// The stricter checks of an Event created through events.k8s.io/v1 (`kubernetes:
/// pkg/apis/core/validation/events.go`, `ValidateEventCreate`), on the stored (core/v1) shape, so
/// fields are named as the client sent them.
pub(crate) fn check_events_v1_create(event: &Value) -> Result<(), ApiError> {
    let mut causes = Vec::new();
    let empty = |field: &str| event[field].as_str().is_none_or(str::is_empty);
    if empty("eventTime") {
        causes.push(required("eventTime", ""));
    }
    let ty = event["type"].as_str().unwrap_or("");
    if ty != "Normal" && ty != "Warning" {
        causes.push(invalid("type", "", &format!("has invalid value: {ty}")));
    }
    if !empty("firstTimestamp") {
        causes.push(invalid("deprecatedFirstTimestamp", "", "needs to be unset"));
    }
    if !empty("lastTimestamp") {
        causes.push(invalid("deprecatedLastTimestamp", "", "needs to be unset"));
    }
    for (stored, served) in [
        ("reportingComponent", "reportingController"),
        ("reportingInstance", "reportingInstance"),
        ("action", "action"),
        ("reason", "reason"),
    ] {
        if empty(stored) {
            causes.push(required(served, ""));
        }
    }
    if event["message"].as_str().is_some_and(|m| m.len() > 1024) {
        causes.push(StatusCause {
            reason: "FieldValueTooLong",
            message: "Too long: may not be more than 1024 bytes".into(),
            field: "note".into(),
        });
    }
    if causes.is_empty() {
        return Ok(());
    }
    let name = event["metadata"]["name"].as_str().unwrap_or("");
    Err(ApiError::invalid("events.k8s.io", "Event", name, causes))
}

/// What an update of a pod may change in `spec` (`kubernetes: pkg/apis/core/validation/validation.go`,
/// `ValidatePodUpdate`): images, activeDeadlineSeconds, added tolerations, and
/// terminationGracePeriodSeconds; anything else is Forbidden.
pub(crate) fn check_pod_spec_update(old: &Value, new: &Value) -> Result<(), ApiError> {
    let mut a = old["spec"].clone();
    let mut b = new["spec"].clone();
    for spec in [&mut a, &mut b] {
        if let Some(obj) = spec.as_object_mut() {
            obj.remove("activeDeadlineSeconds");
            obj.remove("tolerations");
            obj.remove("terminationGracePeriodSeconds");
            for list in ["containers", "initContainers"] {
                if let Some(cs) = obj.get_mut(list).and_then(Value::as_array_mut) {
                    for c in cs {
                        if let Some(c) = c.as_object_mut() {
                            c.remove("image");
                        }
                    }
                }
            }
        }
    }
    if a == b {
        return Ok(());
    }
    let name = new["metadata"]["name"].as_str().unwrap_or("");
    Err(ApiError::invalid(
        "",
        "Pod",
        name,
        vec![StatusCause {
            reason: "FieldValueForbidden",
            message: "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)".into(),
            field: "spec".into(),
        }],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::lookup;
    use serde_json::json;

    #[test]
    fn names() {
        assert!(is_dns1123_subdomain("a.b-c"));
        assert!(!is_dns1123_subdomain("A"));
        assert!(!is_dns1123_subdomain("a_b"));
        assert!(is_dns1123_label("kube-system"));
        assert!(!is_dns1123_label("a.b"));
        let pods = lookup("", "v1", "pods").unwrap();
        let pod = json!({"metadata": {"name": "Bad_Name"}, "spec": {"containers": [{"name": "c", "image": "i"}]}});
        let err = validate(pods, &pod).unwrap_err();
        assert_eq!(err.code, 422);
        assert!(err.message.starts_with("Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"));
    }

    #[test]
    fn events_v1_need_their_reporting_fields() {
        let err = check_events_v1_create(
            &json!({"metadata": {"name": "e"}, "type": "Normal", "reason": "R"}),
        )
        .unwrap_err();
        assert_eq!(err.code, 422);
        assert_eq!(
            err.message,
            "Event.events.k8s.io \"e\" is invalid: [eventTime: Required value, reportingController: Required value, reportingInstance: Required value, action: Required value]"
        );
        let ok = json!({"metadata": {"name": "e"}, "type": "Warning", "reason": "R", "action": "A",
            "eventTime": "2026-01-01T00:00:00.000000Z", "reportingComponent": "c", "reportingInstance": "i"});
        assert!(check_events_v1_create(&ok).is_ok());
    }

    #[test]
    fn labels_and_annotations() {
        let cms = lookup("", "v1", "configmaps").unwrap();
        let ok = json!({"metadata": {"name": "c", "labels": {"app.kubernetes.io/name": "web", "empty": ""},
            "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}}});
        assert!(validate(cms, &ok).is_ok());
        let bad = json!({"metadata": {"name": "c", "labels": {"app": "not ok!"}}});
        let err = validate(cms, &bad).unwrap_err();
        assert!(err.message.starts_with("ConfigMap \"c\" is invalid: metadata.labels: Invalid value: \"not ok!\": a valid label must be"), "{}", err.message);
        let bad_key = json!({"metadata": {"name": "c", "labels": {"-x": "y"}}});
        assert_eq!(validate(cms, &bad_key).unwrap_err().code, 422);
    }

    #[test]
    fn pod_needs_containers_with_images() {
        let pods = lookup("", "v1", "pods").unwrap();
        let err = validate(pods, &json!({"metadata": {"name": "p"}, "spec": {}})).unwrap_err();
        assert_eq!(
            err.message,
            "Pod \"p\" is invalid: spec.containers: Required value"
        );
        let err = validate(
            pods,
            &json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}]}}),
        )
        .unwrap_err();
        assert_eq!(
            err.message,
            "Pod \"p\" is invalid: spec.containers[0].image: Required value"
        );
    }
}
