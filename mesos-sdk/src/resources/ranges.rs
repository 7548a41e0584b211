//! [`Ranges`]: a set of `u64` values (ports, mostly) held as inclusive ranges that are always
//! sorted and coalesced: overlapping or adjacent ranges merge, `[1-3],[4-6]` is `[1-6]`.

use std::fmt;
use std::ops::RangeInclusive;

use crate::v1::value;

use super::error::RangesError;

/// Inclusive `u64` ranges, sorted and coalesced, as in a `ports` resource.
///
/// ```
/// use mesos_sdk::resources::Ranges;
///
/// let offered: Ranges = [31000..=31001, 31002..=31005, 31010..=31020].into_iter().collect();
/// assert_eq!(offered.to_string(), "[31000-31005, 31010-31020]");
/// assert_eq!(offered.value_count(), 17);
///
/// let picked = offered.pick(8).unwrap();
/// assert_eq!(picked.to_string(), "[31000-31005, 31010-31011]");
/// assert!(picked.is_subset(&offered));
///
/// let left = offered.difference(&picked);
/// assert_eq!(left.to_string(), "[31012-31020]");
/// assert!(!left.contains(31000) && left.contains(31020));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ranges {
    /// Sorted by begin, each `begin <= end`, and `next.begin > prev.end + 1`.
    ranges: Vec<(u64, u64)>,
}

impl Ranges {
    /// No values.
    pub const fn new() -> Ranges {
        Ranges { ranges: Vec::new() }
    }

    /// Builds from `(begin, end)` pairs in any order, sorting and coalescing them. Pairs with
    /// `begin > end` are rejected.
    pub fn from_pairs<I>(pairs: I) -> Result<Ranges, RangesError>
    where
        I: IntoIterator<Item = (u64, u64)>,
    {
        let mut ranges = Vec::new();
        for (begin, end) in pairs {
            if begin > end {
                return Err(RangesError { begin, end });
            }
            ranges.push((begin, end));
        }
        Ok(Ranges::coalesced(ranges))
    }

    /// Sorts and coalesces valid (`begin <= end`) pairs.
    fn coalesced(mut ranges: Vec<(u64, u64)>) -> Ranges {
        ranges.sort_unstable();
        let mut out: Vec<(u64, u64)> = Vec::with_capacity(ranges.len());
        for (begin, end) in ranges {
            match out.last_mut() {
                // `prev.1 + 1` would overflow at u64::MAX; `begin - 1` cannot, as begin > 0.
                Some(prev) if begin == 0 || begin - 1 <= prev.1 => prev.1 = prev.1.max(end),
                _ => out.push((begin, end)),
            }
        }
        Ranges { ranges: out }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The number of values (a `u128`: `0..=u64::MAX` holds 2^64 of them).
    pub fn value_count(&self) -> u128 {
        self.ranges
            .iter()
            .map(|&(b, e)| u128::from(e - b) + 1)
            .sum()
    }

    /// The coalesced ranges, lowest first.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = RangeInclusive<u64>> + '_ {
        self.ranges.iter().map(|&(b, e)| b..=e)
    }

    /// The lowest value, if any.
    pub fn min(&self) -> Option<u64> {
        self.ranges.first().map(|r| r.0)
    }

    /// Whether `value` is in one of the ranges.
    pub fn contains(&self, value: u64) -> bool {
        // The first range whose end is >= value is the only candidate.
        let i = self.ranges.partition_point(|&(_, e)| e < value);
        self.ranges.get(i).is_some_and(|&(b, _)| b <= value)
    }

    /// Adds the values of `range` (nothing when it is empty, i.e. its start exceeds its end).
    pub fn insert(&mut self, range: RangeInclusive<u64>) {
        let (begin, end) = range.into_inner();
        if begin <= end {
            let mut all = std::mem::take(&mut self.ranges);
            all.push((begin, end));
            *self = Ranges::coalesced(all);
        }
    }

    /// The values in `self` or in `other`.
    pub fn union(&self, other: &Ranges) -> Ranges {
        let mut all = Vec::with_capacity(self.ranges.len() + other.ranges.len());
        all.extend_from_slice(&self.ranges);
        all.extend_from_slice(&other.ranges);
        Ranges::coalesced(all)
    }

