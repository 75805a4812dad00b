//! The outcome part of the store (`app::ssr::outcome_store::OutcomeStore`):
//! outcomes with their forums, admins' decisions on founders' outcomes, and
//! the facts the impact dashboard counts (read in five flat queries, never
//! one per forum or company).

use app::domain::impact::{ForumFact, InterestFact, OutcomeFact, SlotFact};
use app::domain::money::Won;
use app::domain::outcome::OutcomeRecord;
use app::domain::outcome::{Counterparty, OutcomeKind, OutcomeStatus};
use app::ssr::DbError;
use chrono::{DateTime, NaiveDate, Utc};

fn bad(what: &str, value: &str) -> DbError {
    DbError::Other(format!("unknown {what} {value:?} in the database"))
}

/// The forums that took place, which is what outcomes and the dashboard
/// may refer to.
pub(crate) const TOOK_PLACE: &str = "f.state IN ('held', 'closed')";

pub(crate) const OUTCOME_SELECT: &str = "\
    SELECT o.id, o.company_id, c.slug AS company_slug, c.name_ko AS company_name, o.kind, \
           o.amount, o.amount_usd, o.headcount, o.occurred_on, o.counterparty, o.evidence, \
           o.status, u.display_name AS recorded_by, o.recorded_at \
    FROM outcomes o JOIN companies c ON c.id = o.company_id \
    LEFT JOIN users u ON u.id = o.recorded_by \
    WHERE ($1 IS NULL OR o.company_id = $1) AND ($2 IS NULL OR o.status = $2)";

#[derive(sqlx::FromRow)]
pub(crate) struct OutcomeRow {
    pub(crate) id: i64,
    company_id: i64,
    company_slug: String,
    company_name: String,
    kind: String,
    amount: Option<i64>,
    amount_usd: Option<i64>,
    headcount: Option<i64>,
    occurred_on: NaiveDate,
    counterparty: String,
    evidence: String,
    status: String,
    recorded_by: Option<String>,
    recorded_at: DateTime<Utc>,
}

