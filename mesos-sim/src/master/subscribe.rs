//! SUBSCRIBE and the life of a subscription: new and re-subscribing frameworks, failover of a
//! second subscriber, heartbeats, disconnection with its failover timer, and removal
//! (TEARDOWN or an expired failover timeout). `mesos: src/master/master.cpp` `Master::subscribe`,
//! `Master::failoverFramework`, `Master::exited`, `Master::removeFramework`.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use http::{Response, StatusCode, header};
use mesos_sdk::v1::scheduler::call;
use mesos_sdk::v1::{FrameworkId, FrameworkInfo, framework_info};
use tokio::sync::mpsc;
use uuid::Uuid;

use super::Master;
use super::effects::{Effect, Effects};
use super::events;
use super::offer_constraints::OfferConstraintsFilter;
use super::state::{
    Connection, Framework, MAX_COMPLETED_FRAMEWORKS, MasterState, has_capability, now_secs,
    roles_of,
};
use super::validation::validate_role;
use crate::http::body::{SimBody, StreamBody};
use crate::http::media::Encoding;

/// `Framework failed over`, sent on the old stream when a second subscriber takes over.
pub(crate) const FAILED_OVER: &str = "Framework failed over";

impl Master {
    /// Answers an accepted SUBSCRIBE: always `200` with the stream; framework-level refusals
    /// are a single ERROR event on it, then the stream closes.
    pub(crate) fn subscribe(
        self: &Arc<Self>,
        subscribe: call::Subscribe,
        encoding: Encoding,
    ) -> Response<SimBody> {
        let stream_id = Uuid::new_v4();
        let (framework_id, receiver, effects) = {
            let mut state = self.lock();
            let (sender, receiver) = mpsc::channel(state.config.event_queue_capacity.max(2));
            let connection = Connection {
                stream_id,
                sender,
                encoding,
            };
            let (framework_id, effects) = state.subscribe(subscribe, connection);
            (framework_id, receiver, effects)
        };
        self.apply(effects);
        let master = Arc::downgrade(self);
        let body = StreamBody::new(receiver, move || {
            // The client went away (or the master closed the stream itself, in which case the
            // stream id no longer matches and nothing happens).
            if let (Some(master), Some(framework_id)) = (master.upgrade(), framework_id) {
                let effects = master.lock().disconnect(&framework_id, stream_id);
                master.apply(effects);
            }
        });
        Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, encoding.media_type())
            .header("Mesos-Stream-Id", stream_id.to_string())
            .body(http_body_util::BodyExt::boxed(body))
            .unwrap_or_else(|_| Response::new(crate::http::body::full("")))
    }
}

/// Framework-level validation of SUBSCRIBE (`Master::subscribe`): refused with an ERROR event.
pub(crate) fn validate_framework(
    info: &FrameworkInfo,
    suppressed_roles: &[String],
) -> Result<(), String> {
    validate_framework_info(info)?;
    validate_suppressed_roles(info, suppressed_roles)
}

