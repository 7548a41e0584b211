//! `POST /api/v1/executor` on each agent, with the agent's order of checks and status codes
//! (`mesos: src/slave/http.cpp` `Http::executor`). The built-in command executor runs inside
//! the simulator, so no executor is reachable over this API yet: after the method, media
//! type, body, validation, Accept and HEARTBEAT checks, calls get `Framework cannot be found`
//! or `Executor cannot be found` exactly as an agent answers for unknown ids.

use std::sync::Arc;

use http::{Method, Response, StatusCode};
use mesos_sdk::v1::executor::{Call, call::Type};
use mesos_sdk::v1::task_status;

use crate::http::body::SimBody;
use crate::http::media::{ContentTypeError, decode, negotiate, request_encoding};
use crate::http::response::{accepted, bad_request, method_not_allowed, text};
use crate::http::server::{FullRequest, Handler};
use crate::master::Master;
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

impl Handler for ExecutorApi {
    async fn handle(self: Arc<Self>, request: FullRequest) -> Response<SimBody> {
        let path = request.uri().path();
        if path != "/api/v1/executor" && path != "/slave(1)/api/v1/executor" {
            return text(StatusCode::NOT_FOUND, "");
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
        let state = self.master.lock();
        let Some(agent) = state.agents.get(&self.agent_id) else {
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                "Agent has not finished recovery",
            );
        };
        let framework_id = &call.framework_id.value;
        if !agent.executors.keys().any(|(f, _)| f == framework_id) {
            return bad_request("Framework cannot be found");
        }
        // Built-in executors are not reachable over HTTP; every other id is unknown.
        bad_request("Executor cannot be found")
    }
}
