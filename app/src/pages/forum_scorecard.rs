//! `/forums/{id}/scorecards/{slug}`: an attending investor's scorecard for
//! one presenting company — a choice of 1 to 5 per criterion (radio
//! buttons, so it works as a plain form) and three comments. Read only
//! once the forum has closed.

use crate::api::scorecards::{scorecard_page, SaveScorecard, ScorecardPageData};
use crate::components::access::AccessNotice;
use crate::components::forms::{
    form_action, textarea_text, FieldError, FormAlert, FormErrors, SubmitRow,
};
use crate::components::head::PageTitle;
use crate::components::status::Loading;
use crate::domain::scorecard::{
    criterion_field, format_hundredths, weighted_hundredths, Criterion, ScorecardForm,
    MAX_COMMENT_CHARS, MAX_SCORE, MIN_SCORE,
};
use crate::i18n::{use_i18n, Strings};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const SCORE_FIELDS: &[&str] = &[
    "team",
    "market",
    "technology",
    "traction",
    "advantage",
    "attractiveness",
    "strengths",
    "improvements",
    "questions",
];

#[component]
pub fn ForumScorecardPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0),
            p.get("slug").unwrap_or_default(),
        )
    };
    let save = form_action::<SaveScorecard>();
    let page = Resource::new(
        move || (key(), save.version().get()),
        |((id, slug), _)| scorecard_page(id, slug),
    );
    view! {
        <div class="container container--narrow">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(data) => view! { <ScorecardView data save /> }.into_any(),
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ScorecardView(data: ScorecardPageData, save: ServerAction<SaveScorecard>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || save.value().get().and_then(Result::err)),
        SCORE_FIELDS,
    );
    let saved = Signal::derive(move || matches!(save.value().get(), Some(Ok(()))));
    let company = data.company_name.clone();
    let title = Signal::derive({
        let company = company.clone();
        move || (i18n.t().score.page_title)(&company)
    });
    let forum_href = format!("/forums/{}", data.forum_id);
    let editable = data.editable;
    let weights = data.weights;
    let total = data
        .form
        .validate()
        .ok()
        .filter(|_| data.saved)
        .map(|s| format_hundredths(weighted_hundredths(&s.scores, &weights)));
    let form = data.form.clone();
    let form_slug = data.company_slug.clone();
    let forum_id = data.forum_id.to_string();
    let fieldsets = Criterion::ALL
        .iter()
        .map(|c| view! { <ScoreChoice criterion=*c form=form.clone() weight=weights.of(*c) editable errors /> })
        .collect_view();
    let comment =
        move |name: &'static str, label: fn(&'static Strings) -> &'static str, value: String| {
            let id = format!("score-{name}");
            let error_id = format!("{id}-error");
            view! {
                <div class="field">
                    <label class="field__label" for=id.clone()>{move || label(i18n.t())}</label>
                    <textarea
                        class="field__input"
                        id=id
                        name=format!("card[{name}]")
                        rows="3"
                        maxlength=MAX_COMMENT_CHARS
                        disabled=!editable
                        aria-describedby=format!("score-comments-hint {error_id}")
                        aria-invalid=move || errors.invalid(name)
                    >
                        {textarea_text(&value)}
                    </textarea>
                    <FieldError errors field=name id=error_id />
                </div>
            }
        };
    view! {
        <PageTitle text=(i18n.t().score.page_title)(&company) />
        <nav class="breadcrumb" aria-label=move || i18n.t().breadcrumb_label>
            <ol>
                <li>
                    <a href="/forums">{move || i18n.t().forum.nav}</a>
                </li>
                <li>
                    <a href=forum_href.clone()>{data.forum_title.clone()}</a>
                </li>
                <li aria-current="page">{company.clone()}</li>
            </ol>
        </nav>
        <header class="page-header">
            <h1 class="page-title">{title}</h1>
            <p class="page-lead">
                <a href=format!("/companies/{}", data.company_slug)>{company.clone()}</a>
                {total.map(|t| view! { " · " {move || i18n.t().score.col_total} " " <strong class="num">{t}</strong> })}
            </p>
        </header>
        {if editable {
            view! { <p>{move || i18n.t().score.lead}</p> }.into_any()
        } else {
            view! { <p class="notice notice--info" role="status">{move || i18n.t().score.read_only}</p> }.into_any()
        }}
        <ActionForm action=save attr:class="form">
            <FormAlert errors />
            <input type="hidden" name="forum_id" value=forum_id />
            <input type="hidden" name="slug" value=form_slug />
            <p class="small muted">{move || i18n.t().score.scale_hint}</p>
            {fieldsets}
            <p class="field__hint" id="score-comments-hint">{move || i18n.t().score.comments_hint}</p>
            {comment("strengths", |t| t.score.strengths, data.form.strengths.clone())}
            {comment("improvements", |t| t.score.improvements, data.form.improvements.clone())}
            {comment("questions", |t| t.score.questions, data.form.questions.clone())}
            {editable
                .then(|| {
                    view! {
                        <SubmitRow
                            label=|t| t.score.save_button
                            pending=save.pending().into()
                            done=saved
                            done_text=|t| t.score.saved
                        />
                    }
                })}
        </ActionForm>
        <p>
            <a href=forum_href>{move || i18n.t().score.back_to_forum}</a>
        </p>
    }
}

/// One criterion: its name, weight and what it asks, and five choices.
#[component]
fn ScoreChoice(
    criterion: Criterion,
    form: ScorecardForm,
    weight: i64,
    editable: bool,
    errors: FormErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = criterion_field(criterion);
    let current = form.value(criterion).trim().to_string();
    let hint_id = format!("score-{field}-hint");
    let error_id = format!("score-{field}-error");
    let described_by = format!("{hint_id} {error_id}");
    let options = (MIN_SCORE..=MAX_SCORE)
        .map(|n| {
            let value = n.to_string();
            let checked = current == value;
            view! {
                <label class="score-choice__option">
                    <input
                        type="radio"
                        name=format!("card[{field}]")
                        value=value
                        checked=checked
                        required=true
                        disabled=!editable
                    />
                    {move || (i18n.t().score.score_option)(n)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="score-choice"
            aria-describedby=described_by
            aria-invalid=move || errors.invalid(field)
        >
            <legend>
                {move || (i18n.t().score.criterion)(criterion)} " "
                <span class="small muted">"(" {move || (i18n.t().score.weight_of)(weight)} ")"</span>
            </legend>
            <p class="field__hint" id=hint_id>{move || (i18n.t().score.criterion_hint)(criterion)}</p>
            <div class="score-choice__options">{options}</div>
            <FieldError errors field id=error_id />
        </fieldset>
    }
}
