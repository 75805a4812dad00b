//! The two pipelines: mine (`/deals/pipeline`) and my club's
//! (`/clubs/{id}/pipeline`), a column per stage with its count and value,
//! filtered by the query string. The CSV export reads the same rows (see
//! the server's `export` module).

use super::companies::ClusterRef;
use super::ApiError;
use crate::domain::deal::{InterestStage, InterestTerms};
use crate::domain::money::Won;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The query string's filters, as typed. Unknown values are refused with a
/// message rather than silently ignored: a filtered view that quietly shows
/// everything would mislead.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineQuery {
    #[serde(default)]
    pub cluster: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub member: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    pub interest_id: i64,
    pub slug: String,
    pub name_ko: String,
    pub cluster: Option<ClusterRef>,
    pub investor_name: String,
    /// The caller's own card: it can be moved from the board.
    pub mine: bool,
    pub terms: InterestTerms,
    pub value: Won,
    pub days_in_stage: i64,
    pub stale: bool,
    pub stage_changed_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageColumn {
    pub stage: InterestStage,
    pub count: i64,
    pub sum: Won,
    pub cards: Vec<CardView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberOption {
    pub user_id: i64,
    pub display_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineData {
    /// `None` for my pipeline, the club's id and name for a club's.
    pub club: Option<(i64, String)>,
    pub columns: Vec<StageColumn>,
    pub total_count: i64,
    /// The value of the open ladder (passed left out).
    pub total_value: Won,
    pub stale_after_days: i64,
    pub clusters: Vec<ClusterRef>,
    pub members: Vec<MemberOption>,
    pub query: PipelineQuery,
}

/// The pipeline's rules on the server, shared by the page and the CSV
/// export (which runs outside a server function, hence the explicit store).
#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::domain::deal::{days_in_stage, is_stale, DEFAULT_STALE_AFTER_DAYS};
    use crate::ssr::deal_store::{ClubMember, PipelineCard, PipelineFilter, PipelineScope};
    use crate::ssr::session::Actor;
    use crate::ssr::{reject, Store};

    /// The scope the caller may read: their own pipeline, or their club's
    /// when `club_id` is theirs. Another club's id is refused.
    pub fn scope_for(actor: &Actor, club_id: Option<i64>) -> Result<PipelineScope, ApiError> {
        use crate::domain::access::{authorize, Action};
        match club_id {
            None => Ok(PipelineScope::Investor(actor.user_id)),
            Some(club_id) => {
                authorize(Some(&actor.principal()), Action::SeeClubDeals { club_id })
                    .map_err(|d| reject(d.into()))?;
                Ok(PipelineScope::Club(club_id))
            }
        }
    }

    /// The verified members of the scope's club (none for my own
    /// pipeline): read once per request, for the member filter and its
    /// choices alike.
    pub async fn members_of(
        store: &dyn Store,
        scope: PipelineScope,
    ) -> Result<Vec<ClubMember>, ApiError> {
        match scope {
            PipelineScope::Club(club_id) => store
                .club_members(club_id)
                .await
                .map_err(|err| reject(err.into())),
            PipelineScope::Investor(_) => Ok(Vec::new()),
        }
    }

    /// Checks the filters: a known stage, a whole-number member id that is
    /// one of `members` (my own pipeline has one member: me, so no filter).
    /// The cluster slug only narrows.
    pub fn filter_for(
        members: &[ClubMember],
        scope: PipelineScope,
        query: &PipelineQuery,
    ) -> Result<PipelineFilter, ApiError> {
        let unknown = |field: &'static str| {
            reject(FieldError::new(field, FieldProblem::UnknownChoice).into())
        };
        let stage = match query.stage.trim() {
            "" => None,
            word => Some(InterestStage::parse(word).ok_or_else(|| unknown("stage"))?),
        };
        let member_id = match (query.member.trim(), scope) {
            ("", _) => None,
            (raw, PipelineScope::Club(_)) => {
                let id: i64 = raw.parse().map_err(|_| unknown("member"))?;
                if !members.iter().any(|m| m.user_id == id) {
                    return Err(unknown("member"));
                }
                Some(id)
            }
            (_, PipelineScope::Investor(_)) => return Err(unknown("member")),
        };
        let cluster_slug = Some(query.cluster.trim().to_string()).filter(|s| !s.is_empty());
        Ok(PipelineFilter {
            cluster_slug,
            stage,
            member_id,
        })
    }

    pub fn card_view(
        card: PipelineCard,
        me: i64,
        now: DateTime<Utc>,
        stale_after_days: i64,
    ) -> CardView {
        let days = days_in_stage(card.stage_changed_at, now);
        CardView {
            interest_id: card.interest_id,
            cluster: ClusterRef::from_columns(
                card.company.cluster_slug,
                card.company.cluster_name_ko,
                card.company.cluster_name_en,
            ),
            slug: card.company.slug,
            name_ko: card.company.name_ko,
            investor_name: card.investor_name,
            mine: card.investor_id == me,
            value: card.terms.pipeline_value(),
            stale: is_stale(card.terms.stage, days, stale_after_days),
            days_in_stage: days,
            terms: card.terms,
            stage_changed_at: card.stage_changed_at,
        }
    }

    /// The stale threshold of the scope: the club's setting, or for my own
    /// pipeline my club's (the default without a club).
    pub async fn stale_days(
        store: &dyn Store,
        actor: &Actor,
        scope: PipelineScope,
    ) -> Result<(i64, Option<String>), ApiError> {
        let club_id = match scope {
            PipelineScope::Club(id) => Some(id),
            PipelineScope::Investor(_) => actor.club_id,
        };
        match club_id {
            Some(id) => {
                let settings = store
                    .club_deal_settings(id)
                    .await
                    .map_err(|err| reject(err.into()))?;
                Ok((settings.stale_after_days, Some(settings.name)))
            }
            None => Ok((DEFAULT_STALE_AFTER_DAYS, None)),
        }
    }
}

