//! Deal flow over real HTTP, on both databases: who may follow, move a
//! company up the ladder, read and write club notes, read which pipeline
//! and export it, and answer meeting requests — and that bad input gets
//! its field and a reason back and changes nothing.
//!
//! Accounts and companies are set up through the store; everything under
//! test goes through the router as the browser sends it.

mod common;

use app::domain::role::Role;
use common::app_server::{client, page, TestServer};
use common::calls::{call, call_ok, field_error, form_post};
use common::people::{
    founder_of, new_user, open_session, publish_with, staff, verified_investor_in,
};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// Everyone the rules tell apart, around one published company (탄소온)
/// whose founder is `founder`.
struct Cast {
    company_id: i64,
    founder_id: i64,
    /// 한강엔젤클럽: `angel` and `mate`.
    club_id: i64,
    angel_id: i64,
    angel: String,
    mate: String,
    /// 포항엔젤클럽, verified.
    other_club: String,
    other_club_id: i64,
    unverified: String,
    founder: String,
    consultant: String,
    admin: String,
}

async fn cast(s: &TestServer) -> Cast {
    let store = s.store.as_ref();
    let (founder_id, company_id) = founder_of(store, "f@tansoon.kr", "tansoon", "탄소온").await;
    publish_with(store, founder_id, company_id, "탄소 섬유 공정").await;
    let (angel_id, club_id) = verified_investor_in(store, "angel@han.kr", "한강엔젤클럽").await;
    let (mate_id, _) = verified_investor_in(store, "mate@han.kr", "한강엔젤클럽").await;
    let (other_id, other_club_id) =
        verified_investor_in(store, "other@pohang.kr", "포항엔젤클럽").await;
    let unverified_id = store
        .create_user(&new_user("new@angel.kr", Role::Investor))
        .await
        .unwrap();
    let consultant_id = staff(store, "k@consult.kr", Role::Consultant).await;
    let admin_id = staff(store, "admin@ops.kr", Role::Admin).await;
    Cast {
        company_id,
        founder_id,
        club_id,
        angel_id,
        angel: open_session(store, angel_id).await,
        mate: open_session(store, mate_id).await,
        other_club: open_session(store, other_id).await,
        other_club_id,
        unverified: open_session(store, unverified_id).await,
        founder: open_session(store, founder_id).await,
        consultant: open_session(store, consultant_id).await,
        admin: open_session(store, admin_id).await,
    }
}

fn panel_of(value: &Value) -> &Value {
    &value["Investor"]
}

async fn panel(s: &TestServer, cookie: Option<&str>) -> Value {
    call_ok(s, "/api/deals/panel", cookie, &[("slug", "tansoon")]).await
}

async fn move_stage(
    s: &TestServer,
    cookie: &str,
    expected: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut fields = vec![("slug", "tansoon"), ("expected", expected)];
    fields.extend_from_slice(form);
    let (status, body) = call(s, "/api/deals/stage", Some(cookie), &fields).await;
    let value = serde_json::from_str(&body).unwrap_or(Value::String(body));
    (status, value)
}

async fn pipeline(
    s: &TestServer,
    cookie: &str,
    club_id: Option<i64>,
    query: &[(&str, &str)],
) -> (StatusCode, Value) {
    let club = club_id.map(|id| id.to_string());
    let mut fields: Vec<(String, String)> = vec![
        ("query[cluster]".into(), String::new()),
        ("query[stage]".into(), String::new()),
        ("query[member]".into(), String::new()),
    ];
    for (k, v) in query {
        fields.retain(|(name, _)| name != &format!("query[{k}]"));
        fields.push((format!("query[{k}]"), v.to_string()));
    }
    if let Some(club) = &club {
        fields.push(("club_id".into(), club.clone()));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, body) = call(s, "/api/deals/pipeline", Some(cookie), &fields).await;
    let value = serde_json::from_str(&body).unwrap_or(Value::String(body));
    (status, value)
}

