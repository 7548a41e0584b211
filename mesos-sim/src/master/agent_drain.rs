//! DEACTIVATE_AGENT, REACTIVATE_AGENT and DRAIN_AGENT. A deactivated agent keeps its tasks but
//! none of its resources are offered (its outstanding offers and inverse offers are
//! rescinded); a draining one is deactivated and its tasks are killed, with grace periods no
//! longer than the drain's `max_grace_period`. Once the master tracks no task on it the agent
//! is DRAINED, or marked gone if the drain said `mark_gone`. Only REACTIVATE_AGENT undoes
//! either, and not while the agent is still DRAINING. `mesos: src/master/http.cpp`
//! `Master::Http::_drainAgent`, `_deactivateAgent`, `_reactivateAgent`;
//! `mesos: src/master/master.cpp` `Master::deactivate`, `checkAndTransitionDrainingAgent`;
//! `mesos: src/slave/slave.cpp` `Slave::drain`, `Slave::statusUpdate`.

use http::StatusCode;
use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{
    AgentId, DrainConfig, DrainInfo, DrainState, DurationInfo, KillPolicy, TaskState, TaskStatus,
    task_status,
};

use super::effects::{Effect, Effects};
use super::maintenance_schedule::{machine_of, machine_text, same_machine};
use super::state::{MasterState, now_secs};
use super::status_updates::is_terminal;

/// The master's record of an agent being drained (`Master::slaves.draining`, and the
/// agent's `estimatedDrainStartTime`).
#[derive(Clone, Debug)]
pub(crate) struct Drain {
    pub(crate) info: DrainInfo,
    /// When the master last told the registered agent to drain (seconds since the epoch).
    pub(crate) estimated_start: Option<f64>,
}

impl Drain {
    fn state(&self) -> DrainState {
        self.info.state()
    }

    fn mark_gone(&self) -> bool {
        self.info.config.mark_gone.unwrap_or(false)
    }
}

/// Why an operator call about an agent is refused: the status code and upstream's message.
pub(crate) type Refusal = (StatusCode, String);

fn bad_request(message: impl Into<String>) -> Refusal {
    (StatusCode::BAD_REQUEST, message.into())
}

/// The drain's kill policy for a task (`calculateKillPolicy` in `Slave::drain`): the drain's
/// bound when the task has no grace period of its own or a longer one, else the task's own
/// (`None`).
fn drain_kill_policy(
    max_grace_period: Option<&DurationInfo>,
    task_policy: Option<&KillPolicy>,
) -> Option<KillPolicy> {
    let max = max_grace_period?;
    let bounded = KillPolicy {
        grace_period: Some(*max),
    };
    match task_policy.and_then(|p| p.grace_period.as_ref()) {
        Some(own) if own.nanoseconds <= max.nanoseconds => None,
        _ => Some(bounded),
    }
}

impl MasterState {
    /// Whether the master knows the agent: registered (connected or not) or unreachable.
    fn agent_known(&self, agent_id: &str) -> bool {
        self.agents.contains_key(agent_id) || self.unreachable_agents.contains_key(agent_id)
    }

    /// DEACTIVATE_AGENT: the agent's resources are no longer offered. Deactivating twice is
    /// fine; an unreachable agent stays deactivated when it comes back.
    pub(crate) fn deactivate_agent(&mut self, agent_id: &str) -> Result<Effects, Refusal> {
        if !self.agent_known(agent_id) {
            return Err(bad_request("Unknown agent"));
        }
        self.maintenance.deactivated.insert(agent_id.to_string());
        Ok(self.deactivate(agent_id))
    }

    /// `Master::deactivate`: the registered agent's offers and inverse offers are rescinded
    /// (the allocator skips deactivated agents from now on).
    fn deactivate(&mut self, agent_id: &str) -> Effects {
        if !self.agents.contains_key(agent_id) {
            return Vec::new();
        }
        self.rescind_agent_offers(agent_id)
    }

