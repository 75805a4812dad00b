//! A panic while answering a request must never drop the connection.
//!
//! Without this layer a panic in a handler or in the page stream unwinds
//! through hyper's connection task: the client sees the socket close with
//! no response at all. Here the handler runs as a task of its own, and a
//! page's body is collected inside it too (pages render in `Async` mode, so
//! the whole document is already in memory when the response starts), so a
//! panic at any point before the first byte leaves becomes a translated 500
//! page, logged at error level with the method and route. Files and other
//! streamed bodies pass through untouched.
//!
//! The task also means a request runs to its end when the client goes away
//! (a closed tab, a load tester stopping). Dropping a render half-way tore
//! its reactive owner down while a `<Suspense>` whose data had just arrived
//! was re-checking its children from an effect on another worker thread:
//! that check then read disposed resources and missing contexts and
//! panicked. Finishing costs at most one render; a server function's
//! writes are never cut off between two statements either.

use app::i18n::Locale;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::any::Any;

/// The stylesheet's URL for the 500 page (its name carries a hash).
#[derive(Clone)]
pub struct ErrorPageStyle(pub std::sync::Arc<str>);

pub async fn catch_panics(
    State(style): State<ErrorPageStyle>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let route = request.uri().path().to_owned();
    let locale = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .unwrap_or_default();
    let handled = tokio::spawn(async move {
        let response = next.run(request).await;
        collect_page(response).await
    })
    .await;
    match handled {
        Ok(Ok(response)) => response,
        Ok(Err(err)) => {
            tracing::error!(%method, route, %err, "page body failed; answered 500");
            internal_error_page(locale, &style.0)
        }
        Err(failed) => {
            let payload = failed.try_into_panic().ok();
            tracing::error!(
                %method,
                route,
                panic = payload.as_deref().map_or("(cancelled)", panic_message),
                "request panicked; answered 500"
            );
            internal_error_page(locale, &style.0)
        }
    }
}

/// Reads an HTML body to the end (so a panic while producing it happens
/// here, inside `catch_unwind`); anything else is returned as it is.
async fn collect_page(response: Response) -> Result<Response, axum::Error> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await?;
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

pub fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&'static str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// A self-contained page: after a panic the app's render machinery is not
/// trusted to draw it, so it uses the shared stylesheet and nothing else.
pub fn internal_error_page(locale: Locale, stylesheet: &str) -> Response {
    let t = locale.strings();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · {site}</title>\
         <link rel=\"stylesheet\" href=\"{stylesheet}\"></head>\
         <body><main id=\"main\" class=\"site-main\">\
         <section class=\"error-page container\" aria-labelledby=\"error-title\">\
         <p class=\"error-page__code\" aria-hidden=\"true\">500</p>\
         <h1 id=\"error-title\" class=\"error-page__title\">{title}</h1>\
         <p class=\"error-page__text\" role=\"alert\">{text}</p>\
         <a class=\"btn btn--primary\" href=\"/\">{home}</a>\
         </section></main></body></html>",
        lang = locale.code(),
        title = t.error_title,
        site = t.site_name,
        text = t.err_internal,
        home = t.back_home,
    );
    let mut response = (StatusCode::INTERNAL_SERVER_ERROR, html).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{routing::get, Router};
    use tower::ServiceExt;

    async fn boom() -> &'static str {
        panic!("kaboom")
    }

    fn router() -> Router {
        Router::new()
            .route("/boom", get(boom))
            .route(
                "/late",
                get(|| async {
                    // A page whose body panics after the headers are made.
                    let stream = futures_util::stream::once(async {
                        panic!("late kaboom");
                        #[allow(unreachable_code)]
                        Ok::<_, std::io::Error>("never")
                    });
                    (
                        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                        Body::from_stream(stream),
                    )
                }),
            )
            .route("/ok", get(|| async { "fine" }))
            .layer(axum::middleware::from_fn_with_state(
                ErrorPageStyle("/pkg/site.css".into()),
                catch_panics,
            ))
    }

    async fn get_page(path: &str, cookie: &str) -> (StatusCode, String) {
        let response = router()
            .oneshot(
                Request::get(path)
                    .header(header::COOKIE, cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_translated_500() {
        let (status, body) = get_page("/boom", "lang=ko").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body.contains("문제가 발생했습니다"), "{body}");
        assert!(body.contains(r#"href="/pkg/site.css""#), "{body}");
        let (_, body) = get_page("/boom", "lang=en").await;
        assert!(body.contains("Something went wrong"), "{body}");
        assert!(!body.contains("kaboom"), "no internals in the page");
    }

    #[tokio::test]
    async fn a_page_body_that_panics_answers_500_too() {
        let (status, _) = get_page("/late", "").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[tokio::test]
    async fn other_responses_pass_through() {
        assert_eq!(get_page("/ok", "").await, (StatusCode::OK, "fine".into()));
    }

    #[tokio::test]
    async fn a_request_runs_to_its_end_when_the_client_goes_away() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        use std::time::Duration;
        let finished = Arc::new(AtomicBool::new(false));
        let router = Router::new()
            .route(
                "/slow",
                get({
                    let finished = finished.clone();
                    move || async move {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        finished.store(true, Ordering::SeqCst);
                        "done"
                    }
                }),
            )
            .layer(axum::middleware::from_fn_with_state(
                ErrorPageStyle("/pkg/site.css".into()),
                catch_panics,
            ));
        let request = Request::get("/slow").body(Body::empty()).unwrap();
        // The client gives up after 5 ms: its future is dropped.
        let gave_up = tokio::time::timeout(Duration::from_millis(5), router.oneshot(request)).await;
        assert!(gave_up.is_err());
        assert!(!finished.load(Ordering::SeqCst));
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(
            finished.load(Ordering::SeqCst),
            "the handler ran to its end"
        );
    }
}
