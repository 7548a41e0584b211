//! DELETE and deletecollection: immediate deletion, graceful pod deletion (deletionTimestamp,
//! then removal when the grace ends or a DELETE with grace 0 confirms), finalizers, and the
//! namespace controller's cleanup (`kubernetes: pkg/registry/core/pod/strategy.go`, `CheckGracefulDelete`).

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::clock;
use super::codec::parse_body;
use super::error::{ApiError, success_status};
use super::handlers::{
    Input, dry_run, meta_str, outcome_reply, precondition_failed, ready_to_go, update_or_preview,
};
use super::read::selectors;
use super::resources::{ResourceKind, lookup};
use super::response::Reply;
use super::state::{ApiState, namespaced_storages, served};
use super::store::{Outcome, Write};

/// Namespaces that can never be deleted (`kubernetes: plugin/pkg/admission/namespace/lifecycle`).
const IMMORTAL_NAMESPACES: &[&str] = &["default", "kube-system", "kube-public"];

/// `DeleteOptions` from the body and the query.
#[derive(Debug, Default)]
struct DeleteOptions {
    dry: bool,
    grace: Option<i64>,
    uid: Option<String>,
    resource_version: Option<String>,
}

/// Reads the options from the body (decoded within `limit` bytes, the body limit) and the query.
fn delete_options(input: &Input<'_>, limit: usize) -> Result<DeleteOptions, ApiError> {
    let mut opts = DeleteOptions::default();
    if !input.body.iter().all(u8::is_ascii_whitespace) {
        let v = parse_body(input.content_type, input.body, limit)?;
        opts.grace = v["gracePeriodSeconds"].as_i64();
        if let Some(list) = v["dryRun"].as_array() {
            for d in list {
                match d.as_str() {
                    Some("All") => opts.dry = true,
                    other => {
                        return Err(ApiError::bad_request(format!(
                            "dryRun: Unsupported value: {:?}: supported values: \"All\"",
                            other.unwrap_or("")
                        )));
                    }
                }
            }
        }
        opts.uid = v["preconditions"]["uid"].as_str().map(str::to_string);
        opts.resource_version = v["preconditions"]["resourceVersion"]
            .as_str()
            .map(str::to_string);
    }
    opts.dry |= dry_run(input.query)?;
    if let Some(g) = input.query.get("gracePeriodSeconds") {
        opts.grace = Some(g.parse().map_err(|_| {
            ApiError::bad_request(format!("gracePeriodSeconds: invalid value {g:?}"))
        })?);
    }
    Ok(opts)
}

/// DELETE of one object: pods go gracefully (deletionTimestamp, then removal when the grace
/// ends or a later DELETE with grace 0 confirms), objects with finalizers wait for them.
pub(crate) fn delete(
    state: &Arc<ApiState>,
    kind: &'static ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
) -> Result<Reply, ApiError> {
    let opts = delete_options(input, state.settings.max_body_bytes)?;
    delete_one(state, kind, namespace, name, &opts)
}

