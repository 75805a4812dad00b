//! The deal-flow part of the store (`app::ssr::deal_store::DealStore`).
//!
//! Like the other halves, `impl_deal_store!` expands one set of method
//! bodies for both pool types with `$n` placeholders both drivers bind;
//! the only backend-specific piece is `ROW_LOCK` on the interest row a
//! stage change reads before it writes.
//!
//! Every page is a fixed number of queries: lists are one join each, and
//! per-stage sums are added up in Rust from the rows already read.

use app::ssr::deal_store::PipelineScope;

/// The feed's sources, newest first after `ORDER BY at DESC`: updates and
/// revisions of companies `$1` follows (since following), club mates'
/// stage changes (club `$2`) on companies `$1` follows or tracks, and
/// answers to `$1`'s meeting requests.
pub(crate) const FEED_UNION: &str = "\
    SELECT 'update' AS kind, c.slug, c.name_ko, cu.title AS title, \
           CAST(NULL AS TEXT) AS detail, CAST(NULL AS TIMESTAMPTZ) AS proposed_at, \
           cu.posted_at AS at \
    FROM company_updates cu \
    JOIN follows f ON f.company_id = cu.company_id AND f.user_id = $1 \
    JOIN companies c ON c.id = cu.company_id \
    WHERE cu.posted_at >= f.created_at \
    UNION ALL \
    SELECT 'revision', c.slug, c.name_ko, CAST(r.number AS TEXT), NULL, NULL, r.published_at \
    FROM pitch_revisions r \
    JOIN follows f ON f.company_id = r.company_id AND f.user_id = $1 \
    JOIN companies c ON c.id = r.company_id \
    WHERE r.published_at >= f.created_at \
    UNION ALL \
    SELECT 'club_stage', c.slug, c.name_ko, e.actor_name, e.to_stage, NULL, e.created_at \
    FROM interest_events e JOIN companies c ON c.id = e.company_id \
    WHERE e.club_id = $2 AND e.investor_id <> $1 AND e.company_id IN \
          (SELECT company_id FROM follows WHERE user_id = $1 \
           UNION SELECT company_id FROM interests WHERE investor_id = $1) \
    UNION ALL \
    SELECT 'meeting_answer', c.slug, c.name_ko, COALESCE(m.answer_note, ''), m.status, \
           m.proposed_at, m.answered_at \
    FROM meeting_requests m JOIN companies c ON c.id = m.company_id \
    WHERE m.investor_id = $1 AND m.answered_at IS NOT NULL";

/// The header shows at most this many unread items ("99+" above).
pub(crate) const UNREAD_CAP: i64 = 100;

/// A pipeline's rows; `$1` is the scope's id, `$2`–`$4` the cluster slug,
/// stage and member filters (`NULL` = any), `$5` the id to read after.
pub(crate) fn pipeline_query(scope: PipelineScope, ordered_by_id: bool) -> String {
    let scope = match scope {
        PipelineScope::Investor(_) => "i.investor_id = $1",
        // Only verified members count: a member whose verification was
        // withdrawn no longer speaks for the club.
        PipelineScope::Club(_) => {
            "u.club_id = $1 AND u.role = 'investor' AND u.verification = 'verified'"
        }
    };
    let order = if ordered_by_id {
        "i.id LIMIT $6"
    } else {
        "i.stage_changed_at DESC, i.id DESC"
    };
    format!(
        "SELECT i.id AS interest_id, i.investor_id, u.display_name AS investor_name, {terms}, \
         i.stage_changed_at, {company} \
         FROM interests i JOIN users u ON u.id = i.investor_id \
         JOIN companies c ON c.id = i.company_id LEFT JOIN clusters cl ON cl.id = c.cluster_id \
         WHERE {scope} AND ($2 IS NULL OR cl.slug = $2) AND ($3 IS NULL OR i.stage = $3) \
         AND ($4 IS NULL OR i.investor_id = $4) AND i.id > $5 ORDER BY {order}",
        terms = super::deal_rows::TERMS_COLUMNS,
        company = super::deal_rows::DEAL_COMPANY_COLUMNS,
    )
}

