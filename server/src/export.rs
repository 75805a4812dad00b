//! `GET /deals/pipeline.csv` and `GET /clubs/{id}/pipeline.csv`: the two
//! pipelines as CSV for Excel.
//!
//! - UTF-8 with a byte-order mark, which is how Excel recognises UTF-8 (it
//!   would read Korean as mojibake otherwise);
//! - amounts as integer won, plus the same amount formatted as 억/만원;
//! - times in Asia/Seoul, ISO 8601 with the offset;
//! - a cell starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with
//!   `'`, so a company name cannot become a formula (CSV injection);
//! - streamed in batches of [`BATCH`] rows read by id, so a large export
//!   never sits in memory, and the same access rules and filters as the
//!   page.

use crate::routes::AppState;
use app::api::pipeline::{server as rules, PipelineQuery};
use app::domain::deal::{days_in_stage, is_stale};
use app::domain::money::format_won;
use app::domain::seoul_time::{seoul_date, to_seoul};
use app::i18n::Locale;
use app::ssr::deal_store::{PipelineCard, PipelineFilter, PipelineScope};
use app::ssr::session::Actor;
use app::ssr::Store;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Rows read per query while streaming.
pub const BATCH: i64 = 500;

/// Excel's signal that the file is UTF-8.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

pub async fn my_pipeline(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    headers: HeaderMap,
    Query(query): Query<PipelineQuery>,
) -> Response {
    export(state, actor.map(|a| a.0), &headers, None, query).await
}

pub async fn club_pipeline(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    headers: HeaderMap,
    Path(club_id): Path<i64>,
    Query(query): Query<PipelineQuery>,
) -> Response {
    export(state, actor.map(|a| a.0), &headers, Some(club_id), query).await
}

