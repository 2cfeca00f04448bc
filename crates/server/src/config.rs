//! Typed settings, read once from the environment (and `.env`) at start-up.
//!
//! Every variable has a default that gives a working single-machine server; a value that
//! does not parse stops start-up with an error naming the variable.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

mod llm;
pub use llm::{LlmEndpoint, LlmSettings};

/// Which rate-limiting algorithm the limiter uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimitAlgorithm {
    /// Counter per calendar window (the seed's behaviour).
    Fixed,
    /// Sliding-window counter: the previous window's count, weighted by its overlap.
    Sliding,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// All settings of one server instance.
#[derive(Debug, Clone)]
pub struct Settings {
    pub host: IpAddr,
    pub port: u16,
    /// The public address of the site, used for links, cookies and origin checks.
    pub app_url: Url,
    pub database_url: SecretString,
    pub redis_url: Option<SecretString>,
    pub free_rate_limit: u32,
    pub pro_rate_limit: u32,
    pub anon_rate_limit: u32,
    pub rate_limit_algorithm: RateLimitAlgorithm,
    /// Take the client address from the first `X-Forwarded-For` hop.
    pub trust_proxy: bool,
    pub log_format: LogFormat,
    /// How often usage counts are written to the database.
    pub usage_flush_interval: std::time::Duration,
    /// Prepended to every Redis key and channel (lets instances or tests share a server).
    pub redis_prefix: String,
    /// How password-reset mail is sent.
    pub mail: MailSettings,
    pub stripe: StripeSettings,
    /// The blog generator's language model.
    pub llm: LlmSettings,
    /// Key for signing public OG image URLs (`OG_SIGNING_SECRET`); when unset, a random
    /// key is created once and kept in the database.
    pub og_signing_secret: Option<SecretString>,
}

/// Outgoing mail: `SMTP_URL` and `MAIL_FROM`.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://host:25` or `smtps://user:pass@host:465`; unset: links are logged instead.
    pub smtp_url: Option<SecretString>,
    /// The sender, e.g. `Tools Hub <no-reply@example.com>`.
    pub from: lettre::message::Mailbox,
}

/// Stripe billing; off until `STRIPE_SECRET_KEY` is set.
#[derive(Debug, Clone)]
pub struct StripeSettings {
    pub secret_key: Option<SecretString>,
    /// Webhook signing secrets (several during a rotation); required with a secret key,
    /// and without one, webhooks are refused.
    pub webhook_secrets: Vec<SecretString>,
    /// The price of the pro plan (required with a secret key).
    pub price_id_pro: String,
    /// Stripe's API address (a local server in tests).
    pub api_base: Url,
}

impl StripeSettings {
    /// True when checkout and the billing portal can be used.
    pub fn enabled(&self) -> bool {
        self.secret_key.is_some()
    }
}

/// A variable whose value could not be used.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.variable, self.problem)
    }
}

impl std::error::Error for ConfigError {}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(&std::env::vars().collect())
    }

    /// Reads the settings from a map of variables (the environment, or a test's).
    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let env = Env(vars);
        Ok(Self {
            host: env.parse("HOST", "127.0.0.1", "an IP address such as 127.0.0.1 or 0.0.0.0")?,
            port: env.parse("PORT", "3000", "a port number from 0 to 65535")?,
            app_url: env.url("APP_URL", "http://localhost:3000", &["http", "https"])?,
            database_url: env.database_url()?,
            redis_url: env.optional_url("REDIS_URL", &["redis", "rediss"])?,
            free_rate_limit: env.limit("FREE_RATE_LIMIT", "200")?,
            pro_rate_limit: env.limit("PRO_RATE_LIMIT", "2000")?,
            anon_rate_limit: env.limit("ANON_RATE_LIMIT", "30")?,
            rate_limit_algorithm: env.algorithm()?,
            trust_proxy: env.flag("TRUST_PROXY")?,
            log_format: env.log_format()?,
            usage_flush_interval: std::time::Duration::from_secs(env.parse(
                "USAGE_FLUSH_SECONDS",
                "5",
                "a whole number of seconds",
            )?),
            redis_prefix: env.get("REDIS_KEY_PREFIX").unwrap_or_default().to_owned(),
            mail: env.mail()?,
            stripe: env.stripe()?,
            llm: env.llm()?,
            og_signing_secret: env.secret("OG_SIGNING_SECRET", MIN_SECRET_CHARS)?,
        })
    }

    /// True when cookies must carry the `Secure` attribute.
    pub fn secure_cookies(&self) -> bool {
        self.app_url.scheme() == "https"
    }

    /// The site's origin (`scheme://host[:port]`), as browsers send it in `Origin`.
    pub fn app_origin(&self) -> String {
        self.app_url.origin().ascii_serialization()
    }
}

