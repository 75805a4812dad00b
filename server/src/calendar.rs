//! `GET /forums/{id}/calendar.ics` and `GET /forums.ics`: the announced
//! forums as iCalendar (RFC 5545) for calendar apps. Built with the
//! `icalendar` crate, which escapes text and folds long lines as the RFC
//! asks. Each forum keeps one UID for ever (its id and the portal's
//! address), so a subscribed calendar updates the event rather than adding
//! a second one; times carry `TZID=Asia/Seoul` with the zone's definition
//! in the file, so every app shows the Seoul wall-clock time.

use crate::routes::AppState;
use app::domain::seoul_time::to_seoul;
use app::ssr::forum_store::ForumRecord;
use app::ssr::DbError;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike};

pub const SEOUL_TZID: &str = "Asia/Seoul";

/// Seoul has kept +09:00 without daylight saving since 1988, so one
/// STANDARD rule defines the zone for every forum.
const SEOUL_VTIMEZONE: &str = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Pitchbridge//Forums//KO\r\n\
BEGIN:VTIMEZONE\r\n\
TZID:Asia/Seoul\r\n\
BEGIN:STANDARD\r\n\
DTSTART:19880509T030000\r\n\
TZOFFSETFROM:+0900\r\n\
TZOFFSETTO:+0900\r\n\
TZNAME:KST\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n\
END:VCALENDAR\r\n";

fn seoul_time(t: chrono::DateTime<chrono::Utc>) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: to_seoul(t).naive_local(),
        tzid: SEOUL_TZID.to_string(),
    }
}

/// The stable UID of a forum's event.
pub fn forum_uid(forum_id: i64, host: &str) -> String {
    format!("forum-{forum_id}@{host}")
}

/// A calendar of `forums`; `public_url` makes the UIDs and links.
pub fn forums_calendar(forums: &[ForumRecord], public_url: &str, name: &str) -> String {
    let host = public_url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or("pitchbridge");
    let mut calendar = Calendar::new();
    calendar.name(name).timezone(SEOUL_TZID);
    // The zone definition comes from the crate's own parser, so it is
    // written out by the same code as everything else.
    if let Ok(zone) = SEOUL_VTIMEZONE.parse::<Calendar>() {
        for component in zone.components {
            calendar.push(component);
        }
    }
    for f in forums {
        let url = format!("{}/forums/{}", public_url.trim_end_matches('/'), f.id);
        let cluster = f
            .cluster_name_ko
            .as_deref()
            .map(|c| format!(" · {c}"))
            .unwrap_or_default();
        let description = format!(
            "{}{}\n{}\n\n{}",
            f.title,
            cluster,
            url,
            app::ssr::markdown::plain_text(&f.description_md)
        );
        let mut event = icalendar::Event::new();
        event
            .uid(&forum_uid(f.id, host))
            .summary(&f.title)
            .location(&f.venue)
            .description(description.trim_end())
            .url(&url)
            .starts(seoul_time(f.starts_at))
            .ends(seoul_time(f.ends_at))
            .timestamp(f.updated_at)
            .last_modified(f.updated_at)
            // Calendar apps replace an event when its sequence grows: the
            // last change in seconds does that without a counter column.
            .sequence(u32::try_from(f.updated_at.timestamp().max(0) / 60).unwrap_or(0));
        if f.state == app::domain::forum::ForumState::Planning {
            event.status(icalendar::EventStatus::Tentative);
        } else {
            event.status(icalendar::EventStatus::Confirmed);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

fn ics_response(body: String, file_name: &str) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    // A calendar app polls the feed; an hour old is fresh enough and the
    // forum page itself is never cached.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    res
}

fn failure(err: DbError) -> Response {
    match err {
        DbError::NotFound => (StatusCode::NOT_FOUND, "not found").into_response(),
        DbError::Unavailable(detail) => {
            tracing::error!(%detail, "database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "service unavailable").into_response()
        }
        other => {
            tracing::error!(error = %other, "calendar");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// One announced forum; a forum in planning is not found (as its page).
pub async fn forum_ics(State(state): State<AppState>, Path(forum_id): Path<i64>) -> Response {
    match state.store.forum(forum_id).await {
        Ok(f) if f.state.is_public() => {
            let name = f.title.clone();
            let body = forums_calendar(&[f], &state.public_url.0, &name);
            ics_response(body, &format!("pitchbridge-forum-{forum_id}.ics"))
        }
        Ok(_) => failure(DbError::NotFound),
        Err(e) => failure(e),
    }
}

/// Every announced forum, past and upcoming: a feed to subscribe to.
pub async fn all_forums_ics(State(state): State<AppState>) -> Response {
    match state.store.forums(true).await {
        Ok(forums) => ics_response(
            forums_calendar(&forums, &state.public_url.0, "Pitchbridge 신사업벤처포럼"),
            "pitchbridge-forums.ics",
        ),
        Err(e) => failure(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::forum::ForumState;

    fn forum() -> ForumRecord {
        ForumRecord {
            id: 7,
            title: "제7회 신사업벤처포럼; 탄소, 수소 \"특집\"".into(),
            state: ForumState::Confirmed,
            starts_at: "2026-12-17T05:00:00Z".parse().unwrap(),
            ends_at: "2026-12-17T08:30:00Z".parse().unwrap(),
            venue: "울산테크노파크, 대회의실".into(),
            cluster_slug: None,
            cluster_name_ko: None,
            cluster_name_en: None,
            capacity: 80,
            description_md: "발표 기업 5곳과 엔젤클럽 네트워킹이 이어지는 긴 소개 문장입니다. "
                .repeat(4),
            description_html: String::new(),
            presenting: 3,
            seated: 0,
            waiting: 0,
            weights: Default::default(),
            feedback_released_at: None,
            updated_at: "2026-12-01T00:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn the_calendar_folds_escapes_and_names_seoul() {
        let ics = forums_calendar(&[forum()], "https://portal.example.kr", "포럼");
        assert!(
            ics.contains("DTSTART;TZID=Asia/Seoul:20261217T140000"),
            "{ics}"
        );
        assert!(
            ics.contains("DTEND;TZID=Asia/Seoul:20261217T173000"),
            "{ics}"
        );
        assert!(ics.contains("UID:forum-7@portal.example.kr"), "{ics}");
        assert!(ics.contains("BEGIN:VTIMEZONE"), "{ics}");
        assert!(ics.contains("LOCATION:울산테크노파크\\, 대회의실"), "{ics}");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        }
    }
}
