//! The forum part of the store (`app::ssr::forum_store::ForumStore`):
//! `impl_forum_store!` expands one set of method bodies for both pool
//! types, like the other parts. State rules that must hold at the moment of
//! writing (open for applications, the agenda before the day) are part of
//! each statement's `WHERE`, so a change that lost a race touches no row.

use app::domain::forum::{ApplicationStatus, ForumState};
use app::ssr::forum_store::{ApplicationRecord, ForumRecord};
use app::ssr::DbError;
use chrono::{DateTime, Utc};

fn bad(what: &str, value: &str) -> DbError {
    DbError::Other(format!("unknown {what} {value:?} in the database"))
}

/// A forum with its cluster and the count of presenting companies.
pub(crate) const FORUM_SELECT: &str = "\
    SELECT f.id, f.title, f.state, f.starts_at, f.ends_at, f.venue, \
           cl.slug AS cluster_slug, cl.name_ko AS cluster_name_ko, \
           cl.name_en AS cluster_name_en, f.capacity, f.description_md, \
           f.description_html, f.updated_at, f.feedback_released_at, \
           f.weight_team, f.weight_market, f.weight_technology, f.weight_traction, \
           f.weight_advantage, f.weight_attractiveness, \
           (SELECT COUNT(*) FROM forum_applications a \
             WHERE a.forum_id = f.id AND a.status = 'accepted') AS presenting, \
           (SELECT COUNT(*) FROM forum_rsvps r \
             WHERE r.forum_id = f.id AND r.seat = 'seated') AS seated, \
           (SELECT COUNT(*) FROM forum_rsvps r \
             WHERE r.forum_id = f.id AND r.seat = 'waiting') AS waiting \
    FROM forums f LEFT JOIN clusters cl ON cl.id = f.cluster_id";

#[derive(sqlx::FromRow)]
pub(crate) struct ForumRow {
    id: i64,
    title: String,
    state: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    venue: String,
    cluster_slug: Option<String>,
    cluster_name_ko: Option<String>,
    cluster_name_en: Option<String>,
    capacity: i64,
    description_md: String,
    description_html: String,
    updated_at: DateTime<Utc>,
    feedback_released_at: Option<DateTime<Utc>>,
    weight_team: i64,
    weight_market: i64,
    weight_technology: i64,
    weight_traction: i64,
    weight_advantage: i64,
    weight_attractiveness: i64,
    presenting: i64,
    seated: i64,
    waiting: i64,
}

impl TryFrom<ForumRow> for ForumRecord {
    type Error = DbError;
    fn try_from(r: ForumRow) -> Result<Self, DbError> {
        Ok(ForumRecord {
            id: r.id,
            title: r.title,
            state: ForumState::parse(&r.state).ok_or_else(|| bad("forum state", &r.state))?,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            venue: r.venue,
            cluster_slug: r.cluster_slug,
            cluster_name_ko: r.cluster_name_ko,
            cluster_name_en: r.cluster_name_en,
            capacity: r.capacity,
            description_md: r.description_md,
            description_html: r.description_html,
            presenting: r.presenting,
            seated: r.seated,
            waiting: r.waiting,
            weights: app::domain::scorecard::Weights([
                r.weight_team,
                r.weight_market,
                r.weight_technology,
                r.weight_traction,
                r.weight_advantage,
                r.weight_attractiveness,
            ]),
            feedback_released_at: r.feedback_released_at,
            updated_at: r.updated_at,
        })
    }
}

pub(crate) const APPLICATION_SELECT: &str = "\
    SELECT a.forum_id, a.company_id, c.slug AS company_slug, c.name_ko AS company_name, \
           c.one_liner AS company_one_liner, a.status, a.note, a.applied_at, a.decided_at, \
           a.slot_position, a.slot_starts_at \
    FROM forum_applications a JOIN companies c ON c.id = a.company_id";

/// The agenda's order: slotted companies by place, then the rest by when
/// they applied.
pub(crate) const APPLICATION_ORDER: &str = "\
    ORDER BY CASE WHEN a.slot_position IS NULL THEN 1 ELSE 0 END, a.slot_position, \
             a.applied_at, a.company_id";

