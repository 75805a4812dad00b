//! Server-only parts of the app: the store interface the server functions
//! call, and the glue that turns store failures into [`ApiError`]s.

pub mod company_store;
pub mod context;
pub mod deal_store;
pub mod evidence;
pub mod forum_store;
pub mod guard;
pub mod investor_store;
pub mod mail;
pub mod mail_store;
pub mod markdown;
pub mod outcome_store;
pub mod password;
pub mod rate_limit;
pub mod readiness_store;
pub mod reminder_store;
pub mod session;
pub mod store;
pub mod unsubscribe;

pub use company_store::{
    CompanyCardRecord, CompanyRecord, CompanyStore, RevisionMeta, StoredDraft, StoredInvite,
    StoredMember, StoredRevision, StoredSection, StoredUpdate,
};
pub use context::{reject, store};
pub use store::{
    Backend, DbError, DbResult, NewAuditEvent, NewSession, NewUser, Page, PasswordHash,
    SessionRecord, Store, UserRecord,
};
