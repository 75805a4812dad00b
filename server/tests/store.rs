//! The data-layer suite: every test runs against SQLite and PostgreSQL.

mod common;

use app::domain::role::Role;
use app::ssr::{DbError, NewUser, Store};
use std::sync::Arc;

fn new_user(email: &str, role: Role, demo: bool) -> NewUser {
    NewUser {
        email: email.to_string(),
        display_name: format!("사용자 {email}"),
        role,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_string(),
        locale: "ko".to_string(),
        is_demo: demo,
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

on_both_backends!(crate::common::with_store =>
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
