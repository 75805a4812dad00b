//! The crowdfunding plan check over real HTTP: the GET form renders each
//! rule's verdict, reason, article and uncertainty in the reader's
//! language; bad input comes back as field messages (never a 500); the
//! result lives in the address, so the same URL shows the same result to
//! anyone. The rules themselves are unit-tested in `domain::crowdfunding`.

mod common;

use app::domain::readiness::{ItemStatus, TemplateKind};
use app::domain::role::Role;
use app::ssr::readiness_store::NewAssignment;
use common::app_server::{client, page, TestServer};
use common::calls::{call, call_ok, call_refused, form_post};
use common::people::{
    founder_of, open_session, pitch_sections, publish_with, setup_event, staff,
    verified_investor_in,
};
use reqwest::{header, StatusCode};
use serde_json::json;

const PATH: &str = "/readiness/crowdfunding-plan";

/// A plan that passes: opened in 2023, 5억 equity, twelve days, every
/// document ready.
fn good_plan() -> Vec<(&'static str, &'static str)> {
    let mut pairs = vec![
        ("opened_on", "2023-03-02"),
        ("ksic", "20499"),
        ("listing", "unlisted"),
        ("security", "equity"),
        ("target", "5억"),
        ("start", "2027-03-02"),
        ("end", "2027-03-14"),
    ];
    for doc in [
        "terms",
        "risks",
        "funds",
        "price",
        "overview",
        "plan",
        "financials",
        "officers",
        "claims",
    ] {
        pairs.push(("doc", doc));
    }
    pairs
}

fn with(
    mut pairs: Vec<(&'static str, &'static str)>,
    name: &'static str,
    value: &'static str,
) -> Vec<(&'static str, &'static str)> {
    pairs.retain(|(n, _)| *n != name);
    pairs.push((name, value));
    pairs
}

fn href(pairs: &[(&str, &str)]) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("{PATH}?{query}")
}

