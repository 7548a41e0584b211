//! HTTP/1.1 pipelining for one lane of calls: requests are written back to back on one
//! connection without waiting for the answers, which come back in the order the requests
//! were written (RFC 9112 §9.3.2), and are matched to their calls in that order.
//!
//! This is how a lane keeps hundreds of acknowledgements in flight over one connection rather
//! than one round trip at a time: hyper's HTTP/1 client does not pipeline. Both peers serve
//! pipelined requests: libprocess queues each connection's responses in request order
//! (`mesos: 3rdparty/libprocess/src/process.cpp`, `HttpProxy`), and so does hyper's server
//! (mesos-sim). The order of one lane's calls is kept: they are written in the order they
//! were queued, on one connection at a time.
//!
//! A peer that answers with `Connection: close` processes nothing written after that
//! request: those calls go again on a new connection. When a connection fails otherwise (an
//! I/O error, the peer gone, an unreadable answer, an answer late past the call timeout), the
//! oldest call unanswered fails, as a call on a broken connection fails on the other paths:
//! the peer may have taken it, and it may be what the peer could not take, so it is not sent
//! again. The calls behind it go again on a new connection (in order): the calls sent this
//! way are acknowledgements, which Mesos takes twice without harm (the agent ignores one for
//! an update no longer at the front of its stream), and a call behind a failure is not lost.

use std::collections::VecDeque;
use std::sync::Arc;

use bytes::{Buf, Bytes, BytesMut};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TryRecvError;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::error::Error;
use crate::transport::call_lanes::{Job, complete};
use crate::transport::call_queue::{MAX_ERROR_BODY, MAX_RESPONSE_BODY, count_call};
use crate::transport::connector::Stream;
use crate::transport::post::RequestTemplate;
use crate::transport::{CallResponse, CallTarget};

/// Calls written on one connection and not yet answered, at most.
const MAX_IN_FLIGHT: usize = 256;
/// Bytes of requests gathered for one write, at most.
const MAX_WRITE: usize = 256 * 1024;
/// Longest response head (status line and headers) read.
const MAX_HEAD: usize = 64 * 1024;
/// Most headers a response may have.
const MAX_HEADERS: usize = 64;

/// Runs one pipelined lane until `stop` fires or every sender is gone: connects at the first
/// call, and again after the connection ends.
pub(crate) async fn run_lane(
    target: Arc<CallTarget>,
    template: Arc<Result<RequestTemplate, String>>,
    mut jobs: mpsc::UnboundedReceiver<Job>,
    stop: CancellationToken,
    after_failure: &'static str,
) {
    let authority = target.endpoint.authority();
    let head = template.as_ref().as_ref().map(RequestTemplate::head);
    // Calls to write first on the next connection.
    let mut queued: VecDeque<Job> = VecDeque::new();
    loop {
        if queued.is_empty() {
            let job = tokio::select! {
                biased;
                _ = stop.cancelled() => return,
                job = jobs.recv() => match job {
                    Some(job) => job,
                    None => return,
                },
            };
            queued.push_back(job);
        }
        let head = match &head {
            Ok(head) => head,
            Err(reason) => {
                // The lane's request cannot be written at all (a header value HTTP cannot
                // carry): every call fails with the reason.
                let error = |call| Error::Http {
                    call,
                    endpoint: authority.clone(),
                    source: String::from(reason.as_str()).into(),
                };
                fail(queued.drain(..), error, after_failure);
                continue;
            }
        };
        let connecting = tokio::time::timeout(
            target.call_timeout,
            target.connector.connect_stream(&target.endpoint),
        );
        let stream = tokio::select! {
            biased;
            _ = stop.cancelled() => return,
            stream = connecting => stream,
        };
        let stream = match stream {
            Ok(Ok(stream)) => stream,
            Ok(Err(error)) => {
                // The calls waiting fail with the reason (a connection error, as each would
                // have failed on its own); later ones try a new connection.
                let reason = match &error {
                    Error::Connect { source, .. } => source.to_string(),
                    other => other.to_string(),
                };
                let error = |_call| Error::Connect {
                    endpoint: authority.clone(),
                    source: reason.clone().into(),
                };
                fail(queued.drain(..), error, after_failure);
                continue;
            }
            Err(_) => {
                let error = |call| Error::Timeout {
                    call,
                    endpoint: authority.clone(),
                    after: target.call_timeout,
                };
                fail(queued.drain(..), error, after_failure);
                continue;
            }
        };
        let mut connection = Connection {
            target: &target,
            authority: &authority,
            head,
            after_failure,
            in_flight: VecDeque::new(),
            answer: Answer::default(),
        };
        match connection
            .drive(stream, &mut jobs, std::mem::take(&mut queued), &stop)
            .await
        {
            Ended::Stopped => return,
            Ended::Reconnect(left) => queued = left,
        }
    }
}

