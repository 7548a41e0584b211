//! Leader failover with real Mesos 1.11.0 masters (`../shared/real-mesos/`): the time from
//! SIGKILL of the leading `mesos-master` to SUBSCRIBED on the newly elected one, for a
//! scheduler session following `zk://`. Three masters share a replicated log through a real
//! ZooKeeper; the masters' and the detector's ZooKeeper session timeout is 4 s, which bounds
//! the figure from below (the dead leader's znode lives until its session expires). After
//! each trial the killed master is restarted so the quorum stays whole. Prints p50 and max.
//!
//! `cargo bench -p mesos-sdk --bench real_failover` (needs ZooKeeper and the real Mesos kit:
//! `bash .ci/test-deps.sh` installs both and prints `MESOS_REAL_ROOT`).

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use mesos_sdk::detector::ZooKeeperDetector;
use mesos_sdk::scheduler::{SchedulerConfig, Session, SessionEvent, SessionEvents};
use mesos_sdk::v1::FrameworkInfo;
use mesos_test_peers::RealMesos;
use mesos_test_peers::zk::ZkServer;

const TRIALS: usize = 5;

async fn subscribed(events: &mut SessionEvents) -> mesos_sdk::Endpoint {
    loop {
        match tokio::time::timeout(Duration::from_secs(120), events.next()).await {
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
        .any(|a| !a.starts_with('-') && !"real_failover".contains(&a))
    {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut samples = runtime.block_on(async {
        let zk = ZkServer::start().await;
        let mut mesos = RealMesos::builder()
            .masters(3)
            .zookeeper(zk.url("/mesos"))
            .standalone_agents(1)
            .flag("MESOS_ZK_SESSION_TIMEOUT", "4secs")
            .start()
            .await;
        let detector = ZooKeeperDetector::with_session_timeout(
            zk.url("/mesos").parse().expect("url"),
            Duration::from_secs(4),
        );
        let config = SchedulerConfig::new(FrameworkInfo {
            user: "bench".into(),
            name: "real-failover".into(),
            failover_timeout: Some(3600.0),
            ..Default::default()
        });
        let (_scheduler, mut events) = Session::start(config, detector).expect("session");
        let mut current = subscribed(&mut events).await;
        let mut samples = Vec::with_capacity(TRIALS);
        for _ in 0..TRIALS {
            // A restarted master's replica must vote again before the next kill.
            mesos.wait_for_log_replicas().await;
            let leader = mesos.leader().await.expect("a leader");
            let started = Instant::now();
            mesos.kill_master(leader);
            let master = subscribed(&mut events).await;
            samples.push(started.elapsed());
            assert_ne!(master, current, "a new leader after each kill");
            current = master;
            mesos.restart_master(leader).await;
        }
        samples
    });
    samples.sort();
    println!(
        "real_failover: {TRIALS} trials, leader SIGKILLed -> SUBSCRIBED on the new leader \
         (ZooKeeper session timeout 4 s): p50 {:?}, min {:?}, max {:?}",
        samples[samples.len() / 2],
        samples[0],
        samples[samples.len() - 1]
    );
}
