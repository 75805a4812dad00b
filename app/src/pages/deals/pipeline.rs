//! `/deals/pipeline` and `/clubs/{id}/pipeline`: a column per stage with its
//! count and value; cards show the company, cluster, days in stage and a
//! stale mark. Filters live in the query string (a GET form), moving a card
//! is a plain form on the card. On a phone the columns stack into a list
//! grouped by stage (CSS only).

use super::DealNav;
use crate::api::deals::ChangeInterestStage;
use crate::api::pipeline::{
    pipeline, CardView, PipelineData, PipelineQuery, SetStaleAfterDays, StageColumn,
};
use crate::components::access::AccessNotice;
use crate::components::deal_panel::StageTag;
use crate::components::forms::{form_action, ActionFeedback};
use crate::components::head::PageTitle;
use crate::components::status::Loading;
use crate::domain::deal::{InterestStage, MAX_STALE_AFTER_DAYS};
use crate::domain::money::format_won;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[derive(Clone, Copy)]
struct BoardActions {
    stage: ServerAction<ChangeInterestStage>,
    stale: ServerAction<SetStaleAfterDays>,
}

fn query_from_url() -> PipelineQuery {
    let map = use_query_map().get_untracked();
    let get = |k: &str| map.get(k).unwrap_or_default();
    PipelineQuery {
        cluster: get("cluster"),
        stage: get("stage"),
        member: get("member"),
    }
}

/// My pipeline.
#[component]
pub fn MyPipelinePage() -> impl IntoView {
    view! { <Board club_id=None /> }
}

