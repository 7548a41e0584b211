//! The object store and its watch cache: every object as JSON, one global resourceVersion
//! counter (like etcd's revision), a bounded history of changes per storage (like the cacher's
//! per-resource watch caches, so busy events cannot expire pod watches), and the registered watchers.
//!
//! All writes go through one lock, so a write, its resourceVersion and its fan-out to the
//! watchers happen in one order, as they do behind kube-apiserver's watch cache.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tokio::sync::mpsc;

use super::error::ApiError;
use super::resources::ResourceKind;

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
}

/// Sizes that bound memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoreLimits {
    /// How many changes the watch history keeps per storage; a watch from an older version gets 410.
    pub(crate) history: usize,
    /// How many events a watcher may have queued before it is dropped as too slow.
    pub(crate) watcher_queue: usize,
    /// How many watches may be open at once; more get 429.
    pub(crate) max_watchers: usize,
}

/// What an update closure wants done with the object it was shown.
#[derive(Debug)]
pub(crate) enum Write {
    /// Store this new state.
    Put(Value),
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
    /// Later changes; closed when the watcher is dropped as too slow.
    pub(crate) rx: mpsc::Receiver<Arc<StoredEvent>>,
}

type Key = (String, String);

#[derive(Debug)]
struct Watcher {
    storage: &'static str,
    namespace: Option<String>,
    tx: mpsc::Sender<Arc<StoredEvent>>,
}

/// The recent changes of one storage.
#[derive(Debug, Default)]
struct History {
    events: VecDeque<Arc<StoredEvent>>,
    /// The newest resourceVersion of this storage no longer kept (0: nothing dropped yet).
    evicted_through: u64,
}

#[derive(Debug, Default)]
struct State {
    rv: u64,
    objects: HashMap<&'static str, BTreeMap<Key, Object>>,
    history: HashMap<&'static str, History>,
    watchers: Vec<Watcher>,
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