    /// The values in `self` but not in `other` (ranges are split where needed).
    pub fn difference(&self, other: &Ranges) -> Ranges {
        let mut out = Vec::new();
        let mut j = 0;
        for &(begin, end) in &self.ranges {
            let mut cur = begin;
            let mut alive = true;
            // Skip removals entirely below this range.
            while j < other.ranges.len() && other.ranges[j].1 < begin {
                j += 1;
            }
            let mut k = j;
            while alive && k < other.ranges.len() && other.ranges[k].0 <= end {
                let (rb, re) = other.ranges[k];
                if rb > cur {
                    out.push((cur, rb - 1));
                }
                if re >= end {
                    alive = false;
                } else {
                    cur = cur.max(re + 1);
                    k += 1;
                }
            }
            if alive {
                out.push((cur, end));
            }
        }
        // Pieces of disjoint sorted ranges stay disjoint, sorted and non-adjacent.
        Ranges { ranges: out }
    }

    /// The values in both `self` and `other`.
    pub fn intersection(&self, other: &Ranges) -> Ranges {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < self.ranges.len() && j < other.ranges.len() {
            let (ab, ae) = self.ranges[i];
            let (bb, be) = other.ranges[j];
            let begin = ab.max(bb);
            let end = ae.min(be);
            if begin <= end {
                out.push((begin, end));
            }
            if ae < be {
                i += 1;
            } else {
                j += 1;
            }
        }
        Ranges { ranges: out }
    }

    /// Whether every value of `self` is in `other`.
    pub fn is_subset(&self, other: &Ranges) -> bool {
        // Coalesced: each range of `self` must lie inside a single range of `other`.
        let mut j = 0;
        for &(begin, end) in &self.ranges {
            while j < other.ranges.len() && other.ranges[j].1 < begin {
                j += 1;
            }
            match other.ranges.get(j) {
                Some(&(ob, oe)) if ob <= begin && end <= oe => {}
                _ => return false,
            }
        }
        true
    }

    /// The `n` lowest values, or `None` when there are fewer than `n`. Deterministic, so a
    /// scheduler picks the same ports from the same offer.
    pub fn pick(&self, n: u64) -> Option<Ranges> {
        let mut left = n;
        let mut out = Vec::new();
        for &(begin, end) in &self.ranges {
            if left == 0 {
                break;
            }
            let size = u128::from(end - begin) + 1;
            if u128::from(left) >= size {
                out.push((begin, end));
                // size <= left <= u64::MAX here.
                left -= size as u64;
            } else {
                out.push((begin, begin + (left - 1)));
                left = 0;
            }
        }
        (left == 0).then_some(Ranges { ranges: out })
    }

    /// The `Value.Ranges` message.
    pub fn to_proto(&self) -> value::Ranges {
        value::Ranges {
            range: self
                .ranges
                .iter()
                .map(|&(begin, end)| value::Range { begin, end })
                .collect(),
        }
    }
}

/// Sorts and coalesces; rejects a range with `begin > end`. Overlapping ranges, which Mesos
/// rejects in agent flags, are merged.
impl TryFrom<&value::Ranges> for Ranges {
    type Error = RangesError;

    fn try_from(ranges: &value::Ranges) -> Result<Ranges, RangesError> {
        Ranges::from_pairs(ranges.range.iter().map(|r| (r.begin, r.end)))
    }
}

impl From<&Ranges> for value::Ranges {
    fn from(ranges: &Ranges) -> value::Ranges {
        ranges.to_proto()
    }
}

/// One range (empty when its start exceeds its end).
impl From<RangeInclusive<u64>> for Ranges {
    fn from(range: RangeInclusive<u64>) -> Ranges {
        let mut ranges = Ranges::new();
        ranges.insert(range);
        ranges
    }
}

/// Empty ranges (start above end) contribute nothing.
impl FromIterator<RangeInclusive<u64>> for Ranges {
    fn from_iter<I: IntoIterator<Item = RangeInclusive<u64>>>(iter: I) -> Ranges {
        let pairs = iter
            .into_iter()
            .map(RangeInclusive::into_inner)
            .filter(|(b, e)| b <= e)
            .collect();
        Ranges::coalesced(pairs)
    }
}

/// Single values.
impl FromIterator<u64> for Ranges {
    fn from_iter<I: IntoIterator<Item = u64>>(iter: I) -> Ranges {
        Ranges::coalesced(iter.into_iter().map(|v| (v, v)).collect())
    }
}

