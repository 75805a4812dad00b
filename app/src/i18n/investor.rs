//! Strings of investor limits: the investor type on the account page, the
//! crowdfunding limits panel of `/deals`, the room note of a company's
//! interest form, the angel income deduction note of a company page and
//! the company's facts form. Both languages side by side. Statute
//! citations stay in Korean in both (that is how they are looked up).

use crate::domain::crowdfunding::InvestorType;
use crate::domain::investor_limits::{
    CapBreach, CapStatus, Missing, NotEligible, RouteOutcome, Venture,
};
use crate::domain::money::{format_won, Won};
use crate::domain::seoul_time::format_naive_date;
use crate::i18n::Locale;
use chrono::NaiveDate;

pub struct InvestorStrings {
    pub not_legal_advice: &'static str,

    // The account page: the investor type
    pub type_title: &'static str,
    pub type_lead: &'static str,
    pub type_name: fn(InvestorType) -> &'static str,
    pub type_explain: fn(InvestorType) -> &'static str,
    pub type_legend: &'static str,
    pub type_current: fn(&str) -> String,
    pub type_save: &'static str,
    pub type_saved: &'static str,
    pub caps_caption: &'static str,
    pub col_type: &'static str,
    pub col_per_issuer: &'static str,
    pub col_annual: &'static str,
    pub no_cap: &'static str,
    pub self_declared: &'static str,
    pub limits_link: &'static str,

    // The limits panel of /deals
    pub limits_title: &'static str,
    pub limits_lead: fn(kind: &str, from: NaiveDate, to: NaiveDate) -> String,
    pub counted_note: &'static str,
    pub annual_used: fn(used: Won, cap: Won) -> String,
    pub annual_left: fn(Won) -> String,
    pub new_issuer_left: fn(Won) -> String,
    pub per_issuer_cap: fn(Won) -> String,
    pub professional_text: fn(used: Won) -> String,
    pub none_recorded: &'static str,
    pub issuers_caption: &'static str,
    pub col_company: &'static str,
    pub col_stage: &'static str,
    pub col_used: &'static str,
    pub col_left: &'static str,
    pub col_status: &'static str,
    pub status: fn(CapStatus) -> &'static str,
    pub over_warning: &'static str,
    pub change_type: &'static str,

    // The room note on a company's interest form
    pub room_title: &'static str,
    pub room_line: fn(kind: &str, room: Won) -> String,
    pub room_no_cap: fn(kind: &str) -> String,
    pub used_here: fn(Won) -> String,
    pub room_hint: &'static str,
    pub breach_title: &'static str,
    pub breach: fn(&CapBreach) -> String,
    pub breach_advice: &'static str,

