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
use crate::agent::Agent;
use crate::config::SimConfig;
use crate::resources::Resources;

/// Offered or used scalar quantities per role, and per framework within each role.
#[derive(Default)]
struct Allocations {
    roles: HashMap<String, Quantities>,
    frameworks: HashMap<String, HashMap<String, Quantities>>,
}

impl Allocations {
    /// Charges quantities a framework holds in a role.
    fn charge(&mut self, role: &str, framework_id: &str, quantities: &Quantities) {
        match self.roles.get_mut(role) {
            Some(total) => total.add_all(quantities),
            None => {
                self.roles.insert(role.to_string(), quantities.clone());
            }
        }
        let frameworks = match self.frameworks.get_mut(role) {
            Some(frameworks) => frameworks,
            None => self.frameworks.entry(role.to_string()).or_default(),
        };
        match frameworks.get_mut(framework_id) {
            Some(total) => total.add_all(quantities),
            None => {
                frameworks.insert(framework_id.to_string(), quantities.clone());
            }
        }
    }

    fn framework(&self, role: &str, framework_id: &str) -> Option<&Quantities> {
        self.frameworks.get(role)?.get(framework_id)
    }
}

/// The frameworks of one role as its DRF sorter sees them during a pass.
struct FrameworkSorter {
    members: Vec<String>,
    allocations: Vec<Quantities>,
    shares: Vec<f64>,
    counts: Vec<u64>,
    /// The current order, until a framework of the role is picked.
    order: Option<Vec<usize>>,
}

impl FrameworkSorter {
    fn new(
        role: &str,
        members: &[String],
        allocations: &Allocations,
        counts: &drf::AllocationCounts,
        total: &Quantities,
    ) -> FrameworkSorter {
        let held: Vec<Quantities> = members
            .iter()
            .map(|id| allocations.framework(role, id).cloned().unwrap_or_default())
            .collect();
        FrameworkSorter {
            shares: held
                .iter()
                .map(|q| dominant_share(Some(q), total, 1.0))
                .collect(),
            counts: members
                .iter()
                .map(|id| counts.framework(role, id))
                .collect(),
            members: members.to_vec(),
            allocations: held,
            order: None,
        }
    }

    /// Member indices in DRF order.
    fn order(&mut self) -> Vec<usize> {
        if let Some(order) = &self.order {
            return order.clone();
        }
        let clients: Vec<Client<'_>> = (0..self.members.len()).map(|i| self.client(i)).collect();
        let order = drf::sort(&clients);
        self.order = Some(order.clone());
        order
    }

    fn client(&self, index: usize) -> Client<'_> {
        Client {
            name: &self.members[index],
            share: self.shares[index],
            count: self.counts[index],
        }
    }

    /// Member `index` was offered `quantities`: only its place in the order changes, so it is
    /// moved rather than everything re-sorted.
    fn picked(&mut self, index: usize, quantities: &Quantities, total: &Quantities) {
        self.allocations[index].add_all(quantities);
        self.shares[index] = dominant_share(Some(&self.allocations[index]), total, 1.0);
        self.counts[index] += 1;
        let Some(mut order) = self.order.take() else {
            return;
        };
        order.retain(|&i| i != index);
        let moved = self.client(index);
        let at = order.partition_point(|&i| drf::before(&self.client(i), &moved));
        order.insert(at, index);
        self.order = Some(order);
    }
}

