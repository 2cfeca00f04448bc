//! Typed settings, read once from the environment (and `.env`) at start-up.
//!
//! Every variable has a default that gives a working single-machine server; a value that
//! does not parse stops start-up with an error naming the variable.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;

use secrecy::SecretString;
use url::Url;

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
    /// Key for signing public OG image URLs (`OG_SIGNING_SECRET`); when unset, a random
    /// key is created once and kept in the database.
    pub og_signing_secret: Option<SecretString>,
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
    use secrecy::ExposeSecret;

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
            ("OG_SIGNING_SECRET", "short"),
        ] {
            let err = settings(&[(var, value)]).unwrap_err();
            assert_eq!(err.variable, var, "{value}");
            assert!(err.to_string().starts_with(&format!("invalid {var}: ")));
        }
    }

    #[test]
    fn https_app_url_means_secure_cookies() {
        let s = settings(&[("APP_URL", "https://tools.example.com"), ("TRUST_PROXY", "1")]).unwrap();
        assert!(s.secure_cookies() && s.trust_proxy);
        assert_eq!(s.app_origin(), "https://tools.example.com");
    }
}
