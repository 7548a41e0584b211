//! Generates `proto/src/generated/views.rs`: a borrowed view type per message reachable from
//! the scheduler's and the executor's `Event`, with a checking `validate`, an `index` that
//! records where each field occurs, and accessors mirroring prost's fields and getters.
//! The runtime these lean on is hand-written in `proto/src/view/`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;

use heck::{ToSnakeCase, ToUpperCamelCase};
use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorSet};

/// The messages whose views are generated, with everything they reach.
const ROOTS: &[&str] = &[".mesos.v1.scheduler.Event", ".mesos.v1.executor.Event"];

/// Names the hand-written part of `mesos_proto::view` already uses.
const RESERVED_MODULES: &[&str] = &["kind", "wire", "iter", "error"];

/// Method names every view has besides its accessors.
const RESERVED_METHODS: &[&str] = &["parse", "to_owned", "index", "validate", "blame", "fmt"];

/// A message or enum with where it sits in the schema.
struct Item<'d, T> {
    desc: &'d T,
    /// The protobuf package, such as `mesos.v1.scheduler`.
    package: String,
    /// The protobuf names of the enclosing messages, outermost first.
    parents: Vec<String>,
}

impl<T> Item<'_, T> {
    /// The module path below `crate::v1` (prost) or `crate::view` (views).
    fn modules(&self) -> Vec<String> {
        let mut modules: Vec<String> = self
            .package
            .strip_prefix("mesos.v1")
            .unwrap_or(&self.package)
            .split('.')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        modules.extend(self.parents.iter().map(|p| sanitize(&p.to_snake_case())));
        modules
    }

    fn full_name(&self, name: &str) -> String {
        let mut full = self.package.clone();
        for p in &self.parents {
            full.push('.');
            full.push_str(p);
        }
        format!("{full}.{name}")
    }
}

fn join_path(root: &str, modules: &[String], name: &str) -> String {
    let mut path = root.to_string();
    for m in modules {
        path.push_str("::");
        path.push_str(m);
    }
    format!("{path}::{name}")
}

/// prost-build's identifier rule: keywords become raw identifiers or get a trailing `_`.
fn sanitize(ident: &str) -> String {
    match ident {
        "as" | "break" | "const" | "continue" | "else" | "enum" | "false" | "fn" | "for" | "if"
        | "impl" | "in" | "let" | "loop" | "match" | "mod" | "move" | "mut" | "pub" | "ref"
        | "return" | "static" | "struct" | "trait" | "true" | "type" | "unsafe" | "use"
        | "where" | "while" | "dyn" | "abstract" | "become" | "box" | "do" | "final" | "macro"
        | "override" | "priv" | "typeof" | "unsized" | "virtual" | "yield" | "async" | "await"
        | "try" | "gen" => format!("r#{ident}"),
        "_" | "super" | "self" | "Self" | "extern" | "crate" => format!("{ident}_"),
        s if s.starts_with(|c: char| c.is_numeric()) => format!("_{ident}"),
        _ => ident.to_string(),
    }
}

fn upper_camel(s: &str) -> String {
    sanitize(&s.to_upper_camel_case())
}

/// prost-build's enum variant naming: the enum's name stripped from the value's.
fn enum_variant(enum_name: &str, value: &str) -> String {
    let prefix = upper_camel(enum_name);
    let name = upper_camel(value);
    let stripped = name.strip_prefix(prefix.as_str()).unwrap_or(&name);
    if stripped.chars().next().is_some_and(char::is_uppercase) {
        sanitize(stripped)
    } else {
        name
    }
}

struct Schema<'d> {
    messages: BTreeMap<String, Item<'d, DescriptorProto>>,
    enums: BTreeMap<String, Item<'d, EnumDescriptorProto>>,
}

impl<'d> Schema<'d> {
    fn new(fds: &'d FileDescriptorSet) -> Self {
        let mut schema = Schema {
            messages: BTreeMap::new(),
            enums: BTreeMap::new(),
        };
        for file in &fds.file {
            for m in &file.message_type {
                schema.add_message(file.package(), &[], m);
            }
            for e in &file.enum_type {
                schema.add_enum(file.package(), &[], e);
            }
        }
        schema
    }

