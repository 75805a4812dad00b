//! `/admin/users`: the account list with its filters in the query string
//! (`?role=investor&verification=pending&active=true&q=kim&page=2`), so a
//! filtered view can be bookmarked and the back button walks through
//! them; per-row verify, enable/disable and role forms; and the form that
//! creates consultant and admin accounts.

use crate::api::admin::{
    list_users, CreateStaff, SetUserActive, SetUserRole, UserPage, VerifyInvestor,
};
use crate::api::auth::{MAX_EMAIL_LEN, MAX_PASSWORD_LEN};
use crate::api::ApiError;
use crate::components::access::AccessNotice;
use crate::components::admin::{AdminGate, AdminHeader};
use crate::components::badges::{ActiveBadge, RoleBadge, VerificationBadge};
use crate::components::forms::form_action;
use crate::components::forms::{ActionFeedback, FieldError, FormAlert, FormErrors, TextField};
use crate::components::pager::Pager;
use crate::components::status::Loading;
use crate::domain::account::{UserSummary, Verification, MAX_DISPLAY_NAME_CHARS};
use crate::domain::password_policy::MIN_PASSWORD_CHARS;
use crate::domain::role::Role;
use crate::domain::seoul_time::format_date;
use crate::domain::url::query_string;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The list's filters as they appear in the URL; empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Filters {
    role: String,
    verification: String,
    active: String,
    q: String,
    page: i64,
}

impl Filters {
    fn from_query(query: &leptos_router::params::ParamsMap) -> Self {
        let get = |key: &str| query.get(key).unwrap_or_default().trim().to_string();
        Filters {
            role: get("role"),
            verification: get("verification"),
            active: get("active"),
            q: get("q"),
            page: get("page").parse().ok().filter(|p| *p >= 1).unwrap_or(1),
        }
    }

    /// The URL of this view at another page.
    fn href(&self, page: i64) -> String {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        format!(
            "/admin/users{}",
            query_string(&[
                ("role", self.role.clone()),
                ("verification", self.verification.clone()),
                ("active", self.active.clone()),
                ("q", self.q.clone()),
                ("page", page),
            ])
        )
    }
}

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    view! {
        <AdminGate>
            <UsersPage />
        </AdminGate>
    }
}

/// The row buttons' actions, shared by every row.
#[derive(Clone, Copy)]
struct RowActions {
    verify: ServerAction<VerifyInvestor>,
    set_active: ServerAction<SetUserActive>,
    set_role: ServerAction<SetUserRole>,
}

