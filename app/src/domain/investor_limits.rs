//! The investor's side of equity crowdfunding and angel tax relief, as the
//! portal can tell it from what is recorded:
//!
//! - how much of the crowdfunding caps (자본시장법 §117-10⑥, 시행령
//!   §118-17) an investor's recorded interests already use — which
//!   interests count, over which twelve months, per company and in all —
//!   and what room is left;
//! - whether an investment in a company would qualify for the angel
//!   income deduction (조세특례제한법 §16), from the facts the company
//!   recorded about itself (opening date, venture confirmation).
//!
//! Pure: the store reads the rows, these rules turn them into what the
//! pages print. The caps and the deduction's tiers and sunset are those of
//! [`super::crowdfunding`]; the figures come from
//! `shared/research/korean-crowdfunding.md`. None of this is legal advice,
//! and every page that shows it says so.

use super::crowdfunding::{deduction_sunset, limit_use, startup_until, InvestorType, LimitUse};
use super::deal::InterestStage;
use super::field::{FieldError, FieldProblem};
use super::money::Won;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// From this share of a cap on, the page marks the use as near the cap.
pub const NEAR_CAP_PERCENT: i64 = 80;

/// Whether an interest at `stage` counts against the caps: the investor
/// said how much they will put in (`Intends`) or put it in (`Invested`).
/// Earlier stages carry only a range and are not a commitment; `Passed`
/// withdrew it.
pub fn counts_toward_caps(stage: InterestStage) -> bool {
    matches!(stage, InterestStage::Intends | InterestStage::Invested)
}

/// The twelve months the caps look back over, as Seoul dates, both ends
/// included: from the same date a year before `today` up to `today`.
///
/// The research does not say how brokers count the twelve months; this
/// window keeps an investment in view one day longer rather than one day
/// less, so the room shown is never larger than the broker's.
pub fn cap_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = today
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    (start, today)
}

/// One recorded crowdfunding interest with an amount, as the store reads
/// it: `on` is the investment date for `Invested`, and the Seoul date the
/// intent was recorded for `Intends`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub stage: InterestStage,
    pub amount: Won,
    pub on: NaiveDate,
}

impl Commitment {
    /// Counts towards the caps on `today`: a committed stage, inside the
    /// window.
    pub fn counts(&self, today: NaiveDate) -> bool {
        let (start, end) = cap_window(today);
        counts_toward_caps(self.stage) && self.on >= start && self.on <= end
    }
}

/// How a use stands against its cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CapStatus {
    /// Professional investors: no cap.
    NoCap,
    Within,
    /// At [`NEAR_CAP_PERCENT`] or more of the cap, below it.
    Near,
    /// Exactly at the cap: nothing more fits.
    Full,
    Over,
}

impl CapStatus {
    pub fn of(used: Won, cap: Option<Won>) -> CapStatus {
        let Some(cap) = cap else {
            return CapStatus::NoCap;
        };
        let (used, cap) = (used.get(), cap.get());
        if used > cap {
            CapStatus::Over
        } else if used == cap {
            CapStatus::Full
        } else if used * 100 >= cap * NEAR_CAP_PERCENT {
            CapStatus::Near
        } else {
            CapStatus::Within
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CapStatus::NoCap => "no-cap",
            CapStatus::Within => "within",
            CapStatus::Near => "near",
            CapStatus::Full => "full",
            CapStatus::Over => "over",
        }
    }

    /// Worth a second look: near, at or over the cap.
    pub fn needs_attention(self) -> bool {
        matches!(self, CapStatus::Near | CapStatus::Full | CapStatus::Over)
    }
}

/// One company's line of the usage table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuerUse {
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub stage: InterestStage,
    pub used: Won,
    pub on: NaiveDate,
    pub status: CapStatus,
    /// What could still go into this company: the per-issuer cap and the
    /// annual room, whichever is smaller; `None` without caps.
    pub left: Option<Won>,
}

