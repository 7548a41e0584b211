//! The master's informational endpoints: `/version`, `/redirect` and `/state` (a JSON summary
//! in upstream's shape for the fields the simulator has). `mesos: src/master/http.cpp`
//! `Master::Http::redirect`, `Master::Http::state`; `mesos: src/version/version.hpp`.

use http::Response;
use serde_json::{Map, Value, json};

use super::Master;
use super::state::{Framework, MasterState, Task};
use crate::http::body::SimBody;
use crate::http::response::{json as json_response, redirect as redirect_response};
use crate::http::server::FullRequest;
use crate::resources::Resources;

/// The Mesos release the simulator answers as.
pub const MESOS_VERSION: &str = "1.11.0";

/// `GET /version`.
pub(crate) fn version() -> Response<SimBody> {
    json_response(&json!({
        "version": MESOS_VERSION,
        "build_date": "2020-11-24 00:00:00",
        "build_time": 1_606_176_000.0,
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

/// The `/state` document.
pub(crate) fn state_json(state: &MasterState) -> Value {
    let leader = state.info.pid.clone();
    let slaves: Vec<Value> = state
        .agents
        .values()
        .map(|agent| {
            let mut used = agent.total.clone();
            used.subtract(&agent.available);
            let mut offered = Resources::default();
            for offer in state.offers.values().filter(|o| o.agent_id == agent.id) {
                offered.add(&offer.resources);
            }
            used.subtract(&offered);
            json!({
                "id": agent.id,
                "pid": format!("slave(1)@{}", agent.endpoint),
                "hostname": agent.info.hostname,
                "port": agent.endpoint.port(),
                "registered_time": agent.registered_time,
                "resources": resources_json(&agent.total),
                "used_resources": resources_json(&used),
                "offered_resources": resources_json(&offered),
                "unreserved_resources": resources_json(&agent.total.allocatable_to("*")),
                "attributes": {},
                "active": true,
                "version": MESOS_VERSION,
            })
        })
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
    let mut document = json!({
        "version": MESOS_VERSION,
        "build_user": "mesos-sim",
        "start_time": state.start_time,
        "id": state.info.id,
        "pid": state.info.pid,
        "hostname": state.info.hostname,
        "activated_slaves": state.agents.len(),
        "deactivated_slaves": 0,
        "unreachable_slaves": state.unreachable_agents.len(),
        "slaves": slaves,
        "frameworks": frameworks,
        "completed_frameworks": completed,
        "orphan_tasks": [],
        "unregistered_frameworks": [],
        "flags": {
            "allocation_interval": crate::duration::format_duration(state.config.allocation_interval),
            "authenticate_http_frameworks": if state.config.credentials.is_some() { "true" } else { "false" },
        },
    });
    if let Some(object) = document.as_object_mut() {
        if let Some(leader) = leader {
            object.insert("leader".into(), Value::String(leader));
        }
        if let Ok(info) = mesos_sdk::json::to_value(&state.info) {
            object.insert("leader_info".into(), info);
        }
        if let Some(elected) = state.elected_time {
            object.insert("elected_time".into(), json!(elected));
        }
    }
    document
}

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
        .chain(framework.completed_tasks.iter())
    {
        let name = task.state.as_str_name().to_string();
        let count = counts.get(&name).and_then(Value::as_u64).unwrap_or(0);
        counts.insert(name, json!(count + 1));
    }
    let mut value = json!({
        "id": framework.id,
        "name": framework.info.name,
        "user": framework.info.user,
        "hostname": framework.info.hostname.clone().unwrap_or_default(),
        "failover_timeout": framework.info.failover_timeout.unwrap_or(0.0),
        "checkpoint": framework.info.checkpoint.unwrap_or(false),
        "roles": framework.roles(),
        "principal": framework.info.principal,
        "active": active && framework.connection.is_some(),
        "connected": framework.connection.is_some(),
        "recovered": false,
        "registered_time": framework.registered_time,
        "unregistered_time": framework.unregistered_time.unwrap_or(0.0),
        "capabilities": framework.info.capabilities.iter().filter_map(|c| c.r#type).filter_map(|t| mesos_sdk::v1::framework_info::capability::Type::try_from(t).ok()).map(|t| t.as_str_name()).collect::<Vec<_>>(),
        "used_resources": resources_json(&used),
        "offered_resources": resources_json(&offered),
        "resources": resources_json(&{ let mut all = used.clone(); all.add(&offered); all }),
        "tasks": framework.tasks.values().map(task_json).collect::<Vec<_>>(),
        "completed_tasks": framework.completed_tasks.iter().map(task_json).collect::<Vec<_>>(),
        "unreachable_tasks": framework.unreachable_tasks.values().map(|(t, _)| task_json(t)).collect::<Vec<_>>(),
        "offers": offers,
        "executors": [],
    });
    if let Some(object) = value.as_object_mut() {
        if let Some(role) = &framework.info.role {
            object.insert("role".into(), json!(role));
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
        "executor_id": if task.info.executor.is_some() { task.executor_id.clone() } else { String::new() },
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
