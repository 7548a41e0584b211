//! Timestamps as Kubernetes writes them (RFC 3339, seconds or microseconds) and the human
//! durations of the `AGE` columns (`kubernetes: staging/src/k8s.io/apimachinery/pkg/util/duration`).

use k8s_openapi::jiff::Timestamp;

pub(crate) use crate::quantity::now;

/// `metav1.Time`: `2006-01-02T15:04:05Z`.
pub(crate) fn format_time(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Parses an RFC 3339 timestamp.
pub(crate) fn parse(s: &str) -> Option<Timestamp> {
    s.parse().ok()
}

/// The age of a timestamp as `kubectl get` shows it, `<unknown>` if absent.
pub(crate) fn age(since: Option<&str>) -> String {
    match since.and_then(parse) {
        None => "<unknown>".into(),
        Some(t) => human_duration(now().as_second() - t.as_second()),
    }
}

/// `duration.HumanDuration` for a number of seconds.
pub(crate) fn human_duration(seconds: i64) -> String {
    if seconds < -1 {
        return "<invalid>".into();
    }
    if seconds < 0 {
        return "0s".into();
    }
    if seconds < 120 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_durations() {
        assert_eq!(human_duration(5), "5s");
        assert_eq!(human_duration(119), "119s");
        assert_eq!(human_duration(150), "2m30s");
        assert_eq!(human_duration(600), "10m");
        assert_eq!(human_duration(3 * 3600 + 60), "3h1m");
        assert_eq!(human_duration(10 * 3600), "10h");
        assert_eq!(human_duration(3 * 86400 + 3600), "3d1h");
        assert_eq!(
            format_time(parse("2024-01-02T03:04:05Z").unwrap()),
            "2024-01-02T03:04:05Z"
        );
    }
}
