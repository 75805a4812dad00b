//! `/consulting`: the consultant's portfolio — every checklist of the
//! companies they are assigned to, with score, change over 30 days,
//! overdue items, next due date and a stalled flag, sorted and filtered in
//! the query string; a CSV of the same view. Admins see every company, can
//! narrow to one consultant, and get the cluster × readiness-band table.

use crate::api::readiness::{portfolio_page, PortfolioData};
use crate::components::access::AccessNotice;
use crate::components::head::PageTitle;
use crate::components::pager::Pager;
use crate::components::status::Loading;
use crate::domain::portfolio::{PortfolioQuery, PortfolioSort};
use crate::domain::readiness::{format_score, ReadinessBand, TemplateKind};
use crate::domain::seoul_time::format_naive_date;
use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

pub const PATH: &str = "/consulting";

#[component]
pub fn ConsultingPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        PortfolioQuery::from_pairs(|k| map.get(k))
    });
    let data = Resource::new(move || query.get(), portfolio_page);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Portfolio data query=query.get_untracked() /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Portfolio(data: PortfolioData, query: PortfolioQuery) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let csv = format!("/consulting.csv{}", query.to_query(query.sort));
    let sort_link = |sort: PortfolioSort| format!("{PATH}{}", query.to_query(Some(sort)));
    let current = query.sort.unwrap_or(PortfolioSort::Attention);
    let header = move |sort: PortfolioSort, label: &'static str| {
        let href = sort_link(sort);
        view! {
            <th scope="col" aria-sort=(current == sort).then_some("descending")>
                <a href=href>{label}</a>
            </th>
        }
    };
    let (current_page, pages) = (i64::from(data.page), i64::from(data.pages));
    let page_query = query.clone();
    view! {
        <PageTitle text=t.rd.portfolio_title />
        <div class="container">
            <header class="page-header">
                <h1 class="page-title">{t.rd.portfolio_title}</h1>
                <p class="page-lead">
                    {if data.is_admin { t.rd.portfolio_lead_admin } else { t.rd.portfolio_lead }}
                </p>
            </header>
            <ul class="stat-row portfolio__stats" aria-label=t.rd.portfolio_summary>
                <li class="stat">
                    <span class="stat__value">{data.total}</span>
                    <span class="stat__label">{t.rd.portfolio_checklists}</span>
                </li>
                <li class="stat">
                    <span class="stat__value">{data.overdue_total}</span>
                    <span class="stat__label">{t.rd.overdue}</span>
                </li>
                <li class="stat">
                    <span class="stat__value">{data.stalled_total}</span>
                    <span class="stat__label">{t.rd.stalled}</span>
                </li>
            </ul>
            <PortfolioFilters data=data.clone() query=query.clone() locale />
            <p class="row">
                <a class="btn btn--ghost btn--small" href=csv download>{t.rd.download_csv}</a>
            </p>
            {if data.rows.is_empty() {
                view! { <div class="empty-state"><p class="empty-state__text">{t.rd.portfolio_empty}</p></div> }
                    .into_any()
            } else {
                view! {
                    // Focusable so keyboard users can scroll it sideways on
                    // a phone.
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t.rd.portfolio_title>
                        <table class="table portfolio">
                            <caption class="visually-hidden">{t.rd.portfolio_title}</caption>
                            <thead>
                                <tr>
                                    {header(PortfolioSort::Name, t.rd.col_company)}
                                    <th scope="col">{t.rd.col_checklist}</th>
                                    <th scope="col">{t.rd.col_consultant}</th>
                                    {header(PortfolioSort::Score, t.rd.score_title)}
                                    {header(PortfolioSort::Change, t.rd.col_change)}
                                    {header(PortfolioSort::Attention, t.rd.overdue)}
                                    {header(PortfolioSort::Due, t.rd.col_next_due)}
                                    <th scope="col">{t.rd.stalled}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {data
                                    .rows
                                    .iter()
                                    .enumerate()
                                    .map(|(n, r)| {
                                        let stalled = data.stalled.contains(&n);
                                        let href = format!(
                                            "/companies/{}/readiness?checklist={}",
                                            r.company_slug,
                                            r.kind.as_str(),
                                        );
                                        let change = r.change_permille().map(|c| {
                                            let sign = if c > 0 { "+" } else if c < 0 { "−" } else { "" };
                                            format!("{sign}{}", format_score(c.unsigned_abs() as u16))
                                        });
                                        let change_class = match r.change_permille() {
                                            Some(c) if c > 0 => "num delta delta--up",
                                            Some(c) if c < 0 => "num delta delta--down",
                                            _ => "num delta",
                                        };
                                        view! {
                                            <tr class:portfolio__stalled=stalled>
                                                <th scope="row"><a href=href>{r.company_name.clone()}</a></th>
                                                <td>{(t.rd.template_name)(r.kind)}</td>
                                                <td>{r.consultants.join(", ")}</td>
                                                <td class="num">
                                                    {r.score_permille.map(format_score).unwrap_or_else(|| "–".into())}
                                                </td>
                                                <td class=change_class>{change.unwrap_or_else(|| "–".into())}</td>
                                                <td class="num">
                                                    {(r.overdue > 0)
                                                        .then(|| view! { <span class="badge badge--danger">{r.overdue}</span> })}
                                                    {(r.overdue == 0).then_some("0")}
                                                </td>
                                                <td>{r.next_due.map(|d| format_naive_date(d, locale)).unwrap_or_default()}</td>
                                                <td>
                                                    {stalled
                                                        .then(|| view! { <span class="badge badge--warning">{t.rd.stalled}</span> })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager
                        current=current_page
                        pages
                        href=move |n| format!("{PATH}{}", page_query.page_query(n as u32))
                    />
                }
                    .into_any()
            }}
            {data.is_admin.then(|| view! { <BandTable data=data.clone() locale /> })}
        </div>
    }
}

/// The filters: a GET form whose fields are the query string.
#[component]
fn PortfolioFilters(data: PortfolioData, query: PortfolioQuery, locale: Locale) -> impl IntoView {
    let t = locale.strings();
    view! {
        <form method="get" action=PATH class="form filters-row" autocomplete="off">
            <div class="field">
                <label class="field__label" for="pf-kind">{t.rd.col_checklist}</label>
                <select class="field__input" id="pf-kind" name="kind">
                    <option value="">{t.co.filter_any}</option>
                    {TemplateKind::ALL
                        .iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=query.kind == Some(*k)>
                                    {(t.rd.template_name)(*k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="pf-cluster">{t.co.filter_cluster}</label>
                <select class="field__input" id="pf-cluster" name="cluster">
                    <option value="">{t.co.filter_any}</option>
                    {data
                        .clusters
                        .iter()
                        .map(|(slug, ko, en)| {
                            let name = if locale == Locale::Ko { ko.clone() } else { en.clone() };
                            view! {
                                <option value=slug.clone() selected=query.cluster.as_ref() == Some(slug)>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {data
                .is_admin
                .then(|| {
                    view! {
                        <div class="field">
                            <label class="field__label" for="pf-consultant">{t.rd.col_consultant}</label>
                            <select class="field__input" id="pf-consultant" name="consultant">
                                <option value="">{t.co.filter_any}</option>
                                {data
                                    .consultants
                                    .iter()
                                    .map(|(id, name)| {
                                        view! {
                                            <option value=id.to_string() selected=query.consultant == Some(*id)>
                                                {name.clone()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <label class="check">
                <input type="checkbox" name="stalled" value="1" checked=query.stalled_only />
                " "
                {t.rd.stalled_only}
            </label>
            {query.sort.map(|s| view! { <input type="hidden" name="sort" value=s.as_str() /> })}
            <div class="row">
                <button type="submit" class="btn btn--primary btn--small">{t.deal.filter_apply}</button>
                <a class="btn btn--ghost btn--small" href=PATH>{t.deal.filter_clear}</a>
            </div>
        </form>
    }
}

/// Companies per cluster and readiness band, for the operator's report.
#[component]
fn BandTable(data: PortfolioData, locale: Locale) -> impl IntoView {
    let t = locale.strings();
    view! {
        <section class="card portfolio__bands">
            <h2 id="bands-title" class="card__title">{t.rd.bands_title}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.rd.bands_title>
                <table class="table table--compact">
                    <thead>
                        <tr>
                            <th scope="col">{t.co.filter_cluster}</th>
                            {ReadinessBand::ALL
                                .iter()
                                .map(|b| view! { <th scope="col" class="num">{(t.rd.band)(*b)}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {data
                            .bands
                            .iter()
                            .map(|(slug, name_ko, counts)| {
                                let name = data
                                    .clusters
                                    .iter()
                                    .find(|(s, _, _)| Some(s) == slug.as_ref())
                                    .map(|(_, ko, en)| if locale == Locale::Ko { ko.clone() } else { en.clone() })
                                    .or_else(|| name_ko.clone())
                                    .unwrap_or_else(|| t.rd.no_cluster.to_string());
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        {counts.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
