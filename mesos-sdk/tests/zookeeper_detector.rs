//! ZooKeeper leader detection against a real ZooKeeper (Debian's package, started per test):
//! election by lowest sequence, legacy and junk nodes, malformed data, leader changes, a
//! missing group path, session expiry forced by pausing the server, a server restart, and digest
//! credentials from the URL.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::zk::ZkServer;
use mesos_sdk::detector::{MasterDetector, ZooKeeperDetector};
use mesos_sdk::v1::{Address, MasterInfo};
use mesos_sdk::{Endpoint, Error};
use prost::Message;
use tokio::sync::watch;
use zookeeper_client as zk;

const DEADLINE: Duration = Duration::from_secs(30);
const SESSION: Duration = Duration::from_secs(4);

/// Bounds a test's own ZooKeeper operation, so a stuck call fails the test with its name.
async fn bounded<T>(what: &str, op: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(DEADLINE, op)
        .await
        .unwrap_or_else(|_| panic!("{what} took more than {DEADLINE:?}"))
}

async fn client(server: &ZkServer) -> zk::Client {
    bounded(
        "connecting the test client",
        zk::Client::connector()
            .with_session_timeout(SESSION)
            .connect(&server.address()),
    )
    .await
    .expect("test client connects")
}

async fn ensure(client: &zk::Client, path: &str) {
    match client
        .create(
            path,
            b"",
            &zk::CreateMode::Persistent.with_acls(zk::Acls::anyone_all()),
        )
        .await
    {
        Ok(_) | Err(zk::Error::NodeExists) => {}
        Err(e) => panic!("create {path}: {e}"),
    }
}

fn master_json(port: u16) -> Vec<u8> {
    format!(
        r#"{{"id":"master-{port}","ip":16777343,"port":{port},"pid":"master@127.0.0.1:{port}",
            "hostname":"localhost","address":{{"hostname":"localhost","ip":"127.0.0.1","port":{port}}},
            "version":"1.11.0"}}"#
    )
    .into_bytes()
}

/// Registers a member node as a master does: ephemeral sequential under `group`; returns its
/// path.
async fn register(client: &zk::Client, group: &str, label: &str, data: &[u8]) -> String {
    let prefix = format!("{group}/{label}");
    let options = zk::CreateMode::EphemeralSequential.with_acls(zk::Acls::anyone_all());
    let (_, sequence) = bounded("register", client.create(&prefix, data, &options))
        .await
        .expect("register a master");
    format!("{prefix}{sequence}")
}

fn local(port: u16) -> Option<Endpoint> {
    Some(Endpoint::new("127.0.0.1", port, false))
}

