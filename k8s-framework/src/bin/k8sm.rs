//! `k8sm`: Kubernetes on Mesos: the embedded API server on its own (`k8sm apiserver`) and
//! the Mesos executor that runs pods (`k8sm executor`); `scheduler` and `local` come next.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use k8s_framework::apiserver::{ApiServer, ApiServerConfig, TlsIdentity};

#[derive(Debug, Parser)]
#[command(name = "k8sm", version, about = "Kubernetes on Mesos")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
        /// Require this bearer token on every request (kubectl sends it only over TLS).
        #[arg(long)]
        token: Option<String>,
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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
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

/// What a subcommand failed with.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    ApiServer(#[from] k8s_framework::apiserver::Error),
    #[error(transparent)]
    Executor(#[from] k8s_framework::executor::ExecutorError),
}

async fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Executor => Ok(k8s_framework::executor::run().await?),
        Command::Apiserver {
            port,
            bind,
            kubeconfig_out,
            token,
            tls,
            tls_cert_file,
            tls_private_key_file,
        } => {
            let mut config = ApiServerConfig::default().with_addr(SocketAddr::new(bind, port));
            if let Some(t) = token {
                config = config.with_token(t);
            }
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
