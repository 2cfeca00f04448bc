//! sRGB 8-bit to linear-light 16-bit, optionally averaging `k`×`k` blocks on the way:
//! the cheap first step of a large reduction (as libvips' shrink-on-load), done in
//! linear light with alpha-weighted colour so it stays correct.

use std::sync::OnceLock;

use super::bitmap::Bitmap;

/// Linear-light pixels, 16 bits per channel, native-endian bytes as
/// `fast_image_resize` wants them; colour is straight (not premultiplied) alpha.
pub struct Linear {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// sRGB value → linear light on 0–65535 (the sRGB transfer function).
fn table() -> &'static [u32; 256] {
    static TABLE: OnceLock<[u32; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|v| {
            let c = v as f64 / 255.0;
            let linear = if c < 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) };
            (linear * 65535.0).round() as u32
        })
    })
}

/// `bitmap` in linear light, each output pixel the average of a `k`×`k` block (blocks
/// at the right and bottom edges may be smaller).
pub fn shrink(bitmap: &Bitmap, k: u32) -> Linear {
    match (k, bitmap.channels) {
        (0 | 1, _) => convert(bitmap),
        (2, 3) => halve_rgb(bitmap),
        _ => shrink_blocks(bitmap, k),
    }
}

/// [`shrink`] by 1: each pixel converted on its own (after a reduced JPEG decode, the
/// usual case), a table look-up per channel. Fully transparent pixels get colour 0, as
/// the general path gives them.
fn convert(bitmap: &Bitmap) -> Linear {
    let table = table();
    let linear = |byte: u8| (table[usize::from(byte)] as u16).to_ne_bytes();
    let mut bytes = Vec::with_capacity(bitmap.data.len() * 2);
    if bitmap.channels == 4 {
        for pixel in bitmap.data.chunks_exact(4) {
            let visible = pixel[3] != 0;
            for &channel in &pixel[..3] {
                bytes.extend(if visible { linear(channel) } else { [0, 0] });
            }
            bytes.extend((u16::from(pixel[3]) * 257).to_ne_bytes());
        }
    } else {
        bytes.extend(bitmap.data.iter().flat_map(|&channel| linear(channel)));
    }
    Linear { width: bitmap.width, height: bitmap.height, bytes }
}

/// [`shrink`] by 2×2 for RGB, the most common case, without the general path's sums:
/// four table look-ups per channel, written out at once. An odd last row or column
/// counts twice, which averages the same as counting it once.
fn halve_rgb(bitmap: &Bitmap) -> Linear {
    let (width, height) = (bitmap.width.div_ceil(2), bitmap.height.div_ceil(2));
    let (row_bytes, out_row_bytes) = (bitmap.width as usize * 3, width as usize * 6);
    let mut bytes = vec![0; out_row_bytes * height as usize];
    for (rows, out) in bitmap.data.chunks(row_bytes * 2).zip(bytes.chunks_exact_mut(out_row_bytes)) {
        let (top, bottom) = rows.split_at(row_bytes);
        halve_rows(top, if bottom.is_empty() { top } else { bottom }, out);
    }
    Linear { width, height, bytes }
}

/// Averages 2×2 blocks of two RGB rows into one row of 16-bit linear pixels.
fn halve_rows(top: &[u8], bottom: &[u8], out: &mut [u8]) {
    let table = table();
    let linear = |byte: u8| table[usize::from(byte)];
    let write = |pixel: &mut [u8], sums: [u32; 3]| {
        let [r, g, b] = sums.map(|sum| (((sum + 2) >> 2) as u16).to_ne_bytes());
        pixel.copy_from_slice(&[r[0], r[1], g[0], g[1], b[0], b[1]]);
    };
    let (upper, lower) = (top.chunks_exact(6), bottom.chunks_exact(6));
    let (upper_rest, lower_rest) = (upper.remainder(), lower.remainder());
    let mut pixels = out.chunks_exact_mut(6);
    for ((u, l), pixel) in upper.zip(lower).zip(pixels.by_ref()) {
        let sum = |c: usize| linear(u[c]) + linear(u[c + 3]) + linear(l[c]) + linear(l[c + 3]);
        write(pixel, [sum(0), sum(1), sum(2)]);
    }
    if let (Some(pixel), [u0, u1, u2], [l0, l1, l2]) = (pixels.next(), upper_rest, lower_rest) {
        let sum = |u: u8, l: u8| 2 * (linear(u) + linear(l));
        write(pixel, [sum(*u0, *l0), sum(*u1, *l1), sum(*u2, *l2)]);
    }
}

