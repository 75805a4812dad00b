//! Equity crowdfunding (증권형 크라우드펀딩) rule checks and the investor-side
//! arithmetic around them: what a company planning a campaign can learn
//! before it files — who may issue, how much in twelve months, how long the
//! subscription runs, which documents and reminders follow — and how much an
//! investor may still put in and deduct from income.
//!
//! Pure: the plan page parses a form into a [`CrowdfundingPlan`], [`check`]
//! turns it into one [`RuleCheck`] per rule, and the page translates them.
//! Every figure comes from `shared/research/korean-crowdfunding.md`; each rule
//! names its article ([`Rule`]) and each fact the research marks uncertain is
//! carried as an [`Uncertainty`] so the page can say so. Nothing here is
//! legal advice, and the page says that too.

use super::field::{FieldError, FieldProblem};
use super::money::{parse_won, Won};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Twelve-month issuer cap, all securities (시행령 §118-15).
pub const ISSUER_CAP_WON: i64 = 3_000_000_000;
/// Twelve-month issuer cap for debt securities, repaid debt netted out.
pub const DEBT_CAP_WON: i64 = 1_500_000_000;
/// From this twelve-month total on, the disclosure needs an audit report
/// (시행령 §118-16①).
pub const AUDIT_FROM_WON: i64 = 1_000_000_000;
/// The offering is cancelled when subscriptions stay below this share of
/// the target, in percent (법 §117-10③).
pub const SUCCESS_PERCENT: i64 = 80;
/// The shortest subscription period, in days as 민법 §157 counts them.
pub const MIN_SUBSCRIPTION_DAYS: i64 = 10;
/// A material correction this close to the end moves the end to the
/// correction plus the same number of days (법 §117-10④⑧).
pub const CORRECTION_DAYS: i64 = 7;
/// 창업기업: at most seven years since the business opened (중소기업창업
/// 지원법 §2(3)), counted to the first day of subscription.
pub const STARTUP_YEARS: u32 = 7;
/// A start this close to the seven-year limit earns a warning: one slip and
/// the company is no longer a 창업기업.
pub const NEAR_LIMIT_DAYS: i64 = 30;
/// General investors may resell six months after deposit; the issuer's
/// major shareholders not for a year (법 §117-10⑤⑦).
pub const RESALE_MONTHS: u32 = 6;
pub const MAJOR_SHAREHOLDER_MONTHS: u32 = 12;
/// Year-end financial statements are posted within this many days of the
/// fiscal year end (시행령 §118-16③).
pub const FILING_DAYS: i64 = 90;
/// The largest amount the plan form accepts: anything above 1조원 in a
/// crowdfunding plan is a typo.
pub const MAX_PLAN_WON: i64 = 1_000_000_000_000;

crate::stored_enum!(
    /// A certification that makes a company an eligible issuer whatever
    /// its age (시행령 §14-5).
    Certification {
        Venture => "venture",
        Innobiz => "innobiz",
        Mainbiz => "mainbiz",
        SocialEnterprise => "social",
    }
);

impl Certification {
    /// The plan form's field for the certificate's last valid day.
    pub fn field(self) -> &'static str {
        match self {
            Certification::Venture => "venture_until",
            Certification::Innobiz => "innobiz_until",
            Certification::Mainbiz => "mainbiz_until",
            Certification::SocialEnterprise => "social_until",
        }
    }
}

crate::stored_enum!(
    /// Whether the company's shares trade on a market. `KonexRecent`: on
    /// KONEX for at most three years, without a public offering before —
    /// the one listed case that may still crowdfund.
    Listing {
        Unlisted => "unlisted",
        KonexRecent => "konex",
        Listed => "listed",
    }
);

crate::stored_enum!(
    /// The security the campaign offers.
    Security {
        Equity => "equity",
        Debt => "debt",
    }
);

crate::stored_enum!(
    /// The documents a campaign page must carry (게재사항, 시행령 §118-16①),
    /// plus evidence for the claims it makes (시행령 §118-18).
    Document {
        OfferTerms => "terms",
        Risks => "risks",
        UseOfFunds => "funds",
        PriceBasis => "price",
        CompanyOverview => "overview",
        BusinessPlan => "plan",
        Financials => "financials",
        Officers => "officers",
        AuditReport => "audit",
        ClaimEvidence => "claims",
    }
);

impl Document {
    /// Required on every campaign page, whatever its size.
    pub const ALWAYS_REQUIRED: [Document; 8] = [
        Document::OfferTerms,
        Document::Risks,
        Document::UseOfFunds,
        Document::PriceBasis,
        Document::CompanyOverview,
        Document::BusinessPlan,
        Document::Financials,
        Document::Officers,
    ];
}

/// An industry that may not raise money by crowdfunding (시행령 §14-5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExcludedSector {
    FinanceInsurance,
    RealEstate,
    Nightlife,
    DanceHall,
}

/// The excluded industries by their KSIC (한국표준산업분류, 10th revision)
/// code prefix. The law names the industries; this mapping to codes is
/// ours, so the page marks it as [`Uncertainty::IndustryCodes`].
const EXCLUDED_KSIC: [(&str, ExcludedSector); 7] = [
    ("64", ExcludedSector::FinanceInsurance),
    ("65", ExcludedSector::FinanceInsurance),
    ("66", ExcludedSector::FinanceInsurance),
    ("68", ExcludedSector::RealEstate),
    ("56211", ExcludedSector::Nightlife),
    ("56212", ExcludedSector::Nightlife),
    ("91291", ExcludedSector::DanceHall),
];

pub fn excluded_sector(ksic: &str) -> Option<ExcludedSector> {
    EXCLUDED_KSIC
        .iter()
        .find(|(prefix, _)| ksic.starts_with(prefix))
        .map(|(_, sector)| *sector)
}

/// The last day a company opened on `opened` is still a 창업기업.
///
/// 민법 §157 leaves the opening day out of the count and §160 ends a period
/// of years on the day before the anniversary of the first counted day (the
/// month's last day when that month is shorter): opened 2019-12-09 → still
/// a startup on 2026-12-09, not on 2026-12-10; opened 2020-02-29 → until
/// 2027-02-28.
pub fn startup_until(opened: NaiveDate) -> NaiveDate {
    let first_counted = opened.succ_opt().unwrap_or(opened);
    match first_counted.checked_add_months(Months::new(12 * STARTUP_YEARS)) {
        // chrono moves a missing day (29 Feb in a common year) to the
        // month's last day, which is where §160③ ends the period.
        Some(anniversary) if anniversary.day() != first_counted.day() => anniversary,
        Some(anniversary) => anniversary.pred_opt().unwrap_or(anniversary),
        None => NaiveDate::MAX,
    }
}

