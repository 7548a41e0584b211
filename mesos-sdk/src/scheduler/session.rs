//! The long-lived scheduler session: follows the leading master, subscribes and re-subscribes
//! (keeping the framework id), watches heartbeats, acknowledges updates, reconciles on a timer,
//! and reports its own connection state as events.

use bytes::Bytes;
use std::collections::{BTreeSet, HashMap};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;
use rand::Rng;
use tokio::sync::{Notify, mpsc, watch};
use tracing::Instrument;

use crate::detector::MasterDetector;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::scheduler::LazyEvent;
use crate::scheduler::caller::{ACKNOWLEDGEMENT_ROOM_BATCH, Caller};
use crate::scheduler::config::SchedulerConfig;
use crate::scheduler::connection::{Connection, jittered};
use crate::scheduler::handle::SchedulerHandle;
use crate::transport::Connector;
use crate::transport::locked;
use crate::v1::scheduler::OfferConstraints;
use crate::v1::scheduler::{Call, call, event};
use crate::v1::{AgentId, FrameworkId, FrameworkInfo, MasterInfo, TaskId, framework_info};

/// What the session reports: the master's events, and its own connection state.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SessionEvent {
    /// A subscription was established (first subscribe or re-subscribe). Offers held from an
    /// earlier subscription are void now (Mesos regenerates them without RESCIND).
    Subscribed {
        /// The framework's id (assigned by the master on the first subscribe).
        framework_id: FrameworkId,
        /// The master subscribed to.
        master: Endpoint,
        /// The master's description of itself, when it sent one.
        master_info: Option<Box<MasterInfo>>,
        /// The heartbeat interval in force (announced, or the configured default).
        heartbeat_interval: Duration,
        /// Whether this re-subscribed an already known framework id.
        resubscribed: bool,
    },
    /// An event from the master (OFFERS, UPDATE, RESCIND, HEARTBEAT, ...), in stream order:
    /// checked, read in place through [`LazyEvent::view`], decoded into an
    /// [`Event`](crate::v1::scheduler::Event) on first access (`event.offers`,
    /// [`LazyEvent::into_event`]).
    Event(LazyEvent),
    /// The subscription ended; the session will subscribe again (after a backoff, or at once to
    /// a new leader). Calls fail with [`Error::NotSubscribed`] until then.
    Disconnected {
        /// Why, in words.
        reason: String,
    },
    /// The detector reported a different leader (or none).
    LeaderChanged {
        /// The new leader, or `None` while none is known.
        leader: Option<Endpoint>,
    },
}

/// The session's events, as a named [`Stream`].
///
/// Yields `Ok` items while the session runs. A terminal problem (the master refused or removed
/// the framework, credentials rejected, a client bug) is yielded once as `Err`, then the stream
/// ends. It also ends after [`SchedulerHandle::close`].
///
/// With automatic acknowledgement (the default), a task status update or an operation status
/// update that carries a uuid is acknowledged when this stream yields it to the application,
/// not when the session queues it: an update still queued when the process dies was never
/// acknowledged, so the master sends it again. Acknowledgements are sent in the background,
/// several at once ([`SchedulerConfig::with_acknowledgement_connections`]); when too many are
/// still unanswered, the next update waits here until there is room again.
pub struct SessionEvents {
    rx: mpsc::Receiver<Result<SessionEvent, Error>>,
    shared: Arc<Shared>,
    /// The current subscription's call path, followed as it changes.
    callers: watch::Receiver<Option<Caller>>,
    /// The subscription acknowledgements go to, and its window; `None` to look again.
    acknowledging: Option<Acknowledging>,
    /// An update taken from the session, waiting for room for its acknowledgement.
    held: Option<(Result<SessionEvent, Error>, Call)>,
}

/// Where [`SessionEvents`] sends acknowledgements: a subscription's call path, its window,
/// and room taken from the window but not used yet.
struct Acknowledging {
    caller: Caller,
    window: tokio_util::sync::PollSemaphore,
    /// Room is taken in batches: one wake-up per batch rather than per acknowledgement
    /// while the window is full (a waiting reader would otherwise be woken, take one update,
    /// and wait again for every single answer).
    room: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl std::fmt::Debug for SessionEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionEvents")
            .field("queued", &self.rx.len())
            .field("waiting_for_room", &self.held.is_some())
            .finish()
    }
}

