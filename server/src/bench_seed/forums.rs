//! Synthetic forum history for the impact benchmark (`.ci/bench impact`):
//! `forums` forums a quarter apart going back from last month (40: ten
//! years), each with `slots` presenting benchmark companies, the deal
//! seed's verified investors all attending and scoring every company
//! (20 slots × 25 investors × 40 forums = 20,000 scorecards), closed with
//! feedback released, and `outcomes` confirmed outcomes spread over the
//! forums' companies and kinds. Everything goes through the store's own
//! writes (applications, decisions, the agenda, RSVPs, scorecards,
//! outcomes), validated by the same domain rules as the site.

use app::domain::forum::{seoul_instant, ApplicationStatus, ForumState, RsvpAnswer, Slot};
use app::domain::outcome::{OutcomeForm, OutcomeKind, OutcomeStatus};
use app::domain::scorecard::Scores;
use app::domain::seoul_time::seoul_date;
use app::ssr::forum_store::ForumWrite;
use app::ssr::store::NewAuditEvent;
use app::ssr::{DbError, Store};
use chrono::{Duration, NaiveTime, Utc};

use super::Rng;

#[derive(Debug, Default)]
pub struct ForumSeedReport {
    pub forums: usize,
    pub slots: usize,
    pub scorecards: usize,
    pub outcomes: usize,
    pub seconds: f64,
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

/// Seeds the forums on top of `companies` benchmark companies and the deal
/// seed's `investors` (who must exist).
pub async fn seed(
    store: &dyn Store,
    forums: usize,
    slots: usize,
    companies: usize,
    investors: usize,
    outcomes: usize,
) -> Result<ForumSeedReport, DbError> {
    let started = std::time::Instant::now();
    let mut report = ForumSeedReport::default();
    if !store.forums(false).await?.is_empty() {
        report.already_seeded = true;
        return Ok(report);
    }
    if slots == 0 || companies < slots {
        return Err(DbError::Other(format!(
            "need at least {slots} companies for {slots} slots a forum"
        )));
    }
    let admin = store.user_by_email("bench@bench.pitchbridge.kr").await?.id;
    let mut investor_ids = Vec::with_capacity(investors);
    for n in 0..investors {
        investor_ids.push(
            store
                .user_by_email(&super::deals::investor_email(n))
                .await?
                .id,
        );
    }
    let mut company_ids = Vec::with_capacity(companies);
    for i in 0..companies {
        company_ids.push(store.company_by_slug(&format!("bench-{i}")).await?.id);
    }
    let today = seoul_date(Utc::now());
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    let mut rng = Rng(0xF0_2026);
    let mut held = Vec::with_capacity(forums);
    for f in 0..forums {
        // The last one a month ago, each earlier one a quarter before.
        let day = today - Duration::days(30 + 91 * (forums - 1 - f) as i64);
        let starts_at = seoul_instant(day, at(14, 0));
        let write = ForumWrite {
            title: format!("제{}회 신사업벤처포럼", f + 1),
            starts_at,
            ends_at: seoul_instant(day, at(18, 0)),
            venue: "벤치마크 컨벤션홀".into(),
            cluster_slug: None,
            capacity: (investors as i64 + 10).min(2_000),
            description_md: "벤치마크 포럼".into(),
            description_html: "<p>벤치마크 포럼</p>".into(),
            by: admin,
            at: Utc::now(),
        };
        let id = store
            .create_forum(&write, &event("forum.create", "forum"))
            .await?;
        let step = |from, to| async move {
            store
                .set_forum_state(id, from, to, &event("forum.state", "forum"))
                .await
        };
        step(ForumState::Planning, ForumState::Open).await?;
        let presenting: Vec<i64> = (0..slots)
            .map(|k| company_ids[(f * slots + k) % companies])
            .collect();
        for &company in &presenting {
            store
                .apply_to_forum(
                    id,
                    company,
                    "발표 신청",
                    admin,
                    &event("forum.apply", "forum_application"),
                )
                .await?;
            store
                .decide_application(
                    id,
                    company,
                    ApplicationStatus::Accepted,
                    admin,
                    &event("forum.decide", "forum_application"),
                )
                .await?;
        }
        let agenda: Vec<Slot> = presenting
            .iter()
            .enumerate()
            .map(|(k, &company_id)| Slot {
                company_id,
                position: k as i64 + 1,
                starts_at: starts_at + Duration::minutes(10 * k as i64),
            })
            .collect();
        store
            .set_agenda(id, &presenting, &agenda, &event("forum.agenda", "forum"))
            .await?;
        for &investor in &investor_ids {
            store
                .set_rsvp(
                    id,
                    investor,
                    RsvpAnswer::Attending,
                    &event("forum.rsvp", "forum_rsvp"),
                )
                .await?;
        }
        step(ForumState::Open, ForumState::Confirmed).await?;
        step(ForumState::Confirmed, ForumState::Held).await?;
        for &company in &presenting {
            for &investor in &investor_ids {
                let mut scores = [0; 6];
                for s in &mut scores {
                    *s = 1 + rng.below(5) as i64;
                }
                let card = Scores {
                    scores,
                    strengths: "양산 경험이 있는 팀".into(),
                    improvements: if rng.below(2) == 0 {
                        "고객 다변화".into()
                    } else {
                        String::new()
                    },
                    questions: String::new(),
                };
                store
                    .save_scorecard(
                        id,
                        company,
                        investor,
                        &card,
                        &event("forum.score", "forum_scorecard"),
                    )
                    .await?;
                report.scorecards += 1;
            }
        }
        step(ForumState::Held, ForumState::Closed).await?;
        store
            .release_feedback(id, &event("forum.release", "forum"))
            .await?;
        report.slots += presenting.len();
        held.push((id, day, presenting));
    }
    report.forums = held.len();

    for o in 0..outcomes {
        let (forum_id, day, presenting) = &held[o % held.len()];
        let company = presenting[(o / held.len()) % presenting.len()];
        let kind = OutcomeKind::ALL[o % OutcomeKind::ALL.len()];
        let amount = match kind {
            OutcomeKind::Hiring | OutcomeKind::Patent => String::new(),
            _ => (10_000_000 * (1 + rng.below(300))).to_string(),
        };
        let form = OutcomeForm {
            kind: kind.as_str().into(),
            amount,
            amount_usd: if kind == OutcomeKind::ExportContract {
                "250000".into()
            } else {
                String::new()
            },
            headcount: if kind == OutcomeKind::Hiring {
                "3".into()
            } else {
                String::new()
            },
            occurred_on: (*day + Duration::days(rng.below(200) as i64))
                .min(today)
                .to_string(),
            counterparty: "large_company".into(),
            evidence: "계약서 사본".into(),
            forums: vec![forum_id.to_string()],
        };
        let fields = form
            .validate(|id| (id == *forum_id).then_some(*day), today)
            .map_err(|e| DbError::Other(format!("bench outcome {o}: {e:?}")))?;
        store
            .record_outcome(
                company,
                &fields,
                OutcomeStatus::Confirmed,
                admin,
                &event("outcome.record", "outcome"),
            )
            .await?;
        report.outcomes += 1;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
