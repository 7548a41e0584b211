//! The agent's `--resources` text form, `cpus:4;mem:8192;ports:[31000-32000];disks:{a,b}`,
//! with optional static reservations written `name(role):value`.

use std::collections::BTreeMap;
use std::str::FromStr;

use crate::v1;
use crate::v1::value;

use super::error::{ParseError, ValueSyntax};
use super::{Ranges, Resources, Scalar, Set};

/// Whether `role` is a valid Mesos role name: `*`, or `/`-separated components that are
/// non-empty, not `.` or `..`, do not start with `-`, and hold no whitespace or control
/// characters (nor parentheses, which the text form uses).
pub(super) fn is_valid_role(role: &str) -> bool {
    if role == "*" {
        return true;
    }
    !role.is_empty()
        && role.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && !part.starts_with('-')
                && !part
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '(' | ')'))
        })
}

fn bad_value(item: &str, reason: ValueSyntax) -> ParseError {
    ParseError::BadValue {
        item: item.to_owned(),
        reason,
    }
}

/// Parses the value after the `:` (spaces already removed).
fn parse_value(item: &str, text: &str) -> Result<(value::Type, v1::Resource), ParseError> {
    let mut resource = v1::Resource::default();
    if text.is_empty() {
        return Err(bad_value(item, ValueSyntax::Empty));
    }
    let brackets = |open: char, close: char| {
        text.starts_with(open)
            && text.ends_with(close)
            && text.len() >= 2
            && text[1..text.len() - 1]
                .chars()
                .all(|c| !matches!(c, '[' | ']' | '{' | '}'))
    };
    if text.starts_with('[') {
        if !brackets('[', ']') {
            return Err(bad_value(item, ValueSyntax::Brackets));
        }
        let mut pairs = Vec::new();
        for token in text[1..text.len() - 1].split([',', '\n']) {
            if token.is_empty() {
                continue;
            }
            let (begin, end) = token
                .split_once('-')
                .ok_or_else(|| bad_value(item, ValueSyntax::Range))?;
            let begin: u64 = begin
                .parse()
                .map_err(|_| bad_value(item, ValueSyntax::Range))?;
            let end: u64 = end
                .parse()
                .map_err(|_| bad_value(item, ValueSyntax::Range))?;
            pairs.push(value::Range { begin, end });
        }
        // Inverted ranges are reported by validation, naming the resource.
        resource.r#type = value::Type::Ranges as i32;
        resource.ranges = Some(value::Ranges { range: pairs });
        Ok((value::Type::Ranges, resource))
    } else if text.starts_with('{') {
        if !brackets('{', '}') {
            return Err(bad_value(item, ValueSyntax::Brackets));
        }
        let items: Set = text[1..text.len() - 1]
            .split([',', '\n'])
            .filter(|s| !s.is_empty())
            .collect();
        resource.r#type = value::Type::Set as i32;
        resource.set = Some(items.to_proto());
        Ok((value::Type::Set, resource))
    } else if text.contains(['[', ']', '{', '}']) {
        Err(bad_value(item, ValueSyntax::Brackets))
    } else {
        let scalar: Scalar = text
            .parse()
            .map_err(|_| bad_value(item, ValueSyntax::Scalar))?;
        resource.r#type = value::Type::Scalar as i32;
        resource.scalar = Some(value::Scalar {
            value: scalar.to_f64(),
        });
        Ok((value::Type::Scalar, resource))
    }
}

