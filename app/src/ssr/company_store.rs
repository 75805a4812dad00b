//! The store's company half: profiles, pitch drafts and revisions, updates,
//! members and invitations, and the directory search. A supertrait of
//! [`Store`](super::Store), so server functions reach it through the same
//! handle; both backends implement it and run the same tests.
//!
//! Access is not decided here: server functions ask `domain::access` first
//! and pass only ids the session allows. The store still scopes every
//! write by company id (`WHERE company_id = $1`), so a wrong id changes
//! nothing instead of someone else's row.

use super::store::{DbResult, NewAuditEvent, Page};
use crate::domain::company::{
    CompanyProfile, Funding, Instrument, MemberRole, Membership, NewUpdate, RevenueBand,
    SectionKind, Stage, UpdateKind, Visibility,
};
use crate::domain::directory::DirectoryFilter;
use crate::domain::money::Won;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// A company's profile row with its cluster and publication state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyRecord {
    pub id: i64,
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster_id: Option<i64>,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub location: Option<String>,
    pub founded_year: Option<i64>,
    pub employees: Option<i64>,
    pub revenue_band: Option<RevenueBand>,
    pub stage: Option<Stage>,
    pub one_liner: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub tags: Vec<String>,
    /// File name under the data directory's `logos/`, when one was uploaded.
    pub logo_file: Option<String>,
    /// When the latest revision was published; `None` while never published.
    pub published_at: Option<DateTime<Utc>>,
    /// The latest revision's number (0 while never published).
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// One section as stored: the source the editor shows, the sanitised HTML
/// pages show (rendered once, on save), and plain text for search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSection {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub markdown: String,
    pub html: String,
    pub plain_text: String,
}

/// An uploaded file as the database keeps it, under the SHA-256 of its
/// bytes (lower-case hex).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFile {
    pub sha256: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The editable draft: always six sections (empty ones included) in
/// `SectionKind::ALL` order, plus funding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDraft {
    pub sections: Vec<StoredSection>,
    pub funding: Funding,
    /// `None` when the draft was never saved.
    pub saved_at: Option<DateTime<Utc>>,
    pub saved_by: Option<String>,
    /// The draft differs from the latest revision (or nothing is published
    /// and the draft has content).
    pub has_unpublished_changes: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionMeta {
    pub number: i64,
    pub published_at: DateTime<Utc>,
    /// The publisher's display name at the time (kept if the account goes).
    pub published_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRevision {
    pub meta: RevisionMeta,
    /// Six sections in `SectionKind::ALL` order.
    pub sections: Vec<StoredSection>,
    pub funding: Funding,
}

/// Everything a company's page shows to every reader, read together (see
/// [`CompanyStore::company_page_records`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyPageRecords {
    pub company: CompanyRecord,
    /// The live revision; `None` before the first publication.
    pub published: Option<PublishedPitch>,
    /// The readiness badges the company shares, as
    /// [`ReadinessStore::badges`](super::readiness_store::ReadinessStore::badges).
    pub badges: Vec<super::readiness_store::ReadinessBadge>,
    /// Public milestones only, by due date.
    pub milestones: Vec<crate::domain::readiness::Milestone>,
    /// The newest updates, newest first.
    pub updates: Vec<StoredUpdate>,
}

