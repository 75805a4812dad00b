//! Companies and their pitch pages: the profile fields and their rules, the
//! six pitch sections and who may read each, funding terms, updates and the
//! freshness mark. Forms are validated here (on the server; the browser's
//! own checks only save a round trip), so a bad field never reaches the
//! database.

use super::field::{
    validate_email, validate_multiline_text, validate_optional_int, validate_optional_text,
    validate_optional_url, validate_plain_text, FieldError, FieldProblem,
};
use super::money::{parse_won, Won};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_COMPANY_NAME_CHARS: usize = 80;
pub const MAX_LOCATION_CHARS: usize = 80;
pub const MAX_ONE_LINER_CHARS: usize = 120;
pub const MAX_TAGS: usize = 8;
pub const MAX_TAG_CHARS: usize = 20;
pub const MAX_USE_OF_FUNDS_CHARS: usize = 1_000;
pub const MAX_UPDATE_TITLE_CHARS: usize = 80;
pub const MAX_UPDATE_BODY_CHARS: usize = 2_000;
/// Largest Markdown source of one pitch section, in bytes. Also bounds the
/// work the Markdown renderer can be made to do.
pub const MAX_SECTION_BYTES: usize = 20_000;
/// A published pitch older than this is marked stale for investors.
pub const STALE_AFTER_DAYS: i64 = 90;
pub const EARLIEST_FOUNDING_YEAR: i64 = 1950;
pub const MAX_EMPLOYEES: i64 = 100_000;
/// The range of a funding ask: 1만원 to 1조원. Anything outside is a typo.
pub const MIN_ASK_WON: i64 = 10_000;
pub const MAX_ASK_WON: i64 = 1_000_000_000_000;

/// Generates `ALL`, `as_str` and `parse` for a fieldless enum whose
/// variants are stored and posted as fixed lower-case words.
#[macro_export]
macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(value: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }
    };
}

stored_enum!(
    /// How far along the company is in raising money.
    Stage {
        Idea => "idea",
        PreSeed => "pre_seed",
        Seed => "seed",
        PreA => "pre_a",
        SeriesA => "series_a",
        SeriesBPlus => "series_b_plus",
    }
);

stored_enum!(
    /// Last year's revenue, in bands (exact figures belong in the
    /// investor-only business plan).
    RevenueBand {
        None => "none",
        Under100m => "under_100m",
        From100mTo1b => "100m_1b",
        From1bTo5b => "1b_5b",
        Over5b => "5b_plus",
    }
);

stored_enum!(
    /// The security offered for the money sought.
    Instrument {
        Common => "common",
        Preferred => "preferred",
        Rcps => "rcps",
        ConvertibleBond => "convertible_bond",
        Safe => "safe",
        Crowdfunding => "crowdfunding",
    }
);

stored_enum!(
    /// The six sections of a pitch page, in the order they are shown.
    SectionKind {
        Technology => "technology",
        BusinessItem => "business_item",
        Market => "market",
        BusinessPlan => "business_plan",
        Team => "team",
        FundingPlan => "funding_plan",
    }
);

stored_enum!(
    /// Who may read a pitch section once it is published.
    Visibility {
        Public => "public",
        Investors => "investors",
    }
);

stored_enum!(
    UpdateKind {
        News => "news",
        Contract => "contract",
        Milestone => "milestone",
    }
);

stored_enum!(
    MemberRole {
        Owner => "owner",
        Member => "member",
    }
);

/// A user's place in a company, loaded with the session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub company_id: i64,
    /// Carried along so the navigation can link to "my company" without
    /// another query on every page.
    pub company_slug: String,
    pub role: MemberRole,
}

impl SectionKind {
    /// The visibility a new section starts with: the plan's numbers and the
    /// exact ask are for verified investors unless the company opens them.
    pub fn default_visibility(self) -> Visibility {
        match self {
            SectionKind::BusinessPlan | SectionKind::FundingPlan => Visibility::Investors,
            _ => Visibility::Public,
        }
    }
}