/// Shortest accepted signing secret, in characters.
const MIN_SECRET_CHARS: usize = 32;

struct Env<'a>(&'a HashMap<String, String>);

impl Env<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    fn parse<T: std::str::FromStr>(
        &self,
        name: &'static str,
        default: &str,
        expected: &str,
    ) -> Result<T, ConfigError> {
        let raw = self.get(name).unwrap_or(default);
        raw.parse().map_err(|_| invalid(name, format!("'{raw}' is not {expected}")))
    }

    fn limit(&self, name: &'static str, default: &str) -> Result<u32, ConfigError> {
        let value: u32 = self.parse(name, default, "a whole number of requests per minute")?;
        if value == 0 {
            return Err(invalid(name, "must be at least 1".into()));
        }
        Ok(value)
    }

    fn url(&self, name: &'static str, default: &str, schemes: &[&str]) -> Result<Url, ConfigError> {
        let raw = self.get(name).unwrap_or(default);
        parse_url(name, raw, schemes)
    }

    fn optional_url(
        &self,
        name: &'static str,
        schemes: &[&str],
    ) -> Result<Option<SecretString>, ConfigError> {
        self.get(name).map(|raw| parse_url(name, raw, schemes).map(|_| SecretString::from(raw))).transpose()
    }

    fn database_url(&self) -> Result<SecretString, ConfigError> {
        let raw = self.get("DATABASE_URL").unwrap_or("sqlite://data/toolshub.db");
        let scheme = raw.split_once("://").map(|(s, _)| s).unwrap_or_default();
        if !matches!(scheme, "sqlite" | "postgres" | "postgresql") {
            return Err(invalid("DATABASE_URL", "expected sqlite://PATH or postgres://USER@HOST/DB".into()));
        }
        if scheme != "sqlite" {
            parse_url("DATABASE_URL", raw, &["postgres", "postgresql"])?;
        }
        Ok(SecretString::from(raw))
    }

    fn secret(&self, name: &'static str, min_chars: usize) -> Result<Option<SecretString>, ConfigError> {
        let Some(raw) = self.get(name) else { return Ok(None) };
        if raw.chars().count() < min_chars {
            return Err(invalid(name, format!("must be at least {min_chars} characters (use random ones)")));
        }
        Ok(Some(SecretString::from(raw)))
    }

    fn flag(&self, name: &'static str) -> Result<bool, ConfigError> {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            None | Some("0" | "false" | "no" | "off") => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some(other) => Err(invalid(name, format!("'{other}' is not 1/0 or true/false"))),
        }
    }

    fn algorithm(&self) -> Result<RateLimitAlgorithm, ConfigError> {
        match self.get("RATE_LIMIT_ALGORITHM").unwrap_or("fixed") {
            "fixed" => Ok(RateLimitAlgorithm::Fixed),
            "sliding" => Ok(RateLimitAlgorithm::Sliding),
            other => Err(invalid("RATE_LIMIT_ALGORITHM", format!("'{other}' is not 'fixed' or 'sliding'"))),
        }
    }

    fn mail(&self) -> Result<MailSettings, ConfigError> {
        let smtp_url = self.optional_url("SMTP_URL", &["smtp", "smtps"])?;
        if let Some(url) = &smtp_url {
            crate::mail::check_smtp_url(url.expose_secret()).map_err(|e| invalid("SMTP_URL", e))?;
        }
        let from = self.get("MAIL_FROM").unwrap_or("Tools Hub <no-reply@localhost>");
        let from = from.parse().map_err(|e| invalid("MAIL_FROM", format!("not a mailbox ({e})")))?;
        Ok(MailSettings { smtp_url, from })
    }

    fn stripe(&self) -> Result<StripeSettings, ConfigError> {
        let secret_key = self.get("STRIPE_SECRET_KEY");
        if secret_key.is_some_and(|key| !key.starts_with("sk_") && !key.starts_with("rk_")) {
            return Err(invalid(
                "STRIPE_SECRET_KEY",
                "expected a secret key (sk_…) or restricted key (rk_…)".into(),
            ));
        }
        let price_id_pro = self.get("STRIPE_PRICE_ID_PRO").unwrap_or_default().to_owned();
        if secret_key.is_some() && price_id_pro.is_empty() {
            return Err(invalid(
                "STRIPE_PRICE_ID_PRO",
                "required when STRIPE_SECRET_KEY is set (price_…)".into(),
            ));
        }
        let secrets = self.get("STRIPE_WEBHOOK_SECRET").unwrap_or_default().split(',').map(str::trim);
        let webhook_secrets: Vec<_> = secrets.filter(|s| !s.is_empty()).map(SecretString::from).collect();
        if secret_key.is_some() && webhook_secrets.is_empty() {
            // Checkout without webhooks would take payments and never change a plan.
            return Err(invalid(
                "STRIPE_WEBHOOK_SECRET",
                "required when STRIPE_SECRET_KEY is set (whsec_…, comma-separated during a rotation)".into(),
            ));
        }
        Ok(StripeSettings {
            secret_key: secret_key.map(SecretString::from),
            webhook_secrets,
            price_id_pro,
            api_base: self.url("STRIPE_API_BASE", "https://api.stripe.com", &["http", "https"])?,
        })
    }

    fn log_format(&self) -> Result<LogFormat, ConfigError> {
        match self.get("LOG_FORMAT").unwrap_or("pretty") {
            "pretty" => Ok(LogFormat::Pretty),
            "json" => Ok(LogFormat::Json),
            other => Err(invalid("LOG_FORMAT", format!("'{other}' is not 'pretty' or 'json'"))),
        }
    }
}