impl SessionEvents {
    fn new(rx: mpsc::Receiver<Result<SessionEvent, Error>>, shared: Arc<Shared>) -> Self {
        let callers = shared.caller.subscribe();
        Self {
            rx,
            shared,
            callers,
            acknowledging: None,
            held: None,
        }
    }

    /// Room for one acknowledgement on the current subscription: `Ready(Some(..))`,
    /// `Ready(None)` when there is no subscription (the update is then not acknowledged: its
    /// agent sends it again, and it is acknowledged then), `Pending` while the window is full.
    fn poll_room(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<tokio::sync::OwnedSemaphorePermit>> {
        // A subscription that ended closes its window, which wakes a wait for it; a new one
        // is seen here.
        if self.callers.has_changed().unwrap_or(false) {
            self.acknowledging = None;
        }
        let acknowledging = match &mut self.acknowledging {
            Some(acknowledging) => acknowledging,
            None => {
                let Some(caller) = self.callers.borrow_and_update().clone() else {
                    return Poll::Ready(None);
                };
                let window = tokio_util::sync::PollSemaphore::new(caller.acknowledgement_window());
                self.acknowledging.insert(Acknowledging {
                    caller,
                    window,
                    room: None,
                })
            }
        };
        let mut room = match acknowledging.room.take() {
            Some(room) => room,
            None => match acknowledging
                .window
                .poll_acquire_many(cx, ACKNOWLEDGEMENT_ROOM_BATCH as u32)
            {
                Poll::Ready(Some(room)) => room,
                Poll::Ready(None) => {
                    // That subscription ended; the current one (if any) is looked up next time.
                    self.acknowledging = None;
                    return Poll::Ready(None);
                }
                Poll::Pending => return Poll::Pending,
            },
        };
        if room.num_permits() > 1 {
            let one = room.split(1);
            acknowledging.room = Some(room);
            Poll::Ready(one)
        } else {
            Poll::Ready(Some(room))
        }
    }
}

impl Stream for SessionEvents {
    type Item = Result<SessionEvent, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some((item, ack)) = this.held.take() {
                match this.poll_room(cx) {
                    Poll::Pending => {
                        this.held = Some((item, ack));
                        return Poll::Pending;
                    }
                    Poll::Ready(Some(room)) => {
                        if let Some(acknowledging) = &this.acknowledging {
                            acknowledging.caller.acknowledge_in(ack, room);
                        }
                    }
                    // No subscription: the agent sends the update again, acknowledged then.
                    Poll::Ready(None) => {}
                }
                return Poll::Ready(Some(item));
            }
            let Some(item) = std::task::ready!(this.rx.poll_recv(cx)) else {
                return Poll::Ready(None);
            };
            // A subscription that ended is let go at its next event (every change of
            // subscription comes with one), not kept with its connections until the next
            // update.
            if this.callers.has_changed().unwrap_or(false) {
                this.acknowledging = None;
            }
            if let Ok(SessionEvent::Event(event)) = &item
                && this.shared.config.auto_acknowledge
                && let Some(ack) = acknowledgement(event)
            {
                // Acknowledged as it is handed over, once there is room for it.
                this.held = Some((item, ack));
                continue;
            }
            return Poll::Ready(Some(item));
        }
    }
}

/// The acknowledgement an event calls for: an UPDATE or an UPDATE_OPERATION_STATUS that
/// carries a uuid (master-generated ones have none and must not be acknowledged).
pub(crate) fn acknowledgement(event: &LazyEvent) -> Option<Call> {
    // Taken from the view: the ids are copied out, the event is not decoded.
    let view = event.view();
    match view.r#type() {
        event::Type::Update => {
            let status = view.update()?.status();
            let uuid = status.uuid_opt().filter(|u| !u.is_empty())?;
            let agent_id = status.agent_id()?;
            Some(acknowledge(
                AgentId {
                    value: agent_id.value().to_string(),
                },
                TaskId {
                    value: status.task_id().value().to_string(),
                },
                Bytes::copy_from_slice(uuid),
            ))
        }
        event::Type::UpdateOperationStatus => {
            let status = view.update_operation_status()?.status();
            let uuid = status.uuid().filter(|u| !u.value().is_empty())?;
            Some(Call {
                r#type: Some(call::Type::AcknowledgeOperationStatus as i32),
                acknowledge_operation_status: Some(call::AcknowledgeOperationStatus {
                    agent_id: status.agent_id().map(|a| a.to_owned()),
                    resource_provider_id: status.resource_provider_id().map(|r| r.to_owned()),
                    uuid: Bytes::copy_from_slice(uuid.value()),
                    operation_id: status.operation_id()?.to_owned(),
                }),
                ..Default::default()
            })
        }
        _ => None,
    }
}

