//! The operator API's operations on an agent's resources: RESERVE_RESOURCES,
//! UNRESERVE_RESOURCES, CREATE_VOLUMES, DESTROY_VOLUMES, GROW_VOLUME and SHRINK_VOLUME.
//! `mesos: src/master/http.cpp` (`_reserve`, `_unreserve`, `_createVolumes`,
//! `_destroyVolumes`, `growVolume`, `shrinkVolume`, then `_operation`): the agent must be
//! registered (400), the resources valid (400, `validateAndUpgradeResources` and
//! `validation::operation::validate`); offers on the agent are rescinded until they cover what
//! the operation consumes, then the allocator applies it to the agent's available resources
//! (409 with `Resources::apply`'s error when they do not hold it) and the master to the
//! agent's total (`Master::apply`, `Slave::apply`): 202.

use http::StatusCode;
use mesos_sdk::v1::master::Call;
use mesos_sdk::v1::master::call::Type;
use mesos_sdk::v1::resource::{disk_info, reservation_info};
use mesos_sdk::v1::{Filters, Resource, value, volume};

use super::accept::upstream;
use super::effects::{Effect, Effects};
use super::events;
use super::state::MasterState;
use crate::agent::Agent;
use crate::resources::{Resources, to_milli};

/// An operation as the master builds it from the call (`Offer::Operation`).
enum Operation {
    Reserve {
        source: Vec<Resource>,
        resources: Vec<Resource>,
    },
    Unreserve(Vec<Resource>),
    Create(Vec<Resource>),
    Destroy(Vec<Resource>),
    // Boxed: a lone `Resource` is larger than the lists of the other variants.
    Grow {
        volume: Box<Resource>,
        addition: Box<Resource>,
    },
    Shrink {
        volume: Box<Resource>,
        subtract: f64,
    },
}

/// `ResourceConversion`: `consumed` becomes `converted`; after a DESTROY, the volume must be
/// gone (`destroyed`), else shared copies of it remain.
struct Conversion {
    consumed: Resources,
    converted: Resources,
    destroyed: Option<(Resources, Resource)>,
    /// How upstream prints `consumed` when the operator gave it an `allocation_info`: the
    /// agent's resources are unallocated, so such resources are never found there (the
    /// simulator's arithmetic ignores allocations, hence this mark).
    allocated: Option<String>,
}

/// Why an operator operation is refused: the status and libprocess' text body.
pub(crate) type Refusal = (StatusCode, String);

fn bad(message: impl Into<String>) -> Refusal {
    (StatusCode::BAD_REQUEST, message.into())
}

impl MasterState {
    /// Validates and applies an operator operation (`kind` is one of the six calls above,
    /// its payload present: `validate` in `operator_api` checked it). The effects (offers
    /// rescinded, an allocation) stand even when the operation is then refused with a 409.
    pub(crate) fn operator_operation(
        &mut self,
        kind: Type,
        call: Call,
    ) -> (Effects, Option<Refusal>) {
        match self.try_operator_operation(kind, call) {
            Ok(effects) => (effects, None),
            Err((effects, refusal)) => (effects, Some(refusal)),
        }
    }

    fn try_operator_operation(
        &mut self,
        kind: Type,
        call: Call,
    ) -> Result<Effects, (Effects, Refusal)> {
        let refused = |refusal: Refusal| (Vec::new(), refusal);
        let (agent_id, operation) = match kind {
            Type::ReserveResources => {
                let r = call.reserve_resources.unwrap_or_default();
                (
                    r.agent_id.value,
                    Operation::Reserve {
                        source: r.source,
                        resources: r.resources,
                    },
                )
            }
            Type::UnreserveResources => {
                let u = call.unreserve_resources.unwrap_or_default();
                (u.agent_id.value, Operation::Unreserve(u.resources))
            }
            Type::CreateVolumes => {
                let c = call.create_volumes.unwrap_or_default();
                (c.agent_id.value, Operation::Create(c.volumes))
            }
            Type::DestroyVolumes => {
                let d = call.destroy_volumes.unwrap_or_default();
                (d.agent_id.value, Operation::Destroy(d.volumes))
            }
            Type::GrowVolume => {
                let g = call.grow_volume.unwrap_or_default();
                (
                    g.agent_id.unwrap_or_default().value,
                    Operation::Grow {
                        volume: Box::new(g.volume),
                        addition: Box::new(g.addition),
                    },
                )
            }
            Type::ShrinkVolume => {
                let s = call.shrink_volume.unwrap_or_default();
                (
                    s.agent_id.unwrap_or_default().value,
                    Operation::Shrink {
                        volume: Box::new(s.volume),
                        subtract: s.subtract.value,
                    },
                )
            }
            _ => {
                return Err(refused(bad(format!(
                    "{} is not an operation",
                    kind.as_str_name()
                ))));
            }
        };
        let Some(agent) = self.agents.get(&agent_id) else {
            return Err(refused(bad("No agent found with specified ID")));
        };
        let operation = validate_and_upgrade(operation).map_err(|e| refused(bad(e)))?;
        self.validate_operation(agent, &operation)
            .map_err(|e| refused(bad(e)))?;
        self.apply_operation(&agent_id, &conversions(&operation))
    }

