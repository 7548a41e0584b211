//! ACCEPT: offer validation (live, owned, one agent, one role, no duplicates), then the
//! operations in order. LAUNCH validates each task against what is left of the offers;
//! invalid offers drop every task with TASK_DROPPED/TASK_LOST and `REASON_INVALID_OFFERS`.
//! Other operations that carry an `id` get operation feedback (see `operations`).
//! `mesos: src/master/master.cpp` `Master::accept`, `mesos: src/master/validation.cpp`.

use std::collections::HashSet;

use mesos_sdk::v1::offer::operation;
use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{ExecutorInfo, Resource, TaskInfo, TaskState, TaskStatus, task_status};

use super::effects::{Effect, Effects};
use super::events;
use super::state::{MasterState, Task, now_secs};
use crate::agent::launch::LaunchSpec;
use crate::agent::{CustomExecutor, Delivery, ExecutorHandle};
use crate::resources::Resources;

/// `MIN_CPUS` and `MIN_MEM` (`mesos: src/master/constants.hpp`): what a group's executor needs
/// at least (a LAUNCH's executor only gets a warning logged upstream).
const MIN_CPUS: f64 = 0.01;
const MIN_MEM: u64 = 32 * 1024 * 1024;

/// A task group whose tasks the built-in executor runs: its executor's id (named in the
/// tasks' statuses) and, under the simulated default executor, the ids of its tasks.
struct GroupLaunch {
    executor_id: String,
    task_ids: Option<std::sync::Arc<[String]>>,
}

/// The reasons an ACCEPT's offers are invalid, in the order the master checks them.
fn validate_offers(
    state: &MasterState,
    framework_id: &str,
    offer_ids: &[String],
) -> Result<(), String> {
    if offer_ids.is_empty() {
        return Err("No offers specified".into());
    }
    let mut seen = HashSet::new();
    for id in offer_ids {
        if !seen.insert(id) {
            return Err(format!("Duplicate offer {id} in the list of offers"));
        }
    }
    let mut agent: Option<&str> = None;
    let mut role: Option<&str> = None;
    for id in offer_ids {
        let Some(offer) = state.offers.get(id) else {
            return Err(format!("Offer {id} is no longer valid"));
        };
        if offer.framework_id != framework_id {
            return Err(format!(
                "Offer {id} has invalid framework {} while framework {framework_id} is expected",
                offer.framework_id
            ));
        }
        match agent {
            Some(a) if a != offer.agent_id => {
                return Err(format!(
                    "Aggregated offers must belong to one single agent. Offer {id} uses agent {} and offer {} uses agent {a}",
                    offer.agent_id, offer_ids[0]
                ));
            }
            _ => agent = Some(&offer.agent_id),
        }
        match role {
            Some(r) if r != offer.role => {
                return Err(format!(
                    "Aggregated offers must be allocated to the same role. Offer {id} uses role {} and offer {} uses role {r}",
                    offer.role, offer_ids[0]
                ));
            }
            _ => role = Some(&offer.role),
        }
    }
    Ok(())
}

/// A master-generated status (no uuid).
pub(crate) fn master_status(
    task_id: &mesos_sdk::v1::TaskId,
    agent_id: Option<&str>,
    state: TaskState,
    reason: task_status::Reason,
    message: String,
) -> TaskStatus {
    TaskStatus {
        task_id: task_id.clone(),
        state: state as i32,
        message: Some(message),
        source: Some(task_status::Source::Master as i32),
        reason: Some(reason as i32),
        agent_id: agent_id.map(|a| mesos_sdk::v1::AgentId { value: a.into() }),
        timestamp: Some(now_secs()),
        ..Default::default()
    }
}

impl MasterState {
    /// Handles ACCEPT for a subscribed framework.
    pub(crate) fn accept(&mut self, framework_id: &str, accept: call::Accept) -> Effects {
        let offer_ids: Vec<String> = accept.offer_ids.iter().map(|o| o.value.clone()).collect();
        let mut effects = Vec::new();
        if let Err(error) = validate_offers(self, framework_id, &offer_ids) {
            // Still-valid offers of this framework go back without a filter.
            for id in &offer_ids {
                if self
                    .offers
                    .get(id)
                    .is_some_and(|o| o.framework_id == framework_id)
                    && let Some(offer) = self.take_offer(id)
                {
                    self.recover_resources(
                        framework_id,
                        &offer.role,
                        &offer.agent_id,
                        &offer.resources,
                        None,
                    );
                }
            }
            let partition_aware = self
                .frameworks
                .get(framework_id)
                .is_some_and(|f| f.partition_aware());
            let state = if partition_aware {
                TaskState::TaskDropped
            } else {
                TaskState::TaskLost
            };
            for op in &accept.operations {
                if !is_launch(op) {
                    effects.extend(self.drop_operation(
                        framework_id,
                        op,
                        format!("Operation attempted with invalid offers: {error}"),
                    ));
                    continue;
                }
                for task in operation_tasks(op) {
                    let status = master_status(
                        &task.task_id,
                        Some(&task.agent_id.value),
                        state,
                        task_status::Reason::InvalidOffers,
                        format!("Task launched with invalid offers: {error}"),
                    );
                    effects.extend(self.send(framework_id, &events::update(status)));
                }
            }
            // The valid offers' resources were recovered; like any recovered resources they
            // are offered at the next periodic allocation (`recoverResources`).
            return effects;
        }
        let mut records = Vec::new();
        for id in &offer_ids {
            if let Some(record) = self.take_offer(id) {
                records.push(record);
            }
        }
        let Some(first) = records.first() else {
            return effects;
        };
        let agent_id = first.agent_id.clone();
        let role = first.role.clone();
        let mut remaining = Resources::default();
        for record in &records {
            remaining.add(&record.resources);
        }
        // `Master::accept`, operation by operation: a launch's resources are checked first
        // (`validateAndUpgradeResources`, the `Resources::validate` error as is), then its
        // `id`, since operation feedback is not supported for launches. Either way every task
        // of the operation gets TASK_ERROR before anything is applied.
        let mut operations = Vec::with_capacity(accept.operations.len());
        for op in accept.operations {
            let Some((reason, name)) = launch_kind(&op) else {
                operations.push(op);
                continue;
            };
            let error = match launch_resources_error(&op) {
                Some(error) => error,
                None if op.id.is_some() => {
                    format!("The `id` field cannot be set on {name} operations")
                }
                None => {
                    operations.push(op);
                    continue;
                }
            };
            for task in operation_tasks(&op) {
                let status = master_status(
                    &task.task_id,
                    Some(&task.agent_id.value),
                    TaskState::TaskError,
                    reason,
                    error.clone(),
                );
                effects.extend(self.send(framework_id, &events::update(status)));
            }
        }
        for op in &operations {
            match operation::Type::try_from(op.r#type.unwrap_or(0)) {
                Ok(operation::Type::Launch) => {
                    let tasks = op
                        .launch
                        .as_ref()
                        .map(|l| l.task_infos.clone())
                        .unwrap_or_default();
                    for mut task in tasks {
                        normalize_launch_task(framework_id, &mut task);
                        effects.extend(self.launch_task(
                            framework_id,
                            &agent_id,
                            &role,
                            task,
                            &mut remaining,
                        ));
                    }
                }
                Ok(operation::Type::LaunchGroup) => {
                    if let Some(group) = op.launch_group.clone() {
                        effects.extend(self.launch_group(
                            framework_id,
                            &agent_id,
                            &role,
                            group,
                            &mut remaining,
                        ));
                    }
                }
                Ok(kind @ (operation::Type::Reserve | operation::Type::Unreserve)) => {
                    let resources = match kind {
                        operation::Type::Reserve => {
                            op.reserve.as_ref().map(|r| r.resources.clone())
                        }
                        _ => op.unreserve.as_ref().map(|u| u.resources.clone()),
                    }
                    .unwrap_or_default();
                    let reserve = kind == operation::Type::Reserve;
                    let applied = self.reservation(
                        framework_id,
                        &agent_id,
                        &role,
                        &resources,
                        reserve,
                        &mut remaining,
                    );
                    effects.extend(self.operation_outcome(framework_id, &agent_id, op, applied));
                }
                Ok(kind @ (operation::Type::Create | operation::Type::Destroy)) => {
                    let volumes = match kind {
                        operation::Type::Create => op.create.as_ref().map(|c| c.volumes.clone()),
                        _ => op.destroy.as_ref().map(|d| d.volumes.clone()),
                    }
                    .unwrap_or_default();
                    let create = kind == operation::Type::Create;
                    let applied = self.volumes(&agent_id, &role, &volumes, create, &mut remaining);
                    effects.extend(self.operation_outcome(framework_id, &agent_id, op, applied));
                }
                other => {
                    // Not simulated yet: upstream applies them; here they are dropped, with
                    // OPERATION_ERROR when the framework asked for feedback.
                    effects.extend(self.drop_operation(
                        framework_id,
                        op,
                        format!("{other:?} operations are not supported by mesos-sim"),
                    ));
                }
            }
        }
        // What the operations left goes back to the agent and is offered at the next
        // periodic allocation, not at once: upstream allocates nothing on resource recovery
        // (`mesos: src/master/allocator/mesos/hierarchical.cpp`, `recoverResources`, MESOS-3078).
        self.recover_resources(
            framework_id,
            &role,
            &agent_id,
            &remaining,
            Some(accept.filters.as_ref()),
        );
        effects
    }

    /// Feedback for an applied (`Ok` with the converted resources) or dropped operation.
    fn operation_outcome(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        op: &mesos_sdk::v1::offer::Operation,
        applied: Result<Vec<mesos_sdk::v1::Resource>, String>,
    ) -> Effects {
        match applied {
            Ok(converted) => self.operation_finished(framework_id, agent_id, op, converted),
            Err(error) => {
                self.drop_operation(framework_id, op, format!("{error}; on agent {agent_id}"))
            }
        }
    }

    /// Validates one task of a LAUNCH and starts it, or answers TASK_ERROR.
    fn launch_task(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        task: TaskInfo,
        remaining: &mut Resources,
    ) -> Effects {
        match self.validate_task(framework_id, agent_id, role, &task, remaining) {
            Ok(resources) => self.start_task(
                framework_id,
                agent_id,
                role,
                task,
                resources,
                remaining,
                None,
            ),
            Err(error) => {
                let status = master_status(
                    &task.task_id,
                    Some(agent_id),
                    TaskState::TaskError,
                    task_status::Reason::TaskInvalid,
                    error,
                );
                self.send(framework_id, &events::update(status))
            }
        }
    }

    /// LAUNCH_GROUP: all tasks or none. The master gives every task of the group the group's
    /// executor. A CUSTOM executor receives the group as one LAUNCH_GROUP event; a DEFAULT
    /// executor is simulated: each task's command is a process of its own, and statuses name
    /// the group's executor.
    fn launch_group(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        group: mesos_sdk::v1::offer::operation::LaunchGroup,
        remaining: &mut Resources,
    ) -> Effects {
        use mesos_sdk::v1::executor_info::Type as ExecutorType;
        let executor = group.executor;
        // `Master::accept` copies the group's executor into every task of the group that has
        // none. Unlike for LAUNCH it does not fill in `ExecutorInfo.framework_id`: the
        // validation requires the scheduler to set it.
        let mut tasks = group.task_group.tasks;
        for task in &mut tasks {
            task.executor.get_or_insert_with(|| executor.clone());
        }
        let validated =
            self.validate_group(framework_id, agent_id, role, &executor, &tasks, remaining);
        let per_task = match validated {
            Ok(per_task) => per_task,
            Err(error) => {
                let mut effects = Vec::new();
                for task in &tasks {
                    let status = master_status(
                        &task.task_id,
                        Some(agent_id),
                        TaskState::TaskError,
                        task_status::Reason::TaskGroupInvalid,
                        error.clone(),
                    );
                    effects.extend(self.send(framework_id, &events::update(status)));
                }
                return effects;
            }
        };
        let mut effects = Vec::new();
        if executor.r#type == Some(ExecutorType::Custom as i32) && !self.config.synthetic {
            for (task, resources) in tasks.iter_mut().zip(per_task) {
                self.record_task(framework_id, agent_id, role, task, resources, remaining);
            }
            effects.extend(self.hand_to_custom_executor(
                framework_id,
                agent_id,
                role,
                &executor.executor_id.value,
                Delivery::Group(mesos_sdk::v1::TaskGroupInfo { tasks }),
            ));
            return effects;
        }
        // The simulated default executor runs each task's command itself; the tasks share its
        // bookkeeping of the group (see `agent::default_executor`). A custom executor's group
        // only gets here in synthetic mode, where nothing runs it: its tasks are independent.
        let group = GroupLaunch {
            executor_id: executor.executor_id.value.clone(),
            task_ids: (executor.r#type != Some(ExecutorType::Custom as i32))
                .then(|| tasks.iter().map(|t| t.task_id.value.clone()).collect()),
        };
        for (task, resources) in tasks.into_iter().zip(per_task) {
            effects.extend(self.start_task(
                framework_id,
                agent_id,
                role,
                task,
                resources,
                remaining,
                Some(&group),
            ));
        }
        effects
    }

