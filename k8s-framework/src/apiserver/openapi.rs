//! OpenAPI v3 documents for the served group versions, generated from the k8s-openapi types
//! through schemars, with the paths and `x-kubernetes-*` extensions kubectl reads: the GVK of
//! each kind's schema and operation, and `fieldValidation` on PATCH, which tells kubectl 1.27+
//! to leave validation to the server (`kubernetes: staging/src/k8s.io/cli-runtime/pkg/resource/query_param_verifier_v3.go`).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use schemars::JsonSchema;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use serde_json::{Map, Value, json};

use super::discovery::{GIT_VERSION, group_version_paths};
use super::resources::{ResourceKind, Subresource, in_group_version};

const REF: &str = "#/components/schemas/";

fn schema_name<T: JsonSchema>() -> String {
    T::schema_name().into_owned()
}

/// Adds a type's schema (and what it references) and returns its component name.
fn add<T: JsonSchema>(generator: &mut SchemaGenerator) -> String {
    generator.subschema_for::<T>();
    schema_name::<T>()
}

struct KindSchemas {
    object: String,
    list: String,
}

fn kind_schemas(generator: &mut SchemaGenerator, kind: &ResourceKind) -> Option<KindSchemas> {
    use k8s_openapi::api::{coordination, core, events};
    let object = match (kind.group, kind.kind) {
        ("", "Pod") => add::<core::v1::Pod>(generator),
        ("", "Node") => add::<core::v1::Node>(generator),
        ("", "Namespace") => add::<core::v1::Namespace>(generator),
        ("", "ConfigMap") => add::<core::v1::ConfigMap>(generator),
        ("", "Event") => add::<core::v1::Event>(generator),
        ("events.k8s.io", "Event") => add::<events::v1::Event>(generator),
        ("coordination.k8s.io", "Lease") => add::<coordination::v1::Lease>(generator),
        _ => return None,
    };
    Some(KindSchemas {
        list: format!("{object}List"),
        object,
    })
}

/// The schema of `<Kind>List` (k8s-openapi's generic `List<T>` has none of its own).
fn list_schema(object: &str, list_meta: &str) -> Value {
    json!({
        "description": format!("A list of {object}."),
        "type": "object",
        "properties": {
            "apiVersion": {"type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."},
            "kind": {"type": "string", "description": "Kind is a string value representing the REST resource this object represents."},
            "items": {"type": "array", "items": {"$ref": format!("{REF}{object}")}},
            "metadata": {"$ref": format!("{REF}{list_meta}")},
        },
        "required": ["items"],
    })
}

fn param(name: &str, location: &str, description: &str) -> Value {
    let mut p = json!({"name": name, "in": location, "description": description, "schema": {"type": "string", "uniqueItems": true}});
    if location == "path" {
        p["required"] = json!(true);
    }
    p
}

fn query_params(names: &[&str]) -> Vec<Value> {
    names
        .iter()
        .map(|n| {
            let description = match *n {
                "fieldValidation" => "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn (the default) and Strict.",
                "fieldSelector" => "A selector to restrict the list of returned objects by their fields. Defaults to everything.",
                "labelSelector" => "A selector to restrict the list of returned objects by their labels. Defaults to everything.",
                "watch" => "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.",
                _ => "",
            };
            param(n, "query", description)
        })
        .collect()
}

fn content(schema_ref: &str) -> Value {
    json!({"application/json": {"schema": {"$ref": format!("{REF}{schema_ref}")}}})
}

fn operation(
    kind: &ResourceKind,
    action: &str,
    id: String,
    params: Vec<Value>,
    response: &str,
    body: Option<Value>,
) -> Value {
    let mut op = json!({
        "operationId": id,
        "parameters": params,
        "responses": {"200": {"description": "OK", "content": content(response)}},
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": {"group": kind.group, "version": kind.version, "kind": kind.kind},
    });
    if let Some(b) = body {
        op["requestBody"] = b;
    }
    op
}

