//! The scorecards section of `/admin/forums/{id}`: the forum's weights (a
//! form that must add up to 100), the averages per presenting company, every
//! scorecard with its author (admins see everything), and the release of
//! the anonymous feedback to founders once the forum has closed.

use crate::api::scorecards::{
    admin_forum_scores, AdminScorecard, AdminScores, CompanyScores, ReleaseFeedback,
    SetForumWeights,
};
use crate::components::forms::{form_action, ActionFeedback, FieldError, FormAlert, FormErrors};
use crate::components::scorecard::ScoreBar;
use crate::components::status::Loading;
use crate::domain::scorecard::{criterion_weight_field, format_hundredths, Criterion};
use crate::domain::seoul_time::format_date_time;
use crate::i18n::use_i18n;
use leptos::prelude::*;

const WEIGHT_FIELDS: &[&str] = &[
    "weights",
    "weight_team",
    "weight_market",
    "weight_technology",
    "weight_traction",
    "weight_advantage",
    "weight_attractiveness",
];

#[component]
pub fn ForumScores(forum_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let weights = form_action::<SetForumWeights>();
    let release = form_action::<ReleaseFeedback>();
    let data = Resource::new(
        move || (weights.version().get(), release.version().get()),
        move |_| admin_forum_scores(forum_id),
    );
    view! {
        <section class="card" aria-labelledby="forum-scores-title">
            <h2 class="card__title" id="forum-scores-title">{move || i18n.t().score.admin_title}</h2>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(scores) => view! { <ScoresView scores weights release /> }.into_any(),
                        Err(e) => {
                            view! { <p class="notice notice--danger" role="alert">{move || e.message(i18n.t())}</p> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ScoresView(
    scores: AdminScores,
    weights: ServerAction<SetForumWeights>,
    release: ServerAction<ReleaseFeedback>,
) -> impl IntoView {
    let i18n = use_i18n();
    let forum_id = scores.forum_id;
    let released = scores.released_at;
    let release_result = Signal::derive(move || release.value().get());
    let card_count = scores.cards.len() as i64;
    let release_block = match (released, scores.can_release) {
        (Some(at), _) => view! {
            <p class="notice notice--success" role="status">
                {move || (i18n.t().score.released_on)(&format_date_time(at, i18n.locale()))}
            </p>
        }
        .into_any(),
        (None, true) => view! {
            <p class="small">{move || i18n.t().score.release_hint}</p>
            <ActionForm action=release>
                <input type="hidden" name="forum_id" value=forum_id.to_string() />
                <button type="submit" class="btn btn--primary btn--small">
                    {move || i18n.t().score.release_button}
                </button>
            </ActionForm>
        }
        .into_any(),
        (None, false) => {
            view! { <p class="small muted">{move || i18n.t().score.release_after_closing}</p> }
                .into_any()
        }
    };
    view! {
        <ActionFeedback result=release_result success=|t| t.score.released_ok />
        <h3 class="section-subtitle">{move || i18n.t().score.summary_title}</h3>
        <CompanyAverages companies=scores.companies.clone() />
        // Every card with its comments is long: folded, one click away.
        <details class="disclosure">
            <summary class="disclosure__summary section-subtitle">
                {move || i18n.t().score.cards_title} " (" {move || (i18n.t().score.feedback_count)(card_count)} ")"
            </summary>
            <AllCards cards=scores.cards.clone() />
        </details>
        <h3 class="section-subtitle">{move || i18n.t().score.release_title}</h3>
        {release_block}
        <h3 class="section-subtitle">{move || i18n.t().score.weights_title}</h3>
        <WeightsForm forum_id current=scores.weights.0 locked=released.is_some() weights />
    }
}

#[component]
fn CompanyAverages(companies: Vec<CompanyScores>) -> impl IntoView {
    let i18n = use_i18n();
    if companies.is_empty() {
        return view! { <p class="muted">{move || i18n.t().forum.agenda_empty}</p> }.into_any();
    }
    let head = Criterion::ALL
        .iter()
        .map(|c| {
            let c = *c;
            view! { <th scope="col" class="num">{move || (i18n.t().score.criterion)(c)}</th> }
        })
        .collect_view();
    let rows = companies
        .into_iter()
        .map(|c| {
            let cells = match &c.feedback {
                Some(f) => {
                    let avgs = f
                        .averages
                        .iter()
                        .zip(Criterion::ALL)
                        .map(|(a, crit)| {
                            view! {
                                <td class="num" data-label=move || (i18n.t().score.criterion)(*crit)>
                                    {format_hundredths(*a)}
                                </td>
                            }
                        })
                        .collect_view();
                    let count = f.count;
                    let weighted = f.weighted;
                    view! {
                        <td class="num" data-label=move || i18n.t().score.col_count>{count}</td>
                        {avgs}
                        <td class="score-cell" data-label=move || i18n.t().score.col_total>
                            <span class="score-cell__value num">{format_hundredths(weighted)}</span>
                            <ScoreBar hundredths=weighted />
                        </td>
                    }
                    .into_any()
                }
                None => view! {
                    <td class="num" data-label=move || i18n.t().score.col_count>"0"</td>
                    <td colspan="7" class="muted">{move || i18n.t().score.no_cards}</td>
                }
                .into_any(),
            };
            view! {
                <tr>
                    <th scope="row" data-label=move || i18n.t().score.col_company>
                        <a href=format!("/companies/{}", c.slug)>{c.name}</a>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().score.col_company}</th>
                        <th scope="col" class="num">{move || i18n.t().score.col_count}</th>
                        {head}
                        <th scope="col">{move || i18n.t().score.col_total}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AllCards(cards: Vec<AdminScorecard>) -> impl IntoView {
    let i18n = use_i18n();
    if cards.is_empty() {
        return view! { <p class="muted">{move || i18n.t().score.no_cards}</p> }.into_any();
    }
    let rows = cards
        .into_iter()
        .map(|c| {
            let scores = c
                .scores
                .scores
                .iter()
                .zip(Criterion::ALL)
                .map(|(s, crit)| {
                    view! { <td class="num" data-label=move || (i18n.t().score.criterion)(*crit)>{*s}</td> }
                })
                .collect_view();
            let comments = [
                (c.scores.strengths, (|t| t.score.strengths) as fn(&crate::i18n::Strings) -> &'static str),
                (c.scores.improvements, |t| t.score.improvements),
                (c.scores.questions, |t| t.score.questions),
            ]
            .into_iter()
            .filter(|(text, _)| !text.is_empty())
            .map(|(text, label)| {
                view! {
                    <p class="small preline">
                        <strong>{move || label(i18n.t())} ": "</strong>
                        {text}
                    </p>
                }
            })
            .collect_view();
            let investor = match c.club_name {
                Some(club) => format!("{} · {club}", c.investor_name),
                None => c.investor_name,
            };
            view! {
                <tr>
                    <th scope="row" class="nowrap" data-label=move || i18n.t().score.col_company>{c.company_name}</th>
                    <td data-label=move || i18n.t().score.col_investor>{investor}</td>
                    {scores}
                    <td class="num nowrap" data-label=move || i18n.t().score.col_total>
                        <strong>{format_hundredths(c.weighted)}</strong>
                    </td>
                    <td data-label=move || i18n.t().score.col_scorecard>{comments}</td>
                </tr>
            }
        })
        .collect_view();
    let head = Criterion::ALL
        .iter()
        .map(|c| {
            let c = *c;
            view! { <th scope="col" class="num">{move || (i18n.t().score.criterion)(c)}</th> }
        })
        .collect_view();
    view! {
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().score.col_company}</th>
                        <th scope="col">{move || i18n.t().score.col_investor}</th>
                        {head}
                        <th scope="col" class="num">{move || i18n.t().score.col_total}</th>
                        <th scope="col">{move || i18n.t().score.col_scorecard}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn WeightsForm(
    forum_id: i64,
    current: [i64; 6],
    locked: bool,
    weights: ServerAction<SetForumWeights>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || weights.value().get().and_then(Result::err)),
        WEIGHT_FIELDS,
    );
    let saved = Signal::derive(move || weights.value().get());
    let inputs = Criterion::ALL
        .iter()
        .zip(current)
        .map(|(c, w)| {
            let c = *c;
            let field = criterion_weight_field(c);
            let id = format!("forum-{field}");
            let error_id = format!("{id}-error");
            view! {
                <div class="field">
                    <label class="field__label" for=id.clone()>{move || (i18n.t().score.criterion)(c)}</label>
                    <input
                        class="field__input"
                        id=id
                        name=field
                        type="number"
                        min="0"
                        max="100"
                        step="1"
                        inputmode="numeric"
                        required=true
                        disabled=locked
                        value=w.to_string()
                        aria-describedby=format!("forum-weights-hint {error_id}")
                        aria-invalid=move || errors.invalid(field)
                    />
                    <FieldError errors field id=error_id />
                </div>
            }
        })
        .collect_view();
    view! {
        <p class="field__hint" id="forum-weights-hint">{move || i18n.t().score.weights_hint}</p>
        <ActionFeedback result=saved success=|t| t.score.weights_saved />
        <ActionForm action=weights attr:class="form">
            <FormAlert errors />
            <FieldError errors field="weights" id="forum-weights-error" />
            <input type="hidden" name="forum_id" value=forum_id.to_string() />
            <div class="weights-grid">{inputs}</div>
            {(!locked)
                .then(|| {
                    view! {
                        <div class="form__actions">
                            <button type="submit" class="btn btn--secondary btn--small">
                                {move || i18n.t().score.weights_button}
                            </button>
                        </div>
                    }
                })}
        </ActionForm>
    }
}
