//! pymesos 0.3.15, an independent Mesos client (../shared/test-peers.md §2), runs a task
//! through mesos-sim to TASK_FINISHED with acknowledgements. Needs the venv made by
//! `.ci/setup-pymesos.sh`, named by `MESOS_SIM_PYMESOS_PYTHON`.

use std::process::Stdio;
use std::time::Duration;

use mesos_sim::Cluster;
use tokio::io::AsyncReadExt;
use tokio::process::Command;

/// The peer scheduler of test-peers.md §2, verbatim.
const PEER: &str = r#"import sys, logging
from pymesos import MesosSchedulerDriver, Scheduler
class Peer(Scheduler):
    def resourceOffers(self, driver, offers):
        for o in offers:
            driver.launchTasks(o["id"], [{"name": "peer", "task_id": {"value": "peer-1"},
                "agent_id": o["agent_id"], "command": {"value": "true"},
                "resources": [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 0.1}},
                              {"name": "mem", "type": "SCALAR", "scalar": {"value": 32}}]}])
    def statusUpdate(self, driver, status):
        print("STATUS", status["state"], flush=True)       # acked automatically if it has a uuid
        if status["state"] in ("TASK_FINISHED", "TASK_FAILED", "TASK_LOST"): driver.stop()
logging.basicConfig(level=logging.INFO)
MesosSchedulerDriver(Peer(), {"user": "", "name": "pymesos-peer"}, sys.argv[1]).run()
"#;

fn python() -> String {
    std::env::var("MESOS_SIM_PYMESOS_PYTHON").unwrap_or_else(|_| {
        panic!(
            "MESOS_SIM_PYMESOS_PYTHON is not set. This test runs pymesos against mesos-sim: run \
             `bash .ci/setup-pymesos.sh` from the repository root and export the \
             MESOS_SIM_PYMESOS_PYTHON=... line it prints (by default \
             MESOS_SIM_PYMESOS_PYTHON=$PWD/target/pymesos-venv/bin/python)"
        )
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pymesos_runs_a_task_to_finished_with_acknowledgements() {
    let python = python();
    let cluster = Cluster::builder().agents(1).start().await.expect("cluster");
    let dir = std::env::temp_dir().join(format!("mesos-sim-pymesos-{}", uuid::Uuid::new_v4()));
    tokio::fs::create_dir_all(&dir).await.unwrap();
    let script = dir.join("peer.py");
    tokio::fs::write(&script, PEER).await.unwrap();

    let mut child = Command::new(&python)
        .arg(&script)
        .arg(cluster.master_addr().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let (mut out, mut err) = (String::new(), String::new());
    let run = async {
        let (a, b, status) = tokio::join!(
            stdout.read_to_string(&mut out),
            stderr.read_to_string(&mut err),
            child.wait()
        );
        a.and(b).and(status)
    };
    let status = tokio::time::timeout(Duration::from_secs(60), run).await;
    let _ = tokio::fs::remove_dir_all(&dir).await;
    let status = status
        .unwrap_or_else(|_| {
            panic!("pymesos did not finish in 60 s\nstdout:\n{out}\nstderr:\n{err}")
        })
        .expect("pymesos ran");
    assert!(
        status.success(),
        "pymesos failed: {status}\nstdout:\n{out}\nstderr:\n{err}"
    );
    let states: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("STATUS "))
        .collect();
    assert!(states.contains(&"TASK_RUNNING"), "{out}\n{err}");
    assert_eq!(states.last(), Some(&"TASK_FINISHED"), "{out}\n{err}");
    // STARTING and RUNNING (at least) were acknowledged with their uuids before the driver
    // stopped on TASK_FINISHED, and the driver's TEARDOWN removed the framework.
    assert!(
        cluster.acknowledged_updates() >= 2,
        "acknowledged {}",
        cluster.acknowledged_updates()
    );
    assert!(
        cluster.framework_ids().is_empty(),
        "TEARDOWN removed the framework"
    );
    assert_eq!(
        cluster.state()["completed_frameworks"][0]["name"],
        "pymesos-peer"
    );
}
