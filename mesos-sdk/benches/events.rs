//! Protobuf decoding of RecordIO-framed scheduler events, from 16 KiB body chunks to typed
//! `Event`s: a HEARTBEAT stream and an OFFERS stream (10 offers of cpus, mem, disk, ports and
//! attributes per event).

use std::hint::black_box;

use bytes::{Bytes, BytesMut};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mesos_sdk::recordio::{RecordIoReader, encode_record};
use mesos_sdk::v1::scheduler::{Event, event};
use mesos_sdk::v1::{AgentId, Attribute, FrameworkId, Offer, OfferId, Resource, value};
use prost::Message;

const CHUNK: usize = 16 * 1024;

// Offers to frameworks without RESERVATION_REFINEMENT carry the deprecated `role: "*"`.
#[allow(deprecated)]
fn scalar(name: &str, v: f64) -> Resource {
    Resource {
        name: name.into(),
        r#type: value::Type::Scalar as i32,
        scalar: Some(value::Scalar { value: v }),
        role: Some("*".into()),
        ..Default::default()
    }
}

#[allow(deprecated)]
fn offer(i: usize) -> Offer {
    let ports = Resource {
        name: "ports".into(),
        r#type: value::Type::Ranges as i32,
        ranges: Some(value::Ranges {
            range: vec![
                value::Range {
                    begin: 31000,
                    end: 31499,
                },
                value::Range {
                    begin: 31600,
                    end: 32000,
                },
            ],
        }),
        role: Some("*".into()),
        ..Default::default()
    };
    let text = |name: &str, v: &str| Attribute {
        name: name.into(),
        r#type: value::Type::Text as i32,
        text: Some(value::Text { value: v.into() }),
        ..Default::default()
    };
    Offer {
        id: OfferId {
            value: format!("5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b-O{i}"),
        },
        framework_id: FrameworkId {
            value: "5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b-0001".into(),
        },
        agent_id: AgentId {
            value: format!("5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b-S{i}"),
        },
        hostname: format!("agent-{i}.dc1.example.com"),
        resources: vec![
            scalar("cpus", 7.5),
            scalar("mem", 30_720.0),
            scalar("disk", 204_800.0),
            ports,
        ],
        attributes: vec![
            text("rack", &format!("r{}", i % 8)),
            text("zone", "us-east-1a"),
            Attribute {
                name: "ssd".into(),
                r#type: value::Type::Scalar as i32,
                scalar: Some(value::Scalar { value: 1.0 }),
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

fn heartbeat() -> Event {
    Event {
        r#type: Some(event::Type::Heartbeat as i32),
        ..Default::default()
    }
}

fn offers() -> Event {
    Event {
        r#type: Some(event::Type::Offers as i32),
        offers: Some(event::Offers {
            offers: (0..10).map(offer).collect(),
        }),
        ..Default::default()
    }
}

fn stream(event: &Event, count: usize) -> (Vec<Bytes>, u64) {
    let encoded = event.encode_to_vec();
    let mut wire = BytesMut::new();
    for _ in 0..count {
        wire.extend_from_slice(&encode_record(&encoded));
    }
    let wire = wire.freeze();
    let chunks = (0..wire.len())
        .step_by(CHUNK)
        .map(|start| wire.slice(start..(start + CHUNK).min(wire.len())))
        .collect();
    (chunks, wire.len() as u64)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("events");
    for (label, event, count) in [
        ("heartbeat", heartbeat(), 100_000),
        ("offers10", offers(), 5_000),
    ] {
        let (chunks, bytes) = stream(&event, count);
        group.throughput(Throughput::ElementsAndBytes {
            elements: count as u64,
            bytes,
        });
        group.bench_with_input(BenchmarkId::new("decode", label), &chunks, |b, chunks| {
            b.iter(|| {
                let mut reader = RecordIoReader::new();
                let mut n = 0usize;
                for chunk in chunks {
                    reader.push(chunk.clone());
                    while let Some(record) = reader.next_record().expect("valid stream") {
                        let event = Event::decode(record).expect("valid event");
                        n += black_box(event).r#type.unwrap_or_default() as usize;
                    }
                }
                n
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