    /// `validation::operation::validate` for an operator (no principal, no framework), with
    /// `Master::Http`'s prefixes. The simulated agents have every capability these checks
    /// ask for (HIERARCHICAL_ROLE, RESERVATION_REFINEMENT, RESIZE_VOLUME).
    fn validate_operation(&self, agent: &Agent, operation: &Operation) -> Result<(), String> {
        // `operator<<(Slave)`.
        let on_agent = format!(
            "on agent {} at slave(1)@{} ({})",
            agent.id, agent.endpoint, agent.info.hostname
        );
        match operation {
            Operation::Reserve { source, resources } => validate_reserve(source, resources)
                .map_err(|e| format!("Invalid RESERVE operation {on_agent}: {e}")),
            Operation::Unreserve(resources) => validate_unreserve(resources)
                .map_err(|e| format!("Invalid UNRESERVE operation: {e}")),
            Operation::Create(volumes) => validate_create(agent, volumes)
                .map_err(|e| format!("Invalid CREATE operation {on_agent}: {e}")),
            Operation::Destroy(volumes) => self
                .validate_destroy(agent, volumes)
                .map_err(|e| format!("Invalid DESTROY operation: {e}")),
            Operation::Grow { volume, addition } => validate_grow(volume, addition)
                .map_err(|e| format!("Invalid GROW_VOLUME operation {on_agent}: {e}")),
            Operation::Shrink { volume, subtract } => validate_shrink(volume, *subtract)
                .map_err(|e| format!("Invalid SHRINK_VOLUME operation {on_agent}: {e}")),
        }
    }

    /// The DESTROY checks that need the agent: the volumes exist there (in its checkpointed
    /// resources) and no task or executor uses them.
    fn validate_destroy(&self, agent: &Agent, volumes: &[Resource]) -> Result<(), String> {
        let volumes: Vec<Resource> = volumes.iter().map(unallocated).collect();
        upstream::validate_resource_field(&volumes)
            .map_err(|e| format!("Invalid resources: {e}"))?;
        single_provider(&volumes).map_err(|e| format!("Invalid resources: {e}"))?;
        persistent_volumes(&volumes).map_err(|e| format!("Not a persistent volume: {e}"))?;
        let mut used = Resources::default();
        for framework in self.frameworks.values() {
            for task in framework
                .tasks
                .values()
                .filter(|t| t.agent_id == agent.id && !t.resources_recovered)
            {
                used.add(&task.resources);
            }
        }
        for volume in &volumes {
            if volume.provider_id.is_some() {
                continue;
            }
            if !holds(&agent.total, &arithmetic(std::slice::from_ref(volume))) {
                return Err("Persistent volumes not found".into());
            }
        }
        if volumes
            .iter()
            .any(|v| holds(&used, &arithmetic(std::slice::from_ref(v))))
        {
            return Err("Persistent volumes in use".into());
        }
        Ok(())
    }

