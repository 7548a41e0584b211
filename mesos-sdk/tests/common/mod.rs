//! Shared pieces of the scheduler integration tests: a framework description, waiting for
//! session events with a deadline, and a task that fits the simulator's default offers.

#![allow(dead_code, unreachable_pub)]

#[allow(unused_imports)]
pub use mesos_test_peers::zk;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use mesos_sdk::scheduler::{SchedulerConfig, SessionEvent, SessionEvents};
use mesos_sdk::v1::scheduler::{Event, event};
use mesos_sdk::v1::{
    AgentId, CommandInfo, FrameworkInfo, Offer, Resource, TaskId, TaskInfo, TaskState, TaskStatus,
    value,
};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig, crypto};

/// How long any single expected thing may take before a test fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

pub fn framework(name: &str) -> FrameworkInfo {
    FrameworkInfo {
        user: "nobody".into(),
        name: name.into(),
        failover_timeout: Some(3600.0),
        ..Default::default()
    }
}

/// A config with short backoffs so reconnection tests are quick.
pub fn config(name: &str) -> SchedulerConfig {
    config_for(framework(name))
}

/// [`config`] for a given `FrameworkInfo` (e.g. one carrying an id).
pub fn config_for(info: FrameworkInfo) -> SchedulerConfig {
    SchedulerConfig::new(info)
        .with_backoff(Duration::from_millis(50), Duration::from_millis(500))
        .with_connection_delay_max(Duration::from_millis(50))
        .with_call_timeout(Duration::from_secs(10))
}

/// Next session event matching `pick`, skipping others; fails after [`DEADLINE`] or when the
/// session ends.
pub async fn next_matching<T>(
    events: &mut SessionEvents,
    what: &str,
    pick: impl FnMut(&SessionEvent) -> Option<T>,
) -> T {
    next_matching_within(events, what, DEADLINE, pick).await
}

/// [`next_matching`] with its own deadline, for what a peer may take long to do on a loaded
/// machine (a real Mesos electing a new leader and recovering its replicated log).
pub async fn next_matching_within<T>(
    events: &mut SessionEvents,
    what: &str,
    deadline: Duration,
    mut pick: impl FnMut(&SessionEvent) -> Option<T>,
) -> T {
    let wait = async {
        loop {
            match events.next().await {
                Some(Ok(event)) => {
                    if let Some(found) = pick(&event) {
                        return found;
                    }
                }
                Some(Err(e)) => panic!("session ended while waiting for {what}: {e}"),
                None => panic!("session closed while waiting for {what}"),
            }
        }
    };
    match tokio::time::timeout(deadline, wait).await {
        Ok(found) => found,
        Err(_) => panic!("no {what} within {deadline:?}"),
    }
}

pub fn master_event(e: &SessionEvent, kind: event::Type) -> Option<Event> {
    match e {
        SessionEvent::Event(ev) if ev.r#type() == kind => Some((**ev).clone()),
        _ => None,
    }
}

pub async fn next_offers(events: &mut SessionEvents) -> Vec<Offer> {
    next_matching(events, "OFFERS", |e| master_event(e, event::Type::Offers))
        .await
        .offers
        .map(|o| o.offers)
        .unwrap_or_default()
}

/// The next status update for `task`, in any state.
pub async fn next_update(events: &mut SessionEvents, task: &str) -> TaskStatus {
    next_matching(events, &format!("an update for {task}"), |e| {
        master_event(e, event::Type::Update)
            .and_then(|ev| ev.update)
            .map(|u| u.status)
            .filter(|s| s.task_id.value == task)
    })
    .await
}

/// Waits for `task` to reach `state`, returning the updates seen on the way.
pub async fn wait_for_state(
    events: &mut SessionEvents,
    task: &str,
    state: TaskState,
) -> Vec<TaskStatus> {
    let mut seen = Vec::new();
    loop {
        let status = next_update(events, task).await;
        let reached = status.state() == state;
        seen.push(status);
        if reached {
            return seen;
        }
        assert!(
            seen.len() < 20,
            "{task} never reached {state:?}: {:?}",
            seen.iter().map(|s| s.state()).collect::<Vec<_>>()
        );
    }
}

#[allow(deprecated)]
fn scalar(name: &str, v: f64) -> Resource {
    Resource {
        name: name.into(),
        r#type: value::Type::Scalar as i32,
        scalar: Some(value::Scalar { value: v }),
        ..Default::default()
    }
}

/// A shell-command task of 0.1 CPU and 32 MB on `agent`.
pub fn shell_task(id: &str, agent: &AgentId, command: &str) -> TaskInfo {
    TaskInfo {
        name: id.into(),
        task_id: TaskId { value: id.into() },
        agent_id: agent.clone(),
        resources: vec![scalar("cpus", 0.1), scalar("mem", 32.0)],
        command: Some(CommandInfo {
            value: Some(command.into()),
            shell: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Polls `check` until it holds, failing after [`DEADLINE`].
pub async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = tokio::time::Instant::now();
    loop {
        if check() {
            return;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{what} did not happen within {DEADLINE:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate it signed.
pub struct Pki {
    pub ca_pem: String,
    pub server_chain: Vec<CertificateDer<'static>>,
    pub server_key: PrivateKeyDer<'static>,
    pub client_cert_pem: String,
    pub client_key_pem: String,
    pub roots: RootCertStore,
}

pub fn pki() -> Pki {
    let ca_key = KeyPair::generate().expect("key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA");

    let server_key = KeyPair::generate().expect("key");
    let server = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .expect("params")
        .signed_by(&server_key, &ca)
        .expect("server cert");
    let client_key = KeyPair::generate().expect("key");
    let client = CertificateParams::new(vec!["framework.example".to_string()])
        .expect("params")
        .signed_by(&client_key, &ca)
        .expect("client cert");

    let mut roots = RootCertStore::empty();
    roots.add(ca.der().clone()).expect("CA usable");
    Pki {
        ca_pem: ca.pem(),
        server_chain: vec![server.der().clone()],
        server_key: PrivateKeyDer::from_pem_slice(server_key.serialize_pem().as_bytes())
            .expect("server key"),
        client_cert_pem: client.pem(),
        client_key_pem: client_key.serialize_pem(),
        roots,
    }
}

/// Terminates TLS (requiring a client certificate signed by the CA) and forwards the bytes to
/// a plain HTTP port (the simulator's master or an agent's executor API).
pub async fn tls_terminator(pki: &Pki, upstream: SocketAddr) -> SocketAddr {
    let provider = Arc::new(crypto::ring::default_provider());
    let verifier =
        WebPkiClientVerifier::builder_with_provider(Arc::new(pki.roots.clone()), provider.clone())
            .build()
            .expect("client verifier");
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_client_cert_verifier(verifier)
        .with_single_cert(pki.server_chain.clone(), pki.server_key.clone_key())
        .expect("server config");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Ok(mut plain) = TcpStream::connect(upstream).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    addr
}
