//! [`OfferIndex`]: the offers a scheduler holds, by id and by agent, kept current from the
//! session's events (offers arrive, are rescinded, and are void after a re-subscription), so
//! a scheduler can hold offers while work is pending and match requests against them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::resources::Resources;
use crate::scheduler::TypedEvent;
use crate::v1::{self, AgentId, OfferId};

use super::{ResourceRequest, find_fit};

/// The offers a scheduler holds, in the order they arrived, by id and by agent.
///
/// Feed it every event with [`OfferIndex::apply`], take out the offers you accept or decline
/// ([`OfferIndex::take`], [`OfferIndex::take_agent`]), and match requests against the rest
/// ([`OfferIndex::find`]). Offers are only valid for the subscription they came with: the
/// index empties itself when the session subscribes again or disconnects.
///
/// ```
/// use mesos_sdk::offers::{OfferIndex, ResourceRequest};
/// use mesos_sdk::resources::{Resources, Scalar};
/// use mesos_sdk::scheduler::TypedEvent;
/// use mesos_sdk::v1;
///
/// let offer = |id: &str, agent: &str, resources: &str| v1::Offer {
///     id: v1::OfferId { value: id.into() },
///     agent_id: v1::AgentId { value: agent.into() },
///     resources: Resources::parse(resources).unwrap().into(),
///     ..Default::default()
/// };
/// let mut index = OfferIndex::new();
/// index.apply(&TypedEvent::Offers(vec![
///     offer("o1", "a1", "cpus:1;mem:128"),
///     offer("o2", "a2", "cpus:4;mem:4096"),
///     offer("o3", "a1", "cpus:2;mem:512"),
/// ]));
/// index.apply(&TypedEvent::Rescind(v1::OfferId { value: "o1".into() }));
/// assert_eq!(index.len(), 2);
///
/// let (found, picked) = index.find(&ResourceRequest::new().cpus(2.0).mem(256.0)).unwrap();
/// assert_eq!(found.id.value, "o2");
/// assert_eq!(picked.cpus(), Scalar::from(2));
///
/// // Accepting takes every offer of the agent, to launch in one ACCEPT.
/// let agent = found.agent_id.clone();
/// let offers = index.take_agent(&agent);
/// assert_eq!(offers.len(), 1);
/// assert_eq!(index.iter().map(|o| o.id.value.as_str()).collect::<Vec<_>>(), ["o3"]);
///
/// index.apply(&TypedEvent::Disconnected { reason: "master failed over".into() });
/// assert!(index.is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct OfferIndex {
    /// Arrival number of the next offer inserted.
    next: u64,
    /// The offers by arrival number, so iteration is in arrival order.
    offers: BTreeMap<u64, v1::Offer>,
    by_id: HashMap<OfferId, u64>,
    by_agent: HashMap<AgentId, BTreeSet<u64>>,
}

impl OfferIndex {
    /// An empty index.
    pub fn new() -> OfferIndex {
        OfferIndex::default()
    }

    /// Adds `offers`. An offer whose id is already held replaces the one held (and counts as
    /// arriving now).
    pub fn insert(&mut self, offers: impl IntoIterator<Item = v1::Offer>) {
        for offer in offers {
            self.take(&offer.id);
            let seq = self.next;
            self.next += 1;
            self.by_id.insert(offer.id.clone(), seq);
            self.by_agent
                .entry(offer.agent_id.clone())
                .or_default()
                .insert(seq);
            self.offers.insert(seq, offer);
        }
    }

    /// Removes the offer the master rescinded, returning it if it was held. The same as
    /// [`OfferIndex::take`]; the name says why the offer goes.
    pub fn rescind(&mut self, id: &OfferId) -> Option<v1::Offer> {
        self.take(id)
    }

    /// Removes and returns offer `id`, e.g. to accept or decline it.
    pub fn take(&mut self, id: &OfferId) -> Option<v1::Offer> {
        let seq = self.by_id.remove(id)?;
        let offer = self.offers.remove(&seq)?;
        if let Some(held) = self.by_agent.get_mut(&offer.agent_id) {
            held.remove(&seq);
            if held.is_empty() {
                self.by_agent.remove(&offer.agent_id);
            }
        }
        Some(offer)
    }

