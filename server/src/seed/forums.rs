//! The demo forums: two past 신사업벤처포럼 with their presenting companies
//! in agenda order (entered by the operator, as a programme that starts
//! using the portal would), and one upcoming forum open for applications
//! with one application waiting, so the demo founder can apply and the
//! admin can decide. Dates are relative to today so the demo never ages.
//! The demo's verified investors answered the past forums and were marked
//! present; the club mate has already said yes to the coming one, so the
//! demo investor sees a seat taken and can answer themselves.
//! The attendees scored every company; the older forum's feedback is
//! released, the newer one's waits for the admin.
//! Loaded once: nothing happens when any forum exists.

use super::{system_event, SeedError};
use app::domain::forum::{seoul_instant, ApplicationStatus, ForumState, RsvpAnswer, Slot};
use app::domain::scorecard::Scores;
use app::ssr::forum_store::ForumWrite;
use app::ssr::Store;
use chrono::{Duration, NaiveTime, Utc};

struct DemoForum {
    title: &'static str,
    /// Days from today (negative: past).
    in_days: i64,
    venue: &'static str,
    cluster: Option<&'static str>,
    capacity: i64,
    description: &'static str,
    /// (company, application note), presenting in this order.
    presenters: &'static [(&'static str, &'static str)],
    state: ForumState,
}

const FORUMS: &[DemoForum] = &[
    DemoForum {
        title: "제5회 신사업벤처포럼 — 탄소·소재",
        in_days: -150,
        venue: "대구 성서산업단지 비즈니스지원센터 대회의실",
        cluster: Some("carbon-materials"),
        capacity: 60,
        description: "수도권 엔젤클럽과 함께하는 탄소·소재 미니클러스터 포럼입니다.\n\n\
- 기업 발표: 기술, 사업 아이템, 시장 전망, 향후 계획\n\
- 엔젤클럽 질의응답과 1:1 상담",
        presenters: &[
            (
                "tansoon",
                "탄소섬유 면상발열체 양산 라인과 공급 계약 진행 현황을 발표합니다.",
            ),
            (
                "carbonrix",
                "탄소복합소재 경량 부품의 시제품과 완성차 협력 계획을 소개합니다.",
            ),
            (
                "recarbontech",
                "폐탄소섬유 재생 공정과 수출 상담 결과를 공유합니다.",
            ),
        ],
        state: ForumState::Closed,
    },
    DemoForum {
        title: "제6회 신사업벤처포럼 — 에너지·스마트기기",
        in_days: -60,
        venue: "구미 산학융합캠퍼스 컨벤션홀",
        cluster: None,
        capacity: 80,
        description:
            "에너지효율과 스마트기기 미니클러스터의 유망 기업이 투자자 앞에서 발표합니다.\n\n\
- 기업 발표 4곳\n- 네트워킹",
        presenters: &[
            (
                "lumisave",
                "조명 에너지 절감 솔루션의 공장 적용 사례와 투자 계획을 발표합니다.",
            ),
            (
                "energybrick",
                "축열 벽돌 기반 산업용 열저장 시스템을 소개합니다.",
            ),
            (
                "careband",
                "고령자 돌봄 웨어러블의 지자체 실증 결과를 공유합니다.",
            ),
            (
                "thermolink",
                "설비 온도 IoT 모니터링 서비스의 고객 확대 계획을 발표합니다.",
            ),
        ],
        state: ForumState::Closed,
    },
    DemoForum {
        title: "제7회 신사업벤처포럼",
        in_days: 24,
        venue: "대구 엑스코 컨퍼런스룸 321",
        cluster: None,
        capacity: 100,
        description:
            "발표 기업을 모집합니다. 기술·제품, 시장 전망, 투자 유치 계획을 10분 안에 발표하고 \
엔젤클럽의 질문을 받습니다.\n\n\
- 신청 마감: 포럼 2주 전\n- 선정 결과는 포럼 페이지에서 안내합니다",
        presenters: &[(
            "factorynote",
            "중소 제조 현장의 작업일지 디지털화 서비스와 시드 투자 계획을 발표하고 싶습니다.",
        )],
        state: ForumState::Open,
    },
];

/// The verified demo investors, in the order they answer.
const ATTENDEES: &[&str] = &[
    "investor@demo.pitchbridge.kr",
    "mate@demo.pitchbridge.kr",
    "otherclub@demo.pitchbridge.kr",
];

