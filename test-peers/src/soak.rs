//! Seeded fault schedules for soak tests: one generator, so the SDK's soak and k8sm's soak
//! inject the same kinds of faults in the same reproducible way. A [`Schedule`] is a list of
//! [`Step`]s generated from a seed ([`seed_from_env`], `SOAK_SEED`) over a length
//! ([`length_from_env`], `SOAK_SECS`); [`run`] plays its timeline (injections, and the heals
//! of faults that last) through a test's own `apply`, writing what happened to a
//! [`Journal`]. A [`FailureReport`] prints the seed, the schedule and the journal when the
//! test panics, so a failure can be replayed with `SOAK_SEED=<seed>`. [`ClusterFaults`]
//! applies the faults to a mesos-sim cluster electing through ZooKeeper.
//!
//! The generator is a SplitMix64 of its own rather than `rand`'s `StdRng`, whose algorithm
//! may change between `rand` versions: a seed must name the same schedule for ever.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A small deterministic random number generator (SplitMix64, Steele et al. 2014).
#[derive(Debug, Clone)]
pub struct SoakRng(u64);

impl SoakRng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> SoakRng {
        SoakRng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A duration in `[low, high]`, in whole milliseconds.
    pub fn between(&mut self, (low, high): (Duration, Duration)) -> Duration {
        let low_ms = low.as_millis() as u64;
        let high_ms = (high.as_millis() as u64).max(low_ms);
        Duration::from_millis(low_ms + self.below(high_ms - low_ms + 1))
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A new generator whose sequence depends on this one's next output (for a second,
    /// independent stream from one seed).
    pub fn fork(&mut self) -> SoakRng {
        SoakRng(self.next_u64())
    }
}

/// The kinds of faults a schedule injects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaultKind {
    /// The leading master resigns (its ZooKeeper session is closed): the standby is elected.
    LeaderFailover,
    /// The leading master's ZooKeeper session expires at the server: the standby is elected.
    ZooKeeperExpiry,
    /// The master drops the framework's subscription stream.
    DropSubscription,
    /// The master stops sending heartbeats for a while.
    StopHeartbeats,
    /// An agent process restarts.
    RestartAgent,
    /// An agent process stops for a while, then restarts.
    StopAgent,
    /// An agent is partitioned away (lost) for a while, then re-registers.
    LoseAgent,
    /// The scheduler process dies, and starts again after a while.
    RestartScheduler,
}

impl FaultKind {
    /// Every kind.
    pub const ALL: [FaultKind; 8] = [
        FaultKind::LeaderFailover,
        FaultKind::ZooKeeperExpiry,
        FaultKind::DropSubscription,
        FaultKind::StopHeartbeats,
        FaultKind::RestartAgent,
        FaultKind::StopAgent,
        FaultKind::LoseAgent,
        FaultKind::RestartScheduler,
    ];
}

/// One fault, with its target and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// See [`FaultKind::LeaderFailover`].
    LeaderFailover,
    /// See [`FaultKind::ZooKeeperExpiry`].
    ZooKeeperExpiry,
    /// See [`FaultKind::DropSubscription`].
    DropSubscription,
    /// See [`FaultKind::StopHeartbeats`].
    StopHeartbeats {
        /// How long no heartbeat is sent.
        silent_for: Duration,
    },
    /// See [`FaultKind::RestartAgent`].
    RestartAgent {
        /// The agent's index (registration order).
        agent: usize,
    },
    /// See [`FaultKind::StopAgent`].
    StopAgent {
        /// The agent's index (registration order).
        agent: usize,
        /// How long it stays down.
        down_for: Duration,
    },
    /// See [`FaultKind::LoseAgent`].
    LoseAgent {
        /// The agent's index (registration order).
        agent: usize,
        /// How long it stays unreachable.
        lost_for: Duration,
    },
    /// See [`FaultKind::RestartScheduler`].
    RestartScheduler {
        /// How long the scheduler stays down.
        down_for: Duration,
    },
}

