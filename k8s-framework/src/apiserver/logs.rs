//! `pods/log`: a container's log, proxied from the kubelet of the pod's node as
//! kube-apiserver proxies it (`kubernetes: pkg/registry/core/pod/rest/log.go` `LogREST.Get`,
//! `pkg/registry/core/pod/strategy.go` `LogLocation`,
//! `staging/src/k8s.io/apiserver/pkg/registry/generic/rest/streamer.go` `LocationStreamer`).
//!
//! The server knows nothing of what runs the pod: it reads the Pod (which container, which
//! node) and the Node (its address and `status.daemonEndpoints.kubeletEndpoint.Port`), and
//! forwards `GET /containerLogs/{namespace}/{pod}/{container}` with the log options to that
//! endpoint, streaming the answer back (with `follow`, as the node writes it). Whatever
//! serves the kubelet's endpoint there answers; with k8sm it is the agent's executor.
//!
//! Two choices kube-apiserver leaves to flags: the node's address is the first of its
//! `InternalIP`, `ExternalIP` and `Hostname` addresses (kubeadm's
//! `--kubelet-preferred-address-types`), and the endpoint is spoken to in plain HTTP (a real
//! kubelet's is HTTPS with client certificates; the k8sm executor's is plain and read-only).

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode, header};
use http_body::{Body as HttpBody, Frame};
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use k8s_openapi::jiff::Timestamp;
use serde_json::{Value, json};

use super::error::{ApiError, StatusCause};
use super::resources::lookup;
use super::response::{Body, full};
use super::routes::Query;
use super::state::ApiState;

/// The kubelet's port when a Node publishes none (`kubernetes: pkg/kubelet/client`
/// `NodeConnectionInfoGetter`, `KubeletConfig.Port`).
const DEFAULT_KUBELET_PORT: u16 = 10250;

/// The node address types tried, in order.
const ADDRESS_TYPES: &[&str] = &["InternalIP", "ExternalIP", "Hostname"];

/// How long connecting to a node may take (kube-apiserver's kubelet dialer: 30 s).
const DIAL_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of a node's error answer is read (`generic/rest/response_checker.go`
/// `maxReadLength`).
const MAX_ERROR_BODY: usize = 50_000;

/// `PodLogOptions` as its query decodes.
#[derive(Debug, Default)]
struct LogOptions {
    container: Option<String>,
    follow: bool,
    previous: bool,
    timestamps: bool,
    since_seconds: Option<i64>,
    since_time: Option<Timestamp>,
    tail_lines: Option<i64>,
    limit_bytes: Option<i64>,
}

/// Go's query-to-bool: `0` and `false` (any case) are false, anything else given is true
/// (`apimachinery: pkg/runtime/conversion.go` `Convert_Slice_string_To_bool`).
fn go_bool(value: Option<&str>) -> bool {
    value.is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// Go's query-to-`*int64`, empty being unset; its error text is `strconv.ParseInt`'s.
fn go_int(value: Option<&str>) -> Result<Option<i64>, ApiError> {
    match value {
        None | Some("") => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            ApiError::bad_request(format!("strconv.ParseInt: parsing {v:?}: invalid syntax"))
        }),
    }
}

impl LogOptions {
    /// Decodes the query; a value that does not decode is a 400, as the parameter codec's
    /// errors are.
    fn parse(query: &Query) -> Result<LogOptions, ApiError> {
        let since_time = match query.get("sinceTime") {
            None | Some("") => None,
            Some(text) => Some(text.parse::<Timestamp>().map_err(|e| {
                ApiError::bad_request(format!(
                    "parsing time {text:?} as \"2006-01-02T15:04:05Z07:00\": {e}"
                ))
            })?),
        };
        Ok(LogOptions {
            container: query
                .get("container")
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            follow: go_bool(query.get("follow")),
            previous: go_bool(query.get("previous")),
            timestamps: go_bool(query.get("timestamps")),
            since_seconds: go_int(query.get("sinceSeconds"))?,
            since_time,
            tail_lines: go_int(query.get("tailLines"))?,
            limit_bytes: go_int(query.get("limitBytes"))?,
        })
    }