pub(crate) fn scope_id(scope: PipelineScope) -> i64 {
    match scope {
        PipelineScope::Investor(id) | PipelineScope::Club(id) => id,
    }
}

macro_rules! impl_deal_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::deal_store::DealStore for $store {
            async fn follow(
                &self,
                user_id: i64,
                company_id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                sqlx::query(
                    "INSERT INTO follows (user_id, company_id, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (user_id, company_id) DO NOTHING",
                )
                .bind(user_id)
                .bind(company_id)
                .bind(at)
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err($crate::store::errors::db_error)
            }

            async fn unfollow(&self, user_id: i64, company_id: i64) -> app::ssr::DbResult<()> {
                sqlx::query("DELETE FROM follows WHERE user_id = $1 AND company_id = $2")
                    .bind(user_id)
                    .bind(company_id)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
                    .map_err($crate::store::errors::db_error)
            }

            async fn followed_among(
                &self,
                user_id: i64,
                company_ids: &[i64],
            ) -> app::ssr::DbResult<Vec<i64>> {
                if company_ids.is_empty() {
                    return Ok(Vec::new());
                }
                // A page holds few enough cards for one list.
                let placeholders =
                    $crate::store::shared::numbered_placeholders(2, company_ids.len());
                let sql = format!(
                    "SELECT company_id FROM follows WHERE user_id = $1 \
                     AND company_id IN ({placeholders})"
                );
                let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(user_id);
                for id in company_ids {
                    query = query.bind(*id);
                }
                query
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)
            }

            async fn deal_state(
                &self,
                user_id: i64,
                company_id: i64,
            ) -> app::ssr::DbResult<(bool, Option<app::ssr::deal_store::InterestRecord>)> {
                use $crate::store::deal_rows::{InterestRow, INTEREST_SELECT};
                use $crate::store::errors::db_error;
                let following: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM follows WHERE user_id = $1 AND company_id = $2)",
                )
                .bind(user_id)
                .bind(company_id)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)?;
                let row: Option<InterestRow> = sqlx::query_as(&format!(
                    "{INTEREST_SELECT} WHERE i.investor_id = $1 AND i.company_id = $2"
                ))
                .bind(user_id)
                .bind(company_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
                Ok((following, row.map(TryInto::try_into).transpose()?))
            }

            async fn record_stage_change(
                &self,
                new: &app::ssr::deal_store::NewStageChange<'_>,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<app::ssr::deal_store::InterestRecord> {
                use app::domain::deal::{InterestStage, InterestTerms};
                use app::ssr::DbError;
                use $crate::store::deal_rows::{InterestRow, INTEREST_SELECT};
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let current: Option<InterestRow> = sqlx::query_as(&format!(
                    "{INTEREST_SELECT} WHERE i.investor_id = $1 AND i.company_id = $2{}",
                    Self::ROW_LOCK
                ))
                .bind(new.investor_id)
                .bind(new.company_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                let current: Option<app::ssr::deal_store::InterestRecord> =
                    current.map(TryInto::try_into).transpose()?;
                if current.as_ref().map(|c| c.terms.stage) != new.expected_from {
                    return Err(DbError::Conflict("stage".into()));
                }
                let before = current
                    .as_ref()
                    .map_or_else(InterestTerms::watching, |c| c.terms.clone());
                let terms = before.after(new.change);
                let actor_name: String =
                    sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
                        .bind(new.investor_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                let won = |w: Option<app::domain::money::Won>| w.map(|w| w.get());
                let id: i64 = match &current {
                    Some(c) => {
                        sqlx::query(
                            "UPDATE interests SET stage = $2, amount_min = $3, amount_max = $4, \
                             route = $5, amount = $6, invested_on = $7, stage_changed_at = $8 \
                             WHERE id = $1",
                        )
                        .bind(c.id)
                        .bind(terms.stage.as_str())
                        .bind(won(terms.amount_min))
                        .bind(won(terms.amount_max))
                        .bind(terms.route.map(|r| r.as_str()))
                        .bind(won(terms.amount))
                        .bind(terms.invested_on)
                        .bind(new.at)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?;
                        c.id
                    }
                    None => sqlx::query_scalar(
                        "INSERT INTO interests (investor_id, company_id, stage, amount_min, \
                         amount_max, route, amount, invested_on, stage_changed_at, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                    )
                    .bind(new.investor_id)
                    .bind(new.company_id)
                    .bind(terms.stage.as_str())
                    .bind(won(terms.amount_min))
                    .bind(won(terms.amount_max))
                    .bind(terms.route.map(|r| r.as_str()))
                    .bind(won(terms.amount))
                    .bind(terms.invested_on)
                    .bind(new.at)
                    .fetch_one(&mut *tx)
                    .await
                    // Two first changes at once: the loser is told the
                    // stage moved, like any other race.
                    .map_err(|e| match db_error(e) {
                        DbError::Conflict(_) => DbError::Conflict("stage".into()),
                        other => other,
                    })?,
                };
                let change = new.change;
                sqlx::query(
                    "INSERT INTO interest_events (interest_id, investor_id, company_id, club_id, \
                     from_stage, to_stage, amount_min, amount_max, route, amount, invested_on, \
                     note, forum_id, actor_id, actor_name, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $2, $14, $15)",
                )
                .bind(id)
                .bind(new.investor_id)
                .bind(new.company_id)
                .bind(new.club_id)
                .bind(current.as_ref().map(|c| c.terms.stage.as_str()))
                .bind(change.to.as_str())
                .bind(won(change.amount_min))
                .bind(won(change.amount_max))
                .bind(change.route.map(|r| r.as_str()))
                .bind(won(change.amount))
                .bind(change.invested_on)
                .bind(change.note.as_deref())
                .bind(new.forum_id)
                .bind(&actor_name)
                .bind(new.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                sqlx::query(
                    "INSERT INTO follows (user_id, company_id, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (user_id, company_id) DO NOTHING",
                )
                .bind(new.investor_id)
                .bind(new.company_id)
                .bind(new.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if change.to == InterestStage::MeetingRequested {
                    let meeting_id: i64 = sqlx::query_scalar(
                        "INSERT INTO meeting_requests (interest_id, company_id, investor_id, \
                         message, status, created_at) VALUES ($1, $2, $3, $4, 'pending', $5) \
                         RETURNING id",
                    )
                    .bind(id)
                    .bind(new.company_id)
                    .bind(new.investor_id)
                    .bind(change.message.as_deref().unwrap_or_default())
                    .bind(new.at)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    sqlx::query(
                        "INSERT INTO notifications (user_id, kind, company_id, meeting_id, \
                         actor_name, created_at) \
                         SELECT m.user_id, 'meeting_requested', $1, $2, $3, $4 \
                         FROM company_members m WHERE m.company_id = $1",
                    )
                    .bind(new.company_id)
                    .bind(meeting_id)
                    .bind(&actor_name)
                    .bind(new.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    if let Some(base_url) = new.mail_base_url {
                        // Queued in this transaction: the request and its
                        // e-mails exist together or not at all.
                        use app::ssr::mail::{meeting_request, MeetingRequestFacts};
                        let (slug, name_ko, name_en, club_name): (
                            String,
                            String,
                            Option<String>,
                            Option<String>,
                        ) = sqlx::query_as(
                            "SELECT c.slug, c.name_ko, c.name_en, \
                             (SELECT name FROM clubs WHERE id = $2) FROM companies c WHERE c.id = $1",
                        )
                        .bind(new.company_id)
                        .bind(new.club_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                        let recipients: Vec<$crate::store::mail::RecipientRow> =
                            sqlx::query_as($crate::store::mail::COMPANY_RECIPIENTS)
                                .bind(new.company_id)
                                .fetch_all(&mut *tx)
                                .await
                                .map_err(db_error)?;
                        let facts = MeetingRequestFacts {
                            company_slug: &slug,
                            company_name_ko: &name_ko,
                            company_name_en: name_en.as_deref(),
                            investor_name: &actor_name,
                            club_name: club_name.as_deref(),
                            message: change.message.as_deref().unwrap_or_default(),
                        };
                        for row in recipients {
                            let recipient: app::ssr::mail_store::MailRecipient = row.into();
                            let mail = meeting_request(&facts, &recipient, base_url);
                            insert_mail!(&mut *tx, mail, new.at)?;
                        }
                    }
                }
                insert_audit!(tx, audit, id.to_string())?;
                tx.commit().await.map_err(db_error)?;
                Ok(app::ssr::deal_store::InterestRecord {
                    id,
                    investor_id: new.investor_id,
                    company_id: new.company_id,
                    terms,
                    stage_changed_at: new.at,
                })
            }

            async fn interest_history(
                &self,
                investor_id: i64,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::InterestEvent>> {
                let rows: Vec<$crate::store::deal_rows::InterestEventRow> = sqlx::query_as(
                    "SELECT id, from_stage, to_stage, amount_min, amount_max, route, amount, \
                     invested_on, note, forum_id, actor_name, created_at FROM interest_events \
                     WHERE investor_id = $1 AND company_id = $2 ORDER BY id DESC",
                )
                .bind(investor_id)
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn deals_of(
                &self,
                user_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::DealRecord>> {
                use $crate::store::deal_rows::{DealRow, DEAL_COMPANY_COLUMNS};
                let rows: Vec<DealRow> = sqlx::query_as(&format!(
                    "SELECT {DEAL_COMPANY_COLUMNS}, f.user_id IS NOT NULL AS following, \
                     i.id AS interest_id, i.investor_id, i.stage, i.amount_min, i.amount_max, \
                     i.route, i.amount, i.invested_on, i.stage_changed_at \
                     FROM companies c LEFT JOIN clusters cl ON cl.id = c.cluster_id \
                     LEFT JOIN follows f ON f.company_id = c.id AND f.user_id = $1 \
                     LEFT JOIN interests i ON i.company_id = c.id AND i.investor_id = $1 \
                     WHERE c.id IN (SELECT company_id FROM follows WHERE user_id = $1 \
                                    UNION SELECT company_id FROM interests WHERE investor_id = $1) \
                     ORDER BY COALESCE(i.stage_changed_at, f.created_at) DESC, c.id"
                ))
                .bind(user_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn pipeline(
                &self,
                scope: app::ssr::deal_store::PipelineScope,
                filter: &app::ssr::deal_store::PipelineFilter,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::PipelineCard>> {
                use $crate::store::deals::{pipeline_query, scope_id};
                let rows: Vec<$crate::store::deal_rows::PipelineRow> =
                    sqlx::query_as(&pipeline_query(scope, false))
                        .bind(scope_id(scope))
                        .bind(filter.cluster_slug.as_deref())
                        .bind(filter.stage.map(|s| s.as_str()))
                        .bind(filter.member_id)
                        .bind(0_i64)
                        .fetch_all(&self.pool)
                        .await
                        .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn pipeline_batch(
                &self,
                scope: app::ssr::deal_store::PipelineScope,
                filter: &app::ssr::deal_store::PipelineFilter,
                after_id: i64,
                limit: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::PipelineCard>> {
                use $crate::store::deals::{pipeline_query, scope_id};
                let rows: Vec<$crate::store::deal_rows::PipelineRow> =
                    sqlx::query_as(&pipeline_query(scope, true))
                        .bind(scope_id(scope))
                        .bind(filter.cluster_slug.as_deref())
                        .bind(filter.stage.map(|s| s.as_str()))
                        .bind(filter.member_id)
                        .bind(after_id)
                        .bind(limit)
                        .fetch_all(&self.pool)
                        .await
                        .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn club_members(
                &self,
                club_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::ClubMember>> {
                let rows: Vec<$crate::store::deal_rows::ClubMemberRow> = sqlx::query_as(
                    "SELECT id, display_name FROM users WHERE club_id = $1 \
                     AND role = 'investor' AND verification = 'verified' AND is_active \
                     ORDER BY display_name, id",
                )
                .bind(club_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn club_deal_settings(
                &self,
                club_id: i64,
            ) -> app::ssr::DbResult<app::ssr::deal_store::ClubDealSettings> {
                let (name, stale_after_days): (String, i64) =
                    sqlx::query_as("SELECT name, stale_after_days FROM clubs WHERE id = $1")
                        .bind(club_id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err($crate::store::errors::db_error)?;
                Ok(app::ssr::deal_store::ClubDealSettings {
                    name,
                    stale_after_days,
                })
            }

            async fn set_club_stale_after_days(
                &self,
                club_id: i64,
                days: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query("UPDATE clubs SET stale_after_days = $2 WHERE id = $1")
                    .bind(club_id)
                    .bind(days);
                audited_update!(self, update, audit, club_id.to_string(), revoke_sessions_of: None)
            }

            async fn club_notes(
                &self,
                club_id: i64,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::ClubNoteRecord>> {
                let rows: Vec<$crate::store::deal_rows::ClubNoteRow> = sqlx::query_as(
                    "SELECT id, club_id, company_id, author_id, author_name, markdown, html, \
                     created_at, updated_at FROM club_notes \
                     WHERE club_id = $1 AND company_id = $2 ORDER BY created_at, id",
                )
                .bind(club_id)
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn add_club_note(
                &self,
                club_id: i64,
                company_id: i64,
                author_id: i64,
                markdown: &str,
                html: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<i64> {
                // The author's name comes from the row, so a note never
                // carries a name the server did not check.
                sqlx::query_scalar(
                    "INSERT INTO club_notes (club_id, company_id, author_id, author_name, \
                     markdown, html, created_at, updated_at) \
                     SELECT $1, $2, u.id, u.display_name, $4, $5, $6, $6 FROM users u \
                     WHERE u.id = $3 RETURNING id",
                )
                .bind(club_id)
                .bind(company_id)
                .bind(author_id)
                .bind(markdown)
                .bind(html)
                .bind(at)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)
            }

            async fn update_club_note(
                &self,
                note_id: i64,
                club_id: i64,
                author_id: i64,
                markdown: &str,
                html: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                let done = sqlx::query(
                    "UPDATE club_notes SET markdown = $4, html = $5, updated_at = $6 \
                     WHERE id = $1 AND club_id = $2 AND author_id = $3",
                )
                .bind(note_id)
                .bind(club_id)
                .bind(author_id)
                .bind(markdown)
                .bind(html)
                .bind(at)
                .execute(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                if done.rows_affected() == 0 {
                    return Err(app::ssr::DbError::NotFound);
                }
                Ok(())
            }

            async fn delete_club_note(
                &self,
                note_id: i64,
                club_id: i64,
                author_id: i64,
            ) -> app::ssr::DbResult<()> {
                let done = sqlx::query(
                    "DELETE FROM club_notes WHERE id = $1 AND club_id = $2 AND author_id = $3",
                )
                .bind(note_id)
                .bind(club_id)
                .bind(author_id)
                .execute(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                if done.rows_affected() == 0 {
                    return Err(app::ssr::DbError::NotFound);
                }
                Ok(())
            }

            async fn company_interest(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<app::ssr::deal_store::CompanyInterest> {
                use app::domain::deal::InterestStage;
                use $crate::store::deal_rows::{MeetingRow, MEETING_SELECT};
                use $crate::store::errors::db_error;
                let followed_at: Vec<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
                    "SELECT created_at FROM follows WHERE company_id = $1 ORDER BY created_at",
                )
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let counts: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT stage, COUNT(*) FROM interests WHERE company_id = $1 GROUP BY stage",
                )
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let per_stage = InterestStage::ALL
                    .iter()
                    .map(|&s| {
                        let n = counts
                            .iter()
                            .find(|(name, _)| name == s.as_str())
                            .map_or(0, |(_, n)| *n);
                        (s, n)
                    })
                    .collect();
                let meetings: Vec<MeetingRow> = sqlx::query_as(&format!(
                    "{MEETING_SELECT} WHERE m.company_id = $1 ORDER BY m.created_at DESC, m.id DESC"
                ))
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(app::ssr::deal_store::CompanyInterest {
                    followed_at,
                    per_stage,
                    meetings: meetings
                        .into_iter()
                        .map(TryInto::try_into)
                        .collect::<Result<_, _>>()?,
                })
            }

            async fn meetings_of_investor(
                &self,
                investor_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::MeetingRecord>> {
                use $crate::store::deal_rows::{MeetingRow, MEETING_SELECT};
                let rows: Vec<MeetingRow> = sqlx::query_as(&format!(
                    "{MEETING_SELECT} WHERE m.investor_id = $1 ORDER BY m.created_at DESC, m.id DESC"
                ))
                .bind(investor_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn answer_meeting(
                &self,
                company_id: i64,
                meeting_id: i64,
                answer: &app::domain::deal::MeetingAnswer,
                by_user_id: i64,
                at: chrono::DateTime<chrono::Utc>,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use app::ssr::DbError;
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let status: Option<String> = sqlx::query_scalar(&format!(
                    "SELECT status FROM meeting_requests WHERE id = $1 AND company_id = $2{}",
                    Self::ROW_LOCK
                ))
                .bind(meeting_id)
                .bind(company_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
                match status.as_deref() {
                    None => return Err(DbError::NotFound),
                    Some("pending") => {}
                    Some(_) => return Err(DbError::Conflict("answered".into())),
                }
                sqlx::query(
                    "UPDATE meeting_requests SET status = $2, proposed_at = $3, answer_note = $4, \
                     answered_by = $5, answered_at = $6 WHERE id = $1",
                )
                .bind(meeting_id)
                .bind(answer.status.as_str())
                .bind(answer.proposed_at)
                .bind(answer.note.as_deref())
                .bind(by_user_id)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                insert_audit!(tx, audit, meeting_id.to_string())?;
                tx.commit().await.map_err(db_error)
            }

            async fn feed(
                &self,
                user_id: i64,
                club_id: Option<i64>,
                limit: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::FeedItem>> {
                use $crate::store::deals::FEED_UNION;
                let rows: Vec<$crate::store::deal_rows::FeedRow> = sqlx::query_as(&format!(
                    "SELECT kind, slug, name_ko, title, detail, proposed_at, at FROM ({FEED_UNION}) feed \
                     ORDER BY at DESC LIMIT $3"
                ))
                .bind(user_id)
                .bind(club_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn unread_count(
                &self,
                user_id: i64,
                club_id: Option<i64>,
            ) -> app::ssr::DbResult<i64> {
                use $crate::store::deals::{FEED_UNION, UNREAD_CAP};
                sqlx::query_scalar(&format!(
                    "SELECT (SELECT COUNT(*) FROM (SELECT 1 AS one FROM ({FEED_UNION}) feed \
                              JOIN users u ON u.id = $1 \
                              WHERE u.feed_seen_at IS NULL OR feed.at > u.feed_seen_at \
                              LIMIT $3) unread) \
                          + (SELECT COUNT(*) FROM notifications \
                             WHERE user_id = $1 AND read_at IS NULL)"
                ))
                .bind(user_id)
                .bind(club_id)
                .bind(UNREAD_CAP)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)
            }

            async fn mark_feed_read(
                &self,
                user_id: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                sqlx::query("UPDATE users SET feed_seen_at = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                sqlx::query(
                    "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
                )
                .bind(user_id)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)
            }

            async fn feed_seen_at(
                &self,
                user_id: i64,
            ) -> app::ssr::DbResult<Option<chrono::DateTime<chrono::Utc>>> {
                sqlx::query_scalar("SELECT feed_seen_at FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)
            }

            async fn notifications(
                &self,
                user_id: i64,
                limit: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::deal_store::NotificationRecord>> {
                let rows: Vec<$crate::store::deal_rows::NotificationRow> = sqlx::query_as(
                    "SELECT n.id, n.kind, c.slug, c.name_ko, n.actor_name, \
                     ti.title_ko AS item_title_ko, ti.title_en AS item_title_en, n.due_on, \
                     n.forum_id, n.created_at, n.read_at \
                     FROM notifications n JOIN companies c ON c.id = n.company_id \
                     LEFT JOIN checklist_items ci ON ci.id = n.item_id \
                     LEFT JOIN readiness_template_items ti ON ti.id = ci.template_item_id \
                     WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT $2",
                )
                .bind(user_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }
    };
}
