//! Readiness checklists: the built-in templates (엔젤투자 준비도, 증권형
//! 크라우드펀딩 준비도), the life of an item (who may move it where), the
//! score (weighted share of signed-off items) and the portfolio marks —
//! overdue, due soon, stalled, the readiness band.
//!
//! Pure: the store keeps templates, items and their events; these rules
//! decide what a change may do and what the pages compute from it.

use super::field::{validate_multiline_text, FieldError, FieldProblem};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::stored_enum!(
    /// Where one checklist item stands.
    ItemStatus {
        NotStarted => "not_started",
        InProgress => "in_progress",
        Submitted => "submitted",
        Approved => "approved",
        NotApplicable => "not_applicable",
    }
);

crate::stored_enum!(
    /// The groups a template's items fall in, in the order they show.
    ItemGroup {
        Corporate => "corporate",
        Finance => "finance",
        BusinessPlan => "business_plan",
        IpTech => "ip_tech",
        Crowdfunding => "crowdfunding",
        AngelTerms => "angel_terms",
    }
);

crate::stored_enum!(
    /// The built-in templates; an admin's edit makes a new version of one.
    TemplateKind {
        Angel => "angel",
        Crowdfunding => "crowdfunding",
    }
);

crate::stored_enum!(
    /// A consulting milestone's state.
    MilestoneStatus {
        Planned => "planned",
        Done => "done",
        Slipped => "slipped",
    }
);

/// Who is changing an item: the founders keep the work moving, the
/// company's assigned consultant judges it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChecklistActor {
    Founder,
    Consultant,
}

/// Why an item may not move as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransitionError {
    /// Already there.
    Unchanged,
    /// Only an assigned consultant signs off, reopens a signed-off item or
    /// marks one not applicable.
    ConsultantOnly,
    /// A signed-off item changes only by being reopened first.
    SignedOff,
}

impl ItemStatus {
    /// Counts as done for the "no progress" clock and the overdue mark.
    pub fn is_settled(self) -> bool {
        matches!(self, ItemStatus::Approved | ItemStatus::NotApplicable)
    }

