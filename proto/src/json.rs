//! Mesos' JSON form of the v1 messages (`Content-Type: application/json`).
//!
//! Mesos does not use the canonical protobuf JSON mapping. It writes and reads JSON with its own
//! rules (stout's `protobuf.hpp`), and this module follows them:
//!
//! - keys are the proto field names (`framework_id`), never lowerCamelCase; other keys are
//!   ignored, and `null` means unset (an array's `null` elements are skipped);
//! - well-known types are ordinary messages: a `google.protobuf.Duration` is
//!   `{"seconds": 600}`, not `"600s"`;
//! - enums are their value names (`"TASK_RUNNING"`); a JSON number for an enum is rejected, and
//!   an unknown name leaves an optional field unset but fails a required one;
//! - `bytes` are standard Base64 with padding;
//! - 64-bit integers are JSON numbers (never strings) and are read without going through `f64`;
//!   numeric strings and `"true"`/`"false"` strings are also accepted, as Mesos 1.6+ does;
//! - when writing, unset singular fields that declare a default in the schema (and are not
//!   deprecated) are written with that default, as a Mesos master writes them;
//! - a message missing a `required` field is rejected, naming every missing field.
//!
//! ```
//! use mesos_proto::json;
//! use mesos_proto::v1::{scheduler, FrameworkInfo};
//!
//! let call: scheduler::Call = json::from_str(
//!     r#"{"type": "SUBSCRIBE",
//!         "subscribe": {"framework_info": {"user": "root", "name": "demo"}}}"#,
//! )?;
//! assert_eq!(call.r#type(), scheduler::call::Type::Subscribe);
//!
//! let info = FrameworkInfo { user: "root".into(), name: "demo".into(), ..Default::default() };
//! let text = json::to_string(&info)?;
//! // Mesos writes the declared defaults of unset fields.
//! assert!(text.contains(r#""failover_timeout":0.0"#));
//! # Ok::<(), json::JsonError>(())
//! ```

use std::sync::OnceLock;

use prost::{Message, Name};
use prost_reflect::{
    DescriptorPool, DeserializeOptions, DynamicMessage, FieldDescriptor, Kind, MessageDescriptor,
    ReflectMessage, SerializeOptions, Value as ReflectValue,
};
use serde_json::Value;

/// Why a message could not be read from, or written as, Mesos JSON.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The input is not JSON at all.
    #[error("invalid JSON: {source}")]
    Syntax {
        /// The parser's error, with line and column.
        #[source]
        source: serde_json::Error,
    },
    /// The JSON is well formed but does not fit the message's schema.
    #[error("invalid JSON for {message} at `{path}`: {reason}")]
    Schema {
        /// Full protobuf name of the message being read, e.g. `mesos.v1.scheduler.Call`.
        message: String,
        /// Where in the document the problem is, e.g. `subscribe.framework_info.capabilities[0].type`.
        path: String,
        /// What is wrong there.
        reason: String,
    },
    /// Required fields are absent.
    #[error("{message} is missing required fields: {}", fields.join(", "))]
    MissingRequired {
        /// Full protobuf name of the message being read.
        message: String,
        /// Dotted paths of every missing field, e.g. `subscribe.framework_info.user`.
        fields: Vec<String>,
    },
    /// The type is not part of the Mesos schema compiled into this crate.
    #[error("{0} is not a message of the Mesos v1 schema")]
    UnknownMessage(String),
    /// Converting between the reflected and the generated form failed; this indicates a bug in
    /// the crate (the two are compiled from the same schema).
    #[error("internal transcoding error for {message}: {source}")]
    Transcode {
        /// Full protobuf name of the message.
        message: String,
        /// The protobuf decoder's error.
        #[source]
        source: prost::DecodeError,
    },
}

/// The package the JSON pool moves `google.protobuf` types to.
///
/// stout has no special JSON form for well-known types: `google.protobuf.Duration` (used by the
/// operator API's `DRAIN_AGENT.max_grace_period`) is written `{"seconds": 600}` like any other
/// message, not as the canonical `"600s"`. prost-reflect recognises well-known types by their
/// full name, so the pool renames their package to keep them ordinary. The wire encoding is
/// unaffected: it does not carry type names.
const ORDINARY_WKT_PACKAGE: &str = "mesos_rs.ordinary_wkt";

/// The reflection pool of the whole schema, built once from [`crate::FILE_DESCRIPTOR_SET`] with
/// the well-known types made ordinary messages (see above).
pub fn descriptor_pool() -> &'static DescriptorPool {
    static POOL: OnceLock<DescriptorPool> = OnceLock::new();
    POOL.get_or_init(|| {
        // The set is produced by our own codegen from the schema in this crate, and checked by
        // its drift test, so a failure here is a build defect rather than bad input.
        let mut set = prost_types::FileDescriptorSet::decode(crate::FILE_DESCRIPTOR_SET)
            .expect("the embedded descriptor set is valid");
        for file in &mut set.file {
            if file.package() == "google.protobuf" {
                file.package = Some(ORDINARY_WKT_PACKAGE.to_string());
            }
            for message in &mut file.message_type {
                rename_wkt_references(message);
            }
        }
        DescriptorPool::from_file_descriptor_set(set).expect("the renamed descriptor set is valid")
    })
}

