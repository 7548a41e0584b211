//! The HTTP check's request. Upstream runs `curl -s -S -L -k -w %{http_code} -o /dev/null -g
//! <url>`; this does the same in process: a GET that follows redirects (curl's limit of 50),
//! takes any server certificate over `https` (`-k`), reads the body to its end and yields the
//! last response's status code. Failures are described as curl would report them.
//! `mesos: src/checks/checker_process.cpp` (`httpCheckCommand`, `__httpCheck`).

use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use http::Uri;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::rustls;

/// curl's default `--max-redirs`.
const MAX_REDIRECTS: usize = 50;

/// Where one request goes.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    tls: bool,
    /// A host name or IP address, without brackets.
    host: String,
    port: u16,
    /// Path and query, starting with `/`.
    path: String,
}

impl Target {
    /// `host:port` for the `Host` header.
    fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// Where a `Location` header sends the next request, resolved against this target.
    fn redirect(&self, location: &str) -> Result<Target, String> {
        let location = location.trim();
        let bad = || format!("curl: (3) URL using bad/illegal format or missing URL: {location}");
        if let Some((scheme, _)) = location.split_once("://")
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            let uri: Uri = location.parse().map_err(|_| bad())?;
            let tls = match uri.scheme_str() {
                Some(s) if s.eq_ignore_ascii_case("http") => false,
                Some(s) if s.eq_ignore_ascii_case("https") => true,
                _ => return Err(format!("curl: (1) Protocol \"{scheme}\" not supported")),
            };
            return target(&uri, tls).ok_or_else(bad);
        }
        if location.starts_with("//") {
            let scheme = if self.tls { "https:" } else { "http:" };
            return self.redirect(&format!("{scheme}{location}"));
        }
        let path = if location.starts_with('/') {
            location.to_string()
        } else {
            // Relative to the current path's directory.
            let current = self.path.split(['?', '#']).next().unwrap_or("/");
            let directory = &current[..current.rfind('/').map_or(0, |i| i + 1)];
            format!("{directory}{location}")
        };
        let path = if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        };
        path.parse::<Uri>().map_err(|_| bad())?;
        Ok(Target {
            tls: self.tls,
            host: self.host.clone(),
            port: self.port,
            path,
        })
    }
}

/// The target of an absolute URI.
fn target(uri: &Uri, tls: bool) -> Option<Target> {
    let host = uri.host()?.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return None;
    }
    Some(Target {
        tls,
        host: host.to_string(),
        port: uri.port_u16().unwrap_or(if tls { 443 } else { 80 }),
        path: uri
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string()),
    })
}

/// GETs `scheme://127.0.0.1:port/path` (`[::1]` with `ipv6`) and returns the final status
/// code.
pub(super) async fn get(scheme: &str, ipv6: bool, port: u32, path: &str) -> Result<u32, String> {
    let url = format!(
        "{scheme}://{}:{port}{path}",
        if ipv6 { "[::1]" } else { "127.0.0.1" }
    );
    // A port beyond 16 bits or an unparsable path make an invalid URL for curl.
    let port = u16::try_from(port)
        .map_err(|_| format!("curl: (3) URL using bad/illegal format or missing URL: {url}"))?;
    let path = if path.is_empty() { "/" } else { path };
    path.parse::<Uri>()
        .map_err(|_| format!("curl: (3) URL using bad/illegal format or missing URL: {url}"))?;
    let mut target = Target {
        tls: match scheme {
            "http" => false,
            "https" => true,
            other => return Err(format!("curl: (1) Protocol \"{other}\" not supported")),
        },
        host: if ipv6 { "::1" } else { "127.0.0.1" }.to_string(),
        port,
        path: path.to_string(),
    };
    for _ in 0..=MAX_REDIRECTS {
        match request(&target).await? {
            Outcome::Status(code) => return Ok(code),
            Outcome::Redirect(location) => target = target.redirect(&location)?,
        }
    }
    Err(format!(
        "curl: (47) Maximum ({MAX_REDIRECTS}) redirects followed"
    ))
}

/// What one request got.
enum Outcome {
    Status(u32),
    Redirect(String),
}

/// One GET.
async fn request(target: &Target) -> Result<Outcome, String> {
    let stream = tokio::net::TcpStream::connect((target.host.as_str(), target.port))
        .await
        .map_err(|e| {
            format!(
                "curl: (7) Failed to connect to {} port {}: {e}",
                target.host, target.port
            )
        })?;
    if !target.tls {
        return exchange(stream, target).await;
    }
    let name = rustls_pki_types::ServerName::try_from(target.host.clone())
        .map_err(|e| format!("curl: (35) {e}"))?;
    let stream = insecure_tls()?
        .connect(name, stream)
        .await
        .map_err(|e| format!("curl: (35) {e}"))?;
    exchange(stream, target).await
}