/// The offer of `resources` on `agent` to `framework`'s `role`, as the framework sees it.
fn build_offer(
    offer_id: String,
    agent: &Agent,
    framework: &Framework,
    role: &str,
    resources: &Resources,
) -> Offer {
    let executor_ids = agent
        .executors
        .keys()
        .filter(|(f, _)| *f == framework.id)
        .map(|(_, e)| mesos_sdk::v1::ExecutorId { value: e.clone() })
        .collect();
    let multi_role = framework.has_capability(framework_info::capability::Type::MultiRole);
    Offer {
        id: OfferId { value: offer_id },
        framework_id: FrameworkId {
            value: framework.id.clone(),
        },
        agent_id: AgentId {
            value: agent.id.clone(),
        },
        hostname: agent.info.hostname.clone(),
        url: Some(agent_url(agent)),
        resources: resources_for(framework, role, resources),
        attributes: agent.info.attributes.clone(),
        executor_ids,
        allocation_info: multi_role.then(|| AllocationInfo {
            role: Some(role.to_string()),
        }),
        ..Default::default()
    }
}

/// What `framework` may be offered on `agent` for `role`, unless a capability, its offer
/// constraints, the minimum allocatable resources or a refusal filter rule it out.
fn offerable(
    config: &SimConfig,
    agent: &Agent,
    framework: &Framework,
    role: &str,
) -> Option<Resources> {
    if agent.available.is_empty() {
        return None;
    }
    let resources = agent.available.allocatable_to(role);
    if resources.is_empty() {
        return None;
    }
    if config.filter_gpu_resources
        && agent.total.scalar_milli("gpus") > 0
        && !framework.has_capability(framework_info::capability::Type::GpuResources)
    {
        // Agents with GPUs go only to GPU_RESOURCES frameworks (MESOS-5634,
        // `isCapableOfReceivingAgent`, `--filter_gpu_resources`).
        return None;
    }
    if framework.offer_constraints.excludes(role, &agent.info) {
        return None;
    }
    // Too little to be worth an offer: the framework's own minimum for the role, else the
    // master's `--min_allocatable_resources`.
    let worth = match drf::framework_min_allocatable(&framework.info, role) {
        Some(minimum) => drf::allocatable(&resources, &minimum),
        None => drf::allocatable(&resources, &config.min_allocatable),
    };
    if !worth {
        return None;
    }
    let filtered = framework
        .filters
        .get(&(role.to_string(), agent.id.clone()))
        .is_some_and(|list| list.iter().any(|f| f.resources.contains(&resources)));
    (!filtered).then_some(resources)
}

/// The sorters of one allocation pass: the cluster total, every role's allocation, and a
/// framework sorter per active role. Orders are kept until an offer changes them, as
/// upstream's sorters re-sort only when dirty.
struct Sorting {
    total: Quantities,
    allocations: Allocations,
    frameworks: HashMap<String, FrameworkSorter>,
    roles: Option<Vec<String>>,
}

impl Sorting {
    fn new(state: &MasterState, active: &BTreeMap<String, Vec<String>>) -> Sorting {
        // Offered or used resources count towards shares, for every framework of a role
        // (inactive ones included), as the sorters track them. With one active framework in
        // one active role there is nothing to order, and no share is ever read: they are
        // not summed then (that takes a look at every task and offer, on every pass).
        let mut allocations = Allocations::default();
        let mut total = Quantities::default();
        let alone = active.len() == 1 && active.values().all(|members| members.len() == 1);
        for framework in state.frameworks.values().filter(|_| !alone) {
            // Summed per role first: a framework's tasks are mostly in one or two roles.
            let mut by_role: Vec<(&str, Quantities)> = Vec::new();
            let held = framework
                .tasks
                .values()
                .filter(|t| !t.resources_recovered)
                .map(|t| (t.role.as_str(), &t.resources));
            for (role, resources) in held {
                let at = match by_role.iter().position(|(r, _)| *r == role) {
                    Some(at) => at,
                    None => {
                        by_role.push((role, Quantities::default()));
                        by_role.len() - 1
                    }
                };
                add_quantities(&mut by_role[at].1, resources);
            }
            for (role, quantities) in &by_role {
                allocations.charge(role, &framework.id, quantities);
            }
        }
        for offer in state.offers.values().filter(|_| !alone) {
            let mut quantities = Quantities::default();
            add_quantities(&mut quantities, &offer.resources);
            allocations.charge(&offer.role, &offer.framework_id, &quantities);
        }
        for agent in state.agents.values().filter(|_| !alone) {
            add_quantities(&mut total, &agent.total);
        }
        let frameworks = active
            .iter()
            .map(|(role, members)| {
                let sorter = FrameworkSorter::new(
                    role,
                    members,
                    &allocations,
                    &state.allocation_counts,
                    &total,
                );
                (role.clone(), sorter)
            })
            .collect();
        Sorting {
            total,
            allocations,
            frameworks,
            roles: None,
        }
    }

