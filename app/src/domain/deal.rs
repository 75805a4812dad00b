//! Deal flow: an investor's interest in a company as a ladder of stages,
//! the rules for moving along it, and the pipeline arithmetic (value per
//! stage, days in stage, the stale mark). Pure: the store records what these
//! rules allow, the pages show what they compute.

use super::field::{validate_multiline_text, FieldError, FieldProblem};
use super::money::{parse_won, Won};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The largest amount a deal form accepts: 1조원. Anything above is a typo
/// in a regional angel round.
pub const MAX_DEAL_WON: i64 = 1_000_000_000_000;
/// Notes on a stage change and club notes, in bytes.
pub const MAX_NOTE_BYTES: usize = 20_000;
/// A meeting request's message to the founders, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2_000;
/// A founder's answer to a meeting request, in characters.
pub const MAX_ANSWER_CHARS: usize = 1_000;
/// A club's pipeline marks a card stale after this many days without a
/// change, unless the club chose otherwise.
pub const DEFAULT_STALE_AFTER_DAYS: i64 = 30;
pub const MAX_STALE_AFTER_DAYS: i64 = 365;

crate::stored_enum!(
    /// Where an investor stands with a company. The first six are a ladder
    /// in this order; `Passed` can be reached from any of them.
    InterestStage {
        Watching => "watching",
        Interested => "interested",
        MeetingRequested => "meeting_requested",
        DueDiligence => "due_diligence",
        Intends => "intends",
        Invested => "invested",
        Passed => "passed",
    }
);

crate::stored_enum!(
    /// How an interested investor means to put money in.
    InvestmentRoute {
        Direct => "direct",
        PersonalFund => "personal_fund",
        Crowdfunding => "crowdfunding",
    }
);

crate::stored_enum!(
    /// A founder's answer to a meeting request.
    MeetingStatus {
        Pending => "pending",
        Accepted => "accepted",
        Declined => "declined",
    }
);

impl InterestStage {
    /// Position on the ladder; `Passed` stands beside it.
    pub fn rank(self) -> Option<u8> {
        match self {
            InterestStage::Watching => Some(0),
            InterestStage::Interested => Some(1),
            InterestStage::MeetingRequested => Some(2),
            InterestStage::DueDiligence => Some(3),
            InterestStage::Intends => Some(4),
            InterestStage::Invested => Some(5),
            InterestStage::Passed => None,
        }
    }

    /// Going from `self` to `to` undoes progress: down the ladder, or out
    /// of `Passed` again. Such a move needs a note saying why.
    pub fn is_backward_to(self, to: InterestStage) -> bool {
        match (self.rank(), to.rank()) {
            (Some(from), Some(to)) => to < from,
            (None, Some(_)) => true,
            _ => false,
        }
    }

    /// Founders see who is interested only from a meeting request up;
    /// below that an investor is a count, not a name.
    pub fn names_investor_to_founder(self) -> bool {
        self.rank()
            .is_some_and(|r| r >= InterestStage::MeetingRequested.rank().unwrap_or(0))
    }

    /// Stages whose record carries a figure the pipeline adds up.
    pub fn has_value(self) -> bool {
        matches!(
            self,
            InterestStage::Interested
                | InterestStage::MeetingRequested
                | InterestStage::DueDiligence
                | InterestStage::Intends
                | InterestStage::Invested
        )
    }
}

/// The current state of one investor's interest in one company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestTerms {
    pub stage: InterestStage,
    pub amount_min: Option<Won>,
    pub amount_max: Option<Won>,
    pub route: Option<InvestmentRoute>,
    /// What the investor intends to put in or has put in.
    pub amount: Option<Won>,
    pub invested_on: Option<NaiveDate>,
}

impl InterestTerms {
    pub fn watching() -> Self {
        InterestTerms {
            stage: InterestStage::Watching,
            amount_min: None,
            amount_max: None,
            route: None,
            amount: None,
            invested_on: None,
        }
    }

    /// The amount the pipeline counts for this interest: the stated amount
    /// once there is one (intends, invested), before that the low end of
    /// the range the investor gave — a pipeline should not promise more
    /// than the investors did. Nothing for watching or passed.
    pub fn pipeline_value(&self) -> Won {
        if !self.stage.has_value() {
            return Won::ZERO;
        }
        self.amount.or(self.amount_min).unwrap_or(Won::ZERO)
    }

    /// The terms after `change`: figures a stage does not ask for carry
    /// over from before (a meeting request keeps the range stated earlier).
    pub fn after(&self, change: &StageChange) -> InterestTerms {
        InterestTerms {
            stage: change.to,
            amount_min: change.amount_min.or(self.amount_min),
            amount_max: change.amount_max.or(self.amount_max),
            route: change.route.or(self.route),
            amount: change.amount.or(self.amount),
            invested_on: change.invested_on.or(self.invested_on),
        }
    }
}

