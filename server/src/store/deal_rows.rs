//! Row shapes of the deal-flow queries, shared by both backends, and their
//! conversion into the store's records. A stored word the domain does not
//! know is an error (`DbError::Other`), not a silent default.

use app::domain::company::Stage;
use app::domain::deal::{InterestStage, InterestTerms, InvestmentRoute, MeetingStatus};
use app::domain::money::Won;
use app::ssr::deal_store::{
    ClubMember, ClubNoteRecord, DealCompany, FeedItem, FeedKind, InterestEvent, InterestRecord,
    MeetingRecord, NotificationKind, NotificationRecord, PipelineCard, RemindedItem,
};
use app::ssr::DbError;
use chrono::{DateTime, NaiveDate, Utc};

fn bad(what: &str, value: &str) -> DbError {
    DbError::Other(format!("unknown {what} {value:?} in the database"))
}

fn interest_stage(value: &str) -> Result<InterestStage, DbError> {
    InterestStage::parse(value).ok_or_else(|| bad("interest stage", value))
}

fn route(value: Option<String>) -> Result<Option<InvestmentRoute>, DbError> {
    value
        .map(|v| InvestmentRoute::parse(&v).ok_or_else(|| bad("route", &v)))
        .transpose()
}

/// The company columns of deal queries; select them with
/// [`DEAL_COMPANY_COLUMNS`].
#[derive(sqlx::FromRow)]
pub struct DealCompanyRow {
    pub company_id: i64,
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub company_stage: Option<String>,
    pub one_liner: Option<String>,
}

/// Reads [`DealCompanyRow`] from `companies c LEFT JOIN clusters cl`.
pub const DEAL_COMPANY_COLUMNS: &str = "c.id AS company_id, c.slug, c.name_ko, c.name_en, \
     cl.slug AS cluster_slug, cl.name_ko AS cluster_name_ko, cl.name_en AS cluster_name_en, \
     c.stage AS company_stage, c.one_liner";

impl TryFrom<DealCompanyRow> for DealCompany {
    type Error = DbError;

    fn try_from(r: DealCompanyRow) -> Result<Self, DbError> {
        Ok(DealCompany {
            stage: r
                .company_stage
                .map(|s| Stage::parse(&s).ok_or_else(|| bad("company stage", &s)))
                .transpose()?,
            id: r.company_id,
            slug: r.slug,
            name_ko: r.name_ko,
            name_en: r.name_en,
            cluster_slug: r.cluster_slug,
            cluster_name_ko: r.cluster_name_ko,
            cluster_name_en: r.cluster_name_en,
            one_liner: r.one_liner,
        })
    }
}

/// An interest's terms; select with [`TERMS_COLUMNS`].
#[derive(sqlx::FromRow)]
pub struct TermsRow {
    pub stage: String,
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    pub route: Option<String>,
    pub amount: Option<i64>,
    pub invested_on: Option<NaiveDate>,
}

pub const TERMS_COLUMNS: &str =
    "i.stage, i.amount_min, i.amount_max, i.route, i.amount, i.invested_on";

impl TryFrom<TermsRow> for InterestTerms {
    type Error = DbError;