    /// Whether `actor` may move an item from `self` to `to`.
    ///
    /// Founders move their own work along (미착수 → 진행 중 → 제출됨, and
    /// back while nobody signed off); consultants may set any state,
    /// which is how they sign off (→ 승인됨), reopen (승인됨 → 진행 중) or
    /// take an item out of the score (→ 해당 없음).
    pub fn may_move(self, to: ItemStatus, actor: ChecklistActor) -> Result<(), TransitionError> {
        if self == to {
            return Err(TransitionError::Unchanged);
        }
        match actor {
            ChecklistActor::Consultant => Ok(()),
            ChecklistActor::Founder => {
                if self.is_settled() {
                    Err(TransitionError::SignedOff)
                } else if to.is_settled() {
                    Err(TransitionError::ConsultantOnly)
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// One item of a built-in template, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemDefinition {
    pub group: ItemGroup,
    pub weight: u32,
    pub title_ko: &'static str,
    pub title_en: &'static str,
    pub evidence_ko: &'static str,
    pub evidence_en: &'static str,
}

const fn item(
    group: ItemGroup,
    weight: u32,
    title_ko: &'static str,
    title_en: &'static str,
    evidence_ko: &'static str,
    evidence_en: &'static str,
) -> ItemDefinition {
    ItemDefinition {
        group,
        weight,
        title_ko,
        title_en,
        evidence_ko,
        evidence_en,
    }
}

use ItemGroup::{AngelTerms, BusinessPlan, Corporate, Crowdfunding, Finance, IpTech};

/// Items both templates share: the company, its money, its plan and its
/// technology (research note, table (a), items 1–18).
#[rustfmt::skip]
const COMMON_ITEMS: [ItemDefinition; 18] = [
    item(Corporate, 5, "법인 실체", "Incorporation current", "법인등기부(3개월 내), 사업자등록증", "Corporate register (within 3 months), business registration"),
    item(Corporate, 4, "정관 투자조항", "Articles permit the investment", "정관 (제3자 배정·종류주식·스톡옵션 조항)", "Articles (third-party allotment, share classes, options)"),
    item(Corporate, 5, "주주명부·캡테이블", "Clean cap table", "주주명부, 주식변동상황명세서", "Shareholder register, share movement statement"),
    item(Corporate, 3, "발행 결의", "Issuance resolved", "이사회·주주총회 의사록", "Board and shareholder minutes"),
    item(Corporate, 3, "경영진 적격", "Management record clear", "이력서, 소송현황 확인서", "CVs, litigation statement"),
    item(Finance, 5, "결산 재무제표", "Latest financial statements", "표준재무제표증명", "Certified standard financial statements"),
    item(Finance, 5, "검증 수준", "Assurance fits the raise", "회계사 검토보고서 또는 감사보고서(10억 이상)", "CPA review, or audit report from ₩1bn"),
    item(Finance, 5, "자금사용계획", "Use of funds and shortfall plan", "집행계획표", "Spending plan"),
    item(Finance, 3, "세금·4대보험", "No tax or insurance arrears", "납세·4대보험 완납증명서", "Certificates of payment"),
    item(Finance, 2, "런웨이", "Twelve months of runway", "월별 현금흐름표", "Monthly cash-flow table"),
    item(BusinessPlan, 6, "IR 덱", "Investor deck", "IR 자료 10–15쪽 (문제부터 투자 요청까지)", "Deck of 10–15 pages, problem to ask"),
    item(BusinessPlan, 5, "고객 검증", "Customer traction", "LOI·발주서·세금계산서", "LOIs, purchase orders, tax invoices"),
    item(BusinessPlan, 5, "사업계획서 법정항목", "Business plan with statutory items", "사업계획서", "Business plan"),
    item(BusinessPlan, 5, "발행가 근거", "Valuation basis", "가치산정 자료", "Valuation workings"),
    item(BusinessPlan, 4, "팀·조직", "Key people", "조직도, 4대보험 가입자 명부", "Organisation chart, insured staff list"),
    item(IpTech, 5, "IP 귀속", "IP owned by the company", "특허원부, 양도계약서", "Patent register, assignment agreements"),
    item(IpTech, 5, "기술평가·인증", "Technology rating or venture status", "벤처기업확인서, 기보·TCB 평가서", "Venture certificate, KIBO/TCB rating"),
    item(IpTech, 5, "기술 차별성", "Technical differentiation", "시험성적서, 인증서", "Test reports, certificates"),
];

/// The crowdfunding group (research note, items 19–21).
#[rustfmt::skip]
const CROWDFUNDING_ITEMS: [ItemDefinition; 3] = [
    item(Crowdfunding, 8, "발행인 적격", "Eligible issuer", "개업일, 인증서, 업종코드", "Opening date, certificates, industry code"),
    item(Crowdfunding, 6, "모집 설계", "Offering design (cap, 80%, ≥10 days)", "한도 조회, 모집 계획 (계획 점검 결과)", "Cap check, offering plan (plan check result)"),
    item(Crowdfunding, 6, "사후공시 준비", "Post-offering duties ready", "공시 담당자, 결산 일정", "Disclosure officer, year-end calendar"),
];

/// The angel group: common practice, not statute (research note, (c)).
#[rustfmt::skip]
const ANGEL_ITEMS: [ItemDefinition; 3] = [
    item(AngelTerms, 8, "투자 조건안", "Draft terms", "텀시트 초안 (밸류·지분·희석)", "Draft term sheet (valuation, stake, dilution)"),
    item(AngelTerms, 6, "소득공제 적격", "Angel deduction eligibility", "벤처기업확인서 또는 창업 7년 확인, 투자확인서 발급 절차", "Venture certificate or seven-year check, investment confirmation process"),
    item(AngelTerms, 6, "투자 후 보고 체계", "Reporting after investment", "분기 보고 양식, 사후관리 담당자", "Quarterly report template, contact person"),
];

/// A built-in template's items, in order; each weighs 100 in all.
pub fn builtin_items(kind: TemplateKind) -> Vec<ItemDefinition> {
    let tail: &[ItemDefinition] = match kind {
        TemplateKind::Angel => &ANGEL_ITEMS,
        TemplateKind::Crowdfunding => &CROWDFUNDING_ITEMS,
    };
    COMMON_ITEMS.iter().chain(tail).copied().collect()
}

/// The readiness score in tenths of a percent (0–1000): the weighted share
/// of signed-off items, items marked not applicable left out. `None` when
/// nothing is left to score.
pub fn score_permille(items: impl IntoIterator<Item = (u32, ItemStatus)>) -> Option<u16> {
    let (mut approved, mut counted) = (0u64, 0u64);
    for (weight, status) in items {
        match status {
            ItemStatus::NotApplicable => {}
            ItemStatus::Approved => {
                approved += u64::from(weight);
                counted += u64::from(weight);
            }
            _ => counted += u64::from(weight),
        }
    }
    // Rounded half up, in integers.
    (counted > 0).then(|| ((approved * 1000 * 2 + counted) / (counted * 2)) as u16)
}

/// "72.5" from 725: the score as people read it, one decimal when needed.
pub fn format_score(permille: u16) -> String {
    match permille % 10 {
        0 => format!("{}", permille / 10),
        tenth => format!("{}.{tenth}", permille / 10),
    }
}

/// A shared checklist as the public company page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessBadge {
    pub kind: TemplateKind,
    pub score_permille: u16,
    /// The company's consultants today.
    pub consultants: Vec<String>,
    /// When the score last changed.
    pub as_of: DateTime<Utc>,
}

/// Bands for the admin's cluster × readiness table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ReadinessBand {
    /// Below 40.
    Early,
    /// 40 to below 70.
    Building,
    /// 70 to below 90.
    Nearly,
    /// 90 and above.
    Ready,
}

impl ReadinessBand {
    pub const ALL: [ReadinessBand; 4] = [
        ReadinessBand::Early,
        ReadinessBand::Building,
        ReadinessBand::Nearly,
        ReadinessBand::Ready,
    ];

    pub fn of(permille: u16) -> ReadinessBand {
        match permille {
            0..=399 => ReadinessBand::Early,
            400..=699 => ReadinessBand::Building,
            700..=899 => ReadinessBand::Nearly,
            _ => ReadinessBand::Ready,
        }
    }
}

/// Days before a due date when the company and consultant are reminded.
pub const DUE_SOON_DAYS: i64 = 7;
/// A checklist with no progress for this long is marked stalled.
pub const STALLED_AFTER_DAYS: i64 = 30;

/// Past its due date and not settled.
pub fn is_overdue(status: ItemStatus, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    !status.is_settled() && due.is_some_and(|d| d < today)
}

/// Due within the next seven days (today included) and not settled.
pub fn is_due_soon(status: ItemStatus, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    !status.is_settled()
        && due.is_some_and(|d| d >= today && (d - today).num_days() <= DUE_SOON_DAYS)
}

/// No progress (a move forward, a sign-off) for [`STALLED_AFTER_DAYS`].
/// A checklist that is complete is never stalled.
pub fn is_stalled(last_progress: DateTime<Utc>, now: DateTime<Utc>, complete: bool) -> bool {
    !complete && (now - last_progress).num_days() >= STALLED_AFTER_DAYS
}

/// A move that counts as progress for the stalled mark: forward along
/// 미착수 → 진행 중 → 제출됨 → 승인됨, or settling an item.
pub fn is_progress(from: ItemStatus, to: ItemStatus) -> bool {
    let rank = |s: ItemStatus| match s {
        ItemStatus::NotStarted => 0,
        ItemStatus::InProgress => 1,
        ItemStatus::Submitted => 2,
        ItemStatus::Approved | ItemStatus::NotApplicable => 3,
    };
    rank(to) > rank(from)
}

// ---------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------

/// A comment on an item, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;
/// An item's working note, in characters.
pub const MAX_ITEM_NOTE_CHARS: usize = 2_000;
/// Evidence files: PDF, PNG or JPEG up to 10 MB.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

/// Why an upload was refused; the code travels in the redirect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceProblem {
    Missing,
    TooLarge,
    NotAllowed,
}

impl EvidenceProblem {
    pub fn code(self) -> &'static str {
        match self {
            EvidenceProblem::Missing => "missing",
            EvidenceProblem::TooLarge => "too_large",
            EvidenceProblem::NotAllowed => "not_allowed",
        }
    }