/// My club's pipeline; the club id in the path is checked on the server.
#[component]
pub fn ClubPipelinePage() -> impl IntoView {
    let params = use_params_map();
    match params
        .get_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
    {
        Some(id) => view! { <Board club_id=Some(id) /> }.into_any(),
        None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

#[component]
fn Board(club_id: Option<i64>) -> impl IntoView {
    let actions = BoardActions {
        stage: form_action::<ChangeInterestStage>(),
        stale: form_action::<SetStaleAfterDays>(),
    };
    let query = query_from_url();
    let data = Resource::new(move || query.clone(), move |q| pipeline(club_id, q));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <BoardView data actions /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BoardView(data: PipelineData, actions: BoardActions) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let title = match &data.club {
        Some((_, name)) => (t.deal.club_pipeline_title)(name),
        None => t.deal.pipeline_title.to_string(),
    };
    let my_club = crate::components::account::use_auth()
        .viewer
        .and_then(|v| v.club_id);
    let base = match data.club {
        Some((id, _)) => format!("/clubs/{id}/pipeline"),
        None => "/deals/pipeline".to_string(),
    };
    let csv_href = format!(
        "{base}.csv{}",
        crate::domain::url::query_string(&[
            ("cluster", data.query.cluster.as_str()),
            ("stage", data.query.stage.as_str()),
            ("member", data.query.member.as_str()),
        ])
    );
    view! {
        <PageTitle text=title.clone() />
        <div class="container container--wide">
            <header class="page-header">
                <h1 class="page-title">{title}</h1>
                <p class="page-lead">
                    {(t.deal.totals)(data.total_count, &format_won(data.total_value, locale))}
                </p>
                <DealNav club_id=my_club />
            </header>
            <ActionFeedback
                result=Signal::derive(move || actions.stage.value().get().map(|r| r.map(|_| ())))
                success=|t| t.deal.recorded
            />
            <ActionFeedback result=Signal::derive(move || actions.stale.value().get()) success=|t| t.deal.saved />
            <Filters data=data.clone() base=base.clone() />
            <p class="row">
                <a class="btn btn--ghost btn--small" href=csv_href download="">{t.deal.export_csv}</a>
            </p>
            <div class="board" role="region" aria-label=t.deal.board_label tabindex="0">
                {data
                    .columns
                    .into_iter()
                    .map(|column| view! { <Column column actions /> })
                    .collect_view()}
            </div>
            <p class="small muted">{t.deal.value_note}</p>
            {data
                .club
                .map(|(club_id, _)| {
                    view! { <StaleSetting club_id days=data.stale_after_days action=actions.stale /> }
                })}
        </div>
    }
}

#[component]
fn Filters(data: PipelineData, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let q = data.query.clone();
    let clear_href = base.clone();
    view! {
        <form method="get" action=base class="filters pipeline-filters">
            <div class="pipeline-filters__grid">
                <div class="field">
                    <label class="field__label" for="pf-cluster">{t.deal.filter_cluster}</label>
                    <select class="field__input" id="pf-cluster" name="cluster">
                        <option value="">{t.deal.filter_any}</option>
                        {data
                            .clusters
                            .iter()
                            .map(|c| {
                                view! {
                                    <option value=c.slug.clone() selected=c.slug == q.cluster>
                                        {c.name(locale).to_string()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="pf-stage">{t.deal.filter_stage}</label>
                    <select class="field__input" id="pf-stage" name="stage">
                        <option value="">{t.deal.filter_any}</option>
                        {InterestStage::ALL
                            .iter()
                            .map(|s| {
                                view! {
                                    <option value=s.as_str() selected=s.as_str() == q.stage>
                                        {(t.deal.stage)(*s)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                {(!data.members.is_empty())
                    .then(|| {
                        view! {
                            <div class="field">
                                <label class="field__label" for="pf-member">{t.deal.filter_member}</label>
                                <select class="field__input" id="pf-member" name="member">
                                    <option value="">{t.deal.filter_any}</option>
                                    {data
                                        .members
                                        .iter()
                                        .map(|m| {
                                            let id = m.user_id.to_string();
                                            view! {
                                                <option value=id.clone() selected=id == q.member>
                                                    {m.display_name.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })}
                <div class="form__actions">
                    <button type="submit" class="btn btn--primary btn--small">{t.deal.filter_apply}</button>
                    <a class="btn btn--ghost btn--small" href=clear_href>{t.deal.filter_clear}</a>
                </div>
            </div>
        </form>
    }
}

#[component]
fn Column(column: StageColumn, actions: BoardActions) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let heading_id = format!("col-{}", column.stage.as_str());
    let labelled_by = heading_id.clone();
    let show_sum = column.stage.has_value();
    view! {
        <section class="board__column" aria-labelledby=labelled_by>
            <header class="board__head">
                <h2 class="board__title" id=heading_id>
                    <StageTag stage=column.stage />
                </h2>
                <p class="board__stats small">
                    <span>{(t.deal.column_count)(column.count)}</span>
                    {show_sum.then(|| view! { <span class="money">{format_won(column.sum, locale)}</span> })}
                </p>
            </header>
            {if column.cards.is_empty() {
                view! { <p class="board__empty small muted">{t.deal.column_empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="board__cards">
                        {column.cards.into_iter().map(|card| view! { <Card card actions /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn Card(card: CardView, actions: BoardActions) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let href = format!("/companies/{}", card.slug);
    let cluster = card.cluster.as_ref().map(|c| c.name(locale).to_string());
    let stage = card.terms.stage;
    let move_id = format!("move-{}", card.interest_id);
    view! {
        <li class="deal-card" class:deal-card--stale=card.stale>
            <p class="deal-card__name">
                <a href=href>{card.name_ko.clone()}</a>
            </p>
            <p class="small muted">
                {cluster}
                {(!card.mine).then(|| format!(" · {}", card.investor_name))}
            </p>
            <p class="deal-card__meta small">
                {stage.has_value().then(|| view! { <span class="money">{format_won(card.value, locale)}</span> })}
                <span>{(t.deal.days_in_stage)(card.days_in_stage)}</span>
                {card
                    .stale
                    .then(|| {
                        view! {
                            <span class="badge badge--warning" title=(t.deal.stale_title)(card.days_in_stage)>
                                {t.deal.stale}
                            </span>
                        }
                    })}
            </p>
            {card
                .mine
                .then(|| {
                    view! {
                        <details class="disclosure deal-card__move">
                            <summary class="disclosure__summary small">{t.deal.move_label}</summary>
                            <ActionForm action=actions.stage attr:class="form form--compact">
                                <input type="hidden" name="slug" value=card.slug.clone() />
                                <input type="hidden" name="expected" value=stage.as_str() />
                                <label class="field__label" for=move_id.clone()>{t.deal.field_stage}</label>
                                <select class="field__input" id=move_id.clone() name="form[stage]" required>
                                    {InterestStage::ALL
                                        .iter()
                                        .filter(|s| **s != stage)
                                        .map(|s| view! { <option value=s.as_str()>{(t.deal.stage)(*s)}</option> })
                                        .collect_view()}
                                </select>
                                <label class="field__label" for=format!("{move_id}-amount")>{t.deal.field_amount}</label>
                                <input class="field__input" id=format!("{move_id}-amount") name="form[amount]" inputmode="numeric" autocomplete="off" />
                                <label class="field__label" for=format!("{move_id}-date")>{t.deal.field_invested_on}</label>
                                <input class="field__input" id=format!("{move_id}-date") name="form[invested_on]" type="date" />
                                <label class="field__label" for=format!("{move_id}-note")>{t.deal.field_note}</label>
                                <input class="field__input" id=format!("{move_id}-note") name="form[note]" autocomplete="off" />
                                <button type="submit" class="btn btn--primary btn--small">{t.deal.move_button}</button>
                            </ActionForm>
                        </details>
                    }
                })}
        </li>
    }
}

#[component]
fn StaleSetting(club_id: i64, days: i64, action: ServerAction<SetStaleAfterDays>) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <ActionForm action attr:class="form stale-setting">
            <input type="hidden" name="club_id" value=club_id.to_string() />
            <div class="field">
                <label class="field__label" for="stale-days">{t.deal.stale_setting}</label>
                <input
                    class="field__input field__input--small"
                    id="stale-days"
                    name="days"
                    type="number"
                    min="1"
                    max=MAX_STALE_AFTER_DAYS.to_string()
                    value=days.to_string()
                    aria-describedby="stale-days-hint"
                />
                <p class="field__hint" id="stale-days-hint">{t.deal.stale_setting_hint}</p>
            </div>
            <button type="submit" class="btn btn--ghost btn--small">{t.deal.save}</button>
        </ActionForm>
    }
}
