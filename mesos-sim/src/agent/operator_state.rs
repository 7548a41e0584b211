//! One agent's frameworks, executors and tasks as its operator API reports them
//! (`mesos: src/slave/http.cpp` `getFrameworks`, `getExecutors`, `getTasks`), derived from
//! what the master's lock holds about the agent: its executor handles, and the tasks the
//! master places on it (live, unreachable and completed).
//!
//! The agent's bookkeeping is upstream's (`mesos: src/slave/slave.hpp` `Framework`,
//! `Executor`): an executor is live while a process of it runs and completed after; a
//! framework is live on the agent while one of its executors is; a task is queued while its
//! custom executor has not subscribed, launched until terminal, terminated until its
//! terminal update is acknowledged, completed after.

use std::collections::BTreeMap;
use std::path::PathBuf;

use mesos_sdk::task_state::is_terminal;
use mesos_sdk::v1::agent::response;
use mesos_sdk::v1::{
    AgentId, AgentInfo, CommandInfo, DurationInfo, ExecutorId, ExecutorInfo, FrameworkId,
    FrameworkInfo, Resource, Task, TaskState, resource, value,
};

use crate::master::operator_api::task_proto;
use crate::master::state::{Framework, MasterState, Task as SimTask};

/// The command executor's allowance added to each command task's container
/// (`DEFAULT_EXECUTOR_CPUS`, `DEFAULT_EXECUTOR_MEM` in `mesos: src/slave/constants.hpp`).
const COMMAND_EXECUTOR_CPUS: f64 = 0.1;
const COMMAND_EXECUTOR_MEM_MB: f64 = 32.0;
/// libprocess' `MAX_REAP_INTERVAL()`, added with a second to a kill policy's grace period.
const MAX_REAP_INTERVAL_NANOS: i64 = 1_000_000_000;

/// What the agent's operator API reads, copied out of the master's lock.
#[derive(Debug)]
pub(crate) struct AgentView {
    pub(crate) agent_info: AgentInfo,
    /// `<work_dir>/agents/<agent id>`: where its sandboxes live.
    pub(crate) dir: PathBuf,
    pub(crate) frameworks: response::GetFrameworks,
    pub(crate) executors: response::GetExecutors,
    pub(crate) tasks: response::GetTasks,
    /// The containers of the live executors, in the order of `executors`.
    pub(crate) containers: Vec<ContainerView>,
}

/// A running executor's container: where its sandbox runs and what it was given.
#[derive(Debug)]
pub(crate) struct ContainerView {
    pub(crate) framework_id: String,
    pub(crate) executor_id: String,
    pub(crate) executor_name: Option<String>,
    /// `.../executors/<id>/runs` of the process that runs it.
    pub(crate) runs: PathBuf,
    /// Known to the agent's state for custom executors; otherwise the `runs/latest` link
    /// names it.
    pub(crate) container_id: Option<String>,
    /// The executor's and its live tasks' resources, the container's limits.
    pub(crate) cpus: f64,
    pub(crate) mem_mb: f64,
}

/// One executor of the agent as it is being gathered.
struct Executor {
    info: ExecutorInfo,
    framework_info: FrameworkInfo,
    /// The keys of the agent's executor handles it runs under (its id, or for each task of
    /// a task group the task's id).
    handles: Vec<String>,
    live_tasks: Vec<Task>,
    queued_tasks: Vec<Task>,
    terminated_tasks: Vec<Task>,
    completed_tasks: Vec<Task>,
    custom_container: Option<String>,
    /// Live tasks' resources, by handle.
    resources: BTreeMap<String, Vec<Resource>>,
}

