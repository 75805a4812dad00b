//! Company pages, pitch editing, team management and the directory over
//! real HTTP, on both databases: who sees which section, who may change
//! which company, what bad input does (nothing), that hostile Markdown
//! comes out inert, search, and the revision history.
//!
//! Data is set up through the store; the behaviour under test goes
//! through the router, as the hydrated app calls it (URL-encoded POST to
//! `/api/...`, JSON back) and, where it matters, as a plain form post
//! without JavaScript (`Accept: text/html`, redirect back).

mod common;

use app::domain::account::Verification;
use app::domain::company::{
    CompanyProfile, Funding, Instrument, NewUpdate, SectionKind, Stage, UpdateKind, Visibility,
    MAX_SECTION_BYTES,
};
use app::domain::money::Won;
use app::domain::role::Role;
use app::ssr::company_store::StoredSection;
use common::app_server::{page, TestServer};
use common::calls::{call, call_ok, field_error, form_post};
use common::people::{founder_of, new_user, open_session, setup_event, staff};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

// --- Markers -----------------------------------------------------------
// Unique words put in one place each, so a raw search of a response body
// proves where a piece of text did or did not travel.

const PUBLIC_MARK: &str = "qxpublicmarkqx";
const INVESTOR_MARK: &str = "qxinvestormarkqx";
const FUNDS_MARK: &str = "qxfundsmarkqx";
const DRAFT_MARK: &str = "qxdraftmarkqx";

// --- Setup through the store ---------------------------------------------

/// A signed-in account.
#[derive(Clone, Debug)]
struct Person {
    cookie: String,
}

/// A startup account that owns a company.
#[derive(Clone, Debug)]
struct Founder {
    id: i64,
    company_id: i64,
    cookie: String,
}

async fn founder(s: &TestServer, email: &str, slug: &str, name_ko: &str) -> Founder {
    let (id, company_id) = founder_of(s.store.as_ref(), email, slug, name_ko).await;
    Founder {
        id,
        company_id,
        cookie: open_session(s.store.as_ref(), id).await,
    }
}

async fn investor(s: &TestServer, email: &str, verified: bool) -> Person {
    let id = s
        .store
        .create_user(&new_user(email, Role::Investor))
        .await
        .unwrap();
    if verified {
        s.store
            .set_verification(id, Verification::Verified, &setup_event("test.setup"))
            .await
            .unwrap();
    }
    Person {
        cookie: open_session(s.store.as_ref(), id).await,
    }
}

async fn admin(s: &TestServer) -> Person {
    let id = staff(s.store.as_ref(), "admin@ops.kr", Role::Admin).await;
    Person {
        cookie: open_session(s.store.as_ref(), id).await,
    }
}

async fn cluster_id(s: &TestServer, slug: &str) -> i64 {
    s.store.cluster_by_slug(slug).await.unwrap().id
}

async fn set_profile(s: &TestServer, company_id: i64, profile: CompanyProfile) {
    s.store
        .update_company_profile(
            company_id,
            &profile,
            chrono::Utc::now(),
            &setup_event("test.setup"),
        )
        .await
        .unwrap();
}

/// Six sections rendered as saving renders them: the given ones, the
/// rest empty with their default visibility.
fn sections(given: &[(SectionKind, Visibility, &str)]) -> Vec<StoredSection> {
    use app::ssr::markdown::{plain_text, render};
    SectionKind::ALL
        .iter()
        .map(|&kind| {
            let (visibility, markdown) = given
                .iter()
                .find(|(k, _, _)| *k == kind)
                .map(|(_, v, m)| (*v, m.to_string()))
                .unwrap_or((kind.default_visibility(), String::new()));
            StoredSection {
                kind,
                visibility,
                html: render(&markdown),
                plain_text: plain_text(&markdown),
                markdown,
            }
        })
        .collect()
}

fn ask(won: i64, use_of_funds: &str) -> Funding {
    Funding {
        amount: Some(Won(won)),
        instrument: Some(Instrument::Rcps),
        use_of_funds: use_of_funds.into(),
    }
}

async fn save_draft(
    s: &TestServer,
    f: &Founder,
    given: &[(SectionKind, Visibility, &str)],
    funding: &Funding,
) {
    s.store
        .save_pitch_draft(
            f.company_id,
            &sections(given),
            funding,
            f.id,
            chrono::Utc::now(),
            &setup_event("test.setup"),
        )
        .await
        .unwrap();
}

async fn publish(
    s: &TestServer,
    f: &Founder,
    given: &[(SectionKind, Visibility, &str)],
    funding: &Funding,
) -> i64 {
    save_draft(s, f, given, funding).await;
    s.store
        .publish_pitch(
            f.company_id,
            f.id,
            chrono::Utc::now(),
            &setup_event("test.setup"),
        )
        .await
        .unwrap()
}

// --- Calls over HTTP -----------------------------------------------------

fn section<'a>(page: &'a Value, kind: &str) -> &'a Value {
    page["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} section in {page}"))
}

