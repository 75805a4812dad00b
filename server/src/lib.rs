//! The Pitchbridge server: configuration, database stores, HTTP middleware
//! and the router that mounts the Leptos app. `main.rs` is a thin shell
//! around [`run`] so integration tests can build the same router.

pub mod admin_cli;
pub mod api_guard;
pub mod assets;
pub mod bench_seed;
pub mod calendar;
pub mod catch_panic;
pub mod config;
pub mod evidence;
pub mod export;
pub mod http;
pub mod impact_export;
pub mod logo;
pub mod mail;
pub mod portfolio_export;
pub mod reminders;
pub mod routes;
pub mod secret;
pub mod seed;
pub mod session;
pub mod startup;
pub mod store;
pub mod telemetry;

pub use routes::{build_router, AppState};