/// The view of agent `agent_id`, registered or unreachable; `None` when the master has
/// removed it.
pub(crate) fn agent_view(state: &MasterState, agent_id: &str) -> Option<AgentView> {
    let (agent, lost) = match state.agents.get(agent_id) {
        Some(agent) => (agent, None),
        None => {
            let lost = state.lost_agents.get(agent_id)?;
            (&lost.agent, Some(lost))
        }
    };
    let mut executors: BTreeMap<(String, String), Executor> = BTreeMap::new();
    let frameworks = state
        .frameworks
        .values()
        .chain(state.completed_frameworks.iter());
    for framework in frameworks {
        let here = |task: &&SimTask| task.agent_id == agent.id;
        for task in framework.tasks.values().filter(here) {
            let proto = task_proto(task);
            gather(&mut executors, framework, task, proto, false);
        }
        for (task, _) in framework.unreachable_tasks.values() {
            if task.agent_id != agent.id {
                continue;
            }
            let mut proto = task_proto(task);
            // Behind the partition the agent knows better than the master.
            let key = (framework.id.clone(), task.info.task_id.value.clone());
            if let Some(known) = lost.and_then(|l| l.task_states.get(&key)) {
                proto.state = *known as i32;
            }
            gather(&mut executors, framework, task, proto, false);
        }
        for task in framework.completed_tasks.iter().filter(here) {
            gather(&mut executors, framework, task, task_proto(task), true);
        }
    }
    // Custom executors carry the info the agent launched them with (the master fills in
    // the framework id) and a container id.
    for ((framework_id, key), handle) in &agent.executors {
        let Some(custom) = &handle.custom else {
            continue;
        };
        let executor = executors
            .entry((framework_id.clone(), key.clone()))
            .or_insert_with(|| Executor::new(custom.info.clone(), custom.framework_info.clone()));
        executor.info = custom.info.clone();
        executor.custom_container = Some(custom.container_id.clone());
        if !executor.handles.contains(key) {
            executor.handles.push(key.clone());
        }
        // Tasks waiting for the executor to subscribe are queued, as STAGING tasks built
        // from their TaskInfo (`protobuf::createTask`).
        if custom.connection.is_none() {
            let queued: Vec<&str> = custom
                .queued
                .iter()
                .flat_map(|d| d.tasks())
                .map(|t| t.task_id.value.as_str())
                .collect();
            let (waiting, launched): (Vec<Task>, Vec<Task>) =
                std::mem::take(&mut executor.live_tasks)
                    .into_iter()
                    .partition(|t| queued.contains(&t.task_id.value.as_str()));
            executor.live_tasks = launched;
            executor
                .queued_tasks
                .extend(waiting.into_iter().map(|mut task| {
                    task.state = TaskState::TaskStaging as i32;
                    task.statuses.clear();
                    task.status_update_state = None;
                    task.status_update_uuid = None;
                    task
                }));
        }
    }

    let dir = state.config.work_dir.join("agents").join(&agent.id);
    let mut view = AgentView {
        agent_info: AgentInfo {
            id: Some(AgentId {
                value: agent.id.clone(),
            }),
            ..agent.info.clone()
        },
        dir: dir.clone(),
        frameworks: Default::default(),
        executors: Default::default(),
        tasks: Default::default(),
        containers: Vec::new(),
    };
    let mut live_frameworks: BTreeMap<String, FrameworkInfo> = BTreeMap::new();
    let mut completed_frameworks: BTreeMap<String, FrameworkInfo> = BTreeMap::new();
    for ((framework_id, _), executor) in executors {
        let live = executor.handles.iter().any(|key| {
            agent
                .executors
                .contains_key(&(framework_id.clone(), key.clone()))
        });
        let entry = response::get_executors::Executor {
            executor_info: executor.info.clone(),
        };
        if live {
            live_frameworks.insert(framework_id.clone(), executor.framework_info.clone());
            view.executors.executors.push(entry);
            for key in &executor.handles {
                if !agent
                    .executors
                    .contains_key(&(framework_id.clone(), key.clone()))
                {
                    continue;
                }
                let mut resources = executor.info.resources.clone();
                resources.extend(executor.resources.get(key).cloned().unwrap_or_default());
                view.containers.push(ContainerView {
                    framework_id: framework_id.clone(),
                    executor_id: executor.info.executor_id.value.clone(),
                    executor_name: executor.info.name.clone(),
                    runs: dir
                        .join("frameworks")
                        .join(&framework_id)
                        .join("executors")
                        .join(key)
                        .join("runs"),
                    container_id: executor.custom_container.clone(),
                    cpus: scalar_sum(&resources, "cpus"),
                    mem_mb: scalar_sum(&resources, "mem"),
                });
            }
        } else {
            completed_frameworks.insert(framework_id.clone(), executor.framework_info.clone());
            view.executors.completed_executors.push(entry);
        }
        view.tasks.queued_tasks.extend(executor.queued_tasks);
        view.tasks.launched_tasks.extend(executor.live_tasks);
        view.tasks
            .terminated_tasks
            .extend(executor.terminated_tasks);
        view.tasks.completed_tasks.extend(executor.completed_tasks);
    }
    for id in live_frameworks.keys() {
        completed_frameworks.remove(id);
    }
    view.frameworks.frameworks = live_frameworks
        .into_values()
        .map(|framework_info| response::get_frameworks::Framework { framework_info })
        .collect();
    view.frameworks.completed_frameworks = completed_frameworks
        .into_values()
        .map(|framework_info| response::get_frameworks::Framework { framework_info })
        .collect();
    Some(view)
}

impl Executor {
    fn new(info: ExecutorInfo, framework_info: FrameworkInfo) -> Executor {
        Executor {
            info,
            framework_info,
            handles: Vec::new(),
            live_tasks: Vec::new(),
            queued_tasks: Vec::new(),
            terminated_tasks: Vec::new(),
            completed_tasks: Vec::new(),
            custom_container: None,
            resources: BTreeMap::new(),
        }
    }
}

