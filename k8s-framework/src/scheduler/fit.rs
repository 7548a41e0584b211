//! Whether a pod fits an agent, as kube-scheduler's filter plugins decide it, each filter
//! with its own reason in kube-scheduler's words, counted into the `FailedScheduling`
//! message (`kubernetes: pkg/scheduler/framework/plugins/{noderesources,nodeports,
//! nodeaffinity,tainttoleration,nodeunschedulable}`); and the least-allocated score that
//! spreads pods.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Container, Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec, Taint, Toleration,
};

use mesos_sdk::resources::Ranges;

use crate::quantity;

/// What a pod asks for, summed as kube-scheduler sums it: app containers added up, init
/// containers' largest taken if larger, plus the pod's overhead; requests, or limits where a
/// container has no request (`kubernetes: pkg/api/v1/resource/helpers.go`
/// `PodRequests`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Request {
    /// Cores.
    pub cpus: f64,
    /// Bytes.
    pub mem: f64,
}

fn container_request(container: &Container, name: &str) -> f64 {
    let resources = container.resources.as_ref();
    let from = |map: Option<
        &BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>,
    >| {
        map.and_then(|m| m.get(name))
            .and_then(|q| quantity::parse(&q.0))
    };
    from(resources.and_then(|r| r.requests.as_ref()))
        .or_else(|| from(resources.and_then(|r| r.limits.as_ref())))
        .unwrap_or(0.0)
}

/// One container's request: its requests, or its limits where it has none.
pub fn container_requests(container: &Container) -> Request {
    Request {
        cpus: container_request(container, "cpu"),
        mem: container_request(container, "memory"),
    }
}

/// The pod's request.
pub fn pod_request(spec: &PodSpec) -> Request {
    let sum = |name: &str| -> f64 {
        let app: f64 = spec
            .containers
            .iter()
            .map(|c| container_request(c, name))
            .sum();
        let init = spec
            .init_containers
            .iter()
            .flatten()
            .map(|c| container_request(c, name))
            .fold(0.0, f64::max);
        let overhead = spec
            .overhead
            .as_ref()
            .and_then(|o| o.get(name))
            .and_then(|q| quantity::parse(&q.0))
            .unwrap_or(0.0);
        app.max(init) + overhead
    };
    Request {
        cpus: sum("cpu"),
        mem: sum("memory"),
    }
}

/// The host ports the pod's containers ask for.
pub fn host_ports(spec: &PodSpec) -> Vec<u16> {
    spec.containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
        .flat_map(|c| c.ports.iter().flatten())
        .filter_map(|p| p.host_port)
        .filter_map(|p| u16::try_from(p).ok())
        .filter(|p| *p != 0)
        .collect()
}

/// An agent as the filters see it: its Node, what it has free now, and what it has in all.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// The agent's Node (labels, taints, `spec.unschedulable`).
    pub node: &'a Node,
    /// Free cores, bytes and ports in this agent's offers, less what this pass placed.
    pub free: Request,
    /// Free host ports.
    pub free_ports: &'a Ranges,
    /// The agent's total cores and bytes, for the score.
    pub total: Request,
}

/// A filter's verdict: `Err` with kube-scheduler's reason.
pub type Verdict = Result<(), &'static str>;

/// `NodeUnschedulable`: a cordoned node takes no pods unless they tolerate it.
pub fn node_unschedulable(spec: &PodSpec, node: &Node) -> Verdict {
    let cordoned = node
        .spec
        .as_ref()
        .and_then(|s| s.unschedulable)
        .unwrap_or(false);
    let tolerated = spec.tolerations.iter().flatten().any(|t| {
        tolerates(
            t,
            &Taint {
                key: "node.kubernetes.io/unschedulable".into(),
                effect: "NoSchedule".into(),
                ..Default::default()
            },
        )
    });
    if cordoned && !tolerated {
        Err("node(s) were unschedulable")
    } else {
        Ok(())
    }
}

fn tolerates(toleration: &Toleration, taint: &Taint) -> bool {
    if let Some(effect) = toleration.effect.as_deref() {
        if !effect.is_empty() && effect != taint.effect {
            return false;
        }
    }
    let key = toleration.key.as_deref().unwrap_or("");
    let operator = toleration.operator.as_deref().unwrap_or("Equal");
    match operator {
        "Exists" => key.is_empty() || key == taint.key,
        _ => {
            key == taint.key
                && toleration.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or("")
        }
    }
}

/// `TaintToleration`: every NoSchedule and NoExecute taint must be tolerated.
pub fn taint_toleration(spec: &PodSpec, node: &Node) -> Verdict {
    let taints = node.spec.as_ref().and_then(|s| s.taints.as_ref());
    let untolerated = taints.into_iter().flatten().any(|taint| {
        matches!(taint.effect.as_str(), "NoSchedule" | "NoExecute")
            && !spec
                .tolerations
                .iter()
                .flatten()
                .any(|t| tolerates(t, taint))
    });
    if untolerated {
        Err("node(s) had untolerated taint")
    } else {
        Ok(())
    }
}

