//! Dominant resource fairness as the hierarchical allocator's DRF sorters compute it: a
//! client's share is its largest fraction of any scalar resource of the cluster, divided by its
//! weight; clients sort by share, then by how often they were picked, then by name.
//! `mesos: src/master/allocator/mesos/sorter/drf/sorter.cpp` `DRFSorter::calculateShare`,
//! `mesos: src/master/allocator/mesos/sorter/drf/sorter.hpp` `Node::compareDRF`.

use std::collections::HashMap;

use crate::resources::Resources;

/// Scalar quantities by resource name, in thousandths.
pub(crate) type Quantities = HashMap<String, i64>;

/// Adds the scalar quantities of `resources` to `into`.
pub(crate) fn add_quantities(into: &mut Quantities, resources: &Resources) {
    for (name, amount) in resources.scalar_quantities() {
        let slot = into.entry(name.to_string()).or_insert(0);
        *slot = slot.saturating_add(amount);
    }
}

/// How many times each sorter client was picked for an allocation: the DRF tie-breaker.
/// Upstream counts every `allocated()` call of a client and never decrements.
#[derive(Debug, Default)]
pub(crate) struct AllocationCounts {
    /// Role sorter clients.
    pub(crate) roles: HashMap<String, u64>,
    /// Framework sorter clients, keyed by (role, framework id).
    pub(crate) frameworks: HashMap<(String, String), u64>,
}

/// The dominant share of `allocation` over `total`, divided by `weight`. Resources the
/// cluster has none of do not count.
pub(crate) fn dominant_share(
    allocation: Option<&Quantities>,
    total: &Quantities,
    weight: f64,
) -> f64 {
    let share = allocation.map_or(0.0, |allocation| {
        total
            .iter()
            .filter(|(_, total)| **total > 0)
            .map(|(name, total)| allocation.get(name).copied().unwrap_or(0) as f64 / *total as f64)
            .fold(0.0, f64::max)
    });
    if weight > 0.0 { share / weight } else { share }
}

/// A sorter client as `sort` sees it.
#[derive(Clone, Debug)]
pub(crate) struct Client {
    pub(crate) name: String,
    pub(crate) share: f64,
    pub(crate) count: u64,
}

/// Client names in DRF order: lowest share first, then fewest allocations, then by name.
pub(crate) fn sort(mut clients: Vec<Client>) -> Vec<String> {
    clients.sort_by(|a, b| {
        a.share
            .total_cmp(&b.share)
            .then(a.count.cmp(&b.count))
            .then_with(|| a.name.cmp(&b.name))
    });
    clients.into_iter().map(|c| c.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantities(pairs: &[(&str, i64)]) -> Quantities {
        pairs.iter().map(|(n, v)| (n.to_string(), *v)).collect()
    }

    #[test]
    fn share_is_the_largest_fraction_over_the_weight() {
        let total = quantities(&[("cpus", 10_000), ("mem", 1_000_000), ("gpus", 0)]);
        let a = quantities(&[("cpus", 1_000), ("mem", 400_000)]);
        assert!((dominant_share(Some(&a), &total, 1.0) - 0.4).abs() < 1e-12);
        assert!((dominant_share(Some(&a), &total, 2.0) - 0.2).abs() < 1e-12);
        assert_eq!(dominant_share(None, &total, 1.0), 0.0);
        // A resource the cluster lacks does not count, even if allocated.
        let odd = quantities(&[("gpus", 1_000)]);
        assert_eq!(dominant_share(Some(&odd), &total, 1.0), 0.0);
    }

    #[test]
    fn ties_break_by_count_then_name() {
        let client = |name: &str, share: f64, count: u64| Client {
            name: name.into(),
            share,
            count,
        };
        let order = sort(vec![
            client("c", 0.1, 0),
            client("b", 0.0, 2),
            client("a", 0.0, 2),
            client("d", 0.0, 1),
        ]);
        assert_eq!(order, ["d", "a", "b", "c"]);
    }
}