    // The deduction note of a company page
    pub ded_title: &'static str,
    pub ded_lead: fn(NaiveDate) -> String,
    pub ded_summary: fn(bool) -> &'static str,
    pub route_direct: &'static str,
    pub route_crowdfunding: &'static str,
    pub outcome: fn(RouteOutcome) -> String,
    pub fact_opened: &'static str,
    pub fact_venture: &'static str,
    pub not_recorded: &'static str,
    pub venture: fn(Venture) -> String,
    pub tiers_caption: &'static str,
    pub col_slice: &'static str,
    pub col_rate: &'static str,
    pub tier: fn(from: Won, to: Option<Won>) -> String,
    pub ded_example: fn(invested: Won, deducted: Won) -> String,
    pub ded_cap: &'static str,
    pub ded_sunset: fn(NaiveDate) -> String,
    pub ded_recapture: &'static str,
    pub ded_debt: &'static str,
    pub uncertain: [&'static str; 4],

    // The company's facts form
    pub facts_title: &'static str,
    pub facts_lead: &'static str,
    pub opened_label: &'static str,
    pub opened_hint: &'static str,
    pub venture_label: &'static str,
    pub venture_choice: fn(&str) -> &'static str,
    pub venture_until_label: &'static str,
    pub venture_until_hint: &'static str,
}

fn won_ko(w: Won) -> String {
    format_won(w, Locale::Ko)
}
fn won_en(w: Won) -> String {
    format_won(w, Locale::En)
}
fn date_ko(d: NaiveDate) -> String {
    format_naive_date(d, Locale::Ko)
}
fn date_en(d: NaiveDate) -> String {
    format_naive_date(d, Locale::En)
}

pub static KO: InvestorStrings = InvestorStrings {
    not_legal_advice: "투자 한도와 소득공제 안내는 법률·세무 자문이 아닙니다. 2026년 시행 법령을 정리한 참고 자료이며, 투자 전에 중개업자와 세무 전문가에게 확인하세요.",

    type_title: "투자자 유형",
    type_lead: "증권형 크라우드펀딩의 투자 한도는 투자자 유형에 따라 다릅니다. 본인에게 맞는 유형을 고르면 기록한 투자 관심이 한도를 얼마나 쓰는지 보여 드립니다.",
    type_name: |t| match t {
        InvestorType::General => "일반투자자",
        InvestorType::Qualified => "적격투자자",
        InvestorType::Professional => "전문투자자",
    },
    type_explain: |t| match t {
        InvestorType::General => "아래 두 유형에 해당하지 않는 개인 투자자입니다.",
        InvestorType::Qualified => "이자·배당소득이 금융소득종합과세 기준을 넘거나, 사업·근로소득이 1억원을 넘거나, 최근 2년간 크라우드펀딩에 5회 이상 합계 1,500만원 이상 투자한 개인, 또는 자기자본 10억원 초과 법인 (시행령 §118-17③).",
        InvestorType::Professional => "전문투자자와 엔젤투자 실적을 인정받은 투자자(전문엔젤 등)입니다. 크라우드펀딩 투자 한도가 없습니다.",
    },
    type_legend: "내 유형",
    type_current: |name| format!("현재 유형: {name}"),
    type_save: "유형 저장",
    type_saved: "투자자 유형을 저장했습니다.",
    caps_caption: "유형별 크라우드펀딩 투자 한도 (최근 12개월)",
    col_type: "유형",
    col_per_issuer: "한 기업에",
    col_annual: "모든 기업 합계",
    no_cap: "한도 없음",
    self_declared: "유형은 본인이 고르는 것이며 포털은 증빙을 확인하지 않습니다. 실제 청약 때 중개업자가 소득·투자 실적 증빙으로 확인합니다.",
    limits_link: "한도 사용 현황 보기",

    limits_title: "크라우드펀딩 투자 한도",
    limits_lead: |kind, from, to| format!(
        "{kind} 기준, {}부터 {}까지(최근 12개월) 기록한 크라우드펀딩 투자 관심을 셉니다.",
        date_ko(from),
        date_ko(to)
    ),
    counted_note: "경로가 크라우드펀딩인 관심 중 '투자 의향'(금액을 기록한 날 기준)과 '투자 완료'(투자일 기준)의 금액만 셉니다. 관심·미팅·실사 단계의 금액 범위, 직접 투자와 개인투자조합 경로는 세지 않습니다.",
    annual_used: |used, cap| format!("12개월 합계 {} / 한도 {}", won_ko(used), won_ko(cap)),
    annual_left: |left| format!("남은 합계 한도 {}", won_ko(left)),
    new_issuer_left: |left| format!("새 기업에는 최대 {}까지 투자할 수 있습니다.", won_ko(left)),
    per_issuer_cap: |cap| format!("기업당 한도 {}", won_ko(cap)),
    professional_text: |used| format!(
        "전문투자자는 크라우드펀딩 투자 한도가 없습니다. 최근 12개월에 기록한 금액은 {}입니다.",
        won_ko(used)
    ),
    none_recorded: "최근 12개월에 기록한 크라우드펀딩 투자 의향·완료 금액이 없습니다.",
    issuers_caption: "기업별 사용액 (많은 순)",
    col_company: "기업",
    col_stage: "단계",
    col_used: "셈한 금액",
    col_left: "이 기업에 더",
    col_status: "기업당 한도",
    status: |s| match s {
        CapStatus::NoCap => "한도 없음",
        CapStatus::Within => "여유",
        CapStatus::Near => "한도 근접",
        CapStatus::Full => "한도 도달",
        CapStatus::Over => "한도 초과",
    },
    over_warning: "기록한 금액이 한도를 넘습니다. 중개업자는 한도를 넘는 청약을 받지 않으니 금액을 다시 확인하세요.",
    change_type: "투자자 유형 바꾸기",

    room_title: "크라우드펀딩 한도",
    room_line: |kind, room| format!(
        "{kind}: 이 기업에는 크라우드펀딩으로 최대 {}까지 기록할 수 있습니다.",
        won_ko(room)
    ),
    room_no_cap: |kind| format!("{kind}: 크라우드펀딩 투자 한도가 없습니다."),
    used_here: |used| format!("지금 이 기업에 셈한 금액: {}", won_ko(used)),
    room_hint: "경로가 크라우드펀딩이고 단계가 의향이나 완료인 금액이 한도에 들어갑니다. 새 금액은 이전 금액을 대신합니다.",
    breach_title: "한도 초과",
    breach: |b| match b {
        CapBreach::PerIssuer { cap, over } => format!(
            "기업당 한도 {}을 {} 넘습니다.",
            won_ko(*cap),
            won_ko(*over)
        ),
        CapBreach::Annual { cap, total, over } => format!(
            "12개월 합계 {}이 한도 {}을 {} 넘습니다.",
            won_ko(*total),
            won_ko(*cap),
            won_ko(*over)
        ),
    },
    breach_advice: "기록은 그대로 두었습니다. 실제 청약 전에 금액이나 투자자 유형을 확인하세요.",

    ded_title: "엔젤투자 소득공제",
    ded_lead: |today| format!(
        "{} 기준으로 이 기업에 투자하면 소득공제 대상인지, 기업이 기록한 사실로 알려 드립니다.",
        date_ko(today)
    ),
    ded_summary: |any| {
        if any {
            "요건을 충족하는 투자 경로가 있습니다."
        } else {
            "기록된 사실로는 대상이 아니거나 판단할 수 없습니다."
        }
    },
    route_direct: "벤처기업에 직접 투자",
    route_crowdfunding: "크라우드펀딩으로 지분증권 투자 (창업 7년 이내 중소기업)",
    outcome: |o| match o {
        RouteOutcome::Qualifies { until } => format!("대상: {}까지 투자한 금액", date_ko(until)),
        RouteOutcome::DoesNot(NotEligible::TooOld { until }) => format!(
            "대상 아님: 창업 7년이 지났습니다 ({}까지 창업기업)",
            date_ko(until)
        ),
        RouteOutcome::DoesNot(NotEligible::NotVenture) => {
            "대상 아님: 벤처기업 확인이 없다고 기록되어 있습니다".into()
        }
        RouteOutcome::DoesNot(NotEligible::VentureExpired { until }) => format!(
            "대상 아님: 벤처기업 확인이 {}에 끝났습니다",
            date_ko(until)
        ),
        RouteOutcome::DoesNot(NotEligible::AfterSunset { sunset }) => format!(
            "대상 아님: {} 뒤의 투자는 적용 기한이 지났습니다",
            date_ko(sunset)
        ),
        RouteOutcome::Unknown(Missing::OpeningDate) => {
            "알 수 없음: 기업이 개업일을 기록하지 않았습니다".into()
        }
        RouteOutcome::Unknown(Missing::VentureStatus) => {
            "알 수 없음: 기업이 벤처기업 확인 여부를 기록하지 않았습니다".into()
        }
    },
    fact_opened: "개업일",
    fact_venture: "벤처기업 확인",
    not_recorded: "기록 없음",
    venture: |v| match v {
        Venture::Unknown => "기록 없음".into(),
        Venture::NotCertified => "없음".into(),
        Venture::CertifiedUntil(until) => format!("있음 ({}까지 유효)", date_ko(until)),
    },
    tiers_caption: "공제율 (한 해 투자금액의 구간별)",
    col_slice: "투자금액 구간",
    col_rate: "공제율",
    tier: |from, to| match (from.get(), to) {
        (0, Some(to)) => format!("{} 이하", won_ko(to)),
        (_, Some(to)) => format!("{} 초과 {} 이하", won_ko(from), won_ko(to)),
        (_, None) => format!("{} 초과", won_ko(from)),
    },
    ded_example: |invested, deducted| format!(
        "예: 한 해에 {}을 투자하면 {}을 공제합니다.",
        won_ko(invested),
        won_ko(deducted)
    ),
    ded_cap: "공제액은 그해 종합소득금액의 50%를 넘을 수 없습니다.",
    ded_sunset: |sunset| format!(
        "{}까지 투자한 금액이 대상입니다 (2025년 12월 23일 연장).",
        date_ko(sunset)
    ),
    ded_recapture: "투자한 날부터 3년 안에 지분을 양도하거나 회수하면 공제받은 세액을 추징합니다.",
    ded_debt: "채무증권(사채)에 투자한 금액은 대상이 아닙니다.",
    uncertain: [
        "창업 7년은 민법 §157·§160 방식(첫날 제외, 기념일 전날 만료)으로 셉니다. 과세당국의 계산 방식은 확인하지 못했습니다.",
        "크라우드펀딩 경로는 중소기업이어야 합니다. 이 기업이 중소기업인지는 포털에 기록되지 않습니다.",
        "직접 투자의 '벤처기업등'에는 시행령이 정하는 다른 기업도 들어갑니다. 벤처기업 확인이 없어도 대상일 수 있으나 여기서는 확인하지 않습니다.",
        "개업일과 벤처기업 확인은 기업이 직접 입력한 내용이며 포털이 검증하지 않았습니다. 사업자등록증과 벤처기업확인서로 확인하세요.",
    ],

    facts_title: "소득공제 판단용 사실",
    facts_lead: "인증 투자자가 이 기업에 투자하면 엔젤투자 소득공제(조세특례제한법 §16) 대상인지 기업 페이지에서 알려 드리는 데 씁니다. 비워 두면 '알 수 없음'으로 표시합니다.",
    opened_label: "개업일 (사업자등록증)",
    opened_hint: "사업자등록증의 개업연월일. 창업 7년은 이 날부터 셉니다.",
    venture_label: "벤처기업 확인",
    venture_choice: |v| match v {
        "none" => "없음",
        "certified" => "있음",
        _ => "입력하지 않음",
    },
    venture_until_label: "벤처기업확인서 유효기간 만료일",
    venture_until_hint: "'있음'을 고르면 필요합니다.",
};

pub static EN: InvestorStrings = InvestorStrings {
    not_legal_advice: "The investment caps and the deduction note are not legal or tax advice. They summarise the statutes in force in 2026; check with the broker and a tax adviser before investing.",

    type_title: "Investor type",
    type_lead: "How much you may put into equity crowdfunding depends on your investor type. Choose the one that fits you and the portal shows how much of the caps your recorded interests use.",
    type_name: |t| match t {
        InvestorType::General => "General investor",
        InvestorType::Qualified => "Qualified investor",
        InvestorType::Professional => "Professional investor",
    },
    type_explain: |t| match t {
        InvestorType::General => "An individual who meets neither of the other two descriptions.",
        InvestorType::Qualified => "Interest and dividend income above the comprehensive financial-income threshold, business and wage income above ₩100M, or five or more crowdfunding investments totalling ₩15M or more in two years; or a company with equity above ₩1B (시행령 §118-17③).",
        InvestorType::Professional => "Professional investors and investors with a recognised angel record (such as 전문엔젤). No crowdfunding cap.",
    },
    type_legend: "My type",
    type_current: |name| format!("Current type: {name}"),
    type_save: "Save type",
    type_saved: "Investor type saved.",
    caps_caption: "Crowdfunding caps by type (last 12 months)",
    col_type: "Type",
    col_per_issuer: "Into one company",
    col_annual: "All companies",
    no_cap: "No cap",
    self_declared: "You choose your type yourself and the portal does not check proof. The broker checks income or track-record evidence when you subscribe.",
    limits_link: "See how much of the caps you use",

    limits_title: "Crowdfunding caps",
    limits_lead: |kind, from, to| format!(
        "As a {}, counting the crowdfunding interests you recorded from {} to {} (the last 12 months).",
        kind.to_lowercase(),
        date_en(from),
        date_en(to)
    ),
    counted_note: "Only interests by the crowdfunding route count, at 'intends to invest' (dated the day the amount was recorded) or 'invested' (dated the investment). Ranges at earlier stages, and the direct and personal-fund routes, are not counted.",
    annual_used: |used, cap| format!("12-month total {} of {}", won_en(used), won_en(cap)),
    annual_left: |left| format!("{} left of the total cap", won_en(left)),
    new_issuer_left: |left| format!("You may put up to {} into a new company.", won_en(left)),
    per_issuer_cap: |cap| format!("Per-company cap {}", won_en(cap)),
    professional_text: |used| format!(
        "Professional investors have no crowdfunding cap. You recorded {} in the last 12 months.",
        won_en(used)
    ),
    none_recorded: "No crowdfunding amounts (intends or invested) recorded in the last 12 months.",
    issuers_caption: "Use per company (largest first)",
    col_company: "Company",
    col_stage: "Stage",
    col_used: "Counted",
    col_left: "More here",
    col_status: "Per-company cap",
    status: |s| match s {
        CapStatus::NoCap => "No cap",
        CapStatus::Within => "Room left",
        CapStatus::Near => "Near the cap",
        CapStatus::Full => "At the cap",
        CapStatus::Over => "Over the cap",
    },
    over_warning: "Your recorded amounts pass a cap. Brokers do not accept subscriptions above the caps, so check the amounts.",
    change_type: "Change investor type",

    room_title: "Crowdfunding caps",
    room_line: |kind, room| format!(
        "{kind}: you may record up to {} for this company by crowdfunding.",
        won_en(room)
    ),
    room_no_cap: |kind| format!("{kind}: no crowdfunding cap."),
    used_here: |used| format!("Counted for this company now: {}", won_en(used)),
    room_hint: "Amounts by the crowdfunding route at the intends or invested stage count against the caps. A new amount replaces the previous one.",
    breach_title: "Over a cap",
    breach: |b| match b {
        CapBreach::PerIssuer { cap, over } => format!(
            "{} over the per-company cap of {}.",
            won_en(*over),
            won_en(*cap)
        ),
        CapBreach::Annual { cap, total, over } => format!(
            "The 12-month total of {} is {} over the cap of {}.",
            won_en(*total),
            won_en(*over),
            won_en(*cap)
        ),
    },
    breach_advice: "The record stays as it is. Check the amount or your investor type before you subscribe.",

    ded_title: "Angel income deduction",
    ded_lead: |today| format!(
        "Whether an investment in this company made on {} would qualify for the income deduction, from the facts the company recorded.",
        date_en(today)
    ),
    ded_summary: |any| {
        if any {
            "At least one route qualifies."
        } else {
            "From the recorded facts, no route qualifies or it cannot be told."
        }
    },
    route_direct: "Investing directly in a venture company",
    route_crowdfunding: "Equity bought by crowdfunding (an SME at most seven years old)",
    outcome: |o| match o {
        RouteOutcome::Qualifies { until } => {
            format!("Qualifies: amounts invested up to {}", date_en(until))
        }
        RouteOutcome::DoesNot(NotEligible::TooOld { until }) => format!(
            "Does not qualify: more than seven years old (a startup until {})",
            date_en(until)
        ),
        RouteOutcome::DoesNot(NotEligible::NotVenture) => {
            "Does not qualify: recorded as holding no venture confirmation".into()
        }
        RouteOutcome::DoesNot(NotEligible::VentureExpired { until }) => format!(
            "Does not qualify: the venture confirmation ended on {}",
            date_en(until)
        ),
        RouteOutcome::DoesNot(NotEligible::AfterSunset { sunset }) => format!(
            "Does not qualify: investments after {} are past the deadline",
            date_en(sunset)
        ),
        RouteOutcome::Unknown(Missing::OpeningDate) => {
            "Unknown: the company has not recorded its opening date".into()
        }
        RouteOutcome::Unknown(Missing::VentureStatus) => {
            "Unknown: the company has not recorded whether it holds a venture confirmation".into()
        }
    },
    fact_opened: "Opened on",
    fact_venture: "Venture confirmation",
    not_recorded: "Not recorded",
    venture: |v| match v {
        Venture::Unknown => "Not recorded".into(),
        Venture::NotCertified => "None".into(),
        Venture::CertifiedUntil(until) => format!("Yes (valid until {})", date_en(until)),
    },
    tiers_caption: "Deduction rates (by slice of the amount invested in a year)",
    col_slice: "Amount invested",
    col_rate: "Deducted",
    tier: |from, to| match (from.get(), to) {
        (0, Some(to)) => format!("Up to {}", won_en(to)),
        (_, Some(to)) => format!("Above {} up to {}", won_en(from), won_en(to)),
        (_, None) => format!("Above {}", won_en(from)),
    },
    ded_example: |invested, deducted| format!(
        "For example, {} invested in one year gives a deduction of {}.",
        won_en(invested),
        won_en(deducted)
    ),
    ded_cap: "The deduction cannot exceed half of that year's total income.",
    ded_sunset: |sunset| format!(
        "Amounts invested up to {} count (extended on 23 Dec 2025).",
        date_en(sunset)
    ),
    ded_recapture: "Selling or recovering the shares within three years of investing claws the tax relief back.",
    ded_debt: "Amounts invested in debt securities (bonds) do not qualify.",
    uncertain: [
        "Seven years are counted as the Civil Act §157 and §160 count (first day left out, ending the day before the anniversary). We could not confirm how the tax authority counts them.",
        "The crowdfunding route requires an SME. Whether this company is an SME is not recorded in the portal.",
        "For direct investment, 'venture companies and the like' also covers other companies the decree names. A company without a venture confirmation may still qualify; that is not checked here.",
        "The opening date and the venture confirmation are the company's own entries; the portal has not verified them. Ask for the business registration and the venture confirmation certificate.",
    ],

    facts_title: "Facts for the deduction check",
    facts_lead: "Used to tell verified investors on your company page whether an investment would qualify for the angel income deduction (조세특례제한법 §16). Left empty, the page says 'unknown'.",
    opened_label: "Opening date (business registration)",
    opened_hint: "The opening date on the business registration certificate. The seven years are counted from it.",
    venture_label: "Venture confirmation",
    venture_choice: |v| match v {
        "none" => "None",
        "certified" => "Yes",
        _ => "Not saying",
    },
    venture_until_label: "Venture confirmation valid until",
    venture_until_hint: "Needed when you choose 'Yes'.",
};