/// A subscription period's length as 민법 §157 counts it: the first day is
/// left out unless the period starts at midnight, which a campaign opening
/// during office hours does not.
pub fn subscription_days(start: NaiveDate, end: NaiveDate) -> i64 {
    (end - start).num_days()
}

/// The smallest subscribed amount at which the offering goes ahead:
/// 80% of the target, rounded up to the won.
pub fn success_threshold(target: Won) -> Won {
    let t = target.get();
    Won((t * SUCCESS_PERCENT + 99) / 100)
}

// ---------------------------------------------------------------------------
// The plan as typed and as checked
// ---------------------------------------------------------------------------

/// The crowdfunding plan form as submitted (GET, so the result has a URL
/// the founder can send to their consultant). Every field is text; empty
/// means "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrowdfundingPlanForm {
    pub opened_on: String,
    pub venture_until: String,
    pub innobiz_until: String,
    pub mainbiz_until: String,
    pub social_until: String,
    /// "1" when the company raises for a ring-fenced project.
    pub project: String,
    pub listing: String,
    pub ksic: String,
    pub security: String,
    pub target: String,
    pub prior_equity: String,
    pub prior_debt: String,
    pub repaid: String,
    pub minimum: String,
    pub start: String,
    pub end: String,
    pub correction: String,
    pub deposit: String,
    pub fiscal_year_end: String,
    pub documents: Vec<String>,
}

impl CrowdfundingPlanForm {
    /// Field names of the form, as the page and the query string use them.
    pub const FIELDS: [&'static str; 19] = [
        "opened_on",
        "venture_until",
        "innobiz_until",
        "mainbiz_until",
        "social_until",
        "project",
        "listing",
        "ksic",
        "security",
        "target",
        "prior_equity",
        "prior_debt",
        "repaid",
        "minimum",
        "start",
        "end",
        "correction",
        "deposit",
        "fiscal_year_end",
    ];
    /// The repeated checkbox field naming the documents ready.
    pub const DOCUMENTS_FIELD: &'static str = "doc";

    /// Reads the form from query pairs: `get` for single fields, `get_all`
    /// for the repeated document boxes.
    pub fn from_query(
        get: impl Fn(&str) -> Option<String>,
        get_all: impl Fn(&str) -> Vec<String>,
    ) -> Self {
        let f = |name: &str| get(name).unwrap_or_default();
        CrowdfundingPlanForm {
            opened_on: f("opened_on"),
            venture_until: f("venture_until"),
            innobiz_until: f("innobiz_until"),
            mainbiz_until: f("mainbiz_until"),
            social_until: f("social_until"),
            project: f("project"),
            listing: f("listing"),
            ksic: f("ksic"),
            security: f("security"),
            target: f("target"),
            prior_equity: f("prior_equity"),
            prior_debt: f("prior_debt"),
            repaid: f("repaid"),
            minimum: f("minimum"),
            start: f("start"),
            end: f("end"),
            correction: f("correction"),
            deposit: f("deposit"),
            fiscal_year_end: f("fiscal_year_end"),
            documents: get_all(Self::DOCUMENTS_FIELD),
        }
    }

    /// Nothing typed yet: the page shows the empty form, not a list of
    /// "required" errors.
    pub fn is_blank(&self) -> bool {
        self.start.trim().is_empty() && self.end.trim().is_empty() && self.target.trim().is_empty()
    }

    pub fn value(&self, field: &str) -> &str {
        match field {
            "opened_on" => &self.opened_on,
            "venture_until" => &self.venture_until,
            "innobiz_until" => &self.innobiz_until,
            "mainbiz_until" => &self.mainbiz_until,
            "social_until" => &self.social_until,
            "project" => &self.project,
            "listing" => &self.listing,
            "ksic" => &self.ksic,
            "security" => &self.security,
            "target" => &self.target,
            "prior_equity" => &self.prior_equity,
            "prior_debt" => &self.prior_debt,
            "repaid" => &self.repaid,
            "minimum" => &self.minimum,
            "start" => &self.start,
            "end" => &self.end,
            "correction" => &self.correction,
            "deposit" => &self.deposit,
            "fiscal_year_end" => &self.fiscal_year_end,
            _ => "",
        }
    }

    pub fn has_document(&self, document: Document) -> bool {
        self.documents.iter().any(|d| d == document.as_str())
    }

    /// Every problem at once, in form order, so one round trip fixes them
    /// all; `Ok` only when the plan can be checked.
    pub fn validate(&self) -> Result<CrowdfundingPlan, Vec<FieldError>> {
        let mut errors = Vec::new();
        // Keeps a field's value, or its error for the list.
        macro_rules! keep {
            ($parsed:expr) => {
                match $parsed {
                    Ok(value) => Some(value),
                    Err(error) => {
                        errors.push(error);
                        None
                    }
                }
            };
        }

        let opened_on = keep!(optional_date("opened_on", &self.opened_on)).flatten();
        let mut certifications = Vec::new();
        for &kind in Certification::ALL {
            if let Some(Some(until)) = keep!(optional_date(kind.field(), self.value(kind.field())))
            {
                certifications.push((kind, until));
            }
        }
        let listing = keep!(choice(
            "listing",
            &self.listing,
            Listing::parse,
            Listing::Unlisted
        ));
        let ksic = keep!(industry_code(&self.ksic));
        let security = keep!(choice(
            "security",
            &self.security,
            Security::parse,
            Security::Equity
        ));
        let target = keep!(amount("target", &self.target, true));
        let prior_equity = keep!(amount("prior_equity", &self.prior_equity, false));
        let prior_debt = keep!(amount("prior_debt", &self.prior_debt, false));
        let repaid = keep!(amount("repaid", &self.repaid, false));
        let minimum = keep!(amount("minimum", &self.minimum, false));
        let start = keep!(required_date("start", &self.start));
        let end = keep!(required_date("end", &self.end));
        let correction = keep!(optional_date("correction", &self.correction)).flatten();
        let deposit = keep!(optional_date("deposit", &self.deposit)).flatten();
        let fiscal_year_end = keep!(fiscal_month(&self.fiscal_year_end));
        let mut documents = Vec::new();
        for raw in &self.documents {
            match Document::parse(raw.trim()) {
                Some(d) if !documents.contains(&d) => documents.push(d),
                Some(_) => {}
                None => {
                    errors.push(FieldError::new("doc", FieldProblem::UnknownChoice));
                    break;
                }
            }
        }

        // Orders between fields, checked once both sides parsed.
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                errors.push(FieldError::new("end", FieldProblem::DatesOutOfOrder));
            }
            if opened_on.is_some_and(|o| o > start) {
                errors.push(FieldError::new("opened_on", FieldProblem::DatesOutOfOrder));
            }
            if correction.is_some_and(|c| c < start || c > end) {
                errors.push(FieldError::new("correction", FieldProblem::OutsidePeriod));
            }
            if deposit.is_some_and(|d| d < end) {
                errors.push(FieldError::new("deposit", FieldProblem::DatesOutOfOrder));
            }
        }
        if let (Some(Some(debt)), Some(Some(repaid))) = (prior_debt, repaid) {
            if repaid.get() > debt.get() {
                errors.push(FieldError::new("repaid", FieldProblem::MoreThanBorrowed));
            }
        }
        if let (Some(Some(target)), Some(Some(minimum))) = (target, minimum) {
            if minimum.get() > target.get() {
                errors.push(FieldError::new("minimum", FieldProblem::RangeReversed));
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| {
                Self::FIELDS
                    .iter()
                    .position(|f| *f == e.field)
                    .unwrap_or(usize::MAX)
            });
            return Err(errors);
        }

        // Every `keep` above succeeded, so none of these is `None`.
        let zero = |w: Option<Option<Won>>| w.flatten().unwrap_or(Won::ZERO);
        Ok(CrowdfundingPlan {
            opened_on,
            certifications,
            project: matches!(self.project.trim(), "1" | "on" | "true"),
            listing: listing.unwrap_or(Listing::Unlisted),
            ksic: ksic.flatten(),
            security: security.unwrap_or(Security::Equity),
            target: zero(target),
            prior_equity: zero(prior_equity),
            prior_debt: zero(prior_debt),
            repaid: zero(repaid),
            minimum: minimum.flatten(),
            start: start.unwrap_or_default(),
            end: end.unwrap_or_default(),
            correction,
            deposit,
            fiscal_year_end: fiscal_year_end.unwrap_or(12),
            documents,
        })
    }
}

