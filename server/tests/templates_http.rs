//! The admin's checklist templates over real HTTP, on SQLite and
//! PostgreSQL: only admins see and save them; a save from the plain form
//! comes back to the page with the new version's number; bad rows are
//! named by row and field and change nothing; a form from a stale page is
//! refused; a checklist started before the edit shows it stayed on its
//! version. The rules are unit-tested in `domain::readiness`, the store in
//! `readiness_store.rs`.

mod common;

use app::domain::readiness::{builtin_items, TemplateKind, BLANK_TEMPLATE_ROWS};
use app::domain::role::Role;
use common::app_server::{page, TestServer};
use common::calls::{call, call_refused, form_post};
use common::people::{founder_of, open_session, staff, verified_investor_in};
use reqwest::{header, StatusCode};
use serde_json::json;

const EDIT: &str = "/admin/templates/angel";
const SAVE: &str = "/api/admin/template_save";

/// The angel template's edit form as the page posts it, based on
/// `based_on`: every built-in row, then the blank rows.
fn angel_form(based_on: i64) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("kind".to_string(), "angel".to_string()),
        ("based_on".to_string(), based_on.to_string()),
    ];
    let items = builtin_items(TemplateKind::Angel);
    for n in 0..items.len() + BLANK_TEMPLATE_ROWS {
        let item = items.get(n);
        let field = |name: &str| format!("form[items][{n}][{name}]");
        pairs.push((field("position"), (n + 1).to_string()));
        pairs.push((
            field("group"),
            item.map_or("angel_terms", |i| i.group.as_str()).into(),
        ));
        pairs.push((
            field("weight"),
            item.map(|i| i.weight.to_string()).unwrap_or_default(),
        ));
        for (name, value) in [
            ("title_ko", item.map(|i| i.title_ko)),
            ("title_en", item.map(|i| i.title_en)),
            ("evidence_ko", item.map(|i| i.evidence_ko)),
            ("evidence_en", item.map(|i| i.evidence_en)),
        ] {
            pairs.push((field(name), value.unwrap_or_default().to_string()));
        }
    }
    pairs
}

/// Sets one posted field of the form.
fn set(pairs: &mut [(String, String)], name: &str, value: &str) {
    let pair = pairs
        .iter_mut()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("no field {name}"));
    pair.1 = value.to_string();
}

fn refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

async fn latest_angel(s: &TestServer) -> app::ssr::readiness_store::Template {
    s.store.latest_template(TemplateKind::Angel).await.unwrap()
}

