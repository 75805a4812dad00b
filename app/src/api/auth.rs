//! Signing up, in and out, and "who am I" for the header. Sign-up and
//! sign-in are open to anonymous callers by nature; everything they trust
//! comes from the store, and both are rate-limited.

use super::ApiError;
use crate::domain::account::{SignUpForm, Verification};
use crate::domain::role::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::domain::account::MAX_EMAIL_LEN;
pub use crate::domain::password_policy::MAX_PASSWORD_BYTES as MAX_PASSWORD_LEN;

/// What the page may know about the signed-in user: enough to choose the
/// navigation. The server decides access again on every call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub display_name: String,
    pub role: Role,
    pub verification: Verification,
    /// The slug of the user's company, for the "my company" link.
    pub company_slug: Option<String>,
    /// The user's angel club, for the club pipeline link.
    pub club_id: Option<i64>,
}

impl Viewer {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    pub fn is_verified_investor(&self) -> bool {
        self.role == Role::Investor && self.verification == Verification::Verified
    }
}

#[server(endpoint = "auth/whoami")]
pub async fn whoami() -> Result<Option<Viewer>, ApiError> {
    Ok(crate::ssr::session::current_actor().map(Viewer::from))
}

#[cfg(feature = "ssr")]
impl From<crate::ssr::session::Actor> for Viewer {
    fn from(actor: crate::ssr::session::Actor) -> Self {
        let company_slug = match actor.company {
            Some(m) if actor.role == Role::Startup => Some(m.company_slug),
            _ => None,
        };
        Viewer {
            display_name: actor.display_name,
            role: actor.role,
            verification: actor.verification,
            company_slug,
            club_id: actor.club_id,
        }
    }
}

#[server(endpoint = "auth/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), ApiError> {
    use crate::ssr::guard::client_ip;
    use crate::ssr::rate_limit::{enforce, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP};
    use crate::ssr::session::{local_redirect_target, open_session, send_cookie};
    use crate::ssr::{password, reject, store, DbError};

    if email.trim().is_empty()
        || password.is_empty()
        || email.len() > MAX_EMAIL_LEN
        || password.len() > MAX_PASSWORD_LEN
    {
        return Err(reject(ApiError::BadCredentials));
    }
    let store = store()?;
    enforce(store.as_ref(), SIGN_IN_PER_IP, &client_ip()).await?;
    enforce(store.as_ref(), SIGN_IN_PER_ACCOUNT, &email).await?;

    let found = match store.login_credentials(&email).await {
        Ok(found) => Some(found),
        Err(DbError::NotFound) => None,
        Err(err) => return Err(reject(err.into())),
    };
    // An unknown e-mail still costs one hash, so the answer's timing does
    // not tell which addresses have accounts.
    let stored_hash = match &found {
        Some((_, hash)) => hash.0.clone(),
        None => timing_equaliser_hash().await?,
    };
    let matches = password::verify(&password, &stored_hash)
        .await
        .map_err(|err| {
            tracing::error!(%err, "password check failed");
            ApiError::Internal
        })?;
    let user = match found {
        Some((user, _)) if matches => user,
        _ => return Err(reject(ApiError::BadCredentials)),
    };
    if !user.is_active {
        return Err(reject(ApiError::AccountDisabled));
    }

    let (session, cookie) = open_session(user.id)?;
    store
        .create_session(&session)
        .await
        .map_err(|err| reject(err.into()))?;
    send_cookie(&cookie)?;
    tracing::info!(user_id = user.id, "signed in");
    leptos_axum::redirect(local_redirect_target(next.as_deref()));
    Ok(())
}

