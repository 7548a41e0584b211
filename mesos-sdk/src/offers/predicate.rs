//! [`OfferPredicate`]: a condition on an offer as a whole (its agent's hostname and attributes)
//! rather than on its resources, one variant per kind of check, each with its own
//! description for "why did nothing fit" reports.

use std::fmt;

use crate::resources::Ranges;
use crate::v1::{self, value};

/// A condition an offer must meet for a [`ResourceRequest`](super::ResourceRequest), checked
/// by [`find_fit`](super::find_fit) and the [`OfferPlanner`](super::OfferPlanner) (not by
/// [`find_fit_in`](super::find_fit_in), which sees only resources).
///
/// Hostnames compare ignoring ASCII case, as DNS names do. Attribute names compare exactly;
/// when an agent has several attributes of one name, a predicate on that name holds when any
/// of them meets it (and [`OfferPredicate::AttributeAbsent`] when there is none).
///
/// The agent's `--attributes` flag makes a value that reads as a number a SCALAR, `[..]`
/// RANGES, `{..}` SET and anything else TEXT, so `rack:1` is the SCALAR 1. What each
/// attribute predicate means for each type:
///
/// | predicate                | TEXT            | SCALAR                         | RANGES                        | SET                  |
/// |--------------------------|-----------------|--------------------------------|-------------------------------|----------------------|
/// | `AttributeEquals(v)`     | the text is `v` | `v` reads as the same number   | never                         | never                |
/// | `AttributeOneOf(vs)`     | the text is one of `vs` | one of `vs` reads as its number | never                 | never                |
/// | `AttributeAtLeast(b)`    | never           | value ≥ `b`                    | never                         | never                |
/// | `AttributeAtMost(b)`     | never           | value ≤ `b`                    | never                         | never                |
/// | `AttributeContains(x)`   | never           | never                          | `x` reads as a value in range | `x` is an item       |
/// | `AttributePresent`       | always          | always                         | always                        | always               |
///
/// Numbers compare as Mesos compares `Value.Scalar`s: rounded to three decimals (a NaN bound is
/// never met). An attribute whose value is missing or malformed for its type meets only
/// `AttributePresent`.
///
/// ```
/// use mesos_sdk::offers::OfferPredicate;
/// use mesos_sdk::v1::{self, value};
///
/// let offer = v1::Offer {
///     hostname: "Agent1.example".into(),
///     attributes: vec![
///         v1::Attribute {
///             name: "rack".into(),
///             r#type: value::Type::Text as i32,
///             text: Some(value::Text { value: "r1".into() }),
///             ..Default::default()
///         },
///         v1::Attribute {
///             name: "cores".into(),
///             r#type: value::Type::Scalar as i32,
///             scalar: Some(value::Scalar { value: 16.0 }),
///             ..Default::default()
///         },
///     ],
///     ..Default::default()
/// };
/// assert!(OfferPredicate::hostname_one_of(["agent1.example"]).matches(&offer));
/// assert!(OfferPredicate::attribute_one_of("rack", ["r1", "r2"]).matches(&offer));
/// assert!(OfferPredicate::attribute_equals("cores", "16.0").matches(&offer));
/// assert!(OfferPredicate::attribute_at_least("cores", 8.0).matches(&offer));
/// assert!(!OfferPredicate::attribute_at_least("rack", 1.0).matches(&offer));
/// assert!(OfferPredicate::attribute_absent("gpu").matches(&offer));
/// assert_eq!(
///     OfferPredicate::attribute_at_most("cores", 8.0).to_string(),
///     "attribute cores at most 8"
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum OfferPredicate {
    /// The offer's hostname is one of these.
    HostnameOneOf(Vec<String>),
    /// The offer's hostname is none of these.
    HostnameNoneOf(Vec<String>),
    /// Attribute `name` is TEXT `value`, or SCALAR and `value` reads as its number.
    AttributeEquals {
        /// The attribute's name.
        name: String,
        /// The value.
        value: String,
    },
    /// [`OfferPredicate::AttributeEquals`] for one of `values`.
    AttributeOneOf {
        /// The attribute's name.
        name: String,
        /// The values.
        values: Vec<String>,
    },
    /// Attribute `name` is a SCALAR of at least `bound`.
    AttributeAtLeast {
        /// The attribute's name.
        name: String,
        /// The lowest value that meets the predicate.
        bound: f64,
    },
    /// Attribute `name` is a SCALAR of at most `bound`.
    AttributeAtMost {
        /// The attribute's name.
        name: String,
        /// The highest value that meets the predicate.
        bound: f64,
    },
    /// Attribute `name` is a SET with item `item`, or RANGES including the number `item`.
    AttributeContains {
        /// The attribute's name.
        name: String,
        /// The item or number.
        item: String,
    },
    /// The agent has an attribute `name`, of any type.
    AttributePresent(String),
    /// The agent has no attribute `name`.
    AttributeAbsent(String),
}

