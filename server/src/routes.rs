//! The HTTP surface: the Leptos pages and server functions (with the store
//! and a CSP nonce in their context), the health check, static files, and
//! the middleware stack around them.

use crate::api_guard::{client_ip, require_session};
use crate::http::{
    mark_form_outcome, reject_cross_site, security_headers, tidy_page_query, RequestNonce,
};
use crate::session::{resolve_session, Sessions};
use app::components::document::BundleFiles;
use app::ssr::Store;
use app::{shell, App};
use axum::{
    extract::{DefaultBodyLimit, FromRef, State},
    http::StatusCode,
    middleware,
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::*;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, timeout::TimeoutLayer,
    trace::TraceLayer,
};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// The front end's file names (hashed in a release build).
    pub bundle: Arc<BundleFiles>,
    pub store: Arc<dyn Store>,
    pub sessions: Sessions,
    /// The portal's public address, for links in e-mail.
    pub public_url: app::ssr::mail::PublicUrl,
}

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub request_timeout: Duration,
    /// Take the client address from `X-Forwarded-For` (behind a trusted
    /// reverse proxy only: otherwise clients could pick their address).
    pub trust_forwarded_for: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            trust_forwarded_for: false,
        }
    }
}

/// The app's routes, generated once per process. Generating them renders
/// the app with resource loading switched off by a process-wide flag
/// (`leptos_server`'s `SuppressResourceLoad`); a page render in another
/// thread whose resource first polls meanwhile waits forever
/// (leptos-rs/leptos#4773). The server builds one router, but the test
/// suites build many side by side, which made a page hang now and then
/// until the request timeout.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build_router(state: AppState, limits: Limits) -> Router {
    let routes = route_list();
    let live_reload_port =
        (state.leptos_options.env == Env::DEV).then_some(state.leptos_options.reload_port);

    // Runs inside every page render and server-function call.
    let context = {
        let store = state.store.clone();
        let sessions = state.sessions.clone();
        let bundle = state.bundle.clone();
        let public_url = state.public_url.clone();
        move || {
            provide_context(public_url.clone());
            provide_context(store.clone());
            provide_context(BundleFiles::clone(&bundle));
            provide_context(sessions.keys.clone());
            provide_context(sessions.policy);
            // The nonce `security_headers` put in the header; replaces the
            // random one leptos_axum provided for this render.
            if let Some(RequestNonce(nonce)) = use_context::<::http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<RequestNonce>().cloned())
            {
                provide_context(leptos::nonce::Nonce::from_value(nonce));
            }
        }
    };

    let pages = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };

    Router::new()
        .route("/healthz", get(health))
        .route("/companies/{slug}/logo", post(crate::logo::upload))
        .route("/media/logos/{file}", get(crate::logo::serve))
        .route("/deals/pipeline.csv", get(crate::export::my_pipeline))
        .route("/forums.ics", get(crate::calendar::all_forums_ics))
        .route("/impact.csv", get(crate::impact_export::impact_csv))
        .route("/forums/{id}/calendar.ics", get(crate::calendar::forum_ics))
        .route(
            "/consulting.csv",
            get(crate::portfolio_export::portfolio_csv),
        )
        .route(
            "/mail/unsubscribe",
            get(crate::mail::unsubscribe::page).post(crate::mail::unsubscribe::confirm),
        )
        .route(
            "/clubs/{id}/pipeline.csv",
            get(crate::export::club_pipeline),
        )
        .nest_service("/pkg", crate::assets::pkg_service(&state.leptos_options))
        .leptos_routes_with_context(&state, routes, context.clone(), pages)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        // Bodies are small everywhere but the evidence upload, whose routes
        // are merged after this limit with a 10 MB one of their own.
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .merge(crate::evidence::routes())
        .layer(middleware::from_fn_with_state(
            state.bundle.clone(),
            crate::assets::static_cache_headers,
        ))
        .layer(middleware::from_fn(require_session))
        .layer(middleware::from_fn_with_state(
            state.sessions.clone(),
            resolve_session,
        ))
        .layer(middleware::from_fn(move |request, next| {
            client_ip(limits.trust_forwarded_for, request, next)
        }))
        .layer(middleware::from_fn(mark_form_outcome))
        .layer(middleware::from_fn(tidy_page_query))
        .layer(middleware::from_fn(reject_cross_site))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
        .layer(CompressionLayer::new())
        // Inside the security headers, so the 500 page it answers with
        // carries them too.
        .layer(middleware::from_fn_with_state(
            crate::catch_panic::ErrorPageStyle(
                format!(
                    "/{}/{}",
                    state.leptos_options.site_pkg_dir, state.bundle.css
                )
                .into(),
            ),
            crate::catch_panic::catch_panics,
        ))
        .layer(middleware::from_fn(move |request, next| {
            security_headers(live_reload_port, request, next)
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Liveness and readiness in one: 200 when the database answers, 503 when
/// it does not (so a load balancer takes this process out of rotation).
async fn health(State(store): State<Arc<dyn Store>>) -> impl IntoResponse {
    let backend = store.backend().as_str();
    match store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": backend })),
        ),
        Err(err) => {
            tracing::error!(%err, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable", "database": backend })),
            )
        }
    }
}