/// How much of a company's pitch a reader may see. Ordered: each level
/// sees everything the one before it sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Audience {
    /// Visitors, unverified investors, other companies, consultants not
    /// assigned to the company: published public sections and the card.
    Public,
    /// Verified investors: also investor-only sections and funding terms.
    Investor,
    /// The company's assigned consultants: as investors, and the company
    /// page even before its first publication.
    Reviewer,
    /// The company's own members and admins: also the draft.
    Editor,
}

impl Audience {
    pub fn may_read(self, visibility: Visibility) -> bool {
        match visibility {
            Visibility::Public => true,
            Visibility::Investors => self >= Audience::Investor,
        }
    }

    pub fn sees_funding(self) -> bool {
        self >= Audience::Investor
    }
}

/// Whether a published pitch is still current.
pub fn is_stale(published_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - published_at > chrono::Duration::days(STALE_AFTER_DAYS)
}

/// Splits typed tags ("탄소섬유, 발열매트 #히터") into clean, unique tags.
pub fn parse_tags(field: &'static str, raw: &str) -> Result<Vec<String>, FieldError> {
    let mut tags: Vec<String> = Vec::new();
    for piece in raw.split([',', '#', '\n', '，', '、']) {
        if piece.trim().is_empty() {
            continue;
        }
        let tag = validate_plain_text(field, piece, MAX_TAG_CHARS)?;
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(FieldError::new(
            field,
            FieldProblem::TooMany { max: MAX_TAGS },
        ));
    }
    Ok(tags)
}

/// The profile form as posted: strings only, so the plain form and the
/// hydrated app send the same thing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfileForm {
    pub name_ko: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub cluster_id: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub founded_year: String,
    #[serde(default)]
    pub employees: String,
    #[serde(default)]
    pub revenue_band: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub one_liner: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub tags: String,
}

/// A profile that passed every rule. The cluster id is only known to be a
/// positive number here; the store checks that the cluster exists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfile {
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster_id: Option<i64>,
    pub location: Option<String>,
    pub founded_year: Option<i64>,
    pub employees: Option<i64>,
    pub revenue_band: Option<RevenueBand>,
    pub stage: Option<Stage>,
    pub one_liner: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub tags: Vec<String>,
}

fn optional_choice<T>(
    field: &'static str,
    raw: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    parse(raw)
        .map(Some)
        .ok_or(FieldError::new(field, FieldProblem::UnknownChoice))
}

impl CompanyProfileForm {
    /// Checks fields in form order; `this_year` bounds the founding year.
    pub fn validate(&self, this_year: i64) -> Result<CompanyProfile, FieldError> {
        let name_ko = validate_plain_text("name_ko", &self.name_ko, MAX_COMPANY_NAME_CHARS)?;
        let name_en = validate_optional_text("name_en", &self.name_en, MAX_COMPANY_NAME_CHARS)?;
        let cluster_id = optional_choice("cluster_id", &self.cluster_id, |v| {
            v.parse::<i64>().ok().filter(|id| *id > 0)
        })?;
        let location = validate_optional_text("location", &self.location, MAX_LOCATION_CHARS)?;
        let founded_year = validate_optional_int(
            "founded_year",
            &self.founded_year,
            EARLIEST_FOUNDING_YEAR,
            this_year,
        )?;
        let employees = validate_optional_int("employees", &self.employees, 0, MAX_EMPLOYEES)?;
        let revenue_band = optional_choice("revenue_band", &self.revenue_band, RevenueBand::parse)?;
        let stage = optional_choice("stage", &self.stage, Stage::parse)?;
        let one_liner = validate_optional_text("one_liner", &self.one_liner, MAX_ONE_LINER_CHARS)?;
        let website = validate_optional_url("website", &self.website)?;
        let contact_email = if self.contact_email.trim().is_empty() {
            None
        } else {
            Some(validate_email("contact_email", &self.contact_email)?)
        };
        let tags = parse_tags("tags", &self.tags)?;
        Ok(CompanyProfile {
            name_ko,
            name_en,
            cluster_id,
            location,
            founded_year,
            employees,
            revenue_band,
            stage,
            one_liner,
            website,
            contact_email,
            tags,
        })
    }
}

