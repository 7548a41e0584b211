//! Offers and the allocator: one offer per agent and role with the agent's resources, the
//! pre-refinement resource format, MULTI_ROLE allocation info, refusal filters (default 5 s,
//! `refuse_seconds`, 0, the subset rule), SUPPRESS/REVIVE, RESCIND, and ACCEPT validation.

mod common;

use std::time::Duration;

use common::{
    Enc, Subscription, ack_call, bare_call, command_task, decline_call, framework_info, kill_call,
    launch_call, wait_until,
};
use mesos_sdk::v1::scheduler::{call, event};
use mesos_sdk::v1::{OfferId, TaskState, framework_info as fi, task_status};
use mesos_sim::Cluster;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_agent_is_offered_with_its_resources() {
    let cluster = Cluster::builder()
        .agents(3)
        .agent_resources("cpus:2;mem:1024;ports:[31000-31009]")
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    for enc in [Enc::Json, Enc::Protobuf] {
        let mut s = Subscription::open(&url, enc, framework_info("offers")).await;
        let mut offers = Vec::new();
        while offers.len() < 3 {
            offers.extend(s.next_offers().await);
        }
        let mut agents: Vec<_> = offers.iter().map(|o| o.agent_id.value.clone()).collect();
        agents.sort();
        assert_eq!(agents, cluster.agent_ids(), "one offer per agent");
        for offer in &offers {
            assert_eq!(offer.framework_id.value, s.framework_id);
            assert_eq!(offer.hostname, "127.0.0.1");
            let url = offer.url.as_ref().unwrap();
            assert_eq!(url.path.as_deref(), Some("/slave(1)"));
            assert!(
                offer.allocation_info.is_none(),
                "stripped for non-MULTI_ROLE frameworks"
            );
            let cpus = offer.resources.iter().find(|r| r.name == "cpus").unwrap();
            assert_eq!(cpus.scalar.as_ref().unwrap().value, 2.0);
            #[allow(deprecated)]
            let role = cpus.role.as_deref();
            assert_eq!(
                role,
                Some("*"),
                "pre-refinement format names the role explicitly"
            );
            assert!(cpus.allocation_info.is_none());
            let ports = offer.resources.iter().find(|r| r.name == "ports").unwrap();
            let range = &ports.ranges.as_ref().unwrap().range[0];
            assert_eq!((range.begin, range.end), (31000, 31009));
        }
        s.call(&url, &bare_call(&s.framework_id, call::Type::Teardown))
            .await;
    }

    let mut multi = framework_info("multi");
    multi.roles = vec!["web".into()];
    multi.capabilities = vec![fi::Capability {
        r#type: Some(fi::capability::Type::MultiRole as i32),
    }];
    let mut s = Subscription::open(&url, Enc::Json, multi).await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(offer.allocation_info.unwrap().role.as_deref(), Some("web"));
    assert!(
        offer
            .resources
            .iter()
            .all(|r| r.allocation_info.as_ref().unwrap().role.as_deref() == Some("web"))
    );
}

/// Virtual seconds until the next OFFERS event.
async fn seconds_until_offered(s: &mut Subscription) -> f64 {
    let start = tokio::time::Instant::now();
    s.next_of(event::Type::Offers).await;
    start.elapsed().as_secs_f64()
}

/// Asserts that `what`, offered `waited` virtual seconds after it was freed just after an
/// allocation, came with the next periodic one (every 10 s), not at once.
fn offered_at_the_next_allocation(what: &str, waited: f64) {
    assert!(
        (9.0..10.5).contains(&waited),
        "{what} offered after {waited} s, not at the next allocation"
    );
}

/// A synthetic cluster that allocates every 10 s (virtual), from the moment it starts.
async fn allocating_every_ten_seconds() -> (Cluster, String) {
    let cluster = Cluster::builder()
        .synthetic(true)
        .allocation_interval(Duration::from_secs(10))
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    (cluster, url)
}

/// A synthetic cluster that allocates every 10 s (virtual), subscribed as `name`, with a
/// task `task` launched on its first offer (given back without a filter): the cluster, its
/// URL, the subscription and the offer.
async fn launched_between_allocations(
    name: &str,
    task: &str,
) -> (Cluster, String, Subscription, mesos_sdk::v1::Offer) {
    let (cluster, url) = allocating_every_ten_seconds().await;
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info(name)).await;
    // Offered at once on SUBSCRIBE; the periodic allocations follow every 10 s from there.
    let offer = s.next_offers().await.remove(0);
    let task = command_task(&offer, task, "sleep 1000");
    let accepted = s
        .call(
            &url,
            &launch_call(&s.framework_id, &[&offer.id], vec![task], Some(0.0)),
        )
        .await;
    assert_eq!(accepted.status, 202);
    (cluster, url, s, offer)
}

