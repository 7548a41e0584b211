//! Mesos' duration syntax (stout's `Duration`): a decimal number, fractions allowed, directly
//! followed by a unit: `ns`, `us`, `ms`, `secs`, `mins`, `hrs`, `days` or `weeks` (`5secs`,
//! `250ms`, `1.5hrs`). Agents write executor timeouts this way in the environment.

use std::time::Duration;

/// Why a duration string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration {input:?}: {reason} (expected e.g. 5secs, 250ms, 1.5hrs)")]
pub struct DurationError {
    /// The text as given.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

const UNITS: &[(&str, f64)] = &[
    ("ns", 1e-9),
    ("us", 1e-6),
    ("ms", 1e-3),
    ("secs", 1.0),
    ("mins", 60.0),
    ("hrs", 3600.0),
    ("days", 86_400.0),
    ("weeks", 604_800.0),
];

/// Parses a Mesos duration.
///
/// ```
/// use std::time::Duration;
/// use mesos_sdk::duration::parse_duration;
///
/// assert_eq!(parse_duration("5secs")?, Duration::from_secs(5));
/// assert_eq!(parse_duration("1.5hrs")?, Duration::from_secs(5400));
/// assert_eq!(parse_duration("2500ms")?, Duration::from_millis(2500));
/// assert!(parse_duration("5s").is_err());
/// assert!(parse_duration("5 secs").is_err());
/// assert!(parse_duration("5").is_err());
/// # Ok::<(), mesos_sdk::duration::DurationError>(())
/// ```
pub fn parse_duration(input: &str) -> Result<Duration, DurationError> {
    let bad = |reason| DurationError {
        input: input.to_string(),
        reason,
    };
    let split = input
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(|| bad("no unit"))?;
    let (number, unit) = input.split_at(split);
    if number.is_empty() || number == "." || number.matches('.').count() > 1 {
        return Err(bad("no number before the unit"));
    }
    let factor = UNITS
        .iter()
        .find(|(name, _)| *name == unit)
        .map(|(_, f)| *f)
        .ok_or_else(|| bad("unknown unit"))?;
    let value: f64 = number.parse().map_err(|_| bad("not a number"))?;
    let seconds = value * factor;
    Duration::try_from_secs_f64(seconds).map_err(|_| bad("too large"))
}

/// Writes a duration as Mesos does: the largest unit that keeps a whole number (`2500ms`,
/// `5secs`, `15mins`), falling back to nanoseconds.
///
/// ```
/// use std::time::Duration;
/// use mesos_sdk::duration::format_duration;
///
/// assert_eq!(format_duration(Duration::from_millis(2500)), "2500ms");
/// assert_eq!(format_duration(Duration::from_secs(900)), "15mins");
/// assert_eq!(format_duration(Duration::ZERO), "0ns");
/// ```
pub fn format_duration(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    const NANOS: &[(&str, u128)] = &[
        ("weeks", 604_800_000_000_000),
        ("days", 86_400_000_000_000),
        ("hrs", 3_600_000_000_000),
        ("mins", 60_000_000_000),
        ("secs", 1_000_000_000),
        ("ms", 1_000_000),
        ("us", 1_000),
    ];
    if nanos == 0 {
        return "0ns".to_string();
    }
    for (unit, size) in NANOS {
        if nanos % size == 0 {
            return format!("{}{unit}", nanos / size);
        }
    }
    format!("{nanos}ns")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_and_fractions() {
        for (text, expected) in [
            ("10ns", Duration::from_nanos(10)),
            ("7us", Duration::from_micros(7)),
            ("250ms", Duration::from_millis(250)),
            ("5secs", Duration::from_secs(5)),
            ("0.5secs", Duration::from_millis(500)),
            ("15mins", Duration::from_secs(900)),
            ("2hrs", Duration::from_secs(7200)),
            ("1days", Duration::from_secs(86_400)),
            ("2weeks", Duration::from_secs(1_209_600)),
            ("0secs", Duration::ZERO),
        ] {
            assert_eq!(parse_duration(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_stout_refuses() {
        for bad in [
            "",
            "5",
            "secs",
            "5s",
            "5m",
            "5sec",
            "5 secs",
            " 5secs",
            "-5secs",
            "1.2.3secs",
            ".secs",
            "5secsx",
            "1e3secs",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
        let err = parse_duration("5s").expect_err("bad unit");
        assert_eq!(err.input, "5s");
        // Larger than a Duration holds: an error, never a panic (the environment and peers
        // choose these strings).
        for huge in ["18446744073709551616secs", "99999999999999999999weeks"] {
            assert_eq!(parse_duration(huge).map_err(|e| e.reason), Err("too large"));
        }
    }

    #[test]
    fn formats_round_trip() {
        for d in [
            Duration::from_millis(2500),
            Duration::from_secs(5),
            Duration::from_secs(900),
            Duration::from_nanos(1),
            Duration::from_secs(86_400 * 3),
        ] {
            assert_eq!(parse_duration(&format_duration(d)), Ok(d), "{d:?}");
        }
    }
}
