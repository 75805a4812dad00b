//! What every server function does first: find out who is asking, ask
//! `domain::access` whether they may, and describe the request for the
//! audit log and the rate limiter.

use super::session::{current_actor, Actor};
use super::store::NewAuditEvent;
use crate::api::ApiError;
use crate::domain::access::{authorize, Action};
use leptos::prelude::*;

/// The caller's address, put in the request by the server (the socket
/// peer, or the proxy's `X-Forwarded-For` when the proxy is trusted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientIp(pub String);

/// The signed-in caller, when they may do `action`; otherwise 401 for
/// nobody signed in and 403 for the wrong account.
pub fn require(action: Action) -> Result<Actor, ApiError> {
    let actor = current_actor();
    match authorize(actor.as_ref().map(Actor::principal).as_ref(), action) {
        Ok(()) => actor.ok_or(ApiError::Unauthorized),
        Err(denial) => Err(super::reject(denial.into())),
    }
}

/// The company named by `slug` and the caller, when they may do the action
/// `on_company` makes for it (edit it, manage its team). An unknown slug is
/// "not found" before anything else is decided.
pub async fn require_on_company(
    slug: &str,
    on_company: impl FnOnce(i64) -> Action,
) -> Result<(Actor, super::company_store::CompanyRecord), ApiError> {
    let company = super::store()?
        .company_by_slug(slug)
        .await
        .map_err(|err| super::reject(err.into()))?;
    Ok((require(on_company(company.id))?, company))
}

/// The caller's address, or "unknown" (tests without a socket).
pub fn client_ip() -> String {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientIp>().map(|ip| ip.0.clone()))
        .unwrap_or_else(|| "unknown".to_string())
}

pub fn user_agent() -> Option<String> {
    use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(256).collect())
    })
}

/// An audit entry for a change `actor` is making now from this request.
pub fn audit(
    actor: Option<&Actor>,
    action: &'static str,
    object_type: &'static str,
    object_id: Option<String>,
    detail: impl Into<String>,
) -> NewAuditEvent {
    NewAuditEvent {
        actor_id: actor.map(|a| a.user_id),
        actor_label: actor.map_or_else(|| "anonymous".to_string(), |a| a.email.clone()),
        action,
        object_type,
        object_id,
        detail: detail.into(),
        ip: Some(client_ip()),
        at: chrono::Utc::now(),
    }
}
