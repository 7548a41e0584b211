//! `execute`: runs one shell command as a Mesos task, like Mesos' own `mesos-execute`.
//!
//! It subscribes a framework, launches the command on the first offer that fits, prints every
//! status update, tears the framework down when the task ends, and exits 0 only if the task
//! finished (`TASK_FINISHED`).
//!
//! ```text
//! execute --master <URL> --name <NAME> --command <CMD> [--cpus F] [--mem MB] [--role R]
//!         [--principal P] [--secret S] [--plaintext-credentials] [--executor PATH]
//! ```
//!
//! With `--executor`, the task runs under that custom executor (e.g. `echo-executor`), which
//! gets 0.1 CPU and 32 MB of its own, instead of Mesos' command executor.

use std::process::ExitCode;

use clap::Parser;
use futures_util::StreamExt;
use mesos_examples::{current_user, describe, init_logging};
use mesos_sdk::builders::{ExecutorBuilder, TaskBuilder};
use mesos_sdk::offers::{ResourceRequest, find_fit, find_fit_in, launch, refuse_for};
use mesos_sdk::scheduler::{SchedulerConfig, Session, TypedEvent};
use mesos_sdk::task_state::is_terminal;
use mesos_sdk::v1::{FrameworkInfo, Offer, TaskInfo, TaskState, framework_info};
use mesos_sdk::{Credentials, detector};

/// Runs one shell command as a Mesos task.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The master: `host:port`, `http(s)://host:port`, or `zk://[user:pass@]h1:p1[,h2:p2]/path`.
    #[arg(long)]
    master: String,
    /// Name of the framework and of the task.
    #[arg(long)]
    name: String,
    /// The shell command to run.
    #[arg(long)]
    command: String,
    /// CPUs for the task.
    #[arg(long, default_value_t = 0.1)]
    cpus: f64,
    /// Memory for the task, in MB.
    #[arg(long, default_value_t = 32.0)]
    mem: f64,
    /// Role to subscribe with and take resources from.
    #[arg(long, default_value = "*")]
    role: String,
    /// Principal to authenticate as (HTTP Basic).
    #[arg(long)]
    principal: Option<String>,
    /// Secret of the principal.
    #[arg(long, requires = "principal")]
    secret: Option<String>,
    /// Send the credentials to a plain `http://` master too (readable on the network path).
    #[arg(long, requires = "principal")]
    plaintext_credentials: bool,
    /// Run the task under this custom executor program (an absolute path on the agents).
    #[arg(long)]
    executor: Option<String>,
}

/// What a custom executor itself gets, as Mesos' command executor would.
const EXECUTOR_CPUS: f64 = 0.1;
const EXECUTOR_MEM: f64 = 32.0;

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    match run(Args::parse()).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("execute: {error}");
            ExitCode::from(2)
        }
    }
}

async fn run(args: Args) -> Result<ExitCode, mesos_sdk::Error> {
    let detector = detector::for_url(&args.master)?;
    let framework = FrameworkInfo {
        user: current_user(),
        name: args.name.clone(),
        roles: vec![args.role.clone()],
        principal: args.principal.clone(),
        capabilities: vec![framework_info::Capability {
            r#type: Some(framework_info::capability::Type::MultiRole as i32),
        }],
        ..Default::default()
    };
    let mut config = SchedulerConfig::new(framework);
    if let Some(principal) = args.principal.clone() {
        config = config
            .with_credentials(Credentials::Basic {
                principal,
                secret: args.secret.clone().unwrap_or_default(),
            })
            .with_plaintext_credentials(args.plaintext_credentials);
    }
    let (scheduler, events) = Session::start(config, detector)?;
    let mut events = events.typed();
    let mut launched = false;

    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    loop {
        let event = tokio::select! {
            event = events.next() => event,
            _ = &mut interrupted => {
                eprintln!("execute: interrupted; tearing the framework down");
                let _ = scheduler.teardown().await;
                return Ok(ExitCode::from(130));
            }
        };
        let Some(event) = event else {
            return Ok(ExitCode::FAILURE);
        };
        match event? {
            TypedEvent::Subscribed {
                framework_id,
                master,
                ..
            } => println!(
                "Subscribed to {master} with framework ID {}",
                framework_id.value
            ),
            TypedEvent::Offers(offers) => {
                for offer in offers {
                    let Some(task) = task_for(&args, &offer).filter(|_| !launched) else {
                        let _ = scheduler
                            .decline(vec![offer.id], Some(refuse_for(3600.0)))
                            .await;
                        continue;
                    };
                    println!("Launching task {} on {}", args.name, offer.hostname);
                    let operations = vec![launch(vec![task])];
                    match scheduler
                        .accept(vec![offer.id], operations, Some(refuse_for(3600.0)))
                        .await
                    {
                        Ok(()) => {
                            launched = true;
                            let _ = scheduler.suppress(Vec::new()).await; // one task only
                        }
                        Err(error) => eprintln!("execute: ACCEPT failed: {error}"),
                    }
                }
            }
            TypedEvent::Update(status) if status.task_id.value == args.name => {
                println!("{}", describe(&status));
                if is_terminal(status.state()) {
                    scheduler.teardown().await?;
                    return Ok(match status.state() {
                        TaskState::TaskFinished => ExitCode::SUCCESS,
                        _ => ExitCode::FAILURE,
                    });
                }
            }
            TypedEvent::Disconnected { reason } => eprintln!("execute: disconnected: {reason}"),
            TypedEvent::LeaderChanged { leader } => match leader {
                Some(leader) => eprintln!("execute: new leading master {leader}"),
                None => eprintln!("execute: no leading master"),
            },
            other => tracing::debug!(?other, "event"),
        }
    }
}

/// The task, if `offer` holds what it needs (with `--executor`, the executor's own share too).
fn task_for(args: &Args, offer: &Offer) -> Option<TaskInfo> {
    let (extra_cpus, extra_mem) = match args.executor {
        Some(_) => (EXECUTOR_CPUS, EXECUTOR_MEM),
        None => (0.0, 0.0),
    };
    let request = ResourceRequest::new()
        .cpus(args.cpus + extra_cpus)
        .mem(args.mem + extra_mem)
        .role(args.role.clone());
    let resources = find_fit(offer, &request)?;
    let task = TaskBuilder::new(&args.name, &offer.agent_id);
    let Some(path) = &args.executor else {
        return Some(task.shell(&args.command).resources(resources).build());
    };
    let own = ResourceRequest::new()
        .cpus(EXECUTOR_CPUS)
        .mem(EXECUTOR_MEM)
        .role(args.role.clone());
    let own = find_fit_in(&resources, &own)?;
    let executor = ExecutorBuilder::custom(format!("{}-executor", args.name), [path])
        .name(format!("{} executor", args.name))
        .resources(own.clone())
        .build();
    // A task names a CommandInfo or an ExecutorInfo, never both (Mesos' task validation); the
    // executor reads the command from the task's data.
    let resources = resources.checked_sub(&own).unwrap_or(resources);
    let task = task.executor(executor).data(args.command.clone());
    Some(task.resources(resources).build())
}
