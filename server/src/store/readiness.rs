//! The readiness part of the store (`app::ssr::readiness_store::ReadinessStore`).
//!
//! `impl_readiness_store!` expands one set of method bodies for both pool
//! types, like the other parts; the row shapes and their conversions are
//! below it. A checklist page is five queries whatever its size (summary,
//! items, evidence, comments, history); a move is one transaction that
//! also recomputes the score from the items it just read.

use app::domain::readiness::{ItemGroup, ItemStatus, TemplateKind};
use app::ssr::readiness_store::{
    Assignment, ChecklistItem, ChecklistSummary, Comment, EvidenceMeta, ScorePoint, TemplateItem,
    TemplateVersionInfo,
};
use app::ssr::DbError;
use chrono::{DateTime, NaiveDate, Utc};

fn bad(what: &str, value: &str) -> DbError {
    DbError::Other(format!("unknown {what} {value:?} in the database"))
}

pub(crate) fn status(value: &str) -> Result<ItemStatus, DbError> {
    ItemStatus::parse(value).ok_or_else(|| bad("checklist status", value))
}

pub(crate) fn kind(value: &str) -> Result<TemplateKind, DbError> {
    TemplateKind::parse(value).ok_or_else(|| bad("template kind", value))
}

fn score(value: Option<i64>) -> Option<u16> {
    value.and_then(|v| u16::try_from(v).ok())
}

pub(crate) const ASSIGNMENT_SELECT: &str = "\
    SELECT a.id, a.consultant_id, u.display_name AS consultant_name, a.company_id, \
           c.slug AS company_slug, c.name_ko AS company_name_ko, a.starts_on, a.ends_on \
    FROM consultant_assignments a JOIN users u ON u.id = a.consultant_id \
    JOIN companies c ON c.id = a.company_id";

#[derive(sqlx::FromRow)]
pub(crate) struct AssignmentRow {
    id: i64,
    consultant_id: i64,
    consultant_name: String,
    company_id: i64,
    company_slug: String,
    company_name_ko: String,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
}

impl From<AssignmentRow> for Assignment {
    fn from(r: AssignmentRow) -> Self {
        Assignment {
            id: r.id,
            consultant_id: r.consultant_id,
            consultant_name: r.consultant_name,
            company_id: r.company_id,
            company_slug: r.company_slug,
            company_name_ko: r.company_name_ko,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
        }
    }
}

pub(crate) const TEMPLATE_ITEM_COLUMNS: &str = "\
    ti.id AS template_item_id, ti.position, ti.item_group, ti.weight, ti.title_ko, \
    ti.title_en, ti.evidence_ko, ti.evidence_en";

#[derive(sqlx::FromRow)]
pub(crate) struct TemplateItemRow {
    template_item_id: i64,
    position: i64,
    item_group: String,
    weight: i64,
    title_ko: String,
    title_en: String,
    evidence_ko: String,
    evidence_en: String,
}

impl TryFrom<TemplateItemRow> for TemplateItem {
    type Error = DbError;
    fn try_from(r: TemplateItemRow) -> Result<Self, DbError> {
        Ok(TemplateItem {
            id: r.template_item_id,
            position: r.position,
            group: ItemGroup::parse(&r.item_group)
                .ok_or_else(|| bad("item group", &r.item_group))?,
            weight: u32::try_from(r.weight).map_err(|_| bad("weight", &r.weight.to_string()))?,
            title_ko: r.title_ko,
            title_en: r.title_en,
            evidence_ko: r.evidence_ko,
            evidence_en: r.evidence_en,
        })
    }
}

/// A template version's header: `$1` kind, `$2` version.
pub(crate) const TEMPLATE_SELECT: &str = "\
    SELECT t.id, t.version, t.created_at, u.display_name AS created_by_name \
    FROM readiness_templates t LEFT JOIN users u ON u.id = t.created_by \
    WHERE t.kind = $1 AND t.version = $2";

#[derive(sqlx::FromRow)]
pub(crate) struct TemplateRow {
    pub(crate) id: i64,
    pub(crate) version: i64,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) created_by_name: Option<String>,
}

/// Every template version with its item count, total weight and the
/// number of checklists started from it: two grouped scans, not one
/// count per version.
pub(crate) const TEMPLATE_VERSIONS_SELECT: &str = "\
    SELECT t.id, t.kind, t.version, t.created_by, u.display_name AS created_by_name, \
           t.created_at, COALESCE(i.n, 0) AS item_count, COALESCE(i.w, 0) AS total_weight, \
           COALESCE(c.n, 0) AS checklist_count \
    FROM readiness_templates t LEFT JOIN users u ON u.id = t.created_by \
    LEFT JOIN (SELECT template_id, COUNT(*) AS n, CAST(SUM(weight) AS BIGINT) AS w \
               FROM readiness_template_items GROUP BY template_id) i ON i.template_id = t.id \
    LEFT JOIN (SELECT template_id, COUNT(*) AS n FROM checklists GROUP BY template_id) c \
           ON c.template_id = t.id \
    ORDER BY t.kind, t.version DESC";