async fn exchange<S>(stream: S, target: &Target) -> Result<Outcome, String>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let received = |e: hyper::Error| format!("curl: (56) Failure when receiving data: {e}");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(received)?;
    let connection = tokio::spawn(connection);
    let request = hyper::Request::get(target.path.as_str())
        .header(hyper::header::HOST, target.authority())
        .header(hyper::header::USER_AGENT, "curl/7.68.0")
        .header(hyper::header::ACCEPT, "*/*")
        .body(Empty::<Bytes>::new())
        .map_err(|e| format!("curl: (3) {e}"))?;
    let response = sender.send_request(request).await.map_err(received)?;
    let status = response.status();
    let location = response
        .headers()
        .get(hyper::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_string);
    // `-o /dev/null`: the body is read to its end and thrown away.
    let mut body = response.into_body();
    while let Some(frame) = body.frame().await {
        frame.map_err(received)?;
    }
    drop(sender);
    connection.abort();
    // `-L` follows a 3xx with a Location (but not 304, which has nothing to follow).
    match location {
        Some(location) if status.is_redirection() && status.as_u16() != 304 => {
            Ok(Outcome::Redirect(location))
        }
        _ => Ok(Outcome::Status(u32::from(status.as_u16()))),
    }
}

/// A TLS connector that takes any server certificate (`curl -k`; the handshake's signatures
/// are still checked), built once.
fn insecure_tls() -> Result<tokio_rustls::TlsConnector, String> {
    static CONNECTOR: OnceLock<Result<tokio_rustls::TlsConnector, String>> = OnceLock::new();
    CONNECTOR
        .get_or_init(|| {
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            rustls::ClientConfig::builder_with_provider(provider.clone())
                .with_safe_default_protocol_versions()
                .map(|builder| {
                    let config = builder
                        .dangerous()
                        .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
                        .with_no_client_auth();
                    tokio_rustls::TlsConnector::from(Arc::new(config))
                })
                .map_err(|e| format!("curl: (35) TLS is not available: {e}"))
        })
        .clone()
}

/// Accepts any certificate chain; verifies handshake signatures with the provider's
/// algorithms.
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls_pki_types::CertificateDer<'_>,
        _intermediates: &[rustls_pki_types::CertificateDer<'_>],
        _server_name: &rustls_pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls_pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Target {
        Target {
            tls: false,
            host: "127.0.0.1".into(),
            port: 8080,
            path: "/a/b?x=1".into(),
        }
    }

    #[test]
    fn redirects_resolve_like_curl() {
        let t = base();
        assert_eq!(t.redirect("/c").unwrap().path, "/c");
        assert_eq!(t.redirect("c").unwrap().path, "/a/c");
        let other = t.redirect("https://[::1]:9443/d").unwrap();
        assert_eq!(
            other,
            Target {
                tls: true,
                host: "::1".into(),
                port: 9443,
                path: "/d".into()
            }
        );
        assert_eq!(other.authority(), "[::1]:9443");
        let same_scheme = t.redirect("//localhost/e").unwrap();
        assert_eq!((same_scheme.tls, same_scheme.port), (false, 80));
        assert!(t.redirect("ftp://x/y").is_err());
    }

    /// A one-shot HTTP server answering each connection with the next canned response.
    async fn serve(responses: Vec<String>) -> u16 {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            for response in responses {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut buffer = [0u8; 1024];
                let _ = socket.read(&mut buffer).await;
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            }
        });
        port
    }

    #[tokio::test]
    async fn follows_redirects_to_the_last_status() {
        let port = serve(vec![
            "HTTP/1.1 302 Found\r\nLocation: /ready\r\nContent-Length: 0\r\n\r\n".into(),
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy".into(),
        ])
        .await;
        assert_eq!(get("http", false, u32::from(port), "/").await, Ok(503));
        assert!(get("http", false, 70000, "/").await.is_err());
        let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let closed_port = closed.local_addr().unwrap().port();
        drop(closed);
        let error = get("http", false, u32::from(closed_port), "")
            .await
            .unwrap_err();
        assert!(error.starts_with("curl: (7)"), "{error}");
    }
}
