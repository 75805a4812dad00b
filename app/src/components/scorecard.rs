//! The scorecards' feedback as founders and admins read it: the weighted
//! total, the number of scorecards, each criterion's weight and average
//! with a bar drawn on the server, and the comments without names.

use crate::domain::scorecard::{format_hundredths, Criterion, Feedback, Weights};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A horizontal bar for an average out of 5.00 (hundredths), as SVG so it
/// needs no script and prints as it shows.
#[component]
pub fn ScoreBar(hundredths: i64) -> impl IntoView {
    let width = (hundredths.clamp(0, 500) as f64) / 5.0;
    view! {
        <svg class="score-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="score-bar__track" x="0" y="0" width="100" height="8" rx="2" />
            <rect class="score-bar__fill" x="0" y="0" width=format!("{width:.1}") height="8" rx="2" />
        </svg>
    }
}

/// The averages table: one row per criterion with its weight.
#[component]
pub fn CriterionTable(averages: [i64; 6], weights: Weights) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Criterion::ALL
        .iter()
        .zip(averages)
        .map(|(c, avg)| {
            let c = *c;
            let weight = weights.of(c);
            view! {
                <tr>
                    <th scope="row">{move || (i18n.t().score.criterion)(c)}</th>
                    <td class="num">{weight} "%"</td>
                    <td class="score-cell">
                        <span class="score-cell__value num">{format_hundredths(avg)}</span>
                        <ScoreBar hundredths=avg />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        // Focusable: on a phone the table may scroll sideways.
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t().score.col_average>
            <table class="table score-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().score.col_criterion}</th>
                        <th scope="col" class="num">{move || i18n.t().score.col_weight}</th>
                        <th scope="col">{move || i18n.t().score.col_average}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The whole feedback: totals, the table and the three comment lists.
#[component]
pub fn FeedbackView(feedback: Feedback, weights: Weights) -> impl IntoView {
    let i18n = use_i18n();
    let count = feedback.count;
    let lists = [
        (feedback.strengths, (|t| t.score.strengths) as fn(&crate::i18n::Strings) -> &'static str),
        (feedback.improvements, |t| t.score.improvements),
        (feedback.questions, |t| t.score.questions),
    ]
    .into_iter()
    .filter(|(items, _)| !items.is_empty())
    .map(|(items, title)| {
        view! {
            <div class="feedback__comments">
                <h3 class="feedback__subtitle">{move || title(i18n.t())}</h3>
                <ul class="feedback__list">
                    {items.into_iter().map(|c| view! { <li class="preline">{c}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
    .collect_view();
    view! {
        <div class="feedback">
            <dl class="feedback__totals">
                <div>
                    <dt>{move || i18n.t().score.weighted_label}</dt>
                    <dd class="feedback__total num">{format_hundredths(feedback.weighted)}</dd>
                </div>
                <div>
                    <dt>{move || i18n.t().score.col_count}</dt>
                    <dd class="num">{move || (i18n.t().score.feedback_count)(count)}</dd>
                </div>
            </dl>
            <CriterionTable averages=feedback.averages weights />
            {lists}
            <p class="small muted">{move || i18n.t().score.anonymous_note}</p>
        </div>
    }
}
