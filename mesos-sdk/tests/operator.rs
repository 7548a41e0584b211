//! The operator API client (`mesos_sdk::operator`) against both peers (`NAME::sim` on
//! mesos-sim, `NAME::real` on the real Mesos 1.11.0): every read call in protobuf and JSON,
//! the refusals the master answers with status codes, the SUBSCRIBE stream seeing a task
//! added and updated while it runs, MARK_AGENT_GONE, agent deactivation and draining, and the
//! maintenance schedule taking a machine down, weights, dynamic reservations and persistent
//! volumes made by the operator and offered to their role. Standby redirects are a simulator-only
//! scenario at the end; the agent operator API has its own file (`agent_operator.rs`).

mod common;

use std::time::Duration;

use common::*;
use futures_util::StreamExt;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::offers::launch;
use mesos_sdk::operator::{
    DrainOptions, MasterClient, OperatorConfig, OperatorEvent, OperatorEvents,
};
use mesos_sdk::resources::reservation_role;
use mesos_sdk::scheduler::{Session, SessionEvent};
use mesos_sdk::v1::master::response::get_agents;
use mesos_sdk::v1::resource::{ReservationInfo, reservation_info};
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{
    AgentId, DrainState, DurationInfo, FrameworkId, MachineId, Resource, TaskState, TimeInfo,
    Unavailability, Volume, WeightInfo, framework_info, maintenance, resource, task_status, value,
    volume,
};
use mesos_sdk::{Encoding, Endpoint};
use mesos_test_peers::{Peer, PeerKind, on_both_peers};

on_both_peers! {
    reads_protobuf => |kind| reads(kind, Encoding::Protobuf);
    reads_json => |kind| reads(kind, Encoding::Json);
    refusals => refusals;
    events_follow_a_task => events_follow_a_task;
    deactivation_stops_offers => deactivation_stops_offers;
    drain_kills_tasks_then_reactivates => drain_kills_tasks_then_reactivates;
    drain_marks_the_agent_gone => drain_marks_the_agent_gone;
    maintenance_schedule_takes_a_machine_down => maintenance_schedule_takes_a_machine_down;
    weights_are_validated_and_rescind_offers => weights_are_validated_and_rescind_offers;
    reservations_are_offered_to_their_role => reservations_are_offered_to_their_role;
    volumes_are_offered_with_their_disk_info => volumes_are_offered_with_their_disk_info;
}

fn endpoint(peer: &Peer) -> Endpoint {
    peer.master_url().parse().expect("the master's URL parses")
}

fn client(peer: &Peer, encoding: Encoding) -> MasterClient {
    MasterClient::for_endpoint(
        endpoint(peer),
        OperatorConfig::new()
            .with_encoding(encoding)
            .with_call_timeout(Duration::from_secs(10)),
    )
    .expect("client")
}

/// Every read call answers with its payload, consistent with `/master/state`.
async fn reads(kind: PeerKind, encoding: Encoding) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, encoding);
    assert!(master.get_health().await.expect("GET_HEALTH"));
    assert_eq!(
        master.get_version().await.expect("GET_VERSION").version,
        "1.11.0"
    );
    let flags = master.get_flags().await.expect("GET_FLAGS");
    assert!(flags.iter().any(|f| f.name == "port"), "{flags:?}");
    master
        .get_metrics(Some(Duration::from_secs(5)))
        .await
        .expect("GET_METRICS");

    let agents = master.get_agents().await.expect("GET_AGENTS");
    assert_eq!(agents.agents.len(), 1, "{agents:?}");
    let agent = &agents.agents[0];
    let state = peer.state().await;
    assert_eq!(
        agent.agent_info.id.as_ref().map(|id| id.value.as_str()),
        state["slaves"][0]["id"].as_str()
    );
    assert!(agent.active);
    assert_eq!(agent.version, "1.11.0");
    assert!(
        agent.total_resources.iter().any(|r| r.name == "cpus"),
        "{agent:?}"
    );

    let full = master.get_state().await.expect("GET_STATE");
    assert_eq!(full.get_agents.expect("agents").agents.len(), 1);
    assert!(
        full.get_frameworks
            .expect("frameworks")
            .frameworks
            .is_empty()
    );
    assert!(full.get_tasks.expect("tasks").tasks.is_empty());
    assert!(full.get_executors.expect("executors").executors.is_empty());
    let frameworks = master.get_frameworks().await.expect("GET_FRAMEWORKS");
    assert!(frameworks.frameworks.is_empty());
    master.get_executors().await.expect("GET_EXECUTORS");
    master.get_tasks().await.expect("GET_TASKS");
    assert!(master.get_roles().await.expect("GET_ROLES").is_empty());

    let leading = master.get_leading_master().await.expect("GET_MASTER");
    let info = leading.master_info.expect("master_info");
    assert_eq!(u16::try_from(info.port).ok(), Some(endpoint(&peer).port()));
    assert!(leading.elected_time.is_some());

    let status = master
        .get_maintenance_status()
        .await
        .expect("GET_MAINTENANCE_STATUS");
    assert!(status.draining_machines.is_empty());
    let schedule = master
        .get_maintenance_schedule()
        .await
        .expect("GET_MAINTENANCE_SCHEDULE");
    assert!(schedule.windows.is_empty());
    let quota = master.get_quota().await.expect("GET_QUOTA");
    assert!(quota.configs.is_empty(), "{quota:?}");
    #[allow(deprecated)]
    let infos = &quota.infos;
    assert!(infos.is_empty(), "{quota:?}");
}

