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
        ("/api/admin/forum_scores", with_id(vec![])),
        (
            "/api/admin/forum_weights",
            with_id(
                [
                    "weight_team",
                    "weight_market",
                    "weight_technology",
                    "weight_traction",
                    "weight_advantage",
                    "weight_attractiveness",
                ]
                .into_iter()
                .zip(["50", "10", "10", "10", "10", "10"])
                .map(|(k, v)| (k, v.to_string()))
                .collect(),
            ),
        ),
        ("/api/admin/forum_release", with_id(vec![])),
        ("/api/admin/outcomes", vec![]),
        (
            "/api/admin/outcome_decide",
            vec![
                ("outcome_id".to_string(), "1".to_string()),
                ("decision".to_string(), "confirmed".to_string()),
            ],
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

/// A held forum twenty days ago with `tansoon` presenting and verified
/// investors, the first seated and the others only answering "maybe";
/// returns the forum.
async fn held_forum(
    s: &TestServer,
    admin: i64,
    founder: i64,
    company: i64,
    investors: &[i64],
) -> i64 {
    use app::domain::forum::{ApplicationStatus, ForumState, RsvpAnswer, Slot};
    use common::people::setup_event;
    let store = s.store.as_ref();
    let field = |name: &str| {
        forum_form("제8회 신사업벤처포럼")
            .into_iter()
            .find(|(k, _)| k == &format!("form[{name}]"))
            .map(|(_, v)| v)
            .unwrap_or_default()
    };
    let form = app::domain::forum::ForumForm {
        title: field("title"),
        date: (chrono::Utc::now() - chrono::Duration::days(20))
            .with_timezone(&app::domain::seoul_time::seoul_offset())
            .format("%Y-%m-%d")
            .to_string(),
        starts: field("starts"),
        ends: field("ends"),
        venue: field("venue"),
        cluster: String::new(),
        capacity: field("capacity"),
        description: field("description"),
    };
    let f = form.validate(|_| false, chrono::Utc::now(), true).unwrap();
    let write = app::ssr::forum_store::ForumWrite {
        title: f.title,
        starts_at: f.starts_at,
        ends_at: f.ends_at,
        venue: f.venue,
        cluster_slug: None,
        capacity: f.capacity,
        description_html: String::new(),
        description_md: f.description_md,
        by: admin,
        at: chrono::Utc::now(),
    };
    let id = store
        .create_forum(&write, &setup_event("forum.create"))
        .await
        .unwrap();
    let step = |from, to| async move {
        store
            .set_forum_state(id, from, to, &setup_event("forum.state"))
            .await
            .unwrap()
    };
    step(ForumState::Planning, ForumState::Open).await;
    store
        .apply_to_forum(id, company, "발표", founder, &setup_event("forum.apply"))
        .await
        .unwrap();
    store
        .decide_application(
            id,
            company,
            ApplicationStatus::Accepted,
            admin,
            &setup_event("d"),
        )
        .await
        .unwrap();
    let slot = Slot {
        company_id: company,
        position: 1,
        starts_at: write.starts_at + chrono::Duration::minutes(20),
    };
    store
        .set_agenda(id, &[company], &[slot], &setup_event("forum.agenda"))
        .await
        .unwrap();
    for (n, &investor) in investors.iter().enumerate() {
        let answer = if n == 0 {
            RsvpAnswer::Attending
        } else {
            RsvpAnswer::Maybe
        };
        store
            .set_rsvp(id, investor, answer, &setup_event("forum.rsvp"))
            .await
            .unwrap();
    }
    step(ForumState::Open, ForumState::Confirmed).await;
    step(ForumState::Confirmed, ForumState::Held).await;
    id
}

/// The seated investor scores the presenting company (a plain form post
/// and the app's call), a bad score names its field and writes nothing,
/// the founder sees "not released yet", the admin sees the author, closes
/// and releases, and the founder reads the averages and comments without
/// the author's name; another founder and the non-attending investor see
/// no scorecard at all.
async fn scorecards_reach_the_founder_without_names(s: TestServer) {
    let store = s.store.as_ref();
    let admin_id = staff(store, "a@forum.kr", Role::Admin).await;
    let (founder_id, company) = founder_of(store, "f@forum.kr", "tansoon", "탄소온").await;
    let (other_founder_id, _) = founder_of(store, "g@forum.kr", "baleul", "발열웨어").await;
    let (scorer_id, _) = verified_investor_in(store, "kimangel@forum.kr", "한강엔젤").await;
    let (maybe_id, _) = verified_investor_in(store, "parkangel@forum.kr", "한강엔젤").await;
    let id = held_forum(&s, admin_id, founder_id, company, &[scorer_id, maybe_id]).await;
    let admin = open_session(store, admin_id).await;
    let founder = open_session(store, founder_id).await;
    let other = open_session(store, other_founder_id).await;
    let scorer = open_session(store, scorer_id).await;
    let maybe = open_session(store, maybe_id).await;
    let id_s = id.to_string();
    let card_page = format!("/forums/{id}/scorecards/tansoon");

    // The agenda offers the seated investor a scorecard, nobody else.
    let (_, _, body) = page(&s, &format!("/forums/{id}"), Some(&scorer)).await;
    assert!(body.contains(&card_page), "{body}");
    let (_, _, body) = page(&s, &format!("/forums/{id}"), Some(&maybe)).await;
    assert!(!body.contains(&card_page));
    assert_eq!(page(&s, &card_page, Some(&scorer)).await.0, StatusCode::OK);
    assert_eq!(
        page(&s, &card_page, Some(&maybe)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        page(&s, &card_page, Some(&founder)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(page(&s, &card_page, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        page(
            &s,
            &format!("/forums/{id}/scorecards/baleul"),
            Some(&scorer)
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    let card = |scores: [&'static str; 6], strengths: &'static str| {
        let mut v: Vec<(&str, &str)> = vec![("forum_id", id_s.as_str()), ("slug", "tansoon")];
        for (k, x) in [
            "card[team]",
            "card[market]",
            "card[technology]",
            "card[traction]",
            "card[advantage]",
            "card[attractiveness]",
        ]
        .into_iter()
        .zip(scores)
        {
            v.push((k, x));
        }
        v.push(("card[strengths]", strengths));
        v.push(("card[improvements]", "고객 다변화가 필요합니다"));
        v.push(("card[questions]", ""));
        v
    };
    call_refused(
        &s,
        "/api/forums/score",
        Some(&scorer),
        &card(["5", "4", "6", "3", "2", "1"], "팀"),
        "technology",
        json!({ "OutOfRange": { "min": 1, "max": 5 } }),
    )
    .await;
    assert!(store.forum_scorecards(id).await.unwrap().is_empty());
    // Not attending: refused with the reason, nothing written.
    call_refused(
        &s,
        "/api/forums/score",
        Some(&maybe),
        &card(["3", "3", "3", "3", "3", "3"], ""),
        "team",
        json!("ScoringClosed"),
    )
    .await;
    assert_eq!(
        call(&s, "/api/forums/score", Some(&founder), &card(["5"; 6], ""))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    // Without JavaScript: a plain form post, back to the scorecard page.
    let res = form_post(
        &s,
        "/api/forums/score",
        &scorer,
        &s.url(&card_page),
        &card(["5", "4", "4", "3", "2", "1"], "양산 경험이 있는 팀"),
    )
    .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let (_, _, body) = page(&s, &card_page, Some(&scorer)).await;
    assert!(body.contains("3.60"), "the weighted total: {body}");
    assert!(body.contains("양산 경험이 있는 팀"));
    let (_, _, body) = page(&s, &format!("/forums/{id}"), Some(&scorer)).await;
    assert!(body.contains("내 평가 3.60"), "{body}");

    // Before release: the founder is told to wait; the admin sees who.
    let (_, _, body) = page(&s, &format!("/forums/{id}"), Some(&founder)).await;
    assert!(body.contains("피드백을 공개하면"), "{body}");
    assert!(!body.contains("양산 경험이 있는 팀"));
    let scores = call_ok(
        &s,
        "/api/admin/forum_scores",
        Some(&admin),
        &[("forum_id", &id_s)],
    )
    .await;
    assert_eq!(scores["cards"][0]["investor_name"], json!("kimangel 님"));
    assert_eq!(scores["cards"][0]["weighted"], json!(360));
    assert_eq!(scores["can_release"], json!(false));
    let (_, _, body) = page(&s, &format!("/admin/forums/{id}"), Some(&admin)).await;
    assert!(
        body.contains("kimangel 님") && body.contains("3.60"),
        "{body}"
    );

    // Weights that do not add up to 100 are refused; 30/20/20/10/10/10 is not.
    let weights = |w: [&'static str; 6]| {
        let mut v: Vec<(&str, &str)> = vec![("forum_id", id_s.as_str())];
        v.extend(
            [
                "weight_team",
                "weight_market",
                "weight_technology",
                "weight_traction",
                "weight_advantage",
                "weight_attractiveness",
            ]
            .into_iter()
            .zip(w),
        );
        v
    };
    call_refused(
        &s,
        "/api/admin/forum_weights",
        Some(&admin),
        &weights(["30", "20", "20", "15", "10", "10"]),
        "weights",
        json!("WeightsNot100"),
    )
    .await;
    call_ok(
        &s,
        "/api/admin/forum_weights",
        Some(&admin),
        &weights(["30", "20", "20", "10", "10", "10"]),
    )
    .await;

    // Release waits for closing; then once.
    call_refused(
        &s,
        "/api/admin/forum_release",
        Some(&admin),
        &[("forum_id", &id_s)],
        "release",
        json!("ReleaseNotReady"),
    )
    .await;
    let close = [
        ("forum_id", id_s.as_str()),
        ("from", "held"),
        ("to", "closed"),
    ];
    call_ok(&s, "/api/admin/forum_state", Some(&admin), &close).await;
    call_refused(
        &s,
        "/api/forums/score",
        Some(&scorer),
        &card(["1"; 6], ""),
        "team",
        json!("ScoringClosed"),
    )
    .await;
    call_ok(
        &s,
        "/api/admin/forum_release",
        Some(&admin),
        &[("forum_id", &id_s)],
    )
    .await;
    call_refused(
        &s,
        "/api/admin/forum_release",
        Some(&admin),
        &[("forum_id", &id_s)],
        "release",
        json!("ReleaseNotReady"),
    )
    .await;

    // The founder reads it without names; 5×30+4×20+4×20+3×10+2×10+1×10 = 370.
    let (_, _, body) = page(&s, &format!("/forums/{id}"), Some(&founder)).await;
    assert!(
        body.contains("투자자 피드백") && body.contains("3.70"),
        "{body}"
    );
    assert!(body.contains("양산 경험이 있는 팀") && body.contains("고객 다변화가 필요합니다"));
    assert!(
        !body.contains("kimangel") && !body.contains("한강엔젤"),
        "anonymous"
    );
    for cookie in [&other, &maybe] {
        let (_, _, body) = page(&s, &format!("/forums/{id}"), Some(cookie)).await;
        assert!(!body.contains("양산 경험이 있는 팀"));
    }
    // The founder was told of the decision and of the feedback.
    let (_, _, body) = page(&s, "/feed", Some(&founder)).await;
    assert!(
        body.contains("발표 기업으로 선정되었습니다")
            && body.contains("투자자 피드백이 공개되었습니다"),
        "{body}"
    );
    let (_, _, body) = page(&s, "/feed", Some(&other)).await;
    assert!(!body.contains("투자자 피드백이 공개되었습니다"));
    // The scorecard is read only now; the audit log names the steps.
    let (_, _, body) = page(&s, &card_page, Some(&scorer)).await;
    assert!(body.contains("고칠 수 없습니다"), "{body}");
    let (_, _, body) = page(&s, "/admin/audit", Some(&admin)).await;
    for label in [
        "포럼 평가표 저장",
        "포럼 평가 가중치 변경",
        "포럼 피드백 공개",
    ] {
        assert!(body.contains(label), "{label}");
    }
}

/// A founder records an outcome for their own company (it waits), bad
/// input names its field and writes nothing, other people are refused, the
/// dashboard and its CSV count it only once the admin confirms it, and
/// never name the company.
async fn outcomes_count_once_confirmed(s: TestServer) {
    use app::domain::forum::ForumState;
    use common::people::setup_event;
    let store = s.store.as_ref();
    let admin_id = staff(store, "a@forum.kr", Role::Admin).await;
    let (founder_id, company) = founder_of(store, "f@forum.kr", "tansoon", "탄소온").await;
    let (other_founder_id, _) = founder_of(store, "g@forum.kr", "baleul", "발열웨어").await;
    let (investor_id, _) = verified_investor_in(store, "i@forum.kr", "한강엔젤").await;
    let id = held_forum(&s, admin_id, founder_id, company, &[investor_id]).await;
    store
        .set_forum_state(
            id,
            ForumState::Held,
            ForumState::Closed,
            &setup_event("forum.state"),
        )
        .await
        .unwrap();
    let admin = open_session(store, admin_id).await;
    let founder = open_session(store, founder_id).await;
    let other = open_session(store, other_founder_id).await;
    let investor = open_session(store, investor_id).await;
    let id_s = id.to_string();
    let today = chrono::Utc::now()
        .with_timezone(&app::domain::seoul_time::seoul_offset())
        .format("%Y-%m-%d")
        .to_string();
    let long_ago = "2020-01-02".to_string();
    let outcome = |date: &str, amount: &str| -> Vec<(String, String)> {
        [
            ("slug", "tansoon"),
            ("outcome[kind]", "supply_contract"),
            ("outcome[amount]", amount),
            ("outcome[occurred_on]", date),
            ("outcome[counterparty]", "large_company"),
            ("outcome[evidence]", "공급계약서 사본 확인"),
            ("outcome[forums][0]", &id_s),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let path = "/api/companies/outcome_record";
    call_refused(
        &s,
        path,
        Some(&founder),
        &refs(&outcome(&long_ago, "20억")),
        "occurred_on",
        json!("BeforeTheForum"),
    )
    .await;
    call_refused(
        &s,
        path,
        Some(&founder),
        &refs(&outcome(&today, "-3억")),
        "amount",
        json!("AmountOutOfRange"),
    )
    .await;
    call_refused(
        &s,
        path,
        Some(&founder),
        &refs(&outcome(&today, "100000조")),
        "amount",
        json!("AmountOutOfRange"),
    )
    .await;
    assert_eq!(
        call(&s, path, None, &refs(&outcome(&today, "20억")))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    for cookie in [&other, &investor] {
        assert_eq!(
            call(&s, path, Some(cookie), &refs(&outcome(&today, "20억")))
                .await
                .0,
            StatusCode::FORBIDDEN
        );
    }
    assert!(
        store.outcomes(Default::default()).await.unwrap().is_empty(),
        "nothing written"
    );

    // The founder's outcome waits for the admin.
    assert_eq!(
        call_ok(&s, path, Some(&founder), &refs(&outcome(&today, "20억"))).await,
        json!(false)
    );
    let (status, _, body) = page(&s, "/companies/tansoon/outcomes", Some(&founder)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("확인 대기") && body.contains("20억원"),
        "{body}"
    );
    assert_eq!(
        page(&s, "/companies/tansoon/outcomes", Some(&other))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let csv_total = |body: &str| -> Vec<String> {
        let line = body
            .lines()
            .find(|l| l.starts_with("total,"))
            .unwrap_or_else(|| panic!("{body}"))
            .to_string();
        line.split(',').map(str::to_string).collect()
    };
    let csv = client().get(s.url("/impact.csv")).send().await.unwrap();
    assert_eq!(
        csv.headers()[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    let body = csv.text().await.unwrap();
    let total = csv_total(&body);
    assert_eq!(
        (total[3].as_str(), total[5].as_str(), total[6].as_str()),
        ("1", "0", "0"),
        "presented, not yet counted"
    );

    // The admin confirms it (once) and it counts.
    let pending = call_ok(&s, "/api/admin/outcomes", Some(&admin), &[]).await;
    let outcome_id = pending["pending"][0]["id"].as_i64().unwrap().to_string();
    let decide = [
        ("outcome_id", outcome_id.as_str()),
        ("decision", "confirmed"),
    ];
    for cookie in [&founder, &investor] {
        assert_eq!(
            call(&s, "/api/admin/outcome_decide", Some(cookie), &decide)
                .await
                .0,
            StatusCode::FORBIDDEN
        );
    }
    call_ok(&s, "/api/admin/outcome_decide", Some(&admin), &decide).await;
    call_refused(
        &s,
        "/api/admin/outcome_decide",
        Some(&admin),
        &decide,
        "decision",
        json!("OutcomeDecided"),
    )
    .await;
    // An admin's own record counts at once.
    let mut jobs = outcome(&today, "");
    jobs[1].1 = "hiring".into();
    jobs.push(("outcome[headcount]".into(), "4".into()));
    assert_eq!(
        call_ok(&s, path, Some(&admin), &refs(&jobs)).await,
        json!(true)
    );

    let body = client()
        .get(s.url("/impact.csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let total = csv_total(&body);
    assert_eq!(
        (total[5].as_str(), total[6].as_str()),
        ("2", "2000000000"),
        "{body}"
    );
    assert!(body.contains("forum,제8회 신사업벤처포럼"), "{body}");
    let (status, _, body) = page(&s, "/impact", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("20억원") && body.contains("공급계약") && body.contains("고용 창출"),
        "{body}"
    );
    assert!(
        !body.contains("탄소온") && !body.contains("tansoon"),
        "aggregates only"
    );
    let year = chrono::Utc::now().format("%Y").to_string();
    let (status, _, _) = page(&s, &format!("/impact?year={year}"), None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, body) = page(&s, "/impact?year=1999", None).await;
    assert!(body.contains("열린 포럼이 없습니다"), "{body}");
}

on_both_backends!(crate::common::app_server::with_server =>
    outcomes_count_once_confirmed,
    scorecards_reach_the_founder_without_names,
    a_forum_from_creation_to_agenda,
    admin_pages_are_for_admins,
    the_forum_access_matrix,
);
