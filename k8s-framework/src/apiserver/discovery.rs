//! Legacy discovery documents: `/version`, `/api`, `/api/v1`, `/apis`, `/apis/{group}` and
//! `/apis/{group}/{version}`, in the shapes client-go's and kube-rs' discovery clients parse
//! (`kubernetes: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go`, `APIResourceList`).
//!
//! Aggregated discovery is not served: clients asking for it accept plain JSON as the answer.

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
