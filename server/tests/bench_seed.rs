//! The readiness benchmark's seed (`server bench-seed --readiness-…`) at a
//! small size, on SQLite and PostgreSQL: it goes through the store's own
//! calls, so what it makes must read back through the portfolio exactly as
//! planned — every checklist, the consultants in force only, the marks the
//! page shows — and a second run adds nothing.

mod common;

use app::domain::account::Verification;
use app::domain::role::Role;
use app::domain::seoul_time::seoul_date;
use app::ssr::{NewUser, Store};
use chrono::{Duration, Utc};
use server::bench_seed::readiness;
use std::sync::Arc;

const COMPANIES: usize = 30;
const CONSULTANTS: usize = 3;
const EVENTS: usize = 600;

async fn readiness_seed_reads_back_through_the_portfolio(store: Arc<dyn Store>) {
    let store = store.as_ref();
    assert_eq!(
        server::bench_seed::seed(store, COMPANIES).await.unwrap(),
        COMPANIES
    );
    let report = readiness::seed(store, CONSULTANTS, COMPANIES, EVENTS, 2)
        .await
        .unwrap();
    assert!(!report.already_seeded);
    // One checklist each, both for companies 1, 5, 9, …
    let both = (0..COMPANIES).filter(|i| i % 4 == 1).count();
    assert_eq!(report.checklists, COMPANIES + both);
    // A second consultant for companies 3, 11, 19, 27; an ended earlier
    // one for 7 and 27.
    assert_eq!(report.assignments, COMPANIES + 4);
    assert_eq!(report.ended_assignments, 2);
    assert_eq!(report.events, EVENTS);
    assert!(report.planned_items > 0);

    let now = Utc::now();
    let today = seoul_date(now);
    let month_ago = now - Duration::days(30);
    let all = store.portfolio(None, today, month_ago).await.unwrap();
    assert_eq!(all.len(), report.checklists);
    assert!(all.iter().any(|r| r.overdue > 0), "some overdue items");
    assert!(all.iter().any(|r| r.is_stalled(now)), "some stalled");
    assert!(
        all.iter().any(|r| !r.is_stalled(now) && r.open_items > 0),
        "some moving"
    );
    assert!(
        all.iter()
            .any(|r| r.next_due.is_some_and(|d| (d - today).num_days() <= 7)),
        "some due within the week"
    );
    assert!(
        all.iter()
            .any(|r| r.change_permille().is_some_and(|c| c > 0)),
        "some gained over the month"
    );
    // Company 3 has two consultants in force; company 7's earlier one has
    // left.
    let named = |slug: &str| {
        all.iter()
            .find(|r| r.company_slug == slug)
            .unwrap()
            .consultants
            .clone()
    };
    assert_eq!(named("bench-3").len(), 2);
    assert_eq!(named("bench-7"), vec!["벤치 컨설턴트 001".to_string()]);

    // consultant000: companies 0, 3, 6, … and those they joined second.
    let mine = store
        .portfolio(Some(report.first_consultant_id), today, month_ago)
        .await
        .unwrap();
    assert!(!mine.is_empty() && mine.len() < all.len());
    assert!(mine
        .iter()
        .all(|r| r.consultants.contains(&"벤치 컨설턴트 000".to_string())));
    let third = store
        .user_by_email(&readiness::consultant_email(2))
        .await
        .unwrap();
    let company_7 = store.company_by_slug("bench-7").await.unwrap().id;
    assert!(!store
        .assigned_company_ids(third.id, today)
        .await
        .unwrap()
        .contains(&company_7));

    // The accounts sign in with the bench password and are synthetic.
    let admin = store.user_by_email(readiness::ADMIN_EMAIL).await.unwrap();
    assert_eq!(admin.id, report.admin_id);
    assert_eq!(admin.role, Role::Admin);
    assert_eq!(store.count_users(Some(false)).await.unwrap(), 0);

    // Again: nothing added.
    let again = readiness::seed(store, CONSULTANTS, COMPANIES, EVENTS, 2)
        .await
        .unwrap();
    assert!(again.already_seeded);
    assert_eq!(again.first_consultant_id, report.first_consultant_id);
    assert_eq!(store.portfolio(None, today, month_ago).await.unwrap(), all);

    // Never next to real accounts.
    store
        .create_user(&NewUser {
            email: "real@example.kr".into(),
            display_name: "실사용자".into(),
            role: Role::Startup,
            password_hash: "!".into(),
            locale: "ko".into(),
            is_demo: false,
            verification: Verification::None,
            club_id: None,
        })
        .await
        .unwrap();
    assert!(readiness::seed(store, CONSULTANTS, COMPANIES, EVENTS, 1)
        .await
        .is_err());
}

on_both_backends!(crate::common::with_store =>
    readiness_seed_reads_back_through_the_portfolio,
);
