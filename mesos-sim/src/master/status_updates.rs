//! Reliable status updates: the agent's status update manager (one stream per task, only the
//! front update in flight, resent with backoff until acknowledged) and the master's side
//! (task state, resource recovery, ACKNOWLEDGE). `mesos: src/slave/task_status_update_manager.cpp`,
//! `mesos: src/master/master.cpp` `Master::statusUpdate`, `Master::acknowledge`.

use bytes::Bytes;
use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{AgentId, ExecutorId, TaskState, TaskStatus};

use super::effects::{Effect, Effects};
use super::events;
use super::state::{MasterState, new_uuid_bytes, now_secs};
use super::subscribe::push_completed;

pub(crate) use mesos_sdk::task_state::is_terminal;

impl MasterState {
    /// An executor (or the agent itself) reports a status. The agent stamps it with a uuid
    /// unless the executor sent one, and queues it on the task's stream; a replayed update
    /// (same uuid) is ignored.
    pub(crate) fn executor_status(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        mut status: TaskStatus,
    ) -> Effects {
        if status.uuid.is_none() {
            status.uuid = Some(new_uuid_bytes());
        }
        status.agent_id = Some(AgentId {
            value: agent_id.to_string(),
        });
        status.executor_id = Some(ExecutorId {
            value: executor_id.to_string(),
        });
        status.timestamp = Some(now_secs());
        self.drain_status(agent_id, framework_id, &mut status);
        let task_id = status.task_id.value.clone();
        if let Some(lost) = self.lost_agents.get_mut(agent_id) {
            // A partitioned agent keeps the update for when it re-registers.
            let key = (framework_id.to_string(), task_id);
            if let Ok(state) = TaskState::try_from(status.state) {
                lost.task_states.insert(key.clone(), state);
            }
            let stream = lost.agent.update_streams.entry(key).or_default();
            if !stream.pending.iter().any(|s| s.uuid == status.uuid) {
                stream.pending.push_back(status);
            }
            return Vec::new();
        }
        // Updates for tasks the master no longer tracks (their executor was not recovered
        // after an agent restart, or the framework is gone) have nowhere to go.
        let known = self
            .frameworks
            .get(framework_id)
            .is_some_and(|f| f.tasks.contains_key(&task_id));
        if !known {
            return Vec::new();
        }
        let Some(agent) = self.agents.get_mut(agent_id) else {
            return Vec::new();
        };
        let stream = agent
            .update_streams
            .entry((framework_id.to_string(), task_id.clone()))
            .or_default();
        if stream.pending.iter().any(|s| s.uuid == status.uuid) {
            return Vec::new();
        }
        stream.pending.push_back(status.clone());
        let first = stream.pending.len() == 1;
        if agent.stopped {
            // The agent is down: the update waits in its stream until the agent recovers.
            return Vec::new();
        }
        // The master learns the latest state right away (it rides along with the in-flight
        // update upstream as `latest_state`).
        self.note_latest_state(
            framework_id,
            &task_id,
            TaskState::try_from(status.state).ok(),
        );
        if first {
            let retry = self.config.status_update_retry;
            self.forward_update(agent_id, framework_id, &task_id, retry)
        } else {
            self.recover_if_terminal(framework_id, &task_id)
        }
    }

    fn note_latest_state(&mut self, framework_id: &str, task_id: &str, state: Option<TaskState>) {
        if let (Some(task), Some(state)) = (
            self.frameworks
                .get_mut(framework_id)
                .and_then(|f| f.tasks.get_mut(task_id)),
            state,
        ) {
            task.state = state;
        }
    }

    /// Returns a task's resources to its agent once its latest state is terminal.
    fn recover_if_terminal(&mut self, framework_id: &str, task_id: &str) -> Effects {
        let Some(task) = self
            .frameworks
            .get_mut(framework_id)
            .and_then(|f| f.tasks.get_mut(task_id))
        else {
            return Vec::new();
        };
        if task.resources_recovered || !is_terminal(task.state) {
            return Vec::new();
        }
        task.resources_recovered = true;
        let mut resources = task.resources.clone();
        let agent_id = task.agent_id.clone();
        let synthetic_executor = self
            .config
            .synthetic
            .then(|| {
                task.info
                    .executor
                    .as_ref()
                    .map(|e| e.executor_id.value.clone())
            })
            .flatten();
        if let Some(executor_id) = synthetic_executor
            && let Some(heir) =
                self.pass_synthetic_share(framework_id, &agent_id, &executor_id, task_id)
        {
            // Its executor runs on for its other tasks, one of which now holds its share.
            resources.subtract(&heir);
        }
        if let Some(agent) = self.agents.get_mut(&agent_id) {
            agent.available.add(&resources);
        }
        // Offered at the next periodic allocation: upstream allocates nothing when it
        // recovers resources (`mesos: src/master/allocator/mesos/hierarchical.cpp`,
        // `recoverResources`).
        Vec::new()
    }

