//! The views decode exactly what prost decodes: on the benchmark's events, on random
//! schema-shaped messages (duplicated fields, unknown fields and groups, packed and unpacked
//! numbers, oneofs, maps, non-minimal varints, deep nesting), on mutations of them, and on
//! arbitrary bytes. Each accessor of every view is compared with prost's field by the
//! generated `Check` implementations (`src/generated/view_checks.rs`); `to_owned` with
//! prost's message; and `parse` must fail exactly when prost's `decode` fails.
#![allow(deprecated)] // Mesos' deprecated fields are read like any other.

// The benchmark's events, written against `mesos_sdk::v1`: the same types under this name.
extern crate mesos_proto as mesos_sdk;

#[path = "../../mesos-sdk/benches/common/events.rs"]
#[allow(dead_code, unreachable_pub)]
mod events;

use std::collections::HashMap;

use mesos_proto::v1::{self, executor, scheduler};
use mesos_proto::view::{self, ViewErrorKind};
use proptest::prelude::*;
use prost::Message;
use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{DescriptorProto, FileDescriptorSet};

/// A view compared, accessor by accessor, with the prost message decoded from its bytes.
trait Check {
    type Message;
    fn check(&self, m: &Self::Message);
}

include!("../src/generated/view_checks.rs");

/// Decodes `bytes` with prost and with the view: both must succeed or both fail, and when
/// they succeed, every accessor and `to_owned` must agree with prost.
fn agree<'a, V, M>(bytes: &'a [u8], parse: fn(&'a [u8]) -> Result<V, view::ViewError>)
where
    V: Check<Message = M> + ToOwnedMessage<M>,
    M: Message + Default + PartialEq + std::fmt::Debug,
{
    let owned = M::decode(bytes);
    let viewed = parse(bytes);
    match (&owned, &viewed) {
        (Ok(m), Ok(v)) => {
            Check::check(v, m);
            // NaN is not equal to itself: such messages are compared through the accessors.
            let owned = v.owned();
            #[allow(clippy::eq_op)]
            let comparable = m == m;
            if comparable {
                assert_eq!(&owned, m);
            } else {
                Check::check(v, &owned);
            }
        }
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => panic!("prost accepts, the view refuses: {e} ({bytes:02x?})"),
        (Err(e), Ok(_)) => panic!("prost refuses ({e}), the view accepts {bytes:02x?}"),
    }
}

/// `to_owned` of the views the tests decode, under one name.
trait ToOwnedMessage<M> {
    fn owned(&self) -> M;
}

macro_rules! owned {
    ($($view:ty => $message:ty),* $(,)?) => {$(
        impl ToOwnedMessage<$message> for $view {
            fn owned(&self) -> $message {
                self.to_owned()
            }
        }
    )*};
}

owned! {
    view::scheduler::EventView<'_> => scheduler::Event,
    view::executor::EventView<'_> => executor::Event,
    view::OfferView<'_> => v1::Offer,
    view::ResourceView<'_> => v1::Resource,
    view::TaskStatusView<'_> => v1::TaskStatus,
    view::TaskInfoView<'_> => v1::TaskInfo,
    view::ContainerIdView<'_> => v1::ContainerId,
    view::FrameworkInfoView<'_> => v1::FrameworkInfo,
    view::volume::source::csi_volume::VolumeCapabilityView<'_> =>
        v1::volume::source::csi_volume::VolumeCapability,
}

/// `Checked::new` accepts exactly what prost's `decode` accepts, its `decode` returns what
/// prost returns, and its view is the view `parse` gives.
fn agree_checked<M>(bytes: &[u8])
where
    M: view::Viewed + PartialEq + std::fmt::Debug,
    for<'a> M::View<'a>: Check<Message = M>,
{
    let owned = M::decode(bytes);
    let checked = view::Checked::<M>::new(bytes::Bytes::copy_from_slice(bytes));
    match (&owned, &checked) {
        (Ok(m), Ok(c)) => {
            Check::check(&c.view(), m);
            // NaN is not equal to itself: such messages are compared through the accessors.
            let decoded = c.decode();
            #[allow(clippy::eq_op)]
            let comparable = m == m;
            if comparable {
                assert_eq!(&decoded, m);
            } else {
                Check::check(&c.view(), &decoded);
            }
        }
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => panic!("prost accepts, Checked refuses: {e} ({bytes:02x?})"),
        (Err(e), Ok(_)) => panic!("prost refuses ({e}), Checked accepts {bytes:02x?}"),
    }
}

/// Runs [`agree`] for every root type the tests use.
fn agree_all(bytes: &[u8]) {
    agree_checked::<scheduler::Event>(bytes);
    agree_checked::<executor::Event>(bytes);
    agree(bytes, view::scheduler::EventView::parse);
    agree(bytes, view::executor::EventView::parse);
    agree(bytes, view::OfferView::parse);
    agree(bytes, view::ResourceView::parse);
    agree(bytes, view::TaskStatusView::parse);
    agree(bytes, view::TaskInfoView::parse);
    agree(bytes, view::ContainerIdView::parse);
    agree(bytes, view::FrameworkInfoView::parse);
}

#[test]
fn bench_events_read_like_prost() {
    for (name, event) in events::all() {
        let bytes = event.encode_to_vec();
        let v = view::scheduler::EventView::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        Check::check(&v, &event);
        assert_eq!(v.to_owned(), event, "{name}");
    }
}

#[test]
fn offers_read_through_the_accessors() {
    let bytes = events::offers().encode_to_vec();
    let event = view::scheduler::EventView::parse(&bytes).unwrap();
    assert_eq!(event.r#type(), scheduler::event::Type::Offers);
    let offers: Vec<_> = event.offers().unwrap().offers().collect();
    assert_eq!(offers.len(), 10);
    let offer = &offers[3];
    assert_eq!(offer.hostname(), "agent-3.dc1.example.com");
    assert_eq!(
        offer.agent_id().value(),
        "5e7b3f0a-2f6c-4b8e-9a61-0c2d7c1e9f3b-S3"
    );
    let ports = offer.resources().find(|r| r.name() == "ports").unwrap();
    assert_eq!(ports.r#type(), v1::value::Type::Ranges);
    let ranges: Vec<_> = ports
        .ranges()
        .unwrap()
        .range()
        .map(|r| (r.begin(), r.end()))
        .collect();
    assert_eq!(ranges, [(31000, 31499), (31600, 32000)]);
    assert_eq!(ports.role(), "*");
    assert_eq!(ports.allocation_info().unwrap().role(), "*");
    let rack = offer.attributes().next().unwrap();
    assert_eq!((rack.name(), rack.text().unwrap().value()), ("rack", "r3"));
}

#[test]
fn defaults_follow_prost() {
    // An empty Resource: `role` is absent, so its getter gives the schema's default "*".
    let r = view::ResourceView::parse(&[]).unwrap();
    assert_eq!(r.role_opt(), None);
    assert_eq!(r.role(), "*");
    assert_eq!(r.r#type(), v1::value::Type::Scalar);
    // An unknown enum number: prost's field keeps it, its getter falls back to the default.
    let bytes = [0x10, 0x63]; // type = 99
    let r = view::ResourceView::parse(&bytes).unwrap();
    assert_eq!(r.type_raw(), 99);
    assert_eq!(
        r.r#type(),
        v1::Resource::decode(&bytes[..]).unwrap().r#type()
    );
}

#[test]
fn duplicated_message_fields_merge_like_prost() {
    // Two SUBSCRIBED payloads in one event: prost merges them field by field.
    let first = scheduler::event::Subscribed {
        framework_id: v1::FrameworkId {
            value: "f-1".into(),
        },
        heartbeat_interval_seconds: Some(15.0),
        master_info: Some(v1::MasterInfo {
            id: "m-1".into(),
            port: 5050,
            hostname: Some("a".into()),
            ..Default::default()
        }),
    };
    let second = scheduler::event::Subscribed {
        framework_id: v1::FrameworkId {
            value: "f-2".into(),
        },
        heartbeat_interval_seconds: None,
        master_info: Some(v1::MasterInfo {
            version: Some("1.11.0".into()),
            ..Default::default()
        }),
    };
    let mut bytes = Vec::new();
    for s in [&first, &second] {
        bytes.push(0x12); // subscribed = 2, length-delimited
        prost::encoding::encode_varint(s.encoded_len() as u64, &mut bytes);
        s.encode(&mut bytes).unwrap();
    }
    let event = scheduler::Event::decode(&bytes[..]).unwrap();
    let v = view::scheduler::EventView::parse(&bytes).unwrap();
    Check::check(&v, &event);
    let info = v.subscribed().unwrap().master_info().unwrap();
    assert_eq!((info.hostname(), info.version()), ("a", "1.11.0"));
    assert_eq!(v.subscribed().unwrap().framework_id().value(), "f-2");
}

#[test]
fn errors_say_what_and_where() {
    let mut event = events::offers();
    event.offers.as_mut().unwrap().offers[1].resources[2].name = "DISK".into();
    let mut bytes = event.encode_to_vec();
    let at = bytes.windows(4).position(|w| w == b"DISK").unwrap();
    bytes[at] = 0xff;
    let err = view::scheduler::EventView::parse(&bytes).unwrap_err();
    assert!(scheduler::Event::decode(&bytes[..]).is_err());
    assert_eq!(err.kind(), ViewErrorKind::InvalidUtf8);
    assert_eq!(err.message(), "mesos.v1.Resource");
    assert_eq!(err.path(), "offers.offers[1].resources[2].name");
    // The offset is the key of the bad field: two bytes (key, length) before its text.
    assert_eq!(err.offset(), at - 2);
    assert_eq!(
        err.to_string(),
        format!(
            "string is not valid UTF-8 at byte {} in a mesos.v1.Resource \
             (field offers.offers[1].resources[2].name)",
            at - 2
        )
    );
}

/// A ContainerID nested `levels` deep through `parent`, optionally ending in an unknown field.
fn nested_container_ids(levels: usize, unknown_at_bottom: bool) -> Vec<u8> {
    let mut bytes = if unknown_at_bottom {
        vec![0x78, 0x01] // field 15, varint
    } else {
        vec![0x0a, 0x01, b'c'] // value = "c"
    };
    for _ in 0..levels {
        let mut outer = vec![0x12]; // parent = 2
        prost::encoding::encode_varint(bytes.len() as u64, &mut outer);
        outer.extend_from_slice(&bytes);
        bytes = outer;
    }
    bytes
}

#[test]
fn recursion_limit_matches_prost() {
    for levels in 95..105 {
        for unknown in [false, true] {
            let bytes = nested_container_ids(levels, unknown);
            let prost_ok = v1::ContainerId::decode(&bytes[..]).is_ok();
            let view = view::ContainerIdView::parse(&bytes);
            assert_eq!(
                view.is_ok(),
                prost_ok,
                "{levels} levels, unknown field {unknown}"
            );
            if let Err(e) = view {
                assert_eq!(e.kind(), ViewErrorKind::RecursionLimit);
            }
            agree(&bytes, view::ContainerIdView::parse);
        }
    }
    // Unknown groups nested inside each other spend the same budget.
    for levels in 95..105 {
        // Field 15 as start groups, then as many end groups.
        let mut bytes = vec![0x7b; levels];
        bytes.extend(std::iter::repeat_n(0x7c, levels));
        agree_all(&bytes);
    }
}

#[test]
fn map_fields_take_any_wire_type_like_prost() {
    // FrameworkInfo.offer_filters (13) is a map: prost reads a length after its key whatever
    // the key's wire type says.
    let entry = [0x0a, 0x01, b'r']; // key = "r"
    for wt in 0..=5u8 {
        let mut bytes = vec![(13 << 3) | wt, entry.len() as u8];
        bytes.extend_from_slice(&entry);
        bytes.extend_from_slice(&[0x0a, 0x01, b'u']); // user = "u"
        agree(&bytes, view::FrameworkInfoView::parse);
    }
}

// ---------------------------------------------------------------------------------------------
// Random messages shaped by the schema.
// ---------------------------------------------------------------------------------------------

/// The schema's messages by full name (with the leading dot).
fn schema() -> &'static HashMap<String, DescriptorProto> {
    static SCHEMA: std::sync::OnceLock<HashMap<String, DescriptorProto>> =
        std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        fn add(map: &mut HashMap<String, DescriptorProto>, prefix: &str, m: &DescriptorProto) {
            let name = format!("{prefix}.{}", m.name());
            for nested in &m.nested_type {
                add(map, &name, nested);
            }
            map.insert(name, m.clone());
        }
        let fds = FileDescriptorSet::decode(mesos_proto::FILE_DESCRIPTOR_SET).unwrap();
        let mut map = HashMap::new();
        for file in &fds.file {
            for m in &file.message_type {
                add(&mut map, &format!(".{}", file.package()), m);
            }
        }
        map
    })
}

/// A small deterministic generator (SplitMix64), seeded by proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn varint(out: &mut Vec<u8>, value: u64, rng: &mut Rng) {
    prost::encoding::encode_varint(value, out);
    // Now and then a non-minimal encoding, which prost accepts.
    if rng.chance(3) && value < (1 << 56) {
        let last = out.len() - 1;
        out[last] |= 0x80;
        out.push(0x00);
    }
}

