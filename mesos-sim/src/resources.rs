//! Resource arithmetic as the master does it: scalars in fixed point with three decimals,
//! inclusive coalescing ranges, sets. The agent's `--resources` text format and the
//! reservation-role rule come from `mesos_sdk::resources`; the arithmetic stays here because
//! its compact entries (one protobuf-encoded key per shape) keep tens of thousands of
//! synthetic tasks affordable (see the `scale` bench), where the SDK keeps whole `Resource`s.
//!
//! Two resources combine only when everything but their value matches (name, type, role,
//! reservations, disk, revocable, shared, provider), as in `mesos: src/v1/resources.cpp`.

use std::collections::BTreeSet;

use mesos_sdk::v1::{Resource, value};
use prost::Message;

use crate::error::SimError;

/// A resource value in the master's exact representation.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Amount {
    /// Thousandths (`llround(v * 1000)`), so `0.1 + 0.2 == 0.3`.
    Scalar(i64),
    /// Sorted, non-overlapping, non-adjacent inclusive ranges.
    Ranges(Vec<(u64, u64)>),
    Set(BTreeSet<String>),
}

#[derive(Clone, Debug)]
struct Entry {
    /// The resource with its value fields cleared (what must match for two entries to
    /// combine), protobuf-encoded: compact, compared byte for byte, decoded when needed.
    key: Vec<u8>,
    name: String,
    /// The role it is reserved to, if any.
    reserved_to: Option<String>,
    amount: Amount,
}

/// A bag of resources with Mesos semantics (add, subtract, contains).
#[derive(Clone, Debug, Default)]
pub(crate) struct Resources {
    entries: Vec<Entry>,
}

/// Converts a scalar the way Mesos does before any arithmetic.
pub(crate) fn to_milli(value: f64) -> i64 {
    (value * 1000.0).round() as i64
}

/// Converts a one-level post-refinement reservation (`reservations: [{DYNAMIC, role,
/// principal, labels}]` or `[{STATIC, role}]`) to the pre-refinement form the simulator keeps
/// (`role` plus `reservation` for dynamic ones), so both formats account alike.
pub(crate) fn to_pre_refinement(resource: &mut Resource) {
    use mesos_sdk::v1::resource::{ReservationInfo, reservation_info};
    if resource.reservations.len() != 1 {
        return;
    }
    let entry = resource.reservations.remove(0);
    resource.role = entry.role.clone();
    if entry.r#type == Some(reservation_info::Type::Dynamic as i32) {
        resource.reservation = Some(ReservationInfo {
            principal: entry.principal,
            labels: entry.labels,
            ..Default::default()
        });
    }
}

/// The same resource, unreserved.
pub(crate) fn unreserved(resource: &Resource) -> Resource {
    let mut out = resource.clone();
    out.role = None;
    out.reservation = None;
    out.reservations.clear();
    out
}

fn shape_of(resource: &Resource) -> Resource {
    let mut shape = resource.clone();
    to_pre_refinement(&mut shape);
    shape.scalar = None;
    shape.ranges = None;
    shape.set = None;
    // Accounting is independent of which role an offer allocated the resource to.
    shape.allocation_info = None;
    // Pre-refinement unreserved resources say `role: "*"` explicitly; both forms are equal.
    if shape.role.as_deref() == Some("*") {
        shape.role = None;
    }
    shape
}

fn coalesce(mut ranges: Vec<(u64, u64)>) -> Vec<(u64, u64)> {
    ranges.sort_unstable();
    let mut out: Vec<(u64, u64)> = Vec::with_capacity(ranges.len());
    for (begin, end) in ranges {
        match out.last_mut() {
            // Overlapping or adjacent ranges merge: [1-3],[4-6] is [1-6].
            Some(last) if begin <= last.1.saturating_add(1) => last.1 = last.1.max(end),
            _ => out.push((begin, end)),
        }
    }
    out
}

fn subtract_ranges(from: &[(u64, u64)], remove: &[(u64, u64)]) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    for &(mut begin, end) in from {
        let mut alive = true;
        for &(rb, re) in remove {
            if re < begin || rb > end || !alive {
                continue;
            }
            if rb > begin {
                out.push((begin, rb - 1));
            }
            if re >= end {
                alive = false;
            } else {
                begin = re + 1;
            }
        }
        if alive {
            out.push((begin, end));
        }
    }
    coalesce(out)
}

fn ranges_contain(outer: &[(u64, u64)], inner: &[(u64, u64)]) -> bool {
    inner
        .iter()
        .all(|&(b, e)| outer.iter().any(|&(ob, oe)| ob <= b && e <= oe))
}

