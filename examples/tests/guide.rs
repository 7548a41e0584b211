//! The code the guide (`docs/src/`) shows, compiled and run: each chapter pulls in the lines
//! between an `ANCHOR: name` and an `ANCHOR_END: name` comment of this file with mdBook's
//! `{{#include}}`, so what a reader copies builds and does what the text says. Scenarios that
//! need a master run against mesos-sim in this process; `hello` (the README's program) runs
//! against mesos-sim and the real Mesos 1.11.0.

use std::process::Stdio;
use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::scheduler::{
    SchedulerConfig, SchedulerHandle, Session, SessionEvent, SessionEvents,
};
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{FrameworkId, FrameworkInfo};
use mesos_test_peers::{Peer, PeerKind, on_both_peers};

type Result<T = (), E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

/// How long any one awaited event may take.
const DEADLINE: Duration = Duration::from_secs(30);

fn framework(name: &str) -> FrameworkInfo {
    FrameworkInfo {
        user: mesos_examples::current_user(),
        name: name.into(),
        failover_timeout: Some(3600.0),
        ..Default::default()
    }
}

/// The next session event that `wanted` picks, declining every offer on the way (the
/// scenarios below launch what they need themselves).
async fn until<T>(
    scheduler: &SchedulerHandle,
    events: &mut SessionEvents,
    mut wanted: impl FnMut(&SessionEvent) -> Option<T>,
) -> T {
    let wait = async {
        loop {
            let event = events
                .next()
                .await
                .expect("the session runs")
                .expect("no session error");
            if let Some(found) = wanted(&event) {
                return found;
            }
            if let SessionEvent::Event(event) = event {
                if event.r#type() == event::Type::Offers {
                    let ids = event.offers.iter().flat_map(|o| &o.offers);
                    let ids = ids.map(|o| o.id.clone()).collect();
                    let _ = scheduler.decline(ids, None).await;
                }
            }
        }
    };
    tokio::time::timeout(DEADLINE, wait)
        .await
        .expect("the awaited event came in time")
}

fn subscribed(event: &SessionEvent) -> Option<(FrameworkId, String, bool)> {
    match event {
        SessionEvent::Subscribed {
            framework_id,
            master,
            resubscribed,
            ..
        } => Some((framework_id.clone(), master.to_string(), *resubscribed)),
        _ => None,
    }
}

mod scheduler_chapter {
    use super::*;

    #[test]
    fn a_scheduler_configuration() {
        // ANCHOR: config
        use mesos_sdk::Credentials;
        use mesos_sdk::scheduler::SchedulerConfig;
        use mesos_sdk::v1::FrameworkInfo;
        use mesos_sdk::v1::framework_info::{Capability, capability};

        let framework = FrameworkInfo {
            user: "nobody".into(), // the Unix user tasks run as
            name: "my-framework".into(),
            roles: vec!["web".into()],
            capabilities: vec![Capability {
                r#type: Some(capability::Type::MultiRole as i32),
            }],
            failover_timeout: Some(7.0 * 24.0 * 3600.0), // tasks wait a week for a restart
            checkpoint: Some(true),                      // tasks survive agent restarts
            ..Default::default()
        };
        let config = SchedulerConfig::new(framework)
            .with_credentials(Credentials::Basic {
                principal: "my-framework".into(),
                secret: std::env::var("MESOS_SECRET").unwrap_or_default(),
            })
            .with_call_timeout(Duration::from_secs(30))
            .with_heartbeat_misses(5)
            .with_backoff(Duration::from_millis(500), Duration::from_secs(15))
            .with_implicit_reconciliation(Some(Duration::from_secs(15 * 60)));
        // ANCHOR_END: config
        assert_eq!(config.heartbeat_misses(), 5);
        assert_eq!(config.framework_info().roles, ["web"]);
    }

