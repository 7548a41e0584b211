//! The `meta.k8s.io/v1` Table form `kubectl get` asks for, with the columns kube-apiserver's
//! printers give each kind (`kubernetes: pkg/printers/internalversion/printers.go`), so output
//! reads as it does against a real cluster. Kinds without printers get Name and Created At.

use serde_json::{Value, json};

use super::clock;

/// Which `meta.k8s.io` version of Table the client asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TableVersion {
    /// `meta.k8s.io/v1`.
    V1,
    /// `meta.k8s.io/v1beta1`.
    V1Beta1,
}

impl TableVersion {
    fn api_version(self) -> &'static str {
        match self {
            TableVersion::V1 => "meta.k8s.io/v1",
            TableVersion::V1Beta1 => "meta.k8s.io/v1beta1",
        }
    }
}

fn col(name: &str, ty: &str, format: &str, priority: i32, description: &str) -> Value {
    json!({"name": name, "type": ty, "format": format, "description": description, "priority": priority})
}

/// Column definitions for a kind.
pub(crate) fn columns(kind: &str) -> Vec<Value> {
    let name = col(
        "Name",
        "string",
        "name",
        0,
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
    );
    let age = col(
        "Age",
        "string",
        "",
        0,
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    );
    match kind {
        "Pod" => vec![
            name,
            col(
                "Ready",
                "string",
                "",
                0,
                "The aggregate readiness state of this pod for accepting traffic.",
            ),
            col(
                "Status",
                "string",
                "",
                0,
                "The aggregate status of the containers in this pod.",
            ),
            col(
                "Restarts",
                "string",
                "",
                0,
                "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
            ),
            age,
            col(
                "IP",
                "string",
                "",
                1,
                "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
            ),
            col(
                "Node",
                "string",
                "",
                1,
                "NodeName is a request to schedule this pod onto a specific node.",
            ),
            col(
                "Nominated Node",
                "string",
                "",
                1,
                "nominatedNodeName is set only when this pod preempts other pods on the node.",
            ),
            col(
                "Readiness Gates",
                "string",
                "",
                1,
                "If specified, all readiness gates will be evaluated for pod readiness.",
            ),
        ],
        "Node" => vec![
            name,
            col("Status", "string", "", 0, "The status of the node"),
            col("Roles", "string", "", 0, "The roles of the node"),
            age,
            col(
                "Version",
                "string",
                "",
                0,
                "Kubelet Version reported by the node.",
            ),
            col(
                "Internal-IP",
                "string",
                "",
                1,
                "List of addresses reachable to the node. Queried from cloud provider, if available.",
            ),
            col(
                "External-IP",
                "string",
                "",
                1,
                "List of addresses reachable to the node. Queried from cloud provider, if available.",
            ),
            col(
                "OS-Image",
                "string",
                "",
                1,
                "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
            ),
            col(
                "Kernel-Version",
                "string",
                "",
                1,
                "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
            ),
            col(
                "Container-Runtime",
                "string",
                "",
                1,
                "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
            ),
        ],
        "Namespace" => vec![
            name,
            col("Status", "string", "", 0, "The status of the namespace"),
            age,
        ],
        "ConfigMap" => vec![
            name,
            col(
                "Data",
                "string",
                "",
                0,
                "Data contains the configuration data.",
            ),
            age,
        ],
        "Lease" => vec![
            name,
            col("Holder", "string", "", 0, "The holder of the lease"),
            age,
        ],
        "Event" => vec![
            col(
                "Last Seen",
                "string",
                "",
                0,
                "Time when last event occurred",
            ),
            col(
                "Type",
                "string",
                "",
                0,
                "Type of this event (Normal, Warning), new types could be added in the future.",
            ),
            col(
                "Reason",
                "string",
                "",
                0,
                "This should be a short, machine understandable string that gives the reason for this event being generated.",
            ),
            col("Object", "string", "", 0, "Object this event is about."),
            col(
                "Message",
                "string",
                "",
                0,
                "A human-readable description of the status of this operation.",
            ),
        ],
        _ => vec![
            name,
            col(
                "Created At",
                "date",
                "",
                0,
                "CreationTimestamp is a timestamp representing the server time when this object was created.",
            ),
        ],
    }
}

fn or_none(s: Option<&str>) -> String {
    match s {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => "<none>".into(),
    }
}

