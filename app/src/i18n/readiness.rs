//! Strings of readiness: the crowdfunding plan check and its rules. Both
//! languages side by side. Statute citations stay in Korean in both (that
//! is how they are looked up); the English table glosses them.

use crate::domain::crowdfunding::{
    Certification, Document, ExcludedSector, Finding, InvestorType, Listing, Rule, Security,
    Uncertainty, Verdict, CORRECTION_DAYS, FILING_DAYS, MIN_SUBSCRIPTION_DAYS,
};
use crate::domain::money::{format_won, group_thousands};
use crate::domain::readiness::{
    ItemGroup, ItemStatus, MilestoneStatus, ReadinessBand, TemplateKind,
};
use crate::domain::seoul_time::format_naive_date;
use crate::i18n::Locale;

pub struct ReadinessStrings {
    pub plan_title: &'static str,
    pub plan_lead: &'static str,
    pub not_legal_advice: &'static str,
    pub share_hint: &'static str,
    pub uncertain_label: &'static str,
    pub article_label: &'static str,

    pub section_company: &'static str,
    pub section_money: &'static str,
    pub section_schedule: &'static str,
    pub section_documents: &'static str,
    pub field: fn(&str) -> &'static str,
    pub hint: fn(&str) -> Option<&'static str>,
    pub certification: fn(Certification) -> &'static str,
    pub listing: fn(Listing) -> &'static str,
    pub security: fn(Security) -> &'static str,
    pub document: fn(Document) -> &'static str,
    pub investor_type: fn(InvestorType) -> &'static str,
    pub check_button: &'static str,
    pub clear_link: &'static str,

    pub results_title: &'static str,
    pub summary: fn(fails: usize, warns: usize) -> String,
    pub verdict: fn(Verdict) -> &'static str,
    pub rule: fn(Rule) -> &'static str,
    pub finding: fn(&Finding) -> String,
    pub uncertainty: fn(Uncertainty) -> &'static str,
    pub fix_errors: &'static str,

    pub err_dates_out_of_order: &'static str,
    pub err_outside_period: &'static str,
    pub err_more_than_borrowed: &'static str,
    pub err_industry_code: &'static str,

    // The readiness page
    pub readiness_title: &'static str,
    pub readiness_lead: &'static str,
    pub readiness_link: &'static str,
    pub no_consultant: &'static str,
    pub consultants_line: fn(&str) -> String,
    pub checklists_label: &'static str,
    pub template_name: fn(TemplateKind) -> &'static str,
    pub score_short: fn(&str) -> String,
    pub start_checklist: fn(&str) -> String,
    pub no_checklist: &'static str,
    pub started: &'static str,
    pub moved: &'static str,
    pub planned: &'static str,
    pub commented: &'static str,
    pub assigned: &'static str,
    pub assignment_ended: &'static str,
    pub evidence_saved: &'static str,
    pub evidence_too_large: &'static str,
    pub evidence_missing: &'static str,
    pub score_title: &'static str,
    pub score_value: fn(&str) -> String,
    pub score_detail: fn(usize, usize) -> String,
    /// The checklist's template and version, and the latest version.
    pub template_version: fn(&str, i64, i64) -> String,
    pub overdue_count: fn(usize) -> String,
    pub group: fn(ItemGroup) -> &'static str,
    pub points: fn(u32) -> String,
    pub status: fn(ItemStatus) -> &'static str,
    pub overdue: &'static str,
    pub due_soon: &'static str,
    pub evidence_expected: &'static str,
    pub due_on: fn(&str) -> String,
    pub signed_off_by: fn(&str, &str) -> String,
    pub evidence_files: &'static str,
    pub file_size: fn(i64) -> String,
    pub comments: &'static str,
    pub move_label: &'static str,
    pub move_to: fn(ItemStatus) -> &'static str,
    pub move_button: &'static str,
    pub work_on_item: &'static str,
    pub field_due_on: &'static str,
    pub field_note: &'static str,
    pub save_plan: &'static str,
    pub field_comment: &'static str,
    pub add_comment: &'static str,
    pub field_file: &'static str,
    pub file_hint: &'static str,
    pub upload: &'static str,
    pub chart_label: fn(&str, &str) -> String,
    pub chart_table: &'static str,
    pub when: &'static str,
    pub assignments_title: &'static str,
    pub no_assignments: &'static str,
    pub assignment_period: fn(&str, &str) -> String,
    pub end_assignment: &'static str,
    pub field_consultant: &'static str,
    pub choose_consultant: &'static str,
    pub field_starts_on: &'static str,
    pub field_ends_on: &'static str,
    pub assign: &'static str,

    // The public badge
    pub badge_saved: &'static str,
    pub badge_is_public: &'static str,
    pub badge_is_private: &'static str,
    pub share_badge: &'static str,
    pub hide_badge: &'static str,
    pub badges_title: &'static str,
    pub badge_line: fn(&str, &str) -> String,
    pub badge_checked_by: fn(&str, &str) -> String,
    pub filter_readiness: &'static str,
    pub readiness_at_least: fn(u16) -> String,

    // Milestones
    pub milestones_title: &'static str,
    pub milestones_lead: &'static str,
    pub no_milestones: &'static str,
    pub milestone_status: fn(MilestoneStatus) -> &'static str,
    pub field_title: &'static str,
    pub field_milestone_due: &'static str,
    pub field_status: &'static str,
    pub field_done_on: &'static str,
    pub add_milestone: &'static str,
    pub edit_milestone: &'static str,
    pub save_milestone: &'static str,
    pub milestone_saved: &'static str,
    pub milestone_public_saved: &'static str,
    pub make_public: &'static str,
    pub make_private: &'static str,
    pub public_label: &'static str,
    pub done_on_line: fn(&str) -> String,
    pub timeline_title: &'static str,

    // The portfolio (/consulting)
    pub nav_portfolio: &'static str,
    pub portfolio_title: &'static str,
    pub portfolio_lead: &'static str,
    pub portfolio_lead_admin: &'static str,
    pub portfolio_summary: &'static str,
    pub portfolio_checklists: &'static str,
    pub portfolio_empty: &'static str,
    pub stalled: &'static str,
    pub stalled_only: &'static str,
    pub download_csv: &'static str,
    pub col_company: &'static str,
    pub col_checklist: &'static str,
    pub col_consultant: &'static str,
    pub col_change: &'static str,
    pub col_next_due: &'static str,
    pub col_last_progress: &'static str,
    pub bands_title: &'static str,
    pub band: fn(ReadinessBand) -> &'static str,
    pub no_cluster: &'static str,

