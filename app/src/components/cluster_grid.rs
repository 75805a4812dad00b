use crate::domain::cluster::Cluster;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Cards linking to each mini-cluster, with the name in both languages and
/// the number of published companies.
#[component]
pub fn ClusterGrid(clusters: Vec<Cluster>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="cluster-grid">
            {clusters
                .into_iter()
                .map(|cluster| {
                    let href = cluster.href();
                    let count = cluster.company_count;
                    let name = {
                        let c = cluster.clone();
                        move || c.name(i18n.locale()).to_string()
                    };
                    let alt = move || cluster.alt_name(i18n.locale()).to_string();
                    view! {
                        <li class="cluster-card">
                            <a class="cluster-card__link" href=href>
                                <span class="cluster-card__name">{name}</span>
                                <span class="cluster-card__name-alt">{alt}</span>
                                <span class="cluster-card__count">
                                    {move || (i18n.t().companies_count)(count)}
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
