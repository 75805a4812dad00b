//! `/companies/:slug/readiness`: the company's readiness checklists.
//!
//! Founders plan items, add evidence and mark them submitted; the assigned
//! consultant signs them off (or reopens them); the score is the weighted
//! share of signed-off items and its history is drawn as a line. Admins
//! assign consultants here. Every action is a plain form: the page is the
//! same with and without JavaScript, and `?checklist=` picks the tab.

use crate::api::readiness::{
    readiness_page, AssignConsultant, ChecklistView, CommentOnChecklistItem, EndAssignment,
    ItemView, MoveChecklistItem, PlanChecklistItem, ReadinessPageData, ReadinessRights,
    SaveMilestone, SetMilestonePublic, ShareReadinessBadge, StartChecklist,
};
use crate::components::access::AccessNotice;
use crate::components::forms::{form_action, ActionFeedback};
use crate::components::head::PageTitle;
use crate::components::status::Loading;
use crate::domain::readiness::{
    format_score, ItemGroup, ItemStatus, TemplateKind, MAX_COMMENT_CHARS, MAX_ITEM_NOTE_CHARS,
};
use crate::domain::seoul_time::{format_date_time, format_naive_date};
use crate::i18n::{use_i18n, Locale, Strings};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The forms of the page, created once so a plain post's outcome shows.
#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartChecklist>,
    mv: ServerAction<MoveChecklistItem>,
    plan: ServerAction<PlanChecklistItem>,
    comment: ServerAction<CommentOnChecklistItem>,
    assign: ServerAction<AssignConsultant>,
    end: ServerAction<EndAssignment>,
    badge: ServerAction<ShareReadinessBadge>,
    milestone: ServerAction<SaveMilestone>,
    milestone_public: ServerAction<SetMilestonePublic>,
}