#[derive(sqlx::FromRow)]
pub(crate) struct ApplicationRow {
    forum_id: i64,
    company_id: i64,
    company_slug: String,
    company_name: String,
    company_one_liner: Option<String>,
    status: String,
    note: String,
    applied_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
    slot_position: Option<i64>,
    slot_starts_at: Option<DateTime<Utc>>,
}

impl TryFrom<ApplicationRow> for ApplicationRecord {
    type Error = DbError;
    fn try_from(r: ApplicationRow) -> Result<Self, DbError> {
        Ok(ApplicationRecord {
            forum_id: r.forum_id,
            company_id: r.company_id,
            company_slug: r.company_slug,
            company_name: r.company_name,
            company_one_liner: r.company_one_liner,
            status: ApplicationStatus::parse(&r.status)
                .ok_or_else(|| bad("application status", &r.status))?,
            note: r.note,
            applied_at: r.applied_at,
            decided_at: r.decided_at,
            slot_position: r.slot_position,
            slot_starts_at: r.slot_starts_at,
        })
    }
}

/// Tells a company's members about their forum application or feedback
/// (`$1` forum, `$2` company, `$3` kind, `$4` time); the forum's title is
/// the notification's "actor", which the feed puts in its sentence.
pub(crate) const NOTIFY_MEMBERS: &str = "\
    INSERT INTO notifications (user_id, kind, company_id, forum_id, actor_name, created_at) \
    SELECT m.user_id, $3, m.company_id, f.id, f.title, $4 \
    FROM company_members m JOIN forums f ON f.id = $1 \
    WHERE m.company_id = $2";

pub(crate) fn records<R, T>(rows: Vec<R>) -> Result<Vec<T>, DbError>
where
    T: TryFrom<R, Error = DbError>,
{
    rows.into_iter().map(T::try_from).collect()
}

