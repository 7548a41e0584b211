//! One pod on this agent: init containers run first, in order, to completion; then every app
//! container runs as a process group in the pod's directory, restarted by the pod's restart
//! policy with the kubelet's back-off; the pod's status is recomputed on every change and
//! published on a `watch` channel (so a flapping container cannot queue up reports: readers
//! see the latest). A kill stops every container: SIGTERM to its group, the grace period,
//! then SIGKILL (`kubernetes: pkg/kubelet/kuberuntime/kuberuntime_container.go`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{
    Container, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, HostIP, PodCondition, PodIP, PodStatus,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::process::Command;
use tokio::sync::watch;

use super::env::{ConfigError, argv, environment};
use super::probe;
use super::rotate::LogLimits;
use super::volumes::Volumes;
use crate::pod_task::{PodTask, ProbeFailure};

/// The kubelet's container restart back-off: the first restart at once, then 10 s doubling
/// to 5 min; a container that ran for 10 min starts over
/// (`kubernetes: pkg/kubelet/kubelet.go` `backOffPeriod`, `MaxContainerBackOff`).
pub const BACKOFF_INITIAL: Duration = Duration::from_secs(10);
/// The longest back-off between restarts.
pub const BACKOFF_MAX: Duration = Duration::from_secs(300);
/// How long a container must run for its back-off to start over.
pub const BACKOFF_RESET: Duration = Duration::from_secs(600);

/// The `PATH` of a container's process: the image's would be used by a kubelet; executor
/// mode has no image, so the usual system one.
pub(super) const DEFAULT_PATH: &str =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// How a pod ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every container exited 0 (restart policy Never or OnFailure).
    Succeeded,
    /// A container failed for good, or the pod could not start; the message says which and
    /// why.
    Failed {
        /// The first failure, for the task's status message.
        message: String,
    },
    /// Killed (KILL, SHUTDOWN or deletion).
    Killed,
}

/// The back-off before restart number `restarts + 1` of a container.
pub fn backoff(restarts: u32) -> Duration {
    if restarts == 0 {
        return Duration::ZERO;
    }
    let doublings = (restarts - 1).min(16);
    (BACKOFF_INITIAL * 2u32.pow(doublings)).min(BACKOFF_MAX)
}

fn now() -> Time {
    Time(crate::quantity::now())
}

/// What the pod's containers are doing, kept by the runner and read by the status builder.
#[derive(Debug, Default)]
struct State {
    init: Vec<ContainerStatus>,
    app: Vec<ContainerStatus>,
    initialized: bool,
    start_time: Option<Time>,
    failure: Option<String>,
}

/// Controls a running pod.
#[derive(Debug, Clone)]
pub struct PodHandle {
    kill: watch::Sender<Option<Duration>>,
}

impl PodHandle {
    /// Stops every container: SIGTERM, `grace`, SIGKILL. Repeated kills keep the shortest
    /// grace, as the kubelet does.
    pub fn kill(&self, grace: Duration) {
        self.kill.send_modify(|current| {
            *current = Some(current.map_or(grace, |g| g.min(grace)));
        });
    }
}

/// A pod started by [`start`]: its controls, its status as it changes, and its end.
pub struct RunningPod {
    /// Kills the pod.
    pub handle: PodHandle,
    /// The latest status.
    pub status: watch::Receiver<PodStatus>,
    /// Resolves when every container has stopped for good.
    pub done: tokio::task::JoinHandle<Outcome>,
    /// The failures of the containers' probes so far.
    pub probe_failures: watch::Receiver<Vec<ProbeFailure>>,
}

struct Pod {
    task: PodTask,
    dir: PathBuf,
    /// The `k8sm` binary to run each container under `container-shim`; without it the
    /// container's process is started directly (and could outlive a killed executor).
    shim: Option<PathBuf>,
    /// How the shim rotates the containers' logs.
    log_limits: LogLimits,
    /// The pod's volumes, made before its first container starts.
    volumes: std::sync::OnceLock<Volumes>,
    restart_policy: String,
    state: Mutex<State>,
    status: watch::Sender<PodStatus>,
    failures: watch::Sender<Vec<ProbeFailure>>,
}

