//! Watch streams: newline-delimited JSON events over a chunked `application/json` response,
//! from a resourceVersion or the current state, with selectors, bookmarks and a timeout.
//!
//! A watch whose client stops reading while changes keep coming is closed when its queue
//! (`watch_queue`) fills up: the stream ends and its connection is closed, so the socket and
//! its buffers go too, not only the queue and the watcher's place.
//!
//! Event filtering follows the cacher (`kubernetes: staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go`,
//! `convertToWatchEvent`): an object that stops matching the selectors is sent as DELETED.

use std::borrow::Cow;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderValue, Response, header};
use http_body::{Body as HttpBody, Frame};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc};

use super::error::ApiError;
use super::read::{selectors, watch_table};
use super::resources::ResourceKind;
use super::response::{Body, Wanted};
use super::routes::Query;
use super::selectors::Selectors;
use super::state::{ApiState, served};
use super::store::{EventType, StoredEvent, WatchFrom, WatchStart};

/// A response body fed line by line from a channel; it ends when the sender is dropped.
#[derive(Debug)]
struct ChannelBody(mpsc::Receiver<Bytes>);

impl HttpBody for ChannelBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|line| line.map(|b| Ok(Frame::data(b))))
    }
}

/// Closes the connection a request came on, from wherever the request's work goes on (the
/// server adds one to every request's extensions).
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnectionCloser(Arc<Notify>);

impl ConnectionCloser {
    /// Asks the connection to close (now, or as soon as its server waits on [`Self::closed`]).
    pub(crate) fn close(&self) {
        self.0.notify_one();
    }

    /// Resolves once [`Self::close`] was called.
    pub(crate) async fn closed(&self) {
        self.0.notified().await;
    }
}

/// Where a watch writes its lines. A client that stops reading cannot hold the task past the
/// watch's timeout or the server's shutdown, nor once its queue overflowed: every send gives
/// up at any of them.
struct Sink {
    tx: mpsc::Sender<Bytes>,
    deadline: tokio::time::Instant,
    shutdown: tokio::sync::watch::Receiver<bool>,
    /// Turns true when the watcher's queue overflowed.
    overflow: Option<tokio::sync::watch::Receiver<bool>>,
}

impl Sink {
    /// Whether the line was handed to the response body.
    async fn send(&mut self, line: Bytes) -> bool {
        let Self {
            tx,
            deadline,
            shutdown,
            overflow,
        } = self;
        let overflowed = async {
            // The signal's sender lives as long as the queue: an error cannot happen, and
            // would not mean an overflow.
            let fired = match overflow {
                Some(signal) => signal.wait_for(|full| *full).await.is_ok(),
                None => false,
            };
            if !fired {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            sent = tx.send(line) => sent.is_ok(),
            _ = tokio::time::sleep_until(*deadline) => false,
            _ = shutdown.changed() => false,
            () = overflowed => false,
        }
    }
}

/// How a watch encodes each object.
struct Encoder {
    kind: &'static ResourceKind,
    wanted: Wanted,
    headers_sent: bool,
}

impl Encoder {
    fn line(&mut self, event_type: &str, obj: &Value) -> Bytes {
        let mut bytes = Vec::new();
        self.write_line(&mut bytes, event_type, obj);
        Bytes::from(bytes)
    }

