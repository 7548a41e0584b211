//! [`Set`]: the value of a SET resource (e.g. `disks:{a,b}`), a set of strings with union,
//! difference and subset test.

use std::collections::BTreeSet;
use std::fmt;

use crate::v1::value;

/// A set of strings, kept sorted so output is deterministic.
///
/// ```
/// use mesos_sdk::resources::Set;
///
/// let gpus: Set = ["gpu0", "gpu1", "gpu2"].into_iter().collect();
/// let used: Set = ["gpu1"].into_iter().collect();
/// assert!(used.is_subset(&gpus));
/// assert_eq!(gpus.difference(&used).to_string(), "{gpu0, gpu2}");
/// assert_eq!(gpus.difference(&used).union(&used), gpus);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Set {
    items: BTreeSet<String>,
}

impl Set {
    /// The empty set.
    pub const fn new() -> Set {
        Set {
            items: BTreeSet::new(),
        }
    }

    /// Adds `item`; `false` if it was already there.
    pub fn insert(&mut self, item: impl Into<String>) -> bool {
        self.items.insert(item.into())
    }

    /// Whether `item` is in the set.
    pub fn contains(&self, item: &str) -> bool {
        self.items.contains(item)
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.items.iter().map(String::as_str)
    }

    /// The items in `self` or `other`.
    pub fn union(&self, other: &Set) -> Set {
        Set {
            items: self.items.union(&other.items).cloned().collect(),
        }
    }

    /// The items in `self` but not in `other`.
    pub fn difference(&self, other: &Set) -> Set {
        Set {
            items: self.items.difference(&other.items).cloned().collect(),
        }
    }

    /// Whether every item of `self` is in `other`.
    pub fn is_subset(&self, other: &Set) -> bool {
        self.items.is_subset(&other.items)
    }

    /// The `Value.Set` message.
    pub fn to_proto(&self) -> value::Set {
        value::Set {
            item: self.items.iter().cloned().collect(),
        }
    }
}

/// Duplicate items (which Mesos rejects in agent flags) collapse into one.
impl From<&value::Set> for Set {
    fn from(set: &value::Set) -> Set {
        set.item.iter().cloned().collect()
    }
}

impl From<&Set> for value::Set {
    fn from(set: &Set) -> value::Set {
        set.to_proto()
    }
}

impl<S: Into<String>> FromIterator<S> for Set {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Set {
        Set {
            items: iter.into_iter().map(Into::into).collect(),
        }
    }
}

/// Mesos' text form: `{a, b}`.
impl fmt::Display for Set {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(item)?;
        }
        f.write_str("}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_algebra() {
        let a: Set = ["a", "b", "c"].into_iter().collect();
        let b: Set = ["b", "d"].into_iter().collect();
        assert_eq!(a.union(&b).to_string(), "{a, b, c, d}");
        assert_eq!(a.difference(&b).to_string(), "{a, c}");
        assert!(!b.is_subset(&a));
        assert!(Set::new().is_subset(&a));
        assert!(a.contains("a") && !a.contains("d"));
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn proto_round_trip_dedupes() {
        let proto = value::Set {
            item: vec!["b".into(), "a".into(), "b".into()],
        };
        let set = Set::from(&proto);
        assert_eq!(set.len(), 2);
        assert_eq!(set.to_proto().item, ["a", "b"]);
    }
}
