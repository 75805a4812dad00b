//! SQLite: the embedded default. One file, WAL journal so readers never
//! block the writer, foreign keys on, and write transactions that take the
//! write lock up front.

use super::{errors::redact_url, PoolSettings};
use crate::startup::StartupError;
use app::ssr::Backend;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{migrate::Migrator, Sqlite, SqliteConnection, Transaction};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("../migrations/sqlite");

pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
    /// The busiest reads' own connections; see `store/readers.rs`.
    readers: super::readers::Readers,
    /// Kept for `kept::TTL`; see `store/kept.rs`.
    pub(crate) clusters: super::kept::Kept<Vec<app::domain::cluster::Cluster>>,
    pub(crate) impact: super::kept::Kept<app::domain::impact::ImpactFacts>,
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
            // sqlx pings a connection on every acquire by default: one
            // more round trip to the connection's worker thread per query
            // (8% of a directory render). A SQLite file does not drop
            // connections the way a network server can.
            .test_before_acquire(false)
            .connect_with(options.clone())
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
        // After the migrations, so they never see an older schema.
        let readers = super::readers::Readers::open(&options).await.map_err(|e| {
            StartupError::new(format!(
                "cannot open the SQLite database {}: {e}",
                file.display()
            ))
        })?;
        tracing::info!(database = %file.display(), "opened SQLite database");
        Ok(SqliteStore {
            pool,
            readers,
            clusters: Default::default(),
            impact: Default::default(),
        })
    }

    /// `BEGIN IMMEDIATE` takes the write lock at the start. A deferred
    /// transaction that reads first and writes later can fail with
    /// SQLITE_BUSY on the upgrade, which busy_timeout cannot retry.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// A connection for one read statement of a busy page (see
    /// `store/readers.rs`).
    pub(crate) async fn page_reader(
        &self,
    ) -> Result<tokio::sync::MutexGuard<'_, SqliteConnection>, sqlx::Error> {
        Ok(self.readers.get().await)
    }

    /// Rows as a JSON array of arrays (`company_page.rs`); an empty table
    /// gives `[]`. Aggregate `ORDER BY` needs SQLite 3.44 (sqlx bundles
    /// a newer one).
    pub(crate) fn json_list(columns: &str, from: &str, order: &str) -> String {
        format!("(SELECT json_group_array(json_array({columns}) ORDER BY {order}) FROM {from})")
    }

    /// No row locks: `BEGIN IMMEDIATE` already holds the database's write
    /// lock for the whole transaction.
    pub(crate) const ROW_LOCK: &'static str = "";

    /// No row locks to skip: the claim's write transaction (`BEGIN
    /// IMMEDIATE`) already has the database to itself.
    pub(crate) const SKIP_LOCKED: &'static str = "";

    /// The companies an FTS5 query (`index_query`'s text, bound to `$n`)
    /// finds, or with `negate` all others. The index is asked first and
    /// its rowids looked up, never the other way round: joining the FTS5
    /// table to `companies` made SQLite probe the index once per company.
    /// With `many` matches the `+` keeps SQLite from driving the query by
    /// those ids: it walks the chosen order's index instead and stops at
    /// the page's end, checking each company against the ids.
    pub(crate) fn index_condition(
        n: usize,
        condition: &super::companies::IndexCondition,
    ) -> String {
        let not = if condition.negate { "NOT " } else { "" };
        let walk = if condition.many { "+" } else { "" };
        format!(
            "{walk}c.id {not}IN (SELECT rowid FROM company_index WHERE company_index MATCH ${n})"
        )
    }

    /// Counts the companies an FTS5 query (`$1`) finds, up to `limit`.
    pub(crate) fn index_count_sql(limit: Option<i64>) -> String {
        let limit = limit.map(|l| format!(" LIMIT {l}")).unwrap_or_default();
        format!(
            "SELECT COUNT(*) FROM (SELECT rowid FROM company_index \
             WHERE company_index MATCH $1{limit}) AS found"
        )
    }

    /// The FTS5 query for `lookups`, all of which must match. Always
    /// `Some`: FTS5 finds nothing for a token it does not hold by itself.
    pub(crate) async fn index_query(
        _conn: &mut SqliteConnection,
        lookups: &[app::domain::search_tokens::Lookup],
    ) -> app::ssr::DbResult<Option<String>> {
        Ok(Some(super::search_index::fts5_query(lookups)))
    }

    /// Puts a company's tokens into the FTS5 table (`Some`, while
    /// published) or takes them out (`None`).
    pub(crate) async fn sync_search_index(
        conn: &mut SqliteConnection,
        company_id: i64,
        tokens: Option<&[String]>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM company_index WHERE rowid = $1")
            .bind(company_id)
            .execute(&mut *conn)
            .await?;
        if let Some(tokens) = tokens {
            sqlx::query("INSERT INTO company_index (rowid, tokens) VALUES ($1, $2)")
                .bind(company_id)
                .bind(tokens.join(" "))
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }
}

impl_store!(SqliteStore, Backend::Sqlite);
impl_company_store!(SqliteStore, SqliteConnection);
impl_deal_store!(SqliteStore);
impl_forum_store!(SqliteStore);
impl_rsvp_store!(SqliteStore);
impl_scorecard_store!(SqliteStore);
impl_outcome_store!(SqliteStore);
impl_investor_store!(SqliteStore);
impl_mail_store!(SqliteStore);
impl_readiness_store!(SqliteStore, SqliteConnection);
impl_reminder_store!(SqliteStore);
