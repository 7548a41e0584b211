//! The executor's kubelet-compatible log endpoint:
//! `GET /containerLogs/{namespace}/{pod}/{container}` with the kubelet's query parameters
//! (`follow`, `previous`, `tailLines`, `sinceSeconds`, `sinceTime`, `timestamps`,
//! `limitBytes`, and the legacy `tail`), answered as the kubelet answers it
//! (`kubernetes: pkg/kubelet/server/server.go` `getContainerLogs`,
//! `pkg/kubelet/kubelet_pods.go` `validateContainerLogStatus`,
//! `pkg/kubelet/kuberuntime/logs/logs.go` `ReadLogs`), so the API server reaches it as
//! kube-apiserver reaches a kubelet: the Node's `status.daemonEndpoints.kubeletEndpoint.Port`
//! on its address.
//!
//! It is read-only and plain HTTP, without the kubelet's authentication: whoever reaches the
//! agent's port reads the logs of its pods.
//!
//! Which run's log: each run of a container writes `logs/<container>/<n>.log` in the pod's
//! directory, `n` being the run's restart count (the kubelet's layout,
//! `/var/log/pods/<ns>_<name>_<uid>/<container>/<restartCount>.log`). The run is chosen from
//! the container's status as the kubelet chooses it (the running one, else the one that ended
//! last; `previous` is the last terminated one) and found through its container id
//! (`k8sm://<uid>/<container>/<n>`); when an id does not name a run, the highest-numbered log
//! is the current one and the one below it the previous.
//!
//! What differs from the kubelet, because the logs are the processes' raw output and carry no
//! time per line (a CRI runtime stamps every line as it writes it):
//! - `timestamps=true` prefixes each line with the time the executor *read* it, not the time
//!   it was written; for lines already in the file that is the request's time;
//! - `sinceSeconds`/`sinceTime` leave out a log last written before that time, and show a
//!   log written since then whole.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::SeekFrom;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderValue, Method, Request, Response, StatusCode, header};
use http_body::Frame;
use http_body_util::BodyExt;
use http_body_util::combinators::BoxBody;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use k8s_openapi::api::core::v1::{ContainerStatus, PodStatus};
use k8s_openapi::jiff::Timestamp;
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

use crate::pod_task::{KUBELET_PORT_ENV, PodTask};

/// How often a follower looks for new bytes in a log at its end. The kubelet waits on
/// inotify with a 5 s state check (`kuberuntime/logs/logs.go` `waitLogs`); a short poll of
/// one file is as cheap and needs no watcher.
const FOLLOW_POLL: Duration = Duration::from_millis(100);

/// How many pods that ended stay readable (the kubelet keeps them until the pod object is
/// deleted, which the executor never learns); the oldest ended ones go first.
const ENDED_KEPT: usize = 256;

/// How much of a log is read and sent at once.
const CHUNK: usize = 32 * 1024;

/// What the endpoint knows of one pod.
#[derive(Debug)]
struct Entry {
    uid: String,
    dir: PathBuf,
    containers: Vec<String>,
    status: watch::Receiver<PodStatus>,
    /// Registration order, to drop the oldest ended pods first.
    seq: u64,
}

impl Entry {
    /// Whether the pod's supervisor is gone (its status can no longer change).
    fn ended(&self) -> bool {
        self.status.has_changed().is_err()
    }
}

#[derive(Debug, Default)]
struct Inner {
    pods: HashMap<(String, String), Entry>,
    next: u64,
}

/// The pods whose logs the endpoint serves, by namespace and name; shared by the executor's
/// launches (which add) and the endpoint (which reads).
#[derive(Debug, Clone, Default)]
pub struct PodLogs {
    inner: Arc<Mutex<Inner>>,
}

/// A pod about to start, as the endpoint will know it: taken from its task before the task
/// moves into the pod's supervisor.
#[derive(Debug, Clone)]
pub struct LogSource {
    key: (String, String),
    uid: String,
    dir: PathBuf,
    /// App and init containers, the names the kubelet accepts (`GetContainerSpec`).
    containers: Vec<String>,
}