impl Fault {
    /// Its kind.
    pub fn kind(&self) -> FaultKind {
        match self {
            Fault::LeaderFailover => FaultKind::LeaderFailover,
            Fault::ZooKeeperExpiry => FaultKind::ZooKeeperExpiry,
            Fault::DropSubscription => FaultKind::DropSubscription,
            Fault::StopHeartbeats { .. } => FaultKind::StopHeartbeats,
            Fault::RestartAgent { .. } => FaultKind::RestartAgent,
            Fault::StopAgent { .. } => FaultKind::StopAgent,
            Fault::LoseAgent { .. } => FaultKind::LoseAgent,
            Fault::RestartScheduler { .. } => FaultKind::RestartScheduler,
        }
    }

    /// How long it lasts before it heals (zero: it is over once injected).
    pub fn lasts(&self) -> Duration {
        match *self {
            Fault::StopHeartbeats { silent_for } => silent_for,
            Fault::StopAgent { down_for, .. } => down_for,
            Fault::LoseAgent { lost_for, .. } => lost_for,
            Fault::RestartScheduler { down_for } => down_for,
            _ => Duration::ZERO,
        }
    }

    /// The agent it targets, if any.
    pub fn agent(&self) -> Option<usize> {
        match *self {
            Fault::RestartAgent { agent }
            | Fault::StopAgent { agent, .. }
            | Fault::LoseAgent { agent, .. } => Some(agent),
            _ => None,
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Fault::LeaderFailover => write!(f, "leader failover"),
            Fault::ZooKeeperExpiry => write!(f, "leader's ZooKeeper session expires"),
            Fault::DropSubscription => write!(f, "drop the subscription"),
            Fault::StopHeartbeats { silent_for } => {
                write!(f, "stop heartbeats for {silent_for:?}")
            }
            Fault::RestartAgent { agent } => write!(f, "restart agent {agent}"),
            Fault::StopAgent { agent, down_for } => {
                write!(f, "stop agent {agent} for {down_for:?}")
            }
            Fault::LoseAgent { agent, lost_for } => {
                write!(f, "lose agent {agent} for {lost_for:?}")
            }
            Fault::RestartScheduler { down_for } => {
                write!(f, "kill the scheduler, restart it after {down_for:?}")
            }
        }
    }
}

/// A fault and when it is injected, from the start of the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// When, from the start.
    pub at: Duration,
    /// What.
    pub fault: Fault,
}

/// What the timeline asks a test to do at one point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Inject the fault.
    Inject(Fault),
    /// End a fault that lasts (restart the stopped agent, re-register the lost one, resume
    /// heartbeats, start the scheduler again).
    Heal(Fault),
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Inject(fault) => write!(f, "inject: {fault}"),
            Action::Heal(fault) => write!(f, "heal: {fault}"),
        }
    }
}

/// How a schedule is generated. Ranges are inclusive.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ScheduleConfig {
    /// The seed.
    pub seed: u64,
    /// Faults are injected until this point (faults that last may heal after it).
    pub length: Duration,
    /// How many agents the cluster has (agent faults pick among them; one stays healthy).
    pub agents: usize,
    /// The kinds to inject. Each appears once, in a seeded order, before any repeats, so a
    /// schedule long enough for `kinds.len()` steps covers them all.
    pub kinds: Vec<FaultKind>,
    /// Time between two injections.
    pub gap: (Duration, Duration),
    /// How long heartbeats stay stopped.
    pub heartbeat_silence: (Duration, Duration),
    /// How long a stopped agent stays down.
    pub agent_down: (Duration, Duration),
    /// How long a lost agent stays unreachable.
    pub agent_lost: (Duration, Duration),
    /// How long a killed scheduler stays down.
    pub scheduler_down: (Duration, Duration),
}

impl ScheduleConfig {
    /// Every kind of fault over `agents` agents for `length`, with gaps of 1.5 to 4 s and
    /// durations sized for a heartbeat watchdog of a few seconds.
    pub fn new(seed: u64, length: Duration, agents: usize) -> ScheduleConfig {
        ScheduleConfig {
            seed,
            length,
            agents,
            kinds: FaultKind::ALL.to_vec(),
            gap: (Duration::from_millis(1500), Duration::from_secs(4)),
            heartbeat_silence: (Duration::from_secs(3), Duration::from_secs(6)),
            agent_down: (Duration::from_secs(1), Duration::from_secs(8)),
            agent_lost: (Duration::from_secs(2), Duration::from_secs(6)),
            scheduler_down: (Duration::from_millis(500), Duration::from_secs(4)),
        }
    }
}