/// A stage change as posted by the ladder form: every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChangeForm {
    pub stage: String,
    #[serde(default)]
    pub amount_min: String,
    #[serde(default)]
    pub amount_max: String,
    #[serde(default)]
    pub route: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub invested_on: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub message: String,
}

/// A validated stage change, ready to be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageChange {
    pub to: InterestStage,
    pub amount_min: Option<Won>,
    pub amount_max: Option<Won>,
    pub route: Option<InvestmentRoute>,
    pub amount: Option<Won>,
    pub invested_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// The message to the founders (meeting requests only).
    pub message: Option<String>,
}

/// A deal amount: whole won from 1 to 1조, typed the Korean way or not.
fn deal_amount(field: &'static str, raw: &str) -> Result<Won, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    let won = parse_won(raw).map_err(|_| FieldError::new(field, FieldProblem::AmountOutOfRange))?;
    if !(1..=MAX_DEAL_WON).contains(&won.get()) {
        return Err(FieldError::new(field, FieldProblem::AmountOutOfRange));
    }
    Ok(won)
}

/// Multi-line plain text capped in bytes (the storage cost), optional.
fn note_text(
    field: &'static str,
    raw: &str,
    max_bytes: usize,
    required: bool,
) -> Result<Option<String>, FieldError> {
    if raw.len() > max_bytes {
        return Err(FieldError::new(
            field,
            FieldProblem::TooLarge {
                max_kb: max_bytes / 1_000,
            },
        ));
    }
    // The byte cap above is the binding one; the character cap only has to
    // be no tighter.
    let text = validate_multiline_text(field, raw, max_bytes, required)?;
    Ok(Some(text).filter(|t| !t.is_empty()))
}

impl StageChangeForm {
    /// Checks the change from `from` (no interest yet: `None`) on `today`
    /// (the Seoul date): each stage asks for its own figures, a move back
    /// needs a note, nothing lands in the future.
    pub fn validate(
        &self,
        from: Option<InterestStage>,
        today: NaiveDate,
    ) -> Result<StageChange, FieldError> {
        let to = InterestStage::parse(self.stage.trim())
            .ok_or(FieldError::new("stage", FieldProblem::UnknownChoice))?;
        // Repeating a stage is allowed where it restates a figure (a new
        // range, a revised amount); elsewhere it would only add noise.
        if from == Some(to)
            && !matches!(
                to,
                InterestStage::Interested | InterestStage::Intends | InterestStage::Invested
            )
        {
            return Err(FieldError::new("stage", FieldProblem::SameStage));
        }
        let backward = from.is_some_and(|f| f.is_backward_to(to));
        let note_required = backward || to == InterestStage::Passed;
        let note = note_text("note", &self.note, MAX_NOTE_BYTES, note_required)?;

        let mut change = StageChange {
            to,
            amount_min: None,
            amount_max: None,
            route: None,
            amount: None,
            invested_on: None,
            note,
            message: None,
        };
        match to {
            InterestStage::Interested => {
                let min = deal_amount("amount_min", &self.amount_min)?;
                let max = deal_amount("amount_max", &self.amount_max)?;
                if min > max {
                    return Err(FieldError::new("amount_max", FieldProblem::RangeReversed));
                }
                change.amount_min = Some(min);
                change.amount_max = Some(max);
                change.route = Some(
                    InvestmentRoute::parse(self.route.trim())
                        .ok_or(FieldError::new("route", FieldProblem::UnknownChoice))?,
                );
            }
            InterestStage::MeetingRequested => {
                change.message = note_text("message", &self.message, MAX_MESSAGE_CHARS * 4, true)?;
                if change
                    .message
                    .as_ref()
                    .is_some_and(|m| m.chars().count() > MAX_MESSAGE_CHARS)
                {
                    return Err(FieldError::new(
                        "message",
                        FieldProblem::TooLong {
                            max: MAX_MESSAGE_CHARS,
                        },
                    ));
                }
            }
            InterestStage::Intends => {
                change.amount = Some(deal_amount("amount", &self.amount)?);
            }
            InterestStage::Invested => {
                change.amount = Some(deal_amount("amount", &self.amount)?);
                let raw = self.invested_on.trim();
                if raw.is_empty() {
                    return Err(FieldError::new("invested_on", FieldProblem::Required));
                }
                let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map_err(|_| FieldError::new("invested_on", FieldProblem::DateInvalid))?;
                if date > today {
                    return Err(FieldError::new("invested_on", FieldProblem::DateInFuture));
                }
                change.invested_on = Some(date);
            }
            InterestStage::Watching | InterestStage::DueDiligence | InterestStage::Passed => {}
        }
        Ok(change)
    }
}

