//! One scheduling pass's view of the agents, indexed so that a pod's best node is found
//! without filtering and scoring every agent for every pod.
//!
//! What decides a pod's place is exactly what [`fit`] decides for each agent: the filters on
//! what Kubernetes' accounting leaves free (fit anywhere), the score there, and the filters
//! again on what the agent's offers hold now (fit now). The pass wants the best score among
//! the agents that fit by the accounting, and the first agent (in the pass' order of agents)
//! with the best score among those that also fit now.
//!
//! Pods alike in everything the filters and the score read (their tolerations, node selector,
//! affinity, request and host ports: one *shape*, as the replicas of one controller are) get
//! the same answer from the same agents. A shape seen once is answered by looking at every
//! agent; a shape seen again gets an index of its agents ordered by score, which a pod reads
//! at the front. Only the agent a pod was placed on changes during a pass, so only its entry
//! is computed again in each index: a pass costs about the number of agents per shape, plus
//! a logarithm per pod, rather than agents times pods.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use k8s_openapi::api::core::v1::{Node, Pod, PodSpec};

use mesos_sdk::resources::Ranges;

use super::fit::{self, Candidate, Request};

/// An agent as one pass sees it.
#[derive(Debug, Clone)]
pub(crate) struct AgentView<'a> {
    /// Its Node; `None` while it has none (it counts as not ready).
    pub(crate) node: Option<&'a Node>,
    /// What it has in all.
    pub(crate) total: Request,
    /// What Kubernetes' accounting leaves free: the total less what our pods (and executor)
    /// hold there.
    pub(crate) accounted: Request,
    /// The host ports our pods do not hold.
    pub(crate) accounted_ports: Ranges,
    /// What its offers hold now, for the pod (our executor's share taken out where the
    /// executor is still to start).
    pub(crate) offered: Request,
    /// The host ports its offers hold now.
    pub(crate) offered_ports: Ranges,
}

impl<'a> AgentView<'a> {
    /// The agent by the accounting, as the filters and the score see it.
    fn accounted(&self, node: &'a Node) -> Candidate<'_> {
        Candidate {
            node,
            free: self.accounted,
            free_ports: &self.accounted_ports,
            total: self.total,
        }
    }
}

/// Where a pod can go.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Best {
    /// The best-scoring agent that fits now, with what is offered: its score and its
    /// position among the pass' agents (the first one of that score).
    pub(crate) now: Option<(i64, usize)>,
    /// The best score of the agents that fit by the accounting (whether offered or not).
    pub(crate) anywhere: Option<i64>,
}

/// How an agent that fits a shape by the accounting fares.
#[derive(Debug, Clone, Copy)]
struct Entry {
    score: i64,
    /// Whether it fits with what is offered now too.
    now: bool,
}

/// An index entry: the best score first, then the first agent.
type Ranked = (Reverse<i64>, usize);

/// A shape's agents, by score.
#[derive(Debug)]
struct Ranking {
    /// Whether the Node passes the filters that read only the pod and the Node
    /// (unschedulable, affinity, taints).
    static_fit: Vec<bool>,
    entries: Vec<Option<Entry>>,
    /// The agents that fit by the accounting.
    anywhere: BTreeSet<Ranked>,
    /// Those that fit now too.
    now: BTreeSet<Ranked>,
}

#[derive(Debug)]
struct Shape {
    spec: PodSpec,
    request: Request,
    ports: Vec<u16>,
    ranking: Option<Ranking>,
}

/// The agents of one pass, with the indexes of the shapes seen more than once.
#[derive(Debug)]
pub(crate) struct Index<'a> {
    agents: Vec<AgentView<'a>>,
    shapes: HashMap<String, Shape>,
    pack: bool,
}

/// The key of a pod's shape: what the filters and the score read of it.
pub(crate) fn shape_key(spec: &PodSpec, request: Request, ports: &[u16]) -> String {
    let read = (
        &spec.tolerations,
        &spec.node_selector,
        &spec.affinity,
        request.cpus.to_bits(),
        request.mem.to_bits(),
        ports,
    );
    serde_json::to_string(&read).unwrap_or_default()
}

/// The filters that read only the pod and the Node.
fn static_fit(spec: &PodSpec, node: &Node) -> bool {
    fit::node_unschedulable(spec, node).is_ok()
        && fit::node_affinity(spec, node).is_ok()
        && fit::taint_toleration(spec, node).is_ok()
}

