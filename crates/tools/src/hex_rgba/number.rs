//! One component of a CSS colour function: a number, a percentage, an angle or `none`.

use std::f64::consts::PI;

/// A parsed component; angles are converted to degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(f64),
    Percent(f64),
    Degrees(f64),
    None,
}

/// Reads one lower-case token such as `59`, `-.5e1`, `50%`, `0.5turn` or `none`.
pub fn parse_value(token: &str) -> Option<Value> {
    if token == "none" {
        return Some(Value::None);
    }
    let (number, unit) = split_number(token)?;
    match unit {
        "" => Some(Value::Number(number)),
        "%" => Some(Value::Percent(number)),
        "deg" => Some(Value::Degrees(number)),
        "grad" => Some(Value::Degrees(number * 0.9)),
        "rad" => Some(Value::Degrees(number * 180.0 / PI)),
        "turn" => Some(Value::Degrees(number * 360.0)),
        _ => None,
    }
}

/// Splits a CSS `<number>` (`[+-]? (digits | digits? . digits) ([eE] [+-]? digits)?`)
/// off the front of `token`; the rest is its unit.
fn split_number(token: &str) -> Option<(f64, &str)> {
    let bytes = token.as_bytes();
    let mut end = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let integer_digits = count_digits(&bytes[end..]);
    end += integer_digits;
    let mut fraction_digits = 0;
    if bytes.get(end) == Some(&b'.') {
        fraction_digits = count_digits(&bytes[end + 1..]);
        if fraction_digits > 0 {
            end += 1 + fraction_digits;
        }
    }
    if integer_digits + fraction_digits == 0 {
        return None;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let exponent_digits = count_digits(bytes.get(end + 1 + sign..).unwrap_or_default());
        if exponent_digits > 0 {
            end += 1 + sign + exponent_digits;
        }
    }
    let number: f64 = token[..end].parse().ok()?;
    number.is_finite().then_some((number, &token[end..]))
}

fn count_digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_css_numbers() {
        assert_eq!(parse_value("59"), Some(Value::Number(59.0)));
        assert_eq!(parse_value("+.5"), Some(Value::Number(0.5)));
        assert_eq!(parse_value("-1.5e1"), Some(Value::Number(-15.0)));
        assert_eq!(parse_value("1e+2"), Some(Value::Number(100.0)));
    }

    #[test]
    fn reads_units() {
        assert_eq!(parse_value("50%"), Some(Value::Percent(50.0)));
        assert_eq!(parse_value("90deg"), Some(Value::Degrees(90.0)));
        assert_eq!(parse_value("100grad"), Some(Value::Degrees(90.0)));
        assert_eq!(parse_value("0.25turn"), Some(Value::Degrees(90.0)));
        assert_eq!(parse_value("none"), Some(Value::None));
        let Some(Value::Degrees(degrees)) = parse_value("3.14159265rad") else {
            panic!("rad is an angle");
        };
        assert!((degrees - 180.0).abs() < 1e-6);
    }

    #[test]
    fn rejects_what_css_rejects() {
        for token in ["", ".", "-", "1.", "1e", "1em", "1 2", "inf", "nan", "0x10", "5px", "1e999", "50%%"] {
            assert_eq!(parse_value(token), None, "{token:?}");
        }
    }
}
