use std::time::{Duration, Instant};

use image::ImageEncoder;

use super::*;

/// A deterministic photo-like RGB image: gradients and ripples.
pub(super) fn photo(width: u32, height: u32) -> Bitmap {
    let mut data = Vec::with_capacity(width as usize * height as usize * 3);
    for y in 0..height {
        for x in 0..width {
            let (fx, fy) = (f64::from(x) / f64::from(width), f64::from(y) / f64::from(height));
            let ripple = ((fx * 40.0).sin() * (fy * 30.0).cos() * 60.0) as i32;
            let r = (fx * 200.0) as i32 + ripple;
            let g = (fy * 180.0) as i32 + 40 - ripple / 2;
            let b = ((fx + fy) * 100.0) as i32 + 30;
            data.extend([r, g, b].map(|c| c.clamp(0, 255) as u8));
        }
    }
    Bitmap { width, height, channels: 3, data }
}

fn png_file(bitmap: &Bitmap) -> Vec<u8> {
    encode::encode(bitmap, Format::Png, 80, [0; 4]).unwrap()
}

pub(super) fn jpeg_file(bitmap: &Bitmap) -> Vec<u8> {
    encode::encode(bitmap, Format::Jpeg, 90, [255; 4]).unwrap()
}

pub(super) fn options(width: Option<u32>, height: Option<u32>, fit: Fit) -> Options {
    Options { width, height, fit, ..Options::default() }
}

fn decoded(bytes: &[u8]) -> image::DynamicImage {
    image::load_from_memory(bytes).unwrap()
}

#[test]
fn each_fit_mode_sizes_the_output_as_sharp_does() {
    let source = png_file(&photo(400, 300));
    let cases = [
        (Fit::Cover, (200, 200)),
        (Fit::Contain, (200, 200)),
        (Fit::Fill, (200, 200)),
        (Fit::Inside, (200, 150)),
        (Fit::Outside, (267, 200)),
    ];
    for (fit, expected) in cases {
        let resized = resize(&source, &options(Some(200), Some(200), fit)).unwrap();
        assert_eq!((resized.width, resized.height), expected, "{fit:?}");
        let image = decoded(&resized.bytes);
        assert_eq!((image.width(), image.height()), expected, "{fit:?}");
    }
}

#[test]
fn inside_fits_within_and_outside_covers_the_box() {
    for (width, height) in [(1000, 10), (10, 1000), (333, 777), (1, 1)] {
        for (box_w, box_h) in [(50, 80), (640, 480), (7, 3)] {
            let inside = plan(width, height, &options(Some(box_w), Some(box_h), Fit::Inside)).unwrap();
            assert!(inside.canvas.0 <= box_w && inside.canvas.1 <= box_h, "{inside:?}");
            assert!(inside.canvas.0 == box_w || inside.canvas.1 == box_h, "{inside:?}");
            let outside = plan(width, height, &options(Some(box_w), Some(box_h), Fit::Outside));
            if let Ok(outside) = outside {
                assert!(outside.canvas.0 >= box_w && outside.canvas.1 >= box_h, "{outside:?}");
                assert!(outside.canvas.0 == box_w || outside.canvas.1 == box_h, "{outside:?}");
            }
            for fit in [Fit::Cover, Fit::Contain, Fit::Fill] {
                let exact = plan(width, height, &options(Some(box_w), Some(box_h), fit)).unwrap();
                assert_eq!(exact.canvas, (box_w, box_h), "{fit:?} {width}x{height}");
            }
        }
    }
}

/// A source size, the requested width and height, and sharp's output size per fit.
type SharpCase = ((u32, u32), (Option<u32>, Option<u32>), [(u32, u32); 5]);

