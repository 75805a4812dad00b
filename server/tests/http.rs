//! The HTTP surface, end to end through axum against a real database: the
//! server is bound to an ephemeral port and driven with an HTTP client.

mod common;

use app::ssr::Store;
use common::TestDb;
use reqwest::{header, redirect::Policy, Client, StatusCode};
use server::routes::Limits;
use server::{build_router, AppState};
use std::net::SocketAddr;
use std::sync::Arc;

/// A running server on an ephemeral port; cheap to clone into a test.
#[derive(Clone)]
struct TestServer {
    base: String,
    store: Arc<dyn Store>,
}

impl TestServer {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Serves the real router on a fresh database of `backend` for one test.
async fn with_server<F, Fut>(backend: &str, test: F)
where
    F: FnOnce(TestServer) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let db = TestDb::backend(backend).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("pitchbridge")
        .site_root("target/site")
        .site_addr(addr)
        .build();
    let router = build_router(
        AppState {
            leptos_options,
            store: db.store(),
        },
        Limits {
            max_body_bytes: 64 * 1024,
            ..Limits::default()
        },
    );
    let task = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    test(TestServer {
        base: format!("http://{addr}"),
        store: db.store(),
    })
    .await;
    task.abort();
    db.finish().await;
}

fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

async fn page(
    server: &TestServer,
    path: &str,
    cookie: Option<&str>,
) -> (StatusCode, header::HeaderMap, String) {
    let mut req = client().get(server.url(path));
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, res.text().await.unwrap())
}

async fn landing_is_korean_by_default_with_security_headers(s: TestServer) {
    let (status, headers, body) = page(&s, "/", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="ko""#), "{body:.300}");
    assert!(body.contains("지역 스타트업의 다음 투자를"));
    assert!(body.contains("탄소부품소재") && body.contains("경북농공"));
    assert!(body.contains("20억원"), "money formatted the Korean way");

    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("page CSP carries a nonce");
    assert!(
        body.contains(&format!(r#"nonce="{nonce}""#)),
        "hydration script carries the same nonce"
    );
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        headers[header::REFERRER_POLICY],
        "strict-origin-when-cross-origin"
    );
}

async fn language_cookie_switches_to_english(s: TestServer) {
    let (status, _, body) = page(&s, "/", Some("lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="en""#));
    assert!(body.contains("Prepare and connect regional startups"));
    assert!(body.contains("KRW 2.0B"));
    assert!(!body.contains("지역 스타트업의 다음 투자를"));
}

async fn language_form_post_sets_cookie_and_redirects_back(s: TestServer) {
    let back = s.url("/clusters/it-convergence");
    let res = client()
        .post(s.url("/api/locale/set"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, &back)
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], back.as_str());
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let bad = client()
        .post(s.url("/api/locale/set"))
        .form(&[("lang", "xx")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(bad.headers().get(header::SET_COOKIE).is_none());
}

async fn cross_site_posts_are_refused(s: TestServer) {
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let res = client()
            .post(s.url("/api/locale/set"))
            .header(name, value)
            .form(&[("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {value}");
        assert!(res.headers().get(header::SET_COOKIE).is_none());
    }
}

async fn cluster_pages_and_translated_404s(s: TestServer) {
    let (status, _, body) = page(&s, "/clusters/carbon-materials", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("탄소부품소재 미니클러스터"));
    assert!(body.contains("Carbon Parts &amp; Materials"));

    let (status, _, body) = page(&s, "/clusters", Some("lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Eight mini-clusters") && body.contains("3D Printing"));

    for path in [
        "/clusters/no-such-cluster",
        "/clusters/..%2F..%2Fetc",
        "/no/such/page",
    ] {
        let (status, _, body) = page(&s, path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("페이지를 찾을 수 없습니다"), "{path}");
        let (status, _, body) = page(&s, path, Some("lang=en")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("Page not found"), "{path}");
    }
}

async fn health_checks_the_database(s: TestServer) {
    let res = client().get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["database"], s.store.backend().as_str());

    // With the pool closed the database no longer answers: 503, not 500.
    s.store.close().await;
    let res = client().get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
}

async fn oversized_bodies_and_compression(s: TestServer) {
    let huge = "x".repeat(200 * 1024);
    let res = client()
        .post(s.url("/api/locale/set"))
        .form(&[("lang", huge.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let res = client()
        .get(s.url("/"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
}

on_both_backends!(crate::with_server =>
    landing_is_korean_by_default_with_security_headers,
    language_cookie_switches_to_english,
    language_form_post_sets_cookie_and_redirects_back,
    cross_site_posts_are_refused,
    cluster_pages_and_translated_404s,
    health_checks_the_database,
    oversized_bodies_and_compression,
);
