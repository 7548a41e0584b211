//! The object store and its watch cache: every object as JSON, one global resourceVersion
//! counter (like etcd's revision), a bounded history of changes per storage (like the cacher's
//! per-resource watch caches, so busy events cannot expire pod watches), and the registered watchers.
//!
//! All writes go through one lock, so a write, its resourceVersion and its fan-out to the
//! watchers happen in one order, as they do behind kube-apiserver's watch cache.
//!
//! Memory is bounded in bytes (each object's size as compact JSON), not only in counts: each
//! object, all objects together (a full store refuses writes as etcd past its quota does, but
//! always lets deletions through), each storage's history, and each watcher's queue
//! (`watch_queue`).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;

use super::error::ApiError;
use super::patch::json_size;
use super::resources::ResourceKind;
use super::watch_queue::{Push, QueueLimits, QueueReceiver, QueueSender, queue};

/// A stored object (immutable once stored; a write stores a new one).
pub(crate) type Object = Arc<Value>;

/// What happened to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EventType {
    /// Created.
    Added,
    /// Changed.
    Modified,
    /// Removed.
    Deleted,
}

/// One change, as kept in the history and sent to watchers.
#[derive(Debug)]
pub(crate) struct StoredEvent {
    /// The resourceVersion the change was written at.
    pub(crate) rv: u64,
    /// Its namespace ("" for cluster-scoped objects).
    pub(crate) namespace: String,
    /// What happened.
    pub(crate) kind: EventType,
    /// The object after the change (for a delete, the last state with the delete's version).
    pub(crate) object: Object,
    /// The object before the change, if there was one.
    pub(crate) prev: Option<Object>,
    /// What the change holds in memory, counted as the encoded sizes of `object` and `prev`:
    /// what the history's and the watchers' byte limits count.
    pub(crate) bytes: usize,
}

/// Sizes that bound memory. Bytes are counted as objects' sizes in compact JSON.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoreLimits {
    /// How many changes the watch history keeps per storage; a watch from an older version gets 410.
    pub(crate) history: usize,
    /// How many bytes of changes the watch history keeps per storage (each change counting the
    /// object after and before it); the newest change is always kept.
    pub(crate) history_bytes: usize,
    /// How many events a watcher may have queued before it is dropped as too slow.
    pub(crate) watcher_queue: usize,
    /// How many bytes of events a watcher may have queued before it is dropped as too slow.
    pub(crate) watcher_queue_bytes: usize,
    /// How many watches may be open at once; more get 429.
    pub(crate) max_watchers: usize,
    /// The largest object stored; a write of a larger one gets 413.
    pub(crate) max_object_bytes: usize,
    /// The most all stored objects may take together; a write that would take more gets
    /// etcd's "database space exceeded" (500). Deletions are never refused.
    pub(crate) max_storage_bytes: usize,
}

/// What an update closure wants done with the object it was shown.
#[derive(Debug)]
pub(crate) enum Write {
    /// Store this new state.
    Put(Value),
    /// Store this new state of an object on its way out (a DELETE setting its
    /// deletionTimestamp): never refused for size or space, so that a full store still drains.
    PutDeleting(Value),
    /// Remove the object.
    Delete,
    /// Leave it as it is.
    Keep,
}

/// What an update did.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    /// Nothing changed; the current object.
    Unchanged(Object),
    /// Stored a new state.
    Updated(Object),
    /// Removed; the object as deleted (with the deletion's resourceVersion).
    Deleted(Object),
}

/// Where a watch starts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum WatchFrom {
    /// Send the current objects as ADDED, then changes (resourceVersion unset or `0`).
    Now,
    /// Send changes from now on, without the current objects (`sendInitialEvents=false`).
    Latest,
    /// Send changes after this resourceVersion.
    After(u64),
}

/// A registered watch: the events it starts with, and the queue of later ones.
#[derive(Debug)]
pub(crate) struct WatchStart {
    /// Current objects (for [`WatchFrom::Now`]) to send as ADDED, in key order.
    pub(crate) initial: Vec<Object>,
    /// Changes from the history to send first (for [`WatchFrom::After`]).
    pub(crate) backlog: Vec<Arc<StoredEvent>>,
    /// The resourceVersion the watch is at after `initial` and `backlog`.
    pub(crate) rv: u64,
    /// Later changes; closed (and emptied) when the watcher is dropped as too slow.
    pub(crate) rx: QueueReceiver,
}

