//! `POST /api/v1/executor` (also `/slave(1)/api/v1/executor`) on each agent, with the agent's
//! order of checks and status codes (`mesos: src/slave/http.cpp` `Http::executor`): 405,
//! Content-Type 400/415, body 400, validation 400, Accept 406 (SUBSCRIBE), HEARTBEAT 202,
//! unknown framework/executor 400, not subscribed 403, then SUBSCRIBE 200 (a stream without
//! `Mesos-Stream-Id`), UPDATE and MESSAGE 202, UNKNOWN 501. The built-in command executor
//! runs inside the simulator and is not reachable here; custom executors are. The agent's
//! operator API shares the agent's socket and is routed to `operator_api`.

use std::sync::Arc;

use http::{Method, Response, StatusCode, header};
use http_body_util::BodyExt;
use mesos_sdk::v1::executor::{Call, call::Type};
use mesos_sdk::v1::task_status;
use tokio::sync::mpsc;

use super::ExecutorConnection;
use crate::http::body::{SimBody, StreamBody, full};
use crate::http::media::{ContentTypeError, decode, negotiate, request_encoding};
use crate::http::response::{accepted, bad_request, method_not_allowed, text};
use crate::http::server::{FullRequest, Handler};
use crate::master::Master;
use crate::master::executors::ExecutorRefusal;
use crate::master::validation::validate_uuid;

/// The executor API of one agent.
#[derive(Debug)]
pub(crate) struct ExecutorApi {
    pub(crate) master: Arc<Master>,
    pub(crate) agent_id: String,
}

/// `validateExecutorCall` (`mesos: src/common/validation.cpp`).
fn validate(call: &Call) -> Result<Type, String> {
    let Some(kind) = call.r#type.and_then(|t| Type::try_from(t).ok()) else {
        return Err("Expecting 'type' to be present".into());
    };
    match kind {
        Type::Subscribe if call.subscribe.is_none() => {
            Err("Expecting 'subscribe' to be present".into())
        }
        Type::Update => {
            let Some(update) = &call.update else {
                return Err("Expecting 'update' to be present".into());
            };
            let status = &update.status;
            let Some(uuid) = &status.uuid else {
                return Err("Expecting 'uuid' to be present".into());
            };
            validate_uuid(uuid)?;
            if let Some(executor_id) = &status.executor_id
                && executor_id.value != call.executor_id.value
            {
                return Err(format!(
                    "ExecutorID in Call: {} does not match ExecutorID in TaskStatus: {}",
                    call.executor_id.value, executor_id.value
                ));
            }
            if status.source != Some(task_status::Source::Executor as i32) {
                return Err(format!(
                    "Received Call from executor {} of framework {} with invalid source, expecting 'SOURCE_EXECUTOR'",
                    call.executor_id.value, call.framework_id.value
                ));
            }
            if status.state == mesos_sdk::v1::TaskState::TaskStaging as i32 {
                return Err(format!(
                    "Received TASK_STAGING from executor {} of framework {} but expecting one of TASK_STARTING, TASK_RUNNING, ...",
                    call.executor_id.value, call.framework_id.value
                ));
            }
            Ok(kind)
        }
        Type::Message if call.message.is_none() => Err("Expecting 'message' to be present".into()),
        _ => Ok(kind),
    }
}

/// HEARTBEAT events on an executor's SUBSCRIBE stream every interval (30 mins upstream, the
/// first one after a whole interval: `mesos: src/slave/slave.cpp` `Slave::subscribe`,
/// `DEFAULT_EXECUTOR_HEARTBEAT_INTERVAL`), until that stream is replaced or closed.
fn spawn_heartbeats(
    master: &Arc<Master>,
    agent_id: &str,
    framework_id: &str,
    executor_id: &str,
    stream: uuid::Uuid,
) {
    let master = Arc::downgrade(master);
    let (agent_id, framework_id, executor_id) = (
        agent_id.to_string(),
        framework_id.to_string(),
        executor_id.to_string(),
    );
    tokio::spawn(async move {
        loop {
            let Some(interval) = master
                .upgrade()
                .map(|m| m.lock().config.executor_heartbeat_interval)
            else {
                return;
            };
            tokio::time::sleep(interval).await;
            let Some(master) = master.upgrade() else {
                return;
            };
            let mut state = master.lock();
            let current = state
                .custom_executor(&agent_id, &framework_id, &executor_id)
                .ok()
                .and_then(|c| c.connection.as_ref())
                .is_some_and(|c| c.id == stream);
            if !current
                || !state.send_to_executor(
                    &agent_id,
                    &framework_id,
                    &executor_id,
                    &super::executor_events::heartbeat(),
                )
            {
                return;
            }
        }
    });
}

