//! Investor limits on the pages: the investor type form (account page),
//! the crowdfunding caps panel (`/deals`), the room note beside a
//! company's interest form, the angel income deduction note of a company
//! page, and the company's facts form (its edit page). Plain forms and
//! server-rendered figures: everything works without JavaScript.

use crate::api::investor::{CrowdfundingRoom, SaveCompanyFacts, SetInvestorType};
use crate::components::deal_panel::StageTag;
use crate::components::editor::SelectField;
use crate::components::forms::{FieldError, FormAlert, FormErrors, SubmitRow, TextField};
use crate::domain::crowdfunding::{income_deduction, InvestorType, Rule};
use crate::domain::investor_limits::{
    deduction_tier_rows, CapStatus, CompanyFacts, CompanyFactsForm, DeductionCheck, LimitReport,
    RouteOutcome,
};
use crate::domain::money::{format_won, Won};
use crate::domain::seoul_time::format_naive_date;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The anchor of the limits panel on `/deals`.
pub const LIMITS_ANCHOR: &str = "limits";

/// The article every caps text cites.
fn caps_article() -> &'static str {
    Rule::InvestorCaps.article()
}

/// The "not legal advice" notice, with the article it is about.
#[component]
fn LegalNote(article: &'static str) -> impl IntoView {
    let t = use_i18n().t();
    view! {
        <p class="rule__article">
            <span class="rule__article-label">{t.rd.article_label}</span>
            " "
            <cite>{article}</cite>
        </p>
        <p class="notice notice--warning legal-notice" role="note">{t.inv.not_legal_advice}</p>
    }
}

fn status_class(status: CapStatus) -> &'static str {
    match status {
        CapStatus::NoCap | CapStatus::Within => "badge badge--success",
        CapStatus::Near => "badge badge--warning",
        CapStatus::Full => "badge badge--accent",
        CapStatus::Over => "badge badge--danger",
    }
}

