//! Builders for what every framework writes: tasks ([`TaskBuilder`]), executors
//! ([`ExecutorBuilder`]), task groups ([`task_group`]) and health checks
//! ([`HealthCheckBuilder`]). Durations are [`Duration`]s; the wire's seconds and nanoseconds
//! are the builders' business.
//!
//! ```
//! use std::time::Duration;
//! use mesos_sdk::builders::{HealthCheckBuilder, TaskBuilder};
//! use mesos_sdk::resources::Resources;
//! use mesos_sdk::v1::AgentId;
//!
//! let agent = AgentId { value: "agent-1".into() };
//! let task = TaskBuilder::new("web-1", &agent)
//!     .argv(["python3", "-m", "http.server", "8080"])
//!     .env("MODE", "production")
//!     .resources(Resources::parse("cpus:0.5;mem:128").unwrap())
//!     .label("app", "web")
//!     .health_check(
//!         HealthCheckBuilder::http(8080, "/")
//!             .interval(Duration::from_secs(5))
//!             .consecutive_failures(3)
//!             .build(),
//!     )
//!     .kill_grace_period(Duration::from_secs(10))
//!     .build();
//! assert_eq!(task.task_id.value, "web-1");
//! assert_eq!(task.command.unwrap().arguments[0], "python3");
//! ```

use std::time::Duration;

use bytes::Bytes;

use crate::resources::Resources;
use crate::v1::{
    AgentId, CommandInfo, ContainerInfo, DurationInfo, Environment, ExecutorId, ExecutorInfo,
    FrameworkId, HealthCheck, Image, KillPolicy, Label, Labels, TaskGroupInfo, TaskId, TaskInfo,
    container_info, environment, executor_info, health_check, image,
};

/// Nanoseconds of a duration for the wire, saturating at the largest `i64`.
fn duration_info(duration: Duration) -> DurationInfo {
    DurationInfo {
        nanoseconds: i64::try_from(duration.as_nanos()).unwrap_or(i64::MAX),
    }
}

fn variable(name: String, value: String) -> environment::Variable {
    environment::Variable {
        name,
        r#type: Some(environment::variable::Type::Value as i32),
        value: Some(value),
        secret: None,
    }
}

fn push_env(command: &mut CommandInfo, name: String, value: String) {
    command
        .environment
        .get_or_insert_with(Environment::default)
        .variables
        .push(variable(name, value));
}

/// A [`TaskInfo`], built step by step.
#[derive(Debug, Clone)]
pub struct TaskBuilder {
    task: TaskInfo,
}

impl TaskBuilder {
    /// A task with id `id` (also its name) on `agent`, with nothing to run yet.
    pub fn new(id: impl Into<String>, agent: &AgentId) -> TaskBuilder {
        let id = id.into();
        TaskBuilder {
            task: TaskInfo {
                name: id.clone(),
                task_id: TaskId { value: id },
                agent_id: agent.clone(),
                ..Default::default()
            },
        }
    }

