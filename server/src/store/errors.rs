use app::ssr::DbError;

/// Maps driver errors onto the store's vocabulary, keeping "no such row" and
/// "uniqueness rule" apart from real failures.
pub fn db_error(err: sqlx::Error) -> DbError {
    match err {
        sqlx::Error::RowNotFound => DbError::NotFound,
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            DbError::Conflict(db.constraint().unwrap_or("unique").to_string())
        }
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            DbError::Unavailable(err.to_string())
        }
        other => DbError::Other(other.to_string()),
    }
}

/// The URL with any password replaced, for logs and error messages.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(parsed) => parsed.to_string(),
        // Unparseable: show only the scheme, since a password could be anywhere.
        Err(_) => match url.split_once("://") {
            Some((scheme, _)) => format!("{scheme}://…"),
            None => "(unparseable)".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_survive_redaction() {
        let r = redact_url("postgres://app:hunter2@db.internal:5432/pitch");
        assert!(!r.contains("hunter2"), "{r}");
        assert!(r.contains("***") && r.contains("db.internal"), "{r}");
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert!(!redact_url("postgres://a:hunter2@[bad").contains("hunter2"));
    }
}
