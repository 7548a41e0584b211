//! `mesos-state`: what a Mesos cluster holds, read through the master's operator API.
//!
//! ```text
//! mesos-state --master <URL> [--watch] [--json]
//! ```
//!
//! It prints the agents, frameworks and tasks as tables (GET_STATE), or with `--json` the
//! state as Mesos' JSON. With `--watch` it subscribes to the operator event stream instead:
//! the tables of the state in SUBSCRIBED, then one line per event (TASK_ADDED,
//! TASK_UPDATED, AGENT_ADDED, ...; heartbeats are not shown) until interrupted, following
//! a new leader when the stream ends. `--watch --json` prints each event as one JSON line.

use std::collections::BTreeMap;
use std::process::ExitCode;

use clap::Parser;
use futures_util::StreamExt;
use mesos_examples::init_logging;
use mesos_sdk::operator::{MasterClient, OperatorEvent};
use mesos_sdk::v1::master::response::{GetState, get_agents, get_frameworks};
use mesos_sdk::v1::{Resource, Task};

/// Shows a Mesos cluster's agents, frameworks and tasks.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The master: `host:port`, `http(s)://host:port`, or `zk://[user:pass@]h1:p1[,h2:p2]/path`.
    #[arg(long)]
    master: String,
    /// Follow the operator event stream: one line per event, until interrupted.
    #[arg(long)]
    watch: bool,
    /// Print Mesos' JSON instead of tables.
    #[arg(long)]
    json: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    let args = Args::parse();
    let result = tokio::select! {
        result = run(&args) => result,
        _ = tokio::signal::ctrl_c() => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("mesos-state: {error}");
            ExitCode::from(2)
        }
    }
}

async fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let master = MasterClient::for_url(&args.master)?;
    if !args.watch {
        let state = master.get_state().await?;
        if args.json {
            println!("{}", mesos_sdk::json::to_string(&state)?);
        } else {
            print!("{}", Model::from(&state).tables());
        }
        return Ok(());
    }
    // A stream ends when its master loses leadership: subscribe again to the new leader.
    loop {
        let mut events = master.subscribe().await?;
        let mut model = Model::from(&events.state());
        if args.json {
            println!("{}", mesos_sdk::json::to_string(events.subscribed())?);
        } else {
            print!("{}", model.tables());
        }
        println!("-- watching {}", events.endpoint());
        while let Some(event) = events.next().await {
            let event = match event {
                Ok(event) => event,
                Err(error) => {
                    eprintln!("mesos-state: {error}; subscribing again");
                    break;
                }
            };
            let json = args.json.then(|| mesos_sdk::json::to_string(&event));
            if let Some(line) = model.apply(&OperatorEvent::from(event)) {
                match json {
                    Some(json) => println!("{}", json?),
                    None => println!("{line}"),
                }
            }
        }
    }
}

/// The cluster as the events leave it: agents, frameworks and tasks by id.
#[derive(Debug, Default)]
struct Model {
    agents: BTreeMap<String, get_agents::Agent>,
    frameworks: BTreeMap<String, get_frameworks::Framework>,
    /// By (framework id, task id); completed tasks stay.
    tasks: BTreeMap<(String, String), Task>,
}

impl From<&GetState> for Model {
    fn from(state: &GetState) -> Model {
        let mut model = Model::default();
        for agent in state.get_agents.clone().unwrap_or_default().agents {
            model.agents.insert(agent_id(&agent), agent);
        }
        for framework in state.get_frameworks.clone().unwrap_or_default().frameworks {
            let id = framework_id(&framework);
            model.frameworks.insert(id, framework);
        }
        let tasks = state.get_tasks.clone().unwrap_or_default();
        for task in tasks
            .tasks
            .into_iter()
            .chain(tasks.unreachable_tasks)
            .chain(tasks.completed_tasks)
        {
            model.add_task(task);
        }
        model
    }
}

impl Model {
    fn add_task(&mut self, task: Task) {
        let key = (task.framework_id.value.clone(), task.task_id.value.clone());
        self.tasks.insert(key, task);
    }

