//! Venture forums: the public list and page of each forum, founders'
//! applications, and the admin's forum form, stages, decisions and agenda.
//! Who may do what is `domain::access` (`ManageForums`, `ApplyToForum`,
//! `SeeUnannouncedForum`); a forum still in planning is "not found" to
//! everyone else, so its existence does not leak.

use super::ApiError;
use crate::domain::forum::{ApplicationStatus, ForumForm, ForumState};
use crate::domain::forum::{RsvpListRow, RsvpRecord};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A forum as the list and its page show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumSummary {
    pub id: i64,
    pub title: String,
    pub state: ForumState,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub capacity: i64,
    pub presenting: i64,
    pub seated: i64,
    pub waiting: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumListing {
    /// Soonest first.
    pub upcoming: Vec<ForumSummary>,
    /// Latest first.
    pub past: Vec<ForumSummary>,
    pub can_manage: bool,
}

/// One presenting slot of the public agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaSlot {
    pub position: i64,
    pub starts_at: DateTime<Utc>,
    pub company_slug: String,
    pub company_name: String,
    pub one_liner: Option<String>,
}

/// What the reader's own company may do here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyPanel {
    /// Not signed in: a hint to sign in with a company account.
    SignIn,
    /// Not a company member (investors, consultants, admins): nothing.
    Hidden,
    /// A company member: the company and its application, if any.
    Company {
        slug: String,
        name: String,
        status: Option<ApplicationStatus>,
        note: Option<String>,
        /// Once the forum has been held: the scorecards' feedback (boxed:
        /// it is much larger than the other variants).
        feedback: Option<Box<crate::api::scorecards::FounderFeedback>>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumPageData {
    pub forum: ForumSummary,
    /// Sanitised when saved.
    pub description_html: String,
    /// `None` while the agenda is not public (and the reader not an admin).
    pub agenda: Option<Vec<AgendaSlot>>,
    pub apply: ApplyPanel,
    pub rsvp: RsvpPanel,
    /// An attending investor's scorecards, from the day of the forum.
    pub scoring: Option<crate::api::scorecards::ScoringPanel>,
    /// A verified investor may put a presenting company on their ladder
    /// from the agenda.
    pub can_track: bool,
    pub can_manage: bool,
}

/// The investor's answer card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RsvpPanel {
    /// Not an investor: nothing.
    Hidden,
    /// An investor not verified yet.
    VerifyFirst,
    /// A verified investor: their answer, if any, and whether answers are
    /// taken in the forum's stage.
    Investor {
        current: Option<RsvpRecord>,
        open: bool,
    },
}

/// The admin's view of one forum: the form's values, every application
/// and the cluster choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminForumData {
    pub forum: ForumSummary,
    pub form: ForumForm,
    pub applications: Vec<ApplicationView>,
    pub rsvps: Vec<RsvpListRow>,
    pub clusters: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub status: ApplicationStatus,
    pub note: String,
    pub applied_at: DateTime<Utc>,
    pub slot_position: Option<i64>,
    pub slot_starts_at: Option<DateTime<Utc>>,
}

