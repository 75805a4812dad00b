//! Company profiles and pitch pages: reading a company as the reader may
//! see it, editing the profile and the pitch draft, publishing revisions,
//! comparing them, and posting updates.
//!
//! Companies are addressed by slug; the server looks the company up and
//! asks `domain::access` whether the caller may read or change it. Which
//! sections leave the server is decided here, per reader: a section the
//! reader may not see is sent as "locked" without its text.

use super::ApiError;
use crate::domain::cluster::Cluster;
use crate::domain::company::{
    Audience, CompanyProfileForm, Funding, PitchForm, RevenueBand, SectionKind, Stage, UpdateForm,
    UpdateKind, Visibility,
};
use crate::domain::diff::DiffLine;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many updates the company page shows.
pub const UPDATES_SHOWN: i64 = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterRef {
    pub slug: String,
    pub name_ko: String,
    pub name_en: String,
}

impl ClusterRef {
    /// From a row's optional cluster columns (a company may have none).
    pub fn from_columns(
        slug: Option<String>,
        name_ko: Option<String>,
        name_en: Option<String>,
    ) -> Option<ClusterRef> {
        Some(ClusterRef {
            slug: slug?,
            name_ko: name_ko?,
            name_en: name_en?,
        })
    }

    pub fn name(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::Ko => &self.name_ko,
            crate::i18n::Locale::En => &self.name_en,
        }
    }
}

/// The profile as pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfileView {
    pub slug: String,
    pub name_ko: String,
    pub name_en: Option<String>,
    pub cluster_id: Option<i64>,
    pub cluster: Option<ClusterRef>,
    pub location: Option<String>,
    pub founded_year: Option<i64>,
    pub employees: Option<i64>,
    pub revenue_band: Option<RevenueBand>,
    pub stage: Option<Stage>,
    pub one_liner: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub tags: Vec<String>,
    pub logo_url: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub revision: i64,
}

/// One pitch section for one reader: `html` is `None` when the reader may
/// not see it (the page says what verification would show instead).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub html: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateView {
    pub id: i64,
    pub kind: UpdateKind,
    pub title: String,
    pub body: String,
    pub posted_by: String,
    pub posted_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyPageData {
    pub profile: CompanyProfileView,
    pub audience: Audience,
    /// Published sections with content, in page order.
    pub sections: Vec<SectionView>,
    /// `None` when the reader may not see funding terms or none are set.
    pub funding: Option<Funding>,
    /// Funding terms exist but are for verified investors.
    pub funding_locked: bool,
    pub stale: bool,
    pub updates: Vec<UpdateView>,
    /// The reader is signed in (so the notice about locked sections can
    /// say "verify" rather than "sign in").
    pub signed_in: bool,
    /// Editors and reviewers only: the draft has changes not yet published.
    pub unpublished_changes: bool,
    /// Readiness checklists the company chose to show, with their score.
    pub readiness_badges: Vec<crate::domain::readiness::ReadinessBadge>,
    /// Consulting milestones the company chose to show, by date.
    pub milestones: Vec<crate::domain::readiness::Milestone>,
    /// Verified investors and up: whether an investment made today would
    /// qualify for the angel income deduction, from the company's facts.
    pub deduction: Option<crate::domain::investor_limits::DeductionCheck>,
}

/// A draft section as the editor shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSectionView {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub markdown: String,
    pub html: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyEditorData {
    pub profile: CompanyProfileView,
    pub clusters: Vec<Cluster>,
    pub sections: Vec<DraftSectionView>,
    pub funding: Funding,
    pub saved_at: Option<DateTime<Utc>>,
    pub saved_by: Option<String>,
    pub unpublished_changes: bool,
}

