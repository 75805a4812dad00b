//! The forum part of the data layer, on SQLite and PostgreSQL: forums and
//! their stages (a stale stage change is refused), applications only while
//! open (one live one per company, again after withdrawing), decisions and
//! the agenda only before the day, and an agenda that is all or nothing.

mod common;

use app::domain::forum::{ApplicationStatus, ForumForm, ForumState, Slot};
use app::domain::forum::{RsvpAnswer, Seat};
use app::domain::role::Role;
use app::domain::scorecard::{Scores, Weights};
use app::ssr::forum_store::ForumWrite;
use app::ssr::{DbError, Store};
use chrono::{DateTime, Duration, SubsecRound, Utc};
use common::people::{founder_of, setup_event, staff, verified_investor_in};
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

/// Two seats, four investors: the first two sit, the others wait in the
/// order they answered; a seat given up goes to the first in line, and a
/// repeated "attending" keeps one's place. Answers only while open or
/// confirmed; attendance only for those attending, from confirmation.
async fn rsvps_fill_seats_then_a_waiting_list(store: Arc<dyn Store>) {
    let admin = staff(store.as_ref(), "admin@forum.test", Role::Admin).await;
    let mut w = write(admin, "포럼", 10);
    w.capacity = 2;
    let id = store
        .create_forum(&w, &setup_event("forum.create"))
        .await
        .unwrap();
    let mut investors = Vec::new();
    for n in 0..4 {
        let (user, _) =
            verified_investor_in(store.as_ref(), &format!("i{n}@forum.test"), "한강엔젤").await;
        investors.push(user);
    }
    let answer = |user: i64, a: RsvpAnswer, secs: i64| {
        let store = store.clone();
        async move {
            let mut event = setup_event("forum.rsvp");
            event.at = now() + Duration::seconds(secs);
            store.set_rsvp(id, user, a, &event).await
        }
    };
    // Planning: no answers yet.
    assert_eq!(
        answer(investors[0], RsvpAnswer::Attending, 0).await,
        Err(DbError::NotFound)
    );
    step(&store, id, ForumState::Planning, ForumState::Open).await;
    let mut got = Vec::new();
    for (i, &user) in investors.iter().enumerate() {
        got.push(answer(user, RsvpAnswer::Attending, i as i64).await.unwrap());
    }
    let standing = |r: &app::domain::forum::RsvpRecord| (r.seat, r.waiting_position);
    assert_eq!(
        got.iter().map(standing).collect::<Vec<_>>(),
        [
            (Some(Seat::Seated), None),
            (Some(Seat::Seated), None),
            (Some(Seat::Waiting), Some(1)),
            (Some(Seat::Waiting), Some(2)),
        ]
    );
    let f = store.forum(id).await.unwrap();
    assert_eq!((f.seated, f.waiting), (2, 2));

    // Saying "attending" again keeps the fourth's place in line.
    let again = answer(investors[3], RsvpAnswer::Attending, 10)
        .await
        .unwrap();
    assert_eq!(standing(&again), (Some(Seat::Waiting), Some(2)));

    // The first gives up the seat: the third moves up, the fourth is next.
    let gave_up = answer(investors[0], RsvpAnswer::Declined, 11)
        .await
        .unwrap();
    assert_eq!((gave_up.answer, gave_up.seat), (RsvpAnswer::Declined, None));
    assert_eq!(
        standing(&store.rsvp(id, investors[2]).await.unwrap().unwrap()),
        (Some(Seat::Seated), None)
    );
    assert_eq!(
        standing(&store.rsvp(id, investors[3]).await.unwrap().unwrap()),
        (Some(Seat::Waiting), Some(1))
    );
    // Coming back, the first joins the end of the line.
    let back = answer(investors[0], RsvpAnswer::Attending, 12)
        .await
        .unwrap();
    assert_eq!(standing(&back), (Some(Seat::Waiting), Some(2)));
    assert_eq!(store.rsvp(id, 9_999).await.unwrap(), None);

    let list = store.forum_rsvps(id).await.unwrap();
    assert_eq!(
        list.iter().map(|r| r.user_id).collect::<Vec<_>>(),
        [investors[1], investors[2], investors[3], investors[0]],
        "seated, then the waiting list in order"
    );

    // Attendance: not before confirmation, not for those not attending.
    let mark = |user: i64, on: bool| {
        let store = store.clone();
        async move {
            store
                .mark_attendance(id, user, on, &setup_event("forum.attendance"))
                .await
        }
    };
    assert_eq!(mark(investors[1], true).await, Err(DbError::NotFound));
    step(&store, id, ForumState::Open, ForumState::Confirmed).await;
    mark(investors[1], true).await.unwrap();
    answer(investors[2], RsvpAnswer::Maybe, 13).await.unwrap();
    assert_eq!(
        mark(investors[2], true).await,
        Err(DbError::NotFound),
        "maybe is not attending"
    );
    assert!(
        store
            .rsvp(id, investors[1])
            .await
            .unwrap()
            .unwrap()
            .attended
    );
    step(&store, id, ForumState::Confirmed, ForumState::Held).await;
    assert_eq!(
        answer(investors[2], RsvpAnswer::Attending, 14).await,
        Err(DbError::NotFound),
        "the day has come"
    );
    mark(investors[1], false).await.unwrap();
    step(&store, id, ForumState::Held, ForumState::Closed).await;
    assert_eq!(mark(investors[1], true).await, Err(DbError::NotFound));
}

