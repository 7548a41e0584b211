//! Tasks end to end: the command executor as a real child process with the `MESOS_*`
//! environment, reliable status updates (uuid, one in flight, retries, acknowledgements),
//! KILL with the kill policy's grace period, TEARDOWN killing processes, reconciliation.

mod common;

use std::time::Duration;

use common::{
    Enc, Subscription, ack_call, bare_call, command_task, framework_info, kill_call, launch_call,
    wait_until,
};
use http::StatusCode;
use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{
    DurationInfo, KillPolicy, TaskId, TaskState, framework_info as fi, task_status,
};
use mesos_sim::Cluster;
use mesos_test_peers::process_gone;

fn temp_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("mesos-sim-test-{}", uuid::Uuid::new_v4()))
}

/// Launches command task `name` on `offer`: `sleep 100 &` first when `pid` is `$!`, then
/// `pid` written to `pid_file` (whole, through a rename), then `rest`. Returns the pid once
/// written.
async fn launch_writing_pid(
    s: &Subscription,
    url: &str,
    offer: &mesos_sdk::v1::Offer,
    name: &str,
    pid: &str,
    rest: &str,
    pid_file: &std::path::Path,
) -> String {
    let background = if pid == "$!" { "sleep 100 & " } else { "" };
    let command = format!(
        "{background}echo {pid} > {0}.tmp && mv {0}.tmp {0} && {rest}",
        pid_file.display()
    );
    s.call(
        url,
        &launch_call(
            &s.framework_id,
            &[&offer.id],
            vec![command_task(offer, name, &command)],
            None,
        ),
    )
    .await;
    wait_until("the task runs", Duration::from_secs(10), || {
        pid_file.exists()
    })
    .await;
    std::fs::read_to_string(pid_file).unwrap()
}

