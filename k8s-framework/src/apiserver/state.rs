//! What every request handler shares: the store, the limits, and the conversions between the
//! served shape of a kind and its storage shape.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use super::clock;
use super::events;
use super::request_log::RequestLog;
use super::resources::{KINDS, ResourceKind, lookup};
use super::store::{Store, StoreLimits};

/// Settings the handlers read.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Largest request body accepted (kube-apiserver: 3 MiB); larger gets 413.
    pub(crate) max_body_bytes: usize,
    /// How often a watch that allows bookmarks gets one.
    pub(crate) bookmark_interval: Duration,
    /// `host:port` clients reach the server at (for `/api`).
    pub(crate) server_address: String,
    /// A bearer token every request must carry, if set.
    pub(crate) token: Option<super::server::BearerToken>,
    /// Whether a gracefully deleted pod is removed when its grace period ends. On a real
    /// cluster nothing in kube-apiserver does that: the kubelet confirms (a DELETE with grace
    /// 0) once the containers are gone, so a pod stays Terminating as long as they run.
    pub(crate) grace_expiry: bool,
    /// Where answered requests are recorded, if anywhere.
    pub(crate) request_log: Option<RequestLog>,
}

/// Shared state of one server.
#[derive(Debug)]
pub(crate) struct ApiState {
    /// The objects.
    pub(crate) store: Store,
    /// The settings.
    pub(crate) settings: Settings,
    /// Closed when the server shuts down; long-running watches end then.
    pub(crate) shutdown: tokio::sync::watch::Receiver<bool>,
}

/// The namespaces a cluster starts with.
pub(crate) const INITIAL_NAMESPACES: &[&str] =
    &["default", "kube-system", "kube-public", "kube-node-lease"];

impl ApiState {
    /// A fresh state with the initial namespaces.
    pub(crate) fn new(
        settings: Settings,
        limits: StoreLimits,
        shutdown: tokio::sync::watch::Receiver<bool>,
    ) -> Arc<Self> {
        let state = Arc::new(Self {
            store: Store::new(limits),
            settings,
            shutdown,
        });
        let Some(namespaces) = lookup("", "v1", "namespaces") else {
            return state;
        };
        for name in INITIAL_NAMESPACES {
            let ns = json!({
                "apiVersion": "v1",
                "kind": "Namespace",
                "metadata": {
                    "name": name,
                    "uid": uuid::Uuid::new_v4().to_string(),
                    "creationTimestamp": clock::format_time(clock::now()),
                    "labels": {"kubernetes.io/metadata.name": name},
                },
                "spec": {"finalizers": ["kubernetes"]},
                "status": {"phase": "Active"},
            });
            if let Err(e) = state.store.create(namespaces, ns) {
                tracing::error!(%e, "cannot create the initial namespace {name}");
            }
        }
        state
    }
}

/// The served form of a stored object.
pub(crate) fn served(kind: &ResourceKind, stored: &Value) -> Value {
    if kind.group == "events.k8s.io" {
        events::from_core(stored.clone())
    } else {
        stored.clone()
    }
}

/// The storage form of a served object.
pub(crate) fn stored(kind: &ResourceKind, served: Value) -> Value {
    if kind.group == "events.k8s.io" {
        events::to_core(served)
    } else {
        served
    }
}

/// Every distinct storage of namespaced kinds, with one kind that reaches it.
pub(crate) fn namespaced_storages() -> Vec<&'static ResourceKind> {
    let mut out: Vec<&'static ResourceKind> = Vec::new();
    for k in KINDS.iter().filter(|k| k.namespaced) {
        if !out.iter().any(|o| o.storage == k.storage) {
            out.push(k);
        }
    }
    out
}
