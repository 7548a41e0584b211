//! Entry points for the fuzz targets in `fuzz/` (`apiserver_body`, `apiserver_patch`,
//! `apiserver_selectors`): an in-memory server without sockets whose methods call the verbs
//! exactly as `server::dispatch` does once it has routed a request and read its body.
//!
//! Thin wrappers only, so what is fuzzed is what is served. Not a stable API: hidden from the
//! docs and free to change with the targets.

use std::sync::{Arc, OnceLock};

use serde_json::{Value, json};

use super::error::ApiError;
use super::handlers::Input;
use super::resources::{KINDS, ResourceKind, Subresource};
use super::response::{Wanted, negotiate};
use super::routes::Query;
use super::selectors::{FieldSelector, LabelSelector, Selectors};
use super::server::ApiServerConfig;
use super::state::{ApiState, Settings, namespaced_storages, stored};
use super::store::{Store, StoreLimits};
use super::{binding, delete, read, write};

/// The name of the object [`Server::new`] stores of every kind.
pub const OBJECT_NAME: &str = "fuzz";

/// The namespace of the namespaced objects [`Server::new`] stores, and of every namespaced request.
pub const NAMESPACE: &str = "default";

/// The field manager of the objects [`Server::new`] stores (through a server-side apply), so an
/// apply by any other manager can conflict with it.
pub const SEED_MANAGER: &str = "seed";

/// Every resource served, as [`Server`]'s methods name them: `plural` for the core group,
/// `group/plural` otherwise.
pub fn resources() -> Vec<String> {
    KINDS.iter().map(resource_name).collect()
}

fn resource_name(kind: &ResourceKind) -> String {
    if kind.group.is_empty() {
        kind.plural.to_string()
    } else {
        format!("{}/{}", kind.group, kind.plural)
    }
}

/// The kind a resource name means; an unknown one is the 404 `Status` the server answers.
fn kind(resource: &str) -> Result<&'static ResourceKind, ApiError> {
    let (group, plural) = resource.rsplit_once('/').unwrap_or(("", resource));
    KINDS
        .iter()
        .find(|k| k.group == group && k.plural == plural)
        .ok_or_else(ApiError::no_route)
}

/// 405 for a verb the kind does not serve, as `server::allow` answers it.
fn allow(kind: &ResourceKind, verb: &str) -> Result<(), ApiError> {
    if kind.verbs.contains(&verb) {
        return Ok(());
    }
    let resource = if kind.group.is_empty() {
        kind.plural.to_string()
    } else {
        format!("{}.{}", kind.plural, kind.group)
    };
    Err(ApiError::method_not_allowed(format!(
        "{verb} is not supported on resources of kind {resource:?}"
    )))
}

/// A valid object of each kind, stored by [`Server::new`].
fn seed(kind: &ResourceKind) -> Value {
    let meta = |labels: Value| {
        let mut m = json!({"name": OBJECT_NAME, "labels": labels});
        if kind.namespaced {
            m["namespace"] = json!(NAMESPACE);
        }
        m
    };
    match (kind.group, kind.kind) {
        ("", "Pod") => json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": meta(json!({"app": "web", "tier": "front", "replica": "3"})),
            "spec": {
                "schedulerName": "mesos",
                "containers": [{
                    "name": "web", "image": "nginx:1.27",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}],
                    "env": [{"name": "MODE", "value": "fuzz"}],
                    "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}},
                }],
                "tolerations": [{"key": "dedicated", "operator": "Exists"}],
            },
        }),
        ("", "ConfigMap") => json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": meta(json!({"app": "web"})),
            "data": {"mode": "fuzz", "level": "3"},
        }),
        ("", "Namespace") => json!({
            "apiVersion": "v1", "kind": "Namespace", "metadata": meta(json!({"team": "fuzz"})),
        }),
        ("", "Node") => json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": meta(json!({"kubernetes.io/hostname": "fuzz", "zone": "a"})),
            "spec": {"taints": [{"key": "dedicated", "value": "fuzz", "effect": "NoSchedule"}]},
        }),
        ("coordination.k8s.io", "Lease") => json!({
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": meta(json!({"app": "web"})),
            "spec": {"holderIdentity": "a", "leaseDurationSeconds": 15},
        }),
        ("", "Event") => json!({
            "apiVersion": "v1", "kind": "Event",
            "metadata": meta(json!({"app": "web"})),
            "involvedObject": {"kind": "Pod", "namespace": NAMESPACE, "name": OBJECT_NAME},
            "reason": "Scheduled", "message": "fuzzed", "type": "Normal",
        }),
        _ => Value::Null,
    }
}