impl LogSource {
    /// The pod of `task`, whose directory is under `sandbox` (see [`super::pod_dir`]).
    pub fn new(task: &PodTask, sandbox: &Path) -> LogSource {
        let meta = &task.pod.metadata;
        let containers = task
            .pod
            .spec
            .as_ref()
            .map(|s| {
                s.containers
                    .iter()
                    .chain(s.init_containers.iter().flatten())
                    .map(|c| c.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        LogSource {
            key: (
                meta.namespace.clone().unwrap_or_else(|| "default".into()),
                meta.name.clone().unwrap_or_default(),
            ),
            uid: meta.uid.clone().unwrap_or_default(),
            dir: super::pod_dir(sandbox, task),
            containers,
        }
    }
}

impl PodLogs {
    /// Makes the logs of `source` readable; `status` is the pod's status as it changes (it
    /// says which run is current, and when a followed run ends). A pod of the same namespace
    /// and name replaces the one before it, as a re-created pod replaces its predecessor on a
    /// kubelet.
    pub fn add(&self, source: LogSource, status: watch::Receiver<PodStatus>) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        let seq = inner.next;
        inner.next += 1;
        inner.pods.insert(
            source.key,
            Entry {
                uid: source.uid,
                dir: source.dir,
                containers: source.containers,
                status,
                seq,
            },
        );
        let mut ended: Vec<(u64, (String, String))> = inner
            .pods
            .iter()
            .filter(|(_, e)| e.ended())
            .map(|(k, e)| (e.seq, k.clone()))
            .collect();
        if ended.len() > ENDED_KEPT {
            ended.sort();
            for (_, key) in ended.iter().take(ended.len() - ENDED_KEPT) {
                inner.pods.remove(key);
            }
        }
    }

    fn lookup(&self, namespace: &str, name: &str) -> Option<Found> {
        let inner = self.inner.lock().ok()?;
        let entry = inner.pods.get(&(namespace.to_string(), name.to_string()))?;
        Some(Found {
            uid: entry.uid.clone(),
            dir: entry.dir.clone(),
            containers: entry.containers.clone(),
            status: entry.status.clone(),
        })
    }
}

/// A pod found for a request, copied out of the lock.
struct Found {
    uid: String,
    dir: PathBuf,
    containers: Vec<String>,
    status: watch::Receiver<PodStatus>,
}

/// Where the endpoint should listen, from the environment the agent gave the executor: the
/// port in [`KUBELET_PORT_ENV`], on `LIBPROCESS_IP` when the agent set one (the address the
/// agent itself uses), else on the agent endpoint's address (`MESOS_AGENT_ENDPOINT`), else on
/// every address. `None` without a port.
pub fn listen_address() -> Option<SocketAddr> {
    let port: u16 = std::env::var(KUBELET_PORT_ENV).ok()?.trim().parse().ok()?;
    let libprocess = std::env::var("LIBPROCESS_IP")
        .ok()
        .and_then(|ip| ip.trim().parse::<IpAddr>().ok());
    let agent = std::env::var("MESOS_AGENT_ENDPOINT")
        .ok()
        .and_then(|endpoint| endpoint.trim().parse::<SocketAddr>().ok())
        .map(|a| a.ip());
    let ip = libprocess
        .or(agent)
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    Some(SocketAddr::new(ip, port))
}

/// Starts the endpoint in the background on [`listen_address`], if the executor was given a
/// port. A port still in use (a previous executor on its way out) is retried every second;
/// the executor runs its pods either way.
pub fn start(pods: PodLogs) -> Option<tokio::task::JoinHandle<()>> {
    let addr = listen_address()?;
    Some(tokio::spawn(async move {
        let mut warned = false;
        loop {
            match TcpListener::bind(addr).await {
                Ok(listener) => {
                    tracing::info!(%addr, "serving container logs");
                    serve(listener, pods).await;
                    return;
                }
                Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                    if !warned {
                        tracing::warn!(%addr, %error, "the log port is in use; retrying");
                        warned = true;
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(error) => {
                    tracing::error!(%addr, %error, "cannot serve container logs");
                    return;
                }
            }
        }
    }))
}

/// Serves the endpoint on `listener`, for ever.
pub async fn serve(listener: TcpListener, pods: PodLogs) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                tracing::warn!(%error, "accepting a log connection failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let pods = pods.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let pods = pods.clone();
                async move { Ok::<_, Infallible>(handle(&pods, req).await) }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service);
            if let Err(error) = conn.await {
                tracing::debug!(%error, "log connection ended with an error");
            }
        });
    }
}

