//! A container's probes for one run of it, as the kubelet applies them
//! (`kubernetes: pkg/kubelet/prober/worker.go`): the startup probe first, which holds the
//! others back and, failing `failureThreshold` times in a row, has the container restarted;
//! then liveness (the same, while it runs) and readiness (which drives `ready`), each
//! `exec`, `httpGet` or `tcpSocket`, first after `initialDelaySeconds`, then every
//! `periodSeconds`, each attempt bounded by `timeoutSeconds`, a result changing only after
//! `successThreshold` or `failureThreshold` consecutive attempts agree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use http_body_util::Empty;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use k8s_openapi::api::core::v1::{
    Container, ExecAction, HTTPGetAction, LifecycleHandler, Probe, SleepAction, TCPSocketAction,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use tokio::process::Command;

/// What the probes tell the container's supervisor as they go.
pub(super) trait ProbeReport: Send + Sync {
    /// The startup probe succeeded (or there is none): `started`.
    fn started(&self);
    /// Readiness changed.
    fn ready(&self, ready: bool);
    /// An attempt of a probe (`Startup`, `Liveness`, `Readiness`) failed, saying `message`
    /// (the kubelet records each as an `Unhealthy` event).
    fn failed(&self, probe: &'static str, message: &str);
}

/// Where and how the container runs, for `exec` probes and named ports.
pub(super) struct Target<'a> {
    pub(super) container: &'a Container,
    pub(super) env: &'a BTreeMap<String, String>,
    pub(super) cwd: PathBuf,
    pub(super) host: String,
}

fn seconds(value: Option<i32>, default: i32, min: i32) -> Duration {
    Duration::from_secs(u64::try_from(value.unwrap_or(default).max(min)).unwrap_or(0))
}

/// One attempt of a probe: `Ok` on success, `Err` with what went wrong.
async fn attempt(probe: &Probe, target: &Target<'_>) -> Result<(), String> {
    let action = Action {
        exec: probe.exec.as_ref(),
        http_get: probe.http_get.as_ref(),
        tcp_socket: probe.tcp_socket.as_ref(),
        sleep: None,
    };
    let timeout = seconds(probe.timeout_seconds, 1, 1);
    match tokio::time::timeout(timeout, action.run(target)).await {
        Ok(result) => result,
        Err(_) => Err(format!("timed out after {}s", timeout.as_secs())),
    }
}

/// What a probe or a lifecycle hook does: the handler the object names.
pub(super) struct Action<'a> {
    pub(super) exec: Option<&'a ExecAction>,
    pub(super) http_get: Option<&'a HTTPGetAction>,
    pub(super) tcp_socket: Option<&'a TCPSocketAction>,
    pub(super) sleep: Option<&'a SleepAction>,
}

impl Action<'_> {
    /// The handler of a lifecycle hook.
    pub(super) fn of_hook(handler: &LifecycleHandler) -> Action<'_> {
        Action {
            exec: handler.exec.as_ref(),
            http_get: handler.http_get.as_ref(),
            tcp_socket: handler.tcp_socket.as_ref(),
            sleep: handler.sleep.as_ref(),
        }
    }

    /// Runs the handler once (unbounded: the caller sets the deadline).
    pub(super) async fn run(&self, target: &Target<'_>) -> Result<(), String> {
        if let Some(exec) = self.exec {
            let argv = exec.command.clone().unwrap_or_default();
            let Some((program, args)) = argv.split_first() else {
                return Err("exec handler has no command".to_string());
            };
            let mut child = Command::new(program)
                .args(args)
                .env_clear()
                .env("PATH", super::pod::DEFAULT_PATH)
                .envs(target.env)
                .current_dir(&target.cwd)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .process_group(0)
                .kill_on_drop(true)
                .spawn()
                .map_err(|e| format!("exec {program:?}: {e}"))?;
            let status = child.wait().await.map_err(|e| e.to_string())?;
            return if status.success() {
                Ok(())
            } else {
                Err(format!("command {argv:?} exited with {status}"))
            };
        }
        if let Some(http) = self.http_get {
            let port = port(&http.port, target.container)?;
            let host = http.host.clone().unwrap_or_else(|| target.host.clone());
            let path = http.path.clone().unwrap_or_else(|| "/".into());
            let tls = http
                .scheme
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("https"));
            let headers: Vec<(String, String)> = http
                .http_headers
                .iter()
                .flatten()
                .map(|h| (h.name.clone(), h.value.clone()))
                .collect();
            let code = http_get(&host, port, &path, &headers, tls).await?;
            return if (200..400).contains(&code) {
                Ok(())
            } else {
                Err(format!("HTTP probe failed with statuscode: {code}"))
            };
        }
        if let Some(tcp) = self.tcp_socket {
            let port = port(&tcp.port, target.container)?;
            let host = tcp.host.clone().unwrap_or_else(|| target.host.clone());
            tokio::net::TcpStream::connect((host.as_str(), port))
                .await
                .map_err(|e| format!("dial tcp {host}:{port}: {e}"))?;
            return Ok(());
        }
        if let Some(sleep) = self.sleep {
            tokio::time::sleep(Duration::from_secs(
                u64::try_from(sleep.seconds).unwrap_or(0),
            ))
            .await;
            return Ok(());
        }
        Err("no handler given (exec, httpGet, tcpSocket or sleep)".into())
    }
}