fn parse_url(name: &'static str, raw: &str, schemes: &[&str]) -> Result<Url, ConfigError> {
    let url = Url::parse(raw).map_err(|e| invalid(name, format!("not a URL ({e})")))?;
    if !schemes.contains(&url.scheme()) {
        let expected = schemes.join(" or ");
        return Err(invalid(name, format!("scheme must be {expected}")));
    }
    if url.host_str().is_none() {
        return Err(invalid(name, "the URL has no host".into()));
    }
    Ok(url)
}

fn invalid(variable: &'static str, problem: String) -> ConfigError {
    ConfigError { variable, problem }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let vars = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Settings::from_vars(&vars)
    }

    #[test]
    fn defaults_give_a_local_server() {
        let s = settings(&[]).unwrap();
        assert_eq!((s.host.to_string(), s.port), ("127.0.0.1".into(), 3000));
        assert_eq!(s.database_url.expose_secret(), "sqlite://data/toolshub.db");
        assert_eq!((s.free_rate_limit, s.pro_rate_limit, s.anon_rate_limit), (200, 2000, 30));
        assert_eq!(s.app_origin(), "http://localhost:3000");
        assert!(!s.secure_cookies() && s.redis_url.is_none());
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (var, value) in [
            ("PORT", "abc"),
            ("PORT", "70000"),
            ("HOST", "local host"),
            ("APP_URL", "not a url"),
            ("APP_URL", "ftp://x"),
            ("DATABASE_URL", "mysql://x"),
            ("DATABASE_URL", "postgres://"),
            ("REDIS_URL", "http://x"),
            ("FREE_RATE_LIMIT", "-1"),
            ("PRO_RATE_LIMIT", "0"),
            ("RATE_LIMIT_ALGORITHM", "leaky"),
            ("TRUST_PROXY", "maybe"),
            ("LOG_FORMAT", "xml"),
            ("SMTP_URL", "http://mail.example.com"),
            ("MAIL_FROM", "not a mailbox"),
            ("STRIPE_SECRET_KEY", "pk_live_123"),
            ("STRIPE_API_BASE", "stripe"),
            ("LLM_TIMEOUT_SECONDS", "0"),
            ("OG_SIGNING_SECRET", "short"),
        ] {
            let err = settings(&[(var, value)]).unwrap_err();
            assert_eq!(err.variable, var, "{value}");
            assert!(err.to_string().starts_with(&format!("invalid {var}: ")));
        }
    }

    #[test]
    fn smtp_urls_and_senders() {
        let s = settings(&[
            ("SMTP_URL", "smtps://user:pass@mail.example.com:465"),
            ("MAIL_FROM", "Ops <ops@x.io>"),
        ]);
        let mail = s.unwrap().mail;
        assert!(mail.smtp_url.is_some());
        assert_eq!(mail.from.email.to_string(), "ops@x.io");
        assert!(settings(&[]).unwrap().mail.smtp_url.is_none(), "no SMTP_URL: links are logged");
    }

    #[test]
    fn stripe_needs_a_price_and_takes_several_webhook_secrets() {
        assert!(!settings(&[]).unwrap().stripe.enabled());
        let err = settings(&[("STRIPE_SECRET_KEY", "sk_test_1")]).unwrap_err();
        assert_eq!(err.variable, "STRIPE_PRICE_ID_PRO");
        let err =
            settings(&[("STRIPE_SECRET_KEY", "sk_test_1"), ("STRIPE_PRICE_ID_PRO", "price_1")]).unwrap_err();
        assert_eq!(err.variable, "STRIPE_WEBHOOK_SECRET");
        let s = settings(&[
            ("STRIPE_SECRET_KEY", "sk_test_1"),
            ("STRIPE_PRICE_ID_PRO", "price_1"),
            ("STRIPE_WEBHOOK_SECRET", "whsec_new, whsec_old,"),
        ])
        .unwrap();
        let secrets: Vec<_> = s.stripe.webhook_secrets.iter().map(|s| s.expose_secret().to_owned()).collect();
        assert_eq!(secrets, ["whsec_new", "whsec_old"]);
        assert!(s.stripe.enabled());
        assert_eq!(s.stripe.api_base.as_str(), "https://api.stripe.com/");
    }

    #[test]
    fn a_language_model_needs_a_base_url_and_a_model() {
        assert!(settings(&[]).unwrap().llm.endpoint.is_none());
        assert_eq!(settings(&[("LLM_BASE_URL", "http://h/v1")]).unwrap_err().variable, "LLM_MODEL");
        assert_eq!(
            settings(&[("LLM_BASE_URL", "h"), ("LLM_MODEL", "m")]).unwrap_err().variable,
            "LLM_BASE_URL"
        );
        let s =
            settings(&[("LLM_BASE_URL", "http://h/v1"), ("LLM_MODEL", "m"), ("LLM_TIMEOUT_SECONDS", "2")]);
        let llm = s.unwrap().llm;
        assert_eq!((llm.endpoint.unwrap().model.as_str(), llm.timeout.as_secs()), ("m", 2));
    }

    #[test]
    fn https_app_url_means_secure_cookies() {
        let s = settings(&[("APP_URL", "https://tools.example.com"), ("TRUST_PROXY", "1")]).unwrap();
        assert!(s.secure_cookies() && s.trust_proxy);
        assert_eq!(s.app_origin(), "https://tools.example.com");
    }
}