pub async fn load_demo_forums(store: &dyn Store, admin_email: &str) -> Result<usize, SeedError> {
    if !store.forums(false).await?.is_empty() {
        return Ok(0);
    }
    let admin = store.user_by_email(admin_email).await?;
    let today = app::domain::seoul_time::seoul_date(Utc::now());
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    for demo in FORUMS {
        let day = today + Duration::days(demo.in_days);
        let starts_at = seoul_instant(day, time(14, 0));
        let write = ForumWrite {
            title: demo.title.to_string(),
            starts_at,
            ends_at: seoul_instant(day, time(17, 30)),
            venue: demo.venue.to_string(),
            cluster_slug: demo.cluster.map(str::to_string),
            capacity: demo.capacity,
            description_html: app::ssr::markdown::render(demo.description),
            description_md: demo.description.to_string(),
            by: admin.id,
            at: Utc::now(),
        };
        let id = store
            .create_forum(&write, &system_event("forum.create", "forum"))
            .await?;
        // The past forums' steps happened before the forum, not today.
        let before = |days: i64, action, object| {
            let mut event = system_event(action, object);
            if demo.in_days < 0 {
                event.at = starts_at - Duration::days(days);
            }
            event
        };
        let state = |from, to| async move {
            store
                .set_forum_state(id, from, to, &system_event("forum.state", "forum"))
                .await
        };
        state(ForumState::Planning, ForumState::Open).await?;
        let mut companies = Vec::new();
        for (slug, note) in demo.presenters {
            let company = store.company_by_slug(slug).await?;
            store
                .apply_to_forum(
                    id,
                    company.id,
                    note,
                    admin.id,
                    &before(28, "forum.apply", "forum_application"),
                )
                .await?;
            companies.push(company.id);
        }
        let attendees = if demo.state == ForumState::Open {
            &ATTENDEES[1..2]
        } else {
            ATTENDEES
        };
        let mut attending = Vec::new();
        for email in attendees {
            let user = store.user_by_email(email).await?;
            store
                .set_rsvp(
                    id,
                    user.id,
                    RsvpAnswer::Attending,
                    &before(10, "forum.rsvp", "forum_rsvp"),
                )
                .await?;
            attending.push(user.id);
        }
        if demo.state == ForumState::Open {
            continue;
        }
        for &company in &companies {
            store
                .decide_application(
                    id,
                    company,
                    ApplicationStatus::Accepted,
                    admin.id,
                    &before(21, "forum.decide", "forum_application"),
                )
                .await?;
        }
        // Twenty minutes each from 14:20, after the opening words.
        let slots: Vec<Slot> = companies
            .iter()
            .enumerate()
            .map(|(i, &company_id)| Slot {
                company_id,
                position: i as i64 + 1,
                starts_at: starts_at + Duration::minutes(20 + 20 * i as i64),
            })
            .collect();
        store
            .set_agenda(
                id,
                &companies,
                &slots,
                &system_event("forum.agenda", "forum"),
            )
            .await?;
        state(ForumState::Open, ForumState::Confirmed).await?;
        state(ForumState::Confirmed, ForumState::Held).await?;
        for &user in &attending {
            store
                .mark_attendance(
                    id,
                    user,
                    true,
                    &system_event("forum.attendance", "forum_rsvp"),
                )
                .await?;
        }
        for (ci, &company) in companies.iter().enumerate() {
            for (ii, &user) in attending.iter().enumerate() {
                store
                    .save_scorecard(
                        id,
                        company,
                        user,
                        &demo_scores(ci, ii),
                        &system_event("forum.score", "forum_scorecard"),
                    )
                    .await?;
            }
        }
        state(ForumState::Held, ForumState::Closed).await?;
        // The older forum's feedback is out; the admin releases the
        // latest one in the demo.
        if demo.in_days < -90 {
            store
                .release_feedback(id, &system_event("forum.release", "forum"))
                .await?;
        }
    }
    load_demo_outcomes(store, admin.id).await?;
    Ok(FORUMS.len())
}

struct DemoOutcome {
    slug: &'static str,
    /// Index into `FORUMS` of the forum it came from.
    forum: usize,
    kind: &'static str,
    amount: &'static str,
    amount_usd: &'static str,
    headcount: &'static str,
    /// Days after that forum.
    after_days: i64,
    counterparty: &'static str,
    evidence: &'static str,
    /// Recorded by the founder and waiting for the admin.
    pending: bool,
}

