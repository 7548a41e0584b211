//! Generates mesos-proto's Rust types from `proto/mesos/**.proto` into `proto/src/generated/`.
//!
//! `cargo run -p mesos-proto-codegen` rewrites the checked-in files after a deliberate schema
//! change; its test (run with the rest of the workspace's tests) fails when they have drifted.
//! It lives in its own crate so it still builds when the generated code does not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorSet};

mod views;

/// Every schema file, relative to `proto/`. Imports are pulled in by protox.
const FILES: &[&str] = &[
    "mesos/v1/mesos.proto",
    "mesos/v1/scheduler/scheduler.proto",
    "mesos/v1/executor/executor.proto",
    "mesos/v1/master/master.proto",
    "mesos/v1/agent/agent.proto",
    "mesos/v1/quota/quota.proto",
    "mesos/v1/maintenance/maintenance.proto",
    "mesos/v1/allocator/allocator.proto",
    "mesos/v1/resource_provider/resource_provider.proto",
];

/// The `proto/` directory: the schema root and home of `src/generated/`.
fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen lives inside proto/")
        .to_path_buf()
}

fn scalar_name(ty: Type) -> &'static str {
    match ty {
        Type::Double => "double",
        Type::Float => "float",
        Type::Int64 => "int64",
        Type::Uint64 => "uint64",
        Type::Int32 => "int32",
        Type::Fixed64 => "fixed64",
        Type::Fixed32 => "fixed32",
        Type::Bool => "bool",
        Type::String => "string",
        Type::Bytes => "bytes",
        Type::Uint32 => "uint32",
        Type::Sfixed32 => "sfixed32",
        Type::Sfixed64 => "sfixed64",
        Type::Sint32 => "sint32",
        Type::Sint64 => "sint64",
        Type::Group | Type::Message | Type::Enum => "",
    }
}

/// The field's declaration as it reads in the schema, used as its Rust doc.
fn field_decl(field: &FieldDescriptorProto) -> String {
    let label = match field.label() {
        Label::Optional => "optional",
        Label::Required => "required",
        Label::Repeated => "repeated",
    };
    let ty = match field.r#type() {
        Type::Message | Type::Enum | Type::Group => {
            field.type_name().trim_start_matches('.').to_string()
        }
        other => scalar_name(other).to_string(),
    };
    let mut decl = format!("{label} {ty} {} = {}", field.name(), field.number());
    if let Some(default) = &field.default_value {
        if field.r#type() == Type::String || field.r#type() == Type::Bytes {
            decl.push_str(&format!(" [default = {default:?}]"));
        } else {
            decl.push_str(&format!(" [default = {default}]"));
        }
    }
    if field.options.as_ref().and_then(|o| o.deprecated) == Some(true) {
        decl.push_str(" (deprecated)");
    }
    decl
}

fn doc_attr(text: &str) -> String {
    format!("#[doc = {text:?}]")
}

/// Collects one doc attribute per message, enum, field and enum value, keyed
/// by the fully qualified protobuf path prost-build matches on.
struct Docs {
    types: BTreeMap<String, String>,
    fields: BTreeMap<String, String>,
}

impl Docs {
    fn enum_docs(&mut self, path: &str, e: &EnumDescriptorProto) {
        let full = format!("{path}.{}", e.name());
        self.types.insert(
            full.clone(),
            format!("The `{}` enum of the Mesos v1 schema.", &full[1..]),
        );
        for value in &e.value {
            self.fields.insert(
                format!("{full}.{}", value.name()),
                format!("`{} = {}`", value.name(), value.number()),
            );
        }
    }

    fn message_docs(&mut self, path: &str, m: &DescriptorProto) {
        let full = format!("{path}.{}", m.name());
        if m.options.as_ref().and_then(|o| o.map_entry) == Some(true) {
            return;
        }
        self.types.insert(
            full.clone(),
            format!("The `{}` message of the Mesos v1 schema.", &full[1..]),
        );
        for field in &m.field {
            let decl = format!("`{}`", field_decl(field));
            match field.oneof_index {
                // prost turns a oneof into one struct field plus an enum with a variant per
                // member, and matches attributes for those at `Msg.oneof` and `Msg.oneof.field`.
                Some(index) => {
                    let oneof = m.oneof_decl[index as usize].name();
                    self.fields.insert(
                        format!("{full}.{oneof}"),
                        format!("The `{oneof}` oneof: exactly one of its members is set."),
                    );
                    self.fields
                        .insert(format!("{full}.{oneof}.{}", field.name()), decl);
                }
                None => {
                    self.fields.insert(format!("{full}.{}", field.name()), decl);
                }
            }
        }
        for e in &m.enum_type {
            self.enum_docs(&full, e);
        }
        for nested in &m.nested_type {
            self.message_docs(&full, nested);
        }
    }
}