fn strings<I>(items: I) -> Vec<String>
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    items.into_iter().map(Into::into).collect()
}

impl OfferPredicate {
    /// [`OfferPredicate::HostnameOneOf`].
    pub fn hostname_one_of<I>(hostnames: I) -> OfferPredicate
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        OfferPredicate::HostnameOneOf(strings(hostnames))
    }

    /// [`OfferPredicate::HostnameNoneOf`].
    pub fn hostname_none_of<I>(hostnames: I) -> OfferPredicate
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        OfferPredicate::HostnameNoneOf(strings(hostnames))
    }

    /// [`OfferPredicate::AttributeEquals`].
    pub fn attribute_equals(name: impl Into<String>, value: impl Into<String>) -> OfferPredicate {
        OfferPredicate::AttributeEquals {
            name: name.into(),
            value: value.into(),
        }
    }

    /// [`OfferPredicate::AttributeOneOf`].
    pub fn attribute_one_of<I>(name: impl Into<String>, values: I) -> OfferPredicate
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        OfferPredicate::AttributeOneOf {
            name: name.into(),
            values: strings(values),
        }
    }

    /// [`OfferPredicate::AttributeAtLeast`].
    pub fn attribute_at_least(name: impl Into<String>, bound: f64) -> OfferPredicate {
        OfferPredicate::AttributeAtLeast {
            name: name.into(),
            bound,
        }
    }

    /// [`OfferPredicate::AttributeAtMost`].
    pub fn attribute_at_most(name: impl Into<String>, bound: f64) -> OfferPredicate {
        OfferPredicate::AttributeAtMost {
            name: name.into(),
            bound,
        }
    }

    /// [`OfferPredicate::AttributeContains`].
    pub fn attribute_contains(name: impl Into<String>, item: impl Into<String>) -> OfferPredicate {
        OfferPredicate::AttributeContains {
            name: name.into(),
            item: item.into(),
        }
    }

    /// [`OfferPredicate::AttributePresent`].
    pub fn attribute_present(name: impl Into<String>) -> OfferPredicate {
        OfferPredicate::AttributePresent(name.into())
    }

    /// [`OfferPredicate::AttributeAbsent`].
    pub fn attribute_absent(name: impl Into<String>) -> OfferPredicate {
        OfferPredicate::AttributeAbsent(name.into())
    }

    /// Whether `offer` meets the predicate.
    pub fn matches(&self, offer: &v1::Offer) -> bool {
        self.holds(&offer.hostname, &offer.attributes)
    }

    /// Whether an agent with `hostname` and `attributes` meets the predicate.
    pub(super) fn holds(&self, hostname: &str, attributes: &[v1::Attribute]) -> bool {
        fn named<'a>(
            attributes: &'a [v1::Attribute],
            name: &'a str,
        ) -> impl Iterator<Item = &'a v1::Attribute> {
            attributes.iter().filter(move |a| a.name == name)
        }
        let any =
            |name: &str, test: &dyn Fn(&v1::Attribute) -> bool| named(attributes, name).any(test);
        match self {
            OfferPredicate::HostnameOneOf(hosts) => {
                hosts.iter().any(|h| h.eq_ignore_ascii_case(hostname))
            }
            OfferPredicate::HostnameNoneOf(hosts) => {
                !hosts.iter().any(|h| h.eq_ignore_ascii_case(hostname))
            }
            OfferPredicate::AttributeEquals { name, value } => {
                any(name, &|a| attribute_equals(a, value))
            }
            OfferPredicate::AttributeOneOf { name, values } => {
                any(name, &|a| values.iter().any(|v| attribute_equals(a, v)))
            }
            OfferPredicate::AttributeAtLeast { name, bound } => any(name, &|a| {
                scalar_millis(a)
                    .zip(millis(*bound))
                    .is_some_and(|(v, b)| v >= b)
            }),
            OfferPredicate::AttributeAtMost { name, bound } => any(name, &|a| {
                scalar_millis(a)
                    .zip(millis(*bound))
                    .is_some_and(|(v, b)| v <= b)
            }),
            OfferPredicate::AttributeContains { name, item } => {
                any(name, &|a| attribute_contains(a, item))
            }
            OfferPredicate::AttributePresent(name) => named(attributes, name).next().is_some(),
            OfferPredicate::AttributeAbsent(name) => named(attributes, name).next().is_none(),
        }
    }
}

