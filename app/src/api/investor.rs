//! Investor limits: the caller's investor type (일반, 적격, 전문) and how
//! much of the crowdfunding caps their recorded interests use, and the
//! facts a company records for the angel income deduction check. The
//! investor is always the caller (the id comes from the session); a
//! company's facts are changed by those who may edit the company.

use super::ApiError;
use crate::domain::crowdfunding::InvestorType;
use crate::domain::investor_limits::{CapBreach, CompanyFacts, CompanyFactsForm, LimitReport};
use crate::domain::money::Won;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the interest form of a company page says about the caps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrowdfundingRoom {
    pub investor_type: InvestorType,
    /// What the caller's recorded interest in this company counts now.
    pub used_here: Won,
    /// The most the caller could record for this company by crowdfunding
    /// without passing a cap; `None` without caps.
    pub room_here: Option<Won>,
    /// The caps the recorded interest already passes (the warning).
    pub breaches: Vec<CapBreach>,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::domain::investor_limits::{cap_window, limit_report};
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::{reject, store};

    /// The limits report of `user_id` today (Seoul): one store query.
    pub async fn limits_of(user_id: i64) -> Result<LimitReport, ApiError> {
        let today = seoul_date(chrono::Utc::now());
        let (from, to) = cap_window(today);
        let (kind, commitments) = store()?
            .crowdfunding_commitments(user_id, from, to)
            .await
            .map_err(|err| reject(err.into()))?;
        Ok(limit_report(kind, commitments, today))
    }

    /// The interest form's note for `company_id`.
    pub async fn room_at(user_id: i64, company_id: i64) -> Result<CrowdfundingRoom, ApiError> {
        let report = limits_of(user_id).await?;
        let used_here = report.used_at(company_id);
        Ok(CrowdfundingRoom {
            investor_type: report.investor_type,
            used_here,
            room_here: report.room_at(company_id),
            breaches: report.breaches(company_id, used_here),
        })
    }
}

/// The caller's limits report; `None` for accounts that are not investors
/// (the account page asks for every signed-in user and shows nothing
/// then).
#[server(endpoint = "investor/limits")]
pub async fn my_investor_limits() -> Result<Option<LimitReport>, ApiError> {
    use crate::domain::access::{authorize, Action};
    use crate::ssr::reject;
    use crate::ssr::session::current_actor;
    let actor = current_actor().ok_or_else(|| reject(ApiError::Unauthorized))?;
    if authorize(Some(&actor.principal()), Action::SetInvestorType).is_err() {
        return Ok(None);
    }
    server::limits_of(actor.user_id).await.map(Some)
}

/// Records the caller's investor type. Investors only; anything but the
/// three stored words is refused and changes nothing.
#[server(endpoint = "investor/type")]
pub async fn set_investor_type(investor_type: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};
    let actor = require(Action::SetInvestorType)?;
    let kind = InvestorType::parse(investor_type.trim()).ok_or_else(|| {
        reject(FieldError::new("investor_type", FieldProblem::UnknownChoice).into())
    })?;
    let event = audit(
        Some(&actor),
        "account.investor_type",
        "user",
        Some(actor.user_id.to_string()),
        format!("investor_type={}", kind.as_str()),
    );
    store()?
        .set_investor_type(actor.user_id, kind, &event)
        .await
        .map_err(|err| reject(err.into()))
}

/// The company's recorded facts, for its edit page.
#[server(endpoint = "companies/facts")]
pub async fn company_facts_for_editor(slug: String) -> Result<CompanyFacts, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store};
    let (_, company) =
        require_on_company(&slug, |company_id| Action::EditCompany { company_id }).await?;
    store()?
        .company_facts(company.id)
        .await
        .map_err(|err| reject(err.into()))
}

#[server(endpoint = "companies/facts-save")]
pub async fn save_company_facts(slug: String, form: CompanyFactsForm) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::guard::{audit, require_on_company};
    use crate::ssr::{reject, store};
    let (actor, company) =
        require_on_company(&slug, |company_id| Action::EditCompany { company_id }).await?;
    let facts = form
        .validate(seoul_date(chrono::Utc::now()))
        .map_err(|e| reject(e.into()))?;
    let (venture, _) = facts.venture.columns();
    let event = audit(
        Some(&actor),
        "company.facts",
        "company",
        Some(company.id.to_string()),
        format!(
            "opened_on={} venture={}",
            facts.opened_on.map(|d| d.to_string()).unwrap_or_default(),
            venture.unwrap_or("unknown")
        ),
    );
    store()?
        .set_company_facts(company.id, &facts, &event)
        .await
        .map_err(|err| reject(err.into()))
}
