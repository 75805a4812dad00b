//! The deal-flow part of the data layer: every test runs against SQLite and
//! PostgreSQL.

mod common;

use app::domain::account::Verification;
use app::domain::company::{Funding, NewUpdate, SectionKind, UpdateKind, Visibility};
use app::domain::deal::{
    InterestStage, MeetingAnswer, MeetingStatus, StageChange, StageChangeForm,
};
use app::domain::money::Won;
use app::ssr::company_store::StoredSection;
use app::ssr::deal_store::{FeedKind, NewStageChange, PipelineFilter, PipelineScope};
use app::ssr::{DbError, NewAuditEvent, Store};
use chrono::{DateTime, Duration, NaiveDate, SubsecRound, Utc};
use common::people::{founder_of, setup_event, verified_investor_in};
use std::sync::Arc;

// --- Helpers -----------------------------------------------------------

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

fn audit(action: &'static str) -> NewAuditEvent {
    setup_event(action)
}

/// A founder and their company: (user id, company id).
async fn founder(store: &Arc<dyn Store>, email: &str, company: &str) -> (i64, i64) {
    let slug = format!("co-{}", email.replace(['@', '.'], "-"));
    founder_of(store.as_ref(), email, &slug, company).await
}

/// A verified investor in `club`: (user id, club id).
async fn investor(store: &Arc<dyn Store>, email: &str, club: &str) -> (i64, i64) {
    verified_investor_in(store.as_ref(), email, club).await
}

fn form(stage: &str) -> StageChangeForm {
    StageChangeForm {
        stage: stage.into(),
        ..Default::default()
    }
}

fn today() -> NaiveDate {
    app::domain::seoul_time::seoul_date(Utc::now())
}

/// Records `form` for the investor, expecting the interest at `from`.
async fn move_to(
    store: &Arc<dyn Store>,
    investor: (i64, i64),
    company_id: i64,
    from: Option<InterestStage>,
    form: StageChangeForm,
    at: DateTime<Utc>,
) -> Result<InterestStage, DbError> {
    let change: StageChange = form.validate(from, today()).expect("valid form");
    store
        .record_stage_change(
            &NewStageChange {
                investor_id: investor.0,
                club_id: Some(investor.1),
                company_id,
                expected_from: from,
                change: &change,
                forum_id: None,
                at,
                mail_base_url: None,
            },
            &audit("deal.stage"),
        )
        .await
        .map(|r| r.terms.stage)
}

fn interested(min: &str, max: &str) -> StageChangeForm {
    StageChangeForm {
        amount_min: min.into(),
        amount_max: max.into(),
        route: "direct".into(),
        ..form("interested")
    }
}

fn meeting(message: &str) -> StageChangeForm {
    StageChangeForm {
        message: message.into(),
        ..form("meeting_requested")
    }
}

fn with_amount(stage: &str, amount: &str) -> StageChangeForm {
    StageChangeForm {
        amount: amount.into(),
        invested_on: if stage == "invested" {
            today().to_string()
        } else {
            String::new()
        },
        ..form(stage)
    }
}

fn one_section(text: &str) -> Vec<StoredSection> {
    SectionKind::ALL
        .iter()
        .map(|&kind| {
            let markdown = if kind == SectionKind::Technology {
                text
            } else {
                ""
            };
            StoredSection {
                kind,
                visibility: Visibility::Public,
                markdown: markdown.to_string(),
                html: if markdown.is_empty() {
                    String::new()
                } else {
                    format!("<p>{markdown}</p>")
                },
                plain_text: markdown.to_string(),
            }
        })
        .collect()
}

// --- Tests -------------------------------------------------------------

