//! Starting executor and task processes: sandbox directory, `stdout`/`stderr` files, the
//! environment, and a session of their own, as the agent's launcher gives every container
//! (`mesos: src/slave/containerizer/mesos/launcher.cpp`, `SubprocessLauncher::fork`:
//! `Subprocess::ChildHook::SETSID()`), so that signals reach everything the container's
//! process started, whatever process group it put it in.
//!
//! Each process is held by a [`Leader`]. Until the leader is reaped, its session (or, for a
//! check command, its process group) is killed whenever the leader is let go of (a runtime
//! that shuts down drops its tasks without running them on), and the cluster kills every
//! session still running when it is dropped ([`Host::shut_down`]): killing the shell
//! alone would leave what it started (`sh -c 'sleep 100; true'`) running behind the cluster.
//! A container's process also takes what is left of its session with it when it exits, as
//! the agent destroys the container (`SubprocessLauncher::destroy`: `os::killtree(pid,
//! SIGKILL, true, true)`, which for a root already gone signals the session and group it
//! led).
//!
//! No code here may be `unsafe`, so `setsid(2)` cannot run between fork and exec: a container's
//! process is started through util-linux's `setsid(1)`, which calls it and execs the command
//! in place (same process id: the child is not a group leader, so it does not fork). Where
//! that program is missing the process gets a group of its own instead.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex, OnceLock};

use mesos_sdk::v1::CommandInfo;
use nix::sys::signal::{Signal, kill, killpg};
use nix::unistd::Pid;
use tokio::process::{Child, Command};

/// How far a signal to a [`Leader`] reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Reach {
    /// Every process of the session it leads (a container's process).
    Session,
    /// Every process of the group it leads (a check command; a container's process where
    /// `setsid(1)` is missing).
    Group,
}

/// What one cluster's agents leave on the host: the leaders they started that are not reaped
/// yet, by process id, and the work folder when the cluster made it. Every launch holds it,
/// so when the last reference goes (a launch still under way when the cluster was dropped
/// ends or is dropped with its runtime) whatever that launch made goes too.
#[derive(Debug, Default)]
pub(crate) struct Host {
    leaders: Mutex<HashSet<(u32, Reach)>>,
    /// The work folder, removed with the cluster: the default one, not one the builder was
    /// given.
    owned_work_dir: Option<PathBuf>,
}

impl Host {
    /// The host of a cluster; `owned_work_dir` is its work folder if the cluster made it.
    pub(crate) fn new(owned_work_dir: Option<PathBuf>) -> Self {
        Host {
            leaders: Mutex::default(),
            owned_work_dir,
        }
    }

    fn set(&self) -> std::sync::MutexGuard<'_, HashSet<(u32, Reach)>> {
        self.leaders.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Kills every leader still running ([`kill_all`](Self::kill_all)), then removes the
    /// work folder if the cluster made it.
    pub(crate) fn shut_down(&self) {
        self.kill_all();
        if let Some(dir) = &self.owned_work_dir {
            // A launch still under way may be making a sandbox while the tree is removed
            // (the removal then fails on a folder no longer empty): a few tries. One that
            // makes it afterwards holds this host, and the last drop removes it again.
            for _ in 0..3 {
                match std::fs::remove_dir_all(dir) {
                    Err(error) if error.kind() != io::ErrorKind::NotFound => continue,
                    _ => break,
                }
            }
        }
    }

    /// SIGKILLs the session or group of every leader still registered. A leader not yet
    /// reaped keeps its process id from being reused, so no other process can be hit.
    pub(crate) fn kill_all(&self) {
        let leaders: Vec<(u32, Reach)> = self.set().drain().collect();
        for (id, reach) in &leaders {
            if *reach == Reach::Group {
                signal_group(*id, Signal::SIGKILL);
            }
        }
        let sessions: Vec<u32> = leaders
            .iter()
            .filter(|(_, reach)| *reach == Reach::Session)
            .map(|(id, _)| *id)
            .collect();
        kill_sessions(&sessions);
    }

    /// How many leaders are running.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.set().len()
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.shut_down();
    }
}

fn pid(id: u32) -> Option<Pid> {
    i32::try_from(id).ok().map(Pid::from_raw)
}

/// Sends `signal` to process group `pgid`; a group that is gone already is not an error.
fn signal_group(pgid: u32, signal: Signal) {
    if let Some(pgid) = pid(pgid) {
        let _ = killpg(pgid, signal);
    }
}

