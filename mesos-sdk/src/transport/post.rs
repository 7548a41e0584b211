//! One POST of a Mesos API call: the exact headers Mesos expects (exact `Content-Type`,
//! `Accept`, credentials, extra headers such as `Mesos-Stream-Id`), and a bound on the wait
//! for the response headers. Shared by SUBSCRIBE (scheduler and executor) and the call paths,
//! which build the request line and headers once ([`RequestTemplate`]) and reuse them for
//! every call: at hundreds of thousands of acknowledgements a second, parsing and validating
//! the same five headers (and base64-encoding credentials) per request is a visible cost.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper::header::{HeaderMap, HeaderName, HeaderValue};

use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::transport::{Credentials, Encoding, RequestBody};

/// How to POST one call.
pub(crate) struct Post<'a> {
    /// The call's name, for errors (`SUBSCRIBE`, `ACCEPT`, ...).
    pub(crate) call: &'static str,
    pub(crate) endpoint: &'a Endpoint,
    pub(crate) path: &'a str,
    pub(crate) encoding: Encoding,
    pub(crate) credentials: Option<&'a Credentials>,
    pub(crate) headers: &'a [(&'static str, String)],
    /// Limit for the response headers (not for a streamed body).
    pub(crate) timeout: Duration,
}

impl Post<'_> {
    fn http_error(&self, source: crate::error::BoxError) -> Error {
        Error::Http {
            call: self.call,
            endpoint: self.endpoint.authority(),
            source,
        }
    }

    /// Sends `body` on `sender` and returns the response once its headers arrived.
    pub(crate) async fn send(
        &self,
        sender: &mut SendRequest<RequestBody>,
        body: Bytes,
    ) -> Result<hyper::Response<Incoming>, Error> {
        let template = RequestTemplate::new(
            self.endpoint,
            self.path,
            self.encoding,
            self.credentials,
            self.headers,
        )
        .map_err(|e| self.http_error(e))?;
        let request = template.request(body);
        let exchange = exchange(sender, request, self.call, &template.authority);
        tokio::time::timeout(self.timeout, exchange)
            .await
            .map_err(|_| Error::Timeout {
                call: self.call,
                endpoint: template.authority.clone(),
                after: self.timeout,
            })?
    }
}

/// The parts of a call's request that are the same for every call on one path: the URI and
/// the headers, parsed and validated once.
#[derive(Debug, Clone)]
pub(crate) struct RequestTemplate {
    uri: hyper::Uri,
    headers: HeaderMap,
    /// `host:port` of the peer, for errors.
    pub(crate) authority: String,
}

impl RequestTemplate {
    /// The template of a POST to `path` on `endpoint`; fails on a header value HTTP cannot
    /// carry (a credential or stream id with a line break).
    pub(crate) fn new(
        endpoint: &Endpoint,
        path: &str,
        encoding: Encoding,
        credentials: Option<&Credentials>,
        extra: &[(&'static str, String)],
    ) -> Result<Self, crate::error::BoxError> {
        let authority = endpoint.authority();
        let uri: hyper::Uri = path.parse()?;
        let mut headers = HeaderMap::with_capacity(5 + extra.len());
        headers.insert(hyper::header::HOST, HeaderValue::from_str(&authority)?);
        let media_type = HeaderValue::from_static(encoding.media_type());
        headers.insert(hyper::header::CONTENT_TYPE, media_type.clone());
        headers.insert(hyper::header::ACCEPT, media_type);
        for (name, value) in extra {
            headers.append(
                HeaderName::from_bytes(name.as_bytes())?,
                HeaderValue::from_str(value)?,
            );
        }
        if let Some(credentials) = credentials {
            let mut value = HeaderValue::from_str(&credentials.header_value())?;
            value.set_sensitive(true);
            headers.insert(hyper::header::AUTHORIZATION, value);
        }
        Ok(Self {
            uri,
            headers,
            authority,
        })
    }

    /// The request line and headers of a call as HTTP/1.1 writes them, ending with the name of
    /// the `Content-Length` header: a pipelined lane appends the length, the blank line and
    /// the body ([`super::pipeline`]). Header names are written in lower case, as hyper writes
    /// them on the other paths.
    pub(crate) fn head(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(b"POST ");
        let target = self.uri.path_and_query().map_or("/", |p| p.as_str());
        out.extend_from_slice(target.as_bytes());
        out.extend_from_slice(b" HTTP/1.1\r\n");
        for (name, value) in &self.headers {
            out.extend_from_slice(name.as_str().as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"content-length: ");
        out
    }

    /// A request carrying `body`. Cloning the parsed URI and headers is cheap: their values
    /// share their bytes.
    pub(crate) fn request(&self, body: Bytes) -> hyper::Request<RequestBody> {
        let mut request = hyper::Request::new(Full::new(body));
        *request.method_mut() = hyper::Method::POST;
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        request
    }
}

/// Waits for `sender` to take a request, sends `request` and waits for the response headers.
pub(crate) async fn exchange(
    sender: &mut SendRequest<RequestBody>,
    request: hyper::Request<RequestBody>,
    call: &'static str,
    authority: &str,
) -> Result<hyper::Response<Incoming>, Error> {
    let http_error = |source: hyper::Error| Error::Http {
        call,
        endpoint: authority.to_string(),
        source: Box::new(source),
    };
    sender.ready().await.map_err(http_error)?;
    sender.send_request(request).await.map_err(http_error)
}
