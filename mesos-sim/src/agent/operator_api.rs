//! `POST /api/v1` on each agent (also `/slave(1)/api/v1`, and any deeper path libprocess
//! routes there): the agent operator API. `mesos: src/slave/http.cpp` `Http::api` checks, in
//! order: method (405); `Content-Type` (400 missing, 415 other than JSON, protobuf or
//! RecordIO); `Message-Content-Type` (required for RecordIO, refused otherwise); `Accept`
//! and `Message-Accept` (406), before the body; then the body (400) and `agent::Call`
//! validation (400 "Failed to validate agent::Call: ..."); then `Http::_api` refuses a
//! streaming request or answer for a call that has none (415, 406) and dispatches.
//!
//! mesos-sim answers the read calls (GET_HEALTH, GET_FLAGS, GET_VERSION, GET_STATE,
//! GET_CONTAINERS, GET_FRAMEWORKS, GET_EXECUTORS, GET_TASKS, GET_AGENT) and the sandbox
//! files (LIST_FILES, READ_FILE). Its agents launch no containers of their own: the
//! container calls (nested, standalone, attach), metrics, logging levels, operations,
//! resource providers and image pruning answer 501 naming the call.

use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderMap, Method, Response, StatusCode, header};
use mesos_sdk::duration::format_duration;
use mesos_sdk::v1::agent::{Call, Response as AgentResponse, call::Type, response};
use mesos_sdk::v1::{Flag, VersionInfo};

use super::containers::containers;
use super::files::{Attachments, FilesError};
use super::operator_state::agent_view;
use crate::http::body::{SimBody, full};
use crate::http::media::{
    APPLICATION_JSON, APPLICATION_PROTOBUF, DecodeError, Encoding, accepts, accepts_in, decode,
    encode,
};
use crate::http::response::{bad_request, method_not_allowed, text};
use crate::http::server::FullRequest;
use crate::master::Master;
use crate::master::endpoints::MESOS_VERSION;

const APPLICATION_RECORDIO: &str = "application/recordio";
const MESSAGE_CONTENT_TYPE: &str = "Message-Content-Type";
const MESSAGE_ACCEPT: &str = "Message-Accept";

/// Whether `path` reaches an agent's operator API: the longest registered prefix wins
/// (`ProcessBase::consume`), and `/api/v1/executor` and `/api/v1/resource_provider` are
/// routes of their own.
pub(crate) fn is_operator_path(path: &str) -> bool {
    let path = path.strip_prefix("/slave(1)").unwrap_or(path);
    let Some(rest) = path.strip_prefix("/api/v1") else {
        return false;
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return false;
    }
    !["/executor", "/resource_provider"]
        .iter()
        .any(|own| rest == *own || rest.starts_with(&format!("{own}/")))
}

/// The media types a request may use: the body's, and for a streaming body its messages'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Media {
    Json,
    Protobuf,
    RecordIo(Encoding),
}

/// Answers one request to the operator API of agent `agent_id`.
pub(crate) async fn handle(
    master: &Arc<Master>,
    agent_id: &str,
    request: FullRequest,
) -> Response<SimBody> {
    if request.method() != Method::POST {
        return method_not_allowed(request.method());
    }
    let headers = request.headers();
    let content = match content_media(headers) {
        Ok(content) => content,
        Err((status, message)) => return text(status, message),
    };
    let accept = match accept_media(headers) {
        Ok(accept) => accept,
        Err((status, message)) => return text(status, message),
    };
    let call = match content {
        Media::Json => decode_call(Encoding::Json, request.body()),
        Media::Protobuf => decode_call(Encoding::Protobuf, request.body()),
        Media::RecordIo(messages) => match first_record(request.body()) {
            Ok(record) => decode_call(messages, &record),
            Err(error) => Err(error),
        },
    };
    let (kind, call) = match call {
        Ok(call) => call,
        Err(error) => return bad_request(error),
    };
    // `Http::_api`: only ATTACH_CONTAINER_INPUT streams its request, and only
    // ATTACH_CONTAINER_OUTPUT and LAUNCH_NESTED_CONTAINER_SESSION their answer.
    let streams_request = kind == Type::AttachContainerInput;
    match content {
        Media::RecordIo(_) if !streams_request => {
            return text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "Streaming 'Content-Type' {APPLICATION_RECORDIO} is not supported for {} call",
                    kind.as_str_name()
                ),
            );
        }
        Media::Json | Media::Protobuf if streams_request => {
            return text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "Expecting 'Content-Type' to be {APPLICATION_RECORDIO} for {} call",
                    kind.as_str_name()
                ),
            );
        }
        _ => {}
    }
    let encoding = match accept {
        Media::Json => Encoding::Json,
        Media::Protobuf => Encoding::Protobuf,
        Media::RecordIo(_)
            if !matches!(
                kind,
                Type::AttachContainerOutput | Type::LaunchNestedContainerSession
            ) =>
        {
            return text(
                StatusCode::NOT_ACCEPTABLE,
                format!(
                    "Streaming response is not supported for {} call",
                    kind.as_str_name()
                ),
            );
        }
        Media::RecordIo(messages) => messages,
    };
    dispatch(master, agent_id, kind, call, encoding).await
}