#[component]
fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| Filters::from_query(&query.read()));

    // Created here, below the routes, so a plain form post's error that
    // came back in the URL reaches them.
    let actions = RowActions {
        verify: form_action::<VerifyInvestor>(),
        set_active: form_action::<SetUserActive>(),
        set_role: form_action::<SetUserRole>(),
    };
    let staff = form_action::<CreateStaff>();

    let users = Resource::new(
        move || {
            (
                filters.get(),
                actions.verify.version().get(),
                actions.set_active.version().get(),
                actions.set_role.version().get(),
                staff.version().get(),
            )
        },
        |(f, ..)| {
            list_users(
                non_empty(&f.role),
                non_empty(&f.verification),
                non_empty(&f.active),
                non_empty(&f.q),
                Some(f.page),
            )
        },
    );

    // The outcome of the latest row button, whichever form it was.
    let feedback = RwSignal::new(
        [
            actions.verify.value().get_untracked(),
            actions.set_active.value().get_untracked(),
            actions.set_role.value().get_untracked(),
        ]
        .into_iter()
        .flatten()
        .next(),
    );
    Effect::new(move |_| {
        if let Some(result) = actions.verify.value().get() {
            feedback.set(Some(result));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = actions.set_active.value().get() {
            feedback.set(Some(result));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = actions.set_role.value().get() {
            feedback.set(Some(result));
        }
    });

    view! {
        <div class="container">
            <AdminHeader title=|t| t.admin_users_title lead=|t| t.admin_users_lead />
            {move || view! { <FilterForm filters=filters.get() /> }}
            <ActionFeedback result=feedback.into() success=|t| t.saved />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(page) => {
                            view! { <UserList page filters=filters.get_untracked() actions /> }
                                .into_any()
                        }
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
            <StaffForm action=staff />
        </div>
    }
}

/// A GET form: filtering changes the URL, nothing else. Fields set their
/// live value as well as the attribute, so walking back through the
/// history after hydration shows each page's own filters.
#[component]
fn FilterForm(filters: Filters) -> impl IntoView {
    let i18n = use_i18n();
    let option = move |value: &'static str, current: &str, label: Signal<String>| {
        let selected = value == current;
        view! {
            <option value=value selected=selected>
                {label}
            </option>
        }
    };
    let any = Signal::derive(move || i18n.t().filter_any.to_string());
    let role_options = Role::ALL
        .into_iter()
        .map(|role| {
            option(
                role.as_str(),
                &filters.role,
                Signal::derive(move || (i18n.t().role_name)(role).to_string()),
            )
        })
        .collect_view();
    let verification_options = [
        Verification::Pending,
        Verification::Verified,
        Verification::Rejected,
        Verification::None,
    ]
    .into_iter()
    .map(|v| {
        option(
            v.as_str(),
            &filters.verification,
            Signal::derive(move || (i18n.t().verification_name)(v).to_string()),
        )
    })
    .collect_view();
    view! {
        <section class="filters" aria-label=move || i18n.t().filters_label>
            // autocomplete="off": Back shows the fields of the address it
            // returns to, not what was picked before leaving.
            <form method="get" action="/admin/users" autocomplete="off">
                <div class="filters__grid">
                    <div class="field">
                        <label class="field__label" for="filter-role">
                            {move || i18n.t().account_role_label}
                        </label>
                        <select
                            class="field__input"
                            id="filter-role"
                            name="role"
                        >
                            {option("", &filters.role, any)}
                            {role_options}
                        </select>
                    </div>
                    <div class="field">
                        <label class="field__label" for="filter-verification">
                            {move || i18n.t().filter_verification}
                        </label>
                        <select
                            class="field__input"
                            id="filter-verification"
                            name="verification"
                        >
                            {option("", &filters.verification, any)}
                            {verification_options}
                        </select>
                    </div>
                    <div class="field">
                        <label class="field__label" for="filter-active">
                            {move || i18n.t().filter_active}
                        </label>
                        <select
                            class="field__input"
                            id="filter-active"
                            name="active"
                        >
                            {option("", &filters.active, any)}
                            {option(
                                "true",
                                &filters.active,
                                Signal::derive(move || i18n.t().filter_active_true.to_string()),
                            )}
                            {option(
                                "false",
                                &filters.active,
                                Signal::derive(move || i18n.t().filter_active_false.to_string()),
                            )}
                        </select>
                    </div>
                    <div class="field filters__search">
                        <label class="field__label" for="filter-q">
                            {move || i18n.t().filter_search}
                        </label>
                        <input
                            class="field__input"
                            id="filter-q"
                            name="q"
                            type="search"
                            maxlength="100"
                            value=filters.q.clone()
                            placeholder=move || i18n.t().filter_search_placeholder
                        />
                    </div>
                </div>
                <div class="form__actions">
                    <button type="submit" class="btn btn--primary btn--small">
                        {move || i18n.t().filter_apply}
                    </button>
                    <a class="btn btn--ghost btn--small" href="/admin/users">
                        {move || i18n.t().filter_reset}
                    </a>
                </div>
            </form>
        </section>
    }
}

