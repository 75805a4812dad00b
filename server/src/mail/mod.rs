//! E-mail: the SMTP settings, turning an outbox row into a message, the
//! background worker that sends them (`worker`) and the unsubscribe link's
//! page (`unsubscribe`).
//!
//! Requests never talk to the SMTP server: they queue rows in the outbox
//! (`app::ssr::mail_store`) and the worker sends them, so a slow or absent
//! mail server cannot slow a page, and nothing is lost across restarts.

pub mod unsubscribe;
pub mod worker;

use crate::startup::StartupError;
use crate::store::redact_url;
use app::ssr::mail_store::OutboxMail;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Message, Tokio1Executor};

pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// The default sender when `PITCHBRIDGE_MAIL_FROM` is unset.
pub const DEFAULT_FROM: &str = "Pitchbridge <no-reply@pitchbridge.kr>";

/// How long one SMTP conversation may take before it counts as failed.
const SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The SMTP connection from `PITCHBRIDGE_SMTP_URL`: `smtp://host:port`
/// (plain, for a local relay or catcher), `smtp://…?tls=required`
/// (STARTTLS) or `smtps://user:pass@host` (TLS). Errors never show the
/// password.
pub fn transport(url: &str) -> Result<Transport, StartupError> {
    let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| {
        StartupError::new(format!(
            "PITCHBRIDGE_SMTP_URL {} is not usable ({e}); use smtp://host:port or smtps://user:password@host",
            redact_url(url)
        ))
    })?;
    Ok(builder.timeout(Some(SMTP_TIMEOUT)).build())
}

/// The sender address, checked at start.
pub fn sender(from: &str) -> Result<Mailbox, StartupError> {
    from.parse().map_err(|e| {
        StartupError::new(format!(
            "PITCHBRIDGE_MAIL_FROM {from:?} is not a mailbox ({e}); use \"Name <address@example.kr>\""
        ))
    })
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(
            s.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .into(),
        ))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): mail
/// providers may then unsubscribe with a POST to the link, no page visit.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

/// The message for an outbox row: UTF-8 plain text, the subject encoded
/// by lettre (RFC 2047), unsubscribe headers on digests. An address that
/// does not parse is an error to record, not a panic.
pub fn message(from: &Mailbox, mail: &OutboxMail) -> Result<Message, String> {
    let address = mail
        .to_address
        .parse::<lettre::Address>()
        .map_err(|e| format!("recipient address is not valid: {e}"))?;
    let to = Mailbox::new(Some(mail.to_name.clone()), address);
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    if let Some(url) = &mail.unsubscribe_url {
        builder = builder
            .header(ListUnsubscribe(url.clone()))
            .header(ListUnsubscribePost);
    }
    builder
        .body(mail.body_text.clone())
        .map_err(|e| format!("message could not be built: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::ssr::mail_store::MailKind;

    fn outbox(unsubscribe: Option<&str>) -> OutboxMail {
        OutboxMail {
            id: 1,
            to_address: "founder@example.kr".into(),
            to_name: "이대표".into(),
            subject: "[Pitchbridge] 김투자 님이 미팅을 요청했습니다".into(),
            body_text: "안녕하세요".into(),
            body_html: None,
            unsubscribe_url: unsubscribe.map(Into::into),
            kind: MailKind::Digest,
            attempts: 1,
        }
    }

    #[test]
    fn korean_subject_is_encoded_and_digests_carry_one_click_unsubscribe() {
        let from = sender(DEFAULT_FROM).unwrap();
        let raw = message(
            &from,
            &outbox(Some("https://pb.example/mail/unsubscribe?token=t")),
        )
        .unwrap()
        .formatted();
        let text = String::from_utf8_lossy(&raw);
        // Non-ASCII words travel as RFC 2047 encoded words; no raw Korean
        // in the header.
        let subject = text.lines().find(|l| l.starts_with("Subject:")).unwrap();
        assert!(subject.contains("=?utf-8?b?"), "{text}");
        assert!(subject.is_ascii(), "{text}");
        assert!(text.contains("List-Unsubscribe: <https://pb.example/mail/unsubscribe?token=t>"));
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        let plain = message(&from, &outbox(None)).unwrap().formatted();
        assert!(!String::from_utf8_lossy(&plain).contains("List-Unsubscribe"));
    }

    #[test]
    fn bad_settings_and_addresses_are_errors_without_secrets() {
        let err = transport("ftp://user:hunter2@host")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("hunter2"), "{err}");
        assert!(sender("not a mailbox").is_err());
        let mut bad = outbox(None);
        bad.to_address = "nobody".into();
        assert!(message(&sender(DEFAULT_FROM).unwrap(), &bad).is_err());
    }
}
