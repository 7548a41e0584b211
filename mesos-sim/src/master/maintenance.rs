//! Maintenance and inverse offers. An agent scheduled for maintenance is DRAINING: its
//! offers carry the `unavailability`, and every allocation sends an inverse offer to each
//! active framework with resources offered or allocated on it, unless one is outstanding or
//! the framework refused them (`Filters.refuse_seconds`). ACCEPT_INVERSE_OFFERS and
//! DECLINE_INVERSE_OFFERS record the framework's answer, which the operator reads back.
//! The records here are per agent: the operator's schedule sets them for every agent of a
//! scheduled machine (`maintenance_schedule`), `Cluster::schedule_maintenance` for single
//! agents. `mesos: src/master/master.cpp` `Master::inverseOffer`,
//! `Master::acceptInverseOffers`, `Master::declineInverseOffers`,
//! `Master::updateUnavailability`; `mesos: src/master/allocator/mesos/hierarchical.cpp`
//! `generateInverseOffers`, `updateInverseOffer`.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use mesos_sdk::v1::allocator::{InverseOfferStatus, inverse_offer_status};
use mesos_sdk::v1::scheduler::{Event, event};
use mesos_sdk::v1::{
    AgentId, Filters, FrameworkId, InverseOffer, OfferId, TimeInfo, Unavailability,
};
use tokio::time::Instant;

use super::allocator::DEFAULT_REFUSE_SECONDS;
use super::effects::{Effect, Effects};
use super::state::{MasterState, now_secs};

/// The allocator's maintenance record of one agent.
#[derive(Clone, Debug)]
pub(crate) struct Maintenance {
    pub(crate) unavailability: Unavailability,
    /// Frameworks holding an inverse offer for the agent.
    pub(crate) outstanding: BTreeSet<String>,
    /// Each framework's latest answer.
    pub(crate) statuses: BTreeMap<String, InverseOfferStatus>,
    /// Until when each framework refuses inverse offers for the agent.
    pub(crate) filters: BTreeMap<String, Instant>,
}

/// An inverse offer the master has sent and not yet seen answered.
#[derive(Clone, Debug)]
pub(crate) struct InverseOfferRecord {
    pub(crate) inverse_offer: InverseOffer,
    pub(crate) framework_id: String,
    pub(crate) agent_id: String,
}

/// Everything the master knows about maintenance: the allocator's per-agent records, the
/// operator's machine schedule (`machines`, `schedule`; see `maintenance_schedule`), and
/// the per-agent draining and deactivation of DRAIN_AGENT / DEACTIVATE_AGENT (see
/// `agent_drain`), Mesos' newer maintenance primitive.
#[derive(Debug, Default)]
pub(crate) struct MaintenanceState {
    /// The allocator's record of each agent with an unavailability, by agent id.
    pub(crate) agents: BTreeMap<String, Maintenance>,
    /// The schedule as the operator last set it (upstream keeps one).
    pub(crate) schedule: mesos_sdk::v1::maintenance::Schedule,
    /// Machines the schedule has taken out of UP mode (or that came back UP), in the order
    /// they were first scheduled.
    pub(crate) machines: Vec<super::maintenance_schedule::Machine>,
    /// Agents draining or drained (DRAIN_AGENT), by agent id.
    pub(crate) drains: BTreeMap<String, super::agent_drain::Drain>,
    /// Agents the operator deactivated (DEACTIVATE_AGENT, DRAIN_AGENT) until REACTIVATE_AGENT.
    pub(crate) deactivated: BTreeSet<String>,
}

impl MaintenanceState {
    /// The allocator's maintenance record of an agent, if it is scheduled for maintenance.
    pub(crate) fn get(&self, agent_id: &str) -> Option<&Maintenance> {
        self.agents.get(agent_id)
    }

    /// Whether the operator deactivated the agent: nothing of it is offered.
    pub(crate) fn is_deactivated(&self, agent_id: &str) -> bool {
        self.deactivated.contains(agent_id)
    }
}

/// Whether the framework accepts or declines inverse offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    Accept,
    Decline,
}

/// `TimeInfo` for seconds since the epoch.
pub(crate) fn time_info(secs: f64) -> TimeInfo {
    TimeInfo {
        nanoseconds: (secs * 1e9) as i64,
    }
}

/// How long an inverse-offer refusal lasts: `refuse_seconds` with the regular default of 5 s
/// for an absent, negative or non-finite value; `None` for zero (no filter). The master
/// always passes the call's `Filters` (a default instance when unset).
fn refusal(filters: Option<&Filters>) -> Option<Duration> {
    let mut seconds = filters
        .and_then(|f| f.refuse_seconds)
        .unwrap_or(DEFAULT_REFUSE_SECONDS);
    if !seconds.is_finite() || seconds < 0.0 {
        seconds = DEFAULT_REFUSE_SECONDS;
    }
    if seconds == 0.0 {
        return None;
    }
    Some(Duration::from_secs_f64(seconds.min(365.0 * 24.0 * 3600.0)))
}

