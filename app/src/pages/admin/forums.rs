//! `/admin/forums`: every forum with its stage; `/admin/forums/new` and
//! `/admin/forums/{id}`: the forum's details, its stage, the applications
//! to decide and the agenda to arrange. Plain forms throughout.

use crate::api::forums::{
    admin_forum, forum_list, new_forum_form, AdminForumData, ApplicationView, CreateForum,
    DecideApplication, MarkAttendance, MoveForum, SaveAgenda, UpdateForum,
};
use crate::components::access::AccessNotice;
use crate::components::admin::{AdminGate, AdminHeader};
use crate::components::forms::{
    form_action, textarea_text, ActionFeedback, FieldError, FormAlert, FormErrors, SubmitRow, Text,
    TextField,
};
use crate::components::status::Loading;
use crate::domain::forum::{
    ApplicationStatus, ForumForm, ForumState, RsvpAnswer, RsvpListRow, Seat, MAX_DESCRIPTION_BYTES,
};
use crate::domain::seoul_time::{format_date, to_seoul};
use crate::i18n::use_i18n;
use crate::pages::admin::forum_scores::ForumScores;
use crate::pages::forums::{forum_when, StateBadge};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const FORUM_FIELDS: &[&str] = &[
    "title",
    "date",
    "starts",
    "ends",
    "venue",
    "cluster",
    "capacity",
    "description",
];

#[component]
pub fn AdminForumsPage() -> impl IntoView {
    view! {
        <AdminGate>
            <ForumsTable />
        </AdminGate>
    }
}