impl Resources {
    /// Parses the agent's `--resources` text form with unreserved (`*`) as the default role:
    /// `;`-separated `name:value` or `name(role):value` items, where a value is a scalar
    /// (`4`, `0.5`), ranges (`[31000-32000, 33000-33100]`) or a set (`{a,b}`).
    ///
    /// As Mesos does, each resource gets the role in the deprecated `role` field (`"*"` when
    /// unreserved). Items of the same name and reservation combine; one name with two types
    /// is an error.
    ///
    /// ```
    /// use mesos_sdk::resources::{Resources, Scalar};
    ///
    /// let r = Resources::parse("cpus:4; mem(web):1024; mem:1024; ports:[31000-32000]; disks:{a,b}")
    ///     .unwrap();
    /// assert_eq!(r.cpus(), Scalar::from(4));
    /// assert_eq!(r.mem(), Scalar::from(2048));
    /// assert_eq!(r.reserved("web").mem(), Scalar::from(1024));
    /// assert_eq!(r.ports().value_count(), 1001);
    /// assert_eq!(r.set("disks").len(), 2);
    /// assert!(Resources::parse("cpus:-1").is_err());
    /// assert!(Resources::parse("ports:[5-1]").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Resources, ParseError> {
        Resources::parse_with_role(text, "*")
    }

    /// [`Resources::parse`] with `default_role` for items without a `(role)`.
    pub fn parse_with_role(text: &str, default_role: &str) -> Result<Resources, ParseError> {
        let mut out = Resources::new();
        let mut types: BTreeMap<String, value::Type> = BTreeMap::new();
        for (index, item) in text.split(';').map(str::trim).enumerate() {
            if item.is_empty() {
                continue;
            }
            let mut parts = item.split(':');
            let (Some(head), Some(text), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(ParseError::MissingColon {
                    item: item.to_owned(),
                });
            };
            let bad_role = || ParseError::BadRole {
                item: item.to_owned(),
            };
            let (name, role) = match head.split_once('(') {
                None => (head.trim(), default_role),
                Some((name, rest)) => {
                    let role = rest.trim_end().strip_suffix(')').ok_or_else(bad_role)?;
                    (name.trim(), role.trim())
                }
            };
            if !is_valid_role(role) {
                return Err(bad_role());
            }
            let compact: String = text.chars().filter(|c| *c != ' ').collect();
            let (kind, mut resource) = parse_value(item, &compact)?;
            resource.name = name.to_owned();
            #[allow(deprecated)]
            {
                resource.role = Some(role.to_owned());
            }
            if let Some(previous) = types.insert(name.to_owned(), kind) {
                if previous != kind {
                    return Err(ParseError::ConflictingTypes {
                        name: name.to_owned(),
                    });
                }
            }
            out.add_resource(&resource).map_err(|mut e| {
                e.index = index;
                ParseError::Invalid(e)
            })?;
        }
        Ok(out)
    }
}

/// [`Resources::parse`].
impl FromStr for Resources {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Resources, ParseError> {
        Resources::parse(text)
    }
}

