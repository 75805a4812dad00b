//! The investor-limits part of the store
//! (`app::ssr::investor_store::InvestorStore`): `impl_investor_store!`
//! expands one set of method bodies for both pool types, like the other
//! parts. The limits panel is one query: the investor's row, left-joined to
//! the crowdfunding interests that count and their companies.

use app::domain::crowdfunding::InvestorType;
use app::domain::deal::InterestStage;
use app::domain::investor_limits::{Commitment, CompanyFacts, Venture};
use app::domain::seoul_time::{seoul_date, seoul_offset};
use app::ssr::DbError;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

fn bad(what: &str, value: &str) -> DbError {
    DbError::Other(format!("unknown {what} {value:?} in the database"))
}

/// The investor's type and the interests that count against the caps:
/// route crowdfunding with an amount, and either invested on a day of the
/// window (`$2`..=`$3`, dates) or intending since an instant inside it
/// (`$4`..`$5`, the window's Seoul midnights). The stage words are those
/// of `domain::investor_limits::counts_toward_caps`.
pub(crate) const COMMITMENTS_SELECT: &str = "\
    SELECT u.investor_type, i.company_id, c.slug AS company_slug, \
           c.name_ko AS company_name, i.stage, i.amount, i.invested_on, i.stage_changed_at \
    FROM users u \
    LEFT JOIN interests i ON i.investor_id = u.id AND i.route = 'crowdfunding' \
         AND i.amount IS NOT NULL \
         AND ((i.stage = 'invested' AND i.invested_on >= $2 AND i.invested_on <= $3) \
           OR (i.stage = 'intends' AND i.stage_changed_at >= $4 AND i.stage_changed_at < $5)) \
    LEFT JOIN companies c ON c.id = i.company_id \
    WHERE u.id = $1 \
    ORDER BY i.amount DESC, i.company_id";

/// The instant a Seoul calendar day starts.
pub(crate) fn seoul_midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN)
        .and_local_timezone(seoul_offset())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

#[derive(sqlx::FromRow)]
pub(crate) struct CommitmentRow {
    investor_type: String,
    company_id: Option<i64>,
    company_slug: Option<String>,
    company_name: Option<String>,
    stage: Option<String>,
    amount: Option<i64>,
    invested_on: Option<NaiveDate>,
    stage_changed_at: Option<DateTime<Utc>>,
}

/// The rows of [`COMMITMENTS_SELECT`] as the type and the commitments; a
/// row without an interest is the investor's own (no commitment).
pub(crate) fn commitments(
    rows: Vec<CommitmentRow>,
) -> Result<(InvestorType, Vec<Commitment>), DbError> {
    let first = rows.first().ok_or(DbError::NotFound)?;
    let kind = InvestorType::parse(&first.investor_type)
        .ok_or_else(|| bad("investor type", &first.investor_type))?;
    let mut out = Vec::new();
    for r in rows {
        let (Some(company_id), Some(stage), Some(amount)) = (r.company_id, r.stage, r.amount)
        else {
            continue;
        };
        let stage = InterestStage::parse(&stage).ok_or_else(|| bad("stage", &stage))?;
        let on = match stage {
            InterestStage::Invested => r.invested_on,
            _ => r.stage_changed_at.map(seoul_date),
        }
        .ok_or_else(|| DbError::Other(format!("interest in {company_id} has no date")))?;
        out.push(Commitment {
            company_id,
            company_slug: r.company_slug.unwrap_or_default(),
            company_name: r.company_name.unwrap_or_default(),
            stage,
            amount: app::domain::money::Won(amount),
            on,
        });
    }
    Ok((kind, out))
}

#[derive(sqlx::FromRow)]
pub(crate) struct FactsRow {
    opened_on: Option<NaiveDate>,
    venture_status: Option<String>,
    venture_until: Option<NaiveDate>,
}

impl TryFrom<FactsRow> for CompanyFacts {
    type Error = DbError;
    fn try_from(r: FactsRow) -> Result<Self, DbError> {
        let venture = Venture::from_columns(r.venture_status.as_deref(), r.venture_until)
            .ok_or_else(|| bad("venture status", r.venture_status.as_deref().unwrap_or("")))?;
        Ok(CompanyFacts {
            opened_on: r.opened_on,
            venture,
        })
    }
}

macro_rules! impl_investor_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::investor_store::InvestorStore for $store {
            async fn set_investor_type(
                &self,
                user_id: i64,
                investor_type: app::domain::crowdfunding::InvestorType,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query(
                    "UPDATE users SET investor_type = $2 WHERE id = $1 AND role = 'investor'",
                )
                .bind(user_id)
                .bind(investor_type.as_str());
                audited_update!(self, update, audit, user_id.to_string(), revoke_sessions_of: None)
            }

            async fn crowdfunding_commitments(
                &self,
                user_id: i64,
                from: chrono::NaiveDate,
                to: chrono::NaiveDate,
            ) -> app::ssr::DbResult<(
                app::domain::crowdfunding::InvestorType,
                Vec<app::domain::investor_limits::Commitment>,
            )> {
                use $crate::store::investor::{
                    commitments, seoul_midnight, CommitmentRow, COMMITMENTS_SELECT,
                };
                let after = to.succ_opt().unwrap_or(to);
                let rows: Vec<CommitmentRow> = sqlx::query_as(COMMITMENTS_SELECT)
                    .bind(user_id)
                    .bind(from)
                    .bind(to)
                    .bind(seoul_midnight(from))
                    .bind(seoul_midnight(after))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                commitments(rows)
            }

            async fn company_facts(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<app::domain::investor_limits::CompanyFacts> {
                use $crate::store::investor::FactsRow;
                let row: Option<FactsRow> = sqlx::query_as(
                    "SELECT opened_on, venture_status, venture_until FROM companies WHERE id = $1",
                )
                .bind(company_id)
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                row.ok_or(app::ssr::DbError::NotFound)?.try_into()
            }

            async fn set_company_facts(
                &self,
                company_id: i64,
                facts: &app::domain::investor_limits::CompanyFacts,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let (status, until) = facts.venture.columns();
                let update = sqlx::query(
                    "UPDATE companies SET opened_on = $2, venture_status = $3, \
                     venture_until = $4 WHERE id = $1",
                )
                .bind(company_id)
                .bind(facts.opened_on)
                .bind(status)
                .bind(until);
                audited_update!(
                    self,
                    update,
                    audit,
                    company_id.to_string(),
                    revoke_sessions_of: None
                )
            }
        }
    };
}
