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
use mesos_examples::{current_user, describe, init_logging, is_terminal};
use mesos_sdk::offers::{ResourceRequest, find_fit, find_fit_in, launch, refuse_for};
use mesos_sdk::scheduler::{SchedulerConfig, SchedulerHandle, Session, SessionEvent};
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{
    CommandInfo, ExecutorId, ExecutorInfo, FrameworkInfo, Offer, TaskId, TaskInfo, TaskState,
    executor_info, framework_info,
};
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
    let args = Args::parse();
    match run(args).await {
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
    let (scheduler, mut events) = Session::start(config, detector)?;
    // With a custom executor, the offer must also hold the executor's own resources.
    let (cpus, mem) = match args.executor {
        Some(_) => (args.cpus + EXECUTOR_CPUS, args.mem + EXECUTOR_MEM),
        None => (args.cpus, args.mem),
    };
    let request = ResourceRequest::new()
        .cpus(cpus)
        .mem(mem)
        .role(args.role.clone());
    let mut launched = false;

    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    loop {
        let next = tokio::select! {
            next = events.next() => next,
            _ = &mut interrupted => {
                eprintln!("execute: interrupted; tearing the framework down");
                let _ = scheduler.teardown().await;
                return Ok(ExitCode::from(130));
            }
        };
        let Some(item) = next else {
            return Ok(ExitCode::FAILURE);
        };
        match item? {
            SessionEvent::Subscribed {
                framework_id,
                master,
                ..
            } => println!(
                "Subscribed to {master} with framework ID {}",
                framework_id.value
            ),
            SessionEvent::Disconnected { reason } => eprintln!("execute: disconnected: {reason}"),
            SessionEvent::LeaderChanged { leader } => match leader {
                Some(leader) => eprintln!("execute: new leading master {leader}"),
                None => eprintln!("execute: no leading master"),
            },
            SessionEvent::Event(event) => match event.r#type() {
                event::Type::Offers => {
                    let offers = event.offers.map(|o| o.offers).unwrap_or_default();
                    if launched {
                        decline_all(&scheduler, offers).await;
                    } else {
                        launched = try_launch(&scheduler, &args, &request, offers).await;
                    }
                }
                event::Type::Update => {
                    let Some(status) = event.update.map(|u| u.status) else {
                        continue;
                    };
                    if status.task_id.value != args.name {
                        continue;
                    }
                    println!("{}", describe(&status));
                    let state = status.state();
                    if is_terminal(state) {
                        scheduler.teardown().await?;
                        return Ok(if state == TaskState::TaskFinished {
                            ExitCode::SUCCESS
                        } else {
                            ExitCode::FAILURE
                        });
                    }
                }
                event::Type::Error => {}
                _ => {}
            },
            other => tracing::debug!(?other, "session event"),
        }
    }
}

/// Launches the task on the first offer that fits, declining the others; returns whether it
/// launched.
async fn try_launch(
    scheduler: &SchedulerHandle,
    args: &Args,
    request: &ResourceRequest,
    offers: Vec<Offer>,
) -> bool {
    let mut launched = false;
    let mut unused = Vec::new();
    for offer in offers {
        let fit = if launched {
            None
        } else {
            find_fit(&offer, request)
        };
        let Some(mut resources) = fit else {
            unused.push(offer.id);
            continue;
        };
        let mut command = Some(CommandInfo {
            value: Some(args.command.clone()),
            shell: Some(true),
            ..Default::default()
        });
        let mut data = None;
        let mut executor = None;
        if let Some(path) = &args.executor {
            let own = ResourceRequest::new()
                .cpus(EXECUTOR_CPUS)
                .mem(EXECUTOR_MEM)
                .role(args.role.clone());
            let Some(executor_resources) = find_fit_in(&resources, &own) else {
                unused.push(offer.id);
                continue;
            };
            resources = resources
                .checked_sub(&executor_resources)
                .unwrap_or(resources);
            executor = Some(ExecutorInfo {
                r#type: Some(executor_info::Type::Custom as i32),
                executor_id: ExecutorId {
                    value: format!("{}-executor", args.name),
                },
                name: Some(format!("{} executor", args.name)),
                command: Some(CommandInfo {
                    value: Some(path.clone()),
                    shell: Some(false),
                    arguments: vec![path.clone()],
                    ..Default::default()
                }),
                resources: executor_resources.into_vec(),
                ..Default::default()
            });
            // A task names a CommandInfo or an ExecutorInfo, never both (Mesos' task
            // validation); the executor reads the command from the task's data.
            data = command.take().and_then(|c| c.value).map(Into::into);
        }
        let task = TaskInfo {
            name: args.name.clone(),
            task_id: TaskId {
                value: args.name.clone(),
            },
            agent_id: offer.agent_id.clone(),
            resources: resources.into_vec(),
            command,
            executor,
            data,
            ..Default::default()
        };
        println!("Launching task {} on {}", args.name, offer.hostname);
        match scheduler
            .accept(
                vec![offer.id],
                vec![launch(vec![task])],
                Some(refuse_for(3600.0)),
            )
            .await
        {
            Ok(()) => launched = true,
            Err(error) => eprintln!("execute: ACCEPT failed: {error}"),
        }
    }
    if !unused.is_empty() {
        let _ = scheduler.decline(unused, Some(refuse_for(3600.0))).await;
    }
    if launched {
        // One task only: no more offers needed.
        let _ = scheduler.suppress(Vec::new()).await;
    }
    launched
}

async fn decline_all(scheduler: &SchedulerHandle, offers: Vec<Offer>) {
    let ids = offers.into_iter().map(|o| o.id).collect();
    let _ = scheduler.decline(ids, Some(refuse_for(3600.0))).await;
}
