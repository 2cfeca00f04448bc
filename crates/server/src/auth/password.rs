//! Password hashing with argon2id (OWASP parameters), off the async runtime.

use std::sync::Arc;

use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::{OnceCell, Semaphore};

use crate::keys::random_bytes;

/// OWASP's argon2id recommendation: 19 MiB of memory, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes and verifies passwords on the blocking pool, a bounded number at a time
/// (each hash holds 19 MiB, so a login flood cannot exhaust memory).
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    dummy_hash: Arc<OnceCell<String>>,
}

impl Default for Passwords {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self { permits: Arc::new(Semaphore::new(cores * 2)), dummy_hash: Arc::default() }
    }
}

impl Passwords {
    /// A PHC-format argon2id hash of `password` with a random salt.
    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let password = password.to_owned();
        self.run(move || {
            let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16-byte salt");
            let hash = argon2().hash_password(password.as_bytes(), &salt)?;
            Ok(hash.to_string())
        })
        .await
    }

    /// Checks `password` against `stored`. With no stored hash (unknown account) it
    /// verifies against a dummy hash, so both cases take the same time, and fails.
    pub async fn verify(&self, password: &str, stored: Option<String>) -> anyhow::Result<bool> {
        let known = stored.is_some();
        let stored = match stored {
            Some(hash) => hash,
            None => self.dummy_hash().await?,
        };
        let password = password.to_owned();
        let matches = self
            .run(move || {
                let parsed = PasswordHash::new(&stored)?;
                Ok(argon2().verify_password(password.as_bytes(), &parsed).is_ok())
            })
            .await?;
        Ok(known && matches)
    }

    async fn dummy_hash(&self) -> anyhow::Result<String> {
        let hash = self
            .dummy_hash
            .get_or_try_init(|| async {
                let throwaway = hex::encode(random_bytes::<16>());
                self.hash(&throwaway).await
            })
            .await?;
        Ok(hash.clone())
    }

    async fn run<T, F>(&self, work: F) -> anyhow::Result<T>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, argon2::password_hash::Error> + Send + 'static,
    {
        let _permit = self.permits.acquire().await.context("password hasher closed")?;
        tokio::task::spawn_blocking(work)
            .await
            .context("password task failed")?
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_are_salted() {
        let passwords = Passwords::default();
        let a = passwords.hash("correct horse").await.unwrap();
        let b = passwords.hash("correct horse").await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_ne!(a, b);
        assert!(passwords.verify("correct horse", Some(a.clone())).await.unwrap());
        assert!(!passwords.verify("wrong horse", Some(a)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_never_verifies() {
        let passwords = Passwords::default();
        assert!(!passwords.verify("anything", None).await.unwrap());
    }
}