async fn the_ladder_records_every_step_and_notifies_the_founders(store: Arc<dyn Store>) {
    use InterestStage::*;
    let (founder_id, company) = founder(&store, "f@a.kr", "탄소온").await;
    let angel = investor(&store, "angel@a.kr", "한강엔젤").await;
    let t0 = now() - Duration::days(10);

    assert_eq!(
        move_to(&store, angel, company, None, form("watching"), t0).await,
        Ok(Watching)
    );
    let steps = [
        (Watching, interested("3000만", "5000만")),
        (Interested, meeting("공장 방문을 요청합니다")),
        (MeetingRequested, form("due_diligence")),
        (DueDiligence, with_amount("intends", "4000만")),
        (Intends, with_amount("invested", "4000만")),
    ];
    for (i, (from, step)) in steps.into_iter().enumerate() {
        move_to(
            &store,
            angel,
            company,
            Some(from),
            step,
            t0 + Duration::days(i as i64 + 1),
        )
        .await
        .unwrap();
    }
    let (following, interest) = store.deal_state(angel.0, company).await.unwrap();
    assert!(following, "recording interest follows the company");
    let terms = interest.unwrap().terms;
    assert_eq!(terms.stage, Invested);
    assert_eq!(terms.amount, Some(Won(40_000_000)));
    assert_eq!(
        terms.amount_min,
        Some(Won(30_000_000)),
        "the range carries over"
    );
    assert_eq!(terms.invested_on, Some(today()));

    let history = store.interest_history(angel.0, company).await.unwrap();
    assert_eq!(history.len(), 6);
    assert_eq!(history[0].to, Invested);
    assert_eq!(history[0].from, Some(Intends));
    assert_eq!(history[5].from, None);
    assert!(history[0].actor_name.contains("angel"));
    assert_eq!(history[0].forum_id, None);

    // The meeting request reached the founders.
    let interest = store.company_interest(company).await.unwrap();
    assert_eq!(interest.followed_at.len(), 1);
    assert_eq!(interest.meetings.len(), 1);
    assert_eq!(interest.meetings[0].message, "공장 방문을 요청합니다");
    assert_eq!(interest.meetings[0].status, MeetingStatus::Pending);
    assert_eq!(interest.meetings[0].club_name.as_deref(), Some("한강엔젤"));
    let invested = interest
        .per_stage
        .iter()
        .find(|(s, _)| *s == Invested)
        .unwrap()
        .1;
    assert_eq!(invested, 1);
    assert_eq!(interest.per_stage.len(), InterestStage::ALL.len());
    let notes = store.notifications(founder_id, 10).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(store.unread_count(founder_id, None).await.unwrap(), 1);
    store.mark_feed_read(founder_id, now()).await.unwrap();
    assert_eq!(store.unread_count(founder_id, None).await.unwrap(), 0);

    let deals = store.deals_of(angel.0).await.unwrap();
    assert_eq!(deals.len(), 1);
    assert!(deals[0].following);
    assert_eq!(deals[0].company.name_ko, "탄소온");
}

async fn a_change_from_a_stale_form_is_refused_and_changes_nothing(store: Arc<dyn Store>) {
    let (_, company) = founder(&store, "f@b.kr", "발열").await;
    let angel = investor(&store, "angel@b.kr", "클럽B").await;
    move_to(&store, angel, company, None, form("watching"), now())
        .await
        .unwrap();
    // Another tab moved it meanwhile; this one still thinks there is none.
    let stale = move_to(&store, angel, company, None, form("due_diligence"), now()).await;
    assert_eq!(stale, Err(DbError::Conflict("stage".into())));
    let stale = move_to(
        &store,
        angel,
        company,
        Some(InterestStage::Interested),
        form("due_diligence"),
        now(),
    )
    .await;
    assert_eq!(stale, Err(DbError::Conflict("stage".into())));
    assert_eq!(
        store
            .interest_history(angel.0, company)
            .await
            .unwrap()
            .len(),
        1
    );
    let (_, interest) = store.deal_state(angel.0, company).await.unwrap();
    assert_eq!(interest.unwrap().terms.stage, InterestStage::Watching);
}

