//! The signed-in user's own account: what it is, its name and language,
//! and its password. Every function acts on the caller's own row only; the
//! id comes from the session, never from the form.

use super::ApiError;
use crate::domain::account::UserSummary;
use leptos::prelude::*;

#[server(endpoint = "account/me")]
pub async fn my_account() -> Result<UserSummary, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    let actor = require(Action::ManageOwnAccount)?;
    store()?
        .user_summary(actor.user_id)
        .await
        .map_err(|err| reject(err.into()))
}

#[server(endpoint = "account/profile")]
pub async fn update_profile(display_name: String, locale: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{validate_display_name, FieldError, FieldProblem};
    use crate::i18n::Locale;
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};

    let actor = require(Action::ManageOwnAccount)?;
    let name =
        validate_display_name("display_name", &display_name).map_err(|e| reject(e.into()))?;
    let locale = Locale::from_code(&locale)
        .ok_or_else(|| reject(FieldError::new("locale", FieldProblem::UnknownChoice).into()))?;
    let event = audit(
        Some(&actor),
        "account.update_profile",
        "user",
        Some(actor.user_id.to_string()),
        format!("locale={}", locale.code()),
    );
    store()?
        .update_profile(actor.user_id, &name, locale.code(), &event)
        .await
        .map_err(|err| reject(err.into()))?;
    super::locale::remember_locale(locale)?;
    Ok(())
}

/// Checks the current password, stores the new one, ends every session of
/// the account (other browsers, a stolen cookie) and keeps this browser
/// signed in with a fresh session.
#[server(endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    password_confirm: String,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{validate_new_password, FieldError, FieldProblem};
    use crate::domain::password_policy::MAX_PASSWORD_BYTES;
    use crate::ssr::guard::{audit, client_ip, require};
    use crate::ssr::rate_limit::{enforce, PASSWORD_CHANGE_PER_ACCOUNT, PASSWORD_CHANGE_PER_IP};
    use crate::ssr::session::{open_session, send_cookie};
    use crate::ssr::{password, reject, store};

    let actor = require(Action::ManageOwnAccount)?;
    let store = store()?;
    enforce(store.as_ref(), PASSWORD_CHANGE_PER_IP, &client_ip()).await?;
    enforce(store.as_ref(), PASSWORD_CHANGE_PER_ACCOUNT, &actor.email).await?;

    let wrong_current =
        || reject(FieldError::new("current_password", FieldProblem::WrongCurrentPassword).into());
    if current_password.is_empty() || current_password.len() > MAX_PASSWORD_BYTES {
        return Err(wrong_current());
    }
    let local_part = actor.email.split('@').next().unwrap_or_default();
    validate_new_password(
        "new_password",
        &new_password,
        &password_confirm,
        &[&actor.email, local_part, &actor.display_name],
    )
    .map_err(|e| reject(e.into()))?;

    let stored = store
        .password_hash(actor.user_id)
        .await
        .map_err(|err| reject(err.into()))?;
    let matches = password::verify(&current_password, &stored.0)
        .await
        .map_err(|_| ApiError::Internal)?;
    if !matches {
        return Err(wrong_current());
    }
    let new_hash = password::hash(&new_password)
        .await
        .map_err(|_| ApiError::Internal)?;
    let (session, cookie) = open_session(actor.user_id)?;
    let event = audit(
        Some(&actor),
        "account.change_password",
        "user",
        Some(actor.user_id.to_string()),
        "",
    );
    store
        .change_password(actor.user_id, &new_hash, &session, &event)
        .await
        .map_err(|err| reject(err.into()))?;
    send_cookie(&cookie)?;
    tracing::info!(
        user_id = actor.user_id,
        "password changed; other sessions ended"
    );
    Ok(())
}

/// Turns the daily e-mail digest on or off for the caller. A plain form
/// with a checkbox: an unticked box sends nothing, so "absent" means off.
#[server(endpoint = "account/digest")]
pub async fn set_digest(digest: Option<String>) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::{reject, store};

    let actor = require(Action::ManageOwnAccount)?;
    let enabled = match digest.as_deref().map(str::trim) {
        None | Some("") => false,
        Some("on" | "true" | "1") => true,
        Some(_) => {
            return Err(reject(
                FieldError::new("digest", FieldProblem::UnknownChoice).into(),
            ))
        }
    };
    let event = audit(
        Some(&actor),
        "account.digest",
        "user",
        Some(actor.user_id.to_string()),
        format!("digest_opt_in={enabled}"),
    );
    store()?
        .set_digest_opt_in(actor.user_id, enabled, &event)
        .await
        .map_err(|err| reject(err.into()))
}
