//! One module per route. A page loads what it needs through `api` and
//! composes `components`.

pub mod account;
pub mod admin;
pub mod club;
pub mod clusters;
pub mod companies;
pub mod consulting;
pub mod deals;
pub mod forum_scorecard;
pub mod forums;
pub mod impact;
pub mod landing;
pub mod not_found;
pub mod readiness;
pub mod sign_in;
pub mod sign_up;
