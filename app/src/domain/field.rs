//! Form fields: what can be wrong with one, and the checks that plain-text,
//! e-mail, number and web-address fields share. A failure names its field
//! and a problem; the translation layer turns the problem into a sentence
//! where it is shown, so the message follows a language switch.

use super::password_policy::PasswordProblem;
use crate::i18n::Strings;
use serde::{Deserialize, Serialize};

pub const MAX_EMAIL_LEN: usize = 254;
pub const MAX_URL_LEN: usize = 200;

/// What is wrong with one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    Required,
    TooLong {
        max: usize,
    },
    EmailInvalid,
    /// Control characters or something that looks like an HTML tag in a
    /// plain-text field.
    NotPlainText,
    Password(PasswordProblem),
    PasswordsDiffer,
    RoleNotOffered,
    UnknownChoice,
    EmailTaken,
    ClubNameTaken,
    WrongCurrentPassword,
    NotOnYourself,
    /// A whole number was expected.
    NotANumber,
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// An amount of money outside what the form accepts.
    AmountOutOfRange,
    /// Not an `http://` or `https://` address.
    UrlInvalid,
    TooMany {
        max: usize,
    },
    /// Too large in bytes (Markdown sections, images); `max_kb` in KiB.
    TooLarge {
        max_kb: usize,
    },
    /// An upload that is not a PNG, JPEG or WebP image.
    ImageInvalid,
    /// Already a member of a company.
    AlreadyMember,
    /// Nothing to publish: the draft equals the published revision.
    NothingToPublish,
    /// Removing this member would leave the company without an owner.
    LastOwner,
    /// A deal is already at the stage chosen.
    SameStage,
    /// The deal moved (in another tab or window) since the form was shown.
    StageMovedMeanwhile,
    /// A meeting request that was already answered.
    AlreadyAnswered,
    /// The upper end of a range is below its lower end.
    RangeReversed,
    /// Not a date (or date and time) as the form's field writes it.
    DateInvalid,
    DateInFuture,
    DateInPast,
    /// A date before the one it must follow (an end before its start).
    DatesOutOfOrder,
    /// A date outside the period it belongs to.
    OutsidePeriod,
    /// More repaid than was borrowed.
    MoreThanBorrowed,
    /// Not a KSIC industry code.
    IndustryCodeInvalid,
    /// A checklist item is already in the status chosen.
    StatusUnchanged,
    /// Only the company's assigned consultant may do this.
    ConsultantOnly,
    /// A signed-off item must be reopened by a consultant first.
    SignedOffLocked,
    /// The item changed (in another tab or window) since the page was shown.
    StatusMovedMeanwhile,
    /// An evidence file that is not a PDF, PNG or JPEG.
    EvidenceInvalid,
    /// A template version without a single item.
    TemplateEmpty,
    /// A second template item with a title already used in the template.
    DuplicateTitle,
    /// Another admin saved a newer template version since the form was shown.
    TemplateChangedMeanwhile,
    /// The same place twice in a forum's agenda.
    SlotRepeated,
    /// The forum is not taking applications (or withdrawals) now.
    ForumNotOpen,
    /// The company already has a live application to the forum.
    AlreadyApplied,
    /// Another admin moved the forum's stage since the page was shown.
    ForumChangedMeanwhile,
    /// The accepted companies changed since the agenda form was shown.
    AgendaChangedMeanwhile,
    /// The forum has taken place or closed: its record stays as it is.
    ForumLocked,
    /// An end time at or before the start time of the same day.
    EndsBeforeStarts,
    /// The forum is not taking RSVPs in its stage.
    RsvpClosed,
    /// Attendance only between confirmation and closing.
    AttendanceClosed,
    /// Scorecard weights that do not add up to 100.
    WeightsNot100,
    /// A scorecard outside the forum's day or from someone not attending.
    ScoringClosed,
    /// The forum's feedback is out: its weights stay as they were.
    FeedbackReleased,
    /// Feedback is released once, after the forum closed.
    ReleaseNotReady,
    /// An outcome dated before a forum it is attributed to.
    BeforeTheForum,
    /// The outcome was confirmed or rejected meanwhile.
    OutcomeDecided,
}

