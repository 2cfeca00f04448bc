use super::*;

const MEMORY: usize = 64 << 20;

/// A smooth RGB test picture encoded as JPEG, with an optional APP1 segment.
fn jpeg(width: u16, height: u16, app1: Option<&[u8]>, color: jpeg_encoder::ColorType) -> Vec<u8> {
    let channels = match color {
        jpeg_encoder::ColorType::Luma => 1,
        jpeg_encoder::ColorType::Cmyk => 4,
        _ => 3,
    };
    let data: Vec<u8> = (0..usize::from(width) * usize::from(height) * channels)
        .map(|i| {
            let pixel = i / channels;
            let (x, y) = (pixel % usize::from(width), pixel / usize::from(width));
            ((x * 255 / usize::from(width) + y * 3 + i % channels * 40) % 256) as u8
        })
        .collect();
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
    if let Some(segment) = app1 {
        encoder.add_app_segment(1, segment).unwrap();
    }
    encoder.encode(&data, width, height, color).unwrap();
    out
}

fn rgb_jpeg(width: u16, height: u16) -> Vec<u8> {
    jpeg(width, height, None, jpeg_encoder::ColorType::Rgb)
}

#[test]
fn decodes_at_full_and_reduced_sizes() {
    let file = rgb_jpeg(101, 77);
    for (denominator, size) in [(1, (101, 77)), (2, (51, 39)), (4, (26, 20)), (8, (13, 10))] {
        let jpeg = Jpeg::open(&file, MEMORY).unwrap();
        assert_eq!(jpeg.size(), (101, 77));
        assert!(jpeg.converts_to_rgb());
        let rgb = jpeg.decode_rgb(denominator, 1 << 20).unwrap();
        assert_eq!((rgb.width, rgb.height), size, "1/{denominator}");
        assert_eq!(rgb.data.len(), size.0 as usize * size.1 as usize * 3);
    }
}

#[test]
fn a_half_size_decode_averages_the_full_one() {
    let file = rgb_jpeg(64, 48);
    let full = Jpeg::open(&file, MEMORY).unwrap().decode_rgb(1, 1 << 20).unwrap();
    let half = Jpeg::open(&file, MEMORY).unwrap().decode_rgb(2, 1 << 20).unwrap();
    let mut total = 0u64;
    for y in 0..24usize {
        for x in 0..32usize {
            for c in 0..3 {
                let at = |xx: usize, yy: usize| i64::from(full.data[(yy * 64 + xx) * 3 + c]);
                let mean = (at(2 * x, 2 * y)
                    + at(2 * x + 1, 2 * y)
                    + at(2 * x, 2 * y + 1)
                    + at(2 * x + 1, 2 * y + 1))
                    / 4;
                total += (mean - i64::from(half.data[(y * 32 + x) * 3 + c])).unsigned_abs();
            }
        }
    }
    let mean_difference = total as f64 / (32.0 * 24.0 * 3.0);
    assert!(mean_difference < 3.0, "{mean_difference}");
}

#[test]
fn corrupt_truncated_and_foreign_data_fail_without_crashing() {
    let file = rgb_jpeg(64, 64);
    let mut garbled = file.clone();
    let middle = garbled.len() / 2;
    for byte in &mut garbled[middle..middle + 64] {
        *byte ^= 0x5A;
    }
    let mut bad_header = file.clone();
    for byte in &mut bad_header[20..200] {
        *byte = byte.wrapping_mul(7).wrapping_add(13);
    }
    let cases: [&[u8]; 6] = [&file[..file.len() / 2], &garbled, &bad_header, b"not a jpeg", b"", &file[..3]];
    for input in cases {
        let result = Jpeg::open(input, MEMORY).and_then(|jpeg| jpeg.decode_rgb(2, 1 << 20));
        assert!(result.is_err(), "{} bytes decoded", input.len());
    }
}

#[test]
fn the_pixel_limit_is_checked_before_decoding() {
    let file = rgb_jpeg(64, 64);
    let failure = Jpeg::open(&file, MEMORY).unwrap().decode_rgb(1, 64 * 63).unwrap_err();
    assert_eq!(failure.code, TOO_LARGE);
}

#[test]
fn cmyk_is_left_to_other_decoders() {
    let file = jpeg(16, 16, None, jpeg_encoder::ColorType::Cmyk);
    let jpeg = Jpeg::open(&file, MEMORY).unwrap();
    assert!(!jpeg.converts_to_rgb());
    assert_eq!(jpeg.decode_rgb(2, 1 << 20).unwrap_err().code, NOT_RGB);
}

#[test]
fn greyscale_comes_out_as_rgb() {
    let file = jpeg(16, 16, None, jpeg_encoder::ColorType::Luma);
    let rgb = Jpeg::open(&file, MEMORY).unwrap().decode_rgb(2, 1 << 20).unwrap();
    assert_eq!((rgb.width, rgb.height), (8, 8));
    assert!(rgb.data.chunks_exact(3).all(|p| p[0] == p[1] && p[1] == p[2]));
}

#[test]
fn the_exif_segment_is_found() {
    let exif = b"Exif\0\0II*\0\x08\0\0\0";
    let file = jpeg(16, 16, Some(exif), jpeg_encoder::ColorType::Rgb);
    assert_eq!(Jpeg::open(&file, MEMORY).unwrap().exif(), Some(&exif[6..]));
    assert_eq!(Jpeg::open(&rgb_jpeg(16, 16), MEMORY).unwrap().exif(), None);
}

#[test]
fn simd_is_reported() {
    // Either answer is right (it depends on nasm at build time); calling it must work.
    let _ = accelerated();
}