/// Unknown agents and frameworks, and the master's wording for each.
async fn refusals(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Protobuf);
    let nope = AgentId {
        value: "nope".into(),
    };
    let error = master
        .mark_agent_gone(nope.clone())
        .await
        .expect_err("an unknown agent");
    assert_eq!(error.status(), Some(404), "{error}");
    assert!(
        error.to_string().contains("Agent 'nope' not found"),
        "{error}"
    );
    let error = master
        .teardown(FrameworkId {
            value: "nope".into(),
        })
        .await
        .expect_err("an unknown framework");
    assert_eq!(error.status(), Some(400), "{error}");
    assert!(
        error
            .to_string()
            .contains("No framework found with specified ID"),
        "{error}"
    );
    // Whether the agent is deactivated is checked before whether it exists.
    let error = master
        .reactivate_agent(nope.clone())
        .await
        .expect_err("an unknown agent");
    assert_eq!(error.status(), Some(400), "{error}");
    assert!(
        error.to_string().contains("Agent is not deactivated"),
        "{error}"
    );
    let error = master
        .deactivate_agent(nope)
        .await
        .expect_err("an unknown agent");
    assert_eq!(error.status(), Some(400), "{error}");
    assert!(error.to_string().contains("Unknown agent"), "{error}");
}

/// The next operator event `pick` accepts, skipping the others; fails after the deadline.
async fn next_event<T>(
    events: &mut OperatorEvents,
    what: &str,
    mut pick: impl FnMut(OperatorEvent) -> Option<T>,
) -> T {
    let wait = async {
        loop {
            let event = events
                .next()
                .await
                .unwrap_or_else(|| panic!("the operator stream ended before {what}"))
                .unwrap_or_else(|e| panic!("the operator stream failed before {what}: {e}"));
            if let Some(found) = pick(OperatorEvent::from(event)) {
                return found;
            }
        }
    };
    tokio::time::timeout(DEADLINE, wait)
        .await
        .unwrap_or_else(|_| panic!("no {what} within {DEADLINE:?}"))
}

/// An operator subscriber sees the framework arrive, its task added, running and finished
/// (killed), in protobuf and JSON alike; MARK_AGENT_GONE then ends the tasks of the agent.
async fn events_follow_a_task(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Protobuf);
    let mut events = master.subscribe().await.expect("SUBSCRIBE");
    let mut json_events = client(&peer, Encoding::Json)
        .subscribe()
        .await
        .expect("SUBSCRIBE in JSON");
    let state = events.state();
    assert_eq!(state.get_agents.unwrap_or_default().agents.len(), 1);
    assert!(events.subscribed().heartbeat_interval_seconds.is_some());
    next_event(&mut events, "HEARTBEAT", |e| {
        matches!(e, OperatorEvent::Heartbeat).then_some(())
    })
    .await;

    let mut info = framework("operator-events");
    info.capabilities.push(framework_info::Capability {
        r#type: Some(framework_info::capability::Type::PartitionAware as i32),
    });
    let (scheduler, mut session) =
        Session::start(config_for(info), StaticDetector::new(endpoint(&peer))).expect("start");
    let framework_id = next_matching(&mut session, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed { framework_id, .. } => Some(framework_id.clone()),
        _ => None,
    })
    .await;
    let added = next_event(&mut events, "FRAMEWORK_ADDED", |e| match e {
        OperatorEvent::FrameworkAdded(f) => Some(f),
        _ => None,
    })
    .await;
    assert_eq!(added.framework_info.id.as_ref(), Some(&framework_id));

    let offers = next_offers(&mut session).await;
    let offer = &offers[0];
    let agent = offer.agent_id.clone();
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch(vec![shell_task("watched", &agent, "sleep 600")])],
            None,
        )
        .await
        .expect("ACCEPT");
    // The scheduler must read (and so acknowledge) its updates: the agent forwards the next
    // one only after that.
    wait_for_state(&mut session, "watched", TaskState::TaskRunning).await;
    for events in [&mut events, &mut json_events] {
        let task = next_event(events, "TASK_ADDED", |e| match e {
            OperatorEvent::TaskAdded(t) => Some(t),
            _ => None,
        })
        .await;
        assert_eq!(task.task_id.value, "watched");
        assert_eq!(task.framework_id, framework_id);
        assert_eq!(task.state(), TaskState::TaskStaging);
        next_event(events, "TASK_UPDATED to TASK_RUNNING", |e| match e {
            OperatorEvent::TaskUpdated {
                status,
                state,
                framework_id: f,
            } if status.task_id.value == "watched" && state == TaskState::TaskRunning => {
                assert_eq!(f, framework_id);
                Some(())
            }
            _ => None,
        })
        .await;
    }
    let tasks = master.get_tasks().await.expect("GET_TASKS");
    assert_eq!(tasks.tasks.len(), 1, "{tasks:?}");
    assert_eq!(tasks.tasks[0].state(), TaskState::TaskRunning);
    let frameworks = master.get_frameworks().await.expect("GET_FRAMEWORKS");
    assert_eq!(frameworks.frameworks.len(), 1);
    assert!(frameworks.frameworks[0].active && frameworks.frameworks[0].connected);
    let roles = master.get_roles().await.expect("GET_ROLES");
    assert!(roles.iter().any(|r| r.name == "*"), "{roles:?}");

    // The operator marks the agent gone: the task ends TASK_GONE_BY_OPERATOR (the framework
    // is partition-aware) for the scheduler and the subscribers.
    master
        .mark_agent_gone(agent.clone())
        .await
        .expect("MARK_AGENT_GONE");
    next_event(
        &mut events,
        "TASK_UPDATED to TASK_GONE_BY_OPERATOR",
        |e| match e {
            OperatorEvent::TaskUpdated { status, state, .. }
                if status.task_id.value == "watched" && state == TaskState::TaskGoneByOperator =>
            {
                Some(())
            }
            _ => None,
        },
    )
    .await;
    let status = wait_for_state(&mut session, "watched", TaskState::TaskGoneByOperator).await;
    let last = status.last().expect("an update");
    assert_eq!(
        last.reason(),
        mesos_sdk::v1::task_status::Reason::AgentRemovedByOperator
    );
    let agents = master.get_agents().await.expect("GET_AGENTS");
    assert!(agents.agents.is_empty(), "{agents:?}");
    // Marking it gone again is fine.
    master
        .mark_agent_gone(agent)
        .await
        .expect("MARK_AGENT_GONE again");
    scheduler.teardown().await.expect("TEARDOWN");
}

