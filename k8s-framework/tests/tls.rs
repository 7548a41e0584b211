//! HTTPS with a bearer token, checked with the real kubectl through the written kubeconfig
//! (client-go sends credentials only over TLS).

mod common;

use k8s_framework::apiserver::{ApiServer, ApiServerConfig, TlsIdentity};

#[tokio::test]
async fn kubectl_over_tls_with_a_token() {
    let config = ApiServerConfig::default()
        .with_tls(TlsIdentity::self_signed().expect("cert"))
        .with_token("s3cret");
    let server = ApiServer::start(config).await.expect("server");
    assert!(server.url().starts_with("https://127.0.0.1:"));
    let dir = std::env::temp_dir().join(format!("k8sm-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let kubeconfig = dir.join("kubeconfig");
    server.write_kubeconfig(&kubeconfig).expect("kubeconfig");
    let kubectl = |args: &[&str]| {
        let mut cmd = tokio::process::Command::new(common::KUBECTL);
        cmd.env("KUBECONFIG", &kubeconfig).args(args);
        cmd
    };
    let out = tokio::time::timeout(
        common::DEADLINE,
        kubectl(&["get", "namespaces", "-o", "name"]).output(),
    )
    .await
    .expect("in time")
    .expect("kubectl");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("namespace/kube-node-lease"));
    // The wrong token is refused.
    let out = tokio::time::timeout(
        common::DEADLINE,
        kubectl(&["--token=wrong", "get", "--raw", "/api/v1/namespaces"]).output(),
    )
    .await
    .expect("in time")
    .expect("kubectl");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Unauthorized"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