impl FieldProblem {
    pub fn message(self, t: &Strings) -> String {
        match self {
            FieldProblem::Required => t.err_required.into(),
            FieldProblem::TooLong { max } => (t.err_too_long)(max),
            FieldProblem::EmailInvalid => t.err_email_invalid.into(),
            FieldProblem::NotPlainText => t.err_not_plain_text.into(),
            FieldProblem::Password(PasswordProblem::TooShort) => {
                (t.err_password_too_short)(super::password_policy::MIN_PASSWORD_CHARS)
            }
            FieldProblem::Password(PasswordProblem::TooLong) => t.err_password_too_long.into(),
            FieldProblem::Password(PasswordProblem::TooCommon) => t.err_password_common.into(),
            FieldProblem::Password(PasswordProblem::ContainsPersonalInfo) => {
                t.err_password_personal.into()
            }
            FieldProblem::PasswordsDiffer => t.err_passwords_differ.into(),
            FieldProblem::RoleNotOffered => t.err_role_not_offered.into(),
            FieldProblem::UnknownChoice => t.err_unknown_choice.into(),
            FieldProblem::EmailTaken => t.err_email_taken.into(),
            FieldProblem::ClubNameTaken => t.err_club_name_taken.into(),
            FieldProblem::WrongCurrentPassword => t.err_wrong_current_password.into(),
            FieldProblem::NotOnYourself => t.err_not_on_yourself.into(),
            FieldProblem::NotANumber => t.err_not_a_number.into(),
            FieldProblem::OutOfRange { min, max } => (t.err_out_of_range)(min, max),
            FieldProblem::AmountOutOfRange => t.err_amount_out_of_range.into(),
            FieldProblem::UrlInvalid => t.err_url_invalid.into(),
            FieldProblem::TooMany { max } => (t.err_too_many)(max),
            FieldProblem::TooLarge { max_kb } => (t.err_too_large)(max_kb),
            FieldProblem::ImageInvalid => t.err_image_invalid.into(),
            FieldProblem::AlreadyMember => t.err_already_member.into(),
            FieldProblem::NothingToPublish => t.err_nothing_to_publish.into(),
            FieldProblem::LastOwner => t.err_last_owner.into(),
            FieldProblem::SameStage => t.deal.err_same_stage.into(),
            FieldProblem::StageMovedMeanwhile => t.deal.err_stage_moved.into(),
            FieldProblem::AlreadyAnswered => t.deal.err_already_answered.into(),
            FieldProblem::RangeReversed => t.deal.err_range_reversed.into(),
            FieldProblem::DateInvalid => t.deal.err_date_invalid.into(),
            FieldProblem::DateInFuture => t.deal.err_date_in_future.into(),
            FieldProblem::DateInPast => t.deal.err_date_in_past.into(),
            FieldProblem::DatesOutOfOrder => t.rd.err_dates_out_of_order.into(),
            FieldProblem::OutsidePeriod => t.rd.err_outside_period.into(),
            FieldProblem::MoreThanBorrowed => t.rd.err_more_than_borrowed.into(),
            FieldProblem::IndustryCodeInvalid => t.rd.err_industry_code.into(),
            FieldProblem::StatusUnchanged => t.rd.err_status_unchanged.into(),
            FieldProblem::ConsultantOnly => t.rd.err_consultant_only.into(),
            FieldProblem::SignedOffLocked => t.rd.err_signed_off_locked.into(),
            FieldProblem::StatusMovedMeanwhile => t.rd.err_status_moved.into(),
            FieldProblem::EvidenceInvalid => t.rd.err_evidence_invalid.into(),
            FieldProblem::TemplateEmpty => t.tpl.err_empty.into(),
            FieldProblem::DuplicateTitle => t.tpl.err_duplicate_title.into(),
            FieldProblem::TemplateChangedMeanwhile => t.tpl.err_changed_meanwhile.into(),
            FieldProblem::SlotRepeated => t.forum.err_slot_repeated.into(),
            FieldProblem::ForumNotOpen => t.forum.err_not_open.into(),
            FieldProblem::AlreadyApplied => t.forum.err_already_applied.into(),
            FieldProblem::ForumChangedMeanwhile => t.forum.err_state_moved.into(),
            FieldProblem::AgendaChangedMeanwhile => t.forum.err_agenda_changed.into(),
            FieldProblem::ForumLocked => t.forum.err_closed.into(),
            FieldProblem::EndsBeforeStarts => t.forum.err_ends_before_starts.into(),
            FieldProblem::RsvpClosed => t.forum.err_rsvp_closed.into(),
            FieldProblem::AttendanceClosed => t.forum.err_attendance_closed.into(),
            FieldProblem::WeightsNot100 => t.forum.err_weights_not_100.into(),
            FieldProblem::ScoringClosed => t.score.err_scoring_closed.into(),
            FieldProblem::FeedbackReleased => t.score.err_feedback_released.into(),
            FieldProblem::ReleaseNotReady => t.score.err_release_not_ready.into(),
            FieldProblem::BeforeTheForum => t.outcome.err_before_forum.into(),
            FieldProblem::OutcomeDecided => t.outcome.err_decided.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's `name`, so the page can mark it.
    pub field: &'static str,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: FieldProblem) -> Self {
        FieldError { field, problem }
    }
}

/// A normalised e-mail address: trimmed and lower-cased (addresses are
/// compared case-insensitively), with one `@`, a dotted domain and nothing
/// that could not be typed into an address.
pub fn validate_email(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let email = raw.trim().to_lowercase();
    let fail = |problem| Err(FieldError::new(field, problem));
    if email.is_empty() {
        return fail(FieldProblem::Required);
    }
    if email.len() > MAX_EMAIL_LEN {
        return fail(FieldProblem::TooLong { max: MAX_EMAIL_LEN });
    }
    let Some((local, domain)) = email.split_once('@') else {
        return fail(FieldProblem::EmailInvalid);
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2 && labels.iter().all(|l| label_ok(l));
    if local_ok && domain_ok {
        Ok(email)
    } else {
        fail(FieldProblem::EmailInvalid)
    }
}

/// A short single-line text: trimmed, inner whitespace collapsed, not
/// empty, at most `max` characters, no control characters and nothing that
/// looks like markup (it is shown as text, but a tag in a name is a mistake
/// or a probe, and either way should not be stored).
pub fn validate_plain_text(
    field: &'static str,
    raw: &str,
    max: usize,
) -> Result<String, FieldError> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    if text.chars().count() > max {
        return Err(FieldError::new(field, FieldProblem::TooLong { max }));
    }
    if raw.chars().any(|c| c.is_control() && !c.is_whitespace()) || looks_like_markup(&text) {
        return Err(FieldError::new(field, FieldProblem::NotPlainText));
    }
    Ok(text)
}

fn looks_like_markup(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0] == '<' && (w[1].is_ascii_alphabetic() || matches!(w[1], '/' | '!' | '?')))
        || text.to_ascii_lowercase().contains("javascript:")
}

