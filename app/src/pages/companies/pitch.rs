//! `/companies/:slug/pitch`: the pitch draft. Six Markdown sections, each
//! with who may read it and a preview, then the funding terms. One form,
//! two submit buttons: "save draft" keeps the changes to the company;
//! "save and publish" also makes them the next published revision.
//!
//! Without JavaScript the form posts and the page comes back with the
//! saved draft (its status line shows when it was saved) or the server's
//! errors, and each preview shows the draft as last saved. With it the
//! form saves in place, each preview follows the typing (rendered by the
//! server, which also sanitises it: no Markdown code ships to the
//! browser), and each section shows its size against the limit.

use crate::api::companies::{CompanyEditorData, DraftSectionView, PitchSaved, SavePitch};
use crate::components::editor::{CompanyEditorLoader, EditorHeader, EditorTab, SelectField};
use crate::components::forms::form_action;
use crate::components::forms::{textarea_text, FieldError, FormAlert, FormErrors, TextField};
use crate::domain::company::{
    visibility_field, Funding, Instrument, SectionKind, Visibility, MAX_SECTION_BYTES,
    MAX_USE_OF_FUNDS_CHARS,
};
use crate::domain::money::format_won;
use crate::domain::seoul_time::format_date_time;
use crate::i18n::{use_i18n, Locale, Strings};
use crate::islands::markdown_field::{MarkdownField, MarkdownFieldData};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The form's fields as the server names them in its errors. `publish`
/// (nothing to publish) is not one of them: it shows as a general alert.
const FIELDS: &[&str] = &[
    "technology",
    "technology_visibility",
    "business_item",
    "business_item_visibility",
    "market",
    "market_visibility",
    "business_plan",
    "business_plan_visibility",
    "team",
    "team_visibility",
    "funding_plan",
    "funding_plan_visibility",
    "amount",
    "instrument",
    "use_of_funds",
];

/// The id of a section's textarea.
fn section_input_id(kind: SectionKind) -> String {
    format!("pitch-{}", kind.as_str())
}

/// Where an error's field sits on the page, for the link in the summary
/// next to the save buttons.
fn field_anchor(field: &str) -> Option<String> {
    if let Some(kind) = SectionKind::parse(field) {
        return Some(format!("#{}", section_input_id(kind)));
    }
    if let Some(kind) = section_of_visibility(field) {
        return Some(format!("#{}-visibility", section_input_id(kind)));
    }
    match field {
        "amount" => Some("#pitch-amount".into()),
        "instrument" => Some("#pitch-instrument".into()),
        "use_of_funds" => Some("#pitch-use-of-funds".into()),
        _ => None,
    }
}

/// What a field is called on the page.
fn field_label(field: &str, t: &'static Strings) -> String {
    if let Some(kind) = SectionKind::parse(field) {
        return (t.co.section)(kind).to_string();
    }
    if let Some(kind) = section_of_visibility(field) {
        return format!("{} · {}", (t.co.section)(kind), t.ed.visibility_label);
    }
    match field {
        "amount" => t.co.funding_amount.into(),
        "instrument" => t.co.funding_instrument.into(),
        _ => t.co.funding_use.into(),
    }
}

fn section_of_visibility(field: &str) -> Option<SectionKind> {
    SectionKind::ALL
        .iter()
        .copied()
        .find(|k| visibility_field(*k) == field)
}

#[component]
pub fn PitchEditorPage() -> impl IntoView {
    // Created here, below the routes, so a plain form post's error that
    // came back in the URL reaches it.
    let action = form_action::<SavePitch>();
    let saved = Signal::derive(move || matches!(action.value().get(), Some(Ok(_))));
    view! {
        <CompanyEditorLoader
            saved
            editor=move |data| view! { <PitchEditor data action /> }
        />
    }
}

