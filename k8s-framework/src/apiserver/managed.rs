//! Field ownership (`metadata.managedFields`) and server-side apply.
//!
//! Every write records which manager set which fields, as kube-apiserver's fieldmanager does
//! (`kubernetes: staging/src/k8s.io/apimachinery/pkg/util/managedfields`); an apply patch
//! (`application/apply-patch+yaml`) conflicts (409) when it would change a field another manager
//! owns, unless forced. Simplification: lists are owned whole (atomic), not element by element.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::clock;
use super::error::{ApiError, StatusCause};
use super::resources::ResourceKind;

/// A field path, e.g. `["spec", "holderIdentity"]`.
type Path = Vec<String>;

/// One `managedFields` entry.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    manager: String,
    operation: String,
    api_version: String,
    subresource: String,
    time: String,
    fields: BTreeSet<Path>,
}

/// The fields an object sets: leaves of `spec`, `data` and the like, plus metadata labels,
/// annotations and finalizers. Lists, scalars and empty objects are leaves.
fn leaves(obj: &Value, status: bool) -> BTreeSet<Path> {
    let mut out = BTreeSet::new();
    let Some(map) = obj.as_object() else {
        return out;
    };
    for (k, v) in map {
        match k.as_str() {
            "apiVersion" | "kind" => {}
            "metadata" => {
                for field in ["labels", "annotations"] {
                    if let Some(m) = v.get(field).and_then(Value::as_object) {
                        for key in m.keys() {
                            out.insert(vec!["metadata".into(), field.into(), key.clone()]);
                        }
                    }
                }
                if v.get("finalizers").is_some_and(|f| !f.is_null()) {
                    out.insert(vec!["metadata".into(), "finalizers".into()]);
                }
            }
            "status" if !status => {}
            _ if status && k != "status" => {}
            _ => walk(v, vec![k.clone()], &mut out),
        }
    }
    out
}

fn walk(v: &Value, path: Path, out: &mut BTreeSet<Path>) {
    match v {
        Value::Null => {}
        Value::Object(m) if !m.is_empty() => {
            for (k, child) in m {
                let mut p = path.clone();
                p.push(k.clone());
                walk(child, p, out);
            }
        }
        _ => {
            out.insert(path);
        }
    }
}

fn get<'a>(obj: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter()
        .try_fold(obj, |cur, seg| cur.get(seg))
        .filter(|v| !v.is_null())
}

fn set(obj: &mut Value, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cur = obj;
    for seg in parents {
        if !cur.get(seg).is_some_and(Value::is_object) {
            cur[seg.as_str()] = json!({});
        }
        cur = &mut cur[seg.as_str()];
    }
    cur[last.as_str()] = value;
}

fn remove(obj: &mut Value, path: &[String]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cur = obj;
    for seg in parents {
        match cur.get_mut(seg) {
            Some(next) => cur = next,
            None => return,
        }
    }
    if let Some(m) = cur.as_object_mut() {
        m.remove(last);
    }
}

/// `FieldsV1`: `{"f:spec": {"f:holderIdentity": {}}}`.
fn to_fields_v1(set: &BTreeSet<Path>) -> Value {
    let mut root = json!({});
    for path in set {
        let mut cur = &mut root;
        for seg in path {
            let key = format!("f:{seg}");
            if !cur.get(&key).is_some_and(Value::is_object) {
                cur[key.as_str()] = json!({});
            }
            cur = &mut cur[key.as_str()];
        }
    }
    root
}

fn from_fields_v1(v: &Value) -> BTreeSet<Path> {
    fn go(v: &Value, path: Path, out: &mut BTreeSet<Path>) {
        let children: Vec<(&String, &Value)> = v
            .as_object()
            .map(|m| m.iter().filter(|(k, _)| k.starts_with("f:")).collect())
            .unwrap_or_default();
        if children.is_empty() {
            if !path.is_empty() {
                out.insert(path);
            }
            return;
        }
        for (k, child) in children {
            let mut p = path.clone();
            p.push(k[2..].to_string());
            go(child, p, out);
        }
    }
    let mut out = BTreeSet::new();
    go(v, Vec::new(), &mut out);
    out
}