/// The only agent of a one-agent peer, as GET_AGENTS shows it.
async fn the_agent(master: &MasterClient) -> get_agents::Agent {
    let mut agents = master.get_agents().await.expect("GET_AGENTS").agents;
    assert_eq!(agents.len(), 1, "{agents:?}");
    agents.remove(0)
}

/// Polls GET_AGENTS until `done` holds for the agents, failing after [`DEADLINE`].
async fn agents_until(
    master: &MasterClient,
    what: &str,
    mut done: impl FnMut(&[get_agents::Agent]) -> bool,
) -> Vec<get_agents::Agent> {
    let start = tokio::time::Instant::now();
    loop {
        let agents = master.get_agents().await.expect("GET_AGENTS").agents;
        if done(&agents) {
            return agents;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{what} within {DEADLINE:?}: {agents:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The status code and message of a refused operator call.
fn refusal(result: Result<(), mesos_sdk::Error>) -> (Option<u16>, String) {
    let error = result.expect_err("a refusal");
    (error.status(), error.to_string())
}

/// `/master/state`'s entry for the agent.
async fn state_of_agent(peer: &Peer, agent: &AgentId) -> serde_json::Value {
    let state = peer.state().await;
    state["slaves"]
        .as_array()
        .and_then(|slaves| slaves.iter().find(|s| s["id"] == agent.value.as_str()))
        .cloned()
        .unwrap_or_else(|| panic!("agent {} in /master/state: {state}", agent.value))
}

/// DEACTIVATE_AGENT rescinds the outstanding offer and nothing more is offered from the agent;
/// both flags show in GET_AGENTS and `/master/state`. REACTIVATE_AGENT brings the offers
/// back, and a second one is refused.
async fn deactivation_stops_offers(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Protobuf);
    let (scheduler, mut session) =
        Session::start(config("deactivated"), StaticDetector::new(endpoint(&peer))).expect("start");
    let offer = next_offers(&mut session).await.remove(0);
    let agent = offer.agent_id.clone();

    master
        .deactivate_agent(agent.clone())
        .await
        .expect("DEACTIVATE_AGENT");
    let rescinded = next_matching(&mut session, "RESCIND", |e| {
        master_event(e, event::Type::Rescind)
    })
    .await;
    assert_eq!(
        rescinded.rescind.map(|r| r.offer_id),
        Some(offer.id.clone())
    );
    let shown = the_agent(&master).await;
    assert!(!shown.active, "{shown:?}");
    assert_eq!(shown.deactivated, Some(true));
    assert!(shown.drain_info.is_none(), "{shown:?}");
    assert!(shown.offered_resources.is_empty(), "{shown:?}");
    let state = peer.state().await;
    assert_eq!(state["deactivated_slaves"].as_f64(), Some(1.0), "{state}");
    assert_eq!(state["activated_slaves"].as_f64(), Some(0.0), "{state}");
    let entry = state_of_agent(&peer, &agent).await;
    assert_eq!(entry["deactivated"], true, "{entry}");
    assert_eq!(entry["active"], false, "{entry}");
    // Deactivating again is fine.
    master
        .deactivate_agent(agent.clone())
        .await
        .expect("DEACTIVATE_AGENT again");

    // Asked for offers, the framework gets none from the deactivated agent over several of
    // the real master's one-second allocation cycles.
    scheduler.revive(Vec::new()).await.expect("REVIVE");
    let offered = tokio::time::timeout(
        Duration::from_millis(2500),
        next_matching(&mut session, "OFFERS", |e| {
            master_event(e, event::Type::Offers)
        }),
    )
    .await;
    assert!(
        offered.is_err(),
        "a deactivated agent was offered: {offered:?}"
    );

    master
        .reactivate_agent(agent.clone())
        .await
        .expect("REACTIVATE_AGENT");
    let offers = next_offers(&mut session).await;
    assert_eq!(offers[0].agent_id, agent);
    let shown = the_agent(&master).await;
    assert!(shown.active, "{shown:?}");
    assert_eq!(shown.deactivated, Some(false));
    let (status, message) = refusal(master.reactivate_agent(agent).await);
    assert_eq!(status, Some(400));
    assert!(message.contains("Agent is not deactivated"), "{message}");
    scheduler.teardown().await.expect("TEARDOWN");
}

/// DRAIN_AGENT kills the agent's task (TASK_KILLED with `REASON_AGENT_DRAINING`) and
/// deactivates it; the agent is DRAINING, and cannot be reactivated, until the master tracks
/// no task on it, then DRAINED. REACTIVATE_AGENT then clears the drain and offers resume.
async fn drain_kills_tasks_then_reactivates(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Json);
    let (scheduler, mut session) =
        Session::start(config("drained"), StaticDetector::new(endpoint(&peer))).expect("start");
    let offer = next_offers(&mut session).await.remove(0);
    let agent = offer.agent_id.clone();
    let mut task = shell_task("drained", &agent, "sleep 600");
    // Longer than the drain's bound: the bound applies.
    task.kill_policy = Some(mesos_sdk::v1::KillPolicy {
        grace_period: Some(DurationInfo {
            nanoseconds: 60_000_000_000,
        }),
    });
    scheduler
        .accept(vec![offer.id.clone()], vec![launch(vec![task])], None)
        .await
        .expect("ACCEPT");
    wait_for_state(&mut session, "drained", TaskState::TaskRunning).await;

    let error = master
        .drain_agent(
            AgentId {
                value: "nope".into(),
            },
            DrainOptions::new(),
        )
        .await
        .expect_err("an unknown agent");
    assert_eq!(error.status(), Some(400), "{error}");
    assert!(error.to_string().contains("Unknown agent"), "{error}");

    master
        .drain_agent(
            agent.clone(),
            DrainOptions::new().max_grace_period(Duration::from_millis(1500)),
        )
        .await
        .expect("DRAIN_AGENT");
    // The killed task's update is not acknowledged before the session reads it: the agent
    // is still DRAINING.
    let (status, message) = refusal(master.reactivate_agent(agent.clone()).await);
    assert_eq!(status, Some(400));
    assert!(
        message.contains("Agent is still in the DRAINING state"),
        "{message}"
    );
    let shown = the_agent(&master).await;
    assert!(!shown.active, "{shown:?}");
    assert_eq!(shown.deactivated, Some(true));
    let drain = shown.drain_info.expect("drain_info");
    assert_eq!(drain.state(), DrainState::Draining);
    assert_eq!(
        drain.config.max_grace_period,
        Some(DurationInfo {
            nanoseconds: 1_500_000_000
        })
    );
    assert_eq!(drain.config.mark_gone, Some(false));
    let started = shown
        .estimated_drain_start_time
        .expect("estimated_drain_start_time");
    assert_eq!(
        started.nanoseconds % 1_000_000_000,
        0,
        "whole seconds: {started:?}"
    );
    let entry = state_of_agent(&peer, &agent).await;
    assert_eq!(entry["drain_info"]["state"], "DRAINING", "{entry}");
    assert_eq!(
        entry["drain_info"]["config"]["max_grace_period"]["nanoseconds"], 1_500_000_000i64,
        "{entry}"
    );
    assert!(
        entry["estimated_drain_start_time_seconds"]
            .as_f64()
            .is_some(),
        "{entry}"
    );

    let statuses = wait_for_state(&mut session, "drained", TaskState::TaskKilled).await;
    let killed = statuses.last().expect("TASK_KILLED");
    assert_eq!(killed.reason(), task_status::Reason::AgentDraining);
    agents_until(&master, "the agent DRAINED", |agents| {
        agents[0]
            .drain_info
            .as_ref()
            .is_some_and(|d| d.state() == DrainState::Drained)
    })
    .await;
    assert_eq!(
        state_of_agent(&peer, &agent).await["drain_info"]["state"],
        "DRAINED"
    );

    master
        .reactivate_agent(agent.clone())
        .await
        .expect("REACTIVATE_AGENT");
    let shown = the_agent(&master).await;
    assert!(shown.active, "{shown:?}");
    assert_eq!(shown.deactivated, Some(false));
    assert!(shown.drain_info.is_none(), "{shown:?}");
    assert!(shown.estimated_drain_start_time.is_none(), "{shown:?}");
    let offers = next_offers(&mut session).await;
    assert_eq!(offers[0].agent_id, agent);
    scheduler.teardown().await.expect("TEARDOWN");
}

/// DRAIN_AGENT with `mark_gone`: a partition-aware framework's task ends
/// TASK_GONE_BY_OPERATOR (still `REASON_AGENT_DRAINING`), and once drained the agent is gone.
async fn drain_marks_the_agent_gone(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Protobuf);
    let mut info = framework("drained-gone");
    info.capabilities.push(framework_info::Capability {
        r#type: Some(framework_info::capability::Type::PartitionAware as i32),
    });
    let (scheduler, mut session) =
        Session::start(config_for(info), StaticDetector::new(endpoint(&peer))).expect("start");
    let offer = next_offers(&mut session).await.remove(0);
    let agent = offer.agent_id.clone();
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch(vec![shell_task("gone", &agent, "sleep 600")])],
            None,
        )
        .await
        .expect("ACCEPT");
    wait_for_state(&mut session, "gone", TaskState::TaskRunning).await;

    master
        .drain_agent(
            agent.clone(),
            DrainOptions::new()
                .max_grace_period(Duration::ZERO)
                .mark_gone(true),
        )
        .await
        .expect("DRAIN_AGENT");
    let statuses = wait_for_state(&mut session, "gone", TaskState::TaskGoneByOperator).await;
    let gone = statuses.last().expect("TASK_GONE_BY_OPERATOR");
    assert_eq!(gone.reason(), task_status::Reason::AgentDraining);
    agents_until(&master, "the agent gone", <[_]>::is_empty).await;
    let state = peer.state().await;
    assert_eq!(state["slaves"].as_array().map(Vec::len), Some(0), "{state}");
    // Gone for good: the master no longer knows it.
    let (status, message) = refusal(master.deactivate_agent(agent).await);
    assert_eq!(status, Some(400));
    assert!(message.contains("Unknown agent"), "{message}");
    scheduler.teardown().await.expect("TEARDOWN");
}

