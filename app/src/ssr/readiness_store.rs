//! The store's readiness part: consultant assignments, checklist templates
//! and their versions, each company's checklists with items, history,
//! comments, evidence files and the score history. A supertrait of
//! [`Store`](super::Store); both backends implement it and run the same
//! tests.
//!
//! Access is decided by the caller (`domain::access`); every write is
//! scoped by the company the caller was allowed, so an item id of another
//! company changes nothing and answers "not found".

use super::store::{DbResult, NewAuditEvent};
use crate::domain::portfolio::PortfolioRow;
use crate::domain::readiness::{
    ItemGroup, ItemStatus, Milestone, TemplateKind, ValidMilestone, ValidTemplateItem,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// A consultant's assignment to a company, as lists show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub id: i64,
    pub consultant_id: i64,
    pub consultant_name: String,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name_ko: String,
    pub starts_on: NaiveDate,
    /// Still assigned while `None` or not yet passed.
    pub ends_on: Option<NaiveDate>,
}

impl Assignment {
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && self.ends_on.is_none_or(|end| day <= end)
    }
}

#[derive(Clone, Debug)]
pub struct NewAssignment {
    pub consultant_id: i64,
    pub company_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub assigned_by: i64,
    pub at: DateTime<Utc>,
}

/// One item of a template version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateItem {
    pub id: i64,
    pub position: i64,
    pub group: ItemGroup,
    pub weight: u32,
    pub title_ko: String,
    pub title_en: String,
    pub evidence_ko: String,
    pub evidence_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub id: i64,
    pub kind: TemplateKind,
    pub version: i64,
    /// Who saved it: `None` for the built-in version 1 (and for an
    /// account deleted since).
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub items: Vec<TemplateItem>,
}

/// One version of a template as the admin's list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateVersionInfo {
    pub id: i64,
    pub kind: TemplateKind,
    pub version: i64,
    pub item_count: i64,
    pub total_weight: i64,
    pub created_by: Option<i64>,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Checklists started from this version.
    pub checklist_count: i64,
}

/// An admin's edit of a template: the items of the new version, in order,
/// and the version the form showed (`based_on`), so an edit made on a
/// stale page is refused instead of undoing someone else's.
#[derive(Clone, Debug)]
pub struct NewTemplateVersion {
    pub kind: TemplateKind,
    pub based_on: i64,
    pub items: Vec<ValidTemplateItem>,
    pub created_by: i64,
    pub at: DateTime<Utc>,
}

pub use crate::domain::readiness::ReadinessBadge;

/// A checklist without its items: what lists and the badge need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistSummary {
    pub id: i64,
    pub company_id: i64,
    pub kind: TemplateKind,
    pub template_version: i64,
    /// The newest version of the checklist's template (the checklist stays
    /// on the one it started from).
    pub latest_template_version: i64,
    /// `None` while every item is marked not applicable.
    pub score_permille: Option<u16>,
    pub last_progress_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// Shown on the public company page since then; `None`: private.
    pub badge_shared_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceMeta {
    pub id: i64,
    pub item_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub byte_size: i64,
    pub uploader_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub item_id: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// One item of a company's checklist with what was done on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistItem {
    pub id: i64,
    pub template_item: TemplateItem,
    pub status: ItemStatus,
    pub due_on: Option<NaiveDate>,
    pub note: String,
    pub signed_off_name: Option<String>,
    pub signed_off_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub evidence: Vec<EvidenceMeta>,
    pub comments: Vec<Comment>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScorePoint {
    pub score_permille: u16,
    pub at: DateTime<Utc>,
}

/// A checklist with everything its page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checklist {
    pub summary: ChecklistSummary,
    pub items: Vec<ChecklistItem>,
    pub history: Vec<ScorePoint>,
}