impl Entry {
    fn from_resource(resource: &Resource) -> Result<Entry, String> {
        let amount = match value::Type::try_from(resource.r#type) {
            Ok(value::Type::Scalar) => {
                let scalar = resource.scalar.as_ref().ok_or_else(|| {
                    format!("scalar resource '{}' has no 'scalar'", resource.name)
                })?;
                if !scalar.value.is_finite() || scalar.value < 0.0 {
                    return Err(format!(
                        "invalid scalar value {} for '{}'",
                        scalar.value, resource.name
                    ));
                }
                Amount::Scalar(to_milli(scalar.value))
            }
            Ok(value::Type::Ranges) => {
                let ranges = resource.ranges.as_ref().ok_or_else(|| {
                    format!("ranges resource '{}' has no 'ranges'", resource.name)
                })?;
                let mut list = Vec::with_capacity(ranges.range.len());
                for range in &ranges.range {
                    if range.begin > range.end {
                        return Err(format!(
                            "invalid range [{}-{}] for '{}'",
                            range.begin, range.end, resource.name
                        ));
                    }
                    list.push((range.begin, range.end));
                }
                Amount::Ranges(coalesce(list))
            }
            Ok(value::Type::Set) => {
                let set = resource
                    .set
                    .as_ref()
                    .ok_or_else(|| format!("set resource '{}' has no 'set'", resource.name))?;
                Amount::Set(set.item.iter().cloned().collect())
            }
            _ => return Err(format!("unsupported type for resource '{}'", resource.name)),
        };
        if resource.name.is_empty() {
            return Err("resource with an empty name".into());
        }
        let shape = shape_of(resource);
        let key = shape.encode_to_vec();
        Ok(Entry {
            key,
            reserved_to: reservation_role(&shape).map(str::to_string),
            name: shape.name,
            amount,
        })
    }

    fn is_empty(&self) -> bool {
        match &self.amount {
            Amount::Scalar(v) => *v <= 0,
            Amount::Ranges(r) => r.is_empty(),
            Amount::Set(s) => s.is_empty(),
        }
    }

    fn to_resource(&self) -> Resource {
        // The key was encoded from a valid Resource by this module.
        let mut resource = Resource::decode(self.key.as_slice()).unwrap_or_default();
        match &self.amount {
            Amount::Scalar(v) => {
                resource.scalar = Some(value::Scalar {
                    value: *v as f64 / 1000.0,
                })
            }
            Amount::Ranges(list) => {
                resource.ranges = Some(value::Ranges {
                    range: list
                        .iter()
                        .map(|&(begin, end)| value::Range { begin, end })
                        .collect(),
                })
            }
            Amount::Set(items) => {
                resource.set = Some(value::Set {
                    item: items.iter().cloned().collect(),
                })
            }
        }
        resource
    }
}

impl Resources {
    /// Reads resources as found in a call, rejecting malformed ones (what
    /// `Resources::validate` refuses upstream).
    pub(crate) fn from_protos(resources: &[Resource]) -> Result<Resources, String> {
        let mut out = Resources::default();
        for resource in resources {
            out.add_entry(Entry::from_resource(resource)?);
        }
        Ok(out)
    }

    /// The resources as protobuf messages, one per distinct shape.
    pub(crate) fn to_protos(&self) -> Vec<Resource> {
        self.entries.iter().map(Entry::to_resource).collect()
    }

    /// True when nothing is left.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn add_entry(&mut self, entry: Entry) {
        if entry.is_empty() {
            return;
        }
        if let Some(existing) = self.entries.iter_mut().find(|e| e.key == entry.key) {
            match (&mut existing.amount, entry.amount) {
                (Amount::Scalar(a), Amount::Scalar(b)) => *a = a.saturating_add(b),
                (Amount::Ranges(a), Amount::Ranges(b)) => {
                    let mut all = std::mem::take(a);
                    all.extend(b);
                    *a = coalesce(all);
                }
                (Amount::Set(a), Amount::Set(b)) => a.extend(b),
                // Same key implies same type (the type is part of the shape).
                _ => {}
            }
        } else {
            self.entries.push(entry);
        }
    }

    /// Adds every resource of `other`.
    pub(crate) fn add(&mut self, other: &Resources) {
        for entry in &other.entries {
            self.add_entry(entry.clone());
        }
    }

    /// Removes every resource of `other` (what is not there is ignored).
    pub(crate) fn subtract(&mut self, other: &Resources) {
        for entry in &other.entries {
            let Some(existing) = self.entries.iter_mut().find(|e| e.key == entry.key) else {
                continue;
            };
            match (&mut existing.amount, &entry.amount) {
                (Amount::Scalar(a), Amount::Scalar(b)) => *a = a.saturating_sub(*b),
                (Amount::Ranges(a), Amount::Ranges(b)) => *a = subtract_ranges(a, b),
                (Amount::Set(a), Amount::Set(b)) => a.retain(|item| !b.contains(item)),
                _ => {}
            }
        }
        self.entries.retain(|e| !e.is_empty());
    }

    /// True when `other` is a subset of `self`.
    pub(crate) fn contains(&self, other: &Resources) -> bool {
        other.entries.iter().all(|entry| {
            self.entries
                .iter()
                .find(|e| e.key == entry.key)
                .is_some_and(|e| match (&e.amount, &entry.amount) {
                    (Amount::Scalar(a), Amount::Scalar(b)) => a >= b,
                    (Amount::Ranges(a), Amount::Ranges(b)) => ranges_contain(a, b),
                    (Amount::Set(a), Amount::Set(b)) => b.is_subset(a),
                    _ => false,
                })
        })
    }

    /// The total of scalar resource `name` in thousandths, over every role.
    pub(crate) fn scalar_milli(&self, name: &str) -> i64 {
        self.entries
            .iter()
            .filter(|e| e.name == name)
            .map(|e| match e.amount {
                Amount::Scalar(v) => v,
                _ => 0,
            })
            .fold(0i64, i64::saturating_add)
    }

    /// The quantity of resource `name` in thousandths, as `ResourceQuantities` counts it: the
    /// scalar amount, or the number of range values or set items.
    pub(crate) fn quantity_milli(&self, name: &str) -> i64 {
        self.entries
            .iter()
            .filter(|e| e.name == name)
            .map(|e| match &e.amount {
                Amount::Scalar(v) => *v,
                Amount::Ranges(list) => list
                    .iter()
                    .map(|(b, e)| i64::try_from(e - b + 1).unwrap_or(i64::MAX))
                    .fold(0i64, i64::saturating_add)
                    .saturating_mul(1000),
                Amount::Set(items) => (items.len() as i64).saturating_mul(1000),
            })
            .fold(0i64, i64::saturating_add)
    }

    /// Scalar quantities by resource name in thousandths, over every role and reservation
    /// (what the allocator's sorters count, `mesos: ResourceQuantities::fromScalarResources`).
    pub(crate) fn scalar_quantities(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        self.entries.iter().filter_map(|e| match e.amount {
            Amount::Scalar(v) => Some((e.name.as_str(), v)),
            _ => None,
        })
    }

    /// The resources usable by `role`: unreserved ones and those reserved to the role.
    pub(crate) fn allocatable_to(&self, role: &str) -> Resources {
        Resources {
            entries: self
                .entries
                .iter()
                .filter(|e| e.reserved_to.as_deref().is_none_or(|r| r == role))
                .cloned()
                .collect(),
        }
    }
}

