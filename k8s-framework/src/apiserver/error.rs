//! Errors: [`ApiError`] is a failed API request, rendered as the `Status` object kube-apiserver
//! sends; [`Error`] is what can go wrong running the server itself.
//!
//! Reasons and codes follow `kubernetes: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go`.

use serde_json::{Value, json};

/// A failure of the server itself (binding, serving, writing the kubeconfig).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The listening socket could not be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address that was asked for.
        addr: std::net::SocketAddr,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The kubeconfig file could not be written.
    #[error("cannot write the kubeconfig to {path}")]
    WriteKubeconfig {
        /// Where it was to be written.
        path: std::path::PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The TLS identity could not be made or loaded.
    #[error("TLS setup failed while {what}")]
    Tls {
        /// What was being done.
        what: String,
        /// Why it failed.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A non-loopback address without both TLS and a bearer token, not explicitly allowed
    /// (see [`super::ApiServerConfig::with_insecure_remote_access`]).
    #[error(
        "refusing to serve {addr} without TLS and a bearer token: anyone who reaches it could \
         read and change everything (serve TLS with a token, bind a loopback address, or allow \
         it explicitly: --allow-insecure-remote-access)"
    )]
    InsecureRemote {
        /// The address asked for.
        addr: std::net::SocketAddr,
    },
    /// The bearer token cannot be used (empty, or not a valid header value).
    #[error("the bearer token {0}")]
    Token(&'static str),
    /// Another I/O failure of the listener.
    #[error("API server I/O failed while {doing}")]
    Io {
        /// What the server was doing.
        doing: &'static str,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// One cause inside a `Status`' `details.causes`, as in an `Invalid` (422) answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCause {
    /// Machine-readable reason, e.g. `FieldValueRequired`.
    pub reason: &'static str,
    /// Human-readable message, e.g. `Required value`.
    pub message: String,
    /// The field path, e.g. `spec.containers`.
    pub field: String,
}

/// A failed API request: becomes a `kind: Status` body with `status: Failure`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{code} {reason}: {message}")]
pub struct ApiError {
    /// The HTTP status code (also `Status.code`).
    pub code: u16,
    /// `Status.reason`, e.g. `NotFound`; empty for none.
    pub reason: &'static str,
    /// `Status.message`.
    pub message: String,
    /// `Status.details`, if any.
    pub details: Option<Value>,
}

impl ApiError {
    fn new(code: u16, reason: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            reason,
            message: message.into(),
            details: None,
        }
    }

    fn with_details(mut self, group: &str, kind: &str, name: &str) -> Self {
        let mut details = serde_json::Map::new();
        if !name.is_empty() {
            details.insert("name".into(), json!(name));
        }
        if !group.is_empty() {
            details.insert("group".into(), json!(group));
        }
        details.insert("kind".into(), json!(kind));
        self.details = Some(Value::Object(details));
        self
    }

    /// 404 NotFound: `pods "x" not found` (`resource` is the plural, `group` may be empty).
    pub fn not_found(group: &str, resource: &str, name: &str) -> Self {
        Self::new(
            404,
            "NotFound",
            format!("{} \"{name}\" not found", qualified(group, resource)),
        )
        .with_details(group, resource, name)
    }

    /// 409 AlreadyExists.
    pub fn already_exists(group: &str, resource: &str, name: &str) -> Self {
        Self::new(
            409,
            "AlreadyExists",
            format!("{} \"{name}\" already exists", qualified(group, resource)),
        )
        .with_details(group, resource, name)
    }

    /// 409 Conflict, e.g. for a stale resourceVersion.
    pub fn conflict(group: &str, resource: &str, name: &str, why: &str) -> Self {
        Self::new(
            409,
            "Conflict",
            format!(
                "Operation cannot be fulfilled on {} \"{name}\": {why}",
                qualified(group, resource)
            ),
        )
        .with_details(group, resource, name)
    }

    /// 422 Invalid: `Pod "x" is invalid: spec.containers: Required value`.
    pub fn invalid(group: &str, kind: &str, name: &str, causes: Vec<StatusCause>) -> Self {
        let text = causes
            .iter()
            .map(|c| format!("{}: {}", c.field, c.message))
            .collect::<Vec<_>>();
        let summary = if text.len() == 1 {
            text[0].clone()
        } else {
            format!("[{}]", text.join(", "))
        };
        let qualified_kind = if group.is_empty() {
            kind.to_string()
        } else {
            format!("{kind}.{group}")
        };
        let mut err = Self::new(
            422,
            "Invalid",
            format!("{qualified_kind} \"{name}\" is invalid: {summary}"),
        )
        .with_details(group, kind, name);
        if let Some(Value::Object(d)) = err.details.as_mut() {
            let causes = causes
                .into_iter()
                .map(|c| json!({"reason": c.reason, "message": c.message, "field": c.field}))
                .collect::<Vec<_>>();
            d.insert("causes".into(), Value::Array(causes));
        }
        err
    }

    /// 400 BadRequest.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "BadRequest", message)
    }

    /// 403 Forbidden for an object (e.g. deleting `default`).
    pub fn forbidden(group: &str, resource: &str, name: &str, why: &str) -> Self {
        let what = if name.is_empty() {
            qualified(group, resource)
        } else {
            format!("{} \"{name}\"", qualified(group, resource))
        };
        Self::new(403, "Forbidden", format!("{what} is forbidden: {why}"))
            .with_details(group, resource, name)
    }

    /// 405 MethodNotAllowed.
    pub fn method_not_allowed(message: impl Into<String>) -> Self {
        Self::new(405, "MethodNotAllowed", message)
    }

    /// 404 for a path that serves nothing (upstream answers `404 page not found` as a Status
    /// with reason NotFound for unknown resources under a known group version).
    pub fn no_route() -> Self {
        Self::new(
            404,
            "NotFound",
            "the server could not find the requested resource",
        )
        .with_empty_details()
    }

    fn with_empty_details(mut self) -> Self {
        self.details = Some(json!({}));
        self
    }

    /// 410 Gone with reason `Expired`: a watch from a resourceVersion older than the history.
    pub fn expired(message: impl Into<String>) -> Self {
        Self::new(410, "Expired", message)
    }

    /// 504 Timeout for a watch from a resourceVersion newer than any written
    /// (`kubernetes: staging/src/k8s.io/apiserver/pkg/storage/errors.go`, `NewTooLargeResourceVersionError`).
    pub fn too_large_rv(asked: u64, current: u64) -> Self {
        let mut err = Self::new(
            504,
            "Timeout",
            format!("Too large resource version: {asked}, current: {current}"),
        );
        err.details = Some(json!({
            "causes": [{"reason": "ResourceVersionTooLarge", "message": "Too large resource version"}],
            "retryAfterSeconds": 1,
        }));
        err
    }

    /// 429 TooManyRequests, as kube-apiserver's max-in-flight filter answers.
    pub fn too_many_requests() -> Self {
        let mut err = Self::new(
            429,
            "TooManyRequests",
            "Too many requests, please try again later.",
        );
        err.details = Some(json!({"retryAfterSeconds": 1}));
        err
    }

    /// 413 RequestEntityTooLarge.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            413,
            "RequestEntityTooLarge",
            format!("Request entity too large: limit is {limit}"),
        )
    }

    /// 500 without a reason: a write the storage refused for lack of space. kube-apiserver
    /// passes etcd's quota error ("etcdserver: mvcc: database space exceeded") through its
    /// storage layer unconverted (`kubernetes:
    /// staging/src/k8s.io/apiserver/pkg/storage/errors/storage.go`, `InterpretCreateError`,
    /// `InterpretUpdateError`), and its handlers turn an error that is not a `Status` into a
    /// 500 with reason Unknown (empty) and the error's text as the message (`kubernetes:
    /// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/status.go`,
    /// `ErrorToAPIStatus`; kubernetes/kubernetes#112152 asks for a better code, still open).
    pub fn database_space_exceeded() -> Self {
        Self::new(500, "", "etcdserver: mvcc: database space exceeded")
    }

    /// 415 UnsupportedMediaType.
    pub fn unsupported_media_type(allowed: &[&str]) -> Self {
        Self::new(
            415,
            "UnsupportedMediaType",
            format!(
                "the body of the request was in an unknown format - accepted media types include: {}",
                allowed.join(", ")
            ),
        )
    }

    /// 406 NotAcceptable.
    pub fn not_acceptable(message: impl Into<String>) -> Self {
        Self::new(406, "NotAcceptable", message)
    }

    /// 500 InternalError.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            500,
            "InternalError",
            format!("Internal error occurred: {}", message.into()),
        )
    }

    /// The `Status` object for this error.
    pub fn to_status(&self) -> Value {
        let mut status = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "code": self.code,
        });
        if !self.reason.is_empty() {
            status["reason"] = json!(self.reason);
        }
        if let Some(details) = &self.details {
            status["details"] = details.clone();
        }
        status
    }
}

/// `pods` or `leases.coordination.k8s.io`, as upstream's `GroupResource.String()` writes it.
fn qualified(group: &str, resource: &str) -> String {
    if group.is_empty() {
        resource.to_string()
    } else {
        format!("{resource}.{group}")
    }
}

/// A `Status` with `status: Success`, as a binding or a delete answers.
pub(crate) fn success_status(code: u16, details: Option<Value>) -> Value {
    let mut status = json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "code": code,
    });
    if let Some(d) = details {
        status["details"] = d;
    }
    status
}
