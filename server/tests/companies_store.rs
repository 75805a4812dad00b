//! The company half of the data layer: every test runs against SQLite and
//! PostgreSQL.

mod common;

use app::domain::company::{
    CompanyProfile, Funding, Instrument, MemberRole, Membership, NewUpdate, RevenueBand,
    SectionKind, Stage, UpdateKind, Visibility,
};
use app::domain::directory::{search_terms, DirectoryFilter, Freshness, Sort};
use app::domain::money::Won;
use app::domain::role::Role;
use app::ssr::company_store::{CompanyCardRecord, StoredSection};
use app::ssr::store::{NewCompany, Registration};
use app::ssr::{DbError, DbResult, NewAuditEvent, NewSession, NewUser, Store};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::fmt::Debug;
use std::sync::Arc;

// --- Helpers -----------------------------------------------------------

fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.to_string(),
        display_name: format!("이름 {}", email.split('@').next().unwrap_or(email)),
        role,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_string(),
        locale: "ko".to_string(),
        is_demo: false,
        verification: app::domain::account::Verification::initial_for(role),
        club_id: None,
    }
}

/// Whole seconds, so timestamps compare equal after a PostgreSQL round
/// trip (microseconds) as after a SQLite one.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

fn audit(action: &'static str) -> NewAuditEvent {
    NewAuditEvent {
        actor_id: None,
        actor_label: "test".to_string(),
        action,
        object_type: "company",
        object_id: None,
        detail: String::new(),
        ip: None,
        at: now(),
    }
}

/// A startup account with its company; returns (user id, company id).
async fn founder(store: &Arc<dyn Store>, email: &str, company: &str) -> (i64, i64) {
    let registration = Registration {
        user: new_user(email, Role::Startup),
        company: Some(NewCompany {
            slug: format!("co-{}", email.replace(['@', '.'], "-")),
            name_ko: company.to_string(),
        }),
        club: None,
    };
    let user_id = store
        .register(&registration, &audit("account.sign_up"))
        .await
        .unwrap();
    let membership = store
        .membership_of(user_id)
        .await
        .unwrap()
        .expect("owner of the new company");
    assert_eq!(membership.role, MemberRole::Owner);
    (user_id, membership.company_id)
}

async fn cluster_id(store: &Arc<dyn Store>, slug: &str) -> i64 {
    store.cluster_by_slug(slug).await.unwrap().id
}

fn profile(name_ko: &str) -> CompanyProfile {
    CompanyProfile {
        name_ko: name_ko.to_string(),
        ..Default::default()
    }
}

fn section(kind: SectionKind, visibility: Visibility, markdown: &str) -> StoredSection {
    StoredSection {
        kind,
        visibility,
        markdown: markdown.to_string(),
        html: format!("<p>{markdown}</p>"),
        plain_text: markdown.to_string(),
    }
}

/// Six sections: the given ones, the rest empty with default visibility.
fn pitch(given: &[(SectionKind, Visibility, &str)]) -> Vec<StoredSection> {
    SectionKind::ALL
        .iter()
        .map(|&kind| match given.iter().find(|(k, _, _)| *k == kind) {
            Some((_, visibility, markdown)) => section(kind, *visibility, markdown),
            None => section(kind, kind.default_visibility(), ""),
        })
        .map(|mut s| {
            if s.markdown.is_empty() {
                s.html.clear();
            }
            s
        })
        .collect()
}

fn ask(won: i64) -> Funding {
    Funding {
        amount: Some(Won(won)),
        instrument: Some(Instrument::Rcps),
        use_of_funds: "양산 설비".to_string(),
    }
}