/// What a verb answered: the HTTP status, the JSON body and the `Warning` texts.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub code: u16,
    /// The JSON body.
    pub body: Value,
    /// `Warning` header texts.
    pub warnings: Vec<String>,
}

/// An API server without a listener: the shared state every verb works on, with the limits
/// of [`ApiServerConfig::default`].
#[derive(Debug)]
pub struct Server {
    state: Arc<ApiState>,
    // Kept so the state's shutdown signal never fires.
    _shutdown: tokio::sync::watch::Sender<bool>,
}

impl Default for Server {
    fn default() -> Self {
        Self::new()
    }
}

impl Server {
    /// A server with the initial namespaces and one object named [`OBJECT_NAME`] of every
    /// stored kind, applied by [`SEED_MANAGER`].
    ///
    /// The objects are made through the verbs once per process; each server after that gets
    /// copies of them (same uids, timestamps and resourceVersions), which is far cheaper than
    /// applying them again, and makes every server start exactly alike.
    pub fn new() -> Self {
        static TEMPLATE: OnceLock<Vec<(&'static ResourceKind, Value)>> = OnceLock::new();
        let objects = TEMPLATE.get_or_init(|| Self::seeded().objects());
        let server = Self::empty();
        for (kind, object) in objects {
            if let Err(e) = server.state.store.create(kind, object.clone()) {
                tracing::error!(%e, kind = kind.kind, "cannot copy a fuzzing seed object");
            }
        }
        server
    }

    /// A server without any object, not even the initial namespaces.
    fn empty() -> Self {
        let (shutdown, shutdown_rx) = tokio::sync::watch::channel(false);
        let state = ApiState {
            store: Store::new(limits()),
            settings: settings(),
            shutdown: shutdown_rx,
        };
        Self {
            state: Arc::new(state),
            _shutdown: shutdown,
        }
    }

    /// A server as `ApiServer::start` makes one, with the seed objects applied.
    fn seeded() -> Self {
        let (shutdown, shutdown_rx) = tokio::sync::watch::channel(false);
        let server = Self {
            state: ApiState::new(settings(), limits(), shutdown_rx),
            _shutdown: shutdown,
        };
        let query = format!("fieldManager={SEED_MANAGER}");
        for kind in KINDS {
            let object = seed(kind);
            if object.is_null() {
                continue;
            }
            let body = serde_json::to_vec(&object).unwrap_or_default();
            let applied = server.patch(
                &resource_name(kind),
                false,
                "application/apply-patch+yaml",
                &body,
                &query,
            );
            if let Err(e) = applied {
                tracing::error!(%e, kind = kind.kind, "cannot store the fuzzing seed object");
            }
        }
        server
    }

    /// Every stored object, with a kind of its storage, in the order they were written.
    fn objects(&self) -> Vec<(&'static ResourceKind, Value)> {
        let mut out = Vec::new();
        for kind in namespaced_storages()
            .into_iter()
            .chain(KINDS.iter().filter(|k| !k.namespaced))
        {
            let (items, _) = self.state.store.list(kind, None);
            out.extend(items.iter().map(|o| (kind, Value::clone(o))));
        }
        out.sort_by_key(|(_, o)| {
            o["metadata"]["resourceVersion"]
                .as_str()
                .and_then(|rv| rv.parse::<u64>().ok())
        });
        out
    }

    /// The largest body, and object, the server accepts.
    pub fn max_body_bytes(&self) -> usize {
        self.state.settings.max_body_bytes
    }

    /// What `server::read_body` refuses before any verb runs.
    fn input<'a>(
        &self,
        query: &'a Query,
        content_type: &'a str,
        body: &'a [u8],
        wanted: Wanted,
    ) -> Result<Input<'a>, ApiError> {
        if body.len() > self.max_body_bytes() {
            return Err(ApiError::too_large(self.max_body_bytes()));
        }
        Ok(Input {
            query,
            content_type,
            wanted,
            body,
            user_agent: "fuzz/v0.0.0",
        })
    }

    /// POST to the collection (in [`NAMESPACE`] if namespaced): `write::create`.
    pub fn create(
        &self,
        resource: &str,
        content_type: &str,
        body: &[u8],
        query: &str,
    ) -> Result<Answer, ApiError> {
        let kind = kind(resource)?;
        allow(kind, "create")?;
        let query = Query::parse(Some(query));
        let input = self.input(&query, content_type, body, Wanted::Plain)?;
        let ns = kind.namespaced.then_some(NAMESPACE);
        write::create(&self.state, kind, ns, &input).map(answer)
    }

    /// PUT of the object [`OBJECT_NAME`], or of its status: `write::update`.
    pub fn update(
        &self,
        resource: &str,
        status: bool,
        content_type: &str,
        body: &[u8],
        query: &str,
    ) -> Result<Answer, ApiError> {
        let kind = object_kind(resource, status, "update")?;
        let query = Query::parse(Some(query));
        let input = self.input(&query, content_type, body, Wanted::Plain)?;
        write::update(
            &self.state,
            kind,
            namespace_of(kind),
            OBJECT_NAME,
            &input,
            status,
        )
        .map(answer)
    }

    /// PATCH of the object [`OBJECT_NAME`], or of its status, with any patch type
    /// (`application/apply-patch+yaml` is server-side apply): `write::patch`.
    pub fn patch(
        &self,
        resource: &str,
        status: bool,
        content_type: &str,
        body: &[u8],
        query: &str,
    ) -> Result<Answer, ApiError> {
        let kind = object_kind(resource, status, "patch")?;
        let query = Query::parse(Some(query));
        let input = self.input(&query, content_type, body, Wanted::Plain)?;
        write::patch(
            &self.state,
            kind,
            namespace_of(kind),
            OBJECT_NAME,
            &input,
            status,
        )
        .map(answer)
    }

    /// DELETE of the object [`OBJECT_NAME`] with a `DeleteOptions` body: `delete::delete`.
    pub fn delete(
        &self,
        resource: &str,
        content_type: &str,
        body: &[u8],
        query: &str,
    ) -> Result<Answer, ApiError> {
        let kind = object_kind(resource, false, "delete")?;
        let query = Query::parse(Some(query));
        let input = self.input(&query, content_type, body, Wanted::Plain)?;
        delete::delete(&self.state, kind, namespace_of(kind), OBJECT_NAME, &input).map(answer)
    }

    /// POST of a `Binding` to the pod [`OBJECT_NAME`]: `binding::bind`.
    pub fn bind(&self, content_type: &str, body: &[u8], query: &str) -> Result<Answer, ApiError> {
        let kind = kind("pods")?;
        if !kind.has(Subresource::Binding) {
            return Err(ApiError::no_route());
        }
        let query = Query::parse(Some(query));
        let input = self.input(&query, content_type, body, Wanted::Plain)?;
        binding::bind(&self.state, kind, NAMESPACE, OBJECT_NAME, &input).map(answer)
    }

    /// GET of the collection (in [`NAMESPACE`] if namespaced) with a query string that may
    /// carry `labelSelector` and `fieldSelector`, and an `Accept` header: `read::list`.
    pub fn list(
        &self,
        resource: &str,
        query: &str,
        accept: Option<&str>,
    ) -> Result<Answer, ApiError> {
        let kind = kind(resource)?;
        allow(kind, "list")?;
        let query = Query::parse(Some(query));
        let input = self.input(&query, "", &[], negotiate(accept))?;
        let ns = kind.namespaced.then_some(NAMESPACE);
        read::list(&self.state, kind, ns, &input).map(answer)
    }
}

