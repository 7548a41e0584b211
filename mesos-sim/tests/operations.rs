//! Operation feedback: UPDATE_OPERATION_STATUS for offer operations with an `id`, resent
//! until ACKNOWLEDGE_OPERATION_STATUS, OPERATION_ERROR for dropped operations, TASK_ERROR for
//! launches with an `id`, RECONCILE_OPERATIONS answered with events, OPERATION_UNREACHABLE
//! when the agent is lost.

#![allow(deprecated)] // `Resource.role` is the pre-refinement reservation format.

mod common;

use std::time::Duration;

use common::{Enc, Subscription, bare_call, framework_info, request, wait_until};
use http::StatusCode;
use mesos_sdk::v1::offer::{Operation, operation};
use mesos_sdk::v1::resource::ReservationInfo;
use mesos_sdk::v1::scheduler::{Call, call, event};
use mesos_sdk::v1::{
    AgentId, Offer, OfferId, OperationId, OperationState, OperationStatus, Resource, TaskState,
    task_status,
};
use mesos_sim::Cluster;

async fn reserver(enc: Enc) -> (Cluster, String, Subscription) {
    let cluster = Cluster::builder()
        .agent_resources("cpus:4;mem:1024")
        .allocation_interval(Duration::from_millis(50))
        .status_update_retry(Duration::from_millis(200))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("operator");
    info.role = Some("web".into());
    info.principal = Some("ops".into());
    let s = Subscription::open(&url, enc, info).await;
    (cluster, url, s)
}

fn reserved_cpus(principal: &str) -> Resource {
    Resource {
        role: Some("web".into()),
        reservation: Some(ReservationInfo {
            principal: Some(principal.into()),
            ..Default::default()
        }),
        ..common::scalar("cpus", 1.0)
    }
}

fn reserve(id: Option<&str>, principal: &str) -> Operation {
    Operation {
        r#type: Some(operation::Type::Reserve as i32),
        id: id.map(|value| OperationId {
            value: value.into(),
        }),
        reserve: Some(operation::Reserve {
            resources: vec![reserved_cpus(principal)],
            source: vec![],
        }),
        ..Default::default()
    }
}

fn accept(framework_id: &str, offer_ids: &[&OfferId], operations: Vec<Operation>) -> Call {
    let mut call = bare_call(framework_id, call::Type::Accept);
    call.accept = Some(call::Accept {
        offer_ids: offer_ids.iter().map(|o| (*o).clone()).collect(),
        operations,
        filters: Some(mesos_sdk::v1::Filters {
            refuse_seconds: Some(0.0),
        }),
    });
    call
}

fn reconcile(framework_id: &str, operations: &[(&str, Option<&str>)]) -> Call {
    let mut call = bare_call(framework_id, call::Type::ReconcileOperations);
    call.reconcile_operations = Some(call::ReconcileOperations {
        operations: operations
            .iter()
            .map(|(id, agent)| call::reconcile_operations::Operation {
                operation_id: OperationId {
                    value: (*id).into(),
                },
                agent_id: agent.map(|a| AgentId { value: a.into() }),
                resource_provider_id: None,
            })
            .collect(),
    });
    call
}

fn acknowledge(framework_id: &str, agent_id: &str, id: &str, uuid: Vec<u8>) -> Call {
    let mut call = bare_call(framework_id, call::Type::AcknowledgeOperationStatus);
    call.acknowledge_operation_status = Some(call::AcknowledgeOperationStatus {
        agent_id: Some(AgentId {
            value: agent_id.into(),
        }),
        resource_provider_id: None,
        uuid: uuid.into(),
        operation_id: OperationId { value: id.into() },
    });
    call
}

async fn next_operation_status(s: &mut Subscription) -> OperationStatus {
    s.next_of(event::Type::UpdateOperationStatus)
        .await
        .update_operation_status
        .expect("update_operation_status payload")
        .status
}

fn id_of(status: &OperationStatus) -> &str {
    status
        .operation_id
        .as_ref()
        .map(|o| o.value.as_str())
        .unwrap_or_default()
}

