//! SQLite connections kept out of the pool for the busiest reads: the
//! company page and the directory without search terms, one statement
//! each.
//!
//! Why: sqlx 0.8 pings every connection given back to its pool (on a
//! spawned task; `return_to_pool` in sqlx-core's `pool/connection.rs`,
//! with no option to turn it off). On SQLite a ping is a round trip to the
//! connection's worker thread, as costly as the page's one statement. These
//! connections are never given back, so they are never pinged.
//!
//! What keeps that safe: only single read statements run on them, outside
//! any transaction, so none can be left open; and a request runs to its
//! end (`catch_panic.rs` spawns it), so a statement is not abandoned half
//! read. A SQLite file does not drop connections the way a server can.
//! Searches stay on the pool: one can take milliseconds at 100,000
//! companies, and would hold up the page reads queued behind it.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection};
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::{Mutex, MutexGuard};

pub(crate) struct Readers {
    connections: Vec<Mutex<SqliteConnection>>,
    next: AtomicUsize,
}

impl Readers {
    /// One connection per core (two to four): SQLite runs each on its own
    /// worker thread, so more would only queue for the cores.
    pub(crate) async fn open(options: &SqliteConnectOptions) -> Result<Self, sqlx::Error> {
        let count = std::thread::available_parallelism()
            .map_or(2, usize::from)
            .clamp(2, 4);
        let mut connections = Vec::with_capacity(count);
        for _ in 0..count {
            connections.push(Mutex::new(options.connect().await?));
        }
        Ok(Readers {
            connections,
            next: AtomicUsize::new(0),
        })
    }

    /// A free connection if there is one, else the next in turn.
    pub(crate) async fn get(&self) -> MutexGuard<'_, SqliteConnection> {
        for connection in &self.connections {
            if let Ok(guard) = connection.try_lock() {
                return guard;
            }
        }
        let turn = self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len();
        self.connections[turn].lock().await
    }
}