#[component]
fn UserList(page: UserPage, filters: Filters, actions: RowActions) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    let pages = ((page.total + page.per_page - 1) / page.per_page.max(1)).max(1);
    let current = page.page;
    if page.users.is_empty() {
        return view! {
            <p class="list-summary muted" role="status">{move || (i18n.t().users_total)(total)}</p>
            <div class="empty-state">
                <p class="empty-state__text">{move || i18n.t().users_empty}</p>
            </div>
        }
        .into_any();
    }
    let viewer_id = page.viewer_id;
    let rows = page
        .users
        .into_iter()
        .map(|user| {
            let is_viewer = user.id == viewer_id;
            view! { <UserRow user actions is_viewer /> }
        })
        .collect_view();
    view! {
        <p class="list-summary muted" role="status">{move || (i18n.t().users_total)(total)}</p>
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack users-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().display_name_label}</th>
                        <th scope="col">{move || i18n.t().email_label}</th>
                        <th scope="col">{move || i18n.t().account_role_label}</th>
                        <th scope="col">{move || i18n.t().col_status}</th>
                        <th scope="col">{move || i18n.t().col_club_or_company}</th>
                        <th scope="col">{move || i18n.t().account_joined_label}</th>
                        <th scope="col">{move || i18n.t().col_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager current pages href=move |n| filters.href(n) />
    }
    .into_any()
}