/// Ranges in Mesos' text form, `[1-3, 5-9]`.
impl FromStr for Ranges {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Ranges, ParseError> {
        let compact: String = text.chars().filter(|c| *c != ' ').collect();
        if !compact.starts_with('[') {
            return Err(bad_value(text, ValueSyntax::Brackets));
        }
        let (_, resource) = parse_value(text, &compact)?;
        let proto = resource.ranges.unwrap_or_default();
        Ranges::try_from(&proto).map_err(|_| bad_value(text, ValueSyntax::Range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::{InvalidResource, ResourceProblem};

    #[test]
    fn agent_flag_syntax() {
        let r = Resources::parse("cpus:4;mem:8192;ports:[31000-32000];disks:{a,b}").expect("valid");
        assert_eq!(r.cpus(), Scalar::from(4));
        assert_eq!(r.mem(), Scalar::from(8192));
        assert_eq!(r.ports().to_string(), "[31000-32000]");
        assert_eq!(r.set("disks").to_string(), "{a, b}");
        #[allow(deprecated)]
        let roles: Vec<Option<&str>> = r.iter().map(|x| x.role.as_deref()).collect();
        assert_eq!(roles, [Some("*"); 4]);
    }

    #[test]
    fn roles_spaces_and_repeats() {
        let r =
            Resources::parse(" cpus ( eng/web ) : 1.5 ; cpus:1; ports:[1-2, 3-4 ,9-9];;cpus:0.5")
                .expect("valid");
        assert_eq!(r.reserved("eng/web").cpus(), Scalar::from_millis(1500));
        assert_eq!(r.unreserved().cpus(), Scalar::from_millis(1500));
        assert_eq!(r.ports().to_string(), "[1-4, 9-9]");
        let web = Resources::parse_with_role("mem:10", "web").expect("valid");
        assert_eq!(web.reserved("web").mem(), Scalar::from(10));
        assert_eq!(
            Resources::parse("").expect("empty is fine"),
            Resources::new()
        );
    }

    #[test]
    fn errors() {
        let err = |text: &str| Resources::parse(text).expect_err(text);
        assert_eq!(
            err("cpus"),
            ParseError::MissingColon {
                item: "cpus".into()
            }
        );
        assert!(matches!(err("cpus:1:2"), ParseError::MissingColon { .. }));
        assert!(matches!(err("cpus(web:1"), ParseError::BadRole { .. }));
        assert!(matches!(err("cpus(web)x:1"), ParseError::BadRole { .. }));
        assert!(matches!(err("cpus():1"), ParseError::BadRole { .. }));
        assert!(matches!(err("cpus(a b):1"), ParseError::BadRole { .. }));
        assert!(matches!(err("cpus(-a):1"), ParseError::BadRole { .. }));
        assert!(matches!(err("cpus(a//b):1"), ParseError::BadRole { .. }));
        let bad = |text: &str, reason: ValueSyntax| {
            assert_eq!(
                err(text),
                ParseError::BadValue {
                    item: text.into(),
                    reason
                },
                "{text}"
            );
        };
        bad("cpus:", ValueSyntax::Empty);
        bad("cpus:abc", ValueSyntax::Scalar);
        bad("cpus:-1", ValueSyntax::Scalar);
        bad("cpus:NaN", ValueSyntax::Scalar);
        bad("ports:[1-2", ValueSyntax::Brackets);
        bad("ports:[1-2]]", ValueSyntax::Brackets);
        bad("ports:1-2]", ValueSyntax::Brackets);
        bad("disks:{a,b", ValueSyntax::Brackets);
        bad("ports:[1-x]", ValueSyntax::Range);
        bad("ports:[1]", ValueSyntax::Range);
        bad("ports:[1-2-3]", ValueSyntax::Range);
        bad("ports:[-1-2]", ValueSyntax::Range);
        assert_eq!(
            err("ports:[5-1]"),
            ParseError::Invalid(InvalidResource {
                index: 0,
                name: "ports".into(),
                problem: ResourceProblem::InvertedRange(crate::resources::RangesError {
                    begin: 5,
                    end: 1
                }),
            })
        );
        assert!(matches!(
            err("cpus:1;(web):1"),
            ParseError::Invalid(InvalidResource { index: 1, .. })
        ));
        assert_eq!(
            err("cpus:1;cpus:[1-2]"),
            ParseError::ConflictingTypes {
                name: "cpus".into()
            }
        );
    }

    #[test]
    fn ranges_from_str() {
        assert_eq!(
            "[1-3, 4-6]".parse::<Ranges>().map(|r| r.to_string()),
            Ok("[1-6]".to_owned())
        );
        assert!("1-3".parse::<Ranges>().is_err());
        assert!("[3-1]".parse::<Ranges>().is_err());
        assert!("[{a}]".parse::<Ranges>().is_err());
    }

    #[test]
    fn role_names() {
        for ok in ["*", "web", "eng/web", "a.b", "x-y"] {
            assert!(is_valid_role(ok), "{ok}");
        }
        for bad in [
            "", ".", "..", "-a", "a/", "/a", "a//b", "a/../b", "a b", "a\tb", "a(b",
        ] {
            assert!(!is_valid_role(bad), "{bad}");
        }
    }
}
