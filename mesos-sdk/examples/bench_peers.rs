//! The Rust side of `scripts/bench-vs-peers.sh`: the SDK measured the way its peers are (Python
//! protobuf with upb, mesos-go's RecordIO reader), on the very same bytes, so that every row of
//! the comparison is a like-for-like ratio.
//!
//! ```text
//! bench_peers write-inputs DIR    # the events and RecordIO streams, with their manifests
//! bench_peers events DIR [NAME]   # decode each event N times; best of 5
//! bench_peers recordio DIR [NAME] # frame each stream from fresh 16 KiB chunks; best of 5
//! ```
//!
//! With a NAME (a manifest's first column), only that workload is measured: the script runs
//! each workload on both sides back to back, so that both see the same machine load.
//!
//! Each measurement prints one line per workload, `name<TAB>items/s<TAB>MB/s` (MB = 10^6 bytes),
//! the format the peers' programs in `scripts/bench-vs-peers/` print too. The criterion benches
//! (`benches/events.rs`, `benches/recordio.rs`) stay the reference for absolute figures.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use std::{env, fs, process};

use bytes::{Buf, Bytes, BytesMut};
use mesos_sdk::recordio::{RecordIoReader, encode_record};
use mesos_sdk::scheduler::LazyEvent;
use mesos_sdk::v1::scheduler::Event;
use prost::Message;

#[path = "../benches/common/events.rs"]
mod events;

/// How many times each workload is timed; the best (shortest) run is reported.
const REPETITIONS: usize = 5;
/// The size of the body chunks a RecordIO stream arrives in: what an HTTP body delivers.
const CHUNK: usize = 16 * 1024;
/// Each RecordIO stream holds about this much data (at least one record), as in
/// `benches/recordio.rs`.
const STREAM_BYTES: usize = 8 * 1024 * 1024;
/// Passes over a RecordIO stream in one timed run: 64 MiB framed per run.
const STREAM_PASSES: usize = 8;
/// The record sizes of the RecordIO workloads, by label.
const RECORD_SIZES: [(&str, usize); 5] = [
    ("20B", 20),
    ("512B", 512),
    ("4KiB", 4096),
    ("64KiB", 64 * 1024),
    ("1MiB", 1 << 20),
];

