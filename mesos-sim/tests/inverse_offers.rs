//! Maintenance: a DRAINING agent's offers carry `unavailability`, frameworks using it get
//! INVERSE_OFFERS, ACCEPT_INVERSE_OFFERS / DECLINE_INVERSE_OFFERS record their answers and
//! filter further inverse offers, and inverse offers are rescinded when the schedule changes
//! or the agent is lost.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{Enc, Subscription, ack_call, bare_call, command_task, framework_info, launch_call};
use http::StatusCode;
use mesos_sdk::v1::allocator::inverse_offer_status::Status;
use mesos_sdk::v1::scheduler::{Call, call, event};
use mesos_sdk::v1::{Filters, InverseOffer, OfferId, TaskState};
use mesos_sim::Cluster;

fn answer(framework_id: &str, accept: bool, ids: &[&OfferId], refuse_seconds: f64) -> Call {
    let ids: Vec<OfferId> = ids.iter().map(|i| (*i).clone()).collect();
    let filters = Some(Filters {
        refuse_seconds: Some(refuse_seconds),
    });
    if accept {
        let mut call = bare_call(framework_id, call::Type::AcceptInverseOffers);
        call.accept_inverse_offers = Some(call::AcceptInverseOffers {
            inverse_offer_ids: ids,
            filters,
        });
        call
    } else {
        let mut call = bare_call(framework_id, call::Type::DeclineInverseOffers);
        call.decline_inverse_offers = Some(call::DeclineInverseOffers {
            inverse_offer_ids: ids,
            filters,
        });
        call
    }
}

async fn next_inverse_offer(s: &mut Subscription) -> InverseOffer {
    let mut offers = s
        .next_of(event::Type::InverseOffers)
        .await
        .inverse_offers
        .expect("inverse_offers payload")
        .inverse_offers;
    assert_eq!(offers.len(), 1, "{offers:?}");
    offers.remove(0)
}

fn statuses(cluster: &Cluster, agent_id: &str) -> Vec<(String, Status)> {
    cluster
        .inverse_offer_statuses(agent_id)
        .into_iter()
        .map(|s| (s.framework_id.value.clone(), s.status()))
        .collect()
}