    /// The active roles in hierarchical DRF order. Every role holding resources is in the
    /// tree (inactive ones count towards their ancestors); only roles with active frameworks
    /// are returned.
    fn role_order(
        &mut self,
        state: &MasterState,
        active: &BTreeMap<String, Vec<String>>,
    ) -> Vec<String> {
        if let Some(order) = &self.roles {
            return order.clone();
        }
        if active.len() == 1 {
            // A single active role needs no sorting (the common case).
            let order: Vec<String> = active.keys().cloned().collect();
            self.roles = Some(order.clone());
            return order;
        }
        let roles = &self.allocations.roles;
        let clients: Vec<drf::RoleClient<'_>> = roles
            .keys()
            .chain(active.keys().filter(|r| !roles.contains_key(*r)))
            .map(|role| drf::RoleClient {
                role,
                allocation: roles.get(role),
                count: state
                    .allocation_counts
                    .roles
                    .get(role)
                    .copied()
                    .unwrap_or(0),
            })
            .collect();
        let weights = &state.config.role_weights;
        let order: Vec<String> = drf::sort_roles(&clients, &self.total, &|path| {
            weights.get(path).copied().unwrap_or(1.0)
        })
        .into_iter()
        .filter(|role| active.contains_key(role))
        .collect();
        self.roles = Some(order.clone());
        order
    }

