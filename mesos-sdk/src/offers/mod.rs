//! Offers: matching [`ResourceRequest`]s (resources, and [`OfferPredicate`]s on hostname and
//! attributes) against offers ([`find_fit`]), building `Offer.Operation`s ([`launch`],
//! [`reserve`], [`grow_volume`], ...), keeping the offers a scheduler holds ([`OfferIndex`]),
//! and packing several tasks into the offers of one agent ([`OfferPlanner`]) so the rest can
//! be declined at once.
//!
//! ```
//! use mesos_sdk::offers::{self, OfferPlanner, ResourceRequest};
//! use mesos_sdk::resources::Resources;
//! use mesos_sdk::v1;
//!
//! let offer = v1::Offer {
//!     id: v1::OfferId { value: "o1".into() },
//!     agent_id: v1::AgentId { value: "a1".into() },
//!     resources: Resources::parse("cpus:2;mem:2048;ports:[31000-31009]").unwrap().into(),
//!     ..Default::default()
//! };
//! let request = ResourceRequest::new().cpus(0.5).mem(256.0).any_ports(2);
//! assert!(offers::fits(&offer, &request));
//!
//! let task = |id: &str| v1::TaskInfo {
//!     name: id.into(),
//!     task_id: v1::TaskId { value: id.into() },
//!     ..Default::default()
//! };
//! let mut planner = OfferPlanner::new(vec![offer]).unwrap();
//! assert!(planner.place(&task("t1"), &request).is_some());
//! assert!(planner.place(&task("t2"), &request).is_some());
//! let plan = planner.finish();
//! assert_eq!(plan.accepts.len(), 1);
//! let launch = plan.accepts[0].operations[0].launch.as_ref().unwrap();
//! let t2 = Resources::try_from(&launch.task_infos[1].resources).unwrap();
//! assert_eq!(t2.ports().to_string(), "[31002-31003]");
//! assert_eq!(launch.task_infos[1].agent_id.value, "a1");
//! assert!(plan.unused.is_empty());
//! ```

use std::collections::{BTreeMap, HashMap};

use crate::resources::{Ranges, Resources, Scalar, reservation_role};
use crate::v1::offer::Operation;
use crate::v1::{self, AgentId, OfferId, value};

mod index;
mod operations;
mod predicate;

pub use index::OfferIndex;
pub use operations::{
    create_disk, create_volumes, destroy_disk, destroy_volumes, dynamically_reserved, grow_volume,
    launch, launch_group, refuse_for, reserve, shrink_volume, unreserve,
};
pub use predicate::OfferPredicate;

/// What a task needs from an offer: resources, and conditions on the offer itself.
///
/// Build it with [`ResourceRequest::new`] and the setters; the fields can be read and
/// assigned directly.
///
/// ```
/// use mesos_sdk::offers::{OfferPredicate, ResourceRequest};
/// use mesos_sdk::resources::Scalar;
///
/// let request = ResourceRequest::new()
///     .cpus(0.25)
///     .mem(128.0)
///     .disk(1024.0)
///     .gpus(1.0)
///     .scalar("fpgas", 2.0)
///     .port(8080)
///     .any_ports(1)
///     .role("web")
///     .predicate(OfferPredicate::attribute_equals("zone", "us-east-1a"));
/// assert_eq!(request.cpus, Scalar::from_f64(0.25).unwrap());
/// assert_eq!(request.scalars["fpgas"], Scalar::from(2));
/// assert!(request.ports.contains(8080));
/// assert_eq!(request.predicates.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ResourceRequest {
    /// CPUs.
    pub cpus: Scalar,
    /// Memory, MB.
    pub mem: Scalar,
    /// Plain (non-volume, non-MOUNT) disk, MB.
    pub disk: Scalar,
    /// GPUs. Mesos offers GPUs only to frameworks with the GPU_RESOURCES capability.
    pub gpus: Scalar,
    /// Other scalar resources, by name (`cpus`, `mem`, `disk` and `gpus` have their fields;
    /// [`ResourceRequest::scalar`] puts them there).
    pub scalars: BTreeMap<String, Scalar>,
    /// How many ports, any of those offered, besides [`ResourceRequest::ports`].
    pub any_ports: u64,
    /// Ports that must be these exact ones.
    pub ports: Ranges,
    /// The role to use the resources as: resources reserved for it are used first, then those
    /// reserved for its ancestors in the role hierarchy, then unreserved ones; an offer
    /// allocated to another role does not fit. `None`: any role, reserved resources first.
    pub role: Option<String>,
    /// Conditions on the offer's hostname and attributes, all of which must hold. Only
    /// [`find_fit`] and the [`OfferPlanner`] see the offer; [`find_fit_in`] ignores them.
    pub predicates: Vec<OfferPredicate>,
}

impl ResourceRequest {
    /// Nothing requested yet.
    pub fn new() -> ResourceRequest {
        ResourceRequest::default()
    }

    /// Sets the CPUs. Rounded to Mesos' three decimals; NaN and negative values count as zero,
    /// infinity as more than any offer (see [`Scalar::saturating_from_f64`]).
    pub fn cpus(mut self, cpus: f64) -> ResourceRequest {
        self.cpus = Scalar::saturating_from_f64(cpus);
        self
    }

