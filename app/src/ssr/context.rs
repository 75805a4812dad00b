use super::store::{DbError, Store};
use crate::api::ApiError;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::sync::Arc;

/// The store for this request, provided by the server as context.
pub fn store() -> Result<Arc<dyn Store>, ApiError> {
    use_context::<Arc<dyn Store>>().ok_or_else(|| {
        tracing::error!("store missing from the request context");
        ApiError::Internal
    })
}

/// Returns `err` to the caller after setting the matching HTTP status, so
/// plain form posts and API clients see 404/403/429 rather than a blanket
/// 500.
pub fn reject(err: ApiError) -> ApiError {
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