fn op_id(verb: &str, kind: &ResourceKind, suffix: &str) -> String {
    let group = if kind.group.is_empty() {
        "Core".to_string()
    } else {
        kind.group
            .split('.')
            .next()
            .unwrap_or("")
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
            .collect()
    };
    let version = kind.version[..1].to_ascii_uppercase() + &kind.version[1..];
    let ns = if kind.namespaced { "Namespaced" } else { "" };
    format!("{verb}{group}{version}{ns}{}{suffix}", kind.kind)
}

fn paths_for(
    kind: &ResourceKind,
    schemas: &KindSchemas,
    prefix: &str,
    paths: &mut Map<String, Value>,
) {
    let obj = &schemas.object;
    let body =
        json!({"content": {"*/*": {"schema": {"$ref": format!("{REF}{obj}")}}}, "required": true});
    let patch_body = json!({"content": {
        "application/json-patch+json": {"schema": {"$ref": format!("{REF}io.k8s.apimachinery.pkg.apis.meta.v1.Patch")}},
        "application/merge-patch+json": {"schema": {"$ref": format!("{REF}io.k8s.apimachinery.pkg.apis.meta.v1.Patch")}},
        "application/strategic-merge-patch+json": {"schema": {"$ref": format!("{REF}io.k8s.apimachinery.pkg.apis.meta.v1.Patch")}},
        "application/apply-patch+yaml": {"schema": {"$ref": format!("{REF}io.k8s.apimachinery.pkg.apis.meta.v1.Patch")}},
    }, "required": true});
    let base = if kind.namespaced {
        format!("{prefix}/namespaces/{{namespace}}/{}", kind.plural)
    } else {
        format!("{prefix}/{}", kind.plural)
    };
    let mut scope_params = Vec::new();
    if kind.namespaced {
        scope_params.push(param(
            "namespace",
            "path",
            "object name and auth scope, such as for teams and projects",
        ));
    }
    let list_params = query_params(&[
        "fieldSelector",
        "labelSelector",
        "limit",
        "continue",
        "resourceVersion",
        "resourceVersionMatch",
        "timeoutSeconds",
        "watch",
        "allowWatchBookmarks",
        "sendInitialEvents",
    ]);
    let mut collection = json!({
        "get": operation(kind, "list", op_id("list", kind, ""), list_params.clone(), &schemas.list, None),
        "post": operation(kind, "post", op_id("create", kind, ""), query_params(&["dryRun", "fieldManager", "fieldValidation"]), obj, Some(body.clone())),
        "delete": operation(kind, "deletecollection", op_id("deleteCollection", kind, ""), list_params.clone(), "io.k8s.apimachinery.pkg.apis.meta.v1.Status", None),
        "parameters": scope_params.clone(),
    });
    collection["parameters"] = Value::Array(scope_params.clone());
    paths.insert(base.clone(), collection);
    if kind.namespaced {
        paths.insert(format!("{prefix}/{}", kind.plural), json!({
            "get": operation(kind, "list", op_id("list", kind, "ForAllNamespaces").replace("Namespaced", ""), list_params, &schemas.list, None),
        }));
    }
    let mut item_params = vec![param("name", "path", &format!("name of the {}", kind.kind))];
    item_params.extend(scope_params.iter().cloned());
    paths.insert(format!("{base}/{{name}}"), json!({
        "get": operation(kind, "get", op_id("read", kind, ""), vec![], obj, None),
        "put": operation(kind, "put", op_id("replace", kind, ""), query_params(&["dryRun", "fieldManager", "fieldValidation"]), obj, Some(body.clone())),
        "patch": operation(kind, "patch", op_id("patch", kind, ""), query_params(&["dryRun", "fieldManager", "fieldValidation", "force"]), obj, Some(patch_body.clone())),
        "delete": operation(kind, "delete", op_id("delete", kind, ""), query_params(&["gracePeriodSeconds", "propagationPolicy"]), obj, None),
        "parameters": item_params.clone(),
    }));
    for sub in kind.subresources {
        match sub {
            Subresource::Status => {
                paths.insert(format!("{base}/{{name}}/status"), json!({
                    "get": operation(kind, "get", op_id("read", kind, "Status"), vec![], obj, None),
                    "put": operation(kind, "put", op_id("replace", kind, "Status"), query_params(&["dryRun", "fieldManager", "fieldValidation"]), obj, Some(body.clone())),
                    "patch": operation(kind, "patch", op_id("patch", kind, "Status"), query_params(&["dryRun", "fieldManager", "fieldValidation", "force"]), obj, Some(patch_body.clone())),
                    "parameters": item_params.clone(),
                }));
            }
            Subresource::Log => {
                // A text answer, as kube-apiserver documents it (`produces: text/plain`).
                let mut op = operation(
                    kind,
                    "get",
                    op_id("read", kind, "Log"),
                    query_params(&[
                        "container",
                        "follow",
                        "insecureSkipTLSVerifyBackend",
                        "limitBytes",
                        "previous",
                        "sinceSeconds",
                        "sinceTime",
                        "tailLines",
                        "timestamps",
                    ]),
                    obj,
                    None,
                );
                op["responses"] = json!({"200": {"description": "OK",
                    "content": {"text/plain": {"schema": {"type": "string"}}}}});
                paths.insert(
                    format!("{base}/{{name}}/log"),
                    json!({"get": op, "parameters": item_params.clone()}),
                );
            }
            Subresource::Binding => {
                let mut op = operation(
                    kind,
                    "post",
                    op_id("create", kind, "Binding"),
                    query_params(&["dryRun", "fieldManager", "fieldValidation"]),
                    "io.k8s.api.core.v1.Binding",
                    Some(
                        json!({"content": {"*/*": {"schema": {"$ref": format!("{REF}io.k8s.api.core.v1.Binding")}}}, "required": true}),
                    ),
                );
                op["x-kubernetes-group-version-kind"] =
                    json!({"group": "", "version": "v1", "kind": "Binding"});
                paths.insert(
                    format!("{base}/{{name}}/binding"),
                    json!({"post": op, "parameters": item_params.clone()}),
                );
            }
        }
    }
}