    fn add_message(&mut self, package: &str, parents: &[String], m: &'d DescriptorProto) {
        let item = Item {
            desc: m,
            package: package.to_string(),
            parents: parents.to_vec(),
        };
        let full = format!(".{}", item.full_name(m.name()));
        self.messages.insert(full, item);
        let mut inner = parents.to_vec();
        inner.push(m.name().to_string());
        for nested in &m.nested_type {
            self.add_message(package, &inner, nested);
        }
        for e in &m.enum_type {
            self.add_enum(package, &inner, e);
        }
    }

    fn add_enum(&mut self, package: &str, parents: &[String], e: &'d EnumDescriptorProto) {
        let item = Item {
            desc: e,
            package: package.to_string(),
            parents: parents.to_vec(),
        };
        let full = format!(".{}", item.full_name(e.name()));
        self.enums.insert(full, item);
    }

    fn message(&self, type_name: &str) -> &Item<'d, DescriptorProto> {
        self.messages
            .get(type_name)
            .unwrap_or_else(|| panic!("unknown message {type_name}"))
    }

    fn is_map_entry(m: &DescriptorProto) -> bool {
        m.options.as_ref().and_then(|o| o.map_entry) == Some(true)
    }

    /// Every message reachable from [`ROOTS`], map entries included.
    fn reachable(&self) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<String> = ROOTS.iter().map(|s| s.to_string()).collect();
        while let Some(name) = queue.pop_front() {
            if !seen.insert(name.clone()) {
                continue;
            }
            for field in &self.message(&name).desc.field {
                if field.r#type() == Type::Message {
                    queue.push_back(field.type_name().to_string());
                }
            }
        }
        seen
    }

    fn view_path(&self, type_name: &str) -> String {
        let item = self.message(type_name);
        join_path(
            "crate::view",
            &item.modules(),
            &format!("{}View", upper_camel(item.desc.name())),
        )
    }

    fn prost_path(&self, type_name: &str) -> String {
        let item = self.message(type_name);
        join_path("crate::v1", &item.modules(), &upper_camel(item.desc.name()))
    }

    fn enum_path(&self, type_name: &str) -> String {
        let item = &self.enums[type_name];
        join_path("crate::v1", &item.modules(), &upper_camel(item.desc.name()))
    }

    /// The enum's default: `(typed expression, raw number)`.
    fn enum_default(&self, field: &FieldDescriptorProto) -> (String, String) {
        let path = self.enum_path(field.type_name());
        let item = &self.enums[field.type_name()];
        match &field.default_value {
            Some(name) => {
                let value = item
                    .desc
                    .value
                    .iter()
                    .find(|v| v.name() == name)
                    .unwrap_or_else(|| panic!("default {name} of {}", field.name()));
                (
                    format!("{path}::{}", enum_variant(item.desc.name(), name)),
                    format!("{}i32", value.number()),
                )
            }
            None => (
                format!("<{path} as ::core::default::Default>::default()"),
                format!("<{path} as ::core::default::Default>::default() as i32"),
            ),
        }
    }
}

/// How a scalar type is stored on the wire and read back.
struct Scalar {
    /// The Rust type an accessor returns.
    rust: &'static str,
    /// The `kind` marker of a repeated field's elements.
    kind: &'static str,
    /// Reads an `Option` of the value from the slot key `k`.
    read: &'static str,
    /// The validation call for a singular field.
    check: &'static str,
    /// The validation call for a repeated field.
    check_repeated: &'static str,
}