fn rename_wkt_references(message: &mut prost_types::DescriptorProto) {
    for field in &mut message.field {
        if let Some(rest) = field.type_name().strip_prefix(".google.protobuf.") {
            field.type_name = Some(format!(".{ORDINARY_WKT_PACKAGE}.{rest}"));
        }
    }
    for nested in &mut message.nested_type {
        rename_wkt_references(nested);
    }
}

fn descriptor_of<M: Name>() -> Result<MessageDescriptor, JsonError> {
    let name = M::full_name();
    let lookup = match name.strip_prefix("google.protobuf.") {
        Some(rest) => format!("{ORDINARY_WKT_PACKAGE}.{rest}"),
        None => name.clone(),
    };
    descriptor_pool()
        .get_message_by_name(&lookup)
        .ok_or(JsonError::UnknownMessage(name))
}

/// Writes `message` as a Mesos JSON value.
pub fn to_value<M: Message + Name>(message: &M) -> Result<Value, JsonError> {
    let desc = descriptor_of::<M>()?;
    let mut dynamic = DynamicMessage::decode(desc.clone(), message.encode_to_vec().as_slice())
        .map_err(|source| JsonError::Transcode {
            message: desc.full_name().to_string(),
            source,
        })?;
    fill_declared_defaults(&mut dynamic);
    let options = SerializeOptions::new()
        .stringify_64_bit_integers(false)
        .use_proto_field_name(true)
        .skip_default_fields(true);
    dynamic
        .serialize_with_options(serde_json::value::Serializer, &options)
        .map_err(|e| JsonError::Schema {
            message: desc.full_name().to_string(),
            path: String::new(),
            reason: e.to_string(),
        })
}

/// Writes `message` as Mesos JSON text.
pub fn to_string<M: Message + Name>(message: &M) -> Result<String, JsonError> {
    Ok(to_value(message)?.to_string())
}

/// Writes `message` as Mesos JSON bytes (an HTTP body).
pub fn to_vec<M: Message + Name>(message: &M) -> Result<Vec<u8>, JsonError> {
    Ok(to_value(message)?.to_string().into_bytes())
}

/// Reads a message from Mesos JSON bytes.
pub fn from_slice<M: Message + Name + Default>(bytes: &[u8]) -> Result<M, JsonError> {
    let value: Value =
        serde_json::from_slice(bytes).map_err(|source| JsonError::Syntax { source })?;
    from_value(value)
}

/// Reads a message from Mesos JSON text.
pub fn from_str<M: Message + Name + Default>(text: &str) -> Result<M, JsonError> {
    from_slice(text.as_bytes())
}

