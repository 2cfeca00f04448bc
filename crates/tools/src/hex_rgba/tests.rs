use proptest::prelude::*;
use serde_json::json;

use super::*;

fn convert(color: &str) -> Output {
    run(Input { color: color.into() }).unwrap()
}

#[test]
fn describes_a_colour_in_every_form() {
    let json = serde_json::to_value(convert("#3b82f680")).unwrap();
    let expected = json!({
        "hex": "#3b82f6",
        "hex8": "#3b82f680",
        "rgba": {"r": 59, "g": 130, "b": 246, "a": 0.502},
        "css": {
            "rgb": "rgb(59, 130, 246)",
            "rgba": "rgba(59, 130, 246, 0.502)",
            "hsl": "hsl(217.2, 91.2%, 59.8%)",
            "hsla": "hsla(217.2, 91.2%, 59.8%, 0.502)"
        }
    });
    assert_eq!(json, expected);
}

#[test]
fn opaque_and_transparent_alpha_print_plainly() {
    assert_eq!(convert("white").css.rgba, "rgba(255, 255, 255, 1)");
    assert_eq!(convert("transparent").css.hsla, "hsla(0, 0%, 0%, 0)");
    assert_eq!(convert("transparent").hex8, "#00000000");
}

#[test]
fn hsl_input_comes_back_unrounded() {
    assert_eq!(convert("hsl(120 50% 50%)").css.hsl, "hsl(120, 50%, 50%)");
    assert_eq!(convert("hsl(120 50% 50%)").hex, "#40bf40");
}

#[test]
fn hue_rounding_to_360_wraps_to_0() {
    assert_eq!(convert("rgb(255 0 0.1)").css.hsl, "hsl(0, 100%, 50%)");
}

#[test]
fn follows_css_where_culori_does_not() {
    // CSS clamps negative saturation before converting; culori's modern syntax does not.
    assert_eq!(convert("hsl(120 -10% 50%)").hex, "#808080");
    // Browsers clamp saturation to 100%.
    assert_eq!(convert("hsl(120 150% 30%)").hex, "#009900");
    // A `none` component is 0, alpha included; culori leaves alpha unset (opaque).
    assert_eq!(convert("rgb(1 2 3 / none)").rgba.a, 0.0);
}

#[test]
fn unparsable_colour_names_the_field_and_the_forms() {
    let ToolError::InvalidInput { field, message } = run(Input { color: "blurple".into() }).unwrap_err()
    else {
        panic!("expected InvalidInput");
    };
    assert_eq!(field, "color");
    assert!(message.starts_with("'blurple' is not a colour; expected a CSS colour: hex"));
    assert!(message.contains("rgb(59 130 246 / 50%)") && message.contains("transparent"));
}

#[test]
fn empty_and_huge_colours_are_refused() {
    let empty = run(Input { color: "  ".into() }).unwrap_err();
    assert!(
        matches!(empty, ToolError::InvalidInput { ref message, .. } if message.starts_with("the colour is empty"))
    );
    let long = run(Input { color: "x".repeat(100) }).unwrap_err();
    assert!(
        matches!(long, ToolError::InvalidInput { ref message, .. } if message.starts_with("not a colour"))
    );
    let huge = run(Input { color: "x".repeat(crate::error::MAX_TEXT_BYTES + 1) });
    assert!(matches!(huge, Err(ToolError::TooLarge { .. })));
}

proptest! {
    #[test]
    fn hex8_round_trips(r: u8, g: u8, b: u8, a: u8) {
        let hex8 = format!("#{r:02x}{g:02x}{b:02x}{a:02x}");
        let output = convert(&hex8);
        prop_assert_eq!(&output.hex8, &hex8);
        prop_assert_eq!(convert(&output.hex8).hex8, hex8);
        prop_assert_eq!((output.rgba.r, output.rgba.g, output.rgba.b), (r, g, b));
    }

    #[test]
    fn rgba_css_round_trips(r: u8, g: u8, b: u8, alpha in 0u16..=1000) {
        let text = format!("rgba({r}, {g}, {b}, {})", f64::from(alpha) / 1000.0);
        let output = convert(&text);
        prop_assert_eq!(&output.css.rgba, &text);
        prop_assert_eq!(convert(&output.css.rgba).css.rgba, text);
    }

    #[test]
    fn hsl_css_stays_within_one_step(r: u8, g: u8, b: u8) {
        let output = convert(&format!("rgb({r} {g} {b})"));
        let back = convert(&output.css.hsl).rgba;
        for (ours, theirs) in [(back.r, r), (back.g, g), (back.b, b)] {
            prop_assert!(ours.abs_diff(theirs) <= 1, "{} → {}", output.css.hsl, ours);
        }
    }

    #[test]
    fn never_panics(text in any::<String>()) {
        let _ = parse_color(&text);
    }

    #[test]
    fn never_panics_on_function_like_text(text in "(rgba?|hsla?)\\([-+0-9.e% ,/a-z]{0,24}\\)") {
        let _ = parse_color(&text);
    }
}