fn scalar(ty: Type) -> Scalar {
    let s = |rust, kind, read, check, check_repeated| Scalar {
        rust,
        kind,
        read,
        check,
        check_repeated,
    };
    const V: &str = "r.varint(wt)";
    const PV: &str = "r.packed_varint(wt)";
    const F4: &str = "r.fixed32(wt)";
    const PF4: &str = "r.packed_fixed(wt, 4)";
    const F8: &str = "r.fixed64(wt)";
    const PF8: &str = "r.packed_fixed(wt, 8)";
    match ty {
        Type::Int32 | Type::Enum => s("i32", "Int32", "varint_at(B, K).map(|v| v as i32)", V, PV),
        Type::Int64 => s("i64", "Int64", "varint_at(B, K).map(|v| v as i64)", V, PV),
        Type::Uint32 => s("u32", "Uint32", "varint_at(B, K).map(|v| v as u32)", V, PV),
        Type::Uint64 => s("u64", "Uint64", "varint_at(B, K)", V, PV),
        Type::Sint32 => s(
            "i32",
            "Sint32",
            "varint_at(B, K).map(|v| ((v as u32 >> 1) as i32) ^ (-((v as u32 & 1) as i32)))",
            V,
            PV,
        ),
        Type::Sint64 => s(
            "i64",
            "Sint64",
            "varint_at(B, K).map(|v| ((v >> 1) as i64) ^ (-((v & 1) as i64)))",
            V,
            PV,
        ),
        Type::Bool => s("bool", "Bool", "varint_at(B, K).map(|v| v != 0)", V, PV),
        Type::Double => s(
            "f64",
            "Double",
            "fixed64_at(B, K).map(f64::from_bits)",
            F8,
            PF8,
        ),
        Type::Float => s(
            "f32",
            "Float",
            "fixed32_at(B, K).map(f32::from_bits)",
            F4,
            PF4,
        ),
        Type::Fixed32 => s("u32", "Fixed32", "fixed32_at(B, K)", F4, PF4),
        Type::Fixed64 => s("u64", "Fixed64", "fixed64_at(B, K)", F8, PF8),
        Type::Sfixed32 => s(
            "i32",
            "Sfixed32",
            "fixed32_at(B, K).map(|v| v as i32)",
            F4,
            PF4,
        ),
        Type::Sfixed64 => s(
            "i64",
            "Sfixed64",
            "fixed64_at(B, K).map(|v| v as i64)",
            F8,
            PF8,
        ),
        Type::String => s(
            "&'a str",
            "Str",
            "str_at(B, K)",
            "r.string(wt)",
            "r.string(wt)",
        ),
        Type::Bytes => s(
            "&'a [u8]",
            "Bytes",
            "len_at(B, K)",
            "r.bytes(wt)",
            "r.bytes(wt)",
        ),
        Type::Message | Type::Group => unreachable!("not a scalar"),
    }
}

/// The Rust literal of a proto2 default of a scalar field.
fn default_literal(field: &FieldDescriptorProto) -> String {
    let ty = field.r#type();
    let Some(text) = &field.default_value else {
        return match ty {
            Type::Bool => "false".into(),
            Type::String => "\"\"".into(),
            Type::Bytes => "&[]".into(),
            Type::Double | Type::Float => "0.0".into(),
            _ => "0".into(),
        };
    };
    match ty {
        Type::String => format!("{text:?}"),
        Type::Bool => text.clone(),
        Type::Double | Type::Float => {
            let suffix = if ty == Type::Double { "f64" } else { "f32" };
            match text.as_str() {
                "inf" => format!("{suffix}::INFINITY"),
                "-inf" => format!("{suffix}::NEG_INFINITY"),
                "nan" => format!("{suffix}::NAN"),
                _ => format!("{text}{suffix}"),
            }
        }
        Type::Bytes => panic!("bytes defaults are not supported: {}", field.name()),
        _ => {
            let rust = scalar(ty).rust;
            format!("{text}{rust}")
        }
    }
}

/// `.unwrap_or(default)`, or `.unwrap_or_default()` when the default is the type's.
fn or_default(typed: &str) -> String {
    if typed.ends_with("::core::default::Default>::default()") {
        ".unwrap_or_default()".to_string()
    } else {
        format!(".unwrap_or({typed})")
    }
}

fn doc(text: &str) -> String {
    format!("#[doc = {text:?}]\n")
}

/// Generates the views of every reachable message, formatted.
pub(crate) fn generate(fds: &FileDescriptorSet) -> String {
    let schema = Schema::new(fds);
    let mut tree = Module::default();
    for name in schema.reachable() {
        let item = schema.message(&name);
        let mut node = &mut tree;
        let mut full = item.package.clone();
        for (i, m) in item.modules().iter().enumerate() {
            assert!(
                !RESERVED_MODULES.contains(&m.as_str()),
                "view module {m} clashes with the runtime"
            );
            // Modules below the package name a message: their docs say which.
            let package_depth = item.modules().len() - item.parents.len();
            full = if i < package_depth {
                format!("mesos.v1.{}", item.modules()[..=i].join("."))
            } else {
                format!("{full}.{}", item.parents[i - package_depth])
            };
            let doc = if i < package_depth {
                format!("Views of the `{full}` package.")
            } else {
                format!("Views of the messages nested in `{full}`.")
            };
            node = node.children.entry(m.clone()).or_insert_with(|| Module {
                doc,
                ..Module::default()
            });
        }
        node.items.push(message_view(&schema, &name));
    }
    let mut out = String::new();
    out.push_str(
        "// Generated by mesos-proto-codegen from the schema in proto/mesos: do not edit.\n",
    );
    tree.render(&mut out);
    let file = syn::parse_file(&out).unwrap_or_else(|e| panic!("generated views parse: {e}"));
    prettyplease::unparse(&file)
}