/// The count and sum of the pipeline's column for `stage`.
fn column(data: &Value, stage: &str) -> (i64, i64) {
    let column = data["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["stage"].as_str() == Some(stage))
        .unwrap_or_else(|| panic!("no {stage} column in {data}"));
    (
        column["count"].as_i64().unwrap(),
        column["sum"].as_i64().unwrap(),
    )
}

async fn history_len(s: &TestServer, cast: &Cast) -> usize {
    s.store
        .interest_history(cast.angel_id, cast.company_id)
        .await
        .unwrap()
        .len()
}

// --- The role matrix --------------------------------------------------------

async fn each_role_reaches_exactly_its_deal_flow(s: TestServer) {
    let c = cast(&s).await;

    // The company page's panel: investors only, a prompt for unverified.
    // Not for visitors at all (the page itself asks on the server).
    let (got, _) = call(&s, "/api/deals/panel", None, &[("slug", "tansoon")]).await;
    assert_eq!(got, StatusCode::UNAUTHORIZED);
    for who in [&c.founder, &c.consultant, &c.admin] {
        assert_eq!(panel(&s, Some(who)).await, json!("Hidden"));
    }
    assert_eq!(panel(&s, Some(&c.unverified)).await, json!("VerifyFirst"));
    assert_eq!(
        panel_of(&panel(&s, Some(&c.angel)).await)["following"],
        false
    );

    // Following: verified investors only.
    let follow = [("slug", "tansoon")];
    call_ok(&s, "/api/deals/follow", Some(&c.angel), &follow).await;
    assert_eq!(
        panel_of(&panel(&s, Some(&c.angel)).await)["following"],
        true
    );
    for (who, status) in [
        (&c.unverified, StatusCode::FORBIDDEN),
        (&c.founder, StatusCode::FORBIDDEN),
        (&c.consultant, StatusCode::FORBIDDEN),
        (&c.admin, StatusCode::FORBIDDEN),
    ] {
        let (got, body) = call(&s, "/api/deals/follow", Some(who), &follow).await;
        assert_eq!(got, status, "{body}");
    }
    let (got, _) = call(&s, "/api/deals/follow", None, &follow).await;
    assert_eq!(got, StatusCode::UNAUTHORIZED);
    // An unpublished or unknown company is not found, as its page is.
    let (got, _) = call(&s, "/api/deals/follow", Some(&c.angel), &[("slug", "nope")]).await;
    assert_eq!(got, StatusCode::NOT_FOUND);

    // The ladder: the founder cannot record interest in their own company.
    let (got, _) = move_stage(&s, &c.founder, "", &[("form[stage]", "watching")]).await;
    assert_eq!(got, StatusCode::FORBIDDEN);
    let (got, stage) = move_stage(
        &s,
        &c.angel,
        "",
        &[
            ("form[stage]", "interested"),
            ("form[amount_min]", "3000만"),
            ("form[amount_max]", "1억"),
            ("form[route]", "personal_fund"),
        ],
    )
    .await;
    assert_eq!((got, stage), (StatusCode::OK, json!("Interested")));

    // Club notes: the author's club reads them; nobody else does.
    let secret = "qxclubsecretqx 밸류에이션이 높음";
    call_ok(
        &s,
        "/api/deals/note-add",
        Some(&c.angel),
        &[("slug", "tansoon"), ("markdown", secret)],
    )
    .await;
    let mate_panel = panel(&s, Some(&c.mate)).await;
    let notes = panel_of(&mate_panel)["club_notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0]["html"]
        .as_str()
        .unwrap()
        .contains("qxclubsecretqx"));
    // A mate reads it but may not edit it (no Markdown source handed out).
    assert_eq!(notes[0]["markdown"], Value::Null);
    let note_id = notes[0]["id"].as_i64().unwrap().to_string();
    let other_panel = panel(&s, Some(&c.other_club)).await;
    assert_eq!(panel_of(&other_panel)["club_notes"], json!([]));
    for who in [None, Some(&c.founder), Some(&c.consultant), Some(&c.admin)] {
        let (_, _, html) = page(&s, "/companies/tansoon", who.map(String::as_str)).await;
        assert!(!html.contains("qxclubsecretqx"), "note leaked on the page");
    }
    let (_, _, html) = page(&s, "/companies/tansoon", Some(&c.mate)).await;
    assert!(html.contains("qxclubsecretqx"));
    // Only the author edits or deletes.
    for who in [&c.mate, &c.other_club] {
        let edit = [
            ("slug", "tansoon"),
            ("note_id", note_id.as_str()),
            ("markdown", "바꿈"),
        ];
        let (got, _) = call(&s, "/api/deals/note-edit", Some(who), &edit).await;
        assert_eq!(got, StatusCode::NOT_FOUND);
        let delete = [("slug", "tansoon"), ("note_id", note_id.as_str())];
        let (got, _) = call(&s, "/api/deals/note-delete", Some(who), &delete).await;
        assert_eq!(got, StatusCode::NOT_FOUND);
    }
    let notes = s.store.club_notes(c.club_id, c.company_id).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].markdown.contains("qxclubsecretqx"));
    call_ok(
        &s,
        "/api/deals/note-edit",
        Some(&c.angel),
        &[
            ("slug", "tansoon"),
            ("note_id", &note_id),
            ("markdown", "고친 메모"),
        ],
    )
    .await;
    assert_eq!(
        s.store.club_notes(c.club_id, c.company_id).await.unwrap()[0].markdown,
        "고친 메모"
    );

    // Pipelines: mine; my club's for members; never another club's.
    let (got, mine) = pipeline(&s, &c.angel, None, &[]).await;
    assert_eq!(got, StatusCode::OK);
    assert_eq!(column(&mine, "Interested"), (1, 30_000_000));
    let (got, club) = pipeline(&s, &c.mate, Some(c.club_id), &[]).await;
    assert_eq!(got, StatusCode::OK, "{club}");
    assert_eq!(column(&club, "Interested"), (1, 30_000_000));
    let (got, _) = pipeline(&s, &c.other_club, Some(c.club_id), &[]).await;
    assert_eq!(got, StatusCode::FORBIDDEN);
    let (got, _) = pipeline(&s, &c.other_club, Some(c.other_club_id), &[]).await;
    assert_eq!(got, StatusCode::OK);
    for who in [&c.founder, &c.consultant, &c.admin, &c.unverified] {
        let (got, _) = pipeline(&s, who, Some(c.club_id), &[]).await;
        assert_eq!(got, StatusCode::FORBIDDEN);
        let (got, _) = pipeline(&s, who, None, &[]).await;
        assert_eq!(got, StatusCode::FORBIDDEN);
    }

    // The CSV follows the same rules.
    let csv = |path: String, cookie: Option<String>| {
        let s = s.clone();
        async move {
            let mut req = client().get(s.url(&path));
            if let Some(cookie) = cookie {
                req = req.header(header::COOKIE, cookie);
            }
            req.send().await.unwrap()
        }
    };
    let club_csv = format!("/clubs/{}/pipeline.csv", c.club_id);
    let res = csv(club_csv.clone(), Some(c.mate.clone())).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("탄소온"), "{text}");
    assert!(text.contains("100000000"), "{text}");
    // The range's low end, the pipeline's value, also as Korean text.
    assert!(text.contains(",30000000,100000000,"), "{text}");
    assert!(text.contains(",\"3,000만원\","), "{text}");
    // Compressed as browsers ask for it, the stream still ends cleanly.
    let res = client()
        .get(s.url(&club_csv))
        .header(header::COOKIE, &c.mate)
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().contains_key(header::CONTENT_ENCODING));
    assert!(!res.bytes().await.expect("the whole body").is_empty());
    let res = csv(club_csv.clone(), Some(c.other_club.clone())).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = csv(club_csv, None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/signin?next="));

    // The founders' side: the company's members and admins read it; the
    // investors' names show from a meeting request up only.
    let interest = [("slug", "tansoon")];
    let data = call_ok(&s, "/api/interest/page", Some(&c.founder), &interest).await;
    assert_eq!(data["followers"], 1);
    assert_eq!(data["meetings"], json!([]));
    assert!(!data.to_string().contains("angel"), "{data}");
    let data = call_ok(&s, "/api/interest/page", Some(&c.admin), &interest).await;
    assert_eq!(data["can_answer"], false);
    for who in [&c.angel, &c.consultant, &c.other_club] {
        let (got, _) = call(&s, "/api/interest/page", Some(who), &interest).await;
        assert_eq!(got, StatusCode::FORBIDDEN);
    }
}

