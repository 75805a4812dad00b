//! Sessions: a signed token in a cookie that names a session row. The token
//! proves the cookie came from us; the row, checked on every request, lets
//! sign-out, a password change or an admin action end a session at once.

use crate::domain::role::Role;
use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const SESSION_COOKIE: &str = "pb_session";
const ISSUER: &str = "pitchbridge";
const AUDIENCE: &str = "pitchbridge-web";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The session row id.
    pub sid: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// Signing keys and the one accepted way of reading a token: HS256 only,
/// with subject, issue time, expiry, issuer and audience all required.
pub struct SessionKeys {
    // Also signs unsubscribe links (`super::unsubscribe`), under another
    // audience so neither token passes for the other.
    pub(crate) encoding: EncodingKey,
    pub(crate) decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for SessionKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKeys(<redacted>)")
    }
}

impl SessionKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["sub", "iat", "exp", "iss", "aud"]);
        validation.leeway = 0;
        SessionKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(
        &self,
        user_id: i64,
        session_id: &str,
        issued_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user_id.to_string(),
            sid: session_id.to_string(),
            iat: issued_at.timestamp(),
            exp: expires_at.timestamp(),
            iss: ISSUER.to_string(),
            aud: AUDIENCE.to_string(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The claims of a token we signed that has not expired; `None` for
    /// anything else (tampered, other algorithm, wrong key, expired, …).
    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

/// How long sessions live and how their cookie is sent.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// Signed out after this long without a request.
    pub idle: chrono::Duration,
    /// Signed out this long after signing in, whatever the activity.
    pub absolute: chrono::Duration,
    pub cookie_secure: CookieSecure,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CookieSecure {
    /// When the request came over HTTPS (directly or via a proxy that sets
    /// `X-Forwarded-Proto`).
    Auto,
    Always,
    Never,
}

impl SessionPolicy {
    pub fn secure_for(&self, parts: &http::request::Parts) -> bool {
        match self.cookie_secure {
            CookieSecure::Always => true,
            CookieSecure::Never => false,
            CookieSecure::Auto => {
                parts.uri.scheme_str() == Some("https")
                    || parts
                        .headers
                        .get("x-forwarded-proto")
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
            }
        }
    }
}

/// `Set-Cookie` value carrying a session token.
pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}"
    )
}

/// `Set-Cookie` value that removes the session cookie.
pub fn expired_session_cookie(secure: bool) -> String {
    session_cookie("", 0, secure)
}

/// A fresh, unguessable session id (256 bits, hex).
pub fn new_session_id() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Who is asking: put in the request by the server's session middleware
/// after the token, the session row and the account all checked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub session_id: String,
    pub role: Role,
    pub verification: crate::domain::account::Verification,
    pub club_id: Option<i64>,
    pub company: Option<crate::domain::company::Membership>,
    /// Companies a consultant is assigned to today.
    pub assigned_companies: Vec<i64>,
    pub display_name: String,
    pub email: String,
}

impl Actor {
    pub fn principal(&self) -> crate::domain::access::Principal {
        crate::domain::access::Principal {
            user_id: self.user_id,
            role: self.role,
            verification: self.verification,
            club_id: self.club_id,
            company: self.company.clone(),
            assigned_companies: self.assigned_companies.clone(),
        }
    }
}

/// The signed-in user of this request, if any.
pub fn current_actor() -> Option<Actor> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<Actor>()
        .cloned()
}

/// Starts a session for `user_id` from this request: the row to store and
/// the `Set-Cookie` value to send once it is stored.
pub fn open_session(
    user_id: i64,
) -> Result<(crate::ssr::NewSession, String), crate::api::ApiError> {
    use crate::api::ApiError;
    use std::sync::Arc;
    let keys = use_context::<Arc<SessionKeys>>().ok_or(ApiError::Internal)?;
    let policy = use_context::<SessionPolicy>().ok_or(ApiError::Internal)?;
    let parts = use_context::<http::request::Parts>().ok_or(ApiError::Internal)?;
    let now = Utc::now();
    let session = crate::ssr::NewSession {
        id: new_session_id(),
        user_id,
        created_at: now,
        expires_at: now + policy.absolute,
        ip: Some(crate::ssr::guard::client_ip()),
        user_agent: crate::ssr::guard::user_agent(),
    };
    let token = keys
        .issue(user_id, &session.id, now, session.expires_at)
        .map_err(|err| {
            tracing::error!(%err, "could not sign a session token");
            ApiError::Internal
        })?;
    let cookie = session_cookie(
        &token,
        policy.absolute.num_seconds(),
        policy.secure_for(&parts),
    );
    Ok((session, cookie))
}

/// Adds a `Set-Cookie` header to this response.
pub fn send_cookie(value: &str) -> Result<(), crate::api::ApiError> {
    let value = http::HeaderValue::from_str(value).map_err(|_| crate::api::ApiError::Internal)?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(http::header::SET_COOKIE, value);
    Ok(())
}

