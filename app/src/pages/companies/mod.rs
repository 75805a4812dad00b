//! Company pages: what readers see (the directory and the company page)
//! and where a company's members edit it (profile, pitch, history, team), sees investor interest and works
//! on readiness with its consultant.

pub mod directory;
pub mod draft;
pub mod edit;
pub mod history;
pub mod interest;
pub mod outcomes;
pub mod pitch;
pub mod profile;
pub mod readiness;
pub mod team;