/// The directory of a pod under the executor's sandbox.
pub fn pod_dir(sandbox: &Path, task: &PodTask) -> PathBuf {
    let meta = &task.pod.metadata;
    sandbox.join("pods").join(format!(
        "{}_{}_{}",
        meta.namespace.as_deref().unwrap_or("default"),
        meta.name.as_deref().unwrap_or("pod"),
        meta.uid.as_deref().unwrap_or("nouid")
    ))
}

/// The log of run `restart` of container `name`: stdout and stderr interleaved, as the
/// kubelet's `kubectl logs` shows them.
pub fn log_path(pod_dir: &Path, name: &str, restart: i32) -> PathBuf {
    pod_dir
        .join("logs")
        .join(name)
        .join(format!("{restart}.log"))
}

/// Starts `task`'s pod with its directory under `sandbox`; each container runs under the
/// container shim of `shim` (the `k8sm` binary) when given, which writes its log rotated
/// by the kubelet's default limits.
pub fn start(task: PodTask, sandbox: &Path, shim: Option<&Path>) -> RunningPod {
    start_with_log_limits(task, sandbox, shim, LogLimits::default())
}

/// [`start`] with the containers' logs rotated by `limits` (under the shim only: a container
/// started without it writes its log directly, unrotated).
pub fn start_with_log_limits(
    task: PodTask,
    sandbox: &Path,
    shim: Option<&Path>,
    limits: LogLimits,
) -> RunningPod {
    let spec = task.pod.spec.clone().unwrap_or_default();
    let dir = pod_dir(sandbox, &task);
    let waiting = |c: &Container, reason: &str| ContainerStatus {
        name: c.name.clone(),
        image: c.image.clone().unwrap_or_default(),
        image_id: String::new(),
        ready: false,
        restart_count: 0,
        started: Some(false),
        state: Some(ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: Some(reason.into()),
                message: None,
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    let state = State {
        init: spec
            .init_containers
            .iter()
            .flatten()
            .map(|c| waiting(c, "PodInitializing"))
            .collect(),
        app: spec
            .containers
            .iter()
            .map(|c| waiting(c, "ContainerCreating"))
            .collect(),
        initialized: spec.init_containers.as_ref().is_none_or(|i| i.is_empty()),
        start_time: Some(now()),
        failure: None,
    };
    let (status_tx, status_rx) = watch::channel(PodStatus::default());
    let (kill_tx, kill_rx) = watch::channel(None);
    let (failures_tx, failures_rx) = watch::channel(Vec::new());
    let pod = Arc::new(Pod {
        restart_policy: spec
            .restart_policy
            .clone()
            .unwrap_or_else(|| "Always".into()),
        task,
        dir,
        shim: shim.map(Path::to_path_buf),
        log_limits: limits,
        volumes: std::sync::OnceLock::new(),
        state: Mutex::new(state),
        status: status_tx,
        failures: failures_tx,
    });
    pod.publish();
    let done = tokio::spawn(run(
        pod,
        spec.init_containers.unwrap_or_default(),
        spec.containers,
        kill_rx,
    ));
    RunningPod {
        handle: PodHandle { kill: kill_tx },
        status: status_rx,
        done,
        probe_failures: failures_rx,
    }
}

async fn run(
    pod: Arc<Pod>,
    init: Vec<Container>,
    app: Vec<Container>,
    kill: watch::Receiver<Option<Duration>>,
) -> Outcome {
    if let Err(e) = std::fs::create_dir_all(pod.dir.join("logs")) {
        return pod.fail(format!(
            "cannot create the pod's directory {}: {e}",
            pod.dir.display()
        ));
    }
    match Volumes::create(&pod.task, &pod.dir) {
        Ok(volumes) => {
            let _ = pod.volumes.set(volumes);
        }
        Err(ConfigError { reason, message }) => {
            return pod.fail(format!("{reason}: {message}"));
        }
    }
    let outcome = run_containers(&pod, init, app, kill).await;
    if let Some(volumes) = pod.volumes.get() {
        volumes.release();
    }
    outcome
}

async fn run_containers(
    pod: &Arc<Pod>,
    init: Vec<Container>,
    app: Vec<Container>,
    kill: watch::Receiver<Option<Duration>>,
) -> Outcome {
    for (index, container) in init.iter().enumerate() {
        // An init container that fails is retried unless the pod never restarts.
        let end = run_container(pod, Slot::Init(index), container, kill.clone(), true).await;
        match end {
            End::Done => {}
            End::Killed => return pod.finish(Outcome::Killed),
            End::Failed(message) => return pod.fail(message),
        }
    }
    pod.update(|s| s.initialized = true);
    let runs = app.into_iter().enumerate().map(|(index, container)| {
        let pod = pod.clone();
        let kill = kill.clone();
        tokio::spawn(
            async move { run_container(&pod, Slot::App(index), &container, kill, false).await },
        )
    });
    let mut outcome = Outcome::Succeeded;
    for run in runs.collect::<Vec<_>>() {
        match run
            .await
            .unwrap_or(End::Failed("a container's supervisor panicked".into()))
        {
            End::Done => {}
            End::Killed => outcome = Outcome::Killed,
            End::Failed(message) => {
                if outcome == Outcome::Succeeded {
                    outcome = Outcome::Failed { message };
                }
            }
        }
    }
    pod.finish(outcome)
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Init(usize),
    App(usize),
}

enum End {
    Done,
    Killed,
    Failed(String),
}

impl Pod {
    fn update(&self, change: impl FnOnce(&mut State)) {
        if let Ok(mut state) = self.state.lock() {
            change(&mut state);
        }
        self.publish();
    }

    /// The name of the container in `slot`.
    fn container_name(&self, slot: Slot) -> String {
        let spec = self.task.pod.spec.as_ref();
        let container = match slot {
            Slot::Init(i) => spec.and_then(|s| s.init_containers.as_ref()?.get(i)),
            Slot::App(i) => spec.and_then(|s| s.containers.get(i)),
        };
        container.map(|c| c.name.clone()).unwrap_or_default()
    }

    fn set_container(&self, slot: Slot, change: impl FnOnce(&mut ContainerStatus)) {
        self.update(|state| {
            let status = match slot {
                Slot::Init(i) => state.init.get_mut(i),
                Slot::App(i) => state.app.get_mut(i),
            };
            if let Some(status) = status {
                change(status);
            }
        });
    }

    fn fail(&self, message: String) -> Outcome {
        self.update(|s| {
            s.failure.get_or_insert_with(|| message.clone());
        });
        Outcome::Failed { message }
    }

    fn finish(&self, outcome: Outcome) -> Outcome {
        if let Outcome::Failed { message } = &outcome {
            self.update(|s| {
                s.failure.get_or_insert_with(|| message.clone());
            });
        } else {
            self.publish();
        }
        outcome
    }

    fn publish(&self) {
        let Ok(state) = self.state.lock() else {
            return;
        };
        let status = build_status(&self.task, &self.restart_policy, &state);
        drop(state);
        self.status.send_if_modified(|current| {
            let changed = *current != status;
            if changed {
                *current = status;
            }
            changed
        });
    }
}

fn terminated(status: &ContainerStatus) -> Option<&ContainerStateTerminated> {
    status.state.as_ref().and_then(|s| s.terminated.as_ref())
}

fn running(status: &ContainerStatus) -> bool {
    status.state.as_ref().is_some_and(|s| s.running.is_some())
}

/// The pod's status from its containers', as the kubelet computes phase and conditions
/// (`kubernetes: pkg/kubelet/kubelet_pods.go` `getPhase`, `pkg/kubelet/status/generate.go`).
fn build_status(task: &PodTask, restart_policy: &str, state: &State) -> PodStatus {
    let app = &state.app;
    let all_terminated = !app.is_empty() && app.iter().all(|c| terminated(c).is_some());
    let any_failed = app
        .iter()
        .any(|c| terminated(c).is_some_and(|t| t.exit_code != 0));
    let phase = if state.failure.is_some() && !app.iter().any(running) {
        "Failed"
    } else if !state.initialized {
        "Pending"
    } else if all_terminated && restart_policy != "Always" {
        if any_failed { "Failed" } else { "Succeeded" }
    } else if app
        .iter()
        .any(|c| running(c) || terminated(c).is_some() || c.restart_count > 0)
    {
        "Running"
    } else {
        "Pending"
    };
    let ready = app.iter().all(|c| c.ready) && !app.is_empty();
    let condition = |kind: &str, ok: bool, reason: Option<&str>| PodCondition {
        type_: kind.into(),
        status: if ok { "True" } else { "False" }.into(),
        reason: if ok { None } else { reason.map(str::to_string) },
        last_transition_time: state.start_time.clone(),
        ..Default::default()
    };
    let terminal = matches!(phase, "Succeeded" | "Failed");
    let not_ready = if terminal {
        "PodCompleted"
    } else {
        "ContainersNotReady"
    };
    PodStatus {
        phase: Some(phase.into()),
        conditions: Some(vec![
            condition("PodScheduled", true, None),
            condition(
                "Initialized",
                state.initialized,
                Some(if terminal {
                    "PodCompleted"
                } else {
                    "ContainersNotInitialized"
                }),
            ),
            condition("ContainersReady", ready, Some(not_ready)),
            condition("Ready", ready, Some(not_ready)),
        ]),
        host_ip: Some(task.host_ip.clone()),
        host_ips: Some(vec![HostIP {
            ip: task.host_ip.clone(),
        }]),
        pod_ip: Some(task.host_ip.clone()),
        pod_ips: Some(vec![PodIP {
            ip: task.host_ip.clone(),
        }]),
        start_time: state.start_time.clone(),
        message: state.failure.clone(),
        reason: None,
        init_container_statuses: (!state.init.is_empty()).then(|| state.init.clone()),
        container_statuses: Some(app.clone()),
        qos_class: Some("BestEffort".into()),
        ..Default::default()
    }
}

/// Sends `signal` to process group `pgid`; a group that is gone is fine. Never 0 or 1:
/// `killpg(0)` would signal the executor's own group, `killpg(1)` init's.
fn signal_group(pgid: u32, signal: Signal) {
    if pgid <= 1 || pgid == std::process::id() {
        return;
    }
    if let Ok(pid) = i32::try_from(pgid) {
        let _ = killpg(Pid::from_raw(pid), signal);
    }
}

/// Runs `container` until it stops for good: through its restarts for app containers, to
/// one successful run for init containers.
async fn run_container(
    pod: &Pod,
    slot: Slot,
    container: &Container,
    mut kill: watch::Receiver<Option<Duration>>,
    init: bool,
) -> End {
    let pod_name = pod.task.pod.metadata.name.clone().unwrap_or_default();
    let pod_ns = pod
        .task
        .pod
        .metadata
        .namespace
        .clone()
        .unwrap_or_else(|| "default".into());
    let pod_uid = pod.task.pod.metadata.uid.clone().unwrap_or_default();
    let mut restarts: i32 = 0;
    let mut backoff_step: u32 = 0;
    loop {
        if kill.borrow().is_some() {
            return End::Killed;
        }
        // The mounts' variables first: the container's own env may override them.
        let view = pod
            .volumes
            .get()
            .map(|v| v.view(container, &pod.dir))
            .unwrap_or_else(|| Ok((BTreeMap::new(), probe::cwd(container, &pod.dir))));
        let prepared = view.and_then(|(mut env, cwd): (BTreeMap<String, String>, PathBuf)| {
            env.extend(environment(&pod.task, container)?);
            let argv: Vec<String> = argv(container, &env)?;
            Ok((env, argv, cwd))
        });
        let (env, argv, cwd) = match prepared {
            Ok(ready) => ready,
            Err(ConfigError { reason, message }) => {
                pod.set_container(slot, |s| {
                    s.state = Some(ContainerState {
                        waiting: Some(ContainerStateWaiting {
                            reason: Some(reason.into()),
                            message: Some(message.clone()),
                        }),
                        ..Default::default()
                    });
                });
                return End::Failed(format!("{reason}: {message}"));
            }
        };
        let log = log_path(&pod.dir, &container.name, restarts);
        let spawned = spawn(pod, container, &env, &argv, &cwd, &log);
        let mut child = match spawned {
            Ok(child) => child,
            Err(message) => {
                pod.set_container(slot, |s| {
                    s.state = Some(ContainerState {
                        waiting: Some(ContainerStateWaiting {
                            reason: Some("RunContainerError".into()),
                            message: Some(message.clone()),
                        }),
                        ..Default::default()
                    });
                });
                return End::Failed(format!("RunContainerError: {message}"));
            }
        };
        let started = Instant::now();
        let started_at = now();
        let pgid = child.id().unwrap_or(0);
        let target = || probe::Target {
            container,
            env: &env,
            cwd: cwd.clone(),
            host: pod.task.host_ip.clone(),
        };
        // postStart runs once the process is up; until it returns the container is not
        // Running, and if it fails the container is killed and restarted by policy
        // (`kubernetes: pkg/kubelet/kuberuntime/kuberuntime_container.go` `startContainer`).
        let mut hook_failure = None;
        if let Some(hook) = container
            .lifecycle
            .as_ref()
            .and_then(|l| l.post_start.as_ref())
        {
            let action = probe::Action::of_hook(hook);
            let hook_target = target();
            let run = action.run(&hook_target);
            let outcome = tokio::select! {
                outcome = run => Some(outcome),
                status = child.wait() => {
                    // The process ended first: its end is what is reported.
                    let _ = status;
                    None
                }
            };
            if let Some(Err(error)) = outcome {
                hook_failure = Some(format!("PostStartHookError: {error}"));
            }
        }
        pod.set_container(slot, |s| {
            s.state = Some(ContainerState {
                running: Some(ContainerStateRunning {
                    started_at: Some(started_at.clone()),
                }),
                ..Default::default()
            });
            // Started and ready come from the probes (at once when there are none); init
            // containers are never ready.
            s.started = Some(init);
            s.ready = false;
            s.container_id = Some(format!("k8sm://{pod_uid}/{}/{restarts}", container.name));
        });
        let report = SlotReport { pod, slot };
        let probes = async {
            if let Some(failure) = hook_failure.clone() {
                return failure;
            }
            if init {
                return std::future::pending::<String>().await;
            }
            probe::supervise(target(), &report).await
        };
        let pod_grace = pod
            .task
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.termination_grace_period_seconds);
        let mut killed = false;
        let mut message = None;
        let status = tokio::select! {
            status = child.wait() => status,
            reason = probes => {
                // A failed liveness or startup probe, or postStart hook: the kubelet kills
                // the container (the probe's grace period, else the pod's) and restarts it
                // by policy.
                tracing::info!(container = %container.name, %reason, "restarting the container");
                message = Some(reason);
                let grace = container
                    .liveness_probe
                    .as_ref()
                    .and_then(|p| p.termination_grace_period_seconds)
                    .or(pod_grace)
                    .map(|s| Duration::from_secs(u64::try_from(s).unwrap_or(0)))
                    .unwrap_or(Duration::from_secs(30));
                terminate(pgid, &mut child, grace, container, &target()).await
            }
            grace = wait_for_kill(&mut kill) => {
                killed = true;
                terminate(pgid, &mut child, grace, container, &target()).await
            }
        };
        // Whatever the leader's end, nothing of the group may outlive it.
        signal_group(pgid, Signal::SIGKILL);
        let (exit_code, signal) = match status {
            Ok(status) => {
                use std::os::unix::process::ExitStatusExt;
                match (status.code(), status.signal()) {
                    (Some(code), _) => (code, None),
                    (None, Some(sig)) => (128 + sig, Some(sig)),
                    (None, None) => (-1, None),
                }
            }
            Err(_) => (-1, None),
        };
        let reason = if exit_code == 0 { "Completed" } else { "Error" };
        let ended = ContainerStateTerminated {
            exit_code,
            signal,
            reason: Some(reason.into()),
            started_at: Some(started_at),
            finished_at: Some(now()),
            container_id: Some(format!("k8sm://{pod_uid}/{}/{restarts}", container.name)),
            message: termination_message(container, &pod.dir, &log, exit_code).or(message),
        };
        pod.set_container(slot, |s| {
            s.ready = false;
            s.started = Some(false);
            s.state = Some(ContainerState {
                terminated: Some(ended.clone()),
                ..Default::default()
            });
        });
        if killed {
            return End::Killed;
        }
        let restart = match pod.restart_policy.as_str() {
            "Never" => false,
            "OnFailure" => exit_code != 0,
            _ => true,
        };
        // An init container that succeeded is done, whatever the policy; one that failed is
        // retried unless the pod never restarts.
        let restart = restart && !(init && exit_code == 0);
        if !restart {
            return if exit_code == 0 {
                End::Done
            } else {
                End::Failed(format!(
                    "container {} exited with code {exit_code}",
                    container.name
                ))
            };
        }
        if started.elapsed() >= BACKOFF_RESET {
            backoff_step = 0;
        }
        let wait = backoff(backoff_step);
        backoff_step = backoff_step.saturating_add(1);
        if !wait.is_zero() {
            let message = format!(
                "back-off {}s restarting failed container={} pod={pod_name}_{pod_ns}({pod_uid})",
                wait.as_secs(),
                container.name
            );
            pod.set_container(slot, |s| {
                s.last_state = Some(ContainerState {
                    terminated: Some(ended.clone()),
                    ..Default::default()
                });
                s.state = Some(ContainerState {
                    waiting: Some(ContainerStateWaiting {
                        reason: Some("CrashLoopBackOff".into()),
                        message: Some(message),
                    }),
                    ..Default::default()
                });
            });
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = wait_for_kill(&mut kill) => return End::Killed,
            }
        }
        restarts += 1;
        pod.set_container(slot, |s| {
            s.restart_count = restarts;
            s.last_state = Some(ContainerState {
                terminated: Some(ended),
                ..Default::default()
            });
        });
    }
}