/// The kinds of results the article reports: a 20억원 supply contract,
/// investments, export contracts, joint development, jobs.
const OUTCOMES: &[DemoOutcome] = &[
    DemoOutcome {
        slug: "tansoon",
        forum: 0,
        kind: "supply_contract",
        amount: "20억",
        amount_usd: "",
        headcount: "",
        after_days: 41,
        counterparty: "large_company",
        evidence: "면상발열체 2년 공급계약서 사본 확인 (완성차 1차 협력사)",
        pending: false,
    },
    DemoOutcome {
        slug: "tansoon",
        forum: 0,
        kind: "investment",
        amount: "5억",
        amount_usd: "",
        headcount: "",
        after_days: 88,
        counterparty: "angel_club",
        evidence: "한강엔젤클럽 개인투자조합 납입 확인서",
        pending: false,
    },
    DemoOutcome {
        slug: "carbonrix",
        forum: 0,
        kind: "collaboration",
        amount: "",
        amount_usd: "",
        headcount: "",
        after_days: 30,
        counterparty: "large_company",
        evidence: "경량 부품 공동개발 협약(MOU) 체결 보도자료",
        pending: false,
    },
    DemoOutcome {
        slug: "recarbontech",
        forum: 0,
        kind: "export_contract",
        amount: "16억 5,000만",
        amount_usd: "1,200,000",
        headcount: "",
        after_days: 70,
        counterparty: "overseas",
        evidence: "베트남 바이어 재생 탄소섬유 수출계약서 (US$1.2M, 계약일 환율 환산)",
        pending: false,
    },
    DemoOutcome {
        slug: "lumisave",
        forum: 1,
        kind: "investment",
        amount: "30억",
        amount_usd: "",
        headcount: "",
        after_days: 35,
        counterparty: "venture_capital",
        evidence: "시리즈 A 투자계약서 및 주금 납입 증명",
        pending: false,
    },
    DemoOutcome {
        slug: "careband",
        forum: 1,
        kind: "hiring",
        amount: "",
        amount_usd: "",
        headcount: "6",
        after_days: 45,
        counterparty: "other",
        evidence: "4대보험 가입자 명부 (신규 6명)",
        pending: false,
    },
    DemoOutcome {
        slug: "tansoon",
        forum: 0,
        kind: "patent",
        amount: "",
        amount_usd: "",
        headcount: "",
        after_days: 120,
        counterparty: "other",
        evidence: "특허 등록 제10-2026-0123456호 (면상발열체 전극 구조)",
        pending: true,
    },
];

async fn load_demo_outcomes(store: &dyn Store, admin: i64) -> Result<(), SeedError> {
    use app::domain::outcome::{OutcomeForm, OutcomeStatus};
    let forums = store.forums(false).await?;
    let today = app::domain::seoul_time::seoul_date(Utc::now());
    for o in OUTCOMES {
        let title = FORUMS[o.forum].title;
        let Some(forum) = forums.iter().find(|f| f.title == title) else {
            continue;
        };
        let day = app::domain::seoul_time::seoul_date(forum.starts_at);
        let company = store.company_by_slug(o.slug).await?;
        let form = OutcomeForm {
            kind: o.kind.into(),
            amount: o.amount.into(),
            amount_usd: o.amount_usd.into(),
            headcount: o.headcount.into(),
            occurred_on: (day + Duration::days(o.after_days)).min(today).to_string(),
            counterparty: o.counterparty.into(),
            evidence: o.evidence.into(),
            forums: vec![forum.id.to_string()],
        };
        let fields = form
            .validate(|id| (id == forum.id).then_some(day), today)
            .map_err(|e| SeedError::Invalid(format!("demo outcome {}: {e:?}", o.slug)))?;
        let (status, by) = if o.pending {
            let founder = store.user_by_email("founder@demo.pitchbridge.kr").await?;
            (OutcomeStatus::Pending, founder.id)
        } else {
            (OutcomeStatus::Confirmed, admin)
        };
        store
            .record_outcome(
                company.id,
                &fields,
                status,
                by,
                &system_event("outcome.record", "outcome"),
            )
            .await?;
    }
    Ok(())
}

/// What the demo investors wrote: scores that differ by company and
/// investor (never all the same), and comments of the kinds the programme
/// asks for. `investor` 0 is the demo investor.
fn demo_scores(company: usize, investor: usize) -> Scores {
    const BASE: [[i64; 6]; 4] = [
        [5, 4, 4, 4, 4, 4],
        [4, 4, 5, 3, 4, 3],
        [3, 4, 4, 3, 3, 3],
        [4, 5, 3, 4, 3, 4],
    ];
    const COMMENTS: [(&str, &str, &str); 3] = [
        (
            "양산 경험이 있는 팀이 계약까지 끌고 가는 실행력이 돋보입니다.",
            "매출처가 한두 곳에 몰려 있어 고객 다변화 계획이 필요합니다.",
            "공급 단가가 원가 대비 어느 수준인지 궁금합니다.",
        ),
        (
            "기술 차별성이 분명하고 실증 자료가 잘 정리되어 있습니다.",
            "",
            "후속 투자 유치 시점과 규모는 어떻게 계획하고 있나요?",
        ),
        (
            "시장 규모 설명이 구체적이고 설득력이 있습니다.",
            "특허 출원 현황과 경쟁사 대비 우위를 더 보여 주면 좋겠습니다.",
            "",
        ),
    ];
    let base = BASE[company % BASE.len()];
    let mut scores = base;
    // The second and third investor are a point stricter on one criterion.
    if investor > 0 {
        let i = (company + investor) % 6;
        scores[i] = (scores[i] - 1).max(1);
    }
    let (strengths, improvements, questions) = COMMENTS[investor % COMMENTS.len()];
    Scores {
        scores,
        strengths: strengths.to_string(),
        improvements: improvements.to_string(),
        questions: questions.to_string(),
    }
}
