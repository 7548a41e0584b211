//! Test helpers: a small hyper client for calls and SUBSCRIBE streams, event decoding in both
//! encodings, and waiting for conditions with a deadline (never sleeping as synchronisation).

#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use mesos_sdk::recordio::RecordIoReader;
use mesos_sdk::v1::scheduler::{Call, Event, call, event};
use mesos_sdk::v1::{FrameworkId, FrameworkInfo};
use prost::Message;
use tokio::net::TcpStream;

/// The two encodings, as media types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    Json,
    Protobuf,
}

impl Enc {
    pub fn media(self) -> &'static str {
        match self {
            Enc::Json => "application/json",
            Enc::Protobuf => "application/x-protobuf",
        }
    }

    pub fn encode_call(self, call: &Call) -> Vec<u8> {
        match self {
            Enc::Json => mesos_sdk::json::to_vec(call).expect("encode JSON call"),
            Enc::Protobuf => call.encode_to_vec(),
        }
    }

    pub fn decode_event(self, bytes: &[u8]) -> Event {
        match self {
            Enc::Json => mesos_sdk::json::from_slice(bytes).expect("decode JSON event"),
            Enc::Protobuf => Event::decode(bytes).expect("decode protobuf event"),
        }
    }
}

/// A complete response.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn connect(base: &str) -> hyper::client::conn::http1::SendRequest<Full<Bytes>> {
    let authority = base.trim_start_matches("http://").to_string();
    let stream = TcpStream::connect(&authority).await.expect("connect");
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    sender
}

