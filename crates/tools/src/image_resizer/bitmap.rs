//! Decoded pixels: 8-bit sRGB, three or four interleaved channels.

/// An 8-bit RGB or RGBA image, rows top to bottom without padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    pub width: u32,
    pub height: u32,
    /// 3 (RGB) or 4 (RGBA, straight alpha).
    pub channels: u8,
    pub data: Vec<u8>,
}

impl Bitmap {
    /// An image of one colour.
    pub fn filled(width: u32, height: u32, pixel: &[u8]) -> Self {
        let count = width as usize * height as usize;
        let mut data = Vec::with_capacity(count * pixel.len());
        for _ in 0..count {
            data.extend_from_slice(pixel);
        }
        Self { width, height, channels: pixel.len() as u8, data }
    }

    pub fn has_alpha(&self) -> bool {
        self.channels == 4
    }

    /// The same image with an opaque alpha channel added.
    pub fn with_alpha(self) -> Self {
        if self.has_alpha() {
            return self;
        }
        let mut data = Vec::with_capacity(self.data.len() / 3 * 4);
        for rgb in self.data.chunks_exact(3) {
            data.extend_from_slice(&[rgb[0], rgb[1], rgb[2], 255]);
        }
        Self { channels: 4, data, ..self }
    }

    /// The image composited over the opaque colour `matte`, without alpha.
    pub fn flattened(&self, matte: [u8; 3]) -> Self {
        if !self.has_alpha() {
            return self.clone();
        }
        let mut data = Vec::with_capacity(self.data.len() / 4 * 3);
        for rgba in self.data.chunks_exact(4) {
            let alpha = u32::from(rgba[3]);
            for (channel, back) in rgba[..3].iter().zip(matte) {
                let mixed = u32::from(*channel) * alpha + u32::from(back) * (255 - alpha);
                data.push(((mixed + 127) / 255) as u8);
            }
        }
        Self { width: self.width, height: self.height, channels: 3, data }
    }

    /// Copies `other` (of the same channel count) onto this image with its top-left
    /// corner at `(left, top)`; `other` must fit.
    pub fn paste(&mut self, other: &Bitmap, left: u32, top: u32) {
        let channels = usize::from(self.channels);
        let row_bytes = other.width as usize * channels;
        for (y, row) in other.data.chunks_exact(row_bytes).enumerate() {
            let start = ((top as usize + y) * self.width as usize + left as usize) * channels;
            self.data[start..start + row_bytes].copy_from_slice(row);
        }
    }
}
