//! The agent side of custom executors, driven through the master's state: delivering tasks,
//! SUBSCRIBE (replaying unacknowledged updates, dropping unknown STAGING tasks), UPDATE with
//! ACKNOWLEDGED, messages in both directions, KILL, and executor termination.
//! `mesos: src/slave/slave.cpp` `Slave::subscribe`, `Slave::statusUpdate`, `executorTerminated`.

use bytes::Bytes;
use mesos_sdk::v1::executor::{call as executor_call, event as executor_event};
use mesos_sdk::v1::scheduler::{Event, call, event};
use mesos_sdk::v1::{
    AgentId, ContainerId, ExecutorId, TaskInfo, TaskState, TaskStatus, task_status,
};

use super::effects::Effects;
use super::state::MasterState;
use super::status_updates::is_terminal;
use crate::agent::{Delivery, ExecutorConnection, executor_events};

/// Why the agent refuses an executor call (HTTP 400/403 with the agent's text).
#[derive(Debug)]
pub(crate) enum ExecutorRefusal {
    /// 400 "Framework cannot be found".
    FrameworkNotFound,
    /// 400 "Executor cannot be found".
    ExecutorNotFound,
    /// 403 "Executor is not subscribed".
    NotSubscribed,
}

impl MasterState {
    pub(crate) fn custom_executor(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
    ) -> Result<&mut crate::agent::CustomExecutor, ExecutorRefusal> {
        // A partitioned agent (lost to the master) still serves its executors: it takes their
        // updates and forwards them once it re-registers.
        let agent = match self.agents.get_mut(agent_id) {
            Some(agent) => agent,
            None => self
                .lost_agents
                .get_mut(agent_id)
                .map(|lost| &mut lost.agent)
                .ok_or(ExecutorRefusal::FrameworkNotFound)?,
        };
        if !agent.executors.keys().any(|(f, _)| f == framework_id) {
            return Err(ExecutorRefusal::FrameworkNotFound);
        }
        agent
            .executors
            .get_mut(&(framework_id.to_string(), executor_id.to_string()))
            .and_then(|e| e.custom.as_mut())
            .ok_or(ExecutorRefusal::ExecutorNotFound)
    }

    /// Gives a task or a task group to a running custom executor: LAUNCH or LAUNCH_GROUP when
    /// it is subscribed, else queued until it subscribes.
    pub(crate) fn deliver(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        delivery: Delivery,
    ) -> Effects {
        let Ok(custom) = self.custom_executor(agent_id, framework_id, executor_id) else {
            return Vec::new();
        };
        if custom.connection.is_none() {
            custom.queued.push(delivery);
            return Vec::new();
        }
        custom.launched.extend(delivery.tasks().iter().cloned());
        self.send_to_executor(
            agent_id,
            framework_id,
            executor_id,
            &executor_events::deliver(delivery),
        );
        Vec::new()
    }

    /// Executor SUBSCRIBE: checks, then the agent's steps in order. Returns the refusal, or
    /// whether the executor must be shut down at once (it is terminating).
    pub(crate) fn executor_subscribe(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        subscribe: executor_call::Subscribe,
        connection: ExecutorConnection,
    ) -> Result<Effects, ExecutorRefusal> {
        let agent_info = self
            .agents
            .get(agent_id)
            .map(|a| a.info.clone())
            .unwrap_or_default();
        let partition_aware = self
            .frameworks
            .get(framework_id)
            .is_some_and(|f| f.partition_aware());
        let custom = self.custom_executor(agent_id, framework_id, executor_id)?;
        if custom.terminating {
            let record = mesos_sdk::recordio::encode_record(&crate::http::media::encode(
                connection.encoding,
                &executor_events::shutdown(),
            ));
            let _ = connection.sender.try_send(record);
            return Ok(Vec::new());
        }
        // 1. Replace any previous connection.
        custom.connection = Some(connection);
        custom.subscribed_once = true;
        custom.recovering = false;
        let subscribed = executor_events::subscribed(executor_event::Subscribed {
            executor_info: custom.info.clone(),
            framework_info: custom.framework_info.clone(),
            agent_info,
            container_id: Some(ContainerId {
                value: custom.container_id.clone(),
                parent: None,
            }),
        });
        let known: Vec<String> = subscribe
            .unacknowledged_tasks
            .iter()
            .map(|t| t.task_id.value.clone())
            .collect();
        let launched: Vec<TaskInfo> = custom.launched.clone();
        let queued = std::mem::take(&mut custom.queued);
        custom
            .launched
            .extend(queued.iter().flat_map(|d| d.tasks().iter().cloned()));
        let mut effects = Vec::new();
        // 2. Replay unacknowledged updates (duplicates are ignored by their uuid).
        for update in subscribe.unacknowledged_updates {
            effects.extend(self.executor_status(
                agent_id,
                framework_id,
                executor_id,
                update.status,
            ));
        }
        // 3. Launched tasks still STAGING that the executor does not know are gone.
        for task in launched {
            let staging = self
                .frameworks
                .get(framework_id)
                .and_then(|f| f.tasks.get(&task.task_id.value))
                .is_some_and(|t| t.state == TaskState::TaskStaging);
            if staging && !known.contains(&task.task_id.value) {
                let state = if partition_aware {
                    TaskState::TaskDropped
                } else {
                    TaskState::TaskLost
                };
                let status = TaskStatus {
                    task_id: task.task_id.clone(),
                    state: state as i32,
                    source: Some(task_status::Source::Agent as i32),
                    reason: Some(task_status::Reason::AgentRestarted as i32),
                    message: Some("Task launched during agent restart".into()),
                    ..Default::default()
                };
                effects.extend(self.executor_status(agent_id, framework_id, executor_id, status));
            }
        }
        // 5. SUBSCRIBED, then 6. the queued tasks.
        self.send_to_executor(agent_id, framework_id, executor_id, &subscribed);
        for delivery in queued {
            self.send_to_executor(
                agent_id,
                framework_id,
                executor_id,
                &executor_events::deliver(delivery),
            );
        }
        Ok(effects)
    }

