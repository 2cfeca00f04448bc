//! Decoding with limits: the format is sniffed from the bytes, the size is checked from
//! the header before any pixel buffer is allocated, and EXIF orientation is applied.
//! JPEGs that are reduced a lot are decoded at 1/2, 1/4 or 1/8 size by libjpeg-turbo
//! ([`toolshub_libjpeg`]); everything else by the `image` crate (`zune-jpeg` for JPEG).

use std::io::Cursor;

use image::codecs::jpeg::JpegDecoder;
use image::codecs::png::PngDecoder;
use image::codecs::webp::WebPDecoder;
use image::error::ImageError;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, Limits};

use super::bitmap::Bitmap;
use super::geometry::{plan, Plan};
use super::options::{Format, Options};
use super::resample::LANCZOS_MIN_FACTOR;
use super::MAX_PIXELS;
use crate::error::ToolError;

/// Largest allocation a decoder may make: the largest image at 16 bits per channel, RGBA.
const MAX_DECODER_ALLOC: u64 = MAX_PIXELS * 8 + 16 * 1024 * 1024;

/// A decoded image, upright, and the format it came in.
#[derive(Debug)]
pub struct Decoded {
    pub bitmap: Bitmap,
    pub format: Format,
}

/// The format of an image file, from its first bytes.
pub fn sniff_format(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(Format::Webp)
    } else {
        None
    }
}

/// Decodes a JPEG, PNG or WebP file into upright 8-bit RGB(A).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ToolError> {
    let format = sniff_format(bytes).ok_or_else(|| ToolError::UnsupportedMedia {
        message: "the file is not a JPEG, PNG or WebP image".into(),
    })?;
    if format == Format::Jpeg && !has_end_marker(bytes) {
        return Err(corrupt("the JPEG data is truncated (no end-of-image marker)"));
    }
    let mut decoder = open(bytes, format)?;
    let (width, height) = decoder.dimensions();
    ensure_pixels(width, height)?;
    decoder.set_limits(limits()).map_err(describe)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    image.apply_orientation(orientation);
    Ok(Decoded { bitmap: into_bitmap(image), format })
}

/// Decodes `bytes` and plans the resize `options` ask for, in the decoded image's pixels.
/// The plan is made for the full-size upright image either way, so a reduced decode
/// changes neither the output's size nor the part of the picture it shows.
pub fn decode_planned(bytes: &[u8], options: &Options) -> Result<(Decoded, Plan), ToolError> {
    if let Some(reduced) = decode_reduced(bytes, options)? {
        return Ok(reduced);
    }
    let decoded = decode(bytes)?;
    let plan = plan(decoded.bitmap.width, decoded.bitmap.height, options)?;
    Ok((decoded, plan))
}

/// The reduced JPEG decode, when it applies: libjpeg built with SIMD (else the full-size
/// `zune-jpeg` decode is faster), and a JPEG that libjpeg can turn into RGB, shrunk
/// enough that 1/2 (or 1/4, 1/8) of its size still leaves Lanczos3 a factor of at least
/// [`LANCZOS_MIN_FACTOR`]. `None` sends the file down the general path, which also
/// gives the answer for anything libjpeg refuses or warns about (corrupt data), so a file
/// gets the same error (or the same tolerance) whatever size is asked for.
fn decode_reduced(bytes: &[u8], options: &Options) -> Result<Option<(Decoded, Plan)>, ToolError> {
    let jpeg = sniff_format(bytes) == Some(Format::Jpeg) && has_end_marker(bytes);
    // Tests take this path either way, so it is tested on machines without nasm too.
    if !jpeg || !(cfg!(test) || toolshub_libjpeg::accelerated()) {
        return Ok(None);
    }
    let Ok(jpeg) = toolshub_libjpeg::Jpeg::open(bytes, MAX_DECODER_ALLOC as usize) else { return Ok(None) };
    if !jpeg.converts_to_rgb() {
        return Ok(None);
    }
    let (width, height) = jpeg.size();
    ensure_pixels(width, height)?;
    let orientation = jpeg.exif().and_then(Orientation::from_exif_chunk).unwrap_or(Orientation::NoTransforms);
    let upright = if swaps_sides(orientation) { (height, width) } else { (width, height) };
    let full_plan = plan(upright.0, upright.1, options)?;
    let Some(denominator) = reduction(&full_plan) else { return Ok(None) };
    let Ok(rgb) = jpeg.decode_rgb(denominator, MAX_PIXELS) else { return Ok(None) };
    let image = image::RgbImage::from_raw(rgb.width, rgb.height, rgb.data)
        .ok_or_else(|| corrupt("the decoded JPEG has the wrong size"))?;
    let mut image = DynamicImage::ImageRgb8(image);
    image.apply_orientation(orientation);
    let decoded = Decoded { bitmap: into_bitmap(image), format: Format::Jpeg };
    Ok(Some((decoded, full_plan.shrunk(f64::from(denominator)))))
}