    /// REACTIVATE_AGENT: undoes DEACTIVATE_AGENT, or DRAIN_AGENT once the agent is DRAINED.
    /// The drain record goes too. Whether the agent is deactivated is asked first, so an
    /// unknown agent is "not deactivated".
    pub(crate) fn reactivate_agent(&mut self, agent_id: &str) -> Result<Effects, Refusal> {
        if !self.maintenance.deactivated.contains(agent_id) {
            return Err(bad_request("Agent is not deactivated"));
        }
        if self
            .maintenance
            .drains
            .get(agent_id)
            .is_some_and(|d| d.state() == DrainState::Draining)
        {
            return Err(bad_request("Agent is still in the DRAINING state"));
        }
        self.maintenance.drains.remove(agent_id);
        self.maintenance.deactivated.remove(agent_id);
        // Upstream forgets the deactivation before it looks the agent up, so an unreachable
        // agent comes back active.
        if !self.agents.contains_key(agent_id) {
            return Err((
                StatusCode::CONFLICT,
                "Agent removed while processing the call".into(),
            ));
        }
        // A disconnected agent is reactivated when it comes back (the allocator skips
        // stopped agents anyway).
        Ok(vec![Effect::Allocate])
    }

    /// DRAIN_AGENT. The checks of `Master::Http::drainAgent` (maintenance schedule) and
    /// `_drainAgent` (unknown agent) in that order; then the agent is DRAINING and
    /// deactivated, told to kill its tasks, and DRAINED at once if it has none. Draining a
    /// drained agent again starts over with the new configuration.
    pub(crate) fn drain_agent(
        &mut self,
        agent_id: &str,
        max_grace_period: Option<DurationInfo>,
        mark_gone: bool,
    ) -> Result<Effects, Refusal> {
        if let Some(agent) = self.agents.get(agent_id) {
            let machine = machine_of(agent);
            let scheduled = self
                .maintenance
                .schedule
                .windows
                .iter()
                .flat_map(|w| w.machine_ids.iter())
                .any(|m| same_machine(m, &machine));
            if scheduled {
                return Err(bad_request(format!(
                    "Agent {agent_id} is part of a maintenance schedule under Machine {}",
                    machine_text(&machine)
                )));
            }
        }
        if !self.agent_known(agent_id) {
            return Err(bad_request("Unknown agent"));
        }
        let config = DrainConfig {
            max_grace_period,
            mark_gone: Some(mark_gone),
        };
        let registered = self.agents.contains_key(agent_id);
        self.maintenance.drains.insert(
            agent_id.to_string(),
            Drain {
                info: DrainInfo {
                    state: DrainState::Draining as i32,
                    config,
                },
                estimated_start: registered.then(now_secs),
            },
        );
        self.maintenance.deactivated.insert(agent_id.to_string());
        if !registered {
            // An unreachable agent drains when it comes back (`resume_drain`).
            return Ok(Vec::new());
        }
        let mut effects = self.deactivate(agent_id);
        effects.extend(self.kill_for_drain(agent_id));
        effects.extend(self.check_drained(agent_id));
        Ok(effects)
    }

    /// The agent's side of a drain (`Slave::drain`): every task it still runs is killed, with
    /// the drain's bound on its grace period. A stopped agent never hears of it until it is
    /// back (see `resume_drain`).
    fn kill_for_drain(&mut self, agent_id: &str) -> Effects {
        let Some(drain) = self.maintenance.drains.get(agent_id) else {
            return Vec::new();
        };
        if self.agents.get(agent_id).is_none_or(|a| a.stopped) {
            return Vec::new();
        }
        let max_grace_period = drain.info.config.max_grace_period;
        let kills: Vec<(String, call::Kill)> = self
            .frameworks
            .values()
            .flat_map(|f| f.tasks.values())
            .filter(|t| t.agent_id == agent_id && !is_terminal(t.state))
            .map(|t| {
                (
                    t.framework_id.clone(),
                    call::Kill {
                        task_id: t.info.task_id.clone(),
                        agent_id: Some(AgentId {
                            value: agent_id.to_string(),
                        }),
                        kill_policy: drain_kill_policy(
                            max_grace_period.as_ref(),
                            t.info.kill_policy.as_ref(),
                        ),
                    },
                )
            })
            .collect();
        let mut effects = Vec::new();
        for (framework_id, kill) in kills {
            effects.extend(self.kill(&framework_id, &kill));
        }
        effects
    }

