//! `HealthChecker`: interprets each check's result as healthy or not and decides what to
//! report. Failures within `grace_period_seconds` of the launch are ignored until the first
//! success; the first success (and the first after failures) reports healthy; every counted
//! failure reports unhealthy, and the one that reaches `consecutive_failures` asks for the
//! kill. `mesos: src/checks/health_checker.cpp`.

use std::time::Duration;

use mesos_sdk::v1::CheckStatusInfo;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::{CheckEvent, HealthPlan, probe, wait};

/// The health of one task as the checker tracks it.
#[derive(Debug)]
struct Health {
    start: Instant,
    grace_period: Duration,
    limit: u32,
    consecutive_failures: u32,
    /// No success yet.
    initializing: bool,
}

impl Health {
    /// `HealthChecker::success`: what to report, if anything.
    fn success(&mut self) -> Option<CheckEvent> {
        let report =
            (self.initializing || self.consecutive_failures > 0).then_some(CheckEvent::Health {
                healthy: true,
                kill_task: false,
            });
        self.initializing = false;
        self.consecutive_failures = 0;
        report
    }

    /// `HealthChecker::failure`: what to report, if anything.
    fn failure(&mut self, now: Instant) -> Option<CheckEvent> {
        if self.initializing
            && !self.grace_period.is_zero()
            && now.saturating_duration_since(self.start) <= self.grace_period
        {
            return None;
        }
        self.consecutive_failures = self.consecutive_failures.saturating_add(1);
        Some(CheckEvent::Health {
            healthy: false,
            kill_task: self.consecutive_failures >= self.limit,
        })
    }
}

/// `interpretCheckStatusInfo`: exit code 0, an HTTP status in [200, 400), a TCP connection.
fn interpret(result: &CheckStatusInfo) -> Result<(), String> {
    if let Some(command) = &result.command {
        let code = command.exit_code.unwrap_or(0);
        if code != 0 {
            return Err(format!("Command exited with status {code}"));
        }
    } else if let Some(http) = &result.http {
        let code = http.status_code.unwrap_or(0);
        if !(200..400).contains(&code) {
            return Err(format!("Unexpected HTTP response code: {code}"));
        }
    } else if let Some(tcp) = &result.tcp
        && !tcp.succeeded.unwrap_or(false)
    {
        return Err("TCP connection failed".into());
    }
    Ok(())
}

/// Runs a task's health check until the runner drops it.
pub(super) async fn run(plan: HealthPlan, task_id: String, events: mpsc::Sender<CheckEvent>) {
    // The grace period counts from the checker's creation, right after the task's launch.
    let mut health = Health {
        start: Instant::now(),
        grace_period: plan.grace_period,
        limit: plan.consecutive_failures,
        consecutive_failures: 0,
        initializing: true,
    };
    let name = plan.probe.kind();
    wait(plan.schedule.delay).await;
    loop {
        let result = probe::perform(&plan.probe, plan.schedule.timeout).await;
        let event = match result.and_then(|status| interpret(&status)) {
            Ok(()) => health.success(),
            Err(error) => {
                tracing::warn!(task_id = %task_id, %error, "{name} health check failed");
                health.failure(Instant::now())
            }
        };
        if let Some(event) = event
            && events.send(event).await.is_err()
        {
            return;
        }
        wait(plan.schedule.interval).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn health(grace_period: Duration, limit: u32) -> Health {
        Health {
            start: Instant::now(),
            grace_period,
            limit,
            consecutive_failures: 0,
            initializing: true,
        }
    }

    fn report(event: Option<CheckEvent>) -> Option<(bool, bool)> {
        event.map(|e| match e {
            CheckEvent::Health { healthy, kill_task } => (healthy, kill_task),
            CheckEvent::Check(_) => panic!("not a health event"),
        })
    }

    #[test]
    fn reports_first_success_and_every_counted_failure() {
        let mut h = health(Duration::ZERO, 3);
        let now = Instant::now();
        assert_eq!(report(h.success()), Some((true, false)));
        assert_eq!(report(h.success()), None, "only the first success");
        assert_eq!(report(h.failure(now)), Some((false, false)));
        assert_eq!(report(h.success()), Some((true, false)), "recovered");
        assert_eq!(report(h.failure(now)), Some((false, false)));
        assert_eq!(report(h.failure(now)), Some((false, false)));
        assert_eq!(report(h.failure(now)), Some((false, true)));
        assert_eq!(report(h.failure(now)), Some((false, true)));
    }

    #[test]
    fn grace_period_hides_failures_until_the_first_success() {
        let mut h = health(Duration::from_secs(10), 1);
        let start = h.start;
        assert_eq!(report(h.failure(start + Duration::from_secs(5))), None);
        assert_eq!(
            report(h.failure(start + Duration::from_secs(11))),
            Some((false, true)),
            "after the grace period failures count even without a success"
        );
        let mut h = health(Duration::from_secs(10), 1);
        assert_eq!(report(h.success()), Some((true, false)));
        assert_eq!(
            report(h.failure(h.start)),
            Some((false, true)),
            "after a success the grace period is over"
        );
    }

    #[test]
    fn zero_consecutive_failures_kills_at_the_first() {
        let mut h = health(Duration::ZERO, 0);
        assert_eq!(report(h.failure(Instant::now())), Some((false, true)));
    }

    #[test]
    fn interpretation() {
        use mesos_sdk::v1::check_status_info::{Command, Http, Tcp};
        let http = |code| CheckStatusInfo {
            http: Some(Http {
                status_code: Some(code),
            }),
            ..Default::default()
        };
        assert!(interpret(&http(200)).is_ok());
        assert!(interpret(&http(399)).is_ok());
        assert!(interpret(&http(400)).is_err());
        assert!(interpret(&http(199)).is_err());
        let command = |code| CheckStatusInfo {
            command: Some(Command {
                exit_code: Some(code),
            }),
            ..Default::default()
        };
        assert!(interpret(&command(0)).is_ok());
        assert!(interpret(&command(1)).is_err());
        let tcp = |ok| CheckStatusInfo {
            tcp: Some(Tcp {
                succeeded: Some(ok),
            }),
            ..Default::default()
        };
        assert!(interpret(&tcp(true)).is_ok());
        assert!(interpret(&tcp(false)).is_err());
    }
}