/// A directory page for `query` (each pair becomes `query[key]`).
async fn directory(s: &TestServer, cookie: Option<&str>, query: &[(&str, &str)]) -> Value {
    let mut form: Vec<(String, String)> = vec![("query[q]".into(), String::new())];
    for (k, v) in query {
        form.retain(|(name, _)| name != &format!("query[{k}]"));
        form.push((format!("query[{k}]"), v.to_string()));
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    call_ok(s, "/api/companies/directory", cookie, &form).await
}

fn slugs(directory: &Value) -> Vec<String> {
    let mut slugs: Vec<String> = directory["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap().to_string())
        .collect();
    slugs.sort();
    slugs
}

fn card<'a>(directory: &'a Value, slug: &str) -> &'a Value {
    directory["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == slug)
        .unwrap_or_else(|| panic!("no card {slug} in {directory}"))
}

/// Every tag (`<` up to the next `>`) in an HTML text.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start..];
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

/// Up to 300 bytes either side of byte `at`, on character boundaries.
fn around(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(300);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 300).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

/// Nothing in `body` is live markup from the hostile section.
fn assert_inert(what: &str, body: &str) {
    let lower = body.to_lowercase();
    assert!(!lower.contains("<img"), "{what}: <img in {body}");
    assert!(
        !lower.contains("<script>alert"),
        "{what}: <script>alert in {body}"
    );
    // Escaped text may quote `href="javascript:` (it is text, shown as
    // such); a link element may not carry it.
    assert!(
        !lower.contains("<a href=\"javascript:") && !lower.contains("<a href='javascript:"),
        "{what}: javascript: link in {body}"
    );
    for tag in tags(&lower) {
        assert!(
            !tag.contains("onerror") && !tag.contains("javascript:"),
            "{what}: live attribute in {tag}"
        );
    }
}

// --- 1. Who sees which section -------------------------------------------

async fn each_reader_sees_exactly_their_sections(s: TestServer) {
    let a = founder(&s, "a@startup.kr", "co-a", "탄소온").await;
    let b = founder(&s, "b@startup.kr", "co-b", "비전랩").await;
    let pending = investor(&s, "pending@angel.kr", false).await;
    let verified = investor(&s, "verified@angel.kr", true).await;
    let admin = admin(&s).await;

    let technology = format!("탄소섬유 발열체 기술 {PUBLIC_MARK}");
    let funding_plan = format!("투자금 사용 계획 {INVESTOR_MARK}");
    let funds = format!("양산 설비 {FUNDS_MARK}");
    let published = [
        (
            SectionKind::Technology,
            Visibility::Public,
            technology.as_str(),
        ),
        (
            SectionKind::FundingPlan,
            Visibility::Investors,
            funding_plan.as_str(),
        ),
    ];
    assert_eq!(
        publish(&s, &a, &published, &ask(500_000_000, &funds)).await,
        1
    );
    // A change saved but not published: only editors may ever see it.
    let drafted = format!("탄소섬유 발열체 기술 개정판 {DRAFT_MARK}");
    save_draft(
        &s,
        &a,
        &[
            (
                SectionKind::Technology,
                Visibility::Public,
                drafted.as_str(),
            ),
            (
                SectionKind::FundingPlan,
                Visibility::Investors,
                funding_plan.as_str(),
            ),
        ],
        &ask(500_000_000, &funds),
    )
    .await;

    // (reader, cookie, audience, sees investor content, editor status)
    let readers: Vec<(&str, Option<&str>, &str, bool, StatusCode)> = vec![
        ("visitor", None, "Public", false, StatusCode::UNAUTHORIZED),
        (
            "pending investor",
            Some(&pending.cookie),
            "Public",
            false,
            StatusCode::FORBIDDEN,
        ),
        (
            "verified investor",
            Some(&verified.cookie),
            "Investor",
            true,
            StatusCode::FORBIDDEN,
        ),
        (
            "member of A",
            Some(&a.cookie),
            "Editor",
            true,
            StatusCode::OK,
        ),
        (
            "member of B",
            Some(&b.cookie),
            "Public",
            false,
            StatusCode::FORBIDDEN,
        ),
        ("admin", Some(&admin.cookie), "Editor", true, StatusCode::OK),
    ];

    for (who, cookie, audience, sees, editor_status) in &readers {
        let (status, body) = call(&s, "/api/companies/page", *cookie, &[("slug", "co-a")]).await;
        assert_eq!(status, StatusCode::OK, "{who}: {body}");
        let data: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(data["audience"], *audience, "{who}");
        assert_eq!(data["signed_in"], cookie.is_some(), "{who}");
        assert_eq!(data["profile"]["revision"], 1, "{who}");

        let tech = section(&data, "Technology");
        assert_eq!(tech["visibility"], "Public", "{who}");
        assert!(
            tech["html"].as_str().unwrap().contains(PUBLIC_MARK),
            "{who}: {tech}"
        );
        let plan = section(&data, "FundingPlan");
        assert_eq!(plan["visibility"], "Investors", "{who}");
        if *sees {
            assert!(
                plan["html"].as_str().unwrap().contains(INVESTOR_MARK),
                "{who}: {plan}"
            );
            assert_eq!(data["funding_locked"], false, "{who}");
            assert_eq!(data["funding"]["amount"], 500_000_000, "{who}");
            assert_eq!(data["funding"]["instrument"], "Rcps", "{who}");
            assert!(
                data["funding"]["use_of_funds"]
                    .as_str()
                    .unwrap()
                    .contains(FUNDS_MARK),
                "{who}"
            );
        } else {
            assert_eq!(plan["html"], Value::Null, "{who}: locked, without text");
            assert_eq!(data["funding"], Value::Null, "{who}");
            assert_eq!(data["funding_locked"], true, "{who}");
            for secret in [INVESTOR_MARK, FUNDS_MARK, "500000000"] {
                assert!(!body.contains(secret), "{who} was sent {secret}: {body}");
            }
        }
        // Sections without content are not listed at all.
        assert_eq!(data["sections"].as_array().unwrap().len(), 2, "{who}");
        assert!(!body.contains(DRAFT_MARK), "{who}: draft leaked: {body}");
        assert_eq!(
            data["unpublished_changes"],
            *audience == "Editor",
            "{who}: only editors hear of the draft"
        );

        let (status, body) = call(&s, "/api/companies/editor", *cookie, &[("slug", "co-a")]).await;
        assert_eq!(status, *editor_status, "{who} editor: {body}");
        if *editor_status == StatusCode::OK {
            let editor: Value = serde_json::from_str(&body).unwrap();
            assert!(
                editor["sections"][0]["markdown"]
                    .as_str()
                    .unwrap()
                    .contains(DRAFT_MARK),
                "{who}: {editor}"
            );
            assert_eq!(editor["unpublished_changes"], true, "{who}");
        } else {
            let expected = if cookie.is_none() {
                "\"Unauthorized\""
            } else {
                "\"Forbidden\""
            };
            assert_eq!(body, expected, "{who}");
        }
        // The same refusal guards the history, which holds old text too.
        let (status, _) = call(&s, "/api/companies/history", *cookie, &[("slug", "co-a")]).await;
        assert_eq!(status, *editor_status, "{who} history");

        // The server-rendered page (and the data it carries for hydration)
        // follows the same rule.
        let (status, _, html) = page(&s, "/companies/co-a", *cookie).await;
        assert_eq!(status, StatusCode::OK, "{who}");
        assert!(html.contains(PUBLIC_MARK), "{who}: page lacks public text");
        assert_eq!(html.contains(INVESTOR_MARK), *sees, "{who}: page");
        assert_eq!(html.contains(FUNDS_MARK), *sees, "{who}: page");
        assert!(!html.contains(DRAFT_MARK), "{who}: page shows the draft");
    }
}

// --- 2. A company that never published ------------------------------------

async fn unpublished_companies_are_not_found_except_to_their_editors(s: TestServer) {
    let c = founder(&s, "c@startup.kr", "co-c", "준비중회사").await;
    let b = founder(&s, "b@startup.kr", "co-b", "비전랩").await;
    let verified = investor(&s, "verified@angel.kr", true).await;
    let admin = admin(&s).await;
    save_draft(
        &s,
        &c,
        &[(SectionKind::Technology, Visibility::Public, DRAFT_MARK)],
        &Funding::default(),
    )
    .await;

    let (_, missing) = call(&s, "/api/companies/page", None, &[("slug", "no-such-co")]).await;
    for (who, cookie) in [
        ("visitor", None),
        ("member of another company", Some(b.cookie.as_str())),
        ("verified investor", Some(verified.cookie.as_str())),
    ] {
        let (status, body) = call(&s, "/api/companies/page", cookie, &[("slug", "co-c")]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who}: {body}");
        assert_eq!(
            body, missing,
            "{who}: same answer as a slug that never existed"
        );
        let (status, _, html) = page(&s, "/companies/co-c", cookie).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who}");
        assert!(
            !html.contains("준비중회사") && !html.contains(DRAFT_MARK),
            "{who}"
        );
    }
    for (who, cookie) in [("member", &c.cookie), ("admin", &admin.cookie)] {
        let data = call_ok(&s, "/api/companies/page", Some(cookie), &[("slug", "co-c")]).await;
        assert_eq!(data["audience"], "Editor", "{who}");
        assert_eq!(data["profile"]["revision"], 0, "{who}");
        assert_eq!(data["sections"], json!([]), "{who}: nothing published");
        assert_eq!(data["unpublished_changes"], true, "{who}");
        let (status, _, html) = page(&s, "/companies/co-c", Some(cookie)).await;
        assert_eq!(status, StatusCode::OK, "{who}");
        assert!(html.contains("준비중회사"), "{who}");
    }
    // Nor does it appear in the directory.
    let listed = directory(&s, None, &[]).await;
    assert!(!slugs(&listed).contains(&"co-c".to_string()), "{listed}");
}

