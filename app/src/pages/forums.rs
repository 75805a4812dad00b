//! `/forums` and `/forums/{id}`: the programme's venture forums, upcoming
//! and past, and one forum's page with its details, the agenda once it is
//! confirmed, a calendar file, and the founder's application form.

use crate::api::forums::{
    forum_list, forum_page, AgendaSlot, AnswerForum, ApplyPanel, ApplyToForum, ForumPageData,
    ForumSummary, RsvpPanel, TrackFromForum, WithdrawFromForum,
};
use crate::api::scorecards::{FounderFeedback, ScoringPanel};
use crate::components::access::AccessNotice;
use crate::components::forms::{form_action, FieldError, FormAlert, FormErrors};
use crate::components::head::PageTitle;
use crate::components::scorecard::FeedbackView;
use crate::components::status::Loading;
use crate::domain::forum::{
    ApplicationStatus, ForumState, RsvpAnswer, RsvpRecord, Seat, MAX_APPLICATION_NOTE_CHARS,
};
use crate::domain::scorecard::format_hundredths;
use crate::domain::seoul_time::{format_date, format_time, to_seoul};
use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// "2026년 12월 17일 오후 2:00 – 5:30" / "17 Dec 2026, 2:00 PM – 5:30 PM KST".
pub fn forum_when(f: &ForumSummary, locale: Locale) -> String {
    let date = format_date(f.starts_at, locale);
    let (starts, ends) = (
        format_time(f.starts_at, locale),
        format_time(f.ends_at, locale),
    );
    match locale {
        Locale::Ko => format!("{date} {starts} – {ends}"),
        Locale::En => format!("{date}, {starts} – {ends} KST"),
    }
}

pub fn cluster_name(f: &ForumSummary, locale: Locale) -> Option<String> {
    match locale {
        Locale::Ko => f.cluster_name_ko.clone(),
        Locale::En => f.cluster_name_en.clone(),
    }
}

#[component]
pub fn StateBadge(state: ForumState) -> impl IntoView {
    let i18n = use_i18n();
    let tone = match state {
        ForumState::Planning => "neutral",
        ForumState::Open => "success",
        ForumState::Confirmed => "accent",
        ForumState::Held | ForumState::Closed => "neutral",
    };
    view! {
        <span class=format!("badge badge--{tone}") data-state=state.as_str()>
            {move || (i18n.t().forum.state)(state)}
        </span>
    }
}

