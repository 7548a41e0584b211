//! [`Resources`]: a collection of `v1::Resource` that combines entries the way Mesos does, with
//! addition, subtraction, containment, per-name quantities and reservation/allocation filters.

use std::collections::BTreeMap;
use std::fmt;

use crate::v1;
use crate::v1::resource::disk_info::source;
use crate::v1::resource::reservation_info;
use crate::v1::resource::{AllocationInfo, DiskInfo, ReservationInfo};
use crate::v1::value;

use super::error::{InvalidResource, RefinementError, ResourceProblem};
use super::parse::is_valid_role;
use super::{Ranges, Scalar, Set};

/// The value of one resource entry, of the entry's type.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Quantity {
    Scalar(Scalar),
    Ranges(Ranges),
    Set(Set),
}

impl Quantity {
    fn kind(&self) -> value::Type {
        match self {
            Quantity::Scalar(_) => value::Type::Scalar,
            Quantity::Ranges(_) => value::Type::Ranges,
            Quantity::Set(_) => value::Type::Set,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Quantity::Scalar(s) => s.is_zero(),
            Quantity::Ranges(r) => r.is_empty(),
            Quantity::Set(s) => s.is_empty(),
        }
    }

    /// Adds a quantity of the same kind (entries only meet when their keys, which include the
    /// kind, are equal).
    fn add(&mut self, other: &Quantity) {
        match (self, other) {
            (Quantity::Scalar(a), Quantity::Scalar(b)) => *a += *b,
            (Quantity::Ranges(a), Quantity::Ranges(b)) => *a = a.union(b),
            (Quantity::Set(a), Quantity::Set(b)) => *a = a.union(b),
            _ => {}
        }
    }

    fn contains(&self, other: &Quantity) -> bool {
        match (self, other) {
            (Quantity::Scalar(a), Quantity::Scalar(b)) => b <= a,
            (Quantity::Ranges(a), Quantity::Ranges(b)) => b.is_subset(a),
            (Quantity::Set(a), Quantity::Set(b)) => b.is_subset(a),
            _ => false,
        }
    }

    /// What is left after removing `other`, as much of it as there is.
    fn saturating_sub(&self, other: &Quantity) -> Quantity {
        match (self, other) {
            (Quantity::Scalar(a), Quantity::Scalar(b)) => Quantity::Scalar(a.saturating_sub(*b)),
            (Quantity::Ranges(a), Quantity::Ranges(b)) => Quantity::Ranges(a.difference(b)),
            (Quantity::Set(a), Quantity::Set(b)) => Quantity::Set(a.difference(b)),
            _ => self.clone(),
        }
    }

    fn write_to(&self, resource: &mut v1::Resource) {
        resource.r#type = self.kind() as i32;
        resource.scalar = None;
        resource.ranges = None;
        resource.set = None;
        match self {
            Quantity::Scalar(s) => {
                resource.scalar = Some(value::Scalar { value: s.to_f64() });
            }
            Quantity::Ranges(r) => resource.ranges = Some(r.to_proto()),
            Quantity::Set(s) => resource.set = Some(s.to_proto()),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Scalar(s) => s.fmt(f),
            Quantity::Ranges(r) => r.fmt(f),
            Quantity::Set(s) => s.fmt(f),
        }
    }
}

/// Everything that must match for two resources to combine into one.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    name: String,
    kind: value::Type,
    /// The reservation stack, whichever format the resource used.
    reservations: Vec<ReservationInfo>,
    /// `volume` is cleared: it says how a task mounts the disk, not what the disk is.
    disk: Option<DiskInfo>,
    revocable: bool,
    shared: bool,
    provider_id: Option<v1::ResourceProviderId>,
    allocation_info: Option<AllocationInfo>,
}

impl Key {
    /// Persistent volumes, MOUNT disks and shared resources are used whole: they never merge
    /// with another entry and are only subtracted by an identical one.
    fn is_atomic(&self) -> bool {
        self.shared
            || self.disk.as_ref().is_some_and(|d| {
                d.persistence.is_some()
                    || d.source
                        .as_ref()
                        .is_some_and(|s| s.r#type == source::Type::Mount as i32)
            })
    }

    fn reservation_role(&self) -> Option<&str> {
        self.reservations.last().and_then(|r| r.role.as_deref())
    }

    fn allocation_role(&self) -> Option<&str> {
        self.allocation_info
            .as_ref()
            .and_then(|a| a.role.as_deref())
    }
}

/// One combined entry: the message (its value fields kept equal to `quantity`), its key and
/// its value.
#[derive(Clone, Debug)]
struct Entry {
    resource: v1::Resource,
    key: Key,
    quantity: Quantity,
}

impl Entry {
    fn set_quantity(&mut self, quantity: Quantity) {
        quantity.write_to(&mut self.resource);
        self.quantity = quantity;
    }

    fn same(&self, other: &Entry) -> bool {
        self.key == other.key && self.quantity == other.quantity
    }

    /// The entry with `reservations` as its stack, its message in the refinement format: the
    /// deprecated `role`/`reservation` fields cleared, as upstream's
    /// `convertResourceFormat(POST_RESERVATION_REFINEMENT)` leaves every resource it stores.
    #[allow(deprecated)]
    fn with_reservations(mut self, reservations: Vec<ReservationInfo>) -> Entry {
        self.resource.role = None;
        self.resource.reservation = None;
        self.resource.reservations.clone_from(&reservations);
        self.key.reservations = reservations;
        self
    }
}

/// Whether `role` is strictly below `ancestor` in the role hierarchy (`eng/web` below `eng`).
fn is_strict_subrole(role: &str, ancestor: &str) -> bool {
    role.strip_prefix(ancestor)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| !rest.is_empty())
}

