//! The HTTP server: configuration, the accept loop on hyper, authentication, body limits,
//! and dispatch of each request to discovery, OpenAPI, the verbs or a watch.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, Response, header};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use super::discovery;
use super::error::{ApiError, Error};
use super::handlers::Input;
use super::kubeconfig;
use super::openapi;
use super::request_log::{RequestAttributes, RequestLog};
use super::resources::{ResourceKind, Subresource};
use super::response::{self, Body, Reply, negotiate};
use super::routes::{Query, Route, route};
use super::state::{ApiState, Settings};
use super::store::StoreLimits;
use super::tls::TlsIdentity;
use super::watch::{self, ConnectionCloser};
use super::{binding, delete, logs, read, write};

/// How to run the server. Build with [`ApiServerConfig::default`] and the `with_*` methods.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiServerConfig {
    /// Where to listen; port 0 picks a free port. Default `127.0.0.1:0`.
    pub addr: SocketAddr,
    /// Largest request body, and largest object stored (in bytes of compact JSON, whichever
    /// write makes it: create, update, patch, apply, status, binding); more gets 413. Default
    /// 3 MiB as kube-apiserver's request limit.
    pub max_body_bytes: usize,
    /// The most bytes all stored objects may take together (each counted as its compact
    /// JSON); a create or update that would take more is refused as kube-apiserver refuses a
    /// write when etcd is past its space quota (500, "etcdserver: mvcc: database space
    /// exceeded"). Deletions always go through, so a full store can be drained. Default 256 MiB.
    pub max_storage_bytes: usize,
    /// Changes kept per kind for watches from a resourceVersion; default 10 000.
    pub history: usize,
    /// Bytes of changes kept per kind for watches from a resourceVersion (each change counting
    /// the object after and before it); older changes go first, and a watch from before them
    /// gets 410 Gone. Default 32 MiB.
    pub history_bytes: usize,
    /// Events a watcher may have queued before it is dropped; default 1 000.
    pub watcher_queue: usize,
    /// Bytes of events (counted as for `history_bytes`) a watcher may have queued before it is
    /// dropped and its connection closed; default 16 MiB.
    pub watcher_queue_bytes: usize,
    /// Watches open at once; more are refused with 429; default 10 000.
    pub max_watchers: usize,
    /// Connections open at once; more wait to be accepted until one closes; default 10 240.
    pub max_connections: usize,
    /// Bookmark interval for watches that allow them; default 60 s.
    pub bookmark_interval: Duration,
    /// Bearer token every request must carry; default none.
    pub token: Option<BearerToken>,
    /// Serve a non-loopback address without TLS and a token all the same; default false
    /// (see [`ApiServerConfig::with_insecure_remote_access`]).
    pub insecure_remote_access: bool,
    /// Serve HTTPS with this identity; default plain HTTP.
    pub tls: Option<TlsIdentity>,
    /// Remove gracefully deleted pods when their grace ends; default true (see
    /// [`ApiServerConfig::with_grace_expiry`]).
    pub grace_expiry: bool,
    /// Record every answered request here; default none (see
    /// [`ApiServerConfig::with_request_log`]).
    pub request_log: Option<RequestLog>,
}

impl Default for ApiServerConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            max_body_bytes: 3 * 1024 * 1024,
            max_storage_bytes: 256 * 1024 * 1024,
            history: 10_000,
            history_bytes: 32 * 1024 * 1024,
            watcher_queue: 1_000,
            watcher_queue_bytes: 16 * 1024 * 1024,
            max_watchers: 10_000,
            max_connections: 10_240,
            bookmark_interval: Duration::from_secs(60),
            token: None,
            insecure_remote_access: false,
            tls: None,
            grace_expiry: true,
            request_log: None,
        }
    }
}

impl ApiServerConfig {
    /// Listen on this address.
    pub fn with_addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Limit request bodies, and stored objects, to this many bytes.
    pub fn with_max_body_bytes(mut self, n: usize) -> Self {
        self.max_body_bytes = n;
        self
    }

