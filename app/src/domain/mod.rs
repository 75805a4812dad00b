//! Pure types and rules shared by the server and the browser. Nothing here
//! touches the network, the database or the DOM, so every rule is unit-tested
//! with plain `cargo test`.

pub mod access;
pub mod account;
pub mod cluster;
pub mod company;
pub mod crowdfunding;
pub mod deal;
pub mod diff;
pub mod directory;
pub mod field;
pub mod forum;
pub mod impact;
pub mod investor_limits;
pub mod money;
pub mod outcome;
pub mod password_policy;
pub mod portfolio;
pub mod readiness;
pub mod role;
pub mod scorecard;
/// Server only: the search index is filled and queried by the store.
#[cfg(feature = "ssr")]
pub mod search_tokens;
pub mod seoul_time;
pub mod url;