type Body = BoxBody<Bytes, Infallible>;

/// A plain-text answer, as go-restful's `WriteError` writes the kubelet's errors.
fn text(code: StatusCode, message: impl Into<String>) -> Response<Body> {
    let mut resp = Response::new(http_body_util::Full::new(Bytes::from(message.into())).boxed());
    *resp.status_mut() = code;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// A response body fed from a channel; it ends when the sender is dropped.
struct ChannelBody(mpsc::Receiver<Bytes>);

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|b| b.map(|b| Ok(Frame::data(b))))
    }
}

/// The kubelet's `PodLogOptions`, as its query decodes them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Options {
    follow: bool,
    previous: bool,
    timestamps: bool,
    since_seconds: Option<i64>,
    since_time: Option<Timestamp>,
    tail_lines: Option<i64>,
    limit_bytes: Option<i64>,
}

/// Percent-decodes a query component (`+` is a space).
fn decode(text: &str) -> String {
    // `+` first: a `%2B` decodes to a plus that stays one.
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Go's query-to-bool conversion: absent is false, `0` and `false` (any case) are false,
/// anything else, even empty, is true (`apimachinery: pkg/runtime/conversion.go`
/// `Convert_Slice_string_To_bool`).
fn go_bool(value: Option<&str>) -> bool {
    value.is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// Go's query-to-`*int64`: empty is unset (`Convert_Slice_string_To_Pointer_int64`).
fn go_int(value: Option<&str>) -> Result<Option<i64>, ()> {
    match value {
        None | Some("") => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| ()),
    }
}

impl Options {
    /// Decodes the query; `Err` when a value does not parse.
    fn parse(query: Option<&str>) -> Result<Options, ()> {
        let pairs: Vec<(String, String)> = query
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let mut tail = get("tailLines");
        // The kubelet's backwards compatibility: `tail` stands for `tailLines`, `all` for none.
        if let Some(legacy) = get("tail").filter(|t| !t.is_empty()) {
            tail = if legacy == "all" { None } else { Some(legacy) };
        }
        let since_time = match get("sinceTime") {
            None | Some("") => None,
            Some(t) => Some(t.parse::<Timestamp>().map_err(|_| ())?),
        };
        Ok(Options {
            follow: go_bool(get("follow")),
            previous: go_bool(get("previous")),
            timestamps: go_bool(get("timestamps")),
            since_seconds: go_int(get("sinceSeconds"))?,
            since_time,
            tail_lines: go_int(tail)?,
            limit_bytes: go_int(get("limitBytes"))?,
        })
    }

    /// `ValidatePodLogOptions` (`kubernetes: pkg/apis/core/v1/validation/validation.go`).
    fn valid(&self) -> bool {
        self.tail_lines.is_none_or(|n| n >= 0)
            && self.limit_bytes.is_none_or(|n| n >= 1)
            && !(self.since_seconds.is_some() && self.since_time.is_some())
            && self.since_seconds.is_none_or(|n| n >= 1)
    }

    /// The earliest time a shown log may have been written.
    fn since(&self) -> Option<SystemTime> {
        if let Some(seconds) = self.since_seconds {
            let back = Duration::from_secs(u64::try_from(seconds).unwrap_or(0));
            return SystemTime::now().checked_sub(back);
        }
        let t = self.since_time?;
        let seconds = u64::try_from(t.as_second()).ok()?;
        let nanos = u32::try_from(t.subsec_nanosecond()).unwrap_or(0);
        SystemTime::UNIX_EPOCH.checked_add(Duration::new(seconds, nanos))
    }
}

/// Answers one request.
async fn handle(pods: &PodLogs, req: Request<Incoming>) -> Response<Body> {
    if req.method() != Method::GET {
        // `GETOnlyRestfulFilter`.
        let mut resp = text(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
        resp.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET"));
        return resp;
    }
    let segments: Vec<String> = req
        .uri()
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(decode)
        .collect();
    let [root, namespace, pod, container] = segments.as_slice() else {
        return text(StatusCode::NOT_FOUND, "404 page not found");
    };
    if root != "containerLogs" {
        return text(StatusCode::NOT_FOUND, "404 page not found");
    }
    let Ok(options) = Options::parse(req.uri().query()) else {
        return text(
            StatusCode::BAD_REQUEST,
            r#"{"message": "Unable to decode query."}"#,
        );
    };
    if !options.valid() {
        return text(
            StatusCode::UNPROCESSABLE_ENTITY,
            r#"{"message": "Invalid request."}"#,
        );
    }
    let Some(found) = pods.lookup(namespace, pod) else {
        return text(StatusCode::NOT_FOUND, format!("pod {pod:?} does not exist"));
    };
    if !found.containers.iter().any(|c| c == container) {
        return text(
            StatusCode::NOT_FOUND,
            format!("container {container:?} not found in pod {pod:?}"),
        );
    }
    let status = found.status.borrow().clone();
    let id = match log_container_id(pod, &status, container, options.previous) {
        Ok(id) => id,
        Err(message) => return text(StatusCode::BAD_REQUEST, message),
    };
    let run = match run_of(&id, &found.uid, container) {
        Some(run) => run,
        None => match run_from_files(&found.dir, container, options.previous) {
            Some(run) => run,
            None if options.previous => {
                return text(
                    StatusCode::BAD_REQUEST,
                    format!("previous terminated container {container:?} in pod {pod:?} not found"),
                );
            }
            None => {
                return text(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "container {container:?} in pod {pod:?} is waiting to start - no logs yet"
                    ),
                );
            }
        },
    };
    let path = super::log_path(&found.dir, container, run);
    let file = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(error) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!(
                    "failed to open log file {:?}: {error}",
                    path.display().to_string()
                ),
            );
        }
    };
    let (tx, rx) = mpsc::channel(8);
    let follow = Follow {
        status: found.status,
        container: container.clone(),
        id,
        run,
    };
    tokio::spawn(async move {
        if let Err(error) = stream(file, &path, &options, follow, tx).await {
            tracing::debug!(path = %path.display(), %error, "reading a log failed");
        }
    });
    let mut resp = Response::new(ChannelBody(rx).boxed());
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// The status of container `name`, app or init.
fn container_status<'a>(status: &'a PodStatus, name: &str) -> Option<&'a ContainerStatus> {
    status
        .container_statuses
        .iter()
        .flatten()
        .chain(status.init_container_statuses.iter().flatten())
        .find(|c| c.name == name)
}