async fn export(
    state: AppState,
    actor: Option<Actor>,
    headers: &HeaderMap,
    club_id: Option<i64>,
    query: PipelineQuery,
) -> Response {
    use app::domain::access::{authorize, Action};
    let locale = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .unwrap_or_default();
    let Some(actor) = actor else {
        let back = match club_id {
            Some(id) => format!("/clubs/{id}/pipeline"),
            None => "/deals/pipeline".to_string(),
        };
        return Redirect::to(&format!(
            "/signin?next={}",
            app::domain::url::encode_query_value(&back)
        ))
        .into_response();
    };
    let refuse = |err: app::api::ApiError| {
        let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
        (status, err.message(locale.strings())).into_response()
    };
    if let Err(denial) = authorize(Some(&actor.principal()), Action::TrackDeals) {
        return refuse(denial.into());
    }
    let scope = match rules::scope_for(&actor, club_id) {
        Ok(scope) => scope,
        Err(err) => return refuse(err),
    };
    let store = state.store.clone();
    let members = match rules::members_of(store.as_ref(), scope).await {
        Ok(members) => members,
        Err(err) => return refuse(err),
    };
    let filter = match rules::filter_for(&members, scope, &query) {
        Ok(filter) => filter,
        Err(err) => return refuse(err),
    };
    let stale_after_days = match rules::stale_days(store.as_ref(), &actor, scope).await {
        Ok((days, _)) => days,
        Err(err) => return refuse(err),
    };
    let now = Utc::now();
    let stream = rows(
        store,
        scope,
        filter,
        Columns {
            locale,
            now,
            stale_after_days,
        },
    );
    let file = match club_id {
        Some(id) => format!("club-{id}-pipeline-{}.csv", seoul_date(now)),
        None => format!("pipeline-{}.csv", seoul_date(now)),
    };
    // Fused: the compression layer polls the body once more after its end,
    // which a bare `unfold` answers with a panic.
    let mut response = Body::from_stream(futures_util::StreamExt::fuse(stream)).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // Deal amounts: never kept by a shared cache.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// What every row needs besides the card.
#[derive(Clone, Copy)]
struct Columns {
    locale: Locale,
    now: DateTime<Utc>,
    stale_after_days: i64,
}

/// The BOM and header line, then one chunk per batch of rows.
fn rows(
    store: Arc<dyn Store>,
    scope: PipelineScope,
    filter: PipelineFilter,
    columns: Columns,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    enum Next {
        Header,
        After(i64),
        Done,
    }
    futures_util::stream::unfold(Next::Header, move |next| {
        let store = store.clone();
        let filter = filter.clone();
        async move {
            match next {
                Next::Done => None,
                Next::Header => {
                    let mut out = BOM.to_vec();
                    out.extend(encode(&[header_row(columns.locale)]));
                    Some((Ok(out), Next::After(0)))
                }
                Next::After(after_id) => {
                    match store.pipeline_batch(scope, &filter, after_id, BATCH).await {
                        Ok(cards) if cards.is_empty() => None,
                        Ok(cards) => {
                            let last = cards.last().map_or(after_id, |c| c.interest_id);
                            let more = cards.len() as i64 == BATCH;
                            let lines: Vec<Vec<String>> =
                                cards.iter().map(|c| card_row(c, columns)).collect();
                            let next = if more { Next::After(last) } else { Next::Done };
                            Some((Ok(encode(&lines)), next))
                        }
                        Err(err) => {
                            // Headers are sent already: end the body with an
                            // error so the download is visibly incomplete.
                            tracing::error!(%err, "pipeline export failed mid-stream");
                            Some((Err(std::io::Error::other("export failed")), Next::Done))
                        }
                    }
                }
            }
        }
    })
}

fn header_row(locale: Locale) -> Vec<String> {
    let names: [&str; 13] = match locale {
        Locale::Ko => [
            "기업",
            "미니클러스터",
            "투자자",
            "단계",
            "최소 금액(원)",
            "최대 금액(원)",
            "투자 경로",
            "금액(원)",
            "금액",
            "투자일",
            "단계 변경 시각(KST)",
            "경과일",
            "정체",
        ],
        Locale::En => [
            "Company",
            "Mini-cluster",
            "Investor",
            "Stage",
            "Minimum (KRW)",
            "Maximum (KRW)",
            "Route",
            "Amount (KRW)",
            "Amount",
            "Invested on",
            "Stage changed (KST)",
            "Days in stage",
            "Stale",
        ],
    };
    names.iter().map(|s| s.to_string()).collect()
}

fn card_row(card: &PipelineCard, c: Columns) -> Vec<String> {
    let t = c.locale.strings();
    let terms = &card.terms;
    let days = days_in_stage(card.stage_changed_at, c.now);
    let value = terms.amount.or(terms.amount_min);
    let cluster = match c.locale {
        Locale::Ko => card.company.cluster_name_ko.clone(),
        Locale::En => card.company.cluster_name_en.clone(),
    };
    let won =
        |w: Option<app::domain::money::Won>| w.map(|w| w.get().to_string()).unwrap_or_default();
    vec![
        card.company.name_ko.clone(),
        cluster.unwrap_or_default(),
        card.investor_name.clone(),
        (t.deal.stage)(terms.stage).to_string(),
        won(terms.amount_min),
        won(terms.amount_max),
        terms
            .route
            .map(|r| (t.deal.route)(r).to_string())
            .unwrap_or_default(),
        won(terms.amount),
        value.map(|w| format_won(w, c.locale)).unwrap_or_default(),
        terms.invested_on.map(|d| d.to_string()).unwrap_or_default(),
        to_seoul(card.stage_changed_at).to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        days.to_string(),
        if is_stale(terms.stage, days, c.stale_after_days) {
            "Y"
        } else {
            ""
        }
        .to_string(),
    ]
}

/// A cell a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

pub(crate) fn encode(lines: &[Vec<String>]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for line in lines {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(line.iter().map(|cell| neutralise(cell).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("탄소온"), "탄소온");
        assert_eq!(neutralise("150000000"), "150000000");
    }

    #[test]
    fn lines_are_quoted_and_crlf_terminated() {
        let out = encode(&[vec!["a,b".into(), "줄\n바꿈".into(), "=1+1".into()]]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a,b\",\"줄\n바꿈\",'=1+1\r\n"
        );
    }
}
