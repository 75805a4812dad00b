//! The data-layer suite: every test runs against SQLite and PostgreSQL.

mod common;

use app::domain::account::{ClubChoice, ClubStatus, UserFilter, Verification};
use app::domain::role::Role;
use app::ssr::store::{NewCompany, Registration};
use app::ssr::{DbError, NewAuditEvent, NewSession, NewUser, Store};
use std::sync::Arc;

fn new_user(email: &str, role: Role, demo: bool) -> NewUser {
    NewUser {
        email: email.to_string(),
        display_name: format!("사용자 {email}"),
        role,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_string(),
        locale: "ko".to_string(),
        is_demo: demo,
        verification: app::domain::account::Verification::initial_for(role),
        club_id: None,
    }
}

async fn ping_answers(store: Arc<dyn Store>) {
    store.ping().await.expect("ping");
}

async fn the_eight_article_clusters_exist_in_order(store: Arc<dyn Store>) {
    let clusters = store.list_clusters().await.unwrap();
    let names: Vec<&str> = clusters.iter().map(|c| c.name_ko.as_str()).collect();
    assert_eq!(
        names,
        [
            "탄소부품소재",
            "IT융합",
            "고효율 에너지",
            "스마트 기기",
            "3D프린팅",
            "경북농생명산업융합",
            "경북산학융합",
            "경북농공"
        ]
    );
    for c in &clusters {
        assert!(!c.name_en.is_empty() && !c.summary_ko.is_empty() && !c.summary_en.is_empty());
        assert!(app::domain::cluster::is_valid_slug(&c.slug), "{}", c.slug);
        assert_eq!(c.company_count, 0);
    }
}

async fn cluster_by_slug_keeps_not_found_apart(store: Arc<dyn Store>) {
    let c = store.cluster_by_slug("3d-printing").await.unwrap();
    assert_eq!(c.name_ko, "3D프린팅");
    assert_eq!(c.name_en, "3D Printing");
    assert!(matches!(
        store.cluster_by_slug("no-such-cluster").await,
        Err(DbError::NotFound)
    ));
}

async fn users_round_trip_with_case_folded_email(store: Arc<dyn Store>) {
    let id = store
        .create_user(&new_user("Founder@Example.KR", Role::Startup, false))
        .await
        .unwrap();
    let user = store.user_by_email("founder@example.kr").await.unwrap();
    assert_eq!(user.id, id);
    assert_eq!(user.email, "founder@example.kr");
    assert_eq!(user.role, Role::Startup);
    assert!(user.is_active && !user.is_demo);
    assert_eq!(user.display_name, "사용자 Founder@Example.KR");
    let age = chrono::Utc::now() - user.created_at;
    assert!(
        age.num_seconds().abs() < 60,
        "created_at {}",
        user.created_at
    );
    assert_eq!(
        store
            .user_by_email(" FOUNDER@example.kr ")
            .await
            .unwrap()
            .id,
        id
    );
    assert!(matches!(
        store.user_by_email("nobody@example.kr").await,
        Err(DbError::NotFound)
    ));
}

async fn duplicate_email_is_a_conflict_whatever_the_case(store: Arc<dyn Store>) {
    store
        .create_user(&new_user("angel@club.kr", Role::Investor, false))
        .await
        .unwrap();
    let again = store
        .create_user(&new_user("ANGEL@club.kr", Role::Startup, false))
        .await;
    assert!(matches!(again, Err(DbError::Conflict(_))), "{again:?}");
    assert_eq!(store.count_users(None).await.unwrap(), 1);
}

async fn bulk_insert_is_idempotent_and_counts_by_demo_flag(store: Arc<dyn Store>) {
    let users = vec![
        new_user("a@demo.kr", Role::Admin, true),
        new_user("b@demo.kr", Role::Investor, true),
    ];
    assert_eq!(store.create_users_if_absent(&users).await.unwrap(), 2);
    assert_eq!(store.create_users_if_absent(&users).await.unwrap(), 0);
    store
        .create_user(&new_user("real@company.kr", Role::Startup, false))
        .await
        .unwrap();
    assert_eq!(store.count_users(Some(true)).await.unwrap(), 2);
    assert_eq!(store.count_users(Some(false)).await.unwrap(), 1);
    assert_eq!(store.count_users(None).await.unwrap(), 3);
}

