//! Angel clubs: the approved list the sign-up form offers, and a verified
//! investor's own club.

use super::ApiError;
use crate::domain::account::Club;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Open to everyone: the sign-up form needs it before anyone has an account.
/// Only approved clubs, and only their names and sizes.
#[server(endpoint = "clubs/approved")]
pub async fn approved_clubs() -> Result<Vec<Club>, ApiError> {
    use crate::domain::account::ClubStatus;
    use crate::ssr::{reject, store};
    store()?
        .list_clubs(Some(ClubStatus::Approved))
        .await
        .map_err(|err| reject(err.into()))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubMember {
    pub display_name: String,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubView {
    pub club: Club,
    pub members: Vec<ClubMember>,
}

/// The caller's club and its members' names (no e-mail addresses): for
/// verified investors of that club.
#[server(endpoint = "clubs/mine")]
pub async fn my_club() -> Result<Option<ClubView>, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::Verification;
    use crate::ssr::{guard::require, reject, store};

    let actor = require(Action::SeeInvestorContent)?;
    let Some(club_id) = actor.club_id else {
        return Ok(None);
    };
    require(Action::SeeClub { club_id })?;
    let (club, members) = store()?
        .club_with_members(club_id)
        .await
        .map_err(|err| reject(err.into()))?;
    Ok(Some(ClubView {
        club,
        members: members
            .into_iter()
            .filter(|m: &crate::domain::account::UserSummary| m.is_active)
            .map(|m| ClubMember {
                display_name: m.display_name,
                verified: m.verification == Verification::Verified,
            })
            .collect(),
    }))
}
