//! Values parsed at the edge: once built, they are valid.

use secrecy::{ExposeSecret, SecretString};

/// An email address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` (at most 254 characters), normalised.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        let valid = email.chars().count() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && domain.contains('.')
                        && !domain.contains('@')
                        && domain.split('.').all(|label| !label.is_empty())
                }
                None => false,
            };
        if valid {
            Ok(Self(email))
        } else {
            Err("`email` must be an email address such as ada@example.com".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password a user chose: 8 to 256 characters, nothing else required.
#[derive(Debug, Clone)]
pub struct NewPassword(SecretString);

impl NewPassword {
    pub const MIN: usize = 8;
    pub const MAX: usize = 256;

    pub fn parse(raw: &str, field: &str) -> Result<Self, String> {
        let length = raw.chars().count();
        if (Self::MIN..=Self::MAX).contains(&length) {
            Ok(Self(SecretString::from(raw)))
        } else {
            Err(format!("`{field}` must be {} to {} characters long", Self::MIN, Self::MAX))
        }
    }

    pub fn secret(&self) -> &SecretString {
        &self.0
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

/// The label of an API key: 1 to 64 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLabel(String);

impl KeyLabel {
    pub const MAX: usize = 64;

    /// `None` gives the default label "Default".
    pub fn parse(raw: Option<&str>) -> Result<Self, String> {
        let Some(raw) = raw else {
            return Ok(Self("Default".into()));
        };
        let label = raw.trim();
        let length = label.chars().count();
        if length == 0 || length > Self::MAX || label.chars().any(char::is_control) {
            return Err(format!("`label` must be 1 to {} printable characters", Self::MAX));
        }
        Ok(Self(label.to_owned()))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(Email::parse("  Ada@Example.COM ").unwrap().as_str(), "ada@example.com");
        assert_eq!(Email::parse("ÉLODIE@exemple.fr").unwrap().as_str(), "élodie@exemple.fr");
    }

    #[test]
    fn malformed_emails_are_refused() {
        let long_local = format!("{}@x.io", "a".repeat(65));
        let long = format!("a@{}.io", "b".repeat(260));
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@example",
            "a b@c.io",
            "a@b..io",
            "a@b@c.io",
            &long_local,
            &long,
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn password_length_is_counted_in_characters() {
        assert!(NewPassword::parse("1234567", "password").is_err());
        assert!(NewPassword::parse("12345678", "password").is_ok());
        assert!(NewPassword::parse(&"é".repeat(256), "password").is_ok());
        assert!(NewPassword::parse(&"é".repeat(257), "password").is_err());
    }

    #[test]
    fn labels_default_and_are_bounded() {
        assert_eq!(KeyLabel::parse(None).unwrap().into_inner(), "Default");
        assert_eq!(KeyLabel::parse(Some(" Prod ")).unwrap().into_inner(), "Prod");
        assert!(KeyLabel::parse(Some("  ")).is_err());
        assert!(KeyLabel::parse(Some(&"x".repeat(65))).is_err());
        assert!(KeyLabel::parse(Some("a\u{0}b")).is_err());
        assert!(KeyLabel::parse(Some(&"ü".repeat(64))).is_ok());
    }
}