/// The reservation stack of `resource` in the refinement format, converting the deprecated
/// `role`/`reservation` fields when the stack is empty. `role` unset and `"*"` both mean
/// unreserved.
#[allow(deprecated)]
fn reservation_stack(resource: &v1::Resource) -> Result<Vec<ReservationInfo>, ResourceProblem> {
    if !resource.reservations.is_empty() {
        // Mesos' "endpoint" format also sets `role`/`reservation`; the stack wins.
        for (i, entry) in resource.reservations.iter().enumerate() {
            match entry.role.as_deref() {
                None | Some("") | Some("*") => {
                    return Err(ResourceProblem::StackEntryWithoutRole(i));
                }
                Some(_) => {}
            }
        }
        return Ok(resource.reservations.clone());
    }
    match resource.role.as_deref() {
        None | Some("*") if resource.reservation.is_none() => Ok(Vec::new()),
        None | Some("*") | Some("") => Err(ResourceProblem::ReservationWithoutRole),
        Some(role) => {
            let (kind, principal, labels) = match &resource.reservation {
                Some(r) => (
                    reservation_info::Type::Dynamic,
                    r.principal.clone(),
                    r.labels.clone(),
                ),
                None => (reservation_info::Type::Static, None, None),
            };
            Ok(vec![ReservationInfo {
                r#type: Some(kind as i32),
                role: Some(role.to_owned()),
                principal,
                labels,
            }])
        }
    }
}

/// The role `resource` is (currently) reserved for, in either reservation format; `None` when
/// it is unreserved (`role` unset or `"*"`, no `reservations`).
///
/// ```
/// use mesos_sdk::resources::{reservation_role, scalar_resource, Scalar};
///
/// let mut cpus = scalar_resource("cpus", Scalar::from(1));
/// assert_eq!(reservation_role(&cpus), None);
/// #[allow(deprecated)]
/// {
///     cpus.role = Some("*".into());
///     assert_eq!(reservation_role(&cpus), None);
///     cpus.role = Some("web".into());
/// }
/// assert_eq!(reservation_role(&cpus), Some("web"));
/// ```
#[allow(deprecated)]
pub fn reservation_role(resource: &v1::Resource) -> Option<&str> {
    match resource.reservations.last() {
        Some(r) => r.role.as_deref(),
        None => resource.role.as_deref().filter(|r| *r != "*"),
    }
}