/// The FrameworkInfo on its own: the MULTI_ROLE rules, role names and the framework id
/// (`validation::framework::validate`).
pub(crate) fn validate_framework_info(info: &FrameworkInfo) -> Result<(), String> {
    let multi_role = has_capability(info, framework_info::capability::Type::MultiRole);
    if multi_role {
        if info.role.is_some() {
            return Err(
                "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable"
                    .into(),
            );
        }
        let mut seen = BTreeSet::new();
        let duplicates: BTreeSet<&String> =
            info.roles.iter().filter(|r| !seen.insert(*r)).collect();
        if !duplicates.is_empty() {
            return Err(format!(
                "'FrameworkInfo.roles' contains duplicate items: {{ {} }}",
                duplicates
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for role in &info.roles {
            validate_role(role)
                .map_err(|e| format!("'FrameworkInfo.roles' contains invalid role: {e}"))?;
        }
    } else {
        if !info.roles.is_empty() {
            return Err(
                "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable"
                    .into(),
            );
        }
        validate_role(info.role.as_deref().unwrap_or("*"))
            .map_err(|e| format!("'FrameworkInfo.role' is not a valid role: {e}"))?;
    }
    // The id a scheduler brings becomes a path component of agents' sandboxes
    // (`validateFrameworkId`); an empty one means a new framework.
    if let Some(id) = info.id.as_ref().filter(|id| !id.value.is_empty()) {
        super::validation::validate_id(&id.value)?;
    }
    Ok(())
}

/// Suppressed roles must be among the framework's roles
/// (`validation::framework::validateSuppressedRoles`).
pub(crate) fn validate_suppressed_roles(
    info: &FrameworkInfo,
    suppressed_roles: &[String],
) -> Result<(), String> {
    let roles = roles_of(info);
    let outside: Vec<&String> = suppressed_roles
        .iter()
        .filter(|r| !roles.contains(r))
        .collect();
    if !outside.is_empty() {
        return Err(format!(
            "Suppressed roles {{ {} }} are not contained in the set of roles",
            outside
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(())
}

impl MasterState {
    /// Registers or re-registers a framework on a new subscription; returns its id (`None`
    /// when refused) and the effects to run.
    pub(crate) fn subscribe(
        &mut self,
        subscribe: call::Subscribe,
        connection: Connection,
    ) -> (Option<String>, Effects) {
        let mut info = subscribe.framework_info;
        let refuse = |connection: Connection, message: &str| {
            let _ = connection
                .sender
                .try_send(events::record(connection.encoding, &events::error(message)));
            // Dropping the sender closes the stream after the ERROR event.
        };
        if let Err(message) = validate_framework(&info, &subscribe.suppressed_roles) {
            refuse(connection, &message);
            return (None, Vec::new());
        }
        if let Some(id) = &info.id
            && self.removed_frameworks.contains(&id.value)
        {
            refuse(connection, "Framework has been removed");
            return (None, Vec::new());
        }
        let offer_constraints = match OfferConstraintsFilter::new(
            &roles_of(&info),
            subscribe.offer_constraints.as_ref(),
        ) {
            Ok(filter) => filter,
            Err(message) => {
                refuse(connection, &message);
                return (None, Vec::new());
            }
        };
        let stream_id = connection.stream_id;
        let mut effects = Vec::new();
        let framework_id = match info.id.clone() {
            Some(id) if self.frameworks.contains_key(&id.value) => {
                let framework_id = id.value;
                effects.extend(self.fail_over_framework(&framework_id, info, connection));
                if let Some(framework) = self.frameworks.get_mut(&framework_id) {
                    framework.offer_constraints_info = subscribe.offer_constraints.clone();
                    framework.offer_constraints = offer_constraints;
                }
                framework_id
            }
            other => {
                // A new framework, or one this master does not know (e.g. after a master
                // failover), which is accepted and "recovered" with its id.
                let framework_id = match other {
                    // An empty id asks for a new framework, as no id does.
                    Some(id) if !id.value.is_empty() => id.value,
                    _ => {
                        let id = format!("{}-{:04}", self.info.id, self.next_framework);
                        self.next_framework += 1;
                        id
                    }
                };
                info.id = Some(FrameworkId {
                    value: framework_id.clone(),
                });
                self.frameworks.insert(
                    framework_id.clone(),
                    Framework {
                        id: framework_id.clone(),
                        info,
                        connection: Some(connection),
                        suppressed_roles: BTreeSet::new(),
                        filters: HashMap::new(),
                        tasks: BTreeMap::new(),
                        unreachable_tasks: BTreeMap::new(),
                        completed_tasks: VecDeque::new(),
                        operations: BTreeMap::new(),
                        epoch: 0,
                        registered_time: now_secs(),
                        unregistered_time: None,
                        offer_constraints_info: subscribe.offer_constraints.clone(),
                        offer_constraints,
                    },
                );
                framework_id
            }
        };
        if let Some(framework) = self.frameworks.get_mut(&framework_id) {
            framework.suppressed_roles = subscribe.suppressed_roles.into_iter().collect();
        }
        let interval = self.config.heartbeat_interval.as_secs_f64();
        let subscribed = events::subscribed(&framework_id, interval, &self.info);
        effects.extend(self.send(&framework_id, &subscribed));
        // The heartbeater fires at once, then every interval (`mesos: src/common/heartbeater.hpp`).
        if !self.heartbeats_stopped {
            effects.extend(self.send(&framework_id, &events::heartbeat()));
        }
        effects.push(Effect::Heartbeats {
            framework_id: framework_id.clone(),
            stream_id,
        });
        effects.push(Effect::Allocate);
        (Some(framework_id), effects)
    }

    /// A second subscription for a known framework: ERROR on the old stream, offers discarded
    /// without RESCIND, the new connection installed (`Master::failoverFramework`).
    fn fail_over_framework(
        &mut self,
        framework_id: &str,
        new_info: FrameworkInfo,
        connection: Connection,
    ) -> Effects {
        let effects = Vec::new();
        if let Some(framework) = self.frameworks.get_mut(framework_id) {
            if let Some(old) = framework.connection.take() {
                let _ = old
                    .sender
                    .try_send(events::record(old.encoding, &events::error(FAILED_OVER)));
            }
            // Re-subscribing updates FrameworkInfo, but `user` and `checkpoint` changes are
            // silently ignored.
            let mut info = new_info;
            info.user = framework.info.user.clone();
            info.checkpoint = framework.info.checkpoint;
            framework.info = info;
            framework.connection = Some(connection);
            framework.epoch += 1;
            framework.unregistered_time = None;
        }
        self.discard_offers(framework_id);
        effects
    }

    /// The subscription `stream_id` of a framework ended: deactivate the framework, drop its
    /// offers and start the failover timer. Stale stream ids are ignored.
    pub(crate) fn disconnect(&mut self, framework_id: &str, stream_id: Uuid) -> Effects {
        let Some(framework) = self.frameworks.get_mut(framework_id) else {
            return Vec::new();
        };
        if framework
            .connection
            .as_ref()
            .is_none_or(|c| c.stream_id != stream_id)
        {
            return Vec::new();
        }
        framework.connection = None;
        framework.epoch += 1;
        framework.unregistered_time = Some(now_secs());
        let epoch = framework.epoch;
        let timeout = framework.info.failover_timeout.unwrap_or(0.0);
        // Negative or non-finite timeouts behave as zero; huge ones are capped at a year.
        let after =
            Duration::try_from_secs_f64(timeout.clamp(0.0, 31_536_000.0)).unwrap_or(Duration::ZERO);
        self.discard_offers(framework_id);
        vec![
            Effect::FailoverTimer {
                framework_id: framework_id.to_string(),
                epoch,
                after,
            },
            Effect::Allocate,
        ]
    }

    /// The failover timer of a disconnected framework fired.
    pub(crate) fn failover_timeout(&mut self, framework_id: &str, epoch: u64) -> Effects {
        match self.frameworks.get(framework_id) {
            Some(f) if f.epoch == epoch && f.connection.is_none() => {
                self.remove_framework(framework_id)
            }
            _ => Vec::new(),
        }
    }

    /// Removes a framework for good (TEARDOWN, failover timeout): closes its stream, kills its
    /// executors, recovers its resources; its id can never subscribe again.
    pub(crate) fn remove_framework(&mut self, framework_id: &str) -> Effects {
        let mut effects = Vec::new();
        self.discard_offers(framework_id);
        let Some(mut framework) = self.frameworks.remove(framework_id) else {
            return effects;
        };
        // Dropping the sender ends the stream.
        framework.connection = None;
        framework.unregistered_time = Some(now_secs());
        for (_, task) in std::mem::take(&mut framework.tasks) {
            if let Some(agent) = self.agents.get_mut(&task.agent_id) {
                if !task.resources_recovered {
                    agent.available.add(&task.resources);
                }
                agent
                    .update_streams
                    .remove(&(framework_id.to_string(), task.info.task_id.value.clone()));
            }
            push_completed(&mut framework, task);
        }
        for agent in self.agents.values_mut() {
            let keys: Vec<_> = agent
                .executors
                .keys()
                .filter(|(f, _)| f == framework_id)
                .cloned()
                .collect();
            for key in keys {
                if let Some(executor) = agent.executors.remove(&key) {
                    effects.push(Effect::Kill {
                        sender: executor.kill,
                        request: crate::agent::KillRequest::shutdown(Some(
                            self.config.executor_shutdown_grace_period,
                        )),
                    });
                }
            }
            agent
                .update_streams
                .retain(|(f, _), _| f.as_str() != framework_id);
        }
        self.removed_frameworks.insert(framework_id.to_string());
        self.completed_frameworks.push_back(framework);
        while self.completed_frameworks.len() > MAX_COMPLETED_FRAMEWORKS {
            self.completed_frameworks.pop_front();
        }
        effects.push(Effect::Allocate);
        effects
    }

    /// Sends a HEARTBEAT if `stream_id` is still the framework's subscription; returns whether
    /// the heartbeater should go on.
    pub(crate) fn heartbeat(&mut self, framework_id: &str, stream_id: Uuid) -> (bool, Effects) {
        let current = self
            .frameworks
            .get(framework_id)
            .and_then(|f| f.connection.as_ref())
            .is_some_and(|c| c.stream_id == stream_id);
        if !current {
            return (false, Vec::new());
        }
        if self.heartbeats_stopped {
            return (true, Vec::new());
        }
        (true, self.send(framework_id, &events::heartbeat()))
    }
}

/// Keeps a finished task for `/state`, bounded.
pub(crate) fn push_completed(framework: &mut Framework, task: super::state::Task) {
    framework.completed_tasks.push_back(task);
    while framework.completed_tasks.len() > super::state::MAX_COMPLETED_TASKS {
        framework.completed_tasks.pop_front();
    }
}
