//! `rgb()`, `rgba()`, `hsl()` and `hsla()` in both CSS syntaxes: legacy
//! `rgb(59, 130, 246, 0.5)` and modern `rgb(59 130 246 / 50%)`.

use super::color::{Color, Hsl};
use super::number::{parse_value, Value};

/// The three components and optional alpha inside the parentheses.
struct Arguments {
    components: [Value; 3],
    alpha: Option<Value>,
    /// Comma-separated: no `none`, and `rgb()` may not mix numbers with percentages.
    legacy: bool,
}

/// Reads `name(arguments)` where the name is `rgb`, `rgba`, `hsl` or `hsla`, in lower case.
pub fn parse_function(text: &str) -> Option<Color> {
    let (name, arguments) = text.strip_suffix(')')?.split_once('(')?;
    let arguments = read_arguments(arguments)?;
    let alpha = alpha_value(arguments.alpha)?;
    match name {
        "rgb" | "rgba" => rgb(&arguments, alpha),
        "hsl" | "hsla" => hsl(&arguments, alpha),
        _ => None,
    }
}

fn read_arguments(text: &str) -> Option<Arguments> {
    let legacy = text.contains(',');
    let (components, alpha) = if legacy { split_legacy(text) } else { split_modern(text) };
    let components: Vec<Value> = components.into_iter().map(parse_value).collect::<Option<_>>()?;
    let alpha = match alpha {
        Some(alpha) => Some(parse_value(alpha)?),
        None => None,
    };
    let has_none = components.iter().chain(&alpha).any(|value| *value == Value::None);
    if legacy && has_none {
        return None;
    }
    Some(Arguments { components: components.try_into().ok()?, alpha, legacy })
}

/// `a, b, c` or `a, b, c, alpha`.
fn split_legacy(text: &str) -> (Vec<&str>, Option<&str>) {
    let mut parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let alpha = if parts.len() == 4 { parts.pop() } else { None };
    (parts, alpha)
}

/// `a b c` or `a b c / alpha`.
fn split_modern(text: &str) -> (Vec<&str>, Option<&str>) {
    match text.split_once('/') {
        Some((components, alpha)) => (components.split_whitespace().collect(), Some(alpha.trim())),
        None => (text.split_whitespace().collect(), None),
    }
}

/// Missing alpha is opaque; `none` is 0, as CSS treats a missing component.
fn alpha_value(alpha: Option<Value>) -> Option<f64> {
    match alpha {
        None => Some(1.0),
        Some(Value::Number(alpha)) => Some(alpha),
        Some(Value::Percent(percent)) => Some(percent / 100.0),
        Some(Value::None) => Some(0.0),
        Some(Value::Degrees(_)) => None,
    }
}

fn rgb(arguments: &Arguments, alpha: f64) -> Option<Color> {
    let [red, green, blue] = &arguments.components;
    let is_percent = |value: &Value| matches!(value, Value::Percent(_));
    let mixed = [green, blue].into_iter().any(|value| is_percent(value) != is_percent(red));
    if arguments.legacy && mixed {
        return None;
    }
    let channel = |value: &Value| match *value {
        Value::Number(number) => Some(number),
        Value::Percent(percent) => Some(percent * 2.55),
        Value::None => Some(0.0),
        Value::Degrees(_) => None,
    };
    Some(Color::from_rgb(channel(red)?, channel(green)?, channel(blue)?, alpha))
}

fn hsl(arguments: &Arguments, alpha: f64) -> Option<Color> {
    let [hue, saturation, lightness] = &arguments.components;
    let hue = match *hue {
        Value::Number(degrees) | Value::Degrees(degrees) => degrees,
        Value::None => 0.0,
        Value::Percent(_) => return None,
    };
    let percentage = |value: &Value| match *value {
        Value::Percent(percent) => Some(percent),
        Value::Number(number) if !arguments.legacy => Some(number),
        Value::None => Some(0.0),
        Value::Number(_) | Value::Degrees(_) => None,
    };
    let hsl = Hsl { hue, saturation: percentage(saturation)?, lightness: percentage(lightness)? };
    Some(Color::from_hsl(hsl, alpha))
}
