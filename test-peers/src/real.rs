//! A real Apache Mesos 1.11.0 for tests: masters, agents living in the master's process
//! (upstream's `mesos-local` topology) and standalone agent processes, each test with its own
//! ports, work directories and processes, all ended when the [`RealMesos`] is dropped.
//!
//! The binaries come from the kit in `../shared/real-mesos/` (upstream's libmesos from PyPI's
//! `mesos.scheduler` 1.11.0 tarball, with re-created `main()`s), built once per machine by
//! `real-mesos.sh build` (`.ci/test-deps.sh` does it). The harness starts them itself rather
//! than through the kit's `start`/`agent`/`master` modes: those keep one pid file per `ROOT`,
//! and tests run in parallel. The environment given to each process is the one the kit's
//! `run_env` gives (posix launcher and isolation, the stand-in command executor in
//! `libexec/`), so what runs is what the kit's README describes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::http;
use crate::scratch::ScratchDir;
use crate::{DEADLINE, free_port};

/// Where the kit's build is found when `MESOS_REAL_ROOT` is not set (the kit's own default).
fn default_root() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    cache.join("real-mesos")
}

/// The built kit: the one binary that is `mesos-local`, `mesos-master` and `mesos-agent` by the
/// name it is run as, and the `libexec/` folder agents launch executors from.
#[derive(Debug, Clone)]
pub struct Kit {
    root: PathBuf,
}

impl Kit {
    /// The kit built under `$MESOS_REAL_ROOT` (default `~/.cache/real-mesos`). Fails the test
    /// with the command that builds it when it is not there.
    pub fn find() -> Kit {
        let root = std::env::var_os("MESOS_REAL_ROOT")
            .map(PathBuf::from)
            .unwrap_or_else(default_root);
        let kit = Kit { root };
        assert!(
            kit.local_binary().exists() && kit.libexec().join("mesos-agent").exists(),
            "the real Mesos kit is not built under {} (set MESOS_REAL_ROOT): run \
             `ROOT={} bash ../shared/real-mesos/real-mesos.sh build` from the project root \
             (`.ci/test-deps.sh` does it)",
            kit.root.display(),
            kit.root.display(),
        );
        kit
    }

    fn local_binary(&self) -> PathBuf {
        self.root.join("shim").join("mesos-local")
    }

    fn libexec(&self) -> PathBuf {
        self.root.join("libexec")
    }

    fn webui(&self) -> PathBuf {
        self.root.join("src").join("src").join("webui")
    }
}

/// One process of the cluster: its child handle, its role (for messages) and its log file.
struct Process {
    name: String,
    child: Child,
    log: PathBuf,
}

impl Process {
    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Ends the process and everything it started (agents put executors in sessions of their
    /// own, so a process group is not enough: the tree is found through `/proc`).
    fn end_tree(&mut self) {
        let mut pids = descendants(self.pid());
        pids.push(self.pid());
        for pid in pids {
            signal(pid, "-KILL");
        }
        let _ = self.child.wait();
    }

    fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

fn signal(pid: u32, signal: &str) {
    let _ = Command::new("kill")
        .args([signal, &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// Every process below `pid`, found by reading each `/proc/N/stat`'s parent field.
pub fn descendants(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(child) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // `pid (comm) state ppid ...`: comm may hold spaces and parentheses.
            let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
                continue;
            };
            if let Some(parent) = after.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
                parents.push((child, parent));
            }
        }
    }
    let mut found = Vec::new();
    let mut frontier = vec![pid];
    while let Some(p) = frontier.pop() {
        for (child, parent) in &parents {
            if *parent == p && !found.contains(child) {
                found.push(*child);
                frontier.push(*child);
            }
        }
    }
    found
}

/// What the agents of a [`RealMesos`] offer unless told otherwise: mesos-sim's default, so a
/// scenario sees the same offers from both peers.
pub const AGENT_RESOURCES: &str = "cpus:4;mem:8192;disk:10240;ports:[31000-32000]";

/// How a [`RealMesos`] is laid out; see [`RealMesos::builder`].
#[derive(Debug, Clone)]
pub struct RealMesosBuilder {
    masters: usize,
    in_process_agents: usize,
    standalone_agents: usize,
    zookeeper: Option<String>,
    flags: Vec<(String, String)>,
}

/// A running real Mesos: its masters, in-process agents and standalone agent processes.
pub struct RealMesos {
    kit: Kit,
    masters: Vec<Master>,
    agents: Vec<Agent>,
    in_process_agents: usize,
    zookeeper: Option<String>,
    quorum: usize,
    flags: Vec<(String, String)>,
    /// Last: removed once the processes are gone.
    dir: ScratchDir,
}

struct Master {
    port: u16,
    process: Option<Process>,
}

struct Agent {
    port: u16,
    name: String,
    process: Option<Process>,
}

impl RealMesosBuilder {
    /// How many masters (default 1). More than one needs [`RealMesosBuilder::zookeeper`]; they
    /// then share a replicated log with a quorum of a majority.
    pub fn masters(mut self, count: usize) -> Self {
        self.masters = count.max(1);
        self
    }

