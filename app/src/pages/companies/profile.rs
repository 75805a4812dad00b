//! `/companies/{slug}`: the company page. Shows what this reader may see
//! (decided by the server) and says what verification would add rather
//! than hiding it silently. The company's own members also get their
//! editing links, the draft status and the update form here.

use crate::api::companies::{
    company_page, CompanyPageData, DeleteCompanyUpdate, PostCompanyUpdate, SectionView, UpdateView,
};
use crate::api::deals::{company_deal_panel, DealPanel};
use crate::components::access::{AccessNotice, LockedContent};
use crate::components::company::{Freshness, LogoMark, SeoulDate, StageBadge};
use crate::components::deal_panel::{ClubNotes, DealActions, DealAside};
use crate::components::forms::form_action;
use crate::components::forms::{FieldError, FormAlert, FormErrors, SubmitRow, TextField};
use crate::components::head::PageTitle;
use crate::components::investor_limits::DeductionNote;
use crate::components::status::Loading;
use crate::domain::company::{
    Audience, Funding, UpdateKind, Visibility, MAX_UPDATE_BODY_CHARS, MAX_UPDATE_TITLE_CHARS,
};
use crate::domain::money::format_won;
use crate::domain::seoul_time::format_date;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CompanyPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let post = form_action::<PostCompanyUpdate>();
    let delete = form_action::<DeleteCompanyUpdate>();
    let deals = DealActions::new();
    let page = Resource::new(
        move || (slug(), post.version().get(), delete.version().get()),
        |(slug, ..)| company_page(slug),
    );
    // Visitors cost nothing here: the panel answers `Hidden` before any
    // query when nobody is signed in.
    let panel = Resource::new(slug, company_deal_panel);
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => {
                        let panel = panel.await.unwrap_or(DealPanel::Hidden);
                        view! { <CompanyView data post delete panel deals /> }.into_any()
                    }
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CompanyView(
    data: CompanyPageData,
    post: ServerAction<PostCompanyUpdate>,
    delete: ServerAction<DeleteCompanyUpdate>,
    panel: DealPanel,
    deals: DealActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = data.profile.clone();
    let slug = p.slug.clone();
    let editor = data.audience == Audience::Editor;
    let name = p.name_ko.clone();
    let description = p.one_liner.clone().unwrap_or_default();
    let locked_any = data.sections.iter().any(|s| s.html.is_none()) || data.funding_locked;
    view! {
        <PageTitle text=name.clone() />
        <Meta name="description" content=description />
        <div class="container company-page">
            <nav class="breadcrumb" aria-label=move || i18n.t().breadcrumb_label>
                <ol>
                    <li>
                        <a href="/companies">{move || i18n.t().co.nav_companies}</a>
                    </li>
                    <li aria-current="page">{name.clone()}</li>
                </ol>
            </nav>
            <header class="company-hero">
                <LogoMark name=name.clone() url=p.logo_url.clone() large=true />
                <div class="company-hero__text">
                    <h1 class="page-title">{name.clone()}</h1>
                    {p.name_en.clone().map(|en| view! { <p class="page-subtitle" lang="en">{en}</p> })}
                    {p.one_liner.clone().map(|l| view! { <p class="page-lead">{l}</p> })}
                    <p class="company-hero__meta">
                        {p.stage.map(|stage| view! { <StageBadge stage /> })}
                        {p
                            .published_at
                            .map(|at| view! { <Freshness published_at=at stale=data.stale /> })}
                        {p
                            .published_at
                            .map(|at| {
                                view! {
                                    <span class="muted small">
                                        {move || (i18n.t().co.last_updated)(&format_date(at, i18n.locale()))}
                                    </span>
                                }
                            })}
                    </p>
                </div>
            </header>
            {editor.then(|| view! { <EditorBar slug=slug.clone() /> })}
            // The company's consultant works on its readiness from here.
            {(data.audience == Audience::Reviewer)
                .then(|| {
                    view! {
                        <nav class="editor-bar" aria-label=move || i18n.t().rd.readiness_title>
                            <a class="btn btn--primary btn--small" href=format!("/companies/{slug}/readiness")>
                                {move || i18n.t().rd.readiness_link}
                            </a>
                            <a class="btn btn--secondary btn--small" href=format!("/companies/{slug}/draft")>
                                {move || i18n.t().ed.draft_view_link}
                            </a>
                        </nav>
                    }
                })}
            {(data.audience == Audience::Reviewer && data.unpublished_changes)
                .then(|| {
                    view! {
                        <p class="notice notice--warning" role="status">
                            {move || i18n.t().ed.draft_pending_reviewer} " "
                            <a href=format!("/companies/{slug}/draft")>
                                {move || i18n.t().ed.draft_view_link}
                            </a>
                        </p>
                    }
                })}
            {(editor && (p.revision == 0 || data.unpublished_changes))
                .then(|| {
                    let first = p.revision == 0;
                    view! {
                        <p class="notice notice--warning" role="status">
                            {move || {
                                if first {
                                    i18n.t().co.not_published_notice
                                } else {
                                    i18n.t().co.unpublished_notice
                                }
                            }}
                        </p>
                    }
                })}
            <div class="split company-layout">
                <div class="split__main">
                    {locked_any
                        .then(|| view! { <LockedNotice signed_in=data.signed_in slug=slug.clone() /> })}
                    <Sections sections=data.sections.clone() />
                    <FundingBlock funding=data.funding.clone() locked=data.funding_locked />
                    <Updates
                        updates=data.updates.clone()
                        editor
                        slug=slug.clone()
                        post
                        delete
                    />
                    <ClubNotes panel=panel.clone() slug=slug.clone() actions=deals />
                </div>
                <div class="stack">
                    <DealAside panel slug=slug.clone() actions=deals />
                    <Facts data=data.clone() />
                    {data
                        .deduction
                        .map(|check| {
                            view! { <DeductionNote check /> }
                        })}
                    <ReadinessBadges badges=data.readiness_badges.clone() />
                    <MilestoneTimeline milestones=data.milestones.clone() />
                </div>
            </div>
        </div>
    }
}

