//! `TaskInfo.health_check` and `TaskInfo.check` as the built-in executors run them: each
//! is a background job that waits `delay_seconds`, then performs the check (COMMAND, HTTP or
//! TCP, see `probe`), interprets the result and waits `interval_seconds` after each one.
//! Health checks report healthy/unhealthy (see `health`); checks report their result
//! whenever it changes. The task's runner turns what they report into status updates and
//! stops them (by dropping the [`Monitor`]) once it kills the task or the task ends.
//! `mesos: src/checks/checker_process.cpp`, `src/checks/checker.cpp`,
//! `src/checks/health_checker.cpp`.

mod health;
mod http;
mod probe;

use std::time::Duration;

use mesos_sdk::v1::{CheckInfo, CheckStatusInfo, HealthCheck, TaskInfo, check_info, health_check};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::launch::LaunchSpec;
use probe::Probe;

/// What a running check reports to the task's runner.
#[derive(Debug)]
pub(crate) enum CheckEvent {
    /// A health update (`TaskHealthStatus`): on the first success, on the first success
    /// after failures, and on every failure counted (the last of which asks for the kill).
    Health {
        /// Whether the task is healthy.
        healthy: bool,
        /// The consecutive failures reached `consecutive_failures`: kill the task.
        kill_task: bool,
    },
    /// The check's result changed.
    Check(CheckStatusInfo),
}

/// When a check runs: `delay_seconds` before the first one, `interval_seconds` after each
/// one, each given `timeout_seconds` (zero: no limit).
#[derive(Clone, Copy, Debug)]
struct Schedule {
    delay: Duration,
    interval: Duration,
    timeout: Option<Duration>,
}

impl Schedule {
    /// The defaults are `mesos.proto`'s for both `HealthCheck` and `CheckInfo`: delay 15 s,
    /// interval 10 s, timeout 20 s.
    fn new(delay: Option<f64>, interval: Option<f64>, timeout: Option<f64>) -> Schedule {
        let timeout = seconds(timeout, 20.0);
        Schedule {
            delay: seconds(delay, 15.0),
            interval: seconds(interval, 10.0),
            // `CheckerProcess`: "Zero value means infinite timeout".
            timeout: (!timeout.is_zero()).then_some(timeout),
        }
    }
}

/// Seconds from a TaskInfo as a duration, saturating: the master only rejects negative
/// values, so NaN reads as zero and anything too large as the longest duration.
fn seconds(value: Option<f64>, default: f64) -> Duration {
    let value = value.unwrap_or(default);
    if value.is_nan() || value <= 0.0 {
        Duration::ZERO
    } else {
        Duration::try_from_secs_f64(value).unwrap_or(Duration::MAX)
    }
}

/// A health check ready to run.
#[derive(Debug)]
struct HealthPlan {
    probe: Probe,
    schedule: Schedule,
    /// `consecutive_failures`, default 3.
    consecutive_failures: u32,
    /// `grace_period_seconds`, default 10.
    grace_period: Duration,
}

/// A check ready to run.
#[derive(Debug)]
struct CheckPlan {
    probe: Probe,
    schedule: Schedule,
    /// The check's type, for the empty result a failed check reports.
    kind: check_info::Type,
}

/// A task's health check and check, taken from its TaskInfo before the launch spec goes.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    health: Option<HealthPlan>,
    check: Option<CheckPlan>,
}