fn requirement_matches(req: &NodeSelectorRequirement, labels: &BTreeMap<String, String>) -> bool {
    let value = labels.get(&req.key);
    let values = req.values.as_deref().unwrap_or_default();
    match req.operator.as_str() {
        "In" => value.is_some_and(|v| values.contains(v)),
        "NotIn" => value.is_none_or(|v| !values.contains(v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" | "Lt" => {
            let (Some(v), Some(bound)) = (
                value.and_then(|v| v.parse::<i64>().ok()),
                values.first().and_then(|b| b.parse::<i64>().ok()),
            ) else {
                return false;
            };
            if req.operator == "Gt" {
                v > bound
            } else {
                v < bound
            }
        }
        _ => false,
    }
}

fn term_matches(term: &NodeSelectorTerm, labels: &BTreeMap<String, String>, name: &str) -> bool {
    let exprs = term.match_expressions.iter().flatten();
    let fields = term.match_fields.iter().flatten();
    let mut any = false;
    for req in exprs {
        any = true;
        if !requirement_matches(req, labels) {
            return false;
        }
    }
    for req in fields {
        any = true;
        let fields = BTreeMap::from([("metadata.name".to_string(), name.to_string())]);
        if !requirement_matches(req, &fields) {
            return false;
        }
    }
    // A term with no requirements matches nothing.
    any
}

/// `NodeAffinity`: `nodeSelector` and required node affinity (terms ORed, requirements
/// ANDed).
pub fn node_affinity(spec: &PodSpec, node: &Node) -> Verdict {
    let empty = BTreeMap::new();
    let labels = node.metadata.labels.as_ref().unwrap_or(&empty);
    let name = node.metadata.name.as_deref().unwrap_or("");
    let selector_ok = spec
        .node_selector
        .iter()
        .flatten()
        .all(|(k, v)| labels.get(k) == Some(v));
    let required = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|a| {
            a.required_during_scheduling_ignored_during_execution
                .as_ref()
        });
    let affinity_ok = required.is_none_or(|r| {
        r.node_selector_terms
            .iter()
            .any(|t| term_matches(t, labels, name))
    });
    if selector_ok && affinity_ok {
        Ok(())
    } else {
        Err("node(s) didn't match Pod's node affinity/selector")
    }
}

/// The score of preferred node affinity: the weights of the preferred terms the node
/// matches.
pub fn preferred_affinity(spec: &PodSpec, node: &Node) -> i64 {
    let empty = BTreeMap::new();
    let labels = node.metadata.labels.as_ref().unwrap_or(&empty);
    let name = node.metadata.name.as_deref().unwrap_or("");
    spec.affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|a| {
            a.preferred_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .into_iter()
        .flatten()
        .filter(|p| term_matches(&p.preference, labels, name))
        .map(|p| i64::from(p.weight))
        .sum()
}

/// `NodePorts`: every host port asked for must be free on the agent (offered and not taken).
pub fn node_ports(ports: &[u16], free: &Ranges) -> Verdict {
    if ports.iter().all(|p| free.contains(u64::from(*p))) {
        Ok(())
    } else {
        Err("node(s) didn't have free ports for the requested pod ports")
    }
}

/// `NodeResourcesFit`: the reasons for each resource that does not fit.
pub fn resources_fit(request: Request, free: Request) -> Vec<&'static str> {
    let mut reasons = Vec::new();
    // Compared in milli-units / bytes, as Kubernetes compares integers.
    if (request.cpus * 1000.0).round() > (free.cpus * 1000.0).round() {
        reasons.push("Insufficient cpu");
    }
    if request.mem.round() > free.mem.round() {
        reasons.push("Insufficient memory");
    }
    reasons
}

/// Every filter's reasons for `pod` on `candidate` (empty: it fits).
pub fn reasons(
    pod: &Pod,
    request: Request,
    ports: &[u16],
    candidate: &Candidate<'_>,
) -> Vec<&'static str> {
    let Some(spec) = pod.spec.as_ref() else {
        return vec!["pod has no spec"];
    };
    let mut out = Vec::new();
    for verdict in [
        node_unschedulable(spec, candidate.node),
        node_affinity(spec, candidate.node),
        taint_toleration(spec, candidate.node),
        node_ports(ports, candidate.free_ports),
    ] {
        if let Err(reason) = verdict {
            out.push(reason);
        }
    }
    out.extend(resources_fit(request, candidate.free));
    out
}