fn key(out: &mut Vec<u8>, tag: u32, wt: u8, rng: &mut Rng) {
    varint(out, (u64::from(tag) << 3) | u64::from(wt), rng);
}

fn random_varint(rng: &mut Rng) -> u64 {
    match rng.below(6) {
        0 => 0,
        1 => 1,
        2 => rng.below(300),
        3 => u64::MAX - rng.below(3), // negative ints take ten bytes
        4 => rng.next() >> rng.below(64),
        _ => rng.below(1 << 32),
    }
}

fn random_text(rng: &mut Rng) -> Vec<u8> {
    const WORDS: &[&str] = &[
        "",
        "*",
        "cpus",
        "ports",
        "agent-1.example.com",
        "é",
        "日本",
        "🦀",
    ];
    let mut text = Vec::new();
    for _ in 0..rng.below(3) {
        text.extend_from_slice(WORDS[rng.below(WORDS.len() as u64) as usize].as_bytes());
    }
    text
}

fn len_field(out: &mut Vec<u8>, tag: u32, payload: &[u8], rng: &mut Rng) {
    key(out, tag, 2, rng);
    varint(out, payload.len() as u64, rng);
    out.extend_from_slice(payload);
}

/// Encodes a random value of the message `name`; `depth` keeps trees finite.
fn random_message(name: &str, depth: u32, rng: &mut Rng) -> Vec<u8> {
    let m = &schema()[name];
    let mut out = Vec::new();
    let fields = if depth > 6 {
        rng.below(2)
    } else {
        rng.below(7)
    };
    for _ in 0..fields {
        if m.field.is_empty() || rng.chance(8) {
            unknown_field(&mut out, m, depth, rng);
            continue;
        }
        let f = &m.field[rng.below(m.field.len() as u64) as usize];
        let tag = f.number() as u32;
        let repeats = if f.label() == Label::Repeated {
            1 + rng.below(3)
        } else {
            1
        };
        match f.r#type() {
            Type::Message => {
                for _ in 0..repeats {
                    let payload = random_message(f.type_name(), depth + 1, rng);
                    len_field(&mut out, tag, &payload, rng);
                }
            }
            Type::String => {
                for _ in 0..repeats {
                    let text = random_text(rng);
                    len_field(&mut out, tag, &text, rng);
                }
            }
            Type::Bytes => {
                for _ in 0..repeats {
                    let bytes: Vec<u8> = (0..rng.below(20)).map(|_| rng.next() as u8).collect();
                    len_field(&mut out, tag, &bytes, rng);
                }
            }
            Type::Double | Type::Fixed64 | Type::Sfixed64 => {
                let value = |rng: &mut Rng| match rng.below(3) {
                    0 => 1.5f64.to_bits(),
                    1 => f64::NAN.to_bits(),
                    _ => rng.next(),
                };
                if f.label() == Label::Repeated && rng.chance(50) {
                    let mut run = Vec::new();
                    for _ in 0..repeats {
                        run.extend_from_slice(&value(rng).to_le_bytes());
                    }
                    len_field(&mut out, tag, &run, rng);
                } else {
                    for _ in 0..repeats {
                        key(&mut out, tag, 1, rng);
                        out.extend_from_slice(&value(rng).to_le_bytes());
                    }
                }
            }
            Type::Float | Type::Fixed32 | Type::Sfixed32 => {
                for _ in 0..repeats {
                    key(&mut out, tag, 5, rng);
                    out.extend_from_slice(&(rng.next() as u32).to_le_bytes());
                }
            }
            _ => {
                // Varint types: enums mostly get numbers their enum knows.
                let value = |rng: &mut Rng| {
                    if f.r#type() == Type::Enum && rng.chance(80) {
                        rng.below(8)
                    } else {
                        random_varint(rng)
                    }
                };
                if f.label() == Label::Repeated && rng.chance(50) {
                    let mut run = Vec::new();
                    for _ in 0..repeats {
                        varint(&mut run, value(rng), rng);
                    }
                    len_field(&mut out, tag, &run, rng);
                } else {
                    for _ in 0..repeats {
                        key(&mut out, tag, 0, rng);
                        varint(&mut out, value(rng), rng);
                    }
                }
            }
        }
    }
    out
}

