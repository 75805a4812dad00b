//! Synthetic readiness work for the readiness benchmark (`.ci/bench
//! readiness`): consultants assigned to the benchmark companies, their
//! checklists and a long history of item status changes, so `/consulting`
//! (a consultant's portfolio, and the admin's view of every company with
//! the cluster × readiness-band table) is measured on a programme far
//! larger than the real one.
//!
//! Every step goes through the store calls the site's forms use —
//! `assign_consultant`, `start_checklist`, `move_item` (one transaction per
//! change, the score recomputed and recorded each time), `plan_item` — with
//! back-dated times, and every move and plan passes the form's own checks
//! (`ItemMoveForm`, `ItemPlanForm`). Deterministic: company `i` always gets
//! the same consultants, checklists and history, so runs compare.
//!
//! The shape: each company has one consultant (company `i` →
//! `consultant{i % n}`, so 50 each for 200 consultants over 10,000
//! companies); one in eight has a second consultant who joined later, and
//! one in twenty had an earlier consultant whose assignment ended (the
//! portfolio must leave those out). One in four companies has both
//! checklists. Assignments start up to a year ago; the `events` status
//! changes are spread unevenly over the checklists (many short histories,
//! a few long ones reaching the top band) between the checklist's start and
//! its last activity, which is within the last month for most and older
//! for about a fifth (stalled). Open items then get due dates: overdue,
//! due within the week, or later.
//!
//! Accounts are `consultantNNN@bench.pitchbridge.kr` and
//! [`ADMIN_EMAIL`], marked synthetic (`is_demo`), all with
//! [`BENCH_PASSWORD`](super::deals::BENCH_PASSWORD).

use super::deals::BENCH_PASSWORD;
use super::Rng;
use app::domain::account::Verification;
use app::domain::readiness::{
    ChecklistActor, ItemMoveForm, ItemPlanForm, ItemStatus, TemplateKind,
};
use app::domain::role::Role;
use app::domain::seoul_time::seoul_date;
use app::ssr::readiness_store::{ItemMove, NewAssignment};
use app::ssr::store::NewAuditEvent;
use app::ssr::{DbError, NewUser, Store};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use futures_util::stream::{self, StreamExt, TryStreamExt};

/// The benchmark admin who sees every company's checklists.
pub const ADMIN_EMAIL: &str = "admin@bench.pitchbridge.kr";

pub fn consultant_email(n: usize) -> String {
    format!("consultant{n:03}@bench.pitchbridge.kr")
}

fn consultant_name(n: usize) -> String {
    format!("벤치 컨설턴트 {n:03}")
}

/// What the readiness seed made, for the command's report.
#[derive(Debug, Default)]
pub struct ReadinessSeedReport {
    pub admin_id: i64,
    pub first_consultant_id: i64,
    pub consultants: usize,
    pub companies: usize,
    /// Assignments in force (first and second consultants).
    pub assignments: usize,
    /// Earlier assignments that have ended.
    pub ended_assignments: usize,
    pub checklists: usize,
    pub events: usize,
    pub planned_items: usize,
    pub seconds_setup: f64,
    pub seconds_events: f64,
    pub seconds_plans: f64,
    pub seconds_total: f64,
    /// Nothing was added: the benchmark consultants were already there.
    pub already_seeded: bool,
}

fn event(action: &'static str, object_type: &'static str) -> NewAuditEvent {
    NewAuditEvent {
        actor_id: None,
        actor_label: "system (bench seed)".to_string(),
        action,
        object_type,
        object_id: None,
        detail: String::new(),
        ip: None,
        at: Utc::now(),
    }
}

/// One company's consultants and checklists, decided from its index alone.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CompanyPlan {
    index: usize,
    consultant: usize,
    /// The assignment began this many days ago.
    started_days_ago: i64,
    /// A second consultant and the day they joined (days ago).
    second: Option<(usize, i64)>,
    /// An earlier consultant whose assignment ended the day before.
    previous: Option<usize>,
    /// The checklists with the day each started (days ago).
    checklists: Vec<(TemplateKind, i64)>,
}