/// Waits until the detector reports `expected`.
async fn expect_leader(leader: &mut watch::Receiver<Option<Endpoint>>, expected: Option<Endpoint>) {
    let outcome = {
        let wait = leader.wait_for(|current| *current == expected);
        tokio::time::timeout(DEADLINE, wait)
            .await
            .map(|r| r.map(|_| ()))
    };
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(_)) => panic!("the detector stopped"),
        Err(_) => panic!(
            "leader is {:?}, expected {expected:?} within {DEADLINE:?}",
            *leader.borrow()
        ),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lowest_sequence_leads_and_changes_are_followed() {
    let server = ZkServer::start().await;
    let masters = client(&server).await;
    ensure(&masters, "/mesos").await;
    let detector = ZooKeeperDetector::with_session_timeout(
        server.url("/mesos").parse().expect("url"),
        SESSION,
    );
    let mut leader = detector.leader();
    expect_leader(&mut leader, None).await;

    let first = register(&masters, "/mesos", "json.info_", &master_json(5051)).await;
    expect_leader(&mut leader, local(5051)).await;
    let second = register(&masters, "/mesos", "json.info_", &master_json(5052)).await;
    // Junk children are not members and change nothing.
    ensure(&masters, "/mesos/log_replicas").await;
    ensure(&masters, "/mesos/unrelated_node").await;
    let _third = register(&masters, "/mesos", "json.info_", &master_json(5053)).await;
    // Give the detector a change to misread: a fresh read of the group must still say 5051.
    let fresh = ZooKeeperDetector::with_session_timeout(
        server.url("/mesos").parse().expect("url"),
        SESSION,
    );
    let mut fresh_leader = fresh.leader();
    expect_leader(&mut fresh_leader, local(5051)).await;
    assert_eq!(*leader.borrow(), local(5051));

    // The leader's node goes: the next lowest leads.
    bounded("delete", masters.delete(&first, None))
        .await
        .expect("delete leader");
    expect_leader(&mut leader, local(5052)).await;
    bounded("delete", masters.delete(&second, None))
        .await
        .expect("delete");
    expect_leader(&mut leader, local(5053)).await;

    // Every member gone: no leader; one appears again: it is reported.
    for child in bounded("list", masters.list_children("/mesos"))
        .await
        .expect("list")
    {
        if child.starts_with("json.info_") {
            masters
                .delete(&format!("/mesos/{child}"), None)
                .await
                .expect("delete");
        }
    }
    expect_leader(&mut leader, None).await;
    register(&masters, "/mesos", "json.info_", &master_json(5054)).await;
    expect_leader(&mut leader, local(5054)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legacy_binary_nodes_are_read_when_no_json_node_exists() {
    let server = ZkServer::start().await;
    let masters = client(&server).await;
    ensure(&masters, "/legacy").await;
    let info = MasterInfo {
        id: "old".into(),
        ip: u32::from_le_bytes([127, 0, 0, 1]),
        port: 5061,
        address: Some(Address {
            hostname: Some("localhost".into()),
            ip: Some("127.0.0.1".into()),
            port: 5061,
        }),
        ..Default::default()
    };
    register(&masters, "/legacy", "info_", &info.encode_to_vec()).await;
    let detector = ZooKeeperDetector::with_session_timeout(
        server.url("/legacy").parse().expect("url"),
        SESSION,
    );
    let mut leader = detector.leader();
    expect_leader(&mut leader, local(5061)).await;

    // A JSON member wins over the legacy one, whatever the sequence numbers.
    register(&masters, "/legacy", "json.info_", &master_json(5062)).await;
    expect_leader(&mut leader, local(5062)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_leader_data_is_reported_and_detection_goes_on() {
    let server = ZkServer::start().await;
    let masters = client(&server).await;
    ensure(&masters, "/mesos").await;
    let detector = ZooKeeperDetector::with_session_timeout(
        server.url("/mesos").parse().expect("url"),
        SESSION,
    );
    let mut errors = detector.errors();
    let mut leader = detector.leader();

    let bad = register(&masters, "/mesos", "json.info_", b"{not json").await;
    let error = tokio::time::timeout(DEADLINE, errors.recv())
        .await
        .expect("an error in time")
        .expect("error channel open");
    match &*error {
        Error::MalformedMasterInfo { node, .. } => assert_eq!(node, &bad),
        other => panic!("expected a malformed-node error, got {other}"),
    }
    assert_eq!(*leader.borrow(), None, "no leader from a malformed node");

    // The malformed node still leads (lowest sequence): no leader until it goes.
    register(&masters, "/mesos", "json.info_", &master_json(5071)).await;
    masters
        .delete(&bad, None)
        .await
        .expect("delete the bad node");
    expect_leader(&mut leader, local(5071)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_group_path_means_no_leader_until_it_appears() {
    let server = ZkServer::start().await;
    let detector = ZooKeeperDetector::with_session_timeout(
        server.url("/not/yet").parse().expect("url"),
        SESSION,
    );
    let mut leader = detector.leader();
    let masters = client(&server).await;
    ensure(&masters, "/not").await;
    ensure(&masters, "/not/yet").await;
    register(&masters, "/not/yet", "json.info_", &master_json(5081)).await;
    expect_leader(&mut leader, local(5081)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_expiry_from_a_paused_server_is_recovered() {
    let server = ZkServer::start().await;
    let masters = client(&server).await;
    ensure(&masters, "/mesos").await;
    register(&masters, "/mesos", "json.info_", &master_json(5091)).await;
    let detector = Arc::new(ZooKeeperDetector::with_session_timeout(
        server.url("/mesos").parse().expect("url"),
        SESSION,
    ));
    let mut leader = detector.leader();
    expect_leader(&mut leader, local(5091)).await;
    let mut errors = detector.errors();

    // Frozen for five session timeouts: every session, the detector's and the registered
    // master's, is past its timeout when the server wakes up and expires them.
    server.pause();
    expect_leader(&mut leader, None).await;
    tokio::time::sleep(SESSION * 5).await;
    server.resume();

    // The old master's ephemeral node dies with its session; a new master registers.
    let next = client(&server).await;
    let start = tokio::time::Instant::now();
    loop {
        let children = bounded("list", next.list_children("/mesos"))
            .await
            .expect("list");
        if !children.iter().any(|c| c.starts_with("json.info_")) {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the expired master's node stayed: {children:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    register(&next, "/mesos", "json.info_", &master_json(5092)).await;
    expect_leader(&mut leader, local(5092)).await;

    // The expiry was reported.
    let mut saw_session_error = false;
    while let Ok(error) = errors.try_recv() {
        saw_session_error |= matches!(&*error, Error::ZooKeeper { .. });
    }
    assert!(saw_session_error, "the lost session was reported");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zookeeper_restart_is_recovered() {
    let mut server = ZkServer::start().await;
    {
        let masters = client(&server).await;
        ensure(&masters, "/mesos").await;
    }
    let detector = ZooKeeperDetector::with_session_timeout(
        server.url("/mesos").parse().expect("url"),
        SESSION,
    );
    let mut leader = detector.leader();
    let masters = client(&server).await;
    register(&masters, "/mesos", "json.info_", &master_json(5101)).await;
    expect_leader(&mut leader, local(5101)).await;

    server.stop().await;
    // Unreachable for longer than the session timeout: the detector gives its session up.
    expect_leader(&mut leader, None).await;
    server.restart().await;

    let next = client(&server).await;
    register(&next, "/mesos", "json.info_", &master_json(5102)).await;
    // The old master's session may survive the restart (ZooKeeper restores sessions) until it
    // times out; either way the detector ends up on a live member and follows changes.
    let wait = leader.wait_for(|l| *l == local(5101) || *l == local(5102));
    tokio::time::timeout(DEADLINE, wait)
        .await
        .expect("a leader after the restart")
        .expect("detector running");
    drop(masters);
    expect_leader(&mut leader, local(5102)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn digest_credentials_from_the_url_are_used() {
    let server = ZkServer::start().await;
    let owner = bounded(
        "connecting with credentials",
        zk::Client::connector()
            .with_session_timeout(SESSION)
            .with_auth("digest", b"ops:s3cr@t")
            .connect(&server.address()),
    )
    .await
    .expect("authenticated client");
    // Only the `ops` identity may read the group or its members.
    let private = zk::CreateMode::Persistent.with_acls(zk::Acls::creator_all());
    bounded("create", owner.create("/secure", b"", &private))
        .await
        .expect("create /secure");
    let member = zk::CreateMode::EphemeralSequential.with_acls(zk::Acls::creator_all());
    bounded(
        "register",
        owner.create("/secure/json.info_", &master_json(5111), &member),
    )
    .await
    .expect("register a master");

    // Without credentials the group cannot be read: no leader, and the refusal is reported.
    let anonymous = ZooKeeperDetector::with_session_timeout(
        server.url("/secure").parse().expect("url"),
        SESSION,
    );
    let mut errors = anonymous.errors();
    let error = tokio::time::timeout(DEADLINE, errors.recv())
        .await
        .expect("an error in time")
        .expect("error channel open");
    assert!(matches!(&*error, Error::ZooKeeper { .. }), "{error}");
    assert_eq!(*anonymous.leader().borrow(), None);

    // With the digest credentials of the URL (the password contains '@'), it is.
    let url = format!("zk://ops:s3cr@t@{}/secure", server.address());
    let detector = ZooKeeperDetector::with_session_timeout(url.parse().expect("url"), SESSION);
    let mut leader = detector.leader();
    expect_leader(&mut leader, local(5111)).await;
}
