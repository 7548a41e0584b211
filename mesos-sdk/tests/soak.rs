//! Soak: faults with nothing lost. A framework on the SDK's `Session`, following two mesos-sim
//! masters elected through a real ZooKeeper, keeps `TASKS` tasks running (each sleeps a
//! seeded while, then finishes or fails, and is replaced) while a seeded schedule
//! (`mesos_test_peers::soak`) injects leader failovers, ZooKeeper session expiry, dropped
//! streams, stopped heartbeats, agent restarts, stops and losses, and scheduler restarts.
//!
//! The framework is written as a careful one would be: its ledger (the part that would be
//! persisted) records every task id before the ACCEPT that launches it, updates are
//! acknowledged only after the ledger has applied them, it reconciles after every
//! subscription, and it kills tasks it no longer wants that turn out to run. At the end the
//! schedule stops, the framework must be steady at `TASKS` running tasks agreeing with the
//! master, then it drains, and: every task is accounted for in the ledger and the master,
//! none was launched twice, every update with a uuid was applied once and acknowledged
//! exactly once, and no executor is left.
//!
//! `SOAK_SEED=<u64>` replays a run; `SOAK_SECS=<secs>` sets the length of the fault phase
//! (default 60 s; the test takes a few seconds more). A failure prints the seed, the schedule
//! and the journal.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::Error;
use mesos_sdk::detector::ZooKeeperDetector;
use mesos_sdk::offers::{OfferPlanner, ResourceRequest, group_by_agent, refuse_for};
use mesos_sdk::scheduler::{
    SchedulerConfig, SchedulerHandle, Session, SessionEvent, SessionEvents,
};
use mesos_sdk::task_state::is_terminal;
use mesos_sdk::v1::scheduler::event;
use mesos_sdk::v1::{
    AgentId, CommandInfo, FrameworkId, FrameworkInfo, Offer, TaskId, TaskInfo, TaskState,
    TaskStatus,
};
use mesos_sim::Cluster;
use mesos_test_peers::soak::{
    self, Action, ClusterFaults, FailureReport, Fault, FaultKind, Journal, Schedule,
    ScheduleConfig, SoakRng,
};
use mesos_test_peers::zk::ZkServer;
use tokio::time::Instant;

/// Tasks the framework keeps running.
const TASKS: usize = 10;
const AGENTS: usize = 3;
/// The master's heartbeat interval and the session's watchdog: silent for 1.5 s, the master
/// is considered gone.
const HEARTBEAT: Duration = Duration::from_millis(500);
const HEARTBEAT_MISSES: u32 = 3;
/// A stopped agent not back within this is marked unreachable (some stops last longer).
const AGENT_UNREACHABLE_AFTER: Duration = Duration::from_secs(6);
/// The default length of the fault phase.
const DEFAULT_LENGTH: Duration = Duration::from_secs(60);
/// How long the framework may take to be steady, and to drain, once the faults are over
/// (an update sent while the scheduler was away comes again only on the agent's retry
/// timer, which doubles from 1 s).
const SETTLE_WITHIN: Duration = Duration::from_secs(120);
/// How long a task may sit in a state that is not where it should be before it is
/// reconciled (or, unwanted, killed) again.
const UNSETTLED_AFTER: Duration = Duration::from_secs(2);

/// One task id (ids are never reused: each comes from the ledger's counter and goes into
/// one ACCEPT).
#[derive(Debug)]
struct TaskRecord {
    agent: String,
    /// The framework wants it running.
    wanted: bool,
    /// Its latest state, as the framework applied it.
    state: Option<TaskState>,
    /// Every update applied, in order: its state and whether it carried a uuid.
    history: Vec<(TaskState, bool)>,
    /// The ACCEPT certainly never left (the session had no subscription).
    never_sent: bool,
    /// When its state (or wish) last changed, or it was last reconciled or killed.
    touched: Instant,
    /// When it was last killed.
    killed: Option<Instant>,
}