#[derive(Default)]
struct Module {
    doc: String,
    items: Vec<String>,
    children: BTreeMap<String, Module>,
}

impl Module {
    fn render(&self, out: &mut String) {
        for item in &self.items {
            out.push_str(item);
        }
        for (name, child) in &self.children {
            out.push_str(&doc(&child.doc));
            writeln!(out, "pub mod {name} {{").unwrap();
            child.render(out);
            out.push_str("}\n");
        }
    }
}

/// The view struct, its `validate`, `index` and accessors, for one message.
fn message_view(schema: &Schema<'_>, name: &str) -> String {
    let item = schema.message(name);
    let m = item.desc;
    let entry = Schema::is_map_entry(m);
    let full = &name[1..];
    let view = format!("{}View", upper_camel(m.name()));
    let n = m.field.len();
    let maps: Vec<String> = m
        .field
        .iter()
        .filter(|f| is_map(schema, f))
        .map(|f| f.number().to_string())
        .collect();

    let mut out = String::new();
    let about = if entry {
        format!("A borrowed view of one entry of a map field (`{full}`): its `key` and `value`.")
    } else {
        let prost = schema.prost_path(name);
        format!(
            "A borrowed view of an encoded [`{}`]({prost}) (`{full}`): its fields read from \
             the bytes on demand. See [the module documentation](crate::view).",
            upper_camel(m.name())
        )
    };
    out.push_str(&doc(&about));
    // A message without fields needs no slots.
    let slots = if n == 0 {
        String::new()
    } else {
        format!("at: [crate::view::wire::Slot; {n}],")
    };
    writeln!(
        out,
        "#[derive(Clone)]\npub struct {view}<'a> {{\n\
         src: crate::view::wire::Src<'a>,\n{slots}\n}}"
    )
    .unwrap();
    if entry {
        writeln!(out, "view_common!(@entry {view});").unwrap();
    } else {
        writeln!(
            out,
            "view_common!({view}, {}, {full:?});",
            schema.prost_path(name)
        )
        .unwrap();
    }

    // validate, blame, index
    writeln!(out, "#[allow(deprecated)]\nimpl<'a> {view}<'a> {{").unwrap();
    if n > 0 {
        writeln!(out, "const MAPS: &'static [u32] = &[{}];", maps.join(", ")).unwrap();
    }
    writeln!(
        out,
        "pub(crate) fn validate(buf: &[u8], depth: u32) -> Result<(), crate::view::ViewError> {{\n\
         let mut r = crate::view::wire::Reader::new(buf);\n\
         while let Some((tag, wt)) = r.key({full:?})? {{\n\
         let checked = {}",
        // A message without fields only has unknown ones.
        if n == 0 { "{" } else { "match tag {" }
    )
    .unwrap();
    for f in &m.field {
        let call = if is_map(schema, f) {
            format!(
                "r.map(depth, {}::validate)",
                schema.view_path(f.type_name())
            )
        } else if f.r#type() == Type::Message {
            format!(
                "r.message(wt, depth, {}::validate)",
                schema.view_path(f.type_name())
            )
        } else if f.r#type() == Type::Group {
            panic!("groups are not supported: {}", f.name())
        } else if f.label() == Label::Repeated {
            scalar(f.r#type()).check_repeated.to_string()
        } else {
            scalar(f.r#type()).check.to_string()
        };
        writeln!(out, "{} => {call},", f.number()).unwrap();
    }
    writeln!(
        out,
        "{}\n}};\n\
         if let Err(e) = checked {{\n\
         return Err(Self::blame(&r, e, tag));\n}}\n}}\nOk(())\n}}",
        if n == 0 {
            "r.unknown(tag, wt, depth)"
        } else {
            "_ => r.unknown(tag, wt, depth),"
        }
    )
    .unwrap();
    writeln!(
        out,
        "#[cold]\nfn blame(r: &crate::view::wire::Reader<'_>, e: crate::view::ViewError, tag: u32) \
         -> crate::view::ViewError {{"
    )
    .unwrap();
    if n == 0 {
        writeln!(
            out,
            "r.blame(e, {full:?}, tag, &format!(\"#{{tag}}\"), false)\n}}"
        )
        .unwrap();
    } else {
        blame_arms(m, full, &mut out);
    }

    writeln!(
        out,
        "pub(crate) fn index(src: crate::view::wire::Src<'a>) -> Self {{"
    )
    .unwrap();
    if n == 0 {
        writeln!(out, "Self {{ src }}\n}}").unwrap();
    } else if n == 1 {
        writeln!(
            out,
            "let mut at = [crate::view::wire::Slot::NONE; 1];\n\
             src.scan(Self::MAPS, |tag, key| if tag == {} {{ at[0].push(key) }});\n\
             Self {{ src, at }}\n}}",
            m.field[0].number()
        )
        .unwrap();
    } else {
        writeln!(
            out,
            "let mut at = [crate::view::wire::Slot::NONE; {n}];\n\
             src.scan(Self::MAPS, |tag, key| match tag {{"
        )
        .unwrap();
        for (i, f) in m.field.iter().enumerate() {
            let siblings: Vec<usize> = match f.oneof_index {
                Some(o) => m
                    .field
                    .iter()
                    .enumerate()
                    .filter(|(j, g)| *j != i && g.oneof_index == Some(o))
                    .map(|(j, _)| j)
                    .collect(),
                None => Vec::new(),
            };
            if siblings.is_empty() {
                writeln!(out, "{} => at[{i}].push(key),", f.number()).unwrap();
            } else {
                // A oneof holds its last member: an earlier other member is dropped.
                write!(out, "{} => {{", f.number()).unwrap();
                for j in siblings {
                    write!(out, "at[{j}] = crate::view::wire::Slot::NONE;").unwrap();
                }
                writeln!(out, "at[{i}].push(key);}}").unwrap();
            }
        }
        writeln!(out, "_ => {{}}\n}});\nSelf {{ src, at }}\n}}").unwrap();
    }

    // Accessors.
    let mut methods = BTreeSet::new();
    for (i, f) in m.field.iter().enumerate() {
        accessors(schema, m, entry, i, f, &mut methods, &mut out);
    }
    out.push_str("}\n");
    out
}

