//! The allocator: every allocation interval (and on demand) each agent's free resources are
//! offered to framework roles in dominant-resource-fairness order, skipping suppressed roles,
//! GPU agents for frameworks without GPU_RESOURCES, agents excluded by offer constraints,
//! resources below the minimum allocatable and refusal filters; DECLINE, REVIVE and SUPPRESS; offer removal and rescinding.
//! `mesos: src/master/allocator/mesos/hierarchical.cpp`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use mesos_sdk::v1::resource::{AllocationInfo, ReservationInfo, reservation_info};
use mesos_sdk::v1::{
    Address, AgentId, Filters, FrameworkId, Offer, OfferId, Resource, Url, framework_info,
};
use rand::seq::SliceRandom;
use tokio::time::Instant;

use super::Master;
use super::drf::{self, Client, Quantities, add_quantities, dominant_share};
use super::effects::{Effect, Effects};
use super::events;
use super::state::{Framework, MasterState, OfferFilter, OfferRecord};
use crate::resources::Resources;

/// Offered or used scalar quantities per role, and per framework within each role.
#[derive(Default)]
struct Allocations {
    roles: HashMap<String, Quantities>,
    frameworks: HashMap<String, HashMap<String, Quantities>>,
}

impl Allocations {
    /// Charges offered or used resources to a framework's role.
    fn charge(&mut self, role: &str, framework_id: &str, resources: &Resources) {
        // Passes charge every task: look up before allocating keys.
        if !self.roles.contains_key(role) {
            self.roles.insert(role.to_string(), Quantities::new());
        }
        if let Some(quantities) = self.roles.get_mut(role) {
            add_quantities(quantities, resources);
        }
        if !self.frameworks.contains_key(role) {
            self.frameworks.insert(role.to_string(), HashMap::new());
        }
        if let Some(frameworks) = self.frameworks.get_mut(role) {
            if !frameworks.contains_key(framework_id) {
                frameworks.insert(framework_id.to_string(), Quantities::new());
            }
            if let Some(quantities) = frameworks.get_mut(framework_id) {
                add_quantities(quantities, resources);
            }
        }
    }

