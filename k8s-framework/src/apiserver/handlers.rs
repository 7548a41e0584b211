//! What the verbs share: the parsed request ([`Input`]), body decoding with field validation,
//! namespace checks, preconditions, and the rules for when a deleting object may go.
//!
//! The verbs themselves are in `read.rs`, `write.rs`, `delete.rs` and `binding.rs`; watch is in `watch.rs`.

use serde_json::{Value, json};

use super::clock;
use super::codec::{decode, parse_body, unknown_fields};
use super::error::ApiError;
use super::resources::{ResourceKind, lookup};
use super::response::{Reply, Wanted};
use super::routes::Query;
use super::state::{ApiState, served};
use super::store::{Outcome, Write};

/// The parts of a request a verb reads.
#[derive(Debug)]
pub(crate) struct Input<'a> {
    /// The query string.
    pub(crate) query: &'a Query,
    /// `Content-Type`.
    pub(crate) content_type: &'a str,
    /// What `Accept` asks for.
    pub(crate) wanted: Wanted,
    /// The body (already bounded in size).
    pub(crate) body: &'a [u8],
    /// `User-Agent` (names the field manager when `fieldManager` is not given).
    pub(crate) user_agent: &'a str,
}

/// A string field of `metadata`, empty if absent.
pub(crate) fn meta_str<'a>(obj: &'a Value, field: &str) -> &'a str {
    obj["metadata"][field].as_str().unwrap_or("")
}

