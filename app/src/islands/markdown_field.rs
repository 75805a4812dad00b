//! A pitch section's Markdown textarea with its size counter and a live
//! preview rendered by the server (the same renderer and sanitiser as
//! saving). Without JavaScript the textarea is an ordinary form field and
//! the preview shows what was last saved.

use crate::i18n::Locale;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long typing must pause before the preview is asked for.
const PREVIEW_DELAY: Duration = Duration::from_millis(400);

/// What the server knows when it renders the field; sent to the browser as
/// the island's props, so every string is already translated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkdownFieldData {
    /// The textarea's form name, e.g. `form[problem]`.
    pub name: String,
    pub id: String,
    pub label: String,
    pub markdown: String,
    /// The sanitised HTML of `markdown`, rendered on the server.
    pub html: String,
    pub described_by: String,
    /// The server's message about this field after a failed save.
    pub error: Option<String>,
    pub locale: Locale,
    pub max_bytes: usize,
    pub preview_title: String,
    pub preview_empty: String,
    pub preview_failed: String,
}

/// "1,234자 · 3.2KB / 최대 20KB": how much of the section's size is used.
pub fn size_counter(locale: Locale, chars: usize, bytes: usize, max_kb: usize) -> String {
    let size = kb(bytes);
    match locale {
        Locale::Ko => format!("{chars}자 · {size} / 최대 {max_kb}KB"),
        Locale::En => format!("{chars} characters · {size} of {max_kb}KB"),
    }
}

/// Bytes under 1 KB, else kilobytes to one decimal, rounded down, so the
/// counter never shows the limit before it is reached (nor "0.0KB" for a
/// short text).
fn kb(bytes: usize) -> String {
    if bytes < 1000 {
        format!("{bytes}B")
    } else {
        format!("{}.{}KB", bytes / 1000, bytes % 1000 / 100)
    }
}

#[island]
pub fn MarkdownField(field: MarkdownFieldData) -> impl IntoView {
    let MarkdownFieldData {
        name,
        id,
        label,
        markdown,
        html,
        described_by,
        error,
        locale,
        max_bytes,
        preview_title,
        preview_empty,
        preview_failed,
    } = field;
    let counter_id = format!("{id}-counter");
    let error_id = format!("{id}-error");
    let preview_title_id = format!("{id}-preview-title");
    // "<section title> <Preview>": the section's heading is `{id}-title`.
    let preview_labelled_by = format!("{id}-title {preview_title_id}");
    let described_by = format!("{described_by} {counter_id} {error_id}");
    let invalid = error.is_some().then_some("true");

    let text = RwSignal::new(markdown.clone());
    let preview = RwSignal::new(html);
    let preview_failed_now = RwSignal::new(false);
    // The counter only means something once it follows the typing, which
    // needs this island awake; the server renders it hidden.
    let awake = RwSignal::new(false);
    Effect::new(move |_| awake.set(true));

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
            let result = crate::api::companies::preview_markdown(markdown).await;
            if sent.try_get_value() != Some(ticket) {
                return;
            }
            match result {
                Ok(html) => {
                    preview.try_set(html);
                    preview_failed_now.try_set(false);
                }
                Err(_) => {
                    preview_failed_now.try_set(true);
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

    let size =
        move || text.with(|t| size_counter(locale, t.chars().count(), t.len(), max_bytes / 1000));
    let over = move || text.with(|t| t.len() > max_bytes);

    view! {
        <div class="draft-section__grid">
            <div class="field draft-section__editor">
                <label class="field__label" for=id.clone()>
                    {label}
                </label>
                <textarea
                    class="field__input draft-section__textarea"
                    id=id
                    name=name
                    rows="14"
                    aria-describedby=described_by
                    aria-invalid=invalid
                    on:input=on_input
                >
                    {crate::components::forms::textarea_text(&markdown)}
                </textarea>
                <p
                    class="field__hint draft-section__counter"
                    class:draft-section__counter--over=over
                    id=counter_id
                    hidden=move || !awake.get()
                >
                    {size}
                </p>
                {error.map(|message| view! { <p class="field__error" id=error_id>{message}</p> })}
            </div>
            // Focusable: on wide screens the preview scrolls on its own,
            // and keyboard users must be able to scroll it too.
            <div
                class="pitch-preview"
                role="region"
                tabindex="0"
                aria-labelledby=preview_labelled_by
            >
                <p class="pitch-preview__title" id=preview_title_id>
                    {preview_title}
                </p>
                // Sanitised on the server (ammonia allow-list); the only
                // place a section's Markdown becomes markup.
                <div class="pitch-preview__body prose" inner_html=move || preview.get()></div>
                <p
                    class="pitch-preview__empty muted small"
                    hidden=move || !preview.with(String::is_empty)
                >
                    {preview_empty}
                </p>
                <p class="field__error pitch-preview__error" hidden=move || !preview_failed_now.get()>
                    {preview_failed}
                </p>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_bytes_then_tenths_of_a_kilobyte_rounded_down() {
        assert_eq!(kb(0), "0B");
        assert_eq!(kb(999), "999B");
        assert_eq!(kb(1_099), "1.0KB");
        assert_eq!(kb(12_345), "12.3KB");
        assert_eq!(size_counter(Locale::Ko, 3, 9, 20), "3자 · 9B / 최대 20KB");
        assert_eq!(
            size_counter(Locale::En, 1, 20_000, 20),
            "1 characters · 20.0KB of 20KB"
        );
    }
}
