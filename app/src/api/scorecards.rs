//! Forum scorecards: an attending investor's scorecard for each presenting
//! company, the admin's overview with the weights and the release of the
//! feedback, and the founder's anonymous view of it. Access is
//! `domain::access` (`ScoreForum`, `ManageForums`, `ReadForumFeedback`);
//! whether this investor attended and this company presented is decided by
//! the store at the moment of writing.

use super::ApiError;
use crate::domain::scorecard::{Feedback, ScorecardForm, Scores, Weights};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What an attending investor sees on the forum's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringPanel {
    /// Scorecards can be written now (the forum is being held).
    pub open: bool,
    /// The investor's scorecards so far: company slug and weighted score
    /// in hundredths.
    pub mine: Vec<(String, i64)>,
}

/// The founder's view of the feedback their company received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FounderFeedback {
    /// The admin has not released it yet.
    NotReleased,
    Released {
        /// `None`: nobody scored the company.
        feedback: Option<Feedback>,
        weights: Weights,
    },
}

/// The scorecard page of one presenting company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardPageData {
    pub forum_id: i64,
    pub forum_title: String,
    pub company_slug: String,
    pub company_name: String,
    pub weights: Weights,
    /// The saved scorecard's values, or an empty form.
    pub form: ScorecardForm,
    pub saved: bool,
    /// False once the forum has closed: the scorecard is read only.
    pub editable: bool,
}

/// The admin's view of a forum's scorecards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminScores {
    pub forum_id: i64,
    pub weights: Weights,
    pub released_at: Option<DateTime<Utc>>,
    /// The forum is closed and feedback not released yet.
    pub can_release: bool,
    /// Per presenting company, the agenda's order.
    pub companies: Vec<CompanyScores>,
    /// Every scorecard with its author.
    pub cards: Vec<AdminScorecard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyScores {
    pub slug: String,
    pub name: String,
    pub feedback: Option<Feedback>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminScorecard {
    pub company_name: String,
    pub investor_name: String,
    pub club_name: Option<String>,
    pub scores: Scores,
    pub weighted: i64,
    pub updated_at: DateTime<Utc>,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::api::forums::server::may;
    use crate::domain::access::Action;
    use crate::domain::forum::{ForumState, RsvpRecord, Seat};
    use crate::domain::scorecard::{feedback, weighted_hundredths};
    use crate::ssr::forum_store::{ApplicationRecord, ForumRecord};
    use crate::ssr::session::Actor;
    use crate::ssr::{reject, store};

    /// An investor counts as attending with a seat, or when an admin
    /// marked them present (someone let in from the waiting list).
    pub fn attending(rsvp: Option<&RsvpRecord>) -> bool {
        rsvp.is_some_and(|r| r.seat == Some(Seat::Seated) || r.attended)
    }

    /// Scorecards are written while the forum is held and read after.
    pub fn scoring_stage(state: ForumState) -> bool {
        matches!(state, ForumState::Held | ForumState::Closed)
    }

    /// The agenda panel of an attending investor, if they are one.
    pub async fn scoring_panel(
        forum: &ForumRecord,
        actor: Option<&Actor>,
        rsvp: Option<&RsvpRecord>,
        applications: &[ApplicationRecord],
    ) -> Result<Option<ScoringPanel>, ApiError> {
        let Some(actor) = actor else { return Ok(None) };
        if !scoring_stage(forum.state) || !may(Some(actor), Action::ScoreForum) || !attending(rsvp)
        {
            return Ok(None);
        }
        let mine = store()?
            .investor_scorecards(forum.id, actor.user_id)
            .await
            .map_err(|e| reject(e.into()))?
            .into_iter()
            .filter_map(|(company_id, scores)| {
                let a = applications.iter().find(|a| a.company_id == company_id)?;
                Some((
                    a.company_slug.clone(),
                    weighted_hundredths(&scores.scores, &forum.weights),
                ))
            })
            .collect();
        Ok(Some(ScoringPanel {
            open: forum.state == ForumState::Held,
            mine,
        }))
    }

    /// The feedback a presenting company may read: nothing before the
    /// forum was held, "not yet" until the admin releases it.
    pub async fn founder_feedback(
        forum: &ForumRecord,
        actor: &Actor,
        application: Option<&ApplicationRecord>,
    ) -> Result<Option<FounderFeedback>, ApiError> {
        let Some(a) = application.filter(|a| a.slot_position.is_some()) else {
            return Ok(None);
        };
        if !scoring_stage(forum.state)
            || !may(
                Some(actor),
                Action::ReadForumFeedback {
                    company_id: a.company_id,
                },
            )
        {
            return Ok(None);
        }
        if forum.feedback_released_at.is_none() {
            return Ok(Some(FounderFeedback::NotReleased));
        }
        let cards = store()?
            .company_scorecards(forum.id, a.company_id)
            .await
            .map_err(|e| reject(e.into()))?;
        Ok(Some(FounderFeedback::Released {
            feedback: feedback(&cards, &forum.weights),
            weights: forum.weights,
        }))
    }

    /// The presenting company named by `slug` at a forum the caller may
    /// see; 404 for a company not on the agenda.
    pub async fn presenting(
        forum_id: i64,
        slug: &str,
    ) -> Result<(ForumRecord, ApplicationRecord), ApiError> {
        let forum = crate::api::forums::server::visible_forum(forum_id).await?;
        let application = store()?
            .forum_applications(forum_id)
            .await
            .map_err(|e| reject(e.into()))?
            .into_iter()
            .find(|a| a.company_slug == slug && a.slot_position.is_some())
            .ok_or_else(|| reject(ApiError::NotFound))?;
        Ok((forum, application))
    }
}

/// The scorecard page: only attending verified investors of a forum that
/// is held or closed, for a company on its agenda.
#[server(endpoint = "forums/scorecard")]
pub async fn scorecard_page(forum_id: i64, slug: String) -> Result<ScorecardPageData, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::guard::require;
    use crate::ssr::{reject, store};
    let actor = require(Action::ScoreForum)?;
    let (forum, company) = server::presenting(forum_id, &slug).await?;
    let store = store()?;
    let rsvp = store
        .rsvp(forum_id, actor.user_id)
        .await
        .map_err(|e| reject(e.into()))?;
    if !server::scoring_stage(forum.state) || !server::attending(rsvp.as_ref()) {
        return Err(reject(ApiError::Forbidden));
    }
    let saved = store
        .investor_scorecards(forum_id, actor.user_id)
        .await
        .map_err(|e| reject(e.into()))?
        .into_iter()
        .find(|(id, _)| *id == company.company_id)
        .map(|(_, s)| s);
    Ok(ScorecardPageData {
        forum_id,
        forum_title: forum.title,
        company_slug: company.company_slug,
        company_name: company.company_name,
        weights: forum.weights,
        saved: saved.is_some(),
        form: saved.map(|s| ScorecardForm::from(&s)).unwrap_or_default(),
        editable: forum.state == crate::domain::forum::ForumState::Held,
    })
}