/// A founder's answer to a meeting request, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingAnswerForm {
    pub decision: String,
    #[serde(default)]
    pub proposed_at: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingAnswer {
    pub status: MeetingStatus,
    /// Accepting proposes a time (Seoul wall clock, stored as UTC).
    pub proposed_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
}

impl MeetingAnswerForm {
    /// Accept with a proposed time (`YYYY-MM-DDTHH:MM`, Seoul, from a
    /// `datetime-local` field) that is not in the past, or decline with a
    /// note.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<MeetingAnswer, FieldError> {
        let status = match self.decision.trim() {
            "accept" => MeetingStatus::Accepted,
            "decline" => MeetingStatus::Declined,
            _ => return Err(FieldError::new("decision", FieldProblem::UnknownChoice)),
        };
        let note = note_text(
            "note",
            &self.note,
            MAX_ANSWER_CHARS * 4,
            status == MeetingStatus::Declined,
        )?;
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_ANSWER_CHARS)
        {
            return Err(FieldError::new(
                "note",
                FieldProblem::TooLong {
                    max: MAX_ANSWER_CHARS,
                },
            ));
        }
        let proposed_at = if status == MeetingStatus::Accepted {
            let raw = self.proposed_at.trim();
            if raw.is_empty() {
                return Err(FieldError::new("proposed_at", FieldProblem::Required));
            }
            let local = chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
                .or_else(|_| chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M"))
                .map_err(|_| FieldError::new("proposed_at", FieldProblem::DateInvalid))?;
            let at = local
                .and_local_timezone(super::seoul_time::seoul_offset())
                .single()
                .ok_or(FieldError::new("proposed_at", FieldProblem::DateInvalid))?
                .with_timezone(&Utc);
            if at < now {
                return Err(FieldError::new("proposed_at", FieldProblem::DateInPast));
            }
            Some(at)
        } else {
            None
        };
        Ok(MeetingAnswer {
            status,
            proposed_at,
            note,
        })
    }
}

/// Whole days an interest has stood in its stage, counted in Seoul dates
/// (a change at 23:50 is a day old ten minutes later, as people count).
pub fn days_in_stage(since: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    use super::seoul_time::seoul_date;
    (seoul_date(now) - seoul_date(since)).num_days().max(0)
}

/// A card is stale once it has sat `stale_after_days` or more without a
/// change. Finished (invested) and closed (passed) interests never are.
pub fn is_stale(stage: InterestStage, days: i64, stale_after_days: i64) -> bool {
    !matches!(stage, InterestStage::Invested | InterestStage::Passed) && days >= stale_after_days
}

/// A club's stale threshold as posted from its settings form.
pub fn parse_stale_after_days(raw: &str) -> Result<i64, FieldError> {
    let days: i64 = raw
        .trim()
        .parse()
        .map_err(|_| FieldError::new("stale_after_days", FieldProblem::NotANumber))?;
    if !(1..=MAX_STALE_AFTER_DAYS).contains(&days) {
        return Err(FieldError::new(
            "stale_after_days",
            FieldProblem::OutOfRange {
                min: 1,
                max: MAX_STALE_AFTER_DAYS,
            },
        ));
    }
    Ok(days)
}

