//! Label and field selectors, parsed from `labelSelector` / `fieldSelector` query parameters.
//!
//! Grammar and semantics follow `kubernetes: staging/src/k8s.io/apimachinery/pkg/labels/selector.go`
//! and `.../pkg/fields/selector.go`; a parse error is a 400 BadRequest.

use serde_json::Value;

use super::error::ApiError;
use super::resources::ResourceKind;

/// One label requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LabelRequirement {
    /// `key` (exists).
    Exists(String),
    /// `!key`.
    DoesNotExist(String),
    /// `key=value`, `key==value`, `key in (a,b)`.
    In(String, Vec<String>),
    /// `key!=value`, `key notin (a,b)`: also matches objects without the key.
    NotIn(String, Vec<String>),
    /// `key>N`.
    Gt(String, i64),
    /// `key<N`.
    Lt(String, i64),
}

/// A parsed label selector: all requirements must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LabelSelector(pub Vec<LabelRequirement>);

/// One field requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldRequirement {
    /// The field label, e.g. `spec.nodeName`.
    pub(crate) field: String,
    /// `true` for `=`/`==`, `false` for `!=`.
    pub(crate) equal: bool,
    /// The value (may be empty: `spec.nodeName=` selects unbound pods).
    pub(crate) value: String,
}

/// A parsed field selector: all requirements must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldSelector(pub Vec<FieldRequirement>);

fn label_error(input: &str, why: &str) -> ApiError {
    ApiError::bad_request(format!(
        "unable to parse requirement: {why} in label selector {input:?}"
    ))
}

fn split_top_level(input: &str) -> Vec<String> {
    // Commas inside `( )` belong to an `in`/`notin` set.
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in input.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth = depth.saturating_sub(1);
                cur.push(c);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    parts
}

fn valid_label_key(key: &str) -> bool {
    super::validation::is_qualified_name(key)
}

fn valid_label_value(v: &str) -> bool {
    super::validation::is_label_value(v)
}

impl LabelSelector {
    /// Parses a `labelSelector` value; the empty string selects everything.
    pub(crate) fn parse(input: &str) -> Result<Self, ApiError> {
        let mut reqs = Vec::new();
        if input.trim().is_empty() {
            return Ok(Self(reqs));
        }
        for part in split_top_level(input) {
            let part = part.trim();
            if part.is_empty() {
                return Err(label_error(input, "found ',', expected: identifier"));
            }
            reqs.push(Self::parse_one(input, part)?);
        }
        Ok(Self(reqs))
    }

    fn parse_one(input: &str, part: &str) -> Result<LabelRequirement, ApiError> {
        let check_key = |k: &str| -> Result<String, ApiError> {
            let k = k.trim();
            if valid_label_key(k) {
                Ok(k.to_string())
            } else {
                Err(label_error(input, &format!("invalid label key {k:?}")))
            }
        };
        let check_value = |v: &str| -> Result<String, ApiError> {
            let v = v.trim();
            if valid_label_value(v) {
                Ok(v.to_string())
            } else {
                Err(label_error(input, &format!("invalid label value: {v:?}")))
            }
        };
        if let Some(rest) = part.strip_prefix('!') {
            return Ok(LabelRequirement::DoesNotExist(check_key(rest)?));
        }
        for (op, is_in) in [(" notin ", false), (" in ", true)] {
            if let Some((k, set)) = part.split_once(op) {
                let set = set.trim();
                let inner = set
                    .strip_prefix('(')
                    .and_then(|s| s.strip_suffix(')'))
                    .ok_or_else(|| {
                        label_error(input, "found set without parentheses, expected: '('")
                    })?;
                let values = inner
                    .split(',')
                    .map(check_value)
                    .collect::<Result<Vec<_>, _>>()?;
                let key = check_key(k)?;
                return Ok(if is_in {
                    LabelRequirement::In(key, values)
                } else {
                    LabelRequirement::NotIn(key, values)
                });
            }
        }
        if let Some((k, v)) = part.split_once("!=") {
            return Ok(LabelRequirement::NotIn(
                check_key(k)?,
                vec![check_value(v)?],
            ));
        }
        if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
            return Ok(LabelRequirement::In(check_key(k)?, vec![check_value(v)?]));
        }
        for (op, gt) in [('>', true), ('<', false)] {
            if let Some((k, v)) = part.split_once(op) {
                let n: i64 = v.trim().parse().map_err(|_| {
                    label_error(
                        input,
                        &format!("for 'Gt', 'Lt' operators, the value must be an integer: {v:?}"),
                    )
                })?;
                let key = check_key(k)?;
                return Ok(if gt {
                    LabelRequirement::Gt(key, n)
                } else {
                    LabelRequirement::Lt(key, n)
                });
            }
        }
        Ok(LabelRequirement::Exists(check_key(part)?))
    }

    /// Whether an object's labels satisfy every requirement.
    pub(crate) fn matches(&self, obj: &Value) -> bool {
        let empty = serde_json::Map::new();
        let labels = obj
            .get("metadata")
            .and_then(|m| m.get("labels"))
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let get = |k: &str| labels.get(k).and_then(Value::as_str);
        self.0.iter().all(|r| match r {
            LabelRequirement::Exists(k) => labels.contains_key(k),
            LabelRequirement::DoesNotExist(k) => !labels.contains_key(k),
            LabelRequirement::In(k, vs) => get(k).is_some_and(|v| vs.iter().any(|x| x == v)),
            LabelRequirement::NotIn(k, vs) => get(k).is_none_or(|v| !vs.iter().any(|x| x == v)),
            LabelRequirement::Gt(k, n) => get(k)
                .and_then(|v| v.parse::<i64>().ok())
                .is_some_and(|v| v > *n),
            LabelRequirement::Lt(k, n) => get(k)
                .and_then(|v| v.parse::<i64>().ok())
                .is_some_and(|v| v < *n),
        })
    }

    /// Whether it selects everything.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Splits on unescaped commas, then on the operator, undoing `\,` `\=` `\\` escapes