/// Many writers at once must all succeed: on SQLite this exercises
/// `BEGIN IMMEDIATE` plus the busy timeout instead of SQLITE_BUSY errors.
async fn concurrent_write_transactions_all_commit(store: Arc<dyn Store>) {
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let users = vec![
                    new_user(&format!("w{i}a@x.kr"), Role::Investor, true),
                    new_user(&format!("w{i}b@x.kr"), Role::Investor, true),
                ];
                store.create_users_if_absent(&users).await
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), 2);
    }
    assert_eq!(store.count_users(None).await.unwrap(), 48);
}

async fn demo_seed_is_idempotent_and_refuses_real_data(store: Arc<dyn Store>) {
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    let first = server::seed::load_demo(store.as_ref(), hash).await.unwrap();
    assert_eq!(first, server::seed::demo_emails().count() as u64);
    assert_eq!(
        server::seed::load_demo(store.as_ref(), hash).await.unwrap(),
        0
    );
    let admin = store
        .user_by_email("admin@demo.pitchbridge.kr")
        .await
        .unwrap();
    assert_eq!(admin.role, Role::Admin);
    assert!(admin.is_demo);
    // The demo consultant has five companies, with checklists under way
    // (a second load added none: no duplicate checklist was refused).
    let consultant = store
        .user_by_email("consultant@demo.pitchbridge.kr")
        .await
        .unwrap();
    let today = app::domain::seoul_time::seoul_date(chrono::Utc::now());
    let companies = store
        .assigned_company_ids(consultant.id, today)
        .await
        .unwrap();
    assert_eq!(companies.len(), 5);
    let tansoon = store.company_by_slug("tansoon").await.unwrap();
    let checklist = store
        .checklist(
            tansoon.id,
            app::domain::readiness::TemplateKind::Crowdfunding,
        )
        .await
        .unwrap();
    assert!(
        checklist.history.len() > 12,
        "a score history of several months"
    );
    assert!(checklist.summary.score_permille.unwrap() > 400);

    store
        .create_user(&new_user("real@company.kr", Role::Startup, false))
        .await
        .unwrap();
    let refused = server::seed::load_demo(store.as_ref(), hash).await;
    assert!(
        matches!(refused, Err(server::seed::SeedError::RealUsersPresent(1))),
        "{refused:?}"
    );
}

fn audit(action: &'static str) -> NewAuditEvent {
    NewAuditEvent {
        actor_id: None,
        actor_label: "test".to_string(),
        action,
        object_type: "user",
        object_id: None,
        detail: String::new(),
        ip: Some("127.0.0.1".to_string()),
        at: chrono::Utc::now(),
    }
}

fn startup_registration(email: &str, company: &str) -> Registration {
    Registration {
        user: new_user(email, Role::Startup, false),
        company: Some(NewCompany {
            slug: format!("co-{}", email.replace(['@', '.'], "-")),
            name_ko: company.to_string(),
        }),
        club: None,
    }
}

fn investor_registration(email: &str, club: ClubChoice) -> Registration {
    Registration {
        user: new_user(email, Role::Investor, false),
        company: None,
        club: Some(club),
    }
}

fn session(id: &str, user_id: i64) -> NewSession {
    let now = chrono::Utc::now();
    NewSession {
        id: id.to_string(),
        user_id,
        created_at: now,
        expires_at: now + chrono::Duration::hours(1),
        ip: None,
        user_agent: None,
    }
}