// --- Meeting requests and the feed -------------------------------------------

async fn a_meeting_request_reaches_the_founder_and_the_answer_the_investor(s: TestServer) {
    let c = cast(&s).await;
    let (got, _) = move_stage(
        &s,
        &c.angel,
        "",
        &[
            ("form[stage]", "meeting_requested"),
            ("form[message]", "다음 주에 공장을 보고 싶습니다."),
        ],
    )
    .await;
    assert_eq!(got, StatusCode::OK);
    let unread = call_ok(&s, "/api/feed/unread", Some(&c.founder), &[]).await;
    assert_eq!(unread, 1);

    let data = call_ok(
        &s,
        "/api/interest/page",
        Some(&c.founder),
        &[("slug", "tansoon")],
    )
    .await;
    let meeting = &data["meetings"][0];
    assert_eq!(meeting["message"], "다음 주에 공장을 보고 싶습니다.");
    assert_eq!(meeting["club_name"], "한강엔젤클럽");
    assert_eq!(meeting["status"], "Pending");
    let meeting_id = meeting["id"].as_i64().unwrap().to_string();

    // Bad answers change nothing.
    let answer = |decision: &'static str, at: &'static str, note: &'static str| {
        [
            ("slug", "tansoon"),
            ("meeting_id", meeting_id.as_str()),
            ("form[decision]", decision),
            ("form[proposed_at]", at),
            ("form[note]", note),
        ]
    };
    for (form, expected) in [
        (
            answer("maybe", "", ""),
            field_error("decision", json!("UnknownChoice")),
        ),
        (
            answer("accept", "2020-01-01T10:00", ""),
            field_error("proposed_at", json!("DateInPast")),
        ),
        (
            answer("accept", "다음 주", ""),
            field_error("proposed_at", json!("DateInvalid")),
        ),
    ] {
        let (got, body) = call(&s, "/api/interest/answer", Some(&c.founder), &form).await;
        assert_eq!(got, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), expected);
    }
    // Nobody but the company's members answers.
    for who in [&c.angel, &c.admin, &c.other_club] {
        let (got, _) = call(
            &s,
            "/api/interest/answer",
            Some(who),
            &answer("decline", "", "죄송합니다"),
        )
        .await;
        assert_eq!(got, StatusCode::FORBIDDEN);
    }
    let feed = call_ok(&s, "/api/feed/page", Some(&c.angel), &[]).await;
    assert!(!feed.to_string().contains("meeting_answer"), "{feed}");

    let next_year = (chrono::Utc::now() + chrono::Duration::days(365))
        .format("%Y-%m-%dT10:00")
        .to_string();
    let accept = [
        ("slug", "tansoon"),
        ("meeting_id", meeting_id.as_str()),
        ("form[decision]", "accept"),
        ("form[proposed_at]", next_year.as_str()),
        ("form[note]", "사무실에서 뵙겠습니다"),
    ];
    call_ok(&s, "/api/interest/answer", Some(&c.founder), &accept).await;
    let (got, body) = call(&s, "/api/interest/answer", Some(&c.founder), &accept).await;
    assert_eq!(got, StatusCode::BAD_REQUEST);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        field_error("decision", json!("AlreadyAnswered"))
    );
    let feed = call_ok(&s, "/api/feed/page", Some(&c.angel), &[]).await;
    assert!(feed.to_string().contains("사무실에서 뵙겠습니다"), "{feed}");
}

