//! Error and not-found views, and the HTTP status that goes with them.

use crate::api::ApiError;
use crate::components::head::PageTitle;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Sets the response status while rendering on the server; a no-op in the
/// browser. Works because every route renders in `SsrMode::Async`.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Full-page "not found", with status 404.
#[component]
pub fn NotFoundView() -> impl IntoView {
    set_http_status(404);
    let i18n = use_i18n();
    view! {
        <PageTitle text=i18n.t().not_found_title />
        <section class="error-page container" aria-labelledby="error-title">
            <p class="error-page__code" aria-hidden="true">"404"</p>
            <h1 id="error-title" class="error-page__title">{move || i18n.t().not_found_title}</h1>
            <p class="error-page__text">{move || i18n.t().not_found_text}</p>
            <a class="btn btn--primary" href="/">{move || i18n.t().back_home}</a>
        </section>
    }
}

/// Full-page view for a failed load; a not-found answer gets the 404 page.
#[component]
pub fn ErrorView(error: ApiError) -> impl IntoView {
    if error == ApiError::NotFound {
        return view! { <NotFoundView /> }.into_any();
    }
    set_http_status(error.status());
    let i18n = use_i18n();
    let code = error.status();
    view! {
        <PageTitle text=i18n.t().error_title />
        <section class="error-page container" aria-labelledby="error-title">
            <p class="error-page__code" aria-hidden="true">{code}</p>
            <h1 id="error-title" class="error-page__title">{move || i18n.t().error_title}</h1>
            <p class="error-page__text" role="alert">{move || error.message(i18n.t())}</p>
            <a class="btn btn--primary" href="/">{move || i18n.t().back_home}</a>
        </section>
    }
    .into_any()
}

/// An inline notice for a part of a page that failed to load.
#[component]
pub fn ErrorNotice(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice notice--danger" role="alert">{move || error.message(i18n.t())}</p>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="muted" role="status">{move || i18n.t().loading}</p>
    }
}
