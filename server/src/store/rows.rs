//! Row shapes shared by both backends (derive-decoded, so one definition
//! serves SQLite and PostgreSQL).

use app::domain::account::{AuditEvent, Club, ClubStatus, UserSummary, Verification};
use app::domain::company::{
    Funding, Instrument, MemberRole, Membership, RevenueBand, SectionKind, Stage, UpdateKind,
    Visibility,
};
use app::domain::money::Won;
use app::domain::{cluster::Cluster, role::Role};
use app::ssr::company_store::{
    CompanyCardRecord, CompanyRecord, RevisionMeta, StoredInvite, StoredMember, StoredSection,
    StoredUpdate,
};
use app::ssr::{DbError, SessionRecord, UserRecord};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
pub struct ClusterRow {
    pub id: i64,
    pub slug: String,
    pub name_ko: String,
    pub name_en: String,
    pub summary_ko: String,
    pub summary_en: String,
    pub company_count: i64,
}

impl From<ClusterRow> for Cluster {
    fn from(r: ClusterRow) -> Self {
        Cluster {
            id: r.id,
            slug: r.slug,
            name_ko: r.name_ko,
            name_en: r.name_en,
            summary_ko: r.summary_ko,
            summary_en: r.summary_en,
            company_count: r.company_count,
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub is_active: bool,
    pub locale: String,
    pub is_demo: bool,
    pub verification: String,
    pub club_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<UserRow> for UserRecord {
    type Error = DbError;

    fn try_from(r: UserRow) -> Result<Self, DbError> {
        Ok(UserRecord {
            role: parse_role(r.id, &r.role)?,
            verification: parse_verification(r.id, &r.verification)?,
            club_id: r.club_id,
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            is_active: r.is_active,
            locale: r.locale,
            is_demo: r.is_demo,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct CredentialRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub password_hash: String,
}

#[derive(sqlx::FromRow)]
pub struct SessionUserRow {
    pub session_id: String,
    pub session_created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    pub user: UserRow,
    /// The account's company membership, from correlated subqueries.
    pub member_company_id: Option<i64>,
    pub member_role: Option<String>,
    pub member_company_slug: Option<String>,
}

impl TryFrom<SessionUserRow> for (SessionRecord, UserRecord, Option<Membership>) {
    type Error = DbError;

    fn try_from(r: SessionUserRow) -> Result<Self, DbError> {
        let session = SessionRecord {
            id: r.session_id,
            user_id: r.user.id,
            created_at: r.session_created_at,
            last_seen_at: r.last_seen_at,
            expires_at: r.expires_at,
            revoked_at: r.revoked_at,
        };
        let membership = membership(
            r.member_company_id,
            r.member_company_slug,
            r.member_role.as_deref(),
        )?;
        Ok((session, r.user.try_into()?, membership))
    }
}

/// A membership from its three columns; all are NULL for non-members.
pub fn membership(
    company_id: Option<i64>,
    company_slug: Option<String>,
    role: Option<&str>,
) -> Result<Option<Membership>, DbError> {
    match (company_id, company_slug, role) {
        (Some(company_id), Some(company_slug), Some(role)) => Ok(Some(Membership {
            company_id,
            company_slug,
            role: parse_stored(
                "company",
                company_id,
                "member role",
                role,
                MemberRole::parse,
            )?,
        })),
        _ => Ok(None),
    }
}

fn parse_role(user_id: i64, value: &str) -> Result<Role, DbError> {
    Role::parse(value)
        .ok_or_else(|| DbError::Other(format!("user {user_id} has unknown role {value:?}")))
}

fn parse_verification(user_id: i64, value: &str) -> Result<Verification, DbError> {
    Verification::parse(value)
        .ok_or_else(|| DbError::Other(format!("user {user_id} has unknown verification {value:?}")))
}

fn parse_club_status(club_id: i64, value: &str) -> Result<ClubStatus, DbError> {
    ClubStatus::parse(value)
        .ok_or_else(|| DbError::Other(format!("club {club_id} has unknown status {value:?}")))
}

#[derive(sqlx::FromRow)]
pub struct UserSummaryRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub verification: String,
    pub is_active: bool,
    pub is_demo: bool,
    pub locale: String,
    pub club_id: Option<i64>,
    pub club_name: Option<String>,
    pub club_status: Option<String>,
    pub company_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: Option<DateTime<Utc>>,
    pub digest_opt_in: bool,
}

impl TryFrom<UserSummaryRow> for UserSummary {
    type Error = DbError;

    fn try_from(r: UserSummaryRow) -> Result<Self, DbError> {
        let club_status = match (r.club_id, r.club_status.as_deref()) {
            (Some(club_id), Some(status)) => Some(parse_club_status(club_id, status)?),
            _ => None,
        };
        Ok(UserSummary {
            role: parse_role(r.id, &r.role)?,
            verification: parse_verification(r.id, &r.verification)?,
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            is_active: r.is_active,
            is_demo: r.is_demo,
            locale: r.locale,
            club_id: r.club_id,
            club_name: r.club_name,
            club_status,
            company_name: r.company_name,
            created_at: r.created_at,
            password_changed_at: r.password_changed_at,
            digest_opt_in: r.digest_opt_in,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct ClubRow {
    pub id: i64,
    pub name: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub member_count: i64,
}

impl TryFrom<ClubRow> for Club {
    type Error = DbError;

    fn try_from(r: ClubRow) -> Result<Self, DbError> {
        Ok(Club {
            status: parse_club_status(r.id, &r.status)?,
            id: r.id,
            name: r.name,
            member_count: r.member_count,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct AuditRow {
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

impl From<AuditRow> for AuditEvent {
    fn from(r: AuditRow) -> Self {
        AuditEvent {
            id: r.id,
            actor_id: r.actor_id,
            actor_label: r.actor_label,
            action: r.action,
            object_type: r.object_type,
            object_id: r.object_id,
            detail: r.detail,
            ip: r.ip,
            created_at: r.created_at,
        }
    }
}

// --- Companies ---------------------------------------------------------

/// A stored word parsed back into its enum; an unknown word is a data
/// error naming the row, never a panic.
fn parse_stored<T>(
    table: &str,
    id: i64,
    what: &str,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, DbError> {
    parse(value).ok_or_else(|| DbError::Other(format!("{table} {id} has unknown {what} {value:?}")))
}

fn parse_optional<T>(
    table: &str,
    id: i64,
    what: &str,
    value: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, DbError> {
    value
        .map(|v| parse_stored(table, id, what, v, parse))
        .transpose()
}

/// Tags are stored joined with `\n` (they cannot contain one).
pub fn split_tags(stored: &str) -> Vec<String> {
    stored
        .split('\n')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn join_tags(tags: &[String]) -> String {
    tags.join("\n")
}

#[derive(sqlx::FromRow)]
pub struct CompanyRow {
    pub id: i64,
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster_id: Option<i64>,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub location: Option<String>,
    pub founded_year: Option<i64>,
    pub employees: Option<i64>,
    pub revenue_band: Option<String>,
    pub stage: Option<String>,
    pub one_liner: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub tags: String,
    pub logo_file: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<CompanyRow> for CompanyRecord {
    type Error = DbError;

    fn try_from(r: CompanyRow) -> Result<Self, DbError> {
        let revenue_band = parse_optional(
            "company",
            r.id,
            "revenue band",
            r.revenue_band.as_deref(),
            RevenueBand::parse,
        )?;
        let stage = parse_optional("company", r.id, "stage", r.stage.as_deref(), Stage::parse)?;
        Ok(CompanyRecord {
            id: r.id,
            slug: r.slug,
            name_ko: r.name_ko,
            name_en: r.name_en,
            cluster_id: r.cluster_id,
            cluster_slug: r.cluster_slug,
            cluster_name_ko: r.cluster_name_ko,
            cluster_name_en: r.cluster_name_en,
            location: r.location,
            founded_year: r.founded_year,
            employees: r.employees,
            revenue_band,
            stage,
            one_liner: r.one_liner,
            website: r.website,
            contact_email: r.contact_email,
            tags: split_tags(&r.tags),
            logo_file: r.logo_file,
            published_at: r.published_at,
            revision: r.revision,
            updated_at: r.updated_at,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct CompanyCardRow {
    pub id: i64,
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub location: Option<String>,
    pub founded_year: Option<i64>,
    pub stage: Option<String>,
    pub one_liner: Option<String>,
    pub tags: String,
    pub logo_file: Option<String>,
    pub published_at: DateTime<Utc>,
    pub ask_won: Option<i64>,
    pub instrument: Option<String>,
    pub search_text: String,
}

impl TryFrom<CompanyCardRow> for CompanyCardRecord {
    type Error = DbError;

    fn try_from(r: CompanyCardRow) -> Result<Self, DbError> {
        let stage = parse_optional("company", r.id, "stage", r.stage.as_deref(), Stage::parse)?;
        let instrument = parse_optional(
            "company",
            r.id,
            "instrument",
            r.instrument.as_deref(),
            Instrument::parse,
        )?;
        Ok(CompanyCardRecord {
            id: r.id,
            slug: r.slug,
            name_ko: r.name_ko,
            name_en: r.name_en,
            cluster_slug: r.cluster_slug,
            cluster_name_ko: r.cluster_name_ko,
            cluster_name_en: r.cluster_name_en,
            location: r.location,
            founded_year: r.founded_year,
            stage,
            one_liner: r.one_liner,
            tags: split_tags(&r.tags),
            logo_file: r.logo_file,
            published_at: r.published_at,
            ask: r.ask_won.map(Won::new),
            instrument,
            search_text: r.search_text,
        })
    }
}

/// One pitch section of a draft or a revision.
#[derive(sqlx::FromRow)]
pub struct SectionRow {
    pub section: String,
    pub visibility: String,
    pub markdown: String,
    pub html: String,
    pub plain_text: String,
}

impl SectionRow {
    /// `owner` names the company or revision, for the error message.
    pub fn into_section(self, owner: i64) -> Result<StoredSection, DbError> {
        let (kind, visibility) = section_head(owner, &self.section, &self.visibility)?;
        Ok(StoredSection {
            kind,
            visibility,
            markdown: self.markdown,
            html: self.html,
            plain_text: self.plain_text,
        })
    }
}

/// A stored section's kind and visibility; `owner` names the company or
/// revision, for the error message.
pub fn section_head(
    owner: i64,
    section: &str,
    visibility: &str,
) -> Result<(SectionKind, Visibility), DbError> {
    Ok((
        parse_stored("pitch", owner, "section", section, SectionKind::parse)?,
        parse_stored("pitch", owner, "visibility", visibility, Visibility::parse)?,
    ))
}

/// Funding terms as stored (the draft's or a revision's).
pub fn funding(
    owner: i64,
    ask_won: Option<i64>,
    instrument: Option<&str>,
    use_of_funds: String,
) -> Result<Funding, DbError> {
    Ok(Funding {
        amount: ask_won.map(Won::new),
        instrument: parse_optional("pitch", owner, "instrument", instrument, Instrument::parse)?,
        use_of_funds,
    })
}

/// The draft's funding terms and who saved it last.
#[derive(sqlx::FromRow)]
pub struct DraftHeadRow {
    pub draft_ask_won: Option<i64>,
    pub draft_instrument: Option<String>,
    pub draft_use_of_funds: String,
    pub draft_saved_at: Option<DateTime<Utc>>,
    pub saved_by: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub number: i64,
    pub ask_won: Option<i64>,
    pub instrument: Option<String>,
    pub use_of_funds: String,
    pub published_at: DateTime<Utc>,
    pub published_by_name: String,
}

impl RevisionRow {
    pub fn meta(&self) -> RevisionMeta {
        RevisionMeta {
            number: self.number,
            published_at: self.published_at,
            published_by: self.published_by_name.clone(),
        }
    }

    pub fn funding(&self) -> Result<Funding, DbError> {
        funding(
            self.id,
            self.ask_won,
            self.instrument.as_deref(),
            self.use_of_funds.clone(),
        )
    }
}

#[derive(sqlx::FromRow)]
pub struct RevisionMetaRow {
    pub number: i64,
    pub published_at: DateTime<Utc>,
    pub published_by_name: String,
}

impl From<RevisionMetaRow> for RevisionMeta {
    fn from(r: RevisionMetaRow) -> Self {
        RevisionMeta {
            number: r.number,
            published_at: r.published_at,
            published_by: r.published_by_name,
        }
    }
}

/// What the search text is made of, besides the public sections.
#[derive(sqlx::FromRow)]
pub struct SearchSourceRow {
    pub published_at: Option<DateTime<Utc>>,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub one_liner: Option<String>,
    pub tags: String,
    pub location: Option<String>,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub stage: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct UpdateRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub posted_by_name: String,
    pub posted_at: DateTime<Utc>,
}

impl TryFrom<UpdateRow> for StoredUpdate {
    type Error = DbError;

    fn try_from(r: UpdateRow) -> Result<Self, DbError> {
        Ok(StoredUpdate {
            kind: parse_stored("update", r.id, "kind", &r.kind, UpdateKind::parse)?,
            id: r.id,
            title: r.title,
            body: r.body,
            posted_by: r.posted_by_name,
            posted_at: r.posted_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub joined_at: DateTime<Utc>,
}

impl TryFrom<MemberRow> for StoredMember {
    type Error = DbError;

    fn try_from(r: MemberRow) -> Result<Self, DbError> {
        Ok(StoredMember {
            role: parse_stored("member", r.user_id, "role", &r.role, MemberRole::parse)?,
            user_id: r.user_id,
            display_name: r.display_name,
            email: r.email,
            joined_at: r.joined_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct InviteRow {
    pub id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub email: String,
    pub invited_by_name: String,
    pub created_at: DateTime<Utc>,
}

impl From<InviteRow> for StoredInvite {
    fn from(r: InviteRow) -> Self {
        StoredInvite {
            id: r.id,
            company_id: r.company_id,
            company_name: r.company_name,
            email: r.email,
            invited_by: r.invited_by_name,
            created_at: r.created_at,
        }
    }
}