/// A refusal: its status and text.
type Refusal = (StatusCode, String);

fn content_media(headers: &HeaderMap) -> Result<Media, Refusal> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err((
            StatusCode::BAD_REQUEST,
            "Expecting 'Content-Type' to be present".into(),
        ));
    };
    let streaming = match value.as_bytes() {
        b"application/json" => false,
        b"application/x-protobuf" => false,
        b"application/recordio" => true,
        _ => {
            return Err((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "Expecting 'Content-Type' of {APPLICATION_JSON} or {APPLICATION_PROTOBUF} or {APPLICATION_RECORDIO}"
                ),
            ));
        }
    };
    let message = headers.get(MESSAGE_CONTENT_TYPE);
    if !streaming {
        if message.is_some() {
            return Err((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "Expecting '{MESSAGE_CONTENT_TYPE}' to be not set for non-streaming requests"
                ),
            ));
        }
        return Ok(if value.as_bytes() == b"application/json" {
            Media::Json
        } else {
            Media::Protobuf
        });
    }
    match message.map(|m| m.as_bytes()) {
        None => Err((
            StatusCode::BAD_REQUEST,
            format!("Expecting '{MESSAGE_CONTENT_TYPE}' to be set for streaming requests"),
        )),
        Some(b"application/json") => Ok(Media::RecordIo(Encoding::Json)),
        Some(b"application/x-protobuf") => Ok(Media::RecordIo(Encoding::Protobuf)),
        Some(_) => Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "Expecting '{MESSAGE_CONTENT_TYPE}' of {APPLICATION_JSON} or {APPLICATION_PROTOBUF}"
            ),
        )),
    }
}

/// `Accept` and `Message-Accept`, tried in upstream's order: JSON, protobuf, RecordIO.
fn accept_media(headers: &HeaderMap) -> Result<Media, Refusal> {
    let accept = if accepts(headers, APPLICATION_JSON) {
        Media::Json
    } else if accepts(headers, APPLICATION_PROTOBUF) {
        Media::Protobuf
    } else if accepts(headers, APPLICATION_RECORDIO) {
        if accepts_in(headers, MESSAGE_ACCEPT, APPLICATION_JSON) {
            return Ok(Media::RecordIo(Encoding::Json));
        } else if accepts_in(headers, MESSAGE_ACCEPT, APPLICATION_PROTOBUF) {
            return Ok(Media::RecordIo(Encoding::Protobuf));
        }
        return Err((
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "Expecting '{MESSAGE_ACCEPT}' to allow {APPLICATION_JSON} or {APPLICATION_PROTOBUF}"
            ),
        ));
    } else {
        return Err((
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "Expecting 'Accept' to allow {APPLICATION_JSON} or {APPLICATION_PROTOBUF} or {APPLICATION_RECORDIO}"
            ),
        ));
    };
    if headers.contains_key(MESSAGE_ACCEPT) {
        return Err((
            StatusCode::NOT_ACCEPTABLE,
            format!("Expecting '{MESSAGE_ACCEPT}' to be not set for non-streaming responses"),
        ));
    }
    Ok(accept)
}