async fn pipelines_hold_my_cards_or_my_verified_club_mates(store: Arc<dyn Store>) {
    let (_, a) = founder(&store, "f1@c.kr", "가나").await;
    let (_, b) = founder(&store, "f2@c.kr", "다라").await;
    let me = investor(&store, "me@c.kr", "한강").await;
    let mate = investor(&store, "mate@c.kr", "한강").await;
    let other = investor(&store, "other@c.kr", "포항").await;
    assert_eq!(me.1, mate.1);
    assert_ne!(me.1, other.1);
    move_to(&store, me, a, None, interested("1억", "2억"), now())
        .await
        .unwrap();
    move_to(&store, me, b, None, form("watching"), now())
        .await
        .unwrap();
    move_to(
        &store,
        mate,
        a,
        None,
        with_amount("intends", "5000만"),
        now(),
    )
    .await
    .unwrap();
    move_to(&store, other, a, None, form("watching"), now())
        .await
        .unwrap();

    let mine = store
        .pipeline(PipelineScope::Investor(me.0), &PipelineFilter::default())
        .await
        .unwrap();
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|c| c.investor_id == me.0));

    let club = store
        .pipeline(PipelineScope::Club(me.1), &PipelineFilter::default())
        .await
        .unwrap();
    assert_eq!(club.len(), 3, "mine and my mate's, not the other club's");
    assert!(club.iter().all(|c| c.investor_id != other.0));
    let value: i64 = club.iter().map(|c| c.terms.pipeline_value().get()).sum();
    assert_eq!(value, 100_000_000 + 50_000_000);

    let by_stage = PipelineFilter {
        stage: Some(InterestStage::Intends),
        ..Default::default()
    };
    let intends = store
        .pipeline(PipelineScope::Club(me.1), &by_stage)
        .await
        .unwrap();
    assert_eq!(intends.len(), 1);
    assert_eq!(intends[0].investor_id, mate.0);
    let by_member = PipelineFilter {
        member_id: Some(mate.0),
        ..Default::default()
    };
    assert_eq!(
        store
            .pipeline(PipelineScope::Club(me.1), &by_member)
            .await
            .unwrap()
            .len(),
        1
    );
    let no_cluster = PipelineFilter {
        cluster_slug: Some("carbon-materials".into()),
        ..Default::default()
    };
    assert!(store
        .pipeline(PipelineScope::Club(me.1), &no_cluster)
        .await
        .unwrap()
        .is_empty());

    // A verified member who loses verification leaves the club's pipeline.
    store
        .set_verification(mate.0, Verification::Rejected, &audit("user.verify"))
        .await
        .unwrap();
    assert_eq!(
        store
            .pipeline(PipelineScope::Club(me.1), &PipelineFilter::default())
            .await
            .unwrap()
            .len(),
        2
    );
    let members = store.club_members(me.1).await.unwrap();
    assert_eq!(
        members.iter().map(|m| m.user_id).collect::<Vec<_>>(),
        vec![me.0]
    );

    // The export's batches walk the same rows in id order.
    let first = store
        .pipeline_batch(
            PipelineScope::Investor(me.0),
            &PipelineFilter::default(),
            0,
            1,
        )
        .await
        .unwrap();
    let second = store
        .pipeline_batch(
            PipelineScope::Investor(me.0),
            &PipelineFilter::default(),
            first[0].interest_id,
            1,
        )
        .await
        .unwrap();
    let rest = store
        .pipeline_batch(
            PipelineScope::Investor(me.0),
            &PipelineFilter::default(),
            second[0].interest_id,
            1,
        )
        .await
        .unwrap();
    assert!(first[0].interest_id < second[0].interest_id);
    assert!(rest.is_empty());
}

async fn club_notes_stay_in_their_club_and_with_their_author(store: Arc<dyn Store>) {
    let (_, company) = founder(&store, "f@d.kr", "노트").await;
    let me = investor(&store, "me@d.kr", "한강").await;
    let mate = investor(&store, "mate@d.kr", "한강").await;
    let other = investor(&store, "other@d.kr", "포항").await;
    let id = store
        .add_club_note(
            me.1,
            company,
            me.0,
            "**좋음**",
            "<p><strong>좋음</strong></p>",
            now(),
        )
        .await
        .unwrap();
    let notes = store.club_notes(me.1, company).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].author_id, Some(me.0));
    assert!(notes[0].author_name.contains("me"));
    assert!(store.club_notes(other.1, company).await.unwrap().is_empty());

    // Only the author, within the note's club, changes or deletes it.
    assert_eq!(
        store
            .update_club_note(id, me.1, mate.0, "x", "<p>x</p>", now())
            .await,
        Err(DbError::NotFound)
    );
    assert_eq!(
        store
            .update_club_note(id, other.1, me.0, "x", "<p>x</p>", now())
            .await,
        Err(DbError::NotFound)
    );
    assert_eq!(
        store.delete_club_note(id, me.1, mate.0).await,
        Err(DbError::NotFound)
    );
    let later = now() + Duration::minutes(5);
    store
        .update_club_note(id, me.1, me.0, "고침", "<p>고침</p>", later)
        .await
        .unwrap();
    let notes = store.club_notes(me.1, company).await.unwrap();
    assert_eq!(notes[0].markdown, "고침");
    assert_eq!(notes[0].updated_at, later);
    store.delete_club_note(id, me.1, me.0).await.unwrap();
    assert!(store.club_notes(me.1, company).await.unwrap().is_empty());

    store
        .set_club_stale_after_days(me.1, 45, &audit("club.stale_after_days"))
        .await
        .unwrap();
    assert_eq!(
        store
            .club_deal_settings(me.1)
            .await
            .unwrap()
            .stale_after_days,
        45
    );
    assert_eq!(
        store
            .club_deal_settings(other.1)
            .await
            .unwrap()
            .stale_after_days,
        30
    );
}

