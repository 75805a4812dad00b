//! Accounts: the states an account moves through and the rules its fields
//! obey. Forms call `validate` on the server (the browser's `required` and
//! `maxlength` only save a round trip), and every failure names its field
//! and a problem that the translation layer turns into a sentence.

pub use super::field::{
    validate_email, validate_plain_text, FieldError, FieldProblem, MAX_EMAIL_LEN,
};
use super::password_policy::{check_password, PasswordProblem, MAX_PASSWORD_BYTES};
use super::role::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_DISPLAY_NAME_CHARS: usize = 50;
pub const MAX_COMPANY_NAME_CHARS: usize = 80;
pub const MAX_CLUB_NAME_CHARS: usize = 60;

/// Where an investor stands with the programme. Other roles are `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verification {
    None,
    Pending,
    Verified,
    Rejected,
}

impl Verification {
    pub const ALL: [Verification; 4] = [
        Verification::None,
        Verification::Pending,
        Verification::Verified,
        Verification::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verification::None => "none",
            Verification::Pending => "pending",
            Verification::Verified => "verified",
            Verification::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<Verification> {
        Verification::ALL.into_iter().find(|v| v.as_str() == value)
    }

    /// The state an account starts in, or moves to on a role change.
    pub fn initial_for(role: Role) -> Verification {
        match role {
            Role::Investor => Verification::Pending,
            _ => Verification::None,
        }
    }
}

/// An angel club, proposed by an investor at sign-up and approved by an
/// admin before other investors can pick it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClubStatus {
    Pending,
    Approved,
    Rejected,
}

impl ClubStatus {
    pub const ALL: [ClubStatus; 3] = [
        ClubStatus::Pending,
        ClubStatus::Approved,
        ClubStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClubStatus::Pending => "pending",
            ClubStatus::Approved => "approved",
            ClubStatus::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<ClubStatus> {
        ClubStatus::ALL.into_iter().find(|v| v.as_str() == value)
    }
}

/// The key a club name is unique by: trimmed, inner whitespace collapsed,
/// lower-cased.
pub fn club_name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn validate_display_name(field: &'static str, raw: &str) -> Result<String, FieldError> {
    validate_plain_text(field, raw, MAX_DISPLAY_NAME_CHARS)
}

/// A new password: the policy's rules plus the confirmation matching.
/// `personal` lists what it must not contain (e-mail, name).
pub fn validate_new_password(
    field: &'static str,
    password: &str,
    confirm: &str,
    personal: &[&str],
) -> Result<(), FieldError> {
    if password.is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    check_password(password, personal)
        .map_err(|p| FieldError::new(field, FieldProblem::Password(p)))?;
    if password != confirm {
        return Err(FieldError::new(
            "password_confirm",
            FieldProblem::PasswordsDiffer,
        ));
    }
    Ok(())
}

/// The sign-up form as posted. Every field is a string so that a form
/// without JavaScript and the hydrated app send the same thing.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SignUpForm {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
    /// "startup" or "investor": the only roles open to sign-up.
    pub role: String,
    #[serde(default)]
    pub company_name: String,
    /// An approved club's id, or empty when proposing a new one.
    #[serde(default)]
    pub club_id: String,
    #[serde(default)]
    pub new_club_name: String,
}

/// An investor's club at sign-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClubChoice {
    Existing(i64),
    /// Proposed by the investor; an admin approves it.
    New(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignUpKind {
    /// `None` when the person was invited to an existing company: the
    /// server checks that an invitation exists before accepting that.
    Startup {
        company_name: Option<String>,
    },
    Investor {
        club: ClubChoice,
    },
}

/// A sign-up that passed every rule. The password is still plain here: the
/// server hashes it before it goes anywhere.
#[derive(Clone, PartialEq, Eq)]
pub struct SignUp {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub kind: SignUpKind,
}

impl std::fmt::Debug for SignUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignUp")
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .field("password", &"<redacted>")
            .field("kind", &self.kind)
            .finish()
    }
}

impl SignUp {
    pub fn role(&self) -> Role {
        match self.kind {
            SignUpKind::Startup { .. } => Role::Startup,
            SignUpKind::Investor { .. } => Role::Investor,
        }
    }
}

