use clap::Parser;
use toolshub::{cli::Cli, config::Settings, telemetry};

/// mimalloc: the hot path allocates small, short-lived buffers on every request, and
/// glibc's allocator was a sixth of the server's CPU time in the load benchmark.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let _ = dotenvy::dotenv();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("toolshub: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let _log_writer = telemetry::init(settings.log_format);
    match cli.run(settings).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("toolshub: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