/// Dates before this are typos in a plan (a business opened in 0202).
const EARLIEST_DATE: (i32, u32, u32) = (1950, 1, 1);
const LATEST_DATE: (i32, u32, u32) = (2100, 12, 31);

fn optional_date(field: &'static str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, FieldProblem::DateInvalid))?;
    let bound = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    if date < bound(EARLIEST_DATE) || date > bound(LATEST_DATE) {
        return Err(FieldError::new(field, FieldProblem::DateInvalid));
    }
    Ok(Some(date))
}

fn required_date(field: &'static str, raw: &str) -> Result<NaiveDate, FieldError> {
    optional_date(field, raw)?.ok_or(FieldError::new(field, FieldProblem::Required))
}

fn amount(field: &'static str, raw: &str, required: bool) -> Result<Option<Won>, FieldError> {
    if raw.trim().is_empty() {
        return match required {
            true => Err(FieldError::new(field, FieldProblem::Required)),
            false => Ok(None),
        };
    }
    let won = parse_won(raw).map_err(|_| FieldError::new(field, FieldProblem::AmountOutOfRange))?;
    let least = if required { 1 } else { 0 };
    if !(least..=MAX_PLAN_WON).contains(&won.get()) {
        return Err(FieldError::new(field, FieldProblem::AmountOutOfRange));
    }
    Ok(Some(won))
}

fn choice<T>(
    field: &'static str,
    raw: &str,
    parse: fn(&str) -> Option<T>,
    default: T,
) -> Result<T, FieldError> {
    match raw.trim() {
        "" => Ok(default),
        value => parse(value).ok_or(FieldError::new(field, FieldProblem::UnknownChoice)),
    }
}

/// A KSIC code: two to five digits (section letters are not needed to
/// tell the excluded industries apart).
fn industry_code(raw: &str) -> Result<Option<String>, FieldError> {
    let code: String = raw.trim().chars().filter(|c| *c != '-').collect();
    if code.is_empty() {
        return Ok(None);
    }
    if (2..=5).contains(&code.len()) && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(code))
    } else {
        Err(FieldError::new("ksic", FieldProblem::IndustryCodeInvalid))
    }
}

fn fiscal_month(raw: &str) -> Result<u32, FieldError> {
    match raw.trim() {
        "" => Ok(12),
        value => value
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or(FieldError::new(
                "fiscal_year_end",
                FieldProblem::OutOfRange { min: 1, max: 12 },
            )),
    }
}

/// A plan that parsed: the input of [`check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrowdfundingPlan {
    pub opened_on: Option<NaiveDate>,
    /// Each certification held, with its last valid day.
    pub certifications: Vec<(Certification, NaiveDate)>,
    pub project: bool,
    pub listing: Listing,
    pub ksic: Option<String>,
    pub security: Security,
    pub target: Won,
    /// Raised in the twelve months before this campaign.
    pub prior_equity: Won,
    pub prior_debt: Won,
    /// Of `prior_debt`, what has been repaid.
    pub repaid: Won,
    /// What the company needs at the least for its plan to work.
    pub minimum: Option<Won>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub correction: Option<NaiveDate>,
    /// The day the securities are deposited with KSD (예탁일).
    pub deposit: Option<NaiveDate>,
    /// Month (1–12) whose last day ends the fiscal year.
    pub fiscal_year_end: u32,
    pub documents: Vec<Document>,
}

// ---------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------

/// Each rule the page shows, in order; each knows the article it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    Issuer,
    AnnualCap,
    SuccessThreshold,
    SubscriptionPeriod,
    Disclosure,
    InvestorCaps,
    Advertising,
    LockUp,
    YearEndFilings,
    IncomeDeduction,
}

impl Rule {
    /// The article(s), as Korean statutes are cited.
    pub fn article(self) -> &'static str {
        match self {
            Rule::Issuer => "자본시장법 §9㉗ · 시행령 §14-5 · 중소기업창업 지원법 §2(3)",
            Rule::AnnualCap => "자본시장법 시행령 §118-15",
            Rule::SuccessThreshold => "자본시장법 §117-10③ · 시행령 §118-16⑤",
            Rule::SubscriptionPeriod => "시행령 §118-16③ · 자본시장법 §117-10④⑧ · 민법 §157",
            Rule::Disclosure => "시행령 §118-16① · §118-18",
            Rule::InvestorCaps => "자본시장법 §117-10⑥ · 시행령 §118-17",
            Rule::Advertising => "자본시장법 §117-9",
            Rule::LockUp => "자본시장법 §117-10⑤⑦ · 시행령 §118-17①⑤⑥",
            Rule::YearEndFilings => "시행령 §118-16③ · 자본시장법 §117-14",
            Rule::IncomeDeduction => "조세특례제한법 §16①",
        }
    }
}

