//! An async Rust SDK for Apache Mesos frameworks: the scheduler and executor HTTP APIs,
//! leading-master detection, and resource arithmetic, on tokio.
//!
//! # A complete scheduler
//!
//! Runs `echo hello` once on any agent, prints the task's status updates, and removes the
//! framework when the task has ended. The session follows the leading master, subscribes again
//! after failures and acknowledges updates; offers it does not need are declined for an hour.
//! (This is the `hello` example of the repository; run it against `mesos-sim --port 5050`.)
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use mesos_sdk::builders::TaskBuilder;
//! use mesos_sdk::offers::{ResourceRequest, find_fit, launch, refuse_for};
//! use mesos_sdk::scheduler::{SchedulerConfig, Session, TypedEvent};
//! use mesos_sdk::task_state::is_terminal;
//! use mesos_sdk::v1::FrameworkInfo;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), mesos_sdk::Error> {
//!     let master = std::env::args().nth(1).unwrap_or("127.0.0.1:5050".into());
//!     let framework = FrameworkInfo {
//!         user: std::env::var("USER").unwrap_or("root".into()), // the Unix user tasks run as
//!         name: "hello".into(),
//!         ..Default::default()
//!     };
//!     // The session follows the leading master, re-subscribes and acknowledges updates.
//!     let detector = mesos_sdk::detector::for_url(&master)?;
//!     let (scheduler, events) = Session::start(SchedulerConfig::new(framework), detector)?;
//!     let mut events = events.typed();
//!     let wanted = ResourceRequest::new().cpus(0.1).mem(32.0);
//!     let mut launched = false;
//!
//!     while let Some(event) = events.next().await {
//!         match event? {
//!             TypedEvent::Offers(offers) => {
//!                 for offer in offers {
//!                     let Some(resources) = find_fit(&offer, &wanted).filter(|_| !launched) else {
//!                         scheduler
//!                             .decline(vec![offer.id], Some(refuse_for(3600.0)))
//!                             .await?;
//!                         continue;
//!                     };
//!                     let task = TaskBuilder::new("hello-1", &offer.agent_id)
//!                         .shell("echo hello")
//!                         .resources(resources)
//!                         .build();
//!                     scheduler
//!                         .accept(vec![offer.id], vec![launch(vec![task])], None)
//!                         .await?;
//!                     scheduler.suppress(vec![]).await?; // no more offers wanted
//!                     launched = true;
//!                 }
//!             }
//!             TypedEvent::Update(status) => {
//!                 println!(
//!                     "{} is {}",
//!                     status.task_id.value,
//!                     status.state().as_str_name()
//!                 );
//!                 if is_terminal(status.state()) {
//!                     scheduler.teardown().await?; // removes the framework from the master
//!                     break;
//!                 }
//!             }
//!             _ => {}
//!         }
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Modules
//!
//! The crate is built in layers, each usable on its own:
//!
//! | module | what it holds |
//! |---|---|
//! | [`v1`] | The Mesos v1 wire types, re-exported from [`mesos_proto`]: [`v1::TaskInfo`], [`v1::scheduler::Call`] and [`v1::scheduler::Event`], [`v1::executor`], and the operator API's [`v1::master`] and [`v1::agent`]. |
//! | [`view`] | Zero-copy views of encoded scheduler and executor events ([`view::scheduler::EventView`]), reading fields straight from the bytes, and [`view::Checked`] bytes that hand them out. |
//! | [`operator`] | The operator API: [`operator::MasterClient`] (every master call typed, following the leader, and the [`operator::OperatorEvents`] stream) and [`operator::AgentClient`] (state, containers, sandbox files). |
//! | [`scheduler`] | The scheduler API: [`scheduler::Session`] (leader following, re-subscription, heartbeat watchdog, acknowledgements, reconciliation) with its [`scheduler::SchedulerHandle`] and [`scheduler::SessionEvents`], whose events are [`scheduler::LazyEvent`]s (checked on arrival, read in place, decoded on demand); the low-level [`scheduler::Connection`]; [`scheduler::SchedulerConfig`]. |
//! | [`executor`] | The executor API: [`executor::ExecutorConfig`] from the agent's `MESOS_*` environment, and [`executor::Executor`], a session that sends updates reliably and survives agent restarts. |
//! | [`detector`] | Where the leading master is: [`detector::MasterDetector`], [`detector::StaticDetector`], [`detector::ZooKeeperDetector`], and [`detector::for_url`] for what users type. |
//! | [`offers`] | Matching resource requests and hostname/attribute predicates against offers ([`offers::find_fit`]), keeping the offers held ([`offers::OfferIndex`]), building offer operations ([`offers::launch`], [`offers::reserve`], ...), packing tasks into one agent's offers ([`offers::OfferPlanner`]). |
//! | [`resources`] | Resource arithmetic as Mesos does it: fixed-point [`resources::Scalar`]s, coalesced [`resources::Ranges`], [`resources::Set`]s, reservations and allocation roles in [`resources::Resources`], and the agent's `--resources` text form. |
//! | [`recordio`] | The RecordIO framing of Mesos event streams, as a `tokio_util` codec. |
//! | [`transport`] | What the clients share: [`Encoding`] (protobuf, or JSON with the `json` feature), [`Credentials`], [`TlsConfig`]. |
//! | [`task_state`], [`duration`] | Which task states are terminal; Mesos' duration syntax (`15secs`). |
//!
//! Errors are one type, [`Error`]; [`Error::is_retryable`] tells what may succeed later.
//! With the `json` feature, `mesos_sdk::json` reads and writes Mesos' JSON form of any
//! message.
//!
//! # Observability
//!
//! Logs go through `tracing` (spans `mesos_scheduler_session`, `mesos_calls`,
//! `mesos_executor`). Counters go through the `metrics` facade, so they reach whatever
//! recorder the application installs and cost nothing without one:
//!
//! | metric | labels | counts |
//! |---|---|---|
//! | `mesos_scheduler_subscriptions_total` | | successful scheduler subscriptions (first and re-subscriptions) |
//! | `mesos_scheduler_disconnections_total` | | scheduler subscriptions lost (the session subscribes again) |
//! | `mesos_scheduler_heartbeat_timeouts_total` | | subscriptions given up because no event came within the heartbeat watchdog's limit |
//! | `mesos_scheduler_events_total` | `type` (`OFFERS`, `UPDATE`, ...) | events received by scheduler sessions |
//! | `mesos_calls_total` | `call` (`ACCEPT`, `UPDATE`, ...), `outcome` (`ok`, `error`) | calls sent by schedulers and executors, with their outcome |
//! | `mesos_calls_dropped_total` | `call` | background calls (reconciliations, executor heartbeats) dropped because the call queue and its overflow were full: the peer is slow or stalled. Automatic acknowledgements are never dropped: when too many are unanswered, the next status update waits |
//! | `mesos_detector_errors_total` | | problems of ZooKeeper master detection |
//!
//! # More
//!
//! The guide (`docs/` in the repository, <https://github.com/mesos-rs/mesos-rs>) explains
//! schedulers, executors, offers, failover and testing with `mesos-sim`, an in-process Mesos
//! master and agents.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use mesos_proto::v1;
pub use mesos_proto::view;

#[cfg(feature = "json")]
#[cfg_attr(docsrs, doc(cfg(feature = "json")))]
pub use mesos_proto::json;

pub mod builders;
pub mod detector;
pub mod duration;
mod endpoint;
mod error;
pub mod executor;
pub mod offers;
pub mod operator;
pub mod recordio;
pub mod resources;
pub mod scheduler;
pub mod task_state;
pub mod transport;

pub use endpoint::Endpoint;
pub use error::{BoxError, Error};
pub use transport::{Credentials, Encoding, TlsConfig};

// The README's example, compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
