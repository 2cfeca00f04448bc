//! Reading a CSS colour: hex, named colours, `transparent`, `rgb()`/`rgba()`, `hsl()`/`hsla()`.
//! Matching ignores ASCII case and surrounding whitespace, as CSS does.

use super::color::Color;
use super::functional::parse_function;
use super::named::named_color;

/// The forms [`parse_color`] understands, for error messages.
pub const ACCEPTED_FORMS: &str = "expected a CSS colour: hex (#rgb, #rgba, #rrggbb or \
#rrggbbaa, the # optional), rgb()/rgba() (e.g. rgb(59, 130, 246) or rgb(59 130 246 / 50%)), \
hsl()/hsla() (e.g. hsl(217deg, 91%, 60%) or hsl(217 91% 60% / 0.5)), a named colour such as \
rebeccapurple, or transparent";

/// Reads any CSS colour of the forms listed in [`ACCEPTED_FORMS`]; `None` if it is not one.
pub fn parse_color(text: &str) -> Option<Color> {
    let text = text.trim().to_ascii_lowercase();
    if text == "transparent" {
        return Some(Color::from_rgb(0.0, 0.0, 0.0, 0.0));
    }
    if let Some(rgb) = named_color(&text) {
        return Some(Color::from_packed_rgb(rgb));
    }
    if text.ends_with(')') {
        return parse_function(&text);
    }
    parse_hex(text.strip_prefix('#').unwrap_or(&text))
}

/// `rgb`, `rgba`, `rrggbb` or `rrggbbaa` in hex digits, without the `#`.
fn parse_hex(digits: &str) -> Option<Color> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let nibble = |i: usize| u8::from_str_radix(&digits[i..=i], 16).ok().map(|n| n * 17);
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    let [red, green, blue, alpha] = match digits.len() {
        3 => [nibble(0)?, nibble(1)?, nibble(2)?, 255],
        4 => [nibble(0)?, nibble(1)?, nibble(2)?, nibble(3)?],
        6 => [byte(0)?, byte(2)?, byte(4)?, 255],
        8 => [byte(0)?, byte(2)?, byte(4)?, byte(6)?],
        _ => return None,
    };
    let channel = f64::from;
    Some(Color::from_rgb(channel(red), channel(green), channel(blue), channel(alpha) / 255.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgba(text: &str) -> Option<[f64; 4]> {
        parse_color(text).map(|c| [c.red, c.green, c.blue, c.alpha])
    }

    #[test]
    fn reads_every_hex_length_with_or_without_hash() {
        assert_eq!(rgba("#f80"), Some([255.0, 136.0, 0.0, 1.0]));
        assert_eq!(rgba("F808"), Some([255.0, 136.0, 0.0, 136.0 / 255.0]));
        assert_eq!(rgba("#3B82F6"), Some([59.0, 130.0, 246.0, 1.0]));
        assert_eq!(rgba("3b82f680"), Some([59.0, 130.0, 246.0, 128.0 / 255.0]));
    }

    #[test]
    fn rejects_other_hex_lengths_and_digits() {
        for text in ["#", "#12", "#12345", "#1234567", "#123456789", "#ggg", "#+12", "# 123"] {
            assert_eq!(rgba(text), None, "{text}");
        }
    }

    #[test]
    fn reads_names_and_transparent_in_any_case() {
        assert_eq!(rgba("  RebeccaPurple "), Some([102.0, 51.0, 153.0, 1.0]));
        assert_eq!(rgba("TRANSPARENT"), Some([0.0, 0.0, 0.0, 0.0]));
        assert_eq!(rgba("currentcolor"), None);
    }
}
