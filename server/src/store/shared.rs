//! Query bodies shared by both backends.
//!
//! The SQL is written once with `$n` placeholders: PostgreSQL's native form,
//! and one sqlx binds by number on SQLite too. `impl_store!` expands the same
//! method bodies for each backend's pool type, which keeps the two stores
//! from drifting apart without giving up each driver's own types. A backend
//! that needs different SQL (full-text search, say) gets an inherent method
//! that the shared body calls.

pub(crate) const CLUSTER_COLUMNS: &str =
    "SELECT c.id, c.slug, c.name_ko, c.name_en, c.summary_ko, c.summary_en, \
     COUNT(co.id) AS company_count \
     FROM clusters c \
     LEFT JOIN companies co ON co.cluster_id = c.id AND co.published_at IS NOT NULL";

pub(crate) const CLUSTER_GROUPING: &str =
    "GROUP BY c.id, c.slug, c.name_ko, c.name_en, c.summary_ko, c.summary_en, c.position";

pub(crate) const USER_COLUMNS: &str =
    "SELECT id, email, display_name, role, is_active, locale, is_demo, verification, club_id, \
     created_at FROM users";

/// User columns qualified with `u.`, for joins.
pub(crate) const USER_COLUMNS_QUALIFIED: &str =
    "u.id, u.email, u.display_name, u.role, u.is_active, u.locale, u.is_demo, u.verification, \
     u.club_id, u.created_at";

pub(crate) const INSERT_USER: &str = "INSERT INTO users \
     (email, display_name, role, password_hash, locale, is_demo, is_active, created_at, \
      verification, club_id) \
     VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $8, $9)";

/// An account as lists show it: its club and its (first) company come from
/// a join and a correlated subquery, so a page of users is one query.
pub(crate) const USER_SUMMARY_SELECT: &str = "SELECT u.id, u.email, u.display_name, u.role, \
     u.verification, u.is_active, u.is_demo, u.locale, u.club_id, cl.name AS club_name, \
     cl.status AS club_status, \
     (SELECT co.name_ko FROM company_members m JOIN companies co ON co.id = m.company_id \
      WHERE m.user_id = u.id ORDER BY m.created_at, m.company_id LIMIT 1) AS company_name, \
     u.created_at, u.password_changed_at, u.digest_opt_in \
     FROM users u LEFT JOIN clubs cl ON cl.id = u.club_id";

/// The admin list's filters; `$1`–`$4` are role, verification, active and
/// a `LIKE` pattern (already lower-cased and escaped).
pub(crate) const USER_FILTER: &str = "WHERE ($1 IS NULL OR u.role = $1) \
     AND ($2 IS NULL OR u.verification = $2) \
     AND ($3 IS NULL OR u.is_active = $3) \
     AND ($4 IS NULL OR LOWER(u.email) LIKE $4 ESCAPE '\\' \
          OR LOWER(u.display_name) LIKE $4 ESCAPE '\\')";

/// The tail of a correlated subquery picking `u`'s company membership
/// (the earliest, should there ever be several), with the company as `c`.
pub(crate) const FIRST_MEMBERSHIP: &str = "FROM company_members m \
     JOIN companies c ON c.id = m.company_id WHERE m.user_id = u.id \
     ORDER BY m.created_at, m.company_id LIMIT 1";

pub(crate) const CLUB_SELECT: &str = "SELECT cl.id, cl.name, cl.status, cl.created_at, \
     (SELECT COUNT(*) FROM users u WHERE u.club_id = cl.id) AS member_count FROM clubs cl";

pub(crate) const INSERT_AUDIT: &str = "INSERT INTO audit_events \
     (actor_id, actor_label, action, object_type, object_id, detail, ip, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

pub(crate) const REVOKE_USER_SESSIONS: &str =
    "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL";