/// The role a resource is reserved to (`None` when unreserved): the SDK's rule, the last entry
/// of the refined `reservations` stack winning over the deprecated `role` field.
pub(crate) use mesos_sdk::resources::reservation_role;

/// Parses the agent's `--resources` text (`name[(role)]:value;...`, value a scalar, ranges or
/// a set) with the SDK's parser, then checks it against the master's arithmetic so later
/// operations cannot fail on it.
pub(crate) fn parse_agent_resources(spec: &str) -> Result<Vec<Resource>, SimError> {
    let invalid = |reason: String| SimError::InvalidResources {
        spec: spec.to_string(),
        reason,
    };
    let out = mesos_sdk::resources::Resources::parse(spec)
        .map_err(|e| invalid(e.to_string()))?
        .into_vec();
    Resources::from_protos(&out).map_err(invalid)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(spec: &str) -> Resources {
        Resources::from_protos(&parse_agent_resources(spec).unwrap()).unwrap()
    }

    #[test]
    fn scalars_are_fixed_point() {
        let mut a = res("cpus:0.1");
        a.add(&res("cpus:0.2"));
        assert_eq!(a.scalar_milli("cpus"), 300);
        assert!(a.contains(&res("cpus:0.3")));
        assert!(!a.contains(&res("cpus:0.301")));
    }

    #[test]
    fn ranges_coalesce_and_split() {
        let mut a = res("ports:[1-3,4-6]");
        assert!(a.contains(&res("ports:[1-6]")));
        a.subtract(&res("ports:[3-4]"));
        assert!(a.contains(&res("ports:[1-2,5-6]")));
        assert!(!a.contains(&res("ports:[3-3]")));
        a.add(&res("ports:[3-4]"));
        assert!(a.contains(&res("ports:[1-6]")));
    }

    #[test]
    fn reserved_and_unreserved_do_not_combine() {
        let a = res("cpus(web):2;cpus:1");
        assert!(!a.contains(&res("cpus:2")));
        assert!(a.contains(&res("cpus(web):2")));
        assert_eq!(a.allocatable_to("db").scalar_milli("cpus"), 1000);
        assert_eq!(a.allocatable_to("web").scalar_milli("cpus"), 3000);
    }

    #[test]
    fn malformed_specs_are_rejected_with_the_reason() {
        for bad in ["cpus", "cpus:x", "ports:[5-1]", "cpus(:1", ":3", "mem:-1"] {
            let err = parse_agent_resources(bad).unwrap_err();
            assert!(err.to_string().contains(bad), "{err}");
        }
    }

    #[test]
    fn huge_scalars_saturate_instead_of_overflowing() {
        let mut a = res("cpus:9000000000000000");
        a.add(&res("cpus:9000000000000000"));
        assert_eq!(a.scalar_milli("cpus"), i64::MAX);
        a.subtract(&res("cpus:9000000000000000"));
        assert!(a.contains(&res("cpus:1")));
    }

    #[test]
    fn subtracting_everything_leaves_nothing() {
        let mut a = res("cpus:4;mem:8192;ports:[31000-32000];disks:{a,b}");
        a.subtract(&res("cpus:4;mem:8192;ports:[31000-32000];disks:{a,b}"));
        assert!(a.is_empty());
    }
}