/// The live processes (zombies left out) whose session is one of `sessions`, read from
/// `/proc/<pid>/stat` as upstream's `os::processes` does.
fn session_members(sessions: &[u32]) -> Vec<u32> {
    let mut members = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return members;
    };
    for entry in entries.flatten() {
        let Some(id) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // `pid (comm) state ppid pgrp session ...`: comm may hold spaces and parentheses.
        let Some(fields) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        let mut fields = fields.split_whitespace();
        let state = fields.next();
        let session = fields.nth(2).and_then(|s| s.parse::<u32>().ok());
        if state != Some("Z") && session.is_some_and(|s| sessions.contains(&s)) {
            members.push(id);
        }
    }
    members
}

/// Sends `signal` to every process of the sessions led by `sessions` (their leaders may be
/// gone already).
fn signal_sessions(sessions: &[u32], signal: Signal) {
    for id in sessions {
        // The leader's own group first: most of a session, without reading `/proc`.
        signal_group(*id, signal);
    }
    for member in session_members(sessions).into_iter().filter_map(pid) {
        let _ = kill(member, signal);
    }
}

/// SIGKILLs every process of the sessions led by `sessions`: the leaders' groups, then what
/// `/proc` still lists in the sessions, again while a process forked meanwhile (or not yet
/// dead) is found (a few rounds: upstream stops each process before killing it for the same
/// reason). A session left empty costs one reading of `/proc`.
fn kill_sessions(sessions: &[u32]) {
    if sessions.is_empty() {
        return;
    }
    for id in sessions {
        signal_group(*id, Signal::SIGKILL);
    }
    for _ in 0..5 {
        let members = session_members(sessions);
        if members.is_empty() {
            return;
        }
        for member in members.into_iter().filter_map(pid) {
            let _ = kill(member, Signal::SIGKILL);
        }
    }
}

/// A spawned process leading its own session (a container's) or process group (a check
/// command's). While it is not reaped, [`signal`](Self::signal) reaches all of it, and
/// dropping it kills all of it; once [`wait`](Self::wait) has reaped it, nothing is signalled
/// any more (its id may be reused).
#[derive(Debug)]
pub(crate) struct Leader {
    child: Child,
    /// The leader's process id until it is reaped.
    id: Option<u32>,
    reach: Reach,
    host: Arc<Host>,
    /// The process of a container: what is left of its session goes when it exits.
    container: bool,
}

impl Leader {
    fn new(child: Child, reach: Reach, host: &Arc<Host>, container: bool) -> Self {
        let id = child.id();
        if let Some(id) = id {
            host.set().insert((id, reach));
        }
        Leader {
            child,
            id,
            reach,
            host: Arc::clone(host),
            container,
        }
    }

    /// Waits for the leader to exit and reaps it. For a container's process, what is left of
    /// its session is killed then, as the agent destroys the container once its process is
    /// gone. Cancel safe.
    pub(crate) async fn wait(&mut self) -> io::Result<ExitStatus> {
        let status = self.child.wait().await;
        if status.is_ok()
            && let Some(id) = self.id.take()
        {
            self.host.set().remove(&(id, self.reach));
            if self.container {
                // Right after the reaping, as upstream does: the id stays taken while a
                // member of the session or group lives, and nothing can have reused it in
                // between.
                self.kill(id);
            }
        }
        status
    }

    /// Sends `signal` to everything the leader leads, unless it was reaped.
    pub(crate) fn signal(&self, signal: Signal) {
        match (self.id, self.reach) {
            (Some(id), Reach::Session) => signal_sessions(&[id], signal),
            (Some(id), Reach::Group) => signal_group(id, signal),
            (None, _) => {}
        }
    }

    fn kill(&self, id: u32) {
        match self.reach {
            Reach::Session => kill_sessions(&[id]),
            Reach::Group => signal_group(id, Signal::SIGKILL),
        }
    }
}

impl Drop for Leader {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            self.host.set().remove(&(id, self.reach));
            self.kill(id);
        }
    }
}

/// Whether util-linux's `setsid(1)` is on the `PATH`.
fn setsid_program() -> bool {
    static FOUND: OnceLock<bool> = OnceLock::new();
    *FOUND.get_or_init(|| {
        std::env::var_os("PATH").is_some_and(|path| {
            std::env::split_paths(&path).any(|dir| {
                use std::os::unix::fs::PermissionsExt;
                std::fs::metadata(dir.join("setsid"))
                    .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            })
        })
    })
}