/// Stops a container as the kubelet does (`killContainer`): its preStop hook first, within
/// the grace period; then SIGTERM to its group; then, once what is left of the grace period
/// (at least 2 s after a preStop hook) has passed, SIGKILL.
async fn terminate(
    pgid: u32,
    child: &mut tokio::process::Child,
    grace: Duration,
    container: &Container,
    target: &probe::Target<'_>,
) -> std::io::Result<std::process::ExitStatus> {
    let begun = Instant::now();
    let mut remaining = grace;
    if let Some(hook) = container
        .lifecycle
        .as_ref()
        .and_then(|l| l.pre_stop.as_ref())
    {
        let action = probe::Action::of_hook(hook);
        let hook = action.run(target);
        tokio::select! {
            outcome = tokio::time::timeout(grace, hook) => {
                if let Ok(Err(error)) = outcome {
                    tracing::warn!(container = %container.name, %error, "preStop hook failed");
                }
            }
            status = child.wait() => return status,
        }
        // `kubernetes: pkg/kubelet/kuberuntime/kuberuntime_container.go`
        // `minimumGracePeriodInSeconds`: SIGTERM always gets 2 s after the hook.
        remaining = grace
            .saturating_sub(begun.elapsed())
            .max(Duration::from_secs(2));
    }
    signal_group(pgid, Signal::SIGTERM);
    match tokio::time::timeout(remaining, child.wait()).await {
        Ok(status) => status,
        Err(_) => {
            signal_group(pgid, Signal::SIGKILL);
            child.wait().await
        }
    }
}