/// Checks `resource` and splits it into its key and value.
fn validate(index: usize, resource: &v1::Resource) -> Result<(Key, Quantity), InvalidResource> {
    let fail = |problem| InvalidResource {
        index,
        name: resource.name.clone(),
        problem,
    };
    if resource.name.is_empty() {
        return Err(fail(ResourceProblem::EmptyName));
    }
    let kind = value::Type::try_from(resource.r#type)
        .map_err(|_| fail(ResourceProblem::UnknownType(resource.r#type)))?;
    if kind == value::Type::Text {
        return Err(fail(ResourceProblem::TextType));
    }
    let expected = kind.as_str_name();
    let present = [
        ("SCALAR", resource.scalar.is_some()),
        ("RANGES", resource.ranges.is_some()),
        ("SET", resource.set.is_some()),
    ];
    for (field, set) in present {
        if set && field != expected {
            return Err(fail(ResourceProblem::ExtraValue {
                expected,
                found: field,
            }));
        }
    }
    let missing = || fail(ResourceProblem::MissingValue { expected });
    let quantity = match kind {
        value::Type::Scalar => {
            let v = resource.scalar.ok_or_else(missing)?.value;
            if !v.is_finite() {
                return Err(fail(ResourceProblem::NonFiniteScalar(v)));
            }
            if v < 0.0 {
                return Err(fail(ResourceProblem::NegativeScalar(v)));
            }
            Quantity::Scalar(
                Scalar::from_f64(v).ok_or_else(|| fail(ResourceProblem::ScalarTooLarge(v)))?,
            )
        }
        value::Type::Ranges => {
            let ranges = resource.ranges.as_ref().ok_or_else(missing)?;
            Quantity::Ranges(Ranges::try_from(ranges).map_err(|e| fail(e.into()))?)
        }
        value::Type::Set => Quantity::Set(Set::from(resource.set.as_ref().ok_or_else(missing)?)),
        value::Type::Text => return Err(fail(ResourceProblem::TextType)),
    };
    let reservations = reservation_stack(resource).map_err(fail)?;
    let disk = resource.disk.clone().map(|mut d| {
        d.volume = None;
        d
    });
    let key = Key {
        name: resource.name.clone(),
        kind,
        reservations,
        disk,
        revocable: resource.revocable.is_some(),
        shared: resource.shared.is_some(),
        provider_id: resource.provider_id.clone(),
        allocation_info: resource.allocation_info.clone(),
    };
    Ok((key, quantity))
}

/// An unreserved scalar resource, e.g. `scalar_resource("cpus", Scalar::from(2))`.
pub fn scalar_resource(name: impl Into<String>, amount: Scalar) -> v1::Resource {
    with_quantity(name.into(), Quantity::Scalar(amount))
}

/// An unreserved ranges resource, e.g. `ranges_resource("ports", &(31000..=32000).into())`.
pub fn ranges_resource(name: impl Into<String>, ranges: &Ranges) -> v1::Resource {
    with_quantity(name.into(), Quantity::Ranges(ranges.clone()))
}

/// An unreserved set resource.
pub fn set_resource(name: impl Into<String>, items: &Set) -> v1::Resource {
    with_quantity(name.into(), Quantity::Set(items.clone()))
}

fn with_quantity(name: String, quantity: Quantity) -> v1::Resource {
    let mut resource = v1::Resource {
        name,
        ..Default::default()
    };
    quantity.write_to(&mut resource);
    resource
}

/// A collection of resources, combined as Mesos combines them.
///
/// Two resources combine into one entry only if their name, type, reservation stack (the
/// `reservations` field, or the deprecated `role`/`reservation` pair, `role` unset and `"*"`
/// being the same unreserved state), disk, revocable, shared, `provider_id` and
/// `allocation_info` all match. Persistent volumes, MOUNT disks and shared resources never
/// combine: each is used whole. Empty entries (zero scalars, no ranges, empty sets) are dropped.
///
/// ```
/// use mesos_sdk::resources::{Resources, Scalar};
///
/// let offered: Resources = "cpus:4;mem:8192;ports:[31000-32000]".parse().unwrap();
/// let task: Resources = "cpus:0.5;mem:512;ports:[31000-31001]".parse().unwrap();
///
/// assert!(offered.contains(&task));
/// let left = offered.checked_sub(&task).unwrap();
/// assert_eq!(left.cpus(), Scalar::from_f64(3.5).unwrap());
/// assert_eq!(left.mem(), Scalar::from(7680));
/// assert_eq!(left.ports().to_string(), "[31002-32000]");
///
/// let mut back = left.clone();
/// back.add(&task);
/// assert_eq!(back, offered);
/// assert_eq!(task.checked_sub(&offered), None);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Resources {
    entries: Vec<Entry>,
}

impl Resources {
    /// No resources.
    pub const fn new() -> Resources {
        Resources {
            entries: Vec::new(),
        }
    }

    /// Whether there are no (non-empty) resources.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of combined entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The combined entries, in the order they were first added.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &v1::Resource> + '_ {
        self.entries.iter().map(|e| &e.resource)
    }

    /// Validates `resource` and adds it. On error nothing is added; the error's `index` is 0.
    pub fn add_resource(&mut self, resource: &v1::Resource) -> Result<(), InvalidResource> {
        let (key, quantity) = validate(0, resource)?;
        self.push(resource, key, quantity);
        Ok(())
    }

    fn push(&mut self, resource: &v1::Resource, key: Key, quantity: Quantity) {
        let mut resource = resource.clone();
        quantity.write_to(&mut resource);
        self.push_entry(Entry {
            resource,
            key,
            quantity,
        });
    }

    fn push_entry(&mut self, entry: Entry) {
        if entry.quantity.is_empty() {
            return;
        }
        if !entry.key.is_atomic() {
            if let Some(existing) = self.entries.iter_mut().find(|e| e.key == entry.key) {
                let mut sum = existing.quantity.clone();
                sum.add(&entry.quantity);
                existing.set_quantity(sum);
                return;
            }
        }
        self.entries.push(entry);
    }

    /// Adds all of `other`.
    pub fn add(&mut self, other: &Resources) {
        for entry in &other.entries {
            self.push_entry(entry.clone());
        }
    }

    /// `self - other`, or `None` when `self` does not contain `other`.
    pub fn checked_sub(&self, other: &Resources) -> Option<Resources> {
        let mut result = self.clone();
        for entry in &other.entries {
            let i = result.entries.iter().position(|e| {
                if entry.key.is_atomic() {
                    e.same(entry)
                } else {
                    e.key == entry.key
                }
            })?;
            let existing = &mut result.entries[i];
            if !existing.quantity.contains(&entry.quantity) {
                return None;
            }
            let left = existing.quantity.saturating_sub(&entry.quantity);
            if left.is_empty() {
                result.entries.remove(i);
            } else {
                existing.set_quantity(left);
            }
        }
        Some(result)
    }

    /// `self - other`, removing what of `other` is there: scalars stop at zero, ranges and
    /// sets lose the values they share with `other`, and entries that become empty go.
    pub fn saturating_sub(&self, other: &Resources) -> Resources {
        let mut result = self.clone();
        for entry in &other.entries {
            let found = result.entries.iter().position(|e| {
                if entry.key.is_atomic() {
                    e.same(entry)
                } else {
                    e.key == entry.key
                }
            });
            let Some(i) = found else { continue };
            let left = result.entries[i].quantity.saturating_sub(&entry.quantity);
            if left.is_empty() || entry.key.is_atomic() {
                result.entries.remove(i);
            } else {
                result.entries[i].set_quantity(left);
            }
        }
        result
    }

    /// Whether `other` is a subset of `self`: for each of `other`'s entries, the entry of
    /// `self` it would combine with holds at least as much.
    pub fn contains(&self, other: &Resources) -> bool {
        self.checked_sub(other).is_some()
    }

    /// The total of the scalar resources called `name`, whatever their reservation or
    /// allocation.
    pub fn scalar(&self, name: &str) -> Scalar {
        self.entries
            .iter()
            .filter(|e| e.key.name == name)
            .filter_map(|e| match &e.quantity {
                Quantity::Scalar(s) => Some(*s),
                _ => None,
            })
            .sum()
    }

    /// All values of the ranges resources called `name`.
    pub fn ranges(&self, name: &str) -> Ranges {
        self.entries
            .iter()
            .filter(|e| e.key.name == name)
            .fold(Ranges::new(), |acc, e| match &e.quantity {
                Quantity::Ranges(r) => acc.union(r),
                _ => acc,
            })
    }

    /// All items of the set resources called `name`.
    pub fn set(&self, name: &str) -> Set {
        self.entries
            .iter()
            .filter(|e| e.key.name == name)
            .fold(Set::new(), |acc, e| match &e.quantity {
                Quantity::Set(s) => acc.union(s),
                _ => acc,
            })
    }

    /// `scalar("cpus")`.
    pub fn cpus(&self) -> Scalar {
        self.scalar("cpus")
    }

    /// `scalar("mem")`, in MB.
    pub fn mem(&self) -> Scalar {
        self.scalar("mem")
    }

    /// `scalar("disk")`, in MB (volumes included).
    pub fn disk(&self) -> Scalar {
        self.scalar("disk")
    }

    /// `scalar("gpus")`.
    pub fn gpus(&self) -> Scalar {
        self.scalar("gpus")
    }

    /// `ranges("ports")`.
    pub fn ports(&self) -> Ranges {
        self.ranges("ports")
    }

    /// The entries for which `keep` is true.
    pub fn filter(&self, mut keep: impl FnMut(&v1::Resource) -> bool) -> Resources {
        Resources {
            entries: self
                .entries
                .iter()
                .filter(|e| keep(&e.resource))
                .cloned()
                .collect(),
        }
    }

    /// The unreserved entries.
    pub fn unreserved(&self) -> Resources {
        self.filter_entries(|e| e.key.reservations.is_empty())
    }

    /// The entries whose current reservation (the last of the stack) is for `role`.
    pub fn reserved(&self, role: &str) -> Resources {
        self.filter_entries(|e| e.key.reservation_role() == Some(role))
    }

    /// The entries reserved for any role.
    pub fn reserved_any(&self) -> Resources {
        self.filter_entries(|e| !e.key.reservations.is_empty())
    }

    /// The entries allocated to `role` (`allocation_info.role`, set on offers to MULTI_ROLE
    /// frameworks).
    pub fn allocated_to(&self, role: &str) -> Resources {
        self.filter_entries(|e| e.key.allocation_role() == Some(role))
    }

    /// The revocable entries.
    pub fn revocable(&self) -> Resources {
        self.filter_entries(|e| e.key.revocable)
    }

    /// The entries that are not revocable.
    pub fn non_revocable(&self) -> Resources {
        self.filter_entries(|e| !e.key.revocable)
    }

    fn filter_entries(&self, keep: impl Fn(&Entry) -> bool) -> Resources {
        Resources {
            entries: self.entries.iter().filter(|e| keep(e)).cloned().collect(),
        }
    }

    /// The entries grouped by `allocation_info.role`. Entries without an allocation role are
    /// left out (offers to frameworks without MULTI_ROLE carry none).
    pub fn by_allocation_role(&self) -> BTreeMap<String, Resources> {
        let mut out: BTreeMap<String, Resources> = BTreeMap::new();
        for entry in &self.entries {
            if let Some(role) = entry.key.allocation_role() {
                out.entry(role.to_owned())
                    .or_default()
                    .entries
                    .push(entry.clone());
            }
        }
        out
    }

    /// Sets `allocation_info.role` to `role` on every entry.
    pub fn allocate(&mut self, role: &str) {
        self.rekey(|resource| {
            resource.allocation_info = Some(AllocationInfo {
                role: Some(role.to_owned()),
            });
        });
    }

    /// Clears `allocation_info` on every entry.
    pub fn unallocate(&mut self) {
        self.rekey(|resource| resource.allocation_info = None);
    }

    /// Applies `change` to every entry's metadata and combines again.
    fn rekey(&mut self, mut change: impl FnMut(&mut v1::Resource)) {
        let entries = std::mem::take(&mut self.entries);
        for mut entry in entries {
            change(&mut entry.resource);
            entry.key.allocation_info = entry.resource.allocation_info.clone();
            self.push_entry(entry);
        }
    }

    /// Every entry with its reservations removed, entries that now match combined: upstream's
    /// `Resources::toUnreserved`. Reserved entries come out in the refinement format (no
    /// `reservations`, `role` and `reservation` unset); unreserved ones are kept as they are.
    /// Volumes, disk sources and allocations are kept: this answers "how much, whatever the
    /// reservation", not what an UNRESERVE would give back.
    ///
    /// Mesos 1.11 has no `flatten`: reservation refinement (1.4) replaced `flatten()` with this
    /// method and `flatten(role, reservation)` with
    /// `to_unreserved()` then [`Resources::push_reservation`].
    ///
    /// ```
    /// use mesos_sdk::resources::{Resources, Scalar};
    ///
    /// let r = Resources::parse("cpus:1;cpus(web):2;cpus(db):0.5;mem(web):64").unwrap();
    /// let u = r.to_unreserved();
    /// assert!(u.reserved_any().is_empty());
    /// assert_eq!(u.len(), 2); // cpus combined into one entry
    /// assert_eq!(u.cpus(), Scalar::from_f64(3.5).unwrap());
    /// assert_eq!(u, Resources::parse("cpus:3.5;mem:64").unwrap());
    /// ```
    pub fn to_unreserved(&self) -> Resources {
        let mut out = Resources::new();
        for entry in &self.entries {
            if entry.key.reservations.is_empty() {
                out.push_entry(entry.clone());
            } else {
                out.push_entry(entry.clone().with_reservations(Vec::new()));
            }
        }
        out
    }

    /// Every entry with the last reservation of its stack removed (a refinement undone, or a
    /// single reservation gone), entries that now match combined: upstream's
    /// `Resources::popReservation`. The deprecated `role`/`reservation` fields count as a
    /// one-reservation stack, as upstream's format conversion makes them; changed entries come
    /// out in the refinement format.
    ///
    /// `None` when some entry is unreserved: there is nothing to pop (upstream requires every
    /// resource to be reserved and aborts otherwise).
    ///
    /// ```
    /// use mesos_sdk::offers::dynamically_reserved;
    /// use mesos_sdk::resources::{reservation_role, Resources};
    ///
    /// let eng = Resources::parse("cpus(eng):1;mem(eng):64").unwrap();
    /// let refined = Resources::try_from(&dynamically_reserved(&eng, "eng/web", None)).unwrap();
    /// assert_eq!(refined.reserved("eng/web").len(), 2);
    /// let popped = refined.pop_reservation().unwrap();
    /// assert_eq!(popped, eng);
    /// assert!(popped.iter().all(|r| reservation_role(r) == Some("eng")));
    /// assert_eq!(popped.pop_reservation().unwrap(), Resources::parse("cpus:1;mem:64").unwrap());
    /// assert_eq!(Resources::parse("cpus:1").unwrap().pop_reservation(), None);
    /// ```
    pub fn pop_reservation(&self) -> Option<Resources> {
        let mut out = Resources::new();
        for entry in &self.entries {
            let mut stack = entry.key.reservations.clone();
            stack.pop()?;
            out.push_entry(entry.clone().with_reservations(stack));
        }
        Some(out)
    }

    /// Every entry with `reservation` pushed onto its reservation stack: upstream's
    /// `Resources::pushReservation`. Changed entries come out in the refinement format.
    ///
    /// As upstream's validation requires, `reservation` must have a type and a role other than
    /// `*`; on a reserved entry it must be DYNAMIC and for a role strictly below the current
    /// one (`eng/web` refines `eng`). On error nothing is returned.
    ///
    /// ```
    /// use mesos_sdk::resources::{RefinementError, Resources, reservation_role};
    /// use mesos_sdk::v1::resource::{ReservationInfo, reservation_info::Type};
    ///
    /// let dynamic = |role: &str| ReservationInfo {
    ///     r#type: Some(Type::Dynamic as i32),
    ///     role: Some(role.into()),
    ///     principal: Some("ops".into()),
    ///     labels: None,
    /// };
    /// let r = Resources::parse("cpus:1;mem(eng):64").unwrap();
    /// let err = r.push_reservation(dynamic("web")).unwrap_err();
    /// assert_eq!(err, RefinementError::NotARefinement { role: "web".into(), current: "eng".into() });
    ///
    /// let pushed = r.push_reservation(dynamic("eng/web")).unwrap();
    /// assert!(pushed.iter().all(|x| reservation_role(x) == Some("eng/web")));
    /// assert_eq!(pushed.iter().map(|x| x.reservations.len()).collect::<Vec<_>>(), [1, 2]);
    /// assert_eq!(pushed.pop_reservation().unwrap(), r);
    /// ```
    pub fn push_reservation(
        &self,
        reservation: ReservationInfo,
    ) -> Result<Resources, RefinementError> {
        let kind = reservation
            .r#type
            .and_then(|t| reservation_info::Type::try_from(t).ok())
            .filter(|t| *t != reservation_info::Type::Unknown)
            .ok_or(RefinementError::MissingType)?;
        let role = reservation.role.as_deref().unwrap_or_default();
        if role == "*" || !is_valid_role(role) {
            return Err(RefinementError::InvalidRole(role.to_owned()));
        }
        for entry in &self.entries {
            if let Some(current) = entry.key.reservation_role() {
                if kind == reservation_info::Type::Static {
                    return Err(RefinementError::StaticRefinement);
                }
                if !is_strict_subrole(role, current) {
                    return Err(RefinementError::NotARefinement {
                        role: role.to_owned(),
                        current: current.to_owned(),
                    });
                }
            }
        }
        let mut out = Resources::new();
        for entry in &self.entries {
            let mut stack = entry.key.reservations.clone();
            stack.push(reservation.clone());
            out.push_entry(entry.clone().with_reservations(stack));
        }
        Ok(out)
    }

    /// The entries as messages.
    pub fn to_vec(&self) -> Vec<v1::Resource> {
        self.iter().cloned().collect()
    }

    /// The entries as messages.
    pub fn into_vec(self) -> Vec<v1::Resource> {
        self.entries.into_iter().map(|e| e.resource).collect()
    }
}

/// Order-insensitive: the same entries (by combining key and value) in any order. Fields that
/// do not affect combining (`role: "*"` versus unset, a disk's `volume`) are ignored.
impl PartialEq for Resources {
    fn eq(&self, other: &Resources) -> bool {
        if self.entries.len() != other.entries.len() {
            return false;
        }
        let mut used = vec![false; other.entries.len()];
        self.entries.iter().all(|entry| {
            let found = other
                .entries
                .iter()
                .enumerate()
                .position(|(i, o)| !used[i] && o.same(entry));
            match found {
                Some(i) => {
                    used[i] = true;
                    true
                }
                None => false,
            }
        })
    }
}

/// Validates every resource; the error names the first invalid one.
impl TryFrom<&[v1::Resource]> for Resources {
    type Error = InvalidResource;

    fn try_from(resources: &[v1::Resource]) -> Result<Resources, InvalidResource> {
        let mut out = Resources::new();
        for (index, resource) in resources.iter().enumerate() {
            let (key, quantity) = validate(index, resource)?;
            out.push(resource, key, quantity);
        }
        Ok(out)
    }
}

/// Validates every resource; the error names the first invalid one.
impl TryFrom<&Vec<v1::Resource>> for Resources {
    type Error = InvalidResource;

    fn try_from(resources: &Vec<v1::Resource>) -> Result<Resources, InvalidResource> {
        Resources::try_from(resources.as_slice())
    }
}

impl From<Resources> for Vec<v1::Resource> {
    fn from(resources: Resources) -> Vec<v1::Resource> {
        resources.into_vec()
    }
}

impl From<&Resources> for Vec<v1::Resource> {
    fn from(resources: &Resources) -> Vec<v1::Resource> {
        resources.to_vec()
    }
}

/// `name(role, allocated: r):value` items joined by `; `, e.g.
/// `cpus(web):2; mem:128; ports:[31000-31001]`.
impl fmt::Display for Resources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, entry) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&entry.key.name)?;
            let mut notes = Vec::new();
            if let Some(role) = entry.key.reservation_role() {
                notes.push(role.to_owned());
            }
            if let Some(role) = entry.key.allocation_role() {
                notes.push(format!("allocated: {role}"));
            }
            if entry.key.revocable {
                notes.push("revocable".to_owned());
            }
            if entry.key.shared {
                notes.push("shared".to_owned());
            }
            if let Some(p) = entry.key.disk.as_ref().and_then(|d| d.persistence.as_ref()) {
                notes.push(format!("volume: {}", p.id));
            }
            if !notes.is_empty() {
                write!(f, "({})", notes.join(", "))?;
            }
            write!(f, ":{}", entry.quantity)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v1::resource::disk_info::Persistence;
    use crate::v1::resource::{RevocableInfo, SharedInfo};

    fn s(v: f64) -> Scalar {
        Scalar::from_f64(v).expect("valid scalar")
    }

    fn one(resource: &v1::Resource) -> Resources {
        let mut r = Resources::new();
        r.add_resource(resource).expect("valid resource");
        r
    }

    #[allow(deprecated)]
    fn with_role(mut resource: v1::Resource, role: Option<&str>) -> v1::Resource {
        resource.role = role.map(str::to_owned);
        resource
    }

    fn volume(id: &str, mb: f64) -> v1::Resource {
        let mut r = with_role(scalar_resource("disk", s(mb)), Some("db"));
        r.disk = Some(DiskInfo {
            persistence: Some(Persistence {
                id: id.into(),
                principal: None,
            }),
            ..Default::default()
        });
        r
    }

    #[test]
    fn unset_role_and_star_are_both_unreserved() {
        let mut r = one(&with_role(scalar_resource("cpus", s(1.0)), Some("*")));
        r.add_resource(&with_role(scalar_resource("cpus", s(2.0)), None))
            .expect("valid");
        assert_eq!(r.len(), 1);
        assert_eq!(r.cpus(), s(3.0));
        assert_eq!(r.unreserved().cpus(), s(3.0));
        // The first form seen is kept.
        #[allow(deprecated)]
        let role = r.iter().next().and_then(|x| x.role.clone());
        assert_eq!(role.as_deref(), Some("*"));
    }

    #[test]
    fn pre_and_post_refinement_reservations_combine() {
        let pre = with_role(scalar_resource("mem", s(64.0)), Some("web"));
        let mut post = scalar_resource("mem", s(32.0));
        post.reservations.push(ReservationInfo {
            r#type: Some(reservation_info::Type::Static as i32),
            role: Some("web".into()),
            principal: None,
            labels: None,
        });
        let mut r = one(&pre);
        r.add_resource(&post).expect("valid");
        assert_eq!(r.len(), 1);
        assert_eq!(r.reserved("web").mem(), s(96.0));
        // A dynamic reservation is another reservation.
        let mut dynamic = with_role(scalar_resource("mem", s(1.0)), Some("web"));
        dynamic.reservation = Some(ReservationInfo {
            principal: Some("ops".into()),
            ..Default::default()
        });
        r.add_resource(&dynamic).expect("valid");
        assert_eq!(r.len(), 2);
        assert_eq!(r.reserved("web").mem(), s(97.0));
        assert!(r.unreserved().is_empty());
    }

    #[test]
    fn differing_attributes_do_not_combine() {
        let base = scalar_resource("cpus", s(1.0));
        let mut revocable = base.clone();
        revocable.revocable = Some(RevocableInfo {});
        let mut allocated = base.clone();
        allocated.allocation_info = Some(AllocationInfo {
            role: Some("web".into()),
        });
        let mut provided = base.clone();
        provided.provider_id = Some(v1::ResourceProviderId { value: "p".into() });
        let reserved = with_role(base.clone(), Some("web"));
        let mut r = Resources::new();
        for x in [&base, &revocable, &allocated, &provided, &reserved, &base] {
            r.add_resource(x).expect("valid");
        }
        assert_eq!(r.len(), 5);
        assert_eq!(r.cpus(), s(6.0));
        assert_eq!(r.revocable().cpus(), s(1.0));
        assert_eq!(r.non_revocable().cpus(), s(5.0));
        assert_eq!(r.allocated_to("web").cpus(), s(1.0));
        assert_eq!(r.reserved("web").cpus(), s(1.0));
        assert_eq!(r.reserved_any().cpus(), s(1.0));
        // Taking 1 cpu of the plain kind leaves the others.
        let left = r.checked_sub(&one(&base)).expect("contained");
        assert_eq!(left.len(), 5);
        // Revocable cpus are not plain cpus.
        assert!(!one(&revocable).contains(&one(&base)));
    }

    #[test]
    fn persistent_volumes_are_atomic() {
        let v1 = volume("v1", 100.0);
        let mut r = one(&v1);
        r.add_resource(&v1).expect("valid");
        r.add_resource(&volume("v2", 50.0)).expect("valid");
        // Two copies of v1 stay two entries; each is used whole.
        assert_eq!(r.len(), 3);
        assert_eq!(r.disk(), s(250.0));
        assert!(!r.contains(&one(&volume("v1", 50.0))));
        let left = r.checked_sub(&one(&v1)).expect("contained");
        assert_eq!(left.len(), 2);
        let left = left.checked_sub(&one(&v1)).expect("second copy");
        assert_eq!(left.checked_sub(&one(&v1)), None);
        assert_eq!(left.saturating_sub(&one(&v1)), left);
        let mut shared = v1.clone();
        shared.shared = Some(SharedInfo {});
        assert!(!r.contains(&one(&shared)));
        // `volume` does not change what the disk is.
        let mut mounted = v1.clone();
        if let Some(d) = mounted.disk.as_mut() {
            d.volume = Some(v1::Volume {
                container_path: "data".into(),
                mode: 1,
                ..Default::default()
            });
        }
        assert!(r.contains(&one(&mounted)));
    }

    #[test]
    fn subtraction_checked_and_saturating() {
        let a: Resources = "cpus:1;ports:[1-10];disks:{a,b}".parse().expect("valid");
        let b: Resources = "cpus:2;ports:[5-15];disks:{b,c}".parse().expect("valid");
        assert_eq!(a.checked_sub(&b), None);
        let left = a.saturating_sub(&b);
        assert_eq!(left.cpus(), Scalar::ZERO);
        assert_eq!(left.len(), 2);
        assert_eq!(left.ports().to_string(), "[1-4]");
        assert_eq!(left.set("disks").to_string(), "{a}");
        // Subtracting something absent changes nothing.
        let gpus: Resources = "gpus:1".parse().expect("valid");
        assert_eq!(a.saturating_sub(&gpus), a);
        assert_eq!(a.checked_sub(&gpus), None);
    }

    #[test]
    fn validation_names_the_resource_and_problem() {
        let check = |r: v1::Resource, problem: ResourceProblem| {
            let list = [scalar_resource("cpus", s(1.0)), r.clone()];
            let err = Resources::try_from(&list[..]).expect_err("invalid");
            assert_eq!(err.index, 1);
            assert_eq!(err.name, r.name);
            assert_eq!(err.problem, problem);
        };
        check(scalar_resource("", s(1.0)), ResourceProblem::EmptyName);
        let mut r = scalar_resource("cpus", s(1.0));
        r.scalar = Some(value::Scalar { value: -1.0 });
        check(r.clone(), ResourceProblem::NegativeScalar(-1.0));
        r.scalar = Some(value::Scalar {
            value: f64::INFINITY,
        });
        check(r.clone(), ResourceProblem::NonFiniteScalar(f64::INFINITY));
        r.scalar = Some(value::Scalar { value: 1e300 });
        check(r.clone(), ResourceProblem::ScalarTooLarge(1e300));
        r.scalar = None;
        check(
            r.clone(),
            ResourceProblem::MissingValue { expected: "SCALAR" },
        );
        r.scalar = Some(value::Scalar { value: 1.0 });
        r.set = Some(value::Set::default());
        check(
            r.clone(),
            ResourceProblem::ExtraValue {
                expected: "SCALAR",
                found: "SET",
            },
        );
        r.set = None;
        r.r#type = 42;
        check(r.clone(), ResourceProblem::UnknownType(42));
        r.r#type = value::Type::Text as i32;
        check(r.clone(), ResourceProblem::TextType);
        let mut p = ranges_resource("ports", &Ranges::new());
        p.ranges = Some(value::Ranges {
            range: vec![value::Range { begin: 3, end: 2 }],
        });
        check(
            p,
            ResourceProblem::InvertedRange(crate::resources::RangesError { begin: 3, end: 2 }),
        );
        let mut star = with_role(scalar_resource("cpus", s(1.0)), Some("*"));
        star.reservation = Some(ReservationInfo::default());
        check(star, ResourceProblem::ReservationWithoutRole);
        let mut stack = scalar_resource("cpus", s(1.0));
        stack.reservations.push(ReservationInfo::default());
        check(stack, ResourceProblem::StackEntryWithoutRole(0));
        let err = Resources::try_from(&[scalar_resource("", s(1.0))][..]).expect_err("invalid");
        assert_eq!(err.to_string(), "resource #0 \"\": the name is empty");
    }

    #[test]
    fn empty_resources_are_dropped() {
        let mut r = Resources::new();
        r.add_resource(&scalar_resource("cpus", Scalar::ZERO))
            .expect("valid");
        r.add_resource(&ranges_resource("ports", &Ranges::new()))
            .expect("valid");
        r.add_resource(&set_resource("disks", &Set::new()))
            .expect("valid");
        r.add_resource(&scalar_resource("cpus", s(0.0004)))
            .expect("valid");
        assert!(r.is_empty());
        assert_eq!(r, Resources::new());
    }

    #[test]
    fn allocation_roles_group_and_change() {
        let mut r: Resources = "cpus:2;mem:64".parse().expect("valid");
        assert!(r.by_allocation_role().is_empty());
        r.allocate("web");
        let mut db: Resources = "cpus:1".parse().expect("valid");
        db.allocate("db");
        r.add(&db);
        let groups = r.by_allocation_role();
        let roles: Vec<&str> = groups.keys().map(String::as_str).collect();
        assert_eq!(roles, ["db", "web"]);
        assert_eq!(groups["web"].cpus(), s(2.0));
        // Unallocating merges entries that now match.
        r.unallocate();
        assert_eq!(r.len(), 2);
        assert_eq!(r.cpus(), s(3.0));
        assert!(r.iter().all(|x| x.allocation_info.is_none()));
    }

    #[test]
    fn display_and_messages() {
        let mut r: Resources = "cpus(web):2;mem:64.5;ports:[1-3]".parse().expect("valid");
        r.allocate("web");
        assert_eq!(
            r.to_string(),
            "cpus(web, allocated: web):2; mem(allocated: web):64.5; ports(allocated: web):[1-3]"
        );
        let messages: Vec<v1::Resource> = (&r).into();
        assert_eq!(messages.len(), 3);
        assert_eq!(messages[1].scalar, Some(value::Scalar { value: 64.5 }));
        assert_eq!(messages[1].r#type, value::Type::Scalar as i32);
        assert_eq!(
            messages[2].ranges,
            Some(value::Ranges {
                range: vec![value::Range { begin: 1, end: 3 }]
            })
        );
    }

    #[test]
    fn equality_ignores_order() {
        let a: Resources = "cpus:1;mem:2".parse().expect("valid");
        let b: Resources = "mem:2;cpus:1".parse().expect("valid");
        let c: Resources = "mem:2;cpus:1.001".parse().expect("valid");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    fn dynamic(role: &str) -> ReservationInfo {
        ReservationInfo {
            r#type: Some(reservation_info::Type::Dynamic as i32),
            role: Some(role.into()),
            principal: Some("ops".into()),
            labels: None,
        }
    }

    #[test]
    #[allow(deprecated)]
    fn to_unreserved_drops_every_reservation() {
        let mut refined = scalar_resource("cpus", s(1.0));
        refined.reservations = vec![
            ReservationInfo {
                r#type: Some(reservation_info::Type::Static as i32),
                role: Some("eng".into()),
                ..Default::default()
            },
            dynamic("eng/web"),
        ];
        let mut r: Resources = "cpus:2;cpus(eng):3;mem(web):64;mem:1"
            .parse()
            .expect("valid");
        r.add_resource(&refined).expect("valid");
        r.add_resource(&volume("v1", 10.0)).expect("valid");
        r.allocate("web");
        let u = r.to_unreserved();
        assert!(u.reserved_any().is_empty());
        assert_eq!(u.cpus(), s(6.0));
        assert_eq!(u.mem(), s(65.0));
        // cpus and mem combine; the volume stays whole, its persistence and allocation kept.
        assert_eq!(u.len(), 3);
        assert_eq!(u.allocated_to("web"), u);
        let vol = u.iter().find(|x| x.disk.is_some()).expect("volume kept");
        assert!(vol.role.is_none() && vol.reservation.is_none() && vol.reservations.is_empty());
        // The first unreserved form seen is kept: `role: "*"` as parsed.
        let cpus = u.iter().find(|x| x.name == "cpus").expect("cpus");
        assert_eq!(cpus.role.as_deref(), Some("*"));
        assert_eq!(Resources::new().to_unreserved(), Resources::new());
    }

    #[test]
    #[allow(deprecated)]
    fn pop_reservation_converts_the_old_format() {
        // Pre-refinement: a dynamic reservation in `role` + `reservation`.
        let mut old = with_role(scalar_resource("mem", s(64.0)), Some("web"));
        old.reservation = Some(ReservationInfo {
            principal: Some("ops".into()),
            ..Default::default()
        });
        let popped = one(&old).pop_reservation().expect("reserved");
        assert_eq!(popped, "mem:64".parse::<Resources>().expect("valid"));
        let m = popped.iter().next().expect("one entry");
        assert!(m.role.is_none() && m.reservation.is_none() && m.reservations.is_empty());

        // The "endpoint" format: both, the stack wins and the old fields go.
        let mut endpoint = scalar_resource("cpus", s(1.0));
        endpoint.reservations = vec![
            ReservationInfo {
                r#type: Some(reservation_info::Type::Static as i32),
                role: Some("eng".into()),
                ..Default::default()
            },
            dynamic("eng/web"),
        ];
        endpoint.role = Some("eng/web".into());
        let popped = one(&endpoint).pop_reservation().expect("reserved");
        let c = popped.iter().next().expect("one entry");
        assert!(c.role.is_none());
        assert_eq!(reservation_role(c), Some("eng"));
        assert_eq!(popped, "cpus(eng):1".parse::<Resources>().expect("valid"));

        // Nothing to pop from unreserved resources.
        let mixed: Resources = "cpus(web):1;mem:1".parse().expect("valid");
        assert_eq!(mixed.pop_reservation(), None);
        assert_eq!(Resources::new().pop_reservation(), Some(Resources::new()));
    }

    #[test]
    fn popping_merges_what_now_matches() {
        let r: Resources = "cpus(eng):1".parse().expect("valid");
        let refined = r.push_reservation(dynamic("eng/web")).expect("refines");
        let mut both = r.clone();
        both.add(&refined);
        assert_eq!(both.len(), 2);
        let popped = both.pop_reservation().expect("reserved");
        // `cpus(eng)` became unreserved; `cpus(eng/web)` became `cpus(eng)` (with the static
        // reservation it refined).
        assert_eq!(popped.len(), 2);
        assert_eq!(popped.unreserved().cpus(), s(1.0));
        assert_eq!(popped.reserved("eng").cpus(), s(1.0));
    }

    #[test]
    fn push_reservation_follows_upstream_validation() {
        let r: Resources = "cpus:1;mem(eng):64".parse().expect("valid");
        let mut untyped = dynamic("eng/web");
        untyped.r#type = None;
        assert_eq!(
            r.push_reservation(untyped),
            Err(RefinementError::MissingType)
        );
        let mut unknown = dynamic("eng/web");
        unknown.r#type = Some(reservation_info::Type::Unknown as i32);
        assert_eq!(
            r.push_reservation(unknown),
            Err(RefinementError::MissingType)
        );
        for bad in ["*", "", "a//b", "-x", "eng/.."] {
            assert_eq!(
                r.push_reservation(dynamic(bad)),
                Err(RefinementError::InvalidRole(bad.into())),
                "{bad}"
            );
        }
        let mut roleless = dynamic("x");
        roleless.role = None;
        assert_eq!(
            r.push_reservation(roleless),
            Err(RefinementError::InvalidRole(String::new()))
        );
        for bad in ["eng", "engine", "web"] {
            assert_eq!(
                r.push_reservation(dynamic(bad)),
                Err(RefinementError::NotARefinement {
                    role: bad.into(),
                    current: "eng".into()
                })
            );
        }
        let mut fixed = dynamic("eng/web");
        fixed.r#type = Some(reservation_info::Type::Static as i32);
        fixed.principal = None;
        assert_eq!(
            r.push_reservation(fixed.clone()),
            Err(RefinementError::StaticRefinement)
        );
        // A static reservation is fine on unreserved resources.
        let unreserved: Resources = "cpus:1".parse().expect("valid");
        let pushed = unreserved
            .push_reservation(fixed)
            .expect("static reservation");
        assert_eq!(
            pushed,
            "cpus(eng/web):1".parse::<Resources>().expect("valid")
        );

        let deep = r
            .push_reservation(dynamic("eng/web"))
            .and_then(|x| x.push_reservation(dynamic("eng/web/a")))
            .expect("refines twice");
        assert_eq!(deep.reserved("eng/web/a").len(), 2);
        let stacks: Vec<usize> = deep.iter().map(|x| x.reservations.len()).collect();
        assert_eq!(stacks, [2, 3]);
        assert_eq!(
            deep.pop_reservation()
                .and_then(|x| x.pop_reservation())
                .as_ref(),
            Some(&r)
        );
        assert_eq!(deep.to_unreserved(), r.to_unreserved());
        assert_eq!(
            RefinementError::NotARefinement {
                role: "web".into(),
                current: "eng".into()
            }
            .to_string(),
            "role \"web\" is not a refinement of \"eng\""
        );
    }

    #[test]
    fn strict_subroles() {
        assert!(is_strict_subrole("eng/web", "eng"));
        assert!(is_strict_subrole("eng/web/a", "eng"));
        assert!(!is_strict_subrole("eng", "eng"));
        assert!(!is_strict_subrole("engine", "eng"));
        assert!(!is_strict_subrole("eng/", "eng"));
    }
}
