//! `POST /api/v1` (also `/master/api/v1`, and any deeper path libprocess routes there): the
//! master operator API. `mesos: src/master/http.cpp` `Master::Http::api` checks, in order:
//! leader redirect (307/503, see `standby`), registry recovery (503), method (405),
//! `Content-Type` (400 missing, 415 other), body (400), `master::Call` validation (400
//! "Failed to validate master::Call: ..."), `Accept` (406, for every call), then dispatch:
//! 200 with a `Response` for reads, an empty 200 for operations, 501 for UNKNOWN, and the
//! SUBSCRIBE event stream (`operator_events`).
//!
//! Calls the simulator has no model for are answered 501 with a message naming the call;
//! mesos-sim's crate docs list them.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Response, StatusCode, header};
use mesos_sdk::v1::master::{Call, Response as MasterResponse, call::Type, response};
use mesos_sdk::v1::{
    AgentId, DurationInfo, ExecutorId, FrameworkId, Resource, Role, Task, TaskState, TimeInfo,
    VersionInfo, agent_info, task_status,
};
use tokio::sync::mpsc;
use uuid::Uuid;

use super::Master;
use super::accept::master_status;
use super::effects::{Effect, Effects};
use super::endpoints::MESOS_VERSION;
use super::events;
use super::maintenance::time_info;
use super::operator_events::OperatorSubscriber;
use super::state::{Framework, MasterState, Task as SimTask};
use super::subscribe::push_completed;
use crate::agent::Agent;
use crate::http::body::{SimBody, StreamBody, full};
use crate::http::media::{ContentTypeError, Encoding, decode, encode, negotiate, request_encoding};
use crate::http::response::{bad_request, method_not_allowed, text};
use crate::http::server::FullRequest;
use crate::resources::Resources;

/// Whether `path` reaches the master's operator API: libprocess hands a request to the
/// handler of the longest registered prefix (`ProcessBase::consume`), so `/api/v1/operator`
/// (pymesos' operator driver) and `/master/api/v1/anything` land here, while
/// `/api/v1/scheduler` has its own handler.
pub(crate) fn is_operator_path(path: &str) -> bool {
    let path = path.strip_prefix("/master").unwrap_or(path);
    let Some(rest) = path.strip_prefix("/api/v1") else {
        return false;
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return false;
    }
    !(rest == "/scheduler" || rest.starts_with("/scheduler/"))
}

/// Answers one request to the operator API on the leading master.
pub(crate) fn handle(master: &Arc<Master>, request: FullRequest) -> Response<SimBody> {
    {
        let state = master.lock();
        if state.recovery.in_progress() {
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                "Master has not finished recovery",
            );
        }
    }
    if request.method() != Method::POST {
        return method_not_allowed(request.method());
    }
    let encoding = match request_encoding(request.headers()) {
        Ok(encoding) => encoding,
        Err(ContentTypeError::Missing) => {
            return bad_request("Expecting 'Content-Type' to be present");
        }
        Err(ContentTypeError::Unsupported) => {
            return text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Expecting 'Content-Type' of application/json or application/x-protobuf",
            );
        }
    };
    let call: Call = match decode(encoding, request.body(), "Call") {
        Ok(call) => call,
        Err(error) => return bad_request(error.to_string()),
    };
    let kind = match validate(&call) {
        Ok(kind) => kind,
        Err(error) => return bad_request(format!("Failed to validate master::Call: {error}")),
    };
    let Some(accept) = negotiate(request.headers()) else {
        return text(
            StatusCode::NOT_ACCEPTABLE,
            "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'",
        );
    };
    dispatch(master, kind, call, accept)
}

