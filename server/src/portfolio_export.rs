//! `GET /consulting.csv`: the readiness portfolio as CSV, with the same
//! access rules, filters and order as `/consulting` and the same encoding
//! as the pipeline exports (`export.rs`: BOM, neutralised formula cells,
//! Seoul dates). A portfolio is at most a few thousand rows, read in one
//! query, so it is built in memory.

use crate::export::{encode, BOM};
use crate::routes::AppState;
use app::domain::portfolio::PortfolioQuery;
use app::domain::readiness::format_score;
use app::domain::seoul_time::{seoul_date, to_seoul};
use app::i18n::Locale;
use app::ssr::session::Actor;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use std::collections::HashMap;

pub async fn portfolio_csv(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    use app::domain::access::{authorize, Action};
    let locale = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .unwrap_or_default();
    let Some(Extension(actor)) = actor else {
        return Redirect::to("/signin?next=%2Fconsulting").into_response();
    };
    let t = locale.strings();
    if let Err(denial) = authorize(Some(&actor.principal()), Action::SeePortfolio) {
        let err: app::api::ApiError = denial.into();
        let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::FORBIDDEN);
        return (status, err.message(t)).into_response();
    }
    let query = PortfolioQuery::from_pairs(|k| params.get(k).cloned());
    let now = chrono::Utc::now();
    let rows = match app::api::readiness::server::portfolio_rows(
        state.store.as_ref(),
        &actor,
        &query,
        now,
    )
    .await
    {
        Ok(rows) => rows,
        Err(err) => {
            let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
            return (status, err.message(t)).into_response();
        }
    };
    let mut lines = vec![vec![
        t.rd.col_company.to_string(),
        "slug".to_string(),
        t.co.filter_cluster.to_string(),
        t.rd.col_checklist.to_string(),
        t.rd.col_consultant.to_string(),
        t.rd.score_title.to_string(),
        t.rd.col_change.to_string(),
        t.rd.overdue.to_string(),
        t.rd.col_next_due.to_string(),
        t.rd.stalled.to_string(),
        t.rd.col_last_progress.to_string(),
    ]];
    for r in &rows {
        let cluster = match locale {
            Locale::Ko => r.cluster_name_ko.clone(),
            Locale::En => r.cluster_name_en.clone(),
        };
        lines.push(vec![
            r.company_name.clone(),
            r.company_slug.clone(),
            cluster.unwrap_or_default(),
            (t.rd.template_name)(r.kind).to_string(),
            r.consultants.join(", "),
            r.score_permille.map(format_score).unwrap_or_default(),
            // Points, one decimal; a negative change gets the formula
            // guard's `'` like every cell that starts with `-`.
            r.change_permille()
                .map(|c| format!("{:.1}", f64::from(c) / 10.0))
                .unwrap_or_default(),
            r.overdue.to_string(),
            r.next_due.map(|d| d.to_string()).unwrap_or_default(),
            if r.is_stalled(now) { "1" } else { "0" }.to_string(),
            to_seoul(r.last_progress_at).to_rfc3339(),
        ]);
    }
    let mut body = BOM.to_vec();
    body.extend_from_slice(&encode(&lines));
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"readiness-portfolio-{}.csv\"",
        seoul_date(now)
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
