//! The readiness part of the data layer, on SQLite and PostgreSQL:
//! assignments and who they make assigned on which day, the built-in
//! templates, checklists started from them, moves with sign-off, the score
//! and its history, the stale-form guard, plans, comments, evidence, and
//! that another company's item ids change nothing; template edits as new
//! versions that leave started checklists on theirs.

mod common;

use app::domain::readiness::{builtin_items, ItemStatus, TemplateKind};
use app::domain::role::Role;
use app::ssr::readiness_store::{ItemMove, NewAssignment, NewEvidence};
use app::ssr::{DbError, Store};
use chrono::{DateTime, Duration, NaiveDate, SubsecRound, Utc};
use common::people::{founder_of, setup_event, staff};
use std::sync::Arc;

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

fn day_of(y: i32, m: u32, d: u32) -> NaiveDate {
    day(y, m, d)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn mv(
    company_id: i64,
    item_id: i64,
    from: ItemStatus,
    to: ItemStatus,
    actor: i64,
    at: DateTime<Utc>,
) -> ItemMove {
    ItemMove {
        company_id,
        item_id,
        expected: from,
        to,
        actor_id: actor,
        actor_name: "김컨설".into(),
        at,
    }
}

/// Starts the company's checklist of `kind` at `at` and returns its items.
async fn started_items(
    store: &Arc<dyn Store>,
    company: i64,
    kind: TemplateKind,
    at: DateTime<Utc>,
) -> Vec<app::ssr::readiness_store::ChecklistItem> {
    store.start_checklist(company, kind, at).await.unwrap();
    store.checklist(company, kind).await.unwrap().items
}

/// Assigns `consultant` to `company` from today, open-ended.
async fn assign_from_today(store: &Arc<dyn Store>, consultant: i64, company: i64, admin: i64) {
    store
        .assign_consultant(
            &NewAssignment {
                consultant_id: consultant,
                company_id: company,
                starts_on: app::domain::seoul_time::seoul_date(now()),
                ends_on: None,
                assigned_by: admin,
                at: now(),
            },
            &setup_event("readiness.assign"),
        )
        .await
        .unwrap();
}

async fn assignments_decide_who_is_assigned_on_which_day(store: Arc<dyn Store>) {
    let (_, company) = founder_of(store.as_ref(), "f@r.kr", "co-a", "에이").await;
    let consultant = staff(store.as_ref(), "c@r.kr", Role::Consultant).await;
    let admin = staff(store.as_ref(), "admin@r.kr", Role::Admin).await;
    let new = NewAssignment {
        consultant_id: consultant,
        company_id: company,
        starts_on: day(2026, 12, 1),
        ends_on: Some(day(2027, 5, 31)),
        assigned_by: admin,
        at: now(),
    };
    let id = store
        .assign_consultant(&new, &setup_event("readiness.assign"))
        .await
        .unwrap();
    assert_eq!(
        store
            .assigned_company_ids(consultant, day(2026, 11, 30))
            .await
            .unwrap(),
        Vec::<i64>::new()
    );
    assert_eq!(
        store
            .assigned_company_ids(consultant, day(2026, 12, 1))
            .await
            .unwrap(),
        vec![company]
    );
    assert_eq!(
        store
            .assigned_company_ids(consultant, day(2027, 5, 31))
            .await
            .unwrap(),
        vec![company]
    );
    assert!(store
        .assigned_company_ids(consultant, day(2027, 6, 1))
        .await
        .unwrap()
        .is_empty());

    // Only a consultant's account can be assigned.
    let not_consultant = NewAssignment {
        consultant_id: admin,
        ..new.clone()
    };
    assert_eq!(
        store
            .assign_consultant(&not_consultant, &setup_event("readiness.assign"))
            .await,
        Err(DbError::NotFound)
    );
    // Ending before the start is refused; ending changes the list.
    assert_eq!(
        store
            .end_assignment(company, id, day(2026, 11, 1), &setup_event("readiness.end"))
            .await,
        Err(DbError::NotFound)
    );
    store
        .end_assignment(
            company,
            id,
            day(2026, 12, 15),
            &setup_event("readiness.end"),
        )
        .await
        .unwrap();
    assert!(store
        .assigned_company_ids(consultant, day(2026, 12, 16))
        .await
        .unwrap()
        .is_empty());
    let listed = store.assignments_of_company(company).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].ends_on, Some(day(2026, 12, 15)));
    assert_eq!(store.assignments().await.unwrap().len(), 1);
}

