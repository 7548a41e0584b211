//! Leader failover through ZooKeeper, end to end: the time from the leading master's znode
//! going away (its ZooKeeper session ends) to SUBSCRIBED on the newly elected master, over 20
//! trials with mesos-sim masters and Debian's ZooKeeper. The scheduler's connection-delay
//! jitter (Mesos' default, up to 500 ms) is counted in. Prints p50, p99 and max.
//!
//! `cargo bench -p mesos-sdk --bench zk_failover` (needs `apt-get install zookeeper`).

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use mesos_sdk::detector::ZooKeeperDetector;
use mesos_sdk::scheduler::{SchedulerConfig, Session, SessionEvent, SessionEvents};
use mesos_sdk::v1::FrameworkInfo;
use mesos_sim::Cluster;
use mesos_test_peers::zk;

const TRIALS: usize = 20;

async fn subscribed(events: &mut SessionEvents) -> mesos_sdk::Endpoint {
    loop {
        match tokio::time::timeout(Duration::from_secs(60), events.next()).await {
            Ok(Some(Ok(SessionEvent::Subscribed { master, .. }))) => return master,
            Ok(Some(Ok(_))) => continue,
            other => panic!("session failed: {other:?}"),
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that excludes us means nothing to run.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"zk_failover".contains(&a))
    {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut samples = runtime.block_on(async {
        let server = zk::ZkServer::start().await;
        let cluster = Cluster::builder()
            .standby_masters(1)
            .zookeeper(server.url("/mesos"))
            .start()
            .await
            .expect("cluster");
        let detector = ZooKeeperDetector::with_session_timeout(
            server.url("/mesos").parse().expect("url"),
            Duration::from_secs(4),
        );
        let config = SchedulerConfig::new(FrameworkInfo {
            user: "bench".into(),
            name: "zk-failover".into(),
            failover_timeout: Some(3600.0),
            ..Default::default()
        });
        let (_scheduler, mut events) = Session::start(config, detector).expect("session");
        let mut current = subscribed(&mut events).await;
        let mut samples = Vec::with_capacity(TRIALS);
        for _ in 0..TRIALS {
            let started = Instant::now();
            cluster.resign_leadership().await.expect("resign");
            let master = subscribed(&mut events).await;
            samples.push(started.elapsed());
            assert_ne!(master, current, "a new leader after each resignation");
            current = master;
        }
        samples
    });
    samples.sort();
    let at =
        |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1];
    println!(
        "zk_failover: {TRIALS} trials, znode gone -> SUBSCRIBED on the new leader: p50 {:?}, p99 {:?}, max {:?}",
        at(0.50),
        at(0.99),
        samples[samples.len() - 1]
    );
}
