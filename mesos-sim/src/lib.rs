//! `mesos-sim`: an in-process Apache Mesos master and agents speaking the real v1 HTTP API on
//! loopback, the test peer of `mesos-sdk` and a tool for framework authors.
//!
//! The master serves `/api/v1/scheduler` (also as `/master/api/v1/scheduler`) with Mesos'
//! status codes, order of checks, headers, RecordIO framing, heartbeats and validation, in
//! JSON and protobuf; the operator API at `/api/v1` (state, agents, frameworks, tasks,
//! MARK_AGENT_GONE, the SUBSCRIBE event stream); `/version`, `/redirect` and `/state`. Agents offer their resources and
//! run each task's command as a real child process with the `MESOS_*` environment, reporting
//! reliable status updates that are retried until acknowledged; custom executors (LAUNCH and
//! LAUNCH_GROUP) are spawned and must subscribe over `/api/v1/executor`. Each agent also
//! serves its operator API at `/api/v1` (state, containers, the sandboxes' files).
//!
//! # Starting a cluster in a test
//!
//! ```no_run
//! # async fn example() -> Result<(), mesos_sim::SimError> {
//! use std::time::Duration;
//!
//! let cluster = mesos_sim::Cluster::builder()
//!     .agents(2)
//!     .agent_resources("cpus:2;mem:1024;ports:[31000-31010]")
//!     .heartbeat_interval(Duration::from_secs(1)) // announced in SUBSCRIBED
//!     .start()
//!     .await?;
//! let url = cluster.master_url(); // "http://127.0.0.1:PORT": point the scheduler here
//! # let _ = url;
//! // ... run the framework, then inspect what the master saw:
//! let _state = cluster.state(); // the /state document
//! # Ok(()) }
//! ```
//!
//! Useful builder knobs: [`ClusterBuilder::allocation_interval`],
//! [`ClusterBuilder::status_update_retry`], [`ClusterBuilder::credential`] (HTTP Basic
//! authentication, 401 without it), [`ClusterBuilder::standby_masters`] (307/503 answers),
//! [`ClusterBuilder::zookeeper`] (election through a real ZooKeeper),
//! [`ClusterBuilder::synthetic`] (no processes, for scale), [`ClusterBuilder::recovery_delay`]
//! (503 while the registry recovers); the agents' timeouts
//! [`ClusterBuilder::agent_recovery_timeout`], [`ClusterBuilder::executor_registration_timeout`],
//! [`ClusterBuilder::executor_heartbeat_interval`] and the master's
//! [`ClusterBuilder::agent_unreachable_after`]. The allocator is upstream's DRF, with GPU
//! filtering, offer constraints and minimum allocatable resources; shape it with
//! [`ClusterBuilder::agent_attributes`], [`ClusterBuilder::role_weight`] and
//! [`ClusterBuilder::min_allocatable_resources`].
//!
//! # Inspecting and injecting faults
//!
//! Read: [`Cluster::framework_ids`], [`Cluster::is_connected`], [`Cluster::offer_ids`],
//! [`Cluster::task_state`], [`Cluster::unacknowledged_updates`],
//! [`Cluster::acknowledged_updates`], [`Cluster::operation_ids`],
//! [`Cluster::acknowledged_operation_updates`], [`Cluster::inverse_offer_ids`],
//! [`Cluster::inverse_offer_statuses`], [`Cluster::is_recovering`], [`Cluster::agent_ids`],
//! [`Cluster::executor_subscribed`], [`Cluster::executor_running`], [`Cluster::state`].
//!
//! Operator actions: [`Cluster::schedule_maintenance`] (the agents drain: offers carry
//! `unavailability`, frameworks get inverse offers), [`Cluster::cancel_maintenance`].
//!
//! Faults: [`Cluster::drop_subscription`], [`Cluster::set_heartbeats_stopped`],
//! [`Cluster::rescind_offer`], [`Cluster::lose_agent`] (healed by
//! [`Cluster::reregister_agent`]), [`Cluster::stop_agent`] (down until
//! [`Cluster::restart_agent`]: executors run on and must outlive the agent's absence),
//! [`Cluster::restart_agent`], [`Cluster::add_agent`] (or [`Cluster::add_agent_with`] an
//! [`AgentSpec`]), [`Cluster::fail_over`] (or [`Cluster::resign_leadership`] with ZooKeeper),
//! [`Cluster::set_standby_knows_leader`], [`Cluster::set_recovering`].
//!
//! # How tasks run
//!
//! Command tasks run under mesos-sim's command executor, and each task of a LAUNCH_GROUP
//! with a DEFAULT executor under a simulated default executor, with upstream's semantics
//! (`src/launcher/executor.cpp`, `src/launcher/default_executor.cpp`):
//!
//! - **Health checks** (`TaskInfo.health_check`, COMMAND, HTTP or TCP; defaults: delay 15 s,
//!   interval 10 s, timeout 20 s, 3 consecutive failures, grace period 10 s). COMMAND runs in
//!   the task's sandbox with its environment (exit 0 passes); HTTP GETs
//!   `http(s)://127.0.0.1:port/path` as `curl -L -k` would (200..399 passes); TCP connects to
//!   `127.0.0.1:port`. The first success, and the first after failures, sends TASK_RUNNING
//!   with `healthy: true`; every failure counted sends `healthy: false` (failures within the
//!   grace period before the first success are not counted), both with
//!   `REASON_TASK_HEALTH_CHECK_STATUS_UPDATED`. At `consecutive_failures` the task is killed
//!   (kill policy, else 3 s) and its TASK_KILLED says `healthy: false`; under the default
//!   executor every later terminal status of its tasks does (upstream's executor-wide flag).
//! - **Checks** (`TaskInfo.check`, same types and defaults): every status the executor builds
//!   carries `check_status`, empty of the check's type until a result; each change of the
//!   result (exit code, HTTP status code, whether TCP connected; a check that could not be
//!   performed is the empty result) sends TASK_RUNNING with it and
//!   `REASON_TASK_CHECK_STATUS_UPDATED`.
//! - **Task groups**: when a task of a group ends TASK_FAILED or TASK_KILLED, the default
//!   executor kills the other active tasks of the group (3 s grace), unless it is shutting
//!   down; so a KILL of one task kills its group. SHUTDOWN of the default executor kills each
//!   of its tasks.
//! - **Container images**: there is no image store. A task whose MESOS container names an
//!   image runs its command on the host (the image is not used); one without a command value
//!   (the image's entrypoint) fails its container launch at once with TASK_FAILED and
//!   `REASON_CONTAINER_LAUNCH_FAILED`, naming the image: from the agent (`SOURCE_AGENT`) for a
//!   command task, from the default executor (`SOURCE_EXECUTOR`, after TASK_STARTING) for a
//!   task of a group.
//!
//! In synthetic mode no process runs: checks and images are ignored, the group rules hold.
//!
//! # Held to the real master
//!
//! The workspace's scenarios run against mesos-sim and a real Mesos 1.11.0 alike, and
//! `tests/differential.rs` sends the same scripted requests to both and compares status
//! codes, content types, error messages, plain endpoints (`/master/health`, unknown paths),
//! the SUBSCRIBE stream's head and task state sequences.
//!
//! ## Differences from the real master
//!
//! Those that remain, and why:
//!
//! - **JSON parse errors.** The text after `Failed to parse body into JSON: ` is the
//!   parser's own (picojson's `syntax error at line 1 near: ...` in Mesos, serde_json's
//!   here); the prefix and the 400 are the same.
//! - **The first HEARTBEAT and OFFERS.** The real master sends both right after SUBSCRIBED
//!   in either order (the heartbeater and the allocator race); mesos-sim always sends the
//!   HEARTBEAT first. Clients must accept both orders.
//! - **Endpoints.** mesos-sim serves the scheduler API, the agents' executor API, the
//!   master and agent operator APIs (`/api/v1`, below), `/state`, `/version`, `/redirect`
//!   and `/health`; not the other read-only endpoints (`/master/frameworks`,
//!   `/metrics/snapshot`, the agents' `/state` and `/files/...`), which answer libprocess'
//!   404.
//! - **The master operator API** (`/api/v1`, `/master/api/v1` and the deeper paths
//!   libprocess routes there) has upstream's order of checks and status codes, both
//!   encodings, standbys' 307, and serves GET_HEALTH, GET_VERSION, GET_FLAGS (the flags
//!   mesos-sim has), GET_STATE, GET_AGENTS, GET_FRAMEWORKS, GET_EXECUTORS, GET_TASKS,
//!   GET_ROLES, GET_MASTER, GET_WEIGHTS, UPDATE_WEIGHTS, TEARDOWN, MARK_AGENT_GONE and
//!   SUBSCRIBE; DEACTIVATE_AGENT, REACTIVATE_AGENT and DRAIN_AGENT (`max_grace_period`,
//!   `mark_gone`; the agent's `deactivated`, `drain_info` and estimated drain start in
//!   GET_AGENTS and `/state`); and the maintenance schedule per machine (hostname and IP):
//!   GET_/UPDATE_MAINTENANCE_SCHEDULE, GET_MAINTENANCE_STATUS, START_ and STOP_MAINTENANCE.
//!   GET_METRICS and GET_OPERATIONS answer empty lists. RESERVE_RESOURCES (with or without
//!   `source`, refinements included), UNRESERVE_RESOURCES, CREATE_VOLUMES, DESTROY_VOLUMES,
//!   GROW_VOLUME and SHRINK_VOLUME have upstream's validation and wording (400), rescind
//!   the agent's offers holding what they consume (with the default five-second filter),
//!   answer 409 with `Resources::apply`'s "... does not contain ..." when the agent does not
//!   have it free, else 202; the agent's total changes at once (GET_AGENTS'
//!   `total_resources` in the master's `ENDPOINT` format, `/state`'s reserved and unreserved
//!   resources, the next offers to the role's frameworks). The real master also tracks each
//!   such operation until its agent reports it finished (GET_OPERATIONS may list it
//!   briefly); here it is done when the call answers, and GET_OPERATIONS stays empty.
//!   Resources that an operation empties are removed in place, where upstream swaps the
//!   last resource into their slot, so the order of resources in a later 409's text can
//!   differ. GET_QUOTA answers the empty status of a master without quota: the allocator
//!   has no quota model, so UPDATE_QUOTA and the deprecated SET_QUOTA and REMOVE_QUOTA
//!   answer 501, as do logging (SET_LOGGING_LEVEL) and files (LIST_FILES, READ_FILE),
//!   naming the call. The registry's side of the agent and maintenance calls is immediate: a drained agent is DRAINED (or gone) in the same step as its
//!   last task's acknowledgement, a machine's agents are removed before START_MAINTENANCE
//!   answers, whereas the real master answers first and updates its registry after.
//!   `Cluster::schedule_maintenance` schedules single agents; the GET calls list each such
//!   agent as a machine of its own. UPDATE_WEIGHTS changes the weights GET_FLAGS and
//!   `/state`'s flags show (the real master's flags keep `--weights` as given). Agents
//!   report the capabilities MULTI_ROLE, HIERARCHICAL_ROLE, RESERVATION_REFINEMENT and
//!   AGENT_DRAINING only (a real 1.11.0 agent also reports RESOURCE_PROVIDER, RESIZE_VOLUME,
//!   AGENT_OPERATION_FEEDBACK and TASK_RESOURCE_LIMITS), and `/state` counts a stopped agent
//!   among the activated ones, as integers (the real master writes floating-point counts).
//!   Its answers differ from the real master's in two fields: the real master writes the
//!   v0 `checkpoint` in `agent_info` (v1's `AgentInfo` has no such field), and task statuses
//!   carry no `container_status`. Operator events are derived from the state each time the
//!   master's lock is released, so changes made under one hold of the lock arrive as their
//!   end result; TASK_UPDATED follows the status the scheduler is sent, as upstream's.
//! - **The agent operator API** (`/api/v1` and `/slave(1)/api/v1` on each agent's own
//!   port, and the deeper paths libprocess routes there) has the agent's order of checks
//!   (`Accept` before the body, `Message-Content-Type`/`Message-Accept`, RecordIO requests
//!   refused for calls that do not stream), both encodings, and serves GET_HEALTH,
//!   GET_FLAGS (the flags mesos-sim has), GET_VERSION, GET_AGENT, GET_STATE,
//!   GET_FRAMEWORKS, GET_EXECUTORS (the command executor described as upstream's agent
//!   describes it, naming `mesos-executor` without a launcher directory), GET_TASKS
//!   (queued, launched, terminated and completed as the agent files them), GET_CONTAINERS
//!   (one per running executor, each task of a task group being one; limits from its
//!   resources and the command executor's allowance, CPU times and resident memory of
//!   its processes from `/proc`), LIST_FILES and READ_FILE on the sandboxes, attached as
//!   upstream attaches them: the run directory itself, `<run>/../latest` and
//!   `/frameworks/<F>/executors/<E>/runs/latest`, kept after the executor ends. The
//!   sandboxes live under `<work_dir>/agents/<agent id>/` rather than upstream's
//!   `<work_dir>/slaves/<agent id>/`, and a task's `statuses` hold its latest status only.
//!   The calls that need containers mesos-sim does not launch (nested, standalone and
//!   debug containers, attaching), GET_METRICS, the logging level, GET_OPERATIONS,
//!   resource providers and PRUNE_IMAGES answer 501 naming the call, after validation
//!   of their payload's presence (not of the container ids or resources in it).
//! - **Containers** (an executor, a command task) run in a session of their own, as the
//!   agent's launcher starts them, and go whole: what their process started and left
//!   behind is killed when it exits, kills reach every process of the session, and
//!   dropping the [`Cluster`] kills every container still running, then removes a default
//!   work directory ([`Cluster::work_dir`]).
//! - **Command tasks** are run by mesos-sim's own command executor. The real peer used in
//!   the comparison runs them under a stand-in for upstream's `mesos-executor` (which is
//!   not part of libmesos), so their status sequences are compared against that stand-in.
//!
//! # The binary
//!
//! `mesos-sim --port 5050 --agents 3 [--agent-resources "cpus:4;mem:8192;ports:[31000-32000]"]
//! [--agent-attributes "rack:a"] [--weights web=2] [--min-allocatable-resources "cpus:0.01|mem:32"]
//! [--zk zk://127.0.0.1:2181/mesos] [--heartbeat-interval 15secs] [--standby-masters N]
//! [--synthetic] [--credentials FILE]` serves until interrupted. Its sockets close a connection
//! whose client takes too long to send its headers and keep a bounded number of connections
//! open ([`ClusterBuilder::header_read_timeout`], [`ClusterBuilder::max_connections`]).

