//! Scale benchmark: the offer cycle time with 5,000 synthetic agents and 50 frameworks, and
//! memory per task at 50,000 synthetic tasks. `cargo bench -p mesos-sim --bench scale`;
//! sizes can be changed with `MESOS_SIM_BENCH_AGENTS`, `_FRAMEWORKS` and `_TASKS_PER_AGENT`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use bytes::Bytes;
use common::{
    Enc, Subscription, ack_call, bare_call, command_task, decline_call, framework_info, launch_call,
};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use mesos_sdk::v1::scheduler::{Call, call, event};
use mesos_sdk::v1::{OfferId, TaskState};
use mesos_sim::Cluster;
use tokio::sync::mpsc;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(format!("MESOS_SIM_BENCH_{name}"))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Resident memory of this process, from `/proc/self/statm`.
fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u64>().ok())
        })
        .map_or(0, |pages| pages * 4096)
}

/// Sends calls over a few keep-alive connections, in parallel.
struct Callers {
    queues: Vec<mpsc::UnboundedSender<Call>>,
    next: usize,
}

impl Callers {
    async fn new(
        base: &str,
        stream_id: &str,
        connections: usize,
        done: mpsc::UnboundedSender<()>,
    ) -> Callers {
        let mut queues = Vec::new();
        for _ in 0..connections {
            let (tx, mut rx) = mpsc::unbounded_channel::<Call>();
            let stream = tokio::net::TcpStream::connect(base.trim_start_matches("http://"))
                .await
                .unwrap();
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream))
                    .await
                    .unwrap();
            tokio::spawn(connection);
            let (host, stream_id, done) = (
                base.trim_start_matches("http://").to_string(),
                stream_id.to_string(),
                done.clone(),
            );
            tokio::spawn(async move {
                while let Some(call) = rx.recv().await {
                    sender.ready().await.unwrap();
                    let request = http::Request::post("/api/v1/scheduler")
                        .header("Host", &host)
                        .header("Content-Type", "application/x-protobuf")
                        .header("Mesos-Stream-Id", &stream_id)
                        .body(Full::new(Bytes::from(Enc::Protobuf.encode_call(&call))))
                        .unwrap();
                    let response = sender.send_request(request).await.unwrap();
                    assert_eq!(response.status(), 202);
                    response.into_body().collect().await.unwrap();
                    let _ = done.send(());
                }
            });
            queues.push(tx);
        }
        Callers { queues, next: 0 }
    }

    fn send(&mut self, call: Call) {
        self.next = (self.next + 1) % self.queues.len();
        let _ = self.queues[self.next].send(call);
    }
}

/// Receives offers until every agent's are in; returns them per framework.
async fn collect(
    offers_rx: &mut mpsc::UnboundedReceiver<(usize, Vec<OfferId>)>,
    agents: usize,
    frameworks: usize,
) -> Vec<Vec<OfferId>> {
    let mut held: Vec<Vec<OfferId>> = vec![Vec::new(); frameworks];
    let mut total = 0;
    while total < agents {
        let (index, ids) = offers_rx.recv().await.expect("subscriptions alive");
        total += ids.len();
        held[index].extend(ids);
    }
    held
}

