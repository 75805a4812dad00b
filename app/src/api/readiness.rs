//! Readiness (`/companies/{slug}/readiness`): a company's checklists with
//! items, evidence, comments, sign-offs and the score history; starting a
//! checklist, moving, planning and commenting on items; and, for admins,
//! assigning consultants to the company. Evidence files travel through
//! plain multipart routes in the server crate (`server::evidence`).

use super::ApiError;
use crate::domain::readiness::{
    AssignmentForm, ItemGroup, ItemMoveForm, ItemPlanForm, ItemStatus, TemplateKind,
};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the reader may do on the page; the server decides, the page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessRights {
    /// Start checklists, plan items, comment.
    pub work: bool,
    /// Add evidence, mark submitted (founders).
    pub submit: bool,
    /// Sign off, reopen, mark not applicable (the assigned consultant).
    pub sign_off: bool,
    /// Assign consultants (admins).
    pub assign: bool,
}

impl ReadinessRights {
    /// What `who` may do on `company_id`'s readiness, as `domain::access`
    /// decides it.
    pub fn of(who: &crate::domain::access::Principal, company_id: i64) -> Self {
        use crate::domain::access::{authorize, Action};
        let may = |action| authorize(Some(who), action).is_ok();
        ReadinessRights {
            work: may(Action::WorkOnReadiness { company_id }),
            submit: may(Action::SubmitEvidence { company_id }),
            sign_off: may(Action::SignOffReadiness { company_id }),
            assign: may(Action::AssignConsultants),
        }
    }

