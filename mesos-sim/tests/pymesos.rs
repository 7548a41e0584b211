//! pymesos 0.3.15, an independent Mesos client (../shared/test-peers.md §2), runs a task
//! through mesos-sim to TASK_FINISHED with acknowledgements. Needs the venv made by
//! `.ci/setup-pymesos.sh`, named by `MESOS_SIM_PYMESOS_PYTHON`. Its operator drivers
//! (`MesosOperatorMasterDriver`, `MesosOperatorAgentDriver`) read the master's and an agent's
//! operator API and follow the master's event stream while a task runs.

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

/// pymesos' operator drivers against mesos-sim: `MesosOperatorMasterDriver` reads the state,
/// agents, frameworks and tasks, and its SUBSCRIBE stream (`/api/v1/operator`, the path
/// pymesos posts to) sees a task added and updated while a pymesos scheduler runs it;
/// `MesosOperatorAgentDriver` reads the agent's state and containers and the file the task
/// wrote in its sandbox. Each step prints one line for the test to check.
const OPERATOR_PEER: &str = r#"import sys, json, queue, logging, threading
from pymesos import (MesosOperatorMasterDriver, MesosOperatorAgentDriver, OperatorMaster,
                     MesosSchedulerDriver, Scheduler)

master = sys.argv[1]
events = queue.Queue()
subscribed = threading.Event()

def say(*words):
    print(*words, flush=True)

def next_event(what):
    try:
        return events.get(timeout=30)
    except queue.Empty:
        say("TIMEOUT", what)
        sys.exit(1)

class Watcher(OperatorMaster):
    def taskAdded(self, task):
        events.put(("TASK_ADDED", task["task_id"]["value"], task["state"]))
    def taskUpdated(self, update):
        events.put(("TASK_UPDATED", update["status"]["task_id"]["value"], update["state"]))
    def frameworkAdded(self, framework):
        events.put(("FRAMEWORK_ADDED", framework["framework_info"]["name"], ""))

class Driver(MesosOperatorMasterDriver):
    def on_subscribed(self, info):
        agents = info["get_state"].get("get_agents", {}).get("agents", [])
        say("SUBSCRIBED", "agents=%d" % len(agents))
        subscribed.set()

class Peer(Scheduler):
    launched = False
    def resourceOffers(self, driver, offers):
        for o in offers:
            if self.launched:
                driver.declineOffer(o["id"])
                continue
            self.launched = True
            driver.launchTasks(o["id"], [{"name": "op", "task_id": {"value": "op-1"},
                "agent_id": o["agent_id"],
                "command": {"value": "echo from-pymesos > out.txt; sleep 60"},
                "resources": [{"name": "cpus", "type": "SCALAR", "scalar": {"value": 0.1}},
                              {"name": "mem", "type": "SCALAR", "scalar": {"value": 32}}]}])

logging.basicConfig(level=logging.WARNING)
operator = Driver(master, Watcher())
state = operator.getState()["get_state"]
say("STATE", "agents=%d" % len(state["get_agents"].get("agents", [])),
    "frameworks=%d" % len(state["get_frameworks"].get("frameworks", [])),
    "tasks=%d" % len(state["get_tasks"].get("tasks", [])))
agents = operator.getAgents()["get_agents"]["agents"]
agent = agents[0]["agent_info"]
say("AGENT", agent["id"]["value"], agent["hostname"], agent["port"])
operator.start()
if not subscribed.wait(30):
    say("TIMEOUT", "SUBSCRIBED")
    sys.exit(1)

scheduler = MesosSchedulerDriver(Peer(), {"user": "", "name": "pymesos-operator-peer"}, master)
scheduler.start()
while True:
    kind, name, state = next_event("TASK_RUNNING")
    say(kind, name, state)
    if kind == "TASK_UPDATED" and state == "TASK_RUNNING":
        break

tasks = operator.getTasks()["get_tasks"]["tasks"]
say("TASKS", *["%s:%s" % (t["task_id"]["value"], t["state"]) for t in tasks])
frameworks = operator.getFrameworks()["get_frameworks"]["frameworks"]
say("FRAMEWORKS", *[f["framework_info"]["name"] for f in frameworks])
state = operator.getState()["get_state"]
say("STATE", "agents=%d" % len(state["get_agents"].get("agents", [])),
    "frameworks=%d" % len(state["get_frameworks"].get("frameworks", [])),
    "tasks=%d" % len(state["get_tasks"].get("tasks", [])))

