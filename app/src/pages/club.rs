//! `/club`: a verified investor's angel club and its members. The server
//! answers 403 to everyone else, and the page says so.

use crate::api::clubs::{my_club, ClubView};
use crate::components::access::AccessNotice;
use crate::components::badges::{ClubStatusBadge, VerificationBadge};
use crate::components::head::PageTitle;
use crate::components::status::Loading;
use crate::domain::account::Verification;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn ClubPage() -> impl IntoView {
    let club = Resource::new(|| (), |_| my_club());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match club.await {
                    Ok(Some(club)) => view! { <ClubDetails club /> }.into_any(),
                    Ok(None) => view! { <NoClub /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClubDetails(club: ClubView) -> impl IntoView {
    let i18n = use_i18n();
    let name = club.club.name.clone();
    let count = club.members.len() as i64;
    let status = club.club.status;
    view! {
        <PageTitle text=name.clone() />
        <div class="container">
            <header class="page-header">
                <p class="page-eyebrow">{move || i18n.t().club_title}</p>
                <h1 class="page-title">{name}</h1>
                <p class="row">
                    <ClubStatusBadge status />
                    <span class="muted">{move || (i18n.t().club_members_count)(count)}</span>
                </p>
            </header>
            <section aria-labelledby="members-title">
                <h2 id="members-title" class="section__title">
                    {move || i18n.t().club_members_title}
                </h2>
                {if club.members.is_empty() {
                    view! {
                        <div class="empty-state">
                            <p class="empty-state__text">{move || i18n.t().club_members_empty}</p>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul class="member-list">
                            {club
                                .members
                                .into_iter()
                                .map(|member| {
                                    let badge = if member.verified {
                                        view! {
                                            <VerificationBadge verification=Verification::Verified />
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <span class="badge badge--neutral">
                                                {move || i18n.t().club_member_unverified}
                                            </span>
                                        }
                                            .into_any()
                                    };
                                    view! {
                                        <li class="member-list__item">
                                            <span class="member-list__name">{member.display_name}</span>
                                            {badge}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        </div>
    }
}

#[component]
fn NoClub() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=i18n.t().club_title />
        <div class="container">
            <header class="page-header">
                <h1 class="page-title">{move || i18n.t().club_title}</h1>
            </header>
            <div class="empty-state">
                <p class="empty-state__title">{move || i18n.t().club_none_title}</p>
                <p class="empty-state__text">{move || i18n.t().club_none_text}</p>
            </div>
        </div>
    }
}
