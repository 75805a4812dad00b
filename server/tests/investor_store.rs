//! The investor-limits part of the data layer, on SQLite and PostgreSQL:
//! the investor type (investors only, nothing changes for anyone else),
//! the one query that reads the crowdfunding interests counting against
//! the caps (route, stage, amount, the twelve-month window at its Seoul
//! edges, nobody else's rows), and the company facts for the deduction
//! check.

mod common;

use app::domain::crowdfunding::InvestorType;
use app::domain::deal::{InterestStage, StageChangeForm};
use app::domain::investor_limits::{
    cap_window, limit_report, CapStatus, Commitment, CompanyFacts, Venture,
};
use app::domain::money::Won;
use app::domain::role::Role;
use app::domain::seoul_time::seoul_date;
use app::ssr::deal_store::NewStageChange;
use app::ssr::{DbError, Store};
use chrono::{DateTime, Duration, NaiveDate, SubsecRound, TimeZone, Utc};
use common::people::{founder_of, setup_event, staff, verified_investor_in};
use std::sync::Arc;

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

fn man(n: i64) -> Won {
    Won(n * 10_000)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Walks an investor's ladder for one company: each step is a form and
/// the time it is recorded at.
async fn ladder(
    store: &Arc<dyn Store>,
    investor: (i64, i64),
    company_id: i64,
    steps: Vec<(StageChangeForm, DateTime<Utc>)>,
) {
    let mut current: Option<InterestStage> = None;
    for (form, at) in steps {
        let change = form
            .validate(current, seoul_date(at))
            .unwrap_or_else(|e| panic!("{form:?}: {e:?}"));
        let record = store
            .record_stage_change(
                &NewStageChange {
                    investor_id: investor.0,
                    club_id: Some(investor.1),
                    company_id,
                    expected_from: current,
                    change: &change,
                    forum_id: None,
                    at,
                    mail_base_url: None,
                },
                &setup_event("deal.stage"),
            )
            .await
            .unwrap();
        current = Some(record.terms.stage);
    }
}

fn interested(route: &str) -> StageChangeForm {
    StageChangeForm {
        stage: "interested".into(),
        amount_min: "100만".into(),
        amount_max: "1000만".into(),
        route: route.into(),
        ..Default::default()
    }
}

fn intends(amount: &str) -> StageChangeForm {
    StageChangeForm {
        stage: "intends".into(),
        amount: amount.into(),
        ..Default::default()
    }
}

fn invested(amount: &str, on: NaiveDate) -> StageChangeForm {
    StageChangeForm {
        stage: "invested".into(),
        amount: amount.into(),
        invested_on: on.to_string(),
        ..Default::default()
    }
}

fn passed() -> StageChangeForm {
    StageChangeForm {
        stage: "passed".into(),
        note: "조건이 맞지 않음".into(),
        ..Default::default()
    }
}

async fn company(store: &Arc<dyn Store>, n: usize) -> i64 {
    founder_of(
        store.as_ref(),
        &format!("f{n}@limits.kr"),
        &format!("co-{n}"),
        &format!("회사{n}"),
    )
    .await
    .1
}

async fn investor_type_is_for_investors_only(store: Arc<dyn Store>) {
    let (investor, _) = verified_investor_in(store.as_ref(), "i@limits.kr", "한도클럽").await;
    let (founder, _) = founder_of(store.as_ref(), "f@limits.kr", "co", "회사").await;
    let admin = staff(store.as_ref(), "a@limits.kr", Role::Admin).await;
    let today = seoul_date(now());
    let (from, to) = cap_window(today);
    let type_of = |id: i64| {
        let store = store.clone();
        async move {
            store
                .crowdfunding_commitments(id, from, to)
                .await
                .unwrap()
                .0
        }
    };
    // Everyone starts general.
    assert_eq!(type_of(investor).await, InvestorType::General);
    store
        .set_investor_type(
            investor,
            InvestorType::Qualified,
            &setup_event("account.investor_type"),
        )
        .await
        .unwrap();
    assert_eq!(type_of(investor).await, InvestorType::Qualified);
    // Another account's row is out of reach and stays as it was.
    for other in [founder, admin] {
        assert_eq!(
            store
                .set_investor_type(
                    other,
                    InvestorType::Professional,
                    &setup_event("account.investor_type"),
                )
                .await,
            Err(DbError::NotFound)
        );
        assert_eq!(type_of(other).await, InvestorType::General);
    }
    assert_eq!(
        store.crowdfunding_commitments(9_999, from, to).await,
        Err(DbError::NotFound)
    );
    // An investor with nothing recorded: the type and no rows.
    assert_eq!(
        store.crowdfunding_commitments(investor, from, to).await,
        Ok((InvestorType::Qualified, vec![]))
    );
}

async fn only_counted_crowdfunding_interests_come_back(store: Arc<dyn Store>) {
    let me = verified_investor_in(store.as_ref(), "me@limits.kr", "한도클럽").await;
    let other = verified_investor_in(store.as_ref(), "other@limits.kr", "한도클럽").await;
    let now = now();
    let today = seoul_date(now);
    let (from, to) = cap_window(today);
    let mut companies = Vec::new();
    for n in 0..9 {
        companies.push(company(&store, n).await);
    }
    let month_ago = today - Duration::days(30);
    let long_ago = now - Duration::days(400);
    // 0: crowdfunding, intends 300만 now: counts (dated today).
    ladder(
        &store,
        me,
        companies[0],
        vec![(interested("crowdfunding"), now), (intends("300만"), now)],
    )
    .await;
    // 1: crowdfunding, invested 500만 a month ago: counts.
    ladder(
        &store,
        me,
        companies[1],
        vec![
            (interested("crowdfunding"), now - Duration::days(40)),
            (invested("500만", month_ago), now - Duration::days(30)),
        ],
    )
    .await;
    // 2: crowdfunding, invested 200만 thirteen months ago: outside.
    ladder(
        &store,
        me,
        companies[2],
        vec![
            (interested("crowdfunding"), long_ago),
            (invested("200만", seoul_date(long_ago)), long_ago),
        ],
    )
    .await;
    // 3: the direct route: not a crowdfunding cap.
    ladder(
        &store,
        me,
        companies[3],
        vec![(interested("direct"), now), (intends("1000만"), now)],
    )
    .await;
    // 4: a range only: not a commitment.
    ladder(
        &store,
        me,
        companies[4],
        vec![(interested("crowdfunding"), now)],
    )
    .await;
    // 5: an intent recorded 400 days ago and never acted on: outside.
    ladder(
        &store,
        me,
        companies[5],
        vec![
            (interested("crowdfunding"), long_ago),
            (intends("400만"), long_ago),
        ],
    )
    .await;
    // 6: an intent withdrawn: the amount stays on the row but passed
    // does not count.
    ladder(
        &store,
        me,
        companies[6],
        vec![
            (interested("crowdfunding"), now),
            (intends("600만"), now),
            (passed(), now),
        ],
    )
    .await;
    // 7: the intent recorded at the first instant of the window (Seoul
    // midnight of its first day) counts; 8: one second earlier does not.
    let window_opens = Utc
        .from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap())
        .unwrap()
        - Duration::hours(9);
    ladder(
        &store,
        me,
        companies[7],
        vec![
            (interested("crowdfunding"), window_opens),
            (intends("100만"), window_opens),
        ],
    )
    .await;
    let just_before = window_opens - Duration::seconds(1);
    ladder(
        &store,
        me,
        companies[8],
        vec![
            (interested("crowdfunding"), just_before),
            (intends("100만"), just_before),
        ],
    )
    .await;
    // Somebody else's crowdfunding interest in company 0.
    ladder(
        &store,
        other,
        companies[0],
        vec![(interested("crowdfunding"), now), (intends("900만"), now)],
    )
    .await;

    let (kind, rows) = store
        .crowdfunding_commitments(me.0, from, to)
        .await
        .unwrap();
    assert_eq!(kind, InvestorType::General);
    let expected = vec![
        Commitment {
            company_id: companies[1],
            company_slug: "co-1".into(),
            company_name: "회사1".into(),
            stage: InterestStage::Invested,
            amount: man(500),
            on: month_ago,
        },
        Commitment {
            company_id: companies[0],
            company_slug: "co-0".into(),
            company_name: "회사0".into(),
            stage: InterestStage::Intends,
            amount: man(300),
            on: today,
        },
        Commitment {
            company_id: companies[7],
            company_slug: "co-7".into(),
            company_name: "회사7".into(),
            stage: InterestStage::Intends,
            amount: man(100),
            on: from,
        },
    ];
    assert_eq!(rows, expected, "largest first; nothing that does not count");

    // The report over those rows: 900만 of a general investor's 1,000만.
    let report = limit_report(kind, rows, today);
    assert_eq!(report.usage.annual_used, man(900));
    assert_eq!(report.annual_status, CapStatus::Near);
    assert_eq!(report.usage.left_for_new_issuer, Some(man(100)));
    assert_eq!(report.issuers[0].status, CapStatus::Full);
    // The other investor sees only their own.
    let (_, theirs) = store
        .crowdfunding_commitments(other.0, from, to)
        .await
        .unwrap();
    assert_eq!(
        theirs
            .iter()
            .map(|c| (c.company_id, c.amount))
            .collect::<Vec<_>>(),
        vec![(companies[0], man(900))]
    );
    // An investment drops out once the window has moved past it: seen
    // from a year and two days later, whatever the leap years.
    let later = cap_window(month_ago + Duration::days(367));
    let (_, rows) = store
        .crowdfunding_commitments(me.0, later.0, later.1)
        .await
        .unwrap();
    assert!(rows.iter().all(|c| c.company_id != companies[1]));
}