# The agent's operator API, at the address the master gives for it.
agent_driver = MesosOperatorAgentDriver("%s:%d" % (agent["hostname"], agent["port"]))
agent_state = agent_driver.getState()["get_state"]
say("AGENT_TASKS", *["%s:%s" % (t["task_id"]["value"], t["state"])
                     for t in agent_state["get_tasks"]["launched_tasks"]])
containers = agent_driver.getContainers()["get_containers"]["containers"]
say("CONTAINERS", *[c["executor_id"]["value"] for c in containers])
framework_id = frameworks[0]["framework_info"]["id"]["value"]
sandbox = "/frameworks/%s/executors/op-1/runs/latest" % framework_id
for _ in range(300):
    read = agent_driver.readFile(sandbox + "/out.txt", 100, 0)["read_file"]
    if read.get("size"):
        break
    threading.Event().wait(0.1)
say("FILE", json.dumps(read, sort_keys=True))
files = agent_driver.listFiles(sandbox)["list_files"]["file_infos"]
say("FILES", *sorted(f["path"].rsplit("/", 1)[1] for f in files))

scheduler.killTask({"value": "op-1"})
while True:
    kind, name, state = next_event("TASK_KILLED")
    say(kind, name, state)
    if kind == "TASK_UPDATED" and state == "TASK_KILLED":
        break
# The driver's I/O thread sends TEARDOWN as it shuts down.
scheduler.stop()
scheduler.join()
operator.stop()
operator.join()
say("DONE")
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pymesos_operator_drivers_read_the_state_and_follow_a_task() {
    let python = python();
    let cluster = Cluster::builder().agents(1).start().await.expect("cluster");
    let dir = std::env::temp_dir().join(format!("mesos-sim-pymesos-{}", uuid::Uuid::new_v4()));
    tokio::fs::create_dir_all(&dir).await.unwrap();
    let script = dir.join("operator_peer.py");
    tokio::fs::write(&script, OPERATOR_PEER).await.unwrap();

    let child = Command::new(&python)
        .arg(&script)
        .arg(cluster.master_addr().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let output = tokio::time::timeout(Duration::from_secs(90), child.wait_with_output()).await;
    let _ = tokio::fs::remove_dir_all(&dir).await;
    let output = output
        .expect("the pymesos operator script ends within 90 s")
        .expect("pymesos ran");
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "pymesos failed: {}\nstdout:\n{out}\nstderr:\n{err}",
        output.status
    );
    let lines: Vec<&str> = out.lines().collect();
    let agent_id = cluster.agent_ids().remove(0);
    let expected_in_order = [
        "STATE agents=1 frameworks=0 tasks=0".to_string(),
        format!("AGENT {agent_id} "),
        "SUBSCRIBED agents=1".into(),
        "FRAMEWORK_ADDED pymesos-operator-peer".into(),
        "TASK_ADDED op-1 TASK_STAGING".into(),
        "TASK_UPDATED op-1 TASK_RUNNING".into(),
        "TASKS op-1:TASK_RUNNING".into(),
        "FRAMEWORKS pymesos-operator-peer".into(),
        "STATE agents=1 frameworks=1 tasks=1".into(),
        "AGENT_TASKS op-1:TASK_RUNNING".into(),
        "CONTAINERS op-1".into(),
        // "from-pymesos\n", Base64 as Mesos' JSON writes bytes.
        r#"FILE {"data": "ZnJvbS1weW1lc29zCg==", "size": 13}"#.into(),
        "FILES out.txt stderr stdout".into(),
        "TASK_UPDATED op-1 TASK_KILLED".into(),
        "DONE".into(),
    ];
    let mut at = 0;
    for expected in &expected_in_order {
        let found = lines[at..]
            .iter()
            .position(|l| l.starts_with(expected.as_str()))
            .unwrap_or_else(|| {
                panic!("no line {expected:?} after line {at}\nstdout:\n{out}\nstderr:\n{err}")
            });
        at += found + 1;
    }
    assert!(
        cluster.framework_ids().is_empty(),
        "the scheduler's stop tore the framework down"
    );
}