/// The settings of [`ApiServerConfig::default`], as `ApiServer::start` sets them.
fn settings() -> Settings {
    let config = ApiServerConfig::default();
    Settings {
        max_body_bytes: config.max_body_bytes,
        bookmark_interval: config.bookmark_interval,
        server_address: config.addr.to_string(),
        token: None,
        grace_expiry: config.grace_expiry,
        request_log: None,
    }
}

/// The store limits of [`ApiServerConfig::default`], as `ApiServer::start` sets them.
fn limits() -> StoreLimits {
    let config = ApiServerConfig::default();
    StoreLimits {
        history: config.history,
        history_bytes: config.history_bytes,
        watcher_queue: config.watcher_queue,
        watcher_queue_bytes: config.watcher_queue_bytes,
        max_watchers: config.max_watchers,
        max_object_bytes: config.max_body_bytes,
        max_storage_bytes: config.max_storage_bytes,
    }
}

fn object_kind(
    resource: &str,
    status: bool,
    verb: &str,
) -> Result<&'static ResourceKind, ApiError> {
    let kind = kind(resource)?;
    if status && !kind.has(Subresource::Status) {
        return Err(ApiError::no_route());
    }
    allow(kind, verb)?;
    Ok(kind)
}

fn namespace_of(kind: &ResourceKind) -> &'static str {
    if kind.namespaced { NAMESPACE } else { "" }
}

