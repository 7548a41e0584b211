//! The API server's authentication as an operator meets it: a non-loopback address is served
//! only with TLS and a bearer token (or an explicit, insecure opt-in); the token comes from a
//! file or the environment as well as the command line, is compared in constant time, and
//! never shows in `Debug` output or logs.

use std::process::Stdio;
use std::time::Duration;

use k8s_framework::apiserver::{ApiServer, ApiServerConfig, BearerToken, Error, TlsIdentity};
use tokio::io::{AsyncBufReadExt, BufReader};

const K8SM: &str = env!("CARGO_BIN_EXE_k8sm");
const KUBECTL: &str = "/usr/bin/kubectl";
const DEADLINE: Duration = Duration::from_secs(30);

#[tokio::test]
async fn a_remote_address_needs_tls_and_a_token_or_an_explicit_opt_in() {
    let any = std::net::SocketAddr::from(([0, 0, 0, 0], 0));
    for config in [
        ApiServerConfig::default().with_addr(any),
        ApiServerConfig::default()
            .with_addr(any)
            .with_token("t0ken"),
        ApiServerConfig::default()
            .with_addr(any)
            .with_tls(TlsIdentity::self_signed().expect("identity")),
    ] {
        match ApiServer::start(config).await {
            Err(Error::InsecureRemote { addr }) => assert_eq!(addr, any),
            Err(other) => panic!("another error: {other}"),
            Ok(server) => panic!("served {} without TLS and a token", server.url()),
        }
    }
    let protected = ApiServer::start(
        ApiServerConfig::default()
            .with_addr(any)
            .with_token("t0ken")
            .with_tls(TlsIdentity::self_signed().expect("identity")),
    )
    .await
    .expect("TLS and a token: served");
    protected.shutdown().await;
    let allowed = ApiServer::start(
        ApiServerConfig::default()
            .with_addr(any)
            .with_insecure_remote_access(true),
    )
    .await
    .expect("explicitly allowed");
    allowed.shutdown().await;
    // Loopback needs neither.
    let local = ApiServer::start(ApiServerConfig::default())
        .await
        .expect("loopback");
    local.shutdown().await;
    // An empty token or one that is no header value is refused.
    for bad in ["", "two words", "tab\there", "é"] {
        let result = ApiServer::start(ApiServerConfig::default().with_token(bad)).await;
        assert!(matches!(result, Err(Error::Token(_))), "{bad:?}");
    }
}

#[test]
fn the_token_never_shows_in_debug_and_compares_whole() {
    let config = ApiServerConfig::default().with_token("s3cret-value");
    let shown = format!("{config:?}");
    assert!(!shown.contains("s3cret-value"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    let token = BearerToken::clone(config.token.as_ref().expect("token"));
    assert!(token.matches("s3cret-value"));
    for wrong in [
        "",
        "s3cret-valu",
        "s3cret-value2",
        "S3cret-value",
        "x3cret-value",
    ] {
        assert!(!token.matches(wrong), "{wrong:?}");
    }
}

/// Starts `k8sm apiserver ARGS` with `env`; returns it and its first stdout line (its URL).
async fn apiserver(args: &[&str], env: &[(&str, &str)]) -> (tokio::process::Child, String) {
    let mut child = tokio::process::Command::new(K8SM)
        .arg("apiserver")
        .args(args)
        .envs(env.iter().copied())
        .env("RUST_LOG", "debug")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("k8sm apiserver starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let url = tokio::time::timeout(DEADLINE, lines.next_line())
        .await
        .expect("its URL in time")
        .expect("read")
        .expect("a URL line");
    (child, url)
}

#[tokio::test]
async fn the_binary_reads_the_token_from_a_file_or_the_environment_and_never_logs_it() {
    let dir = std::env::temp_dir().join(format!("k8sm-auth-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");

    // A remote address without TLS: one line, naming the way out.
    let refused = tokio::time::timeout(
        DEADLINE,
        tokio::process::Command::new(K8SM)
            .args(["apiserver", "--bind", "0.0.0.0", "--port", "0"])
            .stdin(Stdio::null())
            .output(),
    )
    .await
    .expect("in time")
    .expect("runs");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("refusing to serve 0.0.0.0:0 without TLS and a bearer token")
            && stderr.contains("--allow-insecure-remote-access"),
        "{stderr}"
    );

    for (name, args, env) in [
        (
            "file",
            vec!["--token-file", "TOKEN_FILE"],
            vec![] as Vec<(&str, &str)>,
        ),
        (
            "environment",
            vec![],
            vec![("K8SM_APISERVER_TOKEN", "from-the-environment-7f3a")],
        ),
    ] {
        let token = if name == "file" {
            "from-a-file-91c2"
        } else {
            "from-the-environment-7f3a"
        };
        let token_file = dir.join("token");
        std::fs::write(&token_file, format!("{token}\n")).expect("token file");
        let kubeconfig = dir.join(format!("{name}.kubeconfig"));
        let mut all: Vec<String> = vec![
            "--tls".into(),
            "--bind".into(),
            "0.0.0.0".into(),
            "--port".into(),
            "0".into(),
            "--kubeconfig-out".into(),
            kubeconfig.display().to_string(),
        ];
        all.extend(args.iter().map(|a| {
            if *a == "TOKEN_FILE" {
                token_file.display().to_string()
            } else {
                a.to_string()
            }
        }));
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let (mut child, _url) = apiserver(&all, &env).await;
        let written = std::fs::read_to_string(&kubeconfig).expect("kubeconfig");
        assert!(written.contains(token), "the kubeconfig carries the token");
        let output = tokio::time::timeout(
            DEADLINE,
            tokio::process::Command::new(KUBECTL)
                .arg("--kubeconfig")
                .arg(&kubeconfig)
                .args(["get", "namespaces", "-o", "name"])
                .output(),
        )
        .await
        .expect("kubectl in time")
        .expect("kubectl runs");
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains("namespace/default"));
        child.start_kill().expect("stop");
        let output = child.wait_with_output().await.expect("its output");
        let logs = String::from_utf8_lossy(&output.stderr);
        assert!(logs.contains("listening"), "{name}: debug logs: {logs}");
        assert!(!logs.contains(token), "{name}: the token is logged: {logs}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
