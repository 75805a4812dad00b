//! A real server on an ephemeral port over a fresh database, and the
//! client-side helpers the HTTP suites share.

use super::TestDb;
use app::domain::account::Verification;
use app::domain::role::Role;
use app::ssr::session::{CookieSecure, SessionKeys, SessionPolicy};
use app::ssr::{NewUser, Store};
use reqwest::{header, redirect::Policy, Client, StatusCode};
use server::routes::Limits;
use server::session::Sessions;
use server::{build_router, AppState};
use std::net::SocketAddr;
use std::sync::Arc;

/// A running server on an ephemeral port; cheap to clone into a test.
#[derive(Clone)]
pub struct TestServer {
    pub base: String,
    pub store: Arc<dyn Store>,
    /// The database it serves, for [`another_process`].
    pub db_url: String,
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Serves the real router on a fresh database of `backend` for one test.
pub async fn with_server<F, Fut>(backend: &str, test: F)
where
    F: FnOnce(TestServer) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let db = TestDb::backend(backend).await;
    let (base, task) = serve(db.store()).await;
    test(TestServer {
        base,
        store: db.store(),
        db_url: db.url.clone(),
    })
    .await;
    task.abort();
    db.finish().await;
}

/// A second server on the same database with a pool of its own, as a
/// second app process behind the proxy would be. It stops with the test.
pub async fn another_process(s: &TestServer) -> TestServer {
    let store = server::store::open(&s.db_url, super::test_pool(2))
        .await
        .expect("open the same database again");
    let (base, _task) = serve(store.clone()).await;
    TestServer {
        base,
        store,
        db_url: s.db_url.clone(),
    }
}

/// The real router over `store` on an ephemeral port.
async fn serve(store: Arc<dyn Store>) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("pitchbridge")
        .site_root("target/site")
        .site_addr(addr)
        .build();
    let router = build_router(
        AppState {
            bundle: std::sync::Arc::new(server::assets::bundle_files(&leptos_options)),
            leptos_options,
            store: store.clone(),
            public_url: app::ssr::mail::PublicUrl(format!("http://{addr}").into()),
            sessions: Sessions {
                store,
                keys: Arc::new(SessionKeys::new(TEST_SECRET)),
                policy: SessionPolicy {
                    idle: chrono::Duration::hours(2),
                    absolute: chrono::Duration::days(14),
                    cookie_secure: CookieSecure::Auto,
                },
            },
        },
        Limits {
            max_body_bytes: 64 * 1024,
            ..Limits::default()
        },
    );
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    (format!("http://{addr}"), task)
}

pub const TEST_SECRET: &[u8] = b"integration-test-secret-of-32-bytes-or-more";

pub fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

pub async fn page(
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

pub const PASSWORD: &str = "correct horse battery staple";

/// Creates an account with a real Argon2id hash; returns its e-mail.
pub async fn account(s: &TestServer, email: &str, name: &str, role: Role) -> String {
    let hash = app::ssr::password::hash(PASSWORD).await.unwrap();
    s.store
        .create_user(&NewUser {
            email: email.to_string(),
            display_name: name.to_string(),
            role,
            password_hash: hash,
            locale: "ko".to_string(),
            is_demo: false,
            verification: Verification::initial_for(role),
            club_id: None,
        })
        .await
        .unwrap();
    email.to_string()
}

/// Signs in as a plain form post would (the browser follows a 302).
pub async fn sign_in(s: &TestServer, email: &str, password: &str) -> reqwest::Response {
    client()
        .post(s.url("/api/auth/sign-in"))
        .header(header::ACCEPT, "text/html")
        .form(&[
            ("email", email),
            ("password", password),
            ("next", "/clusters"),
        ])
        .send()
        .await
        .unwrap()
}

pub fn session_pair(res: &reqwest::Response) -> String {
    let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
    cookie.split(';').next().unwrap().to_string()
}

/// Loads the demo data (the seed's people, companies, clubs and forums).
pub async fn load_demo(s: &TestServer) {
    let hash = app::ssr::password::hash(server::seed::DEMO_PASSWORD)
        .await
        .unwrap();
    server::seed::load_demo(s.store.as_ref(), &hash)
        .await
        .expect("demo data");
}

/// Signs a demo account in and returns its session cookie pair.
pub async fn demo_cookie(s: &TestServer, email: &str) -> String {
    let res = sign_in(s, email, server::seed::DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::FOUND, "demo sign-in for {email}");
    session_pair(&res)
}

/// Signs in as the hydrated app's script does (JSON back, no redirect).
pub async fn sign_in_by_script(s: &TestServer, email: &str, password: &str) -> reqwest::Response {
    client()
        .post(s.url("/api/auth/sign-in"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}