/// Everything the limits panel prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitReport {
    pub investor_type: InvestorType,
    /// The twelve months counted (Seoul dates, both ends included).
    pub window: (NaiveDate, NaiveDate),
    pub usage: LimitUse,
    pub annual_status: CapStatus,
    /// What is left of the annual cap; `None` without caps.
    pub annual_left: Option<Won>,
    /// The counted companies, most used first.
    pub issuers: Vec<IssuerUse>,
}

impl LimitReport {
    /// The amount counted for one company (zero when none).
    pub fn used_at(&self, company_id: i64) -> Won {
        self.issuers
            .iter()
            .find(|i| i.company_id == company_id)
            .map_or(Won::ZERO, |i| i.used)
    }

    /// The companies near, at or over the per-issuer cap.
    pub fn attention(&self) -> impl Iterator<Item = &IssuerUse> {
        self.issuers.iter().filter(|i| i.status.needs_attention())
    }

    /// The most this investor could have recorded for `company_id`
    /// without passing a cap. A new amount for a company replaces the one
    /// recorded before (the ladder restates it), so what the company uses
    /// now is given back first. `None`: no caps.
    pub fn room_at(&self, company_id: i64) -> Option<Won> {
        let per_issuer = self.usage.per_issuer_cap?;
        let annual = self.usage.annual_cap?;
        let elsewhere = self.usage.annual_used.get() - self.used_at(company_id).get();
        Some(Won(per_issuer.get().min(annual.get() - elsewhere).max(0)))
    }

    /// The caps an amount recorded for `company_id` would pass, each with
    /// the cap and the excess; empty when it fits (or there are no caps).
    pub fn breaches(&self, company_id: i64, amount: Won) -> Vec<CapBreach> {
        let mut breaches = Vec::new();
        if let Some(cap) = self.usage.per_issuer_cap {
            if amount > cap {
                breaches.push(CapBreach::PerIssuer {
                    cap,
                    over: Won(amount.get() - cap.get()),
                });
            }
        }
        if let Some(cap) = self.usage.annual_cap {
            let total =
                self.usage.annual_used.get() - self.used_at(company_id).get() + amount.get();
            if total > cap.get() {
                breaches.push(CapBreach::Annual {
                    cap,
                    total: Won(total),
                    over: Won(total - cap.get()),
                });
            }
        }
        breaches
    }
}

/// A cap an amount passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapBreach {
    PerIssuer { cap: Won, over: Won },
    Annual { cap: Won, total: Won, over: Won },
}

/// The limits panel for an investor of `kind` from their recorded
/// crowdfunding interests on `today` (Seoul). Rows that do not count
/// (another stage, outside the window) are left out here too, so the
/// answer does not depend on how carefully the store filtered.
pub fn limit_report(
    kind: InvestorType,
    commitments: Vec<Commitment>,
    today: NaiveDate,
) -> LimitReport {
    let mut issuers: Vec<IssuerUse> = Vec::new();
    for c in commitments.into_iter().filter(|c| c.counts(today)) {
        match issuers.iter_mut().find(|i| i.company_id == c.company_id) {
            Some(line) => {
                line.used = Won(line.used.get() + c.amount.get());
                line.on = line.on.max(c.on);
            }
            None => issuers.push(IssuerUse {
                company_id: c.company_id,
                company_slug: c.company_slug,
                company_name: c.company_name,
                stage: c.stage,
                used: c.amount,
                on: c.on,
                status: CapStatus::NoCap,
                left: None,
            }),
        }
    }
    let amounts: Vec<Won> = issuers.iter().map(|i| i.used).collect();
    let usage = limit_use(kind, &amounts);
    let annual_left = usage
        .annual_cap
        .map(|cap| Won((cap.get() - usage.annual_used.get()).max(0)));
    let mut report = LimitReport {
        investor_type: kind,
        window: cap_window(today),
        annual_status: CapStatus::of(usage.annual_used, usage.annual_cap),
        annual_left,
        usage,
        issuers,
    };
    let lines: Vec<(CapStatus, Option<Won>)> = report
        .issuers
        .iter()
        .map(|i| {
            let status = CapStatus::of(i.used, report.usage.per_issuer_cap);
            let left = report
                .room_at(i.company_id)
                .map(|room| Won((room.get() - i.used.get()).max(0)));
            (status, left)
        })
        .collect();
    for (line, (status, left)) in report.issuers.iter_mut().zip(lines) {
        line.status = status;
        line.left = left;
    }
    report.issuers.sort_by(|a, b| {
        b.used
            .cmp(&a.used)
            .then_with(|| a.company_name.cmp(&b.company_name))
    });
    report
}