#[component]
fn PitchEditor(data: CompanyEditorData, action: ServerAction<SavePitch>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        FIELDS,
    );
    let profile = data.profile;
    let slug = profile.slug.clone();
    let sections = data
        .sections
        .into_iter()
        .map(|section| view! { <SectionEditor section errors /> })
        .collect_view();
    view! {
        <div class="container editor-page">
            <EditorHeader
                slug=slug.clone()
                company=profile.name_ko.clone()
                active=EditorTab::Pitch
                title=|t| t.ed.pitch_title
                lead=|t| t.ed.pitch_lead
            />
            <EditorStatus
                revision=profile.revision
                saved_at=data.saved_at
                saved_by=data.saved_by
                unpublished=data.unpublished_changes
            />
            <ActionForm action attr:class="pitch-form">
                <input type="hidden" name="slug" value=slug.clone() />
                <p class="notice notice--info pitch-form__help" id="markdown-help">
                    {move || i18n.t().ed.markdown_help}
                </p>
                {sections}
                <FundingFields funding=data.funding errors />
                <div class="pitch-actions">
                    <SaveFeedback action errors slug />
                    <div class="pitch-actions__buttons">
                        // First in order: Enter in a one-line field saves a
                        // draft, never publishes.
                        <button
                            type="submit"
                            name="intent"
                            value="draft"
                            class="btn btn--ghost"
                            disabled=move || action.pending().get()
                        >
                            {move || i18n.t().ed.save_draft}
                        </button>
                        <button
                            type="submit"
                            name="intent"
                            value="publish"
                            class="btn btn--primary"
                            disabled=move || action.pending().get()
                        >
                            {move || i18n.t().ed.save_publish}
                        </button>
                    </div>
                </div>
            </ActionForm>
        </div>
    }
}

/// What is published and when the draft was last saved.
#[component]
pub(crate) fn EditorStatus(
    revision: i64,
    saved_at: Option<DateTime<Utc>>,
    saved_by: Option<String>,
    unpublished: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let live = if revision > 0 {
        view! {
            <span class="badge badge--success">
                {move || (i18n.t().ed.live_revision)(revision)}
            </span>
        }
        .into_any()
    } else {
        view! { <span class="badge badge--neutral">{move || i18n.t().co.never_published}</span> }
            .into_any()
    };
    let saved = move || {
        let t = i18n.t();
        match (saved_at, saved_by.as_deref()) {
            (Some(at), Some(by)) => (t.ed.last_saved_by)(&format_date_time(at, i18n.locale()), by),
            (Some(at), None) => (t.ed.last_saved)(&format_date_time(at, i18n.locale())),
            (None, _) => t.ed.never_saved.to_string(),
        }
    };
    view! {
        <div class="editor-status" role="group" aria-label=move || i18n.t().ed.status_label>
            <span class="badges">
                {live}
                {unpublished
                    .then(|| {
                        view! {
                            <span class="badge badge--warning">
                                {move || i18n.t().ed.unpublished_badge}
                            </span>
                        }
                    })}
            </span>
            <p class="editor-status__saved muted small">{saved}</p>
        </div>
    }
}

/// One pitch section: its visibility, its Markdown and its preview (the
/// only island on the page).
#[component]
fn SectionEditor(section: DraftSectionView, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let kind = section.kind;
    let field = kind.as_str();
    let input_id = section_input_id(kind);
    let title_id = format!("{input_id}-title");
    let visibility_options = Visibility::ALL
        .iter()
        .map(|&v| {
            (
                v.as_str().to_string(),
                Signal::derive(move || (i18n.t().co.visibility)(v).to_string()),
            )
        })
        .collect::<Vec<_>>();
    let props = MarkdownFieldData {
        name: format!("form[{field}]"),
        id: input_id.clone(),
        label: t.ed.section_text_label.to_string(),
        markdown: section.markdown,
        html: section.html,
        described_by: "markdown-help".to_string(),
        error: errors.on(field).map(|e| e.message(t)),
        locale: i18n.locale(),
        max_bytes: MAX_SECTION_BYTES,
        preview_title: t.ed.preview_label.to_string(),
        preview_empty: t.ed.preview_empty.to_string(),
        preview_failed: t.ed.preview_failed.to_string(),
    };

    view! {
        <section class="card draft-section" aria-labelledby=title_id.clone()>
            <div class="draft-section__head">
                <h2 class="draft-section__title" id=title_id.clone()>
                    {move || (i18n.t().co.section)(kind)}
                </h2>
                <div class="draft-section__visibility">
                    <SelectField
                        errors
                        name=format!("form[{}]", visibility_field(kind))
                        field=visibility_field(kind)
                        id=format!("{input_id}-visibility")
                        label=|t| t.ed.visibility_label
                        options=visibility_options
                        selected=section.visibility.as_str()
                    />
                </div>
            </div>
            <MarkdownField field=props />
        </section>
    }
}