/// The cells of one row.
pub(crate) fn cells(kind: &str, obj: &Value) -> Vec<Value> {
    let meta = &obj["metadata"];
    let name = json!(meta["name"].as_str().unwrap_or(""));
    let age = json!(clock::age(meta["creationTimestamp"].as_str()));
    match kind {
        "Pod" => pod_cells(obj, name, age),
        "Node" => node_cells(obj, name, age),
        "Namespace" => vec![
            name,
            json!(obj["status"]["phase"].as_str().unwrap_or("")),
            age,
        ],
        "ConfigMap" => {
            let n = obj["data"].as_object().map_or(0, |m| m.len())
                + obj["binaryData"].as_object().map_or(0, |m| m.len());
            vec![name, json!(n), age]
        }
        "Lease" => vec![
            name,
            json!(obj["spec"]["holderIdentity"].as_str().unwrap_or("")),
            age,
        ],
        "Event" => {
            let last = obj["lastTimestamp"]
                .as_str()
                .or_else(|| obj["eventTime"].as_str())
                .or_else(|| obj["series"]["lastObservedTime"].as_str())
                .or_else(|| meta["creationTimestamp"].as_str());
            let object = format!(
                "{}/{}",
                obj["involvedObject"]["kind"]
                    .as_str()
                    .unwrap_or("")
                    .to_lowercase(),
                obj["involvedObject"]["name"].as_str().unwrap_or("")
            );
            vec![
                json!(clock::age(last)),
                json!(obj["type"].as_str().unwrap_or("")),
                json!(obj["reason"].as_str().unwrap_or("")),
                json!(object),
                json!(obj["message"].as_str().unwrap_or("")),
            ]
        }
        _ => vec![
            name,
            json!(meta["creationTimestamp"].as_str().unwrap_or("")),
        ],
    }
}

/// Pod status column as `printPod` computes it, for the states our pods go through.
fn pod_cells(pod: &Value, name: Value, age: Value) -> Vec<Value> {
    let status = &pod["status"];
    let total = pod["spec"]["containers"].as_array().map_or(0, |c| c.len());
    let mut reason = status["phase"].as_str().unwrap_or("").to_string();
    if let Some(r) = status["reason"].as_str().filter(|r| !r.is_empty()) {
        reason = r.to_string();
    }
    for c in status["conditions"].as_array().into_iter().flatten() {
        if c["type"] == "PodScheduled" && c["reason"] == "SchedulingGated" {
            reason = "SchedulingGated".into();
        }
    }
    let mut ready = 0;
    let mut restarts = 0i64;
    let mut last_restart: Option<&str> = None;
    let mut has_running = false;
    let statuses = status["containerStatuses"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for cs in statuses.iter().rev() {
        restarts += cs["restartCount"].as_i64().unwrap_or(0);
        if let Some(finished) = cs["lastState"]["terminated"]["finishedAt"].as_str() {
            let later = last_restart.is_none_or(|l| clock::parse(finished) > clock::parse(l));
            if later {
                last_restart = Some(finished);
            }
        }
        let state = &cs["state"];
        if let Some(r) = state["waiting"]["reason"]
            .as_str()
            .filter(|r| !r.is_empty())
        {
            reason = r.to_string();
        } else if state["terminated"].is_object() {
            let t = &state["terminated"];
            reason = match t["reason"].as_str().filter(|r| !r.is_empty()) {
                Some(r) => r.to_string(),
                None => match t["signal"].as_i64().filter(|s| *s != 0) {
                    Some(sig) => format!("Signal:{sig}"),
                    None => format!("ExitCode:{}", t["exitCode"].as_i64().unwrap_or(0)),
                },
            };
        } else if state["running"].is_object() && cs["ready"].as_bool() == Some(true) {
            has_running = true;
            ready += 1;
        }
    }
    if reason == "Completed" && has_running {
        let pod_ready = status["conditions"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["type"] == "Ready" && c["status"] == "True");
        reason = if pod_ready {
            "Running".into()
        } else {
            "NotReady".into()
        };
    }
    let terminal = matches!(status["phase"].as_str(), Some("Succeeded" | "Failed"));
    if pod["metadata"]["deletionTimestamp"].is_string() {
        if status["reason"] == "NodeLost" {
            reason = "Unknown".into();
        } else if !terminal {
            reason = "Terminating".into();
        }
    }
    let gates = pod["spec"]["readinessGates"]
        .as_array()
        .map_or(0, |g| g.len());
    vec![
        name,
        json!(format!("{ready}/{total}")),
        json!(reason),
        // `N (5m ago)` once a container has restarted, as printPod writes it.
        match last_restart {
            Some(t) if restarts > 0 => json!(format!("{restarts} ({} ago)", clock::age(Some(t)))),
            _ => json!(restarts),
        },
        age,
        json!(or_none(status["podIP"].as_str())),
        json!(or_none(pod["spec"]["nodeName"].as_str())),
        json!(or_none(status["nominatedNodeName"].as_str())),
        json!(if gates == 0 {
            "<none>".to_string()
        } else {
            format!("0/{gates}")
        }),
    ]
}

fn node_cells(node: &Value, name: Value, age: Value) -> Vec<Value> {
    let status = &node["status"];
    let mut state = "Unknown".to_string();
    for c in status["conditions"].as_array().into_iter().flatten() {
        if c["type"] == "Ready" {
            state = match c["status"].as_str() {
                Some("True") => "Ready".into(),
                Some("False") => "NotReady".into(),
                _ => "Unknown".into(),
            };
        }
    }
    if node["spec"]["unschedulable"].as_bool() == Some(true) {
        state.push_str(",SchedulingDisabled");
    }
    let mut roles: Vec<String> = Vec::new();
    if let Some(labels) = node["metadata"]["labels"].as_object() {
        for (k, v) in labels {
            if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                if !role.is_empty() {
                    roles.push(role.to_string());
                }
            } else if k == "kubernetes.io/role" {
                if let Some(v) = v.as_str().filter(|v| !v.is_empty()) {
                    roles.push(v.to_string());
                }
            }
        }
    }
    roles.sort();
    roles.dedup();
    let address = |ty: &str| {
        status["addresses"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| a["type"] == ty)
            .and_then(|a| a["address"].as_str())
            .map(str::to_string)
            .unwrap_or_else(|| "<none>".into())
    };
    let info = &status["nodeInfo"];
    let unknown = |v: &Value| {
        v.as_str()
            .filter(|s| !s.is_empty())
            .unwrap_or("<unknown>")
            .to_string()
    };
    vec![
        name,
        json!(state),
        json!(if roles.is_empty() {
            "<none>".to_string()
        } else {
            roles.join(",")
        }),
        age,
        json!(info["kubeletVersion"].as_str().unwrap_or("")),
        json!(address("InternalIP")),
        json!(address("ExternalIP")),
        json!(unknown(&info["osImage"])),
        json!(unknown(&info["kernelVersion"])),
        json!(unknown(&info["containerRuntimeVersion"])),
    ]
}

