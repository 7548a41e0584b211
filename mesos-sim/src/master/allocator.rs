//! The allocator: every allocation interval (and on demand) each agent's free resources are
//! offered to one framework role, skipping suppressed roles and refusal filters; DECLINE,
//! REVIVE and SUPPRESS; offer removal and rescinding.
//! `mesos: src/master/allocator/mesos/hierarchical.cpp`.

use std::sync::Arc;
use std::time::Duration;

use mesos_sdk::v1::resource::{AllocationInfo, ReservationInfo, reservation_info};
use mesos_sdk::v1::{
    Address, AgentId, Filters, FrameworkId, Offer, OfferId, Resource, Url, framework_info,
};
use tokio::time::Instant;

use super::Master;
use super::effects::{Effect, Effects};
use super::events;
use super::state::{Framework, MasterState, OfferFilter, OfferRecord};
use crate::resources::Resources;

/// Default `Filters.refuse_seconds` (`mesos: include/mesos/v1/mesos.proto`).
pub(crate) const DEFAULT_REFUSE_SECONDS: f64 = 5.0;
/// Refusals longer than a year are capped to it.
const MAX_REFUSE_SECONDS: f64 = 365.0 * 24.0 * 3600.0;

impl Master {
    /// Runs allocations every interval, or sooner when woken, until the master is dropped.
    pub(crate) fn spawn_allocator(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let master = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                let Some(strong) = master.upgrade() else {
                    return;
                };
                let interval = strong.lock().config.allocation_interval;
                // Wait for the interval or a wake-up, holding only a weak reference meanwhile.
                let notified = {
                    let strong = strong.clone();
                    async move {
                        tokio::select! {
                            _ = tokio::time::sleep(interval) => {}
                            _ = strong.allocate_now.notified() => {}
                        }
                    }
                };
                drop(strong);
                notified.await;
                let Some(strong) = master.upgrade() else {
                    return;
                };
                let effects = strong.lock().allocate();
                strong.apply(effects);
            }
        })
    }
}

/// How long a refusal lasts: `refuse_seconds` (default 5 s; invalid or negative values fall
/// back to it, large ones are capped to a year), but never shorter than the allocation
/// interval. `None` means no filter (`refuse_seconds == 0`).
fn refusal(filters: Option<&Filters>, allocation_interval: Duration) -> Option<Duration> {
    let mut seconds = filters
        .and_then(|f| f.refuse_seconds)
        .unwrap_or(DEFAULT_REFUSE_SECONDS);
    if seconds == 0.0 {
        return None;
    }
    if !seconds.is_finite() || seconds < 0.0 {
        seconds = DEFAULT_REFUSE_SECONDS;
    }
    let duration = Duration::from_secs_f64(seconds.min(MAX_REFUSE_SECONDS));
    Some(duration.max(allocation_interval))
}

/// Resources as a framework sees them in an offer: `allocation_info` only for MULTI_ROLE
/// frameworks (MESOS-8237); reservations in the pre- or post-refinement format depending on
/// `RESERVATION_REFINEMENT`.
pub(crate) fn resources_for(
    framework: &Framework,
    role: &str,
    resources: &Resources,
) -> Vec<Resource> {
    let multi_role = framework.has_capability(framework_info::capability::Type::MultiRole);
    let refinement =
        framework.has_capability(framework_info::capability::Type::ReservationRefinement);
    resources
        .to_protos()
        .into_iter()
        .map(|mut r| {
            if multi_role {
                r.allocation_info = Some(AllocationInfo {
                    role: Some(role.to_string()),
                });
            }
            if refinement {
                if let Some(reserved_role) = r.role.take().filter(|r| r != "*")
                    && r.reservations.is_empty()
                {
                    let dynamic = r.reservation.take();
                    r.reservations.push(ReservationInfo {
                        r#type: Some(if dynamic.is_some() {
                            reservation_info::Type::Dynamic as i32
                        } else {
                            reservation_info::Type::Static as i32
                        }),
                        role: Some(reserved_role),
                        principal: dynamic.as_ref().and_then(|d| d.principal.clone()),
                        labels: dynamic.and_then(|d| d.labels),
                    });
                }
            } else if r.role.is_none() && r.reservations.is_empty() {
                // Pre-refinement format: unreserved resources carry `role: "*"` explicitly.
                r.role = Some("*".to_string());
            }
            r
        })
        .collect()
}