/// The kubelet's limits on a termination message: 4 KiB from the file; from the log, the
/// last 80 lines within 2 KiB (`kubernetes: pkg/kubelet/kuberuntime/kuberuntime_container.go`
/// `maxMessageLength`, `kubecontainer.MaxContainerTerminationMessageLogLines`).
const MAX_MESSAGE: usize = 4096;
const MAX_LOG_MESSAGE_LINES: usize = 80;
const MAX_LOG_MESSAGE: usize = 2048;

/// What a container left as its termination message: the file at `terminationMessagePath`
/// (containers share the host's filesystem in executor mode, so the default
/// `/dev/termination-log` is not read: a pod must name a path it can write), else, under
/// `FallbackToLogsOnError` and a non-zero exit, the end of its log.
fn termination_message(
    container: &Container,
    pod_dir: &Path,
    log: &Path,
    exit_code: i32,
) -> Option<String> {
    let path = container
        .termination_message_path
        .as_deref()
        .filter(|p| !p.is_empty() && *p != "/dev/termination-log");
    if let Some(path) = path {
        let path = probe::cwd(container, pod_dir).join(path);
        if let Ok(meta) = std::fs::symlink_metadata(&path) {
            if meta.is_file() {
                use std::io::Read;
                let mut text = String::new();
                if let Ok(file) = std::fs::File::open(&path) {
                    let _ = file.take(MAX_MESSAGE as u64).read_to_string(&mut text);
                }
                if !text.is_empty() {
                    return Some(text);
                }
            }
        }
    }
    let fallback = container.termination_message_policy.as_deref() == Some("FallbackToLogsOnError");
    if fallback && exit_code != 0 {
        let text = std::fs::read(log).ok()?;
        let tail_start = text.len().saturating_sub(64 * 1024);
        let text = String::from_utf8_lossy(&text[tail_start..]);
        let lines: Vec<&str> = text.lines().collect();
        let mut message = lines[lines.len().saturating_sub(MAX_LOG_MESSAGE_LINES)..].join("\n");
        if message.len() > MAX_LOG_MESSAGE {
            let mut cut = message.len() - MAX_LOG_MESSAGE;
            while !message.is_char_boundary(cut) {
                cut += 1;
            }
            message = message[cut..].to_string();
        }
        return (!message.is_empty()).then_some(message);
    }
    None
}