async fn registration_creates_company_or_club_atomically(store: Arc<dyn Store>) {
    let founder = store
        .register(
            &startup_registration("Founder@A.kr", "탄소온"),
            &audit("account.sign_up"),
        )
        .await
        .unwrap();
    let summary = store.user_summary(founder).await.unwrap();
    assert_eq!(summary.company_name.as_deref(), Some("탄소온"));
    assert_eq!(summary.email, "founder@a.kr");
    assert_eq!(summary.verification, Verification::None);

    let angel = store
        .register(
            &investor_registration("angel@b.kr", ClubChoice::New("한강 엔젤클럽".into())),
            &audit("account.sign_up"),
        )
        .await
        .unwrap();
    let angel_summary = store.user_summary(angel).await.unwrap();
    assert_eq!(angel_summary.verification, Verification::Pending);
    assert_eq!(angel_summary.club_name.as_deref(), Some("한강 엔젤클럽"));
    assert_eq!(angel_summary.club_status, Some(ClubStatus::Pending));
    let club_id = angel_summary.club_id.unwrap();

    // A pending club cannot be chosen; the same name (any case or spacing)
    // cannot be proposed twice; a taken e-mail fails. None leaves a trace.
    let before = (
        store.count_users(None).await.unwrap(),
        store.list_clubs(None).await.unwrap().len(),
    );
    let pending_choice = store
        .register(
            &investor_registration("c@c.kr", ClubChoice::Existing(club_id)),
            &audit("x"),
        )
        .await;
    assert!(
        matches!(pending_choice, Err(DbError::NotFound)),
        "{pending_choice:?}"
    );
    let same_name = store
        .register(
            &investor_registration("d@d.kr", ClubChoice::New("  한강   엔젤클럽 ".into())),
            &audit("x"),
        )
        .await;
    assert!(
        matches!(&same_name, Err(DbError::Conflict(w)) if w == "club_name"),
        "{same_name:?}"
    );
    let taken_email = store
        .register(
            &investor_registration("ANGEL@b.kr", ClubChoice::New("새 클럽".into())),
            &audit("x"),
        )
        .await;
    assert!(
        matches!(&taken_email, Err(DbError::Conflict(w)) if w == "email"),
        "{taken_email:?}"
    );
    let taken_by_startup = store
        .register(
            &startup_registration("founder@a.kr", "다른회사"),
            &audit("x"),
        )
        .await;
    assert!(matches!(&taken_by_startup, Err(DbError::Conflict(w)) if w == "email"));
    assert_eq!(
        (
            store.count_users(None).await.unwrap(),
            store.list_clubs(None).await.unwrap().len()
        ),
        before
    );

    store
        .review_club(club_id, ClubStatus::Approved, &audit("club.review"))
        .await
        .unwrap();
    let second = store
        .register(
            &investor_registration("e@e.kr", ClubChoice::Existing(club_id)),
            &audit("x"),
        )
        .await
        .unwrap();
    assert_eq!(
        store.user_summary(second).await.unwrap().club_id,
        Some(club_id)
    );
    let approved = store.list_clubs(Some(ClubStatus::Approved)).await.unwrap();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].member_count, 2);

    let log = store.audit_log(100, None).await.unwrap();
    assert_eq!(log.len(), 4, "{log:?}");
    assert_eq!(log[0].object_id, second.to_string());
    assert_eq!(log[1].action, "club.review");
    assert_eq!(log[3].object_id, founder.to_string());
    assert_eq!(
        store.audit_log(100, Some(log[1].id)).await.unwrap().len(),
        2
    );
}

async fn admin_changes_end_sessions_and_touch_only_their_target(store: Arc<dyn Store>) {
    let investor = store
        .register(
            &investor_registration("i@x.kr", ClubChoice::New("클럽".into())),
            &audit("account.sign_up"),
        )
        .await
        .unwrap();
    let startup = store
        .register(
            &startup_registration("s@x.kr", "회사"),
            &audit("account.sign_up"),
        )
        .await
        .unwrap();

    let verify_startup = store
        .set_verification(
            startup,
            Verification::Verified,
            &audit("user.set_verification"),
        )
        .await;
    assert!(
        matches!(verify_startup, Err(DbError::NotFound)),
        "only investors are verified"
    );
    store
        .set_verification(
            investor,
            Verification::Verified,
            &audit("user.set_verification"),
        )
        .await
        .unwrap();
    assert_eq!(
        store.user_summary(investor).await.unwrap().verification,
        Verification::Verified
    );

    store
        .create_session(&session("s-1", investor))
        .await
        .unwrap();
    store
        .create_session(&session("s-2", startup))
        .await
        .unwrap();
    store
        .set_user_active(investor, false, &audit("user.disable"))
        .await
        .unwrap();
    let (s1, user, _) = store.session_with_user("s-1").await.unwrap();
    assert!(s1.revoked_at.is_some() && !user.is_active);
    let (s2, _, _) = store.session_with_user("s-2").await.unwrap();
    assert!(
        s2.revoked_at.is_none(),
        "other accounts keep their sessions"
    );
    store
        .set_user_active(investor, true, &audit("user.enable"))
        .await
        .unwrap();
    assert!(store.user_summary(investor).await.unwrap().is_active);

    store
        .set_user_role(startup, Role::Investor, &audit("user.set_role"))
        .await
        .unwrap();
    let changed = store.user_summary(startup).await.unwrap();
    assert_eq!(
        (changed.role, changed.verification),
        (Role::Investor, Verification::Pending)
    );
    assert!(store
        .session_with_user("s-2")
        .await
        .unwrap()
        .0
        .revoked_at
        .is_some());

    for missing in [
        store.set_user_active(9999, false, &audit("x")).await,
        store.set_user_role(9999, Role::Admin, &audit("x")).await,
        store
            .review_club(9999, ClubStatus::Approved, &audit("x"))
            .await,
    ] {
        assert!(matches!(missing, Err(DbError::NotFound)), "{missing:?}");
    }
    // Each successful change left exactly one audit event.
    assert_eq!(store.audit_log(100, None).await.unwrap().len(), 2 + 4);
}