#[component]
fn EditorBar(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/companies/{slug}");
    view! {
        <nav class="editor-bar" aria-label=move || i18n.t().co.editor_bar_label>
            <a class="btn btn--primary btn--small" href=format!("{base}/pitch")>
                {move || i18n.t().co.edit_pitch}
            </a>
            <a class="btn btn--ghost btn--small" href=format!("{base}/edit")>
                {move || i18n.t().co.edit_profile}
            </a>
            <a class="btn btn--ghost btn--small" href=format!("{base}/history")>
                {move || i18n.t().co.view_history}
            </a>
            <a class="btn btn--ghost btn--small" href=format!("{base}/team")>
                {move || i18n.t().co.manage_team}
            </a>
            <a class="btn btn--ghost btn--small" href=format!("{base}/interest")>
                {move || i18n.t().deal.interest_link}
            </a>
            <a class="btn btn--ghost btn--small" href=format!("{base}/readiness")>
                {move || i18n.t().rd.readiness_link}
            </a>
            <a
                class="btn btn--ghost btn--small"
                href=crate::pages::readiness::crowdfunding_plan::PATH
            >
                {move || i18n.t().rd.plan_title}
            </a>
        </nav>
    }
}

/// Tells a reader who sees locked sections what verification shows.
#[component]
fn LockedNotice(signed_in: bool, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let next = format!(
        "/signin?next={}",
        crate::domain::url::encode_query_value(&format!("/companies/{slug}"))
    );
    view! {
        <aside class="notice notice--info locked-notice">
            <p class="locked-notice__title">{move || i18n.t().co.locked_title}</p>
            <p>
                {move || {
                    if signed_in { i18n.t().co.locked_unverified } else { i18n.t().co.locked_visitor }
                }}
            </p>
            {(!signed_in)
                .then(|| {
                    view! {
                        <a class="btn btn--ghost btn--small" href=next>
                            {move || i18n.t().co.locked_sign_in}
                        </a>
                    }
                })}
        </aside>
    }
}

