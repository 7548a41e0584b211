//! The canned responses of libprocess (`OK`, `Accepted`, `BadRequest`, ...): status code, a
//! short text body with libprocess' default `text/plain; charset=utf-8`, and `Content-Length`.

use bytes::Bytes;
use http::{Response, StatusCode, header};

use super::body::{SimBody, full};

/// A complete response with a text body (empty bodies still get `Content-Length: 0`, so that
/// keep-alive clients such as pymesos' `http.client` can reuse the connection).
pub(crate) fn text(status: StatusCode, message: impl Into<String>) -> Response<SimBody> {
    let message: String = message.into();
    let mut builder = Response::builder()
        .status(status)
        .header(header::CONTENT_LENGTH, message.len());
    if !message.is_empty() {
        builder = builder.header(header::CONTENT_TYPE, "text/plain; charset=utf-8");
    }
    builder
        .body(full(message))
        .unwrap_or_else(|_| Response::new(full(Bytes::new())))
}

/// `202 Accepted` with an empty body.
pub(crate) fn accepted() -> Response<SimBody> {
    text(StatusCode::ACCEPTED, "")
}

/// `400 Bad Request` with the master's explanation.
pub(crate) fn bad_request(message: impl Into<String>) -> Response<SimBody> {
    text(StatusCode::BAD_REQUEST, message)
}

/// `405 Method Not Allowed`, worded as libprocess words it, status line and final period
/// included (`mesos: 3rdparty/libprocess/include/process/http.hpp`, `MethodNotAllowed`).
pub(crate) fn method_not_allowed(method: &http::Method) -> Response<SimBody> {
    let mut response = text(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("405 Method Not Allowed. Expecting one of {{ 'POST' }}, but received '{method}'."),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, http::HeaderValue::from_static("POST"));
    response
}

/// A complete JSON document with `200 OK`.
pub(crate) fn json(value: &serde_json::Value) -> Response<SimBody> {
    let body = value.to_string();
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, body.len())
        .body(full(body))
        .unwrap_or_else(|_| Response::new(full(Bytes::new())))
}

/// `307 Temporary Redirect` with a protocol-relative `Location: //host:port/path`, the form
/// `Master::Http::redirect` produces (`mesos: src/master/http.cpp`).
pub(crate) fn redirect(location: String) -> Response<SimBody> {
    let mut response = text(StatusCode::TEMPORARY_REDIRECT, "");
    if let Ok(value) = http::HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// libprocess' `NotFound()`: an unknown process or endpoint (`process/http.hpp`).
pub(crate) fn not_found() -> Response<SimBody> {
    text(StatusCode::NOT_FOUND, "404 Not Found.")
}
