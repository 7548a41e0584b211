//! One POST of a Mesos API call: the exact headers Mesos expects (exact `Content-Type`,
//! `Accept`, credentials, extra headers such as `Mesos-Stream-Id`), and a bound on the wait
//! for the response headers. Shared by SUBSCRIBE (scheduler and executor) and the call queues.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;

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
        let authority = self.endpoint.authority();
        let mut request = hyper::Request::post(self.path)
            .header(hyper::header::HOST, authority.as_str())
            .header(hyper::header::CONTENT_TYPE, self.encoding.media_type())
            .header(hyper::header::ACCEPT, self.encoding.media_type());
        for (header, value) in self.headers {
            request = request.header(*header, value.as_str());
        }
        if let Some(credentials) = self.credentials {
            request = request.header(hyper::header::AUTHORIZATION, credentials.header_value());
        }
        let request = request
            .body(Full::new(body))
            .map_err(|e| self.http_error(Box::new(e)))?;
        let exchange = async {
            sender
                .ready()
                .await
                .map_err(|e| self.http_error(Box::new(e)))?;
            sender
                .send_request(request)
                .await
                .map_err(|e| self.http_error(Box::new(e)))
        };
        tokio::time::timeout(self.timeout, exchange)
            .await
            .map_err(|_| Error::Timeout {
                call: self.call,
                endpoint: authority,
                after: self.timeout,
            })?
    }
}