    /// The task's name (its id by default).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.task.name = name.into();
        self
    }

    fn command_mut(&mut self) -> &mut CommandInfo {
        self.task.command.get_or_insert_with(CommandInfo::default)
    }

    /// Runs `command` through `sh -c`.
    pub fn shell(mut self, command: impl Into<String>) -> Self {
        let c = self.command_mut();
        c.shell = Some(true);
        c.value = Some(command.into());
        c.arguments.clear();
        self
    }

    /// Runs `argv` without a shell (`argv[0]` is the program, looked up in `PATH`).
    pub fn argv(mut self, argv: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let argv: Vec<String> = argv.into_iter().map(Into::into).collect();
        let c = self.command_mut();
        c.shell = Some(false);
        c.value = argv.first().cloned();
        c.arguments = argv;
        self
    }

    /// Sets an environment variable of the command.
    pub fn env(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        push_env(self.command_mut(), name.into(), value.into());
        self
    }

    /// Runs the task in a Mesos container from the Docker image `name` (with
    /// [`Self::argv`] or [`Self::shell`] replacing the image's entrypoint; with neither, the
    /// image's own entrypoint runs).
    pub fn image(mut self, name: impl Into<String>) -> Self {
        self.task.container = Some(ContainerInfo {
            r#type: container_info::Type::Mesos as i32,
            mesos: Some(container_info::MesosInfo {
                image: Some(Image {
                    r#type: image::Type::Docker as i32,
                    docker: Some(image::Docker {
                        name: name.into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
            }),
            ..Default::default()
        });
        if self.task.command.is_none() {
            // The image's entrypoint, without a shell.
            self.task.command = Some(CommandInfo {
                shell: Some(false),
                ..Default::default()
            });
        }
        self
    }

    /// The task's resources (from an offer: see `crate::offers::find_fit`).
    pub fn resources(mut self, resources: Resources) -> Self {
        self.task.resources = resources.into_vec();
        self
    }

    /// Adds a label.
    pub fn label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.task
            .labels
            .get_or_insert_with(Labels::default)
            .labels
            .push(Label {
                key: key.into(),
                value: Some(value.into()),
            });
        self
    }

    /// The health check the executor runs.
    pub fn health_check(mut self, check: HealthCheck) -> Self {
        self.task.health_check = Some(check);
        self
    }

    /// How long a KILL waits between the polite signal and the forceful one.
    pub fn kill_grace_period(mut self, grace: Duration) -> Self {
        self.task.kill_policy = Some(KillPolicy {
            grace_period: Some(duration_info(grace)),
        });
        self
    }

    /// Runs the task under a custom executor instead of the command executor.
    pub fn executor(mut self, executor: ExecutorInfo) -> Self {
        self.task.executor = Some(executor);
        self
    }

    /// Data for the executor (`TaskInfo.data`).
    pub fn data(mut self, data: impl Into<Bytes>) -> Self {
        self.task.data = Some(data.into());
        self
    }

    /// The task.
    pub fn build(self) -> TaskInfo {
        self.task
    }
}

/// An [`ExecutorInfo`], built step by step.
#[derive(Debug, Clone)]
pub struct ExecutorBuilder {
    executor: ExecutorInfo,
}

impl ExecutorBuilder {
    /// A custom executor with id `id`, started by running `argv` (`argv[0]` is the program).
    pub fn custom(
        id: impl Into<String>,
        argv: impl IntoIterator<Item = impl Into<String>>,
    ) -> ExecutorBuilder {
        let argv: Vec<String> = argv.into_iter().map(Into::into).collect();
        ExecutorBuilder {
            executor: ExecutorInfo {
                r#type: Some(executor_info::Type::Custom as i32),
                executor_id: ExecutorId { value: id.into() },
                command: Some(CommandInfo {
                    shell: Some(false),
                    value: argv.first().cloned(),
                    arguments: argv,
                    ..Default::default()
                }),
                ..Default::default()
            },
        }
    }

    /// Mesos' default executor with id `id`, for task groups (`crate::offers::launch_group`).
    /// Mesos requires it to have cpus, mem and disk.
    pub fn default_executor(id: impl Into<String>) -> ExecutorBuilder {
        ExecutorBuilder {
            executor: ExecutorInfo {
                r#type: Some(executor_info::Type::Default as i32),
                executor_id: ExecutorId { value: id.into() },
                ..Default::default()
            },
        }
    }

    /// The framework it belongs to (Mesos requires it for task groups' executors).
    pub fn framework(mut self, framework_id: FrameworkId) -> Self {
        self.executor.framework_id = Some(framework_id);
        self
    }

    /// Its name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.executor.name = Some(name.into());
        self
    }

    /// Its own resources, taken from the offer besides its tasks' while it does not run yet.
    pub fn resources(mut self, resources: Resources) -> Self {
        self.executor.resources = resources.into_vec();
        self
    }

    /// Sets an environment variable of a custom executor's command.
    pub fn env(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        if let Some(command) = self.executor.command.as_mut() {
            push_env(command, name.into(), value.into());
        }
        self
    }

    /// A URI the agent's fetcher downloads into the sandbox before starting it.
    pub fn fetch(mut self, uri: impl Into<String>, executable: bool) -> Self {
        if let Some(command) = self.executor.command.as_mut() {
            command.uris.push(crate::v1::command_info::Uri {
                value: uri.into(),
                executable: Some(executable),
                ..Default::default()
            });
        }
        self
    }

    /// How long the agent waits for it to exit after a SHUTDOWN.
    pub fn shutdown_grace_period(mut self, grace: Duration) -> Self {
        self.executor.shutdown_grace_period = Some(duration_info(grace));
        self
    }

    /// The executor.
    pub fn build(self) -> ExecutorInfo {
        self.executor
    }
}

/// A task group: tasks that the default executor starts together.
pub fn task_group(tasks: impl IntoIterator<Item = TaskInfo>) -> TaskGroupInfo {
    TaskGroupInfo {
        tasks: tasks.into_iter().collect(),
    }
}

/// A [`HealthCheck`], built step by step (Mesos' defaults otherwise: first check after 15 s,
/// every 10 s, 20 s timeout, 3 failures in a row kill the task, failures ignored for the
/// first 10 s).
#[derive(Debug, Clone)]
pub struct HealthCheckBuilder {
    check: HealthCheck,
}

impl HealthCheckBuilder {
    /// An HTTP GET of `path` on `port` of the task's host; healthy on 200..399.
    pub fn http(port: u16, path: impl Into<String>) -> HealthCheckBuilder {
        HealthCheckBuilder {
            check: HealthCheck {
                r#type: Some(health_check::Type::Http as i32),
                http: Some(health_check::HttpCheckInfo {
                    port: u32::from(port),
                    path: Some(path.into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        }
    }

    /// A TCP connection to `port`; healthy when it connects.
    pub fn tcp(port: u16) -> HealthCheckBuilder {
        HealthCheckBuilder {
            check: HealthCheck {
                r#type: Some(health_check::Type::Tcp as i32),
                tcp: Some(health_check::TcpCheckInfo {
                    port: u32::from(port),
                    ..Default::default()
                }),
                ..Default::default()
            },
        }
    }

    /// A shell command; healthy when it exits 0.
    pub fn command(command: impl Into<String>) -> HealthCheckBuilder {
        HealthCheckBuilder {
            check: HealthCheck {
                r#type: Some(health_check::Type::Command as i32),
                command: Some(CommandInfo {
                    shell: Some(true),
                    value: Some(command.into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
        }
    }

    /// The wait before the first check.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.check.delay_seconds = Some(delay.as_secs_f64());
        self
    }

    /// The time between checks.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.check.interval_seconds = Some(interval.as_secs_f64());
        self
    }

    /// How long one check may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.check.timeout_seconds = Some(timeout.as_secs_f64());
        self
    }

    /// How many failures in a row kill the task.
    pub fn consecutive_failures(mut self, failures: u32) -> Self {
        self.check.consecutive_failures = Some(failures);
        self
    }

    /// How long after the task starts failures are ignored (until the first success).
    pub fn grace_period(mut self, grace: Duration) -> Self {
        self.check.grace_period_seconds = Some(grace.as_secs_f64());
        self
    }

    /// The health check.
    pub fn build(self) -> HealthCheck {
        self.check
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_and_executors_are_built_as_mesos_reads_them() {
        let agent = AgentId { value: "a".into() };
        let task = TaskBuilder::new("t", &agent)
            .shell("echo hi")
            .env("A", "1")
            .kill_grace_period(Duration::from_millis(1500))
            .build();
        let command = task.command.as_ref().unwrap();
        assert_eq!(command.shell, Some(true));
        assert_eq!(command.value.as_deref(), Some("echo hi"));
        assert_eq!(
            command.environment.as_ref().unwrap().variables[0]
                .value
                .as_deref(),
            Some("1")
        );
        assert_eq!(
            task.kill_policy.unwrap().grace_period.unwrap().nanoseconds,
            1_500_000_000
        );
        let from_image = TaskBuilder::new("n", &agent).image("nginx:1.27").build();
        let command = from_image.command.unwrap();
        assert_eq!((command.shell, command.value), (Some(false), None));
        assert_eq!(
            from_image
                .container
                .unwrap()
                .mesos
                .unwrap()
                .image
                .unwrap()
                .docker
                .unwrap()
                .name,
            "nginx:1.27"
        );
        // A duration beyond the wire's range saturates.
        let forever = TaskBuilder::new("f", &agent)
            .kill_grace_period(Duration::MAX)
            .build();
        assert_eq!(
            forever
                .kill_policy
                .unwrap()
                .grace_period
                .unwrap()
                .nanoseconds,
            i64::MAX
        );
        let executor = ExecutorBuilder::custom("e", ["/bin/my-executor", "--flag"])
            .framework(FrameworkId { value: "f".into() })
            .fetch("https://example.com/my-executor", true)
            .shutdown_grace_period(Duration::from_secs(5))
            .build();
        let command = executor.command.unwrap();
        assert_eq!(command.value.as_deref(), Some("/bin/my-executor"));
        assert_eq!(command.arguments, vec!["/bin/my-executor", "--flag"]);
        assert_eq!(command.uris[0].executable, Some(true));
        assert_eq!(
            executor.shutdown_grace_period.unwrap().nanoseconds,
            5_000_000_000
        );
        let group = task_group([task.clone(), from_image_task(&agent)]);
        assert_eq!(group.tasks.len(), 2);
        let check = HealthCheckBuilder::tcp(80)
            .delay(Duration::ZERO)
            .interval(Duration::from_millis(500))
            .build();
        assert_eq!(check.tcp.unwrap().port, 80);
        assert_eq!(check.interval_seconds, Some(0.5));
        assert_eq!(check.delay_seconds, Some(0.0));
    }

    fn from_image_task(agent: &AgentId) -> TaskInfo {
        TaskBuilder::new("i", agent).image("busybox").build()
    }
}
