//! `/clusters` and `/clusters/{slug}`.

use crate::api::clusters::{get_cluster, list_clusters};
use crate::api::directory::{company_directory, DirectoryPage};
use crate::components::company::CompanyCardView;
use crate::components::head::PageTitle;
use crate::components::{
    cluster_grid::ClusterGrid,
    status::{ErrorNotice, ErrorView, Loading},
};
use crate::domain::cluster::Cluster;
use crate::domain::directory::DirectoryQuery;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ClusterIndex() -> impl IntoView {
    let i18n = use_i18n();
    let clusters = Resource::new(|| (), |_| list_clusters());
    view! {
        <PageTitle text=i18n.t().clusters_title />
        <div class="container">
            <header class="page-header">
                <h1 class="page-title">{move || i18n.t().clusters_title}</h1>
                <p class="page-subtitle">{move || i18n.t().clusters_lead}</p>
            </header>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match clusters.await {
                        Ok(list) => view! { <ClusterGrid clusters=list /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn ClusterPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let cluster = Resource::new(slug, get_cluster);
    let all = Resource::new(|| (), |_| list_clusters());
    let companies = Resource::new(slug, |cluster| {
        company_directory(DirectoryQuery {
            cluster,
            ..Default::default()
        })
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match cluster.await {
                    Ok(cluster) => {
                        view! { <ClusterDetail cluster all=all.await companies=companies.await /> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClusterDetail(
    cluster: Cluster,
    all: Result<Vec<Cluster>, crate::api::ApiError>,
    companies: Result<DirectoryPage, crate::api::ApiError>,
) -> impl IntoView {
    let i18n = use_i18n();
    let page_title = {
        let locale = i18n.locale();
        (i18n.t().cluster_page_title)(cluster.name(locale))
    };
    let title = {
        let c = cluster.clone();
        move || (i18n.t().cluster_page_title)(c.name(i18n.locale()))
    };
    let name = {
        let c = cluster.clone();
        move || c.name(i18n.locale()).to_string()
    };
    let alt = {
        let c = cluster.clone();
        move || c.alt_name(i18n.locale()).to_string()
    };
    let summary = {
        let c = cluster.clone();
        move || c.summary(i18n.locale()).to_string()
    };
    let others = all.map(|list| {
        list.into_iter()
            .filter(|c| c.id != cluster.id)
            .collect::<Vec<_>>()
    });
    view! {
        <PageTitle text=page_title />
        <div class="container">
            <nav class="breadcrumb" aria-label=move || i18n.t().breadcrumb_label>
                <ol>
                    <li>
                        <a href="/">{move || i18n.t().nav_home}</a>
                    </li>
                    <li>
                        <a href="/clusters">{move || i18n.t().nav_clusters}</a>
                    </li>
                    <li aria-current="page">{name.clone()}</li>
                </ol>
            </nav>
            <header class="page-header">
                <h1 class="page-title">{title}</h1>
                <p class="page-subtitle muted">{alt}</p>
                <p class="page-lead">{summary}</p>
            </header>
            <div class="split">
                <section class="split__main" aria-labelledby="companies-title">
                    <h2 id="companies-title" class="section__title">
                        {move || i18n.t().cluster_companies_title}
                    </h2>
                    {match companies {
                        Ok(page) if !page.cards.is_empty() => {
                            let more = (page.total > page.cards.len() as i64)
                                .then(|| format!("/companies?cluster={}", cluster.slug));
                            view! {
                                <div class="company-grid">
                                    {page
                                        .cards
                                        .into_iter()
                                        .map(|card| view! { <CompanyCardView card terms=Vec::new() /> })
                                        .collect_view()}
                                </div>
                                {more
                                    .map(|href| {
                                        view! {
                                            <p>
                                                <a class="btn btn--ghost" href=href>
                                                    {move || i18n.t().co.cluster_companies_all}
                                                </a>
                                            </p>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                        Ok(_) => {
                            view! {
                                <div class="empty-state">
                                    <p class="empty-state__title">
                                        {move || i18n.t().cluster_empty_title}
                                    </p>
                                    <p class="empty-state__text">
                                        {move || i18n.t().cluster_empty_text}
                                    </p>
                                </div>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }}
                </section>
                <aside class="side-list" aria-labelledby="others-title">
                    <h2 id="others-title">{move || i18n.t().other_clusters_title}</h2>
                    {match others {
                        Ok(list) => {
                            view! {
                                <ul>
                                    {list
                                        .into_iter()
                                        .map(|c| {
                                            let href = c.href();
                                            view! {
                                                <li>
                                                    <a href=href>{move || c.name(i18n.locale()).to_string()}</a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }}
                </aside>
            </div>
        </div>
    }
}