    pub fn from_code(code: &str) -> Option<EvidenceProblem> {
        [
            EvidenceProblem::Missing,
            EvidenceProblem::TooLarge,
            EvidenceProblem::NotAllowed,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }
}

fn date_field(field: &'static str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|d| (1990..=2100).contains(&d.year()))
        .map(Some)
        .ok_or(FieldError::new(field, FieldProblem::DateInvalid))
}

/// An admin's assignment of a consultant, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentForm {
    pub consultant_id: String,
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidAssignment {
    pub consultant_id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

impl AssignmentForm {
    pub fn validate(&self) -> Result<ValidAssignment, FieldError> {
        let consultant_id = self
            .consultant_id
            .trim()
            .parse::<i64>()
            .map_err(|_| FieldError::new("consultant_id", FieldProblem::UnknownChoice))?;
        let starts_on = date_field("starts_on", &self.starts_on)?
            .ok_or(FieldError::new("starts_on", FieldProblem::Required))?;
        let ends_on = date_field("ends_on", &self.ends_on)?;
        if ends_on.is_some_and(|end| end < starts_on) {
            return Err(FieldError::new("ends_on", FieldProblem::DatesOutOfOrder));
        }
        Ok(ValidAssignment {
            consultant_id,
            starts_on,
            ends_on,
        })
    }
}

/// A status change as posted: the status the page showed and the one
/// chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemMoveForm {
    pub expected: String,
    pub to: String,
}

impl ItemMoveForm {
    pub fn validate(&self, actor: ChecklistActor) -> Result<(ItemStatus, ItemStatus), FieldError> {
        let parse = |raw: &str| {
            ItemStatus::parse(raw.trim()).ok_or(FieldError::new("to", FieldProblem::UnknownChoice))
        };
        let (expected, to) = (parse(&self.expected)?, parse(&self.to)?);
        expected.may_move(to, actor).map_err(|e| {
            FieldError::new(
                "to",
                match e {
                    TransitionError::Unchanged => FieldProblem::StatusUnchanged,
                    TransitionError::ConsultantOnly => FieldProblem::ConsultantOnly,
                    TransitionError::SignedOff => FieldProblem::SignedOffLocked,
                },
            )
        })?;
        Ok((expected, to))
    }
}

/// An item's due date and working note, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPlanForm {
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub note: String,
}

impl ItemPlanForm {
    pub fn validate(&self) -> Result<(Option<NaiveDate>, String), FieldError> {
        let due_on = date_field("due_on", &self.due_on)?;
        let note = validate_multiline_text("note", &self.note, MAX_ITEM_NOTE_CHARS, false)?;
        Ok((due_on, note))
    }
}

/// A milestone's title, in characters.
pub const MAX_MILESTONE_TITLE_CHARS: usize = 120;

/// A consulting milestone as pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub status: MilestoneStatus,
    pub done_on: Option<NaiveDate>,
    pub is_public: bool,
}

/// A milestone as posted (new or changed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneForm {
    pub title: String,
    pub due_on: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub done_on: String,
}

/// A milestone that passed its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidMilestone {
    pub title: String,
    pub due_on: NaiveDate,
    pub status: MilestoneStatus,
    pub done_on: Option<NaiveDate>,
}