/// `validation::master::call::validate`: the type, and the payload of the calls that have
/// one. Unknown type names in JSON are dropped by the parser, so they arrive as no type.
fn validate(call: &Call) -> Result<Type, String> {
    let Some(raw) = call.r#type else {
        return Err("Expecting 'type' to be present".into());
    };
    let kind = Type::try_from(raw).unwrap_or(Type::Unknown);
    let present = |has: bool, name: &str| {
        if has {
            Ok(kind)
        } else {
            Err(format!("Expecting '{name}' to be present"))
        }
    };
    match kind {
        Type::GetMetrics => present(call.get_metrics.is_some(), "get_metrics"),
        Type::SetLoggingLevel => present(call.set_logging_level.is_some(), "set_logging_level"),
        Type::ListFiles => present(call.list_files.is_some(), "list_files"),
        Type::ReadFile => present(call.read_file.is_some(), "read_file"),
        Type::UpdateWeights => present(call.update_weights.is_some(), "update_weights"),
        // Their resources are checked here already, before the `Accept` header
        // (`Resources::validate`, its error as is).
        Type::ReserveResources => present(call.reserve_resources.is_some(), "reserve_resources")
            .and_then(|kind| {
                let resources = call.reserve_resources.as_ref().map(|r| &r.resources[..]);
                super::accept::upstream::validate_resources(resources.unwrap_or_default())
                    .map(|()| kind)
            }),
        Type::UnreserveResources => {
            present(call.unreserve_resources.is_some(), "unreserve_resources").and_then(|kind| {
                let resources = call.unreserve_resources.as_ref().map(|r| &r.resources[..]);
                super::accept::upstream::validate_resources(resources.unwrap_or_default())
                    .map(|()| kind)
            })
        }
        Type::CreateVolumes => present(call.create_volumes.is_some(), "create_volumes"),
        Type::DestroyVolumes => present(call.destroy_volumes.is_some(), "destroy_volumes"),
        Type::GrowVolume => present(call.grow_volume.is_some(), "grow_volume").and_then(|kind| {
            agent_present(
                call.grow_volume.as_ref().and_then(|g| g.agent_id.as_ref()),
                kind,
            )
        }),
        Type::ShrinkVolume => {
            present(call.shrink_volume.is_some(), "shrink_volume").and_then(|kind| {
                agent_present(
                    call.shrink_volume
                        .as_ref()
                        .and_then(|s| s.agent_id.as_ref()),
                    kind,
                )
            })
        }
        Type::UpdateMaintenanceSchedule => present(
            call.update_maintenance_schedule.is_some(),
            "update_maintenance_schedule",
        ),
        Type::StartMaintenance => present(call.start_maintenance.is_some(), "start_maintenance"),
        Type::StopMaintenance => present(call.stop_maintenance.is_some(), "stop_maintenance"),
        Type::DrainAgent => present(call.drain_agent.is_some(), "drain_agent"),
        Type::DeactivateAgent => present(call.deactivate_agent.is_some(), "deactivate_agent"),
        Type::ReactivateAgent => present(call.reactivate_agent.is_some(), "reactivate_agent"),
        Type::UpdateQuota => present(call.update_quota.is_some(), "update_quota"),
        Type::SetQuota => present(call.set_quota.is_some(), "set_quota"),
        Type::RemoveQuota => present(call.remove_quota.is_some(), "remove_quota"),
        Type::Teardown => present(call.teardown.is_some(), "teardown"),
        Type::MarkAgentGone => present(call.mark_agent_gone.is_some(), "mark_agent_gone"),
        _ => Ok(kind),
    }
}

/// GROW_VOLUME and SHRINK_VOLUME name their agent: only agent default resources can be
/// resized (resource providers' volumes cannot).
fn agent_present(agent_id: Option<&AgentId>, kind: Type) -> Result<Type, String> {
    match agent_id {
        Some(_) => Ok(kind),
        None => Err(
            "Expecting 'agent_id' to be present; only agent default resources are \
                     supported right now"
                .into(),
        ),
    }
}

/// The lists upstream's hand-written JSON writers always write, empty or not
/// (`mesos: src/master/readonly_handler.cpp` `jsonifyGetAgents`, ...): protobuf's JSON
/// mapping would leave empty repeated fields out.
const ALWAYS_WRITTEN: &[(&str, &[&str])] = &[
    ("get_agents", &["agents", "recovered_agents"]),
    ("get_frameworks", &["frameworks", "completed_frameworks"]),
    ("get_executors", &["executors"]),
    (
        "get_tasks",
        &["tasks", "unreachable_tasks", "completed_tasks"],
    ),
];

/// Writes out the empty lists of [`ALWAYS_WRITTEN`] in `value` (a `Response`, or the
/// `GetState` in it or in SUBSCRIBED).
pub(crate) fn write_empty_lists(value: &mut serde_json::Value) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    for (payload, lists) in ALWAYS_WRITTEN {
        if let Some(inner) = object.get_mut(*payload).and_then(|v| v.as_object_mut()) {
            for list in *lists {
                inner
                    .entry(list.to_string())
                    .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            }
        }
    }
    for nested in ["get_state", "subscribed"] {
        if let Some(inner) = object.get_mut(nested) {
            write_empty_lists(inner);
        }
    }
}

