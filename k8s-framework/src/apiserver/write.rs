//! Writing verbs: create (POST), update (PUT) and patch, of objects and of their status,
//! with system metadata kept and the status subresource kept apart from the rest
//! (`kubernetes: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go`).

use serde_json::{Value, json};

use super::clock;
use super::codec::{YamlError, decode, unknown_fields, yaml_value};
use super::defaults;
use super::error::{ApiError, StatusCause};
use super::handlers::{
    Input, check_namespace, dry_run, field_validation, manager_of, meta_str, outcome_reply,
    precondition_failed, read_object, require_live_namespace, update_or_preview,
};
use super::managed;
use super::patch::{self, PATCH_TYPES, PatchType};
use super::resources::{ResourceKind, Subresource};
use super::response::Reply;
use super::state::{ApiState, served, stored};
use super::store::Write;
use super::validation;

/// 5 random characters, from the alphabet of upstream's `SimpleNameGenerator`.
fn random_suffix() -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let bytes = *uuid::Uuid::new_v4().as_bytes();
    bytes[..5]
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// POST to a collection.
pub(crate) fn create(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: Option<&str>,
    input: &Input<'_>,
) -> Result<Reply, ApiError> {
    let (mut obj, warnings) = read_object(kind, input, state.settings.max_body_bytes)?;
    if kind.namespaced {
        let ns = namespace.ok_or_else(|| ApiError::method_not_allowed(format!(
            "the server does not allow this method on the requested resource: create {} requires a namespace",
            kind.plural
        )))?;
        check_namespace(kind, &mut obj, ns)?;
    } else {
        check_namespace(kind, &mut obj, "")?;
    }
    let manager = manager_of(input);
    let dry = dry_run(input.query)?;
    create_object(state, kind, obj, warnings, dry, |obj| {
        managed::record_update(None, obj, &manager, kind, false)
    })
}

/// Stores a new object: system metadata, generateName, namespace lifecycle, defaults,
/// validation; `own` records field ownership once the object is complete.
fn create_object(
    state: &ApiState,
    kind: &ResourceKind,
    mut obj: Value,
    warnings: Vec<String>,
    dry: bool,
    own: impl Fn(&mut Value),
) -> Result<Reply, ApiError> {
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
    if kind.group == "events.k8s.io" {
        validation::check_events_v1_create(&stored(kind, obj.clone()))?;
    }
    own(&mut obj);
    if dry {
        // Nothing is stored; a name already taken still fails as it would.
        if state
            .store
            .get(kind, meta_str(&obj, "namespace"), meta_str(&obj, "name"))
            .is_some()
        {
            return Err(ApiError::already_exists(
                kind.group,
                kind.plural,
                meta_str(&obj, "name"),
            ));
        }
        let mut reply = Reply::with_code(201, obj);
        reply.warnings = warnings;
        return Ok(reply);
    }
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

/// PUT of an object or its status.
pub(crate) fn update(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
    status_only: bool,
) -> Result<Reply, ApiError> {
    let (mut obj, warnings) = read_object(kind, input, state.settings.max_body_bytes)?;
    let body_name = meta_str(&obj, "name").to_string();
    if body_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({name})"
        )));
    }
    check_namespace(kind, &mut obj, namespace)?;
    let new = stored(kind, obj);
    let manager = manager_of(input);
    let dry = dry_run(input.query)?;
    let outcome = update_or_preview(state, kind, namespace, name, dry, |current| {
        let mut next = next_state(kind, current, new.clone(), status_only)?;
        managed::record_update(Some(current), &mut next, &manager, kind, status_only);
        Ok(finish(current, next))
    })?;
    let mut reply = outcome_reply(kind, outcome);
    reply.warnings = warnings;
    Ok(reply)
}

/// A write that leaves an object being deleted with nothing left to wait for removes it:
/// its deletion was already due (grace period 0, or none) and the write leaves no
/// finalizers. An expired grace period alone does not count: a pod whose grace has run out
/// stays until its kubelet confirms the deletion, however its status is written meanwhile
/// (`kubernetes: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go`,
/// `shouldDeleteDuringUpdate`).
fn finish(current: &Value, next: Value) -> Write {
    let deleting = current["metadata"]["deletionTimestamp"].is_string();
    let due = current["metadata"]["deletionGracePeriodSeconds"]
        .as_i64()
        .is_none_or(|grace| grace == 0);
    let finalizers = next["metadata"]["finalizers"]
        .as_array()
        .is_some_and(|f| !f.is_empty());
    if deleting && due && !finalizers {
        Write::Delete
    } else {
        Write::Put(next)
    }
}

