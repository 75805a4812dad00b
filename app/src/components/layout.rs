//! Page frame: skip link, header with navigation and language switch, main
//! landmark, footer.

use crate::api::locale::SetLocale;
use crate::components::access::NavLink;
use crate::components::account::{provide_auth, AccountMenu, RoleNavItems};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    provide_auth();
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{move || i18n.t().skip_to_content}</a>
        <SiteHeader />
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <SiteFooter />
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    // A founder's own company has its own header link ("my company").
    let my_company: Option<String> = crate::components::account::use_auth()
        .viewer
        .and_then(|v| v.company_slug)
        .map(|slug| format!("/companies/{slug}"));
    view! {
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__mark" aria-hidden="true">"P"</span>
                    <span class="brand__name">{move || i18n.t().site_name}</span>
                </a>
                <nav class="site-nav" aria-label=move || i18n.t().nav_label>
                    <ul>
                        <li>
                            <NavLink href="/">{move || i18n.t().nav_home}</NavLink>
                        </li>
                        <li>
                            <NavLink href="/clusters" section="/clusters">
                                {move || i18n.t().nav_clusters}
                            </NavLink>
                        </li>
                        <li>
                            <NavLink href="/companies" section="/companies" except=my_company>
                                {move || i18n.t().co.nav_companies}
                            </NavLink>
                        </li>
                        <li>
                            <NavLink href="/forums" section="/forums">
                                {move || i18n.t().forum.nav}
                            </NavLink>
                        </li>
                        <RoleNavItems />
                    </ul>
                </nav>
                <div class="site-header__tools">
                    <LanguageSwitch />
                    <AccountMenu />
                </div>
            </div>
        </header>
    }
}

/// A plain form: it posts to the language server function, which sets the
/// cookie and redirects back to this page, now rendered in the other
/// language. No script is involved, so it works the same everywhere.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let target = i18n.locale().other();
    view! {
        <form method="post" action=SetLocale::PATH class="lang-switch">
            <input type="hidden" name="lang" value=target.code() />
            <button
                type="submit"
                class="lang-switch__btn"
                lang=target.code()
                title=i18n.t().switch_language_label
            >
                {target.strings().language_name}
            </button>
        </form>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <div class="container site-footer__inner">
                <p class="site-footer__note">{move || i18n.t().footer_note}</p>
                <p class="site-footer__note muted">{move || i18n.t().footer_disclaimer}</p>
                <p class="site-footer__note">
                    <a href=crate::pages::readiness::crowdfunding_plan::PATH>
                        {move || i18n.t().rd.plan_title}
                    </a>
                </p>
            </div>
        </footer>
    }
}
