//! The company half of the store (`app::ssr::CompanyStore`): profiles,
//! pitch drafts and revisions, updates, members, invitations and the
//! directory.
//!
//! Like `impl_store!`, `impl_company_store!` expands one set of method bodies
//! for both pool types, with `$n` placeholders that both drivers bind. The
//! only backend-specific pieces are three small items each backend defines
//! on its store type:
//!
//! - `ROW_LOCK`: `" FOR UPDATE"` on PostgreSQL, `""` on SQLite (whose
//!   `BEGIN IMMEDIATE` already serialises writers), appended to the
//!   single-table `SELECT` that starts a read-then-write transaction;
//! - `index_condition(n, negate)`, `index_query(conn, lookups)` and
//!   `sync_search_index(conn, id, tokens)`: the search index (see
//!   `search_index.rs`), an FTS5 table on SQLite and an intarray GIN index
//!   on PostgreSQL.

use super::rows::SearchSourceRow;
use app::domain::company::{Funding, SectionKind};
use app::domain::directory::{DirectoryFilter, Freshness, Sort};
use app::ssr::company_store::StoredSection;
use chrono::{DateTime, Utc};

/// A company's columns with its cluster's, as `CompanyRow` reads them.
macro_rules! company_columns {
    () => {
        "c.id, c.slug, c.name_ko, c.name_en, c.cluster_id, \
         cl.slug AS cluster_slug, cl.name_ko AS cluster_name_ko, cl.name_en AS cluster_name_en, \
         c.location, c.founded_year, c.employees, c.revenue_band, c.stage, c.one_liner, \
         c.website, c.contact_email, c.tags, c.logo_file, c.published_at, c.revision, \
         c.updated_at, c.created_at"
    };
}

/// A company with its cluster, as `CompanyRow` reads it.
pub(crate) const COMPANY_SELECT: &str = concat!(
    "SELECT ",
    company_columns!(),
    " FROM companies c LEFT JOIN clusters cl ON cl.id = c.cluster_id"
);

/// The company page's columns: a company with its live revision's
/// funding terms (see `company_page.rs`, which adds the lists).
pub(crate) const COMPANY_PAGE_SELECT: &str = concat!(
    "SELECT ",
    company_columns!(),
    ", r.id AS live_revision_id, r.ask_won AS live_ask_won, \
     r.instrument AS live_instrument, r.use_of_funds AS live_use_of_funds"
);

/// The company page's tables: a company by slug (`$1`) with its live
/// revision.
pub(crate) const COMPANY_PAGE_FROM: &str =
    "FROM companies c LEFT JOIN clusters cl ON cl.id = c.cluster_id \
     LEFT JOIN pitch_revisions r ON r.company_id = c.id AND r.number = c.revision \
     WHERE c.slug = $1";

/// The directory's tables; its `WHERE` comes from [`directory_where`].
pub(crate) const DIRECTORY_FROM: &str =
    "FROM companies c LEFT JOIN clusters cl ON cl.id = c.cluster_id";

/// A directory card, as `CompanyCardRow` reads it, less its last column
/// (`search_text`, see [`card_columns`]).
const CARD_COLUMNS: &str = "SELECT c.id, c.slug, c.name_ko, c.name_en, \
     cl.slug AS cluster_slug, cl.name_ko AS cluster_name_ko, cl.name_en AS cluster_name_en, \
     c.location, c.founded_year, c.stage, c.one_liner, c.tags, c.logo_file, c.published_at, \
     c.ask_won, c.instrument";

/// The card columns. The search text (about 10 KB a company) is only read
/// when there are terms to cut a snippet around; otherwise it is empty.
pub(crate) fn card_columns(filter: &DirectoryFilter) -> String {
    let search_text = if filter.terms.is_empty() {
        "'' AS search_text"
    } else {
        "c.search_text"
    };
    format!("{CARD_COLUMNS}, {search_text}")
}

pub(crate) const SECTION_COLUMNS: &str = "section, visibility, markdown, html, plain_text";

pub(crate) const REVISION_COLUMNS: &str =
    "r.id, r.number, r.ask_won, r.instrument, r.use_of_funds, r.published_at, r.published_by_name";

/// Invitations with their company's name; callers add `WHERE`.
pub(crate) const INVITE_SELECT: &str = "SELECT i.id, i.company_id, c.name_ko AS company_name, \
     i.email, i.invited_by_name, i.created_at \
     FROM company_invites i JOIN companies c ON c.id = i.company_id";

pub(crate) const OPEN_INVITE: &str = "i.accepted_at IS NULL AND i.revoked_at IS NULL";

/// The six sections in `SectionKind::ALL` order: stored ones as they are,
/// missing ones empty with their default visibility.
pub(crate) fn six_sections(mut found: Vec<StoredSection>) -> Vec<StoredSection> {
    SectionKind::ALL
        .iter()
        .map(|&kind| match found.iter().position(|s| s.kind == kind) {
            Some(i) => found.swap_remove(i),
            None => StoredSection {
                kind,
                visibility: kind.default_visibility(),
                markdown: String::new(),
                html: String::new(),
                plain_text: String::new(),
            },
        })
        .collect()
}

/// A live revision's written sections, `(section, visibility, html)` as
/// read, in `SectionKind::ALL` order; `revision_id` names the revision in
/// an error message.
pub(crate) fn published_sections(
    revision_id: i64,
    rows: Vec<(String, String, String)>,
) -> Result<Vec<app::ssr::company_store::PublishedSection>, app::ssr::DbError> {
    let mut sections = rows
        .into_iter()
        .map(|(section, visibility, html)| {
            let (kind, visibility) = super::rows::section_head(revision_id, &section, &visibility)?;
            Ok(app::ssr::company_store::PublishedSection {
                kind,
                visibility,
                html,
            })
        })
        .collect::<Result<Vec<_>, app::ssr::DbError>>()?;
    sections.sort_by_key(|s| SectionKind::ALL.iter().position(|&k| k == s.kind));
    Ok(sections)
}

/// Nothing written: every section empty and no funding terms.
pub(crate) fn is_empty_pitch(sections: &[StoredSection], funding: &Funding) -> bool {
    funding.is_empty() && sections.iter().all(|s| s.markdown.is_empty())
}

/// Whether two pitches (both in [`six_sections`] form) say the same thing:
/// the Markdown and visibility of every section, and the funding terms.
/// HTML and plain text are derived from the Markdown, so they are not
/// compared.
pub(crate) fn same_pitch(
    a: &[StoredSection],
    a_funding: &Funding,
    b: &[StoredSection],
    b_funding: &Funding,
) -> bool {
    a_funding == b_funding
        && a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.kind == y.kind && x.visibility == y.visibility && x.markdown == y.markdown
        })
}

/// Whether publishing the draft would make a new revision: it has content
/// and differs from the latest revision (if any).
pub(crate) fn is_publishable(
    draft: &[StoredSection],
    draft_funding: &Funding,
    latest: Option<&(Vec<StoredSection>, Funding)>,
) -> bool {
    !is_empty_pitch(draft, draft_funding)
        && latest
            .is_none_or(|(sections, funding)| !same_pitch(draft, draft_funding, sections, funding))
}