/// A `Response` or `Event` in the negotiated encoding, JSON with upstream's empty lists.
pub(crate) fn encode_operator<M: prost::Message + prost::Name>(
    encoding: Encoding,
    message: &M,
) -> Bytes {
    if encoding == Encoding::Json
        && let Ok(mut value) = mesos_sdk::json::to_value(message)
    {
        write_empty_lists(&mut value);
        return Bytes::from(value.to_string());
    }
    encode(encoding, message)
}

/// `200 OK` with a `Response` in the negotiated encoding.
fn ok(encoding: Encoding, response: &MasterResponse) -> Response<SimBody> {
    let body = encode_operator(encoding, response);
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, encoding.media_type())
        .header(header::CONTENT_LENGTH, body.len())
        .body(full(body))
        .unwrap_or_else(|_| Response::new(full(Bytes::new())))
}

fn not_modelled(kind: Type) -> Response<SimBody> {
    text(
        StatusCode::NOT_IMPLEMENTED,
        format!(
            "mesos-sim does not implement the operator call {}",
            kind.as_str_name()
        ),
    )
}

/// An operation's answer: an empty `200` once its effects run (the lock released), or the
/// refusal.
fn applied(master: &Arc<Master>, answer: Result<Effects, Response<SimBody>>) -> Response<SimBody> {
    match answer {
        Ok(effects) => {
            master.apply(effects);
            text(StatusCode::OK, "")
        }
        Err(refusal) => refusal,
    }
}

