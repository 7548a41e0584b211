//! Arbitrary bytes, cut into arbitrary chunks, through both RecordIO decoders: neither may
//! panic, return a record above the limit, or disagree with the other.
#![no_main]

use bytes::{Bytes, BytesMut};
use libfuzzer_sys::fuzz_target;
use mesos_sdk::recordio::{RecordIoCodec, RecordIoReader};
use tokio_util::codec::Decoder;

const MAX: usize = 1 << 16;

fuzz_target!(|input: &[u8]| {
    // The first byte picks the chunk size, the rest is the stream.
    let Some((&seed, data)) = input.split_first() else {
        return;
    };
    let chunk = usize::from(seed).max(1);

    let mut codec = RecordIoCodec::with_max_record_size(MAX);
    let mut buf = BytesMut::new();
    let mut by_codec = Vec::new();
    let mut codec_failed = false;
    'codec: for piece in data.chunks(chunk) {
        buf.extend_from_slice(piece);
        loop {
            match codec.decode(&mut buf) {
                Ok(Some(record)) => by_codec.push(record),
                Ok(None) => break,
                Err(_) => {
                    codec_failed = true;
                    break 'codec;
                }
            }
        }
    }
    if !codec_failed {
        loop {
            match codec.decode_eof(&mut buf) {
                Ok(Some(record)) => by_codec.push(record),
                Ok(None) => break,
                Err(_) => {
                    codec_failed = true;
                    break;
                }
            }
        }
    }

    let mut reader = RecordIoReader::with_max_record_size(MAX);
    let mut by_reader = Vec::new();
    let mut reader_failed = false;
    'reader: for piece in data.chunks(chunk) {
        reader.push(Bytes::copy_from_slice(piece));
        loop {
            match reader.next_record() {
                Ok(Some(record)) => by_reader.push(record.into_bytes()),
                Ok(None) => break,
                Err(_) => {
                    reader_failed = true;
                    break 'reader;
                }
            }
        }
    }
    if !reader_failed && reader.finish().is_err() {
        reader_failed = true;
    }

    assert!(
        by_codec
            .iter()
            .chain(&by_reader)
            .all(|r| r.len() <= MAX && !r.is_empty())
    );
    assert_eq!(
        codec_failed, reader_failed,
        "one decoder failed and the other did not"
    );
    assert_eq!(
        by_codec, by_reader,
        "the decoders returned different records"
    );
});
