//! Headless Chromium over WebDriver (chromedriver), one browser per test.
//!
//! Missing Chromium or chromedriver skips the test with a message, unless
//! `TOOLSHUB_REQUIRE_BROWSER=1` (CI), which turns that into a failure.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use futures::FutureExt;
use serde_json::{json, Value};

/// Chromium's narrowest desktop window.
const MIN_WINDOW_WIDTH: u32 = 500;

/// How long a page condition may take to hold.
const PATIENCE: Duration = Duration::from_secs(10);

fn program(variable: &str, default: &str) -> PathBuf {
    std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// Chromium and chromedriver, or None (after saying why) when they are not installed.
fn programs() -> Option<(PathBuf, PathBuf)> {
    let chromium = program("TOOLSHUB_CHROMIUM", "/usr/bin/chromium");
    let driver = program("TOOLSHUB_CHROMEDRIVER", "/usr/bin/chromedriver");
    if chromium.exists() && driver.exists() {
        return Some((chromium, driver));
    }
    let missing = format!("{} or {} is missing", chromium.display(), driver.display());
    if std::env::var("TOOLSHUB_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!("browser tests required (TOOLSHUB_REQUIRE_BROWSER=1) but {missing}");
    }
    eprintln!("skipping browser test: {missing} (apt-get install chromium chromium-driver)");
    None
}

/// A chromedriver process; killed when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A browser window of the given width, driven through `client`.
pub struct Browser {
    pub client: Client,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium profile `width`×`height` pixels.
    pub async fn start(width: u32, height: u32) -> Option<Self> {
        let (chromium, driver_path) = programs()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver(child);
        let profile = tempfile::tempdir().expect("profile dir");
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        });
        let Value::Object(mut capabilities) = capabilities else { unreachable!() };
        if width < MIN_WINDOW_WIDTH {
            // Desktop windows are at least 500 px wide: narrower screens are emulated.
            let metrics = json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0 } });
            capabilities["goog:chromeOptions"]["mobileEmulation"] = metrics;
        }
        let client = connect(port, capabilities).await;
        Some(Self { client, _driver: driver, _profile: profile })
    }

    /// Runs `test` with this browser, then ends the session even if the test panicked.
    pub async fn run<F, Fut>(self, test: F)
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = ()>,
    {
        let outcome = AssertUnwindSafe(test(self.client.clone())).catch_unwind().await;
        let _ = self.client.clone().close().await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }
}

async fn connect(port: u16, capabilities: serde_json::Map<String, Value>) -> Client {
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector).capabilities(capabilities.clone()).connect(&url).await {
            Ok(client) => return client,
            Err(e) if started.elapsed() > Duration::from_secs(20) => panic!("no WebDriver session: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Waits until `script` (a JavaScript expression) is truthy on the page.
pub async fn until(client: &Client, script: &str) {
    let started = Instant::now();
    loop {
        let value = client.execute(&format!("return Boolean({script});"), vec![]).await.expect("script runs");
        if value == Value::Bool(true) {
            return;
        }
        if started.elapsed() > PATIENCE {
            let url = client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
            panic!("timed out waiting for `{script}` on {url}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The value of a JavaScript expression on the page.
pub async fn eval(client: &Client, script: &str) -> Value {
    client.execute(&format!("return {script};"), vec![]).await.expect("script runs")
}

/// The text of the first element matching `css`.
pub async fn text(client: &Client, css: &str) -> String {
    client.find(Locator::Css(css)).await.expect(css).text().await.expect("text")
}

/// Clicks the first element matching `css`.
pub async fn click(client: &Client, css: &str) {
    client.find(Locator::Css(css)).await.expect(css).click().await.expect("click");
}

/// Replaces the value of the field matching `css` by typing `value`.
pub async fn fill(client: &Client, css: &str, value: &str) {
    let field = client.find(Locator::Css(css)).await.expect(css);
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

/// Opens `url` and waits for the page's scripts to have run.
pub async fn open(client: &Client, url: &str) {
    client.goto(url).await.expect("navigation");
    until(client, "document.readyState === 'complete'").await;
}
