//! `k8sm local`: the whole of k8sm in one process, for trying it and for demos.
//!
//! One process runs three parts, each the same code a real deployment runs:
//! - the embedded Kubernetes API server, with a real cluster's deletion semantics (a pod
//!   deleted gracefully stays Terminating until its node confirms, see
//!   [`ApiServerConfig::with_grace_expiry`]);
//! - a `mesos-sim` cluster whose agents start `k8sm executor` as real processes;
//! - the k8sm scheduler, which reaches both only as it reaches a real cluster: Kubernetes
//!   through a kube-rs client built from the kubeconfig this command writes, Mesos through
//!   the SDK's session on the simulated master's URL.
//!
//! The first SIGINT or SIGTERM tears the framework down: the executors stop their pods with
//! each pod's grace period and exit, then the simulator and the API server stop. A second
//! signal stops at once: the executors are killed and their container shims take the
//! containers with them.

pub mod demo;

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Node;
use kube::Api;
use kube::api::ListParams;
use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::apiserver::{ApiServer, ApiServerConfig};
use crate::scheduler::{SchedulerError, SchedulerOptions};

/// How long the agents give an executor to stop its pods after SHUTDOWN before killing it:
/// room for the kubelet's default 30 s grace period.
pub const EXECUTOR_SHUTDOWN_GRACE: Duration = Duration::from_secs(35);

/// How long startup waits for the scheduler to register the agents' Nodes.
const NODES_DEADLINE: Duration = Duration::from_secs(60);

/// What `k8sm local` runs (its flags).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LocalOptions {
    /// Number of simulated agents.
    pub agents: usize,
    /// Resources of each agent, in the agent's `--resources` format.
    pub agent_resources: String,
    /// Where the kubeconfig for the API server goes.
    pub kubeconfig_out: PathBuf,
    /// Port of the API server (0 picks a free one).
    pub apiserver_port: u16,
    /// Port of the simulated Mesos master (0 picks a free one).
    pub master_port: u16,
    /// The `k8sm` binary the agents run as the executor.
    pub executor: PathBuf,
    /// Create the demo workloads and show their progress.
    pub demo: bool,
}

impl LocalOptions {
    /// Defaults: 3 agents of [`mesos_sim::DEFAULT_AGENT_RESOURCES`], the kubeconfig at
    /// `./k8sm-local.kubeconfig`, free ports, no demo.
    pub fn new(executor: impl Into<PathBuf>) -> LocalOptions {
        LocalOptions {
            agents: 3,
            agent_resources: mesos_sim::DEFAULT_AGENT_RESOURCES.into(),
            kubeconfig_out: PathBuf::from("k8sm-local.kubeconfig"),
            apiserver_port: 0,
            master_port: 0,
            executor: executor.into(),
            demo: false,
        }
    }
}