/// PATCH of an object or its status; an apply patch is server-side apply.
pub(crate) fn patch(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
    status_only: bool,
) -> Result<Reply, ApiError> {
    let media = input.content_type.split(';').next().unwrap_or("").trim();
    if media == APPLY_PATCH {
        return apply(state, kind, namespace, name, input, status_only);
    }
    let ptype = PatchType::from_content_type(input.content_type)
        .ok_or_else(|| ApiError::unsupported_media_type(PATCH_TYPES))?;
    let manager = manager_of(input);
    let mut warnings = Vec::new();
    let dry = dry_run(input.query)?;
    let outcome = update_or_preview(state, kind, namespace, name, dry, |current| {
        let shown = served(kind, current);
        let patched = patch::apply(ptype, &shown, input.body, state.settings.max_body_bytes)?;
        let mut obj = decode(kind, patched.clone())?;
        warnings = field_validation(input.query, unknown_fields(&patched, &obj))?;
        // Name and namespace come from the URL; a patch cannot move an object.
        obj["metadata"]["name"] = json!(name);
        check_namespace(kind, &mut obj, namespace)?;
        let mut next = next_state(kind, current, stored(kind, obj), status_only)?;
        managed::record_update(Some(current), &mut next, &manager, kind, status_only);
        Ok(finish(current, next))
    })?;
    let mut reply = outcome_reply(kind, outcome);
    reply.warnings = warnings;
    Ok(reply)
}

/// The server-side apply patch type.
const APPLY_PATCH: &str = "application/apply-patch+yaml";

/// Server-side apply (`kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go`,
/// `applyPatcher`): creates the object if it is missing, else merges the applied fields in,
/// refusing (409) to change fields other managers own unless `force=true`.
fn apply(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: &str,
    name: &str,
    input: &Input<'_>,
    status_only: bool,
) -> Result<Reply, ApiError> {
    let manager = input.query.get("fieldManager").unwrap_or("").to_string();
    if manager.is_empty() {
        return Err(ApiError::invalid(
            "meta.k8s.io",
            "PatchOptions",
            "",
            vec![StatusCause {
                reason: "FieldValueRequired",
                message: "Required value: is required for apply patch".into(),
                field: "fieldManager".into(),
            }],
        ));
    }
    let force = input.query.flag("force");
    let raw = match yaml_value(input.body, state.settings.max_body_bytes) {
        Ok(raw) => raw,
        Err(YamlError::TooLarge) => return Err(ApiError::too_large(state.settings.max_body_bytes)),
        Err(YamlError::Syntax(e)) => {
            return Err(ApiError::bad_request(format!("error decoding YAML: {e}")));
        }
    };
    if !raw.is_object() {
        return Err(ApiError::bad_request(
            "error decoding YAML: the apply patch is not an object",
        ));
    }
    let mut obj = decode(kind, raw.clone())?;
    let warnings = field_validation(input.query, unknown_fields(&raw, &obj))?;
    // An apply patch may leave the name out; the URL's is used.
    let body_name = meta_str(&obj, "name").to_string();
    if body_name.is_empty() {
        obj["metadata"]["name"] = json!(name);
    } else if body_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({name})"
        )));
    }
    check_namespace(kind, &mut obj, namespace)?;
    let applied = stored(kind, obj);
    let dry = dry_run(input.query)?;
    let result = update_or_preview(state, kind, namespace, name, dry, |current| {
        let merged = managed::apply(kind, Some(current), &applied, &manager, force, status_only)?;
        // The applied fields merged into what is there: refused past the object size limit,
        // as a patch's result is.
        if patch::json_size(&merged) > state.settings.max_body_bytes {
            return Err(ApiError::too_large(state.settings.max_body_bytes));
        }
        let owners = merged["metadata"]["managedFields"].clone();
        let mut next = next_state(kind, current, merged, status_only)?;
        next["metadata"]["managedFields"] = owners;
        if next["metadata"]["managedFields"].is_null() {
            if let Some(m) = next["metadata"].as_object_mut() {
                m.remove("managedFields");
            }
        }
        Ok(finish(current, next))
    });
    let mut reply = match result {
        Ok(outcome) => outcome_reply(kind, outcome),
        // Applying to a missing object creates it.
        Err(e) if e.code == 404 && e.reason == "NotFound" && !status_only => {
            let owned = managed::apply(kind, None, &applied, &manager, force, false)?;
            create_object(
                state,
                kind,
                served(kind, &applied),
                Vec::new(),
                dry,
                |obj| {
                    obj["metadata"]["managedFields"] = owned["metadata"]["managedFields"].clone();
                },
            )?
        }
        Err(e) => return Err(e),
    };
    reply.warnings = warnings;
    Ok(reply)
}