fn answer(reply: super::response::Reply) -> Answer {
    Answer {
        code: reply.code,
        body: reply.body,
        warnings: reply.warnings,
    }
}

/// Parses a `labelSelector` and a `fieldSelector` for `resource` as a list or watch does, and
/// tells whether they select `object` (as served; matched in its storage form, as lists and
/// watches match).
pub fn select(
    resource: &str,
    label_selector: &str,
    field_selector: &str,
    object: &Value,
) -> Result<bool, ApiError> {
    let kind = kind(resource)?;
    let selectors = Selectors {
        labels: LabelSelector::parse(label_selector)?,
        fields: FieldSelector::parse(field_selector, kind)?,
    };
    Ok(selectors.matches(kind, &stored(kind, object.clone())))
}

/// Parses a request body as the verbs do before they know more than its `Content-Type`
/// (JSON, YAML or protobuf), within the default body limit: `codec::parse_body`.
pub fn parse_body(content_type: &str, body: &[u8]) -> Result<Value, ApiError> {
    let limit = ApiServerConfig::default().max_body_bytes;
    if body.len() > limit {
        return Err(ApiError::too_large(limit));
    }
    super::codec::parse_body(content_type, body, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_stores_one_object_of_every_kind() {
        let server = Server::new();
        for resource in resources() {
            let list = server.list(&resource, "", None).unwrap();
            let names: Vec<&str> = list.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|o| o["metadata"]["name"].as_str())
                .collect();
            assert!(names.contains(&OBJECT_NAME), "{resource}: {names:?}");
        }
        // Every server starts alike.
        assert_eq!(
            Server::new().list("pods", "", None).unwrap().body,
            server.list("pods", "", None).unwrap().body
        );
        let conflict = server
            .patch(
                "pods",
                false,
                "application/apply-patch+yaml",
                b"metadata: {labels: {app: db}}",
                "fieldManager=other",
            )
            .unwrap_err();
        assert_eq!(conflict.code, 409);
        assert_eq!(
            select(
                "pods",
                "app=web",
                "metadata.name=fuzz",
                &seed(kind("pods").unwrap())
            ),
            Ok(true)
        );
    }
    /// Runs `f` on a thread with the stack of a tokio worker (2 MiB), where requests run.
    fn on_worker_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn yaml_alias_bombs_are_refused_by_every_verb() {
        // Regression (found while writing the apiserver_body fuzz target): a 30 KB YAML body
        // whose aliases expanded into 36 million values took the server past 2 GB (that body
        // is in `codec`'s tests). Here a 20 KB string repeated 200 times: 4 MB.
        let bomb = format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: fuzz}}\na: &a {}\nb: [{}]\n",
            "x".repeat(20_000),
            vec!["*a"; 200].join(",")
        );
        let server = Server::new();
        let yaml = "application/yaml";
        let body = bomb.as_bytes();
        let refused = [
            server.create("configmaps", yaml, body, ""),
            server.update("configmaps", false, yaml, body, ""),
            server.delete("configmaps", yaml, body, ""),
            server.bind(yaml, body, ""),
            server.patch(
                "configmaps",
                false,
                "application/apply-patch+yaml",
                body,
                "fieldManager=m",
            ),
        ];
        for result in refused {
            let err = result.unwrap_err();
            assert_eq!((err.code, err.reason), (413, "RequestEntityTooLarge"));
        }
    }

    #[test]
    fn a_json_patch_cannot_overflow_the_stack() {
        // Regression (found while writing the apiserver_patch fuzz target): copies doubling
        // the depth of the pod overflowed a worker thread's stack and aborted the server.
        // `/x`: 100 levels of `{"x": ...}`; each copy of it to its own innermost level
        // doubles the depth.
        let chain = (1..100).fold(json!({}), |inner, _| json!({ "x": inner }));
        let mut ops = vec![json!({"op": "add", "path": "/x", "value": chain})];
        for n in 0..12 {
            let innermost = 100 * 2usize.pow(n);
            ops.push(json!({"op": "copy", "from": "/x", "path": "/x".repeat(innermost + 1)}));
        }
        let body = serde_json::to_vec(&ops).unwrap();
        let err = on_worker_stack(move || {
            let server = Server::new();
            server
                .patch("pods", false, "application/json-patch+json", &body, "")
                .unwrap_err()
        });
        assert_eq!((err.code, err.reason), (422, "Invalid"), "{}", err.message);
    }
}