fn dispatch(master: &Arc<Master>, kind: Type, call: Call, accept: Encoding) -> Response<SimBody> {
    // `Response.Type` numbers its values differently from `Call.Type`: match by name.
    let mut response = MasterResponse {
        r#type: response::Type::from_str_name(kind.as_str_name()).map(|t| t as i32),
        ..Default::default()
    };
    let mut state = master.lock();
    match kind {
        // libprocess' `NotImplemented()`.
        Type::Unknown => return text(StatusCode::NOT_IMPLEMENTED, "501 Not Implemented."),
        Type::GetHealth => response.get_health = Some(response::GetHealth { healthy: true }),
        Type::GetVersion => {
            response.get_version = Some(response::GetVersion {
                version_info: version_info(),
            });
        }
        Type::GetFlags => {
            let flags = super::endpoints::state_json(&state)["flags"]
                .as_object()
                .map(|flags| {
                    flags
                        .iter()
                        .map(|(name, value)| mesos_sdk::v1::Flag {
                            name: name.clone(),
                            value: value.as_str().map(str::to_string),
                        })
                        .collect()
                })
                .unwrap_or_default();
            response.get_flags = Some(response::GetFlags { flags });
        }
        Type::GetMetrics => response.get_metrics = Some(response::GetMetrics::default()),
        Type::GetState => response.get_state = Some(get_state(&state)),
        Type::GetAgents => response.get_agents = Some(get_agents(&state)),
        Type::GetFrameworks => response.get_frameworks = Some(get_frameworks(&state)),
        Type::GetExecutors => response.get_executors = Some(get_executors(&state)),
        Type::GetTasks => response.get_tasks = Some(get_tasks(&state)),
        Type::GetRoles => response.get_roles = Some(get_roles(&state)),
        Type::GetOperations => response.get_operations = Some(response::GetOperations::default()),
        // No quota is ever configured here (UPDATE_QUOTA is not modelled): the master's
        // answer without quotas, an empty `QuotaStatus` (`QuotaHandler::_status`).
        Type::GetQuota => response.get_quota = Some(response::GetQuota::default()),
        Type::GetMaster => {
            response.get_master = Some(response::GetMaster {
                master_info: Some(state.info.clone()),
                start_time: Some(state.start_time),
                elected_time: state.elected_time,
            });
        }
        Type::GetMaintenanceStatus => {
            response.get_maintenance_status = Some(response::GetMaintenanceStatus {
                status: state.maintenance_status(),
            });
        }
        Type::GetMaintenanceSchedule => {
            response.get_maintenance_schedule = Some(response::GetMaintenanceSchedule {
                schedule: state.maintenance_schedule(),
            });
        }
        Type::GetWeights => {
            // Upstream only creates the payload to add the first weight to it.
            let weight_infos = state.weights();
            response.get_weights =
                (!weight_infos.is_empty()).then_some(response::GetWeights { weight_infos });
        }
        Type::UpdateWeights => {
            let infos = call.update_weights.map(|u| u.weight_infos);
            let answer = state.update_weights(&infos.unwrap_or_default());
            drop(state);
            return applied(master, answer.map_err(bad_request));
        }
        Type::Subscribe => {
            drop(state);
            return subscribe(master, accept);
        }
        Type::Teardown => {
            let framework_id = call
                .teardown
                .map(|t| t.framework_id.value)
                .unwrap_or_default();
            if !state.frameworks.contains_key(&framework_id) {
                return bad_request("No framework found with specified ID");
            }
            let effects = state.remove_framework(&framework_id);
            drop(state);
            master.apply(effects);
            return text(StatusCode::OK, "");
        }
        Type::MarkAgentGone => {
            let agent_id = call
                .mark_agent_gone
                .map(|m| m.agent_id.value)
                .unwrap_or_default();
            return match state.mark_agent_gone(&agent_id) {
                Some(effects) => {
                    drop(state);
                    master.apply(effects);
                    text(StatusCode::OK, "")
                }
                None => text(
                    StatusCode::NOT_FOUND,
                    format!("Agent '{agent_id}' not found"),
                ),
            };
        }
        Type::DeactivateAgent => {
            let agent_id = call.deactivate_agent.map(|d| d.agent_id.value);
            let answer = state.deactivate_agent(&agent_id.unwrap_or_default());
            drop(state);
            return applied(
                master,
                answer.map_err(|(status, message)| text(status, message)),
            );
        }
        Type::ReactivateAgent => {
            let agent_id = call.reactivate_agent.map(|d| d.agent_id.value);
            let answer = state.reactivate_agent(&agent_id.unwrap_or_default());
            drop(state);
            return applied(
                master,
                answer.map_err(|(status, message)| text(status, message)),
            );
        }
        Type::DrainAgent => {
            let drain = call.drain_agent.unwrap_or_default();
            let answer = state.drain_agent(
                &drain.agent_id.value,
                // The v1 `google.protobuf.Duration` as the `DurationInfo` the master keeps
                // (upstream's `devolve`).
                drain.max_grace_period.map(|d| DurationInfo {
                    nanoseconds: d
                        .seconds
                        .saturating_mul(1_000_000_000)
                        .saturating_add(i64::from(d.nanos)),
                }),
                drain.mark_gone.unwrap_or(false),
            );
            drop(state);
            return applied(
                master,
                answer.map_err(|(status, message)| text(status, message)),
            );
        }
        Type::UpdateMaintenanceSchedule => {
            let schedule = call
                .update_maintenance_schedule
                .map(|u| u.schedule)
                .unwrap_or_default();
            let answer = state.update_maintenance_schedule(schedule);
            drop(state);
            return applied(master, answer.map_err(bad_request));
        }
        Type::StartMaintenance => {
            let machines = call.start_maintenance.map(|s| s.machines);
            let answer = state.start_maintenance(&machines.unwrap_or_default());
            drop(state);
            return applied(master, answer.map_err(bad_request));
        }
        Type::StopMaintenance => {
            let machines = call.stop_maintenance.map(|s| s.machines);
            let answer = state.stop_maintenance(&machines.unwrap_or_default());
            drop(state);
            return applied(master, answer.map_err(bad_request));
        }
        Type::ReserveResources
        | Type::UnreserveResources
        | Type::CreateVolumes
        | Type::DestroyVolumes
        | Type::GrowVolume
        | Type::ShrinkVolume => {
            let (effects, refusal) = state.operator_operation(kind, call);
            drop(state);
            master.apply(effects);
            // `Master::Http::_operation`: `Accepted()` once the allocator took it.
            return match refusal {
                None => text(StatusCode::ACCEPTED, ""),
                Some((status, message)) => text(status, message),
            };
        }
        _ => return not_modelled(kind),
    }
    drop(state);
    ok(accept, &response)
}

