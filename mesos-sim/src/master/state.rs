//! The master's bookkeeping: frameworks, their subscriptions, offers, tasks and filters, plus
//! the agents it manages. Everything lives behind one lock and is never held across `.await`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use bytes::Bytes;
use mesos_sdk::v1::{
    FrameworkInfo, MasterInfo, Offer, TaskInfo, TaskState, TaskStatus, framework_info,
};
use tokio::sync::mpsc;
use tokio::time::Instant;
use uuid::Uuid;

use super::maintenance::{InverseOfferRecord, MaintenanceState};
use super::operations::OperationRecord;
use mesos_sdk::v1::scheduler::OfferConstraints;

use super::drf::AllocationCounts;
use super::offer_constraints::OfferConstraintsFilter;
use crate::agent::Agent;
use crate::config::SimConfig;
use crate::http::media::Encoding;
use crate::resources::Resources;

/// Completed tasks kept per framework for `/state` (`--max_completed_tasks_per_framework`).
pub(crate) const MAX_COMPLETED_TASKS: usize = 1000;
/// Completed frameworks kept for `/state` (`--max_completed_frameworks`, 50).
pub(crate) const MAX_COMPLETED_FRAMEWORKS: usize = 50;

/// The open SUBSCRIBE stream of a framework.
#[derive(Debug)]
pub(crate) struct Connection {
    pub(crate) stream_id: Uuid,
    pub(crate) sender: mpsc::Sender<Bytes>,
    pub(crate) encoding: Encoding,
}

/// An outstanding refusal of resources (DECLINE or unused ACCEPT resources).
#[derive(Clone, Debug)]
pub(crate) struct OfferFilter {
    pub(crate) resources: Resources,
    pub(crate) expires: Instant,
}

/// A framework known to the master.
#[derive(Debug)]
pub(crate) struct Framework {
    pub(crate) id: String,
    pub(crate) info: FrameworkInfo,
    pub(crate) connection: Option<Connection>,
    pub(crate) suppressed_roles: BTreeSet<String>,
    /// Filters keyed by (role, agent id).
    pub(crate) filters: HashMap<(String, String), Vec<OfferFilter>>,
    pub(crate) tasks: BTreeMap<String, Task>,
    /// Tasks of agents marked unreachable, with the time they became unreachable.
    pub(crate) unreachable_tasks: BTreeMap<String, (Task, f64)>,
    pub(crate) completed_tasks: VecDeque<Task>,
    /// Operations with feedback (an `id`) whose terminal status is not yet acknowledged,
    /// by operation id.
    pub(crate) operations: BTreeMap<String, OperationRecord>,
    /// Bumped on every (re)connection so stale failover timers do nothing.
    pub(crate) epoch: u64,
    pub(crate) registered_time: f64,
    pub(crate) unregistered_time: Option<f64>,
    /// The offer constraints as the framework sent them, and compiled.
    pub(crate) offer_constraints_info: Option<OfferConstraints>,
    pub(crate) offer_constraints: OfferConstraintsFilter,
}

impl Framework {
    /// The framework's roles: `roles` for MULTI_ROLE frameworks, else `role` (default `*`).
    pub(crate) fn roles(&self) -> Vec<String> {
        roles_of(&self.info)
    }

    /// Whether the framework declared `capability`.
    pub(crate) fn has_capability(&self, capability: framework_info::capability::Type) -> bool {
        has_capability(&self.info, capability)
    }

    pub(crate) fn partition_aware(&self) -> bool {
        self.has_capability(framework_info::capability::Type::PartitionAware)
    }
}

/// The roles of a FrameworkInfo, as the master derives them.
pub(crate) fn roles_of(info: &FrameworkInfo) -> Vec<String> {
    if has_capability(info, framework_info::capability::Type::MultiRole) {
        info.roles.clone()
    } else {
        vec![info.role.clone().unwrap_or_else(|| "*".to_string())]
    }
}