/// The OpenAPI v3 document of one group version, or `None` if it is not served.
pub(crate) fn document(group: &str, version: &str) -> Option<Value> {
    let kinds: Vec<&ResourceKind> = in_group_version(group, version).collect();
    if kinds.is_empty() {
        return None;
    }
    let mut generator = SchemaSettings::openapi3().into_generator();
    let prefix = if group.is_empty() {
        "/api/v1".to_string()
    } else {
        format!("/apis/{group}/{version}")
    };
    let mut paths = Map::new();
    let mut gvks = Vec::new();
    let mut lists = Vec::new();
    for kind in &kinds {
        let Some(schemas) = kind_schemas(&mut generator, kind) else {
            continue;
        };
        gvks.push((schemas.object.clone(), kind.group, kind.version, kind.kind));
        lists.push((
            schemas.list.clone(),
            schemas.object.clone(),
            kind.group,
            kind.version,
            format!("{}List", kind.kind),
        ));
        paths_for(kind, &schemas, &prefix, &mut paths);
    }
    let status = add::<k8s_openapi::apimachinery::pkg::apis::meta::v1::Status>(&mut generator);
    gvks.push((status, "", "v1", "Status"));
    if group.is_empty() {
        let binding = add::<k8s_openapi::api::core::v1::Binding>(&mut generator);
        gvks.push((binding, "", "v1", "Binding"));
    }
    let list_meta = add::<k8s_openapi::apimachinery::pkg::apis::meta::v1::ListMeta>(&mut generator);
    let mut schemas = generator.take_definitions(true);
    for (name, object, g, v, k) in lists {
        let mut schema = list_schema(&object, &list_meta);
        schema["x-kubernetes-group-version-kind"] = json!([{"group": g, "version": v, "kind": k}]);
        schemas.insert(name, schema);
    }
    for (name, g, v, k) in gvks {
        if let Some(Value::Object(s)) = schemas.get_mut(&name) {
            s.insert(
                "x-kubernetes-group-version-kind".into(),
                json!([{"group": g, "version": v, "kind": k}]),
            );
        }
    }
    for schema in schemas.values_mut() {
        add_patch_strategies(schema);
    }
    schemas.insert(
        "io.k8s.apimachinery.pkg.apis.meta.v1.Patch".into(),
        json!({"type": "object", "description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body."}),
    );
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": GIT_VERSION},
        "paths": paths,
        "components": {"schemas": schemas},
    }))
}

