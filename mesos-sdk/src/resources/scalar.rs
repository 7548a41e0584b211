//! [`Scalar`]: a scalar resource quantity in Mesos' fixed-point form, three decimal places held
//! as an integer number of thousandths, so sums and comparisons are exact (0.1 + 0.2 == 0.3).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign};
use std::str::FromStr;

/// The largest number of thousandths a [`Scalar`] made from an `f64` may hold: Mesos converts
/// with `llround` into a signed 64-bit integer, so larger values have no meaning there.
const MAX_MILLIS_FROM_F64: f64 = 9_223_372_036_854_775_807.0;

/// A non-negative scalar resource quantity (`cpus`, `mem` in MB, `disk` in MB, `gpus`, ...).
///
/// Mesos keeps three decimal places: a value `v` becomes `llround(v * 1000)` thousandths and all
/// arithmetic and comparison happen on that integer. So `0.1 + 0.2 == 0.3`, and `0.0004` is zero.
///
/// ```
/// use mesos_sdk::resources::Scalar;
///
/// let a = Scalar::from_f64(0.1).unwrap();
/// let b = Scalar::from_f64(0.2).unwrap();
/// assert_eq!(a + b, Scalar::from_f64(0.3).unwrap());
/// assert_eq!(Scalar::from_f64(0.0004), Some(Scalar::ZERO));
/// assert_eq!(Scalar::from_f64(1.2345).unwrap().millis(), 1235);
/// assert_eq!((a + b).to_string(), "0.3");
/// assert_eq!(Scalar::from(4).to_string(), "4");
/// assert_eq!(Scalar::from_f64(-1.0), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Scalar {
    millis: u64,
}

impl Scalar {
    /// Nothing.
    pub const ZERO: Scalar = Scalar { millis: 0 };

    /// The largest representable quantity.
    pub const MAX: Scalar = Scalar { millis: u64::MAX };

    /// A quantity of `millis` thousandths.
    pub const fn from_millis(millis: u64) -> Scalar {
        Scalar { millis }
    }

    /// The quantity in thousandths (the integer Mesos computes with).
    pub const fn millis(self) -> u64 {
        self.millis
    }

    /// Converts as Mesos does (`llround(value * 1000)`). `None` when `value` is not finite, is
    /// negative (after rounding: `-0.0004` is zero) or is too large for Mesos' 64-bit integer.
    pub fn from_f64(value: f64) -> Option<Scalar> {
        let scaled = (value * 1000.0).round();
        if !scaled.is_finite() || scaled >= MAX_MILLIS_FROM_F64 {
            return None;
        }
        if scaled < 0.0 {
            // `-0.0004 * 1000` rounds to `-0.0`, which compares equal to zero and is not
            // caught here; anything really negative is.
            return None;
        }
        // In range and integral, so the conversion is exact.
        Some(Scalar {
            millis: scaled as u64,
        })
    }

    /// Converts like [`Scalar::from_f64`], but saturates as Rust's `as` casts do: NaN and
    /// negative values become zero, too large values [`Scalar::MAX`].
    pub fn saturating_from_f64(value: f64) -> Scalar {
        match Scalar::from_f64(value) {
            Some(s) => s,
            None if value > 0.0 => Scalar::MAX,
            None => Scalar::ZERO,
        }
    }

    /// The value as Mesos writes it back: whole part plus thousandths, each converted exactly.
    pub fn to_f64(self) -> f64 {
        (self.millis / 1000) as f64 + (self.millis % 1000) as f64 / 1000.0
    }

    /// Whether this is zero.
    pub const fn is_zero(self) -> bool {
        self.millis == 0
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Scalar) -> Option<Scalar> {
        self.millis
            .checked_add(other.millis)
            .map(Scalar::from_millis)
    }

    /// `self - other`, `None` when `other` is larger.
    pub fn checked_sub(self, other: Scalar) -> Option<Scalar> {
        self.millis
            .checked_sub(other.millis)
            .map(Scalar::from_millis)
    }

    /// `self + other`, at most [`Scalar::MAX`].
    pub fn saturating_add(self, other: Scalar) -> Scalar {
        Scalar::from_millis(self.millis.saturating_add(other.millis))
    }

    /// `self - other`, at least zero.
    pub fn saturating_sub(self, other: Scalar) -> Scalar {
        Scalar::from_millis(self.millis.saturating_sub(other.millis))
    }
}

/// Saturating addition (see [`Scalar::checked_add`] to detect overflow).
impl Add for Scalar {
    type Output = Scalar;

    fn add(self, other: Scalar) -> Scalar {
        self.saturating_add(other)
    }
}

/// Saturating addition.
impl AddAssign for Scalar {
    fn add_assign(&mut self, other: Scalar) {
        *self = self.saturating_add(other);
    }
}

