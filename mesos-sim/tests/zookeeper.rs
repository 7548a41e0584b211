//! Leader election through a real ZooKeeper (Debian's `zookeeper` package, as CI installs it):
//! `json.info_` nodes with MasterInfo JSON, the lowest sequence leads, and resigning moves
//! leadership to the next member while the old leader redirects.

mod common;
// The SDK's ZooKeeper harness: a server on its own port and data directory.

use std::time::Duration;

use mesos_sdk::v1::MasterInfo;
use mesos_sim::Cluster;
use mesos_test_peers::zk::ZkServer;

/// The group's members (name, MasterInfo), lowest sequence first.
async fn members(client: &zookeeper_client::Client) -> Vec<(String, MasterInfo)> {
    let mut names = client.list_children("/mesos").await.expect("list /mesos");
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let (data, _) = client
            .get_data(&format!("/mesos/{name}"))
            .await
            .expect("member data");
        let json: serde_json::Value = serde_json::from_slice(&data).expect("JSON MasterInfo");
        for field in ["id", "ip", "port", "pid", "hostname", "address", "version"] {
            assert!(json.get(field).is_some(), "{field} missing in {json}");
        }
        out.push((
            name,
            mesos_sdk::json::from_slice(&data).expect("MasterInfo"),
        ));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn masters_elect_the_lowest_json_info_node_and_fail_over_through_zookeeper() {
    let zk = ZkServer::start().await;
    let cluster = Cluster::builder()
        .standby_masters(1)
        .zookeeper(zk.url("/mesos"))
        .start()
        .await
        .expect("cluster with ZooKeeper");
    let observer = zookeeper_client::Client::connect(&zk.address())
        .await
        .unwrap();
    let group = members(&observer).await;
    assert_eq!(group.len(), 2);
    assert!(
        group.iter().all(|(name, _)| name.starts_with("json.info_")),
        "{group:?}"
    );
    let leader = &group[0].1;
    assert_eq!(
        leader.port,
        u32::from(cluster.master_addr().port()),
        "the lowest sequence leads"
    );
    assert_eq!(leader.ip, 16_777_343, "legacy ip of 127.0.0.1");
    assert_eq!(
        leader.pid.as_deref(),
        Some(format!("master@{}", cluster.master_addr()).as_str())
    );
    let old_url = cluster.master_url();
    let standby_url = cluster.standby_urls().remove(0);

    cluster.resign_leadership().await.unwrap();
    common::wait_until("the standby is elected", Duration::from_secs(20), || {
        cluster.master_url() == standby_url
    })
    .await;
    let group = members(&observer).await;
    assert_eq!(group.len(), 2, "the old leader joined again");
    assert_eq!(group[0].1.port, u32::from(cluster.master_addr().port()));
    // The old leader now redirects to the new one.
    let reply = common::request(&old_url, "POST", "/api/v1/scheduler", &[], vec![]).await;
    assert_eq!(reply.status, 307);
    let new = cluster.master_addr();
    assert_eq!(
        reply.headers["location"],
        format!("//{}:{}/api/v1/scheduler", new.ip(), new.port())
    );
    let mut s = common::Subscription::open(
        &cluster.master_url(),
        common::Enc::Json,
        common::framework_info("zk"),
    )
    .await;
    assert!(!s.framework_id.is_empty());
    let _ = s.next_within(Duration::from_millis(1)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_credentials_the_group_is_readable_by_anyone_and_writable_by_its_creator() {
    use mesos_sdk::detector::{MasterDetector, ZooKeeperDetector};
    let zk = ZkServer::start().await;
    let cluster = Cluster::builder()
        .zookeeper(zk.url("/mesos").replacen("zk://", "zk://mesos:secret@", 1))
        .start()
        .await
        .expect("cluster with ZooKeeper credentials");
    // Anyone can read the group and its MasterInfo...
    let anonymous = zookeeper_client::Client::connect(&zk.address())
        .await
        .unwrap();
    let group = members(&anonymous).await;
    assert_eq!(group.len(), 1);
    assert_eq!(group[0].1.port, u32::from(cluster.master_addr().port()));
    let (acl, _) = anonymous
        .get_acl(&format!("/mesos/{}", group[0].0))
        .await
        .unwrap();
    assert_eq!(acl.len(), 2, "{acl:?}");
    // ...but only the credentials that created it may change it.
    let denied = anonymous
        .delete(&format!("/mesos/{}", group[0].0), None)
        .await;
    assert!(
        matches!(denied, Err(zookeeper_client::Error::NoAuth)),
        "{denied:?}"
    );
    // A detector with the same credentials follows the leader.
    let url = zk
        .url("/mesos")
        .replacen("zk://", "zk://mesos:secret@", 1)
        .parse()
        .unwrap();
    let detector = ZooKeeperDetector::start(url);
    let mut leader = detector.leader();
    let leader = tokio::time::timeout(Duration::from_secs(20), leader.wait_for(|l| l.is_some()))
        .await
        .expect("a leader in time")
        .expect("detector running")
        .clone()
        .expect("some leader");
    assert_eq!(leader.port(), cluster.master_addr().port());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_leader_session_elects_the_standby_and_the_old_leader_rejoins() {
    let zk = ZkServer::start().await;
    let cluster = Cluster::builder()
        .standby_masters(1)
        .zookeeper(zk.url("/mesos"))
        .start()
        .await
        .expect("cluster with ZooKeeper");
    let observer = zookeeper_client::Client::connect(&zk.address())
        .await
        .unwrap();
    let before = members(&observer).await;
    assert_eq!(before.len(), 2);
    let old_url = cluster.master_url();
    let standby_url = cluster.standby_urls().remove(0);

    cluster.expire_leader_zookeeper_session().await.unwrap();
    common::wait_until("the standby is elected", Duration::from_secs(20), || {
        cluster.master_url() == standby_url
    })
    .await;
    let after = members(&observer).await;
    // ZooKeeper deleted the expired session's node; the old leader joined again, newest.
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(
        after.iter().all(|(name, _)| *name != before[0].0),
        "{before:?} -> {after:?}"
    );
    assert_eq!(after[0].0, before[1].0, "the standby's node now leads");
    assert_eq!(
        format!("http://127.0.0.1:{}", after[1].1.port),
        old_url,
        "the old leader rejoined"
    );
    // Twice in a row: the new leader's session expires too, and leadership returns.
    cluster.expire_leader_zookeeper_session().await.unwrap();
    common::wait_until(
        "the old leader is elected again",
        Duration::from_secs(20),
        || cluster.master_url() == old_url,
    )
    .await;
}
