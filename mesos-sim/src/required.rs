//! Proto2 `required` field checks for protobuf input: prost decodes messages that lack them,
//! but Mesos' `ParseFromString` refuses such a body, so the simulator checks by reflection.

use prost::Name;
use prost_reflect::{DynamicMessage, Kind, ReflectMessage, Value};

/// Dotted paths of the required fields missing in `bytes`, an encoded `M`. Undecodable input
/// yields an empty list (the typed decoder reports that separately).
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
        let bytes = [0x10, 0x01, 0x1a, 0x00];
        let missing = missing_fields::<Call>(&bytes);
        assert!(
            missing.contains(&"subscribe.framework_info".to_string()),
            "{missing:?}"
        );
    }
}
