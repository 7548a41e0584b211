//! Starting executor and task processes: sandbox directory, `stdout`/`stderr` files, the
//! environment, a process group of their own so signals reach every descendant.

use std::path::Path;
use std::process::{ExitStatus, Stdio};

use mesos_sdk::v1::CommandInfo;
use tokio::process::{Child, Command};

/// Spawns `command` (through `sh -c` unless `shell` is false) in `sandbox`.
pub(crate) async fn spawn(
    sandbox: &Path,
    command_info: &CommandInfo,
    environment: Vec<(String, String)>,
) -> Result<Child, String> {
    tokio::fs::create_dir_all(sandbox)
        .await
        .map_err(|e| format!("Failed to create sandbox {}: {e}", sandbox.display()))?;
    link_latest_run(sandbox).await;
    let mut command = command(command_info)?;
    let stdout = tokio::fs::File::create(sandbox.join("stdout"))
        .await
        .map_err(|e| format!("Failed to create stdout: {e}"))?
        .into_std()
        .await;
    let stderr = tokio::fs::File::create(sandbox.join("stderr"))
        .await
        .map_err(|e| format!("Failed to create stderr: {e}"))?
        .into_std()
        .await;
    command
        .current_dir(sandbox)
        .envs(environment)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .process_group(0)
        .kill_on_drop(true);
    command
        .spawn()
        .map_err(|e| format!("Failed to launch command: {e}"))
}

/// Points `runs/latest` at a run directory `.../runs/<container id>`, replacing the link of
/// an earlier run, as `paths::createExecutorDirectory` does (`mesos: src/slave/paths.cpp`);
/// the agent's file browsing attaches the sandbox through it (see `files`).
async fn link_latest_run(sandbox: &Path) {
    let Some(runs) = sandbox
        .parent()
        .filter(|runs| runs.file_name().is_some_and(|name| name == "runs"))
    else {
        return;
    };
    let latest = runs.join("latest");
    let _ = tokio::fs::remove_file(&latest).await;
    if let Err(error) = tokio::fs::symlink(sandbox, &latest).await {
        tracing::warn!(%error, latest = %latest.display(), "cannot link the latest run");
    }
}

/// The process `command_info` describes: `sh -c value` for a shell command, else
/// `execvp(value, arguments)`.
pub(crate) fn command(command_info: &CommandInfo) -> Result<Command, String> {
    let value = command_info
        .value
        .clone()
        .ok_or_else(|| "Command is not specified".to_string())?;
    Ok(if command_info.shell.unwrap_or(true) {
        let mut c = Command::new("sh");
        c.arg("-c").arg(&value);
        c
    } else {
        // execvp(value, arguments): arguments[0] is argv[0].
        let mut c = Command::new(&value);
        c.args(command_info.arguments.iter().skip(1));
        c
    })
}

/// Sends `signal` (`TERM`, `KILL`) to the process group led by `pid`.
pub(crate) async fn signal_group(pid: u32, signal: &str) {
    // `kill -SIG -- -PGID` reaches the shell and everything it started.
    let _ = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg("--")
        .arg(format!("-{pid}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .await;
}

/// Whether the process succeeded, and the command executor's description of its end.
pub(crate) fn describe(status: ExitStatus) -> (bool, String) {
    use std::os::unix::process::ExitStatusExt;
    if let Some(code) = status.code() {
        (code == 0, format!("Command exited with status {code}"))
    } else {
        let signal = status.signal().unwrap_or(0);
        (false, format!("Command terminated with signal {signal}"))
    }
}
