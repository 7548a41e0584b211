//! The contract between the k8sm scheduler and the k8sm executor, the one door between the
//! two rooms: what a pod's Mesos task carries in `TaskInfo.data` ([`PodTask`]: the pod, with
//! every ConfigMap and Secret it references already read, because the executor holds no
//! Kubernetes credentials), what the executor reports in `TaskStatus.data` (the pod's
//! `PodStatus`, as JSON), and the framework messages between the two ([`FrameworkMessage`]).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Pod, PodStatus};
use serde::{Deserialize, Serialize};

/// The largest `TaskInfo.data` the executor accepts, so a hostile or broken task cannot make
/// it allocate without bound (Kubernetes objects are at most 1.5 MiB; ConfigMaps and Secrets
/// at most 1 MiB each).
pub const MAX_POD_TASK_BYTES: usize = 16 * 1024 * 1024;

/// The variable of the executor's environment (`ExecutorInfo.command.environment`) with the
/// port of its log endpoint, the kubelet's port: the scheduler takes it from the agent's
/// offered ports for the executor and publishes it on the agent's Node as
/// `status.daemonEndpoints.kubeletEndpoint.Port`. Without it the executor serves no logs.
pub const KUBELET_PORT_ENV: &str = "K8SM_KUBELET_PORT";

/// Everything the executor needs to run one pod.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PodTask {
    /// The pod as the API server holds it.
    pub pod: Pod,
    /// The Node the pod is bound to (the agent's Node name).
    pub node_name: String,
    /// The agent's IP address: the pod's `hostIP`, and its `podIP` (pods share the agent's
    /// network in executor mode).
    pub host_ip: String,
    /// The data of every ConfigMap the pod references, by name (missing ones are absent).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config_maps: BTreeMap<String, BTreeMap<String, String>>,
    /// The data of every Secret the pod references, by name, decoded (missing ones are
    /// absent).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub secrets: BTreeMap<String, BTreeMap<String, String>>,
}

/// Why a task's data is not a pod the executor can run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PodTaskError {
    /// The data is larger than [`MAX_POD_TASK_BYTES`].
    #[error("the task's data is {size} bytes, more than the {MAX_POD_TASK_BYTES} allowed")]
    TooLarge {
        /// Its size.
        size: usize,
    },
    /// The data is not a pod task in JSON.
    #[error("the task's data is not a k8sm pod task: {source}")]
    Malformed {
        /// What the JSON parser said, with the position.
        #[source]
        source: serde_json::Error,
    },
}

impl PodTask {
    /// The task's data: this pod task as JSON.
    pub fn to_data(&self) -> Vec<u8> {
        // A Pod and maps of strings always serialize.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads a task's data.
    pub fn from_data(data: &[u8]) -> Result<PodTask, PodTaskError> {
        if data.len() > MAX_POD_TASK_BYTES {
            return Err(PodTaskError::TooLarge { size: data.len() });
        }
        serde_json::from_slice(data).map_err(|source| PodTaskError::Malformed { source })
    }
}

/// A status update's data: the pod's status as JSON.
pub fn status_to_data(status: &PodStatus) -> Vec<u8> {
    serde_json::to_vec(status).unwrap_or_default()
}

/// The key under which a status update's data carries [`ProbeFailure`]s, next to the
/// `PodStatus` fields (a reader of the `PodStatus` alone ignores it).
pub const PROBE_FAILURES_KEY: &str = "k8smProbeFailures";

/// How often a probe of a container has failed, and how it failed last: what the scheduler
/// turns into the kubelet's `Unhealthy` events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeFailure {
    /// The container's name.
    pub container: String,
    /// `Startup`, `Liveness` or `Readiness`.
    pub probe: String,
    /// Failed attempts so far, in all the container's runs.
    pub count: u64,
    /// What the last failed attempt said.
    pub message: String,
}

/// [`status_to_data`] with the probe failures so far.
pub fn status_to_data_with(status: &PodStatus, failures: &[ProbeFailure]) -> Vec<u8> {
    let mut value = serde_json::to_value(status).unwrap_or_default();
    if !failures.is_empty()
        && let Some(object) = value.as_object_mut()
    {
        object.insert(
            PROBE_FAILURES_KEY.into(),
            serde_json::to_value(failures).unwrap_or_default(),
        );
    }
    serde_json::to_vec(&value).unwrap_or_default()
}

