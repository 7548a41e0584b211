//! How a pod becomes a Mesos task group in `task-group` mode (`--launch-mode task-group`):
//! one LAUNCH_GROUP per pod under Mesos' default executor, one task per container. This is
//! how `kubectl run nginx --image=nginx` runs on a real cluster: the agent's Mesos
//! containerizer pulls the image.
//!
//! Per container:
//! - `ContainerInfo` of type MESOS with the container's image as a DOCKER image;
//! - the command as `CommandInfo` without a shell: `command` (the image's entrypoint
//!   replaced) then `args`; with `args` alone, the image's entrypoint runs with them as its
//!   arguments; `$(VAR)` references expanded as the kubelet expands them;
//! - the environment, with ConfigMap and Secret references already resolved by the scheduler
//!   (the default executor reads nothing from Kubernetes);
//! - its own resources: its requests (limits where it has none), at least a minimum;
//! - the liveness probe as a Mesos health check (a task whose health check fails
//!   `failureThreshold` times in a row is killed, and the default executor then kills the
//!   group), the readiness probe as a Mesos check whose result makes the container Ready;
//! - the pod's `terminationGracePeriodSeconds` as its `KillPolicy`.
//!
//! What Mesos' default executor cannot do, and therefore this mode does not: restarts (a
//! container that ends ends its task, and a failed or killed task takes its group down, so
//! `restartPolicy` has no effect), init containers (the tasks of a group start together; a
//! pod with init containers is refused with a clear reason), startup probes (ignored; the
//! liveness probe's initial delay is what Mesos has), and probe success thresholds above
//! one and HTTP probe headers (not representable in a Mesos check).
//!
//! The pod's status comes from its tasks' statuses ([`pod_status`]).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Container, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, Pod, PodCondition, PodIP, PodStatus, Probe,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use mesos_sdk::offers::{ResourceRequest, find_fit_in};
use mesos_sdk::resources::{Resources, Scalar, scalar_resource};
use mesos_sdk::v1::resource::AllocationInfo;
use mesos_sdk::v1::{
    AgentId, CheckInfo, CheckStatusInfo, CommandInfo, ContainerInfo, DurationInfo, Environment,
    ExecutorId, ExecutorInfo, FrameworkId, HealthCheck, Image, KillPolicy, Label, Labels,
    TaskGroupInfo, TaskId, TaskInfo, TaskState, TaskStatus, check_info, container_info,
    environment, executor_info, health_check, image, task_status,
};

use super::fit::{self, Request};
use super::launch::{EXECUTOR_CPUS, EXECUTOR_MEM_MB, TASK_PREFIX, task_amounts};
use crate::executor::{ConfigError, argv, environment as container_environment, expand};
use crate::pod_task::PodTask;

/// The task id of a pod's container: `pod.<uid>.<container>` (container names are DNS
/// labels, without dots, so the pod's uid is what lies between the first two dots).
pub fn container_task_id(uid: &str, container: &str) -> TaskId {
    TaskId {
        value: format!("{TASK_PREFIX}{uid}.{container}"),
    }
}

/// The container a task id of this mode names, if it is one.
pub fn container_name(task: &TaskId) -> Option<&str> {
    task.value
        .strip_prefix(TASK_PREFIX)
        .and_then(|rest| rest.split_once('.'))
        .map(|(_, container)| container)
}

/// The disk the default executor of a group takes, in MB: Mesos refuses a group executor
/// without disk (`mesos: src/master/validation.cpp` `validateExecutor`, "uses no disk").
pub const GROUP_EXECUTOR_DISK_MB: f64 = 10.0;

/// What the default executor of a group takes from the agent's offers.
pub fn executor_request() -> ResourceRequest {
    ResourceRequest::new()
        .cpus(EXECUTOR_CPUS)
        .mem(EXECUTOR_MEM_MB)
        .disk(GROUP_EXECUTOR_DISK_MB)
}

