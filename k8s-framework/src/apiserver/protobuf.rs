//! Protobuf request bodies (`application/vnd.kubernetes.protobuf`), for the kinds kubectl's typed
//! clients send that way (`kubectl create namespace`, `kubectl create configmap`): the `k8s\0`
//! envelope around a `runtime.Unknown`, and the messages of `k8s.io/api/core/v1/generated.proto`
//! those commands use, decoded into the same JSON the rest of the server works on.
//!
//! Other kinds in protobuf get 415, and answers are always JSON (clients accept it).

use base64::Engine;
use serde_json::{Map, Value, json};

use super::error::ApiError;

/// The protobuf media type.
pub(crate) const MEDIA_TYPE: &str = "application/vnd.kubernetes.protobuf";

/// `kubernetes: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go`.
const MAGIC: &[u8] = b"k8s\x00";

fn bad(why: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(format!("unable to decode the protobuf body: {why}"))
}

/// One field of a protobuf message.
enum Wire<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Result<u64, ApiError> {
        let mut out = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self
                .buf
                .split_first()
                .ok_or_else(|| bad("truncated varint"))?;
            self.buf = rest;
            out |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(out);
            }
        }
        Err(bad("varint too long"))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ApiError> {
        if n > self.buf.len() {
            return Err(bad("truncated field"));
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    /// The next (field number, value), or `None` at the end.
    fn field(&mut self) -> Result<Option<(u64, Wire<'a>)>, ApiError> {
        if self.buf.is_empty() {
            return Ok(None);
        }
        let key = self.varint()?;
        let wire = match key & 7 {
            0 => Wire::Varint(self.varint()?),
            1 => {
                self.take(8)?;
                Wire::Fixed
            }
            2 => {
                let n = usize::try_from(self.varint()?).map_err(|_| bad("length overflows"))?;
                Wire::Bytes(self.take(n)?)
            }
            5 => {
                self.take(4)?;
                Wire::Fixed
            }
            other => return Err(bad(format!("unsupported wire type {other}"))),
        };
        Ok(Some((key >> 3, wire)))
    }
}

fn fields<'a>(
    buf: &'a [u8],
    mut each: impl FnMut(u64, Wire<'a>) -> Result<(), ApiError>,
) -> Result<(), ApiError> {
    let mut r = Reader { buf };
    while let Some((n, w)) = r.field()? {
        each(n, w)?;
    }
    Ok(())
}

fn string(w: Wire<'_>) -> Result<String, ApiError> {
    match w {
        Wire::Bytes(b) => String::from_utf8(b.to_vec()).map_err(|_| bad("a string is not UTF-8")),
        _ => Err(bad("expected a string")),
    }
}

fn bytes(w: Wire<'_>) -> Result<&[u8], ApiError> {
    match w {
        Wire::Bytes(b) => Ok(b),
        _ => Err(bad("expected a length-delimited field")),
    }
}

/// A `map<string, V>` entry: key 1, value 2.
fn map_entry(buf: &[u8], binary: bool) -> Result<(String, Value), ApiError> {
    let (mut k, mut v) = (String::new(), Value::String(String::new()));
    fields(buf, |n, w| {
        match n {
            1 => k = string(w)?,
            2 if binary => v = json!(base64::engine::general_purpose::STANDARD.encode(bytes(w)?)),
            2 => v = json!(string(w)?),
            _ => {}
        }
        Ok(())
    })?;
    Ok((k, v))
}

fn insert_entry(
    obj: &mut Map<String, Value>,
    field: &str,
    buf: &[u8],
    binary: bool,
) -> Result<(), ApiError> {
    let (k, v) = map_entry(buf, binary)?;
    let map = obj.entry(field).or_insert_with(|| json!({}));
    if let Some(m) = map.as_object_mut() {
        m.insert(k, v);
    }
    Ok(())
}

fn push_string(obj: &mut Map<String, Value>, field: &str, w: Wire<'_>) -> Result<(), ApiError> {
    let s = string(w)?;
    let list = obj.entry(field).or_insert_with(|| json!([]));
    if let Some(l) = list.as_array_mut() {
        l.push(json!(s));
    }
    Ok(())
}

/// Go's protobuf writes empty strings for unset fields; JSON leaves them out.
fn set_nonempty(obj: &mut Map<String, Value>, field: &str, w: Wire<'_>) -> Result<(), ApiError> {
    let s = string(w)?;
    if !s.is_empty() {
        obj.insert(field.into(), json!(s));
    }
    Ok(())
}

/// `ObjectMeta` (`k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto`), the fields a client sets.
fn object_meta(buf: &[u8]) -> Result<Value, ApiError> {
    let mut m = Map::new();
    fields(buf, |n, w| {
        match n {
            1 => set_nonempty(&mut m, "name", w)?,
            2 => set_nonempty(&mut m, "generateName", w)?,
            3 => set_nonempty(&mut m, "namespace", w)?,
            5 => set_nonempty(&mut m, "uid", w)?,
            6 => set_nonempty(&mut m, "resourceVersion", w)?,
            11 => insert_entry(&mut m, "labels", bytes(w)?, false)?,
            12 => insert_entry(&mut m, "annotations", bytes(w)?, false)?,
            14 => push_string(&mut m, "finalizers", w)?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(Value::Object(m))
}

fn config_map(buf: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let mut obj = Map::new();
    fields(buf, |n, w| {
        match (n, w) {
            (1, w) => {
                obj.insert("metadata".into(), object_meta(bytes(w)?)?);
            }
            (2, w) => insert_entry(&mut obj, "data", bytes(w)?, false)?,
            (3, w) => insert_entry(&mut obj, "binaryData", bytes(w)?, true)?,
            (4, Wire::Varint(v)) => {
                obj.insert("immutable".into(), json!(v != 0));
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(obj)
}

fn namespace(buf: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let mut obj = Map::new();
    fields(buf, |n, w| {
        match n {
            1 => {
                obj.insert("metadata".into(), object_meta(bytes(w)?)?);
            }
            2 => {
                let mut spec = Map::new();
                fields(bytes(w)?, |n, w| {
                    if n == 1 {
                        push_string(&mut spec, "finalizers", w)
                    } else {
                        Ok(())
                    }
                })?;
                obj.insert("spec".into(), Value::Object(spec));
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(obj)
}

/// Decodes an enveloped protobuf object into JSON with its `apiVersion` and `kind`.
pub(crate) fn decode(body: &[u8]) -> Result<Value, ApiError> {
    let rest = body
        .strip_prefix(MAGIC)
        .ok_or_else(|| bad("the body does not start with the k8s protobuf prefix"))?;
    let (mut api_version, mut kind, mut raw, mut encoding) =
        (String::new(), String::new(), &[][..], String::new());
    fields(rest, |n, w| {
        match n {
            1 => fields(bytes(w)?, |n, w| {
                match n {
                    1 => api_version = string(w)?,
                    2 => kind = string(w)?,
                    _ => {}
                }
                Ok(())
            })?,
            2 => raw = bytes(w)?,
            3 => encoding = string(w)?,
            _ => {}
        }
        Ok(())
    })?;
    if !encoding.is_empty() {
        return Err(bad(format!("unsupported content encoding {encoding:?}")));
    }
    let mut obj = match (api_version.as_str(), kind.as_str()) {
        ("v1", "ConfigMap") => config_map(raw)?,
        ("v1", "Namespace") => namespace(raw)?,
        _ => {
            return Err(ApiError::unsupported_media_type(&[
                "application/json",
                "application/yaml",
            ]));
        }
    };
    obj.insert("apiVersion".into(), json!(api_version));
    obj.insert("kind".into(), json!(kind));
    Ok(Value::Object(obj))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(n: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![(n << 3) | 2, payload.len() as u8];
        out.extend_from_slice(payload);
        out
    }

    fn entry(n: u8, k: &str, v: &str) -> Vec<u8> {
        field(
            n,
            &[field(1, k.as_bytes()), field(2, v.as_bytes())].concat(),
        )
    }

    #[test]
    fn config_map_in_an_envelope() {
        let meta = [field(1, b"c1"), entry(11, "app", "web")].concat();
        let cm = [
            field(1, &meta),
            entry(2, "a", "b"),
            entry(3, "bin", "\u{1}"),
            vec![4 << 3, 1],
        ]
        .concat();
        let type_meta = [field(1, b"v1"), field(2, b"ConfigMap")].concat();
        let unknown = [field(1, &type_meta), field(2, &cm)].concat();
        let body = [MAGIC, &unknown].concat();
        let v = decode(&body).unwrap();
        assert_eq!(
            v,
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c1", "labels": {"app": "web"}},
            "data": {"a": "b"}, "binaryData": {"bin": "AQ=="}, "immutable": true})
        );
    }

    #[test]
    fn garbage_is_a_bad_request_and_other_kinds_are_415() {
        assert_eq!(decode(b"nope").unwrap_err().code, 400);
        assert_eq!(decode(b"k8s\x00\x0a\xff").unwrap_err().code, 400);
        let type_meta = [field(1, b"v1"), field(2, b"Pod")].concat();
        let body = [MAGIC, &field(1, &type_meta)].concat();
        assert_eq!(decode(&body).unwrap_err().code, 415);
    }
}
