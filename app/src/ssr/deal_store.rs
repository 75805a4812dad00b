//! The store's deal-flow part: follows, the interest ladder and its history,
//! meeting requests, club notes, pipelines, the feed and notifications.
//! A supertrait of [`Store`](super::Store) like the company part; both
//! backends implement it and run the same tests.
//!
//! Access is decided by the caller (`domain::access`); the store scopes
//! every write by the ids the caller was allowed (investor, club, author,
//! company), so a wrong id changes nothing rather than someone else's row.

use super::store::{DbResult, NewAuditEvent};
use crate::domain::company::Stage;
use crate::domain::deal::{
    InterestStage, InterestTerms, InvestmentRoute, MeetingAnswer, MeetingStatus, StageChange,
};
use crate::domain::money::Won;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// A company as deal lists show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DealCompany {
    pub id: i64,
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub stage: Option<Stage>,
    pub one_liner: Option<String>,
}

/// One investor's current interest in one company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterestRecord {
    pub id: i64,
    pub investor_id: i64,
    pub company_id: i64,
    pub terms: InterestTerms,
    pub stage_changed_at: DateTime<Utc>,
}

/// One step on the ladder, as the history shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterestEvent {
    pub id: i64,
    pub from: Option<InterestStage>,
    pub to: InterestStage,
    pub amount_min: Option<Won>,
    pub amount_max: Option<Won>,
    pub route: Option<InvestmentRoute>,
    pub amount: Option<Won>,
    pub invested_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// The forum the change came from (forums arrive later).
    pub forum_id: Option<i64>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

/// A stage change to record: who, where, what, and the stage the caller
/// validated against (a change made meanwhile in another tab is refused
/// rather than overwritten).
#[derive(Clone, Debug)]
pub struct NewStageChange<'a> {
    pub investor_id: i64,
    pub club_id: Option<i64>,
    pub company_id: i64,
    pub expected_from: Option<InterestStage>,
    pub change: &'a StageChange,
    pub forum_id: Option<i64>,
    pub at: DateTime<Utc>,
    /// The portal's public address: with it, a meeting request also queues
    /// an e-mail to each of the company's members in the same transaction
    /// (`None`: the demo seed, which must not mail anyone).
    pub mail_base_url: Option<&'a str>,
}

/// A row of `/deals`: a followed company or one with an interest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DealRecord {
    pub company: DealCompany,
    pub following: bool,
    pub interest: Option<InterestRecord>,
}

/// Whose pipeline: one investor's, or every verified member's of a club.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PipelineScope {
    Investor(i64),
    Club(i64),
}

/// The pipeline's filters from the query string, already checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipelineFilter {
    pub cluster_slug: Option<String>,
    pub stage: Option<InterestStage>,
    /// A club member's id (club pipelines only).
    pub member_id: Option<i64>,
}

/// One card of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipelineCard {
    pub interest_id: i64,
    pub company: DealCompany,
    pub investor_id: i64,
    pub investor_name: String,
    pub terms: InterestTerms,
    pub stage_changed_at: DateTime<Utc>,
}