/// Funding terms: structured, so investors can filter and sort by them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funding {
    pub amount: Option<Won>,
    pub instrument: Option<Instrument>,
    pub use_of_funds: String,
}

impl Funding {
    pub fn is_empty(&self) -> bool {
        self.amount.is_none() && self.instrument.is_none() && self.use_of_funds.is_empty()
    }
}

/// One section of a pitch draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDraft {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub markdown: String,
}

/// The pitch editor form: the six sections (`{kind}` and
/// `{kind}_visibility`) and the funding fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PitchForm {
    #[serde(default)]
    pub technology: String,
    #[serde(default)]
    pub technology_visibility: String,
    #[serde(default)]
    pub business_item: String,
    #[serde(default)]
    pub business_item_visibility: String,
    #[serde(default)]
    pub market: String,
    #[serde(default)]
    pub market_visibility: String,
    #[serde(default)]
    pub business_plan: String,
    #[serde(default)]
    pub business_plan_visibility: String,
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub team_visibility: String,
    #[serde(default)]
    pub funding_plan: String,
    #[serde(default)]
    pub funding_plan_visibility: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub instrument: String,
    #[serde(default)]
    pub use_of_funds: String,
}

/// A pitch draft that passed every rule: Markdown still unrendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PitchDraft {
    pub sections: Vec<SectionDraft>,
    pub funding: Funding,
}

impl PitchForm {
    fn section(&self, kind: SectionKind) -> (&str, &str) {
        match kind {
            SectionKind::Technology => (&self.technology, &self.technology_visibility),
            SectionKind::BusinessItem => (&self.business_item, &self.business_item_visibility),
            SectionKind::Market => (&self.market, &self.market_visibility),
            SectionKind::BusinessPlan => (&self.business_plan, &self.business_plan_visibility),
            SectionKind::Team => (&self.team, &self.team_visibility),
            SectionKind::FundingPlan => (&self.funding_plan, &self.funding_plan_visibility),
        }
    }

    pub fn validate(&self) -> Result<PitchDraft, FieldError> {
        let mut sections = Vec::with_capacity(SectionKind::ALL.len());
        for &kind in SectionKind::ALL {
            let (markdown, visibility) = self.section(kind);
            let markdown = normalise_markdown(markdown);
            if markdown.len() > MAX_SECTION_BYTES {
                return Err(FieldError::new(
                    kind.as_str(),
                    FieldProblem::TooLarge {
                        max_kb: MAX_SECTION_BYTES / 1000,
                    },
                ));
            }
            if markdown
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
            {
                return Err(FieldError::new(kind.as_str(), FieldProblem::NotPlainText));
            }
            let visibility = if visibility.trim().is_empty() {
                kind.default_visibility()
            } else {
                Visibility::parse(visibility.trim()).ok_or(FieldError::new(
                    visibility_field(kind),
                    FieldProblem::UnknownChoice,
                ))?
            };
            sections.push(SectionDraft {
                kind,
                visibility,
                markdown,
            });
        }
        let amount = if self.amount.trim().is_empty() {
            None
        } else {
            let won = parse_won(&self.amount)
                .map_err(|_| FieldError::new("amount", FieldProblem::AmountOutOfRange))?;
            if !(MIN_ASK_WON..=MAX_ASK_WON).contains(&won.get()) {
                return Err(FieldError::new("amount", FieldProblem::AmountOutOfRange));
            }
            Some(won)
        };
        let instrument = optional_choice("instrument", &self.instrument, Instrument::parse)?;
        let use_of_funds = validate_multiline_text(
            "use_of_funds",
            &self.use_of_funds,
            MAX_USE_OF_FUNDS_CHARS,
            false,
        )?;
        Ok(PitchDraft {
            sections,
            funding: Funding {
                amount,
                instrument,
                use_of_funds,
            },
        })
    }
}