/// Decodes per timed run, by event: each run lasts a few hundred milliseconds on either side.
fn decode_iterations(name: &str) -> usize {
    match name {
        "heartbeat" => 1_000_000,
        "offers10" => 10_000,
        _ => 200_000,
    }
}

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let only = args.get(2).map(String::as_str);
    let result = match args.as_slice() {
        [command, dir] if command == "write-inputs" => write_inputs(Path::new(dir)),
        [command, dir, ..] if command == "events" && args.len() <= 3 => {
            measure_events(Path::new(dir), only)
        }
        [command, dir, ..] if command == "recordio" && args.len() <= 3 => {
            measure_recordio(Path::new(dir), only)
        }
        _ => Err(
            "usage: bench_peers write-inputs DIR | events DIR [NAME] | recordio DIR [NAME]".into(),
        ),
    };
    if let Err(error) = result {
        eprintln!("bench_peers: {error}");
        process::exit(1);
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Writes `DIR/events/NAME.bin` (one encoded `Event` each) and `DIR/recordio/LABEL.bin` (a
/// RecordIO stream each), and a `manifest.tsv` in both folders saying how to measure them.
fn write_inputs(dir: &Path) -> Result<()> {
    let events_dir = dir.join("events");
    fs::create_dir_all(&events_dir)?;
    // name, file, iterations per run, bytes of one event.
    let mut manifest = String::from("name\tfile\titerations\tbytes\n");
    for (name, event) in events::all() {
        let encoded = event.encode_to_vec();
        let file = format!("{name}.bin");
        fs::write(events_dir.join(&file), &encoded)?;
        let iterations = decode_iterations(name);
        manifest += &format!("{name}\t{file}\t{iterations}\t{}\n", encoded.len());
    }
    fs::write(events_dir.join("manifest.tsv"), manifest)?;

    let recordio_dir = dir.join("recordio");
    fs::create_dir_all(&recordio_dir)?;
    // label, file, passes per run, records in the stream, bytes of the stream.
    let mut manifest = String::from("name\tfile\tpasses\trecords\tbytes\n");
    for (label, size) in RECORD_SIZES {
        let count = (STREAM_BYTES / size).max(1);
        let record: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        let framed = encode_record(&record);
        let mut wire = BytesMut::with_capacity(framed.len() * count);
        for _ in 0..count {
            wire.extend_from_slice(&framed);
        }
        let file = format!("{label}.bin");
        fs::write(recordio_dir.join(&file), &wire)?;
        manifest += &format!(
            "{label}\t{file}\t{STREAM_PASSES}\t{count}\t{}\n",
            wire.len()
        );
    }
    fs::write(recordio_dir.join("manifest.tsv"), manifest)?;
    Ok(())
}

/// One row of a manifest: the workload's name, its input file, how many iterations (decodes
/// or passes) a timed run makes, and the numbers that turn a time into rates.
#[derive(Clone)]
struct Workload {
    name: String,
    path: PathBuf,
    iterations: usize,
    /// Records in one pass of a RecordIO stream; 1 for an event.
    items: u64,
    /// Bytes of one decode or one pass.
    bytes: u64,
}

impl Workload {
    /// The same workload measured another way, named `NAME<suffix>`.
    fn variant(&self, suffix: &str) -> Workload {
        Workload {
            name: format!("{}{suffix}", self.name),
            ..self.clone()
        }
    }
}

/// The workloads of `DIR/manifest.tsv`, or only the one named `only`.
fn read_manifest(dir: &Path, has_records: bool, only: Option<&str>) -> Result<Vec<Workload>> {
    let text = fs::read_to_string(dir.join("manifest.tsv"))?;
    let mut workloads = Vec::new();
    for line in text.lines().skip(1).filter(|line| !line.is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        if only.is_some_and(|name| name != fields[0]) {
            continue;
        }
        let field = |i: usize| -> Result<u64> {
            Ok(fields
                .get(i)
                .ok_or_else(|| format!("short manifest line: {line}"))?
                .parse()?)
        };
        let (items, bytes) = if has_records {
            (field(3)?, field(4)?)
        } else {
            (1, field(3)?)
        };
        workloads.push(Workload {
            name: fields[0].to_owned(),
            path: dir.join(fields[1]),
            iterations: usize::try_from(field(2)?)?,
            items,
            bytes,
        });
    }
    if workloads.is_empty() {
        return Err(format!("no workload {only:?} in {}", dir.display()).into());
    }
    Ok(workloads)
}

/// Times `run` [`REPETITIONS`] times and prints the best run's rates for `workload`.
fn report(prefix: &str, workload: &Workload, mut run: impl FnMut() -> u64) {
    let mut best = Duration::MAX;
    for _ in 0..REPETITIONS {
        let start = Instant::now();
        black_box(run());
        best = best.min(start.elapsed());
    }
    let seconds = best.as_secs_f64();
    let iterations = workload.iterations as f64;
    let items_per_second = iterations * workload.items as f64 / seconds;
    let megabytes_per_second = iterations * workload.bytes as f64 / seconds / 1e6;
    println!(
        "{prefix}/{}\t{items_per_second:.1}\t{megabytes_per_second:.2}",
        workload.name
    );
}

/// Decodes each event of `DIR/events` from a `Bytes` into a fresh prost `Event` (what
/// `LazyEvent::into_event` gives), and takes it as the SDK hands every record of a subscription
/// on (`NAME@sdk`: a checked `LazyEvent`). An OFFERS event is measured a second time, as
/// `NAME+read`, with every field a scheduler matches offers on read after decoding: Python's
/// upb runtime creates its objects only when fields are read, so decoding alone flatters it.
fn measure_events(dir: &Path, only: Option<&str>) -> Result<()> {
    for workload in read_manifest(&dir.join("events"), false, only)? {
        let encoded = Bytes::from(fs::read(&workload.path)?);
        report("event", &workload, || {
            let mut n = 0u64;
            for _ in 0..workload.iterations {
                let event = Event::decode(encoded.clone()).expect("valid event");
                n += black_box(event).r#type.unwrap_or_default() as u64;
            }
            n
        });
        // The same event as the SDK hands it on (`SessionEvents`, the scheduler `EventStream`):
        // a `LazyEvent`, checked whole as prost's decoding checks, its type read; then, for
        // OFFERS, read through its view as `events::read_offers` reads the decoded one.
        let sdk = workload.variant("@sdk");
        report("event", &sdk, || {
            let mut n = 0u64;
            for _ in 0..sdk.iterations {
                let event = LazyEvent::new(encoded.clone()).expect("valid event");
                n += black_box(event).r#type() as u64;
            }
            n
        });
        if Event::decode(encoded.clone())?.offers.is_some() {
            let read = workload.variant("+read@sdk");
            report("event", &read, || {
                let mut n = 0u64;
                for _ in 0..read.iterations {
                    let event = LazyEvent::new(encoded.clone()).expect("valid event");
                    n += events::read_offers_view(&black_box(event).view());
                }
                n
            });
        }
        if Event::decode(encoded.clone())?.offers.is_some() {
            let read = workload.variant("+read");
            report("event", &read, || {
                let mut n = 0u64;
                for _ in 0..read.iterations {
                    let event = Event::decode(encoded.clone()).expect("valid event");
                    n += events::read_offers(black_box(&event));
                }
                n
            });
        }
    }
    Ok(())
}

/// Frames each stream of `DIR/recordio` with the SDK's [`RecordIoReader`], handing it every
/// 16 KiB piece as a freshly allocated `Bytes`, as an HTTP client's body does. A stream whose
/// records are larger than a piece is measured a second time, as `NAME+contiguous`, with each
/// record made one contiguous `Bytes` (as mesos-go's reader hands them on), in case the reader
/// hands on a record that spans pieces without assembling it.
fn measure_recordio(dir: &Path, only: Option<&str>) -> Result<()> {
    for workload in read_manifest(&dir.join("recordio"), true, only)? {
        let wire = fs::read(&workload.path)?;
        // One pass framing the whole stream, checked to find every record; the record's type
        // is whatever the reader hands on, used only as a `Buf`.
        let frame = |contiguous: bool| {
            let mut reader = RecordIoReader::new();
            let (mut records, mut n) = (0u64, 0usize);
            for piece in wire.chunks(CHUNK) {
                reader.push(Bytes::copy_from_slice(piece));
                while let Some(mut record) = reader.next_record().expect("valid stream") {
                    let len = record.remaining();
                    n += if contiguous {
                        black_box(record.copy_to_bytes(len)).len()
                    } else {
                        black_box(record).remaining()
                    };
                    records += 1;
                }
            }
            reader.finish().expect("clean end");
            assert_eq!(records, workload.items, "records framed");
            n as u64
        };
        report("recordio", &workload, || {
            (0..workload.iterations).map(|_| frame(false)).sum()
        });
        // The floor both sides stand on: the fresh buffer per piece alone, no framing.
        let copy = workload.variant("@copy");
        report("recordio", &copy, || {
            let mut n = 0u64;
            for _ in 0..copy.iterations {
                for piece in wire.chunks(CHUNK) {
                    n += black_box(Bytes::copy_from_slice(piece)).len() as u64;
                }
            }
            n
        });
        // The floor of a reader that hands records on without copying them: it must hold a
        // piece whose record goes on in the next piece while that one is made, so the fresh
        // buffers are no longer all one buffer, reused while still in the core's cache.
        let held = workload.variant("@held");
        report("recordio", &held, || {
            let mut n = 0u64;
            for _ in 0..held.iterations {
                let mut last = Bytes::new();
                for piece in wire.chunks(CHUNK) {
                    let next = Bytes::copy_from_slice(piece);
                    n += next.len() as u64;
                    last = black_box(next);
                }
                drop(last);
            }
            n
        });
        if workload.bytes / workload.items > CHUNK as u64 {
            let contiguous = workload.variant("+contiguous");
            report("recordio", &contiguous, || {
                (0..contiguous.iterations).map(|_| frame(true)).sum()
            });
        }
    }
    Ok(())
}