/// The first record of a RecordIO body (`<length>\n<bytes>`), as the agent's streaming
/// reader takes it.
fn first_record(body: &[u8]) -> Result<Bytes, String> {
    const EOF: &str = "Received EOF while reading request body";
    let Some(newline) = body.iter().position(|b| *b == b'\n') else {
        return Err(EOF.into());
    };
    let header = String::from_utf8_lossy(&body[..newline]);
    let length: usize = header
        .parse()
        .map_err(|e| format!("Failed to decode length '{header}': {e}"))?;
    let start = newline + 1;
    body.get(start..start + length)
        .map(Bytes::copy_from_slice)
        .ok_or_else(|| EOF.into())
}

/// Decodes and validates a call. The agent words decoding errors as `deserialize` does
/// (`mesos: src/common/http.hpp`), unlike the master: a generic protobuf message, and the
/// JSON reader's own explanation when the JSON does not fit the schema.
fn decode_call(encoding: Encoding, body: &[u8]) -> Result<(Type, Call), String> {
    let call: Call = decode(encoding, body, "Call").map_err(|e| match e {
        DecodeError::Protobuf { .. } => "Failed to parse body into a protobuf object".into(),
        DecodeError::Json(_) => e.to_string(),
        DecodeError::Schema { reason, .. } => reason,
    })?;
    let kind = validate(&call).map_err(|e| format!("Failed to validate agent::Call: {e}"))?;
    Ok((kind, call))
}

/// `validation::agent::call::validate` (`mesos: src/slave/validation.cpp`): the type, and
/// the payload of the calls that have one. The container calls' deeper checks (container
/// ids, commands, resources) are not made: mesos-sim answers those calls 501 anyway.
fn validate(call: &Call) -> Result<Type, String> {
    let Some(raw) = call.r#type else {
        return Err("Expecting 'type' to be present".into());
    };
    let kind = Type::try_from(raw).unwrap_or(Type::Unknown);
    let present = |has: bool, name: &str| {
        if has {
            Ok(kind)
        } else {
            Err(format!("Expecting '{name}' to be present"))
        }
    };
    match kind {
        Type::GetMetrics => present(call.get_metrics.is_some(), "get_metrics"),
        Type::SetLoggingLevel => present(call.set_logging_level.is_some(), "set_logging_level"),
        Type::ListFiles => present(call.list_files.is_some(), "list_files"),
        Type::ReadFile => present(call.read_file.is_some(), "read_file"),
        Type::LaunchNestedContainer => present(
            call.launch_nested_container.is_some(),
            "launch_nested_container",
        ),
        Type::WaitNestedContainer => present(
            call.wait_nested_container.is_some(),
            "wait_nested_container",
        ),
        Type::KillNestedContainer => present(
            call.kill_nested_container.is_some(),
            "kill_nested_container",
        ),
        Type::RemoveNestedContainer => present(
            call.remove_nested_container.is_some(),
            "remove_nested_container",
        ),
        Type::LaunchNestedContainerSession => present(
            call.launch_nested_container_session.is_some(),
            "launch_nested_container_session",
        ),
        Type::AttachContainerInput => {
            let Some(input) = &call.attach_container_input else {
                return Err("Expecting 'attach_container_input' to be present".into());
            };
            if input.r#type.is_none() {
                return Err("Expecting 'attach_container_input.type' to be present".into());
            }
            Ok(kind)
        }
        Type::AttachContainerOutput => present(
            call.attach_container_output.is_some(),
            "attach_container_output",
        ),
        Type::LaunchContainer => present(call.launch_container.is_some(), "launch_container"),
        Type::WaitContainer => present(call.wait_container.is_some(), "wait_container"),
        Type::KillContainer => present(call.kill_container.is_some(), "kill_container"),
        Type::RemoveContainer => present(call.remove_container.is_some(), "remove_container"),
        Type::AddResourceProviderConfig => present(
            call.add_resource_provider_config.is_some(),
            "add_resource_provider_config",
        ),
        Type::UpdateResourceProviderConfig => present(
            call.update_resource_provider_config.is_some(),
            "update_resource_provider_config",
        ),
        Type::RemoveResourceProviderConfig => present(
            call.remove_resource_provider_config.is_some(),
            "remove_resource_provider_config",
        ),
        Type::MarkResourceProviderGone => present(
            call.mark_resource_provider_gone.is_some(),
            "mark_resource_provider_gone",
        ),
        _ => Ok(kind),
    }
}

