//! Re-registration of an agent the master marked unreachable (Mesos 1.11 lets it back, as the
//! old "non-strict registry" did): its tasks return for every framework, partition-aware or
//! not, each reported once by the master in the agent's current state with
//! `REASON_AGENT_REREGISTERED` (no uuid), then the agent resends the updates it kept for
//! acknowledgement. Executors of frameworks removed meanwhile are shut down.
//! `mesos: src/master/master.cpp` `Master::_reregisterSlave`, `__reregisterSlave`;
//! `mesos: src/tests/partition_tests.cpp` `ReregisterSlaveNotPartitionAware`,
//! `TaskCompletedOnPartitionedAgent`.

use mesos_sdk::v1::task_status;

use super::accept::master_status;
use super::effects::{Effect, Effects};
use super::events;
use super::state::{MasterState, now_secs};
use super::status_updates::is_terminal;
use crate::agent::KillRequest;

impl MasterState {
    /// Brings a lost agent back; `None` if no agent of that id is unreachable.
    pub(crate) fn reregister_agent(&mut self, agent_id: &str) -> Option<Effects> {
        let lost = self.lost_agents.remove(agent_id)?;
        self.unreachable_agents.remove(agent_id);
        let mut agent = lost.agent;
        let mut effects = Vec::new();
        // Frameworks removed while the agent was away: their executors are shut down.
        let orphans: Vec<(String, String)> = agent
            .executors
            .keys()
            .filter(|(framework_id, _)| !self.frameworks.contains_key(framework_id))
            .cloned()
            .collect();
        for key in orphans {
            if let Some(executor) = agent.executors.remove(&key) {
                effects.push(Effect::Kill {
                    sender: executor.kill,
                    request: KillRequest::shutdown(Some(
                        self.config.executor_shutdown_grace_period,
                    )),
                });
            }
        }
        agent
            .update_streams
            .retain(|(framework_id, _), _| self.frameworks.contains_key(framework_id));
        agent.available = agent.total.clone();
        agent.reregistered_time = Some(now_secs());
        let framework_ids: Vec<String> = self.frameworks.keys().cloned().collect();
        for framework_id in framework_ids {
            let Some(framework) = self.frameworks.get_mut(&framework_id) else {
                continue;
            };
            let returning: Vec<String> = framework
                .unreachable_tasks
                .iter()
                .filter(|(_, (task, _))| task.agent_id == agent_id)
                .map(|(id, _)| id.clone())
                .collect();
            let mut updates = Vec::new();
            for task_id in returning {
                let Some((mut task, _)) = framework.unreachable_tasks.remove(&task_id) else {
                    continue;
                };
                let Some(state) = lost
                    .task_states
                    .get(&(framework_id.clone(), task_id.clone()))
                    .copied()
                else {
                    continue;
                };
                task.state = state;
                task.resources_recovered = is_terminal(state);
                if !task.resources_recovered {
                    agent.available.subtract(&task.resources);
                }
                let status = master_status(
                    &task.info.task_id,
                    Some(agent_id),
                    state,
                    task_status::Reason::AgentReregistered,
                    format!("Agent {agent_id} reregistered"),
                );
                task.status_update_state = Some(state);
                task.latest_status = Some(status.clone());
                framework.tasks.insert(task_id, task);
                updates.push(status);
            }
            for status in updates {
                effects.extend(self.send(&framework_id, &events::update(status)));
            }
        }
        let resend: Vec<(String, String)> = agent.update_streams.keys().cloned().collect();
        self.agents.insert(agent_id.to_string(), agent);
        for (framework_id, task_id) in resend {
            effects.extend(self.resend_update(agent_id, &framework_id, &task_id));
        }
        // A drain decided while the agent was unreachable starts now.
        effects.extend(self.resume_drain(agent_id));
        effects.push(Effect::Allocate);
        Some(effects)
    }
}
