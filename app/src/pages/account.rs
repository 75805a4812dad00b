//! `/account`: where the signed-in user stands (role, investor
//! verification, club or company), their name and language, and their
//! password.

use crate::api::account::{my_account, ChangePassword, SetDigest, UpdateProfile};
use crate::api::auth::MAX_PASSWORD_LEN;
use crate::api::investor::{my_investor_limits, SetInvestorType};
use crate::api::team::{my_invitations, AcceptInvitation, InviteView};
use crate::api::ApiError;
use crate::components::access::AccessNotice;
use crate::components::badges::{ClubStatusBadge, RoleBadge, VerificationBadge};
use crate::components::forms::form_action;
use crate::components::forms::{FieldError, FormAlert, FormErrors, SubmitRow, Text, TextField};
use crate::components::head::PageTitle;
use crate::components::investor_limits::InvestorTypeCard;
use crate::components::status::Loading;
use crate::domain::account::{UserSummary, Verification, MAX_DISPLAY_NAME_CHARS};
use crate::domain::investor_limits::LimitReport;
use crate::domain::password_policy::MIN_PASSWORD_CHARS;
use crate::domain::role::Role;
use crate::domain::seoul_time::format_date;
use crate::i18n::{use_i18n, Locale};
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    // Created here, below the routes, so a plain form post's error that
    // came back in the URL reaches them.
    let profile = form_action::<UpdateProfile>();
    let password = form_action::<ChangePassword>();
    let accept = form_action::<AcceptInvitation>();
    let digest = form_action::<SetDigest>();
    let investor_type = form_action::<SetInvestorType>();
    // Reload the status panel after a successful save only: reloading
    // after a failed one would re-render the form and drop what was typed.
    let saves = RwSignal::new(0_usize);
    Effect::new(move |_| {
        if let Some(Ok(())) = profile.value().get() {
            saves.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = digest.value().get() {
            saves.update(|n| *n += 1);
        }
    });
    // Accepting an invitation changes the company shown here and empties
    // the list it came from.
    let accepted = RwSignal::new(0_usize);
    Effect::new(move |_| {
        if let Some(Ok(())) = accept.value().get() {
            saves.update(|n| *n += 1);
            accepted.update(|n| *n += 1);
        }
    });
    let account = Resource::new(move || saves.get(), |_| my_account());
    let invites = Resource::new(move || accepted.get(), |_| my_invitations());
    // `None` for accounts that are not investors: no card then.
    let limits = Resource::new(move || saves.get(), |_| my_investor_limits());
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(user) => {
                        let limits = limits.await.ok().flatten();
                        let forms = AccountForms { profile, password, accept, digest, investor_type };
                        view! { <AccountView user forms invites limits /> }.into_any()
                    }
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The account page's forms, created once per page.
#[derive(Clone, Copy)]
struct AccountForms {
    profile: ServerAction<UpdateProfile>,
    password: ServerAction<ChangePassword>,
    accept: ServerAction<AcceptInvitation>,
    digest: ServerAction<SetDigest>,
    investor_type: ServerAction<SetInvestorType>,
}

#[component]
fn AccountView(
    user: UserSummary,
    forms: AccountForms,
    invites: Resource<Result<Vec<InviteView>, ApiError>>,
    /// The investor type and caps (investors only).
    limits: Option<LimitReport>,
) -> impl IntoView {
    let AccountForms {
        profile,
        password,
        accept,
        digest,
        investor_type,
    } = forms;
    let i18n = use_i18n();
    let email = user.email.clone();
    let digest_on = user.digest_opt_in;
    view! {
        <PageTitle text=i18n.t().account_title />
        <div class="container">
            <header class="page-header">
                <h1 class="page-title">{move || i18n.t().account_title}</h1>
                <p class="page-subtitle">{user.email.clone()}</p>
            </header>
            <div class="account-grid">
                <StatusPanel user=user.clone() />
                <div class="stack">
                    <InvitationsCard invites action=accept />
                    {limits.map(|report| view! { <InvestorTypeCard report action=investor_type /> })}
                    <ProfileForm user=user.clone() action=profile />
                    <DigestForm enabled=digest_on action=digest />
                    <PasswordForm email action=password />
                </div>
            </div>
        </div>
    }
}

#[component]
fn StatusPanel(user: UserSummary) -> impl IntoView {
    let i18n = use_i18n();
    let joined = user.created_at;
    let password_changed = user.password_changed_at;
    let investor = user.role == Role::Investor;
    let verification = user.verification;
    let company = (user.role == Role::Startup)
        .then(|| user.company_name.clone())
        .flatten();
    let club = investor
        .then(|| user.club_name.clone().map(|name| (name, user.club_status)))
        .flatten();
    view! {
        <section class="card status-panel" aria-labelledby="status-title">
            <h2 id="status-title" class="card__title">{move || i18n.t().account_status_title}</h2>
            {investor.then(|| view! { <VerificationNotice verification /> })}
            <dl class="facts">
                <div class="facts__row">
                    <dt>{move || i18n.t().display_name_label}</dt>
                    <dd>{user.display_name.clone()}</dd>
                </div>
                <div class="facts__row">
                    <dt>{move || i18n.t().account_role_label}</dt>
                    <dd>
                        <RoleBadge role=user.role />
                    </dd>
                </div>
                {investor
                    .then(|| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().account_verification_label}</dt>
                                <dd>
                                    <VerificationBadge verification />
                                </dd>
                            </div>
                        }
                    })}
                {company
                    .map(|name| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().company_name_label}</dt>
                                <dd class="status-panel__company">{name}</dd>
                            </div>
                        }
                    })}
                {club
                    .map(|(name, status)| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().account_club_label}</dt>
                                <dd>
                                    <span class="status-panel__club">{name}</span>
                                    " "
                                    {status.map(|status| view! { <ClubStatusBadge status /> })}
                                </dd>
                            </div>
                        }
                    })}
                <div class="facts__row">
                    <dt>{move || i18n.t().account_joined_label}</dt>
                    <dd>{move || format_date(joined, i18n.locale())}</dd>
                </div>
                {password_changed
                    .map(|at| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().account_password_changed_label}</dt>
                                <dd>{move || format_date(at, i18n.locale())}</dd>
                            </div>
                        }
                    })}
            </dl>
        </section>
    }
}

