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
    "SELECT id, email, display_name, role, is_active, locale, is_demo, created_at FROM users";

pub(crate) const INSERT_USER: &str = "INSERT INTO users \
     (email, display_name, role, password_hash, locale, is_demo, is_active, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)";

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
                let sql = format!("{CLUSTER_COLUMNS} {CLUSTER_GROUPING} ORDER BY c.position");
                let rows: Vec<$crate::store::rows::ClusterRow> = sqlx::query_as(&sql)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
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
                use $crate::store::shared::{normalize_email, INSERT_USER};
                let sql = format!("{INSERT_USER} RETURNING id");
                sqlx::query_scalar(&sql)
                    .bind(normalize_email(&user.email))
                    .bind(&user.display_name)
                    .bind(user.role.as_str())
                    .bind(&user.password_hash)
                    .bind(&user.locale)
                    .bind(user.is_demo)
                    .bind(chrono::Utc::now())
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)
            }

            async fn create_users_if_absent(
                &self,
                users: &[app::ssr::NewUser],
            ) -> app::ssr::DbResult<u64> {
                use $crate::store::errors::db_error;
                use $crate::store::shared::{normalize_email, INSERT_USER};
                let sql = format!("{INSERT_USER} ON CONFLICT (email) DO NOTHING");
                let mut tx = self.begin_write().await.map_err(db_error)?;
                let mut inserted = 0;
                for user in users {
                    inserted += sqlx::query(&sql)
                        .bind(normalize_email(&user.email))
                        .bind(&user.display_name)
                        .bind(user.role.as_str())
                        .bind(&user.password_hash)
                        .bind(&user.locale)
                        .bind(user.is_demo)
                        .bind(chrono::Utc::now())
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

            async fn count_users(&self, demo: Option<bool>) -> app::ssr::DbResult<i64> {
                sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE ($1 IS NULL OR is_demo = $1)")
                    .bind(demo)
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::store::errors::db_error)
            }
        }
    };
}