/// SUBSCRIBE: `200` with the event stream (no `Mesos-Stream-Id`: the operator stream has
/// none), SUBSCRIBED and HEARTBEAT first, then a HEARTBEAT every interval.
fn subscribe(master: &Arc<Master>, encoding: Encoding) -> Response<SimBody> {
    let id = Uuid::new_v4();
    let (receiver, interval) = {
        let mut state = master.lock();
        let (sender, receiver) = mpsc::channel(state.config.event_queue_capacity.max(16));
        state.add_operator_subscriber(OperatorSubscriber {
            id,
            sender,
            encoding,
        });
        (receiver, state.config.heartbeat_interval)
    };
    let weak = Arc::downgrade(master);
    tokio::spawn(heartbeats(weak.clone(), id, interval));
    let body = StreamBody::new(receiver, move || {
        if let Some(master) = weak.upgrade() {
            master.lock().remove_operator_subscriber(id);
        }
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, encoding.media_type())
        .body(http_body_util::BodyExt::boxed(body))
        .unwrap_or_else(|_| Response::new(full("")))
}

async fn heartbeats(master: std::sync::Weak<Master>, id: Uuid, interval: Duration) {
    let interval = interval.max(Duration::from_millis(10));
    loop {
        tokio::time::sleep(interval).await;
        let Some(master) = master.upgrade() else {
            return;
        };
        if !master.lock().operator_heartbeat(id) {
            return;
        }
    }
}

fn version_info() -> VersionInfo {
    VersionInfo {
        version: MESOS_VERSION.to_string(),
        build_date: Some("2020-11-24 00:00:00".into()),
        build_time: Some(1_606_176_000.0),
        build_user: Some("mesos-sim".into()),
        git_sha: None,
        git_branch: None,
        git_tag: Some(MESOS_VERSION.to_string()),
    }
}

fn time(secs: f64) -> TimeInfo {
    time_info(secs)
}

/// The whole state, as GET_STATE and SUBSCRIBED carry it.
pub(crate) fn get_state(state: &MasterState) -> response::GetState {
    response::GetState {
        get_tasks: Some(get_tasks(state)),
        get_executors: Some(get_executors(state)),
        get_frameworks: Some(get_frameworks(state)),
        get_agents: Some(get_agents(state)),
    }
}

fn get_agents(state: &MasterState) -> response::GetAgents {
    response::GetAgents {
        agents: state
            .agents
            .values()
            .map(|agent| agent_proto(state, agent))
            .collect(),
        recovered_agents: Vec::new(),
    }
}

/// An agent as `Master::ReadOnlyHandler` models it (`mesos: src/master/http.cpp` `model`).
pub(crate) fn agent_proto(state: &MasterState, agent: &Agent) -> response::get_agents::Agent {
    let mut offered = Resources::default();
    for offer in state.offers.values().filter(|o| o.agent_id == agent.id) {
        offered.add(&offer.resources);
    }
    let allocated = allocated_resources(
        state
            .frameworks
            .values()
            .flat_map(|f| f.tasks.values())
            .filter(|t| t.agent_id == agent.id),
    );
    let mut info = agent.info.clone();
    info.id = Some(AgentId {
        value: agent.id.clone(),
    });
    let capabilities = [
        agent_info::capability::Type::MultiRole,
        agent_info::capability::Type::HierarchicalRole,
        agent_info::capability::Type::ReservationRefinement,
        agent_info::capability::Type::AgentDraining,
    ]
    .into_iter()
    .map(|t| agent_info::Capability {
        r#type: Some(t as i32),
    })
    .collect();
    let deactivated = state.maintenance.is_deactivated(&agent.id);
    let drain = state.drain_of(&agent.id);
    response::get_agents::Agent {
        agent_info: info,
        active: !agent.stopped && !deactivated,
        deactivated: Some(deactivated),
        drain_info: drain.map(|d| d.info),
        // Whole seconds: upstream converts through `Seconds(double)`.
        estimated_drain_start_time: drain
            .and_then(|d| d.estimated_start)
            .map(|secs| time(secs.trunc())),
        version: MESOS_VERSION.to_string(),
        pid: Some(format!("slave(1)@{}", agent.endpoint)),
        registered_time: Some(time(agent.registered_time)),
        reregistered_time: agent.reregistered_time.map(time),
        total_resources: with_legacy_role(agent.total.to_protos()),
        allocated_resources: with_legacy_role(allocated),
        offered_resources: offered.to_protos(),
        capabilities,
        ..Default::default()
    }
}

fn get_frameworks(state: &MasterState) -> response::GetFrameworks {
    response::GetFrameworks {
        frameworks: state
            .frameworks
            .values()
            .map(|f| framework_proto(state, f, true))
            .collect(),
        completed_frameworks: state
            .completed_frameworks
            .iter()
            .map(|f| framework_proto(state, f, false))
            .collect(),
        recovered_frameworks: Vec::new(),
    }
}

/// A framework as the operator API models it.
pub(crate) fn framework_proto(
    state: &MasterState,
    framework: &Framework,
    live: bool,
) -> response::get_frameworks::Framework {
    let connected = live && framework.connection.is_some();
    let mut offered = Resources::default();
    let offers = state
        .offers
        .values()
        .filter(|o| o.framework_id == framework.id)
        .map(|o| {
            offered.add(&o.resources);
            o.offer.clone()
        })
        .collect();
    let allocated = allocated_resources(framework.tasks.values());
    response::get_frameworks::Framework {
        framework_info: framework.info.clone(),
        active: connected,
        connected,
        recovered: false,
        registered_time: Some(time(framework.registered_time)),
        // Upstream sets it at the first subscription too.
        reregistered_time: Some(time(framework.registered_time)),
        unregistered_time: framework.unregistered_time.map(time),
        offers,
        inverse_offers: Vec::new(),
        allocated_resources: with_legacy_role(allocated),
        offered_resources: offered.to_protos(),
        offer_constraints: Some(framework.offer_constraints_info.clone().unwrap_or_default()),
    }
}

/// Resources in the master's `ENDPOINT` format (`convertResourceFormat`): unreserved ones
/// with the deprecated `role: "*"`; a single reservation both ways, the deprecated `role`
/// (with `reservation` when dynamic) and the `reservations` stack.
fn with_legacy_role(mut resources: Vec<Resource>) -> Vec<Resource> {
    use mesos_sdk::v1::resource::{ReservationInfo, reservation_info};
    for resource in &mut resources {
        if !resource.reservations.is_empty() {
            continue;
        }
        match resource.role.clone().filter(|r| r != "*") {
            None => resource.role = Some("*".to_string()),
            Some(role) => {
                let dynamic = resource.reservation.as_ref();
                resource.reservations.push(ReservationInfo {
                    r#type: Some(if dynamic.is_some() {
                        reservation_info::Type::Dynamic as i32
                    } else {
                        reservation_info::Type::Static as i32
                    }),
                    role: Some(role),
                    principal: dynamic.and_then(|d| d.principal.clone()),
                    labels: dynamic.and_then(|d| d.labels.clone()),
                });
            }
        }
    }
    resources
}

