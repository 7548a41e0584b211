//! The executor session: subscribes to the agent, keeps every update until the agent
//! acknowledges it and every launched task until one of its updates is acknowledged, replays
//! both on every re-subscription, and follows Mesos' disconnection policy (re-subscribe with
//! backoff until the recovery timeout when checkpointing, exit otherwise).

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use rand::Rng;
use tokio::sync::{mpsc, watch};
use tracing::Instrument;

use crate::error::Error;
use crate::executor::config::ExecutorConfig;
use crate::transport::locked;
use crate::transport::{
    CallQueue, CallResponse, CallTarget, Connector, EventStream, Post, read_body_truncated,
};
use crate::v1::executor::{Call, Event, call, event};
use crate::v1::{AgentId, TaskId, TaskInfo, TaskState, TaskStatus, task_status};

/// The path of the executor API on an agent that is its process's only agent (a standalone
/// `mesos-agent`); an agent's own path is `/slave(N)/api/v1/executor`
/// ([`ExecutorConfig::api_path`](crate::executor::ExecutorConfig::api_path)).
pub const EXECUTOR_API_PATH: &str = "/api/v1/executor";

/// The agent's default `--recovery_timeout`, used when checkpointing without
/// `MESOS_RECOVERY_TIMEOUT`.
const DEFAULT_RECOVERY_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// The agent's default `--executor_reregistration_timeout`.
const DEFAULT_BACKOFF_MAX: Duration = Duration::from_secs(2);
/// Mesos' executor library sends a HEARTBEAT call this often
/// (`DEFAULT_HEARTBEAT_CALL_INTERVAL`, `mesos: src/executor/executor.cpp`).
const HEARTBEAT_CALL_INTERVAL: Duration = Duration::from_secs(30 * 60);

/// What the executor session reports.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ExecutorEvent {
    /// The agent accepted the subscription (the first, or a re-subscription after the agent
    /// restarted).
    Subscribed {
        /// The SUBSCRIBED event: executor, framework and agent descriptions.
        subscribed: Box<event::Subscribed>,
        /// Whether this is a re-subscription.
        resubscribed: bool,
    },
    /// An event from the agent: LAUNCH, LAUNCH_GROUP, KILL, ACKNOWLEDGED, MESSAGE, ERROR,
    /// SHUTDOWN or HEARTBEAT.
    Event(Box<Event>),
    /// The connection to the agent was lost; the session is re-subscribing (checkpointing
    /// frameworks only). Updates sent meanwhile are kept and replayed.
    Disconnected {
        /// Why.
        reason: String,
    },
}

/// The executor session's events, as a named [`Stream`]. A terminal problem (agent lost
/// without checkpointing, recovery timeout passed, shutdown grace period passed) is yielded
/// once as `Err`, then the stream ends.
#[derive(Debug)]
pub struct ExecutorEvents {
    rx: mpsc::Receiver<Result<ExecutorEvent, Error>>,
}

impl Stream for ExecutorEvents {
    type Item = Result<ExecutorEvent, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx)
    }
}

struct Shared {
    config: ExecutorConfig,
    calls: watch::Sender<Option<CallQueue<Call>>>,
    /// Updates the agent has not acknowledged, in the order they were sent, by uuid.
    unacknowledged_updates: Mutex<Vec<call::Update>>,
    /// Launched tasks none of whose updates has been acknowledged yet, by task id.
    unacknowledged_tasks: Mutex<BTreeMap<String, TaskInfo>>,
    agent_id: Mutex<Option<AgentId>>,
    closed: watch::Sender<bool>,
}

/// Entry point of the executor session.
///
/// ```no_run
/// use futures_util::StreamExt;
/// use mesos_sdk::executor::{Executor, ExecutorConfig, ExecutorEvent};
/// use mesos_sdk::v1::executor::event;
/// use mesos_sdk::v1::TaskState;
///
/// # async fn run() -> Result<(), mesos_sdk::Error> {
/// let (executor, mut events) = Executor::start(ExecutorConfig::from_env()?)?;
/// while let Some(event) = events.next().await {
///     let ExecutorEvent::Event(event) = event? else { continue };
///     if event.r#type() == event::Type::Launch {
///         let task = event.launch.map(|l| l.task).unwrap_or_default();
///         executor.update_state(task.task_id.clone(), TaskState::TaskRunning, None).await?;
///         executor.update_state(task.task_id, TaskState::TaskFinished, None).await?;
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Executor;

