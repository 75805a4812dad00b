//! Synthetic deal flow for the deal-flow benchmark (`.ci/bench deals`): one
//! approved club of verified investors, each with interests in its own
//! share of the benchmark companies (so `companies` are followed in all,
//! one interest each) and following some of the next investor's companies
//! too, so club mates' moves reach the feed. `changes` stage changes are
//! spread over the interests as deterministic walks along the ladder —
//! forward moves, restated figures, passes and comebacks with notes —
//! each validated by the ladder form and recorded by the store's own
//! `record_stage_change`, one transaction per change as on the site.
//! Every company then posts an update, and some of the first investor's
//! meeting requests are answered, so `/feed` has every kind of item.
//!
//! Accounts are `investorNN@bench.pitchbridge.kr`, marked synthetic
//! (`is_demo`), all with [`BENCH_PASSWORD`].

use app::domain::account::{ClubChoice, ClubStatus, Verification};
use app::domain::company::{NewUpdate, UpdateKind};
use app::domain::deal::{InterestStage, MeetingAnswer, MeetingStatus, StageChangeForm};
use app::domain::role::Role;
use app::domain::seoul_time::seoul_date;
use app::ssr::deal_store::NewStageChange;
use app::ssr::store::{NewAuditEvent, Registration};
use app::ssr::{DbError, NewUser, Store};
use chrono::{DateTime, Duration, Utc};
use futures_util::stream::{self, StreamExt, TryStreamExt};

use super::Rng;

/// The password of every benchmark investor: printed by the command, never
/// used outside a benchmark database.
pub const BENCH_PASSWORD: &str = "pitchbridge-bench";

/// The benchmark club (an invented name).
pub const BENCH_CLUB: &str = "벤치마크엔젤클럽";

/// Companies of the next investor's share each investor also follows.
const CROSS_FOLLOWS: usize = 50;

/// What the deal seed made, for the command's report.
#[derive(Debug, Default)]
pub struct DealSeedReport {
    pub club_id: i64,
    pub investors: usize,
    pub interests: usize,
    pub changes: usize,
    pub follows_only: usize,
    pub updates: usize,
    pub answered: usize,
    pub seconds_changes: f64,
    pub seconds_total: f64,
    /// Nothing was added: the benchmark investors were already there.
    pub already_seeded: bool,
}