    /// `ValidatePodLogOptions` (`kubernetes: pkg/apis/core/validation/validation.go`): a 422
    /// naming every bad field.
    fn validate(&self, name: &str) -> Result<(), ApiError> {
        let invalid = |field: &str, value: i64, detail: &str| StatusCause {
            reason: "FieldValueInvalid",
            message: format!("Invalid value: {value}: {detail}"),
            field: field.into(),
        };
        let mut causes = Vec::new();
        if let Some(n) = self.tail_lines.filter(|n| *n < 0) {
            causes.push(invalid(
                "tailLines",
                n,
                "must be greater than or equal to 0",
            ));
        }
        if let Some(n) = self.limit_bytes.filter(|n| *n < 1) {
            causes.push(invalid("limitBytes", n, "must be greater than 0"));
        }
        match (self.since_seconds, self.since_time) {
            (Some(_), Some(_)) => causes.push(StatusCause {
                reason: "FieldValueForbidden",
                message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified"
                    .into(),
                field: String::new(),
            }),
            (Some(n), None) if n < 1 => {
                causes.push(invalid("sinceSeconds", n, "must be greater than 0"))
            }
            _ => {}
        }
        if causes.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid("", "PodLogOptions", name, causes))
        }
    }

    /// The kubelet's query, encoded as Go's `url.Values.Encode` does (keys sorted).
    fn kubelet_query(&self) -> String {
        let mut params: Vec<(&str, String)> = Vec::new();
        if self.follow {
            params.push(("follow", "true".into()));
        }
        if let Some(n) = self.limit_bytes {
            params.push(("limitBytes", n.to_string()));
        }
        if self.previous {
            params.push(("previous", "true".into()));
        }
        if let Some(n) = self.since_seconds {
            params.push(("sinceSeconds", n.to_string()));
        }
        if let Some(t) = self.since_time {
            // `time.RFC3339`: whole seconds.
            let whole = Timestamp::from_second(t.as_second()).unwrap_or(t);
            params.push(("sinceTime", whole.to_string()));
        }
        if let Some(n) = self.tail_lines {
            params.push(("tailLines", n.to_string()));
        }
        if self.timestamps {
            params.push(("timestamps", "true".into()));
        }
        params
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query value or path segment (unreserved characters stay).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The names of a pod's containers of one list (`containers`, `initContainers`).
fn names(pod: &Value, list: &str) -> Vec<String> {
    pod["spec"][list]
        .as_array()
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The container whose log is asked for: the one named, else the pod's only one
/// (`LogLocation`, word for word in its errors).
fn choose_container(pod: &Value, name: &str, asked: Option<&str>) -> Result<String, ApiError> {
    let containers = names(pod, "containers");
    let init = names(pod, "initContainers");
    match asked {
        Some(asked) => {
            if containers.iter().chain(&init).any(|c| c == asked) {
                Ok(asked.to_string())
            } else {
                Err(ApiError::bad_request(format!(
                    "container {asked} is not valid for pod {name}"
                )))
            }
        }
        None => match containers.as_slice() {
            [only] => Ok(only.clone()),
            [] => Err(ApiError::bad_request(format!(
                "a container name must be specified for pod {name}"
            ))),
            _ => {
                let mut message = format!(
                    "a container name must be specified for pod {name}, choose one of: [{}]",
                    containers.join(" ")
                );
                if !init.is_empty() {
                    message.push_str(&format!(
                        " or one of the init containers: [{}]",
                        init.join(" ")
                    ));
                }
                Err(ApiError::bad_request(message))
            }
        },
    }
}

/// Where a node's kubelet listens: its preferred address and published port.
fn kubelet_location(node: &Value) -> Result<(String, u16), ApiError> {
    let addresses = node["status"]["addresses"].as_array();
    let address = ADDRESS_TYPES.iter().find_map(|kind| {
        addresses?
            .iter()
            .find(|a| a["type"] == *kind && a["address"].as_str().is_some_and(|s| !s.is_empty()))
            .and_then(|a| a["address"].as_str())
    });
    let Some(address) = address else {
        return Err(ApiError {
            code: 500,
            reason: "",
            message: format!(
                "no preferred addresses found; known addresses: {}",
                node["status"]["addresses"]
            ),
            details: None,
        });
    };
    let port = node["status"]["daemonEndpoints"]["kubeletEndpoint"]["Port"]
        .as_i64()
        .and_then(|p| u16::try_from(p).ok())
        .filter(|p| *p > 0)
        .unwrap_or(DEFAULT_KUBELET_PORT);
    Ok((address.to_string(), port))
}

/// `host:port`, with an IPv6 host in brackets (`net.JoinHostPort`).
fn join_host_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// GET `pods/{name}/log`.
pub(crate) async fn pod_log(
    state: &ApiState,
    namespace: &str,
    name: &str,
    query: &Query,
) -> Result<Response<Body>, ApiError> {
    let options = LogOptions::parse(query)?;
    options.validate(name)?;
    let pods = lookup("", "v1", "pods").ok_or_else(|| ApiError::internal("no pods kind"))?;
    let nodes = lookup("", "v1", "nodes").ok_or_else(|| ApiError::internal("no nodes kind"))?;
    let pod = state
        .store
        .get(pods, namespace, name)
        .ok_or_else(|| ApiError::not_found("", "pods", name))?;
    let container = choose_container(&pod, name, options.container.as_deref())?;
    let node_name = pod["spec"]["nodeName"].as_str().unwrap_or("");
    if node_name.is_empty() {
        // Not scheduled: no location, and the streamer answers with nothing.
        return Ok(text_response(full(Bytes::new())));
    }
    let node = state
        .store
        .get(nodes, "", node_name)
        .ok_or_else(|| ApiError::not_found("", "nodes", node_name))?;
    let (host, port) = kubelet_location(&node)?;
    let authority = join_host_port(&host, port);
    let mut path = format!(
        "/containerLogs/{}/{}/{}",
        encode(namespace),
        encode(name),
        encode(&container)
    );
    let params = options.kubelet_query();
    if !params.is_empty() {
        path.push('?');
        path.push_str(&params);
    }
    let url = format!("http://{authority}{path}");
    // A failure to reach the node is not a Status: kube-apiserver answers 500 with the
    // transport's error (`ErrorToAPIStatus`).
    let unreachable = |why: String| ApiError {
        code: 500,
        reason: "",
        message: format!("Get {url:?}: {why}"),
        details: None,
    };
    let stream = match tokio::time::timeout(
        DIAL_TIMEOUT,
        tokio::net::TcpStream::connect((host.as_str(), port)),
    )
    .await
    {
        Ok(Ok(stream)) => stream,
        Ok(Err(e)) => return Err(unreachable(format!("dial tcp {authority}: {e}"))),
        Err(_) => return Err(unreachable(format!("dial tcp {authority}: i/o timeout"))),
    };
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::debug!(%error, "the connection to a node's log endpoint failed");
        }
    });
    let request = Request::get(path)
        .header(header::HOST, authority.as_str())
        .header(header::USER_AGENT, "k8sm-apiserver")
        .body(Empty::<Bytes>::new())
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    let code = response.status();
    if !(200..=206).contains(&code.as_u16()) {
        let text = read_error(response.into_body()).await;
        return Err(node_error(code, &text, name));
    }
    Ok(text_response(Relay(response.into_body()).boxed()))
}

