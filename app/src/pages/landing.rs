//! `/`: what the portal is, for whom, what the forum has produced, and the
//! mini-clusters to start browsing from.

use crate::api::clusters::list_clusters;
use crate::components::head::PageTitle;
use crate::components::{
    cluster_grid::ClusterGrid,
    status::{ErrorNotice, Loading},
};
use crate::domain::money::{format_won, Won};
use crate::i18n::{use_i18n, Strings};
use leptos::prelude::*;

/// Figures reported in the programme's source article (three forums this
/// year, fifteen companies pitching, a 2 billion won supply contract). They
/// are quoted with their source until forum outcomes are recorded here.
const ARTICLE_FORUMS: i64 = 3;
const ARTICLE_COMPANIES: i64 = 15;
const ARTICLE_CONTRACT: Won = Won(2_000_000_000);
const MINI_CLUSTERS: i64 = 8;

#[component]
pub fn Landing() -> impl IntoView {
    let i18n = use_i18n();
    let clusters = Resource::new(|| (), |_| list_clusters());
    view! {
        <PageTitle text=i18n.t().landing_title />
        <section class="hero">
            <div class="container">
                <p class="hero__eyebrow">{move || i18n.t().hero_eyebrow}</p>
                <h1 class="hero__title">{move || i18n.t().hero_title}</h1>
                <p class="hero__lead">{move || i18n.t().hero_lead}</p>
                <div class="hero__actions">
                    <a class="btn btn--primary" href="/clusters">
                        {move || i18n.t().hero_cta_clusters}
                    </a>
                    <a class="btn btn--ghost" href="#audiences">
                        {move || i18n.t().hero_cta_about}
                    </a>
                </div>
            </div>
        </section>

        <section class="section" id="audiences" aria-labelledby="audiences-title">
            <div class="container">
                <h2 id="audiences-title" class="section__title">
                    {move || i18n.t().audiences_title}
                </h2>
                <p class="section__lead">{move || i18n.t().audiences_lead}</p>
                <ul class="audience-grid">
                    <AudienceCard
                        icon=ICON_FACTORY
                        title=|t| t.audience_startup_title
                        text=|t| t.audience_startup_text
                    />
                    <AudienceCard
                        icon=ICON_INVESTOR
                        title=|t| t.audience_investor_title
                        text=|t| t.audience_investor_text
                    />
                    <AudienceCard
                        icon=ICON_CHECKLIST
                        title=|t| t.audience_consultant_title
                        text=|t| t.audience_consultant_text
                    />
                    <AudienceCard
                        icon=ICON_CHART
                        title=|t| t.audience_operator_title
                        text=|t| t.audience_operator_text
                    />
                </ul>
            </div>
        </section>

        <section class="section section--tinted" aria-labelledby="outcomes-title">
            <div class="container">
                <h2 id="outcomes-title" class="section__title">
                    {move || i18n.t().outcomes_title}
                </h2>
                <p class="section__lead">{move || i18n.t().outcomes_lead}</p>
                <ul class="stat-row">
                    <Stat value=move || ARTICLE_FORUMS.to_string() label=|t| t.outcome_forums_label />
                    <Stat
                        value=move || ARTICLE_COMPANIES.to_string()
                        label=|t| t.outcome_companies_label
                    />
                    <Stat
                        value=move || format_won(ARTICLE_CONTRACT, i18n.locale())
                        label=|t| t.outcome_contract_label
                    />
                    <Stat value=move || MINI_CLUSTERS.to_string() label=|t| t.outcome_clusters_label />
                </ul>
                <p class="muted small">{move || i18n.t().outcomes_source}</p>
                <p>
                    <a class="btn btn--secondary btn--small" href="/impact">
                        {move || i18n.t().outcome.impact_title}
                    </a>
                </p>
            </div>
        </section>

        <section class="section" id="clusters" aria-labelledby="clusters-title">
            <div class="container">
                <h2 id="clusters-title" class="section__title">
                    {move || i18n.t().clusters_title}
                </h2>
                <p class="section__lead">{move || i18n.t().clusters_lead}</p>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match clusters.await {
                            Ok(list) => view! { <ClusterGrid clusters=list /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </section>

        <section class="section section--tinted" aria-labelledby="crowdfunding-title">
            <div class="container">
                <h2 id="crowdfunding-title" class="section__title">
                    {move || i18n.t().crowdfunding_title}
                </h2>
                <p class="section__lead">{move || i18n.t().crowdfunding_text}</p>
            </div>
        </section>
    }
}

type Pick = fn(&'static Strings) -> &'static str;

#[component]
fn AudienceCard(icon: &'static str, title: Pick, text: Pick) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="audience-card">
            <span class="audience-card__icon" aria-hidden="true">
                <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
                    <path d=icon />
                </svg>
            </span>
            <h3 class="audience-card__title">{move || title(i18n.t())}</h3>
            <p class="audience-card__text">{move || text(i18n.t())}</p>
        </li>
    }
}

#[component]
fn Stat(value: impl Fn() -> String + Send + Sync + 'static, label: Pick) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="stat">
            <span class="stat__value">{value}</span>
            <span class="stat__label">{move || label(i18n.t())}</span>
        </li>
    }
}

// Line icons drawn for this page (24×24 grid, stroked).
const ICON_FACTORY: &str = "M3 21V10l6 4V10l6 4V4h6v17H3zM7 17h2m4 0h2m4 0h-1";
const ICON_INVESTOR: &str = "M4 19h16M6 16v-5m4 5V8m4 8v-7m4 7V5";
const ICON_CHECKLIST: &str = "M9 6h11M9 12h11M9 18h11M4 6l1 1 2-2M4 12l1 1 2-2M4 18l1 1 2-2";
const ICON_CHART: &str = "M4 20V4m0 16h16M8 16l3-4 3 2 5-6";
