//! Rate limits on the endpoints that guess passwords or create accounts.
//! Fixed windows counted in the database, so every app process behind a
//! load balancer shares one count. A fixed window can let through up to
//! twice the limit across a window boundary; for slowing down guessing
//! that is an acceptable price for one row per key.

use super::store::Store;
use crate::api::ApiError;
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub name: &'static str,
    pub max_hits: i64,
    pub window_secs: i64,
}

/// Sign-in attempts from one address (a shared office NAT stays usable).
pub const SIGN_IN_PER_IP: Limit = Limit {
    name: "sign-in/ip",
    max_hits: 30,
    window_secs: 15 * 60,
};
/// Sign-in attempts at one account, from anywhere: stops slow guessing
/// spread over many addresses.
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit {
    name: "sign-in/account",
    max_hits: 10,
    window_secs: 15 * 60,
};
pub const SIGN_UP_PER_IP: Limit = Limit {
    name: "sign-up/ip",
    max_hits: 10,
    window_secs: 60 * 60,
};
pub const PASSWORD_CHANGE_PER_ACCOUNT: Limit = Limit {
    name: "password/account",
    max_hits: 5,
    window_secs: 15 * 60,
};
pub const PASSWORD_CHANGE_PER_IP: Limit = Limit {
    name: "password/ip",
    max_hits: 20,
    window_secs: 15 * 60,
};

impl Limit {
    /// The start of the window `now` (unix seconds) falls in, and the
    /// seconds until it ends (at least 1, for `Retry-After`).
    pub fn window(&self, now: i64) -> (i64, u64) {
        let start = now - now.rem_euclid(self.window_secs);
        let left = (start + self.window_secs - now).max(1);
        (start, left as u64)
    }

    /// The stored bucket name. Keys (addresses, e-mails) are hashed so the
    /// table holds no personal data in the clear.
    pub fn bucket(&self, key: &str) -> String {
        let digest = Sha256::digest(key.trim().to_lowercase().as_bytes());
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        format!("{}:{hex}", self.name)
    }
}

/// Counts this attempt against `limit` for `key`; `RateLimited` with the
/// seconds to wait once the window's budget is spent. A database failure
/// lets the request through (logged): the limiter must not become the way
/// to take sign-in down.
pub async fn enforce(store: &dyn Store, limit: Limit, key: &str) -> Result<(), ApiError> {
    let now = chrono::Utc::now().timestamp();
    let (start, retry_after_secs) = limit.window(now);
    match store.hit_rate_limit(&limit.bucket(key), start).await {
        Ok(hits) if hits > limit.max_hits => {
            tracing::warn!(limit = limit.name, hits, "rate limit reached");
            Err(super::reject(ApiError::RateLimited { retry_after_secs }))
        }
        Ok(_) => Ok(()),
        Err(err) => {
            tracing::error!(%err, limit = limit.name, "rate limit check failed; allowing");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_aligned_and_retry_after_counts_down() {
        let limit = SIGN_IN_PER_ACCOUNT;
        assert_eq!(limit.window(900), (900, 900));
        assert_eq!(limit.window(901), (900, 899));
        assert_eq!(limit.window(1799), (900, 1));
        assert_eq!(limit.window(1800), (1800, 900));
    }

    #[test]
    fn buckets_hide_the_key_and_fold_case() {
        let a = SIGN_IN_PER_ACCOUNT.bucket("Investor@Example.kr");
        assert_eq!(a, SIGN_IN_PER_ACCOUNT.bucket("investor@example.kr "));
        assert!(
            a.starts_with("sign-in/account:") && !a.contains("example"),
            "{a}"
        );
        assert_ne!(a, SIGN_IN_PER_IP.bucket("investor@example.kr"));
    }
}
