//! ACCEPT: offer validation (live, owned, one agent, one role, no duplicates), then the
//! operations in order. LAUNCH validates each task against what is left of the offers;
//! invalid offers drop every task with TASK_DROPPED/TASK_LOST and `REASON_INVALID_OFFERS`.
//! Other operations that carry an `id` get operation feedback (see `operations`).
//! `mesos: src/master/master.cpp` `Master::accept`, `mesos: src/master/validation.cpp`.

use std::collections::HashSet;

use mesos_sdk::v1::offer::operation;
use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{TaskInfo, TaskState, TaskStatus, task_status};

use super::effects::{Effect, Effects};
use super::events;
use super::state::{MasterState, Task, now_secs};
use super::validation::validate_id;
use crate::agent::launch::LaunchSpec;
use crate::agent::{CustomExecutor, Delivery, ExecutorHandle};
use crate::resources::Resources;

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
            effects.push(Effect::Allocate);
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
        // Operation feedback is not supported for launches: a LAUNCH or LAUNCH_GROUP with an
        // `id` is dropped with TASK_ERROR for each of its tasks before anything is applied.
        let mut operations = Vec::with_capacity(accept.operations.len());
        for op in accept.operations {
            if op.id.is_none() || !is_launch(&op) {
                operations.push(op);
                continue;
            }
            let (reason, name) = if op.launch_group.is_some() && op.launch.is_none() {
                (task_status::Reason::TaskGroupInvalid, "LAUNCH_GROUP")
            } else {
                (task_status::Reason::TaskInvalid, "LAUNCH")
            };
            for task in operation_tasks(&op) {
                let status = master_status(
                    &task.task_id,
                    Some(&task.agent_id.value),
                    TaskState::TaskError,
                    reason,
                    format!("The `id` field cannot be set on {name} operations"),
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
                    for task in tasks {
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
        self.recover_resources(
            framework_id,
            &role,
            &agent_id,
            &remaining,
            Some(accept.filters.as_ref()),
        );
        effects.push(Effect::Allocate);
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
        match self.validate_task(framework_id, agent_id, &task, remaining) {
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
        let mut executor = group.executor;
        let framework = mesos_sdk::v1::FrameworkId {
            value: framework_id.to_string(),
        };
        // `mesos: src/master/master.cpp` `Master::accept` fills in the executor's framework id
        // and copies the executor into every task of the group that has none.
        executor
            .framework_id
            .get_or_insert_with(|| framework.clone());
        let mut tasks = group.task_group.tasks;
        for task in &mut tasks {
            let task_executor = task.executor.get_or_insert_with(|| executor.clone());
            task_executor
                .framework_id
                .get_or_insert_with(|| framework.clone());
        }
        let validated = self.validate_group(framework_id, agent_id, &executor, &tasks, remaining);
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
        for (mut task, resources) in tasks.into_iter().zip(per_task) {
            // The simulated default executor runs each task's command itself.
            task.executor = None;
            effects.extend(self.start_task(
                framework_id,
                agent_id,
                role,
                task,
                resources,
                remaining,
                Some(executor.executor_id.value.clone()),
            ));
        }
        effects
    }

    /// Task group validation (`mesos: src/master/validation.cpp` `task::group::validate`):
    /// each task on its own, every task's executor equal to the group's, then the executor:
    /// its type (DEFAULT without a command, CUSTOM with one), compatibility with a running
    /// executor of the same id, the minimum resources, and everything within the offers.
    /// Returns each task's share (the executor's resources, unless it runs already, are
    /// charged to the first task).
    fn validate_group(
        &self,
        framework_id: &str,
        agent_id: &str,
        executor: &mesos_sdk::v1::ExecutorInfo,
        tasks: &[TaskInfo],
        remaining: &Resources,
    ) -> Result<Vec<Resources>, String> {
        use mesos_sdk::v1::executor_info::Type as ExecutorType;
        if tasks.is_empty() {
            return Err("Task group is empty".into());
        }
        let executor_id = &executor.executor_id.value;
        let mut seen = HashSet::new();
        let mut shares = Vec::new();
        for task in tasks {
            let resources = self
                .validate_task_fields(framework_id, agent_id, task)
                .map_err(|e| format!("Task '{}' is invalid: {e}", task.task_id.value))?;
            if !seen.insert(task.task_id.value.clone()) {
                return Err(format!(
                    "Task '{}' is invalid: Task has duplicate ID: {}",
                    task.task_id.value, task.task_id.value
                ));
            }
            shares.push(resources);
        }
        validate_id(executor_id).map_err(|e| format!("Executor ID is invalid: {e}"))?;
        let kind = executor.r#type.and_then(|t| ExecutorType::try_from(t).ok());
        match kind {
            Some(ExecutorType::Default) if executor.command.is_some() => {
                return Err("'ExecutorInfo.command' must not be set for 'DEFAULT' executor".into());
            }
            Some(ExecutorType::Custom) if executor.command.is_none() => {
                return Err("'ExecutorInfo.command' must be set for 'CUSTOM' executor".into());
            }
            _ => {}
        }
        if executor
            .shutdown_grace_period
            .as_ref()
            .is_some_and(|d| d.nanoseconds < 0)
        {
            return Err("ExecutorInfo's 'shutdown_grace_period' must be non-negative".into());
        }
        let executor_resources = Resources::from_protos(&executor.resources)
            .map_err(|e| format!("Executor uses invalid resources: {e}"))?;
        let running = self
            .agents
            .get(agent_id)
            .and_then(|a| {
                a.executors
                    .get(&(framework_id.to_string(), executor_id.clone()))
            })
            .and_then(|e| e.custom.as_ref());
        if let Some(running) = running
            && running.info != *executor
        {
            return Err(
                "ExecutorInfo is not compatible with existing ExecutorInfo with same ExecutorID)"
                    .into(),
            );
        }
        match kind {
            None if executor.r#type.is_none() => {
                return Err("'ExecutorInfo.type' must be set".into());
            }
            None | Some(ExecutorType::Unknown) => return Err("Unknown executor type".into()),
            _ => {}
        }
        for task in tasks {
            if task.executor.as_ref() != Some(executor) {
                return Err(format!(
                    "The `ExecutorInfo` of task '{}' is different from executor '{executor_id}'",
                    task.task_id.value
                ));
            }
        }
        // `MIN_CPUS` and `MIN_MEM` (`mesos: src/master/constants.hpp`); disk must be declared.
        if executor_resources.scalar_milli("cpus") < 10 {
            return Err(format!(
                "Executor '{executor_id}' uses less CPUs than the minimum required (0.01)"
            ));
        }
        if executor_resources.scalar_milli("mem") < 32_000 {
            return Err(format!(
                "Executor '{executor_id}' uses less memory than the minimum required (32MB)"
            ));
        }
        if !executor.resources.iter().any(|r| r.name == "disk") {
            return Err(format!("Executor '{executor_id}' uses no disk"));
        }
        let mut total = Resources::default();
        for share in &shares {
            total.add(share);
        }
        if running.is_none() {
            total.add(&executor_resources);
            if let Some(first) = shares.first_mut() {
                first.add(&executor_resources);
            }
        }
        if !remaining.contains(&total) {
            return Err(format!(
                "Total resources {:?} required by task group and its executor are more than available {:?}",
                total.to_protos(),
                remaining.to_protos()
            ));
        }
        Ok(shares)
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
        group_executor_id: Option<String>,
    ) -> Effects {
        let synthetic = self.config.synthetic;
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
        if task.executor.is_some() && !synthetic {
            return self.hand_to_custom_executor(
                framework_id,
                agent_id,
                role,
                &executor_id,
                Delivery::Task(Box::new(task)),
            );
        }
        self.spawn_executor(
            framework_id,
            agent_id,
            role,
            &executor_id,
            group_executor_id,
            task,
        )
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
        group_executor_id: Option<String>,
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
                }
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
                group_executor_id,
                task,
                role: role.to_string(),
                sandbox: sandbox.join(container_id),
                agent_endpoint: agent.endpoint,
                shutdown_grace_period,
                recovery_timeout,
                registration_timeout,
                synthetic,
            }),
            kills,
        }]
    }

    /// Task validation in the master's order (`validation::task::validate`).
    fn validate_task(
        &self,
        framework_id: &str,
        agent_id: &str,
        task: &TaskInfo,
        remaining: &Resources,
    ) -> Result<Resources, String> {
        let mut resources = self.validate_task_fields(framework_id, agent_id, task)?;
        if task.executor.is_some() == task.command.is_some() {
            return Err(
                "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present"
                    .into(),
            );
        }
        if let Some(executor) = &task.executor {
            validate_id(&executor.executor_id.value)
                .map_err(|e| format!("Executor ID is invalid: {e}"))?;
            if executor.command.is_none() {
                return Err("'ExecutorInfo.command' must be set for 'CUSTOM' executor".into());
            }
            let running = self.agents.get(agent_id).is_some_and(|a| {
                a.executors
                    .contains_key(&(framework_id.to_string(), executor.executor_id.value.clone()))
            });
            if running {
                // An executor already on the agent is not paid for again.
                return if remaining.contains(&resources) {
                    Ok(resources)
                } else {
                    Err(format!(
                        "Total resources {:?} required by task and its executor is more than available {:?}",
                        resources.to_protos(),
                        remaining.to_protos()
                    ))
                };
            }
            let executor_resources = Resources::from_protos(&executor.resources)
                .map_err(|e| format!("Executor uses invalid resources: Invalid resources: {e}"))?;
            resources.add(&executor_resources);
        }
        if !remaining.contains(&resources) {
            return Err(format!(
                "Total resources {:?} required by task and its executor is more than available {:?}",
                resources.to_protos(),
                remaining.to_protos()
            ));
        }
        Ok(resources)
    }

    /// The checks every task gets, in the master's order (`validation::task::internal::
    /// validateTask`): id, uniqueness, agent, kill policy, resources. Returns its resources.
    fn validate_task_fields(
        &self,
        framework_id: &str,
        agent_id: &str,
        task: &TaskInfo,
    ) -> Result<Resources, String> {
        validate_id(&task.task_id.value).map_err(|e| format!("Task ID is invalid: {e}"))?;
        let framework = self
            .frameworks
            .get(framework_id)
            .ok_or_else(|| "Framework is gone".to_string())?;
        if framework.tasks.contains_key(&task.task_id.value) {
            return Err(format!("Task has duplicate ID: {}", task.task_id.value));
        }
        if task.agent_id.value != agent_id {
            return Err(format!("Task uses invalid agent: {}", task.agent_id.value));
        }
        if let Some(grace) = task
            .kill_policy
            .as_ref()
            .and_then(|k| k.grace_period.as_ref())
            && grace.nanoseconds < 0
        {
            return Err("Task's 'kill_policy.grace_period' must be non-negative".into());
        }
        if task.resources.is_empty() {
            return Err("Task uses no resources".into());
        }
        Resources::from_protos(&task.resources)
            .map_err(|e| format!("Task uses invalid resources: Invalid resources: {e}"))
    }
}

/// Whether an operation launches tasks (and so cannot have operation feedback).
fn is_launch(op: &mesos_sdk::v1::offer::Operation) -> bool {
    matches!(
        operation::Type::try_from(op.r#type.unwrap_or(0)),
        Ok(operation::Type::Launch | operation::Type::LaunchGroup)
    )
}

/// Tasks named by a LAUNCH or LAUNCH_GROUP operation.
fn operation_tasks(op: &mesos_sdk::v1::offer::Operation) -> Vec<TaskInfo> {
    let mut tasks = Vec::new();
    if let Some(launch) = &op.launch {
        tasks.extend(launch.task_infos.iter().cloned());
    }
    if let Some(group) = &op.launch_group {
        tasks.extend(group.task_group.tasks.iter().cloned());
    }
    tasks
}