#[component]
pub fn ForumsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| forum_list());
    view! {
        <PageTitle text=i18n.t().forum.list_title />
        <div class="container">
            <header class="page-header">
                <h1 class="page-title">{move || i18n.t().forum.list_title}</h1>
                <p class="page-lead">{move || i18n.t().forum.list_lead}</p>
                <p>
                    <a href="/impact">{move || i18n.t().outcome.impact_title}</a>
                </p>
            </header>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => {
                            view! {
                                {list
                                    .can_manage
                                    .then(|| {
                                        view! {
                                            <p class="editor-bar">
                                                <a class="btn btn--primary btn--small" href="/admin/forums/new">
                                                    {move || i18n.t().forum.new_forum}
                                                </a>
                                            </p>
                                        }
                                    })}
                                <ForumSection
                                    title=|t| t.forum.upcoming_title
                                    empty=|t| t.forum.none_upcoming
                                    forums=list.upcoming
                                    id="upcoming"
                                />
                                <ForumSection
                                    title=|t| t.forum.past_title
                                    empty=|t| t.forum.none_past
                                    forums=list.past
                                    id="past"
                                />
                                <p class="small muted forum-feed">
                                    <a href="/forums.ics">{move || i18n.t().forum.calendar_feed}</a>
                                    " · "
                                    {move || i18n.t().forum.calendar_feed_hint}
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ForumSection(
    title: fn(&'static crate::i18n::Strings) -> &'static str,
    empty: fn(&'static crate::i18n::Strings) -> &'static str,
    forums: Vec<ForumSummary>,
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("forums-{id}");
    let labelled_by = heading.clone();
    view! {
        <section class="forum-list" aria-labelledby=labelled_by>
            <h2 class="section-title" id=heading>
                {move || title(i18n.t())}
            </h2>
            {if forums.is_empty() {
                view! { <p class="muted">{move || empty(i18n.t())}</p> }.into_any()
            } else {
                view! {
                    <ul class="forum-cards">
                        {forums.into_iter().map(|f| view! { <ForumCard forum=f /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn ForumCard(forum: ForumSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/forums/{}", forum.id);
    let f = forum.clone();
    let presenting = forum.presenting;
    let capacity = forum.capacity;
    view! {
        <li class="card forum-card">
            <p class="forum-card__meta">
                <StateBadge state=forum.state />
                {
                    let f = f.clone();
                    move || cluster_name(&f, i18n.locale())
                        .map(|c| view! { <span class="badge badge--neutral">{c}</span> })
                }
            </p>
            <h3 class="forum-card__title">
                <a href=href>{forum.title.clone()}</a>
            </h3>
            <p class="forum-card__when">{move || forum_when(&f, i18n.locale())}</p>
            <p class="small muted">
                {forum.venue.clone()} " · "
                {move || (i18n.t().forum.presenting_count)(presenting)} " · "
                {move || (i18n.t().forum.capacity_count)(capacity)}
            </p>
        </li>
    }
}

#[component]
pub fn ForumDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let apply = form_action::<ApplyToForum>();
    let withdraw = form_action::<WithdrawFromForum>();
    let answer = form_action::<AnswerForum>();
    let track = form_action::<TrackFromForum>();
    let page = Resource::new(
        move || {
            (
                id(),
                apply.version().get(),
                withdraw.version().get(),
                answer.version().get(),
            )
        },
        |(id, ..)| forum_page(id),
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => {
                        view! { <ForumView data apply withdraw answer track /> }.into_any()
                    }
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ForumView(
    data: ForumPageData,
    apply: ServerAction<ApplyToForum>,
    withdraw: ServerAction<WithdrawFromForum>,
    answer: ServerAction<AnswerForum>,
    track: ServerAction<TrackFromForum>,
) -> impl IntoView {
    let i18n = use_i18n();
    let f = data.forum.clone();
    let tracking = data.can_track.then_some((f.id, track));
    let (seated, waiting) = (f.seated, f.waiting);
    let id = f.id;
    let state = f.state;
    let when = f.clone();
    let cluster = f.clone();
    let capacity = f.capacity;
    view! {
        <PageTitle text=f.title.clone() />
        <div class="container forum-page">
            <nav class="breadcrumb" aria-label=move || i18n.t().breadcrumb_label>
                <ol>
                    <li>
                        <a href="/forums">{move || i18n.t().forum.nav}</a>
                    </li>
                    <li aria-current="page">{f.title.clone()}</li>
                </ol>
            </nav>
            <header class="page-header">
                <p>
                    <StateBadge state />
                </p>
                <h1 class="page-title">{f.title.clone()}</h1>
            </header>
            {(!state.is_public())
                .then(|| {
                    view! {
                        <p class="notice notice--warning" role="status">
                            {move || i18n.t().forum.not_announced}
                        </p>
                    }
                })}
            {data
                .can_manage
                .then(|| {
                    view! {
                        <nav class="editor-bar" aria-label=move || i18n.t().forum.manage_link>
                            <a class="btn btn--primary btn--small" href=format!("/admin/forums/{id}")>
                                {move || i18n.t().forum.manage_link}
                            </a>
                        </nav>
                    }
                })}
            <div class="split">
                <div class="split__main">
                    <div class="prose" inner_html=data.description_html.clone()></div>
                    <Agenda agenda=data.agenda.clone() tracking scoring=data.scoring.clone().map(|s| (id, s)) />
                    {founder_feedback(&data.apply)}
                </div>
                <div class="stack">
                    <aside class="card" aria-labelledby="forum-facts-title">
                        <h2 class="card__title" id="forum-facts-title">
                            {move || i18n.t().forum.details_title}
                        </h2>
                        <dl class="facts">
                            <div class="facts__row">
                                <dt>{move || i18n.t().forum.when}</dt>
                                <dd>{move || forum_when(&when, i18n.locale())}</dd>
                            </div>
                            <div class="facts__row">
                                <dt>{move || i18n.t().forum.venue}</dt>
                                <dd>{f.venue.clone()}</dd>
                            </div>
                            <div class="facts__row">
                                <dt>{move || i18n.t().forum.cluster}</dt>
                                <dd>
                                    {move || {
                                        cluster_name(&cluster, i18n.locale())
                                            .unwrap_or_else(|| i18n.t().forum.all_clusters.to_string())
                                    }}
                                </dd>
                            </div>
                            <div class="facts__row">
                                <dt>{move || i18n.t().forum.capacity}</dt>
                                <dd>
                                    {move || (i18n.t().forum.people_count)(capacity)}
                                    <span class="block small muted">
                                        {move || (i18n.t().forum.seats_summary)(seated, capacity, waiting)}
                                    </span>
                                </dd>
                            </div>
                        </dl>
                        <a class="btn btn--ghost btn--small" href=format!("/forums/{id}/calendar.ics") download="">
                            {move || i18n.t().forum.add_to_calendar}
                        </a>
                    </aside>
                    <RsvpCard panel=data.rsvp.clone() forum_id=id answer />
                    <ApplyCard panel=data.apply.clone() forum_id=id state apply withdraw />
                </div>
            </div>
        </div>
    }
}

#[component]
fn Agenda(
    agenda: Option<Vec<AgendaSlot>>,
    /// For verified investors: the forum and the action that puts a
    /// presenting company on their pipeline.
    tracking: Option<(i64, ServerAction<TrackFromForum>)>,
    /// For attending investors: the forum and their scorecards so far.
    scoring: Option<(i64, ScoringPanel)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let scoring_hint = scoring.as_ref().filter(|(_, s)| s.open).map(|_| {
        view! { <p class="small muted">{move || i18n.t().score.agenda_hint}</p> }
    });
    let tracked = tracking.map(|(_, track)| {
        move || match track.value().get() {
            Some(Ok(true)) => Some(view! { <p class="notice notice--success" role="status">{move || i18n.t().forum.tracked}</p> }.into_any()),
            Some(Ok(false)) => Some(view! { <p class="notice notice--info" role="status">{move || i18n.t().forum.already_tracked}</p> }.into_any()),
            Some(Err(e)) => Some(view! { <p class="notice notice--danger" role="alert">{move || e.message(i18n.t())}</p> }.into_any()),
            None => None,
        }
    });
    let body = match agenda {
        None => view! { <p class="muted">{move || i18n.t().forum.agenda_pending}</p> }.into_any(),
        Some(slots) if slots.is_empty() => {
            view! { <p class="muted">{move || i18n.t().forum.agenda_empty}</p> }.into_any()
        }
        Some(slots) => {
            let rows = slots
                .into_iter()
                .map(|s| {
                    let at = to_seoul(s.starts_at).format("%H:%M").to_string();
                    view! {
                        <tr>
                            <td class="num" data-label=move || i18n.t().forum.col_order>{s.position}</td>
                            <td class="nowrap" data-label=move || i18n.t().forum.col_time>{at}</td>
                            <th scope="row" data-label=move || i18n.t().forum.col_company>
                                <a href=format!("/companies/{}", s.company_slug)>{s.company_name}</a>
                                {s.one_liner.map(|l| view! { <span class="agenda__line small muted">{l}</span> })}
                                {scoring.as_ref().map(|(forum_id, panel)| score_link(*forum_id, panel, &s.company_slug))}
                                {tracking
                                    .map(|(forum_id, track)| {
                                        view! {
                                            <ActionForm action=track attr:class="agenda__track">
                                                <input type="hidden" name="forum_id" value=forum_id.to_string() />
                                                <input type="hidden" name="slug" value=s.company_slug.clone() />
                                                <button type="submit" class="btn btn--ghost btn--small">
                                                    {move || i18n.t().forum.track_button}
                                                </button>
                                            </ActionForm>
                                        }
                                    })}
                            </th>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-wrap table-wrap--stack">
                    <table class="table table--stack agenda">
                        <thead>
                            <tr>
                                <th scope="col" class="num">{move || i18n.t().forum.col_order}</th>
                                <th scope="col">{move || i18n.t().forum.col_time}</th>
                                <th scope="col">{move || i18n.t().forum.col_company}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby="agenda-title">
            <h2 class="section-title" id="agenda-title">{move || i18n.t().forum.agenda_title}</h2>
            {tracked}
            {scoring_hint}
            {body}
        </section>
    }
}

/// The investor's way to their scorecard for one presenting company: to
/// write it, to change it (with its weighted score) or, once closed, to
/// read it.
fn score_link(forum_id: i64, panel: &ScoringPanel, slug: &str) -> impl IntoView {
    let i18n = use_i18n();
    let mine = panel
        .mine
        .iter()
        .find(|(s, _)| s == slug)
        .map(|(_, w)| format_hundredths(*w));
    let open = panel.open;
    if mine.is_none() && !open {
        return ().into_any();
    }
    let href = format!("/forums/{forum_id}/scorecards/{slug}");
    let class = if mine.is_some() {
        "btn btn--ghost btn--small agenda__score"
    } else {
        "btn btn--secondary btn--small agenda__score"
    };
    view! {
        <a class=class href=href>
            {move || match (&mine, open) {
                (Some(score), true) => (i18n.t().score.edit_link)(score),
                (Some(score), false) => (i18n.t().score.view_link)(score),
                (None, _) => i18n.t().score.score_link.to_string(),
            }}
        </a>
    }
    .into_any()
}

/// The presenting founder's feedback section, from the day of the forum.
fn founder_feedback(panel: &ApplyPanel) -> Option<impl IntoView> {
    let ApplyPanel::Company {
        feedback: Some(feedback),
        ..
    } = panel
    else {
        return None;
    };
    let i18n = use_i18n();
    let body = match feedback.as_ref().clone() {
        FounderFeedback::NotReleased => {
            view! { <p class="muted">{move || i18n.t().score.feedback_pending}</p> }.into_any()
        }
        FounderFeedback::Released { feedback: None, .. } => {
            view! { <p class="muted">{move || i18n.t().score.feedback_none}</p> }.into_any()
        }
        FounderFeedback::Released {
            feedback: Some(feedback),
            weights,
        } => view! { <FeedbackView feedback weights /> }.into_any(),
    };
    Some(view! {
        <section class="card forum-feedback" aria-labelledby="feedback-title">
            <h2 class="card__title" id="feedback-title">{move || i18n.t().score.feedback_title}</h2>
            {body}
        </section>
    })
}

#[component]
fn ApplyCard(
    panel: ApplyPanel,
    forum_id: i64,
    state: ForumState,
    apply: ServerAction<ApplyToForum>,
    withdraw: ServerAction<WithdrawFromForum>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || apply.value().get().and_then(Result::err)),
        &["note"],
    );
    let withdraw_errors = FormErrors::new(
        Signal::derive(move || withdraw.value().get().and_then(Result::err)),
        &[],
    );
    let applied = move || matches!(apply.value().get(), Some(Ok(())));
    let withdrawn = move || matches!(withdraw.value().get(), Some(Ok(())));
    let (slug, name, status, note) = match panel {
        ApplyPanel::Hidden => return ().into_any(),
        ApplyPanel::SignIn => {
            return (state == ForumState::Open)
                .then(|| {
                    let next = format!(
                        "/signin?next={}",
                        crate::domain::url::encode_query_value(&format!("/forums/{forum_id}"))
                    );
                    view! {
                        <aside class="notice notice--info">
                            <p>{move || i18n.t().forum.apply_sign_in}</p>
                            <a class="btn btn--ghost btn--small" href=next>
                                {move || i18n.t().co.locked_sign_in}
                            </a>
                        </aside>
                    }
                })
                .into_any()
        }
        ApplyPanel::Company {
            slug,
            name,
            status,
            note,
            ..
        } => (slug, name, status, note),
    };
    let live = matches!(
        status,
        Some(ApplicationStatus::Pending) | Some(ApplicationStatus::Accepted)
    );
    let can_apply = state == ForumState::Open && !live;
    let forum_id = forum_id.to_string();
    view! {
        <section class="card apply-card" aria-labelledby="apply-title">
            <h2 class="card__title" id="apply-title">{move || i18n.t().forum.apply_title}</h2>
            <p class="small">
                <a href=format!("/companies/{slug}")>{name}</a>
            </p>
            {move || applied().then(|| view! { <p class="notice notice--success" role="status">{move || i18n.t().forum.applied}</p> })}
            {move || withdrawn().then(|| view! { <p class="notice notice--success" role="status">{move || i18n.t().forum.withdrawn}</p> })}
            {status
                .map(|s| {
                    view! {
                        <p class="apply-card__status" data-status=s.as_str()>
                            {move || (i18n.t().forum.your_application)((i18n.t().forum.application_status)(s))}
                        </p>
                    }
                })}
            {note.filter(|_| live).map(|n| view! { <p class="preline small">{n}</p> })}
            {(live && state == ForumState::Open)
                .then(|| {
                    let forum_id = forum_id.clone();
                    view! {
                        <FormAlert errors=withdraw_errors />
                        <ActionForm action=withdraw>
                            <input type="hidden" name="forum_id" value=forum_id />
                            <button type="submit" class="btn btn--ghost btn--small">
                                {move || i18n.t().forum.withdraw_button}
                            </button>
                        </ActionForm>
                    }
                })}
            {can_apply
                .then(|| {
                    let forum_id = forum_id.clone();
                    view! {
                        <p class="small">{move || i18n.t().forum.apply_lead}</p>
                        <FormAlert errors />
                        <ActionForm action=apply attr:class="form">
                            <input type="hidden" name="forum_id" value=forum_id />
                            <div class="field">
                                <label class="field__label" for="apply-note">
                                    {move || i18n.t().forum.apply_note}
                                </label>
                                <textarea
                                    class="field__input"
                                    id="apply-note"
                                    name="note"
                                    rows="4"
                                    required=true
                                    maxlength=MAX_APPLICATION_NOTE_CHARS
                                    aria-describedby="apply-note-hint apply-note-error"
                                    aria-invalid=move || errors.invalid("note")
                                ></textarea>
                                <p class="field__hint" id="apply-note-hint">
                                    {move || i18n.t().forum.apply_note_hint}
                                </p>
                                <FieldError errors field="note" id="apply-note-error" />
                            </div>
                            <div class="form__actions">
                                <button type="submit" class="btn btn--primary">
                                    {move || i18n.t().forum.apply_button}
                                </button>
                            </div>
                        </ActionForm>
                    }
                })}
            {(state != ForumState::Open && !live && status.is_none())
                .then(|| view! { <p class="muted small">{move || i18n.t().forum.applications_closed}</p> })}
        </section>
    }
    .into_any()
}

/// Where the investor's answer stands: a seat, a place in line, or just
/// the answer.
pub fn rsvp_standing(r: &RsvpRecord, t: &'static crate::i18n::Strings) -> String {
    match (r.seat, r.waiting_position) {
        (Some(Seat::Seated), _) => t.forum.seated.to_string(),
        (Some(Seat::Waiting), Some(n)) => (t.forum.waiting_n)(n),
        _ => (t.forum.answer)(r.answer).to_string(),
    }
}

#[component]
fn RsvpCard(panel: RsvpPanel, forum_id: i64, answer: ServerAction<AnswerForum>) -> impl IntoView {
    let i18n = use_i18n();
    let (current, open) = match panel {
        RsvpPanel::Hidden => return ().into_any(),
        RsvpPanel::VerifyFirst => {
            return view! {
                <aside class="notice notice--info">
                    <p>{move || i18n.t().forum.rsvp_verify_first}</p>
                </aside>
            }
            .into_any()
        }
        RsvpPanel::Investor { current, open } => (current, open),
    };
    let errors = FormErrors::new(
        Signal::derive(move || answer.value().get().and_then(Result::err)),
        &["answer"],
    );
    let saved = move || matches!(answer.value().get(), Some(Ok(_)));
    let chosen = current.as_ref().map(|r| r.answer);
    let standing = current.clone();
    view! {
        <section class="card rsvp-card" aria-labelledby="rsvp-title">
            <h2 class="card__title" id="rsvp-title">{move || i18n.t().forum.rsvp_title}</h2>
            {move || saved().then(|| view! { <p class="notice notice--success" role="status">{move || i18n.t().forum.rsvp_saved}</p> })}
            {standing
                .map(|r| {
                    let seat = r.seat.map_or("none", |s| s.as_str());
                    view! {
                        <p class="rsvp-card__standing" data-seat=seat>
                            {move || rsvp_standing(&r, i18n.t())}
                        </p>
                    }
                })}
            {if open {
                view! {
                    <p class="small muted">{move || i18n.t().forum.rsvp_lead}</p>
                    <FormAlert errors />
                    <ActionForm action=answer attr:class="form">
                        <input type="hidden" name="forum_id" value=forum_id.to_string() />
                        <fieldset class="choice-group">
                            <legend class="visually-hidden">{move || i18n.t().forum.rsvp_title}</legend>
                            {RsvpAnswer::ALL
                                .iter()
                                .map(|a| {
                                    let a = *a;
                                    let id = format!("rsvp-{}", a.as_str());
                                    let label_for = id.clone();
                                    view! {
                                        <label class="choice" for=label_for>
                                            <input
                                                type="radio"
                                                id=id
                                                name="answer"
                                                value=a.as_str()
                                                checked=chosen == Some(a)
                                                required=true
                                            />
                                            {move || (i18n.t().forum.answer)(a)}
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                        <FieldError errors field="answer" id="rsvp-error" />
                        <div class="form__actions">
                            <button type="submit" class="btn btn--primary btn--small">
                                {move || i18n.t().forum.rsvp_button}
                            </button>
                        </div>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! { <p class="muted small">{move || i18n.t().forum.rsvp_closed}</p> }.into_any()
            }}
        </section>
    }
    .into_any()
}
