//! The one interface between server functions and the database. SQLite and
//! PostgreSQL implementations live in the `server` crate, which owns the
//! drivers and pools; both run the same test suite.

use crate::domain::account::{
    AuditEvent, Club, ClubChoice, ClubStatus, UserFilter, UserSummary, Verification,
};
use crate::domain::company::Membership;
use crate::domain::{cluster::Cluster, role::Role};
use crate::ssr::company_store::CompanyStore;
use crate::ssr::deal_store::DealStore;
use crate::ssr::forum_store::{ForumStore, RsvpStore, ScorecardStore};
use crate::ssr::investor_store::InvestorStore;
use crate::ssr::mail_store::MailStore;
use crate::ssr::outcome_store::OutcomeStore;
use crate::ssr::readiness_store::ReadinessStore;
use crate::ssr::reminder_store::ReminderStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Store failures. `NotFound` and `Conflict` are answers about the data and
/// become user-facing messages; `Unavailable` and `Other` are failures that
/// are logged and shown generically.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was hit; carries the constraint or column name.
    #[error("conflict on {0}")]
    Conflict(String),
    /// The database could not be reached or the pool timed out.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Other(String),
}

pub type DbResult<T> = Result<T, DbError>;

/// A user to insert. The password arrives already hashed: the store never
/// sees a plain password.
#[derive(Clone)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub locale: String,
    pub is_demo: bool,
    pub verification: Verification,
    pub club_id: Option<i64>,
}

impl std::fmt::Debug for NewUser {
    // Hand-written so a hash never lands in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .field("role", &self.role)
            .field("password_hash", &"<redacted>")
            .field("is_demo", &self.is_demo)
            .field("verification", &self.verification)
            .field("club_id", &self.club_id)
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub is_active: bool,
    pub locale: String,
    pub is_demo: bool,
    pub verification: Verification,
    pub club_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// A session row to insert when someone signs in.
#[derive(Clone, Debug)]
pub struct NewSession {
    pub id: String,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: String,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A stored password hash, kept out of `UserRecord` so it never travels
/// further than the sign-in check; it never prints either.
pub struct PasswordHash(pub String);

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(<redacted>)")
    }
}

/// A sign-up to store in one transaction: the account, and the company a
/// startup names or the club an investor picks or proposes.
#[derive(Clone, Debug)]
pub struct Registration {
    pub user: NewUser,
    pub company: Option<NewCompany>,
    pub club: Option<ClubChoice>,
}

#[derive(Clone, Debug)]
pub struct NewCompany {
    pub slug: String,
    pub name_ko: String,
}

/// An audit entry written in the same transaction as the change it
/// records, so the log never misses a change nor records one that failed.
#[derive(Clone, Debug)]
pub struct NewAuditEvent {
    pub actor_id: Option<i64>,
    pub actor_label: String,
    pub action: &'static str,
    pub object_type: &'static str,
    /// `None` when the object is created by the same call; the store fills
    /// in the new row's id.
    pub object_id: Option<String>,
    pub detail: String,
    pub ip: Option<String>,
    pub at: DateTime<Utc>,
}