/// A generated fault schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The seed it was generated from.
    pub seed: u64,
    /// The steps, in time order.
    pub steps: Vec<Step>,
}

impl Schedule {
    /// Generates the schedule `config` describes. The same config gives the same schedule.
    ///
    /// Faults may overlap, within limits that keep each one meaningful: an agent has one
    /// fault at a time and at least one agent stays healthy; heartbeats are stopped once at a
    /// time; the scheduler is killed only while it runs, and its stream is only dropped or
    /// starved while it runs.
    pub fn generate(config: &ScheduleConfig) -> Schedule {
        let mut rng = SoakRng::new(config.seed);
        let mut kinds = config.kinds.clone();
        // The first round covers every kind, in a seeded order (Fisher-Yates).
        for i in (1..kinds.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            kinds.swap(i, j);
        }
        let mut agent_busy_until = vec![Duration::ZERO; config.agents];
        let mut heartbeats_busy_until = Duration::ZERO;
        let mut scheduler_down_until = Duration::ZERO;
        let mut steps = Vec::new();
        let mut at = rng.between(config.gap);
        while at < config.length && !config.kinds.is_empty() {
            let kind = if steps.len() < kinds.len() {
                kinds[steps.len()]
            } else {
                config.kinds[rng.below(config.kinds.len() as u64) as usize]
            };
            let free: Vec<usize> = (0..config.agents)
                .filter(|a| agent_busy_until[*a] <= at)
                .collect();
            let busy = config.agents - free.len();
            let agent_ok = config.agents > 1 && busy + 1 < config.agents && !free.is_empty();
            let scheduler_up = scheduler_down_until <= at;
            let possible = match kind {
                FaultKind::RestartAgent | FaultKind::StopAgent | FaultKind::LoseAgent => agent_ok,
                FaultKind::StopHeartbeats => heartbeats_busy_until <= at && scheduler_up,
                FaultKind::DropSubscription | FaultKind::RestartScheduler => scheduler_up,
                FaultKind::LeaderFailover | FaultKind::ZooKeeperExpiry => true,
            };
            if !possible {
                // Try the same kind a little later (the first round must cover it).
                at += Duration::from_millis(500);
                continue;
            }
            let agent = free
                .get(rng.below(free.len() as u64) as usize)
                .copied()
                .unwrap_or(0);
            let fault = match kind {
                FaultKind::LeaderFailover => Fault::LeaderFailover,
                FaultKind::ZooKeeperExpiry => Fault::ZooKeeperExpiry,
                FaultKind::DropSubscription => Fault::DropSubscription,
                FaultKind::StopHeartbeats => Fault::StopHeartbeats {
                    silent_for: rng.between(config.heartbeat_silence),
                },
                FaultKind::RestartAgent => Fault::RestartAgent { agent },
                FaultKind::StopAgent => Fault::StopAgent {
                    agent,
                    down_for: rng.between(config.agent_down),
                },
                FaultKind::LoseAgent => Fault::LoseAgent {
                    agent,
                    lost_for: rng.between(config.agent_lost),
                },
                FaultKind::RestartScheduler => Fault::RestartScheduler {
                    down_for: rng.between(config.scheduler_down),
                },
            };
            // An agent is busy a moment longer than its fault: healing is not instant.
            let settle = Duration::from_millis(500);
            match fault {
                Fault::StopHeartbeats { silent_for } => heartbeats_busy_until = at + silent_for,
                Fault::RestartScheduler { down_for } => {
                    scheduler_down_until = at + down_for + settle
                }
                _ => {}
            }
            if let Some(agent) = fault.agent() {
                agent_busy_until[agent] = at + fault.lasts() + settle;
            }
            steps.push(Step { at, fault });
            at += rng.between(config.gap);
        }
        Schedule {
            seed: config.seed,
            steps,
        }
    }