async fn following_brings_updates_to_the_feed_with_an_unread_count(s: TestServer) {
    use app::domain::company::{NewUpdate, UpdateKind};
    let c = cast(&s).await;
    // Without JavaScript: a form post from the directory comes back there.
    let res = form_post(
        &s,
        "/api/deals/follow",
        &c.angel,
        "/companies",
        &[("slug", "tansoon")],
    )
    .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert!(res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/companies"));
    // The directory's card now offers to unfollow, in one query for the page.
    let (_, _, html) = page(&s, "/companies", Some(&c.angel)).await;
    assert!(
        html.contains("action=\"/api/deals/unfollow\""),
        "no unfollow form"
    );
    let (_, _, html) = page(&s, "/companies", Some(&c.founder)).await;
    assert!(
        !html.contains("/api/deals/follow"),
        "a founder got a follow button"
    );

    assert_eq!(
        call_ok(&s, "/api/feed/unread", Some(&c.angel), &[]).await,
        0
    );
    s.store
        .post_update(
            c.company_id,
            &NewUpdate {
                kind: UpdateKind::Milestone,
                title: "시제품 양산 시작".into(),
                body: "월 1,000개".into(),
            },
            c.founder_id,
            chrono::Utc::now(),
            &common::people::setup_event("company.post_update"),
        )
        .await
        .unwrap();
    assert_eq!(
        call_ok(&s, "/api/feed/unread", Some(&c.angel), &[]).await,
        1
    );
    let (_, _, html) = page(&s, "/feed", Some(&c.angel)).await;
    assert!(html.contains("시제품 양산 시작"));
    // The mate does not follow: nothing for them.
    assert_eq!(call_ok(&s, "/api/feed/unread", Some(&c.mate), &[]).await, 0);
    let res = form_post(&s, "/api/feed/read", &c.angel, "/feed", &[]).await;
    assert!(res.status().is_redirection());
    assert_eq!(
        call_ok(&s, "/api/feed/unread", Some(&c.angel), &[]).await,
        0
    );
}

/// The stage the form was shown at, its fields, the error expected.
type StageCase<'a> = (&'a str, Vec<(&'a str, &'a str)>, Value);

