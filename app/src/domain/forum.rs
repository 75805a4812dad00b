//! Venture forums (신사업벤처포럼): the programme's pitch events. A forum
//! moves through five states, founders apply while applications are open,
//! and the accepted ones present in slots the operator orders. The rules
//! for the forum form, the state steps, applications and slots live here;
//! the server checks every form with them before anything is stored.

use super::field::{
    validate_multiline_text, validate_optional_int, validate_plain_text, FieldError, FieldProblem,
};
use super::seoul_time::seoul_offset;
use crate::stored_enum;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 100;
pub const MAX_VENUE_CHARS: usize = 120;
/// The forum's Markdown description, in bytes (also bounds the renderer).
pub const MAX_DESCRIPTION_BYTES: usize = 20_000;
pub const MAX_CAPACITY: i64 = 2_000;
pub const MAX_APPLICATION_NOTE_CHARS: usize = 500;
/// A forum lasts at most one day: its slots must fall on it.
pub const MAX_FORUM_HOURS: i64 = 14;

stored_enum!(
    /// Where a forum is in its life. Each step is taken by an admin.
    ForumState {
        Planning => "planning",
        Open => "open",
        Confirmed => "confirmed",
        Held => "held",
        Closed => "closed",
    }
);

impl ForumState {
    fn position(self) -> usize {
        ForumState::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<ForumState> {
        ForumState::ALL.get(self.position() + 1).copied()
    }

    /// The states an admin may move the forum to from here: the next one,
    /// or one back while the forum has not taken place (a slip in the
    /// schedule, applications reopened). Once held, only closing remains;
    /// a closed forum is the record of what happened.
    pub fn may_move_to(self, to: ForumState) -> bool {
        if Some(to) == self.next() {
            return true;
        }
        matches!(
            (self, to),
            (ForumState::Open, ForumState::Planning) | (ForumState::Confirmed, ForumState::Open)
        )
    }

    /// Founders may apply (and withdraw) only while applications are open.
    pub fn takes_applications(self) -> bool {
        self == ForumState::Open
    }

    /// Applications can be decided and slots arranged until the day.
    pub fn agenda_editable(self) -> bool {
        matches!(self, ForumState::Open | ForumState::Confirmed)
    }

    /// Visitors see the forum once it is announced (anything but planning).
    pub fn is_public(self) -> bool {
        self != ForumState::Planning
    }

    /// The agenda (the slot order) is public once confirmed.
    pub fn agenda_public(self) -> bool {
        self.position() >= ForumState::Confirmed.position()
    }

    /// Investors answer whether they come from the announcement to the day.
    pub fn takes_rsvps(self) -> bool {
        matches!(self, ForumState::Open | ForumState::Confirmed)
    }

    /// Attendance is marked on the day (and corrected until closing).
    pub fn attendance_open(self) -> bool {
        matches!(self, ForumState::Confirmed | ForumState::Held)
    }
}

stored_enum!(
    /// An investor's answer to a forum: 참석 / 미정 / 불참.
    RsvpAnswer {
        Attending => "attending",
        Maybe => "maybe",
        Declined => "declined",
    }
);

stored_enum!(
    /// Where an attending answer stands: a seat, or the waiting list.
    Seat {
        Seated => "seated",
        Waiting => "waiting",
    }
);

stored_enum!(
    /// A founder's application to present at a forum.
    ApplicationStatus {
        Pending => "pending",
        Accepted => "accepted",
        Declined => "declined",
        Withdrawn => "withdrawn",
    }
);

/// One investor's answer to a forum, as they see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RsvpRecord {
    pub answer: RsvpAnswer,
    pub seat: Option<Seat>,
    /// 1 for the first on the waiting list.
    pub waiting_position: Option<i64>,
    pub attended: bool,
}

/// A row of the admin's RSVP list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RsvpListRow {
    pub user_id: i64,
    pub name: String,
    pub club_name: Option<String>,
    pub answer: RsvpAnswer,
    pub seat: Option<Seat>,
    pub answered_at: DateTime<Utc>,
    pub attended: bool,
}

/// The admin's forum form, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumForm {
    pub title: String,
    /// `YYYY-MM-DD`, Seoul.
    pub date: String,
    /// `HH:MM`, Seoul.
    pub starts: String,
    pub ends: String,
    pub venue: String,
    /// A cluster's slug, or empty for all clusters.
    #[serde(default)]
    pub cluster: String,
    pub capacity: String,
    #[serde(default)]
    pub description: String,
}

/// A checked forum form: times as instants, the description as Markdown
/// (rendered and sanitised by the server when stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForumFields {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: String,
    pub cluster_slug: Option<String>,
    pub capacity: i64,
    pub description_md: String,
}

/// A Seoul wall-clock time on `date` as an instant.
pub fn seoul_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    NaiveDateTime::new(date, time)
        .and_local_timezone(seoul_offset())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

pub fn parse_date(field: &'static str, raw: &str) -> Result<NaiveDate, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, FieldProblem::DateInvalid))
}