/// An optional single-line text: empty is `None`, otherwise the rules of
/// [`validate_plain_text`].
pub fn validate_optional_text(
    field: &'static str,
    raw: &str,
    max: usize,
) -> Result<Option<String>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        validate_plain_text(field, raw, max).map(Some)
    }
}

/// Multi-line plain text (an update's body, the use of funds): line breaks
/// kept, each line trimmed, runs of blank lines collapsed to one, no markup.
pub fn validate_multiline_text(
    field: &'static str,
    raw: &str,
    max: usize,
    required: bool,
) -> Result<String, FieldError> {
    let mut lines: Vec<String> = Vec::new();
    for line in raw.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let text = lines.join("\n");
    if text.is_empty() {
        return if required {
            Err(FieldError::new(field, FieldProblem::Required))
        } else {
            Ok(text)
        };
    }
    if text.chars().count() > max {
        return Err(FieldError::new(field, FieldProblem::TooLong { max }));
    }
    if raw.chars().any(|c| c.is_control() && !c.is_whitespace()) || looks_like_markup(&text) {
        return Err(FieldError::new(field, FieldProblem::NotPlainText));
    }
    Ok(text)
}

/// An optional whole number within `min..=max`; accepts thousands
/// separators ("1,200") because people type them.
pub fn validate_optional_int(
    field: &'static str,
    raw: &str,
    min: i64,
    max: i64,
) -> Result<Option<i64>, FieldError> {
    let cleaned: String = raw.trim().chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let value: i64 = cleaned
        .parse()
        .map_err(|_| FieldError::new(field, FieldProblem::NotANumber))?;
    if !(min..=max).contains(&value) {
        return Err(FieldError::new(
            field,
            FieldProblem::OutOfRange { min, max },
        ));
    }
    Ok(Some(value))
}

