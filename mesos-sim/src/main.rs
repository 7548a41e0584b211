//! The `mesos-sim` binary: a Mesos master with N agents on one port, for trying frameworks
//! against without a real cluster. Runs until interrupted.

use std::net::IpAddr;
use std::time::Duration;

use clap::Parser;

/// An in-process Apache Mesos master and agents speaking the v1 HTTP API.
#[derive(Debug, Parser)]
#[command(name = "mesos-sim", version)]
struct Args {
    /// Port of the master.
    #[arg(long, default_value_t = 5050)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    ip: IpAddr,
    /// Number of agents.
    #[arg(long, default_value_t = 1)]
    agents: usize,
    /// Resources of each agent, in the agent's `--resources` format.
    #[arg(long, default_value = mesos_sim::DEFAULT_AGENT_RESOURCES)]
    agent_resources: String,
    /// Attributes of each agent, in the agent's `--attributes` format (e.g. `rack:a;zone:1`).
    #[arg(long)]
    agent_attributes: Option<String>,
    /// Role weights for DRF, as the master's `--weights` (e.g. `web=2,batch=0.5`).
    #[arg(long)]
    weights: Option<String>,
    /// Minimum resources worth offering, as the master's `--min_allocatable_resources`
    /// (default `cpus:0.01|mem:32`; an empty string offers anything).
    #[arg(long)]
    min_allocatable_resources: Option<String>,
    /// Interval of HEARTBEAT events, as a Mesos duration (e.g. `15secs`, `500ms`).
    #[arg(long, default_value = "15secs", value_parser = parse_duration)]
    heartbeat_interval: Duration,
    /// Batch allocation interval, as a Mesos duration.
    #[arg(long, default_value = "1secs", value_parser = parse_duration)]
    allocation_interval: Duration,
    /// Report tasks running and finished without spawning processes.
    #[arg(long)]
    synthetic: bool,
    /// ZooKeeper URL for leader election (`zk://host:port/path`): the master registers a
    /// `json.info_` node there.
    #[arg(long)]
    zk: Option<String>,
    /// Number of standby masters next to the leader (each on its own port).
    #[arg(long, default_value_t = 0)]
    standby_masters: usize,
    /// Require HTTP Basic authentication of frameworks with these credentials, as the
    /// master's `--credentials` with `--authenticate_http_frameworks`: a file holding
    /// `{"credentials": [{"principal": "...", "secret": "..."}]}`, or lines of
    /// `principal secret`.
    #[arg(long, value_name = "PATH")]
    credentials: Option<std::path::PathBuf>,
}

/// Reads a Mesos credentials file: JSON, or a `principal secret` pair per line
/// (`mesos: src/credentials/credentials.hpp`).
fn read_credentials(path: &std::path::Path) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) {
        let list = json
            .get("credentials")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| format!("{}: no \"credentials\" array", path.display()))?;
        return list
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let field = |name: &str| {
                    c.get(name)
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_string)
                        .ok_or_else(|| {
                            format!(
                                "{}: credentials[{i}] has no string {name:?}",
                                path.display()
                            )
                        })
                };
                Ok((field("principal")?, field("secret")?))
            })
            .collect();
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let mut words = line.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some(principal), Some(secret), None) => {
                    Ok((principal.to_string(), secret.to_string()))
                }
                _ => Err(format!(
                    "{}:{}: expected `principal secret`",
                    path.display(),
                    n + 1
                )),
            }
        })
        .collect()
}

fn parse_weights(text: &str) -> Result<Vec<(String, f64)>, String> {
    text.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|pair| {
            let (role, weight) = pair
                .split_once('=')
                .ok_or_else(|| format!("expected role=weight, got {pair:?}"))?;
            let weight: f64 = weight
                .trim()
                .parse()
                .map_err(|_| format!("invalid weight in {pair:?}"))?;
            if !(weight > 0.0 && weight.is_finite()) {
                return Err(format!("weights must be positive, got {pair:?}"));
            }
            Ok((role.trim().to_string(), weight))
        })
        .collect()
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    mesos_sim::parse_duration(text).map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colour only on a terminal: escapes in a redirected log are noise.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let args = Args::parse();
    let mut builder = mesos_sim::Cluster::builder();
    if let Some(path) = &args.credentials {
        match read_credentials(path) {
            Ok(list) if !list.is_empty() => {
                for (principal, secret) in list {
                    builder = builder.credential(principal, secret);
                }
            }
            Ok(_) => {
                eprintln!(
                    "mesos-sim: --credentials {}: no credentials in it",
                    path.display()
                );
                return std::process::ExitCode::FAILURE;
            }
            Err(error) => {
                eprintln!("mesos-sim: --credentials {error}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    if let Some(zk) = args.zk {
        builder = builder.zookeeper(zk);
    }
    if let Some(minimum) = args.min_allocatable_resources {
        builder = builder.min_allocatable_resources(minimum);
    }
    if let Some(attributes) = args.agent_attributes {
        builder = builder.agent_attributes(attributes);
    }
    match parse_weights(args.weights.as_deref().unwrap_or("")) {
        Ok(weights) => {
            for (role, weight) in weights {
                builder = builder.role_weight(role, weight);
            }
        }
        Err(error) => {
            eprintln!("mesos-sim: --weights: {error}");
            return std::process::ExitCode::FAILURE;
        }
    }
    let cluster = match builder
        .ip(args.ip)
        .port(args.port)
        .agents(args.agents)
        .agent_resources(args.agent_resources)
        .heartbeat_interval(args.heartbeat_interval)
        .allocation_interval(args.allocation_interval)
        .synthetic(args.synthetic)
        .standby_masters(args.standby_masters)
        .start()
        .await
    {
        Ok(cluster) => cluster,
        Err(error) => {
            eprintln!("mesos-sim: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("mesos-sim master at {}", cluster.master_url());
    for standby in cluster.standby_urls() {
        println!("mesos-sim standby master at {standby}");
    }
    // Ctrl-C or SIGTERM: the executors the agents started are killed on the way out.
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut terminate) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
    cluster.shutdown();
    std::process::ExitCode::SUCCESS
}