impl MasterState {
    /// One allocation pass.
    pub(crate) fn allocate(&mut self) -> Effects {
        let now = Instant::now();
        // Candidates: connected frameworks and their unsuppressed roles, least allocated (in
        // cpus) first: a coarse stand-in for DRF.
        let mut candidates: Vec<(i64, String, String)> = Vec::new();
        for framework in self.frameworks.values_mut() {
            if framework.connection.is_none() {
                continue;
            }
            framework.filters.retain(|_, list| {
                list.retain(|f| f.expires > now);
                !list.is_empty()
            });
            let allocated: i64 = framework
                .tasks
                .values()
                .filter(|t| !t.resources_recovered)
                .map(|t| t.resources.scalar_milli("cpus"))
                .fold(0i64, i64::saturating_add);
            for role in framework.roles() {
                if !framework.suppressed_roles.contains(&role) {
                    candidates.push((allocated, framework.id.clone(), role));
                }
            }
        }
        if candidates.is_empty() {
            return self.generate_inverse_offers();
        }
        for (allocated, framework_id, _) in &mut candidates {
            *allocated = self
                .offers
                .values()
                .filter(|o| &o.framework_id == framework_id)
                .map(|o| o.resources.scalar_milli("cpus"))
                .fold(*allocated, i64::saturating_add);
        }
        let mut new_offers: Vec<(String, Offer)> = Vec::new();
        // A stopped agent is deactivated: nothing of it is offered until it is back.
        let agent_ids: Vec<String> = self
            .agents
            .iter()
            .filter(|(_, a)| !a.stopped)
            .map(|(id, _)| id.clone())
            .collect();
        for agent_id in agent_ids {
            // Least allocated first, re-evaluated for every agent as offers are made.
            candidates.sort();
            for candidate in candidates.iter_mut() {
                let (_, framework_id, role) = candidate.clone();
                let Some(agent) = self.agents.get(&agent_id) else {
                    break;
                };
                let offerable = agent.available.allocatable_to(&role);
                if offerable.is_empty() {
                    continue;
                }
                let Some(framework) = self.frameworks.get(&framework_id) else {
                    continue;
                };
                let filtered = framework
                    .filters
                    .get(&(role.clone(), agent_id.clone()))
                    .is_some_and(|list| list.iter().any(|f| f.resources.contains(&offerable)));
                if filtered {
                    continue;
                }
                let offer_id = format!("{}-O{}", self.info.id, self.next_offer);
                self.next_offer += 1;
                let executor_ids = agent
                    .executors
                    .keys()
                    .filter(|(f, _)| f == &framework_id)
                    .map(|(_, e)| mesos_sdk::v1::ExecutorId { value: e.clone() })
                    .collect();
                let multi_role =
                    framework.has_capability(framework_info::capability::Type::MultiRole);
                let offer = Offer {
                    id: OfferId {
                        value: offer_id.clone(),
                    },
                    framework_id: FrameworkId {
                        value: framework_id.clone(),
                    },
                    agent_id: AgentId {
                        value: agent_id.clone(),
                    },
                    hostname: agent.info.hostname.clone(),
                    url: Some(Url {
                        scheme: "http".into(),
                        address: Address {
                            hostname: Some(agent.info.hostname.clone()),
                            ip: Some(agent.endpoint.ip().to_string()),
                            port: i32::from(agent.endpoint.port()),
                        },
                        path: Some("/slave(1)".into()),
                        ..Default::default()
                    }),
                    resources: resources_for(framework, &role, &offerable),
                    attributes: agent.info.attributes.clone(),
                    executor_ids,
                    allocation_info: multi_role.then(|| AllocationInfo {
                        role: Some(role.clone()),
                    }),
                    // Offers from an agent scheduled for maintenance say when it goes away.
                    unavailability: self.maintenance.get(&agent_id).map(|m| m.unavailability),
                    ..Default::default()
                };
                if let Some(agent) = self.agents.get_mut(&agent_id) {
                    agent.available.subtract(&offerable);
                }
                candidate.0 = candidate.0.saturating_add(offerable.scalar_milli("cpus"));
                self.offers.insert(
                    offer_id,
                    OfferRecord {
                        offer: offer.clone(),
                        framework_id: framework_id.clone(),
                        agent_id: agent_id.clone(),
                        role,
                        resources: offerable,
                    },
                );
                new_offers.push((framework_id, offer));
                // One offer per agent per allocation: the whole free share goes to one role.
                break;
            }
        }
        let mut effects = Vec::new();
        let mut by_framework: std::collections::BTreeMap<String, Vec<Offer>> = Default::default();
        for (framework_id, offer) in new_offers {
            by_framework.entry(framework_id).or_default().push(offer);
        }
        for (framework_id, offers) in by_framework {
            effects.extend(self.send(&framework_id, &events::offers(offers)));
        }
        effects.extend(self.generate_inverse_offers());
        effects
    }

