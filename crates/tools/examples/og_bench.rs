//! Times og-generator on the benchmark card (see `bench/og_vs_satori.sh`): prints the
//! median milliseconds per image (validate, lay out, draw, encode PNG) over `N` images.

use std::time::Instant;

const CARD: &str = r##"{"title":"Ship faster with Tools Hub: developer tools as one metered API","description":"Case conversion, word counts, colours, image resizing and Open Graph cards, rendered in Rust with an embedded font.","siteName":"Tools Hub","theme":"dark","background":"#0f172a","accent":"#38bdf8"}"##;

fn main() {
    let count: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    let input = toolshub_tools::og::parse(CARD.as_bytes()).expect("valid card");
    let mut bytes = 0;
    for _ in 0..3 {
        bytes = toolshub_tools::og::render(&input).expect("renders").len();
    }
    let mut times: Vec<f64> = (0..count)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(toolshub_tools::og::render(&input).expect("renders"));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{:.3} {bytes}", times[times.len() / 2]);
}