/// A status change the caller has allowed: the store checks the item
/// belongs to `company_id` and still stands at `expected` (a change made
/// meanwhile in another tab is refused, not overwritten).
#[derive(Clone, Debug)]
pub struct ItemMove {
    pub company_id: i64,
    pub item_id: i64,
    pub expected: ItemStatus,
    pub to: ItemStatus,
    pub actor_id: i64,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

/// An evidence file whose type was recognised from its bytes.
#[derive(Clone)]
pub struct NewEvidence {
    pub company_id: i64,
    pub item_id: i64,
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub uploaded_by: i64,
    pub uploader_name: String,
    pub at: DateTime<Utc>,
}

impl std::fmt::Debug for NewEvidence {
    // The bytes are the user's document: never in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewEvidence")
            .field("item_id", &self.item_id)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

#[async_trait]
pub trait ReadinessStore: Send + Sync {
    /// Assigns a consultant (the caller checked the account is one) and
    /// writes the audit entry in the same transaction.
    async fn assign_consultant(&self, new: &NewAssignment, audit: &NewAuditEvent) -> DbResult<i64>;
    /// Ends one of the company's assignments on `ends_on` (not before it
    /// started); `NotFound` for another company's assignment.
    async fn end_assignment(
        &self,
        company_id: i64,
        assignment_id: i64,
        ends_on: NaiveDate,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;
    /// Every assignment, newest first (the admin's list).
    async fn assignments(&self) -> DbResult<Vec<Assignment>>;
    async fn assignments_of_company(&self, company_id: i64) -> DbResult<Vec<Assignment>>;
    /// The companies a consultant is assigned to on `day`.
    async fn assigned_company_ids(&self, consultant_id: i64, day: NaiveDate) -> DbResult<Vec<i64>>;

    /// Writes version 1 of each built-in template that has no version yet.
    /// Safe to run from several processes at once.
    async fn ensure_builtin_templates(&self, at: DateTime<Utc>) -> DbResult<()>;
    /// The newest version of a template.
    async fn latest_template(&self, kind: TemplateKind) -> DbResult<Template>;
    /// One version of a template; `NotFound` when there is no such version.
    async fn template(&self, kind: TemplateKind, version: i64) -> DbResult<Template>;
    /// Every version of every template, by kind and newest first, with
    /// their item counts and how many checklists use each. A fixed number
    /// of queries whatever the number of checklists.
    async fn template_versions(&self) -> DbResult<Vec<TemplateVersionInfo>>;
    /// Writes the next version of `new.kind` (the latest + 1) with its
    /// items and the audit entry, all or nothing, and returns its number.
    /// `Conflict("template_version")` when the latest version is no longer
    /// `new.based_on` (saved meanwhile by someone else); nothing is written
    /// for an empty list or an item the database refuses. Existing
    /// checklists keep the version they started from.
    async fn save_template_version(
        &self,
        new: &NewTemplateVersion,
        audit: &NewAuditEvent,
    ) -> DbResult<i64>;

    /// Starts a company's checklist from the newest template version: an
    /// item per template item, all not started, score 0 recorded.
    /// `Conflict` when the company already has one of this kind.
    async fn start_checklist(
        &self,
        company_id: i64,
        kind: TemplateKind,
        at: DateTime<Utc>,
    ) -> DbResult<i64>;
    async fn checklists_of_company(&self, company_id: i64) -> DbResult<Vec<ChecklistSummary>>;
    /// A company's checklist of one kind with items, evidence, comments and
    /// score history: a fixed number of queries whatever its size.
    async fn checklist(&self, company_id: i64, kind: TemplateKind) -> DbResult<Checklist>;

    /// Moves an item, records the event, signs off (or clears the
    /// sign-off), recomputes and records the score — one transaction.
    /// Returns the new score. `Conflict("status")` when the item moved
    /// meanwhile, `NotFound` when it is not the company's.
    async fn move_item(&self, change: &ItemMove) -> DbResult<Option<u16>>;
    /// Sets an item's due date and working note.
    async fn plan_item(
        &self,
        company_id: i64,
        item_id: i64,
        due_on: Option<NaiveDate>,
        note: &str,
        at: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn add_comment(
        &self,
        company_id: i64,
        item_id: i64,
        author_id: i64,
        author_name: &str,
        body: &str,
        at: DateTime<Utc>,
    ) -> DbResult<i64>;
    async fn add_evidence(&self, new: &NewEvidence) -> DbResult<i64>;
    /// An evidence file with the id of the company it belongs to, so the
    /// caller can decide who may download it.
    async fn evidence_file(&self, evidence_id: i64) -> DbResult<(i64, EvidenceMeta, Vec<u8>)>;

    /// Shows or hides a checklist's badge on the public company page.
    async fn share_badge(
        &self,
        company_id: i64,
        kind: TemplateKind,
        shared_at: Option<DateTime<Utc>>,
    ) -> DbResult<()>;
    /// The company's shared badges with their consultants on `today`.
    async fn badges(&self, company_id: i64, today: NaiveDate) -> DbResult<Vec<ReadinessBadge>>;

    /// A company's milestones by due date; only the public ones when
    /// `public_only`.
    async fn milestones(&self, company_id: i64, public_only: bool) -> DbResult<Vec<Milestone>>;
    async fn add_milestone(
        &self,
        company_id: i64,
        milestone: &ValidMilestone,
        by: i64,
        at: DateTime<Utc>,
    ) -> DbResult<i64>;
    /// `NotFound` when the milestone is not the company's.
    async fn update_milestone(
        &self,
        company_id: i64,
        milestone_id: i64,
        milestone: &ValidMilestone,
        at: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn set_milestone_public(
        &self,
        company_id: i64,
        milestone_id: i64,
        public: bool,
        at: DateTime<Utc>,
    ) -> DbResult<()>;

    /// One row per checklist: of the companies `consultant_id` is assigned
    /// to on `today`, or of every company (`None`: the admin's view). The
    /// score 30 days ago is the last one recorded by `thirty_days_ago`.
    /// One query for the rows and one for the consultants' names.
    async fn portfolio(
        &self,
        consultant_id: Option<i64>,
        today: NaiveDate,
        thirty_days_ago: DateTime<Utc>,
    ) -> DbResult<Vec<PortfolioRow>>;
}