fn rescind_event(inverse_offer: &InverseOffer) -> Event {
    Event {
        r#type: Some(event::Type::RescindInverseOffer as i32),
        rescind_inverse_offer: Some(event::RescindInverseOffer {
            inverse_offer_id: inverse_offer.id.clone(),
        }),
        ..Default::default()
    }
}

impl MasterState {
    /// Schedules maintenance for agents (they become DRAINING), replacing any earlier
    /// schedule for them: their offers and inverse offers are rescinded so that frameworks
    /// learn the new unavailability at once, and their inverse-offer answers start afresh.
    /// `Err` names an unknown agent; nothing changes then.
    pub(crate) fn schedule_maintenance(
        &mut self,
        agent_ids: &[String],
        unavailability: &Unavailability,
    ) -> Result<Effects, String> {
        if let Some(unknown) = agent_ids.iter().find(|a| !self.agents.contains_key(*a)) {
            return Err(unknown.clone());
        }
        let mut effects = Vec::new();
        for agent_id in agent_ids {
            effects.extend(self.rescind_agent_offers(agent_id));
            self.maintenance.agents.insert(
                agent_id.clone(),
                Maintenance {
                    unavailability: *unavailability,
                    outstanding: BTreeSet::new(),
                    statuses: BTreeMap::new(),
                    filters: BTreeMap::new(),
                },
            );
        }
        effects.push(Effect::Allocate);
        Ok(effects)
    }

    /// Removes an agent from the maintenance schedule; its offers and inverse offers are
    /// rescinded (new offers come without `unavailability`). `None` if none was scheduled.
    pub(crate) fn cancel_maintenance(&mut self, agent_id: &str) -> Option<Effects> {
        self.maintenance.agents.remove(agent_id)?;
        let mut effects = self.rescind_agent_offers(agent_id);
        effects.push(Effect::Allocate);
        Some(effects)
    }

    /// Rescinds the offers and inverse offers of an agent.
    pub(crate) fn rescind_agent_offers(&mut self, agent_id: &str) -> Effects {
        let mut effects = Vec::new();
        let offer_ids: Vec<String> = self
            .offers
            .iter()
            .filter(|(_, o)| o.agent_id == agent_id)
            .map(|(id, _)| id.clone())
            .collect();
        for offer_id in offer_ids {
            effects.extend(self.rescind_offer(&offer_id).unwrap_or_default());
        }
        effects.extend(self.rescind_inverse_offers_of_agent(agent_id));
        effects
    }

    /// RESCIND_INVERSE_OFFER for every outstanding inverse offer of an agent (its
    /// unavailability changed, or it was removed).
    pub(crate) fn rescind_inverse_offers_of_agent(&mut self, agent_id: &str) -> Effects {
        let ids: Vec<String> = self
            .inverse_offers
            .iter()
            .filter(|(_, r)| r.agent_id == agent_id)
            .map(|(id, _)| id.clone())
            .collect();
        let mut effects = Vec::new();
        for id in ids {
            if let Some(record) = self.inverse_offers.remove(&id) {
                if let Some(maintenance) = self.maintenance.agents.get_mut(agent_id) {
                    maintenance.outstanding.remove(&record.framework_id);
                }
                effects
                    .extend(self.send(&record.framework_id, &rescind_event(&record.inverse_offer)));
            }
        }
        effects
    }

    /// Drops a framework's inverse offers without RESCIND (it disconnected, failed over or was
    /// removed); the allocator may send new ones later.
    pub(crate) fn discard_inverse_offers(&mut self, framework_id: &str) {
        let ids: Vec<String> = self
            .inverse_offers
            .iter()
            .filter(|(_, r)| r.framework_id == framework_id)
            .map(|(id, _)| id.clone())
            .collect();
        for id in ids {
            if let Some(record) = self.inverse_offers.remove(&id)
                && let Some(maintenance) = self.maintenance.agents.get_mut(&record.agent_id)
            {
                maintenance.outstanding.remove(framework_id);
            }
        }
    }