async fn company_facts_round_trip(store: Arc<dyn Store>) {
    let (_, company) = founder_of(store.as_ref(), "f@facts.kr", "facts", "사실회사").await;
    assert_eq!(
        store.company_facts(company).await,
        Ok(CompanyFacts::default())
    );
    for facts in [
        CompanyFacts {
            opened_on: Some(day(2021, 6, 1)),
            venture: Venture::CertifiedUntil(day(2028, 5, 31)),
        },
        CompanyFacts {
            opened_on: Some(day(2021, 6, 1)),
            venture: Venture::NotCertified,
        },
        CompanyFacts::default(),
    ] {
        store
            .set_company_facts(company, &facts, &setup_event("company.facts"))
            .await
            .unwrap();
        assert_eq!(store.company_facts(company).await, Ok(facts));
    }
    let facts = CompanyFacts {
        opened_on: Some(day(2020, 1, 1)),
        venture: Venture::NotCertified,
    };
    assert_eq!(
        store
            .set_company_facts(9_999, &facts, &setup_event("company.facts"))
            .await,
        Err(DbError::NotFound)
    );
    assert_eq!(store.company_facts(9_999).await, Err(DbError::NotFound));
}

on_both_backends!(crate::common::with_store =>
    investor_type_is_for_investors_only,
    only_counted_crowdfunding_interests_come_back,
    company_facts_round_trip,
);