    /// Appends one event's line, `{"type":...,"object":...}` and a newline, to `out`; the
    /// object is written from where it is stored, not copied first.
    fn write_line(&mut self, out: &mut Vec<u8>, event_type: &str, obj: &Value) {
        let converted = match (self.wanted, event_type) {
            (_, "BOOKMARK" | "ERROR") | (Wanted::Plain, _) => None,
            (Wanted::Metadata, _) => Some(
                json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": obj["metadata"]}),
            ),
            (Wanted::Table(v), _) => {
                // Column definitions only on the first event, as upstream's watchEmbeddedEncoder.
                let t = watch_table(self.kind, obj, v, !self.headers_sent);
                self.headers_sent = true;
                Some(t)
            }
        };
        let object = converted.as_ref().unwrap_or(obj);
        out.extend_from_slice(b"{\"type\":");
        // Writing JSON into a Vec fails only for maps with non-string keys, which a
        // `Value` cannot hold.
        let _ = serde_json::to_writer(&mut *out, event_type);
        out.extend_from_slice(b",\"object\":");
        let _ = serde_json::to_writer(&mut *out, object);
        out.extend_from_slice(b"}\n");
    }
}

fn bookmark(kind: &ResourceKind, rv: u64, initial_events_end: bool) -> Value {
    let mut meta = json!({"resourceVersion": rv.to_string(), "creationTimestamp": null});
    if initial_events_end {
        meta["annotations"] = json!({"k8s.io/initial-events-end": "true"});
    }
    json!({"kind": kind.kind, "apiVersion": kind.api_version(), "metadata": meta})
}

fn with_rv(obj: &Value, rv: u64) -> Value {
    let mut o = obj.clone();
    o["metadata"]["resourceVersion"] = json!(rv.to_string());
    o
}

/// The event a watcher with these selectors sees for a change, if any, with the object in
/// its served form.
fn convert<'a>(
    kind: &ResourceKind,
    sel: &Selectors,
    ev: &'a StoredEvent,
) -> Option<(&'static str, Cow<'a, Value>)> {
    let cur = ev.kind != EventType::Deleted && sel.matches(kind, &ev.object);
    let old = ev.prev.as_ref().is_some_and(|p| sel.matches(kind, p));
    match (cur, old) {
        (false, false) => None,
        (true, false) => Some(("ADDED", served_cow(kind, &ev.object))),
        (true, true) => Some(("MODIFIED", served_cow(kind, &ev.object))),
        (false, true) => {
            // The previous content, at the change's resourceVersion.
            let prev = ev.prev.as_deref().unwrap_or(&ev.object);
            Some(("DELETED", Cow::Owned(served(kind, &with_rv(prev, ev.rv)))))
        }
    }
}

/// The served form of a stored object, borrowed where it is the stored one.
fn served_cow<'a>(kind: &ResourceKind, stored: &'a Value) -> Cow<'a, Value> {
    if kind.group == "events.k8s.io" {
        Cow::Owned(served(kind, stored))
    } else {
        Cow::Borrowed(stored)
    }
}

/// How many bytes of lines one write to the client may carry when several events are
/// queued: they go out together rather than a write each.
const CHUNK_BYTES: usize = 64 * 1024;

/// Sends the events (type and object) of `lines` as few chunks of lines. Returns false once
/// the client is gone.
async fn send_lines<'a>(
    enc: &mut Encoder,
    sink: &mut Sink,
    lines: Vec<(&'static str, Cow<'a, Value>)>,
) -> bool {
    let mut chunk = Vec::new();
    for (event_type, obj) in lines {
        enc.write_line(&mut chunk, event_type, &obj);
        if chunk.len() >= CHUNK_BYTES {
            let full = std::mem::take(&mut chunk);
            if !sink.send(Bytes::from(full)).await {
                return false;
            }
        }
    }
    chunk.is_empty() || sink.send(Bytes::from(chunk)).await
}

/// Sends what the watcher sees of `events` ([`convert`]), as few chunks of lines.
async fn send_events(
    kind: &ResourceKind,
    sel: &Selectors,
    enc: &mut Encoder,
    sink: &mut Sink,
    events: &[Arc<StoredEvent>],
) -> bool {
    let lines = events
        .iter()
        .filter_map(|ev| convert(kind, sel, ev))
        .collect();
    send_lines(enc, sink, lines).await
}

/// `now + d`, saturating: a huge `timeoutSeconds` means "no timeout", not an overflow.
fn later(d: Duration) -> tokio::time::Instant {
    let now = tokio::time::Instant::now();
    now.checked_add(d)
        .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600))
}