/// How `agent` fares for pods of `spec`, `request` and `ports` (`None`: it does not fit by
/// the accounting), as [`fit::reasons`] and [`fit::score`] decide it.
fn evaluate(
    spec: &PodSpec,
    request: Request,
    ports: &[u16],
    agent: &AgentView<'_>,
    static_fit: bool,
    pack: bool,
) -> Option<Entry> {
    let node = agent.node?;
    if !static_fit
        || fit::node_ports(ports, &agent.accounted_ports).is_err()
        || !fit::resources_fit(request, agent.accounted).is_empty()
    {
        return None;
    }
    let score = fit::score(spec, request, &agent.accounted(node), pack);
    let now = fit::node_ports(ports, &agent.offered_ports).is_ok()
        && fit::resources_fit(request, agent.offered).is_empty();
    Some(Entry { score, now })
}

impl<'a> Index<'a> {
    /// The pass' agents, in the order that breaks ties between equal scores.
    pub(crate) fn new(agents: Vec<AgentView<'a>>, pack: bool) -> Index<'a> {
        Index {
            agents,
            shapes: HashMap::new(),
            pack,
        }
    }

    /// Where a pod of `spec` (asking for `request` and host `ports`) can go.
    pub(crate) fn best(&mut self, spec: &PodSpec, request: Request, ports: &[u16]) -> Best {
        let pack = self.pack;
        let agents = &self.agents;
        let key = shape_key(spec, request, ports);
        let Some(shape) = self.shapes.get_mut(&key) else {
            // Seen for the first time: every agent is looked at.
            let mut best = Best::default();
            for (slot, agent) in agents.iter().enumerate() {
                let fits = agent.node.is_some_and(|node| static_fit(spec, node));
                let Some(entry) = evaluate(spec, request, ports, agent, fits, pack) else {
                    continue;
                };
                if best.anywhere.is_none_or(|s| entry.score > s) {
                    best.anywhere = Some(entry.score);
                }
                if entry.now && best.now.is_none_or(|(s, _)| entry.score > s) {
                    best.now = Some((entry.score, slot));
                }
            }
            self.shapes.insert(
                key,
                Shape {
                    spec: spec.clone(),
                    request,
                    ports: ports.to_vec(),
                    ranking: None,
                },
            );
            return best;
        };
        let ranking = shape.ranking.get_or_insert_with(|| {
            let mut ranking = Ranking {
                static_fit: Vec::with_capacity(agents.len()),
                entries: Vec::with_capacity(agents.len()),
                anywhere: BTreeSet::new(),
                now: BTreeSet::new(),
            };
            for (slot, agent) in agents.iter().enumerate() {
                let fits = agent.node.is_some_and(|node| static_fit(&shape.spec, node));
                let entry = evaluate(&shape.spec, shape.request, &shape.ports, agent, fits, pack);
                ranking.static_fit.push(fits);
                ranking.entries.push(entry);
                if let Some(entry) = entry {
                    ranking.anywhere.insert((Reverse(entry.score), slot));
                    if entry.now {
                        ranking.now.insert((Reverse(entry.score), slot));
                    }
                }
            }
            ranking
        });
        Best {
            now: ranking.now.first().map(|(Reverse(s), slot)| (*s, *slot)),
            anywhere: ranking.anywhere.first().map(|(Reverse(s), _)| *s),
        }
    }

    /// The agent at `slot` changed (a pod was placed there): its entry is computed again.
    pub(crate) fn update(&mut self, slot: usize, agent: AgentView<'a>) {
        let Some(current) = self.agents.get_mut(slot) else {
            return;
        };
        *current = agent;
        let agent = &self.agents[slot];
        for shape in self.shapes.values_mut() {
            let Some(ranking) = shape.ranking.as_mut() else {
                continue;
            };
            if let Some(old) = ranking.entries[slot].take() {
                ranking.anywhere.remove(&(Reverse(old.score), slot));
                ranking.now.remove(&(Reverse(old.score), slot));
            }
            let entry = evaluate(
                &shape.spec,
                shape.request,
                &shape.ports,
                agent,
                ranking.static_fit[slot],
                self.pack,
            );
            if let Some(entry) = entry {
                ranking.anywhere.insert((Reverse(entry.score), slot));
                if entry.now {
                    ranking.now.insert((Reverse(entry.score), slot));
                }
            }
            ranking.entries[slot] = entry;
        }
    }

    /// Why no agent takes `pod`: each filter's reason counted over the agents, as
    /// kube-scheduler counts them for its `FailedScheduling` message.
    pub(crate) fn reasons(
        &self,
        pod: &Pod,
        request: Request,
        ports: &[u16],
    ) -> BTreeMap<&'static str, usize> {
        let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
        for agent in &self.agents {
            let Some(node) = agent.node else {
                *reasons.entry("node(s) were not ready").or_default() += 1;
                continue;
            };
            for reason in fit::reasons(pod, request, ports, &agent.accounted(node)) {
                *reasons.entry(reason).or_default() += 1;
            }
        }
        reasons
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str, labels: serde_json::Value) -> Node {
        serde_json::from_value(serde_json::json!({"metadata": {"name": name, "labels": labels}}))
            .expect("node")
    }

