//! Proto2 `required` field checks for protobuf input: prost decodes messages that lack them,
//! but Mesos' `ParseFromString` refuses such a body, so the simulator checks the wire against
//! the schema's descriptors.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use prost::Name;
use prost::encoding::{WireType, decode_key, decode_varint};
#[cfg(test)]
use prost_reflect::{DynamicMessage, ReflectMessage, Value};
use prost_reflect::{Kind, MessageDescriptor};

/// Whether `bytes`, an encoded `M`, has every required field, as Mesos' parser demands; the
/// same answer as `missing_fields(bytes).is_empty()`, read off the wire without decoding the
/// message (every call the simulator takes goes through this). Undecodable input counts as
/// complete (the typed decoder reports that separately).
pub(crate) fn complete<M: Name>(bytes: &[u8]) -> bool {
    let pool = mesos_sdk::json::descriptor_pool();
    pool.get_message_by_name(&M::full_name())
        .is_none_or(|descriptor| wire_complete(&descriptor, bytes).unwrap_or(true))
}

/// The messages that have a required field themselves or in a message they hold: only
/// those are looked into.
fn checked() -> &'static HashSet<String> {
    static CHECKED: OnceLock<HashSet<String>> = OnceLock::new();
    CHECKED.get_or_init(|| {
        let pool = mesos_sdk::json::descriptor_pool();
        let mut checked: HashSet<String> = pool
            .all_messages()
            .filter(|m| m.fields().any(|f| f.is_required()))
            .map(|m| m.full_name().to_string())
            .collect();
        // Grown until no message holding a checked one is left out.
        loop {
            let before = checked.len();
            for message in pool.all_messages() {
                let holds_checked = message.fields().any(|f| match f.kind() {
                    Kind::Message(m) => checked.contains(m.full_name()),
                    _ => false,
                });
                if holds_checked {
                    checked.insert(message.full_name().to_string());
                }
            }
            if checked.len() == before {
                return checked;
            }
        }
    })
}

