//! `POST /api/v1/scheduler`: the checks in the master's order and status codes, then dispatch.
//! `mesos: src/master/http.cpp` `Master::Http::scheduler`: 401, leader redirect (307/503),
//! registry recovery still in progress (503 "Master has not finished recovery"), 405,
//! Content-Type (400/415), body (400), call validation (400), Accept (406, SUBSCRIBE and
//! RECONCILE_OPERATIONS only), SUBSCRIBE with a stream id (400), framework lookup (400),
//! principal (400), subscription (403), stream id (400), then 202/200/501.

use std::sync::Arc;

use base64::Engine;
use http::{Method, Response, StatusCode, header};
use mesos_sdk::v1::scheduler::{Call, call::Type};

use super::Master;
use super::maintenance::Answer;
use super::validation::validate_call;
use crate::http::body::SimBody;
use crate::http::media::{ContentTypeError, decode, negotiate, request_encoding};
use crate::http::response::{accepted, bad_request, method_not_allowed, text};
use crate::http::server::FullRequest;

/// Realm of the scheduler endpoint's HTTP authentication (`mesos: src/master/constants.hpp`).
const SCHEDULER_REALM: &str = "mesos-master-scheduler";

/// Checks HTTP Basic credentials when authentication is enabled; `Ok(None)` when it is off.
pub(crate) fn authenticate(
    credentials: Option<&[(String, String)]>,
    headers: &http::HeaderMap,
) -> Result<Option<String>, Box<Response<SimBody>>> {
    let Some(credentials) = credentials else {
        return Ok(None);
    };
    let unauthorized = || {
        let mut response = text(StatusCode::UNAUTHORIZED, "");
        if let Ok(value) =
            http::HeaderValue::from_str(&format!("Basic realm=\"{SCHEDULER_REALM}\""))
        {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        Box::new(response)
    };
    let decoded = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(unauthorized)?;
    let (principal, secret) = decoded.split_once(':').ok_or_else(unauthorized)?;
    if credentials
        .iter()
        .any(|(p, s)| p == principal && s == secret)
    {
        Ok(Some(principal.to_string()))
    } else {
        Err(unauthorized())
    }
}

/// Answers one request to the scheduler endpoint.
pub(crate) fn handle(master: &Arc<Master>, request: FullRequest) -> Response<SimBody> {
    let principal = {
        let state = master.lock();
        let principal = match authenticate(state.config.credentials.as_deref(), request.headers()) {
            Ok(principal) => principal,
            Err(response) => return *response,
        };
        // (A standby master answers with 307/503 right after authentication: see `standby`.)
        // The leader serves nothing, not even a 405, until its registry is recovered.
        if state.recovery.in_progress() {
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                "Master has not finished recovery",
            );
        }
        principal
    };
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
    let kind = match validate_call(&call, principal.as_deref()) {
        Ok(kind) => kind,
        Err(error) => return bad_request(format!("Failed to validate scheduler::Call: {error}")),
    };
    let mut response_encoding = None;
    if kind == Type::Subscribe || kind == Type::ReconcileOperations {
        match negotiate(request.headers()) {
            Some(encoding) => response_encoding = Some(encoding),
            None => {
                return text(
                    StatusCode::NOT_ACCEPTABLE,
                    "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'",
                );
            }
        }
    }
    if kind == Type::Subscribe {
        if request.headers().contains_key("Mesos-Stream-Id") {
            return bad_request("Subscribe calls should not include the 'Mesos-Stream-Id' header");
        }
        let Some(mut subscribe) = call.subscribe else {
            return bad_request(
                "Failed to validate scheduler::Call: Expecting 'subscribe' to be present",
            );
        };
        if let Some(principal) = principal
            && subscribe.framework_info.principal.is_none()
        {
            subscribe.framework_info.principal = Some(principal);
        }
        return master.subscribe(subscribe, response_encoding.unwrap_or(encoding));
    }
    let framework_id = call
        .framework_id
        .as_ref()
        .map(|f| f.value.clone())
        .unwrap_or_default();
    {
        let state = master.lock();
        let Some(framework) = state.frameworks.get(&framework_id) else {
            return bad_request("Framework cannot be found");
        };
        if let Some(principal) = &principal
            && framework.info.principal.as_deref() != Some(principal.as_str())
        {
            return bad_request(format!(
                "Authenticated principal '{principal}' does not match principal '{}' set in `FrameworkInfo`",
                framework.info.principal.clone().unwrap_or_default()
            ));
        }
        let Some(connection) = &framework.connection else {
            return text(StatusCode::FORBIDDEN, "Framework is not subscribed");
        };
        let Some(stream_id) = request.headers().get("Mesos-Stream-Id") else {
            return bad_request(
                "All non-subscribe calls should include the 'Mesos-Stream-Id' header",
            );
        };
        if stream_id.as_bytes() != connection.stream_id.to_string().as_bytes() {
            return bad_request(format!(
                "The stream ID '{}' included in this request didn't match the stream ID currently associated with framework ID {framework_id}",
                String::from_utf8_lossy(stream_id.as_bytes())
            ));
        }
    }
    dispatch(master, &framework_id, kind, call)
}