    /// The allocator's inverse-offer pass, run after regular offers: for each DRAINING agent,
    /// an inverse offer with empty resources (the whole agent) to each connected framework
    /// with resources offered or allocated there, unless one is outstanding or filtered.
    pub(crate) fn generate_inverse_offers(&mut self) -> Effects {
        let now = Instant::now();
        let mut new: BTreeMap<String, Vec<InverseOffer>> = BTreeMap::new();
        let agent_ids: Vec<String> = self.maintenance.agents.keys().cloned().collect();
        for agent_id in agent_ids {
            let Some(agent) = self.agents.get(&agent_id) else {
                continue;
            };
            let mut users: BTreeSet<String> = self
                .offers
                .values()
                .filter(|o| o.agent_id == agent_id)
                .map(|o| o.framework_id.clone())
                .collect();
            for framework in self.frameworks.values() {
                if framework
                    .tasks
                    .values()
                    .any(|t| t.agent_id == agent_id && !t.resources_recovered)
                {
                    users.insert(framework.id.clone());
                }
            }
            let url = super::allocator::agent_url(agent);
            for framework_id in users {
                let connected = self
                    .frameworks
                    .get(&framework_id)
                    .is_some_and(|f| f.connection.is_some());
                let Some(maintenance) = self.maintenance.agents.get_mut(&agent_id) else {
                    continue;
                };
                maintenance.filters.retain(|_, until| *until > now);
                if !connected
                    || maintenance.outstanding.contains(&framework_id)
                    || maintenance.filters.contains_key(&framework_id)
                {
                    continue;
                }
                maintenance.outstanding.insert(framework_id.clone());
                // Inverse offers share the offers' id generator, so ids are unique across both.
                let id = format!("{}-O{}", self.info.id, self.next_offer);
                self.next_offer += 1;
                let inverse_offer = InverseOffer {
                    id: OfferId { value: id.clone() },
                    url: Some(url.clone()),
                    framework_id: FrameworkId {
                        value: framework_id.clone(),
                    },
                    agent_id: Some(AgentId {
                        value: agent_id.clone(),
                    }),
                    unavailability: maintenance.unavailability,
                    resources: Vec::new(),
                };
                self.inverse_offers.insert(
                    id,
                    InverseOfferRecord {
                        inverse_offer: inverse_offer.clone(),
                        framework_id: framework_id.clone(),
                        agent_id: agent_id.clone(),
                    },
                );
                new.entry(framework_id).or_default().push(inverse_offer);
            }
        }
        let mut effects = Vec::new();
        for (framework_id, inverse_offers) in new {
            let event = Event {
                r#type: Some(event::Type::InverseOffers as i32),
                inverse_offers: Some(event::InverseOffers { inverse_offers }),
                ..Default::default()
            };
            effects.extend(self.send(&framework_id, &event));
        }
        effects
    }

    /// ACCEPT_INVERSE_OFFERS / DECLINE_INVERSE_OFFERS: each inverse offer still outstanding
    /// records the answer (with a refusal filter) and is removed; unknown ids are logged and
    /// ignored, and the call is 202 either way. As upstream, the answer is recorded for the
    /// framework the inverse offer was made to.
    pub(crate) fn answer_inverse_offers(
        &mut self,
        framework_id: &str,
        ids: &[OfferId],
        filters: Option<&Filters>,
        answer: Answer,
    ) -> Effects {
        if answer == Answer::Accept && ids.is_empty() {
            tracing::warn!(framework_id, "ACCEPT_INVERSE_OFFERS without inverse offers");
        }
        let refusal = refusal(filters);
        for id in ids {
            let Some(record) = self.inverse_offers.remove(&id.value) else {
                tracing::warn!(
                    framework_id,
                    inverse_offer_id = id.value,
                    "answer to an inverse offer that is no longer valid ignored"
                );
                continue;
            };
            let Some(maintenance) = self.maintenance.agents.get_mut(&record.agent_id) else {
                continue;
            };
            if maintenance.outstanding.remove(&record.framework_id) {
                let status = match answer {
                    Answer::Accept => inverse_offer_status::Status::Accept,
                    Answer::Decline => inverse_offer_status::Status::Decline,
                };
                maintenance.statuses.insert(
                    record.framework_id.clone(),
                    InverseOfferStatus {
                        status: status as i32,
                        framework_id: FrameworkId {
                            value: record.framework_id.clone(),
                        },
                        timestamp: time_info(now_secs()),
                    },
                );
            }
            if let Some(refusal) = refusal {
                maintenance
                    .filters
                    .insert(record.framework_id.clone(), Instant::now() + refusal);
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_offer_refusals_default_to_five_seconds() {
        let with = |s: f64| Filters {
            refuse_seconds: Some(s),
        };
        assert_eq!(refusal(None), Some(Duration::from_secs(5)));
        assert_eq!(refusal(Some(&with(0.0))), None);
        assert_eq!(refusal(Some(&with(-1.0))), Some(Duration::from_secs(5)));
        assert_eq!(refusal(Some(&with(0.25))), Some(Duration::from_millis(250)));
    }
}