/// The form to create a forum: the cluster choices (slug, Korean and
/// English names).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewForumChoices {
    pub clusters: Vec<(String, String, String)>,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::domain::access::{authorize, Action};
    use crate::ssr::forum_store::ForumRecord;
    use crate::ssr::session::{current_actor, Actor};
    use crate::ssr::{reject, store};

    pub fn summary(f: &ForumRecord) -> ForumSummary {
        ForumSummary {
            id: f.id,
            title: f.title.clone(),
            state: f.state,
            starts_at: f.starts_at,
            ends_at: f.ends_at,
            venue: f.venue.clone(),
            cluster_name_ko: f.cluster_name_ko.clone(),
            cluster_name_en: f.cluster_name_en.clone(),
            capacity: f.capacity,
            presenting: f.presenting,
            seated: f.seated,
            waiting: f.waiting,
        }
    }

    /// The company the caller belongs to: the session decides, never the
    /// form. Nobody signed in: 401; signed in without a company: 403.
    pub fn own_company(actor: Option<Actor>) -> Result<i64, ApiError> {
        let actor = actor.ok_or_else(|| reject(ApiError::Unauthorized))?;
        actor
            .company
            .map(|m| m.company_id)
            .ok_or_else(|| reject(ApiError::Forbidden))
    }

    pub fn may(actor: Option<&Actor>, action: Action) -> bool {
        authorize(actor.map(Actor::principal).as_ref(), action).is_ok()
    }

    /// The forum, when this reader may see it: one in planning is "not
    /// found" except to admins.
    pub async fn visible_forum(forum_id: i64) -> Result<ForumRecord, ApiError> {
        let forum = store()?
            .forum(forum_id)
            .await
            .map_err(|e| reject(e.into()))?;
        if !forum.state.is_public() && !may(current_actor().as_ref(), Action::SeeUnannouncedForum) {
            return Err(reject(ApiError::NotFound));
        }
        Ok(forum)
    }

    pub async fn cluster_choices() -> Result<Vec<(String, String, String)>, ApiError> {
        Ok(store()?
            .list_clusters()
            .await
            .map_err(|e| reject(e.into()))?
            .into_iter()
            .map(|c| (c.slug, c.name_ko, c.name_en))
            .collect())
    }

    /// The form's values for an existing forum (Seoul date and times).
    pub fn form_of(f: &ForumRecord) -> ForumForm {
        use crate::domain::seoul_time::to_seoul;
        let starts = to_seoul(f.starts_at);
        let ends = to_seoul(f.ends_at);
        ForumForm {
            title: f.title.clone(),
            date: starts.format("%Y-%m-%d").to_string(),
            starts: starts.format("%H:%M").to_string(),
            ends: ends.format("%H:%M").to_string(),
            venue: f.venue.clone(),
            cluster: f.cluster_slug.clone().unwrap_or_default(),
            capacity: f.capacity.to_string(),
            description: f.description_md.clone(),
        }
    }

    /// Checks a posted forum form into what the store writes.
    pub async fn checked_write(
        form: &ForumForm,
        actor: &Actor,
        allow_past: bool,
    ) -> Result<crate::ssr::forum_store::ForumWrite, ApiError> {
        let clusters = cluster_choices().await?;
        let now = Utc::now();
        let fields = form
            .validate(|slug| clusters.iter().any(|c| c.0 == slug), now, allow_past)
            .map_err(|e| reject(e.into()))?;
        Ok(crate::ssr::forum_store::ForumWrite {
            description_html: crate::ssr::markdown::render(&fields.description_md),
            title: fields.title,
            starts_at: fields.starts_at,
            ends_at: fields.ends_at,
            venue: fields.venue,
            cluster_slug: fields.cluster_slug,
            capacity: fields.capacity,
            description_md: fields.description_md,
            by: actor.user_id,
            at: now,
        })
    }

    /// A store error on a forum write, with the translated reasons the
    /// admin can act on.
    pub fn forum_write_error(err: crate::ssr::DbError, field: &'static str) -> ApiError {
        use crate::domain::field::{FieldError, FieldProblem};
        match err {
            crate::ssr::DbError::Conflict(_) => {
                reject(FieldError::new(field, FieldProblem::ForumChangedMeanwhile).into())
            }
            other => reject(other.into()),
        }
    }
}

#[server(endpoint = "forums/list")]
pub async fn forum_list() -> Result<ForumListing, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::session::current_actor;
    use crate::ssr::{reject, store};
    let can_manage = server::may(current_actor().as_ref(), Action::SeeUnannouncedForum);
    let forums = store()?
        .forums(!can_manage)
        .await
        .map_err(|e| reject(e.into()))?;
    let now = Utc::now();
    let (mut upcoming, past): (Vec<_>, Vec<_>) = forums
        .iter()
        .map(server::summary)
        .partition(|f| f.ends_at >= now && f.state != ForumState::Closed);
    upcoming.reverse();
    Ok(ForumListing {
        upcoming,
        past,
        can_manage,
    })
}

