//! The executor API end to end: an agent spawns `echo-executor` (built on
//! `mesos_sdk::executor`) as a real process with the real `MESOS_*` environment, and a
//! scheduler session drives it: launch, run, finish, acknowledgements; KILL; SHUTDOWN;
//! LAUNCH_GROUP; `execute --executor`; an agent restart while an update is unacknowledged;
//! and an agent that stays away past the recovery timeout.
//!
//! Each scenario runs against mesos-sim (`NAME::sim`) and the real Mesos 1.11.0
//! (`NAME::real`), whose agents live either in the master's process (upstream's `mesos-local`:
//! the executor must reach `/slave(N)/api/v1/executor` on the master's port, from
//! `MESOS_SLAVE_PID`) or in processes of their own.

use std::process::Stdio;
use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::offers::{ResourceRequest, find_fit, find_fit_in, launch, launch_group, refuse_for};
use mesos_sdk::scheduler::{
    SchedulerConfig, SchedulerHandle, Session, SessionEvent, SessionEvents,
};
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{
    CommandInfo, ExecutorId, ExecutorInfo, FrameworkId, FrameworkInfo, Offer, TaskGroupInfo,
    TaskId, TaskInfo, TaskState, TaskStatus, executor_info, task_status,
};
use mesos_test_peers::{Peer, PeerKind, Topology, on_both_peers, process_gone};

on_both_peers! {
    custom_executor_in_process => |kind| custom_executor(kind, Topology::InProcess);
    custom_executor_standalone => |kind| custom_executor(kind, Topology::Standalone);
    task_group_in_process => |kind| task_group(kind, Topology::InProcess);
    task_group_standalone => |kind| task_group(kind, Topology::Standalone);
    execute_with_the_echo_executor => execute_with_the_echo_executor;
    agent_restart_replays_an_update => agent_restart_replays_an_update;
    a_killed_executor_takes_its_tasks_processes_with_it => a_killed_executor_takes_its_tasks_processes_with_it;
}

const DEADLINE: Duration = Duration::from_secs(60);
const ECHO: &str = env!("CARGO_BIN_EXE_echo-executor");

/// A checkpointing scheduler session on the master at `master_url`, once SUBSCRIBED: its
/// handle, its events and its framework id.
async fn session(master_url: &str) -> (SchedulerHandle, SessionEvents, String) {
    let config = SchedulerConfig::new(FrameworkInfo {
        user: mesos_examples::current_user(),
        name: "executor-tests".into(),
        failover_timeout: Some(60.0),
        checkpoint: Some(true),
        ..Default::default()
    });
    let master = master_url.parse().expect("url");
    let (scheduler, mut events) =
        Session::start(config, StaticDetector::new(master)).expect("session");
    let framework_id = next(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed { framework_id, .. } => Some(framework_id.value.clone()),
        _ => None,
    })
    .await;
    (scheduler, events, framework_id)
}

async fn next<T>(
    events: &mut SessionEvents,
    what: &str,
    mut pick: impl FnMut(&SessionEvent) -> Option<T>,
) -> T {
    let wait = async {
        loop {
            match events.next().await {
                Some(Ok(e)) => {
                    if let Some(found) = pick(&e) {
                        return found;
                    }
                }
                Some(Err(e)) => panic!("session ended waiting for {what}: {e}"),
                None => panic!("session closed waiting for {what}"),
            }
        }
    };
    tokio::time::timeout(DEADLINE, wait)
        .await
        .unwrap_or_else(|_| panic!("no {what} within {DEADLINE:?}"))
}

async fn next_offer(events: &mut SessionEvents) -> Offer {
    next(events, "OFFERS", |e| match e {
        SessionEvent::Event(ev) if ev.r#type() == event::Type::Offers => {
            ev.offers.as_ref().and_then(|o| o.offers.first().cloned())
        }
        _ => None,
    })
    .await
}

async fn update(events: &mut SessionEvents, task: &str) -> TaskStatus {
    next(events, &format!("an update for {task}"), |e| match e {
        SessionEvent::Event(ev) if ev.r#type() == event::Type::Update => ev
            .update
            .as_ref()
            .map(|u| u.status.clone())
            .filter(|s| s.task_id.value == task),
        _ => None,
    })
    .await
}

