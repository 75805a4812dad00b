//! `/companies/:slug/outcomes`: what came of the forums for one company —
//! the outcomes recorded so far with their status, and a plain form to
//! record another (founders' wait for an admin; an admin's count at once).

use crate::api::outcomes::{company_outcomes, CompanyOutcomesData, RecordOutcome};
use crate::components::access::AccessNotice;
use crate::components::editor::{use_company_slug, EditorHeader, EditorTab, SelectField};
use crate::components::forms::{
    form_action, FieldError, FormAlert, FormErrors, SubmitRow, TextField,
};
use crate::components::status::Loading;
use crate::domain::money::{format_won, Won};
use crate::domain::outcome::{
    Counterparty, OutcomeKind, OutcomeRecord, OutcomeStatus, MAX_EVIDENCE_CHARS,
};
use crate::domain::seoul_time::format_naive_date;
use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;

const OUTCOME_FIELDS: &[&str] = &[
    "kind",
    "amount",
    "amount_usd",
    "headcount",
    "occurred_on",
    "counterparty",
    "evidence",
    "forums",
];

#[component]
pub fn CompanyOutcomesPage() -> impl IntoView {
    let slug = use_company_slug();
    let record = form_action::<RecordOutcome>();
    let data = Resource::new(
        move || (slug.get(), record.version().get()),
        |(slug, _)| company_outcomes(slug),
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <OutcomesView data record /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// "20억원", "US$1,500,000 (19억 5,000만원)", "12명" or "—".
pub fn outcome_amount(
    o: &OutcomeRecord,
    t: &'static crate::i18n::Strings,
    locale: Locale,
) -> String {
    let won = o.amount.map(|a| format_won(Won(a), locale));
    match (o.amount_usd, won, o.headcount) {
        (Some(usd), Some(won), _) => format!("{} ({won})", (t.outcome.usd)(usd)),
        (Some(usd), None, _) => (t.outcome.usd)(usd),
        (None, Some(won), _) => won,
        (None, None, Some(n)) => (t.outcome.people)(n),
        (None, None, None) => "—".to_string(),
    }
}

#[component]
fn OutcomesView(data: CompanyOutcomesData, record: ServerAction<RecordOutcome>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || record.value().get().and_then(Result::err)),
        OUTCOME_FIELDS,
    );
    let done = Signal::derive(move || matches!(record.value().get(), Some(Ok(_))));
    let confirmed_at_once = Signal::derive(move || matches!(record.value().get(), Some(Ok(true))));
    let lead: crate::components::forms::Text = if data.is_admin {
        |t| t.outcome.lead_admin
    } else {
        |t| t.outcome.lead_founder
    };
    let rows = data
        .outcomes
        .iter()
        .map(|o| {
            let (kind, status, counterparty, day) = (o.kind, o.status, o.counterparty, o.occurred_on);
            let forums = o
                .forums
                .iter()
                .map(|(id, title)| view! { <a class="block" href=format!("/forums/{id}")>{title.clone()}</a> })
                .collect_view();
            let tone = match status {
                OutcomeStatus::Confirmed => "success",
                OutcomeStatus::Pending => "warning",
                OutcomeStatus::Rejected => "neutral",
            };
            let amount = o.clone();
            view! {
                <tr>
                    <th scope="row" data-label=move || i18n.t().outcome.col_kind>{move || (i18n.t().outcome.kind)(kind)}</th>
                    <td class="num" data-label=move || i18n.t().outcome.col_amount>
                        {move || outcome_amount(&amount, i18n.t(), i18n.locale())}
                    </td>
                    <td data-label=move || i18n.t().outcome.col_date>{move || format_naive_date(day, i18n.locale())}</td>
                    <td data-label=move || i18n.t().outcome.col_counterparty>
                        {move || (i18n.t().outcome.counterparty)(counterparty)}
                    </td>
                    <td data-label=move || i18n.t().outcome.col_forums>{forums}</td>
                    <td data-label=move || i18n.t().outcome.col_status>
                        <span class=format!("badge badge--{tone}") data-status=status.as_str()>
                            {move || (i18n.t().outcome.status)(status)}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let list = if data.outcomes.is_empty() {
        view! { <p class="muted">{move || i18n.t().outcome.none_yet}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().outcome.col_kind}</th>
                            <th scope="col" class="num">{move || i18n.t().outcome.col_amount}</th>
                            <th scope="col">{move || i18n.t().outcome.col_date}</th>
                            <th scope="col">{move || i18n.t().outcome.col_counterparty}</th>
                            <th scope="col">{move || i18n.t().outcome.col_forums}</th>
                            <th scope="col">{move || i18n.t().outcome.col_status}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let form = if data.forums.is_empty() {
        view! { <p class="muted">{move || i18n.t().outcome.no_forums}</p> }.into_any()
    } else {
        let kinds = OutcomeKind::ALL
            .iter()
            .map(|&k| {
                (
                    k.as_str().to_string(),
                    Signal::derive(move || (i18n.t().outcome.kind)(k).to_string()),
                )
            })
            .collect();
        let parties = Counterparty::ALL
            .iter()
            .map(|&c| {
                (
                    c.as_str().to_string(),
                    Signal::derive(move || (i18n.t().outcome.counterparty)(c).to_string()),
                )
            })
            .collect();
        let only_one = data.forums.len() == 1;
        let form_slug = data.slug.clone();
        let forum_boxes = data
            .forums
            .iter()
            .enumerate()
            .map(|(i, (id, title, day))| {
                let day = *day;
                view! {
                    <label class="check">
                        <input type="checkbox" name=format!("outcome[forums][{i}]") value=id.to_string() checked=only_one />
                        " " {title.clone()} " "
                        <span class="small muted">{move || format_naive_date(day, i18n.locale())}</span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <ActionForm action=record attr:class="form">
                <FormAlert errors />
                <input type="hidden" name="slug" value=form_slug />
                <SelectField errors name="outcome[kind]" field="kind" id="outcome-kind" label=|t| t.outcome.field_kind options=kinds selected="investment" />
                <TextField
                    errors
                    name="outcome[amount]"
                    field="amount"
                    id="outcome-amount"
                    label=|t| t.outcome.field_amount
                    inputmode="numeric"
                    hint=Signal::derive(move || i18n.t().outcome.field_amount_hint.to_string())
                />
                <TextField
                    errors
                    name="outcome[amount_usd]"
                    field="amount_usd"
                    id="outcome-amount-usd"
                    label=|t| t.outcome.field_amount_usd
                    inputmode="numeric"
                    hint=Signal::derive(move || i18n.t().outcome.field_amount_usd_hint.to_string())
                />
                <TextField
                    errors
                    name="outcome[headcount]"
                    field="headcount"
                    id="outcome-headcount"
                    label=|t| t.outcome.field_headcount
                    input_type="number"
                    inputmode="numeric"
                    hint=Signal::derive(move || i18n.t().outcome.field_headcount_hint.to_string())
                />
                <TextField
                    errors
                    name="outcome[occurred_on]"
                    field="occurred_on"
                    id="outcome-date"
                    label=|t| t.outcome.field_occurred_on
                    input_type="date"
                    required=true
                    hint=Signal::derive(move || i18n.t().outcome.field_occurred_on_hint.to_string())
                />
                <SelectField errors name="outcome[counterparty]" field="counterparty" id="outcome-counterparty" label=|t| t.outcome.field_counterparty options=parties selected="" empty=|t| t.deal.choose />
                <div class="field">
                    <label class="field__label" for="outcome-evidence">{move || i18n.t().outcome.field_evidence}</label>
                    <textarea
                        class="field__input"
                        id="outcome-evidence"
                        name="outcome[evidence]"
                        rows="3"
                        required=true
                        maxlength=MAX_EVIDENCE_CHARS
                        aria-describedby="outcome-evidence-hint outcome-evidence-error"
                        aria-invalid=move || errors.invalid("evidence")
                    ></textarea>
                    <p class="field__hint" id="outcome-evidence-hint">{move || i18n.t().outcome.field_evidence_hint}</p>
                    <FieldError errors field="evidence" id="outcome-evidence-error" />
                </div>
                <fieldset class="field outcome-forums" aria-describedby="outcome-forums-hint outcome-forums-error">
                    <legend class="field__label">{move || i18n.t().outcome.field_forums}</legend>
                    <p class="field__hint" id="outcome-forums-hint">{move || i18n.t().outcome.field_forums_hint}</p>
                    {forum_boxes}
                    <FieldError errors field="forums" id="outcome-forums-error" />
                </fieldset>
                <SubmitRow
                    label=|t| t.outcome.record_button
                    pending=record.pending().into()
                    done=done
                    done_text=|t| t.outcome.recorded
                />
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <div class="container">
            <EditorHeader
                slug=data.slug.clone()
                company=data.name.clone()
                active=EditorTab::Outcomes
                title=|t| t.outcome.list_title
                lead=lead
            />
            {move || {
                (done.get() && !confirmed_at_once.get())
                    .then(|| view! { <p class="notice notice--info" role="status">{move || i18n.t().outcome.recorded_pending}</p> })
            }}
            {list}
            <section class="card outcome-form" aria-labelledby="outcome-form-title">
                <h2 class="card__title" id="outcome-form-title">{move || i18n.t().outcome.form_title}</h2>
                {form}
            </section>
        </div>
    }
}
