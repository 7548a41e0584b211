//! [`MasterClient`]: the master's operator API (`POST /api/v1`), one typed method per call,
//! at whatever master the detector names as the leader (a standby's `307` is followed).

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;

use crate::detector::{MasterDetector, StaticDetector};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::operator::request::Requester;
use crate::operator::{OperatorConfig, OperatorEvents, decode_response};
use crate::transport::EventStream;
use crate::v1::master::{Call, Event, Response, call, event, response};
use crate::v1::{
    AgentId, DurationInfo, FileInfo, Flag, FrameworkId, MachineId, MasterInfo, Metric, Resource,
    Role, VersionInfo, WeightInfo, maintenance,
};

/// The path of the operator API on a master (`/master/api/v1` is the same handler).
pub const MASTER_API_PATH: &str = "/api/v1";

/// Options of DRAIN_AGENT.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DrainOptions {
    /// The longest a task may take to be killed; beyond it the agent kills it at once.
    /// `None` is each task's own kill grace period.
    pub max_grace_period: Option<Duration>,
    /// Mark the agent gone once drained (its tasks end TASK_GONE_BY_OPERATOR).
    pub mark_gone: bool,
}

impl DrainOptions {
    /// No limit on the grace periods; the agent stays once drained.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`DrainOptions::max_grace_period`].
    pub fn max_grace_period(mut self, grace: Duration) -> Self {
        self.max_grace_period = Some(grace);
        self
    }

    /// Sets [`DrainOptions::mark_gone`].
    pub fn mark_gone(mut self, gone: bool) -> Self {
        self.mark_gone = gone;
        self
    }
}

/// A client of the master operator API.
///
/// Every call goes to the leader the detector names (waiting up to the call timeout for one);
/// a standby master's `307` is followed as the scheduler client follows it, and `503`s are
/// retried. Read calls return the typed payload of the master's `Response`; the others
/// return `()` once the master has applied them.
///
/// ```no_run
/// use futures_util::StreamExt;
/// use mesos_sdk::operator::{MasterClient, OperatorEvent};
///
/// # async fn run() -> Result<(), mesos_sdk::Error> {
/// let master = MasterClient::for_url("127.0.0.1:5050")?;
/// for agent in master.get_agents().await?.agents {
///     println!("agent {} on {}", agent.agent_info.id.unwrap_or_default().value, agent.agent_info.hostname);
/// }
/// let tasks = master.get_tasks().await?;
/// println!("{} tasks running", tasks.tasks.len());
///
/// // The live view: the whole state first, then what changes.
/// let events = master.subscribe().await?;
/// println!("{} agents at the start", events.state().get_agents.unwrap_or_default().agents.len());
/// let mut events = events.typed();
/// while let Some(event) = events.next().await {
///     if let OperatorEvent::TaskUpdated { status, state, .. } = event? {
///         println!("{} is {}", status.task_id.value, state.as_str_name());
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct MasterClient {
    detector: Arc<dyn MasterDetector>,
    requester: Arc<Requester>,
    path: String,
}