/// A field the schema does not know, of any wire type, groups included.
fn unknown_field(out: &mut Vec<u8>, m: &DescriptorProto, depth: u32, rng: &mut Rng) {
    let tag = loop {
        let tag = 1 + rng.below(40) as u32;
        if !m.field.iter().any(|f| f.number() as u32 == tag) {
            break tag;
        }
    };
    match rng.below(5) {
        0 => {
            key(out, tag, 0, rng);
            varint(out, random_varint(rng), rng);
        }
        1 => {
            key(out, tag, 1, rng);
            out.extend_from_slice(&rng.next().to_le_bytes());
        }
        2 => {
            let text = random_text(rng);
            len_field(out, tag, &text, rng);
        }
        3 => {
            key(out, tag, 5, rng);
            out.extend_from_slice(&(rng.next() as u32).to_le_bytes());
        }
        _ => {
            key(out, tag, 3, rng);
            if depth < 8 {
                unknown_field(out, m, depth + 1, rng);
            }
            key(out, tag, 4, rng);
        }
    }
}

/// Damages `bytes` in a few random places.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    for _ in 0..1 + rng.below(3) {
        if bytes.is_empty() {
            bytes.push(rng.next() as u8);
            continue;
        }
        let at = rng.below(bytes.len() as u64) as usize;
        match rng.below(5) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes[at] ^= 1 << rng.below(8),
            2 => bytes.truncate(at),
            3 => bytes.insert(at, rng.next() as u8),
            _ => {
                bytes.remove(at);
            }
        }
    }
}

