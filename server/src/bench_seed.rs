//! Synthetic companies for the directory benchmark: realistic sizes (six
//! sections of a few hundred Korean characters, tags, an ask), varied
//! enough that filters and Korean substring searches select a fraction of
//! the rows rather than all or none. Deterministic: company `i` is always
//! the same, so runs compare. [`deals`] adds a club's deal flow on top.
//!
//! Refuses a database that holds any account not marked synthetic: the
//! benchmark data must never mix with real users.

pub mod deals;
pub mod forums;
pub mod readiness;

use app::domain::company::{
    CompanyProfile, Funding, Instrument, RevenueBand, SectionKind, Stage, Visibility,
};
use app::domain::money::Won;
use app::ssr::company_store::StoredSection;
use app::ssr::store::NewAuditEvent;
use app::ssr::{DbError, Store};
use chrono::{Duration, Utc};

const MATERIALS: &[&str] = &[
    "탄소섬유",
    "탄소복합소재",
    "그래핀",
    "세라믹",
    "알루미늄 합금",
    "바이오 플라스틱",
    "리튬 배터리",
    "고분자 필름",
    "스테인리스",
    "마그네슘",
];
const PRODUCTS: &[&str] = &[
    "발열매트",
    "센서 모듈",
    "농업용 전기차",
    "스마트팜 제어기",
    "에너지저장장치(ESS)",
    "정밀 금형",
    "3D프린팅 부품",
    "산업용 로봇 그리퍼",
    "친환경 포장재",
    "건조 설비",
];
const MARKETS: &[&str] = &[
    "스마트공장",
    "이차전지",
    "자동차 부품",
    "농식품 가공",
    "반도체 장비",
    "의료기기",
    "건설 자재",
    "물류 자동화",
];
const PLACES: &[&str] = &[
    "경북 구미시",
    "경북 김천시",
    "경북 칠곡군",
    "경북 상주시",
    "대구 달서구",
];

/// splitmix64: a small deterministic generator, so runs compare.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn pick<'a>(list: &[&'a str], i: usize, salt: usize) -> &'a str {
    list[(i.wrapping_mul(31).wrapping_add(salt * 17)) % list.len()]
}

fn section_text(kind: SectionKind, i: usize) -> String {
    let (material, product, market) = (
        pick(MATERIALS, i, 1),
        pick(PRODUCTS, i, 2),
        pick(MARKETS, i, 3),
    );
    let body = format!(
        "### 개요\n\n{material} 기반 {product}를 개발해 {market} 시장에 공급합니다. \
         기존 제품 대비 에너지 소비를 {}% 줄이고 불량률을 {}% 낮췄습니다.\n\n\
         - 특허 {}건 출원, 시제품 {}차 개선\n- 구미 국가산업단지 협력사 {}곳과 실증\n\n\
         | 연도 | 매출(억원) |\n|---|---|\n| 2025 | {} |\n| 2026 | {} |\n\n\
         {market} 고객의 요구에 맞춰 {product} 라인업을 넓히고, 신사업벤처포럼과 \
         기업성장지원단 컨설팅을 통해 투자 유치를 준비하고 있습니다.",
        10 + i % 30,
        5 + i % 20,
        1 + i % 9,
        2 + i % 4,
        3 + i % 12,
        1 + i % 40,
        5 + i % 80,
    );
    format!("{body}\n\n({} 섹션)", kind.as_str())
}

fn event(action: &'static str) -> NewAuditEvent {
    NewAuditEvent {
        actor_id: None,
        actor_label: "system (bench seed)".to_string(),
        action,
        object_type: "company",
        object_id: None,
        detail: String::new(),
        ip: None,
        at: Utc::now(),
    }
}

/// The benchmark only runs on a database of synthetic accounts.
pub async fn refuse_real_users(store: &dyn Store) -> Result<(), DbError> {
    let real = store.count_users(Some(false)).await?;
    if real > 0 {
        return Err(DbError::Other(format!(
            "this database has {real} real (non-synthetic) users; the benchmark seed only runs on a fresh or benchmark database"
        )));
    }
    Ok(())
}