/// How a rule came out, best to worst; `Info` is a reminder with no verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    Info,
    Pass,
    Warn,
    Fail,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Info => "info",
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// One reason behind a verdict, with the figures the page prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Finding {
    ExcludedIndustry(ExcludedSector),
    IndustryNotGiven,
    IndustryAllowed,
    Listed,
    KonexRecent,
    /// Opened at most seven years before the start; a startup until `until`.
    Startup {
        until: NaiveDate,
    },
    /// As `Startup`, but the start is within [`NEAR_LIMIT_DAYS`] of the limit.
    StartupNearLimit {
        until: NaiveDate,
    },
    /// Older than seven years at the start.
    NoLongerStartup {
        until: NaiveDate,
    },
    Certified {
        kind: Certification,
        until: NaiveDate,
    },
    CertificationExpired {
        kind: Certification,
        until: NaiveDate,
    },
    Project,
    NoEligibleRoute,
    CapWithin {
        total: Won,
        room: Won,
    },
    CapExceeded {
        total: Won,
        over: Won,
    },
    DebtWithin {
        total: Won,
        room: Won,
    },
    DebtExceeded {
        total: Won,
        over: Won,
    },
    ExemptInvestorsNotCounted,
    Threshold {
        threshold: Won,
    },
    ThresholdCoversMinimum {
        threshold: Won,
        minimum: Won,
    },
    ShortAtThreshold {
        threshold: Won,
        minimum: Won,
        short: Won,
    },
    PeriodLongEnough {
        days: i64,
    },
    /// Nine days between start and end: ten only when the period opens
    /// at midnight.
    PeriodOnlyFromMidnight,
    PeriodTooShort {
        days: i64,
    },
    CorrectionMovesEnd {
        end: NaiveDate,
    },
    CorrectionEarlyEnough,
    DocumentsComplete,
    DocumentsMissing(Vec<Document>),
    AuditRequired {
        total: Won,
    },
    AuditMissing {
        total: Won,
    },
    AssuranceBelowAudit {
        total: Won,
    },
    ClaimsWithoutEvidence,
    InvestorCaps {
        general_investors_needed: i64,
    },
    BrokerSiteOnly,
    ResaleDates {
        investors: NaiveDate,
        major_shareholders: NaiveDate,
    },
    ResaleFromDeposit,
    YearEnd {
        fiscal_year_end: NaiveDate,
        due: NaiveDate,
    },
    DeductionEligible,
    DeductionCompanyTooOld,
    DeductionNeedsOpeningDate,
    DeductionNotForDebt,
    DeductionAfterSunset {
        sunset: NaiveDate,
    },
}

/// A fact the research could not confirm; the page prints it beside the
/// rule so nobody takes it for settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Uncertainty {
    /// The law names industries; the KSIC codes for them are our mapping.
    IndustryCodes,
    /// The regulator's own counting of "seven years" is not published;
    /// the civil-code counting is used.
    AgeCounting,
    /// Below 10억 the level of assurance is set by an FSC notice we have
    /// not read.
    AssuranceBands,
    /// Whether the stock-market exception to the resale limit still
    /// operates is unknown.
    MarketException,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCheck {
    pub rule: Rule,
    /// The worst of the findings' verdicts.
    pub verdict: Verdict,
    pub findings: Vec<(Verdict, Finding)>,
    pub uncertain: Vec<Uncertainty>,
}

impl RuleCheck {
    fn new(rule: Rule, findings: Vec<(Verdict, Finding)>, uncertain: Vec<Uncertainty>) -> Self {
        let verdict = findings
            .iter()
            .map(|(v, _)| *v)
            .max()
            .unwrap_or(Verdict::Info);
        RuleCheck {
            rule,
            verdict,
            findings,
            uncertain,
        }
    }
}

/// The last day investments count for the angel deduction (extended on
/// 2025-12-23; research S3).
pub fn deduction_sunset() -> NaiveDate {
    NaiveDate::from_ymd_opt(2028, 12, 31).unwrap_or_default()
}

/// Every rule, in the order the page shows them.
pub fn check(plan: &CrowdfundingPlan) -> Vec<RuleCheck> {
    vec![
        issuer(plan),
        annual_cap(plan),
        threshold(plan),
        period(plan),
        disclosure(plan),
        investor_caps(plan),
        RuleCheck::new(
            Rule::Advertising,
            vec![(Verdict::Info, Finding::BrokerSiteOnly)],
            vec![],
        ),
        lock_up(plan),
        year_end(plan),
        deduction(plan),
    ]
}

fn issuer(plan: &CrowdfundingPlan) -> RuleCheck {
    let mut findings = Vec::new();
    match plan.ksic.as_deref().map(excluded_sector) {
        Some(Some(sector)) => findings.push((Verdict::Fail, Finding::ExcludedIndustry(sector))),
        Some(None) => findings.push((Verdict::Pass, Finding::IndustryAllowed)),
        None => findings.push((Verdict::Warn, Finding::IndustryNotGiven)),
    }
    match plan.listing {
        Listing::Unlisted => {}
        Listing::KonexRecent => findings.push((Verdict::Pass, Finding::KonexRecent)),
        Listing::Listed => findings.push((Verdict::Fail, Finding::Listed)),
    }

    // Any one route makes the company eligible: the best one is shown, and
    // the others only when none works.
    let age = plan.opened_on.map(|opened| {
        let until = startup_until(opened);
        if plan.start > until {
            (Verdict::Fail, Finding::NoLongerStartup { until })
        } else if (until - plan.start).num_days() < NEAR_LIMIT_DAYS {
            (Verdict::Warn, Finding::StartupNearLimit { until })
        } else {
            (Verdict::Pass, Finding::Startup { until })
        }
    });
    let certificates: Vec<_> = plan
        .certifications
        .iter()
        .map(|&(kind, until)| match until >= plan.start {
            true => (Verdict::Pass, Finding::Certified { kind, until }),
            false => (Verdict::Fail, Finding::CertificationExpired { kind, until }),
        })
        .collect();
    let project = plan.project.then_some((Verdict::Warn, Finding::Project));
    let routes: Vec<_> = age.into_iter().chain(certificates).chain(project).collect();
    let best = routes.iter().map(|(v, _)| *v).min();
    match best {
        None => findings.push((Verdict::Fail, Finding::NoEligibleRoute)),
        Some(best) => findings.extend(routes.into_iter().filter(|(v, _)| *v == best)),
    }
    RuleCheck::new(
        Rule::Issuer,
        findings,
        vec![Uncertainty::IndustryCodes, Uncertainty::AgeCounting],
    )
}

/// What this campaign adds to the twelve-month totals.
fn twelve_month_totals(plan: &CrowdfundingPlan) -> (Won, Won) {
    let debt_before = plan.prior_debt.get() - plan.repaid.get();
    let (equity_now, debt_now) = match plan.security {
        Security::Equity => (plan.target.get(), 0),
        Security::Debt => (0, plan.target.get()),
    };
    let debt = debt_before + debt_now;
    (Won(plan.prior_equity.get() + equity_now + debt), Won(debt))
}

