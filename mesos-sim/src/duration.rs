//! Mesos (stout) duration strings such as `15secs` or `250ms`, read by the binary's flags and
//! written into executors' `MESOS_*` environment.

use std::time::Duration;

use crate::error::SimError;

const UNITS: [(&str, f64); 8] = [
    ("ns", 1e-9),
    ("us", 1e-6),
    ("ms", 1e-3),
    ("secs", 1.0),
    ("mins", 60.0),
    ("hrs", 3600.0),
    ("days", 86_400.0),
    ("weeks", 604_800.0),
];

/// Parses a stout duration: a decimal number immediately followed by a unit (`ns`, `us`, `ms`,
/// `secs`, `mins`, `hrs`, `days`, `weeks`), as `Duration::parse` in stout accepts it.
///
/// ```
/// use std::time::Duration;
/// assert_eq!(mesos_sim::parse_duration("15secs")?, Duration::from_secs(15));
/// assert_eq!(mesos_sim::parse_duration("250ms")?, Duration::from_millis(250));
/// assert!(mesos_sim::parse_duration("15s").is_err());
/// # Ok::<(), mesos_sim::SimError>(())
/// ```
pub fn parse_duration(text: &str) -> Result<Duration, SimError> {
    let invalid = || SimError::InvalidDuration {
        text: text.to_string(),
    };
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(invalid)?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().map_err(|_| invalid())?;
    let factor = UNITS
        .iter()
        .find(|(name, _)| *name == unit)
        .map(|(_, f)| *f)
        .ok_or_else(invalid)?;
    Duration::try_from_secs_f64(value * factor).map_err(|_| invalid())
}

/// Writes a duration the way the Mesos agent does: the largest unit that keeps a whole number
/// (`2.5 s` becomes `2500ms`), per stout's `operator<<` for `Duration`.
pub(crate) fn format_duration(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    const STEPS: [(&str, u128); 7] = [
        ("weeks", 604_800_000_000_000),
        ("days", 86_400_000_000_000),
        ("hrs", 3_600_000_000_000),
        ("mins", 60_000_000_000),
        ("secs", 1_000_000_000),
        ("ms", 1_000_000),
        ("us", 1_000),
    ];
    for (unit, size) in STEPS {
        if nanos >= size && nanos % size == 0 {
            return format!("{}{unit}", nanos / size);
        }
    }
    format!("{nanos}ns")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_stout_units_and_rejects_other_spellings() {
        assert_eq!(parse_duration("1.5hrs").unwrap(), Duration::from_secs(5400));
        assert_eq!(
            parse_duration("2weeks").unwrap(),
            Duration::from_secs(1_209_600)
        );
        for bad in ["15", "15 secs", "15s", "m5", "", "secs", "-1secs"] {
            assert!(parse_duration(bad).is_err(), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn formats_with_the_largest_whole_unit() {
        assert_eq!(format_duration(Duration::from_millis(2500)), "2500ms");
        assert_eq!(format_duration(Duration::from_secs(5)), "5secs");
        assert_eq!(format_duration(Duration::from_secs(900)), "15mins");
        assert_eq!(format_duration(Duration::ZERO), "0ns");
    }
}