    /// Member `index` of `role`'s sorter, `framework_id`, was offered `resources`.
    fn picked(&mut self, role: &str, index: usize, framework_id: &str, resources: &Resources) {
        let mut quantities = Quantities::default();
        add_quantities(&mut quantities, resources);
        self.allocations.charge(role, framework_id, &quantities);
        if let Some(sorter) = self.frameworks.get_mut(role) {
            sorter.picked(index, &quantities, &self.total);
        }
        self.roles = None;
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
            return self.generate_inverse_offers();
        }
        // A stopped agent is deactivated, as is one the operator deactivated or drains:
        // nothing of it is offered until it is back or reactivated. Only the
        // agents some active framework may be offered something on are candidates (what
        // one agent is offered changes no other's eligibility): under load most agents have
        // nothing free or are filtered, and a pass then costs one check per agent.
        let mut agent_ids: Vec<String> = self
            .agents
            .values()
            .filter(|agent| {
                !agent.stopped
                    && !self.maintenance.is_deactivated(&agent.id)
                    && !agent.available.is_empty()
                    && active.iter().any(|(role, members)| {
                        members.iter().any(|framework_id| {
                            self.frameworks.get(framework_id).is_some_and(|framework| {
                                offerable(&self.config, agent, framework, role).is_some()
                            })
                        })
                    })
            })
            .map(|agent| agent.id.clone())
            .collect();
        // Upstream shuffles the agents before each stage.
        agent_ids.shuffle(&mut rand::rng());
        // The sorters are built on first need: passes where every agent is filtered cost no
        // more than the checks above.
        let mut sorting: Option<Sorting> = None;
        let mut new_offers: Vec<(String, Offer)> = Vec::new();
        for agent_id in agent_ids {
            let sorting = sorting.get_or_insert_with(|| Sorting::new(self, &active));
            let roles = sorting.role_order(self, &active);
            'roles: for role in roles {
                let members = &active[&role];
                let Some(order) = sorting
                    .frameworks
                    .get_mut(&role)
                    .map(FrameworkSorter::order)
                else {
                    continue;
                };
                for index in order {
                    let framework_id = &members[index];
                    // One lookup of each per candidate; the offer is built from them.
                    let Some(agent) = self.agents.get_mut(&agent_id) else {
                        break 'roles;
                    };
                    if agent.available.is_empty() {
                        break 'roles;
                    }
                    let Some(framework) = self.frameworks.get(framework_id.as_str()) else {
                        continue;
                    };
                    let Some(resources) = offerable(&self.config, agent, framework, &role) else {
                        continue;
                    };
                    let offer_id = format!("{}-O{}", self.info.id, self.next_offer);
                    self.next_offer += 1;
                    let mut offer =
                        build_offer(offer_id.clone(), agent, framework, &role, &resources);
                    // Offers from an agent scheduled for maintenance say when it goes away.
                    offer.unavailability =
                        self.maintenance.get(&agent_id).map(|m| m.unavailability);
                    agent.available.subtract(&resources);
                    sorting.picked(&role, index, framework_id, &resources);
                    self.offers.insert(
                        offer_id,
                        OfferRecord {
                            offer: offer.clone(),
                            framework_id: framework_id.clone(),
                            agent_id: agent_id.clone(),
                            role: role.clone(),
                            resources,
                        },
                    );
                    self.allocation_counts.picked(&role, framework_id);
                    new_offers.push((framework_id.clone(), offer));
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

    /// Rescinds an offer: RESCIND to its framework, resources back to the agent, offered
    /// again at the next periodic allocation. Upstream's `Master::rescindOffer` only recovers
    /// them (`recoverResources`, which allocates nothing); the callers that do allocate
    /// (maintenance: `updateUnavailability` calls `generateOffers`) say so themselves.
    pub(crate) fn rescind_offer(&mut self, offer_id: &str) -> Option<Effects> {
        let offer = self.offers.remove(offer_id)?;
        if let Some(agent) = self.agents.get_mut(&offer.agent_id) {
            agent.available.add(&offer.resources);
        }
        Some(self.send(&offer.framework_id, &events::rescind(&offer.offer)))
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

/// The agent's URL as offers and inverse offers carry it (`http://ip:port/slave(1)`).
pub(crate) fn agent_url(agent: &crate::agent::Agent) -> Url {
    Url {
        scheme: "http".into(),
        address: Address {
            hostname: Some(agent.info.hostname.clone()),
            ip: Some(agent.endpoint.ip().to_string()),
            port: i32::from(agent.endpoint.port()),
        },
        path: Some("/slave(1)".into()),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_framework_moves_to_its_sorted_place() {
        let members: Vec<String> = ["f-c", "f-a", "f-d", "f-b"].map(String::from).to_vec();
        let mut total = Quantities::default();
        total.add("cpus", 100_000);
        total.add("mem", 100_000);
        let mut sorter = FrameworkSorter::new(
            "*",
            &members,
            &Allocations::default(),
            &drf::AllocationCounts::default(),
            &total,
        );
        assert_eq!(sorter.order(), [1, 3, 0, 2], "ties by name");
        for (index, cpus, mem) in [(1, 5_000, 0), (3, 0, 4_000), (0, 5_000, 0), (2, 1, 1)] {
            let mut quantities = Quantities::default();
            quantities.add("cpus", cpus);
            quantities.add("mem", mem);
            sorter.picked(index, &quantities, &total);
            let clients: Vec<Client<'_>> = (0..members.len()).map(|i| sorter.client(i)).collect();
            let resorted = drf::sort(&clients);
            assert_eq!(sorter.order(), resorted);
        }
        // d holds the least, then b (0.04), then a and c tie at 0.05 with one pick each.
        assert_eq!(sorter.order(), [2, 3, 1, 0]);
    }

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