fn annual_cap(plan: &CrowdfundingPlan) -> RuleCheck {
    let (total, debt) = twelve_month_totals(plan);
    let mut findings = vec![match total.get() <= ISSUER_CAP_WON {
        true => (
            Verdict::Pass,
            Finding::CapWithin {
                total,
                room: Won(ISSUER_CAP_WON - total.get()),
            },
        ),
        false => (
            Verdict::Fail,
            Finding::CapExceeded {
                total,
                over: Won(total.get() - ISSUER_CAP_WON),
            },
        ),
    }];
    if debt.get() > 0 {
        findings.push(match debt.get() <= DEBT_CAP_WON {
            true => (
                Verdict::Pass,
                Finding::DebtWithin {
                    total: debt,
                    room: Won(DEBT_CAP_WON - debt.get()),
                },
            ),
            false => (
                Verdict::Fail,
                Finding::DebtExceeded {
                    total: debt,
                    over: Won(debt.get() - DEBT_CAP_WON),
                },
            ),
        });
    }
    findings.push((Verdict::Info, Finding::ExemptInvestorsNotCounted));
    RuleCheck::new(Rule::AnnualCap, findings, vec![])
}

fn threshold(plan: &CrowdfundingPlan) -> RuleCheck {
    let threshold = success_threshold(plan.target);
    let finding = match plan.minimum {
        None => (Verdict::Info, Finding::Threshold { threshold }),
        Some(minimum) if minimum.get() <= threshold.get() => (
            Verdict::Pass,
            Finding::ThresholdCoversMinimum { threshold, minimum },
        ),
        Some(minimum) => (
            Verdict::Warn,
            Finding::ShortAtThreshold {
                threshold,
                minimum,
                short: Won(minimum.get() - threshold.get()),
            },
        ),
    };
    RuleCheck::new(Rule::SuccessThreshold, vec![finding], vec![])
}

fn period(plan: &CrowdfundingPlan) -> RuleCheck {
    let days = subscription_days(plan.start, plan.end);
    let mut findings = vec![if days >= MIN_SUBSCRIPTION_DAYS {
        (Verdict::Pass, Finding::PeriodLongEnough { days })
    } else if days == MIN_SUBSCRIPTION_DAYS - 1 {
        (Verdict::Warn, Finding::PeriodOnlyFromMidnight)
    } else {
        (Verdict::Fail, Finding::PeriodTooShort { days })
    }];
    if let Some(correction) = plan.correction {
        // Within the last seven days: the end moves to correction + 7
        // unless it already lies beyond.
        let moved = correction + chrono::Duration::days(CORRECTION_DAYS);
        findings.push(match moved > plan.end {
            true => (Verdict::Warn, Finding::CorrectionMovesEnd { end: moved }),
            false => (Verdict::Pass, Finding::CorrectionEarlyEnough),
        });
    }
    RuleCheck::new(Rule::SubscriptionPeriod, findings, vec![])
}

fn disclosure(plan: &CrowdfundingPlan) -> RuleCheck {
    let has = |d: Document| plan.documents.contains(&d);
    let missing: Vec<Document> = Document::ALWAYS_REQUIRED
        .into_iter()
        .filter(|d| !has(*d))
        .collect();
    let mut findings = vec![match missing.is_empty() {
        true => (Verdict::Pass, Finding::DocumentsComplete),
        false => (Verdict::Fail, Finding::DocumentsMissing(missing)),
    }];
    let (total, _) = twelve_month_totals(plan);
    let mut uncertain = vec![];
    if total.get() >= AUDIT_FROM_WON {
        findings.push(match has(Document::AuditReport) {
            true => (Verdict::Pass, Finding::AuditRequired { total }),
            false => (Verdict::Fail, Finding::AuditMissing { total }),
        });
    } else {
        findings.push((Verdict::Info, Finding::AssuranceBelowAudit { total }));
        uncertain.push(Uncertainty::AssuranceBands);
    }
    if !has(Document::ClaimEvidence) {
        findings.push((Verdict::Warn, Finding::ClaimsWithoutEvidence));
    }
    RuleCheck::new(Rule::Disclosure, findings, uncertain)
}

fn investor_caps(plan: &CrowdfundingPlan) -> RuleCheck {
    let per_issuer = InvestorType::General
        .per_issuer_cap()
        .map_or(1, |c| c.get());
    let needed = (plan.target.get() + per_issuer - 1) / per_issuer;
    RuleCheck::new(
        Rule::InvestorCaps,
        vec![(
            Verdict::Info,
            Finding::InvestorCaps {
                general_investors_needed: needed,
            },
        )],
        vec![],
    )
}

fn lock_up(plan: &CrowdfundingPlan) -> RuleCheck {
    let finding = match plan.deposit {
        Some(deposit) => Finding::ResaleDates {
            investors: add_months(deposit, RESALE_MONTHS),
            major_shareholders: add_months(deposit, MAJOR_SHAREHOLDER_MONTHS),
        },
        None => Finding::ResaleFromDeposit,
    };
    RuleCheck::new(
        Rule::LockUp,
        vec![(Verdict::Info, finding)],
        vec![Uncertainty::MarketException],
    )
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The first fiscal year end on or after the subscription's end.
pub fn next_fiscal_year_end(after: NaiveDate, month: u32) -> NaiveDate {
    let month_end = |year: i32| {
        NaiveDate::from_ymd_opt(year, month, 1)
            .and_then(|first| first.checked_add_months(Months::new(1)))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    };
    let this_year = month_end(after.year());
    match this_year >= after {
        true => this_year,
        false => month_end(after.year() + 1),
    }
}

fn year_end(plan: &CrowdfundingPlan) -> RuleCheck {
    let fiscal_year_end = next_fiscal_year_end(plan.end, plan.fiscal_year_end);
    let due = fiscal_year_end + chrono::Duration::days(FILING_DAYS);
    RuleCheck::new(
        Rule::YearEndFilings,
        vec![(
            Verdict::Info,
            Finding::YearEnd {
                fiscal_year_end,
                due,
            },
        )],
        vec![],
    )
}

fn deduction(plan: &CrowdfundingPlan) -> RuleCheck {
    let finding = if plan.security == Security::Debt {
        (Verdict::Info, Finding::DeductionNotForDebt)
    } else if plan.start > deduction_sunset() {
        (
            Verdict::Warn,
            Finding::DeductionAfterSunset {
                sunset: deduction_sunset(),
            },
        )
    } else {
        match plan.opened_on {
            None => (Verdict::Info, Finding::DeductionNeedsOpeningDate),
            Some(opened) if plan.start <= startup_until(opened) => {
                (Verdict::Pass, Finding::DeductionEligible)
            }
            Some(_) => (Verdict::Info, Finding::DeductionCompanyTooOld),
        }
    };
    RuleCheck::new(
        Rule::IncomeDeduction,
        vec![finding],
        vec![Uncertainty::AgeCounting],
    )
}

// ---------------------------------------------------------------------------
// The investor's side
// ---------------------------------------------------------------------------

crate::stored_enum!(
    /// How the law classes an investor for crowdfunding caps (시행령 §118-17).
    InvestorType {
        General => "general",
        Qualified => "qualified",
        Professional => "professional",
    }
);

impl InvestorType {
    /// At most this much into one issuer over twelve months; `None`: no cap.
    pub fn per_issuer_cap(self) -> Option<Won> {
        match self {
            InvestorType::General => Some(Won(5_000_000)),
            InvestorType::Qualified => Some(Won(10_000_000)),
            InvestorType::Professional => None,
        }
    }

    /// At most this much into crowdfunding in all over twelve months.
    pub fn annual_cap(self) -> Option<Won> {
        match self {
            InvestorType::General => Some(Won(10_000_000)),
            InvestorType::Qualified => Some(Won(20_000_000)),
            InvestorType::Professional => None,
        }
    }
}

/// How much of an investor's caps their recorded crowdfunding interest
/// already uses, and what is left for one more issuer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitUse {
    pub annual_used: Won,
    pub annual_cap: Option<Won>,
    /// The most used on any single issuer.
    pub largest_issuer_used: Won,
    pub per_issuer_cap: Option<Won>,
    /// What one new issuer could still receive: the smaller of the
    /// per-issuer cap and what is left of the annual cap.
    pub left_for_new_issuer: Option<Won>,
}