fn company_plan(index: usize, consultants: usize) -> CompanyPlan {
    let mut rng = Rng(index as u64 * 7_919 + 101);
    let consultant = index % consultants;
    let started_days_ago = 30 + rng.below(336) as i64;
    let second = (consultants > 1 && index % 8 == 3).then(|| {
        let other = (consultant + 1 + rng.below(consultants as u64 - 1) as usize) % consultants;
        (other, 10 + rng.below(started_days_ago as u64 - 10) as i64)
    });
    let previous = (consultants > 1 && index % 20 == 7).then(|| {
        let other = (consultant + consultants / 2) % consultants;
        if other == consultant {
            (consultant + 1) % consultants
        } else {
            other
        }
    });
    let first = started_days_ago - 2;
    let mut checklists = Vec::with_capacity(2);
    let kind = TemplateKind::ALL[(index / 2) % TemplateKind::ALL.len()];
    checklists.push((kind, first));
    if index % 4 == 1 {
        let other = TemplateKind::ALL
            .iter()
            .copied()
            .find(|k| *k != kind)
            .unwrap_or(kind);
        checklists.push((other, first - 1 - rng.below(first as u64 / 2) as i64));
    }
    CompanyPlan {
        index,
        consultant,
        started_days_ago,
        second,
        previous,
        checklists,
    }
}

/// How many status changes each checklist gets: `total` spread by uneven
/// weights (many short histories, a few long ones), summing exactly.
fn event_counts(checklists: usize, total: usize) -> Vec<usize> {
    let weights: Vec<u64> = (0..checklists)
        .map(|j| {
            let mut rng = Rng(j as u64 * 104_729 + 7);
            match rng.below(100) {
                0..=34 => rng.below(6),
                35..=64 => 6 + rng.below(10),
                65..=84 => 16 + rng.below(20),
                _ => 36 + rng.below(34),
            }
        })
        .collect();
    // (A handful of checklists could all draw 0: then share evenly.)
    let weights = if weights.iter().all(|&w| w == 0) {
        vec![1; checklists]
    } else {
        weights
    };
    let sum: u64 = weights.iter().sum::<u64>().max(1);
    let mut counts = Vec::with_capacity(checklists);
    let (mut acc, mut given) = (0u64, 0usize);
    for w in weights {
        acc += w;
        let upto = (total as u128 * acc as u128 / sum as u128) as usize;
        counts.push(upto - given);
        given = upto;
    }
    counts
}

/// A checklist's next status change: which item, to what, and whose rules
/// the move follows (the founders move their work along, the consultant
/// signs off, sends back, reopens or takes an item out).
fn next_move(
    statuses: &[ItemStatus],
    next_new: &mut usize,
    rng: &mut Rng,
) -> (usize, ItemStatus, ChecklistActor) {
    use ChecklistActor::{Consultant, Founder};
    use ItemStatus::*;
    let with = |s: ItemStatus| -> Vec<usize> {
        (0..statuses.len()).filter(|&k| statuses[k] == s).collect()
    };
    let (submitted, in_progress, approved) = (with(Submitted), with(InProgress), with(Approved));
    let any = |list: &[usize], rng: &mut Rng| list[rng.below(list.len() as u64) as usize];
    let decide = |k: usize, rng: &mut Rng| {
        if rng.below(100) < 80 {
            (k, Approved, Consultant)
        } else {
            (k, InProgress, Consultant)
        }
    };
    let roll = rng.below(100);
    let open = submitted.len() + in_progress.len();
    if roll >= 97 && !approved.is_empty() {
        return (any(&approved, rng), InProgress, Consultant);
    }
    if !submitted.is_empty() && roll < 45 {
        let k = any(&submitted, rng);
        return decide(k, rng);
    }
    if !in_progress.is_empty() && (roll < 80 || *next_new >= statuses.len() || open >= 4) {
        return (any(&in_progress, rng), Submitted, Founder);
    }
    if *next_new < statuses.len() {
        let k = *next_new;
        *next_new += 1;
        return match rng.below(100) {
            // Papers already on file: signed off at once.
            0..=19 => (k, Approved, Consultant),
            20..=25 => (k, NotApplicable, Consultant),
            26..=39 => (k, Submitted, Founder),
            _ => (k, InProgress, Founder),
        };
    }
    if !submitted.is_empty() {
        let k = any(&submitted, rng);
        return decide(k, rng);
    }
    // Everything settled: the consultant reopens an item.
    let settled: Vec<usize> = if approved.is_empty() {
        (0..statuses.len()).collect()
    } else {
        approved
    };
    (any(&settled, rng), InProgress, Consultant)
}