/// `PartialObjectMetadata` of an object, as rows carry it by default (`includeObject=Metadata`).
pub(crate) fn partial_metadata(obj: &Value, version: TableVersion) -> Value {
    json!({
        "kind": "PartialObjectMetadata",
        "apiVersion": version.api_version(),
        "metadata": obj["metadata"].clone(),
    })
}

/// What the rows' `object` holds (`includeObject`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IncludeObject {
    /// Nothing.
    None,
    /// `PartialObjectMetadata` (the default).
    Metadata,
    /// The whole object.
    Object,
}

/// A Table of objects of one kind. `headers` false omits the column definitions, as later
/// events of a watch do.
pub(crate) fn table(
    kind: &str,
    objects: &[&Value],
    list_meta: Value,
    version: TableVersion,
    include: IncludeObject,
    headers: bool,
) -> Value {
    let rows: Vec<Value> = objects
        .iter()
        .map(|o| {
            let object = match include {
                IncludeObject::None => Value::Null,
                IncludeObject::Metadata => partial_metadata(o, version),
                IncludeObject::Object => (*o).clone(),
            };
            json!({"cells": cells(kind, o), "object": object})
        })
        .collect();
    json!({
        "kind": "Table",
        "apiVersion": version.api_version(),
        "metadata": list_meta,
        "columnDefinitions": if headers { Value::Array(columns(kind)) } else { json!([]) },
        "rows": rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_rows_read_like_kubectl() {
        let pod = json!({"metadata": {"name": "web", "creationTimestamp": clock::format_time(clock::now())},
            "spec": {"containers": [{"name": "c"}], "nodeName": "n1"},
            "status": {"phase": "Running", "podIP": "10.0.0.2", "containerStatuses": [
                {"name": "c", "ready": true, "restartCount": 2, "state": {"running": {}}}]}});
        let c = cells("Pod", &pod);
        assert_eq!(c[0], "web");
        assert_eq!(c[1], "1/1");
        assert_eq!(c[2], "Running");
        assert_eq!(c[3], 2);
        assert_eq!(c[5], "10.0.0.2");
        assert_eq!(c[6], "n1");
        let mut deleting = pod.clone();
        deleting["metadata"]["deletionTimestamp"] = json!("2030-01-01T00:00:00Z");
        assert_eq!(cells("Pod", &deleting)[2], "Terminating");
        let waiting = json!({"metadata": {"name": "w"}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Pending", "containerStatuses": [{"state": {"waiting": {"reason": "ContainerCreating"}}}]}});
        assert_eq!(cells("Pod", &waiting)[2], "ContainerCreating");
        assert_eq!(cells("Pod", &waiting)[6], "<none>");
        let mut restarted = pod.clone();
        restarted["status"]["containerStatuses"][0]["lastState"] =
            json!({"terminated": {"exitCode": 1, "finishedAt": clock::format_time(clock::now())}});
        let restarts = cells("Pod", &restarted)[3].as_str().unwrap().to_string();
        assert!(
            restarts.starts_with("2 (") && restarts.ends_with("s ago)"),
            "{restarts}"
        );
    }

    #[test]
    fn node_rows() {
        let node = json!({"metadata": {"name": "n1", "labels": {"node-role.kubernetes.io/agent": ""}},
            "spec": {"unschedulable": true},
            "status": {"conditions": [{"type": "Ready", "status": "True"}], "nodeInfo": {"kubeletVersion": "v1.33.0"},
                       "addresses": [{"type": "InternalIP", "address": "10.1.1.1"}]}});
        let c = cells("Node", &node);
        assert_eq!(c[1], "Ready,SchedulingDisabled");
        assert_eq!(c[2], "agent");
        assert_eq!(c[4], "v1.33.0");
        assert_eq!(c[5], "10.1.1.1");
        assert_eq!(c[6], "<none>");
        assert_eq!(c[7], "<unknown>");
    }
}