async fn first_offer(s: &mut Subscription) -> Offer {
    s.next_offers().await.remove(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reserve_with_an_id_is_finished_resent_until_acknowledged_and_reconciled() {
    let (cluster, url, mut s) = reserver(Enc::Protobuf).await;
    let framework_id = s.framework_id.clone();
    let offer = first_offer(&mut s).await;
    let agent_id = offer.agent_id.value.clone();
    let reply = s
        .call(
            &url,
            &accept(
                &framework_id,
                &[&offer.id],
                vec![reserve(Some("op-1"), "ops")],
            ),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);

    let finished = next_operation_status(&mut s).await;
    assert_eq!(finished.state(), OperationState::OperationFinished);
    assert_eq!(id_of(&finished), "op-1");
    assert_eq!(
        finished.agent_id.as_ref().map(|a| a.value.as_str()),
        Some(agent_id.as_str())
    );
    let uuid = finished
        .uuid
        .clone()
        .expect("the agent's status has a uuid")
        .value;
    assert_eq!(uuid.len(), 16);
    assert!(
        finished
            .converted_resources
            .iter()
            .any(|r| r.name == "cpus" && r.role.as_deref() == Some("web")),
        "{:?}",
        finished.converted_resources
    );
    assert_eq!(
        cluster.operation_ids(&framework_id),
        vec!["op-1".to_string()]
    );

    // Unacknowledged, the same status comes again.
    let again = next_operation_status(&mut s).await;
    assert_eq!(again.state(), OperationState::OperationFinished);
    assert_eq!(again.uuid.as_ref().map(|u| &u.value), Some(&uuid));

    // Explicit reconciliation: 202, then one event per operation, none with a uuid.
    let reply = s
        .call(
            &url,
            &reconcile(
                &framework_id,
                &[
                    ("op-1", Some(&agent_id)),
                    ("ghost", Some(&agent_id)),
                    ("orphan", None),
                    ("elsewhere", Some("no-such-agent")),
                ],
            ),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert!(reply.body.is_empty());
    let mut answers = Vec::new();
    while answers.len() < 4 {
        let status = next_operation_status(&mut s).await;
        // Skip retries of the unacknowledged update, which carry the uuid.
        if status.uuid.is_none() {
            answers.push((id_of(&status).to_string(), status.state()));
        }
    }
    assert_eq!(
        answers,
        vec![
            ("op-1".to_string(), OperationState::OperationFinished),
            ("ghost".to_string(), OperationState::OperationUnknown),
            ("orphan".to_string(), OperationState::OperationUnknown),
            ("elsewhere".to_string(), OperationState::OperationUnknown),
        ]
    );

    // RECONCILE_OPERATIONS negotiates Accept.
    let reply = request(
        &url,
        "POST",
        "/api/v1/scheduler",
        &[
            ("Content-Type", Enc::Protobuf.media()),
            ("Accept", "text/plain"),
            ("Mesos-Stream-Id", &s.stream_id),
        ],
        Enc::Protobuf.encode_call(&reconcile(&framework_id, &[])),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_ACCEPTABLE);

    // A uuid that is not 16 bytes fails call validation.
    let reply = s
        .call(
            &url,
            &acknowledge(&framework_id, &agent_id, "op-1", vec![1; 15]),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text());
    assert!(reply.text().contains("Failed to validate scheduler::Call"));

    // An unknown status uuid is ignored (still 202): the operation stays.
    let reply = s
        .call(
            &url,
            &acknowledge(&framework_id, &agent_id, "op-1", vec![7; 16]),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    assert_eq!(cluster.acknowledged_operation_updates(), 0);
    assert_eq!(
        cluster.operation_ids(&framework_id),
        vec!["op-1".to_string()]
    );

    let reply = s
        .call(
            &url,
            &acknowledge(&framework_id, &agent_id, "op-1", uuid.to_vec()),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    wait_until("the operation is forgotten", Duration::from_secs(5), || {
        cluster.operation_ids(&framework_id).is_empty()
    })
    .await;
    assert_eq!(cluster.acknowledged_operation_updates(), 1);

    // Implicit reconciliation now has nothing to report, and the operation is unknown.
    s.call(&url, &reconcile(&framework_id, &[])).await;
    s.call(
        &url,
        &reconcile(&framework_id, &[("op-1", Some(&agent_id))]),
    )
    .await;
    let status = loop {
        let status = next_operation_status(&mut s).await;
        if status.uuid.is_none() {
            break status;
        }
    };
    assert_eq!(id_of(&status), "op-1");
    assert_eq!(status.state(), OperationState::OperationUnknown);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_operations_with_ids_get_operation_error_and_launches_with_ids_task_error() {
    let (_cluster, url, mut s) = reserver(Enc::Json).await;
    let framework_id = s.framework_id.clone();
    let offer = first_offer(&mut s).await;
    let task = common::command_task(&offer, "t1", "true");
    let launch = Operation {
        r#type: Some(operation::Type::Launch as i32),
        id: Some(OperationId {
            value: "launch-op".into(),
        }),
        launch: Some(operation::Launch {
            task_infos: vec![task],
        }),
        ..Default::default()
    };
    s.call(
        &url,
        &accept(
            &framework_id,
            &[&offer.id],
            vec![reserve(Some("bad"), "intruder"), launch],
        ),
    )
    .await;
    // The launch with an id is refused before any operation is applied.
    let update = s.next_update().await;
    assert_eq!(update.task_id.value, "t1");
    assert_eq!(update.state(), TaskState::TaskError);
    assert_eq!(update.reason(), task_status::Reason::TaskInvalid);
    assert!(
        update
            .message()
            .contains("`id` field cannot be set on LAUNCH operations"),
        "{update:?}"
    );
    let error = next_operation_status(&mut s).await;
    assert_eq!(id_of(&error), "bad");
    assert_eq!(error.state(), OperationState::OperationError);
    assert!(error.uuid.is_none(), "master-generated: no uuid");
    assert!(error.agent_id.is_none());
    assert!(error.message().contains("intruder"), "{error:?}");

    // Operations on offers that are no longer valid.
    s.call(
        &url,
        &accept(
            &framework_id,
            &[&offer.id],
            vec![reserve(Some("stale"), "ops")],
        ),
    )
    .await;
    let error = next_operation_status(&mut s).await;
    assert_eq!(id_of(&error), "stale");
    assert_eq!(error.state(), OperationState::OperationError);
    assert!(
        error
            .message()
            .starts_with("Operation attempted with invalid offers"),
        "{error:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_of_a_lost_agent_become_unreachable() {
    let (cluster, url, mut s) = reserver(Enc::Json).await;
    let framework_id = s.framework_id.clone();
    let offer = first_offer(&mut s).await;
    let agent_id = offer.agent_id.value.clone();
    s.call(
        &url,
        &accept(
            &framework_id,
            &[&offer.id],
            vec![reserve(Some("op-2"), "ops")],
        ),
    )
    .await;
    let finished = next_operation_status(&mut s).await;
    assert_eq!(finished.state(), OperationState::OperationFinished);

    cluster.lose_agent(&agent_id).unwrap();
    let status = loop {
        let status = next_operation_status(&mut s).await;
        if status.state() != OperationState::OperationFinished {
            break status;
        }
    };
    assert_eq!(id_of(&status), "op-2");
    assert_eq!(status.state(), OperationState::OperationUnreachable);
    assert!(status.uuid.is_none());
    assert!(cluster.operation_ids(&framework_id).is_empty());

    s.call(
        &url,
        &reconcile(&framework_id, &[("op-2", Some(&agent_id))]),
    )
    .await;
    let status = next_operation_status(&mut s).await;
    assert_eq!(id_of(&status), "op-2");
    assert_eq!(status.state(), OperationState::OperationUnreachable);
}