/// Eight investors answer at once for three seats: exactly three sit.
async fn the_last_seats_go_to_one_answer_each(store: Arc<dyn Store>) {
    let admin = staff(store.as_ref(), "admin@forum.test", Role::Admin).await;
    let mut w = write(admin, "포럼", 10);
    w.capacity = 3;
    let id = store
        .create_forum(&w, &setup_event("forum.create"))
        .await
        .unwrap();
    step(&store, id, ForumState::Planning, ForumState::Open).await;
    let mut users = Vec::new();
    for n in 0..8 {
        users.push(
            verified_investor_in(store.as_ref(), &format!("r{n}@forum.test"), "한강엔젤")
                .await
                .0,
        );
    }
    let answers = futures_util::future::join_all(users.iter().map(|&u| {
        let store = store.clone();
        async move {
            store
                .set_rsvp(id, u, RsvpAnswer::Attending, &setup_event("forum.rsvp"))
                .await
        }
    }))
    .await;
    let seated = answers
        .iter()
        .filter(|r| r.as_ref().unwrap().seat == Some(Seat::Seated))
        .count();
    assert_eq!(seated, 3);
    let f = store.forum(id).await.unwrap();
    assert_eq!((f.seated, f.waiting), (3, 5));
}

fn card(scores: [i64; 6], strengths: &str) -> Scores {
    Scores {
        scores,
        strengths: strengths.into(),
        improvements: String::new(),
        questions: String::new(),
    }
}