async fn templates_are_written_once_and_checklists_start_from_them(store: Arc<dyn Store>) {
    // `open` wrote them; a second run (another process) adds nothing.
    store.ensure_builtin_templates(now()).await.unwrap();
    for kind in TemplateKind::ALL {
        let t = store.latest_template(*kind).await.unwrap();
        assert_eq!(t.version, 1);
        assert_eq!(t.items.len(), builtin_items(*kind).len());
        assert_eq!(t.items.iter().map(|i| i.weight).sum::<u32>(), 100);
    }
    let (_, company) = founder_of(store.as_ref(), "f@t.kr", "co-t", "티").await;
    let at = now();
    store
        .start_checklist(company, TemplateKind::Crowdfunding, at)
        .await
        .unwrap();
    assert!(matches!(
        store
            .start_checklist(company, TemplateKind::Crowdfunding, at)
            .await,
        Err(DbError::Conflict(_))
    ));
    let c = store
        .checklist(company, TemplateKind::Crowdfunding)
        .await
        .unwrap();
    assert_eq!(c.items.len(), 21);
    assert!(c.items.iter().all(|i| i.status == ItemStatus::NotStarted));
    assert_eq!(c.summary.score_permille, Some(0));
    assert_eq!(c.history.len(), 1);
    assert_eq!(
        store
            .checklist(company, TemplateKind::Angel)
            .await
            .map(|_| ()),
        Err(DbError::NotFound)
    );
    assert_eq!(store.checklists_of_company(company).await.unwrap().len(), 1);
}

async fn moves_sign_off_and_score(store: Arc<dyn Store>) {
    let (founder, company) = founder_of(store.as_ref(), "f@m.kr", "co-m", "엠").await;
    let consultant = staff(store.as_ref(), "c@m.kr", Role::Consultant).await;
    let t0 = now() - Duration::days(40);
    let items = started_items(&store, company, TemplateKind::Crowdfunding, t0).await;
    let first = &items[0]; // 법인 실체, weight 5
    let id = first.id;
    assert_eq!(first.template_item.weight, 5);

    let t1 = t0 + Duration::days(1);
    store
        .move_item(&mv(
            company,
            id,
            ItemStatus::NotStarted,
            ItemStatus::Submitted,
            founder,
            t1,
        ))
        .await
        .unwrap();
    // A second tab still showing "not started" is refused, not applied.
    assert_eq!(
        store
            .move_item(&mv(
                company,
                id,
                ItemStatus::NotStarted,
                ItemStatus::InProgress,
                founder,
                t1
            ))
            .await,
        Err(DbError::Conflict("status".into()))
    );
    let t2 = t0 + Duration::days(2);
    let score = store
        .move_item(&mv(
            company,
            id,
            ItemStatus::Submitted,
            ItemStatus::Approved,
            consultant,
            t2,
        ))
        .await
        .unwrap();
    assert_eq!(score, Some(50), "5 of 100");
    // Another item marked not applicable leaves the score's base.
    let second = items[1].id; // weight 4
    let score = store
        .move_item(&mv(
            company,
            second,
            ItemStatus::NotStarted,
            ItemStatus::NotApplicable,
            consultant,
            t2,
        ))
        .await
        .unwrap();
    assert_eq!(score, Some(52), "5 of 96, rounded");

    let c = store
        .checklist(company, TemplateKind::Crowdfunding)
        .await
        .unwrap();
    let signed = &c.items[0];
    assert_eq!(signed.status, ItemStatus::Approved);
    assert_eq!(signed.signed_off_name.as_deref(), Some("김컨설"));
    assert_eq!(signed.signed_off_at, Some(t2));
    assert_eq!(c.summary.score_permille, Some(52));
    assert_eq!(c.summary.last_progress_at, t2);
    let scores: Vec<u16> = c.history.iter().map(|p| p.score_permille).collect();
    assert_eq!(scores, vec![0, 0, 50, 52]);

    // Reopening clears the sign-off and is not progress.
    let t3 = t0 + Duration::days(3);
    store
        .move_item(&mv(
            company,
            id,
            ItemStatus::Approved,
            ItemStatus::InProgress,
            consultant,
            t3,
        ))
        .await
        .unwrap();
    let c = store
        .checklist(company, TemplateKind::Crowdfunding)
        .await
        .unwrap();
    assert_eq!(c.items[0].signed_off_name, None);
    assert_eq!(c.summary.score_permille, Some(0));
    assert_eq!(c.summary.last_progress_at, t2);
}