fn read_entries(obj: &Value) -> Vec<Entry> {
    obj["metadata"]["managedFields"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| Entry {
                    manager: e["manager"].as_str().unwrap_or("").to_string(),
                    operation: e["operation"].as_str().unwrap_or("Update").to_string(),
                    api_version: e["apiVersion"].as_str().unwrap_or("").to_string(),
                    subresource: e["subresource"].as_str().unwrap_or("").to_string(),
                    time: e["time"].as_str().unwrap_or("").to_string(),
                    fields: from_fields_v1(&e["fieldsV1"]),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn write_entries(obj: &mut Value, entries: &[Entry]) {
    let list: Vec<Value> = entries
        .iter()
        .filter(|e| !e.fields.is_empty())
        .map(|e| {
            let mut v = json!({
                "manager": e.manager,
                "operation": e.operation,
                "apiVersion": e.api_version,
                "time": e.time,
                "fieldsType": "FieldsV1",
                "fieldsV1": to_fields_v1(&e.fields),
            });
            if !e.subresource.is_empty() {
                v["subresource"] = json!(e.subresource);
            }
            v
        })
        .collect();
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        if list.is_empty() {
            meta.remove("managedFields");
        } else {
            meta.insert("managedFields".into(), Value::Array(list));
        }
    }
}

fn entry_mut<'a>(
    entries: &'a mut Vec<Entry>,
    manager: &str,
    operation: &str,
    kind: &ResourceKind,
    sub: &str,
) -> &'a mut Entry {
    let pos = entries
        .iter()
        .position(|e| e.manager == manager && e.operation == operation && e.subresource == sub);
    let i = match pos {
        Some(i) => i,
        None => {
            entries.push(Entry {
                manager: manager.to_string(),
                operation: operation.to_string(),
                api_version: kind.api_version(),
                subresource: sub.to_string(),
                time: String::new(),
                fields: BTreeSet::new(),
            });
            entries.len() - 1
        }
    };
    let e = &mut entries[i];
    e.time = clock::format_time(clock::now());
    e
}

/// The manager of a non-apply write: `fieldManager`, else the User-Agent's product
/// (`kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go`, `prefixFromUserAgent`).
pub(crate) fn manager_name(field_manager: Option<&str>, user_agent: &str) -> String {
    match field_manager.filter(|m| !m.is_empty()) {
        Some(m) => m.to_string(),
        None => {
            let prefix: String = user_agent
                .split('/')
                .next()
                .unwrap_or("")
                .chars()
                .take(128)
                .collect();
            if prefix.is_empty() {
                "unknown".into()
            } else {
                prefix
            }
        }
    }
}

/// Records a non-apply write (create, update, patch) by `manager`: the fields it changed become
/// its own, fields it removed belong to no one.
pub(crate) fn record_update(
    old: Option<&Value>,
    new: &mut Value,
    manager: &str,
    kind: &ResourceKind,
    status: bool,
) {
    let mut entries = old.map(read_entries).unwrap_or_default();
    let before = old.map(|o| leaves(o, status)).unwrap_or_default();
    let after = leaves(new, status);
    let empty = json!({});
    let old_obj = old.unwrap_or(&empty);
    let changed: BTreeSet<Path> = after
        .iter()
        .filter(|p| get(old_obj, p) != get(new, p))
        .cloned()
        .collect();
    let removed: BTreeSet<Path> = before.difference(&after).cloned().collect();
    for e in entries.iter_mut() {
        e.fields.retain(|p| {
            let taken_over = changed.contains(p) && e.manager != manager;
            !removed.contains(p) && !taken_over
        });
    }
    if !changed.is_empty() {
        let sub = if status { "status" } else { "" };
        entry_mut(&mut entries, manager, "Update", kind, sub)
            .fields
            .extend(changed);
    }
    write_entries(new, &entries);
}

/// Server-side apply of `applied` by `manager` onto `current` (`None`: the object is new).
/// Returns the new object, with its managedFields, or 409 listing the conflicting fields.
pub(crate) fn apply(
    kind: &ResourceKind,
    current: Option<&Value>,
    applied: &Value,
    manager: &str,
    force: bool,
    status: bool,
) -> Result<Value, ApiError> {
    let empty = json!({});
    let base = current.unwrap_or(&empty);
    let mut entries = read_entries(base);
    let mine = leaves(applied, status);
    let mut conflicts: Vec<(String, Path)> = Vec::new();
    for e in &entries {
        if e.manager == manager {
            continue;
        }
        for p in e.fields.intersection(&mine) {
            if get(base, p) != get(applied, p) {
                conflicts.push((e.manager.clone(), p.clone()));
            }
        }
    }
    if !conflicts.is_empty() && !force {
        return Err(apply_conflict(kind, applied, &conflicts));
    }
    let mut next = base.clone();
    for p in &mine {
        if let Some(v) = get(applied, p) {
            set(&mut next, p, v.clone());
        }
    }
    let sub = if status { "status" } else { "" };
    let previous: BTreeSet<Path> = entries
        .iter()
        .find(|e| e.manager == manager && e.operation == "Apply" && e.subresource == sub)
        .map(|e| e.fields.clone())
        .unwrap_or_default();
    for p in previous.difference(&mine) {
        let owned_elsewhere = entries
            .iter()
            .any(|e| !(e.manager == manager && e.operation == "Apply") && e.fields.contains(p));
        if !owned_elsewhere {
            remove(&mut next, p);
        }
    }
    let taken: BTreeSet<Path> = conflicts.into_iter().map(|(_, p)| p).collect();
    for e in entries.iter_mut() {
        if e.manager != manager {
            e.fields.retain(|p| !taken.contains(p));
        }
    }
    entry_mut(&mut entries, manager, "Apply", kind, sub).fields = mine;
    write_entries(&mut next, &entries);
    Ok(next)
}

