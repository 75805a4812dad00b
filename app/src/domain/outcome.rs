//! What came of the forums: investments, supply and export contracts,
//! joint development, jobs, patents and crowdfunding rounds a company
//! reports after presenting. Admins record outcomes directly; founders
//! record their own, which count only once an admin confirms them. Each
//! outcome is attributed to one or more forums the company presented at,
//! and cannot predate the earliest of them.

use super::field::{validate_multiline_text, FieldError, FieldProblem};
use super::forum::parse_date;
use super::money::{parse_won, Won};
use crate::stored_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The largest single outcome the portal accepts: 10조원. Above any
/// regional startup's round or contract; a typo with three more zeros is
/// refused rather than swelling the programme's totals.
pub const MAX_OUTCOME_WON: i64 = 10_000_000_000_000;
/// Export contracts in whole US dollars, up to 10 billion.
pub const MAX_OUTCOME_USD: i64 = 10_000_000_000;
/// New jobs in one outcome.
pub const MAX_HEADCOUNT: i64 = 10_000;
pub const MAX_EVIDENCE_CHARS: usize = 1_000;
/// Forums one outcome may be attributed to.
pub const MAX_FORUMS_PER_OUTCOME: usize = 10;

stored_enum!(
    /// The programme's outcome categories.
    OutcomeKind {
        Investment => "investment",
        SupplyContract => "supply_contract",
        ExportContract => "export_contract",
        Collaboration => "collaboration",
        Hiring => "hiring",
        Patent => "patent",
        Crowdfunding => "crowdfunding",
    }
);

impl OutcomeKind {
    /// Kinds measured in won: the amount is required.
    pub fn needs_amount(self) -> bool {
        matches!(
            self,
            OutcomeKind::Investment
                | OutcomeKind::SupplyContract
                | OutcomeKind::ExportContract
                | OutcomeKind::Crowdfunding
        )
    }
}

stored_enum!(
    /// Who the other side was.
    Counterparty {
        AngelClub => "angel_club",
        VentureCapital => "venture_capital",
        LargeCompany => "large_company",
        SmallCompany => "small_company",
        PublicBody => "public_body",
        Overseas => "overseas",
        Crowd => "crowd",
        Other => "other",
    }
);

stored_enum!(
    /// Admin-recorded outcomes are confirmed at once; a founder's waits.
    OutcomeStatus {
        Pending => "pending",
        Confirmed => "confirmed",
        Rejected => "rejected",
    }
);

/// An outcome as stored, with its company and forums for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    pub id: i64,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub kind: OutcomeKind,
    pub amount: Option<i64>,
    pub amount_usd: Option<i64>,
    pub headcount: Option<i64>,
    pub occurred_on: NaiveDate,
    pub counterparty: Counterparty,
    pub evidence: String,
    pub status: OutcomeStatus,
    pub recorded_by: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// (forum id, title), oldest forum first.
    pub forums: Vec<(i64, String)>,
}

/// The outcome form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeForm {
    pub kind: String,
    #[serde(default)]
    pub amount: String,
    /// Export contracts: the dollar amount, beside the won value.
    #[serde(default)]
    pub amount_usd: String,
    /// Hiring: the number of new jobs.
    #[serde(default)]
    pub headcount: String,
    pub occurred_on: String,
    pub counterparty: String,
    #[serde(default)]
    pub evidence: String,
    /// The forums it is attributed to (their ids; checkboxes).
    #[serde(default)]
    pub forums: Vec<String>,
}

/// A checked outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeFields {
    pub kind: OutcomeKind,
    pub amount: Option<Won>,
    pub amount_usd: Option<i64>,
    pub headcount: Option<i64>,
    pub occurred_on: NaiveDate,
    pub counterparty: Counterparty,
    pub evidence: String,
    pub forum_ids: Vec<i64>,
}