#[derive(sqlx::FromRow)]
pub(crate) struct TemplateVersionRow {
    id: i64,
    kind: String,
    version: i64,
    created_by: Option<i64>,
    created_by_name: Option<String>,
    created_at: DateTime<Utc>,
    item_count: i64,
    total_weight: i64,
    checklist_count: i64,
}

impl TryFrom<TemplateVersionRow> for TemplateVersionInfo {
    type Error = DbError;
    fn try_from(r: TemplateVersionRow) -> Result<Self, DbError> {
        Ok(TemplateVersionInfo {
            id: r.id,
            kind: kind(&r.kind)?,
            version: r.version,
            item_count: r.item_count,
            total_weight: r.total_weight,
            created_by: r.created_by,
            created_by_name: r.created_by_name,
            created_at: r.created_at,
            checklist_count: r.checklist_count,
        })
    }
}

pub(crate) const SUMMARY_SELECT: &str = "\
    SELECT k.id, k.company_id, k.kind, t.version AS template_version, \
           (SELECT MAX(v.version) FROM readiness_templates v WHERE v.kind = k.kind) \
               AS latest_template_version, \
           k.score_permille, k.last_progress_at, k.created_at, k.badge_shared_at \
    FROM checklists k JOIN readiness_templates t ON t.id = k.template_id";

#[derive(sqlx::FromRow)]
pub(crate) struct SummaryRow {
    id: i64,
    company_id: i64,
    kind: String,
    template_version: i64,
    latest_template_version: i64,
    score_permille: Option<i64>,
    last_progress_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    badge_shared_at: Option<DateTime<Utc>>,
}

impl TryFrom<SummaryRow> for ChecklistSummary {
    type Error = DbError;
    fn try_from(r: SummaryRow) -> Result<Self, DbError> {
        Ok(ChecklistSummary {
            id: r.id,
            company_id: r.company_id,
            kind: kind(&r.kind)?,
            template_version: r.template_version,
            latest_template_version: r.latest_template_version,
            score_permille: score(r.score_permille),
            last_progress_at: r.last_progress_at,
            created_at: r.created_at,
            badge_shared_at: r.badge_shared_at,
        })
    }
}

/// The items of checklist `$1`, in template order.
pub(crate) const ITEMS_SELECT: &str = "\
    SELECT i.id, i.status, i.due_on, i.note, i.signed_off_name, i.signed_off_at, i.updated_at, \
    ti.id AS template_item_id, ti.position, ti.item_group, ti.weight, ti.title_ko, \
    ti.title_en, ti.evidence_ko, ti.evidence_en \
    FROM checklist_items i JOIN readiness_template_items ti ON ti.id = i.template_item_id \
    WHERE i.checklist_id = $1 ORDER BY ti.position";

#[derive(sqlx::FromRow)]
pub(crate) struct ItemRow {
    id: i64,
    status: String,
    due_on: Option<NaiveDate>,
    note: String,
    signed_off_name: Option<String>,
    signed_off_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    #[sqlx(flatten)]
    template: TemplateItemRow,
}

impl TryFrom<ItemRow> for ChecklistItem {
    type Error = DbError;
    fn try_from(r: ItemRow) -> Result<Self, DbError> {
        Ok(ChecklistItem {
            id: r.id,
            template_item: r.template.try_into()?,
            status: status(&r.status)?,
            due_on: r.due_on,
            note: r.note,
            signed_off_name: r.signed_off_name,
            signed_off_at: r.signed_off_at,
            updated_at: r.updated_at,
            evidence: Vec::new(),
            comments: Vec::new(),
        })
    }
}

pub(crate) const EVIDENCE_COLUMNS: &str = "\
    e.id, e.item_id, e.file_name, e.content_type, e.byte_size, e.uploader_name, e.created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct EvidenceRow {
    id: i64,
    item_id: i64,
    file_name: String,
    content_type: String,
    byte_size: i64,
    uploader_name: String,
    created_at: DateTime<Utc>,
}

