//! Dominant resource fairness as the hierarchical allocator's DRF sorters compute it: a
//! client's share is its largest fraction of any scalar resource of the cluster, divided by its
//! weight; clients sort by share, then by how often they were picked, then by name. Roles sort
//! as a tree (`eng/web` under `eng`): siblings by the share of their whole subtree.
//! `mesos: src/master/allocator/mesos/sorter/drf/sorter.cpp` `DRFSorter::calculateShare`,
//! `mesos: src/master/allocator/mesos/sorter/drf/sorter.hpp` `Node::compareDRF`.

use std::collections::HashMap;

use crate::resources::Resources;

/// Scalar quantities by resource name, in thousandths. A cluster has a handful of resource
/// names, so a short list searched in order beats hashing on the allocator's hot path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Quantities(Vec<(String, i64)>);

impl Quantities {
    /// The quantity of `name` (0 when absent).
    pub(crate) fn get(&self, name: &str) -> i64 {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, amount)| *amount)
    }

    /// Adds `amount` of `name`.
    pub(crate) fn add(&mut self, name: &str, amount: i64) {
        match self.0.iter_mut().find(|(n, _)| n == name) {
            Some((_, slot)) => *slot = slot.saturating_add(amount),
            None => self.0.push((name.to_string(), amount)),
        }
    }

    /// Adds every quantity of `other`.
    pub(crate) fn add_all(&mut self, other: &Quantities) {
        for (name, amount) in &other.0 {
            self.add(name, *amount);
        }
    }

    /// The (name, quantity) pairs.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        self.0.iter().map(|(n, a)| (n.as_str(), *a))
    }
}

/// Adds the scalar quantities of `resources` to `into`.
pub(crate) fn add_quantities(into: &mut Quantities, resources: &Resources) {
    for (name, amount) in resources.scalar_quantities() {
        into.add(name, amount);
    }
}

/// How many times each sorter client was picked for an allocation: the DRF tie-breaker.
/// Upstream counts every `allocated()` call of a client and never decrements.
#[derive(Debug, Default)]
pub(crate) struct AllocationCounts {
    /// Role sorter clients.
    pub(crate) roles: HashMap<String, u64>,
    /// Framework sorter clients, by role then framework id.
    pub(crate) frameworks: HashMap<String, HashMap<String, u64>>,
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
            .filter(|(_, total)| *total > 0)
            .map(|(name, total)| allocation.get(name) as f64 / total as f64)
            .fold(0.0, f64::max)
    });
    if weight > 0.0 { share / weight } else { share }
}

impl AllocationCounts {
    /// How often a framework was picked in a role.
    pub(crate) fn framework(&self, role: &str, framework_id: &str) -> u64 {
        self.frameworks
            .get(role)
            .and_then(|f| f.get(framework_id))
            .copied()
            .unwrap_or(0)
    }

    /// Counts one allocation to a framework in a role.
    pub(crate) fn picked(&mut self, role: &str, framework_id: &str) {
        *self.roles.entry(role.to_string()).or_insert(0) += 1;
        *self
            .frameworks
            .entry(role.to_string())
            .or_default()
            .entry(framework_id.to_string())
            .or_insert(0) += 1;
    }
}

/// Alternatives of minimum quantities (name, thousandths): resources are worth offering when
/// they hold every quantity of at least one alternative; no alternatives means anything is.
pub(crate) type MinAllocatable = Vec<Vec<(String, i64)>>;

/// The master's default `--min_allocatable_resources`: `cpus:0.01|mem:32`
/// (`MIN_CPUS`, `MIN_MEM`, `mesos: src/master/flags.cpp`).
pub(crate) fn default_min_allocatable() -> MinAllocatable {
    vec![vec![("cpus".into(), 10)], vec![("mem".into(), 32_000)]]
}

/// Whether `resources` meet one of the alternatives (`HierarchicalAllocatorProcess::allocatable`).
pub(crate) fn allocatable(resources: &Resources, minimum: &MinAllocatable) -> bool {
    !resources.is_empty()
        && (minimum.is_empty()
            || minimum.iter().any(|alternative| {
                alternative
                    .iter()
                    .all(|(name, amount)| resources.quantity_milli(name) >= *amount)
            }))
}

/// Parses `--min_allocatable_resources`: `|`-separated alternatives of `;`-separated
/// `name:quantity` items, e.g. `cpus:0.01|mem:32`.
pub(crate) fn parse_min_allocatable(text: &str) -> Result<MinAllocatable, String> {
    text.split('|')
        .map(|alternative| {
            alternative
                .split(';')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| {
                    let (name, value) = item
                        .split_once(':')
                        .ok_or_else(|| format!("{item:?} has no ':'"))?;
                    let value: f64 = value
                        .trim()
                        .parse()
                        .map_err(|_| format!("{item:?} is not a quantity"))?;
                    if !value.is_finite() || value < 0.0 {
                        return Err(format!("{item:?} must be a non-negative quantity"));
                    }
                    Ok((name.trim().to_string(), crate::resources::to_milli(value)))
                })
                .collect::<Result<Vec<_>, String>>()
        })
        .collect()
}