/// The agent's machine as the master identifies it: its hostname and the IP of its pid.
fn machine_of(agent: &get_agents::Agent) -> MachineId {
    let ip = agent
        .pid
        .as_deref()
        .and_then(|pid| pid.split('@').nth(1))
        .and_then(|address| address.rsplit_once(':'))
        .map(|(ip, _)| ip.to_string());
    MachineId {
        hostname: Some(agent.agent_info.hostname.clone()),
        ip,
    }
}

/// The maintenance schedule: its validation, a scheduled machine's offers carrying the
/// unavailability, DRAIN_AGENT refused for its agent, START_MAINTENANCE removing the agent
/// (its task TASK_LOST), and STOP_MAINTENANCE taking the machine out of the schedule.
async fn maintenance_schedule_takes_a_machine_down(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Json);
    let (scheduler, mut session) =
        Session::start(config("maintained"), StaticDetector::new(endpoint(&peer))).expect("start");
    let offer = next_offers(&mut session).await.remove(0);
    let agent = offer.agent_id.clone();
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch(vec![shell_task("maintained", &agent, "sleep 600")])],
            None,
        )
        .await
        .expect("ACCEPT");
    wait_for_state(&mut session, "maintained", TaskState::TaskRunning).await;
    let shown = the_agent(&master).await;
    let machine = machine_of(&shown);
    let hostname = shown.agent_info.hostname.clone();
    let machine_json = mesos_sdk::json::to_value(&machine)
        .expect("JSON")
        .to_string();
    let unavailability = Unavailability {
        start: TimeInfo {
            nanoseconds: 4_000_000_000_000_000_000,
        },
        duration: None,
    };
    let window = |machine_ids: Vec<MachineId>| maintenance::Window {
        machine_ids,
        unavailability,
    };
    let schedule = |windows| maintenance::Schedule { windows };

    // Validation, in upstream's order and words.
    let invalid = [
        (
            schedule(vec![window(Vec::new())]),
            "List of machines in the maintenance window is empty".to_string(),
        ),
        (
            schedule(vec![window(vec![MachineId::default()])]),
            "Both 'hostname' and 'ip' for a machine are empty".to_string(),
        ),
        (
            schedule(vec![window(vec![MachineId {
                hostname: None,
                ip: Some("1.2.3".into()),
            }])]),
            "Failed to parse IPv4: 1.2.3".to_string(),
        ),
        (
            schedule(vec![
                window(vec![machine.clone()]),
                window(vec![machine.clone()]),
            ]),
            format!("Machine '{machine_json}' appears more than once in the schedule"),
        ),
    ];
    for (bad, expected) in invalid {
        let (status, message) = refusal(master.update_maintenance_schedule(bad).await);
        assert_eq!(status, Some(400), "{message}");
        assert!(message.contains(&expected), "{message} lacks {expected}");
    }
    let (status, message) = refusal(master.start_maintenance(Vec::new()).await);
    assert_eq!(status, Some(400));
    assert!(message.contains("List of machines is empty"), "{message}");
    let elsewhere = MachineId {
        hostname: Some("elsewhere".into()),
        ip: None,
    };
    let (status, message) = refusal(master.start_maintenance(vec![elsewhere]).await);
    assert_eq!(status, Some(400));
    assert!(
        message.contains(
            r#"Machine '{"hostname":"elsewhere"}' is not part of a maintenance schedule"#
        ),
        "{message}"
    );
    let (status, message) = refusal(master.start_maintenance(vec![machine.clone()]).await);
    assert_eq!(status, Some(400));
    assert!(
        message.contains(&format!(
            "Machine '{machine_json}' is not in DRAINING mode and cannot be brought down"
        )),
        "{message}"
    );

    // Scheduled: the offers of the machine's agent now say when it goes away.
    master
        .update_maintenance_schedule(schedule(vec![window(vec![machine.clone()])]))
        .await
        .expect("UPDATE_MAINTENANCE_SCHEDULE");
    let offers = next_offers(&mut session).await;
    assert_eq!(offers[0].unavailability, Some(unavailability));
    let listed = master
        .get_maintenance_schedule()
        .await
        .expect("GET_MAINTENANCE_SCHEDULE");
    assert_eq!(listed.windows.len(), 1, "{listed:?}");
    assert_eq!(listed.windows[0].unavailability, unavailability);
    let status = master
        .get_maintenance_status()
        .await
        .expect("GET_MAINTENANCE_STATUS");
    assert_eq!(status.draining_machines.len(), 1, "{status:?}");
    assert!(status.down_machines.is_empty(), "{status:?}");
    let (code, message) = refusal(master.drain_agent(agent.clone(), DrainOptions::new()).await);
    assert_eq!(code, Some(400));
    let ip = machine.ip.clone().unwrap_or_default();
    assert!(
        message.contains(&format!(
            "Agent {} is part of a maintenance schedule under Machine {hostname} ({ip})",
            agent.value
        )),
        "{message}"
    );
    let (code, message) = refusal(master.stop_maintenance(vec![machine.clone()]).await);
    assert_eq!(code, Some(400));
    assert!(
        message.contains(&format!(
            "Machine '{machine_json}' is not in DOWN mode and cannot be brought up"
        )),
        "{message}"
    );

    // Down: the agent is removed and its task lost.
    master
        .start_maintenance(vec![machine.clone()])
        .await
        .expect("START_MAINTENANCE");
    let statuses = wait_for_state(&mut session, "maintained", TaskState::TaskLost).await;
    let lost = statuses.last().expect("TASK_LOST");
    assert_eq!(lost.reason(), task_status::Reason::AgentRemoved);
    assert_eq!(
        lost.message.as_deref(),
        Some(format!("Agent {hostname} removed: Operator initiated 'Machine DOWN'").as_str())
    );
    agents_until(&master, "the agent removed", <[_]>::is_empty).await;
    let status = master
        .get_maintenance_status()
        .await
        .expect("GET_MAINTENANCE_STATUS");
    assert!(status.draining_machines.is_empty(), "{status:?}");
    assert_eq!(status.down_machines.len(), 1, "{status:?}");
    let (code, message) = refusal(
        master
            .update_maintenance_schedule(schedule(Vec::new()))
            .await,
    );
    assert_eq!(code, Some(400));
    assert!(
        message.contains(&format!(
            "Machine '{machine_json}' is deactivated and cannot be removed from the schedule"
        )),
        "{message}"
    );

    // Up again, and out of the schedule.
    master
        .stop_maintenance(vec![machine.clone()])
        .await
        .expect("STOP_MAINTENANCE");
    let listed = master
        .get_maintenance_schedule()
        .await
        .expect("GET_MAINTENANCE_SCHEDULE");
    assert!(listed.windows.is_empty(), "{listed:?}");
    let status = master
        .get_maintenance_status()
        .await
        .expect("GET_MAINTENANCE_STATUS");
    assert!(
        status.draining_machines.is_empty() && status.down_machines.is_empty(),
        "{status:?}"
    );
    scheduler.teardown().await.expect("TEARDOWN");
}

