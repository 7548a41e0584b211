//! `/state` read the way a consumer reads it (typed, as mesos-dns or a dashboard would): the
//! top-level fields, agents with attributes and reserved/unreserved resources, frameworks with
//! their role, tasks, offers and resources.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::{Enc, Subscription, ack_call, command_task, framework_info, request};
use mesos_sdk::v1::{TaskState, framework_info as fi};
use mesos_sim::Cluster;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct State {
    version: String,
    build_date: String,
    build_time: f64,
    start_time: f64,
    elected_time: f64,
    id: String,
    pid: String,
    hostname: String,
    leader: String,
    leader_info: LeaderInfo,
    capabilities: Vec<String>,
    activated_slaves: u64,
    deactivated_slaves: u64,
    unreachable_slaves: u64,
    flags: HashMap<String, String>,
    slaves: Vec<Agent>,
    recovered_slaves: Vec<serde_json::Value>,
    frameworks: Vec<Framework>,
    completed_frameworks: Vec<Framework>,
    orphan_tasks: Vec<serde_json::Value>,
    unregistered_frameworks: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct LeaderInfo {
    id: String,
    hostname: String,
    port: u16,
}

#[derive(Debug, Default, Deserialize)]
struct Quantities {
    cpus: f64,
    mem: f64,
    disk: f64,
    gpus: f64,
    ports: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Agent {
    id: String,
    pid: String,
    hostname: String,
    port: u16,
    attributes: HashMap<String, serde_json::Value>,
    registered_time: f64,
    resources: Quantities,
    used_resources: Quantities,
    offered_resources: Quantities,
    reserved_resources: HashMap<String, Quantities>,
    unreserved_resources: Quantities,
    active: bool,
    version: String,
    capabilities: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Framework {
    id: String,
    name: String,
    user: String,
    role: Option<String>,
    roles: Option<Vec<String>>,
    principal: Option<String>,
    hostname: String,
    webui_url: String,
    active: bool,
    connected: bool,
    recovered: bool,
    capabilities: Vec<String>,
    failover_timeout: f64,
    checkpoint: bool,
    registered_time: f64,
    unregistered_time: f64,
    used_resources: Quantities,
    offered_resources: Quantities,
    resources: Quantities,
    tasks: Vec<Task>,
    unreachable_tasks: Vec<Task>,
    completed_tasks: Vec<Task>,
    offers: Vec<Offer>,
    executors: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Task {
    id: String,
    name: String,
    framework_id: String,
    executor_id: String,
    slave_id: String,
    state: String,
    role: String,
    resources: Quantities,
    statuses: Vec<Status>,
}

#[derive(Debug, Deserialize)]
struct Status {
    state: String,
    timestamp: f64,
}

#[derive(Debug, Deserialize)]
struct Offer {
    id: String,
    framework_id: String,
    slave_id: String,
    allocation_info: AllocationInfo,
    resources: Quantities,
}

#[derive(Debug, Deserialize)]
struct AllocationInfo {
    role: String,
}

#[tokio::test(start_paused = true)]
async fn state_reads_as_upstream_for_a_typed_consumer() {
    let cluster = Cluster::builder()
        .synthetic(true)
        .agents(2)
        .agent_resources("cpus(web):1;cpus:3;mem:2048;ports:[31000-31009]")
        .agent_attributes("rack:r1;slots:4")
        .role_weight("web", 2.0)
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("typed");
    #[allow(deprecated)]
    {
        info.role = Some("web".into());
    }
    info.webui_url = Some("http://ui.example".into());
    let mut s = Subscription::open(&url, Enc::Protobuf, info).await;
    let mut offers = Vec::new();
    while offers.len() < 2 {
        offers.extend(s.next_offers().await);
    }
    let launch = common::launch_call(
        &s.framework_id,
        &[&offers[0].id],
        vec![command_task(&offers[0], "t1", "sleep 1000")],
        Some(3600.0),
    );
    assert_eq!(s.call(&url, &launch).await.status, 202);
    loop {
        let status = s.next_update().await;
        s.call(&url, &ack_call(&s.framework_id, &status)).await;
        if status.state() == TaskState::TaskRunning {
            break;
        }
    }
    let mut multi = framework_info("multi");
    multi.roles = vec!["batch".into()];
    multi.capabilities = vec![fi::Capability {
        r#type: Some(fi::capability::Type::MultiRole as i32),
    }];
    let mut multi = Subscription::open(&url, Enc::Json, multi).await;
    // It gets the unreserved rest of the first agent.
    assert_eq!(multi.next_offers().await.len(), 1);

    let reply = request(&url, "GET", "/state", &[], Vec::new()).await;
    assert_eq!(reply.status, 200);
    let raw: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
    let state: State = serde_json::from_value(raw.clone()).expect("the consumer's shape");

    assert_eq!(state.version, "1.11.0");
    assert!(!state.build_date.is_empty() && state.build_time > 0.0);
    assert!(state.start_time > 0.0 && state.elected_time >= state.start_time);
    assert_eq!(state.leader, state.pid);
    assert_eq!(state.leader_info.id, state.id);
    assert_eq!(state.leader_info.hostname, state.hostname);
    assert_eq!(state.leader_info.port, cluster.master_addr().port());
    assert!(state.capabilities.contains(&"AGENT_UPDATE".to_string()));
    assert_eq!(
        (
            state.activated_slaves,
            state.deactivated_slaves,
            state.unreachable_slaves
        ),
        (2, 0, 0)
    );
    assert_eq!(state.flags["allocation_interval"], "1secs");
    assert_eq!(state.flags["weights"], "web=2");
    assert_eq!(
        state.flags["port"],
        cluster.master_addr().port().to_string()
    );
    assert!(state.recovered_slaves.is_empty() && state.orphan_tasks.is_empty());
    assert!(state.unregistered_frameworks.is_empty() && state.completed_frameworks.is_empty());

    let mut agent_ids = cluster.agent_ids();
    agent_ids.sort();
    let mut listed: Vec<_> = state.slaves.iter().map(|a| a.id.clone()).collect();
    listed.sort();
    assert_eq!(listed, agent_ids);
    let busy = state
        .slaves
        .iter()
        .find(|a| a.id == offers[0].agent_id.value)
        .unwrap();
    assert!(busy.pid.starts_with("slave(1)@") && busy.active && busy.version == "1.11.0");
    assert_eq!(busy.hostname, "127.0.0.1");
    assert!(busy.registered_time > 0.0 && !busy.capabilities.is_empty());
    let _ = busy.port;
    assert_eq!(busy.attributes["rack"], "r1");
    assert_eq!(busy.attributes["slots"], 4.0);
    assert_eq!(busy.resources.cpus, 4.0);
    assert_eq!(busy.resources.mem, 2048.0);
    assert_eq!(busy.resources.ports.as_deref(), Some("[31000-31009]"));
    assert_eq!(busy.reserved_resources["web"].cpus, 1.0);
    assert_eq!(busy.unreserved_resources.cpus, 3.0);
    assert_eq!(busy.used_resources.cpus, 0.1);
    assert_eq!(busy.used_resources.mem, 32.0);
    // The rest of its unreserved cpus went to the "batch" framework; the reserved cpu
    // stays with role "web", which refused it.
    assert_eq!(busy.offered_resources.cpus, 2.9);
    assert_eq!((busy.resources.disk, busy.resources.gpus), (0.0, 0.0));

    let typed = state
        .frameworks
        .iter()
        .find(|f| f.id == s.framework_id)
        .unwrap();
    assert_eq!(
        (typed.name.as_str(), typed.user.as_str()),
        ("typed", "tester")
    );
    assert_eq!(typed.role.as_deref(), Some("web"));
    assert!(typed.roles.is_none() && typed.principal.is_none());
    let raw_typed = raw["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == typed.id.as_str())
        .unwrap();
    assert!(raw_typed.get("principal").is_none(), "absent, not null");
    assert_eq!(typed.webui_url, "http://ui.example");
    assert!(typed.hostname.is_empty() && typed.capabilities.is_empty());
    assert!(typed.active && typed.connected && !typed.recovered && !typed.checkpoint);
    assert_eq!(typed.failover_timeout, 0.0);
    assert!(typed.registered_time > 0.0 && typed.unregistered_time == 0.0);
    assert_eq!(typed.tasks.len(), 1);
    let task = &typed.tasks[0];
    assert_eq!((task.id.as_str(), task.name.as_str()), ("t1", "t1"));
    assert_eq!(task.framework_id, typed.id);
    assert_eq!(task.slave_id, offers[0].agent_id.value);
    assert_eq!(
        (task.state.as_str(), task.role.as_str()),
        ("TASK_RUNNING", "web")
    );
    assert!(
        task.executor_id.is_empty(),
        "command tasks have no executor id"
    );
    assert_eq!(task.resources.cpus, 0.1);
    assert_eq!(task.statuses.last().unwrap().state, "TASK_RUNNING");
    assert!(task.statuses.last().unwrap().timestamp > 0.0);
    assert!(typed.unreachable_tasks.is_empty() && typed.completed_tasks.is_empty());
    assert!(typed.executors.is_empty());
    // The second agent's offer is still held; the first agent's rest is refused for an hour.
    assert_eq!(typed.offers.len(), 1);
    let offer = &typed.offers[0];
    assert_eq!(offer.framework_id, typed.id);
    assert_eq!(offer.slave_id, offers[1].agent_id.value);
    assert_eq!(offer.allocation_info.role, "web");
    assert_eq!(offer.resources.cpus, 4.0, "reserved and unreserved cpus");
    assert_eq!(cluster.offer_ids(&typed.id), vec![offer.id.clone()]);
    assert_eq!(typed.offered_resources.cpus, 4.0);
    assert_eq!(typed.used_resources.cpus, 0.1);
    assert_eq!(typed.resources.cpus, 4.1);

    let multi = state
        .frameworks
        .iter()
        .find(|f| f.id == multi.framework_id)
        .unwrap();
    assert_eq!(multi.roles.as_deref(), Some(&["batch".to_string()][..]));
    assert!(multi.role.is_none());
    assert_eq!(multi.capabilities, ["MULTI_ROLE"]);
    assert_eq!(multi.offers.len(), 1);
    assert_eq!(multi.offers[0].slave_id, busy.id);
    assert_eq!(multi.offers[0].allocation_info.role, "batch");
    assert_eq!(multi.offers[0].resources.cpus, 2.9);
}
