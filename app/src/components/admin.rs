//! The frame of the operator's pages: title, lead and the sub-navigation
//! between users, clubs, the audit log and the checklist templates.

use crate::api::ApiError;
use crate::components::access::{AccessNotice, NavLink};
use crate::components::account::use_auth;
use crate::components::head::PageTitle;
use crate::i18n::{use_i18n, Strings};
use leptos::prelude::*;

/// Shows `children` to admins and the sign-in prompt or the "no access"
/// notice to everyone else. Only a mirror: every server function the page
/// calls checks again.
#[component]
pub fn AdminGate(children: ChildrenFn) -> impl IntoView {
    match use_auth().viewer {
        Some(viewer) if viewer.is_admin() => children().into_any(),
        Some(_) => view! { <AccessNotice error=ApiError::Forbidden /> }.into_any(),
        None => view! { <AccessNotice error=ApiError::Unauthorized /> }.into_any(),
    }
}

#[component]
pub fn AdminHeader(
    title: fn(&'static Strings) -> &'static str,
    lead: fn(&'static Strings) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=title(i18n.t()) />
        <header class="page-header page-header--admin">
            <nav class="subnav" aria-label=move || i18n.t().admin_nav_label>
                <ul>
                    <li>
                        <NavLink href="/admin/users">{move || i18n.t().admin_nav_users}</NavLink>
                    </li>
                    <li>
                        <NavLink href="/admin/clubs">{move || i18n.t().admin_nav_clubs}</NavLink>
                    </li>
                    <li>
                        <NavLink href="/admin/audit">{move || i18n.t().admin_nav_audit}</NavLink>
                    </li>
                    <li>
                        <NavLink href="/admin/forums" section="/admin/forums">
                            {move || i18n.t().forum.nav}
                        </NavLink>
                    </li>
                    <li>
                        <NavLink href="/admin/outcomes">{move || i18n.t().outcome.impact_nav}</NavLink>
                    </li>
                    <li>
                        <NavLink href="/admin/templates" section="/admin/templates">
                            {move || i18n.t().tpl.nav}
                        </NavLink>
                    </li>
                </ul>
            </nav>
            <h1 class="page-title">{move || title(i18n.t())}</h1>
            <p class="page-subtitle">{move || lead(i18n.t())}</p>
        </header>
    }
}
