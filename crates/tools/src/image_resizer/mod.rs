//! `image-resizer`: decode a JPEG, PNG or WebP image within size limits, apply its EXIF
//! orientation, resize it with Lanczos3 in linear light (sharp's `fit` modes), and encode
//! it as JPEG, PNG or WebP without metadata.

mod bitmap;
mod decode;
mod encode;
mod geometry;
mod linear;
mod options;
mod resample;

#[cfg(test)]
mod reduced_tests;
#[cfg(test)]
mod tests;

pub use bitmap::Bitmap;
pub use decode::{decode, sniff_format, Decoded};
pub use geometry::{plan, Plan, SourceRect};
pub use options::{Fields, Fit, Format, Gravity, Options, FIELDS};

use crate::error::ToolError;

/// Largest input file, in bytes (10 MiB).
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;
/// Largest decoded image, and largest output, in pixels (40 megapixels).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Longest side of an output image, in pixels.
pub const MAX_SIDE: u32 = 8192;

/// An encoded result.
#[derive(Debug)]
pub struct Resized {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// Resizes the image file `input` as `options` say.
///
/// Errors: [`ToolError::TooLarge`] for inputs over [`MAX_INPUT_BYTES`] or decoded images
/// over [`MAX_PIXELS`] (checked from the header, before decoding),
/// [`ToolError::UnsupportedMedia`] when `input` is not a JPEG, PNG or WebP file, and
/// [`ToolError::InvalidInput`] for corrupt data or an output over the limits.
pub fn resize(input: &[u8], options: &Options) -> Result<Resized, ToolError> {
    ensure_input_size(input.len())?;
    let (decoded, plan) = decode::decode_planned(input, options)?;
    let format = options.format.unwrap_or(decoded.format);
    let background = options.background_for(format);
    let canvas = resample::render(decoded.bitmap, &plan, background)?;
    let bytes = encode::encode(&canvas, format, options.quality, background)?;
    Ok(Resized { format, width: canvas.width, height: canvas.height, bytes })
}

/// Refuses inputs over [`MAX_INPUT_BYTES`].
pub fn ensure_input_size(len: usize) -> Result<(), ToolError> {
    if len > MAX_INPUT_BYTES {
        return Err(ToolError::TooLarge {
            message: format!(
                "the image is {len} bytes; at most {MAX_INPUT_BYTES} bytes (10 MiB) are accepted"
            ),
        });
    }
    Ok(())
}
