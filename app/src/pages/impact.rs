//! `/impact`: what the venture forums achieved, by year (`?year=2026`),
//! forum and mini-cluster — counts and sums only, never a company's name,
//! so it can be public and go into an annual report. Charts are drawn on
//! the server, with the same numbers in tables; `/impact.csv` has them all.

use crate::api::outcomes::{impact_page, ImpactPageData};
use crate::components::access::AccessNotice;
use crate::components::charts::{Bar, BarList, Column, ColumnChart};
use crate::components::head::PageTitle;
use crate::components::status::Loading;
use crate::domain::impact::{ImpactReport, ImpactRow};
use crate::domain::money::{format_won, Won};
use crate::domain::seoul_time::format_naive_date;
use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ImpactPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let year = move || query.read().get("year").and_then(|y| y.parse::<i32>().ok());
    let data = Resource::new(year, impact_page);
    view! {
        <PageTitle text=i18n.t().outcome.impact_title />
        <div class="container">
            <header class="page-header">
                <h1 class="page-title">{move || i18n.t().outcome.impact_title}</h1>
                <p class="page-lead">{move || i18n.t().outcome.impact_lead}</p>
            </header>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <ImpactView data /> }.into_any(),
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

fn won(v: i64, locale: Locale) -> String {
    format_won(Won(v), locale)
}

#[component]
fn ImpactView(data: ImpactPageData) -> impl IntoView {
    let i18n = use_i18n();
    let r = data.report;
    let year_query = r.year.map(|y| format!("?year={y}")).unwrap_or_default();
    let tabs = std::iter::once(None)
        .chain(r.years.iter().copied().map(Some))
        .map(|y| {
            let href = y.map_or_else(|| "/impact".to_string(), |y| format!("/impact?year={y}"));
            let current = (y == r.year).then_some("page");
            view! {
                <li>
                    <a href=href aria-current=current>
                        {move || match y {
                            Some(y) => (i18n.t().outcome.year_label)(y),
                            None => i18n.t().outcome.all_years.to_string(),
                        }}
                    </a>
                </li>
            }
        })
        .collect_view();
    let body = if r.forums == 0 {
        view! { <p class="muted">{move || i18n.t().outcome.empty}</p> }.into_any()
    } else {
        view! { <ReportBody r=r.clone() /> }.into_any()
    };
    view! {
        <nav aria-label=move || i18n.t().outcome.years_label>
            <ul class="year-tabs">{tabs}</ul>
        </nav>
        {data
            .can_manage
            .then(|| {
                view! {
                    <p class="editor-bar">
                        <a class="btn btn--secondary btn--small" href="/admin/outcomes">
                            {move || i18n.t().outcome.manage_link}
                        </a>
                    </p>
                }
            })}
        {body}
        <p class="small">
            <a href=format!("/impact.csv{year_query}") download="">{move || i18n.t().outcome.csv_link}</a>
        </p>
        <p class="small muted">{move || i18n.t().outcome.method_note}</p>
    }
}