    /// A draining agent that is back (restarted, or re-registered after being unreachable) is
    /// told to drain again, and may be drained already (`Master::_reregisterSlave`,
    /// `___reregisterSlave`).
    pub(crate) fn resume_drain(&mut self, agent_id: &str) -> Effects {
        if !self.maintenance.drains.contains_key(agent_id) {
            return Vec::new();
        }
        let mut effects = self.kill_for_drain(agent_id);
        effects.extend(self.check_drained(agent_id));
        effects
    }

    /// `checkAndTransitionDrainingAgent`: a DRAINING agent with no task the master tracks
    /// and no operation pending becomes DRAINED, or is marked gone if the drain says so.
    /// Upstream checks after each acknowledgement and (re-)registration, not when a
    /// framework's removal takes its tasks away.
    pub(crate) fn check_drained(&mut self, agent_id: &str) -> Effects {
        let Some(drain) = self.maintenance.drains.get(agent_id) else {
            return Vec::new();
        };
        if drain.state() == DrainState::Drained || !self.agents.contains_key(agent_id) {
            return Vec::new();
        }
        let busy = self.frameworks.values().any(|f| {
            f.tasks.values().any(|t| t.agent_id == agent_id)
                || f.operations.values().any(|o| o.agent_id == agent_id)
        });
        if busy {
            return Vec::new();
        }
        if drain.mark_gone() {
            return self.mark_agent_gone(agent_id).unwrap_or_default();
        }
        if let Some(drain) = self.maintenance.drains.get_mut(agent_id) {
            drain.info.state = DrainState::Drained as i32;
        }
        Vec::new()
    }

    /// What the agent adds to a task's TASK_KILLING or TASK_KILLED while it drains: the
    /// reason `REASON_AGENT_DRAINING`, and TASK_GONE_BY_OPERATOR instead for a
    /// partition-aware framework when the agent is to be marked gone (`Slave::statusUpdate`).
    pub(crate) fn drain_status(&self, agent_id: &str, framework_id: &str, status: &mut TaskStatus) {
        let Some(drain) = self.maintenance.drains.get(agent_id) else {
            return;
        };
        if drain.state() != DrainState::Draining {
            return;
        }
        let state = status.state();
        if state != TaskState::TaskKilling && state != TaskState::TaskKilled {
            return;
        }
        status.reason = Some(task_status::Reason::AgentDraining as i32);
        let partition_aware = self
            .frameworks
            .get(framework_id)
            .is_some_and(|f| f.partition_aware());
        if drain.mark_gone() && partition_aware {
            status.state = TaskState::TaskGoneByOperator as i32;
        }
    }

    /// The agent's drain record and deactivation, as GET_AGENTS and `/state` show them.
    pub(crate) fn drain_of(&self, agent_id: &str) -> Option<&Drain> {
        self.maintenance.drains.get(agent_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drain_bounds_longer_or_missing_grace_periods_only() {
        let ns = |nanoseconds| DurationInfo { nanoseconds };
        let policy = |nanoseconds| KillPolicy {
            grace_period: Some(ns(nanoseconds)),
        };
        assert_eq!(drain_kill_policy(None, Some(&policy(5))), None);
        assert_eq!(drain_kill_policy(Some(&ns(3)), None), Some(policy(3)));
        assert_eq!(
            drain_kill_policy(Some(&ns(3)), Some(&KillPolicy::default())),
            Some(policy(3))
        );
        assert_eq!(
            drain_kill_policy(Some(&ns(3)), Some(&policy(5))),
            Some(policy(3))
        );
        assert_eq!(drain_kill_policy(Some(&ns(3)), Some(&policy(3))), None);
        assert_eq!(drain_kill_policy(Some(&ns(3)), Some(&policy(1))), None);
    }
}