/// The lists upstream's hand-written JSON writers always write (`jsonifyGetTasks`,
/// `jsonifyGetExecutors`, `jsonifyGetFrameworks`), where protobuf's JSON mapping leaves
/// empty repeated fields out.
const ALWAYS_WRITTEN: &[(&str, &[&str])] = &[
    (
        "get_tasks",
        &[
            "pending_tasks",
            "queued_tasks",
            "launched_tasks",
            "terminated_tasks",
            "completed_tasks",
        ],
    ),
    ("get_executors", &["executors", "completed_executors"]),
    ("get_frameworks", &["frameworks", "completed_frameworks"]),
];

fn write_empty_lists(value: &mut serde_json::Value) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    for (payload, lists) in ALWAYS_WRITTEN {
        if let Some(inner) = object.get_mut(*payload).and_then(|v| v.as_object_mut()) {
            for list in *lists {
                inner
                    .entry(list.to_string())
                    .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            }
        }
    }
    if let Some(state) = object.get_mut("get_state") {
        write_empty_lists(state);
    }
}

/// `200 OK` with a `Response` in the negotiated encoding.
fn ok(encoding: Encoding, response: &AgentResponse) -> Response<SimBody> {
    let body = match encoding {
        Encoding::Json => match mesos_sdk::json::to_value(response) {
            Ok(mut value) => {
                write_empty_lists(&mut value);
                Bytes::from(value.to_string())
            }
            Err(_) => encode(encoding, response),
        },
        Encoding::Protobuf => encode(encoding, response),
    };
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, encoding.media_type())
        .header(header::CONTENT_LENGTH, body.len())
        .body(full(body))
        .unwrap_or_else(|_| Response::new(full(Bytes::new())))
}

fn files_error(error: FilesError) -> Response<SimBody> {
    match error {
        FilesError::Invalid(message) => bad_request(message),
        FilesError::NotFound => text(StatusCode::NOT_FOUND, ""),
        FilesError::Unknown(message) => text(StatusCode::INTERNAL_SERVER_ERROR, message),
    }
}

async fn dispatch(
    master: &Arc<Master>,
    agent_id: &str,
    kind: Type,
    call: Call,
    encoding: Encoding,
) -> Response<SimBody> {
    let mut response = AgentResponse {
        // `Response.Type` numbers its values differently from `Call.Type`: match by name.
        r#type: response::Type::from_str_name(kind.as_str_name()).map(|t| t as i32),
        ..Default::default()
    };
    let (view, flags) = {
        let state = master.lock();
        (agent_view(&state, agent_id), flags(&state, agent_id))
    };
    let Some(view) = view else {
        // The master removed the agent (MARK_AGENT_GONE): upstream's agent process shuts
        // down, and libprocess has no process left to route to.
        return crate::http::response::not_found();
    };
    match kind {
        // libprocess' `NotImplemented()`.
        Type::Unknown => return text(StatusCode::NOT_IMPLEMENTED, "501 Not Implemented."),
        Type::GetHealth => response.get_health = Some(response::GetHealth { healthy: true }),
        Type::GetFlags => response.get_flags = Some(response::GetFlags { flags }),
        Type::GetVersion => {
            response.get_version = Some(response::GetVersion {
                version_info: version_info(),
            });
        }
        Type::GetState => {
            response.get_state = Some(response::GetState {
                get_tasks: Some(view.tasks),
                get_executors: Some(view.executors),
                get_frameworks: Some(view.frameworks),
            });
        }
        Type::GetFrameworks => response.get_frameworks = Some(view.frameworks),
        Type::GetExecutors => response.get_executors = Some(view.executors),
        Type::GetTasks => response.get_tasks = Some(view.tasks),
        Type::GetAgent => {
            response.get_agent = Some(response::GetAgent {
                agent_info: Some(view.agent_info),
                drain_config: None,
                estimated_drain_start_time: None,
            });
        }
        Type::GetContainers => {
            // Nested and standalone containers never exist here, so the options change
            // nothing (the tasks of a task group run as containers of their own).
            let views = view.containers;
            let containers = tokio::task::spawn_blocking(move || containers(&views))
                .await
                .unwrap_or_default();
            // Upstream builds the payload from the list of containers, one element at a
            // time (`evolve<GET_CONTAINERS>`): with none, the answer has no payload.
            if !containers.is_empty() {
                response.get_containers = Some(response::GetContainers { containers });
            }
        }
        Type::ListFiles => {
            let path = call.list_files.map(|l| l.path).unwrap_or_default();
            let dir = view.dir;
            let listed =
                tokio::task::spawn_blocking(move || Attachments::of_agent(&dir).browse(&path))
                    .await
                    .unwrap_or(Err(FilesError::Unknown("file browsing failed".into())));
            match listed {
                Ok(file_infos) => response.list_files = Some(response::ListFiles { file_infos }),
                Err(error) => return files_error(error),
            }
        }
        Type::ReadFile => {
            let read = call.read_file.unwrap_or_default();
            let dir = view.dir;
            let result = tokio::task::spawn_blocking(move || {
                Attachments::of_agent(&dir).read(read.offset, read.length, &read.path)
            })
            .await
            .unwrap_or(Err(FilesError::Unknown("file reading failed".into())));
            match result {
                Ok((size, data)) => {
                    response.read_file = Some(response::ReadFile {
                        size,
                        data: Bytes::from(data),
                    });
                }
                Err(error) => return files_error(error),
            }
        }
        _ => {
            return text(
                StatusCode::NOT_IMPLEMENTED,
                format!(
                    "mesos-sim does not implement the agent operator call {}",
                    kind.as_str_name()
                ),
            );
        }
    }
    ok(encoding, &response)
}