    /// Task group validation (`mesos: src/master/validation.cpp` `task::group::validate`):
    /// every task (`group::internal::validateTask`, the error prefixed with the task's id),
    /// then the executor (`group::internal::validateExecutor`), then `share_cgroups`
    /// (`group::internal::validateShareCgroups`). Returns each task's share (the executor's
    /// resources, unless it runs already, are charged to the first task).
    fn validate_group(
        &self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        executor: &ExecutorInfo,
        tasks: &[TaskInfo],
        remaining: &Resources,
    ) -> Result<Vec<Resources>, String> {
        use mesos_sdk::v1::container_info::Type as ContainerType;
        use mesos_sdk::v1::executor_info::Type as ExecutorType;
        // Not in 1.11.0, where an empty group reaches the agent. With no task there is no one
        // to tell, so the operation is just dropped.
        if tasks.is_empty() {
            return Err("Task group is empty".into());
        }
        let mut seen = HashSet::new();
        let mut shares = Vec::with_capacity(tasks.len());
        for task in tasks {
            let resources = self
                .validate_group_task(framework_id, agent_id, role, task)
                .map_err(|e| format!("Task '{}' is invalid: {e}", task.task_id.value))?;
            // Not in 1.11.0 either: it checks a group's task ids only against tasks launched
            // before, and a repeated id within the group aborts the master (the `CHECK` in
            // `Framework::addTask`). Refusing the group stands in for that.
            if !seen.insert(task.task_id.value.as_str()) {
                return Err(format!(
                    "Task '{0}' is invalid: Task has duplicate ID: {0}",
                    task.task_id.value
                ));
            }
            shares.push(resources);
        }
        // `group::internal::validateExecutor`: the general executor checks, then these.
        let running = self.validate_executor(framework_id, agent_id, role, executor)?;
        match upstream::declared::<ExecutorType>(executor.r#type) {
            None => return Err("'ExecutorInfo.type' must be set".into()),
            Some(ExecutorType::Unknown) => return Err("Unknown executor type".into()),
            _ => {}
        }
        if executor
            .container
            .as_ref()
            .is_some_and(|c| c.r#type == ContainerType::Docker as i32)
        {
            return Err("Docker ContainerInfo is not supported on the executor".into());
        }
        for task in tasks {
            if let Some(task_executor) = &task.executor
                && !upstream::executor_eq(task_executor, executor)
            {
                return Err(format!(
                    "The `ExecutorInfo` of task '{}' is different from executor '{}'",
                    task.task_id.value, executor.executor_id.value
                ));
            }
        }
        let executor_id = &executor.executor_id.value;
        let executor_resources = Resources::from_protos(&executor.resources)
            .map_err(|e| format!("Executor uses invalid resources: Invalid resources: {e}"))?;
        // The amounts print as stout's `stringify` does: a double with 6 significant digits,
        // a `Bytes` in the largest unit that loses nothing (`32MB`), `None` when absent.
        let cpus = upstream::scalar_total(&executor_resources, "cpus");
        if cpus.is_none_or(|cpus| cpus < MIN_CPUS) {
            return Err(format!(
                "Executor '{executor_id}' uses less CPUs ({}) than the minimum required ({})",
                cpus.map_or_else(|| "None".into(), upstream::stringify_double),
                upstream::stringify_double(MIN_CPUS)
            ));
        }
        let mem = upstream::megabytes(&executor_resources, "mem");
        if mem.is_none_or(|mem| mem < MIN_MEM) {
            return Err(format!(
                "Executor '{executor_id}' uses less memory ({}) than the minimum required ({})",
                mem.map_or_else(|| "None".into(), upstream::format_bytes),
                upstream::format_bytes(MIN_MEM)
            ));
        }
        if upstream::megabytes(&executor_resources, "disk").is_none() {
            return Err(format!("Executor '{executor_id}' uses no disk"));
        }
        // `group::internal::validateTaskGroupAndExecutorResources`.
        let executor_normalized = upstream::normalized(&executor.resources, role);
        let tasks_normalized: Vec<Vec<Resource>> = tasks
            .iter()
            .map(|t| upstream::normalized(&t.resources, role))
            .collect();
        let all: Vec<&Resource> = executor_normalized
            .iter()
            .chain(tasks_normalized.iter().flatten())
            .collect();
        upstream::unique_persistence_ids(&all)
            .map_err(|e| format!("Task group and executor use duplicate persistence ID: {e}"))?;
        upstream::revocable_mix(&all).map_err(|e| {
            format!("Task group and executor mix revocable and non-revocable resources: {e}")
        })?;
        let mut parts: Vec<&[Resource]> = tasks.iter().map(|t| t.resources.as_slice()).collect();
        parts.push(&executor.resources);
        if upstream::overlapping(&parts) {
            let per_task: Vec<String> = shares
                .iter()
                .map(|s| upstream::stringify_resources(s, role))
                .collect();
            return Err(format!(
                "There are overlapping resources in the task group's task resources [ {} ] \
                 and/or executor resources {}",
                per_task.join(", "),
                upstream::stringify_json(&executor_normalized)
            ));
        }
        let mut total = Resources::default();
        for share in &shares {
            total.add(share);
        }
        let mut charged: Vec<&Resource> = tasks_normalized.iter().flatten().collect();
        if !running {
            total.add(&executor_resources);
            charged.extend(&executor_normalized);
            if let Some(first) = shares.first_mut() {
                first.add(&executor_resources);
            }
        }
        if !upstream::allocated_to(&charged, role) || !remaining.contains(&total) {
            return Err(format!(
                "Total resources {} required by task group and its executor are more than \
                 available {}",
                upstream::stringify_resources(&total, role),
                upstream::stringify_resources(remaining, role)
            ));
        }
        // `validateExecutor` ends with the executor's command, which `validateCommandInfo`
        // (in `validate_executor`) has already accepted.
        self.validate_group_share_cgroups(framework_id, agent_id, executor, tasks)?;
        Ok(shares)
    }

    /// One task of a group (`task::group::internal::validateTask`): the checks every task
    /// gets, then the group's own.
    fn validate_group_task(
        &self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        task: &TaskInfo,
    ) -> Result<Resources, String> {
        use mesos_sdk::v1::container_info::Type as ContainerType;
        use mesos_sdk::v1::health_check::Type as HealthType;
        let resources = self.validate_task_fields(framework_id, agent_id, role, task)?;
        if task.executor.is_none() {
            return Err("'TaskInfo.executor' must be set".into());
        }
        if let Some(container) = &task.container {
            let health = task
                .health_check
                .as_ref()
                .and_then(|h| upstream::declared::<HealthType>(h.r#type));
            if !container.network_infos.is_empty()
                && matches!(health, Some(HealthType::Http | HealthType::Tcp))
            {
                return Err(
                    "HTTP and TCP health checks are not supported for nested containers \
                            not joining parent's network"
                        .into(),
                );
            }
            if container.r#type == ContainerType::Docker as i32 {
                return Err("Docker ContainerInfo is not supported on the task".into());
            }
        }
        if !task.limits.is_empty()
            && upstream::share_cgroups(task.container.as_ref()) != Some(false)
        {
            return Err(
                "Resource limits may only be set for tasks within a task group when the \
                        'share_cgroups' field is set to 'false'."
                    .into(),
            );
        }
        Ok(resources)
    }

    /// `task::group::internal::validateShareCgroups`: never `true` on the executor, and one
    /// value (unset counting as `true`) for every task of the group and every task already
    /// under that executor on the agent.
    fn validate_group_share_cgroups(
        &self,
        framework_id: &str,
        agent_id: &str,
        executor: &ExecutorInfo,
        tasks: &[TaskInfo],
    ) -> Result<(), String> {
        if upstream::share_cgroups(executor.container.as_ref()) == Some(true) {
            return Err(
                "The 'share_cgroups' field cannot be set to 'true' on executor containers".into(),
            );
        }
        let mut value: Option<bool> = None;
        let mut check = |container: Option<&mesos_sdk::v1::ContainerInfo>| {
            let share = upstream::share_cgroups(container).unwrap_or(true);
            match value {
                Some(seen) if seen != share => Err(
                    "If set, the value of 'share_cgroups' must be the same for all tasks in \
                     each task group and under a single executor"
                        .to_string(),
                ),
                _ => {
                    value = Some(share);
                    Ok(())
                }
            }
        };
        for task in tasks {
            check(task.container.as_ref())?;
        }
        let executor_id = &executor.executor_id.value;
        let known = self.agents.get(agent_id).is_some_and(|a| {
            a.executors
                .get(&(framework_id.to_string(), executor_id.clone()))
                .is_some_and(|e| e.custom.is_some())
        });
        let Some(framework) = self.frameworks.get(framework_id).filter(|_| known) else {
            return Ok(());
        };
        let under_executor = framework
            .tasks
            .values()
            .chain(framework.unreachable_tasks.values().map(|(t, _)| t))
            .filter(|t| t.agent_id == agent_id && t.executor_id == *executor_id);
        for task in under_executor {
            check(task.info.container.as_ref())?;
        }
        Ok(())
    }

    /// Records a validated task and starts it.
    #[allow(clippy::too_many_arguments)]
    fn start_task(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        mut task: TaskInfo,
        resources: Resources,
        remaining: &mut Resources,
        group: Option<&GroupLaunch>,
    ) -> Effects {
        let synthetic = self.config.synthetic;
        if synthetic && let Some(executor) = &task.executor {
            self.charge_synthetic_executor(framework_id, agent_id, executor, &task.task_id);
        }
        // A task of a group runs under the built-in executor (its handle keyed by the task's
        // id), while the master's record keeps the group's executor, as upstream's does.
        let group_executor = group.and_then(|_| task.executor.take());
        let Some(executor_id) = self.record_task(
            framework_id,
            agent_id,
            role,
            &mut task,
            resources,
            remaining,
        ) else {
            return Vec::new();
        };
        if let Some(executor) = group_executor
            && let Some(recorded) = self
                .frameworks
                .get_mut(framework_id)
                .and_then(|f| f.tasks.get_mut(&task.task_id.value))
        {
            recorded.info.executor = Some(executor);
        }
        if task.executor.is_some() && !synthetic {
            return self.hand_to_custom_executor(
                framework_id,
                agent_id,
                role,
                &executor_id,
                Delivery::Task(Box::new(task)),
            );
        }
        self.spawn_executor(framework_id, agent_id, role, &executor_id, group, task)
    }

    /// Synthetic mode's executor of `key` (framework id, executor id) on the agent, while its
    /// share is held by a live task: the master counts it as running.
    pub(crate) fn synthetic_executor(
        &self,
        agent_id: &str,
        key: &(String, String),
    ) -> Option<&crate::agent::SyntheticExecutor> {
        let executor = self.agents.get(agent_id)?.synthetic_executors.get(key)?;
        let carrier_live = self
            .frameworks
            .get(&key.0)
            .and_then(|f| f.tasks.get(&executor.carrier))
            .is_some_and(|t| !t.resources_recovered);
        carrier_live.then_some(executor)
    }

    /// Notes a validated task of `executor` in synthetic mode, which nothing runs: the first
    /// task (since its executor last had none) carries the executor's share, as validation
    /// charged it (see `validate_task`).
    fn charge_synthetic_executor(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        executor: &ExecutorInfo,
        task_id: &mesos_sdk::v1::TaskId,
    ) {
        let key = (framework_id.to_string(), executor.executor_id.value.clone());
        let running = self.synthetic_executor(agent_id, &key).is_some();
        let Some(agent) = self.agents.get_mut(agent_id) else {
            return;
        };
        if running {
            if let Some(entry) = agent.synthetic_executors.get_mut(&key) {
                entry.tasks.insert(task_id.value.clone());
            }
            return;
        }
        let mut info = executor.clone();
        info.framework_id = Some(mesos_sdk::v1::FrameworkId {
            value: framework_id.to_string(),
        });
        // What validation added to the task's total (it had checked they parse).
        let share = Resources::from_protos(&executor.resources).unwrap_or_default();
        agent.synthetic_executors.insert(
            key,
            crate::agent::SyntheticExecutor {
                info,
                share,
                carrier: task_id.value.clone(),
                tasks: std::iter::once(task_id.value.clone()).collect(),
            },
        );
    }

    /// Charges a validated task to the offer, fills in its allocation role and records it as
    /// STAGING. Returns the id of the executor handle it runs under: its custom executor, or
    /// the task id for the command executor (and for synthetic tasks). `None` if the
    /// framework is gone.
    fn record_task(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        task: &mut TaskInfo,
        resources: Resources,
        remaining: &mut Resources,
    ) -> Option<String> {
        remaining.subtract(&resources);
        // The master fills in the offer's allocation role where the scheduler left it out.
        for resource in &mut task.resources {
            if resource.allocation_info.is_none() {
                resource.allocation_info = Some(mesos_sdk::v1::resource::AllocationInfo {
                    role: Some(role.to_string()),
                });
            }
        }
        let task_id = task.task_id.value.clone();
        let executor_id = match &task.executor {
            Some(executor) if !self.config.synthetic => executor.executor_id.value.clone(),
            _ => task_id.clone(),
        };
        let framework = self.frameworks.get_mut(framework_id)?;
        framework.tasks.insert(
            task_id,
            Task {
                // The resources live in `resources` (normalized); the copy in the TaskInfo
                // would only double the memory of every task.
                info: Box::new(TaskInfo {
                    resources: Vec::new(),
                    ..task.clone()
                }),
                framework_id: framework_id.to_string(),
                agent_id: agent_id.to_string(),
                executor_id: executor_id.clone(),
                role: role.to_string(),
                state: TaskState::TaskStaging,
                status_update_state: None,
                latest_status: None,
                resources,
                resources_recovered: false,
            },
        );
        Some(executor_id)
    }

    /// Hands a task or task group to its custom executor, starting the executor first when it
    /// does not run on the agent yet (the delivery then waits for its SUBSCRIBE).
    fn hand_to_custom_executor(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        executor_id: &str,
        delivery: Delivery,
    ) -> Effects {
        let key = (framework_id.to_string(), executor_id.to_string());
        let running = self
            .agents
            .get(agent_id)
            .is_some_and(|a| a.executors.contains_key(&key));
        if running {
            return self.deliver(agent_id, framework_id, executor_id, delivery);
        }
        let Some(first) = delivery.tasks().first().cloned() else {
            return Vec::new();
        };
        let mut effects =
            self.spawn_executor(framework_id, agent_id, role, executor_id, None, first);
        if let Some(custom) = self
            .agents
            .get_mut(agent_id)
            .and_then(|a| a.executors.get_mut(&key))
            .and_then(|e| e.custom.as_mut())
        {
            custom.queued.push(delivery);
        } else {
            effects.clear();
        }
        effects
    }

    /// Starts an executor process for `task` (its custom executor, or the built-in command
    /// executor) and registers its handle with the agent.
    fn spawn_executor(
        &mut self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        executor_id: &str,
        group: Option<&GroupLaunch>,
        task: TaskInfo,
    ) -> Effects {
        let synthetic = self.config.synthetic;
        let Some(framework_info) = self.frameworks.get(framework_id).map(|f| f.info.clone()) else {
            return Vec::new();
        };
        let sandbox = self
            .config
            .work_dir
            .join("agents")
            .join(agent_id)
            .join("frameworks")
            .join(framework_id)
            .join("executors")
            .join(executor_id)
            .join("runs");
        let container_id = uuid::Uuid::new_v4().to_string();
        let shutdown_grace_period = task
            .executor
            .as_ref()
            .and_then(|e| e.shutdown_grace_period.as_ref())
            .map(|d| std::time::Duration::from_nanos(d.nanoseconds.max(0) as u64))
            .unwrap_or(self.config.executor_shutdown_grace_period);
        let recovery_timeout = self.config.agent_recovery_timeout;
        let registration_timeout = self.config.executor_registration_timeout;
        let Some(agent) = self.agents.get_mut(agent_id) else {
            return Vec::new();
        };
        let (kill, kills) = tokio::sync::mpsc::channel(4);
        let custom = task
            .executor
            .clone()
            .filter(|_| !synthetic)
            .map(|mut info| {
                // The master fills in `ExecutorInfo.framework_id`.
                info.framework_id = Some(mesos_sdk::v1::FrameworkId {
                    value: framework_id.to_string(),
                });
                CustomExecutor {
                    info,
                    framework_info: framework_info.clone(),
                    container_id: container_id.clone(),
                    connection: None,
                    queued: Vec::new(),
                    launched: Vec::new(),
                    terminating: false,
                    subscribed_once: false,
                    recovering: false,
                }
            });
        let default_executor = group.and_then(|g| {
            Some(agent.default_executor_for(
                framework_id,
                &g.executor_id,
                &task.task_id.value,
                g.task_ids.clone()?,
                &kill,
            ))
        });
        agent.executors.insert(
            (framework_id.to_string(), executor_id.to_string()),
            ExecutorHandle { kill, custom },
        );
        vec![Effect::Launch {
            spec: Box::new(LaunchSpec {
                agent_id: agent_id.to_string(),
                framework_id: framework_id.to_string(),
                framework_info,
                executor_id: executor_id.to_string(),
                group_executor_id: group.map(|g| g.executor_id.clone()),
                default_executor,
                task,
                role: role.to_string(),
                sandbox: sandbox.join(container_id),
                agent_endpoint: agent.endpoint,
                shutdown_grace_period,
                recovery_timeout,
                registration_timeout,
                synthetic,
                host: self.config.host.clone(),
            }),
            kills,
        }]
    }

    /// Task validation in the master's order (`mesos: src/master/validation.cpp`
    /// `task::validate`): the task (`internal::validateTask`), its executor or command
    /// (`internal::validateExecutor`), then `internal::validateShareCgroups`. Returns what
    /// the task costs: its resources, and its executor's unless that runs already.
    fn validate_task(
        &self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        task: &TaskInfo,
        remaining: &Resources,
    ) -> Result<Resources, String> {
        use mesos_sdk::v1::executor_info::Type as ExecutorType;
        let mut total = self.validate_task_fields(framework_id, agent_id, role, task)?;
        if task.executor.is_some() == task.command.is_some() {
            return Err(
                "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present"
                    .into(),
            );
        }
        let mut charged: Vec<Resource> = upstream::normalized(&task.resources, role);
        if let Some(executor) = &task.executor {
            let running = self.validate_executor(framework_id, agent_id, role, executor)?;
            if upstream::declared::<ExecutorType>(executor.r#type)
                .is_some_and(|kind| kind != ExecutorType::Custom)
            {
                return Err("'ExecutorInfo.type' must be 'CUSTOM'".into());
            }
            if executor.command.is_none() {
                return Err("'ExecutorInfo.command' must be set".into());
            }
            let executor_resources = Resources::from_protos(&executor.resources)
                .map_err(|e| format!("Executor uses invalid resources: Invalid resources: {e}"))?;
            if executor
                .resources
                .iter()
                .any(|r| r.shared.is_some() && !upstream::is_empty(r))
            {
                return Err(format!(
                    "Executor resources {} should not contain any shared resources",
                    upstream::stringify_resources(&executor_resources, role)
                ));
            }
            // Less than `MIN_CPUS` or `MIN_MEM` is only logged for LAUNCH.
            if upstream::share_cgroups(executor.container.as_ref()) == Some(true) {
                return Err(
                    "The 'share_cgroups' field cannot be set to 'true' on executor containers"
                        .into(),
                );
            }
            if !running {
                total.add(&executor_resources);
                charged.extend(upstream::normalized(&executor.resources, role));
            }
        }
        upstream::validate_task_and_executor_resources(task, role)?;
        let charged: Vec<&Resource> = charged.iter().collect();
        if !upstream::allocated_to(&charged, role) || !remaining.contains(&total) {
            return Err(format!(
                "Total resources {} required by task and its executor is more than available {}",
                upstream::stringify_resources(&total, role),
                upstream::stringify_resources(remaining, role)
            ));
        }
        if upstream::share_cgroups(task.container.as_ref()) == Some(false) {
            return Err(
                "Only tasks in a task group may have 'share_cgroups' set to 'false'".into(),
            );
        }
        Ok(total)
    }

    /// `validation::executor::internal::validate`, for LAUNCH and LAUNCH_GROUP alike: the
    /// executor on its own (`executor::validate`: type, id, shutdown grace period, command,
    /// container), then its framework id, its resources, and its compatibility with a
    /// running executor of the same id. Returns whether that executor runs already.
    fn validate_executor(
        &self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        executor: &ExecutorInfo,
    ) -> Result<bool, String> {
        upstream::validate_executor_type(executor)?;
        upstream::validate_id(&executor.executor_id.value)?;
        if executor
            .shutdown_grace_period
            .as_ref()
            .is_some_and(|d| d.nanoseconds < 0)
        {
            return Err("ExecutorInfo's 'shutdown_grace_period' must be non-negative".into());
        }
        if let Some(command) = &executor.command {
            upstream::validate_command(command)
                .map_err(|e| format!("Executor's `CommandInfo` is invalid: {e}"))?;
        }
        if let Some(container) = &executor.container {
            upstream::validate_container(container)
                .map_err(|e| format!("Executor's `ContainerInfo` is invalid: {e}"))?;
        }
        // `validateFrameworkID`. `Master::accept` fills in a missing id for LAUNCH, not for
        // LAUNCH_GROUP. `stringify(FrameworkID)` is the bare value.
        match &executor.framework_id {
            None => return Err("'ExecutorInfo.framework_id' must be set".into()),
            Some(id) if id.value != framework_id => {
                return Err(format!(
                    "ExecutorInfo has an invalid FrameworkID (Actual: {} vs Expected: \
                     {framework_id})",
                    id.value
                ));
            }
            Some(_) => {}
        }
        // `executor::internal::validateResources`.
        let normalized = upstream::normalized(&executor.resources, role);
        upstream::validate_resource_field(&normalized)
            .map_err(|e| format!("Executor uses invalid resources: {e}"))?;
        let resources: Vec<&Resource> = normalized.iter().collect();
        upstream::unique_persistence_ids(&resources)
            .map_err(|e| format!("Executor uses duplicate persistence ID: {e}"))?;
        upstream::single_allocation_role(&resources)
            .map_err(|e| format!("Invalid executor resources: {e}"))?;
        upstream::revocable_mix(&resources)
            .map_err(|e| format!("Executor mixes revocable and non-revocable resources: {e}"))?;
        // `validateCompatibleExecutorInfo`, with `operator==(ExecutorInfo)`'s idea of equal.
        let key = (framework_id.to_string(), executor.executor_id.value.clone());
        let existing = if self.config.synthetic {
            self.synthetic_executor(agent_id, &key).map(|e| &e.info)
        } else {
            self.agents
                .get(agent_id)
                .and_then(|a| a.executors.get(&key))
                .and_then(|e| e.custom.as_ref())
                .map(|c| &c.info)
        };
        if let Some(existing) = existing
            && !upstream::executor_eq(executor, existing)
        {
            return Err(upstream::incompatible_executor(existing, executor, role));
        }
        Ok(existing.is_some())
    }

    /// The checks every task gets, LAUNCH or LAUNCH_GROUP, in the master's order
    /// (`validation::task::internal::validateTask`). Returns its resources.
    fn validate_task_fields(
        &self,
        framework_id: &str,
        agent_id: &str,
        role: &str,
        task: &TaskInfo,
    ) -> Result<Resources, String> {
        let task_id = &task.task_id.value;
        // `validateTaskID`: the bare `validateID` message.
        upstream::validate_id(task_id)?;
        let framework = self
            .frameworks
            .get(framework_id)
            .ok_or_else(|| "Framework is gone".to_string())?;
        if framework.tasks.contains_key(task_id) {
            return Err(format!("Task has duplicate ID: {task_id}"));
        }
        if framework.unreachable_tasks.contains_key(task_id) {
            return Err(format!(
                "Task reuses the ID of an unreachable task: {task_id}"
            ));
        }
        if task.agent_id.value != agent_id {
            return Err(format!(
                "Task uses invalid agent {} while agent {agent_id} is expected",
                task.agent_id.value
            ));
        }
        if let Some(grace) = task
            .kill_policy
            .as_ref()
            .and_then(|k| k.grace_period.as_ref())
            && grace.nanoseconds < 0
        {
            return Err("Task's 'kill_policy.grace_period' must be non-negative".into());
        }
        if task
            .max_completion_time
            .as_ref()
            .is_some_and(|d| d.nanoseconds < 0)
        {
            return Err("Task's `max_completion_time` must be non-negative".into());
        }
        if let Some(check) = &task.check {
            upstream::validate_check(check).map_err(|e| format!("Task uses invalid check: {e}"))?;
        }
        if let Some(health_check) = &task.health_check {
            upstream::validate_health_check(health_check)
                .map_err(|e| format!("Task uses invalid health check: {e}"))?;
        }
        // `validateResources`.
        if task.resources.is_empty() {
            return Err("Task uses no resources".into());
        }
        let normalized = upstream::normalized(&task.resources, role);
        upstream::validate_resource_field(&normalized)
            .map_err(|e| format!("Task uses invalid resources: {e}"))?;
        let refs: Vec<&Resource> = normalized.iter().collect();
        upstream::unique_persistence_ids(&refs)
            .map_err(|e| format!("Task uses duplicate persistence ID: {e}"))?;
        upstream::single_allocation_role(&refs)
            .map_err(|e| format!("Invalid task resources: {e}"))?;
        upstream::revocable_mix(&refs)
            .map_err(|e| format!("Task mixes revocable and non-revocable resources: {e}"))?;
        if let Some(command) = &task.command {
            upstream::validate_command(command)
                .map_err(|e| format!("Task's `CommandInfo` is invalid: {e}"))?;
        }
        if let Some(container) = &task.container {
            upstream::validate_container(container)
                .map_err(|e| format!("Task's `ContainerInfo` is invalid: {e}"))?;
        }
        let resources = Resources::from_protos(&task.resources)
            .map_err(|e| format!("Task uses invalid resources: Invalid resources: {e}"))?;
        upstream::validate_resource_limits(task, &resources)?;
        Ok(resources)
    }
}

/// The status reason and name of a LAUNCH or LAUNCH_GROUP operation (by its type, as
/// `Master::accept` switches on it); `None` for other operations.
fn launch_kind(
    op: &mesos_sdk::v1::offer::Operation,
) -> Option<(task_status::Reason, &'static str)> {
    match operation::Type::try_from(op.r#type.unwrap_or(0)) {
        Ok(operation::Type::Launch) => Some((task_status::Reason::TaskInvalid, "LAUNCH")),
        Ok(operation::Type::LaunchGroup) => {
            Some((task_status::Reason::TaskGroupInvalid, "LAUNCH_GROUP"))
        }
        _ => None,
    }
}

/// Whether an operation launches tasks (and so cannot have operation feedback).
fn is_launch(op: &mesos_sdk::v1::offer::Operation) -> bool {
    launch_kind(op).is_some()
}

/// The resource check `Master::accept` runs on a launch before anything else
/// (`validateAndUpgradeResources`, `mesos: src/common/resources_utils.cpp`):
/// `Resources::validate` of every task's resources and then its executor's, for a group the
/// group's executor first. The error is the TASK_ERROR message as is.
fn launch_resources_error(op: &mesos_sdk::v1::offer::Operation) -> Option<String> {
    let check =
        |resources: &[mesos_sdk::v1::Resource]| upstream::validate_resources(resources).err();
    let task_error = |task: &TaskInfo| {
        check(&task.resources).or_else(|| task.executor.as_ref().and_then(|e| check(&e.resources)))
    };
    match operation::Type::try_from(op.r#type.unwrap_or(0)) {
        Ok(operation::Type::Launch) => op
            .launch
            .as_ref()
            .and_then(|l| l.task_infos.iter().find_map(task_error)),
        Ok(operation::Type::LaunchGroup) => {
            let group = op.launch_group.as_ref()?;
            check(&group.executor.resources)
                .or_else(|| group.task_group.tasks.iter().find_map(task_error))
        }
        _ => None,
    }
}

/// What `Master::accept` adjusts in a LAUNCH's tasks before validation: an executor without
/// `framework_id` gets the framework's (a wrong one is left for the validation to refuse),
/// and a health check without `type` gets it from whichever of `command` and `http` it has.
/// LAUNCH_GROUP gets neither.
fn normalize_launch_task(framework_id: &str, task: &mut TaskInfo) {
    use mesos_sdk::v1::health_check::Type as HealthType;
    if let Some(executor) = &mut task.executor {
        executor
            .framework_id
            .get_or_insert_with(|| mesos_sdk::v1::FrameworkId {
                value: framework_id.to_string(),
            });
    }
    if let Some(check) = &mut task.health_check
        && upstream::declared::<HealthType>(check.r#type).is_none()
    {
        match (check.command.is_some(), check.http.is_some()) {
            (true, false) => check.r#type = Some(HealthType::Command as i32),
            (false, true) => check.r#type = Some(HealthType::Http as i32),
            _ => {}
        }
    }
}

/// Tasks named by a LAUNCH or LAUNCH_GROUP operation (by its type).
fn operation_tasks(op: &mesos_sdk::v1::offer::Operation) -> Vec<TaskInfo> {
    match operation::Type::try_from(op.r#type.unwrap_or(0)) {
        Ok(operation::Type::Launch) => op
            .launch
            .as_ref()
            .map(|l| l.task_infos.clone())
            .unwrap_or_default(),
        Ok(operation::Type::LaunchGroup) => op
            .launch_group
            .as_ref()
            .map(|g| g.task_group.tasks.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Ports of the Mesos 1.11.0 helpers behind LAUNCH and LAUNCH_GROUP validation, wording
/// included: `src/common/validation.cpp`, `src/common/resources.cpp`, `src/common/roles.cpp`,
/// `src/common/type_utils.cpp`, `src/common/values.cpp` and stout's formatting. Pure
/// functions over the v1 messages, field for field the v0 ones the master works with.
pub(crate) mod upstream {
    use std::collections::{BTreeSet, HashMap, HashSet};

    use mesos_sdk::v1::resource::{AllocationInfo, ReservationInfo, disk_info, reservation_info};
    use mesos_sdk::v1::{
        CheckInfo, CommandInfo, ContainerInfo, DiscoveryInfo, Environment, ExecutorInfo,
        HealthCheck, Labels, Resource, Secret, TaskInfo, Volume, check_info, container_info,
        environment, executor_info, health_check, secret, value, volume,
    };
    use prost_reflect::{DynamicMessage, FieldDescriptor, Kind, Value};

    use crate::resources::Resources;

    /// An optional proto2 enum field's value when set to a declared number. The C++ parser
    /// keeps undeclared numbers among the unknown fields, so `has_*()` is false for them.
    pub(super) fn declared<E: TryFrom<i32>>(field: Option<i32>) -> Option<E> {
        field.and_then(|n| E::try_from(n).ok())
    }

    // Formatting.

    /// `printf("%.*g")`: how `std::ostream` writes a double with that precision.
    fn format_g(value: f64, precision: usize) -> String {
        if value.is_nan() {
            return "nan".into();
        }
        if value.is_infinite() {
            return if value > 0.0 { "inf" } else { "-inf" }.into();
        }
        if value == 0.0 {
            return if value.is_sign_negative() { "-0" } else { "0" }.into();
        }
        let precision = precision.max(1);
        let scientific = format!("{:.*e}", precision - 1, value);
        let (mantissa, exponent) = scientific
            .split_once('e')
            .unwrap_or((scientific.as_str(), "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        if exponent < -4 || exponent >= precision as i32 {
            let sign = if exponent < 0 { '-' } else { '+' };
            format!(
                "{}e{sign}{:02}",
                strip_fraction_zeros(mantissa),
                exponent.unsigned_abs()
            )
        } else {
            let decimals = (precision as i32 - 1 - exponent).max(0) as usize;
            strip_fraction_zeros(&format!("{value:.decimals$}")).to_string()
        }
    }

    fn strip_fraction_zeros(number: &str) -> &str {
        if number.contains('.') {
            number.trim_end_matches('0').trim_end_matches('.')
        } else {
            number
        }
    }

    /// stout's `stringify(double)`: the stream default, 6 significant digits (`0.001`).
    pub(super) fn stringify_double(value: f64) -> String {
        format_g(value, 6)
    }

    /// protobuf's `SimpleDtoa` (text format): 15 significant digits, 17 if 15 lose the value.
    fn simple_dtoa(value: f64) -> String {
        let short = format_g(value, 15);
        if short.parse::<f64>().ok() == Some(value) {
            short
        } else {
            format_g(value, 17)
        }
    }

    /// protobuf's `SimpleFtoa`: 6 significant digits, 9 if 6 lose the value.
    fn simple_ftoa(value: f32) -> String {
        let short = format_g(f64::from(value), 6);
        if short.parse::<f32>().ok() == Some(value) {
            short
        } else {
            format_g(f64::from(value), 9)
        }
    }

    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    const GB: u64 = 1024 * MB;
    const TB: u64 = 1024 * GB;

    /// stout's `operator<<(Bytes)`: the largest unit that loses nothing (`32MB`, `1GB`).
    pub(super) fn format_bytes(bytes: u64) -> String {
        match bytes {
            0 => "0B".into(),
            b if b % KB != 0 => format!("{b}B"),
            b if b % MB != 0 => format!("{}KB", b / KB),
            b if b % GB != 0 => format!("{}MB", b / MB),
            b if b % TB != 0 => format!("{}GB", b / GB),
            b => format!("{}TB", b / TB),
        }
    }

    /// `convertToFixed`: `llround(value * 1000)`, which is `LLONG_MIN` on x86-64 when the
    /// result does not fit (or is NaN).
    fn to_fixed(value: f64) -> i64 {
        let scaled = (value * 1000.0).round();
        if scaled.is_nan()
            || !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&scaled)
        {
            i64::MIN
        } else {
            scaled as i64
        }
    }

    /// `convertToFloating`.
    fn to_floating(fixed: i64) -> f64 {
        (fixed / 1000) as f64 + (fixed % 1000) as f64 / 1000.0
    }

    /// `Resources::cpus()` and the like: the fixed-point total of scalar `name`, `None`
    /// without any.
    pub(super) fn scalar_total(resources: &Resources, name: &str) -> Option<f64> {
        let milli = resources.scalar_milli(name);
        (milli != 0).then(|| to_floating(milli))
    }

    /// `Resources::mem()` and `disk()`: `Megabytes(uint64_t(total))`, in bytes.
    pub(super) fn megabytes(resources: &Resources, name: &str) -> Option<u64> {
        scalar_total(resources, name).map(|mb| (mb as u64).wrapping_mul(MB))
    }

    // Ids and roles.

    pub(super) use crate::master::validation::validate_id;

    use crate::master::validation::validate_role;

    /// `roles::isStrictSubroleOf`.
    fn is_strict_subrole(left: &str, right: &str) -> bool {
        left.len() > right.len() && left.as_bytes()[right.len()] == b'/' && left.starts_with(right)
    }

    // Resources.

    /// `Resources::validate(const Resource&)`.
    pub(crate) fn validate_resource(resource: &Resource) -> Result<(), String> {
        use disk_info::source::Type as SourceType;
        use reservation_info::Type as ReservationType;
        if resource.name.is_empty() {
            return Err("Empty resource name".into());
        }
        let (has_scalar, has_ranges, has_set) = (
            resource.scalar.is_some(),
            resource.ranges.is_some(),
            resource.set.is_some(),
        );
        match value::Type::try_from(resource.r#type) {
            Err(_) => return Err("Invalid resource type".into()),
            Ok(value::Type::Scalar) => {
                if !has_scalar || has_ranges || has_set {
                    return Err("Invalid scalar resource".into());
                }
                let value = resource.scalar.as_ref().map_or(0.0, |s| s.value);
                if value != 0.0 && to_fixed(value) <= 0 {
                    return Err("Invalid scalar resource: value <= 0".into());
                }
            }
            Ok(value::Type::Ranges) => {
                if has_scalar || !has_ranges || has_set {
                    return Err("Invalid ranges resource".into());
                }
                let ranges = resource.ranges.as_ref().map_or(&[][..], |r| &r.range);
                for (i, range) in ranges.iter().enumerate() {
                    if range.begin > range.end {
                        return Err("Invalid ranges resource: begin > end".into());
                    }
                    if ranges[i + 1..]
                        .iter()
                        .any(|other| range.begin <= other.begin && other.begin <= range.end)
                    {
                        return Err("Invalid ranges resource: overlapping ranges".into());
                    }
                }
            }
            Ok(value::Type::Set) => {
                if has_scalar || has_ranges || !has_set {
                    return Err("Invalid set resource".into());
                }
                let items = resource.set.as_ref().map_or(&[][..], |s| &s.item);
                if items
                    .iter()
                    .enumerate()
                    .any(|(i, item)| items[i + 1..].contains(item))
                {
                    return Err("Invalid set resource: duplicated elements".into());
                }
            }
            Ok(value::Type::Text) => return Err("Unsupported resource type".into()),
        }
        if let Some(disk) = &resource.disk {
            if resource.name != "disk" {
                return Err(format!(
                    "DiskInfo should not be set for {} resource",
                    resource.name
                ));
            }
            if let Some(source) = &disk.source {
                match SourceType::try_from(source.r#type) {
                    Ok(SourceType::Path | SourceType::Mount) => {}
                    Ok(kind @ (SourceType::Block | SourceType::Raw)) => {
                        if source.mount.is_some() {
                            return Err(format!(
                                "Mount should not be set for {} disk source",
                                kind.as_str_name()
                            ));
                        }
                        if source.path.is_some() {
                            return Err(format!(
                                "Path should not be set for {} disk source",
                                kind.as_str_name()
                            ));
                        }
                    }
                    _ => {
                        return Err(format!(
                            "Unsupported 'DiskInfo.Source.Type' in '{}'",
                            stringify_source(source)
                        ));
                    }
                }
            }
        }
        if resource.reservations.is_empty() {
            // The "pre-reservation-refinement" format.
            let role = resource.role.as_deref().unwrap_or("*");
            validate_role(role)?;
            if let Some(reservation) = &resource.reservation {
                if reservation.r#type.is_some() {
                    return Err("'Resource.ReservationInfo.type' must not be set for the \
                                'Resource.reservation' field"
                        .into());
                }
                if reservation.role.is_some() {
                    return Err("'Resource.ReservationInfo.role' must not be set for the \
                                'Resource.reservation' field"
                        .into());
                }
                if role == "*" {
                    return Err(
                        "Invalid reservation: role \"*\" cannot be dynamically reserved".into(),
                    );
                }
            }
        } else {
            for reservation in &resource.reservations {
                if declared::<ReservationType>(reservation.r#type).is_none() {
                    return Err(
                        "Invalid reservation: 'Resource.ReservationInfo.type' field \
                                must be set."
                            .into(),
                    );
                }
                let Some(role) = &reservation.role else {
                    return Err(
                        "Invalid reservation: 'Resource.ReservationInfo.role' field \
                                must be set."
                            .into(),
                    );
                };
                validate_role(role)?;
                if role == "*" {
                    return Err("Invalid reservation: role \"*\" cannot be reserved".into());
                }
            }
            let role_of = |r: &ReservationInfo| r.role.clone().unwrap_or_default();
            let mut ancestor = role_of(&resource.reservations[0]);
            for reservation in &resource.reservations[1..] {
                if declared::<ReservationType>(reservation.r#type) == Some(ReservationType::Static)
                {
                    return Err(
                        "Invalid refined reservation: A refined reservation cannot be \
                                STATIC"
                            .into(),
                    );
                }
                let descendant = role_of(reservation);
                if !is_strict_subrole(&descendant, &ancestor) {
                    return Err(format!(
                        "Invalid refined reservation: role '{descendant}' is not a refinement \
                         of '{ancestor}'"
                    ));
                }
                ancestor = descendant;
            }
            if let [reservation] = resource.reservations.as_slice() {
                let reservation_role = role_of(reservation);
                if let Some(role) = &resource.role
                    && *role != reservation_role
                {
                    return Err(format!(
                        "Invalid resource format: 'Resource.role' field with '{role}' does not \
                         match the role '{reservation_role}' in 'Resource.reservations'"
                    ));
                }
                match declared::<ReservationType>(reservation.r#type) {
                    Some(ReservationType::Static) => {
                        if resource.reservation.is_some() {
                            return Err("Invalid resource format: 'Resource.reservation' must \
                                        not be set if the single reservation in \
                                        'Resource.reservations' is STATIC"
                                .into());
                        }
                    }
                    Some(ReservationType::Dynamic) => {
                        if resource.role.is_some() != resource.reservation.is_some() {
                            return Err("Invalid resource format: 'Resource.role' and \
                                        'Resource.reservation' must either be both set or both \
                                        not set if the single reservation in \
                                        'Resource.reservations' is DYNAMIC"
                                .into());
                        }
                        if let Some(pre) = &resource.reservation {
                            let principal = pre.principal.as_deref().unwrap_or("");
                            let expected = reservation.principal.as_deref().unwrap_or("");
                            if principal != expected {
                                return Err(format!(
                                    "Invalid resource format: 'Resource.reservation.principal' \
                                     field with '{principal}' does not match the principal \
                                     '{expected}' in 'Resource.reservations'"
                                ));
                            }
                            let empty = Labels::default();
                            let labels = pre.labels.as_ref().unwrap_or(&empty);
                            let expected = reservation.labels.as_ref().unwrap_or(&empty);
                            if !labels_eq(labels, expected) {
                                return Err(format!(
                                    "Invalid resource format: 'Resource.reservation.labels' \
                                     field with '{}' does not match the labels '{}' in \
                                     'Resource.reservations'",
                                    stringify_labels(labels),
                                    stringify_labels(expected)
                                ));
                            }
                        }
                    }
                    _ => return Err("Unsupported 'Resource.ReservationInfo.Type'".into()),
                }
            } else {
                if resource.role.is_some() {
                    return Err(
                        "Invalid resource format: 'Resource.role' must not be set if \
                                there is more than one reservation in 'Resource.reservations'"
                            .into(),
                    );
                }
                if resource.reservation.is_some() {
                    return Err(
                        "Invalid resource format: 'Resource.reservation' must not be \
                                set if there is more than one reservation in \
                                'Resource.reservations'"
                            .into(),
                    );
                }
            }
        }
        if resource.shared.is_some() {
            if resource.name != "disk" {
                return Err(format!("Resource {} cannot be shared", resource.name));
            }
            if resource
                .disk
                .as_ref()
                .is_none_or(|d| d.persistence.is_none())
            {
                return Err("Only persistent volumes can be shared".into());
            }
        }
        Ok(())
    }

    /// `Resources::validate(const RepeatedPtrField<Resource>&)`.
    pub(crate) fn validate_resources(resources: &[Resource]) -> Result<(), String> {
        for resource in resources {
            validate_resource(resource).map_err(|e| {
                format!(
                    "Resource '{}' is invalid: {e}",
                    stringify_resource(resource)
                )
            })?;
        }
        Ok(())
    }

    /// `validation::resource::validate` on resources as the master has them by then (see
    /// `normalized`).
    pub(crate) fn validate_resource_field(resources: &[Resource]) -> Result<(), String> {
        validate_resources(resources).map_err(|e| format!("Invalid resources: {e}"))?;
        // `common::validation::validateGpus`, with its float arithmetic.
        let gpus = resources
            .iter()
            .filter(|r| r.name == "gpus" && r.r#type == value::Type::Scalar as i32)
            .map(|r| to_fixed(r.scalar.as_ref().map_or(0.0, |s| s.value)))
            .sum::<i64>();
        if ((to_floating(gpus) * 1000.0) as i64) % 1000 != 0 {
            return Err(
                "Invalid 'gpus' resource: The 'gpus' resource must be an unsigned integer".into(),
            );
        }
        validate_disk_info(resources).map_err(|e| format!("Invalid DiskInfo: {e}"))?;
        for resource in resources {
            let dynamic = resource.reservations.last().is_some_and(|r| {
                declared::<reservation_info::Type>(r.r#type)
                    == Some(reservation_info::Type::Dynamic)
            });
            if dynamic && resource.revocable.is_some() {
                return Err(format!(
                    "Invalid ReservationInfo: Dynamically reserved resource {} cannot be \
                     created from revocable resources",
                    stringify_resource(resource)
                ));
            }
        }
        Ok(())
    }

    /// `validation::resource::validateDiskInfo`.
    fn validate_disk_info(resources: &[Resource]) -> Result<(), String> {
        for resource in resources {
            let Some(disk) = &resource.disk else {
                continue;
            };
            if let Some(persistence) = &disk.persistence {
                if resource.revocable.is_some() {
                    return Err(
                        "Persistent volumes cannot be created from revocable resources".into(),
                    );
                }
                if resource.reservations.is_empty() {
                    return Err(
                        "Persistent volumes cannot be created from unreserved resources".into(),
                    );
                }
                let Some(volume) = &disk.volume else {
                    return Err("Expecting 'volume' to be set for persistent volume".into());
                };
                if volume.host_path.is_some() {
                    return Err("Expecting 'host_path' to be unset for persistent volume".into());
                }
                validate_id(&persistence.id)
                    .map_err(|e| format!("Invalid persistence ID for persistent volume: {e}"))?;
            } else if disk.volume.is_some() {
                return Err("Non-persistent volume not supported".into());
            } else if disk.source.is_none() {
                return Err("DiskInfo is set but empty".into());
            }
        }
        Ok(())
    }

    /// The resources as the master validates them: in the post-refinement format
    /// (`upgradeResources`) and allocated to the offer's role unless they name one
    /// (`injectAllocationInfo`), both done by `Master::accept`.
    pub(super) fn normalized(resources: &[Resource], role: &str) -> Vec<Resource> {
        resources
            .iter()
            .map(|resource| {
                let mut resource = super::upgrade_format(resource.clone());
                resource
                    .allocation_info
                    .get_or_insert_with(|| AllocationInfo {
                        role: Some(role.to_string()),
                    });
                resource
            })
            .collect()
    }

    /// `Resources::isEmpty`: what a `Resources` drops.
    pub(super) fn is_empty(resource: &Resource) -> bool {
        match value::Type::try_from(resource.r#type) {
            Ok(value::Type::Scalar) => {
                to_fixed(resource.scalar.as_ref().map_or(0.0, |s| s.value)) == 0
            }
            Ok(value::Type::Ranges) => resource.ranges.as_ref().is_none_or(|r| r.range.is_empty()),
            Ok(value::Type::Set) => resource.set.as_ref().is_none_or(|s| s.item.is_empty()),
            _ => true,
        }
    }

    /// `validation::resource::validateUniquePersistenceID` (identical shared volumes are one).
    pub(crate) fn unique_persistence_ids(resources: &[&Resource]) -> Result<(), String> {
        let mut ids: HashMap<&str, HashSet<&str>> = HashMap::new();
        let mut shared: Vec<&Resource> = Vec::new();
        for resource in resources.iter().copied().filter(|r| !is_empty(r)) {
            let Some(persistence) = resource.disk.as_ref().and_then(|d| d.persistence.as_ref())
            else {
                continue;
            };
            if resource.shared.is_some() {
                if shared.contains(&resource) {
                    continue;
                }
                shared.push(resource);
            }
            let role = resource
                .reservations
                .last()
                .and_then(|r| r.role.as_deref())
                .unwrap_or("*");
            if !ids.entry(role).or_default().insert(&persistence.id) {
                return Err(format!("Persistence ID '{}' is not unique", persistence.id));
            }
        }
        Ok(())
    }

    /// `validation::resource::validateAllocatedToSingleRole`.
    pub(super) fn single_allocation_role(resources: &[&Resource]) -> Result<(), String> {
        let mut first: Option<&str> = None;
        for resource in resources.iter().filter(|r| !is_empty(r)) {
            let Some(role) = resource
                .allocation_info
                .as_ref()
                .and_then(|a| a.role.as_deref())
            else {
                return Err("The resources are not allocated to a role".into());
            };
            match first {
                None => first = Some(role),
                Some(other) if other != role => {
                    return Err(format!(
                        "The resources have multiple allocation roles ('{role}' and '{other}') \
                         but only one allocation role is allowed"
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// `validation::resource::validateRevocableAndNonRevocableResources`, by name in order.
    pub(super) fn revocable_mix(resources: &[&Resource]) -> Result<(), String> {
        let live: Vec<&Resource> = resources.iter().copied().filter(|r| !is_empty(r)).collect();
        let names: BTreeSet<&str> = live.iter().map(|r| r.name.as_str()).collect();
        for name in names {
            let mut kinds = live
                .iter()
                .filter(|r| r.name == name)
                .map(|r| r.revocable.is_some());
            let first = kinds.next().unwrap_or(false);
            if kinds.any(|revocable| revocable != first) {
                return Err(format!(
                    "Cannot use both revocable and non-revocable '{name}' at the same time"
                ));
            }
        }
        Ok(())
    }

    /// `validation::resource::detectOverlappingSetAndRangeResources`: whether the parts'
    /// quantities add up to more than their sum has (a range or set item used twice).
    pub(super) fn overlapping(parts: &[&[Resource]]) -> bool {
        let mut total = Resources::default();
        let mut quantities: HashMap<&str, i64> = HashMap::new();
        for part in parts {
            let resources = Resources::from_protos(part).unwrap_or_default();
            let names: BTreeSet<&str> = part.iter().map(|r| r.name.as_str()).collect();
            for name in names {
                *quantities.entry(name).or_default() += resources.quantity_milli(name);
            }
            total.add(&resources);
        }
        quantities
            .iter()
            .any(|(name, quantity)| *quantity != total.quantity_milli(name))
    }

    /// Whether the resources are all allocated to `role`: the sim's `Resources` ignore the
    /// allocation, the master's `contains` does not.
    pub(super) fn allocated_to(resources: &[&Resource], role: &str) -> bool {
        resources.iter().filter(|r| !is_empty(r)).all(|r| {
            r.allocation_info
                .as_ref()
                .is_none_or(|a| a.role.as_deref() == Some(role))
        })
    }

    /// `validation::task::internal::validateTaskAndExecutorResources` (LAUNCH). Its
    /// `resource::validate` of the sum cannot fail once each part passed it.
    pub(super) fn validate_task_and_executor_resources(
        task: &TaskInfo,
        role: &str,
    ) -> Result<(), String> {
        let task_resources = normalized(&task.resources, role);
        let executor_resources = task
            .executor
            .as_ref()
            .map(|e| normalized(&e.resources, role))
            .unwrap_or_default();
        if let Some(executor) = &task.executor
            && overlapping(&[&task.resources, &executor.resources])
        {
            return Err(format!(
                "There are overlapping resources in the task resources {} and executor \
                 resources {}",
                stringify_json(&task_resources),
                stringify_json(&executor_resources)
            ));
        }
        let all: Vec<&Resource> = task_resources.iter().chain(&executor_resources).collect();
        unique_persistence_ids(&all)
            .map_err(|e| format!("Task and its executor use duplicate persistence ID: {e}"))?;
        revocable_mix(&all).map_err(|e| {
            format!("Task and its executor mix revocable and non-revocable resources: {e}")
        })
    }

    /// `operator<<(Value::Scalar)`: the fixed-point value with 15 significant digits.
    fn stringify_scalar(value: f64) -> String {
        format_g(to_floating(to_fixed(value)), 15)
    }

    fn stringify_labels(labels: &Labels) -> String {
        let items: Vec<String> = labels
            .labels
            .iter()
            .map(|l| match &l.value {
                Some(value) => format!("{}: {value}", l.key),
                None => l.key.clone(),
            })
            .collect();
        format!("{{{}}}", items.join(", "))
    }

    fn stringify_source(source: &disk_info::Source) -> String {
        use disk_info::source::Type as SourceType;
        let csi = (source.id.is_some() || source.profile.is_some()).then(|| {
            format!(
                "({},{},{})",
                source.vendor.as_deref().unwrap_or(""),
                source.id.as_deref().unwrap_or(""),
                source.profile.as_deref().unwrap_or("")
            )
        });
        let root = |root: Option<&String>| root.map(|r| format!(":{r}")).unwrap_or_default();
        match SourceType::try_from(source.r#type) {
            Ok(SourceType::Mount) => format!(
                "MOUNT{}",
                csi.unwrap_or_else(|| root(source.mount.as_ref().and_then(|m| m.root.as_ref())))
            ),
            Ok(SourceType::Path) => format!(
                "PATH{}",
                csi.unwrap_or_else(|| root(source.path.as_ref().and_then(|p| p.root.as_ref())))
            ),
            Ok(SourceType::Block) => format!("BLOCK{}", csi.unwrap_or_default()),
            Ok(SourceType::Raw) => format!("RAW{}", csi.unwrap_or_default()),
            _ => "UNKNOWN".into(),
        }
    }

    fn stringify_volume(volume: &Volume) -> String {
        match &volume.host_path {
            Some(host) => {
                let mode = match volume::Mode::try_from(volume.mode) {
                    Ok(volume::Mode::Ro) => ":ro",
                    _ => ":rw",
                };
                format!("{host}:{}{mode}", volume.container_path)
            }
            None => volume.container_path.clone(),
        }
    }

    /// `operator<<(Resource)`. The pre-refinement `role` is not shown.
    pub(crate) fn stringify_resource(resource: &Resource) -> String {
        let mut out = resource.name.clone();
        if let Some(allocation) = &resource.allocation_info {
            out += &format!("(allocated: {})", allocation.role.as_deref().unwrap_or(""));
        }
        if !resource.reservations.is_empty() {
            let items: Vec<String> = resource
                .reservations
                .iter()
                .map(|r| {
                    let kind = declared::<reservation_info::Type>(r.r#type)
                        .unwrap_or(reservation_info::Type::Unknown);
                    let mut item = format!(
                        "({},{}",
                        kind.as_str_name(),
                        r.role.as_deref().unwrap_or("")
                    );
                    if let Some(principal) = &r.principal {
                        item += &format!(",{principal}");
                    }
                    if let Some(labels) = &r.labels {
                        item += &format!(",{}", stringify_labels(labels));
                    }
                    item + ")"
                })
                .collect();
            out += &format!("(reservations: [{}])", items.join(","));
        }
        if let Some(disk) = &resource.disk {
            let mut text = disk
                .source
                .as_ref()
                .map(stringify_source)
                .unwrap_or_default();
            if let Some(persistence) = &disk.persistence {
                if disk.source.is_some() {
                    text.push(',');
                }
                text += &persistence.id;
            }
            if let Some(volume) = &disk.volume {
                text += &format!(":{}", stringify_volume(volume));
            }
            out += &format!("[{text}]");
        }
        if resource.revocable.is_some() {
            out += "{REV}";
        }
        if resource.shared.is_some() {
            out += "<SHARED>";
        }
        out.push(':');
        match value::Type::try_from(resource.r#type) {
            Ok(value::Type::Scalar) => {
                out += &stringify_scalar(resource.scalar.as_ref().map_or(0.0, |s| s.value));
            }
            Ok(value::Type::Ranges) => {
                let ranges: Vec<String> = resource
                    .ranges
                    .iter()
                    .flat_map(|r| &r.range)
                    .map(|r| format!("{}-{}", r.begin, r.end))
                    .collect();
                out += &format!("[{}]", ranges.join(", "));
            }
            Ok(value::Type::Set) => {
                let items = resource.set.as_ref().map_or(&[][..], |s| &s.item);
                out += &format!("{{{}}}", items.join(", "));
            }
            // Upstream aborts here (`LOG(FATAL)`).
            _ => {}
        }
        out
    }

    /// `operator<<(Resources)` for the sim's resources allocated to `role`: `{}` when empty,
    /// else every resource, `; `-separated.
    pub(super) fn stringify_resources(resources: &Resources, role: &str) -> String {
        if resources.is_empty() {
            return "{}".into();
        }
        let items: Vec<String> = normalized(&resources.to_protos(), role)
            .iter()
            .map(|r| {
                let mut item = stringify_resource(r);
                if r.shared.is_some() {
                    item += "<1>";
                }
                item
            })
            .collect();
        items.join("; ")
    }

    /// `operator<<(RepeatedPtrField<Resource>)`: the resources as JSON (`JSON::protobuf`).
    pub(crate) fn stringify_json(resources: &[Resource]) -> String {
        let items: Vec<serde_json::Value> = resources
            .iter()
            .filter_map(|r| mesos_sdk::json::to_value(r).ok())
            .collect();
        serde_json::Value::Array(items).to_string()
    }

    // Tasks and executors.

    /// `LinuxInfo.share_cgroups` of a container, when set.
    pub(super) fn share_cgroups(container: Option<&ContainerInfo>) -> Option<bool> {
        container
            .and_then(|c| c.linux_info.as_ref())
            .and_then(|l| l.share_cgroups)
    }

    /// `validation::executor::internal::validateType`.
    pub(super) fn validate_executor_type(executor: &ExecutorInfo) -> Result<(), String> {
        match declared::<executor_info::Type>(executor.r#type) {
            Some(executor_info::Type::Default) => {
                if executor.command.is_some() {
                    return Err(
                        "'ExecutorInfo.command' must not be set for 'DEFAULT' executor".into(),
                    );
                }
                if let Some(container) = &executor.container {
                    if container.r#type != container_info::Type::Mesos as i32 {
                        return Err("'ExecutorInfo.container.type' must be 'MESOS' for \
                                    'DEFAULT' executor"
                            .into());
                    }
                    if container.mesos.as_ref().is_some_and(|m| m.image.is_some()) {
                        return Err("'ExecutorInfo.container.mesos.image' must not be set for \
                                    'DEFAULT' executor"
                            .into());
                    }
                }
            }
            Some(executor_info::Type::Custom) if executor.command.is_none() => {
                return Err("'ExecutorInfo.command' must be set for 'CUSTOM' executor".into());
            }
            _ => {}
        }
        Ok(())
    }

    /// `common::validation::validateSecret`.
    fn validate_secret(secret: &Secret) -> Result<(), String> {
        match declared::<secret::Type>(secret.r#type) {
            Some(secret::Type::Reference) => {
                let Some(reference) = &secret.reference else {
                    return Err(
                        "Secret of type REFERENCE must have the 'reference' field set".into(),
                    );
                };
                if secret.value.is_some() {
                    return Err(format!(
                        "Secret '{}' of type REFERENCE must not have the 'value' field set",
                        reference.name
                    ));
                }
            }
            Some(secret::Type::Value) => {
                if secret.value.is_none() {
                    return Err("Secret of type VALUE must have the 'value' field set".into());
                }
                if secret.reference.is_some() {
                    return Err(
                        "Secret of type VALUE must not have the 'reference' field set".into(),
                    );
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `common::validation::validateEnvironment`.
    fn validate_environment(environment: &Environment) -> Result<(), String> {
        use environment::variable::Type as VariableType;
        for variable in &environment.variables {
            let name = &variable.name;
            // An unset type reads as the declared default, VALUE.
            match declared::<VariableType>(variable.r#type).unwrap_or(VariableType::Value) {
                VariableType::Secret => {
                    let Some(secret) = &variable.secret else {
                        return Err(format!(
                            "Environment variable '{name}' of type 'SECRET' must have a secret \
                             set"
                        ));
                    };
                    if variable.value.is_some() {
                        return Err(format!(
                            "Environment variable '{name}' of type 'SECRET' must not have a \
                             value set"
                        ));
                    }
                    validate_secret(secret).map_err(|e| {
                        format!("Environment variable '{name}' specifies an invalid secret: {e}")
                    })?;
                    if secret.value.as_ref().is_some_and(|v| v.data.contains(&0)) {
                        return Err(format!(
                            "Environment variable '{name}' specifies a secret containing null \
                             bytes, which is not allowed in the environment"
                        ));
                    }
                }
                VariableType::Value => {
                    if variable.value.is_none() {
                        return Err(format!(
                            "Environment variable '{name}' of type 'VALUE' must have a value set"
                        ));
                    }
                    if variable.secret.is_some() {
                        return Err(format!(
                            "Environment variable '{name}' of type 'VALUE' must not have a \
                             secret set"
                        ));
                    }
                }
                VariableType::Unknown => {
                    return Err("Environment variable of type 'UNKNOWN' is not allowed".into());
                }
            }
        }
        Ok(())
    }

    /// `common::validation::validateCommandInfo`: its environment.
    pub(super) fn validate_command(command: &CommandInfo) -> Result<(), String> {
        command
            .environment
            .as_ref()
            .map_or(Ok(()), validate_environment)
    }

    /// `common::validation::validateVolume`.
    fn validate_volume(volume: &Volume) -> Result<(), String> {
        use volume::source::Type as SourceType;
        let count = [
            volume.host_path.is_some(),
            volume.image.is_some(),
            volume.source.is_some(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count();
        if count != 1 {
            return Err("Only one of them should be set: 'host_path', 'image' and 'source'".into());
        }
        if let Some(source) = &volume.source {
            match declared::<SourceType>(source.r#type) {
                Some(SourceType::DockerVolume) if source.docker_volume.is_none() => {
                    return Err("'source.docker_volume' is not set for DOCKER_VOLUME volume".into());
                }
                Some(SourceType::HostPath) if source.host_path.is_none() => {
                    return Err("'source.host_path' is not set for HOST_PATH volume".into());
                }
                Some(SourceType::SandboxPath) if source.sandbox_path.is_none() => {
                    return Err("'source.sandbox_path' is not set for SANDBOX_PATH volume".into());
                }
                Some(SourceType::Secret) if source.secret.is_none() => {
                    return Err("'source.secret' is not set for SECRET volume".into());
                }
                Some(SourceType::CsiVolume) => match &source.csi_volume {
                    None => return Err("'source.csi_volume' is not set for CSI volume".into()),
                    Some(csi) if csi.static_provisioning.is_none() => {
                        return Err(
                            "'source.csi_volume.static_provisioning' is not set for CSI \
                                    volume"
                                .into(),
                        );
                    }
                    Some(_) => {}
                },
                None | Some(SourceType::Unknown) => {
                    return Err("'source.type' is unknown".into());
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// `common::validation::validateContainerInfo`.
    pub(super) fn validate_container(container: &ContainerInfo) -> Result<(), String> {
        for volume in &container.volumes {
            validate_volume(volume).map_err(|e| format!("Invalid volume: {e}"))?;
        }
        if container.r#type == container_info::Type::Docker as i32 {
            let Some(docker) = &container.docker else {
                return Err("DockerInfo 'docker' is not set for DOCKER typed ContainerInfo".into());
            };
            if docker.parameters.iter().any(|p| p.key == "name") {
                return Err("Parameter in DockerInfo must not be 'name'".into());
            }
        }
        Ok(())
    }

    /// The command of a COMMAND check: a value, and a valid environment.
    fn validate_check_command(command: &CommandInfo, what: &str) -> Result<(), String> {
        if command.value.is_none() {
            let kind = if command.shell.unwrap_or(true) {
                "'shell command'"
            } else {
                "'executable path'"
            };
            return Err(format!("Command {what} must contain {kind}"));
        }
        Ok(())
    }

    fn non_negative(seconds: Option<f64>, field: &str) -> Result<(), String> {
        if seconds.is_some_and(|s| s < 0.0) {
            return Err(format!("Expecting '{field}' to be non-negative"));
        }
        Ok(())
    }

    /// `common::validation::validateHealthCheck`.
    pub(super) fn validate_health_check(check: &HealthCheck) -> Result<(), String> {
        use health_check::Type as HealthType;
        let Some(kind) = declared::<HealthType>(check.r#type) else {
            return Err("HealthCheck must specify 'type'".into());
        };
        match kind {
            HealthType::Command => {
                let Some(command) = &check.command else {
                    return Err("Expecting 'command' to be set for COMMAND health check".into());
                };
                validate_check_command(command, "health check")?;
                validate_command(command)
                    .map_err(|e| format!("Health check's `CommandInfo` is invalid: {e}"))?;
            }
            HealthType::Http => {
                let Some(http) = &check.http else {
                    return Err("Expecting 'http' to be set for HTTP health check".into());
                };
                if let Some(scheme) = &http.scheme
                    && scheme != "http"
                    && scheme != "https"
                {
                    return Err(format!("Unsupported HTTP health check scheme: '{scheme}'"));
                }
                if let Some(path) = &http.path
                    && !path.starts_with('/')
                {
                    return Err(format!(
                        "The path '{path}' of HTTP health check must start with '/'"
                    ));
                }
            }
            HealthType::Tcp => {
                if check.tcp.is_none() {
                    return Err("Expecting 'tcp' to be set for TCP health check".into());
                }
            }
            HealthType::Unknown => {
                return Err("'UNKNOWN' is not a valid health check type".into());
            }
        }
        non_negative(check.delay_seconds, "delay_seconds")?;
        non_negative(check.grace_period_seconds, "grace_period_seconds")?;
        non_negative(check.interval_seconds, "interval_seconds")?;
        non_negative(check.timeout_seconds, "timeout_seconds")
    }

    /// `common::validation::validateCheckInfo`.
    pub(super) fn validate_check(check: &CheckInfo) -> Result<(), String> {
        use check_info::Type as CheckType;
        let Some(kind) = declared::<CheckType>(check.r#type) else {
            return Err("CheckInfo must specify 'type'".into());
        };
        match kind {
            CheckType::Command => {
                let Some(command) = &check.command else {
                    return Err("Expecting 'command' to be set for COMMAND check".into());
                };
                validate_check_command(&command.command, "check")?;
                validate_command(&command.command)
                    .map_err(|e| format!("Check's `CommandInfo` is invalid: {e}"))?;
            }
            CheckType::Http => {
                let Some(http) = &check.http else {
                    return Err("Expecting 'http' to be set for HTTP check".into());
                };
                if let Some(path) = &http.path
                    && !path.starts_with('/')
                {
                    return Err(format!(
                        "The path '{path}' of HTTP check must start with '/'"
                    ));
                }
            }
            CheckType::Tcp => {
                if check.tcp.is_none() {
                    return Err("Expecting 'tcp' to be set for TCP check".into());
                }
            }
            CheckType::Unknown => return Err("'UNKNOWN' is not a valid check type".into()),
        }
        non_negative(check.delay_seconds, "delay_seconds")?;
        non_negative(check.interval_seconds, "interval_seconds")?;
        non_negative(check.timeout_seconds, "timeout_seconds")
    }

    /// `validation::task::internal::validateResourceLimits`. The simulated agents have the
    /// TASK_RESOURCE_LIMITS capability (a 1.11 default).
    pub(super) fn validate_resource_limits(
        task: &TaskInfo,
        resources: &Resources,
    ) -> Result<(), String> {
        if task.limits.is_empty() {
            return Ok(());
        }
        let cpus = task.limits.get("cpus");
        let mem = task.limits.get("mem");
        if task.limits.len() > usize::from(cpus.is_some()) + usize::from(mem.is_some()) {
            return Err("Only cpus and mem may be included in a task's resource limits".into());
        }
        if let Some(limit) = cpus {
            let Some(request) = scalar_total(resources, "cpus") else {
                return Err(
                    "When a CPU limit is specified, a CPU request must also be specified".into(),
                );
            };
            if limit.value < request {
                return Err(
                    "The cpu limit must be greater than or equal to the cpu request".into(),
                );
            }
        }
        if let Some(limit) = mem {
            let Some(request) = megabytes(resources, "mem") else {
                return Err(
                    "When a memory limit is specified, a memory request must also be \
                            specified"
                        .into(),
                );
            };
            // `Bytes(limit, Bytes::MEGABYTES)`: the limit truncated to whole megabytes.
            if !limit.value.is_infinite() && (limit.value as u64).wrapping_mul(MB) < request {
                return Err(
                    "The memory limit must be greater than or equal to the memory request".into(),
                );
            }
        }
        Ok(())
    }

    // `operator==(ExecutorInfo)` and the messages it compares (`src/common/type_utils.cpp`):
    // unset fields read as their defaults, and most repeated fields compare as sets.

    fn same_items<T>(left: &[T], right: &[T], eq: impl Fn(&T, &T) -> bool) -> bool {
        left.len() == right.len() && left.iter().all(|l| right.iter().any(|r| eq(l, r)))
    }

    fn text(value: &Option<String>) -> &str {
        value.as_deref().unwrap_or("")
    }

    fn labels_eq(left: &Labels, right: &Labels) -> bool {
        same_items(&left.labels, &right.labels, |l, r| {
            l.key == r.key && l.value == r.value
        })
    }

    fn environment_eq(left: Option<&Environment>, right: Option<&Environment>) -> bool {
        let empty = Environment::default();
        same_items(
            &left.unwrap_or(&empty).variables,
            &right.unwrap_or(&empty).variables,
            |l, r| l.name == r.name && text(&l.value) == text(&r.value),
        )
    }

    fn command_eq(left: Option<&CommandInfo>, right: Option<&CommandInfo>) -> bool {
        let empty = CommandInfo::default();
        let (left, right) = (left.unwrap_or(&empty), right.unwrap_or(&empty));
        // The `cache` flag of a URI does not count.
        same_items(&left.uris, &right.uris, |l, r| {
            l.value == r.value
                && l.executable.unwrap_or(false) == r.executable.unwrap_or(false)
                && l.extract.unwrap_or(true) == r.extract.unwrap_or(true)
                && text(&l.output_file) == text(&r.output_file)
        }) && left.arguments == right.arguments
            && environment_eq(left.environment.as_ref(), right.environment.as_ref())
            && text(&left.value) == text(&right.value)
            && text(&left.user) == text(&right.user)
            && left.shell.unwrap_or(true) == right.shell.unwrap_or(true)
    }

    fn container_eq(left: Option<&ContainerInfo>, right: Option<&ContainerInfo>) -> bool {
        use container_info::DockerInfo;
        use container_info::docker_info::Network;
        let kind =
            |c: Option<&ContainerInfo>| c.map_or(container_info::Type::Docker as i32, |c| c.r#type);
        let empty = ContainerInfo::default();
        let (l, r) = (left.unwrap_or(&empty), right.unwrap_or(&empty));
        let docker_empty = DockerInfo::default();
        let (ld, rd) = (
            l.docker.as_ref().unwrap_or(&docker_empty),
            r.docker.as_ref().unwrap_or(&docker_empty),
        );
        // Only the volumes' paths and mode count.
        same_items(&l.volumes, &r.volumes, |a, b| {
            a.container_path == b.container_path
                && text(&a.host_path) == text(&b.host_path)
                && a.mode == b.mode
        }) && kind(left) == kind(right)
            && text(&l.hostname) == text(&r.hostname)
            && same_items(&ld.port_mappings, &rd.port_mappings, |a, b| {
                a.host_port == b.host_port
                    && a.container_port == b.container_port
                    && text(&a.protocol) == text(&b.protocol)
            })
            && same_items(&ld.parameters, &rd.parameters, |a, b| {
                a.key == b.key && a.value == b.value
            })
            && ld.image == rd.image
            && ld.network.unwrap_or(Network::Host as i32)
                == rd.network.unwrap_or(Network::Host as i32)
            && ld.privileged.unwrap_or(false) == rd.privileged.unwrap_or(false)
            && ld.force_pull_image.unwrap_or(false) == rd.force_pull_image.unwrap_or(false)
    }

    fn discovery_eq(left: Option<&DiscoveryInfo>, right: Option<&DiscoveryInfo>) -> bool {
        let empty = DiscoveryInfo::default();
        let (l, r) = (left.unwrap_or(&empty), right.unwrap_or(&empty));
        let no_ports = Vec::new();
        let no_labels = Labels::default();
        l.visibility == r.visibility
            && text(&l.name) == text(&r.name)
            && text(&l.environment) == text(&r.environment)
            && text(&l.location) == text(&r.location)
            && text(&l.version) == text(&r.version)
            && same_items(
                l.ports.as_ref().map_or(&no_ports, |p| &p.ports),
                r.ports.as_ref().map_or(&no_ports, |p| &p.ports),
                |a, b| {
                    a.number == b.number
                        && text(&a.name) == text(&b.name)
                        && text(&a.protocol) == text(&b.protocol)
                        && a.visibility.unwrap_or(0) == b.visibility.unwrap_or(0)
                },
            )
            && labels_eq(
                l.labels.as_ref().unwrap_or(&no_labels),
                r.labels.as_ref().unwrap_or(&no_labels),
            )
    }

    /// `operator==(ExecutorInfo)`: labels and `shutdown_grace_period` do not count, resources
    /// compare as resources.
    pub(super) fn executor_eq(left: &ExecutorInfo, right: &ExecutorInfo) -> bool {
        let kind = |e: &ExecutorInfo| declared::<executor_info::Type>(e.r#type);
        let resources = |e: &ExecutorInfo| Resources::from_protos(&e.resources).ok();
        let same_resources = match (resources(left), resources(right)) {
            (Some(l), Some(r)) => l.contains(&r) && r.contains(&l),
            _ => left.resources == right.resources,
        };
        kind(left) == kind(right)
            && left.executor_id.value == right.executor_id.value
            && left.data.as_deref().unwrap_or_default() == right.data.as_deref().unwrap_or_default()
            && same_resources
            && command_eq(left.command.as_ref(), right.command.as_ref())
            && left.framework_id.as_ref().map_or("", |f| f.value.as_str())
                == right.framework_id.as_ref().map_or("", |f| f.value.as_str())
            && text(&left.name) == text(&right.name)
            && text(&left.source) == text(&right.source)
            && container_eq(left.container.as_ref(), right.container.as_ref())
            && discovery_eq(left.discovery.as_ref(), right.discovery.as_ref())
    }

    /// `validateCompatibleExecutorInfo`'s message, each executor as the master keeps it
    /// (resources normalized) in `DebugString()` form.
    pub(super) fn incompatible_executor(
        existing: &ExecutorInfo,
        executor: &ExecutorInfo,
        role: &str,
    ) -> String {
        let show = |e: &ExecutorInfo| {
            debug_string(&ExecutorInfo {
                resources: normalized(&e.resources, role),
                ..e.clone()
            })
        };
        let rule = "-".repeat(60);
        format!(
            "ExecutorInfo is not compatible with existing ExecutorInfo with same ExecutorID.\n\
             {rule}\nExisting ExecutorInfo:\n{}\n{rule}\nExecutorInfo:\n{}\n{rule}\n",
            show(existing),
            show(executor)
        )
    }

    /// `Message::DebugString()` of an ExecutorInfo (protobuf 3.5 text format): set fields in
    /// field number order, two-space indents, C-escaped strings.
    fn debug_string(executor: &ExecutorInfo) -> String {
        use prost::Message;
        let pool = mesos_sdk::json::descriptor_pool();
        let Some(descriptor) = pool.get_message_by_name("mesos.v1.ExecutorInfo") else {
            return String::new();
        };
        let Ok(message) = DynamicMessage::decode(descriptor, executor.encode_to_vec().as_slice())
        else {
            return String::new();
        };
        let mut out = String::new();
        print_message(&message, 0, &mut out);
        out
    }

    fn print_message(message: &DynamicMessage, indent: usize, out: &mut String) {
        let mut fields: Vec<(FieldDescriptor, &Value)> = message.fields().collect();
        fields.sort_by_key(|(field, _)| field.number());
        for (field, value) in fields {
            match value {
                Value::List(items) => {
                    for item in items {
                        print_field(&field, field.name(), item, indent, out);
                    }
                }
                Value::Map(entries) => {
                    let mut entries: Vec<_> = entries.iter().collect();
                    entries.sort_by(|a, b| a.0.cmp(b.0));
                    let pad = "  ".repeat(indent);
                    let Kind::Message(entry) = field.kind() else {
                        continue;
                    };
                    let (key_field, value_field) =
                        (entry.map_entry_key_field(), entry.map_entry_value_field());
                    for (key, value) in entries {
                        out.push_str(&format!("{pad}{} {{\n", field.name()));
                        let key: Value = key.clone().into();
                        print_field(&key_field, "key", &key, indent + 1, out);
                        print_field(&value_field, "value", value, indent + 1, out);
                        out.push_str(&format!("{pad}}}\n"));
                    }
                }
                single => print_field(&field, field.name(), single, indent, out),
            }
        }
    }

    fn print_field(
        field: &FieldDescriptor,
        name: &str,
        value: &Value,
        indent: usize,
        out: &mut String,
    ) {
        let pad = "  ".repeat(indent);
        let text = match value {
            Value::Message(message) => {
                out.push_str(&format!("{pad}{name} {{\n"));
                print_message(message, indent + 1, out);
                out.push_str(&format!("{pad}}}\n"));
                return;
            }
            Value::Bool(b) => b.to_string(),
            Value::I32(n) => n.to_string(),
            Value::I64(n) => n.to_string(),
            Value::U32(n) => n.to_string(),
            Value::U64(n) => n.to_string(),
            Value::F32(f) => simple_ftoa(*f),
            Value::F64(f) => simple_dtoa(*f),
            Value::String(s) => format!("\"{}\"", c_escape(s.as_bytes())),
            Value::Bytes(b) => format!("\"{}\"", c_escape(b)),
            Value::EnumNumber(n) => match field.kind() {
                Kind::Enum(e) => e
                    .get_value(*n)
                    .map_or_else(|| n.to_string(), |v| v.name().to_string()),
                _ => n.to_string(),
            },
            Value::List(_) | Value::Map(_) => return,
        };
        out.push_str(&format!("{pad}{name}: {text}\n"));
    }

    /// protobuf's `CEscape`: the usual backslash escapes, other bytes outside printable
    /// ASCII as three octal digits.
    fn c_escape(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len());
        for &b in bytes {
            match b {
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                b'"' => out.push_str("\\\""),
                b'\'' => out.push_str("\\'"),
                b'\\' => out.push_str("\\\\"),
                0x20..=0x7e => out.push(b as char),
                _ => out.push_str(&format!("\\{b:03o}")),
            }
        }
        out
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn numbers_print_as_stout_does() {
            assert_eq!(stringify_double(0.001), "0.001");
            assert_eq!(stringify_double(0.01), "0.01");
            assert_eq!(stringify_double(0.0001), "0.0001");
            assert_eq!(stringify_double(0.00001), "1e-05");
            assert_eq!(stringify_double(1234567.0), "1.23457e+06");
            assert_eq!(stringify_double(123456.0), "123456");
            assert_eq!(stringify_double(2.5), "2.5");
            assert_eq!(format_bytes(32 * MB), "32MB");
            assert_eq!(format_bytes(31 * MB), "31MB");
            assert_eq!(format_bytes(1024 * MB), "1GB");
            assert_eq!(format_bytes(0), "0B");
            assert_eq!(stringify_scalar(0.1), "0.1");
            assert_eq!(stringify_scalar(32.0), "32");
            assert_eq!(stringify_scalar(0.30000000000000004), "0.3");
            assert_eq!(simple_dtoa(0.1), "0.1");
            assert_eq!(simple_dtoa(1e100), "1e+100");
        }

        #[test]
        fn ids_follow_validate_id() {
            assert!(validate_id("task-1").is_ok());
            assert_eq!(validate_id("").unwrap_err(), "ID must not be empty");
            assert_eq!(validate_id("..").unwrap_err(), "'..' is disallowed");
            assert_eq!(
                validate_id("a/b").unwrap_err(),
                "'a/b' contains invalid characters"
            );
            assert_eq!(
                validate_id(&"x".repeat(256)).unwrap_err(),
                "ID must not be greater than 255 characters"
            );
            // Non-ASCII is fine: `iscntrl` sees bytes.
            assert!(validate_id("t\u{85}").is_ok());
        }

        #[test]
        fn resources_print_as_upstream() {
            let mut cpus = Resource {
                name: "cpus".into(),
                r#type: value::Type::Scalar as i32,
                scalar: Some(value::Scalar { value: 0.5 }),
                role: Some("web".into()),
                ..Default::default()
            };
            let shown = normalized(std::slice::from_ref(&cpus), "web");
            assert_eq!(
                stringify_resource(&shown[0]),
                "cpus(allocated: web)(reservations: [(STATIC,web)]):0.5"
            );
            cpus.scalar = None;
            assert_eq!(
                validate_resources(std::slice::from_ref(&cpus)).unwrap_err(),
                "Resource 'cpus:0' is invalid: Invalid scalar resource"
            );
        }

        #[test]
        fn debug_string_is_text_format() {
            let executor = ExecutorInfo {
                executor_id: mesos_sdk::v1::ExecutorId {
                    value: "e\"1".into(),
                },
                r#type: Some(executor_info::Type::Custom as i32),
                command: Some(CommandInfo {
                    value: Some("run".into()),
                    ..Default::default()
                }),
                resources: vec![Resource {
                    name: "cpus".into(),
                    r#type: value::Type::Scalar as i32,
                    scalar: Some(value::Scalar { value: 0.1 }),
                    ..Default::default()
                }],
                ..Default::default()
            };
            assert_eq!(
                debug_string(&executor),
                "executor_id {\n  value: \"e\\\"1\"\n}\nresources {\n  name: \"cpus\"\n  \
                 type: SCALAR\n  scalar {\n    value: 0.1\n  }\n}\ncommand {\n  value: \
                 \"run\"\n}\ntype: CUSTOM\n"
            );
        }
    }
}

/// `convertResourceFormat(POST_RESERVATION_REFINEMENT)`: a single pre-refinement
/// reservation (`role`, with `reservation` when dynamic) becomes a `reservations` entry; the
/// unreserved `role: "*"` goes.
pub(super) fn upgrade_format(mut resource: Resource) -> Resource {
    if !resource.reservations.is_empty() {
        resource.role = None;
        resource.reservation = None;
        return resource;
    }
    let Some(role) = resource.role.take().filter(|r| r != "*") else {
        return resource;
    };
    let mut reservation = match resource.reservation.take() {
        Some(mut dynamic) => {
            dynamic.r#type = Some(mesos_sdk::v1::resource::reservation_info::Type::Dynamic as i32);
            dynamic
        }
        None => mesos_sdk::v1::resource::ReservationInfo {
            r#type: Some(mesos_sdk::v1::resource::reservation_info::Type::Static as i32),
            ..Default::default()
        },
    };
    reservation.role = Some(role);
    resource.reservations.push(reservation);
    resource
}
