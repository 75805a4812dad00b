//! The company page's read: one statement for everything every reader of
//! the page sees (the company with its live revision's terms, the written
//! sections, shared readiness badges with today's consultants, public
//! milestones, the newest updates).
//!
//! Why one statement: the page is the one investors open most, and every
//! query is a hand-off to the database and back (on SQLite to sqlx's
//! worker thread: a quarter of the page's CPU samples were the kernel
//! switching threads when it took five queries; on PostgreSQL a network
//! round trip each). The lists come back as JSON arrays of arrays, built
//! by each backend's own aggregate (`json_list` on the store types), and
//! are parsed here once for both.

use super::rows::{funding, CompanyRow};
use app::domain::company::UpdateKind;
use app::domain::readiness::{Milestone, MilestoneStatus, ReadinessBadge};
use app::ssr::company_store::{CompanyPageRecords, PublishedPitch, StoredUpdate};
use app::ssr::DbError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::de::DeserializeOwned;

/// The columns of an update, as `company_updates_in` and the page read them.
pub(crate) const UPDATE_COLUMNS: &str = "id, kind, title, body, posted_by_name, posted_at";

/// A badge: kind, score, and when the score last changed (the checklist's
/// creation when it was never scored). `k` is the checklist.
pub(crate) const BADGE_COLUMNS: &str = "k.kind, k.score_permille, \
     COALESCE((SELECT MAX(s.recorded_at) FROM readiness_scores s \
               WHERE s.checklist_id = k.id), k.created_at)";

/// The checklists whose badge the company shares.
pub(crate) const SHARED_BADGE: &str =
    "k.badge_shared_at IS NOT NULL AND k.score_permille IS NOT NULL";

/// How a backend aggregates rows into a JSON array of arrays:
/// `json_list(columns, from_and_where, order)` is a scalar subquery that
/// yields the text `[]` when nothing matches.
pub(crate) type JsonList = fn(&str, &str, &str) -> String;

/// The page's statement: `$1` the slug, `$2` today (for the consultants in
/// force), `$3` how many updates.
pub(crate) fn company_page_sql(json_list: JsonList) -> String {
    let sections = json_list(
        "s.section, s.visibility, s.html",
        // Only what the page shows: the Markdown and the plain text are
        // each as long as the HTML.
        "pitch_revision_sections s WHERE s.revision_id = r.id AND s.markdown <> ''",
        "s.section",
    );
    let badges = json_list(
        BADGE_COLUMNS,
        &format!("checklists k WHERE k.company_id = c.id AND {SHARED_BADGE}"),
        "k.kind",
    );
    let consultants = json_list(
        "u.display_name",
        "consultant_assignments a JOIN users u ON u.id = a.consultant_id \
         WHERE a.company_id = c.id AND a.starts_on <= $2 \
         AND (a.ends_on IS NULL OR a.ends_on >= $2)",
        "a.id",
    );
    let milestones = json_list(
        "m.id, m.title, m.due_on, m.status, m.done_on",
        "milestones m WHERE m.company_id = c.id AND m.is_public = TRUE",
        "m.due_on, m.id",
    );
    let updates = json_list(
        UPDATE_COLUMNS,
        &format!(
            "(SELECT {UPDATE_COLUMNS} FROM company_updates WHERE company_id = c.id \
             ORDER BY posted_at DESC, id DESC LIMIT $3) AS newest"
        ),
        "posted_at DESC, id DESC",
    );
    format!(
        "{select}, {sections} AS sections_json, {badges} AS badges_json, \
         {consultants} AS consultants_json, {milestones} AS milestones_json, \
         {updates} AS updates_json {from}",
        select = super::companies::COMPANY_PAGE_SELECT,
        from = super::companies::COMPANY_PAGE_FROM,
    )
}

/// The row [`company_page_sql`] reads: the company, its live revision's
/// id and funding terms (all `None` before the first publication), and
/// the lists as JSON text.
#[derive(sqlx::FromRow)]
pub(crate) struct CompanyPageRow {
    #[sqlx(flatten)]
    company: CompanyRow,
    live_revision_id: Option<i64>,
    live_ask_won: Option<i64>,
    live_instrument: Option<String>,
    live_use_of_funds: Option<String>,
    sections_json: String,
    badges_json: String,
    consultants_json: String,
    milestones_json: String,
    updates_json: String,
}