    /// Returns resources to an agent, installing a refusal filter for (framework, role,
    /// agent) unless `filters` says `refuse_seconds: 0` (`recoverResources`).
    pub(crate) fn recover_resources(
        &mut self,
        framework_id: &str,
        role: &str,
        agent_id: &str,
        resources: &Resources,
        filters: Option<Option<&Filters>>,
    ) {
        if let Some(agent) = self.agents.get_mut(agent_id) {
            agent.available.add(resources);
        }
        let Some(filters) = filters else {
            return;
        };
        let Some(duration) = refusal(filters, self.config.allocation_interval) else {
            return;
        };
        if resources.is_empty() {
            return;
        }
        if let Some(framework) = self.frameworks.get_mut(framework_id) {
            framework
                .filters
                .entry((role.to_string(), agent_id.to_string()))
                .or_default()
                .push(OfferFilter {
                    resources: resources.clone(),
                    expires: Instant::now() + duration,
                });
        }
    }

    /// Takes an offer out of circulation and returns its record (resources not recovered).
    pub(crate) fn take_offer(&mut self, offer_id: &str) -> Option<OfferRecord> {
        self.offers.remove(offer_id)
    }

    /// Drops every offer and inverse offer of a framework without RESCIND (re-subscription,
    /// disconnection).
    pub(crate) fn discard_offers(&mut self, framework_id: &str) {
        self.discard_inverse_offers(framework_id);
        let ids: Vec<String> = self
            .offers
            .iter()
            .filter(|(_, o)| o.framework_id == framework_id)
            .map(|(id, _)| id.clone())
            .collect();
        for id in ids {
            if let Some(offer) = self.offers.remove(&id)
                && let Some(agent) = self.agents.get_mut(&offer.agent_id)
            {
                agent.available.add(&offer.resources);
            }
        }
    }

    /// Rescinds an offer: RESCIND to its framework, resources back to the agent.
    pub(crate) fn rescind_offer(&mut self, offer_id: &str) -> Option<Effects> {
        let offer = self.offers.remove(offer_id)?;
        if let Some(agent) = self.agents.get_mut(&offer.agent_id) {
            agent.available.add(&offer.resources);
        }
        let mut effects = self.send(&offer.framework_id, &events::rescind(&offer.offer));
        effects.push(Effect::Allocate);
        Some(effects)
    }

    /// DECLINE: each valid offer's resources return with the call's filter; unknown offers
    /// are ignored (`Master::decline`).
    pub(crate) fn decline(
        &mut self,
        framework_id: &str,
        offer_ids: &[String],
        filters: Option<&Filters>,
    ) -> Effects {
        for offer_id in offer_ids {
            let owned = self
                .offers
                .get(offer_id)
                .is_some_and(|o| o.framework_id == framework_id);
            if !owned {
                continue;
            }
            if let Some(offer) = self.take_offer(offer_id) {
                self.recover_resources(
                    framework_id,
                    &offer.role,
                    &offer.agent_id,
                    &offer.resources,
                    Some(filters),
                );
            }
        }
        Vec::new()
    }

    /// REVIVE{roles}: unsuppress the roles (all when empty), clear their filters, allocate.
    pub(crate) fn revive(&mut self, framework_id: &str, roles: &[String]) -> Effects {
        let Some(framework) = self.frameworks.get_mut(framework_id) else {
            return Vec::new();
        };
        let roles: Vec<String> = if roles.is_empty() {
            framework.roles()
        } else {
            roles.to_vec()
        };
        for role in &roles {
            framework.suppressed_roles.remove(role);
            framework.filters.retain(|(r, _), _| r != role);
        }
        vec![Effect::Allocate]
    }

    /// SUPPRESS{roles}: no more offers for the roles (all when empty); filters and offers
    /// already sent stay.
    pub(crate) fn suppress(&mut self, framework_id: &str, roles: &[String]) -> Effects {
        let Some(framework) = self.frameworks.get_mut(framework_id) else {
            return Vec::new();
        };
        let roles: Vec<String> = if roles.is_empty() {
            framework.roles()
        } else {
            roles.to_vec()
        };
        framework.suppressed_roles.extend(roles);
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_follows_the_allocator_rules() {
        let second = Duration::from_secs(1);
        let with = |s: f64| Filters {
            refuse_seconds: Some(s),
        };
        assert_eq!(refusal(None, second), Some(Duration::from_secs(5)));
        assert_eq!(refusal(Some(&with(0.0)), second), None);
        assert_eq!(
            refusal(Some(&with(-3.0)), second),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            refusal(Some(&with(f64::NAN)), second),
            Some(Duration::from_secs(5))
        );
        assert_eq!(refusal(Some(&with(0.2)), second), Some(second));
        assert_eq!(
            refusal(Some(&with(1e12)), second),
            Some(Duration::from_secs(31_536_000))
        );
    }
}
