//! How a pod becomes a Mesos task in `executor` mode: one `k8sm executor` per agent, whose
//! `ExecutorId` is derived from its configuration (a changed configuration gets a new
//! executor, an unchanged one is reused: kubernetes-mesos' immutable executor IDs broke every
//! upgrade), and one task per pod whose id is derived from the pod's uid (so a pod is never
//! launched twice), carrying the pod with its ConfigMaps and Secrets read (the executor holds
//! no Kubernetes credentials).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ConfigMap, Pod, PodSpec, Secret};
use kube::Api;
use mesos_sdk::offers::ResourceRequest;
use mesos_sdk::resources::{Ranges, Scalar, ranges_resource, scalar_resource};
use mesos_sdk::v1::resource::AllocationInfo;
use mesos_sdk::v1::{
    CommandInfo, DurationInfo, Environment, ExecutorId, ExecutorInfo, FrameworkId, KillPolicy,
    Label, Labels, TaskId, TaskInfo, environment, executor_info,
};

use super::fit::Request;
use crate::pod_task::{KUBELET_PORT_ENV, PodTask};

/// The prefix of every k8sm task id: `pod.<uid>`.
pub const TASK_PREFIX: &str = "pod.";

/// The executor's own resources, taken from an agent's offers when it does not run there yet.
pub const EXECUTOR_CPUS: f64 = 0.1;
/// The executor's memory, in MB.
pub const EXECUTOR_MEM_MB: f64 = 32.0;

/// Smallest task resources: Mesos refuses a task with none, and a pod without requests
/// still runs something.
const MIN_TASK_CPUS: f64 = 0.01;
const MIN_TASK_MEM_MB: f64 = 16.0;

/// The task id of the pod with `uid`.
pub fn task_id(uid: &str) -> TaskId {
    TaskId {
        value: format!("{TASK_PREFIX}{uid}"),
    }
}

/// The pod uid a task id names, if it is one of ours.
pub fn pod_uid(task: &TaskId) -> Option<&str> {
    task.value.strip_prefix(TASK_PREFIX)
}

/// How the executor is started on agents.
#[derive(Debug, Clone)]
pub struct ExecutorSpec {
    /// The `k8sm` binary on the agents (`--executor`), or its name in the sandbox when it is
    /// fetched from `uri`.
    pub path: String,
    /// Where the Mesos fetcher gets the binary (`--executor-uri`).
    pub uri: Option<String>,
    /// More of the executor's environment, as (name, value): settings such as the
    /// containers' log limits (`crate::executor::rotate`).
    pub environment: Vec<(String, String)>,
}

impl ExecutorSpec {
    /// The `ExecutorInfo` for `framework`: its id is `k8sm-` and a hash of everything that
    /// shapes the executor, so agents run a new one when that changes.
    pub fn info(&self, framework: &FrameworkId, role: &str) -> ExecutorInfo {
        self.info_on_port(framework, role, None)
    }