/// The framework's durable state: what a real framework would persist, kept across its
/// restarts (the test's sessions).
#[derive(Debug)]
struct Ledger {
    framework_id: Option<FrameworkId>,
    /// How many tasks should run (0 drains).
    desired: usize,
    next_task: u64,
    tasks: BTreeMap<String, TaskRecord>,
    /// How often each update with a uuid was delivered: (task, uuid) -> deliveries.
    deliveries: HashMap<(String, Vec<u8>), u32>,
    /// Updates about task ids the framework never launched.
    unknown_updates: Vec<String>,
    /// The seed the tasks' commands derive from.
    seed: u64,
    subscriptions: u32,
    masters: BTreeSet<String>,
    disconnections: BTreeMap<String, u32>,
    ack_failures: u32,
    orphans_killed: BTreeSet<String>,
    /// A session that ended with an error (the framework removed, ...).
    fatal: Vec<String>,
}

type Shared = Arc<Mutex<Ledger>>;

fn lock(ledger: &Shared) -> std::sync::MutexGuard<'_, Ledger> {
    ledger.lock().unwrap_or_else(|e| e.into_inner())
}

impl Ledger {
    fn wanted(&self) -> usize {
        self.tasks.values().filter(|t| t.wanted).count()
    }

    /// Tasks not where they should be: wanted but not running, or unwanted and maybe alive.
    fn unsettled(&self) -> impl Iterator<Item = (&String, &TaskRecord)> {
        self.tasks.iter().filter(|(_, t)| {
            if t.wanted {
                t.state != Some(TaskState::TaskRunning)
            } else {
                !t.never_sent && !t.state.is_some_and(is_terminal)
            }
        })
    }
}

/// The command of task number `n`: sleeps 10 to 40 s, then one in five fails.
fn command(seed: u64, n: u64) -> String {
    let mut rng = SoakRng::new(seed ^ n.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let secs = 10 + rng.below(31);
    if rng.chance(20) {
        format!("sleep {secs}; exit 1")
    } else {
        format!("sleep {secs}")
    }
}

/// The scheduler process: one session at a time, killed and started again by the schedule.
struct SchedulerProcess {
    ledger: Shared,
    zk_url: String,
    journal: Journal,
    running: Option<(SchedulerHandle, tokio::task::JoinHandle<()>)>,
    starts: u32,
}

impl SchedulerProcess {
    /// Starts a session with the framework id of the ledger, if it has one.
    fn start(&mut self) {
        let id = lock(&self.ledger).framework_id.clone();
        let info = FrameworkInfo {
            user: "nobody".into(),
            name: "soak".into(),
            id,
            failover_timeout: Some(3600.0),
            checkpoint: Some(true),
            ..Default::default()
        };
        let config = SchedulerConfig::new(info)
            .with_auto_acknowledge(false)
            .with_heartbeat_misses(HEARTBEAT_MISSES)
            .with_backoff(Duration::from_millis(100), Duration::from_secs(1))
            .with_connection_delay_max(Duration::from_millis(100))
            .with_call_timeout(Duration::from_secs(5))
            .with_implicit_reconciliation(None);
        let detector = ZooKeeperDetector::with_session_timeout(
            self.zk_url.parse().expect("zk url"),
            Duration::from_secs(4),
        );
        let (handle, events) = Session::start(config, detector).expect("session starts");
        let task = tokio::spawn(framework(
            handle.clone(),
            events,
            self.ledger.clone(),
            self.journal.clone(),
        ));
        self.running = Some((handle, task));
        self.starts += 1;
    }

    /// Kills the scheduler at once, as SIGKILL would: its connections close, whatever it was
    /// doing stops; the ledger keeps what it had written.
    fn kill(&mut self) {
        if let Some((handle, task)) = self.running.take() {
            handle.close();
            task.abort();
        }
    }
}

/// One incarnation of the framework: serves its session's events and keeps the tasks in
/// line every second.
async fn framework(
    handle: SchedulerHandle,
    mut events: SessionEvents,
    ledger: Shared,
    journal: Journal,
) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut last_revive = Instant::now();
    loop {
        tokio::select! {
            event = events.next() => match event {
                None => return,
                Some(Err(error)) => {
                    journal.record(format_args!("session ended: {error}"));
                    lock(&ledger).fatal.push(error.to_string());
                    return;
                }
                Some(Ok(event)) => on_event(&handle, &ledger, &journal, event).await,
            },
            _ = tick.tick() => {
                housekeeping(&handle, &ledger).await;
                let missing = {
                    let l = lock(&ledger);
                    l.desired > l.wanted()
                };
                if missing && last_revive.elapsed() >= Duration::from_secs(1) {
                    // Offers may sit behind our own refusals.
                    last_revive = Instant::now();
                    let _ = handle.revive(vec![]).await;
                }
            }
        }
    }
}

