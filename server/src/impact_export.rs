//! `GET /impact.csv?year=2026`: the impact dashboard's numbers as CSV for
//! an annual report — the same aggregates as `/impact` (no company is
//! named, so it is public), in the reader's language, with the encoding of
//! the other exports (`export.rs`: BOM, CRLF, neutralised formula cells).
//! One table with a `section` column (total, kind, cluster, forum,
//! quarter) so it filters in Excel.

use crate::export::{encode, BOM};
use crate::routes::AppState;
use app::domain::impact::{report, ImpactRow};
use app::domain::money::{format_won, Won};
use app::i18n::Locale;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

pub async fn impact_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let locale = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .unwrap_or_default();
    let t = locale.strings();
    let year = params
        .get("year")
        .and_then(|y| y.trim().parse::<i32>().ok());
    let facts = match state.store.impact_facts().await {
        Ok(facts) => facts,
        Err(err) => {
            let err: app::api::ApiError = err.into();
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            return (status, err.message(t)).into_response();
        }
    };
    let r = report(&facts, year);
    let o = t.outcome;
    let mut lines = vec![vec![
        "section".to_string(),
        o.col_forum.to_string(),
        o.col_date.to_string(),
        o.col_presented.to_string(),
        o.col_interest.to_string(),
        o.col_outcomes.to_string(),
        format!("{} (KRW)", o.col_outcome_won),
        o.col_outcome_won.to_string(),
        "USD".to_string(),
        o.field_headcount.to_string(),
    ]];
    let won = |v: i64| format_won(Won(v), locale);
    let row = |section: &str, name: String, date: String, row: &ImpactRow| {
        vec![
            section.to_string(),
            name,
            date,
            row.presented.to_string(),
            row.interest.to_string(),
            row.outcomes.to_string(),
            row.outcome_won.to_string(),
            won(row.outcome_won),
            String::new(),
            String::new(),
        ]
    };
    let period = year.map_or_else(|| o.all_years.to_string(), |y| (o.year_label)(y));
    lines.push(row("total", period, String::new(), &r.totals));
    for k in r.by_kind.iter().filter(|k| k.count > 0) {
        lines.push(vec![
            "kind".to_string(),
            (o.kind)(k.kind).to_string(),
            String::new(),
            String::new(),
            String::new(),
            k.count.to_string(),
            k.won.to_string(),
            won(k.won),
            k.usd.to_string(),
            k.headcount.to_string(),
        ]);
    }
    for c in &r.by_cluster {
        let name = match locale {
            Locale::Ko => c.name_ko.clone(),
            Locale::En => c.name_en.clone(),
        };
        lines.push(row("cluster", name, String::new(), &c.row));
    }
    for f in &r.by_forum {
        lines.push(row("forum", f.title.clone(), f.day.to_string(), &f.row));
    }
    for q in &r.timeline {
        lines.push(vec![
            "quarter".to_string(),
            (o.quarter_label)(q.year, q.quarter),
            String::new(),
            String::new(),
            String::new(),
            q.outcomes.to_string(),
            q.won.to_string(),
            won(q.won),
            String::new(),
            q.forums.to_string(),
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
    let name = year.map_or_else(|| "all".to_string(), |y| y.to_string());
    if let Ok(v) =
        HeaderValue::from_str(&format!("attachment; filename=\"forum-impact-{name}.csv\""))
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