impl Executor {
    /// Starts subscribing to the agent. Returns at once; must be called inside a tokio
    /// runtime.
    pub fn start(config: ExecutorConfig) -> Result<(ExecutorHandle, ExecutorEvents), Error> {
        let connector = Connector::new(config.tls.clone(), config.connect_timeout)?;
        let (tx, rx) = mpsc::channel(256);
        let (calls, _) = watch::channel(None);
        let (closed, _) = watch::channel(false);
        let shared = Arc::new(Shared {
            config,
            calls,
            unacknowledged_updates: Mutex::new(Vec::new()),
            unacknowledged_tasks: Mutex::new(BTreeMap::new()),
            agent_id: Mutex::new(None),
            closed,
        });
        let span = tracing::info_span!(
            "mesos_executor",
            executor_id = %shared.config.executor_id.value,
            framework_id = %shared.config.framework_id.value
        );
        tokio::spawn(run(shared.clone(), connector, tx).instrument(span));
        Ok((ExecutorHandle { shared }, ExecutorEvents { rx }))
    }
}

/// Sends executor calls. Cheap to clone.
#[derive(Clone)]
pub struct ExecutorHandle {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for ExecutorHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecutorHandle")
            .field("executor_id", &self.shared.config.executor_id.value)
            .field("subscribed", &self.shared.calls.borrow().is_some())
            .finish()
    }
}

fn now_seconds() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or_default()
}

fn executor_call(config: &ExecutorConfig, kind: call::Type) -> Call {
    Call {
        executor_id: config.executor_id.clone(),
        framework_id: config.framework_id.clone(),
        r#type: Some(kind as i32),
        ..Default::default()
    }
}

fn call_name(call: &Call) -> &'static str {
    match call.r#type() {
        call::Type::Unknown => "UNKNOWN",
        call::Type::Subscribe => "SUBSCRIBE",
        call::Type::Update => "UPDATE",
        call::Type::Message => "MESSAGE",
        call::Type::Heartbeat => "HEARTBEAT",
    }
}

impl ExecutorHandle {
    /// The configuration the session runs with.
    pub fn config(&self) -> &ExecutorConfig {
        &self.shared.config
    }

    /// Sends a status update, reliably: it is kept until the agent acknowledges it and replayed
    /// after a re-subscription, so it returns `Ok` (with the update's uuid) even when the agent
    /// is unreachable right now. An update the agent refuses as malformed (`400 Bad Request`,
    /// e.g. for an unknown task state) is not kept: it returns [`Error::Status`].
    ///
    /// The SDK completes the status as Mesos requires: a fresh 16-byte `uuid`,
    /// `source = SOURCE_EXECUTOR`, the `timestamp`, and the executor and agent ids. A
    /// `TASK_STAGING` update is refused (only the agent and master use that state).
    pub async fn update(&self, mut status: TaskStatus) -> Result<Bytes, Error> {
        // Compared as numbers: `state()` reads an undeclared number as the default, STAGING.
        if status.state == TaskState::TaskStaging as i32 {
            return Err(Error::InvalidArgument {
                what: "status update",
                reason: "executors must never send TASK_STAGING".into(),
            });
        }
        if status.task_id.value.is_empty() {
            return Err(Error::InvalidArgument {
                what: "status update",
                reason: "no task id".into(),
            });
        }
        if *self.shared.closed.borrow() {
            return Err(Error::Closed);
        }
        let uuid = Bytes::copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        status.uuid = Some(uuid.clone());
        status.source = Some(task_status::Source::Executor as i32);
        status.timestamp = Some(now_seconds());
        status.executor_id = Some(self.shared.config.executor_id.clone());
        if status.agent_id.is_none() {
            status.agent_id = locked(&self.shared.agent_id).clone();
        }
        let update = call::Update { status };
        {
            let mut pending = locked(&self.shared.unacknowledged_updates);
            if pending.len() >= MAX_UNACKNOWLEDGED_UPDATES {
                return Err(Error::Backlog {
                    what: "status updates",
                    limit: MAX_UNACKNOWLEDGED_UPDATES,
                });
            }
            pending.push(update.clone());
        }
        let mut call = executor_call(&self.shared.config, call::Type::Update);
        call.update = Some(update);
        let queue = self.shared.calls.borrow().clone();
        if let Some(queue) = queue {
            deliver_update(&self.shared, &queue, call, uuid.clone()).await?;
        }
        Ok(uuid)
    }

