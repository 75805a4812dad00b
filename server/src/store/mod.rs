//! Database backends behind `app::ssr::Store`. The URL scheme picks the
//! backend; both apply their own migrations at start and share one set of
//! query bodies (`shared.rs`), so their behaviour cannot drift apart.

// `shared`, `companies` and `deals` define the `impl_*!` macros the
// backends expand, so they must come before them.
#[macro_use]
mod shared;
#[macro_use]
mod companies;
#[macro_use]
mod deals;
#[macro_use]
mod forums;
#[macro_use]
mod investor;
#[macro_use]
mod mail;
#[macro_use]
mod outcomes;
#[macro_use]
mod readiness;
#[macro_use]
mod scorecards;
#[macro_use]
mod reminders;
mod company_page;
mod deal_rows;
mod errors;
mod kept;
mod postgres;
mod readers;
mod rows;
mod search_index;
mod sqlite;

pub use errors::redact_url;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use crate::startup::StartupError;
use app::ssr::Store;
use std::sync::Arc;

#[derive(Clone, Copy, Debug)]
pub struct PoolSettings {
    pub max_connections: u32,
    /// How long a query waits for a free (or new) connection before the
    /// request fails as "unavailable".
    pub acquire_timeout: std::time::Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max_connections: 10,
            acquire_timeout: std::time::Duration::from_secs(5),
        }
    }
}

/// Opens the database named by `url`, applies pending migrations and returns
/// the store. Every failure is one line telling the operator what to fix.
pub async fn open(url: &str, settings: PoolSettings) -> Result<Arc<dyn Store>, StartupError> {
    let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or_default();
    let store: Arc<dyn Store> = match scheme {
        "sqlite" => Arc::new(SqliteStore::open(url, settings).await?),
        "postgres" | "postgresql" => Arc::new(PostgresStore::open(url, settings).await?),
        _ => {
            return Err(StartupError::new(format!(
                "DATABASE_URL {:?} is not understood: use sqlite://path/to/file.db or postgres://user@host:5432/dbname",
                redact_url(url)
            )))
        }
    };
    // The built-in readiness templates are data the app ships with: every
    // database gets version 1 of each before the first request.
    store
        .ensure_builtin_templates(chrono::Utc::now())
        .await
        .map_err(|e| StartupError::new(format!("cannot write the readiness templates: {e}")))?;
    // The search index is derived from the companies' text: filled again
    // when it was made by an older tokenizer (or by none, after the
    // migration that created it).
    let indexed = store
        .rebuild_search_index(search_index::SEARCH_INDEX_VERSION)
        .await
        .map_err(|e| StartupError::new(format!("cannot fill the search index: {e}")))?;
    if indexed > 0 {
        tracing::info!(
            companies = indexed,
            "search index filled for the new tokenizer"
        );
    }
    Ok(store)
}
