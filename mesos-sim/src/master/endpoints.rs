//! The master's informational endpoints: `/version`, `/redirect` and `/state` (a JSON summary
//! in upstream's shape for the fields the simulator has). `mesos: src/master/http.cpp`
//! `Master::Http::redirect`, `Master::Http::state`; `mesos: src/version/version.hpp`.

use http::Response;
use serde_json::{Map, Value, json};

use super::Master;
use std::collections::BTreeMap;

use mesos_sdk::v1::{Attribute, framework_info, master_info};

use super::state::{Framework, MAX_COMPLETED_FRAMEWORKS, MAX_COMPLETED_TASKS, MasterState, Task};
use crate::agent::Agent;
use crate::http::body::SimBody;
use crate::http::response::{json as json_response, redirect as redirect_response};
use crate::http::server::FullRequest;
use crate::resources::{Resources, reservation_role};

/// The Mesos release the simulator answers as.
pub const MESOS_VERSION: &str = "1.11.0";

/// Build date and time reported by `/version` and `/state` (1.11.0's release day).
const BUILD_DATE: &str = "2020-11-24 00:00:00";
const BUILD_TIME: f64 = 1_606_176_000.0;

/// `GET /version`.
pub(crate) fn version() -> Response<SimBody> {
    json_response(&json!({
        "version": MESOS_VERSION,
        "build_date": BUILD_DATE,
        "build_time": BUILD_TIME,
        "build_user": "mesos-sim",
    }))
}

/// `/redirect` and `/master/redirect` on the leader: 307 to itself, `//host:port`.
pub(crate) fn redirect(master: &Master, _request: &FullRequest) -> Response<SimBody> {
    let state = master.lock();
    let host = state.info.hostname.clone().unwrap_or_default();
    redirect_response(format!("//{host}:{}", state.info.port))
}

/// `GET /state`.
pub(crate) fn state(master: &Master) -> Response<SimBody> {
    json_response(&state_json(&master.lock()))
}