    #[test]
    fn errors_say_whether_to_retry() {
        // ANCHOR: retryable
        use mesos_sdk::Error;

        let refused = Error::Status {
            call: "ACCEPT",
            endpoint: "10.0.0.5:5050".into(),
            status: 400,
            body: "Failed to validate scheduler::Call: Expecting 'accept' to be present".into(),
        };
        let unavailable = Error::Status {
            call: "SUBSCRIBE",
            endpoint: "10.0.0.5:5050".into(),
            status: 503,
            body: "No leader elected".into(),
        };
        assert!(!refused.is_retryable()); // a bug in the call: fix the call
        assert!(unavailable.is_retryable()); // try again later (the session does)
        assert_eq!(unavailable.status(), Some(503));
        // ANCHOR_END: retryable
    }
}

mod testing_chapter {
    use super::*;
    use mesos_sdk::offers::{ResourceRequest, find_fit, launch};
    use mesos_sdk::v1::{CommandInfo, TaskId, TaskInfo, TaskState};

    /// A task keeps running while the scheduler's subscription is lost, and the session
    /// takes the framework back by itself.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_lost_subscription_is_taken_back() -> Result {
        // ANCHOR: sim_cluster
        let cluster = mesos_sim::Cluster::builder()
            .agents(2)
            .agent_resources("cpus:2;mem:1024;ports:[31000-31010]")
            .allocation_interval(Duration::from_millis(100)) // offers sooner than Mesos' 1 s
            .start()
            .await?;
        let master = cluster.master_url(); // "http://127.0.0.1:PORT"
        // ANCHOR_END: sim_cluster
        let detector = mesos_sdk::detector::for_url(&master)?;
        let config = SchedulerConfig::new(framework("guide-testing"));
        let (scheduler, mut events) = Session::start(config, detector)?;
        let (framework_id, _, _) = until(&scheduler, &mut events, subscribed).await;