fn delete_one(
    state: &Arc<ApiState>,
    kind: &'static ResourceKind,
    namespace: &str,
    name: &str,
    opts: &DeleteOptions,
) -> Result<Reply, ApiError> {
    if kind.kind == "Namespace" && IMMORTAL_NAMESPACES.contains(&name) {
        return Err(ApiError::forbidden(
            "",
            "namespaces",
            name,
            "this namespace may not be deleted",
        ));
    }
    let mut timer: Option<(i64, String)> = None;
    let outcome = update_or_preview(state, kind, namespace, name, opts.dry, |current| {
        if let Some(uid) = &opts.uid {
            if uid != meta_str(current, "uid") {
                return Err(precondition_failed(
                    kind,
                    name,
                    "UID",
                    uid,
                    meta_str(current, "uid"),
                ));
            }
        }
        if let Some(rv) = &opts.resource_version {
            if rv != meta_str(current, "resourceVersion") {
                return Err(precondition_failed(
                    kind,
                    name,
                    "ResourceVersion",
                    rv,
                    meta_str(current, "resourceVersion"),
                ));
            }
        }
        let has_finalizers = current["metadata"]["finalizers"]
            .as_array()
            .is_some_and(|f| !f.is_empty());
        let mut next = current.clone();
        let now = clock::now();
        if kind.kind == "Namespace" {
            next["metadata"]["deletionTimestamp"] = json!(clock::format_time(now));
            next["metadata"]["deletionGracePeriodSeconds"] = json!(0);
            next["status"]["phase"] = json!("Terminating");
            return Ok(Write::PutDeleting(next));
        }
        if kind.graceful_delete {
            // kubernetes: pkg/registry/core/pod/strategy.go (`CheckGracefulDelete`): the options'
            // grace, else the pod's; unscheduled or finished pods go at once.
            let mut grace = opts.grace.unwrap_or_else(|| {
                current["spec"]["terminationGracePeriodSeconds"]
                    .as_i64()
                    .unwrap_or(30)
            });
            let unscheduled = current["spec"]["nodeName"]
                .as_str()
                .unwrap_or("")
                .is_empty();
            let finished = matches!(
                current["status"]["phase"].as_str(),
                Some("Succeeded" | "Failed")
            );
            if unscheduled || finished {
                grace = 0;
            }
            grace = grace.max(0);
            // kubernetes: staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go (`BeforeDelete`):
            // a pending deletion can only be shortened.
            if let Some(existing) = current["metadata"]["deletionGracePeriodSeconds"].as_i64() {
                if current["metadata"]["deletionTimestamp"].is_string() && grace >= existing {
                    return Ok(Write::Keep);
                }
            }
            if grace == 0 && !has_finalizers {
                return Ok(Write::Delete);
            }
            let when = now.checked_add(jiff_seconds(grace)).unwrap_or(now);
            next["metadata"]["deletionTimestamp"] = json!(clock::format_time(when));
            next["metadata"]["deletionGracePeriodSeconds"] = json!(grace);
            if grace > 0 && state.settings.grace_expiry {
                timer = Some((grace, meta_str(current, "uid").to_string()));
            }
            return Ok(Write::PutDeleting(next));
        }
        if has_finalizers {
            if current["metadata"]["deletionTimestamp"].is_string() {
                return Ok(Write::Keep);
            }
            next["metadata"]["deletionTimestamp"] = json!(clock::format_time(now));
            next["metadata"]["deletionGracePeriodSeconds"] = json!(0);
            return Ok(Write::PutDeleting(next));
        }
        Ok(Write::Delete)
    })?;
    if let Some((grace, uid)) = timer.filter(|_| !opts.dry) {
        expire_after(
            state,
            kind,
            namespace,
            name,
            uid,
            Duration::from_secs(grace as u64),
        );
    }
    if kind.kind == "Namespace" && !opts.dry {
        if let Outcome::Updated(_) = outcome {
            finish_namespace(state, name);
        }
    }
    Ok(match outcome {
        Outcome::Deleted(o) if !kind.return_deleted_object => {
            let mut details =
                json!({"name": name, "kind": kind.plural, "uid": meta_str(&o, "uid")});
            if !kind.group.is_empty() {
                details["group"] = json!(kind.group);
            }
            let mut status = success_status(0, Some(details));
            if let Some(m) = status.as_object_mut() {
                m.remove("code");
            }
            Reply::ok(status)
        }
        other => outcome_reply(kind, other),
    })
}

fn jiff_seconds(s: i64) -> k8s_openapi::jiff::SignedDuration {
    k8s_openapi::jiff::SignedDuration::from_secs(s)
}

/// Removes a gracefully deleted object when its grace period ends (what the kubelet's final
/// DELETE would do on a real node).
fn expire_after(
    state: &Arc<ApiState>,
    kind: &'static ResourceKind,
    namespace: &str,
    name: &str,
    uid: String,
    after: Duration,
) {
    let state = Arc::downgrade(state);
    let (namespace, name) = (namespace.to_string(), name.to_string());
    tokio::spawn(async move {
        tokio::time::sleep(after).await;
        let Some(state) = state.upgrade() else { return };
        let _ = state.store.update(kind, &namespace, &name, |cur| {
            Ok(if meta_str(cur, "uid") == uid && ready_to_go(cur) {
                Write::Delete
            } else {
                Write::Keep
            })
        });
    });
}

/// What the namespace controller does: delete everything in a terminating namespace, then it.
fn finish_namespace(state: &Arc<ApiState>, namespace: &str) {
    for kind in namespaced_storages() {
        let (objects, _) = state.store.list(kind, Some(namespace));
        for obj in objects {
            let _ = state
                .store
                .update(kind, namespace, meta_str(&obj, "name"), |_| {
                    Ok(Write::Delete)
                });
        }
    }
    if let Some(namespaces) = lookup("", "v1", "namespaces") {
        let _ = state
            .store
            .update(namespaces, "", namespace, |_| Ok(Write::Delete));
    }
}

/// DELETE of a collection: every selected object, each as a DELETE would.
pub(crate) fn delete_collection(
    state: &Arc<ApiState>,
    kind: &'static ResourceKind,
    namespace: Option<&str>,
    input: &Input<'_>,
) -> Result<Reply, ApiError> {
    let sel = selectors(kind, input.query)?;
    let opts = delete_options(input, state.settings.max_body_bytes)?;
    let (objects, _) = state.store.list(kind, namespace);
    let mut items = Vec::new();
    for obj in objects.iter().filter(|o| sel.matches(kind, o)) {
        match delete_one(
            state,
            kind,
            meta_str(obj, "namespace"),
            meta_str(obj, "name"),
            &opts,
        ) {
            Ok(_) => items.push(served(kind, obj)),
            Err(e) if e.code == 404 => {}
            Err(e) => return Err(e),
        }
    }
    Ok(Reply::ok(json!({
        "kind": format!("{}List", kind.kind),
        "apiVersion": kind.api_version(),
        "metadata": {"resourceVersion": state.store.current_rv().to_string()},
        "items": items,
    })))
}
