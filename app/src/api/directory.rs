//! The company directory and search. Open to everyone: what a card shows
//! depends on the reader (the ask only for readers who may see funding
//! terms), and the search index holds public text only.

use super::companies::ClusterRef;
use super::ApiError;
use crate::domain::company::{Instrument, Stage};
use crate::domain::directory::DirectoryQuery;
use crate::domain::money::Won;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyCard {
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster: Option<ClusterRef>,
    pub location: Option<String>,
    pub founded_year: Option<i64>,
    pub stage: Option<Stage>,
    pub one_liner: Option<String>,
    pub tags: Vec<String>,
    pub logo_url: Option<String>,
    pub published_at: DateTime<Utc>,
    pub stale: bool,
    /// Only for readers who may see funding terms.
    pub ask: Option<Won>,
    pub instrument: Option<Instrument>,
    /// Text around the match when the search matched the pitch text rather
    /// than the name, one-liner or tags.
    pub snippet: Option<String>,
    /// Whether the reader follows the company; `None` for readers who do
    /// not track deals (no follow button for them).
    pub following: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub cards: Vec<CompanyCard>,
    /// Matching companies, at most `COUNT_CEILING`.
    pub total: i64,
    /// More than `total` match: shown as "1,000+".
    pub more: bool,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
    /// The search terms as the server used them, for highlighting.
    pub terms: Vec<String>,
    pub may_see_funding: bool,
    /// Query parameters that were not understood or not allowed.
    pub ignored: Vec<String>,
}

impl DirectoryPage {
    /// Pages to offer; one more past the ceiling, so "next" still leads on.
    pub fn pages(&self) -> i64 {
        let counted = ((self.total + self.per_page - 1) / self.per_page.max(1)).max(1);
        if self.more {
            counted.max(self.page) + 1
        } else {
            counted
        }
    }
}

/// One page of published companies matching `query`.
#[server(endpoint = "companies/directory")]
pub async fn company_directory(query: DirectoryQuery) -> Result<DirectoryPage, ApiError> {
    use crate::domain::access::{authorize, Action};
    use crate::domain::company::is_stale;
    use crate::domain::directory::{snippet, COMPANIES_PER_PAGE, COUNT_CEILING};
    use crate::ssr::session::current_actor;
    use crate::ssr::{reject, store};

    let actor = current_actor();
    let may_see_funding = authorize(
        actor.as_ref().map(|a| a.principal()).as_ref(),
        Action::SeeInvestorContent,
    )
    .is_ok();
    let (mut filter, ignored) = query.filter(may_see_funding);
    // As the index sees text (NFKC): decomposed Hangul from macOS or a
    // PDF then highlights too.
    for term in &mut filter.terms {
        *term = crate::domain::search_tokens::normalize(term);
    }
    let found = store()?
        .directory(
            &filter,
            COMPANIES_PER_PAGE,
            (filter.page - 1) * COMPANIES_PER_PAGE,
        )
        .await
        .map_err(|err| reject(err.into()))?;
    // Verified investors get a follow button per card: the page's follows
    // come in one query, not one per card.
    let tracker = actor
        .as_ref()
        .filter(|a| authorize(Some(&a.principal()), Action::TrackDeals).is_ok());
    let followed = match tracker {
        Some(actor) => {
            let ids: Vec<i64> = found.items.iter().map(|c| c.id).collect();
            let ids = store()?
                .followed_among(actor.user_id, &ids)
                .await
                .map_err(|err| reject(err.into()))?;
            Some(ids.into_iter().collect::<std::collections::HashSet<i64>>())
        }
        None => None,
    };
    let now = Utc::now();
    let cards = found
        .items
        .into_iter()
        .map(|c| {
            // Without search terms there is nothing to match or cut.
            let matched_headline = filter.terms.is_empty() || {
                let headline = format!(
                    "{} {} {} {}",
                    c.name_ko,
                    c.name_en.as_deref().unwrap_or_default(),
                    c.one_liner.as_deref().unwrap_or_default(),
                    c.tags.join(" ")
                )
                .to_lowercase();
                filter.terms.iter().all(|t| headline.contains(t.as_str()))
            };
            let cluster =
                ClusterRef::from_columns(c.cluster_slug, c.cluster_name_ko, c.cluster_name_en);
            CompanyCard {
                following: followed.as_ref().map(|set| set.contains(&c.id)),
                snippet: (!filter.terms.is_empty() && !matched_headline)
                    .then(|| snippet(&c.search_text, &filter.terms, 80))
                    .flatten(),
                slug: c.slug,
                name_ko: c.name_ko,
                name_en: c.name_en,
                cluster,
                location: c.location,
                founded_year: c.founded_year,
                stage: c.stage,
                one_liner: c.one_liner,
                tags: c.tags,
                logo_url: c.logo_file.map(|f| format!("/media/logos/{f}")),
                stale: is_stale(c.published_at, now),
                published_at: c.published_at,
                ask: c.ask.filter(|_| may_see_funding),
                instrument: c.instrument.filter(|_| may_see_funding),
            }
        })
        .collect();
    Ok(DirectoryPage {
        cards,
        total: found.total.min(COUNT_CEILING),
        more: found.total > COUNT_CEILING,
        page: filter.page,
        per_page: COMPANIES_PER_PAGE,
        terms: filter.terms,
        may_see_funding,
        ignored: ignored.0.into_iter().map(str::to_string).collect(),
    })
}