async fn password_change_replaces_every_session(store: Arc<dyn Store>) {
    let id = store
        .register(
            &startup_registration("p@x.kr", "회사"),
            &audit("account.sign_up"),
        )
        .await
        .unwrap();
    store.create_session(&session("old-1", id)).await.unwrap();
    store.create_session(&session("old-2", id)).await.unwrap();
    store
        .change_password(
            id,
            "$argon2id$new",
            &session("fresh", id),
            &audit("account.change_password"),
        )
        .await
        .unwrap();
    for old in ["old-1", "old-2"] {
        assert!(store
            .session_with_user(old)
            .await
            .unwrap()
            .0
            .revoked_at
            .is_some());
    }
    assert!(store
        .session_with_user("fresh")
        .await
        .unwrap()
        .0
        .revoked_at
        .is_none());
    assert_eq!(store.password_hash(id).await.unwrap().0, "$argon2id$new");
    assert!(store
        .user_summary(id)
        .await
        .unwrap()
        .password_changed_at
        .is_some());
    let missing = store
        .change_password(9999, "h", &session("nobody", 9999), &audit("x"))
        .await;
    assert!(matches!(missing, Err(DbError::NotFound)), "{missing:?}");
    assert!(matches!(
        store.session_with_user("nobody").await,
        Err(DbError::NotFound)
    ));
}

async fn user_list_filters_combine_and_page(store: Arc<dyn Store>) {
    for i in 0..7 {
        store
            .register(
                &investor_registration(
                    &format!("angel{i}@club.kr"),
                    ClubChoice::New(format!("클럽{i}")),
                ),
                &audit("x"),
            )
            .await
            .unwrap();
    }
    let founder = store
        .register(
            &startup_registration("100%_real@co.kr", "탄소온"),
            &audit("x"),
        )
        .await
        .unwrap();
    store
        .set_user_active(founder, false, &audit("x"))
        .await
        .unwrap();

    let all = store
        .list_users(&UserFilter::default(), 5, 0)
        .await
        .unwrap();
    assert_eq!((all.items.len(), all.total), (5, 8));
    assert_eq!(all.items[0].id, founder, "newest first");
    let rest = store
        .list_users(&UserFilter::default(), 5, 5)
        .await
        .unwrap();
    assert_eq!(rest.items.len(), 3);

    let investors = UserFilter {
        role: Some(Role::Investor),
        verification: Some(Verification::Pending),
        ..Default::default()
    };
    assert_eq!(store.list_users(&investors, 50, 0).await.unwrap().total, 7);
    let disabled = UserFilter {
        active: Some(false),
        ..Default::default()
    };
    let found = store.list_users(&disabled, 50, 0).await.unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].company_name.as_deref(), Some("탄소온"));
    let by_text = |q: &str| UserFilter {
        query: Some(q.to_string()),
        ..Default::default()
    };
    assert_eq!(
        store
            .list_users(&by_text("ANGEL3"), 50, 0)
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        store
            .list_users(&by_text("100%"), 50, 0)
            .await
            .unwrap()
            .total,
        1
    );
    // Wildcards are literal: "%" alone matches only addresses containing it.
    assert_eq!(
        store.list_users(&by_text("%"), 50, 0).await.unwrap().total,
        1
    );
    assert_eq!(
        store.list_users(&by_text("_"), 50, 0).await.unwrap().total,
        1
    );
    let combined = UserFilter {
        role: Some(Role::Startup),
        query: Some("angel".into()),
        ..Default::default()
    };
    assert_eq!(store.list_users(&combined, 50, 0).await.unwrap().total, 0);
}

async fn rate_limit_windows_count_per_bucket(store: Arc<dyn Store>) {
    for expected in 1..=3 {
        assert_eq!(
            store.hit_rate_limit("sign-in/ip:a", 900).await.unwrap(),
            expected
        );
    }
    assert_eq!(store.hit_rate_limit("sign-in/ip:b", 900).await.unwrap(), 1);
    // A new window starts from one again.
    assert_eq!(store.hit_rate_limit("sign-in/ip:a", 1800).await.unwrap(), 1);
}

