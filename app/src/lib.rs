//! Pitchbridge's pages, server functions, domain rules and translations.
//!
//! Compiled twice: with `ssr` into the server (rendering pages and running
//! server functions) and with `hydrate` into the browser bundle, which in
//! islands mode holds only the components in `islands`. Module map:
//! `domain` (pure rules), `i18n` (ko/en strings), `api` (server functions),
//! `pages` (one module per route), `components` (shared pieces), `ssr`
//! (server-only: the store interface and request context).
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod islands;
pub mod pages;
mod root;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use root::{shell, App};

/// Browser entry point, called by the islands loader
/// (`components::document`) before it wakes each island up. Pages are not
/// hydrated as a whole: only the `#[island]` components are.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
