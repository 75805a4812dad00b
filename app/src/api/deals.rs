//! Deal flow for investors: follow, the interest ladder and its history,
//! club notes, the two pipelines. Every function asks `domain::access`
//! first; ids of clubs, members and notes come from the session or are
//! checked against it, never trusted as sent.

use super::companies::ClusterRef;
use super::ApiError;
use crate::domain::deal::{InterestStage, InterestTerms, StageChangeForm};
use crate::domain::money::Won;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One step of an interest's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub from: Option<InterestStage>,
    pub to: InterestStage,
    pub amount_min: Option<Won>,
    pub amount_max: Option<Won>,
    pub route: Option<crate::domain::deal::InvestmentRoute>,
    pub amount: Option<Won>,
    pub invested_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub id: i64,
    pub author_name: String,
    /// Sanitised when saved.
    pub html: String,
    /// The source, for the author's edit form only.
    pub markdown: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The deal panel of a company page for a verified investor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvestorPanel {
    pub following: bool,
    pub terms: Option<InterestTerms>,
    pub stage_changed_at: Option<DateTime<Utc>>,
    pub history: Vec<EventView>,
    /// The club's notes on the company; `None` without a club.
    pub club_notes: Option<Vec<NoteView>>,
    pub club_name: Option<String>,
    /// Today in Seoul, for the date field's upper bound.
    pub today: NaiveDate,
    /// The crowdfunding caps as they stand for this company: the room
    /// left and a warning when the recorded interest passes a cap.
    pub crowdfunding: super::investor::CrowdfundingRoom,
}

/// What the company page offers this reader around deals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DealPanel {
    /// Visitors, founders, consultants, admins: nothing.
    Hidden,
    /// An investor not verified yet: a prompt instead of the buttons.
    VerifyFirst,
    Investor(Box<InvestorPanel>),
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::domain::access::{authorize, Action};
    use crate::ssr::company_store::CompanyRecord;
    use crate::ssr::deal_store::{ClubNoteRecord, InterestEvent};
    use crate::ssr::session::Actor;
    use crate::ssr::{reject, store};

    pub fn event_view(e: InterestEvent) -> EventView {
        EventView {
            from: e.from,
            to: e.to,
            amount_min: e.amount_min,
            amount_max: e.amount_max,
            route: e.route,
            amount: e.amount,
            invested_on: e.invested_on,
            note: e.note,
            actor_name: e.actor_name,
            at: e.at,
        }
    }

    pub fn note_view(n: ClubNoteRecord, reader: &Actor) -> NoteView {
        let mine = authorize(
            Some(&reader.principal()),
            Action::EditClubNote {
                club_id: n.club_id,
                author_id: n.author_id,
            },
        )
        .is_ok();
        NoteView {
            id: n.id,
            author_name: n.author_name,
            html: n.html,
            markdown: mine.then_some(n.markdown),
            created_at: n.created_at,
            updated_at: n.updated_at,
        }
    }

    /// A published company and a verified investor: what every deal
    /// action starts from. Unpublished companies are not found, as on
    /// their page.
    pub async fn tracked_company(slug: &str) -> Result<(Actor, CompanyRecord), ApiError> {
        let actor = crate::ssr::guard::require(Action::TrackDeals)?;
        let company = store()?
            .company_by_slug(slug)
            .await
            .map_err(|err| reject(err.into()))?;
        if company.published_at.is_none() {
            return Err(reject(ApiError::NotFound));
        }
        Ok((actor, company))
    }

    /// The caller's club, when they may read its deal flow.
    pub fn club_of(actor: &Actor) -> Result<i64, ApiError> {
        let club_id = actor.club_id.ok_or_else(|| reject(ApiError::Forbidden))?;
        authorize(Some(&actor.principal()), Action::SeeClubDeals { club_id })
            .map_err(|d| reject(d.into()))?;
        Ok(club_id)
    }
}