#[component]
pub fn ReadinessPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let actions = Actions {
        start: form_action::<StartChecklist>(),
        mv: form_action::<MoveChecklistItem>(),
        plan: form_action::<PlanChecklistItem>(),
        comment: form_action::<CommentOnChecklistItem>(),
        assign: form_action::<AssignConsultant>(),
        end: form_action::<EndAssignment>(),
        badge: form_action::<ShareReadinessBadge>(),
        milestone: form_action::<SaveMilestone>(),
        milestone_public: form_action::<SetMilestonePublic>(),
    };
    let data = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("checklist"),
            )
        },
        |(slug, checklist)| readiness_page(slug, checklist),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <ReadinessView data actions /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReadinessView(data: ReadinessPageData, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let base = format!("/companies/{}/readiness", data.slug);
    let title = format!("{} · {}", t.rd.readiness_title, data.company_name);
    let active: Vec<String> = data
        .assignments
        .iter()
        .filter(|a| a.active)
        .map(|a| a.consultant_name.clone())
        .collect();
    let shown_kind = data.shown.as_ref().map(|c| c.kind);
    let slug = data.slug.clone();
    view! {
        <PageTitle text=title />
        <div class="container readiness">
            <nav class="breadcrumb" aria-label=t.breadcrumb_label>
                <ol>
                    <li><a href=format!("/companies/{}", data.slug)>{data.company_name.clone()}</a></li>
                    <li aria-current="page">{t.rd.readiness_title}</li>
                </ol>
            </nav>
            <header class="page-header">
                <h1 class="page-title">{t.rd.readiness_title}</h1>
                <p class="page-lead">{t.rd.readiness_lead}</p>
                <p class="readiness__consultants">
                    {if active.is_empty() {
                        t.rd.no_consultant.to_string()
                    } else {
                        (t.rd.consultants_line)(&active.join(", "))
                    }}
                </p>
            </header>
            <Feedback actions />
            <EvidenceOutcome />
            <nav class="tabs" aria-label=t.rd.checklists_label>
                {TemplateKind::ALL
                    .iter()
                    .map(|kind| {
                        let kind = *kind;
                        let slug = slug.clone();
                        let started = data.checklists.iter().find(|(k, _)| *k == kind);
                        let current = shown_kind == Some(kind);
                        match started {
                            Some((_, score)) => {
                                let score = score.map(format_score).unwrap_or_else(|| "–".into());
                                view! {
                                    <a
                                        class="tabs__tab"
                                        href=format!("{base}?checklist={}", kind.as_str())
                                        aria-current=current.then_some("page")
                                    >
                                        {(t.rd.template_name)(kind)}
                                        " "
                                        <span class="badge badge--neutral">{(t.rd.score_short)(&score)}</span>
                                    </a>
                                }
                                    .into_any()
                            }
                            None if data.rights.work => {
                                view! {
                                    <ActionForm action=actions.start attr:class="tabs__start">
                                        <input type="hidden" name="slug" value=slug.clone() />
                                        <input type="hidden" name="kind" value=kind.as_str() />
                                        <button type="submit" class="btn btn--ghost btn--small">
                                            {(t.rd.start_checklist)((t.rd.template_name)(kind))}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                            None => ().into_any(),
                        }
                    })
                    .collect_view()}
            </nav>
            {match data.shown.clone() {
                Some(checklist) => {
                    view! {
                        <Checklist checklist slug=data.slug.clone() rights=data.rights actions locale />
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <div class="empty-state">
                            <p class="empty-state__text">{t.rd.no_checklist}</p>
                        </div>
                    }
                        .into_any()
                }
            }}
            <Milestones data=data.clone() actions />
            <p class="readiness__plan-link">
                <a href=crate::pages::readiness::crowdfunding_plan::PATH>{t.rd.plan_title}</a>
            </p>
            {data.rights.assign.then(|| view! { <Assignments data=data.clone() actions /> })}
        </div>
    }
}

/// The outcome of the last form post, above the checklist: one message for
/// the one submission, whichever item it was about.
#[component]
fn Feedback(actions: Actions) -> impl IntoView {
    view! {
        <ActionFeedback result=Signal::derive(move || actions.start.value().get()) success=|t| t.rd.started />
        <ActionFeedback result=Signal::derive(move || actions.mv.value().get()) success=|t| t.rd.moved />
        <ActionFeedback result=Signal::derive(move || actions.plan.value().get()) success=|t| t.rd.planned />
        <ActionFeedback result=Signal::derive(move || actions.comment.value().get()) success=|t| t.rd.commented />
        <ActionFeedback result=Signal::derive(move || actions.assign.value().get()) success=|t| t.rd.assigned />
        <ActionFeedback result=Signal::derive(move || actions.end.value().get()) success=|t| t.rd.assignment_ended />
        <ActionFeedback result=Signal::derive(move || actions.badge.value().get()) success=|t| t.rd.badge_saved />
        <ActionFeedback result=Signal::derive(move || actions.milestone.value().get()) success=|t| t.rd.milestone_saved />
        <ActionFeedback
            result=Signal::derive(move || actions.milestone_public.value().get())
            success=|t| t.rd.milestone_public_saved
        />
    }
}

/// The evidence upload's outcome, carried back in the address by the
/// upload route (`evidence=saved` or `evidence_error=…`).
#[component]
fn EvidenceOutcome() -> impl IntoView {
    use crate::domain::readiness::EvidenceProblem;
    let t = use_i18n().t();
    let query = use_query_map();
    let (saved, error) = query.with_untracked(|q| (q.get("evidence"), q.get("evidence_error")));
    match (
        saved.as_deref(),
        error.as_deref().and_then(EvidenceProblem::from_code),
    ) {
        (_, Some(code)) => {
            let text = match code {
                EvidenceProblem::Missing => t.rd.evidence_missing,
                EvidenceProblem::TooLarge => t.rd.evidence_too_large,
                EvidenceProblem::NotAllowed => t.rd.err_evidence_invalid,
            };
            view! { <p class="notice notice--danger" role="alert">{text}</p> }.into_any()
        }
        (Some("saved"), None) => {
            view! { <p class="notice notice--success" role="status">{t.rd.evidence_saved}</p> }
                .into_any()
        }
        _ => ().into_any(),
    }
}

#[component]
fn Checklist(
    checklist: ChecklistView,
    slug: String,
    rights: ReadinessRights,
    actions: Actions,
    locale: Locale,
) -> impl IntoView {
    let t = locale.strings();
    let score = checklist
        .score_permille
        .map(format_score)
        .unwrap_or_else(|| "–".into());
    let approved = checklist
        .items
        .iter()
        .filter(|i| i.status == ItemStatus::Approved)
        .count();
    let counted = checklist
        .items
        .iter()
        .filter(|i| i.status != ItemStatus::NotApplicable)
        .count();
    let overdue = checklist.items.iter().filter(|i| i.overdue).count();
    // Each group once, in the order its first item comes (an edited
    // template may put a group's items apart).
    let groups: Vec<ItemGroup> = checklist.items.iter().fold(Vec::new(), |mut g, i| {
        if !g.contains(&i.group) {
            g.push(i.group);
        }
        g
    });
    view! {
        <section class="readiness__summary card" aria-labelledby="score-title">
            <div class="readiness__score">
                <h2 id="score-title" class="card__title">{t.rd.score_title}</h2>
                <p class="stat__value">{(t.rd.score_value)(&score)}</p>
                <p class="small muted">
                    {(t.rd.score_detail)(approved, counted)}
                    " · "
                    <span class="readiness__template-version">
                        {(t.rd.template_version)(
                            (t.rd.template_name)(checklist.kind),
                            checklist.template_version,
                            checklist.latest_template_version,
                        )}
                    </span>
                </p>
                {(overdue > 0)
                    .then(|| view! { <p class="badge badge--danger">{(t.rd.overdue_count)(overdue)}</p> })}
                {rights
                    .submit
                    .then({
                        let slug = slug.clone();
                        move || {
                        let shared = checklist.badge_shared;
                        view! {
                            <ActionForm action=actions.badge attr:class="readiness__badge-form">
                                <input type="hidden" name="slug" value=slug.clone() />
                                <input type="hidden" name="kind" value=checklist.kind.as_str() />
                                <input type="hidden" name="share" value=(!shared).to_string() />
                                <p class="small muted">
                                    {if shared { t.rd.badge_is_public } else { t.rd.badge_is_private }}
                                </p>
                                <button type="submit" class="btn btn--ghost btn--small">
                                    {if shared { t.rd.hide_badge } else { t.rd.share_badge }}
                                </button>
                            </ActionForm>
                        }
                        }
                    })}
            </div>
            <ScoreChart history=checklist.history.clone() locale />
        </section>
        {groups
            .into_iter()
            .map(|group| {
                let items: Vec<ItemView> = checklist
                    .items
                    .iter()
                    .filter(|i| i.group == group)
                    .cloned()
                    .collect();
                let weight: u32 = items.iter().map(|i| i.weight).sum();
                view! {
                    <section class="readiness__group">
                        <h2 class="readiness__group-title">
                            {(t.rd.group)(group)}
                            " "
                            <span class="muted small">{(t.rd.points)(weight)}</span>
                        </h2>
                        <ol class="checklist">
                            {items
                                .into_iter()
                                .map(|item| {
                                    view! {
                                        <Item item slug=slug.clone() kind=checklist.kind rights actions locale />
                                    }
                                })
                                .collect_view()}
                        </ol>
                    </section>
                }
            })
            .collect_view()}
    }
}

fn status_class(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::NotStarted => "badge badge--neutral",
        ItemStatus::InProgress => "badge",
        ItemStatus::Submitted => "badge badge--warning",
        ItemStatus::Approved => "badge badge--success",
        ItemStatus::NotApplicable => "badge badge--neutral",
    }
}

/// The statuses this reader may move the item to from where it stands.
fn next_statuses(current: ItemStatus, rights: ReadinessRights) -> Vec<ItemStatus> {
    let Some(actor) = rights.checklist_actor() else {
        return Vec::new();
    };
    ItemStatus::ALL
        .iter()
        .copied()
        .filter(|to| current.may_move(*to, actor).is_ok())
        .collect()
}

#[component]
fn Item(
    item: ItemView,
    slug: String,
    kind: TemplateKind,
    rights: ReadinessRights,
    actions: Actions,
    locale: Locale,
) -> impl IntoView {
    let t = locale.strings();
    let (title, evidence_expected) = match locale {
        Locale::Ko => (item.title_ko.clone(), item.evidence_ko.clone()),
        Locale::En => (item.title_en.clone(), item.evidence_en.clone()),
    };
    let id = item.id;
    let anchor = format!("item-{id}");
    let choices = next_statuses(item.status, rights);
    let upload_action = format!("/companies/{slug}/readiness/items/{id}/evidence");
    view! {
        <li class=format!("checklist__item checklist__item--{}", item.status.as_str()) id=anchor.clone()>
            <div class="checklist__head">
                <h3 class="checklist__title">{title}</h3>
                <span class="muted small">{(t.rd.points)(item.weight)}</span>
                <span class=status_class(item.status)>{(t.rd.status)(item.status)}</span>
                {item.overdue.then(|| view! { <span class="badge badge--danger">{t.rd.overdue}</span> })}
                {item.due_soon.then(|| view! { <span class="badge badge--warning">{t.rd.due_soon}</span> })}
            </div>
            <p class="small muted">{t.rd.evidence_expected}": " {evidence_expected}</p>
            {item
                .due_on
                .map(|d| view! { <p class="small">{(t.rd.due_on)(&format_naive_date(d, locale))}</p> })}
            {item
                .signed_off_name
                .clone()
                .zip(item.signed_off_at)
                .map(|(name, at)| {
                    view! {
                        <p class="checklist__signoff">
                            {(t.rd.signed_off_by)(&name, &format_date_time(at, locale))}
                        </p>
                    }
                })}
            {(!item.note.is_empty()).then(|| view! { <p class="preline">{item.note.clone()}</p> })}
            {(!item.evidence.is_empty())
                .then(|| {
                    view! {
                        <ul class="evidence-list" aria-label=t.rd.evidence_files>
                            {item
                                .evidence
                                .iter()
                                .map(|e| {
                                    view! {
                                        <li>
                                            <a href=format!("/evidence/{}", e.id)>{e.file_name.clone()}</a>
                                            <span class="muted small">
                                                " · " {(t.rd.file_size)(e.byte_size)} " · "
                                                {e.uploader_name.clone()} " · "
                                                {format_date_time(e.created_at, locale)}
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {(!item.comments.is_empty())
                .then(|| {
                    view! {
                        <ol class="comments" aria-label=t.rd.comments>
                            {item
                                .comments
                                .iter()
                                .map(|c| {
                                    view! {
                                        <li class="comment">
                                            <p class="small">
                                                <strong>{c.author_name.clone()}</strong>
                                                " · "
                                                <span class="muted">{format_date_time(c.created_at, locale)}</span>
                                            </p>
                                            <p class="preline">{c.body.clone()}</p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })}
            {(!choices.is_empty())
                .then({
                    let slug = slug.clone();
                    let anchor = anchor.clone();
                    move || {
                    let select_id = format!("{anchor}-to");
                    view! {
                        <ActionForm action=actions.mv attr:class="row checklist__move">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="item_id" value=id.to_string() />
                            <input type="hidden" name="form[expected]" value=item.status.as_str() />
                            <label class="visually-hidden" for=select_id.clone()>{t.rd.move_label}</label>
                            <select class="field__input field__input--inline" id=select_id name="form[to]">
                                {choices
                                    .iter()
                                    .map(|s| view! { <option value=s.as_str()>{(t.rd.move_to)(*s)}</option> })
                                    .collect_view()}
                            </select>
                            <button type="submit" class="btn btn--primary btn--small">{t.rd.move_button}</button>
                        </ActionForm>
                    }
                    }
                })}
            {rights
                .work
                .then({
                    let (slug_plan, slug_comment) = (slug.clone(), slug.clone());
                    let due_id = format!("{anchor}-due");
                    let note_id = format!("{anchor}-note");
                    let comment_id = format!("{anchor}-comment");
                    let file_id = format!("{anchor}-file");
                    let hint_id = format!("{anchor}-file-hint");
                    move || {
                    view! {
                        <details class="disclosure">
                            <summary>{t.rd.work_on_item}</summary>
                            <ActionForm action=actions.plan attr:class="form form--compact">
                                <input type="hidden" name="slug" value=slug_plan.clone() />
                                <input type="hidden" name="item_id" value=id.to_string() />
                                <div class="field">
                                    <label class="field__label" for=due_id.clone()>{t.rd.field_due_on}</label>
                                    <input
                                        class="field__input"
                                        type="date"
                                        id=due_id.clone()
                                        name="form[due_on]"
                                        value=item.due_on.map(|d| d.to_string()).unwrap_or_default()
                                    />
                                </div>
                                <div class="field">
                                    <label class="field__label" for=note_id.clone()>{t.rd.field_note}</label>
                                    <textarea
                                        class="field__input"
                                        id=note_id.clone()
                                        name="form[note]"
                                        rows="2"
                                        maxlength=MAX_ITEM_NOTE_CHARS
                                    >
                                        {crate::components::forms::textarea_text(&item.note)}
                                    </textarea>
                                </div>
                                <button type="submit" class="btn btn--ghost btn--small">{t.rd.save_plan}</button>
                            </ActionForm>
                            <ActionForm action=actions.comment attr:class="form form--compact">
                                <input type="hidden" name="slug" value=slug_comment.clone() />
                                <input type="hidden" name="item_id" value=id.to_string() />
                                <div class="field">
                                    <label class="field__label" for=comment_id.clone()>{t.rd.field_comment}</label>
                                    <textarea
                                        class="field__input"
                                        id=comment_id.clone()
                                        name="body"
                                        rows="2"
                                        maxlength=MAX_COMMENT_CHARS
                                        required
                                    ></textarea>
                                </div>
                                <button type="submit" class="btn btn--ghost btn--small">{t.rd.add_comment}</button>
                            </ActionForm>
                            {rights
                                .submit
                                .then({
                                    let (file_id, hint_id) = (file_id.clone(), hint_id.clone());
                                    move || {
                                    view! {
                                        <form
                                            method="post"
                                            action=upload_action.clone()
                                            enctype="multipart/form-data"
                                            class="form form--compact"
                                        >
                                            <input type="hidden" name="checklist" value=kind.as_str() />
                                            <div class="field">
                                                <label class="field__label" for=file_id.clone()>{t.rd.field_file}</label>
                                                <input
                                                    class="field__input"
                                                    type="file"
                                                    id=file_id.clone()
                                                    name="file"
                                                    accept="application/pdf,image/png,image/jpeg"
                                                    aria-describedby=hint_id.clone()
                                                    required
                                                />
                                                <p class="field__hint" id=hint_id.clone()>{t.rd.file_hint}</p>
                                            </div>
                                            <button type="submit" class="btn btn--ghost btn--small">{t.rd.upload}</button>
                                        </form>
                                    }
                                    }
                                })}
                        </details>
                    }
                    }
                })}
        </li>
    }
}

/// The score after each change as a line over time, drawn on the server,
/// with the same numbers in a table for screen readers and for reading.
#[component]
fn ScoreChart(history: Vec<(chrono::DateTime<chrono::Utc>, u16)>, locale: Locale) -> impl IntoView {
    let t: &'static Strings = locale.strings();
    const W: f64 = 480.0;
    const H: f64 = 160.0;
    const PAD: f64 = 24.0;
    let (first, last) = match (history.first(), history.last()) {
        (Some(f), Some(l)) => (f.0, l.0),
        _ => return ().into_any(),
    };
    let span = (last - first).num_seconds().max(1) as f64;
    let x = |at: chrono::DateTime<chrono::Utc>| {
        PAD + ((at - first).num_seconds() as f64 / span) * (W - 2.0 * PAD)
    };
    let y = |score: u16| H - PAD - (f64::from(score) / 1000.0) * (H - 2.0 * PAD);
    // A step line: the score holds until the next change.
    let mut points = Vec::new();
    for (n, (at, score)) in history.iter().enumerate() {
        if n > 0 {
            points.push(format!("{:.1},{:.1}", x(*at), y(history[n - 1].1)));
        }
        points.push(format!("{:.1},{:.1}", x(*at), y(*score)));
    }
    let now_score = history.last().map(|(_, s)| *s).unwrap_or(0);
    let label = (t.rd.chart_label)(
        &crate::domain::seoul_time::format_date(first, locale),
        &format_score(now_score),
    );
    let gridlines = [0u16, 500, 1000];
    // The table lists changes of the score only, newest first.
    let mut rows: Vec<(chrono::DateTime<chrono::Utc>, u16)> = Vec::new();
    for (at, score) in &history {
        if rows.last().map(|(_, s)| s) != Some(score) {
            rows.push((*at, *score));
        }
    }
    rows.reverse();
    view! {
        <figure class="score-chart">
            <svg class="score-chart__svg" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label>
                {gridlines
                    .iter()
                    .map(|g| {
                        let gy = format!("{:.1}", y(*g));
                        view! {
                            <line class="score-chart__grid" x1=PAD x2=W - PAD y1=gy.clone() y2=gy.clone() />
                            <text class="score-chart__tick" x="2" y=gy>{format_score(*g)}</text>
                        }
                    })
                    .collect_view()}
                <polyline class="score-chart__line" points=points.join(" ") />
                <circle
                    class="score-chart__dot"
                    cx=format!("{:.1}", x(last))
                    cy=format!("{:.1}", y(now_score))
                    r="4"
                />
            </svg>
            <details class="disclosure">
                <summary>{t.rd.chart_table}</summary>
                <table class="table table--compact">
                    <thead>
                        <tr>
                            <th scope="col">{t.rd.when}</th>
                            <th scope="col">{t.rd.score_title}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .take(24)
                            .map(|(at, s)| {
                                view! {
                                    <tr>
                                        <td>{format_date_time(at, locale)}</td>
                                        <td>{format_score(s)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}

/// Admins: who is assigned to this company, assign another, end one.
#[component]
fn Assignments(data: ReadinessPageData, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let slug = data.slug.clone();
    view! {
        <section class="card readiness__assign" aria-labelledby="assign-title">
            <h2 id="assign-title" class="card__title">{t.rd.assignments_title}</h2>
            {if data.assignments.is_empty() {
                view! { <p class="muted">{t.rd.no_assignments}</p> }.into_any()
            } else {
                view! {
                    <ul class="assignment-list">
                        {data
                            .assignments
                            .clone()
                            .into_iter()
                            .map(|a| {
                                let slug = slug.clone();
                                let period = (t.rd.assignment_period)(
                                    &format_naive_date(a.starts_on, locale),
                                    &a.ends_on.map(|d| format_naive_date(d, locale)).unwrap_or_default(),
                                );
                                view! {
                                    <li class="row">
                                        <strong>{a.consultant_name.clone()}</strong>
                                        <span class="muted small">{period}</span>
                                        {a
                                            .active
                                            .then(|| {
                                                view! {
                                                    <ActionForm action=actions.end attr:class="row-actions__form">
                                                        <input type="hidden" name="slug" value=slug.clone() />
                                                        <input type="hidden" name="assignment_id" value=a.id.to_string() />
                                                        <button type="submit" class="btn btn--ghost btn--small">
                                                            {t.rd.end_assignment}
                                                        </button>
                                                    </ActionForm>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <ActionForm action=actions.assign attr:class="form form--compact readiness__assign-form">
                <input type="hidden" name="slug" value=slug.clone() />
                <div class="field">
                    <label class="field__label" for="assign-consultant">{t.rd.field_consultant}</label>
                    <select class="field__input" id="assign-consultant" name="form[consultant_id]" required>
                        <option value="">{t.rd.choose_consultant}</option>
                        {data
                            .consultants
                            .iter()
                            .map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="assign-start">{t.rd.field_starts_on}</label>
                    <input class="field__input" type="date" id="assign-start" name="form[starts_on]" value=data.today.to_string() required />
                </div>
                <div class="field">
                    <label class="field__label" for="assign-end">{t.rd.field_ends_on}</label>
                    <input class="field__input" type="date" id="assign-end" name="form[ends_on]" />
                </div>
                <button type="submit" class="btn btn--primary btn--small">{t.rd.assign}</button>
            </ActionForm>
        </section>
    }
}

/// The company's consulting milestones: a list with a form each to change
/// it, a form to add one, and (for the company's members) the choice of
/// which appear on the public company page.
#[component]
fn Milestones(data: ReadinessPageData, actions: Actions) -> impl IntoView {
    use crate::domain::readiness::{Milestone, MilestoneStatus, MAX_MILESTONE_TITLE_CHARS};
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let rights = data.rights;
    let slug = data.slug.clone();
    // The same fields for a new milestone and for changing one.
    let fields = move |prefix: String, m: Option<&Milestone>| {
        let status = m.map_or(MilestoneStatus::Planned, |m| m.status);
        view! {
            <div class="field">
                <label class="field__label" for=format!("{prefix}-title")>{t.rd.field_title}</label>
                <input
                    class="field__input"
                    id=format!("{prefix}-title")
                    name="form[title]"
                    maxlength=MAX_MILESTONE_TITLE_CHARS
                    value=m.map(|m| m.title.clone()).unwrap_or_default()
                    required
                />
            </div>
            <div class="field">
                <label class="field__label" for=format!("{prefix}-due")>{t.rd.field_milestone_due}</label>
                <input
                    class="field__input"
                    type="date"
                    id=format!("{prefix}-due")
                    name="form[due_on]"
                    value=m.map(|m| m.due_on.to_string()).unwrap_or_default()
                    required
                />
            </div>
            <div class="field">
                <label class="field__label" for=format!("{prefix}-status")>{t.rd.field_status}</label>
                <select class="field__input" id=format!("{prefix}-status") name="form[status]">
                    {MilestoneStatus::ALL
                        .iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str() selected=*s == status>
                                    {(t.rd.milestone_status)(*s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for=format!("{prefix}-done")>{t.rd.field_done_on}</label>
                <input
                    class="field__input"
                    type="date"
                    id=format!("{prefix}-done")
                    name="form[done_on]"
                    value=m.and_then(|m| m.done_on).map(|d| d.to_string()).unwrap_or_default()
                />
            </div>
        }
    };
    view! {
        <section class="card readiness__milestones" aria-labelledby="milestones-title">
            <h2 id="milestones-title" class="card__title">{t.rd.milestones_title}</h2>
            <p class="small muted">{t.rd.milestones_lead}</p>
            {if data.milestones.is_empty() {
                view! { <p class="muted">{t.rd.no_milestones}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {data
                            .milestones
                            .clone()
                            .into_iter()
                            .map(|m| {
                                let slug = slug.clone();
                                let id = m.id;
                                // Built before the item's view, which takes
                                // the milestone's parts.
                                let edit_fields = rights.work.then(|| fields(format!("ms{id}"), Some(&m)));
                                view! {
                                    <li class=format!("timeline__item timeline__item--{}", m.status.as_str())>
                                        <p class="timeline__date">{format_naive_date(m.due_on, locale)}</p>
                                        <p class="timeline__title">
                                            <strong>{m.title.clone()}</strong>
                                            " "
                                            <span class="badge badge--neutral">{(t.rd.milestone_status)(m.status)}</span>
                                            {m.is_public.then(|| view! { " " <span class="badge badge--success">{t.rd.public_label}</span> })}
                                        </p>
                                        {m.done_on.map(|d| view! { <p class="small muted">{(t.rd.done_on_line)(&format_naive_date(d, locale))}</p> })}
                                        {edit_fields
                                            .map(|edit_fields| {
                                                let slug = slug.clone();
                                                view! {
                                                    <details class="disclosure">
                                                        <summary>{t.rd.edit_milestone}</summary>
                                                        <ActionForm action=actions.milestone attr:class="form form--compact">
                                                            <input type="hidden" name="slug" value=slug />
                                                            <input type="hidden" name="milestone_id" value=id.to_string() />
                                                            {edit_fields}
                                                            <button type="submit" class="btn btn--ghost btn--small">{t.rd.save_milestone}</button>
                                                        </ActionForm>
                                                    </details>
                                                }
                                            })}
                                        {rights
                                            .submit
                                            .then(|| {
                                                let public = m.is_public;
                                                view! {
                                                    <ActionForm action=actions.milestone_public attr:class="row-actions__form">
                                                        <input type="hidden" name="slug" value=slug.clone() />
                                                        <input type="hidden" name="milestone_id" value=id.to_string() />
                                                        <input type="hidden" name="public" value=(!public).to_string() />
                                                        <button type="submit" class="btn btn--ghost btn--small">
                                                            {if public { t.rd.make_private } else { t.rd.make_public }}
                                                        </button>
                                                    </ActionForm>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {rights
                .work
                .then(|| {
                    view! {
                        <details class="disclosure">
                            <summary>{t.rd.add_milestone}</summary>
                            <ActionForm action=actions.milestone attr:class="form form--compact">
                                <input type="hidden" name="slug" value=slug.clone() />
                                {fields("ms-new".to_string(), None)}
                                <button type="submit" class="btn btn--primary btn--small">{t.rd.add_milestone}</button>
                            </ActionForm>
                        </details>
                    }
                })}
        </section>
    }
}