        // Launch one long task on the first offer that fits.
        let wanted = ResourceRequest::new().cpus(0.1).mem(32.0);
        let offer = until(&scheduler, &mut events, |e| match e {
            SessionEvent::Event(e) if e.r#type() == event::Type::Offers => e
                .offers
                .iter()
                .flat_map(|o| &o.offers)
                .find(|o| find_fit(o, &wanted).is_some())
                .cloned(),
            _ => None,
        })
        .await;
        let task = TaskInfo {
            name: "sleeper".into(),
            task_id: TaskId {
                value: "sleeper".into(),
            },
            agent_id: offer.agent_id.clone(),
            resources: find_fit(&offer, &wanted).expect("fits").into_vec(),
            command: Some(CommandInfo {
                value: Some("sleep 600".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        scheduler
            .accept(vec![offer.id], vec![launch(vec![task])], None)
            .await?;
        until(&scheduler, &mut events, |e| match e {
            SessionEvent::Event(e) => e
                .update
                .as_ref()
                .is_some_and(|u| u.status.state() == TaskState::TaskRunning)
                .then_some(()),
            _ => None,
        })
        .await;

        // ANCHOR: fault
        // The master drops the subscription, as a network failure would.
        cluster.drop_subscription(&framework_id.value)?;
        let disconnected = |e: &SessionEvent| matches!(e, SessionEvent::Disconnected { .. });
        until(&scheduler, &mut events, |e| disconnected(e).then_some(())).await;
        // The session subscribes again with the same framework id...
        let (again, _, resubscribed) = until(&scheduler, &mut events, subscribed).await;
        assert_eq!((again, resubscribed), (framework_id.clone(), true));
        // ...and the task ran on meanwhile.
        assert_eq!(
            cluster.task_state(&framework_id.value, "sleeper"),
            Some(TaskState::TaskRunning)
        );
        // ANCHOR_END: fault

        scheduler.teardown().await?;
        Ok(())
    }
}

mod detection_chapter {
    use super::*;
    use mesos_sdk::detector::StaticDetector;

    #[test]
    fn master_urls() -> Result {
        // ANCHOR: urls
        use mesos_sdk::detector::MasterUrl;

        for typed in [
            "10.0.0.5:5050",
            "http://10.0.0.5:5050",
            "https://m1.example:5050",
        ] {
            assert!(matches!(typed.parse::<MasterUrl>()?, MasterUrl::Static(_)));
        }
        let MasterUrl::ZooKeeper(zk) = "zk://ops:secret@zk1:2181,zk2:2181/mesos".parse()? else {
            unreachable!("a zk:// URL names a ZooKeeper group");
        };
        assert_eq!(zk.servers(), ["zk1:2181", "zk2:2181"]);
        assert_eq!(zk.path(), "/mesos");
        // ANCHOR_END: urls
        Ok(())
    }

    /// A session pointed at one master of a cluster follows the leadership when it moves.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_session_follows_a_master_failover() -> Result {
        let cluster = mesos_sim::Cluster::builder()
            .standby_masters(1)
            .start()
            .await?;
        let leader = cluster.master_url();
        let standby = cluster.standby_urls()[0].clone();
        // ANCHOR: static
        // Any master of the cluster will do: one that does not lead answers SUBSCRIBE with
        // `307 Temporary Redirect` to the leader, and the connection follows it.
        let detector = StaticDetector::new(standby.parse()?);
        // ANCHOR_END: static
        let config = SchedulerConfig::new(framework("guide-failover"));
        let (scheduler, mut events) = Session::start(config, detector)?;
        let (framework_id, master, _) = until(&scheduler, &mut events, subscribed).await;
        assert_eq!(master, leader, "redirected to the leader");

        // Leadership moves to the standby, as when the leader dies: the stream breaks, the
        // session subscribes again and is now served by the new leader.
        cluster.fail_over(0)?;
        let (again, master, resubscribed) = until(&scheduler, &mut events, subscribed).await;
        assert_eq!((again, resubscribed), (framework_id, true));
        assert_eq!(master, standby);
        assert_eq!(cluster.master_url(), standby);
        scheduler.teardown().await?;
        Ok(())
    }

    #[allow(dead_code)] // Compiled only: it needs a ZooKeeper.
    async fn zookeeper_detection() -> Result {
        // ANCHOR: zookeeper
        use mesos_sdk::detector::{MasterDetector, ZooKeeperDetector};

        let detector = ZooKeeperDetector::with_session_timeout(
            "zk://zk1:2181,zk2:2181,zk3:2181/mesos".parse()?,
            Duration::from_secs(10),
        );
        // What the session follows: the current leader, `None` while none is known.
        let mut leader = detector.leader();
        leader.changed().await?;
        println!("leading master: {:?}", *leader.borrow());
        // Problems (ZooKeeper unreachable, an unreadable MasterInfo) are reported here, and
        // logged; detection never stops by itself.
        let mut errors = detector.errors();
        tokio::spawn(async move {
            while let Ok(error) = errors.recv().await {
                eprintln!("master detection: {error}");
            }
        });
        // ANCHOR_END: zookeeper
        Ok(())
    }
}

mod resources_chapter {
    use super::*;
    use mesos_sdk::resources::{Resources, Scalar};
    use mesos_sdk::v1;

    fn offer(id: &str, agent: &str, resources: &str) -> v1::Offer {
        v1::Offer {
            id: v1::OfferId { value: id.into() },
            agent_id: v1::AgentId {
                value: agent.into(),
            },
            resources: Resources::parse(resources).expect("valid").into(),
            ..Default::default()
        }
    }

    #[test]
    fn resource_arithmetic() -> Result {
        // ANCHOR: arithmetic
        use mesos_sdk::resources::{Resources, Scalar};

        // The agent's `--resources` text form; `(web)` is a static reservation for role web.
        let agent = Resources::parse("cpus:4;mem:8192;cpus(web):2;ports:[31000-31999]")?;
        assert_eq!(agent.cpus(), Scalar::from(6));
        assert_eq!(agent.reserved("web").cpus(), Scalar::from(2));
        assert_eq!(agent.ports().value_count(), 1000);

        // Scalars are fixed point with three decimals, as Mesos counts them: no float drift.
        let task = Resources::parse("cpus:0.1;mem:128")?;
        let mut used = Resources::new();
        for _ in 0..10 {
            used.add(&task);
        }
        assert_eq!(used.cpus(), Scalar::from(1));
        let left = agent
            .checked_sub(&used)
            .expect("the agent holds ten of them");
        assert_eq!(left.mem(), Scalar::from(8192 - 1280u32));
        assert!(!used.contains(&agent));
        // ANCHOR_END: arithmetic
        Ok(())
    }

    #[test]
    fn matching_an_offer() {
        let offer = offer(
            "o1",
            "a1",
            "cpus:2;mem:1024;cpus(web):0.5;ports:[31000-31009]",
        );
        // ANCHOR: find_fit
        use mesos_sdk::offers::{ResourceRequest, find_fit};

        let request = ResourceRequest::new()
            .cpus(1.0)
            .mem(256.0)
            .port(31005) // this exact port
            .any_ports(1) // and one more, whichever
            .role("web");
        let picked = find_fit(&offer, &request).expect("the offer is big enough");
        // Reserved resources of the role come first, then unreserved ones.
        assert_eq!(
            picked.reserved("web").cpus(),
            Scalar::from_f64(0.5).unwrap()
        );
        assert_eq!(picked.unreserved().cpus(), Scalar::from_f64(0.5).unwrap());
        assert_eq!(picked.ports().to_string(), "[31000-31000, 31005-31005]");
        // What a task's `resources` should be: exactly what was picked.
        let task_resources: Vec<v1::Resource> = picked.into_vec();
        // ANCHOR_END: find_fit
        assert_eq!(task_resources.len(), 4);
        assert!(find_fit(&offer, &ResourceRequest::new().cpus(3.0)).is_none());
    }

    #[test]
    fn reading_offers_in_place() {
        use mesos_sdk::scheduler::LazyEvent;

        let sent = mesos_sdk::v1::scheduler::Event {
            r#type: Some(event::Type::Offers as i32),
            offers: Some(event::Offers {
                offers: vec![
                    offer("big", "a1", "cpus:2;mem:1024"),
                    offer("small", "a2", "cpus:0.25;cpus(web):0.5;mem:1024"),
                ],
            }),
            ..Default::default()
        };
        // The form the session hands each event of the subscription on in (here built from
        // an `Event`; the session checks the bytes it receives with `LazyEvent::new`).
        let event = LazyEvent::from(sent);
        let mut declined = Vec::new();
        // ANCHOR: view
        if event.r#type() == event::Type::Offers {
            for offer in event.view().offers().iter().flat_map(|o| o.offers()) {
                let cpus: f64 = offer
                    .resources()
                    .filter(|r| r.name() == "cpus")
                    .filter_map(|r| r.scalar().map(|s| s.value()))
                    .sum();
                if cpus < 1.0 {
                    declined.push(v1::OfferId {
                        value: offer.id().value().to_string(),
                    });
                }
            }
        }
        // ANCHOR_END: view
        assert_eq!(
            declined,
            [v1::OfferId {
                value: "small".into()
            }]
        );
    }

    #[test]
    fn packing_offers() {
        let offers = vec![
            offer("o1", "a1", "cpus:1;mem:512"),
            offer("o2", "a2", "cpus:1;mem:512"),
            offer("o3", "a1", "cpus:1;mem:512"),
        ];
        let task = |n: usize| v1::TaskInfo {
            name: format!("worker-{n}"),
            task_id: v1::TaskId {
                value: format!("worker-{n}"),
            },
            ..Default::default()
        };
        let mut accepts = Vec::new();
        let mut declines = Vec::new();
        // ANCHOR: planner
        use mesos_sdk::offers::{OfferPlanner, ResourceRequest, group_by_agent};

        let request = ResourceRequest::new().cpus(0.5).mem(128.0);
        let mut next = 0;
        // One ACCEPT takes offers of one agent only.
        for (_agent, agent_offers) in group_by_agent(offers) {
            let mut planner = OfferPlanner::new(agent_offers).expect("one agent");
            while next < 5 && planner.place(&task(next), &request).is_some() {
                next += 1;
            }
            let plan = planner.finish();
            for accept in plan.accepts {
                // scheduler.accept(accept.offer_ids, accept.operations, None).await?
                accepts.push((accept.offer_ids, accept.operations));
            }
            // scheduler.decline(plan.unused, Some(refuse_for(3600.0))).await?
            declines.extend(plan.unused);
        }
        // ANCHOR_END: planner
        assert_eq!(next, 5, "four on agent a1 (two offers), one on a2");
        assert_eq!(accepts.len(), 2);
        assert_eq!(accepts[0].0.len(), 2);
        assert!(declines.is_empty());
    }

    #[test]
    fn reserving() {
        // ANCHOR: reserve
        use mesos_sdk::offers::{dynamically_reserved, reserve};
        use mesos_sdk::resources::{Resources, reservation_role};

        // From unreserved resources of an offer to the same resources reserved for `web`,
        // made by principal `ops`: the RESERVE operation to put in an ACCEPT.
        let offered = Resources::parse("cpus:1;mem:512").expect("valid");
        let reserved = dynamically_reserved(&offered, "web", Some("ops"));
        assert!(reserved.iter().all(|r| reservation_role(r) == Some("web")));
        let operation = reserve(reserved);
        // ANCHOR_END: reserve
        assert_eq!(operation.reserve.expect("RESERVE").resources.len(), 2);
    }
}

mod executor_chapter {
    #[test]
    fn configuration_comes_from_the_agent() -> super::Result {
        // ANCHOR: executor_config
        use mesos_sdk::executor::ExecutorConfig;

        // What an agent sets for the executors it launches (`ExecutorConfig::from_env` reads
        // the process's own environment).
        let config = ExecutorConfig::from_vars([
            ("MESOS_FRAMEWORK_ID", "f-1"),
            ("MESOS_EXECUTOR_ID", "e-1"),
            ("MESOS_SLAVE_PID", "slave(1)@10.0.0.9:5051"),
            ("MESOS_AGENT_ENDPOINT", "10.0.0.9:5051"),
            ("MESOS_CHECKPOINT", "1"),
            ("MESOS_RECOVERY_TIMEOUT", "15mins"),
            (
                "MESOS_SANDBOX",
                "/var/lib/mesos/slaves/a/frameworks/f-1/executors/e-1/runs/r",
            ),
        ])?;
        assert_eq!(config.api_path(), "/slave(1)/api/v1/executor");
        assert!(config.checkpoint()); // waits for a restarting agent, up to 15 minutes
        // Outside an agent the error names what is missing.
        let error = ExecutorConfig::from_vars([("MESOS_FRAMEWORK_ID", "f-1")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "environment variable MESOS_EXECUTOR_ID: is not set (is this process run by a Mesos agent?)"
        );
        // ANCHOR_END: executor_config
        Ok(())
    }
}

// The README's program, as a user runs it.
// ANCHOR: both_peers
on_both_peers! {
    hello_runs_its_task_and_tears_down => hello_runs_its_task_and_tears_down;
}

async fn hello_runs_its_task_and_tears_down(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hello"))
        .arg(peer.master_url())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("hello starts");
    let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("hello ends in time")
        .expect("hello's output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let running = stdout.find("hello-1 is TASK_RUNNING");
    let finished = stdout.find("hello-1 is TASK_FINISHED");
    assert!(
        running.is_some() && running < finished,
        "{stdout}\n{stderr}"
    );
    assert!(peer.framework_ids().await.is_empty(), "torn down");
}
// ANCHOR_END: both_peers