async fn a_meeting_is_answered_once_by_its_own_company(store: Arc<dyn Store>) {
    let (founder_id, company) = founder(&store, "f@e.kr", "미팅").await;
    let (_, elsewhere) = founder(&store, "g@e.kr", "다른 회사").await;
    let angel = investor(&store, "angel@e.kr", "한강").await;
    move_to(
        &store,
        angel,
        company,
        None,
        meeting("뵙고 싶습니다"),
        now(),
    )
    .await
    .unwrap();
    let meeting_id = store.company_interest(company).await.unwrap().meetings[0].id;
    let answer = MeetingAnswer {
        status: MeetingStatus::Accepted,
        proposed_at: Some(now() + Duration::days(3)),
        note: Some("화요일 오후 어떠세요".into()),
    };
    assert_eq!(
        store
            .answer_meeting(
                elsewhere,
                meeting_id,
                &answer,
                founder_id,
                now(),
                &audit("deal.meeting_answer")
            )
            .await,
        Err(DbError::NotFound)
    );
    store
        .answer_meeting(
            company,
            meeting_id,
            &answer,
            founder_id,
            now(),
            &audit("deal.meeting_answer"),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .answer_meeting(
                company,
                meeting_id,
                &answer,
                founder_id,
                now(),
                &audit("deal.meeting_answer")
            )
            .await,
        Err(DbError::Conflict("answered".into()))
    );
    let feed = store.feed(angel.0, Some(angel.1), 10).await.unwrap();
    let item = feed
        .iter()
        .find(|i| i.kind == FeedKind::MeetingAnswer)
        .expect("answer in feed");
    assert_eq!(item.detail.as_deref(), Some("accepted"));
    assert_eq!(item.title, "화요일 오후 어떠세요");
    assert_eq!(item.proposed_at, answer.proposed_at);
    let mine = store.meetings_of_investor(angel.0).await.unwrap();
    assert_eq!(mine[0].status, MeetingStatus::Accepted);
}

async fn the_feed_follows_companies_and_club_mates(store: Arc<dyn Store>) {
    let (founder_id, company) = founder(&store, "f@g.kr", "피드").await;
    let me = investor(&store, "me@g.kr", "한강").await;
    let mate = investor(&store, "mate@g.kr", "한강").await;
    let update = |title: &str| NewUpdate {
        kind: UpdateKind::Milestone,
        title: title.to_string(),
        body: "본문".to_string(),
    };
    let t0 = now() - Duration::hours(3);
    store
        .post_update(
            company,
            &update("팔로우 전 소식"),
            founder_id,
            t0,
            &audit("company.post_update"),
        )
        .await
        .unwrap();
    store
        .follow(me.0, company, t0 + Duration::minutes(1))
        .await
        .unwrap();
    store
        .follow(me.0, company, t0 + Duration::minutes(2))
        .await
        .unwrap();
    store
        .post_update(
            company,
            &update("시제품 완성"),
            founder_id,
            t0 + Duration::hours(1),
            &audit("company.post_update"),
        )
        .await
        .unwrap();
    store
        .save_pitch_draft(
            company,
            &one_section("탄소 기술"),
            &Funding::default(),
            founder_id,
            t0 + Duration::hours(2),
            &audit("company.save_draft"),
        )
        .await
        .unwrap();
    store
        .publish_pitch(
            company,
            founder_id,
            t0 + Duration::hours(2),
            &audit("company.publish"),
        )
        .await
        .unwrap();
    move_to(&store, mate, company, None, form("due_diligence"), now())
        .await
        .unwrap();
    // My own moves are not news to me.
    move_to(&store, me, company, None, form("watching"), now())
        .await
        .unwrap();

    let feed = store.feed(me.0, Some(me.1), 10).await.unwrap();
    let kinds: Vec<FeedKind> = feed.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        vec![FeedKind::ClubStage, FeedKind::Revision, FeedKind::Update]
    );
    assert_eq!(feed[0].detail.as_deref(), Some("due_diligence"));
    assert!(feed[0].title.contains("mate"));
    assert_eq!(feed[1].title, "1");
    assert_eq!(feed[2].title, "시제품 완성");
    assert_eq!(store.unread_count(me.0, Some(me.1)).await.unwrap(), 3);
    store.mark_feed_read(me.0, now()).await.unwrap();
    assert_eq!(store.unread_count(me.0, Some(me.1)).await.unwrap(), 0);
    assert!(store.feed_seen_at(me.0).await.unwrap().is_some());

    // Without a club, mates' moves do not show.
    let alone = store.feed(me.0, None, 10).await.unwrap();
    assert_eq!(alone.len(), 2);

    store.unfollow(me.0, company).await.unwrap();
    let (following, interest) = store.deal_state(me.0, company).await.unwrap();
    assert!(!following);
    assert!(interest.is_some(), "unfollowing keeps the ladder");
}

on_both_backends!(crate::common::with_store =>
    the_ladder_records_every_step_and_notifies_the_founders,
    a_change_from_a_stale_form_is_refused_and_changes_nothing,
    pipelines_hold_my_cards_or_my_verified_club_mates,
    club_notes_stay_in_their_club_and_with_their_author,
    a_meeting_is_answered_once_by_its_own_company,
    the_feed_follows_companies_and_club_mates,
);
