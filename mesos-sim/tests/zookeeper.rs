//! Leader election through a real ZooKeeper (Debian's `zookeeper` package, as CI installs it):
//! `json.info_` nodes with MasterInfo JSON, the lowest sequence leads, and resigning moves
//! leadership to the next member while the old leader redirects.

mod common;

use std::process::Stdio;
use std::time::Duration;

use mesos_sdk::v1::MasterInfo;
use mesos_sim::Cluster;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, Command};

const JAR: &str = "/usr/share/java/zookeeper.jar";

/// A ZooKeeper server on its own port and data directory, stopped on drop.
struct ZooKeeper {
    port: u16,
    dir: std::path::PathBuf,
    _child: Child,
}

impl ZooKeeper {
    async fn start() -> ZooKeeper {
        assert!(
            std::path::Path::new(JAR).exists(),
            "ZooKeeper is not installed ({JAR} is missing): run `apt-get install -y zookeeper` \
             (CI does it in .ci/test-deps.sh)"
        );
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let dir = std::env::temp_dir().join(format!("mesos-sim-zk-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let config = format!(
            "tickTime=2000\ndataDir={}\nclientPort={port}\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\nadmin.enableServer=false\n4lw.commands.whitelist=*\n",
            dir.join("data").display()
        );
        std::fs::write(dir.join("zoo.cfg"), config).unwrap();
        let child = Command::new("java")
            .args([
                "-Xmx256m",
                "-Dzookeeper.preAllocSize=1024",
                "-Dzookeeper.forceSync=no",
                "-cp",
            ])
            .arg(format!("/etc/zookeeper/conf:{JAR}"))
            .arg("org.apache.zookeeper.server.ZooKeeperServerMain")
            .arg(dir.join("zoo.cfg"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("java starts ZooKeeper");
        let server = ZooKeeper {
            port,
            dir,
            _child: child,
        };
        // `srvr` says `Mode: standalone` once sessions are served.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
                let _ = stream.write_all(b"srvr").await;
                let mut answer = String::new();
                let _ = stream.read_to_string(&mut answer).await;
                if answer.contains("Mode: standalone") {
                    return server;
                }
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "ZooKeeper not serving within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for ZooKeeper {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

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
    let zk = ZooKeeper::start().await;
    let cluster = Cluster::builder()
        .standby_masters(1)
        .zookeeper(format!("zk://127.0.0.1:{}/mesos", zk.port))
        .start()
        .await
        .expect("cluster with ZooKeeper");
    let observer = zookeeper_client::Client::connect(&format!("127.0.0.1:{}", zk.port))
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
