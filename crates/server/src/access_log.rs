//! The access-log line, written straight into the log buffer in the shape the subscriber
//! gives other events (compact text or JSON). It is written for every request, and going
//! through the subscriber's field visitors cost about a tenth of a tool call.

use std::cell::RefCell;
use std::time::Duration;

use crate::config::LogFormat;
use crate::log_buffer::LogBuffer;
use crate::log_time::write_timestamp;

/// What the access log records of one request.
pub struct AccessLine<'a> {
    pub method: &'a str,
    pub route: &'a str,
    pub status: u16,
    pub latency: Duration,
    pub request_id: &'a str,
}

/// Writes access lines into the shared log buffer.
pub struct AccessLog {
    buffer: LogBuffer,
    format: LogFormat,
}

thread_local! {
    static LINE: RefCell<String> = const { RefCell::new(String::new()) };
}

impl AccessLog {
    pub fn new(buffer: LogBuffer, format: LogFormat) -> Self {
        Self { buffer, format }
    }

    pub fn write(&self, line: &AccessLine<'_>) {
        LINE.with_borrow_mut(|text| {
            text.clear();
            match self.format {
                LogFormat::Json => line.write_json(text),
                LogFormat::Pretty => line.write_compact(text),
            }
            text.push('\n');
            self.buffer.write_line(text.as_bytes());
        });
    }
}

impl AccessLine<'_> {
    /// `2026-12-03T19:47:37.120997Z  INFO request method=POST route="/x" status=200 …`
    fn write_compact(&self, out: &mut String) {
        let _ = write_timestamp(out);
        out.push_str("  INFO request method=");
        out.push_str(self.method);
        out.push_str(" route=");
        push_quoted(out, self.route);
        out.push_str(" status=");
        out.push_str(itoa::Buffer::new().format(self.status));
        out.push_str(" latency_ms=");
        push_millis(out, self.latency);
        out.push_str(" request_id=");
        push_quoted(out, self.request_id);
    }

    /// `{"timestamp":"…","level":"INFO","message":"request","method":"POST",…}`
    fn write_json(&self, out: &mut String) {
        out.push_str("{\"timestamp\":\"");
        let _ = write_timestamp(out);
        out.push_str("\",\"level\":\"INFO\",\"message\":\"request\",\"method\":");
        push_quoted(out, self.method);
        out.push_str(",\"route\":");
        push_quoted(out, self.route);
        out.push_str(",\"status\":");
        out.push_str(itoa::Buffer::new().format(self.status));
        out.push_str(",\"latency_ms\":");
        push_millis(out, self.latency);
        out.push_str(",\"request_id\":");
        push_quoted(out, self.request_id);
        out.push('}');
    }
}

/// Milliseconds with microsecond precision, e.g. `0.602`.
fn push_millis(out: &mut String, latency: Duration) {
    let micros = latency.as_micros();
    let mut digits = itoa::Buffer::new();
    out.push_str(digits.format(micros / 1000));
    out.push('.');
    let fraction = digits.format(micros % 1000 + 1000);
    out.push_str(&fraction[1..]);
}

/// A double-quoted string, valid both as JSON and as the compact format's debug quoting.
/// Header values reach here only as visible ASCII or tabs; anything else is replaced.
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    if !text.bytes().any(|b| b == b'"' || b == b'\\' || b.is_ascii_control()) {
        out.push_str(text);
        out.push('"');
        return;
    }
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(request_id: &str) -> AccessLine<'_> {
        AccessLine {
            method: "POST",
            route: "/api/tools/{slug}",
            status: 200,
            latency: Duration::from_micros(1_602),
            request_id,
        }
    }

    #[test]
    fn compact_line_matches_the_subscribers_shape() {
        let mut text = String::new();
        line("ab-1").write_compact(&mut text);
        let (timestamp, rest) = text.split_at(27);
        chrono::DateTime::parse_from_rfc3339(timestamp).expect("timestamp");
        assert_eq!(
            rest,
            "  INFO request method=POST route=\"/api/tools/{slug}\" status=200 latency_ms=1.602 request_id=\"ab-1\""
        );
    }

    #[test]
    fn json_line_is_json_even_with_hostile_request_ids() {
        let mut text = String::new();
        line("a\"b\\c\td").write_json(&mut text);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["request_id"], "a\"b\\c\td");
        assert_eq!(value["status"], 200);
        assert_eq!(value["latency_ms"], 1.602);
        assert_eq!(value["message"], "request");
        assert!(value["timestamp"].as_str().is_some_and(|t| t.ends_with('Z')));
    }
}
