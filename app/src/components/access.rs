//! What a page shows when the server says "sign in first" (401) or "not
//! for you" (403), and navigation links that know whether they are current.
//! Pages only mirror the server's decision: the data never reaches them.

use crate::api::ApiError;
use crate::components::head::PageTitle;
use crate::components::status::{set_http_status, ErrorView};
use crate::domain::url::encode_query_value;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// A failed page load: a sign-in prompt that comes back here afterwards, a
/// translated "no access" notice, or the generic error page.
#[component]
pub fn AccessNotice(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        ApiError::Unauthorized => {
            set_http_status(401);
            let (path, search) = requested_location();
            let here = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            let href = format!("/signin?next={}", encode_query_value(&here));
            view! {
                <PageTitle text=i18n.t().sign_in_required_title />
                <section class="access-notice container" aria-labelledby="access-title">
                    <div class="card access-notice__card">
                        <h1 id="access-title" class="access-notice__title">
                            {move || i18n.t().sign_in_required_title}
                        </h1>
                        <p class="muted">{move || i18n.t().sign_in_required_text}</p>
                        <div class="row">
                            <a class="btn btn--primary" href=href>
                                {move || i18n.t().nav_sign_in}
                            </a>
                            <a class="btn btn--ghost" href="/signup">
                                {move || i18n.t().nav_sign_up}
                            </a>
                        </div>
                    </div>
                </section>
            }
            .into_any()
        }
        ApiError::Forbidden => {
            set_http_status(403);
            view! {
                <PageTitle text=i18n.t().no_access_title />
                <section class="access-notice container" aria-labelledby="access-title">
                    <div class="card access-notice__card">
                        <h1 id="access-title" class="access-notice__title">
                            {move || i18n.t().no_access_title}
                        </h1>
                        <p class="muted" role="alert">{move || i18n.t().no_access_text}</p>
                        <a class="btn btn--ghost" href="/">{move || i18n.t().back_home}</a>
                    </div>
                </section>
            }
            .into_any()
        }
        error => view! { <ErrorView error /> }.into_any(),
    }
}

/// A link marked `aria-current="page"` when it points at the current page,
/// or, with `section`, at any page under that path.
#[component]
pub fn NavLink(
    #[prop(into)] href: String,
    /// Marks the link current for every path under this prefix.
    #[prop(optional, into)]
    section: Option<String>,
    /// A sub-section that another, more specific link marks instead (the
    /// founder's own company under the directory).
    #[prop(default = None)]
    except: Option<String>,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let (path, _) = requested_location();
    let path = path.trim_end_matches('/');
    let path = if path.is_empty() { "/" } else { path };
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    let current = match &section {
        Some(prefix) => under(prefix) && !except.as_deref().is_some_and(under),
        None => path == href,
    };
    view! {
        <a href=href class=class aria-current=current.then_some("page")>
            {children()}
        </a>
    }
}

/// The path and the raw query this page was requested with, read once.
/// Pages are full loads (islands mode, no client-side router), so neither
/// changes while a page lives, and nothing needs to subscribe to them.
fn requested_location() -> (String, String) {
    let location = use_location();
    (
        location.pathname.get_untracked(),
        location.search.get_untracked(),
    )
}

/// What stands in place of content this reader may not see (a section for
/// verified investors only, the funding terms). The padlock is drawn inline
/// rather than as the 🔒 emoji, which shows as an empty box on systems
/// without an emoji font.
#[component]
pub fn LockedContent(children: Children) -> impl IntoView {
    view! {
        <p class="locked-section">
            <svg
                class="locked-section__icon"
                aria-hidden="true"
                viewBox="0 0 24 24"
                width="16"
                height="16"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
            >
                <rect x="5" y="11" width="14" height="10" rx="2"></rect>
                <path d="M8 11V7a4 4 0 0 1 8 0v4"></path>
            </svg>
            {children()}
        </p>
    }
}