async fn until(events: &mut SessionEvents, task: &str, state: TaskState) -> Vec<TaskStatus> {
    let mut seen = Vec::new();
    loop {
        let status = update(events, task).await;
        let done = status.state() == state;
        seen.push(status);
        if done {
            return seen;
        }
        assert!(
            seen.len() < 10,
            "{task}: {:?}",
            seen.iter().map(|s| s.state()).collect::<Vec<_>>()
        );
    }
}

/// Waits until every task has reached its state, returning all their updates in order.
async fn all_reach(events: &mut SessionEvents, goals: &[(&str, TaskState)]) -> Vec<TaskStatus> {
    let mut seen: Vec<TaskStatus> = Vec::new();
    let reached = |seen: &[TaskStatus]| {
        goals.iter().all(|(task, state)| {
            seen.iter()
                .any(|s| s.task_id.value == *task && s.state() == *state)
        })
    };
    while !reached(&seen) {
        let status = next(events, "task updates", |e| match e {
            SessionEvent::Event(ev) if ev.r#type() == event::Type::Update => {
                ev.update.as_ref().map(|u| u.status.clone())
            }
            _ => None,
        })
        .await;
        seen.push(status);
        assert!(seen.len() < 20, "{goals:?} not reached: {seen:?}");
    }
    seen
}

