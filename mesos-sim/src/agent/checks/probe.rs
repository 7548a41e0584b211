//! Performing one check, as `CheckerProcess` does for a task on the host: a COMMAND check
//! runs its command (exit code), an HTTP check GETs `scheme://127.0.0.1:port/path` (status
//! code, see `http`), a TCP check connects to `127.0.0.1:port` (whether it could). A check
//! that could not be performed at all (it timed out, its command could not start, the HTTP
//! request failed) is an error. `mesos: src/checks/checker_process.cpp`.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use mesos_sdk::duration::format_duration;
use mesos_sdk::v1::{CheckStatusInfo, CommandInfo, check_info, check_status_info};

use crate::agent::process::{self, Host};

/// What a check does.
#[derive(Debug)]
pub(super) enum Probe {
    /// Runs `command` in `sandbox` with `environment` and the command's own variables.
    Command {
        command: CommandInfo,
        environment: Vec<(String, String)>,
        sandbox: PathBuf,
        /// Where the command's process group is registered while it runs.
        host: Arc<Host>,
    },
    /// GETs `scheme://127.0.0.1:port/path` (`[::1]` for IPv6).
    Http {
        scheme: String,
        ipv6: bool,
        port: u32,
        path: String,
    },
    /// Connects to `127.0.0.1:port`.
    Tcp { port: u32 },
}

impl Probe {
    /// The check's type name, for logs (`COMMAND`, `HTTP`, `TCP`).
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Probe::Command { .. } => "COMMAND",
            Probe::Http { .. } => "HTTP",
            Probe::Tcp { .. } => "TCP",
        }
    }
}

/// Performs the check once within `timeout`.
pub(super) async fn perform(
    probe: &Probe,
    timeout: Option<Duration>,
) -> Result<CheckStatusInfo, String> {
    match probe {
        Probe::Command {
            command,
            environment,
            sandbox,
            host,
        } => {
            let code = command_check(command, environment, sandbox, host, timeout).await?;
            Ok(CheckStatusInfo {
                r#type: Some(check_info::Type::Command as i32),
                command: Some(check_status_info::Command {
                    exit_code: Some(code),
                }),
                ..Default::default()
            })
        }
        Probe::Http {
            scheme,
            ipv6,
            port,
            path,
        } => {
            let code = within(
                timeout,
                "curl",
                super::http::get(scheme, *ipv6, *port, path),
            )
            .await??;
            Ok(CheckStatusInfo {
                r#type: Some(check_info::Type::Http as i32),
                http: Some(check_status_info::Http {
                    status_code: Some(code),
                }),
                ..Default::default()
            })
        }
        Probe::Tcp { port } => {
            // `mesos-tcp-connect --port` takes a `uint16_t`: the port is truncated as upstream's
            // `static_cast` does. Any failure to connect is a result (`succeeded: false`),
            // only a timeout is an error.
            let address = SocketAddr::from((Ipv4Addr::LOCALHOST, *port as u16));
            let connected = within(
                timeout,
                "mesos-tcp-connect",
                tokio::net::TcpStream::connect(address),
            )
            .await?
            .is_ok();
            Ok(CheckStatusInfo {
                r#type: Some(check_info::Type::Tcp as i32),
                tcp: Some(check_status_info::Tcp {
                    succeeded: Some(connected),
                }),
                ..Default::default()
            })
        }
    }
}

/// Runs `future` within `timeout` (none: no limit); the error names `what` timed out.
async fn within<F: Future>(
    timeout: Option<Duration>,
    what: &str,
    future: F,
) -> Result<F::Output, String> {
    match timeout {
        Some(timeout) => tokio::time::timeout(timeout, future)
            .await
            .map_err(|_| format!("{what} timed out after {}", format_duration(timeout))),
        None => Ok(future.await),
    }
}

