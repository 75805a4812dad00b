//! Server-only parts of the app: the store interface the server functions
//! call, and the glue that turns store failures into [`ApiError`]s.

pub mod context;
pub mod guard;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod store;

pub use context::{reject, store};
pub use store::{
    Backend, DbError, DbResult, NewAuditEvent, NewSession, NewUser, PasswordHash, SessionRecord,
    Store, UserRecord,
};