impl std::fmt::Debug for MasterClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MasterClient")
            .field("leader", &*self.detector.leader().borrow())
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl MasterClient {
    /// A client of the leader `detector` names.
    pub fn new(detector: impl MasterDetector, config: OperatorConfig) -> Result<Self, Error> {
        Ok(Self {
            detector: Arc::new(detector),
            requester: Arc::new(Requester::new(config)?),
            path: MASTER_API_PATH.to_string(),
        })
    }

    /// A client with the default [`OperatorConfig`] for a master URL as users type it:
    /// `host:port`, `http(s)://host:port` or `zk://...` (see [`crate::detector::for_url`]).
    pub fn for_url(url: &str) -> Result<Self, Error> {
        Self::new(crate::detector::for_url(url)?, OperatorConfig::new())
    }

    /// A client of the one master at `endpoint` (it may be a standby: its redirects are
    /// followed).
    pub fn for_endpoint(endpoint: Endpoint, config: OperatorConfig) -> Result<Self, Error> {
        Self::new(StaticDetector::new(endpoint), config)
    }

    /// Posts to `path` instead of `/api/v1` (e.g. `/master/api/v1` behind a proxy that only
    /// forwards `/master`).
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// The settings.
    pub fn config(&self) -> &OperatorConfig {
        &self.requester.config
    }

    /// The leader the detector names, waiting up to the call timeout for one.
    async fn leader(&self, call: &'static str) -> Result<Endpoint, Error> {
        let mut leader = self.detector.leader();
        let timeout = self.requester.config.call_timeout;
        let found = tokio::time::timeout(timeout, leader.wait_for(Option::is_some)).await;
        match found {
            Ok(Ok(endpoint)) => endpoint.clone().ok_or(Error::Closed),
            Ok(Err(_)) => Err(Error::Closed),
            // No leader to send to within the call's time.
            Err(_) => Err(Error::Timeout {
                call,
                endpoint: "(no leading master known)".into(),
                after: timeout,
            }),
        }
    }

    /// Sends any call and returns the master's `Response`, if its answer has one (`200 OK`
    /// with a body; operations are answered with an empty `200` or `202`).
    pub async fn call(&self, call: Call) -> Result<Option<Response>, Error> {
        let name = call_name(call.r#type());
        let encoding = self.requester.config.encoding;
        let body = encoding.encode(&call, name)?;
        let leader = self.leader(name).await?;
        let (_, body, endpoint) = self.requester.call(name, &leader, &self.path, body).await?;
        if body.is_empty() {
            return Ok(None);
        }
        decode_response::<Response>(encoding, body, &endpoint).map(Some)
    }

    async fn get(&self, kind: call::Type) -> Result<Response, Error> {
        self.get_with(Call {
            r#type: Some(kind as i32),
            ..Default::default()
        })
        .await
    }

    async fn get_with(&self, call: Call) -> Result<Response, Error> {
        let name = call_name(call.r#type());
        self.call(call).await?.ok_or_else(|| missing(name))
    }

    async fn act(&self, call: Call) -> Result<(), Error> {
        self.call(call).await.map(|_| ())
    }

    /// GET_HEALTH: whether the master is healthy.
    pub async fn get_health(&self) -> Result<bool, Error> {
        let r = self.get(call::Type::GetHealth).await?;
        Ok(r.get_health.ok_or_else(|| missing("GET_HEALTH"))?.healthy)
    }

    /// GET_VERSION: the master's build.
    pub async fn get_version(&self) -> Result<VersionInfo, Error> {
        let r = self.get(call::Type::GetVersion).await?;
        Ok(r.get_version
            .ok_or_else(|| missing("GET_VERSION"))?
            .version_info)
    }

    /// GET_FLAGS: the master's flags, as strings.
    pub async fn get_flags(&self) -> Result<Vec<Flag>, Error> {
        let r = self.get(call::Type::GetFlags).await?;
        Ok(r.get_flags.ok_or_else(|| missing("GET_FLAGS"))?.flags)
    }

    /// GET_METRICS: the metrics snapshot; `timeout` bounds how long the master waits for
    /// slow metrics (those not ready in time are left out).
    pub async fn get_metrics(&self, timeout: Option<Duration>) -> Result<Vec<Metric>, Error> {
        let r = self
            .get_with(Call {
                r#type: Some(call::Type::GetMetrics as i32),
                get_metrics: Some(call::GetMetrics {
                    timeout: timeout.map(duration_info),
                }),
                ..Default::default()
            })
            .await?;
        Ok(r.get_metrics.ok_or_else(|| missing("GET_METRICS"))?.metrics)
    }

    /// GET_STATE: agents, frameworks, executors and tasks in one answer.
    pub async fn get_state(&self) -> Result<response::GetState, Error> {
        let r = self.get(call::Type::GetState).await?;
        r.get_state.ok_or_else(|| missing("GET_STATE"))
    }

    /// GET_AGENTS: registered and recovered agents.
    pub async fn get_agents(&self) -> Result<response::GetAgents, Error> {
        let r = self.get(call::Type::GetAgents).await?;
        r.get_agents.ok_or_else(|| missing("GET_AGENTS"))
    }

    /// GET_FRAMEWORKS: active and completed frameworks.
    pub async fn get_frameworks(&self) -> Result<response::GetFrameworks, Error> {
        let r = self.get(call::Type::GetFrameworks).await?;
        r.get_frameworks.ok_or_else(|| missing("GET_FRAMEWORKS"))
    }

    /// GET_EXECUTORS: the executors the master knows.
    pub async fn get_executors(&self) -> Result<response::GetExecutors, Error> {
        let r = self.get(call::Type::GetExecutors).await?;
        r.get_executors.ok_or_else(|| missing("GET_EXECUTORS"))
    }

    /// GET_TASKS: tasks, pending, unreachable and completed ones included.
    pub async fn get_tasks(&self) -> Result<response::GetTasks, Error> {
        let r = self.get(call::Type::GetTasks).await?;
        r.get_tasks.ok_or_else(|| missing("GET_TASKS"))
    }

    /// GET_ROLES: the roles with weights, frameworks or resources.
    pub async fn get_roles(&self) -> Result<Vec<Role>, Error> {
        let r = self.get(call::Type::GetRoles).await?;
        Ok(r.get_roles.ok_or_else(|| missing("GET_ROLES"))?.roles)
    }

    /// GET_WEIGHTS: the roles' weights (set by `--weights` or UPDATE_WEIGHTS).
    pub async fn get_weights(&self) -> Result<Vec<WeightInfo>, Error> {
        let r = self.get(call::Type::GetWeights).await?;
        // Without weights the master leaves the payload out altogether (it only creates it
        // to add the first weight).
        Ok(r.get_weights.map(|w| w.weight_infos).unwrap_or_default())
    }

    /// UPDATE_WEIGHTS: sets the weights of roles (each positive); the others keep theirs.
    /// Outstanding offers are rescinded when one of the roles has frameworks.
    pub async fn update_weights(&self, weights: Vec<WeightInfo>) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::UpdateWeights as i32),
            update_weights: Some(call::UpdateWeights {
                weight_infos: weights,
            }),
            ..Default::default()
        })
        .await
    }

    /// GET_QUOTA: the roles' quota configurations (guarantees and limits), with the
    /// deprecated `infos` alongside.
    pub async fn get_quota(&self) -> Result<crate::v1::quota::QuotaStatus, Error> {
        let r = self.get(call::Type::GetQuota).await?;
        Ok(r.get_quota.ok_or_else(|| missing("GET_QUOTA"))?.status)
    }

    /// The leading master's description, start and election times. Mesos names this call
    /// GET_MASTER; it always answers for the leader (a standby redirects it).
    pub async fn get_leading_master(&self) -> Result<response::GetMaster, Error> {
        let r = self.get(call::Type::GetMaster).await?;
        r.get_master.ok_or_else(|| missing("GET_MASTER"))
    }

    /// The leading master's `MasterInfo` (from [`MasterClient::get_leading_master`]).
    pub async fn leading_master_info(&self) -> Result<MasterInfo, Error> {
        self.get_leading_master()
            .await?
            .master_info
            .ok_or_else(|| missing("GET_MASTER"))
    }

    /// GET_MAINTENANCE_STATUS: machines draining or down, with their inverse offer answers.
    pub async fn get_maintenance_status(&self) -> Result<maintenance::ClusterStatus, Error> {
        let r = self.get(call::Type::GetMaintenanceStatus).await?;
        Ok(r.get_maintenance_status
            .ok_or_else(|| missing("GET_MAINTENANCE_STATUS"))?
            .status)
    }

    /// GET_MAINTENANCE_SCHEDULE: the maintenance schedule.
    pub async fn get_maintenance_schedule(&self) -> Result<maintenance::Schedule, Error> {
        let r = self.get(call::Type::GetMaintenanceSchedule).await?;
        Ok(r.get_maintenance_schedule
            .ok_or_else(|| missing("GET_MAINTENANCE_SCHEDULE"))?
            .schedule)
    }

    /// UPDATE_MAINTENANCE_SCHEDULE: replaces the maintenance schedule.
    pub async fn update_maintenance_schedule(
        &self,
        schedule: maintenance::Schedule,
    ) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::UpdateMaintenanceSchedule as i32),
            update_maintenance_schedule: Some(call::UpdateMaintenanceSchedule { schedule }),
            ..Default::default()
        })
        .await
    }

    /// START_MAINTENANCE: the machines go down (their agents are removed).
    pub async fn start_maintenance(&self, machines: Vec<MachineId>) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::StartMaintenance as i32),
            start_maintenance: Some(call::StartMaintenance { machines }),
            ..Default::default()
        })
        .await
    }

    /// STOP_MAINTENANCE: the machines come back up.
    pub async fn stop_maintenance(&self, machines: Vec<MachineId>) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::StopMaintenance as i32),
            stop_maintenance: Some(call::StopMaintenance { machines }),
            ..Default::default()
        })
        .await
    }

    /// RESERVE_RESOURCES: dynamically reserves `resources` on an agent, each with its
    /// reservation (the last of its `reservations`, DYNAMIC; or the pre-refinement `role` with
    /// `reservation`), taken from the agent's unreserved resources (or, for a refinement, from
    /// those reserved to the parent role).
    ///
    /// The master rescinds outstanding offers on the agent until they cover the resources,
    /// then applies the reservation: it is offered to the frameworks of the role. Invalid
    /// resources and unknown agents are a `400`; resources the agent does not have free (in
    /// use by tasks, or not there at all) a `409` ("... does not contain ...").
    pub async fn reserve_resources(
        &self,
        agent_id: AgentId,
        resources: Vec<Resource>,
    ) -> Result<(), Error> {
        self.reserve_resources_from(agent_id, Vec::new(), resources)
            .await
    }

    /// RESERVE_RESOURCES with an explicit `source`: the resources the reservation is made
    /// from, all with one reservation stack and the quantities of `resources` (e.g.
    /// resources reserved to role `a` re-reserved to `b`); otherwise as
    /// [`MasterClient::reserve_resources`].
    pub async fn reserve_resources_from(
        &self,
        agent_id: AgentId,
        source: Vec<Resource>,
        resources: Vec<Resource>,
    ) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::ReserveResources as i32),
            reserve_resources: Some(call::ReserveResources {
                agent_id,
                source,
                resources,
            }),
            ..Default::default()
        })
        .await
    }

    /// UNRESERVE_RESOURCES: removes the last reservation of each of `resources` (as the
    /// master shows them, e.g. in GET_AGENTS' `total_resources`); a persistent volume must be
    /// destroyed first. Offers holding them are rescinded; `409` if the agent does not have
    /// them free.
    pub async fn unreserve_resources(
        &self,
        agent_id: AgentId,
        resources: Vec<Resource>,
    ) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::UnreserveResources as i32),
            unreserve_resources: Some(call::UnreserveResources {
                agent_id,
                resources,
            }),
            ..Default::default()
        })
        .await
    }

    /// CREATE_VOLUMES: persistent volumes on dynamically reserved disk of an agent: each a
    /// `disk` resource with `disk.persistence.id` (unique per role on the agent) and a
    /// read-write `disk.volume.container_path`. They are offered to the role's frameworks
    /// with that disk info. `409` if the agent does not have the reserved disk free.
    pub async fn create_volumes(
        &self,
        agent_id: AgentId,
        volumes: Vec<Resource>,
    ) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::CreateVolumes as i32),
            create_volumes: Some(call::CreateVolumes { agent_id, volumes }),
            ..Default::default()
        })
        .await
    }

    /// DESTROY_VOLUMES: destroys persistent volumes; their disk stays reserved. Volumes the
    /// agent does not have, or that tasks use, are a `400`.
    pub async fn destroy_volumes(
        &self,
        agent_id: AgentId,
        volumes: Vec<Resource>,
    ) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::DestroyVolumes as i32),
            destroy_volumes: Some(call::DestroyVolumes { agent_id, volumes }),
            ..Default::default()
        })
        .await
    }

    /// GROW_VOLUME: grows persistent `volume` by `addition`, disk of the same reservation
    /// (and source) without disk info. `409` if the agent does not have both free.
    pub async fn grow_volume(
        &self,
        agent_id: AgentId,
        volume: Resource,
        addition: Resource,
    ) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::GrowVolume as i32),
            grow_volume: Some(call::GrowVolume {
                agent_id: Some(agent_id),
                volume,
                addition,
            }),
            ..Default::default()
        })
        .await
    }

    /// SHRINK_VOLUME: shrinks persistent `volume` by `subtract` megabytes (more than zero,
    /// less than its size); the freed disk stays reserved. Volumes on MOUNT disks cannot
    /// shrink.
    pub async fn shrink_volume(
        &self,
        agent_id: AgentId,
        volume: Resource,
        subtract: f64,
    ) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::ShrinkVolume as i32),
            shrink_volume: Some(call::ShrinkVolume {
                agent_id: Some(agent_id),
                volume,
                subtract: crate::v1::value::Scalar { value: subtract },
            }),
            ..Default::default()
        })
        .await
    }

    /// MARK_AGENT_GONE: the agent is gone for good; its tasks end TASK_GONE_BY_OPERATOR and
    /// it is removed. Unknown agents are a `404`.
    pub async fn mark_agent_gone(&self, agent_id: AgentId) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::MarkAgentGone as i32),
            mark_agent_gone: Some(call::MarkAgentGone { agent_id }),
            ..Default::default()
        })
        .await
    }

    /// DRAIN_AGENT: no new tasks go to the agent, and its tasks are killed.
    pub async fn drain_agent(&self, agent_id: AgentId, options: DrainOptions) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::DrainAgent as i32),
            drain_agent: Some(call::DrainAgent {
                agent_id,
                max_grace_period: options.max_grace_period.map(|d| prost_types::Duration {
                    seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                    nanos: i32::try_from(d.subsec_nanos()).unwrap_or(0),
                }),
                mark_gone: Some(options.mark_gone),
            }),
            ..Default::default()
        })
        .await
    }

    /// DEACTIVATE_AGENT: the agent's resources are no longer offered.
    pub async fn deactivate_agent(&self, agent_id: AgentId) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::DeactivateAgent as i32),
            deactivate_agent: Some(call::DeactivateAgent { agent_id }),
            ..Default::default()
        })
        .await
    }

    /// REACTIVATE_AGENT: undoes DEACTIVATE_AGENT (or a finished drain).
    pub async fn reactivate_agent(&self, agent_id: AgentId) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::ReactivateAgent as i32),
            reactivate_agent: Some(call::ReactivateAgent { agent_id }),
            ..Default::default()
        })
        .await
    }

    /// TEARDOWN: removes a framework and kills its tasks.
    pub async fn teardown(&self, framework_id: FrameworkId) -> Result<(), Error> {
        self.act(Call {
            r#type: Some(call::Type::Teardown as i32),
            teardown: Some(call::Teardown { framework_id }),
            ..Default::default()
        })
        .await
    }

    /// LIST_FILES on the master (its logs, and sandboxes it proxies).
    pub async fn list_files(&self, path: impl Into<String>) -> Result<Vec<FileInfo>, Error> {
        let r = self
            .get_with(Call {
                r#type: Some(call::Type::ListFiles as i32),
                list_files: Some(call::ListFiles { path: path.into() }),
                ..Default::default()
            })
            .await?;
        Ok(r.list_files
            .ok_or_else(|| missing("LIST_FILES"))?
            .file_infos)
    }

    /// SUBSCRIBE: the master's event stream, after SUBSCRIBED (which carries the whole
    /// state). The stream is with the leader at the time of the call; when it ends,
    /// subscribe again.
    pub async fn subscribe(&self) -> Result<OperatorEvents, Error> {
        const NAME: &str = "SUBSCRIBE";
        let config = &self.requester.config;
        let call = Call {
            r#type: Some(call::Type::Subscribe as i32),
            ..Default::default()
        };
        let body = config.encoding.encode(&call, NAME)?;
        let leader = self.leader(NAME).await?;
        let timeout = config.call_timeout;
        let open = async {
            let answer = self.requester.post(NAME, &leader, &self.path, body).await?;
            let authority = answer.endpoint.authority();
            let mut events: EventStream<Event> = EventStream::new(
                answer.response.into_body(),
                config.encoding,
                config.max_record_size,
                authority.clone(),
                "operator event",
            );
            let failed = |reason: String| Error::Subscribe {
                endpoint: authority.clone(),
                reason,
            };
            let first = events
                .next()
                .await
                .ok_or_else(|| failed("the stream ended before SUBSCRIBED".into()))??;
            if first.r#type() != event::Type::Subscribed {
                return Err(failed(format!(
                    "first event was {} instead of SUBSCRIBED",
                    first.r#type().as_str_name()
                )));
            }
            let subscribed = first
                .subscribed
                .ok_or_else(|| failed("SUBSCRIBED without its payload".into()))?;
            Ok(OperatorEvents::new(
                subscribed,
                answer.endpoint,
                events,
                config.heartbeat_misses,
            ))
        };
        tokio::time::timeout(timeout, open)
            .await
            .unwrap_or_else(|_| {
                Err(Error::Timeout {
                    call: NAME,
                    endpoint: leader.authority(),
                    after: timeout,
                })
            })
    }
}

fn duration_info(d: Duration) -> DurationInfo {
    DurationInfo {
        nanoseconds: i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
    }
}

/// A `Response` without the payload its call promises.
pub(crate) fn missing(call: &'static str) -> Error {
    Error::Decode {
        what: "operator response",
        endpoint: String::new(),
        source: format!("the answer to {call} lacks its payload").into(),
    }
}

/// The wire name of a master call, for errors and metrics.
fn call_name(kind: call::Type) -> &'static str {
    kind.as_str_name()
}
