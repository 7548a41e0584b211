//! HTTP answers: JSON bodies, `Status` errors, `Warning` headers, and what the `Accept` header
//! asks for (plain objects, a Table, or PartialObjectMetadata), as negotiated in
//! `kubernetes: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/negotiation/negotiate.go`.

use std::convert::Infallible;

use bytes::Bytes;
use http::{HeaderValue, Response, StatusCode, header};
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use serde_json::Value;

use super::error::ApiError;
use super::tables::TableVersion;

/// The body type of every answer.
pub(crate) type Body = BoxBody<Bytes, Infallible>;

/// A successful answer before it becomes HTTP.
#[derive(Debug)]
pub(crate) struct Reply {
    /// HTTP status.
    pub(crate) code: u16,
    /// The JSON body.
    pub(crate) body: Value,
    /// `Warning` header texts (unknown fields under `fieldValidation=Warn`).
    pub(crate) warnings: Vec<String>,
}

impl Reply {
    /// 200 OK.
    pub(crate) fn ok(body: Value) -> Self {
        Self {
            code: 200,
            body,
            warnings: Vec::new(),
        }
    }

    /// Any status code.
    pub(crate) fn with_code(code: u16, body: Value) -> Self {
        Self {
            code,
            body,
            warnings: Vec::new(),
        }
    }
}

/// A complete body.
pub(crate) fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).boxed()
}

/// A JSON answer.
pub(crate) fn json(reply: Reply) -> Response<Body> {
    let bytes = serde_json::to_vec(&reply.body).unwrap_or_default();
    let mut resp = Response::new(full(bytes));
    *resp.status_mut() = StatusCode::from_u16(reply.code).unwrap_or(StatusCode::OK);
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    for w in reply.warnings {
        // kubernetes: staging/src/k8s.io/apiserver/pkg/warning: `299 - "<text>"`.
        let text = format!("299 - {}", serde_json::to_string(&w).unwrap_or_default());
        if let Ok(v) = HeaderValue::from_str(&text) {
            resp.headers_mut().append(header::WARNING, v);
        }
    }
    resp
}

/// A `Status` error answer.
pub(crate) fn error(err: &ApiError) -> Response<Body> {
    let mut resp = json(Reply::with_code(err.code, err.to_status()));
    if err.code == 429 {
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    resp
}

/// A plain-text answer (`404 page not found`, `ok` from health checks).
pub(crate) fn text(code: u16, body: &'static str) -> Response<Body> {
    let mut resp = Response::new(full(body));
    *resp.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp.headers_mut().insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    resp
}

/// What form of answer the `Accept` header asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wanted {
    /// The objects themselves.
    Plain,
    /// `as=Table`.
    Table(TableVersion),
    /// `as=PartialObjectMetadata` or `as=PartialObjectMetadataList` (meta.k8s.io/v1).
    Metadata,
}

/// Reads the first media range of `Accept` that this server can produce.
pub(crate) fn negotiate(accept: Option<&str>) -> Wanted {
    let Some(accept) = accept else {
        return Wanted::Plain;
    };
    for range in accept.split(',') {
        let mut parts = range.split(';').map(str::trim);
        let media = parts.next().unwrap_or("");
        if !matches!(media, "application/json" | "*/*" | "application/*") {
            continue;
        }
        let (mut as_, mut g, mut v) = (None, None, None);
        for p in parts {
            match p.split_once('=') {
                Some(("as", x)) => as_ = Some(x),
                Some(("g", x)) => g = Some(x),
                Some(("v", x)) => v = Some(x),
                _ => {}
            }
        }
        match (as_, g, v) {
            (None, _, _) => return Wanted::Plain,
            (Some("Table"), Some("meta.k8s.io"), Some("v1")) => {
                return Wanted::Table(TableVersion::V1);
            }
            (Some("Table"), Some("meta.k8s.io"), Some("v1beta1")) => {
                return Wanted::Table(TableVersion::V1Beta1);
            }
            (
                Some("PartialObjectMetadata" | "PartialObjectMetadataList"),
                Some("meta.k8s.io"),
                Some("v1"),
            ) => {
                return Wanted::Metadata;
            }
            _ => continue,
        }
    }
    Wanted::Plain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubectl_get_asks_for_tables() {
        let kubectl = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
        assert_eq!(negotiate(Some(kubectl)), Wanted::Table(TableVersion::V1));
        assert_eq!(negotiate(Some("application/json")), Wanted::Plain);
        assert_eq!(negotiate(None), Wanted::Plain);
        assert_eq!(
            negotiate(Some(
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
            )),
            Wanted::Plain
        );
    }
}