    pub err_status_unchanged: &'static str,
    pub err_consultant_only: &'static str,
    pub err_signed_off_locked: &'static str,
    pub err_status_moved: &'static str,
    pub err_evidence_invalid: &'static str,
}

fn won_ko(w: crate::domain::money::Won) -> String {
    format_won(w, Locale::Ko)
}
fn won_en(w: crate::domain::money::Won) -> String {
    format_won(w, Locale::En)
}
fn date_ko(d: chrono::NaiveDate) -> String {
    format_naive_date(d, Locale::Ko)
}
fn date_en(d: chrono::NaiveDate) -> String {
    format_naive_date(d, Locale::En)
}

pub static KO: ReadinessStrings = ReadinessStrings {
    plan_title: "크라우드펀딩 계획 점검",
    plan_lead: "증권형 크라우드펀딩을 준비하는 기업이 청약 전에 발행인 요건, 연간 한도, 80% 규칙, 청약기간, 게재서류와 사후 의무를 스스로 점검합니다. 입력한 내용은 저장되지 않습니다.",
    not_legal_advice: "이 점검은 법률 자문이 아닙니다. 2026년 시행 법령을 정리한 참고 자료이며, 실제 발행 전에는 중개업자와 전문가의 확인을 받으세요.",
    share_hint: "점검 결과는 이 페이지 주소에 담깁니다. 주소를 담당 컨설턴트에게 보내면 같은 결과를 볼 수 있습니다.",
    uncertain_label: "확인 필요",
    article_label: "근거",

    section_company: "발행인",
    section_money: "금액",
    section_schedule: "일정",
    section_documents: "게재 서류",
    field: |name| match name {
        "opened_on" => "개업일 (사업 개시일)",
        "venture_until" => "벤처기업 확인 유효기간 만료일",
        "innobiz_until" => "이노비즈 인증 만료일",
        "mainbiz_until" => "메인비즈 인증 만료일",
        "social_until" => "사회적기업 인증 만료일",
        "project" => "중소기업의 프로젝트 사업으로 모집 (별도 회계)",
        "listing" => "상장 여부",
        "ksic" => "표준산업분류 코드 (KSIC)",
        "security" => "발행 증권",
        "target" => "목표 모집금액",
        "prior_equity" => "최근 12개월 지분증권 모집액",
        "prior_debt" => "최근 12개월 채무증권 모집액",
        "repaid" => "그중 상환한 금액",
        "minimum" => "사업에 꼭 필요한 최소 금액",
        "start" => "청약 시작일",
        "end" => "청약 종료일",
        "correction" => "정정 게재일 (있다면)",
        "deposit" => "예탁 예정일",
        "fiscal_year_end" => "결산월",
        _ => "",
    },
    hint: |name| match name {
        "opened_on" => Some("사업자등록증의 개업연월일. 창업 7년은 이 날부터 청약 시작일까지 셉니다."),
        "ksic" => Some("5자리까지, 예: 20499. 금융·보험, 부동산, 유흥주점, 무도장은 제외 업종입니다."),
        "target" => Some("예: 5억, 3억 5,000만원"),
        "prior_debt" => Some("채무증권은 상환한 만큼 한도에서 빠집니다."),
        "minimum" => Some("80%에서 마감돼도 이 금액이 되는지 봅니다. 비워 두어도 됩니다."),
        "fiscal_year_end" => Some("1–12, 비우면 12월"),
        _ => None,
    },
    certification: |c| match c {
        Certification::Venture => "벤처기업",
        Certification::Innobiz => "이노비즈",
        Certification::Mainbiz => "메인비즈",
        Certification::SocialEnterprise => "사회적기업",
    },
    listing: |l| match l {
        Listing::Unlisted => "비상장",
        Listing::KonexRecent => "코넥스 상장 3년 이내, 공모 이력 없음",
        Listing::Listed => "상장 (코스피·코스닥 등)",
    },
    security: |s| match s {
        Security::Equity => "지분증권 (주식)",
        Security::Debt => "채무증권 (사채)",
    },
    document: |d| match d {
        Document::OfferTerms => "모집 조건",
        Document::Risks => "투자 위험",
        Document::UseOfFunds => "자금 사용 계획 (부족 시 계획 포함)",
        Document::PriceBasis => "발행가 산정 근거",
        Document::CompanyOverview => "회사 개요",
        Document::BusinessPlan => "사업계획서",
        Document::Financials => "재무제표",
        Document::Officers => "임원·대주주 현황",
        Document::AuditReport => "감사보고서",
        Document::ClaimEvidence => "특허·수상·언론 주장의 증빙",
    },
    investor_type: |t| match t {
        InvestorType::General => "일반투자자",
        InvestorType::Qualified => "적격투자자",
        InvestorType::Professional => "전문투자자",
    },
    check_button: "점검하기",
    clear_link: "새로 입력",

    results_title: "점검 결과",
    summary: |fails, warns| match (fails, warns) {
        (0, 0) => "요건 위반이 보이지 않습니다.".into(),
        (0, w) => format!("위반은 없고 주의할 점이 {w}개 있습니다."),
        (f, 0) => format!("충족하지 못한 요건이 {f}개 있습니다."),
        (f, w) => format!("충족하지 못한 요건 {f}개, 주의할 점 {w}개가 있습니다."),
    },
    verdict: |v| match v {
        Verdict::Pass => "충족",
        Verdict::Warn => "주의",
        Verdict::Fail => "미충족",
        Verdict::Info => "참고",
    },
    rule: |r| match r {
        Rule::Issuer => "발행인 자격",
        Rule::AnnualCap => "연간 발행 한도 (30억, 채무 15억)",
        Rule::SuccessThreshold => "80% 규칙",
        Rule::SubscriptionPeriod => "청약기간 10일 이상",
        Rule::Disclosure => "게재사항과 감사보고서",
        Rule::InvestorCaps => "투자자별 한도",
        Rule::Advertising => "광고",
        Rule::LockUp => "전매 제한",
        Rule::YearEndFilings => "사후 공시",
        Rule::IncomeDeduction => "엔젤투자 소득공제",
    },
    finding: |f| match f {
        Finding::ExcludedIndustry(s) => format!(
            "{} 업종은 크라우드펀딩으로 모집할 수 없습니다.",
            match s {
                ExcludedSector::FinanceInsurance => "금융·보험",
                ExcludedSector::RealEstate => "부동산",
                ExcludedSector::Nightlife => "유흥주점",
                ExcludedSector::DanceHall => "무도장",
            }
        ),
        Finding::IndustryNotGiven => "업종코드가 없어 제외 업종인지 확인하지 못했습니다.".into(),
        Finding::IndustryAllowed => "제외 업종이 아닙니다.".into(),
        Finding::Listed => "상장기업은 발행할 수 없습니다 (코넥스 3년 이내 예외).".into(),
        Finding::KonexRecent => "코넥스 상장 3년 이내이고 공모 이력이 없으면 발행할 수 있습니다.".into(),
        Finding::Startup { until } => format!("창업 7년 이내 기업입니다 ({}까지).", date_ko(*until)),
        Finding::StartupNearLimit { until } => format!(
            "창업 7년 기한({})이 30일 안에 끝납니다. 청약 시작이 늦어지면 인증이 없는 한 자격을 잃습니다.",
            date_ko(*until)
        ),
        Finding::NoLongerStartup { until } => format!(
            "청약 시작일에 창업 7년이 지났습니다 (기한 {}).",
            date_ko(*until)
        ),
        Finding::Certified { kind, until } => format!(
            "{} 인증이 청약 시작일에 유효합니다 ({}까지).",
            (KO.certification)(*kind),
            date_ko(*until)
        ),
        Finding::CertificationExpired { kind, until } => format!(
            "{} 인증이 청약 시작 전({})에 만료됩니다.",
            (KO.certification)(*kind),
            date_ko(*until)
        ),
        Finding::Project => "프로젝트 사업으로 모집할 수 있으나, 별도 회계와 프로젝트 요건을 갖춰야 합니다.".into(),
        Finding::NoEligibleRoute => "창업 7년 이내, 유효한 인증, 프로젝트 사업 중 어느 것도 해당하지 않습니다.".into(),
        Finding::CapWithin { total, room } => format!(
            "이번을 포함한 12개월 모집액 {}으로 30억원 한도 안입니다 (남은 한도 {}).",
            won_ko(*total),
            won_ko(*room)
        ),
        Finding::CapExceeded { total, over } => format!(
            "이번을 포함한 12개월 모집액 {}이 30억원 한도를 {} 넘습니다.",
            won_ko(*total),
            won_ko(*over)
        ),
        Finding::DebtWithin { total, room } => format!(
            "상환분을 뺀 채무증권 {}으로 15억원 한도 안입니다 (남은 한도 {}).",
            won_ko(*total),
            won_ko(*room)
        ),
        Finding::DebtExceeded { total, over } => format!(
            "상환분을 뺀 채무증권 {}이 15억원 한도를 {} 넘습니다.",
            won_ko(*total),
            won_ko(*over)
        ),
        Finding::ExemptInvestorsNotCounted => "1년간 예탁에 동의한 전문투자자 등의 청약은 한도 계산에서 빠집니다.".into(),
        Finding::Threshold { threshold } => format!(
            "청약이 {} (목표의 80%)에 못 미치면 발행이 취소됩니다.",
            won_ko(*threshold)
        ),
        Finding::ThresholdCoversMinimum { threshold, minimum } => format!(
            "80%인 {}에서 마감돼도 최소 필요 금액 {}을 넘습니다.",
            won_ko(*threshold),
            won_ko(*minimum)
        ),
        Finding::ShortAtThreshold { threshold, minimum, short } => format!(
            "80%인 {}에서 마감되면 최소 필요 금액 {}보다 {} 모자랍니다. 자금 사용 계획에 부족 시 계획을 적으세요.",
            won_ko(*threshold),
            won_ko(*minimum),
            won_ko(*short)
        ),
        Finding::PeriodLongEnough { days } => format!("청약기간이 {days}일입니다 (첫날 제외)."),
        Finding::PeriodOnlyFromMidnight => format!(
            "첫날을 빼면 {}일입니다. 0시에 시작할 때만 {MIN_SUBSCRIPTION_DAYS}일이 되므로 하루 늘리세요.",
            MIN_SUBSCRIPTION_DAYS - 1
        ),
        Finding::PeriodTooShort { days } => format!(
            "청약기간이 {days}일로 {MIN_SUBSCRIPTION_DAYS}일에 못 미칩니다 (첫날 제외)."
        ),
        Finding::CorrectionMovesEnd { end } => format!(
            "마지막 {CORRECTION_DAYS}일 안의 중요 정정으로 종료일이 {}로 늦춰집니다.",
            date_ko(*end)
        ),
        Finding::CorrectionEarlyEnough => "정정 후 남은 기간이 충분해 종료일은 그대로입니다.".into(),
        Finding::DocumentsComplete => "필수 게재 서류가 모두 준비되었습니다.".into(),
        Finding::DocumentsMissing(missing) => format!(
            "빠진 게재 서류: {}.",
            missing
                .iter()
                .map(|d| (KO.document)(*d))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Finding::AuditRequired { total } => format!(
            "12개월 모집액 {}으로 감사보고서가 필요하며, 준비되어 있습니다.",
            won_ko(*total)
        ),
        Finding::AuditMissing { total } => format!(
            "12개월 모집액 {}이 10억원 이상이라 감사보고서가 필요합니다.",
            won_ko(*total)
        ),
        Finding::AssuranceBelowAudit { total } => format!(
            "12개월 모집액 {}은 10억원 미만이라 감사보고서는 필요 없지만, 재무제표 검증 수준(대표 확인·회계사 검토)은 금융위 고시가 정합니다.",
            won_ko(*total)
        ),
        Finding::ClaimsWithoutEvidence => "특허·수상·언론 보도를 내세운다면 중개업자가 증빙을 확인합니다. 증빙을 준비하세요.".into(),
        Finding::InvestorCaps { general_investors_needed } => format!(
            "일반투자자는 한 기업에 500만원, 연간 1,000만원까지, 적격투자자는 1,000만원·2,000만원까지, 전문투자자는 한도가 없습니다. 일반투자자만으로 목표를 채우려면 최소 {general_investors_needed}명이 필요합니다."
        ),
        Finding::BrokerSiteOnly => "청약 권유 광고는 중개업자 사이트에서만 할 수 있습니다. 그 밖에서는 주소, 회사명, 업종, 청약기간만 알릴 수 있습니다.".into(),
        Finding::ResaleDates { investors, major_shareholders } => format!(
            "일반 투자자는 {}부터, 발행인과 대주주는 {}부터 팔 수 있습니다.",
            date_ko(*investors),
            date_ko(*major_shareholders)
        ),
        Finding::ResaleFromDeposit => "예탁일부터 투자자는 6개월, 발행인과 대주주는 1년간 팔 수 없습니다. 예탁 예정일을 넣으면 날짜를 계산합니다.".into(),
        Finding::YearEnd { fiscal_year_end, due } => format!(
            "결산일 {} 후 {FILING_DAYS}일 이내, 즉 {}까지 결산 재무제표를 중개업자 사이트에 게재해야 합니다. 청약 결과도 즉시 알립니다.",
            date_ko(*fiscal_year_end),
            date_ko(*due)
        ),
        Finding::DeductionEligible => "창업 7년 이내 중소기업의 지분증권이라 투자자는 엔젤투자 소득공제를 받을 수 있습니다 (3,000만원까지 100%, 5,000만원까지 70%, 그 위 30%; 종합소득의 50% 한도).".into(),
        Finding::DeductionCompanyTooOld => "창업 7년이 지나 크라우드펀딩 경로의 소득공제 대상이 아닙니다. 벤처기업 직접 투자 요건은 따로 확인하세요.".into(),
        Finding::DeductionNeedsOpeningDate => "개업일을 넣으면 소득공제 대상인지 알려 드립니다.".into(),
        Finding::DeductionNotForDebt => "채무증권(사채) 투자는 엔젤투자 소득공제 대상이 아닙니다.".into(),
        Finding::DeductionAfterSunset { sunset } => format!(
            "소득공제는 {}까지의 투자에 적용됩니다. 그 뒤는 법 개정을 확인하세요.",
            date_ko(*sunset)
        ),
    },
    uncertainty: |u| match u {
        Uncertainty::IndustryCodes => "법은 업종 이름만 정합니다. 표준산업분류 코드(10차)와의 대응은 포털이 정리한 것입니다.",
        Uncertainty::AgeCounting => "7년은 민법 §157·§160 방식(첫날 제외, 기념일 전날 만료)으로 셉니다. 감독당국의 계산 방식은 공개된 바가 없습니다.",
        Uncertainty::AssuranceBands => "10억원 미만의 재무제표 검증 구간은 금융위 고시를 확인하지 못했습니다.",
        Uncertainty::MarketException => "증권시장·K-OTC 거래 예외가 지금도 운영되는지는 확인되지 않았습니다.",
    },
    fix_errors: "입력을 고치면 점검 결과가 나옵니다.",

    err_dates_out_of_order: "앞의 날짜보다 빠를 수 없습니다.",
    err_outside_period: "청약기간 안의 날짜여야 합니다.",
    err_more_than_borrowed: "모집한 채무보다 많이 상환할 수 없습니다.",
    err_industry_code: "숫자 2–5자리로 입력하세요 (예: 20499).",

    readiness_title: "준비도",
    readiness_lead: "엔젤투자와 증권형 크라우드펀딩을 앞두고 갖출 것을 항목별로 준비합니다. 기업이 증빙을 올려 제출하면 담당 컨설턴트가 확인하고 승인합니다.",
    readiness_link: "준비도",
    no_consultant: "아직 배정된 컨설턴트가 없습니다.",
    consultants_line: |names| format!("담당 컨설턴트: {names}"),
    checklists_label: "체크리스트",
    template_name: |k| match k {
        TemplateKind::Angel => "엔젤투자 준비도",
        TemplateKind::Crowdfunding => "증권형 크라우드펀딩 준비도",
    },
    score_short: |s| format!("{s}점"),
    start_checklist: |name| format!("{name} 시작하기"),
    no_checklist: "아직 시작한 체크리스트가 없습니다.",
    started: "체크리스트를 시작했습니다.",
    moved: "상태를 바꿨습니다. 점수가 다시 계산되었습니다.",
    planned: "기한과 메모를 저장했습니다.",
    commented: "댓글을 남겼습니다.",
    assigned: "컨설턴트를 배정했습니다.",
    assignment_ended: "배정을 오늘 자로 끝냈습니다.",
    evidence_saved: "증빙 파일을 올렸습니다.",
    evidence_too_large: "파일은 10MB까지 올릴 수 있습니다.",
    evidence_missing: "올릴 파일을 고르세요.",
    score_title: "준비도 점수",
    score_value: |s| format!("{s}점"),
    score_detail: |approved, counted| format!("{counted}개 항목 중 {approved}개 승인 (해당 없음 제외)"),
    template_version: |name, v, latest| {
        if v == latest {
            format!("{name} 템플릿 v{v} (최신)")
        } else {
            format!("{name} 템플릿 v{v} · 최신 v{latest}")
        }
    },
    overdue_count: |n| format!("기한 지난 항목 {n}개"),
    group: |g| match g {
        ItemGroup::Corporate => "법인·지배구조",
        ItemGroup::Finance => "재무",
        ItemGroup::BusinessPlan => "사업계획·IR",
        ItemGroup::IpTech => "지식재산·기술",
        ItemGroup::Crowdfunding => "크라우드펀딩 요건",
        ItemGroup::AngelTerms => "엔젤투자 조건",
    },
    points: |w| format!("{w}점"),
    status: |s| match s {
        ItemStatus::NotStarted => "미착수",
        ItemStatus::InProgress => "진행 중",
        ItemStatus::Submitted => "제출됨",
        ItemStatus::Approved => "승인됨",
        ItemStatus::NotApplicable => "해당 없음",
    },
    overdue: "기한 지남",
    due_soon: "7일 안 마감",
    evidence_expected: "필요한 증빙",
    due_on: |d| format!("기한 {d}"),
    signed_off_by: |name, at| format!("{name} 컨설턴트 승인 · {at}"),
    evidence_files: "증빙 파일",
    file_size: |bytes| {
        if bytes >= 1024 * 1024 {
            format!("{}.{}MB", bytes / (1024 * 1024), bytes % (1024 * 1024) * 10 / (1024 * 1024))
        } else {
            format!("{}KB", group_thousands(((bytes + 1023) / 1024) as u64))
        }
    },
    comments: "댓글",
    move_label: "바꿀 상태",
    move_to: |s| match s {
        ItemStatus::NotStarted => "미착수로",
        ItemStatus::InProgress => "진행 중으로",
        ItemStatus::Submitted => "제출하기",
        ItemStatus::Approved => "승인하기",
        ItemStatus::NotApplicable => "해당 없음으로",
    },
    move_button: "바꾸기",
    work_on_item: "기한·메모·댓글·증빙",
    field_due_on: "기한",
    field_note: "메모",
    save_plan: "저장",
    field_comment: "댓글",
    add_comment: "댓글 남기기",
    field_file: "증빙 파일",
    file_hint: "PDF, PNG, JPEG · 10MB까지. 회사 구성원, 담당 컨설턴트, 운영자만 내려받을 수 있습니다.",
    upload: "올리기",
    chart_label: |since, now| format!("{since}부터 준비도 점수 변화, 현재 {now}점"),
    chart_table: "점수 변화 표",
    when: "일시",
    assignments_title: "컨설턴트 배정",
    no_assignments: "배정 기록이 없습니다.",
    assignment_period: |from, to| if to.is_empty() { format!("{from}부터") } else { format!("{from} ~ {to}") },
    end_assignment: "오늘로 끝내기",
    field_consultant: "컨설턴트",
    choose_consultant: "선택하세요",
    field_starts_on: "시작일",
    field_ends_on: "종료일 (비우면 계속)",
    assign: "배정하기",

    badge_saved: "공개 배지 설정을 바꿨습니다.",
    badge_is_public: "이 점수는 기업 페이지에 배지로 공개되어 있습니다.",
    badge_is_private: "이 점수는 비공개입니다. 배지로 공개하면 투자자가 기업 페이지와 기업 찾기에서 볼 수 있습니다.",
    share_badge: "배지로 공개하기",
    hide_badge: "배지 숨기기",
    badges_title: "준비도",
    badge_line: |name, score| format!("{name} {score}점"),
    badge_checked_by: |consultants, date| if consultants.is_empty() { format!("{date} 기준") } else { format!("{consultants} 컨설턴트 확인 · {date} 기준") },
    filter_readiness: "공개 준비도",
    readiness_at_least: |p| format!("{p}점 이상"),
    milestones_title: "컨설팅 마일스톤",
    milestones_lead: "기업과 담당 컨설턴트가 함께 관리하는 일정입니다. 공개한 마일스톤은 기업 페이지에 타임라인으로 보입니다.",
    no_milestones: "아직 마일스톤이 없습니다.",
    milestone_status: |s| match s {
        MilestoneStatus::Planned => "예정",
        MilestoneStatus::Done => "완료",
        MilestoneStatus::Slipped => "지연",
    },
    field_title: "제목",
    field_milestone_due: "목표일",
    field_status: "상태",
    field_done_on: "완료일 (완료일 때)",
    add_milestone: "마일스톤 추가",
    edit_milestone: "고치기",
    save_milestone: "저장",
    milestone_saved: "마일스톤을 저장했습니다.",
    milestone_public_saved: "공개 설정을 바꿨습니다.",
    make_public: "기업 페이지에 공개",
    make_private: "비공개로",
    public_label: "공개",
    done_on_line: |d| format!("{d} 완료"),
    timeline_title: "컨설팅 마일스톤",
    nav_portfolio: "포트폴리오",
    portfolio_title: "준비도 포트폴리오",
    portfolio_lead: "담당 기업의 체크리스트를 한눈에 봅니다. 기한이 지난 항목과 30일 넘게 진전이 없는 기업이 먼저 나옵니다.",
    portfolio_lead_admin: "모든 기업의 체크리스트와 클러스터별 준비도 분포입니다. 컨설턴트별로 좁혀 볼 수 있습니다.",
    portfolio_summary: "요약",
    portfolio_checklists: "체크리스트",
    portfolio_empty: "조건에 맞는 체크리스트가 없습니다.",
    stalled: "정체",
    stalled_only: "30일 넘게 진전 없는 것만",
    download_csv: "CSV 내려받기",
    col_company: "기업",
    col_checklist: "체크리스트",
    col_consultant: "담당 컨설턴트",
    col_change: "30일 변화",
    col_next_due: "다음 기한",
    col_last_progress: "마지막 진전",
    bands_title: "클러스터별 준비도 분포",
    band: |b| match b {
        ReadinessBand::Early => "40점 미만",
        ReadinessBand::Building => "40–69점",
        ReadinessBand::Nearly => "70–89점",
        ReadinessBand::Ready => "90점 이상",
    },
    no_cluster: "클러스터 없음",

    err_status_unchanged: "이미 그 상태입니다.",
    err_consultant_only: "승인, 다시 열기, 해당 없음 처리는 담당 컨설턴트만 할 수 있습니다.",
    err_signed_off_locked: "승인된 항목은 담당 컨설턴트가 다시 열어야 바꿀 수 있습니다.",
    err_status_moved: "그사이 다른 곳에서 상태가 바뀌었습니다. 새로 고친 화면에서 다시 고르세요.",
    err_evidence_invalid: "PDF, PNG, JPEG 파일만 올릴 수 있습니다. 파일 내용으로 형식을 확인합니다.",
};

pub static EN: ReadinessStrings = ReadinessStrings {
    plan_title: "Crowdfunding plan check",
    plan_lead: "Companies preparing an equity crowdfunding campaign check, before they file, the issuer rules, the annual cap, the 80% rule, the subscription period, the documents and the duties that follow. Nothing you enter is stored.",
    not_legal_advice: "This check is not legal advice. It summarises the statutes in force in 2026; confirm with your broker and an adviser before an offering.",
    share_hint: "The result lives in this page's address. Send it to your consultant and they see the same result.",
    uncertain_label: "Uncertain",
    article_label: "Source",

    section_company: "Issuer",
    section_money: "Amounts",
    section_schedule: "Schedule",
    section_documents: "Documents on the campaign page",
    field: |name| match name {
        "opened_on" => "Business opened on",
        "venture_until" => "Venture certificate valid until",
        "innobiz_until" => "Inno-Biz certificate valid until",
        "mainbiz_until" => "Main-Biz certificate valid until",
        "social_until" => "Social enterprise certificate valid until",
        "project" => "Raising for an SME project (separate accounts)",
        "listing" => "Listing",
        "ksic" => "Industry code (KSIC)",
        "security" => "Security offered",
        "target" => "Target amount",
        "prior_equity" => "Equity raised in the last 12 months",
        "prior_debt" => "Debt raised in the last 12 months",
        "repaid" => "Of which repaid",
        "minimum" => "Least amount the plan needs",
        "start" => "Subscription opens",
        "end" => "Subscription closes",
        "correction" => "Correction posted on (if any)",
        "deposit" => "Expected deposit date (KSD)",
        "fiscal_year_end" => "Fiscal year ends in month",
        _ => "",
    },
    hint: |name| match name {
        "opened_on" => Some("The opening date on the business registration. Seven years are counted from it to the day subscription opens."),
        "ksic" => Some("Up to 5 digits, e.g. 20499. Finance and insurance, real estate, nightclubs and dance halls are excluded."),
        "target" => Some("e.g. 5억, 350M, 3억 5,000만원"),
        "prior_debt" => Some("Repaid debt no longer counts towards the cap."),
        "minimum" => Some("Checks whether closing at 80% still covers it. Optional."),
        "fiscal_year_end" => Some("1–12; December when empty"),
        _ => None,
    },
    certification: |c| match c {
        Certification::Venture => "Venture company",
        Certification::Innobiz => "Inno-Biz",
        Certification::Mainbiz => "Main-Biz",
        Certification::SocialEnterprise => "Social enterprise",
    },
    listing: |l| match l {
        Listing::Unlisted => "Not listed",
        Listing::KonexRecent => "On KONEX for at most 3 years, no public offering before",
        Listing::Listed => "Listed (KOSPI, KOSDAQ …)",
    },
    security: |s| match s {
        Security::Equity => "Equity (shares)",
        Security::Debt => "Debt (bonds)",
    },
    document: |d| match d {
        Document::OfferTerms => "Offer terms",
        Document::Risks => "Investment risks",
        Document::UseOfFunds => "Use of funds (with a shortfall plan)",
        Document::PriceBasis => "Basis of the issue price",
        Document::CompanyOverview => "Company overview",
        Document::BusinessPlan => "Business plan",
        Document::Financials => "Financial statements",
        Document::Officers => "Officers and major shareholders",
        Document::AuditReport => "Audit report",
        Document::ClaimEvidence => "Evidence for patent, award and press claims",
    },
    investor_type: |t| match t {
        InvestorType::General => "General investor",
        InvestorType::Qualified => "Qualified investor",
        InvestorType::Professional => "Professional investor",
    },
    check_button: "Check",
    clear_link: "Start over",

    results_title: "Result",
    summary: |fails, warns| match (fails, warns) {
        (0, 0) => "No rule is broken.".into(),
        (0, w) => format!("No rule is broken; {w} point(s) need care."),
        (f, 0) => format!("{f} rule(s) not met."),
        (f, w) => format!("{f} rule(s) not met and {w} point(s) need care."),
    },
    verdict: |v| match v {
        Verdict::Pass => "Met",
        Verdict::Warn => "Take care",
        Verdict::Fail => "Not met",
        Verdict::Info => "Note",
    },
    rule: |r| match r {
        Rule::Issuer => "Eligible issuer",
        Rule::AnnualCap => "Annual cap (₩3bn, debt ₩1.5bn)",
        Rule::SuccessThreshold => "80% rule",
        Rule::SubscriptionPeriod => "At least 10 days of subscription",
        Rule::Disclosure => "Disclosure and audit report",
        Rule::InvestorCaps => "Investor caps",
        Rule::Advertising => "Advertising",
        Rule::LockUp => "Resale limits",
        Rule::YearEndFilings => "Duties after the offering",
        Rule::IncomeDeduction => "Angel income deduction",
    },
    finding: |f| match f {
        Finding::ExcludedIndustry(s) => format!(
            "{} may not raise money by crowdfunding.",
            match s {
                ExcludedSector::FinanceInsurance => "Finance and insurance",
                ExcludedSector::RealEstate => "Real estate",
                ExcludedSector::Nightlife => "A nightclub business",
                ExcludedSector::DanceHall => "A dance hall",
            }
        ),
        Finding::IndustryNotGiven => "Without an industry code the excluded industries could not be checked.".into(),
        Finding::IndustryAllowed => "Not an excluded industry.".into(),
        Finding::Listed => "Listed companies may not issue (KONEX within 3 years excepted).".into(),
        Finding::KonexRecent => "On KONEX for at most 3 years with no public offering before: may issue.".into(),
        Finding::Startup { until } => format!("A startup of at most seven years (until {}).", date_en(*until)),
        Finding::StartupNearLimit { until } => format!(
            "The seven-year limit ({}) is less than 30 days away: if subscription opens later, the company is no longer eligible without a certificate.",
            date_en(*until)
        ),
        Finding::NoLongerStartup { until } => format!(
            "Seven years have passed by the day subscription opens (limit {}).",
            date_en(*until)
        ),
        Finding::Certified { kind, until } => format!(
            "The {} certificate is valid when subscription opens (until {}).",
            (EN.certification)(*kind),
            date_en(*until)
        ),
        Finding::CertificationExpired { kind, until } => format!(
            "The {} certificate expires before subscription opens ({}).",
            (EN.certification)(*kind),
            date_en(*until)
        ),
        Finding::Project => "An SME may raise for a project, with separate accounts and the project conditions met.".into(),
        Finding::NoEligibleRoute => "Neither a startup of at most seven years, nor a valid certificate, nor a project.".into(),
        Finding::CapWithin { total, room } => format!(
            "Twelve-month total including this campaign: {}, within ₩3bn ({} left).",
            won_en(*total),
            won_en(*room)
        ),
        Finding::CapExceeded { total, over } => format!(
            "Twelve-month total including this campaign: {}, {} above ₩3bn.",
            won_en(*total),
            won_en(*over)
        ),
        Finding::DebtWithin { total, room } => format!(
            "Debt net of repayments: {}, within ₩1.5bn ({} left).",
            won_en(*total),
            won_en(*room)
        ),
        Finding::DebtExceeded { total, over } => format!(
            "Debt net of repayments: {}, {} above ₩1.5bn.",
            won_en(*total),
            won_en(*over)
        ),
        Finding::ExemptInvestorsNotCounted => "Subscriptions by professional investors and others who accept a one-year deposit do not count towards the cap.".into(),
        Finding::Threshold { threshold } => format!(
            "The offering is cancelled if subscriptions stay below {} (80% of the target).",
            won_en(*threshold)
        ),
        Finding::ThresholdCoversMinimum { threshold, minimum } => format!(
            "Closing at 80%, {}, still covers the least amount needed, {}.",
            won_en(*threshold),
            won_en(*minimum)
        ),
        Finding::ShortAtThreshold { threshold, minimum, short } => format!(
            "Closing at 80%, {}, leaves {} short of the least amount needed, {}. Put a shortfall plan in the use of funds.",
            won_en(*threshold),
            won_en(*short),
            won_en(*minimum)
        ),
        Finding::PeriodLongEnough { days } => format!("The subscription runs {days} days (first day not counted)."),
        Finding::PeriodOnlyFromMidnight => format!(
            "{} days without the first day: {MIN_SUBSCRIPTION_DAYS} only if it opens at midnight. Add a day.",
            MIN_SUBSCRIPTION_DAYS - 1
        ),
        Finding::PeriodTooShort { days } => format!(
            "The subscription runs {days} days, fewer than {MIN_SUBSCRIPTION_DAYS} (first day not counted)."
        ),
        Finding::CorrectionMovesEnd { end } => format!(
            "A material correction in the last {CORRECTION_DAYS} days moves the end to {}.",
            date_en(*end)
        ),
        Finding::CorrectionEarlyEnough => "Enough time is left after the correction; the end stays.".into(),
        Finding::DocumentsComplete => "Every required document is ready.".into(),
        Finding::DocumentsMissing(missing) => format!(
            "Missing: {}.",
            missing
                .iter()
                .map(|d| (EN.document)(*d))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Finding::AuditRequired { total } => format!(
            "A twelve-month total of {} needs an audit report, and it is ready.",
            won_en(*total)
        ),
        Finding::AuditMissing { total } => format!(
            "A twelve-month total of {} (₩1bn or more) needs an audit report.",
            won_en(*total)
        ),
        Finding::AssuranceBelowAudit { total } => format!(
            "Below ₩1bn ({}) no audit report is needed; the level of assurance (CEO confirmation or CPA review) is set by an FSC notice.",
            won_en(*total)
        ),
        Finding::ClaimsWithoutEvidence => "If the campaign cites patents, awards or press, the broker checks the evidence. Have it ready.".into(),
        Finding::InvestorCaps { general_investors_needed } => format!(
            "General investors may put in ₩5M per company and ₩10M a year, qualified investors ₩10M and ₩20M, professional investors without a cap. Filling the target with general investors alone takes at least {general_investors_needed} of them."
        ),
        Finding::BrokerSiteOnly => "Advertising the offer is allowed on the broker's site only; elsewhere just the address, company name, industry and period.".into(),
        Finding::ResaleDates { investors, major_shareholders } => format!(
            "Investors may sell from {}, the issuer and major shareholders from {}.",
            date_en(*investors),
            date_en(*major_shareholders)
        ),
        Finding::ResaleFromDeposit => "From the deposit date investors may not sell for six months, the issuer and major shareholders for a year. Enter the expected deposit date for the dates.".into(),
        Finding::YearEnd { fiscal_year_end, due } => format!(
            "Year-end financial statements go on the broker's site within {FILING_DAYS} days of {}, by {}. Results are announced promptly.",
            date_en(*fiscal_year_end),
            date_en(*due)
        ),
        Finding::DeductionEligible => "Equity in an SME of at most seven years: investors may claim the angel income deduction (100% up to ₩30M, 70% to ₩50M, 30% above; at most half of total income).".into(),
        Finding::DeductionCompanyTooOld => "Older than seven years, so crowdfunded equity does not qualify for the deduction. Check the direct venture-investment route separately.".into(),
        Finding::DeductionNeedsOpeningDate => "Enter the opening date to see whether investors may claim the deduction.".into(),
        Finding::DeductionNotForDebt => "Debt (bonds) does not qualify for the angel income deduction.".into(),
        Finding::DeductionAfterSunset { sunset } => format!(
            "The deduction covers investments until {}. Check for an extension after that.",
            date_en(*sunset)
        ),
    },
    uncertainty: |u| match u {
        Uncertainty::IndustryCodes => "The law names the industries only; their KSIC (10th revision) codes are the portal's mapping.",
        Uncertainty::AgeCounting => "Seven years are counted as the Civil Act §157 and §160 count (first day left out, ending the day before the anniversary). The regulator has not published its own counting.",
        Uncertainty::AssuranceBands => "The assurance bands below ₩1bn come from an FSC notice we could not confirm.",
        Uncertainty::MarketException => "Whether the stock-market and K-OTC exception still operates is unconfirmed.",
    },
    fix_errors: "Fix the fields marked and the result appears.",

    err_dates_out_of_order: "Cannot be earlier than the date before it.",
    err_outside_period: "Must fall within the subscription period.",
    err_more_than_borrowed: "Cannot repay more than was borrowed.",
    err_industry_code: "Enter 2 to 5 digits (e.g. 20499).",

    readiness_title: "Readiness",
    readiness_lead: "What the company needs before angel investment and equity crowdfunding, item by item. The company uploads evidence and submits; its consultant checks and signs off.",
    readiness_link: "Readiness",
    no_consultant: "No consultant assigned yet.",
    consultants_line: |names| format!("Consultant: {names}"),
    checklists_label: "Checklists",
    template_name: |k| match k {
        TemplateKind::Angel => "Angel investment readiness",
        TemplateKind::Crowdfunding => "Equity crowdfunding readiness",
    },
    score_short: |s| format!("{s} pts"),
    start_checklist: |name| format!("Start {name}"),
    no_checklist: "No checklist started yet.",
    started: "Checklist started.",
    moved: "Status changed; the score was recalculated.",
    planned: "Due date and note saved.",
    commented: "Comment added.",
    assigned: "Consultant assigned.",
    assignment_ended: "Assignment ended as of today.",
    evidence_saved: "Evidence uploaded.",
    evidence_too_large: "Files may be up to 10 MB.",
    evidence_missing: "Choose a file to upload.",
    score_title: "Readiness score",
    score_value: |s| format!("{s} / 100"),
    score_detail: |approved, counted| format!("{approved} of {counted} items signed off (not applicable left out)"),
    template_version: |name, v, latest| {
        if v == latest {
            format!("{name} template v{v} (latest)")
        } else {
            format!("{name} template v{v} · latest v{latest}")
        }
    },
    overdue_count: |n| format!("{n} item(s) overdue"),
    group: |g| match g {
        ItemGroup::Corporate => "Corporate and governance",
        ItemGroup::Finance => "Finance",
        ItemGroup::BusinessPlan => "Business plan and IR",
        ItemGroup::IpTech => "IP and technology",
        ItemGroup::Crowdfunding => "Crowdfunding requirements",
        ItemGroup::AngelTerms => "Angel terms",
    },
    points: |w| format!("{w} pts"),
    status: |s| match s {
        ItemStatus::NotStarted => "Not started",
        ItemStatus::InProgress => "In progress",
        ItemStatus::Submitted => "Submitted",
        ItemStatus::Approved => "Signed off",
        ItemStatus::NotApplicable => "Not applicable",
    },
    overdue: "Overdue",
    due_soon: "Due within 7 days",
    evidence_expected: "Evidence expected",
    due_on: |d| format!("Due {d}"),
    signed_off_by: |name, at| format!("Signed off by {name} · {at}"),
    evidence_files: "Evidence files",
    file_size: |bytes| {
        if bytes >= 1024 * 1024 {
            format!("{}.{} MB", bytes / (1024 * 1024), bytes % (1024 * 1024) * 10 / (1024 * 1024))
        } else {
            format!("{} KB", group_thousands(((bytes + 1023) / 1024) as u64))
        }
    },
    comments: "Comments",
    move_label: "New status",
    move_to: |s| match s {
        ItemStatus::NotStarted => "Back to not started",
        ItemStatus::InProgress => "In progress",
        ItemStatus::Submitted => "Submit",
        ItemStatus::Approved => "Sign off",
        ItemStatus::NotApplicable => "Not applicable",
    },
    move_button: "Change",
    work_on_item: "Due date, note, comments, evidence",
    field_due_on: "Due date",
    field_note: "Note",
    save_plan: "Save",
    field_comment: "Comment",
    add_comment: "Add comment",
    field_file: "Evidence file",
    file_hint: "PDF, PNG, JPEG, up to 10 MB. Only the company, its consultant and operators can download it.",
    upload: "Upload",
    chart_label: |since, now| format!("Readiness score since {since}, now {now}"),
    chart_table: "Score changes as a table",
    when: "When",
    assignments_title: "Consultant assignments",
    no_assignments: "No assignments yet.",
    assignment_period: |from, to| if to.is_empty() { format!("from {from}") } else { format!("{from} – {to}") },
    end_assignment: "End today",
    field_consultant: "Consultant",
    choose_consultant: "Choose",
    field_starts_on: "Starts on",
    field_ends_on: "Ends on (empty: open)",
    assign: "Assign",

    badge_saved: "Badge setting changed.",
    badge_is_public: "This score is shown as a badge on the company page.",
    badge_is_private: "This score is private. As a badge, investors see it on the company page and can find the company by it.",
    share_badge: "Show as a badge",
    hide_badge: "Hide the badge",
    badges_title: "Readiness",
    badge_line: |name, score| format!("{name}: {score} / 100"),
    badge_checked_by: |consultants, date| if consultants.is_empty() { format!("as of {date}") } else { format!("checked by {consultants} · as of {date}") },
    filter_readiness: "Shared readiness",
    readiness_at_least: |p| format!("{p} or more"),
    milestones_title: "Consulting milestones",
    milestones_lead: "Dates the company and its consultant keep together. Public milestones appear on the company page as a timeline.",
    no_milestones: "No milestones yet.",
    milestone_status: |s| match s {
        MilestoneStatus::Planned => "Planned",
        MilestoneStatus::Done => "Done",
        MilestoneStatus::Slipped => "Slipped",
    },
    field_title: "Title",
    field_milestone_due: "Target date",
    field_status: "Status",
    field_done_on: "Done on (when done)",
    add_milestone: "Add milestone",
    edit_milestone: "Edit",
    save_milestone: "Save",
    milestone_saved: "Milestone saved.",
    milestone_public_saved: "Visibility changed.",
    make_public: "Show on the company page",
    make_private: "Make private",
    public_label: "Public",
    done_on_line: |d| format!("done {d}"),
    timeline_title: "Consulting milestones",
    nav_portfolio: "Portfolio",
    portfolio_title: "Readiness portfolio",
    portfolio_lead: "Your companies' checklists at a glance. Overdue items and companies without progress for 30 days come first.",
    portfolio_lead_admin: "Every company's checklists and readiness by cluster. Narrow it to one consultant.",
    portfolio_summary: "Summary",
    portfolio_checklists: "Checklists",
    portfolio_empty: "No checklist matches.",
    stalled: "Stalled",
    stalled_only: "Only those without progress for 30 days",
    download_csv: "Download CSV",
    col_company: "Company",
    col_checklist: "Checklist",
    col_consultant: "Consultant",
    col_change: "30-day change",
    col_next_due: "Next due",
    col_last_progress: "Last progress",
    bands_title: "Readiness by cluster",
    band: |b| match b {
        ReadinessBand::Early => "Below 40",
        ReadinessBand::Building => "40–69",
        ReadinessBand::Nearly => "70–89",
        ReadinessBand::Ready => "90 and above",
    },
    no_cluster: "No cluster",

    err_status_unchanged: "The item is already in that status.",
    err_consultant_only: "Only the company's consultant signs off, reopens or marks an item not applicable.",
    err_signed_off_locked: "A signed-off item changes only after its consultant reopens it.",
    err_status_moved: "The item changed elsewhere meanwhile. Choose again on the refreshed page.",
    err_evidence_invalid: "Only PDF, PNG and JPEG files can be uploaded; the type is checked from the content.",
};
