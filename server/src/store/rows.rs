//! Row shapes shared by both backends (derive-decoded, so one definition
//! serves SQLite and PostgreSQL).

use app::domain::{cluster::Cluster, role::Role};
use app::ssr::{DbError, UserRecord};
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
    pub created_at: DateTime<Utc>,
}

impl TryFrom<UserRow> for UserRecord {
    type Error = DbError;

    fn try_from(r: UserRow) -> Result<Self, DbError> {
        let role = Role::parse(&r.role).ok_or_else(|| {
            DbError::Other(format!("user {} has unknown role {:?}", r.id, r.role))
        })?;
        Ok(UserRecord {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            role,
            is_active: r.is_active,
            locale: r.locale,
            is_demo: r.is_demo,
            created_at: r.created_at,
        })
    }
}
