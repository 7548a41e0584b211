//! Property tests for the RecordIO codec: any records, cut into any chunks, decode to the same
//! records; a stream cut anywhere but a record boundary is reported as truncated.

use bytes::BytesMut;
use bytes::{Buf, Bytes};
use mesos_sdk::recordio::{RecordIoCodec, RecordIoError, RecordIoReader};
use proptest::prelude::*;
use tokio_util::codec::{Decoder, Encoder, FramedRead};

fn encode_all(records: &[Vec<u8>]) -> Vec<u8> {
    let mut codec = RecordIoCodec::new();
    let mut out = BytesMut::new();
    for record in records {
        codec
            .encode(record.as_slice(), &mut out)
            .expect("encoding cannot fail");
    }
    out.to_vec()
}

/// Splits `wire` into pieces ending at `cuts` (taken modulo the length).
fn chunks<'a>(wire: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut ends: Vec<usize> = cuts.iter().map(|c| c % (wire.len() + 1)).collect();
    ends.push(wire.len());
    ends.sort_unstable();
    let mut start = 0;
    let mut out = Vec::new();
    for end in ends {
        out.push(&wire[start..end]);
        start = end;
    }
    out
}

/// Feeds `wire` in pieces to both decoders (the codec over a growing buffer, and the
/// chunk reader over `Bytes`), checks that they agree, and returns the records.
fn decode_chunked(wire: &[u8], cuts: &[usize]) -> Result<Vec<Vec<u8>>, RecordIoError> {
    let pieces = chunks(wire, cuts);
    let by_codec = (|| {
        let mut codec = RecordIoCodec::new();
        let mut buf = BytesMut::new();
        let mut out = Vec::new();
        for piece in &pieces {
            buf.extend_from_slice(piece);
            while let Some(record) = codec.decode(&mut buf)? {
                out.push(record.to_vec());
            }
        }
        while let Some(record) = codec.decode_eof(&mut buf)? {
            out.push(record.to_vec());
        }
        Ok::<_, RecordIoError>(out)
    })();
    let by_reader = (|| {
        let mut reader = RecordIoReader::new();
        let mut out = Vec::new();
        for piece in &pieces {
            reader.push(Bytes::copy_from_slice(piece));
            while let Some(record) = reader.next_record()? {
                out.push(record.to_vec());
            }
        }
        reader.finish()?;
        Ok::<_, RecordIoError>(out)
    })();
    match (&by_codec, &by_reader) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "codec and reader disagree"),
        (Err(a), Err(b)) => assert_eq!(
            std::mem::discriminant(a),
            std::mem::discriminant(b),
            "codec and reader fail differently: {a:?} vs {b:?}"
        ),
        _ => panic!("codec and reader disagree: {by_codec:?} vs {by_reader:?}"),
    }
    by_codec
}

fn records() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::collection::vec(any::<u8>(), 0..64),
            2 => prop::collection::vec(any::<u8>(), 64..2048),
            1 => prop::collection::vec(any::<u8>(), 0..1),
        ],
        0..40,
    )
}