/// Scorecards only while the forum is held, only from attending investors
/// (a seat, or marked present from the waiting list) and only for a
/// company on the agenda; one per investor and company, rewritten in
/// place. Weights change until feedback is released, and feedback is
/// released once, after closing.
async fn scorecards_come_from_attending_investors_on_the_day(store: Arc<dyn Store>) {
    let admin = staff(store.as_ref(), "admin@forum.test", Role::Admin).await;
    let (founder, a) = founder_of(store.as_ref(), "f@forum.test", "tansoon", "탄소온").await;
    let (other, b) = founder_of(store.as_ref(), "g@forum.test", "baleul", "발열웨어").await;
    let mut w = write(admin, "포럼", 10);
    w.capacity = 1;
    let id = store
        .create_forum(&w, &setup_event("forum.create"))
        .await
        .unwrap();
    step(&store, id, ForumState::Planning, ForumState::Open).await;
    for (company, by) in [(a, founder), (b, other)] {
        store
            .apply_to_forum(id, company, "발표", by, &setup_event("forum.apply"))
            .await
            .unwrap();
    }
    store
        .decide_application(id, a, ApplicationStatus::Accepted, admin, &setup_event("d"))
        .await
        .unwrap();
    let slot = Slot {
        company_id: a,
        position: 1,
        starts_at: w.starts_at + Duration::minutes(10),
    };
    store
        .set_agenda(id, &[a], &[slot], &setup_event("forum.agenda"))
        .await
        .unwrap();
    let mut investors = Vec::new();
    for (n, answer) in [
        RsvpAnswer::Attending,
        RsvpAnswer::Attending,
        RsvpAnswer::Maybe,
    ]
    .into_iter()
    .enumerate()
    {
        let (user, _) =
            verified_investor_in(store.as_ref(), &format!("s{n}@forum.test"), "한강엔젤").await;
        let mut event = setup_event("forum.rsvp");
        event.at = now() + Duration::seconds(n as i64);
        store.set_rsvp(id, user, answer, &event).await.unwrap();
        investors.push(user);
    }
    let [seated, waiting, maybe] = [investors[0], investors[1], investors[2]];
    let score = |company: i64, user: i64, c: Scores| {
        let store = store.clone();
        async move {
            store
                .save_scorecard(id, company, user, &c, &setup_event("forum.score"))
                .await
        }
    };
    step(&store, id, ForumState::Open, ForumState::Confirmed).await;
    assert_eq!(
        score(a, seated, card([5; 6], "")).await,
        Err(DbError::NotFound),
        "not before the day"
    );
    step(&store, id, ForumState::Confirmed, ForumState::Held).await;
    score(a, seated, card([5, 4, 4, 3, 2, 1], "팀"))
        .await
        .unwrap();
    assert_eq!(
        score(a, waiting, card([3; 6], "")).await,
        Err(DbError::NotFound),
        "the waiting list did not get in"
    );
    assert_eq!(
        score(a, maybe, card([3; 6], "")).await,
        Err(DbError::NotFound)
    );
    assert_eq!(
        score(b, seated, card([3; 6], "")).await,
        Err(DbError::NotFound),
        "a company that does not present"
    );
    // Let in from the waiting list and marked present: may score.
    store
        .mark_attendance(id, waiting, true, &setup_event("forum.attendance"))
        .await
        .unwrap();
    score(a, waiting, card([4, 4, 3, 3, 2, 2], "시장"))
        .await
        .unwrap();
    // Changing one's mind rewrites the same scorecard.
    score(a, seated, card([4, 5, 4, 4, 3, 2], "양산"))
        .await
        .unwrap();

    let all = store.forum_scorecards(id).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].company_slug, "tansoon");
    let mine = store.investor_scorecards(id, seated).await.unwrap();
    assert_eq!(mine, [(a, card([4, 5, 4, 4, 3, 2], "양산"))]);
    let mut received = store.company_scorecards(id, a).await.unwrap();
    received.sort_by_key(|c| c.scores);
    assert_eq!(
        received.iter().map(|c| c.scores).collect::<Vec<_>>(),
        [[4, 4, 3, 3, 2, 2], [4, 5, 4, 4, 3, 2]]
    );
    assert!(store.company_scorecards(id, b).await.unwrap().is_empty());

    // Weights: the admin's setting, until release.
    let weights = Weights([30, 20, 20, 10, 10, 10]);
    store
        .set_weights(id, &weights, &setup_event("forum.weights"))
        .await
        .unwrap();
    assert_eq!(store.forum(id).await.unwrap().weights, weights);
    assert_eq!(
        store
            .release_feedback(id, &setup_event("forum.release"))
            .await,
        Err(DbError::NotFound),
        "not while scorecards may still change"
    );

    step(&store, id, ForumState::Held, ForumState::Closed).await;
    assert_eq!(
        score(a, seated, card([1; 6], "")).await,
        Err(DbError::NotFound),
        "closed: final"
    );
    assert_eq!(store.forum(id).await.unwrap().feedback_released_at, None);
    store
        .release_feedback(id, &setup_event("forum.release"))
        .await
        .unwrap();
    assert!(store
        .forum(id)
        .await
        .unwrap()
        .feedback_released_at
        .is_some());
    assert_eq!(
        store
            .release_feedback(id, &setup_event("forum.release"))
            .await,
        Err(DbError::NotFound),
        "once"
    );
    assert_eq!(
        store
            .set_weights(id, &Weights::default(), &setup_event("forum.weights"))
            .await,
        Err(DbError::NotFound),
        "what founders read does not change under them"
    );
    assert_eq!(store.forum(id).await.unwrap().weights, weights);
}

on_both_backends!(crate::common::with_store =>
    scorecards_come_from_attending_investors_on_the_day,
    rsvps_fill_seats_then_a_waiting_list,
    the_last_seats_go_to_one_answer_each,
    forums_move_through_their_stages,
    applications_only_while_open,
    the_agenda_is_all_or_nothing,
);