impl OutcomeForm {
    /// Checks the form. `forum_day` gives the Seoul date of a forum the
    /// company presented at (`None`: not one of its forums); `today` is
    /// Seoul's date now.
    pub fn validate(
        &self,
        forum_day: impl Fn(i64) -> Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<OutcomeFields, FieldError> {
        let kind = OutcomeKind::parse(self.kind.trim())
            .ok_or(FieldError::new("kind", FieldProblem::UnknownChoice))?;
        let amount = match self.amount.trim() {
            "" if kind.needs_amount() => {
                return Err(FieldError::new("amount", FieldProblem::Required))
            }
            "" => None,
            raw => {
                let won = parse_won(raw)
                    .map_err(|_| FieldError::new("amount", FieldProblem::AmountOutOfRange))?;
                if !(1..=MAX_OUTCOME_WON).contains(&won.get()) {
                    return Err(FieldError::new("amount", FieldProblem::AmountOutOfRange));
                }
                Some(won)
            }
        };
        let amount_usd = if kind == OutcomeKind::ExportContract {
            Some(whole_number(
                "amount_usd",
                &self.amount_usd,
                MAX_OUTCOME_USD,
            )?)
        } else {
            None
        };
        let headcount = if kind == OutcomeKind::Hiring {
            Some(whole_number("headcount", &self.headcount, MAX_HEADCOUNT)?)
        } else {
            None
        };
        let occurred_on = parse_date("occurred_on", &self.occurred_on)?;
        if occurred_on > today {
            return Err(FieldError::new("occurred_on", FieldProblem::DateInFuture));
        }
        let counterparty = Counterparty::parse(self.counterparty.trim())
            .ok_or(FieldError::new("counterparty", FieldProblem::UnknownChoice))?;
        let evidence =
            validate_multiline_text("evidence", &self.evidence, MAX_EVIDENCE_CHARS, true)?;
        let mut forum_ids = Vec::new();
        for raw in &self.forums {
            let id: i64 = raw
                .trim()
                .parse()
                .map_err(|_| FieldError::new("forums", FieldProblem::UnknownChoice))?;
            let day =
                forum_day(id).ok_or(FieldError::new("forums", FieldProblem::UnknownChoice))?;
            if occurred_on < day {
                return Err(FieldError::new("occurred_on", FieldProblem::BeforeTheForum));
            }
            if !forum_ids.contains(&id) {
                forum_ids.push(id);
            }
        }
        if forum_ids.is_empty() {
            return Err(FieldError::new("forums", FieldProblem::Required));
        }
        if forum_ids.len() > MAX_FORUMS_PER_OUTCOME {
            return Err(FieldError::new(
                "forums",
                FieldProblem::TooMany {
                    max: MAX_FORUMS_PER_OUTCOME,
                },
            ));
        }
        Ok(OutcomeFields {
            kind,
            amount,
            amount_usd,
            headcount,
            occurred_on,
            counterparty,
            evidence,
            forum_ids,
        })
    }
}

/// A whole number from 1 to `max`, with thousands separators allowed.
fn whole_number(field: &'static str, raw: &str, max: i64) -> Result<i64, FieldError> {
    let cleaned: String = raw
        .trim()
        .trim_start_matches(['$', '＄'])
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if cleaned.is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    let n: i64 = cleaned
        .parse()
        .map_err(|_| FieldError::new(field, FieldProblem::NotANumber))?;
    if !(1..=max).contains(&n) {
        return Err(FieldError::new(
            field,
            FieldProblem::OutOfRange { min: 1, max },
        ));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn form(kind: &str) -> OutcomeForm {
        OutcomeForm {
            kind: kind.into(),
            amount: "20억".into(),
            amount_usd: String::new(),
            headcount: String::new(),
            occurred_on: "2026-09-01".into(),
            counterparty: "large_company".into(),
            evidence: "계약서 사본 확인 (2026-09-01 체결)".into(),
            forums: vec!["5".into()],
        }
    }

    /// Forum 5 was on 2026-07-10, forum 6 on 2026-10-06; 9 is not the
    /// company's.
    fn forums(id: i64) -> Option<NaiveDate> {
        match id {
            5 => Some(day("2026-07-10")),
            6 => Some(day("2026-10-06")),
            _ => None,
        }
    }

    const TODAY: &str = "2026-12-07";

    #[test]
    fn a_supply_contract_in_won() {
        let ok = form("supply_contract")
            .validate(forums, day(TODAY))
            .unwrap();
        assert_eq!(ok.kind, OutcomeKind::SupplyContract);
        assert_eq!(ok.amount, Some(Won(2_000_000_000)));
        assert_eq!((ok.amount_usd, ok.headcount), (None, None));
        assert_eq!(ok.forum_ids, [5]);
    }

    #[test]
    fn amounts_must_be_positive_and_sane() {
        for bad in ["-5억", "0", "100조", "many"] {
            let mut f = form("investment");
            f.amount = bad.into();
            let err = f.validate(forums, day(TODAY)).unwrap_err();
            assert_eq!(
                (err.field, err.problem),
                ("amount", FieldProblem::AmountOutOfRange),
                "{bad}"
            );
        }
        let mut f = form("investment");
        f.amount = " ".into();
        assert_eq!(
            f.validate(forums, day(TODAY)).unwrap_err().problem,
            FieldProblem::Required
        );
        // A collaboration may have no amount.
        let mut f = form("collaboration");
        f.amount.clear();
        assert_eq!(f.validate(forums, day(TODAY)).unwrap().amount, None);
    }

    #[test]
    fn exports_in_dollars_with_the_won_value_and_jobs_as_a_count() {
        let mut f = form("export_contract");
        f.amount_usd = "$1,500,000".into();
        let ok = f.validate(forums, day(TODAY)).unwrap();
        assert_eq!(ok.amount_usd, Some(1_500_000));
        f.amount_usd = String::new();
        assert_eq!(
            f.validate(forums, day(TODAY)).unwrap_err().field,
            "amount_usd"
        );

        let mut f = form("hiring");
        f.amount.clear();
        f.headcount = "12".into();
        assert_eq!(f.validate(forums, day(TODAY)).unwrap().headcount, Some(12));
        f.headcount = "0".into();
        assert_eq!(
            f.validate(forums, day(TODAY)).unwrap_err().problem,
            FieldProblem::OutOfRange {
                min: 1,
                max: MAX_HEADCOUNT
            }
        );
    }

    #[test]
    fn an_outcome_follows_its_forums_and_is_not_in_the_future() {
        let mut f = form("investment");
        f.forums = vec!["5".into(), "6".into()];
        let err = f.validate(forums, day(TODAY)).unwrap_err();
        assert_eq!(
            (err.field, err.problem),
            ("occurred_on", FieldProblem::BeforeTheForum),
            "2026-09-01 is before forum 6"
        );
        f.occurred_on = "2026-10-06".into();
        assert_eq!(f.validate(forums, day(TODAY)).unwrap().forum_ids, [5, 6]);
        f.occurred_on = "2026-12-08".into();
        assert_eq!(
            f.validate(forums, day(TODAY)).unwrap_err().problem,
            FieldProblem::DateInFuture
        );
        let mut f = form("investment");
        f.forums = vec!["9".into()];
        assert_eq!(f.validate(forums, day(TODAY)).unwrap_err().field, "forums");
        f.forums.clear();
        assert_eq!(
            f.validate(forums, day(TODAY)).unwrap_err().problem,
            FieldProblem::Required
        );
        let mut f = form("investment");
        f.evidence.clear();
        assert_eq!(
            f.validate(forums, day(TODAY)).unwrap_err().field,
            "evidence"
        );
        f.evidence = "확인".into();
        f.kind = "lottery".into();
        assert_eq!(f.validate(forums, day(TODAY)).unwrap_err().field, "kind");
    }
}