/// A 200 `text/plain` answer, as `LocationStreamer` writes the log.
fn text_response(body: Body) -> Response<Body> {
    let mut resp = Response::new(body);
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    resp
}

/// The first [`MAX_ERROR_BODY`] bytes of a node's error answer.
async fn read_error(mut body: Incoming) -> String {
    let mut text = Vec::new();
    while text.len() < MAX_ERROR_BODY {
        match body.frame().await {
            Some(Ok(frame)) => {
                if let Some(data) = frame.data_ref() {
                    text.extend_from_slice(data);
                }
            }
            _ => break,
        }
    }
    text.truncate(MAX_ERROR_BODY);
    String::from_utf8_lossy(&text).into_owned()
}

/// A node's error answer as kube-apiserver turns it into a `Status`
/// (`generic/rest/response_checker.go` `GenericHttpResponseChecker`, and
/// `apimachinery: pkg/api/errors/errors.go` `NewGenericServerResponse` with no verb, hence
/// its odd `( pods/log NAME)`).
fn node_error(code: StatusCode, text: &str, name: &str) -> ApiError {
    match code.as_u16() {
        400 => return ApiError::bad_request(text),
        500 => return ApiError::internal(text),
        _ => {}
    }
    let (reason, message): (&'static str, String) = match code.as_u16() {
        401 => (
            "Unauthorized",
            "the server has asked for the client to provide credentials".into(),
        ),
        403 => ("Forbidden", text.to_string()),
        404 => (
            "NotFound",
            "the server could not find the requested resource".into(),
        ),
        405 => (
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource".into(),
        ),
        409 => ("Conflict", "the server reported a conflict".into()),
        422 => (
            "Invalid",
            "the server rejected our request due to an error in our request".into(),
        ),
        429 => (
            "TooManyRequests",
            "the server has received too many requests and has asked us to try again later".into(),
        ),
        503 => (
            "ServiceUnavailable",
            "the server is currently unable to handle the request".into(),
        ),
        504 => (
            "Timeout",
            "the server was unable to return a response in the time allotted, but may still be \
             processing the request"
                .into(),
        ),
        n if n >= 500 => (
            "InternalError",
            format!("an error on the server ({text:?}) has prevented the request from succeeding"),
        ),
        n => (
            "",
            format!(
                "the server responded with the status code {n} but did not return more \
                 information"
            ),
        ),
    };
    ApiError {
        code: code.as_u16(),
        reason,
        message: format!("{message} ( pods/log {name})"),
        details: Some(json!({"name": name, "kind": "pods/log"})),
    }
}

