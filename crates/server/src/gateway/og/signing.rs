//! Signed public image URLs: `/og/{payload}.png?sig={signature}`, where the payload is the
//! card's input with its owner (base64url JSON) and the signature an HMAC-SHA256 of it
//! under a server secret shared by every instance.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use tokio::sync::OnceCell;
use toolshub_tools::og::Input;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Name of the signing key in the `app_secrets` table.
const SECRET_NAME: &str = "og_signing_key";
/// Longest payload accepted in a URL, in characters.
pub const MAX_PAYLOAD_CHARS: usize = 12 * 1024;

/// What a signed URL carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedCard {
    /// The account whose limit each fetch counts against.
    #[serde(rename = "o")]
    pub owner: Uuid,
    /// The API key the card was made with, for usage accounting.
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<Uuid>,
    #[serde(rename = "c")]
    pub card: Input,
}

/// A URL's payload and signature, both base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedPayload {
    pub payload: String,
    pub signature: String,
}

/// The HMAC key: `OG_SIGNING_SECRET`, or one created once and kept in the database.
#[derive(Default)]
pub struct Signer {
    key: OnceCell<Vec<u8>>,
}

impl Signer {
    async fn key(&self, state: &AppState) -> ApiResult<&[u8]> {
        let key = self
            .key
            .get_or_try_init(|| async {
                if let Some(secret) = &state.settings.og_signing_secret {
                    return Ok(secret.expose_secret().as_bytes().to_vec());
                }
                let mut candidate = [0u8; 32];
                rand::rng().fill_bytes(&mut candidate);
                let stored = state.store.app_secret(SECRET_NAME, &hex::encode(candidate)).await?;
                Ok::<_, ApiError>(stored.into_bytes())
            })
            .await?;
        Ok(key)
    }

    /// Signs `card` for public fetching.
    pub async fn sign(&self, state: &AppState, card: &SignedCard) -> ApiResult<SignedPayload> {
        let json = serde_json::to_vec(card).map_err(ApiError::internal)?;
        let payload = URL_SAFE_NO_PAD.encode(json);
        let signature = URL_SAFE_NO_PAD.encode(mac(self.key(state).await?, &payload).finalize().into_bytes());
        Ok(SignedPayload { payload, signature })
    }

    /// The card of a URL whose signature matches; anything else is refused (403).
    pub async fn verify(&self, state: &AppState, signed: &SignedPayload) -> ApiResult<SignedCard> {
        let signature = URL_SAFE_NO_PAD.decode(&signed.signature).map_err(|_| bad_signature())?;
        if signed.payload.len() > MAX_PAYLOAD_CHARS {
            return Err(bad_signature());
        }
        mac(self.key(state).await?, &signed.payload).verify_slice(&signature).map_err(|_| bad_signature())?;
        let json = URL_SAFE_NO_PAD.decode(&signed.payload).map_err(|_| bad_signature())?;
        serde_json::from_slice(&json).map_err(|_| bad_signature())
    }
}

fn mac(key: &[u8], payload: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(b"og1.");
    mac.update(payload.as_bytes());
    mac
}

fn bad_signature() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::FORBIDDEN,
        "invalid_signature",
        "This image URL is not signed by this server or was changed; create a new one with POST /api/tools/og-generator.",
    )
}