/// Spawns `command` (through `sh -c` unless `shell` is false) in `sandbox`.
pub(crate) async fn spawn(
    sandbox: &Path,
    command_info: &CommandInfo,
    environment: Vec<(String, String)>,
    host: &Arc<Host>,
) -> Result<Leader, String> {
    let (stdout, stderr) = prepare_sandbox(sandbox.to_path_buf(), Arc::clone(host)).await?;
    let session = setsid_program();
    let (program, arguments) = program(command_info)?;
    let mut command = if session {
        let mut command = Command::new("setsid");
        command.arg("--").arg(program);
        command
    } else {
        Command::new(program)
    };
    command.args(arguments);
    command
        .current_dir(sandbox)
        .envs(environment)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    let reach = if session {
        // Not a group leader: `setsid(1)` must not fork to become a session leader.
        Reach::Session
    } else {
        command.process_group(0);
        Reach::Group
    };
    command
        .kill_on_drop(true)
        .spawn()
        .map(|child| Leader::new(child, reach, host, true))
        .map_err(|e| format!("Failed to launch command: {e}"))
}

/// Spawns a check's `command` as the leader of a process group of its own, registered in
/// `host`. Not a container: upstream's checker reaps the command and leaves anything it
/// started running, killing its tree only when the check times out.
pub(crate) fn spawn_check(command: &mut Command, host: &Arc<Host>) -> io::Result<Leader> {
    command
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map(|child| Leader::new(child, Reach::Group, host, false))
}

/// Makes `sandbox`, its `runs/latest` link and its `stdout` and `stderr` files, in one
/// blocking call that holds `host`: a launch dropped with its runtime while this runs cannot
/// leave a sandbox behind the cluster's work folder removal, as the last reference to `host`
/// (maybe this one) removes the folder again.
async fn prepare_sandbox(
    sandbox: PathBuf,
    host: Arc<Host>,
) -> Result<(std::fs::File, std::fs::File), String> {
    tokio::task::spawn_blocking(move || {
        let _host = host;
        std::fs::create_dir_all(&sandbox)
            .map_err(|e| format!("Failed to create sandbox {}: {e}", sandbox.display()))?;
        link_latest_run(&sandbox);
        let stdout = std::fs::File::create(sandbox.join("stdout"))
            .map_err(|e| format!("Failed to create stdout: {e}"))?;
        let stderr = std::fs::File::create(sandbox.join("stderr"))
            .map_err(|e| format!("Failed to create stderr: {e}"))?;
        Ok((stdout, stderr))
    })
    .await
    .map_err(|e| format!("Failed to create sandbox: {e}"))?
}

/// Points `runs/latest` at a run directory `.../runs/<container id>`, replacing the link of
/// an earlier run, as `paths::createExecutorDirectory` does (`mesos: src/slave/paths.cpp`);
/// the agent's file browsing attaches the sandbox through it (see `files`).
fn link_latest_run(sandbox: &Path) {
    let Some(runs) = sandbox
        .parent()
        .filter(|runs| runs.file_name().is_some_and(|name| name == "runs"))
    else {
        return;
    };
    let latest = runs.join("latest");
    let _ = std::fs::remove_file(&latest);
    if let Err(error) = std::os::unix::fs::symlink(sandbox, &latest) {
        tracing::warn!(%error, latest = %latest.display(), "cannot link the latest run");
    }
}

/// The process `command_info` describes: `sh -c value` for a shell command, else
/// `execvp(value, arguments)`.
pub(crate) fn command(command_info: &CommandInfo) -> Result<Command, String> {
    let (program, arguments) = program(command_info)?;
    let mut command = Command::new(program);
    command.args(arguments);
    Ok(command)
}

/// The program and arguments of [`command`].
fn program(command_info: &CommandInfo) -> Result<(&str, Vec<&str>), String> {
    let value = command_info
        .value
        .as_deref()
        .ok_or_else(|| "Command is not specified".to_string())?;
    Ok(if command_info.shell.unwrap_or(true) {
        ("sh", vec!["-c", value])
    } else {
        // execvp(value, arguments): arguments[0] is argv[0].
        (
            value,
            command_info
                .arguments
                .iter()
                .skip(1)
                .map(String::as_str)
                .collect(),
        )
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
