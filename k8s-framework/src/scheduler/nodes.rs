//! Mesos agents as Kubernetes Nodes: named after the agent's hostname (with the agent id's
//! last part when several agents share one, as mesos-sim's do), labelled with the
//! well-known labels and the agent's attributes, capacity from the agent's resources, Ready
//! while the agent is registered; an agent that is lost turns NotReady with the
//! `node.kubernetes.io/unreachable` taint.

use k8s_openapi::api::core::v1::Node;
use kube::Api;
use kube::api::{Patch, PatchParams, PostParams};
use mesos_sdk::resources::Resources;
use mesos_sdk::v1::{AgentId, Offer, value};

/// The annotation that records which agent a Node stands for.
pub const AGENT_ID_ANNOTATION: &str = "mesos.apache.org/agent-id";

/// The Node name of an agent.
pub fn node_name(hostname: &str, agent: &AgentId, shared_hostname: bool) -> String {
    let base = sanitize(hostname);
    if shared_hostname {
        let suffix = agent.value.rsplit('-').next().unwrap_or(&agent.value);
        format!("{base}-{}", sanitize(suffix))
    } else {
        base
    }
}

/// A DNS subdomain: lowercase alphanumerics, `-` and `.`.
fn sanitize(text: &str) -> String {
    let out: String = text
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let out = out.trim_matches(|c| c == '-' || c == '.').to_string();
    if out.is_empty() {
        "agent".into()
    } else {
        out.chars().take(253).collect()
    }
}

/// The agent a Node stands for.
pub fn agent_of(node: Option<&Node>) -> Option<AgentId> {
    node?
        .metadata
        .annotations
        .as_ref()?
        .get(AGENT_ID_ANNOTATION)
        .map(|value| AgentId {
            value: value.clone(),
        })
}

fn arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

/// The port of the executor's log endpoint a Node publishes, as a kubelet publishes its own
/// (`status.daemonEndpoints.kubeletEndpoint.Port`), if any.
pub fn kubelet_port(node: &Node) -> Option<u16> {
    let port = node
        .status
        .as_ref()?
        .daemon_endpoints
        .as_ref()?
        .kubelet_endpoint
        .as_ref()?
        .port;
    u16::try_from(port).ok().filter(|p| *p > 0)
}

/// `status.daemonEndpoints` with `port` (0, "unknown", without one).
fn daemon_endpoints(port: Option<u16>) -> serde_json::Value {
    serde_json::json!({"kubeletEndpoint": {"Port": port.unwrap_or(0)}})
}

