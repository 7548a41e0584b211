//! `k8sm`: Kubernetes on Mesos: the scheduler (`k8sm scheduler`), the Mesos executor that runs
//! pods (`k8sm executor`), the embedded API server on its own (`k8sm apiserver`), and all of it
//! with a simulated Mesos cluster in one process (`k8sm local`).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use k8s_framework::apiserver::{ApiServer, ApiServerConfig, TlsIdentity};

// Every part of k8sm allocates per object it handles (JSON values, protobuf messages, HTTP
// buffers), many threads at once: glibc's allocator took a quarter of the CPU of a large
// scheduling run (`benches/schedule.rs`), mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "k8sm", version, about = "Kubernetes on Mesos")]
struct Cli {
    /// How log lines are written (to stderr): `text`, in colour on a terminal only, or
    /// `json`, one object per line. `RUST_LOG` picks what is logged.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text, env = "K8SM_LOG_FORMAT")]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run everything in one process: the API server, a simulated Mesos cluster whose agents
    /// run `k8sm executor`, and the scheduler. Ctrl-C stops it cleanly.
    Local(LocalArgs),
    /// Schedule Kubernetes pods onto Mesos agents, run by `k8sm executor`.
    Scheduler(SchedulerArgs),
    /// Run ARGV as a container's process for `k8sm executor` (internal).
    #[command(hide = true)]
    ContainerShim {
        /// Write the container's stdout and stderr to this file, rotated by size.
        #[arg(long, value_name = "PATH")]
        log: Option<PathBuf>,
        /// Rotate the log past this size (a quantity: `10Mi`).
        #[arg(long, default_value = "10Mi")]
        log_max_size: String,
        /// Keep this many files of the log, the current one included (at least 2).
        #[arg(long, default_value = "5")]
        log_max_files: String,
        /// The container's command line, after `--`.
        #[arg(last = true, required = true)]
        argv: Vec<String>,
    },
    /// Run as the Mesos executor of k8sm's pods (started by a Mesos agent, configured by the
    /// `MESOS_*` environment it sets).
    Executor,
    /// Run the embedded Kubernetes API server alone (for tests, debugging and kubectl).
    Apiserver {
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Write a kubeconfig for this server to PATH.
        #[arg(long, value_name = "PATH")]
        kubeconfig_out: Option<PathBuf>,
        /// Keep gracefully deleted pods Terminating until their node's agent confirms the
        /// deletion, as a real cluster does (the k8sm scheduler confirms for its pods).
        #[arg(long)]
        no_grace_expiry: bool,
        /// Require this bearer token on every request (kubectl sends it only over TLS).
        /// Prefer --token-file or the environment: a command line is visible to every user.
        #[arg(long, env = "K8SM_APISERVER_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// Read the bearer token from this file (its first line).
        #[arg(long, value_name = "PATH", conflicts_with = "token")]
        token_file: Option<PathBuf>,
        /// Serve a non-loopback --bind without TLS and a token all the same: whoever
        /// reaches the port can read and change everything.
        #[arg(long)]
        allow_insecure_remote_access: bool,
        /// Serve HTTPS with a fresh self-signed certificate for loopback (written into the kubeconfig).
        #[arg(long, conflicts_with_all = ["tls_cert_file", "tls_private_key_file"])]
        tls: bool,
        /// Serve HTTPS with this certificate chain (PEM).
        #[arg(long, value_name = "PATH", requires = "tls_private_key_file")]
        tls_cert_file: Option<PathBuf>,
        /// The private key of --tls-cert-file (PEM).
        #[arg(long, value_name = "PATH", requires = "tls_cert_file")]
        tls_private_key_file: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `k8sm local` prints its own progress on stdout; its log lines are warnings unless
    // RUST_LOG asks for more.
    let default_filter = if matches!(cli.command, Command::Local(_)) {
        "warn"
    } else {
        "info"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| default_filter.into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Json => logs.json().init(),
        // Colour only on a terminal: escapes in a redirected log are noise.
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
    }
    if let Command::ContainerShim {
        argv,
        log,
        log_max_size,
        log_max_files,
    } = &cli.command
    {
        let log = match log {
            None => None,
            Some(path) => match k8s_framework::executor::rotate::LogLimits::parse(
                Some(log_max_size),
                "--log-max-size",
                Some(log_max_files),
                "--log-max-files",
            ) {
                Ok(limits) => Some(k8s_framework::executor::shim::ShimLog {
                    path: path.clone(),
                    limits,
                }),
                Err(error) => {
                    eprintln!("k8sm container-shim: {error}");
                    return ExitCode::from(126);
                }
            },
        };
        // A small runtime: there is one shim per container.
        return match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt.block_on(k8s_framework::executor::shim::run(argv, log)),
            Err(e) => {
                eprintln!("k8sm container-shim: {e}");
                ExitCode::from(126)
            }
        };
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("k8sm: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut msg = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            eprintln!("k8sm: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// `k8sm local`'s flags.
#[derive(Debug, clap::Args)]
struct LocalArgs {
    /// Number of simulated Mesos agents.
    #[arg(long, default_value_t = 3)]
    agents: usize,
    /// Resources of each agent, in the Mesos agent's `--resources` format.
    #[arg(long, default_value = mesos_sim::DEFAULT_AGENT_RESOURCES)]
    agent_resources: String,
    /// Write the kubeconfig for the API server to PATH (mode 0600).
    #[arg(long, value_name = "PATH", default_value = "k8sm-local.kubeconfig")]
    kubeconfig_out: PathBuf,
    /// Port of the API server (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    apiserver_port: u16,
    /// Port of the simulated Mesos master (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    master_port: u16,
    /// The k8sm binary the agents run as the executor (default: this binary).
    #[arg(long, value_name = "PATH")]
    executor: Option<PathBuf>,
    /// Also create the sample pods of examples/k8s/ and show their progress.
    #[arg(long)]
    demo: bool,
}

async fn local(args: LocalArgs) -> Result<(), Failure> {
    let executor = match args.executor {
        Some(path) => path,
        None => std::env::current_exe()
            .map_err(|e| Failure::Usage(format!("cannot find this binary for --executor: {e}")))?,
    };
    let mut options = k8s_framework::local::LocalOptions::new(executor);
    options.agents = args.agents;
    options.agent_resources = args.agent_resources;
    options.kubeconfig_out = args.kubeconfig_out;
    options.apiserver_port = args.apiserver_port;
    options.master_port = args.master_port;
    options.demo = args.demo;
    Ok(k8s_framework::local::run(options).await?)
}

/// `k8sm scheduler`'s flags; each is also an environment variable `K8SM_*`.
#[derive(Debug, clap::Args)]
struct SchedulerArgs {
    /// The Mesos master: `host:port`, `http(s)://host:port` or `zk://[user:pass@]h:p,.../path`.
    #[arg(long, env = "K8SM_MASTER")]
    master: String,
    /// The kubeconfig to reach Kubernetes with (default: in-cluster, then $KUBECONFIG, then
    /// ~/.kube/config).
    #[arg(long, env = "K8SM_KUBECONFIG")]
    kubeconfig: Option<PathBuf>,
    /// Schedule the pods whose `spec.schedulerName` is NAME (repeatable).
    #[arg(
        long = "scheduler-name",
        env = "K8SM_SCHEDULER_NAME",
        value_delimiter = ',',
        default_value = "default-scheduler"
    )]
    scheduler_names: Vec<String>,
    /// The Mesos framework's name.
    #[arg(long, env = "K8SM_FRAMEWORK_NAME", default_value = "k8sm")]
    framework_name: String,
    /// The Mesos role.
    #[arg(long, env = "K8SM_ROLE", default_value = "*")]
    role: String,
    /// How long Mesos keeps the pods' tasks while no scheduler is connected (stout duration).
    #[arg(long, env = "K8SM_FAILOVER_TIMEOUT", default_value = "7days")]
    failover_timeout: String,
    /// The k8sm binary on the agents (default: this binary).
    #[arg(long, env = "K8SM_EXECUTOR")]
    executor: Option<String>,
    /// Where the Mesos fetcher downloads the k8sm binary from on each agent.
    #[arg(long, env = "K8SM_EXECUTOR_URI")]
    executor_uri: Option<String>,
    /// The namespace of the ConfigMap that keeps the framework id (and of the leader
    /// election Lease).
    #[arg(long, env = "K8SM_NAMESPACE", default_value = "kube-system")]
    namespace: String,
    /// Serve metrics in Prometheus' text format on ADDR (`/metrics`), named as
    /// kube-scheduler names them where it has one.
    #[arg(long, env = "K8SM_METRICS_ADDR", value_name = "ADDR")]
    metrics_addr: Option<std::net::SocketAddr>,
    /// Run as one of several schedulers: only the holder of the Lease `k8sm-scheduler`
    /// schedules; the others wait to take over.
    #[arg(long, env = "K8SM_LEADER_ELECT")]
    leader_elect: bool,
    /// Rotate each container's log past this size, as the kubelet's flag of the same name
    /// (a quantity; default 10Mi).
    #[arg(long, env = "K8SM_CONTAINER_LOG_MAX_SIZE", value_name = "QUANTITY")]
    container_log_max_size: Option<String>,
    /// Keep this many files of each container's log, the current one included (at least 2;
    /// default 5).
    #[arg(long, env = "K8SM_CONTAINER_LOG_MAX_FILES", value_name = "N")]
    container_log_max_files: Option<String>,
    /// How long a leader's Lease lasts unrenewed, in seconds (kube-scheduler's default 15).
    #[arg(long, env = "K8SM_LEADER_ELECT_LEASE_DURATION", default_value_t = 15)]
    leader_elect_lease_duration: u64,
    /// How pods run: `executor` (one k8sm executor per agent runs them as processes) or
    /// `task-group` (one Mesos task group per pod under Mesos' default executor, each
    /// container in a Mesos container with its image).
    #[arg(long, env = "K8SM_LAUNCH_MODE", value_enum, default_value_t = LaunchModeArg::Executor)]
    launch_mode: LaunchModeArg,
    /// How nodes are scored, as kube-scheduler's `NodeResourcesFit` scoring strategy:
    /// `least-allocated` spreads pods, `most-allocated` packs them.
    #[arg(long, env = "K8SM_SCORING_STRATEGY", value_enum, default_value_t = ScoringStrategy::LeastAllocated)]
    scoring_strategy: ScoringStrategy,
}

/// `--launch-mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LaunchModeArg {
    Executor,
    TaskGroup,
}

