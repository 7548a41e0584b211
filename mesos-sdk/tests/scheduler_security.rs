//! Authentication and TLS against mesos-sim: HTTP Basic credentials (401 without them), and
//! HTTPS through a TLS terminator in front of the simulator, with a custom CA and a required
//! client certificate.

mod common;

use common::*;
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::scheduler::{Connection, Session, SessionEvent};
use mesos_sdk::{Credentials, Endpoint, Error, TlsConfig};
use mesos_sim::Cluster;
use rcgen::{CertificateParams, KeyPair};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn basic_credentials_are_required_and_accepted() {
    let cluster = Cluster::builder()
        .credential("framework-a", "s3cret")
        .start()
        .await
        .expect("cluster starts");
    let master: Endpoint = cluster.master_url().parse().expect("url");

    let err = Connection::subscribe(&master, &config("anonymous"))
        .await
        .expect_err("no credentials");
    assert_eq!(err.status(), Some(401), "{err}");
    assert!(!err.is_retryable(), "a refused credential is not retried");

    // Over plain http the credentials are not sent unless that is allowed explicitly.
    let plain = config("plain").with_credentials(Credentials::Basic {
        principal: "framework-a".into(),
        secret: "s3cret".into(),
    });
    let err = Connection::subscribe(&master, &plain)
        .await
        .expect_err("credentials over plain http");
    assert!(
        matches!(err, Error::PlaintextCredentials { .. }) && !err.is_retryable(),
        "{err}"
    );
    assert!(
        err.to_string().contains("with_plaintext_credentials"),
        "{err}"
    );

    let wrong = config("wrong")
        .with_credentials(Credentials::Basic {
            principal: "framework-a".into(),
            secret: "guess".into(),
        })
        .with_plaintext_credentials(true);
    let err = Connection::subscribe(&master, &wrong)
        .await
        .expect_err("wrong secret");
    assert_eq!(err.status(), Some(401), "{err}");

    // A session with wrong credentials ends with the error instead of retrying forever.
    let (_s, mut events) =
        Session::start(wrong, StaticDetector::new(master.clone())).expect("start");
    let end = tokio::time::timeout(DEADLINE, futures_util::StreamExt::next(&mut events))
        .await
        .expect("the session ends in time");
    assert!(
        matches!(end, Some(Err(Error::Status { status: 401, .. }))),
        "{end:?}"
    );

    let mut info = framework("authenticated");
    info.principal = Some("framework-a".into());
    let right = config_for(info)
        .with_credentials(Credentials::Basic {
            principal: "framework-a".into(),
            secret: "s3cret".into(),
        })
        .with_plaintext_credentials(true);
    let (scheduler, mut events) =
        Session::start(right, StaticDetector::new(master)).expect("start");
    next_matching(&mut events, "SUBSCRIBED", |e| {
        matches!(e, SessionEvent::Subscribed { .. }).then_some(())
    })
    .await;
    // Calls carry the credentials too.
    scheduler
        .revive(vec![])
        .await
        .expect("REVIVE with credentials");
}

/// A one-shot server on `addr` that answers every request with a 307 to `location`.
async fn redirector(location: String) -> Endpoint {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let location = location.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = stream.read(&mut buf).await;
                let answer = format!(
                    "HTTP/1.1 307 Temporary Redirect\r\nLocation: {location}\r\n\
                     Content-Length: 0\r\n\r\n"
                );
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    format!("127.0.0.1:{}", addr.port()).parse().expect("url")
}

/// A redirect to another host gets no credentials unless that host is trusted; with it the
/// session subscribes there. (127.0.0.2 is loopback too: another host by name.)
#[tokio::test]
async fn credentials_follow_redirects_only_to_trusted_masters() {
    let cluster = Cluster::builder()
        .ip("127.0.0.2".parse().expect("ip"))
        .credential("framework-a", "s3cret")
        .start()
        .await
        .expect("cluster on 127.0.0.2");
    let leader: Endpoint = cluster.master_url().parse().expect("url");
    let standby = redirector(format!("//{}/api/v1/scheduler", leader.authority())).await;
    let credentials = || Credentials::Basic {
        principal: "framework-a".into(),
        secret: "s3cret".into(),
    };
    let untrusted = config("redirected")
        .with_credentials(credentials())
        .with_plaintext_credentials(true);
    let err = Connection::subscribe(&standby, &untrusted)
        .await
        .expect_err("credentials withheld from another host");
    assert!(
        matches!(&err, Error::UntrustedRedirect { endpoint, .. } if endpoint.starts_with("127.0.0.2:")),
        "{err}"
    );
    let trusted = untrusted.with_trusted_masters(["127.0.0.2"]);
    let connection = Connection::subscribe(&standby, &trusted)
        .await
        .expect("subscribed on the trusted leader");
    assert_eq!(connection.endpoint().host(), "127.0.0.2");
}

