//! The operator API client (`mesos_sdk::operator`) against both peers (`NAME::sim` on
//! mesos-sim, `NAME::real` on the real Mesos 1.11.0): every read call in protobuf and JSON,
//! the refusals the master answers with status codes, the SUBSCRIBE stream seeing a task
//! added and updated while it runs, and MARK_AGENT_GONE. Standby redirects and the agent
//! operator API are simulator-only scenarios at the end.

mod common;

use std::time::Duration;

use common::*;
use futures_util::StreamExt;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::offers::launch;
use mesos_sdk::operator::{MasterClient, OperatorConfig, OperatorEvent, OperatorEvents};
use mesos_sdk::scheduler::{Session, SessionEvent};
use mesos_sdk::v1::{AgentId, FrameworkId, TaskState, framework_info};
use mesos_sdk::{Encoding, Endpoint};
use mesos_test_peers::{Peer, PeerKind, on_both_peers};

on_both_peers! {
    reads_protobuf => |kind| reads(kind, Encoding::Protobuf);
    reads_json => |kind| reads(kind, Encoding::Json);
    refusals => refusals;
    events_follow_a_task => events_follow_a_task;
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