    /// [`ExecutorSpec::info`] with the port of the executor's log endpoint (the kubelet's
    /// port: see `crate::executor::logs`): one `ports` resource `[port-port]`, allocated to
    /// `role` like the rest, and the port in the executor's environment as
    /// [`KUBELET_PORT_ENV`]. The id does not change with the port: the port is chosen per
    /// agent, the executor is the same everywhere. The result depends on its arguments only,
    /// so an agent's executor is described identically in every launch there, as Mesos
    /// requires of the tasks of one executor.
    pub fn info_on_port(
        &self,
        framework: &FrameworkId,
        role: &str,
        port: Option<u16>,
    ) -> ExecutorInfo {
        // FNV-1a: stable across builds and Rust versions, unlike the std hasher.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        // `kubelet-port`: executors described with a log port (whichever) are not those
        // described without one, so an agent running an executor of a scheduler from before
        // log ports gets a new one rather than tasks whose ExecutorInfo Mesos refuses as
        // incompatible with the running executor's.
        let mut shape = format!(
            "{}\0{}\0{EXECUTOR_CPUS}\0{EXECUTOR_MEM_MB}\0kubelet-port",
            self.path,
            self.uri.as_deref().unwrap_or("")
        );
        for (name, value) in &self.environment {
            shape.push_str(&format!("\0{name}={value}"));
        }
        for byte in shape.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        let id = format!("k8sm-{hash:016x}");
        // Allocated to the framework's role, as a MULTI_ROLE framework must hand resources
        // back; the master takes them from the offer while the executor does not run yet.
        let allocated = |mut resource: mesos_sdk::v1::Resource| {
            resource.allocation_info = Some(AllocationInfo {
                role: Some(role.to_string()),
            });
            resource
        };
        let mut resources: Vec<mesos_sdk::v1::Resource> =
            [("cpus", EXECUTOR_CPUS), ("mem", EXECUTOR_MEM_MB)]
                .into_iter()
                .map(|(name, amount)| {
                    allocated(scalar_resource(name, Scalar::saturating_from_f64(amount)))
                })
                .collect();
        let variable = |name: &str, value: String| environment::Variable {
            name: name.into(),
            r#type: Some(environment::variable::Type::Value as i32),
            value: Some(value),
            secret: None,
        };
        let mut variables: Vec<environment::Variable> = self
            .environment
            .iter()
            .map(|(name, value)| variable(name, value.clone()))
            .collect();
        if let Some(port) = port {
            let mut ranges = Ranges::default();
            ranges.insert(u64::from(port)..=u64::from(port));
            resources.push(allocated(ranges_resource("ports", &ranges)));
            variables.push(variable(KUBELET_PORT_ENV, port.to_string()));
        }
        let environment = (!variables.is_empty()).then_some(Environment { variables });
        ExecutorInfo {
            r#type: Some(executor_info::Type::Custom as i32),
            executor_id: ExecutorId { value: id },
            framework_id: Some(framework.clone()),
            name: Some("k8sm executor".into()),
            command: Some(CommandInfo {
                value: Some(self.path.clone()),
                shell: Some(false),
                arguments: vec![self.path.clone(), "executor".into()],
                uris: self
                    .uri
                    .iter()
                    .map(|u| mesos_sdk::v1::command_info::Uri {
                        value: u.clone(),
                        executable: Some(true),
                        ..Default::default()
                    })
                    .collect(),
                environment,
                ..Default::default()
            }),
            resources,
            ..Default::default()
        }
    }
}

/// What a pod's task takes: its request, at least a little of each (cores and bytes).
pub fn task_amounts(request: Request) -> Request {
    Request {
        cpus: request.cpus.max(MIN_TASK_CPUS),
        mem: request.mem.max(MIN_TASK_MEM_MB * 1024.0 * 1024.0),
    }
}

/// The resources of a pod's task, as [`task_amounts`] gives them.
pub fn task_request(request: Request) -> ResourceRequest {
    let amounts = task_amounts(request);
    ResourceRequest::new()
        .cpus(amounts.cpus)
        .mem(amounts.mem / (1024.0 * 1024.0))
}

/// The names of the ConfigMaps and Secrets a pod references (env, envFrom, volumes).
pub fn references(spec: &PodSpec) -> (Vec<String>, Vec<String>) {
    let mut config_maps = Vec::new();
    let mut secrets = Vec::new();
    for container in spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
    {
        for from in container.env_from.iter().flatten() {
            if let Some(cm) = &from.config_map_ref {
                config_maps.push(cm.name.clone());
            }
            if let Some(s) = &from.secret_ref {
                secrets.push(s.name.clone());
            }
        }
        for var in container.env.iter().flatten() {
            if let Some(from) = &var.value_from {
                if let Some(cm) = &from.config_map_key_ref {
                    config_maps.push(cm.name.clone());
                }
                if let Some(s) = &from.secret_key_ref {
                    secrets.push(s.name.clone());
                }
            }
        }
    }
    for volume in spec.volumes.iter().flatten() {
        if let Some(cm) = &volume.config_map {
            config_maps.push(cm.name.clone());
        }
        if let Some(s) = &volume.secret {
            if let Some(name) = &s.secret_name {
                secrets.push(name.clone());
            }
        }
    }
    config_maps.sort();
    config_maps.dedup();
    secrets.sort();
    secrets.dedup();
    (config_maps, secrets)
}

/// Reads what the pod references; missing objects are left out (the executor fails the
/// container with the kubelet's `CreateContainerConfigError` unless the reference is
/// optional).
pub async fn resolve(
    client: &kube::Client,
    namespace: &str,
    spec: &PodSpec,
) -> Result<
    (
        BTreeMap<String, BTreeMap<String, String>>,
        BTreeMap<String, BTreeMap<String, String>>,
    ),
    kube::Error,