/// The default executor of a pod's group: its id is the pod's (`pod.<uid>`); its resources
/// (the executor's share with [`GROUP_EXECUTOR_DISK_MB`] of disk) are set by the caller
/// from what it took of the offers.
pub fn executor_info(uid: &str, framework: &FrameworkId, role: &str) -> ExecutorInfo {
    ExecutorInfo {
        r#type: Some(executor_info::Type::Default as i32),
        executor_id: ExecutorId {
            value: format!("{TASK_PREFIX}{uid}"),
        },
        framework_id: Some(framework.clone()),
        resources: [
            ("cpus", EXECUTOR_CPUS),
            ("mem", EXECUTOR_MEM_MB),
            ("disk", GROUP_EXECUTOR_DISK_MB),
        ]
        .into_iter()
        .map(|(name, amount)| {
            let mut resource = scalar_resource(name, Scalar::saturating_from_f64(amount));
            resource.allocation_info = Some(AllocationInfo {
                role: Some(role.to_string()),
            });
            resource
        })
        .collect(),
        ..Default::default()
    }
}

/// What the whole group takes from an agent: every container's task (at least the task
/// minimum each) and the default executor.
pub fn group_amounts(spec: &k8s_openapi::api::core::v1::PodSpec) -> Request {
    let mut total = Request {
        cpus: EXECUTOR_CPUS,
        mem: EXECUTOR_MEM_MB * 1024.0 * 1024.0,
    };
    for container in &spec.containers {
        let amounts = task_amounts(fit::container_requests(container));
        total.cpus += amounts.cpus;
        total.mem += amounts.mem;
    }
    total
}

/// Why a pod cannot run as a task group, before anything is launched.
pub fn unsupported(pod: &Pod) -> Option<String> {
    let spec = pod.spec.as_ref()?;
    if spec.init_containers.as_ref().is_some_and(|c| !c.is_empty()) {
        return Some(
            "k8sm's task-group launch mode cannot run init containers: the tasks of a Mesos \
             task group start together"
                .into(),
        );
    }
    if let Some(container) = spec.containers.iter().find(|c| c.name.contains('.')) {
        return Some(format!(
            "container name {:?} cannot be part of a Mesos task id",
            container.name
        ));
    }
    None
}

/// The task group of a pod, its resources carved from `carved` (what the scheduler took
/// from the agent's offers for the group: [`group_amounts`] and the host ports), the
/// executor's share already left out.
pub fn group_info(
    task: &PodTask,
    agent: &AgentId,
    carved: &Resources,
) -> Result<TaskGroupInfo, ConfigError> {
    let pod = &task.pod;
    let spec = pod.spec.clone().unwrap_or_default();
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let namespace = pod
        .metadata
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into());
    let name = pod.metadata.name.clone().unwrap_or_default();
    let grace = spec.termination_grace_period_seconds.unwrap_or(30).max(0);
    let mut remaining = carved.clone();
    let mut tasks = Vec::with_capacity(spec.containers.len());
    for (index, container) in spec.containers.iter().enumerate() {
        let amounts = task_amounts(fit::container_requests(container));
        let mut request = ResourceRequest::new()
            .cpus(amounts.cpus)
            .mem(amounts.mem / (1024.0 * 1024.0));
        for port in container
            .ports
            .iter()
            .flatten()
            .filter_map(|p| p.host_port)
            .filter_map(|p| u16::try_from(p).ok())
            .filter(|p| *p != 0)
        {
            request = request.port(u64::from(port));
        }
        // The last container takes whatever rounding left over, so nothing carved is lost.
        let resources = if index + 1 == spec.containers.len() {
            remaining.clone()
        } else {
            find_fit_in(&remaining, &request).ok_or_else(|| ConfigError {
                reason: "OutOfResources",
                message: format!(
                    "the resources taken for the pod do not cover container {}",
                    container.name
                ),
            })?
        };
        remaining = remaining.saturating_sub(&resources);
        let vars = container_environment(task, container)?;
        tasks.push(TaskInfo {
            name: format!("{namespace}/{name}/{}", container.name),
            task_id: container_task_id(&uid, &container.name),
            agent_id: agent.clone(),
            resources: resources.into_vec(),
            command: Some(command(container, &vars)?),
            container: Some(container_info(container)),
            health_check: container
                .liveness_probe
                .as_ref()
                .map(|p| health_check(p, container, &vars))
                .transpose()?,
            check: container
                .readiness_probe
                .as_ref()
                .map(|p| check(p, container, &vars))
                .transpose()?,
            kill_policy: Some(KillPolicy {
                grace_period: Some(DurationInfo {
                    nanoseconds: grace.saturating_mul(1_000_000_000),
                }),
            }),
            labels: Some(Labels {
                labels: vec![
                    Label {
                        key: "k8s.io/namespace".into(),
                        value: Some(namespace.clone()),
                    },
                    Label {
                        key: "k8s.io/pod".into(),
                        value: Some(name.clone()),
                    },
                    Label {
                        key: "k8s.io/container".into(),
                        value: Some(container.name.clone()),
                    },
                ],
            }),
            ..Default::default()
        });
    }
    Ok(TaskGroupInfo { tasks })
}