    /// Whose rules an item move follows: the consultant's (sign-off) or the
    /// founder's; `None` for readers who move nothing.
    pub fn checklist_actor(self) -> Option<crate::domain::readiness::ChecklistActor> {
        use crate::domain::readiness::ChecklistActor;
        if self.sign_off {
            Some(ChecklistActor::Consultant)
        } else if self.submit {
            Some(ChecklistActor::Founder)
        } else {
            None
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentView {
    pub id: i64,
    pub consultant_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub id: i64,
    pub file_name: String,
    pub byte_size: i64,
    pub uploader_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    pub id: i64,
    pub group: ItemGroup,
    pub weight: u32,
    pub title_ko: String,
    pub title_en: String,
    pub evidence_ko: String,
    pub evidence_en: String,
    pub status: ItemStatus,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub due_soon: bool,
    pub note: String,
    pub signed_off_name: Option<String>,
    pub signed_off_at: Option<DateTime<Utc>>,
    pub evidence: Vec<EvidenceView>,
    pub comments: Vec<CommentView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistView {
    pub kind: TemplateKind,
    /// Shown as a badge on the public company page.
    pub badge_shared: bool,
    /// The template version the checklist started from, and the newest.
    pub template_version: i64,
    pub latest_template_version: i64,
    pub score_permille: Option<u16>,
    pub items: Vec<ItemView>,
    /// The score after each change, oldest first.
    pub history: Vec<(DateTime<Utc>, u16)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessPageData {
    pub slug: String,
    pub company_name: String,
    pub rights: ReadinessRights,
    /// The kinds the company has a checklist of, with their scores.
    pub checklists: Vec<(TemplateKind, Option<u16>)>,
    /// The checklist shown (the one asked for, or the first there is).
    pub shown: Option<ChecklistView>,
    pub assignments: Vec<AssignmentView>,
    /// Consultants an admin may assign: id and name.
    pub consultants: Vec<(i64, String)>,
    pub milestones: Vec<crate::domain::readiness::Milestone>,
    pub today: NaiveDate,
}

#[server(endpoint = "readiness/page")]
pub async fn readiness_page(
    slug: String,
    checklist: Option<String>,
) -> Result<ReadinessPageData, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::readiness::{is_due_soon, is_overdue};
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store, DbError};

    let (actor, company) =
        require_on_company(&slug, |company_id| Action::SeeReadiness { company_id }).await?;
    let company_id = company.id;
    let rights = ReadinessRights::of(&actor.principal(), company_id);
    let store = store()?;
    let today = seoul_date(Utc::now());
    let summaries = store
        .checklists_of_company(company_id)
        .await
        .map_err(|e| reject(e.into()))?;
    let wanted = checklist.as_deref().and_then(TemplateKind::parse);
    let shown_kind = wanted
        .filter(|k| summaries.iter().any(|s| s.kind == *k))
        .or_else(|| summaries.first().map(|s| s.kind));
    let shown = match shown_kind {
        None => None,
        Some(kind) => {
            let c = match store.checklist(company_id, kind).await {
                Ok(c) => c,
                Err(DbError::NotFound) => return Err(reject(ApiError::NotFound)),
                Err(e) => return Err(reject(e.into())),
            };
            Some(ChecklistView {
                kind,
                badge_shared: c.summary.badge_shared_at.is_some(),
                template_version: c.summary.template_version,
                latest_template_version: c.summary.latest_template_version,
                score_permille: c.summary.score_permille,
                history: c.history.iter().map(|p| (p.at, p.score_permille)).collect(),
                items: c
                    .items
                    .into_iter()
                    .map(|i| ItemView {
                        id: i.id,
                        group: i.template_item.group,
                        weight: i.template_item.weight,
                        title_ko: i.template_item.title_ko,
                        title_en: i.template_item.title_en,
                        evidence_ko: i.template_item.evidence_ko,
                        evidence_en: i.template_item.evidence_en,
                        overdue: is_overdue(i.status, i.due_on, today),
                        due_soon: is_due_soon(i.status, i.due_on, today),
                        status: i.status,
                        due_on: i.due_on,
                        note: i.note,
                        signed_off_name: i.signed_off_name,
                        signed_off_at: i.signed_off_at,
                        evidence: i
                            .evidence
                            .into_iter()
                            .map(|e| EvidenceView {
                                id: e.id,
                                file_name: e.file_name,
                                byte_size: e.byte_size,
                                uploader_name: e.uploader_name,
                                created_at: e.created_at,
                            })
                            .collect(),
                        comments: i
                            .comments
                            .into_iter()
                            .map(|c| CommentView {
                                author_name: c.author_name,
                                body: c.body,
                                created_at: c.created_at,
                            })
                            .collect(),
                    })
                    .collect(),
            })
        }
    };
    let assignments = store
        .assignments_of_company(company_id)
        .await
        .map_err(|e| reject(e.into()))?
        .into_iter()
        .map(|a| AssignmentView {
            active: a.is_active_on(today),
            id: a.id,
            consultant_name: a.consultant_name,
            starts_on: a.starts_on,
            ends_on: a.ends_on,
        })
        .collect();
    let consultants = if rights.assign {
        server::active_consultants(store.as_ref()).await?
    } else {
        Vec::new()
    };
    let milestones = store
        .milestones(company_id, false)
        .await
        .map_err(|e| reject(e.into()))?;
    Ok(ReadinessPageData {
        milestones,
        slug: company.slug,
        company_name: company.name_ko,
        rights,
        checklists: summaries
            .iter()
            .map(|s| (s.kind, s.score_permille))
            .collect(),
        shown,
        assignments,
        consultants,
        today,
    })
}

#[server(endpoint = "readiness/start")]
pub async fn start_checklist(slug: String, kind: String) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store, DbError};
    let (_, company) =
        require_on_company(&slug, |company_id| Action::WorkOnReadiness { company_id }).await?;
    let kind = TemplateKind::parse(kind.trim())
        .ok_or_else(|| reject(FieldError::new("kind", FieldProblem::UnknownChoice).into()))?;
    match store()?.start_checklist(company.id, kind, Utc::now()).await {
        Ok(_) => Ok(()),
        // Started meanwhile (another tab, a colleague): nothing to do.
        Err(DbError::Conflict(_)) => Ok(()),
        Err(e) => Err(reject(e.into())),
    }
}

/// Moves an item. Founders move their work along; only an assigned
/// consultant signs off, reopens or marks an item not applicable (an
/// account is one or the other: roles are exclusive).
#[server(endpoint = "readiness/move")]
pub async fn move_checklist_item(
    slug: String,
    item_id: i64,
    form: ItemMoveForm,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::require_on_company;
    use crate::ssr::readiness_store::ItemMove;
    use crate::ssr::{reject, store, DbError};
    let (actor, company) =
        require_on_company(&slug, |company_id| Action::WorkOnReadiness { company_id }).await?;
    let company_id = company.id;
    let who = ReadinessRights::of(&actor.principal(), company_id)
        .checklist_actor()
        .ok_or_else(|| reject(ApiError::Forbidden))?;
    let (expected, to) = form.validate(who).map_err(|e| reject(e.into()))?;
    let change = ItemMove {
        company_id,
        item_id,
        expected,
        to,
        actor_id: actor.user_id,
        actor_name: actor.display_name.clone(),
        at: Utc::now(),
    };
    match store()?.move_item(&change).await {
        Ok(_) => Ok(()),
        Err(DbError::Conflict(_)) => Err(reject(
            FieldError::new("to", FieldProblem::StatusMovedMeanwhile).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

#[server(endpoint = "readiness/plan")]
pub async fn plan_checklist_item(
    slug: String,
    item_id: i64,
    form: ItemPlanForm,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store};
    let (_, company) =
        require_on_company(&slug, |company_id| Action::WorkOnReadiness { company_id }).await?;
    let (due_on, note) = form.validate().map_err(|e| reject(e.into()))?;
    store()?
        .plan_item(company.id, item_id, due_on, &note, Utc::now())
        .await
        .map_err(|e| reject(e.into()))
}

#[server(endpoint = "readiness/comment")]
pub async fn comment_on_checklist_item(
    slug: String,
    item_id: i64,
    body: String,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::readiness::validate_comment;
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store};
    let (actor, company) =
        require_on_company(&slug, |company_id| Action::WorkOnReadiness { company_id }).await?;
    let body = validate_comment(&body).map_err(|e| reject(e.into()))?;
    store()?
        .add_comment(
            company.id,
            item_id,
            actor.user_id,
            &actor.display_name,
            &body,
            Utc::now(),
        )
        .await
        .map(|_| ())
        .map_err(|e| reject(e.into()))
}

/// Shows (`share` = true) or hides a checklist's score as a badge on the
/// public company page: the company's members decide.
#[server(endpoint = "readiness/badge")]
pub async fn share_readiness_badge(
    slug: String,
    kind: String,
    share: bool,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store};
    let (_, company) =
        require_on_company(&slug, |company_id| Action::SubmitEvidence { company_id }).await?;
    let kind = TemplateKind::parse(kind.trim())
        .ok_or_else(|| reject(FieldError::new("kind", FieldProblem::UnknownChoice).into()))?;
    store()?
        .share_badge(company.id, kind, share.then(Utc::now))
        .await
        .map_err(|e| reject(e.into()))
}

/// Adds a milestone (`milestone_id` absent) or changes one: the company
/// and its consultant keep them together.
#[server(endpoint = "readiness/milestone")]
pub async fn save_milestone(
    slug: String,
    milestone_id: Option<i64>,
    form: crate::domain::readiness::MilestoneForm,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store};
    let (actor, company) =
        require_on_company(&slug, |company_id| Action::WorkOnReadiness { company_id }).await?;
    let now = Utc::now();
    let valid = form
        .validate(seoul_date(now))
        .map_err(|e| reject(e.into()))?;
    let store = store()?;
    let saved = match milestone_id {
        None => store
            .add_milestone(company.id, &valid, actor.user_id, now)
            .await
            .map(|_| ()),
        Some(id) => store.update_milestone(company.id, id, &valid, now).await,
    };
    saved.map_err(|e| reject(e.into()))
}

/// Shows a milestone on the public company page, or hides it: the
/// company's members choose.
#[server(endpoint = "readiness/milestone_public")]
pub async fn set_milestone_public(
    slug: String,
    milestone_id: i64,
    public: bool,
) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::guard::require_on_company;
    use crate::ssr::{reject, store};
    let (_, company) =
        require_on_company(&slug, |company_id| Action::SubmitEvidence { company_id }).await?;
    store()?
        .set_milestone_public(company.id, milestone_id, public, Utc::now())
        .await
        .map_err(|e| reject(e.into()))
}