/// Adds `count` published companies (slugs `bench-{i}`), skipping those
/// already there; returns how many were added.
pub async fn seed(store: &dyn Store, count: usize) -> Result<usize, DbError> {
    use futures_util::StreamExt;
    refuse_real_users(store).await?;
    let clusters = store.list_clusters().await?;
    let publisher = match store.user_by_email("bench@bench.pitchbridge.kr").await {
        Ok(user) => user.id,
        Err(DbError::NotFound) => {
            let user = app::ssr::NewUser {
                email: "bench@bench.pitchbridge.kr".into(),
                display_name: "벤치마크".into(),
                role: app::domain::role::Role::Admin,
                // Not a usable hash: nobody can sign in as this account.
                password_hash: "!".into(),
                locale: "ko".into(),
                is_demo: true,
                verification: app::domain::account::Verification::None,
                club_id: None,
            };
            store.create_user(&user).await?
        }
        Err(err) => return Err(err),
    };
    let now = Utc::now();
    // Four companies at a time: each is a handful of short transactions,
    // and PostgreSQL runs them side by side (SQLite takes them in turn,
    // still without waiting on the seed's own bookkeeping in between).
    let mut added = 0;
    let mut seeded = futures_util::stream::iter(0..count)
        .map(|i| seed_company(store, &clusters, publisher, now, i))
        .buffer_unordered(4);
    while let Some(result) = seeded.next().await {
        if result? {
            added += 1;
            if added % 1000 == 0 {
                tracing::info!(added, "benchmark companies");
            }
        }
    }
    Ok(added)
}

/// Company `i`, created, described and published; `false` when it was
/// already there.
async fn seed_company(
    store: &dyn Store,
    clusters: &[app::domain::cluster::Cluster],
    publisher: i64,
    now: chrono::DateTime<Utc>,
    i: usize,
) -> Result<bool, DbError> {
    use app::ssr::markdown::{plain_text, render};
    let slug = format!("bench-{i}");
    match store.company_by_slug(&slug).await {
        Ok(_) => return Ok(false),
        Err(DbError::NotFound) => {}
        Err(err) => return Err(err),
    }
    let name = format!("{}{} {}", pick(MATERIALS, i, 4), pick(PRODUCTS, i, 5), i);
    let id = store
        .create_company(&slug, &name, now, &event("company.create"))
        .await?;
    let profile = CompanyProfile {
        name_ko: name.clone(),
        name_en: Some(format!("Bench Company {i}")),
        cluster_id: Some(clusters[i % clusters.len()].id),
        location: Some(pick(PLACES, i, 6).to_string()),
        founded_year: Some(2005 + (i % 21) as i64),
        employees: Some(3 + (i % 150) as i64),
        revenue_band: Some(RevenueBand::ALL[i % RevenueBand::ALL.len()]),
        stage: Some(Stage::ALL[i % Stage::ALL.len()]),
        one_liner: Some(format!(
            "{} {}로 {} 현장의 비용을 줄입니다",
            pick(MATERIALS, i, 7),
            pick(PRODUCTS, i, 8),
            pick(MARKETS, i, 9)
        )),
        website: None,
        contact_email: Some(format!("ir{i}@bench.example")),
        tags: vec![
            pick(MATERIALS, i, 10).to_string(),
            pick(MARKETS, i, 11).to_string(),
        ],
    };
    store
        .update_company_profile(id, &profile, now, &event("company.update_profile"))
        .await?;
    let sections: Vec<StoredSection> = SectionKind::ALL
        .iter()
        .map(|&kind| {
            let markdown = section_text(kind, i);
            StoredSection {
                kind,
                visibility: if kind == SectionKind::FundingPlan {
                    Visibility::Investors
                } else {
                    Visibility::Public
                },
                html: render(&markdown),
                plain_text: plain_text(&markdown),
                markdown,
            }
        })
        .collect();
    let funding = Funding {
        amount: Some(Won((1 + (i % 50) as i64) * 100_000_000)),
        instrument: Some(Instrument::ALL[i % Instrument::ALL.len()]),
        use_of_funds: "설비 60%, 인건비 40%".into(),
    };
    let published = now - Duration::days((i % 200) as i64);
    store
        .save_pitch_draft(
            id,
            &sections,
            &funding,
            publisher,
            published,
            &event("company.save_draft"),
        )
        .await?;
    store
        .publish_pitch(id, publisher, published, &event("company.publish"))
        .await?;
    Ok(true)
}
