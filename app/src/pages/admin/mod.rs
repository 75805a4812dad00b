//! The programme operator's pages. Each sits behind `AdminGate`, which
//! mirrors the server's answer; the server functions decide.

pub mod audit;
pub mod clubs;
pub mod forum_scores;
pub mod forums;
pub mod outcomes;
pub mod templates;
pub mod users;