/// A port number, or a container port's name.
fn port(port: &IntOrString, container: &Container) -> Result<u16, String> {
    match port {
        IntOrString::Int(n) => u16::try_from(*n).map_err(|_| format!("invalid port {n}")),
        IntOrString::String(name) => container
            .ports
            .iter()
            .flatten()
            .find(|p| p.name.as_deref() == Some(name.as_str()))
            .and_then(|p| u16::try_from(p.container_port).ok())
            .or_else(|| name.parse().ok())
            .ok_or_else(|| format!("no port named {name:?} in container {}", container.name)),
    }
}

/// One GET of a probe or hook; its status code. Over TLS (`scheme: HTTPS`) the server's
/// certificate is not verified, as the kubelet's prober does not (`kubernetes:
/// pkg/probe/http/http.go`, `InsecureSkipVerify: true`): a probe asks whether the server
/// answers, not who it is.
async fn http_get(
    host: &str,
    port: u16,
    path: &str,
    headers: &[(String, String)],
    tls: bool,
) -> Result<u16, String> {
    let scheme = if tls { "https" } else { "http" };
    let failed = |e: &dyn std::fmt::Display| format!("Get \"{scheme}://{host}:{port}{path}\": {e}");
    let stream = tokio::net::TcpStream::connect((host, port))
        .await
        .map_err(|e| failed(&e))?;
    if !tls {
        return get_over(stream, host, port, path, headers).await;
    }
    let name = rustls_pki_types::ServerName::try_from(host.to_string()).map_err(|e| failed(&e))?;
    let stream = insecure_tls()?
        .connect(name, stream)
        .await
        .map_err(|e| failed(&e))?;
    get_over(stream, host, port, path, headers).await
}

async fn get_over<S>(
    stream: S,
    host: &str,
    port: u16,
    path: &str,
    headers: &[(String, String)],
) -> Result<u16, String>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let mut request = hyper::Request::get(path)
        .header(hyper::header::HOST, format!("{host}:{port}"))
        .header(hyper::header::USER_AGENT, "kube-probe/1.33");
    for (name, value) in headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let request = request
        .body(Empty::<Bytes>::new())
        .map_err(|e| e.to_string())?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    Ok(response.status().as_u16())
}

/// A TLS connector that takes any server certificate (the handshake's signatures are still
/// checked), built once.
fn insecure_tls() -> Result<tokio_rustls::TlsConnector, String> {
    use std::sync::{Arc, OnceLock};
    static CONNECTOR: OnceLock<Result<tokio_rustls::TlsConnector, String>> = OnceLock::new();
    CONNECTOR
        .get_or_init(|| {
            let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
            tokio_rustls::rustls::ClientConfig::builder_with_provider(provider.clone())
                .with_safe_default_protocol_versions()
                .map(|b| {
                    let config = b
                        .dangerous()
                        .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
                        .with_no_client_auth();
                    tokio_rustls::TlsConnector::from(Arc::new(config))
                })
                .map_err(|e| format!("TLS is not available: {e}"))
        })
        .clone()
}

/// Accepts any certificate chain; verifies handshake signatures with the provider's
/// algorithms.
#[derive(Debug)]
struct AnyCertificate(std::sync::Arc<tokio_rustls::rustls::crypto::CryptoProvider>);

