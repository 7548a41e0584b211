//! Reading verbs: GET of one object and LIST of a collection, with selectors, limit/continue
//! pagination and the Table and PartialObjectMetadata forms kubectl and metadata clients ask for.

use base64::Engine;
use serde_json::{Value, json};

use super::error::ApiError;
use super::handlers::{Input, meta_str};
use super::resources::ResourceKind;
use super::response::{Reply, Wanted};
use super::routes::Query;
use super::selectors::{FieldSelector, LabelSelector, Selectors};
use super::state::{ApiState, served};
use super::store::Object;
use super::tables::{IncludeObject, TableVersion, table};

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

/// The items a list sees, by `resourceVersion` and `resourceVersionMatch`
/// (`kubernetes: staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go`, `GetList`):
/// unset, `0` or NotOlderThan a version already written give the current state; `Exact`
/// and continue tokens give the state at that version, rebuilt from the watch history, or
/// 410 Expired once the history no longer reaches back.
fn list_items(
    state: &ApiState,
    kind: &ResourceKind,
    namespace: Option<&str>,
    query: &Query,
    continue_rv: Option<u64>,
) -> Result<(Vec<Object>, u64), ApiError> {
    let rv = query.get("resourceVersion").filter(|v| !v.is_empty());
    let matching = query.get("resourceVersionMatch").filter(|v| !v.is_empty());
    if let Some(at) = continue_rv {
        if rv.is_some() {
            return Err(ApiError::bad_request(
                "specifying resource version is not allowed when using continue",
            ));
        }
        return match state.store.list_at(kind, namespace, at) {
            Some(items) => Ok((items, at)),
            None => Err(ApiError::expired(
                "The provided continue parameter is too old to display a consistent list result. \
                 You can start a new list without the continue parameter.",
            )),
        };
    }
    let parsed = match rv {
        None => None,
        Some(v) => Some(v.parse::<u64>().map_err(|_| {
            ApiError::bad_request(format!(
                "resourceVersion: Invalid value: {v:?}: must be a number"
            ))
        })?),
    };
    match (parsed, matching) {
        (None, Some(_)) => Err(ApiError::bad_request(
            "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
        )),
        (Some(at), Some("Exact")) if at > 0 => match state.store.list_at(kind, namespace, at) {
            Some(items) => Ok((items, at)),
            None if at > state.store.current_rv() => {
                Err(ApiError::too_large_rv(at, state.store.current_rv()))
            }
            None => Err(ApiError::expired(
                "The resourceVersion for the provided list is too old.",
            )),
        },
        (Some(at), None | Some("NotOlderThan")) if at > state.store.current_rv() => {
            Err(ApiError::too_large_rv(at, state.store.current_rv()))
        }
        (_, None | Some("NotOlderThan" | "Exact")) => Ok(state.store.list(kind, namespace)),
        (_, Some(other)) => Err(ApiError::bad_request(format!(
            "resourceVersionMatch: Unsupported value: {other:?}: supported values: \"Exact\", \"NotOlderThan\""
        ))),
    }
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
    let (items, list_rv) = list_items(
        state,
        kind,
        ns_filter,
        input.query,
        start.as_ref().map(|s| s.0),
    )?;
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