/// [`shrink`] for any block size and channel count.
fn shrink_blocks(bitmap: &Bitmap, k: u32) -> Linear {
    let k = k.max(1);
    let (width, height) = (bitmap.width.div_ceil(k), bitmap.height.div_ceil(k));
    let channels = usize::from(bitmap.channels);
    let out_row_bytes = width as usize * channels * 2;
    let mut bytes = vec![0; out_row_bytes * height as usize];
    let mut sums = vec![0u64; width as usize * channels];
    let row_bytes = bitmap.width as usize * channels;
    let block_rows = bitmap.data.chunks(row_bytes * k as usize);
    for (block_row, out) in block_rows.zip(bytes.chunks_exact_mut(out_row_bytes)) {
        sums.fill(0);
        for row in block_row.chunks_exact(row_bytes) {
            add_row(row, channels, k as usize, &mut sums);
        }
        let rows = (block_row.len() / row_bytes) as u64;
        write_row(&sums, channels, bitmap.width as usize, k as usize, rows, out);
    }
    Linear { width, height, bytes }
}

/// Adds one source row into the block sums: linear colour (times alpha when there is
/// alpha) and alpha.
fn add_row(row: &[u8], channels: usize, k: usize, sums: &mut [u64]) {
    match (channels, k) {
        (4, _) => add_rgba_row(row, k, sums),
        (_, 2) => add_rgb_row::<2>(row, sums),
        (_, 3) => add_rgb_row::<3>(row, sums),
        (_, 4) => add_rgb_row::<4>(row, sums),
        _ => add_rgb_row_of(row, k, sums),
    }
}

/// [`add_rgb_row_of`] with the block width known at compile time, for the common sizes.
fn add_rgb_row<const K: usize>(row: &[u8], sums: &mut [u64]) {
    let table = table();
    let mut blocks = row.chunks_exact(K * 3);
    for (block, sum) in blocks.by_ref().zip(sums.chunks_exact_mut(3)) {
        let mut acc = [0u32; 3];
        for pixel in block.chunks_exact(3) {
            for c in 0..3 {
                acc[c] += table[usize::from(pixel[c])];
            }
        }
        for c in 0..3 {
            sum[c] += u64::from(acc[c]);
        }
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        let last = sums.len() - 3;
        add_rgb_row_of(rest, K, &mut sums[last..]);
    }
}

fn add_rgb_row_of(row: &[u8], k: usize, sums: &mut [u64]) {
    let table = table();
    for (block, sum) in row.chunks(k * 3).zip(sums.chunks_exact_mut(3)) {
        for pixel in block.chunks_exact(3) {
            for c in 0..3 {
                sum[c] += u64::from(table[usize::from(pixel[c])]);
            }
        }
    }
}

fn add_rgba_row(row: &[u8], k: usize, sums: &mut [u64]) {
    let table = table();
    for (block, sum) in row.chunks(k * 4).zip(sums.chunks_exact_mut(4)) {
        for pixel in block.chunks_exact(4) {
            let alpha = u64::from(pixel[3]);
            for c in 0..3 {
                sum[c] += u64::from(table[usize::from(pixel[c])]) * alpha;
            }
            sum[3] += alpha;
        }
    }
}