    /// A task of a synthetic-mode executor ended (see `SyntheticExecutor`): if it carried the
    /// executor's share and the executor has a live task left, that task carries it from now
    /// on, and the share is returned for the caller to keep charged. The executor is
    /// forgotten with its last task.
    fn pass_synthetic_share(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        executor_id: &str,
        task_id: &str,
    ) -> Option<crate::resources::Resources> {
        let key = (framework_id.to_string(), executor_id.to_string());
        let framework = self.frameworks.get_mut(framework_id)?;
        let agent = self.agents.get_mut(agent_id)?;
        let executor = agent.synthetic_executors.get_mut(&key)?;
        executor.tasks.remove(task_id);
        let live = |id: &String| {
            framework
                .tasks
                .get(id)
                .is_some_and(|t| !t.resources_recovered)
        };
        executor.tasks.retain(live);
        if executor.carrier != task_id {
            if executor.tasks.is_empty() {
                agent.synthetic_executors.remove(&key);
            }
            return None;
        }
        let Some(heir) = executor.tasks.first().cloned() else {
            agent.synthetic_executors.remove(&key);
            return None;
        };
        executor.carrier = heir.clone();
        let share = executor.share.clone();
        if let Some(task) = framework.tasks.get_mut(&heir) {
            task.resources.add(&share);
        }
        Some(share)
    }

    /// Sends the front update of a task's stream to the scheduler and arms its retry.
    fn forward_update(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        task_id: &str,
        retry: std::time::Duration,
    ) -> Effects {
        let Some(status) = self
            .agents
            .get(agent_id)
            .and_then(|a| {
                a.update_streams
                    .get(&(framework_id.to_string(), task_id.to_string()))
            })
            .and_then(|s| s.pending.front())
            .cloned()
        else {
            return Vec::new();
        };
        let mut effects = Vec::new();
        if let Some(task) = self
            .frameworks
            .get_mut(framework_id)
            .and_then(|f| f.tasks.get_mut(task_id))
        {
            task.status_update_state = TaskState::try_from(status.state).ok();
            task.latest_status = Some(status.clone());
        }
        effects.extend(self.recover_if_terminal(framework_id, task_id));
        let uuid = status.uuid.clone().unwrap_or_default();
        effects.extend(self.send(framework_id, &events::update(status)));
        effects.push(Effect::RetryUpdate {
            agent_id: agent_id.to_string(),
            framework_id: framework_id.to_string(),
            task_id: task_id.to_string(),
            uuid,
            after: retry,
        });
        effects
    }

    /// Sends the in-flight update of a task again now (after an agent restart).
    pub(crate) fn resend_update(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        task_id: &str,
    ) -> Effects {
        let retry = self.config.status_update_retry;
        self.forward_update(agent_id, framework_id, task_id, retry)
    }

    /// The retry timer of an in-flight update fired: resend it if still unacknowledged, and
    /// double the backoff up to its cap.
    pub(crate) fn retry_update(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        task_id: &str,
        uuid: &Bytes,
        previous: std::time::Duration,
    ) -> Effects {
        if self.agent_stopped(agent_id) {
            // A stopped agent resends nothing; it resends at once when it recovers.
            return Vec::new();
        }
        let still_pending = self
            .agents
            .get(agent_id)
            .and_then(|a| {
                a.update_streams
                    .get(&(framework_id.to_string(), task_id.to_string()))
            })
            .and_then(|s| s.pending.front())
            .is_some_and(|s| s.uuid.as_ref() == Some(uuid));
        if !still_pending {
            return Vec::new();
        }
        let next = (previous * 2).min(self.config.status_update_retry_max);
        self.forward_update(agent_id, framework_id, task_id, next)
    }

    /// ACKNOWLEDGE: the agent pops the in-flight update if the uuid matches and forwards the
    /// next one; a terminal acknowledged update removes the task from the master.
    pub(crate) fn acknowledge(&mut self, framework_id: &str, ack: &call::Acknowledge) -> Effects {
        let agent_id = ack.agent_id.value.as_str();
        let task_id = ack.task_id.value.as_str();
        let key = (framework_id.to_string(), task_id.to_string());
        let Some(agent) = self.agents.get_mut(agent_id) else {
            tracing::warn!(agent_id, "acknowledgement for an unknown agent dropped");
            return Vec::new();
        };
        if agent.stopped {
            // `Master::acknowledge` drops acknowledgements for a disconnected agent.
            tracing::warn!(agent_id, "acknowledgement for a disconnected agent dropped");
            return Vec::new();
        }
        let Some(stream) = agent.update_streams.get_mut(&key) else {
            return Vec::new();
        };
        let matches = stream
            .pending
            .front()
            .is_some_and(|s| s.uuid.as_deref() == Some(ack.uuid.as_ref()));
        if !matches {
            tracing::warn!(task_id, "unexpected status update acknowledgement ignored");
            return Vec::new();
        }
        let acked = stream.pending.pop_front();
        self.acknowledged_updates += 1;
        let more = !stream.pending.is_empty();
        if !more {
            agent.update_streams.remove(&key);
        }
        let terminal = acked
            .as_ref()
            .and_then(|s| TaskState::try_from(s.state).ok())
            .is_some_and(is_terminal);
        let mut effects = Vec::new();
        if more {
            let retry = self.config.status_update_retry;
            effects.extend(self.forward_update(agent_id, framework_id, task_id, retry));
        } else if terminal && let Some(framework) = self.frameworks.get_mut(framework_id) {
            if let Some(task) = framework.tasks.remove(task_id) {
                push_completed(framework, task);
            }
            // A draining agent may have run its last task (`Master::acknowledge`).
            effects.extend(self.check_drained(agent_id));
        }
        effects
    }

    /// The executor of a task is gone; forget its handle.
    pub(crate) fn executor_exited(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
    ) {
        let key = (framework_id.to_string(), executor_id.to_string());
        if let Some(agent) = self.agents.get_mut(agent_id) {
            agent.executors.remove(&key);
        } else if let Some(lost) = self.lost_agents.get_mut(agent_id) {
            lost.agent.executors.remove(&key);
        }
    }
}