/// (`kubernetes: staging/src/k8s.io/apimachinery/pkg/fields/selector.go`, `splitTerms`).
fn split_escaped(input: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in input.chars() {
        if escaped {
            cur.push('\\');
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    if escaped {
        cur.push('\\');
    }
    out.push(cur);
    out
}

fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(e @ ('\\' | ',' | '=')) => out.push(e),
                Some(e) => return Err(format!("invalid escape sequence: \\{e}")),
                None => return Err("unterminated escape sequence".into()),
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// The byte offset of the first `pat` (ASCII) not escaped by a backslash. Compared as bytes:
/// `i` walks through multi-byte characters, where slicing the `str` would panic. A match
/// starts at an ASCII byte, which is always a character boundary.
fn find_unescaped(s: &str, pat: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let pat = pat.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(pat) {
            return Some(i);
        }
        i += 1;
    }
    None
}

impl FieldSelector {
    /// Parses a `fieldSelector` value and checks every field is selectable on `kind`
    /// (`field label not supported: x` otherwise, as upstream's field label conversion says).
    pub(crate) fn parse(input: &str, kind: &ResourceKind) -> Result<Self, ApiError> {
        let mut reqs = Vec::new();
        if input.trim().is_empty() {
            return Ok(Self(reqs));
        }
        for term in split_escaped(input, ',') {
            if term.is_empty() {
                continue;
            }
            let (field, equal, value) = if let Some(i) = find_unescaped(&term, "!=") {
                (&term[..i], false, &term[i + 2..])
            } else if let Some(i) = find_unescaped(&term, "==") {
                (&term[..i], true, &term[i + 2..])
            } else if let Some(i) = find_unescaped(&term, "=") {
                (&term[..i], true, &term[i + 1..])
            } else {
                return Err(ApiError::bad_request(format!(
                    "invalid selector: '{input}'; can't understand '{term}'"
                )));
            };
            let field = field.trim().to_string();
            let value = unescape(value)
                .map_err(|e| ApiError::bad_request(format!("invalid selector: '{input}'; {e}")))?;
            if !kind.fields.iter().any(|(l, _)| *l == field) {
                return Err(ApiError::bad_request(format!(
                    "field label not supported: {field}"
                )));
            }
            reqs.push(FieldRequirement {
                field,
                equal,
                value,
            });
        }
        Ok(Self(reqs))
    }

    /// Whether the object satisfies every requirement.
    pub(crate) fn matches(&self, kind: &ResourceKind, obj: &Value) -> bool {
        self.0.iter().all(|r| {
            let actual = kind.field_value(obj, &r.field).unwrap_or_default();
            (actual == r.value) == r.equal
        })
    }

    /// Whether it selects everything.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of an exact `field=value` requirement, if there is one.
    pub(crate) fn exact(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|r| r.field == field && r.equal)
            .map(|r| r.value.as_str())
    }
}

/// Both selectors of a list or watch.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selectors {
    /// `labelSelector`.
    pub(crate) labels: LabelSelector,
    /// `fieldSelector`.
    pub(crate) fields: FieldSelector,
}

impl Selectors {
    /// Whether an object is selected.
    pub(crate) fn matches(&self, kind: &ResourceKind, obj: &Value) -> bool {
        self.labels.matches(obj) && self.fields.matches(kind, obj)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::lookup;
    use serde_json::json;

    fn pod(labels: Value, node: &str) -> Value {
        json!({"metadata": {"name": "p", "namespace": "default", "labels": labels},
               "spec": {"nodeName": node, "schedulerName": "mesos"}, "status": {"phase": "Pending"}})
    }

    #[test]
    fn label_operators() {
        let p = pod(json!({"app": "web", "tier": "front", "n": "5"}), "");
        let m = |s: &str| LabelSelector::parse(s).unwrap().matches(&p);
        assert!(m("app=web"));
        assert!(m("app==web"));
        assert!(!m("app!=web"));
        assert!(m("missing!=x"));
        assert!(m("app in (web, db)"));
        assert!(!m("app notin (web,db)"));
        assert!(m("tier"));
        assert!(!m("!tier"));
        assert!(m("!missing"));
        assert!(m("n>4,n<6"));
        assert!(!m("app=web,tier=back"));
        assert!(m(""));
    }

    #[test]
    fn label_errors_are_bad_requests() {
        for bad in ["app in web", "=x", "a=b,,c", "a b=c"] {
            let err = LabelSelector::parse(bad).unwrap_err();
            assert_eq!(err.code, 400, "{bad}");
        }
    }

    #[test]
    fn field_selectors_on_pods() {
        let kind = lookup("", "v1", "pods").unwrap();
        let unbound = pod(json!({}), "");
        let bound = pod(json!({}), "n1");
        let sel = FieldSelector::parse("spec.schedulerName=mesos,spec.nodeName=", kind).unwrap();
        assert!(sel.matches(kind, &unbound));
        assert!(!sel.matches(kind, &bound));
        let sel = FieldSelector::parse("spec.nodeName!=", kind).unwrap();
        assert!(sel.matches(kind, &bound));
        let sel = FieldSelector::parse("status.phase==Pending,metadata.name=p", kind).unwrap();
        assert!(sel.matches(kind, &bound));
        let err = FieldSelector::parse("spec.foo=bar", kind).unwrap_err();
        assert_eq!(err.message, "field label not supported: spec.foo");
        assert_eq!(err.code, 400);
    }
}
