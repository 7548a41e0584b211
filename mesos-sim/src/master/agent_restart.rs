//! Agent restart. Checkpointing frameworks keep their executors: the agent recovers its
//! status update streams and resends what is unacknowledged, and custom executors lose their
//! connection and must SUBSCRIBE again (replaying unacknowledged updates and tasks; STAGING
//! tasks they do not know become TASK_DROPPED/TASK_LOST, see `executors`). Executors of
//! frameworks without checkpointing are not recovered: they are killed, and their tasks are
//! reported by the master as TASK_LOST (TASK_GONE for PARTITION_AWARE frameworks) with
//! `REASON_AGENT_RESTARTED`, without uuid. (`mesos: src/slave/slave.cpp` `Slave::recover`;
//! the master-side wording of the lost tasks is this simulator's, see the report.)

use std::time::Duration;

use mesos_sdk::v1::TaskState;
use mesos_sdk::v1::task_status;

use super::accept::master_status;
use super::effects::{Effect, Effects};
use super::events;
use super::state::MasterState;
use super::subscribe::push_completed;
use crate::agent::KillRequest;

impl MasterState {
    /// Restarts an agent; `None` if there is no such agent.
    pub(crate) fn restart_agent(&mut self, agent_id: &str) -> Option<Effects> {
        let agent = self.agents.get_mut(agent_id)?;
        let mut effects = Vec::new();
        let checkpointing =
            |framework_id: &str,
             frameworks: &std::collections::BTreeMap<String, super::state::Framework>| {
                frameworks
                    .get(framework_id)
                    .is_some_and(|f| f.info.checkpoint.unwrap_or(false))
            };
        let keys: Vec<(String, String)> = agent.executors.keys().cloned().collect();
        let mut lost_frameworks = Vec::new();
        for (framework_id, executor_id) in keys {
            if checkpointing(&framework_id, &self.frameworks) {
                if let Some(custom) = agent
                    .executors
                    .get_mut(&(framework_id.clone(), executor_id.clone()))
                    .and_then(|e| e.custom.as_mut())
                {
                    // The connection breaks with the agent process.
                    custom.connection = None;
                }
                continue;
            }
            if let Some(executor) = agent.executors.remove(&(framework_id.clone(), executor_id)) {
                effects.push(Effect::Kill {
                    sender: executor.kill,
                    request: KillRequest {
                        grace_period: Some(Duration::ZERO),
                    },
                });
            }
            lost_frameworks.push(framework_id);
        }
        agent
            .update_streams
            .retain(|(framework_id, _), _| checkpointing(framework_id, &self.frameworks));
        // Recovered streams resend their in-flight update at once.
        let resend: Vec<(String, String)> = agent.update_streams.keys().cloned().collect();
        lost_frameworks.sort();
        lost_frameworks.dedup();
        for framework_id in lost_frameworks {
            let Some(framework) = self.frameworks.get_mut(&framework_id) else {
                continue;
            };
            let partition_aware = framework.partition_aware();
            let gone: Vec<String> = framework
                .tasks
                .values()
                .filter(|t| t.agent_id == agent_id)
                .map(|t| t.info.task_id.value.clone())
                .collect();
            let removed: Vec<_> = gone
                .iter()
                .filter_map(|task_id| framework.tasks.remove(task_id))
                .collect();
            let mut updates = Vec::new();
            for mut task in removed {
                let state = if partition_aware {
                    TaskState::TaskGone
                } else {
                    TaskState::TaskLost
                };
                let status = master_status(
                    &task.info.task_id,
                    Some(agent_id),
                    state,
                    task_status::Reason::AgentRestarted,
                    "Task is unknown to the agent after its restart".into(),
                );
                if !task.resources_recovered {
                    task.resources_recovered = true;
                    if let Some(agent) = self.agents.get_mut(agent_id) {
                        agent.available.add(&task.resources);
                    }
                }
                task.state = state;
                task.status_update_state = Some(state);
                task.latest_status = Some(status.clone());
                if let Some(framework) = self.frameworks.get_mut(&framework_id) {
                    push_completed(framework, task);
                }
                updates.push(status);
            }
            for status in updates {
                effects.extend(self.send(&framework_id, &events::update(status)));
            }
        }
        for (framework_id, task_id) in resend {
            effects.extend(self.resend_update(agent_id, &framework_id, &task_id));
        }
        effects.push(Effect::Allocate);
        Some(effects)
    }
}
