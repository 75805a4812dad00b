//! The signed-in state shown in the header: who is signed in, the links
//! their role opens, and the sign-out action.

use crate::api::auth::{SignOut, Viewer};
use crate::components::access::NavLink;
use crate::components::forms::form_action;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[derive(Clone)]
pub struct Auth {
    pub sign_out: ServerAction<SignOut>,
    /// Who is asking, read once per render from the request's session
    /// (every page is a full load, so it cannot go stale within a page).
    pub viewer: Option<Viewer>,
}

/// Runs inside the router, once per page render.
pub fn provide_auth() -> Auth {
    let auth = Auth {
        sign_out: form_action::<SignOut>(),
        viewer: current_viewer(),
    };
    provide_context(auth.clone());
    auth
}

#[cfg(feature = "ssr")]
fn current_viewer() -> Option<Viewer> {
    crate::ssr::session::current_actor().map(Viewer::from)
}

/// Pages render on the server only; the browser build never asks.
#[cfg(not(feature = "ssr"))]
fn current_viewer() -> Option<Viewer> {
    None
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Header corner: the user's name (a link to the account page), role and
/// a sign-out button, or sign-in and sign-up links.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    match auth.viewer {
        Some(viewer) => {
            let role = viewer.role;
            view! {
                <div class="account-menu" aria-label=move || i18n.t().account_menu_label>
                    <FeedLink />
                    <NavLink href="/account" class="account-menu__name">
                        {viewer.display_name}
                    </NavLink>
                    <span class="badge badge--neutral">
                        {move || (i18n.t().role_name)(role)}
                    </span>
                    <ActionForm action=auth.sign_out attr:class="account-menu__form">
                        <button type="submit" class="btn btn--ghost btn--small">
                            {move || i18n.t().nav_sign_out}
                        </button>
                    </ActionForm>
                </div>
            }
            .into_any()
        }
        None => view! {
            <div class="account-menu">
                <a class="btn btn--ghost btn--small" href="/signin">
                    {move || i18n.t().nav_sign_in}
                </a>
                <a class="btn btn--primary btn--small" href="/signup">
                    {move || i18n.t().nav_sign_up}
                </a>
            </div>
        }
        .into_any(),
    }
}

/// The header's links that depend on who is signed in: "my club" for
/// verified investors, "admin" for operators. Rendered inside the main
/// navigation list, after the links everyone gets.
#[component]
pub fn RoleNavItems() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    // At most one role link (an admin is never an investor).
    match auth.viewer {
        Some(Viewer {
            company_slug: Some(slug),
            ..
        }) => view! {
            <li>
                <NavLink href=format!("/companies/{slug}") section=format!("/companies/{slug}")>
                    {move || i18n.t().co.nav_my_company}
                </NavLink>
            </li>
        }
        .into_any(),
        Some(v) if v.is_verified_investor() => view! {
            <li>
                <NavLink href="/deals" section="/deals">{i18n.t().deal.nav_deals}</NavLink>
            </li>
            <li>
                <NavLink href="/club">{move || i18n.t().nav_my_club}</NavLink>
            </li>
        }
        .into_any(),
        Some(v) if v.is_admin() => view! {
            <li>
                <NavLink href="/consulting" section="/consulting">
                    {move || i18n.t().rd.nav_portfolio}
                </NavLink>
            </li>
            <li>
                <NavLink href="/admin/users" section="/admin">
                    {move || i18n.t().nav_admin}
                </NavLink>
            </li>
        }
        .into_any(),
        Some(v) if v.role == crate::domain::role::Role::Consultant => view! {
            <li>
                <NavLink href="/consulting" section="/consulting">
                    {move || i18n.t().rd.nav_portfolio}
                </NavLink>
            </li>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// The header's link to the feed with the number of unread items: one
/// small query, made only for signed-in readers.
#[component]
fn FeedLink() -> impl IntoView {
    let i18n = use_i18n();
    let unread = Resource::new(|| (), |_| crate::api::feed::unread_count());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let n = unread.await.unwrap_or(0);
                let t = i18n.t();
                let label = if n > 0 {
                    format!("{} · {}", t.deal.nav_feed, (t.deal.unread_label)(n))
                } else {
                    t.deal.nav_feed.to_string()
                };
                view! {
                    <NavLink href="/feed" class="account-menu__feed">
                        <span aria-hidden=(n > 0).then_some("true")>{t.deal.nav_feed}</span>
                        {(n > 0)
                            .then(|| {
                                let shown = if n > 99 { "99+".to_string() } else { n.to_string() };
                                view! {
                                    <span class="count-badge" aria-hidden="true">{shown}</span>
                                    <span class="visually-hidden">{label.clone()}</span>
                                }
                            })}
                    </NavLink>
                }
            })}
        </Suspense>
    }
}