/// The container id whose log to read: the kubelet's `validateContainerLogStatus`, word for
/// word in its errors.
fn log_container_id(
    pod: &str,
    status: &PodStatus,
    container: &str,
    previous: bool,
) -> Result<String, String> {
    let Some(c) = container_status(status, container) else {
        return Err(format!(
            "container {container:?} in pod {pod:?} is not available"
        ));
    };
    let last = c
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref())
        .and_then(|t| t.container_id.clone())
        .filter(|id| !id.is_empty());
    let last_terminated = c
        .last_state
        .as_ref()
        .is_some_and(|s| s.terminated.is_some());
    let state = c.state.clone().unwrap_or_default();
    let terminated_with_id = |cause: &str| -> Result<String, String> {
        last.clone()
            .ok_or_else(|| format!("container {container:?} in pod {pod:?} is {cause}"))
    };
    if previous {
        return last.clone().ok_or_else(|| {
            format!("previous terminated container {container:?} in pod {pod:?} not found")
        });
    }
    if state.running.is_some() {
        return Ok(c.container_id.clone().unwrap_or_default());
    }
    if let Some(terminated) = &state.terminated {
        // A container whose next run did not start has no id of its own: its log is the
        // last run's.
        return match terminated.container_id.clone().filter(|id| !id.is_empty()) {
            Some(id) => Ok(id),
            None => terminated_with_id("terminated"),
        };
    }
    if last_terminated {
        return terminated_with_id("terminated");
    }
    if let Some(waiting) = &state.waiting {
        let reason = waiting.reason.clone().unwrap_or_default();
        return Err(format!(
            "container {container:?} in pod {pod:?} is waiting to start: {reason}"
        ));
    }
    Err(format!(
        "container {container:?} in pod {pod:?} is waiting to start - no logs yet"
    ))
}