#[server(endpoint = "forums/page")]
pub async fn forum_page(forum_id: i64) -> Result<ForumPageData, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::session::current_actor;
    use crate::ssr::{reject, store};
    let forum = server::visible_forum(forum_id).await?;
    let actor = current_actor();
    let can_manage = server::may(actor.as_ref(), Action::ManageForums);
    let store = store()?;
    let shows_agenda = forum.state.agenda_public() || can_manage;
    let applications = if shows_agenda {
        store
            .forum_applications(forum_id)
            .await
            .map_err(|e| reject(e.into()))?
    } else {
        Vec::new()
    };
    let agenda = if shows_agenda {
        Some(
            applications
                .iter()
                .cloned()
                .filter_map(|a| {
                    Some(AgendaSlot {
                        position: a.slot_position?,
                        starts_at: a.slot_starts_at?,
                        company_slug: a.company_slug,
                        company_name: a.company_name,
                        one_liner: a.company_one_liner,
                    })
                })
                .collect(),
        )
    } else {
        None
    };
    let apply = match actor.as_ref() {
        None => ApplyPanel::SignIn,
        Some(a) => match &a.company {
            Some(m)
                if server::may(
                    Some(a),
                    Action::ApplyToForum {
                        company_id: m.company_id,
                    },
                ) =>
            {
                let company = store
                    .company_by_slug(&m.company_slug)
                    .await
                    .map_err(|e| reject(e.into()))?;
                let application = store
                    .application(forum_id, m.company_id)
                    .await
                    .map_err(|e| reject(e.into()))?;
                ApplyPanel::Company {
                    slug: m.company_slug.clone(),
                    name: company.name_ko,
                    status: application.as_ref().map(|a| a.status),
                    feedback: crate::api::scorecards::server::founder_feedback(
                        &forum,
                        a,
                        application.as_ref(),
                    )
                    .await?
                    .map(Box::new),
                    note: application.map(|a| a.note),
                }
            }
            _ => ApplyPanel::Hidden,
        },
    };
    let mut scoring = None;
    let rsvp = match actor.as_ref() {
        Some(a) if server::may(Some(a), Action::RsvpForum) => {
            let current = store
                .rsvp(forum_id, a.user_id)
                .await
                .map_err(|e| reject(e.into()))?;
            scoring = crate::api::scorecards::server::scoring_panel(
                &forum,
                Some(a),
                current.as_ref(),
                &applications,
            )
            .await?;
            RsvpPanel::Investor {
                current,
                open: forum.state.takes_rsvps(),
            }
        }
        Some(a) if a.role == crate::domain::role::Role::Investor => RsvpPanel::VerifyFirst,
        _ => RsvpPanel::Hidden,
    };
    Ok(ForumPageData {
        can_track: server::may(actor.as_ref(), Action::TrackDeals),
        rsvp,
        scoring,
        description_html: forum.description_html.clone(),
        forum: server::summary(&forum),
        agenda,
        apply,
        can_manage,
    })
}

/// A founder applies for their company (named by the session, never by
/// the form) while the forum takes applications.
#[server(endpoint = "forums/apply")]
pub async fn apply_to_forum(forum_id: i64, note: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::domain::forum::validate_application_note;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::session::current_actor;
    use crate::ssr::{reject, store, DbError};
    let company_id = server::own_company(current_actor())?;
    let actor = require(Action::ApplyToForum { company_id })?;
    let forum = server::visible_forum(forum_id).await?;
    if !forum.state.takes_applications() {
        return Err(reject(
            FieldError::new("note", FieldProblem::ForumNotOpen).into(),
        ));
    }
    let note = validate_application_note(&note).map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "forum.apply",
        "forum_application",
        None,
        format!("forum={forum_id} company={company_id}"),
    );
    match store()?
        .apply_to_forum(forum_id, company_id, &note, actor.user_id, &event)
        .await
    {
        Ok(()) => Ok(()),
        Err(DbError::Conflict(_)) => Err(reject(
            FieldError::new("note", FieldProblem::AlreadyApplied).into(),
        )),
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("note", FieldProblem::ForumNotOpen).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

#[server(endpoint = "forums/withdraw")]
pub async fn withdraw_from_forum(forum_id: i64) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::session::current_actor;
    use crate::ssr::{reject, store, DbError};
    let company_id = server::own_company(current_actor())?;
    let actor = require(Action::ApplyToForum { company_id })?;
    server::visible_forum(forum_id).await?;
    let event = audit(
        Some(&actor),
        "forum.withdraw",
        "forum_application",
        None,
        format!("forum={forum_id} company={company_id}"),
    );
    match store()?
        .withdraw_application(forum_id, company_id, &event)
        .await
    {
        Ok(()) => Ok(()),
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("forum_id", FieldProblem::ForumNotOpen).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

#[server(endpoint = "admin/forum_new")]
pub async fn new_forum_form() -> Result<NewForumChoices, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::guard::require;
    require(Action::ManageForums)?;
    Ok(NewForumChoices {
        clusters: server::cluster_choices().await?,
    })
}

/// Creates a forum (in planning) and returns its id.
#[server(endpoint = "admin/forum_create")]
pub async fn create_forum(form: ForumForm) -> Result<i64, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};
    let actor = require(Action::ManageForums)?;
    let write = server::checked_write(&form, &actor, false).await?;
    let event = audit(
        Some(&actor),
        "forum.create",
        "forum",
        None,
        format!("title={}", write.title),
    );
    let id = store()?
        .create_forum(&write, &event)
        .await
        .map_err(|e| reject(e.into()))?;
    leptos_axum::redirect(&format!("/admin/forums/{id}"));
    Ok(id)
}