/// The probes' view of one container of the pod.
struct SlotReport<'a> {
    pod: &'a Pod,
    slot: Slot,
}

impl probe::ProbeReport for SlotReport<'_> {
    fn started(&self) {
        self.pod
            .set_container(self.slot, |s| s.started = Some(true));
    }

    fn ready(&self, ready: bool) {
        self.pod.set_container(self.slot, |s| s.ready = ready);
    }

    fn failed(&self, probe: &'static str, message: &str) {
        let container = self.pod.container_name(self.slot);
        self.pod.failures.send_modify(|failures| {
            match failures
                .iter_mut()
                .find(|f| f.container == container && f.probe == probe)
            {
                Some(failure) => {
                    failure.count += 1;
                    failure.message = message.to_string();
                }
                None => failures.push(ProbeFailure {
                    container,
                    probe: probe.into(),
                    count: 1,
                    message: message.to_string(),
                }),
            }
        });
    }
}

/// Resolves with the grace period once a kill is asked for.
async fn wait_for_kill(kill: &mut watch::Receiver<Option<Duration>>) -> Duration {
    loop {
        if let Some(grace) = *kill.borrow_and_update() {
            return grace;
        }
        if kill.changed().await.is_err() {
            // The pod's handle is gone: nobody can ask any more, so never.
            std::future::pending::<()>().await;
        }
    }
}

