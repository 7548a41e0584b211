//! The scheduler HTTP API: a low-level [`Connection`] that does exactly what the protocol
//! says, and a long-lived [`Session`] on top that follows the leader, re-subscribes with the
//! framework id, watches heartbeats, and acknowledges updates.
//!
//! Layers, so you take as much help as you want:
//!
//! - [`Connection::subscribe`]: one SUBSCRIBE (redirects followed, `503` retried), giving the
//!   SUBSCRIBED event, an [`EventStream`] and a [`Caller`] that sends calls in order on a
//!   dedicated connection with the subscription's `Mesos-Stream-Id`.
//! - [`Session::start`]: a [`SchedulerHandle`] with one method per call, and a
//!   [`SessionEvents`] stream of the master's events plus connection-state events.
//!
//! # A complete scheduler
//!
//! Runs `echo hello` once on any agent, prints its status updates, and tears the framework
//! down when the task is over. Updates are acknowledged by the session; offers it does not
//! need are declined for an hour, and it suppresses offers once the task is launched.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use mesos_sdk::detector;
//! use mesos_sdk::offers::{ResourceRequest, find_fit, launch, refuse_for};
//! use mesos_sdk::scheduler::{SchedulerConfig, Session, SessionEvent};
//! use mesos_sdk::v1::scheduler::event;
//! use mesos_sdk::v1::{CommandInfo, FrameworkInfo, TaskId, TaskInfo, TaskState};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), mesos_sdk::Error> {
//!     let framework = FrameworkInfo {
//!         user: "nobody".into(),
//!         name: "hello".into(),
//!         failover_timeout: Some(3600.0),
//!         ..Default::default()
//!     };
//!     let detector = detector::for_url("127.0.0.1:5050")?;
//!     let (scheduler, mut events) = Session::start(SchedulerConfig::new(framework), detector)?;
//!     let request = ResourceRequest::new().cpus(0.1).mem(32.0);
//!     let mut launched = false;
//!
//!     while let Some(event) = events.next().await {
//!         let SessionEvent::Event(event) = event? else { continue };
//!         match event.r#type() {
//!             event::Type::Offers => {
//!                 for offer in event.into_event().offers.map(|o| o.offers).unwrap_or_default() {
//!                     let fit = if launched { None } else { find_fit(&offer, &request) };
//!                     let Some(resources) = fit else {
//!                         scheduler.decline(vec![offer.id], Some(refuse_for(3600.0))).await?;
//!                         continue;
//!                     };
//!                     let task = TaskInfo {
//!                         name: "hello".into(),
//!                         task_id: TaskId { value: "hello-1".into() },
//!                         agent_id: offer.agent_id.clone(),
//!                         resources: resources.into_vec(),
//!                         command: Some(CommandInfo {
//!                             value: Some("echo hello".into()),
//!                             ..Default::default()
//!                         }),
//!                         ..Default::default()
//!                     };
//!                     scheduler.accept(vec![offer.id], vec![launch(vec![task])], None).await?;
//!                     scheduler.suppress(vec![]).await?;
//!                     launched = true;
//!                 }
//!             }
//!             event::Type::Update => {
//!                 let Some(status) = event.into_event().update.map(|u| u.status) else {
//!                     continue;
//!                 };
//!                 println!("{} is {:?}", status.task_id.value, status.state());
//!                 if !matches!(
//!                     status.state(),
//!                     TaskState::TaskStaging | TaskState::TaskStarting | TaskState::TaskRunning
//!                 ) {
//!                     scheduler.teardown().await?;
//!                     break;
//!                 }
//!             }
//!             _ => {}
//!         }
//!     }
//!     Ok(())
//! }
//! ```

mod caller;
pub mod calls;
mod config;
mod connection;
mod handle;
mod id_store;
mod lazy;
mod session;
mod typed;

pub use crate::transport::CallResponse;
pub use caller::Caller;
pub use calls::{RecordingScheduler, SchedulerCalls};
pub use config::SchedulerConfig;
pub use connection::{Connection, MAX_HEARTBEAT_INTERVAL, SCHEDULER_API_PATH};

/// The scheduler events of one subscription (see [`crate::transport::EventStream`]).
pub type EventStream = crate::transport::EventStream<LazyEvent>;
pub use handle::{FrameworkUpdate, SchedulerHandle};
pub use id_store::{FileFrameworkIdStore, FrameworkIdStore};
pub use lazy::LazyEvent;
pub use session::{Session, SessionEvent, SessionEvents};
pub use typed::{TypedEvent, TypedEvents};
