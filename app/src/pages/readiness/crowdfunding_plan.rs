//! `/readiness/crowdfunding-plan`: a company's crowdfunding plan checked
//! against the rules, each with its article, verdict and reason.
//!
//! The form is a GET form and nothing is stored: the plan and its result
//! live in the address, so a founder can send it to their consultant and
//! the back button walks through earlier attempts. The rules are pure
//! (`domain::crowdfunding`), so the page computes them while it renders —
//! no server function, no data of anyone else's.

use crate::components::head::PageTitle;
use crate::domain::crowdfunding::{
    check, Certification, CrowdfundingPlanForm, Document, Listing, RuleCheck, Security, Verdict,
};
use crate::domain::field::FieldError;
use crate::i18n::{use_i18n, Strings};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

pub const PATH: &str = "/readiness/crowdfunding-plan";

#[component]
pub fn CrowdfundingPlanPage() -> impl IntoView {
    let t = use_i18n().t();
    let query = use_query_map();
    let form = query.with_untracked(|map| {
        CrowdfundingPlanForm::from_query(|k| map.get(k), |k| map.get_all(k).unwrap_or_default())
    });
    let outcome = (!form.is_blank()).then(|| form.validate().map(|plan| check(&plan)));
    let errors = match &outcome {
        Some(Err(errors)) => errors.clone(),
        _ => Vec::new(),
    };
    view! {
        <PageTitle text=t.rd.plan_title />
        <div class="container container--narrow">
            <header class="page-header">
                <h1 class="page-title">{t.rd.plan_title}</h1>
                <p class="page-lead">{t.rd.plan_lead}</p>
            </header>
            <p class="notice notice--warning legal-notice" role="note">
                {t.rd.not_legal_advice}
            </p>
            {match outcome {
                Some(Ok(checks)) => view! { <Results checks /> }.into_any(),
                Some(Err(_)) => {
                    view! {
                        <p class="notice notice--danger" role="alert">{t.rd.fix_errors}</p>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
            <PlanForm form errors t />
        </div>
    }
}

#[component]
fn Results(checks: Vec<RuleCheck>) -> impl IntoView {
    let t = use_i18n().t();
    let count = |v: Verdict| checks.iter().filter(|c| c.verdict == v).count();
    let (fails, warns) = (count(Verdict::Fail), count(Verdict::Warn));
    let tone = match (fails, warns) {
        (0, 0) => "success",
        (0, _) => "warning",
        _ => "danger",
    };
    view! {
        <section class="plan-results" aria-labelledby="plan-results-title">
            <h2 id="plan-results-title">{t.rd.results_title}</h2>
            <p class=format!("notice notice--{tone}") role="status">{(t.rd.summary)(fails, warns)}</p>
            <ol class="rule-list">
                {checks.into_iter().map(|c| view! { <RuleItem check=c t /> }).collect_view()}
            </ol>
            <p class="field__hint">{t.rd.share_hint}</p>
        </section>
    }
}

#[component]
fn RuleItem(check: RuleCheck, t: &'static Strings) -> impl IntoView {
    let verdict = check.verdict;
    view! {
        <li class=format!("rule rule--{}", verdict.as_str())>
            <div class="rule__head">
                <span class=format!("verdict verdict--{}", verdict.as_str())>
                    {(t.rd.verdict)(verdict)}
                </span>
                <h3 class="rule__title">{(t.rd.rule)(check.rule)}</h3>
            </div>
            <ul class="rule__findings">
                {check
                    .findings
                    .iter()
                    .map(|(v, f)| {
                        view! {
                            <li class=format!("finding finding--{}", v.as_str())>
                                <span class="visually-hidden">{(t.rd.verdict)(*v)}": "</span>
                                {(t.rd.finding)(f)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="rule__article">
                <span class="rule__article-label">{t.rd.article_label}</span>
                " "
                <cite>{check.rule.article()}</cite>
            </p>
            {check
                .uncertain
                .iter()
                .map(|u| {
                    view! {
                        <p class="rule__uncertain">
                            <span class="badge badge--warning">{t.rd.uncertain_label}</span>
                            " "
                            {(t.rd.uncertainty)(*u)}
                        </p>
                    }
                })
                .collect_view()}
        </li>
    }
}

/// The plan form. Every field keeps what was typed, so fixing one error
/// does not mean typing the rest again.
#[component]
fn PlanForm(
    form: CrowdfundingPlanForm,
    errors: Vec<FieldError>,
    t: &'static Strings,
) -> impl IntoView {
    let error_of = |name: &str| errors.iter().find(|e| e.field == name).copied();
    let field = |name: &'static str, kind: &'static str| {
        view! {
            <PlanInput
                name
                kind
                value=form.value(name).to_string()
                error=error_of(name)
                t
            />
        }
    };
    let choice = |name: &'static str, options: Vec<(&'static str, &'static str)>| {
        let current = form.value(name).to_string();
        let error = error_of(name);
        view! {
            <div class="field">
                <label class="field__label" for=name>{(t.rd.field)(name)}</label>
                <select class="field__input" id=name name=name aria-invalid=error.map(|_| "true")>
                    {options
                        .into_iter()
                        .map(|(value, label)| {
                            view! { <option value=value selected=current == value>{label}</option> }
                        })
                        .collect_view()}
                </select>
                {error.map(|e| view! { <p class="field__error">{e.problem.message(t)}</p> })}
            </div>
        }
    };
    let listing = Listing::ALL
        .iter()
        .map(|l| (l.as_str(), (t.rd.listing)(*l)))
        .collect();
    let security = Security::ALL
        .iter()
        .map(|s| (s.as_str(), (t.rd.security)(*s)))
        .collect();
    let doc_error = error_of("doc");
    view! {
        <form method="get" action=PATH class="form plan-form">
            <fieldset class="plan-form__group">
                <legend class="plan-form__legend">{t.rd.section_company}</legend>
                <div class="plan-form__grid">
                    {field("opened_on", "date")}
                    {field("ksic", "text")}
                    {choice("listing", listing)}
                    {Certification::ALL.iter().map(|c| field(c.field(), "date")).collect_view()}
                </div>
                <label class="check">
                    <input type="checkbox" name="project" value="1" checked=form.project == "1" />
                    " "
                    {(t.rd.field)("project")}
                </label>
            </fieldset>
            <fieldset class="plan-form__group">
                <legend class="plan-form__legend">{t.rd.section_money}</legend>
                <div class="plan-form__grid">
                    {choice("security", security)}
                    {field("target", "text")}
                    {field("minimum", "text")}
                    {field("prior_equity", "text")}
                    {field("prior_debt", "text")}
                    {field("repaid", "text")}
                </div>
            </fieldset>
            <fieldset class="plan-form__group">
                <legend class="plan-form__legend">{t.rd.section_schedule}</legend>
                <div class="plan-form__grid">
                    {field("start", "date")}
                    {field("end", "date")}
                    {field("correction", "date")}
                    {field("deposit", "date")}
                    {field("fiscal_year_end", "number")}
                </div>
            </fieldset>
            <fieldset class="plan-form__group">
                <legend class="plan-form__legend">{t.rd.section_documents}</legend>
                <ul class="plan-form__documents">
                    {Document::ALL
                        .iter()
                        .map(|d| {
                            let checked = form.has_document(*d);
                            view! {
                                <li>
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            name=CrowdfundingPlanForm::DOCUMENTS_FIELD
                                            value=d.as_str()
                                            checked=checked
                                        />
                                        " "
                                        {(t.rd.document)(*d)}
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {doc_error.map(|e| view! { <p class="field__error">{e.problem.message(t)}</p> })}
            </fieldset>
            <div class="row">
                <button type="submit" class="btn btn--primary">{t.rd.check_button}</button>
                <a class="btn btn--ghost" href=PATH>{t.rd.clear_link}</a>
            </div>
        </form>
    }
}

#[component]
fn PlanInput(
    name: &'static str,
    kind: &'static str,
    value: String,
    error: Option<FieldError>,
    t: &'static Strings,
) -> impl IntoView {
    let hint = (t.rd.hint)(name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let (min, max) = match kind {
        "number" => (Some("1"), Some("12")),
        _ => (None, None),
    };
    view! {
        <div class="field">
            <label class="field__label" for=name>{(t.rd.field)(name)}</label>
            <input
                class="field__input"
                id=name
                name=name
                type=kind
                value=value
                min=min
                max=max
                maxlength=(kind == "text").then_some("40")
                inputmode=(name == "ksic").then_some("numeric")
                aria-describedby=described_by
                aria-invalid=error.map(|_| "true")
            />
            {hint.map(|h| view! { <p class="field__hint" id=hint_id>{h}</p> })}
            {error
                .map(|e| {
                    view! { <p class="field__error" id=error_id>{e.problem.message(t)}</p> }
                })}
        </div>
    }
}
