//! The one interface between server functions and the database. SQLite and
//! PostgreSQL implementations live in the `server` crate, which owns the
//! drivers and pools; both run the same test suite.

use crate::domain::{cluster::Cluster, role::Role};
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
#[derive(Debug, thiserror::Error)]
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
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
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

    /// Counts users; `demo` filters on the demo flag when given.
    async fn count_users(&self, demo: Option<bool>) -> DbResult<i64>;
}