/// Whether the message `bytes` has every required field (`None`: not valid wire format).
/// A singular message field written several times is one message, merged: its pieces are
/// checked together. A required enum is set by a value its enum declares; the parser sets
/// the others aside as unknown fields.
fn wire_complete(descriptor: &MessageDescriptor, mut bytes: &[u8]) -> Option<bool> {
    let required: Vec<u32> = descriptor
        .fields()
        .filter(|f| f.is_required())
        .map(|f| f.number())
        .collect();
    let mut seen = vec![false; required.len()];
    // Singular message fields to look into: their number and their pieces, concatenated
    // (copied only when there is more than one).
    let mut singular: Vec<(u32, Cow<'_, [u8]>)> = Vec::new();
    while !bytes.is_empty() {
        let (number, wire_type) = decode_key(&mut bytes).ok()?;
        let field = descriptor.get_field(number);
        let mut value = None;
        let mut piece: &[u8] = &[];
        match wire_type {
            WireType::Varint => value = Some(decode_varint(&mut bytes).ok()?),
            WireType::SixtyFourBit => bytes = bytes.get(8..)?,
            WireType::ThirtyTwoBit => bytes = bytes.get(4..)?,
            WireType::LengthDelimited => {
                let len = usize::try_from(decode_varint(&mut bytes).ok()?).ok()?;
                piece = bytes.get(..len)?;
                bytes = &bytes[len..];
            }
            // Groups: not in Mesos' schema, nor accepted from it.
            WireType::StartGroup | WireType::EndGroup => return None,
        }
        let Some(field) = field else { continue };
        let set = match (field.kind(), value) {
            (Kind::Enum(e), Some(number)) => e.get_value(number as i32).is_some(),
            _ => true,
        };
        if set && let Some(i) = required.iter().position(|&n| n == number) {
            seen[i] = true;
        }
        if let Kind::Message(m) = field.kind()
            && wire_type == WireType::LengthDelimited
            && checked().contains(m.full_name())
        {
            if field.is_list() || field.is_map() {
                if !wire_complete(&m, piece)? {
                    return Some(false);
                }
            } else {
                match singular.iter_mut().find(|(n, _)| *n == number) {
                    Some((_, pieces)) => pieces.to_mut().extend_from_slice(piece),
                    None => singular.push((number, Cow::Borrowed(piece))),
                }
            }
        }
    }
    if seen.contains(&false) {
        return Some(false);
    }
    for (number, pieces) in singular {
        let Some(Kind::Message(m)) = descriptor.get_field(number).map(|f| f.kind()) else {
            continue;
        };
        if !wire_complete(&m, &pieces)? {
            return Some(false);
        }
    }
    Some(true)
}

/// The reference [`complete`] is tested against: dotted paths of the required fields
/// missing in `bytes`, an encoded `M`. Undecodable input yields an empty list (the typed
/// decoder reports that separately).
#[cfg(test)]
pub(crate) fn missing_fields<M: Name>(bytes: &[u8]) -> Vec<String> {
    let pool = mesos_sdk::json::descriptor_pool();
    let Some(descriptor) = pool.get_message_by_name(&M::full_name()) else {
        return Vec::new();
    };
    let Ok(message) = DynamicMessage::decode(descriptor, bytes) else {
        return Vec::new();
    };
    let mut missing = Vec::new();
    collect(&message, "", &mut missing);
    missing
}

#[cfg(test)]
fn collect(message: &DynamicMessage, path: &str, missing: &mut Vec<String>) {
    for field in message.descriptor().fields() {
        let here = if path.is_empty() {
            field.name().to_string()
        } else {
            format!("{path}.{}", field.name())
        };
        if field.is_required() && (!message.has_field(&field) || unknown_enum(message, &field)) {
            missing.push(here);
            continue;
        }
        if !matches!(field.kind(), Kind::Message(_)) || !message.has_field(&field) {
            continue;
        }
        match &*message.get_field(&field) {
            Value::Message(m) => collect(m, &here, missing),
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Message(m) = item {
                        collect(m, &format!("{here}[{i}]"), missing);
                    }
                }
            }
            Value::Map(entries) => {
                for item in entries.values() {
                    if let Value::Message(m) = item {
                        collect(m, &here, missing);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a singular enum field holds a number its enum does not declare. Mesos' schema is
/// proto2, where enums are closed: the C++ parser moves such a value to the unknown fields, so
/// the field counts as unset (and a required one as missing).
#[cfg(test)]
fn unknown_enum(message: &DynamicMessage, field: &prost_reflect::FieldDescriptor) -> bool {
    let Kind::Enum(descriptor) = field.kind() else {
        return false;
    };
    match &*message.get_field(field) {
        Value::EnumNumber(number) => descriptor.get_value(*number).is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mesos_sdk::v1::scheduler::Call;

    #[test]
    fn finds_nested_missing_required_fields() {
        // prost always writes required fields, so the input is built by hand:
        // Call{type: 1, subscribe: {framework_info: {name: "n"}}} without `user`.
        let bytes = [0x10, 0x01, 0x1a, 0x05, 0x0a, 0x03, 0x12, 0x01, b'n'];
        let missing = missing_fields::<Call>(&bytes);
        assert_eq!(missing, vec!["subscribe.framework_info.user".to_string()]);
        // An undeclared number in a required enum is no value at all.
        use mesos_sdk::v1::executor;
        use prost::Message;
        let update = executor::Call {
            r#type: Some(executor::call::Type::Update as i32),
            update: Some(executor::call::Update {
                status: mesos_sdk::v1::TaskStatus {
                    state: 99,
                    ..Default::default()
                },
            }),
            ..Default::default()
        };
        let missing = missing_fields::<executor::Call>(&update.encode_to_vec());
        assert_eq!(missing, vec!["update.status.state".to_string()]);
        assert!(!complete::<executor::Call>(&update.encode_to_vec()));
        let bytes = [0x10, 0x01, 0x1a, 0x00];
        let missing = missing_fields::<Call>(&bytes);
        assert!(
            missing.contains(&"subscribe.framework_info".to_string()),
            "{missing:?}"
        );
    }

    /// The wire check answers as the decoding one: on complete calls, on each with one field
    /// taken out, and on a required message written in two pieces.
    #[test]
    fn the_wire_check_agrees_with_decoding() {
        use prost::Message;
        let agrees = |bytes: &[u8]| {
            assert_eq!(
                complete::<Call>(bytes),
                missing_fields::<Call>(bytes).is_empty(),
                "{bytes:x?}"
            );
        };
        // SUBSCRIBE: complete, then each byte range of the inner message dropped.
        let subscribe = [
            0x10, 0x01, 0x1a, 0x08, 0x0a, 0x06, 0x0a, 0x01, b'u', 0x12, 0x01, b'n',
        ];
        agrees(&subscribe);
        assert!(complete::<Call>(&subscribe));
        for cut in 0..subscribe.len() {
            let mut shorter = subscribe.to_vec();
            shorter.remove(cut);
            agrees(&shorter);
        }
        // framework_info written in two pieces, `user` in one and `name` in the other: one
        // message with both.
        let split = [
            0x10, 0x01, 0x1a, 0x05, 0x0a, 0x03, 0x0a, 0x01, b'u', 0x1a, 0x05, 0x0a, 0x03, 0x12,
            0x01, b'n',
        ];
        assert!(complete::<Call>(&split));
        agrees(&split);
        // An ACCEPT launching a task, complete and with its task's id taken out.
        let task = mesos_sdk::v1::TaskInfo {
            name: "t".into(),
            task_id: mesos_sdk::v1::TaskId { value: "t".into() },
            agent_id: mesos_sdk::v1::AgentId { value: "a".into() },
            data: Some(vec![7; 300].into()),
            ..Default::default()
        };
        let accept = Call {
            framework_id: Some(mesos_sdk::v1::FrameworkId { value: "f".into() }),
            r#type: Some(mesos_sdk::v1::scheduler::call::Type::Accept as i32),
            accept: Some(mesos_sdk::v1::scheduler::call::Accept {
                offer_ids: vec![mesos_sdk::v1::OfferId { value: "o".into() }],
                operations: vec![mesos_sdk::offers::launch(vec![task])],
                filters: None,
            }),
            ..Default::default()
        };
        let bytes = accept.encode_to_vec();
        agrees(&bytes);
        assert!(complete::<Call>(&bytes));
        for cut in 0..bytes.len() {
            let mut shorter = bytes.clone();
            shorter.remove(cut);
            if Call::decode(shorter.as_slice()).is_ok() {
                agrees(&shorter);
            }
        }
    }
}
