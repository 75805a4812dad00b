//! `/companies/:slug/interest`: the founders' view of investor interest —
//! followers over time (a server-drawn SVG line with the numbers in a
//! table), investors per stage (counts only below a meeting request), and
//! meeting requests with an answer form each.

use crate::api::interest::{
    company_interest_page, AnswerMeetingRequest, InterestPageData, MeetingView,
};
use crate::components::access::AccessNotice;
use crate::components::deal_panel::StageTag;
use crate::components::editor::{use_company_slug, EditorHeader, EditorTab};
use crate::components::forms::{form_action, ActionFeedback, FieldError, FormAlert, FormErrors};
use crate::components::status::Loading;
use crate::domain::deal::{MeetingStatus, MAX_ANSWER_CHARS};
use crate::domain::seoul_time::{format_date_time, format_naive_date};
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn InterestPage() -> impl IntoView {
    let slug = use_company_slug();
    let answer = form_action::<AnswerMeetingRequest>();
    let data = Resource::new(move || slug.get(), company_interest_page);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <InterestView data answer /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InterestView(
    data: InterestPageData,
    answer: ServerAction<AnswerMeetingRequest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let slug = data.slug.clone();
    view! {
        <div class="container">
            <EditorHeader
                slug=slug.clone()
                company=data.company_name.clone()
                active=EditorTab::Interest
                title=|t| t.deal.interest_title
                lead=|t| t.deal.interest_lead
            />
            <ActionFeedback result=Signal::derive(move || answer.value().get()) success=|t| t.deal.answered />
            <div class="interest-grid">
                <section class="card" aria-labelledby="followers-title">
                    <h2 id="followers-title" class="card__title">{t.deal.followers_title}</h2>
                    <p class="stat__value">{(t.deal.followers_total)(data.followers)}</p>
                    <FollowersChart weeks=data.followers_by_week.clone() />
                    <details class="disclosure">
                        <summary class="disclosure__summary small">{t.deal.week_of}</summary>
                        <table class="table table--compact">
                            <thead>
                                <tr>
                                    <th scope="col">{t.deal.week_of}</th>
                                    <th scope="col" class="num">{t.deal.followers_col}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {data
                                    .followers_by_week
                                    .iter()
                                    .map(|(week, n)| view! {
                                        <tr>
                                            <td>{format_naive_date(*week, locale)}</td>
                                            <td class="num">{*n}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </details>
                </section>
                <section class="card" aria-labelledby="per-stage-title">
                    <h2 id="per-stage-title" class="card__title">{t.deal.per_stage_title}</h2>
                    <table class="table table--compact">
                        <thead>
                            <tr>
                                <th scope="col">{t.deal.col_stage}</th>
                                <th scope="col" class="num">{t.deal.investors_count}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data
                                .per_stage
                                .iter()
                                .map(|(stage, n)| view! {
                                    <tr>
                                        <td><StageTag stage=*stage /></td>
                                        <td class="num">{*n}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <p class="small muted">{t.deal.names_note}</p>
                </section>
            </div>
            <section class="section" aria-labelledby="meetings-title">
                <h2 id="meetings-title" class="section__title">{t.deal.meetings_title}</h2>
                {if data.meetings.is_empty() {
                    view! { <p class="muted">{t.deal.meetings_empty}</p> }.into_any()
                } else {
                    view! {
                        <ul class="meetings">
                            {data
                                .meetings
                                .into_iter()
                                .map(|m| view! { <Meeting meeting=m slug=slug.clone() can_answer=data.can_answer answer /> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        </div>
    }
}

/// Followers at the end of each week as a line: drawn on the server, with
/// the same numbers in the table beside it for screen readers.
#[component]
fn FollowersChart(weeks: Vec<(chrono::NaiveDate, i64)>) -> impl IntoView {
    let t = use_i18n().t();
    const W: f64 = 320.0;
    const H: f64 = 120.0;
    const PAD: f64 = 8.0;
    let max = weeks.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let step = if weeks.len() > 1 {
        (W - 2.0 * PAD) / (weeks.len() - 1) as f64
    } else {
        0.0
    };
    let points: Vec<(f64, f64)> = weeks
        .iter()
        .enumerate()
        .map(|(i, (_, n))| {
            (
                PAD + step * i as f64,
                H - PAD - (*n as f64 / max) * (H - 2.0 * PAD),
            )
        })
        .collect();
    let line = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let area = format!(
        "{PAD:.1},{:.1} {line} {:.1},{:.1}",
        H - PAD,
        W - PAD,
        H - PAD
    );
    let now = weeks.last().map(|(_, n)| *n).unwrap_or(0);
    let label = (t.deal.followers_chart)(weeks.len() as i64, now);
    view! {
        <svg class="spark" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label>
            <polygon class="spark__area" points=area />
            <polyline class="spark__line" points=line />
            {points.last().map(|(x, y)| view! { <circle class="spark__dot" cx=format!("{x:.1}") cy=format!("{y:.1}") r="3" /> })}
        </svg>
    }
}

#[component]
fn Meeting(
    meeting: MeetingView,
    slug: String,
    can_answer: bool,
    answer: ServerAction<AnswerMeetingRequest>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let pending = meeting.status == MeetingStatus::Pending;
    let id = meeting.id;
    let errors = FormErrors::new(
        Signal::derive(move || answer.value().get().and_then(Result::err)),
        &["decision", "proposed_at", "note"],
    );
    let status_class = match meeting.status {
        MeetingStatus::Accepted => "badge badge--success",
        MeetingStatus::Declined => "badge badge--neutral",
        MeetingStatus::Pending => "badge badge--warning",
    };
    view! {
        <li class="card meeting">
            <p class="meeting__head">
                <strong>{meeting.investor_name.clone()}</strong>
                {meeting.club_name.clone().map(|c| view! { <span class="muted">" · " {c}</span> })}
                " "
                <span class=status_class>{(t.deal.meeting_status)(meeting.status)}</span>
            </p>
            <p class="small muted">{(t.deal.requested_at)(&format_date_time(meeting.created_at, locale))}</p>
            <p class="preline">{meeting.message.clone()}</p>
            {meeting
                .proposed_at
                .map(|at| view! { <p>{(t.deal.proposed_at)(&format_date_time(at, locale))}</p> })}
            {meeting.answer_note.clone().map(|n| view! { <p class="preline small muted">{n}</p> })}
            {(pending && can_answer)
                .then(|| {
                    let decision_id = format!("m{id}-decision");
                    let at_id = format!("m{id}-at");
                    let note_id = format!("m{id}-note");
                    view! {
                        <ActionForm action=answer attr:class="form meeting__form">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="meeting_id" value=id.to_string() />
                            <FormAlert errors />
                            <fieldset class="fieldset fieldset--compact">
                                <legend class="fieldset__legend">{t.deal.field_decision}</legend>
                                <label class="row">
                                    <input type="radio" name="form[decision]" value="accept" id=decision_id.clone() required />
                                    {t.deal.accept}
                                </label>
                                <label class="row">
                                    <input type="radio" name="form[decision]" value="decline" />
                                    {t.deal.decline}
                                </label>
                                <FieldError errors field="decision" id=format!("{decision_id}-error") />
                            </fieldset>
                            <div class="field">
                                <label class="field__label" for=at_id.clone()>{t.deal.field_proposed_at}</label>
                                <input
                                    class="field__input"
                                    id=at_id.clone()
                                    name="form[proposed_at]"
                                    type="datetime-local"
                                    aria-describedby=format!("{at_id}-error")
                                    aria-invalid=move || errors.invalid("proposed_at")
                                />
                                <FieldError errors field="proposed_at" id=format!("{at_id}-error") />
                            </div>
                            <div class="field">
                                <label class="field__label" for=note_id.clone()>{t.deal.field_answer_note}</label>
                                <textarea
                                    class="field__input"
                                    id=note_id.clone()
                                    name="form[note]"
                                    rows="2"
                                    maxlength=MAX_ANSWER_CHARS
                                    aria-describedby=format!("{note_id}-error")
                                    aria-invalid=move || errors.invalid("note")
                                ></textarea>
                                <FieldError errors field="note" id=format!("{note_id}-error") />
                            </div>
                            <button type="submit" class="btn btn--primary btn--small">{t.deal.answer}</button>
                        </ActionForm>
                    }
                })}
        </li>
    }
}