    /// Agents inside the master's process, as upstream's `mesos-local` runs them: they share
    /// the master's port and are reached at `/slave(N)/...` (default 0).
    pub fn in_process_agents(mut self, count: usize) -> Self {
        self.in_process_agents = count;
        self
    }

    /// Agents as processes of their own, each on its own port with its own work directory, as
    /// in production (default 0).
    pub fn standalone_agents(mut self, count: usize) -> Self {
        self.standalone_agents = count;
        self
    }

    /// Masters contend for leadership through this ZooKeeper (`zk://host:port/path`) and
    /// agents follow the leader found there.
    pub fn zookeeper(mut self, url: impl Into<String>) -> Self {
        self.zookeeper = Some(url.into());
        self
    }

    /// A master or agent flag as the binaries read it from the environment
    /// (`MESOS_ALLOCATION_INTERVAL`, `MESOS_RESOURCES`, ...); given to every process.
    pub fn flag(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.flags.push((name.into(), value.into()));
        self
    }

    /// Starts every process and waits until a leading master has every agent registered.
    pub async fn start(self) -> RealMesos {
        assert!(
            self.masters == 1 || self.zookeeper.is_some(),
            "several masters need ZooKeeper to elect a leader"
        );
        assert!(
            self.in_process_agents == 0 || (self.masters == 1 && self.zookeeper.is_none()),
            "in-process agents run inside a lone master's process (mesos-local)"
        );
        let kit = Kit::find();
        let dir = ScratchDir::new("mesos-real");
        let mut mesos = RealMesos {
            kit,
            dir,
            masters: Vec::new(),
            agents: Vec::new(),
            in_process_agents: self.in_process_agents,
            zookeeper: self.zookeeper,
            quorum: self.masters / 2 + 1,
            flags: self.flags,
        };
        for _ in 0..self.masters {
            let port = free_port();
            mesos.masters.push(Master {
                port,
                process: None,
            });
            mesos.launch_master(mesos.masters.len() - 1);
        }
        for _ in 0..self.standalone_agents {
            mesos.add_agent_process();
        }
        mesos
            .wait_for_agents(self.in_process_agents + self.standalone_agents)
            .await;
        mesos
    }
}

impl RealMesos {
    /// A layout to start: one master and no agents unless told otherwise.
    pub fn builder() -> RealMesosBuilder {
        RealMesosBuilder {
            masters: 1,
            in_process_agents: 0,
            standalone_agents: 0,
            zookeeper: None,
            flags: Vec::new(),
        }
    }

    /// Upstream's `mesos-local`: one process holding the master and `agents` agents.
    pub async fn local(agents: usize) -> RealMesos {
        RealMesos::builder().in_process_agents(agents).start().await
    }

