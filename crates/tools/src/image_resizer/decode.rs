//! Decoding with limits: the format is sniffed from the bytes, the size is checked from
//! the header before any pixel buffer is allocated, and EXIF orientation is applied.

use std::io::Cursor;

use image::codecs::jpeg::JpegDecoder;
use image::codecs::png::PngDecoder;
use image::codecs::webp::WebPDecoder;
use image::error::ImageError;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, Limits};

use super::bitmap::Bitmap;
use super::options::Format;
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