async fn other_companies_items_are_out_of_reach(store: Arc<dyn Store>) {
    let (founder, company) = founder_of(store.as_ref(), "f@o.kr", "co-o", "오").await;
    let (_, other) = founder_of(store.as_ref(), "g@o.kr", "co-p", "피").await;
    let theirs = started_items(&store, other, TemplateKind::Angel, now()).await[0].id;
    let at = now();
    assert_eq!(
        store
            .move_item(&mv(
                company,
                theirs,
                ItemStatus::NotStarted,
                ItemStatus::InProgress,
                founder,
                at
            ))
            .await,
        Err(DbError::NotFound)
    );
    assert_eq!(
        store
            .plan_item(company, theirs, Some(day(2027, 1, 1)), "x", at)
            .await,
        Err(DbError::NotFound)
    );
    assert_eq!(
        store
            .add_comment(company, theirs, founder, "f", "x", at)
            .await,
        Err(DbError::NotFound)
    );
    let evidence = NewEvidence {
        company_id: company,
        item_id: theirs,
        file_name: "a.pdf".into(),
        content_type: "application/pdf",
        bytes: b"%PDF-1.7\n%%EOF".to_vec(),
        sha256: "0".repeat(64),
        uploaded_by: founder,
        uploader_name: "f".into(),
        at,
    };
    assert_eq!(store.add_evidence(&evidence).await, Err(DbError::NotFound));
    let untouched = store.checklist(other, TemplateKind::Angel).await.unwrap();
    assert_eq!(untouched.items[0].status, ItemStatus::NotStarted);
    assert!(untouched.items[0].comments.is_empty() && untouched.items[0].evidence.is_empty());
    assert_eq!(untouched.items[0].due_on, None);
}

async fn plans_comments_and_evidence_come_back_with_their_items(store: Arc<dyn Store>) {
    let (founder, company) = founder_of(store.as_ref(), "f@e.kr", "co-e", "이").await;
    let items = started_items(&store, company, TemplateKind::Angel, now()).await;
    let (a, b) = (items[0].id, items[2].id);
    let at = now();
    store
        .plan_item(company, a, Some(day(2027, 1, 15)), "등기부 발급 예정", at)
        .await
        .unwrap();
    store
        .add_comment(company, a, founder, "대표", "첫 댓글", at)
        .await
        .unwrap();
    store
        .add_comment(company, b, founder, "대표", "다른 항목", at)
        .await
        .unwrap();
    store
        .add_comment(company, a, founder, "대표", "둘째 댓글", at)
        .await
        .unwrap();
    let bytes = b"%PDF-1.7\n1 0 obj\n%%EOF\n".to_vec();
    let id = store
        .add_evidence(&NewEvidence {
            company_id: company,
            item_id: a,
            file_name: "법인등기부.pdf".into(),
            content_type: "application/pdf",
            bytes: bytes.clone(),
            sha256: "0".repeat(64),
            uploaded_by: founder,
            uploader_name: "대표".into(),
            at,
        })
        .await
        .unwrap();
    let items = store
        .checklist(company, TemplateKind::Angel)
        .await
        .unwrap()
        .items;
    assert_eq!(items[0].due_on, Some(day(2027, 1, 15)));
    assert_eq!(items[0].note, "등기부 발급 예정");
    let bodies: Vec<&str> = items[0].comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, vec!["첫 댓글", "둘째 댓글"]);
    assert_eq!(items[2].comments.len(), 1);
    assert_eq!(items[0].evidence.len(), 1);
    assert_eq!(items[0].evidence[0].byte_size, bytes.len() as i64);
    let (owner, meta, stored) = store.evidence_file(id).await.unwrap();
    assert_eq!(owner, company);
    assert_eq!(meta.file_name, "법인등기부.pdf");
    assert_eq!(stored, bytes);
    assert_eq!(
        store.evidence_file(id + 1000).await.map(|_| ()),
        Err(DbError::NotFound)
    );
}

