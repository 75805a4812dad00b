//! Investor limits over real HTTP, on both databases: only an investor may
//! set their type, and bad input changes nothing; the account page, the
//! `/deals` limits panel and the company page's interest form show the
//! caps and warn past them; the company page tells verified investors (and
//! nobody else) whether an investment would qualify for the angel income
//! deduction, from facts only the company's editors may change.

mod common;

use app::domain::crowdfunding::InvestorType;
use app::domain::investor_limits::{cap_window, CompanyFacts, Venture};
use app::domain::role::Role;
use app::domain::seoul_time::seoul_date;
use common::app_server::{page, TestServer};
use common::calls::{call, call_ok, call_refused, form_post};
use common::people::{
    founder_of, new_user, open_session, publish_with, staff, verified_investor_in,
};
use reqwest::{header, StatusCode};
use serde_json::json;

struct Cast {
    investor_id: i64,
    company_id: i64,
    founder_id: i64,
    investor: String,
    pending: String,
    founder: String,
    other_founder: String,
    admin: String,
}

async fn cast(s: &TestServer) -> Cast {
    let store = s.store.as_ref();
    let (founder_id, company_id) = founder_of(store, "f@cf.kr", "tansoon", "탄소온").await;
    publish_with(store, founder_id, company_id, "탄소 섬유 공정").await;
    let (other_founder, _) = founder_of(store, "g@cf.kr", "other", "다른회사").await;
    let (investor_id, _) = verified_investor_in(store, "angel@cf.kr", "한강엔젤클럽").await;
    let pending = store
        .create_user(&new_user("new@cf.kr", Role::Investor))
        .await
        .unwrap();
    let admin = staff(store, "admin@cf.kr", Role::Admin).await;
    Cast {
        investor_id,
        company_id,
        founder_id,
        investor: open_session(store, investor_id).await,
        pending: open_session(store, pending).await,
        founder: open_session(store, founder_id).await,
        other_founder: open_session(store, other_founder).await,
        admin: open_session(store, admin).await,
    }
}

async fn type_of(s: &TestServer, user_id: i64) -> InvestorType {
    let (from, to) = cap_window(seoul_date(chrono::Utc::now()));
    s.store
        .crowdfunding_commitments(user_id, from, to)
        .await
        .unwrap()
        .0
}