/// Parses `resourceVersion` for a watch.
fn watch_from(query: &Query) -> Result<(WatchFrom, bool), ApiError> {
    let send_initial = match query.get("sendInitialEvents") {
        Some("true") => Some(true),
        Some("false") => Some(false),
        None => None,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "sendInitialEvents: invalid value {other:?}"
            )));
        }
    };
    let rv = query.get("resourceVersion").unwrap_or("");
    if send_initial == Some(true) {
        // kubernetes: staging/src/k8s.io/apimachinery/pkg/apis/meta/internalversion/validation (`ValidateListOptions`).
        if query.get("resourceVersionMatch") != Some("NotOlderThan") {
            return Err(ApiError::invalid("", "ListOptions", "", vec![super::error::StatusCause {
                reason: "FieldValueInvalid",
                message: "Invalid value: \"\": sendInitialEvents requires setting resourceVersionMatch to NotOlderThan".into(),
                field: "resourceVersionMatch".into(),
            }]));
        }
        if !query.flag("allowWatchBookmarks") {
            return Err(ApiError::invalid(
                "",
                "ListOptions",
                "",
                vec![super::error::StatusCause {
                    reason: "FieldValueForbidden",
                    message:
                        "Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true"
                            .into(),
                    field: "allowWatchBookmarks".into(),
                }],
            ));
        }
    }
    let from = match (rv, send_initial) {
        ("" | "0", None | Some(true)) => WatchFrom::Now,
        (_, Some(true)) => WatchFrom::Now,
        ("" | "0", Some(false)) => WatchFrom::Latest,
        (v, _) => WatchFrom::After(v.parse().map_err(|_| {
            ApiError::bad_request(format!(
                "resourceVersion: Invalid value: {v:?}: must be a number"
            ))
        })?),
    };
    Ok((from, send_initial == Some(true)))
}

/// Sends a started watch's events until it ends: its timeout, the server's shutdown, the
/// client leaving, or its queue overflowing.
#[allow(clippy::too_many_arguments)]
async fn stream(
    state: &ApiState,
    kind: &'static ResourceKind,
    sel: &Selectors,
    enc: &mut Encoder,
    sink: &mut Sink,
    start: &mut WatchStart,
    initial_end: bool,
    bookmarks: bool,
) {
    let initial = start
        .initial
        .iter()
        .filter(|obj| sel.matches(kind, obj))
        .map(|obj| ("ADDED", served_cow(kind, obj)))
        .collect();
    if !send_lines(enc, sink, initial).await {
        return;
    }
    if initial_end
        && !sink
            .send(enc.line("BOOKMARK", &bookmark(kind, start.rv, true)))
            .await
    {
        return;
    }
    if !send_events(kind, sel, enc, sink, &start.backlog).await {
        return;
    }
    let interval = state.settings.bookmark_interval;
    let mut next_bookmark = later(interval);
    let deadline = sink.deadline;
    let mut shutdown = state.shutdown.clone();
    loop {
        tokio::select! {
            ev = start.rx.recv() => {
                // None: the store dropped this watcher as too slow.
                let Some(ev) = ev else { return };
                // Whatever queued behind it goes along, in as few writes as it takes.
                let mut events = vec![ev];
                events.extend(start.rx.drain());
                if !send_events(kind, sel, enc, sink, &events).await {
                    return;
                }
            }
            _ = tokio::time::sleep_until(next_bookmark), if bookmarks => {
                next_bookmark = later(interval);
                let (pending, rv) = state.store.drain_for_bookmark(&mut start.rx);
                if !send_events(kind, sel, enc, sink, &pending).await {
                    return;
                }
                if !sink.send(enc.line("BOOKMARK", &bookmark(kind, rv, false))).await {
                    return;
                }
            }
            _ = tokio::time::sleep_until(deadline) => return,
            _ = sink.tx.closed() => return,
            _ = shutdown.changed() => return,
        }
    }
}