// ---------------------------------------------------------------------------
// The company's facts and the angel income deduction
// ---------------------------------------------------------------------------

/// Whether the company holds a venture confirmation (벤처기업확인서), as it
/// recorded it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Venture {
    /// The company has not said.
    Unknown,
    NotCertified,
    /// Confirmed, valid to this day (included).
    CertifiedUntil(NaiveDate),
}

impl Venture {
    /// The stored word (`None` for unknown) and date.
    pub fn columns(self) -> (Option<&'static str>, Option<NaiveDate>) {
        match self {
            Venture::Unknown => (None, None),
            Venture::NotCertified => (Some("none"), None),
            Venture::CertifiedUntil(until) => (Some("certified"), Some(until)),
        }
    }

    /// Back from the stored columns; `None` for a word this code does not
    /// know (or a confirmation without its date).
    pub fn from_columns(status: Option<&str>, until: Option<NaiveDate>) -> Option<Venture> {
        match (status, until) {
            (None, _) => Some(Venture::Unknown),
            (Some("none"), _) => Some(Venture::NotCertified),
            (Some("certified"), Some(until)) => Some(Venture::CertifiedUntil(until)),
            _ => None,
        }
    }
}

/// What a company records about itself for the deduction check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyFacts {
    /// 개업일: the day the business opened (사업자등록증).
    pub opened_on: Option<NaiveDate>,
    pub venture: Venture,
}

impl Default for CompanyFacts {
    fn default() -> Self {
        CompanyFacts {
            opened_on: None,
            venture: Venture::Unknown,
        }
    }
}

/// The facts form as posted: `venture` is "" (not saying), "none" or
/// "certified" (then `venture_until` is needed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyFactsForm {
    #[serde(default)]
    pub opened_on: String,
    #[serde(default)]
    pub venture: String,
    #[serde(default)]
    pub venture_until: String,
}

/// Dates before this are typos (a business opened in 0202).
const EARLIEST_DATE: (i32, u32, u32) = (1950, 1, 1);
/// A venture confirmation runs for years, not centuries.
const LATEST_DATE: (i32, u32, u32) = (2100, 12, 31);

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn date_field(field: &'static str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, FieldProblem::DateInvalid))?;
    if date < ymd(EARLIEST_DATE) || date > ymd(LATEST_DATE) {
        return Err(FieldError::new(field, FieldProblem::DateInvalid));
    }
    Ok(Some(date))
}