/// The build the agent reports; the master's (`GET_VERSION`, `/version`).
fn version_info() -> VersionInfo {
    VersionInfo {
        version: MESOS_VERSION.to_string(),
        build_date: Some("2020-11-24 00:00:00".into()),
        build_time: Some(1_606_176_000.0),
        build_user: Some("mesos-sim".into()),
        git_sha: None,
        git_branch: None,
        git_tag: Some(MESOS_VERSION.to_string()),
    }
}

/// The agent flags mesos-sim has equivalents for, stringified as upstream does, by name.
fn flags(state: &crate::master::state::MasterState, agent_id: &str) -> Vec<Flag> {
    let Some(agent) = state
        .agents
        .get(agent_id)
        .or_else(|| state.lost_agents.get(agent_id).map(|l| &l.agent))
    else {
        return Vec::new();
    };
    let config = &state.config;
    let mut flags = std::collections::BTreeMap::new();
    flags.insert("work_dir", config.work_dir.display().to_string());
    flags.insert("ip", agent.endpoint.ip().to_string());
    flags.insert("port", agent.endpoint.port().to_string());
    flags.insert("master", state.leader_addr.to_string());
    flags.insert(
        "recovery_timeout",
        format_duration(config.agent_recovery_timeout),
    );
    flags.insert(
        "executor_registration_timeout",
        format_duration(config.executor_registration_timeout),
    );
    flags.insert(
        "executor_shutdown_grace_period",
        format_duration(config.executor_shutdown_grace_period),
    );
    // The environment mesos-sim gives its executors says the same
    // (`MESOS_HTTP_COMMAND_EXECUTOR=0`).
    flags.insert("http_command_executor", "false".into());
    flags
        .into_iter()
        .map(|(name, value)| Flag {
            name: name.to_string(),
            value: Some(value),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_like_libprocess() {
        for path in [
            "/api/v1",
            "/api/v1/",
            "/slave(1)/api/v1",
            "/api/v1/anything",
        ] {
            assert!(is_operator_path(path), "{path}");
        }
        for path in [
            "/api/v1/executor",
            "/slave(1)/api/v1/executor",
            "/api/v1/resource_provider",
            "/api/v1x",
            "/slave(2)/api/v1",
            "/state",
        ] {
            assert!(!is_operator_path(path), "{path}");
        }
    }

    #[test]
    fn a_recordio_body_gives_its_first_record() {
        assert_eq!(first_record(b"2\n{}3\nabc").as_deref(), Ok(&b"{}"[..]));
        assert_eq!(
            first_record(b"{}"),
            Err("Received EOF while reading request body".into())
        );
        assert_eq!(
            first_record(b"9\n{}"),
            Err("Received EOF while reading request body".into())
        );
    }
}