impl Handler for ExecutorApi {
    async fn handle(self: Arc<Self>, request: FullRequest) -> Response<SimBody> {
        let path = request.uri().path();
        if super::operator_api::is_operator_path(path) {
            return super::operator_api::handle(&self.master, &self.agent_id, request).await;
        }
        if path != "/api/v1/executor" && path != "/slave(1)/api/v1/executor" {
            return crate::http::response::not_found();
        }
        if request.method() != Method::POST {
            return method_not_allowed(request.method());
        }
        let encoding = match request_encoding(request.headers()) {
            Ok(encoding) => encoding,
            Err(ContentTypeError::Missing) => {
                return bad_request("Expecting 'Content-Type' to be present");
            }
            Err(ContentTypeError::Unsupported) => {
                return text(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "Expecting 'Content-Type' of application/json or application/x-protobuf",
                );
            }
        };
        let call: Call = match decode(encoding, request.body(), "Call") {
            Ok(call) => call,
            Err(error) => return bad_request(error.to_string()),
        };
        let kind = match validate(&call) {
            Ok(kind) => kind,
            Err(error) => {
                return bad_request(format!("Failed to validate Executor::Call: {error}"));
            }
        };
        if kind == Type::Subscribe && negotiate(request.headers()).is_none() {
            return text(
                StatusCode::NOT_ACCEPTABLE,
                "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'",
            );
        }
        if kind == Type::Heartbeat {
            return accepted();
        }
        let framework_id = call.framework_id.value.clone();
        let executor_id = call.executor_id.value.clone();
        let agent_id = self.agent_id.clone();
        match kind {
            Type::Subscribe => {
                let Some(subscribe) = call.subscribe else {
                    return bad_request(
                        "Failed to validate Executor::Call: Expecting 'subscribe' to be present",
                    );
                };
                let response_encoding = negotiate(request.headers()).unwrap_or(encoding);
                let id = uuid::Uuid::new_v4();
                let (result, receiver) = {
                    let mut state = self.master.lock();
                    let (sender, receiver) =
                        mpsc::channel(state.config.event_queue_capacity.max(2));
                    let connection = ExecutorConnection {
                        id,
                        sender,
                        encoding: response_encoding,
                    };
                    (
                        state.executor_subscribe(
                            &agent_id,
                            &framework_id,
                            &executor_id,
                            subscribe,
                            connection,
                        ),
                        receiver,
                    )
                };
                match result {
                    Err(refusal) => refusal_response(refusal),
                    Ok(effects) => {
                        self.master.apply(effects);
                        spawn_heartbeats(&self.master, &agent_id, &framework_id, &executor_id, id);
                        let master = Arc::downgrade(&self.master);
                        let body = StreamBody::new(receiver, move || {
                            if let Some(master) = master.upgrade() {
                                master.lock().executor_disconnected(
                                    &agent_id,
                                    &framework_id,
                                    &executor_id,
                                    id,
                                );
                            }
                        });
                        Response::builder()
                            .status(StatusCode::OK)
                            .header(header::CONTENT_TYPE, response_encoding.media_type())
                            .body(body.boxed())
                            .unwrap_or_else(|_| Response::new(full("")))
                    }
                }
            }
            Type::Update => {
                let Some(update) = call.update else {
                    return bad_request(
                        "Failed to validate Executor::Call: Expecting 'update' to be present",
                    );
                };
                let result = self.master.lock().executor_update(
                    &agent_id,
                    &framework_id,
                    &executor_id,
                    update.status,
                );
                match result {
                    Ok(effects) => {
                        self.master.apply(effects);
                        accepted()
                    }
                    Err(refusal) => refusal_response(refusal),
                }
            }
            Type::Message => {
                let data = call.message.map(|m| m.data).unwrap_or_default();
                let result = self.master.lock().executor_message(
                    &agent_id,
                    &framework_id,
                    &executor_id,
                    data,
                );
                match result {
                    Ok(effects) => {
                        self.master.apply(effects);
                        accepted()
                    }
                    Err(refusal) => refusal_response(refusal),
                }
            }
            Type::Heartbeat => accepted(),
            Type::Unknown => {
                let mut state = self.master.lock();
                match state.custom_executor(&agent_id, &framework_id, &executor_id) {
                    Err(refusal) => refusal_response(refusal),
                    Ok(custom) if custom.connection.is_none() => {
                        refusal_response(ExecutorRefusal::NotSubscribed)
                    }
                    Ok(_) => text(StatusCode::NOT_IMPLEMENTED, ""),
                }
            }
        }
    }
}

fn refusal_response(refusal: ExecutorRefusal) -> Response<SimBody> {
    match refusal {
        ExecutorRefusal::FrameworkNotFound => bad_request("Framework cannot be found"),
        ExecutorRefusal::ExecutorNotFound => bad_request("Executor cannot be found"),
        ExecutorRefusal::NotSubscribed => text(StatusCode::FORBIDDEN, "Executor is not subscribed"),
    }
}
