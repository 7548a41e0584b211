//! What an agent needs to start an executor for a task: the task, the sandbox and the
//! `MESOS_*` environment the real agent gives its executors (`mesos: src/slave/slave.cpp`
//! `executorEnvironment`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use mesos_sdk::v1::{FrameworkInfo, TaskInfo};

use mesos_sdk::duration::format_duration;

use super::default_executor::DefaultExecutor;
use super::process::Host;

/// Everything an executor run needs, prepared under the master lock.
#[derive(Clone, Debug)]
pub(crate) struct LaunchSpec {
    pub(crate) agent_id: String,
    pub(crate) framework_id: String,
    pub(crate) framework_info: FrameworkInfo,
    /// The key of the executor handle on the agent; also the reported executor id unless
    /// `group_executor_id` is set.
    pub(crate) executor_id: String,
    /// For a task of a task group: the default executor's id, reported in its statuses.
    pub(crate) group_executor_id: Option<String>,
    /// For a task of a task group: the simulated default executor it shares with the other
    /// tasks of its executor.
    pub(crate) default_executor: Option<Arc<DefaultExecutor>>,
    pub(crate) task: TaskInfo,
    pub(crate) role: String,
    pub(crate) sandbox: PathBuf,
    pub(crate) agent_endpoint: SocketAddr,
    pub(crate) shutdown_grace_period: Duration,
    /// The agent's `--recovery_timeout`.
    pub(crate) recovery_timeout: Duration,
    /// The agent's `--executor_registration_timeout`.
    pub(crate) registration_timeout: Duration,
    pub(crate) synthetic: bool,
    /// Where the processes it starts are registered, to be killed with the cluster; held
    /// until the launch ends, so that a sandbox it makes after the cluster is gone goes too.
    pub(crate) host: Arc<Host>,
}

impl LaunchSpec {
    /// The executor's environment, as `executorEnvironment` builds it.
    pub(crate) fn environment(&self) -> Vec<(String, String)> {
        let checkpoint = self.framework_info.checkpoint.unwrap_or(false);
        let sandbox = self.sandbox.display().to_string();
        let mut env = vec![
            ("MESOS_FRAMEWORK_ID".into(), self.framework_id.clone()),
            (
                "MESOS_EXECUTOR_ID".into(),
                self.group_executor_id
                    .clone()
                    .unwrap_or_else(|| self.executor_id.clone()),
            ),
            (
                "MESOS_AGENT_ENDPOINT".into(),
                self.agent_endpoint.to_string(),
            ),
            (
                "MESOS_SLAVE_PID".into(),
                format!("slave(1)@{}", self.agent_endpoint),
            ),
            ("MESOS_SLAVE_ID".into(), self.agent_id.clone()),
            ("MESOS_DIRECTORY".into(), sandbox.clone()),
            ("MESOS_SANDBOX".into(), sandbox),
            // Compared with == "1" by the C++ library; pymesos reads "0" as true.
            (
                "MESOS_CHECKPOINT".into(),
                if checkpoint { "1" } else { "0" }.into(),
            ),
            // The agent's `--http_command_executor` flag, false by default.
            ("MESOS_HTTP_COMMAND_EXECUTOR".into(), "0".into()),
            (
                "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD".into(),
                format_duration(self.shutdown_grace_period),
            ),
            ("LIBPROCESS_PORT".into(), "0".into()),
            ("LIBPROCESS_IP".into(), self.agent_endpoint.ip().to_string()),
        ];
        if self.task.executor.is_none() {
            // What the command executor adds for the task it runs.
            env.push(("MESOS_TASK_ID".into(), self.task.task_id.value.clone()));
            env.push(("MESOS_ALLOCATION_ROLE".into(), self.role.clone()));
        }
        if checkpoint {
            // Only set for checkpointing frameworks: the agent's `--recovery_timeout` and
            // its fixed `EXECUTOR_REREGISTRATION_RETRY_INTERVAL_MAX` of 2 secs.
            env.push((
                "MESOS_RECOVERY_TIMEOUT".into(),
                format_duration(self.recovery_timeout),
            ));
            env.push(("MESOS_SUBSCRIPTION_BACKOFF_MAX".into(), "2secs".into()));
        }
        // The command's own environment wins over everything the agent sets: the executor's
        // command for a custom executor, the task's for the command executor.
        let command = match &self.task.executor {
            Some(executor) => executor.command.as_ref(),
            None => self.task.command.as_ref(),
        };
        if let Some(environment) = command.and_then(|c| c.environment.as_ref()) {
            for variable in &environment.variables {
                if let Some(value) = &variable.value {
                    env.retain(|(name, _)| name != &variable.name);
                    env.push((variable.name.clone(), value.clone()));
                }
            }
        }
        env
    }
}
