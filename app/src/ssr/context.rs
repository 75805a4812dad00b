use super::store::{DbError, Store};
use crate::api::ApiError;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::sync::Arc;

/// The store for this request, provided by the server as context.
///
/// A resource's server function runs as its own task. When the client goes
/// away mid-render, axum drops the request, and with it the reactive owner
/// that held the request's context, but the task still runs to its next
/// `store()` call and finds nothing there. That is not a fault: the task
/// stops at that point and nobody is waiting for its answer. A missing
/// store with the request itself still in the context is a fault (a route
/// served without the server's context) and is logged as one.
pub fn store() -> Result<Arc<dyn Store>, ApiError> {
    use_context::<Arc<dyn Store>>().ok_or_else(|| {
        if use_context::<http::request::Parts>().is_some() {
            tracing::error!("store missing from the request context");
        } else {
            tracing::debug!("request ended before its server function finished");
        }
        ApiError::Internal
    })
}

/// Returns `err` to the caller after setting the matching HTTP status, so
/// API clients see 404/403/429 rather than a blanket 500. A plain form post
/// (no JavaScript) keeps the redirect back to its page instead: server_fn
/// carries the error there in the URL and the page shows it.
pub fn reject(err: ApiError) -> ApiError {
    if is_plain_form_post() {
        return err;
    }
    if let Some(response) = use_context::<ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(err.status()) {
            response.set_status(status);
        }
        if let ApiError::RateLimited { retry_after_secs } = &err {
            if let Ok(value) = http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.insert_header(http::header::RETRY_AFTER, value);
            }
        }
    }
    err
}

impl From<DbError> for ApiError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::NotFound => ApiError::NotFound,
            // A caller that can hit a uniqueness rule maps it to a translated
            // message itself; reaching this arm means one forgot to.
            DbError::Conflict(what) => {
                tracing::error!(%what, "unhandled uniqueness conflict");
                ApiError::Internal
            }
            DbError::Unavailable(detail) => {
                tracing::error!(%detail, "database unavailable");
                ApiError::Unavailable
            }
            DbError::Other(detail) => {
                tracing::error!(%detail, "database error");
                ApiError::Internal
            }
        }
    }
}

/// True for a browser form submission without JavaScript, which asks for
/// HTML back; the hydrated app's calls ask for JSON.
fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}