    /// The executor's stream `id` ended.
    pub(crate) fn executor_disconnected(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        id: uuid::Uuid,
    ) {
        if let Ok(custom) = self.custom_executor(agent_id, framework_id, executor_id)
            && custom.connection.as_ref().is_some_and(|c| c.id == id)
        {
            custom.connection = None;
        }
    }

    /// Executor UPDATE: into the status update manager, then ACKNOWLEDGED to the executor.
    pub(crate) fn executor_update(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        status: TaskStatus,
    ) -> Result<Effects, ExecutorRefusal> {
        let custom = self.custom_executor(agent_id, framework_id, executor_id)?;
        if custom.connection.is_none() {
            return Err(ExecutorRefusal::NotSubscribed);
        }
        let task_id = status.task_id.clone();
        let uuid = status.uuid.clone().unwrap_or_default();
        let effects = self.executor_status(agent_id, framework_id, executor_id, status);
        self.send_to_executor(
            agent_id,
            framework_id,
            executor_id,
            &executor_events::acknowledged(task_id, uuid),
        );
        Ok(effects)
    }

    /// Executor MESSAGE: to the scheduler as a MESSAGE event.
    pub(crate) fn executor_message(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        data: Bytes,
    ) -> Result<Effects, ExecutorRefusal> {
        let custom = self.custom_executor(agent_id, framework_id, executor_id)?;
        if custom.connection.is_none() {
            return Err(ExecutorRefusal::NotSubscribed);
        }
        let message = Event {
            r#type: Some(event::Type::Message as i32),
            message: Some(event::Message {
                agent_id: AgentId {
                    value: agent_id.to_string(),
                },
                executor_id: ExecutorId {
                    value: executor_id.to_string(),
                },
                data,
            }),
            ..Default::default()
        };
        Ok(self.send(framework_id, &message))
    }

    /// Scheduler MESSAGE: to the executor as a MESSAGE event (dropped if it is not there).
    pub(crate) fn scheduler_message(
        &mut self,
        framework_id: &str,
        message: &call::Message,
    ) -> Effects {
        self.send_to_executor(
            &message.agent_id.value,
            framework_id,
            &message.executor_id.value,
            &executor_events::message(message.data.clone()),
        );
        Vec::new()
    }

    /// The executor process ended: its unfinished tasks fail (reliable, from the agent) and
    /// the scheduler gets FAILURE with the exit status.
    pub(crate) fn executor_terminated(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        exit_code: Option<i32>,
    ) -> Effects {
        self.executor_failed(
            agent_id,
            framework_id,
            executor_id,
            exit_code,
            task_status::Reason::ExecutorTerminated,
            "Executor terminated".into(),
        )
    }

    /// The executor process ended for `reason`: its unfinished tasks become TASK_FAILED with
    /// that reason and message, and the scheduler gets FAILURE with the exit status.
    pub(crate) fn executor_failed(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        exit_code: Option<i32>,
        reason: task_status::Reason,
        message: String,
    ) -> Effects {
        let mut effects = Vec::new();
        let unfinished: Vec<TaskInfo> = self
            .frameworks
            .get(framework_id)
            .map(|f| {
                f.tasks
                    .values()
                    .filter(|t| {
                        t.agent_id == agent_id
                            && t.executor_id == executor_id
                            && !is_terminal(t.state)
                    })
                    .map(|t| (*t.info).clone())
                    .collect()
            })
            .unwrap_or_default();
        for task in unfinished {
            let status = TaskStatus {
                task_id: task.task_id,
                state: TaskState::TaskFailed as i32,
                source: Some(task_status::Source::Agent as i32),
                reason: Some(reason as i32),
                message: Some(message.clone()),
                ..Default::default()
            };
            effects.extend(self.executor_status(agent_id, framework_id, executor_id, status));
        }
        self.executor_exited(agent_id, framework_id, executor_id);
        let failure = Event {
            r#type: Some(event::Type::Failure as i32),
            failure: Some(event::Failure {
                agent_id: Some(AgentId {
                    value: agent_id.to_string(),
                }),
                executor_id: Some(ExecutorId {
                    value: executor_id.to_string(),
                }),
                status: exit_code,
            }),
            ..Default::default()
        };
        effects.extend(self.send(framework_id, &failure));
        effects
    }
}
