//! PATCH bodies: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch
//! for the pod, node and namespace fields clients touch.
//!
//! Strategic merge follows `kubernetes: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go`:
//! lists with a merge key merge by it, `null` deletes, and the `$patch`, `$retainKeys`,
//! `$setElementOrder/` and `$deleteFromPrimitiveList/` directives are honoured.

use serde_json::{Map, Value};

use super::error::ApiError;

/// The patch types kube-apiserver accepts that this server serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PatchType {
    /// `application/json-patch+json`.
    Json,
    /// `application/merge-patch+json`.
    Merge,
    /// `application/strategic-merge-patch+json`.
    Strategic,
}

/// The content types PATCH accepts, as the 415 answer lists them.
pub(crate) const PATCH_TYPES: &[&str] = &[
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
    "application/apply-patch+yaml",
];

impl PatchType {
    /// From a `Content-Type` header.
    pub(crate) fn from_content_type(ct: &str) -> Option<Self> {
        match ct.split(';').next().unwrap_or("").trim() {
            "application/json-patch+json" => Some(Self::Json),
            "application/merge-patch+json" => Some(Self::Merge),
            "application/strategic-merge-patch+json" => Some(Self::Strategic),
            _ => None,
        }
    }
}

/// The most operations a JSON patch may have (`kubernetes: staging/src/k8s.io/apiserver/pkg/
/// endpoints/handlers/patch.go`, `maxJSONPatchOperations`).
pub(crate) const MAX_JSON_PATCH_OPERATIONS: usize = 10_000;

/// The deepest nesting of objects and arrays a patch may make, or pass through on its way:
/// as deep as a request body may be (serde_json refuses more), so a patched object is one the
/// server could have been sent, and what recurses through values (serialising, cloning,
/// dropping) stays well within a worker thread's stack. Without it, a JSON patch of a few
/// `copy` operations, each to the end of the chain the last one made, doubles the depth each
/// time and overflows the stack (found while writing the `apiserver_patch` fuzz target).
pub(crate) const MAX_DEPTH: usize = 127;

/// How deeply `value` nests objects and arrays (0 for a scalar), counted without recursion.
pub(crate) fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 0)];
    while let Some((v, d)) = stack.pop() {
        match v {
            Value::Array(a) => {
                deepest = deepest.max(d + 1);
                stack.extend(a.iter().map(|x| (x, d + 1)));
            }
            Value::Object(m) => {
                deepest = deepest.max(d + 1);
                stack.extend(m.values().map(|x| (x, d + 1)));
            }
            _ => {}
        }
    }
    deepest
}

fn too_deep() -> String {
    format!("the patched object would nest deeper than {MAX_DEPTH} levels")
}

/// Raises `deepest` (a bound on a document's depth) to `after`, failing past [`MAX_DEPTH`].
fn deepen(deepest: &mut usize, after: usize) -> Result<(), String> {
    *deepest = (*deepest).max(after);
    if *deepest > MAX_DEPTH {
        Err(too_deep())
    } else {
        Ok(())
    }
}

/// How many levels down a JSON pointer reaches.
fn levels(pointer: &str) -> Result<usize, String> {
    Ok(pointer_tokens(pointer)?.len())
}

/// The size of `value` as compact JSON, counted without writing it anywhere.
pub(crate) fn json_size(value: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// Applies a patch body of the given type to an object, refusing a result larger than
/// `limit` bytes (as JSON): a patch of a few bytes must not make the server build, or store,
/// more than that. A JSON patch is checked as it is applied, its `copy` operations adding up
/// (the amplification a patch can reach: each `copy` may double the document) and its
/// nesting kept within [`MAX_DEPTH`]; every result is checked once made (413, as upstream
/// answers an object over its size limit; 422 for one nested too deeply).
pub(crate) fn apply(
    kind: PatchType,
    original: &Value,
    body: &[u8],
    limit: usize,
) -> Result<Value, ApiError> {
    let patched = apply_unchecked(kind, original, body, limit)?;
    // Depth first: measuring the size recurses.
    if depth(&patched) > MAX_DEPTH {
        return Err(ApiError {
            code: 422,
            reason: "Invalid",
            message: too_deep(),
            details: None,
        });
    }
    if json_size(&patched) > limit {
        return Err(ApiError::too_large(limit));
    }
    Ok(patched)
}

fn apply_unchecked(
    kind: PatchType,
    original: &Value,
    body: &[u8],
    limit: usize,
) -> Result<Value, ApiError> {
    let patch: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("error decoding patch: {e}")))?;
    if kind == PatchType::Json
        && let Some(ops) = patch.as_array()
        && ops.len() > MAX_JSON_PATCH_OPERATIONS
    {
        return Err(ApiError {
            code: 413,
            reason: "RequestEntityTooLarge",
            message: format!(
                "The allowed maximum operations in a JSON patch is {MAX_JSON_PATCH_OPERATIONS}, got {}",
                ops.len()
            ),
            details: None,
        });
    }
    match kind {
        PatchType::Merge => {
            if !patch.is_object() {
                return Err(ApiError::bad_request(
                    "json: cannot unmarshal patch into Go value of type map[string]interface {}",
                ));
            }
            Ok(merge_patch(original, &patch))
        }
        PatchType::Strategic => {
            if !patch.is_object() {
                return Err(ApiError::bad_request(
                    "json: cannot unmarshal patch into Go value of type map[string]interface {}",
                ));
            }
            Ok(strategic_merge(original, &patch))
        }
        PatchType::Json => json_patch_within(original, &patch, limit).map_err(|e| ApiError {
            // kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go:
            // a patch that does not apply is 422.
            code: 422,
            reason: "Invalid",
            message: e,
            details: None,
        }),
    }
}