/// The 409 an apply conflict gets (`kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager`,
/// `NewConflictError`): `Apply failed with 1 conflict: conflict with "m": .spec.x`.
fn apply_conflict(kind: &ResourceKind, applied: &Value, conflicts: &[(String, Path)]) -> ApiError {
    let causes: Vec<StatusCause> = conflicts
        .iter()
        .map(|(m, p)| StatusCause {
            reason: "FieldManagerConflict",
            message: format!("conflict with {m:?}"),
            field: format!(".{}", p.join(".")),
        })
        .collect();
    let n = causes.len();
    let list = causes
        .iter()
        .map(|c| format!("{}: {}", c.message, c.field))
        .collect::<Vec<_>>()
        .join("\n");
    let message = if n == 1 {
        format!("Apply failed with 1 conflict: {list}")
    } else {
        format!("Apply failed with {n} conflicts: {list}")
    };
    let name = applied["metadata"]["name"].as_str().unwrap_or("");
    let mut details = Map::new();
    details.insert("name".into(), json!(name));
    if !kind.group.is_empty() {
        details.insert("group".into(), json!(kind.group));
    }
    details.insert("kind".into(), json!(kind.plural));
    details.insert(
        "causes".into(),
        Value::Array(
            causes
                .iter()
                .map(|c| json!({"reason": c.reason, "message": c.message, "field": c.field}))
                .collect(),
        ),
    );
    ApiError {
        code: 409,
        reason: "Conflict",
        message,
        details: Some(Value::Object(details)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::lookup;

    fn leases() -> &'static ResourceKind {
        lookup("coordination.k8s.io", "v1", "leases").unwrap()
    }

    #[test]
    fn apply_conflicts_with_another_owner_unless_values_agree_or_forced() {
        let lease = json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"}});
        let a = json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"},
            "spec": {"holderIdentity": "a", "leaseDurationSeconds": 15}});
        let after_a = apply(leases(), Some(&lease), &a, "a", false, false).unwrap();
        assert_eq!(after_a["spec"]["holderIdentity"], "a");
        assert_eq!(after_a["metadata"]["managedFields"][0]["manager"], "a");
        assert_eq!(
            after_a["metadata"]["managedFields"][0]["operation"],
            "Apply"
        );
        assert_eq!(
            after_a["metadata"]["managedFields"][0]["fieldsV1"],
            json!({"f:spec": {"f:holderIdentity": {}, "f:leaseDurationSeconds": {}}})
        );
        let mut b = a.clone();
        b["spec"]["holderIdentity"] = json!("b");
        let err = apply(leases(), Some(&after_a), &b, "b", false, false).unwrap_err();
        assert_eq!((err.code, err.reason), (409, "Conflict"));
        assert_eq!(
            err.message,
            "Apply failed with 1 conflict: conflict with \"a\": .spec.holderIdentity"
        );
        // Same values: shared ownership, no conflict.
        assert!(apply(leases(), Some(&after_a), &a, "b", false, false).is_ok());
        let forced = apply(leases(), Some(&after_a), &b, "b", true, false).unwrap();
        assert_eq!(forced["spec"]["holderIdentity"], "b");
    }

    #[test]
    fn updates_take_and_drop_ownership() {
        let a = json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l"},
            "spec": {"holderIdentity": "a"}});
        let after_a = apply(leases(), None, &a, "a", false, false).unwrap();
        // Someone clears the holder with a (non-apply) patch: nobody owns it any more.
        let mut cleared = after_a.clone();
        cleared["spec"] = json!({});
        record_update(Some(&after_a), &mut cleared, "b", leases(), false);
        assert!(cleared["metadata"].get("managedFields").is_none());
        let mut b = a.clone();
        b["spec"]["holderIdentity"] = json!("b");
        assert!(apply(leases(), Some(&cleared), &b, "b", false, false).is_ok());
        assert_eq!(
            manager_name(None, "kubectl/v1.33.1 (linux/amd64)"),
            "kubectl"
        );
        assert_eq!(manager_name(Some("k8sm"), "x"), "k8sm");
    }
}