/// The draft as a reviewer reads it: rendered, read-only, with what
/// differs from the published version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftReviewData {
    pub profile: CompanyProfileView,
    /// Draft sections with content, in page order (investor-only ones
    /// included: every reader of a draft may read them).
    pub sections: Vec<SectionView>,
    pub funding: Option<Funding>,
    /// Sections whose text or visibility differs from the published ones.
    pub changed: Vec<SectionKind>,
    pub funding_changed: bool,
    pub saved_at: Option<DateTime<Utc>>,
    pub saved_by: Option<String>,
    pub unpublished_changes: bool,
    /// The reader may also edit (a member or an admin).
    pub editor: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionView {
    pub number: i64,
    pub published_at: DateTime<Utc>,
    pub published_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDiff {
    pub kind: SectionKind,
    pub from_visibility: Visibility,
    pub to_visibility: Visibility,
    pub lines: Vec<DiffLine>,
    pub added: usize,
    pub removed: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingChange {
    pub from: Funding,
    pub to: Funding,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryData {
    pub profile: CompanyProfileView,
    pub revisions: Vec<RevisionView>,
    /// The compared pair (older, newer), when there are two revisions.
    pub compared: Option<(i64, i64)>,
    /// Only the sections that changed between the pair.
    pub diffs: Vec<SectionDiff>,
    pub funding: Option<FundingChange>,
}

/// What a save of the pitch form did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PitchSaved {
    Draft,
    Published { revision: i64 },
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::ssr::company_store::{CompanyRecord, StoredSection};

    pub fn profile_view(c: CompanyRecord) -> CompanyProfileView {
        let cluster =
            ClusterRef::from_columns(c.cluster_slug, c.cluster_name_ko, c.cluster_name_en);
        CompanyProfileView {
            logo_url: c.logo_file.map(|f| format!("/media/logos/{f}")),
            slug: c.slug,
            name_ko: c.name_ko,
            name_en: c.name_en,
            cluster_id: c.cluster_id,
            cluster,
            location: c.location,
            founded_year: c.founded_year,
            employees: c.employees,
            revenue_band: c.revenue_band,
            stage: c.stage,
            one_liner: c.one_liner,
            website: c.website,
            contact_email: c.contact_email,
            tags: c.tags,
            published_at: c.published_at,
            revision: c.revision,
        }
    }

    /// Renders what the editor posted: HTML once, here, on save.
    pub fn render_sections(draft: &crate::domain::company::PitchDraft) -> Vec<StoredSection> {
        use crate::ssr::markdown::{plain_text, render};
        draft
            .sections
            .iter()
            .map(|s| StoredSection {
                kind: s.kind,
                visibility: s.visibility,
                html: render(&s.markdown),
                plain_text: plain_text(&s.markdown),
                markdown: s.markdown.clone(),
            })
            .collect()
    }

    /// The company's live revision; `None` before its first publication.
    pub async fn published_revision(
        store: &dyn crate::ssr::Store,
        company: &CompanyRecord,
    ) -> Result<Option<crate::ssr::StoredRevision>, ApiError> {
        if company.revision == 0 {
            return Ok(None);
        }
        store
            .revision(company.id, company.revision)
            .await
            .map(Some)
            .map_err(|err| crate::ssr::reject(err.into()))
    }

    /// The company named by `slug`, and the caller if they may edit it.
    pub async fn editable(
        slug: &str,
    ) -> Result<(crate::ssr::session::Actor, CompanyRecord), ApiError> {
        use crate::domain::access::Action;
        crate::ssr::guard::require_on_company(slug, |company_id| Action::EditCompany { company_id })
            .await
    }
}

/// The company page as this reader may see it. A company that never
/// published is "not found" to everyone but its editors, so probing slugs
/// reveals nothing.
#[server(endpoint = "companies/page")]
pub async fn company_page(slug: String) -> Result<CompanyPageData, ApiError> {
    use crate::domain::access::audience_for;
    use crate::domain::company::is_stale;
    use crate::ssr::session::current_actor;
    use crate::ssr::{reject, store};

    let store = store()?;
    let today = crate::domain::seoul_time::seoul_date(Utc::now());
    let records = store
        .company_page_records(&slug, today, UPDATES_SHOWN)
        .await
        .map_err(|err| reject(err.into()))?;
    let company = records.company;
    let actor = current_actor();
    let audience = audience_for(actor.as_ref().map(|a| a.principal()).as_ref(), company.id);
    if company.revision == 0 && audience < Audience::Reviewer {
        return Err(reject(ApiError::NotFound));
    }
    let unpublished_changes = if audience >= Audience::Reviewer {
        store
            .pitch_draft(company.id)
            .await
            .map_err(|err| reject(err.into()))?
            .has_unpublished_changes
    } else {
        false
    };
    let deduction = if audience >= Audience::Investor {
        let facts = store
            .company_facts(company.id)
            .await
            .map_err(|err| reject(err.into()))?;
        Some(crate::domain::investor_limits::check_deduction(
            facts, today,
        ))
    } else {
        None
    };
    let updates = records
        .updates
        .into_iter()
        .map(|u| UpdateView {
            id: u.id,
            kind: u.kind,
            title: u.title,
            body: u.body,
            posted_by: u.posted_by,
            posted_at: u.posted_at,
        })
        .collect();
    let (sections, funding, funding_locked) = match records.published {
        Some(pitch) => {
            let sections = pitch
                .sections
                .into_iter()
                .map(|s| SectionView {
                    kind: s.kind,
                    visibility: s.visibility,
                    // The text of a section the reader may not see never
                    // leaves the server.
                    html: audience.may_read(s.visibility).then_some(s.html),
                })
                .collect();
            let has_funding = !pitch.funding.is_empty();
            if audience.sees_funding() {
                (sections, has_funding.then_some(pitch.funding), false)
            } else {
                (sections, None, has_funding)
            }
        }
        None => (Vec::new(), None, false),
    };
    let stale = company
        .published_at
        .is_some_and(|at| is_stale(at, Utc::now()));
    Ok(CompanyPageData {
        profile: server::profile_view(company),
        audience,
        sections,
        funding,
        funding_locked,
        stale,
        updates,
        signed_in: actor.is_some(),
        unpublished_changes,
        readiness_badges: records.badges,
        milestones: records.milestones,
        deduction,
    })
}

/// The profile, the draft and the clusters, for the editing pages.
#[server(endpoint = "companies/editor")]
pub async fn company_editor(slug: String) -> Result<CompanyEditorData, ApiError> {
    use crate::ssr::{reject, store};
    let (_, company) = server::editable(&slug).await?;
    let store = store()?;
    let draft = store
        .pitch_draft(company.id)
        .await
        .map_err(|err| reject(err.into()))?;
    let clusters = store
        .list_clusters()
        .await
        .map_err(|err| reject(err.into()))?;
    Ok(CompanyEditorData {
        profile: server::profile_view(company),
        clusters,
        sections: draft
            .sections
            .into_iter()
            .map(|s| DraftSectionView {
                kind: s.kind,
                visibility: s.visibility,
                markdown: s.markdown,
                html: s.html,
            })
            .collect(),
        funding: draft.funding,
        saved_at: draft.saved_at,
        saved_by: draft.saved_by,
        unpublished_changes: draft.has_unpublished_changes,
    })
}

/// The company's saved draft, read-only, for its members, its assigned
/// consultants and admins.
#[server(endpoint = "companies/draft")]
pub async fn company_draft(slug: String) -> Result<DraftReviewData, ApiError> {
    use crate::domain::access::{authorize, Action};
    use crate::ssr::{reject, store};
    let (actor, company) =
        crate::ssr::guard::require_on_company(&slug, |company_id| Action::ReadDraft { company_id })
            .await?;
    let store = store()?;
    let draft = store
        .pitch_draft(company.id)
        .await
        .map_err(|err| reject(err.into()))?;
    let published = server::published_revision(store.as_ref(), &company).await?;
    let changed = draft
        .sections
        .iter()
        .filter(|s| {
            let live = published
                .as_ref()
                .and_then(|rev| rev.sections.iter().find(|p| p.kind == s.kind));
            match live {
                Some(p) => p.markdown != s.markdown || p.visibility != s.visibility,
                None => !s.markdown.is_empty(),
            }
        })
        .map(|s| s.kind)
        .collect();
    let funding_changed = match &published {
        Some(rev) => rev.funding != draft.funding,
        None => !draft.funding.is_empty(),
    };
    let editor = authorize(
        Some(&actor.principal()),
        Action::EditCompany {
            company_id: company.id,
        },
    )
    .is_ok();
    Ok(DraftReviewData {
        profile: server::profile_view(company),
        sections: draft
            .sections
            .into_iter()
            .filter(|s| !s.markdown.is_empty())
            .map(|s| SectionView {
                kind: s.kind,
                visibility: s.visibility,
                html: Some(s.html),
            })
            .collect(),
        funding: (!draft.funding.is_empty()).then_some(draft.funding),
        changed,
        funding_changed,
        saved_at: draft.saved_at,
        saved_by: draft.saved_by,
        unpublished_changes: draft.has_unpublished_changes,
        editor,
    })
}

#[server(endpoint = "companies/profile")]
pub async fn save_company_profile(slug: String, form: CompanyProfileForm) -> Result<(), ApiError> {
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::guard::audit;
    use crate::ssr::{reject, store, DbError};
    use chrono::Datelike;

    let (actor, company) = server::editable(&slug).await?;
    let this_year = i64::from(seoul_date(Utc::now()).year());
    let profile = form.validate(this_year).map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "company.update_profile",
        "company",
        Some(company.id.to_string()),
        "",
    );
    match store()?
        .update_company_profile(company.id, &profile, Utc::now(), &event)
        .await
    {
        Ok(()) => Ok(()),
        Err(DbError::Conflict(what)) if what == "cluster_id" => Err(reject(
            FieldError::new("cluster_id", FieldProblem::UnknownChoice).into(),
        )),
        Err(err) => Err(reject(err.into())),
    }
}

/// Saves the pitch draft; with `intent` "publish" also publishes it as the
/// next revision, in the same request so what was typed is what goes out.
#[server(endpoint = "companies/pitch")]
pub async fn save_pitch(
    slug: String,
    form: PitchForm,
    intent: Option<String>,
) -> Result<PitchSaved, ApiError> {
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::audit;
    use crate::ssr::{reject, store, DbError};

    let (actor, company) = server::editable(&slug).await?;
    let draft = form.validate().map_err(|e| reject(e.into()))?;
    let sections = server::render_sections(&draft);
    let store = store()?;
    let now = Utc::now();
    let event = audit(
        Some(&actor),
        "company.save_draft",
        "company",
        Some(company.id.to_string()),
        "",
    );
    store
        .save_pitch_draft(
            company.id,
            &sections,
            &draft.funding,
            actor.user_id,
            now,
            &event,
        )
        .await
        .map_err(|err| reject(err.into()))?;
    if intent.as_deref() != Some("publish") {
        return Ok(PitchSaved::Draft);
    }
    let event = audit(
        Some(&actor),
        "company.publish",
        "company",
        Some(company.id.to_string()),
        "",
    );
    match store
        .publish_pitch(company.id, actor.user_id, now, &event)
        .await
    {
        Ok(revision) => Ok(PitchSaved::Published { revision }),
        Err(DbError::Conflict(what)) if what == "nothing_to_publish" => Err(reject(
            FieldError::new("publish", FieldProblem::NothingToPublish).into(),
        )),
        Err(err) => Err(reject(err.into())),
    }
}

/// Renders Markdown exactly as saving would, for the editor's live
/// preview. Only for people who can edit some company (it costs CPU).
#[server(endpoint = "companies/preview")]
pub async fn preview_markdown(markdown: String) -> Result<String, ApiError> {
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::domain::company::{normalise_markdown, MAX_SECTION_BYTES};
    use crate::domain::role::Role;
    use crate::ssr::reject;
    use crate::ssr::session::current_actor;

    let actor = current_actor().ok_or_else(|| reject(ApiError::Unauthorized))?;
    if !(actor.role == Role::Admin || (actor.role == Role::Startup && actor.company.is_some())) {
        return Err(reject(ApiError::Forbidden));
    }
    let markdown = normalise_markdown(&markdown);
    if markdown.len() > MAX_SECTION_BYTES {
        return Err(reject(
            FieldError::new(
                "markdown",
                FieldProblem::TooLarge {
                    max_kb: MAX_SECTION_BYTES / 1000,
                },
            )
            .into(),
        ));
    }
    Ok(crate::ssr::markdown::render(&markdown))
}

/// The revision list and, when there are two or more, the changes between
/// `from` and `to` (default: the two latest).
#[server(endpoint = "companies/history")]
pub async fn pitch_history(
    slug: String,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<HistoryData, ApiError> {
    use crate::domain::diff::{diff_lines, diff_stats};
    use crate::ssr::{reject, store};

    let (_, company) = server::editable(&slug).await?;
    let store = store()?;
    let revisions: Vec<RevisionView> = store
        .revisions(company.id)
        .await
        .map_err(|err| reject(err.into()))?
        .into_iter()
        .map(|r| RevisionView {
            number: r.number,
            published_at: r.published_at,
            published_by: r.published_by,
        })
        .collect();
    let latest = revisions.first().map(|r| r.number).unwrap_or(0);
    let known = |n: i64| revisions.iter().any(|r| r.number == n);
    let to = to.filter(|n| known(*n)).unwrap_or(latest);
    let from = from.filter(|n| known(*n) && *n != to).unwrap_or(to - 1);
    let (older, newer) = (from.min(to), from.max(to));
    let mut diffs = Vec::new();
    let mut funding = None;
    let compared = if older >= 1 && known(older) && known(newer) {
        let a = store
            .revision(company.id, older)
            .await
            .map_err(|err| reject(err.into()))?;
        let b = store
            .revision(company.id, newer)
            .await
            .map_err(|err| reject(err.into()))?;
        for (sa, sb) in a.sections.iter().zip(&b.sections) {
            if sa.markdown == sb.markdown && sa.visibility == sb.visibility {
                continue;
            }
            let lines = diff_lines(&sa.markdown, &sb.markdown);
            let (added, removed) = diff_stats(&lines);
            diffs.push(SectionDiff {
                kind: sb.kind,
                from_visibility: sa.visibility,
                to_visibility: sb.visibility,
                lines,
                added,
                removed,
            });
        }
        if a.funding != b.funding {
            funding = Some(FundingChange {
                from: a.funding,
                to: b.funding,
            });
        }
        Some((older, newer))
    } else {
        None
    };
    Ok(HistoryData {
        profile: server::profile_view(company),
        revisions,
        compared,
        diffs,
        funding,
    })
}

#[server(endpoint = "companies/post-update")]
pub async fn post_company_update(slug: String, form: UpdateForm) -> Result<(), ApiError> {
    use crate::ssr::guard::audit;
    use crate::ssr::{reject, store};

    let (actor, company) = server::editable(&slug).await?;
    let update = form.validate().map_err(|e| reject(e.into()))?;
    let event = audit(
        Some(&actor),
        "company.post_update",
        "company_update",
        None,
        format!("company={} kind={}", company.id, update.kind.as_str()),
    );
    store()?
        .post_update(company.id, &update, actor.user_id, Utc::now(), &event)
        .await
        .map_err(|err| reject(err.into()))?;
    Ok(())
}

#[server(endpoint = "companies/delete-update")]
pub async fn delete_company_update(slug: String, update_id: i64) -> Result<(), ApiError> {
    use crate::ssr::guard::audit;
    use crate::ssr::{reject, store};

    let (actor, company) = server::editable(&slug).await?;
    let event = audit(
        Some(&actor),
        "company.delete_update",
        "company_update",
        Some(update_id.to_string()),
        format!("company={}", company.id),
    );
    // Scoped by company: another company's update id is "not found".
    store()?
        .delete_update(company.id, update_id, &event)
        .await
        .map_err(|err| reject(err.into()))
}
