//! Starting executor and task processes: sandbox directory, `stdout`/`stderr` files, the
//! environment, a process group of their own so signals reach every descendant.
//!
//! Every process the agents start leads a group of its own, held by a [`GroupLeader`]: until
//! the leader is reaped its group is killed whenever the leader is let go of (a runtime that
//! shuts down drops its tasks without running them on), and the cluster kills every group
//! still running when it is dropped ([`ProcessGroups::kill_all`]). Killing the shell alone
//! would leave what it started (`sh -c 'sleep 100'`) running behind the cluster. A container's
//! process (an executor's, a command task's) also takes what is left of its group with it
//! when it exits, as the agent destroys the container.

use std::collections::HashSet;
use std::io;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};

use mesos_sdk::v1::CommandInfo;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::process::{Child, Command};

/// The process groups of one cluster whose leaders are not reaped yet.
#[derive(Debug, Default)]
pub(crate) struct ProcessGroups(Mutex<HashSet<u32>>);

impl ProcessGroups {
    fn set(&self) -> std::sync::MutexGuard<'_, HashSet<u32>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// SIGKILLs every group still registered. A leader not yet reaped keeps its process id
    /// from being reused, so no other process can be hit.
    pub(crate) fn kill_all(&self) {
        for pgid in self.set().drain() {
            kill_group(pgid, Signal::SIGKILL);
        }
    }

    /// How many groups are running.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.set().len()
    }
}

/// Sends `signal` to process group `pgid`; a group that is gone already is not an error.
fn kill_group(pgid: u32, signal: Signal) {
    if let Ok(pgid) = i32::try_from(pgid) {
        let _ = killpg(Pid::from_raw(pgid), signal);
    }
}

/// A spawned process leading its own group. While it is not reaped, [`signal`](Self::signal)
/// reaches its whole group, and dropping it kills the group; once [`wait`](Self::wait) has
/// reaped it, nothing is signalled any more (its id may be reused).
#[derive(Debug)]
pub(crate) struct GroupLeader {
    child: Child,
    /// The group's id (the leader's process id) until the leader is reaped.
    pgid: Option<u32>,
    groups: Arc<ProcessGroups>,
    /// The process of a container: what is left of its group goes when it exits.
    container: bool,
}

impl GroupLeader {
    fn new(child: Child, groups: &Arc<ProcessGroups>, container: bool) -> Self {
        let pgid = child.id();
        if let Some(pgid) = pgid {
            groups.set().insert(pgid);
        }
        GroupLeader {
            child,
            pgid,
            groups: Arc::clone(groups),
            container,
        }
    }

    /// Waits for the leader to exit and reaps it. For a container's process, what is left of
    /// its group is killed then: the container is destroyed once its process is gone, and the
    /// agent's launcher kills what the process started there and left behind (`mesos:
    /// src/slave/containerizer/mesos/launcher.cpp` `SubprocessLauncher::destroy`:
    /// `os::killtree(pid, SIGKILL, true, true)`, which for a root already gone signals the
    /// group it led). Cancel safe.
    pub(crate) async fn wait(&mut self) -> io::Result<ExitStatus> {
        let status = self.child.wait().await;
        if status.is_ok()
            && let Some(pgid) = self.pgid.take()
        {
            if self.container {
                // Right after the reaping, as upstream does: the group's id stays taken while
                // a member lives, and nothing can have reused it in between.
                kill_group(pgid, Signal::SIGKILL);
            }
            self.groups.set().remove(&pgid);
        }
        status
    }

    /// Sends `signal` to the group, unless its leader was reaped.
    pub(crate) fn signal(&self, signal: Signal) {
        if let Some(pgid) = self.pgid {
            kill_group(pgid, signal);
        }
    }
}

impl Drop for GroupLeader {
    fn drop(&mut self) {
        if let Some(pgid) = self.pgid.take() {
            self.groups.set().remove(&pgid);
            kill_group(pgid, Signal::SIGKILL);
        }
    }
}

/// Spawns `command` (through `sh -c` unless `shell` is false) in `sandbox`.
pub(crate) async fn spawn(
    sandbox: &Path,
    command_info: &CommandInfo,
    environment: Vec<(String, String)>,
    groups: &Arc<ProcessGroups>,
) -> Result<GroupLeader, String> {
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
        .stderr(stderr);
    spawn_leader(&mut command, groups, true).map_err(|e| format!("Failed to launch command: {e}"))
}

/// Spawns `command` as the leader of a process group of its own, registered in `groups`;
/// `container` for a container's own process (see [`GroupLeader::wait`]), not for a command
/// run beside it (a check's).
pub(crate) fn spawn_leader(
    command: &mut Command,
    groups: &Arc<ProcessGroups>,
    container: bool,
) -> io::Result<GroupLeader> {
    command
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map(|child| GroupLeader::new(child, groups, container))
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