/// Output sizes sharp 0.35.6 gives (`resize(width, height, {fit})` on a blank image of
/// the source size), in the order cover, contain, fill, inside, outside.
const SHARP_SIZES: [SharpCase; 7] = [
    ((400, 300), (Some(200), Some(200)), [(200, 200), (200, 200), (200, 200), (200, 150), (267, 200)]),
    ((1000, 10), (Some(50), Some(80)), [(50, 80), (50, 80), (50, 80), (50, 1), (8000, 80)]),
    ((10, 1000), (Some(50), Some(80)), [(50, 80), (50, 80), (50, 80), (1, 80), (50, 5000)]),
    ((333, 777), (Some(640), Some(480)), [(640, 480), (640, 480), (640, 480), (206, 480), (640, 1493)]),
    ((333, 777), (Some(7), Some(3)), [(7, 3), (7, 3), (7, 3), (1, 3), (7, 16)]),
    ((2725, 2225), (Some(720), None), [(720, 588), (720, 588), (720, 2225), (720, 588), (720, 588)]),
    ((400, 300), (None, Some(150)), [(200, 150), (200, 150), (400, 150), (200, 150), (200, 150)]),
];

#[test]
fn sizes_match_sharps() {
    let fits = [Fit::Cover, Fit::Contain, Fit::Fill, Fit::Inside, Fit::Outside];
    for ((width, height), (box_w, box_h), expected) in SHARP_SIZES {
        for (fit, size) in fits.into_iter().zip(expected) {
            let planned = plan(width, height, &options(box_w, box_h, fit)).unwrap();
            assert_eq!(planned.canvas, size, "{width}x{height} into {box_w:?}x{box_h:?}, {fit:?}");
        }
    }
}

#[test]
fn one_dimension_keeps_the_aspect_ratio() {
    assert_eq!(plan(400, 300, &options(Some(200), None, Fit::Cover)).unwrap().canvas, (200, 150));
    assert_eq!(plan(400, 300, &options(None, Some(150), Fit::Inside)).unwrap().canvas, (200, 150));
    assert_eq!(plan(2725, 2225, &options(Some(720), None, Fit::Cover)).unwrap().canvas, (720, 588));
}

#[test]
fn without_enlargement_never_scales_up() {
    let small = Options { without_enlargement: true, ..options(Some(800), None, Fit::Cover) };
    assert_eq!(plan(400, 300, &small).unwrap().canvas, (400, 300));
    let cover = Options { without_enlargement: true, ..options(Some(800), Some(100), Fit::Cover) };
    assert_eq!(plan(400, 300, &cover).unwrap().canvas, (400, 100));
    let fill = Options { without_enlargement: true, ..options(Some(800), Some(100), Fit::Fill) };
    assert_eq!(plan(400, 300, &fill).unwrap().canvas, (400, 100));
}

#[test]
fn cover_crops_at_the_position() {
    let top = Options { position: Gravity { x: 0.5, y: 0.0 }, ..options(Some(100), Some(50), Fit::Cover) };
    let rect = plan(100, 100, &top).unwrap().source;
    assert_eq!((rect.left, rect.top, rect.width, rect.height), (0.0, 0.0, 100.0, 50.0));
    let bottom = Options { position: Gravity { x: 0.5, y: 1.0 }, ..top };
    assert_eq!(plan(100, 100, &bottom).unwrap().source.top, 50.0);
}

#[test]
fn outputs_over_the_limits_are_refused() {
    let error = plan(1, 1000, &options(Some(8192), Some(8192), Fit::Outside)).unwrap_err();
    assert!(matches!(error, ToolError::InvalidInput { field: "height", .. }), "{error:?}");
    let huge = plan(10, 10, &options(Some(8000), Some(8000), Fit::Fill)).unwrap_err();
    assert!(matches!(huge, ToolError::InvalidInput { .. }), "{huge:?}");
}

#[test]
fn formats_round_trip() {
    let source = png_file(&photo(120, 80));
    for format in [Format::Jpeg, Format::Png, Format::Webp] {
        let wanted = Options { format: Some(format), ..options(Some(60), None, Fit::Cover) };
        let resized = resize(&source, &wanted).unwrap();
        assert_eq!(resized.format, format);
        assert_eq!(sniff_format(&resized.bytes), Some(format));
        let image = decoded(&resized.bytes);
        assert_eq!((image.width(), image.height()), (60, 40), "{format:?}");
        let input = resize(&resized.bytes, &Options::default()).unwrap();
        assert_eq!(
            (input.format, input.width, input.height),
            (format, 60, 40),
            "default format is the input's"
        );
    }
}

#[test]
fn jpeg_quality_changes_the_size() {
    let source = jpeg_file(&photo(300, 200));
    let at = |quality| resize(&source, &Options { quality, ..Options::default() }).unwrap().bytes.len();
    assert!(at(20) < at(95));
}