/// An optional web address: `http` or `https` with a dotted host, no
/// spaces or quotes; a bare "example.kr" gets `https://` in front.
pub fn validate_optional_url(field: &'static str, raw: &str) -> Result<Option<String>, FieldError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.len() > MAX_URL_LEN {
        return Err(FieldError::new(
            field,
            FieldProblem::TooLong { max: MAX_URL_LEN },
        ));
    }
    let lower = trimmed.to_ascii_lowercase();
    let url = if lower.starts_with("http://") || lower.starts_with("https://") {
        trimmed.to_string()
    } else if lower.contains("://") || lower.contains(':') && !lower.contains('.') {
        return Err(FieldError::new(field, FieldProblem::UrlInvalid));
    } else {
        format!("https://{trimmed}")
    };
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or_default();
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_name = host.split(':').next().unwrap_or_default();
    let host_ok = host_name.contains('.')
        && !host_name.starts_with('.')
        && !host_name.ends_with('.')
        && host_name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let chars_ok = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`'));
    if host_ok && chars_ok {
        Ok(Some(url))
    } else {
        Err(FieldError::new(field, FieldProblem::UrlInvalid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiline_text_keeps_paragraphs_and_refuses_markup() {
        let text = validate_multiline_text("body", "  첫 줄  \n\n\n\n둘째   줄\n\n", 100, true);
        assert_eq!(text.unwrap(), "첫 줄\n\n둘째 줄");
        assert_eq!(
            validate_multiline_text("body", " \n ", 100, true)
                .unwrap_err()
                .problem,
            FieldProblem::Required
        );
        assert_eq!(validate_multiline_text("body", "", 100, false).unwrap(), "");
        assert_eq!(
            validate_multiline_text("body", "<img src=x onerror=alert(1)>", 100, true)
                .unwrap_err()
                .problem,
            FieldProblem::NotPlainText
        );
        assert_eq!(
            validate_multiline_text("body", &"가".repeat(101), 100, true)
                .unwrap_err()
                .problem,
            FieldProblem::TooLong { max: 100 }
        );
    }

    #[test]
    fn integers_accept_separators_and_respect_bounds() {
        assert_eq!(
            validate_optional_int("n", " 1,200 ", 0, 5000),
            Ok(Some(1200))
        );
        assert_eq!(validate_optional_int("n", "", 0, 5000), Ok(None));
        assert_eq!(
            validate_optional_int("n", "12a", 0, 5000)
                .unwrap_err()
                .problem,
            FieldProblem::NotANumber
        );
        assert_eq!(
            validate_optional_int("n", "-1", 0, 5000)
                .unwrap_err()
                .problem,
            FieldProblem::OutOfRange { min: 0, max: 5000 }
        );
        assert_eq!(
            validate_optional_int("n", "99999999999999999999", 0, 5000)
                .unwrap_err()
                .problem,
            FieldProblem::NotANumber
        );
    }

    #[test]
    fn urls_are_web_addresses_only() {
        assert_eq!(
            validate_optional_url("w", "tansoon.example"),
            Ok(Some("https://tansoon.example".into()))
        );
        assert_eq!(
            validate_optional_url("w", "HTTP://a.example/x?y=1"),
            Ok(Some("HTTP://a.example/x?y=1".into()))
        );
        assert_eq!(validate_optional_url("w", "  "), Ok(None));
        for bad in [
            "javascript:alert(1)",
            "JavaScript://a.example/%0aalert(1)",
            "data:text/html,<script>",
            "https://",
            "https://localhost",
            "https://a.example/\"onmouseover=x",
            "https://user@evil.example",
            "ftp://files.example",
            "https://a .example",
        ] {
            assert_eq!(
                validate_optional_url("w", bad).unwrap_err().problem,
                FieldProblem::UrlInvalid,
                "{bad}"
            );
        }
    }
}