/// The node's answer, relayed as it arrives; a stream that breaks just ends.
struct Relay(Incoming);

impl HttpBody for Relay {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match Pin::new(&mut self.0).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => Poll::Ready(Some(Ok(frame))),
            Poll::Ready(Some(Err(error))) => {
                tracing::debug!(%error, "a node's log stream broke");
                Poll::Ready(None)
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(containers: &[&str], init: &[&str]) -> Value {
        let list = |names: &[&str]| names.iter().map(|n| json!({"name": n})).collect::<Vec<_>>();
        json!({"spec": {"containers": list(containers), "initContainers": list(init)}})
    }

    #[test]
    fn the_container_is_chosen_as_log_location_chooses_it() {
        assert_eq!(choose_container(&pod(&["a"], &[]), "p", None).unwrap(), "a");
        let err = choose_container(&pod(&["a", "b"], &[]), "p", None).unwrap_err();
        assert_eq!(err.code, 400);
        assert_eq!(
            err.message,
            "a container name must be specified for pod p, choose one of: [a b]"
        );
        let err = choose_container(&pod(&["a", "b"], &["i"]), "p", None).unwrap_err();
        assert!(err.message.ends_with(" or one of the init containers: [i]"));
        assert_eq!(
            choose_container(&pod(&["a", "b"], &["i"]), "p", Some("i")).unwrap(),
            "i"
        );
        let err = choose_container(&pod(&["a"], &[]), "p", Some("x")).unwrap_err();
        assert_eq!(err.message, "container x is not valid for pod p");
    }

    #[test]
    fn options_are_validated_and_forwarded_in_the_kubelets_form() {
        let q = Query::parse(Some(
            "container=a&follow=true&tailLines=5&sinceTime=2024-01-02T03%3A04%3A05.5Z&timestamps=1",
        ));
        let o = LogOptions::parse(&q).unwrap();
        o.validate("p").unwrap();
        assert_eq!(
            o.kubelet_query(),
            "follow=true&sinceTime=2024-01-02T03%3A04%3A05Z&tailLines=5&timestamps=true"
        );
        let bad = LogOptions::parse(&Query::parse(Some("tailLines=-1&limitBytes=0"))).unwrap();
        let err = bad.validate("p").unwrap_err();
        assert_eq!(err.code, 422);
        assert_eq!(
            err.message,
            "PodLogOptions \"p\" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0]"
        );
        let err = LogOptions::parse(&Query::parse(Some("tailLines=x"))).unwrap_err();
        assert_eq!(err.code, 400);
    }

    #[test]
    fn the_kubelet_is_found_at_the_nodes_address_and_port() {
        let node = json!({"status": {
            "addresses": [{"type": "Hostname", "address": "h"}, {"type": "InternalIP", "address": "10.0.0.5"}],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 31005}},
        }});
        assert_eq!(kubelet_location(&node).unwrap(), ("10.0.0.5".into(), 31005));
        let node = json!({"status": {"addresses": [{"type": "Hostname", "address": "h"}]}});
        assert_eq!(kubelet_location(&node).unwrap(), ("h".into(), 10250));
        assert_eq!(kubelet_location(&json!({})).unwrap_err().code, 500);
        let err = node_error(StatusCode::NOT_FOUND, "pod \"p\" does not exist", "p");
        assert_eq!(
            err.message,
            "the server could not find the requested resource ( pods/log p)"
        );
        assert_eq!(
            node_error(StatusCode::BAD_REQUEST, "why", "p").message,
            "why"
        );
    }
}
