//! The knobs of a simulated cluster, shared by the master, the agents and the binary.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// Mesos' agent default when `--resources` is not given, per agent.
pub const DEFAULT_AGENT_RESOURCES: &str = "cpus:4;mem:8192;disk:10240;ports:[31000-32000]";

/// Settings of one simulated cluster.
#[derive(Clone, Debug)]
pub(crate) struct SimConfig {
    /// Interval of scheduler HEARTBEAT events, announced in SUBSCRIBED (Mesos: always 15 s).
    pub(crate) heartbeat_interval: Duration,
    /// Batch allocation interval (`--allocation_interval`, default 1 s).
    pub(crate) allocation_interval: Duration,
    /// First retry of an unacknowledged status update (agent: 10 s, doubling to 10 min).
    pub(crate) status_update_retry: Duration,
    /// Cap of the status update retry backoff.
    pub(crate) status_update_retry_max: Duration,
    /// Events buffered per subscriber before a subscriber that does not read is disconnected.
    pub(crate) event_queue_capacity: usize,
    /// Root of the agents' sandboxes.
    pub(crate) work_dir: PathBuf,
    /// Credentials (principal, secret) for HTTP Basic authentication of frameworks; `None`
    /// disables authentication (`--authenticate_http_frameworks` off).
    pub(crate) credentials: Option<Vec<(String, String)>>,
    /// Tasks are reported RUNNING and FINISHED without spawning processes.
    pub(crate) synthetic: bool,
    /// How long the leading master's registry recovery takes after it is elected (start and
    /// every leadership change); scheduler calls get 503 meanwhile. Zero by default.
    pub(crate) recovery_delay: Duration,
    /// Grace period of executor shutdown (`--executor_shutdown_grace_period`, 5 s).
    pub(crate) executor_shutdown_grace_period: Duration,
    /// How long a restarting agent takes to recover before its executors give up
    /// (`--recovery_timeout`, 15 mins); given to executors as `MESOS_RECOVERY_TIMEOUT`.
    pub(crate) agent_recovery_timeout: Duration,
    /// How long a custom executor has to subscribe before the agent destroys it
    /// (`--executor_registration_timeout`, 1 min).
    pub(crate) executor_registration_timeout: Duration,
    /// Interval of HEARTBEAT events to subscribed executors (30 mins upstream).
    pub(crate) executor_heartbeat_interval: Duration,
    /// Time without an answer to the master's pings after which an agent is marked
    /// unreachable: `--agent_ping_timeout` (15 s) times `--max_agent_ping_timeouts` (5).
    pub(crate) agent_unreachable_after: Duration,
    /// Role weights of the DRF role sorter (`--weights`, default 1 for every role).
    pub(crate) role_weights: HashMap<String, f64>,
    /// Agents with GPUs are offered only to GPU_RESOURCES frameworks
    /// (`--filter_gpu_resources`, default true).
    pub(crate) filter_gpu_resources: bool,
    /// `--min_allocatable_resources` (default `cpus:0.01|mem:32`).
    pub(crate) min_allocatable: crate::master::drf::MinAllocatable,
    /// Limits of every listening socket (master, standbys, agents).
    pub(crate) serve: crate::http::server::ServeLimits,
    /// The processes the agents started and have not reaped, and the work folder if the
    /// cluster made it: both go with the cluster.
    pub(crate) host: std::sync::Arc<crate::agent::process::Host>,
}
