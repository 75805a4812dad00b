//! `/admin/outcomes`: founders' outcomes waiting for confirmation (with
//! their evidence note, confirmed or rejected with one button each), and
//! every outcome recorded so far with its company.

use crate::api::outcomes::{admin_outcomes, DecideOutcome};
use crate::components::access::AccessNotice;
use crate::components::admin::{AdminGate, AdminHeader};
use crate::components::forms::{form_action, ActionFeedback};
use crate::components::status::Loading;
use crate::domain::outcome::OutcomeRecord;
use crate::domain::seoul_time::format_naive_date;
use crate::i18n::use_i18n;
use crate::pages::companies::outcomes::outcome_amount;
use leptos::prelude::*;

#[component]
pub fn AdminOutcomesPage() -> impl IntoView {
    view! {
        <AdminGate>
            <Outcomes />
        </AdminGate>
    }
}

#[component]
fn Outcomes() -> impl IntoView {
    let i18n = use_i18n();
    let decide = form_action::<DecideOutcome>();
    let data = Resource::new(move || decide.version().get(), |_| admin_outcomes());
    view! {
        <div class="container">
            <AdminHeader title=|t| t.outcome.admin_title lead=|t| t.outcome.admin_lead />
            <p class="editor-bar">
                <a class="btn btn--secondary btn--small" href="/impact">{move || i18n.t().outcome.impact_nav}</a>
            </p>
            <ActionFeedback result=Signal::derive(move || decide.value().get()) success=|t| t.outcome.decided />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => {
                            view! {
                                <section aria-labelledby="pending-title">
                                    <h2 class="section-title" id="pending-title">{move || i18n.t().outcome.pending_title}</h2>
                                    {if data.pending.is_empty() {
                                        view! { <p class="muted">{move || i18n.t().outcome.no_pending}</p> }.into_any()
                                    } else {
                                        view! { <OutcomeTable outcomes=data.pending decide=Some(decide) /> }.into_any()
                                    }}
                                </section>
                                <section aria-labelledby="decided-title">
                                    <h2 class="section-title" id="decided-title">{move || i18n.t().outcome.recent_title}</h2>
                                    <OutcomeTable outcomes=data.decided decide=None />
                                </section>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn OutcomeTable(
    outcomes: Vec<OutcomeRecord>,
    /// The confirm/reject buttons, for pending outcomes.
    decide: Option<ServerAction<DecideOutcome>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if outcomes.is_empty() {
        return view! { <p class="muted">{move || i18n.t().outcome.none_yet}</p> }.into_any();
    }
    let rows = outcomes
        .into_iter()
        .map(|o| {
            let (kind, status, day, id) = (o.kind, o.status, o.occurred_on, o.id);
            let forums = o
                .forums
                .iter()
                .map(|(fid, title)| view! { <a class="block" href=format!("/forums/{fid}")>{title.clone()}</a> })
                .collect_view();
            let amount = o.clone();
            let last = match decide {
                Some(decide) => view! {
                    <ActionForm action=decide attr:class="row-actions__form">
                        <input type="hidden" name="outcome_id" value=id.to_string() />
                        <button type="submit" name="decision" value="confirmed" class="btn btn--primary btn--small">
                            {move || i18n.t().outcome.confirm_button}
                        </button>
                        <button type="submit" name="decision" value="rejected" class="btn btn--ghost btn--small">
                            {move || i18n.t().outcome.reject_button}
                        </button>
                    </ActionForm>
                }
                .into_any(),
                None => view! {
                    <span class="badge badge--neutral" data-status=status.as_str()>
                        {move || (i18n.t().outcome.status)(status)}
                    </span>
                }
                .into_any(),
            };
            view! {
                <tr>
                    <th scope="row" data-label=move || i18n.t().outcome.col_company>
                        <a href=format!("/companies/{}/outcomes", o.company_slug)>{o.company_name.clone()}</a>
                    </th>
                    <td data-label=move || i18n.t().outcome.col_kind>{move || (i18n.t().outcome.kind)(kind)}</td>
                    <td class="num" data-label=move || i18n.t().outcome.col_amount>
                        {move || outcome_amount(&amount, i18n.t(), i18n.locale())}
                    </td>
                    <td data-label=move || i18n.t().outcome.col_date>{move || format_naive_date(day, i18n.locale())}</td>
                    <td data-label=move || i18n.t().outcome.col_forums>{forums}</td>
                    <td class="preline small" data-label=move || i18n.t().outcome.col_evidence>{o.evidence.clone()}</td>
                    <td data-label=move || i18n.t().outcome.col_status>{last}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().outcome.col_company}</th>
                        <th scope="col">{move || i18n.t().outcome.col_kind}</th>
                        <th scope="col" class="num">{move || i18n.t().outcome.col_amount}</th>
                        <th scope="col">{move || i18n.t().outcome.col_date}</th>
                        <th scope="col">{move || i18n.t().outcome.col_forums}</th>
                        <th scope="col">{move || i18n.t().outcome.col_evidence}</th>
                        <th scope="col">{move || i18n.t().outcome.col_status}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