async fn badges_show_only_what_the_company_shares(store: Arc<dyn Store>) {
    let (_, company) = founder_of(store.as_ref(), "f@b.kr", "co-b", "비").await;
    let consultant = staff(store.as_ref(), "c@b.kr", Role::Consultant).await;
    let admin = staff(store.as_ref(), "a@b.kr", Role::Admin).await;
    let today = app::domain::seoul_time::seoul_date(now());
    assign_from_today(&store, consultant, company, admin).await;
    let t0 = now() - Duration::days(3);
    let item = started_items(&store, company, TemplateKind::Angel, t0).await[0].id;
    store
        .start_checklist(company, TemplateKind::Crowdfunding, t0)
        .await
        .unwrap();
    let t1 = t0 + Duration::days(1);
    store
        .move_item(&mv(
            company,
            item,
            ItemStatus::NotStarted,
            ItemStatus::Approved,
            consultant,
            t1,
        ))
        .await
        .unwrap();
    assert!(
        store.badges(company, today).await.unwrap().is_empty(),
        "private until shared"
    );
    store
        .share_badge(company, TemplateKind::Angel, Some(now()))
        .await
        .unwrap();
    let badges = store.badges(company, today).await.unwrap();
    let page = store.company_page_records("co-b", today, 5).await.unwrap();
    assert_eq!(
        page.badges, badges,
        "the company page reads the same badges"
    );
    assert_eq!(badges.len(), 1);
    assert_eq!(badges[0].kind, TemplateKind::Angel);
    assert_eq!(badges[0].score_permille, 50);
    assert_eq!(badges[0].as_of, t1);
    assert_eq!(badges[0].consultants.len(), 1);
    store
        .share_badge(company, TemplateKind::Angel, None)
        .await
        .unwrap();
    assert!(store.badges(company, today).await.unwrap().is_empty());
    assert_eq!(
        store
            .share_badge(company + 999, TemplateKind::Angel, Some(now()))
            .await,
        Err(DbError::NotFound)
    );
}

async fn milestones_are_the_companys_and_public_by_choice(store: Arc<dyn Store>) {
    use app::domain::readiness::{MilestoneStatus, ValidMilestone};
    let (founder, company) = founder_of(store.as_ref(), "f@ms.kr", "co-ms", "엠에스").await;
    let (_, other) = founder_of(store.as_ref(), "g@ms.kr", "co-mt", "엠티").await;
    let today = app::domain::seoul_time::seoul_date(now());
    let plan = |title: &str, day: u32| ValidMilestone {
        title: title.into(),
        due_on: day_of(2027, 1, day),
        status: MilestoneStatus::Planned,
        done_on: None,
    };
    let later = store
        .add_milestone(company, &plan("청약 개시", 20), founder, now())
        .await
        .unwrap();
    let first = store
        .add_milestone(company, &plan("IR 덱", 5), founder, now())
        .await
        .unwrap();
    let all = store.milestones(company, false).await.unwrap();
    assert_eq!(
        all.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![first, later],
        "by date"
    );
    assert!(store.milestones(company, true).await.unwrap().is_empty());
    store
        .set_milestone_public(company, first, true, now())
        .await
        .unwrap();
    let public = store.milestones(company, true).await.unwrap();
    let page = store.company_page_records("co-ms", today, 5).await.unwrap();
    assert_eq!(
        page.milestones, public,
        "the company page shows public ones only"
    );
    assert_eq!(public.len(), 1);
    assert_eq!(public[0].title, "IR 덱");
    let done = ValidMilestone {
        status: MilestoneStatus::Done,
        done_on: Some(day_of(2027, 1, 4)),
        ..plan("IR 덱 완성", 5)
    };
    store
        .update_milestone(company, first, &done, now())
        .await
        .unwrap();
    let m = &store.milestones(company, true).await.unwrap()[0];
    assert_eq!(
        (m.status, m.done_on, m.title.as_str()),
        (
            MilestoneStatus::Done,
            Some(day_of(2027, 1, 4)),
            "IR 덱 완성"
        )
    );
    // Another company's id changes nothing.
    assert_eq!(
        store
            .update_milestone(other, first, &plan("x", 1), now())
            .await,
        Err(DbError::NotFound)
    );
    assert_eq!(
        store.set_milestone_public(other, later, true, now()).await,
        Err(DbError::NotFound)
    );
    assert_eq!(store.milestones(company, true).await.unwrap().len(), 1);
}