/// The resources of `tasks` still held (not recovered), each with its allocation role.
fn allocated_resources<'a>(tasks: impl Iterator<Item = &'a SimTask>) -> Vec<Resource> {
    let mut by_role: std::collections::BTreeMap<&str, Resources> = Default::default();
    for task in tasks.filter(|t| !t.resources_recovered) {
        by_role
            .entry(task.role.as_str())
            .or_default()
            .add(&task.resources);
    }
    by_role
        .into_iter()
        .flat_map(|(role, resources)| {
            resources.to_protos().into_iter().map(move |mut r| {
                r.allocation_info = Some(mesos_sdk::v1::resource::AllocationInfo {
                    role: Some(role.to_string()),
                });
                r
            })
        })
        .collect()
}

fn get_executors(state: &MasterState) -> response::GetExecutors {
    let mut executors = Vec::new();
    for agent in state.agents.values() {
        for handle in agent.executors.values() {
            if let Some(custom) = &handle.custom {
                executors.push(response::get_executors::Executor {
                    executor_info: custom.info.clone(),
                    agent_id: AgentId {
                        value: agent.id.clone(),
                    },
                });
            }
        }
    }
    executors.sort_by(|a, b| {
        (&a.agent_id.value, &a.executor_info.executor_id.value)
            .cmp(&(&b.agent_id.value, &b.executor_info.executor_id.value))
    });
    executors.dedup_by(|a, b| {
        a.agent_id == b.agent_id && a.executor_info.executor_id == b.executor_info.executor_id
    });
    response::GetExecutors {
        executors,
        orphan_executors: Vec::new(),
    }
}