/// `HH:MM` (a `time` input) or `HH:MM:SS` (what some browsers post).
pub fn parse_time(field: &'static str, raw: &str) -> Result<NaiveTime, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .map_err(|_| FieldError::new(field, FieldProblem::DateInvalid))
}

impl ForumForm {
    /// Checks the form. `known_cluster` says whether a cluster slug exists;
    /// a new forum must not start in the past (`now`), an edited one may
    /// keep its past date (`allow_past`).
    pub fn validate(
        &self,
        known_cluster: impl Fn(&str) -> bool,
        now: DateTime<Utc>,
        allow_past: bool,
    ) -> Result<ForumFields, FieldError> {
        let title = validate_plain_text("title", &self.title, MAX_TITLE_CHARS)?;
        let date = parse_date("date", &self.date)?;
        let starts = parse_time("starts", &self.starts)?;
        let ends = parse_time("ends", &self.ends)?;
        let starts_at = seoul_instant(date, starts);
        let ends_at = seoul_instant(date, ends);
        if ends_at <= starts_at {
            return Err(FieldError::new("ends", FieldProblem::EndsBeforeStarts));
        }
        if (ends_at - starts_at).num_hours() > MAX_FORUM_HOURS {
            return Err(FieldError::new(
                "ends",
                FieldProblem::OutOfRange {
                    min: 1,
                    max: MAX_FORUM_HOURS,
                },
            ));
        }
        if !allow_past && starts_at < now {
            return Err(FieldError::new("date", FieldProblem::DateInPast));
        }
        let venue = validate_plain_text("venue", &self.venue, MAX_VENUE_CHARS)?;
        let cluster = self.cluster.trim();
        let cluster_slug = if cluster.is_empty() {
            None
        } else if known_cluster(cluster) {
            Some(cluster.to_string())
        } else {
            return Err(FieldError::new("cluster", FieldProblem::UnknownChoice));
        };
        let capacity = validate_optional_int("capacity", &self.capacity, 1, MAX_CAPACITY)?
            .ok_or(FieldError::new("capacity", FieldProblem::Required))?;
        if self.description.len() > MAX_DESCRIPTION_BYTES {
            return Err(FieldError::new(
                "description",
                FieldProblem::TooLarge {
                    max_kb: MAX_DESCRIPTION_BYTES / 1_000,
                },
            ));
        }
        let description_md = super::company::normalise_markdown(&self.description);
        Ok(ForumFields {
            title,
            starts_at,
            ends_at,
            venue,
            cluster_slug,
            capacity,
            description_md,
        })
    }
}

/// A founder's application note: required, short, plain text.
pub fn validate_application_note(raw: &str) -> Result<String, FieldError> {
    validate_multiline_text("note", raw, MAX_APPLICATION_NOTE_CHARS, true)
}

/// One row of the admin's agenda form: an accepted application's place
/// and start time (`HH:MM`, Seoul, on the forum's day).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotInput {
    pub company_id: i64,
    pub position: String,
    pub starts: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub company_id: i64,
    pub position: i64,
    pub starts_at: DateTime<Utc>,
}