// --- 3. One company's member cannot reach another -------------------------

/// Everything a member of A might try to change in B, as seen by the store.
#[derive(Debug, PartialEq)]
struct Snapshot {
    company: app::ssr::CompanyRecord,
    draft: app::ssr::StoredDraft,
    revisions: Vec<app::ssr::RevisionMeta>,
    updates: Vec<app::ssr::StoredUpdate>,
    members: Vec<app::ssr::StoredMember>,
    invites: Vec<app::ssr::StoredInvite>,
}

async fn snapshot(s: &TestServer, company_id: i64) -> Snapshot {
    let store = &s.store;
    Snapshot {
        company: store.company_by_id(company_id).await.unwrap(),
        draft: store.pitch_draft(company_id).await.unwrap(),
        revisions: store.revisions(company_id).await.unwrap(),
        updates: store.company_updates(company_id, 100).await.unwrap(),
        members: store.members(company_id).await.unwrap(),
        invites: store.invites(company_id).await.unwrap(),
    }
}

async fn members_cannot_edit_another_company_by_naming_it(s: TestServer) {
    let a = founder(&s, "a@startup.kr", "co-a", "탄소온").await;
    let b = founder(&s, "b@startup.kr", "co-b", "비전랩").await;
    publish(
        &s,
        &b,
        &[(
            SectionKind::Technology,
            Visibility::Public,
            "비전 검사 기술",
        )],
        &ask(100_000_000, "장비"),
    )
    .await;
    let b_update = s
        .store
        .post_update(
            b.company_id,
            &NewUpdate {
                kind: UpdateKind::News,
                title: "B 소식".into(),
                body: String::new(),
            },
            b.id,
            chrono::Utc::now(),
            &setup_event("test.setup"),
        )
        .await
        .unwrap();
    let b_invite = s
        .store
        .invite_member(
            b.company_id,
            "friend@b.kr",
            b.id,
            chrono::Utc::now(),
            &setup_event("test.setup"),
        )
        .await
        .unwrap();
    let before = snapshot(&s, b.company_id).await;
    let audit_before = s.store.audit_log(1000, None).await.unwrap().len();

    let b_update_id = b_update.to_string();
    let b_invite_id = b_invite.to_string();
    let b_owner_id = b.id.to_string();
    let (b_company, a_company) = (b.company_id.to_string(), a.company_id.to_string());
    let profile = vec![
        ("form[name_ko]", "가로챈 이름"),
        ("form[one_liner]", "가로챈 한 줄"),
    ];
    let pitch = vec![
        ("form[technology]", "가로챈 기술"),
        ("form[technology_visibility]", "public"),
        ("intent", "publish"),
    ];
    let update = vec![
        ("form[kind]", "news"),
        ("form[title]", "가로챈 소식"),
        ("form[body]", ""),
    ];
    // (endpoint, arguments besides the slug, status for B's slug, status
    // for A's own slug with B's object ids)
    // (endpoint, form fields, status with A's slug, status with B's ids)
    type Attempt<'a> = (
        &'a str,
        Vec<(&'a str, &'a str)>,
        StatusCode,
        Option<StatusCode>,
    );
    let attempts: Vec<Attempt> = vec![
        ("/api/companies/editor", vec![], StatusCode::FORBIDDEN, None),
        (
            "/api/companies/history",
            vec![],
            StatusCode::FORBIDDEN,
            None,
        ),
        ("/api/team/list", vec![], StatusCode::FORBIDDEN, None),
        (
            "/api/companies/profile",
            profile.clone(),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            "/api/companies/pitch",
            pitch.clone(),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            "/api/companies/post-update",
            update.clone(),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            "/api/companies/delete-update",
            vec![("update_id", &b_update_id)],
            StatusCode::FORBIDDEN,
            Some(StatusCode::NOT_FOUND),
        ),
        (
            "/api/team/invite",
            vec![("email", "mole@a.kr")],
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            "/api/team/revoke-invite",
            vec![("invite_id", &b_invite_id)],
            StatusCode::FORBIDDEN,
            Some(StatusCode::NOT_FOUND),
        ),
        (
            "/api/team/remove",
            vec![("user_id", &b_owner_id)],
            StatusCode::FORBIDDEN,
            Some(StatusCode::NOT_FOUND),
        ),
    ];
    for (path, args, on_b, on_a_with_b_ids) in &attempts {
        let mut form = vec![("slug", "co-b")];
        form.extend(args.iter().copied());
        let (status, body) = call(&s, path, Some(&a.cookie), &form).await;
        assert_eq!(status, *on_b, "{path} on B: {body}");
        assert_eq!(body, "\"Forbidden\"", "{path}");
        // A forged company id next to the slug is not a way in either.
        let mut forged = form.clone();
        forged.extend([
            ("company_id", b_company.as_str()),
            ("form[company_id]", b_company.as_str()),
        ]);
        // (Unknown fields are ignored, as the calls on A below show.)
        let (status, _) = call(&s, path, Some(&a.cookie), &forged).await;
        assert_eq!(status, *on_b, "{path} forged");
        if let Some(expected) = on_a_with_b_ids {
            let mut form = vec![("slug", "co-a")];
            form.extend(args.iter().copied());
            let (status, body) = call(&s, path, Some(&a.cookie), &form).await;
            assert_eq!(status, *expected, "{path} with A's slug and B's id: {body}");
            assert_eq!(body, "\"NotFound\"", "{path}");
        }
    }
    assert_eq!(snapshot(&s, b.company_id).await, before, "B is untouched");
    assert_eq!(
        s.store.audit_log(1000, None).await.unwrap().len(),
        audit_before,
        "refused calls record no change"
    );
    assert!(s
        .store
        .company_updates(b.company_id, 100)
        .await
        .unwrap()
        .iter()
        .any(|u| u.id == b_update));

    // The same calls on A's own slug work, so the refusals above are about
    // the target. A company id smuggled into the form is ignored: the slug
    // and the caller's membership choose the company.
    let mut form = vec![("slug", "co-a")];
    form.extend(profile.iter().copied());
    form.extend([
        ("company_id", b_company.as_str()),
        ("form[company_id]", b_company.as_str()),
        ("form[slug]", "co-b"),
    ]);
    let (status, body) = call(&s, "/api/companies/profile", Some(&a.cookie), &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let a_now = s.store.company_by_id(a.company_id).await.unwrap();
    assert_eq!(a_now.name_ko, "가로챈 이름");
    assert_eq!(a_now.slug, "co-a");
    for (path, args) in [
        ("/api/companies/pitch", &pitch),
        ("/api/companies/post-update", &update),
    ] {
        let mut form = vec![("slug", "co-a"), ("company_id", b_company.as_str())];
        form.extend(args.iter().copied());
        let (status, body) = call(&s, path, Some(&a.cookie), &form).await;
        assert_eq!(status, StatusCode::OK, "{path} on A: {body}");
    }
    let (status, body) = call(
        &s,
        "/api/team/invite",
        Some(&a.cookie),
        &[("slug", "co-a"), ("email", "mole@a.kr")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(s.store.revisions(a.company_id).await.unwrap().len(), 1);
    assert_eq!(
        s.store.company_updates(a.company_id, 10).await.unwrap()[0].title,
        "가로챈 소식"
    );
    assert_eq!(s.store.invites(a.company_id).await.unwrap().len(), 1);
    assert_ne!(a_company, b_company);
    assert_eq!(
        snapshot(&s, b.company_id).await,
        before,
        "B is still untouched"
    );
}

// --- 4. Bad input changes nothing ----------------------------------------

async fn bad_input_is_refused_with_its_field_and_changes_nothing(s: TestServer) {
    let a = founder(&s, "a@startup.kr", "co-a", "탄소온").await;
    publish(
        &s,
        &a,
        &[(SectionKind::Technology, Visibility::Public, "원래 기술")],
        &ask(500_000_000, "양산 설비"),
    )
    .await;
    let carbon = cluster_id(&s, "carbon-materials").await.to_string();
    let before = snapshot(&s, a.company_id).await;
    let audit_before = s.store.audit_log(1000, None).await.unwrap().len();

    let oversized = "x".repeat(MAX_SECTION_BYTES + 1);
    let pitch_cases: Vec<(Vec<(&str, &str)>, Value)> = vec![
        (
            vec![("form[technology]", oversized.as_str())],
            field_error("technology", json!({ "TooLarge": { "max_kb": 20 } })),
        ),
        (
            vec![("form[technology]", "기술"), ("form[amount]", "-5억")],
            field_error("amount", json!("AmountOutOfRange")),
        ),
        (
            vec![("form[technology]", "기술"), ("form[amount]", "2조")],
            field_error("amount", json!("AmountOutOfRange")),
        ),
        (
            vec![("form[technology]", "기술"), ("form[instrument]", "tulips")],
            field_error("instrument", json!("UnknownChoice")),
        ),
        (
            vec![
                ("form[technology]", "기술"),
                ("form[team_visibility]", "everyone"),
            ],
            field_error("team_visibility", json!("UnknownChoice")),
        ),
    ];
    for (args, expected) in &pitch_cases {
        for intent in [None, Some("publish")] {
            let mut form = vec![("slug", "co-a")];
            form.extend(args.iter().copied());
            if let Some(intent) = intent {
                form.push(("intent", intent));
            }
            let (status, body) = call(&s, "/api/companies/pitch", Some(&a.cookie), &form).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{expected}: {body}");
            assert_eq!(
                serde_json::from_str::<Value>(&body).unwrap(),
                *expected,
                "{intent:?}"
            );
        }
    }

    let profile_cases: Vec<(Vec<(&str, &str)>, Value)> = vec![
        (
            vec![("form[name_ko]", "탄소온"), ("form[cluster_id]", "99999")],
            field_error("cluster_id", json!("UnknownChoice")),
        ),
        (
            vec![("form[name_ko]", "탄소온"), ("form[cluster_id]", "-1")],
            field_error("cluster_id", json!("UnknownChoice")),
        ),
        (
            vec![
                ("form[name_ko]", "탄소온"),
                ("form[cluster_id]", carbon.as_str()),
                ("form[one_liner]", "<script>alert(1)</script>"),
            ],
            field_error("one_liner", json!("NotPlainText")),
        ),
        (
            vec![("form[name_ko]", "<b onmouseover=alert(1)>탄소온</b>")],
            field_error("name_ko", json!("NotPlainText")),
        ),
        (
            vec![
                ("form[name_ko]", "탄소온"),
                ("form[website]", "javascript:alert(1)"),
            ],
            field_error("website", json!("UrlInvalid")),
        ),
        (
            vec![("form[name_ko]", "")],
            field_error("name_ko", json!("Required")),
        ),
    ];
    for (args, expected) in &profile_cases {
        let mut form = vec![("slug", "co-a")];
        form.extend(args.iter().copied());
        let (status, body) = call(&s, "/api/companies/profile", Some(&a.cookie), &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{expected}: {body}");
        assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), *expected);
    }

    let (status, body) = call(
        &s,
        "/api/companies/post-update",
        Some(&a.cookie),
        &[
            ("slug", "co-a"),
            ("form[kind]", "rumour"),
            ("form[title]", "소문"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        field_error("kind", json!("UnknownChoice"))
    );

    // Without JavaScript the browser is sent back to the form with the
    // error in the address, and again nothing is saved.
    for (path, referer, args) in [
        (
            "/api/companies/profile",
            "/companies/co-a/edit",
            vec![
                ("slug", "co-a"),
                ("form[name_ko]", "탄소온"),
                ("form[one_liner]", "<script>alert(1)</script>"),
            ],
        ),
        (
            "/api/companies/pitch",
            "/companies/co-a/pitch",
            vec![
                ("slug", "co-a"),
                ("form[technology]", oversized.as_str()),
                ("intent", "publish"),
            ],
        ),
        (
            "/api/companies/pitch",
            "/companies/co-a/pitch",
            vec![
                ("slug", "co-a"),
                ("form[technology]", "새 기술"),
                ("form[amount]", "2조"),
            ],
        ),
    ] {
        let back = s.url(referer);
        let res = form_post(&s, path, &a.cookie, &back, &args).await;
        assert!(
            matches!(res.status(), StatusCode::FOUND | StatusCode::SEE_OTHER),
            "{path}: {}",
            res.status()
        );
        let location = res.headers()[header::LOCATION].to_str().unwrap();
        assert!(
            location.starts_with(&back) && location.contains("__err"),
            "{path}: {location}"
        );
    }

    assert_eq!(snapshot(&s, a.company_id).await, before, "nothing saved");
    assert_eq!(
        s.store.audit_log(1000, None).await.unwrap().len(),
        audit_before,
        "no change recorded"
    );
}

// --- 5. Hostile Markdown comes out inert ----------------------------------

async fn hostile_markdown_is_rendered_inert_end_to_end(s: TestServer) {
    let a = founder(&s, "a@startup.kr", "co-a", "탄소온").await;
    let hostile = "소개 문단 qxsafetextqx\n\n\
        <img src=x onerror=alert(1)>\n\n\
        [x](javascript:alert(1))\n\n\
        <script>alert(1)</script>\n\n\
        문단 안의 <img src=y onerror=alert(2)> 그림과 <a href=\"javascript:alert(3)\">링크</a>\n\n\
        ![그림](javascript:alert(4)) </textarea></script><script>alert(5)</script>";
    let (status, body) = call(
        &s,
        "/api/companies/pitch",
        Some(&a.cookie),
        &[
            ("slug", "co-a"),
            ("form[technology]", hostile),
            ("form[technology_visibility]", "public"),
            ("intent", "publish"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({ "Published": { "revision": 1 } })
    );

    let (status, body) = call(&s, "/api/companies/page", None, &[("slug", "co-a")]).await;
    assert_eq!(status, StatusCode::OK);
    let data: Value = serde_json::from_str(&body).unwrap();
    let html = section(&data, "Technology")["html"].as_str().unwrap();
    assert!(html.contains("qxsafetextqx"), "{html}");
    assert!(html.contains("&lt;img"), "raw HTML kept as text: {html}");
    assert_inert("companies/page section", html);
    assert_inert("companies/page JSON", &body);

    for (who, cookie) in [("visitor", None), ("member", Some(a.cookie.as_str()))] {
        let (status, _, page_html) = page(&s, "/companies/co-a", cookie).await;
        assert_eq!(status, StatusCode::OK, "{who}");
        assert!(page_html.contains("qxsafetextqx"), "{who}");
        assert_inert(&format!("company page for {who}"), &page_html);
    }

    // The live preview renders exactly as saving does.
    let preview = call_ok(
        &s,
        "/api/companies/preview",
        Some(&a.cookie),
        &[("markdown", hostile)],
    )
    .await;
    assert_eq!(preview.as_str().unwrap(), html);

    // The editor shows the source back in a <textarea>; it must stay text
    // there. A `</textarea>` in the source must not close the element and
    // turn what follows into live markup on the page served to the
    // company's members and to admins.
    let (status, _, editor_html) = page(&s, "/companies/co-a/pitch", Some(&a.cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(editor_html.contains("qxsafetextqx"));
    if let Some(at) = editor_html.find("<script>alert(5)</script>") {
        panic!(
            "the pitch editor page writes the Markdown source into its <textarea> \
             unescaped, so `</textarea>` in a section breaks out: …{}…",
            around(&editor_html, at)
        );
    }
}

// --- 6. Search ------------------------------------------------------------

async fn directory_search_and_filters_respect_the_reader(s: TestServer) {
    let a = founder(&s, "a@startup.kr", "co-a", "탄소온").await;
    let b = founder(&s, "b@startup.kr", "co-b", "비전랩").await;
    let c = founder(&s, "c@startup.kr", "co-c", "카본윙").await;
    let pending = investor(&s, "pending@angel.kr", false).await;
    let verified = investor(&s, "verified@angel.kr", true).await;
    let carbon = cluster_id(&s, "carbon-materials").await;
    let it = cluster_id(&s, "it-convergence").await;
    let companies = [
        (
            &a,
            "탄소온",
            carbon,
            Stage::Seed,
            "탄소섬유 발열매트로 겨울 농가 난방비를 절반으로",
            500_000_000,
        ),
        (
            &b,
            "비전랩",
            it,
            Stage::Seed,
            "스마트팩토리 비전 검사",
            100_000_000,
        ),
        (
            &c,
            "카본윙",
            carbon,
            Stage::SeriesA,
            "탄소 복합소재 드론 프레임",
            2_000_000_000,
        ),
    ];
    for (f, name, cluster, stage, one_liner, won) in companies {
        set_profile(
            &s,
            f.company_id,
            CompanyProfile {
                name_ko: name.into(),
                cluster_id: Some(cluster),
                stage: Some(stage),
                one_liner: Some(one_liner.into()),
                ..Default::default()
            },
        )
        .await;
        let public = format!("{name} 기술 설명 {PUBLIC_MARK}");
        let hidden = format!("{name} 투자 조건 {INVESTOR_MARK}");
        publish(
            &s,
            f,
            &[
                (SectionKind::Technology, Visibility::Public, public.as_str()),
                (
                    SectionKind::FundingPlan,
                    Visibility::Investors,
                    hidden.as_str(),
                ),
            ],
            &ask(won, "설비"),
        )
        .await;
    }

    let everyone: Vec<(&str, Option<&str>)> = vec![
        ("visitor", None),
        ("pending investor", Some(&pending.cookie)),
        ("verified investor", Some(&verified.cookie)),
    ];
    for (who, cookie) in &everyone {
        let found = directory(&s, *cookie, &[("q", "탄소")]).await;
        assert_eq!(slugs(&found), ["co-a", "co-c"], "{who}: {found}");
        assert_eq!(found["terms"], json!(["탄소"]), "{who}");
        let found = directory(&s, *cookie, &[("q", "발열매트")]).await;
        assert_eq!(slugs(&found), ["co-a"], "{who}: {found}");

        // Public pitch text is searched; investor-only text is not, even
        // for readers who may read it.
        let found = directory(&s, *cookie, &[("q", PUBLIC_MARK)]).await;
        assert_eq!(found["total"], 3, "{who}: {found}");
        let found = directory(&s, *cookie, &[("q", INVESTOR_MARK)]).await;
        assert_eq!(found["total"], 0, "{who}: {found}");
        assert_eq!(found["cards"], json!([]), "{who}");
        let all = directory(&s, *cookie, &[]).await;
        assert!(!all.to_string().contains(INVESTOR_MARK), "{who}: {all}");

        let found = directory(
            &s,
            *cookie,
            &[("cluster", "carbon-materials"), ("stage", "seed")],
        )
        .await;
        assert_eq!(slugs(&found), ["co-a"], "{who}: {found}");
        let found = directory(&s, *cookie, &[("cluster", "carbon-materials")]).await;
        assert_eq!(slugs(&found), ["co-a", "co-c"], "{who}");
        let found = directory(&s, *cookie, &[("stage", "seed")]).await;
        assert_eq!(slugs(&found), ["co-a", "co-b"], "{who}");
        let found = directory(&s, *cookie, &[("q", "탄소"), ("cluster", "it-convergence")]).await;
        assert_eq!(found["total"], 0, "{who}: terms and filters combine");
    }

    // Amounts: ignored (and said so) for readers who may not see funding
    // terms, applied for a verified investor.
    for (who, cookie) in &everyone[..2] {
        let found = directory(&s, *cookie, &[("min_amount", "10억")]).await;
        assert_eq!(found["may_see_funding"], false, "{who}");
        assert_eq!(found["ignored"], json!(["min_amount"]), "{who}");
        assert_eq!(slugs(&found), ["co-a", "co-b", "co-c"], "{who}");
        for card in found["cards"].as_array().unwrap() {
            assert_eq!(card["ask"], Value::Null, "{who}: {card}");
            assert_eq!(card["instrument"], Value::Null, "{who}: {card}");
        }
        let body = found.to_string();
        assert!(
            !body.contains("500000000") && !body.contains("2000000000"),
            "{who}: {body}"
        );
        // Sorting by amount would reveal the order of the asks.
        let sorted = directory(&s, *cookie, &[("sort", "amount")]).await;
        assert_eq!(sorted["ignored"], json!(["sort"]), "{who}");
    }
    let found = directory(&s, Some(&verified.cookie), &[("min_amount", "10억")]).await;
    assert_eq!(found["may_see_funding"], true);
    assert_eq!(found["ignored"], json!([]));
    assert_eq!(slugs(&found), ["co-c"], "{found}");
    let all = directory(&s, Some(&verified.cookie), &[]).await;
    assert_eq!(card(&all, "co-a")["ask"], 500_000_000);
    assert_eq!(card(&all, "co-a")["instrument"], "Rcps");
    assert_eq!(card(&all, "co-c")["ask"], 2_000_000_000);
    let found = directory(
        &s,
        Some(&verified.cookie),
        &[("max_amount", "10억"), ("cluster", "carbon-materials")],
    )
    .await;
    assert_eq!(slugs(&found), ["co-a"], "{found}");
}

// --- 7. Publishing and history ---------------------------------------------

async fn publishing_numbers_revisions_and_history_shows_what_changed(s: TestServer) {
    let a = founder(&s, "a@startup.kr", "co-a", "탄소온").await;
    let pitch = |market: &'static str| {
        vec![
            ("slug", "co-a"),
            ("form[technology]", "첫째 줄\n둘째 줄"),
            ("form[market]", market),
            ("form[amount]", "5억"),
            ("form[instrument]", "rcps"),
        ]
    };

    // A save without publishing is a draft only.
    let saved = call_ok(
        &s,
        "/api/companies/pitch",
        Some(&a.cookie),
        &pitch("시장 A"),
    )
    .await;
    assert_eq!(saved, json!("Draft"));
    assert!(s.store.revisions(a.company_id).await.unwrap().is_empty());
    let (status, _) = call(&s, "/api/companies/page", None, &[("slug", "co-a")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a draft publishes nothing");

    let mut form = pitch("시장 A");
    form.push(("intent", "publish"));
    let published = call_ok(&s, "/api/companies/pitch", Some(&a.cookie), &form).await;
    assert_eq!(published, json!({ "Published": { "revision": 1 } }));

    // The second publish comes from the plain form, without JavaScript.
    let back = s.url("/companies/co-a/pitch");
    let mut form = pitch("시장 B\n추가 줄");
    form.push(("intent", "publish"));
    let res = form_post(&s, "/api/companies/pitch", &a.cookie, &back, &form).await;
    assert!(
        matches!(res.status(), StatusCode::FOUND | StatusCode::SEE_OTHER),
        "{}",
        res.status()
    );
    // Back to the page, marked with the success and the output, so the
    // page can say "revision 2 published" without any script.
    let location = res.headers()[header::LOCATION].to_str().unwrap();
    assert!(!location.contains("__err"), "{location}");
    assert_eq!(
        location,
        format!(
            "{back}?__ok=%2Fapi%2Fcompanies%2Fpitch&__out=%7B%22Published%22%3A%7B%22revision%22%3A2%7D%7D"
        )
    );
    assert_eq!(
        s.store.company_by_id(a.company_id).await.unwrap().revision,
        2
    );

    let history = call_ok(
        &s,
        "/api/companies/history",
        Some(&a.cookie),
        &[("slug", "co-a")],
    )
    .await;
    let numbers: Vec<i64> = history["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [2, 1]);
    assert_eq!(history["revisions"][0]["published_by"], "a 님");
    assert_eq!(history["compared"], json!([1, 2]));
    let diffs = history["diffs"].as_array().unwrap();
    assert_eq!(diffs.len(), 1, "only the changed section: {history}");
    assert_eq!(diffs[0]["kind"], "Market");
    assert_eq!(diffs[0]["added"], 2);
    assert_eq!(diffs[0]["removed"], 1);
    assert_eq!(
        diffs[0]["lines"],
        json!([
            { "change": "Removed", "text": "시장 A" },
            { "change": "Added", "text": "시장 B" },
            { "change": "Added", "text": "추가 줄" },
        ])
    );
    assert_eq!(history["funding"], Value::Null, "funding did not change");

    // Explicit bounds pick the pair; unknown numbers fall back.
    let same = call_ok(
        &s,
        "/api/companies/history",
        Some(&a.cookie),
        &[("slug", "co-a"), ("from", "1"), ("to", "2")],
    )
    .await;
    assert_eq!(same["diffs"], history["diffs"]);
    let fallback = call_ok(
        &s,
        "/api/companies/history",
        Some(&a.cookie),
        &[("slug", "co-a"), ("from", "77"), ("to", "-3")],
    )
    .await;
    assert_eq!(fallback["compared"], json!([1, 2]));

    // Publishing what is already published is refused by name.
    let mut form = pitch("시장 B\n추가 줄");
    form.push(("intent", "publish"));
    let (status, body) = call(&s, "/api/companies/pitch", Some(&a.cookie), &form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        field_error("publish", json!("NothingToPublish"))
    );
    assert_eq!(s.store.revisions(a.company_id).await.unwrap().len(), 2);

    // Readers see the latest revision.
    let data = call_ok(&s, "/api/companies/page", None, &[("slug", "co-a")]).await;
    assert_eq!(data["profile"]["revision"], 2);
    assert!(section(&data, "Market")["html"]
        .as_str()
        .unwrap()
        .contains("추가 줄"));
    assert_eq!(data["funding_locked"], true);

    // A funding change shows in the history as such.
    let mut form = pitch("시장 B\n추가 줄");
    form.retain(|(k, _)| *k != "form[amount]");
    form.push(("form[amount]", "7억"));
    form.push(("intent", "publish"));
    let published = call_ok(&s, "/api/companies/pitch", Some(&a.cookie), &form).await;
    assert_eq!(published, json!({ "Published": { "revision": 3 } }));
    let history = call_ok(
        &s,
        "/api/companies/history",
        Some(&a.cookie),
        &[("slug", "co-a")],
    )
    .await;
    assert_eq!(history["compared"], json!([2, 3]));
    assert_eq!(history["diffs"], json!([]));
    assert_eq!(history["funding"]["from"]["amount"], 500_000_000);
    assert_eq!(history["funding"]["to"]["amount"], 700_000_000);
}

/// The smallest PNG whose header parses: the signature and an IHDR.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    b
}

/// Posts the logo form as a browser does; returns where it redirects.
async fn upload_logo(s: &TestServer, cookie: &str, slug: &str, bytes: &[u8]) -> String {
    const BOUNDARY: &str = "pitchbridge-logo-boundary";
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let res = common::app_server::client()
        .post(s.url(&format!("/companies/{slug}/logo")))
        .header(header::COOKIE, cookie)
        .header("sec-fetch-site", "same-origin")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string()
}

/// A logo uploaded through one process is served by another, under the
/// hash of its bytes, for good.
async fn logos_live_in_the_database_for_every_process(s: TestServer) {
    let a = founder(&s, "ceo@tanso.kr", "tansoon", "탄소온").await;
    let b = founder(&s, "ceo@ess.kr", "ess", "에너지곳간").await;
    let other = common::app_server::another_process(&s).await;
    let image = png(64, 64);

    let back = upload_logo(&s, &a.cookie, "tansoon", &image).await;
    assert_eq!(back, "/companies/tansoon/edit?logo=saved");
    let file = s
        .store
        .company_by_id(a.company_id)
        .await
        .unwrap()
        .logo_file
        .unwrap();
    let hash = app::ssr::evidence::sha256_hex(&image);
    assert_eq!(file, format!("{hash}.png"));

    let res = common::app_server::client()
        .get(other.url(&format!("/media/logos/{file}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
    assert_eq!(
        res.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), image.as_slice());
    // The other process's company page links it too (unpublished: its
    // founder sees it).
    let (status, _, body) = page(&other, "/companies/tansoon", Some(&a.cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&format!("/media/logos/{file}")));

    // The same bytes from another company: the same stored file.
    upload_logo(&s, &b.cookie, "ess", &image).await;
    assert_eq!(
        s.store.company_by_id(b.company_id).await.unwrap().logo_file,
        Some(file.clone())
    );

    // Not an image: refused, the logo stays.
    let back = upload_logo(&s, &a.cookie, "tansoon", b"<svg onload=alert(1)>").await;
    assert_eq!(back, "/companies/tansoon/edit?logo_error=not_image");
    assert_eq!(
        s.store.company_by_id(a.company_id).await.unwrap().logo_file,
        Some(file.clone())
    );
    // Someone else's company: forbidden, nothing changes.
    let res = common::app_server::client()
        .post(s.url("/companies/ess/logo"))
        .header(header::COOKIE, &a.cookie)
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
        .body("--x--\r\n")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    for missing in [
        format!("{}.png", app::ssr::evidence::sha256_hex(b"never stored")),
        format!("{hash}.jpg"),
        "../secret.key".to_string(),
        "1-0123456789abcdef.png".to_string(),
    ] {
        let res = common::app_server::client()
            .get(other.url(&format!("/media/logos/{missing}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{missing}");
    }
    other.store.close().await;
}

on_both_backends!(crate::common::app_server::with_server =>
    logos_live_in_the_database_for_every_process,
    each_reader_sees_exactly_their_sections,
    unpublished_companies_are_not_found_except_to_their_editors,
    members_cannot_edit_another_company_by_naming_it,
    bad_input_is_refused_with_its_field_and_changes_nothing,
    hostile_markdown_is_rendered_inert_end_to_end,
    directory_search_and_filters_respect_the_reader,
    publishing_numbers_revisions_and_history_shows_what_changed,
);
