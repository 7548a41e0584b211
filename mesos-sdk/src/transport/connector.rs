//! Opens HTTP/1.1 connections (plain or TLS) to an endpoint and hands out hyper senders; reads
//! response bodies with a size limit.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::ClientConfig;
use tokio_rustls::rustls::pki_types::ServerName;

use crate::endpoint::Endpoint;
use crate::error::{BoxError, Error};
use crate::transport::TlsConfig;

/// Request bodies are always complete buffers (calls are small).
pub(crate) type RequestBody = Full<Bytes>;

/// Dials endpoints. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Connector {
    tls: Arc<OnceLock<Arc<ClientConfig>>>,
    tls_settings: Option<TlsConfig>,
    connect_timeout: Duration,
}

impl std::fmt::Debug for Connector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connector")
            .field("tls", &self.tls_settings)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

impl Connector {
    pub(crate) fn new(tls: Option<TlsConfig>, connect_timeout: Duration) -> Result<Self, Error> {
        let cell = OnceLock::new();
        if let Some(settings) = &tls {
            // Fail early on a bad configuration rather than at the first HTTPS connection.
            let _ = cell.set(settings.build()?);
        }
        Ok(Self {
            tls: Arc::new(cell),
            tls_settings: tls,
            connect_timeout,
        })
    }

    fn tls_config(&self) -> Result<Arc<ClientConfig>, Error> {
        if let Some(config) = self.tls.get() {
            return Ok(config.clone());
        }
        // An https:// endpoint without explicit settings trusts the system's roots.
        let config = TlsConfig::new().build()?;
        Ok(self.tls.get_or_init(|| config).clone())
    }

    /// Opens a connection and returns its request sender; the connection is driven by a task
    /// that ends when the sender and all responses are dropped or the peer closes.
    pub(crate) async fn connect(
        &self,
        endpoint: &Endpoint,
    ) -> Result<SendRequest<RequestBody>, Error> {
        // Each kind of stream as itself (not boxed): a subscription's events are read
        // through it, and every read of a boxed stream is an indirect call.
        let tcp = self.tcp(endpoint).await?;
        if endpoint.is_tls() {
            let tls = self.tls(endpoint, tcp).await?;
            handshake(TokioIo::new(tls), &endpoint.authority()).await
        } else {
            handshake(TokioIo::new(tcp), &endpoint.authority()).await
        }
    }

    /// Opens a connection (TCP, then TLS for an `https` endpoint) and returns the stream, for
    /// callers that speak HTTP/1.1 on it themselves (pipelined calls).
    pub(crate) async fn connect_stream(&self, endpoint: &Endpoint) -> Result<Stream, Error> {
        let tcp = self.tcp(endpoint).await?;
        if endpoint.is_tls() {
            Ok(Box::new(self.tls(endpoint, tcp).await?))
        } else {
            Ok(Box::new(tcp))
        }
    }

    fn connect_error(endpoint: &Endpoint, source: BoxError) -> Error {
        Error::Connect {
            endpoint: endpoint.authority(),
            source,
        }
    }

    async fn tcp(&self, endpoint: &Endpoint) -> Result<TcpStream, Error> {
        let addr = (endpoint.host(), endpoint.port());
        let tcp = tokio::time::timeout(self.connect_timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| {
                let message = format!("no connection within {:?}", self.connect_timeout);
                Self::connect_error(endpoint, message.into())
            })?
            .map_err(|e| Self::connect_error(endpoint, Box::new(e)))?;
        let _ = tcp.set_nodelay(true);
        Ok(tcp)
    }

    async fn tls(
        &self,
        endpoint: &Endpoint,
        tcp: TcpStream,
    ) -> Result<tokio_rustls::client::TlsStream<TcpStream>, Error> {
        let server_name = ServerName::try_from(endpoint.host().to_string())
            .map_err(|e| Self::connect_error(endpoint, Box::new(e)))?;
        TlsConnector::from(self.tls_config()?)
            .connect(server_name, tcp)
            .await
            .map_err(|e| Self::connect_error(endpoint, Box::new(e)))
    }
}

/// A byte stream to a peer: TCP, or TLS over TCP.
pub(crate) trait Io: AsyncRead + AsyncWrite + Send + Unpin {}

impl<T: AsyncRead + AsyncWrite + Send + Unpin> Io for T {}

/// An open connection, whichever kind ([`Connector::connect_stream`]).
pub(crate) type Stream = Box<dyn Io>;

async fn handshake<T>(io: T, authority: &str) -> Result<SendRequest<RequestBody>, Error>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (sender, connection) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| Error::Connect {
            endpoint: authority.to_string(),
            source: Box::new(e),
        })?;
    let peer = authority.to_string();
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::debug!(%peer, error = %e, "connection closed with an error");
        }
    });
    Ok(sender)
}

/// Reads a whole response body, up to `limit` bytes.
pub(crate) async fn read_body_limited(
    body: hyper::body::Incoming,
    limit: usize,
) -> Result<Bytes, BoxError> {
    Ok(Limited::new(body, limit).collect().await?.to_bytes())
}

/// Reads at most `limit` bytes of a body and drops the rest (for error messages, which are
/// only shown to people).
pub(crate) async fn read_body_truncated(mut body: hyper::body::Incoming, limit: usize) -> Bytes {
    let mut out = bytes::BytesMut::new();
    while out.len() < limit {
        match body.frame().await {
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    let take = data.len().min(limit - out.len());
                    out.extend_from_slice(&data[..take]);
                }
            }
            Some(Err(_)) | None => break,
        }
    }
    out.freeze()
}