/// The probe failures in a status update's data; none when there are none or they are not
/// readable.
pub fn probe_failures_from_data(data: &[u8]) -> Vec<ProbeFailure> {
    #[derive(Deserialize)]
    struct Carrier {
        #[serde(rename = "k8smProbeFailures", default)]
        failures: Vec<ProbeFailure>,
    }
    if data.is_empty() || data.len() > MAX_POD_TASK_BYTES {
        return Vec::new();
    }
    serde_json::from_slice::<Carrier>(data)
        .map(|c| c.failures)
        .unwrap_or_default()
}

/// Reads a status update's data; `None` when there is none or it is not a `PodStatus`.
pub fn status_from_data(data: &[u8]) -> Option<PodStatus> {
    if data.is_empty() || data.len() > MAX_POD_TASK_BYTES {
        return None;
    }
    serde_json::from_slice(data).ok()
}

/// The largest framework message either side reads.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// A framework MESSAGE between the scheduler and an executor, as JSON.
///
/// A Mesos agent that restarts recovers its executors in a REGISTERING state until they
/// subscribe again, and a KILL that reaches it meanwhile is answered by the agent itself with
/// TASK_KILLED (`REASON_TASK_KILLED_DURING_LAUNCH`) without telling the executor, whose pod
/// runs on (`mesos: src/slave/slave.cpp` `Slave::kill`). The scheduler then asks the executor
/// directly with [`FrameworkMessage::Kill`], again until the executor answers
/// [`FrameworkMessage::Gone`]: the agent drops framework messages for an executor that is not
/// subscribed, and the executor's own TASK_KILLED goes nowhere once the task is terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FrameworkMessage {
    /// Scheduler to executor: stop the pod of `task` with this grace period.
    Kill {
        /// The task id (`pod.<uid>`).
        task: String,
        /// The grace period, in seconds.
        #[serde(rename = "gracePeriodSeconds")]
        grace_period_seconds: u64,
    },
    /// Executor to scheduler: no process of the pod of `task` runs there any more (or none
    /// ever did).
    Gone {
        /// The task id.
        task: String,
    },
}

impl FrameworkMessage {
    /// The message's data.
    pub fn to_data(&self) -> Vec<u8> {
        // An enum of strings and integers always serializes.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads a message's data; `None` (logged by the caller) when it is not one.
    pub fn from_data(data: &[u8]) -> Option<FrameworkMessage> {
        if data.len() > MAX_MESSAGE_BYTES {
            return None;
        }
        serde_json::from_slice(data).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_messages_round_trip_and_junk_is_none() {
        for message in [
            FrameworkMessage::Kill {
                task: "pod.1".into(),
                grace_period_seconds: 30,
            },
            FrameworkMessage::Gone {
                task: "pod.1".into(),
            },
        ] {
            assert_eq!(
                FrameworkMessage::from_data(&message.to_data()),
                Some(message)
            );
        }
        assert_eq!(
            String::from_utf8(
                FrameworkMessage::Kill {
                    task: "pod.1".into(),
                    grace_period_seconds: 5
                }
                .to_data()
            )
            .unwrap(),
            r#"{"kill":{"task":"pod.1","gracePeriodSeconds":5}}"#
        );
        assert_eq!(FrameworkMessage::from_data(b"{\"kill\":3}"), None);
        assert_eq!(
            FrameworkMessage::from_data(&vec![b' '; MAX_MESSAGE_BYTES + 1]),
            None
        );
    }

    #[test]
    fn a_pod_task_round_trips_and_bad_data_is_named() {
        let mut task = PodTask {
            node_name: "agent-1".into(),
            host_ip: "127.0.0.1".into(),
            ..Default::default()
        };
        task.pod.metadata.name = Some("web".into());
        task.config_maps.insert(
            "settings".into(),
            BTreeMap::from([("mode".to_string(), "fast".to_string())]),
        );
        let data = task.to_data();
        assert_eq!(PodTask::from_data(&data).expect("valid"), task);
        let error = PodTask::from_data(b"{\"pod\": 3}").expect_err("not a pod");
        assert!(error.to_string().contains("line 1"), "{error}");
        let huge = vec![b' '; MAX_POD_TASK_BYTES + 1];
        assert!(matches!(
            PodTask::from_data(&huge),
            Err(PodTaskError::TooLarge { .. })
        ));
    }
}
