//! Row shapes shared by both backends (derive-decoded, so one definition
//! serves SQLite and PostgreSQL).

use app::domain::account::{AuditEvent, Club, ClubStatus, UserSummary, Verification};
use app::domain::{cluster::Cluster, role::Role};
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
}

impl TryFrom<SessionUserRow> for (SessionRecord, UserRecord) {
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
        Ok((session, r.user.try_into()?))
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