/// Reads a message from a parsed JSON value.
pub fn from_value<M: Message + Name + Default>(mut value: Value) -> Result<M, JsonError> {
    let desc = descriptor_of::<M>()?;
    let schema_error = |path: String, reason: String| JsonError::Schema {
        message: desc.full_name().to_string(),
        path,
        reason,
    };
    normalize_message(&desc, &mut value, "")
        .map_err(|(path, reason)| schema_error(path, reason))?;
    let options = DeserializeOptions::new().deny_unknown_fields(false);
    let dynamic = DynamicMessage::deserialize_with_options(desc.clone(), value, &options)
        .map_err(|e| schema_error(String::new(), e.to_string()))?;
    let mut missing = Vec::new();
    collect_missing_required(&dynamic, "", &mut missing);
    if !missing.is_empty() {
        return Err(JsonError::MissingRequired {
            message: desc.full_name().to_string(),
            fields: missing,
        });
    }
    M::decode(dynamic.encode_to_vec().as_slice()).map_err(|source| JsonError::Transcode {
        message: desc.full_name().to_string(),
        source,
    })
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

type NormalizeError = (String, String);

/// Rewrites a JSON object in place so that prost-reflect's reader accepts exactly what Mesos
/// accepts: drops keys that are not proto field names and `null`s, drops unknown names of
/// optional enums, rejects numeric enums, and turns boolean strings into booleans.
fn normalize_message(
    desc: &MessageDescriptor,
    value: &mut Value,
    path: &str,
) -> Result<(), NormalizeError> {
    let Value::Object(object) = value else {
        return Err((
            path.to_string(),
            format!("expected a JSON object for {}", desc.full_name()),
        ));
    };
    // stout looks fields up by their proto name only, so `frameworkId` is an unknown key there.
    object.retain(|key, v| !v.is_null() && desc.get_field_by_name(key).is_some());
    let mut drop = Vec::new();
    for (key, v) in object.iter_mut() {
        let Some(field) = desc.get_field_by_name(key) else {
            continue;
        };
        let here = join(path, key);
        if field.is_map() {
            normalize_map(&field, v, &here)?;
        } else if field.is_list() {
            let Value::Array(items) = v else {
                return Err((here, "expected a JSON array for a repeated field".into()));
            };
            let mut keep = Vec::with_capacity(items.len());
            for (i, mut item) in std::mem::take(items).into_iter().enumerate() {
                // stout applies the `null` means unset rule to array elements too.
                if item.is_null() {
                    continue;
                }
                if normalize_single(&field.kind(), &mut item, &format!("{here}[{i}]"), false)? {
                    keep.push(item);
                }
            }
            *items = keep;
        } else if !normalize_single(&field.kind(), v, &here, field.is_required())? {
            drop.push(key.clone());
        }
    }
    for key in drop {
        object.remove(&key);
    }
    Ok(())
}

fn normalize_map(
    field: &FieldDescriptor,
    value: &mut Value,
    path: &str,
) -> Result<(), NormalizeError> {
    let Value::Object(entries) = value else {
        return Err((
            path.to_string(),
            "expected a JSON object for a map field".into(),
        ));
    };
    let Kind::Message(entry) = field.kind() else {
        return Ok(());
    };
    let value_kind = entry.map_entry_value_field().kind();
    let mut drop = Vec::new();
    entries.retain(|_, v| !v.is_null());
    for (key, v) in entries.iter_mut() {
        if !normalize_single(&value_kind, v, &format!("{path}[{key:?}]"), false)? {
            drop.push(key.clone());
        }
    }
    for key in drop {
        entries.remove(&key);
    }
    Ok(())
}

/// Normalizes one singular value; returns `false` when it must be dropped (unknown enum name on
/// a field that is not required).
fn normalize_single(
    kind: &Kind,
    value: &mut Value,
    path: &str,
    required: bool,
) -> Result<bool, NormalizeError> {
    match kind {
        Kind::Message(desc) => {
            normalize_message(desc, value, path)?;
            Ok(true)
        }
        Kind::Enum(desc) => match value {
            Value::String(name) => {
                if desc.get_value_by_name(name).is_some() {
                    Ok(true)
                } else if required {
                    Err((
                        path.to_string(),
                        format!("failed to find enum for '{name}'"),
                    ))
                } else {
                    // Mesos silently leaves an optional enum with an unknown name unset, which
                    // lets newer peers add enum values.
                    Ok(false)
                }
            }
            Value::Number(_) => Err((path.to_string(), "not expecting a JSON number".into())),
            _ => Err((path.to_string(), "expected an enum value name".into())),
        },
        Kind::Bool => {
            if let Value::String(s) = value {
                match s.as_str() {
                    "true" => *value = Value::Bool(true),
                    "false" => *value = Value::Bool(false),
                    _ => return Err((path.to_string(), format!("expected a boolean, got {s:?}"))),
                }
            }
            Ok(true)
        }
        _ => Ok(true),
    }
}

/// Sets every unset singular field that declares a non-deprecated default to that default,
/// recursively, so that the written JSON carries them as Mesos' writer does.
fn fill_declared_defaults(message: &mut DynamicMessage) {
    let desc = message.descriptor();
    for field in desc.fields() {
        if field.is_list() || field.is_map() {
            if let Kind::Message(_) = field.kind() {
                if let Some(value) = message.get_field_mut(&field).as_list_mut() {
                    for item in value {
                        if let ReflectValue::Message(m) = item {
                            fill_declared_defaults(m);
                        }
                    }
                } else if let Some(map) = message.get_field_mut(&field).as_map_mut() {
                    for item in map.values_mut() {
                        if let ReflectValue::Message(m) = item {
                            fill_declared_defaults(m);
                        }
                    }
                }
            }
            continue;
        }
        if message.has_field(&field) {
            if let Some(m) = message.get_field_mut(&field).as_message_mut() {
                fill_declared_defaults(m);
            }
            continue;
        }
        let proto = field.field_descriptor_proto();
        let deprecated = proto.options.as_ref().and_then(|o| o.deprecated) == Some(true);
        if proto.default_value.is_some() && !deprecated && field.containing_oneof().is_none() {
            let default = message.get_field(&field).into_owned();
            message.set_field(&field, default);
        }
    }
}

fn collect_missing_required(message: &DynamicMessage, path: &str, missing: &mut Vec<String>) {
    for field in message.descriptor().fields() {
        let here = join(path, field.name());
        if field.is_required() && !message.has_field(&field) {
            missing.push(here);
            continue;
        }
        if !matches!(field.kind(), Kind::Message(_)) || !message.has_field(&field) {
            continue;
        }
        let value = message.get_field(&field);
        match &*value {
            ReflectValue::Message(m) => collect_missing_required(m, &here, missing),
            ReflectValue::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let ReflectValue::Message(m) = item {
                        collect_missing_required(m, &format!("{here}[{i}]"), missing);
                    }
                }
            }
            ReflectValue::Map(entries) => {
                for (key, item) in entries {
                    if let ReflectValue::Message(m) = item {
                        collect_missing_required(m, &format!("{here}[{key:?}]"), missing);
                    }
                }
            }
            _ => {}
        }
    }
}