async fn save_and_publish(
    store: &Arc<dyn Store>,
    company_id: i64,
    user_id: i64,
    sections: &[StoredSection],
    funding: &Funding,
    at: DateTime<Utc>,
) -> i64 {
    store
        .save_pitch_draft(
            company_id,
            sections,
            funding,
            user_id,
            at,
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    store
        .publish_pitch(company_id, user_id, at, &audit("company.publish"))
        .await
        .unwrap()
}

#[track_caller]
fn assert_conflict<T: Debug>(result: DbResult<T>, name: &str) {
    match result {
        Err(DbError::Conflict(found)) if found == name => {}
        other => panic!("expected Conflict({name:?}), got {other:?}"),
    }
}

#[track_caller]
fn assert_not_found<T: Debug>(result: DbResult<T>) {
    assert!(
        matches!(result, Err(DbError::NotFound)),
        "expected NotFound, got {result:?}"
    );
}

async fn audit_actions(store: &Arc<dyn Store>) -> Vec<String> {
    let mut log = store.audit_log(1000, None).await.unwrap();
    log.reverse();
    log.into_iter().map(|e| e.action).collect()
}

fn count(actions: &[String], action: &str) -> usize {
    actions.iter().filter(|a| *a == action).count()
}

fn filter() -> DirectoryFilter {
    DirectoryFilter {
        page: 1,
        ..Default::default()
    }
}

fn search(q: &str) -> DirectoryFilter {
    DirectoryFilter {
        terms: search_terms(q),
        ..filter()
    }
}

async fn names(store: &Arc<dyn Store>, filter: &DirectoryFilter) -> Vec<String> {
    let page = store.directory(filter, 100, 0).await.unwrap();
    assert_eq!(
        page.total,
        page.items.len() as i64,
        "count query agrees with the page"
    );
    page.items.into_iter().map(|c| c.name_ko).collect()
}

// --- Profiles ----------------------------------------------------------

async fn profile_round_trips_and_unknown_cluster_changes_nothing(store: Arc<dyn Store>) {
    let (owner, company) = founder(&store, "ceo@tanso.kr", "탄소온").await;
    let fresh = store.company_by_id(company).await.unwrap();
    assert_eq!(fresh.name_ko, "탄소온");
    assert_eq!(fresh.slug, "co-ceo-tanso-kr");
    assert_eq!((fresh.revision, fresh.published_at), (0, None));
    assert!(fresh.tags.is_empty() && fresh.cluster_id.is_none() && fresh.stage.is_none());
    assert_eq!(
        fresh.updated_at, fresh.created_at,
        "updated_at starts at created_at"
    );

    let carbon = cluster_id(&store, "carbon-materials").await;
    let full = CompanyProfile {
        name_ko: "탄소온".into(),
        name_en: Some("TansoOn".into()),
        cluster_id: Some(carbon),
        location: Some("경북 구미시".into()),
        founded_year: Some(2019),
        employees: Some(14),
        revenue_band: Some(RevenueBand::From1bTo5b),
        stage: Some(Stage::Seed),
        one_liner: Some("탄소섬유 발열매트로 겨울 농가 난방비를 절반으로".into()),
        website: Some("https://tansoon.example".into()),
        contact_email: Some("ir@tansoon.example".into()),
        tags: vec!["탄소섬유".into(), "발열매트".into(), "난방".into()],
    };
    let at = now() + Duration::seconds(5);
    store
        .update_company_profile(company, &full, at, &audit("company.update_profile"))
        .await
        .unwrap();
    let saved = store.company_by_slug("co-ceo-tanso-kr").await.unwrap();
    assert_eq!(saved.id, company);
    assert_eq!(saved.name_en.as_deref(), Some("TansoOn"));
    assert_eq!(saved.cluster_id, Some(carbon));
    assert_eq!(saved.cluster_slug.as_deref(), Some("carbon-materials"));
    assert_eq!(saved.cluster_name_ko.as_deref(), Some("탄소부품소재"));
    assert_eq!(
        saved.cluster_name_en.as_deref(),
        Some("Carbon Parts & Materials")
    );
    assert_eq!(saved.location.as_deref(), Some("경북 구미시"));
    assert_eq!(
        (saved.founded_year, saved.employees),
        (Some(2019), Some(14))
    );
    assert_eq!(saved.revenue_band, Some(RevenueBand::From1bTo5b));
    assert_eq!(saved.stage, Some(Stage::Seed));
    assert_eq!(saved.one_liner, full.one_liner);
    assert_eq!(saved.website, full.website);
    assert_eq!(saved.contact_email, full.contact_email);
    assert_eq!(saved.tags, full.tags);
    assert_eq!(saved.updated_at, at);
    assert_eq!(saved.created_at, fresh.created_at);
    assert_eq!(
        saved.published_at, None,
        "saving a profile publishes nothing"
    );
    assert_eq!(store.company_by_id(company).await.unwrap(), saved);

    // An unknown cluster is refused inside the transaction: nothing saved.
    let mut bad = full.clone();
    bad.name_ko = "바뀐이름".into();
    bad.cluster_id = Some(9999);
    assert_conflict(
        store
            .update_company_profile(company, &bad, now(), &audit("company.update_profile"))
            .await,
        "cluster_id",
    );
    assert_eq!(store.company_by_id(company).await.unwrap(), saved);

    // Clearing optional fields stores NULLs and no tags.
    store
        .update_company_profile(
            company,
            &profile("탄소온"),
            at,
            &audit("company.update_profile"),
        )
        .await
        .unwrap();
    let cleared = store.company_by_id(company).await.unwrap();
    assert!(cleared.tags.is_empty() && cleared.cluster_slug.is_none() && cleared.stage.is_none());

    assert_not_found(
        store
            .update_company_profile(9999, &full, now(), &audit("company.update_profile"))
            .await,
    );
    assert_not_found(store.company_by_slug("no-such-company").await);
    assert_not_found(store.company_by_id(9999).await);

    // Logos: stored once by content, named by the caller; the previous
    // name comes back.
    let logo = |bytes: &[u8]| app::ssr::company_store::StoredFile {
        sha256: app::ssr::evidence::sha256_hex(bytes),
        content_type: "image/png".into(),
        bytes: bytes.to_vec(),
    };
    let (a_png, b_png) = (logo(b"a"), logo(b"b"));
    assert_eq!(
        store
            .set_company_logo(company, "a.png", &a_png, &audit("company.set_logo"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .set_company_logo(company, "b.png", &b_png, &audit("company.set_logo"))
            .await
            .unwrap(),
        Some("a.png".to_string())
    );
    assert_eq!(
        store
            .company_by_id(company)
            .await
            .unwrap()
            .logo_file
            .as_deref(),
        Some("b.png")
    );
    assert_eq!(store.stored_file(&b_png.sha256).await.unwrap(), b_png);
    assert_eq!(
        store.stored_file(&a_png.sha256).await.unwrap(),
        a_png,
        "an earlier logo's URL keeps working"
    );
    assert_not_found(store.stored_file(&logo(b"never").sha256).await);
    assert_not_found(
        store
            .set_company_logo(9999, "c.png", &a_png, &audit("company.set_logo"))
            .await,
    );

    assert_eq!(
        store.membership_of(owner).await.unwrap(),
        Some(Membership {
            company_id: company,
            company_slug: "co-ceo-tanso-kr".into(),
            role: MemberRole::Owner
        })
    );
    let investor = store
        .create_user(&new_user("angel@club.kr", Role::Investor))
        .await
        .unwrap();
    assert_eq!(store.membership_of(investor).await.unwrap(), None);

    // Successful writes only, each exactly once, with the company as object.
    let actions = audit_actions(&store).await;
    assert_eq!(
        actions,
        [
            "account.sign_up",
            "company.update_profile",
            "company.update_profile",
            "company.set_logo",
            "company.set_logo"
        ]
    );
    let log = store.audit_log(1, None).await.unwrap();
    assert_eq!(log[0].object_id, company.to_string());
}

// --- Drafts and revisions ----------------------------------------------

async fn drafts_always_have_six_sections_in_order(store: Arc<dyn Store>) {
    let (owner, company) = founder(&store, "ceo@draft.kr", "초안회사").await;
    let empty = store.pitch_draft(company).await.unwrap();
    let kinds: Vec<SectionKind> = empty.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, SectionKind::ALL);
    for s in &empty.sections {
        assert!(s.markdown.is_empty() && s.html.is_empty() && s.plain_text.is_empty());
        assert_eq!(s.visibility, s.kind.default_visibility());
    }
    assert_eq!(empty.funding, Funding::default());
    assert_eq!((empty.saved_at, empty.saved_by.clone()), (None, None));
    assert!(!empty.has_unpublished_changes);

    // Saved out of order and incomplete; read back complete and in order.
    let given = vec![
        section(SectionKind::Team, Visibility::Investors, "**팀** 소개"),
        section(
            SectionKind::Technology,
            Visibility::Public,
            "탄소섬유 발열체",
        ),
        section(SectionKind::FundingPlan, Visibility::Public, "5억원 유치"),
    ];
    let at = now();
    store
        .save_pitch_draft(
            company,
            &given,
            &ask(500_000_000),
            owner,
            at,
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    let draft = store.pitch_draft(company).await.unwrap();
    let kinds: Vec<SectionKind> = draft.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, SectionKind::ALL);
    assert_eq!(draft.sections[0], given[1]);
    assert_eq!(draft.sections[4], given[0]);
    assert_eq!(
        draft.sections[5], given[2],
        "a visibility the company opened is kept"
    );
    assert!(draft.sections[1].markdown.is_empty());
    assert_eq!(draft.sections[3].visibility, Visibility::Investors);
    assert_eq!(draft.funding, ask(500_000_000));
    assert_eq!(draft.saved_at, Some(at));
    assert_eq!(draft.saved_by.as_deref(), Some("이름 ceo"));
    assert!(draft.has_unpublished_changes);

    // Saving replaces the whole draft.
    let replaced = pitch(&[(SectionKind::Market, Visibility::Public, "국내 농가 시장")]);
    store
        .save_pitch_draft(
            company,
            &replaced,
            &Funding::default(),
            owner,
            at,
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    let draft = store.pitch_draft(company).await.unwrap();
    assert_eq!(draft.sections, replaced);
    assert_eq!(draft.funding, Funding::default());

    assert_not_found(store.pitch_draft(9999).await);
    assert_not_found(
        store
            .save_pitch_draft(
                9999,
                &replaced,
                &Funding::default(),
                owner,
                at,
                &audit("company.save_draft"),
            )
            .await,
    );
    assert_eq!(count(&audit_actions(&store).await, "company.save_draft"), 2);
}

async fn publishing_numbers_revisions_and_refuses_no_ops(store: Arc<dyn Store>) {
    let (owner, company) = founder(&store, "ceo@pub.kr", "발행회사").await;
    let (other_owner, other) = founder(&store, "ceo@other.kr", "다른회사").await;

    // An empty draft has nothing to publish.
    assert_conflict(
        store
            .publish_pitch(company, owner, now(), &audit("company.publish"))
            .await,
        "nothing_to_publish",
    );
    let first = pitch(&[
        (SectionKind::Technology, Visibility::Public, "그래핀 코팅"),
        (
            SectionKind::BusinessPlan,
            Visibility::Investors,
            "3년차 매출 30억",
        ),
    ]);
    let t1 = now() - Duration::days(3);
    assert_eq!(
        save_and_publish(&store, company, owner, &first, &ask(300_000_000), t1).await,
        1
    );
    let published = store.company_by_id(company).await.unwrap();
    assert_eq!((published.revision, published.published_at), (1, Some(t1)));
    assert_eq!(published.updated_at, t1);
    assert!(
        !store
            .pitch_draft(company)
            .await
            .unwrap()
            .has_unpublished_changes
    );

    // Unchanged: refused, nothing written.
    assert_conflict(
        store
            .publish_pitch(company, owner, now(), &audit("company.publish"))
            .await,
        "nothing_to_publish",
    );
    // An emptied draft is not published either.
    store
        .save_pitch_draft(
            company,
            &pitch(&[]),
            &Funding::default(),
            owner,
            now(),
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    assert_conflict(
        store
            .publish_pitch(company, owner, now(), &audit("company.publish"))
            .await,
        "nothing_to_publish",
    );

    // New content and terms make revision 2.
    let second = pitch(&[
        (
            SectionKind::Technology,
            Visibility::Public,
            "그래핀 코팅 2세대",
        ),
        (
            SectionKind::BusinessPlan,
            Visibility::Investors,
            "3년차 매출 30억",
        ),
    ]);
    let t2 = now() - Duration::days(2);
    assert_eq!(
        save_and_publish(&store, company, owner, &second, &ask(500_000_000), t2).await,
        2
    );

    // Re-saving the same content (re-rendered HTML) is not a change…
    let mut rerendered = second.clone();
    rerendered[0].html = "<p>그래핀 코팅 2세대</p>\n".into();
    store
        .save_pitch_draft(
            company,
            &rerendered,
            &ask(500_000_000),
            owner,
            now(),
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    assert!(
        !store
            .pitch_draft(company)
            .await
            .unwrap()
            .has_unpublished_changes
    );
    // …but opening a section to the public is.
    let mut opened = second.clone();
    opened[3].visibility = Visibility::Public;
    store
        .save_pitch_draft(
            company,
            &opened,
            &ask(500_000_000),
            owner,
            now(),
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    assert!(
        store
            .pitch_draft(company)
            .await
            .unwrap()
            .has_unpublished_changes
    );
    let t3 = now() - Duration::days(1);
    assert_eq!(
        store
            .publish_pitch(company, other_owner, t3, &audit("company.publish"))
            .await
            .unwrap(),
        3
    );

    let history = store.revisions(company).await.unwrap();
    let numbers: Vec<i64> = history.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [3, 2, 1], "newest first");
    assert_eq!(history[0].published_at, t3);
    assert_eq!(
        history[0].published_by, "이름 ceo",
        "the publisher's name at the time"
    );
    assert_eq!(history[2].published_at, t1);

    let r1 = store.revision(company, 1).await.unwrap();
    assert_eq!(r1.meta.number, 1);
    assert_eq!(r1.meta.published_at, t1);
    assert_eq!(r1.sections, first);
    assert_eq!(r1.funding, ask(300_000_000));
    let r2 = store.revision(company, 2).await.unwrap();
    assert_eq!(r2.sections, second);
    assert_eq!(r2.funding.amount, Some(Won(500_000_000)));
    let r3 = store.revision(company, 3).await.unwrap();
    assert_eq!(r3.sections[3].visibility, Visibility::Public);
    assert_not_found(store.revision(company, 4).await);
    assert_not_found(store.revision(company, 0).await);
    assert_not_found(store.revision(other, 1).await);
    assert!(store.revisions(other).await.unwrap().is_empty());

    let latest = store.company_by_id(company).await.unwrap();
    assert_eq!((latest.revision, latest.published_at), (3, Some(t3)));
    assert_not_found(
        store
            .publish_pitch(9999, owner, now(), &audit("company.publish"))
            .await,
    );

    // Two publishes at once: one makes revision 4, the other finds nothing
    // left to publish; never two revisions with one number.
    store
        .save_pitch_draft(
            company,
            &first,
            &ask(700_000_000),
            owner,
            now(),
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .publish_pitch(company, owner, now(), &audit("company.publish"))
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for racer in racers {
        results.push(racer.await.unwrap());
    }
    let won: Vec<i64> = results
        .iter()
        .filter_map(|r| r.as_ref().ok().copied())
        .collect();
    assert_eq!(won, [4], "{results:?}");
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(DbError::Conflict(w)) if w == "nothing_to_publish")),
        "{results:?}"
    );
    assert_eq!(store.revisions(company).await.unwrap().len(), 4);

    let actions = audit_actions(&store).await;
    assert_eq!(count(&actions, "company.publish"), 4, "one per revision");
}

// --- Updates and company scoping ---------------------------------------

async fn writes_scoped_to_another_company_change_nothing(store: Arc<dyn Store>) {
    let (a_owner, a) = founder(&store, "ceo@a.kr", "에이").await;
    let (b_owner, b) = founder(&store, "ceo@b.kr", "비").await;
    let t = now();
    let mut ids = Vec::new();
    for (i, title) in ["첫 소식", "공급계약 체결", "시제품 완성"]
        .iter()
        .enumerate()
    {
        let update = NewUpdate {
            kind: [
                UpdateKind::News,
                UpdateKind::Contract,
                UpdateKind::Milestone,
            ][i],
            title: title.to_string(),
            body: format!("본문 {i}"),
        };
        let at = t - Duration::days(10 - i as i64);
        ids.push(
            store
                .post_update(b, &update, b_owner, at, &audit("company.post_update"))
                .await
                .unwrap(),
        );
    }
    let updates = store.company_updates(b, 10).await.unwrap();
    let titles: Vec<&str> = updates.iter().map(|u| u.title.as_str()).collect();
    assert_eq!(
        titles,
        ["시제품 완성", "공급계약 체결", "첫 소식"],
        "newest first"
    );
    assert_eq!(updates[1].kind, UpdateKind::Contract);
    assert_eq!(updates[1].posted_by, "이름 ceo");
    assert_eq!(updates[1].posted_at, t - Duration::days(9));
    assert_eq!(updates[2].body, "본문 0");
    assert_eq!(store.company_updates(b, 2).await.unwrap().len(), 2);
    assert!(store.company_updates(a, 10).await.unwrap().is_empty());
    let log = store.audit_log(1, None).await.unwrap();
    assert_eq!(
        log[0].object_id,
        ids[2].to_string(),
        "a new row is its own object"
    );

    // Company A naming B's rows: nothing found, nothing changed.
    assert_not_found(
        store
            .delete_update(a, ids[0], &audit("company.delete_update"))
            .await,
    );
    assert_eq!(store.company_updates(b, 10).await.unwrap().len(), 3);
    let invite = store
        .invite_member(b, "new@b.kr", b_owner, t, &audit("company.invite"))
        .await
        .unwrap();
    assert_not_found(
        store
            .revoke_invite(a, invite, &audit("company.revoke_invite"))
            .await,
    );
    assert_eq!(store.invites(b).await.unwrap().len(), 1);
    assert_not_found(
        store
            .remove_member(a, b_owner, &audit("company.remove_member"))
            .await,
    );
    assert_eq!(store.members(b).await.unwrap().len(), 1);
    assert!(store
        .members(a)
        .await
        .unwrap()
        .iter()
        .all(|m| m.user_id == a_owner));

    // B itself may.
    store
        .delete_update(b, ids[0], &audit("company.delete_update"))
        .await
        .unwrap();
    assert_eq!(store.company_updates(b, 10).await.unwrap().len(), 2);
    assert_not_found(
        store
            .delete_update(b, ids[0], &audit("company.delete_update"))
            .await,
    );

    let update = NewUpdate {
        kind: UpdateKind::News,
        title: "x".into(),
        body: String::new(),
    };
    assert_not_found(
        store
            .post_update(9999, &update, a_owner, t, &audit("company.post_update"))
            .await,
    );
    assert_not_found(
        store
            .post_update(a, &update, 9999, t, &audit("company.post_update"))
            .await,
    );

    let actions = audit_actions(&store).await;
    assert_eq!(count(&actions, "company.post_update"), 3);
    assert_eq!(count(&actions, "company.delete_update"), 1);
    assert_eq!(count(&actions, "company.revoke_invite"), 0);
    assert_eq!(count(&actions, "company.remove_member"), 0);
}

// --- Directory ---------------------------------------------------------

async fn directory_searches_korean_substrings_and_public_text_only(store: Arc<dyn Store>) {
    let carbon = cluster_id(&store, "carbon-materials").await;
    let energy = cluster_id(&store, "energy-efficiency").await;
    let (a_owner, a) = founder(&store, "ceo@tanso.kr", "탄소온").await;
    let (b_owner, b) = founder(&store, "ceo@ess.kr", "에너지곳간").await;
    let (c_owner, c) = founder(&store, "ceo@hidden.kr", "숨은회사").await;

    let mut a_profile = profile("탄소온");
    a_profile.cluster_id = Some(carbon);
    a_profile.one_liner = Some("탄소섬유 발열매트로 겨울 농가 난방비를 절반으로".into());
    a_profile.tags = vec!["발열매트".into(), "난방".into()];
    store
        .update_company_profile(a, &a_profile, now(), &audit("company.update_profile"))
        .await
        .unwrap();
    let mut b_profile = profile("에너지곳간");
    b_profile.cluster_id = Some(energy);
    b_profile.one_liner = Some("공장용 Energy Storage 배터리".into());
    b_profile.tags = vec!["ESS".into()];
    store
        .update_company_profile(b, &b_profile, now(), &audit("company.update_profile"))
        .await
        .unwrap();
    // C says everything A says, but never publishes.
    let mut c_profile = a_profile.clone();
    c_profile.name_ko = "숨은회사".into();
    store
        .update_company_profile(c, &c_profile, now(), &audit("company.update_profile"))
        .await
        .unwrap();
    store
        .save_pitch_draft(
            c,
            &pitch(&[(
                SectionKind::Technology,
                Visibility::Public,
                "탄소섬유 그래핀",
            )]),
            &ask(100_000_000),
            c_owner,
            now(),
            &audit("company.save_draft"),
        )
        .await
        .unwrap();

    // Nothing is published yet: the directory is empty.
    assert!(names(&store, &filter()).await.is_empty());

    let a_pitch = pitch(&[
        (
            SectionKind::Technology,
            Visibility::Public,
            "그래핀 코팅 발열체",
        ),
        (
            SectionKind::BusinessPlan,
            Visibility::Investors,
            "비공개매출계획 삼십억",
        ),
    ]);
    save_and_publish(&store, a, a_owner, &a_pitch, &ask(500_000_000), now()).await;
    let b_pitch = pitch(&[(
        SectionKind::Market,
        Visibility::Public,
        "리튬인산철 ESS 수요",
    )]);
    save_and_publish(&store, b, b_owner, &b_pitch, &ask(900_000_000), now()).await;

    assert_eq!(
        names(&store, &filter()).await,
        ["에너지곳간", "탄소온"],
        "only published, newest first"
    );
    for (q, expected) in [
        ("탄소", vec!["탄소온"]),     // 2 characters, a partial word
        ("탄", vec!["탄소온"]),       // 1 character
        ("탄소섬유", vec!["탄소온"]), // 3+ characters, from the index
        ("발열매트", vec!["탄소온"]),
        ("섬유 발열", vec!["탄소온"]), // two terms, both must match
        ("ESS", vec!["에너지곳간"]),
        ("ess", vec!["에너지곳간"]),
        ("EsS 배터리", vec!["에너지곳간"]),
        ("energy", vec!["에너지곳간"]),
        ("STORAGE", vec!["에너지곳간"]),
        ("그래핀", vec!["탄소온"]),       // a public section
        ("탄소부품", vec!["탄소온"]),     // the cluster's Korean name
        ("carbon parts", vec!["탄소온"]), // and its English name
        ("탄소 ess", vec![]),
        ("숨은회사", vec![]),       // unpublished
        ("비공개매출계획", vec![]), // investor-only section
        ("삼십억", vec![]),
        ("없는말", vec![]),
        ("발", vec!["탄소온"]),       // 1 character: the start of a pair
        ("stor", vec!["에너지곳간"]), // a Latin word half typed
        ("섬유탄소", vec![]),         // every pair is there, but not this word
    ] {
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(names(&store, &search(q)).await, expected, "search {q:?}");
    }
    // Hangul typed as decomposed jamo (NFD: macOS, PDFs) finds the same.
    let decomposed =
        "\u{1110}\u{1161}\u{11AB}\u{1109}\u{1169}\u{1109}\u{1165}\u{11B7}\u{110B}\u{1172}";
    assert_ne!(decomposed, "탄소섬유");
    assert_eq!(names(&store, &search(decomposed)).await, ["탄소온"]);
    let page = store.directory(&search("탄소"), 10, 0).await.unwrap();
    let card: &CompanyCardRecord = &page.items[0];
    assert!(
        card.search_text.contains("탄소섬유 발열매트"),
        "{}",
        card.search_text
    );
    assert!(card.search_text.contains("그래핀 코팅"));
    assert!(
        !card.search_text.contains("삼십억"),
        "no investor-only text in the card either"
    );
    assert_eq!(card.search_text, card.search_text.to_lowercase());
    assert_eq!(card.ask, Some(Won(500_000_000)));
    assert_eq!(card.instrument, Some(Instrument::Rcps));
    assert_eq!(card.cluster_slug.as_deref(), Some("carbon-materials"));
    assert_eq!(card.tags, ["발열매트", "난방"]);

    // A new revision replaces the searchable text; hiding a section hides
    // its words.
    let a_pitch2 = pitch(&[
        (
            SectionKind::Technology,
            Visibility::Investors,
            "그래핀 코팅 발열체",
        ),
        (SectionKind::Market, Visibility::Public, "나노튜브 시장"),
    ]);
    save_and_publish(&store, a, a_owner, &a_pitch2, &ask(500_000_000), now()).await;
    assert!(names(&store, &search("그래핀")).await.is_empty());
    assert_eq!(names(&store, &search("나노튜브")).await, ["탄소온"]);
    // A draft is never searchable.
    store
        .save_pitch_draft(
            a,
            &pitch(&[(SectionKind::Team, Visibility::Public, "초안전용단어")]),
            &ask(500_000_000),
            a_owner,
            now(),
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    assert!(names(&store, &search("초안전용")).await.is_empty());

    // A profile change is searchable at once, without republishing.
    b_profile.one_liner = Some("수소 연료전지".into());
    store
        .update_company_profile(b, &b_profile, now(), &audit("company.update_profile"))
        .await
        .unwrap();
    assert_eq!(names(&store, &search("수소")).await, ["에너지곳간"]);
    assert!(names(&store, &search("storage")).await.is_empty());
    assert_eq!(
        names(&store, &search("리튬인산철")).await,
        ["에너지곳간"],
        "sections stay"
    );
}

/// Name, cluster id, stage, ask, founding year, days since publishing.
type Listed = (&'static str, i64, Stage, Option<i64>, Option<i64>, i64);

async fn directory_filters_combine_sort_and_page(store: Arc<dyn Store>) {
    let carbon = cluster_id(&store, "carbon-materials").await;
    let energy = cluster_id(&store, "energy-efficiency").await;
    let t = now();
    let rows: [Listed; 7] = [
        (
            "가온",
            carbon,
            Stage::Seed,
            Some(300_000_000),
            Some(2015),
            1,
        ),
        (
            "나래",
            carbon,
            Stage::Seed,
            Some(800_000_000),
            Some(2018),
            2,
        ),
        (
            "다솜",
            carbon,
            Stage::PreA,
            Some(1_500_000_000),
            Some(2020),
            3,
        ),
        (
            "라온",
            energy,
            Stage::Seed,
            Some(500_000_000),
            Some(2019),
            4,
        ),
        ("마루", carbon, Stage::Seed, None, Some(2017), 5),
        (
            "바다",
            carbon,
            Stage::Seed,
            Some(600_000_000),
            Some(2016),
            200,
        ),
        ("사랑", energy, Stage::Idea, Some(50_000_000), None, 300),
    ];
    for (i, (name, cluster, stage, amount, founded, days)) in rows.iter().enumerate() {
        let (owner, company) = founder(&store, &format!("ceo{i}@dir.kr"), name).await;
        let mut p = profile(name);
        p.cluster_id = Some(*cluster);
        p.stage = Some(*stage);
        p.founded_year = *founded;
        store
            .update_company_profile(company, &p, t, &audit("company.update_profile"))
            .await
            .unwrap();
        let funding = match amount {
            Some(won) => ask(*won),
            None => Funding::default(),
        };
        let sections = pitch(&[(SectionKind::Technology, Visibility::Public, "기술 소개")]);
        save_and_publish(
            &store,
            company,
            owner,
            &sections,
            &funding,
            t - Duration::days(*days),
        )
        .await;
    }
    // Unpublished companies never count.
    founder(&store, "draft@dir.kr", "아직").await;

    let all = names(&store, &filter()).await;
    assert_eq!(
        all,
        ["가온", "나래", "다솜", "라온", "마루", "바다", "사랑"],
        "newest first"
    );

    let with = |f: fn(&mut DirectoryFilter)| {
        let mut filter = filter();
        f(&mut filter);
        filter
    };
    assert_eq!(
        names(
            &store,
            &with(|f| f.cluster_slug = Some("energy-efficiency".into()))
        )
        .await,
        ["라온", "사랑"]
    );
    assert!(names(
        &store,
        &with(|f| f.cluster_slug = Some("3d-printing".into()))
    )
    .await
    .is_empty());
    assert_eq!(
        names(&store, &with(|f| f.stage = Some(Stage::PreA))).await,
        ["다솜"]
    );
    // Either ask bound leaves out companies without an ask (마루).
    assert_eq!(
        names(&store, &with(|f| f.min_ask = Some(Won(500_000_000)))).await,
        ["나래", "다솜", "라온", "바다"]
    );
    assert_eq!(
        names(&store, &with(|f| f.max_ask = Some(Won(500_000_000)))).await,
        ["가온", "라온", "사랑"]
    );
    assert_eq!(
        names(&store, &with(|f| f.founded_from = Some(2017))).await,
        ["나래", "다솜", "라온", "마루"]
    );
    assert_eq!(
        names(&store, &with(|f| f.founded_to = Some(2016))).await,
        ["가온", "바다"]
    );
    assert_eq!(
        names(&store, &with(|f| f.freshness = Some(Freshness::Fresh))).await,
        ["가온", "나래", "다솜", "라온", "마루"]
    );
    assert_eq!(
        names(&store, &with(|f| f.freshness = Some(Freshness::Stale))).await,
        ["바다", "사랑"]
    );

    // Everything at once.
    let combined = with(|f| {
        f.cluster_slug = Some("carbon-materials".into());
        f.stage = Some(Stage::Seed);
        f.min_ask = Some(Won(100_000_000));
        f.max_ask = Some(Won(1_000_000_000));
        f.founded_from = Some(2015);
        f.founded_to = Some(2018);
        f.freshness = Some(Freshness::Fresh);
    });
    assert_eq!(names(&store, &combined).await, ["가온", "나래"]);
    let stale = DirectoryFilter {
        freshness: Some(Freshness::Stale),
        ..combined.clone()
    };
    assert_eq!(names(&store, &stale).await, ["바다"]);
    let searched = DirectoryFilter {
        terms: search_terms("기술"),
        ..combined.clone()
    };
    assert_eq!(names(&store, &searched).await, ["가온", "나래"]);

    // Sorts.
    assert_eq!(
        names(&store, &with(|f| f.sort = Sort::Amount)).await,
        ["다솜", "나래", "바다", "라온", "가온", "사랑", "마루"],
        "largest ask first, none last"
    );
    assert_eq!(
        names(&store, &with(|f| f.sort = Sort::Name)).await,
        ["가온", "나래", "다솜", "라온", "마루", "바다", "사랑"]
    );
    let by_amount_in_carbon = with(|f| {
        f.sort = Sort::Amount;
        f.cluster_slug = Some("carbon-materials".into());
    });
    assert_eq!(
        names(&store, &by_amount_in_carbon).await,
        ["다솜", "나래", "바다", "가온", "마루"]
    );

    // Pages: the total is the whole match, pages never overlap.
    let by_name = with(|f| f.sort = Sort::Name);
    let mut paged = Vec::new();
    for (offset, len) in [(0, 3), (3, 3), (6, 1), (9, 0)] {
        let page = store.directory(&by_name, 3, offset).await.unwrap();
        assert_eq!(page.total, 7);
        assert_eq!(page.items.len(), len, "offset {offset}");
        paged.extend(page.items.into_iter().map(|c| c.name_ko));
    }
    assert_eq!(paged, names(&store, &by_name).await);
    let carbon_page = store.directory(&combined, 1, 1).await.unwrap();
    assert_eq!(carbon_page.total, 2);
    assert_eq!(carbon_page.items.len(), 1);
    assert_eq!(carbon_page.items[0].name_ko, "나래");
    assert_eq!(carbon_page.items[0].stage, Some(Stage::Seed));
    assert_eq!(carbon_page.items[0].founded_year, Some(2018));
    assert_eq!(carbon_page.items[0].published_at, t - Duration::days(2));

    // The cluster counts follow publication.
    let clusters = store.list_clusters().await.unwrap();
    let count_of = |slug: &str| {
        clusters
            .iter()
            .find(|c| c.slug == slug)
            .unwrap()
            .company_count
    };
    assert_eq!(
        (count_of("carbon-materials"), count_of("energy-efficiency")),
        (5, 2)
    );
}

// --- Members and invitations -------------------------------------------

async fn invitations_and_membership_rules(store: Arc<dyn Store>) {
    let (owner, a) = founder(&store, "owner@a.kr", "에이회사").await;
    let (other_owner, b) = founder(&store, "owner@b.kr", "비회사").await;
    let x = store
        .create_user(&new_user("x@example.kr", Role::Startup))
        .await
        .unwrap();
    let y = store
        .create_user(&new_user("y@example.kr", Role::Startup))
        .await
        .unwrap();
    let z = store
        .create_user(&new_user("z@example.kr", Role::Startup))
        .await
        .unwrap();
    let t = now();

    let invite_x = store
        .invite_member(a, " X@Example.KR ", owner, t, &audit("company.invite"))
        .await
        .unwrap();
    let log = store.audit_log(1, None).await.unwrap();
    assert_eq!(log[0].object_id, invite_x.to_string());
    let open = store.invites(a).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, invite_x);
    assert_eq!(open[0].email, "x@example.kr", "stored lower-cased");
    assert_eq!(open[0].company_id, a);
    assert_eq!(open[0].company_name, "에이회사");
    assert_eq!(open[0].invited_by, "이름 owner");
    assert_eq!(open[0].created_at, t);
    assert_eq!(store.invites_for_email("X@EXAMPLE.kr").await.unwrap(), open);

    // One open invitation per address; members cannot be invited again;
    // members of another company cannot be invited at all.
    assert_conflict(
        store
            .invite_member(a, "x@example.kr", owner, t, &audit("company.invite"))
            .await,
        "email",
    );
    assert_conflict(
        store
            .invite_member(a, "OWNER@a.kr", owner, t, &audit("company.invite"))
            .await,
        "email",
    );
    assert_conflict(
        store
            .invite_member(a, "owner@b.kr", owner, t, &audit("company.invite"))
            .await,
        "member",
    );
    assert_not_found(
        store
            .invite_member(9999, "q@example.kr", owner, t, &audit("company.invite"))
            .await,
    );
    // Another company may invite the same address.
    let invite_x_to_b = store
        .invite_member(b, "x@example.kr", other_owner, t, &audit("company.invite"))
        .await
        .unwrap();
    assert_eq!(
        store.invites_for_email("x@example.kr").await.unwrap().len(),
        2
    );

    // Only the addressee may accept.
    assert_not_found(
        store
            .accept_invite(invite_x, y, t, &audit("company.join"))
            .await,
    );
    assert_not_found(
        store
            .accept_invite(9999, x, t, &audit("company.join"))
            .await,
    );
    assert_eq!(
        store
            .accept_invite(invite_x, x, t, &audit("company.join"))
            .await
            .unwrap(),
        a
    );
    assert_eq!(
        store.membership_of(x).await.unwrap(),
        Some(Membership {
            company_id: a,
            company_slug: "co-owner-a-kr".into(),
            role: MemberRole::Member
        })
    );
    assert!(
        store.invites(a).await.unwrap().is_empty(),
        "accepted invitations close"
    );
    assert_not_found(
        store
            .accept_invite(invite_x, x, t, &audit("company.join"))
            .await,
    );
    // One company per account.
    assert_conflict(
        store
            .accept_invite(invite_x_to_b, x, t, &audit("company.join"))
            .await,
        "member",
    );
    assert_eq!(store.members(b).await.unwrap().len(), 1);
    assert_conflict(
        store
            .invite_member(b, "x@example.kr", other_owner, t, &audit("company.invite"))
            .await,
        "email",
    );
    assert_conflict(
        store
            .invite_member(b, "owner@a.kr", other_owner, t, &audit("company.invite"))
            .await,
        "member",
    );

    let members = store.members(a).await.unwrap();
    let summary: Vec<(i64, MemberRole)> = members.iter().map(|m| (m.user_id, m.role)).collect();
    assert_eq!(
        summary,
        [(owner, MemberRole::Owner), (x, MemberRole::Member)],
        "owners first"
    );
    assert_eq!(members[1].email, "x@example.kr");
    assert_eq!(members[1].display_name, "이름 x");
    assert_eq!(members[1].joined_at, t);

    // A revoked invitation cannot be accepted and frees the address.
    let invite_y = store
        .invite_member(a, "y@example.kr", owner, t, &audit("company.invite"))
        .await
        .unwrap();
    store
        .revoke_invite(a, invite_y, &audit("company.revoke_invite"))
        .await
        .unwrap();
    assert_not_found(
        store
            .revoke_invite(a, invite_y, &audit("company.revoke_invite"))
            .await,
    );
    assert_not_found(
        store
            .accept_invite(invite_y, y, t, &audit("company.join"))
            .await,
    );
    assert!(store
        .invites_for_email("y@example.kr")
        .await
        .unwrap()
        .is_empty());
    let again = store
        .invite_member(a, "y@example.kr", owner, t, &audit("company.invite"))
        .await
        .unwrap();
    assert_ne!(again, invite_y);
    assert_not_found(
        store
            .revoke_invite(a, invite_x, &audit("company.revoke_invite"))
            .await,
    );

    // The membership rides along with the session.
    for (id, user) in [("s-owner", owner), ("s-x", x), ("s-z", z)] {
        store
            .create_session(&NewSession {
                id: id.to_string(),
                user_id: user,
                created_at: t,
                expires_at: t + Duration::hours(1),
                ip: None,
                user_agent: None,
            })
            .await
            .unwrap();
    }
    let (session, user, membership) = store.session_with_user("s-owner").await.unwrap();
    assert_eq!((session.user_id, user.id), (owner, owner));
    assert_eq!(
        membership,
        Some(Membership {
            company_id: a,
            company_slug: "co-owner-a-kr".into(),
            role: MemberRole::Owner
        })
    );
    assert_eq!(
        store.session_with_user("s-x").await.unwrap().2,
        Some(Membership {
            company_id: a,
            company_slug: "co-owner-a-kr".into(),
            role: MemberRole::Member
        })
    );
    assert_eq!(store.session_with_user("s-z").await.unwrap().2, None);

    // The last owner stays; members can go, once.
    assert_conflict(
        store
            .remove_member(a, owner, &audit("company.remove_member"))
            .await,
        "last_owner",
    );
    store
        .remove_member(a, x, &audit("company.remove_member"))
        .await
        .unwrap();
    assert_not_found(
        store
            .remove_member(a, x, &audit("company.remove_member"))
            .await,
    );
    assert_not_found(
        store
            .remove_member(a, z, &audit("company.remove_member"))
            .await,
    );
    assert_eq!(store.session_with_user("s-x").await.unwrap().2, None);
    assert_eq!(store.membership_of(x).await.unwrap(), None);
    let members = store.members(a).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].user_id, owner);

    // Once removed, the old invitation to B is still open and now works.
    assert_eq!(
        store
            .accept_invite(invite_x_to_b, x, t, &audit("company.join"))
            .await
            .unwrap(),
        b
    );

    let actions = audit_actions(&store).await;
    assert_eq!(count(&actions, "company.invite"), 4);
    assert_eq!(count(&actions, "company.join"), 2);
    assert_eq!(count(&actions, "company.revoke_invite"), 1);
    assert_eq!(count(&actions, "company.remove_member"), 1);
}

async fn stored_html_is_rendered_again_once_per_renderer_version(store: Arc<dyn Store>) {
    fn shouting(markdown: &str) -> String {
        if markdown.is_empty() {
            String::new()
        } else {
            format!("<p>{}</p>", markdown.to_uppercase())
        }
    }
    let (user_id, company_id) = founder(&store, "render@ex.kr", "렌더").await;
    let sections = pitch(&[(SectionKind::Technology, Visibility::Public, "carbon")]);
    let number = save_and_publish(&store, company_id, user_id, &sections, &ask(1), now()).await;

    // Draft and revision hold one section with text each; the empty ones
    // render to what they hold already.
    let changed = store.rerender_stored_html(2, shouting).await.unwrap();
    assert_eq!(changed, 2);
    let draft = store.pitch_draft(company_id).await.unwrap();
    assert_eq!(draft.sections[0].html, "<p>CARBON</p>");
    let revision = store.revision(company_id, number).await.unwrap();
    assert_eq!(revision.sections[0].html, "<p>CARBON</p>");
    assert_eq!(revision.sections[0].markdown, "carbon");

    // The same version again, or an older one, changes nothing.
    assert_eq!(
        store.rerender_stored_html(2, |_| "x".into()).await.unwrap(),
        0
    );
    assert_eq!(
        store.rerender_stored_html(1, |_| "x".into()).await.unwrap(),
        0
    );
    assert_eq!(
        store.pitch_draft(company_id).await.unwrap().sections[0].html,
        "<p>CARBON</p>"
    );
}

/// Three companies say 센서; only the oldest has it in its name.
async fn directory_puts_headline_matches_first_across_pages(store: Arc<dyn Store>) {
    let t = now();
    for (days, email, name) in [
        (3, "a@sensor.kr", "센서웍스"),
        (2, "b@sensor.kr", "가나전자"),
        (1, "c@sensor.kr", "다라기계"),
    ] {
        let (owner, id) = founder(&store, email, name).await;
        let body = pitch(&[(SectionKind::Technology, Visibility::Public, "센서 모듈")]);
        save_and_publish(
            &store,
            id,
            owner,
            &body,
            &ask(100_000_000),
            t - Duration::days(days),
        )
        .await;
    }
    let expected = ["센서웍스", "다라기계", "가나전자"];
    assert_eq!(names(&store, &search("센서")).await, expected);
    // Page by page, across the turn from headline matches to the others.
    for size in 1..=3usize {
        let mut seen = Vec::new();
        for offset in (0..4).step_by(size) {
            let page = store
                .directory(&search("센서"), size as i64, offset as i64)
                .await
                .unwrap();
            assert_eq!(page.total, 3);
            seen.extend(page.items.into_iter().map(|c| c.name_ko));
        }
        assert_eq!(seen, expected, "pages of {size}");
    }
    // The chosen order holds inside each part.
    let by_name = DirectoryFilter {
        sort: Sort::Name,
        ..search("모듈")
    };
    assert_eq!(
        names(&store, &by_name).await,
        ["가나전자", "다라기계", "센서웍스"],
        "모듈 is in no headline"
    );
}

/// The ids of every company `filter` finds, reading 100 at a time.
async fn whole_directory(store: &Arc<dyn Store>, filter: &DirectoryFilter) -> Vec<i64> {
    let mut ids = Vec::new();
    loop {
        let page = store
            .directory(filter, 100, ids.len() as i64)
            .await
            .unwrap();
        if page.items.is_empty() {
            return ids;
        }
        ids.extend(page.items.iter().map(|c| c.id));
    }
}

/// More matches than the count's ceiling: the backends then walk the
/// chosen order and check each company against the index (SQLite's
/// `+c.id`, PostgreSQL's per-row check) instead of reading every match.
/// Every page must still be what reading the whole directory says. The
/// bench seed's one-liners all say 비용 (a headline match everywhere) and
/// its body texts all say 시장 (in no headline), so both searches find
/// every company: one all in the headline part, the other all in the rest.
async fn broad_searches_walk_the_order_like_the_whole_directory(store: Arc<dyn Store>) {
    const COMPANIES: usize = 1_030;
    assert_eq!(
        server::bench_seed::seed(store.as_ref(), COMPANIES)
            .await
            .unwrap(),
        COMPANIES
    );
    let every = whole_directory(&store, &filter()).await;
    let by_name = whole_directory(
        &store,
        &DirectoryFilter {
            sort: Sort::Name,
            ..filter()
        },
    )
    .await;
    assert_eq!(every.len(), COMPANIES);
    assert_ne!(every, by_name);
    for term in ["비용", "시장"] {
        for (sort, expected) in [(Sort::Updated, &every), (Sort::Name, &by_name)] {
            let filter = DirectoryFilter {
                sort,
                ..search(term)
            };
            // First page, the middle, the turn into the last page, past it.
            for offset in [0usize, 500, COMPANIES - 5, COMPANIES + 7] {
                let page = store.directory(&filter, 12, offset as i64).await.unwrap();
                let end = (offset + 12).min(COMPANIES);
                let want = expected.get(offset..end).unwrap_or_default();
                let ids: Vec<i64> = page.items.iter().map(|c| c.id).collect();
                assert_eq!(ids, want, "{term} {sort:?} from {offset}");
                assert!(
                    page.total > app::domain::directory::COUNT_CEILING,
                    "{term}: counted past the ceiling, not {}",
                    page.total
                );
            }
        }
    }
}

/// The company page's reads on one connection: the live revision's written
/// sections in order (HTML only), its funding, and the newest updates;
/// `NotFound` for an unknown slug, nothing published before the first
/// publication. (Badges and milestones: `readiness_store.rs`.)
async fn company_page_records_hold_what_the_page_shows(store: Arc<dyn Store>) {
    let today = app::domain::seoul_time::seoul_date(now());
    let (owner, company) = founder(&store, "ceo@page.kr", "페이지회사").await;
    let slug = store.company_by_id(company).await.unwrap().slug;
    assert_not_found(store.company_page_records("no-such-co", today, 5).await);
    let before = store.company_page_records(&slug, today, 5).await.unwrap();
    assert_eq!(before.company.id, company);
    assert_eq!(before.published, None, "nothing published yet");
    assert!(before.updates.is_empty() && before.badges.is_empty());

    let t = now() - Duration::days(2);
    let first = pitch(&[
        (SectionKind::Team, Visibility::Investors, "공동창업자 3명"),
        (SectionKind::Technology, Visibility::Public, "그래핀 코팅"),
    ]);
    save_and_publish(&store, company, owner, &first, &ask(300_000_000), t).await;
    let second = pitch(&[(SectionKind::Technology, Visibility::Public, "탄소섬유 열선")]);
    save_and_publish(&store, company, owner, &second, &Funding::default(), t).await;
    for (i, title) in ["첫 소식", "둘째 소식", "셋째 소식"].iter().enumerate() {
        let update = NewUpdate {
            kind: UpdateKind::News,
            title: title.to_string(),
            body: String::new(),
        };
        let at = t + Duration::hours(i as i64);
        store
            .post_update(company, &update, owner, at, &audit("company.post_update"))
            .await
            .unwrap();
    }

    let page = store.company_page_records(&slug, today, 2).await.unwrap();
    assert_eq!(page.company.revision, 2);
    let live = page.published.expect("revision 2 is live");
    assert_eq!(
        live.funding,
        Funding::default(),
        "the live revision's terms"
    );
    let sections: Vec<_> = live
        .sections
        .iter()
        .map(|s| (s.kind, s.visibility, s.html.as_str()))
        .collect();
    assert_eq!(
        sections,
        vec![(
            SectionKind::Technology,
            Visibility::Public,
            "<p>탄소섬유 열선</p>"
        )],
        "only revision 2's written sections"
    );
    let titles: Vec<_> = page.updates.iter().map(|u| u.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["셋째 소식", "둘째 소식"],
        "newest first, as many as asked"
    );
    assert_eq!(
        page.updates,
        store.company_updates(company, 2).await.unwrap(),
        "the same updates, to the microsecond, as the updates list reads them"
    );

    // With two written sections, they come in the page's order.
    save_and_publish(&store, company, owner, &first, &ask(300_000_000), t).await;
    let live = store
        .company_page_records(&slug, today, 2)
        .await
        .unwrap()
        .published
        .expect("revision 3 is live");
    let kinds: Vec<_> = live.sections.iter().map(|s| s.kind).collect();
    let order = |k: &SectionKind| SectionKind::ALL.iter().position(|x| x == k);
    assert!(
        kinds.len() == 2 && order(&kinds[0]) < order(&kinds[1]),
        "{kinds:?}"
    );
    assert_eq!(live.funding, ask(300_000_000));
}

on_both_backends!(crate::common::with_store =>
    company_page_records_hold_what_the_page_shows,
    directory_puts_headline_matches_first_across_pages,
    broad_searches_walk_the_order_like_the_whole_directory,
    stored_html_is_rendered_again_once_per_renderer_version,
    profile_round_trips_and_unknown_cluster_changes_nothing,
    drafts_always_have_six_sections_in_order,
    publishing_numbers_revisions_and_refuses_no_ops,
    writes_scoped_to_another_company_change_nothing,
    directory_searches_korean_substrings_and_public_text_only,
    directory_filters_combine_sort_and_page,
    invitations_and_membership_rules,
);

/// The index is derived data: after a tokenizer change (or the migration
/// that created it) the server fills it at start-up from every company.
async fn the_search_index_is_filled_again_at_start_up(backend: &str) {
    let db = common::TestDb::backend(backend).await;
    let store = db.store();
    let (owner, id) = founder(&store, "ceo@tanso.kr", "탄소온").await;
    let body = pitch(&[(SectionKind::Technology, Visibility::Public, "그래핀 발열체")]);
    save_and_publish(&store, id, owner, &body, &ask(100_000_000), now()).await;
    assert_eq!(names(&store, &search("그래핀")).await, ["탄소온"]);

    // As a database looks before its first start with the new tokenizer.
    let wipe = [
        "UPDATE search_index_version SET version = 0",
        "UPDATE companies SET search_text = ''",
    ];
    match backend {
        "sqlite" => {
            use sqlx::Connection;
            let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
            sqlx::query("INSERT INTO company_index (company_index) VALUES ('delete-all')")
                .execute(&mut conn)
                .await
                .unwrap();
            for sql in wipe {
                sqlx::query(sql).execute(&mut conn).await.unwrap();
            }
            conn.close().await.unwrap();
        }
        _ => {
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&db.url).await.unwrap();
            for sql in ["DELETE FROM company_tokens"].into_iter().chain(wipe) {
                sqlx::query(sql).execute(&mut conn).await.unwrap();
            }
            conn.close().await.unwrap();
        }
    }
    assert!(names(&store, &search("그래핀")).await.is_empty());

    let reopened = server::store::open(&db.url, common::test_pool(2))
        .await
        .unwrap();
    assert_eq!(names(&reopened, &search("그래핀")).await, ["탄소온"]);
    assert_eq!(names(&reopened, &search("탄소")).await, ["탄소온"]);
    assert_eq!(
        reopened.rebuild_search_index(i64::MAX).await.unwrap(),
        1,
        "a newer version indexes every company"
    );
    assert_eq!(reopened.rebuild_search_index(i64::MAX).await.unwrap(), 0);
    reopened.close().await;
    db.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_search_index_is_filled_again_at_start_up() {
    the_search_index_is_filled_again_at_start_up("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_search_index_is_filled_again_at_start_up() {
    the_search_index_is_filled_again_at_start_up("postgres").await;
}
