//! One interface over both Mesos peers, so an integration scenario is written once and run
//! against mesos-sim and against the real Mesos 1.11.0: start a cluster, find its master,
//! read what the master knows (`/master/state`, served alike by both), restart an agent.

use std::fmt;
use std::path::{Path, PathBuf};

use mesos_sim::Cluster;

use crate::http;
use crate::real::RealMesos;
use crate::scratch::ScratchDir;

/// Which Mesos a scenario runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerKind {
    /// mesos-sim, in the test's process.
    Sim,
    /// The real Apache Mesos 1.11.0 (`../shared/real-mesos/`).
    Real,
}

/// Where the agents of a real peer live. mesos-sim's agents always have ports of their own,
/// like standalone agents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topology {
    /// Inside the master's process (upstream's `mesos-local`): one port, agents at
    /// `/slave(N)/...`.
    InProcess,
    /// Processes of their own (production's layout), which can be killed and restarted.
    Standalone,
}

/// A running Mesos of either kind.
pub struct Peer {
    kind: PeerKind,
    inner: Inner,
    /// Where the simulator's agents keep their sandboxes (the real Mesos has its own).
    /// Declared after `inner`: removed once the cluster is gone.
    sim_work: ScratchDir,
}

enum Inner {
    Sim(Box<Cluster>),
    Real(RealMesos),
}

impl fmt::Debug for Peer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Peer({:?}, {})", self.kind, self.master_url())
    }
}

impl Peer {
    /// A master with `agents` agents: in the master's process on the real peer.
    pub async fn start(kind: PeerKind, agents: usize) -> Peer {
        Peer::start_with(kind, agents, Topology::InProcess).await
    }

    /// A master with `agents` agents laid out as `topology` on the real peer.
    pub async fn start_with(kind: PeerKind, agents: usize, topology: Topology) -> Peer {
        let sim_work = ScratchDir::new("mesos-sim-peer");
        let inner = match kind {
            PeerKind::Sim => Inner::Sim(Box::new(
                Cluster::builder()
                    .agents(agents)
                    .work_dir(&*sim_work)
                    .start()
                    .await
                    .expect("mesos-sim starts"),
            )),
            PeerKind::Real => {
                let builder = RealMesos::builder();
                let builder = match topology {
                    Topology::InProcess => builder.in_process_agents(agents),
                    Topology::Standalone => builder.standalone_agents(agents),
                };
                Inner::Real(builder.start().await)
            }
        };
        Peer {
            kind,
            inner,
            sim_work,
        }
    }

    /// The folder under which every agent of this peer keeps its work directory.
    pub fn work_dir(&self) -> &Path {
        match &self.inner {
            Inner::Sim(_) => &self.sim_work,
            Inner::Real(real) => real.dir(),
        }
    }

    /// The run directories (sandboxes) of executor `executor` on any agent, oldest first:
    /// `.../executors/<executor>/runs/<container>`, the layout of both peers.
    pub fn executor_sandboxes(&self, executor: &str) -> Vec<PathBuf> {
        executor_sandboxes_under(self.work_dir(), executor)
    }

    /// What executor `executor` wrote to its standard error, on every run. Agents in the
    /// master's process leave it in that process's own output instead of the sandbox: their
    /// containerizer is created in local mode, where containers inherit the agent's stdio
    /// (`mesos: src/slave/containerizer/mesos/io/switchboard.cpp`, `IOSwitchboard::prepare`).
    pub fn executor_stderr(&self, executor: &str) -> String {
        let mut out = String::new();
        for run in self.executor_sandboxes(executor) {
            out.push_str(&std::fs::read_to_string(run.join("stderr")).unwrap_or_default());
        }
        if let Inner::Real(real) = &self.inner {
            out.push_str(&real.in_process_agents_output());
        }
        out
    }

    /// The leading master's `http://127.0.0.1:PORT`.
    pub fn master_url(&self) -> String {
        match &self.inner {
            Inner::Sim(cluster) => cluster.master_url(),
            Inner::Real(real) => real.master_url(),
        }
    }

    /// The simulator, for what only it can do (fault injection, internal counters).
    pub fn sim(&self) -> Option<&Cluster> {
        match &self.inner {
            Inner::Sim(cluster) => Some(cluster),
            Inner::Real(_) => None,
        }
    }

    /// The real Mesos, for what only it has (its processes and logs).
    pub fn real(&mut self) -> Option<&mut RealMesos> {
        match &mut self.inner {
            Inner::Sim(_) => None,
            Inner::Real(real) => Some(real),
        }
    }

    /// The master's `/master/state` document.
    pub async fn state(&self) -> serde_json::Value {
        http::get_json(&format!("{}/master/state", self.master_url())).await
    }

