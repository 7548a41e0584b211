//! RECONCILE (explicit and implicit), KILL and SHUTDOWN. Reconciliation answers come from
//! the master, without uuid, with `REASON_RECONCILIATION`; a KILL of an unknown task is an
//! explicit reconciliation of that task. `mesos: src/master/master.cpp` `Master::reconcile`,
//! `Master::kill`.

use std::time::Duration;

use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{TaskId, TaskInfo, TaskState, TaskStatus, task_status};

use super::accept::master_status;
use super::effects::{Effect, Effects};
use super::events;
use super::state::{MasterState, Task};
use crate::agent::KillRequest;

fn latest_state_status(task: &Task) -> TaskStatus {
    let state = task.status_update_state.unwrap_or(task.state);
    let mut status = master_status(
        &task.info.task_id,
        Some(&task.agent_id),
        state,
        task_status::Reason::Reconciliation,
        "Reconciliation: Latest task state".into(),
    );
    if let Some(latest) = &task.latest_status {
        status.executor_id = latest.executor_id.clone();
        // `getTaskHealth`, `getTaskCheckStatus`: what the latest status said.
        status.healthy = latest.healthy;
        status.check_status = latest.check_status;
        status.container_status = latest.container_status.clone();
        status.unreachable_time = latest.unreachable_time;
    }
    status
}

impl MasterState {
    /// RECONCILE for a subscribed framework.
    pub(crate) fn reconcile(&mut self, framework_id: &str, reconcile: &call::Reconcile) -> Effects {
        let Some(framework) = self.frameworks.get(framework_id) else {
            return Vec::new();
        };
        let statuses: Vec<TaskStatus> = if reconcile.tasks.is_empty() {
            // Implicit: the latest state of every task the master knows, unreachable ones
            // included.
            framework
                .tasks
                .values()
                .chain(framework.unreachable_tasks.values().map(|(t, _)| t))
                .map(latest_state_status)
                .collect()
        } else {
            reconcile
                .tasks
                .iter()
                .map(|t| {
                    self.explicit_answer(
                        framework_id,
                        &t.task_id,
                        t.agent_id.as_ref().map(|a| a.value.as_str()),
                    )
                })
                .collect()
        };
        let mut effects = Vec::new();
        for status in statuses {
            effects.extend(self.send(framework_id, &events::update(status)));
        }
        effects
    }

    /// The answer for one task of an explicit reconciliation.
    fn explicit_answer(
        &self,
        framework_id: &str,
        task_id: &TaskId,
        agent_id: Option<&str>,
    ) -> TaskStatus {
        let framework = self.frameworks.get(framework_id);
        if let Some(task) = framework.and_then(|f| {
            f.tasks
                .get(&task_id.value)
                .or_else(|| f.unreachable_tasks.get(&task_id.value).map(|(t, _)| t))
        }) {
            return latest_state_status(task);
        }
        let partition_aware = framework.is_some_and(|f| f.partition_aware());
        if let Some(since) = agent_id.and_then(|a| self.unreachable_agents.get(a)) {
            let state = if partition_aware {
                TaskState::TaskUnreachable
            } else {
                TaskState::TaskLost
            };
            let mut status = master_status(
                task_id,
                agent_id,
                state,
                task_status::Reason::Reconciliation,
                "Reconciliation: Task is unreachable".into(),
            );
            if partition_aware {
                status.unreachable_time = Some(mesos_sdk::v1::TimeInfo {
                    nanoseconds: (since * 1e9) as i64,
                });
            }
            return status;
        }
        let registered_agent = agent_id.filter(|a| self.agents.contains_key(*a));
        let (state, message) = match (registered_agent, partition_aware) {
            (Some(_), true) => (
                TaskState::TaskGone,
                "Reconciliation: Task is unknown to the agent",
            ),
            (Some(_), false) => (
                TaskState::TaskLost,
                "Reconciliation: Task is unknown to the agent",
            ),
            (None, true) => (TaskState::TaskUnknown, "Reconciliation: Task is unknown"),
            (None, false) => (TaskState::TaskLost, "Reconciliation: Task is unknown"),
        };
        master_status(
            task_id,
            agent_id,
            state,
            task_status::Reason::Reconciliation,
            message.into(),
        )
    }

    /// KILL: known tasks are killed by their executor (grace period from the call's kill
    /// policy, else the task's); unknown tasks are reconciled.
    pub(crate) fn kill(&mut self, framework_id: &str, kill: &call::Kill) -> Effects {
        let task = self
            .frameworks
            .get(framework_id)
            .and_then(|f| f.tasks.get(&kill.task_id.value))
            .cloned();
        let Some(task) = task else {
            let status = self.explicit_answer(
                framework_id,
                &kill.task_id,
                kill.agent_id.as_ref().map(|a| a.value.as_str()),
            );
            return self.send(framework_id, &events::update(status));
        };
        let is_custom = self
            .agents
            .get(&task.agent_id)
            .and_then(|a| {
                a.executors
                    .get(&(framework_id.to_string(), task.executor_id.clone()))
            })
            .is_some_and(|e| e.custom.is_some());
        if is_custom {
            return self.kill_with_custom_executor(framework_id, &task, kill);
        }
        let grace_period = kill
            .kill_policy
            .as_ref()
            .and_then(|k| k.grace_period.as_ref())
            .or_else(|| {
                task.info
                    .kill_policy
                    .as_ref()
                    .and_then(|k| k.grace_period.as_ref())
            })
            .map(|g| Duration::from_nanos(g.nanoseconds.max(0) as u64));
        // A task of a task group is killed alone; its default executor then kills the rest
        // of the group (see `agent::default_executor`).
        self.kill_executor(
            &task.agent_id,
            framework_id,
            &task.executor_id,
            KillRequest::task(grace_period),
        )
    }