/// A framework's own minimum for a role (`FrameworkInfo.offer_filters`), if it set one.
pub(crate) fn framework_min_allocatable(
    info: &mesos_sdk::v1::FrameworkInfo,
    role: &str,
) -> Option<MinAllocatable> {
    let filters = info.offer_filters.get(role)?;
    let minimum = filters.min_allocatable_resources.as_ref()?;
    Some(
        minimum
            .quantities
            .iter()
            .map(|q| {
                let mut items: Vec<(String, i64)> = q
                    .quantities
                    .iter()
                    .map(|(name, scalar)| (name.clone(), crate::resources::to_milli(scalar.value)))
                    .collect();
                items.sort();
                items
            })
            .collect(),
    )
}

/// A sorter client as `sort` sees it.
#[derive(Clone, Debug)]
pub(crate) struct Client<'a> {
    pub(crate) name: &'a str,
    pub(crate) share: f64,
    pub(crate) count: u64,
}

/// Whether `a` sorts before `b`: lower share, then fewer allocations, then by name.
pub(crate) fn before(a: &Client<'_>, b: &Client<'_>) -> bool {
    compare(a, b) == std::cmp::Ordering::Less
}

fn compare(a: &Client<'_>, b: &Client<'_>) -> std::cmp::Ordering {
    a.share
        .total_cmp(&b.share)
        .then(a.count.cmp(&b.count))
        .then_with(|| a.name.cmp(b.name))
}

/// Indices of `clients` in DRF order: lowest share first, then fewest allocations, then by
/// name.
pub(crate) fn sort(clients: &[Client<'_>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..clients.len()).collect();
    order.sort_by(|&a, &b| compare(&clients[a], &clients[b]));
    order
}

/// A role sorter client: a role with its own allocation and allocation count.
#[derive(Debug)]
pub(crate) struct RoleClient<'a> {
    pub(crate) role: &'a str,
    pub(crate) allocation: Option<&'a Quantities>,
    pub(crate) count: u64,
}

#[derive(Debug, Default)]
struct RoleNode {
    /// The client at this path, if the path is a role of its own.
    client: Option<usize>,
    children: std::collections::BTreeMap<String, RoleNode>,
}

/// A node of the role tree as its siblings see it: the allocations and counts of its whole
/// subtree.
struct Ranked<'t> {
    path: String,
    share: f64,
    count: u64,
    /// `None` for a leaf (the client of `path`, or of its parent for a virtual leaf).
    node: Option<&'t RoleNode>,
    client: Option<usize>,
}

