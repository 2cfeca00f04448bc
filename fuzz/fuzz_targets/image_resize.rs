//! The image resizer's whole path (sniff, header limits, decode, orientation, plan,
//! resample, encode) on arbitrary bytes: the first four bytes choose the options, the
//! rest is the file. Any outcome but a panic, a crash or a leak is fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use toolshub_tools::image_resizer::{resize, Fit, Format, Gravity, Options};

const FITS: [Fit; 5] = [Fit::Cover, Fit::Contain, Fit::Fill, Fit::Inside, Fit::Outside];
const FORMATS: [Option<Format>; 4] = [None, Some(Format::Jpeg), Some(Format::Png), Some(Format::Webp)];

fuzz_target!(|data: &[u8]| {
    let Some((choice, file)) = data.split_first_chunk::<4>() else { return };
    let side = |byte: u8| (byte % 4 != 0).then_some(u32::from(byte % 96) + 1);
    let options = Options {
        width: side(choice[0]),
        height: side(choice[1]),
        fit: FITS[usize::from(choice[2] % 5)],
        format: FORMATS[usize::from(choice[2] / 5 % 4)],
        position: Gravity { x: f64::from(choice[3] % 3) / 2.0, y: f64::from(choice[3] / 3 % 3) / 2.0 },
        quality: choice[3] % 100 + 1,
        without_enlargement: choice[3] & 0x80 != 0,
        background: None,
    };
    let _ = resize(file, &options);
});
