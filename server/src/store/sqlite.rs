//! SQLite: the embedded default. One file, WAL journal so readers never
//! block the writer, foreign keys on, and write transactions that take the
//! write lock up front.

use super::{errors::redact_url, PoolSettings};
use crate::startup::StartupError;
use app::ssr::Backend;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{migrate::Migrator, Sqlite, Transaction};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("../migrations/sqlite");

pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

impl SqliteStore {
    pub async fn open(url: &str, settings: PoolSettings) -> Result<Self, StartupError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| {
                StartupError::new(format!(
                    "DATABASE_URL {} is not a valid SQLite URL ({e}); use sqlite://path/to/file.db",
                    redact_url(url)
                ))
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable across application crashes in WAL mode and
            // avoids an fsync per commit.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));

        let file = options.get_filename().to_path_buf();
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StartupError::new(format!(
                    "cannot create the directory {} for the SQLite database: {e}; choose a writable --data-dir or DATABASE_URL",
                    dir.display()
                ))
            })?;
        }

        let pool = SqlitePoolOptions::new()
            .max_connections(settings.max_connections.max(1))
            .acquire_timeout(settings.acquire_timeout)
            .connect_with(options)
            .await
            .map_err(|e| {
                StartupError::new(format!(
                    "cannot open the SQLite database {}: {e}; check that the path is writable or set DATABASE_URL",
                    file.display()
                ))
            })?;
        MIGRATOR.run(&pool).await.map_err(|e| {
            StartupError::new(format!(
                "cannot migrate the SQLite database {}: {e}",
                file.display()
            ))
        })?;
        tracing::info!(database = %file.display(), "opened SQLite database");
        Ok(SqliteStore { pool })
    }

    /// `BEGIN IMMEDIATE` takes the write lock at the start. A deferred
    /// transaction that reads first and writes later can fail with
    /// SQLITE_BUSY on the upgrade, which busy_timeout cannot retry.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }
}

impl_store!(SqliteStore, Backend::Sqlite);