/// Files `task` (already in its API form `proto`) under its executor.
fn gather(
    executors: &mut BTreeMap<(String, String), Executor>,
    framework: &Framework,
    task: &SimTask,
    proto: Task,
    completed: bool,
) {
    let mut framework_info = framework.info.clone();
    framework_info.id.get_or_insert_with(|| FrameworkId {
        value: framework.id.clone(),
    });
    let info = executor_info(&framework_info, task);
    let executor = executors
        .entry((framework.id.clone(), info.executor_id.value.clone()))
        .or_insert_with(|| Executor::new(info, framework_info));
    if !executor.handles.contains(&task.executor_id) {
        executor.handles.push(task.executor_id.clone());
    }
    let state = TaskState::try_from(proto.state).unwrap_or(TaskState::TaskStaging);
    if completed {
        executor.completed_tasks.push(proto);
    } else if is_terminal(state) {
        executor.terminated_tasks.push(proto);
    } else {
        executor
            .resources
            .entry(task.executor_id.clone())
            .or_default()
            .extend(proto.resources.iter().cloned());
        executor.live_tasks.push(proto);
    }
}

/// `Slave::getExecutorInfo`: a task's own executor (a custom one, or its task group's),
/// else the command executor the agent makes up for it, named after the command, with the
/// command's URIs, environment and user and the executor's allowance of resources.
/// mesos-sim runs its command executor in its own process, so the command names
/// `mesos-executor` without a launcher directory.
fn executor_info(framework_info: &FrameworkInfo, task: &SimTask) -> ExecutorInfo {
    let info = &task.info;
    if let Some(executor) = &info.executor {
        let mut executor = executor.clone();
        executor.framework_id.get_or_insert_with(|| FrameworkId {
            value: task.framework_id.clone(),
        });
        return executor;
    }
    let task_id = &info.task_id.value;
    let command = info.command.clone().unwrap_or_default();
    let role = Some(resource::AllocationInfo {
        role: Some(task.role.clone()),
    });
    let allowance = |name: &str, amount: f64| Resource {
        name: name.to_string(),
        r#type: value::Type::Scalar as i32,
        scalar: Some(value::Scalar { value: amount }),
        allocation_info: role.clone(),
        ..Default::default()
    };
    ExecutorInfo {
        executor_id: ExecutorId {
            value: task_id.clone(),
        },
        framework_id: framework_info.id.clone(),
        container: info.container.clone(),
        name: Some(command_executor_name(task_id, &command)),
        source: Some(task_id.clone()),
        command: Some(CommandInfo {
            uris: command.uris.clone(),
            environment: command.environment.clone(),
            user: command.user.clone(),
            shell: Some(false),
            value: Some("mesos-executor".into()),
            arguments: vec!["mesos-executor".into()],
        }),
        labels: info.labels.clone(),
        discovery: info.discovery.clone(),
        shutdown_grace_period: info
            .kill_policy
            .as_ref()
            .and_then(|k| k.grace_period.as_ref())
            .map(|grace| DurationInfo {
                nanoseconds: grace
                    .nanoseconds
                    .saturating_add(MAX_REAP_INTERVAL_NANOS + 1_000_000_000),
            }),
        resources: vec![
            allowance("cpus", COMMAND_EXECUTOR_CPUS),
            allowance("mem", COMMAND_EXECUTOR_MEM_MB),
        ],
        ..Default::default()
    }
}

/// The command executor's name: the task and the start of its command (the first 12
/// bytes of one longer than 15).
fn command_executor_name(task_id: &str, command: &CommandInfo) -> String {
    let shown = |text: &str| {
        if text.len() > 15 {
            let mut end = 12;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}...", &text[..end])
        } else {
            text.to_string()
        }
    };
    let described = match (command.shell.unwrap_or(true), &command.value) {
        (true, None) => "(Command: NO COMMAND)".to_string(),
        (true, Some(value)) => format!("(Command: sh -c '{}')", shown(value)),
        (false, None) => "(Command: NO EXECUTABLE)".to_string(),
        (false, Some(value)) => {
            let args = format!("{value}, {}", command.arguments.join(", "));
            format!("(Command: [{}])", shown(&args))
        }
    };
    format!("Command Executor (Task: {task_id}) {described}")
}

fn scalar_sum(resources: &[Resource], name: &str) -> f64 {
    resources
        .iter()
        .filter(|r| r.name == name)
        .filter_map(|r| r.scalar.map(|s| s.value))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_executor_names_shorten_long_commands() {
        let shell = |value: &str| CommandInfo {
            value: Some(value.into()),
            ..Default::default()
        };
        assert_eq!(
            command_executor_name("probe", &shell("echo hello-sandbox > out.txt; sleep 500")),
            "Command Executor (Task: probe) (Command: sh -c 'echo hello-s...')"
        );
        assert_eq!(
            command_executor_name("t", &shell("sleep 5")),
            "Command Executor (Task: t) (Command: sh -c 'sleep 5')"
        );
        let exec = CommandInfo {
            shell: Some(false),
            value: Some("/bin/true".into()),
            arguments: vec!["true".into()],
            ..Default::default()
        };
        assert_eq!(
            command_executor_name("t", &exec),
            "Command Executor (Task: t) (Command: [/bin/true, true])"
        );
    }
}