impl tokio_rustls::rustls::client::danger::ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls_pki_types::CertificateDer<'_>,
        _intermediates: &[rustls_pki_types::CertificateDer<'_>],
        _server_name: &rustls_pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls_pki_types::UnixTime,
    ) -> Result<tokio_rustls::rustls::client::danger::ServerCertVerified, tokio_rustls::rustls::Error>
    {
        Ok(tokio_rustls::rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &tokio_rustls::rustls::DigitallySignedStruct,
    ) -> Result<
        tokio_rustls::rustls::client::danger::HandshakeSignatureValid,
        tokio_rustls::rustls::Error,
    > {
        tokio_rustls::rustls::crypto::verify_tls12_signature(
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
        dss: &tokio_rustls::rustls::DigitallySignedStruct,
    ) -> Result<
        tokio_rustls::rustls::client::danger::HandshakeSignatureValid,
        tokio_rustls::rustls::Error,
    > {
        tokio_rustls::rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<tokio_rustls::rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// Which probe, for how its result is used.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Fails until it succeeds once; returns then (`Ok`) or when it fails for good (`Err`).
    Startup,
    /// Succeeds until it fails for good; returns then, with the error.
    Liveness,
    /// Never returns: reports each change of readiness.
    Readiness,
}

async fn run_probe(
    probe: &Probe,
    target: &Target<'_>,
    mode: Mode,
    report: &dyn ProbeReport,
    mut changed: impl FnMut(bool),
) -> Result<(), String> {
    let name = match mode {
        Mode::Startup => "Startup",
        Mode::Liveness => "Liveness",
        Mode::Readiness => "Readiness",
    };
    let period = seconds(probe.period_seconds, 10, 1);
    let success_threshold = probe.success_threshold.unwrap_or(1).max(1);
    let failure_threshold = probe.failure_threshold.unwrap_or(3).max(1);
    tokio::time::sleep(seconds(probe.initial_delay_seconds, 0, 0)).await;
    // Liveness is presumed until disproved; startup and readiness must be shown.
    let mut result = mode == Mode::Liveness;
    let (mut successes, mut failures) = (0, 0);
    loop {
        match attempt(probe, target).await {
            Ok(()) => {
                successes += 1;
                failures = 0;
                if !result && successes >= success_threshold {
                    result = true;
                    changed(true);
                    if mode == Mode::Startup {
                        return Ok(());
                    }
                }
            }
            Err(error) => {
                report.failed(name, &error);
                failures += 1;
                successes = 0;
                if failures >= failure_threshold {
                    match mode {
                        Mode::Startup | Mode::Liveness => return Err(error),
                        Mode::Readiness if result => {
                            result = false;
                            changed(false);
                        }
                        Mode::Readiness => {}
                    }
                }
            }
        }
        tokio::time::sleep(period).await;
    }
}

/// Supervises the probes of one run of a container; resolves only when the container must
/// be restarted (startup or liveness failed), with the reason.
pub(super) async fn supervise(target: Target<'_>, report: &dyn ProbeReport) -> String {
    let container = target.container;
    if let Some(startup) = &container.startup_probe {
        if let Err(error) = run_probe(startup, &target, Mode::Startup, report, |_| {}).await {
            return format!("Startup probe failed: {error}");
        }
    }
    report.started();
    if container.readiness_probe.is_none() {
        report.ready(true);
    }
    let readiness = async {
        if let Some(probe) = &container.readiness_probe {
            let _ = run_probe(probe, &target, Mode::Readiness, report, |ready| {
                report.ready(ready)
            })
            .await;
        }
        std::future::pending::<String>().await
    };
    let liveness = async {
        if let Some(probe) = &container.liveness_probe {
            if let Err(error) = run_probe(probe, &target, Mode::Liveness, report, |_| {}).await {
                return format!("Liveness probe failed: {error}");
            }
        }
        std::future::pending::<String>().await
    };
    tokio::select! {
        reason = readiness => reason,
        reason = liveness => reason,
    }
}

/// The working directory of a container: its `workingDir`, else the pod's directory.
pub(super) fn cwd(container: &Container, pod_dir: &Path) -> PathBuf {
    match &container.working_dir {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => pod_dir.to_path_buf(),
    }
}
