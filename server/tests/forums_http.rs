//! Venture forums over real HTTP, on SQLite and PostgreSQL: an admin
//! creates a forum and opens it, a founder applies (for their own company,
//! whatever the form says), the admin accepts and sets the agenda, the
//! public page shows it once confirmed, and the calendar file reads back
//! with an independent iCalendar parser (`ical`). Who may do what: only
//! admins manage, only company members apply, a forum in planning is not
//! found by anyone else (page and calendar). Bad input is refused with the
//! field named and changes nothing.

mod common;

use app::domain::role::Role;
use common::app_server::{client, page, TestServer};
use common::calls::{call, call_ok, call_refused, form_post};
use common::people::{founder_of, open_session, staff, verified_investor_in};
use reqwest::{header, StatusCode};
use serde_json::json;

/// A forum ten days from now, 14:00–17:30 in Seoul, as the form posts it.
fn forum_form(title: &str) -> Vec<(String, String)> {
    let date = (chrono::Utc::now() + chrono::Duration::days(10))
        .with_timezone(&app::domain::seoul_time::seoul_offset())
        .format("%Y-%m-%d")
        .to_string();
    [
        ("title", title),
        ("date", &date),
        ("starts", "14:00"),
        ("ends", "17:30"),
        ("venue", "울산테크노파크, 대회의실"),
        ("cluster", ""),
        ("capacity", "80"),
        (
            "description",
            "## 순서\n\n<script>alert(1)</script>기업 발표와 네트워킹",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (format!("form[{k}]"), v.to_string()))
    .collect()
}

fn refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

async fn ics(s: &TestServer, path: &str) -> (StatusCode, Option<String>, String) {
    let res = client().get(s.url(path)).send().await.unwrap();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string());
    (res.status(), kind, res.text().await.unwrap())
}

