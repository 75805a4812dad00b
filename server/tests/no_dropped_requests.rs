//! Every request gets an answer: the real router over the real store, on
//! both databases, under many concurrent requests across every kind of
//! page (public, signed in, forbidden, not found, sign-in required, a
//! server function), with a panic hook that counts.
//!
//! It guards against a render that panics now and then. A `<Title>`
//! closure read reactive state after the render, outside the request's
//! reactive arena, and about one request in 30,000 panicked there and lost
//! its connection (see `app/src/components/head.rs`); a worker thread count
//! above the machine's cores makes tasks hop threads and the race show up
//! more often. `catch_panic` would now turn such a panic into a 500, which
//! this test counts as a failure as well: every answer must be the page
//! that was asked for, with no panic anywhere.
//!
//! Clients also give up mid-request (a closed tab, a load tester's end).
//! The page's resources keep running as their own tasks after axum drops
//! the request; they used to find the store gone from the context and log
//! an error for each such request. Every test here fails on any error
//! logged while it runs.

mod common;

use common::app_server::{client, session_pair, sign_in, with_server, TestServer};
use futures_util::stream::{self, StreamExt};
use reqwest::{header, StatusCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use std::time::Duration;

/// Requests per database; both together make the 20,000 the issue asks for.
const REQUESTS_PER_BACKEND: usize = 10_000;
const CONCURRENCY: usize = 32;

static PANICS: AtomicUsize = AtomicUsize::new(0);
static ERRORS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Keeps every ERROR event (its target and fields) for the assertions.
struct RecordErrors;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for RecordErrors {
    fn on_event(
        &self,
        event: &tracing::Event<'_>,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        struct Fields(String);
        impl tracing::field::Visit for Fields {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                self.0.push_str(&format!(" {}={value:?}", field.name()));
            }
        }
        if *event.metadata().level() == tracing::Level::ERROR {
            let mut fields = Fields(event.metadata().target().to_string());
            event.record(&mut fields);
            ERRORS.lock().unwrap().push(fields.0);
        }
    }
}

fn record_errors() {
    use tracing_subscriber::layer::SubscriberExt;
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let subscriber = tracing_subscriber::registry()
            .with(RecordErrors)
            .with(tracing_subscriber::fmt::layer().with_test_writer());
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
    });
}

fn assert_no_errors(backend: &str) {
    let errors = ERRORS.lock().unwrap();
    assert!(
        errors.is_empty(),
        "{backend}: {} errors logged, e.g. {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
}

fn count_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
}

/// One kind of request and the status it must get.
struct Probe {
    method: &'static str,
    path: &'static str,
    cookie: Option<String>,
    expect: StatusCode,
}

fn get(path: &'static str, cookie: Option<&str>, expect: StatusCode) -> Probe {
    Probe {
        method: "GET",
        path,
        cookie: cookie.map(str::to_string),
        expect,
    }
}

async fn demo_cookie(s: &TestServer, email: &str) -> String {
    let res = sign_in(s, email, server::seed::DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::FOUND, "demo sign-in for {email}");
    session_pair(&res)
}

async fn hammer(backend: &str) {
    count_panics();
    record_errors();
    with_server(backend, |s| async move {
        let hash = app::ssr::password::hash(server::seed::DEMO_PASSWORD)
            .await
            .unwrap();
        server::seed::load_demo(s.store.as_ref(), &hash)
            .await
            .expect("demo data");
        let investor = demo_cookie(&s, "investor@demo.pitchbridge.kr").await;
        let founder = demo_cookie(&s, "founder@demo.pitchbridge.kr").await;
        let admin = demo_cookie(&s, "admin@demo.pitchbridge.kr").await;
        let en = Some("lang=en");
        let probes = vec![
            get("/", None, StatusCode::OK),
            get("/", en, StatusCode::OK),
            get("/companies", None, StatusCode::OK),
            get("/companies?q=%ED%83%84%EC%86%8C", None, StatusCode::OK),
            get(
                "/companies?q=%EB%B0%9C%EC%97%B4&sort=name",
                en,
                StatusCode::OK,
            ),
            get("/clusters", None, StatusCode::OK),
            get("/clusters/carbon-materials", None, StatusCode::OK),
            get("/companies/tansoon", None, StatusCode::OK),
            get("/companies/tansoon", Some(&investor), StatusCode::OK),
            get("/companies/tansoon/history", Some(&founder), StatusCode::OK),
            get("/companies/tansoon/history", None, StatusCode::UNAUTHORIZED),
            get("/signin", None, StatusCode::OK),
            get("/signup", en, StatusCode::OK),
            get("/no-such-page", None, StatusCode::NOT_FOUND),
            get("/companies/no-such-company", None, StatusCode::NOT_FOUND),
            get("/account", None, StatusCode::UNAUTHORIZED),
            get("/account", Some(&investor), StatusCode::OK),
            get("/club", Some(&investor), StatusCode::OK),
            get("/companies/tansoon/pitch", Some(&founder), StatusCode::OK),
            get(
                "/companies/tansoon/edit",
                Some(&investor),
                StatusCode::FORBIDDEN,
            ),
            get("/admin/users", Some(&admin), StatusCode::OK),
            get("/admin/audit", Some(&founder), StatusCode::FORBIDDEN),
            get("/healthz", None, StatusCode::OK),
            Probe {
                method: "POST",
                path: "/api/locale/set",
                cookie: None,
                expect: StatusCode::OK,
            },
        ];

        let http = client();
        let failures: Vec<String> = stream::iter(0..REQUESTS_PER_BACKEND)
            .map(|i| {
                let probe = &probes[i % probes.len()];
                let http = &http;
                let s = &s;
                async move {
                    let mut req = match probe.method {
                        "POST" => http.post(s.url(probe.path)).form(&[("lang", "en")]),
                        _ => http.get(s.url(probe.path)),
                    };
                    if let Some(cookie) = &probe.cookie {
                        req = req.header(header::COOKIE, cookie);
                    }
                    match req.send().await {
                        Ok(res) if res.status() == probe.expect => match res.bytes().await {
                            Ok(_) => None,
                            Err(e) => Some(format!(
                                "{} {}: body cut off: {e}",
                                probe.method, probe.path
                            )),
                        },
                        Ok(res) => Some(format!(
                            "{} {}: {} (expected {})",
                            probe.method,
                            probe.path,
                            res.status(),
                            probe.expect
                        )),
                        Err(e) => {
                            Some(format!("{} {}: no response: {e}", probe.method, probe.path))
                        }
                    }
                }
            })
            .buffer_unordered(CONCURRENCY)
            .filter_map(|failure| async move { failure })
            .collect()
            .await;
        assert!(
            failures.is_empty(),
            "{backend}: {} of {REQUESTS_PER_BACKEND} requests failed, e.g. {:?}",
            failures.len(),
            &failures[..failures.len().min(10)]
        );
    })
    .await;
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "{backend}: a request panicked (see the log above)"
    );
    assert_no_errors(backend);
}

/// Requests the client abandons after 1 to 40 ms, mostly while the page's
/// data is still loading: the server stays quiet and keeps answering.
async fn abandon(backend: &str) {
    record_errors();
    with_server(backend, |s| async move {
        let hash = app::ssr::password::hash(server::seed::DEMO_PASSWORD)
            .await
            .unwrap();
        server::seed::load_demo(s.store.as_ref(), &hash)
            .await
            .expect("demo data");
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

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn every_request_is_answered_on_sqlite() {
    hammer("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn every_request_is_answered_on_postgres() {
    hammer("postgres").await;
}
