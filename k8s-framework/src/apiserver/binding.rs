//! POST `pods/{name}/binding`, the scheduler's verb: it assigns a pod to a node once.

use serde_json::{Value, json};

use super::clock;
use super::codec::parse_body;
use super::error::{ApiError, success_status};
use super::handlers::{Input, dry_run, meta_str, precondition_failed, update_or_preview};
use super::resources::ResourceKind;
use super::response::Reply;
use super::state::ApiState;
use super::store::Write;

/// POST `pods/{name}/binding` (`kubernetes: pkg/registry/core/pod/storage/storage.go`, `BindingREST`):
/// sets `spec.nodeName` and `PodScheduled=True`, answers 201 with a Success `Status`.
pub(crate) fn bind(
    state: &ApiState,
    pods: &ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
) -> Result<Reply, ApiError> {
    let raw = parse_body(
        input.content_type,
        input.body,
        state.settings.max_body_bytes,
    )?;
    let binding: k8s_openapi::api::core::v1::Binding =
        serde_json::from_value(raw).map_err(|e| {
            ApiError::bad_request(format!(
                "Binding in version \"v1\" cannot be handled as a Binding: {e}"
            ))
        })?;
    if binding.metadata.name.as_deref().unwrap_or("") != name {
        return Err(ApiError::bad_request(
            "name in URL does not match name in Binding object",
        ));
    }
    let target_kind = binding.target.kind.as_deref().unwrap_or("");
    let mut causes = Vec::new();
    if !target_kind.is_empty() && target_kind != "Node" {
        causes.push(super::error::StatusCause {
            reason: "FieldValueNotSupported",
            message: format!(
                "Unsupported value: {target_kind:?}: supported values: \"Node\", \"<empty>\""
            ),
            field: "target.kind".into(),
        });
    }
    let node = binding.target.name.clone().unwrap_or_default();
    if node.is_empty() {
        causes.push(super::error::StatusCause {
            reason: "FieldValueRequired",
            message: "Required value".into(),
            field: "target.name".into(),
        });
    }
    if !causes.is_empty() {
        return Err(ApiError::invalid("", "Binding", name, causes));
    }
    let want_uid = binding.metadata.uid.clone().unwrap_or_default();
    update_or_preview(state, pods, namespace, name, dry_run(input.query)?, |pod| {
        if !want_uid.is_empty() && want_uid != meta_str(pod, "uid") {
            return Err(precondition_failed(
                pods,
                name,
                "UID",
                &want_uid,
                meta_str(pod, "uid"),
            ));
        }
        if pod["metadata"]["deletionTimestamp"].is_string() {
            return Err(ApiError::conflict(
                "",
                "pods/binding",
                name,
                &format!("pod {name} is being deleted, cannot be assigned to a host"),
            ));
        }
        if let Some(existing) = pod["spec"]["nodeName"].as_str().filter(|n| !n.is_empty()) {
            return Err(ApiError::conflict(
                "",
                "pods/binding",
                name,
                &format!("pod {name} is already assigned to node {existing:?}"),
            ));
        }
        let mut next = pod.clone();
        next["spec"]["nodeName"] = json!(node);
        if let Some(ann) = &binding.metadata.annotations {
            for (k, v) in ann {
                next["metadata"]["annotations"][k] = json!(v);
            }
        }
        let condition = json!({"type": "PodScheduled", "status": "True", "lastProbeTime": null,
            "lastTransitionTime": clock::format_time(clock::now())});
        let conditions = next["status"]["conditions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut replaced = false;
        let mut out = Vec::new();
        for c in conditions {
            if c["type"] == "PodScheduled" {
                replaced = true;
                if c["status"] == "True" {
                    out.push(c);
                } else {
                    out.push(condition.clone());
                }
            } else {
                out.push(c);
            }
        }
        if !replaced {
            out.push(condition);
        }
        next["status"]["conditions"] = Value::Array(out);
        Ok(Write::Put(next))
    })?;
    Ok(Reply::with_code(201, success_status(201, None)))
}
