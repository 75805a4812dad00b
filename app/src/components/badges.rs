//! Small coloured labels for roles and account, verification and club
//! states. Colour is never the only signal: every badge carries its word.

use crate::domain::account::{ClubStatus, Verification};
use crate::domain::role::Role;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn RoleBadge(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let class = match role {
        Role::Admin => "badge badge--strong",
        Role::Consultant => "badge badge--accent",
        Role::Startup | Role::Investor => "badge",
    };
    view! { <span class=class>{move || (i18n.t().role_name)(role)}</span> }
}

#[component]
pub fn VerificationBadge(verification: Verification) -> impl IntoView {
    let i18n = use_i18n();
    let class = match verification {
        Verification::None => "badge badge--neutral",
        Verification::Pending => "badge badge--warning",
        Verification::Verified => "badge badge--success",
        Verification::Rejected => "badge badge--danger",
    };
    view! { <span class=class>{move || (i18n.t().verification_name)(verification)}</span> }
}

#[component]
pub fn ClubStatusBadge(status: ClubStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        ClubStatus::Pending => "badge badge--warning",
        ClubStatus::Approved => "badge badge--success",
        ClubStatus::Rejected => "badge badge--danger",
    };
    view! { <span class=class>{move || (i18n.t().club_status_name)(status)}</span> }
}

/// "Active" or "Disabled".
#[component]
pub fn ActiveBadge(active: bool) -> impl IntoView {
    let i18n = use_i18n();
    let class = if active {
        "badge badge--neutral"
    } else {
        "badge badge--danger"
    };
    view! {
        <span class=class>
            {move || {
                if active { i18n.t().filter_active_true } else { i18n.t().filter_active_false }
            }}
        </span>
    }
}