#[server(endpoint = "readiness/assign")]
pub async fn assign_consultant(slug: String, form: AssignmentForm) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::account::{FieldError, FieldProblem};
    use crate::ssr::guard::{audit, require_on_company};
    use crate::ssr::readiness_store::NewAssignment;
    use crate::ssr::{reject, store, DbError};
    let (actor, company) = require_on_company(&slug, |_| Action::AssignConsultants).await?;
    let valid = form.validate().map_err(|e| reject(e.into()))?;
    let new = NewAssignment {
        consultant_id: valid.consultant_id,
        company_id: company.id,
        starts_on: valid.starts_on,
        ends_on: valid.ends_on,
        assigned_by: actor.user_id,
        at: Utc::now(),
    };
    let event = audit(
        Some(&actor),
        "readiness.assign",
        "consultant_assignment",
        None,
        format!(
            "company={} consultant={} from={} to={}",
            company.id,
            valid.consultant_id,
            valid.starts_on,
            valid.ends_on.map_or("-".into(), |d| d.to_string())
        ),
    );
    match store()?.assign_consultant(&new, &event).await {
        Ok(_) => Ok(()),
        // Not a consultant's account (or gone): the choice was not offered.
        Err(DbError::NotFound) => Err(reject(
            FieldError::new("consultant_id", FieldProblem::UnknownChoice).into(),
        )),
        Err(e) => Err(reject(e.into())),
    }
}

#[server(endpoint = "readiness/end_assignment")]
pub async fn end_assignment(slug: String, assignment_id: i64) -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::guard::{audit, require_on_company};
    use crate::ssr::{reject, store};
    let (actor, company) = require_on_company(&slug, |_| Action::AssignConsultants).await?;
    let today = seoul_date(Utc::now());
    let event = audit(
        Some(&actor),
        "readiness.end_assignment",
        "consultant_assignment",
        Some(assignment_id.to_string()),
        format!("company={} ends={today}", company.id),
    );
    // Scoped by the company: another company's assignment is "not found".
    store()?
        .end_assignment(company.id, assignment_id, today, &event)
        .await
        .map_err(|e| reject(e.into()))
}