/// The deal panel for a company page; nothing for readers it is not for.
#[server(endpoint = "deals/panel")]
pub async fn company_deal_panel(slug: String) -> Result<DealPanel, ApiError> {
    use crate::domain::access::{authorize, Action};
    use crate::domain::role::Role;
    use crate::ssr::session::current_actor;
    use crate::ssr::{reject, store};
    let Some(actor) = current_actor() else {
        return Ok(DealPanel::Hidden);
    };
    if authorize(Some(&actor.principal()), Action::TrackDeals).is_err() {
        return Ok(if actor.role == Role::Investor {
            DealPanel::VerifyFirst
        } else {
            DealPanel::Hidden
        });
    }
    let (actor, company) = server::tracked_company(&slug).await?;
    let store = store()?;
    let (following, interest) = store
        .deal_state(actor.user_id, company.id)
        .await
        .map_err(|err| reject(err.into()))?;
    let history = if interest.is_some() {
        store
            .interest_history(actor.user_id, company.id)
            .await
            .map_err(|err| reject(err.into()))?
            .into_iter()
            .map(server::event_view)
            .collect()
    } else {
        Vec::new()
    };
    // Asked here without `reject`: a reader without a club still gets the
    // panel, and the page must keep its 200.
    let club = actor.club_id.filter(|&club_id| {
        authorize(Some(&actor.principal()), Action::SeeClubDeals { club_id }).is_ok()
    });
    let (club_notes, club_name) = match club {
        Some(club_id) => {
            let notes = store
                .club_notes(club_id, company.id)
                .await
                .map_err(|err| reject(err.into()))?
                .into_iter()
                .map(|n| server::note_view(n, &actor))
                .collect();
            let club = store
                .club_deal_settings(club_id)
                .await
                .map_err(|err| reject(err.into()))?;
            (Some(notes), Some(club.name))
        }
        None => (None, None),
    };
    let crowdfunding = super::investor::server::room_at(actor.user_id, company.id).await?;
    Ok(DealPanel::Investor(Box::new(InvestorPanel {
        following,
        stage_changed_at: interest.as_ref().map(|i| i.stage_changed_at),
        terms: interest.map(|i| i.terms),
        history,
        club_notes,
        club_name,
        today: crate::domain::seoul_time::seoul_date(Utc::now()),
        crowdfunding,
    })))
}

#[server(endpoint = "deals/follow")]
pub async fn follow_company(slug: String) -> Result<(), ApiError> {
    use crate::ssr::{reject, store};
    let (actor, company) = server::tracked_company(&slug).await?;
    store()?
        .follow(actor.user_id, company.id, Utc::now())
        .await
        .map_err(|err| reject(err.into()))
}

#[server(endpoint = "deals/unfollow")]
pub async fn unfollow_company(slug: String) -> Result<(), ApiError> {
    use crate::ssr::{reject, store};
    let (actor, company) = server::tracked_company(&slug).await?;
    store()?
        .unfollow(actor.user_id, company.id)
        .await
        .map_err(|err| reject(err.into()))
}

/// Moves the caller's interest in a company. `expected` is the stage the
/// form was shown at (`""` for none): a change made meanwhile elsewhere is
/// refused with a message instead of being overwritten.
#[server(endpoint = "deals/stage")]
pub async fn change_interest_stage(
    slug: String,
    expected: String,
    form: StageChangeForm,
) -> Result<InterestStage, ApiError> {
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::deal_store::NewStageChange;
    use crate::ssr::guard::audit;
    use crate::ssr::{reject, store, DbError};
    let (actor, company) = server::tracked_company(&slug).await?;
    let expected_from =
        match expected.trim() {
            "" => None,
            word => Some(InterestStage::parse(word).ok_or_else(|| {
                reject(FieldError::new("stage", FieldProblem::UnknownChoice).into())
            })?),
        };
    let now = Utc::now();
    let change = form
        .validate(expected_from, seoul_date(now))
        .map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "deal.stage",
        "interest",
        None,
        format!("company={} to={}", company.id, change.to.as_str()),
    );
    let base_url = crate::ssr::mail::public_url();
    let new = NewStageChange {
        investor_id: actor.user_id,
        club_id: actor.club_id,
        company_id: company.id,
        expected_from,
        change: &change,
        forum_id: None,
        at: now,
        mail_base_url: base_url.as_ref().map(|u| &*u.0),
    };
    match store()?.record_stage_change(&new, &event).await {
        Ok(record) => Ok(record.terms.stage),
        Err(DbError::Conflict(what)) if what == "stage" => Err(reject(
            FieldError::new("stage", FieldProblem::StageMovedMeanwhile).into(),
        )),
        Err(err) => Err(reject(err.into())),
    }
}

