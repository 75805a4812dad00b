//! Test databases: a fresh SQLite file or a fresh PostgreSQL database per
//! test, so tests never share state and can run in parallel.
#![allow(dead_code)]

use app::ssr::Store;

pub mod app_server;
pub mod calls;
pub mod people;
pub mod smtp;
pub mod watch;
use server::store::{self, PoolSettings};
use sqlx::{Connection, PgConnection};
use std::path::PathBuf;
use std::sync::Arc;

/// Where PostgreSQL tests create their databases. CI uses the server on
/// this machine; override to point elsewhere.
pub fn postgres_admin_url() -> String {
    std::env::var("PITCHBRIDGE_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

pub const TEST_DB_PREFIX: &str = "pb_test_";

pub struct TestDb {
    pub store: Arc<dyn Store>,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteDir(PathBuf),
    PostgresDb(String),
}

fn unique_suffix() -> String {
    format!("{}_{:016x}", std::process::id(), rand::random::<u64>())
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(format!("pb-test-{}", unique_suffix()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        let url = format!("sqlite://{}", dir.join("test.db").display());
        let store = store::open(&url, test_pool(10))
            .await
            .expect("open SQLite test database");
        TestDb {
            store,
            url,
            cleanup: Cleanup::SqliteDir(dir),
        }
    }

    pub async fn postgres() -> TestDb {
        let admin = postgres_admin_url();
        let name = format!("{TEST_DB_PREFIX}{}", unique_suffix());
        let mut conn = PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL for tests is not reachable at {admin}: {e}"));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create test database");
        conn.close().await.ok();
        let url = replace_db_name(&admin, &name);
        let store = store::open(&url, test_pool(5))
            .await
            .expect("open PostgreSQL test database");
        TestDb {
            store,
            url,
            cleanup: Cleanup::PostgresDb(name),
        }
    }

    pub async fn backend(name: &str) -> TestDb {
        match name {
            "sqlite" => TestDb::sqlite().await,
            "postgres" => TestDb::postgres().await,
            other => panic!("unknown backend {other}"),
        }
    }

    pub fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    /// Closes the pool and removes the database. Closing waits for every
    /// connection to come back, so a connection that a request never gave
    /// back (a leak) fails the test here instead of hanging it.
    pub async fn finish(self) {
        tokio::time::timeout(std::time::Duration::from_secs(60), self.store.close())
            .await
            .expect("the pool closes within 60 s: no connection is still checked out");
        match self.cleanup {
            Cleanup::SqliteDir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PostgresDb(name) => {
                if let Ok(mut conn) = PgConnection::connect(&postgres_admin_url()).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                }
            }
        }
    }
}

fn replace_db_name(url: &str, name: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("valid PostgreSQL URL");
    parsed.set_path(&format!("/{name}"));
    parsed.to_string()
}

/// Runs `test` on a fresh database of `backend` and removes it afterwards.
pub async fn with_store<F, Fut>(backend: &str, test: F)
where
    F: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let db = TestDb::backend(backend).await;
    test(db.store()).await;
    db.finish().await;
}

/// Expands each listed test once per backend, as `sqlite::name` and
/// `postgres::name`, calling `harness(backend, super::name)`.
#[macro_export]
macro_rules! on_both_backends {
    ($harness:path => $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $harness("sqlite", super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $harness("postgres", super::$name).await;
                }
            )*
        }
    };
}

/// Test pools wait longer for a connection than the server's default: on a
/// loaded 2-core CI machine, PostgreSQL busy creating and dropping the other
/// tests' databases has taken over 5 s to open a connection, which failed
/// page requests with 503 (the server's answer when the database does not
/// answer in time) rather than testing anything.
pub fn test_pool(max_connections: u32) -> PoolSettings {
    PoolSettings {
        max_connections,
        acquire_timeout: std::time::Duration::from_secs(30),
    }
}