/// A call written on the connection, waiting for its answer.
struct InFlight {
    job: Job,
    written: Instant,
}

/// How a connection ended.
enum Ended {
    /// The lane stops.
    Stopped,
    /// The connection is done; these calls were not written or not processed by the peer,
    /// and go on the next one.
    Reconnect(VecDeque<Job>),
}

/// One connection of a lane.
struct Connection<'a> {
    target: &'a CallTarget,
    authority: &'a str,
    head: &'a [u8],
    after_failure: &'static str,
    in_flight: VecDeque<InFlight>,
    answer: Answer,
}

impl Connection<'_> {
    /// Writes calls and reads their answers until the connection ends or the lane stops.
    async fn drive(
        &mut self,
        stream: Stream,
        jobs: &mut mpsc::UnboundedReceiver<Job>,
        mut queued: VecDeque<Job>,
        stop: &CancellationToken,
    ) -> Ended {
        let (mut reader, mut writer) = tokio::io::split(stream);
        let mut out = BytesMut::new();
        let mut input = BytesMut::with_capacity(16 * 1024);
        let mut unflushed = false;
        let mut senders_gone = false;
        loop {
            // Everything waiting is written together, as room allows.
            while self.in_flight.len() < MAX_IN_FLIGHT && out.len() < MAX_WRITE {
                let job = match queued.pop_front() {
                    Some(job) => job,
                    None => match jobs.try_recv() {
                        Ok(job) => job,
                        Err(TryRecvError::Empty) => break,
                        Err(TryRecvError::Disconnected) => {
                            senders_gone = true;
                            break;
                        }
                    },
                };
                self.write_request(job, &mut out);
            }
            if self.in_flight.is_empty() && out.is_empty() {
                if senders_gone {
                    return Ended::Stopped;
                }
                // Idle: the connection is kept for the next call. A peer that closes it
                // meanwhile (or says anything unasked) ends it, before a call is written.
                tokio::select! {
                    biased;
                    _ = stop.cancelled() => return Ended::Stopped,
                    job = jobs.recv() => match job {
                        Some(job) => queued.push_back(job),
                        None => return Ended::Stopped,
                    },
                    _ = reader.read_buf(&mut input) => return Ended::Reconnect(queued),
                }
                continue;
            }
            let deadline = self
                .in_flight
                .front()
                .map(|f| f.written + self.target.call_timeout);
            let room = !senders_gone && out.is_empty() && self.in_flight.len() < MAX_IN_FLIGHT;
            let late = tokio::time::sleep_until(deadline.unwrap_or_else(Instant::now));
            tokio::select! {
                biased;
                _ = stop.cancelled() => return Ended::Stopped,
                read = reader.read_buf(&mut input), if !self.in_flight.is_empty() => {
                    match read {
                        Ok(0) if self.answer.until_close() => {
                            // An answer whose body runs to the end of the connection ends
                            // here, and, as with `Connection: close`, nothing written after
                            // its request was processed.
                            let body = input.split().freeze();
                            let status = self.answer.status;
                            self.answered(status, body);
                            self.requeue(&mut queued);
                            return Ended::Reconnect(queued);
                        }
                        Ok(0) => {
                            self.broken_because("the peer closed the connection", &mut queued);
                            return Ended::Reconnect(queued);
                        }
                        Ok(_) => {}
                        Err(error) => {
                            let reason = format!("reading the answers failed: {error}");
                            self.broken_because(&reason, &mut queued);
                            return Ended::Reconnect(queued);
                        }
                    }
                    loop {
                        match self.answer.read(&mut input) {
                            Ok(Some((status, body, close))) => {
                                self.answered(status, body);
                                if close {
                                    // The peer processes nothing written after that request.
                                    self.requeue(&mut queued);
                                    return Ended::Reconnect(queued);
                                }
                                if self.in_flight.is_empty() {
                                    if !input.is_empty() {
                                        let reason = "the peer answered a call not made";
                                        self.broken_because(reason, &mut queued);
                                        return Ended::Reconnect(queued);
                                    }
                                    break;
                                }
                            }
                            Ok(None) => break,
                            Err(reason) => {
                                let reason = format!("unreadable answer: {reason}");
                                self.broken_because(&reason, &mut queued);
                                return Ended::Reconnect(queued);
                            }
                        }
                    }
                }
                sent = send(&mut writer, &mut out), if !out.is_empty() || unflushed => match sent {
                    Ok(Sent::Wrote(n)) if n > 0 => unflushed = true,
                    Ok(Sent::Flushed) => unflushed = false,
                    Ok(Sent::Wrote(_)) => {
                        let reason = "the connection would take no more bytes";
                        self.broken_because(reason, &mut queued);
                        return Ended::Reconnect(queued);
                    }
                    Err(error) => {
                        let reason = format!("writing the calls failed: {error}");
                        self.broken_because(&reason, &mut queued);
                        return Ended::Reconnect(queued);
                    }
                },
                job = jobs.recv(), if room => {
                    match job {
                        Some(job) => queued.push_back(job),
                        None => senders_gone = true,
                    }
                }
                () = late, if deadline.is_some() => {
                    let call = self.in_flight.front().map_or("call", |f| f.job.name);
                    let error = Error::Timeout {
                        call,
                        endpoint: self.authority.to_string(),
                        after: self.target.call_timeout,
                    };
                    self.broken(error, &mut queued);
                    return Ended::Reconnect(queued);
                }
            }
        }
    }

    /// Appends `job`'s request to `out` and counts it in flight (a call whose caller stopped
    /// waiting is dropped unsent).
    fn write_request(&mut self, job: Job, out: &mut BytesMut) {
        if job.reply.as_ref().is_some_and(|r| r.is_closed()) {
            return;
        }
        out.extend_from_slice(self.head);
        out.extend_from_slice(itoa::Buffer::new().format(job.body.len()).as_bytes());
        out.extend_from_slice(b"\r\n\r\n");
        out.extend_from_slice(&job.body);
        self.in_flight.push_back(InFlight {
            job,
            written: Instant::now(),
        });
    }

    /// The answer to the oldest call in flight has come.
    fn answered(&mut self, status: u16, body: Bytes) {
        let Some(InFlight { job, .. }) = self.in_flight.pop_front() else {
            return;
        };
        let result = if (200..300).contains(&status) {
            Ok(CallResponse { status, body })
        } else {
            let body = &body[..body.len().min(MAX_ERROR_BODY)];
            Err(Error::Status {
                call: job.name,
                endpoint: self.authority.to_string(),
                status,
                body: String::from_utf8_lossy(body).into_owned(),
            })
        };
        complete(job, result, self.after_failure);
    }

    /// The connection broke: the oldest call unanswered fails with `error`, and the calls
    /// behind it go again, in order, ahead of `queued` (see the module's documentation).
    fn broken(&mut self, error: Error, queued: &mut VecDeque<Job>) {
        if let Some(InFlight { job, .. }) = self.in_flight.pop_front() {
            complete(job, Err(error), self.after_failure);
        }
        self.requeue(queued);
    }

    /// The calls in flight go again, in order, ahead of `queued`.
    fn requeue(&mut self, queued: &mut VecDeque<Job>) {
        for f in self.in_flight.drain(..).rev() {
            queued.push_front(f.job);
        }
    }

    /// [`Connection::broken`], with an HTTP error saying `reason`.
    fn broken_because(&mut self, reason: &str, queued: &mut VecDeque<Job>) {
        let call = self.in_flight.front().map_or("call", |f| f.job.name);
        let error = Error::Http {
            call,
            endpoint: self.authority.to_string(),
            source: reason.to_string().into(),
        };
        self.broken(error, queued);
    }
}

