//! Legacy discovery documents: `/version`, `/api`, `/api/v1`, `/apis`, `/apis/{group}` and
//! `/apis/{group}/{version}`, in the shapes client-go's and kube-rs' discovery clients parse
//! (`kubernetes: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go`, `APIResourceList`).
//!
//! Aggregated discovery (`apidiscovery.k8s.io/v2`, one document for `/api` and one for `/apis`)
//! is served to clients that ask for it first in `Accept`, as kubectl does
//! (`kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/discovery/aggregated/handler.go`).

use serde_json::{Value, json};

use super::resources::{GROUPS, ResourceKind, Subresource, in_group_version};

/// The Kubernetes version this server reports: within one minor version of kubectl 1.32 and
/// matching k8s-openapi's `v1_33` types.
pub(crate) const GIT_VERSION: &str = "v1.33.0";

/// `/version`.
pub(crate) fn version() -> Value {
    json!({
        "major": "1",
        "minor": "33",
        "gitVersion": GIT_VERSION,
        "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean",
        "buildDate": "2025-04-23T00:00:00Z",
        "goVersion": "go1.24.2",
        "compiler": "gc",
        "platform": "linux/amd64",
    })
}

/// `/api`.
pub(crate) fn api_versions(server_address: &str) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}],
    })
}

fn group_entry(name: &str, version: &str) -> Value {
    let gv = json!({"groupVersion": format!("{name}/{version}"), "version": version});
    json!({"name": name, "versions": [gv.clone()], "preferredVersion": gv})
}

