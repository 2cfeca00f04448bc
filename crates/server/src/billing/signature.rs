//! Verification of the `Stripe-Signature` header: `t=<unix seconds>,v1=<hex>[,v1=…]`, where
//! each `v1` is HMAC-SHA256 of `"{t}.{raw body}"` under a webhook signing secret.

use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

/// How far an event's timestamp may be from now (replay protection).
pub const TOLERANCE_SECONDS: i64 = 300;

/// Why a delivery was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing")]
    Missing,
    #[error("the Stripe-Signature header is malformed (expected t=…,v1=…)")]
    Malformed,
    #[error("the signature's timestamp is more than 5 minutes from now")]
    Stale,
    #[error("no v1 signature matches the body under any configured secret")]
    Mismatch,
}

/// Checks `header` against `body` under every secret (several during a rotation), at
/// `now` (Unix seconds). Every `v1` value is compared in constant time.
pub fn verify(
    header: Option<&str>,
    body: &[u8],
    secrets: &[SecretString],
    now: i64,
) -> Result<(), SignatureError> {
    let parsed = Parsed::from_header(header.ok_or(SignatureError::Missing)?)?;
    if (now - parsed.timestamp).abs() > TOLERANCE_SECONDS {
        return Err(SignatureError::Stale);
    }
    let matches = |secret: &SecretString| {
        parsed.signatures.iter().any(|signature| {
            let mac = signed_payload_mac(secret.expose_secret(), parsed.timestamp, body);
            mac.verify_slice(signature).is_ok()
        })
    };
    if secrets.iter().any(matches) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

fn signed_payload_mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The header's timestamp and its `v1` signatures (other schemes, like `v0`, are ignored).
struct Parsed {
    timestamp: i64,
    signatures: Vec<Vec<u8>>,
}

impl Parsed {
    fn from_header(header: &str) -> Result<Self, SignatureError> {
        let mut timestamp = None;
        let mut signatures = Vec::new();
        for item in header.split(',') {
            let (key, value) = item.trim().split_once('=').ok_or(SignatureError::Malformed)?;
            match key {
                "t" if timestamp.is_none() => {
                    timestamp = Some(value.parse().map_err(|_| SignatureError::Malformed)?);
                }
                "t" => return Err(SignatureError::Malformed),
                // A value that is not hex cannot match; other v1 values may.
                "v1" => signatures.extend(hex::decode(value).ok()),
                _ => {}
            }
        }
        let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
        if signatures.is_empty() {
            return Err(SignatureError::Mismatch);
        }
        Ok(Self { timestamp, signatures })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"id":"evt_1","type":"customer.subscription.updated"}"#;
    const NOW: i64 = 1_800_000_000;

    fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
        hex::encode(signed_payload_mac(secret, timestamp, body).finalize().into_bytes())
    }

    fn secrets(names: &[&str]) -> Vec<SecretString> {
        names.iter().map(|s| SecretString::from(*s)).collect()
    }

    fn check(header: &str) -> Result<(), SignatureError> {
        verify(Some(header), BODY, &secrets(&["whsec_a"]), NOW)
    }

    #[test]
    fn a_stripe_signature_is_accepted() {
        assert_eq!(check(&format!("t={NOW},v1={}", sign("whsec_a", NOW, BODY))), Ok(()));
        let with_v0 = format!("t={NOW},v1={},v0=abcd", sign("whsec_a", NOW, BODY));
        assert_eq!(check(&with_v0), Ok(()));
    }

    #[test]
    fn any_v1_value_under_any_secret_may_match() {
        let old = sign("whsec_old", NOW, BODY);
        let header = format!("t={NOW},v1={},v1={old}", sign("whsec_other", NOW, BODY));
        assert_eq!(verify(Some(&header), BODY, &secrets(&["whsec_new", "whsec_old"]), NOW), Ok(()));
        assert_eq!(verify(Some(&header), BODY, &secrets(&["whsec_new"]), NOW), Err(SignatureError::Mismatch));
    }

    #[test]
    fn wrong_secret_tampered_body_and_wrong_timestamp_fail() {
        assert_eq!(
            check(&format!("t={NOW},v1={}", sign("whsec_b", NOW, BODY))),
            Err(SignatureError::Mismatch)
        );
        let tampered = sign("whsec_a", NOW, b"{\"id\":\"evt_2\"}");
        assert_eq!(check(&format!("t={NOW},v1={tampered}")), Err(SignatureError::Mismatch));
        let moved = sign("whsec_a", NOW - 1, BODY);
        assert_eq!(check(&format!("t={NOW},v1={moved}")), Err(SignatureError::Mismatch));
    }

    #[test]
    fn old_and_future_timestamps_are_stale() {
        for t in [NOW - TOLERANCE_SECONDS - 1, NOW + TOLERANCE_SECONDS + 1] {
            assert_eq!(check(&format!("t={t},v1={}", sign("whsec_a", t, BODY))), Err(SignatureError::Stale));
        }
        let edge = NOW - TOLERANCE_SECONDS;
        assert_eq!(check(&format!("t={edge},v1={}", sign("whsec_a", edge, BODY))), Ok(()));
    }

    #[test]
    fn malformed_headers_are_refused() {
        assert_eq!(verify(None, BODY, &secrets(&["whsec_a"]), NOW), Err(SignatureError::Missing));
        let good = sign("whsec_a", NOW, BODY);
        for header in
            ["", "garbage", "v1=abcd", &format!("t=soon,v1={good}"), &format!("t={NOW},t={NOW},v1={good}")]
        {
            assert_eq!(check(header), Err(SignatureError::Malformed), "{header}");
        }
        assert_eq!(check(&format!("t={NOW}")), Err(SignatureError::Mismatch));
        assert_eq!(check(&format!("t={NOW},v1=not-hex")), Err(SignatureError::Mismatch));
    }
}