    fn framework(&self, role: &str, framework_id: &str) -> Option<&Quantities> {
        self.frameworks.get(role)?.get(framework_id)
    }
}

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
    /// One allocation pass, as the hierarchical allocator's second stage (quota is not
    /// modelled): agents in random order; for each, roles in hierarchical DRF order (siblings
    /// by the share of their subtree), then the role's frameworks by DRF share. Each framework
    /// in turn gets what is still available to its role, unless a capability, its offer
    /// constraints, the minimum allocatable resources or a refusal filter rule the agent out.
    /// `mesos: src/master/allocator/mesos/hierarchical.cpp`
    /// `HierarchicalAllocatorProcess::__generateOffers` (`__allocate` before 1.10).
    pub(crate) fn allocate(&mut self) -> Effects {
        let now = Instant::now();
        // Active sorter clients: connected frameworks and their unsuppressed roles (upstream
        // deactivates suppressed roles and disconnected frameworks in the sorters).
        let mut active: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for framework in self.frameworks.values_mut() {
            if framework.connection.is_none() {
                continue;
            }
            framework.filters.retain(|_, list| {
                list.retain(|f| f.expires > now);
                !list.is_empty()
            });
            for role in framework.roles() {
                if !framework.suppressed_roles.contains(&role) {
                    active.entry(role).or_default().push(framework.id.clone());
                }
            }
        }
        if active.is_empty() {
            return Vec::new();
        }
        // Offered or used resources count towards shares, for every framework of a role
        // (inactive ones included), as the sorters track them.
        let mut allocations = Allocations::default();
        for framework in self.frameworks.values() {
            for task in framework.tasks.values().filter(|t| !t.resources_recovered) {
                allocations.charge(&task.role, &framework.id, &task.resources);
            }
        }
        for offer in self.offers.values() {
            allocations.charge(&offer.role, &offer.framework_id, &offer.resources);
        }
        let mut total = Quantities::new();
        for agent in self.agents.values() {
            add_quantities(&mut total, &agent.total);
        }
        let mut new_offers: Vec<(String, Offer)> = Vec::new();
        let mut agent_ids: Vec<String> = self.agents.keys().cloned().collect();
        // Upstream shuffles the agents before each stage.
        agent_ids.shuffle(&mut rand::rng());
        // Sort orders are kept until an offer changes the allocations, as upstream's sorters
        // re-sort only when dirty.
        let mut role_order: Option<Vec<String>> = None;
        let mut framework_orders: HashMap<String, Vec<String>> = HashMap::new();
        for agent_id in agent_ids {
            if self
                .agents
                .get(&agent_id)
                .is_none_or(|a| a.available.is_empty())
            {
                continue;
            }
            let roles = match &role_order {
                Some(order) => order.clone(),
                None => {
                    let order = self.role_order(&allocations, &total, &active);
                    role_order = Some(order.clone());
                    order
                }
            };
            for role in roles {
                if self
                    .agents
                    .get(&agent_id)
                    .is_none_or(|a| a.available.is_empty())
                {
                    break;
                }
                let frameworks = match framework_orders.get(&role) {
                    Some(order) => order.clone(),
                    None => {
                        let order = drf::sort(
                            active[&role]
                                .iter()
                                .map(|framework_id| Client {
                                    name: framework_id.clone(),
                                    share: dominant_share(
                                        allocations.framework(&role, framework_id),
                                        &total,
                                        1.0,
                                    ),
                                    count: self
                                        .allocation_counts
                                        .frameworks
                                        .get(&(role.clone(), framework_id.clone()))
                                        .copied()
                                        .unwrap_or(0),
                                })
                                .collect(),
                        );
                        framework_orders.insert(role.clone(), order.clone());
                        order
                    }
                };
                for framework_id in frameworks {
                    let Some(agent) = self.agents.get(&agent_id) else {
                        break;
                    };
                    let offerable = agent.available.allocatable_to(&role);
                    if offerable.is_empty() {
                        break;
                    }
                    let Some(framework) = self.frameworks.get(&framework_id) else {
                        continue;
                    };
                    if self.config.filter_gpu_resources
                        && agent.total.scalar_milli("gpus") > 0
                        && !framework.has_capability(framework_info::capability::Type::GpuResources)
                    {
                        // Agents with GPUs go only to GPU_RESOURCES frameworks (MESOS-5634,
                        // `isCapableOfReceivingAgent`, `--filter_gpu_resources`).
                        continue;
                    }
                    if framework.offer_constraints.excludes(&role, &agent.info) {
                        continue;
                    }
                    // Too little to be worth an offer: the framework's own minimum for the
                    // role, else the master's `--min_allocatable_resources`.
                    let worth = match drf::framework_min_allocatable(&framework.info, &role) {
                        Some(minimum) => drf::allocatable(&offerable, &minimum),
                        None => drf::allocatable(&offerable, &self.config.min_allocatable),
                    };
                    if !worth {
                        continue;
                    }
                    let filtered = framework
                        .filters
                        .get(&(role.clone(), agent_id.clone()))
                        .is_some_and(|list| list.iter().any(|f| f.resources.contains(&offerable)));
                    if filtered {
                        continue;
                    }
                    let offer = self.make_offer(&framework_id, &role, &agent_id, offerable.clone());
                    allocations.charge(&role, &framework_id, &offerable);
                    role_order = None;
                    framework_orders.clear();
                    *self
                        .allocation_counts
                        .roles
                        .entry(role.clone())
                        .or_insert(0) += 1;
                    *self
                        .allocation_counts
                        .frameworks
                        .entry((role.clone(), framework_id.clone()))
                        .or_insert(0) += 1;
                    new_offers.push((framework_id, offer));
                }
            }
        }
        let mut effects = Vec::new();
        let mut by_framework: BTreeMap<String, Vec<Offer>> = BTreeMap::new();
        for (framework_id, offer) in new_offers {
            by_framework.entry(framework_id).or_default().push(offer);
        }
        for (framework_id, offers) in by_framework {
            effects.extend(self.send(&framework_id, &events::offers(offers)));
        }
        effects
    }

    /// The active roles in hierarchical DRF order. Every role holding resources is in the tree
    /// (inactive ones count towards their ancestors); only roles with active frameworks are
    /// returned.
    fn role_order(
        &self,
        allocations: &Allocations,
        total: &Quantities,
        active: &BTreeMap<String, Vec<String>>,
    ) -> Vec<String> {
        let clients: Vec<drf::RoleClient<'_>> = allocations
            .roles
            .keys()
            .chain(
                active
                    .keys()
                    .filter(|r| !allocations.roles.contains_key(*r)),
            )
            .map(|role| drf::RoleClient {
                role,
                allocation: allocations.roles.get(role),
                count: self.allocation_counts.roles.get(role).copied().unwrap_or(0),
            })
            .collect();
        let weights = &self.config.role_weights;
        drf::sort_roles(&clients, total, &|path| {
            weights.get(path).copied().unwrap_or(1.0)
        })
        .into_iter()
        .filter(|role| active.contains_key(role))
        .collect()
    }

    /// Creates and records an offer of `resources` on an agent to a framework's role, taking
    /// the resources out of the agent's available ones.
    fn make_offer(
        &mut self,
        framework_id: &str,
        role: &str,
        agent_id: &str,
        resources: Resources,
    ) -> Offer {
        let offer_id = format!("{}-O{}", self.info.id, self.next_offer);
        self.next_offer += 1;
        let (Some(agent), Some(framework)) = (
            self.agents.get_mut(agent_id),
            self.frameworks.get(framework_id),
        ) else {
            return Offer::default();
        };
        let executor_ids = agent
            .executors
            .keys()
            .filter(|(f, _)| f == framework_id)
            .map(|(_, e)| mesos_sdk::v1::ExecutorId { value: e.clone() })
            .collect();
        let multi_role = framework.has_capability(framework_info::capability::Type::MultiRole);
        let offer = Offer {
            id: OfferId {
                value: offer_id.clone(),
            },
            framework_id: FrameworkId {
                value: framework_id.to_string(),
            },
            agent_id: AgentId {
                value: agent_id.to_string(),
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
            resources: resources_for(framework, role, &resources),
            attributes: agent.info.attributes.clone(),
            executor_ids,
            allocation_info: multi_role.then(|| AllocationInfo {
                role: Some(role.to_string()),
            }),
            ..Default::default()
        };
        agent.available.subtract(&resources);
        self.offers.insert(
            offer_id,
            OfferRecord {
                offer: offer.clone(),
                framework_id: framework_id.to_string(),
                agent_id: agent_id.to_string(),
                role: role.to_string(),
                resources,
            },
        );
        offer
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

    /// Drops every offer of a framework without RESCIND (re-subscription, disconnection).
    pub(crate) fn discard_offers(&mut self, framework_id: &str) {
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