/// Turns one row of block sums into 16-bit pixels in `out`. Averages multiply by a
/// reciprocal: a division per channel was most of this step's time.
fn write_row(sums: &[u64], channels: usize, source_width: usize, k: usize, rows: u64, out: &mut [u8]) {
    let full = Average::new(k as u64 * rows);
    let pixels = sums.chunks_exact(channels).zip(out.chunks_exact_mut(channels * 2));
    for (index, (sum, pixel)) in pixels.enumerate() {
        let columns = (source_width - index * k).min(k) as u64;
        let average = if columns == k as u64 { full } else { Average::new(columns * rows) };
        let mut values = [0u16; 4];
        if channels == 4 {
            let alpha = sum[3];
            for c in 0..3 {
                values[c] = (sum[c] + alpha / 2).checked_div(alpha).unwrap_or(0) as u16;
            }
            values[3] = average.of(alpha * 257);
        } else {
            for c in 0..3 {
                values[c] = average.of(sum[c]);
            }
        }
        for (bytes, value) in pixel.chunks_exact_mut(2).zip(values) {
            bytes.copy_from_slice(&value.to_ne_bytes());
        }
    }
}

/// Division by a fixed count, as a multiplication.
#[derive(Clone, Copy)]
struct Average {
    count: u64,
    reciprocal: u64,
}

impl Average {
    fn new(count: u64) -> Self {
        Self { count, reciprocal: (1u64 << 32) / count + 1 }
    }

    fn of(self, total: u64) -> u16 {
        (((total + self.count / 2) * self.reciprocal) >> 32).min(65535) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(linear: &Linear) -> Vec<u16> {
        linear.bytes.chunks_exact(2).map(|b| u16::from_ne_bytes([b[0], b[1]])).collect()
    }

    #[test]
    fn maps_the_ends_and_the_middle() {
        let bitmap =
            Bitmap { width: 3, height: 1, channels: 3, data: vec![0, 0, 0, 255, 255, 255, 188, 188, 188] };
        let linear = values(&shrink(&bitmap, 1));
        assert_eq!(&linear[..6], &[0, 0, 0, 65535, 65535, 65535]);
        assert!((32_000..33_500).contains(&linear[6]), "{}", linear[6]);
    }

    #[test]
    fn averages_blocks_including_partial_edge_blocks() {
        let data = [0, 255, 255].iter().flat_map(|v| [*v; 3]).collect::<Vec<_>>().repeat(2);
        let linear = shrink(&Bitmap { width: 3, height: 2, channels: 3, data }, 2);
        assert_eq!((linear.width, linear.height), (2, 1));
        assert_eq!(values(&linear), vec![32768, 32768, 32768, 65535, 65535, 65535]);
    }

    #[test]
    fn halving_rgb_matches_the_general_path() {
        for (width, height) in [(7, 5), (8, 6), (1, 1), (2, 3)] {
            let data = (0..width * height * 3).map(|i| (i * 37 % 251) as u8).collect();
            let bitmap = Bitmap { width, height, channels: 3, data };
            let (fast, general) = (shrink(&bitmap, 2), shrink_blocks(&bitmap, 2));
            assert_eq!((fast.width, fast.height), (general.width, general.height));
            assert_eq!(values(&fast), values(&general), "{width}x{height}");
        }
    }

    #[test]
    fn converting_matches_the_general_path() {
        for channels in [3, 4] {
            let data = (0..7 * 5 * usize::from(channels)).map(|i| (i * 37 % 256) as u8).collect();
            let bitmap = Bitmap { width: 7, height: 5, channels, data };
            let (fast, general) = (shrink(&bitmap, 1), shrink_blocks(&bitmap, 1));
            assert_eq!((fast.width, fast.height), (general.width, general.height));
            assert_eq!(values(&fast), values(&general), "{channels} channels");
        }
    }

    #[test]
    fn transparent_pixels_add_no_colour() {
        let data = vec![255, 0, 0, 0, 0, 0, 255, 255];
        let linear = values(&shrink(&Bitmap { width: 2, height: 1, channels: 4, data }, 2));
        assert_eq!(linear, vec![0, 0, 65535, 32768]);
    }
}