/// `commandCheck`: the command's exit code. Its output goes to the sandbox's `stderr`, as
/// upstream's goes to the executor's.
async fn command_check(
    command_info: &CommandInfo,
    environment: &[(String, String)],
    sandbox: &std::path::Path,
    host: &Arc<Host>,
    timeout: Option<Duration>,
) -> Result<i32, String> {
    let mut command =
        process::command(command_info).map_err(|e| format!("Failed to create subprocess: {e}"))?;
    command.envs(environment.iter().map(|(k, v)| (k, v)));
    // The check command's variables win; upstream copies each `value()`, empty if unset.
    if let Some(env) = &command_info.environment {
        for variable in &env.variables {
            command.env(
                &variable.name,
                variable.value.as_deref().unwrap_or_default(),
            );
        }
    }
    let output = || {
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(sandbox.join("stderr"))
            .map(Stdio::from)
            .unwrap_or_else(|_| Stdio::null())
    };
    command
        .current_dir(sandbox)
        .stdin(Stdio::null())
        .stdout(output())
        .stderr(output());
    let mut child = process::spawn_check(&mut command, host)
        .map_err(|e| format!("Failed to create subprocess: {e}"))?;
    // A check that times out or is stopped drops `child`, which kills the command's process
    // group (upstream `os::killtree(pid, SIGKILL)`).
    let status = within(timeout, "Command", child.wait())
        .await?
        .map_err(|e| format!("Failed to reap the command process: {e}"))?;
    match status.code() {
        Some(code) => Ok(code),
        None => {
            use std::os::unix::process::ExitStatusExt;
            Err(format!(
                "Command terminated with signal {}",
                status.signal().unwrap_or(0)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tcp_connects_or_reports_failure() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = u32::from(listener.local_addr().unwrap().port());
        let up = perform(&Probe::Tcp { port }, Some(Duration::from_secs(5)))
            .await
            .unwrap();
        assert_eq!(up.tcp.unwrap().succeeded, Some(true));
        drop(listener);
        let down = perform(&Probe::Tcp { port }, Some(Duration::from_secs(5)))
            .await
            .unwrap();
        assert_eq!(down.tcp.unwrap().succeeded, Some(false));
    }

    #[tokio::test]
    async fn command_exit_codes_and_timeouts() {
        let sandbox =
            std::env::temp_dir().join(format!("mesos-sim-probe-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&sandbox).unwrap();
        let host = Arc::new(Host::default());
        let probe = |value: &str| Probe::Command {
            command: CommandInfo {
                value: Some(value.into()),
                environment: Some(mesos_sdk::v1::Environment {
                    variables: vec![mesos_sdk::v1::environment::Variable {
                        name: "CHECK_CODE".into(),
                        value: Some("3".into()),
                        ..Default::default()
                    }],
                }),
                ..Default::default()
            },
            environment: vec![("CHECK_CODE".into(), "9".into())],
            sandbox: sandbox.clone(),
            host: host.clone(),
        };
        let status = perform(&probe("exit $CHECK_CODE"), None).await.unwrap();
        assert_eq!(status.command.unwrap().exit_code, Some(3));
        assert_eq!(host.len(), 0, "a reaped command is no longer registered");
        // The shell's child is in its group: the timeout kills it too.
        let error = perform(
            &probe("sleep 30 & echo $! > child; wait"),
            Some(Duration::from_secs(2)),
        )
        .await
        .unwrap_err();
        assert_eq!(error, "Command timed out after 2secs");
        assert_eq!(host.len(), 0, "a killed command is no longer registered");
        let child = std::fs::read_to_string(sandbox.join("child")).unwrap();
        let stat = PathBuf::from(format!("/proc/{}/stat", child.trim()));
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        // Dead, or a zombie nobody has reaped yet.
        while std::fs::read_to_string(&stat).is_ok_and(|s| !s.contains(") Z ")) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the check's child survived"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let _ = std::fs::remove_dir_all(&sandbox);
    }
}
