//! The HTTP surface: the Leptos pages and server functions (with the store
//! and a CSP nonce in their context), the health check, static files, and
//! the middleware stack around them.

use crate::http::{
    page_csp, reject_cross_site, security_headers, static_cache_headers, tidy_redirect_location,
};
use app::ssr::Store;
use app::{shell, App};
use axum::{
    extract::{DefaultBodyLimit, FromRef, State},
    http::{header, HeaderValue, StatusCode},
    middleware,
    response::IntoResponse,
    routing::get,
    Json, Router,
};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::*;
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, LeptosRoutes, ResponseOptions,
};
use std::sync::Arc;
use std::time::Duration;
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, timeout::TimeoutLayer,
    trace::TraceLayer,
};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Arc<dyn Store>,
}

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
        }
    }
}

pub fn build_router(state: AppState, limits: Limits) -> Router {
    let routes = generate_route_list(App);
    let live_reload_port =
        (state.leptos_options.env == Env::DEV).then_some(state.leptos_options.reload_port);

    // Runs inside every page render and server-function call.
    let context = {
        let store = state.store.clone();
        move || {
            provide_context(store.clone());
            leptos::nonce::provide_nonce();
            if let (Some(nonce), Some(response)) =
                (leptos::nonce::use_nonce(), use_context::<ResponseOptions>())
            {
                if let Ok(value) = HeaderValue::from_str(&page_csp(&nonce, live_reload_port)) {
                    response.insert_header(header::CONTENT_SECURITY_POLICY, value);
                }
            }
        }
    };

    let pages = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };

    Router::new()
        .route("/healthz", get(health))
        .leptos_routes_with_context(&state, routes, context.clone(), pages)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn(static_cache_headers))
        .layer(middleware::from_fn(tidy_redirect_location))
        .layer(middleware::from_fn(reject_cross_site))
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(security_headers))
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
