//! `/mail/unsubscribe?token=…`, the link at the foot of every digest.
//!
//! - `GET` only shows a page with a button: mail scanners and link
//!   previews fetch links, and must not unsubscribe anyone by doing so.
//! - `POST` (that button, or a mail provider's RFC 8058 one-click POST
//!   with `List-Unsubscribe=One-Click`) turns the digest off.
//!
//! The token is the only authority: it names one user, signed by us, and
//! only that user's setting changes, whoever is signed in in the browser.
//! Pages are in the user's own language, since the link came in their mail.

use crate::routes::AppState;
use app::i18n::Locale;
use app::ssr::unsubscribe::{verify, DIGEST_PURPOSE};
use app::ssr::NewAuditEvent;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: Option<String>,
}

/// The confirmation page.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<TokenQuery>,
) -> Response {
    let Some((_, locale, email)) = resolve(&state, query.token.as_deref()).await else {
        return refused(&state, &headers);
    };
    let t = locale.strings();
    let token = query.token.unwrap_or_default();
    let body = format!(
        "<p>{confirm}</p>\
         <form method=\"post\" action=\"/mail/unsubscribe\" class=\"form\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <div class=\"form__actions\"><button type=\"submit\" class=\"btn btn--primary\">{button}</button></div></form>",
        confirm = escape(&(t.mail.unsubscribe_confirm)(&email)),
        token = escape(&token),
        button = t.mail.unsubscribe_button,
    );
    html(
        &state,
        StatusCode::OK,
        locale,
        t.mail.unsubscribe_title,
        &body,
    )
}

/// Turns the digest off: the page's button, or a one-click POST.
pub async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<TokenQuery>,
    body: Bytes,
) -> Response {
    // One-click posts carry the token in the URL (the List-Unsubscribe
    // link itself); the page's form carries it in the body.
    let from_body = url::form_urlencoded::parse(&body)
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.into_owned());
    let token = query.token.or(from_body);
    let Some((user_id, locale, email)) = resolve(&state, token.as_deref()).await else {
        return refused(&state, &headers);
    };
    let t = locale.strings();
    let event = NewAuditEvent {
        actor_id: Some(user_id),
        actor_label: email,
        action: "mail.unsubscribe",
        object_type: "user",
        object_id: Some(user_id.to_string()),
        detail: "digest_opt_in=false".to_string(),
        ip: None,
        at: chrono::Utc::now(),
    };
    if let Err(err) = state.store.set_digest_opt_in(user_id, false, &event).await {
        tracing::error!(%err, user_id, "unsubscribe not saved");
        let body = format!("<p role=\"alert\">{}</p>", t.mail.unsubscribe_failed);
        return html(
            &state,
            StatusCode::SERVICE_UNAVAILABLE,
            locale,
            t.mail.unsubscribe_title,
            &body,
        );
    }
    tracing::info!(user_id, "digest unsubscribed from a mail link");
    let body = format!(
        "<p class=\"notice notice--success\" role=\"status\">{done}</p>\
         <p class=\"muted\">{hint}</p>",
        done = t.mail.unsubscribed,
        hint = t.mail.unsubscribed_hint,
    );
    html(
        &state,
        StatusCode::OK,
        locale,
        t.mail.unsubscribe_title,
        &body,
    )
}

/// The user a valid token names, with their language and address.
async fn resolve(state: &AppState, token: Option<&str>) -> Option<(i64, Locale, String)> {
    let user_id = verify(&state.sessions.keys, token?, DIGEST_PURPOSE)?;
    let user = state.store.user_summary(user_id).await.ok()?;
    let locale = Locale::from_code(&user.locale).unwrap_or_default();
    Some((user_id, locale, user.email))
}

/// A bad or expired link: said in the browser's language (there is no
/// user to take one from), and nothing changes.
fn refused(state: &AppState, headers: &HeaderMap) -> Response {
    let locale = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .unwrap_or_default();
    let t = locale.strings();
    let body = format!("<p role=\"alert\">{}</p>", t.mail.unsubscribe_invalid);
    html(
        state,
        StatusCode::BAD_REQUEST,
        locale,
        t.mail.unsubscribe_title,
        &body,
    )
}

fn html(state: &AppState, status: StatusCode, locale: Locale, title: &str, body: &str) -> Response {
    let t = locale.strings();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <title>{title} · {site}</title>\
         <link rel=\"stylesheet\" href=\"/{pkg}/{css}\"></head>\
         <body><main id=\"main\" class=\"site-main\"><div class=\"container\">\
         <section class=\"card unsubscribe\" aria-labelledby=\"unsubscribe-title\">\
         <h1 id=\"unsubscribe-title\" class=\"card__title\">{title}</h1>{body}\
         <p><a href=\"/\">{home}</a></p></section></div></main></body></html>",
        lang = locale.code(),
        site = t.site_name,
        pkg = state.leptos_options.site_pkg_dir,
        css = state.bundle.css,
        home = t.back_home,
    );
    let mut response = (status, page).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The page carries a personal token: never cached.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Text for an HTML body or attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