/// Checks an agenda: every accepted company once, positions 1..=n without
/// gaps or repeats, each start inside the forum's hours, and the start
/// times in the order of the positions (the agenda reads top to bottom).
/// The slots come back sorted by position.
pub fn validate_agenda(
    rows: &[SlotInput],
    accepted: &[i64],
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<Vec<Slot>, FieldError> {
    let day = super::seoul_time::seoul_date(starts_at);
    let mut slots = Vec::with_capacity(rows.len());
    for row in rows {
        if !accepted.contains(&row.company_id) {
            return Err(FieldError::new("slot", FieldProblem::UnknownChoice));
        }
        let field = "slot";
        let position = validate_optional_int(field, &row.position, 1, rows.len() as i64)?
            .ok_or(FieldError::new(field, FieldProblem::Required))?;
        let time = parse_time(field, &row.starts)?;
        let at = seoul_instant(day, time);
        if at < starts_at || at >= ends_at {
            return Err(FieldError::new(field, FieldProblem::OutsidePeriod));
        }
        slots.push(Slot {
            company_id: row.company_id,
            position,
            starts_at: at,
        });
    }
    if slots.len() != accepted.len() {
        return Err(FieldError::new("slot", FieldProblem::Required));
    }
    slots.sort_by_key(|s| s.position);
    for pair in slots.windows(2) {
        if pair[0].position == pair[1].position || pair[0].company_id == pair[1].company_id {
            return Err(FieldError::new("slot", FieldProblem::SlotRepeated));
        }
        if pair[1].starts_at < pair[0].starts_at {
            return Err(FieldError::new("slot", FieldProblem::DatesOutOfOrder));
        }
    }
    Ok(slots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-12-07T00:00:00Z".parse().unwrap()
    }

    fn form() -> ForumForm {
        ForumForm {
            title: "제7회 신사업벤처포럼".into(),
            date: "2026-12-17".into(),
            starts: "14:00".into(),
            ends: "17:30".into(),
            venue: "울산테크노파크 대회의실".into(),
            cluster: "carbon".into(),
            capacity: "80".into(),
            description: "## 순서\n\n- 기업 발표".into(),
        }
    }

    #[test]
    fn states_step_forward_and_back_only_before_the_day() {
        use ForumState::*;
        assert!(Planning.may_move_to(Open));
        assert!(Open.may_move_to(Confirmed));
        assert!(Confirmed.may_move_to(Held));
        assert!(Held.may_move_to(Closed));
        assert!(Open.may_move_to(Planning));
        assert!(Confirmed.may_move_to(Open));
        assert!(!Planning.may_move_to(Confirmed), "no skipping");
        assert!(!Held.may_move_to(Confirmed), "a held forum happened");
        assert!(!Closed.may_move_to(Held));
        assert!(!Closed.may_move_to(Closed));
        assert_eq!(Closed.next(), None);
        assert!(Open.takes_applications() && !Confirmed.takes_applications());
        assert!(!Planning.is_public() && Open.is_public());
        assert!(!Open.agenda_public() && Confirmed.agenda_public() && Closed.agenda_public());
    }

    #[test]
    fn a_forum_form_becomes_seoul_instants() {
        let f = form().validate(|s| s == "carbon", now(), false).unwrap();
        assert_eq!(
            f.starts_at,
            "2026-12-17T05:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(
            f.ends_at,
            "2026-12-17T08:30:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(f.cluster_slug.as_deref(), Some("carbon"));
        assert_eq!(f.capacity, 80);
    }

    #[test]
    fn a_bad_forum_form_names_its_field() {
        let check = |edit: fn(&mut ForumForm), field: &str, problem: FieldProblem| {
            let mut f = form();
            edit(&mut f);
            let err = f.validate(|s| s == "carbon", now(), false).unwrap_err();
            assert_eq!((err.field, err.problem), (field, problem));
        };
        check(|f| f.title.clear(), "title", FieldProblem::Required);
        check(
            |f| f.date = "17/12/2026".into(),
            "date",
            FieldProblem::DateInvalid,
        );
        check(
            |f| f.date = "2026-12-01".into(),
            "date",
            FieldProblem::DateInPast,
        );
        check(
            |f| f.ends = "13:00".into(),
            "ends",
            FieldProblem::EndsBeforeStarts,
        );
        check(
            |f| f.cluster = "nowhere".into(),
            "cluster",
            FieldProblem::UnknownChoice,
        );
        check(
            |f| f.capacity = "0".into(),
            "capacity",
            FieldProblem::OutOfRange {
                min: 1,
                max: MAX_CAPACITY,
            },
        );
        check(
            |f| f.capacity = "".into(),
            "capacity",
            FieldProblem::Required,
        );
        check(
            |f| f.description = "가".repeat(7_000),
            "description",
            FieldProblem::TooLarge { max_kb: 20 },
        );
        // An edit may keep a date that has passed.
        let mut past = form();
        past.date = "2026-06-01".into();
        assert!(past.validate(|_| true, now(), true).is_ok());
    }

    #[test]
    fn an_agenda_is_ordered_and_inside_the_forum() {
        let f = form().validate(|_| true, now(), false).unwrap();
        let row = |id, pos: &str, at: &str| SlotInput {
            company_id: id,
            position: pos.into(),
            starts: at.into(),
        };
        let ok = validate_agenda(
            &[row(7, "2", "14:30"), row(3, "1", "14:10")],
            &[3, 7],
            f.starts_at,
            f.ends_at,
        )
        .unwrap();
        assert_eq!(ok.iter().map(|s| s.company_id).collect::<Vec<_>>(), [3, 7]);
        let err = |rows: &[SlotInput]| {
            validate_agenda(rows, &[3, 7], f.starts_at, f.ends_at)
                .unwrap_err()
                .problem
        };
        assert_eq!(
            err(&[row(3, "1", "13:00"), row(7, "2", "14:30")]),
            FieldProblem::OutsidePeriod,
            "before the forum starts"
        );
        assert_eq!(
            err(&[row(3, "1", "14:10"), row(7, "2", "17:30")]),
            FieldProblem::OutsidePeriod,
            "at the forum's end"
        );
        assert_eq!(
            err(&[row(3, "1", "15:00"), row(7, "2", "14:30")]),
            FieldProblem::DatesOutOfOrder
        );
        assert_eq!(
            err(&[row(3, "1", "14:10"), row(7, "1", "14:30")]),
            FieldProblem::SlotRepeated
        );
        assert_eq!(
            err(&[row(3, "1", "14:10")]),
            FieldProblem::Required,
            "7 is missing"
        );
        assert_eq!(
            err(&[row(3, "1", "14:10"), row(9, "2", "14:30")]),
            FieldProblem::UnknownChoice,
            "9 was not accepted"
        );
    }

    #[test]
    fn an_application_note_is_required_and_short() {
        assert!(validate_application_note("  ").is_err());
        assert!(validate_application_note(&"가".repeat(501)).is_err());
        assert_eq!(
            validate_application_note(" 탄소섬유 발표 희망 ").unwrap(),
            "탄소섬유 발표 희망"
        );
    }
}