async fn demo_seed_sets_up_every_workflow(store: Arc<dyn Store>) {
    server::seed::load_demo(
        store.as_ref(),
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    )
    .await
    .unwrap();
    let investor = store
        .user_by_email("investor@demo.pitchbridge.kr")
        .await
        .unwrap();
    let investor = store.user_summary(investor.id).await.unwrap();
    assert_eq!(investor.verification, Verification::Verified);
    assert_eq!(investor.club_name.as_deref(), Some(server::seed::DEMO_CLUB));
    assert_eq!(investor.club_status, Some(ClubStatus::Approved));
    let founder = store
        .user_by_email("founder@demo.pitchbridge.kr")
        .await
        .unwrap();
    assert_eq!(
        store
            .user_summary(founder.id)
            .await
            .unwrap()
            .company_name
            .as_deref(),
        Some("탄소온")
    );
    let waiting = store
        .user_by_email("newangel@demo.pitchbridge.kr")
        .await
        .unwrap();
    let waiting = store.user_summary(waiting.id).await.unwrap();
    assert_eq!(waiting.verification, Verification::Pending);
    assert_eq!(waiting.club_status, Some(ClubStatus::Pending));

    // Two past forums with their agendas, one open for applications.
    let forums = store.forums(true).await.unwrap();
    let states: Vec<_> = forums.iter().map(|f| f.state.as_str()).collect();
    assert_eq!(states, ["open", "closed", "closed"], "latest first");
    assert!(forums[0].starts_at > chrono::Utc::now());
    for past in &forums[1..] {
        let agenda = store.forum_applications(past.id).await.unwrap();
        assert!(agenda.len() >= 3);
        assert!(agenda
            .iter()
            .enumerate()
            .all(|(i, a)| a.slot_position == Some(i as i64 + 1)));
        assert_eq!(past.presenting, agenda.len() as i64);
        let rsvps = store.forum_rsvps(past.id).await.unwrap();
        assert_eq!(rsvps.len(), 3);
        assert!(
            rsvps.iter().all(|r| r.attended),
            "marked present on the day"
        );
        let cards = store.forum_scorecards(past.id).await.unwrap();
        assert_eq!(cards.len(), agenda.len() * 3, "every attendee scored");
    }
    // Outcomes of the article's kinds; the founder's patent waits.
    let outcomes = store.outcomes(Default::default()).await.unwrap();
    assert_eq!(outcomes.len(), 7);
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| o.status == app::domain::outcome::OutcomeStatus::Pending)
            .count(),
        1
    );
    let facts = store.impact_facts().await.unwrap();
    assert_eq!((facts.forums.len(), facts.outcomes.len()), (2, 6));
    // The older forum's feedback is out, the newer one's waits.
    assert!(forums[1].feedback_released_at.is_none());
    assert!(forums[2].feedback_released_at.is_some());
    assert_eq!(
        (forums[0].seated, forums[0].waiting),
        (1, 0),
        "the club mate said yes"
    );
    let founder_company = store.company_by_slug("tansoon").await.unwrap();
    assert_eq!(
        store
            .application(forums[0].id, founder_company.id)
            .await
            .unwrap(),
        None,
        "the demo founder can still apply"
    );
}

on_both_backends!(crate::common::with_store =>
    registration_creates_company_or_club_atomically,
    admin_changes_end_sessions_and_touch_only_their_target,
    password_change_replaces_every_session,
    user_list_filters_combine_and_page,
    rate_limit_windows_count_per_bucket,
    demo_seed_sets_up_every_workflow,
    ping_answers,
    the_eight_article_clusters_exist_in_order,
    cluster_by_slug_keeps_not_found_apart,
    users_round_trip_with_case_folded_email,
    duplicate_email_is_a_conflict_whatever_the_case,
    bulk_insert_is_idempotent_and_counts_by_demo_flag,
    concurrent_write_transactions_all_commit,
    demo_seed_is_idempotent_and_refuses_real_data,
);

/// Re-opening an existing database applies no migration twice.
#[tokio::test]
async fn reopening_runs_migrations_once() {
    for backend in ["sqlite", "postgres"] {
        let db = common::TestDb::backend(backend).await;
        let again = server::store::open(&db.url, Default::default())
            .await
            .unwrap_or_else(|e| panic!("{backend}: {e}"));
        assert_eq!(again.list_clusters().await.unwrap().len(), 8);
        again.close().await;
        db.finish().await;
    }
}
