//! Agent loss: an agent marked unreachable has its offers rescinded, its tasks reported
//! TASK_UNREACHABLE (PARTITION_AWARE frameworks, with `unreachable_time`) or TASK_LOST, with
//! `REASON_AGENT_REMOVED` and no uuid, then every framework gets a FAILURE event without
//! `executor_id`. The agent itself keeps running behind the partition and may re-register.
//! `mesos: src/master/master.cpp` `Master::markUnreachable`, `__removeSlave`.

use mesos_sdk::v1::scheduler::{Event, event};
use mesos_sdk::v1::{AgentId, TaskState, TimeInfo, task_status};

use super::accept::master_status;
use std::collections::HashMap;

use super::effects::Effects;
use super::events;
use super::state::{LostAgent, MasterState, now_secs};

impl MasterState {
    /// Marks an agent unreachable and removes it; `None` if there is no such agent.
    pub(crate) fn mark_agent_unreachable(&mut self, agent_id: &str) -> Option<Effects> {
        let agent = self.agents.remove(agent_id)?;
        let now = now_secs();
        self.unreachable_agents.insert(agent_id.to_string(), now);
        let mut effects = Vec::new();
        let offers: Vec<String> = self
            .offers
            .iter()
            .filter(|(_, o)| o.agent_id == agent_id)
            .map(|(id, _)| id.clone())
            .collect();
        for offer_id in offers {
            if let Some(offer) = self.offers.remove(&offer_id) {
                effects.extend(self.send(&offer.framework_id, &events::rescind(&offer.offer)));
            }
        }
        // Behind the partition the agent goes on running its executors; it keeps what they
        // report until it re-registers (`agent_reregistration`).
        let mut task_states = HashMap::new();
        for framework in self.frameworks.values() {
            for task in framework.tasks.values().filter(|t| t.agent_id == agent_id) {
                task_states.insert(
                    (framework.id.clone(), task.info.task_id.value.clone()),
                    task.state,
                );
            }
        }
        self.lost_agents
            .insert(agent_id.to_string(), LostAgent { agent, task_states });
        let framework_ids: Vec<String> = self.frameworks.keys().cloned().collect();
        for framework_id in &framework_ids {
            let Some(framework) = self.frameworks.get_mut(framework_id) else {
                continue;
            };
            let partition_aware = framework.partition_aware();
            let lost: Vec<String> = framework
                .tasks
                .values()
                .filter(|t| t.agent_id == agent_id)
                .map(|t| t.info.task_id.value.clone())
                .collect();
            let mut updates = Vec::new();
            for task_id in lost {
                let Some(mut task) = framework.tasks.remove(&task_id) else {
                    continue;
                };
                let state = if partition_aware {
                    TaskState::TaskUnreachable
                } else {
                    TaskState::TaskLost
                };
                let mut status = master_status(
                    &task.info.task_id,
                    Some(agent_id),
                    state,
                    task_status::Reason::AgentRemoved,
                    format!("Agent {agent_id} is unreachable"),
                );
                if partition_aware {
                    status.unreachable_time = Some(TimeInfo {
                        nanoseconds: (now * 1e9) as i64,
                    });
                }
                task.state = state;
                task.status_update_state = Some(state);
                task.latest_status = Some(status.clone());
                task.resources_recovered = true;
                framework.unreachable_tasks.insert(task_id, (task, now));
                updates.push(status);
            }
            for status in updates {
                effects.extend(self.send(framework_id, &events::update(status)));
            }
        }
        effects.extend(self.operations_unreachable(agent_id));
        effects.extend(self.rescind_inverse_offers_of_agent(agent_id));
        let failure = Event {
            r#type: Some(event::Type::Failure as i32),
            failure: Some(event::Failure {
                agent_id: Some(AgentId {
                    value: agent_id.to_string(),
                }),
                executor_id: None,
                status: None,
            }),
            ..Default::default()
        };
        for framework_id in framework_ids {
            effects.extend(self.send(&framework_id, &failure));
        }
        Some(effects)
    }
}