async fn only_investors_set_their_type(s: TestServer) {
    let c = cast(&s).await;
    // Nobody signed in, a founder, an admin: refused, nothing changes.
    let (status, _) = call(
        &s,
        "/api/investor/type",
        None,
        &[("investor_type", "qualified")],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for cookie in [&c.founder, &c.admin] {
        let (status, _) = call(
            &s,
            "/api/investor/type",
            Some(cookie),
            &[("investor_type", "professional")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(type_of(&s, c.founder_id).await, InvestorType::General);

    // An unknown type is refused with its field and changes nothing.
    for bad in ["vip", "", "General", "qualified; DROP TABLE users"] {
        call_refused(
            &s,
            "/api/investor/type",
            Some(&c.investor),
            &[("investor_type", bad)],
            "investor_type",
            json!("UnknownChoice"),
        )
        .await;
    }
    assert_eq!(type_of(&s, c.investor_id).await, InvestorType::General);

    // A plain form post (no JavaScript) comes back to the account page.
    let res = form_post(
        &s,
        "/api/investor/type",
        &c.investor,
        &s.url("/account"),
        &[("investor_type", "qualified")],
    )
    .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(type_of(&s, c.investor_id).await, InvestorType::Qualified);
    // A bad plain post comes back with the error and changes nothing.
    let res = form_post(
        &s,
        "/api/investor/type",
        &c.investor,
        &s.url("/account"),
        &[("investor_type", "vip")],
    )
    .await;
    assert!(res.status().is_redirection());
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.contains("__err"), "{location}");
    assert_eq!(type_of(&s, c.investor_id).await, InvestorType::Qualified);

    // A pending investor may state a type before verification.
    call_ok(
        &s,
        "/api/investor/type",
        Some(&c.pending),
        &[("investor_type", "professional")],
    )
    .await;

    // The account page: the card for investors, with the caps, the
    // article and the notice; nothing of it for a founder.
    let (status, _, body) = page(&s, "/account", Some(&c.investor)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("투자자 유형"), "{body}");
    assert!(body.contains("현재 유형: 적격투자자"));
    assert!(body.contains("500만원") && body.contains("2,000만원"));
    assert!(body.contains("시행령 §118-17"));
    assert!(body.contains("법률·세무 자문이 아닙니다"));
    let (status, _, body) = page(&s, "/account", Some(&c.founder)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("investor_type"));
    assert!(!body.contains("투자자 유형"));
    let (_, _, body) = page(&s, "/account", Some(&c.pending)).await;
    assert!(body.contains("현재 유형: 전문투자자"));
}

/// Records a stage for the investor on 탄소온 through the API.
async fn stage(s: &TestServer, cookie: &str, expected: &str, form: &[(&str, &str)]) {
    let mut fields = vec![("slug", "tansoon"), ("expected", expected)];
    fields.extend_from_slice(form);
    let (status, body) = call(s, "/api/deals/stage", Some(cookie), &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn the_caps_show_where_the_investor_looks(s: TestServer) {
    let c = cast(&s).await;
    // Nothing recorded: the panel says so and a general investor's caps.
    let (status, _, body) = page(&s, "/deals", Some(&c.investor)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("크라우드펀딩 투자 한도"), "{body}");
    assert!(body.contains("최근 12개월에 기록한 크라우드펀딩"));
    assert!(body.contains("새 기업에는 최대 500만원까지"));

    // A crowdfunding interest, then an intent of 600만: past the 500만
    // per-company cap of a general investor. Recorded, not blocked.
    stage(
        &s,
        &c.investor,
        "",
        &[
            ("form[stage]", "interested"),
            ("form[amount_min]", "300만"),
            ("form[amount_max]", "600만"),
            ("form[route]", "crowdfunding"),
        ],
    )
    .await;
    // A range alone does not count yet.
    let limits = call_ok(&s, "/api/investor/limits", Some(&c.investor), &[]).await;
    assert_eq!(limits["usage"]["annual_used"], 0);
    stage(
        &s,
        &c.investor,
        "interested",
        &[("form[stage]", "intends"), ("form[amount]", "600만")],
    )
    .await;
    let limits = call_ok(&s, "/api/investor/limits", Some(&c.investor), &[]).await;
    assert_eq!(limits["usage"]["annual_used"], 6_000_000);
    assert_eq!(limits["issuers"][0]["status"], "Over");
    assert_eq!(limits["usage"]["left_for_new_issuer"], 4_000_000);

    let (_, _, body) = page(&s, "/deals", Some(&c.investor)).await;
    assert!(
        body.contains("12개월 합계 600만원 / 한도 1,000만원"),
        "{body}"
    );
    assert!(body.contains("한도 초과"));
    assert!(body.contains(r#"data-status="over""#));
    assert!(body.contains("새 기업에는 최대 400만원까지"));
    assert!(body.contains("자본시장법 §117-10⑥"));

    // The company page's interest form warns and names the excess.
    let (_, _, body) = page(&s, "/companies/tansoon", Some(&c.investor)).await;
    assert!(
        body.contains("기업당 한도 500만원을 100만원 넘습니다"),
        "{body}"
    );
    assert!(body.contains("최대 500만원까지 기록할 수 있습니다"));

    // As a qualified investor the same amount fits.
    call_ok(
        &s,
        "/api/investor/type",
        Some(&c.investor),
        &[("investor_type", "qualified")],
    )
    .await;
    let (_, _, body) = page(&s, "/companies/tansoon", Some(&c.investor)).await;
    assert!(!body.contains("넘습니다"), "no warning any more");
    assert!(body.contains("최대 1,000만원까지 기록할 수 있습니다"));

    // Someone who is not an investor gets no report at all.
    assert_eq!(
        call_ok(&s, "/api/investor/limits", Some(&c.founder), &[]).await,
        serde_json::Value::Null
    );
    let (status, _) = call(&s, "/api/investor/limits", None, &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn the_deduction_note_reads_the_companys_facts(s: TestServer) {
    let c = cast(&s).await;
    let path = "/companies/tansoon";
    // Nothing recorded: investors are told it is unknown, not guessed.
    let (_, _, body) = page(&s, path, Some(&c.investor)).await;
    assert!(body.contains("엔젤투자 소득공제"), "{body}");
    assert!(body.contains("기업이 개업일을 기록하지 않았습니다"));
    assert!(body.contains("벤처기업 확인 여부를 기록하지 않았습니다"));
    assert!(body.contains("3,000만원 이하"));
    assert!(body.contains("5,000만원 초과"));
    assert!(body.contains("종합소득금액의 50%"));
    assert!(body.contains("2028년 12월 31일까지"));
    assert!(body.contains("조세특례제한법 §16①"));
    assert!(body.contains("확인 필요"));
    assert!(body.contains("법률·세무 자문이 아닙니다"));
    // Visitors and unverified investors see none of it.
    for cookie in [
        None,
        Some(c.pending.as_str()),
        Some(c.other_founder.as_str()),
    ] {
        let (status, _, body) = page(&s, path, cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!body.contains("엔젤투자 소득공제"), "{cookie:?}");
    }

    // Only the company's editors record its facts; bad input is refused
    // with its field and changes nothing.
    let facts = [
        ("slug", "tansoon"),
        ("form[opened_on]", "2016-04-01"),
        ("form[venture]", "certified"),
        ("form[venture_until]", "2099-06-30"),
    ];
    for cookie in [&c.investor, &c.other_founder] {
        let (status, _) = call(&s, "/api/companies/facts-save", Some(cookie), &facts).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    for (field, value, problem) in [
        ("opened_on", "2099-01-01", json!("DateInFuture")),
        ("opened_on", "2016-02-30", json!("DateInvalid")),
        ("venture", "innobiz", json!("UnknownChoice")),
        ("venture_until", "", json!("Required")),
    ] {
        let mut bad: Vec<(&str, &str)> = facts.to_vec();
        let name = format!("form[{field}]");
        bad.retain(|(k, _)| *k != name);
        bad.push((name.as_str(), value));
        call_refused(
            &s,
            "/api/companies/facts-save",
            Some(&c.founder),
            &bad,
            field,
            problem,
        )
        .await;
    }
    assert_eq!(
        s.store.company_facts(c.company_id).await,
        Ok(CompanyFacts::default())
    );
    // The edit page has the form; saving it as a plain post works.
    let (status, _, body) = page(&s, "/companies/tansoon/edit", Some(&c.founder)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("소득공제 판단용 사실"), "{body}");
    let res = form_post(
        &s,
        "/api/companies/facts-save",
        &c.founder,
        &s.url("/companies/tansoon/edit"),
        &facts,
    )
    .await;
    assert!(res.status().is_redirection());
    assert_eq!(
        s.store.company_facts(c.company_id).await.unwrap(),
        CompanyFacts {
            opened_on: Some(chrono::NaiveDate::from_ymd_opt(2016, 4, 1).unwrap()),
            venture: Venture::CertifiedUntil(chrono::NaiveDate::from_ymd_opt(2099, 6, 30).unwrap()),
        }
    );
    let (_, _, body) = page(&s, "/companies/tansoon/edit", Some(&c.founder)).await;
    assert!(body.contains(r#"value="2016-04-01""#));

    // Opened in 2016: past seven years; confirmed: the direct route, up to
    // the sunset.
    let (_, _, body) = page(&s, path, Some(&c.investor)).await;
    assert!(
        body.contains("대상: 2028년 12월 31일까지 투자한 금액"),
        "{body}"
    );
    assert!(body.contains("대상 아님: 창업 7년이 지났습니다"));
    assert!(body.contains("요건을 충족하는 투자 경로가 있습니다"));
    // In English, the statute still cited as it is looked up.
    let cookie = format!("{}; lang=en", c.investor);
    let (_, _, body) = page(&s, path, Some(&cookie)).await;
    assert!(body.contains("Angel income deduction"));
    assert!(body.contains("Qualifies: amounts invested up to 31 Dec 2028"));
    assert!(body.contains("조세특례제한법 §16①"));
    assert!(body.contains("not legal or tax advice"));
    // The founder sees the same note on their own page.
    let (_, _, body) = page(&s, path, Some(&c.founder)).await;
    assert!(body.contains("엔젤투자 소득공제"));
}

on_both_backends!(crate::common::app_server::with_server =>
    only_investors_set_their_type,
    the_caps_show_where_the_investor_looks,
    the_deduction_note_reads_the_companys_facts,
);