/// Amount, instrument and use of funds.
#[component]
fn FundingFields(funding: Funding, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let saved_amount = funding.amount;
    // Korean units never round, so the saved amount reads back exactly.
    let amount_value = saved_amount
        .map(|won| format_won(won, Locale::Ko))
        .unwrap_or_default();
    let amount_hint = Signal::derive(move || {
        let t = i18n.t();
        match saved_amount {
            Some(won) => format!(
                "{} {}",
                t.ed.amount_hint,
                (t.ed.amount_saved)(&format_won(won, i18n.locale()))
            ),
            None => t.ed.amount_hint.to_string(),
        }
    });
    let instrument_options = Instrument::ALL
        .iter()
        .map(|&i| {
            (
                i.as_str().to_string(),
                Signal::derive(move || (i18n.t().co.instrument)(i).to_string()),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card draft-section pitch-funding" aria-labelledby="pitch-funding-title">
            <h2 class="draft-section__title" id="pitch-funding-title">
                {move || i18n.t().co.funding_title}
            </h2>
            <p class="muted small">{move || i18n.t().ed.funding_note}</p>
            <div class="pitch-funding__grid">
                <TextField
                    errors
                    name="form[amount]"
                    field="amount"
                    id="pitch-amount"
                    label=|t| t.co.funding_amount
                    maxlength=40
                    value=amount_value
                    hint=amount_hint
                />
                <SelectField
                    errors
                    name="form[instrument]"
                    field="instrument"
                    id="pitch-instrument"
                    label=|t| t.co.funding_instrument
                    options=instrument_options
                    selected=funding.instrument.map(|i| i.as_str()).unwrap_or_default()
                    empty=|t| t.ed.choose_none
                />
            </div>
            <div class="field">
                <label class="field__label" for="pitch-use-of-funds">
                    {move || i18n.t().co.funding_use}
                </label>
                <textarea
                    class="field__input"
                    id="pitch-use-of-funds"
                    name="form[use_of_funds]"
                    rows="5"
                    maxlength=MAX_USE_OF_FUNDS_CHARS
                    aria-describedby="pitch-use-of-funds-hint pitch-use-of-funds-error"
                    aria-invalid=move || errors.invalid("use_of_funds")
                >
                    {textarea_text(&funding.use_of_funds)}
                </textarea>
                <p class="field__hint" id="pitch-use-of-funds-hint">
                    {move || (i18n.t().ed.max_chars)(MAX_USE_OF_FUNDS_CHARS)}
                </p>
                <FieldError errors field="use_of_funds" id="pitch-use-of-funds-error" />
            </div>
        </section>
    }
}

/// The outcome of the last save, next to the buttons: what was saved (and
/// where to see it), the general error, or which field to fix.
#[component]
fn SaveFeedback(
    action: ServerAction<SavePitch>,
    errors: FormErrors,
    slug: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let page = format!("/companies/{slug}");
    let history = format!("/companies/{slug}/history");
    let outcome = move || match action.value().get() {
        Some(Ok(PitchSaved::Draft)) => Some(
            view! {
                <p class="notice notice--success" role="status">
                    {move || i18n.t().ed.draft_saved}
                </p>
            }
            .into_any(),
        ),
        Some(Ok(PitchSaved::Published { revision })) => Some(
            view! {
                <div class="notice notice--success pitch-actions__published" role="status">
                    <p>{move || (i18n.t().ed.published)(revision)}</p>
                    <p class="row">
                        <a href=page.clone()>{move || i18n.t().ed.see_published}</a>
                        <a href=history.clone()>{move || i18n.t().co.view_history}</a>
                    </p>
                </div>
            }
            .into_any(),
        ),
        Some(Err(error)) => {
            let field = error.field().filter(|f| FIELDS.contains(f))?.to_string();
            let href = field_anchor(&field)?;
            Some(
                view! {
                    <p class="notice notice--danger" role="alert">
                        <span>{move || i18n.t().ed.fix_field}</span>
                        " "
                        <a href=href>{move || field_label(&field, i18n.t())}</a>
                        <span>{move || format!(": {}", error.message(i18n.t()))}</span>
                    </p>
                }
                .into_any(),
            )
        }
        None => None,
    };
    view! {
        <div class="pitch-actions__feedback">
            <FormAlert errors />
            {outcome}
        </div>
    }
}
