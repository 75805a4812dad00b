//! Form feedback: the last submission's error, split by field so each
//! message sits next to the input it is about (and marks it
//! `aria-invalid`), with anything else shown once above the form.

use crate::api::ApiError;
use crate::i18n::{use_i18n, Strings};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The query parameter the server adds when a plain form post succeeded:
/// the server function's path (see `mark_form_outcome` in the server).
pub const SUCCESS_MARK: &str = "__ok";
/// The query parameter that carries the successful call's JSON output.
pub const OUTPUT_MARK: &str = "__out";

/// A form's server action, created with the outcome of the plain form post
/// that led to this page, if there was one.
///
/// Every form is a real `<form>` that posts and comes back (islands mode:
/// no page code runs in the browser). A failure comes back in the URL as
/// server_fn's `__err`, which [`ServerAction::new`] already reads; a
/// success comes back as [`SUCCESS_MARK`] and [`OUTPUT_MARK`], read here, so
/// "saved" notices show after a post just as they would after a fetch.
/// Call it below the router, where the URL is known.
pub fn form_action<S>() -> ServerAction<S>
where
    S: ServerFn + Send + Sync + Clone + 'static,
    S::Output: serde::de::DeserializeOwned + Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    #[cfg(feature = "ssr")]
    {
        let query = leptos_router::hooks::use_query_map().get_untracked();
        if query.get_str(SUCCESS_MARK) == Some(S::PATH) {
            let output = query.get_str(OUTPUT_MARK).unwrap_or("null");
            if let Ok(output) = serde_json::from_str::<S::Output>(output) {
                action.value().set(Some(Ok(output)));
            }
        }
    }
    action
}

/// Picks one translated sentence from the strings table, so a label
/// follows a language switch.
pub type Text = fn(&'static Strings) -> &'static str;

/// The error of a form's last submission. `fields` are the names of the
/// form's inputs as the server reports them (`ApiError::field`).
#[derive(Clone, Copy)]
pub struct FormErrors {
    error: Signal<Option<ApiError>>,
    fields: &'static [&'static str],
}

impl FormErrors {
    pub fn new(error: Signal<Option<ApiError>>, fields: &'static [&'static str]) -> Self {
        FormErrors { error, fields }
    }

    /// The error about this field, if the last submission had one.
    pub fn on(self, field: &'static str) -> Option<ApiError> {
        self.error.get().filter(|e| e.field() == Some(field))
    }

    /// `aria-invalid` for an input.
    pub fn invalid(self, field: &'static str) -> Option<&'static str> {
        self.on(field).map(|_| "true")
    }

    /// An error that belongs to no input of this form (rate limit, server
    /// trouble, a refused action).
    pub fn general(self) -> Option<ApiError> {
        let fields = self.fields;
        self.error
            .get()
            .filter(|e| e.field().is_none_or(|f| !fields.contains(&f)))
    }
}

/// The message under an input; `id` is what the input's
/// `aria-describedby` names.
#[component]
pub fn FieldError(
    errors: FormErrors,
    field: &'static str,
    #[prop(into)] id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        errors.on(field).map(|e| {
            view! {
                <p class="field__error" id=id.clone()>
                    {move || e.message(i18n.t())}
                </p>
            }
        })
    }
}

/// Errors that belong to no field, announced once above the form.
#[component]
pub fn FormAlert(errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        errors.general().map(|e| {
            view! {
                <p class="notice notice--danger" role="alert">
                    {move || e.message(i18n.t())}
                </p>
            }
        })
    }
}

/// A form's submit button, disabled while the post is in flight, with a
/// short confirmation beside it once the post went through.
#[component]
pub fn SubmitRow(
    label: Text,
    pending: Signal<bool>,
    done: Signal<bool>,
    done_text: Text,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form__actions">
            <button type="submit" class="btn btn--primary" disabled=move || pending.get()>
                {move || label(i18n.t())}
            </button>
            {move || {
                done.get()
                    .then(|| {
                        view! {
                            <p class="form__saved" role="status">
                                {move || done_text(i18n.t())}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// "Saved" after a successful submission, or the error if it failed:
/// for forms whose errors have no field of their own (row buttons).
#[component]
pub fn ActionFeedback(
    result: Signal<Option<Result<(), ApiError>>>,
    /// The sentence for success, from the string table.
    success: fn(&'static crate::i18n::Strings) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match result.get() {
        Some(Ok(())) => Some(
            view! {
                <p class="notice notice--success" role="status">
                    {move || success(i18n.t())}
                </p>
            }
            .into_any(),
        ),
        Some(Err(e)) => Some(
            view! {
                <p class="notice notice--danger" role="alert">
                    {move || e.message(i18n.t())}
                </p>
            }
            .into_any(),
        ),
        None => None,
    }
}

/// A labelled single-line input with its hint and error: the one shape
/// every form field takes, so labels, `aria-describedby` and
/// `aria-invalid` are always wired the same way.
#[component]
pub fn TextField(
    errors: FormErrors,
    /// The input's `name`, which is also how the server names its errors.
    name: &'static str,
    /// The field the server's errors name, when the input's `name` is
    /// nested (`form[email]` reports as `email`).
    #[prop(optional)]
    field: Option<&'static str>,
    id: &'static str,
    label: Text,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// A sentence under the label, e.g. the rules a password must meet.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = field.unwrap_or(name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>
                {move || label(i18n.t())}
            </label>
            <input
                class="field__input"
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                maxlength=maxlength
                value=value
                placeholder=placeholder
                inputmode=inputmode
                aria-describedby=described_by
                aria-invalid=move || errors.invalid(field)
            />
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            <FieldError errors field id=error_id />
        </div>
    }
}

/// User text to put inside a `<textarea>`. Leptos' server renderer (tachys
/// 0.2) writes textarea children unescaped, so a `</textarea>` in a saved
/// pitch would end the element and the rest would become live markup; on
/// the server `&` and `<` are escaped here. In the browser the text
/// becomes a text node and must stay as typed.
pub fn textarea_text(text: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        text.replace('&', "&amp;").replace('<', "&lt;")
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.to_string()
    }
}
