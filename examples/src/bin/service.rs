//! `service`: keeps N instances of a shell command running across a Mesos cluster.
//!
//! Failed instances are relaunched. The framework id and the ids of launched tasks are
//! persisted (before they are used) in a state file, so a restarted `service` re-subscribes
//! as the same framework within its failover timeout, reconciles the tasks it knows, and does
//! not relaunch instances that are still running. The framework checkpoints, so its instances
//! also run on through a restart of their agent. Instances are spread over agents: at most
//! one new instance per agent per round of offers.
//!
//! ```text
//! service --master <URL> --name <NAME> --command <CMD> --instances N --state-file PATH
//!         [--cpus F] [--mem MB] [--failover-timeout SECS]
//! ```
//!
//! Ctrl-C stops the scheduler and leaves the instances running (start it again to take them
//! back); `--teardown-on-exit` removes the framework and its tasks instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use futures_util::StreamExt;
use mesos_examples::{current_user, describe, init_logging};
use mesos_sdk::builders::TaskBuilder;
use mesos_sdk::offers::{OfferPlanner, ResourceRequest, group_by_agent, refuse_for};
use mesos_sdk::scheduler::{SchedulerConfig, SchedulerHandle, Session, TypedEvent};
use mesos_sdk::task_state::is_terminal;
use mesos_sdk::v1::{AgentId, FrameworkId, FrameworkInfo, Offer, TaskId, TaskState};
use mesos_sdk::{Error, detector};
use serde::{Deserialize, Serialize};

/// Why the service stops: a message, or an error of the SDK.
type Failure = Box<dyn std::error::Error>;

/// Keeps N instances of a command running on Mesos.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The master: `host:port`, `http(s)://host:port`, or `zk://[user:pass@]h1:p1[,h2:p2]/path`.
    #[arg(long)]
    master: String,
    /// Name of the framework; task ids start with it.
    #[arg(long)]
    name: String,
    /// The shell command each instance runs.
    #[arg(long)]
    command: String,
    /// How many instances to keep running.
    #[arg(long)]
    instances: usize,
    /// Where the framework id and task ids are kept across restarts.
    #[arg(long)]
    state_file: PathBuf,
    /// CPUs per instance.
    #[arg(long, default_value_t = 0.1)]
    cpus: f64,
    /// Memory per instance, in MB.
    #[arg(long, default_value_t = 32.0)]
    mem: f64,
    /// How long (seconds) the master keeps the framework's tasks while the scheduler is away.
    #[arg(long, default_value_t = 7.0 * 24.0 * 3600.0)]
    failover_timeout: f64,
    /// Tear the framework (and its instances) down on Ctrl-C.
    #[arg(long)]
    teardown_on_exit: bool,
}

/// What survives a restart.
#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    framework_id: Option<String>,
    /// Launched task ids, with the agent each was launched on.
    tasks: BTreeMap<String, String>,
}

