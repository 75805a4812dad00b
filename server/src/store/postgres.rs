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

    /// A connection for one read statement of a busy page: from the pool
    /// (SQLite keeps its own, see `store/readers.rs`; a PostgreSQL
    /// connection can break, and the pool replaces broken ones).
    pub(crate) async fn page_reader(
        &self,
    ) -> Result<sqlx::pool::PoolConnection<Postgres>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// Rows as a JSON array of arrays (`company_page.rs`): `json_agg` gives
    /// NULL for no rows, hence the `[]`; as text, which sqlx reads as a
    /// `String`.
    pub(crate) fn json_list(columns: &str, from: &str, order: &str) -> String {
        format!(
            "(SELECT COALESCE(json_agg(json_build_array({columns}) ORDER BY {order}), '[]')::text \
             FROM {from})"
        )
    }

    /// Appended to the `SELECT` that opens a read-then-write transaction, so
    /// concurrent writers to the same row queue instead of interleaving.
    pub(crate) const ROW_LOCK: &'static str = " FOR UPDATE";

    /// Ends the claim's inner `SELECT`: rows another worker is claiming
    /// right now are skipped rather than waited for or claimed twice.
    pub(crate) const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";

    /// The companies an intarray query (`index_query`'s text, bound to
    /// `$n`) finds, or with `negate` all others.
    ///
    /// A few matches come from the GIN index as a set of ids. With `many`
    /// matches, and for `negate` (the headline matches left out of the
    /// rest), each company met while walking the chosen order is checked
    /// on its own token row instead: a scalar subquery, which the planner
    /// cannot turn into a join, so it keeps the walk and stops at the
    /// page's end. Building the set meant reading every match's row first
    /// (51 ms for 4,442 headline matches of 발열 at 21,000 companies).
    pub(crate) fn index_condition(
        n: usize,
        condition: &super::companies::IndexCondition,
    ) -> String {
        if condition.many || condition.negate {
            let not = if condition.negate { "NOT " } else { "" };
            return format!(
                "{not}COALESCE((SELECT t.tokens @@ ${n}::text::query_int \
                 FROM company_tokens t WHERE t.company_id = c.id), FALSE)"
            );
        }
        format!(
            "c.id IN (SELECT company_id FROM company_tokens \
             WHERE tokens @@ ${n}::text::query_int)"
        )
    }

    /// Counts the companies an intarray query (`$1`) finds, up to `limit`.
    pub(crate) fn index_count_sql(limit: Option<i64>) -> String {
        let limit = limit.map(|l| format!(" LIMIT {l}")).unwrap_or_default();
        format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM company_tokens \
             WHERE tokens @@ $1::text::query_int{limit}) AS found"
        )
    }

    /// The `query_int` for `lookups`, all of which must match: each token
    /// by its number, a prefix as the group of every token that starts
    /// with it. `None` when a lookup is in no company's text, so nothing
    /// can match.
    pub(crate) async fn index_query(
        conn: &mut PgConnection,
        lookups: &[app::domain::search_tokens::Lookup],
    ) -> app::ssr::DbResult<Option<String>> {
        use super::errors::db_error;
        use super::search_index::{prefix_end, query_int};
        use app::domain::search_tokens::Lookup;
        let exact: Vec<&str> = lookups
            .iter()
            .filter_map(|l| match l {
                Lookup::Token(t) => Some(t.as_str()),
                Lookup::Prefix(_) => None,
            })
            .collect();
        let known: std::collections::HashMap<String, i32> =
            sqlx::query_as("SELECT token, id FROM search_vocabulary WHERE token = ANY($1)")
                .bind(&exact)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_error)?
                .into_iter()
                .collect();
        let mut groups = Vec::with_capacity(lookups.len());
        for lookup in lookups {
            let ids: Vec<i32> = match lookup {
                Lookup::Token(t) => known.get(t).copied().into_iter().collect(),
                Lookup::Prefix(p) => sqlx::query_scalar(
                    "SELECT id FROM search_vocabulary WHERE token >= $1 AND token < $2",
                )
                .bind(p)
                .bind(prefix_end(p))
                .fetch_all(&mut *conn)
                .await
                .map_err(db_error)?,
            };
            if ids.is_empty() {
                return Ok(None);
            }
            groups.push(ids);
        }
        Ok(Some(query_int(&groups)))
    }

    /// Puts a company's tokens into the index (`Some`, while published) or
    /// takes them out (`None`). New tokens get their numbers first; they
    /// are added in sorted order, so two publishes sharing new tokens wait
    /// for each other instead of deadlocking, and only missing tokens are
    /// inserted, so the numbers are not used up by conflicts.
    pub(crate) async fn sync_search_index(
        conn: &mut PgConnection,
        company_id: i64,
        tokens: Option<&[String]>,
    ) -> Result<(), sqlx::Error> {
        let Some(tokens) = tokens else {
            sqlx::query("DELETE FROM company_tokens WHERE company_id = $1")
                .bind(company_id)
                .execute(&mut *conn)
                .await?;
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO search_vocabulary (token) \
             SELECT t FROM unnest($1::text[]) AS t \
             WHERE NOT EXISTS (SELECT 1 FROM search_vocabulary v WHERE v.token = t) \
             ORDER BY t COLLATE \"C\" ON CONFLICT (token) DO NOTHING",
        )
        .bind(tokens)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO company_tokens (company_id, tokens) \
             SELECT $2, COALESCE(array_agg(id ORDER BY id), '{}') \
             FROM search_vocabulary WHERE token = ANY($1) \
             ON CONFLICT (company_id) DO UPDATE SET tokens = EXCLUDED.tokens",
        )
        .bind(tokens)
        .bind(company_id)
        .execute(&mut *conn)
        .await?;
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
impl_readiness_store!(PostgresStore, PgConnection);
impl_reminder_store!(PostgresStore);
