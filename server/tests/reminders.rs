//! Readiness reminders on SQLite and PostgreSQL: the job tells the
//! company's members and its assigned consultants (nobody else) about
//! items due within seven days or overdue, once per item, kind and due
//! date, in the feed and by one e-mail each; not before 08:00 Seoul time;
//! again when a due date moves; and two processes at once record each
//! reminder once.

mod common;

use app::domain::readiness::{ItemStatus, TemplateKind};
use app::domain::role::Role;
use app::domain::seoul_time::{seoul_date, seoul_offset};
use app::ssr::deal_store::NotificationKind;
use app::ssr::mail_store::{MailKind, OutboxMail};
use app::ssr::readiness_store::{ItemMove, NewAssignment};
use app::ssr::Store;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, SubsecRound, Utc};
use common::app_server::{page, TestServer};
use common::people::{founder_of, open_session, setup_event, staff};
use server::reminders::ReminderJob;
use std::sync::Arc;

/// `day` at `hour`:00 in Seoul.
fn seoul(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap())
        .and_local_timezone(seoul_offset())
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn job(store: &Arc<dyn Store>, at: DateTime<Utc>) -> ReminderJob {
    ReminderJob {
        store: store.clone(),
        public_url: "https://pitchbridge.example".into(),
        every: std::time::Duration::from_secs(3600),
        clock: Arc::new(move || at),
    }
}

/// Every queued e-mail (claimed, so a second call sees only newer ones).
async fn queued_mail(store: &Arc<dyn Store>) -> Vec<OutboxMail> {
    store
        .claim_mail(Utc::now() + Duration::days(1), 1000, Duration::minutes(15))
        .await
        .unwrap()
}

async fn plan(store: &Arc<dyn Store>, company: i64, item: i64, due: NaiveDate) {
    store
        .plan_item(company, item, Some(due), "", Utc::now())
        .await
        .unwrap();
}

async fn move_to(store: &Arc<dyn Store>, company: i64, item: i64, to: ItemStatus, actor: i64) {
    store
        .move_item(&ItemMove {
            company_id: company,
            item_id: item,
            expected: ItemStatus::NotStarted,
            to,
            actor_id: actor,
            actor_name: "테스트".into(),
            at: Utc::now().trunc_subsecs(0),
        })
        .await
        .unwrap();
}