async fn on_event(
    handle: &SchedulerHandle,
    ledger: &Shared,
    journal: &Journal,
    event: SessionEvent,
) {
    match event {
        SessionEvent::Subscribed {
            framework_id,
            master,
            resubscribed,
            ..
        } => {
            {
                let mut l = lock(ledger);
                if let Some(known) = l.framework_id.clone().filter(|k| *k != framework_id) {
                    l.fatal.push(format!(
                        "the framework id changed from {} to {}",
                        known.value, framework_id.value
                    ));
                }
                l.framework_id = Some(framework_id.clone());
                l.subscriptions += 1;
                l.masters.insert(master.to_string());
            }
            journal.record(format_args!(
                "scheduler subscribed to {master} ({})",
                if resubscribed { "again" } else { "new" }
            ));
            // Mesos' reconciliation guide: after every (re)subscription, the tasks we know
            // explicitly, then every task the master knows (which finds tasks that came back
            // while we were away).
            let known: Vec<(TaskId, Option<AgentId>)> = lock(ledger)
                .tasks
                .iter()
                .filter(|(_, t)| !t.never_sent && !t.state.is_some_and(is_terminal))
                .map(|(id, t)| task_ref(id, &t.agent))
                .collect();
            if !known.is_empty() {
                let _ = handle.reconcile(known).await;
            }
            let _ = handle.reconcile(vec![]).await;
        }
        SessionEvent::Disconnected { reason } => {
            let kind = if reason.contains("no event from") {
                "heartbeat watchdog"
            } else if reason.contains("leading master changed")
                || reason.contains("no longer known")
            {
                "leader changed"
            } else if reason.contains("closed the event stream") {
                "stream closed"
            } else {
                "other"
            };
            *lock(ledger)
                .disconnections
                .entry(kind.to_string())
                .or_default() += 1;
            journal.record(format_args!("scheduler disconnected: {reason}"));
        }
        SessionEvent::Event(event) => match event.r#type() {
            event::Type::Offers => {
                let offers = event
                    .into_event()
                    .offers
                    .map(|o| o.offers)
                    .unwrap_or_default();
                place(handle, ledger, offers).await;
            }
            event::Type::Update => {
                if let Some(update) = event.into_event().update {
                    on_update(handle, ledger, journal, update.status).await;
                }
            }
            _ => {}
        },
        _ => {}
    }
}

fn task_ref(id: &str, agent: &str) -> (TaskId, Option<AgentId>) {
    (
        TaskId { value: id.into() },
        Some(AgentId {
            value: agent.into(),
        }),
    )
}

