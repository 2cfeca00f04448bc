//! Resampling: Lanczos3 in linear light with premultiplied alpha (SIMD, via
//! `fast_image_resize`), then placement on the canvas.

use std::sync::OnceLock;

use fast_image_resize::images::Image;
use fast_image_resize::{create_srgb_mapper, PixelComponentMapper, PixelType, ResizeOptions, Resizer};

use super::bitmap::Bitmap;
use super::geometry::Plan;
use crate::error::ToolError;

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
    let channels = source.channels;
    let image = Image::from_vec_u8(source.width, source.height, source.data, narrow).map_err(internal)?;
    let mut linear = Image::new(source.width, source.height, wide);
    srgb().forward_map(&image, &mut linear).map_err(internal)?;
    drop(image);
    let (width, height) = plan.scaled;
    let mut resized = Image::new(width, height, wide);
    let options = ResizeOptions::new().crop(rect.left, rect.top, rect.width, rect.height);
    Resizer::new().resize(&linear, &mut resized, &options).map_err(internal)?;
    drop(linear);
    let mut output = Image::new(width, height, narrow);
    srgb().backward_map(&resized, &mut output).map_err(internal)?;
    Ok(Bitmap { width, height, channels, data: output.into_vec() })
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
