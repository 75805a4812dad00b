//! What came of the forums: a company's outcomes (founders record theirs,
//! confirmed later; admins record confirmed ones), the admin's
//! confirmations, and the public impact dashboard with aggregates only.
//! Access is `domain::access` (`RecordOutcome`, `ConfirmOutcomes`); the
//! company is the one in the URL, checked against the session, and the
//! forums an outcome may name are the ones the store says it presented at.

use super::ApiError;
use crate::domain::impact::ImpactReport;
use crate::domain::outcome::{OutcomeForm, OutcomeRecord};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyOutcomesData {
    pub slug: String,
    pub name: String,
    /// Forums the company presented at: (id, title, Seoul date).
    pub forums: Vec<(i64, String, NaiveDate)>,
    pub outcomes: Vec<OutcomeRecord>,
    /// An admin records confirmed outcomes; a founder's wait.
    pub is_admin: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOutcomesData {
    pub pending: Vec<OutcomeRecord>,
    pub decided: Vec<OutcomeRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactPageData {
    pub report: ImpactReport,
    pub can_manage: bool,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::{reject, store};

    pub async fn presented_forums(
        company_id: i64,
    ) -> Result<Vec<(i64, String, NaiveDate)>, ApiError> {
        Ok(store()?
            .presented_forums(company_id)
            .await
            .map_err(|e| reject(e.into()))?
            .into_iter()
            .map(|(id, title, starts)| (id, title, seoul_date(starts)))
            .collect())
    }

    /// The impact report for a year (`None`: all years).
    pub async fn impact_report(year: Option<i32>) -> Result<ImpactReport, ApiError> {
        let facts = store()?
            .impact_facts()
            .await
            .map_err(|e| reject(e.into()))?;
        Ok(crate::domain::impact::report(&facts, year))
    }
}

#[server(endpoint = "companies/outcomes")]
pub async fn company_outcomes(slug: String) -> Result<CompanyOutcomesData, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::guard::require_on_company;
    use crate::ssr::outcome_store::OutcomeFilter;
    use crate::ssr::{reject, store};
    let (actor, company) =
        require_on_company(&slug, |company_id| Action::RecordOutcome { company_id }).await?;
    let outcomes = store()?
        .outcomes(OutcomeFilter {
            company_id: Some(company.id),
            status: None,
        })
        .await
        .map_err(|e| reject(e.into()))?;
    Ok(CompanyOutcomesData {
        forums: server::presented_forums(company.id).await?,
        slug: company.slug,
        name: company.name_ko,
        outcomes,
        is_admin: actor.role == crate::domain::role::Role::Admin,
    })
}

/// Records an outcome for the company in the URL. A founder's waits for
/// an admin (`false` back); an admin's counts at once (`true`).
#[server(endpoint = "companies/outcome_record")]
pub async fn record_outcome(slug: String, outcome: OutcomeForm) -> Result<bool, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::domain::outcome::OutcomeStatus;
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::guard::{audit, require_on_company};
    use crate::ssr::{reject, store, DbError};
    let (actor, company) =
        require_on_company(&slug, |company_id| Action::RecordOutcome { company_id }).await?;
    let forums = server::presented_forums(company.id).await?;
    let fields = outcome
        .validate(
            |id| forums.iter().find(|f| f.0 == id).map(|f| f.2),
            seoul_date(chrono::Utc::now()),
        )
        .map_err(|e| reject(e.into()))?;
    let status = if actor.role == crate::domain::role::Role::Admin {
        OutcomeStatus::Confirmed
    } else {
        OutcomeStatus::Pending
    };
    let event = audit(
        Some(&actor),
        "outcome.record",
        "outcome",
        None,
        format!(
            "company={} kind={} amount={:?} status={}",
            company.id,
            fields.kind.as_str(),
            fields.amount.map(|w| w.get()),
            status.as_str()
        ),
    );
    match store()?
        .record_outcome(company.id, &fields, status, actor.user_id, &event)
        .await
    {
        Ok(_) => Ok(status == OutcomeStatus::Confirmed),
        // A forum's agenda changed between the check and the write.
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("forums", FieldProblem::UnknownChoice).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

#[server(endpoint = "admin/outcomes")]
pub async fn admin_outcomes() -> Result<AdminOutcomesData, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::outcome::OutcomeStatus;
    use crate::ssr::guard::require;
    use crate::ssr::outcome_store::OutcomeFilter;
    use crate::ssr::{reject, store};
    require(Action::ConfirmOutcomes)?;
    let (pending, decided): (Vec<_>, Vec<_>) = store()?
        .outcomes(OutcomeFilter::default())
        .await
        .map_err(|e| reject(e.into()))?
        .into_iter()
        .partition(|o| o.status == OutcomeStatus::Pending);
    Ok(AdminOutcomesData { pending, decided })
}

#[server(endpoint = "admin/outcome_decide")]
pub async fn decide_outcome(outcome_id: i64, decision: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::domain::outcome::OutcomeStatus;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::ConfirmOutcomes)?;
    let status = match decision.trim() {
        "confirmed" => OutcomeStatus::Confirmed,
        "rejected" => OutcomeStatus::Rejected,
        _ => {
            return Err(reject(
                FieldError::new("decision", FieldProblem::UnknownChoice).into(),
            ))
        }
    };
    let event = audit(
        Some(&actor),
        "outcome.decide",
        "outcome",
        Some(outcome_id.to_string()),
        status.as_str(),
    );
    match store()?
        .decide_outcome(outcome_id, status, actor.user_id, &event)
        .await
    {
        Ok(()) => Ok(()),
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("decision", FieldProblem::OutcomeDecided).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

/// The public dashboard: aggregates only (no company is named).
#[server(endpoint = "impact")]
pub async fn impact_page(year: Option<i32>) -> Result<ImpactPageData, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::session::current_actor;
    let can_manage =
        crate::api::forums::server::may(current_actor().as_ref(), Action::ConfirmOutcomes);
    Ok(ImpactPageData {
        report: server::impact_report(year).await?,
        can_manage,
    })
}