/// `/apis`.
pub(crate) fn api_group_list() -> Value {
    let groups: Vec<Value> = GROUPS.iter().map(|(g, v)| group_entry(g, v)).collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/{group}`, if served.
pub(crate) fn api_group(group: &str) -> Option<Value> {
    let (name, version) = GROUPS.iter().find(|(g, _)| *g == group)?;
    let mut entry = group_entry(name, version);
    entry["kind"] = json!("APIGroup");
    entry["apiVersion"] = json!("v1");
    Some(entry)
}

fn resource_entries(kind: &ResourceKind) -> Vec<Value> {
    let mut main = json!({
        "name": kind.plural,
        "singularName": kind.singular,
        "namespaced": kind.namespaced,
        "kind": kind.kind,
        "verbs": kind.verbs,
    });
    if !kind.short_names.is_empty() {
        main["shortNames"] = json!(kind.short_names);
    }
    if !kind.categories.is_empty() {
        main["categories"] = json!(kind.categories);
    }
    let mut out = vec![main];
    for sub in kind.subresources {
        out.push(match sub {
            Subresource::Binding => json!({
                "name": format!("{}/binding", kind.plural),
                "singularName": "",
                "namespaced": kind.namespaced,
                "kind": "Binding",
                "verbs": ["create"],
            }),
            // kube-apiserver lists `pods/log` with kind Pod, the object its storage says it
            // returns (`kubernetes: pkg/registry/core/pod/rest/log.go`, `LogREST.New`).
            Subresource::Log => json!({
                "name": format!("{}/log", kind.plural),
                "singularName": "",
                "namespaced": kind.namespaced,
                "kind": kind.kind,
                "verbs": ["get"],
            }),
            Subresource::Status => json!({
                "name": format!("{}/status", kind.plural),
                "singularName": "",
                "namespaced": kind.namespaced,
                "kind": kind.kind,
                "verbs": ["get", "patch", "update"],
            }),
        });
    }
    out
}

/// `/api/v1` or `/apis/{group}/{version}`, if served.
pub(crate) fn api_resource_list(group: &str, version: &str) -> Option<Value> {
    let served = group.is_empty() && version == "v1" || GROUPS.contains(&(group, version));
    if !served {
        return None;
    }
    let mut kinds: Vec<&ResourceKind> = in_group_version(group, version).collect();
    kinds.sort_by_key(|k| k.plural);
    let resources: Vec<Value> = kinds.into_iter().flat_map(resource_entries).collect();
    Some(if group.is_empty() {
        json!({"kind": "APIResourceList", "groupVersion": "v1", "resources": resources})
    } else {
        json!({
            "kind": "APIResourceList",
            "apiVersion": "v1",
            "groupVersion": format!("{group}/{version}"),
            "resources": resources,
        })
    })
}

/// The media type of aggregated discovery.
pub(crate) const AGGREGATED_CONTENT_TYPE: &str =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/// Whether `Accept` prefers aggregated discovery (it is listed before plain JSON).
pub(crate) fn wants_aggregated(accept: Option<&str>) -> bool {
    for range in accept.unwrap_or("").split(',') {
        let mut parts = range.split(';').map(str::trim);
        let media = parts.next().unwrap_or("");
        if media != "application/json" {
            continue;
        }
        let params: Vec<&str> = parts.collect();
        if params.is_empty() {
            return false;
        }
        if params.contains(&"g=apidiscovery.k8s.io")
            && params.contains(&"v=v2")
            && params.contains(&"as=APIGroupDiscoveryList")
        {
            return true;
        }
    }
    false
}

fn aggregated_resource(kind: &ResourceKind) -> Value {
    let response_kind = |k: &str| json!({"group": kind.group, "version": kind.version, "kind": k});
    let mut r = json!({
        "resource": kind.plural,
        "responseKind": response_kind(kind.kind),
        "scope": if kind.namespaced { "Namespaced" } else { "Cluster" },
        "singularResource": kind.singular,
        "verbs": kind.verbs,
    });
    if !kind.short_names.is_empty() {
        r["shortNames"] = json!(kind.short_names);
    }
    if !kind.categories.is_empty() {
        r["categories"] = json!(kind.categories);
    }
    let subs: Vec<Value> = kind
        .subresources
        .iter()
        .map(|sub| match sub {
            Subresource::Binding => json!({"subresource": "binding",
                "responseKind": {"group": "", "version": "v1", "kind": "Binding"}, "verbs": ["create"]}),
            Subresource::Log => json!({"subresource": "log",
                "responseKind": response_kind(kind.kind), "verbs": ["get"]}),
            Subresource::Status => json!({"subresource": "status",
                "responseKind": response_kind(kind.kind), "verbs": ["get", "patch", "update"]}),
        })
        .collect();
    if !subs.is_empty() {
        r["subresources"] = Value::Array(subs);
    }
    r
}

fn aggregated_group(group: &str, version: &str) -> Value {
    let mut kinds: Vec<&ResourceKind> = in_group_version(group, version).collect();
    kinds.sort_by_key(|k| k.plural);
    let resources: Vec<Value> = kinds.into_iter().map(aggregated_resource).collect();
    let mut metadata = json!({"creationTimestamp": null});
    if !group.is_empty() {
        metadata["name"] = json!(group);
    }
    json!({
        "metadata": metadata,
        "versions": [{"version": version, "resources": resources, "freshness": "Current"}],
    })
}

/// Aggregated discovery of `/api` (the core group) or `/apis` (the others).
pub(crate) fn aggregated(core: bool) -> Value {
    let items: Vec<Value> = if core {
        vec![aggregated_group("", "v1")]
    } else {
        GROUPS.iter().map(|(g, v)| aggregated_group(g, v)).collect()
    };
    json!({
        "kind": "APIGroupDiscoveryList",
        "apiVersion": "apidiscovery.k8s.io/v2",
        "metadata": {},
        "items": items,
    })
}

/// Every group version served, as OpenAPI v3 path keys (`api/v1`, `apis/g/v`).
pub(crate) fn group_version_paths() -> Vec<(String, &'static str, &'static str)> {
    let mut out = vec![("api/v1".to_string(), "", "v1")];
    for (g, v) in GROUPS {
        out.push((format!("apis/{g}/{v}"), g, v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregated_discovery_when_asked_first() {
        let kubectl = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
        assert!(wants_aggregated(Some(kubectl)));
        assert!(!wants_aggregated(Some("application/json")));
        assert!(!wants_aggregated(Some(
            "application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
        )));
        let core = aggregated(true);
        let pods = core["items"][0]["versions"][0]["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["resource"] == "pods")
            .unwrap()
            .clone();
        assert_eq!(pods["scope"], "Namespaced");
        assert_eq!(pods["subresources"][0]["subresource"], "binding");
        assert_eq!(pods["subresources"][1]["subresource"], "log");
        assert_eq!(pods["subresources"][1]["verbs"], json!(["get"]));
        let groups = aggregated(false);
        assert_eq!(groups["items"][0]["metadata"]["name"], "events.k8s.io");
    }

    #[test]
    fn core_v1_lists_pods_with_subresources() {
        let list = api_resource_list("", "v1").unwrap();
        assert_eq!(list["groupVersion"], "v1");
        let names: Vec<&str> = list["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        for want in [
            "pods",
            "pods/binding",
            "pods/log",
            "pods/status",
            "nodes",
            "nodes/status",
            "namespaces",
            "events",
            "configmaps",
        ] {
            assert!(names.contains(&want), "{want} missing from {names:?}");
        }
        assert!(api_resource_list("apps", "v1").is_none());
        assert_eq!(
            api_resource_list("coordination.k8s.io", "v1").unwrap()["groupVersion"],
            "coordination.k8s.io/v1"
        );
    }
}