pub fn investor_email(n: usize) -> String {
    format!("investor{n:02}@bench.pitchbridge.kr")
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

/// How many changes each interest gets: `total` spread over `count`
/// interests, varied in pairs (one longer, one shorter by the same) so the
/// sum stays exact; at least one each.
fn walk_lengths(count: usize, total: usize) -> Vec<usize> {
    let mut lengths: Vec<usize> = (0..count)
        .map(|j| total * (j + 1) / count - total * j / count)
        .collect();
    for pair in 0..count / 2 {
        let (a, b) = (2 * pair, 2 * pair + 1);
        let spread = (pair * 7) % 13; // 0..=12
        let d = spread.min(lengths[b].saturating_sub(1));
        lengths[a] += d;
        lengths[b] -= d;
    }
    lengths
}

/// The next stage of a walk: mostly up the ladder, sometimes a restated
/// figure, a pass, or a step back (which the form makes carry a note).
fn next_stage(current: Option<InterestStage>, rng: &mut Rng) -> InterestStage {
    use InterestStage::*;
    let roll = rng.below(100);
    match current {
        None => {
            if roll < 85 {
                Watching
            } else {
                Interested
            }
        }
        Some(Watching) => {
            if roll < 85 {
                Interested
            } else {
                Passed
            }
        }
        Some(Interested) => match roll {
            0..=19 => Interested,
            20..=69 => MeetingRequested,
            70..=84 => DueDiligence,
            _ => Passed,
        },
        Some(MeetingRequested) => match roll {
            0..=69 => DueDiligence,
            70..=84 => Interested,
            _ => Passed,
        },
        Some(DueDiligence) => match roll {
            0..=59 => Intends,
            60..=79 => Interested,
            _ => Passed,
        },
        Some(Intends) => match roll {
            0..=19 => Intends,
            20..=69 => Invested,
            70..=84 => DueDiligence,
            _ => Passed,
        },
        Some(Invested) => {
            if roll < 80 {
                Invested
            } else {
                Passed
            }
        }
        Some(Passed) => {
            if roll < 60 {
                Watching
            } else {
                Interested
            }
        }
    }
}

/// The ladder form as an investor would fill it for a move to `to`.
fn form_for(
    from: Option<InterestStage>,
    to: InterestStage,
    at: DateTime<Utc>,
    rng: &mut Rng,
) -> StageChangeForm {
    use InterestStage::*;
    let backward = from.is_some_and(|f| f.is_backward_to(to));
    let million = |n: u64| format!("{}만", n * 1000);
    let mut form = StageChangeForm {
        stage: to.as_str().to_string(),
        ..StageChangeForm::default()
    };
    match to {
        Interested => {
            let min = 1 + rng.below(10); // 1천만–1억
            form.amount_min = million(min);
            form.amount_max = million(min + 1 + rng.below(10));
            form.route = ["direct", "personal_fund", "crowdfunding"][rng.below(3) as usize].into();
        }
        MeetingRequested => {
            form.message =
                "양산 계획과 인증 일정을 듣고 싶습니다. 다음 주 중 공장을 방문해도 될까요?".into();
        }
        Intends => form.amount = million(2 + rng.below(15)),
        Invested => {
            form.amount = million(2 + rng.below(15));
            form.invested_on = seoul_date(at).to_string();
        }
        Watching | DueDiligence | Passed => {}
    }
    if backward || to == Passed {
        form.note = if to == Passed {
            "이번 라운드에서는 조건이 맞지 않아 보류합니다.".into()
        } else {
            "후속 자료를 받고 다시 검토합니다.".into()
        };
    }
    form
}

/// One interest's walk: `len` changes, the last `last_days_ago` days ago,
/// a few days apart.
async fn walk(
    store: &dyn Store,
    investor_id: i64,
    club_id: i64,
    company_id: i64,
    len: usize,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let mut rng = Rng(seed);
    let last_days_ago = rng.below(60) as i64;
    let gaps: Vec<i64> = (0..len).map(|_| 1 + rng.below(6) as i64).collect();
    let mut days_ago = last_days_ago + gaps.iter().sum::<i64>();
    let mut current: Option<InterestStage> = None;
    for gap in gaps {
        // Minutes apart within a day so changes of one interest never tie.
        let at = now - Duration::days(days_ago) - Duration::minutes(rng.below(600) as i64);
        days_ago -= gap;
        let to = next_stage(current, &mut rng);
        let form = form_for(current, to, at, &mut rng);
        let change = form
            .validate(current, seoul_date(at))
            .map_err(|e| DbError::Other(format!("bench deal {:?}->{to:?}: {e:?}", current)))?;
        let record = store
            .record_stage_change(
                &NewStageChange {
                    investor_id,
                    club_id: Some(club_id),
                    company_id,
                    expected_from: current,
                    change: &change,
                    forum_id: None,
                    // Synthetic accounts: nobody to e-mail.
                    mail_base_url: None,
                    at,
                },
                &event("deal.stage", "interest"),
            )
            .await?;
        current = Some(record.terms.stage);
    }
    Ok(len)
}

/// Creates the club, its investors and their deal flow over the first
/// `companies` benchmark companies (`bench-0` …). `concurrency` investors
/// record their changes at once (each one's changes stay in order).
pub async fn seed(
    store: &dyn Store,
    investors: usize,
    companies: usize,
    changes: usize,
    concurrency: usize,
) -> Result<DealSeedReport, DbError> {
    let started = std::time::Instant::now();
    let mut report = DealSeedReport {
        investors,
        ..DealSeedReport::default()
    };
    if investors == 0 || companies < investors {
        return Err(DbError::Other(format!(
            "need at least one investor and one company per investor ({investors} investors, {companies} companies)"
        )));
    }
    if let Ok(first) = store.user_by_email(&investor_email(0)).await {
        report.club_id = first.club_id.unwrap_or_default();
        report.already_seeded = true;
        return Ok(report);
    }
    let hash = app::ssr::password::hash(BENCH_PASSWORD)
        .await
        .map_err(|e| DbError::Other(format!("cannot hash the bench password: {e}")))?;
    let mut ids = Vec::with_capacity(investors);
    let mut club_id = None;
    for n in 0..investors {
        let user = NewUser {
            email: investor_email(n),
            display_name: format!("벤치 투자자 {n:02}"),
            role: Role::Investor,
            password_hash: hash.clone(),
            locale: "ko".into(),
            is_demo: true,
            verification: Verification::initial_for(Role::Investor),
            club_id: None,
        };
        let registration = Registration {
            user,
            company: None,
            club: Some(match club_id {
                Some(id) => ClubChoice::Existing(id),
                None => ClubChoice::New(BENCH_CLUB.into()),
            }),
        };
        let id = store
            .register(&registration, &event("account.sign_up", "user"))
            .await?;
        if club_id.is_none() {
            let id = store
                .user_summary(id)
                .await?
                .club_id
                .ok_or(DbError::NotFound)?;
            store
                .review_club(id, ClubStatus::Approved, &event("club.review", "club"))
                .await?;
            club_id = Some(id);
        }
        store
            .set_verification(
                id,
                Verification::Verified,
                &event("user.set_verification", "user"),
            )
            .await?;
        ids.push(id);
    }
    let club_id = club_id.ok_or(DbError::NotFound)?;
    report.club_id = club_id;

    // Company ids of bench-0 … bench-(companies-1).
    let mut company_ids = Vec::with_capacity(companies);
    for i in 0..companies {
        company_ids.push(store.company_by_slug(&format!("bench-{i}")).await?.id);
    }
    let share = companies / investors;
    let owner = |i: usize| (i / share).min(investors - 1);
    let lengths = walk_lengths(companies, changes);
    let now = Utc::now();

    // Follows without a stage: the first CROSS_FOLLOWS of the next
    // investor's share, followed well before any change.
    for (n, &investor_id) in ids.iter().enumerate() {
        let next = (n + 1) % investors;
        if next == n {
            break;
        }
        for &company_id in company_ids
            .iter()
            .skip(next * share)
            .take(CROSS_FOLLOWS.min(share))
        {
            store
                .follow(investor_id, company_id, now - Duration::days(400))
                .await?;
            report.follows_only += 1;
        }
    }

    let changes_started = std::time::Instant::now();
    let per_investor: Vec<Vec<usize>> = (0..investors)
        .map(|n| (0..companies).filter(|&i| owner(i) == n).collect())
        .collect();
    let recorded: Vec<usize> = stream::iter(per_investor.into_iter().enumerate())
        .map(|(n, mine)| {
            let (ids, company_ids, lengths) = (&ids, &company_ids, &lengths);
            async move {
                let mut done = 0;
                for i in mine {
                    done += walk(
                        store,
                        ids[n],
                        club_id,
                        company_ids[i],
                        lengths[i],
                        i as u64 * 7919 + 17,
                        now,
                    )
                    .await?;
                }
                tracing::info!(investor = n, changes = done, "benchmark deal flow");
                Ok::<usize, DbError>(done)
            }
        })
        .buffer_unordered(concurrency.max(1))
        .try_collect()
        .await?;
    report.changes = recorded.iter().sum();
    report.interests = companies;
    report.seconds_changes = changes_started.elapsed().as_secs_f64();

    // One update per company in the last two months (after every follow).
    let bench_admin = store.user_by_email("bench@bench.pitchbridge.kr").await?.id;
    for (i, &company_id) in company_ids.iter().enumerate() {
        let update = NewUpdate {
            kind: UpdateKind::ALL[i % UpdateKind::ALL.len()],
            title: format!("벤치 회사 {i} 소식: 시제품 {}차 개선 완료", 1 + i % 5),
            body: "양산 라인 점검을 마치고 첫 출하를 준비하고 있습니다.".into(),
        };
        store
            .post_update(
                company_id,
                &update,
                bench_admin,
                now - Duration::hours((i % 1440) as i64),
                &event("company.post_update", "company"),
            )
            .await?;
        report.updates += 1;
    }

    // Answers to some of the first investor's meeting requests.
    for (k, meeting) in store
        .meetings_of_investor(ids[0])
        .await?
        .into_iter()
        .filter(|m| m.status == MeetingStatus::Pending)
        .enumerate()
        .filter(|(k, _)| k % 2 == 0)
    {
        let accept = k % 4 == 0;
        let answer = MeetingAnswer {
            status: if accept {
                MeetingStatus::Accepted
            } else {
                MeetingStatus::Declined
            },
            proposed_at: accept.then(|| now + Duration::days(7)),
            note: (!accept).then(|| "이번 분기에는 일정이 어렵습니다.".to_string()),
        };
        store
            .answer_meeting(
                meeting.company_id,
                meeting.id,
                &answer,
                bench_admin,
                now - Duration::hours(k as i64),
                &event("deal.meeting_answer", "meeting"),
            )
            .await?;
        report.answered += 1;
    }
    report.seconds_total = started.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_add_up_and_vary() {
        let lengths = walk_lengths(2_000, 20_000);
        assert_eq!(lengths.iter().sum::<usize>(), 20_000);
        assert!(lengths.iter().all(|&l| l >= 1));
        assert!(lengths.iter().min() < lengths.iter().max());
        let short = walk_lengths(7, 3);
        assert_eq!(short.iter().sum::<usize>(), 3);
    }

    #[test]
    fn walks_pass_the_ladder_form() {
        let now = Utc::now();
        for seed in 0..200 {
            let mut rng = Rng(seed);
            let mut current = None;
            for step in 0..30 {
                let at = now - Duration::days(60 - step);
                let to = next_stage(current, &mut rng);
                let form = form_for(current, to, at, &mut rng);
                let change = form.validate(current, seoul_date(at)).unwrap();
                current = Some(change.to);
            }
        }
    }
}