    /// Sends an update for `task_id` in `state`, with an optional message.
    pub async fn update_state(
        &self,
        task_id: TaskId,
        state: TaskState,
        message: Option<String>,
    ) -> Result<Bytes, Error> {
        self.update(TaskStatus {
            task_id,
            state: state as i32,
            message,
            ..Default::default()
        })
        .await
    }

    async fn send(&self, call: Call) -> Result<CallResponse, Error> {
        let name = call_name(&call);
        let queue = self.shared.calls.borrow().clone();
        match queue {
            Some(queue) => queue.call(call, name).await,
            None => Err(Error::NotSubscribed {
                call: name,
                reason: "not subscribed to the agent".into(),
            }),
        }
    }

    /// Sends a MESSAGE to the scheduler (no delivery guarantee).
    pub async fn message(&self, data: Bytes) -> Result<(), Error> {
        let mut call = executor_call(&self.shared.config, call::Type::Message);
        call.message = Some(call::Message { data });
        self.send(call).await.map(|_| ())
    }

    /// Sends a HEARTBEAT call (the session also sends one every 30 minutes).
    pub async fn heartbeat(&self) -> Result<(), Error> {
        self.send(executor_call(&self.shared.config, call::Type::Heartbeat))
            .await
            .map(|_| ())
    }

    /// The updates the agent has not acknowledged yet.
    pub fn unacknowledged_updates(&self) -> Vec<TaskStatus> {
        locked(&self.shared.unacknowledged_updates)
            .iter()
            .map(|u| u.status.clone())
            .collect()
    }

    /// The launched tasks none of whose updates the agent has acknowledged yet.
    pub fn unacknowledged_tasks(&self) -> Vec<TaskInfo> {
        locked(&self.shared.unacknowledged_tasks)
            .values()
            .cloned()
            .collect()
    }

    /// Ends the session (the event stream ends).
    pub fn close(&self) {
        self.shared.closed.send_replace(true);
    }
}

type Tx = mpsc::Sender<Result<ExecutorEvent, Error>>;

async fn run(shared: Arc<Shared>, connector: Connector, tx: Tx) {
    let config = &shared.config;
    let recovery_timeout = config.recovery_timeout.unwrap_or(DEFAULT_RECOVERY_TIMEOUT);
    let backoff_max = config
        .subscription_backoff_max
        .unwrap_or(DEFAULT_BACKOFF_MAX);
    let mut closed = shared.closed.subscribe();
    let mut subscribed_before = false;
    let mut lost_since: Option<tokio::time::Instant> = None;
    loop {
        let reason = match subscribe(&shared, &connector).await {
            Ok((subscribed, events)) => {
                lost_since = None;
                let announce = ExecutorEvent::Subscribed {
                    subscribed: Box::new(subscribed),
                    resubscribed: subscribed_before,
                };
                subscribed_before = true;
                if tx.send(Ok(announce)).await.is_err() {
                    return;
                }
                match serve(&shared, events, &tx).await {
                    Served::Lost(reason) => reason,
                    Served::End(error) => {
                        shared.calls.send_replace(None);
                        if let Some(error) = error {
                            let _ = tx.send(Err(error)).await;
                        }
                        return;
                    }
                }
            }
            Err(error) => error.to_string(),
        };
        shared.calls.send_replace(None);
        if *closed.borrow() {
            return;
        }
        let endpoint = config.agent.authority();
        // Without checkpointing the agent will not recover this executor: exit
        // (`mesos: docs/executor-http-api.md`, "Disconnections").
        if !config.checkpoint {
            let _ = tx.send(Err(Error::AgentLost { endpoint, reason })).await;
            return;
        }
        let since = *lost_since.get_or_insert_with(tokio::time::Instant::now);
        let elapsed = since.elapsed();
        if elapsed >= recovery_timeout {
            let error = Error::RecoveryTimeout {
                endpoint,
                after: recovery_timeout,
                reason,
            };
            let _ = tx.send(Err(error)).await;
            return;
        }
        if tx
            .send(Ok(ExecutorEvent::Disconnected {
                reason: reason.clone(),
            }))
            .await
            .is_err()
        {
            return;
        }
        // Mesos' library draws each wait uniformly from [0, backoff max].
        let wait = backoff_max
            .mul_f64(rand::rng().random_range(0.0..=1.0))
            .min(recovery_timeout - elapsed);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = closed.changed() => return,
        }
    }
}

