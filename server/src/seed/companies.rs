//! The demo companies: 24 invented companies across the eight clusters,
//! with Korean pitch pages, some earlier revisions and updates, so the
//! directory looks alive on first start. The content is data
//! (`companies.json`); this module pushes it through the same store calls
//! and Markdown renderer the editor uses, so the demo exercises the real
//! paths.

use super::{system_event, SeedError};
use app::domain::company::{
    CompanyProfileForm, Funding, Instrument, NewUpdate, SectionKind, UpdateKind, Visibility,
};
use app::domain::money::Won;
use app::ssr::company_store::StoredSection;
use app::ssr::{DbError, Store};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;

const COMPANIES_JSON: &str = include_str!("companies.json");

#[derive(Deserialize)]
struct DemoCompany {
    slug: String,
    name_ko: String,
    name_en: Option<String>,
    cluster: String,
    location: String,
    founded_year: i64,
    employees: i64,
    revenue_band: String,
    stage: String,
    one_liner: String,
    website: Option<String>,
    contact_email: String,
    tags: Vec<String>,
    funding: DemoFunding,
    sections: BTreeMap<String, DemoSection>,
    published_days_ago: i64,
    earlier_revision: Option<EarlierRevision>,
    #[serde(default)]
    updates: Vec<DemoUpdate>,
}

#[derive(Deserialize)]
struct DemoFunding {
    amount_won: i64,
    instrument: String,
    use_of_funds: String,
}

#[derive(Clone, Deserialize)]
struct DemoSection {
    visibility: String,
    markdown: String,
}

#[derive(Deserialize)]
struct EarlierRevision {
    days_before: i64,
    sections: BTreeMap<String, DemoSection>,
}

#[derive(Deserialize)]
struct DemoUpdate {
    days_ago: i64,
    kind: String,
    title: String,
    body: String,
}

fn bad_data(what: impl std::fmt::Display) -> SeedError {
    SeedError::Db(DbError::Other(format!("demo company data: {what}")))
}

fn sections(
    current: &BTreeMap<String, DemoSection>,
    overrides: Option<&BTreeMap<String, DemoSection>>,
) -> Result<Vec<StoredSection>, SeedError> {
    use app::ssr::markdown::{plain_text, render};
    SectionKind::ALL
        .iter()
        .map(|&kind| {
            let section = overrides
                .and_then(|o| o.get(kind.as_str()))
                .or_else(|| current.get(kind.as_str()))
                .ok_or_else(|| bad_data(format!("missing section {}", kind.as_str())))?;
            let visibility = Visibility::parse(&section.visibility)
                .ok_or_else(|| bad_data(format!("visibility {}", section.visibility)))?;
            Ok(StoredSection {
                kind,
                visibility,
                html: render(&section.markdown),
                plain_text: plain_text(&section.markdown),
                markdown: section.markdown.clone(),
            })
        })
        .collect()
}

/// Loads the demo companies that are not there yet; returns how many were
/// new. `publisher_id` is the demo founder or admin the revisions are
/// attributed to; the founder's own company (`tansoon`) was created with
/// the founder's account.
pub async fn load_demo_companies(store: &dyn Store, publisher_id: i64) -> Result<u64, SeedError> {
    let companies: Vec<DemoCompany> = serde_json::from_str(COMPANIES_JSON).map_err(bad_data)?;
    let clusters = store.list_clusters().await?;
    let now = Utc::now();
    let mut added = 0;
    for demo in companies {
        let company_id = match store.company_by_slug(&demo.slug).await {
            Ok(existing) if existing.revision > 0 => continue,
            Ok(existing) => existing.id,
            Err(DbError::NotFound) => {
                store
                    .create_company(
                        &demo.slug,
                        &demo.name_ko,
                        now,
                        &system_event("company.create", "company"),
                    )
                    .await?
            }
            Err(err) => return Err(err.into()),
        };
        let cluster_id = clusters
            .iter()
            .find(|c| c.slug == demo.cluster)
            .map(|c| c.id)
            .ok_or_else(|| bad_data(format!("unknown cluster {}", demo.cluster)))?;
        let form = CompanyProfileForm {
            name_ko: demo.name_ko.clone(),
            name_en: demo.name_en.clone().unwrap_or_default(),
            cluster_id: cluster_id.to_string(),
            location: demo.location.clone(),
            founded_year: demo.founded_year.to_string(),
            employees: demo.employees.to_string(),
            revenue_band: demo.revenue_band.clone(),
            stage: demo.stage.clone(),
            one_liner: demo.one_liner.clone(),
            website: demo.website.clone().unwrap_or_default(),
            contact_email: demo.contact_email.clone(),
            tags: demo.tags.join(", "),
        };
        // The same rules as the profile form: demo data that breaks them
        // is a bug in the data, caught here rather than shown.
        let profile = form
            .validate(2100)
            .map_err(|e| bad_data(format!("{}: {:?}", demo.slug, e)))?;
        store
            .update_company_profile(
                company_id,
                &profile,
                now,
                &system_event("company.update_profile", "company"),
            )
            .await?;
        let funding = Funding {
            amount: Some(Won::try_new(demo.funding.amount_won).map_err(|_| bad_data("amount"))?),
            instrument: Some(
                Instrument::parse(&demo.funding.instrument)
                    .ok_or_else(|| bad_data(format!("instrument {}", demo.funding.instrument)))?,
            ),
            use_of_funds: demo.funding.use_of_funds.clone(),
        };
        let published_at: DateTime<Utc> = now - Duration::days(demo.published_days_ago);
        if let Some(earlier) = &demo.earlier_revision {
            let at = published_at - Duration::days(earlier.days_before);
            let old = sections(&demo.sections, Some(&earlier.sections))?;
            store
                .save_pitch_draft(
                    company_id,
                    &old,
                    &funding,
                    publisher_id,
                    at,
                    &system_event("company.save_draft", "company"),
                )
                .await?;
            store
                .publish_pitch(
                    company_id,
                    publisher_id,
                    at,
                    &system_event("company.publish", "company"),
                )
                .await?;
        }
        let current = sections(&demo.sections, None)?;
        store
            .save_pitch_draft(
                company_id,
                &current,
                &funding,
                publisher_id,
                published_at,
                &system_event("company.save_draft", "company"),
            )
            .await?;
        match store
            .publish_pitch(
                company_id,
                publisher_id,
                published_at,
                &system_event("company.publish", "company"),
            )
            .await
        {
            // An earlier revision identical to the current one: fine.
            Ok(_) | Err(DbError::Conflict(_)) => {}
            Err(err) => return Err(err.into()),
        }
        for update in &demo.updates {
            let kind = UpdateKind::parse(&update.kind)
                .ok_or_else(|| bad_data(format!("update kind {}", update.kind)))?;
            store
                .post_update(
                    company_id,
                    &NewUpdate {
                        kind,
                        title: update.title.clone(),
                        body: update.body.clone(),
                    },
                    publisher_id,
                    now - Duration::days(update.days_ago),
                    &system_event("company.post_update", "company_update"),
                )
                .await?;
        }
        added += 1;
    }
    Ok(added)
}