proptest! {
    #[test]
    fn any_chunking_yields_the_same_records(
        records in records(),
        cuts in prop::collection::vec(any::<usize>(), 0..64),
    ) {
        let wire = encode_all(&records);
        let decoded = decode_chunked(&wire, &cuts).expect("a well-formed stream decodes");
        let expected: Vec<Vec<u8>> = records.into_iter().filter(|r| !r.is_empty()).collect();
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn records_read_through_buf_in_any_steps(
        records in records(),
        cuts in prop::collection::vec(any::<usize>(), 0..64),
        steps in prop::collection::vec((any::<bool>(), 0usize..3000), 1..32),
    ) {
        // What prost does with a record: chunk/advance and copy_to_bytes, in any sizes,
        // across the pieces of a record that spans chunks.
        let wire = encode_all(&records);
        let mut reader = RecordIoReader::new();
        let mut read = Vec::new();
        for piece in chunks(&wire, &cuts) {
            reader.push(Bytes::copy_from_slice(piece));
            while let Some(mut record) = reader.next_record().expect("valid stream") {
                let mut out = Vec::with_capacity(record.len());
                for &(as_bytes, step) in steps.iter().cycle() {
                    if !record.has_remaining() {
                        break;
                    }
                    let step = step.clamp(1, record.remaining());
                    if as_bytes {
                        out.extend_from_slice(&record.copy_to_bytes(step));
                    } else {
                        let step = step.min(record.chunk().len());
                        out.extend_from_slice(&record.chunk()[..step]);
                        record.advance(step);
                    }
                    prop_assert_eq!(record.len(), record.remaining());
                }
                read.push(out);
            }
        }
        let expected: Vec<Vec<u8>> = records.into_iter().filter(|r| !r.is_empty()).collect();
        prop_assert_eq!(read, expected);
    }

    #[test]
    fn byte_at_a_time_yields_the_same_records(records in records()) {
        let wire = encode_all(&records);
        let cuts: Vec<usize> = (0..wire.len()).collect();
        let decoded = decode_chunked(&wire, &cuts).expect("a well-formed stream decodes");
        let expected: Vec<Vec<u8>> = records.into_iter().filter(|r| !r.is_empty()).collect();
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn cut_streams_are_truncation_errors_unless_cut_between_records(
        records in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..300), 1..10),
        cut in any::<prop::sample::Index>(),
    ) {
        let wire = encode_all(&records);
        let mut boundaries = vec![0usize];
        for record in &records {
            let last = *boundaries.last().expect("non-empty");
            boundaries.push(last + record.len().to_string().len() + 1 + record.len());
        }
        let at = cut.index(wire.len() + 1);
        let result = decode_chunked(&wire[..at], &[]);
        if let Some(complete) = boundaries.iter().position(|&b| b == at) {
            let decoded = result.expect("a cut between records is a clean end");
            prop_assert_eq!(decoded, records[..complete].to_vec());
        } else {
            let err = result.expect_err("a cut inside a record is an error");
            prop_assert!(
                matches!(err, RecordIoError::TruncatedHeader { .. } | RecordIoError::TruncatedRecord { .. }),
                "unexpected error {:?}", err
            );
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        cuts in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        let mut codec = RecordIoCodec::with_max_record_size(4096);
        let mut buf = BytesMut::from(&bytes[..]);
        while let Ok(Some(record)) = codec.decode_eof(&mut buf) {
            prop_assert!(record.len() <= 4096);
        }
        let mut reader = RecordIoReader::with_max_record_size(4096);
        'outer: for piece in chunks(&bytes, &cuts) {
            reader.push(Bytes::copy_from_slice(piece));
            loop {
                match reader.next_record() {
                    Ok(Some(record)) => prop_assert!(record.len() <= 4096),
                    Ok(None) => break,
                    Err(_) => break 'outer,
                }
            }
        }
    }

    #[test]
    fn garbage_fails_both_decoders_alike(
        records in records(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cuts in prop::collection::vec(any::<usize>(), 0..16),
    ) {
        // Corrupt one byte anywhere: both decoders must agree (decode_chunked asserts it).
        let mut wire = encode_all(&records);
        if !wire.is_empty() {
            let i = at.index(wire.len());
            wire[i] = byte;
        }
        let _ = decode_chunked(&wire, &cuts);
    }
}

#[tokio::test]
async fn framed_read_over_an_async_reader() {
    use futures_util::StreamExt;

    let records = vec![b"first".to_vec(), vec![0u8; 70_000], b"last".to_vec()];
    let wire = encode_all(&records);
    let reader: &[u8] = &wire;
    let mut frames = FramedRead::new(reader, RecordIoCodec::new());
    let mut decoded = Vec::new();
    while let Some(frame) = frames.next().await {
        decoded.push(frame.expect("valid stream").to_vec());
    }
    assert_eq!(decoded, records);

    let cut: &[u8] = &wire[..wire.len() - 1];
    let mut frames = FramedRead::new(cut, RecordIoCodec::new());
    assert!(frames.next().await.expect("first").is_ok());
    assert!(frames.next().await.expect("second").is_ok());
    let err = frames.next().await.expect("third").expect_err("truncated");
    assert!(matches!(
        err,
        RecordIoError::TruncatedRecord {
            expected: 4,
            received: 3
        }
    ));
}