    /// Injections and heals in time order (a heal before an injection at the same time).
    pub fn timeline(&self) -> Vec<(Duration, Action)> {
        let mut timeline: Vec<(Duration, Action)> = Vec::new();
        for step in &self.steps {
            timeline.push((step.at, Action::Inject(step.fault)));
            if !step.fault.lasts().is_zero() {
                timeline.push((step.at + step.fault.lasts(), Action::Heal(step.fault)));
            }
        }
        timeline.sort_by_key(|(at, action)| (*at, matches!(action, Action::Inject(_))));
        timeline
    }

    /// When the last fault has healed.
    pub fn end(&self) -> Duration {
        self.steps
            .iter()
            .map(|s| s.at + s.fault.lasts())
            .max()
            .unwrap_or_default()
    }

    /// The kinds it injects.
    pub fn kinds(&self) -> std::collections::BTreeSet<FaultKind> {
        self.steps.iter().map(|s| s.fault.kind()).collect()
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "schedule of seed {} ({} faults):",
            self.seed,
            self.steps.len()
        )?;
        for step in &self.steps {
            writeln!(f, "  {:>7.1}s  {}", step.at.as_secs_f64(), step.fault)?;
        }
        Ok(())
    }
}

/// The seed: `SOAK_SEED` if set (decimal), else a fresh random one. Printed either way, so
/// every run can be replayed.
pub fn seed_from_env() -> u64 {
    let seed = match std::env::var("SOAK_SEED") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("SOAK_SEED={text:?} is not a decimal u64")),
        Err(_) => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or_default();
            SoakRng::new(nanos ^ u64::from(std::process::id())).next_u64()
        }
    };
    eprintln!("soak: seed {seed} (replay with SOAK_SEED={seed})");
    seed
}

/// The length of the fault phase: `SOAK_SECS` seconds if set, else `default`.
pub fn length_from_env(default: Duration) -> Duration {
    match std::env::var("SOAK_SECS") {
        Ok(text) => Duration::from_secs_f64(
            text.trim()
                .parse()
                .unwrap_or_else(|_| panic!("SOAK_SECS={text:?} is not a number of seconds")),
        ),
        Err(_) => default,
    }
}

/// What happened during a soak, with times from its start: shared by the fault runner and
/// the test's own observers.
#[derive(Debug, Clone)]
pub struct Journal {
    start: tokio::time::Instant,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Default for Journal {
    fn default() -> Self {
        Journal::new()
    }
}

impl Journal {
    /// An empty journal starting now.
    pub fn new() -> Journal {
        Journal {
            start: tokio::time::Instant::now(),
            lines: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Time since the start.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Adds a line, stamped with the time since the start.
    pub fn record(&self, line: impl fmt::Display) {
        let line = format!("{:>7.1}s  {line}", self.elapsed().as_secs_f64());
        self.lines
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(line);
    }

    /// The lines so far.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl fmt::Display for Journal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "  {line}")?;
        }
        Ok(())
    }
}

/// Prints the seed, the schedule and the journal if the test panics while this is alive;
/// [`FailureReport::fail`] panics with all of them in the message.
#[derive(Debug)]
pub struct FailureReport {
    name: &'static str,
    schedule: Schedule,
    journal: Journal,
}

impl FailureReport {
    /// A report for the soak `name`.
    pub fn new(name: &'static str, schedule: &Schedule, journal: &Journal) -> FailureReport {
        FailureReport {
            name,
            schedule: schedule.clone(),
            journal: journal.clone(),
        }
    }

    /// The seed, schedule and journal, as the failure message shows them.
    pub fn context(&self) -> String {
        format!(
            "{} soak failed with seed {} (replay: SOAK_SEED={} SOAK_SECS=...)\n{}\
             journal so far:\n{}",
            self.name, self.schedule.seed, self.schedule.seed, self.schedule, self.journal
        )
    }