/// `fieldValidation`: Strict fails on unknown fields, Warn (the default) reports them, Ignore
/// drops them silently (`kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go`).
pub(crate) fn field_validation(
    query: &Query,
    unknown: Vec<String>,
) -> Result<Vec<String>, ApiError> {
    if unknown.is_empty() {
        return Ok(Vec::new());
    }
    match query.get("fieldValidation").unwrap_or("Warn") {
        "Ignore" => Ok(Vec::new()),
        "Strict" => Err(ApiError::bad_request(format!(
            "strict decoding error: {}",
            unknown
                .iter()
                .map(|f| format!("unknown field {f:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        "Warn" => Ok(unknown
            .iter()
            .map(|f| format!("unknown field {f:?}"))
            .collect()),
        other => Err(ApiError::bad_request(format!(
            "fieldValidation must be one of \"Ignore\", \"Warn\" or \"Strict\", got {other:?}"
        ))),
    }
}

/// Decodes a body as an object of `kind`: parse (within `limit` bytes, the body limit),
/// typed round trip, field validation.
pub(crate) fn read_object(
    kind: &ResourceKind,
    input: &Input<'_>,
    limit: usize,
) -> Result<(Value, Vec<String>), ApiError> {
    let raw = parse_body(input.content_type, input.body, limit)?;
    let obj = decode(kind, raw.clone())?;
    // A strict decoding error of a whole object reads like any decoding error of it
    // (`Pod in version "v1" cannot be handled as a Pod: strict decoding error: ...`).
    let warnings = field_validation(input.query, unknown_fields(&raw, &obj)).map_err(|mut e| {
        e.message = format!(
            "{} in version {:?} cannot be handled as a {}: {}",
            kind.kind, kind.version, kind.kind, e.message
        );
        e
    })?;
    Ok((obj, warnings))
}

/// Makes the body's namespace agree with the URL's (400 if it names another); cluster-scoped
/// objects lose theirs.
pub(crate) fn check_namespace(
    kind: &ResourceKind,
    obj: &mut Value,
    namespace: &str,
) -> Result<(), ApiError> {
    let meta = obj["metadata"]
        .as_object_mut()
        .ok_or_else(|| ApiError::bad_request("metadata must be an object"))?;
    if kind.namespaced {
        match meta.get("namespace").and_then(Value::as_str) {
            None | Some("") => {
                meta.insert("namespace".into(), json!(namespace));
            }
            Some(ns) if ns == namespace => {}
            // kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go (`checkName`).
            Some(_) => {
                return Err(ApiError::bad_request(
                    "the namespace of the provided object does not match the namespace sent on the request",
                ));
            }
        }
    } else {
        meta.remove("namespace");
    }
    Ok(())
}

/// NamespaceLifecycle admission: the namespace must exist (404) and not be terminating (403).
pub(crate) fn require_live_namespace(state: &ApiState, namespace: &str) -> Result<(), ApiError> {
    let namespaces =
        lookup("", "v1", "namespaces").ok_or_else(|| ApiError::internal("no namespaces kind"))?;
    match state.store.get(namespaces, "", namespace) {
        None => Err(ApiError::not_found("", "namespaces", namespace)),
        Some(ns) if ns["metadata"]["deletionTimestamp"].is_string() => Err(ApiError::forbidden(
            "",
            "namespaces",
            namespace,
            &format!(
                "unable to create new content in namespace {namespace} because it is being terminated"
            ),
        )),
        Some(_) => Ok(()),
    }
}

/// `dryRun=All`: validate and answer as if written, but change nothing
/// (`kubernetes: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation`, `ValidateDryRun`).
pub(crate) fn dry_run(query: &Query) -> Result<bool, ApiError> {
    match query.get("dryRun") {
        None | Some("") => Ok(false),
        Some("All") => Ok(true),
        Some(other) => Err(ApiError::bad_request(format!(
            "dryRun: Unsupported value: {other:?}: supported values: \"All\""
        ))),
    }
}

/// An update through the store, or with `dry_run` only its preview: the answer shows what
/// would have been stored.
pub(crate) fn update_or_preview(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: &str,
    name: &str,
    dry_run: bool,
    mut change: impl FnMut(&Value) -> Result<Write, ApiError>,
) -> Result<Outcome, ApiError> {
    if !dry_run {
        return state.store.update(kind, namespace, name, change);
    }
    let mut preview = None;
    let current = state.store.update(kind, namespace, name, |cur| {
        preview = match change(cur)? {
            Write::Put(v) | Write::PutDeleting(v) => Some(Outcome::Updated(std::sync::Arc::new(v))),
            Write::Delete => Some(Outcome::Deleted(std::sync::Arc::new(cur.clone()))),
            Write::Keep => None,
        };
        Ok(Write::Keep)
    })?;
    Ok(preview.unwrap_or(current))
}

/// The field manager of a non-apply write.
pub(crate) fn manager_of(input: &Input<'_>) -> String {
    super::managed::manager_name(input.query.get("fieldManager"), input.user_agent)
}

/// 409 for a failed uid or resourceVersion precondition, worded as upstream's.
pub(crate) fn precondition_failed(
    kind: &ResourceKind,
    name: &str,
    what: &str,
    wanted: &str,
    actual: &str,
) -> ApiError {
    ApiError::conflict(
        kind.group,
        kind.plural,
        name,
        &format!(
            "Precondition failed: {what} in precondition: {wanted}, {what} in object meta: {actual}"
        ),
    )
}

/// Whether an object being deleted may go now: no finalizers left and its grace is over.
pub(crate) fn ready_to_go(obj: &Value) -> bool {
    let deleting = obj["metadata"]["deletionTimestamp"].is_string();
    let finalizers = obj["metadata"]["finalizers"]
        .as_array()
        .is_some_and(|f| !f.is_empty());
    let grace_over = obj["metadata"]["deletionGracePeriodSeconds"]
        .as_i64()
        .unwrap_or(0)
        == 0
        || obj["metadata"]["deletionTimestamp"]
            .as_str()
            .and_then(clock::parse)
            .is_some_and(|t| t <= clock::now());
    deleting && !finalizers && grace_over
}

/// The 200 answer with the object an update left.
pub(crate) fn outcome_reply(kind: &ResourceKind, outcome: Outcome) -> Reply {
    match outcome {
        Outcome::Unchanged(o) | Outcome::Updated(o) | Outcome::Deleted(o) => {
            Reply::ok(served(kind, &o))
        }
    }
}
