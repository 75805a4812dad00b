//! The signed token in a digest's unsubscribe link. It names one user and
//! one purpose, is signed with the session key under its own audience (a
//! session token is not an unsubscribe token, nor the reverse), and
//! expires, so an old forwarded mail stops working eventually. No table:
//! the signature is the proof.

use super::session::SessionKeys;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};

const ISSUER: &str = "pitchbridge";
const AUDIENCE: &str = "pitchbridge-mail";
/// The only purpose so far: stop the daily digest.
pub const DIGEST_PURPOSE: &str = "digest-unsubscribe";
/// Long enough for a digest read weeks later.
pub const LIFETIME_DAYS: i64 = 180;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Claims {
    sub: String,
    purpose: String,
    iat: i64,
    exp: i64,
    iss: String,
    aud: String,
}

fn validation() -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[AUDIENCE]);
    validation.set_required_spec_claims(&["sub", "iat", "exp", "iss", "aud"]);
    validation.leeway = 0;
    validation
}

/// A token for `purpose` on `user_id`'s behalf, valid from `now`.
pub fn issue(
    keys: &SessionKeys,
    user_id: i64,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<String, jsonwebtoken::errors::Error> {
    let claims = Claims {
        sub: user_id.to_string(),
        purpose: purpose.to_string(),
        iat: now.timestamp(),
        exp: (now + Duration::days(LIFETIME_DAYS)).timestamp(),
        iss: ISSUER.to_string(),
        aud: AUDIENCE.to_string(),
    };
    encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding)
}

/// The user a token we signed for `purpose` names; `None` for anything
/// else (tampered, expired, another purpose, a session token, …).
pub fn verify(keys: &SessionKeys, token: &str, purpose: &str) -> Option<i64> {
    let claims = decode::<Claims>(token.trim(), &keys.decoding, &validation())
        .ok()?
        .claims;
    if claims.purpose != purpose {
        return None;
    }
    claims.sub.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> SessionKeys {
        SessionKeys::new(b"unit-test-secret-of-at-least-32-bytes!!")
    }

    #[test]
    fn round_trip() {
        let keys = keys();
        let token = issue(&keys, 42, DIGEST_PURPOSE, Utc::now()).unwrap();
        assert_eq!(verify(&keys, &token, DIGEST_PURPOSE), Some(42));
    }

    #[test]
    fn tampered_token_is_refused() {
        let keys = keys();
        let token = issue(&keys, 42, DIGEST_PURPOSE, Utc::now()).unwrap();
        // Flip one character of the payload.
        let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
        let mut payload: Vec<char> = parts[1].chars().collect();
        payload[5] = if payload[5] == 'A' { 'B' } else { 'A' };
        parts[1] = payload.into_iter().collect();
        assert_eq!(verify(&keys, &parts.join("."), DIGEST_PURPOSE), None);
        // Signed with another key.
        let other = SessionKeys::new(b"another-secret-of-at-least-32-bytes!!!!");
        assert_eq!(verify(&other, &token, DIGEST_PURPOSE), None);
        assert_eq!(verify(&keys, "", DIGEST_PURPOSE), None);
    }

    #[test]
    fn wrong_purpose_expired_and_session_tokens_are_refused() {
        let keys = keys();
        let token = issue(&keys, 42, "something-else", Utc::now()).unwrap();
        assert_eq!(verify(&keys, &token, DIGEST_PURPOSE), None);
        let old = Utc::now() - Duration::days(LIFETIME_DAYS + 1);
        let expired = issue(&keys, 42, DIGEST_PURPOSE, old).unwrap();
        assert_eq!(verify(&keys, &expired, DIGEST_PURPOSE), None);
        let session = keys
            .issue(42, "sid", Utc::now(), Utc::now() + Duration::hours(1))
            .unwrap();
        assert_eq!(verify(&keys, &session, DIGEST_PURPOSE), None);
        // And the other way round: a mail token opens no session.
        let mail = issue(&keys, 42, DIGEST_PURPOSE, Utc::now()).unwrap();
        assert_eq!(keys.verify(&mail), None);
    }
}