type Key = (String, String);

#[derive(Debug)]
struct Watcher {
    storage: &'static str,
    namespace: Option<String>,
    tx: QueueSender,
}

/// The recent changes of one storage.
#[derive(Debug, Default)]
struct History {
    events: VecDeque<Arc<StoredEvent>>,
    /// The sum of the kept events' [`StoredEvent::bytes`].
    bytes: usize,
    /// The newest resourceVersion of this storage no longer kept (0: nothing dropped yet).
    evicted_through: u64,
}

/// The encoded size of an object but for its `metadata.resourceVersion`, which is only known
/// once the store's lock is held: measured outside the lock, completed under it in O(1).
#[derive(Debug, Clone, Copy)]
struct Measured {
    /// The size without a resourceVersion.
    base: usize,
    /// `None`: `metadata` is not an object (no resourceVersion is written); else whether
    /// `metadata` has other fields (a comma before the resourceVersion).
    others: Option<bool>,
}

impl Measured {
    fn of(obj: &Value) -> Self {
        let total = json_size(obj);
        let Some(meta) = obj.get("metadata").and_then(Value::as_object) else {
            return Self {
                base: total,
                others: None,
            };
        };
        let rv = meta.get("resourceVersion");
        let others = meta.len() > usize::from(rv.is_some());
        // `"resourceVersion":<value>`, and the comma that separates it from the others.
        let rv_bytes = rv.map_or(0, |v| RV_KEY_BYTES + json_size(v) + usize::from(others));
        Self {
            base: total.saturating_sub(rv_bytes),
            others: Some(others),
        }
    }

    /// The size once stored at `rv`.
    fn at(self, rv: u64) -> usize {
        match self.others {
            None => self.base,
            // `"resourceVersion":"<digits>"`, and its comma.
            Some(others) => self.base + RV_KEY_BYTES + digits(rv) + 2 + usize::from(others),
        }
    }
}

/// `"resourceVersion":` in bytes.
const RV_KEY_BYTES: usize = "\"resourceVersion\":".len();

fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// One stored object and what it takes.
#[derive(Debug, Clone)]
struct Entry {
    object: Object,
    measured: Measured,
    bytes: usize,
}

#[derive(Debug, Default)]
struct State {
    rv: u64,
    objects: HashMap<&'static str, BTreeMap<Key, Entry>>,
    /// The sum of the stored objects' sizes.
    bytes: usize,
    history: HashMap<&'static str, History>,
    watchers: Vec<Watcher>,
}

impl State {
    fn entry(&self, storage: &str, key: &Key) -> Option<&Entry> {
        self.objects.get(storage)?.get(key)
    }
}

/// The object store.
#[derive(Debug)]
pub(crate) struct Store {
    state: Mutex<State>,
    limits: StoreLimits,
}

fn meta_str<'a>(obj: &'a Value, field: &str) -> &'a str {
    obj.get("metadata")
        .and_then(|m| m.get(field))
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn with_rv(mut obj: Value, rv: u64) -> Value {
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert("resourceVersion".into(), Value::String(rv.to_string()));
    }
    obj
}

/// How often [`Store::update`] runs a change again after the object was replaced while the
/// change was being made, before it answers 409.
pub(crate) const UPDATE_ATTEMPTS: usize = 16;

