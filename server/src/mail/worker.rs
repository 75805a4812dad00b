//! The background task that works the outbox: every `poll` it claims due
//! messages, sends them over SMTP and marks them sent, or failed with a
//! back-off; once an hour (and at start) it queues the day's digests after
//! 08:00 Seoul time.
//!
//! Several processes may run it against one PostgreSQL database: claims
//! skip each other's rows, and a digest's dedupe key lets only one process
//! queue it. The clock is injected so tests can pick the hour.

use super::Transport;
use app::domain::seoul_time::{seoul_offset, to_seoul};
use app::ssr::mail::{absolute, digest};
use app::ssr::mail_store::{retry_at, DigestCandidate, OutboxMail};
use app::ssr::session::SessionKeys;
use app::ssr::unsubscribe::{issue, DIGEST_PURPOSE};
use app::ssr::{DbResult, Store};
use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};
use lettre::message::Mailbox;
use lettre::AsyncTransport;
use std::sync::Arc;
use tokio::sync::watch;

pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Messages claimed per round.
const BATCH: i64 = 20;
/// How long a claim holds: longer than any SMTP conversation (30 s) times
/// a batch, so a live worker never loses its rows to another.
const LEASE_MINUTES: i64 = 15;
/// Digest readers looked at per query.
const DIGEST_BATCH: i64 = 100;
/// Feed items and notifications read per digest (the mail lists 20).
const DIGEST_READ: i64 = 50;
/// Digests go out from this Seoul hour on.
pub const DIGEST_HOUR: u32 = 8;
/// How often due digests are looked for.
const DIGEST_EVERY_MINUTES: i64 = 60;

pub struct Worker {
    pub store: Arc<dyn Store>,
    pub transport: Transport,
    pub from: Mailbox,
    /// The portal's address, for links in mail.
    pub public_url: Arc<str>,
    /// Signs the digests' unsubscribe links.
    pub keys: Arc<SessionKeys>,
    pub poll: std::time::Duration,
    pub clock: Clock,
}

/// What one round did, for logs and tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

impl Worker {
    pub fn system_clock() -> Clock {
        Arc::new(Utc::now)
    }

    /// Runs until `stop` turns true (or its sender is dropped), then
    /// returns after the message in hand: a claimed row that was not
    /// marked is claimed again once its lease ends.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        tracing::info!(
            poll_ms = self.poll.as_millis() as u64,
            "mail worker started"
        );
        let mut next_digest_check = (self.clock)();
        loop {
            if *stop.borrow() {
                break;
            }
            let now = (self.clock)();
            if now >= next_digest_check {
                match self.queue_digests(now).await {
                    Ok(n) if n > 0 => tracing::info!(queued = n, "digests queued"),
                    Ok(_) => {}
                    Err(err) => tracing::warn!(%err, "digests not queued this time"),
                }
                next_digest_check = now + Duration::minutes(DIGEST_EVERY_MINUTES);
            }
            match self.send_due().await {
                Ok(round) if round.sent + round.failed > 0 => {
                    tracing::info!(sent = round.sent, failed = round.failed, "mail round")
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "mail outbox not readable this time"),
            }
            tokio::select! {
                _ = tokio::time::sleep(self.poll) => {}
                changed = stop.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        tracing::info!("mail worker stopped");
    }

    /// Claims due messages and sends them one by one.
    pub async fn send_due(&self) -> DbResult<Round> {
        let claimed = self
            .store
            .claim_mail((self.clock)(), BATCH, Duration::minutes(LEASE_MINUTES))
            .await?;
        let mut round = Round::default();
        for mail in claimed {
            match self.send(&mail).await {
                Ok(()) => {
                    self.store.mark_mail_sent(mail.id, (self.clock)()).await?;
                    round.sent += 1;
                }
                Err(error) => {
                    let retry = retry_at((self.clock)(), mail.attempts);
                    tracing::warn!(
                        mail_id = mail.id,
                        attempts = mail.attempts,
                        given_up = retry.is_none(),
                        %error,
                        "mail not sent"
                    );
                    self.store.mark_mail_failed(mail.id, &error, retry).await?;
                    round.failed += 1;
                }
            }
        }
        Ok(round)
    }

    async fn send(&self, mail: &OutboxMail) -> Result<(), String> {
        let message = super::message(&self.from, mail)?;
        // lettre's errors name the server and the SMTP reply, never the
        // credentials of the URL.
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Queues today's digest for everyone due one, once it is 08:00 in
    /// Seoul. Returns how many were queued.
    pub async fn queue_digests(&self, now: DateTime<Utc>) -> DbResult<usize> {
        let local = to_seoul(now);
        if local.hour() < DIGEST_HOUR {
            return Ok(0);
        }
        let day = local.date_naive();
        let day_start = day
            .and_time(NaiveTime::MIN)
            .and_local_timezone(seoul_offset())
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now);
        let mut queued = 0;
        // Each reader looked at leaves the candidate list (their digest
        // time moves to now), so this ends; the bound is a safety net
        // against a reader whose row could not be updated.
        for _ in 0..1000 {
            let candidates = self
                .store
                .digest_candidates(day_start, DIGEST_BATCH)
                .await?;
            if candidates.is_empty() {
                break;
            }
            for candidate in candidates {
                queued += usize::from(self.queue_digest(&candidate, day, now).await?);
            }
        }
        Ok(queued)
    }

    async fn queue_digest(
        &self,
        candidate: &DigestCandidate,
        day: chrono::NaiveDate,
        now: DateTime<Utc>,
    ) -> DbResult<bool> {
        let user_id = candidate.recipient.user_id;
        let feed = self
            .store
            .feed(user_id, candidate.club_id, DIGEST_READ)
            .await?;
        let notifications = self.store.notifications(user_id, DIGEST_READ).await?;
        let token = issue(&self.keys, user_id, DIGEST_PURPOSE, now)
            .map_err(|e| app::ssr::DbError::Other(format!("unsubscribe token: {e}")))?;
        let unsubscribe = absolute(
            &self.public_url,
            &format!("/mail/unsubscribe?token={token}"),
        );
        match digest(
            &candidate.recipient,
            &feed,
            &notifications,
            candidate.since,
            day,
            &self.public_url,
            &unsubscribe,
        ) {
            Some(mail) => self.store.enqueue_digest(user_id, &mail, now).await,
            None => self.store.skip_digest(user_id, now).await.map(|()| false),
        }
    }
}
