//! The allocator's choices: dominant resource fairness between frameworks and roles, GPU
//! agents offered only to GPU_RESOURCES frameworks, and offer constraints on agent attributes
//! (with their validation on SUBSCRIBE and UPDATE_FRAMEWORK).

mod common;

use std::time::Duration;

use common::{
    Enc, Subscription, bare_call, decline_call, framework_info, launch_call, scalar, subscribe_call,
};
use mesos_sdk::v1::scheduler::attribute_constraint::{Predicate, Selector, predicate, selector};
use mesos_sdk::v1::scheduler::offer_constraints::{RoleConstraints, role_constraints::Group};
use mesos_sdk::v1::scheduler::{AttributeConstraint, OfferConstraints, call, event};
use mesos_sdk::v1::{
    CommandInfo, FrameworkId, FrameworkInfo, Offer, TaskId, TaskInfo, framework_info as fi,
};
use mesos_sim::{AgentSpec, Cluster};

/// A synthetic task of the given shape on an offer's agent.
fn task(offer: &Offer, id: &str, cpus: f64, mem: f64) -> TaskInfo {
    TaskInfo {
        name: id.into(),
        task_id: TaskId { value: id.into() },
        agent_id: offer.agent_id.clone(),
        resources: vec![scalar("cpus", cpus), scalar("mem", mem)],
        command: Some(CommandInfo {
            value: Some("sleep 100000".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Collects OFFERS events until `count` offers arrived.
async fn offers(s: &mut Subscription, count: usize) -> Vec<Offer> {
    let mut offers = Vec::new();
    while offers.len() < count {
        offers.extend(s.next_offers().await);
    }
    offers
}

/// Asserts that no OFFERS event arrives within `within` (virtual time).
async fn no_offers_within(s: &mut Subscription, within: Duration) {
    let deadline = tokio::time::Instant::now() + within;
    while let Some(event) = s
        .next_within(deadline.saturating_duration_since(tokio::time::Instant::now()))
        .await
    {
        let event = event.expect("stream open");
        assert_ne!(event.r#type(), event::Type::Offers, "unexpected {event:?}");
    }
}

/// Runs one task of `cpus`/`mem` on `run_on` and refuses `rest` for an hour (leftovers of
/// `run_on` too), so what follows depends on the allocator alone.
async fn run_and_refuse_rest(
    s: &Subscription,
    url: &str,
    run_on: &Offer,
    rest: &[&Offer],
    name: &str,
    cpus: f64,
    mem: f64,
) {
    let launch = launch_call(
        &s.framework_id,
        &[&run_on.id],
        vec![task(run_on, name, cpus, mem)],
        Some(3600.0),
    );
    assert_eq!(s.call(url, &launch).await.status, 202);
    let ids: Vec<_> = rest.iter().map(|o| &o.id).collect();
    let decline = decline_call(&s.framework_id, &ids, Some(3600.0));
    assert_eq!(s.call(url, &decline).await.status, 202);
}

/// A framework in one role (the deprecated `role` field, as single-role frameworks send it).
#[allow(deprecated)]
fn in_role(role: &str) -> FrameworkInfo {
    let mut info = framework_info(role);
    info.role = Some(role.into());
    info
}

fn capable(mut info: FrameworkInfo, capability: fi::capability::Type) -> FrameworkInfo {
    info.capabilities.push(fi::Capability {
        r#type: Some(capability as i32),
    });
    info
}

#[tokio::test(start_paused = true)]
async fn offers_follow_dominant_shares_not_cpu_counts() {
    let cluster = Cluster::builder()
        .synthetic(true)
        .agents(2)
        .agent_resources("cpus:4;mem:4096")
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    // The mem-heavy framework subscribes first, so it would win any tie on name.
    let mut m = Subscription::open(&url, Enc::Protobuf, framework_info("mem-heavy")).await;
    let first = offers(&mut m, 2).await;
    let mut c = Subscription::open(&url, Enc::Protobuf, framework_info("cpu-heavy")).await;
    assert!(m.framework_id < c.framework_id);

    // M runs a memory-heavy task and refuses the rest for an hour, so C gets it.
    run_and_refuse_rest(&m, &url, &first[0], &[&first[1]], "m-task", 0.5, 3500.0).await;
    let held = offers(&mut c, 2).await;
    let (on_second, rest): (Vec<_>, Vec<_>) =
        held.iter().partition(|o| o.agent_id == first[1].agent_id);
    run_and_refuse_rest(&c, &url, on_second[0], &rest, "c-task", 3.0, 256.0).await;

    // C holds 3 cpus, M 0.5 cpus but 3500 MB; both were picked twice. With a third agent
    // (12 cpus, 12288 MB) C's dominant share is 3/12 = 0.25 and M's 3500/12288 = 0.28: C goes
    // first, although it holds more cpus and sorts after M by name.
    let third = cluster.add_agent().await.unwrap();
    let offer = c.next_offers().await.remove(0);
    assert_eq!(offer.agent_id.value, third);
    assert!(cluster.offer_ids(&m.framework_id).is_empty());

    // Offered resources count too: C now holds 7 of 16 cpus (0.44), M 3500 of 16384 MB (0.21).
    let fourth = cluster.add_agent().await.unwrap();
    let offer = m.next_offers().await.remove(0);
    assert_eq!(offer.agent_id.value, fourth);
    assert_eq!(cluster.offer_ids(&c.framework_id).len(), 1);
}

#[tokio::test(start_paused = true)]
async fn role_weights_scale_dominant_shares() {
    // "heavy" runs 2 cpus, "light" 1 cpu. With equal weights the lighter role gets the next
    // agent; with weight 3, "heavy" counts 2/3 cpu and wins.
    for (weight, winner) in [(1.0, "light"), (3.0, "heavy")] {
        let cluster = Cluster::builder()
            .synthetic(true)
            .agents(2)
            .agent_resources("cpus:4;mem:4096")
            .role_weight("heavy", weight)
            .heartbeat_interval(Duration::from_secs(3600))
            .start()
            .await
            .unwrap();
        let url = cluster.master_url();
        let mut heavy = Subscription::open(&url, Enc::Json, in_role("heavy")).await;
        let first = offers(&mut heavy, 2).await;
        let mut light = Subscription::open(&url, Enc::Json, in_role("light")).await;
        run_and_refuse_rest(&heavy, &url, &first[0], &[&first[1]], "h", 2.0, 512.0).await;
        let held = offers(&mut light, 2).await;
        run_and_refuse_rest(&light, &url, &held[0], &[&held[1]], "l", 1.0, 256.0).await;

        let added = cluster.add_agent().await.unwrap();
        let (winner, loser) = if winner == "heavy" {
            (&mut heavy, &light)
        } else {
            (&mut light, &heavy)
        };
        let offer = winner.next_offers().await.remove(0);
        assert_eq!(offer.agent_id.value, added, "weight {weight}");
        assert!(
            cluster.offer_ids(&loser.framework_id).is_empty(),
            "weight {weight}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn gpu_agents_go_only_to_gpu_capable_frameworks() {
    let cluster = Cluster::builder()
        .agent_resources("cpus:2;mem:1024")
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let gpu_agent = cluster
        .add_agent_with(AgentSpec::new().resources("cpus:2;mem:1024;gpus:2"))
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut plain = Subscription::open(&url, Enc::Json, framework_info("plain")).await;
    let offer = plain.next_offers().await.remove(0);
    assert_ne!(offer.agent_id.value, gpu_agent);
    no_offers_within(&mut plain, Duration::from_secs(10)).await;

    let info = capable(framework_info("gpu"), fi::capability::Type::GpuResources);
    let mut gpu = Subscription::open(&url, Enc::Protobuf, info).await;
    let offer = gpu.next_offers().await.remove(0);
    assert_eq!(offer.agent_id.value, gpu_agent);
    let gpus = offer.resources.iter().find(|r| r.name == "gpus").unwrap();
    assert_eq!(gpus.scalar.as_ref().unwrap().value, 2.0);
}

fn constraint(attribute: &str, p: predicate::Predicate) -> AttributeConstraint {
    AttributeConstraint {
        selector: Selector {
            selector: Some(selector::Selector::AttributeName(attribute.into())),
        },
        predicate: Predicate { predicate: Some(p) },
    }
}

fn constraints(role: &str, groups: Vec<Vec<AttributeConstraint>>) -> OfferConstraints {
    OfferConstraints {
        role_constraints: [(
            role.to_string(),
            RoleConstraints {
                groups: groups
                    .into_iter()
                    .map(|attribute_constraints| Group {
                        attribute_constraints,
                    })
                    .collect(),
            },
        )]
        .into(),
    }
}

fn matches(regex: &str) -> predicate::Predicate {
    predicate::Predicate::TextMatches(predicate::TextMatches {
        regex: regex.into(),
    })
}

fn subscribe_with(
    info: FrameworkInfo,
    offer_constraints: OfferConstraints,
) -> mesos_sdk::v1::scheduler::Call {
    let mut call = subscribe_call(info);
    call.subscribe.as_mut().unwrap().offer_constraints = Some(offer_constraints);
    call
}

#[tokio::test(start_paused = true)]
async fn offer_constraints_select_agents_by_attributes() {
    let cluster = Cluster::builder()
        .agent_attributes("rack:a1;zone:1")
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let rack_b = cluster
        .add_agent_with(AgentSpec::new().attributes("rack:b7"))
        .await
        .unwrap();
    let url = cluster.master_url();

    // Only agents whose rack fully matches `b.`.
    let call = subscribe_with(
        framework_info("picky"),
        constraints("*", vec![vec![constraint("rack", matches("b."))]]),
    );
    let mut s = Subscription::start(&url, Enc::Json, &call).await;
    let subscribed = s.next().await.unwrap();
    assert_eq!(subscribed.r#type(), event::Type::Subscribed);
    s.framework_id = subscribed.subscribed.unwrap().framework_id.value;
    let offer = s.next_offers().await.remove(0);
    assert_eq!(offer.agent_id.value, rack_b);
    assert!(offer.attributes.iter().any(|a| a.name == "rack"));
    no_offers_within(&mut s, Duration::from_secs(10)).await;

    // UPDATE_FRAMEWORK: an invalid regex is a 400 and changes nothing...
    let update = |offer_constraints: OfferConstraints| {
        let mut info = framework_info("picky");
        info.id = Some(FrameworkId {
            value: s.framework_id.clone(),
        });
        let mut call = bare_call(&s.framework_id, call::Type::UpdateFramework);
        call.update_framework = Some(call::UpdateFramework {
            framework_info: info,
            suppressed_roles: vec![],
            offer_constraints: Some(offer_constraints),
        });
        call
    };
    let bad = s
        .call(
            &url,
            &update(constraints(
                "*",
                vec![vec![constraint("rack", matches("(a"))]],
            )),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.text().starts_with(
            "'UpdateFramework' call is not valid: Offer constraints are not valid: A role * has an invalid 'AttributeConstraint': Failed to construct regex from pattern '(a'"
        ),
        "{}",
        bad.text()
    );
    // ... a valid one moves the framework to the other rack (two groups: either holds).
    let either = constraints(
        "*",
        vec![
            vec![constraint("rack", matches("a[0-9]"))],
            vec![constraint(
                "zone",
                predicate::Predicate::TextEquals(predicate::TextEquals { value: "9".into() }),
            )],
        ],
    );
    assert_eq!(s.call(&url, &update(either)).await.status, 200);
    s.call(
        &url,
        &decline_call(&s.framework_id, &[&offer.id], Some(0.0)),
    )
    .await;
    let offer = s.next_offers().await.remove(0);
    assert_ne!(offer.agent_id.value, rack_b);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_offer_constraints_refuse_the_subscription() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let cases = [
        (
            constraints("*", vec![vec![constraint("rack", matches("(unclosed"))]]),
            "Offer constraints are not valid: A role * has an invalid 'AttributeConstraint': Failed to construct regex from pattern '(unclosed'",
        ),
        (
            constraints("other", vec![vec![constraint("rack", matches("a"))]]),
            "Offer constraints specify `role_constraints` for a role 'other'",
        ),
        (
            constraints("*", vec![]),
            "Offer constraints are not valid: 'OfferConstraints::role_constraints' has an empty",
        ),
    ];
    for (offer_constraints, expected) in cases {
        let call = subscribe_with(framework_info("refused"), offer_constraints);
        let mut s = Subscription::start(&url, Enc::Protobuf, &call).await;
        assert_eq!(s.status, 200);
        let error = s.next().await.expect("ERROR event");
        assert_eq!(error.r#type(), event::Type::Error, "{error:?}");
        let message = error.error.unwrap().message;
        assert!(message.starts_with(expected), "{message}");
        assert!(s.next().await.is_none(), "the stream closes after ERROR");
    }
    assert!(cluster.framework_ids().is_empty());
}

#[tokio::test(start_paused = true)]
async fn leftovers_below_the_minimum_allocatable_are_not_offered() {
    let cluster = Cluster::builder()
        .synthetic(true)
        .agent_resources("cpus:1;mem:64;ports:[31000-31001]")
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut a = Subscription::open(&url, Enc::Protobuf, framework_info("default-minimum")).await;
    let offer = a.next_offers().await.remove(0);
    // What is left (24 MB and two ports) meets neither `cpus:0.01` nor `mem:32`.
    let launch = launch_call(
        &a.framework_id,
        &[&offer.id],
        vec![task(&offer, "big", 1.0, 40.0)],
        Some(0.0),
    );
    assert_eq!(a.call(&url, &launch).await.status, 202);
    no_offers_within(&mut a, Duration::from_secs(10)).await;

    // A framework whose own minimum for its role is two ports gets it.
    let mut info = framework_info("port-hungry");
    info.offer_filters.insert(
        "*".into(),
        mesos_sdk::v1::OfferFilters {
            min_allocatable_resources: Some(
                mesos_sdk::v1::offer_filters::MinAllocatableResources {
                    quantities: vec![mesos_sdk::v1::offer_filters::ResourceQuantities {
                        quantities: [(
                            "ports".to_string(),
                            mesos_sdk::v1::value::Scalar { value: 2.0 },
                        )]
                        .into(),
                    }],
                },
            ),
        },
    );
    let mut b = Subscription::open(&url, Enc::Json, info).await;
    let leftover = b.next_offers().await.remove(0);
    let mem = leftover.resources.iter().find(|r| r.name == "mem").unwrap();
    assert_eq!(mem.scalar.as_ref().unwrap().value, 24.0);
    assert!(leftover.resources.iter().any(|r| r.name == "ports"));
    assert!(leftover.resources.iter().all(|r| r.name != "cpus"));
}

#[tokio::test(start_paused = true)]
async fn hierarchical_roles_compete_as_subtrees() {
    let cluster = Cluster::builder()
        .synthetic(true)
        .agents(2)
        .agent_resources("cpus:4;mem:4096")
        .heartbeat_interval(Duration::from_secs(3600))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    // eng/web runs 2 cpus, ops 1.5 cpus; everything else is refused for an hour.
    let mut web = Subscription::open(&url, Enc::Json, in_role("eng/web")).await;
    let first = offers(&mut web, 2).await;
    run_and_refuse_rest(&web, &url, &first[0], &[&first[1]], "w", 2.0, 128.0).await;
    let mut ops = Subscription::open(&url, Enc::Json, in_role("ops")).await;
    let held = offers(&mut ops, 2).await;
    let (on_second, rest): (Vec<_>, Vec<_>) =
        held.iter().partition(|o| o.agent_id == first[1].agent_id);
    run_and_refuse_rest(&ops, &url, on_second[0], &rest, "o", 1.5, 128.0).await;
    // eng/db takes the leftovers and refuses them for an hour too.
    let mut db = Subscription::open(&url, Enc::Json, in_role("eng/db")).await;
    let leftovers = offers(&mut db, 2).await;
    let ids: Vec<_> = leftovers.iter().map(|o| &o.id).collect();
    let decline = decline_call(&db.framework_id, &ids, Some(3600.0));
    assert_eq!(db.call(&url, &decline).await.status, 202);

    // With a third agent (12 cpus): eng/db holds nothing, but its parent eng holds 2/12 and
    // ops 1.5/12, so ops comes first. A flat role sorter would pick eng/db.
    let third = cluster.add_agent().await.unwrap();
    let offer = ops.next_offers().await.remove(0);
    assert_eq!(offer.agent_id.value, third);
    assert!(cluster.offer_ids(&db.framework_id).is_empty());
    assert!(cluster.offer_ids(&web.framework_id).is_empty());
}