    /// Applies one event; the line that describes it (none for heartbeats).
    fn apply(&mut self, event: &OperatorEvent) -> Option<String> {
        Some(match event {
            OperatorEvent::TaskAdded(task) => {
                let line = format!(
                    "TASK_ADDED task={} framework={} agent={} state={}",
                    task.task_id.value,
                    task.framework_id.value,
                    task.agent_id.value,
                    task.state().as_str_name()
                );
                self.add_task(task.as_ref().clone());
                line
            }
            OperatorEvent::TaskUpdated {
                framework_id,
                status,
                state,
            } => {
                let key = (framework_id.value.clone(), status.task_id.value.clone());
                let task = self.tasks.entry(key).or_insert_with(|| Task {
                    task_id: status.task_id.clone(),
                    framework_id: framework_id.clone(),
                    agent_id: status.agent_id.clone().unwrap_or_default(),
                    ..Default::default()
                });
                task.state = *state as i32;
                task.statuses.push(status.as_ref().clone());
                format!(
                    "TASK_UPDATED task={} framework={} agent={} state={}",
                    task.task_id.value,
                    framework_id.value,
                    task.agent_id.value,
                    state.as_str_name()
                )
            }
            OperatorEvent::AgentAdded(agent) => {
                let id = agent_id(agent);
                let line = format!(
                    "AGENT_ADDED agent={id} hostname={}",
                    agent.agent_info.hostname
                );
                self.agents.insert(id, agent.as_ref().clone());
                line
            }
            OperatorEvent::AgentRemoved(id) => {
                let hostname = self
                    .agents
                    .remove(&id.value)
                    .map(|a| a.agent_info.hostname)
                    .unwrap_or_default();
                format!("AGENT_REMOVED agent={} hostname={hostname}", id.value)
            }
            OperatorEvent::FrameworkAdded(framework)
            | OperatorEvent::FrameworkUpdated(framework) => {
                let kind = if matches!(event, OperatorEvent::FrameworkAdded(_)) {
                    "FRAMEWORK_ADDED"
                } else {
                    "FRAMEWORK_UPDATED"
                };
                let id = framework_id(framework);
                let line = format!(
                    "{kind} framework={id} name={}",
                    framework.framework_info.name
                );
                self.frameworks.insert(id, framework.as_ref().clone());
                line
            }
            OperatorEvent::FrameworkRemoved(info) => {
                let id = info.id.clone().unwrap_or_default().value;
                self.frameworks.remove(&id);
                format!("FRAMEWORK_REMOVED framework={id} name={}", info.name)
            }
            OperatorEvent::Heartbeat => return None,
            other => format!("{other:?}"),
        })
    }

    /// The three tables.
    fn tables(&self) -> String {
        let agents = self.agents.values().map(|a| {
            vec![
                agent_id(a),
                a.agent_info.hostname.clone(),
                scalar(&a.total_resources, "cpus"),
                scalar(&a.total_resources, "mem"),
                a.active.to_string(),
            ]
        });
        let frameworks = self.frameworks.iter().map(|(id, f)| {
            let tasks = self.tasks.keys().filter(|(fid, _)| fid == id).count();
            vec![
                id.clone(),
                f.framework_info.name.clone(),
                f.active.to_string(),
                tasks.to_string(),
            ]
        });
        let tasks = self.tasks.values().map(|t| {
            vec![
                t.task_id.value.clone(),
                t.framework_id.value.clone(),
                t.agent_id.value.clone(),
                t.state().as_str_name().to_string(),
            ]
        });
        [
            table(
                "AGENTS",
                &["ID", "HOSTNAME", "CPUS", "MEM", "ACTIVE"],
                agents,
            ),
            table("FRAMEWORKS", &["ID", "NAME", "ACTIVE", "TASKS"], frameworks),
            table("TASKS", &["ID", "FRAMEWORK", "AGENT", "STATE"], tasks),
        ]
        .join("\n")
    }
}

fn agent_id(agent: &get_agents::Agent) -> String {
    agent.agent_info.id.clone().unwrap_or_default().value
}

fn framework_id(framework: &get_frameworks::Framework) -> String {
    framework
        .framework_info
        .id
        .clone()
        .unwrap_or_default()
        .value
}

/// The total of scalar resource `name`, as Mesos prints it (`4`, `0.5`).
fn scalar(resources: &[Resource], name: &str) -> String {
    let total: f64 = resources
        .iter()
        .filter(|r| r.name == name)
        .filter_map(|r| r.scalar.map(|s| s.value))
        .sum();
    format!("{total}")
}

/// A title, a header and rows, in columns as wide as their widest cell.
fn table(title: &str, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut lines: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    lines.extend(rows);
    let mut widths = vec![0; header.len()];
    for line in &lines {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.len());
        }
    }
    let mut out = format!("{title} ({})\n", lines.len() - 1);
    for line in lines {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:width$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