async fn check(s: &TestServer, pairs: &[(&str, &str)], lang: &str) -> String {
    let (status, headers, body) = page(s, &href(pairs), Some(&format!("lang={lang}"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    body
}

async fn plan_check_renders_rules_with_articles(s: TestServer) {
    // The empty form: the notice, no result yet.
    let (status, _, body) = page(&s, PATH, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("크라우드펀딩 계획 점검"));
    assert!(body.contains("법률 자문이 아닙니다"));
    assert!(!body.contains("점검 결과"));

    // Opened more than seven years before the start, no certificate.
    let old = with(good_plan(), "opened_on", "2015-01-01");
    let body = check(&s, &old, "ko").await;
    assert!(body.contains("점검 결과"));
    assert!(body.contains("충족하지 못한 요건이 1개 있습니다"), "{body}");
    assert!(body.contains("청약 시작일에 창업 7년이 지났습니다"));
    assert!(body.contains("자본시장법 §9㉗ · 시행령 §14-5"));
    assert!(body.contains("확인 필요"), "uncertain facts are marked");
    assert!(body.contains("법률 자문이 아닙니다"));
    // The form keeps what was typed.
    assert!(body.contains(r#"value="2015-01-01""#));

    // Fixed by a venture certificate valid on the first day.
    let certified = with(old, "venture_until", "2027-03-02");
    let body = check(&s, &certified, "ko").await;
    assert!(body.contains("요건 위반이 보이지 않습니다"), "{body}");
    assert!(body.contains("벤처기업 인증이 청약 시작일에 유효합니다"));

    // 30억 exactly passes, one more won fails, with the excess named.
    let at_cap = with(with(good_plan(), "prior_equity", "25억"), "target", "5억");
    assert!(check(&s, &at_cap, "ko").await.contains("남은 한도 0원"));
    let over = with(at_cap, "target", "500,000,001");
    let body = check(&s, &over, "ko").await;
    assert!(body.contains("30억원 한도를 1원 넘습니다"), "{body}");

    // In English, with the statute still cited as it is looked up.
    let body = check(&s, &with(good_plan(), "end", "2027-03-10"), "en").await;
    assert!(body.contains("Crowdfunding plan check"));
    assert!(body.contains("fewer than 10"), "{body}");
    assert!(body.contains("시행령 §118-16③"));
    assert!(body.contains("not legal advice"));
}

async fn bad_plan_input_is_named_per_field(s: TestServer) {
    let bad = with(
        with(with(good_plan(), "target", "-5억"), "end", "2027-02-01"),
        "ksic",
        "<i>qx</i>",
    );
    let body = check(&s, &bad, "ko").await;
    assert!(body.contains("입력을 고치면 점검 결과가 나옵니다"));
    assert!(!body.contains("점검 결과</h2>"));
    assert!(body.contains("1만원에서 1조원 사이로"), "amount message");
    assert!(
        body.contains("앞의 날짜보다 빠를 수 없습니다"),
        "order message"
    );
    assert!(body.contains("숫자 2–5자리로"), "industry code message");
    assert!(body.contains(r#"aria-invalid="true""#));
    // What was typed comes back inside the attribute, never as markup.
    assert!(!body.contains("<i>qx</i>"));

    // An unknown document and a foreign choice are refused, not ignored.
    let body = check(&s, &with(good_plan(), "listing", "nasdaq"), "ko").await;
    assert!(body.contains("입력을 고치면"));
    let mut foreign = good_plan();
    foreign.push(("doc", "passport"));
    let body = check(&s, &foreign, "en").await;
    assert!(body.contains("Fix the fields marked"));

    // Blank fields are dropped from the address before the page renders.
    let res = client()
        .get(s.url(&format!("{PATH}?target=&start=2027-03-02")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

// --- Checklists, assignments, evidence ---------------------------------------

/// The people of the readiness matrix, signed in.
struct Cast {
    company_id: i64,
    founder_id: i64,
    founder: String,
    other_founder: String,
    assigned: String,
    unassigned: String,
    investor: String,
    admin: String,
}

async fn cast(s: &TestServer) -> Cast {
    let store = s.store.as_ref();
    let (founder, company_id) = founder_of(store, "f@rd.kr", "tansoon", "탄소온").await;
    let (other, _) = founder_of(store, "g@rd.kr", "other", "다른회사").await;
    let assigned = staff(store, "c1@rd.kr", Role::Consultant).await;
    let unassigned = staff(store, "c2@rd.kr", Role::Consultant).await;
    let admin = staff(store, "a@rd.kr", Role::Admin).await;
    let (investor, _) = verified_investor_in(store, "i@rd.kr", "한강엔젤").await;
    let today = app::domain::seoul_time::seoul_date(chrono::Utc::now());
    s.store
        .assign_consultant(
            &NewAssignment {
                consultant_id: assigned,
                company_id,
                starts_on: today,
                ends_on: None,
                assigned_by: admin,
                at: chrono::Utc::now(),
            },
            &setup_event("readiness.assign"),
        )
        .await
        .unwrap();
    s.store
        .start_checklist(company_id, TemplateKind::Crowdfunding, chrono::Utc::now())
        .await
        .unwrap();
    Cast {
        company_id,
        founder_id: founder,
        founder: open_session(store, founder).await,
        other_founder: open_session(store, other).await,
        assigned: open_session(store, assigned).await,
        unassigned: open_session(store, unassigned).await,
        investor: open_session(store, investor).await,
        admin: open_session(store, admin).await,
    }
}

impl Cast {
    /// Everyone of the matrix with their session (none for the visitor),
    /// and whether they see the company's readiness and draft: its
    /// founder, its assigned consultant and admins.
    fn readers(&self) -> [(&'static str, Option<&str>, bool); 7] {
        [
            ("founder", Some(&self.founder), true),
            ("assigned consultant", Some(&self.assigned), true),
            ("admin", Some(&self.admin), true),
            ("unassigned consultant", Some(&self.unassigned), false),
            ("other founder", Some(&self.other_founder), false),
            ("investor", Some(&self.investor), false),
            ("visitor", None, false),
        ]
    }
}

const PAGE: &str = "/companies/tansoon/readiness";

/// The assigned consultant reads the company's unpublished draft (the
/// investor-only section included), read-only; nobody outside the
/// company, its consultants and admins does.
async fn the_assigned_consultant_reads_the_draft(s: TestServer) {
    use app::domain::company::{Funding, SectionKind, Visibility};
    let c = cast(&s).await;
    publish_with(
        s.store.as_ref(),
        c.founder_id,
        c.company_id,
        "공개한 기술 소개",
    )
    .await;
    let sections = pitch_sections(&[
        (
            SectionKind::Technology,
            "고친 기술 소개 초안",
            Visibility::Public,
        ),
        (
            SectionKind::BusinessPlan,
            "투자자 전용 사업계획 초안",
            Visibility::Investors,
        ),
    ]);
    s.store
        .save_pitch_draft(
            c.company_id,
            &sections,
            &Funding::default(),
            c.founder_id,
            chrono::Utc::now(),
            &setup_event("company.save_draft"),
        )
        .await
        .unwrap();
    let draft = "/companies/tansoon/draft";
    for (who, cookie, sees) in c.readers() {
        let (status, _, body) = page(&s, draft, cookie).await;
        if sees {
            assert_eq!(status, StatusCode::OK, "{who}");
            assert!(body.contains("고친 기술 소개 초안"), "{who}");
            assert!(body.contains("투자자 전용 사업계획 초안"), "{who}");
            assert!(body.contains("공개본과 달라진 항목"), "{who}");
        } else {
            assert_ne!(status, StatusCode::OK, "{who}");
            assert!(
                !body.contains("초안"),
                "{who} must not see the draft: {body}"
            );
        }
    }
    // Read-only: the consultant gets no editing link, the founder does.
    let (_, _, body) = page(&s, draft, Some(&c.assigned)).await;
    assert!(!body.contains("/companies/tansoon/pitch"));
    let (_, _, body) = page(&s, draft, Some(&c.founder)).await;
    assert!(body.contains("/companies/tansoon/pitch"));
    // The company page tells the consultant there is a draft to read,
    // and still shows the published text.
    let (_, _, body) = page(&s, "/companies/tansoon", Some(&c.assigned)).await;
    assert!(body.contains("공개한 기술 소개"));
    assert!(!body.contains("고친 기술 소개 초안"));
    assert!(body.contains("href=\"/companies/tansoon/draft\""));
    // The consultant may read the draft but not save one.
    let (status, _) = call(
        &s,
        "/api/companies/editor",
        Some(&c.assigned),
        &[("slug", "tansoon")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn readiness_access_matrix(s: TestServer) {
    let c = cast(&s).await;
    for (who, cookie, sees) in c.readers() {
        let (status, _, body) = page(&s, PAGE, cookie).await;
        if sees {
            assert_eq!(status, StatusCode::OK, "{who}");
            assert!(body.contains("증권형 크라우드펀딩 준비도"), "{who}");
            assert!(body.contains("법인 실체"), "{who}");
        } else {
            assert_ne!(status, StatusCode::OK, "{who}");
            assert!(!body.contains("법인 실체"), "{who} must not see items");
        }
    }
    let item = s
        .store
        .checklist(c.company_id, TemplateKind::Crowdfunding)
        .await
        .unwrap()
        .items[0]
        .id
        .to_string();
    let mv = |expected: &'static str, to: &'static str| {
        vec![
            ("slug", "tansoon".to_string()),
            ("item_id", item.clone()),
            ("form[expected]", expected.to_string()),
            ("form[to]", to.to_string()),
        ]
    };
    let pairs = |v: &[(&'static str, String)]| -> Vec<(&'static str, String)> { v.to_vec() };

    // The founder may not sign off; the consultants and others may not
    // touch the item at all.
    let sign = pairs(&mv("not_started", "approved"));
    call_refused(
        &s,
        "/api/readiness/move",
        Some(&c.founder),
        &as_refs(&sign),
        "to",
        json!("ConsultantOnly"),
    )
    .await;
    let submit = pairs(&mv("not_started", "submitted"));
    for cookie in [&c.unassigned, &c.other_founder, &c.investor, &c.admin] {
        let (status, _) = call(&s, "/api/readiness/move", Some(cookie), &as_refs(&submit)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let items = s
        .store
        .checklist(c.company_id, TemplateKind::Crowdfunding)
        .await
        .unwrap()
        .items;
    assert_eq!(items[0].status, ItemStatus::NotStarted);

    // The founder submits (a plain form post, back to the page) and the
    // assigned consultant signs off; the score moves.
    let res = form_post(
        &s,
        "/api/readiness/move",
        &c.founder,
        &s.url(PAGE),
        &as_refs(&submit),
    )
    .await;
    assert!(res.status().is_redirection());
    call_ok(
        &s,
        "/api/readiness/move",
        Some(&c.assigned),
        &as_refs(&pairs(&mv("submitted", "approved"))),
    )
    .await;
    let (_, _, body) = page(&s, PAGE, Some(&c.founder)).await;
    assert!(body.contains("5점"), "score 5 of 100 shown");
    assert!(body.contains("컨설턴트 승인"), "sign-off named");
    // A stale form (still "submitted") is refused with its own message.
    let (status, body) = call(
        &s,
        "/api/readiness/move",
        Some(&c.assigned),
        &as_refs(&pairs(&mv("submitted", "in_progress"))),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("StatusMovedMeanwhile"), "{body}");
    // Only admins assign.
    let assign = [
        ("slug", "tansoon"),
        ("form[consultant_id]", "1"),
        ("form[starts_on]", "2026-12-01"),
    ];
    for cookie in [&c.founder, &c.assigned] {
        let (status, _) = call(&s, "/api/readiness/assign", Some(cookie), &assign).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let bad = [
        ("slug", "tansoon"),
        ("form[consultant_id]", "1"),
        ("form[starts_on]", "2026-12-01"),
        ("form[ends_on]", "2026-11-01"),
    ];
    call_refused(
        &s,
        "/api/readiness/assign",
        Some(&c.admin),
        &bad,
        "ends_on",
        json!("DatesOutOfOrder"),
    )
    .await;
}

const BOUNDARY: &str = "pitchbridge-test-boundary-7d1c";

/// The upload form as a browser sends it: the tab field, then the file.
fn as_refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn multipart(file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"checklist\"\r\n\r\ncrowdfunding\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn evidence_is_checked_and_private(s: TestServer) {
    let c = cast(&s).await;
    let item = s
        .store
        .checklist(c.company_id, TemplateKind::Crowdfunding)
        .await
        .unwrap()
        .items[0]
        .id;
    let url = s.url(&format!("{PAGE}/items/{item}/evidence"));
    let upload = |cookie: &str, name: &str, bytes: Vec<u8>| {
        client()
            .post(url.clone())
            .header(header::COOKIE, cookie)
            .header("sec-fetch-site", "same-origin")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(multipart(name, &bytes))
            .send()
    };
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n".to_vec();

    // A script named .pdf is refused and nothing is stored.
    let res = upload(
        &c.founder,
        "정관.pdf",
        b"<script>alert(1)</script>".to_vec(),
    )
    .await
    .unwrap();
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        location.contains("evidence_error=not_allowed"),
        "{location}"
    );
    // Consultants, other founders and investors may not upload.
    for cookie in [&c.assigned, &c.other_founder, &c.investor] {
        let res = upload(cookie, "a.pdf", pdf.clone()).await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    // A file over 10 MB is refused.
    let mut big = pdf.clone();
    big.resize(10 * 1024 * 1024 + 10, b' ');
    // The server may also close the connection on an oversized body.
    if let Ok(res) = upload(&c.founder, "big.pdf", big).await {
        let location = res
            .headers()
            .get(header::LOCATION)
            .map(|l| l.to_str().unwrap().to_string());
        assert!(
            res.status() == StatusCode::PAYLOAD_TOO_LARGE
                || location
                    .as_deref()
                    .is_some_and(|l| l.contains("evidence_error=too_large")),
            "{:?} {location:?}",
            res.status()
        );
    }
    let items = s
        .store
        .checklist(c.company_id, TemplateKind::Crowdfunding)
        .await
        .unwrap()
        .items;
    assert!(items[0].evidence.is_empty());

    // The founder's real PDF is stored under a clean name.
    let res = upload(&c.founder, "../법인등기부.PDF", pdf.clone())
        .await
        .unwrap();
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.contains("evidence=saved"), "{location}");
    assert!(location.ends_with(&format!("#item-{item}")), "{location}");
    let items = s
        .store
        .checklist(c.company_id, TemplateKind::Crowdfunding)
        .await
        .unwrap()
        .items;
    let evidence = &items[0].evidence[0];
    assert_eq!(evidence.file_name, "법인등기부.pdf");
    let download = format!("/evidence/{}", evidence.id);

    for (who, cookie, allowed) in [
        ("founder", Some(&c.founder), true),
        ("assigned", Some(&c.assigned), true),
        ("admin", Some(&c.admin), true),
        ("unassigned", Some(&c.unassigned), false),
        ("other founder", Some(&c.other_founder), false),
        ("investor", Some(&c.investor), false),
    ] {
        let (status, headers, body) = page(&s, &download, cookie.map(String::as_str)).await;
        if allowed {
            assert_eq!(status, StatusCode::OK, "{who}");
            assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
            assert!(headers[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment;"));
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(body.as_bytes(), pdf.as_slice());
        } else {
            assert_eq!(status, StatusCode::NOT_FOUND, "{who}");
        }
    }
    let (status, headers, _) = page(&s, &download, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers[header::LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/signin"));
}

async fn portfolio_shows_each_consultant_their_own(s: TestServer) {
    let c = cast(&s).await;
    // The founder's company has a crowdfunding checklist and one assigned
    // consultant; an overdue item makes it come first.
    let items = s
        .store
        .checklist(c.company_id, TemplateKind::Crowdfunding)
        .await
        .unwrap()
        .items;
    let yesterday =
        app::domain::seoul_time::seoul_date(chrono::Utc::now()) - chrono::Duration::days(1);
    s.store
        .plan_item(
            c.company_id,
            items[3].id,
            Some(yesterday),
            "",
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let (status, _, body) = page(&s, "/consulting", Some(&c.assigned)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("탄소온"));
    assert!(
        body.contains("badge badge--danger\">1<"),
        "one overdue item"
    );
    let (status, _, body) = page(&s, "/consulting", Some(&c.unassigned)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("탄소온"), "not their company");
    // Asking for another consultant's view in the address changes nothing.
    let assigned_id = s.store.user_by_email("c1@rd.kr").await.unwrap().id;
    let (_, _, body) = page(
        &s,
        &format!("/consulting?consultant={assigned_id}"),
        Some(&c.unassigned),
    )
    .await;
    assert!(!body.contains("탄소온"));
    let (status, _, body) = page(&s, "/consulting", Some(&c.admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("탄소온") && body.contains("클러스터별 준비도 분포"));
    for cookie in [&c.founder, &c.investor] {
        let (status, _, body) = page(&s, "/consulting", Some(cookie)).await;
        assert_ne!(status, StatusCode::OK);
        assert!(!body.contains("탄소온"));
    }

    // The CSV: BOM, header, the row; refused to founders.
    let res = client()
        .get(s.url("/consulting.csv?kind=crowdfunding"))
        .header(header::COOKIE, &c.assigned)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "private, no-store");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("기업,slug,"));
    assert!(lines[1].starts_with("탄소온,tansoon,"), "{text}");
    let res = client()
        .get(s.url("/consulting.csv?kind=angel"))
        .header(header::COOKIE, &c.assigned)
        .send()
        .await
        .unwrap();
    assert_eq!(
        String::from_utf8(res.bytes().await.unwrap()[3..].to_vec())
            .unwrap()
            .lines()
            .count(),
        1
    );
    let res = client()
        .get(s.url("/consulting.csv"))
        .header(header::COOKIE, &c.founder)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

/// The consultant signs a not-started item off directly.
async fn sign_off(s: &TestServer, cookie: &str, item_id: i64) {
    let id = item_id.to_string();
    let form = [
        ("slug", "tansoon"),
        ("item_id", id.as_str()),
        ("form[expected]", "not_started"),
        ("form[to]", "approved"),
    ];
    call_ok(s, "/api/readiness/move", Some(cookie), &form).await;
}

async fn a_shared_badge_is_public_and_findable(s: TestServer) {
    let c = cast(&s).await;
    common::people::publish_with(
        s.store.as_ref(),
        s.store.user_by_email("f@rd.kr").await.unwrap().id,
        c.company_id,
        "탄소 발열 매트",
    )
    .await;
    let items = s
        .store
        .checklist(c.company_id, TemplateKind::Crowdfunding)
        .await
        .unwrap()
        .items;
    sign_off(&s, &c.assigned, items[0].id).await;
    let (_, _, body) = page(&s, "/companies/tansoon", None).await;
    assert!(!body.contains("readiness-badge"), "private until shared");
    let (_, _, body) = page(&s, "/companies?readiness=40", None).await;
    assert!(!body.contains("탄소온"));

    // Only the company's members share; the consultant may not.
    let share = [
        ("slug", "tansoon"),
        ("kind", "crowdfunding"),
        ("share", "true"),
    ];
    let (status, _) = call(&s, "/api/readiness/badge", Some(&c.assigned), &share).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    call_ok(&s, "/api/readiness/badge", Some(&c.founder), &share).await;
    let (_, _, body) = page(&s, "/companies/tansoon", None).await;
    assert!(
        body.contains("증권형 크라우드펀딩 준비도 5점"),
        "score on the public page"
    );
    assert!(body.contains("컨설턴트 확인"));
    // 5 points: found at "any", not at 40 or more.
    let (_, _, body) = page(&s, "/companies?readiness=40", None).await;
    assert!(!body.contains("탄소온"));
    let (_, _, body) = page(&s, "/companies", None).await;
    assert!(body.contains("탄소온"));
    // The next nine items bring it to 40 points exactly.
    for item in &items[1..10] {
        sign_off(&s, &c.assigned, item.id).await;
    }
    let (_, _, body) = page(&s, "/companies?readiness=40", None).await;
    assert!(body.contains("탄소온"), "40 points is at least 40");
    let (_, _, body) = page(&s, "/companies?readiness=70", None).await;
    assert!(!body.contains("탄소온"));
}

async fn milestones_are_kept_together_and_published_by_the_company(s: TestServer) {
    let c = cast(&s).await;
    common::people::publish_with(
        s.store.as_ref(),
        s.store.user_by_email("f@rd.kr").await.unwrap().id,
        c.company_id,
        "탄소 발열 매트",
    )
    .await;
    let add = [
        ("slug", "tansoon"),
        ("form[title]", "IR 덱 완성"),
        ("form[due_on]", "2027-01-15"),
        ("form[status]", "planned"),
    ];
    // The consultant adds; an unassigned one and an investor may not.
    for cookie in [&c.unassigned, &c.investor, &c.other_founder] {
        let (status, _) = call(&s, "/api/readiness/milestone", Some(cookie), &add).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    call_ok(&s, "/api/readiness/milestone", Some(&c.assigned), &add).await;
    // A done milestone in the future is refused and changes nothing.
    let future = [
        ("slug", "tansoon"),
        ("form[title]", "x"),
        ("form[due_on]", "2027-01-15"),
        ("form[status]", "done"),
        ("form[done_on]", "2099-01-01"),
    ];
    call_refused(
        &s,
        "/api/readiness/milestone",
        Some(&c.assigned),
        &future,
        "done_on",
        json!("DateInFuture"),
    )
    .await;
    let milestones = s.store.milestones(c.company_id, false).await.unwrap();
    assert_eq!(milestones.len(), 1);
    let id = milestones[0].id.to_string();
    let (_, _, body) = page(&s, "/companies/tansoon", None).await;
    assert!(
        !body.contains("IR 덱 완성"),
        "private until the company shows it"
    );
    // Only the company's members publish it.
    let public = [
        ("slug", "tansoon"),
        ("milestone_id", id.as_str()),
        ("public", "true"),
    ];
    let (status, _) = call(
        &s,
        "/api/readiness/milestone_public",
        Some(&c.assigned),
        &public,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    call_ok(
        &s,
        "/api/readiness/milestone_public",
        Some(&c.founder),
        &public,
    )
    .await;
    let (_, _, body) = page(&s, "/companies/tansoon", None).await;
    assert!(body.contains("IR 덱 완성") && body.contains("컨설팅 마일스톤"));
}

on_both_backends!(crate::common::app_server::with_server =>
    the_assigned_consultant_reads_the_draft,
    plan_check_renders_rules_with_articles,
    bad_plan_input_is_named_per_field,
    readiness_access_matrix,
    evidence_is_checked_and_private,
    portfolio_shows_each_consultant_their_own,
    a_shared_badge_is_public_and_findable,
    milestones_are_kept_together_and_published_by_the_company,
);
