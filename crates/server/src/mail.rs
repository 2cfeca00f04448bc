//! Outgoing mail over SMTP (`SMTP_URL`), or into the log when no server is configured.

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::MailSettings;

/// One mail: a plain-text body and the same content as HTML.
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Sends mail through the configured SMTP server; cheap to clone (pooled connections).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// The mailer for `settings`, or `None` when `SMTP_URL` is not set.
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Option<Self>> {
        let Some(url) = &settings.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())?.build();
        Ok(Some(Self { transport, from: settings.from.clone() }))
    }

    /// Sends `mail`; the caller decides what a failure means.
    pub async fn send(&self, mail: OutgoingMail) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(mail.to.parse::<Mailbox>()?)
            .subject(mail.subject)
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// Checks `SMTP_URL` the way the transport will read it (no connection is made).
pub fn check_smtp_url(url: &str) -> Result<(), String> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map(drop).map_err(|e| e.to_string())
}