impl OutcomeRow {
    pub(crate) fn into_record(self, forums: Vec<(i64, String)>) -> Result<OutcomeRecord, DbError> {
        Ok(OutcomeRecord {
            id: self.id,
            company_id: self.company_id,
            company_slug: self.company_slug,
            company_name: self.company_name,
            kind: OutcomeKind::parse(&self.kind).ok_or_else(|| bad("outcome kind", &self.kind))?,
            amount: self.amount,
            amount_usd: self.amount_usd,
            headcount: self.headcount,
            occurred_on: self.occurred_on,
            counterparty: Counterparty::parse(&self.counterparty)
                .ok_or_else(|| bad("counterparty", &self.counterparty))?,
            evidence: self.evidence,
            status: OutcomeStatus::parse(&self.status)
                .ok_or_else(|| bad("outcome status", &self.status))?,
            recorded_by: self.recorded_by,
            recorded_at: self.recorded_at,
            forums,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OutcomeForumRow {
    pub(crate) outcome_id: i64,
    pub(crate) forum_id: i64,
    pub(crate) title: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct ForumFactRow {
    id: i64,
    title: String,
    starts_at: DateTime<Utc>,
}

impl From<ForumFactRow> for ForumFact {
    fn from(r: ForumFactRow) -> Self {
        ForumFact {
            id: r.id,
            title: r.title,
            starts_at: r.starts_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SlotFactRow {
    forum_id: i64,
    company_id: i64,
    cluster: Option<String>,
}

impl From<SlotFactRow> for SlotFact {
    fn from(r: SlotFactRow) -> Self {
        SlotFact {
            forum_id: r.forum_id,
            company_id: r.company_id,
            cluster: r.cluster,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct InterestFactRow {
    company_id: i64,
    investor_id: i64,
    created_at: DateTime<Utc>,
}

impl From<InterestFactRow> for InterestFact {
    fn from(r: InterestFactRow) -> Self {
        InterestFact {
            company_id: r.company_id,
            investor_id: r.investor_id,
            at: r.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OutcomeFactRow {
    pub(crate) id: i64,
    company_id: i64,
    cluster: Option<String>,
    kind: String,
    amount: Option<i64>,
    amount_usd: Option<i64>,
    headcount: Option<i64>,
    occurred_on: NaiveDate,
}

impl OutcomeFactRow {
    pub(crate) fn into_fact(self, forum_ids: Vec<i64>) -> Result<OutcomeFact, DbError> {
        Ok(OutcomeFact {
            id: self.id,
            company_id: self.company_id,
            cluster: self.cluster,
            kind: OutcomeKind::parse(&self.kind).ok_or_else(|| bad("outcome kind", &self.kind))?,
            amount: self.amount.map(Won),
            amount_usd: self.amount_usd,
            headcount: self.headcount,
            occurred_on: self.occurred_on,
            forum_ids,
        })
    }
}

/// Groups (outcome id, value) pairs by outcome, keeping their order.
pub(crate) fn group<T>(
    pairs: impl IntoIterator<Item = (i64, T)>,
) -> std::collections::HashMap<i64, Vec<T>> {
    let mut map: std::collections::HashMap<i64, Vec<T>> = std::collections::HashMap::new();
    for (id, v) in pairs {
        map.entry(id).or_default().push(v);
    }
    map
}

macro_rules! impl_outcome_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::outcome_store::OutcomeStore for $store {
            async fn record_outcome(
                &self,
                company_id: i64,
                o: &app::domain::outcome::OutcomeFields,
                status: app::domain::outcome::OutcomeStatus,
                by: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO outcomes (company_id, kind, amount, amount_usd, headcount, \
                     occurred_on, counterparty, evidence, status, recorded_by, recorded_at, \
                     decided_by, decided_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
                             CASE WHEN $9 = 'confirmed' THEN $10 END, \
                             CASE WHEN $9 = 'confirmed' THEN $11 END) RETURNING id",
                )
                .bind(company_id)
                .bind(o.kind.as_str())
                .bind(o.amount.map(|w| w.get()))
                .bind(o.amount_usd)
                .bind(o.headcount)
                .bind(o.occurred_on)
                .bind(o.counterparty.as_str())
                .bind(&o.evidence)
                .bind(status.as_str())
                .bind(by)
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                for forum_id in &o.forum_ids {
                    let linked = sqlx::query(&format!(
                        "INSERT INTO outcome_forums (outcome_id, forum_id) \
                         SELECT $1, $2 WHERE EXISTS ( \
                           SELECT 1 FROM forum_applications a JOIN forums f ON f.id = a.forum_id \
                           WHERE a.forum_id = $2 AND a.company_id = $3 \
                             AND a.slot_position IS NOT NULL AND {})",
                        $crate::store::outcomes::TOOK_PLACE
                    ))
                    .bind(id)
                    .bind(forum_id)
                    .bind(company_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    if linked.rows_affected() == 0 {
                        // Dropping the transaction rolls the outcome back.
                        return Err(app::ssr::DbError::NotFound);
                    }
                }
                insert_audit!(tx, audit, Some(id.to_string()))?;
                tx.commit().await.map_err(db_error)?;
                self.impact.forget();
                Ok(id)
            }

            async fn presented_forums(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<(i64, String, chrono::DateTime<chrono::Utc>)>> {
                sqlx::query_as(&format!(
                    "SELECT f.id, f.title, f.starts_at FROM forum_applications a \
                     JOIN forums f ON f.id = a.forum_id \
                     WHERE a.company_id = $1 AND a.slot_position IS NOT NULL AND {} \
                     ORDER BY f.starts_at, f.id",
                    $crate::store::outcomes::TOOK_PLACE
                ))
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)
            }

            async fn outcomes(
                &self,
                filter: app::ssr::outcome_store::OutcomeFilter,
            ) -> app::ssr::DbResult<Vec<app::domain::outcome::OutcomeRecord>> {
                use $crate::store::errors::db_error;
                use $crate::store::outcomes::{group, OutcomeForumRow, OutcomeRow, OUTCOME_SELECT};
                let status = filter.status.map(|s| s.as_str());
                let rows: Vec<OutcomeRow> = sqlx::query_as(&format!(
                    "{OUTCOME_SELECT} ORDER BY o.occurred_on DESC, o.recorded_at DESC, o.id DESC"
                ))
                .bind(filter.company_id)
                .bind(status)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let links: Vec<OutcomeForumRow> = sqlx::query_as(
                    "SELECT l.outcome_id, f.id AS forum_id, f.title FROM outcome_forums l \
                     JOIN forums f ON f.id = l.forum_id \
                     JOIN outcomes o ON o.id = l.outcome_id \
                     WHERE ($1 IS NULL OR o.company_id = $1) AND ($2 IS NULL OR o.status = $2) \
                     ORDER BY f.starts_at, f.id",
                )
                .bind(filter.company_id)
                .bind(status)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let mut forums =
                    group(links.into_iter().map(|l| (l.outcome_id, (l.forum_id, l.title))));
                rows.into_iter()
                    .map(|r| {
                        let linked = forums.remove(&r.id).unwrap_or_default();
                        r.into_record(linked)
                    })
                    .collect()
            }

            async fn decide_outcome(
                &self,
                outcome_id: i64,
                status: app::domain::outcome::OutcomeStatus,
                by: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query(
                    "UPDATE outcomes SET status = $2, decided_by = $3, decided_at = $4 \
                     WHERE id = $1 AND status = 'pending'",
                )
                .bind(outcome_id)
                .bind(status.as_str())
                .bind(by)
                .bind(audit.at);
                let decided = audited_update!(
                    self,
                    update,
                    audit,
                    Some(outcome_id.to_string()),
                    revoke_sessions_of: None
                );
                self.impact.forget();
                decided
            }

            async fn impact_facts(
                &self,
            ) -> app::ssr::DbResult<std::sync::Arc<app::domain::impact::ImpactFacts>> {
                use $crate::store::errors::db_error;
                if let Some(facts) = self.impact.fresh() {
                    return Ok(facts);
                }
                use $crate::store::outcomes::{
                    group, ForumFactRow, InterestFactRow, OutcomeFactRow, SlotFactRow, TOOK_PLACE,
                };
                let forums: Vec<ForumFactRow> = sqlx::query_as(&format!(
                    "SELECT f.id, f.title, f.starts_at FROM forums f WHERE {TOOK_PLACE} \
                     ORDER BY f.starts_at, f.id"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let clusters: Vec<(String, String, String)> =
                    sqlx::query_as("SELECT slug, name_ko, name_en FROM clusters ORDER BY position")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_error)?;
                let slots: Vec<SlotFactRow> = sqlx::query_as(&format!(
                    "SELECT a.forum_id, a.company_id, cl.slug AS cluster \
                     FROM forum_applications a JOIN forums f ON f.id = a.forum_id \
                     JOIN companies c ON c.id = a.company_id \
                     LEFT JOIN clusters cl ON cl.id = c.cluster_id \
                     WHERE a.slot_position IS NOT NULL AND {TOOK_PLACE}"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let interests: Vec<InterestFactRow> = sqlx::query_as(&format!(
                    "SELECT i.company_id, i.investor_id, i.created_at FROM interests i \
                     WHERE i.company_id IN ( \
                       SELECT a.company_id FROM forum_applications a \
                       JOIN forums f ON f.id = a.forum_id \
                       WHERE a.slot_position IS NOT NULL AND {TOOK_PLACE})"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let outcomes: Vec<OutcomeFactRow> = sqlx::query_as(
                    "SELECT o.id, o.company_id, cl.slug AS cluster, o.kind, o.amount, \
                            o.amount_usd, o.headcount, o.occurred_on \
                     FROM outcomes o JOIN companies c ON c.id = o.company_id \
                     LEFT JOIN clusters cl ON cl.id = c.cluster_id \
                     WHERE o.status = 'confirmed' ORDER BY o.id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let links: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT l.outcome_id, l.forum_id FROM outcome_forums l \
                     JOIN outcomes o ON o.id = l.outcome_id WHERE o.status = 'confirmed'",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let mut links = group(links);
                let facts = app::domain::impact::ImpactFacts {
                    forums: forums.into_iter().map(Into::into).collect(),
                    clusters,
                    slots: slots.into_iter().map(Into::into).collect(),
                    interests: interests.into_iter().map(Into::into).collect(),
                    outcomes: outcomes
                        .into_iter()
                        .map(|o| {
                            let ids = links.remove(&o.id).unwrap_or_default();
                            o.into_fact(ids)
                        })
                        .collect::<Result<_, _>>()?,
                };
                Ok(self.impact.keep(facts))
            }
        }
    };
}