impl CompanyPageRow {
    pub(crate) fn into_records(self) -> Result<CompanyPageRecords, DbError> {
        let published = match self.live_revision_id {
            Some(revision_id) => {
                let rows: Vec<(String, String, String)> = parse_list(&self.sections_json)?;
                Some(PublishedPitch {
                    sections: super::companies::published_sections(revision_id, rows)?,
                    funding: funding(
                        revision_id,
                        self.live_ask_won,
                        self.live_instrument.as_deref(),
                        self.live_use_of_funds.clone().unwrap_or_default(),
                    )?,
                })
            }
            None => None,
        };
        let consultants: Vec<String> = parse_list::<(String,)>(&self.consultants_json)?
            .into_iter()
            .map(|(name,)| name)
            .collect();
        let badges = parse_list::<(String, i64, String)>(&self.badges_json)?
            .into_iter()
            .map(|(kind, score, as_of)| {
                Ok(ReadinessBadge {
                    kind: super::readiness::kind(&kind)?,
                    score_permille: u16::try_from(score).unwrap_or(0),
                    consultants: consultants.clone(),
                    as_of: timestamp(&as_of)?,
                })
            })
            .collect::<Result<_, DbError>>()?;
        let milestones =
            parse_list::<(i64, String, String, String, Option<String>)>(&self.milestones_json)?
                .into_iter()
                .map(|(id, title, due_on, status, done_on)| {
                    Ok(Milestone {
                        status: MilestoneStatus::parse(&status)
                            .ok_or_else(|| unreadable("milestone status", &status))?,
                        id,
                        title,
                        due_on: date(&due_on)?,
                        done_on: done_on.as_deref().map(date).transpose()?,
                        is_public: true,
                    })
                })
                .collect::<Result<_, DbError>>()?;
        let updates =
            parse_list::<(i64, String, String, String, String, String)>(&self.updates_json)?
                .into_iter()
                .map(|(id, kind, title, body, posted_by, posted_at)| {
                    Ok(StoredUpdate {
                        kind: UpdateKind::parse(&kind)
                            .ok_or_else(|| unreadable("update kind", &kind))?,
                        id,
                        title,
                        body,
                        posted_by,
                        posted_at: timestamp(&posted_at)?,
                    })
                })
                .collect::<Result<_, DbError>>()?;
        Ok(CompanyPageRecords {
            company: self.company.try_into()?,
            published,
            badges,
            milestones,
            updates,
        })
    }
}

fn unreadable(what: &str, value: &str) -> DbError {
    DbError::Other(format!("unreadable {what} {value:?} in the database"))
}

fn parse_list<T: DeserializeOwned>(json: &str) -> Result<Vec<T>, DbError> {
    serde_json::from_str(json).map_err(|err| DbError::Other(format!("unreadable list: {err}")))
}

/// A timestamp as either backend writes it into JSON: RFC 3339 (sqlx's
/// SQLite encoding and PostgreSQL's `timestamptz`), or without an offset,
/// meaning UTC (text written by SQL on SQLite).
fn timestamp(text: &str) -> Result<DateTime<Utc>, DbError> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc())
        .ok_or_else(|| unreadable("timestamp", text))
}

fn date(text: &str) -> Result<NaiveDate, DbError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| unreadable("date", text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_timestamps_as_both_backends_write_them() {
        let expected = DateTime::parse_from_rfc3339("2026-12-08T02:35:08.5Z")
            .unwrap()
            .with_timezone(&Utc);
        for text in [
            "2026-12-08T02:35:08.5+00:00",
            "2026-12-08T11:35:08.5+09:00",
            "2026-12-08T02:35:08.500Z",
            "2026-12-08 02:35:08.5",
            "2026-12-08T02:35:08.5",
        ] {
            assert_eq!(timestamp(text).unwrap(), expected, "{text}");
        }
        assert!(timestamp("yesterday").is_err());
        assert_eq!(date("2026-12-08").unwrap().to_string(), "2026-12-08");
        assert!(date("08.12.2026").is_err());
    }

    #[test]
    fn an_unreadable_list_is_an_error_not_a_panic() {
        assert!(parse_list::<(String,)>("[[\"a\"]]").is_ok());
        assert!(parse_list::<(String,)>("[[1]]").is_err());
        assert!(parse_list::<(String,)>("not json").is_err());
    }
}