impl MilestoneForm {
    /// A done milestone needs the day it was done (not in the future);
    /// other states carry none.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidMilestone, FieldError> {
        let title =
            super::field::validate_plain_text("title", &self.title, MAX_MILESTONE_TITLE_CHARS)?;
        let due_on = date_field("due_on", &self.due_on)?
            .ok_or(FieldError::new("due_on", FieldProblem::Required))?;
        let status = match self.status.trim() {
            "" => MilestoneStatus::Planned,
            raw => MilestoneStatus::parse(raw)
                .ok_or(FieldError::new("status", FieldProblem::UnknownChoice))?,
        };
        let done_on = match status {
            MilestoneStatus::Done => {
                let day = date_field("done_on", &self.done_on)?.unwrap_or(today);
                if day > today {
                    return Err(FieldError::new("done_on", FieldProblem::DateInFuture));
                }
                Some(day)
            }
            _ => None,
        };
        Ok(ValidMilestone {
            title,
            due_on,
            status,
            done_on,
        })
    }
}

pub fn validate_comment(raw: &str) -> Result<String, FieldError> {
    validate_multiline_text("body", raw, MAX_COMMENT_CHARS, true)
}

// ---------------------------------------------------------------------------
// Template editing
// ---------------------------------------------------------------------------

/// Most items a template version may have.
pub const MAX_TEMPLATE_ITEMS: usize = 60;
/// Most rows one template form may post: the items plus a few blank rows.
pub const MAX_TEMPLATE_ROWS: usize = MAX_TEMPLATE_ITEMS + 10;
/// A template item's title, in characters (each language).
pub const MAX_TEMPLATE_TITLE_CHARS: usize = 120;
/// The evidence a template item expects, in characters (each language).
pub const MAX_TEMPLATE_EVIDENCE_CHARS: usize = 500;
/// An item's weight: the database allows 1 to 50.
pub const MIN_ITEM_WEIGHT: i64 = 1;
pub const MAX_ITEM_WEIGHT: i64 = 50;
/// Positions order the items; they are renumbered 1, 2, 3… when saved.
pub const MAX_TEMPLATE_POSITION: i64 = 999;
/// Blank rows the edit form offers for new items.
pub const BLANK_TEMPLATE_ROWS: usize = 2;

/// One row of the template form, as posted. An existing item or a blank
/// row for a new one; a ticked "remove" box drops the row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRowForm {
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub weight: String,
    #[serde(default)]
    pub title_ko: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub evidence_ko: String,
    #[serde(default)]
    pub evidence_en: String,
    /// A ticked checkbox posts its value; an unticked one posts nothing.
    #[serde(default)]
    pub remove: Option<String>,
}

impl TemplateRowForm {
    /// A row left as offered: nothing typed that makes an item (its
    /// position and group come filled in).
    fn is_blank(&self) -> bool {
        [
            &self.weight,
            &self.title_ko,
            &self.title_en,
            &self.evidence_ko,
            &self.evidence_en,
        ]
        .iter()
        .all(|f| f.trim().is_empty())
    }
}

/// The whole template as the edit form posts it: every row in page order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateForm {
    #[serde(default)]
    pub items: Vec<TemplateRowForm>,
}

/// An item of a new template version, checked; the list's order is the
/// items' order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidTemplateItem {
    pub group: ItemGroup,
    pub weight: u32,
    pub title_ko: String,
    pub title_en: String,
    pub evidence_ko: String,
    pub evidence_en: String,
}

/// What is wrong with a template form: a field of one row (`row`, from 0
/// in page order), or the whole template (`row` is `None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub row: Option<usize>,
    pub field: &'static str,
    pub problem: FieldProblem,
}

impl TemplateError {
    fn at(row: usize, err: FieldError) -> Self {
        TemplateError {
            row: Some(row),
            field: err.field,
            problem: err.problem,
        }
    }

    fn whole(problem: FieldProblem) -> Self {
        TemplateError {
            row: None,
            field: "items",
            problem,
        }
    }

    /// The field as the server reports it: `items[3][weight]`, or `items`.
    pub fn field_name(&self) -> String {
        match self.row {
            Some(row) => template_field_name(row, self.field),
            None => self.field.to_string(),
        }
    }
}

/// `items[3][weight]`: how errors name a row's field.
pub fn template_field_name(row: usize, field: &str) -> String {
    format!("items[{row}][{field}]")
}

/// The row and field of a name made by [`template_field_name`].
pub fn parse_template_field(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("items[")?;
    let (row, rest) = rest.split_once("][")?;
    let field = rest.strip_suffix(']')?;
    Some((row.parse().ok()?, field))
}

fn whole_number(field: &'static str, raw: &str, min: i64, max: i64) -> Result<i64, FieldError> {
    super::field::validate_optional_int(field, raw, min, max)?
        .ok_or(FieldError::new(field, FieldProblem::Required))
}

