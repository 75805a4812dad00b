//! The investor's deal-flow pages: `/deals` (what I follow and where each
//! stands), the pipelines and the feed.

pub mod feed;
pub mod pipeline;

use crate::api::deals::{my_deals, DealView, UnfollowCompany};
use crate::api::investor::my_investor_limits;
use crate::api::ApiError;
use crate::components::access::{AccessNotice, NavLink};
use crate::components::deal_panel::TermsSummary;
use crate::components::forms::{form_action, ActionFeedback};
use crate::components::head::PageTitle;
use crate::components::investor_limits::LimitsPanel;
use crate::components::status::Loading;
use crate::domain::investor_limits::LimitReport;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn DealsPage() -> impl IntoView {
    let unfollow = form_action::<UnfollowCompany>();
    let deals = Resource::new(|| (), |_| my_deals());
    // The crowdfunding caps sit on this page because it lists the same
    // interests the caps are counted from.
    let limits = Resource::new(|| (), |_| my_investor_limits());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match deals.await {
                    Ok(deals) => {
                        let limits = limits.await;
                        view! { <DealsView deals unfollow limits /> }.into_any()
                    }
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Links between the deal-flow pages, shown on each of them.
#[component]
pub fn DealNav(club_id: Option<i64>) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <nav class="subnav deal-nav" aria-label=t.deal.nav_deals>
            <ul>
                <li><NavLink href="/deals">{t.deal.deals_title}</NavLink></li>
                <li><NavLink href="/deals/pipeline">{t.deal.my_pipeline}</NavLink></li>
                {club_id
                    .map(|id| {
                        view! {
                            <li>
                                <NavLink href=format!("/clubs/{id}/pipeline")>
                                    {t.deal.club_pipeline}
                                </NavLink>
                            </li>
                        }
                    })}
                <li><NavLink href="/feed">{t.deal.nav_feed}</NavLink></li>
            </ul>
        </nav>
    }
}

#[component]
fn DealsView(
    deals: Vec<DealView>,
    unfollow: ServerAction<UnfollowCompany>,
    limits: Result<Option<LimitReport>, ApiError>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let club_id = crate::components::account::use_auth()
        .viewer
        .and_then(|v| v.club_id);
    view! {
        <PageTitle text=t.deal.deals_title />
        <div class="container">
            <header class="page-header">
                <h1 class="page-title">{t.deal.deals_title}</h1>
                <p class="page-lead">{t.deal.deals_lead}</p>
                <DealNav club_id />
            </header>
            <ActionFeedback result=Signal::derive(move || unfollow.value().get()) success=|t| t.deal.saved />
            {match limits {
                Ok(Some(report)) => view! { <LimitsPanel report /> }.into_any(),
                Ok(None) => ().into_any(),
                Err(e) => view! { <p class="notice notice--danger" role="alert">{e.message(t)}</p> }.into_any(),
            }}
            {if deals.is_empty() {
                view! {
                    <div class="empty-state">
                        <p class="empty-state__title">{t.deal.deals_empty_title}</p>
                        <p class="empty-state__text">{t.deal.deals_empty_text}</p>
                        <a class="btn btn--primary" href="/companies">{t.co.nav_companies}</a>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <div class="table-wrap table-wrap--stack">
                        <table class="table table--stack deals-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t.deal.col_company}</th>
                                    <th scope="col">{t.deal.col_stage}</th>
                                    <th scope="col">{t.deal.col_since}</th>
                                    <th scope="col">{t.deal.col_actions}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {deals
                                    .into_iter()
                                    .map(|d| {
                                        let href = format!("/companies/{}", d.slug);
                                        let cluster = d.cluster.as_ref().map(|c| c.name(locale).to_string());
                                        view! {
                                            <tr>
                                                <th scope="row" class="deals-table__company">
                                                    <a href=href>{d.name_ko.clone()}</a>
                                                    {cluster.map(|c| view! { <span class="deals-table__cluster small muted">{c}</span> })}
                                                </th>
                                                <td data-label=t.deal.col_stage>
                                                    {match d.terms {
                                                        Some(terms) => view! { <TermsSummary terms /> }.into_any(),
                                                        None => view! { <span class="muted">{t.deal.watching_only}</span> }.into_any(),
                                                    }}
                                                </td>
                                                <td class="nowrap" data-label=t.deal.col_since>
                                                    {d.days_in_stage.map(|n| (t.deal.days_in_stage)(n))}
                                                </td>
                                                <td>
                                                    {d.following.then(|| view! {
                                                        <ActionForm action=unfollow attr:class="row-actions__form">
                                                            <input type="hidden" name="slug" value=d.slug.clone() />
                                                            <button type="submit" class="btn btn--ghost btn--small">
                                                                {t.deal.unfollow}
                                                                <span class="visually-hidden">" " {d.name_ko.clone()}</span>
                                                            </button>
                                                        </ActionForm>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </div>
    }
}