/// The largest libjpeg scale denominator (8, 4 or 2) that leaves the rest of the
/// reduction at least [`LANCZOS_MIN_FACTOR`] on both axes, if any.
fn reduction(plan: &Plan) -> Option<u32> {
    let source = plan.source;
    let factor = (source.width / f64::from(plan.scaled.0)).min(source.height / f64::from(plan.scaled.1));
    [8, 4, 2].into_iter().find(|&denominator| factor / f64::from(denominator) >= LANCZOS_MIN_FACTOR)
}

/// Whether an orientation turns the image by a quarter (EXIF 5–8): width and height swap.
fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

fn open<'a>(bytes: &'a [u8], format: Format) -> Result<Box<dyn ImageDecoder + 'a>, ToolError> {
    let reader = Cursor::new(bytes);
    let decoder: Box<dyn ImageDecoder> = match format {
        Format::Jpeg => Box::new(JpegDecoder::new(reader).map_err(describe)?),
        Format::Png => Box::new(PngDecoder::with_limits(reader, limits()).map_err(describe)?),
        Format::Webp => Box::new(WebPDecoder::new(reader).map_err(describe)?),
    };
    Ok(decoder)
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODER_ALLOC);
    limits
}

/// Whether a JPEG ends with its EOI marker (allowing some trailing bytes). Entropy-coded
/// data never contains `FF D9`, so a cut-off file has none near its end.
fn has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(2).any(|pair| pair == [0xFF, 0xD9])
}

/// Refuses images over [`MAX_PIXELS`].
pub(super) fn ensure_pixels(width: u32, height: u32) -> Result<(), ToolError> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(ToolError::TooLarge {
            message: format!(
                "the image is {width}×{height} pixels; at most {} megapixels are accepted",
                MAX_PIXELS / 1_000_000
            ),
        });
    }
    if pixels == 0 {
        return Err(corrupt("the image has no pixels"));
    }
    Ok(())
}

fn describe(error: ImageError) -> ToolError {
    match error {
        ImageError::Limits(_) => ToolError::TooLarge {
            message: format!(
                "decoding the image needs more memory than allowed (at most {} megapixels)",
                MAX_PIXELS / 1_000_000
            ),
        },
        ImageError::Unsupported(e) => {
            ToolError::UnsupportedMedia { message: format!("unsupported image: {e}") }
        }
        other => corrupt(&format!("the image data is corrupt or truncated: {other}")),
    }
}

fn corrupt(message: &str) -> ToolError {
    ToolError::invalid("image", message)
}

/// 8-bit RGB or RGBA pixels, converting other layouts (grey, 16-bit, float).
fn into_bitmap(image: DynamicImage) -> Bitmap {
    let (width, height) = (image.width(), image.height());
    let (channels, data) = match image {
        DynamicImage::ImageRgb8(rgb) => (3, rgb.into_raw()),
        DynamicImage::ImageRgba8(rgba) => (4, rgba.into_raw()),
        other if other.color().has_alpha() => (4, other.into_rgba8().into_raw()),
        other => (3, other.into_rgb8().into_raw()),
    };
    Bitmap { width, height, channels, data }
}