/// A page of results with the total count for the pager.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// The whole store: accounts here, companies in [`CompanyStore`], deal
/// flow in [`DealStore`], investor limits in [`InvestorStore`], e-mail in
/// [`MailStore`], readiness in [`ReadinessStore`] and its reminders in [`ReminderStore`]. All parts are reached through the one `Arc<dyn Store>` handle.
#[async_trait]
pub trait Store:
    CompanyStore
    + DealStore
    + ForumStore
    + RsvpStore
    + ScorecardStore
    + OutcomeStore
    + InvestorStore
    + MailStore
    + ReadinessStore
    + ReminderStore
    + Send
    + Sync
    + 'static
{
    fn backend(&self) -> Backend;

    /// A round trip to the database, for the health endpoint.
    async fn ping(&self) -> DbResult<()>;

    /// Waits for in-flight queries and closes the pool (graceful shutdown).
    async fn close(&self);

    /// All clusters with their published-company counts, in display order.
    async fn list_clusters(&self) -> DbResult<Vec<Cluster>>;

    async fn cluster_by_slug(&self, slug: &str) -> DbResult<Cluster>;

    /// Inserts a user; `Conflict("email")` when the address (compared
    /// case-insensitively) is taken.
    async fn create_user(&self, user: &NewUser) -> DbResult<i64>;

    /// Inserts the users whose e-mail is not taken yet, in one write
    /// transaction; returns how many were new. Used by the demo seed.
    async fn create_users_if_absent(&self, users: &[NewUser]) -> DbResult<u64>;

    async fn user_by_email(&self, email: &str) -> DbResult<UserRecord>;

    /// The account and its password hash, for checking a sign-in.
    async fn login_credentials(&self, email: &str) -> DbResult<(UserRecord, PasswordHash)>;

    async fn create_session(&self, session: &NewSession) -> DbResult<()>;

    /// A session with its account and the account's company membership, in
    /// one query (checked on every request).
    async fn session_with_user(
        &self,
        id: &str,
    ) -> DbResult<(SessionRecord, UserRecord, Option<Membership>)>;

    /// Records activity, for the idle timeout.
    async fn touch_session(&self, id: &str, at: DateTime<Utc>) -> DbResult<()>;

    /// Ends a session; a revoked session never comes back.
    async fn revoke_session(&self, id: &str, at: DateTime<Utc>) -> DbResult<()>;

    /// Counts users; `demo` filters on the demo flag when given.
    async fn count_users(&self, demo: Option<bool>) -> DbResult<i64>;

    // --- Accounts -------------------------------------------------------

    /// Creates an account with its company or club. `Conflict("email")`
    /// when the address is taken, `Conflict("club_name")` when a proposed
    /// club already exists, `NotFound` when the chosen club is not an
    /// approved one. Nothing is written unless everything is.
    async fn register(&self, registration: &Registration, audit: &NewAuditEvent) -> DbResult<i64>;

    /// Creates a company without members (the demo seed; an admin adding a
    /// company on someone's behalf). `Conflict("company_slug")` when the
    /// slug is taken.
    async fn create_company(
        &self,
        slug: &str,
        name_ko: &str,
        at: DateTime<Utc>,
        audit: &NewAuditEvent,
    ) -> DbResult<i64>;

    /// Creates a consultant or admin account (by an admin or the CLI).
    async fn create_staff(&self, user: &NewUser, audit: &NewAuditEvent) -> DbResult<i64>;

    async fn user_summary(&self, user_id: i64) -> DbResult<UserSummary>;

    /// The admin list: newest first, `limit` rows from `offset`.
    async fn list_users(
        &self,
        filter: &UserFilter,
        limit: i64,
        offset: i64,
    ) -> DbResult<Page<UserSummary>>;

    async fn update_profile(
        &self,
        user_id: i64,
        display_name: &str,
        locale: &str,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    async fn password_hash(&self, user_id: i64) -> DbResult<PasswordHash>;

    /// Stores a new hash, revokes every session of the account and opens
    /// `replacement` for the browser that made the change.
    async fn change_password(
        &self,
        user_id: i64,
        new_hash: &str,
        replacement: &NewSession,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Verifies or rejects an investor; `NotFound` for other accounts.
    async fn set_verification(
        &self,
        user_id: i64,
        verification: Verification,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Disabling also revokes every session of the account.
    async fn set_user_active(
        &self,
        user_id: i64,
        active: bool,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// Changes the role, resets verification for the new role and revokes
    /// every session of the account.
    async fn set_user_role(&self, user_id: i64, role: Role, audit: &NewAuditEvent) -> DbResult<()>;

    // --- Clubs ----------------------------------------------------------

    /// Clubs with their member counts, by name; all when `status` is None.
    async fn list_clubs(&self, status: Option<ClubStatus>) -> DbResult<Vec<Club>>;

    async fn review_club(
        &self,
        club_id: i64,
        status: ClubStatus,
        audit: &NewAuditEvent,
    ) -> DbResult<()>;

    /// A club and its accounts.
    async fn club_with_members(&self, club_id: i64) -> DbResult<(Club, Vec<UserSummary>)>;

    // --- Audit and limits -----------------------------------------------

    /// Newest first; `before` pages back from an id.
    async fn audit_log(&self, limit: i64, before: Option<i64>) -> DbResult<Vec<AuditEvent>>;

    /// Counts one hit in `bucket`'s fixed window starting at
    /// `window_start` (unix seconds) and returns the window's total. Older
    /// windows of the bucket are dropped in the same call.
    async fn hit_rate_limit(&self, bucket: &str, window_start: i64) -> DbResult<i64>;
}