    fn flags_for(&self, command: &mut Command) {
        // Nothing from the test's own environment leaks into the flags.
        for (name, _) in std::env::vars_os() {
            if let Some(name) = name.to_str() {
                if name.starts_with("MESOS_") || name.starts_with("LIBPROCESS_") {
                    command.env_remove(name);
                }
            }
        }
        command
            .env("MESOS_IP", "127.0.0.1")
            .env("MESOS_LAUNCHER", "posix")
            .env("MESOS_ISOLATION", "posix/cpu,posix/mem")
            .env("MESOS_SYSTEMD_ENABLE_SUPPORT", "false")
            .env("MESOS_LAUNCHER_DIR", self.kit.libexec())
            .env("MESOS_HTTP_COMMAND_EXECUTOR", "true")
            .env("MESOS_WEBUI_DIR", self.kit.webui())
            // Tests run as root and the kit lives under root's home: executors run as the
            // agent's user instead of the framework's.
            .env("MESOS_SWITCH_USER", "false")
            .env("MESOS_RESOURCES", AGENT_RESOURCES);
        for (name, value) in &self.flags {
            command.env(name, value);
        }
    }

    fn spawn(&self, name: &str, program: &Path, configure: impl FnOnce(&mut Command)) -> Process {
        let log = self.dir.join(format!("{name}.log"));
        let file = std::fs::File::create(&log).expect("a log file");
        let mut command = Command::new(program);
        self.flags_for(&mut command);
        configure(&mut command);
        let child = command
            .stdin(Stdio::null())
            .stdout(file.try_clone().expect("log"))
            .stderr(file)
            .spawn()
            .unwrap_or_else(|e| panic!("{name} ({}) starts: {e}", program.display()));
        Process {
            name: name.to_string(),
            child,
            log,
        }
    }

    fn launch_master(&mut self, index: usize) {
        let port = self.masters[index].port;
        let work = self.dir.join(format!("master-{port}"));
        std::fs::create_dir_all(&work).expect("master work dir");
        let quorum = self.quorum;
        let process = if self.in_process_agents > 0 {
            let program = self.kit.local_binary();
            self.spawn(&format!("mesos-local-{port}"), &program, |c| {
                c.env("MESOS_PORT", port.to_string())
                    .env("MESOS_WORK_DIR", &work)
                    .env("MESOS_NUM_SLAVES", self.in_process_agents.to_string())
                    .env("MESOS_REGISTRY", "in_memory");
            })
        } else {
            let program = self.kit.libexec().join("mesos-master");
            let zookeeper = self.zookeeper.clone();
            self.spawn(&format!("master-{port}"), &program, |c| {
                c.env("MESOS_PORT", port.to_string())
                    .env("MESOS_WORK_DIR", &work);
                match zookeeper {
                    Some(zk) => {
                        c.env("MESOS_ZK", zk)
                            .env("MESOS_QUORUM", quorum.to_string())
                            .env("MESOS_REGISTRY", "replicated_log");
                    }
                    None => {
                        c.env("MESOS_REGISTRY", "in_memory");
                    }
                }
            })
        };
        self.masters[index].process = Some(process);
    }

    fn master_target(&self) -> String {
        match &self.zookeeper {
            Some(zk) => zk.clone(),
            None => format!("127.0.0.1:{}", self.masters[0].port),
        }
    }

    fn add_agent_process(&mut self) -> usize {
        let port = free_port();
        let name = format!("agent-{port}");
        self.agents.push(Agent {
            port,
            name,
            process: None,
        });
        let index = self.agents.len() - 1;
        self.launch_agent(index, false);
        index
    }

    fn launch_agent(&mut self, index: usize, keep_work: bool) {
        let (port, name) = (self.agents[index].port, self.agents[index].name.clone());
        let work = self.dir.join(format!("work-{name}"));
        if !keep_work {
            let _ = std::fs::remove_dir_all(&work);
        }
        std::fs::create_dir_all(&work).expect("agent work dir");
        let program = self.kit.libexec().join("mesos-agent");
        let master = self.master_target();
        let process = self.spawn(&name, &program, |c| {
            c.env("MESOS_MASTER", master)
                .env("MESOS_PORT", port.to_string())
                .env("MESOS_WORK_DIR", &work)
                .env("MESOS_RUNTIME_DIR", work.join("run"));
        });
        self.agents[index].process = Some(process);
    }

