//! The store's investor-limits part: an investor's type for the
//! crowdfunding caps, the crowdfunding interests that count against them,
//! and the facts a company records for the angel income deduction check.
//! A supertrait of [`Store`](super::Store) like the other parts; both
//! backends implement it and run the same tests.
//!
//! Access is decided by the caller (`domain::access`); writes are scoped
//! by what the caller was allowed (an investor's own row, the company the
//! caller may edit).

use super::store::{DbResult, NewAuditEvent};
use crate::domain::crowdfunding::InvestorType;
use crate::domain::investor_limits::{Commitment, CompanyFacts};
use async_trait::async_trait;
use chrono::NaiveDate;

#[async_trait]
pub trait InvestorStore: Send + Sync {
    /// Sets an investor's type; `NotFound` for an account that is not an
    /// investor (nothing changes then).
    async fn set_investor_type(
        &self,
        user_id: i64,
        investor_type: InvestorType,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// The investor's type and their crowdfunding interests that count
    /// against the caps in the window `from..=to` (Seoul dates): intends
    /// recorded, or invested, on a day inside it, with an amount. One
    /// query. `NotFound` for an unknown user.
    async fn crowdfunding_commitments(
        &self,
        user_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> DbResult<(InvestorType, Vec<Commitment>)>;

    /// What the company recorded about itself (all unknown by default).
    async fn company_facts(&self, company_id: i64) -> DbResult<CompanyFacts>;

    async fn set_company_facts(
        &self,
        company_id: i64,
        facts: &CompanyFacts,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;
}
