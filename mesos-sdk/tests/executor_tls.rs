//! The executor session over HTTPS with a client certificate, configured as a Mesos agent
//! configures its executors: `LIBPROCESS_SSL_ENABLED`, `LIBPROCESS_SSL_CA_FILE`,
//! `LIBPROCESS_SSL_CERT_FILE` and `LIBPROCESS_SSL_KEY_FILE` in its environment. A TLS
//! terminator requiring the client certificate sits in front of a mesos-sim agent's executor
//! API; the custom executor mesos-sim starts only records its agent's address, and this test's
//! in-process executor subscribes in its place.

mod common;

use common::*;
use futures_util::StreamExt;
use mesos_sdk::builders::{ExecutorBuilder, TaskBuilder};
use mesos_sdk::detector::StaticDetector;
use mesos_sdk::executor::{Executor, ExecutorConfig, TypedEvent as ExecutorEvent};
use mesos_sdk::offers::{ResourceRequest, find_fit, launch};
use mesos_sdk::resources::Resources;
use mesos_sdk::scheduler::Session;
use mesos_sdk::v1::{TaskState, TaskStatus};
use mesos_sim::Cluster;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_executor_subscribes_over_https_with_a_client_certificate() {
    let dir = std::env::temp_dir().join(format!("executor-tls-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("folder");
    let pki = pki();
    let files = [
        ("ca.pem", &pki.ca_pem),
        ("client.pem", &pki.client_cert_pem),
        ("client-key.pem", &pki.client_key_pem),
    ];
    for (name, pem) in files {
        std::fs::write(dir.join(name), pem).expect("write");
    }
    let recorded = dir.join("agent-endpoint");

    let cluster = Cluster::builder()
        .work_dir(dir.join("work"))
        .start()
        .await
        .expect("cluster");
    let (scheduler, mut events) = Session::start(
        config("tls-executor"),
        StaticDetector::new(cluster.master_url().parse().expect("url")),
    )
    .expect("start");
    let offer = next_offers(&mut events).await.remove(0);
    let framework_id = scheduler.framework_id().expect("id");
    let executor = ExecutorBuilder::custom(
        "tls-ex",
        [
            "sh",
            "-c",
            &format!(
                "echo $MESOS_AGENT_ENDPOINT > {}; exec sleep 600",
                recorded.display()
            ),
        ],
    )
    .framework(framework_id.clone())
    .resources(Resources::parse("cpus:0.1;mem:32").expect("resources"))
    .build();
    let wanted = ResourceRequest::new().cpus(0.2).mem(64.0);
    let resources = find_fit(&offer, &wanted).expect("fits");
    let task = TaskBuilder::new("secure", &offer.agent_id)
        .executor(executor)
        .resources(resources)
        .build();
    scheduler
        .accept(vec![offer.id.clone()], vec![launch(vec![task])], None)
        .await
        .expect("ACCEPT");
    eventually("the executor process records its agent", || {
        std::fs::read_to_string(&recorded).is_ok_and(|s| s.trim().contains(':'))
    })
    .await;
    let agent: std::net::SocketAddr = std::fs::read_to_string(&recorded)
        .expect("endpoint")
        .trim()
        .parse()
        .expect("an address");
    let proxy = tls_terminator(&pki, agent).await;

    let path = |name: &str| dir.join(name).display().to_string();
    let config = ExecutorConfig::from_vars([
        ("MESOS_FRAMEWORK_ID", framework_id.value.clone()),
        ("MESOS_EXECUTOR_ID", "tls-ex".to_string()),
        (
            "MESOS_AGENT_ENDPOINT",
            format!("127.0.0.1:{}", proxy.port()),
        ),
        ("LIBPROCESS_SSL_ENABLED", "true".to_string()),
        ("LIBPROCESS_SSL_CA_FILE", path("ca.pem")),
        ("LIBPROCESS_SSL_CERT_FILE", path("client.pem")),
        ("LIBPROCESS_SSL_KEY_FILE", path("client-key.pem")),
    ])
    .expect("config");
    assert!(config.uses_tls());
    let (executor, executor_events) = Executor::start(config).expect("executor");
    let mut executor_events = executor_events.typed();
    let launched = loop {
        match tokio::time::timeout(DEADLINE, executor_events.next())
            .await
            .expect("an event in time")
            .expect("the stream goes on")
            .expect("no error")
        {
            ExecutorEvent::Launch(task) => break task,
            _ => continue,
        }
    };
    assert_eq!(launched.task_id.value, "secure");
    executor
        .update(TaskStatus {
            task_id: launched.task_id.clone(),
            state: TaskState::TaskRunning as i32,
            ..Default::default()
        })
        .await
        .expect("UPDATE over TLS");
    wait_for_state(&mut events, "secure", TaskState::TaskRunning).await;
    executor.close();
    cluster.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_environment_turns_tls_on_and_names_what_is_wrong() {
    let base = [
        ("MESOS_FRAMEWORK_ID", "f"),
        ("MESOS_EXECUTOR_ID", "e"),
        ("MESOS_AGENT_ENDPOINT", "127.0.0.1:5051"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        ExecutorConfig::from_vars(base.iter().chain(extra).copied())
    };
    assert!(!with(&[]).expect("plain").uses_tls());
    assert!(
        with(&[("LIBPROCESS_SSL_ENABLED", "1")])
            .expect("tls")
            .uses_tls()
    );
    let error = with(&[("LIBPROCESS_SSL_ENABLED", "yes")]).expect_err("not a boolean");
    assert!(
        error.to_string().contains("LIBPROCESS_SSL_ENABLED"),
        "{error}"
    );
    let error = with(&[
        ("LIBPROCESS_SSL_ENABLED", "true"),
        ("LIBPROCESS_SSL_CA_FILE", "/nonexistent/ca.pem"),
    ])
    .expect_err("missing CA");
    assert!(
        error.to_string().contains("LIBPROCESS_SSL_CA_FILE"),
        "{error}"
    );
    let error = with(&[
        ("LIBPROCESS_SSL_ENABLED", "true"),
        ("LIBPROCESS_SSL_CERT_FILE", "/tmp/cert.pem"),
    ])
    .expect_err("a certificate without its key");
    assert!(
        error.to_string().contains("LIBPROCESS_SSL_KEY_FILE"),
        "{error}"
    );
}