> {
    let (config_map_names, secret_names) = references(spec);
    let mut config_maps = BTreeMap::new();
    let cm_api: Api<ConfigMap> = Api::namespaced(client.clone(), namespace);
    for name in config_map_names {
        if let Some(cm) = cm_api.get_opt(&name).await? {
            let mut data = cm.data.unwrap_or_default();
            for (key, bytes) in cm.binary_data.unwrap_or_default() {
                data.insert(key, String::from_utf8_lossy(&bytes.0).into_owned());
            }
            config_maps.insert(name, data);
        }
    }
    let mut secrets = BTreeMap::new();
    if !secret_names.is_empty() {
        let secret_api: Api<Secret> = Api::namespaced(client.clone(), namespace);
        for name in secret_names {
            if let Some(secret) = secret_api.get_opt(&name).await? {
                let mut data: BTreeMap<String, String> = secret.string_data.unwrap_or_default();
                for (key, bytes) in secret.data.unwrap_or_default() {
                    data.insert(key, String::from_utf8_lossy(&bytes.0).into_owned());
                }
                secrets.insert(name, data);
            }
        }
    }
    Ok((config_maps, secrets))
}

/// The task of `pod` on the agent behind `node`, with `resources` carved from its offers.
pub fn task_info(
    pod: &Pod,
    task: PodTask,
    agent: &mesos_sdk::v1::AgentId,
    executor: &ExecutorInfo,
    resources: Vec<mesos_sdk::v1::Resource>,
) -> TaskInfo {
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let namespace = pod
        .metadata
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into());
    let name = pod.metadata.name.clone().unwrap_or_default();
    let grace = pod
        .spec
        .as_ref()
        .and_then(|s| s.termination_grace_period_seconds)
        .unwrap_or(30)
        .max(0);
    TaskInfo {
        name: format!("{namespace}/{name}"),
        task_id: task_id(&uid),
        agent_id: agent.clone(),
        resources,
        executor: Some(executor.clone()),
        data: Some(task.to_data().into()),
        kill_policy: Some(KillPolicy {
            grace_period: Some(DurationInfo {
                nanoseconds: grace.saturating_mul(1_000_000_000),
            }),
        }),
        labels: Some(Labels {
            labels: vec![
                Label {
                    key: "k8s.io/namespace".into(),
                    value: Some(namespace),
                },
                Label {
                    key: "k8s.io/pod".into(),
                    value: Some(name),
                },
            ],
        }),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mesos_sdk::resources::Resources;

    #[test]
    fn task_ids_come_from_pod_uids_and_executor_ids_from_their_configuration() {
        let id = task_id("1234-abcd");
        assert_eq!(id.value, "pod.1234-abcd");
        assert_eq!(pod_uid(&id), Some("1234-abcd"));
        assert_eq!(
            pod_uid(&TaskId {
                value: "other".into()
            }),
            None
        );
        let framework = FrameworkId { value: "f".into() };
        let a = ExecutorSpec {
            path: "/usr/bin/k8sm".into(),
            uri: None,
            environment: Vec::new(),
        };
        let b = ExecutorSpec {
            path: "/opt/k8sm".into(),
            uri: None,
            environment: Vec::new(),
        };
        assert_eq!(
            a.info(&framework, "*").executor_id,
            a.clone().info(&framework, "*").executor_id
        );
        assert_ne!(
            a.info(&framework, "*").executor_id,
            b.info(&framework, "*").executor_id
        );
        // The log port is the agent's, not the executor's identity.
        let on_port = a.info_on_port(&framework, "*", Some(31005));
        assert_eq!(on_port.executor_id, a.info(&framework, "*").executor_id);
        let ports = Resources::try_from(&on_port.resources)
            .expect("resources")
            .ports();
        assert_eq!(ports.to_string(), "[31005-31005]");
        let env = on_port
            .command
            .and_then(|c| c.environment)
            .expect("environment");
        assert_eq!(env.variables[0].name, KUBELET_PORT_ENV);
        assert_eq!(env.variables[0].value.as_deref(), Some("31005"));
        assert_eq!(
            on_port.resources[2].allocation_info,
            Some(AllocationInfo {
                role: Some("*".into())
            })
        );
        assert_eq!(
            a.info_on_port(&framework, "*", Some(31005)),
            a.info_on_port(&framework, "*", Some(31005)),
            "the same every time"
        );
    }
}