/// Mesos' text form: `[31000-31005, 31010-31020]`.
impl fmt::Display for Ranges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, (begin, end)) in self.ranges.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{begin}-{end}")?;
        }
        f.write_str("]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(pairs: &[(u64, u64)]) -> Ranges {
        Ranges::from_pairs(pairs.iter().copied()).expect("valid ranges")
    }

    fn pairs(ranges: &Ranges) -> Vec<(u64, u64)> {
        ranges.iter().map(RangeInclusive::into_inner).collect()
    }

    #[test]
    fn coalesces_overlapping_and_adjacent() {
        assert_eq!(pairs(&r(&[(4, 6), (1, 3)])), [(1, 6)]);
        assert_eq!(pairs(&r(&[(1, 5), (3, 4)])), [(1, 5)]);
        assert_eq!(pairs(&r(&[(1, 2), (4, 5)])), [(1, 2), (4, 5)]);
        assert_eq!(pairs(&r(&[(10, 20), (1, 1), (2, 9)])), [(1, 20)]);
        assert_eq!(
            pairs(&r(&[(u64::MAX, u64::MAX), (0, 0), (1, u64::MAX - 1)])),
            [(0, u64::MAX)]
        );
        assert_eq!(
            Ranges::from_pairs([(5, 4)]),
            Err(RangesError { begin: 5, end: 4 })
        );
    }

    #[test]
    fn difference_splits() {
        let a = r(&[(1, 10), (20, 30)]);
        assert_eq!(
            pairs(&a.difference(&r(&[(5, 5)]))),
            [(1, 4), (6, 10), (20, 30)]
        );
        assert_eq!(
            pairs(&a.difference(&r(&[(0, 1), (10, 22)]))),
            [(2, 9), (23, 30)]
        );
        assert_eq!(pairs(&a.difference(&r(&[(0, 100)]))), []);
        assert_eq!(pairs(&a.difference(&r(&[(11, 19)]))), [(1, 10), (20, 30)]);
        assert_eq!(
            pairs(&a.difference(&r(&[(2, 3), (5, 6), (25, 40)]))),
            [(1, 1), (4, 4), (7, 10), (20, 24)]
        );
        let full = r(&[(0, u64::MAX)]);
        assert_eq!(
            pairs(&full.difference(&r(&[(u64::MAX, u64::MAX)]))),
            [(0, u64::MAX - 1)]
        );
        assert_eq!(pairs(&full.difference(&r(&[(0, 0)]))), [(1, u64::MAX)]);
    }

    #[test]
    fn subset_contains_and_count() {
        let a = r(&[(1, 10), (20, 30)]);
        assert!(r(&[(2, 3), (20, 30)]).is_subset(&a));
        assert!(!r(&[(9, 21)]).is_subset(&a));
        assert!(Ranges::new().is_subset(&a));
        assert!(!a.is_subset(&Ranges::new()));
        assert!(a.contains(1) && a.contains(10) && a.contains(25));
        assert!(!a.contains(0) && !a.contains(15) && !a.contains(31));
        assert_eq!(a.value_count(), 21);
        assert_eq!(r(&[(0, u64::MAX)]).value_count(), 1u128 << 64);
        assert_eq!(pairs(&a.intersection(&r(&[(5, 25)]))), [(5, 10), (20, 25)]);
    }

    #[test]
    fn pick_takes_lowest_values() {
        let a = r(&[(31000, 31001), (31005, 31010)]);
        assert_eq!(
            pairs(&a.pick(4).expect("enough")),
            [(31000, 31001), (31005, 31006)]
        );
        assert_eq!(pairs(&a.pick(2).expect("enough")), [(31000, 31001)]);
        assert_eq!(a.pick(0), Some(Ranges::new()));
        assert_eq!(a.pick(8), Some(a.clone()));
        assert_eq!(a.pick(9), None);
        let full = r(&[(0, u64::MAX)]);
        assert_eq!(
            pairs(&full.pick(u64::MAX).expect("enough")),
            [(0, u64::MAX - 1)]
        );
    }

    #[test]
    fn proto_round_trip_and_display() {
        let proto = value::Ranges {
            range: vec![
                value::Range { begin: 4, end: 6 },
                value::Range { begin: 1, end: 3 },
            ],
        };
        let ranges = Ranges::try_from(&proto).expect("valid");
        assert_eq!(ranges.to_string(), "[1-6]");
        assert_eq!(ranges.to_proto().range, [value::Range { begin: 1, end: 6 }]);
        let bad = value::Ranges {
            range: vec![value::Range { begin: 9, end: 1 }],
        };
        assert!(Ranges::try_from(&bad).is_err());
        assert_eq!(Ranges::new().to_string(), "[]");
        let from_values: Ranges = [3, 1, 2, 7].into_iter().collect();
        assert_eq!(from_values.to_string(), "[1-3, 7-7]");
    }
}