/// The built-in template's items as a validated edit would give them.
fn builtin_as_valid(kind: TemplateKind) -> Vec<app::domain::readiness::ValidTemplateItem> {
    builtin_items(kind)
        .iter()
        .map(|i| app::domain::readiness::ValidTemplateItem {
            group: i.group,
            weight: i.weight,
            title_ko: i.title_ko.into(),
            title_en: i.title_en.into(),
            evidence_ko: i.evidence_ko.into(),
            evidence_en: i.evidence_en.into(),
        })
        .collect()
}

async fn template_edits_are_new_versions_and_checklists_keep_theirs(store: Arc<dyn Store>) {
    use app::domain::readiness::{ItemGroup, ValidTemplateItem};
    use app::ssr::readiness_store::NewTemplateVersion;
    let admin = staff(store.as_ref(), "admin@tv.kr", Role::Admin).await;
    let consultant = staff(store.as_ref(), "c@tv.kr", Role::Consultant).await;
    let (_, early) = founder_of(store.as_ref(), "f@tv.kr", "co-early", "얼리").await;
    let (_, late) = founder_of(store.as_ref(), "g@tv.kr", "co-late", "레이트").await;
    let at = now();
    let before = started_items(&store, early, TemplateKind::Angel, at).await;
    store
        .plan_item(early, before[0].id, None, "등기부 발급 예정", at)
        .await
        .unwrap();
    let audited = |store: Arc<dyn Store>| async move {
        store
            .audit_log(500, None)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.action == "readiness.template_save")
            .count()
    };

    // Version 2: the first item weighs 9 instead of 5, the second (4) is
    // gone and a new item closes the list.
    let mut items = builtin_as_valid(TemplateKind::Angel);
    items[0].weight = 9;
    items.remove(1);
    items.push(ValidTemplateItem {
        group: ItemGroup::AngelTerms,
        weight: 4,
        title_ko: "주주간 계약".into(),
        title_en: "Shareholders' agreement".into(),
        evidence_ko: "주주간 계약서 초안".into(),
        evidence_en: "Draft agreement".into(),
    });
    let edit = NewTemplateVersion {
        kind: TemplateKind::Angel,
        based_on: 1,
        items: items.clone(),
        created_by: admin,
        at,
    };
    let event = setup_event("readiness.template_save");
    assert_eq!(store.save_template_version(&edit, &event).await, Ok(2));
    let v2 = store.latest_template(TemplateKind::Angel).await.unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.created_by_name.as_deref(), Some("admin 님"));
    assert_eq!(
        v2.items.iter().map(|i| i.position).collect::<Vec<_>>(),
        (1..=21).collect::<Vec<i64>>()
    );
    assert_eq!(v2.items[0].weight, 9);
    assert_eq!(
        v2.items[1].title_ko, "주주명부·캡테이블",
        "the second is gone"
    );
    assert_eq!(v2.items[20].title_ko, "주주간 계약");
    // Version 1 is still there as it was; the other template is untouched.
    let v1 = store.template(TemplateKind::Angel, 1).await.unwrap();
    assert_eq!((v1.items.len(), v1.items[0].weight), (21, 5));
    assert_eq!(v1.created_by_name, None);
    assert_eq!(
        store
            .latest_template(TemplateKind::Crowdfunding)
            .await
            .unwrap()
            .version,
        1
    );
    assert_eq!(
        store.template(TemplateKind::Angel, 3).await.map(|_| ()),
        Err(DbError::NotFound)
    );

    // The checklist started before stays on version 1, items and all.
    let c = store.checklist(early, TemplateKind::Angel).await.unwrap();
    assert_eq!(
        (
            c.summary.template_version,
            c.summary.latest_template_version
        ),
        (1, 2)
    );
    assert_eq!(
        c.items
            .iter()
            .map(|i| (i.id, i.template_item.clone()))
            .collect::<Vec<_>>(),
        before
            .iter()
            .map(|i| (i.id, i.template_item.clone()))
            .collect::<Vec<_>>()
    );
    assert_eq!(c.items[0].note, "등기부 발급 예정");
    // One started now takes version 2.
    let after = started_items(&store, late, TemplateKind::Angel, at).await;
    assert_eq!(after.len(), 21);
    assert_eq!(after[0].template_item.weight, 9);
    assert_eq!(after[20].template_item.title_ko, "주주간 계약");
    let summary = &store.checklists_of_company(late).await.unwrap()[0];
    assert_eq!(
        (summary.template_version, summary.latest_template_version),
        (2, 2)
    );
    // Each scores on its own version's weights: the first item signed
    // off is 5 of 100 on version 1, 9 of 104 on version 2.
    for (company, item, score) in [(early, before[0].id, 50), (late, after[0].id, 87)] {
        let signed = store
            .move_item(&mv(
                company,
                item,
                ItemStatus::NotStarted,
                ItemStatus::Approved,
                consultant,
                at,
            ))
            .await
            .unwrap();
        assert_eq!(signed, Some(score));
    }

    // The list: versions newest first with their sizes and users.
    let versions = store.template_versions().await.unwrap();
    let of = |kind| {
        versions
            .iter()
            .filter(|v| v.kind == kind)
            .map(|v| {
                (
                    v.version,
                    v.item_count,
                    v.total_weight,
                    v.checklist_count,
                    v.created_by,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of(TemplateKind::Angel),
        vec![(2, 21, 104, 1, Some(admin)), (1, 21, 100, 1, None)]
    );
    assert_eq!(of(TemplateKind::Crowdfunding), vec![(1, 21, 100, 0, None)]);
    assert_eq!(audited(store.clone()).await, 1);

    // A form based on version 1 (or on one that does not exist) is
    // refused now that version 2 is there, and writes nothing.
    for based_on in [1, 3] {
        let stale = NewTemplateVersion {
            based_on,
            ..edit.clone()
        };
        assert_eq!(
            store.save_template_version(&stale, &event).await,
            Err(DbError::Conflict("template_version".into()))
        );
    }
    // Items the database refuses, or none at all: nothing written either.
    let mut heavy = items.clone();
    heavy[20].weight = 51;
    for bad in [heavy, Vec::new()] {
        let bad = NewTemplateVersion {
            based_on: 2,
            items: bad,
            ..edit.clone()
        };
        let refused = store.save_template_version(&bad, &event).await;
        assert!(matches!(refused, Err(DbError::Other(_))), "{refused:?}");
    }
    assert_eq!(
        store
            .latest_template(TemplateKind::Angel)
            .await
            .unwrap()
            .version,
        2
    );
    assert_eq!(of(TemplateKind::Angel).len(), 2);
    assert_eq!(
        store.template_versions().await.unwrap().len(),
        versions.len()
    );
    assert_eq!(audited(store.clone()).await, 1);
    // The refused saves used up no number: the next good one is 3.
    let next = NewTemplateVersion {
        based_on: 2,
        ..edit.clone()
    };
    assert_eq!(store.save_template_version(&next, &event).await, Ok(3));
    assert_eq!(audited(store.clone()).await, 2);
}

on_both_backends!(crate::common::with_store =>
    assignments_decide_who_is_assigned_on_which_day,
    template_edits_are_new_versions_and_checklists_keep_theirs,
    templates_are_written_once_and_checklists_start_from_them,
    moves_sign_off_and_score,
    other_companies_items_are_out_of_reach,
    plans_comments_and_evidence_come_back_with_their_items,
    badges_show_only_what_the_company_shares,
    milestones_are_the_companys_and_public_by_choice,
);
