//! Health checks, checks and task groups under the built-in executors, with the updates a
//! scheduler sees: TASK_RUNNING with `healthy` (REASON_TASK_HEALTH_CHECK_STATUS_UPDATED) on
//! the first success and on every counted failure, the kill after `consecutive_failures`,
//! `check_status` updates (REASON_TASK_CHECK_STATUS_UPDATED) whenever a check's result
//! changes, the default executor killing the rest of a task group, and tasks whose image
//! mesos-sim cannot provide. Checks run every 0.2 s from the start; every wait has a deadline.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

use common::{
    Enc, Subscription, ack_call, bare_call, command_task, framework_info, kill_call, launch_call,
};
use http::StatusCode;
use mesos_sdk::v1::offer::{Operation, operation};
use mesos_sdk::v1::scheduler::{Call, call, event};
use mesos_sdk::v1::{
    CheckInfo, CheckStatusInfo, CommandInfo, ContainerInfo, ExecutorId, ExecutorInfo, FrameworkId,
    HealthCheck, Image, Offer, TaskGroupInfo, TaskInfo, TaskState, TaskStatus, check_info,
    check_status_info, container_info, executor_info, framework_info as fi, health_check, image,
    task_status,
};
use mesos_sim::Cluster;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const HEALTH: task_status::Reason = task_status::Reason::TaskHealthCheckStatusUpdated;
const CHECK: task_status::Reason = task_status::Reason::TaskCheckStatusUpdated;

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mesos-sim-health-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A subscribed framework that acknowledges every update and keeps the offers it reads
/// while waiting for updates.
struct Framework {
    s: Subscription,
    url: String,
    offers: Vec<Offer>,
    /// Updates read while waiting for an offer.
    updates: std::collections::VecDeque<TaskStatus>,
}

/// A cluster, and a framework subscribed to it (with TASK_KILLING_STATE if `killing`).
async fn start(name: &str, killing: bool) -> (Cluster, Framework) {
    let cluster = Cluster::builder()
        .allocation_interval(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut info = framework_info(name);
    if killing {
        info.capabilities.push(fi::Capability {
            r#type: Some(fi::capability::Type::TaskKillingState as i32),
        });
    }
    let s = Subscription::open(&url, Enc::Protobuf, info).await;
    let framework = Framework {
        s,
        url,
        offers: Vec::new(),
        updates: Default::default(),
    };
    (cluster, framework)
}

impl Framework {
    fn id(&self) -> String {
        self.s.framework_id.clone()
    }

    async fn call(&self, call: &Call) -> StatusCode {
        self.s.call(&self.url, call).await.status
    }

    /// Reads the next OFFERS or UPDATE event: offers are kept, updates acknowledged and kept.
    async fn read(&mut self) {
        loop {
            let event = self.s.next_non_heartbeat().await.expect("stream open");
            match event.r#type() {
                event::Type::Offers => {
                    let offers = event.offers.expect("offers payload").offers;
                    self.offers.extend(offers);
                    return;
                }
                event::Type::Update => {
                    let status = event.update.expect("update payload").status;
                    // Reconciliation answers come from the master, without a uuid.
                    if status.uuid.is_some() {
                        let ack = ack_call(&self.s.framework_id, &status);
                        assert_eq!(self.call(&ack).await, StatusCode::ACCEPTED);
                    }
                    self.updates.push_back(status);
                    return;
                }
                _ => {}
            }
        }
    }

    /// The next update (acknowledged).
    async fn next_update(&mut self) -> TaskStatus {
        loop {
            if let Some(status) = self.updates.pop_front() {
                return status;
            }
            self.read().await;
        }
    }

    /// An offer: one kept, or the next to come.
    async fn offer(&mut self) -> Offer {
        while self.offers.is_empty() {
            self.read().await;
        }
        self.offers.remove(0)
    }

    /// Reads updates until `done` holds for one; returns them all.
    async fn updates_until(
        &mut self,
        mut done: impl FnMut(&TaskStatus) -> bool,
    ) -> Vec<TaskStatus> {
        let mut seen = Vec::new();
        loop {
            let status = self.next_update().await;
            let last = done(&status);
            seen.push(status);
            if last {
                return seen;
            }
        }
    }

    /// Reads updates into `seen` until one there satisfies `wanted`.
    async fn until_seen(
        &mut self,
        seen: &mut Vec<TaskStatus>,
        wanted: impl Fn(&TaskStatus) -> bool,
    ) {
        while !seen.iter().any(&wanted) {
            let status = self.next_update().await;
            seen.push(status);
        }
    }

    async fn kill(&self, task_id: &str) {
        let kill = kill_call(&self.s.framework_id, task_id, None);
        assert_eq!(self.call(&kill).await, StatusCode::ACCEPTED);
    }
}

