//! `/companies/:slug/edit`: the company's profile (names, mini-cluster,
//! facts, one-liner, contacts, tags) as one plain form. Without
//! JavaScript it posts and comes back with the saved values or the
//! server's errors; with it, it saves in place.

use crate::api::companies::{CompanyEditorData, SaveCompanyProfile};
use crate::api::investor::{company_facts_for_editor, SaveCompanyFacts};
use crate::api::ApiError;
use crate::components::company::LogoUpload;
use crate::components::editor::{CompanyEditorLoader, EditorHeader, EditorTab, SelectField};
use crate::components::forms::form_action;
use crate::components::forms::{FormAlert, FormErrors, SubmitRow, TextField};
use crate::components::investor_limits::CompanyFactsCard;
use crate::domain::company::{
    RevenueBand, Stage, EARLIEST_FOUNDING_YEAR, MAX_COMPANY_NAME_CHARS, MAX_LOCATION_CHARS,
    MAX_ONE_LINER_CHARS, MAX_TAGS, MAX_TAG_CHARS,
};
use crate::domain::field::{MAX_EMAIL_LEN, MAX_URL_LEN};
use crate::domain::investor_limits::CompanyFacts;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The form's fields as the server names them in its errors.
const FIELDS: &[&str] = &[
    "name_ko",
    "name_en",
    "cluster_id",
    "location",
    "founded_year",
    "employees",
    "revenue_band",
    "stage",
    "one_liner",
    "website",
    "contact_email",
    "tags",
];

/// Longest tag list the input needs to hold: every tag at its longest,
/// with ", " between them.
const MAX_TAGS_INPUT_CHARS: usize = MAX_TAGS * (MAX_TAG_CHARS + 2);

#[component]
pub fn CompanyEditPage() -> impl IntoView {
    // Created here, below the routes, so a plain form post's error that
    // came back in the URL reaches it.
    let action = form_action::<SaveCompanyProfile>();
    let facts_action = form_action::<SaveCompanyFacts>();
    let saved = Signal::derive(move || matches!(action.value().get(), Some(Ok(_))));
    let slug = crate::components::editor::use_company_slug();
    let facts = Resource::new(move || slug.get(), company_facts_for_editor);
    view! {
        <CompanyEditorLoader
            saved
            editor=move |data| view! { <ProfileEditor data action facts facts_action /> }
        />
    }
}

