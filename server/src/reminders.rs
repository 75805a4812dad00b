//! The reminder job: once an hour, from 08:00 Seoul time, every checklist
//! item due within seven days or overdue is told to the company's members
//! and its assigned consultants — a notification in the app and one e-mail
//! per person through the outbox (sent when SMTP is configured, queued
//! until then).
//!
//! It runs on every app process whether or not that process sends mail:
//! the store records each reminder once whichever process finds it first.
//! The clock is injected so tests can choose the day and hour.

use crate::mail::worker::{Clock, DIGEST_HOUR};
use app::domain::seoul_time::to_seoul;
use app::ssr::mail::readiness_reminder;
use app::ssr::reminder_store::Reminder;
use app::ssr::{DbResult, Store};
use chrono::Timelike;
use std::sync::Arc;
use tokio::sync::watch;

/// Reminders recorded per transaction.
const BATCH: i64 = 200;
/// A safety net: each round records what it read, so the loop ends.
const MAX_ROUNDS: usize = 1000;
/// Reminders go out from this Seoul hour on, like the digest.
pub const REMINDER_HOUR: u32 = DIGEST_HOUR;

pub struct ReminderJob {
    pub store: Arc<dyn Store>,
    /// The portal's address, for the links in the e-mail.
    pub public_url: Arc<str>,
    pub every: std::time::Duration,
    pub clock: Clock,
}

impl ReminderJob {
    /// Records every reminder due now that nobody recorded yet; returns
    /// how many this process recorded.
    pub async fn run_once(&self) -> DbResult<usize> {
        let now = (self.clock)();
        let local = to_seoul(now);
        if local.hour() < REMINDER_HOUR {
            return Ok(0);
        }
        let today = local.date_naive();
        let base_url = self.public_url.clone();
        let compose = move |reminders: &[Reminder]| readiness_reminder(reminders, today, &base_url);
        let mut recorded = 0;
        for _ in 0..MAX_ROUNDS {
            let round = self
                .store
                .record_due_reminders(today, now, BATCH, &compose)
                .await?;
            if round.is_empty() {
                break;
            }
            recorded += round.len();
        }
        Ok(recorded)
    }

    /// Runs until `stop` turns true (or its sender is dropped).
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            if *stop.borrow() {
                break;
            }
            match self.run_once().await {
                Ok(n) if n > 0 => tracing::info!(recorded = n, "readiness reminders recorded"),
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "readiness reminders not recorded this time"),
            }
            tokio::select! {
                _ = tokio::time::sleep(self.every) => {}
                changed = stop.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
    }
}