    /// KILL for a task of a custom executor: a KILL event, or, while the task still waits
    /// for the executor to subscribe or the executor re-subscribes after an agent restart,
    /// TASK_KILLED from the agent.
    fn kill_with_custom_executor(
        &mut self,
        framework_id: &str,
        task: &Task,
        kill: &call::Kill,
    ) -> Effects {
        let event = crate::agent::executor_events::kill(
            task.info.task_id.clone(),
            kill.kill_policy.or(task.info.kill_policy),
        );
        if self.send_to_executor(&task.agent_id, framework_id, &task.executor_id, &event) {
            return Vec::new();
        }
        // A task not yet handed over is killed by the agent; when it belongs to a queued task
        // group, the whole group goes. An executor left with nothing to run before it ever
        // subscribed is destroyed (`mesos: src/slave/slave.cpp` `Slave::killTask`).
        let removed: Vec<TaskInfo> = self
            .agents
            .get_mut(&task.agent_id)
            .and_then(|a| {
                a.executors
                    .get_mut(&(framework_id.to_string(), task.executor_id.clone()))
            })
            .and_then(|e| e.custom.as_mut())
            .and_then(|c| {
                if let Some(index) = c
                    .queued
                    .iter()
                    .position(|d| d.tasks().iter().any(|t| t.task_id == task.info.task_id))
                {
                    return Some(c.queued.remove(index).tasks().to_vec());
                }
                // An executor recovered after an agent restart is REGISTERING until it
                // subscribes again: the agent reports the task killed on its own, although
                // the executor may still run it (`Slave::kill`, `Executor::REGISTERING`).
                if c.recovering {
                    let index = c
                        .launched
                        .iter()
                        .position(|t| t.task_id == task.info.task_id)?;
                    return Some(vec![c.launched.remove(index)]);
                }
                None
            })
            .unwrap_or_default();
        let mut effects = Vec::new();
        // An executor that never subscribed and has nothing left to run is destroyed at once.
        let idle = self
            .agents
            .get(&task.agent_id)
            .and_then(|a| {
                a.executors
                    .get(&(framework_id.to_string(), task.executor_id.clone()))
            })
            .filter(|e| {
                e.custom
                    .as_ref()
                    .is_some_and(|c| !c.subscribed_once && c.queued.is_empty())
            });
        if !removed.is_empty()
            && let Some(executor) = idle
        {
            effects.push(Effect::Kill {
                sender: executor.kill.clone(),
                request: KillRequest::shutdown(Some(Duration::ZERO)),
            });
        }
        for queued in removed {
            let status = TaskStatus {
                task_id: queued.task_id,
                state: TaskState::TaskKilled as i32,
                source: Some(task_status::Source::Agent as i32),
                reason: Some(task_status::Reason::TaskKilledDuringLaunch as i32),
                message: Some("Killed before delivery to the executor".into()),
                ..Default::default()
            };
            effects.extend(self.executor_status(
                &task.agent_id,
                framework_id,
                &task.executor_id,
                status,
            ));
        }
        effects
    }

    /// SHUTDOWN{executor_id, agent_id}: the executor is shut down with the agent's grace period.
    /// The simulated default executor of task groups shuts down by killing each of its tasks,
    /// none of which then kills the rest of its group.
    pub(crate) fn shutdown(&mut self, framework_id: &str, shutdown: &call::Shutdown) -> Effects {
        let grace = Some(self.config.executor_shutdown_grace_period);
        let default_executor = self.agents.get(&shutdown.agent_id.value).and_then(|a| {
            a.shutdown_default_executor(framework_id, &shutdown.executor_id.value, grace)
        });
        if let Some(requests) = default_executor {
            return requests
                .into_iter()
                .map(|(sender, request)| Effect::Kill { sender, request })
                .collect();
        }
        self.kill_executor(
            &shutdown.agent_id.value,
            framework_id,
            &shutdown.executor_id.value,
            KillRequest::shutdown(grace),
        )
    }

    fn kill_executor(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        request: KillRequest,
    ) -> Effects {
        let Some(executor) = self.agents.get(agent_id).and_then(|a| {
            a.executors
                .get(&(framework_id.to_string(), executor_id.to_string()))
        }) else {
            return Vec::new();
        };
        vec![Effect::Kill {
            sender: executor.kill.clone(),
            request,
        }]
    }
}
