//! The demo forums: two past 신사업벤처포럼 with their presenting companies
//! in agenda order (entered by the operator, as a programme that starts
//! using the portal would), and one upcoming forum open for applications
//! with one application waiting, so the demo founder can apply and the
//! admin can decide. Dates are relative to today so the demo never ages.
//! The demo's verified investors answered the past forums and were marked
//! present; the club mate has already said yes to the coming one, so the
//! demo investor sees a seat taken and can answer themselves.
//! Loaded once: nothing happens when any forum exists.

use super::{system_event, SeedError};
use app::domain::forum::{seoul_instant, ApplicationStatus, ForumState, RsvpAnswer, Slot};
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
        state(ForumState::Held, ForumState::Closed).await?;
    }
    Ok(FORUMS.len())
}
