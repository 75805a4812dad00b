//! The store's e-mail part: the outbox a background task works, and the
//! daily digest's opt-in. A supertrait of [`Store`](super::Store) like the
//! other parts; both backends implement it and run the same tests.
//!
//! Mail is never sent from a request: it is queued here (for meeting
//! requests in the same transaction as the request itself) and a worker
//! claims due rows, sends them and marks them. A claim is a lease, so a
//! worker that dies mid-send lets go of its rows when the lease ends.

use super::store::{DbResult, NewAuditEvent};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    MeetingRequest,
    Digest,
    /// Checklist items due soon or overdue.
    ReadinessReminder,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::MeetingRequest => "meeting_request",
            MailKind::Digest => "digest",
            MailKind::ReadinessReminder => "readiness_reminder",
        }
    }

    pub fn parse(word: &str) -> Option<MailKind> {
        match word {
            "meeting_request" => Some(MailKind::MeetingRequest),
            "digest" => Some(MailKind::Digest),
            "readiness_reminder" => Some(MailKind::ReadinessReminder),
            _ => None,
        }
    }
}

/// A message to queue, already written in the recipient's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMail {
    pub user_id: Option<i64>,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    /// Sent as `List-Unsubscribe` (with RFC 8058's one-click header).
    pub unsubscribe_url: Option<String>,
    pub kind: MailKind,
    /// At most one row per key, whoever queues it (two app processes
    /// queueing the same day's digest).
    pub dedupe_key: Option<String>,
}

/// A claimed outbox row, ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxMail {
    pub id: i64,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub unsubscribe_url: Option<String>,
    pub kind: MailKind,
    /// Including the attempt this claim is for.
    pub attempts: i32,
}

/// Someone who receives mail: a company member (meeting requests) or a
/// digest reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailRecipient {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    /// `ko` or `en`: mail is written in the recipient's language.
    pub locale: String,
}

/// A user due a digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestCandidate {
    pub recipient: MailRecipient,
    pub club_id: Option<i64>,
    /// The digest covers what came after this (and after the feed was
    /// last read in the app).
    pub since: Option<DateTime<Utc>>,
}

/// Outbox rows per status, for tests and the operator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

/// Attempts before a message is given up (status `failed`).
pub const MAX_ATTEMPTS: i32 = 8;

/// When to try again after the `attempts`-th attempt failed: 2, 4, 8, …
/// minutes, never more than 6 hours; `None` once the message is given up.
pub fn retry_at(now: DateTime<Utc>, attempts: i32) -> Option<DateTime<Utc>> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let minutes = 1_i64 << attempts.clamp(1, 20);
    Some(now + Duration::minutes(minutes.min(6 * 60)))
}

#[async_trait]
pub trait MailStore: Send + Sync {
    /// Queues a message due at `at`. `false` when a row with the same
    /// dedupe key is already there (nothing is queued then).
    async fn enqueue_mail(&self, mail: &NewMail, at: DateTime<Utc>) -> DbResult<bool>;

    /// Claims up to `limit` due messages for `lease`: queued rows whose
    /// time has come and rows whose earlier claim expired. Each row is
    /// claimed by one caller only, whatever the number of processes.
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        limit: i64,
        lease: Duration,
    ) -> DbResult<Vec<OutboxMail>>;

    async fn mark_mail_sent(&self, id: i64, at: DateTime<Utc>) -> DbResult<()>;

    /// Records a failed attempt: queued again at `retry_at`, or given up
    /// (`failed`) when `None`. `error` must hold no secrets.
    async fn mark_mail_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> DbResult<()>;

    async fn outbox_counts(&self) -> DbResult<OutboxCounts>;

    /// The company's members, who hear of a meeting request.
    async fn company_recipients(&self, company_id: i64) -> DbResult<Vec<MailRecipient>>;

    /// Active users who opted in and had no digest since `day_start`,
    /// up to `limit` of them.
    async fn digest_candidates(
        &self,
        day_start: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<DigestCandidate>>;

    /// Queues a digest and records it as the user's latest, in one
    /// transaction. `false` when another process queued it first.
    async fn enqueue_digest(
        &self,
        user_id: i64,
        mail: &NewMail,
        at: DateTime<Utc>,
    ) -> DbResult<bool>;

    /// Marks the user's digest as done for now without a message (nothing
    /// new to tell): they are not looked at again until tomorrow.
    async fn skip_digest(&self, user_id: i64, at: DateTime<Utc>) -> DbResult<()>;

    async fn digest_opt_in(&self, user_id: i64) -> DbResult<bool>;

    async fn set_digest_opt_in(
        &self,
        user_id: i64,
        enabled: bool,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_up_to_six_hours_then_gives_up() {
        let now = Utc::now();
        assert_eq!(retry_at(now, 1), Some(now + Duration::minutes(2)));
        assert_eq!(retry_at(now, 2), Some(now + Duration::minutes(4)));
        assert_eq!(retry_at(now, 7), Some(now + Duration::minutes(128)));
        assert_eq!(retry_at(now, MAX_ATTEMPTS), None);
    }

    #[test]
    fn kinds_round_trip() {
        for kind in [
            MailKind::MeetingRequest,
            MailKind::Digest,
            MailKind::ReadinessReminder,
        ] {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MailKind::parse("spam"), None);
    }
}