/// A checklist to seed: what the plan decided, then its items.
struct Work {
    company_id: i64,
    consultant: usize,
    started_at: DateTime<Utc>,
    last_at: DateTime<Utc>,
    events: usize,
    seed: u64,
    item_ids: Vec<i64>,
    statuses: Vec<ItemStatus>,
}

/// The times of `count` changes between `from` and `to`, in order, the
/// last at `to` (ties are possible; the history orders them by id).
fn change_times(
    count: usize,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    rng: &mut Rng,
) -> Vec<DateTime<Utc>> {
    let span = (to - from).num_seconds().max(1) as u64;
    let mut offsets: Vec<u64> = (0..count).map(|_| rng.below(span)).collect();
    offsets.sort_unstable();
    let mut times: Vec<DateTime<Utc>> = offsets
        .into_iter()
        .map(|offset| from + Duration::seconds(offset as i64))
        .collect();
    if let Some(last) = times.last_mut() {
        *last = to;
    }
    times
}

/// Records one checklist's history through `move_item`, one transaction
/// per change as on the site.
async fn walk(
    store: &dyn Store,
    work: &mut Work,
    actor_id: i64,
    actor_name: &str,
) -> Result<usize, DbError> {
    if work.statuses.is_empty() {
        return Ok(0);
    }
    let mut rng = Rng(work.seed);
    let times = change_times(work.events, work.started_at, work.last_at, &mut rng);
    let mut next_new = 0;
    for at in times {
        let (k, to, who) = next_move(&work.statuses, &mut next_new, &mut rng);
        let from = work.statuses[k];
        // The form's own check of the move, by the rules of who makes it.
        let form = ItemMoveForm {
            expected: from.as_str().to_string(),
            to: to.as_str().to_string(),
        };
        let (expected, to) = form
            .validate(who)
            .map_err(|e| DbError::Other(format!("bench move {from:?}->{to:?}: {e:?}")))?;
        store
            .move_item(&ItemMove {
                company_id: work.company_id,
                item_id: work.item_ids[k],
                expected,
                to,
                // Benchmark companies have no members: their consultant
                // records the founders' moves too, as the demo does.
                actor_id,
                actor_name: actor_name.to_string(),
                at,
            })
            .await?;
        work.statuses[k] = to;
    }
    Ok(work.events)
}

/// Due dates for up to three open items: the ones being worked on first,
/// then the next not started. Overdue, due within the week, or later, so
/// the portfolio's marks and its due-date sort have something to show.
async fn plan(store: &dyn Store, work: &Work, today: NaiveDate) -> Result<usize, DbError> {
    let mut rng = Rng(work.seed ^ 0x5DEE_CE66);
    let first_offset = match rng.below(100) {
        0..=14 => return Ok(0),
        15..=44 => -(1 + rng.below(40) as i64),
        45..=74 => rng.below(8) as i64,
        _ => 8 + rng.below(80) as i64,
    };
    let open = |s: ItemStatus| matches!(s, ItemStatus::InProgress | ItemStatus::Submitted);
    let mut chosen: Vec<usize> = (0..work.statuses.len())
        .filter(|&k| open(work.statuses[k]))
        .collect();
    chosen.extend((0..work.statuses.len()).filter(|&k| work.statuses[k] == ItemStatus::NotStarted));
    let mut offset = first_offset;
    let mut planned = 0;
    for k in chosen.into_iter().take(3) {
        let due = today + Duration::days(offset);
        let form = ItemPlanForm {
            due_on: due.to_string(),
            note: if rng.below(3) == 0 {
                "서류 발급 일정을 회사와 확인했습니다.".into()
            } else {
                String::new()
            },
        };
        let (due_on, note) = form
            .validate()
            .map_err(|e| DbError::Other(format!("bench plan {due}: {e:?}")))?;
        store
            .plan_item(
                work.company_id,
                work.item_ids[k],
                due_on,
                &note,
                work.last_at,
            )
            .await?;
        planned += 1;
        offset += 7 + rng.below(21) as i64;
    }
    Ok(planned)
}