fn capability(kind: fi::capability::Type) -> fi::Capability {
    fi::Capability {
        r#type: Some(kind as i32),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_task_runs_to_finished_with_reliable_updates() {
    for enc in [Enc::Json, Enc::Protobuf] {
        let work_dir = temp_dir();
        let cluster = Cluster::builder()
            .work_dir(&work_dir)
            .start()
            .await
            .unwrap();
        let url = cluster.master_url();
        let mut info = framework_info("cmd");
        info.checkpoint = Some(true);
        let mut s = Subscription::open(&url, enc, info).await;
        let offer = s.next_offers().await.remove(0);
        let out = work_dir.join("env-out");
        let command = format!(
            "test \"$PWD\" = \"$MESOS_SANDBOX\" && env | grep -E '^(MESOS|LIBPROCESS)_' | sort > {}",
            out.display()
        );
        let launch = launch_call(
            &s.framework_id,
            &[&offer.id],
            vec![command_task(&offer, "t1", &command)],
            None,
        );
        assert_eq!(s.call(&url, &launch).await.status, StatusCode::ACCEPTED);

        let starting = s.next_update().await;
        assert_eq!(starting.state(), TaskState::TaskStarting);
        assert_eq!(
            starting.uuid.as_ref().map(|u| u.len()),
            Some(16),
            "reliable updates carry a 16-byte uuid"
        );
        assert_eq!(starting.source(), task_status::Source::Executor);
        assert_eq!(starting.agent_id, Some(offer.agent_id.clone()));
        assert_eq!(
            starting.executor_id.as_ref().map(|e| e.value.as_str()),
            Some("t1")
        );
        // Only one update is in flight: RUNNING and FINISHED wait for this acknowledgement,
        // even though the master already knows the task finished.
        wait_until("the task finishes", Duration::from_secs(10), || {
            cluster.task_state(&s.framework_id, "t1") == Some(TaskState::TaskFinished)
        })
        .await;
        assert_eq!(cluster.unacknowledged_updates(&s.framework_id, "t1"), 3);
        assert_eq!(
            s.call(&url, &ack_call(&s.framework_id, &starting))
                .await
                .status,
            StatusCode::ACCEPTED
        );
        let running = s.next_update().await;
        assert_eq!(running.state(), TaskState::TaskRunning);
        assert_ne!(running.uuid, starting.uuid);
        s.call(&url, &ack_call(&s.framework_id, &running)).await;
        let finished = s.next_update().await;
        assert_eq!(finished.state(), TaskState::TaskFinished, "{finished:?}");
        assert_eq!(
            finished.message.as_deref(),
            Some("Command exited with status 0")
        );
        s.call(&url, &ack_call(&s.framework_id, &finished)).await;
        wait_until("all acknowledged", Duration::from_secs(10), || {
            cluster.unacknowledged_updates(&s.framework_id, "t1") == 0
        })
        .await;
        assert_eq!(
            cluster.state()["frameworks"][0]["completed_tasks"][0]["id"],
            "t1"
        );

        let env = tokio::fs::read_to_string(&out)
            .await
            .expect("the task wrote its environment");
        let agent_id = &offer.agent_id.value;
        for expected in [
            format!("MESOS_FRAMEWORK_ID={}", s.framework_id),
            "MESOS_EXECUTOR_ID=t1".to_string(),
            format!("MESOS_SLAVE_ID={agent_id}"),
            "MESOS_CHECKPOINT=1".to_string(),
            "MESOS_HTTP_COMMAND_EXECUTOR=0".to_string(),
            "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD=5secs".to_string(),
            "MESOS_RECOVERY_TIMEOUT=15mins".to_string(),
            "MESOS_SUBSCRIPTION_BACKOFF_MAX=2secs".to_string(),
            "MESOS_TASK_ID=t1".to_string(),
            "LIBPROCESS_PORT=0".to_string(),
        ] {
            assert!(
                env.lines().any(|l| l == expected),
                "{expected} missing from:\n{env}"
            );
        }
        let endpoint = env
            .lines()
            .find_map(|l| l.strip_prefix("MESOS_AGENT_ENDPOINT="))
            .unwrap();
        assert!(
            env.lines()
                .any(|l| l == format!("MESOS_SLAVE_PID=slave(1)@{endpoint}")),
            "{env}"
        );
        let directory = env
            .lines()
            .find_map(|l| l.strip_prefix("MESOS_DIRECTORY="))
            .unwrap();
        assert!(
            directory.starts_with(work_dir.to_str().unwrap()),
            "{directory}"
        );
        cluster.shutdown();
        let _ = tokio::fs::remove_dir_all(&work_dir).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_report_the_exit_status_and_updates_are_retried_until_acknowledged() {
    let cluster = Cluster::builder()
        .status_update_retry(Duration::from_millis(100))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("fail")).await;
    let offer = s.next_offers().await.remove(0);
    let launch = launch_call(
        &s.framework_id,
        &[&offer.id],
        vec![command_task(&offer, "bad", "exit 3")],
        None,
    );
    s.call(&url, &launch).await;
    let first = s.next_update().await;
    // Not acknowledged: the same update (same uuid) comes again.
    let again = s.next_update().await;
    assert_eq!(again.uuid, first.uuid);
    assert_eq!(again.state(), first.state());
    s.call(&url, &ack_call(&s.framework_id, &first)).await;
    let mut status = s.next_update().await;
    while status.uuid == first.uuid {
        status = s.next_update().await;
    }
    assert_eq!(status.state(), TaskState::TaskRunning);
    s.call(&url, &ack_call(&s.framework_id, &status)).await;
    let mut failed = s.next_update().await;
    while failed.uuid == status.uuid {
        failed = s.next_update().await;
    }
    assert_eq!(failed.state(), TaskState::TaskFailed);
    assert_eq!(
        failed.message.as_deref(),
        Some("Command exited with status 3")
    );
    // An acknowledgement with a wrong uuid changes nothing.
    let mut wrong = ack_call(&s.framework_id, &failed);
    wrong.acknowledge.as_mut().unwrap().uuid = vec![0u8; 16].into();
    assert_eq!(s.call(&url, &wrong).await.status, StatusCode::ACCEPTED);
    assert_eq!(cluster.unacknowledged_updates(&s.framework_id, "bad"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_escalates_to_sigkill_after_the_grace_period() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let mut info = framework_info("kill");
    info.capabilities = vec![capability(fi::capability::Type::TaskKillingState)];
    let mut s = Subscription::open(&url, Enc::Json, info).await;
    let offer = s.next_offers().await.remove(0);
    // The shell and its child ignore SIGTERM, so only SIGKILL ends them.
    let mut stubborn = command_task(&offer, "stubborn", "trap '' TERM; sleep 100");
    stubborn.kill_policy = Some(KillPolicy {
        grace_period: Some(DurationInfo {
            nanoseconds: 300_000_000,
        }),
    });
    s.call(
        &url,
        &launch_call(&s.framework_id, &[&offer.id], vec![stubborn], None),
    )
    .await;
    loop {
        let status = s.next_update().await;
        s.call(&url, &ack_call(&s.framework_id, &status)).await;
        if status.state() == TaskState::TaskRunning {
            break;
        }
    }
    let kill = kill_call(&s.framework_id, "stubborn", Some(&offer.agent_id));
    let asked = std::time::Instant::now();
    assert_eq!(s.call(&url, &kill).await.status, StatusCode::ACCEPTED);
    let killing = s.next_update().await;
    assert_eq!(killing.state(), TaskState::TaskKilling);
    s.call(&url, &ack_call(&s.framework_id, &killing)).await;
    let killed = s.next_update().await;
    assert_eq!(killed.state(), TaskState::TaskKilled, "{killed:?}");
    assert!(
        asked.elapsed() >= Duration::from_millis(300),
        "the grace period was honoured"
    );
    assert_eq!(
        killed.message.as_deref(),
        Some("Command terminated with signal 9")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn teardown_kills_the_processes_of_the_framework() {
    let work_dir = temp_dir();
    let cluster = Cluster::builder()
        .work_dir(&work_dir)
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("teardown")).await;
    let offer = s.next_offers().await.remove(0);
    let pid_file = work_dir.join("pid");
    let pid = launch_writing_pid(
        &s,
        &url,
        &offer,
        "sleeper",
        "$$",
        "exec sleep 100",
        &pid_file,
    )
    .await
    .trim()
    .to_string();
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    assert!(proc_dir.exists());
    s.call(&url, &bare_call(&s.framework_id, call::Type::Teardown))
        .await;
    wait_until("the process is gone", Duration::from_secs(15), || {
        process_gone(&pid)
    })
    .await;
    let _ = tokio::fs::remove_dir_all(&work_dir).await;
}

/// A task's processes go with its container: what the shell started in the background and
/// left behind is killed once the shell exits, as the agent's launcher destroys the container.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_finished_task_left_running_is_killed() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("leftovers")).await;
    let offer = s.next_offers().await.remove(0);
    let command = "sleep 100 & echo $! > sleeper.pid.tmp && mv sleeper.pid.tmp sleeper.pid";
    s.call(
        &url,
        &launch_call(
            &s.framework_id,
            &[&offer.id],
            vec![command_task(&offer, "leaves", command)],
            None,
        ),
    )
    .await;
    loop {
        let status = s.next_update().await;
        s.call(&url, &ack_call(&s.framework_id, &status)).await;
        match status.state() {
            TaskState::TaskFinished => break,
            TaskState::TaskStarting | TaskState::TaskRunning => {}
            other => panic!("{other:?}: {status:?}"),
        }
    }
    let runs = mesos_test_peers::peer::executor_sandboxes_under(cluster.work_dir(), "leaves");
    let sleeper = std::fs::read_to_string(runs[0].join("sleeper.pid")).unwrap();
    wait_until(
        "the background process is killed",
        Duration::from_secs(10),
        || process_gone(&sleeper),
    )
    .await;
}

/// What a test built on mesos-sim does: the cluster goes with the test's runtime, whose tasks
/// (the executors' among them) never run again. A task's shell and what it started in the
/// background are killed anyway, and the default work folder is gone.
#[test]
fn a_dropped_cluster_kills_its_processes_and_removes_its_work_dir() {
    let scratch = temp_dir();
    std::fs::create_dir_all(&scratch).unwrap();
    let pid_file = scratch.join("pid");
    // One thread: once the cluster is dropped, no task of the runtime runs again.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let work_dir = runtime.block_on(async {
        let cluster = Cluster::builder().start().await.unwrap();
        let url = cluster.master_url();
        let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("dropped")).await;
        let offer = s.next_offers().await.remove(0);
        // The shell waits on a child of its own, which only a signal to the group reaches.
        launch_writing_pid(&s, &url, &offer, "background", "$!", "wait", &pid_file).await;
        let work_dir = cluster.work_dir().to_path_buf();
        assert!(
            work_dir.join("agents").is_dir(),
            "sandboxes under {work_dir:?}"
        );
        drop(cluster);
        // Removed with the cluster, not later by a task of the runtime.
        assert!(!work_dir.exists(), "{work_dir:?} is left behind");
        work_dir
    });
    drop(runtime);
    assert!(!work_dir.exists());
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let checker = tokio::runtime::Runtime::new().unwrap();
    checker.block_on(wait_until(
        "the background process is killed",
        Duration::from_secs(10),
        || process_gone(&pid),
    ));
    let _ = std::fs::remove_dir_all(&scratch);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconciliation_answers_from_the_master_without_uuid() {
    let cluster = Cluster::builder().start().await.unwrap();
    let url = cluster.master_url();
    for partition_aware in [false, true] {
        let mut info = framework_info("reconcile");
        if partition_aware {
            info.capabilities = vec![capability(fi::capability::Type::PartitionAware)];
        }
        let mut s = Subscription::open(&url, Enc::Json, info).await;
        let offer = s.next_offers().await.remove(0);
        s.call(
            &url,
            &launch_call(
                &s.framework_id,
                &[&offer.id],
                vec![command_task(&offer, "long", "sleep 100")],
                Some(0.0),
            ),
        )
        .await;
        loop {
            let status = s.next_update().await;
            s.call(&url, &ack_call(&s.framework_id, &status)).await;
            if status.state() == TaskState::TaskRunning {
                break;
            }
        }
        // Implicit: every known task.
        let mut implicit = bare_call(&s.framework_id, call::Type::Reconcile);
        implicit.reconcile = Some(call::Reconcile { tasks: vec![] });
        s.call(&url, &implicit).await;
        let answer = s.next_update().await;
        assert_eq!(answer.task_id.value, "long");
        assert_eq!(answer.state(), TaskState::TaskRunning);
        assert_eq!(answer.reason(), task_status::Reason::Reconciliation);
        assert_eq!(answer.source(), task_status::Source::Master);
        assert!(
            answer.uuid.is_none(),
            "master-generated updates have no uuid"
        );
        assert!(
            answer
                .message
                .as_deref()
                .unwrap()
                .starts_with("Reconciliation:")
        );

        // Explicit: a known task, an unknown task on a known agent, one without an agent.
        let task = |id: &str, agent: bool| call::reconcile::Task {
            task_id: TaskId { value: id.into() },
            agent_id: agent.then(|| offer.agent_id.clone()),
        };
        let mut explicit = bare_call(&s.framework_id, call::Type::Reconcile);
        explicit.reconcile = Some(call::Reconcile {
            tasks: vec![
                task("long", true),
                task("ghost", true),
                task("nowhere", false),
            ],
        });
        s.call(&url, &explicit).await;
        let answers = [
            s.next_update().await,
            s.next_update().await,
            s.next_update().await,
        ];
        let states: Vec<TaskState> = answers.iter().map(|a| a.state()).collect();
        let expected = if partition_aware {
            vec![
                TaskState::TaskRunning,
                TaskState::TaskGone,
                TaskState::TaskUnknown,
            ]
        } else {
            vec![
                TaskState::TaskRunning,
                TaskState::TaskLost,
                TaskState::TaskLost,
            ]
        };
        assert_eq!(states, expected);
        assert!(
            answers
                .iter()
                .all(|a| a.uuid.is_none() && a.reason() == task_status::Reason::Reconciliation)
        );

        // KILL of an unknown task is a reconciliation of it.
        let kill = kill_call(&s.framework_id, "ghost", None);
        s.call(&url, &kill).await;
        let answer = s.next_update().await;
        assert_eq!(answer.task_id.value, "ghost");
        let expected = if partition_aware {
            TaskState::TaskUnknown
        } else {
            TaskState::TaskLost
        };
        assert_eq!(answer.state(), expected);
        s.call(&url, &bare_call(&s.framework_id, call::Type::Teardown))
            .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_groups_run_under_the_default_executor_or_fail_together() {
    use mesos_sdk::v1::offer::{Operation, operation};
    use mesos_sdk::v1::{ExecutorId, ExecutorInfo, TaskGroupInfo, executor_info};
    let cluster = Cluster::builder()
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut s = Subscription::open(&url, Enc::Protobuf, framework_info("groups")).await;
    let framework_id = s.framework_id.clone();
    // The failing task waits until the other one has finished: a task that fails first
    // makes the default executor kill the rest of its group.
    let go = temp_dir();
    let fail = format!(
        "while [ ! -e {} ]; do sleep 0.05; done; exit 1",
        go.display()
    );
    let group_call = |offer: &mesos_sdk::v1::Offer,
                      executor_resources: Vec<mesos_sdk::v1::Resource>,
                      prefix: &str| {
        let executor = ExecutorInfo {
            r#type: Some(executor_info::Type::Default as i32),
            executor_id: ExecutorId {
                value: format!("{prefix}-executor"),
            },
            resources: executor_resources,
            // The master does not fill it in for LAUNCH_GROUP, and refuses the group without.
            framework_id: Some(mesos_sdk::v1::FrameworkId {
                value: framework_id.clone(),
            }),
            ..Default::default()
        };
        let tasks = vec![
            command_task(offer, &format!("{prefix}-ok"), "true"),
            command_task(offer, &format!("{prefix}-bad"), &fail),
        ];
        let mut accept = bare_call(&framework_id, call::Type::Accept);
        accept.accept = Some(call::Accept {
            offer_ids: vec![offer.id.clone()],
            operations: vec![Operation {
                r#type: Some(operation::Type::LaunchGroup as i32),
                launch_group: Some(operation::LaunchGroup {
                    executor,
                    task_group: TaskGroupInfo { tasks },
                }),
                ..Default::default()
            }],
            filters: Some(mesos_sdk::v1::Filters {
                refuse_seconds: Some(0.0),
            }),
        });
        accept
    };
    // Without disk the executor is invalid: every task of the group gets TASK_ERROR.
    let offer = s.next_offers().await.remove(0);
    s.call(
        &url,
        &group_call(
            &offer,
            vec![common::scalar("cpus", 0.1), common::scalar("mem", 32.0)],
            "invalid",
        ),
    )
    .await;
    for _ in 0..2 {
        let status = s.next_update().await;
        assert_eq!(status.state(), TaskState::TaskError);
        assert_eq!(status.reason(), task_status::Reason::TaskGroupInvalid);
        assert!(status.message.unwrap().contains("disk"));
    }
    let resources = vec![
        common::scalar("cpus", 0.1),
        common::scalar("mem", 32.0),
        common::scalar("disk", 10.0),
    ];
    // The executor's type must be set (`validation::task::group::internal::validateExecutor`),
    // and a task that names an executor must name the group's.
    type Spoil = fn(&mut operation::LaunchGroup);
    let spoilers: [(Spoil, &str); 3] = [
        (
            |g| g.executor.r#type = None,
            "'ExecutorInfo.type' must be set",
        ),
        (
            |g| g.executor.r#type = Some(executor_info::Type::Custom as i32),
            "'ExecutorInfo.command' must be set for 'CUSTOM' executor",
        ),
        (
            |g| {
                let mut other = g.executor.clone();
                other.executor_id.value = "other".into();
                g.task_group.tasks[1].executor = Some(other);
            },
            "is different from executor",
        ),
    ];
    for (spoil, expected) in spoilers {
        let offer = s.next_offers().await.remove(0);
        let mut accept = group_call(&offer, resources.clone(), "spoilt");
        let operation = &mut accept.accept.as_mut().unwrap().operations[0];
        spoil(operation.launch_group.as_mut().unwrap());
        s.call(&url, &accept).await;
        for _ in 0..2 {
            let status = s.next_update().await;
            assert_eq!(status.state(), TaskState::TaskError);
            assert_eq!(status.reason(), task_status::Reason::TaskGroupInvalid);
            let message = status.message.unwrap_or_default();
            assert!(message.contains(expected), "{message}");
        }
    }
    let offer = s.next_offers().await.remove(0);
    s.call(&url, &group_call(&offer, resources, "valid")).await;
    let mut terminal = std::collections::BTreeMap::new();
    while terminal.len() < 2 {
        let status = s.next_update().await;
        assert_eq!(
            status.executor_id.as_ref().map(|e| e.value.as_str()),
            Some("valid-executor")
        );
        s.call(&url, &ack_call(&s.framework_id, &status)).await;
        if status.task_id.value == "valid-ok" && status.state() == TaskState::TaskFinished {
            std::fs::write(&go, "").unwrap();
        }
        if matches!(
            status.state(),
            TaskState::TaskFinished | TaskState::TaskFailed | TaskState::TaskKilled
        ) {
            terminal.insert(status.task_id.value.clone(), status.state());
        }
    }
    let _ = std::fs::remove_file(&go);
    assert_eq!(terminal["valid-ok"], TaskState::TaskFinished);
    assert_eq!(terminal["valid-bad"], TaskState::TaskFailed);
}
