//! Leader election with kube-lease-manager (the crate the scheduler's HA mode is planned on)
//! against the API server: it relies on server-side apply conflicts and strategic patches.

mod common;

use std::time::Duration;

use common::{DEADLINE, Harness};
use k8s_openapi::api::coordination::v1::Lease;
use kube::api::Api;
use kube_lease_manager::LeaseManagerBuilder;

async fn until_leader(rx: &mut tokio::sync::watch::Receiver<bool>, want: bool) {
    tokio::time::timeout(DEADLINE, rx.wait_for(|leading| *leading == want))
        .await
        .unwrap_or_else(|_| panic!("leadership did not become {want} in time"))
        .expect("manager running");
}

#[tokio::test]
async fn one_leader_at_a_time_and_handover_on_release() {
    let h = Harness::start().await;
    let manager = |identity: &str| {
        LeaseManagerBuilder::new(h.client.clone(), "k8sm-scheduler")
            .with_namespace("default")
            .with_identity(identity)
            .with_duration(6)
            .with_grace(3)
            .build()
    };
    let a = manager("scheduler-a").await.expect("manager a");
    let (mut rx_a, task_a) = a.watch().await;
    until_leader(&mut rx_a, true).await;
    let leases: Api<Lease> = Api::default_namespaced(h.client.clone());
    let lease = leases.get("k8sm-scheduler").await.expect("lease");
    assert_eq!(
        lease.spec.and_then(|s| s.holder_identity).as_deref(),
        Some("scheduler-a")
    );

    let b = manager("scheduler-b").await.expect("manager b");
    let (mut rx_b, task_b) = b.watch().await;
    assert!(
        !*rx_b.borrow(),
        "a second leader while the first holds the lease"
    );

    // A steps down: dropping its channel releases the lease, and B takes it.
    drop(rx_a);
    tokio::time::timeout(DEADLINE, task_a)
        .await
        .expect("a stops")
        .expect("join")
        .expect("release");
    until_leader(&mut rx_b, true).await;
    let lease = leases.get("k8sm-scheduler").await.expect("lease");
    assert_eq!(
        lease.spec.and_then(|s| s.holder_identity).as_deref(),
        Some("scheduler-b")
    );
    drop(rx_b);
    tokio::time::timeout(Duration::from_secs(10), task_b)
        .await
        .expect("b stops")
        .expect("join")
        .expect("release");
}