impl Store {
    /// An empty store.
    pub(crate) fn new(limits: StoreLimits) -> Self {
        Self {
            state: Mutex::new(State::default()),
            limits,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave a half-written object (writes are one
        // insert), so a poisoned lock is still consistent.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The newest resourceVersion.
    pub(crate) fn current_rv(&self) -> u64 {
        self.lock().rv
    }

    /// The encoded size of all stored objects together.
    pub(crate) fn stored_bytes(&self) -> usize {
        self.lock().bytes
    }

    /// One object.
    pub(crate) fn get(&self, kind: &ResourceKind, namespace: &str, name: &str) -> Option<Object> {
        let state = self.lock();
        state
            .entry(kind.storage, &(namespace.to_string(), name.to_string()))
            .map(|e| e.object.clone())
    }

    /// All objects of a kind, in one namespace or all, in key order, with the list's version.
    pub(crate) fn list(&self, kind: &ResourceKind, namespace: Option<&str>) -> (Vec<Object>, u64) {
        let state = self.lock();
        let items = state
            .objects
            .get(kind.storage)
            .map(|m| {
                m.iter()
                    .filter(|((ns, _), _)| namespace.is_none_or(|want| want == ns))
                    .map(|(_, e)| e.object.clone())
                    .collect()
            })
            .unwrap_or_default();
        (items, state.rv)
    }

    /// The objects of a kind as they were at resourceVersion `rv` (current state with the
    /// history after `rv` undone), or `None` if the history no longer reaches back that far.
    pub(crate) fn list_at(
        &self,
        kind: &ResourceKind,
        namespace: Option<&str>,
        rv: u64,
    ) -> Option<Vec<Object>> {
        let state = self.lock();
        let history = state.history.get(kind.storage);
        if rv < history.map_or(0, |h| h.evicted_through) || rv > state.rv {
            return None;
        }
        let mut objects: BTreeMap<Key, Object> = state
            .objects
            .get(kind.storage)
            .map(|m| {
                m.iter()
                    .filter(|((ns, _), _)| namespace.is_none_or(|want| want == ns))
                    .map(|(k, e)| (k.clone(), e.object.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let events = history.map(|h| h.events.iter()).into_iter().flatten();
        for ev in events.rev().take_while(|e| e.rv > rv) {
            if namespace.is_some_and(|ns| ns != ev.namespace) {
                continue;
            }
            let key = (
                ev.namespace.clone(),
                meta_str(&ev.object, "name").to_string(),
            );
            match (&ev.kind, &ev.prev) {
                (EventType::Added, _) => {
                    objects.remove(&key);
                }
                (_, Some(prev)) => {
                    objects.insert(key, prev.clone());
                }
                (_, None) => {}
            }
        }
        Some(objects.into_values().collect())
    }

    /// Whether an object of `bytes` may replace one of `old` bytes (0: a new object): 413 past
    /// the object size limit; past the storage budget, what kube-apiserver answers when etcd
    /// refuses a write for its quota. A write that does not grow the store is never refused
    /// for space, so objects can always be shrunk as well as deleted.
    fn admit(&self, state: &State, bytes: usize, old: usize) -> Result<(), ApiError> {
        if bytes > self.limits.max_object_bytes {
            return Err(ApiError::too_large(self.limits.max_object_bytes));
        }
        let total = state.bytes.saturating_sub(old).saturating_add(bytes);
        if bytes > old && total > self.limits.max_storage_bytes {
            return Err(ApiError::database_space_exceeded());
        }
        Ok(())
    }

    /// Stores a new object (its metadata already complete but for the resourceVersion).
    pub(crate) fn create(&self, kind: &ResourceKind, obj: Value) -> Result<Object, ApiError> {
        let key = (
            meta_str(&obj, "namespace").to_string(),
            meta_str(&obj, "name").to_string(),
        );
        // Measured before the lock is taken: other requests do not wait for it.
        let measured = Measured::of(&obj);
        let mut state = self.lock();
        if state.entry(kind.storage, &key).is_some() {
            return Err(ApiError::already_exists(kind.group, kind.plural, &key.1));
        }
        let rv = state.rv + 1;
        let bytes = measured.at(rv);
        self.admit(&state, bytes, 0)?;
        let object = Arc::new(with_rv(obj, rv));
        state.rv = rv;
        state.bytes = state.bytes.saturating_add(bytes);
        state.objects.entry(kind.storage).or_default().insert(
            key.clone(),
            Entry {
                object: object.clone(),
                measured,
                bytes,
            },
        );
        self.record(
            &mut state,
            kind.storage,
            key.0,
            EventType::Added,
            object.clone(),
            None,
            bytes,
        );
        Ok(object)
    }

    /// Reads, changes and writes one object atomically: `change` sees the current object and
    /// says what to do. A `Put` equal to the current object writes nothing (as upstream's
    /// `GuaranteedUpdate` skips no-op writes).
    ///
    /// `change` runs outside the store's lock (a patch may take real work; other requests
    /// must not wait for it), on the object as it was read; when another write replaced the
    /// object meanwhile, `change` runs again on the new one, as upstream's `GuaranteedUpdate`
    /// retries on a conflict, up to [`UPDATE_ATTEMPTS`] times, then 409.
    pub(crate) fn update(
        &self,
        kind: &ResourceKind,
        namespace: &str,
        name: &str,
        mut change: impl FnMut(&Value) -> Result<Write, ApiError>,
    ) -> Result<Outcome, ApiError> {
        let key = (namespace.to_string(), name.to_string());
        let read = |state: &State| {
            state
                .entry(kind.storage, &key)
                .cloned()
                .ok_or_else(|| ApiError::not_found(kind.group, kind.plural, name))
        };
        let mut attempts = 0;
        let (mut state, current, write, measured) = loop {
            let current = read(&self.lock())?;
            let write = change(&current.object)?;
            let measured = match &write {
                Write::Put(new) | Write::PutDeleting(new) => Some(Measured::of(new)),
                Write::Delete | Write::Keep => None,
            };
            let state = self.lock();
            if Arc::ptr_eq(&read(&state)?.object, &current.object) {
                break (state, current, write, measured);
            }
            attempts += 1;
            if attempts >= UPDATE_ATTEMPTS {
                return Err(ApiError::conflict(
                    kind.group,
                    kind.plural,
                    name,
                    "the object has been modified; please apply your changes to the latest \
                     version and try again",
                ));
            }
        };
        let (new, deleting) = match write {
            Write::Keep => return Ok(Outcome::Unchanged(current.object)),
            Write::Put(new) => (new, false),
            Write::PutDeleting(new) => (new, true),
            Write::Delete => {
                let rv = state.rv + 1;
                state.rv = rv;
                if let Some(m) = state.objects.get_mut(kind.storage) {
                    m.remove(&key);
                }
                state.bytes = state.bytes.saturating_sub(current.bytes);
                let object = Arc::new(with_rv((*current.object).clone(), rv));
                self.record(
                    &mut state,
                    kind.storage,
                    key.0,
                    EventType::Deleted,
                    object.clone(),
                    Some(current.object),
                    current.measured.at(rv).saturating_add(current.bytes),
                );
                return Ok(Outcome::Deleted(object));
            }
        };
        let mut probe = new.clone();
        if let Some(meta) = probe.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.insert(
                "resourceVersion".into(),
                current.object["metadata"]["resourceVersion"].clone(),
            );
        }
        if probe == *current.object {
            return Ok(Outcome::Unchanged(current.object));
        }
        let rv = state.rv + 1;
        let measured = measured.unwrap_or_else(|| Measured::of(&new));
        let bytes = measured.at(rv);
        if !deleting {
            self.admit(&state, bytes, current.bytes)?;
        }
        let object = Arc::new(with_rv(new, rv));
        state.rv = rv;
        state.bytes = state
            .bytes
            .saturating_sub(current.bytes)
            .saturating_add(bytes);
        state.objects.entry(kind.storage).or_default().insert(
            key.clone(),
            Entry {
                object: object.clone(),
                measured,
                bytes,
            },
        );
        self.record(
            &mut state,
            kind.storage,
            key.0,
            EventType::Modified,
            object.clone(),
            Some(current.object),
            bytes.saturating_add(current.bytes),
        );
        Ok(Outcome::Updated(object))
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        state: &mut State,
        storage: &'static str,
        namespace: String,
        kind: EventType,
        object: Object,
        prev: Option<Object>,
        bytes: usize,
    ) {
        let event = Arc::new(StoredEvent {
            rv: state.rv,
            namespace,
            kind,
            object,
            prev,
            bytes,
        });
        let history = state.history.entry(storage).or_default();
        history.events.push_back(event.clone());
        history.bytes = history.bytes.saturating_add(bytes);
        // The newest change is always kept, however large: it is what a watch from the
        // current resourceVersion's predecessor needs.
        while history.events.len() > 1
            && (history.events.len() > self.limits.history.max(1)
                || history.bytes > self.limits.history_bytes)
        {
            if let Some(old) = history.events.pop_front() {
                history.bytes = history.bytes.saturating_sub(old.bytes);
                history.evicted_through = old.rv;
            }
        }
        // A watcher whose queue is full is dropped rather than waited for: its queue is
        // emptied and its place freed here, and its stream ends and closes its connection.
        state.watchers.retain(|w| {
            if w.storage != storage
                || w.namespace
                    .as_ref()
                    .is_some_and(|ns| *ns != event.namespace)
            {
                return !w.tx.is_gone();
            }
            match w.tx.push(event.clone()) {
                Push::Queued => true,
                Push::Overflowed | Push::Gone => false,
            }
        });
    }

    /// Registers a watcher on one kind (and namespace, if given).
    pub(crate) fn watch(
        &self,
        kind: &ResourceKind,
        namespace: Option<&str>,
        from: WatchFrom,
    ) -> Result<WatchStart, ApiError> {
        let mut state = self.lock();
        state.watchers.retain(|w| !w.tx.is_gone());
        if state.watchers.len() >= self.limits.max_watchers {
            return Err(ApiError::too_many_requests());
        }
        let (initial, backlog) = match from {
            WatchFrom::Now => {
                let initial = state
                    .objects
                    .get(kind.storage)
                    .map(|m| {
                        m.iter()
                            .filter(|((ns, _), _)| namespace.is_none_or(|want| want == ns))
                            .map(|(_, e)| e.object.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                (initial, Vec::new())
            }
            WatchFrom::Latest => (Vec::new(), Vec::new()),
            WatchFrom::After(rv) => {
                let history = state.history.get(kind.storage);
                // kubernetes: staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go
                // (`getAllEventsSinceLocked`): once changes were dropped, a watch must start no
                // earlier than just before the oldest one kept, else
                // "too old resource version: %d (%d)".
                if let Some(h) = history.filter(|h| h.evicted_through > 0) {
                    let oldest = h.events.front().map_or(state.rv + 1, |e| e.rv);
                    let floor = oldest.saturating_sub(1);
                    if rv < floor {
                        return Err(ApiError::expired(format!(
                            "too old resource version: {rv} ({floor})"
                        )));
                    }
                }
                if rv > state.rv {
                    return Err(ApiError::too_large_rv(rv, state.rv));
                }
                let backlog = history
                    .map(|h| h.events.iter())
                    .into_iter()
                    .flatten()
                    .filter(|e| e.rv > rv && namespace.is_none_or(|ns| ns == e.namespace))
                    .cloned()
                    .collect();
                (Vec::new(), backlog)
            }
        };
        let (tx, rx) = queue(QueueLimits {
            events: self.limits.watcher_queue,
            bytes: self.limits.watcher_queue_bytes,
        });
        state.watchers.push(Watcher {
            storage: kind.storage,
            namespace: namespace.map(str::to_string),
            tx,
        });
        Ok(WatchStart {
            initial,
            backlog,
            rv: state.rv,
            rx,
        })
    }

    /// For a bookmark: takes the events already queued for this watcher and the current
    /// resourceVersion, in one step, so the bookmark never overtakes an event.
    pub(crate) fn drain_for_bookmark(
        &self,
        rx: &mut QueueReceiver,
    ) -> (Vec<Arc<StoredEvent>>, u64) {
        let state = self.lock();
        (rx.drain(), state.rv)
    }

    /// How many watchers are registered (for tests and metrics).
    pub(crate) fn watcher_count(&self) -> usize {
        let mut state = self.lock();
        state.watchers.retain(|w| !w.tx.is_gone());
        state.watchers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::lookup;
    use serde_json::json;

    /// Limits that bound nothing but what a test sets.
    fn limits() -> StoreLimits {
        StoreLimits {
            history: usize::MAX,
            history_bytes: usize::MAX,
            watcher_queue: usize::MAX,
            watcher_queue_bytes: usize::MAX,
            max_watchers: usize::MAX,
            max_object_bytes: usize::MAX,
            max_storage_bytes: usize::MAX,
        }
    }

    fn cm(name: &str) -> Value {
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": "default"}})
    }

    #[test]
    fn a_slow_watcher_is_dropped_not_buffered() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(StoreLimits {
            history: 100,
            watcher_queue: 2,
            max_watchers: 10,
            ..limits()
        });
        let mut start = store.watch(kind, None, WatchFrom::Now).unwrap();
        assert_eq!(store.watcher_count(), 1);
        for i in 0..5 {
            store.create(kind, cm(&format!("c{i}"))).unwrap();
        }
        // The queue held two events, then overflowed: the watcher was dropped at once.
        assert_eq!(store.watcher_count(), 0);
        assert!(start.rx.drain().is_empty(), "emptied when it overflowed");
        assert!(start.rx.overflowed());
    }

    #[test]
    fn watches_beyond_the_limit_get_429_until_one_closes() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(StoreLimits {
            history: 10,
            watcher_queue: 10,
            max_watchers: 2,
            ..limits()
        });
        let first = store.watch(kind, None, WatchFrom::Now).unwrap();
        let _second = store.watch(kind, None, WatchFrom::Now).unwrap();
        let err = store.watch(kind, None, WatchFrom::Now).unwrap_err();
        assert_eq!((err.code, err.reason), (429, "TooManyRequests"));
        drop(first);
        assert!(store.watch(kind, None, WatchFrom::Now).is_ok());
    }

    #[test]
    fn a_busy_kind_does_not_expire_watches_of_another() {
        let cms = lookup("", "v1", "configmaps").unwrap();
        let pods = lookup("", "v1", "pods").unwrap();
        let store = Store::new(StoreLimits {
            history: 3,
            watcher_queue: 10,
            max_watchers: 10,
            ..limits()
        });
        let pod = json!({"metadata": {"name": "p", "namespace": "default"}});
        store.create(pods, pod).unwrap();
        let rv = store.current_rv();
        for i in 0..10 {
            store.create(cms, cm(&format!("c{i}"))).unwrap();
        }
        assert!(store.watch(pods, None, WatchFrom::After(rv)).is_ok());
        assert_eq!(
            store
                .watch(cms, None, WatchFrom::After(rv))
                .unwrap_err()
                .code,
            410
        );
    }

    #[test]
    fn history_is_bounded_and_old_versions_expire() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(StoreLimits {
            history: 3,
            watcher_queue: 10,
            max_watchers: 10,
            ..limits()
        });
        for i in 0..6 {
            store.create(kind, cm(&format!("c{i}"))).unwrap();
        }
        assert_eq!(store.current_rv(), 6);
        let err = store.watch(kind, None, WatchFrom::After(2)).unwrap_err();
        assert_eq!((err.code, err.reason), (410, "Expired"));
        assert_eq!(err.message, "too old resource version: 2 (3)");
        let ok = store.watch(kind, None, WatchFrom::After(3)).unwrap();
        assert_eq!(
            ok.backlog.iter().map(|e| e.rv).collect::<Vec<_>>(),
            vec![4, 5, 6]
        );
        assert_eq!(
            store
                .watch(kind, None, WatchFrom::After(7))
                .unwrap_err()
                .code,
            504
        );
    }

    #[test]
    fn lists_at_an_older_version_undo_later_changes() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(StoreLimits {
            history: 10,
            watcher_queue: 10,
            max_watchers: 10,
            ..limits()
        });
        store.create(kind, cm("a")).unwrap();
        store.create(kind, cm("b")).unwrap();
        let at = store.current_rv();
        store.create(kind, cm("c")).unwrap();
        store
            .update(kind, "default", "a", |_| Ok(Write::Delete))
            .unwrap();
        store
            .update(kind, "default", "b", |cur| {
                let mut v = cur.clone();
                v["data"] = json!({"k": "v"});
                Ok(Write::Put(v))
            })
            .unwrap();
        let names = |objs: Vec<Object>| {
            objs.iter()
                .map(|o| o["metadata"]["name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let then = store.list_at(kind, None, at).unwrap();
        assert_eq!(names(then.clone()), vec!["a", "b"]);
        assert!(then[1].get("data").is_none());
        assert_eq!(
            names(store.list_at(kind, None, store.current_rv()).unwrap()),
            vec!["b", "c"]
        );
        assert!(store.list_at(kind, None, store.current_rv() + 1).is_none());
    }

    #[test]
    fn no_op_updates_keep_the_resource_version() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(StoreLimits {
            history: 10,
            watcher_queue: 10,
            max_watchers: 10,
            ..limits()
        });
        let created = store.create(kind, cm("c")).unwrap();
        let out = store
            .update(kind, "default", "c", |cur| Ok(Write::Put(cur.clone())))
            .unwrap();
        assert!(matches!(out, Outcome::Unchanged(o) if o == created));
        assert_eq!(store.current_rv(), 1);
        let out = store
            .update(kind, "default", "c", |_| Ok(Write::Delete))
            .unwrap();
        assert!(matches!(out, Outcome::Deleted(o) if o["metadata"]["resourceVersion"] == "2"));
        assert!(store.get(kind, "default", "c").is_none());
    }

    fn cm_with(name: &str, data: &str) -> Value {
        let mut v = cm(name);
        v["data"] = json!({"k": data});
        v
    }

    /// The sum of the stored objects' sizes, measured from scratch.
    fn measured_total(store: &Store) -> usize {
        let state = store.lock();
        state
            .objects
            .values()
            .flat_map(|m| m.values())
            .map(|e| json_size(&e.object))
            .sum()
    }

    #[test]
    fn stored_sizes_are_the_objects_json_sizes() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(limits());
        for i in 0..12 {
            store.create(kind, cm_with(&format!("c{i}"), "v")).unwrap();
        }
        // resourceVersions of one and two digits, an update that keeps the version field it
        // was read with, and a deletion.
        store
            .update(kind, "default", "c3", |cur| {
                let mut v = cur.clone();
                v["data"] = json!({"k": "longer value"});
                Ok(Write::Put(v))
            })
            .unwrap();
        store
            .update(kind, "default", "c4", |_| Ok(Write::Delete))
            .unwrap();
        assert_eq!(store.stored_bytes(), measured_total(&store));
        // Metadata with no other field, and metadata that is not an object (no version written).
        let namespaces = lookup("", "v1", "namespaces").unwrap();
        store.create(namespaces, json!({"metadata": {}})).unwrap();
        let nodes = lookup("", "v1", "nodes").unwrap();
        let odd = store.create(nodes, json!({"metadata": 5})).unwrap();
        assert_eq!(*odd, json!({"metadata": 5}));
        assert_eq!(store.stored_bytes(), measured_total(&store));
    }

    #[test]
    fn a_full_store_refuses_growth_with_etcds_quota_error_but_lets_deletions_through() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let big = "x".repeat(1000);
        let store = Store::new(StoreLimits {
            max_storage_bytes: 3500,
            ..limits()
        });
        for i in 0..3 {
            store.create(kind, cm_with(&format!("c{i}"), &big)).unwrap();
        }
        let used = store.stored_bytes();
        let err = store.create(kind, cm_with("c3", &big)).unwrap_err();
        assert_eq!((err.code, err.reason), (500, ""));
        assert_eq!(err.message, "etcdserver: mvcc: database space exceeded");
        assert_eq!(
            err.to_status(),
            json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                "message": "etcdserver: mvcc: database space exceeded", "code": 500})
        );
        assert_eq!(store.stored_bytes(), used, "nothing was stored");
        assert_eq!(store.current_rv(), 3, "no resourceVersion was spent");
        // Growing an object is refused too; shrinking one is not.
        let grow = store.update(kind, "default", "c0", |cur| {
            let mut v = cur.clone();
            v["data"]["more"] = json!(big);
            Ok(Write::Put(v))
        });
        assert_eq!(grow.unwrap_err().code, 500);
        store
            .update(kind, "default", "c0", |cur| {
                let mut v = cur.clone();
                v["data"] = json!({"k": "small"});
                Ok(Write::Put(v))
            })
            .unwrap();
        // A deletion's mark goes through however full the store is.
        store
            .update(kind, "default", "c1", |cur| {
                let mut v = cur.clone();
                v["metadata"]["deletionTimestamp"] = json!("2024-01-01T00:00:00Z");
                v["metadata"]["finalizers"] = json!(["a".repeat(2000)]);
                Ok(Write::PutDeleting(v))
            })
            .unwrap();
        assert!(store.stored_bytes() > 3500);
        store
            .update(kind, "default", "c1", |_| Ok(Write::Delete))
            .unwrap();
        store
            .update(kind, "default", "c2", |_| Ok(Write::Delete))
            .unwrap();
        store.create(kind, cm_with("c3", &big)).unwrap();
        assert_eq!(store.stored_bytes(), measured_total(&store));
    }

    #[test]
    fn objects_over_the_size_limit_are_refused_by_every_write() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(StoreLimits {
            max_object_bytes: 500,
            ..limits()
        });
        let err = store
            .create(kind, cm_with("big", &"x".repeat(500)))
            .unwrap_err();
        assert_eq!((err.code, err.reason), (413, "RequestEntityTooLarge"));
        assert_eq!(err.message, "Request entity too large: limit is 500");
        store.create(kind, cm_with("c", "small")).unwrap();
        let err = store
            .update(kind, "default", "c", |cur| {
                let mut v = cur.clone();
                v["data"]["k"] = json!("x".repeat(500));
                Ok(Write::Put(v))
            })
            .unwrap_err();
        assert_eq!(err.code, 413);
        assert_eq!(store.current_rv(), 1);
    }

    #[test]
    fn history_is_bounded_by_bytes_and_older_watches_get_410() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let big = "x".repeat(1000);
        let store = Store::new(StoreLimits {
            history_bytes: 3500,
            ..limits()
        });
        for i in 0..6 {
            store.create(kind, cm_with(&format!("c{i}"), &big)).unwrap();
        }
        // Three changes of about 1 KiB fit in 3.5 KiB: 4, 5 and 6 are kept.
        let err = store.watch(kind, None, WatchFrom::After(2)).unwrap_err();
        assert_eq!((err.code, err.reason), (410, "Expired"));
        assert_eq!(err.message, "too old resource version: 2 (3)");
        let ok = store.watch(kind, None, WatchFrom::After(3)).unwrap();
        assert_eq!(
            ok.backlog.iter().map(|e| e.rv).collect::<Vec<_>>(),
            vec![4, 5, 6]
        );
        assert!(store.list_at(kind, None, 2).is_none());
        // One change larger than the whole budget is still kept: a watch from just before it works.
        store
            .create(kind, cm_with("huge", &"y".repeat(5000)))
            .unwrap();
        let ok = store.watch(kind, None, WatchFrom::After(6)).unwrap();
        assert_eq!(ok.backlog.iter().map(|e| e.rv).collect::<Vec<_>>(), vec![7]);
        assert_eq!(
            store
                .watch(kind, None, WatchFrom::After(5))
                .unwrap_err()
                .message,
            "too old resource version: 5 (6)"
        );
    }

    #[test]
    fn a_watch_older_than_just_before_the_oldest_kept_change_is_expired() {
        // kubernetes: staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go: with
        // other storages' writes in between, the floor is the oldest kept change minus one,
        // not the newest dropped one.
        let cms = lookup("", "v1", "configmaps").unwrap();
        let pods = lookup("", "v1", "pods").unwrap();
        let store = Store::new(StoreLimits {
            history: 2,
            ..limits()
        });
        let pod = |name: &str| json!({"metadata": {"name": name, "namespace": "default"}});
        store.create(cms, cm("a")).unwrap(); // 1
        store.create(pods, pod("p")).unwrap(); // 2
        store.create(cms, cm("b")).unwrap(); // 3
        store.create(pods, pod("q")).unwrap(); // 4
        store.create(cms, cm("c")).unwrap(); // 5: configmaps keep 3 and 5
        let err = store.watch(cms, None, WatchFrom::After(1)).unwrap_err();
        assert_eq!(err.message, "too old resource version: 1 (2)");
        let ok = store.watch(cms, None, WatchFrom::After(2)).unwrap();
        assert_eq!(
            ok.backlog.iter().map(|e| e.rv).collect::<Vec<_>>(),
            vec![3, 5]
        );
    }

    #[test]
    fn a_watcher_over_its_queued_bytes_is_dropped_and_its_queue_freed() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(StoreLimits {
            watcher_queue_bytes: 2500,
            ..limits()
        });
        let mut slow = store.watch(kind, None, WatchFrom::Latest).unwrap();
        let mut fast = store.watch(kind, None, WatchFrom::Latest).unwrap();
        assert_eq!(store.watcher_count(), 2);
        let big = "x".repeat(1000);
        for i in 0..2 {
            store.create(kind, cm_with(&format!("c{i}"), &big)).unwrap();
            assert!(fast.rx.drain().len() == 1);
        }
        assert_eq!(store.watcher_count(), 2, "two changes of about 1 KiB fit");
        store.create(kind, cm_with("c2", &big)).unwrap();
        assert_eq!(store.watcher_count(), 1, "the slow watcher is gone at once");
        assert!(slow.rx.overflowed());
        assert!(slow.rx.drain().is_empty(), "its queue was emptied");
        assert_eq!(fast.rx.drain().len(), 1, "the other watcher is unaffected");
        // The history and the store hold the objects; the dropped queue holds nothing.
        let state = store.lock();
        let first = &state.objects["configmaps"][&("default".into(), "c0".into())].object;
        assert_eq!(
            Arc::strong_count(first),
            2,
            "the store's entry and the history's event"
        );
    }
}
