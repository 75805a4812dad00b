//! Middleware that every response passes through: security headers, the
//! cross-site request check, form outcomes on redirects, and tidy query
//! strings for pages.

use std::sync::Arc;

use app::components::forms::{OUTPUT_MARK, SUCCESS_MARK};

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Content-Security-Policy for rendered pages. Scripts must carry the
/// per-response nonce (the hydration bootstrap does); `wasm-unsafe-eval`
/// lets the browser compile the app's WebAssembly and nothing else.
pub fn page_csp(nonce: &str, live_reload_port: Option<u32>) -> String {
    let connect = match live_reload_port {
        Some(port) => format!("'self' ws://localhost:{port} ws://127.0.0.1:{port}"),
        None => "'self'".to_string(),
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src {connect}; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Policy for everything that is not a page (JSON, files, errors): nothing
/// may run or be framed.
const FALLBACK_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// The CSP nonce of one request. [`security_headers`] makes it before the
/// request is handled and puts it in the request's extensions; the page
/// render provides it as Leptos's `Nonce` (see `routes.rs`), so the header
/// and every script in the body carry the same value by construction,
/// however many times Leptos runs the context function for the request.
/// (Letting the render pick the nonce and report it back was tried first:
/// now and then a page went out whose header named another nonce than its
/// scripts, and the browser refused to hydrate it.)
#[derive(Clone, Debug)]
pub struct RequestNonce(pub Arc<str>);

impl RequestNonce {
    fn generate() -> Self {
        Self(leptos::nonce::Nonce::new().as_inner().clone())
    }
}

/// Adds the security headers. HTML gets the page policy with this request's
/// nonce; a response that chose its own policy (logos) keeps it; anything
/// else gets the no-script fallback.
pub async fn security_headers(
    live_reload_port: Option<u32>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = RequestNonce::generate();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = is_html(headers)
            .then(|| HeaderValue::from_str(&page_csp(&nonce.0, live_reload_port)).ok())
            .flatten()
            .unwrap_or(HeaderValue::from_static(FALLBACK_CSP));
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

/// Refuses state-changing requests that a browser marks as coming from
/// another site. Browsers send `Sec-Fetch-Site` on every request; older ones
/// send `Origin` on cross-origin POSTs, compared here with `Host`. Requests
/// with neither (curl, server-to-server) carry no ambient cookies from a
/// victim's browser and pass.
pub async fn reject_cross_site(request: Request, next: Next) -> Response {
    if is_state_changing(request.method()) && is_cross_site(request.headers()) {
        tracing::warn!(uri = %request.uri(), "refused cross-site request");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(request).await
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        // `none` is a user-initiated navigation (typed URL, bookmark).
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    match (origin_host, host) {
        (Some(o), Some(h)) => !o.eq_ignore_ascii_case(h),
        _ => true,
    }
}

/// Query parameters that report a form post's outcome on the page it
/// returns to: server_fn's `__err`/`__path` for failures and our own
/// `__ok`/`__out` for successes (read by `app::components::forms::form_action`).
const OUTCOME_MARKS: [&str; 4] = [ERROR_MARK, "__path", SUCCESS_MARK, OUTPUT_MARK];
/// server_fn's mark of a failed call (its error, serialised).
const ERROR_MARK: &str = "__err";

/// Form posts whose page already shows the outcome, so the URL stays clean:
/// the language switch comes back in the new language.
const UNMARKED_FORMS: &[&str] = &["/api/locale/set"];

/// Largest JSON output carried back in the URL; larger outputs are left
/// out (the page then shows a plain "saved").
const MAX_OUTPUT_IN_URL: usize = 512;

/// Every form is a plain post (islands mode), and server_fn answers a
/// browser's post with a redirect to the `Referer`. On failure it adds its
/// `__err`; on success it adds nothing, so the page could not say "saved".
/// This adds `__ok=<server fn path>` and the function's JSON output as
/// `__out` to that redirect, drops the marks of an earlier post, and trims
/// a bare `?` (server_fn leaves one when it removes its own parameters).
pub async fn mark_form_outcome(request: Request, next: Next) -> Response {
    let is_post = request.method() == Method::POST;
    let path = request.uri().path().to_string();
    let referer = request.headers().get(header::REFERER).cloned();
    let response = next.run(request).await;
    if !response.status().is_redirection() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Some(location) = parts
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
    else {
        return Response::from_parts(parts, body);
    };
    let back_to_referer = is_post
        && path.starts_with("/api/")
        && !UNMARKED_FORMS.contains(&path.as_str())
        && referer
            .as_ref()
            .and_then(|r| r.to_str().ok())
            .is_some_and(|r| same_page(r, &location))
        && !has_error_mark(&location);
    let (success, body) = if back_to_referer {
        // The server function's output, already serialised (tiny: a unit,
        // a timestamp); read before the body goes on unchanged.
        let bytes = axum::body::to_bytes(body, MAX_OUTPUT_IN_URL * 4)
            .await
            .unwrap_or_default();
        let output = std::str::from_utf8(&bytes)
            .ok()
            .filter(|o| o.len() <= MAX_OUTPUT_IN_URL && *o != "null")
            .map(str::to_string);
        (Some((path, output)), Body::from(bytes))
    } else {
        (None, body)
    };
    let rewritten = rewrite_location(
        &location,
        success.as_ref().map(|(p, o)| (p.as_str(), o.as_deref())),
    );
    if let Ok(value) = HeaderValue::from_str(&rewritten) {
        parts.headers.insert(header::LOCATION, value);
    }
    Response::from_parts(parts, body)
}

/// An address split into its part before `?` and its decoded query pairs.
fn split_query(url: &str) -> (&str, Vec<(String, String)>) {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    (base, pairs)
}

fn has_error_mark(location: &str) -> bool {
    split_query(location)
        .1
        .iter()
        .any(|(key, _)| key == ERROR_MARK)
}

/// Whether two addresses name the same page once outcome marks (and the
/// bare `?` server_fn leaves after removing its own) are set aside.
fn same_page(a: &str, b: &str) -> bool {
    let unmarked = |url| {
        let (base, mut pairs) = split_query(url);
        pairs.retain(|(key, _)| !OUTCOME_MARKS.contains(&key.as_str()));
        (base, pairs)
    };
    unmarked(a) == unmarked(b)
}

/// `location` without the outcome marks of earlier posts (unless they are
/// server_fn's fresh `__err`, which it added after removing the old ones),
/// plus the marks of this success, if it was one.
pub fn rewrite_location(location: &str, success: Option<(&str, Option<&str>)>) -> String {
    // A fragment (`#item-12`: where on the page to land) stays at the end.
    let (location, fragment) = match location.split_once('#') {
        Some((before, fragment)) => (before, format!("#{fragment}")),
        None => (location, String::new()),
    };
    let (base, pairs) = split_query(location);
    let stale: &[&str] = if success.is_some() {
        &OUTCOME_MARKS
    } else {
        &[SUCCESS_MARK, OUTPUT_MARK]
    };
    let mut kept = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in &pairs {
        if !stale.contains(&key.as_str()) {
            kept.append_pair(key, value);
        }
    }
    if let Some((path, output)) = success {
        kept.append_pair(SUCCESS_MARK, path);
        if let Some(output) = output {
            kept.append_pair(OUTPUT_MARK, output);
        }
    }
    let query = kept.finish();
    if query.is_empty() {
        format!("{base}{fragment}")
    } else {
        format!("{base}?{query}{fragment}")
    }
}

/// A GET form submits every field, blank ones too
/// (`/companies?q=탄소&cluster=&stage=&sort=updated`). A page address with
/// blank parameters is redirected to the same address without them, so
/// what people see, share and walk back through in their history is as
/// short as a hand-written link. Pages treat a blank parameter as absent,
/// so nothing else changes.
pub async fn tidy_page_query(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_page = request.method() == Method::GET
        && !["/api/", "/pkg/", "/media/"]
            .iter()
            .any(|prefix| path.starts_with(prefix));
    if is_page {
        if let Some(tidy) = request.uri().query().and_then(tidy_query) {
            let location = format!("{path}{tidy}");
            return axum::response::Redirect::to(&location).into_response();
        }
    }
    next.run(request).await
}

/// The query without blank or nameless parameters (`"?a=1"` or `""`), or
/// `None` when there is nothing to drop. Kept parameters keep their
/// original encoding.
pub fn tidy_query(query: &str) -> Option<String> {
    let is_blank = |pair: &&str| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        name.is_empty()
            || url::form_urlencoded::parse(format!("v={value}").as_bytes())
                .all(|(_, v)| v.trim().is_empty())
    };
    let pairs: Vec<&str> = query.split('&').collect();
    if !pairs.iter().any(is_blank) {
        return None;
    }
    let kept: Vec<&str> = pairs.into_iter().filter(|p| !is_blank(p)).collect();
    Some(if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_page_whatever_its_marks() {
        assert!(same_page("http://h/a", "http://h/a?"));
        assert!(same_page(
            "http://h/a?x=1&__ok=%2Fapi%2Fp",
            "http://h/a?x=1"
        ));
        assert!(!same_page("http://h/a?x=1", "http://h/a?x=2"));
        assert!(!same_page("http://h/a", "http://h/b"));
    }

    #[test]
    fn blank_query_parameters_are_dropped() {
        assert_eq!(tidy_query("q=%ED%83%84%EC%86%8C&sort=updated"), None);
        assert_eq!(
            tidy_query("q=%ED%83%84%EC%86%8C&cluster=&stage=&sort=updated").as_deref(),
            Some("?q=%ED%83%84%EC%86%8C&sort=updated")
        );
        assert_eq!(tidy_query("q=+&=&page").as_deref(), Some(""));
        assert_eq!(tidy_query("q=%20%20").as_deref(), Some(""));
        assert_eq!(tidy_query("").as_deref(), Some(""));
        assert_eq!(tidy_query("role=investor&q=a+b").as_deref(), None);
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn a_successful_post_returns_with_its_marks_and_without_old_ones() {
        assert_eq!(
            rewrite_location(
                "http://h/companies/a/edit",
                Some(("/api/companies/profile", None))
            ),
            "http://h/companies/a/edit?__ok=%2Fapi%2Fcompanies%2Fprofile"
        );
        assert_eq!(
            rewrite_location(
                "/companies/a/pitch?tab=1&__err=xyz&__path=%2Fapi%2Fx&__ok=old&__out=1",
                Some(("/api/companies/pitch", Some(r#"{"published":true}"#)))
            ),
            "/companies/a/pitch?tab=1&__ok=%2Fapi%2Fcompanies%2Fpitch&__out=%7B%22published%22%3Atrue%7D"
        );
    }

    #[test]
    fn a_fragment_stays_at_the_end() {
        assert_eq!(
            rewrite_location("/companies/a/readiness?evidence=saved#item-3", None),
            "/companies/a/readiness?evidence=saved#item-3"
        );
        assert_eq!(rewrite_location("/p#top", None), "/p#top");
    }

    #[test]
    fn a_failed_post_keeps_its_error_and_drops_an_old_success() {
        assert_eq!(
            rewrite_location("/account?__ok=%2Fapi%2Fa&__path=%2Fapi%2Fb&__err=e30", None),
            "/account?__path=%2Fapi%2Fb&__err=e30"
        );
        // server_fn's bare `?` after removing its own parameters.
        assert_eq!(rewrite_location("/account?", None), "/account");
        assert_eq!(
            rewrite_location("/companies?q=%ED%83%84%EC%86%8C", None),
            "/companies?q=%ED%83%84%EC%86%8C"
        );
    }

    #[test]
    fn cross_site_detection() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "pitchbridge.kr")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "https://pitchbridge.kr"),
            ("host", "pitchbridge.kr")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "a")
        ])));
        assert!(!is_cross_site(&headers(&[])));
    }

    #[test]
    fn page_policy_carries_nonce_and_blocks_framing() {
        let csp = page_csp("abc123", None);
        assert!(csp.contains("'nonce-abc123'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(page_csp("n", Some(3001)).contains("ws://localhost:3001"));
    }
}
