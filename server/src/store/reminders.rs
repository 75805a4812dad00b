//! The reminder part of the store (`app::ssr::reminder_store::ReminderStore`):
//! one query finds the open items due within seven days or overdue with
//! everyone to tell who was not told yet; one transaction records each
//! reminder (a unique key per recipient, item, kind and due date) and
//! queues the e-mails of those it recorded.

use app::domain::readiness::DUE_SOON_DAYS;
use app::ssr::mail_store::MailRecipient;
use app::ssr::reminder_store::{Reminder, ReminderKind};
use app::ssr::DbError;
use chrono::NaiveDate;

/// Open items due on or before `$2` (today + seven days), each with the
/// people to tell on `$1` (today) who were not told of this item, kind and
/// due date: the company's members about work still theirs, the
/// consultants assigned that day about everything open. `$3`: at most.
pub(crate) const DUE_REMINDERS: &str = "\
    SELECT r.user_id, u.email, u.display_name, u.locale, r.as_consultant, \
           ci.id AS item_id, ci.status, ci.due_on, ti.title_ko, ti.title_en, \
           cl.kind AS template, c.id AS company_id, c.slug AS company_slug, \
           c.name_ko AS company_name_ko, c.name_en AS company_name_en \
    FROM checklist_items ci \
    JOIN checklists cl ON cl.id = ci.checklist_id \
    JOIN companies c ON c.id = cl.company_id \
    JOIN readiness_template_items ti ON ti.id = ci.template_item_id \
    JOIN (SELECT m.company_id, m.user_id, FALSE AS as_consultant FROM company_members m \
          UNION \
          SELECT a.company_id, a.consultant_id, TRUE FROM consultant_assignments a \
          WHERE a.starts_on <= $1 AND (a.ends_on IS NULL OR a.ends_on >= $1)) r \
      ON r.company_id = c.id \
    JOIN users u ON u.id = r.user_id AND u.is_active \
    WHERE ci.due_on IS NOT NULL AND ci.due_on <= $2 \
      AND ci.status NOT IN ('approved', 'not_applicable') \
      AND (r.as_consultant OR ci.status <> 'submitted') \
      AND NOT EXISTS (SELECT 1 FROM notifications n \
          WHERE n.item_id = ci.id AND n.user_id = r.user_id AND n.due_on = ci.due_on \
            AND n.kind = CASE WHEN ci.due_on < $1 THEN 'readiness_overdue' \
                              ELSE 'readiness_due_soon' END) \
    ORDER BY ci.due_on, ci.id, r.user_id \
    LIMIT $3";

/// The last day a due date is "soon" on `today`.
pub(crate) fn soon_until(today: NaiveDate) -> NaiveDate {
    today + chrono::Duration::days(DUE_SOON_DAYS)
}

#[derive(sqlx::FromRow)]
pub(crate) struct DueRow {
    user_id: i64,
    email: String,
    display_name: String,
    locale: String,
    as_consultant: bool,
    item_id: i64,
    status: String,
    due_on: NaiveDate,
    title_ko: String,
    title_en: String,
    template: String,
    company_id: i64,
    company_slug: String,
    company_name_ko: String,
    company_name_en: Option<String>,
}

impl DueRow {
    /// The reminder this row is on `today`: its kind follows the domain
    /// rule (the query's `CASE` mirrors it only to skip what was told).
    pub(crate) fn into_reminder(self, today: NaiveDate) -> Result<Reminder, DbError> {
        let status = super::readiness::status(&self.status)?;
        let kind = ReminderKind::of(status, self.due_on, today).ok_or_else(|| {
            DbError::Other(format!("item {} is not due on {today}", self.item_id))
        })?;
        Ok(Reminder {
            recipient: MailRecipient {
                user_id: self.user_id,
                email: self.email,
                display_name: self.display_name,
                locale: self.locale,
            },
            as_consultant: self.as_consultant,
            kind,
            item_id: self.item_id,
            status,
            due_on: self.due_on,
            title_ko: self.title_ko,
            title_en: self.title_en,
            template: super::readiness::kind(&self.template)?,
            company_id: self.company_id,
            company_slug: self.company_slug,
            company_name_ko: self.company_name_ko,
            company_name_en: self.company_name_en,
        })
    }
}

/// Who signs a reminder in the feed: the portal, not a person.
pub(crate) const REMINDER_ACTOR: &str = "Pitchbridge";

macro_rules! impl_reminder_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::reminder_store::ReminderStore for $store {
            async fn record_due_reminders(
                &self,
                today: chrono::NaiveDate,
                at: chrono::DateTime<chrono::Utc>,
                limit: i64,
                compose: &app::ssr::reminder_store::ComposeReminderMail,
            ) -> app::ssr::DbResult<Vec<app::ssr::reminder_store::Reminder>> {
                use $crate::store::errors::db_error;
                use $crate::store::reminders::{soon_until, DueRow, DUE_REMINDERS, REMINDER_ACTOR};
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let rows: Vec<DueRow> = sqlx::query_as(DUE_REMINDERS)
                    .bind(today)
                    .bind(soon_until(today))
                    .bind(limit)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let mut recorded: Vec<app::ssr::reminder_store::Reminder> = Vec::new();
                for row in rows {
                    let reminder = row.into_reminder(today)?;
                    // Another process may have recorded it since the read:
                    // then it is theirs to mail.
                    let inserted = sqlx::query(
                        "INSERT INTO notifications (user_id, kind, company_id, item_id, due_on, \
                         actor_name, dedupe_key, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         ON CONFLICT (dedupe_key) DO NOTHING",
                    )
                    .bind(reminder.recipient.user_id)
                    .bind(reminder.kind.as_str())
                    .bind(reminder.company_id)
                    .bind(reminder.item_id)
                    .bind(reminder.due_on)
                    .bind(REMINDER_ACTOR)
                    .bind(reminder.dedupe_key())
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?
                    .rows_affected();
                    if inserted > 0 {
                        recorded.push(reminder);
                    }
                }
                // One e-mail per person, in the same transaction as the
                // notifications it tells of.
                recorded.sort_by_key(|r| r.recipient.user_id);
                for theirs in recorded.chunk_by(|a, b| a.recipient.user_id == b.recipient.user_id) {
                    if let Some(mail) = compose(theirs) {
                        insert_mail!(&mut *tx, mail, at)?;
                    }
                }
                tx.commit().await.map_err(db_error)?;
                Ok(recorded)
            }
        }
    };
}