/// The investor's verification state in words: what it means and what
/// happens next.
#[component]
fn VerificationNotice(verification: Verification) -> impl IntoView {
    let i18n = use_i18n();
    let (class, title, text): (&'static str, Text, Text) = match verification {
        Verification::Verified => (
            "notice notice--success verification",
            |t| t.verification_verified_title,
            |t| t.verification_verified_text,
        ),
        Verification::Rejected => (
            "notice notice--danger verification",
            |t| t.verification_rejected_title,
            |t| t.verification_rejected_text,
        ),
        Verification::Pending | Verification::None => (
            "notice notice--warning verification",
            |t| t.verification_pending_title,
            |t| t.verification_pending_text,
        ),
    };
    view! {
        <div class=class data-verification=verification.as_str()>
            <p class="verification__title">{move || title(i18n.t())}</p>
            <p class="verification__text">{move || text(i18n.t())}</p>
        </div>
    }
}

/// Companies that invited the user's e-mail address, each with an Accept
/// button; nothing at all when there are none.
#[component]
fn InvitationsCard(
    invites: Resource<Result<Vec<InviteView>, ApiError>>,
    action: ServerAction<AcceptInvitation>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Every refusal (not a startup account, already in a company) is shown
    // above the list.
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &[],
    );
    let accepted = move || {
        matches!(action.value().get(), Some(Ok(()))).then(|| {
            view! {
                <p class="notice notice--success" role="status">
                    {move || i18n.t().ed.invite_accepted}
                </p>
            }
        })
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = invites.await.unwrap_or_default();
                if list.is_empty() {
                    return view! { {accepted} }.into_any();
                }
                let items = list
                    .into_iter()
                    .map(|invite| view! { <InvitationItem invite action /> })
                    .collect_view();
                view! {
                    <section class="card" aria-labelledby="invitations-title">
                        <h2 id="invitations-title" class="card__title">
                            {move || i18n.t().ed.invitations_title}
                        </h2>
                        <p class="muted small">{move || i18n.t().ed.invitations_lead}</p>
                        {accepted}
                        <FormAlert errors />
                        <ul class="member-list invitations">{items}</ul>
                    </section>
                }
                    .into_any()
            })}
        </Transition>
    }
}

#[component]
fn InvitationItem(invite: InviteView, action: ServerAction<AcceptInvitation>) -> impl IntoView {
    let i18n = use_i18n();
    let at = invite.created_at;
    let by = invite.invited_by.clone();
    let company = invite.company_name.clone();
    view! {
        <li class="member-list__item">
            <span>
                <span class="member-list__name">{invite.company_name.clone()}</span>
                <br />
                <span class="muted small">
                    {move || (i18n.t().ed.invited_by)(&by, &format_date(at, i18n.locale()))}
                </span>
            </span>
            <ActionForm action attr:class="row-actions__form">
                <input type="hidden" name="invite_id" value=invite.id.to_string() />
                <button
                    type="submit"
                    class="btn btn--primary btn--small"
                    aria-label=move || (i18n.t().ed.accept_invite_label)(&company)
                    disabled=move || action.pending().get()
                >
                    {move || i18n.t().ed.accept_invite}
                </button>
            </ActionForm>
        </li>
    }
}