/// Only same-site paths are followed after sign-in, so a crafted link
/// cannot bounce a user to another site.
pub fn local_redirect_target(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ish::encode_segment;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef-test-secret";

    fn keys() -> SessionKeys {
        SessionKeys::new(SECRET)
    }

    fn fresh_token() -> String {
        let now = Utc::now();
        keys()
            .issue(7, "sid-1", now, now + chrono::Duration::hours(1))
            .unwrap()
    }

    /// Minimal base64url helpers so tampering tests can rebuild tokens.
    mod base64ish {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        pub fn encode_segment(bytes: &[u8]) -> String {
            let mut out = String::new();
            for chunk in bytes.chunks(3) {
                let n = chunk
                    .iter()
                    .enumerate()
                    .fold(0u32, |acc, (i, b)| acc | (*b as u32) << (16 - 8 * i));
                let chars = chunk.len() + 1;
                for i in 0..chars {
                    out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
                }
            }
            out
        }
    }

    fn json_segment(value: serde_json::Value) -> String {
        encode_segment(value.to_string().as_bytes())
    }

    fn claims_json(exp_offset: i64) -> serde_json::Value {
        let now = Utc::now().timestamp();
        serde_json::json!({
            "sub": "7", "sid": "sid-1", "iat": now, "exp": now + exp_offset,
            "iss": ISSUER, "aud": AUDIENCE
        })
    }

    fn sign_hs(alg: Algorithm, claims: &serde_json::Value, secret: &[u8]) -> String {
        encode(&Header::new(alg), claims, &EncodingKey::from_secret(secret)).unwrap()
    }

    #[test]
    fn a_fresh_token_verifies() {
        let claims = keys().verify(&fresh_token()).expect("valid");
        assert_eq!(claims.sub, "7");
        assert_eq!(claims.sid, "sid-1");
    }

    #[test]
    fn a_changed_payload_is_rejected() {
        let token = fresh_token();
        let parts: Vec<&str> = token.split('.').collect();
        let mut forged = claims_json(3600);
        forged["sub"] = serde_json::json!("1");
        let tampered = format!("{}.{}.{}", parts[0], json_segment(forged), parts[2]);
        assert!(keys().verify(&tampered).is_none());
    }

    #[test]
    fn alg_none_is_rejected() {
        let header = json_segment(serde_json::json!({"alg": "none", "typ": "JWT"}));
        let token = format!("{header}.{}.", json_segment(claims_json(3600)));
        assert!(keys().verify(&token).is_none());
    }

    #[test]
    fn another_algorithm_is_rejected_even_with_the_right_key() {
        let token = sign_hs(Algorithm::HS512, &claims_json(3600), SECRET);
        assert!(keys().verify(&token).is_none());
    }

    #[test]
    fn a_wrong_key_is_rejected() {
        let token = sign_hs(
            Algorithm::HS256,
            &claims_json(3600),
            b"another-secret-of-enough-length!!",
        );
        assert!(keys().verify(&token).is_none());
    }

    #[test]
    fn expired_and_incomplete_tokens_are_rejected() {
        assert!(keys()
            .verify(&sign_hs(Algorithm::HS256, &claims_json(-5), SECRET))
            .is_none());
        for missing in ["exp", "iat", "sub", "iss", "aud"] {
            let mut claims = claims_json(3600);
            claims.as_object_mut().unwrap().remove(missing);
            let token = sign_hs(Algorithm::HS256, &claims, SECRET);
            assert!(keys().verify(&token).is_none(), "missing {missing}");
        }
        for (field, value) in [("aud", "someone-else"), ("iss", "evil")] {
            let mut claims = claims_json(3600);
            claims[field] = serde_json::json!(value);
            let token = sign_hs(Algorithm::HS256, &claims, SECRET);
            assert!(keys().verify(&token).is_none(), "wrong {field}");
        }
        assert!(keys().verify("not.a.token").is_none());
        assert!(keys().verify("").is_none());
    }

    #[test]
    fn redirect_targets_stay_local() {
        assert_eq!(
            local_redirect_target(Some("/clusters?x=1")),
            "/clusters?x=1"
        );
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
            "/a\nb",
        ] {
            assert_eq!(local_redirect_target(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(local_redirect_target(None), "/");
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_when_asked() {
        let c = session_cookie("tok", 60, true);
        assert!(c.starts_with("pb_session=tok;"));
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("; Secure"));
        assert!(!session_cookie("tok", 60, false).contains("Secure"));
        assert!(expired_session_cookie(false).contains("Max-Age=0"));
        assert_eq!(new_session_id().len(), 64);
        assert_ne!(new_session_id(), new_session_id());
    }
}