    /// Sets the memory in MB, rounded as [`ResourceRequest::cpus`] is.
    pub fn mem(mut self, mb: f64) -> ResourceRequest {
        self.mem = Scalar::saturating_from_f64(mb);
        self
    }

    /// Sets the disk in MB, rounded as [`ResourceRequest::cpus`] is.
    pub fn disk(mut self, mb: f64) -> ResourceRequest {
        self.disk = Scalar::saturating_from_f64(mb);
        self
    }

    /// Sets the GPUs, rounded as [`ResourceRequest::cpus`] is. Whole GPUs only are usable:
    /// Mesos refuses fractional GPU requests.
    pub fn gpus(mut self, gpus: f64) -> ResourceRequest {
        self.gpus = Scalar::saturating_from_f64(gpus);
        self
    }

    /// Sets the amount of the scalar resource `name`, rounded as [`ResourceRequest::cpus`]
    /// is; `cpus`, `mem`, `disk` and `gpus` set their fields, as their own setters do. Offered
    /// resources of that name are picked like cpus: reservations for the role first.
    pub fn scalar(mut self, name: impl Into<String>, amount: f64) -> ResourceRequest {
        let name = name.into();
        let amount = Scalar::saturating_from_f64(amount);
        match name.as_str() {
            "cpus" => self.cpus = amount,
            "mem" => self.mem = amount,
            "disk" => self.disk = amount,
            "gpus" => self.gpus = amount,
            _ if amount.is_zero() => {
                self.scalars.remove(&name);
            }
            _ => {
                self.scalars.insert(name, amount);
            }
        }
        self
    }

    /// Asks for `count` ports, whichever are offered (the lowest are picked).
    pub fn any_ports(mut self, count: u64) -> ResourceRequest {
        self.any_ports = count;
        self
    }

    /// Asks for one exact port, in addition to those already asked for.
    pub fn port(mut self, port: u64) -> ResourceRequest {
        self.ports.insert(port..=port);
        self
    }

    /// Asks for exact ports, in addition to those already asked for.
    pub fn ports(mut self, ports: &Ranges) -> ResourceRequest {
        self.ports = self.ports.union(ports);
        self
    }

    /// Uses the resources as `role`.
    pub fn role(mut self, role: impl Into<String>) -> ResourceRequest {
        self.role = Some(role.into());
        self
    }

    /// Adds a condition on the offer (hostname, attributes), in addition to those already
    /// given.
    pub fn predicate(mut self, predicate: OfferPredicate) -> ResourceRequest {
        self.predicates.push(predicate);
        self
    }

    /// The first of the request's predicates that `offer` does not meet, to say why it was
    /// passed over; `None` when it meets them all.
    ///
    /// ```
    /// use mesos_sdk::offers::{OfferPredicate, ResourceRequest};
    /// use mesos_sdk::v1;
    ///
    /// let offer = v1::Offer { hostname: "a1".into(), ..Default::default() };
    /// let request = ResourceRequest::new()
    ///     .predicate(OfferPredicate::hostname_none_of(["a2"]))
    ///     .predicate(OfferPredicate::attribute_present("ssd"));
    /// let unmet = request.unmet_predicate(&offer).unwrap();
    /// assert_eq!(unmet.to_string(), "attribute ssd present");
    /// ```
    pub fn unmet_predicate(&self, offer: &v1::Offer) -> Option<&OfferPredicate> {
        self.unmet_by(&offer.hostname, &offer.attributes)
    }

    fn unmet_by(&self, hostname: &str, attributes: &[v1::Attribute]) -> Option<&OfferPredicate> {
        self.predicates
            .iter()
            .find(|p| !p.holds(hostname, attributes))
    }
}

/// The resources of `offer` to use for `request`, or `None` when they are not enough or the
/// offer does not meet the request's [`predicates`](ResourceRequest::predicates).
///
/// Resources reserved for the request's role come first, then those reserved for its
/// ancestors (`eng` for `eng/web`), then unreserved ones; revocable
/// resources are not used; disk comes only from plain disk (no volume, no MOUNT source, not
/// shared); GPUs and other named scalars are picked as cpus are. Ports are the requested exact ones plus the lowest other offered ones. Each picked
/// resource keeps its offered form (reservation, `role: "*"`) and carries the offer's
/// `allocation_info` when there is one, as ACCEPT needs with MULTI_ROLE. Offered resources
/// that are not valid are ignored.
///
/// ```
/// use mesos_sdk::offers::{find_fit, ResourceRequest};
/// use mesos_sdk::resources::{Resources, Scalar};
/// use mesos_sdk::v1;
///
/// let offer = v1::Offer {
///     resources: Resources::parse("cpus:1;cpus(web):0.5;mem:512").unwrap().into(),
///     ..Default::default()
/// };
/// let picked = find_fit(&offer, &ResourceRequest::new().cpus(1.0).mem(64.0).role("web")).unwrap();
/// assert_eq!(picked.reserved("web").cpus(), Scalar::from_f64(0.5).unwrap());
/// assert_eq!(picked.unreserved().cpus(), Scalar::from_f64(0.5).unwrap());
/// assert_eq!(find_fit(&offer, &ResourceRequest::new().cpus(2.0)), None);
/// ```
pub fn find_fit(offer: &v1::Offer, request: &ResourceRequest) -> Option<Resources> {
    let offer_role = offer
        .allocation_info
        .as_ref()
        .and_then(|a| a.role.as_deref());
    if let (Some(wanted), Some(offered)) = (request.role.as_deref(), offer_role) {
        if wanted != offered {
            return None;
        }
    }
    if request.unmet_predicate(offer).is_some() {
        return None;
    }
    let mut available = Resources::new();
    for resource in &offer.resources {
        let mut resource = resource.clone();
        if resource.allocation_info.is_none() {
            resource.allocation_info = offer.allocation_info.clone();
        }
        // An invalid resource cannot be used; the rest of the offer still can.
        let _ = available.add_resource(&resource);
    }
    find_fit_in(&available, request)
}