/// Subscribes, replaying what the agent has not acknowledged.
/// [`subscribe_unbounded`] within one deadline for the whole SUBSCRIBE (connecting, the
/// answer's headers, an error body or the first event): each step has its own limit, and an
/// agent that stalls an error body must not hold the executor beyond their sum.
async fn subscribe(
    shared: &Arc<Shared>,
    connector: &Connector,
) -> Result<(event::Subscribed, EventStream<Event>), Error> {
    let config = &shared.config;
    let deadline = config
        .connect_timeout
        .saturating_add(config.call_timeout.saturating_mul(2));
    tokio::time::timeout(deadline, subscribe_unbounded(shared, connector))
        .await
        .unwrap_or_else(|_| {
            Err(Error::Timeout {
                call: "SUBSCRIBE",
                endpoint: config.agent.authority(),
                after: deadline,
            })
        })
}

async fn subscribe_unbounded(
    shared: &Arc<Shared>,
    connector: &Connector,
) -> Result<(event::Subscribed, EventStream<Event>), Error> {
    let config = &shared.config;
    let authority = config.agent.authority();
    let mut call = executor_call(config, call::Type::Subscribe);
    call.subscribe = Some(call::Subscribe {
        unacknowledged_tasks: locked(&shared.unacknowledged_tasks)
            .values()
            .cloned()
            .collect(),
        unacknowledged_updates: locked(&shared.unacknowledged_updates).clone(),
    });
    // What this SUBSCRIBE carries; an update made while it is in flight goes out after it.
    let carried: Vec<Bytes> = call
        .subscribe
        .as_ref()
        .map(|s| {
            s.unacknowledged_updates
                .iter()
                .filter_map(|u| u.status.uuid.clone())
                .collect()
        })
        .unwrap_or_default();
    let body = config.encoding.encode(&call, "SUBSCRIBE")?;
    let mut sender = connector.connect(&config.agent).await?;
    let response = Post {
        call: "SUBSCRIBE",
        endpoint: &config.agent,
        path: &config.api_path,
        encoding: config.encoding,
        credentials: config.credentials.as_ref(),
        headers: &[],
        timeout: config.call_timeout,
    }
    .send(&mut sender, body)
    .await?;
    let status = response.status().as_u16();
    if status != 200 {
        let body = read_body_truncated(response.into_body(), 4096).await;
        return Err(Error::Status {
            call: "SUBSCRIBE",
            endpoint: authority,
            status,
            body: String::from_utf8_lossy(&body).into_owned(),
        });
    }
    let mut events: EventStream<Event> = EventStream::new(
        response.into_body(),
        config.encoding,
        config.max_record_size,
        authority.clone(),
        "executor event",
    );
    let first = tokio::time::timeout(config.call_timeout, events.next())
        .await
        .map_err(|_| Error::Subscribe {
            endpoint: authority.clone(),
            reason: "no SUBSCRIBED in time".into(),
        })?;
    let event = match first {
        Some(event) => event?,
        None => {
            return Err(Error::Subscribe {
                endpoint: authority,
                reason: "the stream ended before SUBSCRIBED".into(),
            });
        }
    };
    let subscribed = match event.r#type() {
        event::Type::Subscribed => event.subscribed.ok_or_else(|| Error::Subscribe {
            endpoint: authority.clone(),
            reason: "SUBSCRIBED without its payload".into(),
        })?,
        other => {
            return Err(Error::Subscribe {
                endpoint: authority,
                reason: format!(
                    "first event was {} instead of SUBSCRIBED",
                    other.as_str_name()
                ),
            });
        }
    };
    *locked(&shared.agent_id) = Some(subscribed.agent_info.id.clone().unwrap_or_default());
    let queue = CallQueue::start(
        CallTarget {
            connector: connector.clone(),
            endpoint: config.agent.clone(),
            path: config.api_path.clone(),
            headers: Vec::new(),
            encoding: config.encoding,
            credentials: config.credentials.clone(),
            call_timeout: config.call_timeout,
        },
        tracing::debug_span!("mesos_executor_calls", agent = %config.agent),
    );
    shared.calls.send_replace(Some(queue.clone()));
    // Updates made while the SUBSCRIBE was in flight found no queue and are in none of its
    // lists: send them now (the agent drops a duplicate of an update it has, by its uuid).
    let stranded: Vec<call::Update> = locked(&shared.unacknowledged_updates)
        .iter()
        .filter(|u| {
            u.status
                .uuid
                .as_ref()
                .is_none_or(|id| !carried.contains(id))
        })
        .cloned()
        .collect();
    for update in stranded {
        let uuid = update.status.uuid.clone().unwrap_or_default();
        let mut call = executor_call(config, call::Type::Update);
        call.update = Some(update);
        let (shared, queue) = (shared.clone(), queue.clone());
        tokio::spawn(async move {
            if let Err(error) = deliver_update(&shared, &queue, call, uuid).await {
                tracing::warn!(%error, "the agent refused a replayed UPDATE as malformed");
            }
        });
    }
    tracing::info!(agent = %config.agent, "subscribed to the agent");
    Ok((subscribed, events))
}