/// Whether `info` declares `capability`.
pub(crate) fn has_capability(
    info: &FrameworkInfo,
    capability: framework_info::capability::Type,
) -> bool {
    info.capabilities
        .iter()
        .any(|c| c.r#type == Some(capability as i32))
}

/// A task as the master tracks it.
#[derive(Clone, Debug)]
pub(crate) struct Task {
    /// Boxed: a TaskInfo is kilobytes inline, and tasks sit in map nodes.
    pub(crate) info: Box<TaskInfo>,
    pub(crate) framework_id: String,
    pub(crate) agent_id: String,
    pub(crate) executor_id: String,
    pub(crate) role: String,
    /// The latest state the agent knows.
    pub(crate) state: TaskState,
    /// The state of the latest update sent to the framework.
    pub(crate) status_update_state: Option<TaskState>,
    pub(crate) latest_status: Option<TaskStatus>,
    pub(crate) resources: Resources,
    pub(crate) resources_recovered: bool,
}

/// An agent the master marked unreachable, as it goes on running behind the partition.
#[derive(Debug)]
pub(crate) struct LostAgent {
    pub(crate) agent: Agent,
    /// The agent's view of each of its tasks, keyed by (framework id, task id): the state before
    /// the loss, then whatever its executors report meanwhile.
    pub(crate) task_states: HashMap<(String, String), TaskState>,
}

/// An offer the framework holds.
#[derive(Clone, Debug)]
pub(crate) struct OfferRecord {
    pub(crate) offer: Offer,
    pub(crate) framework_id: String,
    pub(crate) agent_id: String,
    pub(crate) role: String,
    pub(crate) resources: Resources,
}

/// Where the leading master stands in recovering its registry after its election.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Recovery {
    /// Recovered: calls are served.
    Done,
    /// Recovering until then (`ClusterBuilder::recovery_delay`).
    Until(Instant),
    /// Recovering until released (`Cluster::set_recovering`).
    Held,
}

impl Recovery {
    /// Recovery for a master elected now.
    pub(crate) fn after_election(delay: std::time::Duration) -> Recovery {
        if delay.is_zero() {
            Recovery::Done
        } else {
            Recovery::Until(Instant::now() + delay)
        }
    }

    /// Whether the registry is still being recovered.
    pub(crate) fn in_progress(self) -> bool {
        match self {
            Recovery::Done => false,
            Recovery::Until(until) => Instant::now() < until,
            Recovery::Held => true,
        }
    }
}

/// The whole mutable state of a master and its agents.
#[derive(Debug)]
pub(crate) struct MasterState {
    pub(crate) config: SimConfig,
    pub(crate) info: MasterInfo,
    /// Where the leading master listens (its endpoint serves this state).
    pub(crate) leader_addr: std::net::SocketAddr,
    pub(crate) frameworks: BTreeMap<String, Framework>,
    /// Ids of removed frameworks: they can never subscribe again.
    pub(crate) removed_frameworks: HashSet<String>,
    pub(crate) completed_frameworks: VecDeque<Framework>,
    pub(crate) agents: BTreeMap<String, Agent>,
    /// Agents marked unreachable, with the time it happened.
    pub(crate) unreachable_agents: BTreeMap<String, f64>,
    /// The unreachable agents themselves: partitioned away, they keep running their executors
    /// until they re-register.
    pub(crate) lost_agents: BTreeMap<String, LostAgent>,
    pub(crate) offers: HashMap<String, OfferRecord>,
    /// Maintenance: agents scheduled for it (DRAINING), the operator's machine schedule,
    /// drained and deactivated agents.
    pub(crate) maintenance: MaintenanceState,
    /// Outstanding inverse offers, by id.
    pub(crate) inverse_offers: BTreeMap<String, InverseOfferRecord>,
    pub(crate) next_framework: u64,
    pub(crate) next_offer: u64,
    pub(crate) next_agent: u64,
    /// Acknowledgements that matched an in-flight status update.
    pub(crate) acknowledged_updates: u64,
    /// ACKNOWLEDGE_OPERATION_STATUS calls that matched a status the agent reported.
    pub(crate) acknowledged_operation_updates: u64,
    /// Registry recovery of the leading master.
    pub(crate) recovery: Recovery,
    /// Fault: no HEARTBEAT events are sent while set.
    pub(crate) heartbeats_stopped: bool,
    pub(crate) start_time: f64,
    pub(crate) elected_time: Option<f64>,
    /// DRF tie-breakers of the allocator's sorters.
    pub(crate) allocation_counts: AllocationCounts,
    /// The operator API's event stream subscribers.
    pub(crate) operator: super::operator_events::OperatorStreams,
    /// Agents marked gone by the operator (MARK_AGENT_GONE): they never come back.
    pub(crate) gone_agents: BTreeSet<String>,
}

/// Seconds since the Unix epoch, as Mesos writes timestamps.
pub(crate) fn now_secs() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// A fresh 16-byte status update uuid.
pub(crate) fn new_uuid_bytes() -> Bytes {
    Bytes::copy_from_slice(Uuid::new_v4().as_bytes())
}