#[component]
fn UserRow(user: UserSummary, actions: RowActions, is_viewer: bool) -> impl IntoView {
    let i18n = use_i18n();
    let verify_id = user.id.to_string();
    let active_id = user.id.to_string();
    let role_id = user.id.to_string();
    let joined = user.created_at;
    let pending_investor =
        user.role == Role::Investor && user.verification == Verification::Pending;
    let affiliation = match user.role {
        Role::Startup => user.company_name.clone(),
        _ => user.club_name.clone(),
    };
    let role_select_id = format!("role-{}", user.id);
    let current_role = user.role;
    view! {
        <tr data-user-email=user.email.clone()>
            <th scope="row" data-label=move || i18n.t().display_name_label>
                {user.display_name.clone()}
            </th>
            <td data-label=move || i18n.t().email_label class="users-table__email">
                {user.email.clone()}
            </td>
            <td data-label=move || i18n.t().account_role_label>
                <RoleBadge role=user.role />
            </td>
            <td data-label=move || i18n.t().col_status>
                <span class="badges">
                    <ActiveBadge active=user.is_active />
                    {(user.role == Role::Investor)
                        .then(|| view! { <VerificationBadge verification=user.verification /> })}
                    {user
                        .is_demo
                        .then(|| {
                            view! {
                                <span class="badge badge--neutral">{move || i18n.t().badge_demo}</span>
                            }
                        })}
                </span>
            </td>
            <td data-label=move || i18n.t().col_club_or_company>
                {affiliation.unwrap_or_else(|| "—".to_string())}
            </td>
            <td data-label=move || i18n.t().account_joined_label class="nowrap">
                {move || format_date(joined, i18n.locale())}
            </td>
            <td data-label=move || i18n.t().col_actions>
                <div class="row-actions">
                    {pending_investor
                        .then(|| {
                            view! {
                                <ActionForm action=actions.verify attr:class="row-actions__form">
                                    <input type="hidden" name="user_id" value=verify_id />
                                    <button
                                        type="submit"
                                        name="decision"
                                        value="verified"
                                        class="btn btn--primary btn--small"
                                    >
                                        {move || i18n.t().verify_button}
                                    </button>
                                    <button
                                        type="submit"
                                        name="decision"
                                        value="rejected"
                                        class="btn btn--ghost btn--small"
                                    >
                                        {move || i18n.t().reject_button}
                                    </button>
                                </ActionForm>
                            }
                        })}
                    {if is_viewer {
                        view! { <span class="muted">{move || i18n.t().own_account_note}</span> }
                            .into_any()
                    } else {
                        view! {
                            <ActionForm action=actions.set_active attr:class="row-actions__form">
                                <input type="hidden" name="user_id" value=active_id />
                                <input
                                    type="hidden"
                                    name="active"
                                    value=if user.is_active { "false" } else { "true" }
                                />
                                <button
                                    type="submit"
                                    class=if user.is_active {
                                        "btn btn--ghost btn--small"
                                    } else {
                                        "btn btn--primary btn--small"
                                    }
                                >
                                    {move || {
                                        if user.is_active {
                                            i18n.t().disable_button
                                        } else {
                                            i18n.t().enable_button
                                        }
                                    }}
                                </button>
                            </ActionForm>
                            <ActionForm action=actions.set_role attr:class="row-actions__form">
                                <input type="hidden" name="user_id" value=role_id />
                                <label class="visually-hidden" for=role_select_id.clone()>
                                    {move || i18n.t().change_role_label}
                                </label>
                                <select class="field__input field__input--small" id=role_select_id name="role">
                                    {Role::ALL
                                        .into_iter()
                                        .map(|role| {
                                            view! {
                                                <option value=role.as_str() selected=role == current_role>
                                                    {move || (i18n.t().role_name)(role)}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                                <button type="submit" class="btn btn--ghost btn--small">
                                    {move || i18n.t().change_button}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }}
                </div>
            </td>
        </tr>
    }
}

#[component]
fn StaffForm(action: ServerAction<CreateStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &[
            "email",
            "display_name",
            "role",
            "password",
            "password_confirm",
        ],
    );
    let created = move || matches!(action.value().get(), Some(Ok(())));
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(form)) = (action.value().get(), form.get()) {
            form.reset();
        }
    });
    // Open when the last attempt failed, so its messages are in view.
    let open = move || {
        action
            .value()
            .get()
            .is_some_and(|r: Result<(), ApiError>| r.is_err())
    };
    view! {
        <section class="card staff-card" aria-labelledby="staff-title" id="staff">
            <details class="disclosure" open=open>
                <summary class="disclosure__summary">
                    <h2 id="staff-title" class="card__title">{move || i18n.t().staff_title}</h2>
                </summary>
                <p class="muted small">{move || i18n.t().staff_lead}</p>
                <FormAlert errors />
                {move || {
                    created()
                        .then(|| {
                            view! {
                                <p class="notice notice--success" role="status">
                                    {move || i18n.t().staff_created}
                                </p>
                            }
                        })
                }}
                <ActionForm action node_ref=form attr:class="form">
                    <TextField
                        errors
                        name="email"
                        id="staff-email"
                        label=|t| t.email_label
                        input_type="email"
                        autocomplete="off"
                        maxlength=MAX_EMAIL_LEN
                        required=true
                    />
                    <TextField
                        errors
                        name="display_name"
                        id="staff-name"
                        label=|t| t.display_name_label
                        autocomplete="off"
                        maxlength=MAX_DISPLAY_NAME_CHARS
                        required=true
                    />
                    <div class="field">
                        <label class="field__label" for="staff-role">
                            {move || i18n.t().account_role_label}
                        </label>
                        <select
                            class="field__input"
                            id="staff-role"
                            name="role"
                            aria-describedby="staff-role-error"
                            aria-invalid=move || errors.invalid("role")
                        >
                            {[Role::Consultant, Role::Admin]
                                .into_iter()
                                .map(|role| {
                                    view! {
                                        <option value=role.as_str()>
                                            {move || (i18n.t().role_name)(role)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <FieldError errors field="role" id="staff-role-error" />
                    </div>
                    <TextField
                        errors
                        name="password"
                        id="staff-password"
                        label=|t| t.password_label
                        input_type="password"
                        autocomplete="new-password"
                        maxlength=MAX_PASSWORD_LEN
                        required=true
                        hint=Signal::derive(move || (i18n.t().password_hint)(MIN_PASSWORD_CHARS).to_string())
                    />
                    <div class="field">
                        <label class="field__label" for="staff-password-confirm">
                            {move || i18n.t().password_confirm_label}
                        </label>
                        <input
                            class="field__input"
                            id="staff-password-confirm"
                            name="password_confirm"
                            type="password"
                            autocomplete="new-password"
                            required
                            maxlength=MAX_PASSWORD_LEN
                            aria-describedby="staff-password-confirm-error"
                            aria-invalid=move || errors.invalid("password_confirm")
                        />
                        <FieldError
                            errors
                            field="password_confirm"
                            id="staff-password-confirm-error"
                        />
                    </div>
                    <div class="form__actions">
                        <button
                            type="submit"
                            class="btn btn--primary"
                            disabled=move || action.pending().get()
                        >
                            {move || i18n.t().staff_create_button}
                        </button>
                    </div>
                </ActionForm>
            </details>
        </section>
    }
}