#[component]
fn ProfileForm(user: UserSummary, action: ServerAction<UpdateProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &["display_name", "locale"],
    );
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let current = Locale::from_code(&user.locale).unwrap_or_default();
    // Saving sets the language cookie too, so the page the post comes back
    // to is already in the chosen language.
    view! {
        <section class="card" aria-labelledby="profile-title">
            <h2 id="profile-title" class="card__title">{move || i18n.t().profile_title}</h2>
            <FormAlert errors />
            <ActionForm action attr:class="form">
                <TextField
                    errors
                    name="display_name"
                    id="display-name"
                    label=|t| t.display_name_label
                    autocomplete="name"
                    maxlength=MAX_DISPLAY_NAME_CHARS
                    value=user.display_name.clone()
                    required=true
                />
                <div class="field">
                    <label class="field__label" for="locale">
                        {move || i18n.t().language_label}
                    </label>
                    <select
                        class="field__input"
                        id="locale"
                        name="locale"
                        aria-describedby="locale-error"
                        aria-invalid=move || errors.invalid("locale")
                    >
                        {Locale::ALL
                            .into_iter()
                            .map(|locale| {
                                view! {
                                    <option
                                        value=locale.code()
                                        lang=locale.code()
                                        selected=locale == current
                                    >
                                        {locale.strings().language_name}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldError errors field="locale" id="locale-error" />
                </div>
                <SubmitRow
                    label=|t| t.save_button
                    pending=Signal::derive(move || action.pending().get())
                    done=Signal::derive(saved)
                    done_text=|t| t.saved
                />
            </ActionForm>
        </section>
    }
}

/// The daily digest's opt-in: one checkbox in a plain form, so it works
/// without JavaScript.
#[component]
fn DigestForm(enabled: bool, action: ServerAction<SetDigest>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &["digest"],
    );
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="card" aria-labelledby="mail-title">
            <h2 id="mail-title" class="card__title">{move || i18n.t().mail.settings_title}</h2>
            <FormAlert errors />
            <ActionForm action attr:class="form">
                <div class="field field--check">
                    <label class="check" for="digest">
                        <input
                            type="checkbox"
                            id="digest"
                            name="digest"
                            value="on"
                            checked=enabled
                            aria-describedby="digest-hint"
                        />
                        " "
                        {move || i18n.t().mail.digest_opt_in_label}
                    </label>
                    <p class="field__hint" id="digest-hint">
                        {move || i18n.t().mail.digest_opt_in_hint}
                    </p>
                </div>
                <SubmitRow
                    label=|t| t.save_button
                    pending=Signal::derive(move || action.pending().get())
                    done=Signal::derive(saved)
                    done_text=|t| t.saved
                />
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm(email: String, action: ServerAction<ChangePassword>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &["current_password", "new_password", "password_confirm"],
    );
    let changed = move || matches!(action.value().get(), Some(Ok(())));
    // Clear the three password inputs once the change went through.
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(form)) = (action.value().get(), form.get()) {
            form.reset();
        }
    });
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title" class="card__title">
                {move || i18n.t().password_change_title}
            </h2>
            <p class="muted small">{move || i18n.t().password_change_lead}</p>
            <FormAlert errors />
            <ActionForm action node_ref=form attr:class="form">
                // Not submitted: tells password managers whose password this is.
                <input type="text" autocomplete="username" value=email hidden readonly />
                <TextField
                    errors
                    name="current_password"
                    id="current-password"
                    label=|t| t.current_password_label
                    input_type="password"
                    autocomplete="current-password"
                    maxlength=MAX_PASSWORD_LEN
                    required=true
                />
                <TextField
                    errors
                    name="new_password"
                    id="new-password"
                    label=|t| t.new_password_label
                    input_type="password"
                    autocomplete="new-password"
                    maxlength=MAX_PASSWORD_LEN
                    required=true
                    hint=Signal::derive(move || (i18n.t().password_hint)(MIN_PASSWORD_CHARS).to_string())
                />
                <TextField
                    errors
                    name="password_confirm"
                    id="new-password-confirm"
                    label=|t| t.new_password_confirm_label
                    input_type="password"
                    autocomplete="new-password"
                    maxlength=MAX_PASSWORD_LEN
                    required=true
                />
                <div class="form__actions">
                    <button
                        type="submit"
                        class="btn btn--primary"
                        disabled=move || action.pending().get()
                    >
                        {move || i18n.t().password_change_button}
                    </button>
                </div>
                {move || {
                    changed()
                        .then(|| {
                            view! {
                                <p class="notice notice--success" role="status">
                                    {move || i18n.t().password_changed}
                                </p>
                            }
                        })
                }}
            </ActionForm>
        </section>
    }
}