/// What an ACCEPT leaves of its offers goes back to the agent and is offered at the next
/// periodic allocation, not at once: the real master allocates nothing when resources are
/// recovered (`mesos: src/master/allocator/mesos/hierarchical.cpp`, `recoverResources`).
#[tokio::test(start_paused = true)]
async fn what_an_accept_leaves_waits_for_the_next_allocation() {
    let (_cluster, _url, mut s, _offer) = launched_between_allocations("remainder", "t").await;
    let waited = seconds_until_offered(&mut s).await;
    offered_at_the_next_allocation("the remainder", waited);
}

/// A task's resources, once it has ended, are offered at the next periodic allocation too,
/// not as soon as its end is known (`recoverResources` again). What the ACCEPT left waits
/// for that allocation as well (see above).
#[tokio::test(start_paused = true)]
async fn an_ended_tasks_resources_wait_for_the_next_allocation() {
    let (_cluster, url, mut s, offer) = launched_between_allocations("ended", "whole").await;
    loop {
        let status = s.next_update().await;
        s.call(&url, &ack_call(&s.framework_id, &status)).await;
        if status.state() == TaskState::TaskRunning {
            break;
        }
    }
    let kill = kill_call(&s.framework_id, "whole", Some(&offer.agent_id));
    let start = tokio::time::Instant::now();
    assert_eq!(s.call(&url, &kill).await.status, 202);
    let killed = s.next_update().await;
    assert_eq!(killed.state(), TaskState::TaskKilled);
    s.call(&url, &ack_call(&s.framework_id, &killed)).await;
    let offers = s.next_offers().await;
    let waited = start.elapsed().as_secs_f64();
    offered_at_the_next_allocation("the ended task's resources", waited);
    assert_eq!(offers.len(), 1);
}

/// A rescinded offer's resources are offered at the next periodic allocation, not at once:
/// upstream's `Master::rescindOffer` only recovers them (`recoverResources`).
#[tokio::test(start_paused = true)]
async fn rescinded_resources_wait_for_the_next_allocation() {
    let (cluster, url) = allocating_every_ten_seconds().await;
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("rescinded")).await;
    // Offered at once on SUBSCRIBE; the periodic allocations follow every 10 s from there.
    let offer = s.next_offers().await.remove(0);
    cluster.rescind_offer(&offer.id.value).unwrap();
    assert_eq!(s.next_rescinded().await, offer.id);
    let waited = seconds_until_offered(&mut s).await;
    offered_at_the_next_allocation("a rescinded offer's resources", waited);
}

/// An UPDATE_FRAMEWORK that drops a role rescinds the role's offers, and their resources go
/// to the roles left at the next periodic allocation: neither `Master::updateFramework` nor
/// the allocator's `updateFramework` allocates.
#[tokio::test(start_paused = true)]
async fn an_update_framework_allocates_nothing() {
    let (_cluster, url) = allocating_every_ten_seconds().await;
    let mut info = framework_info("roles");
    info.roles = vec!["web".into(), "batch".into()];
    info.capabilities = vec![fi::Capability {
        r#type: Some(fi::capability::Type::MultiRole as i32),
    }];
    let mut s = Subscription::open(&url, Enc::Protobuf, info.clone()).await;
    let offer = s.next_offers().await.remove(0);
    let dropped = offer
        .allocation_info
        .as_ref()
        .unwrap()
        .role
        .clone()
        .unwrap();
    info.id = Some(mesos_sdk::v1::FrameworkId {
        value: s.framework_id.clone(),
    });
    info.roles.retain(|r| *r != dropped);
    let mut update = bare_call(&s.framework_id, call::Type::UpdateFramework);
    update.update_framework = Some(call::UpdateFramework {
        framework_info: info,
        ..Default::default()
    });
    let start = tokio::time::Instant::now();
    assert_eq!(s.call(&url, &update).await.status, 200);
    assert_eq!(s.next_rescinded().await, offer.id);
    let offers = s.next_offers().await;
    let waited = start.elapsed().as_secs_f64();
    offered_at_the_next_allocation("the dropped role's resources", waited);
    let roles: Vec<_> = offers
        .iter()
        .map(|o| o.allocation_info.as_ref().unwrap().role.clone().unwrap())
        .collect();
    assert!(roles.iter().all(|r| *r != dropped), "{roles:?}");
}

