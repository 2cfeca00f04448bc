//! WCAG AA contrast of the stylesheet's colour pairs, in the light and the dark theme.

use std::collections::HashMap;

const CSS: &str = include_str!("../../static/app.css");

/// `--name: light-dark(#light, #dark)` declarations of the stylesheet.
fn palette() -> HashMap<&'static str, [&'static str; 2]> {
    CSS.lines()
        .filter_map(|line| {
            let (name, value) = line.trim().split_once(": light-dark(")?;
            let (light, dark) = value.trim_end_matches(");").split_once(", ")?;
            Some((name.trim_start_matches("--"), [light, dark]))
        })
        .collect()
}

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn text_and_controls_meet_wcag_aa_in_both_themes() {
    let palette = palette();
    // (foreground, background, minimum): 4.5 for text, 3 for borders and focus rings.
    let pairs = [
        ("text", "bg", 4.5),
        ("text", "surface", 4.5),
        ("text", "surface-2", 4.5),
        ("text", "accent-soft", 4.5),
        ("muted", "surface", 4.5),
        ("muted", "bg", 4.5),
        ("muted", "surface-2", 4.5),
        ("accent", "surface", 4.5),
        ("accent", "bg", 4.5),
        ("on-accent", "accent", 4.5),
        ("danger", "surface", 4.5),
        ("danger", "bg", 4.5),
        ("on-danger", "danger", 4.5),
        ("notice-text", "notice-bg", 4.5),
        ("warning-text", "warning-bg", 4.5),
        ("text", "code-bg", 4.5),
        ("input-border", "surface", 3.0),
        ("accent", "surface-2", 3.0),
    ];
    for (theme, index) in [("light", 0), ("dark", 1)] {
        for (fg, bg, minimum) in pairs {
            let (a, b) = (palette[fg][index], palette[bg][index]);
            let ratio = contrast(a, b);
            assert!(ratio >= minimum, "{theme}: --{fg} {a} on --{bg} {b} is {ratio:.2}:1, below {minimum}:1");
        }
    }
}