/// The `/state` document, in the shape of `Master::ReadOnlyHandler::state`
/// (`mesos: src/master/readonly_handler.cpp`): the fields the simulator has data for.
pub(crate) fn state_json(state: &MasterState) -> Value {
    let slaves: Vec<Value> = state
        .agents
        .values()
        .map(|agent| agent_json(state, agent))
        .collect();
    let frameworks: Vec<Value> = state
        .frameworks
        .values()
        .map(|f| framework_json(state, f, true))
        .collect();
    let completed: Vec<Value> = state
        .completed_frameworks
        .iter()
        .map(|f| framework_json(state, f, false))
        .collect();
    let capabilities: Vec<&str> = state
        .info
        .capabilities
        .iter()
        .filter_map(|c| c.r#type)
        .filter_map(|t| master_info::capability::Type::try_from(t).ok())
        .map(|t| t.as_str_name())
        .collect();
    // Registered agents the operator deactivated (stopped agents count as activated here).
    let deactivated = state
        .agents
        .keys()
        .filter(|id| state.maintenance.is_deactivated(id))
        .count();
    let mut document = json!({
        "version": MESOS_VERSION,
        "build_date": BUILD_DATE,
        "build_time": BUILD_TIME,
        "build_user": "mesos-sim",
        "start_time": state.start_time,
        "id": state.info.id,
        "pid": state.info.pid,
        "hostname": state.info.hostname,
        "capabilities": capabilities,
        "activated_slaves": state.agents.len() - deactivated,
        "deactivated_slaves": deactivated,
        "unreachable_slaves": state.unreachable_agents.len(),
        "flags": flags_json(state),
        "slaves": slaves,
        "recovered_slaves": [],
        "frameworks": frameworks,
        "completed_frameworks": completed,
        "orphan_tasks": [],
        "unregistered_frameworks": [],
    });
    if let Some(object) = document.as_object_mut() {
        if let Some(elected) = state.elected_time {
            object.insert("elected_time".into(), json!(elected));
        }
        if let Some(leader) = &state.info.pid {
            object.insert("leader".into(), json!(leader));
        }
        if let Ok(info) = mesos_sdk::json::to_value(&state.info) {
            object.insert("leader_info".into(), info);
        }
    }
    document
}

/// The master flags the simulator has equivalents for, stringified as upstream does.
fn flags_json(state: &MasterState) -> Value {
    let config = &state.config;
    let mut flags = Map::new();
    let mut flag = |name: &str, value: String| {
        flags.insert(name.to_string(), Value::String(value));
    };
    flag(
        "allocation_interval",
        mesos_sdk::duration::format_duration(config.allocation_interval),
    );
    flag(
        "authenticate_http_frameworks",
        config.credentials.is_some().to_string(),
    );
    flag(
        "filter_gpu_resources",
        config.filter_gpu_resources.to_string(),
    );
    flag(
        "executor_shutdown_grace_period",
        mesos_sdk::duration::format_duration(config.executor_shutdown_grace_period),
    );
    flag(
        "max_completed_frameworks",
        MAX_COMPLETED_FRAMEWORKS.to_string(),
    );
    flag(
        "max_completed_tasks_per_framework",
        MAX_COMPLETED_TASKS.to_string(),
    );
    flag("port", state.leader_addr.port().to_string());
    flag("ip", state.leader_addr.ip().to_string());
    flag("hostname", state.info.hostname.clone().unwrap_or_default());
    if !config.role_weights.is_empty() {
        let mut weights: Vec<String> = config
            .role_weights
            .iter()
            .map(|(role, weight)| format!("{role}={weight}"))
            .collect();
        weights.sort();
        flag("weights", weights.join(","));
    }
    Value::Object(flags)
}

/// An agent as `SlaveWriter` writes it.
fn agent_json(state: &MasterState, agent: &Agent) -> Value {
    let mut offered = Resources::default();
    for offer in state.offers.values().filter(|o| o.agent_id == agent.id) {
        offered.add(&offer.resources);
    }
    let mut used = agent.total.clone();
    used.subtract(&agent.available);
    used.subtract(&offered);
    let mut reserved: BTreeMap<String, Vec<mesos_sdk::v1::Resource>> = BTreeMap::new();
    for resource in agent.total.to_protos() {
        if let Some(role) = reservation_role(&resource) {
            reserved.entry(role.to_string()).or_default().push(resource);
        }
    }
    let reserved: Map<String, Value> = reserved
        .into_iter()
        .map(|(role, protos)| {
            let resources = Resources::from_protos(&protos).unwrap_or_default();
            (role, resources_json(&resources))
        })
        .collect();
    let deactivated = state.maintenance.is_deactivated(&agent.id);
    let mut value = json!({
        "id": agent.id,
        "hostname": agent.info.hostname,
        "port": agent.endpoint.port(),
        "attributes": attributes_json(&agent.info.attributes),
        "pid": format!("slave(1)@{}", agent.endpoint),
        "registered_time": agent.registered_time,
        "resources": resources_json(&agent.total),
        "used_resources": resources_json(&used),
        "offered_resources": resources_json(&offered),
        "reserved_resources": reserved,
        // Nothing is reserved to `*`, so what `*` may use is what is unreserved.
        "unreserved_resources": resources_json(&agent.total.allocatable_to("*")),
        // An agent whose process is down is deactivated until it comes back (`Master::exited`),
        // one the operator deactivated or drains until REACTIVATE_AGENT.
        "active": !agent.stopped && !deactivated,
        "deactivated": deactivated,
        "version": MESOS_VERSION,
        "capabilities": [
            "MULTI_ROLE",
            "HIERARCHICAL_ROLE",
            "RESERVATION_REFINEMENT",
            "AGENT_DRAINING"
        ],
    });
    if let Some(object) = value.as_object_mut() {
        if let Some(time) = agent.reregistered_time {
            object.insert("reregistered_time".into(), json!(time));
        }
        if let Some(drain) = state.drain_of(&agent.id) {
            object.insert(
                "drain_info".into(),
                mesos_sdk::json::to_value(&drain.info).unwrap_or_default(),
            );
            if let Some(start) = drain.estimated_start {
                object.insert("estimated_drain_start_time_seconds".into(), json!(start));
            }
        }
    }
    value
}

/// Attributes as upstream's `json(ObjectWriter*, const Attributes&)`: scalars as numbers,
/// ranges and sets in their text form, text as strings.
fn attributes_json(attributes: &[Attribute]) -> Value {
    let mut out = Map::new();
    for attribute in attributes {
        let value = if let Some(scalar) = &attribute.scalar {
            json!(scalar.value)
        } else if let Some(ranges) = &attribute.ranges {
            let text: Vec<String> = ranges
                .range
                .iter()
                .map(|r| format!("{}-{}", r.begin, r.end))
                .collect();
            json!(format!("[{}]", text.join(", ")))
        } else if let Some(set) = &attribute.set {
            json!(format!("{{{}}}", set.item.join(", ")))
        } else {
            json!(attribute.text.as_ref().map_or("", |t| t.value.as_str()))
        };
        out.insert(attribute.name.clone(), value);
    }
    Value::Object(out)
}

/// A framework as `FullFrameworkWriter` writes it (plus per-state task counts, as
/// `/state-summary` has them).
fn framework_json(state: &MasterState, framework: &Framework, active: bool) -> Value {
    let mut offered = Resources::default();
    let offers: Vec<Value> = state
        .offers
        .values()
        .filter(|o| o.framework_id == framework.id)
        .map(|o| {
            offered.add(&o.resources);
            json!({
                "id": o.offer.id.value,
                "framework_id": framework.id,
                "allocation_info": {"role": o.role},
                "slave_id": o.agent_id,
                "resources": resources_json(&o.resources),
            })
        })
        .collect();
    let mut used = Resources::default();
    for task in framework.tasks.values().filter(|t| !t.resources_recovered) {
        used.add(&task.resources);
    }
    let mut counts: Map<String, Value> = Map::new();
    for task in framework
        .tasks
        .values()
        .chain(framework.unreachable_tasks.values().map(|(t, _)| t))
        .chain(framework.completed_tasks.iter())
    {
        let name = task.state.as_str_name().to_string();
        let count = counts.get(&name).and_then(Value::as_u64).unwrap_or(0);
        counts.insert(name, json!(count + 1));
    }
    let executors: Vec<Value> = state
        .agents
        .values()
        .flat_map(|agent| {
            agent
                .executors
                .iter()
                .filter(|((f, _), _)| f == &framework.id)
                .filter_map(|(_, e)| e.custom.as_ref())
                .map(|custom| {
                    let info = &custom.info;
                    let resources = Resources::from_protos(&info.resources).unwrap_or_default();
                    json!({
                        "executor_id": info.executor_id.value,
                        "name": info.name.clone().unwrap_or_default(),
                        "framework_id": framework.id,
                        "command": info.command.as_ref().and_then(|c| mesos_sdk::json::to_value(c).ok()),
                        "resources": resources_json(&resources),
                        "slave_id": agent.id,
                    })
                })
        })
        .collect();
    let capabilities: Vec<&str> = framework
        .info
        .capabilities
        .iter()
        .filter_map(|c| c.r#type)
        .filter_map(|t| framework_info::capability::Type::try_from(t).ok())
        .map(|t| t.as_str_name())
        .collect();
    let connected = framework.connection.is_some();
    let mut value = json!({
        "id": framework.id,
        "name": framework.info.name,
        "used_resources": resources_json(&used),
        "offered_resources": resources_json(&offered),
        "capabilities": capabilities,
        "hostname": framework.info.hostname.clone().unwrap_or_default(),
        "webui_url": framework.info.webui_url.clone().unwrap_or_default(),
        "active": active && connected,
        "connected": connected,
        "recovered": false,
        "user": framework.info.user,
        "failover_timeout": framework.info.failover_timeout.unwrap_or(0.0),
        "checkpoint": framework.info.checkpoint.unwrap_or(false),
        "registered_time": framework.registered_time,
        "unregistered_time": framework.unregistered_time.unwrap_or(0.0),
        "resources": resources_json(&{ let mut all = used.clone(); all.add(&offered); all }),
        "tasks": framework.tasks.values().map(task_json).collect::<Vec<_>>(),
        "unreachable_tasks": framework.unreachable_tasks.values().map(|(t, _)| task_json(t)).collect::<Vec<_>>(),
        "completed_tasks": framework.completed_tasks.iter().map(task_json).collect::<Vec<_>>(),
        "offers": offers,
        "executors": executors,
    });
    if let Some(object) = value.as_object_mut() {
        if let Some(principal) = &framework.info.principal {
            object.insert("principal".into(), json!(principal));
        }
        // MULTI_ROLE frameworks have `roles`, the others `role` (default `*`).
        if framework.has_capability(framework_info::capability::Type::MultiRole) {
            object.insert("roles".into(), json!(framework.info.roles));
        } else {
            object.insert(
                "role".into(),
                json!(framework.info.role.clone().unwrap_or_else(|| "*".into())),
            );
        }
        if let Some(labels) = framework
            .info
            .labels
            .as_ref()
            .and_then(|l| mesos_sdk::json::to_value(l).ok())
        {
            object.insert("labels".into(), labels);
        }
        if let Some(constraints) = framework
            .offer_constraints_info
            .as_ref()
            .and_then(|c| mesos_sdk::json::to_value(c).ok())
        {
            object.insert("offer_constraints".into(), constraints);
        }
        object.extend(counts);
    }
    value
}

fn task_json(task: &Task) -> Value {
    let statuses: Vec<Value> = task
        .latest_status
        .iter()
        .map(|s| {
            json!({
                "state": mesos_sdk::v1::TaskState::try_from(s.state).map(|s| s.as_str_name()).unwrap_or("TASK_UNKNOWN"),
                "timestamp": s.timestamp.unwrap_or(0.0),
            })
        })
        .collect();
    json!({
        "id": task.info.task_id.value,
        "name": task.info.name,
        "framework_id": task.framework_id,
        // The task's executor (a task group's default executor included); none for a
        // command task.
        "executor_id": task.info.executor.as_ref().map(|e| e.executor_id.value.clone()).unwrap_or_default(),
        "slave_id": task.agent_id,
        "state": task.state.as_str_name(),
        "role": task.role,
        "resources": resources_json(&task.resources),
        "statuses": statuses,
    })
}

/// Resources as `/state` writes them: scalars as numbers (with the usual `cpus`, `mem`,
/// `disk`, `gpus` always present), ranges as `"[a-b, c-d]"`.
pub(crate) fn resources_json(resources: &Resources) -> Value {
    let mut out = Map::new();
    for name in ["cpus", "disk", "gpus", "mem"] {
        out.insert(name.into(), json!(0.0));
    }
    for resource in resources.to_protos() {
        if let Some(scalar) = &resource.scalar {
            let previous = out
                .get(&resource.name)
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            out.insert(resource.name.clone(), json!(previous + scalar.value));
        } else if let Some(ranges) = &resource.ranges {
            let text: Vec<String> = ranges
                .range
                .iter()
                .map(|r| format!("{}-{}", r.begin, r.end))
                .collect();
            out.insert(
                resource.name.clone(),
                json!(format!("[{}]", text.join(", "))),
            );
        } else if let Some(set) = &resource.set {
            out.insert(
                resource.name.clone(),
                json!(format!("{{{}}}", set.item.join(", "))),
            );
        }
    }
    Value::Object(out)
}
