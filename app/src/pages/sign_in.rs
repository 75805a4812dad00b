//! `/signin`: a real form, so it works before (or without) JavaScript.

use crate::api::auth::SignIn;
use crate::api::auth::{MAX_EMAIL_LEN, MAX_PASSWORD_LEN};
use crate::components::forms::form_action;
use crate::components::head::PageTitle;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    // Created here, below the routes, so a plain form post's error that
    // came back in the URL reaches this action.
    let action = form_action::<SignIn>();
    let i18n = use_i18n();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = move || action.value().get().and_then(Result::err);
    view! {
        <PageTitle text=i18n.t().sign_in_title />
        <div class="container auth-page">
            <div class="card auth-card">
                <h1 class="page-title">{move || i18n.t().sign_in_title}</h1>
                <p class="muted">{move || i18n.t().sign_in_lead}</p>
                {move || {
                    error()
                        .map(|e| {
                            view! {
                                <p class="notice notice--danger" role="alert" id="sign-in-error">
                                    {move || e.message(i18n.t())}
                                </p>
                            }
                        })
                }}
                <ActionForm action attr:class="form">
                    <input type="hidden" name="next" value=next />
                    <div class="field">
                        <label class="field__label" for="email">
                            {move || i18n.t().email_label}
                        </label>
                        <input
                            class="field__input"
                            id="email"
                            name="email"
                            type="email"
                            autocomplete="username"
                            required
                            maxlength=MAX_EMAIL_LEN
                            aria-describedby="sign-in-error"
                            aria-invalid=move || error().is_some().then_some("true")
                        />
                    </div>
                    <div class="field">
                        <label class="field__label" for="password">
                            {move || i18n.t().password_label}
                        </label>
                        <input
                            class="field__input"
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            maxlength=MAX_PASSWORD_LEN
                            aria-invalid=move || error().is_some().then_some("true")
                        />
                    </div>
                    <div class="form__actions">
                        <button type="submit" class="btn btn--primary">
                            {move || i18n.t().sign_in_button}
                        </button>
                    </div>
                </ActionForm>
                <p class="auth-card__switch">
                    {move || i18n.t().sign_in_no_account}
                    " "
                    <a href="/signup">{move || i18n.t().nav_sign_up}</a>
                </p>
            </div>
        </div>
    }
}