/// The form field holding a section's visibility.
pub fn visibility_field(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Technology => "technology_visibility",
        SectionKind::BusinessItem => "business_item_visibility",
        SectionKind::Market => "market_visibility",
        SectionKind::BusinessPlan => "business_plan_visibility",
        SectionKind::Team => "team_visibility",
        SectionKind::FundingPlan => "funding_plan_visibility",
    }
}

/// Line endings as `\n`, trailing whitespace on the whole text trimmed, so
/// the same text typed twice compares equal (and diffs stay quiet).
pub fn normalise_markdown(raw: &str) -> String {
    raw.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim_end()
        .to_string()
}

/// A company update as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateForm {
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUpdate {
    pub kind: UpdateKind,
    pub title: String,
    pub body: String,
}

impl UpdateForm {
    pub fn validate(&self) -> Result<NewUpdate, FieldError> {
        let kind = UpdateKind::parse(self.kind.trim())
            .ok_or(FieldError::new("kind", FieldProblem::UnknownChoice))?;
        let title = validate_plain_text("title", &self.title, MAX_UPDATE_TITLE_CHARS)?;
        let body = validate_multiline_text("body", &self.body, MAX_UPDATE_BODY_CHARS, false)?;
        Ok(NewUpdate { kind, title, body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile_form() -> CompanyProfileForm {
        CompanyProfileForm {
            name_ko: " 탄소온 ".into(),
            name_en: "TansoOn".into(),
            cluster_id: "1".into(),
            location: "경북 구미시".into(),
            founded_year: "2019".into(),
            employees: "14".into(),
            revenue_band: "1b_5b".into(),
            stage: "seed".into(),
            one_liner: "탄소섬유 발열매트로 겨울 농가 난방비를 절반으로".into(),
            website: "tansoon.example".into(),
            contact_email: "IR@tansoon.example".into(),
            tags: "탄소섬유, 발열매트 #난방, 탄소섬유".into(),
        }
    }

    #[test]
    fn a_full_profile_is_normalised() {
        let profile = profile_form().validate(2026).unwrap();
        assert_eq!(profile.name_ko, "탄소온");
        assert_eq!(profile.cluster_id, Some(1));
        assert_eq!(profile.founded_year, Some(2019));
        assert_eq!(profile.stage, Some(Stage::Seed));
        assert_eq!(profile.revenue_band, Some(RevenueBand::From1bTo5b));
        assert_eq!(profile.website.as_deref(), Some("https://tansoon.example"));
        assert_eq!(profile.contact_email.as_deref(), Some("ir@tansoon.example"));
        assert_eq!(profile.tags, vec!["탄소섬유", "발열매트", "난방"]);
    }

    #[test]
    fn only_the_korean_name_is_required() {
        let form = CompanyProfileForm {
            name_ko: "새회사".into(),
            ..Default::default()
        };
        let profile = form.validate(2026).unwrap();
        assert_eq!(profile.name_en, None);
        assert!(profile.tags.is_empty());
        let empty = CompanyProfileForm::default().validate(2026).unwrap_err();
        assert_eq!(empty, FieldError::new("name_ko", FieldProblem::Required));
    }

    #[test]
    fn bad_profile_fields_name_their_field() {
        type Breakage = fn(&mut CompanyProfileForm);
        let cases: Vec<(Breakage, &str, FieldProblem)> = vec![
            (
                |f| f.cluster_id = "abc".into(),
                "cluster_id",
                FieldProblem::UnknownChoice,
            ),
            (
                |f| f.cluster_id = "-3".into(),
                "cluster_id",
                FieldProblem::UnknownChoice,
            ),
            (
                |f| f.founded_year = "2031".into(),
                "founded_year",
                FieldProblem::OutOfRange {
                    min: 1950,
                    max: 2026,
                },
            ),
            (
                |f| f.employees = "-1".into(),
                "employees",
                FieldProblem::OutOfRange {
                    min: 0,
                    max: MAX_EMPLOYEES,
                },
            ),
            (
                |f| f.stage = "unicorn".into(),
                "stage",
                FieldProblem::UnknownChoice,
            ),
            (
                |f| f.revenue_band = "1".into(),
                "revenue_band",
                FieldProblem::UnknownChoice,
            ),
            (
                |f| f.one_liner = "<script>alert(1)</script>".into(),
                "one_liner",
                FieldProblem::NotPlainText,
            ),
            (
                |f| f.website = "javascript:alert(1)".into(),
                "website",
                FieldProblem::UrlInvalid,
            ),
            (
                |f| f.contact_email = "nope".into(),
                "contact_email",
                FieldProblem::EmailInvalid,
            ),
            (
                |f| f.tags = "a,b,c,d,e,f,g,h,i".into(),
                "tags",
                FieldProblem::TooMany { max: MAX_TAGS },
            ),
            (
                |f| f.name_en = "<b onmouseover=x>".into(),
                "name_en",
                FieldProblem::NotPlainText,
            ),
        ];
        for (break_it, field, problem) in cases {
            let mut form = profile_form();
            break_it(&mut form);
            assert_eq!(form.validate(2026), Err(FieldError::new(field, problem)));
        }
    }

    #[test]
    fn pitch_sections_default_their_visibility_and_cap_their_size() {
        let form = PitchForm {
            technology: "### 기술\r\n\r\n탄소섬유 발열체  \r\n".into(),
            funding_plan: "5억원".into(),
            amount: "5억".into(),
            instrument: "rcps".into(),
            use_of_funds: "양산 설비 60%\n인건비 40%".into(),
            ..Default::default()
        };
        let draft = form.validate().unwrap();
        assert_eq!(draft.sections.len(), 6);
        assert_eq!(draft.sections[0].markdown, "### 기술\n\n탄소섬유 발열체");
        assert_eq!(draft.sections[0].visibility, Visibility::Public);
        assert_eq!(draft.sections[5].visibility, Visibility::Investors);
        assert_eq!(draft.funding.amount, Some(Won(500_000_000)));
        assert_eq!(draft.funding.instrument, Some(Instrument::Rcps));

        let big = PitchForm {
            market: "가".repeat(MAX_SECTION_BYTES / 3 + 1),
            ..Default::default()
        };
        assert_eq!(
            big.validate().unwrap_err(),
            FieldError::new("market", FieldProblem::TooLarge { max_kb: 20 })
        );
        let hidden = PitchForm {
            team_visibility: "everyone".into(),
            ..Default::default()
        };
        assert_eq!(
            hidden.validate().unwrap_err(),
            FieldError::new("team_visibility", FieldProblem::UnknownChoice)
        );
    }

    #[test]
    fn absurd_amounts_are_refused() {
        for amount in ["-5억", "0", "9999", "2조", "5억원입니다", "1e9"] {
            let form = PitchForm {
                amount: amount.into(),
                ..Default::default()
            };
            assert_eq!(
                form.validate().unwrap_err(),
                FieldError::new("amount", FieldProblem::AmountOutOfRange),
                "{amount}"
            );
        }
    }

    #[test]
    fn audiences_see_what_they_may() {
        assert!(Audience::Public.may_read(Visibility::Public));
        assert!(!Audience::Public.may_read(Visibility::Investors));
        assert!(Audience::Investor.may_read(Visibility::Investors));
        assert!(Audience::Editor.may_read(Visibility::Investors));
        assert!(!Audience::Public.sees_funding());
        assert!(Audience::Investor.sees_funding());
    }

    #[test]
    fn freshness_turns_after_ninety_days() {
        let now = Utc::now();
        assert!(!is_stale(now - chrono::Duration::days(90), now));
        assert!(is_stale(now - chrono::Duration::days(91), now));
    }

    #[test]
    fn updates_are_plain_text() {
        let ok = UpdateForm {
            kind: "contract".into(),
            title: "20억원 공급계약 체결".into(),
            body: "구미 소재 완성차 협력사와 체결했습니다.".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.kind, UpdateKind::Contract);
        let bad = UpdateForm {
            kind: "rumour".into(),
            title: "x".into(),
            body: String::new(),
        };
        assert_eq!(
            bad.validate().unwrap_err(),
            FieldError::new("kind", FieldProblem::UnknownChoice)
        );
    }
}