    /// Let all stored objects together take at most this many bytes; writes past it are
    /// refused until something is deleted.
    pub fn with_max_storage_bytes(mut self, n: usize) -> Self {
        self.max_storage_bytes = n;
        self
    }

    /// Keep this many changes for watches.
    pub fn with_history(mut self, n: usize) -> Self {
        self.history = n;
        self
    }

    /// Keep at most this many bytes of changes per kind for watches.
    pub fn with_history_bytes(mut self, n: usize) -> Self {
        self.history_bytes = n;
        self
    }

    /// Drop a watcher that has this many events queued.
    pub fn with_watcher_queue(mut self, n: usize) -> Self {
        self.watcher_queue = n;
        self
    }

    /// Drop a watcher (and close its connection) that has this many bytes of events queued.
    pub fn with_watcher_queue_bytes(mut self, n: usize) -> Self {
        self.watcher_queue_bytes = n;
        self
    }

    /// Refuse watches beyond this many open ones (429).
    pub fn with_max_watchers(mut self, n: usize) -> Self {
        self.max_watchers = n;
        self
    }

    /// Keep at most this many connections open; more clients wait to be accepted until
    /// one closes.
    pub fn with_max_connections(mut self, n: usize) -> Self {
        self.max_connections = n;
        self
    }

    /// Send bookmarks this often.
    pub fn with_bookmark_interval(mut self, d: Duration) -> Self {
        self.bookmark_interval = d;
        self
    }

    /// Serve HTTPS with this identity.
    pub fn with_tls(mut self, identity: TlsIdentity) -> Self {
        self.tls = Some(identity);
        self
    }

    /// Whether the server removes a gracefully deleted pod when its grace period ends
    /// (default true, for tests without a node agent). Off, pods behave as on a real cluster:
    /// they stay Terminating until their node's agent confirms the deletion with grace 0.
    pub fn with_grace_expiry(mut self, expire: bool) -> Self {
        self.grace_expiry = expire;
        self
    }

    /// Record every request the server answers in `log`, with its RBAC attributes and the
    /// client's User-Agent: which permissions a client really uses.
    pub fn with_request_log(mut self, log: RequestLog) -> Self {
        self.request_log = Some(log);
        self
    }

    /// Require `Authorization: Bearer <token>`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(BearerToken(token.into()));
        self
    }

    /// Serve a non-loopback address even without TLS and a bearer token. Without this,
    /// [`ApiServer::start`] refuses such an address ([`Error::InsecureRemote`]): whoever
    /// reaches the port could read and change every object, Secrets included.
    pub fn with_insecure_remote_access(mut self, allow: bool) -> Self {
        self.insecure_remote_access = allow;
        self
    }
}

/// A running API server. [`ApiServer::shutdown`] stops it and waits; dropping it stops it too
/// (no new connections, open watches end).
///
/// ```no_run
/// # async fn run() -> Result<(), k8s_framework::apiserver::Error> {
/// use k8s_framework::apiserver::{ApiServer, ApiServerConfig};
/// let server = ApiServer::start(ApiServerConfig::default()).await?;
/// println!("kubectl --server={} get pods", server.url());
/// server.shutdown().await;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ApiServer {
    addr: SocketAddr,
    state: Arc<ApiState>,
    shutdown: tokio::sync::watch::Sender<bool>,
    task: JoinHandle<()>,
    tls: Option<TlsIdentity>,
}

