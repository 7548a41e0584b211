//! GET_CONTAINERS: the container of each running executor, with its status and resource
//! statistics as the posix launcher and the `posix/cpu` and `posix/mem` isolators report
//! them (`mesos: src/slave/http.cpp` `Http::__containers`,
//! `src/slave/containerizer/mesos/isolators/posix.hpp`): CPU times and resident memory of
//! the container's processes read from `/proc`, and its limits from its resources.
//!
//! The container's first process is the one mesos-sim started in the run directory (the
//! task's command for the command executor, the executor for a custom executor); it is
//! found as the child of this process whose working directory is that sandbox.

use std::path::{Path, PathBuf};

use mesos_sdk::v1::agent::response::get_containers::Container;
use mesos_sdk::v1::{ContainerId, ContainerStatus, ExecutorId, FrameworkId, ResourceStatistics};

use super::operator_state::ContainerView;

/// Clock ticks per second of `/proc/<pid>/stat` times (`sysconf(_SC_CLK_TCK)`, 100 on
/// Linux).
const CLOCK_TICKS: f64 = 100.0;
const MIB: f64 = 1024.0 * 1024.0;

/// The containers of `views` that still run, in order.
pub(crate) fn containers(views: &[ContainerView]) -> Vec<Container> {
    let processes = Processes::read();
    views
        .iter()
        .filter_map(|view| {
            let container_id = match &view.container_id {
                Some(id) => id.clone(),
                None => latest_run(&view.runs)?,
            };
            let sandbox = view.runs.join(&container_id);
            let root = processes.started_in(&sandbox);
            let tree = root.map(|pid| processes.tree(pid)).unwrap_or_default();
            let id = ContainerId {
                value: container_id,
                parent: None,
            };
            Some(Container {
                framework_id: Some(FrameworkId {
                    value: view.framework_id.clone(),
                }),
                executor_id: Some(ExecutorId {
                    value: view.executor_id.clone(),
                }),
                executor_name: view.executor_name.clone(),
                container_id: id.clone(),
                container_status: Some(ContainerStatus {
                    container_id: Some(id),
                    executor_pid: root,
                    ..Default::default()
                }),
                resource_statistics: Some(statistics(view, &tree)),
            })
        })
        .collect()
}

/// The container id the `runs/latest` link names.
fn latest_run(runs: &Path) -> Option<String> {
    let target = std::fs::read_link(runs.join("latest")).ok()?;
    target.file_name()?.to_str().map(str::to_string)
}

fn statistics(view: &ContainerView, tree: &[Process]) -> ResourceStatistics {
    let user: u64 = tree.iter().map(|p| p.user_ticks).sum();
    let system: u64 = tree.iter().map(|p| p.system_ticks).sum();
    let rss: u64 = tree.iter().map(|p| p.rss_bytes).sum();
    let mem_limit = (view.mem_mb * MIB) as u64;
    ResourceStatistics {
        timestamp: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or_default(),
        cpus_user_time_secs: Some(user as f64 / CLOCK_TICKS),
        cpus_system_time_secs: Some(system as f64 / CLOCK_TICKS),
        cpus_soft_limit: Some(view.cpus),
        mem_limit_bytes: Some(mem_limit),
        mem_soft_limit_bytes: Some(mem_limit),
        mem_rss_bytes: Some(rss),
        ..Default::default()
    }
}

/// One process from `/proc`.
#[derive(Clone, Debug)]
struct Process {
    pid: u32,
    parent: u32,
    cwd: Option<PathBuf>,
    user_ticks: u64,
    system_ticks: u64,
    rss_bytes: u64,
}

/// A snapshot of the system's processes.
struct Processes(Vec<Process>);

impl Processes {
    fn read() -> Processes {
        let mut found = Vec::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // `pid (comm) state ppid ... utime(14) stime(15)`: comm may hold spaces.
            let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
                continue;
            };
            let fields: Vec<&str> = after.split_whitespace().collect();
            let number = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
            let rss_kib = std::fs::read_to_string(entry.path().join("status"))
                .ok()
                .and_then(|status| {
                    status
                        .lines()
                        .find_map(|l| l.strip_prefix("VmRSS:"))
                        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                })
                .unwrap_or(0);
            found.push(Process {
                pid,
                parent: number(1).and_then(|p| u32::try_from(p).ok()).unwrap_or(0),
                cwd: std::fs::read_link(entry.path().join("cwd")).ok(),
                user_ticks: number(11).unwrap_or(0),
                system_ticks: number(12).unwrap_or(0),
                rss_bytes: rss_kib * 1024,
            });
        }
        Processes(found)
    }

    /// The child of this process working in `sandbox`.
    fn started_in(&self, sandbox: &Path) -> Option<u32> {
        let sandbox = std::fs::canonicalize(sandbox).ok()?;
        let me = std::process::id();
        self.0
            .iter()
            .find(|p| p.parent == me && p.cwd.as_deref() == Some(sandbox.as_path()))
            .map(|p| p.pid)
    }

    /// `root` and everything below it.
    fn tree(&self, root: u32) -> Vec<Process> {
        let mut tree: Vec<Process> = self.0.iter().filter(|p| p.pid == root).cloned().collect();
        let mut frontier = vec![root];
        while let Some(parent) = frontier.pop() {
            for child in self.0.iter().filter(|p| p.parent == parent) {
                if !tree.iter().any(|p| p.pid == child.pid) {
                    tree.push(child.clone());
                    frontier.push(child.pid);
                }
            }
        }
        tree
    }
}