/// Creates (or updates) the Node of the agent behind `offer`, with `kubelet_port` (the port
/// of the agent's executor's log endpoint) where kube-apiserver looks for a kubelet's;
/// returns it as stored.
pub async fn register(
    client: &kube::Client,
    name: &str,
    offer: &Offer,
    resources: &Resources,
    kubelet_port: Option<u16>,
) -> Result<Node, kube::Error> {
    let mut labels = serde_json::Map::new();
    labels.insert("kubernetes.io/hostname".into(), name.into());
    labels.insert("kubernetes.io/os".into(), "linux".into());
    labels.insert("kubernetes.io/arch".into(), arch().into());
    for attribute in &offer.attributes {
        let text = match attribute.r#type() {
            value::Type::Text => attribute.text.as_ref().map(|t| t.value.clone()),
            value::Type::Scalar => attribute.scalar.as_ref().map(|s| s.value.to_string()),
            _ => None,
        };
        if let Some(text) = text {
            labels.insert(sanitize(&attribute.name), sanitize(&text).into());
        }
    }
    let cpus = resources.cpus().to_f64();
    let mem_mb = resources.mem().to_f64();
    let capacity = serde_json::json!({
        "cpu": format!("{}m", (cpus * 1000.0).round() as i64),
        "memory": format!("{}Mi", mem_mb.round() as i64),
        "pods": "110",
    });
    let ip = offer
        .url
        .as_ref()
        .and_then(|u| u.address.ip.clone())
        .unwrap_or_else(|| "127.0.0.1".into());
    let now = crate::quantity::now().to_string();
    let node: Node = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "labels": labels,
            "annotations": {AGENT_ID_ANNOTATION: offer.agent_id.value},
        },
        "spec": {},
        "status": {
            "capacity": capacity,
            "allocatable": capacity,
            "addresses": [
                {"type": "InternalIP", "address": ip},
                {"type": "Hostname", "address": offer.hostname},
            ],
            "daemonEndpoints": daemon_endpoints(kubelet_port),
            "conditions": [{
                "type": "Ready", "status": "True", "reason": "AgentRegistered",
                "message": "the Mesos agent is registered with the master",
                "lastHeartbeatTime": now, "lastTransitionTime": now,
            }],
            "nodeInfo": {
                "architecture": arch(), "operatingSystem": "linux",
                "kubeletVersion": "k8sm", "kubeProxyVersion": "", "containerRuntimeVersion": "k8sm://process",
                "bootID": "", "kernelVersion": "", "machineID": "", "osImage": "", "systemUUID": "",
            },
        },
    }))
    .map_err(kube::Error::SerdeError)?;
    let api: Api<Node> = Api::all(client.clone());
    match api.create(&PostParams::default(), &node).await {
        Ok(_) => {}
        Err(kube::Error::Api(e)) if e.code == 409 => {
            api.patch(
                name,
                &PatchParams::default(),
                &Patch::Merge(serde_json::json!({"metadata": node.metadata})),
            )
            .await?;
        }
        Err(e) => return Err(e),
    }
    // Status is a subresource: set it apart from the object.
    api.patch_status(
        name,
        &PatchParams::default(),
        &Patch::Merge(serde_json::json!({"status": node.status})),
    )
    .await
}

/// Publishes a new port of the executor's log endpoint on the Node `name` (the executor of
/// its agent is started again, on another port).
pub async fn publish_kubelet_port(
    client: &kube::Client,
    name: &str,
    kubelet_port: Option<u16>,
) -> Result<(), kube::Error> {
    let api: Api<Node> = Api::all(client.clone());
    api.patch_status(
        name,
        &PatchParams::default(),
        &Patch::Merge(
            serde_json::json!({"status": {"daemonEndpoints": daemon_endpoints(kubelet_port)}}),
        ),
    )
    .await?;
    Ok(())
}

/// How often each Node's Lease is renewed: the kubelet's 10 s (a quarter of the 40 s
/// lease), so the node lifecycle controller sees the agent alive
/// (`kubernetes: pkg/kubelet/nodelease`).
pub const LEASE_RENEW_INTERVAL: std::time::Duration = std::time::Duration::from_secs(10);

/// How long a Node's Lease lasts without renewal.
pub const LEASE_DURATION_SECONDS: i32 = 40;

/// Creates or renews the Lease `kube-node-lease/<name>`, held by the node, owned by its Node
/// (so it goes with it).
pub async fn renew_lease(
    client: &kube::Client,
    name: &str,
    node_uid: Option<&str>,
) -> Result<(), kube::Error> {
    use k8s_openapi::api::coordination::v1::Lease;
    let api: Api<Lease> = Api::namespaced(client.clone(), "kube-node-lease");
    let now = k8s_openapi::apimachinery::pkg::apis::meta::v1::MicroTime(crate::quantity::now());
    let mut lease: Lease = serde_json::from_value(serde_json::json!({
        "apiVersion": "coordination.k8s.io/v1",
        "kind": "Lease",
        "metadata": {"name": name, "namespace": "kube-node-lease"},
        "spec": {"holderIdentity": name, "leaseDurationSeconds": LEASE_DURATION_SECONDS},
    }))
    .map_err(kube::Error::SerdeError)?;
    if let Some(uid) = node_uid {
        lease.metadata.owner_references = Some(vec![
            k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference {
                api_version: "v1".into(),
                kind: "Node".into(),
                name: name.into(),
                uid: uid.into(),
                ..Default::default()
            },
        ]);
    }
    if let Some(spec) = lease.spec.as_mut() {
        spec.renew_time = Some(now);
    }
    match api.get_opt(name).await? {
        None => match api.create(&PostParams::default(), &lease).await {
            Ok(_) => Ok(()),
            // Created meanwhile: the next renewal updates it.
            Err(kube::Error::Api(e)) if e.code == 409 => Ok(()),
            Err(e) => Err(e),
        },
        Some(current) => {
            // An update guarded by resourceVersion, as the kubelet renews.
            let mut next = current;
            next.spec = lease.spec;
            next.metadata.owner_references = lease
                .metadata
                .owner_references
                .or(next.metadata.owner_references);
            match api.replace(name, &PostParams::default(), &next).await {
                Ok(_) => Ok(()),
                Err(kube::Error::Api(e)) if e.code == 409 => Ok(()),
                Err(e) => Err(e),
            }
        }
    }
}