/// A live revision as its page shows it: the funding terms and the
/// sections that have text, HTML only (the page needs neither the
/// Markdown nor the plain text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedPitch {
    /// In `SectionKind::ALL` order; empty sections left out.
    pub sections: Vec<PublishedSection>,
    pub funding: Funding,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedSection {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub html: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredUpdate {
    pub id: i64,
    pub kind: UpdateKind,
    pub title: String,
    pub body: String,
    pub posted_by: String,
    pub posted_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMember {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: MemberRole,
    pub joined_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredInvite {
    pub id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub email: String,
    pub invited_by: String,
    pub created_at: DateTime<Utc>,
}

/// A directory row: what a card shows, in one query for a whole page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompanyCardRecord {
    pub id: i64,
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub location: Option<String>,
    pub founded_year: Option<i64>,
    pub stage: Option<Stage>,
    pub one_liner: Option<String>,
    pub tags: Vec<String>,
    pub logo_file: Option<String>,
    pub published_at: DateTime<Utc>,
    /// The published ask. The server function drops it for readers who may
    /// not see funding terms.
    pub ask: Option<Won>,
    pub instrument: Option<Instrument>,
    /// Lower-cased searchable text (names, one-liner, tags, public sections
    /// of the latest revision), for the snippet around a match; empty when
    /// the filter has no search terms.
    pub search_text: String,
}

#[async_trait]
pub trait CompanyStore: Send + Sync {
    /// Renders the HTML of every stored section (drafts and revisions)
    /// again from its Markdown with `render`, if the stored HTML is older
    /// than `version`, and records `version`; in one transaction, so
    /// several processes starting at once do it once. Returns the number
    /// of sections whose HTML changed.
    async fn rerender_stored_html(
        &self,
        version: i64,
        render: for<'m> fn(&'m str) -> String,
    ) -> DbResult<u64>;

    /// Fills the search index again from every company's current text
    /// and profile, if it was filled by a tokenizer older than `version`,
    /// and records `version`; in one transaction, so several processes
    /// starting at once do it once. Returns the number of companies
    /// indexed (0 when the index was current).
    async fn rebuild_search_index(&self, version: i64) -> DbResult<u64>;

    async fn company_by_slug(&self, slug: &str) -> DbResult<CompanyRecord>;

    async fn company_by_id(&self, id: i64) -> DbResult<CompanyRecord>;

    /// The company named by `slug` with its live pitch, shared badges (with
    /// the consultants assigned on `today`), public milestones and newest
    /// `updates_shown` updates, in one statement: every query is a hand-off
    /// to the database and back, and the page is the one investors open
    /// most. `NotFound` for an unknown slug.
    async fn company_page_records(
        &self,
        slug: &str,
        today: chrono::NaiveDate,
        updates_shown: i64,
    ) -> DbResult<CompanyPageRecords>;

    /// The companies `user_id` belongs to (a startup account has one).
    async fn membership_of(&self, user_id: i64) -> DbResult<Option<Membership>>;

    /// Saves the profile and refreshes the search text, in one
    /// transaction. `Conflict("cluster_id")` when the cluster does not exist.
    async fn update_company_profile(
        &self,
        company_id: i64,
        profile: &CompanyProfile,
        at: DateTime<Utc>,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Stores `file` (once, however many companies use the same bytes) and
    /// makes `file_name` the company's logo, in one transaction; returns
    /// the previous file name. Earlier files stay stored: their URLs are
    /// immutable and may still sit in caches.
    async fn set_company_logo(
        &self,
        company_id: i64,
        file_name: &str,
        file: &StoredFile,
        audit: &NewAuditEvent,
    ) -> DbResult<Option<String>>;

    /// A stored file by the SHA-256 of its bytes; `NotFound` if none.
    async fn stored_file(&self, sha256: &str) -> DbResult<StoredFile>;

    async fn pitch_draft(&self, company_id: i64) -> DbResult<StoredDraft>;

    /// Replaces the draft's six sections and funding terms.
    async fn save_pitch_draft(
        &self,
        company_id: i64,
        sections: &[StoredSection],
        funding: &Funding,
        by_user_id: i64,
        at: DateTime<Utc>,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Copies the draft into revision n+1, makes it the published one and
    /// refreshes the search text, in one transaction. Returns the new
    /// number; `Conflict("nothing_to_publish")` when the draft equals the
    /// latest revision or is empty.
    async fn publish_pitch(
        &self,
        company_id: i64,
        by_user_id: i64,
        at: DateTime<Utc>,
        audit: &NewAuditEvent,
    ) -> DbResult<i64>;

    /// Newest first.
    async fn revisions(&self, company_id: i64) -> DbResult<Vec<RevisionMeta>>;

    /// `NotFound` for an unknown number.
    async fn revision(&self, company_id: i64, number: i64) -> DbResult<StoredRevision>;

    async fn post_update(
        &self,
        company_id: i64,
        update: &NewUpdate,
        by_user_id: i64,
        at: DateTime<Utc>,
        audit: &NewAuditEvent,
    ) -> DbResult<i64>;

    /// Newest first.
    async fn company_updates(&self, company_id: i64, limit: i64) -> DbResult<Vec<StoredUpdate>>;

    /// `NotFound` unless the update belongs to the company.
    async fn delete_update(
        &self,
        company_id: i64,
        update_id: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Owners first, then by joining date.
    async fn members(&self, company_id: i64) -> DbResult<Vec<StoredMember>>;

    async fn invites(&self, company_id: i64) -> DbResult<Vec<StoredInvite>>;

    /// Invites an e-mail address. `Conflict("email")` when it already has
    /// an open invitation to this company or belongs to a member;
    /// `Conflict("member")` when it belongs to a member of another company.
    async fn invite_member(
        &self,
        company_id: i64,
        email: &str,
        by_user_id: i64,
        at: DateTime<Utc>,
        audit: &NewAuditEvent,
    ) -> DbResult<i64>;

    async fn revoke_invite(
        &self,
        company_id: i64,
        invite_id: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Open invitations addressed to `email`.
    async fn invites_for_email(&self, email: &str) -> DbResult<Vec<StoredInvite>>;

    /// Joins the invited company as a member and closes the invitation.
    /// `NotFound` unless the invitation is open and addressed to the
    /// user's e-mail; `Conflict("member")` when the user already belongs
    /// to a company.
    async fn accept_invite(
        &self,
        invite_id: i64,
        user_id: i64,
        at: DateTime<Utc>,
        audit: &NewAuditEvent,
    ) -> DbResult<i64>;

    /// Removes a member. `Conflict("last_owner")` when it would leave the
    /// company without an owner.
    async fn remove_member(
        &self,
        company_id: i64,
        user_id: i64,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Published companies matching the filter, in its order (with search
    /// terms: headline matches first); a bounded number of queries whatever
    /// the page size. `total` is counted up to `COUNT_CEILING + 1`.
    async fn directory(
        &self,
        filter: &DirectoryFilter,
        limit: i64,
        offset: i64,
    ) -> DbResult<Page<CompanyCardRecord>>;
}