/// The account page's card: the three types with their caps and what each
/// means, and a form to choose one.
#[component]
pub fn InvestorTypeCard(
    report: LimitReport,
    action: ServerAction<SetInvestorType>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &["investor_type"],
    );
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let current = report.investor_type;
    let cap =
        move |w: Option<Won>| w.map_or_else(|| t.inv.no_cap.to_string(), |w| format_won(w, locale));
    let options = InvestorType::ALL
        .iter()
        .map(|&kind| {
            let id = format!("investor-type-{}", kind.as_str());
            let text_id = format!("{id}-text");
            view! {
                <label class="choice-card" for=id.clone()>
                    <input
                        class="choice-card__input"
                        type="radio"
                        id=id.clone()
                        name="investor_type"
                        value=kind.as_str()
                        checked=kind == current
                        required
                        aria-describedby=text_id.clone()
                    />
                    <span class="choice-card__body">
                        <span class="choice-card__title">{(t.inv.type_name)(kind)}</span>
                        <span class="choice-card__text" id=text_id>
                            {(t.inv.type_explain)(kind)}
                        </span>
                    </span>
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="card investor-type" aria-labelledby="investor-type-title">
            <h2 id="investor-type-title" class="card__title">{t.inv.type_title}</h2>
            <p class="muted small">{t.inv.type_lead}</p>
            <p class="investor-type__current">
                <strong>{(t.inv.type_current)((t.inv.type_name)(current))}</strong>
            </p>
            <div class="table-wrap">
                <table class="table table--compact caps-table">
                    <caption class="small muted">{t.inv.caps_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.inv.col_type}</th>
                            <th scope="col" class="num">{t.inv.col_per_issuer}</th>
                            <th scope="col" class="num">{t.inv.col_annual}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {InvestorType::ALL
                            .iter()
                            .map(|&kind| {
                                view! {
                                    <tr data-type=kind.as_str()>
                                        <th scope="row">{(t.inv.type_name)(kind)}</th>
                                        <td class="num money">{cap(kind.per_issuer_cap())}</td>
                                        <td class="num money">{cap(kind.annual_cap())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <FormAlert errors />
            <ActionForm action attr:class="form">
                <fieldset class="fieldset" aria-describedby="investor-type-hint investor-type-error">
                    <legend class="fieldset__legend">{t.inv.type_legend}</legend>
                    <div class="choice-cards investor-type__choices">{options}</div>
                    <p class="field__hint" id="investor-type-hint">{t.inv.self_declared}</p>
                    <FieldError errors field="investor_type" id="investor-type-error" />
                </fieldset>
                <SubmitRow
                    label=|t| t.inv.type_save
                    pending=Signal::derive(move || action.pending().get())
                    done=Signal::derive(saved)
                    done_text=|t| t.inv.type_saved
                />
            </ActionForm>
            <LegalNote article=caps_article() />
            <p>
                <a href=format!("/deals#{LIMITS_ANCHOR}")>{t.inv.limits_link}</a>
            </p>
        </section>
    }
}

/// The `/deals` panel: how much of the caps the recorded crowdfunding
/// interests use, per company and in all, and what is left.
#[component]
pub fn LimitsPanel(report: LimitReport) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let kind = report.investor_type;
    let usage = report.usage;
    let (from, to) = report.window;
    let any_over = report.annual_status == CapStatus::Over
        || report.issuers.iter().any(|i| i.status == CapStatus::Over);
    let summary = match (usage.annual_cap, usage.per_issuer_cap) {
        (Some(annual), Some(per_issuer)) => view! {
            <ul class="stat-row limits__stats">
                <li class="stat">
                    <span class="stat__value money">{format_won(usage.annual_used, locale)}</span>
                    <span class="stat__label">{(t.inv.annual_used)(usage.annual_used, annual)}</span>
                    <span class=status_class(report.annual_status)>{(t.inv.status)(report.annual_status)}</span>
                </li>
                <li class="stat">
                    <span class="stat__value money">
                        {format_won(report.annual_left.unwrap_or(Won::ZERO), locale)}
                    </span>
                    <span class="stat__label">
                        {(t.inv.annual_left)(report.annual_left.unwrap_or(Won::ZERO))}
                    </span>
                </li>
            </ul>
            <p class="limits__new-issuer">
                <strong>{(t.inv.new_issuer_left)(usage.left_for_new_issuer.unwrap_or(Won::ZERO))}</strong>
                " "
                <span class="muted small">{(t.inv.per_issuer_cap)(per_issuer)}</span>
            </p>
        }
        .into_any(),
        _ => view! { <p class="limits__no-cap">{(t.inv.professional_text)(usage.annual_used)}</p> }
            .into_any(),
    };
    let table = if report.issuers.is_empty() {
        view! { <p class="muted">{t.inv.none_recorded}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap table-wrap--stack">
                <table class="table table--stack table--compact limits-table">
                    <caption class="small muted">{t.inv.issuers_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.inv.col_company}</th>
                            <th scope="col">{t.inv.col_stage}</th>
                            <th scope="col" class="num">{t.inv.col_used}</th>
                            <th scope="col" class="num">{t.inv.col_left}</th>
                            <th scope="col">{t.inv.col_status}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report
                            .issuers
                            .iter()
                            .map(|i| {
                                let href = format!("/companies/{}", i.company_slug);
                                view! {
                                    <tr data-status=i.status.as_str()>
                                        <th scope="row">
                                            <a href=href>{i.company_name.clone()}</a>
                                        </th>
                                        <td data-label=t.inv.col_stage>
                                            <StageTag stage=i.stage />
                                            " "
                                            <span class="small muted nowrap">{format_naive_date(i.on, locale)}</span>
                                        </td>
                                        <td class="num money" data-label=t.inv.col_used>
                                            {format_won(i.used, locale)}
                                        </td>
                                        <td class="num money" data-label=t.inv.col_left>
                                            {i.left.map_or_else(|| t.inv.no_cap.to_string(), |w| format_won(w, locale))}
                                        </td>
                                        <td data-label=t.inv.col_status>
                                            <span class=status_class(i.status)>{(t.inv.status)(i.status)}</span>
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
    };
    view! {
        <section class="card limits" id=LIMITS_ANCHOR aria-labelledby="limits-title">
            <h2 id="limits-title" class="card__title">{t.inv.limits_title}</h2>
            <p>{(t.inv.limits_lead)((t.inv.type_name)(kind), from, to)}</p>
            {any_over
                .then(|| view! { <p class="notice notice--danger" role="alert">{t.inv.over_warning}</p> })}
            {summary}
            {table}
            <p class="small muted">{t.inv.counted_note}</p>
            <p>
                <a class="btn btn--ghost btn--small" href="/account">{t.inv.change_type}</a>
            </p>
            <LegalNote article=caps_article() />
        </section>
    }
}

/// Beside a company's interest form: the room the caps leave for this
/// company, and a warning when the recorded interest passes a cap.
#[component]
pub fn RoomNote(room: CrowdfundingRoom) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let kind = (t.inv.type_name)(room.investor_type);
    let line = match room.room_here {
        Some(w) => (t.inv.room_line)(kind, w),
        None => (t.inv.room_no_cap)(kind),
    };
    let warning = (!room.breaches.is_empty()).then(|| {
        view! {
            <div class="notice notice--danger room-note__warning" role="alert">
                <p><strong>{t.inv.breach_title}</strong></p>
                <ul>
                    {room.breaches.iter().map(|b| view! { <li>{(t.inv.breach)(b)}</li> }).collect_view()}
                </ul>
                <p class="small">{t.inv.breach_advice}</p>
            </div>
        }
    });
    view! {
        <section class="room-note" aria-labelledby="room-note-title">
            <h3 id="room-note-title" class="deal-form__title">{t.inv.room_title}</h3>
            {warning}
            <p class="room-note__line">{line}</p>
            {(room.used_here > Won::ZERO)
                .then(|| view! { <p class="small">{(t.inv.used_here)(room.used_here)}</p> })}
            <p class="small muted">{t.inv.room_hint}</p>
            <p class="small">
                <a href=format!("/deals#{LIMITS_ANCHOR}")>{t.inv.limits_link}</a>
            </p>
        </section>
    }
}

fn outcome_class(outcome: RouteOutcome) -> &'static str {
    match outcome {
        RouteOutcome::Qualifies { .. } => "pass",
        RouteOutcome::DoesNot(_) => "fail",
        RouteOutcome::Unknown(_) => "warn",
    }
}

/// The company page's note for investors: would an investment made today
/// qualify for the angel income deduction, route by route, with the
/// tiers, the cap, the sunset, the article and what is uncertain.
#[component]
pub fn DeductionNote(check: DeductionCheck) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let route = |label: &'static str, outcome: RouteOutcome| {
        let class = outcome_class(outcome);
        view! {
            <li class=format!("rule rule--{class} deduction__route")>
                <p class="deduction__route-name"><strong>{label}</strong></p>
                <p class=format!("finding finding--{class}")>{(t.inv.outcome)(outcome)}</p>
            </li>
        }
    };
    let example = Won(50_000_000);
    view! {
        <section class="card deduction" aria-labelledby="deduction-title">
            <h2 id="deduction-title" class="card__title">{t.inv.ded_title}</h2>
            <p class="small muted">{(t.inv.ded_lead)(check.today)}</p>
            <p class=if check.any_qualifies() { "notice notice--success" } else { "notice notice--info" }>
                {(t.inv.ded_summary)(check.any_qualifies())}
            </p>
            <dl class="facts">
                <div class="facts__row">
                    <dt>{t.inv.fact_opened}</dt>
                    <dd>
                        {check
                            .facts
                            .opened_on
                            .map_or_else(|| t.inv.not_recorded.to_string(), |d| format_naive_date(d, locale))}
                    </dd>
                </div>
                <div class="facts__row">
                    <dt>{t.inv.fact_venture}</dt>
                    <dd>{(t.inv.venture)(check.facts.venture)}</dd>
                </div>
            </dl>
            <ul class="rule-list deduction__routes">
                {route(t.inv.route_direct, check.direct)}
                {route(t.inv.route_crowdfunding, check.crowdfunding)}
            </ul>
            <table class="table table--compact deduction__tiers">
                <caption class="small muted">{t.inv.tiers_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.inv.col_slice}</th>
                        <th scope="col" class="num">{t.inv.col_rate}</th>
                    </tr>
                </thead>
                <tbody>
                    {deduction_tier_rows()
                        .into_iter()
                        .map(|(from, to, percent)| {
                            view! {
                                <tr>
                                    <td>{(t.inv.tier)(from, to)}</td>
                                    <td class="num">{format!("{percent}%")}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <ul class="small deduction__rules">
                <li>{(t.inv.ded_example)(example, income_deduction(example, None))}</li>
                <li>{t.inv.ded_cap}</li>
                <li>{(t.inv.ded_sunset)(check.sunset)}</li>
                <li>{t.inv.ded_recapture}</li>
                <li>{t.inv.ded_debt}</li>
            </ul>
            {t
                .inv
                .uncertain
                .iter()
                .map(|u| {
                    view! {
                        <p class="rule__uncertain">
                            <span class="badge badge--warning">{t.rd.uncertain_label}</span>
                            " "
                            {*u}
                        </p>
                    }
                })
                .collect_view()}
            <LegalNote article=Rule::IncomeDeduction.article() />
        </section>
    }
}

/// The company's facts form on its edit page.
#[component]
pub fn CompanyFactsCard(
    slug: String,
    facts: CompanyFacts,
    action: ServerAction<SaveCompanyFacts>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &CompanyFactsForm::FIELDS,
    );
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let form = CompanyFactsForm::from_facts(&facts);
    let venture_options = ["", "none", "certified"]
        .into_iter()
        .map(|v| {
            (
                v.to_string(),
                Signal::derive(move || (i18n.t().inv.venture_choice)(v).to_string()),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card editor-card" aria-labelledby="facts-form-title">
            <h2 id="facts-form-title" class="card__title">{t.inv.facts_title}</h2>
            <p class="muted small">{t.inv.facts_lead}</p>
            <FormAlert errors />
            <ActionForm action attr:class="form">
                <input type="hidden" name="slug" value=slug />
                <TextField
                    errors
                    name="form[opened_on]"
                    field="opened_on"
                    id="company-opened-on"
                    label=|t| t.inv.opened_label
                    input_type="date"
                    value=form.opened_on.clone()
                    hint=Signal::derive(move || i18n.t().inv.opened_hint.to_string())
                />
                <SelectField
                    errors
                    name="form[venture]"
                    field="venture"
                    id="company-venture"
                    label=|t| t.inv.venture_label
                    options=venture_options
                    selected=form.venture.clone()
                />
                <TextField
                    errors
                    name="form[venture_until]"
                    field="venture_until"
                    id="company-venture-until"
                    label=|t| t.inv.venture_until_label
                    input_type="date"
                    value=form.venture_until.clone()
                    hint=Signal::derive(move || i18n.t().inv.venture_until_hint.to_string())
                />
                <SubmitRow
                    label=|t| t.save_button
                    pending=Signal::derive(move || action.pending().get())
                    done=Signal::derive(saved)
                    done_text=|t| t.saved
                />
            </ActionForm>
        </section>
    }
}
