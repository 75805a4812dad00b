//! The store's reminder part: checklist items due within seven days or
//! overdue are told once — per recipient, item, kind and due date — to the
//! company's members and its assigned consultants, in the app and by
//! e-mail. A supertrait of [`Store`](super::Store) like the other parts.
//!
//! Any app process may run the job: the notification's unique key decides
//! which process records a reminder, and only that process queues its
//! e-mail, in the same transaction.

use super::mail_store::{MailRecipient, NewMail};
use super::store::DbResult;
use crate::domain::readiness::{ItemStatus, TemplateKind};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReminderKind {
    /// Due today or within [`DUE_SOON_DAYS`](crate::domain::readiness::DUE_SOON_DAYS).
    DueSoon,
    /// Past its due date and not settled.
    Overdue,
}

impl ReminderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::DueSoon => "readiness_due_soon",
            ReminderKind::Overdue => "readiness_overdue",
        }
    }

    pub fn parse(word: &str) -> Option<ReminderKind> {
        match word {
            "readiness_due_soon" => Some(ReminderKind::DueSoon),
            "readiness_overdue" => Some(ReminderKind::Overdue),
            _ => None,
        }
    }

    /// Which reminder an item due on `due` gets on `today`, if any.
    pub fn of(status: ItemStatus, due: NaiveDate, today: NaiveDate) -> Option<ReminderKind> {
        use crate::domain::readiness::{is_due_soon, is_overdue};
        if is_overdue(status, Some(due), today) {
            Some(ReminderKind::Overdue)
        } else if is_due_soon(status, Some(due), today) {
            Some(ReminderKind::DueSoon)
        } else {
            None
        }
    }
}

/// One reminder to one person about one item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub recipient: MailRecipient,
    /// Told as the company's consultant (or else as its member).
    pub as_consultant: bool,
    pub kind: ReminderKind,
    pub item_id: i64,
    pub status: ItemStatus,
    pub due_on: NaiveDate,
    pub title_ko: String,
    pub title_en: String,
    pub template: TemplateKind,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name_ko: String,
    pub company_name_en: Option<String>,
}

impl Reminder {
    /// The notification's unique key: one per recipient, item, kind and
    /// due date, whichever process records it.
    pub fn dedupe_key(&self) -> String {
        format!(
            "{}:{}:{}:{}",
            self.kind.as_str(),
            self.item_id,
            self.due_on,
            self.recipient.user_id
        )
    }
}

/// Writes one person's e-mail about their new reminders (all of them
/// theirs, at least one), or `None` for no e-mail.
pub type ComposeReminderMail = dyn Fn(&[Reminder]) -> Option<NewMail> + Send + Sync;

#[async_trait]
pub trait ReminderStore: Send + Sync {
    /// Records, in one transaction, up to `limit` reminders due on `today`
    /// that nobody recorded yet — a notification each — and queues one
    /// e-mail per recipient written by `compose`. Returns the reminders
    /// this call recorded (none that another process recorded first).
    ///
    /// Who is told: members of the company about items still theirs to do
    /// (not started, in progress), and the consultants assigned on
    /// `today` about every open item, submitted ones included (theirs to
    /// sign off).
    async fn record_due_reminders(
        &self,
        today: NaiveDate,
        at: DateTime<Utc>,
        limit: i64,
        compose: &ComposeReminderMail,
    ) -> DbResult<Vec<Reminder>>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use ItemStatus::*;

    #[test]
    fn the_kind_follows_the_due_date_and_the_status() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let day = |d: i64| today + chrono::Duration::days(d);
        assert_eq!(
            ReminderKind::of(InProgress, day(-1), today),
            Some(ReminderKind::Overdue)
        );
        assert_eq!(
            ReminderKind::of(NotStarted, day(0), today),
            Some(ReminderKind::DueSoon)
        );
        assert_eq!(
            ReminderKind::of(Submitted, day(7), today),
            Some(ReminderKind::DueSoon)
        );
        assert_eq!(ReminderKind::of(InProgress, day(8), today), None);
        assert_eq!(ReminderKind::of(Approved, day(-3), today), None);
        assert_eq!(ReminderKind::of(NotApplicable, day(2), today), None);
    }

    #[test]
    fn kinds_round_trip() {
        for kind in [ReminderKind::DueSoon, ReminderKind::Overdue] {
            assert_eq!(ReminderKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ReminderKind::parse("meeting_requested"), None);
    }
}
