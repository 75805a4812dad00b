//! `/companies`: the directory with search and filters. Everything lives
//! in the query string (`?q=탄소&cluster=carbon-materials&page=2`), and
//! the filter form is a plain GET form, so a filtered page is a link that
//! can be bookmarked, shared and walked back through without JavaScript.

use crate::api::clusters::list_clusters;
use crate::api::directory::{company_directory, DirectoryPage as Results};
use crate::components::company::CompanyCardView;
use crate::components::head::PageTitle;
use crate::components::pager::Pager;
use crate::components::status::{ErrorView, Loading};
use crate::domain::cluster::Cluster;
use crate::domain::company::Stage;
use crate::domain::directory::{DirectoryQuery, Freshness, Sort};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const BASE: &str = "/companies";

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        DirectoryQuery::from_pairs(|k| map.get(k))
    });
    let results = Resource::new(move || query.get(), company_directory);
    let clusters = Resource::new(|| (), |_| list_clusters());
    view! {
        <PageTitle text=i18n.t().co.directory_title />
        <div class="container">
            <header class="page-header">
                <h1 class="page-title">{move || i18n.t().co.directory_title}</h1>
                <p class="page-lead">{move || i18n.t().co.directory_lead}</p>
            </header>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let clusters = clusters.await.unwrap_or_default();
                    match results.await {
                        Ok(page) => {
                            view! { <Directory query=query.get_untracked() page clusters /> }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Directory(query: DirectoryQuery, page: Results, clusters: Vec<Cluster>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = {
        let q = query.q.clone();
        let (total, more) = (page.total, page.more);
        move || {
            if q.is_empty() {
                (i18n.t().co.results_count)(total, more)
            } else {
                (i18n.t().co.results_for)(&q, total, more)
            }
        }
    };
    let ignored = !page.ignored.is_empty();
    view! {
        <div class="directory">
            <Filters query=query.clone() clusters may_see_funding=page.may_see_funding />
            <section class="directory__results" aria-labelledby="results-title">
                <h2 id="results-title" class="visually-hidden">
                    {move || i18n.t().co.results_label}
                </h2>
                <p class="list-summary" role="status">
                    {summary}
                </p>
                {ignored
                    .then(|| {
                        view! {
                            <p class="notice notice--info small">
                                {move || i18n.t().co.ignored_params}
                            </p>
                        }
                    })}
                <Cards page=page.clone() query=query.clone() />
            </section>
        </div>
    }
}

#[component]
fn Cards(page: Results, query: DirectoryQuery) -> impl IntoView {
    let i18n = use_i18n();
    if page.cards.is_empty() {
        return view! {
            <div class="empty-state">
                <p class="empty-state__title">{move || i18n.t().co.no_results}</p>
                <p class="empty-state__text">{move || i18n.t().co.no_results_hint}</p>
                {query
                    .is_filtered()
                    .then(|| {
                        view! {
                            <a class="btn btn--ghost" href=BASE>
                                {move || i18n.t().co.clear_filters}
                            </a>
                        }
                    })}
            </div>
        }
        .into_any();
    }
    let pages = page.pages();
    let current = page.page;
    let terms = page.terms.clone();
    view! {
        <div class="company-grid">
            {page
                .cards
                .into_iter()
                .map(|card| view! { <CompanyCardView card terms=terms.clone() /> })
                .collect_view()}
        </div>
        <Pager current pages href=move |n| query.href(BASE, n) />
    }
    .into_any()
}

/// The search box and filters: a GET form whose field names are the query
/// parameters, so submitting it is just following a link (the server
/// redirects away blank fields: `http::tidy_page_query`).
#[component]
fn Filters(query: DirectoryQuery, clusters: Vec<Cluster>, may_see_funding: bool) -> impl IntoView {
    let i18n = use_i18n();
    let q = query.clone();
    let selected = move |value: &str, current: &str| value == current;
    let conditions = query.conditions();
    let has_conditions = conditions > 0;
    view! {
        <aside class="directory__filters" aria-labelledby="filters-title">
            // autocomplete="off": Back shows the fields of the address it
            // returns to, not what was picked before leaving.
            <form method="get" action=BASE class="form filters" autocomplete="off">
                <div class="field">
                    <label class="field__label" for="q">
                        {move || i18n.t().co.search_label}
                    </label>
                    <div class="search-row">
                        <input
                            class="field__input"
                            id="q"
                            name="q"
                            type="search"
                            maxlength="60"
                            value=q.q.clone()
                            placeholder=move || i18n.t().co.search_placeholder
                        />
                        <button type="submit" class="btn btn--primary">
                            {move || i18n.t().co.search_button}
                        </button>
                    </div>
                </div>
                // Collapsed on phones unless a condition is set, so the
                // results start on the first screen; wide screens always
                // show it (style/main.css). A native <details> needs no script.
                <details class="filters__more" open=has_conditions>
                    <summary class="filters__summary">
                        <h2 id="filters-title" class="filters__title">
                            {move || i18n.t().co.filters_title}
                        </h2>
                        {has_conditions
                            .then(|| {
                                view! {
                                    <span class="badge badge--accent">
                                        {move || (i18n.t().co.filters_active)(conditions)}
                                    </span>
                                }
                            })}
                    </summary>
                    <div class="filters__body">
                <div class="field">
                    <label class="field__label" for="cluster">
                        {move || i18n.t().co.filter_cluster}
                    </label>
                    <select
                        class="field__input"
                        id="cluster"
                        name="cluster"
                    >
                        <option value="">{move || i18n.t().co.filter_any}</option>
                        {clusters
                            .into_iter()
                            .map(|c| {
                                let is = selected(&c.slug, &q.cluster);
                                let value = c.slug.clone();
                                view! {
                                    <option value=value selected=is>
                                        {move || c.name(i18n.locale()).to_string()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="stage">
                        {move || i18n.t().co.filter_stage}
                    </label>
                    <select
                        class="field__input"
                        id="stage"
                        name="stage"
                    >
                        <option value="">{move || i18n.t().co.filter_any}</option>
                        {Stage::ALL
                            .iter()
                            .map(|&stage| {
                                let is = selected(stage.as_str(), &q.stage);
                                view! {
                                    <option value=stage.as_str() selected=is>
                                        {move || (i18n.t().co.stage)(stage)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <fieldset class="fieldset fieldset--compact">
                    <legend class="field__label">{move || i18n.t().co.filter_amount}</legend>
                    {if may_see_funding {
                        view! {
                            <div class="range-row">
                                <label class="visually-hidden" for="min-amount">
                                    {move || i18n.t().co.filter_amount_min}
                                </label>
                                <input
                                    class="field__input"
                                    id="min-amount"
                                    name="min_amount"
                                    value=q.min_amount.clone()
                                    placeholder=move || i18n.t().co.filter_amount_min
                                />
                                <span aria-hidden="true">"–"</span>
                                <label class="visually-hidden" for="max-amount">
                                    {move || i18n.t().co.filter_amount_max}
                                </label>
                                <input
                                    class="field__input"
                                    id="max-amount"
                                    name="max_amount"
                                    value=q.max_amount.clone()
                                    placeholder=move || i18n.t().co.filter_amount_max
                                />
                            </div>
                            <p class="field__hint">{move || i18n.t().co.filter_amount_hint}</p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p class="field__hint">{move || i18n.t().co.filter_amount_locked}</p>
                        }
                            .into_any()
                    }}
                </fieldset>
                <fieldset class="fieldset fieldset--compact">
                    <legend class="field__label">{move || i18n.t().co.filter_founded}</legend>
                    <div class="range-row">
                        <label class="visually-hidden" for="founded-from">
                            {move || i18n.t().co.filter_founded_from}
                        </label>
                        <input
                            class="field__input"
                            id="founded-from"
                            name="founded_from"
                            inputmode="numeric"
                            maxlength="4"
                            value=q.founded_from.clone()
                            placeholder=move || i18n.t().co.filter_founded_from
                        />
                        <span aria-hidden="true">"–"</span>
                        <label class="visually-hidden" for="founded-to">
                            {move || i18n.t().co.filter_founded_to}
                        </label>
                        <input
                            class="field__input"
                            id="founded-to"
                            name="founded_to"
                            inputmode="numeric"
                            maxlength="4"
                            value=q.founded_to.clone()
                            placeholder=move || i18n.t().co.filter_founded_to
                        />
                    </div>
                </fieldset>
                <div class="field">
                    <label class="field__label" for="freshness">
                        {move || i18n.t().co.filter_freshness}
                    </label>
                    <select
                        class="field__input"
                        id="freshness"
                        name="freshness"
                    >
                        <option value="">{move || i18n.t().co.filter_any}</option>
                        <option
                            value=Freshness::Fresh.as_str()
                            selected=selected(Freshness::Fresh.as_str(), &q.freshness)
                        >
                            {move || i18n.t().co.freshness_fresh}
                        </option>
                        <option
                            value=Freshness::Stale.as_str()
                            selected=selected(Freshness::Stale.as_str(), &q.freshness)
                        >
                            {move || i18n.t().co.freshness_stale}
                        </option>
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="readiness">
                        {move || i18n.t().rd.filter_readiness}
                    </label>
                    <select class="field__input" id="readiness" name="readiness">
                        <option value="">{move || i18n.t().co.filter_any}</option>
                        {crate::domain::directory::READINESS_STEPS
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <option value=p.to_string() selected=selected(&p.to_string(), &q.readiness)>
                                        {move || (i18n.t().rd.readiness_at_least)(p)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="sort">
                        {move || i18n.t().co.sort_label}
                    </label>
                    <select
                        class="field__input"
                        id="sort"
                        name="sort"
                    >
                        {Sort::ALL
                            .into_iter()
                            .filter(|s| may_see_funding || *s != Sort::Amount)
                            .map(|sort| {
                                let is = selected(sort.as_str(), &q.sort)
                                    || (q.sort.is_empty() && sort == Sort::Updated);
                                view! {
                                    <option value=sort.as_str() selected=is>
                                        {move || match sort {
                                            Sort::Updated => i18n.t().co.sort_updated,
                                            Sort::Amount => i18n.t().co.sort_amount,
                                            Sort::Name => i18n.t().co.sort_name,
                                        }}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="form__actions">
                    <button type="submit" class="btn btn--primary">
                        {move || i18n.t().co.apply_filters}
                    </button>
                    <a class="btn btn--ghost" href=BASE>
                        {move || i18n.t().co.clear_filters}
                    </a>
                </div>
                    </div>
                </details>
            </form>
        </aside>
    }
}