impl Sum for Scalar {
    fn sum<I: Iterator<Item = Scalar>>(iter: I) -> Scalar {
        iter.fold(Scalar::ZERO, Scalar::saturating_add)
    }
}

/// A whole number of units (`Scalar::from(4)` is four CPUs or 4 MB).
impl From<u32> for Scalar {
    fn from(units: u32) -> Scalar {
        Scalar::from_millis(u64::from(units) * 1000)
    }
}

impl From<Scalar> for f64 {
    fn from(scalar: Scalar) -> f64 {
        scalar.to_f64()
    }
}

/// Rejects what [`Scalar::from_f64`] rejects.
impl TryFrom<f64> for Scalar {
    type Error = InvalidScalar;

    fn try_from(value: f64) -> Result<Scalar, InvalidScalar> {
        Scalar::from_f64(value).ok_or(InvalidScalar)
    }
}

/// An `f64` that is no scalar resource quantity: not finite, negative or too large.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a finite, non-negative scalar within Mesos' fixed-point range")]
pub struct InvalidScalar;

/// Parses a decimal number, e.g. `"0.5"` or `"4"`.
impl FromStr for Scalar {
    type Err = InvalidScalar;

    fn from_str(text: &str) -> Result<Scalar, InvalidScalar> {
        let value: f64 = text.trim().parse().map_err(|_| InvalidScalar)?;
        Scalar::from_f64(value).ok_or(InvalidScalar)
    }
}

/// Exact decimal form without trailing zeros: `4`, `0.5`, `1.125`.
impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.millis / 1000;
        let frac = self.millis % 1000;
        if frac == 0 {
            write!(f, "{whole}")
        } else if frac % 100 == 0 {
            write!(f, "{whole}.{}", frac / 100)
        } else if frac % 10 == 0 {
            write!(f, "{whole}.{:02}", frac / 10)
        } else {
            write!(f, "{whole}.{frac:03}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: f64) -> Scalar {
        Scalar::from_f64(v).expect("valid scalar")
    }

    #[test]
    fn fixed_point_rounding_matches_llround() {
        assert_eq!(s(0.1) + s(0.2), s(0.3));
        assert_eq!(s(0.0004), Scalar::ZERO);
        assert_eq!(s(0.0005).millis(), 1); // half away from zero, as llround
        assert_eq!(s(2.5e-3).millis(), 3);
        assert_eq!(s(-0.0004), Scalar::ZERO);
        assert_eq!(Scalar::from_f64(-0.001), None);
        assert_eq!(Scalar::from_f64(f64::NAN), None);
        assert_eq!(Scalar::from_f64(f64::INFINITY), None);
        assert_eq!(Scalar::from_f64(1e300), None);
    }

    #[test]
    fn arithmetic_is_integer() {
        assert_eq!(s(1.0).checked_sub(s(0.9)), Some(s(0.1)));
        assert_eq!(s(0.9).checked_sub(s(1.0)), None);
        assert_eq!(s(0.9).saturating_sub(s(1.0)), Scalar::ZERO);
        assert_eq!(Scalar::MAX + s(1.0), Scalar::MAX);
        assert_eq!(Scalar::MAX.checked_add(s(0.001)), None);
        let total: Scalar = [0.1, 0.1, 0.1].iter().map(|v| s(*v)).sum();
        assert_eq!(total, s(0.3));
        assert_eq!(total.to_f64(), 0.3);
    }

    #[test]
    fn display_and_parse() {
        assert_eq!(s(4.0).to_string(), "4");
        assert_eq!(s(0.5).to_string(), "0.5");
        assert_eq!(s(0.05).to_string(), "0.05");
        assert_eq!(s(1.125).to_string(), "1.125");
        assert_eq!(s(8192.0).to_string(), "8192");
        assert_eq!("0.25".parse::<Scalar>(), Ok(s(0.25)));
        assert_eq!(" 3 ".parse::<Scalar>(), Ok(s(3.0)));
        assert_eq!("x".parse::<Scalar>(), Err(InvalidScalar));
        assert_eq!("-1".parse::<Scalar>(), Err(InvalidScalar));
        assert_eq!("inf".parse::<Scalar>(), Err(InvalidScalar));
    }

    #[test]
    fn saturating_conversion() {
        assert_eq!(Scalar::saturating_from_f64(f64::NAN), Scalar::ZERO);
        assert_eq!(Scalar::saturating_from_f64(-3.0), Scalar::ZERO);
        assert_eq!(Scalar::saturating_from_f64(f64::INFINITY), Scalar::MAX);
        assert_eq!(Scalar::saturating_from_f64(1.5), s(1.5));
    }
}