impl SignUpForm {
    /// Checks fields in the order they appear on the form, so the first
    /// message the user sees is about the first field to fix.
    pub fn validate(&self) -> Result<SignUp, FieldError> {
        let email = validate_email("email", &self.email)?;
        let display_name = validate_display_name("display_name", &self.display_name)?;
        if self.password.len() > MAX_PASSWORD_BYTES {
            return Err(FieldError::new(
                "password",
                FieldProblem::Password(PasswordProblem::TooLong),
            ));
        }
        let local_part = email.split('@').next().unwrap_or_default();
        validate_new_password(
            "password",
            &self.password,
            &self.password_confirm,
            &[&email, local_part, &display_name],
        )?;
        let kind = match self.role.as_str() {
            "startup" => SignUpKind::Startup {
                company_name: if self.company_name.trim().is_empty() {
                    None
                } else {
                    Some(validate_plain_text(
                        "company_name",
                        &self.company_name,
                        MAX_COMPANY_NAME_CHARS,
                    )?)
                },
            },
            "investor" => {
                let proposed = self.new_club_name.trim();
                let club = if !proposed.is_empty() {
                    ClubChoice::New(validate_plain_text(
                        "new_club_name",
                        proposed,
                        MAX_CLUB_NAME_CHARS,
                    )?)
                } else if self.club_id.trim().is_empty() {
                    return Err(FieldError::new("club_id", FieldProblem::Required));
                } else {
                    let id = self
                        .club_id
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .filter(|id| *id > 0)
                        .ok_or(FieldError::new("club_id", FieldProblem::UnknownChoice))?;
                    ClubChoice::Existing(id)
                };
                SignUpKind::Investor { club }
            }
            "" => return Err(FieldError::new("role", FieldProblem::Required)),
            _ => return Err(FieldError::new("role", FieldProblem::RoleNotOffered)),
        };
        Ok(SignUp {
            email,
            display_name,
            password: self.password.clone(),
            kind,
        })
    }
}

/// A club as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Club {
    pub id: i64,
    pub name: String,
    pub status: ClubStatus,
    /// Accounts that named this club.
    pub member_count: i64,
    pub created_at: DateTime<Utc>,
}

/// One account as the admin list and the account page show it (never the
/// password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub verification: Verification,
    pub is_active: bool,
    pub is_demo: bool,
    pub locale: String,
    pub club_id: Option<i64>,
    pub club_name: Option<String>,
    pub club_status: Option<ClubStatus>,
    pub company_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: Option<DateTime<Utc>>,
    /// Whether the user asked for the daily e-mail digest.
    pub digest_opt_in: bool,
}

/// Filters of the admin user list; all optional, combined with AND.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub verification: Option<Verification>,
    pub active: Option<bool>,
    /// Part of an e-mail address or display name.
    pub query: Option<String>,
}

