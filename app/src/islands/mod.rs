//! The only parts of the app that run in the browser.
//!
//! Pages render on the server and ship no code (Leptos islands mode); a
//! component here is marked `#[island]`, compiled into the wasm bundle and
//! woken up by the loader in `components::document` on the pages that
//! contain it. Islands cannot read the app's context (no `use_i18n`), so
//! they take their translated strings as props: that keeps the string
//! tables, the password list and every server-side rule out of the bundle.
//! The bundle budget test in `end2end/tests/budget.spec.ts` holds the line.

pub mod markdown_field;
