//! The scorecard part of the store (`app::ssr::forum_store::ScorecardStore`):
//! investors' scores of each presenting company, the forum's weights and the
//! release of the anonymous feedback. Who may score is decided again inside
//! the writing statement (the forum being held, the company on the agenda,
//! the investor attending), so a stale page or a second tab cannot score
//! after the forum closed.

use app::domain::scorecard::Scores;
use app::ssr::forum_store::ScorecardRecord;
use chrono::{DateTime, Utc};

/// The score columns in `Criterion::ALL` order and the three comments.
pub(crate) const SCORE_COLUMNS: &str = "s.team, s.market, s.technology, s.traction, \
     s.advantage, s.attractiveness, s.strengths, s.improvements, s.questions";

#[derive(sqlx::FromRow)]
pub(crate) struct ScoreRow {
    team: i64,
    market: i64,
    technology: i64,
    traction: i64,
    advantage: i64,
    attractiveness: i64,
    strengths: String,
    improvements: String,
    questions: String,
}

impl From<ScoreRow> for Scores {
    fn from(r: ScoreRow) -> Self {
        Scores {
            scores: [
                r.team,
                r.market,
                r.technology,
                r.traction,
                r.advantage,
                r.attractiveness,
            ],
            strengths: r.strengths,
            improvements: r.improvements,
            questions: r.questions,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OwnScoreRow {
    company_id: i64,
    #[sqlx(flatten)]
    scores: ScoreRow,
}

impl From<OwnScoreRow> for (i64, Scores) {
    fn from(r: OwnScoreRow) -> Self {
        (r.company_id, r.scores.into())
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ScorecardDbRow {
    company_id: i64,
    company_slug: String,
    company_name: String,
    investor_id: i64,
    investor_name: String,
    club_name: Option<String>,
    updated_at: DateTime<Utc>,
    #[sqlx(flatten)]
    scores: ScoreRow,
}

impl From<ScorecardDbRow> for ScorecardRecord {
    fn from(r: ScorecardDbRow) -> Self {
        ScorecardRecord {
            company_id: r.company_id,
            company_slug: r.company_slug,
            company_name: r.company_name,
            investor_id: r.investor_id,
            investor_name: r.investor_name,
            club_name: r.club_name,
            scores: r.scores.into(),
            updated_at: r.updated_at,
        }
    }
}

macro_rules! impl_scorecard_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::forum_store::ScorecardStore for $store {
            async fn save_scorecard(
                &self,
                forum_id: i64,
                company_id: i64,
                investor_id: i64,
                scores: &app::domain::scorecard::Scores,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let [team, market, technology, traction, advantage, attractiveness] =
                    scores.scores;
                let upsert = sqlx::query(
                    "INSERT INTO forum_scorecards (forum_id, company_id, investor_id, team, \
                     market, technology, traction, advantage, attractiveness, strengths, \
                     improvements, questions, created_at, updated_at) \
                     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13 \
                     WHERE EXISTS (SELECT 1 FROM forums f WHERE f.id = $1 AND f.state = 'held') \
                       AND EXISTS (SELECT 1 FROM forum_applications a \
                                    WHERE a.forum_id = $1 AND a.company_id = $2 \
                                      AND a.slot_position IS NOT NULL) \
                       AND EXISTS (SELECT 1 FROM forum_rsvps r \
                                    WHERE r.forum_id = $1 AND r.user_id = $3 \
                                      AND r.answer = 'attending' \
                                      AND (r.seat = 'seated' OR r.attended = TRUE)) \
                     ON CONFLICT (forum_id, company_id, investor_id) DO UPDATE SET \
                       team = excluded.team, market = excluded.market, \
                       technology = excluded.technology, traction = excluded.traction, \
                       advantage = excluded.advantage, attractiveness = excluded.attractiveness, \
                       strengths = excluded.strengths, improvements = excluded.improvements, \
                       questions = excluded.questions, updated_at = excluded.updated_at",
                )
                .bind(forum_id)
                .bind(company_id)
                .bind(investor_id)
                .bind(team)
                .bind(market)
                .bind(technology)
                .bind(traction)
                .bind(advantage)
                .bind(attractiveness)
                .bind(&scores.strengths)
                .bind(&scores.improvements)
                .bind(&scores.questions)
                .bind(audit.at);
                audited_update!(
                    self,
                    upsert,
                    audit,
                    Some(format!("{forum_id}/{company_id}/{investor_id}")),
                    revoke_sessions_of: None
                )
            }

            async fn investor_scorecards(
                &self,
                forum_id: i64,
                investor_id: i64,
            ) -> app::ssr::DbResult<Vec<(i64, app::domain::scorecard::Scores)>> {
                use $crate::store::scorecards::{OwnScoreRow, SCORE_COLUMNS};
                let rows: Vec<OwnScoreRow> = sqlx::query_as(&format!(
                    "SELECT s.company_id, {SCORE_COLUMNS} FROM forum_scorecards s \
                     WHERE s.forum_id = $1 AND s.investor_id = $2 ORDER BY s.company_id"
                ))
                .bind(forum_id)
                .bind(investor_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn forum_scorecards(
                &self,
                forum_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::forum_store::ScorecardRecord>> {
                use $crate::store::scorecards::{ScorecardDbRow, SCORE_COLUMNS};
                let rows: Vec<ScorecardDbRow> = sqlx::query_as(&format!(
                    "SELECT s.company_id, c.slug AS company_slug, c.name_ko AS company_name, \
                            s.investor_id, u.display_name AS investor_name, \
                            cl.name AS club_name, s.updated_at, {SCORE_COLUMNS} \
                     FROM forum_scorecards s \
                     JOIN forum_applications a \
                       ON a.forum_id = s.forum_id AND a.company_id = s.company_id \
                     JOIN companies c ON c.id = s.company_id \
                     JOIN users u ON u.id = s.investor_id \
                     LEFT JOIN clubs cl ON cl.id = u.club_id \
                     WHERE s.forum_id = $1 \
                     ORDER BY a.slot_position, s.company_id, u.display_name, s.investor_id"
                ))
                .bind(forum_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn company_scorecards(
                &self,
                forum_id: i64,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::domain::scorecard::Scores>> {
                use $crate::store::scorecards::{ScoreRow, SCORE_COLUMNS};
                let rows: Vec<ScoreRow> = sqlx::query_as(&format!(
                    "SELECT {SCORE_COLUMNS} FROM forum_scorecards s \
                     WHERE s.forum_id = $1 AND s.company_id = $2"
                ))
                .bind(forum_id)
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn set_weights(
                &self,
                forum_id: i64,
                weights: &app::domain::scorecard::Weights,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let [team, market, technology, traction, advantage, attractiveness] = weights.0;
                let update = sqlx::query(
                    "UPDATE forums SET weight_team = $2, weight_market = $3, \
                     weight_technology = $4, weight_traction = $5, weight_advantage = $6, \
                     weight_attractiveness = $7 \
                     WHERE id = $1 AND feedback_released_at IS NULL",
                )
                .bind(forum_id)
                .bind(team)
                .bind(market)
                .bind(technology)
                .bind(traction)
                .bind(advantage)
                .bind(attractiveness);
                audited_update!(
                    self,
                    update,
                    audit,
                    Some(forum_id.to_string()),
                    revoke_sessions_of: None
                )
            }

            async fn release_feedback(
                &self,
                forum_id: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let done = sqlx::query(
                    "UPDATE forums SET feedback_released_at = $2 \
                     WHERE id = $1 AND state = 'closed' AND feedback_released_at IS NULL",
                )
                .bind(forum_id)
                .bind(audit.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                $crate::store::readiness::touched(done.rows_affected())?;
                // Every presenting company's members are told, in one statement.
                sqlx::query(
                    "INSERT INTO notifications (user_id, kind, company_id, forum_id, \
                     actor_name, created_at) \
                     SELECT m.user_id, 'forum_feedback', m.company_id, f.id, f.title, $2 \
                     FROM forum_applications a JOIN forums f ON f.id = a.forum_id \
                     JOIN company_members m ON m.company_id = a.company_id \
                     WHERE a.forum_id = $1 AND a.slot_position IS NOT NULL",
                )
                .bind(forum_id)
                .bind(audit.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                insert_audit!(tx, audit, Some(forum_id.to_string()))?;
                tx.commit().await.map_err(db_error)
            }
        }
    };
}