impl Plan {
    /// The task's checks. COMMAND checks run in the task's sandbox with the task's
    /// environment (the executor's, which carries the task's command environment) and the
    /// check command's own variables on top.
    pub(crate) fn new(spec: &LaunchSpec) -> Plan {
        let task = &spec.task;
        let mut environment = None;
        let mut environment = || {
            environment
                .get_or_insert_with(|| spec.environment())
                .clone()
        };
        let health = task.health_check.as_ref().and_then(|h| {
            Some(HealthPlan {
                probe: health_probe(h, spec, &mut environment)?,
                schedule: Schedule::new(h.delay_seconds, h.interval_seconds, h.timeout_seconds),
                consecutive_failures: h.consecutive_failures.unwrap_or(3),
                grace_period: seconds(h.grace_period_seconds, 10.0),
            })
        });
        let check = task.check.as_ref().and_then(|c| {
            Some(CheckPlan {
                probe: check_probe(c, spec, &mut environment)?,
                schedule: Schedule::new(c.delay_seconds, c.interval_seconds, c.timeout_seconds),
                kind: check_kind(task)?,
            })
        });
        Plan { health, check }
    }
}

/// The type of the task's check, if it has a valid one.
pub(crate) fn check_kind(task: &TaskInfo) -> Option<check_info::Type> {
    task.check
        .as_ref()
        .and_then(|c| c.r#type)
        .and_then(|t| check_info::Type::try_from(t).ok())
        .filter(|t| *t != check_info::Type::Unknown)
}

/// The check status every update of a checked task carries until the check has a result,
/// and what a check that could not be performed reports: its type and an empty result
/// (`createEmptyCheckStatusInfo`).
pub(crate) fn empty_check_status(kind: check_info::Type) -> CheckStatusInfo {
    use mesos_sdk::v1::check_status_info::{Command, Http, Tcp};
    let mut status = CheckStatusInfo {
        r#type: Some(kind as i32),
        ..Default::default()
    };
    match kind {
        check_info::Type::Command => status.command = Some(Command::default()),
        check_info::Type::Http => status.http = Some(Http::default()),
        check_info::Type::Tcp => status.tcp = Some(Tcp::default()),
        check_info::Type::Unknown => {}
    }
    status
}

/// `HealthChecker`'s `toCheckInfo`, with the HTTP scheme and the IPv6 choice it keeps aside.
fn health_probe(
    check: &HealthCheck,
    spec: &LaunchSpec,
    environment: &mut dyn FnMut() -> Vec<(String, String)>,
) -> Option<Probe> {
    use mesos_sdk::v1::network_info::Protocol;
    let kind = health_check::Type::try_from(check.r#type?).ok()?;
    Some(match kind {
        health_check::Type::Command => Probe::Command {
            command: check.command.clone()?,
            environment: environment(),
            sandbox: spec.sandbox.clone(),
            host: spec.host.clone(),
        },
        health_check::Type::Http => {
            let http = check.http.as_ref()?;
            Probe::Http {
                scheme: http.scheme.clone().unwrap_or_else(|| "http".into()),
                ipv6: http.protocol == Some(Protocol::IPv6 as i32),
                port: http.port,
                path: http.path.clone().unwrap_or_default(),
            }
        }
        // The TCP check ignores `protocol`: `checkInfoToCheck` builds `check::Tcp` without
        // the IPv6 flag, so it always connects to 127.0.0.1.
        health_check::Type::Tcp => Probe::Tcp {
            port: check.tcp.as_ref()?.port,
        },
        health_check::Type::Unknown => return None,
    })
}

/// `checkInfoToCheck` for a `CheckInfo`: HTTP checks always use `http` over IPv4.
fn check_probe(
    check: &CheckInfo,
    spec: &LaunchSpec,
    environment: &mut dyn FnMut() -> Vec<(String, String)>,
) -> Option<Probe> {
    let kind = check_info::Type::try_from(check.r#type?).ok()?;
    Some(match kind {
        check_info::Type::Command => Probe::Command {
            command: check.command.as_ref()?.command.clone(),
            environment: environment(),
            sandbox: spec.sandbox.clone(),
            host: spec.host.clone(),
        },
        check_info::Type::Http => {
            let http = check.http.as_ref()?;
            Probe::Http {
                scheme: "http".into(),
                ipv6: false,
                port: http.port,
                path: http.path.clone().unwrap_or_default(),
            }
        }
        check_info::Type::Tcp => Probe::Tcp {
            port: check.tcp.as_ref()?.port,
        },
        check_info::Type::Unknown => return None,
    })
}

/// The running checks of one task. Dropping it stops them (the executors' `pause()`), an
/// in-flight check command included.
#[derive(Debug)]
pub(crate) struct Monitor {
    events: mpsc::Receiver<CheckEvent>,
    /// Keeps the channel open when no check runs, so that `next` waits forever.
    _open: mpsc::Sender<CheckEvent>,
    jobs: Vec<JoinHandle<()>>,
}

impl Monitor {
    /// Starts the planned checks now (the task has just been launched).
    pub(crate) fn start(plan: Plan, task_id: &str) -> Monitor {
        let (sender, events) = mpsc::channel(16);
        let mut jobs = Vec::new();
        if let Some(health) = plan.health {
            jobs.push(tokio::spawn(health::run(
                health,
                task_id.to_string(),
                sender.clone(),
            )));
        }
        if let Some(check) = plan.check {
            jobs.push(tokio::spawn(run_check(
                check,
                task_id.to_string(),
                sender.clone(),
            )));
        }
        Monitor {
            events,
            _open: sender,
            jobs,
        }
    }

    /// What the checks report next.
    pub(crate) async fn next(&mut self) -> Option<CheckEvent> {
        self.events.recv().await
    }
}

impl Drop for Monitor {
    fn drop(&mut self) {
        for job in &self.jobs {
            job.abort();
        }
    }
}

/// Waits for the next check: `delay` or `interval`. A zero interval checks back to back, as
/// upstream does; yielding keeps such a loop from starving the runtime.
async fn wait(duration: Duration) {
    if duration.is_zero() {
        tokio::task::yield_now().await;
    } else {
        tokio::time::sleep(duration).await;
    }
}

/// `Checker`: reports the check's result whenever it differs from the previous one; a check
/// that could not be performed counts as the empty result. The first comparison is against
/// the empty result the task's statuses already carry.
async fn run_check(plan: CheckPlan, task_id: String, events: mpsc::Sender<CheckEvent>) {
    let empty = empty_check_status(plan.kind);
    let mut previous = empty;
    wait(plan.schedule.delay).await;
    loop {
        let status = match probe::perform(&plan.probe, plan.schedule.timeout).await {
            Ok(status) => status,
            Err(error) => {
                tracing::warn!(task_id = %task_id, %error, "{} check failed", plan.probe.kind());
                empty
            }
        };
        if status != previous {
            previous = status;
            if events.send(CheckEvent::Check(status)).await.is_err() {
                return;
            }
        }
        wait(plan.schedule.interval).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_saturate() {
        assert_eq!(seconds(None, 15.0), Duration::from_secs(15));
        assert_eq!(seconds(Some(0.2), 15.0), Duration::from_millis(200));
        assert_eq!(seconds(Some(f64::NAN), 15.0), Duration::ZERO);
        assert_eq!(seconds(Some(-1.0), 15.0), Duration::ZERO);
        assert_eq!(seconds(Some(f64::INFINITY), 15.0), Duration::MAX);
        assert_eq!(seconds(Some(1e300), 15.0), Duration::MAX);
        let schedule = Schedule::new(None, None, Some(0.0));
        assert_eq!(schedule.timeout, None, "zero means no timeout");
        assert_eq!(schedule.delay, Duration::from_secs(15));
        assert_eq!(schedule.interval, Duration::from_secs(10));
        assert_eq!(
            Schedule::new(None, None, None).timeout,
            Some(Duration::from_secs(20))
        );
    }

    #[test]
    fn empty_statuses_carry_their_type() {
        let http = empty_check_status(check_info::Type::Http);
        assert_eq!(http.r#type, Some(check_info::Type::Http as i32));
        assert_eq!(http.http, Some(Default::default()));
        assert!(http.command.is_none() && http.tcp.is_none());
    }
}