impl CompanyFactsForm {
    pub const FIELDS: [&'static str; 3] = ["opened_on", "venture", "venture_until"];

    pub fn from_facts(facts: &CompanyFacts) -> Self {
        let (venture, until) = facts.venture.columns();
        CompanyFactsForm {
            opened_on: facts.opened_on.map(|d| d.to_string()).unwrap_or_default(),
            venture: venture.unwrap_or_default().to_string(),
            venture_until: until.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// Checks the form on `today` (Seoul): the opening date is not in the
    /// future, a confirmation has its last valid day, and that day is not
    /// before the business opened. A date given for "not certified" is
    /// dropped, not stored.
    pub fn validate(&self, today: NaiveDate) -> Result<CompanyFacts, FieldError> {
        let opened_on = date_field("opened_on", &self.opened_on)?;
        if opened_on.is_some_and(|d| d > today) {
            return Err(FieldError::new("opened_on", FieldProblem::DateInFuture));
        }
        let venture = match self.venture.trim() {
            "" => Venture::Unknown,
            "none" => Venture::NotCertified,
            "certified" => {
                let until = date_field("venture_until", &self.venture_until)?
                    .ok_or(FieldError::new("venture_until", FieldProblem::Required))?;
                if opened_on.is_some_and(|o| until < o) {
                    return Err(FieldError::new(
                        "venture_until",
                        FieldProblem::DatesOutOfOrder,
                    ));
                }
                Venture::CertifiedUntil(until)
            }
            _ => return Err(FieldError::new("venture", FieldProblem::UnknownChoice)),
        };
        Ok(CompanyFacts { opened_on, venture })
    }
}

/// How one route to the deduction comes out for an investment made today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RouteOutcome {
    /// Investments made up to `until` (included) would qualify, as far as
    /// the recorded facts tell.
    Qualifies {
        until: NaiveDate,
    },
    DoesNot(NotEligible),
    /// A fact the check needs is not recorded.
    Unknown(Missing),
}

impl RouteOutcome {
    pub fn qualifies(self) -> bool {
        matches!(self, RouteOutcome::Qualifies { .. })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotEligible {
    /// More than seven years since opening: a 창업기업 until `until`.
    TooOld {
        until: NaiveDate,
    },
    NotVenture,
    VentureExpired {
        until: NaiveDate,
    },
    /// Investments after the sunset do not count.
    AfterSunset {
        sunset: NaiveDate,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    OpeningDate,
    VentureStatus,
}

/// The deduction note of a company page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeductionCheck {
    pub facts: CompanyFacts,
    /// The day checked (Seoul).
    pub today: NaiveDate,
    pub sunset: NaiveDate,
    /// Investing directly in a 벤처기업.
    pub direct: RouteOutcome,
    /// Equity bought through crowdfunding in a company of at most seven
    /// years.
    pub crowdfunding: RouteOutcome,
}

impl DeductionCheck {
    pub fn any_qualifies(&self) -> bool {
        self.direct.qualifies() || self.crowdfunding.qualifies()
    }
}

/// Whether an investment made `today` in a company with these facts would
/// qualify for the angel income deduction (조특법 §16①, research S3):
/// directly when the company holds a valid venture confirmation, through
/// crowdfunding when it opened at most seven years ago (counted as
/// [`startup_until`] counts them), in both cases only up to the sunset.
/// A route whose fact is not recorded is `Unknown`, never guessed.
pub fn check_deduction(facts: CompanyFacts, today: NaiveDate) -> DeductionCheck {
    let sunset = deduction_sunset();
    let capped = |until: NaiveDate| RouteOutcome::Qualifies {
        until: until.min(sunset),
    };
    let (direct, crowdfunding) = if today > sunset {
        let after = RouteOutcome::DoesNot(NotEligible::AfterSunset { sunset });
        (after, after)
    } else {
        let direct = match facts.venture {
            Venture::Unknown => RouteOutcome::Unknown(Missing::VentureStatus),
            Venture::NotCertified => RouteOutcome::DoesNot(NotEligible::NotVenture),
            Venture::CertifiedUntil(until) if until >= today => capped(until),
            Venture::CertifiedUntil(until) => {
                RouteOutcome::DoesNot(NotEligible::VentureExpired { until })
            }
        };
        let crowdfunding = match facts.opened_on {
            None => RouteOutcome::Unknown(Missing::OpeningDate),
            Some(opened) => {
                let until = startup_until(opened);
                if today <= until {
                    capped(until)
                } else {
                    RouteOutcome::DoesNot(NotEligible::TooOld { until })
                }
            }
        };
        (direct, crowdfunding)
    };
    DeductionCheck {
        facts,
        today,
        sunset,
        direct,
        crowdfunding,
    }
}

/// The deduction's tiers as table rows: from (exclusive), to (included;
/// `None` for the open top tier) and the percent deducted of that slice.
pub fn deduction_tier_rows() -> Vec<(Won, Option<Won>, i64)> {
    let mut floor = 0;
    super::crowdfunding::DEDUCTION_TIERS
        .iter()
        .map(|&(ceiling, percent)| {
            let row = (
                Won(floor),
                (ceiling != i64::MAX).then_some(Won(ceiling)),
                percent,
            );
            floor = ceiling;
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn man(n: i64) -> Won {
        Won(n * 10_000)
    }

    fn commitment(company_id: i64, stage: InterestStage, amount: Won, on: NaiveDate) -> Commitment {
        Commitment {
            company_id,
            company_slug: format!("c{company_id}"),
            company_name: format!("회사{company_id}"),
            stage,
            amount,
            on,
        }
    }

    #[test]
    fn only_stated_commitments_count() {
        for stage in InterestStage::ALL {
            assert_eq!(
                counts_toward_caps(*stage),
                matches!(stage, InterestStage::Intends | InterestStage::Invested),
                "{stage:?}"
            );
        }
    }

    #[test]
    fn the_window_is_twelve_months_back_both_ends_included() {
        assert_eq!(cap_window(d(2026, 12, 2)), (d(2025, 12, 2), d(2026, 12, 2)));
        // A leap day steps back to the last day of February.
        assert_eq!(cap_window(d(2028, 2, 29)).0, d(2027, 2, 28));
        let today = d(2026, 12, 2);
        let c = |on| commitment(1, InterestStage::Invested, man(100), on);
        assert!(c(d(2025, 12, 2)).counts(today));
        assert!(!c(d(2025, 12, 1)).counts(today));
        assert!(c(today).counts(today));
        assert!(!c(d(2026, 12, 3)).counts(today), "a future date is not in");
        let mut passed = c(today);
        passed.stage = InterestStage::Passed;
        assert!(!passed.counts(today));
    }

    #[test]
    fn cap_status_at_its_edges() {
        let cap = Some(man(500));
        assert_eq!(CapStatus::of(man(399), cap), CapStatus::Within);
        assert_eq!(CapStatus::of(man(400), cap), CapStatus::Near);
        assert_eq!(CapStatus::of(man(500), cap), CapStatus::Full);
        assert_eq!(CapStatus::of(Won(man(500).get() + 1), cap), CapStatus::Over);
        assert_eq!(CapStatus::of(man(9_000), None), CapStatus::NoCap);
        assert!(!CapStatus::Within.needs_attention());
        assert!(CapStatus::Near.needs_attention());
    }

    #[test]
    fn a_general_investors_report() {
        let today = d(2026, 12, 2);
        let rows = vec![
            commitment(1, InterestStage::Invested, man(300), d(2026, 3, 1)),
            commitment(2, InterestStage::Intends, man(500), d(2026, 11, 30)),
            // Outside the window and another stage: left out.
            commitment(3, InterestStage::Invested, man(500), d(2025, 11, 1)),
            commitment(4, InterestStage::Interested, man(500), today),
        ];
        let r = limit_report(InvestorType::General, rows, today);
        assert_eq!(r.window, (d(2025, 12, 2), today));
        assert_eq!(r.usage.annual_used, man(800));
        assert_eq!(r.usage.annual_cap, Some(man(1_000)));
        assert_eq!(r.annual_left, Some(man(200)));
        assert_eq!(r.annual_status, CapStatus::Near);
        assert_eq!(r.usage.left_for_new_issuer, Some(man(200)));
        let ids: Vec<i64> = r.issuers.iter().map(|i| i.company_id).collect();
        assert_eq!(ids, vec![2, 1], "most used first, uncounted rows gone");
        assert_eq!(r.issuers[0].status, CapStatus::Full);
        assert_eq!(r.issuers[0].left, Some(Won::ZERO));
        assert_eq!(r.issuers[1].status, CapStatus::Within);
        // 1: 300 used; its cap leaves 200 more, and so does the annual room.
        assert_eq!(r.issuers[1].left, Some(man(200)));
        assert_eq!(r.attention().count(), 1);
    }

    #[test]
    fn room_gives_back_what_the_company_uses_now() {
        let today = d(2026, 12, 2);
        let rows = vec![
            commitment(1, InterestStage::Invested, man(300), today),
            commitment(2, InterestStage::Invested, man(500), today),
        ];
        let r = limit_report(InvestorType::General, rows, today);
        // Company 1 could be restated up to 500 (1,000 − 500 elsewhere).
        assert_eq!(r.room_at(1), Some(man(500)));
        // A new company: 200 left of the annual cap.
        assert_eq!(r.room_at(99), Some(man(200)));
        assert!(r.breaches(1, man(500)).is_empty());
        assert_eq!(
            r.breaches(1, man(600)),
            vec![
                CapBreach::PerIssuer {
                    cap: man(500),
                    over: man(100)
                },
                CapBreach::Annual {
                    cap: man(1_000),
                    total: man(1_100),
                    over: man(100)
                }
            ]
        );
        assert_eq!(
            r.breaches(99, man(300)),
            vec![CapBreach::Annual {
                cap: man(1_000),
                total: man(1_100),
                over: man(100)
            }]
        );
    }

    #[test]
    fn qualified_and_professional_investors() {
        let today = d(2026, 12, 2);
        let rows = vec![commitment(1, InterestStage::Invested, man(1_200), today)];
        let r = limit_report(InvestorType::Qualified, rows.clone(), today);
        assert_eq!(r.issuers[0].status, CapStatus::Over);
        assert_eq!(r.issuers[0].left, Some(Won::ZERO));
        assert_eq!(r.annual_left, Some(man(800)));
        assert_eq!(r.usage.left_for_new_issuer, Some(man(800)));
        let r = limit_report(InvestorType::Professional, rows, today);
        assert_eq!(r.annual_status, CapStatus::NoCap);
        assert_eq!(r.annual_left, None);
        assert_eq!(r.issuers[0].status, CapStatus::NoCap);
        assert_eq!(r.room_at(1), None);
        assert!(r.breaches(1, man(100_000)).is_empty());
    }

    #[test]
    fn an_investor_with_nothing_recorded() {
        let r = limit_report(InvestorType::General, vec![], d(2026, 12, 2));
        assert_eq!(r.usage.annual_used, Won::ZERO);
        assert_eq!(r.annual_left, Some(man(1_000)));
        assert_eq!(r.usage.left_for_new_issuer, Some(man(500)));
        assert!(r.issuers.is_empty());
    }

    fn form(opened: &str, venture: &str, until: &str) -> CompanyFactsForm {
        CompanyFactsForm {
            opened_on: opened.into(),
            venture: venture.into(),
            venture_until: until.into(),
        }
    }

    #[test]
    fn the_facts_form() {
        let today = d(2026, 12, 2);
        assert_eq!(
            form("", "", "").validate(today),
            Ok(CompanyFacts::default())
        );
        assert_eq!(
            form(" 2021-06-01 ", "certified", "2028-05-31").validate(today),
            Ok(CompanyFacts {
                opened_on: Some(d(2021, 6, 1)),
                venture: Venture::CertifiedUntil(d(2028, 5, 31)),
            })
        );
        // A date typed for "not certified" is not kept.
        assert_eq!(
            form("", "none", "2028-05-31")
                .validate(today)
                .unwrap()
                .venture,
            Venture::NotCertified
        );
        for (f, field, problem) in [
            (
                form("2026-12-03", "", ""),
                "opened_on",
                FieldProblem::DateInFuture,
            ),
            (
                form("2026-02-30", "", ""),
                "opened_on",
                FieldProblem::DateInvalid,
            ),
            (
                form("0202-01-01", "", ""),
                "opened_on",
                FieldProblem::DateInvalid,
            ),
            (
                form("", "certified", ""),
                "venture_until",
                FieldProblem::Required,
            ),
            (
                form("", "certified", "soon"),
                "venture_until",
                FieldProblem::DateInvalid,
            ),
            (
                form("2021-06-01", "certified", "2020-01-01"),
                "venture_until",
                FieldProblem::DatesOutOfOrder,
            ),
            (
                form("", "innobiz", ""),
                "venture",
                FieldProblem::UnknownChoice,
            ),
        ] {
            assert_eq!(
                f.validate(today),
                Err(FieldError::new(field, problem)),
                "{f:?}"
            );
        }
        let facts = CompanyFacts {
            opened_on: Some(d(2021, 6, 1)),
            venture: Venture::CertifiedUntil(d(2028, 5, 31)),
        };
        assert_eq!(
            CompanyFactsForm::from_facts(&facts).validate(today),
            Ok(facts)
        );
    }

    #[test]
    fn venture_columns_round_trip() {
        for v in [
            Venture::Unknown,
            Venture::NotCertified,
            Venture::CertifiedUntil(d(2027, 1, 1)),
        ] {
            let (status, until) = v.columns();
            assert_eq!(Venture::from_columns(status, until), Some(v));
        }
        assert_eq!(Venture::from_columns(Some("certified"), None), None);
        assert_eq!(Venture::from_columns(Some("maybe"), None), None);
    }

    #[test]
    fn deduction_routes_follow_age_venture_status_and_sunset() {
        let today = d(2026, 12, 2);
        let check = |opened: Option<NaiveDate>, venture| {
            check_deduction(
                CompanyFacts {
                    opened_on: opened,
                    venture,
                },
                today,
            )
        };
        // Nothing recorded: both unknown, nothing guessed.
        let c = check(None, Venture::Unknown);
        assert_eq!(c.direct, RouteOutcome::Unknown(Missing::VentureStatus));
        assert_eq!(c.crowdfunding, RouteOutcome::Unknown(Missing::OpeningDate));
        assert!(!c.any_qualifies());

        // Opened 2019-12-02: a 창업기업 through 2026-12-02, today.
        let c = check(Some(d(2019, 12, 2)), Venture::NotCertified);
        assert_eq!(
            c.crowdfunding,
            RouteOutcome::Qualifies {
                until: d(2026, 12, 2)
            }
        );
        assert_eq!(c.direct, RouteOutcome::DoesNot(NotEligible::NotVenture));
        // One day older: too old.
        let c = check(Some(d(2019, 12, 1)), Venture::NotCertified);
        assert_eq!(
            c.crowdfunding,
            RouteOutcome::DoesNot(NotEligible::TooOld {
                until: d(2026, 12, 1)
            })
        );

        // A young company: the route ends at the sunset, not at year seven.
        let c = check(Some(d(2023, 3, 2)), Venture::CertifiedUntil(d(2029, 6, 30)));
        assert_eq!(
            c.crowdfunding,
            RouteOutcome::Qualifies {
                until: d(2028, 12, 31)
            }
        );
        assert_eq!(
            c.direct,
            RouteOutcome::Qualifies {
                until: d(2028, 12, 31)
            }
        );
        // A confirmation valid today counts; one that ended yesterday not.
        let c = check(None, Venture::CertifiedUntil(today));
        assert_eq!(c.direct, RouteOutcome::Qualifies { until: today });
        let c = check(None, Venture::CertifiedUntil(d(2026, 12, 1)));
        assert_eq!(
            c.direct,
            RouteOutcome::DoesNot(NotEligible::VentureExpired {
                until: d(2026, 12, 1)
            })
        );

        // After the sunset nothing qualifies.
        let c = check_deduction(
            CompanyFacts {
                opened_on: Some(d(2028, 1, 1)),
                venture: Venture::CertifiedUntil(d(2030, 1, 1)),
            },
            d(2029, 1, 1),
        );
        let after = RouteOutcome::DoesNot(NotEligible::AfterSunset {
            sunset: d(2028, 12, 31),
        });
        assert_eq!((c.direct, c.crowdfunding), (after, after));
    }

    #[test]
    fn the_tier_rows_are_the_statutes() {
        assert_eq!(
            deduction_tier_rows(),
            vec![
                (Won::ZERO, Some(man(3_000)), 100),
                (man(3_000), Some(man(5_000)), 70),
                (man(5_000), None, 30),
            ]
        );
    }
}