    /// Starts one more standalone agent and waits until the master has registered it;
    /// returns its index.
    pub async fn add_agent(&mut self) -> usize {
        let expected = self.registered_agent_target() + 1;
        let index = self.add_agent_process();
        self.wait_for_agents(expected).await;
        index
    }

    fn registered_agent_target(&self) -> usize {
        self.in_process_agents + self.agents.iter().filter(|a| a.process.is_some()).count()
    }

    /// Kills standalone agent `index` with SIGKILL, as a crash: its executors keep running.
    pub fn kill_agent(&mut self, index: usize) {
        if let Some(mut process) = self.agents[index].process.take() {
            signal(process.pid(), "-KILL");
            let _ = process.child.wait();
        }
    }

    /// Starts standalone agent `index` again on the same port and work directory, so it
    /// recovers its checkpointed executors, and waits until it is back (its `/state` answers).
    pub async fn restart_agent(&mut self, index: usize) {
        self.kill_agent(index);
        self.launch_agent(index, true);
        let port = self.agents[index].port;
        self.wait("the restarted agent to answer", || async move {
            http::get(&format!("http://127.0.0.1:{port}/slave(1)/state"))
                .await
                .is_ok_and(|(status, _)| status == 200)
        })
        .await;
    }

    /// Kills master `index` with SIGKILL (a crash); the others elect a new leader.
    pub fn kill_master(&mut self, index: usize) {
        if let Some(mut process) = self.masters[index].process.take() {
            signal(process.pid(), "-KILL");
            let _ = process.child.wait();
        }
    }

    /// The folder holding every process's work directory and log.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts master `index` again (after [`RealMesos::kill_master`]) on its port and work
    /// directory, and waits until it answers `/version`; with ZooKeeper it rejoins the
    /// election as a candidate.
    pub async fn restart_master(&mut self, index: usize) {
        self.kill_master(index);
        self.launch_master(index);
        let url = format!("{}/version", self.master_url_of(index));
        self.wait("the restarted master to answer", || {
            let url = url.clone();
            async move { http::get(&url).await.is_ok_and(|(status, _)| status == 200) }
        })
        .await;
    }

    /// `http://127.0.0.1:PORT` of the first master (the only one without ZooKeeper).
    pub fn master_url(&self) -> String {
        self.master_url_of(0)
    }

    /// `http://127.0.0.1:PORT` of master `index`.
    pub fn master_url_of(&self, index: usize) -> String {
        format!("http://127.0.0.1:{}", self.masters[index].port)
    }

    /// The index of the master that leads now, if one answers `/state` as the leader.
    pub async fn leader(&self) -> Option<usize> {
        for (index, master) in self.masters.iter().enumerate() {
            if master.process.is_none() {
                continue;
            }
            if let Ok((200, _)) = http::get(&format!("{}/state", self.master_url_of(index))).await {
                return Some(index);
            }
        }
        None
    }

    /// `http://127.0.0.1:PORT` of standalone agent `index`.
    pub fn agent_url(&self, index: usize) -> String {
        format!("http://127.0.0.1:{}", self.agents[index].port)
    }

    /// The leading master's `/state` document.
    pub async fn state(&self) -> serde_json::Value {
        let leader = self.leader().await.expect("a leading master");
        http::get_json(&format!("{}/state", self.master_url_of(leader))).await
    }