    fn try_from(r: TermsRow) -> Result<Self, DbError> {
        Ok(InterestTerms {
            stage: interest_stage(&r.stage)?,
            amount_min: r.amount_min.map(Won),
            amount_max: r.amount_max.map(Won),
            route: route(r.route)?,
            amount: r.amount.map(Won),
            invested_on: r.invested_on,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct InterestRow {
    pub id: i64,
    pub investor_id: i64,
    pub company_id: i64,
    #[sqlx(flatten)]
    pub terms: TermsRow,
    pub stage_changed_at: DateTime<Utc>,
}

pub const INTEREST_SELECT: &str = "SELECT i.id, i.investor_id, i.company_id, \
     i.stage, i.amount_min, i.amount_max, i.route, i.amount, i.invested_on, i.stage_changed_at \
     FROM interests i";

impl TryFrom<InterestRow> for InterestRecord {
    type Error = DbError;

    fn try_from(r: InterestRow) -> Result<Self, DbError> {
        Ok(InterestRecord {
            id: r.id,
            investor_id: r.investor_id,
            company_id: r.company_id,
            terms: r.terms.try_into()?,
            stage_changed_at: r.stage_changed_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct InterestEventRow {
    pub id: i64,
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    pub route: Option<String>,
    pub amount: Option<i64>,
    pub invested_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub forum_id: Option<i64>,
    pub actor_name: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<InterestEventRow> for InterestEvent {
    type Error = DbError;

    fn try_from(r: InterestEventRow) -> Result<Self, DbError> {
        Ok(InterestEvent {
            id: r.id,
            from: r.from_stage.as_deref().map(interest_stage).transpose()?,
            to: interest_stage(&r.to_stage)?,
            amount_min: r.amount_min.map(Won),
            amount_max: r.amount_max.map(Won),
            route: route(r.route)?,
            amount: r.amount.map(Won),
            invested_on: r.invested_on,
            note: r.note,
            forum_id: r.forum_id,
            actor_name: r.actor_name,
            at: r.created_at,
        })
    }
}

/// A `/deals` row: the company, whether followed, and the interest's
/// columns (all `NULL` without one).
#[derive(sqlx::FromRow)]
pub struct DealRow {
    #[sqlx(flatten)]
    pub company: DealCompanyRow,
    pub following: bool,
    pub interest_id: Option<i64>,
    pub investor_id: Option<i64>,
    pub stage: Option<String>,
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    pub route: Option<String>,
    pub amount: Option<i64>,
    pub invested_on: Option<NaiveDate>,
    pub stage_changed_at: Option<DateTime<Utc>>,
}

impl TryFrom<DealRow> for app::ssr::deal_store::DealRecord {
    type Error = DbError;

    fn try_from(r: DealRow) -> Result<Self, DbError> {
        let company: DealCompany = r.company.try_into()?;
        let interest = match (r.interest_id, r.investor_id, r.stage, r.stage_changed_at) {
            (Some(id), Some(investor_id), Some(stage), Some(stage_changed_at)) => {
                Some(InterestRecord {
                    id,
                    investor_id,
                    company_id: company.id,
                    terms: TermsRow {
                        stage,
                        amount_min: r.amount_min,
                        amount_max: r.amount_max,
                        route: r.route,
                        amount: r.amount,
                        invested_on: r.invested_on,
                    }
                    .try_into()?,
                    stage_changed_at,
                })
            }
            _ => None,
        };
        Ok(app::ssr::deal_store::DealRecord {
            company,
            following: r.following,
            interest,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct PipelineRow {
    pub interest_id: i64,
    pub investor_id: i64,
    pub investor_name: String,
    #[sqlx(flatten)]
    pub terms: TermsRow,
    pub stage_changed_at: DateTime<Utc>,
    #[sqlx(flatten)]
    pub company: DealCompanyRow,
}

impl TryFrom<PipelineRow> for PipelineCard {
    type Error = DbError;

    fn try_from(r: PipelineRow) -> Result<Self, DbError> {
        Ok(PipelineCard {
            interest_id: r.interest_id,
            company: r.company.try_into()?,
            investor_id: r.investor_id,
            investor_name: r.investor_name,
            terms: r.terms.try_into()?,
            stage_changed_at: r.stage_changed_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct ClubMemberRow {
    pub id: i64,
    pub display_name: String,
}

impl From<ClubMemberRow> for ClubMember {
    fn from(r: ClubMemberRow) -> Self {
        ClubMember {
            user_id: r.id,
            display_name: r.display_name,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct ClubNoteRow {
    pub id: i64,
    pub club_id: i64,
    pub company_id: i64,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub markdown: String,
    pub html: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ClubNoteRow> for ClubNoteRecord {
    fn from(r: ClubNoteRow) -> Self {
        ClubNoteRecord {
            id: r.id,
            club_id: r.club_id,
            company_id: r.company_id,
            author_id: r.author_id,
            author_name: r.author_name,
            markdown: r.markdown,
            html: r.html,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Meeting requests with their company, investor and club.
pub const MEETING_SELECT: &str = "SELECT m.id, m.company_id, c.slug AS company_slug, \
     c.name_ko AS company_name, m.investor_id, u.display_name AS investor_name, \
     u.email AS investor_email, cl.name AS club_name, m.message, m.status, m.proposed_at, \
     m.answer_note, m.answered_at, m.created_at \
     FROM meeting_requests m JOIN companies c ON c.id = m.company_id \
     JOIN users u ON u.id = m.investor_id LEFT JOIN clubs cl ON cl.id = u.club_id";

#[derive(sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub investor_id: i64,
    pub investor_name: String,
    pub investor_email: String,
    pub club_name: Option<String>,
    pub message: String,
    pub status: String,
    pub proposed_at: Option<DateTime<Utc>>,
    pub answer_note: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<MeetingRow> for MeetingRecord {
    type Error = DbError;

    fn try_from(r: MeetingRow) -> Result<Self, DbError> {
        Ok(MeetingRecord {
            status: MeetingStatus::parse(&r.status)
                .ok_or_else(|| bad("meeting status", &r.status))?,
            id: r.id,
            company_id: r.company_id,
            company_slug: r.company_slug,
            company_name: r.company_name,
            investor_id: r.investor_id,
            investor_name: r.investor_name,
            investor_email: r.investor_email,
            club_name: r.club_name,
            message: r.message,
            proposed_at: r.proposed_at,
            answer_note: r.answer_note,
            answered_at: r.answered_at,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct FeedRow {
    pub kind: String,
    pub slug: String,
    pub name_ko: String,
    pub title: String,
    pub detail: Option<String>,
    pub proposed_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

impl TryFrom<FeedRow> for FeedItem {
    type Error = DbError;

    fn try_from(r: FeedRow) -> Result<Self, DbError> {
        let kind = match r.kind.as_str() {
            "update" => FeedKind::Update,
            "revision" => FeedKind::Revision,
            "club_stage" => FeedKind::ClubStage,
            "meeting_answer" => FeedKind::MeetingAnswer,
            other => return Err(bad("feed kind", other)),
        };
        Ok(FeedItem {
            kind,
            company_slug: r.slug,
            company_name: r.name_ko,
            title: r.title,
            detail: r.detail,
            proposed_at: r.proposed_at,
            at: r.at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct NotificationRow {
    pub id: i64,
    pub kind: String,
    pub slug: String,
    pub name_ko: String,
    pub actor_name: String,
    pub item_title_ko: Option<String>,
    pub item_title_en: Option<String>,
    pub due_on: Option<chrono::NaiveDate>,
    pub forum_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

impl TryFrom<NotificationRow> for NotificationRecord {
    type Error = DbError;

    fn try_from(r: NotificationRow) -> Result<Self, DbError> {
        let kind = match r.kind.as_str() {
            "meeting_requested" => NotificationKind::MeetingRequested,
            "readiness_due_soon" => NotificationKind::ReadinessDueSoon,
            "readiness_overdue" => NotificationKind::ReadinessOverdue,
            "forum_accepted" => NotificationKind::ForumAccepted,
            "forum_declined" => NotificationKind::ForumDeclined,
            "forum_feedback" => NotificationKind::ForumFeedback,
            other => return Err(bad("notification kind", other)),
        };
        let item = match (r.item_title_ko, r.item_title_en, r.due_on) {
            (Some(title_ko), Some(title_en), Some(due_on)) => Some(RemindedItem {
                title_ko,
                title_en,
                due_on,
            }),
            _ => None,
        };
        Ok(NotificationRecord {
            id: r.id,
            kind,
            company_slug: r.slug,
            company_name: r.name_ko,
            actor_name: r.actor_name,
            item,
            forum_id: r.forum_id,
            created_at: r.created_at,
            read_at: r.read_at,
        })
    }
}