/// Polls `condition` until it holds, failing after [`DEADLINE`].
async fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let start = tokio::time::Instant::now();
    while !condition() {
        assert!(
            start.elapsed() < DEADLINE,
            "timed out after {DEADLINE:?} waiting until {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until the master has moved `task` to its completed tasks, which it does once the
/// task's terminal update is acknowledged.
async fn acknowledged_terminal(peer: &Peer, framework_id: &str, task: &str) {
    let start = tokio::time::Instant::now();
    while !peer
        .completed_task_ids(framework_id)
        .await
        .iter()
        .any(|t| t == task)
    {
        assert!(
            start.elapsed() < DEADLINE,
            "{task}'s terminal update was not acknowledged within {DEADLINE:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An executor of 0.1 CPU / 32 MB / 16 MB of disk (a task group's executor needs disk) and
/// tasks carved from the same offer.
fn executor_for(offer: &Offer) -> (ExecutorInfo, mesos_sdk::resources::Resources) {
    let all = find_fit(
        offer,
        &ResourceRequest::new().cpus(1.0).mem(256.0).disk(16.0),
    )
    .expect("offer fits");
    let own =
        find_fit_in(&all, &ResourceRequest::new().cpus(0.1).mem(32.0).disk(16.0)).expect("fits");
    let rest = all.checked_sub(&own).expect("contained");
    let info = ExecutorInfo {
        r#type: Some(executor_info::Type::Custom as i32),
        executor_id: ExecutorId {
            value: "echo".into(),
        },
        command: Some(CommandInfo {
            value: Some(ECHO.into()),
            shell: Some(false),
            arguments: vec![ECHO.into()],
            ..Default::default()
        }),
        resources: own.into_vec(),
        ..Default::default()
    };
    (info, rest)
}

fn task(id: &str, offer: &Offer, command: &str, cpus: f64) -> TaskInfo {
    let picked = find_fit(offer, &ResourceRequest::new().cpus(cpus).mem(16.0)).expect("fits");
    TaskInfo {
        name: id.into(),
        task_id: TaskId { value: id.into() },
        agent_id: offer.agent_id.clone(),
        resources: picked.into_vec(),
        command: Some(CommandInfo {
            value: Some(command.into()),
            shell: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A task for a custom executor: no CommandInfo (Mesos forbids both), the command in `data`.
fn with_executor(mut task: TaskInfo, executor: &ExecutorInfo) -> TaskInfo {
    task.data = task.command.take().and_then(|c| c.value).map(Into::into);
    task.executor = Some(executor.clone());
    task
}

/// Launch, run, finish, KILL and SHUTDOWN through a custom executor.
async fn custom_executor(kind: PeerKind, topology: Topology) {
    let peer = Peer::start_with(kind, 1, topology).await;
    let (scheduler, mut events, framework_id) = session(&peer.master_url()).await;
    let offer = next_offer(&mut events).await;
    let (executor, _) = executor_for(&offer);
    let quick = with_executor(task("quick", &offer, "echo hi", 0.1), &executor);
    let long = with_executor(task("long", &offer, "sleep 600", 0.1), &executor);
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch(vec![quick, long])],
            Some(refuse_for(0.0)),
        )
        .await
        .expect("ACCEPT");

    // Launch, run, finish: the updates come from the executor, each with a uuid. The two
    // tasks' updates interleave, so both are watched at once.
    let seen = all_reach(
        &mut events,
        &[
            ("quick", TaskState::TaskFinished),
            ("long", TaskState::TaskRunning),
        ],
    )
    .await;
    assert!(
        seen.iter()
            .any(|s| s.task_id.value == "quick" && s.state() == TaskState::TaskRunning)
    );
    for status in &seen {
        assert_eq!(status.uuid.as_ref().map(|u| u.len()), Some(16));
        assert_eq!(
            status.executor_id.as_ref().map(|e| e.value.as_str()),
            Some("echo")
        );
    }
    acknowledged_terminal(&peer, &framework_id, "quick").await;

    // KILL reaches the executor, which stops the process and reports TASK_KILLED.
    scheduler
        .kill(
            TaskId {
                value: "long".into(),
            },
            Some(offer.agent_id.clone()),
            None,
        )
        .await
        .expect("KILL");
    until(&mut events, "long", TaskState::TaskKilled).await;

    // SHUTDOWN: a task still running is killed and the executor exits.
    // The first ACCEPT refused nothing, so the rest of the agent comes back at once.
    let offer = next_offer(&mut events).await;
    let last = with_executor(task("last", &offer, "sleep 600", 0.1), &executor);
    scheduler
        .accept(vec![offer.id.clone()], vec![launch(vec![last])], None)
        .await
        .expect("ACCEPT");
    until(&mut events, "last", TaskState::TaskRunning).await;
    scheduler
        .shutdown(
            ExecutorId {
                value: "echo".into(),
            },
            offer.agent_id.clone(),
        )
        .await
        .expect("SHUTDOWN");
    until(&mut events, "last", TaskState::TaskKilled).await;
    // The executor's exit is reported as a FAILURE event with the executor id.
    next(&mut events, "the executor's FAILURE", |e| match e {
        SessionEvent::Event(ev) if ev.r#type() == event::Type::Failure => ev
            .failure
            .as_ref()
            .and_then(|f| f.executor_id.as_ref())
            .filter(|id| id.value == "echo")
            .map(|_| ()),
        _ => None,
    })
    .await;
}

/// An executor killed outright (no clean-up of its own can run) does not leave its tasks
/// running: the agent destroys its container, and everything in the container's session goes,
/// whatever process group the executor put it in (echo-executor gives each task one).
async fn a_killed_executor_takes_its_tasks_processes_with_it(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let (scheduler, mut events, _) = session(&peer.master_url()).await;
    let offer = next_offer(&mut events).await;
    let (executor, _) = executor_for(&offer);
    // The task's shell runs in the executor's sandbox; its parent is the executor.
    let command = "echo $PPID > executor.pid; sleep 600 & echo $! > sleeper.pid; wait";
    let task = with_executor(task("orphan", &offer, command, 0.1), &executor);
    scheduler
        .accept(vec![offer.id.clone()], vec![launch(vec![task])], None)
        .await
        .expect("ACCEPT");
    until(&mut events, "orphan", TaskState::TaskRunning).await;
    let pid_of = |file: &str| {
        peer.executor_sandboxes("echo")
            .iter()
            .find_map(|run| std::fs::read_to_string(run.join(file)).ok())
            .filter(|pid| pid.ends_with('\n'))
            .map(|pid| pid.trim().to_string())
    };
    wait_for("the task wrote its pids", || {
        pid_of("executor.pid").is_some() && pid_of("sleeper.pid").is_some()
    })
    .await;
    let (executor_pid, sleeper_pid) = (
        pid_of("executor.pid").unwrap(),
        pid_of("sleeper.pid").unwrap(),
    );
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &executor_pid])
        .status()
        .expect("kill runs");
    assert!(killed.success(), "kill -KILL {executor_pid}");
    // The agent reports the task gone with its executor.
    until(&mut events, "orphan", TaskState::TaskFailed).await;
    wait_for("the task's processes are killed", || {
        process_gone(&sleeper_pid)
    })
    .await;
}

/// `execute --executor` runs its task under `echo-executor`.
async fn execute_with_the_echo_executor(kind: PeerKind) {
    let peer = Peer::start(kind, 1).await;
    let output = tokio::time::timeout(
        DEADLINE,
        tokio::process::Command::new(env!("CARGO_BIN_EXE_execute"))
            .args(["--master", &peer.master_url(), "--name", "via-executor"])
            .args(["--command", "echo via the executor", "--executor", ECHO])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("execute ends in time")
    .expect("execute runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("TASK_RUNNING for task via-executor"),
        "{stdout}"
    );
    assert!(
        stdout.contains("TASK_FINISHED for task via-executor"),
        "{stdout}"
    );
}

/// An agent restarted with checkpointing: the executor re-subscribes, and the update its task
/// produced while the agent was down is replayed in SUBSCRIBE, reaches the scheduler once and
/// is acknowledged.
async fn agent_restart_replays_an_update(kind: PeerKind) {
    let mut peer = Peer::start_with(kind, 1, Topology::Standalone).await;
    let gate = peer.work_dir().join("gate");
    let (scheduler, mut events, framework_id) = session(&peer.master_url()).await;
    let offer = next_offer(&mut events).await;
    let (executor, _) = executor_for(&offer);
    // The task finishes once the test creates `go` beside it, and says so in `done`.
    let gated = with_executor(
        task(
            "gated",
            &offer,
            &format!(
                "while [ ! -e {g}/go ]; do sleep 0.05; done; touch {g}/done",
                g = gate.display()
            ),
            0.1,
        ),
        &executor,
    );
    std::fs::create_dir_all(&gate).expect("the gate's folder");
    scheduler
        .accept(vec![offer.id.clone()], vec![launch(vec![gated])], None)
        .await
        .expect("ACCEPT");
    until(&mut events, "gated", TaskState::TaskRunning).await;
    if let Some(sim) = peer.sim() {
        wait_for("RUNNING is acknowledged", || {
            sim.unacknowledged_updates(&framework_id, "gated") == 0
        })
        .await;
    }
    let acknowledged_before = peer.sim().map(|sim| sim.acknowledged_updates());

    // The agent goes down; the task finishes meanwhile, so the executor keeps its update
    // and replays it when it re-subscribes to the restarted agent.
    peer.stop_agent(0).await;
    std::fs::write(gate.join("go"), b"").expect("release the task");
    wait_for("the task finished", || gate.join("done").exists()).await;
    peer.restart_agent(0).await;

    let finished = until(&mut events, "gated", TaskState::TaskFinished).await;
    assert_eq!(
        finished
            .iter()
            .filter(|s| s.state() == TaskState::TaskFinished)
            .count(),
        1
    );
    acknowledged_terminal(&peer, &framework_id, "gated").await;
    assert_eq!(
        peer.task_state(&framework_id, "gated").await.as_deref(),
        Some("TASK_FINISHED")
    );
    if let (Some(sim), Some(before)) = (peer.sim(), acknowledged_before) {
        assert!(
            sim.executor_subscribed(&framework_id, "echo"),
            "the executor re-subscribed"
        );
        assert_eq!(
            sim.acknowledged_updates(),
            before + 1,
            "the replayed update reached the scheduler, and was acknowledged, exactly once"
        );
    }
}

/// A task group reaches the custom executor as one LAUNCH_GROUP; one of its tasks is killed
/// on its own.
async fn task_group(kind: PeerKind, topology: Topology) {
    let peer = Peer::start_with(kind, 1, topology).await;
    let (scheduler, mut events, framework_id) = session(&peer.master_url()).await;
    let offer = next_offer(&mut events).await;
    let (mut executor, _) = executor_for(&offer);
    // A group's executor names its framework: the master does not fill it in as it does
    // for LAUNCH.
    executor.framework_id = Some(FrameworkId {
        value: framework_id.clone(),
    });
    // Group tasks keep their CommandInfo and leave the executor to the group: the master
    // copies the group's executor into each of them.
    let group = TaskGroupInfo {
        tasks: vec![
            task("short", &offer, "echo grouped", 0.1),
            task("long", &offer, "sleep 600", 0.1),
        ],
    };
    scheduler
        .accept(
            vec![offer.id.clone()],
            vec![launch_group(executor, group)],
            Some(refuse_for(0.0)),
        )
        .await
        .expect("ACCEPT");
    let seen = all_reach(
        &mut events,
        &[
            ("short", TaskState::TaskFinished),
            ("long", TaskState::TaskRunning),
        ],
    )
    .await;
    for status in &seen {
        assert_eq!(status.source(), task_status::Source::Executor);
        assert_eq!(
            status.executor_id.as_ref().map(|e| e.value.as_str()),
            Some("echo")
        );
    }
    if let Some(sim) = peer.sim() {
        assert!(sim.executor_subscribed(&framework_id, "echo"));
    }
    // One executor process got both tasks in one event.
    assert_eq!(peer.executor_sandboxes("echo").len(), 1, "one run");
    let stderr = peer.executor_stderr("echo");
    assert_eq!(
        stderr.matches("LAUNCH_GROUP of short, long").count(),
        1,
        "{stderr}"
    );

    // A task of the group is killed on its own.
    scheduler
        .kill(
            TaskId {
                value: "long".into(),
            },
            Some(offer.agent_id.clone()),
            None,
        )
        .await
        .expect("KILL");
    until(&mut events, "long", TaskState::TaskKilled).await;
}

/// Only against mesos-sim: the agent's recovery timeout is the simulator's setting here, and
/// the agent is stopped (not restarted) for longer than it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_executor_exits_with_an_error_once_its_agent_stays_away_past_the_recovery_timeout() {
    let work = std::env::temp_dir().join(format!("executor-recovery-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let cluster = mesos_sim::Cluster::builder()
        .work_dir(&work)
        .agent_recovery_timeout(Duration::from_secs(2))
        .start()
        .await
        .expect("cluster");
    let (scheduler, mut events, framework_id) = session(&cluster.master_url()).await;
    let offer = next_offer(&mut events).await;
    let (executor, _) = executor_for(&offer);
    // The shell waits on a child of its own, which only a signal to the group reaches.
    let command = "sleep 600 & echo $! > sleeper.pid; wait";
    let stranded = with_executor(task("stranded", &offer, command, 0.1), &executor);
    scheduler
        .accept(vec![offer.id.clone()], vec![launch(vec![stranded])], None)
        .await
        .expect("ACCEPT");
    until(&mut events, "stranded", TaskState::TaskRunning).await;
    wait_for("RUNNING is acknowledged", || {
        cluster.unacknowledged_updates(&framework_id, "stranded") == 0
    })
    .await;

    // The agent goes down and stays down. The executor (its framework checkpoints) retries
    // SUBSCRIBE until MESOS_RECOVERY_TIMEOUT (2 s here), then gives up and exits.
    cluster.stop_agent(&offer.agent_id.value).expect("stop");
    wait_for("the executor exited", || {
        !cluster.executor_running(&framework_id, "echo")
    })
    .await;
    let runs = mesos_test_peers::peer::executor_sandboxes_under(&work, "echo");
    let stderr = std::fs::read_to_string(runs[0].join("stderr")).expect("stderr");
    assert!(
        stderr.contains("recovery timeout"),
        "the executor says why it gave up: {stderr}"
    );
    // Its task's processes went with it.
    let sleeper = std::fs::read_to_string(runs[0].join("sleeper.pid")).expect("sleeper.pid");
    wait_for("the task's processes are killed", || process_gone(&sleeper)).await;
    // Meanwhile the master still believes the task runs: nobody told it otherwise.
    assert_eq!(
        cluster.task_state(&framework_id, "stranded"),
        Some(TaskState::TaskRunning)
    );

    // When the agent comes back, it finds the executor gone: the task fails and the
    // scheduler learns the executor's non-zero exit status.
    cluster
        .restart_agent(&offer.agent_id.value)
        .await
        .expect("restart");
    let failed = until(&mut events, "stranded", TaskState::TaskFailed).await;
    assert_eq!(
        failed.last().map(|s| s.reason()),
        Some(task_status::Reason::ExecutorTerminated)
    );
    let status = next(&mut events, "the executor's FAILURE", |e| match e {
        SessionEvent::Event(ev) if ev.r#type() == event::Type::Failure => ev
            .failure
            .as_ref()
            .filter(|f| f.executor_id.as_ref().is_some_and(|id| id.value == "echo"))
            .map(|f| f.status),
        _ => None,
    })
    .await;
    assert!(matches!(status, Some(code) if code != 0), "{status:?}");
    drop(cluster);
    let _ = std::fs::remove_dir_all(&work);
}
