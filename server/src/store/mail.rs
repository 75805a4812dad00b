//! The e-mail part of the store (`app::ssr::mail_store::MailStore`): the
//! outbox and the digest opt-in.
//!
//! One set of bodies for both backends, like the other halves. The one
//! backend-specific piece is `SKIP_LOCKED` in the claim: on PostgreSQL,
//! workers of several processes claim in parallel and each skips the rows
//! another is claiming, so no row is claimed twice and nobody waits; on
//! SQLite the claim's write transaction already excludes every other
//! writer.

/// Columns a claim returns, in `OutboxRow`'s order.
pub(crate) const OUTBOX_COLUMNS: &str = "id, to_address, to_name, subject, body_text, body_html, \
     unsubscribe_url, kind, attempts";

/// Inserts a `NewMail` due at `$at` through `$exec` (a pool or a
/// transaction); a row with the same dedupe key makes it a no-op. Gives
/// the number of rows written.
macro_rules! insert_mail {
    ($exec:expr, $mail:expr, $at:expr) => {
        sqlx::query(
            "INSERT INTO mail_outbox (user_id, to_address, to_name, subject, body_text, \
             body_html, unsubscribe_url, kind, dedupe_key, status, attempts, \
             next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'queued', 0, $10, $10) \
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind($mail.user_id)
        .bind(&$mail.to_address)
        .bind(&$mail.to_name)
        .bind(&$mail.subject)
        .bind(&$mail.body_text)
        .bind($mail.body_html.as_deref())
        .bind($mail.unsubscribe_url.as_deref())
        .bind($mail.kind.as_str())
        .bind($mail.dedupe_key.as_deref())
        .bind($at)
        .execute($exec)
        .await
        .map(|done| done.rows_affected())
        .map_err($crate::store::errors::db_error)
    };
}

#[derive(sqlx::FromRow)]
pub(crate) struct OutboxRow {
    pub id: i64,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub unsubscribe_url: Option<String>,
    pub kind: String,
    pub attempts: i32,
}

impl TryFrom<OutboxRow> for app::ssr::mail_store::OutboxMail {
    type Error = app::ssr::DbError;

    fn try_from(r: OutboxRow) -> Result<Self, Self::Error> {
        let kind = app::ssr::mail_store::MailKind::parse(&r.kind).ok_or_else(|| {
            app::ssr::DbError::Other(format!("mail {} has unknown kind {:?}", r.id, r.kind))
        })?;
        Ok(app::ssr::mail_store::OutboxMail {
            id: r.id,
            to_address: r.to_address,
            to_name: r.to_name,
            subject: r.subject,
            body_text: r.body_text,
            body_html: r.body_html,
            unsubscribe_url: r.unsubscribe_url,
            kind,
            attempts: r.attempts,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct RecipientRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: String,
}

impl From<RecipientRow> for app::ssr::mail_store::MailRecipient {
    fn from(r: RecipientRow) -> Self {
        app::ssr::mail_store::MailRecipient {
            user_id: r.id,
            email: r.email,
            display_name: r.display_name,
            locale: r.locale,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DigestRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub club_id: Option<i64>,
    pub digest_sent_at: Option<chrono::DateTime<chrono::Utc>>,
    pub feed_seen_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<DigestRow> for app::ssr::mail_store::DigestCandidate {
    fn from(r: DigestRow) -> Self {
        app::ssr::mail_store::DigestCandidate {
            // What the user already read in the app is not news either.
            since: r.digest_sent_at.max(r.feed_seen_at),
            club_id: r.club_id,
            recipient: app::ssr::mail_store::MailRecipient {
                user_id: r.id,
                email: r.email,
                display_name: r.display_name,
                locale: r.locale,
            },
        }
    }
}

/// A company's members who can read mail, as `RecipientRow`s (`$1`: the
/// company).
pub(crate) const COMPANY_RECIPIENTS: &str = "SELECT u.id, u.email, u.display_name, u.locale \
     FROM company_members m JOIN users u ON u.id = m.user_id \
     WHERE m.company_id = $1 AND u.is_active ORDER BY u.id";

/// The longest error text kept: enough to diagnose, short enough that a
/// chatty server cannot fill the table.
pub(crate) const MAX_ERROR_CHARS: usize = 500;

macro_rules! impl_mail_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::mail_store::MailStore for $store {
            async fn enqueue_mail(
                &self,
                mail: &app::ssr::mail_store::NewMail,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<bool> {
                Ok(insert_mail!(&self.pool, mail, at)? > 0)
            }

            async fn claim_mail(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                limit: i64,
                lease: chrono::Duration,
            ) -> app::ssr::DbResult<Vec<app::ssr::mail_store::OutboxMail>> {
                use $crate::store::errors::db_error;
                use $crate::store::mail::{OutboxRow, OUTBOX_COLUMNS};
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // Due queued rows, and rows whose claim expired (their
                // worker died mid-send); the oldest first.
                let rows: Vec<OutboxRow> = sqlx::query_as(&format!(
                    "UPDATE mail_outbox SET status = 'sending', claimed_until = $2, \
                     attempts = attempts + 1 \
                     WHERE id IN (SELECT id FROM mail_outbox \
                        WHERE (status = 'queued' AND next_attempt_at <= $1) \
                           OR (status = 'sending' AND claimed_until < $1) \
                        ORDER BY next_attempt_at, id LIMIT $3{}) \
                     RETURNING {OUTBOX_COLUMNS}",
                    Self::SKIP_LOCKED
                ))
                .bind(now)
                .bind(now + lease)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                let mut claimed: Vec<app::ssr::mail_store::OutboxMail> = rows
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<_, _>>()?;
                claimed.sort_by_key(|m| m.id);
                Ok(claimed)
            }

            async fn mark_mail_sent(
                &self,
                id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                sqlx::query(
                    "UPDATE mail_outbox SET status = 'sent', sent_at = $2, claimed_until = NULL, \
                     last_error = NULL WHERE id = $1",
                )
                .bind(id)
                .bind(at)
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err($crate::store::errors::db_error)
            }

            async fn mark_mail_failed(
                &self,
                id: i64,
                error: &str,
                retry_at: Option<chrono::DateTime<chrono::Utc>>,
            ) -> app::ssr::DbResult<()> {
                let error: String = error
                    .chars()
                    .take($crate::store::mail::MAX_ERROR_CHARS)
                    .collect();
                sqlx::query(
                    "UPDATE mail_outbox SET claimed_until = NULL, last_error = $2, \
                     status = CASE WHEN $3 IS NULL THEN 'failed' ELSE 'queued' END, \
                     next_attempt_at = COALESCE($3, next_attempt_at) WHERE id = $1",
                )
                .bind(id)
                .bind(error)
                .bind(retry_at)
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err($crate::store::errors::db_error)
            }

            async fn outbox_counts(&self) -> app::ssr::DbResult<app::ssr::mail_store::OutboxCounts> {
                let rows: Vec<(String, i64)> =
                    sqlx::query_as("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status")
                        .fetch_all(&self.pool)
                        .await
                        .map_err($crate::store::errors::db_error)?;
                let mut counts = app::ssr::mail_store::OutboxCounts::default();
                for (status, n) in rows {
                    match status.as_str() {
                        "queued" => counts.queued = n,
                        "sending" => counts.sending = n,
                        "sent" => counts.sent = n,
                        _ => counts.failed = n,
                    }
                }
                Ok(counts)
            }

            async fn company_recipients(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::mail_store::MailRecipient>> {
                let rows: Vec<$crate::store::mail::RecipientRow> =
                    sqlx::query_as($crate::store::mail::COMPANY_RECIPIENTS)
                        .bind(company_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn digest_candidates(
                &self,
                day_start: chrono::DateTime<chrono::Utc>,
                limit: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::mail_store::DigestCandidate>> {
                let rows: Vec<$crate::store::mail::DigestRow> = sqlx::query_as(
                    "SELECT id, email, display_name, locale, club_id, digest_sent_at, \
                     feed_seen_at FROM users \
                     WHERE digest_opt_in AND is_active \
                     AND (digest_sent_at IS NULL OR digest_sent_at < $1) \
                     ORDER BY id LIMIT $2",
                )
                .bind(day_start)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn enqueue_digest(
                &self,
                user_id: i64,
                mail: &app::ssr::mail_store::NewMail,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<bool> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let queued = insert_mail!(&mut *tx, mail, at)? > 0;
                sqlx::query("UPDATE users SET digest_sent_at = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(queued)
            }

            async fn skip_digest(
                &self,
                user_id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                sqlx::query("UPDATE users SET digest_sent_at = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
                    .map_err($crate::store::errors::db_error)
            }

            async fn digest_opt_in(&self, user_id: i64) -> app::ssr::DbResult<bool> {
                let found: Option<bool> =
                    sqlx::query_scalar("SELECT digest_opt_in FROM users WHERE id = $1")
                        .bind(user_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err($crate::store::errors::db_error)?;
                found.ok_or(app::ssr::DbError::NotFound)
            }

            async fn set_digest_opt_in(
                &self,
                user_id: i64,
                enabled: bool,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query("UPDATE users SET digest_opt_in = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(enabled);
                audited_update!(self, update, audit, user_id.to_string(), revoke_sessions_of: None)
            }
        }
    };
}