/// The error path of `validate`: names the field an error was found in.
fn blame_arms(m: &DescriptorProto, full: &str, out: &mut String) {
    writeln!(out, "let (name, repeated) = match tag {{").unwrap();
    for f in &m.field {
        writeln!(
            out,
            "{} => ({:?}, {}),",
            f.number(),
            f.name(),
            f.label() == Label::Repeated
        )
        .unwrap();
    }
    writeln!(
        out,
        "_ => return r.blame(e, {full:?}, tag, &format!(\"#{{tag}}\"), false),\n}};\n\
         r.blame(e, {full:?}, tag, name, repeated)\n}}"
    )
    .unwrap();
}

fn is_map(schema: &Schema<'_>, f: &FieldDescriptorProto) -> bool {
    f.label() == Label::Repeated
        && f.r#type() == Type::Message
        && Schema::is_map_entry(schema.message(f.type_name()).desc)
}

/// Emits the accessors of field number `i` of `m`.
fn accessors(
    schema: &Schema<'_>,
    m: &DescriptorProto,
    entry: bool,
    i: usize,
    f: &FieldDescriptorProto,
    methods: &mut BTreeSet<String>,
    out: &mut String,
) {
    let ident = sanitize(&f.name().to_snake_case());
    let bare = ident.trim_start_matches("r#").to_string();
    let mut claim = |name: &str| {
        assert!(
            !RESERVED_METHODS.contains(&name) && methods.insert(name.to_string()),
            "accessor {name} of {} clashes",
            m.name()
        );
    };
    let decl = format!("`{}`", crate::field_decl(f));
    let deprecated = if f.options.as_ref().and_then(|o| o.deprecated) == Some(true) {
        "#[deprecated]\n"
    } else {
        ""
    };
    let tag = f.number();
    let slot = format!("self.at[{i}]");
    let read = |expr: &str| {
        format!(
            "crate::view::wire::{}",
            expr.replace("B,", "self.src.buf,")
                .replace("K)", &format!("{slot}.last)"))
        )
    };
    let repeated =
        |_: &str| format!("crate::view::Repeated::new(&self.src, {slot}, {tag}, Self::MAPS)");
    // Map entries behave like prost's map: an absent key or value is the type's default.
    let plain = entry || f.label() == Label::Required;
    let oneof = f.oneof_index.is_some();
    let ty = f.r#type();
    let mut emit = |name: &str, ret: &str, body: &str, text: &str| {
        claim(name);
        out.push_str(&doc(&format!("{decl}: {text}")));
        writeln!(
            out,
            "{deprecated}#[inline]\npub fn {name}(&self) -> {ret} {{\n{body}\n}}"
        )
        .unwrap();
    };

    if f.label() == Label::Repeated {
        if is_map(schema, f) {
            let entry_view = schema.view_path(f.type_name());
            emit(
                &ident,
                &format!("crate::view::Repeated<'a, {entry_view}<'a>>"),
                &repeated(""),
                "the map's entries in wire order (prost keeps the last entry of each key).",
            );
        } else if ty == Type::Message {
            let v = schema.view_path(f.type_name());
            emit(
                &ident,
                &format!("crate::view::Repeated<'a, {v}<'a>>"),
                &repeated(""),
                "the elements in wire order.",
            );
        } else if ty == Type::Enum {
            let e = schema.enum_path(f.type_name());
            emit(
                &ident,
                &format!("crate::view::Repeated<'a, crate::view::kind::Enum<{e}>>"),
                &repeated(""),
                "the known enum values, like prost's getter (unknown numbers are skipped).",
            );
            emit(
                &format!("{bare}_raw"),
                "crate::view::Repeated<'a, crate::view::kind::Int32>",
                &repeated(""),
                "every number, known to the enum or not, as prost's field holds them.",
            );
        } else {
            let s = scalar(ty);
            emit(
                &ident,
                &format!("crate::view::Repeated<'a, crate::view::kind::{}>", s.kind),
                &repeated(""),
                "the elements in wire order (packed or not).",
            );
        }
        return;
    }

    if ty == Type::Message {
        let v = schema.view_path(f.type_name());
        let find = format!("self.src.message({slot}, {tag}, Self::MAPS)");
        if plain && !oneof {
            emit(
                &ident,
                &format!("{v}<'a>"),
                &format!("{v}::index({find}.unwrap_or(crate::view::wire::Src::one(&[])))"),
                "the message (all defaults when absent, as prost leaves it).",
            );
        } else {
            let text = if oneof {
                "the message when the oneof holds this member."
            } else {
                "the message, `None` when absent."
            };
            emit(
                &ident,
                &format!("Option<{v}<'a>>"),
                &format!("{find}.map({v}::index)"),
                text,
            );
        }
        return;
    }

    let s = scalar(ty);
    let value = read(s.read);
    if oneof {
        let text = if ty == Type::Enum {
            "the enum's number when the oneof holds this member."
        } else {
            "the value when the oneof holds this member."
        };
        emit(&ident, &format!("Option<{}>", s.rust), &value, text);
        return;
    }
    if ty == Type::Enum {
        let e = schema.enum_path(f.type_name());
        let (typed, raw) = schema.enum_default(f);
        if plain {
            emit(
                &format!("{bare}_raw"),
                "i32",
                &format!("{value}.unwrap_or({raw})"),
                "the number prost's field holds (the default's when absent).",
            );
            emit(
                &ident,
                &e,
                &format!(
                    "<{e} as ::core::convert::TryFrom<i32>>::try_from(self.{bare}_raw())\
                     {}",
                    or_default(&typed)
                ),
                "the enum value, or the default when unknown, like prost's getter.",
            );
        } else {
            emit(
                &format!("{bare}_raw"),
                "Option<i32>",
                &value,
                "the number prost's field holds, `None` when absent.",
            );
            emit(
                &ident,
                &e,
                &format!(
                    "self.{bare}_raw().and_then(|v| \
                     <{e} as ::core::convert::TryFrom<i32>>::try_from(v).ok())\
                     {}",
                    or_default(&typed)
                ),
                "the enum value, or the default when absent or unknown, like prost's getter.",
            );
        }
        return;
    }
    let default = default_literal(f);
    if plain {
        emit(
            &ident,
            s.rust,
            &format!("{value}.unwrap_or({default})"),
            "the value (the default when absent, as prost leaves it).",
        );
    } else {
        emit(
            &format!("{bare}_opt"),
            &format!("Option<{}>", s.rust),
            &value,
            "what prost's field holds: `None` when absent.",
        );
        emit(
            &ident,
            s.rust,
            &format!("self.{bare}_opt().unwrap_or({default})"),
            "the value, or the default when absent, like prost's getter.",
        );
    }
}

