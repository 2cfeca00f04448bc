//! PNG in and out: the logo is decoded with size limits; the card is encoded as opaque
//! RGB with the fastest deflate setting (the card is mostly flat colour and gradient).

use std::io::Cursor;

use png::{BitDepth, ColorType, Compression, Decoder, Encoder, Limits, Transformations};
use tiny_skia::{IntSize, Pixmap};

/// Largest logo side, in pixels.
pub const MAX_LOGO_SIDE: u32 = 512;

/// Decodes a PNG into a premultiplied pixmap, refusing images over [`MAX_LOGO_SIDE`].
pub fn decode_logo(bytes: &[u8]) -> Result<Pixmap, String> {
    let mut decoder = Decoder::new_with_limits(Cursor::new(bytes), Limits { bytes: 4 * 1024 * 1024 });
    decoder.set_transformations(Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| format!("is not a readable PNG ({e})"))?;
    let (width, height) = reader.info().size();
    if width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
        return Err(format!(
            "is {width}×{height} pixels; at most {MAX_LOGO_SIDE}×{MAX_LOGO_SIDE} are accepted"
        ));
    }
    let mut buffer = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buffer).map_err(|e| format!("is not a readable PNG ({e})"))?;
    let rgba = to_premultiplied_rgba(&buffer[..frame.buffer_size()], frame.color_type)?;
    let size = IntSize::from_wh(width, height).ok_or("has no pixels")?;
    Pixmap::from_vec(rgba, size).ok_or_else(|| "has an unexpected pixel layout".to_owned())
}

fn to_premultiplied_rgba(pixels: &[u8], color_type: ColorType) -> Result<Vec<u8>, String> {
    let expand: fn(&[u8]) -> [u8; 4] = match color_type {
        ColorType::Rgba => |p| [p[0], p[1], p[2], p[3]],
        ColorType::Rgb => |p| [p[0], p[1], p[2], 255],
        ColorType::GrayscaleAlpha => |p| [p[0], p[0], p[0], p[1]],
        ColorType::Grayscale => |p| [p[0], p[0], p[0], 255],
        ColorType::Indexed => return Err("uses a palette that could not be expanded".into()),
    };
    let step = color_type.samples();
    let mut rgba = Vec::with_capacity(pixels.len() / step * 4);
    for pixel in pixels.chunks_exact(step) {
        let [r, g, b, a] = expand(pixel);
        let premultiply = |c: u8| ((u16::from(c) * u16::from(a) + 127) / 255) as u8;
        rgba.extend_from_slice(&[premultiply(r), premultiply(g), premultiply(b), a]);
    }
    Ok(rgba)
}

/// Encodes an opaque pixmap as an RGB PNG.
pub fn encode_opaque(pixmap: &Pixmap) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
    for pixel in pixmap.data().chunks_exact(4) {
        rgb.extend_from_slice(&pixel[..3]);
    }
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(ColorType::Rgb);
    encoder.set_depth(BitDepth::Eight);
    encoder.set_compression(Compression::Fast);
    let mut writer = encoder.write_header().expect("writing to memory cannot fail");
    writer.write_image_data(&rgb).expect("the buffer matches the header");
    writer.finish().expect("writing to memory cannot fail");
    out
}