    /// The ids of the frameworks the master knows (connected or within their failover
    /// timeout), from `/master/state`.
    pub async fn framework_ids(&self) -> Vec<String> {
        let state = self.state().await;
        strings(&state["frameworks"], "id")
    }

    /// The state the master holds for `task` of `framework` (e.g. `"TASK_RUNNING"`): among
    /// its active tasks, else among its completed ones.
    pub async fn task_state(&self, framework: &str, task: &str) -> Option<String> {
        let state = self.state().await;
        let frameworks = state["frameworks"].as_array().cloned().unwrap_or_default();
        let framework = frameworks.iter().find(|f| f["id"] == framework)?;
        ["tasks", "unreachable_tasks", "completed_tasks"]
            .iter()
            .flat_map(|list| framework[*list].as_array().cloned().unwrap_or_default())
            .find(|t| t["id"] == task)
            .and_then(|t| t["state"].as_str().map(str::to_string))
    }

    /// The tasks of `framework` the master has moved to `completed_tasks`: a terminal task
    /// moves there once its terminal update is acknowledged (`Master::removeTask`, called
    /// from `Master::acknowledge`).
    pub async fn completed_task_ids(&self, framework: &str) -> Vec<String> {
        let state = self.state().await;
        let frameworks = state["frameworks"].as_array().cloned().unwrap_or_default();
        frameworks
            .iter()
            .find(|f| f["id"] == framework)
            .map(|f| strings(&f["completed_tasks"], "id"))
            .unwrap_or_default()
    }

    /// Where each agent the master knows serves its operator API, from the agents' `pid`s
    /// (`slave(N)@ip:port`) in `/master/state`: `/api/v1` on an agent with a port of its own,
    /// `/slave(N)/api/v1` on one inside the master's process.
    pub async fn agent_apis(&self) -> Vec<AgentApi> {
        let state = self.state().await;
        let master_port = self.master_url().rsplit(':').next().map(str::to_string);
        let agents = state["slaves"].as_array().cloned().unwrap_or_default();
        agents
            .iter()
            .filter_map(|agent| {
                let (process, address) = agent["pid"].as_str()?.split_once('@')?;
                let port = address.rsplit(':').next().map(str::to_string);
                let path = if port == master_port {
                    format!("/{process}/api/v1")
                } else {
                    "/api/v1".to_string()
                };
                Some(AgentApi {
                    id: agent["id"].as_str()?.to_string(),
                    url: format!("http://{address}"),
                    path,
                })
            })
            .collect()
    }

    /// Stops agent `index` at once, as a crash (the real peer's agents must be
    /// [`Topology::Standalone`]): its executors keep running.
    pub async fn stop_agent(&mut self, index: usize) {
        match &mut self.inner {
            Inner::Sim(cluster) => {
                let agent = cluster.agent_ids()[index].clone();
                cluster
                    .stop_agent(&agent)
                    .expect("the simulated agent stops");
            }
            Inner::Real(real) => real.kill_agent(index),
        }
    }

    /// Restarts agent `index` (the real peer's agents must be [`Topology::Standalone`]): it
    /// goes down at once, as a crash, unless it is down already, and comes back with its
    /// checkpointed state.
    pub async fn restart_agent(&mut self, index: usize) {
        match &mut self.inner {
            Inner::Sim(cluster) => {
                let agent = cluster.agent_ids()[index].clone();
                cluster
                    .restart_agent(&agent)
                    .await
                    .expect("the simulated agent restarts");
            }
            Inner::Real(real) => real.restart_agent(index).await,
        }
    }
}

/// An agent's operator API: see [`Peer::agent_apis`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentApi {
    /// The agent's id.
    pub id: String,
    /// `http://ip:port` of its process.
    pub url: String,
    /// The path its operator API answers at there.
    pub path: String,
}

fn strings(list: &serde_json::Value, field: &str) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item[field].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The run directories of executor `executor` under the agents' work folder `dir`, oldest
/// first (`latest` symlinks and the agent's checkpoints under `meta/`, which mirror the
/// sandboxes' layout, are skipped).
pub fn executor_sandboxes_under(dir: &Path, executor: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if !entry.file_type().is_ok_and(|t| t.is_dir()) || entry.file_name() == "meta" {
                continue;
            }
            let path = entry.path();
            let parent = path.parent();
            let is_run = parent
                .and_then(Path::file_name)
                .is_some_and(|n| n == "runs")
                && parent
                    .and_then(Path::parent)
                    .and_then(Path::file_name)
                    .is_some_and(|n| n == executor);
            if is_run {
                found.push(path);
            } else {
                stack.push(path);
            }
        }
    }
    found.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    found
}