#[component]
fn ForumsTable() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| forum_list());
    view! {
        <div class="container">
            <AdminHeader title=|t| t.forum.admin_title lead=|t| t.forum.admin_lead />
            <p class="editor-bar">
                <a class="btn btn--primary btn--small" href="/admin/forums/new">
                    {move || i18n.t().forum.new_forum}
                </a>
            </p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => {
                            let rows = list
                                .upcoming
                                .into_iter()
                                .chain(list.past)
                                .map(|f| {
                                    let when = f.clone();
                                    view! {
                                        <tr>
                                            <th scope="row" data-label=move || i18n.t().forum.field_title>
                                                <a href=format!("/admin/forums/{}", f.id)>{f.title.clone()}</a>
                                            </th>
                                            <td data-label=move || i18n.t().forum.when>
                                                {move || forum_when(&when, i18n.locale())}
                                            </td>
                                            <td data-label=move || i18n.t().forum.col_status>
                                                <StateBadge state=f.state />
                                            </td>
                                            <td class="num" data-label=move || i18n.t().forum.applications_title>
                                                {f.presenting}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <div class="table-wrap table-wrap--stack">
                                    <table class="table table--stack">
                                        <thead>
                                            <tr>
                                                <th scope="col">{move || i18n.t().forum.field_title}</th>
                                                <th scope="col">{move || i18n.t().forum.when}</th>
                                                <th scope="col">{move || i18n.t().forum.col_status}</th>
                                                <th scope="col" class="num">
                                                    {move || i18n.t().forum.col_accepted}
                                                </th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
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
pub fn AdminForumNewPage() -> impl IntoView {
    view! {
        <AdminGate>
            <NewForum />
        </AdminGate>
    }
}

#[component]
fn NewForum() -> impl IntoView {
    let create = form_action::<CreateForum>();
    let choices = Resource::new(|| (), |_| new_forum_form());
    view! {
        <div class="container">
            <AdminHeader title=|t| t.forum.new_title lead=|t| t.forum.admin_lead />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(choices) => {
                            let errors = FormErrors::new(
                                Signal::derive(move || create.value().get().and_then(Result::err)),
                                FORUM_FIELDS,
                            );
                            let pending = create.pending();
                            view! {
                                <ActionForm action=create attr:class="form card">
                                    <FormAlert errors />
                                    <ForumFields
                                        errors
                                        values=ForumForm::default()
                                        clusters=choices.clusters
                                    />
                                    <SubmitRow
                                        label=|t| t.forum.create_button
                                        pending=pending.into()
                                        done=Signal::derive(|| false)
                                        done_text=|t| t.forum.saved
                                    />
                                </ActionForm>
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

/// The inputs of the forum form, named `form[…]` for the server function.
#[component]
fn ForumFields(
    errors: FormErrors,
    values: ForumForm,
    clusters: Vec<(String, String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = values.cluster.clone();
    let field = |name: &'static str,
                 field: &'static str,
                 id: &'static str,
                 label: Text,
                 input_type: &'static str,
                 value: String| {
        view! {
            <TextField
                errors
                name
                field
                id
                label
                input_type
                required=true
                value
            />
        }
    };
    view! {
        {field("form[title]", "title", "forum-title", |t| t.forum.field_title, "text", values.title)}
        <div class="form__row">
            {field("form[date]", "date", "forum-date", |t| t.forum.field_date, "date", values.date)}
            {field("form[starts]", "starts", "forum-starts", |t| t.forum.field_starts, "time", values.starts)}
            {field("form[ends]", "ends", "forum-ends", |t| t.forum.field_ends, "time", values.ends)}
        </div>
        {field("form[venue]", "venue", "forum-venue", |t| t.forum.field_venue, "text", values.venue)}
        <div class="form__row">
            <div class="field">
                <label class="field__label" for="forum-cluster">
                    {move || i18n.t().forum.field_cluster}
                </label>
                <select
                    class="field__input"
                    id="forum-cluster"
                    name="form[cluster]"
                    aria-describedby="forum-cluster-error"
                    aria-invalid=move || errors.invalid("cluster")
                >
                    <option value="" selected=chosen.is_empty()>
                        {move || i18n.t().forum.all_clusters}
                    </option>
                    {clusters
                        .into_iter()
                        .map(|(slug, ko, en)| {
                            let selected = slug == chosen;
                            view! {
                                <option value=slug selected=selected>
                                    {move || if i18n.locale().code() == "en" { en.clone() } else { ko.clone() }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldError errors field="cluster" id="forum-cluster-error" />
            </div>
            {field("form[capacity]", "capacity", "forum-capacity", |t| t.forum.field_capacity, "number", values.capacity)}
        </div>
        <div class="field">
            <label class="field__label" for="forum-description">
                {move || i18n.t().forum.field_description}
            </label>
            <textarea
                class="field__input"
                id="forum-description"
                name="form[description]"
                rows="8"
                maxlength=MAX_DESCRIPTION_BYTES
                aria-describedby="forum-description-hint forum-description-error"
                aria-invalid=move || errors.invalid("description")
            >
                {textarea_text(&values.description)}
            </textarea>
            <p class="field__hint" id="forum-description-hint">
                {move || i18n.t().forum.field_description_hint}
            </p>
            <FieldError errors field="description" id="forum-description-error" />
        </div>
    }
}

#[component]
pub fn AdminForumPage() -> impl IntoView {
    view! {
        <AdminGate>
            <ManageForum />
        </AdminGate>
    }
}

#[component]
fn ManageForum() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let update = form_action::<UpdateForum>();
    let stage = form_action::<MoveForum>();
    let decide = form_action::<DecideApplication>();
    let agenda = form_action::<SaveAgenda>();
    let attendance = form_action::<MarkAttendance>();
    let data = Resource::new(
        move || {
            (
                id(),
                update.version().get(),
                stage.version().get(),
                decide.version().get(),
                agenda.version().get(),
                attendance.version().get(),
            )
        },
        |(id, ..)| admin_forum(id),
    );
    view! {
        <div class="container">
            <AdminHeader title=|t| t.forum.admin_title lead=|t| t.forum.admin_lead />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => {
                            view! { <ManageView data update stage decide agenda attendance /> }
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
fn ManageView(
    data: AdminForumData,
    update: ServerAction<UpdateForum>,
    stage: ServerAction<MoveForum>,
    decide: ServerAction<DecideApplication>,
    agenda: ServerAction<SaveAgenda>,
    attendance: ServerAction<MarkAttendance>,
) -> impl IntoView {
    let i18n = use_i18n();
    let f = data.forum.clone();
    let id = f.id;
    let state = f.state;
    let errors = FormErrors::new(
        Signal::derive(move || update.value().get().and_then(Result::err)),
        FORUM_FIELDS,
    );
    let saved = Signal::derive(move || matches!(update.value().get(), Some(Ok(()))));
    let stage_result = Signal::derive(move || stage.value().get());
    let decide_result = Signal::derive(move || decide.value().get());
    let moves: Vec<ForumState> = ForumState::ALL
        .iter()
        .copied()
        .filter(|to| state.may_move_to(*to))
        .collect();
    let accepted: Vec<ApplicationView> = data
        .applications
        .iter()
        .filter(|a| a.status == ApplicationStatus::Accepted)
        .cloned()
        .collect();
    let when = f.clone();
    view! {
        <nav class="breadcrumb" aria-label=move || i18n.t().breadcrumb_label>
            <ol>
                <li>
                    <a href="/admin/forums">{move || i18n.t().forum.back_to_list}</a>
                </li>
                <li aria-current="page">{f.title.clone()}</li>
            </ol>
        </nav>
        <section class="card" aria-labelledby="forum-stage-title">
            <h2 class="card__title" id="forum-stage-title">
                {f.title.clone()}
            </h2>
            <p>
                <StateBadge state /> " " {move || forum_when(&when, i18n.locale())}
            </p>
            <ActionFeedback result=stage_result success=|t| t.forum.moved />
            <ActionForm action=stage attr:class="row-actions__form">
                <input type="hidden" name="forum_id" value=id.to_string() />
                <input type="hidden" name="from" value=state.as_str() />
                {moves
                    .into_iter()
                    .map(|to| {
                        view! {
                            <button type="submit" name="to" value=to.as_str() class="btn btn--secondary btn--small">
                                {move || (i18n.t().forum.move_to)((i18n.t().forum.state)(to))}
                            </button>
                        }
                    })
                    .collect_view()}
            </ActionForm>
            <p class="small">
                <a href=format!("/forums/{id}")>{move || i18n.t().forum.view_public}</a>
            </p>
        </section>

        <section class="card" aria-labelledby="forum-applications-title">
            <h2 class="card__title" id="forum-applications-title">
                {move || i18n.t().forum.applications_title}
            </h2>
            <ActionFeedback result=decide_result success=|t| t.forum.decided />
            <Applications applications=data.applications.clone() forum_id=id state decide />
        </section>

        <AgendaForm forum_id=id state accepted agenda />

        <Rsvps rsvps=data.rsvps.clone() forum_id=id state attendance />

        {matches!(state, ForumState::Held | ForumState::Closed)
            .then(|| view! { <ForumScores forum_id=id /> })}

        {(state != ForumState::Closed)
            .then(|| {
                view! {
                    <section class="card" aria-labelledby="forum-edit-title">
                        <h2 class="card__title" id="forum-edit-title">
                            {move || i18n.t().forum.edit_title}
                        </h2>
                        <ActionForm action=update attr:class="form">
                            <FormAlert errors />
                            <input type="hidden" name="forum_id" value=id.to_string() />
                            <ForumFields errors values=data.form.clone() clusters=data.clusters.clone() />
                            <SubmitRow
                                label=|t| t.forum.save_button
                                pending=update.pending().into()
                                done=saved
                                done_text=|t| t.forum.saved
                            />
                        </ActionForm>
                    </section>
                }
            })}
    }
}

#[component]
fn Applications(
    applications: Vec<ApplicationView>,
    forum_id: i64,
    state: ForumState,
    decide: ServerAction<DecideApplication>,
) -> impl IntoView {
    let i18n = use_i18n();
    if applications.is_empty() {
        return view! { <p class="muted">{move || i18n.t().forum.no_applications}</p> }.into_any();
    }
    let rows = applications
        .into_iter()
        .map(|a| {
            let status = a.status;
            let applied = a.applied_at;
            let decidable = state.agenda_editable() && status != ApplicationStatus::Withdrawn;
            view! {
                <tr data-company=a.company_slug.clone()>
                    <th scope="row" data-label=move || i18n.t().forum.col_company>
                        <a href=format!("/companies/{}", a.company_slug)>{a.company_name.clone()}</a>
                    </th>
                    <td class="preline" data-label=move || i18n.t().forum.col_note>{a.note.clone()}</td>
                    <td data-label=move || i18n.t().forum.col_status>
                        <span class="badge" data-status=status.as_str()>
                            {move || (i18n.t().forum.application_status)(status)}
                        </span>
                    </td>
                    <td class="nowrap" data-label=move || i18n.t().forum.col_applied>
                        {move || format_date(applied, i18n.locale())}
                    </td>
                    <td data-label=move || i18n.t().forum.col_actions>
                        {decidable
                            .then(|| {
                                view! {
                                    <ActionForm action=decide attr:class="row-actions__form">
                                        <input type="hidden" name="forum_id" value=forum_id.to_string() />
                                        <input type="hidden" name="company_id" value=a.company_id.to_string() />
                                        {(status != ApplicationStatus::Accepted)
                                            .then(|| {
                                                view! {
                                                    <button type="submit" name="decision" value="accepted" class="btn btn--primary btn--small">
                                                        {move || i18n.t().forum.accept_button}
                                                    </button>
                                                }
                                            })}
                                        {(status != ApplicationStatus::Declined)
                                            .then(|| {
                                                view! {
                                                    <button type="submit" name="decision" value="declined" class="btn btn--ghost btn--small">
                                                        {move || i18n.t().forum.decline_button}
                                                    </button>
                                                }
                                            })}
                                    </ActionForm>
                                }
                            })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().forum.col_company}</th>
                        <th scope="col">{move || i18n.t().forum.col_note}</th>
                        <th scope="col">{move || i18n.t().forum.col_status}</th>
                        <th scope="col">{move || i18n.t().forum.col_applied}</th>
                        <th scope="col">{move || i18n.t().forum.col_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AgendaForm(
    forum_id: i64,
    state: ForumState,
    accepted: Vec<ApplicationView>,
    agenda: ServerAction<SaveAgenda>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new(
        Signal::derive(move || agenda.value().get().and_then(Result::err)),
        &["slot"],
    );
    let saved = Signal::derive(move || matches!(agenda.value().get(), Some(Ok(()))));
    let body = if accepted.is_empty() {
        view! { <p class="muted">{move || i18n.t().forum.agenda_none_accepted}</p> }.into_any()
    } else if !state.agenda_editable() {
        // After the day the agenda is the record of who presented.
        let items = accepted
            .into_iter()
            .map(|a| {
                let at = a
                    .slot_starts_at
                    .map(|t| to_seoul(t).format("%H:%M").to_string())
                    .unwrap_or_default();
                view! {
                    <li>
                        <span class="agenda-list__time">{at}</span>
                        " "
                        {a.company_name}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="agenda-list">{items}</ol> }.into_any()
    } else {
        let ids = accepted
            .iter()
            .map(|a| a.company_id.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let rows = accepted
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let position = a.slot_position.unwrap_or(i as i64 + 1).to_string();
                let starts = a
                    .slot_starts_at
                    .map(|t| to_seoul(t).format("%H:%M").to_string())
                    .unwrap_or_default();
                let name = a.company_name.clone();
                let name2 = a.company_name.clone();
                view! {
                    <tr>
                        <th scope="row">{a.company_name.clone()}</th>
                        <td>
                            <input type="hidden" name=format!("agenda[slots][{i}][company_id]") value=a.company_id.to_string() />
                            <input
                                class="field__input field__input--small"
                                type="number"
                                min="1"
                                name=format!("agenda[slots][{i}][position]")
                                value=position
                                aria-label=move || (i18n.t().forum.position_of)(&name)
                                required=true
                            />
                        </td>
                        <td>
                            <input
                                class="field__input field__input--small"
                                type="time"
                                name=format!("agenda[slots][{i}][starts]")
                                value=starts
                                aria-label=move || (i18n.t().forum.time_of)(&name2)
                                required=true
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p class="small muted" id="agenda-hint">{move || i18n.t().forum.agenda_form_hint}</p>
            <ActionForm action=agenda attr:class="form">
                <FormAlert errors />
                <FieldError errors field="slot" id="agenda-error" />
                <input type="hidden" name="forum_id" value=forum_id.to_string() />
                <input type="hidden" name="agenda[accepted]" value=ids />
                <div class="table-wrap">
                    <table class="table" aria-describedby="agenda-hint">
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t().forum.col_company}</th>
                                <th scope="col">{move || i18n.t().forum.col_order}</th>
                                <th scope="col">{move || i18n.t().forum.col_time}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <SubmitRow
                    label=|t| t.forum.agenda_save
                    pending=agenda.pending().into()
                    done=saved
                    done_text=|t| t.forum.agenda_saved
                />
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="forum-agenda-title">
            <h2 class="card__title" id="forum-agenda-title">
                {move || i18n.t().forum.agenda_form_title}
            </h2>
            {body}
        </section>
    }
}

#[component]
fn Rsvps(
    rsvps: Vec<RsvpListRow>,
    forum_id: i64,
    state: ForumState,
    attendance: ServerAction<MarkAttendance>,
) -> impl IntoView {
    let i18n = use_i18n();
    let result = Signal::derive(move || attendance.value().get());
    let body = if rsvps.is_empty() {
        view! { <p class="muted">{move || i18n.t().forum.no_rsvps}</p> }.into_any()
    } else {
        let mut waiting = 0;
        let rows = rsvps
            .into_iter()
            .map(|r| {
                let answer = r.answer;
                let seat = match r.seat {
                    Some(Seat::Seated) => Some(i18n.t().forum.seated.to_string()),
                    Some(Seat::Waiting) => {
                        waiting += 1;
                        Some((i18n.t().forum.waiting_n)(waiting))
                    }
                    None => None,
                };
                let markable = state.attendance_open() && answer == RsvpAnswer::Attending;
                let attended = r.attended;
                view! {
                    <tr>
                        <th scope="row" data-label=move || i18n.t().forum.col_investor>{r.name.clone()}</th>
                        <td data-label=move || i18n.t().forum.col_club>{r.club_name.clone()}</td>
                        <td data-label=move || i18n.t().forum.col_answer>
                            {move || (i18n.t().forum.answer)(answer)}
                        </td>
                        <td data-label=move || i18n.t().forum.col_seat>{seat}</td>
                        <td data-label=move || i18n.t().forum.col_attended>
                            {attended.then(|| view! { <span class="badge badge--success">{move || i18n.t().forum.present}</span> " " })}
                            {markable
                                .then(|| {
                                    view! {
                                        <ActionForm action=attendance attr:class="row-actions__form">
                                            <input type="hidden" name="forum_id" value=forum_id.to_string() />
                                            <input type="hidden" name="user_id" value=r.user_id.to_string() />
                                            <input type="hidden" name="attended" value=(!attended).to_string() />
                                            <button type="submit" class="btn btn--ghost btn--small">
                                                {move || if attended { i18n.t().forum.unmark_present } else { i18n.t().forum.mark_present }}
                                            </button>
                                        </ActionForm>
                                    }
                                })}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().forum.col_investor}</th>
                            <th scope="col">{move || i18n.t().forum.col_club}</th>
                            <th scope="col">{move || i18n.t().forum.col_answer}</th>
                            <th scope="col">{move || i18n.t().forum.col_seat}</th>
                            <th scope="col">{move || i18n.t().forum.col_attended}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="forum-rsvps-title">
            <h2 class="card__title" id="forum-rsvps-title">
                {move || i18n.t().forum.rsvps_title}
            </h2>
            <ActionFeedback result=result success=|t| t.forum.attendance_saved />
            {body}
        </section>
    }
}