impl ApiServer {
    /// Binds and starts serving in the background.
    pub async fn start(config: ApiServerConfig) -> Result<Self, Error> {
        if let Some(token) = &config.token {
            token.check()?;
        }
        let protected = config.tls.is_some() && config.token.is_some();
        if !config.addr.ip().is_loopback() && !protected && !config.insecure_remote_access {
            return Err(Error::InsecureRemote { addr: config.addr });
        }
        let acceptor = config.tls.as_ref().map(TlsIdentity::acceptor).transpose()?;
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| Error::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Io {
            doing: "reading the bound address",
            source,
        })?;
        let (shutdown, shutdown_rx) = tokio::sync::watch::channel(false);
        let settings = Settings {
            max_body_bytes: config.max_body_bytes,
            bookmark_interval: config.bookmark_interval,
            server_address: addr.to_string(),
            token: config.token.clone(),
            grace_expiry: config.grace_expiry,
            request_log: config.request_log.clone(),
        };
        let limits = StoreLimits {
            history: config.history,
            history_bytes: config.history_bytes,
            watcher_queue: config.watcher_queue,
            watcher_queue_bytes: config.watcher_queue_bytes,
            max_watchers: config.max_watchers,
            max_object_bytes: config.max_body_bytes,
            max_storage_bytes: config.max_storage_bytes,
        };
        let state = ApiState::new(settings, limits, shutdown_rx.clone());
        let task = tokio::spawn(accept_loop(
            listener,
            acceptor,
            state.clone(),
            config.max_connections,
            shutdown_rx,
        ));
        tracing::info!(%addr, tls = config.tls.is_some(), "Kubernetes API server listening");
        Ok(Self {
            addr,
            state,
            shutdown,
            task,
            tls: config.tls,
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, or `https://` with TLS.
    ///
    /// Bound to every address (`0.0.0.0`, `::`), it names loopback: the URL a client on this
    /// machine reaches it at, and a name the self-signed certificate holds.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        let mut addr = self.addr;
        match addr.ip() {
            std::net::IpAddr::V4(ip) if ip.is_unspecified() => {
                addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into())
            }
            std::net::IpAddr::V6(ip) if ip.is_unspecified() => {
                addr.set_ip(std::net::Ipv6Addr::LOCALHOST.into())
            }
            _ => {}
        }
        format!("{scheme}://{addr}")
    }

    /// A kubeconfig for this server (with its certificate as the CA, and the token, if any).
    pub fn kubeconfig(&self) -> String {
        kubeconfig::render(
            &self.url(),
            self.state.settings.token.as_ref().map(BearerToken::expose),
            self.tls.as_ref().map(TlsIdentity::cert_pem),
        )
    }

    /// Writes [`ApiServer::kubeconfig`] to a file.
    ///
    /// The file is readable by its owner only (mode 0600: it may hold the token), and it is
    /// replaced atomically: the text goes to a new file beside it, which is then renamed over
    /// `path`. A symbolic link at `path` is replaced, never followed.
    pub fn write_kubeconfig(&self, path: &Path) -> Result<(), Error> {
        write_private_file(path, self.kubeconfig().as_bytes()).map_err(|source| {
            Error::WriteKubeconfig {
                path: path.to_path_buf(),
                source,
            }
        })
    }

    /// How many watches are open (for tests): each holds one place of
    /// [`ApiServerConfig::max_watchers`] until it ends or is dropped for not keeping up.
    pub fn watcher_count(&self) -> usize {
        self.state.store.watcher_count()
    }

    /// How many bytes all stored objects take together, as
    /// [`ApiServerConfig::max_storage_bytes`] counts them (for tests).
    pub fn stored_bytes(&self) -> usize {
        self.state.store.stored_bytes()
    }

    /// Stops accepting connections and ends open watches.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        let _ = (&mut self.task).await;
    }

    /// Serves until the process gets SIGINT (Ctrl-C) or SIGTERM.
    pub async fn run_until_ctrl_c(self) -> Result<(), Error> {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .map_err(|source| Error::Io {
                doing: "listening for SIGTERM",
                source,
            })?;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted.map_err(|source| Error::Io {
                doing: "waiting for Ctrl-C",
                source,
            })?,
            _ = term.recv() => {}
        }
        self.shutdown().await;
        Ok(())
    }
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// The first pause after a failed accept; it doubles up to [`ACCEPT_BACKOFF_MAX`].
const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(10);
/// The longest pause after failed accepts.
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);

