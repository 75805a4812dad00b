use crate::components::status::NotFoundView;
use leptos::prelude::*;

/// The router's fallback for any path without a route: 404 with a page.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <NotFoundView /> }
}