    fn spec(value: serde_json::Value) -> PodSpec {
        serde_json::from_value(value).expect("spec")
    }

    fn view<'a>(node: Option<&'a Node>, free_cpus: f64, offered_cpus: f64) -> AgentView<'a> {
        let gib = 1024.0 * 1024.0 * 1024.0;
        AgentView {
            node,
            total: Request {
                cpus: 4.0,
                mem: 8.0 * gib,
            },
            accounted: Request {
                cpus: free_cpus,
                mem: 8.0 * gib,
            },
            accounted_ports: Ranges::from(80..=80),
            offered: Request {
                cpus: offered_cpus,
                mem: 8.0 * gib,
            },
            offered_ports: Ranges::from(80..=80),
        }
    }

    /// The index answers as looking at every agent does, for shapes seen once and again,
    /// before and after agents change.
    #[test]
    fn the_index_answers_as_a_look_at_every_agent() {
        let nodes: Vec<Node> = (0..6)
            .map(|i| {
                node(
                    &format!("n{i}"),
                    serde_json::json!({"zone": format!("z{}", i % 2)}),
                )
            })
            .collect();
        let views = |changed: Option<(usize, f64)>| -> Vec<AgentView<'_>> {
            (0..6)
                .map(|i| {
                    let free = match changed {
                        Some((slot, free)) if slot == i => free,
                        _ => [4.0, 2.0, 4.0, 1.0, 0.5, 4.0][i],
                    };
                    let offered = [4.0, 2.0, 0.0, 1.0, 0.5, 4.0][i];
                    view((i != 5).then(|| &nodes[i]), free, offered)
                })
                .collect()
        };
        let plain = spec(serde_json::json!({"containers": []}));
        let zoned = spec(serde_json::json!({"containers": [], "nodeSelector": {"zone": "z1"}}));
        let request = Request {
            cpus: 1.0,
            mem: 0.0,
        };
        let scan = |agents: &[AgentView<'_>], spec: &PodSpec, ports: &[u16]| {
            let mut fresh = Index::new(agents.to_vec(), false);
            fresh.best(spec, request, ports)
        };
        let mut index = Index::new(views(None), false);
        for spec in [&plain, &zoned] {
            let first = index.best(spec, request, &[]);
            assert_eq!(first, scan(&views(None), spec, &[]));
            assert_eq!(index.best(spec, request, &[]), first, "indexed");
        }
        // Agents 0 and 2 tie on the score; 2 has nothing offered: 0 goes first.
        let best = index.best(&plain, request, &[]);
        assert_eq!(best.now.map(|(_, slot)| slot), Some(0));
        assert_eq!(best.now.map(|(score, _)| score), best.anywhere);
        // Agent 0 fills up: the answer follows.
        index.update(0, views(Some((0, 0.5)))[0].clone());
        for spec in [&plain, &zoned] {
            assert_eq!(
                index.best(spec, request, &[]),
                scan(&views(Some((0, 0.5))), spec, &[])
            );
        }
        // A port no agent has: nothing fits; the reasons count every agent.
        assert_eq!(index.best(&plain, request, &[8080]), Best::default());
        let pod = Pod {
            spec: Some(plain.clone()),
            ..Default::default()
        };
        let reasons = index.reasons(&pod, request, &[8080]);
        assert_eq!(reasons["node(s) were not ready"], 1);
        assert_eq!(
            reasons["node(s) didn't have free ports for the requested pod ports"],
            5
        );
        assert_eq!(reasons["Insufficient cpu"], 2);
    }
}
