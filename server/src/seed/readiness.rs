//! The demo readiness data: the demo consultant is assigned to five
//! companies whose checklists stand at different stages, with a score
//! history over several months, items due soon and overdue, one checklist
//! stalled, comments, and one item marked not applicable. Every step goes
//! through the same store calls as the page's forms.

use super::{system_event, SeedError};
use app::domain::readiness::{ItemStatus, MilestoneStatus, TemplateKind, ValidMilestone};
use app::domain::seoul_time::seoul_date;
use app::ssr::readiness_store::{ItemMove, NewAssignment};
use app::ssr::Store;
use chrono::{Duration, Utc};

/// One company's demo checklist.
struct Plan {
    slug: &'static str,
    kind: TemplateKind,
    /// When the assignment and the checklist started.
    started_days_ago: i64,
    /// Items signed off, spread evenly from the start to `last_days_ago`.
    approved: usize,
    /// The next items, submitted and waiting for the consultant.
    submitted: usize,
    /// The next items, in progress, with due dates.
    in_progress: usize,
    /// The last progress: a stalled checklist stopped long ago.
    last_days_ago: i64,
    comment: Option<&'static str>,
}

const PLANS: [Plan; 6] = [
    Plan {
        slug: "tansoon",
        kind: TemplateKind::Crowdfunding,
        started_days_ago: 170,
        approved: 12,
        submitted: 3,
        in_progress: 2,
        last_days_ago: 4,
        comment: Some("감사보고서는 10억 이상 모집 시 필요합니다. 목표 금액을 먼저 정해 주세요."),
    },
    Plan {
        slug: "tansoon",
        kind: TemplateKind::Angel,
        started_days_ago: 150,
        approved: 8,
        submitted: 1,
        in_progress: 1,
        last_days_ago: 12,
        comment: None,
    },
    Plan {
        slug: "carbonrix",
        kind: TemplateKind::Angel,
        started_days_ago: 160,
        approved: 16,
        submitted: 2,
        in_progress: 1,
        last_days_ago: 6,
        comment: Some("텀시트 초안의 희석 계산을 한 번 더 확인해 주세요."),
    },
    Plan {
        slug: "thermolink",
        kind: TemplateKind::Crowdfunding,
        started_days_ago: 130,
        approved: 5,
        submitted: 1,
        in_progress: 2,
        // Stalled: nothing moved for six weeks.
        last_days_ago: 45,
        comment: Some("재무제표 증명 발급이 늦어지고 있습니다. 일정 확인 부탁드립니다."),
    },
    Plan {
        slug: "factorynote",
        kind: TemplateKind::Angel,
        started_days_ago: 95,
        approved: 9,
        submitted: 0,
        in_progress: 4,
        last_days_ago: 9,
        comment: None,
    },
    Plan {
        slug: "greennode",
        kind: TemplateKind::Crowdfunding,
        started_days_ago: 40,
        approved: 2,
        submitted: 1,
        in_progress: 1,
        last_days_ago: 3,
        comment: None,
    },
];