/// What one step of writing did.
enum Sent {
    /// Wrote this many bytes of the requests.
    Wrote(usize),
    /// Flushed what was written (TLS keeps written bytes until flushed).
    Flushed,
}

/// Writes some of `out`, or flushes once it is all written. Cancel-safe, as both steps are.
async fn send<W: tokio::io::AsyncWrite + Unpin>(
    writer: &mut W,
    out: &mut BytesMut,
) -> std::io::Result<Sent> {
    if out.is_empty() {
        writer.flush().await.map(|()| Sent::Flushed)
    } else {
        writer.write_buf(out).await.map(Sent::Wrote)
    }
}

/// Fails `jobs` with the error `error` makes for each: callers waiting get it, background
/// calls are logged together, in one line.
fn fail(
    jobs: impl Iterator<Item = Job>,
    error: impl Fn(&'static str) -> Error,
    after_failure: &'static str,
) {
    let mut background: Option<(&'static str, usize, Error)> = None;
    for job in jobs {
        count_call(job.name, false);
        match job.reply {
            Some(reply) => {
                let _ = reply.send(Err(error(job.name)));
            }
            None => match &mut background {
                Some((_, count, _)) => *count += 1,
                None => background = Some((job.name, 1, error(job.name))),
            },
        }
    }
    if let Some((call, count, error)) = background {
        tracing::warn!(call, count, %error, "background calls failed; {after_failure}");
    }
}

/// How the body of the answer being read ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyEnd {
    /// After this many more bytes.
    Length(usize),
    /// With the last chunk of a chunked body.
    Chunked,
    /// With the connection.
    Close,
}

/// The answer being read: nothing of it yet, or its head, and its body so far.
#[derive(Debug, Default)]
struct Answer {
    /// The head's status; 0 while the head is not read.
    status: u16,
    end: Option<BodyEnd>,
    close: bool,
    /// A chunked body's data so far.
    chunks: BytesMut,
    /// The chunked body's last chunk is read: its trailer section is left.
    trailers: bool,
}

impl Answer {
    fn until_close(&self) -> bool {
        self.end == Some(BodyEnd::Close)
    }

    /// Reads an answer from `input` once it is all there: its status, body, and whether the
    /// peer closes the connection after it. `Ok(None)`: more bytes are needed.
    fn read(&mut self, input: &mut BytesMut) -> Result<Option<(u16, Bytes, bool)>, String> {
        if self.end.is_none() && !self.read_head(input)? {
            return Ok(None);
        }
        let body = match self.end {
            Some(BodyEnd::Length(len)) => {
                if input.len() < len {
                    return Ok(None);
                }
                input.split_to(len).freeze()
            }
            Some(BodyEnd::Chunked) => match self.read_chunks(input)? {
                true => self.chunks.split().freeze(),
                false => return Ok(None),
            },
            Some(BodyEnd::Close) | None => return Ok(None),
        };
        let answer = (self.status, body, self.close);
        *self = Answer::default();
        Ok(Some(answer))
    }

    /// Reads the status line and headers (skipping interim `1xx` answers); false while they
    /// are not all there.
    fn read_head(&mut self, input: &mut BytesMut) -> Result<bool, String> {
        loop {
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut response = httparse::Response::new(&mut headers);
            let len = match response.parse(input) {
                Ok(httparse::Status::Complete(len)) => len,
                Ok(httparse::Status::Partial) if input.len() > MAX_HEAD => {
                    return Err(format!("a response head longer than {MAX_HEAD} bytes"));
                }
                Ok(httparse::Status::Partial) => return Ok(false),
                Err(error) => return Err(error.to_string()),
            };
            let status = response.code.unwrap_or_default();
            let mut length: Option<usize> = None;
            let mut chunked = false;
            // HTTP/1.0 closes unless asked to keep the connection.
            let mut close = response.version == Some(0);
            for header in response.headers.iter() {
                let value = std::str::from_utf8(header.value)
                    .map_err(|_| format!("header {} is not text", header.name))?
                    .trim();
                if header.name.eq_ignore_ascii_case("content-length") {
                    let parsed: usize = value
                        .parse()
                        .map_err(|_| format!("Content-Length {value:?} is not a length"))?;
                    if length.is_some_and(|l| l != parsed) {
                        return Err("two different Content-Length headers".into());
                    }
                    length = Some(parsed);
                } else if header.name.eq_ignore_ascii_case("transfer-encoding") {
                    chunked = value
                        .rsplit(',')
                        .next()
                        .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"));
                } else if header.name.eq_ignore_ascii_case("connection") {
                    for token in value.split(',').map(str::trim) {
                        if token.eq_ignore_ascii_case("close") {
                            close = true;
                        } else if token.eq_ignore_ascii_case("keep-alive") {
                            close = false;
                        }
                    }
                }
            }
            input.advance(len);
            if (100..200).contains(&status) {
                // An interim answer; the final one follows.
                continue;
            }
            let end = if status == 204 || status == 304 {
                BodyEnd::Length(0)
            } else if chunked {
                BodyEnd::Chunked
            } else if let Some(length) = length {
                if length > MAX_RESPONSE_BODY {
                    return Err(format!(
                        "a body of {length} bytes, more than {MAX_RESPONSE_BODY}"
                    ));
                }
                BodyEnd::Length(length)
            } else {
                close = true;
                BodyEnd::Close
            };
            self.status = status;
            self.end = Some(end);
            self.close = close;
            return Ok(true);
        }
    }

    /// Reads the chunks of a chunked body into `chunks`; true once the last chunk and the
    /// trailer section are read.
    fn read_chunks(&mut self, input: &mut BytesMut) -> Result<bool, String> {
        loop {
            if self.trailers {
                // Trailer fields, then an empty line; only their end matters.
                if input.starts_with(b"\r\n") {
                    input.advance(2);
                    return Ok(true);
                }
                match find(input, b"\r\n\r\n") {
                    Some(at) => {
                        input.advance(at + 4);
                        return Ok(true);
                    }
                    None if input.len() > MAX_HEAD => {
                        return Err("trailers longer than a response head may be".into());
                    }
                    None => return Ok(false),
                }
            }
            let (line, size) = match httparse::parse_chunk_size(input) {
                Ok(httparse::Status::Complete(found)) => found,
                Ok(httparse::Status::Partial) => return Ok(false),
                Err(_) => return Err("a malformed chunk size".into()),
            };
            if size == 0 {
                input.advance(line);
                self.trailers = true;
                continue;
            }
            let size = usize::try_from(size)
                .ok()
                .filter(|s| self.chunks.len().saturating_add(*s) <= MAX_RESPONSE_BODY)
                .ok_or_else(|| format!("a chunked body of more than {MAX_RESPONSE_BODY} bytes"))?;
            if input.len() < line + size + 2 {
                return Ok(false);
            }
            if &input[line + size..line + size + 2] != b"\r\n" {
                return Err("a chunk not followed by CRLF".into());
            }
            self.chunks.extend_from_slice(&input[line..line + size]);
            input.advance(line + size + 2);
        }
    }
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(answer: &mut Answer, wire: &[u8]) -> Vec<(u16, Bytes, bool)> {
        let mut input = BytesMut::from(wire);
        let mut out = Vec::new();
        while let Some(found) = answer.read(&mut input).expect("readable") {
            out.push(found);
        }
        assert!(input.is_empty(), "left over: {input:?}");
        out
    }

    use std::time::Duration;

    use mesos_proto::v1::scheduler::{Call, call};
    use prost::Message;
    use tokio::net::{TcpListener, TcpStream};

    use crate::endpoint::Endpoint;
    use crate::transport::call_lanes::CallLanes;
    use crate::transport::{Connector, Encoding};

    fn ack(task: &str) -> Call {
        Call {
            r#type: Some(call::Type::Acknowledge as i32),
            acknowledge: Some(call::Acknowledge {
                agent_id: mesos_proto::v1::AgentId { value: "a".into() },
                task_id: mesos_proto::v1::TaskId { value: task.into() },
                uuid: vec![1; 16].into(),
            }),
            ..Default::default()
        }
    }

    fn lanes(port: u16) -> CallLanes<Call> {
        CallLanes::start(
            CallTarget {
                connector: Connector::new(None, Duration::from_secs(5)).expect("connector"),
                endpoint: Endpoint::new("127.0.0.1", port, false),
                path: "/api/v1/scheduler".into(),
                headers: vec![("Mesos-Stream-Id", "s-1".into())],
                encoding: Encoding::Protobuf,
                credentials: None,
                call_timeout: Duration::from_secs(30),
            },
            1,
            1024,
            true,
            "the agent sends the update again",
            tracing::Span::none(),
        )
    }

    /// Reads requests from `stream` until `count` have come, returning each one's task id
    /// (and checking the headers every call carries).
    async fn read_requests(stream: &mut TcpStream, count: usize) -> Vec<String> {
        let mut input = BytesMut::new();
        let mut tasks = Vec::new();
        while tasks.len() < count {
            let mut headers = [httparse::EMPTY_HEADER; 16];
            let mut request = httparse::Request::new(&mut headers);
            if let httparse::Status::Complete(len) = request.parse(&input).expect("a request") {
                assert_eq!(request.method, Some("POST"));
                assert_eq!(request.path, Some("/api/v1/scheduler"));
                let header = |name: &str| {
                    request
                        .headers
                        .iter()
                        .find(|h| h.name.eq_ignore_ascii_case(name))
                        .map(|h| String::from_utf8_lossy(h.value).into_owned())
                };
                assert_eq!(header("mesos-stream-id").as_deref(), Some("s-1"));
                assert_eq!(
                    header("content-type").as_deref(),
                    Some("application/x-protobuf")
                );
                let length: usize = header("content-length").expect("a length").parse().unwrap();
                if input.len() >= len + length {
                    let call = Call::decode(&input[len..len + length]).expect("a call");
                    tasks.push(call.acknowledge.expect("an ack").task_id.value);
                    input.advance(len + length);
                    continue;
                }
            }
            assert_ne!(
                stream.read_buf(&mut input).await.expect("read"),
                0,
                "closed early"
            );
        }
        tasks
    }

    fn answer(task: &str, close: bool) -> String {
        let connection = if close { "Connection: close\r\n" } else { "" };
        match task {
            // One refusal among them, with its reason.
            "t7" => {
                format!("HTTP/1.1 400 Bad Request\r\n{connection}Content-Length: 8\r\n\r\nbad uuid")
            }
            _ => format!(
                "HTTP/1.1 200 OK\r\n{connection}Content-Length: {}\r\n\r\n{task}",
                task.len()
            ),
        }
    }

    /// The peer reads every call before it answers any: only a lane that writes its calls
    /// without waiting for answers gets them all answered. Each caller gets its own call's
    /// answer (they come back in the order the calls were written).
    #[tokio::test]
    async fn a_lane_writes_its_calls_without_waiting_for_answers() {
        const CALLS: usize = 40;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let peer = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.expect("accept");
            let tasks = read_requests(&mut stream, CALLS).await;
            let answers: String = tasks.iter().map(|t| answer(t, false)).collect();
            stream.write_all(answers.as_bytes()).await.expect("write");
            tasks
        });
        let lanes = lanes(port);
        let calls = (0..CALLS).map(|i| {
            let lanes = lanes.clone();
            async move {
                // One lane: the calls queue in the order they are made.
                tokio::task::yield_now().await;
                (i, lanes.call(0, ack(&format!("t{i}")), "ACKNOWLEDGE").await)
            }
        });
        let answers = tokio::time::timeout(
            Duration::from_secs(20),
            futures_util::future::join_all(calls),
        )
        .await
        .expect("every call answered while the peer read them all first");
        for (i, answer) in answers {
            match answer {
                Ok(response) if i != 7 => {
                    assert_eq!(response.body, format!("t{i}").as_bytes(), "call {i}")
                }
                Err(Error::Status { status, body, .. }) if i == 7 => {
                    assert_eq!((status, body.as_str()), (400, "bad uuid"))
                }
                other => panic!("call {i}: {other:?}"),
            }
        }
        let mut tasks = peer.await.expect("peer");
        tasks.sort();
        assert_eq!(tasks.len(), CALLS);
    }

    /// A peer that answers `Connection: close` processes nothing written after that call: the
    /// calls behind it go again, in order, on a new connection, and all are answered.
    #[tokio::test]
    async fn calls_behind_a_closing_answer_go_again_on_a_new_connection() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let peer = tokio::spawn(async move {
            let (mut first, _) = listener.accept().await.expect("accept");
            let written = read_requests(&mut first, 5).await;
            // Answers two, the second closing; the three behind are not processed.
            let answers = format!(
                "{}{}",
                answer(&written[0], false),
                answer(&written[1], true)
            );
            first.write_all(answers.as_bytes()).await.expect("write");
            drop(first);
            answer_on_the_next_connection(&listener, 3).await;
        });
        each_call_gets_its_own_answer(&lanes(port), 5).await;
        peer.abort();
    }

    /// An answer whose body runs to the end of the connection is one the peer closes after:
    /// its caller gets the body, and the calls written behind it go again on a new one.
    #[tokio::test]
    async fn calls_behind_an_answer_ended_by_the_close_go_again() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let peer = tokio::spawn(async move {
            let (mut first, _) = listener.accept().await.expect("accept");
            read_requests(&mut first, 3).await;
            first
                .write_all(b"HTTP/1.1 200 OK\r\n\r\nt0")
                .await
                .expect("write");
            drop(first);
            answer_on_the_next_connection(&listener, 2).await;
        });
        each_call_gets_its_own_answer(&lanes(port), 3).await;
        peer.abort();
    }

    /// Accepts the lane's next connection, answers the `count` calls read on it, and keeps it
    /// open until the test ends (the lane must not need it closed).
    async fn answer_on_the_next_connection(listener: &TcpListener, count: usize) {
        let (mut stream, _) = listener.accept().await.expect("accept again");
        let tasks = read_requests(&mut stream, count).await;
        let answers: String = tasks.iter().map(|t| answer(t, false)).collect();
        stream.write_all(answers.as_bytes()).await.expect("write");
        std::future::pending::<()>().await;
    }

    /// Makes `count` calls, in order, on one lane, and checks that call `i` gets the answer
    /// for task `t{i}`.
    async fn each_call_gets_its_own_answer(lanes: &CallLanes<Call>, count: usize) {
        let mut calls = Vec::new();
        for i in 0..count {
            let lanes = lanes.clone();
            calls.push(tokio::spawn(async move {
                lanes.call(0, ack(&format!("t{i}")), "ACKNOWLEDGE").await
            }));
            // In order on the lane.
            tokio::task::yield_now().await;
        }
        for (i, call) in calls.into_iter().enumerate() {
            let response = tokio::time::timeout(Duration::from_secs(20), call)
                .await
                .expect("answered in time")
                .expect("task")
                .unwrap_or_else(|e| panic!("call {i}: {e}"));
            assert_eq!(response.body, format!("t{i}").as_bytes());
        }
    }

    #[test]
    fn answers_back_to_back_are_read_in_order() {
        let wire = b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n\
            HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nbad uuid!!!\
            HTTP/1.1 100 Continue\r\n\r\n\
            HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nX-T: 1\r\n\r\n\
            HTTP/1.1 204 No Content\r\n\r\n\
            HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nConnection: close\r\n\r\n";
        let answers = read_all(&mut Answer::default(), wire);
        let summary: Vec<(u16, &[u8], bool)> = answers
            .iter()
            .map(|(s, b, c)| (*s, b.as_ref(), *c))
            .collect();
        assert_eq!(
            summary,
            [
                (202, &b""[..], false),
                (400, &b"bad uuid!!!"[..], false),
                (200, &b"abcde"[..], false),
                (204, &b""[..], false),
                (202, &b""[..], true),
            ]
        );
    }

    #[test]
    fn an_answer_split_anywhere_reads_the_same() {
        let wire: &[u8] = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\
            4\r\nwxyz\r\n0\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok";
        for split in 0..=wire.len() {
            let mut answer = Answer::default();
            let mut input = BytesMut::from(&wire[..split]);
            let mut found = Vec::new();
            while let Some(a) = answer.read(&mut input).expect("readable") {
                found.push(a);
            }
            input.extend_from_slice(&wire[split..]);
            while let Some(a) = answer.read(&mut input).expect("readable") {
                found.push(a);
            }
            let bodies: Vec<&[u8]> = found.iter().map(|(_, b, _)| b.as_ref()).collect();
            assert_eq!(bodies, [&b"wxyz"[..], &b"ok"[..]], "split at {split}");
        }
    }

    #[test]
    fn unreadable_answers_are_errors() {
        for wire in [
            &b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            b"SPDY/3 200 OK\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY",
            b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n",
        ] {
            let mut input = BytesMut::from(wire);
            assert!(
                Answer::default().read(&mut input).is_err(),
                "{:?}",
                String::from_utf8_lossy(wire)
            );
        }
        // A head that never ends is refused past the limit rather than buffered.
        let mut input = BytesMut::from(&b"HTTP/1.1 200 OK\r\n"[..]);
        input.extend(std::iter::repeat_n(b'a', MAX_HEAD + 1));
        assert!(Answer::default().read(&mut input).is_err());
    }

    #[test]
    fn a_body_without_length_runs_to_the_close() {
        let mut answer = Answer::default();
        let mut input = BytesMut::from(&b"HTTP/1.1 200 OK\r\n\r\npartial"[..]);
        assert_eq!(answer.read(&mut input).expect("readable"), None);
        assert!(answer.until_close());
        assert_eq!(&input[..], b"partial");
    }
}
