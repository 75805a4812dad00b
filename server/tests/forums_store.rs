//! The forum part of the data layer, on SQLite and PostgreSQL: forums and
//! their stages (a stale stage change is refused), applications only while
//! open (one live one per company, again after withdrawing), decisions and
//! the agenda only before the day, and an agenda that is all or nothing.

mod common;

use app::domain::forum::{ApplicationStatus, ForumForm, ForumState, Slot};
use app::domain::role::Role;
use app::ssr::forum_store::ForumWrite;
use app::ssr::{DbError, Store};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use common::people::{founder_of, setup_event, staff};
use std::sync::Arc;

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

fn write(by: i64, title: &str, starts_in_days: i64) -> ForumWrite {
    let form = ForumForm {
        title: title.into(),
        date: (now() + Duration::days(starts_in_days))
            .format("%Y-%m-%d")
            .to_string(),
        starts: "14:00".into(),
        ends: "17:30".into(),
        venue: "울산테크노파크 대회의실".into(),
        cluster: String::new(),
        capacity: "80".into(),
        description: "## 순서\n\n- 기업 발표".into(),
    };
    let f = form.validate(|_| false, now(), true).unwrap();
    ForumWrite {
        title: f.title,
        starts_at: f.starts_at,
        ends_at: f.ends_at,
        venue: f.venue,
        cluster_slug: f.cluster_slug,
        capacity: f.capacity,
        description_html: app::ssr::markdown::render(&f.description_md),
        description_md: f.description_md,
        by,
        at: now(),
    }
}

async fn step(store: &Arc<dyn Store>, id: i64, from: ForumState, to: ForumState) {
    store
        .set_forum_state(id, from, to, &setup_event("forum.state"))
        .await
        .unwrap_or_else(|e| panic!("{from:?} -> {to:?}: {e:?}"));
}

async fn forums_move_through_their_stages(store: Arc<dyn Store>) {
    let admin = staff(store.as_ref(), "admin@forum.test", Role::Admin).await;
    let id = store
        .create_forum(
            &write(admin, "제7회 신사업벤처포럼", 10),
            &setup_event("forum.create"),
        )
        .await
        .unwrap();
    let f = store.forum(id).await.unwrap();
    assert_eq!(f.state, ForumState::Planning);
    assert!(
        f.description_html.contains("<h3>순서</h3>"),
        "{}",
        f.description_html
    );
    assert_eq!(f.presenting, 0);

    // Planning forums are left out of the public list.
    assert!(store.forums(true).await.unwrap().is_empty());
    assert_eq!(store.forums(false).await.unwrap().len(), 1);

    step(&store, id, ForumState::Planning, ForumState::Open).await;
    assert_eq!(store.forums(true).await.unwrap().len(), 1);
    // A second admin's click from the page that still showed "planning".
    assert!(matches!(
        store
            .set_forum_state(
                id,
                ForumState::Planning,
                ForumState::Open,
                &setup_event("forum.state")
            )
            .await,
        Err(DbError::Conflict(_))
    ));
    assert_eq!(
        store
            .set_forum_state(
                9_999,
                ForumState::Open,
                ForumState::Confirmed,
                &setup_event("x")
            )
            .await,
        Err(DbError::NotFound)
    );

    // Editing keeps the stage and may move the day.
    let mut moved = write(admin, "제7회 신사업벤처포럼 (변경)", 12);
    moved.capacity = 120;
    store
        .update_forum(id, &moved, &setup_event("forum.update"))
        .await
        .unwrap();
    let f = store.forum(id).await.unwrap();
    assert_eq!(
        (f.title.as_str(), f.capacity, f.state),
        ("제7회 신사업벤처포럼 (변경)", 120, ForumState::Open)
    );
    assert_eq!(f.starts_at, moved.starts_at);

    step(&store, id, ForumState::Open, ForumState::Confirmed).await;
    step(&store, id, ForumState::Confirmed, ForumState::Held).await;
    step(&store, id, ForumState::Held, ForumState::Closed).await;
    // A closed forum's record stays as it is.
    assert_eq!(
        store
            .update_forum(id, &moved, &setup_event("forum.update"))
            .await,
        Err(DbError::NotFound)
    );
}