/// State shared by the session task and its handles.
pub(crate) struct Shared {
    pub(crate) config: SchedulerConfig,
    /// The call path of the current subscription, if any.
    pub(crate) caller: watch::Sender<Option<Caller>>,
    /// Why there is no subscription (for [`Error::NotSubscribed`]).
    pub(crate) down_reason: Mutex<String>,
    pub(crate) framework_id: Mutex<Option<FrameworkId>>,
    /// What every SUBSCRIBE sends, as SUPPRESS, REVIVE and UPDATE_FRAMEWORK left it.
    pub(crate) desired: Mutex<Desired>,
    /// The id the framework id store holds (what it loaded or last saved).
    pub(crate) stored_id: Mutex<Option<FrameworkId>>,
    pub(crate) closed: watch::Sender<bool>,
    /// Set while a TEARDOWN is in flight: the master closing the stream is then expected.
    pub(crate) tearing_down: std::sync::atomic::AtomicBool,
    pub(crate) reconciliation: Mutex<Reconciliation>,
    pub(crate) reconciliation_progress: Notify,
}

/// The framework's current description, kept by the session so that a re-subscription (after
/// a failover, a lost stream, a new leader) says what the framework last told the master
/// rather than what it said at start: SUPPRESS, REVIVE and UPDATE_FRAMEWORK change it once the
/// master accepted them.
#[derive(Debug, Clone)]
pub(crate) struct Desired {
    pub(crate) framework_info: FrameworkInfo,
    pub(crate) suppressed_roles: BTreeSet<String>,
    pub(crate) offer_constraints: Option<OfferConstraints>,
}

impl Desired {
    /// The framework's roles: `roles` for a MULTI_ROLE framework, else its single `role`
    /// (`*` when unset), as the master reads them.
    pub(crate) fn roles(&self) -> Vec<String> {
        let info = &self.framework_info;
        let multi_role = info
            .capabilities
            .iter()
            .any(|c| c.r#type == Some(framework_info::capability::Type::MultiRole as i32));
        if multi_role {
            info.roles.clone()
        } else {
            #[allow(deprecated)] // `role` is how a single-role framework names its role.
            let role = info.role.clone();
            vec![role.unwrap_or_else(|| "*".into())]
        }
    }

    /// SUPPRESS of `roles` (all the framework's roles when empty) was accepted.
    pub(crate) fn suppressed(&mut self, roles: &[String]) {
        let roles = if roles.is_empty() {
            self.roles()
        } else {
            roles.to_vec()
        };
        self.suppressed_roles.extend(roles);
    }

    /// REVIVE of `roles` (all when empty) was accepted.
    pub(crate) fn revived(&mut self, roles: &[String]) {
        if roles.is_empty() {
            self.suppressed_roles.clear();
        } else {
            for role in roles {
                self.suppressed_roles.remove(role);
            }
        }
    }
}

/// The explicit reconciliation in progress: tasks that have not answered yet.
#[derive(Default)]
pub(crate) struct Reconciliation {
    pub(crate) generation: u64,
    pub(crate) remaining: HashMap<String, Option<AgentId>>,
}

impl Shared {
    pub(crate) fn current_caller(&self, call: &'static str) -> Result<Caller, Error> {
        if *self.closed.borrow() {
            return Err(Error::Closed);
        }
        self.caller
            .borrow()
            .clone()
            .ok_or_else(|| Error::NotSubscribed {
                call,
                reason: locked(&self.down_reason).clone(),
            })
    }