/// `NodeResourcesFit` with the least-allocated strategy (spread) or most-allocated (pack),
/// 0 to 100, plus preferred affinity.
pub fn score(pod_spec: &PodSpec, request: Request, candidate: &Candidate<'_>, pack: bool) -> i64 {
    let share = |used: f64, total: f64| {
        if total <= 0.0 {
            0.0
        } else {
            (used / total).clamp(0.0, 1.0)
        }
    };
    let cpu_after = share(
        candidate.total.cpus - candidate.free.cpus + request.cpus,
        candidate.total.cpus,
    );
    let mem_after = share(
        candidate.total.mem - candidate.free.mem + request.mem,
        candidate.total.mem,
    );
    let allocated = (cpu_after + mem_after) / 2.0;
    let resource = if pack { allocated } else { 1.0 - allocated };
    (resource * 100.0).round() as i64 + preferred_affinity(pod_spec, candidate.node)
}

/// kube-scheduler's message for a pod no node takes: `0/5 nodes are available: 3
/// Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.` (reasons counted
/// over the nodes and sorted; `kubernetes: pkg/scheduler/framework/types.go`
/// `FitError.Error`).
pub fn unschedulable_message(nodes: usize, reasons: &BTreeMap<&'static str, usize>) -> String {
    let mut parts: Vec<String> = reasons
        .iter()
        .map(|(reason, count)| format!("{count} {reason}"))
        .collect();
    parts.sort();
    if nodes == 0 {
        // `kubernetes: pkg/scheduler/schedule_one.go` `ErrNoNodesAvailable`.
        "no nodes available to schedule pods".to_string()
    } else if parts.is_empty() {
        format!("0/{nodes} nodes are available.")
    } else {
        format!("0/{nodes} nodes are available: {}.", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(spec: serde_json::Value) -> PodSpec {
        serde_json::from_value(spec).expect("spec")
    }

    fn node(labels: serde_json::Value, spec: serde_json::Value) -> Node {
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "n1", "labels": labels}, "spec": spec
        }))
        .expect("node")
    }

    #[test]
    fn requests_sum_app_containers_and_take_the_largest_init_container() {
        let spec = pod(serde_json::json!({
            "containers": [
                {"name": "a", "resources": {"requests": {"cpu": "250m", "memory": "64Mi"}}},
                {"name": "b", "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}},
            ],
            "initContainers": [
                {"name": "i", "resources": {"requests": {"cpu": "2"}}},
            ],
            "overhead": {"cpu": "100m"},
        }));
        let r = pod_request(&spec);
        assert!((r.cpus - 2.1).abs() < 1e-9, "{r:?}");
        assert_eq!(r.mem, (64 + 1024) as f64 * 1024.0 * 1024.0);
    }

    #[test]
    fn selector_affinity_operators_taints_and_cordon() {
        let n = node(
            serde_json::json!({"zone": "a", "size": "8"}),
            serde_json::json!({"taints": [{"key": "gpu", "value": "yes", "effect": "NoSchedule"}]}),
        );
        let tolerate = serde_json::json!([{"key": "gpu", "operator": "Equal", "value": "yes",
                                            "effect": "NoSchedule"}]);
        let affinity = |op: &str, values: serde_json::Value| {
            pod(
                serde_json::json!({"containers": [], "tolerations": tolerate, "affinity": {
                "nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [{"matchExpressions": [
                        {"key": "size", "operator": op, "values": values}]}]}}}}),
            )
        };
        assert!(node_affinity(&affinity("Gt", serde_json::json!(["4"])), &n).is_ok());
        assert!(node_affinity(&affinity("Lt", serde_json::json!(["4"])), &n).is_err());
        assert!(node_affinity(&affinity("In", serde_json::json!(["8", "16"])), &n).is_ok());
        assert!(node_affinity(&affinity("NotIn", serde_json::json!(["8"])), &n).is_err());
        assert!(node_affinity(&affinity("Exists", serde_json::json!([])), &n).is_ok());
        assert!(node_affinity(&affinity("DoesNotExist", serde_json::json!([])), &n).is_err());
        let selected = pod(serde_json::json!({"containers": [], "nodeSelector": {"zone": "b"}}));
        assert_eq!(
            node_affinity(&selected, &n),
            Err("node(s) didn't match Pod's node affinity/selector")
        );
        let plain = pod(serde_json::json!({"containers": []}));
        assert_eq!(
            taint_toleration(&plain, &n),
            Err("node(s) had untolerated taint")
        );
        assert!(taint_toleration(&affinity("Exists", serde_json::json!([])), &n).is_ok());
        let cordoned = node(
            serde_json::json!({}),
            serde_json::json!({"unschedulable": true}),
        );
        assert_eq!(
            node_unschedulable(&plain, &cordoned),
            Err("node(s) were unschedulable")
        );
    }

    #[test]
    fn the_message_counts_reasons_in_kube_schedulers_words() {
        let reasons = BTreeMap::from([
            ("Insufficient cpu", 3),
            ("node(s) didn't match Pod's node affinity/selector", 2),
        ]);
        assert_eq!(
            unschedulable_message(5, &reasons),
            "0/5 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, \
             3 Insufficient cpu."
        );
    }
}