    /// `Master::Http::_operation`: offers on the agent that hold some of what the operation
    /// consumes are rescinded, with the default filter (upstream passes `Filters()` so its
    /// frameworks do not get the resources straight back), until they alone cover it; then
    /// the operation applies to the agent's available resources (`updateAvailable`: a 409
    /// `Conflict` with the error when they do not hold what it consumes) and to its total.
    fn apply_operation(
        &mut self,
        agent_id: &str,
        conversions: &[Conversion],
    ) -> Result<Effects, (Effects, Refusal)> {
        let mut required = Resources::default();
        for conversion in conversions {
            required.add(&conversion.consumed);
        }
        // Allocated resources subtract from no offer (whose resources are unallocated once
        // recovered): nothing is rescinded for them.
        if conversions.iter().any(|c| c.allocated.is_some()) {
            required = Resources::default();
        }
        let mut effects = Vec::new();
        let mut recovered = Resources::default();
        // Upstream walks a hash set; any order will do.
        let mut offer_ids: Vec<String> = self
            .offers
            .iter()
            .filter(|(_, o)| o.agent_id == agent_id)
            .map(|(id, _)| id.clone())
            .collect();
        offer_ids.sort();
        for offer_id in offer_ids {
            let Some(resources) = self.offers.get(&offer_id).map(|o| o.resources.clone()) else {
                continue;
            };
            let mut left = required.clone();
            left.subtract(&resources);
            if left.contains(&required) {
                // Nothing the operation needs.
                continue;
            }
            required = left;
            recovered.add(&resources);
            if let Some(offer) = self.take_offer(&offer_id) {
                effects.extend(self.send(&offer.framework_id, &events::rescind(&offer.offer)));
                self.recover_resources(
                    &offer.framework_id,
                    &offer.role,
                    agent_id,
                    &offer.resources,
                    Some(Some(&Filters::default())),
                );
            }
            if apply(&recovered, conversions).is_ok() {
                break;
            }
        }
        // The rescinded offers' resources are back with the allocator either way.
        effects.push(Effect::Allocate);
        let Some(agent) = self.agents.get_mut(agent_id) else {
            return Err((effects, bad("No agent found with specified ID")));
        };
        let applied = apply(&agent.available, conversions)
            .and_then(|available| Ok((available, apply(&agent.total, conversions)?)));
        match applied {
            Ok((available, total)) => {
                agent.available = available;
                agent.total = total;
            }
            Err(error) => return Err((effects, (StatusCode::CONFLICT, error))),
        }
        Ok(effects)
    }
}

/// `validateAndUpgradeResources`: `Resources::validate` of each resource field, its error as
/// is; then the resources in the post-refinement format (`upgradeResources`).
fn validate_and_upgrade(operation: Operation) -> Result<Operation, String> {
    let all = |list: &[Resource]| upstream::validate_resources(list);
    let upgrade_all = |list: Vec<Resource>| {
        list.into_iter()
            .map(super::accept::upgrade_format)
            .collect::<Vec<_>>()
    };
    Ok(match operation {
        Operation::Reserve { source, resources } => {
            all(&resources)?;
            all(&source)?;
            Operation::Reserve {
                source: upgrade_all(source),
                resources: upgrade_all(resources),
            }
        }
        Operation::Unreserve(resources) => {
            all(&resources)?;
            Operation::Unreserve(upgrade_all(resources))
        }
        Operation::Create(volumes) => {
            all(&volumes)?;
            Operation::Create(upgrade_all(volumes))
        }
        Operation::Destroy(volumes) => {
            all(&volumes)?;
            Operation::Destroy(upgrade_all(volumes))
        }
        Operation::Grow { volume, addition } => {
            upstream::validate_resource(&volume)?;
            upstream::validate_resource(&addition)?;
            Operation::Grow {
                volume: Box::new(super::accept::upgrade_format(*volume)),
                addition: Box::new(super::accept::upgrade_format(*addition)),
            }
        }
        Operation::Shrink { volume, subtract } => {
            upstream::validate_resource(&volume)?;
            Operation::Shrink {
                volume: Box::new(super::accept::upgrade_format(*volume)),
                subtract,
            }
        }
    })
}

/// The resources without their allocation (the agent's are unallocated).
fn unallocated(resource: &Resource) -> Resource {
    let mut resource = resource.clone();
    resource.allocation_info = None;
    resource
}

/// The simulator's arithmetic form of validated resources.
fn arithmetic(list: &[Resource]) -> Resources {
    let list: Vec<Resource> = list.iter().map(unallocated).collect();
    Resources::from_protos(&list).unwrap_or_default()
}