pub async fn load_demo_readiness(
    store: &dyn Store,
    consultant_email: &str,
    admin_email: &str,
    founder_email: &str,
) -> Result<(), SeedError> {
    let consultant = store.user_by_email(consultant_email).await?;
    let today = seoul_date(Utc::now());
    if !store
        .assigned_company_ids(consultant.id, today)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let admin = store.user_by_email(admin_email).await?;
    let founder = store.user_by_email(founder_email).await?;
    let now = Utc::now();
    let mut assigned = Vec::new();
    for plan in &PLANS {
        let company = store.company_by_slug(plan.slug).await?;
        let started = now - Duration::days(plan.started_days_ago);
        if !assigned.contains(&company.id) {
            store
                .assign_consultant(
                    &NewAssignment {
                        consultant_id: consultant.id,
                        company_id: company.id,
                        starts_on: seoul_date(started),
                        ends_on: None,
                        assigned_by: admin.id,
                        at: started,
                    },
                    &system_event("readiness.assign", "consultant_assignment"),
                )
                .await?;
            assigned.push(company.id);
        }
        store
            .start_checklist(company.id, plan.kind, started)
            .await?;
        let items = store.checklist(company.id, plan.kind).await?.items;
        // The company's own founder submits where there is one.
        let submitter = if plan.slug == "tansoon" {
            (founder.id, founder.display_name.clone())
        } else {
            (consultant.id, consultant.display_name.clone())
        };
        let signer = (consultant.id, consultant.display_name.clone());
        let last = now - Duration::days(plan.last_days_ago);
        let step = (last - started) / (plan.approved.max(1) as i32 + 1);
        let mut at = started;
        let mut next = items.iter();
        let company_id = company.id;
        let step_of =
            |item_id: i64, from, to, (actor_id, actor_name): &(i64, String), at| ItemMove {
                company_id,
                item_id,
                expected: from,
                to,
                actor_id: *actor_id,
                actor_name: actor_name.clone(),
                at,
            };
        let mut moves: Vec<ItemMove> = Vec::new();
        for _ in 0..plan.approved {
            let Some(item) = next.next() else { break };
            at += step;
            let submitted_at = at - Duration::days(2).min(step / 2);
            moves.push(step_of(
                item.id,
                ItemStatus::NotStarted,
                ItemStatus::Submitted,
                &submitter,
                submitted_at,
            ));
            moves.push(step_of(
                item.id,
                ItemStatus::Submitted,
                ItemStatus::Approved,
                &signer,
                at,
            ));
        }
        for _ in 0..plan.submitted {
            let Some(item) = next.next() else { break };
            moves.push(step_of(
                item.id,
                ItemStatus::NotStarted,
                ItemStatus::Submitted,
                &submitter,
                last,
            ));
        }
        let mut planned = Vec::new();
        for _ in 0..plan.in_progress {
            let Some(item) = next.next() else { break };
            moves.push(step_of(
                item.id,
                ItemStatus::NotStarted,
                ItemStatus::InProgress,
                &submitter,
                last,
            ));
            planned.push(item.id);
        }
        for change in &moves {
            store.move_item(change).await?;
        }
        // Due dates: the first in-progress item is overdue, the second due
        // within the week, the rest next month.
        for (n, item_id) in planned.iter().enumerate() {
            let due = match n {
                0 => today - Duration::days(3),
                1 => today + Duration::days(5),
                _ => today + Duration::days(30),
            };
            store
                .plan_item(company.id, *item_id, Some(due), "", last)
                .await?;
        }
        if let Some(comment) = plan.comment {
            if let Some(item_id) = planned.first() {
                store
                    .add_comment(
                        company.id,
                        *item_id,
                        consultant.id,
                        &consultant.display_name,
                        comment,
                        last,
                    )
                    .await?;
            }
        }
    }
    // Two companies show a score on their public page.
    for (slug, kind) in [
        ("tansoon", TemplateKind::Crowdfunding),
        ("carbonrix", TemplateKind::Angel),
    ] {
        let company = store.company_by_slug(slug).await?;
        store
            .share_badge(company.id, kind, Some(now - Duration::days(20)))
            .await?;
    }
    // 탄소온's milestones with its consultant; two are on its public page.
    let tansoon = store.company_by_slug("tansoon").await?;
    for (title, due_days, status, public) in [
        ("법인 정관 투자조항 정비", -120, MilestoneStatus::Done, true),
        ("IR 덱 1차 완성", -60, MilestoneStatus::Done, true),
        (
            "회계사 검토보고서 확보",
            -10,
            MilestoneStatus::Slipped,
            false,
        ),
        (
            "크라우드펀딩 청약 개시",
            45,
            MilestoneStatus::Planned,
            false,
        ),
    ] {
        let due_on = today + Duration::days(due_days);
        let milestone = ValidMilestone {
            title: title.to_string(),
            due_on,
            status,
            done_on: (status == MilestoneStatus::Done).then_some(due_on),
        };
        let id = store
            .add_milestone(tansoon.id, &milestone, consultant.id, now)
            .await?;
        if public {
            store
                .set_milestone_public(tansoon.id, id, true, now)
                .await?;
        }
    }
    // The greennode crowdfunding checklist: the company is young and has
    // no debt, so the consultant took the runway item out of the score.
    let greennode = store.company_by_slug("greennode").await?;
    let items = store
        .checklist(greennode.id, TemplateKind::Crowdfunding)
        .await?
        .items;
    if let Some(runway) = items.iter().find(|i| i.template_item.title_ko == "런웨이") {
        store
            .move_item(&ItemMove {
                company_id: greennode.id,
                item_id: runway.id,
                expected: runway.status,
                to: ItemStatus::NotApplicable,
                actor_id: consultant.id,
                actor_name: consultant.display_name.clone(),
                at: now - Duration::days(3),
            })
            .await?;
    }
    Ok(())
}