const ROOTS: &[&str] = &[
    ".mesos.v1.scheduler.Event",
    ".mesos.v1.executor.Event",
    ".mesos.v1.Offer",
    ".mesos.v1.TaskStatus",
    ".mesos.v1.TaskInfo",
    ".mesos.v1.FrameworkInfo",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_messages_read_like_prost(seed in any::<u64>(), root in 0..ROOTS.len()) {
        let mut rng = Rng(seed);
        let bytes = random_message(ROOTS[root], 0, &mut rng);
        agree_all(&bytes);
    }

    #[test]
    fn damaged_messages_are_refused_like_prost(seed in any::<u64>(), root in 0..ROOTS.len()) {
        let mut rng = Rng(seed);
        let mut bytes = random_message(ROOTS[root], 0, &mut rng);
        mutate(&mut bytes, &mut rng);
        agree_all(&bytes);
    }

    #[test]
    fn oneofs_hold_their_last_member_like_prost(seed in any::<u64>(), damage in any::<bool>()) {
        // VolumeCapability's `access_type` oneof (block or mount), deep under the events.
        let mut rng = Rng(seed);
        let mut bytes =
            random_message(".mesos.v1.Volume.Source.CSIVolume.VolumeCapability", 0, &mut rng);
        if damage {
            mutate(&mut bytes, &mut rng);
        }
        agree(&bytes, view::volume::source::csi_volume::VolumeCapabilityView::parse);
    }

    #[test]
    fn arbitrary_bytes_are_refused_like_prost(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        agree_all(&bytes);
    }

    #[test]
    fn prost_encodings_read_like_prost(seed in any::<u64>(), root in 0..2usize) {
        // Canonical encodings, as a master writes them: decode a random message with prost
        // and encode it again.
        let mut rng = Rng(seed);
        let bytes = random_message(ROOTS[root], 0, &mut rng);
        if root == 0 {
            if let Ok(event) = scheduler::Event::decode(&bytes[..]) {
                agree(&event.encode_to_vec(), view::scheduler::EventView::parse);
            }
        } else if let Ok(event) = executor::Event::decode(&bytes[..]) {
            agree(&event.encode_to_vec(), view::executor::EventView::parse);
        }
    }
}
