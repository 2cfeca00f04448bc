//! A buffered stdout for log lines: each line is copied into a shared 64 KiB buffer that
//! is written out when full and by a background flush a few times a second, so a request
//! costs neither a `write` system call nor waking another thread.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tracing_subscriber::fmt::MakeWriter;

const CAPACITY: usize = 64 * 1024;
const FLUSH_EVERY: Duration = Duration::from_millis(200);

/// The shared buffer in front of stdout; cheap to clone.
#[derive(Clone)]
pub struct LogBuffer(Arc<Mutex<BufWriter<Stdout>>>);

impl LogBuffer {
    /// A buffer with a background thread that flushes it periodically.
    pub fn start() -> Self {
        let buffer = Self(Arc::new(Mutex::new(BufWriter::with_capacity(CAPACITY, io::stdout()))));
        let flusher = buffer.clone();
        std::thread::Builder::new()
            .name("log-flush".into())
            .spawn(move || loop {
                std::thread::sleep(FLUSH_EVERY);
                flusher.flush();
            })
            .expect("can start the log flush thread");
        buffer
    }

    /// Writes out everything buffered.
    pub fn flush(&self) {
        let _ = self.lock().flush();
    }

    /// Appends one complete line (written out with the next flush).
    pub fn write_line(&self, line: &[u8]) {
        let _ = self.lock().write_all(line);
    }

    fn lock(&self) -> MutexGuard<'_, BufWriter<Stdout>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Flushes the buffer when dropped (keep it alive until the process ends).
pub struct FlushOnDrop(pub LogBuffer);

impl Drop for FlushOnDrop {
    fn drop(&mut self) {
        self.0.flush();
    }
}

/// One event's writer: holds the buffer for the copy of its line, and never flushes.
pub struct LineWriter<'a>(MutexGuard<'a, BufWriter<Stdout>>);

impl Write for LineWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogBuffer {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter(self.lock())
    }
}