#[server(endpoint = "admin/forum")]
pub async fn admin_forum(forum_id: i64) -> Result<AdminForumData, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::guard::require;
    use crate::ssr::{reject, store};
    require(Action::ManageForums)?;
    let store = store()?;
    let forum = store.forum(forum_id).await.map_err(|e| reject(e.into()))?;
    let applications = store
        .forum_applications(forum_id)
        .await
        .map_err(|e| reject(e.into()))?
        .into_iter()
        .map(|a| ApplicationView {
            company_id: a.company_id,
            company_slug: a.company_slug,
            company_name: a.company_name,
            status: a.status,
            note: a.note,
            applied_at: a.applied_at,
            slot_position: a.slot_position,
            slot_starts_at: a.slot_starts_at,
        })
        .collect();
    let rsvps = store
        .forum_rsvps(forum_id)
        .await
        .map_err(|e| reject(e.into()))?;
    Ok(AdminForumData {
        rsvps,
        form: server::form_of(&forum),
        forum: server::summary(&forum),
        applications,
        clusters: server::cluster_choices().await?,
    })
}

#[server(endpoint = "admin/forum_update")]
pub async fn update_forum(forum_id: i64, form: ForumForm) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};
    let actor = require(Action::ManageForums)?;
    let current = store()?
        .forum(forum_id)
        .await
        .map_err(|e| reject(e.into()))?;
    if current.state == ForumState::Closed {
        return Err(reject(
            FieldError::new("title", FieldProblem::ForumLocked).into(),
        ));
    }
    let write = server::checked_write(&form, &actor, true).await?;
    let event = audit(
        Some(&actor),
        "forum.update",
        "forum",
        Some(forum_id.to_string()),
        format!("title={}", write.title),
    );
    store()?
        .update_forum(forum_id, &write, &event)
        .await
        .map_err(|e| server::forum_write_error(e, "title"))
}

/// Moves the forum one stage; `from` is the stage the page showed, so a
/// second admin's click on a stale page changes nothing.
#[server(endpoint = "admin/forum_state")]
pub async fn move_forum(forum_id: i64, from: String, to: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};
    let actor = require(Action::ManageForums)?;
    let parse = |raw: &str| {
        ForumState::parse(raw.trim())
            .ok_or_else(|| reject(FieldError::new("to", FieldProblem::UnknownChoice).into()))
    };
    let (from, to) = (parse(&from)?, parse(&to)?);
    if !from.may_move_to(to) {
        return Err(reject(
            FieldError::new("to", FieldProblem::UnknownChoice).into(),
        ));
    }
    let event = audit(
        Some(&actor),
        "forum.state",
        "forum",
        Some(forum_id.to_string()),
        format!("{} -> {}", from.as_str(), to.as_str()),
    );
    store()?
        .set_forum_state(forum_id, from, to, &event)
        .await
        .map_err(|e| server::forum_write_error(e, "to"))
}

