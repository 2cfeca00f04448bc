//! The image-resizer benchmark's Rust side.
//!
//! `resize inputs DIR`: writes the deterministic photo-like inputs `photo.jpg`
//! (2725×2225, quality 92), `photo.png` (same picture, less noise) and `max.jpg`
//! (7300×5475, 40 megapixels).
//! `resize time FILE WIDTH HEIGHT FORMAT RUNS`: resizes FILE `RUNS` times on this thread
//! (Lanczos3, cover, quality 80) and prints the median milliseconds per image.

use std::time::Instant;

/// The allocator the server uses, so the per-image time is the server's. With glibc's,
/// the large pixel buffers went back to the system after each image and every run paid
/// its page faults again.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use image::codecs::jpeg::JpegEncoder;
use image::{ImageFormat, RgbImage};
use toolshub_tools::image_resizer::{resize, Fields, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["inputs", dir] => write_inputs(dir),
        ["time", file, width, height, format, runs] => time(file, width, height, format, runs),
        _ => {
            eprintln!("usage: resize inputs DIR | resize time FILE WIDTH HEIGHT FORMAT RUNS");
            std::process::exit(2);
        }
    }
}

/// Gradients, ripples and fine noise of ±`noise`: smooth areas and detail, like a photo.
fn photo(width: u32, height: u32, noise: u32) -> RgbImage {
    let mut state = 0x2545_F491_u32;
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % (2 * noise + 1)) as f32 - noise as f32;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let ripple = (fx * 37.0).sin() * (fy * 23.0 + fx * 5.0).cos() * 50.0;
        let circle = (((fx - 0.6).powi(2) + (fy - 0.4).powi(2)).sqrt() * 60.0).sin() * 30.0;
        let channel = |base: f32| (base + ripple + circle + noise).clamp(0.0, 255.0) as u8;
        image::Rgb([
            channel(fx * 180.0 + 40.0),
            channel(fy * 160.0 + 30.0),
            channel((1.0 - fx) * 120.0 + fy * 60.0),
        ])
    })
}

fn write_inputs(dir: &str) {
    std::fs::create_dir_all(dir).expect("create the input directory");
    let photo_image = photo(2725, 2225, 8);
    let jpeg = |image: &RgbImage, quality: u8, name: &str| {
        let mut out = Vec::new();
        image.write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality)).expect("encode JPEG");
        std::fs::write(format!("{dir}/{name}"), out).expect("write JPEG");
    };
    jpeg(&photo_image, 92, "photo.jpg");
    // Less noise, so that the PNG stays under the 10 MiB input limit.
    let png_path = format!("{dir}/photo.png");
    photo(2725, 2225, 1).save_with_format(png_path, ImageFormat::Png).expect("write PNG");
    jpeg(&photo(7300, 5475, 8), 80, "max.jpg");
}

fn time(file: &str, width: &str, height: &str, format: &str, runs: &str) {
    let input = std::fs::read(file).expect("read the input");
    let mut fields = Fields::default();
    for (name, value) in [("width", width), ("height", height), ("format", format)] {
        fields.set_text(name, value).expect("valid option");
    }
    let options = Options::try_from(&fields).expect("valid options");
    let runs: usize = runs.parse().expect("RUNS is a number");
    let mut millis: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let output = resize(&input, &options).expect("resize");
            std::hint::black_box(output);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    millis.sort_by(f64::total_cmp);
    println!("{:.2}", millis[runs / 2]);
}