/// Whether `offer` has enough for `request` ([`find_fit`] finds something).
pub fn fits(offer: &v1::Offer, request: &ResourceRequest) -> bool {
    find_fit(offer, request).is_some()
}

/// [`find_fit`] over any resources, e.g. what is left of an offer after earlier picks. The
/// request's [`predicates`](ResourceRequest::predicates) are not checked: there is no offer.
pub fn find_fit_in(available: &Resources, request: &ResourceRequest) -> Option<Resources> {
    let role = request.role.as_deref();
    let usable = available.non_revocable().filter(|r| {
        let allocated = r.allocation_info.as_ref().and_then(|a| a.role.as_deref());
        match role {
            None => true,
            Some(role) => {
                allocated.is_none_or(|a| a == role)
                    && reservation_role(r).is_none_or(|reserved| is_allocatable_to(reserved, role))
            }
        }
    });
    // Reservations exist to be used: those for the role itself first, then those for its
    // ancestors (or, without a role, any), then unreserved resources.
    let rank = |r: &v1::Resource| match reservation_role(r) {
        Some(reserved) if Some(reserved) == role => 0,
        Some(_) => 1,
        None => 2,
    };
    let mut ordered: Vec<&v1::Resource> = usable.iter().collect();
    ordered.sort_by_key(|r| rank(r));

    let mut picked = Resources::new();
    let named = [
        ("cpus", request.cpus),
        ("mem", request.mem),
        ("disk", request.disk),
        ("gpus", request.gpus),
    ];
    let others = request.scalars.iter().map(|(n, s)| (n.as_str(), *s));
    for (name, wanted) in named.into_iter().chain(others) {
        let mut left = wanted;
        for resource in ordered.iter().filter(|r| {
            r.name == name
                && r.r#type == value::Type::Scalar as i32
                && (name != "disk" || is_plain_disk(r))
        }) {
            if left.is_zero() {
                break;
            }
            let have = resource
                .scalar
                .and_then(|s| Scalar::from_f64(s.value))
                .unwrap_or_default();
            let take = have.min(left);
            if take.is_zero() {
                continue;
            }
            let mut piece = (*resource).clone();
            piece.scalar = Some(value::Scalar {
                value: take.to_f64(),
            });
            picked.add_resource(&piece).ok()?;
            left = left.saturating_sub(take);
        }
        if !left.is_zero() {
            return None;
        }
    }

    let port_entries: Vec<(&v1::Resource, Ranges)> = ordered
        .iter()
        .filter(|r| r.name == "ports" && r.r#type == value::Type::Ranges as i32)
        .filter_map(|r| {
            let ranges = Ranges::try_from(r.ranges.as_ref()?).ok()?;
            Some((*r, ranges))
        })
        .collect();
    let mut exact_left = request.ports.clone();
    let mut any_left = request.any_ports;
    for (resource, offered) in &port_entries {
        let exact = offered.intersection(&exact_left);
        exact_left = exact_left.difference(&exact);
        let spare = offered.difference(&request.ports);
        let count = u64::try_from(spare.value_count())
            .unwrap_or(u64::MAX)
            .min(any_left);
        let any = spare.pick(count).unwrap_or_default();
        any_left -= count;
        let take = exact.union(&any);
        if !take.is_empty() {
            let mut piece = (*resource).clone();
            piece.ranges = Some(take.to_proto());
            picked.add_resource(&piece).ok()?;
        }
    }
    if !exact_left.is_empty() || any_left > 0 {
        return None;
    }
    Some(picked)
}

/// Whether resources reserved for `reserved` may be used by `role`: the same role or one below
/// it in the hierarchy (`eng` reservations are allocatable to `eng/web`).
fn is_allocatable_to(reserved: &str, role: &str) -> bool {
    role.strip_prefix(reserved)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Disk without a persistent volume, a MOUNT (or any) source, or sharing.
fn is_plain_disk(resource: &v1::Resource) -> bool {
    resource.shared.is_none()
        && resource
            .disk
            .as_ref()
            .is_none_or(|d| d.persistence.is_none() && d.source.is_none())
}

/// The offers grouped by agent, agents in order of first appearance and offers in their
/// original order within each group. ACCEPT takes offers from a single agent.
///
/// ```
/// use mesos_sdk::offers::group_by_agent;
/// use mesos_sdk::v1;
///
/// let offer = |id: &str, agent: &str| v1::Offer {
///     id: v1::OfferId { value: id.into() },
///     agent_id: v1::AgentId { value: agent.into() },
///     ..Default::default()
/// };
/// let groups = group_by_agent(vec![offer("1", "b"), offer("2", "a"), offer("3", "b")]);
/// let ids: Vec<(&str, Vec<&str>)> = groups
///     .iter()
///     .map(|(agent, offers)| (agent.value.as_str(), offers.iter().map(|o| o.id.value.as_str()).collect()))
///     .collect();
/// assert_eq!(ids, [("b", vec!["1", "3"]), ("a", vec!["2"])]);
/// ```
pub fn group_by_agent(offers: Vec<v1::Offer>) -> Vec<(AgentId, Vec<v1::Offer>)> {
    let mut groups: Vec<(AgentId, Vec<v1::Offer>)> = Vec::new();
    let mut index: HashMap<AgentId, usize> = HashMap::new();
    for offer in offers {
        match index.get(&offer.agent_id) {
            Some(&i) => groups[i].1.push(offer),
            None => {
                index.insert(offer.agent_id.clone(), groups.len());
                groups.push((offer.agent_id.clone(), vec![offer]));
            }
        }
    }
    groups
}

/// Offers given to [`OfferPlanner::new`] that come from more than one agent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("offers from agents {first:?} and {other:?} cannot be accepted together")]
pub struct MixedAgents {
    /// The agent of the first offer.
    pub first: String,
    /// Another agent.
    pub other: String,
}

/// One offer and what is left of it.
#[derive(Clone, Debug)]
struct Slot {
    offer_id: OfferId,
    hostname: String,
    attributes: Vec<v1::Attribute>,
    allocation_role: Option<String>,
    remaining: Resources,
    tasks: Vec<v1::TaskInfo>,
}

/// Packs tasks into the offers of one agent, first fit, tracking what is left of each offer
/// (and checking each request's [`predicates`](ResourceRequest::predicates) against it).
///
/// [`OfferPlanner::finish`] gives the ACCEPT calls to make (one per allocation role, since an
/// ACCEPT's offers must share agent and role) and the offers left unused, to decline with a
/// long refusal ([`refuse_for`]). A placed task gets the picked resources as its `resources`
/// (replacing any it had) and the agent's id; resources of a task's `executor` are not
/// accounted for.
#[derive(Clone, Debug)]
pub struct OfferPlanner {
    agent_id: AgentId,
    slots: Vec<Slot>,
}

/// The outcome of an [`OfferPlanner`].
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Plan {
    /// ACCEPT calls to make, each with offers of one role.
    pub accepts: Vec<Accept>,
    /// Offers no task was placed in: decline them.
    pub unused: Vec<OfferId>,
}

/// The arguments of one ACCEPT call.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Accept {
    /// The offers to accept.
    pub offer_ids: Vec<OfferId>,
    /// The operations: one LAUNCH with the tasks placed in these offers.
    pub operations: Vec<Operation>,
}

impl OfferPlanner {
    /// A planner over `offers`, which must all come from one agent (an empty list is fine
    /// and places nothing).
    pub fn new(offers: Vec<v1::Offer>) -> Result<OfferPlanner, MixedAgents> {
        let agent_id = offers
            .first()
            .map(|o| o.agent_id.clone())
            .unwrap_or_default();
        let mut slots = Vec::with_capacity(offers.len());
        for offer in offers {
            if offer.agent_id != agent_id {
                return Err(MixedAgents {
                    first: agent_id.value,
                    other: offer.agent_id.value,
                });
            }
            let mut remaining = Resources::new();
            for resource in &offer.resources {
                let mut resource = resource.clone();
                if resource.allocation_info.is_none() {
                    resource.allocation_info = offer.allocation_info.clone();
                }
                let _ = remaining.add_resource(&resource);
            }
            slots.push(Slot {
                offer_id: offer.id,
                hostname: offer.hostname,
                attributes: offer.attributes,
                allocation_role: offer.allocation_info.and_then(|a| a.role),
                remaining,
                tasks: Vec::new(),
            });
        }
        Ok(OfferPlanner { agent_id, slots })
    }

    /// Places `task` in the first offer with enough left for `request`, returning that offer's
    /// id, or `None` (and nothing changes) when no offer has enough.
    pub fn place(&mut self, task: &v1::TaskInfo, request: &ResourceRequest) -> Option<OfferId> {
        for slot in &mut self.slots {
            if let (Some(wanted), Some(offered)) =
                (request.role.as_deref(), slot.allocation_role.as_deref())
            {
                if wanted != offered {
                    continue;
                }
            }
            if request.unmet_by(&slot.hostname, &slot.attributes).is_some() {
                continue;
            }
            let Some(picked) = find_fit_in(&slot.remaining, request) else {
                continue;
            };
            let Some(left) = slot.remaining.checked_sub(&picked) else {
                continue;
            };
            slot.remaining = left;
            let mut task = task.clone();
            task.agent_id = self.agent_id.clone();
            task.resources = picked.into_vec();
            slot.tasks.push(task);
            return Some(slot.offer_id.clone());
        }
        None
    }

    /// What is left of each offer, in the order given.
    pub fn remaining(&self) -> impl Iterator<Item = (&OfferId, &Resources)> + '_ {
        self.slots.iter().map(|s| (&s.offer_id, &s.remaining))
    }

    /// The ACCEPT calls and the unused offers.
    pub fn finish(self) -> Plan {
        let mut plan = Plan::default();
        let mut by_role: Vec<(Option<String>, Vec<OfferId>, Vec<v1::TaskInfo>)> = Vec::new();
        for slot in self.slots {
            if slot.tasks.is_empty() {
                plan.unused.push(slot.offer_id);
                continue;
            }
            match by_role
                .iter_mut()
                .find(|(r, _, _)| *r == slot.allocation_role)
            {
                Some((_, ids, tasks)) => {
                    ids.push(slot.offer_id);
                    tasks.extend(slot.tasks);
                }
                None => by_role.push((slot.allocation_role, vec![slot.offer_id], slot.tasks)),
            }
        }
        plan.accepts = by_role
            .into_iter()
            .map(|(_, offer_ids, tasks)| Accept {
                offer_ids,
                operations: vec![launch(tasks)],
            })
            .collect();
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::{ranges_resource, scalar_resource};
    use crate::v1::resource::{AllocationInfo, DiskInfo, RevocableInfo, disk_info};

    fn s(v: f64) -> Scalar {
        Scalar::from_f64(v).expect("valid scalar")
    }

    fn offer(id: &str, agent: &str, text: &str) -> v1::Offer {
        v1::Offer {
            id: OfferId { value: id.into() },
            agent_id: AgentId {
                value: agent.into(),
            },
            hostname: format!("{agent}.example"),
            resources: Resources::parse(text).expect("valid resources").into(),
            ..Default::default()
        }
    }

    fn task(id: &str) -> v1::TaskInfo {
        v1::TaskInfo {
            name: id.into(),
            task_id: v1::TaskId { value: id.into() },
            ..Default::default()
        }
    }

    /// An offer to a MULTI_ROLE framework: `allocation_info` on the offer and each resource.
    fn multi_role_offer(id: &str, role: &str, text: &str) -> v1::Offer {
        let allocation = AllocationInfo {
            role: Some(role.into()),
        };
        let mut o = offer(id, "a1", text);
        o.allocation_info = Some(allocation.clone());
        for r in &mut o.resources {
            r.allocation_info = Some(allocation.clone());
        }
        o
    }

    #[test]
    fn ports_spanning_two_ranges() {
        let o = offer("o", "a", "cpus:1;mem:128;ports:[31000-31001,31005-31010]");
        let picked = find_fit(&o, &ResourceRequest::new().any_ports(4)).expect("fits");
        assert_eq!(picked.ports().to_string(), "[31000-31001, 31005-31006]");
        assert_eq!(picked.cpus(), Scalar::ZERO);
        assert!(fits(&o, &ResourceRequest::new().any_ports(8)));
        assert!(!fits(&o, &ResourceRequest::new().any_ports(9)));
    }

    #[test]
    fn exact_ports_and_any_ports_do_not_overlap() {
        let o = offer("o", "a", "ports:[31000-31003, 31010-31011]");
        let request = ResourceRequest::new().port(31000).port(31010).any_ports(2);
        let picked = find_fit(&o, &request).expect("fits");
        assert_eq!(picked.ports().to_string(), "[31000-31002, 31010-31010]");
        assert!(!fits(&o, &ResourceRequest::new().port(31005)));
        // Four exact plus three others would need seven of six.
        let too_many = ResourceRequest::new()
            .ports(&(31000..=31003).into())
            .any_ports(3);
        assert!(!fits(&o, &too_many));
    }

    #[test]
    fn exact_ports_split_over_reserved_and_unreserved() {
        let o = offer("o", "a", "ports(web):[8000-8000];ports:[8001-8001]");
        let request = ResourceRequest::new()
            .ports(&(8000..=8001).into())
            .role("web");
        let picked = find_fit(&o, &request).expect("fits");
        assert_eq!(picked.reserved("web").ports().to_string(), "[8000-8000]");
        assert_eq!(picked.unreserved().ports().to_string(), "[8001-8001]");
    }

    #[test]
    fn reserved_resources_of_the_role_come_first() {
        let o = offer(
            "o",
            "a",
            "cpus:4;cpus(web):1;cpus(db):8;mem(web):256;mem:1024",
        );
        let request = ResourceRequest::new().cpus(2.0).mem(512.0).role("web");
        let picked = find_fit(&o, &request).expect("fits");
        assert_eq!(picked.reserved("web").cpus(), s(1.0));
        assert_eq!(picked.unreserved().cpus(), s(1.0));
        assert_eq!(picked.reserved("web").mem(), s(256.0));
        assert_eq!(picked.unreserved().mem(), s(256.0));
        assert!(picked.reserved("db").is_empty());
        // Picked resources keep the offered form: `role` as offered.
        let offered = Resources::try_from(&o.resources).expect("valid");
        assert!(offered.contains(&picked));
        // `db` cpus do not count for `web`.
        assert!(!fits(&o, &ResourceRequest::new().cpus(6.0).role("web")));
        // Without a role, any reservation may be used.
        assert!(fits(&o, &ResourceRequest::new().cpus(13.0)));
        assert!(!fits(&o, &ResourceRequest::new().cpus(13.001)));
    }

    #[test]
    fn ancestor_reservations_are_used_after_the_role_s_own() {
        let o = offer(
            "o",
            "a",
            "cpus(eng):2;cpus(eng/web):1;cpus(engine):4;cpus:8",
        );
        let request = ResourceRequest::new().cpus(2.5).role("eng/web");
        let picked = find_fit(&o, &request).expect("fits");
        assert_eq!(picked.reserved("eng/web").cpus(), s(1.0));
        assert_eq!(picked.reserved("eng").cpus(), s(1.5));
        assert!(picked.unreserved().is_empty());
        // `engine` is not an ancestor of `eng/web`, and `eng/web` is not one of `eng`.
        assert!(!fits(
            &o,
            &ResourceRequest::new().cpus(12.0).role("eng/web")
        ));
        assert!(fits(&o, &ResourceRequest::new().cpus(11.0).role("eng/web")));
        assert!(!fits(&o, &ResourceRequest::new().cpus(10.5).role("eng")));
    }

    #[test]
    fn multi_role_offer_carries_allocation_info() {
        let o = multi_role_offer("o", "web", "cpus:2;mem:512;ports:[9000-9009]");
        let request = ResourceRequest::new()
            .cpus(1.0)
            .mem(100.0)
            .any_ports(1)
            .role("web");
        let picked = find_fit(&o, &request).expect("fits");
        assert!(picked.iter().all(|r| {
            r.allocation_info.as_ref().and_then(|a| a.role.as_deref()) == Some("web")
        }));
        assert_eq!(picked.allocated_to("web").cpus(), s(1.0));
        assert_eq!(picked.by_allocation_role().len(), 1);
        // The offer is for `web`; it does not fit a request for `db`.
        assert!(!fits(&o, &request.clone().role("db")));
        // Without a role in the request, the offer's role is used as is.
        assert!(fits(&o, &ResourceRequest::new().cpus(2.0)));
    }

    #[test]
    fn allocation_info_only_on_the_offer_is_filled_in() {
        let mut o = offer("o", "a", "cpus:2");
        o.allocation_info = Some(AllocationInfo {
            role: Some("web".into()),
        });
        let picked = find_fit(&o, &ResourceRequest::new().cpus(1.0)).expect("fits");
        assert_eq!(picked.allocated_to("web").cpus(), s(1.0));
    }

    #[test]
    fn request_equal_to_offer_takes_everything() {
        let o = offer("o", "a", "cpus:1.5;mem:1024;disk:2048;ports:[31000-31004]");
        let request = ResourceRequest::new()
            .cpus(1.5)
            .mem(1024.0)
            .disk(2048.0)
            .any_ports(5);
        let picked = find_fit(&o, &request).expect("fits exactly");
        let offered = Resources::try_from(&o.resources).expect("valid");
        assert_eq!(picked, offered);
        assert!(offered.checked_sub(&picked).expect("contained").is_empty());
    }

    #[test]
    fn insufficient_resources() {
        let o = offer("o", "a", "cpus:1;mem:128");
        assert!(!fits(&o, &ResourceRequest::new().cpus(1.001)));
        assert!(!fits(&o, &ResourceRequest::new().mem(129.0)));
        assert!(!fits(&o, &ResourceRequest::new().disk(1.0)));
        assert!(!fits(&o, &ResourceRequest::new().any_ports(1)));
        assert!(!fits(&o, &ResourceRequest::new().cpus(f64::INFINITY)));
        // Nothing asked, nothing picked.
        assert_eq!(
            find_fit(&o, &ResourceRequest::new()),
            Some(Resources::new())
        );
        // NaN and negative requests count as zero.
        assert!(fits(&o, &ResourceRequest::new().cpus(f64::NAN).mem(-5.0)));
    }

    #[test]
    fn revocable_volumes_and_invalid_resources_are_not_used() {
        let mut o = offer("o", "a", "cpus:1");
        let mut revocable = scalar_resource("cpus", s(4.0));
        revocable.revocable = Some(RevocableInfo {});
        let mut volume = scalar_resource("disk", s(100.0));
        volume.disk = Some(DiskInfo {
            persistence: Some(disk_info::Persistence {
                id: "v1".into(),
                principal: None,
            }),
            ..Default::default()
        });
        let mut broken = scalar_resource("mem", s(100.0));
        broken.scalar = Some(value::Scalar { value: f64::NAN });
        let mut inverted = ranges_resource("ports", &Ranges::new());
        inverted.ranges = Some(value::Ranges {
            range: vec![value::Range { begin: 9, end: 1 }],
        });
        o.resources.extend([revocable, volume, broken, inverted]);
        assert!(fits(&o, &ResourceRequest::new().cpus(1.0)));
        assert!(!fits(&o, &ResourceRequest::new().cpus(2.0)));
        assert!(!fits(&o, &ResourceRequest::new().disk(1.0)));
        assert!(!fits(&o, &ResourceRequest::new().mem(1.0)));
        assert!(!fits(&o, &ResourceRequest::new().any_ports(1)));
    }

    #[test]
    fn group_by_agent_is_stable() {
        let groups = group_by_agent(vec![
            offer("1", "a", "cpus:1"),
            offer("2", "b", "cpus:1"),
            offer("3", "a", "cpus:1"),
            offer("4", "c", "cpus:1"),
            offer("5", "b", "cpus:1"),
        ]);
        let flat: Vec<(String, Vec<String>)> = groups
            .into_iter()
            .map(|(agent, offers)| {
                (
                    agent.value,
                    offers.into_iter().map(|o| o.id.value).collect(),
                )
            })
            .collect();
        assert_eq!(
            flat,
            [
                ("a".to_owned(), vec!["1".to_owned(), "3".to_owned()]),
                ("b".to_owned(), vec!["2".to_owned(), "5".to_owned()]),
                ("c".to_owned(), vec!["4".to_owned()]),
            ]
        );
        assert!(group_by_agent(Vec::new()).is_empty());
    }

    #[test]
    fn planner_packs_first_fit_and_reports_unused_offers() {
        let offers = vec![
            offer("o1", "a1", "cpus:1;mem:1024;ports:[31000-31001]"),
            offer("o2", "a1", "cpus:4;mem:4096;ports:[32000-32010]"),
            offer("o3", "a1", "cpus:8;mem:8192"),
        ];
        let mut planner = OfferPlanner::new(offers).expect("one agent");
        let small = ResourceRequest::new().cpus(0.5).mem(256.0).any_ports(1);
        let big = ResourceRequest::new().cpus(3.0).mem(1024.0).any_ports(1);
        let place = |p: &mut OfferPlanner, id: &str, r: &ResourceRequest| {
            p.place(&task(id), r).map(|o| o.value)
        };
        assert_eq!(place(&mut planner, "t1", &small).as_deref(), Some("o1"));
        assert_eq!(place(&mut planner, "t2", &small).as_deref(), Some("o1"));
        // o1 has no port left.
        assert_eq!(place(&mut planner, "t3", &small).as_deref(), Some("o2"));
        assert_eq!(place(&mut planner, "t4", &big).as_deref(), Some("o2"));
        // Too big for any offer: nothing changes.
        let huge = ResourceRequest::new().cpus(9.0);
        assert_eq!(place(&mut planner, "t5", &huge), None);
        let left: Vec<Scalar> = planner.remaining().map(|(_, r)| r.cpus()).collect();
        assert_eq!(left, [s(0.0), s(0.5), s(8.0)]);

        let plan = planner.finish();
        assert_eq!(plan.unused, [OfferId { value: "o3".into() }]);
        assert_eq!(plan.accepts.len(), 1);
        let accept = &plan.accepts[0];
        let ids: Vec<&str> = accept.offer_ids.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(ids, ["o1", "o2"]);
        let launched = accept.operations[0].launch.as_ref().expect("launch");
        let names: Vec<&str> = launched
            .task_infos
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(names, ["t1", "t2", "t3", "t4"]);
        // Each task got distinct ports from its offer.
        let ports: Vec<String> = launched
            .task_infos
            .iter()
            .map(|t| {
                Resources::try_from(&t.resources)
                    .expect("valid")
                    .ports()
                    .to_string()
            })
            .collect();
        assert_eq!(
            ports,
            [
                "[31000-31000]",
                "[31001-31001]",
                "[32000-32000]",
                "[32001-32001]"
            ]
        );
        assert!(launched.task_infos.iter().all(|t| t.agent_id.value == "a1"));
    }

    #[test]
    fn planner_splits_accepts_by_allocation_role() {
        let offers = vec![
            multi_role_offer("o1", "web", "cpus:1"),
            multi_role_offer("o2", "db", "cpus:1"),
            multi_role_offer("o3", "web", "cpus:1"),
            multi_role_offer("o4", "db", "cpus:1"),
        ];
        let mut planner = OfferPlanner::new(offers).expect("one agent");
        let web = ResourceRequest::new().cpus(1.0).role("web");
        let db = ResourceRequest::new().cpus(1.0).role("db");
        assert_eq!(
            planner.place(&task("w1"), &web).map(|o| o.value).as_deref(),
            Some("o1")
        );
        assert_eq!(
            planner.place(&task("d1"), &db).map(|o| o.value).as_deref(),
            Some("o2")
        );
        assert_eq!(
            planner.place(&task("w2"), &web).map(|o| o.value).as_deref(),
            Some("o3")
        );
        assert_eq!(planner.place(&task("w3"), &web), None);
        let plan = planner.finish();
        let accepts: Vec<Vec<&str>> = plan
            .accepts
            .iter()
            .map(|a| a.offer_ids.iter().map(|o| o.value.as_str()).collect())
            .collect();
        assert_eq!(accepts, [vec!["o1", "o3"], vec!["o2"]]);
        assert_eq!(plan.unused, [OfferId { value: "o4".into() }]);
        let launched = plan.accepts[0].operations[0]
            .launch
            .as_ref()
            .expect("launch");
        for t in &launched.task_infos {
            let r = Resources::try_from(&t.resources).expect("valid");
            assert_eq!(r.allocated_to("web").cpus(), s(1.0));
        }
    }

    #[test]
    fn planner_rejects_offers_from_two_agents() {
        let err = OfferPlanner::new(vec![
            offer("o1", "a1", "cpus:1"),
            offer("o2", "a2", "cpus:1"),
        ])
        .expect_err("two agents");
        assert_eq!(
            err,
            MixedAgents {
                first: "a1".into(),
                other: "a2".into()
            }
        );
        let mut empty = OfferPlanner::new(Vec::new()).expect("empty is fine");
        assert_eq!(empty.place(&task("t"), &ResourceRequest::new()), None);
        assert_eq!(empty.finish(), Plan::default());
    }

    #[test]
    fn gpus_and_named_scalars_are_picked_like_cpus() {
        let o = offer(
            "o",
            "a",
            "cpus:4;gpus:2;gpus(web):1;gpus(db):4;fpgas:3;fpgas(web):1;bw:[1-2]",
        );
        let request = ResourceRequest::new()
            .gpus(2.0)
            .scalar("fpgas", 2.0)
            .role("web");
        let picked = find_fit(&o, &request).expect("fits");
        assert_eq!(picked.reserved("web").gpus(), s(1.0));
        assert_eq!(picked.unreserved().gpus(), s(1.0));
        assert_eq!(picked.reserved("web").scalar("fpgas"), s(1.0));
        assert_eq!(picked.unreserved().scalar("fpgas"), s(1.0));
        assert_eq!(picked.cpus(), Scalar::ZERO);
        // `db` GPUs are not for `web`; without a role they are used.
        assert!(!fits(&o, &ResourceRequest::new().gpus(4.0).role("web")));
        assert!(fits(&o, &ResourceRequest::new().gpus(7.0)));
        assert!(!fits(&o, &ResourceRequest::new().scalar("fpgas", 4.5)));
        // A name offered only as ranges, or not at all, has no scalar to give.
        assert!(!fits(&o, &ResourceRequest::new().scalar("bw", 1.0)));
        assert!(!fits(&o, &ResourceRequest::new().scalar("tpus", 0.5)));
        assert!(fits(&o, &ResourceRequest::new().scalar("tpus", 0.0)));
    }

    #[test]
    fn scalar_setter_uses_the_named_fields() {
        let request = ResourceRequest::new()
            .scalar("cpus", 1.5)
            .scalar("mem", 64.0)
            .scalar("disk", 10.0)
            .scalar("gpus", 1.0)
            .scalar("fpgas", 2.0)
            .scalar("tpus", 1.0)
            .scalar("tpus", 0.0);
        assert_eq!(
            request,
            ResourceRequest::new()
                .cpus(1.5)
                .mem(64.0)
                .disk(10.0)
                .gpus(1.0)
                .scalar("fpgas", 2.0)
        );
        assert_eq!(request.scalars.len(), 1);
        // Disk asked by name is still plain disk only.
        let mut o = offer("o", "a", "cpus:1");
        let mut volume = scalar_resource("disk", s(100.0));
        volume.disk = Some(DiskInfo {
            persistence: Some(disk_info::Persistence {
                id: "v1".into(),
                principal: None,
            }),
            ..Default::default()
        });
        o.resources.push(volume);
        assert!(!fits(&o, &ResourceRequest::new().scalar("disk", 1.0)));
    }

    #[test]
    fn predicates_see_the_whole_offer() {
        let mut o = offer("o", "a1", "cpus:2");
        o.attributes.push(v1::Attribute {
            name: "zone".into(),
            r#type: value::Type::Text as i32,
            text: Some(value::Text { value: "z1".into() }),
            ..Default::default()
        });
        let base = ResourceRequest::new().cpus(1.0);
        let in_z1 = base
            .clone()
            .predicate(OfferPredicate::attribute_equals("zone", "z1"));
        let elsewhere = in_z1
            .clone()
            .predicate(OfferPredicate::hostname_none_of(["A1.example"]));
        assert!(fits(&o, &in_z1));
        assert!(!fits(&o, &elsewhere));
        assert_eq!(
            elsewhere.unmet_predicate(&o),
            Some(&OfferPredicate::hostname_none_of(["A1.example"]))
        );
        assert_eq!(in_z1.unmet_predicate(&o), None);
        // Resources still have to fit.
        assert!(!fits(&o, &in_z1.clone().cpus(3.0)));
        // `find_fit_in` has no offer to check.
        let offered = Resources::try_from(&o.resources).expect("valid");
        assert!(find_fit_in(&offered, &elsewhere).is_some());
    }

    #[test]
    fn planner_checks_predicates() {
        let mut o1 = offer("o1", "a1", "cpus:1");
        o1.attributes.push(v1::Attribute {
            name: "ssd".into(),
            r#type: value::Type::Text as i32,
            text: Some(value::Text {
                value: "true".into(),
            }),
            ..Default::default()
        });
        let o2 = offer("o2", "a1", "cpus:1");
        let mut planner = OfferPlanner::new(vec![o2, o1]).expect("one agent");
        let ssd = ResourceRequest::new()
            .cpus(1.0)
            .predicate(OfferPredicate::attribute_present("ssd"));
        assert_eq!(
            planner.place(&task("t1"), &ssd).map(|o| o.value).as_deref(),
            Some("o1")
        );
        assert_eq!(planner.place(&task("t2"), &ssd), None);
        let not_here = ResourceRequest::new()
            .cpus(1.0)
            .predicate(OfferPredicate::hostname_one_of(["a2.example"]));
        assert_eq!(planner.place(&task("t3"), &not_here), None);
        let anywhere = ResourceRequest::new().cpus(1.0);
        assert_eq!(
            planner
                .place(&task("t4"), &anywhere)
                .map(|o| o.value)
                .as_deref(),
            Some("o2")
        );
    }
}