/// Creates a startup or investor account and signs it in. Startups name
/// their company (created here); investors pick an approved club or
/// propose one, and wait for an admin's verification.
#[server(endpoint = "auth/sign-up")]
pub async fn sign_up(form: SignUpForm) -> Result<(), ApiError> {
    use crate::domain::account::{FieldError, FieldProblem, SignUpKind};
    use crate::ssr::guard::{audit, client_ip};
    use crate::ssr::rate_limit::{enforce, SIGN_UP_PER_IP};
    use crate::ssr::session::{new_session_id, open_session, send_cookie};
    use crate::ssr::store::{NewCompany, Registration};
    use crate::ssr::{password, reject, store, DbError, NewUser};

    let valid = form.validate().map_err(|e| reject(e.into()))?;
    let store = store()?;
    enforce(store.as_ref(), SIGN_UP_PER_IP, &client_ip()).await?;

    let role = valid.role();
    let password_hash = password::hash(&valid.password).await.map_err(|err| {
        tracing::error!(%err, "password hashing failed");
        ApiError::Internal
    })?;
    let (company, club) = match &valid.kind {
        SignUpKind::Startup {
            company_name: Some(company_name),
        } => (
            Some(NewCompany {
                // A neutral, unique address: Korean names have no agreed
                // romanisation, and a guessable slug would reveal which
                // unpublished companies exist.
                slug: format!("co-{}", &new_session_id()[..12]),
                name_ko: company_name.clone(),
            }),
            None,
        ),
        // Joining a teammate's company: only with an invitation waiting
        // for this address (accepted from the account page).
        SignUpKind::Startup { company_name: None } => {
            let invited = !store
                .invites_for_email(&valid.email)
                .await
                .map_err(|err| reject(err.into()))?
                .is_empty();
            if !invited {
                return Err(reject(
                    FieldError::new("company_name", FieldProblem::Required).into(),
                ));
            }
            (None, None)
        }
        SignUpKind::Investor { club } => (None, Some(club.clone())),
    };
    let registration = Registration {
        user: NewUser {
            email: valid.email.clone(),
            display_name: valid.display_name.clone(),
            role,
            password_hash,
            locale: crate::i18n::initial_locale().code().to_string(),
            is_demo: false,
            verification: Verification::initial_for(role),
            club_id: None,
        },
        company,
        club,
    };
    let event = audit(None, "account.sign_up", "user", None, role.as_str());
    let user_id = match store.register(&registration, &event).await {
        Ok(id) => id,
        Err(DbError::Conflict(what)) => {
            let problem = match what.as_str() {
                "email" => FieldError::new("email", FieldProblem::EmailTaken),
                "club_name" => FieldError::new("new_club_name", FieldProblem::ClubNameTaken),
                _ => return Err(reject(ApiError::Internal)),
            };
            return Err(reject(problem.into()));
        }
        Err(DbError::NotFound) => {
            return Err(reject(
                FieldError::new("club_id", FieldProblem::UnknownChoice).into(),
            ))
        }
        Err(err) => return Err(reject(err.into())),
    };

    let (session, cookie) = open_session(user_id)?;
    store
        .create_session(&session)
        .await
        .map_err(|err| reject(err.into()))?;
    send_cookie(&cookie)?;
    tracing::info!(user_id, role = role.as_str(), "signed up");
    leptos_axum::redirect("/account");
    Ok(())
}

#[server(endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), ApiError> {
    use crate::ssr::session::{current_actor, expired_session_cookie, send_cookie, SessionPolicy};
    use crate::ssr::{reject, store};

    if let Some(actor) = current_actor() {
        store()?
            .revoke_session(&actor.session_id, chrono::Utc::now())
            .await
            .map_err(|err| reject(err.into()))?;
        tracing::info!(user_id = actor.user_id, "signed out");
    }
    let policy = use_context::<SessionPolicy>().ok_or(ApiError::Internal)?;
    let secure = use_context::<http::request::Parts>()
        .map(|parts| policy.secure_for(&parts))
        .unwrap_or(true);
    send_cookie(&expired_session_cookie(secure))?;
    leptos_axum::redirect("/");
    Ok(())
}

/// A real Argon2id hash of a throwaway password, made once per process.
#[cfg(feature = "ssr")]
async fn timing_equaliser_hash() -> Result<String, ApiError> {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_try_init(|| async {
        let throwaway = crate::ssr::session::new_session_id();
        crate::ssr::password::hash(&throwaway).await
    })
    .await
    .cloned()
    .map_err(|err| {
        tracing::error!(%err, "could not prepare the timing hash");
        ApiError::Internal
    })
}