/// A club note's Markdown: required, at most [`MAX_NOTE_BYTES`].
pub fn validate_club_note(raw: &str) -> Result<String, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::new("markdown", FieldProblem::Required));
    }
    if raw.len() > MAX_NOTE_BYTES {
        return Err(FieldError::new(
            "markdown",
            FieldProblem::TooLarge {
                max_kb: MAX_NOTE_BYTES / 1_000,
            },
        ));
    }
    // Line endings as one kind, so an edit from another OS is no change.
    Ok(raw.replace("\r\n", "\n").trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn form(stage: &str) -> StageChangeForm {
        StageChangeForm {
            stage: stage.into(),
            ..Default::default()
        }
    }

    fn problem(r: Result<StageChange, FieldError>) -> (&'static str, FieldProblem) {
        let e = r.expect_err("should be rejected");
        (e.field, e.problem)
    }

    #[test]
    fn stages_round_trip_and_rank() {
        for s in InterestStage::ALL {
            assert_eq!(InterestStage::parse(s.as_str()), Some(*s));
        }
        assert_eq!(InterestStage::parse("bought"), None);
        assert!(InterestStage::Invested.is_backward_to(InterestStage::Intends));
        assert!(!InterestStage::Watching.is_backward_to(InterestStage::Invested));
        assert!(!InterestStage::Invested.is_backward_to(InterestStage::Passed));
        assert!(InterestStage::Passed.is_backward_to(InterestStage::Watching));
        assert!(!InterestStage::Interested.names_investor_to_founder());
        assert!(InterestStage::MeetingRequested.names_investor_to_founder());
        assert!(InterestStage::Invested.names_investor_to_founder());
        assert!(!InterestStage::Passed.names_investor_to_founder());
    }

    #[test]
    fn interested_needs_an_ordered_range_and_a_route() {
        let mut f = form("interested");
        assert_eq!(
            problem(f.validate(None, today())),
            ("amount_min", FieldProblem::Required)
        );
        f.amount_min = "5천만".into();
        f.amount_max = "3천만원".into();
        f.route = "direct".into();
        assert_eq!(
            problem(f.validate(None, today())),
            ("amount_max", FieldProblem::RangeReversed)
        );
        f.amount_max = "1억".into();
        f.route = "lottery".into();
        assert_eq!(
            problem(f.validate(None, today())),
            ("route", FieldProblem::UnknownChoice)
        );
        f.route = "personal_fund".into();
        let ok = f.validate(Some(InterestStage::Watching), today()).unwrap();
        assert_eq!(ok.amount_min, Some(Won(50_000_000)));
        assert_eq!(ok.amount_max, Some(Won(100_000_000)));
        assert_eq!(ok.route, Some(InvestmentRoute::PersonalFund));
    }

    #[test]
    fn amounts_stop_at_one_jo_and_start_above_zero() {
        let mut f = form("intends");
        f.amount = "1조".into();
        assert_eq!(
            f.validate(None, today()).unwrap().amount,
            Some(Won(MAX_DEAL_WON))
        );
        for bad in ["1조 1원", "-5000", "0", "abc", "1경"] {
            f.amount = bad.into();
            assert_eq!(
                problem(f.validate(None, today())),
                ("amount", FieldProblem::AmountOutOfRange),
                "{bad}"
            );
        }
    }

    #[test]
    fn invested_needs_a_date_not_in_the_future() {
        let mut f = form("invested");
        f.amount = "2억".into();
        assert_eq!(
            problem(f.validate(None, today())),
            ("invested_on", FieldProblem::Required)
        );
        f.invested_on = "2026-12-02".into();
        assert_eq!(
            problem(f.validate(None, today())),
            ("invested_on", FieldProblem::DateInFuture)
        );
        f.invested_on = "2026-13-01".into();
        assert_eq!(
            problem(f.validate(None, today())),
            ("invested_on", FieldProblem::DateInvalid)
        );
        f.invested_on = "2026-12-01".into();
        let ok = f.validate(Some(InterestStage::Intends), today()).unwrap();
        assert_eq!(ok.invested_on, today().into());
        assert_eq!(ok.amount, Some(Won(200_000_000)));
    }

    #[test]
    fn moving_back_or_passing_needs_a_note() {
        let f = form("watching");
        assert_eq!(
            problem(f.validate(Some(InterestStage::DueDiligence), today())),
            ("note", FieldProblem::Required)
        );
        assert_eq!(
            problem(form("passed").validate(Some(InterestStage::Watching), today())),
            ("note", FieldProblem::Required)
        );
        let mut f = form("passed");
        f.note = "시장 규모가 작음".into();
        assert!(f.validate(Some(InterestStage::Intends), today()).is_ok());
        let mut f = form("due_diligence");
        assert_eq!(
            problem(f.validate(Some(InterestStage::Passed), today())),
            ("note", FieldProblem::Required)
        );
        f.note = "다시 검토".into();
        assert!(f.validate(Some(InterestStage::Passed), today()).is_ok());
        // Forward moves need none.
        assert!(form("due_diligence")
            .validate(Some(InterestStage::Watching), today())
            .is_ok());
    }

    #[test]
    fn notes_are_capped_at_twenty_kilobytes() {
        let mut f = form("passed");
        f.note = "가".repeat(MAX_NOTE_BYTES / 3 + 1);
        assert_eq!(
            problem(f.validate(None, today())),
            ("note", FieldProblem::TooLarge { max_kb: 20 })
        );
        f.note = "가".repeat(MAX_NOTE_BYTES / 3);
        assert!(f.validate(None, today()).is_ok());
    }

    #[test]
    fn meeting_requests_carry_a_message() {
        let mut f = form("meeting_requested");
        assert_eq!(
            problem(f.validate(None, today())),
            ("message", FieldProblem::Required)
        );
        f.message = "다음 주에 공장을 방문하고 싶습니다.".into();
        let ok = f
            .validate(Some(InterestStage::Interested), today())
            .unwrap();
        assert!(ok.message.unwrap().contains("공장"));
        f.message = "a".repeat(MAX_MESSAGE_CHARS + 1);
        assert_eq!(
            problem(f.validate(None, today())),
            (
                "message",
                FieldProblem::TooLong {
                    max: MAX_MESSAGE_CHARS
                }
            )
        );
        assert_eq!(
            problem(f.validate(Some(InterestStage::MeetingRequested), today())),
            ("stage", FieldProblem::SameStage)
        );
    }

    #[test]
    fn unknown_stages_are_refused() {
        assert_eq!(
            problem(form("'; DROP TABLE").validate(None, today())),
            ("stage", FieldProblem::UnknownChoice)
        );
    }

    #[test]
    fn pipeline_value_counts_what_was_promised() {
        let mut t = InterestTerms::watching();
        assert_eq!(t.pipeline_value(), Won::ZERO);
        let mut f = form("interested");
        f.amount_min = "3000만".into();
        f.amount_max = "5000만".into();
        f.route = "direct".into();
        t = t.after(&f.validate(Some(t.stage), today()).unwrap());
        assert_eq!(t.pipeline_value(), Won(30_000_000));
        t = t.after(
            &form("due_diligence")
                .validate(Some(t.stage), today())
                .unwrap(),
        );
        assert_eq!(
            t.pipeline_value(),
            Won(30_000_000),
            "the range carries over"
        );
        let mut f = form("intends");
        f.amount = "4500만".into();
        t = t.after(&f.validate(Some(t.stage), today()).unwrap());
        assert_eq!(t.pipeline_value(), Won(45_000_000));
        let mut f = form("passed");
        f.note = "no".into();
        t = t.after(&f.validate(Some(t.stage), today()).unwrap());
        assert_eq!(t.pipeline_value(), Won::ZERO);
    }

    #[test]
    fn days_and_staleness_count_seoul_dates() {
        let since = Utc.with_ymd_and_hms(2026, 11, 1, 14, 50, 0).unwrap(); // 23:50 KST
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 15, 0, 0).unwrap(); // 00:00 KST next day
        assert_eq!(days_in_stage(since, now), 1);
        assert_eq!(days_in_stage(now, since), 0);
        assert!(is_stale(InterestStage::Interested, 30, 30));
        assert!(!is_stale(InterestStage::Interested, 29, 30));
        assert!(!is_stale(InterestStage::Invested, 400, 30));
        assert!(!is_stale(InterestStage::Passed, 400, 30));
    }

    #[test]
    fn stale_threshold_is_a_sane_number_of_days() {
        assert_eq!(parse_stale_after_days(" 45 "), Ok(45));
        assert!(parse_stale_after_days("0").is_err());
        assert!(parse_stale_after_days("366").is_err());
        assert!(parse_stale_after_days("a").is_err());
    }

    #[test]
    fn meeting_answers() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let accept = MeetingAnswerForm {
            decision: "accept".into(),
            proposed_at: "2026-12-03T14:00".into(),
            note: String::new(),
        };
        let a = accept.validate(now).unwrap();
        assert_eq!(a.status, MeetingStatus::Accepted);
        // 14:00 in Seoul is 05:00 UTC.
        assert_eq!(
            a.proposed_at,
            Some(Utc.with_ymd_and_hms(2026, 12, 3, 5, 0, 0).unwrap())
        );
        let past = MeetingAnswerForm {
            proposed_at: "2026-11-30T14:00".into(),
            ..accept.clone()
        };
        assert_eq!(
            past.validate(now).unwrap_err().problem,
            FieldProblem::DateInPast
        );
        let decline = MeetingAnswerForm {
            decision: "decline".into(),
            ..Default::default()
        };
        assert_eq!(
            decline.validate(now).unwrap_err(),
            FieldError::new("note", FieldProblem::Required)
        );
        let decline = MeetingAnswerForm {
            note: "이번 분기는 어렵습니다".into(),
            ..decline
        };
        assert_eq!(decline.validate(now).unwrap().proposed_at, None);
    }

    #[test]
    fn club_notes_need_text_and_fit_the_cap() {
        assert!(validate_club_note("  ").is_err());
        assert!(validate_club_note(&"a".repeat(MAX_NOTE_BYTES + 1)).is_err());
        assert_eq!(validate_club_note("**좋음**\r\n").unwrap(), "**좋음**");
    }
}