/// The portfolio as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioData {
    /// The rows of this page ([`PORTFOLIO_PAGE_SIZE`](crate::domain::portfolio::PORTFOLIO_PAGE_SIZE)).
    pub rows: Vec<crate::domain::portfolio::PortfolioRow>,
    /// Row indexes (into `rows`) that are stalled, decided on the server's
    /// clock.
    pub stalled: Vec<usize>,
    /// The page shown (from 1) and how many there are.
    pub page: u32,
    pub pages: u32,
    /// The whole view (every page): checklists, overdue items, stalled.
    pub total: usize,
    pub overdue_total: i64,
    pub stalled_total: usize,
    pub is_admin: bool,
    /// Admins: consultants to filter by.
    pub consultants: Vec<(i64, String)>,
    /// Admins: companies per cluster and readiness band.
    pub bands: Vec<(Option<String>, Option<String>, [i64; 4])>,
    pub clusters: Vec<(String, String, String)>,
    pub today: NaiveDate,
}

pub mod server {
    //! Reads shared by the pages and the CSV.

    /// Active consultant accounts (id, name), for the assignment form and
    /// the portfolio's consultant filter.
    #[cfg(feature = "ssr")]
    pub async fn active_consultants(
        store: &dyn crate::ssr::Store,
    ) -> Result<Vec<(i64, String)>, crate::api::ApiError> {
        let filter = crate::domain::account::UserFilter {
            role: Some(crate::domain::role::Role::Consultant),
            active: Some(true),
            ..Default::default()
        };
        Ok(store
            .list_users(&filter, 200, 0)
            .await
            .map_err(|e| crate::ssr::reject(e.into()))?
            .items
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect())
    }

    /// The portfolio rows for a caller.
    #[cfg(feature = "ssr")]
    pub async fn portfolio_rows(
        store: &dyn crate::ssr::Store,
        actor: &crate::ssr::session::Actor,
        query: &crate::domain::portfolio::PortfolioQuery,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::domain::portfolio::PortfolioRow>, crate::api::ApiError> {
        use crate::domain::seoul_time::seoul_date;
        // A consultant sees their own companies whatever the address says;
        // an admin everything, or one consultant's.
        let consultant = if actor.role == crate::domain::role::Role::Admin {
            query.consultant
        } else {
            Some(actor.user_id)
        };
        let rows = store
            .portfolio(
                consultant,
                seoul_date(now),
                now - chrono::Duration::days(30),
            )
            .await
            .map_err(|e| crate::ssr::reject(e.into()))?;
        Ok(query.apply(rows, now))
    }
}

#[server(endpoint = "readiness/portfolio")]
pub async fn portfolio_page(
    query: crate::domain::portfolio::PortfolioQuery,
) -> Result<PortfolioData, ApiError> {
    use crate::domain::access::Action;
    use crate::domain::portfolio::{cluster_bands, portfolio_pages, PORTFOLIO_PAGE_SIZE};
    use crate::domain::role::Role;
    use crate::domain::seoul_time::seoul_date;
    use crate::ssr::guard::require;
    use crate::ssr::{reject, store};
    let actor = require(Action::SeePortfolio)?;
    let store = store()?;
    let now = Utc::now();
    let rows = server::portfolio_rows(store.as_ref(), &actor, &query, now).await?;
    let is_admin = actor.role == Role::Admin;
    let consultants = if is_admin {
        server::active_consultants(store.as_ref()).await?
    } else {
        Vec::new()
    };
    let clusters = store
        .list_clusters()
        .await
        .map_err(|e| reject(e.into()))?
        .into_iter()
        .map(|c| (c.slug, c.name_ko, c.name_en))
        .collect();
    let total = rows.len();
    let page = query.page_within(total);
    let overdue_total = rows.iter().map(|r| r.overdue).sum();
    let stalled_total = rows.iter().filter(|r| r.is_stalled(now)).count();
    let bands = if is_admin {
        cluster_bands(&rows)
    } else {
        Vec::new()
    };
    let rows: Vec<_> = rows
        .into_iter()
        .skip((page as usize - 1) * PORTFOLIO_PAGE_SIZE)
        .take(PORTFOLIO_PAGE_SIZE)
        .collect();
    Ok(PortfolioData {
        stalled: rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_stalled(now))
            .map(|(n, _)| n)
            .collect(),
        page,
        pages: portfolio_pages(total),
        total,
        overdue_total,
        stalled_total,
        bands,
        rows,
        is_admin,
        consultants,
        clusters,
        today: seoul_date(now),
    })
}
