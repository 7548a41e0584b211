//! The operator's maintenance schedule: UPDATE_MAINTENANCE_SCHEDULE, START_MAINTENANCE and
//! STOP_MAINTENANCE, and the schedule and status the GET calls read. Maintenance is per
//! machine (hostname and IP, the hostname compared without case): a scheduled machine is
//! DRAINING and its agents' offers carry the window's unavailability (see `maintenance`);
//! START_MAINTENANCE brings it DOWN, removing its agents; STOP_MAINTENANCE brings it back UP
//! and out of the schedule. `mesos: src/master/http.cpp` `Master::Http::_updateMaintenanceSchedule`,
//! `___updateMaintenanceSchedule`, `_startMaintenance`, `_stopMaintenance`,
//! `_getMaintenanceStatus`; `mesos: src/master/maintenance.cpp` (validation);
//! `mesos: src/master/master.cpp` `Master::updateUnavailability`.

use std::net::Ipv4Addr;

use mesos_sdk::v1::machine_info::Mode;
use mesos_sdk::v1::maintenance::{ClusterStatus, Schedule, Window, cluster_status};
use mesos_sdk::v1::{MachineId, TaskState, Unavailability, task_status};

use super::effects::{Effect, Effects};
use super::operator_api::TaskEnd;
use super::state::MasterState;
use crate::agent::Agent;

/// A machine the schedule took out of UP mode (`Master::machines`; machines only ever seen
/// UP are the agents' own and are not kept).
#[derive(Clone, Debug)]
pub(crate) struct Machine {
    /// As the master first knew it: from its agent's registration, else from the schedule.
    pub(crate) id: MachineId,
    pub(crate) mode: Mode,
    pub(crate) unavailability: Option<Unavailability>,
}

/// The machine an agent runs on, as the master derives it at registration: the agent's
/// hostname and the IP it connects from.
pub(crate) fn machine_of(agent: &Agent) -> MachineId {
    MachineId {
        hostname: Some(agent.info.hostname.clone()),
        ip: Some(agent.endpoint.ip().to_string()),
    }
}

/// Upstream's `MachineID` equality: the same fields set, hostnames equal without case, IPs
/// equal.
pub(crate) fn same_machine(a: &MachineId, b: &MachineId) -> bool {
    a.hostname.is_some() == b.hostname.is_some()
        && a.hostname.as_deref().unwrap_or_default().to_lowercase()
            == b.hostname.as_deref().unwrap_or_default().to_lowercase()
        && a.ip == b.ip
}

/// A machine as log lines and some messages print it: `host (ip)`, `host` or `(ip)`.
pub(crate) fn machine_text(id: &MachineId) -> String {
    match (&id.hostname, &id.ip) {
        (Some(hostname), Some(ip)) => format!("{hostname} ({ip})"),
        (Some(hostname), None) => hostname.clone(),
        (None, ip) => format!("({})", ip.as_deref().unwrap_or_default()),
    }
}

