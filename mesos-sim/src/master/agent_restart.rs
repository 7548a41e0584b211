//! Agent restart. Checkpointing frameworks keep their executors: the agent recovers its
//! status update streams and resends what is unacknowledged, and custom executors lose their
//! connection and must SUBSCRIBE again (replaying unacknowledged updates and tasks; STAGING
//! tasks they do not know become TASK_DROPPED/TASK_LOST, see `executors`). Executors of
//! frameworks without checkpointing are not recovered: they are killed, and their tasks are
//! reported by the master as TASK_LOST (TASK_GONE for PARTITION_AWARE frameworks) with
//! `REASON_AGENT_RESTARTED`, without uuid. (`mesos: src/slave/slave.cpp` `Slave::recover`;
//! the master-side wording of the lost tasks is this simulator's, see the report.)
//!
//! An agent can also stop and stay down for a while (`Cluster::stop_agent`): the master sees
//! its connection close and deactivates it (its offers are rescinded and it is not offered),
//! then marks it unreachable if it does not come back in time (`mesos: src/master/master.cpp`
//! `Master::exited`, `SlaveObserver`). Its executors run on: the ones of checkpointing
//! frameworks retry their SUBSCRIBE until the agent's recovery timeout, then exit. What they
//! report meanwhile waits for the agent to recover.

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
    /// Stops an agent process; returns the stop's epoch for the unreachability timer, or
    /// `None` if there is no such agent.
    pub(crate) fn stop_agent(&mut self, agent_id: &str) -> Option<(Effects, u64)> {
        let agent = self.agents.get_mut(agent_id)?;
        if agent.stopped {
            return Some((Vec::new(), agent.stop_epoch));
        }
        agent.stopped = true;
        agent.stop_epoch += 1;
        let epoch = agent.stop_epoch;
        for executor in agent.executors.values_mut() {
            if let Some(custom) = executor.custom.as_mut() {
                // Their SUBSCRIBE streams end with the agent process.
                custom.connection = None;
            }
        }
        let mut effects = self.rescind_agent_offers(agent_id);
        effects.extend(self.remove_non_checkpointing_frameworks(agent_id));
        Some((effects, epoch))
    }

    /// A disconnected agent keeps nothing of the frameworks that do not checkpoint: their
    /// tasks there are TASK_LOST at once (`REASON_AGENT_DISCONNECTED`, from the master,
    /// without uuid) and their executors are gone (they do not outlive their agent). Mesos
    /// 1.11.0 `Master::exited` → `Master::removeFramework(Slave*, Framework*)`.
    fn remove_non_checkpointing_frameworks(&mut self, agent_id: &str) -> Effects {
        let mut effects = Vec::new();
        let hostname = self
            .agents
            .get(agent_id)
            .map(|a| a.info.hostname.clone())
            .unwrap_or_default();
        let frameworks: Vec<String> = self
            .frameworks
            .iter()
            .filter(|(_, f)| !f.info.checkpoint.unwrap_or(false))
            .filter(|(_, f)| f.tasks.values().any(|t| t.agent_id == agent_id))
            .map(|(id, _)| id.clone())
            .collect();
        for framework_id in &frameworks {
            let Some(framework) = self.frameworks.get_mut(framework_id) else {
                continue;
            };
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
                let mut status = master_status(
                    &task.info.task_id,
                    Some(agent_id),
                    TaskState::TaskLost,
                    task_status::Reason::AgentDisconnected,
                    format!("Agent {hostname} disconnected"),
                );
                if task.info.executor.is_some() {
                    status.executor_id = Some(mesos_sdk::v1::ExecutorId {
                        value: task.executor_id.clone(),
                    });
                }
                if !task.resources_recovered {
                    task.resources_recovered = true;
                    if let Some(agent) = self.agents.get_mut(agent_id) {
                        agent.available.add(&task.resources);
                    }
                }
                task.state = TaskState::TaskLost;
                task.status_update_state = Some(TaskState::TaskLost);
                task.latest_status = Some(status.clone());
                if let Some(framework) = self.frameworks.get_mut(framework_id) {
                    push_completed(framework, task);
                }
                updates.push(status);
            }
            for status in updates {
                effects.extend(self.send(framework_id, &events::update(status)));
            }
        }
        if let Some(agent) = self.agents.get_mut(agent_id) {
            let keys: Vec<(String, String)> = agent
                .executors
                .keys()
                .filter(|(f, _)| frameworks.contains(f))
                .cloned()
                .collect();
            for key in keys {
                if let Some(executor) = agent.executors.remove(&key) {
                    effects.push(Effect::Kill {
                        sender: executor.kill,
                        request: KillRequest::shutdown(Some(Duration::ZERO)),
                    });
                }
            }
            agent
                .update_streams
                .retain(|(framework_id, _), _| !frameworks.contains(framework_id));
        }
        effects
    }

    /// The master has not heard from a stopped agent for its ping timeouts: it is marked
    /// unreachable, unless it came back (or stopped again) since `epoch`.
    pub(crate) fn stopped_agent_timed_out(&mut self, agent_id: &str, epoch: u64) -> Effects {
        let still_down = self
            .agents
            .get(agent_id)
            .is_some_and(|a| a.stopped && a.stop_epoch == epoch);
        if !still_down {
            return Vec::new();
        }
        self.mark_agent_unreachable(agent_id).unwrap_or_default()
    }

    /// Whether the agent process is down.
    pub(crate) fn agent_stopped(&self, agent_id: &str) -> bool {
        self.agents.get(agent_id).is_some_and(|a| a.stopped)
    }

    /// Restarts an agent (a stopped one comes back up); `None` if there is no such agent.
    pub(crate) fn restart_agent(&mut self, agent_id: &str) -> Option<Effects> {
        let agent = self.agents.get_mut(agent_id)?;
        let mut effects = Vec::new();
        agent.stopped = false;
        // Recovery finds the executors that ended while the agent was down.
        let exited = std::mem::take(&mut agent.exited_while_stopped);
        for (framework_id, executor_id, code) in exited {
            effects.extend(self.executor_terminated(agent_id, &framework_id, &executor_id, code));
        }
        // What running executors reported meanwhile is the latest state the master learns.
        let queued: Vec<(String, String, i32)> = self
            .agents
            .get(agent_id)
            .map(|a| {
                a.update_streams
                    .iter()
                    .filter_map(|((f, t), s)| Some((f.clone(), t.clone(), s.pending.back()?.state)))
                    .collect()
            })
            .unwrap_or_default();
        for (framework_id, task_id, state) in queued {
            if let (Some(task), Ok(state)) = (
                self.frameworks
                    .get_mut(&framework_id)
                    .and_then(|f| f.tasks.get_mut(&task_id)),
                TaskState::try_from(state),
            ) {
                task.state = state;
            }
        }
        let Some(agent) = self.agents.get_mut(agent_id) else {
            return Some(effects);
        };
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
                    // The connection breaks with the agent process, and the recovered
                    // executor is REGISTERING until it subscribes again.
                    custom.connection = None;
                    custom.recovering = true;
                }
                continue;
            }
            if let Some(executor) = agent.executors.remove(&(framework_id.clone(), executor_id)) {
                effects.push(Effect::Kill {
                    sender: executor.kill,
                    request: KillRequest::shutdown(Some(Duration::ZERO)),
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
        // Back, a draining agent is told again to drain.
        effects.extend(self.resume_drain(agent_id));
        effects.push(Effect::Allocate);
        Some(effects)
    }
}
