//! The frame of the pages where a company edits itself (profile, pitch,
//! history, team): the page title with the company's name, the
//! sub-navigation between those pages, and a labelled `<select>` wired
//! like [`TextField`](crate::components::forms::TextField), and the
//! loader that the profile and pitch editors share.

use crate::api::companies::{company_editor, CompanyEditorData};
use crate::components::access::AccessNotice;
use crate::components::forms::{FieldError, FormErrors, Text};
use crate::components::head::PageTitle;
use crate::components::status::Loading;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// One link of the editing sub-navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorTab {
    /// The company page as readers see it.
    Page,
    Profile,
    Pitch,
    History,
    Team,
    /// Who follows the company and the meeting requests it received.
    Interest,
    /// What came of the forums it presented at.
    Outcomes,
}

impl EditorTab {
    pub const ALL: [EditorTab; 7] = [
        EditorTab::Page,
        EditorTab::Profile,
        EditorTab::Pitch,
        EditorTab::History,
        EditorTab::Team,
        EditorTab::Interest,
        EditorTab::Outcomes,
    ];

    pub fn href(self, slug: &str) -> String {
        match self {
            EditorTab::Page => format!("/companies/{slug}"),
            EditorTab::Profile => format!("/companies/{slug}/edit"),
            EditorTab::Pitch => format!("/companies/{slug}/pitch"),
            EditorTab::History => format!("/companies/{slug}/history"),
            EditorTab::Team => format!("/companies/{slug}/team"),
            EditorTab::Interest => format!("/companies/{slug}/interest"),
            EditorTab::Outcomes => format!("/companies/{slug}/outcomes"),
        }
    }

    fn label(self) -> Text {
        match self {
            EditorTab::Page => |t| t.co.view_page,
            EditorTab::Profile => |t| t.co.edit_profile,
            EditorTab::Pitch => |t| t.co.edit_pitch,
            EditorTab::History => |t| t.co.view_history,
            EditorTab::Team => |t| t.co.manage_team,
            EditorTab::Interest => |t| t.deal.interest_link,
            EditorTab::Outcomes => |t| t.outcome.link_from_company,
        }
    }
}

/// The `:slug` of `/companies/:slug/...`.
pub fn use_company_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("slug").unwrap_or_default())
}

/// Loads the route's company for an editor form and shows `editor` with
/// it, or why the reader may not edit it. `saved` turns true when the
/// form's last save succeeded: the data is then loaded again (the header
/// shows the name, the pitch its status line), while a failed save keeps
/// everything that was typed.
#[component]
pub fn CompanyEditorLoader<F, V>(saved: Signal<bool>, editor: F) -> impl IntoView
where
    F: Fn(CompanyEditorData) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let slug = use_company_slug();
    let saves = RwSignal::new(0_usize);
    Effect::new(move |_| {
        if saved.get() {
            saves.update(|n| *n += 1);
        }
    });
    let data = Resource::new(
        move || (slug.get(), saves.get()),
        |(slug, _)| company_editor(slug),
    );
    view! {
        <Transition fallback=Loading>
            {move || {
                let editor = editor.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => editor(data).into_any(),
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Links between the company's page and its editing pages; the current
/// one is marked `aria-current="page"`.
#[component]
pub fn EditorNav(#[prop(into)] slug: String, active: EditorTab) -> impl IntoView {
    let i18n = use_i18n();
    let links = EditorTab::ALL
        .into_iter()
        .map(|tab| {
            let label = tab.label();
            let class = (tab == EditorTab::Page).then_some("editor-nav__page");
            view! {
                <li>
                    <a
                        href=tab.href(&slug)
                        class=class
                        aria-current=(tab == active).then_some("page")
                    >
                        {move || label(i18n.t())}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="subnav editor-nav" aria-label=move || i18n.t().co.editor_bar_label>
            <ul>{links}</ul>
        </nav>
    }
}

/// Title, company name and sub-navigation of an editing page.
#[component]
pub fn EditorHeader(
    #[prop(into)] slug: String,
    /// The company's name, shown above the page title.
    #[prop(into)]
    company: String,
    active: EditorTab,
    title: Text,
    /// One sentence under the title.
    #[prop(optional)]
    lead: Option<Text>,
) -> impl IntoView {
    let i18n = use_i18n();
    let page_title = format!("{} · {}", title(i18n.t()), company);
    view! {
        <PageTitle text=page_title />
        <header class="page-header editor-header">
            <p class="page-eyebrow editor-header__company">{company}</p>
            <h1 class="page-title">{move || title(i18n.t())}</h1>
            {lead.map(|lead| view! { <p class="page-subtitle">{move || lead(i18n.t())}</p> })}
            <EditorNav slug active />
        </header>
    }
}

/// A labelled `<select>` with its hint and error, wired like `TextField`.
#[component]
pub fn SelectField(
    errors: FormErrors,
    /// The select's `name` (`form[stage]`).
    #[prop(into)]
    name: String,
    /// The field the server's errors name (`stage`).
    field: &'static str,
    #[prop(into)] id: String,
    label: Text,
    /// `(value, label)` of each choice, in order.
    options: Vec<(String, Signal<String>)>,
    /// The value chosen now ("" for none).
    #[prop(into)]
    selected: String,
    /// A first choice with an empty value ("not set").
    #[prop(optional)]
    empty: Option<Text>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = if hint.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        error_id.clone()
    };
    let empty = empty.map(|text| {
        view! {
            <option value="" selected=selected.is_empty()>
                {move || text(i18n.t())}
            </option>
        }
    });
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let chosen = value == selected;
            view! {
                <option value=value selected=chosen>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>
                {move || label(i18n.t())}
            </label>
            <select
                class="field__input"
                id=id
                name=name
                aria-describedby=described_by
                aria-invalid=move || errors.invalid(field)
            >
                {empty}
                {options}
            </select>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint}</p> })}
            <FieldError errors field id=error_id />
        </div>
    }
}
