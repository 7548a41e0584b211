//! RecordIO framing throughput: records of 20 B to 1 MiB arriving in 16 KiB chunks.
//!
//! `reader` is the path an HTTP body takes (chunks as `Bytes`, records sliced out without
//! copying); `codec` is the `tokio_util` codec path (chunks copied into a growing buffer).

use std::hint::black_box;

use bytes::{Bytes, BytesMut};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mesos_sdk::recordio::{RecordIoCodec, RecordIoReader, encode_record};
use tokio_util::codec::Decoder;

const CHUNK: usize = 16 * 1024;
/// Each iteration frames about this much data (at least one record).
const STREAM_BYTES: usize = 8 * 1024 * 1024;

fn stream(record_size: usize) -> (Vec<Bytes>, u64, u64) {
    let count = (STREAM_BYTES / record_size).max(1);
    let record: Vec<u8> = (0..record_size).map(|i| (i % 251) as u8).collect();
    let mut wire = BytesMut::new();
    for _ in 0..count {
        wire.extend_from_slice(&encode_record(&record));
    }
    let wire = wire.freeze();
    let chunks = (0..wire.len())
        .step_by(CHUNK)
        .map(|start| wire.slice(start..(start + CHUNK).min(wire.len())))
        .collect();
    (chunks, count as u64, wire.len() as u64)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("recordio");
    for (label, size) in [
        ("20B", 20usize),
        ("512B", 512),
        ("4KiB", 4096),
        ("64KiB", 65536),
        ("1MiB", 1 << 20),
    ] {
        let (chunks, records, bytes) = stream(size);
        group.throughput(Throughput::ElementsAndBytes {
            elements: records,
            bytes,
        });
        group.bench_with_input(BenchmarkId::new("reader", label), &chunks, |b, chunks| {
            b.iter(|| {
                let mut reader = RecordIoReader::new();
                let mut n = 0u64;
                for chunk in chunks {
                    reader.push(chunk.clone());
                    while let Some(record) = reader.next_record().expect("valid stream") {
                        n += black_box(record).len() as u64;
                    }
                }
                reader.finish().expect("clean end");
                n
            })
        });
        group.bench_with_input(BenchmarkId::new("codec", label), &chunks, |b, chunks| {
            b.iter(|| {
                let mut codec = RecordIoCodec::new();
                let mut buf = BytesMut::new();
                let mut n = 0u64;
                for chunk in chunks {
                    buf.extend_from_slice(chunk);
                    while let Some(record) = codec.decode(&mut buf).expect("valid stream") {
                        n += black_box(record).len() as u64;
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