/// `--scoring-strategy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ScoringStrategy {
    LeastAllocated,
    MostAllocated,
}

/// What a subcommand failed with.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    ApiServer(#[from] k8s_framework::apiserver::Error),
    #[error(transparent)]
    Executor(#[from] k8s_framework::executor::ExecutorError),
    #[error(transparent)]
    Scheduler(#[from] k8s_framework::scheduler::SchedulerError),
    #[error(transparent)]
    Local(#[from] k8s_framework::local::LocalError),
    #[error("{0}")]
    Usage(String),
}

async fn kube_client(kubeconfig: Option<PathBuf>) -> Result<kube::Client, Failure> {
    let config = match kubeconfig {
        Some(path) => {
            let file = kube::config::Kubeconfig::read_from(&path).map_err(|e| {
                Failure::Usage(format!(
                    "cannot read the kubeconfig {}: {e}",
                    path.display()
                ))
            })?;
            kube::Config::from_custom_kubeconfig(file, &Default::default())
                .await
                .map_err(|e| {
                    Failure::Usage(format!(
                        "the kubeconfig {} is not usable: {e}",
                        path.display()
                    ))
                })?
        }
        None => kube::Config::infer().await.map_err(|e| {
            Failure::Usage(format!(
                "no Kubernetes configuration found (pass --kubeconfig): {e}"
            ))
        })?,
    };
    kube::Client::try_from(config)
        .map_err(|e| Failure::Usage(format!("cannot build a Kubernetes client: {e}")))
}

async fn scheduler(args: SchedulerArgs) -> Result<(), Failure> {
    if let Some(addr) = args.metrics_addr {
        metrics_exporter_prometheus::PrometheusBuilder::new()
            .with_http_listener(addr)
            .set_buckets(&[
                0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
            ])
            .and_then(|b| b.install())
            .map_err(|e| {
                Failure::Usage(format!(
                    "--metrics-addr {addr}: {e} (is the port taken? pick another one)"
                ))
            })?;
    }
    let client = kube_client(args.kubeconfig).await?;
    let failover = mesos_sdk::duration::parse_duration(&args.failover_timeout).map_err(|e| {
        Failure::Usage(format!(
            "--failover-timeout {:?}: {e}",
            args.failover_timeout
        ))
    })?;
    let executor = match args.executor {
        Some(path) => path,
        None => std::env::current_exe()
            .map_err(|e| Failure::Usage(format!("cannot find this binary for --executor: {e}")))?
            .display()
            .to_string(),
    };
    let options = k8s_framework::scheduler::SchedulerOptions::new(executor)
        .with_scheduler_names(args.scheduler_names)
        .with_framework_name(args.framework_name)
        .with_role(args.role)
        .with_failover_timeout(failover)
        .with_executor_uri(args.executor_uri)
        .with_namespace(args.namespace.clone())
        .with_launch_mode(match args.launch_mode {
            LaunchModeArg::Executor => k8s_framework::scheduler::LaunchMode::Executor,
            LaunchModeArg::TaskGroup => k8s_framework::scheduler::LaunchMode::TaskGroup,
        })
        .with_packing(args.scoring_strategy == ScoringStrategy::MostAllocated)
        .with_container_log_limits(
            args.container_log_max_size.as_deref(),
            args.container_log_max_files.as_deref(),
        )
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let detector = mesos_sdk::detector::for_url(&args.master)
        .map_err(|e| Failure::Usage(format!("--master {:?}: {e}", args.master)))?;
    if !args.leader_elect {
        return Ok(k8s_framework::scheduler::run(client, detector, options).await?);
    }
    // kube-scheduler's election: a Lease renewed before a third of its duration is left; a
    // leader that loses it stops at once (another may already schedule).
    let duration = args.leader_elect_lease_duration.max(3);
    let identity = format!(
        "{}_{}",
        std::env::var("HOSTNAME").unwrap_or_else(|_| "k8sm".into()),
        uuid::Uuid::new_v4()
    );
    let manager = kube_lease_manager::LeaseManagerBuilder::new(client.clone(), "k8sm-scheduler")
        .with_namespace(args.namespace.clone())
        .with_identity(identity.clone())
        .with_duration(duration)
        .with_grace(duration / 3)
        .build()
        .await
        .map_err(|e| Failure::Usage(format!("leader election cannot start: {e}")))?;
    let (mut leading, _election) = manager.watch().await;
    tracing::info!(%identity, "waiting to lead (Lease {}/k8sm-scheduler)", args.namespace);
    if leading.wait_for(|l| *l).await.is_err() {
        return Err(Failure::Usage("leader election stopped".into()));
    }
    tracing::info!(%identity, "leading");
    tokio::select! {
        result = k8s_framework::scheduler::run(client, detector, options) => Ok(result?),
        _ = leading.wait_for(|l| !*l) => {
            Err(Failure::Usage("lost the leader election: stopping".into()))
        }
    }
}

async fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Executor => Ok(k8s_framework::executor::run().await?),
        Command::ContainerShim { .. } => Ok(()),
        Command::Scheduler(args) => scheduler(args).await,
        Command::Local(args) => local(args).await,
        Command::Apiserver {
            port,
            bind,
            kubeconfig_out,
            no_grace_expiry,
            token,
            token_file,
            allow_insecure_remote_access,
            tls,
            tls_cert_file,
            tls_private_key_file,
        } => {
            let mut config = ApiServerConfig::default()
                .with_addr(SocketAddr::new(bind, port))
                .with_grace_expiry(!no_grace_expiry);
            let token = match token_file {
                Some(path) => Some(
                    std::fs::read_to_string(&path)
                        .map_err(|e| {
                            Failure::Usage(format!(
                                "--token-file {}: cannot read it: {e}",
                                path.display()
                            ))
                        })?
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                ),
                None => token,
            };
            if let Some(t) = token {
                config = config.with_token(t);
            }
            config = config.with_insecure_remote_access(allow_insecure_remote_access);
            if tls {
                config = config.with_tls(TlsIdentity::self_signed()?);
            } else if let (Some(cert), Some(key)) = (tls_cert_file, tls_private_key_file) {
                config = config.with_tls(TlsIdentity::from_files(&cert, &key)?);
            }
            let server = ApiServer::start(config).await?;
            if let Some(path) = kubeconfig_out {
                server.write_kubeconfig(&path)?;
            }
            println!("{}", server.url());
            Ok(server.run_until_ctrl_c().await?)
        }
    }
}