/// A club's members as the pipeline's member filter lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClubMember {
    pub user_id: i64,
    pub display_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClubDealSettings {
    pub name: String,
    /// Days without a change after which the club's cards are stale.
    pub stale_after_days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClubNoteRecord {
    pub id: i64,
    pub club_id: i64,
    pub company_id: i64,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub markdown: String,
    pub html: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingRecord {
    pub id: i64,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub investor_id: i64,
    pub investor_name: String,
    pub investor_email: String,
    pub club_name: Option<String>,
    pub message: String,
    pub status: MeetingStatus,
    pub proposed_at: Option<DateTime<Utc>>,
    pub answer_note: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What founders see of the interest in their company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyInterest {
    /// When each current follower started following, oldest first.
    pub followed_at: Vec<DateTime<Utc>>,
    /// Current interests per stage (every stage present, zeros included).
    pub per_stage: Vec<(InterestStage, i64)>,
    pub meetings: Vec<MeetingRecord>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedKind {
    /// A followed company posted an update.
    Update,
    /// A followed company published a new revision of its pitch.
    Revision,
    /// A club mate moved a company the reader follows or tracks.
    ClubStage,
    /// A founder answered the reader's meeting request.
    MeetingAnswer,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedItem {
    pub kind: FeedKind,
    pub company_slug: String,
    pub company_name: String,
    /// The update's title, the revision number, the club mate's name, the
    /// answer's status — whatever the kind names.
    pub title: String,
    /// The new stage (club changes) or the answer's status word.
    pub detail: Option<String>,
    /// The time a founder proposed when accepting a meeting.
    pub proposed_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotificationKind {
    MeetingRequested,
    /// A checklist item is due within seven days ([`super::reminder_store`]).
    ReadinessDueSoon,
    /// A checklist item is past its due date.
    ReadinessOverdue,
    /// The company's forum application was accepted ([`super::forum_store`]).
    ForumAccepted,
    /// The company's forum application was declined.
    ForumDeclined,
    /// The forum's scorecard feedback was released to its presenters.
    ForumFeedback,
}

impl NotificationKind {
    pub fn is_reminder(self) -> bool {
        matches!(
            self,
            NotificationKind::ReadinessDueSoon | NotificationKind::ReadinessOverdue
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotificationRecord {
    pub id: i64,
    pub kind: NotificationKind,
    pub company_slug: String,
    pub company_name: String,
    pub actor_name: String,
    /// A reminder's checklist item (Korean and English title) and the due
    /// date it was about.
    pub item: Option<RemindedItem>,
    /// The forum a decision or released feedback is about.
    pub forum_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemindedItem {
    pub title_ko: String,
    pub title_en: String,
    pub due_on: chrono::NaiveDate,
}

#[async_trait]
pub trait DealStore: Send + Sync {
    /// Starts following (nothing happens if already following).
    async fn follow(&self, user_id: i64, company_id: i64, at: DateTime<Utc>) -> DbResult<()>;

    async fn unfollow(&self, user_id: i64, company_id: i64) -> DbResult<()>;

    /// Which of `company_ids` (one page of cards, so a short list) the user
    /// follows: one query for the whole page.
    async fn followed_among(&self, user_id: i64, company_ids: &[i64]) -> DbResult<Vec<i64>>;

    /// Whether the user follows the company, and their interest if any.
    async fn deal_state(
        &self,
        user_id: i64,
        company_id: i64,
    ) -> DbResult<(bool, Option<InterestRecord>)>;

    /// Records a stage change in one transaction: the interest row, a
    /// history row, a follow, and for a meeting request the request and a
    /// notification to each of the company's members. `Conflict("stage")`
    /// when the interest is no longer at `expected_from`.
    async fn record_stage_change(
        &self,
        change: &NewStageChange<'_>,
        audit: &NewAuditEvent,
    ) -> DbResult<InterestRecord>;

    /// The history of one investor's interest in a company, newest first.
    async fn interest_history(
        &self,
        investor_id: i64,
        company_id: i64,
    ) -> DbResult<Vec<InterestEvent>>;

    /// What the user follows or has an interest in, most recently moved first.
    async fn deals_of(&self, user_id: i64) -> DbResult<Vec<DealRecord>>;

    /// A pipeline's cards (passed ones included), one query.
    async fn pipeline(
        &self,
        scope: PipelineScope,
        filter: &PipelineFilter,
    ) -> DbResult<Vec<PipelineCard>>;

    /// Up to `limit` cards after interest id `after_id`, in id order: the
    /// CSV export reads the pipeline in such pages so it never holds it all.
    async fn pipeline_batch(
        &self,
        scope: PipelineScope,
        filter: &PipelineFilter,
        after_id: i64,
        limit: i64,
    ) -> DbResult<Vec<PipelineCard>>;

    /// A club's verified members, by name.
    async fn club_members(&self, club_id: i64) -> DbResult<Vec<ClubMember>>;

    /// The club's name and pipeline settings.
    async fn club_deal_settings(&self, club_id: i64) -> DbResult<ClubDealSettings>;

    async fn set_club_stale_after_days(
        &self,
        club_id: i64,
        days: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// A club's notes on a company, oldest first.
    async fn club_notes(&self, club_id: i64, company_id: i64) -> DbResult<Vec<ClubNoteRecord>>;

    async fn add_club_note(
        &self,
        club_id: i64,
        company_id: i64,
        author_id: i64,
        markdown: &str,
        html: &str,
        at: DateTime<Utc>,
    ) -> DbResult<i64>;

    /// Changes a note; `NotFound` unless `author_id` wrote it in `club_id`.
    async fn update_club_note(
        &self,
        note_id: i64,
        club_id: i64,
        author_id: i64,
        markdown: &str,
        html: &str,
        at: DateTime<Utc>,
    ) -> DbResult<()>;

    /// Deletes a note; `NotFound` unless `author_id` wrote it in `club_id`.
    async fn delete_club_note(&self, note_id: i64, club_id: i64, author_id: i64) -> DbResult<()>;

    /// Followers, stage counts and meeting requests for the founders' page.
    async fn company_interest(&self, company_id: i64) -> DbResult<CompanyInterest>;

    /// The meeting requests an investor made, newest first.
    async fn meetings_of_investor(&self, investor_id: i64) -> DbResult<Vec<MeetingRecord>>;

    /// Answers a pending meeting request of `company_id`. `NotFound` for
    /// another company's request, `Conflict("answered")` when already
    /// answered.
    async fn answer_meeting(
        &self,
        company_id: i64,
        meeting_id: i64,
        answer: &MeetingAnswer,
        by_user_id: i64,
        at: DateTime<Utc>,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// The newest feed items for a user (and their club), newest first.
    async fn feed(&self, user_id: i64, club_id: Option<i64>, limit: i64)
        -> DbResult<Vec<FeedItem>>;

    /// Feed items newer than the user last marked the feed read, plus
    /// unread notifications: the number in the header.
    async fn unread_count(&self, user_id: i64, club_id: Option<i64>) -> DbResult<i64>;

    /// Marks the feed read up to `at`, and every notification with it.
    async fn mark_feed_read(&self, user_id: i64, at: DateTime<Utc>) -> DbResult<()>;

    /// When the user last marked the feed read.
    async fn feed_seen_at(&self, user_id: i64) -> DbResult<Option<DateTime<Utc>>>;

    async fn notifications(&self, user_id: i64, limit: i64) -> DbResult<Vec<NotificationRecord>>;
}