#[test]
fn a_redirect_from_https_to_http_is_refused() {
    let master: Endpoint = "https://10.0.0.1:5050".parse().expect("url");
    let err = master
        .resolve_redirect("http://10.0.0.2:5050/master/api/v1/scheduler")
        .expect_err("downgrade refused");
    assert!(err.to_string().contains("from https to http"), "{err}");
    // Protocol-relative (what Mesos sends) keeps TLS.
    let (next, _) = master
        .resolve_redirect("//10.0.0.2:5050/master/api/v1/scheduler")
        .expect("protocol-relative");
    assert!(next.is_tls());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_with_a_custom_ca_and_a_client_certificate() {
    let cluster = Cluster::builder().start().await.expect("cluster starts");
    let pki = pki();
    let proxy = tls_terminator(&pki, cluster.master_addr()).await;
    let master: Endpoint = format!("https://127.0.0.1:{}", proxy.port())
        .parse()
        .expect("url");

    // The system roots do not know our CA.
    let untrusted = config("untrusted").with_tls(
        TlsConfig::new()
            .without_system_roots()
            .with_ca_pem(
                CertificateParams::new(Vec::<String>::new())
                    .expect("params")
                    .self_signed(&KeyPair::generate().expect("key"))
                    .expect("other CA")
                    .pem()
                    .as_bytes(),
            )
            .expect("PEM"),
    );
    let err = Connection::subscribe(&master, &untrusted)
        .await
        .expect_err("unknown CA");
    assert!(matches!(err, Error::Connect { .. }), "{err}");

    // The right CA but no client certificate: the terminator refuses the handshake.
    let no_client_cert = TlsConfig::new()
        .without_system_roots()
        .with_ca_pem(pki.ca_pem.as_bytes())
        .expect("CA");
    let err = Connection::subscribe(&master, &config("anonymous").with_tls(no_client_cert))
        .await
        .expect_err("client certificate required");
    assert!(
        matches!(err, Error::Connect { .. } | Error::Http { .. }),
        "{err}"
    );

    let tls = TlsConfig::new()
        .without_system_roots()
        .with_ca_pem(pki.ca_pem.as_bytes())
        .expect("CA")
        .with_client_cert_pem(
            pki.client_cert_pem.as_bytes(),
            pki.client_key_pem.as_bytes(),
        )
        .expect("client certificate");
    let (scheduler, mut events) = Session::start(
        config("over-tls").with_tls(tls),
        StaticDetector::new(master.clone()),
    )
    .expect("start");
    let subscribed_to = next_matching(&mut events, "SUBSCRIBED", |e| match e {
        SessionEvent::Subscribed { master, .. } => Some(master.clone()),
        _ => None,
    })
    .await;
    assert_eq!(subscribed_to, master);
    assert!(subscribed_to.is_tls());
    scheduler.suppress(vec![]).await.expect("calls over TLS");
}

#[test]
fn bad_tls_material_is_a_typed_error() {
    let err = TlsConfig::new()
        .with_ca_pem(b"not a certificate")
        .expect_err("no PEM");
    assert!(matches!(err, Error::Tls { .. }), "{err}");
    let err = TlsConfig::new()
        .with_ca_file("/nonexistent/ca.pem")
        .expect_err("missing file");
    assert!(err.to_string().contains("/nonexistent/ca.pem"), "{err}");
    let pki = pki();
    let err = TlsConfig::new()
        .with_client_cert_pem(pki.client_cert_pem.as_bytes(), b"garbage")
        .expect_err("bad key");
    assert!(matches!(err, Error::Tls { .. }), "{err}");
}