/// The directory's search text: names, one-liner, tags, location, cluster
/// names and the given sections' plain text, one per line, normalised as
/// the search index sees text (NFKC, lower case).
/// Callers pass only the PUBLIC sections of the latest revision.
pub(crate) fn compose_search_text(
    src: &SearchSourceRow,
    mut public_sections: Vec<(SectionKind, String)>,
) -> String {
    public_sections.sort_by_key(|(kind, _)| SectionKind::ALL.iter().position(|k| k == kind));
    let fields = [
        Some(src.name_ko.as_str()),
        src.name_en.as_deref(),
        src.one_liner.as_deref(),
        Some(src.tags.as_str()),
        src.location.as_deref(),
        src.cluster_name_ko.as_deref(),
        src.cluster_name_en.as_deref(),
    ];
    let text = fields
        .into_iter()
        .flatten()
        .chain(public_sections.iter().map(|(_, text)| text.as_str()))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    app::domain::search_tokens::normalize(&text)
}

/// A value bound to the directory's `WHERE`, in placeholder order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Bind {
    Text(String),
    Int(i64),
    Time(DateTime<Utc>),
}

/// The directory's `WHERE` clause and its values (`$1`…`$n`), built once
/// for both the count and the page, on both backends.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DirectoryWhere {
    pub sql: String,
    pub binds: Vec<Bind>,
}

impl DirectoryWhere {
    /// Adds `AND <condition>` whose one placeholder is the next number.
    fn and(&mut self, condition: impl FnOnce(usize) -> String, value: Bind) {
        self.binds.push(value);
        self.sql.push_str(" AND ");
        self.sql.push_str(&condition(self.binds.len()));
    }

    /// The number the next placeholder after the `WHERE` takes.
    pub fn next_placeholder(&self) -> usize {
        self.binds.len() + 1
    }
}

/// A search index condition of the directory's `WHERE`: the companies an
/// index query (`index_query`'s text) finds, or with `negate` all others.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct IndexCondition {
    pub query: String,
    pub negate: bool,
    /// More than `COUNT_CEILING` companies match. Then the page is found
    /// faster by walking the chosen order and checking each company
    /// against the index's ids (the first page is among the first few
    /// hundred) than by reading every match and sorting; the backend's
    /// `index_condition` may phrase the condition for that.
    pub many: bool,
}

impl IndexCondition {
    pub fn matching(query: String) -> IndexCondition {
        IndexCondition {
            query,
            negate: false,
            many: false,
        }
    }
}

/// Builds the directory filter: published companies only, the search
/// index conditions (SQL from the backend's `index_condition`),
/// then cluster, stage, ask range (which leaves out companies without an
/// ask), founding years and freshness relative to `now`. Cluster and stage
/// are index tokens too when there is an index condition; checking them
/// here again costs nothing on the few rows the index leaves.
pub(crate) fn directory_where(
    filter: &DirectoryFilter,
    now: DateTime<Utc>,
    index: &[IndexCondition],
    index_condition: fn(usize, &IndexCondition) -> String,
) -> DirectoryWhere {
    let mut w = DirectoryWhere {
        sql: "WHERE c.published_at IS NOT NULL".to_string(),
        binds: Vec::new(),
    };
    for condition in index {
        w.and(
            |n| index_condition(n, condition),
            Bind::Text(condition.query.clone()),
        );
    }
    if let Some(slug) = &filter.cluster_slug {
        w.and(|n| format!("cl.slug = ${n}"), Bind::Text(slug.clone()));
    }
    if let Some(stage) = filter.stage {
        w.and(
            |n| format!("c.stage = ${n}"),
            Bind::Text(stage.as_str().to_string()),
        );
    }
    if let Some(min) = filter.min_ask {
        w.and(|n| format!("c.ask_won >= ${n}"), Bind::Int(min.get()));
    }
    if let Some(max) = filter.max_ask {
        w.and(|n| format!("c.ask_won <= ${n}"), Bind::Int(max.get()));
    }
    if let Some(from) = filter.founded_from {
        w.and(|n| format!("c.founded_year >= ${n}"), Bind::Int(from));
    }
    if let Some(to) = filter.founded_to {
        w.and(|n| format!("c.founded_year <= ${n}"), Bind::Int(to));
    }
    if let Some(min) = filter.min_readiness {
        w.and(
            |n| {
                format!(
                    "c.id IN (SELECT k.company_id FROM checklists k \
                     WHERE k.badge_shared_at IS NOT NULL AND k.score_permille >= ${n})"
                )
            },
            Bind::Int(i64::from(min)),
        );
    }
    if let Some(freshness) = filter.freshness {
        let cutoff = now - chrono::Duration::days(Freshness::DAYS);
        let op = match freshness {
            Freshness::Fresh => ">=",
            Freshness::Stale => "<",
        };
        w.and(|n| format!("c.published_at {op} ${n}"), Bind::Time(cutoff));
    }
    w
}

/// The directory's `ORDER BY`, with the id last so pages never overlap.
pub(crate) fn directory_order(sort: Sort) -> &'static str {
    match sort {
        Sort::Updated => "c.published_at DESC, c.id DESC",
        // A plain DESC puts NULLs first on PostgreSQL and last on SQLite;
        // spelling it out gives both the same order.
        Sort::Amount => "c.ask_won DESC NULLS LAST, c.published_at DESC, c.id DESC",
        Sort::Name => "c.name_ko, c.id",
    }
}

/// Whether an index gives the directory this order (migrations 0020 and
/// 0022), so a page walks it and stops at the page's end; the amount order
/// sorts every match.
pub(crate) fn directory_order_is_indexed(sort: Sort) -> bool {
    matches!(sort, Sort::Updated | Sort::Name)
}

/// Counts the companies `w` selects, up to `ceiling + 1` (so that "more
/// than the ceiling" shows), or all of them.
pub(crate) fn directory_count_sql(w: &DirectoryWhere, ceiling: Option<i64>) -> String {
    match ceiling {
        Some(ceiling) => format!(
            "SELECT COUNT(*) FROM (SELECT 1 {DIRECTORY_FROM} {} LIMIT {}) AS capped",
            w.sql,
            ceiling + 1
        ),
        None => format!("SELECT COUNT(*) {DIRECTORY_FROM} {}", w.sql),
    }
}

/// One page of `columns` from the companies `w` selects, in `sort`'s
/// order; the limit and offset are the next two placeholders after `w`'s.
pub(crate) fn directory_page_sql(columns: &str, w: &DirectoryWhere, sort: Sort) -> String {
    let n = w.next_placeholder();
    format!(
        "{columns} {DIRECTORY_FROM} {} ORDER BY {} LIMIT ${n} OFFSET ${}",
        w.sql,
        directory_order(sort),
        n + 1
    )
}

/// A directory card with the count of the whole page's matches beside it
/// (see `directory_unsearched`).
#[derive(sqlx::FromRow)]
pub(crate) struct CountedCardRow {
    #[sqlx(flatten)]
    pub card: super::rows::CompanyCardRow,
    pub total: i64,
}

/// Binds [`Bind`] values in order to a query of either backend.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for value in $binds {
            query = match value {
                $crate::store::companies::Bind::Text(text) => query.bind(text.as_str()),
                $crate::store::companies::Bind::Int(int) => query.bind(*int),
                $crate::store::companies::Bind::Time(time) => query.bind(*time),
            };
        }
        query
    }};
}

