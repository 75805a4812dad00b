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

use crate::api::companies::{
    preview_markdown, CompanyEditorData, DraftSectionView, PitchSaved, SavePitch,
};
use crate::api::ApiError;
use crate::components::editor::{CompanyEditorLoader, EditorHeader, EditorTab, SelectField};
use crate::components::forms::{textarea_text, FieldError, FormAlert, FormErrors, TextField};
use crate::domain::company::{
    visibility_field, Funding, Instrument, SectionKind, Visibility, MAX_SECTION_BYTES,
    MAX_USE_OF_FUNDS_CHARS,
};
use crate::domain::money::format_won;
use crate::domain::seoul_time::format_date_time;
use crate::i18n::{use_i18n, Locale, Strings};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::time::Duration;

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

/// How long typing must pause before the preview is asked for.
const PREVIEW_DELAY: Duration = Duration::from_millis(400);

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
    let action = ServerAction::<SavePitch>::new();
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
    // Counters only mean something once they follow the typing.
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| enhanced.set(true));
    let profile = data.profile;
    let slug = profile.slug.clone();
    let sections = data
        .sections
        .into_iter()
        .map(|section| view! { <SectionEditor section errors enhanced /> })
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
fn EditorStatus(
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

/// One pitch section: its visibility, its Markdown and its preview.
#[component]
fn SectionEditor(
    section: DraftSectionView,
    errors: FormErrors,
    enhanced: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = section.kind;
    let field = kind.as_str();
    let input_id = section_input_id(kind);
    let title_id = format!("{input_id}-title");
    let counter_id = format!("{input_id}-counter");
    let error_id = format!("{input_id}-error");
    let preview_title_id = format!("{input_id}-preview-title");
    let described_by = format!("markdown-help {counter_id} {error_id}");
    let visibility_options = Visibility::ALL
        .iter()
        .map(|&v| {
            (
                v.as_str().to_string(),
                Signal::derive(move || (i18n.t().co.visibility)(v).to_string()),
            )
        })
        .collect::<Vec<_>>();

    let text = RwSignal::new(section.markdown.clone());
    let preview = RwSignal::new(section.html);
    let preview_error = RwSignal::new(None::<ApiError>);

    // Debounced preview: each keystroke restarts the timer; an answer that
    // arrives after a newer request was sent is dropped.
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let sent = StoredValue::new(0_u64);
    let request_preview = move || {
        let Some(markdown) = text.try_get_untracked() else {
            return;
        };
        let Some(ticket) = sent.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = preview_markdown(markdown).await;
            if sent.try_get_value() != Some(ticket) {
                return;
            }
            match result {
                Ok(html) => {
                    preview.try_set(html);
                    preview_error.try_set(None);
                }
                Err(error) => {
                    preview_error.try_set(Some(error));
                }
            }
        });
    };
    let on_input = move |ev| {
        text.set(event_target_value(&ev));
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(set_timeout_with_handle(request_preview, PREVIEW_DELAY).ok());
    };
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });

    let size = move || {
        text.with(|t| {
            (i18n.t().ed.size_counter)(t.chars().count(), t.len(), MAX_SECTION_BYTES / 1000)
        })
    };
    let over = move || text.with(|t| t.len() > MAX_SECTION_BYTES);

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
            <div class="draft-section__grid">
                <div class="field draft-section__editor">
                    <label class="field__label" for=input_id.clone()>
                        {move || i18n.t().ed.section_text_label}
                    </label>
                    <textarea
                        class="field__input draft-section__textarea"
                        id=input_id
                        name=format!("form[{field}]")
                        rows="14"
                        aria-describedby=described_by
                        aria-invalid=move || errors.invalid(field)
                        on:input=on_input
                    >
                        {textarea_text(&section.markdown)}
                    </textarea>
                    <p
                        class="field__hint draft-section__counter"
                        class:draft-section__counter--over=over
                        id=counter_id
                        hidden=move || !enhanced.get()
                    >
                        {size}
                    </p>
                    <FieldError errors field id=error_id />
                </div>
                <div class="pitch-preview" role="region" aria-labelledby=preview_title_id.clone()>
                    <h3 class="pitch-preview__title" id=preview_title_id.clone()>
                        {move || i18n.t().ed.preview_label}
                    </h3>
                    // Sanitised on the server (ammonia allow-list); the only
                    // place a section's Markdown becomes markup.
                    <div class="pitch-preview__body prose" inner_html=move || preview.get()></div>
                    <p
                        class="pitch-preview__empty muted small"
                        hidden=move || !preview.with(String::is_empty)
                    >
                        {move || i18n.t().ed.preview_empty}
                    </p>
                    {move || {
                        preview_error
                            .get()
                            .map(|error| {
                                view! {
                                    <p class="field__error pitch-preview__error">
                                        {move || {
                                            format!(
                                                "{} {}",
                                                i18n.t().ed.preview_failed,
                                                error.message(i18n.t()),
                                            )
                                        }}
                                    </p>
                                }
                            })
                    }}
                </div>
            </div>
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