/// The run a container id names: the executor's ids are `k8sm://<uid>/<container>/<run>`.
fn run_of(id: &str, uid: &str, container: &str) -> Option<i32> {
    let rest = id.strip_prefix("k8sm://")?.strip_prefix(uid)?;
    let run = rest
        .strip_prefix('/')?
        .strip_prefix(container)?
        .strip_prefix('/')?;
    run.parse().ok().filter(|n: &i32| *n >= 0)
}

/// The run from the log files alone: the highest-numbered, or for `previous` the one below.
fn run_from_files(dir: &Path, container: &str, previous: bool) -> Option<i32> {
    let logs = super::log_path(dir, container, 0);
    let folder = logs.parent()?;
    let mut runs: Vec<i32> = std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".log")?.parse().ok()
        })
        .collect();
    runs.sort_unstable();
    let current = runs.pop()?;
    if previous {
        runs.contains(&(current - 1)).then_some(current - 1)
    } else {
        Some(current)
    }
}

/// What says whether the followed run goes on.
struct Follow {
    status: watch::Receiver<PodStatus>,
    container: String,
    id: String,
    run: i32,
}

impl Follow {
    /// Whether the run may still write: it is the container's running run.
    fn running(&self) -> bool {
        if self.status.has_changed().is_err() {
            return false;
        }
        let status = self.status.borrow();
        let Some(c) = container_status(&status, &self.container) else {
            return false;
        };
        let running = c.state.as_ref().is_some_and(|s| s.running.is_some());
        running
            && (c.container_id.as_deref() == Some(self.id.as_str())
                || (self.id.is_empty() && c.restart_count == self.run))
    }

    /// Resolves when the pod's status changes (or can no longer change), or after
    /// [`FOLLOW_POLL`], whichever comes first.
    async fn wait(&mut self) {
        tokio::select! {
            _ = self.status.changed() => {}
            _ = tokio::time::sleep(FOLLOW_POLL) => {}
        }
    }
}

/// Writes what the request shows into the response's channel: `limitBytes` counts what is
/// sent, timestamps included, as the kubelet's `LimitedWriter` does.
struct Sink {
    tx: mpsc::Sender<Bytes>,
    left: Option<u64>,
    timestamps: bool,
    line_start: bool,
}

impl Sink {
    /// Sends `data`; false once nothing more may be sent (the limit, or the client left).
    async fn send(&mut self, data: &[u8]) -> bool {
        if data.is_empty() {
            return true;
        }
        let mut out = Vec::with_capacity(data.len());
        if self.timestamps {
            // The read time, as RFC 3339 with nanoseconds, as the kubelet writes a CRI
            // line's own time (`time.RFC3339Nano`).
            let stamp = format!("{} ", crate::quantity::now());
            for &byte in data {
                if self.line_start {
                    out.extend_from_slice(stamp.as_bytes());
                }
                out.push(byte);
                self.line_start = byte == b'\n';
            }
        } else {
            out.extend_from_slice(data);
        }
        let mut done = false;
        if let Some(left) = self.left.as_mut() {
            let room = usize::try_from(*left).unwrap_or(usize::MAX);
            if out.len() >= room {
                out.truncate(room);
                done = true;
            }
            *left -= out.len() as u64;
        }
        if !out.is_empty() && self.tx.send(Bytes::from(out)).await.is_err() {
            return false;
        }
        !done
    }
}