#[tokio::test(start_paused = true)]
async fn declined_resources_are_refused_for_refuse_seconds() {
    let cluster = Cluster::builder()
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("filters")).await;
    for (refuse, low, high) in [
        (Some(12.0), 12.0, 13.1),
        (None, 5.0, 6.1),
        (Some(0.0), 0.0, 1.1),
        (Some(-1.0), 5.0, 6.1),
    ] {
        let offer = s.next_offers().await.remove(0);
        assert_eq!(
            s.call(&url, &decline_call(&s.framework_id, &[&offer.id], refuse))
                .await
                .status,
            202
        );
        let waited = seconds_until_offered(&mut s).await;
        assert!(
            waited >= low && waited < high,
            "refuse_seconds {refuse:?}: re-offered after {waited} s"
        );
        // Put the offer back for the next round.
        let offer_ids = cluster.offer_ids(&s.framework_id);
        assert_eq!(offer_ids.len(), 1);
        let id = OfferId {
            value: offer_ids[0].clone(),
        };
        s.call(&url, &decline_call(&s.framework_id, &[&id], Some(0.0)))
            .await;
    }
}

#[tokio::test(start_paused = true)]
async fn suppress_stops_offers_and_revive_clears_filters() {
    let cluster = Cluster::builder()
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Json, framework_info("suppress")).await;
    let offer = s.next_offers().await.remove(0);
    s.call(&url, &bare_call(&s.framework_id, call::Type::Suppress))
        .await;
    s.call(
        &url,
        &decline_call(&s.framework_id, &[&offer.id], Some(0.0)),
    )
    .await;
    assert!(
        s.next_within(Duration::from_secs(120)).await.is_none(),
        "no offers while suppressed"
    );
    // REVIVE unsuppresses and clears filters: a decline for a year does not hold it back.
    s.call(&url, &bare_call(&s.framework_id, call::Type::Revive))
        .await;
    let offer = s.next_offers().await.remove(0);
    s.call(
        &url,
        &decline_call(&s.framework_id, &[&offer.id], Some(31_536_000.0)),
    )
    .await;
    assert!(
        s.next_within(Duration::from_secs(120)).await.is_none(),
        "filtered"
    );
    s.call(&url, &bare_call(&s.framework_id, call::Type::Revive))
        .await;
    assert!(
        seconds_until_offered(&mut s).await < 1.0,
        "revive allocates at once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_free_resources_break_through_a_filter() {
    let cluster = Cluster::builder()
        .agent_resources("cpus:1;mem:128")
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("subset")).await;
    let offer = s.next_offers().await.remove(0);
    // The unused 0.9 cpus and 96 MB are refused for an hour...
    let launch = launch_call(
        &s.framework_id,
        &[&offer.id],
        vec![command_task(&offer, "short", "sleep 100")],
        Some(3600.0),
    );
    s.call(&url, &launch).await;
    let running = loop {
        let status = s.next_update().await;
        s.call(&url, &common::ack_call(&s.framework_id, &status))
            .await;
        if status.state() == TaskState::TaskRunning {
            break status;
        }
    };
    let kill = kill_call(
        &s.framework_id,
        &running.task_id.value,
        running.agent_id.as_ref(),
    );
    s.call(&url, &kill).await;
    // ...but once the task's resources are back, the whole agent is not a subset of the filter.
    let offer = s.next_offers().await.remove(0);
    let cpus = offer.resources.iter().find(|r| r.name == "cpus").unwrap();
    assert_eq!(cpus.scalar.as_ref().unwrap().value, 1.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_offers_drop_tasks_and_invalid_tasks_get_task_error() {
    let cluster = Cluster::builder()
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    for partition_aware in [false, true] {
        let mut info = framework_info("invalid");
        if partition_aware {
            info.capabilities = vec![fi::Capability {
                r#type: Some(fi::capability::Type::PartitionAware as i32),
            }];
        }
        let mut s = Subscription::open(&url, Enc::Json, info).await;
        let offer = s.next_offers().await.remove(0);
        // Fault: the offer is rescinded, then used anyway.
        cluster.rescind_offer(&offer.id.value).unwrap();
        assert_eq!(s.next_rescinded().await, offer.id);
        let launch = launch_call(
            &s.framework_id,
            &[&offer.id],
            vec![command_task(&offer, "late", "true")],
            None,
        );
        assert_eq!(
            s.call(&url, &launch).await.status,
            202,
            "invalid offers are still a 202"
        );
        let lost = s.next_update().await;
        let expected = if partition_aware {
            TaskState::TaskDropped
        } else {
            TaskState::TaskLost
        };
        assert_eq!(lost.state(), expected);
        assert_eq!(lost.reason(), task_status::Reason::InvalidOffers);
        assert_eq!(lost.source(), task_status::Source::Master);
        assert!(lost.uuid.is_none());
        assert!(
            lost.message
                .as_deref()
                .unwrap()
                .contains("is no longer valid"),
            "{lost:?}"
        );

        // The rescinded resources are offered again at the next allocation (every 50 ms here;
        // that OFFERS event may have been skipped while waiting for the update above): use
        // that offer.
        wait_until(
            "the rescinded resources offered again",
            Duration::from_secs(5),
            || !cluster.offer_ids(&s.framework_id).is_empty(),
        )
        .await;
        let outstanding = cluster.offer_ids(&s.framework_id);
        assert_eq!(outstanding.len(), 1);
        let offer = mesos_sdk::v1::Offer {
            id: OfferId {
                value: outstanding[0].clone(),
            },
            ..offer
        };
        // Invalid tasks in a valid ACCEPT: TASK_ERROR each, the rest of the offer returns.
        let mut greedy = command_task(&offer, "greedy", "true");
        greedy.resources = vec![common::scalar("cpus", 64.0)];
        let mut neither = command_task(&offer, "neither", "true");
        neither.command = None;
        let bad_id = command_task(&offer, "a/b", "true");
        let good = command_task(&offer, "dup", "true");
        let dup = command_task(&offer, "dup", "true");
        let launch = launch_call(
            &s.framework_id,
            &[&offer.id],
            vec![greedy, neither, bad_id, good, dup],
            Some(0.0),
        );
        s.call(&url, &launch).await;
        let mut errors = Vec::new();
        while errors.len() < 4 {
            let status = s.next_update().await;
            if status.state() == TaskState::TaskError {
                assert_eq!(status.reason(), task_status::Reason::TaskInvalid);
                assert!(status.uuid.is_none());
                errors.push((
                    status.task_id.value.clone(),
                    status.message.unwrap_or_default(),
                ));
            } else {
                assert_eq!(status.task_id.value, "dup");
                s.call(&url, &common::ack_call(&s.framework_id, &status))
                    .await;
            }
        }
        let message = |id: &str| {
            errors
                .iter()
                .find(|(t, _)| t == id)
                .map(|(_, m)| m.clone())
                .unwrap()
        };
        assert!(
            message("greedy").contains("more than available"),
            "{errors:?}"
        );
        assert!(
            message("neither").contains("CommandInfo or ExecutorInfo"),
            "{errors:?}"
        );
        // `validateTaskID` answers with the bare `validateID` message.
        assert_eq!(message("a/b"), "'a/b' contains invalid characters");
        assert_eq!(message("dup"), "Task has duplicate ID: dup");
        s.call(&url, &bare_call(&s.framework_id, call::Type::Teardown))
            .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(deprecated)] // `Resource.role` is the pre-refinement reservation format.
async fn reserve_and_unreserve_change_what_is_offered() {
    use mesos_sdk::v1::Resource;
    use mesos_sdk::v1::offer::{Operation, operation};
    use mesos_sdk::v1::resource::ReservationInfo;
    let cluster = Cluster::builder()
        .agent_resources("cpus:4;mem:1024")
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("reserver");
    info.role = Some("web".into());
    info.principal = Some("ops".into());
    let mut s = Subscription::open(&url, Enc::Json, info).await;
    let framework_id = s.framework_id.clone();
    let reserved_cpus = |principal: &str| Resource {
        role: Some("web".into()),
        reservation: Some(ReservationInfo {
            principal: Some(principal.into()),
            ..Default::default()
        }),
        ..common::scalar("cpus", 1.0)
    };
    let operate = |offer: &mesos_sdk::v1::Offer, kind: operation::Type, resource: Resource| {
        let mut accept = bare_call(&framework_id, call::Type::Accept);
        let mut op = Operation {
            r#type: Some(kind as i32),
            ..Default::default()
        };
        match kind {
            operation::Type::Reserve => {
                op.reserve = Some(operation::Reserve {
                    resources: vec![resource],
                    source: vec![],
                })
            }
            _ => {
                op.unreserve = Some(operation::Unreserve {
                    resources: vec![resource],
                })
            }
        }
        accept.accept = Some(call::Accept {
            offer_ids: vec![offer.id.clone()],
            operations: vec![op],
            filters: Some(mesos_sdk::v1::Filters {
                refuse_seconds: Some(0.0),
            }),
        });
        accept
    };
    let cpus = |offer: &mesos_sdk::v1::Offer| -> Vec<(Option<String>, Option<String>, f64)> {
        let mut out: Vec<_> = offer
            .resources
            .iter()
            .filter(|r| r.name == "cpus")
            .map(|r| {
                (
                    r.role.clone(),
                    r.reservation.as_ref().and_then(|x| x.principal.clone()),
                    r.scalar.as_ref().unwrap().value,
                )
            })
            .collect();
        out.sort_by(|a, b| a.partial_cmp(b).unwrap());
        out
    };
    let offer = s.next_offers().await.remove(0);
    assert_eq!(cpus(&offer), vec![(Some("*".into()), None, 4.0)]);
    // A reservation by another principal is dropped.
    s.call(
        &url,
        &operate(&offer, operation::Type::Reserve, reserved_cpus("intruder")),
    )
    .await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(cpus(&offer), vec![(Some("*".into()), None, 4.0)]);
    s.call(
        &url,
        &operate(&offer, operation::Type::Reserve, reserved_cpus("ops")),
    )
    .await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(
        cpus(&offer),
        vec![
            (Some("*".into()), None, 3.0),
            (Some("web".into()), Some("ops".into()), 1.0)
        ]
    );
    s.call(
        &url,
        &operate(&offer, operation::Type::Unreserve, reserved_cpus("ops")),
    )
    .await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(cpus(&offer), vec![(Some("*".into()), None, 4.0)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(deprecated)] // `Resource.role` is the pre-refinement reservation format.
async fn persistent_volumes_are_created_and_destroyed_on_reserved_disk() {
    use mesos_sdk::v1::offer::{Operation, operation};
    use mesos_sdk::v1::resource::{DiskInfo, disk_info};
    use mesos_sdk::v1::{Resource, Volume, volume};
    let cluster = Cluster::builder()
        .agent_resources("cpus:1;mem:128;disk(web):100")
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("volumes");
    info.role = Some("web".into());
    let mut s = Subscription::open(&url, Enc::Protobuf, info).await;
    let framework_id = s.framework_id.clone();
    let volume = |id: &str| Resource {
        role: Some("web".into()),
        disk: Some(DiskInfo {
            persistence: Some(disk_info::Persistence {
                id: id.into(),
                principal: None,
            }),
            volume: Some(Volume {
                mode: volume::Mode::Rw as i32,
                container_path: "data".into(),
                ..Default::default()
            }),
            source: None,
        }),
        ..common::scalar("disk", 50.0)
    };
    let operate = |offer: &mesos_sdk::v1::Offer, create: bool, volumes: Vec<Resource>| {
        let mut accept = bare_call(&framework_id, call::Type::Accept);
        let mut op = Operation::default();
        if create {
            op.r#type = Some(operation::Type::Create as i32);
            op.create = Some(operation::Create { volumes });
        } else {
            op.r#type = Some(operation::Type::Destroy as i32);
            op.destroy = Some(operation::Destroy { volumes });
        }
        accept.accept = Some(call::Accept {
            offer_ids: vec![offer.id.clone()],
            operations: vec![op],
            filters: Some(mesos_sdk::v1::Filters {
                refuse_seconds: Some(0.0),
            }),
        });
        accept
    };
    let disks = |offer: &mesos_sdk::v1::Offer| -> Vec<(Option<String>, f64)> {
        let mut out: Vec<_> = offer
            .resources
            .iter()
            .filter(|r| r.name == "disk")
            .map(|r| {
                (
                    r.disk
                        .as_ref()
                        .and_then(|d| d.persistence.as_ref())
                        .map(|p| p.id.clone()),
                    r.scalar.as_ref().unwrap().value,
                )
            })
            .collect();
        out.sort_by(|a, b| a.partial_cmp(b).unwrap());
        out
    };
    let offer = s.next_offers().await.remove(0);
    assert_eq!(disks(&offer), vec![(None, 100.0)]);
    s.call(&url, &operate(&offer, true, vec![volume("v1")]))
        .await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(disks(&offer), vec![(None, 50.0), (Some("v1".into()), 50.0)]);
    // The id is taken on this agent: a second CREATE with it is dropped.
    s.call(&url, &operate(&offer, true, vec![volume("v1")]))
        .await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(disks(&offer), vec![(None, 50.0), (Some("v1".into()), 50.0)]);
    s.call(&url, &operate(&offer, false, vec![volume("v1")]))
        .await;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(disks(&offer), vec![(None, 100.0)]);
}