/// Consultant and admin ids of an earlier run.
async fn accounts(store: &dyn Store) -> Result<(i64, i64), DbError> {
    Ok((
        store.user_by_email(ADMIN_EMAIL).await?.id,
        store.user_by_email(&consultant_email(0)).await?.id,
    ))
}

/// Creates the consultants and the admin, assigns the first `companies`
/// benchmark companies (`bench-0` …), starts their checklists and records
/// `events` status changes. `concurrency` consultants' companies are
/// seeded at once (each checklist's changes stay in order).
pub async fn seed(
    store: &dyn Store,
    consultants: usize,
    companies: usize,
    events: usize,
    concurrency: usize,
) -> Result<ReadinessSeedReport, DbError> {
    let started = std::time::Instant::now();
    super::refuse_real_users(store).await?;
    let mut report = ReadinessSeedReport {
        consultants,
        companies,
        ..ReadinessSeedReport::default()
    };
    if consultants == 0 || companies < consultants {
        return Err(DbError::Other(format!(
            "need at least one consultant and one company per consultant ({consultants} consultants, {companies} companies)"
        )));
    }
    if store.user_by_email(&consultant_email(0)).await.is_ok() {
        (report.admin_id, report.first_consultant_id) = accounts(store).await?;
        report.already_seeded = true;
        return Ok(report);
    }
    let hash = app::ssr::password::hash(BENCH_PASSWORD)
        .await
        .map_err(|e| DbError::Other(format!("cannot hash the bench password: {e}")))?;
    let staff = |email: String, display_name: String, role: Role| NewUser {
        email,
        display_name,
        role,
        password_hash: hash.clone(),
        locale: "ko".into(),
        is_demo: true,
        verification: Verification::None,
        club_id: None,
    };
    report.admin_id = store
        .create_staff(
            &staff(ADMIN_EMAIL.into(), "벤치 관리자".into(), Role::Admin),
            &event("user.create_staff", "user"),
        )
        .await?;
    let mut ids = Vec::with_capacity(consultants);
    for n in 0..consultants {
        ids.push(
            store
                .create_staff(
                    &staff(consultant_email(n), consultant_name(n), Role::Consultant),
                    &event("user.create_staff", "user"),
                )
                .await?,
        );
    }
    report.first_consultant_id = ids[0];
    let names: Vec<String> = (0..consultants).map(consultant_name).collect();

    let mut company_ids = Vec::with_capacity(companies);
    for i in 0..companies {
        company_ids.push(store.company_by_slug(&format!("bench-{i}")).await?.id);
    }
    let plans: Vec<CompanyPlan> = (0..companies)
        .map(|i| company_plan(i, consultants))
        .collect();
    let total_checklists: usize = plans.iter().map(|p| p.checklists.len()).sum();
    let counts = event_counts(total_checklists, events);
    let now = Utc::now();
    let today = seoul_date(now);
    let days_ago = |d: i64| now - Duration::days(d);

    // Work per consultant: their companies' plans with the index of each
    // checklist's share of the changes.
    let mut per_consultant: Vec<Vec<(usize, usize)>> = vec![Vec::new(); consultants];
    let mut next_checklist = 0;
    for plan in &plans {
        per_consultant[plan.consultant].push((plan.index, next_checklist));
        next_checklist += plan.checklists.len();
    }

    // 1. Assignments and checklists, as the admin and the company would.
    let setup_started = std::time::Instant::now();
    let admin_id = report.admin_id;
    let set_up: Vec<(Vec<Work>, usize, usize)> = stream::iter(per_consultant)
        .map(|mine| {
            let (ids, company_ids, plans, counts) = (&ids, &company_ids, &plans, &counts);
            async move {
                let (mut works, mut active, mut ended) = (Vec::new(), 0, 0);
                for (i, first_checklist) in mine {
                    let plan = &plans[i];
                    let company_id = company_ids[i];
                    let assign = |consultant: usize, from: i64, until: Option<i64>| NewAssignment {
                        consultant_id: ids[consultant],
                        company_id,
                        starts_on: seoul_date(days_ago(from)),
                        ends_on: until.map(|d| seoul_date(days_ago(d))),
                        assigned_by: admin_id,
                        at: days_ago(from),
                    };
                    let audit = event("readiness.assign", "consultant_assignment");
                    if let Some(previous) = plan.previous {
                        let from = plan.started_days_ago + 90 + (i as i64 % 120);
                        store
                            .assign_consultant(
                                &assign(previous, from, Some(plan.started_days_ago + 1)),
                                &audit,
                            )
                            .await?;
                        ended += 1;
                    }
                    store
                        .assign_consultant(
                            &assign(plan.consultant, plan.started_days_ago, None),
                            &audit,
                        )
                        .await?;
                    active += 1;
                    for (n, &(kind, started)) in plan.checklists.iter().enumerate() {
                        let started_at = days_ago(started) - Duration::minutes(i as i64 % 600);
                        store.start_checklist(company_id, kind, started_at).await?;
                        let item_ids: Vec<i64> = store
                            .checklist(company_id, kind)
                            .await?
                            .items
                            .iter()
                            .map(|item| item.id)
                            .collect();
                        let j = first_checklist + n;
                        let mut rng = Rng(j as u64 * 15_485_863 + 3);
                        // Most were worked on within the month; about a
                        // fifth stopped longer ago (stalled).
                        let last_days = if rng.below(100) < 22 && started > 31 {
                            31 + rng.below(started as u64 - 31) as i64
                        } else {
                            rng.below(started.clamp(1, 29) as u64) as i64
                        };
                        let last_at = (days_ago(last_days)
                            - Duration::minutes(1 + rng.below(600) as i64))
                        .max(started_at + Duration::minutes(1));
                        works.push(Work {
                            company_id,
                            consultant: plan.consultant,
                            started_at,
                            last_at,
                            events: counts[j],
                            seed: j as u64 * 7_919 + 17,
                            statuses: vec![ItemStatus::NotStarted; item_ids.len()],
                            item_ids,
                        });
                    }
                    if let Some((second, from)) = plan.second {
                        store
                            .assign_consultant(&assign(second, from, None), &audit)
                            .await?;
                        active += 1;
                    }
                }
                Ok::<_, DbError>((works, active, ended))
            }
        })
        .buffer_unordered(concurrency.max(1))
        .try_collect()
        .await?;
    report.seconds_setup = setup_started.elapsed().as_secs_f64();
    let mut groups: Vec<Vec<Work>> = Vec::with_capacity(set_up.len());
    for (works, active, ended) in set_up {
        report.assignments += active;
        report.ended_assignments += ended;
        report.checklists += works.len();
        groups.push(works);
    }

    // 2. The status changes, one transaction each.
    let events_started = std::time::Instant::now();
    let walked: Vec<(Vec<Work>, usize)> = stream::iter(groups)
        .map(|mut works| {
            let (ids, names) = (&ids, &names);
            async move {
                let mut done = 0;
                for work in works.iter_mut() {
                    let n = work.consultant;
                    done += walk(store, work, ids[n], &names[n]).await?;
                }
                if let Some(first) = works.first() {
                    tracing::info!(
                        consultant = first.consultant,
                        changes = done,
                        "benchmark readiness"
                    );
                }
                Ok::<_, DbError>((works, done))
            }
        })
        .buffer_unordered(concurrency.max(1))
        .try_collect()
        .await?;
    report.seconds_events = events_started.elapsed().as_secs_f64();
    report.events = walked.iter().map(|(_, done)| done).sum();

    // 3. Due dates on the open items.
    let plans_started = std::time::Instant::now();
    let planned: Vec<usize> = stream::iter(walked)
        .map(|(works, _)| async move {
            let mut planned = 0;
            for work in &works {
                planned += plan(store, work, today).await?;
            }
            Ok::<_, DbError>(planned)
        })
        .buffer_unordered(concurrency.max(1))
        .try_collect()
        .await?;
    report.planned_items = planned.iter().sum();
    report.seconds_plans = plans_started.elapsed().as_secs_f64();
    report.seconds_total = started.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_vary() {
        let counts = event_counts(12_500, 200_000);
        assert_eq!(counts.iter().sum::<usize>(), 200_000);
        let max = *counts.iter().max().unwrap();
        assert!(max >= 40, "some long histories: {max}");
        assert!(counts.iter().filter(|&&c| c < 5).count() > 1_000);
        assert_eq!(event_counts(3, 0), vec![0, 0, 0]);
    }

    #[test]
    fn plans_share_companies_evenly_with_some_extras() {
        let plans: Vec<CompanyPlan> = (0..10_000).map(|i| company_plan(i, 200)).collect();
        let mut per = [0usize; 200];
        for p in &plans {
            per[p.consultant] += 1;
            assert!(p.started_days_ago >= 30 && p.started_days_ago < 366);
            if let Some((second, from)) = p.second {
                assert_ne!(second, p.consultant);
                assert!(from >= 10 && from < p.started_days_ago);
            }
            if let Some(previous) = p.previous {
                assert_ne!(previous, p.consultant);
            }
            for &(_, started) in &p.checklists {
                assert!(started >= 1 && started < p.started_days_ago, "{p:?}");
            }
        }
        assert!(per.iter().all(|&n| n == 50));
        assert_eq!(plans.iter().filter(|p| p.second.is_some()).count(), 1_250);
        assert_eq!(
            plans.iter().filter(|p| p.checklists.len() == 2).count(),
            2_500
        );
        assert_eq!(company_plan(5, 200), company_plan(5, 200));
        // One consultant: no second or earlier consultant to pick.
        assert!((0..100).all(|i| {
            let p = company_plan(i, 1);
            p.second.is_none() && p.previous.is_none()
        }));
    }

    #[test]
    fn walks_pass_the_item_form_and_some_reach_the_top_band() {
        let mut top = 0;
        for seed in 0..300u64 {
            let mut rng = Rng(seed);
            let mut statuses = vec![ItemStatus::NotStarted; 21];
            let mut next_new = 0;
            let len = 5 + seed as usize % 70;
            for _ in 0..len {
                let (k, to, who) = next_move(&statuses, &mut next_new, &mut rng);
                let form = ItemMoveForm {
                    expected: statuses[k].as_str().into(),
                    to: to.as_str().into(),
                };
                form.validate(who).unwrap();
                statuses[k] = to;
            }
            let score = app::domain::readiness::score_permille(statuses.iter().map(|s| (1, *s)));
            if score.is_some_and(|s| s >= 900) {
                top += 1;
            }
        }
        assert!(top > 0, "some checklists reach the top band");
    }

    #[test]
    fn change_times_are_ordered_and_end_at_the_last() {
        let from = Utc::now() - Duration::days(100);
        let to = Utc::now() - Duration::days(3);
        let times = change_times(50, from, to, &mut Rng(9));
        assert_eq!(times.len(), 50);
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        assert!(times[0] >= from);
        assert_eq!(*times.last().unwrap(), to);
        assert!(change_times(0, from, to, &mut Rng(1)).is_empty());
    }
}
