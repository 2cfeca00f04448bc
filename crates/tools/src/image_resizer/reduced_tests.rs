//! The reduced JPEG decode (libjpeg-turbo at 1/2, 1/4 or 1/8 size) against the full one.

use super::decode::{decode, decode_planned};
use super::tests::{jpeg_file, options, photo, rotated_jpeg};
use super::*;

/// Resizes through the full-size decode only, as every input went before.
fn full_path(input: &[u8], options: &Options) -> Result<Bitmap, ToolError> {
    let decoded = decode(input)?;
    let plan = plan(decoded.bitmap.width, decoded.bitmap.height, options)?;
    resample::render(decoded.bitmap, &plan, options.background_for(Format::Jpeg))
}

/// Resizes as `resize` does, and says how wide the decoded image was.
fn reduced_path(input: &[u8], options: &Options) -> Result<(Bitmap, u32), ToolError> {
    let (decoded, plan) = decode_planned(input, options)?;
    let width = decoded.bitmap.width;
    Ok((resample::render(decoded.bitmap, &plan, options.background_for(Format::Jpeg))?, width))
}

fn mean_difference(a: &Bitmap, b: &Bitmap) -> f64 {
    assert_eq!((a.width, a.height, a.channels), (b.width, b.height, b.channels));
    let total: u64 = a.data.iter().zip(&b.data).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
    total as f64 / a.data.len() as f64
}

#[test]
fn large_jpeg_reductions_decode_at_a_fraction_of_the_size() {
    let file = jpeg_file(&photo(1203, 901));
    // (box, fit, decoded width): the decode leaves Lanczos3 a factor of at least 1.5.
    let cases = [
        ((Some(300), Some(300), Fit::Cover), 1203 / 2 + 1),
        ((Some(200), None, Fit::Inside), 1203 / 4 + 1),
        ((Some(100), Some(100), Fit::Contain), 1203 / 8 + 1),
        ((Some(150), Some(300), Fit::Fill), 1203 / 2 + 1),
        ((Some(150), Some(600), Fit::Fill), 1203),
        ((Some(500), None, Fit::Cover), 1203),
        ((None, Some(40), Fit::Outside), 1203 / 8 + 1),
    ];
    for ((width, height, fit), decoded_width) in cases {
        let wanted = options(width, height, fit);
        let (reduced, decoded) = reduced_path(&file, &wanted).unwrap();
        assert_eq!(decoded, decoded_width, "{wanted:?}");
        let full = full_path(&file, &wanted).unwrap();
        assert_eq!((reduced.width, reduced.height), (full.width, full.height), "{wanted:?}");
        let difference = mean_difference(&reduced, &full);
        assert!(difference < 2.0, "{wanted:?}: mean difference {difference}");
    }
}

#[test]
fn sizes_are_those_of_the_full_decode_for_every_fit() {
    let file = jpeg_file(&photo(997, 611));
    let fits = [Fit::Cover, Fit::Contain, Fit::Fill, Fit::Inside, Fit::Outside];
    for (width, height) in [(Some(97), Some(61)), (Some(33), None), (None, Some(150)), (Some(7), Some(300))] {
        for fit in fits {
            let wanted = options(width, height, fit);
            let expected = plan(997, 611, &wanted).unwrap().canvas;
            let resized = resize(&file, &wanted).unwrap();
            assert_eq!((resized.width, resized.height), expected, "{wanted:?}");
        }
    }
}

#[test]
fn crops_keep_the_same_part_of_the_picture() {
    let file = jpeg_file(&photo(1600, 1000));
    for (x, y) in [(0.0, 0.0), (1.0, 1.0), (0.5, 0.5)] {
        let wanted = Options { position: Gravity { x, y }, ..options(Some(120), Some(200), Fit::Cover) };
        let (reduced, decoded) = reduced_path(&file, &wanted).unwrap();
        assert!(decoded < 1600);
        let difference = mean_difference(&reduced, &full_path(&file, &wanted).unwrap());
        assert!(difference < 2.0, "{x},{y}: mean difference {difference}");
    }
}

#[test]
fn an_orientation_6_jpeg_comes_out_upright_through_the_reduced_decode() {
    // Stored 400×200: red on the left, blue on the right. Turned 90° clockwise, red is
    // on top of a 200×400 picture.
    let mut stored = Bitmap::filled(400, 200, &[220, 20, 20]);
    for (i, pixel) in stored.data.chunks_exact_mut(3).enumerate() {
        if i % 400 >= 200 {
            pixel.copy_from_slice(&[20, 20, 220]);
        }
    }
    let file = rotated_jpeg(&stored);
    let wanted = options(Some(50), None, Fit::Cover);
    let (upright, decoded) = reduced_path(&file, &wanted).unwrap();
    assert_eq!(decoded, 100, "decoded at half size");
    assert_eq!((upright.width, upright.height), (50, 100));
    let pixel = |x: usize, y: usize| &upright.data[(y * 50 + x) * 3..][..3];
    assert!(pixel(25, 10)[0] > 180 && pixel(25, 10)[2] < 60, "{:?}", pixel(25, 10));
    assert!(pixel(25, 90)[2] > 180 && pixel(25, 90)[0] < 60, "{:?}", pixel(25, 90));
    let resized = resize(&file, &wanted).unwrap();
    assert_eq!((resized.width, resized.height), (50, 100));
}

#[test]
fn corrupt_jpegs_get_the_full_decodes_answer_and_truncated_ones_are_invalid() {
    let file = jpeg_file(&photo(800, 600));
    let wanted = options(Some(100), None, Fit::Cover);
    let truncated = resize(&file[..file.len() / 2], &wanted).unwrap_err();
    assert!(matches!(truncated, ToolError::InvalidInput { field: "image", .. }), "{truncated:?}");
    for (start, xor) in [(file.len() / 2, 0x5A), (400, 0xFF), (40, 0x33), (file.len() - 40, 0x0F)] {
        let mut garbled = file.clone();
        for byte in &mut garbled[start..start + 30] {
            *byte ^= xor;
        }
        let reduced = reduced_path(&garbled, &wanted).map(|(bitmap, _)| bitmap);
        let full = full_path(&garbled, &wanted);
        match (&reduced, &full) {
            (Ok(a), Ok(b)) => assert!(mean_difference(a, b) < 8.0, "at {start}"),
            (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "at {start}"),
            _ => panic!("at {start}: reduced {reduced:?} but full {full:?}"),
        }
    }
}

#[test]
fn small_reductions_and_other_formats_keep_the_full_decode() {
    let jpeg = jpeg_file(&photo(300, 200));
    let (_, decoded) = reduced_path(&jpeg, &options(Some(150), None, Fit::Cover)).unwrap();
    assert_eq!(decoded, 300, "a factor of 2 leaves too little for Lanczos3");
    let png = encode::encode(&photo(800, 600), Format::Png, 80, [0; 4]).unwrap();
    let (_, decoded) = reduced_path(&png, &options(Some(100), None, Fit::Cover)).unwrap();
    assert_eq!(decoded, 800);
}