#[test]
fn resampling_happens_in_linear_light() {
    let mut checker = Bitmap::filled(64, 64, &[0, 0, 0]);
    for (i, pixel) in checker.data.chunks_exact_mut(3).enumerate() {
        if (i % 64 + i / 64) % 2 == 0 {
            pixel.copy_from_slice(&[255, 255, 255]);
        }
    }
    let resized = resize(&png_file(&checker), &options(Some(8), None, Fit::Cover)).unwrap();
    let grey = decoded(&resized.bytes).to_rgb8().get_pixel(4, 4).0;
    // Half white in linear light is sRGB 188; averaging sRGB values would give 128.
    assert!((180..=196).contains(&grey[0]), "{grey:?}");
}

#[test]
fn transparent_pixels_do_not_bleed_colour() {
    let mut source = Bitmap::filled(32, 32, &[255, 0, 0, 0]);
    for (i, pixel) in source.data.chunks_exact_mut(4).enumerate() {
        if i % 2 == 0 {
            pixel.copy_from_slice(&[0, 0, 255, 255]);
        }
    }
    let resized = resize(&png_file(&source), &options(Some(4), None, Fit::Cover)).unwrap();
    let [r, _, b, a] = decoded(&resized.bytes).to_rgba8().get_pixel(2, 2).0;
    assert!(r < 8 && b > 240 && (100..=156).contains(&a), "{:?}", (r, b, a));
}

#[test]
fn contain_pads_with_transparency_or_white() {
    let source = png_file(&photo(100, 50));
    let png = resize(&source, &options(Some(100), Some(100), Fit::Contain)).unwrap();
    let image = decoded(&png.bytes).to_rgba8();
    assert_eq!(image.get_pixel(50, 5).0[3], 0);
    assert_eq!(image.get_pixel(50, 50).0[3], 255);
    let jpeg = Options { format: Some(Format::Jpeg), ..options(Some(100), Some(100), Fit::Contain) };
    let corner = decoded(&resize(&source, &jpeg).unwrap().bytes).to_rgb8().get_pixel(50, 5).0;
    assert!(corner.iter().all(|c| *c > 245), "{corner:?}");
    let red = Options {
        background: crate::hex_rgba::parse_color("red"),
        ..options(Some(100), Some(100), Fit::Contain)
    };
    let corner = decoded(&resize(&source, &red).unwrap().bytes).to_rgba8().get_pixel(50, 5).0;
    assert_eq!(corner, [255, 0, 0, 255]);
}

/// A JPEG whose EXIF says "rotate 90° clockwise" (orientation 6).
pub(super) fn rotated_jpeg(bitmap: &Bitmap) -> Vec<u8> {
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0".to_vec();
    exif.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]);
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
    encoder.add_app_segment(1, &exif).unwrap();
    encoder
        .encode(&bitmap.data, bitmap.width as u16, bitmap.height as u16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

#[test]
fn exif_orientation_is_applied_and_metadata_stripped() {
    let file = rotated_jpeg(&photo(40, 20));
    assert!(file.windows(4).any(|w| w == b"Exif"));
    let resized = resize(&file, &Options::default()).unwrap();
    assert_eq!((resized.width, resized.height), (20, 40));
    assert!(!resized.bytes.windows(4).any(|w| w == b"Exif"));
    let half = resize(&file, &options(Some(10), None, Fit::Cover)).unwrap();
    assert_eq!((half.width, half.height), (10, 20));
}

/// A PNG whose header claims `width` × `height` pixels, followed by a little data.
pub(super) fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut file = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new(&mut file);
    encoder.write_image(&[0; 3], 1, 1, image::ExtendedColorType::Rgb8).unwrap();
    file[16..20].copy_from_slice(&width.to_be_bytes());
    file[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&file[12..29]);
    file[29..33].copy_from_slice(&crc.to_be_bytes());
    file
}

fn refused(input: &[u8]) -> (ToolError, Duration) {
    let start = Instant::now();
    let error = resize(input, &options(Some(100), None, Fit::Cover)).unwrap_err();
    (error, start.elapsed())
}