/// The container's command, with its environment.
fn command(
    container: &Container,
    vars: &BTreeMap<String, String>,
) -> Result<CommandInfo, ConfigError> {
    let environment = Environment {
        variables: vars
            .iter()
            .map(|(name, value)| environment::Variable {
                name: name.clone(),
                r#type: Some(environment::variable::Type::Value as i32),
                value: Some(value.clone()),
                secret: None,
            })
            .collect(),
    };
    let has_command = container.command.as_ref().is_some_and(|c| !c.is_empty());
    let (value, arguments) = if has_command {
        let argv = argv(container, vars)?;
        (argv.first().cloned(), argv)
    } else {
        // The image's entrypoint, with `args` as its arguments.
        let args = container
            .args
            .iter()
            .flatten()
            .map(|a| expand(a, vars))
            .collect();
        (None, args)
    };
    Ok(CommandInfo {
        shell: Some(false),
        value,
        arguments,
        environment: Some(environment),
        ..Default::default()
    })
}

/// A MESOS container with the container's image as a DOCKER image.
fn container_info(container: &Container) -> ContainerInfo {
    ContainerInfo {
        r#type: container_info::Type::Mesos as i32,
        mesos: container
            .image
            .as_ref()
            .map(|name| container_info::MesosInfo {
                image: Some(Image {
                    r#type: image::Type::Docker as i32,
                    docker: Some(image::Docker {
                        name: name.clone(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
            }),
        ..Default::default()
    }
}

/// A probe's port: a number, or the name of one of the container's ports.
fn probe_port(port: &IntOrString, container: &Container) -> Result<u32, ConfigError> {
    let number = match port {
        IntOrString::Int(n) => Some(*n),
        IntOrString::String(name) => container
            .ports
            .iter()
            .flatten()
            .find(|p| p.name.as_deref() == Some(name.as_str()))
            .map(|p| p.container_port)
            .or_else(|| name.parse().ok()),
    };
    number
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| *n != 0)
        .map(u32::from)
        .ok_or_else(|| ConfigError {
            reason: "CreateContainerConfigError",
            message: format!(
                "container {}: probe port {port:?} is not a port of the container",
                container.name
            ),
        })
}

fn seconds(value: Option<i32>, default: i32) -> f64 {
    f64::from(value.unwrap_or(default).max(0))
}

/// What a probe runs, as a Mesos command without a shell.
fn probe_command(argv: &[String], vars: &BTreeMap<String, String>) -> CommandInfo {
    let argv: Vec<String> = argv.iter().map(|a| expand(a, vars)).collect();
    CommandInfo {
        shell: Some(false),
        value: argv.first().cloned(),
        arguments: argv,
        ..Default::default()
    }
}

/// A liveness probe as a Mesos health check: first attempt after `initialDelaySeconds`, one
/// per `periodSeconds`, each within `timeoutSeconds`, killed after `failureThreshold`
/// failures in a row; no grace period beyond the initial delay, as the kubelet counts every
/// failure after it (`kubernetes: pkg/kubelet/prober/worker.go`).
fn health_check(
    probe: &Probe,
    container: &Container,
    vars: &BTreeMap<String, String>,
) -> Result<HealthCheck, ConfigError> {
    let mut check = HealthCheck {
        delay_seconds: Some(seconds(probe.initial_delay_seconds, 0)),
        interval_seconds: Some(seconds(probe.period_seconds, 10).max(1.0)),
        timeout_seconds: Some(seconds(probe.timeout_seconds, 1).max(1.0)),
        consecutive_failures: Some(
            u32::try_from(probe.failure_threshold.unwrap_or(3).max(1)).unwrap_or(3),
        ),
        grace_period_seconds: Some(0.0),
        ..Default::default()
    };
    if let Some(exec) = &probe.exec {
        check.r#type = Some(health_check::Type::Command as i32);
        check.command = Some(probe_command(
            exec.command.as_deref().unwrap_or_default(),
            vars,
        ));
    } else if let Some(http) = &probe.http_get {
        check.r#type = Some(health_check::Type::Http as i32);
        check.http = Some(health_check::HttpCheckInfo {
            scheme: Some(
                http.scheme
                    .as_deref()
                    .unwrap_or("HTTP")
                    .to_ascii_lowercase(),
            ),
            port: probe_port(&http.port, container)?,
            path: Some(http.path.clone().unwrap_or_else(|| "/".into())),
            ..Default::default()
        });
    } else if let Some(tcp) = &probe.tcp_socket {
        check.r#type = Some(health_check::Type::Tcp as i32);
        check.tcp = Some(health_check::TcpCheckInfo {
            port: probe_port(&tcp.port, container)?,
            ..Default::default()
        });
    } else {
        return Err(unsupported_probe(container, "liveness"));
    }
    Ok(check)
}

/// A readiness probe as a Mesos check, whose result makes the container Ready.
fn check(
    probe: &Probe,
    container: &Container,
    vars: &BTreeMap<String, String>,
) -> Result<CheckInfo, ConfigError> {
    let mut check = CheckInfo {
        delay_seconds: Some(seconds(probe.initial_delay_seconds, 0)),
        interval_seconds: Some(seconds(probe.period_seconds, 10).max(1.0)),
        timeout_seconds: Some(seconds(probe.timeout_seconds, 1).max(1.0)),
        ..Default::default()
    };
    if let Some(exec) = &probe.exec {
        check.r#type = Some(check_info::Type::Command as i32);
        check.command = Some(check_info::Command {
            command: probe_command(exec.command.as_deref().unwrap_or_default(), vars),
        });
    } else if let Some(http) = &probe.http_get {
        check.r#type = Some(check_info::Type::Http as i32);
        check.http = Some(check_info::Http {
            port: probe_port(&http.port, container)?,
            path: Some(http.path.clone().unwrap_or_else(|| "/".into())),
        });
    } else if let Some(tcp) = &probe.tcp_socket {
        check.r#type = Some(check_info::Type::Tcp as i32);
        check.tcp = Some(check_info::Tcp {
            port: probe_port(&tcp.port, container)?,
        });
    } else {
        return Err(unsupported_probe(container, "readiness"));
    }
    Ok(check)
}

fn unsupported_probe(container: &Container, which: &str) -> ConfigError {
    ConfigError {
        reason: "CreateContainerConfigError",
        message: format!(
            "container {}: the {which} probe has no exec, httpGet or tcpSocket handler that a \
             Mesos check can run",
            container.name
        ),
    }
}

/// Whether a check's last result passed: exit code 0, an HTTP status 200..399, or a TCP
/// connection made. A check that has no result yet has not passed.
pub fn check_passed(status: &CheckStatusInfo) -> bool {
    status.command.and_then(|c| c.exit_code) == Some(0)
        || status
            .http
            .and_then(|h| h.status_code)
            .is_some_and(|c| (200..400).contains(&c))
        || status.tcp.and_then(|t| t.succeeded) == Some(true)
}

/// The exit code a terminal status stands for: the default executor's message says
/// `Command exited with status N` or `Command terminated with signal S`.
fn exit_code(status: &TaskStatus) -> i32 {
    let message = status.message.as_deref().unwrap_or_default();
    if let Some(code) = message
        .split("exited with status ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
    {
        return code;
    }
    match status.state() {
        TaskState::TaskFinished => 0,
        // The kubelet's 128 + signal for the usual kill signals.
        _ if message.contains("signal Killed") => 137,
        _ if message.contains("signal Terminated") => 143,
        TaskState::TaskKilled => 137,
        _ => 1,
    }
}

fn time_of(status: &TaskStatus) -> Option<Time> {
    let seconds = status.timestamp?;
    if !seconds.is_finite() || seconds < 0.0 {
        return None;
    }
    let whole = seconds.trunc() as i64;
    let nanos = ((seconds - seconds.trunc()) * 1e9) as i64;
    k8s_openapi::jiff::Timestamp::new(whole, nanos as i32)
        .ok()
        .map(Time)
}

/// The pod's status from its tasks' latest statuses (by container name) and, per
/// container, when its task first ran. A container without a status yet is
/// `ContainerCreating`; the pod is Pending until every container ran, Running while one
/// runs, then Succeeded when every task finished, Failed otherwise.
pub fn pod_status(
    pod: &Pod,
    host_ip: &str,
    statuses: &BTreeMap<String, TaskStatus>,
    started: &BTreeMap<String, TaskStatus>,
) -> PodStatus {
    let spec = pod.spec.clone().unwrap_or_default();
    let mut container_statuses = Vec::new();
    let (mut running, mut terminal, mut succeeded) = (0, 0, 0);
    for container in &spec.containers {
        let status = statuses.get(&container.name);
        let state = status.map(|s| s.state());
        let started_at = started.get(&container.name).and_then(time_of);
        let (container_state, ready) = match (state, status) {
            (Some(TaskState::TaskRunning), Some(status)) => {
                running += 1;
                let ready = container.readiness_probe.is_none()
                    || status.check_status.as_ref().is_some_and(check_passed);
                (
                    ContainerState {
                        running: Some(ContainerStateRunning {
                            started_at: started_at.clone(),
                        }),
                        ..Default::default()
                    },
                    ready,
                )
            }
            (Some(s), Some(status)) if mesos_sdk::task_state::is_terminal(s) => {
                terminal += 1;
                let code = exit_code(status);
                if s == TaskState::TaskFinished {
                    succeeded += 1;
                }
                let reason = if status.reason() == task_status::Reason::ContainerLaunchFailed {
                    "ContainerCannotRun"
                } else if code == 0 {
                    "Completed"
                } else {
                    "Error"
                };
                (
                    ContainerState {
                        terminated: Some(ContainerStateTerminated {
                            exit_code: code,
                            reason: Some(reason.into()),
                            message: status.message.clone(),
                            started_at: started_at.clone(),
                            finished_at: time_of(status),
                            ..Default::default()
                        }),
                        ..Default::default()
                    },
                    false,
                )
            }
            _ => (
                ContainerState {
                    waiting: Some(ContainerStateWaiting {
                        reason: Some("ContainerCreating".into()),
                        message: None,
                    }),
                    ..Default::default()
                },
                false,
            ),
        };
        container_statuses.push(ContainerStatus {
            name: container.name.clone(),
            image: container.image.clone().unwrap_or_default(),
            image_id: String::new(),
            ready,
            restart_count: 0,
            started: Some(container_state.running.is_some()),
            state: Some(container_state),
            ..Default::default()
        });
    }
    let count = spec.containers.len();
    let phase = if count > 0 && terminal == count {
        if succeeded == count {
            "Succeeded"
        } else {
            "Failed"
        }
    } else if running > 0 || terminal > 0 {
        "Running"
    } else {
        "Pending"
    };
    let all_ready = count > 0 && container_statuses.iter().all(|c| c.ready);
    let condition = |kind: &str, ok: bool| PodCondition {
        type_: kind.into(),
        status: if ok { "True" } else { "False" }.into(),
        ..Default::default()
    };
    let start_time = started.values().filter_map(time_of).min_by_key(|t| t.0);
    PodStatus {
        phase: Some(phase.into()),
        conditions: Some(vec![
            condition("PodScheduled", true),
            condition("Initialized", true),
            condition("ContainersReady", all_ready),
            condition("Ready", all_ready),
        ]),
        container_statuses: Some(container_statuses),
        host_ip: Some(host_ip.to_string()),
        pod_ip: Some(host_ip.to_string()),
        pod_ips: Some(vec![PodIP {
            ip: host_ip.to_string(),
        }]),
        start_time,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(value: serde_json::Value) -> Pod {
        serde_json::from_value(value).expect("a pod")
    }

    fn two_containers() -> Pod {
        pod(serde_json::json!({
            "metadata": {"name": "duo", "namespace": "ns", "uid": "u-1"},
            "spec": {
                "terminationGracePeriodSeconds": 7,
                "containers": [
                    {"name": "web", "image": "nginx:1.27",
                     "ports": [{"name": "http", "containerPort": 8080, "hostPort": 31080}],
                     "resources": {"requests": {"cpu": "250m", "memory": "64Mi"}},
                     "env": [{"name": "MODE", "value": "fast"}],
                     "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"},
                                       "initialDelaySeconds": 2, "periodSeconds": 3,
                                       "failureThreshold": 4},
                     "readinessProbe": {"tcpSocket": {"port": 8080}}},
                    {"name": "side", "image": "busybox",
                     "command": ["sh", "-c"], "args": ["echo $(MODE) && sleep 3600"],
                     "env": [{"name": "MODE", "value": "slow"}],
                     "livenessProbe": {"exec": {"command": ["cat", "/tmp/ok"]}}}
                ]
            }
        }))
    }

    #[test]
    fn a_pod_becomes_one_task_per_container() {
        let pod = two_containers();
        let task = PodTask {
            pod: pod.clone(),
            node_name: "n".into(),
            host_ip: "10.0.0.1".into(),
            ..Default::default()
        };
        let amounts = group_amounts(pod.spec.as_ref().unwrap());
        assert!((amounts.cpus - (0.25 + 0.01 + EXECUTOR_CPUS)).abs() < 1e-9);
        let offered = Resources::parse("cpus:4;mem:4096;ports:[31000-32000]").unwrap();
        let want = ResourceRequest::new()
            .cpus(amounts.cpus - EXECUTOR_CPUS)
            .mem(amounts.mem / (1024.0 * 1024.0) - EXECUTOR_MEM_MB)
            .port(31080);
        let carved = find_fit_in(&offered, &want).expect("fits");
        let agent = AgentId { value: "a".into() };
        let group = group_info(&task, &agent, &carved).expect("a group");
        assert_eq!(group.tasks.len(), 2);
        let web = &group.tasks[0];
        assert_eq!(web.task_id.value, "pod.u-1.web");
        assert_eq!(container_name(&web.task_id), Some("web"));
        let web_resources = Resources::try_from(&web.resources).unwrap();
        assert!((web_resources.cpus().to_f64() - 0.25).abs() < 1e-9);
        assert!(web_resources.ports().contains(31080));
        let command = web.command.as_ref().unwrap();
        assert_eq!(command.value, None, "the image's entrypoint");
        assert_eq!(command.shell, Some(false));
        let image = web.container.as_ref().unwrap().mesos.as_ref().unwrap();
        assert_eq!(
            image.image.as_ref().unwrap().docker.as_ref().unwrap().name,
            "nginx:1.27"
        );
        let health = web.health_check.as_ref().unwrap();
        assert_eq!(health.r#type, Some(health_check::Type::Http as i32));
        assert_eq!(health.http.as_ref().unwrap().port, 8080, "named port");
        assert_eq!(health.delay_seconds, Some(2.0));
        assert_eq!(health.interval_seconds, Some(3.0));
        assert_eq!(health.consecutive_failures, Some(4));
        let check = web.check.as_ref().unwrap();
        assert_eq!(check.tcp.unwrap().port, 8080);
        assert_eq!(
            web.kill_policy.unwrap().grace_period.unwrap().nanoseconds,
            7_000_000_000
        );
        let side = &group.tasks[1];
        let command = side.command.as_ref().unwrap();
        assert_eq!(command.value.as_deref(), Some("sh"));
        assert_eq!(
            command.arguments,
            vec!["sh", "-c", "echo slow && sleep 3600"],
            "argv, expanded"
        );
        let env = command.environment.as_ref().unwrap();
        assert_eq!(env.variables[0].value.as_deref(), Some("slow"));
        assert_eq!(
            side.health_check
                .as_ref()
                .unwrap()
                .command
                .as_ref()
                .unwrap()
                .arguments,
            vec!["cat", "/tmp/ok"]
        );
        // Every carved resource is given to a task.
        let mut given = Resources::default();
        for task in &group.tasks {
            given.add(&Resources::try_from(&task.resources).unwrap());
        }
        assert_eq!(given, carved);
        let executor = executor_info("u-1", &FrameworkId { value: "f".into() }, "*");
        assert_eq!(executor.executor_id.value, "pod.u-1");
        assert_eq!(executor.r#type, Some(executor_info::Type::Default as i32));
    }

    #[test]
    fn unsupported_pods_and_bad_probe_ports_are_named() {
        let with_init = pod(serde_json::json!({
            "metadata": {"name": "p", "uid": "u"},
            "spec": {"initContainers": [{"name": "i", "image": "x"}],
                     "containers": [{"name": "c", "image": "x"}]}
        }));
        assert!(unsupported(&with_init).unwrap().contains("init containers"));
        let bad_port = pod(serde_json::json!({
            "metadata": {"name": "p", "uid": "u"},
            "spec": {"containers": [{"name": "c", "image": "x",
                "livenessProbe": {"tcpSocket": {"port": "nope"}}}]}
        }));
        let task = PodTask {
            pod: bad_port,
            ..Default::default()
        };
        let carved = Resources::parse("cpus:1;mem:128").unwrap();
        let error = group_info(&task, &AgentId { value: "a".into() }, &carved).unwrap_err();
        assert!(error.message.contains("probe port"), "{error:?}");
    }

    #[test]
    fn the_pod_status_follows_its_tasks() {
        let pod = two_containers();
        let at = |state: TaskState, seconds: f64| TaskStatus {
            state: state as i32,
            timestamp: Some(seconds),
            ..Default::default()
        };
        let mut statuses = BTreeMap::new();
        let mut started = BTreeMap::new();
        let status = pod_status(&pod, "10.0.0.1", &statuses, &started);
        assert_eq!(status.phase.as_deref(), Some("Pending"));
        let mut web = at(TaskState::TaskRunning, 100.0);
        web.check_status = Some(CheckStatusInfo {
            r#type: Some(check_info::Type::Tcp as i32),
            tcp: Some(mesos_sdk::v1::check_status_info::Tcp {
                succeeded: Some(true),
            }),
            ..Default::default()
        });
        statuses.insert("web".to_string(), web.clone());
        started.insert("web".to_string(), web);
        let side = at(TaskState::TaskRunning, 101.0);
        statuses.insert("side".to_string(), side.clone());
        started.insert("side".to_string(), side);
        let status = pod_status(&pod, "10.0.0.1", &statuses, &started);
        assert_eq!(status.phase.as_deref(), Some("Running"));
        let ready = status.conditions.as_ref().unwrap()[3].clone();
        assert_eq!(
            (ready.type_.as_str(), ready.status.as_str()),
            ("Ready", "True")
        );
        assert_eq!(status.start_time.unwrap().0.as_second(), 100);
        let mut failed = at(TaskState::TaskFailed, 105.0);
        failed.message = Some("Command exited with status 3".into());
        statuses.insert("side".to_string(), failed);
        let mut killed = at(TaskState::TaskKilled, 106.0);
        killed.message = Some("Command terminated with signal Killed".into());
        statuses.insert("web".to_string(), killed);
        let status = pod_status(&pod, "10.0.0.1", &statuses, &started);
        assert_eq!(status.phase.as_deref(), Some("Failed"));
        let containers = status.container_statuses.unwrap();
        let side = containers[1]
            .state
            .as_ref()
            .unwrap()
            .terminated
            .as_ref()
            .unwrap();
        assert_eq!((side.exit_code, side.reason.as_deref()), (3, Some("Error")));
        let web = containers[0]
            .state
            .as_ref()
            .unwrap()
            .terminated
            .as_ref()
            .unwrap();
        assert_eq!(web.exit_code, 137);
    }
}
