//! Measures one Argon2id password hash with the portal's parameters and
//! the sign-in throughput that implies for this machine.
//!
//!     cargo run --release -p server --example password_hash
//!
//! Sign-in costs one hash whether or not the account exists, and at most
//! one hash per core runs at a time, so cores / (time per hash) is the
//! ceiling on sign-ins per second.

use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    const RUNS: usize = 20;
    let password = "lantern river quartz 42";
    let stored = app::ssr::password::hash(password).await.expect("hash");
    let mut hashes = Vec::with_capacity(RUNS);
    let mut verifies = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        app::ssr::password::hash(password).await.expect("hash");
        hashes.push(start.elapsed());
        let start = Instant::now();
        assert!(app::ssr::password::verify(password, &stored)
            .await
            .expect("verify"));
        verifies.push(start.elapsed());
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let hash = median(&mut hashes);
    let verify = median(&mut verifies);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("Argon2id m=19456 KiB, t=2, p=1; {RUNS} runs, medians:");
    println!("  hash   {:.1} ms", hash.as_secs_f64() * 1e3);
    println!("  verify {:.1} ms", verify.as_secs_f64() * 1e3);
    println!(
        "  sign-in ceiling on {cores} core(s): {:.0} per second",
        cores as f64 / verify.as_secs_f64()
    );
}