    async fn wait<F, Fut>(&mut self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let start = tokio::time::Instant::now();
        loop {
            if check().await {
                return;
            }
            for process in self
                .masters
                .iter_mut()
                .filter_map(|m| m.process.as_mut())
                .chain(self.agents.iter_mut().filter_map(|a| a.process.as_mut()))
            {
                assert!(
                    process.is_running(),
                    "{} exited while waiting for {what}; its log ends:\n{}",
                    process.name,
                    process.log_tail(30)
                );
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} within {DEADLINE:?}; logs in {}",
                self.dir.display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the replicated log has recovered on every running master (each reports
    /// `registrar/log/recovered` 1 in `/metrics/snapshot`: its replica votes). Kill a leader
    /// before that and the masters left may not hold a quorum of voting replicas: none can
    /// recover the registry, so none leads (`mesos: src/log/recover.cpp`).
    pub async fn wait_for_log_replicas(&mut self) {
        let urls: Vec<String> = self
            .masters
            .iter()
            .enumerate()
            .filter(|(_, m)| m.process.is_some())
            .map(|(i, _)| format!("{}/metrics/snapshot", self.master_url_of(i)))
            .collect();
        self.wait("every master's log replica recovered", || {
            let urls = urls.clone();
            async move {
                for url in urls {
                    let recovered = match http::get(&url).await {
                        Ok((200, body)) => serde_json::from_slice::<serde_json::Value>(&body)
                            .ok()
                            .and_then(|v| v["registrar/log/recovered"].as_f64()),
                        _ => None,
                    };
                    if recovered != Some(1.0) {
                        return false;
                    }
                }
                true
            }
        })
        .await;
    }

    /// Waits until a leading master reports `count` activated agents.
    pub async fn wait_for_agents(&mut self, count: usize) {
        let urls: Vec<String> = (0..self.masters.len())
            .map(|i| format!("{}/state", self.master_url_of(i)))
            .collect();
        self.wait(&format!("a leader with {count} agents"), || {
            let urls = urls.clone();
            async move {
                for url in urls {
                    if let Ok((200, body)) = http::get(&url).await {
                        let state: serde_json::Value =
                            serde_json::from_slice(&body).unwrap_or_default();
                        if state["activated_slaves"].as_f64() == Some(count as f64) {
                            return true;
                        }
                    }
                }
                false
            }
        })
        .await;
    }

    /// Everything the master's process wrote when it holds the agents (`mesos-local`): there
    /// executors inherit its stdio. Empty for any other layout.
    pub fn in_process_agents_output(&self) -> String {
        if self.in_process_agents == 0 {
            return String::new();
        }
        self.masters
            .iter()
            .filter_map(|m| m.process.as_ref())
            .map(|p| std::fs::read_to_string(&p.log).unwrap_or_default())
            .collect()
    }

    /// The last lines of every process's log, for a failing test's message.
    pub fn logs(&self, lines: usize) -> String {
        let mut out = String::new();
        for process in self
            .masters
            .iter()
            .filter_map(|m| m.process.as_ref())
            .chain(self.agents.iter().filter_map(|a| a.process.as_ref()))
        {
            out.push_str(&format!(
                "--- {} ---\n{}\n",
                process.name,
                process.log_tail(lines)
            ));
        }
        out
    }
}

impl Drop for RealMesos {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "real Mesos logs (in {}):\n{}",
                self.dir.display(),
                self.logs(40)
            );
        }
        for agent in &mut self.agents {
            if let Some(mut process) = agent.process.take() {
                process.end_tree();
            }
        }
        for master in &mut self.masters {
            if let Some(mut process) = master.process.take() {
                process.end_tree();
            }
        }
        // Executors of a killed agent were re-parented away from it: end whatever still runs
        // from this cluster's directories.
        for pid in processes_under(&self.dir) {
            signal(pid, "-KILL");
        }
        // The folder goes with `self.dir`, unless a test failed.
    }
}

/// Processes whose working directory lies under `dir` (executors run in their sandboxes).
fn processes_under(dir: &Path) -> Vec<u32> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            if std::fs::read_link(entry.path().join("cwd")).is_ok_and(|cwd| cwd.starts_with(dir)) {
                found.push(pid);
            }
        }
    }
    found
}