enum Served {
    /// The connection was lost; re-subscribe if allowed.
    Lost(String),
    /// The session is over (closed by the application, or an error to report).
    End(Option<Error>),
}

async fn serve(shared: &Shared, mut events: EventStream<Event>, tx: &Tx) -> Served {
    let mut closed = shared.closed.subscribe();
    let mut shutdown_deadline: Option<tokio::time::Instant> = None;
    let mut heartbeat = tokio::time::interval_at(
        tokio::time::Instant::now() + HEARTBEAT_CALL_INTERVAL,
        HEARTBEAT_CALL_INTERVAL,
    );
    loop {
        let grace = async {
            match shutdown_deadline {
                Some(deadline) => tokio::time::sleep_until(deadline).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            next = events.next() => {
                let event = match next {
                    None => return Served::Lost("the agent closed the event stream".into()),
                    Some(Err(error)) => return Served::Lost(error.to_string()),
                    Some(Ok(event)) => event,
                };
                match event.r#type() {
                    event::Type::Launch => {
                        if let Some(launch) = &event.launch {
                            remember_task(shared, &launch.task);
                        }
                    }
                    event::Type::LaunchGroup => {
                        for task in event.launch_group.iter().flat_map(|g| &g.task_group.tasks) {
                            remember_task(shared, task);
                        }
                    }
                    event::Type::Acknowledged => {
                        if let Some(ack) = &event.acknowledged {
                            forget_acknowledged(shared, &ack.task_id, &ack.uuid);
                        }
                    }
                    event::Type::Shutdown => {
                        shutdown_deadline = Some(
                            tokio::time::Instant::now() + shared.config.shutdown_grace_period,
                        );
                    }
                    _ => {}
                }
                if tx.send(Ok(ExecutorEvent::Event(Box::new(event)))).await.is_err() {
                    return Served::End(None);
                }
            }
            _ = grace => {
                return Served::End(Some(Error::ShutdownGracePeriodExpired {
                    grace: shared.config.shutdown_grace_period,
                }));
            }
            _ = heartbeat.tick() => {
                let queue = shared.calls.borrow().clone();
                if let Some(queue) = queue {
                    queue.submit(executor_call(&shared.config, call::Type::Heartbeat), "HEARTBEAT");
                }
            }
            _ = closed.changed() => return Served::End(None),
        }
    }
}