/// `operator<<(Resources)` of unallocated resources, in the post-refinement format:
/// `{}` when empty, else `; `-separated.
fn stringify(resources: &Resources) -> String {
    if resources.is_empty() {
        return "{}".into();
    }
    resources
        .to_protos()
        .into_iter()
        .map(|r| {
            let shared = r.shared.is_some();
            let mut text = upstream::stringify_resource(&super::accept::upgrade_format(r));
            if shared {
                text += "<1>";
            }
            text
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `Resources::isDynamicallyReserved` (post-refinement).
fn dynamically_reserved(resource: &Resource) -> bool {
    resource
        .reservations
        .last()
        .is_some_and(|r| r.r#type == Some(reservation_info::Type::Dynamic as i32))
}

fn is_persistent_volume(resource: &Resource) -> bool {
    resource
        .disk
        .as_ref()
        .is_some_and(|d| d.persistence.is_some())
}

/// `Resources::popReservation` of one resource: its last reservation goes.
fn pop_reservation(resource: &Resource) -> Resource {
    let mut resource = resource.clone();
    resource.reservations.pop();
    resource
}

/// A volume without its persistence (what it was made from), never shared.
fn strip_persistence(volume: &Resource) -> Resource {
    let mut stripped = volume.clone();
    match &mut stripped.disk {
        Some(disk) if disk.source.is_some() => {
            disk.persistence = None;
            disk.volume = None;
        }
        _ => stripped.disk = None,
    }
    stripped.shared = None;
    stripped
}

/// A scalar resource with another value.
fn with_scalar(resource: &Resource, milli: i64) -> Resource {
    let mut resource = resource.clone();
    resource.scalar = Some(value::Scalar {
        value: milli as f64 / 1000.0,
    });
    resource
}

fn scalar_milli(resource: &Resource) -> i64 {
    to_milli(resource.scalar.as_ref().map_or(0.0, |s| s.value))
}

/// `getResourceConversions` (`mesos: src/common/resources_utils.cpp`).
fn conversions(operation: &Operation) -> Vec<Conversion> {
    let one = |consumed: &[Resource], converted: &[Resource]| Conversion {
        consumed: arithmetic(consumed),
        converted: arithmetic(converted),
        destroyed: None,
        allocated: consumed
            .iter()
            .any(|r| r.allocation_info.is_some())
            .then(|| {
                let texts: Vec<String> =
                    consumed.iter().map(upstream::stringify_resource).collect();
                texts.join("; ")
            }),
    };
    match operation {
        Operation::Reserve { source, resources } => {
            // Without a `source`, a single reservation is pushed onto unreserved (or
            // less refined) resources.
            let consumed: Vec<Resource> = if source.is_empty() {
                resources.iter().map(pop_reservation).collect()
            } else {
                source.clone()
            };
            vec![one(&consumed, resources)]
        }
        Operation::Unreserve(list) => list
            .iter()
            .map(|r| one(std::slice::from_ref(r), &[pop_reservation(r)]))
            .collect(),
        Operation::Create(volumes) => volumes
            .iter()
            .map(|v| one(&[strip_persistence(v)], std::slice::from_ref(v)))
            .collect(),
        Operation::Destroy(volumes) => volumes
            .iter()
            .map(|v| Conversion {
                destroyed: Some((arithmetic(std::slice::from_ref(v)), v.clone())),
                ..one(std::slice::from_ref(v), &[strip_persistence(v)])
            })
            .collect(),
        Operation::Grow { volume, addition } => {
            let grown = with_scalar(volume, scalar_milli(volume) + scalar_milli(addition));
            vec![one(&[(**volume).clone(), (**addition).clone()], &[grown])]
        }
        Operation::Shrink { volume, subtract } => {
            let subtract = to_milli(*subtract);
            let freed = strip_persistence(&with_scalar(volume, subtract));
            let shrunk = with_scalar(volume, scalar_milli(volume) - subtract);
            vec![one(std::slice::from_ref(&**volume), &[shrunk, freed])]
        }
    }
}

/// `Resources::apply(conversions)`, one after the other: each must find what it consumes
/// (`ResourceConversion::apply`'s "X does not contain Y").
fn apply(from: &Resources, conversions: &[Conversion]) -> Result<Resources, String> {
    let mut result = from.clone();
    for conversion in conversions {
        if let Some(consumed) = &conversion.allocated {
            return Err(format!(
                "{} does not contain {consumed}",
                stringify(&result)
            ));
        }
        if !holds(&result, &conversion.consumed) {
            return Err(format!(
                "{} does not contain {}",
                stringify(&result),
                stringify(&conversion.consumed)
            ));
        }
        result.subtract(&conversion.consumed);
        result.add(&conversion.converted);
        if let Some((volume, proto)) = &conversion.destroyed
            && result.contains(volume)
        {
            return Err(format!(
                "Persistent volume {} cannot be removed due to additional shared copies",
                upstream::stringify_resource(proto)
            ));
        }
    }
    Ok(result)
}

/// `Resources::contains` with upstream's rule for persistent volumes, which the simulator's
/// arithmetic lacks: a volume is never split, so only the very same volume is contained
/// (`subtractable` in `mesos: src/common/resources.cpp`).
pub(crate) fn holds(have: &Resources, want: &Resources) -> bool {
    if !have.contains(want) {
        return false;
    }
    let had = have.to_protos();
    want.to_protos()
        .iter()
        .filter(|r| is_persistent_volume(r))
        .all(|volume| had.contains(volume))
}

/// `validation::resource::internal::validateSingleResourceProvider`: an empty list counts as
/// none, which upstream words as "multiple".
fn single_provider(list: &[Resource]) -> Result<(), String> {
    let mut providers: Vec<Option<&str>> = list
        .iter()
        .map(|r| r.provider_id.as_ref().map(|p| p.value.as_str()))
        .collect();
    providers.sort_unstable();
    providers.dedup();
    if providers.len() == 1 {
        return Ok(());
    }
    if providers.contains(&None) {
        return Err("Some resources have a resource provider and some do not".into());
    }
    let ids: Vec<&str> = providers.into_iter().flatten().collect();
    Err(format!(
        "The resources have multiple resource providers: {}",
        ids.join(", ")
    ))
}

/// `validation::resource::validatePersistentVolume`.
fn persistent_volumes(volumes: &[Resource]) -> Result<(), String> {
    for volume in volumes {
        let Some(disk) = &volume.disk else {
            return Err(format!(
                "Resource {} does not have DiskInfo",
                upstream::stringify_resource(volume)
            ));
        };
        if disk.persistence.is_none() {
            return Err("'persistence' is not set in DiskInfo".into());
        }
        let Some(mount) = &disk.volume else {
            return Err("Expecting 'volume' to be set for persistent volume".into());
        };
        if mount.mode == volume::Mode::Ro as i32 {
            return Err("Read-only persistent volume not supported".into());
        }
    }
    Ok(())
}

/// `validation::operation::validate(Reserve)` without a framework: every resource carries a
/// dynamic reservation and no allocation (operators reserve unallocated resources); with a
/// `source`, both sides have one reservation stack each and the same quantities.
fn validate_reserve(source: &[Resource], resources: &[Resource]) -> Result<(), String> {
    upstream::validate_resource_field(resources).map_err(|e| format!("Invalid resources: {e}"))?;
    upstream::validate_resource_field(source).map_err(|e| format!("Invalid source: {e}"))?;
    if !source.is_empty() {
        same_reservations(source).map_err(|e| format!("Invalid source: {e}"))?;
        same_reservations(resources).map_err(|e| format!("Invalid resources: {e}"))?;
        let plain = |list: &[Resource]| {
            let list: Vec<Resource> = list
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.reservations.clear();
                    r
                })
                .collect();
            arithmetic(&list)
        };
        let (from, to) = (plain(source), plain(resources));
        if !(from.contains(&to) && to.contains(&from)) {
            return Err(format!(
                "Source and target resources should refer to identical resource quantities: \
                 {} vs. {}",
                stringify(&from),
                stringify(&to)
            ));
        }
    }
    single_provider(resources).map_err(|e| format!("Invalid resources: {e}"))?;
    for resource in resources {
        if !dynamically_reserved(resource) {
            return Err(format!(
                "Resource {} is not dynamically reserved",
                upstream::stringify_resource(resource)
            ));
        }
        if resource.allocation_info.is_some() {
            return Err(
                "A reserve operation was attempted with an allocated resource, but the \
                        operator API only allows reservations to be made to unallocated \
                        resources"
                    .into(),
            );
        }
    }
    Ok(())
}

/// All `resources` carry the same reservation stack.
fn same_reservations(list: &[Resource]) -> Result<(), String> {
    let Some(first) = list.first() else {
        return Err("Resource cannot be empty".into());
    };
    if list.iter().all(|r| r.reservations == first.reservations) {
        Ok(())
    } else {
        // `operator<<(RepeatedPtrField<Resource>)` writes JSON, straight after the words.
        Err(format!(
            "Mixed reservations are not supported{}",
            upstream::stringify_json(list)
        ))
    }
}

/// `validation::operation::validate(Unreserve)`.
fn validate_unreserve(resources: &[Resource]) -> Result<(), String> {
    upstream::validate_resource_field(resources).map_err(|e| format!("Invalid resources: {e}"))?;
    single_provider(resources).map_err(|e| format!("Invalid resources: {e}"))?;
    for resource in resources {
        if !dynamically_reserved(resource) {
            return Err(format!(
                "Resource {} is not dynamically reserved",
                upstream::stringify_resource(resource)
            ));
        }
        if is_persistent_volume(resource) {
            return Err(format!(
                "A dynamically reserved persistent volume {} cannot be unreserved directly. \
                 Please destroy the persistent volume first then unreserve the resource",
                upstream::stringify_resource(resource)
            ));
        }
    }
    Ok(())
}

/// `validation::operation::validate(Create)` without a principal or framework: persistence
/// ids unique per role among the agent's checkpointed volumes and the new ones.
fn validate_create(agent: &Agent, volumes: &[Resource]) -> Result<(), String> {
    upstream::validate_resource_field(volumes).map_err(|e| format!("Invalid resources: {e}"))?;
    single_provider(volumes).map_err(|e| format!("Invalid resources: {e}"))?;
    persistent_volumes(volumes).map_err(|e| format!("Not a persistent volume: {e}"))?;
    let existing: Vec<Resource> = agent
        .total
        .to_protos()
        .into_iter()
        .filter(is_persistent_volume)
        .map(super::accept::upgrade_format)
        .collect();
    let all: Vec<&Resource> = existing.iter().chain(volumes).collect();
    upstream::unique_persistence_ids(&all)
}

/// `validation::operation::validate(GrowVolume)`.
fn validate_grow(volume: &Resource, addition: &Resource) -> Result<(), String> {
    upstream::validate_resource(volume)
        .map_err(|e| format!("Invalid resource in the 'GrowVolume.volume' field: {e}"))?;
    upstream::validate_resource(addition)
        .map_err(|e| format!("Invalid resource in the 'GrowVolume.addition' field: {e}"))?;
    if scalar_milli(addition) <= 0 {
        return Err("The size of 'GrowVolume.addition' field must be greater than zero".into());
    }
    if volume.provider_id.is_some() {
        return Err("Growing a volume from a resource provider is not supported".into());
    }
    persistent_volumes(std::slice::from_ref(volume))
        .map_err(|e| format!("Invalid persistent volume in the 'GrowVolume.volume' field: {e}"))?;
    if volume.shared.is_some() {
        return Err("Growing a shared persistent volume is not supported".into());
    }
    if arithmetic(&[strip_persistence(volume), addition.clone()])
        .to_protos()
        .len()
        != 1
    {
        return Err("Incompatible resources in the 'GrowVolume.volume' and \
                    'GrowVolume.addition' fields"
            .into());
    }
    Ok(())
}

/// `validation::operation::validate(ShrinkVolume)`.
fn validate_shrink(volume: &Resource, subtract: f64) -> Result<(), String> {
    upstream::validate_resource(volume)
        .map_err(|e| format!("Invalid resource in the 'ShrinkVolume.volume' field: {e}"))?;
    let subtract = to_milli(subtract);
    if subtract <= 0 {
        return Err("Value of 'ShrinkVolume.subtract' must be greater than zero".into());
    }
    if scalar_milli(volume) <= subtract {
        return Err(
            "Value of 'ShrinkVolume.subtract' must be smaller than the size of \
                    'ShrinkVolume.volume'"
                .into(),
        );
    }
    if volume.provider_id.is_some() {
        return Err("Shrinking a volume from a resource provider is not supported".into());
    }
    let mount = volume
        .disk
        .as_ref()
        .and_then(|d| d.source.as_ref())
        .is_some_and(|s| s.r#type == disk_info::source::Type::Mount as i32);
    if mount {
        return Err("Shrinking a volume on a MOUNT disk is not supported".into());
    }
    persistent_volumes(std::slice::from_ref(volume)).map_err(|e| {
        format!("Invalid persistent volume in the 'ShrinkVolume.volume' field: {e}")
    })?;
    if volume.shared.is_some() {
        return Err("Shrinking a shared persistent volume is not supported".into());
    }
    Ok(())
}
