//! Log timestamps (`2026-12-03T18:20:01.123456Z`) with the date and time of day formatted
//! once per second per thread: formatting a full timestamp for every access-log line was
//! a visible share of a tool call's cost.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::FormatTime;

/// UTC timestamps with microseconds, RFC 3339.
#[derive(Debug, Clone, Copy, Default)]
pub struct UtcMicros;

thread_local! {
    static SECOND: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
}

impl FormatTime for UtcMicros {
    fn format_time(&self, w: &mut Writer<'_>) -> std::fmt::Result {
        write_timestamp(w)
    }
}

/// Writes the current time as `2026-12-03T18:20:01.123456Z`.
pub fn write_timestamp(out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let (seconds, mut micros) = (now.as_secs(), now.subsec_micros());
    let mut digits = [b'0'; 6];
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (micros % 10) as u8;
        micros /= 10;
    }
    SECOND.with_borrow_mut(|(cached, prefix)| {
        if *cached != seconds {
            *cached = seconds;
            prefix.clear();
            let time = chrono::DateTime::from_timestamp(seconds as i64, 0).unwrap_or_default();
            let _ = write!(prefix, "{}", time.format("%Y-%m-%dT%H:%M:%S"));
        }
        out.write_str(prefix)?;
        out.write_char('.')?;
        out.write_str(std::str::from_utf8(&digits).unwrap_or("000000"))?;
        out.write_char('Z')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rfc3339_with_microseconds() {
        let mut text = String::new();
        UtcMicros.format_time(&mut Writer::new(&mut text)).unwrap();
        UtcMicros.format_time(&mut Writer::new(&mut text)).unwrap();
        let parsed = chrono::DateTime::parse_from_rfc3339(&text[..27]).unwrap();
        let age = chrono::Utc::now().signed_duration_since(parsed);
        assert!(age.num_seconds().abs() < 5, "{text}");
        assert_eq!(text.len(), 54, "{text}");
    }
}