/// Status updates kept for replay until the agent acknowledges them, at most: each waits in
/// memory and goes out again in every SUBSCRIBE, so a stalled agent must not make them grow
/// without bound. Past it [`ExecutorHandle::update`] answers [`Error::Backlog`].
pub const MAX_UNACKNOWLEDGED_UPDATES: usize = 10_000;

/// The first pause before an UPDATE that failed on a live stream is sent again; it doubles up
/// to [`UPDATE_RETRY_MAX`].
const UPDATE_RETRY_MIN: Duration = Duration::from_secs(1);
/// The longest pause between UPDATE retries.
const UPDATE_RETRY_MAX: Duration = Duration::from_secs(30);

/// How one UPDATE attempt went.
enum Sent {
    /// The agent took it (its acknowledgement comes as an event).
    Delivered,
    /// The agent cannot parse it (400): replaying it would only be refused again, so it is
    /// dropped from the replay list.
    Refused(Error),
    /// Not delivered now (connection, timeout, 503): it is kept.
    Failed(Error),
}

async fn send_update(shared: &Shared, queue: &CallQueue<Call>, call: Call, uuid: &Bytes) -> Sent {
    match queue.call(call, "UPDATE").await {
        Ok(_) => Sent::Delivered,
        Err(error @ Error::Status { status: 400, .. }) => {
            forget_update(shared, uuid);
            Sent::Refused(error)
        }
        Err(error) => Sent::Failed(error),
    }
}

/// Sends an UPDATE now; one not delivered is kept and sent again in the background (with
/// back-off while the stream lives, with the next SUBSCRIBE if it does not). Fails only for
/// an update the agent refuses as malformed.
async fn deliver_update(
    shared: &Arc<Shared>,
    queue: &CallQueue<Call>,
    call: Call,
    uuid: Bytes,
) -> Result<(), Error> {
    match send_update(shared, queue, call.clone(), &uuid).await {
        Sent::Delivered => Ok(()),
        Sent::Refused(error) => Err(error),
        Sent::Failed(error) => {
            tracing::warn!(%error, "UPDATE not delivered now; retrying");
            tokio::spawn(retry_update(shared.clone(), call, uuid));
            Ok(())
        }
    }
}

/// Sends `call` (an UPDATE) again until it is delivered, acknowledged, refused as malformed,
/// or the stream is lost (the next SUBSCRIBE carries it then).
async fn retry_update(shared: Arc<Shared>, call: Call, uuid: Bytes) {
    let mut wait = UPDATE_RETRY_MIN;
    loop {
        tokio::time::sleep(wait).await;
        let pending = locked(&shared.unacknowledged_updates)
            .iter()
            .any(|u| u.status.uuid.as_ref() == Some(&uuid));
        if !pending || *shared.closed.borrow() {
            return;
        }
        let Some(queue) = shared.calls.borrow().clone() else {
            return;
        };
        match send_update(&shared, &queue, call.clone(), &uuid).await {
            Sent::Delivered | Sent::Refused(_) => return,
            Sent::Failed(error) => {
                tracing::warn!(%error, ?wait, "UPDATE still not delivered; retrying");
            }
        }
        wait = (wait * 2).min(UPDATE_RETRY_MAX);
    }
}

/// Drops the update `uuid` from the replay list.
fn forget_update(shared: &Shared, uuid: &Bytes) {
    locked(&shared.unacknowledged_updates).retain(|u| u.status.uuid.as_ref() != Some(uuid));
}

fn remember_task(shared: &Shared, task: &TaskInfo) {
    locked(&shared.unacknowledged_tasks).insert(task.task_id.value.clone(), task.clone());
}

/// The agent has the update: drop it, and the task (one acknowledged update is enough).
fn forget_acknowledged(shared: &Shared, task_id: &TaskId, uuid: &Bytes) {
    forget_update(shared, uuid);
    locked(&shared.unacknowledged_tasks).remove(&task_id.value);
}
