//! PostgreSQL: the scale-out backend. Several stateless app processes can
//! share one database; sqlx's migrator serialises concurrent starts with an
//! advisory lock.

use super::{errors::redact_url, PoolSettings};
use crate::startup::StartupError;
use app::ssr::Backend;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{migrate::Migrator, Connection, PgConnection, Postgres, Transaction};
use std::str::FromStr;

static MIGRATOR: Migrator = sqlx::migrate!("../migrations/postgres");

pub struct PostgresStore {
    pub(crate) pool: PgPool,
    /// Kept for `kept::TTL`; see `store/kept.rs`.
    pub(crate) clusters: super::kept::Kept<Vec<app::domain::cluster::Cluster>>,
    pub(crate) impact: super::kept::Kept<app::domain::impact::ImpactFacts>,
}

impl PostgresStore {
    pub async fn open(url: &str, settings: PoolSettings) -> Result<Self, StartupError> {
        let shown = redact_url(url);
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| {
                StartupError::new(format!(
                    "DATABASE_URL {shown} is not a valid PostgreSQL URL ({e}); use postgres://user:password@host:5432/dbname"
                ))
            })?
            // No JIT: the app's statements are short, but a portfolio read
            // over thousands of checklists passes `jit_above_cost`, and
            // compiling it took 200–250 ms of every 260 ms execution (a
            // consultant's 58-row view: 265 ms with JIT, 8 ms without).
            .options([("jit", "off")]);
        // One direct connection first: the pool would report any failure as
        // a timeout, while this names the cause (refused, bad password,
        // missing database).
        let probe = PgConnection::connect_with(&options).await.map_err(|e| {
            StartupError::new(format!(
                "cannot connect to PostgreSQL at {shown}: {e}; check DATABASE_URL and that the server is running"
            ))
        })?;
        let _ = probe.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections.max(1))
            .acquire_timeout(settings.acquire_timeout)
            .connect_with(options)
            .await
            .map_err(|e| {
                StartupError::new(format!(
                    "cannot connect to PostgreSQL at {shown}: {e}; check DATABASE_URL and that the server is running"
                ))
            })?;
        MIGRATOR.run(&pool).await.map_err(|e| {
            StartupError::new(format!(
                "cannot migrate the PostgreSQL database {shown}: {e}"
            ))
        })?;
        tracing::info!(database = %shown, "connected to PostgreSQL");
        Ok(PostgresStore {
            pool,
            clusters: Default::default(),
            impact: Default::default(),
        })
    }

    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        self.pool.begin().await
    }

    /// Appended to the `SELECT` that opens a read-then-write transaction, so
    /// concurrent writers to the same row queue instead of interleaving.
    pub(crate) const ROW_LOCK: &'static str = " FOR UPDATE";

    /// Ends the claim's inner `SELECT`: rows another worker is claiming
    /// right now are skipped rather than waited for or claimed twice.
    pub(crate) const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";

    /// One directory search term (`%term%` bound to `$n`), served by the
    /// `pg_trgm` GIN index on `companies.search_text`.
    pub(crate) fn search_condition(n: usize, _chars: usize) -> String {
        format!("c.search_text LIKE ${n}")
    }

    /// The trigram index follows `companies.search_text` by itself.
    pub(crate) async fn sync_search_index(
        _conn: &mut PgConnection,
        _company_id: i64,
        _text: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

impl_store!(PostgresStore, Backend::Postgres);
impl_company_store!(PostgresStore, PgConnection);
impl_deal_store!(PostgresStore);
impl_forum_store!(PostgresStore);
impl_rsvp_store!(PostgresStore);
impl_scorecard_store!(PostgresStore);
impl_outcome_store!(PostgresStore);
impl_investor_store!(PostgresStore);
impl_mail_store!(PostgresStore);
impl_readiness_store!(PostgresStore);
impl_reminder_store!(PostgresStore);
