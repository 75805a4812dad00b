//! Password hashing with Argon2id. Hashing is deliberately slow, so it runs
//! on the blocking pool, never on the async workers, and a semaphore bounds
//! how many hashes run at once (a burst of sign-ins must not exhaust memory:
//! each hash holds 19 MiB).

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// OWASP's recommended Argon2id setting: m = 19 MiB, t = 2, p = 1.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

static HASH_SLOTS: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Semaphore::new(cores.max(2))
});

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .expect("constant Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("hashing task failed: {0}")]
    Task(String),
}

/// Hashes a password into a PHC string (algorithm, parameters and salt
/// travel with the hash, so parameters can be raised later).
pub async fn hash(password: &str) -> Result<String, PasswordError> {
    let password = password.to_owned();
    run_bounded(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| PasswordError::Hash(e.to_string()))
    })
    .await?
}

/// True when `password` matches the stored PHC string. A malformed stored
/// hash counts as a mismatch rather than an error to the caller.
pub async fn verify(password: &str, stored: &str) -> Result<bool, PasswordError> {
    let password = password.to_owned();
    let stored = stored.to_owned();
    run_bounded(move || match PasswordHash::new(&stored) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    })
    .await
}

async fn run_bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, PasswordError> {
    let _slot = HASH_SLOTS
        .acquire()
        .await
        .map_err(|e| PasswordError::Task(e.to_string()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| PasswordError::Task(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ_by_salt() {
        let a = hash("correct horse battery").await.unwrap();
        let b = hash("correct horse battery").await.unwrap();
        assert_ne!(a, b, "salts must differ");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert!(verify("correct horse battery", &a).await.unwrap());
        assert!(!verify("correct horse battery!", &a).await.unwrap());
        assert!(!verify("x", "not a phc string").await.unwrap());
    }
}
