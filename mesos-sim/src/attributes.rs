//! Agent attributes in the agent's `--attributes` format, `rack:a;zone:1;slots:[1-4]`: each
//! value is ranges when bracketed, a scalar when it reads as a number, otherwise text (sets
//! are refused, as upstream). `mesos: src/common/attributes.cpp` `Attributes::parse`,
//! `mesos: src/v1/values.cpp` `parse`.

use mesos_sdk::v1::{Attribute, value};

use crate::error::SimError;

/// Parses an attribute specification; an empty one means no attributes.
pub(crate) fn parse_attributes(spec: &str) -> Result<Vec<Attribute>, SimError> {
    let invalid = |reason: String| SimError::InvalidAttributes {
        spec: spec.to_string(),
        reason,
    };
    let mut out = Vec::new();
    for token in spec.split([';', '\n']).filter(|t| !t.trim().is_empty()) {
        let Some((name, text)) = token.split_once(':') else {
            return Err(invalid(format!(
                "invalid attribute key:value pair '{token}'"
            )));
        };
        let (name, text) = (name.trim(), text.trim());
        if name.is_empty() {
            return Err(invalid(format!("attribute without a name in '{token}'")));
        }
        let mut attribute = Attribute {
            name: name.to_string(),
            ..Default::default()
        };
        if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let mut range = Vec::new();
            for part in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let bounds = part
                    .split_once('-')
                    .and_then(|(b, e)| Some((b.trim().parse().ok()?, e.trim().parse().ok()?)));
                let Some((begin, end)) = bounds else {
                    return Err(invalid(format!(
                        "invalid range '{part}' of attribute {name}"
                    )));
                };
                range.push(value::Range { begin, end });
            }
            attribute.r#type = value::Type::Ranges as i32;
            attribute.ranges = Some(value::Ranges { range });
        } else if text.starts_with('{') {
            return Err(invalid(format!(
                "attribute {name}: attributes of type SET are not supported"
            )));
        } else if let Ok(number) = text.parse::<f64>()
            && number.is_finite()
        {
            attribute.r#type = value::Type::Scalar as i32;
            attribute.scalar = Some(value::Scalar { value: number });
        } else {
            attribute.r#type = value::Type::Text as i32;
            attribute.text = Some(value::Text {
                value: text.to_string(),
            });
        }
        out.push(attribute);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_typed_as_upstream() {
        let attributes = parse_attributes("rack:a1;zone:2;slots:[1-4, 8-9]").unwrap();
        assert_eq!(attributes[0].r#type, value::Type::Text as i32);
        assert_eq!(attributes[0].text.as_ref().unwrap().value, "a1");
        assert_eq!(attributes[1].r#type, value::Type::Scalar as i32);
        assert_eq!(attributes[1].scalar.as_ref().unwrap().value, 2.0);
        let ranges = &attributes[2].ranges.as_ref().unwrap().range;
        assert_eq!((ranges[1].begin, ranges[1].end), (8, 9));
        assert!(parse_attributes("").unwrap().is_empty());
        assert!(parse_attributes("rack").is_err());
        assert!(parse_attributes("s:{a,b}").is_err());
    }
}
