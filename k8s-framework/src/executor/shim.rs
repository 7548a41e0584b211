//! The container shim (`k8sm container-shim -- ARGV...`): the process the executor starts for
//! each container run, so that nothing a container started outlives the executor, however
//! the executor ends (SIGKILL included).
//!
//! The shim leads the container's process group and runs the container's process in it. It
//! asks the kernel for SIGHUP when its parent (the executor) dies (`PR_SET_PDEATHSIG`), and
//! on SIGHUP kills the whole group with SIGKILL. The executor's own signals go to the group:
//! SIGTERM reaches the container's processes while the shim only keeps waiting, so the
//! container keeps its grace period; SIGKILL ends everyone. The shim exits as its child did:
//! the same code, or 128 plus the signal that ended it, as container runtimes report it.

use std::os::unix::process::ExitStatusExt;
use std::process::ExitCode;

use nix::sys::signal::{Signal, killpg};
use nix::unistd::{Pid, getpgrp, getppid};
use tokio::signal::unix::{SignalKind, signal};

use super::rotate::{LogLimits, RotatingLog};

/// Where the shim writes what the container prints.
#[derive(Debug, Clone)]
pub struct ShimLog {
    /// The container run's log file.
    pub path: std::path::PathBuf,
    /// When it rotates.
    pub limits: LogLimits,
}

/// Runs `argv` as the container's process; returns how the shim should exit.
///
/// With `log`, the container's stdout and stderr go through one pipe (so their lines keep
/// their order) into that file, rotated by size ([`super::rotate`]); without it they are the
/// shim's own.
pub async fn run(argv: &[String], log: Option<ShimLog>) -> ExitCode {
    let Some((program, args)) = argv.split_first() else {
        eprintln!("k8sm container-shim: nothing to run");
        return ExitCode::from(127);
    };
    // Handlers first: from here on SIGHUP and SIGTERM no longer end the shim by default.
    let (mut hangup, mut terminate) = match (
        signal(SignalKind::hangup()),
        signal(SignalKind::terminate()),
    ) {
        (Ok(h), Ok(t)) => (h, t),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("k8sm container-shim: cannot handle signals: {error}");
            return ExitCode::from(126);
        }
    };
    // The group to end is our own, which must be ours alone: the executor starts the shim
    // as the leader of a new group.
    if getpgrp() != Pid::this() {
        eprintln!("k8sm container-shim: not a process group leader; refusing to run");
        return ExitCode::from(126);
    }
    let parent = getppid();
    if let Err(error) = nix::sys::prctl::set_pdeathsig(Signal::SIGHUP) {
        eprintln!("k8sm container-shim: cannot ask for the parent's death signal: {error}");
        return ExitCode::from(126);
    }
    // The parent may have died before the request took effect: then we are orphaned already.
    if getppid() != parent {
        let _ = killpg(getpgrp(), Signal::SIGKILL);
        return ExitCode::from(137);
    }
    let mut command = tokio::process::Command::new(program);
    command.args(args);
    let mut copier = None;
    if let Some(log) = log {
        match log_pipe(&log) {
            Ok((writer, thread)) => {
                match writer.try_clone() {
                    Ok(second) => {
                        command
                            .stdout(std::process::Stdio::from(writer))
                            .stderr(std::process::Stdio::from(second));
                    }
                    Err(error) => {
                        eprintln!("k8sm container-shim: cannot share the log pipe: {error}");
                        return ExitCode::from(126);
                    }
                }
                copier = Some(thread);
            }
            Err(error) => {
                eprintln!(
                    "k8sm container-shim: cannot open the log {}: {error}",
                    log.path.display()
                );
                return ExitCode::from(126);
            }
        }
    }
    let spawned = command.spawn();
    // Only the child holds the pipe's writing end now: its end of output is the copier's end.
    drop(command);
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => {
            eprintln!("k8sm container-shim: cannot start {program:?}: {error}");
            let code = if error.kind() == std::io::ErrorKind::NotFound {
                127
            } else {
                126
            };
            return ExitCode::from(code);
        }
    };
    loop {
        tokio::select! {
            status = child.wait() => {
                if let Some(copier) = copier.take() {
                    // What the container printed last is in the pipe still. Processes it
                    // left behind may hold the pipe open: wait a little, not for them.
                    let _ = tokio::time::timeout(
                        std::time::Duration::from_secs(1),
                        copier,
                    )
                    .await;
                }
                return match status {
                    Ok(status) => match (status.code(), status.signal()) {
                        (Some(code), _) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
                        (None, Some(number)) => {
                            ExitCode::from(u8::try_from(128 + number).unwrap_or(255))
                        }
                        (None, None) => ExitCode::from(1),
                    },
                    Err(_) => ExitCode::from(1),
                };
            }
            _ = hangup.recv() => {
                // The executor is gone (our parent changed): so is everything it started. A
                // SIGHUP sent to the group for other reasons is the container's business.
                if getppid() != parent {
                    let _ = killpg(getpgrp(), Signal::SIGKILL);
                }
            }
            // SIGTERM is the container's to handle; the shim waits on.
            _ = terminate.recv() => {}
        }
    }
}

/// A pipe for the container's output (its writing end returned) and a thread that copies
/// it into the rotating log; the receiver resolves when every writer has closed the pipe. A
/// plain thread, not the runtime's: the shim exits without waiting for it.
fn log_pipe(
    log: &ShimLog,
) -> std::io::Result<(std::os::fd::OwnedFd, tokio::sync::oneshot::Receiver<()>)> {
    use std::io::Read;
    let mut file = RotatingLog::open(&log.path, log.limits)?;
    let (reader, writer) = nix::unistd::pipe().map_err(std::io::Error::from)?;
    let mut reader = std::fs::File::from(reader);
    let path = log.path.clone();
    let (done, finished) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("log-copier".into())
        .spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if let Err(error) = file.write(&buf[..n]) {
                            eprintln!(
                                "k8sm container-shim: writing the log {} failed: {error}",
                                path.display()
                            );
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            let _ = done.send(());
        })?;
    Ok((writer, finished))
}
