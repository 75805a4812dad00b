//! The readiness checklist templates (`/admin/templates`): every version
//! of both templates, one version's items, and saving an edit as the next
//! version. Admins only (`Action::EditTemplates`). A save carries the
//! version the form showed, so an edit made on a stale page is refused
//! rather than undoing someone else's; checklists keep the version they
//! started from.

use super::ApiError;
use crate::domain::readiness::{ItemGroup, TemplateForm, TemplateKind};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One version as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateVersionSummary {
    pub version: i64,
    pub items: i64,
    pub total_weight: i64,
    /// Who saved it; `None` with `builtin` for version 1, `None` without
    /// it for an account deleted since.
    pub saved_by: Option<String>,
    pub builtin: bool,
    pub saved_at: DateTime<Utc>,
    pub checklists: i64,
}

/// A template with its versions, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateHistory {
    pub kind: TemplateKind,
    pub versions: Vec<TemplateVersionSummary>,
}

impl TemplateHistory {
    pub fn latest(&self) -> Option<&TemplateVersionSummary> {
        self.versions.first()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateItemView {
    pub group: ItemGroup,
    pub weight: u32,
    pub title_ko: String,
    pub title_en: String,
    pub evidence_ko: String,
    pub evidence_en: String,
}

/// One version with its items, and the newest version of its template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateVersionView {
    pub kind: TemplateKind,
    pub version: i64,
    pub latest_version: i64,
    pub saved_by: Option<String>,
    pub builtin: bool,
    pub saved_at: DateTime<Utc>,
    pub items: Vec<TemplateItemView>,
}

/// The kind named in an address or a form; anything else is "not found".
#[cfg(feature = "ssr")]
fn kind_of(raw: &str) -> Result<TemplateKind, ApiError> {
    TemplateKind::parse(raw.trim()).ok_or(ApiError::NotFound)
}

#[server(endpoint = "admin/templates")]
pub async fn list_templates() -> Result<Vec<TemplateHistory>, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    require(Action::EditTemplates)?;
    let versions = store()?
        .template_versions()
        .await
        .map_err(|e| reject(e.into()))?;
    Ok(TemplateKind::ALL
        .iter()
        .map(|kind| TemplateHistory {
            kind: *kind,
            versions: versions
                .iter()
                .filter(|v| v.kind == *kind)
                .map(|v| TemplateVersionSummary {
                    version: v.version,
                    items: v.item_count,
                    total_weight: v.total_weight,
                    saved_by: v.created_by_name.clone(),
                    builtin: v.created_by.is_none() && v.version == 1,
                    saved_at: v.created_at,
                    checklists: v.checklist_count,
                })
                .collect(),
        })
        .collect())
}

/// A version of a template with its items: the latest when `version` is
/// absent.
#[server(endpoint = "admin/template")]
pub async fn template_version(
    kind: String,
    version: Option<i64>,
) -> Result<TemplateVersionView, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    require(Action::EditTemplates)?;
    let kind = kind_of(&kind).map_err(reject)?;
    let store = store()?;
    let latest = store
        .latest_template(kind)
        .await
        .map_err(|e| reject(e.into()))?;
    let template = match version {
        Some(v) if v != latest.version => store
            .template(kind, v)
            .await
            .map_err(|e| reject(e.into()))?,
        _ => latest.clone(),
    };
    Ok(TemplateVersionView {
        kind,
        version: template.version,
        latest_version: latest.version,
        builtin: template.created_by_name.is_none() && template.version == 1,
        saved_by: template.created_by_name,
        saved_at: template.created_at,
        items: template
            .items
            .into_iter()
            .map(|i| TemplateItemView {
                group: i.group,
                weight: i.weight,
                title_ko: i.title_ko,
                title_en: i.title_en,
                evidence_ko: i.evidence_ko,
                evidence_en: i.evidence_en,
            })
            .collect(),
    })
}

/// Saves the edited template as the next version and returns its number.
/// `based_on` is the version the form showed; a newer one saved meanwhile
/// refuses the save (`based_on`: `TemplateChangedMeanwhile`). Bad rows are
/// refused by field (`items[3][weight]`) and nothing is written.
#[server(endpoint = "admin/template_save")]
pub async fn save_template(
    kind: String,
    based_on: i64,
    form: TemplateForm,
) -> Result<i64, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require};
    use crate::ssr::readiness_store::NewTemplateVersion;
    use crate::ssr::{reject, store, DbError};
    let actor = require(Action::EditTemplates)?;
    let kind = kind_of(&kind).map_err(reject)?;
    let items = form.validate().map_err(|e| {
        reject(ApiError::Field {
            field: e.field_name(),
            problem: e.problem,
        })
    })?;
    let new = NewTemplateVersion {
        kind,
        based_on,
        created_by: actor.user_id,
        at: Utc::now(),
        items,
    };
    let event = audit(
        Some(&actor),
        "readiness.template_save",
        "readiness_template",
        None,
        format!(
            "kind={} version={} items={}",
            kind.as_str(),
            based_on + 1,
            new.items.len()
        ),
    );
    match store()?.save_template_version(&new, &event).await {
        Ok(version) => Ok(version),
        Err(DbError::Conflict(_)) => Err(reject(
            FieldError::new("based_on", FieldProblem::TemplateChangedMeanwhile).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}
