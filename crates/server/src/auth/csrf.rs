//! Cross-site request forgery protection for cookie-authenticated requests.
//!
//! Browsers send `Origin` on every cross-origin and every same-origin POST/PUT/PATCH/DELETE
//! and `Sec-Fetch-Site` on every request, so a request without either did not come from
//! a browser page and cannot carry a forged cookie-authenticated intent.

use axum::http::{header, HeaderMap, Method};

/// True when a request using the session cookie may change state.
pub fn allows(method: &Method, headers: &HeaderMap, app_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(origin) = header_str(headers, header::ORIGIN.as_str()) {
        return origin == app_origin || origin_matches_host(origin, headers);
    }
    match header_str(headers, "sec-fetch-site") {
        Some(site) => site == "same-origin" || site == "none",
        None => true,
    }
}

/// True when a browser says the request comes from one of our own pages.
pub fn is_same_origin(headers: &HeaderMap, app_origin: &str) -> bool {
    match header_str(headers, header::ORIGIN.as_str()) {
        Some(origin) => origin == app_origin || origin_matches_host(origin, headers),
        None => header_str(headers, "sec-fetch-site") == Some("same-origin"),
    }
}

/// The browser addressed us by this host (e.g. 127.0.0.1 while APP_URL says localhost).
fn origin_matches_host(origin: &str, headers: &HeaderMap) -> bool {
    let Some(host) = header_str(headers, header::HOST.as_str()) else {
        return false;
    };
    let authority = origin.split_once("://").map(|(_, rest)| rest);
    authority == Some(host)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    const APP: &str = "http://localhost:3000";

    #[test]
    fn own_origin_and_safe_methods_pass() {
        assert!(allows(&Method::POST, &headers(&[("origin", APP)]), APP));
        assert!(allows(&Method::GET, &headers(&[("origin", "https://evil.example")]), APP));
        assert!(allows(&Method::POST, &headers(&[("sec-fetch-site", "same-origin")]), APP));
        assert!(allows(&Method::DELETE, &headers(&[]), APP), "non-browser clients have neither header");
        let by_ip = headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]);
        assert!(allows(&Method::POST, &by_ip, APP));
    }

    #[test]
    fn same_origin_needs_positive_evidence() {
        assert!(is_same_origin(&headers(&[("origin", APP)]), APP));
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")]), APP));
        assert!(!is_same_origin(&headers(&[]), APP));
        assert!(!is_same_origin(&headers(&[("origin", "https://evil.example")]), APP));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")]), APP));
    }

    #[test]
    fn foreign_requests_are_refused() {
        assert!(!allows(&Method::POST, &headers(&[("origin", "https://evil.example")]), APP));
        assert!(!allows(&Method::POST, &headers(&[("origin", "null")]), APP));
        assert!(!allows(&Method::DELETE, &headers(&[("sec-fetch-site", "cross-site")]), APP));
        assert!(!allows(&Method::POST, &headers(&[("sec-fetch-site", "same-site")]), APP));
        let spoof = headers(&[("origin", "http://evil.example"), ("host", "localhost:3000")]);
        assert!(!allows(&Method::POST, &spoof, APP));
    }
}
