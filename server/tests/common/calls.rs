//! Calling the router as its two kinds of client do: the hydrated app
//! (URL-encoded POST to `/api/...`, JSON back) and a browser without
//! JavaScript (a form post from a page, redirected back to it).

use super::app_server::{client, TestServer};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// Calls a server function as the hydrated app does (JSON back).
pub async fn call(
    s: &TestServer,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut req = client()
        .post(s.url(path))
        .header(header::ACCEPT, "application/json")
        .form(form);
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

/// `call`, expecting 200 and JSON.
pub async fn call_ok(
    s: &TestServer,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> Value {
    let (status, body) = call(s, path, cookie, form).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

/// Posts a form as a browser without JavaScript does, from `referer`.
pub async fn form_post(
    s: &TestServer,
    path: &str,
    cookie: &str,
    referer: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client()
        .post(s.url(path))
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, referer)
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .form(form)
        .send()
        .await
        .unwrap()
}

/// `call`, expecting 400 with `ApiError::Field { field, problem }`.
pub async fn call_refused(
    s: &TestServer,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
    field: &str,
    problem: Value,
) {
    let (status, body) = call(s, path, cookie, form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
    let got: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
    assert_eq!(got, field_error(field, problem), "{path}");
}

/// The JSON of `ApiError::Field`.
pub fn field_error(field: &str, problem: Value) -> Value {
    json!({ "Field": { "field": field, "problem": problem } })
}