/// Marks the lists the server merges by key (see `patch.rs`) with the extensions kubectl's
/// strategic-merge computation reads (`x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`),
/// so `kubectl apply` sends keyed patches as it does against kube-apiserver.
fn add_patch_strategies(schema: &mut Value) {
    let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, prop) in props.iter_mut() {
        let Some(p) = prop.as_object_mut() else {
            continue;
        };
        if p.get("type").and_then(Value::as_str) != Some("array") {
            continue;
        }
        if let Some(key) = super::patch::merge_key(name) {
            p.insert("x-kubernetes-patch-merge-key".into(), json!(key));
            p.insert("x-kubernetes-patch-strategy".into(), json!("merge"));
        } else if super::patch::merges_primitives(name) {
            p.insert("x-kubernetes-patch-strategy".into(), json!("merge"));
        }
    }
}

/// `/openapi/v2`: a valid document with no definitions. kubectl falls back to it (as protobuf)
/// to validate kinds the v3 documents do not describe; with no definition for a kind it skips
/// client-side validation, so an unknown kind fails as on a real cluster, at the REST mapping
/// (`no matches for kind ...`), and served kinds are validated by the server (`fieldValidation`).
pub(crate) fn v2(accept: &str) -> http::Response<super::response::Body> {
    let (content_type, body): (&'static str, Vec<u8>) = if accept.contains("protobuf") {
        // openapi_v2.Document{swagger: "2.0"}: field 1, length-delimited.
        (
            "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
            b"\x0a\x032.0".to_vec(),
        )
    } else {
        let doc = json!({"swagger": "2.0", "info": {"title": "Kubernetes", "version": GIT_VERSION}, "paths": {}, "definitions": {}});
        ("application/json", doc.to_string().into_bytes())
    };
    let mut resp = http::Response::new(super::response::full(body));
    resp.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(content_type),
    );
    resp
}

struct Cached {
    docs: Vec<(String, String, Value)>,
}

fn cached() -> &'static Cached {
    static DOCS: OnceLock<Cached> = OnceLock::new();
    DOCS.get_or_init(|| {
        let docs = group_version_paths()
            .into_iter()
            .filter_map(|(path, g, v)| {
                let doc = document(g, v)?;
                let mut h = DefaultHasher::new();
                doc.to_string().hash(&mut h);
                Some((path, format!("{:016X}", h.finish()), doc))
            })
            .collect();
        Cached { docs }
    })
}

/// `/openapi/v3`: where each group version's document is.
pub(crate) fn index() -> Value {
    let mut paths = Map::new();
    for (path, hash, _) in &cached().docs {
        paths.insert(
            path.clone(),
            json!({"serverRelativeURL": format!("/openapi/v3/{path}?hash={hash}")}),
        );
    }
    json!({"paths": paths})
}

/// `/openapi/v3/{path}`.
pub(crate) fn by_path(path: &str) -> Option<&'static Value> {
    cached()
        .docs
        .iter()
        .find(|(p, _, _)| p == path)
        .map(|(_, _, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_document_has_pod_with_gvk_and_field_validation() {
        let doc = document("", "v1").unwrap();
        let pod = &doc["components"]["schemas"]["io.k8s.api.core.v1.Pod"];
        assert_eq!(pod["x-kubernetes-group-version-kind"][0]["kind"], "Pod");
        assert!(doc["components"]["schemas"]["io.k8s.api.core.v1.PodSpec"].is_object());
        let patch = &doc["paths"]["/api/v1/namespaces/{namespace}/pods/{name}"]["patch"];
        assert_eq!(patch["x-kubernetes-group-version-kind"]["kind"], "Pod");
        assert!(
            patch["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == "fieldValidation")
        );
        assert!(
            doc.to_string()
                .contains("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
        );
        assert!(
            index()["paths"]["apis/coordination.k8s.io/v1"]["serverRelativeURL"]
                .as_str()
                .unwrap()
                .starts_with("/openapi/v3/apis/coordination.k8s.io/v1?hash=")
        );
    }
}