#[test]
fn a_huge_header_is_refused_before_decoding() {
    let (error, took) = refused(&png_header(60_000, 60_000));
    assert!(
        matches!(error, ToolError::TooLarge { ref message } if message.contains("60000×60000")),
        "{error:?}"
    );
    assert!(took < Duration::from_millis(100), "{took:?}");
    let (error, _) = refused(&png_header(7000, 7000));
    assert!(matches!(error, ToolError::TooLarge { .. }), "{error:?}");
}

#[test]
fn files_that_are_not_images_are_unsupported() {
    for input in
        [&b"hello world"[..], b"", b"GIF89a\x01\x00\x01\x00", b"<svg xmlns='http://www.w3.org/2000/svg'/>"]
    {
        assert!(matches!(refused(input).0, ToolError::UnsupportedMedia { .. }), "{input:?}");
    }
}

#[test]
fn corrupt_and_truncated_images_are_invalid() {
    let jpeg = jpeg_file(&photo(64, 64));
    let png = png_file(&photo(64, 64));
    let mut garbled = png.clone();
    for byte in &mut garbled[60..120] {
        *byte ^= 0x5A;
    }
    let cases = [&jpeg[..jpeg.len() / 2], &png[..png.len() / 2], &garbled, &png_header(10, 10), &jpeg[..3]];
    for input in cases {
        let (error, _) = refused(input);
        assert!(matches!(error, ToolError::InvalidInput { field: "image", .. }), "{error:?}");
    }
}

#[test]
fn inputs_over_ten_mib_are_too_large() {
    let input = vec![0u8; MAX_INPUT_BYTES + 1];
    assert!(matches!(refused(&input).0, ToolError::TooLarge { .. }));
}

#[test]
fn options_are_parsed_from_form_fields() {
    let mut fields = Fields::default();
    for (name, value) in [
        ("width", "300"),
        ("fit", "Contain"),
        ("position", "right top"),
        ("background", "#fff"),
        ("format", "jpg"),
        ("quality", "55"),
        ("withoutEnlargement", "true"),
    ] {
        fields.set_text(name, value).unwrap();
    }
    let options = Options::try_from(&fields).unwrap();
    assert_eq!(options.width, Some(300));
    assert_eq!((options.fit, options.format, options.quality), (Fit::Contain, Some(Format::Jpeg), 55));
    assert_eq!(options.position, Gravity { x: 1.0, y: 0.0 });
    assert!(options.without_enlargement);
    assert!(matches!(fields.set_text("width", "wide"), Err(ToolError::InvalidInput { field: "width", .. })));
    assert!(matches!(fields.set_text("colour", "red"), Err(ToolError::InvalidInput { field: "input", .. })));
}

#[test]
fn bad_option_values_name_their_field() {
    let cases: [(Fields, &str); 7] = [
        (Fields { width: Some(0), ..Fields::default() }, "width"),
        (Fields { height: Some(9000), ..Fields::default() }, "height"),
        (Fields { quality: Some(101), ..Fields::default() }, "quality"),
        (Fields { fit: Some("stretch".into()), ..Fields::default() }, "fit"),
        (Fields { format: Some("gif".into()), ..Fields::default() }, "format"),
        (Fields { position: Some("top top".into()), ..Fields::default() }, "position"),
        (Fields { background: Some("nope".into()), ..Fields::default() }, "background"),
    ];
    for (fields, field) in cases {
        match Options::try_from(&fields) {
            Err(ToolError::InvalidInput { field: named, .. }) => assert_eq!(named, field),
            other => panic!("{field}: {other:?}"),
        }
    }
}

#[test]
fn positions_follow_sharp() {
    let parse = |text: &str| {
        let fields = Fields { position: Some(text.into()), ..Fields::default() };
        Options::try_from(&fields).map(|o| (o.position.x, o.position.y))
    };
    assert_eq!(parse("centre"), Ok((0.5, 0.5)));
    assert_eq!(parse("top"), Ok((0.5, 0.0)));
    assert_eq!(parse("left bottom"), Ok((0.0, 1.0)));
    assert_eq!(parse("northeast"), Ok((1.0, 0.0)));
    assert_eq!(parse("right-top"), Ok((1.0, 0.0)));
    assert!(parse("middle").is_err());
    assert!(parse("left right").is_err());
    assert!(parse("").is_err());
}