/// Maps a uniqueness conflict to the field the caller should name.
pub(crate) fn conflict_as(name: &'static str) -> impl Fn(sqlx::Error) -> app::ssr::DbError {
    move |err| match super::errors::db_error(err) {
        app::ssr::DbError::Conflict(_) => app::ssr::DbError::Conflict(name.to_string()),
        other => other,
    }
}

/// The audit object for a change to an existing row: the caller's choice,
/// else the company.
pub(crate) fn object_or(audit: &app::ssr::NewAuditEvent, id: i64) -> String {
    audit.object_id.clone().unwrap_or_else(|| id.to_string())
}

macro_rules! impl_company_store {
    ($store:ty, $conn:ty) => {
        /// Steps shared by several methods, run on the caller's connection
        /// or transaction.
        impl $store {
            /// How many published companies match, counted up to
            /// `ceiling + 1` when there is a ceiling.
            async fn directory_count(
                conn: &mut $conn,
                filter: &app::domain::directory::DirectoryFilter,
                now: chrono::DateTime<chrono::Utc>,
                index: &[$crate::store::companies::IndexCondition],
                ceiling: Option<i64>,
            ) -> app::ssr::DbResult<i64> {
                use $crate::store::companies::{directory_count_sql, directory_where};
                use $crate::store::errors::db_error;
                // The index alone knows the answer when it holds every
                // condition (published companies, terms, cluster, stage):
                // then no company row is read.
                if let [condition] = index {
                    if !condition.negate && $crate::store::search_index::index_covers(filter) {
                        let sql = Self::index_count_sql(ceiling.map(|c| c + 1));
                        return sqlx::query_scalar(&sql)
                            .bind(&condition.query)
                            .fetch_one(&mut *conn)
                            .await
                            .map_err(db_error);
                    }
                }
                let w = directory_where(filter, now, index, Self::index_condition);
                let sql = directory_count_sql(&w, ceiling);
                bind_all!(sqlx::query_scalar(&sql), &w.binds)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(db_error)
            }

            /// A directory page without search terms. In an order an index
            /// walks, the cards and the count come in one statement (the
            /// count, capped at `COUNT_CEILING`, as a scalar subquery beside
            /// each row, which both databases run once): the unfiltered
            /// directory is the portal's busiest page, and every query is a
            /// hand-off to the database and back. A page past the end has
            /// no row to carry the count, so then it is asked on its own.
            async fn directory_unsearched(
                conn: &mut $conn,
                filter: &app::domain::directory::DirectoryFilter,
                now: chrono::DateTime<chrono::Utc>,
                limit: i64,
                offset: i64,
            ) -> app::ssr::DbResult<app::ssr::Page<app::ssr::company_store::CompanyCardRecord>> {
                use app::domain::directory::COUNT_CEILING;
                use $crate::store::companies::{
                    card_columns, directory_count_sql, directory_order_is_indexed,
                    directory_page_sql, directory_where, CountedCardRow,
                };
                use $crate::store::errors::db_error;
                let ceiling = Some(COUNT_CEILING);
                if !directory_order_is_indexed(filter.sort) {
                    let total = Self::directory_count(conn, filter, now, &[], ceiling).await?;
                    let items = Self::directory_rows(conn, filter, now, &[], limit, offset).await?;
                    return Ok(app::ssr::Page { items, total });
                }
                let w = directory_where(filter, now, &[], Self::index_condition);
                let columns = format!(
                    "{}, ({}) AS total",
                    card_columns(filter),
                    directory_count_sql(&w, ceiling)
                );
                let sql = directory_page_sql(&columns, &w, filter.sort);
                let rows: Vec<CountedCardRow> = bind_all!(sqlx::query_as(&sql), &w.binds)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_error)?;
                let Some(total) = rows.first().map(|row| row.total) else {
                    let total = Self::directory_count(conn, filter, now, &[], ceiling).await?;
                    return Ok(app::ssr::Page { items: Vec::new(), total });
                };
                let items = rows
                    .into_iter()
                    .map(|row| row.card.try_into())
                    .collect::<app::ssr::DbResult<_>>()?;
                Ok(app::ssr::Page { items, total })
            }

            /// One page of directory cards in the filter's order: first the
            /// page's ids, then those rows. Sorting only ids matters with
            /// search terms, whose cards carry the search text (about
            /// 10 KB a company) for their snippets: sorting whole rows made
            /// a broad search sort every match's text. (Without search, in
            /// an order an index walks, `directory_unsearched` reads the
            /// rows in one query.) A separate query from the count:
            /// `COUNT(*) OVER ()` would count every match.
            async fn directory_rows(
                conn: &mut $conn,
                filter: &app::domain::directory::DirectoryFilter,
                now: chrono::DateTime<chrono::Utc>,
                index: &[$crate::store::companies::IndexCondition],
                limit: i64,
                offset: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::company_store::CompanyCardRecord>> {
                use $crate::store::companies::{
                    card_columns, directory_page_sql, directory_where, DIRECTORY_FROM,
                };
                use $crate::store::errors::db_error;
                let w = directory_where(filter, now, index, Self::index_condition);
                let ids_sql = directory_page_sql("SELECT c.id", &w, filter.sort);
                let ids: Vec<i64> = bind_all!(sqlx::query_scalar(&ids_sql), &w.binds)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_error)?;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let placeholders = $crate::store::shared::numbered_placeholders(1, ids.len());
                let sql = format!(
                    "{} {DIRECTORY_FROM} WHERE c.id IN ({placeholders})",
                    card_columns(filter)
                );
                let mut query = sqlx::query_as(&sql);
                for id in &ids {
                    query = query.bind(id);
                }
                let mut rows: Vec<$crate::store::rows::CompanyCardRow> =
                    query.fetch_all(&mut *conn).await.map_err(db_error)?;
                rows.sort_by_key(|row| ids.iter().position(|&id| id == row.id));
                rows.into_iter().map(TryInto::try_into).collect()
            }

            /// The draft's six sections and funding, who saved it and when.
            /// `NotFound` for an unknown company.
            async fn draft_in(
                conn: &mut $conn,
                company_id: i64,
            ) -> app::ssr::DbResult<(
                Vec<app::ssr::company_store::StoredSection>,
                app::domain::company::Funding,
                Option<chrono::DateTime<chrono::Utc>>,
                Option<String>,
            )> {
                use $crate::store::companies::{six_sections, SECTION_COLUMNS};
                use $crate::store::errors::db_error;
                use $crate::store::rows::{funding, DraftHeadRow, SectionRow};
                let head: DraftHeadRow = sqlx::query_as(
                    "SELECT c.draft_ask_won, c.draft_instrument, c.draft_use_of_funds, \
                     c.draft_saved_at, u.display_name AS saved_by \
                     FROM companies c LEFT JOIN users u ON u.id = c.draft_saved_by WHERE c.id = $1",
                )
                .bind(company_id)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_error)?;
                let sql = format!("SELECT {SECTION_COLUMNS} FROM pitch_drafts WHERE company_id = $1");
                let rows: Vec<SectionRow> = sqlx::query_as(&sql)
                    .bind(company_id)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_error)?;
                let sections = rows
                    .into_iter()
                    .map(|r| r.into_section(company_id))
                    .collect::<Result<Vec<_>, _>>()?;
                let funding = funding(
                    company_id,
                    head.draft_ask_won,
                    head.draft_instrument.as_deref(),
                    head.draft_use_of_funds,
                )?;
                Ok((six_sections(sections), funding, head.draft_saved_at, head.saved_by))
            }

            /// The newest `limit` updates, newest first.
            async fn company_updates_in(
                conn: &mut $conn,
                company_id: i64,
                limit: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::company_store::StoredUpdate>> {
                use $crate::store::company_page::UPDATE_COLUMNS;
                let sql = format!(
                    "SELECT {UPDATE_COLUMNS} FROM company_updates \
                     WHERE company_id = $1 ORDER BY posted_at DESC, id DESC LIMIT $2"
                );
                let rows: Vec<$crate::store::rows::UpdateRow> = sqlx::query_as(&sql)
                .bind(company_id)
                .bind(limit)
                .fetch_all(&mut *conn)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            /// A revision's six sections.
            async fn revision_sections_in(
                conn: &mut $conn,
                revision_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::company_store::StoredSection>> {
                use $crate::store::companies::{six_sections, SECTION_COLUMNS};
                let sql = format!(
                    "SELECT {SECTION_COLUMNS} FROM pitch_revision_sections WHERE revision_id = $1"
                );
                let rows: Vec<$crate::store::rows::SectionRow> = sqlx::query_as(&sql)
                    .bind(revision_id)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                let sections = rows
                    .into_iter()
                    .map(|r| r.into_section(revision_id))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(six_sections(sections))
            }

            /// The latest published revision's sections and funding; `None`
            /// while nothing is published.
            async fn latest_revision_in(
                conn: &mut $conn,
                company_id: i64,
            ) -> app::ssr::DbResult<
                Option<(
                    Vec<app::ssr::company_store::StoredSection>,
                    app::domain::company::Funding,
                )>,
            > {
                use $crate::store::companies::REVISION_COLUMNS;
                let sql = format!(
                    "SELECT {REVISION_COLUMNS} FROM pitch_revisions r \
                     JOIN companies c ON c.id = r.company_id AND r.number = c.revision \
                     WHERE c.id = $1"
                );
                let row: Option<$crate::store::rows::RevisionRow> = sqlx::query_as(&sql)
                    .bind(company_id)
                    .fetch_optional(&mut *conn)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                match row {
                    None => Ok(None),
                    Some(row) => {
                        let sections = Self::revision_sections_in(conn, row.id).await?;
                        Ok(Some((sections, row.funding()?)))
                    }
                }
            }

            /// Recomputes `companies.search_text` from the profile, the
            /// cluster and the PUBLIC sections of the latest revision, and
            /// its tokens in the backend's search index while the company
            /// is published. Runs inside the caller's write transaction.
            async fn refresh_search_in(conn: &mut $conn, company_id: i64) -> app::ssr::DbResult<()> {
                use $crate::store::companies::compose_search_text;
                use $crate::store::errors::db_error;
                let source: $crate::store::rows::SearchSourceRow = sqlx::query_as(
                    "SELECT c.published_at, c.name_ko, c.name_en, c.one_liner, c.tags, c.location, \
                     cl.slug AS cluster_slug, cl.name_ko AS cluster_name_ko, \
                     cl.name_en AS cluster_name_en, c.stage \
                     FROM companies c LEFT JOIN clusters cl ON cl.id = c.cluster_id WHERE c.id = $1",
                )
                .bind(company_id)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_error)?;
                let public: Vec<(String, String)> = sqlx::query_as(
                    "SELECT s.section, s.plain_text FROM pitch_revision_sections s \
                     JOIN pitch_revisions r ON r.id = s.revision_id \
                     JOIN companies c ON c.id = r.company_id AND r.number = c.revision \
                     WHERE c.id = $1 AND s.visibility = 'public'",
                )
                .bind(company_id)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_error)?;
                let public = public
                    .into_iter()
                    .filter_map(|(section, text)| {
                        app::domain::company::SectionKind::parse(&section).map(|kind| (kind, text))
                    })
                    .collect();
                let text = compose_search_text(&source, public);
                sqlx::query("UPDATE companies SET search_text = $2 WHERE id = $1")
                    .bind(company_id)
                    .bind(&text)
                    .execute(&mut *conn)
                    .await
                    .map_err(db_error)?;
                let tokens = source
                    .published_at
                    .is_some()
                    .then(|| $crate::store::search_index::company_tokens(&source, &text));
                Self::sync_search_index(conn, company_id, tokens.as_deref())
                    .await
                    .map_err(db_error)
            }

            /// A user's display name, for the names kept with revisions,
            /// updates and invitations. `NotFound` for an unknown user.
            async fn display_name_in(conn: &mut $conn, user_id: i64) -> app::ssr::DbResult<String> {
                sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err($crate::store::errors::db_error)
            }

            /// Locks the company row for the rest of the transaction (on
            /// PostgreSQL; SQLite's write transaction holds the whole
            /// database) and returns its revision number. `NotFound` for an
            /// unknown company.
            async fn lock_company_in(conn: &mut $conn, company_id: i64) -> app::ssr::DbResult<i64> {
                let sql = format!("SELECT revision FROM companies WHERE id = $1{}", Self::ROW_LOCK);
                sqlx::query_scalar(&sql)
                    .bind(company_id)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err($crate::store::errors::db_error)
            }
        }

        #[async_trait::async_trait]
        impl app::ssr::CompanyStore for $store {
            async fn company_by_slug(
                &self,
                slug: &str,
            ) -> app::ssr::DbResult<app::ssr::company_store::CompanyRecord> {
                use $crate::store::companies::COMPANY_SELECT;
                let sql = format!("{COMPANY_SELECT} WHERE c.slug = $1");
                let row: $crate::store::rows::CompanyRow = sqlx::query_as(&sql)
                    .bind(slug)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                row.try_into()
            }

            async fn company_page_records(
                &self,
                slug: &str,
                today: chrono::NaiveDate,
                updates_shown: i64,
            ) -> app::ssr::DbResult<app::ssr::company_store::CompanyPageRecords> {
                use $crate::store::company_page::{company_page_sql, CompanyPageRow};
                // Built once per backend; see `company_page.rs`.
                static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
                let sql = SQL.get_or_init(|| company_page_sql(Self::json_list));
                let mut conn = self
                    .page_reader()
                    .await
                    .map_err($crate::store::errors::db_error)?;
                let row: CompanyPageRow = sqlx::query_as(sql)
                    .bind(slug)
                    .bind(today)
                    .bind(updates_shown)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                row.into_records()
            }

            async fn company_by_id(
                &self,
                id: i64,
            ) -> app::ssr::DbResult<app::ssr::company_store::CompanyRecord> {
                use $crate::store::companies::COMPANY_SELECT;
                let sql = format!("{COMPANY_SELECT} WHERE c.id = $1");
                let row: $crate::store::rows::CompanyRow = sqlx::query_as(&sql)
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                row.try_into()
            }

            async fn membership_of(
                &self,
                user_id: i64,
            ) -> app::ssr::DbResult<Option<app::domain::company::Membership>> {
                let row: Option<(i64, String, String)> = sqlx::query_as(
                    "SELECT m.company_id, c.slug, m.role FROM company_members m \
                     JOIN companies c ON c.id = m.company_id WHERE m.user_id = $1 \
                     ORDER BY m.created_at, m.company_id LIMIT 1",
                )
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                match row {
                    None => Ok(None),
                    Some((company_id, slug, role)) => {
                        $crate::store::rows::membership(Some(company_id), Some(slug), Some(&role))
                    }
                }
            }

            async fn update_company_profile(
                &self,
                company_id: i64,
                profile: &app::domain::company::CompanyProfile,
                at: chrono::DateTime<chrono::Utc>,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use app::ssr::DbError;
                use $crate::store::companies::object_or;
                use $crate::store::errors::db_error;
                use $crate::store::rows::join_tags;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                if let Some(cluster_id) = profile.cluster_id {
                    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clusters WHERE id = $1")
                        .bind(cluster_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                    if exists == 0 {
                        return Err(DbError::Conflict("cluster_id".to_string()));
                    }
                }
                let changed = sqlx::query(
                    "UPDATE companies SET name_ko = $2, name_en = $3, cluster_id = $4, location = $5, \
                     founded_year = $6, employees = $7, revenue_band = $8, stage = $9, \
                     one_liner = $10, website = $11, contact_email = $12, tags = $13, \
                     updated_at = $14 WHERE id = $1",
                )
                .bind(company_id)
                .bind(&profile.name_ko)
                .bind(&profile.name_en)
                .bind(profile.cluster_id)
                .bind(&profile.location)
                .bind(profile.founded_year)
                .bind(profile.employees)
                .bind(profile.revenue_band.map(|b| b.as_str()))
                .bind(profile.stage.map(|s| s.as_str()))
                .bind(&profile.one_liner)
                .bind(&profile.website)
                .bind(&profile.contact_email)
                .bind(join_tags(&profile.tags))
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?
                .rows_affected();
                if changed == 0 {
                    return Err(DbError::NotFound);
                }
                Self::refresh_search_in(&mut *tx, company_id).await?;
                insert_audit!(tx, audit, object_or(audit, company_id))?;
                tx.commit().await.map_err(db_error)?;
                // The company may have moved to another cluster.
                self.clusters.forget();
                Ok(())
            }

            async fn set_company_logo(
                &self,
                company_id: i64,
                file_name: &str,
                file: &app::ssr::company_store::StoredFile,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<Option<String>> {
                use $crate::store::companies::object_or;
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let previous: Option<String> =
                    sqlx::query_scalar("SELECT logo_file FROM companies WHERE id = $1")
                        .bind(company_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                sqlx::query(
                    "INSERT INTO stored_files (sha256, content_type, size_bytes, bytes, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
                )
                .bind(&file.sha256)
                .bind(&file.content_type)
                .bind(file.bytes.len() as i64)
                .bind(&file.bytes)
                .bind(audit.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                sqlx::query("UPDATE companies SET logo_file = $2, updated_at = $3 WHERE id = $1")
                    .bind(company_id)
                    .bind(file_name)
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                insert_audit!(tx, audit, object_or(audit, company_id))?;
                tx.commit().await.map_err(db_error)?;
                Ok(previous)
            }

            async fn stored_file(
                &self,
                sha256: &str,
            ) -> app::ssr::DbResult<app::ssr::company_store::StoredFile> {
                let (content_type, bytes): (String, Vec<u8>) = sqlx::query_as(
                    "SELECT content_type, bytes FROM stored_files WHERE sha256 = $1",
                )
                .bind(sha256)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(app::ssr::company_store::StoredFile {
                    sha256: sha256.to_string(),
                    content_type,
                    bytes,
                })
            }

            async fn pitch_draft(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<app::ssr::company_store::StoredDraft> {
                use $crate::store::companies::is_publishable;
                use $crate::store::errors::db_error;
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                let (sections, funding, saved_at, saved_by) =
                    Self::draft_in(&mut *conn, company_id).await?;
                let latest = Self::latest_revision_in(&mut *conn, company_id).await?;
                let has_unpublished_changes = is_publishable(&sections, &funding, latest.as_ref());
                Ok(app::ssr::company_store::StoredDraft {
                    sections,
                    funding,
                    saved_at,
                    saved_by,
                    has_unpublished_changes,
                })
            }

            async fn save_pitch_draft(
                &self,
                company_id: i64,
                sections: &[app::ssr::company_store::StoredSection],
                funding: &app::domain::company::Funding,
                by_user_id: i64,
                at: chrono::DateTime<chrono::Utc>,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use app::ssr::DbError;
                use $crate::store::companies::{conflict_as, object_or};
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let changed = sqlx::query(
                    "UPDATE companies SET draft_ask_won = $2, draft_instrument = $3, \
                     draft_use_of_funds = $4, draft_saved_at = $5, draft_saved_by = $6 WHERE id = $1",
                )
                .bind(company_id)
                .bind(funding.amount.map(|w| w.get()))
                .bind(funding.instrument.map(|i| i.as_str()))
                .bind(&funding.use_of_funds)
                .bind(at)
                .bind(by_user_id)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?
                .rows_affected();
                if changed == 0 {
                    return Err(DbError::NotFound);
                }
                sqlx::query("DELETE FROM pitch_drafts WHERE company_id = $1")
                    .bind(company_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                for section in sections {
                    sqlx::query(
                        "INSERT INTO pitch_drafts \
                         (company_id, section, visibility, markdown, html, plain_text) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(company_id)
                    .bind(section.kind.as_str())
                    .bind(section.visibility.as_str())
                    .bind(&section.markdown)
                    .bind(&section.html)
                    .bind(&section.plain_text)
                    .execute(&mut *tx)
                    .await
                    .map_err(conflict_as("section"))?;
                }
                insert_audit!(tx, audit, object_or(audit, company_id))?;
                tx.commit().await.map_err(db_error)
            }

            async fn publish_pitch(
                &self,
                company_id: i64,
                by_user_id: i64,
                at: chrono::DateTime<chrono::Utc>,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use app::ssr::DbError;
                use $crate::store::companies::{conflict_as, is_publishable, object_or};
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // Taken first, so concurrent publishes of one company queue
                // here and each sees the other's revision.
                let current = Self::lock_company_in(&mut *tx, company_id).await?;
                let (sections, funding, _, _) = Self::draft_in(&mut *tx, company_id).await?;
                let latest = Self::latest_revision_in(&mut *tx, company_id).await?;
                if !is_publishable(&sections, &funding, latest.as_ref()) {
                    return Err(DbError::Conflict("nothing_to_publish".to_string()));
                }
                let publisher = Self::display_name_in(&mut *tx, by_user_id).await?;
                let number = current + 1;
                let revision_id: i64 = sqlx::query_scalar(
                    "INSERT INTO pitch_revisions (company_id, number, ask_won, instrument, \
                     use_of_funds, published_at, published_by_id, published_by_name) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(company_id)
                .bind(number)
                .bind(funding.amount.map(|w| w.get()))
                .bind(funding.instrument.map(|i| i.as_str()))
                .bind(&funding.use_of_funds)
                .bind(at)
                .bind(by_user_id)
                .bind(&publisher)
                .fetch_one(&mut *tx)
                .await
                .map_err(conflict_as("revision"))?;
                for section in &sections {
                    sqlx::query(
                        "INSERT INTO pitch_revision_sections \
                         (revision_id, section, visibility, markdown, html, plain_text) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(revision_id)
                    .bind(section.kind.as_str())
                    .bind(section.visibility.as_str())
                    .bind(&section.markdown)
                    .bind(&section.html)
                    .bind(&section.plain_text)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                sqlx::query(
                    "UPDATE companies SET revision = $2, published_at = $3, ask_won = $4, \
                     instrument = $5, updated_at = $3 WHERE id = $1",
                )
                .bind(company_id)
                .bind(number)
                .bind(at)
                .bind(funding.amount.map(|w| w.get()))
                .bind(funding.instrument.map(|i| i.as_str()))
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                Self::refresh_search_in(&mut *tx, company_id).await?;
                insert_audit!(tx, audit, object_or(audit, company_id))?;
                tx.commit().await.map_err(db_error)?;
                // A first publication adds one to its cluster's count.
                self.clusters.forget();
                Ok(number)
            }

            async fn revisions(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::company_store::RevisionMeta>> {
                let rows: Vec<$crate::store::rows::RevisionMetaRow> = sqlx::query_as(
                    "SELECT number, published_at, published_by_name FROM pitch_revisions \
                     WHERE company_id = $1 ORDER BY number DESC",
                )
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn revision(
                &self,
                company_id: i64,
                number: i64,
            ) -> app::ssr::DbResult<app::ssr::company_store::StoredRevision> {
                use $crate::store::companies::REVISION_COLUMNS;
                use $crate::store::errors::db_error;
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                let sql = format!(
                    "SELECT {REVISION_COLUMNS} FROM pitch_revisions r \
                     WHERE r.company_id = $1 AND r.number = $2"
                );
                let row: $crate::store::rows::RevisionRow = sqlx::query_as(&sql)
                    .bind(company_id)
                    .bind(number)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(db_error)?;
                let sections = Self::revision_sections_in(&mut *conn, row.id).await?;
                Ok(app::ssr::company_store::StoredRevision {
                    meta: row.meta(),
                    funding: row.funding()?,
                    sections,
                })
            }

            async fn post_update(
                &self,
                company_id: i64,
                update: &app::domain::company::NewUpdate,
                by_user_id: i64,
                at: chrono::DateTime<chrono::Utc>,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // Selecting from both tables answers NotFound for an unknown
                // company or poster instead of a foreign-key failure.
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO company_updates \
                     (company_id, kind, title, body, posted_by_id, posted_by_name, posted_at) \
                     SELECT c.id, $2, $3, $4, u.id, u.display_name, $6 \
                     FROM companies c, users u WHERE c.id = $1 AND u.id = $5 RETURNING id",
                )
                .bind(company_id)
                .bind(update.kind.as_str())
                .bind(&update.title)
                .bind(&update.body)
                .bind(by_user_id)
                .bind(at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                let object_id = audit.object_id.clone().unwrap_or_else(|| id.to_string());
                insert_audit!(tx, audit, object_id)?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            async fn company_updates(
                &self,
                company_id: i64,
                limit: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::company_store::StoredUpdate>> {
                use $crate::store::errors::db_error;
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                Self::company_updates_in(&mut conn, company_id, limit).await
            }

            async fn delete_update(
                &self,
                company_id: i64,
                update_id: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::companies::object_or;
                let update =
                    sqlx::query("DELETE FROM company_updates WHERE id = $2 AND company_id = $1")
                        .bind(company_id)
                        .bind(update_id);
                audited_update!(self, update, audit, object_or(audit, company_id), revoke_sessions_of: None)
            }

            async fn members(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::company_store::StoredMember>> {
                let rows: Vec<$crate::store::rows::MemberRow> = sqlx::query_as(
                    "SELECT m.user_id, u.display_name, u.email, m.role, m.created_at AS joined_at \
                     FROM company_members m JOIN users u ON u.id = m.user_id \
                     WHERE m.company_id = $1 \
                     ORDER BY CASE m.role WHEN 'owner' THEN 0 ELSE 1 END, m.created_at, m.user_id",
                )
                .bind(company_id)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn invites(
                &self,
                company_id: i64,
            ) -> app::ssr::DbResult<Vec<app::ssr::company_store::StoredInvite>> {
                use $crate::store::companies::{INVITE_SELECT, OPEN_INVITE};
                let sql = format!(
                    "{INVITE_SELECT} WHERE i.company_id = $1 AND {OPEN_INVITE} ORDER BY i.created_at, i.id"
                );
                let rows: Vec<$crate::store::rows::InviteRow> = sqlx::query_as(&sql)
                    .bind(company_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn invite_member(
                &self,
                company_id: i64,
                email: &str,
                by_user_id: i64,
                at: chrono::DateTime<chrono::Utc>,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use app::ssr::DbError;
                use $crate::store::companies::conflict_as;
                use $crate::store::errors::db_error;
                use $crate::store::shared::normalize_email;
                let email = normalize_email(email);
                let mut tx = self.begin_write().await.map_err(db_error)?;
                Self::lock_company_in(&mut *tx, company_id).await?;
                // Reasons about this company come first: already invited
                // here, already a member here.
                let open: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM company_invites i \
                     WHERE i.company_id = $1 AND i.email = $2 AND i.accepted_at IS NULL \
                     AND i.revoked_at IS NULL",
                )
                .bind(company_id)
                .bind(&email)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if open > 0 {
                    return Err(DbError::Conflict("email".to_string()));
                }
                let memberships: Vec<i64> = sqlx::query_scalar(
                    "SELECT m.company_id FROM company_members m JOIN users u ON u.id = m.user_id \
                     WHERE u.email = $1",
                )
                .bind(&email)
                .fetch_all(&mut *tx)
                .await
                .map_err(db_error)?;
                if memberships.contains(&company_id) {
                    return Err(DbError::Conflict("email".to_string()));
                }
                if !memberships.is_empty() {
                    return Err(DbError::Conflict("member".to_string()));
                }
                // The partial unique index backs the open-invitation check
                // against a concurrent invite of the same address.
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO company_invites \
                     (company_id, email, invited_by_id, invited_by_name, created_at) \
                     SELECT $1, $2, u.id, u.display_name, $4 FROM users u WHERE u.id = $3 \
                     RETURNING id",
                )
                .bind(company_id)
                .bind(&email)
                .bind(by_user_id)
                .bind(at)
                .fetch_one(&mut *tx)
                .await
                .map_err(conflict_as("email"))?;
                let object_id = audit.object_id.clone().unwrap_or_else(|| id.to_string());
                insert_audit!(tx, audit, object_id)?;
                tx.commit().await.map_err(db_error)?;
                Ok(id)
            }

            async fn revoke_invite(
                &self,
                company_id: i64,
                invite_id: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::companies::object_or;
                let update = sqlx::query(
                    "UPDATE company_invites SET revoked_at = $3 \
                     WHERE id = $2 AND company_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
                )
                .bind(company_id)
                .bind(invite_id)
                .bind(audit.at);
                audited_update!(self, update, audit, object_or(audit, company_id), revoke_sessions_of: None)
            }

            async fn invites_for_email(
                &self,
                email: &str,
            ) -> app::ssr::DbResult<Vec<app::ssr::company_store::StoredInvite>> {
                use $crate::store::companies::{INVITE_SELECT, OPEN_INVITE};
                use $crate::store::shared::normalize_email;
                let sql = format!(
                    "{INVITE_SELECT} WHERE i.email = $1 AND {OPEN_INVITE} ORDER BY i.created_at, i.id"
                );
                let rows: Vec<$crate::store::rows::InviteRow> = sqlx::query_as(&sql)
                    .bind(normalize_email(email))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn accept_invite(
                &self,
                invite_id: i64,
                user_id: i64,
                at: chrono::DateTime<chrono::Utc>,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use app::ssr::DbError;
                use $crate::store::companies::{conflict_as, object_or};
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // The user row is locked so two acceptances by one user
                // cannot both pass the membership check (PostgreSQL).
                let sql = format!("SELECT id FROM users WHERE id = $1{}", Self::ROW_LOCK);
                let _: i64 = sqlx::query_scalar(&sql)
                    .bind(user_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let company_id: i64 = sqlx::query_scalar(
                    "SELECT i.company_id FROM company_invites i JOIN users u ON u.email = i.email \
                     WHERE i.id = $1 AND u.id = $2 AND i.accepted_at IS NULL AND i.revoked_at IS NULL",
                )
                .bind(invite_id)
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                let memberships: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM company_members WHERE user_id = $1")
                        .bind(user_id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                if memberships > 0 {
                    return Err(DbError::Conflict("member".to_string()));
                }
                sqlx::query(
                    "INSERT INTO company_members (company_id, user_id, role, created_at) \
                     VALUES ($1, $2, 'member', $3)",
                )
                .bind(company_id)
                .bind(user_id)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(conflict_as("member"))?;
                sqlx::query("UPDATE company_invites SET accepted_at = $2 WHERE id = $1")
                    .bind(invite_id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                insert_audit!(tx, audit, object_or(audit, company_id))?;
                tx.commit().await.map_err(db_error)?;
                Ok(company_id)
            }

            async fn remove_member(
                &self,
                company_id: i64,
                user_id: i64,
                audit: &app::ssr::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use app::ssr::DbError;
                use $crate::store::companies::object_or;
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // Serialises membership changes of this company, so two
                // owners cannot remove each other at once.
                Self::lock_company_in(&mut *tx, company_id).await?;
                let role: String = sqlx::query_scalar(
                    "SELECT role FROM company_members WHERE company_id = $1 AND user_id = $2",
                )
                .bind(company_id)
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                if role == app::domain::company::MemberRole::Owner.as_str() {
                    let owners: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM company_members WHERE company_id = $1 AND role = 'owner'",
                    )
                    .bind(company_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    if owners <= 1 {
                        return Err(DbError::Conflict("last_owner".to_string()));
                    }
                }
                sqlx::query("DELETE FROM company_members WHERE company_id = $1 AND user_id = $2")
                    .bind(company_id)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                insert_audit!(tx, audit, object_or(audit, company_id))?;
                tx.commit().await.map_err(db_error)
            }

            async fn rerender_stored_html(
                &self,
                version: i64,
                render: for<'m> fn(&'m str) -> String,
            ) -> app::ssr::DbResult<u64> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // Takes the row lock first (PostgreSQL), so a second process
                // waits here and then finds the work done.
                sqlx::query("UPDATE stored_html_version SET version = version WHERE id = 1")
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let stored: i64 =
                    sqlx::query_scalar("SELECT version FROM stored_html_version WHERE id = 1")
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                if stored >= version {
                    return Ok(0);
                }
                let mut changed = 0u64;
                // (table, the column that with `section` names a row)
                for (table, owner) in [
                    ("pitch_drafts", "company_id"),
                    ("pitch_revision_sections", "revision_id"),
                ] {
                    // In key order, a batch at a time: every published
                    // revision's text at once would not fit in memory.
                    let batch = format!(
                        "SELECT {owner}, section, markdown, html FROM {table} \
                         WHERE ({owner}, section) > ($1, $2) \
                         ORDER BY {owner}, section LIMIT 500"
                    );
                    let update = format!(
                        "UPDATE {table} SET html = $3 WHERE {owner} = $1 AND section = $2"
                    );
                    let mut after = (i64::MIN, String::new());
                    loop {
                        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(&batch)
                            .bind(after.0)
                            .bind(&after.1)
                            .fetch_all(&mut *tx)
                            .await
                            .map_err(db_error)?;
                        let Some(last) = rows.last() else { break };
                        after = (last.0, last.1.clone());
                        for (id, section, markdown, html) in rows {
                            let fresh = render(&markdown);
                            if fresh != html {
                                sqlx::query(&update)
                                    .bind(id)
                                    .bind(&section)
                                    .bind(&fresh)
                                    .execute(&mut *tx)
                                    .await
                                    .map_err(db_error)?;
                                changed += 1;
                            }
                        }
                    }
                }
                sqlx::query("UPDATE stored_html_version SET version = $1 WHERE id = 1")
                    .bind(version)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(changed)
            }

            async fn directory(
                &self,
                filter: &app::domain::directory::DirectoryFilter,
                limit: i64,
                offset: i64,
            ) -> app::ssr::DbResult<app::ssr::Page<app::ssr::company_store::CompanyCardRecord>> {
                use app::domain::directory::COUNT_CEILING;
                use $crate::store::companies::IndexCondition;
                use $crate::store::errors::db_error;
                use $crate::store::search_index::SearchPlan;
                let now = chrono::Utc::now();
                let Some(plan) = SearchPlan::new(filter) else {
                    let mut conn = self.page_reader().await.map_err(db_error)?;
                    return Self::directory_unsearched(&mut conn, filter, now, limit, offset)
                        .await;
                };
                // Every query of the page on one connection: each return to
                // the pool costs sqlx a ping (a round trip to SQLite's
                // worker thread). Nothing below may take a second one from
                // the pool while this one is held: 32 searches holding one
                // each and waiting for another would starve the pool.
                let mut conn = self.pool.acquire().await.map_err(db_error)?;
                let conn = &mut *conn;
                // A token no company has: nothing matches (PostgreSQL
                // knows without searching).
                let Some(all) = Self::index_query(conn, &plan.all).await? else {
                    return Ok(app::ssr::Page { items: Vec::new(), total: 0 });
                };
                let ceiling = Some(COUNT_CEILING);
                let mut all = IndexCondition::matching(all);
                let total =
                    Self::directory_count(conn, filter, now, std::slice::from_ref(&all), ceiling)
                        .await?;
                all.many = total > COUNT_CEILING;
                let mut items = Vec::new();
                let mut rest_offset = offset;
                let mut rest = vec![all];
                // Headline matches first, then the others; each part is
                // in the chosen order and read a page at a time.
                if let Some(headline) = Self::index_query(conn, &plan.headline).await? {
                    let mut headline = IndexCondition::matching(headline);
                    let first = std::slice::from_ref(&headline);
                    let counted = Self::directory_count(conn, filter, now, first, ceiling).await?;
                    // Without headline matches the others are all of them:
                    // asking the index for the headline again, for its page
                    // and to leave it out of the rest, would cost as much
                    // as counting did each time (1.7 ms for 스마트팜 센서 at
                    // 100,000 companies on SQLite).
                    if counted > 0 {
                        headline.many = counted > COUNT_CEILING;
                        let first = std::slice::from_ref(&headline);
                        // A page past the last headline match needs none.
                        if headline.many || offset < counted {
                            items = Self::directory_rows(conn, filter, now, first, limit, offset)
                                .await?;
                        }
                        // How many headline matches come before the others:
                        // counted, unless past the ceiling and this page
                        // starts past the last of them.
                        let before = if !headline.many {
                            counted
                        } else if items.is_empty() {
                            Self::directory_count(conn, filter, now, first, None).await?
                        } else {
                            offset + items.len() as i64
                        };
                        rest_offset = (offset - before).max(0);
                        rest.push(IndexCondition { negate: true, ..headline });
                    }
                }
                let wanted = limit - items.len() as i64;
                if wanted > 0 {
                    let more =
                        Self::directory_rows(conn, filter, now, &rest, wanted, rest_offset)
                            .await?;
                    items.extend(more);
                }
                items.retain(|card| plan.matches(&card.search_text));
                Ok(app::ssr::Page { items, total })
            }

            async fn rebuild_search_index(&self, version: i64) -> app::ssr::DbResult<u64> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // Takes the row lock first (PostgreSQL), so a second process
                // waits here and then finds the work done.
                sqlx::query("UPDATE search_index_version SET version = version WHERE id = 1")
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let stored: i64 =
                    sqlx::query_scalar("SELECT version FROM search_index_version WHERE id = 1")
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                if stored >= version {
                    return Ok(0);
                }
                let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM companies ORDER BY id")
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db_error)?;
                for &id in &ids {
                    Self::refresh_search_in(&mut *tx, id).await?;
                }
                sqlx::query("UPDATE search_index_version SET version = $1 WHERE id = 1")
                    .bind(version)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(ids.len() as u64)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::company::{Instrument, Stage, Visibility};
    use app::domain::money::Won;

    fn section(kind: SectionKind, visibility: Visibility, markdown: &str) -> StoredSection {
        StoredSection {
            kind,
            visibility,
            markdown: markdown.to_string(),
            html: format!("<p>{markdown}</p>"),
            plain_text: markdown.to_string(),
        }
    }

    #[test]
    fn six_sections_fill_gaps_in_order() {
        let found = vec![
            section(SectionKind::Team, Visibility::Investors, "팀"),
            section(SectionKind::Technology, Visibility::Public, "기술"),
        ];
        let six = six_sections(found);
        let kinds: Vec<SectionKind> = six.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, SectionKind::ALL);
        assert_eq!(six[0].markdown, "기술");
        assert_eq!(six[4].visibility, Visibility::Investors);
        assert_eq!(
            six[3].visibility,
            Visibility::Investors,
            "business plan default"
        );
        assert!(six[1].markdown.is_empty());
    }

    #[test]
    fn publishable_means_content_that_differs() {
        let empty = six_sections(Vec::new());
        let none = Funding::default();
        assert!(!is_publishable(&empty, &none, None));
        let funded = Funding {
            amount: Some(Won(500_000_000)),
            instrument: Some(Instrument::Rcps),
            use_of_funds: String::new(),
        };
        assert!(is_publishable(&empty, &funded, None));
        let draft = six_sections(vec![section(
            SectionKind::Market,
            Visibility::Public,
            "시장",
        )]);
        let latest = (draft.clone(), none.clone());
        assert!(!is_publishable(&draft, &none, Some(&latest)));
        let mut hidden = draft.clone();
        hidden[2].visibility = Visibility::Investors;
        assert!(is_publishable(&hidden, &none, Some(&latest)));
        let mut rerendered = draft.clone();
        rerendered[2].html = "<p>different rendering</p>".into();
        assert!(!is_publishable(&rerendered, &none, Some(&latest)));
        assert!(
            !is_publishable(&empty, &none, Some(&latest)),
            "an emptied draft is not published"
        );
    }

    #[test]
    fn search_text_is_lowercase_public_text_in_section_order() {
        let src = SearchSourceRow {
            published_at: None,
            name_ko: "탄소온".into(),
            name_en: Some("TansoOn".into()),
            one_liner: Some("탄소섬유 발열매트".into()),
            tags: "ESS\n난방".into(),
            location: None,
            cluster_slug: Some("carbon-materials".into()),
            cluster_name_ko: Some("탄소부품소재".into()),
            cluster_name_en: Some("Carbon Parts".into()),
            stage: None,
        };
        let text = compose_search_text(
            &src,
            vec![
                (SectionKind::Team, "Team B".into()),
                (SectionKind::Technology, "Tech A".into()),
            ],
        );
        assert_eq!(
            text,
            "탄소온\ntansoon\n탄소섬유 발열매트\ness\n난방\n탄소부품소재\ncarbon parts\ntech a\nteam b"
        );
    }

    #[test]
    fn the_directory_filter_binds_in_placeholder_order() {
        let now = Utc::now();
        let filter = DirectoryFilter {
            terms: vec!["탄소".into(), "%_".into(), "ESS".into()],
            cluster_slug: Some("carbon-materials".into()),
            stage: Some(Stage::Seed),
            min_ask: Some(Won(100)),
            max_ask: Some(Won(200)),
            founded_from: Some(2015),
            founded_to: Some(2020),
            freshness: Some(Freshness::Stale),
            min_readiness: None,
            sort: Sort::Amount,
            page: 1,
        };
        let index = [
            IndexCondition::matching("all".into()),
            IndexCondition {
                negate: true,
                ..IndexCondition::matching("headline".into())
            },
        ];
        let w = directory_where(&filter, now, &index, |n, c| {
            format!("{}S(${n})", if c.negate { "!" } else { "" })
        });
        assert_eq!(
            w.sql,
            "WHERE c.published_at IS NOT NULL AND S($1) AND !S($2) AND cl.slug = $3 \
             AND c.stage = $4 AND c.ask_won >= $5 AND c.ask_won <= $6 \
             AND c.founded_year >= $7 AND c.founded_year <= $8 AND c.published_at < $9"
        );
        assert_eq!(
            w.binds,
            vec![
                Bind::Text("all".into()),
                Bind::Text("headline".into()),
                Bind::Text("carbon-materials".into()),
                Bind::Text("seed".into()),
                Bind::Int(100),
                Bind::Int(200),
                Bind::Int(2015),
                Bind::Int(2020),
                Bind::Time(now - chrono::Duration::days(90)),
            ]
        );
        assert_eq!(w.next_placeholder(), 10);
        let plain = directory_where(&DirectoryFilter::default(), now, &[], |n, _| {
            format!("S(${n})")
        });
        assert_eq!(plain.sql, "WHERE c.published_at IS NOT NULL");
        assert_eq!(plain.next_placeholder(), 1);
    }
}