/// Where the last `lines` whole lines of `file` start; an unfinished last line is not counted
/// and so is always shown (`kubernetes: pkg/util/tail/tail.go` `FindTailLineStartIndex`).
async fn tail_start(file: &mut tokio::fs::File, lines: u64) -> std::io::Result<u64> {
    let size = file.seek(SeekFrom::End(0)).await?;
    let mut right = size;
    let mut count: u64 = 0;
    let mut block = Vec::new();
    let mut left = size;
    while right > 0 && count <= lines {
        left = right.saturating_sub(CHUNK as u64);
        let len = usize::try_from(right - left).unwrap_or(CHUNK);
        block = vec![0; len];
        file.seek(SeekFrom::Start(left)).await?;
        file.read_exact(&mut block).await?;
        count += block.iter().filter(|b| **b == b'\n').count() as u64;
        right = left;
    }
    // Drop whole lines from the front of the last block read until `lines` are left.
    let mut skip = 0;
    while count > lines {
        match block[skip..].iter().position(|b| *b == b'\n') {
            Some(i) => {
                skip += i + 1;
                count -= 1;
            }
            None => break,
        }
    }
    Ok(left + skip as u64)
}

/// Streams the log of one run: from where `tailLines` and the since-time put the start, to
/// its end, and with `follow` on as the run writes, until the run ends. A follower goes on
/// into the new file when the log at `path` is rotated (`super::rotate`), as the kubelet's
/// follower reopens a rotated CRI log.
async fn stream(
    mut file: tokio::fs::File,
    path: &Path,
    options: &Options,
    mut follow: Follow,
    tx: mpsc::Sender<Bytes>,
) -> std::io::Result<()> {
    let size = file.metadata().await?.len();
    let written = file.metadata().await?.modified().ok();
    let stale = match (options.since(), written) {
        (Some(since), Some(written)) => written < since,
        _ => false,
    };
    let start = if stale {
        size
    } else {
        match options.tail_lines {
            Some(n) => tail_start(&mut file, u64::try_from(n).unwrap_or(0)).await?,
            None => 0,
        }
    };
    file.seek(SeekFrom::Start(start)).await?;
    let mut sink = Sink {
        tx,
        left: options.limit_bytes.map(|n| u64::try_from(n).unwrap_or(0)),
        timestamps: options.timestamps,
        line_start: true,
    };
    let mut buf = vec![0; CHUNK];
    loop {
        // Whether the run was over before this read: then what the read finds is the last.
        let over = !options.follow || !follow.running();
        loop {
            let n = file.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            if !sink.send(&buf[..n]).await {
                return Ok(());
            }
        }
        if options.follow && rotated(&file, path).await {
            // Everything of the old file has been read above: go on with the new one.
            if let Ok(next) = tokio::fs::File::open(path).await {
                file = next;
                continue;
            }
        }
        if over {
            return Ok(());
        }
        tokio::select! {
            _ = follow.wait() => {}
            // The client went away: stop reading for it.
            _ = sink.tx.closed() => return Ok(()),
        }
    }
}