fn get_tasks(state: &MasterState) -> response::GetTasks {
    let mut tasks = response::GetTasks::default();
    for framework in state.frameworks.values() {
        tasks.tasks.extend(framework.tasks.values().map(task_proto));
        tasks.unreachable_tasks.extend(
            framework
                .unreachable_tasks
                .values()
                .map(|(t, _)| task_proto(t)),
        );
        tasks
            .completed_tasks
            .extend(framework.completed_tasks.iter().map(task_proto));
    }
    for framework in &state.completed_frameworks {
        tasks
            .completed_tasks
            .extend(framework.completed_tasks.iter().map(task_proto));
    }
    tasks
}

/// A task as `protobuf::createTask` builds it from its TaskInfo, with its latest state and
/// status.
pub(crate) fn task_proto(task: &SimTask) -> Task {
    let info = &task.info;
    let status = task.latest_status.clone().map(|mut s| {
        // The master drops the data of statuses it keeps (MESOS-1746).
        s.data = None;
        s
    });
    Task {
        name: info.name.clone(),
        task_id: info.task_id.clone(),
        framework_id: FrameworkId {
            value: task.framework_id.clone(),
        },
        executor_id: info.executor.as_ref().map(|e| ExecutorId {
            value: e.executor_id.value.clone(),
        }),
        agent_id: AgentId {
            value: task.agent_id.clone(),
        },
        state: task.state as i32,
        resources: task
            .resources
            .to_protos()
            .into_iter()
            .map(|mut r| {
                r.allocation_info = Some(mesos_sdk::v1::resource::AllocationInfo {
                    role: Some(task.role.clone()),
                });
                r
            })
            .collect(),
        status_update_state: task.status_update_state.map(|s| s as i32),
        status_update_uuid: status.as_ref().and_then(|s| s.uuid.clone()),
        statuses: status.into_iter().collect(),
        labels: info.labels.clone(),
        discovery: info.discovery.clone(),
        container: info.container.clone(),
        health_check: info.health_check.clone(),
        kill_policy: info.kill_policy,
        ..Default::default()
    }
}

fn get_roles(state: &MasterState) -> response::GetRoles {
    let mut names: std::collections::BTreeSet<String> =
        state.config.role_weights.keys().cloned().collect();
    for framework in state.frameworks.values() {
        names.extend(framework.roles());
    }
    let roles = names
        .into_iter()
        .map(|name| {
            let frameworks: Vec<FrameworkId> = state
                .frameworks
                .values()
                .filter(|f| f.roles().contains(&name))
                .map(|f| FrameworkId {
                    value: f.id.clone(),
                })
                .collect();
            let mut used = Resources::default();
            for framework in state.frameworks.values() {
                for task in framework
                    .tasks
                    .values()
                    .filter(|t| t.role == name && !t.resources_recovered)
                {
                    used.add(&task.resources);
                }
            }
            for offer in state.offers.values().filter(|o| o.role == name) {
                used.add(&offer.resources);
            }
            let resources: Vec<Resource> = used
                .to_protos()
                .into_iter()
                .filter(|r| ["cpus", "mem", "disk", "gpus"].contains(&r.name.as_str()))
                .collect();
            Role {
                weight: state.config.role_weights.get(&name).copied().unwrap_or(1.0),
                name,
                frameworks,
                resources,
            }
        })
        .collect();
    response::GetRoles { roles }
}

/// How a removed agent's tasks end, as the framework hears it.
pub(crate) struct TaskEnd {
    /// For partition-aware frameworks.
    pub(crate) partition_aware: (TaskState, task_status::Reason),
    /// For the others.
    pub(crate) other: (TaskState, task_status::Reason),
    pub(crate) message: String,
}