impl TemplateForm {
    /// The items of the new version in their order: rows ticked "remove"
    /// and blank rows are left out, the rest sorted by position (rows with
    /// the same position keep their page order). At least one item and at
    /// most [`MAX_TEMPLATE_ITEMS`], weights 1–50, titles and evidence in
    /// both languages, no title twice.
    pub fn validate(&self) -> Result<Vec<ValidTemplateItem>, TemplateError> {
        use super::field::validate_plain_text;
        if self.items.len() > MAX_TEMPLATE_ROWS {
            return Err(TemplateError::whole(FieldProblem::TooMany {
                max: MAX_TEMPLATE_ITEMS,
            }));
        }
        let mut kept: Vec<(i64, ValidTemplateItem)> = Vec::new();
        let mut titles: Vec<(String, String)> = Vec::new();
        for (n, row) in self.items.iter().enumerate() {
            if row.remove.is_some() || row.is_blank() {
                continue;
            }
            let at = |err| TemplateError::at(n, err);
            let position =
                whole_number("position", &row.position, 1, MAX_TEMPLATE_POSITION).map_err(at)?;
            let group = ItemGroup::parse(row.group.trim())
                .ok_or(FieldError::new("group", FieldProblem::UnknownChoice))
                .map_err(at)?;
            let weight = whole_number("weight", &row.weight, MIN_ITEM_WEIGHT, MAX_ITEM_WEIGHT)
                .map_err(at)? as u32;
            let title_ko = validate_plain_text("title_ko", &row.title_ko, MAX_TEMPLATE_TITLE_CHARS)
                .map_err(at)?;
            let title_en = validate_plain_text("title_en", &row.title_en, MAX_TEMPLATE_TITLE_CHARS)
                .map_err(at)?;
            let evidence_ko =
                validate_plain_text("evidence_ko", &row.evidence_ko, MAX_TEMPLATE_EVIDENCE_CHARS)
                    .map_err(at)?;
            let evidence_en =
                validate_plain_text("evidence_en", &row.evidence_en, MAX_TEMPLATE_EVIDENCE_CHARS)
                    .map_err(at)?;
            // Titles are told apart as people read them: case aside.
            let (ko, en) = (title_ko.to_lowercase(), title_en.to_lowercase());
            if titles.iter().any(|(k, _)| *k == ko) {
                return Err(at(FieldError::new(
                    "title_ko",
                    FieldProblem::DuplicateTitle,
                )));
            }
            if titles.iter().any(|(_, e)| *e == en) {
                return Err(at(FieldError::new(
                    "title_en",
                    FieldProblem::DuplicateTitle,
                )));
            }
            titles.push((ko, en));
            kept.push((
                position,
                ValidTemplateItem {
                    group,
                    weight,
                    title_ko,
                    title_en,
                    evidence_ko,
                    evidence_en,
                },
            ));
        }
        if kept.is_empty() {
            return Err(TemplateError::whole(FieldProblem::TemplateEmpty));
        }
        if kept.len() > MAX_TEMPLATE_ITEMS {
            return Err(TemplateError::whole(FieldProblem::TooMany {
                max: MAX_TEMPLATE_ITEMS,
            }));
        }
        // A stable sort: equal positions keep the page's order.
        kept.sort_by_key(|(position, _)| *position);
        Ok(kept.into_iter().map(|(_, item)| item).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ItemStatus::*;

    #[test]
    fn both_templates_weigh_one_hundred_in_about_twenty_items() {
        for kind in TemplateKind::ALL {
            let items = builtin_items(*kind);
            assert_eq!(items.iter().map(|i| i.weight).sum::<u32>(), 100, "{kind:?}");
            assert_eq!(items.len(), 21);
            assert!(items
                .iter()
                .all(|i| !i.title_ko.is_empty() && !i.evidence_en.is_empty()));
        }
        let groups = |kind| {
            let mut g: Vec<_> = builtin_items(kind).iter().map(|i| i.group).collect();
            g.dedup();
            g
        };
        assert_eq!(
            groups(TemplateKind::Crowdfunding),
            vec![Corporate, Finance, BusinessPlan, IpTech, Crowdfunding]
        );
        assert_eq!(groups(TemplateKind::Angel).last(), Some(&AngelTerms));
    }

    #[test]
    fn score_is_the_weighted_share_of_signed_off_items() {
        assert_eq!(score_permille([(5, Approved), (5, Submitted)]), Some(500));
        assert_eq!(score_permille([(8, Approved), (2, NotStarted)]), Some(800));
        // Not applicable leaves the item out of both sides.
        assert_eq!(
            score_permille([(5, Approved), (95, NotApplicable)]),
            Some(1000)
        );
        assert_eq!(score_permille([(3, NotApplicable)]), None);
        assert_eq!(score_permille([]), None);
        // 1 of 3 equal items: 333.33… rounds to 333; 2 of 3 to 667.
        assert_eq!(
            score_permille([(1, Approved), (1, InProgress), (1, NotStarted)]),
            Some(333)
        );
        assert_eq!(
            score_permille([(1, Approved), (1, Approved), (1, NotStarted)]),
            Some(667)
        );
    }

    #[test]
    fn the_whole_crowdfunding_template_signed_off_scores_one_hundred() {
        let items = builtin_items(TemplateKind::Crowdfunding);
        assert_eq!(
            score_permille(items.iter().map(|i| (i.weight, Approved))),
            Some(1000)
        );
        // Only the corporate group (20 of 100).
        let corporate = items.iter().map(|i| {
            (
                i.weight,
                if i.group == Corporate {
                    Approved
                } else {
                    Submitted
                },
            )
        });
        assert_eq!(score_permille(corporate), Some(200));
    }

    #[test]
    fn scores_read_as_people_write_them() {
        assert_eq!(format_score(725), "72.5");
        assert_eq!(format_score(720), "72");
        assert_eq!(format_score(0), "0");
        assert_eq!(format_score(1000), "100");
    }

    #[test]
    fn bands_at_their_edges() {
        assert_eq!(ReadinessBand::of(399), ReadinessBand::Early);
        assert_eq!(ReadinessBand::of(400), ReadinessBand::Building);
        assert_eq!(ReadinessBand::of(699), ReadinessBand::Building);
        assert_eq!(ReadinessBand::of(700), ReadinessBand::Nearly);
        assert_eq!(ReadinessBand::of(900), ReadinessBand::Ready);
    }

    #[test]
    fn founders_move_their_work_consultants_judge_it() {
        let f = ChecklistActor::Founder;
        let c = ChecklistActor::Consultant;
        assert_eq!(NotStarted.may_move(InProgress, f), Ok(()));
        assert_eq!(InProgress.may_move(Submitted, f), Ok(()));
        assert_eq!(
            Submitted.may_move(InProgress, f),
            Ok(()),
            "withdraw before sign-off"
        );
        assert_eq!(
            Submitted.may_move(Approved, f),
            Err(TransitionError::ConsultantOnly)
        );
        assert_eq!(
            InProgress.may_move(NotApplicable, f),
            Err(TransitionError::ConsultantOnly)
        );
        assert_eq!(
            Approved.may_move(InProgress, f),
            Err(TransitionError::SignedOff)
        );
        assert_eq!(
            Submitted.may_move(Submitted, f),
            Err(TransitionError::Unchanged)
        );
        assert_eq!(Submitted.may_move(Approved, c), Ok(()));
        assert_eq!(Approved.may_move(InProgress, c), Ok(()), "reopen");
        assert_eq!(NotStarted.may_move(NotApplicable, c), Ok(()));
        assert_eq!(
            Approved.may_move(Approved, c),
            Err(TransitionError::Unchanged)
        );
    }

    #[test]
    fn overdue_and_due_soon_at_their_edges() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let day = |n: i64| Some(today + chrono::Duration::days(n));
        assert!(is_overdue(Submitted, day(-1), today));
        assert!(
            !is_overdue(Submitted, day(0), today),
            "due today is not late yet"
        );
        assert!(!is_overdue(Approved, day(-30), today));
        assert!(!is_overdue(InProgress, None, today));
        assert!(is_due_soon(InProgress, day(0), today));
        assert!(is_due_soon(InProgress, day(7), today));
        assert!(!is_due_soon(InProgress, day(8), today));
        assert!(!is_due_soon(InProgress, day(-1), today), "late, not soon");
        assert!(!is_due_soon(NotApplicable, day(3), today));
    }

    #[test]
    fn stalled_after_thirty_days_without_progress() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let ago = |d: i64| now - chrono::Duration::days(d);
        assert!(!is_stalled(ago(29), now, false));
        assert!(is_stalled(ago(30), now, false));
        assert!(!is_stalled(ago(300), now, true));
        assert!(is_progress(NotStarted, InProgress));
        assert!(is_progress(Submitted, Approved));
        assert!(
            !is_progress(Approved, InProgress),
            "reopening is not progress"
        );
        assert!(!is_progress(Submitted, InProgress));
    }

