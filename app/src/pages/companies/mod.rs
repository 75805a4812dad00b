//! Company pages: what readers see (the directory and the company page)
//! and where a company's members edit it (profile, pitch, history, team).

pub mod directory;
pub mod edit;
pub mod history;
pub mod pitch;
pub mod profile;
pub mod team;