/// Whether `path` names another file than `file` now (the log was rotated away).
async fn rotated(file: &tokio::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata().await, tokio::fs::metadata(path).await) {
        (Ok(open), Ok(named)) => (open.dev(), open.ino()) != (named.dev(), named.ino()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{
        ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting,
    };

    fn status(state: ContainerState, last: Option<ContainerState>, id: &str) -> PodStatus {
        PodStatus {
            container_statuses: Some(vec![ContainerStatus {
                name: "main".into(),
                state: Some(state),
                last_state: last,
                container_id: Some(id.into()),
                ..Default::default()
            }]),
            ..Default::default()
        }
    }

    fn terminated(id: &str) -> ContainerState {
        ContainerState {
            terminated: Some(ContainerStateTerminated {
                container_id: Some(id.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn the_run_is_chosen_as_the_kubelet_chooses_it() {
        let running = ContainerState {
            running: Some(ContainerStateRunning::default()),
            ..Default::default()
        };
        let s = status(running.clone(), None, "k8sm://u/main/0");
        assert_eq!(
            log_container_id("p", &s, "main", false).as_deref(),
            Ok("k8sm://u/main/0")
        );
        assert_eq!(
            log_container_id("p", &s, "main", true),
            Err(r#"previous terminated container "main" in pod "p" not found"#.into())
        );
        let s = status(
            running,
            Some(terminated("k8sm://u/main/0")),
            "k8sm://u/main/1",
        );
        assert_eq!(
            log_container_id("p", &s, "main", true).as_deref(),
            Ok("k8sm://u/main/0")
        );
        // In back-off: the current log is the run that ended.
        let waiting = ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: Some("CrashLoopBackOff".into()),
                message: None,
            }),
            ..Default::default()
        };
        let s = status(waiting.clone(), Some(terminated("k8sm://u/main/0")), "");
        assert_eq!(
            log_container_id("p", &s, "main", false).as_deref(),
            Ok("k8sm://u/main/0")
        );
        let s = status(waiting, None, "");
        assert_eq!(
            log_container_id("p", &s, "main", false),
            Err(r#"container "main" in pod "p" is waiting to start: CrashLoopBackOff"#.into())
        );
        assert_eq!(
            log_container_id("p", &s, "other", false),
            Err(r#"container "other" in pod "p" is not available"#.into())
        );
        assert_eq!(run_of("k8sm://u/main/3", "u", "main"), Some(3));
        assert_eq!(run_of("k8sm://u/other/3", "u", "main"), None);
        assert_eq!(run_of("docker://abc", "u", "main"), None);
    }

    #[test]
    fn the_kubelets_query() {
        let o = Options::parse(Some(
            "follow=true&tailLines=10&sinceTime=2024-01-02T03%3A04%3A05Z",
        ))
        .unwrap();
        assert!(o.follow && !o.previous);
        assert_eq!(o.tail_lines, Some(10));
        assert_eq!(o.since_time.map(|t| t.as_second()), Some(1_704_164_645));
        assert!(o.valid(), "{o:?}");
        assert_eq!(Options::parse(Some("tail=all")).unwrap().tail_lines, None);
        assert_eq!(Options::parse(Some("tail=3")).unwrap().tail_lines, Some(3));
        assert!(Options::parse(Some("previous=1")).unwrap().previous);
        assert!(!Options::parse(Some("previous=False")).unwrap().previous);
        assert!(Options::parse(Some("limitBytes=x")).is_err());
        assert!(!Options::parse(Some("limitBytes=0")).unwrap().valid());
        assert!(!Options::parse(Some("tailLines=-1")).unwrap().valid());
        assert!(!Options::parse(Some("sinceSeconds=0")).unwrap().valid());
        assert!(
            !Options::parse(Some("sinceSeconds=5&sinceTime=2024-01-02T03:04:05Z"))
                .unwrap()
                .valid()
        );
    }

    #[tokio::test]
    async fn tail_counts_whole_lines_from_the_end() {
        let dir = std::env::temp_dir().join(format!("k8sm-tail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.log");
        std::fs::write(&path, "a\nb\nc\npartial").unwrap();
        let mut file = tokio::fs::File::open(&path).await.unwrap();
        assert_eq!(tail_start(&mut file, 0).await.unwrap(), 6);
        assert_eq!(tail_start(&mut file, 1).await.unwrap(), 4);
        assert_eq!(tail_start(&mut file, 3).await.unwrap(), 0);
        assert_eq!(tail_start(&mut file, 10).await.unwrap(), 0);
        std::fs::write(&path, "a\nb\n").unwrap();
        let mut file = tokio::fs::File::open(&path).await.unwrap();
        assert_eq!(tail_start(&mut file, 1).await.unwrap(), 2);
        assert_eq!(tail_start(&mut file, 0).await.unwrap(), 4);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