/// The agent behind `name` is lost: NotReady, tainted unreachable.
pub async fn mark_unreachable(client: &kube::Client, name: &str) -> Result<(), kube::Error> {
    set_reachability(client, name, false).await
}

/// The agent behind `name` is back: Ready again, the unreachable taints gone.
pub async fn mark_reachable(client: &kube::Client, name: &str) -> Result<(), kube::Error> {
    set_reachability(client, name, true).await
}

/// The Ready condition and the `node.kubernetes.io/unreachable` taints (NoSchedule and
/// NoExecute, as the node lifecycle controller sets them) for an agent that is or is not
/// reachable; the Node's other taints (a cordon's, a user's) are kept.
async fn set_reachability(
    client: &kube::Client,
    name: &str,
    reachable: bool,
) -> Result<(), kube::Error> {
    const UNREACHABLE: &str = "node.kubernetes.io/unreachable";
    let api: Api<Node> = Api::all(client.clone());
    let now = crate::quantity::now().to_string();
    let (status, reason, message) = if reachable {
        (
            "True",
            "AgentRegistered",
            "the Mesos agent is registered with the master",
        )
    } else {
        (
            "Unknown",
            "AgentUnreachable",
            "the Mesos master lost the agent",
        )
    };
    api.patch_status(
        name,
        &PatchParams::default(),
        &Patch::Strategic(serde_json::json!({"status": {"conditions": [{
            "type": "Ready", "status": status, "reason": reason, "message": message,
            "lastHeartbeatTime": now, "lastTransitionTime": now,
        }]}})),
    )
    .await?;
    let current = api.get(name).await?;
    let mut taints: Vec<serde_json::Value> = current
        .spec
        .and_then(|s| s.taints)
        .unwrap_or_default()
        .into_iter()
        .filter(|t| t.key != UNREACHABLE)
        .filter_map(|t| serde_json::to_value(t).ok())
        .collect();
    if !reachable {
        for effect in ["NoSchedule", "NoExecute"] {
            taints
                .push(serde_json::json!({"key": UNREACHABLE, "effect": effect, "timeAdded": now}));
        }
    }
    api.patch(
        name,
        &PatchParams::default(),
        &Patch::Merge(serde_json::json!({"spec": {"taints": taints}})),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_names_are_dns_names_and_unique_per_agent() {
        let agent = AgentId {
            value: "7c2e-49f1-S3".into(),
        };
        assert_eq!(
            node_name("Host_1.example.com", &agent, false),
            "host-1.example.com"
        );
        assert_eq!(node_name("localhost", &agent, true), "localhost-s3");
        assert_eq!(node_name("", &agent, false), "agent");
    }

    #[test]
    fn the_kubelet_port_is_read_back_from_the_node() {
        let node: Node = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "n"},
            "status": {"daemonEndpoints": daemon_endpoints(Some(31005))},
        }))
        .expect("a node");
        assert_eq!(kubelet_port(&node), Some(31005));
        let unknown: Node = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "n"},
            "status": {"daemonEndpoints": daemon_endpoints(None)},
        }))
        .expect("a node");
        assert_eq!(kubelet_port(&unknown), None);
        assert_eq!(kubelet_port(&Node::default()), None);
    }
}
