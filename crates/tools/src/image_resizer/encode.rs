//! Encoding without metadata: JPEG (4:2:0, SIMD), PNG, lossy WebP.

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};

use super::bitmap::Bitmap;
use super::options::Format;
use crate::error::ToolError;

/// Encodes `bitmap` as `format` at `quality` (JPEG and WebP); JPEG has no alpha, so
/// transparent pixels are composited over `background`'s colour.
pub fn encode(
    bitmap: &Bitmap,
    format: Format,
    quality: u8,
    background: [u8; 4],
) -> Result<Vec<u8>, ToolError> {
    match format {
        Format::Jpeg => jpeg(&bitmap.flattened([background[0], background[1], background[2]]), quality),
        Format::Png => png(bitmap),
        Format::Webp => webp(bitmap, quality),
    }
}

fn jpeg(bitmap: &Bitmap, quality: u8) -> Result<Vec<u8>, ToolError> {
    let mut out = Vec::with_capacity(bitmap.data.len() / 8);
    let encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    let (width, height) = (side(bitmap.width)?, side(bitmap.height)?);
    encoder.encode(&bitmap.data, width, height, jpeg_encoder::ColorType::Rgb).map_err(failed)?;
    Ok(out)
}

fn png(bitmap: &Bitmap) -> Result<Vec<u8>, ToolError> {
    let mut out = Vec::with_capacity(bitmap.data.len() / 2);
    let encoder = PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive);
    let color = if bitmap.has_alpha() { ExtendedColorType::Rgba8 } else { ExtendedColorType::Rgb8 };
    encoder.write_image(&bitmap.data, bitmap.width, bitmap.height, color).map_err(failed)?;
    Ok(out)
}

fn webp(bitmap: &Bitmap, quality: u8) -> Result<Vec<u8>, ToolError> {
    let encoder = match bitmap.has_alpha() {
        true => webp::Encoder::from_rgba(&bitmap.data, bitmap.width, bitmap.height),
        false => webp::Encoder::from_rgb(&bitmap.data, bitmap.width, bitmap.height),
    };
    let memory = encoder.encode_simple(false, f32::from(quality)).map_err(|e| failed(format!("{e:?}")))?;
    Ok(memory.to_vec())
}

fn side(pixels: u32) -> Result<u16, ToolError> {
    u16::try_from(pixels).map_err(failed)
}

fn failed(error: impl std::fmt::Display) -> ToolError {
    ToolError::invalid("image", format!("the image could not be encoded: {error}"))
}