/// Sends one request on a fresh connection and returns the response head and streaming body.
pub async fn send(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> http::Response<Incoming> {
    let mut sender = connect(base).await;
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("Host", base.trim_start_matches("http://"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Full::new(Bytes::from(body))).expect("request");
    sender.send_request(request).await.expect("send request")
}

/// Sends one request and reads the whole response.
pub async fn request(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Reply {
    let response = send(base, method, path, headers, body).await;
    let (parts, body) = response.into_parts();
    let body = tokio::time::timeout(Duration::from_secs(10), body.collect())
        .await
        .expect("response body in time")
        .expect("response body")
        .to_bytes();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// Sends a non-SUBSCRIBE call with the stream id.
pub async fn call(base: &str, enc: Enc, stream_id: &str, call: &Call) -> Reply {
    request(
        base,
        "POST",
        "/api/v1/scheduler",
        &[
            ("Content-Type", enc.media()),
            ("Mesos-Stream-Id", stream_id),
        ],
        enc.encode_call(call),
    )
    .await
}

/// A FrameworkInfo with the required fields.
pub fn framework_info(name: &str) -> FrameworkInfo {
    FrameworkInfo {
        user: "tester".into(),
        name: name.into(),
        ..Default::default()
    }
}

/// A SUBSCRIBE call for `info` (its id, if any, is also put in `Call.framework_id`).
pub fn subscribe_call(info: FrameworkInfo) -> Call {
    Call {
        framework_id: info.id.clone(),
        r#type: Some(call::Type::Subscribe as i32),
        subscribe: Some(call::Subscribe {
            framework_info: info,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A call of `kind` for a framework, without payload.
pub fn bare_call(framework_id: &str, kind: call::Type) -> Call {
    Call {
        framework_id: Some(FrameworkId {
            value: framework_id.into(),
        }),
        r#type: Some(kind as i32),
        ..Default::default()
    }
}

/// An open SUBSCRIBE stream.
pub struct Subscription {
    pub enc: Enc,
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub stream_id: String,
    pub framework_id: String,
    body: Incoming,
    reader: RecordIoReader,
    ended: bool,
}

impl Subscription {
    /// Subscribes `info` and reads SUBSCRIBED (panics on anything else).
    pub async fn open(base: &str, enc: Enc, info: FrameworkInfo) -> Subscription {
        let mut subscription = Subscription::start(base, enc, &subscribe_call(info)).await;
        assert_eq!(subscription.status, StatusCode::OK);
        let event = subscription.next().await.expect("SUBSCRIBED");
        assert_eq!(event.r#type(), event::Type::Subscribed, "{event:?}");
        subscription.framework_id = event
            .subscribed
            .expect("subscribed payload")
            .framework_id
            .value;
        subscription
    }

    /// Sends a SUBSCRIBE call and returns the stream without reading events.
    pub async fn start(base: &str, enc: Enc, call: &Call) -> Subscription {
        let response = send(
            base,
            "POST",
            "/api/v1/scheduler",
            &[("Content-Type", enc.media()), ("Accept", enc.media())],
            enc.encode_call(call),
        )
        .await;
        let (parts, body) = response.into_parts();
        let stream_id = parts
            .headers
            .get("Mesos-Stream-Id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        Subscription {
            enc,
            status: parts.status,
            headers: parts.headers,
            stream_id,
            framework_id: String::new(),
            body,
            reader: RecordIoReader::new(),
            ended: false,
        }
    }

    /// The next event, or `None` when the stream ended. Panics after 20 s (real or virtual).
    pub async fn next(&mut self) -> Option<Event> {
        tokio::time::timeout(Duration::from_secs(20), self.next_inner())
            .await
            .expect("an event within 20 s")
    }

    /// The next event if one arrives within `within`: `None` on timeout, `Some(None)` when
    /// the stream ended.
    pub async fn next_within(&mut self, within: Duration) -> Option<Option<Event>> {
        tokio::time::timeout(within, self.next_inner()).await.ok()
    }

    async fn next_inner(&mut self) -> Option<Event> {
        loop {
            if let Some(record) = self.reader.next_record().expect("valid RecordIO") {
                return Some(self.enc.decode_event(&record.into_bytes()));
            }
            if self.ended {
                return None;
            }
            match self.body.frame().await {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        self.reader.push(data);
                    }
                }
                Some(Err(error)) => panic!("stream failed: {error}"),
                None => {
                    self.reader.finish().expect("stream ends between records");
                    self.ended = true;
                }
            }
        }
    }

    /// The next event that is not a HEARTBEAT.
    pub async fn next_non_heartbeat(&mut self) -> Option<Event> {
        loop {
            let event = self.next().await?;
            if event.r#type() != event::Type::Heartbeat {
                return Some(event);
            }
        }
    }

    /// Skips events until one of type `kind` arrives (panics after 30 s, real or virtual).
    pub async fn next_of(&mut self, kind: event::Type) -> Event {
        let wait = async {
            loop {
                let event = self.next_inner().await.expect("stream ended early");
                if event.r#type() == kind {
                    return event;
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(30), wait)
            .await
            .unwrap_or_else(|_| panic!("no {kind:?} event within 30 s"))
    }

    /// Sends a call on a separate connection with this subscription's stream id.
    pub async fn call(&self, base: &str, call: &Call) -> Reply {
        self::call(base, self.enc, &self.stream_id, call).await
    }
}

/// Polls `condition` until it holds, failing after `within`.
pub async fn wait_until(what: &str, within: Duration, mut condition: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + within;
    while !condition() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting until {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A scalar resource as a scheduler writes it.
pub fn scalar(name: &str, value: f64) -> mesos_sdk::v1::Resource {
    mesos_sdk::v1::Resource {
        name: name.into(),
        r#type: mesos_sdk::v1::value::Type::Scalar as i32,
        scalar: Some(mesos_sdk::v1::value::Scalar { value }),
        ..Default::default()
    }
}

/// A command task for `offer` using 0.1 cpus and 32 MB.
pub fn command_task(
    offer: &mesos_sdk::v1::Offer,
    task_id: &str,
    command: &str,
) -> mesos_sdk::v1::TaskInfo {
    mesos_sdk::v1::TaskInfo {
        name: task_id.into(),
        task_id: mesos_sdk::v1::TaskId {
            value: task_id.into(),
        },
        agent_id: offer.agent_id.clone(),
        resources: vec![scalar("cpus", 0.1), scalar("mem", 32.0)],
        command: Some(mesos_sdk::v1::CommandInfo {
            value: Some(command.into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// An ACCEPT of `offer_ids` launching `tasks`, with optional filters.
pub fn launch_call(
    framework_id: &str,
    offer_ids: &[&mesos_sdk::v1::OfferId],
    tasks: Vec<mesos_sdk::v1::TaskInfo>,
    refuse_seconds: Option<f64>,
) -> Call {
    use mesos_sdk::v1::offer::{Operation, operation};
    let mut call = bare_call(framework_id, call::Type::Accept);
    call.accept = Some(call::Accept {
        offer_ids: offer_ids.iter().map(|o| (*o).clone()).collect(),
        operations: vec![Operation {
            r#type: Some(operation::Type::Launch as i32),
            launch: Some(operation::Launch { task_infos: tasks }),
            ..Default::default()
        }],
        filters: refuse_seconds.map(|s| mesos_sdk::v1::Filters {
            refuse_seconds: Some(s),
        }),
    });
    call
}

/// A DECLINE of `offer_ids` with optional `refuse_seconds`.
pub fn decline_call(
    framework_id: &str,
    offer_ids: &[&mesos_sdk::v1::OfferId],
    refuse_seconds: Option<f64>,
) -> Call {
    let mut call = bare_call(framework_id, call::Type::Decline);
    call.decline = Some(call::Decline {
        offer_ids: offer_ids.iter().map(|o| (*o).clone()).collect(),
        filters: refuse_seconds.map(|s| mesos_sdk::v1::Filters {
            refuse_seconds: Some(s),
        }),
    });
    call
}

/// A KILL of `task` (on `agent`, when given), with no kill policy.
pub fn kill_call(framework_id: &str, task: &str, agent: Option<&mesos_sdk::v1::AgentId>) -> Call {
    let mut call = bare_call(framework_id, call::Type::Kill);
    call.kill = Some(call::Kill {
        task_id: mesos_sdk::v1::TaskId { value: task.into() },
        agent_id: agent.cloned(),
        kill_policy: None,
    });
    call
}

/// An ACKNOWLEDGE for a status that carries a uuid.
pub fn ack_call(framework_id: &str, status: &mesos_sdk::v1::TaskStatus) -> Call {
    let mut call = bare_call(framework_id, call::Type::Acknowledge);
    call.acknowledge = Some(call::Acknowledge {
        agent_id: status.agent_id.clone().expect("agent_id on the status"),
        task_id: status.task_id.clone(),
        uuid: status.uuid.clone().expect("uuid on the status"),
    });
    call
}

impl Subscription {
    /// The offers of the next OFFERS event.
    pub async fn next_offers(&mut self) -> Vec<mesos_sdk::v1::Offer> {
        self.next_of(event::Type::Offers)
            .await
            .offers
            .expect("offers payload")
            .offers
    }

    /// The offer id of the next RESCIND event.
    pub async fn next_rescinded(&mut self) -> mesos_sdk::v1::OfferId {
        self.next_of(event::Type::Rescind)
            .await
            .rescind
            .expect("rescind payload")
            .offer_id
    }

    /// The status of the next UPDATE event.
    pub async fn next_update(&mut self) -> mesos_sdk::v1::TaskStatus {
        self.next_of(event::Type::Update)
            .await
            .update
            .expect("update payload")
            .status
    }
}
