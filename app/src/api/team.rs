//! A company's team: its members and open invitations. Owners invite by
//! e-mail and remove teammates; the invited person accepts from their
//! account page after signing in (or signing up) with that address.

use super::ApiError;
use crate::domain::company::MemberRole;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: MemberRole,
    pub joined_at: DateTime<Utc>,
    pub is_you: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteView {
    pub id: i64,
    pub company_name: String,
    pub email: String,
    pub invited_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamData {
    pub company_name: String,
    pub members: Vec<MemberView>,
    pub invites: Vec<InviteView>,
    /// The caller may invite and remove (an owner or an admin).
    pub can_manage: bool,
}

#[cfg(feature = "ssr")]
fn invite_view(i: crate::ssr::company_store::StoredInvite) -> InviteView {
    InviteView {
        id: i.id,
        company_name: i.company_name,
        email: i.email,
        invited_by: i.invited_by,
        created_at: i.created_at,
    }
}

/// The company and the caller: managing the team is for owners, seeing it
/// for anyone who may edit the company.
#[cfg(feature = "ssr")]
async fn team_company(
    slug: &str,
    manage: bool,
) -> Result<
    (
        crate::ssr::session::Actor,
        crate::ssr::company_store::CompanyRecord,
    ),
    ApiError,
> {
    use crate::domain::access::Action;
    crate::ssr::guard::require_on_company(slug, |company_id| {
        if manage {
            Action::ManageCompanyTeam { company_id }
        } else {
            Action::EditCompany { company_id }
        }
    })
    .await
}

#[server(endpoint = "team/list")]
pub async fn company_team(slug: String) -> Result<TeamData, ApiError> {
    use crate::domain::access::{authorize, Action};
    use crate::ssr::{reject, store};
    let (actor, company) = team_company(&slug, false).await?;
    let store = store()?;
    let members = store
        .members(company.id)
        .await
        .map_err(|err| reject(err.into()))?
        .into_iter()
        .map(|m| MemberView {
            is_you: m.user_id == actor.user_id,
            user_id: m.user_id,
            display_name: m.display_name,
            email: m.email,
            role: m.role,
            joined_at: m.joined_at,
        })
        .collect();
    let invites = store
        .invites(company.id)
        .await
        .map_err(|err| reject(err.into()))?
        .into_iter()
        .map(invite_view)
        .collect();
    let can_manage = authorize(
        Some(&actor.principal()),
        Action::ManageCompanyTeam {
            company_id: company.id,
        },
    )
    .is_ok();
    Ok(TeamData {
        company_name: company.name_ko,
        members,
        invites,
        can_manage,
    })
}

#[server(endpoint = "team/invite")]
pub async fn invite_teammate(slug: String, email: String) -> Result<(), ApiError> {
    use crate::domain::account::{validate_email, FieldError, FieldProblem};
    use crate::ssr::guard::audit;
    use crate::ssr::{reject, store, DbError};
    let (actor, company) = team_company(&slug, true).await?;
    let email = validate_email("email", &email).map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "company.invite",
        "company",
        Some(company.id.to_string()),
        format!("email={email}"),
    );
    match store()?
        .invite_member(company.id, &email, actor.user_id, Utc::now(), &event)
        .await
    {
        Ok(_) => Ok(()),
        Err(DbError::Conflict(what)) if what == "email" => Err(reject(
            FieldError::new("email", FieldProblem::EmailTaken).into(),
        )),
        Err(DbError::Conflict(what)) if what == "member" => Err(reject(
            FieldError::new("email", FieldProblem::AlreadyMember).into(),
        )),
        Err(err) => Err(reject(err.into())),
    }
}

#[server(endpoint = "team/revoke-invite")]
pub async fn revoke_invitation(slug: String, invite_id: i64) -> Result<(), ApiError> {
    use crate::ssr::guard::audit;
    use crate::ssr::{reject, store};
    let (actor, company) = team_company(&slug, true).await?;
    let event = audit(
        Some(&actor),
        "company.revoke_invite",
        "company_invite",
        Some(invite_id.to_string()),
        format!("company={}", company.id),
    );
    store()?
        .revoke_invite(company.id, invite_id, &event)
        .await
        .map_err(|err| reject(err.into()))
}

#[server(endpoint = "team/remove")]
pub async fn remove_teammate(slug: String, user_id: i64) -> Result<(), ApiError> {
    use crate::ssr::guard::audit;
    use crate::ssr::{reject, store, DbError};
    let (actor, company) = team_company(&slug, true).await?;
    let event = audit(
        Some(&actor),
        "company.remove_member",
        "user",
        Some(user_id.to_string()),
        format!("company={}", company.id),
    );
    match store()?.remove_member(company.id, user_id, &event).await {
        Ok(()) => Ok(()),
        Err(DbError::Conflict(what)) if what == "last_owner" => Err(reject(ApiError::Field {
            field: "member".into(),
            problem: crate::domain::account::FieldProblem::LastOwner,
        })),
        Err(err) => Err(reject(err.into())),
    }
}

/// Invitations addressed to the caller's e-mail.
#[server(endpoint = "team/my-invites")]
pub async fn my_invitations() -> Result<Vec<InviteView>, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    let actor = require(Action::ManageOwnAccount)?;
    Ok(store()?
        .invites_for_email(&actor.email)
        .await
        .map_err(|err| reject(err.into()))?
        .into_iter()
        .map(invite_view)
        .collect())
}

#[server(endpoint = "team/accept")]
pub async fn accept_invitation(invite_id: i64) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::domain::role::Role;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::ManageOwnAccount)?;
    // Company membership is for startup accounts; an investor invited by
    // mistake is told so rather than silently joined.
    if actor.role != Role::Startup {
        return Err(reject(ApiError::Forbidden));
    }
    let event = audit(
        Some(&actor),
        "company.accept_invite",
        "company_invite",
        Some(invite_id.to_string()),
        "",
    );
    match store()?
        .accept_invite(invite_id, actor.user_id, Utc::now(), &event)
        .await
    {
        Ok(_) => Ok(()),
        Err(DbError::Conflict(what)) if what == "member" => Err(reject(
            FieldError::new("invite", FieldProblem::AlreadyMember).into(),
        )),
        Err(err) => Err(reject(err.into())),
    }
}