/// `%fragment%` for `LIKE … ESCAPE '\'`, lower-cased, with the wildcards
/// a user might type taken literally.
/// `$first, $first+1, …` for `count` values, for an `IN (…)` list: both
/// drivers bind numbered placeholders, and the lists here are a page long.
pub(crate) fn numbered_placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn like_pattern(fragment: &str) -> String {
    let mut out = String::from("%");
    for c in fragment.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Writes an audit event inside the caller's transaction.
macro_rules! insert_audit {
    ($tx:expr, $audit:expr, $object_id:expr) => {
        sqlx::query($crate::store::shared::INSERT_AUDIT)
            .bind($audit.actor_id)
            .bind(&$audit.actor_label)
            .bind($audit.action)
            .bind($audit.object_type)
            .bind($object_id)
            .bind(&$audit.detail)
            .bind(&$audit.ip)
            .bind($audit.at)
            .execute(&mut *$tx)
            .await
            .map_err($crate::store::errors::db_error)
    };
}

/// One audited change: runs `$update` in a write transaction, answers
/// `NotFound` when it touched no row, optionally revokes every session of
/// `$revoke_user`, and records `$audit` for `$object_id`, all or nothing.
macro_rules! audited_update {
    ($self:ident, $update:expr, $audit:expr, $object_id:expr, revoke_sessions_of: $revoke_user:expr) => {{
        use $crate::store::errors::db_error;
        let mut tx = $self.begin_write().await.map_err(db_error)?;
        let changed = $update
            .execute(&mut *tx)
            .await
            .map_err(db_error)?
            .rows_affected();
        if changed == 0 {
            return Err(app::ssr::DbError::NotFound);
        }
        let revoke: Option<i64> = $revoke_user;
        if let Some(user_id) = revoke {
            sqlx::query($crate::store::shared::REVOKE_USER_SESSIONS)
                .bind(user_id)
                .bind($audit.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
        }
        insert_audit!(tx, $audit, $object_id)?;
        tx.commit().await.map_err(db_error)
    }};
}

/// Binds a `NewUser` to `INSERT_USER`'s nine placeholders.
macro_rules! bind_new_user {
    ($query:expr, $user:expr) => {
        $query
            .bind($crate::store::shared::normalize_email(&$user.email))
            .bind(&$user.display_name)
            .bind($user.role.as_str())
            .bind(&$user.password_hash)
            .bind(&$user.locale)
            .bind($user.is_demo)
            .bind(chrono::Utc::now())
            .bind($user.verification.as_str())
            .bind($user.club_id)
    };
}

/// E-mail addresses are compared case-insensitively; storing them folded
/// lets a plain unique index enforce that on both backends.
pub(crate) fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

macro_rules! impl_store {
    ($store:ty, $backend:expr) => {
        #[async_trait::async_trait]
        impl app::ssr::Store for $store {
            fn backend(&self) -> app::ssr::Backend {
                $backend
            }

            async fn ping(&self) -> app::ssr::DbResult<()> {
                sqlx::query("SELECT 1")
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
                    .map_err($crate::store::errors::db_error)
            }

            async fn close(&self) {
                self.pool.close().await;
            }

            async fn list_clusters(
                &self,
            ) -> app::ssr::DbResult<Vec<app::domain::cluster::Cluster>> {
                use $crate::store::shared::{CLUSTER_COLUMNS, CLUSTER_GROUPING};
                if let Some(clusters) = self.clusters.fresh() {
                    return Ok(clusters.to_vec());
                }
                let sql = format!("{CLUSTER_COLUMNS} {CLUSTER_GROUPING} ORDER BY c.position");
                let rows: Vec<$crate::store::rows::ClusterRow> = sqlx::query_as(&sql)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                let clusters: Vec<app::domain::cluster::Cluster> =
                    rows.into_iter().map(Into::into).collect();
                self.clusters.keep(clusters.clone());
                Ok(clusters)
            }

            async fn cluster_by_slug(
                &self,
                slug: &str,
            ) -> app::ssr::DbResult<app::domain::cluster::Cluster> {
                use $crate::store::shared::{CLUSTER_COLUMNS, CLUSTER_GROUPING};
                let sql = format!("{CLUSTER_COLUMNS} WHERE c.slug = $1 {CLUSTER_GROUPING}");
                sqlx::query_as::<_, $crate::store::rows::ClusterRow>(&sql)
                    .bind(slug)
                    .fetch_one(&self.pool)
                    .await
                    .map(Into::into)
                    .map_err($crate::store::errors::db_error)
            }

            async fn create_user(&self, user: &app::ssr::NewUser) -> app::ssr::DbResult<i64> {
                use $crate::store::shared::INSERT_USER;
                let sql = format!("{INSERT_USER} RETURNING id");
                bind_new_user!(sqlx::query_scalar(&sql), user)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)
            }

            async fn create_users_if_absent(
                &self,
                users: &[app::ssr::NewUser],
            ) -> app::ssr::DbResult<u64> {
                use $crate::store::errors::db_error;
                use $crate::store::shared::INSERT_USER;
                let sql = format!("{INSERT_USER} ON CONFLICT (email) DO NOTHING");
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let mut inserted = 0;
                for user in users {
                    inserted += bind_new_user!(sqlx::query(&sql), user)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?
                        .rows_affected();
                }
                tx.commit().await.map_err(db_error)?;
                Ok(inserted)
            }

            async fn user_by_email(&self, email: &str) -> app::ssr::DbResult<app::ssr::UserRecord> {
                use $crate::store::shared::{normalize_email, USER_COLUMNS};
                let sql = format!("{USER_COLUMNS} WHERE email = $1");
                let row: $crate::store::rows::UserRow = sqlx::query_as(&sql)
                    .bind(normalize_email(email))
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                row.try_into()
            }

            async fn login_credentials(
                &self,
                email: &str,
            ) -> app::ssr::DbResult<(app::ssr::UserRecord, app::ssr::PasswordHash)> {
                use $crate::store::shared::{normalize_email, USER_COLUMNS_QUALIFIED};
                let sql = format!(
                    "SELECT {USER_COLUMNS_QUALIFIED}, u.password_hash FROM users u WHERE u.email = $1"
                );
                let row: $crate::store::rows::CredentialRow = sqlx::query_as(&sql)
                    .bind(normalize_email(email))
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                Ok((row.user.try_into()?, app::ssr::PasswordHash(row.password_hash)))
            }

            async fn create_session(&self, s: &app::ssr::NewSession) -> app::ssr::DbResult<()> {
                sqlx::query(
                    "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) \
                     VALUES ($1, $2, $3, $3, $4, $5, $6)",
                )
                .bind(&s.id)
                .bind(s.user_id)
                .bind(s.created_at)
                .bind(s.expires_at)
                .bind(&s.ip)
                .bind(&s.user_agent)
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err($crate::store::errors::db_error)
            }

            async fn session_with_user(
                &self,
                id: &str,
            ) -> app::ssr::DbResult<(
                app::ssr::SessionRecord,
                app::ssr::UserRecord,
                Option<app::domain::company::Membership>,
            )> {
                use $crate::store::shared::{FIRST_MEMBERSHIP, USER_COLUMNS_QUALIFIED};
                // The membership comes from correlated subqueries, so the
                // per-request check stays one query.
                let sql = format!(
                    "SELECT s.id AS session_id, s.created_at AS session_created_at, s.last_seen_at, \
                     s.expires_at, s.revoked_at, {USER_COLUMNS_QUALIFIED}, \
                     (SELECT m.company_id {FIRST_MEMBERSHIP}) AS member_company_id, \
                     (SELECT m.role {FIRST_MEMBERSHIP}) AS member_role, \
                     (SELECT c.slug {FIRST_MEMBERSHIP}) AS member_company_slug \
                     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1"
                );
                let row: $crate::store::rows::SessionUserRow = sqlx::query_as(&sql)
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                row.try_into()
            }

            async fn touch_session(&self, id: &str, at: chrono::DateTime<chrono::Utc>) -> app::ssr::DbResult<()> {
                sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                    .bind(id)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
                    .map_err($crate::store::errors::db_error)
            }

            async fn revoke_session(&self, id: &str, at: chrono::DateTime<chrono::Utc>) -> app::ssr::DbResult<()> {
                sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                    .bind(id)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
                    .map_err($crate::store::errors::db_error)
            }

            async fn count_users(&self, demo: Option<bool>) -> app::ssr::DbResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE ($1 IS NULL OR is_demo = $1)")
                    .bind(demo)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)
            }

            async fn register(
                &self,
                reg: &app::ssr::store::Registration,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use app::domain::account::{club_name_key, ClubChoice};
                use app::ssr::DbError;
                use $crate::store::errors::db_error;
                use $crate::store::shared::INSERT_USER;
                let conflict_as = |name: &'static str| {
                    move |err: sqlx::Error| match db_error(err) {
                        DbError::Conflict(_) => DbError::Conflict(name.to_string()),
                        other => other,
                    }
                };
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let (club_id, new_club) = match &reg.club {
                    None => (None, false),
                    Some(ClubChoice::Existing(id)) => {
                        let id: i64 = sqlx::query_scalar(
                            "SELECT id FROM clubs WHERE id = $1 AND status = 'approved'",
                        )
                        .bind(*id)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_error)?;
                        (Some(id), false)
                    }
                    Some(ClubChoice::New(name)) => {
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO clubs (name, name_key, status, created_at) \
                             VALUES ($1, $2, 'pending', $3) RETURNING id",
                        )
                        .bind(name)
                        .bind(club_name_key(name))
                        .bind(audit.at)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(conflict_as("club_name"))?;
                        (Some(id), true)
                    }
                };
                let mut user = reg.user.clone();
                user.club_id = club_id;
                let sql = format!("{INSERT_USER} RETURNING id");
                let user_id: i64 = bind_new_user!(sqlx::query_scalar(&sql), user)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(conflict_as("email"))?;
                if new_club {
                    sqlx::query("UPDATE clubs SET created_by = $2 WHERE id = $1")
                        .bind(club_id)
                        .bind(user_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_error)?;
                }
                if let Some(company) = &reg.company {
                    let company_id: i64 = sqlx::query_scalar(
                        "INSERT INTO companies (slug, name_ko, created_at, updated_at) \
                         VALUES ($1, $2, $3, $3) RETURNING id",
                    )
                    .bind(&company.slug)
                    .bind(&company.name_ko)
                    .bind(audit.at)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(conflict_as("company_slug"))?;
                    sqlx::query(
                        "INSERT INTO company_members (company_id, user_id, role, created_at) \
                         VALUES ($1, $2, 'owner', $3)",
                    )
                    .bind(company_id)
                    .bind(user_id)
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
                let object_id = audit.object_id.clone().unwrap_or_else(|| user_id.to_string());
                insert_audit!(tx, audit, object_id)?;
                tx.commit().await.map_err(db_error)?;
                Ok(user_id)
            }

            async fn create_company(
                &self,
                slug: &str,
                name_ko: &str,
                at: chrono::DateTime<chrono::Utc>,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use $crate::store::companies::conflict_as;
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let company_id: i64 = sqlx::query_scalar(
                    "INSERT INTO companies (slug, name_ko, created_at, updated_at) \
                     VALUES ($1, $2, $3, $3) RETURNING id",
                )
                .bind(slug)
                .bind(name_ko)
                .bind(at)
                .fetch_one(&mut *tx)
                .await
                .map_err(conflict_as("company_slug"))?;
                let object_id = audit.object_id.clone().unwrap_or_else(|| company_id.to_string());
                insert_audit!(tx, audit, object_id)?;
                tx.commit().await.map_err(db_error)?;
                Ok(company_id)
            }

            async fn create_staff(
                &self,
                user: &app::ssr::NewUser,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<i64> {
                use app::ssr::DbError;
                use $crate::store::errors::db_error;
                use $crate::store::shared::INSERT_USER;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let sql = format!("{INSERT_USER} RETURNING id");
                let user_id: i64 = bind_new_user!(sqlx::query_scalar(&sql), user)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|err| match db_error(err) {
                        DbError::Conflict(_) => DbError::Conflict("email".to_string()),
                        other => other,
                    })?;
                let object_id = audit.object_id.clone().unwrap_or_else(|| user_id.to_string());
                insert_audit!(tx, audit, object_id)?;
                tx.commit().await.map_err(db_error)?;
                Ok(user_id)
            }

            async fn user_summary(
                &self,
                user_id: i64,
            ) -> app::ssr::DbResult<app::domain::account::UserSummary> {
                use $crate::store::shared::USER_SUMMARY_SELECT;
                let sql = format!("{USER_SUMMARY_SELECT} WHERE u.id = $1");
                let row: $crate::store::rows::UserSummaryRow = sqlx::query_as(&sql)
                    .bind(user_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                row.try_into()
            }

            async fn list_users(
                &self,
                filter: &app::domain::account::UserFilter,
                limit: i64,
                offset: i64,
            ) -> app::ssr::DbResult<app::ssr::store::Page<app::domain::account::UserSummary>> {
                use $crate::store::errors::db_error;
                use $crate::store::shared::{like_pattern, USER_FILTER, USER_SUMMARY_SELECT};
                let role = filter.role.map(|r| r.as_str());
                let verification = filter.verification.map(|v| v.as_str());
                let pattern = filter
                    .query
                    .as_deref()
                    .filter(|q| !q.trim().is_empty())
                    .map(like_pattern);
                let sql = format!(
                    "{USER_SUMMARY_SELECT} {USER_FILTER} ORDER BY u.created_at DESC, u.id DESC LIMIT $5 OFFSET $6"
                );
                let rows: Vec<$crate::store::rows::UserSummaryRow> = sqlx::query_as(&sql)
                    .bind(role)
                    .bind(verification)
                    .bind(filter.active)
                    .bind(&pattern)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                let count_sql = format!("SELECT COUNT(*) FROM users u {USER_FILTER}");
                let total: i64 = sqlx::query_scalar(&count_sql)
                    .bind(role)
                    .bind(verification)
                    .bind(filter.active)
                    .bind(&pattern)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)?;
                let items = rows
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(app::ssr::store::Page { items, total })
            }

            async fn update_profile(
                &self,
                user_id: i64,
                display_name: &str,
                locale: &str,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query("UPDATE users SET display_name = $2, locale = $3 WHERE id = $1")
                    .bind(user_id)
                    .bind(display_name)
                    .bind(locale);
                audited_update!(self, update, audit, user_id.to_string(), revoke_sessions_of: None)
            }

            async fn password_hash(&self, user_id: i64) -> app::ssr::DbResult<app::ssr::PasswordHash> {
                sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_one(&self.pool)
                    .await
                    .map(app::ssr::PasswordHash)
                    .map_err($crate::store::errors::db_error)
            }

            async fn change_password(
                &self,
                user_id: i64,
                new_hash: &str,
                replacement: &app::ssr::NewSession,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use $crate::store::errors::db_error;
                use $crate::store::shared::REVOKE_USER_SESSIONS;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let changed = sqlx::query(
                    "UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1",
                )
                .bind(user_id)
                .bind(new_hash)
                .bind(audit.at)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?
                .rows_affected();
                if changed == 0 {
                    return Err(app::ssr::DbError::NotFound);
                }
                sqlx::query(REVOKE_USER_SESSIONS)
                    .bind(user_id)
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                sqlx::query(
                    "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) \
                     VALUES ($1, $2, $3, $3, $4, $5, $6)",
                )
                .bind(&replacement.id)
                .bind(replacement.user_id)
                .bind(replacement.created_at)
                .bind(replacement.expires_at)
                .bind(&replacement.ip)
                .bind(&replacement.user_agent)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
                insert_audit!(tx, audit, user_id.to_string())?;
                tx.commit().await.map_err(db_error)
            }

            async fn set_verification(
                &self,
                user_id: i64,
                verification: app::domain::account::Verification,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query(
                    "UPDATE users SET verification = $2 WHERE id = $1 AND role = 'investor'",
                )
                .bind(user_id)
                .bind(verification.as_str());
                audited_update!(self, update, audit, user_id.to_string(), revoke_sessions_of: None)
            }

            async fn set_user_active(
                &self,
                user_id: i64,
                active: bool,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query("UPDATE users SET is_active = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(active);
                let revoke = (!active).then_some(user_id);
                audited_update!(self, update, audit, user_id.to_string(), revoke_sessions_of: revoke)
            }

            async fn set_user_role(
                &self,
                user_id: i64,
                role: app::domain::role::Role,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                use app::domain::account::Verification;
                let update = sqlx::query("UPDATE users SET role = $2, verification = $3 WHERE id = $1")
                    .bind(user_id)
                    .bind(role.as_str())
                    .bind(Verification::initial_for(role).as_str());
                audited_update!(self, update, audit, user_id.to_string(), revoke_sessions_of: Some(user_id))
            }

            async fn list_clubs(
                &self,
                status: Option<app::domain::account::ClubStatus>,
            ) -> app::ssr::DbResult<Vec<app::domain::account::Club>> {
                use $crate::store::shared::CLUB_SELECT;
                let sql = format!("{CLUB_SELECT} WHERE ($1 IS NULL OR cl.status = $1) ORDER BY cl.name_key");
                let rows: Vec<$crate::store::rows::ClubRow> = sqlx::query_as(&sql)
                    .bind(status.map(|s| s.as_str()))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn review_club(
                &self,
                club_id: i64,
                status: app::domain::account::ClubStatus,
                audit: &app::ssr::store::NewAuditEvent,
            ) -> app::ssr::DbResult<()> {
                let update = sqlx::query("UPDATE clubs SET status = $2, reviewed_at = $3 WHERE id = $1")
                    .bind(club_id)
                    .bind(status.as_str())
                    .bind(audit.at);
                audited_update!(self, update, audit, club_id.to_string(), revoke_sessions_of: None)
            }

            async fn club_with_members(
                &self,
                club_id: i64,
            ) -> app::ssr::DbResult<(app::domain::account::Club, Vec<app::domain::account::UserSummary>)> {
                use $crate::store::errors::db_error;
                use $crate::store::shared::{CLUB_SELECT, USER_SUMMARY_SELECT};
                let sql = format!("{CLUB_SELECT} WHERE cl.id = $1");
                let club: $crate::store::rows::ClubRow = sqlx::query_as(&sql)
                    .bind(club_id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_error)?;
                let sql = format!("{USER_SUMMARY_SELECT} WHERE u.club_id = $1 ORDER BY u.display_name, u.id");
                let members: Vec<$crate::store::rows::UserSummaryRow> = sqlx::query_as(&sql)
                    .bind(club_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                let members = members
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((club.try_into()?, members))
            }

            async fn audit_log(
                &self,
                limit: i64,
                before: Option<i64>,
            ) -> app::ssr::DbResult<Vec<app::domain::account::AuditEvent>> {
                let rows: Vec<$crate::store::rows::AuditRow> = sqlx::query_as(
                    "SELECT id, actor_id, actor_label, action, object_type, object_id, detail, ip, created_at \
                     FROM audit_events WHERE ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2",
                )
                .bind(before)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn hit_rate_limit(&self, bucket: &str, window_start: i64) -> app::ssr::DbResult<i64> {
                use $crate::store::errors::db_error;
                let mut tx = self.begin_write().await.map_err(db_error)?;
                // This bucket's spent windows, and anyone's from a day ago,
                // so one-off addresses do not pile up.
                sqlx::query(
                    "DELETE FROM rate_limit_hits \
                     WHERE (bucket = $1 AND window_start < $2) OR window_start < $3",
                )
                    .bind(bucket)
                    .bind(window_start)
                    .bind(window_start - 86_400)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                let hits: i64 = sqlx::query_scalar(
                    "INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES ($1, $2, 1) \
                     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 \
                     RETURNING hits",
                )
                .bind(bucket)
                .bind(window_start)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                tx.commit().await.map_err(db_error)?;
                Ok(hits)
            }
        }
    };
}
