//! Two request-level guards in front of the server functions.
//!
//! `client_ip` records who is calling (for rate limits and the audit log).
//! `require_session` makes every server function private by default: a
//! caller without a valid session reaches only the functions listed in
//! [`PUBLIC_SERVER_FNS`]. Each function still decides for itself whether
//! *this* user may touch *that* object; this layer only makes forgetting
//! to check fail closed.

use app::api::ApiError;
use app::ssr::guard::ClientIp;
use app::ssr::session::Actor;
use axum::{
    extract::{ConnectInfo, Request},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use std::net::SocketAddr;

/// Server functions that answer callers who are not signed in.
pub const PUBLIC_SERVER_FNS: &[&str] = &[
    "/api/auth/whoami",
    "/api/auth/sign-in",
    "/api/auth/sign-up",
    // Harmless without a session (it only clears the cookie), and a form
    // from an expired session must still reach it.
    "/api/auth/sign-out",
    "/api/locale/set",
    "/api/clusters/list",
    "/api/clusters/get",
    "/api/clubs/approved",
    // Visitors browse published companies; each function filters what a
    // reader without a session may see.
    "/api/companies/page",
    "/api/companies/directory",
];

/// Puts the caller's address in the request. Behind a reverse proxy the
/// socket peer is the proxy, so with `trust_forwarded_for` the address the
/// proxy appended to `X-Forwarded-For` (the last entry; earlier ones are
/// whatever the client sent) is used instead.
pub async fn client_ip(trust_forwarded_for: bool, mut request: Request, next: Next) -> Response {
    let forwarded = trust_forwarded_for
        .then(|| {
            request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|v| !v.is_empty())
                .and_then(|v| v.parse::<std::net::IpAddr>().ok())
        })
        .flatten();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(ip) = forwarded.or(peer) {
        request.extensions_mut().insert(ClientIp(ip.to_string()));
    }
    next.run(request).await
}

pub async fn require_session(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let private = path.starts_with("/api/") && !PUBLIC_SERVER_FNS.contains(&path);
    if !private || request.extensions().get::<Actor>().is_some() {
        return next.run(request).await;
    }
    // A plain form post (no JavaScript) from a page whose session ended:
    // send the browser to sign in and then back to that page.
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if wants_html {
        let back = request
            .headers()
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(|r| url::Url::parse(r).ok())
            .map(|u| u.path().to_string())
            .unwrap_or_else(|| "/".to_string());
        let next = url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>();
        return Redirect::to(&format!("/signin?next={next}")).into_response();
    }
    let body = serde_json::to_string(&ApiError::Unauthorized).unwrap_or_default();
    (
        StatusCode::UNAUTHORIZED,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}
