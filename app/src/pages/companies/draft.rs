//! `/companies/:slug/draft`: the company's saved pitch draft, read-only,
//! for its assigned consultants (who coach the pitch before it goes out),
//! its members and admins — rendered as the company page would show it,
//! with the sections that differ from the published version named.

use super::pitch::EditorStatus;
use super::profile::{FundingBlock, Sections};
use crate::api::companies::{company_draft, DraftReviewData};
use crate::components::access::AccessNotice;
use crate::components::head::PageTitle;
use crate::components::status::Loading;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DraftPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let draft = Resource::new(slug, company_draft);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(data) => view! { <DraftView data /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DraftView(data: DraftReviewData) -> impl IntoView {
    let i18n = use_i18n();
    let p = data.profile.clone();
    let slug = p.slug.clone();
    let name = p.name_ko.clone();
    let changed = data.changed.clone();
    let funding_changed = data.funding_changed;
    let published = p.revision > 0;
    let difference = move || {
        let t = i18n.t();
        if !published {
            return None;
        }
        if changed.is_empty() && !funding_changed {
            return Some(t.ed.draft_same.to_string());
        }
        let mut lines = Vec::new();
        if !changed.is_empty() {
            let names: Vec<&str> = changed.iter().map(|k| (t.co.section)(*k)).collect();
            lines.push((t.ed.draft_changed)(&names.join(", ")));
        }
        if funding_changed {
            lines.push(t.ed.draft_funding_changed.to_string());
        }
        Some(lines.join(" "))
    };
    let empty = data.sections.is_empty() && data.funding.is_none();
    view! {
        <PageTitle text=format!("{name} · {}", i18n.t().ed.draft_view_title) />
        <div class="container company-page">
            <nav class="breadcrumb" aria-label=move || i18n.t().breadcrumb_label>
                <ol>
                    <li>
                        <a href="/companies">{move || i18n.t().co.nav_companies}</a>
                    </li>
                    <li>
                        <a href=format!("/companies/{slug}")>{name.clone()}</a>
                    </li>
                    <li aria-current="page">{move || i18n.t().ed.draft_view_title}</li>
                </ol>
            </nav>
            <header class="page-header">
                <h1 class="page-title">
                    {name.clone()} " · " {move || i18n.t().ed.draft_view_title}
                </h1>
                <p class="page-lead">{move || i18n.t().ed.draft_view_lead}</p>
                <EditorStatus
                    revision=p.revision
                    saved_at=data.saved_at
                    saved_by=data.saved_by.clone()
                    unpublished=data.unpublished_changes
                />
            </header>
            <nav class="editor-bar" aria-label=move || i18n.t().ed.draft_view_title>
                <a class="btn btn--secondary btn--small" href=format!("/companies/{slug}")>
                    {move || i18n.t().co.view_page}
                </a>
                <a class="btn btn--secondary btn--small" href=format!("/companies/{slug}/readiness")>
                    {move || i18n.t().rd.readiness_link}
                </a>
                {data
                    .editor
                    .then(|| {
                        view! {
                            <a class="btn btn--primary btn--small" href=format!("/companies/{slug}/pitch")>
                                {move || i18n.t().co.edit_pitch}
                            </a>
                        }
                    })}
            </nav>
            {move || difference().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {empty.then(|| view! { <p class="muted">{move || i18n.t().ed.draft_empty}</p> })}
            <article class="draft-review">
                {(!data.sections.is_empty()).then(|| view! { <Sections sections=data.sections.clone() /> })}
                <FundingBlock funding=data.funding.clone() locked=false />
            </article>
        </div>
    }
}