/// A pipeline: mine without `club_id`, my club's with it.
#[server(endpoint = "deals/pipeline")]
pub async fn pipeline(
    club_id: Option<i64>,
    query: PipelineQuery,
) -> Result<PipelineData, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    let actor = require(Action::TrackDeals)?;
    let scope = server::scope_for(&actor, club_id)?;
    let store = store()?;
    let members = server::members_of(store.as_ref(), scope).await?;
    let filter = server::filter_for(&members, scope, &query)?;
    let (stale_after_days, club_name) = server::stale_days(store.as_ref(), &actor, scope).await?;
    let cards = store
        .pipeline(scope, &filter)
        .await
        .map_err(|err| reject(err.into()))?;
    let clusters = store
        .list_clusters()
        .await
        .map_err(|err| reject(err.into()))?
        .into_iter()
        .map(|c| ClusterRef {
            slug: c.slug,
            name_ko: c.name_ko,
            name_en: c.name_en,
        })
        .collect();
    let members = members
        .into_iter()
        .map(|m| MemberOption {
            user_id: m.user_id,
            display_name: m.display_name,
        })
        .collect();
    let now = Utc::now();
    let mut columns: Vec<StageColumn> = InterestStage::ALL
        .iter()
        .map(|&stage| StageColumn {
            stage,
            count: 0,
            sum: Won::ZERO,
            cards: Vec::new(),
        })
        .collect();
    for card in cards {
        let view = server::card_view(card, actor.user_id, now, stale_after_days);
        if let Some(column) = columns.iter_mut().find(|c| c.stage == view.terms.stage) {
            column.count += 1;
            column.sum = Won(column.sum.get() + view.value.get());
            column.cards.push(view);
        }
    }
    let total_count = columns.iter().map(|c| c.count).sum();
    let total_value = Won(columns.iter().map(|c| c.sum.get()).sum());
    Ok(PipelineData {
        club: club_id.zip(club_name),
        columns,
        total_count,
        total_value,
        stale_after_days,
        clusters,
        members,
        query,
    })
}

/// Changes the club's stale threshold: for the club's verified members.
#[server(endpoint = "deals/club-stale")]
pub async fn set_stale_after_days(club_id: i64, days: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::deal::parse_stale_after_days;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};
    let actor = require(Action::SeeClubDeals { club_id })?;
    let days = parse_stale_after_days(&days).map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "club.stale_after_days",
        "club",
        Some(club_id.to_string()),
        format!("days={days}"),
    );
    store()?
        .set_club_stale_after_days(club_id, days, &event)
        .await
        .map_err(|err| reject(err.into()))
}
