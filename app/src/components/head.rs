//! The document's `<title>`, computed once as a plain string while the page
//! renders.
//!
//! Why not `<Title text=move || …>`: on the server, leptos_meta turns the
//! title into text only after the render, when leptos_integration_utils
//! injects it into the first chunk (`ServerMetaContextOutput::
//! inject_meta_context`). That step runs outside the request's sandboxed
//! reactive arena, so a closure that reads any signal, memo or context
//! there reads whatever arena the worker thread last held: usually another
//! request's (the read misses), and now and then one already dropped, which
//! panics ("the `sandboxed-arenas` feature is active, but no Arena is
//! active") and dropped the connection about once in 30,000 requests.
//! A title that is already a string needs no arena. The same family of
//! panic upstream: leptos-rs/leptos#3729. Every page sets its title through
//! [`PageTitle`]; nothing else in the app registers head content lazily.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// `"{page} · {site}"`, or the site's name alone for an empty `text`.
pub fn full_title(page: &str, site: &str) -> String {
    if page.is_empty() {
        site.to_string()
    } else {
        format!("{page} · {site}")
    }
}

/// Sets the document title to `"{text} · {site name}"`.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let site = use_i18n().t().site_name;
    view! { <Title text=full_title(&text, site) /> }
}

#[cfg(test)]
mod tests {
    use super::full_title;

    #[test]
    fn joins_page_and_site() {
        assert_eq!(
            full_title("기업 찾기", "Pitchbridge"),
            "기업 찾기 · Pitchbridge"
        );
        assert_eq!(full_title("", "Pitchbridge"), "Pitchbridge");
    }
}