    #[test]
    fn forms_refuse_bad_input_by_field() {
        let form = |c: &str, s: &str, e: &str| AssignmentForm {
            consultant_id: c.into(),
            starts_on: s.into(),
            ends_on: e.into(),
        };
        assert!(form("3", "2026-12-01", "").validate().is_ok());
        assert!(form("3", "2026-12-01", "2026-12-01")
            .validate()
            .unwrap()
            .ends_on
            .is_some());
        assert_eq!(
            form("x", "2026-12-01", "").validate(),
            Err(FieldError::new(
                "consultant_id",
                FieldProblem::UnknownChoice
            ))
        );
        assert_eq!(
            form("3", "", "").validate(),
            Err(FieldError::new("starts_on", FieldProblem::Required))
        );
        assert_eq!(
            form("3", "2026-12-01", "2026-11-30").validate(),
            Err(FieldError::new("ends_on", FieldProblem::DatesOutOfOrder))
        );
        assert_eq!(
            form("3", "0026-12-01", "").validate(),
            Err(FieldError::new("starts_on", FieldProblem::DateInvalid))
        );

        let mv = |e: &str, t: &str| ItemMoveForm {
            expected: e.into(),
            to: t.into(),
        };
        assert_eq!(
            mv("submitted", "approved").validate(ChecklistActor::Consultant),
            Ok((Submitted, Approved))
        );
        assert_eq!(
            mv("submitted", "approved").validate(ChecklistActor::Founder),
            Err(FieldError::new("to", FieldProblem::ConsultantOnly))
        );
        assert_eq!(
            mv("submitted", "done").validate(ChecklistActor::Founder),
            Err(FieldError::new("to", FieldProblem::UnknownChoice))
        );

        let plan = ItemPlanForm {
            due_on: "2026-12-24".into(),
            note: "  법인등기부 발급 예정 ".into(),
        };
        assert_eq!(
            plan.validate().unwrap(),
            (
                NaiveDate::from_ymd_opt(2026, 12, 24),
                "법인등기부 발급 예정".to_string()
            )
        );
        let long = ItemPlanForm {
            due_on: String::new(),
            note: "가".repeat(MAX_ITEM_NOTE_CHARS + 1),
        };
        assert_eq!(long.validate().unwrap_err().field, "note");
        assert_eq!(
            validate_comment("   ").unwrap_err().problem,
            FieldProblem::Required
        );
    }