/// A machine as validation messages print it: its JSON.
fn machine_json(id: &MachineId) -> String {
    mesos_sdk::json::to_value(id)
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// `maintenance::validation::machine`: a hostname or an IP, and the IP an IPv4 address.
fn validate_machine(id: &MachineId) -> Result<(), String> {
    let hostname = id.hostname.as_deref().unwrap_or_default();
    let ip = id.ip.as_deref().unwrap_or_default();
    if hostname.is_empty() && ip.is_empty() {
        return Err("Both 'hostname' and 'ip' for a machine are empty".into());
    }
    if !ip.is_empty() && ip.parse::<Ipv4Addr>().is_err() {
        return Err(format!("Failed to parse IPv4: {ip}"));
    }
    Ok(())
}

/// Each machine valid and listed once.
fn validate_unique(ids: &[&MachineId]) -> Result<(), String> {
    for (index, id) in ids.iter().enumerate() {
        validate_machine(id)?;
        if ids[..index].iter().any(|seen| same_machine(seen, id)) {
            return Err(format!(
                "Machine '{}' appears more than once in the schedule",
                machine_json(id)
            ));
        }
    }
    Ok(())
}

/// `maintenance::validation::machines` (START_MAINTENANCE, STOP_MAINTENANCE).
fn validate_machines(ids: &[MachineId]) -> Result<(), String> {
    if ids.is_empty() {
        return Err("List of machines is empty".into());
    }
    validate_unique(&ids.iter().collect::<Vec<_>>())
}

impl MasterState {
    /// The kept record of a machine.
    fn machine(&self, id: &MachineId) -> Option<&Machine> {
        self.maintenance
            .machines
            .iter()
            .find(|m| same_machine(&m.id, id))
    }

    /// A machine's mode: UP unless the schedule changed it.
    fn machine_mode(&self, id: &MachineId) -> Mode {
        self.machine(id).map_or(Mode::Up, |m| m.mode)
    }

    /// The registered agents on a machine.
    fn agents_on(&self, id: &MachineId) -> Vec<String> {
        self.agents
            .values()
            .filter(|a| same_machine(&machine_of(a), id))
            .map(|a| a.id.clone())
            .collect()
    }

    /// Whether the master knows the machine: scheduled once, or an agent's.
    fn machine_known(&self, id: &MachineId) -> bool {
        self.machine(id).is_some()
            || self
                .agents
                .values()
                .chain(self.lost_agents.values().map(|l| &l.agent))
                .any(|a| same_machine(&machine_of(a), id))
    }

    /// Every machine the master knows, each once: the kept ones, then the agents'.
    fn known_machines(&self) -> Vec<MachineId> {
        let mut ids: Vec<MachineId> = self
            .maintenance
            .machines
            .iter()
            .map(|m| m.id.clone())
            .collect();
        for agent in self
            .agents
            .values()
            .chain(self.lost_agents.values().map(|l| &l.agent))
        {
            let id = machine_of(agent);
            if !ids.iter().any(|known| same_machine(known, &id)) {
                ids.push(id);
            }
        }
        ids
    }

    /// Sets a machine's mode and unavailability, keeping its record.
    fn set_machine(&mut self, id: &MachineId, mode: Mode, unavailability: Option<Unavailability>) {
        if let Some(machine) = self
            .maintenance
            .machines
            .iter_mut()
            .find(|m| same_machine(&m.id, id))
        {
            machine.mode = mode;
            machine.unavailability = unavailability;
            return;
        }
        // The master's key for an agent's machine is the one its registration made.
        let id = self
            .agents
            .values()
            .map(machine_of)
            .find(|known| same_machine(known, id))
            .unwrap_or_else(|| id.clone());
        self.maintenance.machines.push(Machine {
            id,
            mode,
            unavailability,
        });
    }

    /// `Master::updateUnavailability`: every agent on the machine has its offers and inverse
    /// offers rescinded and its allocator record replaced (earlier answers forgotten), or
    /// removed when the machine has no unavailability any more. Upstream does this whether
    /// or not the unavailability changed.
    fn update_unavailability(
        &mut self,
        id: &MachineId,
        unavailability: Option<Unavailability>,
    ) -> Effects {
        let mode = self.machine_mode(id);
        if self.machine(id).is_some() || unavailability.is_some() {
            self.set_machine(id, mode, unavailability);
        }
        let mut effects = Vec::new();
        for agent_id in self.agents_on(id) {
            match &unavailability {
                Some(unavailability) => effects.extend(
                    self.schedule_maintenance(std::slice::from_ref(&agent_id), unavailability)
                        .unwrap_or_default(),
                ),
                None => {
                    effects.extend(self.rescind_agent_offers(&agent_id));
                    self.maintenance.agents.remove(&agent_id);
                }
            }
        }
        effects
    }

    /// UPDATE_MAINTENANCE_SCHEDULE: validated against the machines (`Err` is the 400's
    /// message), then machines left out of it go back UP, DRAINING machines still in it take
    /// their new unavailability, and new ones become DRAINING. The schedule replaces the
    /// last one.
    pub(crate) fn update_maintenance_schedule(
        &mut self,
        schedule: Schedule,
    ) -> Result<Effects, String> {
        let mut scheduled: Vec<(&MachineId, Unavailability)> = Vec::new();
        for window in &schedule.windows {
            if window.machine_ids.is_empty() {
                return Err("List of machines in the maintenance window is empty".into());
            }
            if window
                .unavailability
                .duration
                .is_some_and(|d| d.nanoseconds < 0)
            {
                return Err("Unavailability 'duration' is negative".into());
            }
            for id in &window.machine_ids {
                validate_machine(id)?;
                if scheduled.iter().any(|(seen, _)| same_machine(seen, id)) {
                    return Err(format!(
                        "Machine '{}' appears more than once in the schedule",
                        machine_json(id)
                    ));
                }
                scheduled.push((id, window.unavailability));
            }
        }
        let in_schedule = |id: &MachineId| {
            scheduled
                .iter()
                .find(|(s, _)| same_machine(s, id))
                .map(|(_, u)| *u)
        };
        if let Some(down) = self
            .maintenance
            .machines
            .iter()
            .find(|m| m.mode == Mode::Down && in_schedule(&m.id).is_none())
        {
            return Err(format!(
                "Machine '{}' is deactivated and cannot be removed from the schedule",
                machine_json(&down.id)
            ));
        }
        let mut effects = Vec::new();
        // Known machines: those staying in the schedule (unless UP) take their new
        // unavailability; the others go back UP, which rescinds their agents' offers too.
        for id in self.known_machines() {
            match in_schedule(&id) {
                Some(_) if self.machine_mode(&id) == Mode::Up => {}
                Some(unavailability) => {
                    effects.extend(self.update_unavailability(&id, Some(unavailability)));
                }
                None => {
                    if self.machine(&id).is_some() {
                        self.set_machine(&id, Mode::Up, None);
                    }
                    effects.extend(self.update_unavailability(&id, None));
                }
            }
        }
        // New machines, and UP ones, start DRAINING.
        for (id, unavailability) in &scheduled {
            if self.machine_mode(id) != Mode::Up {
                continue;
            }
            self.set_machine(id, Mode::Draining, Some(*unavailability));
            effects.extend(self.update_unavailability(id, Some(*unavailability)));
        }
        self.maintenance.schedule = schedule;
        effects.push(Effect::Allocate);
        Ok(effects)
    }

    /// The checks START_ and STOP_MAINTENANCE make, in upstream's order and words: valid
    /// machine ids, each part of the schedule and in `mode` (named `mode_name`), to be
    /// brought `direction` (`Err` is the 400's message).
    fn check_machines(
        &self,
        ids: &[MachineId],
        mode: Mode,
        mode_name: &str,
        direction: &str,
    ) -> Result<(), String> {
        validate_machines(ids)?;
        for id in ids {
            if !self.machine_known(id) {
                return Err(format!(
                    "Machine '{}' is not part of a maintenance schedule",
                    machine_json(id)
                ));
            }
            if self.machine_mode(id) != mode {
                return Err(format!(
                    "Machine '{}' is not in {mode_name} mode and cannot be brought {direction}",
                    machine_json(id)
                ));
            }
        }
        Ok(())
    }

    /// START_MAINTENANCE: each machine must be known and DRAINING (`Err` is the 400's
    /// message); its agents are shut down and removed, their tasks TASK_LOST with
    /// `REASON_AGENT_REMOVED`, and it is DOWN.
    pub(crate) fn start_maintenance(&mut self, ids: &[MachineId]) -> Result<Effects, String> {
        self.check_machines(ids, Mode::Draining, "DRAINING", "down")?;
        let mut effects = Vec::new();
        for id in ids {
            for agent_id in self.agents_on(id) {
                let hostname = self
                    .agents
                    .get(&agent_id)
                    .map(|a| a.info.hostname.clone())
                    .unwrap_or_default();
                // `_removeSlave` ends every task TASK_LOST, partition-aware or not.
                let lost = (TaskState::TaskLost, task_status::Reason::AgentRemoved);
                effects.extend(self.remove_agent(
                    &agent_id,
                    &TaskEnd {
                        partition_aware: lost,
                        other: lost,
                        message: format!(
                            "Agent {hostname} removed: Operator initiated 'Machine DOWN'"
                        ),
                    },
                ));
            }
            let unavailability = self.machine(id).and_then(|m| m.unavailability);
            self.set_machine(id, Mode::Down, unavailability);
        }
        Ok(effects)
    }

    /// STOP_MAINTENANCE: each machine must be known and DOWN (`Err` is the 400's message);
    /// it is UP again, without unavailability, and leaves the schedule (emptied windows
    /// go too).
    pub(crate) fn stop_maintenance(&mut self, ids: &[MachineId]) -> Result<Effects, String> {
        self.check_machines(ids, Mode::Down, "DOWN", "up")?;
        for id in ids {
            self.set_machine(id, Mode::Up, None);
        }
        for window in &mut self.maintenance.schedule.windows {
            window
                .machine_ids
                .retain(|m| !ids.iter().any(|id| same_machine(id, m)));
        }
        self.maintenance
            .schedule
            .windows
            .retain(|w| !w.machine_ids.is_empty());
        Ok(Vec::new())
    }

    /// Whether an agent's maintenance record comes from the operator's schedule (its
    /// machine is out of UP mode), rather than from `Cluster::schedule_maintenance`.
    fn scheduled_by_machine(&self, agent_id: &str) -> bool {
        self.agents
            .get(agent_id)
            .is_some_and(|a| self.machine_mode(&machine_of(a)) != Mode::Up)
    }

    /// GET_MAINTENANCE_SCHEDULE: the operator's schedule, then a window for each agent
    /// scheduled on its own through `Cluster::schedule_maintenance`.
    pub(crate) fn maintenance_schedule(&self) -> Schedule {
        let mut schedule = self.maintenance.schedule.clone();
        for (agent_id, record) in &self.maintenance.agents {
            if self.scheduled_by_machine(agent_id) {
                continue;
            }
            if let Some(agent) = self.agents.get(agent_id) {
                schedule.windows.push(Window {
                    machine_ids: vec![machine_of(agent)],
                    unavailability: record.unavailability,
                });
            }
        }
        schedule
    }

    /// GET_MAINTENANCE_STATUS: DRAINING machines with the inverse offer answers of their
    /// agents, and DOWN machines; then each agent scheduled on its own as a machine.
    pub(crate) fn maintenance_status(&self) -> ClusterStatus {
        let mut status = ClusterStatus::default();
        let answers = |agent_ids: &[String]| {
            agent_ids
                .iter()
                .filter_map(|a| self.maintenance.agents.get(a))
                .flat_map(|m| m.statuses.values().cloned())
                .collect()
        };
        for machine in &self.maintenance.machines {
            match machine.mode {
                Mode::Draining => status
                    .draining_machines
                    .push(cluster_status::DrainingMachine {
                        id: machine.id.clone(),
                        statuses: answers(&self.agents_on(&machine.id)),
                    }),
                Mode::Down => status.down_machines.push(machine.id.clone()),
                Mode::Up => {}
            }
        }
        for agent_id in self.maintenance.agents.keys() {
            if self.scheduled_by_machine(agent_id) {
                continue;
            }
            if let Some(agent) = self.agents.get(agent_id) {
                status
                    .draining_machines
                    .push(cluster_status::DrainingMachine {
                        id: machine_of(agent),
                        statuses: answers(std::slice::from_ref(agent_id)),
                    });
            }
        }
        status
    }
}