/// Why `k8sm local` could not start or stopped. Each message names the fix.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LocalError {
    /// A port asked for is in use.
    #[error(
        "port {port} for {what} is taken by another program: stop it, or pass {flag} 0 to pick a free port"
    )]
    PortTaken {
        /// What was to listen there.
        what: &'static str,
        /// The port.
        port: u16,
        /// The flag that sets it.
        flag: &'static str,
    },
    /// The executor binary is not there or cannot be run.
    #[error(
        "the executor binary {} {problem}: build k8sm (`cargo build --release -p k8s-framework`) or pass --executor PATH",
        path.display()
    )]
    Executor {
        /// The path that was checked.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// The kubeconfig could not be written.
    #[error(
        "cannot write the kubeconfig to {}: {reason}: pass --kubeconfig-out with a path in a writable folder",
        path.display()
    )]
    Kubeconfig {
        /// Where it was to go.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// `--agents 0` or an invalid resource string.
    #[error("{0}")]
    Usage(String),
    /// Something else in startup failed.
    #[error("{what}: {reason}")]
    Startup {
        /// What was being started.
        what: &'static str,
        /// Why it failed.
        reason: String,
    },
    /// The scheduler stopped on its own.
    #[error("the scheduler stopped")]
    Scheduler(#[source] SchedulerError),
}

/// The two signals that stop `k8sm local`.
struct Signals {
    interrupt: Signal,
    terminate: Signal,
}

impl Signals {
    fn new() -> Result<Signals, LocalError> {
        let failed = |e: std::io::Error| LocalError::Startup {
            what: "listening for Ctrl-C",
            reason: e.to_string(),
        };
        Ok(Signals {
            interrupt: signal(SignalKind::interrupt()).map_err(failed)?,
            terminate: signal(SignalKind::terminate()).map_err(failed)?,
        })
    }

    async fn next(&mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

/// Checks that `path` is a file this user may execute.
fn check_executor(path: &Path) -> Result<(), LocalError> {
    let problem = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some("does not exist".to_string()),
        Err(e) => Some(format!("cannot be read ({e})")),
        Ok(m) if !m.is_file() => Some("is not a file".to_string()),
        Ok(m) if m.permissions().mode() & 0o111 == 0 => Some("is not executable".to_string()),
        Ok(_) => None,
    };
    match problem {
        Some(problem) => Err(LocalError::Executor {
            path: path.to_path_buf(),
            problem,
        }),
        None => Ok(()),
    }
}

fn is_addr_in_use(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::AddrInUse
        {
            return true;
        }
        current = e.source();
    }
    false
}

/// Prints a progress line at once (stdout may be a pipe).
fn say(line: impl std::fmt::Display) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Runs `k8sm local` until SIGINT or SIGTERM.
pub async fn run(options: LocalOptions) -> Result<(), LocalError> {
    if options.agents == 0 {
        return Err(LocalError::Usage(
            "--agents must be at least 1: pods need an agent to run on".into(),
        ));
    }
    check_executor(&options.executor)?;
    let mut signals = Signals::new()?;

    // The API server first: the kubeconfig names its port.
    let config = ApiServerConfig::default()
        .with_addr(SocketAddr::from((
            Ipv4Addr::LOCALHOST,
            options.apiserver_port,
        )))
        .with_grace_expiry(false);
    let apiserver = ApiServer::start(config).await.map_err(|e| {
        if is_addr_in_use(&e) {
            LocalError::PortTaken {
                what: "the API server",
                port: options.apiserver_port,
                flag: "--apiserver-port",
            }
        } else {
            LocalError::Startup {
                what: "starting the API server",
                reason: error_chain(&e),
            }
        }
    })?;
    apiserver
        .write_kubeconfig(&options.kubeconfig_out)
        .map_err(|e| LocalError::Kubeconfig {
            path: options.kubeconfig_out.clone(),
            reason: std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_else(|| e.to_string()),
        })?;
    let kubeconfig = std::path::absolute(&options.kubeconfig_out)
        .unwrap_or_else(|_| options.kubeconfig_out.clone());
    say(format_args!(
        "k8sm local: Kubernetes API server at {}",
        apiserver.url()
    ));

    // The agents' sandboxes live in a folder of our own, removed on the way out.
    let work_dir = std::env::temp_dir().join(format!("k8sm-local-{}", std::process::id()));
    let cluster = mesos_sim::Cluster::builder()
        .port(options.master_port)
        .agents(options.agents)
        .agent_resources(options.agent_resources.clone())
        .executor_shutdown_grace_period(EXECUTOR_SHUTDOWN_GRACE)
        .work_dir(&work_dir)
        .start()
        .await;
    if cluster.is_err() {
        let _ = tokio::fs::remove_dir_all(&work_dir).await;
    }
    let cluster = cluster.map_err(|e| match e {
        mesos_sim::SimError::Bind { ref source, .. }
            if source.kind() == std::io::ErrorKind::AddrInUse =>
        {
            LocalError::PortTaken {
                what: "the Mesos master",
                port: options.master_port,
                flag: "--master-port",
            }
        }
        other => LocalError::Startup {
            what: "starting the simulated Mesos cluster",
            reason: other.to_string(),
        },
    })?;
    say(format_args!(
        "k8sm local: Mesos master (mesos-sim) at {} with {} agent{}",
        cluster.master_url(),
        options.agents,
        if options.agents == 1 { "" } else { "s" }
    ));

    let client = kube_client(&kubeconfig).await?;
    let detector =
        mesos_sdk::detector::for_url(&cluster.master_url()).map_err(|e| LocalError::Startup {
            what: "reaching the simulated master",
            reason: e.to_string(),
        })?;
    let scheduler_options = SchedulerOptions::new(options.executor.display().to_string())
        .with_failover_timeout(Duration::from_secs(60));
    let (teardown_tx, teardown_rx) = tokio::sync::oneshot::channel::<()>();
    let mut scheduler = tokio::spawn(crate::scheduler::run_until(
        client.clone(),
        detector,
        scheduler_options,
        async move {
            let _ = teardown_rx.await;
        },
    ));

    let result = tokio::select! {
        result = serve(&client, &options, &kubeconfig) => result,
        joined = &mut scheduler => Err(scheduler_ended(joined)),
        () = signals.next() => Ok(()),
    };
    // From here on: stop, whatever happened.
    say("k8sm local: stopping: pods get their grace periods (Ctrl-C again to stop at once)");
    let _ = teardown_tx.send(());
    let started = Instant::now();
    let deadline = EXECUTOR_SHUTDOWN_GRACE + Duration::from_secs(5);
    let mut scheduler_done = scheduler.is_finished();
    loop {
        if scheduler_done && cluster.running_executors() == 0 {
            break;
        }
        if started.elapsed() > deadline {
            say("k8sm local: executors still running after the grace period: killing them");
            break;
        }
        tokio::select! {
            () = signals.next() => {
                say("k8sm local: stopping at once");
                break;
            }
            joined = &mut scheduler, if !scheduler_done => {
                scheduler_done = true;
                if let Ok(Err(error)) = joined {
                    tracing::warn!(%error, "the framework's teardown failed");
                }
            }
            () = tokio::time::sleep(Duration::from_millis(100)) => {}
        }
    }
    scheduler.abort();
    // Kills whatever executor is left (with SIGKILL: their shims end the containers).
    cluster.shutdown();
    apiserver.shutdown().await;
    let _ = tokio::fs::remove_dir_all(&work_dir).await;
    say("k8sm local: stopped");
    result
}

/// Prints how to reach the cluster, waits for its Nodes, runs the demo; then serves.
async fn serve(
    client: &kube::Client,
    options: &LocalOptions,
    kubeconfig: &Path,
) -> Result<(), LocalError> {
    wait_for_nodes(client, options.agents).await?;
    say("");
    say("Use it with kubectl:");
    say(format_args!(
        "  export KUBECONFIG={}",
        shell_quote(&kubeconfig.display().to_string())
    ));
    say("  kubectl get nodes");
    say("  kubectl run hello --image=busybox --restart=Never --command -- echo hello");
    say("");
    if options.demo {
        demo::run(client).await?;
    }
    say("k8sm local: serving until Ctrl-C");
    std::future::pending().await
}

/// Waits until the scheduler has registered a Node for each agent, saying so as they come.
async fn wait_for_nodes(client: &kube::Client, agents: usize) -> Result<(), LocalError> {
    let nodes: Api<Node> = Api::all(client.clone());
    let started = Instant::now();
    let mut seen = usize::MAX;
    loop {
        let count = nodes
            .list(&ListParams::default())
            .await
            .map(|l| l.items.len())
            .unwrap_or(0);
        if count != seen {
            say(format_args!(
                "k8sm local: scheduler registered {count}/{agents} Nodes"
            ));
            seen = count;
        }
        if count >= agents {
            return Ok(());
        }
        if started.elapsed() > NODES_DEADLINE {
            return Err(LocalError::Startup {
                what: "waiting for the agents' Nodes",
                reason: format!(
                    "only {count} of {agents} after {} s (run with RUST_LOG=info to see why)",
                    NODES_DEADLINE.as_secs()
                ),
            });
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn kube_client(kubeconfig: &Path) -> Result<kube::Client, LocalError> {
    let failed = |reason: String| LocalError::Startup {
        what: "building a Kubernetes client from the kubeconfig",
        reason,
    };
    let file =
        kube::config::Kubeconfig::read_from(kubeconfig).map_err(|e| failed(e.to_string()))?;
    let config = kube::Config::from_custom_kubeconfig(file, &Default::default())
        .await
        .map_err(|e| failed(e.to_string()))?;
    kube::Client::try_from(config).map_err(|e| failed(e.to_string()))
}

fn scheduler_ended(
    joined: Result<Result<(), SchedulerError>, tokio::task::JoinError>,
) -> LocalError {
    match joined {
        Ok(Ok(())) => LocalError::Startup {
            what: "the scheduler",
            reason: "it stopped: the Mesos session ended".into(),
        },
        Ok(Err(error)) => LocalError::Scheduler(error),
        Err(error) => LocalError::Startup {
            what: "the scheduler",
            reason: error.to_string(),
        },
    }
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        let next = s.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = s.source();
    }
    text
}

/// Quotes `text` for a POSIX shell when it needs it.
fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:,=@".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn executor_problems_are_named() {
        let missing = check_executor(Path::new("/nonexistent/k8sm")).unwrap_err();
        assert!(missing.to_string().contains("does not exist"), "{missing}");
        assert!(missing.to_string().contains("--executor PATH"), "{missing}");
        let dir = check_executor(Path::new("/")).unwrap_err();
        assert!(dir.to_string().contains("is not a file"), "{dir}");
        let plain = std::env::temp_dir().join(format!("k8sm-local-plain-{}", std::process::id()));
        std::fs::write(&plain, b"").unwrap();
        std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = check_executor(&plain).unwrap_err();
        std::fs::remove_file(&plain).unwrap();
        assert!(err.to_string().contains("is not executable"), "{err}");
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("/tmp/a.kubeconfig"), "/tmp/a.kubeconfig");
        assert_eq!(shell_quote("/tmp/my dir/k"), "'/tmp/my dir/k'");
        assert_eq!(shell_quote("/tmp/it's"), r"'/tmp/it'\''s'");
    }
}