    #[test]
    fn milestones_need_a_title_a_date_and_a_past_done_day() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let form = |title: &str, due: &str, status: &str, done: &str| MilestoneForm {
            title: title.into(),
            due_on: due.into(),
            status: status.into(),
            done_on: done.into(),
        };
        let m = form("IR 덱 완성", "2027-01-15", "", "")
            .validate(today)
            .unwrap();
        assert_eq!(m.status, MilestoneStatus::Planned);
        assert_eq!(m.done_on, None);
        let m = form("법인 설립", "2026-11-01", "done", "")
            .validate(today)
            .unwrap();
        assert_eq!(m.done_on, Some(today), "done today unless told");
        assert_eq!(
            form("법인 설립", "2026-11-01", "done", "2026-12-02").validate(today),
            Err(FieldError::new("done_on", FieldProblem::DateInFuture))
        );
        assert_eq!(
            form("", "2026-11-01", "", "")
                .validate(today)
                .unwrap_err()
                .field,
            "title"
        );
        assert_eq!(
            form("x", "", "", "").validate(today),
            Err(FieldError::new("due_on", FieldProblem::Required))
        );
        assert_eq!(
            form("x", "2026-11-01", "cancelled", "").validate(today),
            Err(FieldError::new("status", FieldProblem::UnknownChoice))
        );
        assert!(form(&"가".repeat(121), "2026-11-01", "", "")
            .validate(today)
            .is_err());
    }

    fn template_row(n: usize, i: &ItemDefinition) -> TemplateRowForm {
        TemplateRowForm {
            position: (n + 1).to_string(),
            group: i.group.as_str().into(),
            weight: i.weight.to_string(),
            title_ko: i.title_ko.into(),
            title_en: i.title_en.into(),
            evidence_ko: i.evidence_ko.into(),
            evidence_en: i.evidence_en.into(),
            remove: None,
        }
    }

    /// The built-in angel template as its edit form posts it, with the
    /// blank rows the page adds.
    fn angel_form() -> TemplateForm {
        let mut items: Vec<TemplateRowForm> = builtin_items(TemplateKind::Angel)
            .iter()
            .enumerate()
            .map(|(n, i)| template_row(n, i))
            .collect();
        for n in 0..BLANK_TEMPLATE_ROWS {
            items.push(TemplateRowForm {
                position: (22 + n).to_string(),
                group: "corporate".into(),
                ..Default::default()
            });
        }
        TemplateForm { items }
    }

    fn refused(form: &TemplateForm) -> (Option<usize>, &'static str, FieldProblem) {
        let e = form.validate().unwrap_err();
        (e.row, e.field, e.problem)
    }

    #[test]
    fn an_unchanged_template_form_gives_back_its_items() {
        let items = angel_form().validate().unwrap();
        let builtin = builtin_items(TemplateKind::Angel);
        assert_eq!(items.len(), builtin.len(), "blank rows are left out");
        for (got, want) in items.iter().zip(&builtin) {
            assert_eq!(
                (
                    got.group,
                    got.weight,
                    got.title_ko.as_str(),
                    got.evidence_en.as_str()
                ),
                (want.group, want.weight, want.title_ko, want.evidence_en)
            );
        }
    }

    #[test]
    fn template_weights_are_one_to_fifty() {
        for (weight, ok) in [("1", true), ("50", true), ("0", false), ("51", false)] {
            let mut form = angel_form();
            form.items[2].weight = weight.into();
            if ok {
                assert_eq!(form.validate().unwrap()[2].weight.to_string(), weight);
            } else {
                assert_eq!(
                    refused(&form),
                    (
                        Some(2),
                        "weight",
                        FieldProblem::OutOfRange { min: 1, max: 50 }
                    )
                );
            }
        }
        let mut form = angel_form();
        form.items[4].weight = "다섯".into();
        assert_eq!(
            refused(&form),
            (Some(4), "weight", FieldProblem::NotANumber)
        );
        form.items[4].weight = " ".into();
        assert_eq!(refused(&form), (Some(4), "weight", FieldProblem::Required));
    }

    #[test]
    fn template_texts_are_required_capped_and_plain() {
        let mut form = angel_form();
        form.items[0].title_ko = "가".repeat(MAX_TEMPLATE_TITLE_CHARS);
        form.items[0].evidence_en = "e".repeat(MAX_TEMPLATE_EVIDENCE_CHARS);
        assert!(form.validate().is_ok());
        form.items[0].title_ko.push('가');
        assert_eq!(
            refused(&form),
            (
                Some(0),
                "title_ko",
                FieldProblem::TooLong {
                    max: MAX_TEMPLATE_TITLE_CHARS
                }
            )
        );
        let mut form = angel_form();
        form.items[1]
            .evidence_en
            .push_str(&"e".repeat(MAX_TEMPLATE_EVIDENCE_CHARS));
        assert_eq!(
            refused(&form),
            (
                Some(1),
                "evidence_en",
                FieldProblem::TooLong {
                    max: MAX_TEMPLATE_EVIDENCE_CHARS
                }
            )
        );
        let mut form = angel_form();
        form.items[3].title_en = "  ".into();
        assert_eq!(
            refused(&form),
            (Some(3), "title_en", FieldProblem::Required)
        );
        form.items[3].title_en = "<b>Deck</b>".into();
        assert_eq!(
            refused(&form),
            (Some(3), "title_en", FieldProblem::NotPlainText)
        );
        let mut form = angel_form();
        form.items[5].group = "marketing".into();
        assert_eq!(
            refused(&form),
            (Some(5), "group", FieldProblem::UnknownChoice)
        );
    }

    #[test]
    fn template_titles_are_not_used_twice() {
        let mut form = angel_form();
        form.items[7].title_ko = form.items[1].title_ko.clone();
        assert_eq!(
            refused(&form),
            (Some(7), "title_ko", FieldProblem::DuplicateTitle)
        );
        let mut form = angel_form();
        form.items[7].title_en = form.items[1].title_en.to_uppercase();
        assert_eq!(
            refused(&form),
            (Some(7), "title_en", FieldProblem::DuplicateTitle)
        );
        // A removed row's title is free again.
        let mut form = angel_form();
        form.items[1].remove = Some("on".into());
        form.items[7].title_ko = form.items[1].title_ko.clone();
        assert_eq!(form.validate().unwrap().len(), 20);
    }

    #[test]
    fn template_rows_are_removed_added_and_reordered() {
        // Removing a row drops it whatever it holds.
        let mut form = angel_form();
        form.items[0].remove = Some("on".into());
        form.items[0].weight = "999".into();
        let items = form.validate().unwrap();
        assert_eq!(items.len(), 20);
        assert_eq!(items[0].title_ko, "정관 투자조항");

        // A filled blank row is a new item, at its position.
        let mut form = angel_form();
        let new = &mut form.items[21];
        new.position = "2".into();
        new.group = "angel_terms".into();
        new.weight = "4".into();
        new.title_ko = "주주간 계약".into();
        new.title_en = "Shareholders' agreement".into();
        new.evidence_ko = "주주간 계약서 초안".into();
        new.evidence_en = "Draft agreement".into();
        let items = form.validate().unwrap();
        assert_eq!(items.len(), 22);
        // Position 2 ties with the second built-in item, which comes first
        // in the page.
        assert_eq!(items[1].title_ko, "정관 투자조항");
        assert_eq!(items[2].title_ko, "주주간 계약");
        assert_eq!(items[2].group, ItemGroup::AngelTerms);

        // A blank row half filled in is an item missing its fields.
        let mut form = angel_form();
        form.items[22].title_ko = "새 항목".into();
        assert_eq!(refused(&form), (Some(22), "weight", FieldProblem::Required));

        // Moving the last item to the top.
        let mut form = angel_form();
        form.items[20].position = "1".into();
        form.items[0].position = "5".into();
        let items = form.validate().unwrap();
        assert_eq!(items[0].title_ko, "투자 후 보고 체계");
        assert_eq!(
            items[4].title_ko, "법인 실체",
            "position 5, ahead of the later row also at 5"
        );
        for bad in ["0", "1000"] {
            form.items[3].position = bad.into();
            assert_eq!(
                refused(&form),
                (
                    Some(3),
                    "position",
                    FieldProblem::OutOfRange {
                        min: 1,
                        max: MAX_TEMPLATE_POSITION
                    }
                )
            );
        }
    }

    #[test]
    fn a_template_has_one_to_sixty_items() {
        let mut form = angel_form();
        for row in &mut form.items {
            row.remove = Some("on".into());
        }
        assert_eq!(refused(&form), (None, "items", FieldProblem::TemplateEmpty));
        assert_eq!(
            refused(&TemplateForm::default()),
            (None, "items", FieldProblem::TemplateEmpty)
        );

        let many = |n: usize| TemplateForm {
            items: (0..n)
                .map(|k| TemplateRowForm {
                    position: (k + 1).to_string(),
                    group: "finance".into(),
                    weight: "1".into(),
                    title_ko: format!("항목 {k}"),
                    title_en: format!("Item {k}"),
                    evidence_ko: "서류".into(),
                    evidence_en: "Paper".into(),
                    remove: None,
                })
                .collect(),
        };
        assert_eq!(many(MAX_TEMPLATE_ITEMS).validate().unwrap().len(), 60);
        assert_eq!(
            refused(&many(MAX_TEMPLATE_ITEMS + 1)),
            (None, "items", FieldProblem::TooMany { max: 60 })
        );
        assert_eq!(
            refused(&many(MAX_TEMPLATE_ROWS + 1)),
            (None, "items", FieldProblem::TooMany { max: 60 })
        );
    }

    #[test]
    fn template_errors_name_their_row_and_field() {
        let mut form = angel_form();
        form.items[12].weight = "0".into();
        let e = form.validate().unwrap_err();
        assert_eq!(e.field_name(), "items[12][weight]");
        assert_eq!(parse_template_field(&e.field_name()), Some((12, "weight")));
        assert_eq!(parse_template_field("items"), None);
        assert_eq!(parse_template_field("items[x][weight]"), None);
        assert_eq!(
            TemplateError::whole(FieldProblem::TemplateEmpty).field_name(),
            "items"
        );
    }
}