    fn set_down(&self, reason: &str) {
        *locked(&self.down_reason) = reason.to_string();
        self.set_caller(None);
    }

    /// Makes `caller` the current call path. The previous subscription's acknowledgements
    /// stop (its stream id is void now); only after the switch, so that whoever waited for
    /// room in its window wakes up to the new one.
    fn set_caller(&self, caller: Option<Caller>) {
        if let Some(previous) = self.caller.send_replace(caller) {
            previous.end_acknowledgements();
        }
    }
}

/// Entry point of the long-lived scheduler session.
///
/// ```no_run
/// use futures_util::StreamExt;
/// use mesos_sdk::detector::StaticDetector;
/// use mesos_sdk::scheduler::{SchedulerConfig, Session, SessionEvent};
/// use mesos_sdk::v1::FrameworkInfo;
///
/// # async fn run() -> Result<(), mesos_sdk::Error> {
/// let config = SchedulerConfig::new(FrameworkInfo {
///     user: "nobody".into(),
///     name: "example".into(),
///     failover_timeout: Some(3600.0),
///     ..Default::default()
/// });
/// let (scheduler, mut events) =
///     Session::start(config, StaticDetector::new("127.0.0.1:5050".parse()?))?;
/// while let Some(event) = events.next().await {
///     match event? {
///         SessionEvent::Subscribed { framework_id, .. } => println!("as {}", framework_id.value),
///         SessionEvent::Event(e) => println!("{:?}", e.r#type()),
///         other => println!("{other:?}"),
///     }
/// }
/// # drop(scheduler);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Session;

impl Session {
    /// Starts a session that follows `detector`'s leader. Returns at once: the handle for
    /// calls and the event stream; the first [`SessionEvent::Subscribed`] arrives once a
    /// master accepted the subscription. Must be called inside a tokio runtime.
    pub fn start<D: MasterDetector>(
        config: SchedulerConfig,
        detector: D,
    ) -> Result<(SchedulerHandle, SessionEvents), Error> {
        let connector = Connector::new(config.tls.clone(), config.connect_timeout)?;
        let (tx, rx) = mpsc::channel(config.event_buffer);
        let mut config = config;
        let mut from_store = None;
        if config.framework_info.id.is_none()
            && let Some(store) = &config.framework_id_store
        {
            from_store = store.load()?;
            config.framework_info.id = from_store.clone();
        }
        let framework_id = config.framework_info.id.clone();
        let desired = Desired {
            framework_info: config.framework_info.clone(),
            suppressed_roles: config.suppressed_roles.iter().cloned().collect(),
            offer_constraints: config.offer_constraints.clone(),
        };
        let (caller, _) = watch::channel(None);
        let (closed, _) = watch::channel(false);
        let shared = Arc::new(Shared {
            config,
            caller,
            down_reason: Mutex::new("not subscribed yet".into()),
            framework_id: Mutex::new(framework_id),
            desired: Mutex::new(desired),
            stored_id: Mutex::new(from_store),
            closed,
            tearing_down: std::sync::atomic::AtomicBool::new(false),
            reconciliation: Mutex::new(Reconciliation::default()),
            reconciliation_progress: Notify::new(),
        });
        let span = tracing::info_span!(
            "mesos_scheduler_session",
            framework = %shared.config.framework_info.name
        );
        let leader = detector.leader();
        tokio::spawn(
            run(shared.clone(), connector, leader, tx, Box::new(detector)).instrument(span),
        );
        Ok((
            SchedulerHandle::new(shared.clone()),
            SessionEvents::new(rx, shared),
        ))
    }
}

/// Why a subscription ended.
enum End {
    /// Subscribe again (after a backoff unless `immediately`).
    Retry { reason: String, immediately: bool },
    /// End the session with this error.
    Fatal(Error),
    /// The application closed the session or dropped the event stream.
    Closed,
}

async fn run(
    shared: Arc<Shared>,
    connector: Connector,
    mut leader: watch::Receiver<Option<Endpoint>>,
    tx: mpsc::Sender<Result<SessionEvent, Error>>,
    _detector: Box<dyn MasterDetector>,
) {
    let mut closed = shared.closed.subscribe();
    let mut backoff = shared.config.backoff_min;
    let mut delay_connect = false;
    // The leader last reported to the application, to report each change once.
    let mut reported: Option<Option<Endpoint>> = None;
    loop {
        // Wait for a leader.
        let target = loop {
            if *closed.borrow() {
                return finish(&shared, &tx, None).await;
            }
            let current = leader.borrow_and_update().clone();
            if reported.as_ref().is_some_and(|r| *r != current) {
                let event = SessionEvent::LeaderChanged {
                    leader: current.clone(),
                };
                if tx.send(Ok(event)).await.is_err() {
                    return finish(&shared, &tx, None).await;
                }
            }
            reported = Some(current.clone());
            if let Some(endpoint) = current {
                break endpoint;
            }
            shared.set_down("no leading master is known");
            tokio::select! {
                changed = leader.changed() => {
                    if changed.is_err() {
                        let error = Error::Subscribe {
                            endpoint: String::new(),
                            reason: "the master detector stopped".into(),
                        };
                        return finish(&shared, &tx, Some(error)).await;
                    }
                    delay_connect = true;
                }
                _ = closed.changed() => {}
            }
        };
        if delay_connect {
            // Mesos' library waits a random time in [0, connection_delay_max] before connecting
            // to a newly detected leader, so schedulers do not stampede it.
            let max = shared.config.connection_delay_max;
            if !max.is_zero() {
                let wait = max.mul_f64(rand::rng().random_range(0.0..=1.0));
                tokio::time::sleep(wait).await;
            }
            delay_connect = false;
        }

        let end = subscribe_and_serve(&shared, &connector, &target, &mut leader, &tx).await;
        match end {
            End::Closed => return finish(&shared, &tx, None).await,
            End::Fatal(error) => return finish(&shared, &tx, Some(error)).await,
            End::Retry { .. }
                if shared
                    .tearing_down
                    .load(std::sync::atomic::Ordering::SeqCst) =>
            {
                // The master closed the stream because the framework was torn down.
                return finish(&shared, &tx, None).await;
            }
            End::Retry {
                reason,
                immediately,
            } => {
                shared.set_down(&reason);
                metrics::counter!("mesos_scheduler_disconnections_total").increment(1);
                tracing::warn!(%reason, "scheduler subscription lost");
                if tx
                    .send(Ok(SessionEvent::Disconnected {
                        reason: reason.clone(),
                    }))
                    .await
                    .is_err()
                {
                    return finish(&shared, &tx, None).await;
                }
                if immediately {
                    backoff = shared.config.backoff_min;
                    delay_connect = true;
                    continue;
                }
                let wait = jittered(backoff);
                backoff = (backoff * 2).min(shared.config.backoff_max);
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = closed.changed() => {}
                    // A new leader ends the wait early.
                    _ = leader.changed() => { delay_connect = true; }
                }
            }
        }
    }
}

