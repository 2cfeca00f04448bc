//! Resampling in linear light with premultiplied alpha: an integer box shrink for large
//! reductions, then Lanczos3 (SIMD, via `fast_image_resize`); then placement on the canvas.

use std::sync::OnceLock;

use fast_image_resize::images::Image;
use fast_image_resize::{create_srgb_mapper, PixelComponentMapper, PixelType, ResizeOptions, Resizer};

use super::bitmap::Bitmap;
use super::geometry::{Plan, SourceRect};
use super::linear;
use crate::error::ToolError;

/// Reductions by this much or more first average blocks of pixels, leaving Lanczos3 a
/// factor of at least this much.
pub(super) const LANCZOS_MIN_FACTOR: f64 = 1.5;

/// Resamples `source` as `plan` says and places it on a canvas of `background`
/// (RGBA; used only where the canvas is not covered).
pub fn render(source: Bitmap, plan: &Plan, background: [u8; 4]) -> Result<Bitmap, ToolError> {
    let scaled = scale(source, plan)?;
    if plan.canvas == plan.scaled {
        return Ok(scaled);
    }
    let padded_alpha = background[3] < 255;
    let scaled = if padded_alpha { scaled.with_alpha() } else { scaled };
    let pixel = &background[..usize::from(scaled.channels)];
    let mut canvas = Bitmap::filled(plan.canvas.0, plan.canvas.1, pixel);
    canvas.paste(&scaled, plan.offset.0, plan.offset.1);
    Ok(canvas)
}

fn scale(source: Bitmap, plan: &Plan) -> Result<Bitmap, ToolError> {
    let rect = plan.source;
    let untouched = rect.left == 0.0
        && rect.top == 0.0
        && plan.scaled == (source.width, source.height)
        && rect.width == f64::from(source.width)
        && rect.height == f64::from(source.height);
    if untouched {
        return Ok(source);
    }
    let (wide, narrow) = match source.channels {
        4 => (PixelType::U16x4, PixelType::U8x4),
        _ => (PixelType::U16x3, PixelType::U8x3),
    };
    let block = box_size(rect, plan.scaled);
    let shrunk = linear::shrink(&source, block);
    let channels = source.channels;
    drop(source);
    let linear = Image::from_vec_u8(shrunk.width, shrunk.height, shrunk.bytes, wide).map_err(internal)?;
    let (width, height) = plan.scaled;
    let mut resized = Image::new(width, height, wide);
    let k = f64::from(block);
    let options = ResizeOptions::new().crop(rect.left / k, rect.top / k, rect.width / k, rect.height / k);
    Resizer::new().resize(&linear, &mut resized, &options).map_err(internal)?;
    drop(linear);
    let mut output = Image::new(width, height, narrow);
    srgb().backward_map(&resized, &mut output).map_err(internal)?;
    Ok(Bitmap { width, height, channels, data: output.into_vec() })
}

/// The block size of the box shrink before Lanczos3: 1 (none) unless the reduction is
/// by at least twice [`LANCZOS_MIN_FACTOR`].
fn box_size(rect: SourceRect, scaled: (u32, u32)) -> u32 {
    let factor = (rect.width / f64::from(scaled.0)).min(rect.height / f64::from(scaled.1));
    (factor / LANCZOS_MIN_FACTOR).floor().clamp(1.0, 64.0) as u32
}

fn srgb() -> &'static PixelComponentMapper {
    static MAPPER: OnceLock<PixelComponentMapper> = OnceLock::new();
    MAPPER.get_or_init(create_srgb_mapper)
}

fn internal(error: impl std::fmt::Display) -> ToolError {
    // Sizes and types are checked before; a failure here is a bug, reported as bad input
    // rather than a panic.
    ToolError::invalid("image", format!("the image could not be resized: {error}"))
}