#[server(endpoint = "deals/note-add")]
pub async fn add_club_note(slug: String, markdown: String) -> Result<(), ApiError> {
    use crate::domain::deal::validate_club_note;
    use crate::ssr::{markdown::render, reject, store};
    let (actor, company) = server::tracked_company(&slug).await?;
    let club_id = server::club_of(&actor)?;
    let markdown = validate_club_note(&markdown).map_err(|e| reject(e.into()))?;
    let html = render(&markdown);
    store()?
        .add_club_note(
            club_id,
            company.id,
            actor.user_id,
            &markdown,
            &html,
            Utc::now(),
        )
        .await
        .map(|_| ())
        .map_err(|err| reject(err.into()))
}

#[server(endpoint = "deals/note-edit")]
pub async fn edit_club_note(slug: String, note_id: i64, markdown: String) -> Result<(), ApiError> {
    use crate::domain::deal::validate_club_note;
    use crate::ssr::{markdown::render, reject, store};
    let (actor, _company) = server::tracked_company(&slug).await?;
    let club_id = server::club_of(&actor)?;
    let markdown = validate_club_note(&markdown).map_err(|e| reject(e.into()))?;
    let html = render(&markdown);
    // Scoped by club and author in the store: someone else's note, or a
    // note of another club, is "not found".
    store()?
        .update_club_note(
            note_id,
            club_id,
            actor.user_id,
            &markdown,
            &html,
            Utc::now(),
        )
        .await
        .map_err(|err| reject(err.into()))
}

#[server(endpoint = "deals/note-delete")]
pub async fn delete_club_note(slug: String, note_id: i64) -> Result<(), ApiError> {
    use crate::ssr::{reject, store};
    let (actor, _company) = server::tracked_company(&slug).await?;
    let club_id = server::club_of(&actor)?;
    store()?
        .delete_club_note(note_id, club_id, actor.user_id)
        .await
        .map_err(|err| reject(err.into()))
}

/// A `/deals` row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealView {
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster: Option<ClusterRef>,
    pub one_liner: Option<String>,
    pub following: bool,
    pub terms: Option<InterestTerms>,
    pub days_in_stage: Option<i64>,
}

#[server(endpoint = "deals/mine")]
pub async fn my_deals() -> Result<Vec<DealView>, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::deal::days_in_stage;
    use crate::ssr::{guard::require, reject, store};
    let actor = require(Action::TrackDeals)?;
    let now = Utc::now();
    Ok(store()?
        .deals_of(actor.user_id)
        .await
        .map_err(|err| reject(err.into()))?
        .into_iter()
        .map(|d| DealView {
            cluster: ClusterRef::from_columns(
                d.company.cluster_slug,
                d.company.cluster_name_ko,
                d.company.cluster_name_en,
            ),
            slug: d.company.slug,
            name_ko: d.company.name_ko,
            name_en: d.company.name_en,
            one_liner: d.company.one_liner,
            following: d.following,
            days_in_stage: d
                .interest
                .as_ref()
                .map(|i| days_in_stage(i.stage_changed_at, now)),
            terms: d.interest.map(|i| i.terms),
        })
        .collect())
}