/// Generates `view_checks.rs`, included by `proto/tests/views.rs` only: for every view, a
/// `Check` implementation comparing each accessor with the prost message decoded from the
/// same bytes, field by field.
pub(crate) fn generate_checks(fds: &FileDescriptorSet) -> String {
    let schema = Schema::new(fds);
    let mut out = String::from(
        "// Generated by mesos-proto-codegen: the views' accessors compared with prost's fields, \
         for proto/tests/views.rs.\n",
    );
    for name in schema.reachable() {
        let item = schema.message(&name);
        if Schema::is_map_entry(item.desc) {
            continue;
        }
        let view = test_path(&schema.view_path(&name));
        let prost = test_path(&schema.prost_path(&name));
        writeln!(
            out,
            "impl Check for {view}<'_> {{\ntype Message = {prost};\n\
             fn check(&self, m: &{prost}) {{\nlet v = self;"
        )
        .unwrap();
        if item.desc.field.is_empty() {
            out.push_str("let _ = (v, m);");
        }
        for f in &item.desc.field {
            check_field(&schema, item, f, &mut out);
        }
        out.push_str("}\n}\n");
    }
    let file = syn::parse_file(&out).unwrap_or_else(|e| panic!("generated checks parse: {e}"));
    prettyplease::unparse(&file)
}