async fn accept_loop(
    listener: TcpListener,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    state: Arc<ApiState>,
    max_connections: usize,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    // One permit per open connection: past the limit, new clients wait in the listen
    // backlog until a connection closes.
    let permits = Arc::new(tokio::sync::Semaphore::new(max_connections.max(1)));
    let mut backoff = ACCEPT_BACKOFF_MIN;
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = shutdown.changed() => break,
        };
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(s) => s,
                    Err(e) => {
                        // Out of file descriptors, typically: pause rather than spin, and let
                        // the connections there are finish.
                        tracing::warn!(%e, ?backoff, "accept failed; pausing");
                        tokio::select! {
                            () = tokio::time::sleep(backoff) => {}
                            _ = shutdown.changed() => break,
                        }
                        backoff = (backoff * 2).min(ACCEPT_BACKOFF_MAX);
                        continue;
                    }
                };
                backoff = ACCEPT_BACKOFF_MIN;
                let state = state.clone();
                let conn_shutdown = shutdown.clone();
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let _permit = permit;
                    match acceptor {
                        None => serve_connection(stream, state, conn_shutdown).await,
                        Some(acceptor) => {
                            // A client that never finishes its handshake does not hold a task forever.
                            match tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream)).await {
                                Ok(Ok(tls)) => serve_connection(tls, state, conn_shutdown).await,
                                Ok(Err(e)) => tracing::debug!(%e, "TLS handshake failed"),
                                Err(_) => tracing::debug!("TLS handshake timed out"),
                            }
                        }
                    }
                });
            }
            _ = shutdown.changed() => break,
        }
    }
}

async fn serve_connection<IO>(
    io: IO,
    state: Arc<ApiState>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    // A watch dropped for not keeping up closes its connection through this.
    let closer = ConnectionCloser::default();
    let request_closer = closer.clone();
    let service = service_fn(move |mut req: Request<Incoming>| {
        let state = state.clone();
        req.extensions_mut().insert(request_closer.clone());
        async move { Ok::<_, std::convert::Infallible>(handle(state, req).await) }
    });
    // A timer makes hyper's header read timeout (30 s) apply: a client that never finishes its
    // headers does not hold the connection forever.
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .serve_connection(TokioIo::new(io), service);
    tokio::pin!(conn);
    tokio::select! {
        res = conn.as_mut() => {
            if let Err(e) = res {
                tracing::debug!(%e, "connection ended with an error");
            }
        }
        _ = shutdown.changed() => {}
        () = closer.closed() => {
            tracing::debug!("closed the connection of a watch that stopped reading");
        }
    }
}

fn header_str(req: &Request<Incoming>, name: header::HeaderName) -> &str {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn read_body(req: Request<Incoming>, limit: usize) -> Result<Bytes, ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::too_large(limit));
    }
    match Limited::new(req.into_body(), limit).collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e)
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            Err(ApiError::too_large(limit))
        }
        Err(e) => Err(ApiError::bad_request(format!(
            "error reading the request body: {e}"
        ))),
    }
}

/// Answers one request.
async fn handle(state: Arc<ApiState>, req: Request<Incoming>) -> Response<Body> {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let attributes = state.settings.request_log.as_ref().map(|_| {
        RequestAttributes::of(
            &method,
            &path,
            req.uri().query(),
            header_str(&req, header::USER_AGENT),
        )
    });
    let resp = match dispatch(&state, req).await {
        Ok(r) => r,
        Err(e) => response::error(&e),
    };
    tracing::debug!(%method, %path, status = resp.status().as_u16(), "request");
    if let (Some(log), Some(mut attributes)) = (&state.settings.request_log, attributes) {
        attributes.code = resp.status().as_u16();
        log.record(attributes);
    }
    resp
}