impl State {
    fn load(path: &Path) -> Result<State, Failure> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("state file {} is not valid: {e}", path.display()).into()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(format!("cannot read state file {}: {e}", path.display()).into()),
        }
    }

    /// Writes atomically (temporary file, then rename), so a crash never leaves half a file.
    fn save(&self, path: &Path) -> Result<(), Failure> {
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(self)?)
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| format!("cannot write state file {}: {e}", path.display()).into())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    match run(Args::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("service: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The instances as the scheduler sees them.
struct Instances {
    /// Non-terminal tasks and their latest known state.
    live: BTreeMap<String, TaskState>,
    /// Whether the tasks from the state file have all answered reconciliation; no launches
    /// before that, or a restart would launch duplicates.
    reconciled: bool,
}

async fn run(args: Args) -> Result<(), Failure> {
    // ANCHOR: framework
    let mut state = State::load(&args.state_file)?;
    let detector = detector::for_url(&args.master)?;
    let framework = FrameworkInfo {
        user: current_user(),
        name: args.name.clone(),
        id: state
            .framework_id
            .clone()
            .map(|value| FrameworkId { value }),
        failover_timeout: Some(args.failover_timeout),
        // Agents checkpoint the tasks, so an agent restart does not kill them.
        checkpoint: Some(true),
        ..Default::default()
    };
    let config = SchedulerConfig::new(framework);
    // ANCHOR_END: framework
    let (scheduler, events) = Session::start(config, detector)?;
    let mut events = events.typed();
    let mut instances = Instances {
        live: state
            .tasks
            .keys()
            .map(|id| (id.clone(), TaskState::TaskStaging))
            .collect(),
        reconciled: state.tasks.is_empty(),
    };
    let (reconciled_tx, mut reconciled_rx) = tokio::sync::mpsc::channel(1);

    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    loop {
        let event = tokio::select! {
            // Events first: a reconciliation completes only after its answers are queued here.
            biased;
            event = events.next() => event.ok_or("the session ended")??,
            Some(result) = reconciled_rx.recv() => {
                match result {
                    Ok(()) => {
                        if !std::mem::replace(&mut instances.reconciled, true) {
                            let running = count(&instances, TaskState::TaskRunning);
                            println!("reconciled {} tasks; {running} running", state.tasks.len());
                        }
                        report_steady(&args, &instances);
                        // Offers may have been declined while reconciling.
                        let _ = scheduler.revive(Vec::new()).await;
                    }
                    Err(Error::Superseded { .. }) => {}
                    Err(e) => return Err(format!("reconciliation failed: {e}").into()),
                }
                continue;
            }
            _ = &mut interrupted => {
                if args.teardown_on_exit {
                    scheduler.teardown().await?;
                }
                return Ok(());
            }
        };
        match event {
            // ANCHOR: subscribed
            TypedEvent::Subscribed {
                framework_id,
                resubscribed,
                ..
            } => {
                println!(
                    "subscribed as {} ({})",
                    framework_id.value,
                    if resubscribed { "re-subscribed" } else { "new" }
                );
                if state.framework_id.as_ref() != Some(&framework_id.value) {
                    state.framework_id = Some(framework_id.value);
                    state.save(&args.state_file)?;
                }
                start_reconciliation(&scheduler, &state, &reconciled_tx);
            }
            // ANCHOR_END: subscribed
            TypedEvent::Offers(offers) => {
                place(&scheduler, &args, &mut state, &mut instances, offers).await?;
            }
            // An update of a task no longer in the state file (a late answer) is not ours.
            TypedEvent::Update(status) if state.tasks.contains_key(&status.task_id.value) => {
                println!("{}", describe(&status));
                let id = status.task_id.value.clone();
                if is_terminal(status.state()) {
                    instances.live.remove(&id);
                    state.tasks.remove(&id);
                    state.save(&args.state_file)?;
                    // Make room for a replacement.
                    let _ = scheduler.revive(Vec::new()).await;
                } else {
                    instances.live.insert(id, status.state());
                }
                report_steady(&args, &instances);
            }
            TypedEvent::Disconnected { reason } => eprintln!("service: disconnected: {reason}"),
            other => tracing::debug!(?other, "event"),
        }
    }
}

fn count(instances: &Instances, wanted: TaskState) -> usize {
    instances.live.values().filter(|s| **s == wanted).count()
}

fn report_steady(args: &Args, instances: &Instances) {
    let running = count(instances, TaskState::TaskRunning);
    if instances.reconciled && running == args.instances && instances.live.len() == running {
        println!("steady: {running}/{} instances running", args.instances);
    }
}

// ANCHOR: reconcile
/// Reconciles every task of the state file until each has answered (after each SUBSCRIBED,
/// as Mesos' reconciliation guide prescribes).
fn start_reconciliation(
    scheduler: &SchedulerHandle,
    state: &State,
    done: &tokio::sync::mpsc::Sender<Result<(), Error>>,
) {
    let tasks: Vec<(TaskId, Option<AgentId>)> = state
        .tasks
        .iter()
        .map(|(task, agent)| {
            let (task, agent) = (task.clone(), agent.clone());
            (TaskId { value: task }, Some(AgentId { value: agent }))
        })
        .collect();
    let (scheduler, done) = (scheduler.clone(), done.clone());
    tokio::spawn(async move {
        let result = scheduler
            .reconcile_until_answered(tasks, Duration::from_millis(500), Duration::from_secs(30))
            .await;
        let _ = done.send(result).await;
    });
}

// ANCHOR_END: reconcile

/// Launches missing instances, at most one new instance per agent per round, and declines
/// what is not used.
async fn place(
    scheduler: &SchedulerHandle,
    args: &Args,
    state: &mut State,
    instances: &mut Instances,
    offers: Vec<Offer>,
) -> Result<(), Failure> {
    let mut missing = if instances.reconciled {
        args.instances.saturating_sub(instances.live.len())
    } else {
        0
    };
    let request = ResourceRequest::new().cpus(args.cpus).mem(args.mem);
    let mut declined = Vec::new();
    for (agent, agent_offers) in group_by_agent(offers) {
        if missing == 0 {
            declined.extend(agent_offers.into_iter().map(|o| o.id));
            continue;
        }
        // ANCHOR: planner
        let mut planner = OfferPlanner::new(agent_offers)?;
        let id = format!("{}-{}", args.name, uuid::Uuid::new_v4());
        let task = TaskBuilder::new(&id, &agent)
            .name(&args.name)
            .shell(&args.command)
            .build();
        if planner.place(&task, &request).is_some() {
            // Persist the task id before it can run, so a crash never forgets an instance.
            state.tasks.insert(id.clone(), agent.value.clone());
            state.save(&args.state_file)?;
            instances.live.insert(id.clone(), TaskState::TaskStaging);
            missing -= 1;
            println!("launching {id} on agent {}", agent.value);
        }
        let plan = planner.finish();
        for accept in plan.accepts {
            if let Err(e) = scheduler
                .accept(accept.offer_ids, accept.operations, Some(refuse_for(5.0)))
                .await
            {
                eprintln!("service: ACCEPT failed: {e}");
            }
        }
        declined.extend(plan.unused);
        // ANCHOR_END: planner
    }
    if !declined.is_empty() {
        // Refuse long when nothing is missing, briefly while instances still need a place.
        let seconds = if missing == 0 && instances.reconciled {
            3600.0
        } else {
            5.0
        };
        let _ = scheduler.decline(declined, Some(refuse_for(seconds))).await;
    }
    Ok(())
}