#[component]
fn ProfileEditor(
    data: CompanyEditorData,
    action: ServerAction<SaveCompanyProfile>,
    /// The facts for the deduction check, in their own form.
    facts: Resource<Result<CompanyFacts, ApiError>>,
    facts_action: ServerAction<SaveCompanyFacts>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        FIELDS,
    );
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let profile = data.profile;
    let slug = profile.slug.clone();
    let logo_slug = profile.slug.clone();
    let facts_slug = profile.slug.clone();
    let logo_name = profile.name_ko.clone();
    let logo_url = profile.logo_url.clone();
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();

    let cluster_options = data
        .clusters
        .into_iter()
        .map(|cluster| {
            let value = cluster.id.to_string();
            (
                value,
                Signal::derive(move || cluster.name(i18n.locale()).to_string()),
            )
        })
        .collect::<Vec<_>>();
    let revenue_options = RevenueBand::ALL
        .iter()
        .map(|&band| {
            (
                band.as_str().to_string(),
                Signal::derive(move || (i18n.t().co.revenue_band)(band).to_string()),
            )
        })
        .collect::<Vec<_>>();
    let stage_options = Stage::ALL
        .iter()
        .map(|&stage| {
            (
                stage.as_str().to_string(),
                Signal::derive(move || (i18n.t().co.stage)(stage).to_string()),
            )
        })
        .collect::<Vec<_>>();

    view! {
        <div class="container editor-page">
            <EditorHeader
                slug=slug.clone()
                company=profile.name_ko.clone()
                active=EditorTab::Profile
                title=|t| t.ed.profile_edit_title
                lead=|t| t.ed.profile_edit_lead
            />
            <section class="card editor-card" aria-labelledby="profile-form-title">
                <h2 id="profile-form-title" class="visually-hidden">
                    {move || i18n.t().ed.profile_edit_title}
                </h2>
                <FormAlert errors />
                <ActionForm action attr:class="form editor-form">
                    <input type="hidden" name="slug" value=slug />
                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">{move || i18n.t().ed.legend_basics}</legend>
                        <TextField
                            errors
                            name="form[name_ko]"
                            field="name_ko"
                            id="company-name-ko"
                            label=|t| t.ed.name_ko_label
                            autocomplete="organization"
                            maxlength=MAX_COMPANY_NAME_CHARS
                            value=profile.name_ko.clone()
                            required=true
                        />
                        <TextField
                            errors
                            name="form[name_en]"
                            field="name_en"
                            id="company-name-en"
                            label=|t| t.ed.name_en_label
                            maxlength=MAX_COMPANY_NAME_CHARS
                            value=profile.name_en.clone().unwrap_or_default()
                        />
                        <SelectField
                            errors
                            name="form[cluster_id]"
                            field="cluster_id"
                            id="company-cluster"
                            label=|t| t.co.fact_cluster
                            options=cluster_options
                            selected=number(profile.cluster_id)
                            empty=|t| t.ed.choose_none
                        />
                        <TextField
                            errors
                            name="form[location]"
                            field="location"
                            id="company-location"
                            label=|t| t.co.fact_location
                            maxlength=MAX_LOCATION_CHARS
                            value=profile.location.clone().unwrap_or_default()
                            hint=Signal::derive(move || i18n.t().ed.location_hint.to_string())
                        />
                    </fieldset>
                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">{move || i18n.t().ed.legend_facts}</legend>
                        <TextField
                            errors
                            name="form[founded_year]"
                            field="founded_year"
                            id="company-founded"
                            label=|t| t.ed.founded_label
                            inputmode="numeric"
                            maxlength=4
                            value=number(profile.founded_year)
                            hint=Signal::derive(move || {
                                (i18n.t().ed.founded_hint)(EARLIEST_FOUNDING_YEAR)
                            })
                        />
                        <TextField
                            errors
                            name="form[employees]"
                            field="employees"
                            id="company-employees"
                            label=|t| t.ed.employees_label
                            inputmode="numeric"
                            maxlength=6
                            value=number(profile.employees)
                        />
                        <SelectField
                            errors
                            name="form[revenue_band]"
                            field="revenue_band"
                            id="company-revenue"
                            label=|t| t.co.fact_revenue
                            options=revenue_options
                            selected=profile.revenue_band.map(|b| b.as_str()).unwrap_or_default()
                            empty=|t| t.ed.choose_none
                        />
                        <SelectField
                            errors
                            name="form[stage]"
                            field="stage"
                            id="company-stage"
                            label=|t| t.co.fact_stage
                            options=stage_options
                            selected=profile.stage.map(|s| s.as_str()).unwrap_or_default()
                            empty=|t| t.ed.choose_none
                        />
                    </fieldset>
                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">{move || i18n.t().ed.legend_contact}</legend>
                        <TextField
                            errors
                            name="form[one_liner]"
                            field="one_liner"
                            id="company-one-liner"
                            label=|t| t.ed.one_liner_label
                            maxlength=MAX_ONE_LINER_CHARS
                            value=profile.one_liner.clone().unwrap_or_default()
                            hint=Signal::derive(move || (i18n.t().ed.one_liner_hint)(MAX_ONE_LINER_CHARS))
                        />
                        <TextField
                            errors
                            name="form[website]"
                            field="website"
                            id="company-website"
                            label=|t| t.co.fact_website
                            inputmode="url"
                            autocomplete="url"
                            maxlength=MAX_URL_LEN
                            value=profile.website.clone().unwrap_or_default()
                            hint=Signal::derive(move || i18n.t().ed.website_hint.to_string())
                        />
                        <TextField
                            errors
                            name="form[contact_email]"
                            field="contact_email"
                            id="company-contact"
                            label=|t| t.ed.contact_email_label
                            input_type="email"
                            autocomplete="email"
                            maxlength=MAX_EMAIL_LEN
                            value=profile.contact_email.clone().unwrap_or_default()
                            hint=Signal::derive(move || i18n.t().ed.contact_email_hint.to_string())
                        />
                        <TextField
                            errors
                            name="form[tags]"
                            field="tags"
                            id="company-tags"
                            label=|t| t.ed.tags_label
                            maxlength=MAX_TAGS_INPUT_CHARS
                            value=profile.tags.join(", ")
                            hint=Signal::derive(move || (i18n.t().ed.tags_hint)(MAX_TAGS, MAX_TAG_CHARS))
                        />
                    </fieldset>
                    <SubmitRow
                        label=|t| t.save_button
                        pending=Signal::derive(move || action.pending().get())
                        done=Signal::derive(saved)
                        done_text=|t| t.saved
                    />
                </ActionForm>
            </section>
            <LogoUpload slug=logo_slug name=logo_name current=logo_url />
            <Suspense fallback=|| ()>
                {move || {
                    let facts_slug = facts_slug.clone();
                    Suspend::new(async move {
                        match facts.await {
                            Ok(facts) => {
                                view! { <CompanyFactsCard slug=facts_slug facts action=facts_action /> }
                                    .into_any()
                            }
                            Err(e) => {
                                view! {
                                    <p class="notice notice--danger" role="alert">
                                        {e.message(i18n.t())}
                                    </p>
                                }
                                    .into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}
