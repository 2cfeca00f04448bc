//! Renders one og-generator card: `cargo run -p toolshub-tools --release --example og_render -- '{"title":"…"}' out.png`.

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(json), Some(path)) = (args.next(), args.next()) else {
        eprintln!("usage: og_render '<input JSON>' <out.png>");
        std::process::exit(2);
    };
    let input = toolshub_tools::og::parse(json.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let png = toolshub_tools::og::render(&input).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, png).expect("write the PNG");
}