macro_rules! impl_forum_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::forum_store::ForumStore for $store {
            async fn create_forum(
                &self,
                f: &app::ssr::forum_store::ForumWrite,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO forums (title, starts_at, ends_at, venue, cluster_id, capacity, \
                     description_md, description_html, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, (SELECT id FROM clusters WHERE slug = $5), $6, \
                     $7, $8, $9, $10, $10) RETURNING id",
                )
                .bind(&f.title)
                .bind(f.starts_at)
                .bind(f.ends_at)
                .bind(&f.venue)
                .bind(&f.cluster_slug)
                .bind(f.capacity)
                .bind(&f.description_md)
                .bind(&f.description_html)
                .bind(f.by)
                .bind(f.at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                insert_audit!(tx, audit, Some(id.to_string()))?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            async fn update_forum(
                &self,
                forum_id: i64,
                f: &app::ssr::forum_store::ForumWrite,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let done = sqlx::query(
                    "UPDATE forums SET title = $2, starts_at = $3, ends_at = $4, venue = $5, \
                     cluster_id = (SELECT id FROM clusters WHERE slug = $6), capacity = $7, \
                     description_md = $8, description_html = $9, updated_at = $10 \
                     WHERE id = $1 AND state <> 'closed'",
                )
                .bind(forum_id)
                .bind(&f.title)
                .bind(f.starts_at)
                .bind(f.ends_at)
                .bind(&f.venue)
                .bind(&f.cluster_slug)
                .bind(f.capacity)
                .bind(&f.description_md)
                .bind(&f.description_html)
                .bind(f.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                $crate::store::readiness::touched(done.rows_affected())?;
                // A new day or new hours: slots outside them are arranged again.
                sqlx::query(
                    "UPDATE forum_applications SET slot_position = NULL, slot_starts_at = NULL \
                     WHERE forum_id = $1 AND slot_starts_at IS NOT NULL \
                       AND (slot_starts_at < $2 OR slot_starts_at >= $3)",
                )
                .bind(forum_id)
                .bind(f.starts_at)
                .bind(f.ends_at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                insert_audit!(tx, audit, Some(forum_id.to_string()))?;
                tx.commit().await.map_err(db_error)?;
                // What the impact dashboard counts may have changed.
                self.impact.forget();
                Ok(())
            }

            async fn set_forum_state(
                &self,
                forum_id: i64,
                from: app::domain::forum::ForumState,
                to: app::domain::forum::ForumState,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let done = sqlx::query(
                    "UPDATE forums SET state = $3, updated_at = $4 WHERE id = $1 AND state = $2",
                )
                .bind(forum_id)
                .bind(from.as_str())
                .bind(to.as_str())
                .bind(audit.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if done.rows_affected() == 0 {
                    let exists: Option<i64> =
                        sqlx::query_scalar("SELECT id FROM forums WHERE id = $1")
                            .bind(forum_id)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(db_error)?;
                    return Err(match exists {
                        Some(_) => app::ssr::DbError::Conflict("forum state".into()),
                        None => app::ssr::DbError::NotFound,
                    });
                }
                insert_audit!(tx, audit, Some(forum_id.to_string()))?;
                tx.commit().await.map_err(db_error)?;
                // What the impact dashboard counts may have changed.
                self.impact.forget();
                Ok(())
            }

            async fn forum(
                &self,
                forum_id: i64,
            ) -> app::ssr::DbResult<app::ssr::forum_store::ForumRecord> {
                use $crate::store::forums::{ForumRow, FORUM_SELECT};
                let row: Option<ForumRow> =
                    sqlx::query_as(&format!("{FORUM_SELECT} WHERE f.id = $1"))
                        .bind(forum_id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err($crate::store::errors::db_error)?;
                row.ok_or(app::ssr::DbError::NotFound)?.try_into()
            }

            async fn forums(
                &self,
                public_only: bool,
            ) -> app::ssr::DbResult<Vec<app::ssr::forum_store::ForumRecord>> {
                use $crate::store::forums::{records, ForumRow, FORUM_SELECT};
                let rows: Vec<ForumRow> = sqlx::query_as(&format!(
                    "{FORUM_SELECT} WHERE ($1 = 0 OR f.state <> 'planning') \
                     ORDER BY f.starts_at DESC, f.id DESC"
                ))
                .bind(i64::from(public_only))
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                records(rows)
            }

            async fn forum_applications(
                &self,
                forum_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::forum_store::ApplicationRecord>> {
                use $crate::store::forums::{
                    records, ApplicationRow, APPLICATION_ORDER, APPLICATION_SELECT,
                };
                let rows: Vec<ApplicationRow> = sqlx::query_as(&format!(
                    "{APPLICATION_SELECT} WHERE a.forum_id = $1 {APPLICATION_ORDER}"
                ))
                .bind(forum_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                records(rows)
            }

            async fn application(
                &self,
                forum_id: i64,
                company_id: i64,
            ) -> app::ssr::DbResult<Option<app::ssr::forum_store::ApplicationRecord>> {
                use $crate::store::forums::{ApplicationRow, APPLICATION_SELECT};
                let row: Option<ApplicationRow> = sqlx::query_as(&format!(
                    "{APPLICATION_SELECT} WHERE a.forum_id = $1 AND a.company_id = $2"
                ))
                .bind(forum_id)
                .bind(company_id)
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn apply_to_forum(
                &self,
                forum_id: i64,
                company_id: i64,
                note: &str,
                by: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let open: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM forums WHERE id = $1 AND state = 'open'")
                        .bind(forum_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_error)?;
                if open.is_none() {
                    return Err(app::ssr::DbError::NotFound);
                }
                // A withdrawn application may be made again; a live one is
                // a conflict (the unique key answers for it).
                let again = sqlx::query(
                    "UPDATE forum_applications SET status = 'pending', note = $3, \
                     applied_by = $4, applied_at = $5, decided_by = NULL, decided_at = NULL \
                     WHERE forum_id = $1 AND company_id = $2 AND status = 'withdrawn'",
                )
                .bind(forum_id)
                .bind(company_id)
                .bind(note)
                .bind(by)
                .bind(audit.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if again.rows_affected() == 0 {
                    sqlx::query(
                        "INSERT INTO forum_applications (forum_id, company_id, note, \
                         applied_by, applied_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(forum_id)
                    .bind(company_id)
                    .bind(note)
                    .bind(by)
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                insert_audit!(tx, audit, Some(format!("{forum_id}/{company_id}")))?;
                tx.commit().await.map_err(db_error)
            }

            async fn withdraw_application(
                &self,
                forum_id: i64,
                company_id: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query(
                    "UPDATE forum_applications SET status = 'withdrawn', slot_position = NULL, \
                     slot_starts_at = NULL \
                     WHERE forum_id = $1 AND company_id = $2 \
                       AND status IN ('pending', 'accepted') \
                       AND forum_id IN (SELECT id FROM forums WHERE state = 'open')",
                )
                .bind(forum_id)
                .bind(company_id);
                audited_update!(
                    self,
                    update,
                    audit,
                    Some(format!("{forum_id}/{company_id}")),
                    revoke_sessions_of: None
                )
            }

            async fn decide_application(
                &self,
                forum_id: i64,
                company_id: i64,
                status: app::domain::forum::ApplicationStatus,
                by: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let before: Option<String> = sqlx::query_scalar(
                    "SELECT status FROM forum_applications WHERE forum_id = $1 AND company_id = $2",
                )
                .bind(forum_id)
                .bind(company_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let done = sqlx::query(
                    "UPDATE forum_applications SET status = $3, decided_by = $4, \
                     decided_at = $5, \
                     slot_position = CASE WHEN $3 = 'accepted' THEN slot_position END, \
                     slot_starts_at = CASE WHEN $3 = 'accepted' THEN slot_starts_at END \
                     WHERE forum_id = $1 AND company_id = $2 \
                       AND status IN ('pending', 'accepted', 'declined') \
                       AND forum_id IN (SELECT id FROM forums \
                                         WHERE state IN ('open', 'confirmed'))",
                )
                .bind(forum_id)
                .bind(company_id)
                .bind(status.as_str())
                .bind(by)
                .bind(audit.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                $crate::store::readiness::touched(done.rows_affected())?;
                // The founders are told, once per change of decision.
                if before.as_deref() != Some(status.as_str()) {
                    let kind = match status {
                        app::domain::forum::ApplicationStatus::Accepted => Some("forum_accepted"),
                        app::domain::forum::ApplicationStatus::Declined => Some("forum_declined"),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        sqlx::query($crate::store::forums::NOTIFY_MEMBERS)
                            .bind(forum_id)
                            .bind(company_id)
                            .bind(kind)
                            .bind(audit.at)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_error)?;
                    }
                }
                insert_audit!(tx, audit, Some(format!("{forum_id}/{company_id}")))?;
                tx.commit().await.map_err(db_error)?;
                // What the impact dashboard counts may have changed.
                self.impact.forget();
                Ok(())
            }

            async fn set_agenda(
                &self,
                forum_id: i64,
                accepted: &[i64],
                slots: &[app::domain::forum::Slot],
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let editable: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM forums WHERE id = $1 AND state IN ('open', 'confirmed')",
                )
                .bind(forum_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                if editable.is_none() {
                    return Err(app::ssr::DbError::NotFound);
                }
                let mut now_accepted: Vec<i64> = sqlx::query_scalar(
                    "SELECT company_id FROM forum_applications \
                     WHERE forum_id = $1 AND status = 'accepted'",
                )
                .bind(forum_id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_error)?;
                let mut expected = accepted.to_vec();
                now_accepted.sort_unstable();
                expected.sort_unstable();
                if now_accepted != expected {
                    return Err(app::ssr::DbError::Conflict("forum agenda".into()));
                }
                sqlx::query(
                    "UPDATE forum_applications SET slot_position = NULL, slot_starts_at = NULL \
                     WHERE forum_id = $1",
                )
                .bind(forum_id)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                for slot in slots {
                    sqlx::query(
                        "UPDATE forum_applications SET slot_position = $3, slot_starts_at = $4 \
                         WHERE forum_id = $1 AND company_id = $2 AND status = 'accepted'",
                    )
                    .bind(forum_id)
                    .bind(slot.company_id)
                    .bind(slot.position)
                    .bind(slot.starts_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                insert_audit!(tx, audit, Some(forum_id.to_string()))?;
                tx.commit().await.map_err(db_error)?;
                // What the impact dashboard counts may have changed.
                self.impact.forget();
                Ok(())
            }
        }
    };
}

#[derive(sqlx::FromRow)]
pub(crate) struct RsvpRow {
    answer: String,
    seat: Option<String>,
    attended: bool,
    waiting_position: Option<i64>,
}

impl TryFrom<RsvpRow> for app::domain::forum::RsvpRecord {
    type Error = DbError;
    fn try_from(r: RsvpRow) -> Result<Self, DbError> {
        use app::domain::forum::{RsvpAnswer, Seat};
        Ok(Self {
            answer: RsvpAnswer::parse(&r.answer).ok_or_else(|| bad("answer", &r.answer))?,
            seat: r
                .seat
                .as_deref()
                .map(|s| Seat::parse(s).ok_or_else(|| bad("seat", s)))
                .transpose()?,
            waiting_position: r.waiting_position,
            attended: r.attended,
        })
    }
}

/// One investor's answer with their place on the waiting list.
pub(crate) const RSVP_SELECT: &str = "\
    SELECT r.answer, r.seat, r.attended, \
           CASE WHEN r.seat = 'waiting' THEN \
             (SELECT COUNT(*) FROM forum_rsvps w WHERE w.forum_id = r.forum_id \
                AND w.seat = 'waiting' \
                AND (w.answered_at < r.answered_at \
                  OR (w.answered_at = r.answered_at AND w.user_id <= r.user_id))) \
           END AS waiting_position \
    FROM forum_rsvps r WHERE r.forum_id = $1 AND r.user_id = $2";

#[derive(sqlx::FromRow)]
pub(crate) struct RsvpListDbRow {
    user_id: i64,
    name: String,
    club_name: Option<String>,
    answer: String,
    seat: Option<String>,
    answered_at: DateTime<Utc>,
    attended: bool,
}

impl TryFrom<RsvpListDbRow> for app::domain::forum::RsvpListRow {
    type Error = DbError;
    fn try_from(r: RsvpListDbRow) -> Result<Self, DbError> {
        use app::domain::forum::{RsvpAnswer, Seat};
        Ok(Self {
            user_id: r.user_id,
            name: r.name,
            club_name: r.club_name,
            answer: RsvpAnswer::parse(&r.answer).ok_or_else(|| bad("answer", &r.answer))?,
            seat: r
                .seat
                .as_deref()
                .map(|s| Seat::parse(s).ok_or_else(|| bad("seat", s)))
                .transpose()?,
            answered_at: r.answered_at,
            attended: r.attended,
        })
    }
}

macro_rules! impl_rsvp_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::forum_store::RsvpStore for $store {
            async fn set_rsvp(
                &self,
                forum_id: i64,
                user_id: i64,
                answer: app::domain::forum::RsvpAnswer,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<app::domain::forum::RsvpRecord> {
                use app::domain::forum::RsvpAnswer;
                use $crate::store::errors::db_error;
                use $crate::store::forums::{RsvpRow, RSVP_SELECT};
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // Locks the forum's row (PostgreSQL; SQLite's write
                // transaction is already alone), so seats are counted by
                // one answer at a time.
                let capacity: Option<i64> = sqlx::query_scalar(
                    "UPDATE forums SET updated_at = updated_at \
                     WHERE id = $1 AND state IN ('open', 'confirmed') RETURNING capacity",
                )
                .bind(forum_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let capacity = capacity.ok_or(app::ssr::DbError::NotFound)?;
                let before: Option<(String, Option<String>)> = sqlx::query_as(
                    "SELECT answer, seat FROM forum_rsvps WHERE forum_id = $1 AND user_id = $2",
                )
                .bind(forum_id)
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let was_attending = before.as_ref().is_some_and(|b| b.0 == "attending");
                if answer == RsvpAnswer::Attending && was_attending {
                    // Already attending: the seat or the place in line stays.
                } else {
                    let seat: Option<&str> = if answer == RsvpAnswer::Attending {
                        let seated: i64 = sqlx::query_scalar(
                            "SELECT COUNT(*) FROM forum_rsvps \
                             WHERE forum_id = $1 AND seat = 'seated'",
                        )
                        .bind(forum_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                        Some(if seated < capacity { "seated" } else { "waiting" })
                    } else {
                        None
                    };
                    sqlx::query(
                        "INSERT INTO forum_rsvps (forum_id, user_id, answer, seat, answered_at) \
                         VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (forum_id, user_id) DO UPDATE \
                         SET answer = excluded.answer, seat = excluded.seat, \
                             answered_at = excluded.answered_at",
                    )
                    .bind(forum_id)
                    .bind(user_id)
                    .bind(answer.as_str())
                    .bind(seat)
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                // Free seats go to the waiting list in order (a seat given
                // up just now, or a capacity raised since).
                let seated: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM forum_rsvps WHERE forum_id = $1 AND seat = 'seated'",
                )
                .bind(forum_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if seated < capacity {
                    sqlx::query(
                        "UPDATE forum_rsvps SET seat = 'seated' \
                         WHERE forum_id = $1 AND user_id IN ( \
                           SELECT user_id FROM forum_rsvps \
                           WHERE forum_id = $1 AND seat = 'waiting' \
                           ORDER BY answered_at, user_id LIMIT $2)",
                    )
                    .bind(forum_id)
                    .bind(capacity - seated)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                insert_audit!(tx, audit, Some(format!("{forum_id}/{user_id}")))?;
                let row: RsvpRow = sqlx::query_as(RSVP_SELECT)
                    .bind(forum_id)
                    .bind(user_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                row.try_into()
            }

            async fn rsvp(
                &self,
                forum_id: i64,
                user_id: i64,
            ) -> app::ssr::DbResult<Option<app::domain::forum::RsvpRecord>> {
                use $crate::store::forums::{RsvpRow, RSVP_SELECT};
                let row: Option<RsvpRow> = sqlx::query_as(RSVP_SELECT)
                    .bind(forum_id)
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn forum_rsvps(
                &self,
                forum_id: i64,
            ) -> app::ssr::DbResult<Vec<app::domain::forum::RsvpListRow>> {
                use $crate::store::forums::{records, RsvpListDbRow};
                let rows: Vec<RsvpListDbRow> = sqlx::query_as(
                    "SELECT r.user_id, u.display_name AS name, cl.name AS club_name, r.answer, \
                            r.seat, r.answered_at, r.attended \
                     FROM forum_rsvps r JOIN users u ON u.id = r.user_id \
                     LEFT JOIN clubs cl ON cl.id = u.club_id \
                     WHERE r.forum_id = $1 \
                     ORDER BY CASE r.seat WHEN 'seated' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, \
                              CASE r.answer WHEN 'maybe' THEN 0 ELSE 1 END, \
                              r.answered_at, r.user_id",
                )
                .bind(forum_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                records(rows)
            }

            async fn mark_attendance(
                &self,
                forum_id: i64,
                user_id: i64,
                attended: bool,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query(
                    "UPDATE forum_rsvps SET attended = $3 \
                     WHERE forum_id = $1 AND user_id = $2 AND answer = 'attending' \
                       AND forum_id IN (SELECT id FROM forums \
                                         WHERE state IN ('confirmed', 'held'))",
                )
                .bind(forum_id)
                .bind(user_id)
                .bind(attended);
                audited_update!(
                    self,
                    update,
                    audit,
                    Some(format!("{forum_id}/{user_id}")),
                    revoke_sessions_of: None
                )
            }
        }
    };
}
