//! The demo investor limits: the demo investor states a type (적격, so the
//! caps panel shows the larger caps) and several demo companies record
//! their opening date and venture confirmation, so company pages show each
//! outcome of the deduction check (qualifies, too old, expired, unknown).
//! The crowdfunding interests the panel counts come with the demo deal flow
//! (`deals.rs`). Loaded once: nothing happens when the demo founder's
//! company already has facts recorded.

use super::{system_event, SeedError, DEMO_FOUNDER_COMPANY_SLUG};
use app::domain::crowdfunding::InvestorType;
use app::domain::investor_limits::{CompanyFacts, Venture};
use app::ssr::Store;
use chrono::NaiveDate;

/// (company, opened on, venture confirmation valid until — `Some(None)`:
/// recorded as none, `None`: not said).
type DemoFacts = (
    &'static str,
    (i32, u32, u32),
    Option<Option<(i32, u32, u32)>>,
);

const FACTS: &[DemoFacts] = &[
    // Venture-confirmed, past seven years: the direct route only.
    (
        DEMO_FOUNDER_COMPANY_SLUG,
        (2016, 4, 1),
        Some(Some((2027, 6, 30))),
    ),
    // Young and confirmed: both routes, up to the sunset.
    ("lumisave", (2021, 6, 1), Some(Some((2028, 5, 31)))),
    ("sparelab", (2023, 3, 2), Some(Some((2027, 12, 31)))),
    // Young, not confirmed: crowdfunding only.
    ("recarbontech", (2022, 2, 14), Some(None)),
    // Young, venture status not said: crowdfunding, direct unknown.
    ("careband", (2021, 8, 9), None),
    // Past seven years, not confirmed: neither.
    ("carbonrix", (2019, 11, 18), Some(None)),
    // Past seven years, confirmation expired: neither.
    ("gamnarae-bio", (2018, 9, 3), Some(Some((2026, 9, 30)))),
];

fn day((y, m, d): (i32, u32, u32)) -> Result<NaiveDate, SeedError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        SeedError::Db(app::ssr::DbError::Other(format!(
            "demo facts: bad date {y}-{m}-{d}"
        )))
    })
}

pub async fn load_demo_investor_limits(
    store: &dyn Store,
    investor_email: &str,
) -> Result<(), SeedError> {
    let marker = store.company_by_slug(DEMO_FOUNDER_COMPANY_SLUG).await?;
    if store.company_facts(marker.id).await? != CompanyFacts::default() {
        return Ok(());
    }
    let investor = store.user_by_email(investor_email).await?;
    store
        .set_investor_type(
            investor.id,
            InvestorType::Qualified,
            &system_event("account.investor_type", "user"),
        )
        .await?;
    for (slug, opened, venture) in FACTS {
        let company = store.company_by_slug(slug).await?;
        let venture = match venture {
            None => Venture::Unknown,
            Some(None) => Venture::NotCertified,
            Some(Some(until)) => Venture::CertifiedUntil(day(*until)?),
        };
        let facts = CompanyFacts {
            opened_on: Some(day(*opened)?),
            venture,
        };
        store
            .set_company_facts(
                company.id,
                &facts,
                &system_event("company.facts", "company"),
            )
            .await?;
    }
    Ok(())
}
