//! The store's forum part: venture forums, founders' applications to
//! present and the agenda's slots. A supertrait of [`Store`](super::Store)
//! like the other parts; both backends implement it and run the same tests.
//!
//! Access is decided by the caller (`domain::access`). The rules that
//! depend on the forum's state at the moment of writing (applications only
//! while open, the agenda only before the day) are checked inside the
//! writing statement, so two tabs or two processes cannot slip past them.

use super::store::{DbResult, NewAuditEvent};
use crate::domain::forum::{
    ApplicationStatus, ForumState, RsvpAnswer, RsvpListRow, RsvpRecord, Slot,
};
use crate::domain::scorecard::{Scores, Weights};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A forum as stored, with its cluster's names for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumRecord {
    pub id: i64,
    pub title: String,
    pub state: ForumState,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub capacity: i64,
    pub description_md: String,
    pub description_html: String,
    /// Accepted applications (the presenting companies).
    pub presenting: i64,
    /// Attending investors with a seat, and those waiting for one.
    pub seated: i64,
    pub waiting: i64,
    /// The scorecards' weights (an admin setting, adding up to 100).
    pub weights: Weights,
    /// When the admin released the scorecards' anonymous feedback.
    pub feedback_released_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// What a forum form saves: the checked fields with the cluster resolved
/// and the description rendered.
#[derive(Clone, Debug)]
pub struct ForumWrite {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    pub cluster_slug: Option<String>,
    pub capacity: i64,
    pub description_md: String,
    pub description_html: String,
    pub by: i64,
    pub at: DateTime<Utc>,
}

/// A company's application to a forum, with the company's names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRecord {
    pub forum_id: i64,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub company_one_liner: Option<String>,
    pub status: ApplicationStatus,
    pub note: String,
    pub applied_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub slot_position: Option<i64>,
    pub slot_starts_at: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait ForumStore: Send + Sync {
    async fn create_forum(&self, forum: &ForumWrite, audit: &NewAuditEvent) -> DbResult<i64>;

    /// Changes the forum's details; `NotFound` for an unknown forum or a
    /// closed one (its record is final). Slots outside the new hours are
    /// cleared so the agenda is arranged again.
    async fn update_forum(
        &self,
        forum_id: i64,
        forum: &ForumWrite,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Moves the forum from `from` to `to`; `Conflict` when it is no
    /// longer in `from` (another admin moved it meanwhile).
    async fn set_forum_state(
        &self,
        forum_id: i64,
        from: ForumState,
        to: ForumState,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    async fn forum(&self, forum_id: i64) -> DbResult<ForumRecord>;

    /// Every forum, soonest-starting last (the list splits them into
    /// upcoming and past); `public_only` leaves out those in planning.
    async fn forums(&self, public_only: bool) -> DbResult<Vec<ForumRecord>>;

    /// A forum's applications, the agenda's order first.
    async fn forum_applications(&self, forum_id: i64) -> DbResult<Vec<ApplicationRecord>>;

    /// A company's applications to the given forum (if any).
    async fn application(
        &self,
        forum_id: i64,
        company_id: i64,
    ) -> DbResult<Option<ApplicationRecord>>;

    /// Applies (or applies again after withdrawing) while the forum takes
    /// applications. `NotFound`: the forum is not open; `Conflict`: the
    /// company already has a live application.
    async fn apply_to_forum(
        &self,
        forum_id: i64,
        company_id: i64,
        note: &str,
        by: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Withdraws a pending or accepted application while the forum is
    /// open; its slot goes with it. `NotFound` otherwise.
    async fn withdraw_application(
        &self,
        forum_id: i64,
        company_id: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Accepts or declines while the agenda can change; declining frees
    /// the slot. `NotFound`: no such live application or the forum is past
    /// arranging.
    async fn decide_application(
        &self,
        forum_id: i64,
        company_id: i64,
        status: ApplicationStatus,
        by: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Replaces the agenda with `slots` (validated against `accepted`, the
    /// accepted companies the form was built from). `Conflict` when the
    /// accepted set changed meanwhile; nothing is written then.
    async fn set_agenda(
        &self,
        forum_id: i64,
        accepted: &[i64],
        slots: &[Slot],
        audit: &NewAuditEvent,
    ) -> DbResult<()>;
}

#[async_trait]
pub trait RsvpStore: Send + Sync {
    /// Records the answer while the forum takes answers (`NotFound`
    /// otherwise). Attending takes a free seat or the end of the waiting
    /// list (an earlier attending answer keeps its place); a seat given up
    /// goes to the first waiting answer, all in one transaction, with the
    /// forum's row locked so two answers cannot take the same last seat.
    async fn set_rsvp(
        &self,
        forum_id: i64,
        user_id: i64,
        answer: RsvpAnswer,
        audit: &NewAuditEvent,
    ) -> DbResult<RsvpRecord>;

    async fn rsvp(&self, forum_id: i64, user_id: i64) -> DbResult<Option<RsvpRecord>>;

    /// Every answer: seated first, then the waiting list in order, then
    /// maybe and declined.
    async fn forum_rsvps(&self, forum_id: i64) -> DbResult<Vec<RsvpListRow>>;

    /// Marks (or unmarks) an attending investor as present, while the
    /// forum is confirmed or held. `NotFound` otherwise.
    async fn mark_attendance(
        &self,
        forum_id: i64,
        user_id: i64,
        attended: bool,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;
}

/// One scorecard with its author and company, for the admin's view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardRecord {
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub investor_id: i64,
    pub investor_name: String,
    pub club_name: Option<String>,
    pub scores: Scores,
    pub updated_at: DateTime<Utc>,
}

#[async_trait]
pub trait ScorecardStore: Send + Sync {
    /// Writes (or rewrites) the investor's scorecard for a company's slot.
    /// `NotFound` unless, at the moment of writing, the forum is being
    /// held, the company has a slot on its agenda and the investor is an
    /// attending one (a seat, or marked present).
    async fn save_scorecard(
        &self,
        forum_id: i64,
        company_id: i64,
        investor_id: i64,
        scores: &Scores,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// The investor's own scorecards at a forum, by company id.
    async fn investor_scorecards(
        &self,
        forum_id: i64,
        investor_id: i64,
    ) -> DbResult<Vec<(i64, Scores)>>;

    /// Every scorecard of a forum with its author, the agenda's order.
    async fn forum_scorecards(&self, forum_id: i64) -> DbResult<Vec<ScorecardRecord>>;

    /// The scorecards a company received at a forum, without authors.
    async fn company_scorecards(&self, forum_id: i64, company_id: i64) -> DbResult<Vec<Scores>>;

    /// Changes the forum's weights; `NotFound` once feedback is released
    /// (what founders read must not change under them).
    async fn set_weights(
        &self,
        forum_id: i64,
        weights: &Weights,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Releases the feedback of a closed forum to its founders, once.
    /// `NotFound` when the forum is not closed or already released.
    async fn release_feedback(&self, forum_id: i64, audit: &NewAuditEvent) -> DbResult<()>;
}
