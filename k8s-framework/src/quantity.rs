//! Kubernetes' value types as numbers: resource quantities (`100m`, `0.5`, `128Mi`, `1G`,
//! `1e3`) in base units, cores for CPU and bytes for memory and storage
//! (`kubernetes: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go`), and the
//! current time as a `metav1.Time` timestamp.

use k8s_openapi::jiff::Timestamp;

/// Now, as the timestamp of a `metav1.Time`.
pub fn now() -> Timestamp {
    // jiff is built without `std` here (k8s-openapi's choice), so go through SystemTime.
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = i64::try_from(since.as_secs()).unwrap_or(i64::MAX);
    Timestamp::new(secs, since.subsec_nanos() as i32).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The value of `text` in base units, or `None` when it is not a quantity.
pub fn parse(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() || !text.is_ascii() {
        return None;
    }
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024.0_f64.powi(4),
        "Pi" => 1024.0_f64.powi(5),
        "Ei" => 1024.0_f64.powi(6),
        exponent if exponent.starts_with(['e', 'E']) => {
            let power: i32 = exponent[1..].parse().ok()?;
            10f64.powi(power)
        }
        _ => return None,
    };
    let value = number * factor;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn decimal_binary_and_exponent_suffixes() {
        assert_eq!(parse("100m"), Some(0.1));
        assert_eq!(parse("2"), Some(2.0));
        assert_eq!(parse("0.5"), Some(0.5));
        assert_eq!(parse("128Mi"), Some(128.0 * 1024.0 * 1024.0));
        assert_eq!(parse("1G"), Some(1e9));
        assert_eq!(parse("1e3"), Some(1000.0));
        assert_eq!(parse("1Ki"), Some(1024.0));
        assert_eq!(parse(""), None);
        assert_eq!(parse("12q"), None);
        assert_eq!(parse("1é"), None);
        assert_eq!(parse("1e999"), None);
    }
}