fn spawn(
    pod: &Pod,
    container: &Container,
    env: &BTreeMap<String, String>,
    argv: &[String],
    cwd: &Path,
    log: &Path,
) -> Result<tokio::process::Child, String> {
    if let Some(parent) = log.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let out = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .map_err(|e| format!("cannot open the log {}: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("cannot share the log {}: {e}", log.display()))?;
    std::fs::create_dir_all(cwd)
        .map_err(|e| format!("cannot create workingDir {}: {e}", cwd.display()))?;
    let mut command = match &pod.shim {
        Some(shim) => {
            let mut command = Command::new(shim);
            command
                .arg("container-shim")
                .arg("--log")
                .arg(log)
                .arg("--log-max-size")
                .arg(pod.log_limits.max_bytes.to_string())
                .arg("--log-max-files")
                .arg(pod.log_limits.max_files.to_string())
                .arg("--")
                .args(argv);
            command
        }
        None => {
            let mut command = Command::new(&argv[0]);
            command.args(&argv[1..]);
            command
        }
    };
    command
        .env_clear()
        .env("PATH", DEFAULT_PATH)
        .env(
            "HOSTNAME",
            pod.task.pod.metadata.name.clone().unwrap_or_default(),
        )
        .envs(env)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .process_group(0)
        .kill_on_drop(false);
    command.spawn().map_err(|e| match &pod.shim {
        // The shim did not start: naming the container's program would mislead.
        Some(shim) => format!(
            "cannot start the container shim {} for container {} ({:?}): {e}",
            shim.display(),
            container.name,
            argv[0]
        ),
        None => format!(
            "cannot start {:?} for container {}: {e}",
            argv[0], container.name
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kubelets_back_off() {
        assert_eq!(backoff(0), Duration::ZERO);
        assert_eq!(backoff(1), Duration::from_secs(10));
        assert_eq!(backoff(2), Duration::from_secs(20));
        assert_eq!(backoff(5), Duration::from_secs(160));
        assert_eq!(backoff(6), Duration::from_secs(300));
        assert_eq!(backoff(60), Duration::from_secs(300));
    }
}
