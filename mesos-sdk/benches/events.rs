//! Protobuf decoding of RecordIO-framed scheduler events, from 16 KiB body chunks to typed
//! `Event`s: a HEARTBEAT stream and an OFFERS stream (10 offers of cpus, mem, disk, ports and
//! attributes per event, with allocation info), built by `common::events`, which
//! `examples/bench_peers.rs` shares to compare the same events with other Mesos clients.

use std::hint::black_box;

use bytes::{Bytes, BytesMut};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mesos_sdk::recordio::{RecordIoReader, encode_record};
use mesos_sdk::v1::scheduler::Event;
use prost::Message;

mod common;

use common::events::{heartbeat, offers};

const CHUNK: usize = 16 * 1024;

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