/// Role names in the order of the hierarchical DRF role sorter: a pre-order walk of the role
/// tree with siblings in DRF order, where an inner node counts its whole subtree and a role
/// with sub-roles competes with them through a virtual leaf `role/.` (which, as upstream,
/// looks up its weight under that path, so gets the default 1). `weight` gives a path's
/// weight. `mesos: src/master/allocator/mesos/sorter/drf/sorter.cpp` `DRFSorter::sort`.
pub(crate) fn sort_roles(
    clients: &[RoleClient<'_>],
    total: &Quantities,
    weight: &dyn Fn(&str) -> f64,
) -> Vec<String> {
    let mut root = RoleNode::default();
    for (index, client) in clients.iter().enumerate() {
        let mut node = &mut root;
        for segment in client.role.split('/') {
            node = node.children.entry(segment.to_string()).or_default();
        }
        node.client = Some(index);
    }
    let mut order = Vec::new();
    walk(&root, "", clients, total, weight, &mut order);
    order
}

/// Adds the allocations and counts of every client under `node`.
fn subtree(node: &RoleNode, clients: &[RoleClient<'_>], into: &mut Quantities, count: &mut u64) {
    if let Some(index) = node.client {
        if let Some(allocation) = clients[index].allocation {
            into.add_all(allocation);
        }
        *count = count.saturating_add(clients[index].count);
    }
    for child in node.children.values() {
        subtree(child, clients, into, count);
    }
}

fn walk(
    node: &RoleNode,
    path: &str,
    clients: &[RoleClient<'_>],
    total: &Quantities,
    weight: &dyn Fn(&str) -> f64,
    order: &mut Vec<String>,
) {
    let join = |name: &str| {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}/{name}")
        }
    };
    let mut ranked: Vec<Ranked<'_>> = Vec::new();
    if let (Some(index), false) = (node.client, path.is_empty()) {
        // The role itself, next to its sub-roles.
        let client = &clients[index];
        let virtual_path = format!("{path}/.");
        ranked.push(Ranked {
            share: dominant_share(client.allocation, total, weight(&virtual_path)),
            path: virtual_path,
            count: client.count,
            node: None,
            client: Some(index),
        });
    }
    for (name, child) in &node.children {
        let child_path = join(name);
        if child.children.is_empty() {
            let client = child.client.map(|i| &clients[i]);
            ranked.push(Ranked {
                share: dominant_share(
                    client.and_then(|c| c.allocation),
                    total,
                    weight(&child_path),
                ),
                count: client.map_or(0, |c| c.count),
                path: child_path,
                node: None,
                client: child.client,
            });
        } else {
            let mut allocation = Quantities::default();
            let mut count = 0;
            subtree(child, clients, &mut allocation, &mut count);
            ranked.push(Ranked {
                share: dominant_share(Some(&allocation), total, weight(&child_path)),
                path: child_path,
                count,
                node: Some(child),
                client: None,
            });
        }
    }
    ranked.sort_by(|a, b| {
        a.share
            .total_cmp(&b.share)
            .then(a.count.cmp(&b.count))
            .then_with(|| a.path.cmp(&b.path))
    });
    for entry in ranked {
        match entry.node {
            Some(child) => walk(child, &entry.path, clients, total, weight, order),
            None => {
                if let Some(index) = entry.client {
                    order.push(clients[index].role.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantities(pairs: &[(&str, i64)]) -> Quantities {
        let mut out = Quantities::default();
        for (name, amount) in pairs {
            out.add(name, *amount);
        }
        out
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
    fn minimum_allocatable_alternatives() {
        let minimum = parse_min_allocatable("cpus:0.01|mem:32;ports:2").unwrap();
        let parse = |spec: &str| {
            Resources::from_protos(&crate::resources::parse_agent_resources(spec).unwrap()).unwrap()
        };
        assert!(allocatable(&parse("cpus:0.01"), &minimum));
        assert!(!allocatable(
            &parse("cpus:0.009;mem:32;ports:[1-1]"),
            &minimum
        ));
        assert!(allocatable(&parse("mem:32;ports:[5-6]"), &minimum));
        assert!(allocatable(&parse("disk:1"), &Vec::new()));
        assert!(!allocatable(&Resources::default(), &Vec::new()));
        assert!(parse_min_allocatable("cpus:-1").is_err());
        assert_eq!(
            default_min_allocatable(),
            parse_min_allocatable("cpus:0.01|mem:32").unwrap()
        );
    }

    #[test]
    fn roles_sort_as_a_tree() {
        let total = quantities(&[("cpus", 10_000)]);
        let web = quantities(&[("cpus", 3_000)]);
        let ops = quantities(&[("cpus", 2_000)]);
        let eng = quantities(&[("cpus", 500)]);
        let clients = [
            RoleClient {
                role: "eng/web",
                allocation: Some(&web),
                count: 0,
            },
            RoleClient {
                role: "eng/db",
                allocation: None,
                count: 0,
            },
            RoleClient {
                role: "ops",
                allocation: Some(&ops),
                count: 0,
            },
            RoleClient {
                role: "eng",
                allocation: Some(&eng),
                count: 0,
            },
        ];
        // eng's subtree holds 0.35 > ops' 0.2: ops first, although eng/db holds nothing.
        // Inside eng: eng/db (0), the virtual leaf eng/. (0.05), eng/web (0.3).
        let one = |_: &str| 1.0;
        assert_eq!(
            sort_roles(&clients, &total, &one),
            ["ops", "eng/db", "eng", "eng/web"]
        );
        // Weight 2 on eng halves its subtree's share to 0.175: eng goes first.
        let heavy_eng = |path: &str| if path == "eng" { 2.0 } else { 1.0 };
        assert_eq!(
            sort_roles(&clients, &total, &heavy_eng),
            ["eng/db", "eng", "eng/web", "ops"]
        );
    }

    #[test]
    fn ties_break_by_count_then_name() {
        let client = |name: &'static str, share: f64, count: u64| Client { name, share, count };
        let clients = [
            client("c", 0.1, 0),
            client("b", 0.0, 2),
            client("a", 0.0, 2),
            client("d", 0.0, 1),
        ];
        let order: Vec<&str> = sort(&clients)
            .into_iter()
            .map(|i| clients[i].name)
            .collect();
        assert_eq!(order, ["d", "a", "b", "c"]);
    }
}
