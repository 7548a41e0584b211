//! The verbs on collections, objects and subresources: get, list, create, update, patch,
//! delete, deletecollection, and pod binding. Watch lives in `watch.rs`.
//!
//! Semantics follow `kubernetes: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go`
//! and the pod, node and namespace strategies in `pkg/registry/core/`.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};

use super::clock;
use super::codec::{decode, parse_body, unknown_fields};
use super::defaults;
use super::error::{ApiError, success_status};
use super::patch::{self, PATCH_TYPES, PatchType};
use super::resources::{ResourceKind, Subresource, lookup};
use super::response::{Reply, Wanted};
use super::routes::Query;
use super::selectors::{FieldSelector, LabelSelector, Selectors};
use super::state::{ApiState, namespaced_storages, served, stored};
use super::store::{Object, Outcome, Write};
use super::tables::{IncludeObject, TableVersion, table};
use super::validation;

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
}

fn meta_str<'a>(obj: &'a Value, field: &str) -> &'a str {
    obj["metadata"][field].as_str().unwrap_or("")
}

/// Namespaces that can never be deleted (`kubernetes: plugin/pkg/admission/namespace/lifecycle`).
const IMMORTAL_NAMESPACES: &[&str] = &["default", "kube-system", "kube-public"];

/// `fieldValidation`: Strict fails on unknown fields, Warn (the default) reports them, Ignore
/// drops them silently (`kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go`).
fn field_validation(query: &Query, unknown: Vec<String>) -> Result<Vec<String>, ApiError> {
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

/// Decodes a body as an object of `kind`: parse, typed round trip, field validation.
fn read_object(kind: &ResourceKind, input: &Input<'_>) -> Result<(Value, Vec<String>), ApiError> {
    let raw = parse_body(input.content_type, input.body)?;
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

fn check_namespace(kind: &ResourceKind, obj: &mut Value, namespace: &str) -> Result<(), ApiError> {
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

fn require_live_namespace(state: &ApiState, namespace: &str) -> Result<(), ApiError> {
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

/// 5 random characters, from the alphabet of upstream's `SimpleNameGenerator`.
fn random_suffix() -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let bytes = *uuid::Uuid::new_v4().as_bytes();
    bytes[..5]
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

fn render_one(kind: &ResourceKind, obj: &Value, wanted: Wanted) -> Value {
    let obj = served(kind, obj);
    match wanted {
        Wanted::Plain => obj,
        Wanted::Metadata => {
            json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": obj["metadata"]})
        }
        Wanted::Table(v) => table(
            kind.kind,
            &[&obj],
            json!({"resourceVersion": obj["metadata"]["resourceVersion"]}),
            v,
            IncludeObject::Metadata,
            true,
        ),
    }
}

fn include_object(query: &Query) -> Result<IncludeObject, ApiError> {
    match query.get("includeObject") {
        None | Some("" | "Metadata") => Ok(IncludeObject::Metadata),
        Some("None") => Ok(IncludeObject::None),
        Some("Object") => Ok(IncludeObject::Object),
        Some(other) => Err(ApiError::bad_request(format!(
            "unrecognized includeObject value: {other:?}"
        ))),
    }
}

/// GET of one object.
pub(crate) fn get(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
) -> Result<Reply, ApiError> {
    let obj = state
        .store
        .get(kind, namespace, name)
        .ok_or_else(|| ApiError::not_found(kind.group, kind.plural, name))?;
    let mut body = render_one(kind, &obj, input.wanted);
    if let Wanted::Table(_) = input.wanted {
        if include_object(input.query)? == IncludeObject::Object {
            body["rows"][0]["object"] = served(kind, &obj);
        }
    }
    Ok(Reply::ok(body))
}

/// The selectors of a list or watch.
pub(crate) fn selectors(kind: &ResourceKind, query: &Query) -> Result<Selectors, ApiError> {
    Ok(Selectors {
        labels: LabelSelector::parse(query.get("labelSelector").unwrap_or(""))?,
        fields: FieldSelector::parse(query.get("fieldSelector").unwrap_or(""), kind)?,
    })
}

/// The continue token: like upstream's (`kubernetes: staging/src/k8s.io/apiserver/pkg/storage/continue.go`),
/// base64 of `{"v":"meta.k8s.io/v1","rv":N,"start":"<namespace>/<name>\u0000"}`.
fn encode_continue(rv: u64, namespace: &str, name: &str) -> String {
    let token =
        json!({"v": "meta.k8s.io/v1", "rv": rv, "start": format!("{namespace}/{name}\u{0}")});
    base64::engine::general_purpose::URL_SAFE.encode(token.to_string())
}

fn decode_continue(token: &str) -> Result<(u64, String, String), ApiError> {
    let bad = |why: &str| ApiError::bad_request(format!("continue key is not valid: {why}"));
    let bytes = base64::engine::general_purpose::URL_SAFE
        .decode(token)
        .or_else(|_| base64::engine::general_purpose::STANDARD.decode(token))
        .map_err(|_| bad("illegal base64 data"))?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|_| bad("not a JSON object"))?;
    if v["v"] != "meta.k8s.io/v1" {
        return Err(bad("server does not recognize this encoded key"));
    }
    let rv = v["rv"]
        .as_u64()
        .ok_or_else(|| bad("incorrect encoded start resourceVersion (version meta.k8s.io/v1)"))?;
    let start = v["start"]
        .as_str()
        .ok_or_else(|| bad("encoded start key empty"))?;
    let start = start.strip_suffix('\u{0}').unwrap_or(start);
    let (ns, name) = start.split_once('/').unwrap_or(("", start));
    Ok((rv, ns.to_string(), name.to_string()))
}

/// LIST of a collection (label and field selectors, limit/continue, Table form).
pub(crate) fn list(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: Option<&str>,
    input: &Input<'_>,
) -> Result<Reply, ApiError> {
    let sel = selectors(kind, input.query)?;
    let limit = match input.query.get("limit") {
        None | Some("") => None,
        Some(s) => match s.parse::<i64>() {
            Ok(n) if n > 0 => Some(n as usize),
            Ok(_) => None,
            Err(_) => {
                return Err(ApiError::bad_request(format!(
                    "limit: Invalid value: {s:?}: must be an integer"
                )));
            }
        },
    };
    let start = match input.query.get("continue").filter(|c| !c.is_empty()) {
        Some(token) => Some(decode_continue(token)?),
        None => None,
    };
    // A fieldSelector on metadata.namespace narrows a cluster-wide list like a namespaced path.
    let ns_filter = namespace.or(sel.fields.exact("metadata.namespace"));
    let (items, current_rv) = state.store.list(kind, ns_filter);
    let list_rv = start.as_ref().map_or(current_rv, |(rv, _, _)| *rv);
    let mut selected: Vec<Object> = items
        .into_iter()
        .filter(|o| match &start {
            Some((_, ns, name)) => {
                (meta_str(o, "namespace"), meta_str(o, "name")) > (ns.as_str(), name.as_str())
            }
            None => true,
        })
        .filter(|o| sel.matches(kind, o))
        .collect();
    let mut list_meta = json!({"resourceVersion": list_rv.to_string()});
    if let Some(limit) = limit {
        if selected.len() > limit {
            let remaining = selected.len() - limit;
            selected.truncate(limit);
            let last = &selected[limit - 1];
            list_meta["continue"] = json!(encode_continue(
                list_rv,
                meta_str(last, "namespace"),
                meta_str(last, "name")
            ));
            // Upstream only counts the rest when nothing filters it.
            if sel.labels.is_empty() && sel.fields.is_empty() {
                list_meta["remainingItemCount"] = json!(remaining);
            }
        }
    }
    let body = match input.wanted {
        Wanted::Table(v) => {
            let objs: Vec<Value> = selected.iter().map(|o| served(kind, o)).collect();
            let refs: Vec<&Value> = objs.iter().collect();
            table(
                kind.kind,
                &refs,
                list_meta,
                v,
                include_object(input.query)?,
                true,
            )
        }
        Wanted::Metadata => {
            let items: Vec<Value> = selected
                .iter()
                .map(|o| json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": o["metadata"]}))
                .collect();
            json!({"kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": list_meta, "items": items})
        }
        Wanted::Plain => {
            // Items of a list carry no kind or apiVersion, as kube-apiserver's typed lists.
            let items: Vec<Value> = selected
                .iter()
                .map(|o| {
                    let mut v = served(kind, o);
                    if let Some(m) = v.as_object_mut() {
                        m.remove("kind");
                        m.remove("apiVersion");
                    }
                    v
                })
                .collect();
            json!({"kind": format!("{}List", kind.kind), "apiVersion": kind.api_version(), "metadata": list_meta, "items": items})
        }
    };
    Ok(Reply::ok(body))
}

/// POST to a collection.
pub(crate) fn create(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: Option<&str>,
    input: &Input<'_>,
) -> Result<Reply, ApiError> {
    let (mut obj, warnings) = read_object(kind, input)?;
    if kind.namespaced {
        let ns = namespace.ok_or_else(|| ApiError::method_not_allowed(format!(
            "the server does not allow this method on the requested resource: create {} requires a namespace",
            kind.plural
        )))?;
        check_namespace(kind, &mut obj, ns)?;
    } else {
        check_namespace(kind, &mut obj, "")?;
    }
    let meta = obj["metadata"]
        .as_object_mut()
        .ok_or_else(|| ApiError::bad_request("metadata must be an object"))?;
    // kubernetes: staging/src/k8s.io/apiserver/pkg/registry/rest/create.go (`BeforeCreate`).
    if meta
        .get("resourceVersion")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty())
    {
        return Err(ApiError::bad_request(
            "resourceVersion should not be set on objects to be created",
        ));
    }
    let generate = meta
        .get("generateName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let explicit = meta
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    for key in [
        "uid",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "managedFields",
        "selfLink",
    ] {
        meta.remove(key);
    }
    meta.insert("uid".into(), json!(uuid::Uuid::new_v4().to_string()));
    meta.insert(
        "creationTimestamp".into(),
        json!(clock::format_time(clock::now())),
    );
    if explicit.is_empty() && !generate.is_empty() {
        meta.insert(
            "name".into(),
            json!(format!("{generate}{}", random_suffix())),
        );
    }
    if kind.namespaced {
        require_live_namespace(state, meta_str(&obj, "namespace"))?;
    }
    defaults::apply(kind.kind, &mut obj);
    if kind.kind == "Pod" {
        // kubernetes: pkg/registry/core/pod/strategy.go (`PrepareForCreate`): status starts Pending.
        obj["status"] = json!({"phase": "Pending", "qosClass": defaults::qos_class(&obj)});
    }
    validation::validate(kind, &obj)?;
    let mut attempts = 0;
    loop {
        match state.store.create(kind, stored(kind, obj.clone())) {
            Ok(created) => {
                let mut reply = Reply::with_code(201, served(kind, &created));
                reply.warnings = warnings;
                return Ok(reply);
            }
            // A generated name that collides is tried again, as upstream retries generateName.
            Err(e)
                if e.code == 409 && explicit.is_empty() && !generate.is_empty() && attempts < 8 =>
            {
                attempts += 1;
                obj["metadata"]["name"] = json!(format!("{generate}{}", random_suffix()));
            }
            Err(e) => return Err(e),
        }
    }
}

fn precondition_failed(
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

/// Builds the next stored state from the current object and a client's new object: system
/// metadata is kept, and the status (or, for the status subresource, everything else) too.
fn next_state(
    kind: &ResourceKind,
    current: &Value,
    new: Value,
    status_only: bool,
) -> Result<Value, ApiError> {
    let name = meta_str(current, "name").to_string();
    let new_rv = meta_str(&new, "resourceVersion").to_string();
    if !new_rv.is_empty() && new_rv != meta_str(current, "resourceVersion") {
        // kubernetes: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go (`OptimisticLockErrorMsg`).
        return Err(ApiError::conflict(
            kind.group,
            kind.plural,
            &name,
            "the object has been modified; please apply your changes to the latest version and try again",
        ));
    }
    let new_uid = meta_str(&new, "uid");
    if !new_uid.is_empty() && new_uid != meta_str(current, "uid") {
        return Err(precondition_failed(
            kind,
            &name,
            "UID",
            new_uid,
            meta_str(current, "uid"),
        ));
    }
    let mut next = if status_only {
        let mut next = current.clone();
        next["status"] = new.get("status").cloned().unwrap_or(Value::Null);
        for field in ["labels", "annotations"] {
            match new["metadata"].get(field) {
                Some(v) if !v.is_null() => next["metadata"][field] = v.clone(),
                _ => {
                    if let Some(m) = next["metadata"].as_object_mut() {
                        m.remove(field);
                    }
                }
            }
        }
        next
    } else {
        let mut next = new;
        for key in [
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "namespace",
            "name",
        ] {
            match current["metadata"].get(key) {
                Some(v) => next["metadata"][key] = v.clone(),
                None => {
                    if let Some(m) = next["metadata"].as_object_mut() {
                        m.remove(key);
                    }
                }
            }
        }
        if kind.has(Subresource::Status) {
            match current.get("status") {
                Some(s) => next["status"] = s.clone(),
                None => {
                    if let Some(m) = next.as_object_mut() {
                        m.remove("status");
                    }
                }
            }
        }
        next
    };
    if let Some(obj) = next.as_object_mut() {
        if obj.get("status").is_some_and(Value::is_null) {
            obj.remove("status");
        }
    }
    if kind.kind == "Pod" {
        defaults::pod(&mut next);
        if !status_only {
            validation::check_pod_spec_update(current, &next)?;
        }
    }
    if kind.kind == "Namespace" {
        if let Some(labels) = next["metadata"]
            .get_mut("labels")
            .and_then(Value::as_object_mut)
        {
            labels.insert("kubernetes.io/metadata.name".into(), json!(name));
        } else {
            next["metadata"]["labels"] = json!({"kubernetes.io/metadata.name": name});
        }
    }
    validation::validate(kind, &next)?;
    Ok(next)
}

/// Whether an object being deleted may go now: no finalizers left and its grace is over.
fn ready_to_go(obj: &Value) -> bool {
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

fn outcome_reply(kind: &ResourceKind, outcome: Outcome) -> Reply {
    match outcome {
        Outcome::Unchanged(o) | Outcome::Updated(o) | Outcome::Deleted(o) => {
            Reply::ok(served(kind, &o))
        }
    }
}

/// PUT of an object or its status.
pub(crate) fn update(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
    status_only: bool,
) -> Result<Reply, ApiError> {
    let (mut obj, warnings) = read_object(kind, input)?;
    let body_name = meta_str(&obj, "name").to_string();
    if body_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({name})"
        )));
    }
    check_namespace(kind, &mut obj, namespace)?;
    let new = stored(kind, obj);
    let outcome = state.store.update(kind, namespace, name, |current| {
        let next = next_state(kind, current, new, status_only)?;
        Ok(if ready_to_go(&next) {
            Write::Delete
        } else {
            Write::Put(next)
        })
    })?;
    let mut reply = outcome_reply(kind, outcome);
    reply.warnings = warnings;
    Ok(reply)
}

/// PATCH of an object or its status.
pub(crate) fn patch(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
    status_only: bool,
) -> Result<Reply, ApiError> {
    let ptype = PatchType::from_content_type(input.content_type)
        .ok_or_else(|| ApiError::unsupported_media_type(PATCH_TYPES))?;
    let mut warnings = Vec::new();
    let outcome = state.store.update(kind, namespace, name, |current| {
        let shown = served(kind, current);
        let patched = patch::apply(ptype, &shown, input.body)?;
        let mut obj = decode(kind, patched.clone())?;
        warnings = field_validation(input.query, unknown_fields(&patched, &obj))?;
        // Name and namespace come from the URL; a patch cannot move an object.
        obj["metadata"]["name"] = json!(name);
        check_namespace(kind, &mut obj, namespace)?;
        let next = next_state(kind, current, stored(kind, obj), status_only)?;
        Ok(if ready_to_go(&next) {
            Write::Delete
        } else {
            Write::Put(next)
        })
    })?;
    let mut reply = outcome_reply(kind, outcome);
    reply.warnings = warnings;
    Ok(reply)
}

/// `DeleteOptions` from the body and the query.
#[derive(Debug, Default)]
struct DeleteOptions {
    grace: Option<i64>,
    uid: Option<String>,
    resource_version: Option<String>,
}

fn delete_options(input: &Input<'_>) -> Result<DeleteOptions, ApiError> {
    let mut opts = DeleteOptions::default();
    if !input.body.iter().all(u8::is_ascii_whitespace) {
        let v = parse_body(input.content_type, input.body)?;
        opts.grace = v["gracePeriodSeconds"].as_i64();
        opts.uid = v["preconditions"]["uid"].as_str().map(str::to_string);
        opts.resource_version = v["preconditions"]["resourceVersion"]
            .as_str()
            .map(str::to_string);
    }
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
    let opts = delete_options(input)?;
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
    let outcome = state.store.update(kind, namespace, name, |current| {
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
            return Ok(Write::Put(next));
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
            if grace > 0 {
                timer = Some((grace, meta_str(current, "uid").to_string()));
            }
            return Ok(Write::Put(next));
        }
        if has_finalizers {
            if current["metadata"]["deletionTimestamp"].is_string() {
                return Ok(Write::Keep);
            }
            next["metadata"]["deletionTimestamp"] = json!(clock::format_time(now));
            next["metadata"]["deletionGracePeriodSeconds"] = json!(0);
            return Ok(Write::Put(next));
        }
        Ok(Write::Delete)
    })?;
    if let Some((grace, uid)) = timer {
        expire_after(
            state,
            kind,
            namespace,
            name,
            uid,
            Duration::from_secs(grace as u64),
        );
    }
    if kind.kind == "Namespace" {
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
    let opts = delete_options(input)?;
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

/// POST `pods/{name}/binding` (`kubernetes: pkg/registry/core/pod/storage/storage.go`, `BindingREST`):
/// sets `spec.nodeName` and `PodScheduled=True`, answers 201 with a Success `Status`.
pub(crate) fn bind(
    state: &ApiState,
    pods: &ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
) -> Result<Reply, ApiError> {
    let raw = parse_body(input.content_type, input.body)?;
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
    state.store.update(pods, namespace, name, |pod| {
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

/// What a Table answer for a watch event looks like (used by the watch stream).
pub(crate) fn watch_table(
    kind: &ResourceKind,
    obj: &Value,
    version: TableVersion,
    headers: bool,
) -> Value {
    table(
        kind.kind,
        &[obj],
        json!({"resourceVersion": obj["metadata"]["resourceVersion"]}),
        version,
        IncludeObject::Metadata,
        headers,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continue_tokens_round_trip() {
        let t = encode_continue(42, "default", "web-1");
        assert_eq!(
            decode_continue(&t).unwrap(),
            (42, "default".to_string(), "web-1".to_string())
        );
        assert_eq!(decode_continue("!!!").unwrap_err().code, 400);
    }
}