#[component]
fn ReportBody(r: ImpactReport) -> impl IntoView {
    let i18n = use_i18n();
    let totals = r.totals.clone();
    let forums = r.forums;
    let kinds = r
        .by_kind
        .iter()
        .filter(|k| k.count > 0)
        .cloned()
        .map(|k| {
            let (kind, count) = (k.kind, k.count);
            view! {
                <tr>
                    <th scope="row">{move || (i18n.t().outcome.kind)(kind)}</th>
                    <td class="num">{count}</td>
                    <td class="num">
                        {move || {
                            let mut parts = Vec::new();
                            if k.won > 0 {
                                parts.push(won(k.won, i18n.locale()));
                            }
                            if k.usd > 0 {
                                parts.push((i18n.t().outcome.usd)(k.usd));
                            }
                            if k.headcount > 0 {
                                parts.push((i18n.t().outcome.people)(k.headcount));
                            }
                            if parts.is_empty() { "—".to_string() } else { parts.join(" · ") }
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let clusters = r.by_cluster.clone();
    let cluster_bars = move || {
        clusters
            .iter()
            .map(|c| Bar {
                label: match i18n.locale() {
                    Locale::Ko => c.name_ko.clone(),
                    Locale::En => c.name_en.clone(),
                },
                value: c.row.outcome_won,
                text: won(c.row.outcome_won, i18n.locale()),
            })
            .collect::<Vec<_>>()
    };
    let cluster_rows = r
        .by_cluster
        .iter()
        .cloned()
        .map(|c| {
            let name = move || match i18n.locale() {
                Locale::Ko => c.name_ko.clone(),
                Locale::En => c.name_en.clone(),
            };
            view! { <RowCells name=Signal::derive(name) row=c.row.clone() /> }
        })
        .collect_view();
    let timeline = r.timeline.clone();
    let columns = move || {
        timeline
            .iter()
            .enumerate()
            .map(|(i, q)| Column {
                label: if q.quarter == 1 || i == 0 {
                    q.year.to_string()
                } else {
                    String::new()
                },
                value: q.won,
                marked: q.forums > 0,
                labelled: q.quarter == 1 || i == 0,
            })
            .collect::<Vec<_>>()
    };
    let quarter_rows = r
        .timeline
        .iter()
        .cloned()
        .map(|q| {
            view! {
                <tr>
                    <th scope="row">{move || (i18n.t().outcome.quarter_label)(q.year, q.quarter)}</th>
                    <td class="num">{q.forums}</td>
                    <td class="num">{q.outcomes}</td>
                    <td class="num">{move || won(q.won, i18n.locale())}</td>
                </tr>
            }
        })
        .collect_view();
    let forum_rows = r
        .by_forum
        .iter()
        .map(|f| {
            let day = f.day;
            let title = f.title.clone();
            let name = Signal::derive(move || {
                format!("{} ({})", title, format_naive_date(day, i18n.locale()))
            });
            let href = format!("/forums/{}", f.id);
            view! { <RowCells name row=f.row.clone() href /> }
        })
        .collect_view();
    view! {
        <dl class="impact-stats">
            <div>
                <dt>{move || i18n.t().outcome.stat_forums}</dt>
                <dd class="num">{forums}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().outcome.stat_presented}</dt>
                <dd class="num">{totals.presented}</dd>
            </div>
            <div>
                <dt title=move || i18n.t().outcome.stat_interest_hint>{move || i18n.t().outcome.stat_interest}</dt>
                <dd class="num">{totals.interest}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().outcome.stat_outcomes}</dt>
                <dd class="num">{totals.outcomes}</dd>
            </div>
            <div>
                <dt>{move || i18n.t().outcome.stat_won}</dt>
                <dd class="num">{move || won(totals.outcome_won, i18n.locale())}</dd>
            </div>
        </dl>
        <p class="small muted">{move || i18n.t().outcome.stat_interest_hint}</p>

        <section class="impact-section" aria-labelledby="impact-kinds">
            <h2 class="section-title" id="impact-kinds">{move || i18n.t().outcome.kinds_title}</h2>
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().outcome.col_kind}</th>
                            <th scope="col" class="num">{move || i18n.t().outcome.col_count}</th>
                            <th scope="col" class="num">{move || i18n.t().outcome.col_sum}</th>
                        </tr>
                    </thead>
                    <tbody>{kinds}</tbody>
                </table>
            </div>
        </section>

        <section class="impact-section" aria-labelledby="impact-clusters">
            <h2 class="section-title" id="impact-clusters">{move || i18n.t().outcome.clusters_title}</h2>
            {move || view! { <BarList bars=cluster_bars() label=i18n.t().outcome.clusters_chart_label.to_string() /> }}
            <RowTable first=|t| t.outcome.col_cluster>{cluster_rows}</RowTable>
        </section>

        <section class="impact-section" aria-labelledby="impact-timeline">
            <h2 class="section-title" id="impact-timeline">{move || i18n.t().outcome.timeline_title}</h2>
            {move || view! { <ColumnChart columns=columns() label=i18n.t().outcome.timeline_chart_label.to_string() /> }}
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().outcome.col_quarter}</th>
                            <th scope="col" class="num">{move || i18n.t().outcome.col_forums_held}</th>
                            <th scope="col" class="num">{move || i18n.t().outcome.col_outcomes}</th>
                            <th scope="col" class="num">{move || i18n.t().outcome.col_outcome_won}</th>
                        </tr>
                    </thead>
                    <tbody>{quarter_rows}</tbody>
                </table>
            </div>
        </section>

        <section class="impact-section" aria-labelledby="impact-forums">
            <h2 class="section-title" id="impact-forums">{move || i18n.t().outcome.forums_title}</h2>
            <RowTable first=|t| t.outcome.col_forum>{forum_rows}</RowTable>
        </section>
    }
}

/// The table shape the cluster and forum breakdowns share.
#[component]
fn RowTable(first: crate::components::forms::Text, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack">
                <thead>
                    <tr>
                        <th scope="col">{move || first(i18n.t())}</th>
                        <th scope="col" class="num">{move || i18n.t().outcome.col_presented}</th>
                        <th scope="col" class="num">{move || i18n.t().outcome.col_interest}</th>
                        <th scope="col" class="num">{move || i18n.t().outcome.col_outcomes}</th>
                        <th scope="col" class="num">{move || i18n.t().outcome.col_outcome_won}</th>
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn RowCells(
    name: Signal<String>,
    row: ImpactRow,
    #[prop(optional, into)] href: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outcome_won = row.outcome_won;
    view! {
        <tr>
            <th scope="row">
                {match href {
                    Some(href) => view! { <a href=href>{name}</a> }.into_any(),
                    None => view! { {name} }.into_any(),
                }}
            </th>
            <td class="num" data-label=move || i18n.t().outcome.col_presented>{row.presented}</td>
            <td class="num" data-label=move || i18n.t().outcome.col_interest>{row.interest}</td>
            <td class="num" data-label=move || i18n.t().outcome.col_outcomes>{row.outcomes}</td>
            <td class="num" data-label=move || i18n.t().outcome.col_outcome_won>
                {move || won(outcome_won, i18n.locale())}
            </td>
        </tr>
    }
}