#[server(endpoint = "admin/forum_decide")]
pub async fn decide_application(
    forum_id: i64,
    company_id: i64,
    decision: String,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::ManageForums)?;
    let status = match decision.trim() {
        "accepted" => ApplicationStatus::Accepted,
        "declined" => ApplicationStatus::Declined,
        _ => {
            return Err(reject(
                FieldError::new("decision", FieldProblem::UnknownChoice).into(),
            ))
        }
    };
    let event = audit(
        Some(&actor),
        "forum.decide",
        "forum_application",
        Some(format!("{forum_id}/{company_id}")),
        status.as_str(),
    );
    match store()?
        .decide_application(forum_id, company_id, status, actor.user_id, &event)
        .await
    {
        Ok(()) => Ok(()),
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("decision", FieldProblem::ForumLocked).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

/// The agenda form: one row per accepted company, and the accepted set the
/// form was built from (comma-separated ids).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaForm {
    pub accepted: String,
    #[serde(default)]
    pub slots: Vec<AgendaRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaRow {
    pub company_id: i64,
    pub position: String,
    pub starts: String,
}

#[server(endpoint = "admin/forum_agenda")]
pub async fn save_agenda(forum_id: i64, agenda: AgendaForm) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::domain::forum::{validate_agenda, SlotInput};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::ManageForums)?;
    let store = store()?;
    let forum = store.forum(forum_id).await.map_err(|e| reject(e.into()))?;
    let accepted: Vec<i64> = agenda
        .accepted
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|_| reject(FieldError::new("slot", FieldProblem::UnknownChoice).into()))?;
    let rows: Vec<SlotInput> = agenda
        .slots
        .iter()
        .map(|r| SlotInput {
            company_id: r.company_id,
            position: r.position.clone(),
            starts: r.starts.clone(),
        })
        .collect();
    let slots = validate_agenda(&rows, &accepted, forum.starts_at, forum.ends_at)
        .map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "forum.agenda",
        "forum",
        Some(forum_id.to_string()),
        format!("slots={}", slots.len()),
    );
    match store.set_agenda(forum_id, &accepted, &slots, &event).await {
        Ok(()) => Ok(()),
        Err(DbError::Conflict(_)) => Err(reject(
            FieldError::new("slot", FieldProblem::AgendaChangedMeanwhile).into(),
        )),
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("slot", FieldProblem::ForumLocked).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

/// A verified investor answers for themselves (참석 / 미정 / 불참).
#[server(endpoint = "forums/rsvp")]
pub async fn answer_forum(forum_id: i64, answer: String) -> Result<RsvpRecord, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::domain::forum::RsvpAnswer;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::RsvpForum)?;
    let answer = RsvpAnswer::parse(answer.trim())
        .ok_or_else(|| reject(FieldError::new("answer", FieldProblem::UnknownChoice).into()))?;
    server::visible_forum(forum_id).await?;
    let event = audit(
        Some(&actor),
        "forum.rsvp",
        "forum_rsvp",
        Some(format!("{forum_id}/{}", actor.user_id)),
        answer.as_str(),
    );
    match store()?
        .set_rsvp(forum_id, actor.user_id, answer, &event)
        .await
    {
        Ok(record) => Ok(record),
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("answer", FieldProblem::RsvpClosed).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

#[server(endpoint = "admin/forum_attendance")]
pub async fn mark_attendance(forum_id: i64, user_id: i64, attended: bool) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::field::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::ManageForums)?;
    let event = audit(
        Some(&actor),
        "forum.attendance",
        "forum_rsvp",
        Some(format!("{forum_id}/{user_id}")),
        if attended { "present" } else { "absent" },
    );
    match store()?
        .mark_attendance(forum_id, user_id, attended, &event)
        .await
    {
        Ok(()) => Ok(()),
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("attended", FieldProblem::AttendanceClosed).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

/// From the agenda to the pipeline: a verified investor puts a company
/// that presented (or will present) at this forum on their interest ladder
/// at 관심 (watching), with the forum recorded as the source. A company
/// already on their ladder stays where it is (`false`); a new one answers
/// `true`. Only companies on the forum's public agenda.
#[server(endpoint = "forums/track")]
pub async fn track_from_forum(forum_id: i64, slug: String) -> Result<bool, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::deal::StageChangeForm;
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::deal_store::NewStageChange;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::TrackDeals)?;
    let forum = server::visible_forum(forum_id).await?;
    let store = store()?;
    let presenting = store
        .forum_applications(forum_id)
        .await
        .map_err(|e| reject(e.into()))?
        .into_iter()
        .find(|a| a.company_slug == slug && a.slot_position.is_some());
    let Some(presenting) = presenting.filter(|_| forum.state.agenda_public()) else {
        return Err(reject(ApiError::NotFound));
    };
    let (_, interest) = store
        .deal_state(actor.user_id, presenting.company_id)
        .await
        .map_err(|e| reject(e.into()))?;
    if interest.is_some() {
        return Ok(false);
    }
    let now = Utc::now();
    let change = StageChangeForm {
        stage: "watching".into(),
        ..Default::default()
    }
    .validate(None, seoul_date(now))
    .map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "deal.stage",
        "interest",
        None,
        format!(
            "company={} to=watching forum={forum_id}",
            presenting.company_id
        ),
    );
    let new = NewStageChange {
        investor_id: actor.user_id,
        club_id: actor.club_id,
        company_id: presenting.company_id,
        expected_from: None,
        change: &change,
        forum_id: Some(forum_id),
        at: now,
        mail_base_url: None,
    };
    match store.record_stage_change(&new, &event).await {
        Ok(_) => Ok(true),
        // Added meanwhile in another tab: it is on the ladder either way.
        Err(DbError::Conflict(what)) if what == "stage" => Ok(false),
        Err(e) => Err(reject(e.into())),
    }
}
