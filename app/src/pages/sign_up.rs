//! `/signup`: startups and investors create their own accounts. A real
//! form: without JavaScript both role-specific parts show, each labelled
//! with the role it is for; with JavaScript only the chosen role's part does.

use crate::api::auth::{SignUp, MAX_EMAIL_LEN, MAX_PASSWORD_LEN};
use crate::api::clubs::approved_clubs;
use crate::components::forms::form_action;
use crate::components::forms::{FieldError, FormAlert, FormErrors, TextField};
use crate::components::head::PageTitle;
use crate::components::status::ErrorNotice;
use crate::domain::account::{MAX_CLUB_NAME_CHARS, MAX_COMPANY_NAME_CHARS, MAX_DISPLAY_NAME_CHARS};
use crate::domain::password_policy::MIN_PASSWORD_CHARS;
use crate::domain::role::Role;
use crate::i18n::use_i18n;
use leptos::prelude::*;

const FIELDS: &[&str] = &[
    "email",
    "display_name",
    "password",
    "password_confirm",
    "role",
    "company_name",
    "club_id",
    "new_club_name",
];

#[component]
pub fn SignUpPage() -> impl IntoView {
    // Created here, below the routes, so a plain form post's error that
    // came back in the URL reaches this action.
    let action = form_action::<SignUp>();
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        FIELDS,
    );
    let clubs = Resource::new(|| (), |_| approved_clubs());

    // Which role-specific part applies is decided in CSS (`:has()` on the
    // checked radio, see `.signup-form` in style/main.css): both parts show
    // until a role is picked, with or without JavaScript, and no island is
    // needed for it.
    let role_card =
        move |value: Role,
              id: &'static str,
              text: fn(&'static crate::i18n::Strings) -> &'static str| {
            let title_id = format!("{id}-title");
            let text_id = format!("{id}-text");
            view! {
                <label class="choice-card" for=id>
                    <input
                        class="choice-card__input"
                        type="radio"
                        id=id
                        name="form[role]"
                        value=value.as_str()
                        required
                        aria-labelledby=title_id.clone()
                        aria-describedby=text_id.clone()
                    />
                    <span class="choice-card__body">
                        <span class="choice-card__title" id=title_id>
                            {move || (i18n.t().role_name)(value)}
                        </span>
                        <span class="choice-card__text" id=text_id>
                            {move || text(i18n.t())}
                        </span>
                    </span>
                </label>
            }
        };

    view! {
        <PageTitle text=i18n.t().sign_up_title />
        <div class="container auth-page">
            <div class="card auth-card auth-card--wide">
                <h1 class="page-title">{move || i18n.t().sign_up_title}</h1>
                <p class="muted">{move || i18n.t().sign_up_lead}</p>
                <FormAlert errors />
                <ActionForm action attr:class="form signup-form">
                    <fieldset class="fieldset" aria-describedby="role-error">
                        <legend class="fieldset__legend">
                            {move || i18n.t().sign_up_role_legend}
                        </legend>
                        <div class="choice-cards">
                            {role_card(Role::Startup, "role-startup", |t| t.sign_up_role_startup_text)}
                            {role_card(Role::Investor, "role-investor", |t| t.sign_up_role_investor_text)}
                        </div>
                        <FieldError errors field="role" id="role-error" />
                    </fieldset>

                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">
                            {move || i18n.t().sign_up_account_legend}
                        </legend>
                        <TextField
                            errors
                            name="form[email]"
                            id="email"
                            label=|t| t.email_label
                            field="email"
                            input_type="email"
                            autocomplete="email"
                            maxlength=MAX_EMAIL_LEN
                            required=true
                        />
                        <TextField
                            errors
                            name="form[display_name]"
                            id="display-name"
                            label=|t| t.display_name_label
                            field="display_name"
                            autocomplete="name"
                            maxlength=MAX_DISPLAY_NAME_CHARS
                            required=true
                            hint=Signal::derive(move || i18n.t().display_name_hint.to_string())
                        />
                        <TextField
                            errors
                            name="form[password]"
                            id="password"
                            label=|t| t.password_label
                            field="password"
                            input_type="password"
                            autocomplete="new-password"
                            maxlength=MAX_PASSWORD_LEN
                            required=true
                            hint=Signal::derive(move || (i18n.t().password_hint)(MIN_PASSWORD_CHARS).to_string())
                        />
                        <TextField
                            errors
                            name="form[password_confirm]"
                            id="password-confirm"
                            label=|t| t.password_confirm_label
                            field="password_confirm"
                            input_type="password"
                            autocomplete="new-password"
                            maxlength=MAX_PASSWORD_LEN
                            required=true
                        />
                    </fieldset>

                    <fieldset class="fieldset signup-form__part" id="startup-part">
                        <legend class="fieldset__legend">
                            {move || i18n.t().sign_up_company_legend}
                            <span class="badge badge--neutral fieldset__tag">
                                {move || i18n.t().sign_up_startup_only}
                            </span>
                        </legend>
                        <TextField
                            errors
                            name="form[company_name]"
                            id="company-name"
                            label=|t| t.company_name_label
                            field="company_name"
                            autocomplete="organization"
                            maxlength=MAX_COMPANY_NAME_CHARS
                        />
                    </fieldset>

                    <fieldset class="fieldset signup-form__part" id="investor-part">
                        <legend class="fieldset__legend">
                            {move || i18n.t().sign_up_club_legend}
                            <span class="badge badge--neutral fieldset__tag">
                                {move || i18n.t().sign_up_investor_only}
                            </span>
                        </legend>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                match clubs.await {
                                    Ok(list) => {
                                        view! {
                                            <div class="field">
                                                <label class="field__label" for="club-id">
                                                    {move || i18n.t().club_select_label}
                                                </label>
                                                <select
                                                    class="field__input"
                                                    id="club-id"
                                                    name="form[club_id]"
                                                    aria-describedby="club-id-error"
                                                    aria-invalid=move || errors.invalid("club_id")
                                                >
                                                    <option value="">{move || i18n.t().club_select_none}</option>
                                                    {list
                                                        .into_iter()
                                                        .map(|club| {
                                                            view! {
                                                                <option value=club.id.to_string()>{club.name}</option>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </select>
                                                <FieldError errors field="club_id" id="club-id-error" />
                                            </div>
                                        }
                                            .into_any()
                                    }
                                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                                }
                            })}
                        </Suspense>
                        <TextField
                            errors
                            name="form[new_club_name]"
                            id="new-club-name"
                            label=|t| t.new_club_label
                            field="new_club_name"
                            maxlength=MAX_CLUB_NAME_CHARS
                            hint=Signal::derive(move || i18n.t().new_club_hint.to_string())
                        />
                    </fieldset>

                    <div class="form__actions">
                        <button
                            type="submit"
                            class="btn btn--primary"
                            disabled=move || action.pending().get()
                        >
                            {move || i18n.t().sign_up_button}
                        </button>
                    </div>
                </ActionForm>
                <p class="auth-card__switch">
                    {move || i18n.t().sign_up_have_account}
                    " "
                    <a href="/signin">{move || i18n.t().nav_sign_in}</a>
                </p>
            </div>
        </div>
    }
}