/// An entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub id: i64,
    pub actor_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub detail: String,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(role: &str) -> SignUpForm {
        SignUpForm {
            email: "  Founder@Example.co.kr ".into(),
            display_name: " 최  대표 ".into(),
            password: "carbon heating mats 2026".into(),
            password_confirm: "carbon heating mats 2026".into(),
            role: role.into(),
            company_name: "탄소온".into(),
            club_id: "3".into(),
            new_club_name: String::new(),
        }
    }

    fn problem(f: &SignUpForm) -> (&'static str, FieldProblem) {
        let e = f.validate().unwrap_err();
        (e.field, e.problem)
    }

    #[test]
    fn a_good_startup_sign_up_is_normalised() {
        let s = form("startup").validate().unwrap();
        assert_eq!(s.email, "founder@example.co.kr");
        assert_eq!(s.display_name, "최 대표");
        assert_eq!(s.role(), Role::Startup);
        assert_eq!(
            s.kind,
            SignUpKind::Startup {
                company_name: Some("탄소온".into())
            }
        );
        assert!(!format!("{s:?}").contains("carbon heating"));
    }

    #[test]
    fn investors_pick_a_club_or_propose_one() {
        let s = form("investor").validate().unwrap();
        assert_eq!(
            s.kind,
            SignUpKind::Investor {
                club: ClubChoice::Existing(3)
            }
        );
        let mut f = form("investor");
        f.new_club_name = "  한강  엔젤클럽 ".into();
        assert_eq!(
            f.validate().unwrap().kind,
            SignUpKind::Investor {
                club: ClubChoice::New("한강 엔젤클럽".into())
            }
        );
        f.new_club_name.clear();
        f.club_id = "".into();
        assert_eq!(problem(&f), ("club_id", FieldProblem::Required));
        f.club_id = "-4".into();
        assert_eq!(problem(&f), ("club_id", FieldProblem::UnknownChoice));
        f.club_id = "abc".into();
        assert_eq!(problem(&f), ("club_id", FieldProblem::UnknownChoice));
    }

    #[test]
    fn only_startup_and_investor_can_sign_up() {
        for role in ["admin", "consultant", "Admin", "root"] {
            assert_eq!(problem(&form(role)), ("role", FieldProblem::RoleNotOffered));
        }
        assert_eq!(problem(&form("")), ("role", FieldProblem::Required));
    }

    #[test]
    fn emails_are_checked() {
        for bad in [
            "",
            "plain",
            "a@b",
            "a@@b.kr",
            "a b@c.kr",
            "a@-b.kr",
            ".a@b.kr",
            "a..b@c.kr",
            "a@b..kr",
        ] {
            assert!(validate_email("email", bad).is_err(), "{bad:?} accepted");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(
            validate_email("email", &long).unwrap_err().problem,
            FieldProblem::TooLong { max: MAX_EMAIL_LEN }
        );
        assert_eq!(
            validate_email("email", "Kim.Min+pb@Gumi.Re.KR").unwrap(),
            "kim.min+pb@gumi.re.kr"
        );
    }

    #[test]
    fn plain_text_refuses_markup_and_control_characters() {
        for bad in [
            "<img src=x onerror=alert(1)>",
            "a</b",
            "<!-- x",
            "javascript:alert(1)",
            "탄소\u{0}온",
        ] {
            assert_eq!(
                validate_plain_text("company_name", bad, 80)
                    .unwrap_err()
                    .problem,
                FieldProblem::NotPlainText,
                "{bad:?}"
            );
        }
        assert_eq!(
            validate_plain_text("n", "3 < 5 그리고 <3", 80).unwrap(),
            "3 < 5 그리고 <3"
        );
        assert_eq!(
            validate_plain_text("n", &"가".repeat(81), 80)
                .unwrap_err()
                .problem,
            FieldProblem::TooLong { max: 80 }
        );
        assert_eq!(
            validate_plain_text("n", &"가".repeat(80), 80)
                .unwrap()
                .chars()
                .count(),
            80
        );
        assert_eq!(
            validate_plain_text("n", " \t ", 80).unwrap_err().problem,
            FieldProblem::Required
        );
    }

    #[test]
    fn passwords_follow_the_policy_and_must_match() {
        let mut f = form("startup");
        f.password = "short".into();
        f.password_confirm = "short".into();
        assert_eq!(problem(&f).0, "password");
        f.password = "password123".into();
        f.password_confirm = "password123".into();
        assert_eq!(
            problem(&f),
            (
                "password",
                FieldProblem::Password(PasswordProblem::TooCommon)
            )
        );
        f.password = "founder-secret-99".into();
        f.password_confirm = "founder-secret-99".into();
        assert_eq!(
            problem(&f),
            (
                "password",
                FieldProblem::Password(PasswordProblem::ContainsPersonalInfo)
            )
        );
        f.password = "carbon heating mats 2026".into();
        f.password_confirm = "carbon heating mats 2027".into();
        assert_eq!(
            problem(&f),
            ("password_confirm", FieldProblem::PasswordsDiffer)
        );
        f.password = "x".repeat(MAX_PASSWORD_BYTES + 1);
        assert_eq!(
            problem(&f),
            ("password", FieldProblem::Password(PasswordProblem::TooLong))
        );
    }

    #[test]
    fn stored_names_round_trip() {
        for v in Verification::ALL {
            assert_eq!(Verification::parse(v.as_str()), Some(v));
        }
        for s in ClubStatus::ALL {
            assert_eq!(ClubStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            Verification::initial_for(Role::Investor),
            Verification::Pending
        );
        assert_eq!(Verification::initial_for(Role::Startup), Verification::None);
        assert_eq!(club_name_key("  Han River   Angels "), "han river angels");
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        use crate::i18n::Locale;
        let problems = [
            FieldProblem::Required,
            FieldProblem::TooLong { max: 50 },
            FieldProblem::EmailInvalid,
            FieldProblem::NotPlainText,
            FieldProblem::Password(PasswordProblem::TooShort),
            FieldProblem::Password(PasswordProblem::TooLong),
            FieldProblem::Password(PasswordProblem::TooCommon),
            FieldProblem::Password(PasswordProblem::ContainsPersonalInfo),
            FieldProblem::PasswordsDiffer,
            FieldProblem::RoleNotOffered,
            FieldProblem::UnknownChoice,
            FieldProblem::EmailTaken,
            FieldProblem::ClubNameTaken,
            FieldProblem::WrongCurrentPassword,
            FieldProblem::NotOnYourself,
        ];
        for p in problems {
            let ko = p.message(Locale::Ko.strings());
            let en = p.message(Locale::En.strings());
            assert!(!ko.is_empty() && !en.is_empty() && ko != en, "{p:?}");
        }
        assert!(FieldProblem::TooLong { max: 50 }
            .message(Locale::Ko.strings())
            .contains("50"));
    }
}