// The wire format still carries deprecated fields (`Resource.role`, `FrameworkInfo.role`)
// that a master reads and writes; the simulator must handle them exactly as Mesos does.
#![allow(deprecated)]

mod agent;
mod attributes;
mod cluster;
mod config;
mod error;
mod http;
mod master;
mod required;
mod resources;
mod zookeeper;

pub use cluster::{AgentSpec, Cluster, ClusterBuilder};
pub use config::DEFAULT_AGENT_RESOURCES;

/// Parses a Mesos (stout) duration such as `15secs` or `250ms`, as the binary's flags take
/// them; `mesos_sdk::duration::parse_duration` with this crate's error type.
///
/// ```
/// use std::time::Duration;
/// assert_eq!(mesos_sim::parse_duration("15secs")?, Duration::from_secs(15));
/// assert_eq!(mesos_sim::parse_duration("250ms")?, Duration::from_millis(250));
/// assert!(mesos_sim::parse_duration("15s").is_err());
/// # Ok::<(), mesos_sim::SimError>(())
/// ```
pub fn parse_duration(text: &str) -> Result<std::time::Duration, SimError> {
    mesos_sdk::duration::parse_duration(text).map_err(|_| SimError::InvalidDuration {
        text: text.to_string(),
    })
}
pub use error::SimError;
pub use master::endpoints::MESOS_VERSION;

// The README's example, compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