/// `value` in thousandths, rounded as Mesos' `convertToFixed` rounds; `None` for NaN.
fn millis(value: f64) -> Option<i128> {
    // The cast saturates, so infinities (and values beyond Mesos' range) still order
    // correctly against any attribute.
    (!value.is_nan()).then(|| (value * 1000.0).round() as i128)
}

/// The attribute's number, when it is a SCALAR with a value.
fn scalar_millis(attribute: &v1::Attribute) -> Option<i128> {
    if attribute.r#type != value::Type::Scalar as i32 {
        return None;
    }
    millis(attribute.scalar?.value)
}

fn attribute_equals(attribute: &v1::Attribute, wanted: &str) -> bool {
    match value::Type::try_from(attribute.r#type) {
        Ok(value::Type::Text) => attribute.text.as_ref().is_some_and(|t| t.value == wanted),
        Ok(value::Type::Scalar) => {
            let wanted = wanted.trim().parse::<f64>().ok().and_then(millis);
            wanted.is_some() && scalar_millis(attribute) == wanted
        }
        _ => false,
    }
}

fn attribute_contains(attribute: &v1::Attribute, item: &str) -> bool {
    match value::Type::try_from(attribute.r#type) {
        Ok(value::Type::Set) => attribute
            .set
            .as_ref()
            .is_some_and(|s| s.item.iter().any(|i| i == item)),
        Ok(value::Type::Ranges) => {
            let Ok(number) = item.trim().parse::<u64>() else {
                return false;
            };
            attribute
                .ranges
                .as_ref()
                .and_then(|r| Ranges::try_from(r).ok())
                .is_some_and(|r| r.contains(number))
        }
        _ => false,
    }
}

