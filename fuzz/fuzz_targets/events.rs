//! Arbitrary bytes as a scheduler event stream: RecordIO framing, then protobuf and JSON
//! decoding of each record. Nothing may panic; the SDK's `LazyEvent` must accept exactly what
//! prost's `Event::decode` accepts and give the same event; whatever decodes must re-encode
//! and decode to the same event (for JSON, once the declared defaults have been written out).
//! Events are compared by their encoding: a double field may hold a NaN, which is never equal
//! to itself.
#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use mesos_sdk::recordio::RecordIoReader;
use mesos_sdk::scheduler::LazyEvent;
use mesos_sdk::v1::scheduler::Event;
use prost::Message;

fuzz_target!(|input: &[u8]| {
    let mut reader = RecordIoReader::with_max_record_size(1 << 20);
    reader.push(Bytes::copy_from_slice(input));
    while let Ok(Some(record)) = reader.next_record() {
        let decoded = Event::decode(record.clone());
        let lazy = LazyEvent::new(record.clone().into_bytes());
        assert_eq!(
            decoded.is_ok(),
            lazy.is_ok(),
            "prost: {decoded:?}, LazyEvent: {:?}",
            lazy.as_ref().err()
        );
        if let (Ok(event), Ok(lazy)) = (decoded, lazy) {
            let encoded = event.encode_to_vec();
            assert_eq!(lazy.r#type(), event.r#type());
            assert_eq!(lazy.into_event().encode_to_vec(), encoded);
            let again = Event::decode(encoded.as_slice()).expect("re-decodes");
            assert_eq!(again.encode_to_vec(), encoded);
        }
        if let Ok(event) = mesos_sdk::json::from_slice::<Event>(&record.to_vec()) {
            let text = mesos_sdk::json::to_vec(&event).expect("writes back");
            let settled: Event = mesos_sdk::json::from_slice(&text).expect("reads back");
            let text = mesos_sdk::json::to_vec(&settled).expect("writes back again");
            let again: Event = mesos_sdk::json::from_slice(&text).expect("reads back again");
            assert_eq!(again.encode_to_vec(), settled.encode_to_vec());
        }
    }
});