/// Saves the investor's own scorecard (the session names the author).
#[server(endpoint = "forums/score")]
pub async fn save_scorecard(
    forum_id: i64,
    slug: String,
    card: ScorecardForm,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::ScoreForum)?;
    let (_, company) = server::presenting(forum_id, &slug).await?;
    let scores = card.validate().map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "forum.score",
        "forum_scorecard",
        Some(format!("{forum_id}/{}", company.company_id)),
        format!("scores={:?}", scores.scores),
    );
    match store()?
        .save_scorecard(forum_id, company.company_id, actor.user_id, &scores, &event)
        .await
    {
        Ok(()) => Ok(()),
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("team", FieldProblem::ScoringClosed).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

/// The admin's scorecards section: every card with its author, the
/// averages per company, the weights and the release.
#[server(endpoint = "admin/forum_scores")]
pub async fn admin_forum_scores(forum_id: i64) -> Result<AdminScores, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::forum::ForumState;
    use crate::domain::scorecard::{feedback, weighted_hundredths};
    use crate::ssr::guard::require;
    use crate::ssr::{reject, store};
    require(Action::ManageForums)?;
    let store = store()?;
    let forum = store.forum(forum_id).await.map_err(|e| reject(e.into()))?;
    let records = store
        .forum_scorecards(forum_id)
        .await
        .map_err(|e| reject(e.into()))?;
    let companies = store
        .forum_applications(forum_id)
        .await
        .map_err(|e| reject(e.into()))?
        .into_iter()
        .filter(|a| a.slot_position.is_some())
        .map(|a| {
            let cards: Vec<Scores> = records
                .iter()
                .filter(|r| r.company_id == a.company_id)
                .map(|r| r.scores.clone())
                .collect();
            CompanyScores {
                slug: a.company_slug,
                name: a.company_name,
                feedback: feedback(&cards, &forum.weights),
            }
        })
        .collect();
    let cards = records
        .into_iter()
        .map(|r| AdminScorecard {
            weighted: weighted_hundredths(&r.scores.scores, &forum.weights),
            company_name: r.company_name,
            investor_name: r.investor_name,
            club_name: r.club_name,
            scores: r.scores,
            updated_at: r.updated_at,
        })
        .collect();
    Ok(AdminScores {
        forum_id,
        weights: forum.weights,
        released_at: forum.feedback_released_at,
        can_release: forum.state == ForumState::Closed && forum.feedback_released_at.is_none(),
        companies,
        cards,
    })
}

/// The forum's scorecard weights (whole percent, adding up to 100), until
/// its feedback is released.
#[server(endpoint = "admin/forum_weights")]
pub async fn set_forum_weights(
    forum_id: i64,
    weight_team: String,
    weight_market: String,
    weight_technology: String,
    weight_traction: String,
    weight_advantage: String,
    weight_attractiveness: String,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::ManageForums)?;
    let weights = Weights::parse(&[
        weight_team,
        weight_market,
        weight_technology,
        weight_traction,
        weight_advantage,
        weight_attractiveness,
    ])
    .map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "forum.weights",
        "forum",
        Some(forum_id.to_string()),
        format!("{:?}", weights.0),
    );
    match store()?.set_weights(forum_id, &weights, &event).await {
        Ok(()) => Ok(()),
        Err(DbError::NotFound) => {
            // Unknown forum, or its feedback is out: say which.
            store()?
                .forum(forum_id)
                .await
                .map_err(|e| reject(e.into()))?;
            Err(reject(
                FieldError::new("weights", FieldProblem::FeedbackReleased).into(),
            ))
        }
        Err(e) => Err(reject(e.into())),
    }
}

/// Releases a closed forum's feedback to its presenting founders, once.
#[server(endpoint = "admin/forum_release")]
pub async fn release_feedback(forum_id: i64) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::ManageForums)?;
    let event = audit(
        Some(&actor),
        "forum.release",
        "forum",
        Some(forum_id.to_string()),
        String::new(),
    );
    match store()?.release_feedback(forum_id, &event).await {
        Ok(()) => Ok(()),
        Err(DbError::NotFound) => {
            store()?
                .forum(forum_id)
                .await
                .map_err(|e| reject(e.into()))?;
            Err(reject(
                FieldError::new("release", FieldProblem::ReleaseNotReady).into(),
            ))
        }
        Err(e) => Err(reject(e.into())),
    }
}