/// UPDATE_WEIGHTS refuses invalid roles and weights with upstream's words and changes
/// nothing then; a valid update shows in GET_WEIGHTS and GET_ROLES, and rescinds the offer
/// a framework of an updated role holds.
async fn weights_are_validated_and_rescind_offers(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Protobuf);
    assert!(master.get_weights().await.expect("GET_WEIGHTS").is_empty());
    let weight = |role: &str, weight: f64| WeightInfo {
        weight,
        role: Some(role.into()),
    };
    let invalid = [
        (
            vec![weight("ok", 2.0), weight("-bad", 1.0)],
            "Failed to validate update weights request JSON: Invalid role '-bad': Role \
             component '-bad' is invalid because it starts with a dash",
        ),
        (
            vec![weight(" web ", 0.0)],
            "Failed to validate update weights request JSON for role 'web': Invalid weight \
             '0': Weights must be positive",
        ),
        (
            vec![weight("web", -1.5)],
            "Invalid weight '-1.5': Weights must be positive",
        ),
    ];
    for (weights, expected) in invalid {
        let (status, message) = refusal(master.update_weights(weights).await);
        assert_eq!(status, Some(400), "{message}");
        assert!(message.contains(expected), "{message} lacks {expected}");
    }
    assert!(
        master.get_weights().await.expect("GET_WEIGHTS").is_empty(),
        "a refused update changed nothing"
    );

    let (scheduler, mut session) =
        Session::start(config("weighed"), StaticDetector::new(endpoint(&peer))).expect("start");
    let offer = next_offers(&mut session).await.remove(0);
    master
        .update_weights(vec![weight(" web ", 2.5), weight("*", 3.0)])
        .await
        .expect("UPDATE_WEIGHTS");
    let rescinded = next_matching(&mut session, "RESCIND", |e| {
        master_event(e, event::Type::Rescind)
    })
    .await;
    assert_eq!(rescinded.rescind.map(|r| r.offer_id), Some(offer.id));
    let mut weights = master.get_weights().await.expect("GET_WEIGHTS");
    weights.sort_by(|a, b| a.role.cmp(&b.role));
    assert_eq!(weights, vec![weight("*", 3.0), weight("web", 2.5)]);
    let roles = master.get_roles().await.expect("GET_ROLES");
    let web = roles.iter().find(|r| r.name == "web").expect("web listed");
    assert_eq!(web.weight, 2.5);
    let star = roles.iter().find(|r| r.name == "*").expect("* listed");
    assert_eq!(star.weight, 3.0);
    scheduler.teardown().await.expect("TEARDOWN");
}