/// Quick checks: no delay, every 0.2 s, no grace period.
fn health(kind: health_check::Type, consecutive_failures: u32) -> HealthCheck {
    HealthCheck {
        r#type: Some(kind as i32),
        delay_seconds: Some(0.0),
        interval_seconds: Some(0.2),
        timeout_seconds: Some(5.0),
        grace_period_seconds: Some(0.0),
        consecutive_failures: Some(consecutive_failures),
        ..Default::default()
    }
}

fn shell(command: &str) -> CommandInfo {
    CommandInfo {
        value: Some(command.into()),
        ..Default::default()
    }
}

/// A port nothing listens on (yet).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The states of one task's updates, with what a check added.
fn summary(updates: &[TaskStatus], task_id: &str) -> Vec<(TaskState, Option<bool>, Option<i32>)> {
    updates
        .iter()
        .filter(|u| u.task_id.value == task_id)
        .map(|u| (u.state(), u.healthy, u.reason))
        .collect()
}

fn terminal(status: &TaskStatus) -> bool {
    mesos_sdk::task_state::is_terminal(status.state())
}

/// An ACCEPT launching `tasks` as one task group under a DEFAULT executor.
fn group_call(framework_id: &str, offer: &Offer, executor_id: &str, tasks: Vec<TaskInfo>) -> Call {
    let executor = ExecutorInfo {
        r#type: Some(executor_info::Type::Default as i32),
        executor_id: ExecutorId {
            value: executor_id.into(),
        },
        resources: vec![
            common::scalar("cpus", 0.1),
            common::scalar("mem", 32.0),
            common::scalar("disk", 10.0),
        ],
        framework_id: Some(FrameworkId {
            value: framework_id.into(),
        }),
        ..Default::default()
    };
    let mut accept = bare_call(framework_id, call::Type::Accept);
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_command_health_check_reports_then_kills() {
    let (_cluster, mut f) = start("health-command", true).await;
    let dir = temp_dir();
    let flag = dir.join("healthy");
    std::fs::write(&flag, "").unwrap();
    let offer = f.offer().await;
    let mut task = command_task(&offer, "web", "sleep 1000");
    let mut check = health(health_check::Type::Command, 3);
    check.command = Some(shell(&format!("test -e {}", flag.display())));
    task.health_check = Some(check);
    let launch = launch_call(&f.id(), &[&offer.id], vec![task], None);
    assert_eq!(f.call(&launch).await, StatusCode::ACCEPTED);

    let healthy = f.updates_until(|u| u.healthy == Some(true)).await;
    std::fs::remove_file(&flag).unwrap();
    let rest = f.updates_until(terminal).await;
    let all: Vec<TaskStatus> = healthy.into_iter().chain(rest).collect();
    let running = TaskState::TaskRunning;
    let health_reason = Some(HEALTH as i32);
    assert_eq!(
        summary(&all, "web"),
        vec![
            (TaskState::TaskStarting, None, None),
            (running, None, None),
            (running, Some(true), health_reason),
            (running, Some(false), health_reason),
            (running, Some(false), health_reason),
            // The third consecutive failure asks for the kill.
            (running, Some(false), health_reason),
            (TaskState::TaskKilling, None, None),
            // The command executor marks the end of a task it killed for its health.
            (TaskState::TaskKilled, Some(false), None),
        ]
    );
    for update in &all {
        assert_eq!(update.source(), task_status::Source::Executor);
        assert_eq!(update.check_status, None, "the task has no check");
        assert_eq!(update.uuid.as_ref().map(|u| u.len()), Some(16));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_http_health_check_against_the_tasks_server_passes_after_the_grace_period_failures() {
    let (_cluster, mut f) = start("health-http", false).await;
    let offer = f.offer().await;
    let port = free_port();
    // The server takes a moment to come up: the failures before it does fall within the
    // grace period and go unreported.
    let mut task = command_task(
        &offer,
        "server",
        &format!("exec python3 -m http.server {port} --bind 127.0.0.1"),
    );
    let mut check = health(health_check::Type::Http, 1);
    check.grace_period_seconds = Some(60.0);
    check.http = Some(health_check::HttpCheckInfo {
        port: u32::from(port),
        path: Some("/".into()),
        ..Default::default()
    });
    task.health_check = Some(check);
    let launch = launch_call(&f.id(), &[&offer.id], vec![task], None);
    f.call(&launch).await;
    let updates = f.updates_until(|u| u.healthy.is_some()).await;
    assert_eq!(
        summary(&updates, "server"),
        vec![
            (TaskState::TaskStarting, None, None),
            (TaskState::TaskRunning, None, None),
            (TaskState::TaskRunning, Some(true), Some(HEALTH as i32)),
        ]
    );
    // A scheduler's KILL is no health kill: the end says nothing of health.
    f.kill("server").await;
    let end = f.updates_until(terminal).await;
    assert_eq!(
        summary(&end, "server"),
        vec![(TaskState::TaskKilled, None, None)]
    );
}

/// A server of the test on `port` (0: any) that answers every request with the status
/// `status` holds at the time; aborting it closes the port.
async fn serve(port: u16, status: Arc<AtomicU16>) -> (u16, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let code = status.load(Ordering::SeqCst);
            tokio::spawn(async move {
                let mut request = [0u8; 2048];
                let _ = socket.read(&mut request).await;
                let response = format!(
                    "HTTP/1.1 {code} Status\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                );
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (port, server)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tcp_health_check_kills_the_task_when_the_port_closes() {
    let (_cluster, mut f) = start("health-tcp", false).await;
    let (port, server) = serve(0, Arc::new(AtomicU16::new(200))).await;
    let offer = f.offer().await;
    let mut task = command_task(&offer, "db", "sleep 1000");
    let mut check = health(health_check::Type::Tcp, 2);
    check.tcp = Some(health_check::TcpCheckInfo {
        port: u32::from(port),
        ..Default::default()
    });
    task.health_check = Some(check);
    f.call(&launch_call(&f.id(), &[&offer.id], vec![task], None))
        .await;
    let healthy = f.updates_until(|u| u.healthy == Some(true)).await;
    assert_eq!(healthy.len(), 3, "{healthy:?}");
    server.abort();
    let _ = server.await;
    let end = f.updates_until(terminal).await;
    assert_eq!(
        summary(&end, "db"),
        vec![
            (TaskState::TaskRunning, Some(false), Some(HEALTH as i32)),
            (TaskState::TaskRunning, Some(false), Some(HEALTH as i32)),
            (TaskState::TaskKilled, Some(false), None),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_status_follows_a_readiness_style_http_check() {
    let (_cluster, mut f) = start("checks", false).await;
    let offer = f.offer().await;
    let port = free_port();
    let mut task = command_task(&offer, "app", "sleep 1000");
    task.check = Some(CheckInfo {
        r#type: Some(check_info::Type::Http as i32),
        http: Some(check_info::Http {
            port: u32::from(port),
            path: Some("/ready".into()),
        }),
        delay_seconds: Some(0.0),
        interval_seconds: Some(0.2),
        timeout_seconds: Some(5.0),
        ..Default::default()
    });
    f.call(&launch_call(&f.id(), &[&offer.id], vec![task], None))
        .await;
    let http = |code: Option<u32>| {
        Some(CheckStatusInfo {
            r#type: Some(check_info::Type::Http as i32),
            http: Some(check_status_info::Http { status_code: code }),
            ..Default::default()
        })
    };
    // Nothing listens: the check fails, which is the empty result the statuses carry from
    // the start, so nothing changes.
    let started = f
        .updates_until(|u| u.state() == TaskState::TaskRunning)
        .await;
    for update in &started {
        assert_eq!(update.check_status, http(None), "{update:?}");
        assert_eq!(update.reason, None);
    }
    // The test's server comes up on that port, first answering 503, then 200.
    let status = Arc::new(AtomicU16::new(503));
    let (_, server) = serve(port, status.clone()).await;
    let unready = f.updates_until(|u| u.check_status != http(None)).await;
    assert_eq!(unready.len(), 1, "{unready:?}");
    assert_eq!(unready[0].state(), TaskState::TaskRunning);
    assert_eq!(unready[0].reason, Some(CHECK as i32));
    assert_eq!(unready[0].check_status, http(Some(503)));
    assert_eq!(unready[0].healthy, None);
    status.store(200, Ordering::SeqCst);
    let ready = f.updates_until(|_| true).await;
    assert_eq!(ready[0].check_status, http(Some(200)));
    assert_eq!(ready[0].reason, Some(CHECK as i32));
    // Reconciliation tells the latest check status too.
    let mut reconcile = bare_call(&f.id(), call::Type::Reconcile);
    reconcile.reconcile = Some(call::Reconcile { tasks: Vec::new() });
    assert_eq!(f.call(&reconcile).await, StatusCode::ACCEPTED);
    let answer = f.updates_until(|_| true).await.remove(0);
    assert_eq!(answer.reason(), task_status::Reason::Reconciliation);
    assert_eq!(answer.uuid, None);
    assert_eq!(answer.check_status, http(Some(200)));
    // The server goes: the check fails again, back to the empty result.
    server.abort();
    let _ = server.await;
    let gone = f.updates_until(|_| true).await;
    assert_eq!(gone[0].check_status, http(None));
    assert_eq!(gone[0].reason, Some(CHECK as i32));
    // Every status from scratch carries the empty result of the check's type.
    f.kill("app").await;
    let end = f.updates_until(terminal).await;
    assert_eq!(end.last().unwrap().state(), TaskState::TaskKilled);
    assert_eq!(end.last().unwrap().check_status, http(None));
}

fn of<'a>(seen: &'a [TaskStatus], task_id: &str) -> Vec<&'a TaskStatus> {
    seen.iter().filter(|u| u.task_id.value == task_id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_and_tcp_checks_report_each_change() {
    let (_cluster, mut f) = start("checks-command-tcp", false).await;
    let dir = temp_dir();
    let flag = dir.join("ready");
    let port = free_port();
    let offer = f.offer().await;
    let quick = |kind: check_info::Type| CheckInfo {
        r#type: Some(kind as i32),
        delay_seconds: Some(0.0),
        interval_seconds: Some(0.2),
        timeout_seconds: Some(5.0),
        ..Default::default()
    };
    let mut command = command_task(&offer, "cmd", "sleep 1000");
    command.check = Some(CheckInfo {
        command: Some(check_info::Command {
            command: shell(&format!("test -e {}", flag.display())),
        }),
        ..quick(check_info::Type::Command)
    });
    let mut tcp = command_task(&offer, "tcp", "sleep 1000");
    tcp.check = Some(CheckInfo {
        tcp: Some(check_info::Tcp {
            port: u32::from(port),
        }),
        ..quick(check_info::Type::Tcp)
    });
    f.call(&launch_call(
        &f.id(),
        &[&offer.id],
        vec![command, tcp],
        None,
    ))
    .await;
    let exit_code = |code: Option<i32>| {
        Some(CheckStatusInfo {
            r#type: Some(check_info::Type::Command as i32),
            command: Some(check_status_info::Command { exit_code: code }),
            ..Default::default()
        })
    };
    let connected = |succeeded: Option<bool>| {
        Some(CheckStatusInfo {
            r#type: Some(check_info::Type::Tcp as i32),
            tcp: Some(check_status_info::Tcp { succeeded }),
            ..Default::default()
        })
    };
    let mut seen = Vec::new();
    f.until_seen(&mut seen, |u| {
        u.task_id.value == "cmd" && u.check_status == exit_code(Some(1))
    })
    .await;
    // A refused connection is a result (`succeeded: false`), unlike a failed HTTP request.
    f.until_seen(&mut seen, |u| {
        u.task_id.value == "tcp" && u.check_status == connected(Some(false))
    })
    .await;
    std::fs::write(&flag, "").unwrap();
    let (_, server) = serve(port, Arc::new(AtomicU16::new(200))).await;
    f.until_seen(&mut seen, |u| {
        u.task_id.value == "cmd" && u.check_status == exit_code(Some(0))
    })
    .await;
    f.until_seen(&mut seen, |u| {
        u.task_id.value == "tcp" && u.check_status == connected(Some(true))
    })
    .await;
    let checks = |task_id: &str| -> Vec<(TaskState, Option<CheckStatusInfo>, Option<i32>)> {
        of(&seen, task_id)
            .into_iter()
            .map(|u| (u.state(), u.check_status, u.reason))
            .collect()
    };
    let running = TaskState::TaskRunning;
    let check = Some(CHECK as i32);
    assert_eq!(
        checks("cmd"),
        vec![
            (TaskState::TaskStarting, exit_code(None), None),
            (running, exit_code(None), None),
            (running, exit_code(Some(1)), check),
            (running, exit_code(Some(0)), check),
        ]
    );
    assert_eq!(
        checks("tcp"),
        vec![
            (TaskState::TaskStarting, connected(None), None),
            (running, connected(None), None),
            (running, connected(Some(false)), check),
            (running, connected(Some(true)), check),
        ]
    );
    server.abort();
    f.call(&bare_call(&f.id(), call::Type::Teardown)).await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_task_of_a_group_kills_the_rest() {
    let (_cluster, mut f) = start("group-failure", true).await;
    let offer = f.offer().await;
    let tasks = vec![
        command_task(&offer, "sleeper", "sleep 1000"),
        command_task(&offer, "crasher", "exit 3"),
    ];
    let accept = group_call(&f.id(), &offer, "pod", tasks);
    assert_eq!(f.call(&accept).await, StatusCode::ACCEPTED);
    let mut seen = Vec::new();
    f.until_seen(&mut seen, |u| u.task_id.value == "sleeper" && terminal(u))
        .await;
    f.until_seen(&mut seen, |u| u.task_id.value == "crasher" && terminal(u))
        .await;
    assert_eq!(
        summary(&seen, "crasher"),
        vec![
            (TaskState::TaskStarting, None, None),
            (TaskState::TaskRunning, None, None),
            (TaskState::TaskFailed, None, None),
        ]
    );
    assert_eq!(
        of(&seen, "crasher").last().unwrap().message.as_deref(),
        Some("Command exited with status 3")
    );
    assert_eq!(
        summary(&seen, "sleeper"),
        vec![
            (TaskState::TaskStarting, None, None),
            (TaskState::TaskRunning, None, None),
            (TaskState::TaskKilling, None, None),
            (TaskState::TaskKilled, None, None),
        ]
    );
    for update in &seen {
        assert_eq!(
            update.executor_id.as_ref().map(|e| e.value.as_str()),
            Some("pod")
        );
        assert_eq!(update.source(), task_status::Source::Executor);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_one_task_of_a_group_kills_the_group_and_shutdown_kills_all() {
    let (cluster, mut f) = start("group-kill", false).await;
    let offer = f.offer().await;
    let tasks = vec![
        command_task(&offer, "a", "sleep 1000"),
        command_task(&offer, "b", "sleep 1000"),
    ];
    f.call(&group_call(&f.id(), &offer, "pod", tasks)).await;
    let mut seen = Vec::new();
    for task in ["a", "b"] {
        f.until_seen(&mut seen, |u| {
            u.task_id.value == task && u.state() == TaskState::TaskRunning
        })
        .await;
    }
    // The master's record of a group's task names the group's executor (`/state`).
    let state = cluster.state();
    let executors: Vec<&str> = state["frameworks"][0]["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["executor_id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(executors, vec!["pod", "pod"]);
    f.kill("a").await;
    for task in ["a", "b"] {
        f.until_seen(&mut seen, |u| u.task_id.value == task && terminal(u))
            .await;
        assert_eq!(
            of(&seen, task).last().unwrap().state(),
            TaskState::TaskKilled,
            "{task}"
        );
    }

    // SHUTDOWN of a default executor kills each of its tasks.
    let offer = f.offer().await;
    let tasks = vec![
        command_task(&offer, "c", "sleep 1000"),
        command_task(&offer, "d", "sleep 1000"),
    ];
    f.call(&group_call(&f.id(), &offer, "pod2", tasks)).await;
    for task in ["c", "d"] {
        f.until_seen(&mut seen, |u| {
            u.task_id.value == task && u.state() == TaskState::TaskRunning
        })
        .await;
    }
    let mut shutdown = bare_call(&f.id(), call::Type::Shutdown);
    shutdown.shutdown = Some(call::Shutdown {
        executor_id: ExecutorId {
            value: "pod2".into(),
        },
        agent_id: offer.agent_id.clone(),
    });
    assert_eq!(f.call(&shutdown).await, StatusCode::ACCEPTED);
    for task in ["c", "d"] {
        f.until_seen(&mut seen, |u| u.task_id.value == task && terminal(u))
            .await;
        assert_eq!(
            of(&seen, task).last().unwrap().state(),
            TaskState::TaskKilled,
            "{task}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_health_kill_in_a_group_marks_every_end_unhealthy() {
    let (_cluster, mut f) = start("group-health", false).await;
    let offer = f.offer().await;
    let mut web = command_task(&offer, "web", "sleep 1000");
    let mut check = health(health_check::Type::Command, 1);
    check.command = Some(shell("exit 1"));
    web.health_check = Some(check);
    let side = command_task(&offer, "side", "sleep 1000");
    f.call(&group_call(&f.id(), &offer, "pod", vec![web, side]))
        .await;
    let mut seen = Vec::new();
    for task in ["web", "side"] {
        f.until_seen(&mut seen, |u| u.task_id.value == task && terminal(u))
            .await;
    }
    assert_eq!(
        summary(&seen, "web"),
        vec![
            (TaskState::TaskStarting, None, None),
            (TaskState::TaskRunning, None, None),
            (TaskState::TaskRunning, Some(false), Some(HEALTH as i32)),
            (TaskState::TaskKilled, Some(false), None),
        ]
    );
    // The default executor's `unhealthy` is executor wide: the task killed with the group
    // ends `healthy: false` too.
    assert_eq!(
        summary(&seen, "side"),
        vec![
            (TaskState::TaskStarting, None, None),
            (TaskState::TaskRunning, None, None),
            (TaskState::TaskKilled, Some(false), None),
        ]
    );
}

/// A task in a MESOS container with a Docker image; `command: None` relies on the image's
/// entrypoint.
fn image_task(offer: &Offer, task_id: &str, command: Option<&str>) -> TaskInfo {
    let mut task = command_task(offer, task_id, "");
    task.command = Some(CommandInfo {
        value: command.map(str::to_string),
        shell: Some(command.is_some()),
        ..Default::default()
    });
    task.container = Some(ContainerInfo {
        r#type: container_info::Type::Mesos as i32,
        mesos: Some(container_info::MesosInfo {
            image: Some(Image {
                r#type: image::Type::Docker as i32,
                docker: Some(image::Docker {
                    name: "library/nginx:1.27".into(),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        }),
        ..Default::default()
    });
    task
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_are_not_provisioned() {
    let (_cluster, mut f) = start("images", false).await;
    let offer = f.offer().await;
    let tasks = vec![
        image_task(&offer, "entrypoint", None),
        // With a command, the task runs on the host; the image is not used.
        image_task(&offer, "host", Some("true")),
    ];
    f.call(&launch_call(&f.id(), &[&offer.id], tasks, Some(0.0)))
        .await;
    let mut seen = Vec::new();
    for task in ["entrypoint", "host"] {
        f.until_seen(&mut seen, |u| u.task_id.value == task && terminal(u))
            .await;
    }
    // The command executor never starts: the agent reports the launch failure.
    let failed = of(&seen, "entrypoint");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].state(), TaskState::TaskFailed);
    assert_eq!(failed[0].source(), task_status::Source::Agent);
    assert_eq!(
        failed[0].reason(),
        task_status::Reason::ContainerLaunchFailed
    );
    let message = failed[0].message.as_deref().unwrap_or_default();
    assert!(
        message.starts_with("Failed to launch container: mesos-sim has no image store")
            && message.contains("library/nginx:1.27"),
        "{message}"
    );
    assert_eq!(
        summary(&seen, "host"),
        vec![
            (TaskState::TaskStarting, None, None),
            (TaskState::TaskRunning, None, None),
            (TaskState::TaskFinished, None, None),
        ]
    );

    // In a task group the default executor reports the failed launch, and the group goes.
    let offer = f.offer().await;
    let tasks = vec![
        image_task(&offer, "g-entrypoint", None),
        image_task(&offer, "g-host", Some("sleep 1000")),
    ];
    f.call(&group_call(&f.id(), &offer, "pod", tasks)).await;
    for task in ["g-entrypoint", "g-host"] {
        f.until_seen(&mut seen, |u| u.task_id.value == task && terminal(u))
            .await;
    }
    let failed = of(&seen, "g-entrypoint");
    assert_eq!(
        failed.iter().map(|u| u.state()).collect::<Vec<_>>(),
        vec![TaskState::TaskStarting, TaskState::TaskFailed]
    );
    let failed = failed[1];
    assert_eq!(failed.source(), task_status::Source::Executor);
    assert_eq!(failed.reason(), task_status::Reason::ContainerLaunchFailed);
    assert!(
        failed
            .message
            .as_deref()
            .is_some_and(|m| m.contains("no image store") && m.contains("library/nginx:1.27")),
        "{failed:?}"
    );
    assert_eq!(
        summary(&seen, "g-host"),
        vec![
            (TaskState::TaskStarting, None, None),
            (TaskState::TaskRunning, None, None),
            (TaskState::TaskKilled, None, None),
        ]
    );
}