#[component]
pub(crate) fn Sections(sections: Vec<SectionView>) -> impl IntoView {
    let i18n = use_i18n();
    if sections.is_empty() {
        return view! { <p class="muted">{move || i18n.t().co.pitch_empty}</p> }.into_any();
    }
    sections
        .into_iter()
        .map(|s| {
            let kind = s.kind;
            let id = format!("section-{}", kind.as_str());
            let labelled_by = id.clone();
            let investors = s.visibility == Visibility::Investors;
            view! {
                <section class="pitch-section" aria-labelledby=labelled_by data-section=kind.as_str()>
                    <h2 class="pitch-section__title" id=id>
                        {move || (i18n.t().co.section)(kind)}
                        {investors
                            .then(|| {
                                view! {
                                    <span class="badge badge--neutral">
                                        {move || i18n.t().co.investors_only_badge}
                                    </span>
                                }
                            })}
                    </h2>
                    {match s.html {
                        // Sanitised when it was saved; only stored HTML is
                        // ever put into a page.
                        Some(html) => view! { <div class="prose" inner_html=html></div> }.into_any(),
                        None => {
                            view! {
                                <LockedContent>
                                    {move || i18n.t().co.locked_section}
                                </LockedContent>
                            }
                                .into_any()
                        }
                    }}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
pub(crate) fn FundingBlock(funding: Option<Funding>, locked: bool) -> impl IntoView {
    let i18n = use_i18n();
    match funding {
        Some(f) => {
            let amount = f.amount;
            let instrument = f.instrument;
            view! {
                <section class="card funding" aria-labelledby="funding-title">
                    <h2 id="funding-title" class="card__title">
                        {move || i18n.t().co.funding_title}
                    </h2>
                    <dl class="facts">
                        {amount
                            .map(|won| {
                                view! {
                                    <div class="facts__row">
                                        <dt>{move || i18n.t().co.funding_amount}</dt>
                                        <dd class="funding__amount">
                                            {move || format_won(won, i18n.locale())}
                                        </dd>
                                    </div>
                                }
                            })}
                        {instrument
                            .map(|i| {
                                view! {
                                    <div class="facts__row">
                                        <dt>{move || i18n.t().co.funding_instrument}</dt>
                                        <dd>{move || (i18n.t().co.instrument)(i)}</dd>
                                    </div>
                                }
                            })}
                        {(!f.use_of_funds.is_empty())
                            .then(|| {
                                view! {
                                    <div class="facts__row">
                                        <dt>{move || i18n.t().co.funding_use}</dt>
                                        <dd class="preline">{f.use_of_funds.clone()}</dd>
                                    </div>
                                }
                            })}
                    </dl>
                </section>
            }
            .into_any()
        }
        None if locked => view! {
            <LockedContent>{move || i18n.t().co.funding_locked}</LockedContent>
        }
        .into_any(),
        None => ().into_any(),
    }
}

/// The readiness scores the company chose to show, each with the
/// consultant who checks it and the day of its last change.
#[component]
fn ReadinessBadges(badges: Vec<crate::domain::readiness::ReadinessBadge>) -> impl IntoView {
    use crate::domain::readiness::format_score;
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    (!badges.is_empty()).then(|| {
        view! {
            <aside class="card readiness-badges" aria-labelledby="readiness-badges-title">
                <h2 id="readiness-badges-title" class="card__title">{t.rd.badges_title}</h2>
                <ul class="readiness-badges__list">
                    {badges
                        .into_iter()
                        .map(|b| {
                            let date = crate::domain::seoul_time::format_date(b.as_of, locale);
                            view! {
                                <li class="readiness-badge">
                                    <strong class="readiness-badge__score">
                                        {(t.rd.badge_line)((t.rd.template_name)(b.kind), &format_score(b.score_permille))}
                                    </strong>
                                    <span class="small muted">
                                        {(t.rd.badge_checked_by)(&b.consultants.join(", "), &date)}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </aside>
        }
    })
}

/// The consulting milestones the company made public, by date.
#[component]
fn MilestoneTimeline(milestones: Vec<crate::domain::readiness::Milestone>) -> impl IntoView {
    use crate::domain::seoul_time::format_naive_date;
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    (!milestones.is_empty()).then(|| {
        view! {
            <aside class="card" aria-labelledby="timeline-title">
                <h2 id="timeline-title" class="card__title">{t.rd.timeline_title}</h2>
                <ol class="timeline">
                    {milestones
                        .into_iter()
                        .map(|m| {
                            view! {
                                <li class=format!("timeline__item timeline__item--{}", m.status.as_str())>
                                    <p class="timeline__date">{format_naive_date(m.due_on, locale)}</p>
                                    <p class="timeline__title">
                                        {m.title}
                                        " "
                                        <span class="badge badge--neutral">{(t.rd.milestone_status)(m.status)}</span>
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </aside>
        }
    })
}

#[component]
fn Facts(data: CompanyPageData) -> impl IntoView {
    let i18n = use_i18n();
    let p = data.profile;
    let cluster = p.cluster.clone();
    view! {
        <aside class="card facts-card" aria-labelledby="facts-title">
            <h2 id="facts-title" class="card__title">{move || i18n.t().co.facts_title}</h2>
            <dl class="facts">
                {cluster
                    .map(|c| {
                        let href = format!("/clusters/{}", c.slug);
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().co.fact_cluster}</dt>
                                <dd>
                                    <a href=href>{move || c.name(i18n.locale()).to_string()}</a>
                                </dd>
                            </div>
                        }
                    })}
                {p
                    .location
                    .clone()
                    .map(|l| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().co.fact_location}</dt>
                                <dd>{l}</dd>
                            </div>
                        }
                    })}
                {p
                    .founded_year
                    .map(|y| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().co.fact_founded}</dt>
                                <dd>{y}</dd>
                            </div>
                        }
                    })}
                {p
                    .employees
                    .map(|n| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().co.fact_employees}</dt>
                                <dd>{move || (i18n.t().co.employees_count)(n)}</dd>
                            </div>
                        }
                    })}
                {p
                    .revenue_band
                    .map(|r| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().co.fact_revenue}</dt>
                                <dd>{move || (i18n.t().co.revenue_band)(r)}</dd>
                            </div>
                        }
                    })}
                {p
                    .website
                    .clone()
                    .map(|w| {
                        let shown = w
                            .trim_start_matches("https://")
                            .trim_start_matches("http://")
                            .to_string();
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().co.fact_website}</dt>
                                <dd>
                                    <a href=w rel="nofollow noopener noreferrer ugc">{shown}</a>
                                </dd>
                            </div>
                        }
                    })}
                {p
                    .contact_email
                    .clone()
                    .map(|e| {
                        view! {
                            <div class="facts__row">
                                <dt>{move || i18n.t().co.fact_contact}</dt>
                                <dd>
                                    <a href=format!("mailto:{e}")>{e.clone()}</a>
                                </dd>
                            </div>
                        }
                    })}
            </dl>
            {(!p.tags.is_empty())
                .then(|| {
                    view! {
                        <ul class="tags">
                            {p
                                .tags
                                .iter()
                                .map(|t| view! { <li class="tag">{t.clone()}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            {(p.revision > 0)
                .then(|| {
                    let n = p.revision;
                    view! { <p class="muted small">{move || (i18n.t().co.revision_label)(n)}</p> }
                })}
        </aside>
    }
}

#[component]
fn Updates(
    updates: Vec<UpdateView>,
    editor: bool,
    slug: String,
    post: ServerAction<PostCompanyUpdate>,
    delete: ServerAction<DeleteCompanyUpdate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = if updates.is_empty() {
        view! { <p class="muted">{move || i18n.t().co.updates_empty}</p> }.into_any()
    } else {
        view! {
            <ol class="updates">
                {updates
                    .into_iter()
                    .map(|u| {
                        let slug = slug.clone();
                        let kind = u.kind;
                        view! {
                            <li class="update" data-kind=kind.as_str()>
                                <p class="update__meta">
                                    <span class="badge">{move || (i18n.t().co.update_kind)(kind)}</span>
                                    <SeoulDate at=u.posted_at />
                                    <span class="muted small">
                                        {move || (i18n.t().co.posted_by)(&u.posted_by)}
                                    </span>
                                </p>
                                <h3 class="update__title">{u.title.clone()}</h3>
                                {(!u.body.is_empty())
                                    .then(|| view! { <p class="update__body preline">{u.body.clone()}</p> })}
                                {editor
                                    .then(|| {
                                        view! {
                                            <ActionForm action=delete attr:class="update__delete">
                                                <input type="hidden" name="slug" value=slug />
                                                <input type="hidden" name="update_id" value=u.id.to_string() />
                                                <button type="submit" class="btn btn--ghost btn--small">
                                                    {move || i18n.t().co.delete_update_button}
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
    };
    view! {
        <section class="company-updates" aria-labelledby="updates-title">
            <h2 id="updates-title" class="section__title">{move || i18n.t().co.updates_title}</h2>
            {editor.then(|| view! { <UpdateForm slug=slug.clone() action=post /> })}
            {list}
        </section>
    }
}

#[component]
fn UpdateForm(slug: String, action: ServerAction<PostCompanyUpdate>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &["kind", "title", "body"],
    );
    let posted = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <details class="card update-form">
            <summary class="card__title">{move || i18n.t().co.post_update_title}</summary>
            <FormAlert errors />
            <ActionForm action attr:class="form">
                <input type="hidden" name="slug" value=slug />
                <div class="field">
                    <label class="field__label" for="update-kind">
                        {move || i18n.t().co.update_kind_label}
                    </label>
                    <select class="field__input" id="update-kind" name="form[kind]">
                        {UpdateKind::ALL
                            .iter()
                            .map(|&k| {
                                view! {
                                    <option value=k.as_str()>{move || (i18n.t().co.update_kind)(k)}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldError errors field="kind" id="update-kind-error" />
                </div>
                <TextField
                    errors
                    name="form[title]"
                    field="title"
                    id="update-title"
                    label=|t| t.co.update_title_label
                    required=true
                    maxlength=MAX_UPDATE_TITLE_CHARS
                />
                <div class="field">
                    <label class="field__label" for="update-body">
                        {move || i18n.t().co.update_body_label}
                    </label>
                    <textarea
                        class="field__input"
                        id="update-body"
                        name="form[body]"
                        rows="4"
                        maxlength=MAX_UPDATE_BODY_CHARS
                        aria-describedby="update-body-error"
                    ></textarea>
                    <FieldError errors field="body" id="update-body-error" />
                </div>
                <SubmitRow
                    label=|t| t.co.post_update_button
                    pending=Signal::derive(move || action.pending().get())
                    done=Signal::derive(posted)
                    done_text=|t| t.co.update_posted
                />
            </ActionForm>
        </details>
    }
}
