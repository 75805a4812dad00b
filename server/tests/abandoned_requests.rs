//! Clients give up mid-request (a closed tab, a load tester's end), mostly
//! while the page's data is still loading. The page's resources keep
//! running as their own tasks after axum drops the request: they used to
//! find the store gone from the context and log an error each, and a
//! `<Suspense>` re-checking its children could await a resource its owner
//! had just disposed and panic (see `components::status::loaded`). The
//! server must stay quiet — no error logged, no panic — and keep answering.

mod common;

use common::app_server::{client, demo_cookie, load_demo, with_server};
use common::watch::{assert_no_errors, panics, watch};
use futures_util::stream::{self, StreamExt};
use reqwest::{header, StatusCode};
use std::time::Duration;

/// Requests in flight at once, as in `no_dropped_requests.rs`.
const CONCURRENCY: usize = 32;

/// Requests the client abandons after 1 to 40 ms, mostly while the page's
/// data is still loading: the server stays quiet and keeps answering.
async fn abandon(backend: &str) {
    watch();
    with_server(backend, |s| async move {
        load_demo(&s).await;
        let investor = demo_cookie(&s, "investor@demo.pitchbridge.kr").await;
        let founder = demo_cookie(&s, "founder@demo.pitchbridge.kr").await;
        let pages = [
            ("/companies/tansoon", &investor),
            ("/companies/factorynote", &investor),
            ("/deals", &investor),
            ("/feed", &investor),
            ("/companies/tansoon/readiness", &founder),
            ("/companies/tansoon/interest", &founder),
        ];
        let http = client();
        let abandoned = stream::iter(0..600u64)
            .map(|i| {
                let (path, cookie) = pages[i as usize % pages.len()];
                let req = http
                    .get(s.url(path))
                    .header(header::COOKIE, cookie.as_str())
                    .timeout(Duration::from_millis(1 + i % 40));
                async move { req.send().await.is_err() }
            })
            .buffer_unordered(CONCURRENCY)
            .filter(|gave_up| std::future::ready(*gave_up))
            .count()
            .await;
        assert!(abandoned > 0, "{backend}: no request was abandoned");
        // The orphaned tasks finish (or stop) on their own.
        tokio::time::sleep(Duration::from_secs(1)).await;
        for (path, cookie) in pages {
            let res = http
                .get(s.url(path))
                .header(header::COOKIE, cookie.as_str())
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{backend} {path}");
        }
    })
    .await;
    assert_eq!(panics(), 0, "{backend}: an abandoned render panicked");
    assert_no_errors(backend);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn abandoned_requests_log_no_error_on_sqlite() {
    abandon("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn abandoned_requests_log_no_error_on_postgres() {
    abandon("postgres").await;
}
