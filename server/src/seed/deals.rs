//! The demo deal flow: the demo investor follows nine companies at
//! different stages with their history, a club mate tracks two of the same
//! companies, both keep club notes, and the investor has asked 탄소온 for a
//! meeting so the demo founder has a request to answer. Every step goes
//! through the same validation and store calls as the ladder form.

use super::{system_event, SeedError};
use app::domain::deal::{InterestStage, StageChangeForm};
use app::domain::seoul_time::seoul_date;
use app::ssr::deal_store::NewStageChange;
use app::ssr::Store;
use chrono::{Duration, Utc};

/// One step: days ago, the stage and the figures as a person would type them.
struct Step {
    days_ago: i64,
    stage: &'static str,
    min: &'static str,
    max: &'static str,
    route: &'static str,
    amount: &'static str,
    note: &'static str,
    message: &'static str,
}

const fn step(days_ago: i64, stage: &'static str) -> Step {
    Step {
        days_ago,
        stage,
        min: "",
        max: "",
        route: "",
        amount: "",
        note: "",
        message: "",
    }
}

const fn interested(
    days_ago: i64,
    min: &'static str,
    max: &'static str,
    route: &'static str,
) -> Step {
    Step {
        min,
        max,
        route,
        ..step(days_ago, "interested")
    }
}

const fn with_amount(days_ago: i64, stage: &'static str, amount: &'static str) -> Step {
    Step {
        amount,
        ..step(days_ago, stage)
    }
}

fn investor_deals() -> Vec<(&'static str, Vec<Step>)> {
    vec![
        (
            "tansoon",
            vec![
                step(40, "watching"),
                interested(30, "3000만", "5000만", "direct"),
                Step {
                    message: "탄소섬유 발열 필름의 양산 단가와 인증 일정을 듣고 싶습니다. 다음 주 중 구미 공장을 방문해도 될까요?",
                    ..step(3, "meeting_requested")
                },
            ],
        ),
        (
            "carbonrix",
            vec![
                step(120, "watching"),
                interested(100, "5000만", "1억", "personal_fund"),
                step(80, "due_diligence"),
                with_amount(60, "intends", "8000만"),
                with_amount(45, "invested", "8000만"),
            ],
        ),
        (
            "thermolink",
            vec![
                step(70, "watching"),
                interested(65, "2000만", "3000만", "crowdfunding"),
                step(50, "due_diligence"),
            ],
        ),
        (
            "energybrick",
            vec![
                step(20, "watching"),
                interested(15, "1억", "2억", "direct"),
                with_amount(5, "intends", "1억 5000만"),
            ],
        ),
        ("careband", vec![step(10, "watching")]),
        (
            "layerone",
            vec![
                step(60, "watching"),
                interested(55, "2000만", "4000만", "direct"),
                Step {
                    note: "의료기기 인허가 일정이 투자 기간과 맞지 않아 이번에는 보류합니다.",
                    ..step(20, "passed")
                },
            ],
        ),
        (
            "gamnarae-bio",
            vec![
                interested(7, "1000만", "2000만", "crowdfunding"),
                // Near the per-company cap of a qualified investor.
                with_amount(3, "intends", "800만"),
            ],
        ),
        (
            "recarbontech",
            vec![
                step(90, "watching"),
                interested(80, "300만", "500만", "crowdfunding"),
                with_amount(70, "intends", "500만"),
                with_amount(60, "invested", "500만"),
            ],
        ),
    ]
}

fn mate_deals() -> Vec<(&'static str, Vec<Step>)> {
    vec![
        (
            "tansoon",
            vec![
                step(12, "watching"),
                interested(2, "5000만", "1억", "personal_fund"),
            ],
        ),
        (
            "energybrick",
            vec![step(25, "watching"), step(1, "due_diligence")],
        ),
    ]
}

/// Club notes: (company, author is the mate?, Markdown).
const NOTES: &[(&str, bool, &str)] = &[
    (
        "tansoon",
        false,
        "**강점**: 탄소섬유 발열 필름의 전력 효율이 경쟁 제품보다 높다는 시험성적서가 있음.\n\n\
         **확인할 것**\n- 양산 라인 투자 계획과 단가\n- KC 인증 일정",
    ),
    (
        "tansoon",
        true,
        "지난 포럼 발표에서 대기업 협력 건을 언급함. 미팅 때 계약 범위를 물어볼 것.",
    ),
    (
        "carbonrix",
        true,
        "실사 결과 재무제표에 특이사항 없음. 후속 투자 시 클럽 공동 투자 검토.",
    ),
];

async fn run_ladder(
    store: &dyn Store,
    investor_id: i64,
    club_id: Option<i64>,
    deals: Vec<(&'static str, Vec<Step>)>,
) -> Result<(), SeedError> {
    let now = Utc::now();
    for (slug, steps) in deals {
        let company = store.company_by_slug(slug).await?;
        let mut current: Option<InterestStage> = None;
        for s in steps {
            let at = now - Duration::days(s.days_ago);
            let form = StageChangeForm {
                stage: s.stage.into(),
                amount_min: s.min.into(),
                amount_max: s.max.into(),
                route: s.route.into(),
                amount: s.amount.into(),
                invested_on: if s.stage == "invested" {
                    seoul_date(at).to_string()
                } else {
                    String::new()
                },
                note: s.note.into(),
                message: s.message.into(),
            };
            let change = form.validate(current, seoul_date(at)).map_err(|e| {
                SeedError::Db(app::ssr::DbError::Other(format!(
                    "demo deal {slug} {}: {e:?}",
                    s.stage
                )))
            })?;
            let record = store
                .record_stage_change(
                    &NewStageChange {
                        investor_id,
                        club_id,
                        company_id: company.id,
                        expected_from: current,
                        change: &change,
                        forum_id: None,
                        at,
                        mail_base_url: None,
                    },
                    &system_event("deal.stage", "interest"),
                )
                .await?;
            current = Some(record.terms.stage);
        }
    }
    Ok(())
}

/// Loads the demo deal flow once (nothing when the investor already has
/// deals). `investor` and `mate` are the two verified demo investors of
/// the demo club.
pub async fn load_demo_deals(
    store: &dyn Store,
    investor_email: &str,
    mate_email: &str,
) -> Result<(), SeedError> {
    let investor = store.user_by_email(investor_email).await?;
    if !store.deals_of(investor.id).await?.is_empty() {
        return Ok(());
    }
    let mate = store.user_by_email(mate_email).await?;
    run_ladder(store, investor.id, investor.club_id, investor_deals()).await?;
    run_ladder(store, mate.id, mate.club_id, mate_deals()).await?;
    // Followed without a stage yet.
    let weldmind = store.company_by_slug("weldmind").await?;
    store
        .follow(investor.id, weldmind.id, Utc::now() - Duration::days(30))
        .await?;
    let Some(club_id) = investor.club_id else {
        return Ok(());
    };
    for (slug, by_mate, markdown) in NOTES {
        let company = store.company_by_slug(slug).await?;
        let author = if *by_mate { mate.id } else { investor.id };
        let html = app::ssr::markdown::render(markdown);
        store
            .add_club_note(club_id, company.id, author, markdown, &html, Utc::now())
            .await?;
    }
    Ok(())
}