/// Starts a watch and answers with its stream; `closer` closes the request's connection when
/// the watch is dropped for not keeping up.
pub(crate) fn watch(
    state: &Arc<ApiState>,
    kind: &'static ResourceKind,
    namespace: Option<&str>,
    query: &Query,
    wanted: Wanted,
    closer: Option<ConnectionCloser>,
) -> Result<Response<Body>, ApiError> {
    let sel = selectors(kind, query)?;
    let (from, initial_end) = watch_from(query)?;
    let bookmarks = query.flag("allowWatchBookmarks");
    let timeout =
        match query.get("timeoutSeconds") {
            Some(t) => Duration::from_secs(t.parse().map_err(|_| {
                ApiError::bad_request(format!("timeoutSeconds: invalid value {t:?}"))
            })?),
            // kube-apiserver picks a random timeout in [minRequestTimeout, 2*minRequestTimeout] (30-60 min).
            None => Duration::from_secs(1800 + u64::from(uuid::Uuid::new_v4().as_bytes()[0]) * 7),
        };
    let ns_filter = namespace
        .or(sel.fields.exact("metadata.namespace"))
        .map(str::to_string);
    // Few serialized lines wait here: the watcher's queue (shared `Arc`s, bounded in events and
    // bytes) is the buffer.
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let mut enc = Encoder {
        kind,
        wanted,
        headers_sent: false,
    };
    let start = state.store.watch(kind, ns_filter.as_deref(), from);
    let state = state.clone();
    tokio::spawn(async move {
        let mut sink = Sink {
            tx,
            deadline: later(timeout),
            shutdown: state.shutdown.clone(),
            overflow: None,
        };
        let mut start = match start {
            Ok(s) => s,
            Err(err) => {
                // A too-old resourceVersion is an ERROR event in a 200 stream, as the cacher answers
                // (`kubernetes: staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go`, `newErrWatcher`).
                sink.send(enc.line("ERROR", &err.to_status())).await;
                return;
            }
        };
        sink.overflow = Some(start.rx.overflow_signal());
        stream(
            &state,
            kind,
            &sel,
            &mut enc,
            &mut sink,
            &mut start,
            initial_end,
            bookmarks,
        )
        .await;
        if start.rx.overflowed() {
            // kubernetes: staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go: the
            // cacher's log line and its `apiserver_terminated_watchers_total` counter, both
            // naming the group resource.
            let resource = if kind.group.is_empty() {
                kind.plural.to_string()
            } else {
                format!("{}.{}", kind.plural, kind.group)
            };
            tracing::warn!("Forcing {resource} watcher close due to unresponsiveness");
            metrics::counter!("apiserver_terminated_watchers_total", "resource" => resource)
                .increment(1);
            // The queue is already empty; what is left of the stream goes now, and with the
            // connection, whatever the client left unread in its buffers.
            drop(start);
            drop(sink);
            if let Some(closer) = closer {
                closer.close();
            }
        }
    });
    let mut resp = Response::new(ChannelBody(rx).boxed());
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, private"),
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::lookup;
    use crate::apiserver::selectors::FieldSelector;
    use std::sync::Arc;

    #[test]
    fn huge_timeouts_do_not_overflow() {
        let far = later(Duration::from_secs(u64::MAX));
        assert!(far > tokio::time::Instant::now());
    }

    #[test]
    fn a_pod_leaving_the_selector_is_deleted_for_the_watcher() {
        let pods = lookup("", "v1", "pods").unwrap();
        let sel = Selectors {
            fields: FieldSelector::parse("spec.nodeName=", pods).unwrap(),
            ..Default::default()
        };
        let before =
            Arc::new(json!({"metadata": {"name": "p", "resourceVersion": "5"}, "spec": {}}));
        let after = Arc::new(
            json!({"metadata": {"name": "p", "resourceVersion": "6"}, "spec": {"nodeName": "n"}}),
        );
        let ev = StoredEvent {
            rv: 6,
            namespace: "default".into(),
            kind: EventType::Modified,
            object: after.clone(),
            prev: Some(before.clone()),
            bytes: 0,
        };
        let (t, obj) = convert(pods, &sel, &ev).unwrap();
        assert_eq!(t, "DELETED");
        assert_eq!(obj["metadata"]["resourceVersion"], "6");
        assert!(obj["spec"].get("nodeName").is_none());
        let back = StoredEvent {
            rv: 7,
            namespace: "default".into(),
            kind: EventType::Modified,
            object: before,
            prev: Some(after),
            bytes: 0,
        };
        assert_eq!(convert(pods, &sel, &back).unwrap().0, "ADDED");
    }
}