/// Short and plain, for reports such as "no offer met: attribute rack one of [r1, r2]".
impl fmt::Display for OfferPredicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OfferPredicate::HostnameOneOf(hosts) => {
                write!(f, "hostname one of [{}]", hosts.join(", "))
            }
            OfferPredicate::HostnameNoneOf(hosts) => {
                write!(f, "hostname none of [{}]", hosts.join(", "))
            }
            OfferPredicate::AttributeEquals { name, value } => {
                write!(f, "attribute {name} equals {value}")
            }
            OfferPredicate::AttributeOneOf { name, values } => {
                write!(f, "attribute {name} one of [{}]", values.join(", "))
            }
            OfferPredicate::AttributeAtLeast { name, bound } => {
                write!(f, "attribute {name} at least {bound}")
            }
            OfferPredicate::AttributeAtMost { name, bound } => {
                write!(f, "attribute {name} at most {bound}")
            }
            OfferPredicate::AttributeContains { name, item } => {
                write!(f, "attribute {name} contains {item}")
            }
            OfferPredicate::AttributePresent(name) => write!(f, "attribute {name} present"),
            OfferPredicate::AttributeAbsent(name) => write!(f, "attribute {name} absent"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(name: &str, kind: value::Type) -> v1::Attribute {
        v1::Attribute {
            name: name.into(),
            r#type: kind as i32,
            ..Default::default()
        }
    }

    fn text(name: &str, v: &str) -> v1::Attribute {
        v1::Attribute {
            text: Some(value::Text { value: v.into() }),
            ..attribute(name, value::Type::Text)
        }
    }

    fn scalar(name: &str, v: f64) -> v1::Attribute {
        v1::Attribute {
            scalar: Some(value::Scalar { value: v }),
            ..attribute(name, value::Type::Scalar)
        }
    }

    fn ranges(name: &str, begin: u64, end: u64) -> v1::Attribute {
        v1::Attribute {
            ranges: Some(value::Ranges {
                range: vec![value::Range { begin, end }],
            }),
            ..attribute(name, value::Type::Ranges)
        }
    }

    fn set(name: &str, items: &[&str]) -> v1::Attribute {
        v1::Attribute {
            set: Some(value::Set {
                item: items.iter().map(|i| (*i).to_owned()).collect(),
            }),
            ..attribute(name, value::Type::Set)
        }
    }

    fn agent(attributes: Vec<v1::Attribute>) -> v1::Offer {
        v1::Offer {
            hostname: "node-1.Example.com".into(),
            attributes,
            ..Default::default()
        }
    }

    type P = OfferPredicate;

    #[test]
    fn hostnames_ignore_ascii_case() {
        let o = agent(Vec::new());
        assert!(P::hostname_one_of(["x", "NODE-1.example.COM"]).matches(&o));
        assert!(!P::hostname_one_of(["node-1"]).matches(&o));
        assert!(!P::hostname_one_of(Vec::<String>::new()).matches(&o));
        assert!(P::hostname_none_of(["node-2.example.com"]).matches(&o));
        assert!(!P::hostname_none_of(["node-1.example.com"]).matches(&o));
        assert!(P::hostname_none_of(Vec::<String>::new()).matches(&o));
    }

    #[test]
    fn equals_and_one_of_per_type() {
        let o = agent(vec![
            text("zone", "us-east-1a"),
            scalar("rack", 1.0),
            scalar("weight", -2.5),
            ranges("ports", 10, 20),
            set("disks", &["ssd"]),
        ]);
        assert!(P::attribute_equals("zone", "us-east-1a").matches(&o));
        assert!(!P::attribute_equals("zone", "US-EAST-1A").matches(&o));
        assert!(!P::attribute_equals("Zone", "us-east-1a").matches(&o));
        // `rack:1` on the agent is the SCALAR 1; "1", "1.0" and "1.0004" read as it.
        for v in ["1", "1.0", " 1 ", "1.0004"] {
            assert!(P::attribute_equals("rack", v).matches(&o), "{v}");
        }
        assert!(!P::attribute_equals("rack", "1.001").matches(&o));
        assert!(!P::attribute_equals("rack", "one").matches(&o));
        assert!(P::attribute_equals("weight", "-2.5").matches(&o));
        // RANGES and SET have no equality.
        assert!(!P::attribute_equals("ports", "[10-20]").matches(&o));
        assert!(!P::attribute_equals("disks", "ssd").matches(&o));
        assert!(!P::attribute_one_of("disks", ["ssd", "{ssd}"]).matches(&o));
        assert!(P::attribute_one_of("zone", ["us-west", "us-east-1a"]).matches(&o));
        assert!(P::attribute_one_of("rack", ["3", "1"]).matches(&o));
        assert!(!P::attribute_one_of("rack", Vec::<String>::new()).matches(&o));
        assert!(!P::attribute_one_of("missing", ["x"]).matches(&o));
    }

    #[test]
    fn bounds_only_hold_for_scalars() {
        let o = agent(vec![
            scalar("cores", 8.0),
            scalar("weight", -2.5),
            text("version", "9"),
            ranges("r", 10, 20),
        ]);
        assert!(P::attribute_at_least("cores", 8.0).matches(&o));
        assert!(P::attribute_at_least("cores", 8.0004).matches(&o));
        assert!(!P::attribute_at_least("cores", 8.001).matches(&o));
        assert!(P::attribute_at_most("cores", 8.0).matches(&o));
        assert!(!P::attribute_at_most("cores", 7.999).matches(&o));
        assert!(P::attribute_at_most("weight", -2.0).matches(&o));
        assert!(!P::attribute_at_least("weight", 0.0).matches(&o));
        assert!(!P::attribute_at_least("version", 1.0).matches(&o));
        assert!(!P::attribute_at_most("r", 100.0).matches(&o));
        assert!(!P::attribute_at_least("cores", f64::NAN).matches(&o));
        assert!(!P::attribute_at_most("cores", f64::NAN).matches(&o));
        assert!(P::attribute_at_least("cores", f64::NEG_INFINITY).matches(&o));
        assert!(P::attribute_at_most("cores", 1e300).matches(&o));
        assert!(!P::attribute_at_least("cores", f64::INFINITY).matches(&o));
    }

    #[test]
    fn contains_for_sets_and_ranges() {
        let o = agent(vec![
            ranges("ports", 10, 20),
            set("disks", &["ssd", "nvme"]),
            text("t", "ssd"),
        ]);
        assert!(P::attribute_contains("ports", "10").matches(&o));
        assert!(P::attribute_contains("ports", "20").matches(&o));
        assert!(!P::attribute_contains("ports", "21").matches(&o));
        assert!(!P::attribute_contains("ports", "x").matches(&o));
        assert!(P::attribute_contains("disks", "nvme").matches(&o));
        assert!(!P::attribute_contains("disks", "hdd").matches(&o));
        assert!(!P::attribute_contains("t", "ssd").matches(&o));
    }

    #[test]
    fn presence_duplicates_and_malformed_values() {
        let mut broken = attribute("cores", value::Type::Scalar);
        broken.scalar = None;
        let o = agent(vec![
            broken,
            scalar("cores", 4.0),
            attribute("odd", value::Type::Text),
        ]);
        // The malformed `cores` meets nothing, the second one does.
        assert!(P::attribute_equals("cores", "4").matches(&o));
        assert!(P::attribute_at_least("cores", 4.0).matches(&o));
        assert!(P::attribute_present("odd").matches(&o));
        assert!(!P::attribute_equals("odd", "").matches(&o));
        assert!(!P::attribute_absent("odd").matches(&o));
        assert!(P::attribute_absent("gpus").matches(&o));
        assert!(!P::attribute_present("gpus").matches(&o));
    }

    #[test]
    fn display() {
        let shown: Vec<String> = [
            P::hostname_one_of(["a", "b"]),
            P::hostname_none_of(["c"]),
            P::attribute_equals("rack", "r1"),
            P::attribute_one_of("zone", ["x", "y"]),
            P::attribute_at_least("cores", 2.5),
            P::attribute_contains("disks", "ssd"),
            P::attribute_present("gpu"),
            P::attribute_absent("spot"),
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            shown,
            [
                "hostname one of [a, b]",
                "hostname none of [c]",
                "attribute rack equals r1",
                "attribute zone one of [x, y]",
                "attribute cores at least 2.5",
                "attribute disks contains ssd",
                "attribute gpu present",
                "attribute spot absent",
            ]
        );
    }
}