    /// One object.
    pub(crate) fn get(&self, kind: &ResourceKind, namespace: &str, name: &str) -> Option<Object> {
        let state = self.lock();
        state
            .objects
            .get(kind.storage)?
            .get(&(namespace.to_string(), name.to_string()))
            .cloned()
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
                    .map(|(_, o)| o.clone())
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
                    .map(|(k, o)| (k.clone(), o.clone()))
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

    /// Stores a new object (its metadata already complete but for the resourceVersion).
    pub(crate) fn create(&self, kind: &ResourceKind, obj: Value) -> Result<Object, ApiError> {
        let mut state = self.lock();
        let key = (
            meta_str(&obj, "namespace").to_string(),
            meta_str(&obj, "name").to_string(),
        );
        let map = state.objects.entry(kind.storage).or_default();
        if map.contains_key(&key) {
            return Err(ApiError::already_exists(kind.group, kind.plural, &key.1));
        }
        let rv = state.rv + 1;
        let object = Arc::new(with_rv(obj, rv));
        state.rv = rv;
        state
            .objects
            .entry(kind.storage)
            .or_default()
            .insert(key.clone(), object.clone());
        self.record(
            &mut state,
            kind.storage,
            key.0,
            EventType::Added,
            object.clone(),
            None,
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
                .objects
                .get(kind.storage)
                .and_then(|m| m.get(&key))
                .cloned()
                .ok_or_else(|| ApiError::not_found(kind.group, kind.plural, name))
        };
        let mut attempts = 0;
        let (mut state, current, write) = loop {
            let current = read(&self.lock())?;
            let write = change(&current)?;
            let state = self.lock();
            if Arc::ptr_eq(&read(&state)?, &current) {
                break (state, current, write);
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
        match write {
            Write::Keep => Ok(Outcome::Unchanged(current)),
            Write::Put(new) => {
                let mut probe = new.clone();
                if let Some(meta) = probe.get_mut("metadata").and_then(Value::as_object_mut) {
                    meta.insert(
                        "resourceVersion".into(),
                        current["metadata"]["resourceVersion"].clone(),
                    );
                }
                if probe == *current {
                    return Ok(Outcome::Unchanged(current));
                }
                let rv = state.rv + 1;
                let object = Arc::new(with_rv(new, rv));
                state.rv = rv;
                state
                    .objects
                    .entry(kind.storage)
                    .or_default()
                    .insert(key.clone(), object.clone());
                self.record(
                    &mut state,
                    kind.storage,
                    key.0,
                    EventType::Modified,
                    object.clone(),
                    Some(current),
                );
                Ok(Outcome::Updated(object))
            }
            Write::Delete => {
                let rv = state.rv + 1;
                state.rv = rv;
                if let Some(m) = state.objects.get_mut(kind.storage) {
                    m.remove(&key);
                }
                let object = Arc::new(with_rv((*current).clone(), rv));
                self.record(
                    &mut state,
                    kind.storage,
                    key.0,
                    EventType::Deleted,
                    object.clone(),
                    Some(current),
                );
                Ok(Outcome::Deleted(object))
            }
        }
    }

    fn record(
        &self,
        state: &mut State,
        storage: &'static str,
        namespace: String,
        kind: EventType,
        object: Object,
        prev: Option<Object>,
    ) {
        let event = Arc::new(StoredEvent {
            rv: state.rv,
            namespace,
            kind,
            object,
            prev,
        });
        let history = state.history.entry(storage).or_default();
        history.events.push_back(event.clone());
        while history.events.len() > self.limits.history.max(1) {
            if let Some(old) = history.events.pop_front() {
                history.evicted_through = old.rv;
            }
        }
        // A watcher whose queue is full is dropped rather than buffered without bound, like the
        // cacher's "forcing watcher close due to unresponsiveness"
        // (kubernetes: staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go).
        state.watchers.retain(|w| {
            if w.storage != storage
                || w.namespace
                    .as_ref()
                    .is_some_and(|ns| *ns != event.namespace)
            {
                return !w.tx.is_closed();
            }
            match w.tx.try_send(event.clone()) {
                Ok(()) => true,
                Err(mpsc::error::TrySendError::Full(_)) => {
                    tracing::warn!(storage, "dropping a watcher that is not keeping up");
                    false
                }
                Err(mpsc::error::TrySendError::Closed(_)) => false,
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
        state.watchers.retain(|w| !w.tx.is_closed());
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
                            .map(|(_, o)| o.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                (initial, Vec::new())
            }
            WatchFrom::Latest => (Vec::new(), Vec::new()),
            WatchFrom::After(rv) => {
                let history = state.history.get(kind.storage);
                let evicted = history.map_or(0, |h| h.evicted_through);
                // kubernetes: staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go
                // (getAllEventsSinceLocked): "too old resource version: %d (%d)".
                if rv < evicted {
                    return Err(ApiError::expired(format!(
                        "too old resource version: {rv} ({evicted})"
                    )));
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
        let (tx, rx) = mpsc::channel(self.limits.watcher_queue.max(1));
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
        rx: &mut mpsc::Receiver<Arc<StoredEvent>>,
    ) -> (Vec<Arc<StoredEvent>>, u64) {
        let state = self.lock();
        let mut pending = Vec::new();
        while let Ok(e) = rx.try_recv() {
            pending.push(e);
        }
        (pending, state.rv)
    }

    /// How many watchers are registered (for tests and metrics).
    pub(crate) fn watcher_count(&self) -> usize {
        let mut state = self.lock();
        state.watchers.retain(|w| !w.tx.is_closed());
        state.watchers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::lookup;
    use serde_json::json;

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
        });
        let mut start = store.watch(kind, None, WatchFrom::Now).unwrap();
        assert_eq!(store.watcher_count(), 1);
        for i in 0..5 {
            store.create(kind, cm(&format!("c{i}"))).unwrap();
        }
        // Two queued events, then the end of the stream: the watcher was dropped.
        assert_eq!(store.watcher_count(), 0);
        assert!(start.rx.try_recv().is_ok());
        assert!(start.rx.try_recv().is_ok());
        assert!(matches!(
            start.rx.try_recv(),
            Err(mpsc::error::TryRecvError::Disconnected)
        ));
    }

    #[test]
    fn watches_beyond_the_limit_get_429_until_one_closes() {
        let kind = lookup("", "v1", "configmaps").unwrap();
        let store = Store::new(StoreLimits {
            history: 10,
            watcher_queue: 10,
            max_watchers: 2,
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
}