    /// Removes and returns every offer of `agent`, in arrival order: what one ACCEPT (which
    /// takes offers of a single agent) or an [`OfferPlanner`](super::OfferPlanner) can use.
    pub fn take_agent(&mut self, agent: &AgentId) -> Vec<v1::Offer> {
        let Some(held) = self.by_agent.remove(agent) else {
            return Vec::new();
        };
        held.into_iter()
            .filter_map(|seq| {
                let offer = self.offers.remove(&seq)?;
                self.by_id.remove(&offer.id);
                Some(offer)
            })
            .collect()
    }

    /// Drops every offer: they are void once the subscription they came with has ended.
    pub fn clear(&mut self) {
        self.offers.clear();
        self.by_id.clear();
        self.by_agent.clear();
    }

    /// The number of offers held.
    pub fn len(&self) -> usize {
        self.offers.len()
    }

    /// Whether no offer is held.
    pub fn is_empty(&self) -> bool {
        self.offers.is_empty()
    }

    /// The offers, in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = &v1::Offer> + '_ {
        self.offers.values()
    }

    /// Offer `id`, if held.
    pub fn get(&self, id: &OfferId) -> Option<&v1::Offer> {
        self.by_id.get(id).and_then(|seq| self.offers.get(seq))
    }

    /// The offers of `agent`, in arrival order.
    pub fn agent(&self, agent: &AgentId) -> impl Iterator<Item = &v1::Offer> + '_ {
        self.by_agent
            .get(agent)
            .into_iter()
            .flatten()
            .filter_map(|seq| self.offers.get(seq))
    }

    /// The agents with offers held, in no particular order.
    pub fn agents(&self) -> impl Iterator<Item = &AgentId> + '_ {
        self.by_agent.keys()
    }

    /// The first offer, in arrival order, that fits `request` ([`find_fit`]), with the
    /// resources to use from it. The offer stays held: [`OfferIndex::take`] it to accept it.
    pub fn find(&self, request: &ResourceRequest) -> Option<(&v1::Offer, Resources)> {
        self.iter()
            .find_map(|offer| find_fit(offer, request).map(|picked| (offer, picked)))
    }

    /// Keeps the index current with a session event: OFFERS are added; RESCIND removes its
    /// offer; an agent's FAILURE removes the agent's offers; a new subscription, a
    /// disconnection or a change of leader clears the index, since offers do not outlive the
    /// subscription (or the master) that made them. Other events change nothing.
    pub fn apply(&mut self, event: &TypedEvent) {
        match event {
            TypedEvent::Offers(offers) => self.insert(offers.iter().cloned()),
            TypedEvent::Rescind(id) => {
                self.rescind(id);
            }
            TypedEvent::AgentFailure { agent_id } => {
                self.take_agent(agent_id);
            }
            TypedEvent::Subscribed { .. }
            | TypedEvent::Disconnected { .. }
            | TypedEvent::LeaderChanged { .. } => self.clear(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::endpoint::Endpoint;
    use crate::offers::OfferPredicate;

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

    fn oid(id: &str) -> OfferId {
        OfferId { value: id.into() }
    }

    fn aid(id: &str) -> AgentId {
        AgentId { value: id.into() }
    }

    fn ids<'a>(offers: impl IntoIterator<Item = &'a v1::Offer>) -> Vec<&'a str> {
        offers.into_iter().map(|o| o.id.value.as_str()).collect()
    }

    fn filled() -> OfferIndex {
        let mut index = OfferIndex::new();
        index.insert([
            offer("o1", "a1", "cpus:1"),
            offer("o2", "a2", "cpus:2"),
            offer("o3", "a1", "cpus:3"),
            offer("o4", "a3", "cpus:4"),
        ]);
        index
    }

    /// Every offer is in exactly one agent's list and found by its id.
    fn assert_consistent(index: &OfferIndex) {
        let listed: usize = index.by_agent.values().map(BTreeSet::len).sum();
        assert_eq!(listed, index.len());
        assert_eq!(index.by_id.len(), index.len());
        assert!(index.by_agent.values().all(|s| !s.is_empty()));
        for o in index.iter() {
            assert_eq!(index.get(&o.id), Some(o));
            assert!(index.agent(&o.agent_id).any(|x| x.id == o.id));
        }
    }

    #[test]
    fn insert_take_and_rescind() {
        let mut index = filled();
        assert_eq!(index.len(), 4);
        assert_eq!(ids(index.iter()), ["o1", "o2", "o3", "o4"]);
        assert_eq!(ids(index.agent(&aid("a1"))), ["o1", "o3"]);
        assert_eq!(index.agents().count(), 3);
        assert_consistent(&index);

        assert_eq!(
            index.take(&oid("o3")).map(|o| o.id.value).as_deref(),
            Some("o3")
        );
        assert_eq!(index.take(&oid("o3")), None);
        assert_eq!(ids(index.agent(&aid("a1"))), ["o1"]);
        assert_eq!(
            index.rescind(&oid("o1")).map(|o| o.id.value).as_deref(),
            Some("o1")
        );
        assert_eq!(index.rescind(&oid("nope")), None);
        assert_eq!(index.agent(&aid("a1")).count(), 0);
        assert_eq!(ids(index.iter()), ["o2", "o4"]);
        assert_consistent(&index);
    }

    #[test]
    fn reinserting_an_id_replaces_the_offer() {
        let mut index = filled();
        index.insert([offer("o1", "a9", "cpus:9")]);
        assert_eq!(index.len(), 4);
        assert_eq!(ids(index.iter()), ["o2", "o3", "o4", "o1"]);
        assert_eq!(index.agent(&aid("a1")).count(), 1);
        assert_eq!(ids(index.agent(&aid("a9"))), ["o1"]);
        assert_consistent(&index);
    }

    #[test]
    fn take_agent_in_arrival_order() {
        let mut index = filled();
        index.insert([offer("o5", "a1", "cpus:5")]);
        let taken = index.take_agent(&aid("a1"));
        assert_eq!(ids(&taken), ["o1", "o3", "o5"]);
        assert!(index.take_agent(&aid("a1")).is_empty());
        assert_eq!(index.get(&oid("o1")), None);
        assert_eq!(ids(index.iter()), ["o2", "o4"]);
        assert_consistent(&index);
        index.clear();
        assert!(index.is_empty());
        assert_eq!(index.agents().count(), 0);
        assert_consistent(&index);
    }

    #[test]
    fn find_returns_the_oldest_fit() {
        let mut index = filled();
        let (o, picked) = index.find(&ResourceRequest::new().cpus(2.5)).expect("fits");
        assert_eq!(o.id.value, "o3");
        assert_eq!(picked.cpus(), 2.5_f64.try_into().expect("scalar"));
        assert!(index.find(&ResourceRequest::new().cpus(5.0)).is_none());
        // Predicates see the whole offer.
        let on_a3 = ResourceRequest::new()
            .cpus(1.0)
            .predicate(OfferPredicate::hostname_one_of(["a3.example"]));
        assert_eq!(
            index.find(&on_a3).map(|(o, _)| o.id.value.as_str()),
            Some("o4")
        );
        index.take(&oid("o4"));
        assert!(index.find(&on_a3).is_none());
    }

    #[test]
    fn apply_follows_the_session() {
        let mut index = OfferIndex::new();
        index.apply(&TypedEvent::Offers(vec![
            offer("o1", "a1", "cpus:1"),
            offer("o2", "a2", "cpus:1"),
            offer("o3", "a2", "cpus:1"),
        ]));
        assert_eq!(index.len(), 3);
        index.apply(&TypedEvent::Rescind(oid("o2")));
        index.apply(&TypedEvent::Rescind(oid("unknown")));
        assert_eq!(ids(index.iter()), ["o1", "o3"]);
        index.apply(&TypedEvent::AgentFailure {
            agent_id: aid("a2"),
        });
        assert_eq!(ids(index.iter()), ["o1"]);
        index.apply(&TypedEvent::Heartbeat);
        index.apply(&TypedEvent::RescindInverseOffer(oid("o1")));
        assert_eq!(index.len(), 1);
        assert_consistent(&index);

        let master: Endpoint = "127.0.0.1:5050".parse().expect("endpoint");
        let subscribed = TypedEvent::Subscribed {
            framework_id: v1::FrameworkId { value: "f".into() },
            master: master.clone(),
            master_info: None,
            heartbeat_interval: Duration::from_secs(15),
            resubscribed: true,
        };
        index.apply(&subscribed);
        assert!(index.is_empty());
        index.apply(&TypedEvent::Offers(vec![offer("o4", "a1", "cpus:1")]));
        index.apply(&TypedEvent::Disconnected {
            reason: "gone".into(),
        });
        assert!(index.is_empty());
        index.apply(&TypedEvent::Offers(vec![offer("o5", "a1", "cpus:1")]));
        index.apply(&TypedEvent::LeaderChanged {
            leader: Some(master),
        });
        assert!(index.is_empty());
        assert_consistent(&index);
    }
}