async fn applications_only_while_open(store: Arc<dyn Store>) {
    let admin = staff(store.as_ref(), "admin@forum.test", Role::Admin).await;
    let (founder, company) = founder_of(store.as_ref(), "f@forum.test", "tansoon", "탄소온").await;
    let (_, other) = founder_of(store.as_ref(), "g@forum.test", "baleul", "발열웨어").await;
    let id = store
        .create_forum(&write(admin, "포럼", 10), &setup_event("forum.create"))
        .await
        .unwrap();
    let apply = |company: i64| {
        let store = store.clone();
        async move {
            store
                .apply_to_forum(
                    id,
                    company,
                    "탄소섬유 발열체 발표",
                    founder,
                    &setup_event("forum.apply"),
                )
                .await
        }
    };
    // Not open yet.
    assert_eq!(apply(company).await, Err(DbError::NotFound));
    step(&store, id, ForumState::Planning, ForumState::Open).await;
    apply(company).await.unwrap();
    assert!(matches!(apply(company).await, Err(DbError::Conflict(_))));
    apply(other).await.unwrap();

    let a = store.application(id, company).await.unwrap().unwrap();
    assert_eq!(
        (a.status, a.company_slug.as_str()),
        (ApplicationStatus::Pending, "tansoon")
    );
    assert_eq!(store.application(id, 9_999).await.unwrap(), None);

    // Withdraw and apply again.
    store
        .withdraw_application(id, company, &setup_event("forum.withdraw"))
        .await
        .unwrap();
    assert_eq!(
        store
            .application(id, company)
            .await
            .unwrap()
            .unwrap()
            .status,
        ApplicationStatus::Withdrawn
    );
    assert_eq!(
        store
            .withdraw_application(id, company, &setup_event("forum.withdraw"))
            .await,
        Err(DbError::NotFound),
        "nothing left to withdraw"
    );
    apply(company).await.unwrap();

    // Decide: accept one, decline the other.
    store
        .decide_application(
            id,
            company,
            ApplicationStatus::Accepted,
            admin,
            &setup_event("forum.decide"),
        )
        .await
        .unwrap();
    store
        .decide_application(
            id,
            other,
            ApplicationStatus::Declined,
            admin,
            &setup_event("forum.decide"),
        )
        .await
        .unwrap();
    assert_eq!(store.forum(id).await.unwrap().presenting, 1);

    // Confirmed: no more applications, but decisions and the agenda.
    step(&store, id, ForumState::Open, ForumState::Confirmed).await;
    assert_eq!(
        store
            .apply_to_forum(id, other, "다시", founder, &setup_event("forum.apply"))
            .await,
        Err(DbError::NotFound)
    );
    assert_eq!(
        store
            .withdraw_application(id, company, &setup_event("forum.withdraw"))
            .await,
        Err(DbError::NotFound)
    );
    step(&store, id, ForumState::Confirmed, ForumState::Held).await;
    assert_eq!(
        store
            .decide_application(
                id,
                other,
                ApplicationStatus::Accepted,
                admin,
                &setup_event("x")
            )
            .await,
        Err(DbError::NotFound),
        "a held forum's decisions are final"
    );
}

async fn the_agenda_is_all_or_nothing(store: Arc<dyn Store>) {
    let admin = staff(store.as_ref(), "admin@forum.test", Role::Admin).await;
    let (founder, a) = founder_of(store.as_ref(), "f@forum.test", "tansoon", "탄소온").await;
    let (_, b) = founder_of(store.as_ref(), "g@forum.test", "baleul", "발열웨어").await;
    let w = write(admin, "포럼", 10);
    let id = store
        .create_forum(&w, &setup_event("forum.create"))
        .await
        .unwrap();
    step(&store, id, ForumState::Planning, ForumState::Open).await;
    for company in [a, b] {
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
    }
    let slots = [
        Slot {
            company_id: b,
            position: 1,
            starts_at: w.starts_at + Duration::minutes(10),
        },
        Slot {
            company_id: a,
            position: 2,
            starts_at: w.starts_at + Duration::minutes(30),
        },
    ];
    store
        .set_agenda(id, &[a, b], &slots, &setup_event("forum.agenda"))
        .await
        .unwrap();
    let list = store.forum_applications(id).await.unwrap();
    assert_eq!(
        list.iter()
            .map(|x| (x.company_id, x.slot_position))
            .collect::<Vec<_>>(),
        [(b, Some(1)), (a, Some(2))],
        "agenda order first"
    );

    // The accepted set changed since the form was built: nothing written.
    store
        .decide_application(id, a, ApplicationStatus::Declined, admin, &setup_event("d"))
        .await
        .unwrap();
    let reordered = [
        Slot {
            company_id: a,
            position: 1,
            starts_at: w.starts_at,
        },
        Slot {
            company_id: b,
            position: 2,
            starts_at: w.starts_at + Duration::minutes(20),
        },
    ];
    assert!(matches!(
        store
            .set_agenda(id, &[a, b], &reordered, &setup_event("forum.agenda"))
            .await,
        Err(DbError::Conflict(_))
    ));
    let list = store.forum_applications(id).await.unwrap();
    let of = |c: i64| list.iter().find(|x| x.company_id == c).unwrap().clone();
    assert_eq!(of(b).slot_position, Some(1), "b keeps its place");
    assert_eq!(of(a).slot_position, None, "declining frees the slot");
    assert_eq!(of(a).status, ApplicationStatus::Declined);

    // Moving the forum to another day clears slots outside its hours.
    let later = write(admin, "포럼", 11);
    store
        .update_forum(id, &later, &setup_event("forum.update"))
        .await
        .unwrap();
    assert_eq!(
        store
            .forum_applications(id)
            .await
            .unwrap()
            .iter()
            .find(|x| x.company_id == b)
            .unwrap()
            .slot_position,
        None
    );
}

on_both_backends!(crate::common::with_store =>
    forums_move_through_their_stages,
    applications_only_while_open,
    the_agenda_is_all_or_nothing,
);