/// 405 for a verb the kind does not serve (namespaces have no deletecollection).
fn allow(kind: &ResourceKind, verb: &str, method: &Method) -> Result<(), ApiError> {
    if kind.verbs.contains(&verb) {
        Ok(())
    } else if verb.is_empty() {
        Err(method_not_allowed(method))
    } else {
        // kubernetes: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go (`NewMethodNotSupported`).
        let resource = if kind.group.is_empty() {
            kind.plural.to_string()
        } else {
            format!("{}.{}", kind.plural, kind.group)
        };
        Err(ApiError::method_not_allowed(format!(
            "{verb} is not supported on resources of kind {resource:?}"
        )))
    }
}

fn method_not_allowed(method: &Method) -> ApiError {
    ApiError::method_not_allowed(format!(
        "the server does not allow this method on the requested resource ({method})"
    ))
}

async fn dispatch(
    state: &Arc<ApiState>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    if let Some(token) = &state.settings.token {
        let auth = header_str(&req, header::AUTHORIZATION);
        let given = auth.strip_prefix("Bearer ").map(str::trim).unwrap_or("");
        if !token.matches(given) {
            return Ok(response::json(Reply::with_code(
                401,
                serde_json::json!({
                    "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                    "message": "Unauthorized", "reason": "Unauthorized", "code": 401,
                }),
            )));
        }
    }
    let method = req.method().clone();
    let query = Query::parse(req.uri().query());
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let wanted = negotiate(accept.as_deref());
    let content_type = header_str(&req, header::CONTENT_TYPE).to_string();
    let user_agent = header_str(&req, header::USER_AGENT).to_string();
    let closer = req.extensions().get::<ConnectionCloser>().cloned();
    let r = route(req.uri().path());
    let get_only = |body: Option<serde_json::Value>| -> Result<Response<Body>, ApiError> {
        if method != Method::GET {
            return Err(method_not_allowed(&method));
        }
        match body {
            Some(b) => Ok(response::json(Reply::ok(b))),
            None => Ok(response::text(404, "404 page not found\n")),
        }
    };
    match r {
        Route::Version => get_only(Some(discovery::version())),
        Route::Api | Route::Apis
            if method == Method::GET && discovery::wants_aggregated(accept.as_deref()) =>
        {
            let mut resp =
                response::json(Reply::ok(discovery::aggregated(matches!(r, Route::Api))));
            resp.headers_mut().insert(
                header::CONTENT_TYPE,
                http::HeaderValue::from_static(discovery::AGGREGATED_CONTENT_TYPE),
            );
            resp.headers_mut()
                .insert(header::VARY, http::HeaderValue::from_static("Accept"));
            Ok(resp)
        }
        Route::Api => get_only(Some(discovery::api_versions(
            &state.settings.server_address,
        ))),
        Route::Apis => get_only(Some(discovery::api_group_list())),
        Route::ApiGroup(g) => get_only(discovery::api_group(&g)),
        Route::ApiResources { group, version } => {
            get_only(discovery::api_resource_list(&group, &version))
        }
        Route::OpenApiV2 => {
            if method != Method::GET {
                return Err(method_not_allowed(&method));
            }
            Ok(openapi::v2(
                req.headers()
                    .get(header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            ))
        }
        Route::OpenApiV3Root => get_only(Some(openapi::index())),
        Route::OpenApiV3(path) => get_only(openapi::by_path(&path).cloned()),
        Route::Health => Ok(response::text(200, "ok")),
        Route::NotFound => Ok(response::text(404, "404 page not found\n")),
        Route::UnknownResource => Err(ApiError::no_route()),
        Route::Collection { kind, namespace } => {
            let verb = match method {
                Method::GET if query.flag("watch") => "watch",
                Method::GET => "list",
                Method::POST => "create",
                Method::DELETE => "deletecollection",
                _ => "",
            };
            allow(kind, verb, &method)?;
            let body = read_body(req, state.settings.max_body_bytes).await?;
            let input = Input {
                query: &query,
                content_type: &content_type,
                wanted,
                body: &body,
                user_agent: &user_agent,
            };
            let ns = namespace.as_deref();
            let reply = match method {
                Method::GET if query.flag("watch") => {
                    return watch::watch(state, kind, ns, &query, wanted, closer);
                }
                Method::GET => read::list(state, kind, ns, &input)?,
                Method::POST => write::create(state, kind, ns, &input)?,
                Method::DELETE => delete::delete_collection(state, kind, ns, &input)?,
                _ => return Err(method_not_allowed(&method)),
            };
            Ok(response::json(reply))
        }
        Route::Object {
            kind,
            namespace,
            name,
        } => {
            let verb = match method {
                Method::GET => "get",
                Method::PUT => "update",
                Method::PATCH => "patch",
                Method::DELETE => "delete",
                _ => "",
            };
            allow(kind, verb, &method)?;
            let body = read_body(req, state.settings.max_body_bytes).await?;
            let input = Input {
                query: &query,
                content_type: &content_type,
                wanted,
                body: &body,
                user_agent: &user_agent,
            };
            let reply = match method {
                Method::GET => read::get(state, kind, &namespace, &name, &input)?,
                Method::PUT => write::update(state, kind, &namespace, &name, &input, false)?,
                Method::PATCH => write::patch(state, kind, &namespace, &name, &input, false)?,
                Method::DELETE => delete::delete(state, kind, &namespace, &name, &input)?,
                _ => return Err(method_not_allowed(&method)),
            };
            Ok(response::json(reply))
        }
        Route::Subresource {
            namespace,
            name,
            sub: Subresource::Log,
            ..
        } => {
            // `pods/log` is a GET with options, as kube-apiserver serves a `GetterWithOptions`.
            if method != Method::GET {
                return Err(method_not_allowed(&method));
            }
            logs::pod_log(state, &namespace, &name, &query).await
        }
        Route::Subresource {
            kind,
            namespace,
            name,
            sub,
        } => {
            let body = read_body(req, state.settings.max_body_bytes).await?;
            let input = Input {
                query: &query,
                content_type: &content_type,
                wanted,
                body: &body,
                user_agent: &user_agent,
            };
            let reply = match (sub, method.clone()) {
                (Subresource::Status, Method::GET) => {
                    read::get(state, kind, &namespace, &name, &input)?
                }
                (Subresource::Status, Method::PUT) => {
                    write::update(state, kind, &namespace, &name, &input, true)?
                }
                (Subresource::Status, Method::PATCH) => {
                    write::patch(state, kind, &namespace, &name, &input, true)?
                }
                (Subresource::Binding, Method::POST) => {
                    binding::bind(state, kind, &namespace, &name, &input)?
                }
                _ => return Err(method_not_allowed(&method)),
            };
            Ok(response::json(reply))
        }
    }
}

/// Writes `contents` to `path` as a new owner-only file renamed into place.
fn write_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
    let temporary = path.with_file_name(temporary_name);
    let written = (|| {
        // create_new: O_EXCL, so no existing file or link is opened.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// A bearer token: compared in constant time, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct BearerToken(String);

impl BearerToken {
    /// The token itself (for a kubeconfig).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `given` is this token, in time that does not depend on where they differ
    /// (only whether their lengths do, as Go's `subtle.ConstantTimeCompare`).
    pub fn matches(&self, given: &str) -> bool {
        use subtle::ConstantTimeEq;
        bool::from(self.0.as_bytes().ct_eq(given.as_bytes()))
    }

    /// A token must be a non-empty header value of printable ASCII without spaces.
    fn check(&self) -> Result<(), Error> {
        if self.0.is_empty() {
            return Err(Error::Token("is empty"));
        }
        if !self.0.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::Token(
                "holds characters other than printable ASCII (no spaces)",
            ));
        }
        Ok(())
    }
}

impl std::fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BearerToken(<redacted>)")
    }
}
