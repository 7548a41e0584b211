//! Executor events (`mesos.v1.executor.Event`) and their delivery on a custom executor's
//! SUBSCRIBE stream. Watch the payload numbers: ACKNOWLEDGED is field 3, LAUNCH field 4.

use mesos_sdk::recordio::encode_record;
use mesos_sdk::v1::executor::{Event, event};
use mesos_sdk::v1::{KillPolicy, TaskId, TaskInfo};

use crate::http::media::encode;
use crate::master::state::MasterState;

/// `SUBSCRIBED`.
pub(crate) fn subscribed(payload: event::Subscribed) -> Event {
    Event {
        r#type: Some(event::Type::Subscribed as i32),
        subscribed: Some(payload),
        ..Default::default()
    }
}

/// `LAUNCH{task}`.
pub(crate) fn launch(task: TaskInfo) -> Event {
    Event {
        r#type: Some(event::Type::Launch as i32),
        launch: Some(event::Launch { task }),
        ..Default::default()
    }
}

/// `LAUNCH_GROUP{task_group}`.
pub(crate) fn launch_group(task_group: mesos_sdk::v1::TaskGroupInfo) -> Event {
    Event {
        r#type: Some(event::Type::LaunchGroup as i32),
        launch_group: Some(event::LaunchGroup { task_group }),
        ..Default::default()
    }
}

/// The event that hands `delivery` to the executor.
pub(crate) fn deliver(delivery: crate::agent::Delivery) -> Event {
    match delivery {
        crate::agent::Delivery::Task(task) => launch(*task),
        crate::agent::Delivery::Group(group) => launch_group(group),
    }
}

/// `KILL{task_id, kill_policy}`.
pub(crate) fn kill(task_id: TaskId, kill_policy: Option<KillPolicy>) -> Event {
    Event {
        r#type: Some(event::Type::Kill as i32),
        kill: Some(event::Kill {
            task_id,
            kill_policy,
        }),
        ..Default::default()
    }
}

/// `ACKNOWLEDGED{task_id, uuid}`: the agent has the update (not the scheduler).
pub(crate) fn acknowledged(task_id: TaskId, uuid: bytes::Bytes) -> Event {
    Event {
        r#type: Some(event::Type::Acknowledged as i32),
        acknowledged: Some(event::Acknowledged { task_id, uuid }),
        ..Default::default()
    }
}

/// `MESSAGE{data}` from the scheduler.
pub(crate) fn message(data: bytes::Bytes) -> Event {
    Event {
        r#type: Some(event::Type::Message as i32),
        message: Some(event::Message { data }),
        ..Default::default()
    }
}

/// `HEARTBEAT` (no payload).
pub(crate) fn heartbeat() -> Event {
    Event {
        r#type: Some(event::Type::Heartbeat as i32),
        ..Default::default()
    }
}

/// `SHUTDOWN` (no payload).
pub(crate) fn shutdown() -> Event {
    Event {
        r#type: Some(event::Type::Shutdown as i32),
        ..Default::default()
    }
}

impl MasterState {
    /// Sends an event to a subscribed custom executor; `false` when it is not subscribed or
    /// its queue is full (then the connection is dropped, as the agent drops it).
    pub(crate) fn send_to_executor(
        &mut self,
        agent_id: &str,
        framework_id: &str,
        executor_id: &str,
        event: &Event,
    ) -> bool {
        // A partitioned agent still talks to its executors.
        let agent = match self.agents.get_mut(agent_id) {
            Some(agent) => Some(agent),
            None => self
                .lost_agents
                .get_mut(agent_id)
                .map(|lost| &mut lost.agent),
        };
        let Some(custom) = agent
            .and_then(|a| {
                a.executors
                    .get_mut(&(framework_id.to_string(), executor_id.to_string()))
            })
            .and_then(|e| e.custom.as_mut())
        else {
            return false;
        };
        let Some(connection) = &custom.connection else {
            return false;
        };
        let record = encode_record(&encode(connection.encoding, event));
        if connection.sender.try_send(record).is_err() {
            custom.connection = None;
            return false;
        }
        true
    }
}