    /// Panics with `message`, the seed, the schedule and the journal.
    pub fn fail(&self, message: impl fmt::Display) -> ! {
        panic!("{message}\n\n{}", self.context());
    }

    /// Fails unless `condition` holds.
    pub fn check(&self, condition: bool, message: impl FnOnce() -> String) {
        if !condition {
            self.fail(message());
        }
    }
}

impl Drop for FailureReport {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("\n{}", self.context());
        }
    }
}

/// Plays `schedule`'s timeline from now: sleeps until each point (these sleeps are the
/// schedule, not synchronisation), calls `apply`, and journals the action and what `apply`
/// says came of it.
pub async fn run<F, Fut>(schedule: &Schedule, journal: &Journal, mut apply: F)
where
    F: FnMut(Action) -> Fut,
    Fut: std::future::Future<Output = String>,
{
    let start = tokio::time::Instant::now();
    for (at, action) in schedule.timeline() {
        tokio::time::sleep_until(start + at).await;
        let outcome = apply(action).await;
        if outcome.is_empty() {
            journal.record(action);
        } else {
            journal.record(format_args!("{action} ({outcome})"));
        }
    }
}

/// Applies a schedule's faults to a mesos-sim cluster started with ZooKeeper and at least one
/// standby master. Scheduler restarts are the test's own: [`ClusterFaults::apply`] leaves
/// them alone. Leader changes run in the background, one at a time (an expiry takes a
/// session timeout), so they do not hold up the timeline; [`ClusterFaults::finish`] waits
/// for them. What cannot be applied is collected in [`ClusterFaults::errors`].
#[derive(Debug)]
pub struct ClusterFaults {
    cluster: Arc<mesos_sim::Cluster>,
    /// The agents' ids in registration order at the start (the master forgets lost agents,
    /// the schedule does not).
    agents: Vec<String>,
    journal: Journal,
    errors: Mutex<Vec<String>>,
    leader_changes: tokio::sync::Mutex<()>,
    background: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl ClusterFaults {
    /// Faults for `cluster`, journaled to `journal`.
    pub fn new(cluster: Arc<mesos_sim::Cluster>, journal: &Journal) -> Arc<ClusterFaults> {
        Arc::new(ClusterFaults {
            agents: cluster.agent_ids(),
            cluster,
            journal: journal.clone(),
            errors: Mutex::new(Vec::new()),
            leader_changes: tokio::sync::Mutex::new(()),
            background: Mutex::new(Vec::new()),
        })
    }

    /// The faults that could not be applied, with why.
    pub fn errors(&self) -> Vec<String> {
        self.errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn error(&self, action: Action, what: impl fmt::Display) -> String {
        self.errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(format!("{action}: {what}"));
        format!("ERROR {what}")
    }

    /// Applies `action` to the cluster and says what came of it (empty: as asked). Scheduler
    /// restarts are not the cluster's: they are left to the caller.
    pub async fn apply(self: &Arc<Self>, action: Action) -> String {
        let cluster = &self.cluster;
        let result = match action {
            Action::Inject(Fault::LeaderFailover | Fault::ZooKeeperExpiry) => {
                let faults = self.clone();
                let task = tokio::spawn(async move {
                    let outcome = faults.change_leader(action).await;
                    faults
                        .journal
                        .record(format_args!("done: {action} ({outcome})"));
                });
                self.background
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(task);
                return "runs in the background".into();
            }
            Action::Inject(Fault::DropSubscription) => {
                let Some(framework_id) = cluster.framework_ids().into_iter().next() else {
                    return "no framework yet".into();
                };
                match cluster.drop_subscription(&framework_id) {
                    // Between subscriptions (a failover in progress): nothing to drop.
                    Err(mesos_sim::SimError::NotFound { .. }) => {
                        return "not subscribed now".into();
                    }
                    other => other,
                }
            }
            Action::Inject(Fault::StopHeartbeats { .. }) => {
                cluster.set_heartbeats_stopped(true);
                Ok(())
            }
            Action::Heal(Fault::StopHeartbeats { .. }) => {
                cluster.set_heartbeats_stopped(false);
                Ok(())
            }
            Action::Inject(Fault::RestartAgent { agent })
            | Action::Heal(Fault::StopAgent { agent, .. }) => {
                cluster.restart_agent(&self.agents[agent]).await
            }
            Action::Inject(Fault::StopAgent { agent, .. }) => {
                cluster.stop_agent(&self.agents[agent])
            }
            Action::Inject(Fault::LoseAgent { agent, .. }) => {
                cluster.lose_agent(&self.agents[agent])
            }
            Action::Heal(Fault::LoseAgent { agent, .. }) => {
                cluster.reregister_agent(&self.agents[agent])
            }
            Action::Inject(Fault::RestartScheduler { .. })
            | Action::Heal(Fault::RestartScheduler { .. }) => {
                return "left to the test".into();
            }
            Action::Heal(_) => Ok(()),
        };
        match result {
            Ok(()) => String::new(),
            Err(e) => self.error(action, e),
        }
    }

    /// A leader failover or ZooKeeper expiry, once a leader is elected; says who leads after.
    async fn change_leader(&self, action: Action) -> String {
        let _one_at_a_time = self.leader_changes.lock().await;
        let cluster = &self.cluster;
        let Some(old) = self.leader_within(Duration::from_secs(30), None).await else {
            return self.error(action, "no leader is elected");
        };
        let changed = match action {
            Action::Inject(Fault::LeaderFailover) => cluster.resign_leadership().await,
            _ => cluster.expire_leader_zookeeper_session().await,
        };
        if let Err(e) = changed {
            return self.error(action, e);
        }
        match self
            .leader_within(Duration::from_secs(20), Some(&old))
            .await
        {
            Some(new) => format!("{old} -> {new}"),
            None => self.error(action, format!("no leader other than {old} elected")),
        }
    }

    /// The leading master's URL once there is one (other than `not`), polled until `within`.
    async fn leader_within(&self, within: Duration, not: Option<&str>) -> Option<String> {
        let deadline = tokio::time::Instant::now() + within;
        while tokio::time::Instant::now() < deadline {
            let url = self.cluster.master_url();
            if self.cluster.master_addr().port() != 0 && not != Some(url.as_str()) {
                return Some(url);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }

    /// Waits for the leader changes still running in the background.
    pub async fn finish(&self) {
        let tasks = std::mem::take(&mut *self.background.lock().unwrap_or_else(|e| e.into_inner()));
        for task in tasks {
            let _ = task.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_names_one_schedule() {
        let config = ScheduleConfig::new(42, Duration::from_secs(60), 3);
        let a = Schedule::generate(&config);
        assert_eq!(a, Schedule::generate(&config));
        let other = ScheduleConfig::new(43, Duration::from_secs(60), 3);
        assert_ne!(a, Schedule::generate(&other));
        // SplitMix64's published first output for seed 0.
        assert_eq!(SoakRng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn every_kind_comes_first_and_limits_hold() {
        for seed in 0..200 {
            let config = ScheduleConfig::new(seed, Duration::from_secs(40), 3);
            let schedule = Schedule::generate(&config);
            assert_eq!(
                schedule.kinds().len(),
                FaultKind::ALL.len(),
                "seed {seed}: {schedule}"
            );
            // One fault per agent at a time, one agent always healthy.
            let mut down: Vec<(Duration, Duration, usize)> = Vec::new();
            for step in &schedule.steps {
                if let Some(agent) = step.fault.agent() {
                    let end = step.at + step.fault.lasts();
                    let overlapping: Vec<_> = down
                        .iter()
                        .filter(|(s, e, _)| *s <= step.at && step.at <= *e)
                        .collect();
                    assert!(
                        overlapping.iter().all(|(_, _, a)| *a != agent),
                        "seed {seed}: {schedule}"
                    );
                    assert!(overlapping.len() < 2, "seed {seed}: {schedule}");
                    down.push((step.at, end, agent));
                }
            }
            let timeline = schedule.timeline();
            assert!(timeline.windows(2).all(|w| w[0].0 <= w[1].0));
            assert_eq!(timeline.last().map(|(at, _)| *at), Some(schedule.end()));
        }
    }
}
