use tiny_skia::Pixmap;

use super::*;

fn input(title: &str) -> Input {
    Input {
        title: title.into(),
        description: None,
        site_name: None,
        theme: None,
        background: None,
        accent: None,
        logo: None,
    }
}

fn paint(input: &Input) -> Pixmap {
    input.prepare().unwrap().paint()
}

/// The card with no text at all.
fn blank() -> Pixmap {
    let mut card = input("x").prepare().unwrap();
    card.title.clear();
    card.paint()
}

/// Pixels that differ between two cards.
fn differing_pixels(a: &Pixmap, b: &Pixmap) -> usize {
    a.pixels().iter().zip(b.pixels()).filter(|(x, y)| x != y).count()
}

fn invalid_field(input: &Input) -> &'static str {
    match input.prepare() {
        Err(ToolError::InvalidInput { field, .. }) => field,
        Err(other) => panic!("expected InvalidInput, got {other:?}"),
        Ok(_) => panic!("expected InvalidInput, got a card"),
    }
}

#[test]
fn the_png_is_1200_by_630() {
    let png = render(&input("Hello")).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let info = decoder.read_info().unwrap().info().clone();
    assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
}

#[test]
fn greek_and_cyrillic_titles_draw_ink() {
    let blank = blank();
    for title in ["Καλημέρα κόσμε", "Привет, мир", "Ἀθῆναι"] {
        let card = paint(&input(title));
        assert!(differing_pixels(&blank, &card) > 500, "{title}");
    }
}

#[test]
fn a_missing_glyph_draws_a_visible_box() {
    let blank = blank();
    let boxed = paint(&input("😀"));
    assert!(differing_pixels(&blank, &boxed) > 500);
    let two = paint(&input("😀漢"));
    assert!(differing_pixels(&boxed, &two) > 500, "the second missing glyph is drawn too");
}

#[test]
fn dark_theme_and_colours_change_the_background() {
    let mut dark = input("Hi");
    dark.theme = Some(Theme::Dark);
    let corner = |i: &Input| paint(i).pixel(600, 620).unwrap();
    assert!(corner(&dark).red() < 60);
    let mut red = input("Hi");
    red.background = Some("#ff0000".into());
    assert!(corner(&red).red() > 200 && corner(&red).green() < 80);
}

#[test]
fn bad_fields_are_named() {
    type Change = fn(&mut Input);
    let cases: [(Change, &str); 7] = [
        (|i| i.title = "".into(), "title"),
        (|i| i.title = "x".repeat(201), "title"),
        (|i| i.description = Some("x".repeat(401)), "description"),
        (|i| i.site_name = Some("x".repeat(61)), "siteName"),
        (|i| i.background = Some("nope".into()), "background"),
        (|i| i.accent = Some("rgb(1,2)".into()), "accent"),
        (|i| i.logo = Some("not base64!".into()), "logo"),
    ];
    for (change, field) in cases {
        let mut bad = input("ok");
        change(&mut bad);
        assert_eq!(invalid_field(&bad), field);
    }
}

#[test]
fn the_json_body_names_bad_fields() {
    assert!(matches!(
        parse(br#"{"title":"x","theme":"blue"}"#),
        Err(ToolError::InvalidInput { field: "theme", .. })
    ));
    assert!(matches!(parse(br#"{"description":"x"}"#), Err(ToolError::InvalidInput { field: "title", .. })));
}

#[test]
fn a_png_logo_is_drawn_and_a_large_or_broken_one_refused() {
    let encoded = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, red_square_png());
    let mut with_logo = input("Hi");
    with_logo.logo = Some(format!("data:image/png;base64,{encoded}"));
    let pixel = paint(&with_logo).pixel(100, 88).unwrap();
    assert!(pixel.red() > 200 && pixel.green() < 50);
    with_logo.logo = Some(base64::Engine::encode(&base64::engine::general_purpose::STANDARD, b"GIF89a"));
    assert_eq!(invalid_field(&with_logo), "logo");
    with_logo.logo = Some("A".repeat(MAX_LOGO_BYTES * 2));
    assert_eq!(invalid_field(&with_logo), "logo");
}

/// An 8×8 opaque red RGBA PNG.
fn red_square_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 8, 8);
    encoder.set_color(png::ColorType::Rgba);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[255, 0, 0, 255].repeat(64)).unwrap();
    writer.finish().unwrap();
    out
}
