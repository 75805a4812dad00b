//! The programme operator's tools: the user list, investor verification,
//! account status and roles, staff accounts, club review and the audit
//! log. Admin only, decided by `domain::access`; every change writes an
//! audit event in the same transaction.

use super::ApiError;
use crate::domain::account::{AuditEvent, Club, UserSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const USERS_PER_PAGE: i64 = 50;
pub const AUDIT_PER_PAGE: i64 = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPage {
    pub users: Vec<UserSummary>,
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
    /// The admin looking at the list: their own row offers no disable or
    /// role change (the server refuses both anyway).
    pub viewer_id: i64,
}

/// Filters arrive as the list page's query string (`?role=investor&status=pending`),
/// so a filtered list has a URL that can be bookmarked; unknown values are
/// ignored rather than failing the page.
#[server(endpoint = "admin/users")]
pub async fn list_users(
    role: Option<String>,
    verification: Option<String>,
    active: Option<String>,
    q: Option<String>,
    page: Option<i64>,
) -> Result<UserPage, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{UserFilter, Verification};
    use crate::domain::role::Role;
    use crate::ssr::{guard::require, reject, store};

    let actor = require(Action::ListUsers)?;
    let filter = UserFilter {
        role: role.as_deref().and_then(Role::parse),
        verification: verification.as_deref().and_then(Verification::parse),
        active: match active.as_deref() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        },
        query: q
            .map(|q| q.trim().chars().take(100).collect::<String>())
            .filter(|q| !q.is_empty()),
    };
    let page = page.unwrap_or(1).clamp(1, 10_000);
    let found = store()?
        .list_users(&filter, USERS_PER_PAGE, (page - 1) * USERS_PER_PAGE)
        .await
        .map_err(|err| reject(err.into()))?;
    Ok(UserPage {
        users: found.items,
        total: found.total,
        page,
        per_page: USERS_PER_PAGE,
        viewer_id: actor.user_id,
    })
}

/// `decision` is "verified" or "rejected".
#[server(endpoint = "admin/verify-investor")]
pub async fn verify_investor(user_id: i64, decision: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem, Verification};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};

    let actor = require(Action::AdministerUser {
        target_user_id: user_id,
    })?;
    let verification = match Verification::parse(&decision) {
        Some(v @ (Verification::Verified | Verification::Rejected)) => v,
        _ => {
            return Err(reject(
                FieldError::new("decision", FieldProblem::UnknownChoice).into(),
            ))
        }
    };
    let event = audit(
        Some(&actor),
        "user.set_verification",
        "user",
        Some(user_id.to_string()),
        verification.as_str(),
    );
    store()?
        .set_verification(user_id, verification, &event)
        .await
        .map_err(|err| reject(err.into()))
}

/// `active` is "true" or "false". Disabling ends the account's sessions.
#[server(endpoint = "admin/set-active")]
pub async fn set_user_active(user_id: i64, active: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};

    let actor = require(Action::AdministerUser {
        target_user_id: user_id,
    })?;
    let active = match active.as_str() {
        "true" => true,
        "false" => false,
        _ => {
            return Err(reject(
                FieldError::new("active", FieldProblem::UnknownChoice).into(),
            ))
        }
    };
    let event = audit(
        Some(&actor),
        if active {
            "user.enable"
        } else {
            "user.disable"
        },
        "user",
        Some(user_id.to_string()),
        "",
    );
    store()?
        .set_user_active(user_id, active, &event)
        .await
        .map_err(|err| reject(err.into()))
}

/// Changing a role ends the account's sessions, so the new role applies
/// from its next sign-in.
#[server(endpoint = "admin/set-role")]
pub async fn set_user_role(user_id: i64, role: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::domain::role::Role;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};

    let actor = require(Action::AdministerUser {
        target_user_id: user_id,
    })?;
    let role = Role::parse(&role)
        .ok_or_else(|| reject(FieldError::new("role", FieldProblem::UnknownChoice).into()))?;
    let event = audit(
        Some(&actor),
        "user.set_role",
        "user",
        Some(user_id.to_string()),
        role.as_str(),
    );
    store()?
        .set_user_role(user_id, role, &event)
        .await
        .map_err(|err| reject(err.into()))
}

/// Creates a consultant or admin account with a first password the admin
/// hands over; the new user changes it on the account page.
#[server(endpoint = "admin/create-staff")]
pub async fn create_staff(
    email: String,
    display_name: String,
    role: String,
    password: String,
    password_confirm: String,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{
        validate_display_name, validate_email, validate_new_password, FieldError, FieldProblem,
        Verification,
    };
    use crate::domain::role::Role;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{password as pw, reject, store, DbError, NewUser};

    let actor = require(Action::CreateStaffAccount)?;
    let email = validate_email("email", &email).map_err(|e| reject(e.into()))?;
    let display_name =
        validate_display_name("display_name", &display_name).map_err(|e| reject(e.into()))?;
    let role = match Role::parse(&role) {
        Some(r @ (Role::Consultant | Role::Admin)) => r,
        _ => {
            return Err(reject(
                FieldError::new("role", FieldProblem::RoleNotOffered).into(),
            ))
        }
    };
    let local_part = email.split('@').next().unwrap_or_default();
    validate_new_password(
        "password",
        &password,
        &password_confirm,
        &[&email, local_part, &display_name],
    )
    .map_err(|e| reject(e.into()))?;
    let password_hash = pw::hash(&password).await.map_err(|_| ApiError::Internal)?;
    let user = NewUser {
        email,
        display_name,
        role,
        password_hash,
        locale: "ko".to_string(),
        is_demo: false,
        verification: Verification::None,
        club_id: None,
    };
    let event = audit(
        Some(&actor),
        "user.create_staff",
        "user",
        None,
        role.as_str(),
    );
    match store()?.create_staff(&user, &event).await {
        Ok(_) => Ok(()),
        Err(DbError::Conflict(_)) => Err(reject(
            FieldError::new("email", FieldProblem::EmailTaken).into(),
        )),
        Err(err) => Err(reject(err.into())),
    }
}

#[server(endpoint = "admin/clubs")]
pub async fn list_all_clubs() -> Result<Vec<Club>, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    require(Action::ReviewClubs)?;
    store()?
        .list_clubs(None)
        .await
        .map_err(|err| reject(err.into()))
}

/// `decision` is "approved" or "rejected".
#[server(endpoint = "admin/review-club")]
pub async fn review_club(club_id: i64, decision: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{ClubStatus, FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};

    let actor = require(Action::ReviewClubs)?;
    let status = match ClubStatus::parse(&decision) {
        Some(s @ (ClubStatus::Approved | ClubStatus::Rejected)) => s,
        _ => {
            return Err(reject(
                FieldError::new("decision", FieldProblem::UnknownChoice).into(),
            ))
        }
    };
    let event = audit(
        Some(&actor),
        "club.review",
        "club",
        Some(club_id.to_string()),
        status.as_str(),
    );
    store()?
        .review_club(club_id, status, &event)
        .await
        .map_err(|err| reject(err.into()))
}

/// Newest first; `before` is the id of the last event already shown.
#[server(endpoint = "admin/audit")]
pub async fn audit_log(before: Option<i64>) -> Result<Vec<AuditEvent>, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    require(Action::ReadAuditLog)?;
    store()?
        .audit_log(AUDIT_PER_PAGE, before)
        .await
        .map_err(|err| reject(err.into()))
}