/// Launches missing tasks, spread over the offering agents; declines the rest.
async fn place(handle: &SchedulerHandle, ledger: &Shared, offers: Vec<Offer>) {
    let request = ResourceRequest::new().cpus(0.1).mem(32.0);
    let mut accepts = Vec::new();
    let mut declined = Vec::new();
    let missing_after = {
        let mut l = lock(ledger);
        let mut missing = l.desired.saturating_sub(l.wanted());
        let groups = group_by_agent(offers);
        let per_agent = missing.div_ceil(groups.len().max(1)).max(1);
        for (agent, agent_offers) in groups {
            let mut planner = OfferPlanner::new(agent_offers).expect("offers of one agent");
            let mut placed = 0;
            while missing > 0 && placed < per_agent {
                let id = format!("soak-{:04}", l.next_task);
                let command = command(l.seed, l.next_task);
                let task = TaskInfo {
                    name: id.clone(),
                    task_id: TaskId { value: id.clone() },
                    command: Some(CommandInfo {
                        value: Some(command),
                        shell: Some(true),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                if planner.place(&task, &request).is_none() {
                    break;
                }
                // The ledger learns the id before the ACCEPT can launch it.
                l.next_task += 1;
                l.tasks.insert(
                    id,
                    TaskRecord {
                        agent: agent.value.clone(),
                        wanted: true,
                        state: None,
                        history: Vec::new(),
                        never_sent: false,
                        touched: Instant::now(),
                        killed: None,
                    },
                );
                missing -= 1;
                placed += 1;
            }
            let plan = planner.finish();
            accepts.extend(plan.accepts);
            declined.extend(plan.unused);
        }
        missing
    };
    for accept in accepts {
        let ids: Vec<String> = accept
            .operations
            .iter()
            .filter_map(|op| op.launch.as_ref())
            .flat_map(|l| l.task_infos.iter().map(|t| t.task_id.value.clone()))
            .collect();
        match handle
            .accept(accept.offer_ids, accept.operations, Some(refuse_for(1.0)))
            .await
        {
            Ok(()) => {}
            Err(Error::NotSubscribed { .. }) => {
                // Never sent: these ids were not launched, and never will be.
                let mut l = lock(ledger);
                for id in ids {
                    if let Some(t) = l.tasks.get_mut(&id) {
                        t.never_sent = true;
                        t.wanted = false;
                    }
                }
            }
            // Sent or not: reconciliation will tell.
            Err(_) => {}
        }
    }
    // Refuse long when nothing is missing, so a steady framework's stream carries only
    // heartbeats.
    let refuse = if missing_after == 0 { 30.0 } else { 1.0 };
    let _ = handle.decline(declined, Some(refuse_for(refuse))).await;
}

/// Applies an update once (by uuid), kills an unwanted task that turns out to live, then
/// acknowledges.
async fn on_update(
    handle: &SchedulerHandle,
    ledger: &Shared,
    journal: &Journal,
    status: TaskStatus,
) {
    let id = status.task_id.value.clone();
    let state = status.state();
    let uuid = status.uuid.clone().filter(|u| !u.is_empty());
    let mut kill = None;
    {
        let mut l = lock(ledger);
        let first = match &uuid {
            Some(u) => {
                let count = l.deliveries.entry((id.clone(), u.to_vec())).or_default();
                *count += 1;
                *count == 1
            }
            None => true,
        };
        if first {
            let Ledger {
                tasks,
                unknown_updates,
                orphans_killed,
                ..
            } = &mut *l;
            match tasks.get_mut(&id) {
                None => unknown_updates.push(format!("{id}: {state:?}")),
                Some(task) => {
                    if task.state != Some(state) {
                        task.touched = Instant::now();
                    }
                    task.state = Some(state);
                    task.history.push((state, uuid.is_some()));
                    if is_terminal(state) {
                        task.wanted = false;
                    } else if !task.wanted
                        && task.killed.is_none_or(|k| k.elapsed() >= UNSETTLED_AFTER)
                    {
                        // Alive but unwanted (it came back after being reported lost, or
                        // the framework drains): kill it.
                        task.killed = Some(Instant::now());
                        orphans_killed.insert(id.clone());
                        kill = Some(task_ref(&id, &task.agent));
                    }
                }
            }
        }
    }
    let master_generated =
        uuid.is_none() && status.reason() != mesos_sdk::v1::task_status::Reason::Reconciliation;
    if master_generated || kill.is_some() {
        journal.record(format_args!(
            "{id} {state:?} ({:?}: {}){}",
            status.reason(),
            status.message.as_deref().unwrap_or_default(),
            if kill.is_some() {
                "; unwanted, killed"
            } else {
                ""
            }
        ));
    }
    if let Some((task, agent)) = kill {
        let _ = handle.kill(task, agent, None).await;
    }
    if uuid.is_some() && handle.acknowledge(&status).await.is_err() {
        // The update comes again; it is applied once, acknowledged again.
        lock(ledger).ack_failures += 1;
    }
}

/// Every second: drain surplus tasks, and reconcile (or kill again) tasks that are not where
/// they should be.
async fn housekeeping(handle: &SchedulerHandle, ledger: &Shared) {
    let (reconcile, kills) = {
        let mut l = lock(ledger);
        let surplus = l.wanted().saturating_sub(l.desired);
        let drop: Vec<String> = l
            .tasks
            .iter()
            .filter(|(_, t)| t.wanted)
            .map(|(id, _)| id.clone())
            .take(surplus)
            .collect();
        for id in drop {
            if let Some(t) = l.tasks.get_mut(&id) {
                t.wanted = false;
            }
        }
        let mut reconcile = Vec::new();
        let mut kills = Vec::new();
        let now = Instant::now();
        for (id, t) in l.tasks.iter_mut() {
            // Unwanted and alive (as far as we know): KILL, again if it outlived the last.
            let alive = t.state.is_some_and(|s| !is_terminal(s));
            if !t.wanted && alive && t.killed.is_none_or(|k| k.elapsed() >= UNSETTLED_AFTER) {
                t.killed = Some(now);
                kills.push(task_ref(id, &t.agent));
            }
        }
        let stale: Vec<String> = l
            .unsettled()
            .filter(|(_, t)| t.touched.elapsed() >= UNSETTLED_AFTER)
            .map(|(id, _)| id.clone())
            .collect();
        for id in stale {
            if let Some(t) = l.tasks.get_mut(&id) {
                t.touched = now;
                reconcile.push(task_ref(&id, &t.agent));
            }
        }
        (reconcile, kills)
    };
    for (task, agent) in kills {
        let _ = handle.kill(task, agent, None).await;
    }
    if !reconcile.is_empty() {
        let _ = handle.reconcile(reconcile).await;
    }
}

/// The master's view of our framework's tasks: id -> (list, state), and ids seen more than
/// once across its lists.
fn master_tasks(
    cluster: &Cluster,
    framework_id: &str,
) -> (BTreeMap<String, (String, String)>, Vec<String>) {
    let state = cluster.state();
    let mut tasks = BTreeMap::new();
    let mut twice = Vec::new();
    for framework in state["frameworks"].as_array().into_iter().flatten() {
        if framework["id"] != framework_id {
            continue;
        }
        for list in ["tasks", "unreachable_tasks", "completed_tasks"] {
            for task in framework[list].as_array().into_iter().flatten() {
                let id = task["id"].as_str().unwrap_or_default().to_string();
                let state = task["state"].as_str().unwrap_or_default().to_string();
                if tasks
                    .insert(id.clone(), (list.to_string(), state))
                    .is_some()
                {
                    twice.push(id);
                }
            }
        }
    }
    (tasks, twice)
}

/// Polls `check` (which says what is still wrong, or `None`) until it passes; fails with the
/// report after `within`.
async fn settle(
    report: &FailureReport,
    what: &str,
    within: Duration,
    mut check: impl FnMut() -> Option<String>,
) {
    let deadline = Instant::now() + within;
    loop {
        let Some(wrong) = check() else { return };
        if Instant::now() > deadline {
            report.fail(format!("not {what} within {within:?}: {wrong}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_with_nothing_lost() {
    let seed = soak::seed_from_env();
    let length = soak::length_from_env(DEFAULT_LENGTH);
    let schedule = Schedule::generate(&ScheduleConfig::new(seed, length, AGENTS));
    eprintln!("{schedule}");
    let journal = Journal::new();
    let report = FailureReport::new("mesos-sdk", &schedule, &journal);
    let started = Instant::now();

    let zk = ZkServer::start().await;
    let cluster = Arc::new(
        Cluster::builder()
            .agents(AGENTS)
            .standby_masters(1)
            .zookeeper(zk.url("/mesos"))
            .heartbeat_interval(HEARTBEAT)
            .status_update_retry(Duration::from_secs(1))
            .agent_unreachable_after(AGENT_UNREACHABLE_AFTER)
            .allocation_interval(Duration::from_millis(250))
            .executor_shutdown_grace_period(Duration::from_secs(1))
            .start()
            .await
            .expect("a cluster electing through ZooKeeper"),
    );
    let ledger: Shared = Arc::new(Mutex::new(Ledger {
        framework_id: None,
        desired: TASKS,
        next_task: 0,
        tasks: BTreeMap::new(),
        deliveries: HashMap::new(),
        unknown_updates: Vec::new(),
        seed,
        subscriptions: 0,
        masters: BTreeSet::new(),
        disconnections: BTreeMap::new(),
        ack_failures: 0,
        orphans_killed: BTreeSet::new(),
        fatal: Vec::new(),
    }));
    let faults = ClusterFaults::new(cluster.clone(), &journal);
    let scheduler = Arc::new(tokio::sync::Mutex::new(SchedulerProcess {
        ledger: ledger.clone(),
        zk_url: zk.url("/mesos"),
        journal: journal.clone(),
        running: None,
        starts: 0,
    }));
    scheduler.lock().await.start();
    // The faults start once the framework is steady for the first time.
    settle(
        &report,
        "running the first tasks",
        Duration::from_secs(60),
        || {
            let l = lock(&ledger);
            let running = l
                .tasks
                .values()
                .filter(|t| t.wanted && t.state == Some(TaskState::TaskRunning))
                .count();
            (running < TASKS).then(|| format!("{running}/{TASKS} running"))
        },
    )
    .await;
    journal.record(format_args!("{TASKS} tasks running; faults start"));

    soak::run(&schedule, &journal, |action| {
        let (faults, scheduler) = (faults.clone(), scheduler.clone());
        async move {
            match action {
                Action::Inject(Fault::RestartScheduler { .. }) => scheduler.lock().await.kill(),
                Action::Heal(Fault::RestartScheduler { .. }) => scheduler.lock().await.start(),
                _ => return faults.apply(action).await,
            }
            String::new()
        }
    })
    .await;
    faults.finish().await;
    journal.record("faults over");
    let errors = faults.errors();
    report.check(errors.is_empty(), || {
        format!("faults could not be applied: {errors:#?}")
    });

    // Steady: TASKS running, the ledger and the master agreeing, nothing unacknowledged.
    let framework_id = lock(&ledger)
        .framework_id
        .clone()
        .expect("subscribed")
        .value;
    let steady = |drained: bool| {
        let l = lock(&ledger);
        if let Some(fatal) = l.fatal.first() {
            report.fail(format!("the session ended: {fatal}"));
        }
        let wanted: BTreeSet<&String> = l
            .tasks
            .iter()
            .filter(|(_, t)| t.wanted)
            .map(|(id, _)| id)
            .collect();
        let expected = if drained { 0 } else { TASKS };
        if wanted.len() != expected {
            return Some(format!("the framework wants {} tasks", wanted.len()));
        }
        if let Some((id, t)) = l.unsettled().next() {
            return Some(format!("{id} is unsettled: {t:?}"));
        }
        let (master, _) = master_tasks(&cluster, &framework_id);
        let active: BTreeSet<&String> = master
            .iter()
            .filter(|(_, (list, _))| list != "completed_tasks")
            .map(|(id, _)| id)
            .collect();
        if active != wanted {
            return Some(format!(
                "the master's active tasks {active:?} are not the wanted {wanted:?}"
            ));
        }
        if let Some((id, (_, state))) = master.iter().find(|(_, (list, state))| {
            list == "unreachable_tasks" || list == "tasks" && state != "TASK_RUNNING"
        }) {
            return Some(format!("{id} is {state} at the master"));
        }
        if let Some(id) = l
            .tasks
            .keys()
            .find(|id| cluster.unacknowledged_updates(&framework_id, id) > 0)
        {
            return Some(format!("{id} has unacknowledged updates"));
        }
        let executors = cluster.running_executors();
        (executors != expected).then(|| format!("{executors} executors run"))
    };
    settle(&report, "steady", SETTLE_WITHIN, || steady(false)).await;
    journal.record(format_args!(
        "steady: {TASKS} tasks running, as the master agrees"
    ));

    // Drain: every task ends, so every one must be accounted for.
    lock(&ledger).desired = 0;
    settle(&report, "drained", SETTLE_WITHIN, || steady(true)).await;
    journal.record("drained");
    let starts = {
        let mut process = scheduler.lock().await;
        process.kill();
        process.starts
    };

    let l = lock(&ledger);
    let (master, twice) = master_tasks(&cluster, &framework_id);
    report.check(twice.is_empty(), || {
        format!("tasks launched twice (the master lists them twice): {twice:?}")
    });
    report.check(l.unknown_updates.is_empty(), || {
        format!(
            "updates about tasks never launched: {:?}",
            l.unknown_updates
        )
    });
    let unknown: Vec<&String> = master
        .keys()
        .filter(|id| !l.tasks.contains_key(*id))
        .collect();
    report.check(unknown.is_empty(), || {
        format!("the master has tasks the framework never launched: {unknown:?}")
    });
    for (id, task) in &l.tasks {
        let ran = task.history.iter().any(|(_, with_uuid)| *with_uuid);
        match master.get(id) {
            Some((list, state)) => {
                // It reached an agent: its end is in the master's completed tasks, and the
                // agent's terminal update for it was delivered.
                report.check(list == "completed_tasks", || {
                    format!("{id} is in the master's {list}")
                });
                let terminal: Vec<TaskState> = task
                    .history
                    .iter()
                    .filter(|(s, with_uuid)| *with_uuid && is_terminal(*s))
                    .map(|(s, _)| *s)
                    .collect();
                report.check(terminal.len() <= 1, || {
                    format!("{id} got several terminal updates from its agent: {terminal:?}")
                });
                let delivered = terminal.iter().any(|s| s.as_str_name() == state);
                report.check(delivered, || {
                    format!(
                        "{id} ended {state} at the master, but that update never reached \
                         the framework: {:?}",
                        task.history
                    )
                });
            }
            None => {
                // Never reached an agent: the framework knows it ended without running.
                report.check(!ran, || {
                    format!("{id} ran but the master forgot it: {:?}", task.history)
                });
                report.check(
                    task.never_sent || task.state.is_some_and(is_terminal),
                    || format!("{id} is unaccounted for: {task:?}"),
                );
            }
        }
    }
    let delivered = l.deliveries.len() as u64;
    let acknowledged = cluster.acknowledged_updates();
    report.check(delivered == acknowledged, || {
        format!(
            "{delivered} distinct updates with a uuid reached the framework, the master \
             counts {acknowledged} acknowledged"
        )
    });
    let redelivered: u32 = l.deliveries.values().map(|n| n - 1).sum();
    let terminal: usize = l
        .tasks
        .values()
        .map(|t| {
            t.history
                .iter()
                .filter(|(s, u)| *u && is_terminal(*s))
                .count()
        })
        .sum();
    if length >= Duration::from_secs(40) {
        report.check(schedule.kinds().len() == FaultKind::ALL.len(), || {
            format!("the schedule lacks kinds: {:?}", schedule.kinds())
        });
    }
    eprintln!(
        "soak passed (seed {seed}) in {:.0?}: {} faults; {} tasks launched, \
         {terminal} terminal updates, \
         {delivered} updates acknowledged once each ({redelivered} redeliveries, {} failed acks); \
         {} subscriptions to {} masters over {} scheduler starts; disconnections {:?}; \
         {} unwanted tasks killed\n{}",
        started.elapsed(),
        schedule.steps.len(),
        l.tasks.len(),
        l.ack_failures,
        l.subscriptions,
        l.masters.len(),
        starts,
        l.disconnections,
        l.orphans_killed.len(),
        journal,
    );
}