fn dispatch(master: &Arc<Master>, framework_id: &str, kind: Type, call: Call) -> Response<SimBody> {
    let mut state = master.lock();
    let effects = match kind {
        Type::Teardown => state.remove_framework(framework_id),
        Type::Accept => match call.accept {
            Some(accept) => state.accept(framework_id, accept),
            None => Vec::new(),
        },
        Type::Decline => match &call.decline {
            Some(decline) => {
                let ids: Vec<String> = decline.offer_ids.iter().map(|o| o.value.clone()).collect();
                state.decline(framework_id, &ids, decline.filters.as_ref())
            }
            None => Vec::new(),
        },
        Type::Revive => {
            let roles = call.revive.map(|r| r.roles).unwrap_or_default();
            state.revive(framework_id, &roles)
        }
        Type::Suppress => {
            let roles = call.suppress.map(|r| r.roles).unwrap_or_default();
            state.suppress(framework_id, &roles)
        }
        Type::Kill => match &call.kill {
            Some(kill) => state.kill(framework_id, kill),
            None => Vec::new(),
        },
        Type::Shutdown => match &call.shutdown {
            Some(shutdown) => state.shutdown(framework_id, shutdown),
            None => Vec::new(),
        },
        Type::Acknowledge => match &call.acknowledge {
            Some(ack) => state.acknowledge(framework_id, ack),
            None => Vec::new(),
        },
        Type::Message => match &call.message {
            Some(message) => state.scheduler_message(framework_id, message),
            None => Vec::new(),
        },
        Type::Reconcile => match &call.reconcile {
            Some(reconcile) => state.reconcile(framework_id, reconcile),
            None => Vec::new(),
        },
        Type::UpdateFramework => {
            let Some(update) = call.update_framework else {
                return bad_request("Expecting 'update_framework' to be present");
            };
            return match state.update_framework(framework_id, update) {
                Ok(effects) => {
                    drop(state);
                    master.apply(effects);
                    text(StatusCode::OK, "")
                }
                Err(message) => bad_request(message),
            };
        }
        Type::AcknowledgeOperationStatus => match &call.acknowledge_operation_status {
            Some(ack) => state.acknowledge_operation_status(framework_id, ack),
            None => Vec::new(),
        },
        // 202 and UPDATE_OPERATION_STATUS events, not a `Response` body: the synchronous
        // answer of 1.6 is gone (its `Response.reconcile_operations` is deprecated), although
        // the handler still negotiates `Accept` for this call (`Master::Http::scheduler`).
        Type::ReconcileOperations => match &call.reconcile_operations {
            Some(reconcile) => state.reconcile_operations(framework_id, reconcile),
            None => Vec::new(),
        },
        Type::AcceptInverseOffers => match &call.accept_inverse_offers {
            Some(accept) => state.answer_inverse_offers(
                framework_id,
                &accept.inverse_offer_ids,
                accept.filters.as_ref(),
                Answer::Accept,
            ),
            None => Vec::new(),
        },
        Type::DeclineInverseOffers => match &call.decline_inverse_offers {
            Some(decline) => state.answer_inverse_offers(
                framework_id,
                &decline.inverse_offer_ids,
                decline.filters.as_ref(),
                Answer::Decline,
            ),
            None => Vec::new(),
        },
        Type::Unknown => return text(StatusCode::NOT_IMPLEMENTED, ""),
        // REQUEST is accepted and ignored, as by the built-in allocator.
        Type::Request | Type::Subscribe => Vec::new(),
    };
    drop(state);
    master.apply(effects);
    accepted()
}