fn secs_since_epoch(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draining_agent_sends_inverse_offers_and_records_the_answers() {
    let cluster = Cluster::builder()
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("drained")).await;
    let framework_id = s.framework_id.clone();
    let offer = s.next_offers().await.remove(0);
    assert!(offer.unavailability.is_none());
    let agent_id = offer.agent_id.value.clone();

    // The framework holds an offer from the agent when maintenance is scheduled.
    let start = SystemTime::now() + Duration::from_secs(3600);
    cluster
        .schedule_maintenance(&[&agent_id], start, Some(Duration::from_secs(600)))
        .unwrap();
    assert_eq!(s.next_rescinded().await, offer.id);
    let offer = s.next_offers().await.remove(0);
    let unavailability = offer.unavailability.expect("unavailability");
    assert_eq!(
        unavailability.start.nanoseconds / 1_000_000_000,
        secs_since_epoch(start)
    );
    assert_eq!(
        unavailability.duration.map(|d| d.nanoseconds),
        Some(600_000_000_000)
    );
    let first = next_inverse_offer(&mut s).await;
    assert_eq!(first.framework_id.value, framework_id);
    assert_eq!(first.agent_id.as_ref().unwrap().value, agent_id);
    assert_eq!(first.unavailability, unavailability);
    assert!(first.resources.is_empty(), "the whole agent");
    assert_ne!(
        first.id, offer.id,
        "ids are unique across offers and inverse offers"
    );
    assert_eq!(
        cluster.inverse_offer_ids(&framework_id),
        vec![first.id.value.clone()]
    );

    // A decline without a filter is answered by a new inverse offer at the next allocation.
    let reply = s
        .call(&url, &answer(&framework_id, false, &[&first.id], 0.0))
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert_eq!(
        statuses(&cluster, &agent_id),
        vec![(framework_id.clone(), Status::Decline)]
    );
    let second = next_inverse_offer(&mut s).await;
    assert_ne!(second.id, first.id);

    // An accept with a long filter: recorded, and no more inverse offers for the agent.
    let reply = s
        .call(&url, &answer(&framework_id, true, &[&second.id], 3600.0))
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert_eq!(
        statuses(&cluster, &agent_id),
        vec![(framework_id.clone(), Status::Accept)]
    );
    assert!(cluster.inverse_offer_ids(&framework_id).is_empty());
    // Several allocation intervals pass without a new inverse offer.
    let deadline = tokio::time::Instant::now() + Duration::from_millis(400);
    while let Some(Some(event)) = s
        .next_within(deadline.saturating_duration_since(tokio::time::Instant::now()))
        .await
    {
        assert_ne!(event.r#type(), event::Type::InverseOffers, "{event:?}");
    }

    // Answers to unknown inverse offers are ignored, still with 202.
    let bogus = OfferId {
        value: "no-such-inverse-offer".into(),
    };
    let reply = s
        .call(&url, &answer(&framework_id, false, &[&bogus], 0.0))
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert_eq!(
        statuses(&cluster, &agent_id),
        vec![(framework_id.clone(), Status::Accept)]
    );

    // A new window starts over: answers and filters are forgotten.
    let later = start + Duration::from_secs(3600);
    cluster
        .schedule_maintenance(&[&agent_id], later, None)
        .unwrap();
    assert!(statuses(&cluster, &agent_id).is_empty());
    let third = next_inverse_offer(&mut s).await;
    assert_eq!(
        third.unavailability.start.nanoseconds / 1_000_000_000,
        secs_since_epoch(later)
    );
    assert!(third.unavailability.duration.is_none());

    // Cancelling the maintenance rescinds the outstanding inverse offer.
    cluster.cancel_maintenance(&agent_id).unwrap();
    let rescinded = s
        .next_of(event::Type::RescindInverseOffer)
        .await
        .rescind_inverse_offer
        .unwrap();
    assert_eq!(rescinded.inverse_offer_id, third.id);
    assert!(cluster.inverse_offer_ids(&framework_id).is_empty());
    let offer = s.next_offers().await.remove(0);
    assert!(offer.unavailability.is_none());
    assert!(cluster.cancel_maintenance(&agent_id).is_err());
    assert!(
        cluster
            .schedule_maintenance(&["no-such-agent"], later, None)
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_tasks_draw_inverse_offers_which_a_lost_agent_rescinds() {
    let cluster = Cluster::builder()
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Json, framework_info("tenant")).await;
    let framework_id = s.framework_id.clone();
    let offer = s.next_offers().await.remove(0);
    let agent_id = offer.agent_id.value.clone();
    // The rest of the offer is refused for an hour: only the task uses the agent.
    s.call(
        &url,
        &launch_call(
            &framework_id,
            &[&offer.id],
            vec![command_task(&offer, "long", "sleep 100")],
            Some(3600.0),
        ),
    )
    .await;
    loop {
        // One update is in flight per task: each must be acknowledged for the next.
        let status = s.next_update().await;
        s.call(&url, &ack_call(&framework_id, &status)).await;
        if status.state() == TaskState::TaskRunning {
            break;
        }
    }
    cluster
        .schedule_maintenance(&[&agent_id], SystemTime::now(), None)
        .unwrap();
    let inverse = next_inverse_offer(&mut s).await;
    assert_eq!(inverse.agent_id.as_ref().unwrap().value, agent_id);
    assert_eq!(
        cluster.inverse_offer_ids(&framework_id),
        vec![inverse.id.value.clone()]
    );

    cluster.lose_agent(&agent_id).unwrap();
    let rescinded = s
        .next_of(event::Type::RescindInverseOffer)
        .await
        .rescind_inverse_offer
        .unwrap();
    assert_eq!(rescinded.inverse_offer_id, inverse.id);
    assert!(cluster.inverse_offer_ids(&framework_id).is_empty());
}