impl MasterState {
    /// MARK_AGENT_GONE (`Master::markGone`, `__removeSlave`): the agent is shut down and
    /// removed for good; its tasks end TASK_GONE_BY_OPERATOR with
    /// `REASON_AGENT_REMOVED_BY_OPERATOR` (TASK_LOST with `REASON_AGENT_REMOVED` for
    /// frameworks that are not partition-aware) and become completed; offers on it are
    /// rescinded; every framework gets a FAILURE event for the agent (`sendSlaveLost`).
    /// `None` if no agent has that id; marking an agent gone twice is fine.
    pub(crate) fn mark_agent_gone(&mut self, agent_id: &str) -> Option<Effects> {
        if self.gone_agents.contains(agent_id) {
            return Some(Vec::new());
        }
        if self.unreachable_agents.remove(agent_id).is_some() {
            // An unreachable agent's tasks are already out of the way; it may not come back.
            self.lost_agents.remove(agent_id);
            self.gone_agents.insert(agent_id.to_string());
            self.forget_agent_maintenance(agent_id);
            return Some(Vec::new());
        }
        if !self.agents.contains_key(agent_id) {
            return None;
        }
        self.gone_agents.insert(agent_id.to_string());
        Some(self.remove_agent(
            agent_id,
            &TaskEnd {
                partition_aware: (
                    TaskState::TaskGoneByOperator,
                    task_status::Reason::AgentRemovedByOperator,
                ),
                other: (TaskState::TaskLost, task_status::Reason::AgentRemoved),
                message: "Agent has been marked gone".to_string(),
            },
        ))
    }

    /// Drops what the master knows of an agent's maintenance and draining, as it leaves.
    fn forget_agent_maintenance(&mut self, agent_id: &str) {
        self.maintenance.agents.remove(agent_id);
        self.maintenance.drains.remove(agent_id);
        self.maintenance.deactivated.remove(agent_id);
    }

    /// Removes a registered agent (marked gone, or its machine brought down): it is told to
    /// shut down, so its executors go; its tasks end as `end` says and become completed;
    /// its offers and inverse offers are rescinded; every framework gets a FAILURE event
    /// for the agent (`sendSlaveLost`). `Master::_removeSlave`, `__removeSlave`.
    pub(crate) fn remove_agent(&mut self, agent_id: &str, end: &TaskEnd) -> Effects {
        let mut effects = Vec::new();
        let Some(agent) = self.agents.remove(agent_id) else {
            return effects;
        };
        for (_, executor) in agent.executors {
            effects.push(Effect::Kill {
                sender: executor.kill,
                request: crate::agent::KillRequest::shutdown(Some(Duration::ZERO)),
            });
        }
        let offers: Vec<String> = self
            .offers
            .iter()
            .filter(|(_, o)| o.agent_id == agent_id)
            .map(|(id, _)| id.clone())
            .collect();
        for offer_id in offers {
            if let Some(offer) = self.offers.remove(&offer_id) {
                effects.extend(self.send(&offer.framework_id, &events::rescind(&offer.offer)));
            }
        }
        let framework_ids: Vec<String> = self.frameworks.keys().cloned().collect();
        for framework_id in &framework_ids {
            let Some(framework) = self.frameworks.get_mut(framework_id) else {
                continue;
            };
            let (state, reason) = if framework.partition_aware() {
                end.partition_aware
            } else {
                end.other
            };
            let gone: Vec<String> = framework
                .tasks
                .values()
                .filter(|t| t.agent_id == agent_id)
                .map(|t| t.info.task_id.value.clone())
                .collect();
            let mut updates = Vec::new();
            for task_id in gone {
                let Some(mut task) = framework.tasks.remove(&task_id) else {
                    continue;
                };
                let mut status = master_status(
                    &task.info.task_id,
                    Some(agent_id),
                    state,
                    reason,
                    end.message.clone(),
                );
                status.executor_id = task.info.executor.as_ref().map(|e| e.executor_id.clone());
                task.state = state;
                task.status_update_state = Some(state);
                task.latest_status = Some(status.clone());
                task.resources_recovered = true;
                push_completed(framework, task);
                updates.push(status);
            }
            for status in updates {
                effects.extend(self.send(framework_id, &events::update(status)));
            }
        }
        effects.extend(self.rescind_inverse_offers_of_agent(agent_id));
        self.forget_agent_maintenance(agent_id);
        // `sendSlaveLost`: every framework hears that the agent is lost.
        let failure = mesos_sdk::v1::scheduler::Event {
            r#type: Some(mesos_sdk::v1::scheduler::event::Type::Failure as i32),
            failure: Some(mesos_sdk::v1::scheduler::event::Failure {
                agent_id: Some(AgentId {
                    value: agent_id.to_string(),
                }),
                executor_id: None,
                status: None,
            }),
            ..Default::default()
        };
        for framework_id in framework_ids {
            effects.extend(self.send(&framework_id, &failure));
        }
        effects
    }
}