/// A scalar resource, dynamically reserved to `role` when one is given (post-refinement
/// format, no principal: the peers run without authentication).
fn scalar(name: &str, value: f64, role: Option<&str>) -> Resource {
    Resource {
        name: name.into(),
        r#type: value::Type::Scalar as i32,
        scalar: Some(value::Scalar { value }),
        reservations: role
            .map(|role| ReservationInfo {
                r#type: Some(reservation_info::Type::Dynamic as i32),
                role: Some(role.into()),
                ..Default::default()
            })
            .into_iter()
            .collect(),
        ..Default::default()
    }
}

/// Persistent volume `id` of `size` MB on disk reserved to `role`, mounted at `data`.
fn volume_resource(id: &str, size: f64, role: &str) -> Resource {
    Resource {
        disk: Some(resource::DiskInfo {
            persistence: Some(resource::disk_info::Persistence {
                id: id.into(),
                principal: None,
            }),
            volume: Some(Volume {
                mode: volume::Mode::Rw as i32,
                container_path: "data".into(),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..scalar("disk", size, Some(role))
    }
}

/// The amount of scalar `name` among `resources` reserved to `role` (unreserved for `None`),
/// in persistent volume `volume` (or outside any volume for `None`).
fn amount(resources: &[Resource], name: &str, role: Option<&str>, volume: Option<&str>) -> f64 {
    resources
        .iter()
        .filter(|r| r.name == name && reservation_role(r) == role)
        .filter(|r| {
            let id = r
                .disk
                .as_ref()
                .and_then(|d| d.persistence.as_ref())
                .map(|p| p.id.as_str());
            id == volume
        })
        .filter_map(|r| r.scalar.as_ref().map(|s| s.value))
        .sum()
}

/// A framework of role `ops` (MULTI_ROLE), subscribed, with its first offer.
async fn ops_framework(
    peer: &Peer,
    name: &str,
) -> (
    mesos_sdk::scheduler::SchedulerHandle,
    mesos_sdk::scheduler::SessionEvents,
    mesos_sdk::v1::Offer,
) {
    let mut info = framework(name);
    info.roles = vec!["ops".into()];
    info.capabilities.push(framework_info::Capability {
        r#type: Some(framework_info::capability::Type::MultiRole as i32),
    });
    let (scheduler, mut session) =
        Session::start(config_for(info), StaticDetector::new(endpoint(peer))).expect("start");
    let offer = next_offers(&mut session).await.remove(0);
    (scheduler, session, offer)
}

/// The next offer whose resources satisfy `wanted` (others are left to be rescinded).
async fn offer_where(
    session: &mut mesos_sdk::scheduler::SessionEvents,
    what: &str,
    mut wanted: impl FnMut(&[Resource]) -> bool,
) -> mesos_sdk::v1::Offer {
    next_matching(session, what, |e| {
        master_event(e, event::Type::Offers)
            .and_then(|ev| ev.offers)
            .and_then(|o| o.offers.into_iter().find(|o| wanted(&o.resources)))
    })
    .await
}

/// RESERVE_RESOURCES and UNRESERVE_RESOURCES: the refusals (unknown agent, unreserved or
/// invalid resources with 400; more than the agent has free, or nothing to unreserve, with
/// 409 and `Resources::apply`'s words), then a reservation for role `ops` rescinds the offer
/// holding the resources and is offered to the role's framework; GET_AGENTS and
/// `/master/state` show it; unreserving gives the resources back.
async fn reservations_are_offered_to_their_role(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Protobuf);
    let agent = the_agent(&master)
        .await
        .agent_info
        .id
        .expect("the agent's id");
    let reserved = || {
        vec![
            scalar("cpus", 1.0, Some("ops")),
            scalar("mem", 64.0, Some("ops")),
        ]
    };

    // Refusals, while no offer is outstanding.
    let nope = AgentId {
        value: "nope".into(),
    };
    let (status, message) = refusal(master.reserve_resources(nope, reserved()).await);
    assert_eq!(status, Some(400), "{message}");
    assert!(
        message.contains("No agent found with specified ID"),
        "{message}"
    );
    let (status, message) = refusal(
        master
            .reserve_resources(agent.clone(), vec![scalar("cpus", 1.0, None)])
            .await,
    );
    assert_eq!(status, Some(400), "{message}");
    assert!(
        message.contains(&format!(
            "Invalid RESERVE operation on agent {} at ",
            agent.value
        )) && message.contains("): Resource cpus:1 is not dynamically reserved"),
        "{message}"
    );
    let (status, message) = refusal(
        master
            .reserve_resources(agent.clone(), vec![scalar("cpus", -1.0, Some("ops"))])
            .await,
    );
    assert_eq!(status, Some(400), "{message}");
    assert!(
        message.contains("Resource 'cpus(reservations: [(DYNAMIC,ops)]):-1' is invalid"),
        "{message}"
    );
    let (status, message) = refusal(
        master
            .reserve_resources(agent.clone(), vec![scalar("cpus", 100.0, Some("ops"))])
            .await,
    );
    assert_eq!(status, Some(409), "{message}");
    assert!(
        message.contains(
            "cpus:4; mem:8192; disk:10240; ports:[31000-32000] does not contain cpus:100"
        ),
        "{message}"
    );
    let (status, message) = refusal(master.unreserve_resources(agent.clone(), reserved()).await);
    assert_eq!(status, Some(409), "{message}");
    assert!(
        message.contains("does not contain cpus(reservations: [(DYNAMIC,ops)]):1"),
        "{message}"
    );
    assert!(
        the_agent(&master)
            .await
            .total_resources
            .iter()
            .all(|r| reservation_role(r).is_none()),
        "refusals reserved nothing"
    );

    // A framework of the role holds the whole agent; the reservation takes the offer back
    // and comes back reserved.
    let (scheduler, mut session, offer) = ops_framework(&peer, "reserving").await;
    assert_eq!(amount(&offer.resources, "cpus", None, None), 4.0);
    master
        .reserve_resources(agent.clone(), reserved())
        .await
        .expect("RESERVE_RESOURCES");
    let rescinded = next_matching(&mut session, "RESCIND", |e| {
        master_event(e, event::Type::Rescind)
    })
    .await;
    assert_eq!(rescinded.rescind.map(|r| r.offer_id), Some(offer.id));
    let offer = offer_where(&mut session, "an offer with the reservation", |r| {
        amount(r, "cpus", Some("ops"), None) == 1.0
    })
    .await;
    assert_eq!(amount(&offer.resources, "mem", Some("ops"), None), 64.0);
    assert_eq!(amount(&offer.resources, "cpus", None, None), 3.0);
    assert_eq!(amount(&offer.resources, "mem", None, None), 8128.0);

    // The master shows the reservation in the `ENDPOINT` format: the deprecated `role` and
    // `reservation` alongside the `reservations` stack.
    let shown = the_agent(&master).await;
    assert_eq!(
        amount(&shown.total_resources, "cpus", Some("ops"), None),
        1.0
    );
    assert_eq!(amount(&shown.total_resources, "cpus", None, None), 3.0);
    let cpus = shown
        .total_resources
        .iter()
        .find(|r| r.name == "cpus" && reservation_role(r) == Some("ops"))
        .expect("the reserved cpus");
    #[allow(deprecated)]
    {
        assert_eq!(cpus.role.as_deref(), Some("ops"), "{cpus:?}");
        assert!(cpus.reservation.is_some(), "{cpus:?}");
    }
    assert_eq!(cpus.reservations.len(), 1, "{cpus:?}");
    assert_eq!(
        cpus.reservations[0].r#type,
        Some(reservation_info::Type::Dynamic as i32)
    );
    let entry = state_of_agent(&peer, &agent).await;
    assert_eq!(entry["reserved_resources"]["ops"]["cpus"], 1.0, "{entry}");
    assert_eq!(entry["reserved_resources"]["ops"]["mem"], 64.0, "{entry}");
    assert_eq!(entry["unreserved_resources"]["cpus"], 3.0, "{entry}");
    assert_eq!(entry["resources"]["cpus"], 4.0, "{entry}");

    // Unreserving takes the offer back too; the resources return unreserved.
    master
        .unreserve_resources(agent.clone(), reserved())
        .await
        .expect("UNRESERVE_RESOURCES");
    let rescinded = next_matching(&mut session, "RESCIND", |e| {
        master_event(e, event::Type::Rescind)
    })
    .await;
    assert_eq!(rescinded.rescind.map(|r| r.offer_id), Some(offer.id));
    // The first rescinded offer left a five-second filter (upstream rescinds with the default
    // `Filters`) over exactly what is now free again: only REVIVE lifts it sooner.
    scheduler.revive(Vec::new()).await.expect("REVIVE");
    let offer = offer_where(&mut session, "an offer without the reservation", |r| {
        amount(r, "cpus", None, None) == 4.0
    })
    .await;
    assert!(
        offer
            .resources
            .iter()
            .all(|r| reservation_role(r).is_none()),
        "{offer:?}"
    );
    let entry = state_of_agent(&peer, &agent).await;
    assert_eq!(
        entry["reserved_resources"],
        serde_json::json!({}),
        "{entry}"
    );
    scheduler.teardown().await.expect("TEARDOWN");
}

/// CREATE_VOLUMES on disk reserved to `ops`: the volume is offered to the role's framework
/// with its disk info; a second one with its id, and unreserving it directly, are refused;
/// SHRINK_VOLUME frees reserved disk that GROW_VOLUME takes back; DESTROY_VOLUMES leaves the
/// disk reserved, and a second destroy finds nothing.
async fn volumes_are_offered_with_their_disk_info(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let master = client(&peer, Encoding::Json);
    let (scheduler, mut session, offer) = ops_framework(&peer, "volumes").await;
    let agent = offer.agent_id.clone();
    master
        .reserve_resources(agent.clone(), vec![scalar("disk", 512.0, Some("ops"))])
        .await
        .expect("RESERVE_RESOURCES");
    offer_where(&mut session, "an offer with reserved disk", |r| {
        amount(r, "disk", Some("ops"), None) == 512.0
    })
    .await;

    master
        .create_volumes(agent.clone(), vec![volume_resource("data-1", 512.0, "ops")])
        .await
        .expect("CREATE_VOLUMES");
    let offer = offer_where(&mut session, "an offer with the volume", |r| {
        amount(r, "disk", Some("ops"), Some("data-1")) == 512.0
    })
    .await;
    let volume = offer
        .resources
        .iter()
        .find_map(|r| r.disk.as_ref().and_then(|d| d.volume.as_ref()))
        .expect("the volume's mount");
    assert_eq!(volume.container_path, "data");
    assert_eq!(volume.mode, volume::Mode::Rw as i32);
    assert_eq!(amount(&offer.resources, "disk", Some("ops"), None), 0.0);
    let shown = the_agent(&master).await;
    assert_eq!(
        amount(&shown.total_resources, "disk", Some("ops"), Some("data-1")),
        512.0
    );

    let (status, message) = refusal(
        master
            .create_volumes(agent.clone(), vec![volume_resource("data-1", 1.0, "ops")])
            .await,
    );
    assert_eq!(status, Some(400), "{message}");
    assert!(
        message.contains("Persistence ID 'data-1' is not unique"),
        "{message}"
    );
    let (status, message) = refusal(
        master
            .unreserve_resources(agent.clone(), vec![volume_resource("data-1", 512.0, "ops")])
            .await,
    );
    assert_eq!(status, Some(400), "{message}");
    assert!(
        message
            .starts_with("Invalid UNRESERVE operation: A dynamically reserved persistent volume")
            || message.contains(
                ": Invalid UNRESERVE operation: A dynamically reserved persistent volume"
            ),
        "{message}"
    );

    master
        .shrink_volume(
            agent.clone(),
            volume_resource("data-1", 512.0, "ops"),
            256.0,
        )
        .await
        .expect("SHRINK_VOLUME");
    let offer = offer_where(&mut session, "an offer with the shrunk volume", |r| {
        amount(r, "disk", Some("ops"), Some("data-1")) == 256.0
    })
    .await;
    assert_eq!(amount(&offer.resources, "disk", Some("ops"), None), 256.0);
    master
        .grow_volume(
            agent.clone(),
            volume_resource("data-1", 256.0, "ops"),
            scalar("disk", 256.0, Some("ops")),
        )
        .await
        .expect("GROW_VOLUME");
    // The offer rescinded by SHRINK_VOLUME left a five-second filter over what is free now
    // (the volume at its old size): REVIVE lifts it.
    scheduler.revive(Vec::new()).await.expect("REVIVE");
    let offer = offer_where(&mut session, "an offer with the grown volume", |r| {
        amount(r, "disk", Some("ops"), Some("data-1")) == 512.0
    })
    .await;
    assert_eq!(amount(&offer.resources, "disk", Some("ops"), None), 0.0);

    master
        .destroy_volumes(agent.clone(), vec![volume_resource("data-1", 512.0, "ops")])
        .await
        .expect("DESTROY_VOLUMES");
    offer_where(&mut session, "an offer with the disk, no volume", |r| {
        amount(r, "disk", Some("ops"), None) == 512.0
            && amount(r, "disk", Some("ops"), Some("data-1")) == 0.0
    })
    .await;
    let (status, message) = refusal(
        master
            .destroy_volumes(agent.clone(), vec![volume_resource("data-1", 512.0, "ops")])
            .await,
    );
    assert_eq!(status, Some(400), "{message}");
    assert!(
        message.contains("Invalid DESTROY operation: Persistent volumes not found"),
        "{message}"
    );
    master
        .unreserve_resources(agent.clone(), vec![scalar("disk", 512.0, Some("ops"))])
        .await
        .expect("UNRESERVE_RESOURCES");
    offer_where(&mut session, "an offer with all the disk unreserved", |r| {
        amount(r, "disk", None, None) == 10240.0
    })
    .await;
    scheduler.teardown().await.expect("TEARDOWN");
}

/// A client pointed at a standby master follows its 307 to the leader, for reads and for
/// the event stream (mesos-sim only: the real peer here has a single master).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn standby_redirects_are_followed() {
    let cluster = mesos_sim::Cluster::builder()
        .agents(1)
        .standby_masters(1)
        .start()
        .await
        .expect("mesos-sim");
    let standby: Endpoint = cluster.standby_urls()[0].parse().expect("URL");
    let master = MasterClient::for_endpoint(standby, OperatorConfig::new()).expect("client");
    assert_eq!(
        master.get_agents().await.expect("GET_AGENTS").agents.len(),
        1
    );
    let events = master.subscribe().await.expect("SUBSCRIBE");
    assert_eq!(
        events.endpoint().authority(),
        cluster.master_url().trim_start_matches("http://")
    );
}