impl From<EvidenceRow> for EvidenceMeta {
    fn from(r: EvidenceRow) -> Self {
        EvidenceMeta {
            id: r.id,
            item_id: r.item_id,
            file_name: r.file_name,
            content_type: r.content_type,
            byte_size: r.byte_size,
            uploader_name: r.uploader_name,
            created_at: r.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CommentRow {
    id: i64,
    item_id: i64,
    author_name: String,
    body: String,
    created_at: DateTime<Utc>,
}

impl From<CommentRow> for Comment {
    fn from(r: CommentRow) -> Self {
        Comment {
            id: r.id,
            item_id: r.item_id,
            author_name: r.author_name,
            body: r.body,
            created_at: r.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ScoreRow {
    score_permille: i64,
    recorded_at: DateTime<Utc>,
}

impl From<ScoreRow> for ScorePoint {
    fn from(r: ScoreRow) -> Self {
        ScorePoint {
            score_permille: score(Some(r.score_permille)).unwrap_or(0),
            at: r.recorded_at,
        }
    }
}

/// (company id, consultant name) of the assignments in force on day `$1`.
pub(crate) const CONSULTANTS_ON_DAY: &str = "\
    SELECT a.company_id, u.display_name FROM consultant_assignments a \
    JOIN users u ON u.id = a.consultant_id \
    WHERE a.starts_on <= $1 AND (a.ends_on IS NULL OR a.ends_on >= $1)";

/// The portfolio's rows: `$1` consultant (`NULL`: all), `$2` today, `$3`
/// thirty days ago. The per-checklist figures are correlated subqueries
/// over indexed columns, so this is one statement whatever the size.
/// `next_due` groups by checklist so that PostgreSQL cannot turn its `MIN`
/// into "first row of the open-due-date index whose checklist matches":
/// without fresh statistics it did, scanning ~11,000 index rows per
/// checklist (an admin's 12,500 rows took 43 s instead of 0.2 s).
pub(crate) const PORTFOLIO_SELECT: &str = "\
    SELECT k.id AS checklist_id, k.company_id, c.slug AS company_slug, \
           c.name_ko AS company_name, cl.slug AS cluster_slug, cl.name_ko AS cluster_name_ko, \
           cl.name_en AS cluster_name_en, k.kind, k.score_permille, k.last_progress_at, \
           (SELECT s.score_permille FROM readiness_scores s WHERE s.checklist_id = k.id \
            AND s.recorded_at <= $3 ORDER BY s.recorded_at DESC, s.id DESC LIMIT 1) AS score_then, \
           (SELECT COUNT(*) FROM checklist_items i WHERE i.checklist_id = k.id AND i.due_on < $2 \
            AND i.status NOT IN ('approved', 'not_applicable')) AS overdue, \
           (SELECT MIN(i.due_on) FROM checklist_items i WHERE i.checklist_id = k.id \
            AND i.due_on >= $2 AND i.status NOT IN ('approved', 'not_applicable') \
            GROUP BY i.checklist_id) AS next_due, \
           (SELECT COUNT(*) FROM checklist_items i WHERE i.checklist_id = k.id \
            AND i.status NOT IN ('approved', 'not_applicable')) AS open_items \
    FROM checklists k JOIN companies c ON c.id = k.company_id \
    LEFT JOIN clusters cl ON cl.id = c.cluster_id \
    WHERE $1 IS NULL OR k.company_id IN (SELECT a.company_id FROM consultant_assignments a \
          WHERE a.consultant_id = $1 AND a.starts_on <= $2 AND (a.ends_on IS NULL OR a.ends_on >= $2)) \
    ORDER BY k.id";

#[derive(sqlx::FromRow)]
pub(crate) struct PortfolioDbRow {
    company_id: i64,
    company_slug: String,
    company_name: String,
    cluster_slug: Option<String>,
    cluster_name_ko: Option<String>,
    cluster_name_en: Option<String>,
    kind: String,
    score_permille: Option<i64>,
    last_progress_at: DateTime<Utc>,
    score_then: Option<i64>,
    overdue: i64,
    next_due: Option<NaiveDate>,
    open_items: i64,
}

/// Rows with the names of each company's consultants on the day, grouped
/// once (an admin's view is thousands of rows and names).
pub(crate) fn portfolio_rows(
    rows: Vec<PortfolioDbRow>,
    names: Vec<(i64, String)>,
) -> Result<Vec<app::domain::portfolio::PortfolioRow>, DbError> {
    let mut by_company: std::collections::HashMap<i64, Vec<String>> =
        std::collections::HashMap::new();
    for (company_id, name) in names {
        by_company.entry(company_id).or_default().push(name);
    }
    rows.into_iter()
        .map(|r| {
            Ok(app::domain::portfolio::PortfolioRow {
                consultants: by_company.get(&r.company_id).cloned().unwrap_or_default(),
                kind: kind(&r.kind)?,
                company_slug: r.company_slug,
                company_name: r.company_name,
                cluster_slug: r.cluster_slug,
                cluster_name_ko: r.cluster_name_ko,
                cluster_name_en: r.cluster_name_en,
                score_permille: score(r.score_permille),
                score_30_days_ago: score(r.score_then),
                overdue: r.overdue,
                next_due: r.next_due,
                open_items: r.open_items,
                last_progress_at: r.last_progress_at,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
pub(crate) struct MilestoneRow {
    id: i64,
    title: String,
    due_on: NaiveDate,
    status: String,
    done_on: Option<NaiveDate>,
    is_public: bool,
}

impl TryFrom<MilestoneRow> for app::domain::readiness::Milestone {
    type Error = DbError;
    fn try_from(r: MilestoneRow) -> Result<Self, DbError> {
        Ok(app::domain::readiness::Milestone {
            status: app::domain::readiness::MilestoneStatus::parse(&r.status)
                .ok_or_else(|| bad("milestone status", &r.status))?,
            id: r.id,
            title: r.title,
            due_on: r.due_on,
            done_on: r.done_on,
            is_public: r.is_public,
        })
    }
}

/// An update scoped by company touched its row, or the row is not the
/// company's ("not found").
pub(crate) fn touched(rows: u64) -> Result<(), DbError> {
    match rows {
        0 => Err(DbError::NotFound),
        _ => Ok(()),
    }
}

/// Attaches evidence and comments (read in one query each, ordered by
/// item) to their items.
pub(crate) fn attach(
    items: &mut [ChecklistItem],
    evidence: Vec<EvidenceMeta>,
    comments: Vec<Comment>,
) {
    let index: std::collections::HashMap<i64, usize> =
        items.iter().enumerate().map(|(n, i)| (i.id, n)).collect();
    for e in evidence {
        if let Some(&n) = index.get(&e.item_id) {
            items[n].evidence.push(e);
        }
    }
    for c in comments {
        if let Some(&n) = index.get(&c.item_id) {
            items[n].comments.push(c);
        }
    }
}

macro_rules! impl_readiness_store {
    ($store:ty, $conn:ty) => {
        /// Steps shared with other methods (the company page reads these on
        /// its own connection), run on the caller's connection.
        impl $store {
            /// The badges a company shares, with the consultants assigned to
            /// it on `today`.
            async fn badges_in(
                conn: &mut $conn,
                company_id: i64,
                today: chrono::NaiveDate,
            ) -> app::ssr::DbResult<Vec<app::ssr::readiness_store::ReadinessBadge>> {
                use $crate::store::errors::db_error;
                use $crate::store::company_page::{BADGE_COLUMNS, SHARED_BADGE};
                let sql = format!(
                    "SELECT {BADGE_COLUMNS} FROM checklists k WHERE k.company_id = $1 \
                     AND {SHARED_BADGE} ORDER BY k.kind"
                );
                let rows: Vec<(String, i64, chrono::DateTime<chrono::Utc>)> = sqlx::query_as(&sql)
                .bind(company_id)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_error)?;
                // Most company pages show no badge: then no second query.
                if rows.is_empty() {
                    return Ok(Vec::new());
                }
                let consultants: Vec<String> = sqlx::query_as::<_, (i64, String)>(&format!(
                    "{} AND a.company_id = $2 ORDER BY a.id",
                    $crate::store::readiness::CONSULTANTS_ON_DAY
                ))
                .bind(today)
                .bind(company_id)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_error)?
                .into_iter()
                .map(|(_, name)| name)
                .collect();
                rows.into_iter()
                    .map(|(kind, score, as_of)| {
                        Ok(app::ssr::readiness_store::ReadinessBadge {
                            kind: $crate::store::readiness::kind(&kind)?,
                            score_permille: u16::try_from(score).unwrap_or(0),
                            consultants: consultants.clone(),
                            as_of,
                        })
                    })
                    .collect()
            }

            /// A company's milestones by due date, public ones only if asked.
            async fn milestones_in(
                conn: &mut $conn,
                company_id: i64,
                public_only: bool,
            ) -> app::ssr::DbResult<Vec<app::domain::readiness::Milestone>> {
                use $crate::store::readiness::MilestoneRow;
                let rows: Vec<MilestoneRow> = sqlx::query_as(
                    "SELECT id, title, due_on, status, done_on, is_public FROM milestones \
                     WHERE company_id = $1 AND ($2 = FALSE OR is_public = TRUE) \
                     ORDER BY due_on, id",
                )
                .bind(company_id)
                .bind(public_only)
                .fetch_all(&mut *conn)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }

        #[async_trait::async_trait]
        impl app::ssr::readiness_store::ReadinessStore for $store {
            async fn assign_consultant(
                &self,
                new: &app::ssr::readiness_store::NewAssignment,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO consultant_assignments (consultant_id, company_id, starts_on, \
                     ends_on, assigned_by, created_at) \
                     SELECT u.id, c.id, $3, $4, $5, $6 FROM users u, companies c \
                     WHERE u.id = $1 AND u.role = 'consultant' AND c.id = $2 RETURNING id",
                )
                .bind(new.consultant_id)
                .bind(new.company_id)
                .bind(new.starts_on)
                .bind(new.ends_on)
                .bind(new.assigned_by)
                .bind(new.at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                insert_audit!(tx, audit, Some(id.to_string()))?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            async fn end_assignment(
                &self,
                company_id: i64,
                assignment_id: i64,
                ends_on: chrono::NaiveDate,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let done = sqlx::query(
                    "UPDATE consultant_assignments SET ends_on = $3 \
                     WHERE id = $1 AND company_id = $2 AND starts_on <= $3",
                )
                .bind(assignment_id)
                .bind(company_id)
                .bind(ends_on)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                $crate::store::readiness::touched(done.rows_affected())?;
                insert_audit!(tx, audit, Some(assignment_id.to_string()))?;
                tx.commit().await.map_err(db_error)
            }

            async fn assignments(
                &self,
            ) -> app::ssr::DbResult<Vec<app::ssr::readiness_store::Assignment>> {
                use $crate::store::readiness::{AssignmentRow, ASSIGNMENT_SELECT};
                let rows: Vec<AssignmentRow> = sqlx::query_as(&format!(
                    "{ASSIGNMENT_SELECT} ORDER BY a.id DESC LIMIT 500"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn assignments_of_company(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::readiness_store::Assignment>> {
                use $crate::store::readiness::{AssignmentRow, ASSIGNMENT_SELECT};
                let rows: Vec<AssignmentRow> = sqlx::query_as(&format!(
                    "{ASSIGNMENT_SELECT} WHERE a.company_id = $1 ORDER BY a.starts_on, a.id"
                ))
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn assigned_company_ids(
                &self,
                consultant_id: i64,
                day: chrono::NaiveDate,
            ) -> app::ssr::DbResult<Vec<i64>> {
                sqlx::query_scalar(
                    "SELECT DISTINCT company_id FROM consultant_assignments \
                     WHERE consultant_id = $1 AND starts_on <= $2 \
                     AND (ends_on IS NULL OR ends_on >= $2) ORDER BY company_id",
                )
                .bind(consultant_id)
                .bind(day)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)
            }

            async fn ensure_builtin_templates(
                &self,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                use app::domain::readiness::{builtin_items, TemplateKind};
                use $crate::store::errors::db_error;
                for kind in TemplateKind::ALL {
                    let mut tx = self.begin_write().await.map_err(db_error)?;
                    // Another process may be doing the same: the unique
                    // (kind, version) lets exactly one insert win.
                    let id: Option<i64> = sqlx::query_scalar(
                        "INSERT INTO readiness_templates (kind, version, created_at) \
                         VALUES ($1, 1, $2) ON CONFLICT (kind, version) DO NOTHING RETURNING id",
                    )
                    .bind(kind.as_str())
                    .bind(at)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    let Some(id) = id else { continue };
                    for (position, item) in builtin_items(*kind).iter().enumerate() {
                        sqlx::query(
                            "INSERT INTO readiness_template_items (template_id, position, \
                             item_group, weight, title_ko, title_en, evidence_ko, evidence_en) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(id)
                        .bind(position as i64 + 1)
                        .bind(item.group.as_str())
                        .bind(i64::from(item.weight))
                        .bind(item.title_ko)
                        .bind(item.title_en)
                        .bind(item.evidence_ko)
                        .bind(item.evidence_en)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?;
                    }
                    tx.commit().await.map_err(db_error)?;
                }
                Ok(())
            }

            async fn latest_template(
                &self,
                kind: app::domain::readiness::TemplateKind,
            ) -> app::ssr::DbResult<app::ssr::readiness_store::Template> {
                let latest: Option<i64> = sqlx::query_scalar(
                    "SELECT MAX(version) FROM readiness_templates WHERE kind = $1",
                )
                .bind(kind.as_str())
                .fetch_one(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                let version = latest.ok_or(app::ssr::DbError::NotFound)?;
                self.template(kind, version).await
            }

            async fn template(
                &self,
                kind: app::domain::readiness::TemplateKind,
                version: i64,
            ) -> app::ssr::DbResult<app::ssr::readiness_store::Template> {
                use $crate::store::errors::db_error;
                use $crate::store::readiness::{
                    TemplateItemRow, TemplateRow, TEMPLATE_ITEM_COLUMNS, TEMPLATE_SELECT,
                };
                let head: TemplateRow = sqlx::query_as(TEMPLATE_SELECT)
                    .bind(kind.as_str())
                    .bind(version)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)?;
                let rows: Vec<TemplateItemRow> = sqlx::query_as(&format!(
                    "SELECT {TEMPLATE_ITEM_COLUMNS} FROM readiness_template_items ti \
                     WHERE ti.template_id = $1 ORDER BY ti.position"
                ))
                .bind(head.id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(app::ssr::readiness_store::Template {
                    id: head.id,
                    kind,
                    version: head.version,
                    created_by_name: head.created_by_name,
                    created_at: head.created_at,
                    items: rows
                        .into_iter()
                        .map(TryInto::try_into)
                        .collect::<Result<_, _>>()?,
                })
            }

            async fn template_versions(
                &self,
            ) -> app::ssr::DbResult<Vec<app::ssr::readiness_store::TemplateVersionInfo>> {
                use $crate::store::readiness::{TemplateVersionRow, TEMPLATE_VERSIONS_SELECT};
                let rows: Vec<TemplateVersionRow> = sqlx::query_as(TEMPLATE_VERSIONS_SELECT)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn save_template_version(
                &self,
                new: &app::ssr::readiness_store::NewTemplateVersion,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use app::ssr::DbError;
                use $crate::store::errors::db_error;
                if new.items.is_empty() {
                    return Err(DbError::Other(
                        "a template version needs at least one item".into(),
                    ));
                }
                let stale = || DbError::Conflict("template_version".into());
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let latest: Option<i64> = sqlx::query_scalar(
                    "SELECT MAX(version) FROM readiness_templates WHERE kind = $1",
                )
                .bind(new.kind.as_str())
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if latest != Some(new.based_on) {
                    return Err(stale());
                }
                let version = new.based_on + 1;
                // Two saves from the same version (PostgreSQL reads both
                // before either writes) meet at the unique (kind, version):
                // the second is refused as stale too.
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO readiness_templates (kind, version, created_by, created_at) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(new.kind.as_str())
                .bind(version)
                .bind(new.created_by)
                .bind(new.at)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| match db_error(e) {
                    DbError::Conflict(_) => stale(),
                    other => other,
                })?;
                for (n, item) in new.items.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO readiness_template_items (template_id, position, \
                         item_group, weight, title_ko, title_en, evidence_ko, evidence_en) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(id)
                    .bind(n as i64 + 1)
                    .bind(item.group.as_str())
                    .bind(i64::from(item.weight))
                    .bind(&item.title_ko)
                    .bind(&item.title_en)
                    .bind(&item.evidence_ko)
                    .bind(&item.evidence_en)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                insert_audit!(tx, audit, Some(id.to_string()))?;
                tx.commit().await.map_err(db_error)?;
                Ok(version)
            }

            async fn start_checklist(
                &self,
                company_id: i64,
                kind: app::domain::readiness::TemplateKind,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<i64> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let checklist_id: i64 = sqlx::query_scalar(
                    "INSERT INTO checklists (company_id, template_id, kind, score_permille, \
                     last_progress_at, created_at) \
                     SELECT $1, t.id, t.kind, 0, $3, $3 FROM readiness_templates t \
                     WHERE t.kind = $2 ORDER BY t.version DESC LIMIT 1 RETURNING id",
                )
                .bind(company_id)
                .bind(kind.as_str())
                .bind(at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                sqlx::query(
                    "INSERT INTO checklist_items (checklist_id, template_item_id, status, \
                     updated_at) SELECT k.id, ti.id, 'not_started', $2 FROM checklists k \
                     JOIN readiness_template_items ti ON ti.template_id = k.template_id \
                     WHERE k.id = $1",
                )
                .bind(checklist_id)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                sqlx::query(
                    "INSERT INTO readiness_scores (checklist_id, score_permille, recorded_at) \
                     VALUES ($1, 0, $2)",
                )
                .bind(checklist_id)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(checklist_id)
            }

            async fn checklists_of_company(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::readiness_store::ChecklistSummary>> {
                use $crate::store::readiness::{SummaryRow, SUMMARY_SELECT};
                let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
                    "{SUMMARY_SELECT} WHERE k.company_id = $1 ORDER BY k.kind"
                ))
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn checklist(
                &self,
                company_id: i64,
                kind: app::domain::readiness::TemplateKind,
            ) -> app::ssr::DbResult<app::ssr::readiness_store::Checklist> {
                use $crate::store::errors::db_error;
                use $crate::store::readiness::{
                    attach, CommentRow, EvidenceRow, ItemRow, ScoreRow, SummaryRow,
                    EVIDENCE_COLUMNS, ITEMS_SELECT, SUMMARY_SELECT,
                };
                let summary: SummaryRow = sqlx::query_as(&format!(
                    "{SUMMARY_SELECT} WHERE k.company_id = $1 AND k.kind = $2"
                ))
                .bind(company_id)
                .bind(kind.as_str())
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)?;
                let summary: app::ssr::readiness_store::ChecklistSummary = summary.try_into()?;
                let items: Vec<ItemRow> = sqlx::query_as(ITEMS_SELECT)
                    .bind(summary.id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                let mut items: Vec<app::ssr::readiness_store::ChecklistItem> = items
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<_, _>>()?;
                let evidence: Vec<EvidenceRow> = sqlx::query_as(&format!(
                    "SELECT {EVIDENCE_COLUMNS} FROM evidence_files e \
                     JOIN checklist_items i ON i.id = e.item_id \
                     WHERE i.checklist_id = $1 ORDER BY e.id"
                ))
                .bind(summary.id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                let comments: Vec<CommentRow> = sqlx::query_as(
                    "SELECT m.id, m.item_id, m.author_name, m.body, m.created_at \
                     FROM checklist_comments m JOIN checklist_items i ON i.id = m.item_id \
                     WHERE i.checklist_id = $1 ORDER BY m.id",
                )
                .bind(summary.id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                attach(
                    &mut items,
                    evidence.into_iter().map(Into::into).collect(),
                    comments.into_iter().map(Into::into).collect(),
                );
                let history: Vec<ScoreRow> = sqlx::query_as(
                    "SELECT score_permille, recorded_at FROM readiness_scores \
                     WHERE checklist_id = $1 ORDER BY recorded_at, id",
                )
                .bind(summary.id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                Ok(app::ssr::readiness_store::Checklist {
                    summary,
                    items,
                    history: history.into_iter().map(Into::into).collect(),
                })
            }

            async fn move_item(
                &self,
                change: &app::ssr::readiness_store::ItemMove,
            ) -> app::ssr::DbResult<Option<u16>> {
                use app::domain::readiness::{is_progress, score_permille, ItemStatus};
                use app::ssr::DbError;
                use $crate::store::errors::db_error;
                use $crate::store::readiness::status;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let (checklist_id, current): (i64, String) = sqlx::query_as(&format!(
                    "SELECT i.checklist_id, i.status FROM checklist_items i \
                     JOIN checklists k ON k.id = i.checklist_id \
                     WHERE i.id = $1 AND k.company_id = $2{}",
                    Self::ROW_LOCK
                ))
                .bind(change.item_id)
                .bind(change.company_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                let current = status(&current)?;
                if current != change.expected {
                    return Err(DbError::Conflict("status".into()));
                }
                let signing = change.to == ItemStatus::Approved;
                sqlx::query(
                    "UPDATE checklist_items SET status = $2, updated_at = $3, \
                     signed_off_by = $4, signed_off_name = $5, signed_off_at = $6 WHERE id = $1",
                )
                .bind(change.item_id)
                .bind(change.to.as_str())
                .bind(change.at)
                .bind(signing.then_some(change.actor_id))
                .bind(signing.then_some(change.actor_name.as_str()))
                .bind(signing.then_some(change.at))
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                sqlx::query(
                    "INSERT INTO checklist_item_events (item_id, checklist_id, from_status, \
                     to_status, actor_id, actor_name, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(change.item_id)
                .bind(checklist_id)
                .bind(current.as_str())
                .bind(change.to.as_str())
                .bind(change.actor_id)
                .bind(&change.actor_name)
                .bind(change.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                let weights: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT ti.weight, i.status FROM checklist_items i \
                     JOIN readiness_template_items ti ON ti.id = i.template_item_id \
                     WHERE i.checklist_id = $1",
                )
                .bind(checklist_id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_error)?;
                let weighted = weights
                    .iter()
                    .map(|(w, s)| Ok((u32::try_from(*w).unwrap_or(0), status(s)?)))
                    .collect::<Result<Vec<_>, DbError>>()?;
                let score = score_permille(weighted);
                let progress = is_progress(current, change.to);
                sqlx::query(
                    "UPDATE checklists SET score_permille = $2, \
                     last_progress_at = CASE WHEN $3 THEN $4 ELSE last_progress_at END \
                     WHERE id = $1",
                )
                .bind(checklist_id)
                .bind(score.map(i64::from))
                .bind(progress)
                .bind(change.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                if let Some(score) = score {
                    sqlx::query(
                        "INSERT INTO readiness_scores (checklist_id, score_permille, recorded_at) \
                         VALUES ($1, $2, $3)",
                    )
                    .bind(checklist_id)
                    .bind(i64::from(score))
                    .bind(change.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                tx.commit().await.map_err(db_error)?;
                Ok(score)
            }

            async fn plan_item(
                &self,
                company_id: i64,
                item_id: i64,
                due_on: Option<chrono::NaiveDate>,
                note: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                let done = sqlx::query(
                    "UPDATE checklist_items SET due_on = $3, note = $4, updated_at = $5 \
                     WHERE id = $1 AND checklist_id IN \
                     (SELECT id FROM checklists WHERE company_id = $2)",
                )
                .bind(item_id)
                .bind(company_id)
                .bind(due_on)
                .bind(note)
                .bind(at)
                .execute(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                $crate::store::readiness::touched(done.rows_affected())
            }

            async fn add_comment(
                &self,
                company_id: i64,
                item_id: i64,
                author_id: i64,
                author_name: &str,
                body: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<i64> {
                sqlx::query_scalar(
                    "INSERT INTO checklist_comments (item_id, author_id, author_name, body, \
                     created_at) SELECT i.id, $3, $4, $5, $6 FROM checklist_items i \
                     JOIN checklists k ON k.id = i.checklist_id \
                     WHERE i.id = $1 AND k.company_id = $2 RETURNING id",
                )
                .bind(item_id)
                .bind(company_id)
                .bind(author_id)
                .bind(author_name)
                .bind(body)
                .bind(at)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)
            }

            async fn add_evidence(
                &self,
                new: &app::ssr::readiness_store::NewEvidence,
            ) -> app::ssr::DbResult<i64> {
                sqlx::query_scalar(
                    "INSERT INTO evidence_files (item_id, file_name, content_type, byte_size, \
                     sha256, bytes, uploaded_by, uploader_name, created_at) \
                     SELECT i.id, $3, $4, $5, $6, $7, $8, $9, $10 FROM checklist_items i \
                     JOIN checklists k ON k.id = i.checklist_id \
                     WHERE i.id = $1 AND k.company_id = $2 RETURNING id",
                )
                .bind(new.item_id)
                .bind(new.company_id)
                .bind(&new.file_name)
                .bind(new.content_type)
                .bind(new.bytes.len() as i64)
                .bind(&new.sha256)
                .bind(&new.bytes)
                .bind(new.uploaded_by)
                .bind(&new.uploader_name)
                .bind(new.at)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)
            }

            async fn evidence_file(
                &self,
                evidence_id: i64,
            ) -> app::ssr::DbResult<(i64, app::ssr::readiness_store::EvidenceMeta, Vec<u8>)> {
                use $crate::store::errors::db_error;
                use $crate::store::readiness::{EvidenceRow, EVIDENCE_COLUMNS};
                #[derive(sqlx::FromRow)]
                struct Row {
                    company_id: i64,
                    bytes: Vec<u8>,
                    #[sqlx(flatten)]
                    meta: EvidenceRow,
                }
                let row: Row = sqlx::query_as(&format!(
                    "SELECT k.company_id, e.bytes, {EVIDENCE_COLUMNS} FROM evidence_files e \
                     JOIN checklist_items i ON i.id = e.item_id \
                     JOIN checklists k ON k.id = i.checklist_id WHERE e.id = $1"
                ))
                .bind(evidence_id)
                .fetch_one(&self.pool)
                .await
                .map_err(db_error)?;
                Ok((row.company_id, row.meta.into(), row.bytes))
            }

            async fn share_badge(
                &self,
                company_id: i64,
                kind: app::domain::readiness::TemplateKind,
                shared_at: Option<chrono::DateTime<chrono::Utc>>,
            ) -> app::ssr::DbResult<()> {
                let done = sqlx::query(
                    "UPDATE checklists SET badge_shared_at = $3 WHERE company_id = $1 AND kind = $2",
                )
                .bind(company_id)
                .bind(kind.as_str())
                .bind(shared_at)
                .execute(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                $crate::store::readiness::touched(done.rows_affected())
            }

            async fn badges(
                &self,
                company_id: i64,
                today: chrono::NaiveDate,
            ) -> app::ssr::DbResult<Vec<app::ssr::readiness_store::ReadinessBadge>> {
                use $crate::store::errors::db_error;
                // Both queries on one connection: a return to the pool
                // costs sqlx a round trip (a ping) of its own.
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                Self::badges_in(&mut conn, company_id, today).await
            }

            async fn milestones(
                &self,
                company_id: i64,
                public_only: bool,
            ) -> app::ssr::DbResult<Vec<app::domain::readiness::Milestone>> {
                use $crate::store::errors::db_error;
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                Self::milestones_in(&mut conn, company_id, public_only).await
            }

            async fn add_milestone(
                &self,
                company_id: i64,
                m: &app::domain::readiness::ValidMilestone,
                by: i64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<i64> {
                sqlx::query_scalar(
                    "INSERT INTO milestones (company_id, title, due_on, status, done_on, \
                     is_public, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, FALSE, $6, $7, $7) RETURNING id",
                )
                .bind(company_id)
                .bind(&m.title)
                .bind(m.due_on)
                .bind(m.status.as_str())
                .bind(m.done_on)
                .bind(by)
                .bind(at)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)
            }

            async fn update_milestone(
                &self,
                company_id: i64,
                milestone_id: i64,
                m: &app::domain::readiness::ValidMilestone,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                let done = sqlx::query(
                    "UPDATE milestones SET title = $3, due_on = $4, status = $5, done_on = $6, \
                     updated_at = $7 WHERE id = $1 AND company_id = $2",
                )
                .bind(milestone_id)
                .bind(company_id)
                .bind(&m.title)
                .bind(m.due_on)
                .bind(m.status.as_str())
                .bind(m.done_on)
                .bind(at)
                .execute(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                $crate::store::readiness::touched(done.rows_affected())
            }

            async fn set_milestone_public(
                &self,
                company_id: i64,
                milestone_id: i64,
                public: bool,
                at: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<()> {
                let done = sqlx::query(
                    "UPDATE milestones SET is_public = $3, updated_at = $4 \
                     WHERE id = $1 AND company_id = $2",
                )
                .bind(milestone_id)
                .bind(company_id)
                .bind(public)
                .bind(at)
                .execute(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                $crate::store::readiness::touched(done.rows_affected())
            }

            async fn portfolio(
                &self,
                consultant_id: Option<i64>,
                today: chrono::NaiveDate,
                thirty_days_ago: chrono::DateTime<chrono::Utc>,
            ) -> app::ssr::DbResult<Vec<app::domain::portfolio::PortfolioRow>> {
                use $crate::store::errors::db_error;
                use $crate::store::readiness::{portfolio_rows, PortfolioDbRow, PORTFOLIO_SELECT};
                let rows: Vec<PortfolioDbRow> = sqlx::query_as(PORTFOLIO_SELECT)
                    .bind(consultant_id)
                    .bind(today)
                    .bind(thirty_days_ago)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                // The names of the consultants of the companies in view
                // only: one consultant's portfolio does not read everyone's.
                let names: Vec<(i64, String)> = sqlx::query_as(&format!(
                    "{} AND ($2 IS NULL OR a.company_id IN (SELECT b.company_id \
                     FROM consultant_assignments b WHERE b.consultant_id = $2 \
                     AND b.starts_on <= $1 AND (b.ends_on IS NULL OR b.ends_on >= $1))) \
                     ORDER BY a.company_id, a.id",
                    $crate::store::readiness::CONSULTANTS_ON_DAY
                ))
                .bind(today)
                .bind(consultant_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
                portfolio_rows(rows, names)
            }
        }
    };
}
