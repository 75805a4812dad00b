//! The HTTP surface, end to end through axum against a real database: the
//! server is bound to an ephemeral port and driven with an HTTP client.

mod common;

use app::domain::role::Role;
use common::app_server::{
    account, client, page, session_pair, sign_in, sign_in_by_script, TestServer, PASSWORD,
};
use reqwest::{header, StatusCode};

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

/// The header marks the section the page belongs to, and a page that asks
/// to sign in first links to the sign-in form with the way back.
async fn navigation_knows_the_requested_page(s: TestServer) {
    let current = |body: &str, href: &str| {
        body.split("<a ")
            .filter(|a| a.starts_with(&format!("href=\"{href}\"")))
            .any(|a| {
                a.split('>')
                    .next()
                    .unwrap_or("")
                    .contains(r#"aria-current="page""#)
            })
    };
    let (_, _, body) = page(&s, "/clusters/carbon-materials", None).await;
    assert!(current(&body, "/clusters"), "{body:.3000}");
    assert!(!current(&body, "/companies"), "{body:.3000}");
    let (_, _, body) = page(&s, "/companies?q=%ED%83%84%EC%86%8C", None).await;
    assert!(current(&body, "/companies") && !current(&body, "/clusters"));

    let (status, _, body) = page(&s, "/account?tab=security", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        body.contains(r#"href="/signin?next=/account%3Ftab%3Dsecurity""#),
        "{body:.4000}"
    );
}

async fn health_checks_the_database(s: TestServer) {
    let res = client().get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Not a page: nothing may run in it.
    assert_eq!(
        res.headers()[header::CONTENT_SECURITY_POLICY],
        "default-src 'none'; frame-ancestors 'none'"
    );
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

async fn signing_in_sets_a_session_cookie_and_names_the_user(s: TestServer) {
    let email = account(&s, "Angel@Club.kr", "박엔젤", Role::Investor).await;
    let res = sign_in(&s, &email.to_uppercase(), PASSWORD).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/clusters");
    let cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("pb_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP gets no Secure flag in auto mode"
    );

    let (_, _, body) = page(&s, "/", Some(&session_pair(&res))).await;
    assert!(
        body.contains("박엔젤") && body.contains("로그아웃"),
        "header names the user"
    );
    let (_, _, anonymous) = page(&s, "/", None).await;
    assert!(!anonymous.contains("박엔젤") && anonymous.contains(r#"href="/signin""#));

    // Behind an HTTPS proxy the cookie is Secure. A script's call (no
    // HTML accepted) gets 200 with the redirect target in a header.
    let res = client()
        .post(s.url("/api/auth/sign-in"))
        .header("x-forwarded-proto", "https")
        .form(&[("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[header::LOCATION], "/");
    assert!(res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("; Secure"));
}

async fn wrong_password_and_unknown_email_get_the_same_answer(s: TestServer) {
    let email = account(&s, "founder@company.kr", "최대표", Role::Startup).await;
    let wrong = sign_in_by_script(&s, &email, "not the password").await;
    let unknown = sign_in_by_script(&s, "nobody@company.kr", PASSWORD).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong.headers().get(header::SET_COOKIE).is_none());
    assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());

    let oversized = sign_in_by_script(&s, &email, &"x".repeat(5000)).await;
    assert_eq!(oversized.status(), StatusCode::UNAUTHORIZED);
}

async fn sign_out_revokes_the_session_even_for_a_replayed_cookie(s: TestServer) {
    let email = account(&s, "consultant@kicox.kr", "이성장", Role::Consultant).await;
    let cookie = session_pair(&sign_in(&s, &email, PASSWORD).await);
    let (_, _, body) = page(&s, "/", Some(&cookie)).await;
    assert!(body.contains("이성장"));

    let res = client()
        .post(s.url("/api/auth/sign-out"))
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert!(res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));

    let (_, _, replayed) = page(&s, "/", Some(&cookie)).await;
    assert!(
        !replayed.contains("이성장"),
        "a revoked session stays signed out"
    );
}

async fn forged_session_cookies_are_ignored(s: TestServer) {
    let email = account(&s, "admin@kicox.kr", "김운영", Role::Admin).await;
    let cookie = session_pair(&sign_in(&s, &email, PASSWORD).await);
    let token = cookie.trim_start_matches("pb_session=");
    let mut forged = token.to_string();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    for bad in [
        format!("pb_session={forged}"),
        "pb_session=garbage".to_string(),
    ] {
        let (status, _, body) = page(&s, "/", Some(&bad)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!body.contains("김운영"), "{bad}");
    }
}

async fn sign_in_errors_reach_a_page_without_javascript(s: TestServer) {
    let back = s.url("/signin");
    let res = client()
        .post(s.url("/api/auth/sign-in"))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, &back)
        .form(&[("email", "nobody@x.kr"), ("password", "whatever-it-is")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        location.starts_with(&back) && location.contains("__err"),
        "{location}"
    );
    let (status, _, body) = page(&s, location.trim_start_matches(&s.base), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("이메일 또는 비밀번호가 올바르지 않습니다."),
        "{body:.2000}"
    );
}

on_both_backends!(crate::common::app_server::with_server =>
    signing_in_sets_a_session_cookie_and_names_the_user,
    wrong_password_and_unknown_email_get_the_same_answer,
    sign_out_revokes_the_session_even_for_a_replayed_cookie,
    forged_session_cookies_are_ignored,
    sign_in_errors_reach_a_page_without_javascript,
    landing_is_korean_by_default_with_security_headers,
    language_cookie_switches_to_english,
    language_form_post_sets_cookie_and_redirects_back,
    cross_site_posts_are_refused,
    cluster_pages_and_translated_404s,
    navigation_knows_the_requested_page,
    health_checks_the_database,
    oversized_bodies_and_compression,
);