fn test_path(path: &str) -> String {
    path.replacen("crate::", "mesos_proto::", 1)
}

/// How to compare one element or value: `(view expression, prost expression)` to `assert_eq!`.
fn compare_scalar(ty: Type, view: &str, prost: &str) -> String {
    match ty {
        Type::Double | Type::Float => {
            format!("assert_eq!(({view}).to_bits(), ({prost}).to_bits());")
        }
        Type::String => format!("assert_eq!({view}, ({prost}).as_str());"),
        Type::Bytes => format!("assert_eq!({view}, &({prost})[..]);"),
        _ => format!("assert_eq!({view}, {prost});"),
    }
}

fn check_field(
    schema: &Schema<'_>,
    owner: &Item<'_, DescriptorProto>,
    f: &FieldDescriptorProto,
    out: &mut String,
) {
    let ident = sanitize(&f.name().to_snake_case());
    let bare = ident.trim_start_matches("r#").to_string();
    let ty = f.r#type();
    let ctx = format!("{}.{}", owner.full_name(owner.desc.name()), f.name());
    if let Some(o) = f.oneof_index {
        let oneof = owner.desc.oneof_decl[o as usize].name();
        let mut modules = owner.modules();
        modules.push(sanitize(&owner.desc.name().to_snake_case()));
        let variant = join_path(
            "mesos_proto::v1",
            &modules,
            &format!("{}::{}", upper_camel(oneof), upper_camel(f.name())),
        );
        let field = sanitize(&oneof.to_snake_case());
        let some = if ty == Type::Message {
            "Check::check(&x, y)".to_string()
        } else {
            compare_scalar(ty, "x", "*y")
                .replace("(*y).as_str()", "y.as_str()")
                .replace("&(*y)[..]", "&y[..]")
        };
        writeln!(
            out,
            "match (v.{ident}(), &m.{field}) {{\n\
             (Some(x), Some({variant}(y))) => {{ {some} }}\n\
             (None, Some({variant}(_))) => panic!(\"{ctx}: view lost the member\"),\n\
             (Some(_), _) => panic!(\"{ctx}: view holds another member\"),\n\
             (None, _) => {{}}\n}}"
        )
        .unwrap();
        return;
    }
    match (f.label(), ty) {
        (Label::Repeated, _) if is_map(schema, f) => {
            let entry = schema.message(f.type_name()).desc;
            let value = &entry.field[1];
            let value_check = if value.r#type() == Type::Message {
                "Check::check(&e.value(), want);".to_string()
            } else {
                let view = if value.r#type() == Type::Enum {
                    "e.value_raw()"
                } else {
                    "e.value()"
                };
                compare_scalar(value.r#type(), view, "*want")
                    .replace("(*want).as_str()", "want.as_str()")
                    .replace("&(*want)[..]", "&want[..]")
            };
            // prost keeps the last entry of each key: so must a reader of the entries.
            writeln!(
                out,
                "{{\nlet mut last = std::collections::HashMap::new();\n\
                 for e in v.{ident}() {{ last.insert(e.key(), e); }}\n\
                 assert_eq!(last.len(), m.{ident}.len(), \"{ctx}\");\n\
                 for (k, e) in last {{\n\
                 let want = m.{ident}.get(k).expect(\"{ctx}: key\");\n\
                 {value_check}\n}}\n}}"
            )
            .unwrap();
        }
        (Label::Repeated, Type::Message) => {
            writeln!(
                out,
                "assert_eq!(v.{ident}().count(), m.{ident}.len(), \"{ctx}\");\n\
                 for (x, y) in v.{ident}().zip(&m.{ident}) {{ Check::check(&x, y); }}"
            )
            .unwrap();
        }
        (Label::Repeated, Type::Enum) => {
            writeln!(
                out,
                "assert_eq!(v.{bare}_raw().collect::<Vec<_>>(), m.{ident}, \"{ctx}\");\n\
                 assert_eq!(v.{ident}().collect::<Vec<_>>(), m.{ident}().collect::<Vec<_>>(), \"{ctx}\");"
            )
            .unwrap();
        }
        (Label::Repeated, _) => {
            let each = compare_scalar(ty, "x", "*y")
                .replace("(*y).as_str()", "y.as_str()")
                .replace("&(*y)[..]", "&y[..]");
            writeln!(
                out,
                "assert_eq!(v.{ident}().count(), m.{ident}.len(), \"{ctx}\");\n\
                 for (x, y) in v.{ident}().zip(&m.{ident}) {{ {each} }}"
            )
            .unwrap();
        }
        (Label::Required, Type::Message) => {
            writeln!(out, "Check::check(&v.{ident}(), &m.{ident});").unwrap();
        }
        (_, Type::Message) => {
            writeln!(
                out,
                "match (v.{ident}(), m.{ident}.as_ref()) {{\n\
                 (Some(x), Some(y)) => Check::check(&x, y),\n\
                 (None, None) => {{}}\n\
                 (x, y) => panic!(\"{ctx}: {{}} vs {{}}\", x.is_some(), y.is_some()),\n}}"
            )
            .unwrap();
        }
        (Label::Required, Type::Enum) => {
            writeln!(
                out,
                "assert_eq!(v.{bare}_raw(), m.{ident}, \"{ctx}\");\n\
                 assert_eq!(v.{ident}(), m.{ident}(), \"{ctx}\");"
            )
            .unwrap();
        }
        (_, Type::Enum) => {
            writeln!(
                out,
                "assert_eq!(v.{bare}_raw(), m.{ident}, \"{ctx}\");\n\
                 assert_eq!(v.{ident}(), m.{ident}(), \"{ctx}\");"
            )
            .unwrap();
        }
        (Label::Required, _) => {
            out.push_str(&compare_scalar(
                ty,
                &format!("v.{ident}()"),
                &format!("m.{ident}"),
            ));
        }
        (_, _) => {
            let opt = match ty {
                Type::String | Type::Bytes => format!("m.{ident}.as_deref()"),
                Type::Double | Type::Float => {
                    format!("m.{ident}.map(|x| x.to_bits())")
                }
                _ => format!("m.{ident}"),
            };
            let view_opt = match ty {
                Type::Double | Type::Float => format!("v.{bare}_opt().map(|x| x.to_bits())"),
                _ => format!("v.{bare}_opt()"),
            };
            writeln!(out, "assert_eq!({view_opt}, {opt}, \"{ctx}\");").unwrap();
            let getter = match ty {
                Type::Double | Type::Float => {
                    format!("assert_eq!(v.{ident}().to_bits(), m.{ident}().to_bits(), \"{ctx}\");")
                }
                _ => format!("assert_eq!(v.{ident}(), m.{ident}(), \"{ctx}\");"),
            };
            writeln!(out, "{getter}").unwrap();
        }
    }
}