// --- Bad input ------------------------------------------------------------------

async fn bad_deal_input_is_refused_with_its_field_and_changes_nothing(s: TestServer) {
    let c = cast(&s).await;
    let (other_id, _) = verified_investor_in(s.store.as_ref(), "x@pohang.kr", "포항엔젤클럽").await;
    let (got, _) = move_stage(&s, &c.angel, "", &[("form[stage]", "watching")]).await;
    assert_eq!(got, StatusCode::OK);
    let before = history_len(&s, &c).await;
    let audit_before = s.store.audit_log(1000, None).await.unwrap().len();
    let over_note = "가".repeat(7_000); // 21,000 bytes
    let tomorrow = (app::domain::seoul_time::seoul_date(chrono::Utc::now())
        + chrono::Duration::days(1))
    .to_string();
    let cases: Vec<StageCase> = vec![
        (
            "watching",
            vec![("form[stage]", "hot")],
            field_error("stage", json!("UnknownChoice")),
        ),
        (
            "watching",
            vec![("form[stage]", "watching")],
            field_error("stage", json!("SameStage")),
        ),
        (
            "watching",
            vec![("form[stage]", "intends"), ("form[amount]", "2조")],
            field_error("amount", json!("AmountOutOfRange")),
        ),
        (
            "watching",
            vec![("form[stage]", "intends"), ("form[amount]", "-5000만")],
            field_error("amount", json!("AmountOutOfRange")),
        ),
        (
            "watching",
            vec![
                ("form[stage]", "invested"),
                ("form[amount]", "1억"),
                ("form[invested_on]", tomorrow.as_str()),
            ],
            field_error("invested_on", json!("DateInFuture")),
        ),
        (
            "watching",
            vec![
                ("form[stage]", "interested"),
                ("form[amount_min]", "2억"),
                ("form[amount_max]", "1억"),
                ("form[route]", "direct"),
            ],
            field_error("amount_max", json!("RangeReversed")),
        ),
        (
            "watching",
            vec![
                ("form[stage]", "passed"),
                ("form[note]", over_note.as_str()),
            ],
            field_error("note", json!({ "TooLarge": { "max_kb": 20 } })),
        ),
        (
            "watching",
            vec![("form[stage]", "passed")],
            field_error("note", json!("Required")),
        ),
        // Another tab moved it meanwhile.
        (
            "interested",
            vec![("form[stage]", "due_diligence")],
            field_error("stage", json!("StageMovedMeanwhile")),
        ),
    ];
    for (expected_stage, form, expected) in &cases {
        let (got, body) = move_stage(&s, &c.angel, expected_stage, form).await;
        assert_eq!(got, StatusCode::BAD_REQUEST, "{expected}: {body}");
        assert_eq!(body, *expected);
    }
    assert_eq!(history_len(&s, &c).await, before);

    let over_note = "x".repeat(20_001);
    for (markdown, expected) in [
        ("  ", field_error("markdown", json!("Required"))),
        (
            over_note.as_str(),
            field_error("markdown", json!({ "TooLarge": { "max_kb": 20 } })),
        ),
    ] {
        let (got, body) = call(
            &s,
            "/api/deals/note-add",
            Some(&c.angel),
            &[("slug", "tansoon"), ("markdown", markdown)],
        )
        .await;
        assert_eq!(got, StatusCode::BAD_REQUEST);
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), expected);
    }
    assert!(s
        .store
        .club_notes(c.club_id, c.company_id)
        .await
        .unwrap()
        .is_empty());

    // Filters that are not understood are refused, not ignored.
    let (got, body) = pipeline(&s, &c.angel, Some(c.club_id), &[("stage", "hot")]).await;
    assert_eq!(
        (got, body),
        (
            StatusCode::BAD_REQUEST,
            field_error("stage", json!("UnknownChoice"))
        )
    );
    let (got, body) = pipeline(
        &s,
        &c.angel,
        Some(c.club_id),
        &[("member", other_id.to_string().as_str())],
    )
    .await;
    assert_eq!(
        (got, body),
        (
            StatusCode::BAD_REQUEST,
            field_error("member", json!("UnknownChoice"))
        )
    );

    // The stale setting: my club only, 1 to 365 days.
    let settings = s.store.club_deal_settings(c.club_id).await.unwrap();
    for days in ["0", "400", "삼십"] {
        let (got, _) = call(
            &s,
            "/api/deals/club-stale",
            Some(&c.angel),
            &[("club_id", c.club_id.to_string().as_str()), ("days", days)],
        )
        .await;
        assert_eq!(got, StatusCode::BAD_REQUEST, "{days}");
    }
    let (got, _) = call(
        &s,
        "/api/deals/club-stale",
        Some(&c.angel),
        &[
            ("club_id", c.other_club_id.to_string().as_str()),
            ("days", "7"),
        ],
    )
    .await;
    assert_eq!(got, StatusCode::FORBIDDEN);
    assert_eq!(
        s.store
            .club_deal_settings(c.other_club_id)
            .await
            .unwrap()
            .stale_after_days,
        30
    );
    assert_eq!(
        s.store.club_deal_settings(c.club_id).await.unwrap(),
        settings
    );
    assert_eq!(
        s.store.audit_log(1000, None).await.unwrap().len(),
        audit_before
    );
}

on_both_backends!(crate::common::app_server::with_server =>
    each_role_reaches_exactly_its_deal_flow,
    a_meeting_request_reaches_the_founder_and_the_answer_the_investor,
    following_brings_updates_to_the_feed_with_an_unread_count,
    bad_deal_input_is_refused_with_its_field_and_changes_nothing,
);