/// RFC 7386 JSON merge patch.
pub(crate) fn merge_patch(target: &Value, patch: &Value) -> Value {
    match patch {
        Value::Object(p) => {
            let mut out = match target {
                Value::Object(t) => t.clone(),
                _ => Map::new(),
            };
            for (k, v) in p {
                if v.is_null() {
                    out.remove(k);
                } else {
                    let merged = merge_patch(out.get(k).unwrap_or(&Value::Null), v);
                    out.insert(k.clone(), merged);
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// The merge key of a list field, by field name (the served kinds use each name consistently),
/// from the `patchMergeKey` tags of `k8s.io/api/core/v1/types.go`.
pub(crate) fn merge_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "env"
        | "volumes"
        | "imagePullSecrets"
        | "resourceClaims"
        | "schedulingGates" => "name",
        "ports" => "containerPort",
        "volumeMounts" => "mountPath",
        "volumeDevices" => "devicePath",
        "conditions" | "addresses" => "type",
        "ownerReferences" => "uid",
        "podIPs" | "hostIPs" => "ip",
        "hostAliases" => "ip",
        "topologySpreadConstraints" => "topologyKey",
        _ => return None,
    })
}

/// Primitive lists whose patch strategy is `merge` (union rather than replace).
pub(crate) fn merges_primitives(field: &str) -> bool {
    matches!(field, "finalizers")
}

/// Strategic merge patch of `patch` into `original`.
pub(crate) fn strategic_merge(original: &Value, patch: &Value) -> Value {
    merge_map(
        original.as_object().cloned().unwrap_or_default(),
        patch.as_object().cloned().unwrap_or_default(),
    )
}

fn merge_map(mut out: Map<String, Value>, patch: Map<String, Value>) -> Value {
    match patch.get("$patch").and_then(Value::as_str) {
        Some("replace") => {
            let mut p = patch;
            p.remove("$patch");
            return Value::Object(p);
        }
        Some("delete") => return Value::Null,
        _ => {}
    }
    let retain = patch
        .get("$retainKeys")
        .and_then(Value::as_array)
        .map(|keys| {
            keys.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
    let mut orders = Vec::new();
    for (k, v) in &patch {
        if let Some(field) = k.strip_prefix("$setElementOrder/") {
            orders.push((field.to_string(), v.clone()));
            continue;
        }
        if let Some(field) = k.strip_prefix("$deleteFromPrimitiveList/") {
            if let (Some(list), Some(del)) = (
                out.get_mut(field).and_then(Value::as_array_mut),
                v.as_array(),
            ) {
                list.retain(|x| !del.contains(x));
            }
            continue;
        }
        if k.starts_with('$') {
            continue;
        }
        if v.is_null() {
            out.remove(k);
            continue;
        }
        let merged = match (out.remove(k), v) {
            (Some(Value::Object(o)), Value::Object(p)) => merge_map(o, p.clone()),
            (Some(Value::Array(o)), Value::Array(p)) => merge_list(k, o, p),
            (None, Value::Object(p)) => merge_map(Map::new(), p.clone()),
            (None, Value::Array(p)) => merge_list(k, Vec::new(), p),
            (_, other) => other.clone(),
        };
        if !merged.is_null() {
            out.insert(k.clone(), merged);
        }
    }
    for (field, order) in orders {
        if let (Some(key), Some(list), Some(order)) = (
            merge_key(&field),
            out.get_mut(&field).and_then(Value::as_array_mut),
            order.as_array(),
        ) {
            let pos = |item: &Value| {
                order
                    .iter()
                    .position(|o| o.get(key) == item.get(key))
                    .unwrap_or(usize::MAX)
            };
            list.sort_by_key(pos);
        }
    }
    if let Some(keep) = retain {
        out.retain(|k, _| keep.iter().any(|x| x == k));
    }
    Value::Object(out)
}

fn merge_list(field: &str, mut original: Vec<Value>, patch: &[Value]) -> Value {
    if patch
        .iter()
        .any(|p| p.get("$patch").and_then(Value::as_str) == Some("replace"))
    {
        return Value::Array(
            patch
                .iter()
                .filter(|p| p.get("$patch").is_none())
                .cloned()
                .collect(),
        );
    }
    if let Some(key) = merge_key(field) {
        for item in patch {
            let Some(obj) = item.as_object() else {
                continue;
            };
            let id = obj.get(key);
            let existing = original
                .iter()
                .position(|o| o.get(key) == id && id.is_some());
            if obj.get("$patch").and_then(Value::as_str) == Some("delete") {
                if let Some(i) = existing {
                    original.remove(i);
                }
                continue;
            }
            match existing {
                Some(i) => {
                    let base = original[i].as_object().cloned().unwrap_or_default();
                    original[i] = merge_map(base, obj.clone());
                }
                None => original.push(merge_map(Map::new(), obj.clone())),
            }
        }
        Value::Array(original)
    } else if merges_primitives(field) {
        for item in patch {
            if !original.contains(item) {
                original.push(item.clone());
            }
        }
        Value::Array(original)
    } else {
        Value::Array(patch.to_vec())
    }
}

fn pointer_tokens(path: &str) -> Result<Vec<String>, String> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let rest = path
        .strip_prefix('/')
        .ok_or_else(|| format!("JSON pointer must start with '/': {path:?}"))?;
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn parent_and_last<'a>(
    doc: &'a mut Value,
    tokens: &[String],
) -> Result<(&'a mut Value, String), String> {
    let (last, parents) = tokens
        .split_last()
        .ok_or("cannot operate on the document root")?;
    let mut cur = doc;
    for t in parents {
        cur = match cur {
            Value::Object(m) => m
                .get_mut(t)
                .ok_or_else(|| format!("doc is missing path: {t}"))?,
            Value::Array(a) => {
                let i: usize = t.parse().map_err(|_| format!("invalid array index: {t}"))?;
                a.get_mut(i)
                    .ok_or_else(|| format!("doc is missing path: index {i} out of range"))?
            }
            _ => return Err(format!("doc is missing path: {t}")),
        };
    }
    Ok((cur, last.clone()))
}

fn add_at(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let tokens = pointer_tokens(path)?;
    if tokens.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (parent, last) = parent_and_last(doc, &tokens)?;
    match parent {
        Value::Object(m) => {
            m.insert(last, value);
            Ok(())
        }
        Value::Array(a) => {
            if last == "-" {
                a.push(value);
                return Ok(());
            }
            let i: usize = last
                .parse()
                .map_err(|_| format!("invalid array index: {last}"))?;
            if i > a.len() {
                return Err(format!(
                    "add operation does not apply: index {i} out of range"
                ));
            }
            a.insert(i, value);
            Ok(())
        }
        _ => Err(format!(
            "add operation does not apply: doc is missing path: {path:?}"
        )),
    }
}

fn remove_at(doc: &mut Value, path: &str) -> Result<Value, String> {
    let tokens = pointer_tokens(path)?;
    let (parent, last) = parent_and_last(doc, &tokens)?;
    match parent {
        Value::Object(m) => m.remove(&last).ok_or_else(|| {
            format!("remove operation does not apply: doc is missing path: {path:?}")
        }),
        Value::Array(a) => {
            let i: usize = last
                .parse()
                .map_err(|_| format!("invalid array index: {last}"))?;
            if i >= a.len() {
                return Err(format!(
                    "remove operation does not apply: doc is missing path: {path:?}"
                ));
            }
            Ok(a.remove(i))
        }
        _ => Err(format!(
            "remove operation does not apply: doc is missing path: {path:?}"
        )),
    }
}

/// RFC 6902 JSON patch, without a copy limit.
#[cfg(test)]
pub(crate) fn json_patch(original: &Value, patch: &Value) -> Result<Value, String> {
    json_patch_within(original, patch, usize::MAX)
}

/// [`json_patch`], failing once its `copy` operations have copied more than `copy_limit`
/// bytes in all (json-patch's `AccumulatedCopySizeLimit`, with its error), or once the
/// document could nest deeper than [`MAX_DEPTH`].
pub(crate) fn json_patch_within(
    original: &Value,
    patch: &Value,
    copy_limit: usize,
) -> Result<Value, String> {
    let ops = patch
        .as_array()
        .ok_or("json: cannot unmarshal object into Go value of type jsonpatch.Patch")?;
    let mut copied: usize = 0;
    let mut doc = original.clone();
    // At least as deep as the document is, raised before each operation that can make it
    // deeper, so the document never gets deeper than MAX_DEPTH even for a moment. A value set
    // at a path of n segments sits n levels down.
    let mut deepest = depth(&doc);
    for op in ops {
        let name = op["op"].as_str().ok_or("missing op")?;
        let path = op["path"]
            .as_str()
            .ok_or_else(|| format!("missing path for {name} operation"))?;
        let value = || {
            op.get("value")
                .cloned()
                .ok_or_else(|| format!("missing value for {name} operation"))
        };
        match name {
            "add" => {
                let v = value()?;
                deepen(&mut deepest, levels(path)? + depth(&v))?;
                add_at(&mut doc, path, v)?;
            }
            "remove" => {
                remove_at(&mut doc, path)?;
            }
            "replace" => {
                if doc.pointer(path).is_none() {
                    return Err(format!(
                        "replace operation does not apply: doc is missing key: {path}"
                    ));
                }
                let v = value()?;
                deepen(&mut deepest, levels(path)? + depth(&v))?;
                remove_at(&mut doc, path)?;
                add_at(&mut doc, path, v)?;
            }
            "move" | "copy" => {
                let from = op["from"]
                    .as_str()
                    .ok_or_else(|| format!("missing from for {name} operation"))?;
                let v = if name == "move" {
                    // Not measured (a move costs no more than its paths): the moved value is
                    // at most as deep as the document below `from`.
                    let below = deepest.saturating_sub(levels(from)?);
                    deepen(&mut deepest, levels(path)? + below)?;
                    remove_at(&mut doc, from)?
                } else {
                    let source = doc.pointer(from).ok_or_else(|| {
                        format!("copy operation does not apply: doc is missing from path: {from}")
                    })?;
                    deepen(&mut deepest, levels(path)? + depth(source))?;
                    // Counted before it is cloned: the clone is what could exhaust memory.
                    copied = copied.saturating_add(json_size(source));
                    if copied > copy_limit {
                        return Err(format!(
                            "Unable to copy, would exceed accumulated copy size limit {copy_limit}"
                        ));
                    }
                    source.clone()
                };
                add_at(&mut doc, path, v)?;
            }
            "test" => {
                if doc.pointer(path) != Some(&value()?) {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_replaces_lists_and_deletes_nulls() {
        let t = json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]});
        let p = json!({"a": null, "b": {"c": 5}, "l": [3]});
        assert_eq!(
            merge_patch(&t, &p),
            json!({"b": {"c": 5, "d": 3}, "l": [3]})
        );
    }

    #[test]
    fn strategic_merges_conditions_by_type() {
        let pod = json!({"status": {"conditions": [
            {"type": "PodScheduled", "status": "True"}, {"type": "Ready", "status": "False"}]}});
        let patch = json!({"status": {"conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable"}]}});
        let out = strategic_merge(&pod, &patch);
        assert_eq!(
            out["status"]["conditions"],
            json!([
            {"type": "PodScheduled", "status": "False", "reason": "Unschedulable"},
            {"type": "Ready", "status": "False"}])
        );
    }

    #[test]
    fn strategic_directives() {
        let pod = json!({"metadata": {"finalizers": ["a"], "labels": {"x": "1", "y": "2"}},
            "spec": {"containers": [{"name": "a", "image": "1"}, {"name": "b", "image": "2"}], "tolerations": [{"key": "k"}]}});
        let patch = json!({"metadata": {"finalizers": ["b"], "labels": {"x": null}},
            "spec": {"$setElementOrder/containers": [{"name": "b"}, {"name": "a"}],
                     "containers": [{"name": "a", "image": "3"}, {"name": "b", "$patch": "delete"}],
                     "tolerations": [{"key": "z"}]}});
        let out = strategic_merge(&pod, &patch);
        assert_eq!(out["metadata"]["finalizers"], json!(["a", "b"]));
        assert_eq!(out["metadata"]["labels"], json!({"y": "2"}));
        assert_eq!(
            out["spec"]["containers"],
            json!([{"name": "a", "image": "3"}])
        );
        assert_eq!(out["spec"]["tolerations"], json!([{"key": "z"}]));
    }

    /// A chain of `levels` objects: `{"x": {"x": ... {}}}`.
    fn chain(levels: usize) -> Value {
        (1..levels).fold(json!({}), |inner, _| json!({ "x": inner }))
    }

    /// Adds a chain at `/x`, then copies `/x` to the end of the chain, again and again: each
    /// copy doubles the depth.
    fn doubling_copies(copies: u32) -> Value {
        let mut ops = vec![json!({"op": "add", "path": "/x", "value": chain(100)})];
        for n in 0..copies {
            let at = 100 * 2usize.pow(n) + 1;
            ops.push(json!({"op": "copy", "from": "/x", "path": "/x".repeat(at)}));
        }
        Value::Array(ops)
    }

    #[test]
    fn max_depth_is_as_deep_as_a_body_may_be() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(serde_json::from_str::<Value>(&nested(MAX_DEPTH)).is_ok());
        assert!(serde_json::from_str::<Value>(&nested(MAX_DEPTH + 1)).is_err());
        assert_eq!(depth(&json!(1)), 0);
        assert_eq!(depth(&json!({"a": [1, {"b": []}], "c": {}})), 4);
        assert_eq!(depth(&chain(MAX_DEPTH)), MAX_DEPTH);
    }

    #[test]
    fn json_patches_cannot_nest_deeper_than_max_depth() {
        // Regression (found while writing the apiserver_patch fuzz target): a dozen copies,
        // each doubling the depth, made values hundreds of thousands of levels deep, and
        // serialising, cloning or dropping one overflowed the worker thread's stack, aborting
        // the whole server (past some 50 000 levels on tokio's 2 MiB). Run on such a stack.
        let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": []}});
        let patch = serde_json::to_vec(&doubling_copies(12)).unwrap();
        let err = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || apply(PatchType::Json, &pod, &patch, 3 * 1024 * 1024).unwrap_err())
            .unwrap()
            .join()
            .unwrap();
        assert_eq!((err.code, err.reason), (422, "Invalid"));
        assert_eq!(err.message, too_deep());

        let doc = json!({"a": chain(10), "b": {}});
        let deep = |ops: Value| json_patch(&doc, &ops);
        // As deep as MAX_DEPTH is fine; one more level is not, whichever operation makes it.
        let fits = chain(MAX_DEPTH - 1);
        assert!(deep(json!([{"op": "add", "path": "/c", "value": fits}])).is_ok());
        let over = chain(MAX_DEPTH);
        for op in [
            json!({"op": "add", "path": "/c", "value": over}),
            json!({"op": "replace", "path": "/b", "value": over}),
        ] {
            assert_eq!(deep(json!([op])).unwrap_err(), too_deep());
        }
        // `/a` is 10 levels deep, so 118 levels down is one too many.
        let long = "/b".to_string() + &"/x".repeat(MAX_DEPTH - 10);
        assert!(deep(json!([{"op": "copy", "from": "/a", "path": "/b/c"}])).is_ok());
        let copy = json!([{"op": "copy", "from": "/a", "path": long}]);
        assert_eq!(deep(copy).unwrap_err(), too_deep());
        // A move deeper is bounded by what may be below `from` (the document's depth less
        // its level), without measuring the value moved.
        let innermost = "/a".to_string() + &"/x".repeat(9);
        assert!(deep(json!([{"op": "move", "from": innermost, "path": "/b/x"}])).is_ok());
        let moved = json!([{"op": "move", "from": "/a", "path": long}]);
        assert_eq!(deep(moved).unwrap_err(), too_deep());
    }

    #[test]
    fn json_patch_ops() {
        let doc = json!({"metadata": {"labels": {"a/b": "1"}}, "l": [1, 2]});
        let p = json!([
            {"op": "add", "path": "/l/-", "value": 3},
            {"op": "replace", "path": "/metadata/labels/a~1b", "value": "2"},
            {"op": "test", "path": "/l/0", "value": 1},
            {"op": "remove", "path": "/l/1"},
            {"op": "copy", "from": "/l", "path": "/m"}]);
        assert_eq!(
            json_patch(&doc, &p).unwrap(),
            json!({"metadata": {"labels": {"a/b": "2"}}, "l": [1, 3], "m": [1, 3]})
        );
        assert!(json_patch(&doc, &json!([{"op": "test", "path": "/l/0", "value": 9}])).is_err());
        assert!(json_patch(&doc, &json!([{"op": "remove", "path": "/nope"}])).is_err());
        let err = apply(
            PatchType::Json,
            &doc,
            br#"[{"op":"remove","path":"/x"}]"#,
            usize::MAX,
        )
        .unwrap_err();
        assert_eq!(err.code, 422);
    }
}