async fn offer_cycle(agents: usize, frameworks: usize) {
    let cluster = Cluster::builder()
        .synthetic(true)
        .agents(agents)
        .heartbeat_interval(Duration::from_secs(3600))
        .allocation_interval(Duration::from_secs(3600))
        .event_queue_capacity(1 << 16)
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let (offers_tx, mut offers_rx) = mpsc::unbounded_channel::<(usize, Vec<OfferId>)>();
    let mut streams = Vec::new();
    for index in 0..frameworks {
        let mut subscription = Subscription::open(
            &url,
            Enc::Protobuf,
            framework_info(&format!("bench-{index}")),
        )
        .await;
        streams.push((
            subscription.framework_id.clone(),
            subscription.stream_id.clone(),
        ));
        let offers_tx = offers_tx.clone();
        tokio::spawn(async move {
            while let Some(event) = subscription
                .next_within(Duration::from_secs(3600))
                .await
                .flatten()
            {
                if event.r#type() == event::Type::Offers {
                    let ids = event
                        .offers
                        .unwrap()
                        .offers
                        .into_iter()
                        .map(|o| o.id)
                        .collect();
                    let _ = offers_tx.send((index, ids));
                }
            }
        });
    }
    // The first allocation after the subscriptions.
    let mut held = collect(&mut offers_rx, agents, frameworks).await;
    let mut cycles = Vec::new();
    for _ in 0..5 {
        // Everything goes back without a filter; no allocation runs until the REVIVE.
        for (index, ids) in held.iter().enumerate() {
            if ids.is_empty() {
                continue;
            }
            let (framework_id, stream_id) = &streams[index];
            let refs: Vec<&OfferId> = ids.iter().collect();
            let reply = common::call(
                &url,
                Enc::Protobuf,
                stream_id,
                &decline_call(framework_id, &refs, Some(0.0)),
            )
            .await;
            assert_eq!(reply.status, 202);
        }
        let start = Instant::now();
        let (framework_id, stream_id) = &streams[0];
        common::call(
            &url,
            Enc::Protobuf,
            stream_id,
            &bare_call(framework_id, call::Type::Revive),
        )
        .await;
        held = collect(&mut offers_rx, agents, frameworks).await;
        cycles.push(start.elapsed());
    }
    cycles.sort();
    let spread = held.iter().filter(|h| !h.is_empty()).count();
    println!(
        "offer cycle, {agents} agents, {frameworks} frameworks: median {:?} (min {:?}, max {:?}); offers went to {spread} frameworks",
        cycles[cycles.len() / 2],
        cycles[0],
        cycles[cycles.len() - 1]
    );
}

async fn memory_per_task(agents: usize, per_agent: usize) {
    let cluster = Cluster::builder()
        .synthetic(true)
        .agents(agents)
        .agent_resources("cpus:64;mem:262144")
        .heartbeat_interval(Duration::from_secs(3600))
        .event_queue_capacity(1 << 20)
        .start()
        .await
        .unwrap();
    let url = cluster.master_url();
    let mut subscription =
        Subscription::open(&url, Enc::Protobuf, framework_info("bench-tasks")).await;
    let (done_tx, mut done_rx) = mpsc::unbounded_channel();
    let mut callers = Callers::new(&url, &subscription.stream_id, 8, done_tx).await;
    let framework_id = subscription.framework_id.clone();
    let tasks = agents * per_agent;
    let before = rss_bytes();
    let start = Instant::now();
    let (mut launched, mut running, mut sent) = (0, 0, 0usize);
    while running < tasks {
        let event = subscription.next().await.expect("stream open");
        match event.r#type() {
            event::Type::Offers if launched < tasks => {
                for offer in event.offers.unwrap().offers {
                    let batch: Vec<_> = (0..per_agent.min(tasks - launched))
                        .map(|i| {
                            command_task(
                                &offer,
                                &format!("t-{}-{i}", offer.agent_id.value),
                                "sleep 100000000",
                            )
                        })
                        .collect();
                    launched += batch.len();
                    callers.send(launch_call(
                        &framework_id,
                        &[&offer.id],
                        batch,
                        Some(3600.0),
                    ));
                    sent += 1;
                }
            }
            event::Type::Update => {
                let status = event.update.unwrap().status;
                if status.uuid.is_some() {
                    callers.send(ack_call(&framework_id, &status));
                    sent += 1;
                }
                if status.state() == TaskState::TaskRunning {
                    running += 1;
                }
            }
            _ => {}
        }
    }
    for _ in 0..sent {
        done_rx.recv().await.unwrap();
    }
    let after = rss_bytes();
    println!(
        "{tasks} synthetic tasks running on {agents} agents in {:?}: resident memory {} MiB -> {} MiB, {} bytes per task",
        start.elapsed(),
        before / (1 << 20),
        after / (1 << 20),
        after.saturating_sub(before) / tasks as u64
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let agents = setting("AGENTS", 5_000);
    let frameworks = setting("FRAMEWORKS", 50);
    let per_agent = setting("TASKS_PER_AGENT", 10);
    runtime.block_on(offer_cycle(agents, frameworks));
    runtime.block_on(memory_per_task(agents, per_agent));
}
