//! `/admin/clubs`: every angel club with its status and size; pending
//! clubs can be approved (then offered on the sign-up form) or rejected.

use crate::api::admin::{list_all_clubs, ReviewClub};
use crate::components::access::AccessNotice;
use crate::components::admin::{AdminGate, AdminHeader};
use crate::components::badges::ClubStatusBadge;
use crate::components::forms::form_action;
use crate::components::forms::ActionFeedback;
use crate::components::status::Loading;
use crate::domain::account::{Club, ClubStatus};
use crate::domain::seoul_time::format_date;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn AdminClubsPage() -> impl IntoView {
    view! {
        <AdminGate>
            <ClubsPage />
        </AdminGate>
    }
}

#[component]
fn ClubsPage() -> impl IntoView {
    // Created below the routes, so a plain form post's error that came back
    // in the URL reaches it.
    let review = form_action::<ReviewClub>();
    let clubs = Resource::new(move || review.version().get(), |_| list_all_clubs());
    let feedback = Signal::derive(move || review.value().get());
    view! {
        <div class="container">
            <AdminHeader title=|t| t.admin_clubs_title lead=|t| t.admin_clubs_lead />
            <ActionFeedback result=feedback success=|t| t.saved />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match clubs.await {
                        Ok(list) => view! { <ClubTable clubs=list review /> }.into_any(),
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ClubTable(clubs: Vec<Club>, review: ServerAction<ReviewClub>) -> impl IntoView {
    let i18n = use_i18n();
    if clubs.is_empty() {
        return view! {
            <div class="empty-state">
                <p class="empty-state__text">{move || i18n.t().clubs_empty}</p>
            </div>
        }
        .into_any();
    }
    let rows = clubs
        .into_iter()
        .map(|club| {
            let id = club.id.to_string();
            let created = club.created_at;
            let members = club.member_count;
            view! {
                <tr>
                    <th scope="row" data-label=move || i18n.t().col_club_name>{club.name}</th>
                    <td data-label=move || i18n.t().col_status>
                        <ClubStatusBadge status=club.status />
                    </td>
                    <td data-label=move || i18n.t().col_members class="num">{members}</td>
                    <td data-label=move || i18n.t().col_created class="nowrap">
                        {move || format_date(created, i18n.locale())}
                    </td>
                    <td data-label=move || i18n.t().col_actions>
                        {(club.status == ClubStatus::Pending)
                            .then(|| {
                                view! {
                                    <ActionForm action=review attr:class="row-actions__form">
                                        <input type="hidden" name="club_id" value=id.clone() />
                                        <button
                                            type="submit"
                                            name="decision"
                                            value="approved"
                                            class="btn btn--primary btn--small"
                                        >
                                            {move || i18n.t().approve_button}
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
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().col_club_name}</th>
                        <th scope="col">{move || i18n.t().col_status}</th>
                        <th scope="col" class="num">{move || i18n.t().col_members}</th>
                        <th scope="col">{move || i18n.t().col_created}</th>
                        <th scope="col">{move || i18n.t().col_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
