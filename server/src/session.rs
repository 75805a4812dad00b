//! Resolves the session cookie into an `Actor` for the request, checking
//! the token's signature and claims, then the session row (not revoked, not
//! past its absolute or idle limit) and the account (still active).

use app::ssr::session::{Actor, SessionKeys, SessionPolicy, SESSION_COOKIE};
use app::ssr::{DbError, Store};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap},
    middleware::Next,
    response::Response,
};
use chrono::Utc;
use std::sync::Arc;

/// Activity is written back at most this often, so browsing is not a
/// database write per request.
const TOUCH_INTERVAL: chrono::Duration = chrono::Duration::minutes(1);

#[derive(Clone)]
pub struct Sessions {
    pub store: Arc<dyn Store>,
    pub keys: Arc<SessionKeys>,
    pub policy: SessionPolicy,
}

pub async fn resolve_session(
    State(sessions): State<Sessions>,
    mut request: Request,
    next: Next,
) -> Response {
    if needs_identity(request.uri().path()) {
        if let Some(actor) = sessions.actor_for(request.headers()).await {
            request.extensions_mut().insert(actor);
        }
    }
    next.run(request).await
}

/// Static files and the health check never depend on who is asking.
fn needs_identity(path: &str) -> bool {
    !(path.starts_with("/pkg/") || path == "/healthz" || path == "/favicon.svg")
}

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

impl Sessions {
    async fn actor_for(&self, headers: &HeaderMap) -> Option<Actor> {
        let token = cookie_value(headers, SESSION_COOKIE).filter(|t| !t.is_empty())?;
        let claims = self.keys.verify(token)?;
        let (session, user, membership) = match self.store.session_with_user(&claims.sid).await {
            Ok(found) => found,
            Err(DbError::NotFound) => return None,
            Err(err) => {
                tracing::warn!(%err, "session lookup failed; treating request as signed out");
                return None;
            }
        };
        let now = Utc::now();
        let valid = session.user_id.to_string() == claims.sub
            && session.revoked_at.is_none()
            && session.expires_at > now
            && session.last_seen_at + self.policy.idle > now
            && user.is_active;
        if !valid {
            return None;
        }
        if now - session.last_seen_at > TOUCH_INTERVAL {
            if let Err(err) = self.store.touch_session(&session.id, now).await {
                tracing::warn!(%err, "could not record session activity");
            }
        }
        // Consultants carry today's assignments, so every access decision
        // on this request knows them without asking again.
        let assigned_companies = if user.role == app::domain::role::Role::Consultant {
            let today = app::domain::seoul_time::seoul_date(now);
            match self.store.assigned_company_ids(user.id, today).await {
                Ok(ids) => ids,
                Err(err) => {
                    tracing::warn!(%err, "could not read assignments; treating as none");
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };
        Some(Actor {
            assigned_companies,
            user_id: user.id,
            session_id: session.id,
            role: user.role,
            verification: user.verification,
            club_id: user.club_id,
            company: membership,
            display_name: user.display_name,
            email: user.email,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn finds_the_named_cookie_only() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=en; pb_session=abc.def; x=1"),
        );
        assert_eq!(cookie_value(&headers, "pb_session"), Some("abc.def"));
        assert_eq!(cookie_value(&headers, "lang"), Some("en"));
        assert_eq!(cookie_value(&headers, "pb"), None);
        assert!(needs_identity("/clusters"));
        assert!(!needs_identity("/pkg/pitchbridge.wasm"));
    }
}