async fn admins_edit_templates_and_checklists_keep_their_version(s: TestServer) {
    let store = s.store.as_ref();
    let admin_id = staff(store, "a@tpl.kr", Role::Admin).await;
    let consultant_id = staff(store, "c@tpl.kr", Role::Consultant).await;
    let (founder_id, company) = founder_of(store, "f@tpl.kr", "tansoon", "탄소온").await;
    let (investor_id, _) = verified_investor_in(store, "i@tpl.kr", "한강엔젤").await;
    s.store
        .start_checklist(company, TemplateKind::Angel, chrono::Utc::now())
        .await
        .unwrap();
    let admin = open_session(store, admin_id).await;
    let others = [
        open_session(store, consultant_id).await,
        open_session(store, founder_id).await,
        open_session(store, investor_id).await,
    ];

    // The pages: admins only.
    for path in ["/admin/templates", EDIT, "/admin/templates/angel/v/1"] {
        let (status, _, body) = page(&s, path, Some(&admin)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains("엔젤투자 준비도"), "{path}");
        for cookie in &others {
            let (status, _, body) = page(&s, path, Some(cookie)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
            assert!(!body.contains("정관 투자조항"), "{path}");
        }
        let (status, _, _) = page(&s, path, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (_, _, body) = page(&s, "/admin/templates", Some(&admin)).await;
    assert!(
        body.contains("최신 v1") && body.contains("기본 제공"),
        "{body}"
    );
    let (_, _, body) = page(&s, EDIT, Some(&admin)).await;
    assert!(body.contains(r#"name="form[items][20][title_ko]""#));
    assert!(
        body.contains(r#"name="form[items][22][title_ko]""#),
        "two blank rows"
    );
    assert!(body.contains(r#"name="based_on" value="1""#));
    for missing in [
        "/admin/templates/seed",
        "/admin/templates/angel/v/7",
        "/admin/templates/angel/v/x",
    ] {
        let (status, _, _) = page(&s, missing, Some(&admin)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }

    // The edit: the first item weighs 9, and a new item in a blank row.
    let mut form = angel_form(1);
    set(&mut form, "form[items][0][weight]", "9");
    set(&mut form, "form[items][21][title_ko]", "주주간 계약");
    set(
        &mut form,
        "form[items][21][title_en]",
        "Shareholders' agreement",
    );
    set(
        &mut form,
        "form[items][21][evidence_ko]",
        "주주간 계약서 초안",
    );
    set(&mut form, "form[items][21][evidence_en]", "Draft agreement");
    set(&mut form, "form[items][21][weight]", "4");

    // Nobody else saves it.
    for cookie in &others {
        let (status, _) = call(&s, SAVE, Some(cookie), &refs(&form)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, _) = call(&s, SAVE, None, &refs(&form)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(latest_angel(&s).await.version, 1);

    // A bad row is named by its row and field, and nothing is written.
    let mut bad = form.clone();
    set(&mut bad, "form[items][3][weight]", "51");
    call_refused(
        &s,
        SAVE,
        Some(&admin),
        &refs(&bad),
        "items[3][weight]",
        json!({ "OutOfRange": { "min": 1, "max": 50 } }),
    )
    .await;
    let mut twice = form.clone();
    set(&mut twice, "form[items][21][title_ko]", "법인 실체");
    call_refused(
        &s,
        SAVE,
        Some(&admin),
        &refs(&twice),
        "items[21][title_ko]",
        json!("DuplicateTitle"),
    )
    .await;
    let mut kind = form.clone();
    set(&mut kind, "kind", "seed");
    let (status, _) = call(&s, SAVE, Some(&admin), &refs(&kind)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Without JavaScript the refusal comes back to the form, in words.
    let back = s.url(EDIT);
    let res = form_post(&s, SAVE, &admin, &back, &refs(&bad)).await;
    assert!(res.status().is_redirection());
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.contains("__err"), "{location}");
    let (_, _, body) = page(&s, location.strip_prefix(&s.base).unwrap(), Some(&admin)).await;
    assert!(
        body.contains("4번째 줄 · 가중치: 1에서 50 사이의 값을 입력하세요."),
        "{body}"
    );
    assert!(body.contains("저장하지 않았습니다"));
    assert_eq!(latest_angel(&s).await.version, 1);

    // The admin saves from the plain form and lands back on it, told the
    // new version's number.
    let res = form_post(&s, SAVE, &admin, &back, &refs(&form)).await;
    assert!(res.status().is_redirection());
    let location = res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        location,
        format!("{back}?__ok=%2Fapi%2Fadmin%2Ftemplate_save&__out=2")
    );
    let (_, _, body) = page(&s, location.strip_prefix(&s.base).unwrap(), Some(&admin)).await;
    assert!(body.contains("새 버전(v2)을 저장했습니다"), "{body}");
    assert!(
        body.contains(r#"name="based_on" value="2""#),
        "the form is v2 now"
    );
    let v2 = latest_angel(&s).await;
    assert_eq!((v2.version, v2.items.len()), (2, 22));
    assert_eq!(v2.items[0].weight, 9);
    assert_eq!(v2.items[21].title_ko, "주주간 계약");

    // The same form again is stale: refused, still version 2.
    call_refused(
        &s,
        SAVE,
        Some(&admin),
        &refs(&form),
        "based_on",
        json!("TemplateChangedMeanwhile"),
    )
    .await;
    assert_eq!(latest_angel(&s).await.version, 2);

    // The list shows both versions, who saved the new one and that the
    // company's checklist still uses version 1; so does its page.
    let (_, _, body) = page(&s, "/admin/templates", Some(&admin)).await;
    assert!(body.contains("최신 v2"), "{body}");
    assert!(
        body.contains(r#"data-label="저장한 사람">a 님</td>"#),
        "the author of v2: {body}"
    );
    let (_, _, body) = page(&s, "/admin/templates/angel/v/1", Some(&admin)).await;
    assert!(body.contains("이전 버전입니다. 최신 버전은 v2입니다."));
    let founder = &others[1];
    let (_, _, body) = page(&s, "/companies/tansoon/readiness", Some(founder)).await;
    assert!(
        body.contains("엔젤투자 준비도 템플릿 v1 · 최신 v2"),
        "{body}"
    );
    assert!(!body.contains("주주간 계약"));
    let (_, _, body) = page(&s, "/admin/audit", Some(&admin)).await;
    assert!(body.contains("체크리스트 템플릿 저장"));
}

on_both_backends!(crate::common::app_server::with_server =>
    admins_edit_templates_and_checklists_keep_their_version,
);
