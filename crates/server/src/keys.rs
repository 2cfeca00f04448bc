//! API keys: `pk_` + 32 lowercase hex characters (128 bits from the OS CSPRNG).
//! Only the SHA-256 of a key is stored; the key is shown to its owner once.

use rand::rngs::OsRng;
use rand::TryRngCore;
use sha2::{Digest, Sha256};

const PREFIX: &str = "pk_";
const HEX_LEN: usize = 32;

/// Random bytes from the operating system's generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    OsRng.try_fill_bytes(&mut bytes).expect("the operating system's random generator failed");
    bytes
}

/// A fresh API key.
pub fn generate() -> String {
    format!("{PREFIX}{}", hex::encode(random_bytes::<16>()))
}

/// True when `key` has the shape of one of our keys (checked before any I/O).
pub fn is_well_formed(key: &str) -> bool {
    key.len() == PREFIX.len() + HEX_LEN
        && key.starts_with(PREFIX)
        && key[PREFIX.len()..].bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The stored form of a secret token: SHA-256, lowercase hex.
pub fn hash(secret: &str) -> String {
    // Every tool call hashes its key; `hex::encode` goes through a char iterator.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = Vec::with_capacity(64);
    for byte in Sha256::digest(secret.as_bytes()) {
        text.extend([DIGITS[usize::from(byte >> 4)], DIGITS[usize::from(byte & 0xf)]]);
    }
    String::from_utf8(text).expect("hex digits are ASCII")
}

/// What the dashboard shows of a key, e.g. `pk_1a2b…9f0e`.
pub fn hint(key: &str) -> String {
    let tail = &key[key.len().saturating_sub(4)..];
    let head = &key[..key.len().min(PREFIX.len() + 4)];
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_are_well_formed_and_distinct() {
        let (a, b) = (generate(), generate());
        assert!(is_well_formed(&a) && is_well_formed(&b));
        assert_ne!(a, b);
    }

    #[test]
    fn malformed_keys_are_refused() {
        let ok = "pk_0123456789abcdef0123456789abcdef";
        assert!(is_well_formed(ok));
        for bad in [
            "",
            "pk_",
            &ok[..34],
            &format!("{ok}0"),
            &ok.to_uppercase(),
            &ok.replace("pk_", "sk_"),
            "pk_0123456789abcdef0123456789abcdeg",
            "pk_ü123456789abcdef0123456789abcd",
        ] {
            assert!(!is_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn hash_is_sha256_hex_and_hint_hides_the_middle() {
        assert_eq!(hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(hint("pk_1a2b3c4d5e6f7a8b9c0d1e2f3a4b9f0e"), "pk_1a2b…9f0e");
    }
}