async fn reminders_reach_the_company_and_its_consultant_once(s: TestServer) {
    let store = s.store.clone();
    let today = seoul_date(Utc::now());
    let day = |d: i64| today + Duration::days(d);
    let (founder, company) = founder_of(store.as_ref(), "f@rem.kr", "rem-co", "리마인드").await;
    let consultant = staff(store.as_ref(), "c@rem.kr", Role::Consultant).await;
    let other_consultant = staff(store.as_ref(), "o@rem.kr", Role::Consultant).await;
    let admin = staff(store.as_ref(), "a@rem.kr", Role::Admin).await;
    store
        .assign_consultant(
            &NewAssignment {
                consultant_id: consultant,
                company_id: company,
                starts_on: today,
                ends_on: None,
                assigned_by: admin,
                at: Utc::now(),
            },
            &setup_event("readiness.assign"),
        )
        .await
        .unwrap();
    store
        .start_checklist(company, TemplateKind::Crowdfunding, Utc::now())
        .await
        .unwrap();
    let items = store
        .checklist(company, TemplateKind::Crowdfunding)
        .await
        .unwrap()
        .items;
    let (soon, late, submitted, approved, later) = (
        items[0].id,
        items[1].id,
        items[2].id,
        items[3].id,
        items[4].id,
    );
    plan(&store, company, soon, day(3)).await;
    move_to(&store, company, soon, ItemStatus::InProgress, founder).await;
    plan(&store, company, late, day(-2)).await;
    plan(&store, company, submitted, day(-1)).await;
    move_to(&store, company, submitted, ItemStatus::Submitted, founder).await;
    plan(&store, company, approved, day(-5)).await;
    move_to(&store, company, approved, ItemStatus::Approved, consultant).await;
    plan(&store, company, later, day(8)).await;

    // Before 08:00 in Seoul nothing is told.
    assert_eq!(job(&store, seoul(today, 7)).run_once().await.unwrap(), 0);
    assert!(store.notifications(founder, 50).await.unwrap().is_empty());

    // The founder: the item due soon and the overdue one (the submitted
    // item waits for the consultant). The consultant: all three open
    // ones. The approved item and the one due in eight days: nobody.
    assert_eq!(job(&store, seoul(today, 9)).run_once().await.unwrap(), 5);
    let founder_kinds: Vec<NotificationKind> = store
        .notifications(founder, 50)
        .await
        .unwrap()
        .iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(founder_kinds.len(), 2);
    assert!(founder_kinds.contains(&NotificationKind::ReadinessDueSoon));
    assert!(founder_kinds.contains(&NotificationKind::ReadinessOverdue));
    let told = store.notifications(consultant, 50).await.unwrap();
    assert_eq!(told.len(), 3);
    let due_dates: Vec<NaiveDate> = told
        .iter()
        .filter_map(|n| n.item.as_ref())
        .map(|i| i.due_on)
        .collect();
    for due in [day(3), day(-2), day(-1)] {
        assert!(due_dates.contains(&due), "{due} in {due_dates:?}");
    }
    assert!(told.iter().all(|n| n.company_name == "리마인드"));
    assert!(store
        .notifications(other_consultant, 50)
        .await
        .unwrap()
        .is_empty());
    assert!(store.notifications(admin, 50).await.unwrap().is_empty());

    // One e-mail each, in Korean, naming the items and linking the page.
    let mails = queued_mail(&store).await;
    assert_eq!(mails.len(), 2, "{mails:#?}");
    assert!(mails.iter().all(|m| m.kind == MailKind::ReadinessReminder));
    let to_founder = mails.iter().find(|m| m.to_address == "f@rem.kr").unwrap();
    assert!(to_founder.subject.contains("2건"), "{}", to_founder.subject);
    assert!(
        to_founder.subject.contains("마감 지남 1건"),
        "{}",
        to_founder.subject
    );
    assert!(to_founder
        .body_text
        .contains(&items[0].template_item.title_ko));
    assert!(to_founder
        .body_text
        .contains(&items[1].template_item.title_ko));
    assert!(!to_founder
        .body_text
        .contains(&items[2].template_item.title_ko));
    assert!(to_founder.body_text.contains("3일 남음"));
    assert!(to_founder.body_text.contains("2일 지남"));
    assert!(to_founder
        .body_text
        .contains("https://pitchbridge.example/companies/rem-co/readiness"));
    assert!(to_founder.body_text.contains("구성원"));
    let to_consultant = mails.iter().find(|m| m.to_address == "c@rem.kr").unwrap();
    assert!(to_consultant.subject.contains("3건"));
    assert!(to_consultant.body_text.contains("담당 컨설턴트"));

    // Once: later the same day, or the next morning, nothing new.
    assert_eq!(job(&store, seoul(today, 15)).run_once().await.unwrap(), 0);
    assert!(queued_mail(&store).await.is_empty());

    // A new due date is a new reminder; two processes at once record it
    // once, with one e-mail per person.
    plan(&store, company, soon, day(5)).await;
    let (first, second) = (job(&store, seoul(today, 10)), job(&store, seoul(today, 10)));
    let (a, b) = tokio::join!(first.run_once(), second.run_once());
    assert_eq!(a.unwrap() + b.unwrap(), 2);
    assert_eq!(queued_mail(&store).await.len(), 2);
    assert_eq!(store.notifications(founder, 50).await.unwrap().len(), 3);

    // The feed shows the reminder and links the readiness page; the
    // header counts it as unread.
    let cookie = open_session(store.as_ref(), founder).await;
    let (status, _, html) = page(&s, "/feed", Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(html.contains("/companies/rem-co/readiness"), "{html}");
    assert!(html.contains(&format!(
        "준비도 항목 「{}」 마감이 지났습니다",
        items[1].template_item.title_ko
    )));
    assert!(html.contains(&format!(
        "준비도 항목 「{}」 마감이 다가옵니다",
        items[0].template_item.title_ko
    )));
    assert_eq!(store.unread_count(founder, None).await.unwrap(), 3);

    // A daily digest does not repeat what the reminder mail said.
    let digest = app::ssr::mail::digest(
        &app::ssr::mail_store::MailRecipient {
            user_id: founder,
            email: "f@rem.kr".into(),
            display_name: "대표".into(),
            locale: "ko".into(),
        },
        &[],
        &store.notifications(founder, 50).await.unwrap(),
        None,
        today,
        "https://pitchbridge.example",
        "https://pitchbridge.example/u",
    );
    assert!(digest.is_none());
}

on_both_backends!(crate::common::app_server::with_server =>
    reminders_reach_the_company_and_its_consultant_once,
);