async fn finish(
    shared: &Shared,
    tx: &mpsc::Sender<Result<SessionEvent, Error>>,
    error: Option<Error>,
) {
    shared.set_down("the session is closed");
    shared.closed.send_replace(true);
    shared.reconciliation_progress.notify_waiters();
    if let Some(error) = error {
        tracing::error!(%error, "scheduler session ended");
        let _ = tx.send(Err(error)).await;
    }
}

async fn subscribe_and_serve(
    shared: &Shared,
    connector: &Connector,
    target: &Endpoint,
    leader: &mut watch::Receiver<Option<Endpoint>>,
    tx: &mpsc::Sender<Result<SessionEvent, Error>>,
) -> End {
    let mut config = shared.config.clone();
    {
        // What the framework last told the master, not what it said at start.
        let desired = locked(&shared.desired).clone();
        config.framework_info = desired.framework_info;
        config.suppressed_roles = desired.suppressed_roles.into_iter().collect();
        config.offer_constraints = desired.offer_constraints;
    }
    // A poisoned lock must not lose the id: re-subscribing without it would register a new
    // framework and orphan every task.
    let known_id = locked(&shared.framework_id).clone();
    config.framework_info.id = known_id.clone();
    let mut closed = shared.closed.subscribe();

    let subscribing = Connection::subscribe_with(connector, target, &config);
    tokio::pin!(subscribing);
    // A new leader while subscribing: give this one up at once and go to the new one (a
    // master that hangs must not hold the session for its timeouts).
    let mut watching = true;
    let connection = loop {
        tokio::select! {
            result = &mut subscribing => break result,
            _ = closed.changed() => return End::Closed,
            changed = leader.changed(), if watching => {
                if changed.is_err() {
                    // The detector is gone; this subscription goes on (the loop reports it).
                    watching = false;
                    continue;
                }
                let now = leader.borrow().clone();
                if now.as_ref() != Some(target) {
                    return End::Retry {
                        reason: format!("the leading master changed while subscribing to {target}"),
                        immediately: true,
                    };
                }
            }
        }
    };
    let connection = match connection {
        Ok(c) => c,
        Err(error) if error.is_retryable() => {
            return End::Retry {
                reason: format!("subscribing to {target}: {error}"),
                immediately: false,
            };
        }
        Err(Error::Framework { message }) => return End::Fatal(framework_error(shared, message)),
        Err(error) => return End::Fatal(error),
    };
    let master = connection.endpoint().clone();
    let interval = connection
        .heartbeat_interval()
        .unwrap_or(config.default_heartbeat_interval);
    // Saturating: the interval is the peer's to choose.
    let watchdog = interval.saturating_mul(config.heartbeat_misses);
    let (subscribed, mut events, caller) = connection.into_parts();
    let framework_id = subscribed.framework_id.clone();
    *locked(&shared.framework_id) = Some(framework_id.clone());
    if let Some(store) = &shared.config.framework_id_store {
        let mut stored = locked(&shared.stored_id);
        if stored.as_ref() != Some(&framework_id) {
            // A scheduler that cannot keep its id would orphan its tasks on the next restart.
            if let Err(error) = store.save(&framework_id) {
                return End::Fatal(error);
            }
            *stored = Some(framework_id.clone());
        }
    }
    shared.set_caller(Some(caller.clone()));
    metrics::counter!("mesos_scheduler_subscriptions_total").increment(1);
    let announce = SessionEvent::Subscribed {
        framework_id,
        master: master.clone(),
        master_info: subscribed.master_info.map(Box::new),
        heartbeat_interval: interval,
        resubscribed: known_id.is_some(),
    };
    if tx.send(Ok(announce)).await.is_err() {
        return End::Closed;
    }
    // Tasks still waiting for an explicit reconciliation answer are asked again on every new
    // subscription (the new master may know more, or less).
    resend_reconciliation(shared, &caller);

    let mut implicit = shared
        .config
        .implicit_reconciliation_interval
        .map(|every| tokio::time::interval_at(tokio::time::Instant::now() + every, every));
    // The leader this subscription was made for; a detector change since then (even one made
    // before this point) ends it.
    let detected = Some(target.clone());
    loop {
        let tick = async {
            match implicit.as_mut() {
                Some(timer) => {
                    timer.tick().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            next = tokio::time::timeout(watchdog, events.next()) => {
                let event = match next {
                    Err(_) => {
                        metrics::counter!("mesos_scheduler_heartbeat_timeouts_total").increment(1);
                        let error = Error::HeartbeatTimeout {
                            endpoint: master.authority(),
                            silent_for: watchdog,
                        };
                        return End::Retry { reason: error.to_string(), immediately: false };
                    }
                    Ok(None) => {
                        return End::Retry {
                            reason: format!("{master} closed the event stream"),
                            immediately: false,
                        };
                    }
                    Ok(Some(Err(error))) => {
                        return End::Retry { reason: error.to_string(), immediately: false };
                    }
                    Ok(Some(Ok(event))) => event,
                };
                if let Some(end) = handle_event(shared, event, tx).await {
                    return end;
                }
            }
            changed = leader.changed() => {
                let now = leader.borrow().clone();
                if changed.is_err() {
                    return End::Fatal(Error::Subscribe {
                        endpoint: master.authority(),
                        reason: "the master detector stopped".into(),
                    });
                }
                if now != detected {
                    // Reported as LeaderChanged by the loop that picks the next target.
                    return End::Retry {
                        reason: match now {
                            Some(l) => format!("the leading master changed to {l}"),
                            None => "the leading master is no longer known".into(),
                        },
                        immediately: true,
                    };
                }
            }
            _ = tick => {
                let reconcile = Call {
                    r#type: Some(call::Type::Reconcile as i32),
                    reconcile: Some(call::Reconcile { tasks: Vec::new() }),
                    ..Default::default()
                };
                caller.submit(reconcile);
            }
            _ = closed.changed() => return End::Closed,
        }
    }
}

/// The error an ERROR event from the master ends the session with: when the master removed
/// the framework whose id came from the store, the error says so and names the choice.
fn framework_error(shared: &Shared, message: String) -> Error {
    let current = locked(&shared.framework_id).clone();
    let stored = locked(&shared.stored_id).clone();
    match (current, stored) {
        (Some(current), Some(stored)) if current == stored && message.contains("removed") => {
            Error::StoredFrameworkIdRemoved {
                framework_id: current.value,
                message,
            }
        }
        _ => Error::Framework { message },
    }
}

/// Delivers one event; returns how the subscription ends, if it does.
async fn handle_event(
    shared: &Shared,
    event: LazyEvent,
    tx: &mpsc::Sender<Result<SessionEvent, Error>>,
) -> Option<End> {
    let kind = event.r#type();
    metrics::counter!("mesos_scheduler_events_total", "type" => kind.as_str_name()).increment(1);
    // Read through the view: the session decodes nothing the application does not ask for.
    if kind == event::Type::Error {
        let message = event
            .view()
            .error()
            .map(|e| e.message().to_string())
            .unwrap_or_default();
        return Some(End::Fatal(framework_error(shared, message)));
    }
    // A task counts as answered once the application has its update queued, so whoever waits
    // on the reconciliation sees the update no later than the completion. Only tasks an
    // explicit reconciliation waits on are looked up.
    let answered = if kind == event::Type::Update {
        let reconciliation = locked(&shared.reconciliation);
        if reconciliation.remaining.is_empty() {
            None
        } else {
            event
                .view()
                .update()
                .map(|update| update.status().task_id().value())
                .filter(|task_id| reconciliation.remaining.contains_key(*task_id))
                .map(str::to_string)
        }
    } else {
        None
    };
    // Acknowledgements are sent when the application takes the event (`SessionEvents`).
    if tx.send(Ok(SessionEvent::Event(event))).await.is_err() {
        return Some(End::Closed);
    }
    if let Some(task_id) = answered {
        note_reconciliation_answer(shared, &task_id);
    }
    None
}

/// The ACKNOWLEDGE call for a status, if it needs one (it carries a uuid and an agent id).
pub(crate) fn acknowledge_call(status: &crate::v1::TaskStatus) -> Option<Call> {
    let uuid = status.uuid.clone().filter(|u| !u.is_empty())?;
    let agent_id = status.agent_id.clone()?;
    Some(acknowledge(agent_id, status.task_id.clone(), uuid))
}

/// The ACKNOWLEDGE call for the update of `task_id` on `agent_id` with `uuid`.
fn acknowledge(agent_id: AgentId, task_id: TaskId, uuid: Bytes) -> Call {
    Call {
        r#type: Some(call::Type::Acknowledge as i32),
        acknowledge: Some(call::Acknowledge {
            agent_id,
            task_id,
            uuid,
        }),
        ..Default::default()
    }
}

fn note_reconciliation_answer(shared: &Shared, task_id: &str) {
    let answered = locked(&shared.reconciliation)
        .remaining
        .remove(task_id)
        .is_some();
    if answered {
        shared.reconciliation_progress.notify_waiters();
    }
}

fn resend_reconciliation(shared: &Shared, caller: &Caller) {
    let tasks: Vec<call::reconcile::Task> = locked(&shared.reconciliation)
        .remaining
        .iter()
        .map(|(id, agent)| call::reconcile::Task {
            task_id: TaskId { value: id.clone() },
            agent_id: agent.clone(),
        })
        .collect();
    if tasks.is_empty() {
        return;
    }
    caller.submit(Call {
        r#type: Some(call::Type::Reconcile as i32),
        reconcile: Some(call::Reconcile { tasks }),
        ..Default::default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v1::{TaskState, TaskStatus};

    fn status(uuid: Option<&[u8]>, agent: Option<&str>) -> TaskStatus {
        TaskStatus {
            task_id: TaskId { value: "t".into() },
            state: TaskState::TaskRunning as i32,
            uuid: uuid.map(bytes::Bytes::copy_from_slice),
            agent_id: agent.map(|a| AgentId { value: a.into() }),
            ..Default::default()
        }
    }

    #[test]
    fn only_updates_with_a_uuid_are_acknowledged() {
        // Master-generated updates (reconciliation, invalid offers, agent removal) carry no
        // uuid; acknowledging them is a 400 (d2iq-archive/usi#57).
        assert!(acknowledge_call(&status(None, Some("a"))).is_none());
        assert!(acknowledge_call(&status(Some(b""), Some("a"))).is_none());
        assert!(acknowledge_call(&status(Some(&[1; 16]), None)).is_none());
        let call = acknowledge_call(&status(Some(&[1; 16]), Some("a"))).expect("acknowledged");
        assert_eq!(call.r#type(), call::Type::Acknowledge);
        let ack = call.acknowledge.expect("payload");
        assert_eq!(
            (ack.agent_id.value.as_str(), ack.task_id.value.as_str()),
            ("a", "t")
        );
        assert_eq!(&ack.uuid[..], &[1; 16]);
    }

    fn update_event(status: TaskStatus) -> LazyEvent {
        use prost::Message;
        let event = crate::v1::scheduler::Event {
            r#type: Some(event::Type::Update as i32),
            update: Some(event::Update { status }),
            ..Default::default()
        };
        LazyEvent::new(event.encode_to_vec().into()).expect("well-formed")
    }

    #[test]
    fn the_session_acknowledges_what_the_decoded_status_calls_for() {
        // The session reads the acknowledgement from the event's view; it must be the call
        // the decoded status gives, for every combination of uuid and agent.
        for uuid in [None, Some(&b""[..]), Some(&[7; 16][..])] {
            for agent in [None, Some("agent-1")] {
                let status = status(uuid, agent);
                assert_eq!(
                    acknowledgement(&update_event(status.clone())),
                    acknowledge_call(&status),
                    "uuid {uuid:?}, agent {agent:?}"
                );
            }
        }
    }

    #[test]
    fn operation_updates_are_acknowledged_from_the_view() {
        use crate::v1::{OperationId, OperationState, OperationStatus, ResourceProviderId, Uuid};
        use prost::Message;
        let operation = |uuid: Option<&[u8]>, id: Option<&str>| {
            let event = crate::v1::scheduler::Event {
                r#type: Some(event::Type::UpdateOperationStatus as i32),
                update_operation_status: Some(event::UpdateOperationStatus {
                    status: OperationStatus {
                        operation_id: id.map(|id| OperationId { value: id.into() }),
                        state: OperationState::OperationFinished as i32,
                        uuid: uuid.map(|u| Uuid {
                            value: bytes::Bytes::copy_from_slice(u),
                        }),
                        agent_id: Some(AgentId { value: "a".into() }),
                        resource_provider_id: Some(ResourceProviderId { value: "rp".into() }),
                        ..Default::default()
                    },
                }),
                ..Default::default()
            };
            acknowledgement(&LazyEvent::new(event.encode_to_vec().into()).expect("well-formed"))
        };
        // No uuid (an operation without an id is not acknowledged), an empty one, no id.
        assert!(operation(None, Some("op")).is_none());
        assert!(operation(Some(b""), Some("op")).is_none());
        assert!(operation(Some(&[3; 16]), None).is_none());
        let call = operation(Some(&[3; 16]), Some("op")).expect("acknowledged");
        assert_eq!(call.r#type(), call::Type::AcknowledgeOperationStatus);
        let ack = call.acknowledge_operation_status.expect("payload");
        assert_eq!(ack.operation_id.value, "op");
        assert_eq!(ack.agent_id.map(|a| a.value).as_deref(), Some("a"));
        assert_eq!(
            ack.resource_provider_id.map(|r| r.value).as_deref(),
            Some("rp")
        );
        assert_eq!(&ack.uuid[..], &[3; 16]);
    }
}
