//! Server functions, grouped by feature. Each one answers three questions in
//! order: who is asking, may they do this to that object, and what does the
//! store say. Errors leave here as [`ApiError`], which the UI translates.

pub mod account;
pub mod admin;
pub mod auth;
pub mod clubs;
pub mod clusters;
pub mod companies;
pub mod deals;
pub mod directory;
pub mod error;
pub mod feed;
pub mod forums;
pub mod interest;
pub mod investor;
pub mod locale;
pub mod outcomes;
pub mod pipeline;
pub mod readiness;
pub mod scorecards;
pub mod team;
pub mod templates;

pub use error::ApiError;
