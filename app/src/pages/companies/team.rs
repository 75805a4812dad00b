//! `/companies/:slug/team`: who edits the company, the invitations not
//! yet accepted, and (for owners) the invite form. Every button is a real
//! form, so inviting, revoking and removing work without JavaScript.

use crate::api::team::{
    company_team, InviteTeammate, InviteView, MemberView, RemoveTeammate, RevokeInvitation,
    TeamData,
};
use crate::components::access::AccessNotice;
use crate::components::editor::{use_company_slug, EditorHeader, EditorTab};
use crate::components::forms::form_action;
use crate::components::forms::{FormAlert, FormErrors, Text, TextField};
use crate::components::status::Loading;
use crate::domain::company::MemberRole;
use crate::domain::field::MAX_EMAIL_LEN;
use crate::domain::seoul_time::format_date;
use crate::i18n::use_i18n;
use leptos::html;
use leptos::prelude::*;

/// The page's forms, shared by every row.
#[derive(Clone, Copy)]
struct TeamActions {
    invite: ServerAction<InviteTeammate>,
    revoke: ServerAction<RevokeInvitation>,
    remove: ServerAction<RemoveTeammate>,
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let slug = use_company_slug();
    // Created here, below the routes, so a plain form post's error that
    // came back in the URL reaches them.
    let actions = TeamActions {
        invite: form_action::<InviteTeammate>(),
        revoke: form_action::<RevokeInvitation>(),
        remove: form_action::<RemoveTeammate>(),
    };
    // Reload after a change that went through; a failed invite keeps the
    // typed address.
    let changes = RwSignal::new(0_usize);
    let bump = move || changes.update(|n| *n += 1);
    Effect::new(move |_| {
        if let Some(Ok(())) = actions.invite.value().get() {
            bump();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = actions.revoke.value().get() {
            bump();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = actions.remove.value().get() {
            bump();
        }
    });
    let team = Resource::new(
        move || (slug.get(), changes.get()),
        |(slug, _)| company_team(slug),
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(data) => {
                        view! { <TeamView data slug=slug.get_untracked() actions /> }.into_any()
                    }
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TeamView(data: TeamData, slug: String, actions: TeamActions) -> impl IntoView {
    let i18n = use_i18n();
    let can_manage = data.can_manage;
    // The outcome of the latest row button (remove or revoke), with the
    // sentence its success would read as.
    let removed: Text = |t| t.ed.member_removed;
    let revoked: Text = |t| t.ed.invite_revoked;
    let feedback = RwSignal::new(
        [
            actions.remove.value().get_untracked().map(|r| (r, removed)),
            actions.revoke.value().get_untracked().map(|r| (r, revoked)),
        ]
        .into_iter()
        .flatten()
        .next(),
    );
    Effect::new(move |_| {
        if let Some(result) = actions.remove.value().get() {
            feedback.set(Some((result, removed)));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = actions.revoke.value().get() {
            feedback.set(Some((result, revoked)));
        }
    });
    let feedback_view = move || {
        feedback.get().map(|(result, success)| match result {
            Ok(()) => view! {
                <p class="notice notice--success" role="status">
                    {move || success(i18n.t())}
                </p>
            }
            .into_any(),
            Err(error) => view! {
                <p class="notice notice--danger" role="alert">
                    {move || error.message(i18n.t())}
                </p>
            }
            .into_any(),
        })
    };
    let members = data
        .members
        .into_iter()
        .map(|member| view! { <MemberRow member slug=slug.clone() can_manage actions /> })
        .collect_view();
    let invites = if data.invites.is_empty() {
        view! { <p class="muted">{move || i18n.t().ed.invites_empty}</p> }.into_any()
    } else {
        let items = data
            .invites
            .into_iter()
            .map(|invite| view! { <InviteItem invite slug=slug.clone() can_manage actions /> })
            .collect_view();
        view! { <ul class="member-list invite-list">{items}</ul> }.into_any()
    };
    view! {
        <div class="container editor-page">
            <EditorHeader
                slug=slug.clone()
                company=data.company_name.clone()
                active=EditorTab::Team
                title=|t| t.ed.team_title
                lead=|t| t.ed.team_lead
            />
            <div class="stack">
                {feedback_view}
                <section aria-labelledby="members-title">
                    <h2 id="members-title" class="editor-section-title">
                        {move || i18n.t().ed.members_title}
                    </h2>
                    <div class="table-wrap table-wrap--stack">
                        <table class="table table--stack team-table">
                            <thead>
                                <tr>
                                    <th scope="col">{move || i18n.t().display_name_label}</th>
                                    <th scope="col">{move || i18n.t().email_label}</th>
                                    <th scope="col">{move || i18n.t().ed.col_member_role}</th>
                                    <th scope="col">{move || i18n.t().ed.col_joined}</th>
                                    <th scope="col">
                                        <span class="visually-hidden">
                                            {move || i18n.t().col_actions}
                                        </span>
                                    </th>
                                </tr>
                            </thead>
                            <tbody>{members}</tbody>
                        </table>
                    </div>
                    {(!can_manage)
                        .then(|| {
                            view! { <p class="muted small">{move || i18n.t().ed.team_owner_only}</p> }
                        })}
                </section>
                <section aria-labelledby="invites-title">
                    <h2 id="invites-title" class="editor-section-title">
                        {move || i18n.t().ed.invites_title}
                    </h2>
                    {invites}
                </section>
                {can_manage
                    .then(|| view! { <InviteForm slug=slug.clone() action=actions.invite /> })}
            </div>
        </div>
    }
}

#[component]
fn MemberRow(
    member: MemberView,
    slug: String,
    can_manage: bool,
    actions: TeamActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let role = member.role;
    let joined = member.joined_at;
    let role_class = match role {
        MemberRole::Owner => "badge badge--strong",
        MemberRole::Member => "badge",
    };
    let removable = can_manage && !member.is_you;
    let user_id = member.user_id.to_string();
    let name = member.display_name.clone();
    view! {
        <tr>
            <th scope="row" data-label=move || i18n.t().display_name_label>
                <span class="badges">
                    <span>{member.display_name.clone()}</span>
                    {member
                        .is_you
                        .then(|| {
                            view! {
                                <span class="badge badge--neutral">{move || i18n.t().ed.you_badge}</span>
                            }
                        })}
                </span>
            </th>
            <td data-label=move || i18n.t().email_label class="users-table__email">
                {member.email.clone()}
            </td>
            <td data-label=move || i18n.t().ed.col_member_role>
                <span class=role_class>{move || (i18n.t().co.member_role)(role)}</span>
            </td>
            <td data-label=move || i18n.t().ed.col_joined class="nowrap">
                {move || format_date(joined, i18n.locale())}
            </td>
            <td data-label=move || i18n.t().col_actions>
                {removable
                    .then(|| {
                        view! {
                            <ActionForm action=actions.remove attr:class="row-actions__form">
                                <input type="hidden" name="slug" value=slug.clone() />
                                <input type="hidden" name="user_id" value=user_id.clone() />
                                <button
                                    type="submit"
                                    class="btn btn--ghost btn--small"
                                    aria-label=move || (i18n.t().ed.remove_member_label)(&name)
                                    disabled=move || actions.remove.pending().get()
                                >
                                    {move || i18n.t().ed.remove_member}
                                </button>
                            </ActionForm>
                        }
                    })}
            </td>
        </tr>
    }
}

#[component]
fn InviteItem(
    invite: InviteView,
    slug: String,
    can_manage: bool,
    actions: TeamActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let at = invite.created_at;
    let by = invite.invited_by.clone();
    let email = invite.email.clone();
    let invite_id = invite.id.to_string();
    view! {
        <li class="member-list__item">
            <span>
                <span class="member-list__name users-table__email">{invite.email.clone()}</span>
                <br />
                <span class="muted small">
                    {move || (i18n.t().ed.invited_by)(&by, &format_date(at, i18n.locale()))}
                </span>
            </span>
            {can_manage
                .then(|| {
                    view! {
                        <ActionForm action=actions.revoke attr:class="row-actions__form">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="invite_id" value=invite_id.clone() />
                            <button
                                type="submit"
                                class="btn btn--ghost btn--small"
                                aria-label=move || (i18n.t().ed.revoke_invite_label)(&email)
                                disabled=move || actions.revoke.pending().get()
                            >
                                {move || i18n.t().ed.revoke_invite}
                            </button>
                        </ActionForm>
                    }
                })}
        </li>
    }
}

#[component]
fn InviteForm(slug: String, action: ServerAction<InviteTeammate>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &["email"],
    );
    let invited = move || matches!(action.value().get(), Some(Ok(())));
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(form)) = (action.value().get(), form.get()) {
            form.reset();
        }
    });
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title" class="card__title">{move || i18n.t().ed.invite_title}</h2>
            <p class="muted small">{move || i18n.t().ed.invite_lead}</p>
            <FormAlert errors />
            <ActionForm action node_ref=form attr:class="form">
                <input type="hidden" name="slug" value=slug />
                <TextField
                    errors
                    name="email"
                    id="invite-email"
                    label=|t| t.ed.invite_email_label
                    input_type="email"
                    autocomplete="off"
                    maxlength=MAX_EMAIL_LEN
                    required=true
                />
                <div class="form__actions">
                    <button
                        type="submit"
                        class="btn btn--primary"
                        disabled=move || action.pending().get()
                    >
                        {move || i18n.t().ed.invite_button}
                    </button>
                </div>
                {move || {
                    invited()
                        .then(|| {
                            view! {
                                <p class="notice notice--success" role="status">
                                    {move || i18n.t().ed.invited}
                                </p>
                            }
                        })
                }}
            </ActionForm>
        </section>
    }
}