async fn a_forum_from_creation_to_agenda(s: TestServer) {
    let store = s.store.as_ref();
    let admin_id = staff(store, "a@forum.kr", Role::Admin).await;
    let (founder_id, company) = founder_of(store, "f@forum.kr", "tansoon", "탄소온").await;
    let (other_founder_id, other_company) =
        founder_of(store, "g@forum.kr", "baleul", "발열웨어").await;
    let (investor_id, _) = verified_investor_in(store, "i@forum.kr", "한강엔젤").await;
    let admin = open_session(store, admin_id).await;
    let founder = open_session(store, founder_id).await;
    let other = open_session(store, other_founder_id).await;
    let investor = open_session(store, investor_id).await;

    // Only admins create.
    let form = forum_form("제7회 신사업벤처포럼");
    for cookie in [&founder, &investor] {
        let (status, _) = call(&s, "/api/admin/forum_create", Some(cookie), &refs(&form)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let id = call_ok(&s, "/api/admin/forum_create", Some(&admin), &refs(&form)).await;
    let id = id.as_i64().unwrap();
    let forum_path = format!("/forums/{id}");
    let ics_path = format!("/forums/{id}/calendar.ics");

    // In planning: the admin sees it, nobody else does.
    let (status, _, body) = page(&s, &forum_path, Some(&admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("아직 공개되지 않은 포럼"), "{body}");
    assert!(!body.contains("<script>alert"), "description sanitised");
    for cookie in [Some(founder.as_str()), None] {
        let (status, _, body) = page(&s, &forum_path, cookie).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!body.contains("제7회"));
    }
    assert_eq!(ics(&s, &ics_path).await.0, StatusCode::NOT_FOUND);
    let (_, _, list) = page(&s, "/forums", None).await;
    assert!(!list.contains("제7회"));

    // Bad input names its field and changes nothing.
    let mut bad = form.clone();
    bad[3].1 = "13:00".into();
    call_refused(
        &s,
        "/api/admin/forum_update",
        Some(&admin),
        &[&[("forum_id", id.to_string().as_str())][..], &refs(&bad)].concat(),
        "ends",
        json!("EndsBeforeStarts"),
    )
    .await;

    // Open for applications.
    let open = [
        ("forum_id", id.to_string()),
        ("from", "planning".into()),
        ("to", "open".into()),
    ];
    let open = open
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect::<Vec<_>>();
    call_ok(&s, "/api/admin/forum_state", Some(&admin), &open).await;
    // A second click from the same stale page changes nothing.
    call_refused(
        &s,
        "/api/admin/forum_state",
        Some(&admin),
        &open,
        "to",
        json!("ForumChangedMeanwhile"),
    )
    .await;
    let (_, _, list) = page(&s, "/forums", None).await;
    assert!(
        list.contains("제7회 신사업벤처포럼") && list.contains("신청 접수"),
        "{list}"
    );

    // The founder applies from the page's plain form (no JavaScript).
    let (_, _, body) = page(&s, &forum_path, Some(&founder)).await;
    assert!(
        body.contains("발표 신청하기") && body.contains("탄소온"),
        "{body}"
    );
    let id_s = id.to_string();
    call_refused(
        &s,
        "/api/forums/apply",
        Some(&founder),
        &[("forum_id", &id_s), ("note", "  ")],
        "note",
        json!("Required"),
    )
    .await;
    let res = form_post(
        &s,
        "/api/forums/apply",
        &founder,
        &s.url(&forum_path),
        &[
            ("forum_id", &id_s),
            ("note", "탄소섬유 발열체 양산 계획을 발표합니다."),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let (_, _, body) = page(&s, &forum_path, Some(&founder)).await;
    assert!(body.contains("우리 회사 신청 상태: 검토 중"), "{body}");
    call_refused(
        &s,
        "/api/forums/apply",
        Some(&founder),
        &[("forum_id", &id_s), ("note", "또")],
        "note",
        json!("AlreadyApplied"),
    )
    .await;
    // Investors and admins do not apply; the company is the session's.
    for cookie in [&investor, &admin] {
        let (status, _) = call(
            &s,
            "/api/forums/apply",
            Some(cookie),
            &[("forum_id", &id_s), ("note", "x")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    call_ok(
        &s,
        "/api/forums/apply",
        Some(&other),
        &[("forum_id", &id_s), ("note", "발열 의류 발표")],
    )
    .await;

    // Founders cannot decide; the admin accepts one and declines the other.
    fn as_refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
        v.iter().map(|(k, x)| (*k, x.as_str())).collect()
    }
    let decide = |company: i64, decision: &'static str| {
        vec![
            ("forum_id", id_s.clone()),
            ("company_id", company.to_string()),
            ("decision", decision.to_string()),
        ]
    };
    let accept = decide(company, "accepted");
    let (status, _) = call(
        &s,
        "/api/admin/forum_decide",
        Some(&founder),
        &as_refs(&accept),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    call_ok(
        &s,
        "/api/admin/forum_decide",
        Some(&admin),
        &as_refs(&accept),
    )
    .await;
    call_ok(
        &s,
        "/api/admin/forum_decide",
        Some(&admin),
        &as_refs(&decide(other_company, "declined")),
    )
    .await;
    let (_, _, body) = page(&s, &forum_path, Some(&other)).await;
    assert!(body.contains("미선정"), "the founder is told");

    // The agenda: a slot before the forum starts is refused.
    let agenda = |time: &str| {
        vec![
            ("forum_id", id_s.clone()),
            ("agenda[accepted]", company.to_string()),
            ("agenda[slots][0][company_id]", company.to_string()),
            ("agenda[slots][0][position]", "1".to_string()),
            ("agenda[slots][0][starts]", time.to_string()),
        ]
    };
    call_refused(
        &s,
        "/api/admin/forum_agenda",
        Some(&admin),
        &as_refs(&agenda("09:00")),
        "slot",
        json!("OutsidePeriod"),
    )
    .await;
    call_ok(
        &s,
        "/api/admin/forum_agenda",
        Some(&admin),
        &as_refs(&agenda("14:20")),
    )
    .await;

    // Before confirmation the agenda is not public; after, it is.
    let (_, _, body) = page(&s, &forum_path, None).await;
    assert!(
        body.contains("발표 순서는 포럼이 확정되면 공개됩니다"),
        "{body}"
    );
    let confirm = [
        ("forum_id", id_s.as_str()),
        ("from", "open"),
        ("to", "confirmed"),
    ];
    call_ok(&s, "/api/admin/forum_state", Some(&admin), &confirm).await;
    let (_, _, body) = page(&s, &forum_path, None).await;
    assert!(
        body.contains("14:20") && body.contains("/companies/tansoon"),
        "{body}"
    );
    assert!(
        !body.contains("발열웨어"),
        "declined companies are not on the agenda"
    );

    // Investors answer for themselves; founders and admins do not answer.
    let rsvp = [("forum_id", id_s.as_str()), ("answer", "attending")];
    let got = call_ok(&s, "/api/forums/rsvp", Some(&investor), &rsvp).await;
    assert_eq!(got["seat"], json!("Seated"), "{got}");
    for cookie in [&founder, &admin] {
        assert_eq!(
            call(&s, "/api/forums/rsvp", Some(cookie), &rsvp).await.0,
            StatusCode::FORBIDDEN
        );
    }
    call_refused(
        &s,
        "/api/forums/rsvp",
        Some(&investor),
        &[("forum_id", &id_s), ("answer", "perhaps")],
        "answer",
        json!("UnknownChoice"),
    )
    .await;
    let (_, _, body) = page(&s, &forum_path, Some(&investor)).await;
    assert!(
        body.contains("좌석 확보") && body.contains("참석 1/80명"),
        "{body}"
    );
    let (_, _, body) = page(&s, &format!("/admin/forums/{id}"), Some(&admin)).await;
    assert!(body.contains("출석 확인"), "{body}");
    let attend = [
        ("forum_id", id_s.as_str()),
        ("user_id", &investor_id.to_string()),
        ("attended", "true"),
    ];
    call_ok(&s, "/api/admin/forum_attendance", Some(&admin), &attend).await;
    let (_, _, body) = page(&s, &format!("/admin/forums/{id}"), Some(&admin)).await;
    assert!(body.contains("출석 취소"), "{body}");

    // From the agenda to the pipeline, with the forum as the source.
    let track = |slug: &'static str| [("forum_id", id_s.clone()), ("slug", slug.to_string())];
    let t = track("tansoon");
    let t = as_refs(&t);
    assert_eq!(
        call_ok(&s, "/api/forums/track", Some(&investor), &t).await,
        json!(true)
    );
    assert_eq!(
        call_ok(&s, "/api/forums/track", Some(&investor), &t).await,
        json!(false),
        "already there"
    );
    let history = s
        .store
        .interest_history(investor_id, company)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].to.as_str(), history[0].forum_id),
        ("watching", Some(id))
    );
    let declined = track("baleul");
    assert_eq!(
        call(
            &s,
            "/api/forums/track",
            Some(&investor),
            &as_refs(&declined)
        )
        .await
        .0,
        StatusCode::NOT_FOUND,
        "not on the agenda"
    );
    assert_eq!(
        call(&s, "/api/forums/track", Some(&founder), &t).await.0,
        StatusCode::FORBIDDEN
    );

    // The calendar file, read back by an independent parser.
    let (status, kind, text) = ics(&s, &ics_path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("text/calendar; charset=utf-8"));
    for line in text.split("\r\n") {
        assert!(
            line.len() <= 75,
            "RFC 5545 folds lines at 75 octets: {line:?}"
        );
    }
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    assert_eq!(calendar.timezones.len(), 1);
    assert_eq!(calendar.events.len(), 1);
    let event = &calendar.events[0];
    let prop = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    assert_eq!(
        prop("SUMMARY").value.as_deref(),
        Some("제7회 신사업벤처포럼")
    );
    assert_eq!(
        prop("LOCATION").value.as_deref(),
        Some("울산테크노파크\\, 대회의실"),
        "escaped as the RFC asks"
    );
    let start = prop("DTSTART");
    assert!(
        start.value.as_deref().unwrap().ends_with("T140000"),
        "{start:?}"
    );
    assert_eq!(
        start
            .params
            .as_ref()
            .unwrap()
            .iter()
            .find(|(k, _)| k == "TZID")
            .map(|(_, v)| v.clone()),
        Some(vec!["Asia/Seoul".to_string()])
    );
    let uid = prop("UID").value.clone().unwrap();
    assert_eq!(
        uid,
        format!(
            "forum-{id}@{}",
            s.url("")
                .trim_start_matches("http://")
                .trim_end_matches('/')
        )
    );

    // The feed holds every announced forum with the same UID.
    let (status, _, feed) = ics(&s, "/forums.ics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(feed.contains(&format!("UID:{uid}")));

    // The audit log names each step.
    let (_, _, body) = page(&s, "/admin/audit", Some(&admin)).await;
    for label in [
        "포럼 생성",
        "포럼 단계 변경",
        "포럼 발표 신청",
        "포럼 신청 결정",
        "포럼 발표 순서 저장",
    ] {
        assert!(body.contains(label), "{label}");
    }
}

async fn admin_pages_are_for_admins(s: TestServer) {
    let store = s.store.as_ref();
    let admin_id = staff(store, "a@forum.kr", Role::Admin).await;
    let (founder_id, _) = founder_of(store, "f@forum.kr", "tansoon", "탄소온").await;
    let admin = open_session(store, admin_id).await;
    let founder = open_session(store, founder_id).await;
    for path in ["/admin/forums", "/admin/forums/new"] {
        let (status, _, _) = page(&s, path, Some(&admin)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let (status, _, _) = page(&s, path, Some(&founder)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        let (status, _, _) = page(&s, path, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, _, _) = page(&s, "/admin/forums/999", Some(&admin)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = page(&s, "/forums/999", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = page(&s, "/forums", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("예정된 포럼이 아직 없습니다"));
}

/// Every admin-only forum function refuses everyone else (401 for nobody
/// signed in, 403 for the rest) and writes nothing; applying is for
/// company members only.
async fn the_forum_access_matrix(s: TestServer) {
    let store = s.store.as_ref();
    let admin_id = staff(store, "a@forum.kr", Role::Admin).await;
    let consultant_id = staff(store, "c@forum.kr", Role::Consultant).await;
    let (founder_id, company) = founder_of(store, "f@forum.kr", "tansoon", "탄소온").await;
    let (investor_id, _) = verified_investor_in(store, "i@forum.kr", "한강엔젤").await;
    let admin = open_session(store, admin_id).await;
    let others = [
        ("consultant", open_session(store, consultant_id).await),
        ("founder", open_session(store, founder_id).await),
        ("investor", open_session(store, investor_id).await),
    ];
    let form = forum_form("접근 점검 포럼");
    let id = call_ok(&s, "/api/admin/forum_create", Some(&admin), &refs(&form))
        .await
        .as_i64()
        .unwrap()
        .to_string();
    let company = company.to_string();
    let with_id = |extra: Vec<(&'static str, String)>| {
        let mut v = vec![("forum_id".to_string(), id.clone())];
        v.extend(extra.into_iter().map(|(k, x)| (k.to_string(), x)));
        v
    };
    let mut update = with_id(vec![]);
    update.extend(forum_form("바뀐 제목"));
    let admin_only: Vec<(&str, Vec<(String, String)>)> = vec![
        ("/api/admin/forum_create", forum_form("몰래 만든 포럼")),
        ("/api/admin/forum_new", vec![]),
        ("/api/admin/forum", with_id(vec![])),
        ("/api/admin/forum_update", update),
        (
            "/api/admin/forum_state",
            with_id(vec![("from", "planning".into()), ("to", "open".into())]),
        ),
        (
            "/api/admin/forum_decide",
            with_id(vec![
                ("company_id", company.clone()),
                ("decision", "accepted".into()),
            ]),
        ),
        (
            "/api/admin/forum_agenda",
            with_id(vec![("agenda[accepted]", String::new())]),
        ),
        (
            "/api/admin/forum_attendance",
            with_id(vec![
                ("user_id", investor_id.to_string()),
                ("attended", "true".into()),
            ]),
        ),
    ];
    let audit_before = s.store.audit_log(1000, None).await.unwrap().len();
    for (path, form) in &admin_only {
        let form = refs(form);
        assert_eq!(
            call(&s, path, None, &form).await.0,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        for (who, cookie) in &others {
            let (status, body) = call(&s, path, Some(cookie), &form).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {path}: {body}");
        }
    }
    assert_eq!(
        s.store.audit_log(1000, None).await.unwrap().len(),
        audit_before
    );
    let f = s.store.forum(id.parse().unwrap()).await.unwrap();
    assert_eq!(
        (f.title.as_str(), f.state.as_str()),
        ("접근 점검 포럼", "planning")
    );
    assert_eq!(s.store.forums(false).await.unwrap().len(), 1);

    // Applying: only a company member, and only to an announced forum.
    let apply = [("forum_id", id.as_str()), ("note", "발표 신청")];
    assert_eq!(
        call(&s, "/api/forums/apply", None, &apply).await.0,
        StatusCode::UNAUTHORIZED
    );
    for (who, cookie) in &others[..1] {
        assert_eq!(
            call(&s, "/api/forums/apply", Some(cookie), &apply).await.0,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    // The forum is still in planning: not found, even to its founder.
    assert_eq!(
        call(&s, "/api/forums/apply", Some(&others[1].1), &apply)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

on_both_backends!(crate::common::app_server::with_server =>
    a_forum_from_creation_to_agenda,
    admin_pages_are_for_admins,
    the_forum_access_matrix,
);
