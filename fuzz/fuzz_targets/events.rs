//! Arbitrary bytes as a scheduler event stream: RecordIO framing, then protobuf and JSON
//! decoding of each record. Nothing may panic; whatever decodes must re-encode and decode
//! to the same event (for JSON, once the declared defaults have been written out).
#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use mesos_sdk::recordio::RecordIoReader;
use mesos_sdk::v1::scheduler::Event;
use prost::Message;

fuzz_target!(|input: &[u8]| {
    let mut reader = RecordIoReader::with_max_record_size(1 << 20);
    reader.push(Bytes::copy_from_slice(input));
    while let Ok(Some(record)) = reader.next_record() {
        if let Ok(event) = Event::decode(record.clone()) {
            let again = Event::decode(event.encode_to_vec().as_slice()).expect("re-decodes");
            assert_eq!(again, event);
        }
        if let Ok(event) = mesos_sdk::json::from_slice::<Event>(&record.to_vec()) {
            let text = mesos_sdk::json::to_vec(&event).expect("writes back");
            let settled: Event = mesos_sdk::json::from_slice(&text).expect("reads back");
            let text = mesos_sdk::json::to_vec(&settled).expect("writes back again");
            let again: Event = mesos_sdk::json::from_slice(&text).expect("reads back again");
            assert_eq!(again, settled);
        }
    }
});