pub fn limit_use(kind: InvestorType, per_issuer_used: &[Won]) -> LimitUse {
    let annual_used = Won(per_issuer_used.iter().map(|w| w.get()).sum());
    let largest_issuer_used = per_issuer_used.iter().copied().max().unwrap_or(Won::ZERO);
    let left_for_new_issuer = match (kind.per_issuer_cap(), kind.annual_cap()) {
        (Some(issuer), Some(annual)) => Some(Won(issuer
            .get()
            .min(annual.get() - annual_used.get())
            .max(0))),
        _ => None,
    };
    LimitUse {
        annual_used,
        annual_cap: kind.annual_cap(),
        largest_issuer_used,
        per_issuer_cap: kind.per_issuer_cap(),
        left_for_new_issuer,
    }
}

/// The angel-investment income deduction's tiers (조특법 §16): the share of
/// each slice of the amount invested that is deducted.
pub const DEDUCTION_TIERS: [(i64, i64); 3] = [(30_000_000, 100), (50_000_000, 70), (i64::MAX, 30)];

/// The deduction on `invested` in one year, before the cap at half of the
/// investor's total income (applied when `income` is known).
pub fn income_deduction(invested: Won, income: Option<Won>) -> Won {
    let mut left = invested.get().max(0);
    let mut floor = 0;
    let mut deduction = 0;
    for (ceiling, percent) in DEDUCTION_TIERS {
        let slice = left.min(ceiling - floor);
        deduction += slice * percent / 100;
        left -= slice;
        floor = ceiling;
        if left == 0 {
            break;
        }
    }
    let cap = income.map_or(i64::MAX, |i| i.get().max(0) / 2);
    Won(deduction.min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn eok(n: i64) -> Won {
        Won(n * 100_000_000)
    }

    /// A plan that passes everything: a young venture-certified company,
    /// 5억 equity, twelve days, every document.
    fn plan() -> CrowdfundingPlan {
        CrowdfundingPlan {
            opened_on: Some(d(2023, 3, 2)),
            certifications: vec![],
            project: false,
            listing: Listing::Unlisted,
            ksic: Some("20499".into()),
            security: Security::Equity,
            target: eok(5),
            prior_equity: Won::ZERO,
            prior_debt: Won::ZERO,
            repaid: Won::ZERO,
            minimum: None,
            start: d(2027, 3, 2),
            end: d(2027, 3, 14),
            correction: None,
            deposit: None,
            fiscal_year_end: 12,
            documents: Document::ALL.to_vec(),
        }
    }

    fn rule(plan: &CrowdfundingPlan, rule: Rule) -> RuleCheck {
        check(plan).into_iter().find(|c| c.rule == rule).unwrap()
    }

    fn has(check: &RuleCheck, finding: &Finding) -> bool {
        check.findings.iter().any(|(_, f)| f == finding)
    }

    #[test]
    fn the_reference_plan_passes_every_rule() {
        for c in check(&plan()) {
            assert!(c.verdict <= Verdict::Pass, "{:?}", c);
        }
    }

    #[test]
    fn seven_years_end_the_day_before_the_anniversary_of_the_first_counted_day() {
        assert_eq!(startup_until(d(2019, 12, 9)), d(2026, 12, 9));
        assert_eq!(startup_until(d(2019, 12, 31)), d(2026, 12, 31));
        // Leap day: the anniversary month is shorter, so its last day.
        assert_eq!(startup_until(d(2020, 2, 28)), d(2027, 2, 28));
        assert_eq!(startup_until(d(2020, 2, 29)), d(2027, 2, 28));
    }

    #[test]
    fn issuer_age_to_the_day() {
        let mut p = plan();
        p.opened_on = Some(d(2019, 12, 9));
        p.start = d(2026, 12, 9);
        p.end = d(2026, 12, 21);
        let c = rule(&p, Rule::Issuer);
        assert_eq!(
            c.verdict,
            Verdict::Warn,
            "last day: eligible, but near the limit"
        );
        assert!(has(
            &c,
            &Finding::StartupNearLimit {
                until: d(2026, 12, 9)
            }
        ));

        p.start = d(2026, 12, 10);
        let c = rule(&p, Rule::Issuer);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(has(
            &c,
            &Finding::NoLongerStartup {
                until: d(2026, 12, 9)
            }
        ));
        assert!(c.uncertain.contains(&Uncertainty::AgeCounting));
    }

    #[test]
    fn near_limit_warning_starts_thirty_days_out() {
        let mut p = plan();
        p.opened_on = Some(d(2019, 12, 9));
        p.start = d(2026, 11, 9); // 30 days before the last day
        p.end = d(2026, 11, 30);
        assert_eq!(rule(&p, Rule::Issuer).verdict, Verdict::Pass);
        p.start = d(2026, 11, 10); // 29 days
        assert_eq!(rule(&p, Rule::Issuer).verdict, Verdict::Warn);
    }

    #[test]
    fn a_valid_certification_makes_an_old_company_eligible() {
        let mut p = plan();
        p.opened_on = Some(d(2010, 1, 1));
        p.certifications = vec![(Certification::Venture, p.start)];
        let c = rule(&p, Rule::Issuer);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(has(
            &c,
            &Finding::Certified {
                kind: Certification::Venture,
                until: p.start
            }
        ));
        // The age finding is not shown when a better route exists.
        assert!(!c
            .findings
            .iter()
            .any(|(_, f)| matches!(f, Finding::NoLongerStartup { .. })));

        // Expired the day before the start.
        p.certifications = vec![(Certification::Venture, p.start.pred_opt().unwrap())];
        let c = rule(&p, Rule::Issuer);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(c
            .findings
            .iter()
            .any(|(_, f)| matches!(f, Finding::CertificationExpired { .. })));
    }

    #[test]
    fn no_route_at_all_fails() {
        let mut p = plan();
        p.opened_on = None;
        let c = rule(&p, Rule::Issuer);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(has(&c, &Finding::NoEligibleRoute));
        p.project = true;
        assert_eq!(rule(&p, Rule::Issuer).verdict, Verdict::Warn);
    }

    #[test]
    fn excluded_industries_and_listing() {
        for (code, sector) in [
            ("64110", ExcludedSector::FinanceInsurance),
            ("66", ExcludedSector::FinanceInsurance),
            ("68112", ExcludedSector::RealEstate),
            ("56211", ExcludedSector::Nightlife),
            ("91291", ExcludedSector::DanceHall),
        ] {
            let mut p = plan();
            p.ksic = Some(code.into());
            let c = rule(&p, Rule::Issuer);
            assert_eq!(c.verdict, Verdict::Fail, "{code}");
            assert!(has(&c, &Finding::ExcludedIndustry(sector)));
        }
        // A pub that is not a nightclub (56213 생맥주 전문점) is not excluded.
        assert_eq!(excluded_sector("56213"), None);
        assert_eq!(excluded_sector("62010"), None);

        let mut p = plan();
        p.ksic = None;
        assert_eq!(rule(&p, Rule::Issuer).verdict, Verdict::Warn);
        p.ksic = Some("20499".into());
        p.listing = Listing::Listed;
        assert_eq!(rule(&p, Rule::Issuer).verdict, Verdict::Fail);
        p.listing = Listing::KonexRecent;
        assert_eq!(rule(&p, Rule::Issuer).verdict, Verdict::Pass);
    }

    #[test]
    fn thirty_eok_exactly_passes_one_won_more_fails() {
        let mut p = plan();
        p.prior_equity = eok(20);
        p.target = eok(10);
        let c = rule(&p, Rule::AnnualCap);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(has(
            &c,
            &Finding::CapWithin {
                total: eok(30),
                room: Won::ZERO
            }
        ));
        p.target = Won(eok(10).get() + 1);
        let c = rule(&p, Rule::AnnualCap);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(has(
            &c,
            &Finding::CapExceeded {
                total: Won(eok(30).get() + 1),
                over: Won(1)
            }
        ));
    }

    #[test]
    fn debt_cap_nets_out_repayments() {
        let mut p = plan();
        p.security = Security::Debt;
        p.prior_debt = eok(10);
        p.repaid = eok(5);
        p.target = eok(10);
        let c = rule(&p, Rule::AnnualCap);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(has(
            &c,
            &Finding::DebtWithin {
                total: eok(15),
                room: Won::ZERO
            }
        ));
        p.repaid = Won(eok(5).get() - 1);
        let c = rule(&p, Rule::AnnualCap);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(has(
            &c,
            &Finding::DebtExceeded {
                total: Won(eok(15).get() + 1),
                over: Won(1)
            }
        ));
        // Debt counts towards the 30억 as well.
        p.repaid = eok(10);
        p.prior_equity = eok(20);
        p.target = Won(eok(10).get() + 1);
        assert!(rule(&p, Rule::AnnualCap)
            .findings
            .iter()
            .any(|(_, f)| matches!(f, Finding::CapExceeded { .. })));
    }

    #[test]
    fn eighty_percent_threshold_rounds_up_and_compares_exactly() {
        assert_eq!(success_threshold(eok(5)), eok(4));
        assert_eq!(success_threshold(Won(101)), Won(81));
        let mut p = plan();
        p.minimum = Some(eok(4));
        assert_eq!(rule(&p, Rule::SuccessThreshold).verdict, Verdict::Pass);
        p.minimum = Some(Won(eok(4).get() + 1));
        let c = rule(&p, Rule::SuccessThreshold);
        assert_eq!(c.verdict, Verdict::Warn);
        assert!(has(
            &c,
            &Finding::ShortAtThreshold {
                threshold: eok(4),
                minimum: Won(eok(4).get() + 1),
                short: Won(1)
            }
        ));
    }

    #[test]
    fn ten_days_counted_without_the_first_day() {
        let mut p = plan();
        p.start = d(2027, 3, 2);
        p.end = d(2027, 3, 12);
        let c = rule(&p, Rule::SubscriptionPeriod);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(has(&c, &Finding::PeriodLongEnough { days: 10 }));
        p.end = d(2027, 3, 11);
        let c = rule(&p, Rule::SubscriptionPeriod);
        assert_eq!(c.verdict, Verdict::Warn);
        assert!(has(&c, &Finding::PeriodOnlyFromMidnight));
        p.end = d(2027, 3, 10);
        let c = rule(&p, Rule::SubscriptionPeriod);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(has(&c, &Finding::PeriodTooShort { days: 8 }));
    }

    #[test]
    fn a_late_correction_moves_the_end() {
        let mut p = plan(); // 2027-03-02 .. 2027-03-14
        p.correction = Some(d(2027, 3, 7)); // + 7 = the end itself
        assert_eq!(rule(&p, Rule::SubscriptionPeriod).verdict, Verdict::Pass);
        p.correction = Some(d(2027, 3, 8));
        let c = rule(&p, Rule::SubscriptionPeriod);
        assert_eq!(c.verdict, Verdict::Warn);
        assert!(has(
            &c,
            &Finding::CorrectionMovesEnd {
                end: d(2027, 3, 15)
            }
        ));
    }

    #[test]
    fn audit_report_from_ten_eok_on() {
        let mut p = plan();
        p.documents.retain(|d| *d != Document::AuditReport);
        p.target = Won(eok(10).get() - 1);
        let c = rule(&p, Rule::Disclosure);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(c.uncertain.contains(&Uncertainty::AssuranceBands));
        p.target = eok(10);
        let c = rule(&p, Rule::Disclosure);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(has(&c, &Finding::AuditMissing { total: eok(10) }));
        // Prior raises count towards the ten.
        p.target = eok(4);
        p.prior_equity = eok(6);
        assert_eq!(rule(&p, Rule::Disclosure).verdict, Verdict::Fail);
        p.documents.push(Document::AuditReport);
        assert_eq!(rule(&p, Rule::Disclosure).verdict, Verdict::Pass);
    }

    #[test]
    fn missing_documents_are_named_and_claims_warn() {
        let mut p = plan();
        p.documents = vec![Document::OfferTerms, Document::Risks];
        let c = rule(&p, Rule::Disclosure);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(has(
            &c,
            &Finding::DocumentsMissing(Document::ALWAYS_REQUIRED[2..].to_vec())
        ));
        assert!(has(&c, &Finding::ClaimsWithoutEvidence));
    }

    #[test]
    fn reminders_compute_their_dates() {
        let mut p = plan();
        p.deposit = Some(d(2027, 8, 31));
        assert!(has(
            &rule(&p, Rule::LockUp),
            &Finding::ResaleDates {
                investors: d(2028, 2, 29),
                major_shareholders: d(2028, 8, 31)
            }
        ));
        // Ends 2027-03-14, December year end: due 90 days after 2027-12-31.
        assert!(has(
            &rule(&p, Rule::YearEndFilings),
            &Finding::YearEnd {
                fiscal_year_end: d(2027, 12, 31),
                due: d(2028, 3, 30)
            }
        ));
        assert_eq!(next_fiscal_year_end(d(2027, 3, 31), 3), d(2027, 3, 31));
        assert_eq!(next_fiscal_year_end(d(2027, 4, 1), 3), d(2028, 3, 31));
        assert_eq!(next_fiscal_year_end(d(2027, 1, 5), 2), d(2027, 2, 28));
        // 5억 at 500만 per general investor: 100 investors at the least.
        assert!(has(
            &rule(&p, Rule::InvestorCaps),
            &Finding::InvestorCaps {
                general_investors_needed: 100
            }
        ));
    }

    #[test]
    fn deduction_follows_age_security_and_sunset() {
        let mut p = plan();
        assert_eq!(rule(&p, Rule::IncomeDeduction).verdict, Verdict::Pass);
        p.security = Security::Debt;
        assert!(has(
            &rule(&p, Rule::IncomeDeduction),
            &Finding::DeductionNotForDebt
        ));
        p.security = Security::Equity;
        p.opened_on = Some(d(2015, 1, 1));
        assert!(has(
            &rule(&p, Rule::IncomeDeduction),
            &Finding::DeductionCompanyTooOld
        ));
        p.opened_on = Some(d(2025, 1, 1));
        p.start = d(2029, 1, 1);
        p.end = d(2029, 1, 15);
        assert_eq!(rule(&p, Rule::IncomeDeduction).verdict, Verdict::Warn);
    }

    #[test]
    fn deduction_tiers_at_their_edges() {
        let man = |n: i64| Won(n * 10_000);
        assert_eq!(income_deduction(man(3_000), None), man(3_000));
        assert_eq!(income_deduction(man(5_000), None), man(4_400));
        assert_eq!(income_deduction(man(6_000), None), man(4_700));
        assert_eq!(income_deduction(Won::ZERO, None), Won::ZERO);
        // Capped at half of total income.
        assert_eq!(income_deduction(man(3_000), Some(man(4_000))), man(2_000));
    }

    #[test]
    fn investor_limits() {
        let man = |n: i64| Won(n * 10_000);
        let used = limit_use(InvestorType::General, &[man(300), man(500)]);
        assert_eq!(used.annual_used, man(800));
        assert_eq!(used.largest_issuer_used, man(500));
        assert_eq!(used.left_for_new_issuer, Some(man(200)));
        let used = limit_use(InvestorType::General, &[man(500), man(500)]);
        assert_eq!(used.left_for_new_issuer, Some(Won::ZERO));
        let used = limit_use(InvestorType::Qualified, &[man(500)]);
        assert_eq!(used.left_for_new_issuer, Some(man(1_000)));
        assert_eq!(
            limit_use(InvestorType::Professional, &[man(9_000)]).left_for_new_issuer,
            None
        );
    }

    fn form() -> CrowdfundingPlanForm {
        CrowdfundingPlanForm {
            opened_on: "2023-03-02".into(),
            ksic: "20499".into(),
            target: "5억".into(),
            start: "2027-03-02".into(),
            end: "2027-03-14".into(),
            documents: vec!["terms".into(), "risks".into()],
            ..Default::default()
        }
    }

    #[test]
    fn the_form_parses_korean_amounts_and_defaults() {
        let p = form().validate().unwrap();
        assert_eq!(p.target, eok(5));
        assert_eq!(p.security, Security::Equity);
        assert_eq!(p.listing, Listing::Unlisted);
        assert_eq!(p.fiscal_year_end, 12);
        assert_eq!(p.documents, vec![Document::OfferTerms, Document::Risks]);
    }

    #[test]
    fn the_form_reports_every_problem_in_form_order() {
        let mut f = form();
        f.target = "-5억".into();
        f.end = "2027-02-01".into();
        f.ksic = "K64".into();
        f.prior_debt = "1억".into();
        f.repaid = "2억".into();
        f.fiscal_year_end = "13".into();
        let errors = f.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["ksic", "target", "repaid", "end", "fiscal_year_end"]
        );
        assert_eq!(errors[3].problem, FieldProblem::DatesOutOfOrder);
        assert_eq!(errors[2].problem, FieldProblem::MoreThanBorrowed);
    }

    #[test]
    fn the_form_refuses_absurd_and_foreign_values() {
        for (field, value, problem) in [
            ("target", "2조", FieldProblem::AmountOutOfRange),
            ("target", "0", FieldProblem::AmountOutOfRange),
            ("target", "", FieldProblem::Required),
            ("start", "0202-01-01", FieldProblem::DateInvalid),
            ("start", "2027-02-30", FieldProblem::DateInvalid),
            ("listing", "nasdaq", FieldProblem::UnknownChoice),
            ("security", "token", FieldProblem::UnknownChoice),
            ("opened_on", "2028-01-01", FieldProblem::DatesOutOfOrder),
            ("correction", "2027-04-01", FieldProblem::OutsidePeriod),
            ("minimum", "6억", FieldProblem::RangeReversed),
        ] {
            let mut f = form();
            match field {
                "target" => f.target = value.into(),
                "start" => f.start = value.into(),
                "listing" => f.listing = value.into(),
                "security" => f.security = value.into(),
                "opened_on" => f.opened_on = value.into(),
                "correction" => f.correction = value.into(),
                "minimum" => f.minimum = value.into(),
                _ => unreachable!(),
            }
            let errors = f.validate().unwrap_err();
            assert!(
                errors.contains(&FieldError::new(field, problem)),
                "{field}={value}: {errors:?}"
            );
        }
        let mut f = form();
        f.documents.push("passport".into());
        assert!(f.validate().is_err());
    }
}