fn compile_schema() -> FileDescriptorSet {
    let dir = crate_dir();
    let mut compiler = protox::Compiler::new([&dir]).expect("protox compiler");
    compiler.include_imports(true);
    compiler.include_source_info(false);
    compiler.open_files(FILES).expect("the schema compiles");
    compiler.file_descriptor_set()
}

/// Generates the Rust sources (file name -> contents) for the schema.
fn generate(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let fds = compile_schema();
    let mut docs = Docs {
        types: BTreeMap::new(),
        fields: BTreeMap::new(),
    };
    for file in &fds.file {
        if !file.package().starts_with("mesos.") {
            continue;
        }
        let pkg = format!(".{}", file.package());
        for e in &file.enum_type {
            docs.enum_docs(&pkg, e);
        }
        for m in &file.message_type {
            docs.message_docs(&pkg, m);
        }
    }

    let mut config = prost_build::Config::new();
    config
        .out_dir(out)
        .bytes(["."])
        .enable_type_names()
        .format(true);
    for (path, doc) in &docs.types {
        config.type_attribute(path, doc_attr(doc));
    }
    for (path, doc) in &docs.fields {
        config.field_attribute(path, doc_attr(doc));
    }
    config
        .compile_fds(fds.clone())
        .expect("prost-build generates the types");

    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(out).expect("read generated dir") {
        let entry = entry.expect("dir entry");
        let name = entry.file_name().into_string().expect("utf-8 file name");
        files.insert(
            name,
            std::fs::read(entry.path()).expect("read generated file"),
        );
    }
    files.insert(
        "view_checks.rs".to_string(),
        views::generate_checks(&fds).into_bytes(),
    );
    files.insert("views.rs".to_string(), views::generate(&fds).into_bytes());
    files.insert(
        "descriptor.bin".to_string(),
        prost::Message::encode_to_vec(&fds),
    );
    files
}

/// Compares freshly generated code with `proto/src/generated/`; with `bless`, rewrites the
/// files that differ and removes stale ones. Returns the names that differed.
fn sync(bless: bool) -> Vec<String> {
    let tmp = std::env::temp_dir().join(format!("mesos-proto-codegen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).expect("create temp dir");
    let generated = generate(&tmp);
    let _ = std::fs::remove_dir_all(&tmp);

    let checked_in_dir = crate_dir().join("src/generated");
    std::fs::create_dir_all(&checked_in_dir).expect("create src/generated");
    let mut drifted = Vec::new();
    for (name, contents) in &generated {
        let path = checked_in_dir.join(name);
        let current = std::fs::read(&path).unwrap_or_default();
        if current != *contents {
            drifted.push(name.clone());
            if bless {
                std::fs::write(&path, contents).expect("write generated file");
            }
        }
    }
    for entry in std::fs::read_dir(&checked_in_dir).expect("read src/generated") {
        let name = entry
            .expect("dir entry")
            .file_name()
            .into_string()
            .expect("utf-8");
        if !generated.contains_key(&name) {
            drifted.push(format!("{name} (no longer generated)"));
            if bless {
                std::fs::remove_file(checked_in_dir.join(&name)).expect("remove stale file");
            }
        }
    }
    drifted
}

fn main() {
    let changed = sync(true);
    if changed.is_empty() {
        println!("proto/src/generated is up to date");
    } else {
        println!("rewrote {changed:?}");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn checked_in_code_matches_schema() {
        let drifted = super::sync(false);
        assert!(
            drifted.is_empty(),
            "proto/src/generated is out of date with proto/mesos/**.proto: {drifted:?}; \
             run `cargo run -p mesos-proto-codegen` and commit the result"
        );
    }
}
