//! The investor's side of a company page: follow, the interest ladder with
//! its history, and the club's notes. Plain forms: every button posts and
//! the page comes back, with or without JavaScript.

use crate::api::deals::{
    AddClubNote, ChangeInterestStage, DealPanel, DeleteClubNote, EditClubNote, EventView,
    FollowCompany, InvestorPanel, NoteView, UnfollowCompany,
};
use crate::components::forms::{
    form_action, textarea_text, ActionFeedback, FieldError, FormAlert, FormErrors,
};
use crate::components::investor_limits::RoomNote;
use crate::domain::deal::{InterestStage, InterestTerms, InvestmentRoute, MAX_MESSAGE_CHARS};
use crate::domain::money::format_won;
use crate::domain::seoul_time::{format_date_time, format_naive_date};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The forms of the panel, created once per page so a plain post's
/// outcome (in the URL) reaches the right one.
#[derive(Clone, Copy)]
pub struct DealActions {
    pub follow: ServerAction<FollowCompany>,
    pub unfollow: ServerAction<UnfollowCompany>,
    pub stage: ServerAction<ChangeInterestStage>,
    pub add_note: ServerAction<AddClubNote>,
    pub edit_note: ServerAction<EditClubNote>,
    pub delete_note: ServerAction<DeleteClubNote>,
}

impl DealActions {
    pub fn new() -> Self {
        DealActions {
            follow: form_action::<FollowCompany>(),
            unfollow: form_action::<UnfollowCompany>(),
            stage: form_action::<ChangeInterestStage>(),
            add_note: form_action::<AddClubNote>(),
            edit_note: form_action::<EditClubNote>(),
            delete_note: form_action::<DeleteClubNote>(),
        }
    }
}

impl Default for DealActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The aside card: nothing, a verification prompt, or the investor's panel.
#[component]
pub fn DealAside(panel: DealPanel, slug: String, actions: DealActions) -> impl IntoView {
    let t = use_i18n().t();
    match panel {
        DealPanel::Hidden => ().into_any(),
        DealPanel::VerifyFirst => view! {
            <section class="card deal-panel" aria-labelledby="deal-panel-title">
                <h2 id="deal-panel-title" class="card__title">{t.deal.panel_title}</h2>
                <p class="notice notice--info">
                    <strong>{t.deal.verify_title}</strong>
                    " "
                    {t.deal.verify_text}
                </p>
            </section>
        }
        .into_any(),
        DealPanel::Investor(panel) => {
            view! { <InvestorCard panel=*panel slug actions /> }.into_any()
        }
    }
}

#[component]
fn InvestorCard(panel: InvestorPanel, slug: String, actions: DealActions) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let follow_slug = slug.clone();
    let follow_form = if panel.following {
        view! {
            <ActionForm action=actions.unfollow attr:class="deal-panel__follow">
                <input type="hidden" name="slug" value=follow_slug />
                <span class="badge badge--success">{t.deal.following}</span>
                <button type="submit" class="btn btn--ghost btn--small">{t.deal.unfollow}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=actions.follow attr:class="deal-panel__follow">
                <input type="hidden" name="slug" value=follow_slug />
                <button type="submit" class="btn btn--primary btn--small">{t.deal.follow}</button>
            </ActionForm>
        }
        .into_any()
    };
    let current = panel.terms.clone();
    let days = panel
        .stage_changed_at
        .map(|at| crate::domain::deal::days_in_stage(at, chrono::Utc::now()));
    view! {
        <section class="card deal-panel" aria-labelledby="deal-panel-title">
            <h2 id="deal-panel-title" class="card__title">{t.deal.panel_title}</h2>
            {follow_form}
            <ActionFeedback
                result=Signal::derive(move || actions.follow.value().get())
                success=|t| t.deal.following
            />
            <div class="deal-panel__stage">
                <p class="small muted">{t.deal.current_stage}</p>
                {match &current {
                    Some(terms) => view! { <TermsSummary terms=terms.clone() /> }.into_any(),
                    None => view! { <p class="muted">{t.deal.no_stage_yet}</p> }.into_any(),
                }}
                {days.map(|d| view! { <p class="small muted">{(t.deal.days_in_stage)(d)}</p> })}
            </div>
            <RoomNote room=panel.crowdfunding.clone() />
            <StageForm slug=slug.clone() current=current.map(|c| c.stage) today=panel.today action=actions.stage />
            <History events=panel.history />
        </section>
    }
}

/// The stage badge with the figures recorded so far.
#[component]
pub fn TermsSummary(terms: InterestTerms) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let range = terms
        .amount_min
        .zip(terms.amount_max)
        .map(|(min, max)| (t.deal.range)(&format_won(min, locale), &format_won(max, locale)));
    view! {
        <p class="deal-terms">
            <StageTag stage=terms.stage />
            {terms.amount.map(|a| view! { <span class="money">{format_won(a, locale)}</span> })}
            {terms.amount.is_none().then_some(range).flatten().map(|r| view! { <span class="money">{r}</span> })}
            {terms.route.map(|r| view! { <span class="small muted">{(t.deal.route)(r)}</span> })}
            {terms
                .invested_on
                .map(|d| view! { <span class="small muted">{(t.deal.invested_on)(&format_naive_date(d, locale))}</span> })}
        </p>
    }
}

/// A ladder stage as a badge, coloured by its group: early (watching,
/// interested), active (meeting, due diligence), committed, invested,
/// passed. The words carry the meaning; the colour only groups.
#[component]
pub fn StageTag(stage: InterestStage) -> impl IntoView {
    let t = use_i18n().t();
    let group = match stage {
        InterestStage::Watching | InterestStage::Interested => "early",
        InterestStage::MeetingRequested | InterestStage::DueDiligence => "active",
        InterestStage::Intends => "committed",
        InterestStage::Invested => "invested",
        InterestStage::Passed => "passed",
    };
    view! { <span class=format!("badge stage-tag stage-tag--{group}")>{(t.deal.stage)(stage)}</span> }
}

#[component]
fn StageForm(
    slug: String,
    current: Option<InterestStage>,
    today: chrono::NaiveDate,
    action: ServerAction<ChangeInterestStage>,
) -> impl IntoView {
    let t = use_i18n().t();
    let errors = FormErrors::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        &[
            "stage",
            "amount_min",
            "amount_max",
            "route",
            "amount",
            "invested_on",
            "note",
            "message",
        ],
    );
    let expected = current.map(|s| s.as_str()).unwrap_or_default();
    let field = move |name: &'static str,
                      id: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      hint: Option<&'static str>| {
        let error_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let described = if hint.is_some() {
            format!("{hint_id} {error_id}")
        } else {
            error_id.clone()
        };
        view! {
            <div class="field">
                <label class="field__label" for=id>{label}</label>
                <input
                    class="field__input"
                    id=id
                    name=format!("form[{name}]")
                    type=kind
                    inputmode=(kind == "text").then_some("numeric")
                    max=(kind == "date").then(|| today.to_string())
                    autocomplete="off"
                    aria-describedby=described
                    aria-invalid=move || errors.invalid(name)
                />
                {hint.map(|h| view! { <p class="field__hint" id=hint_id>{h}</p> })}
                <FieldError errors field=name id=error_id />
            </div>
        }
    };
    view! {
        <ActionForm action attr:class="form deal-form">
            <h3 class="deal-form__title">{t.deal.ladder_title}</h3>
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="expected" value=expected />
            <FormAlert errors />
            <ActionFeedback
                result=Signal::derive(move || action.value().get().map(|r| r.map(|_| ())))
                success=|t| t.deal.recorded
            />
            <div class="field">
                <label class="field__label" for="deal-stage">{t.deal.field_stage}</label>
                <select
                    class="field__input"
                    id="deal-stage"
                    name="form[stage]"
                    required
                    aria-describedby="deal-stage-error"
                    aria-invalid=move || errors.invalid("stage")
                >
                    <option value="">{t.deal.choose}</option>
                    {InterestStage::ALL
                        .iter()
                        .filter(|s| Some(**s) != current || matches!(s, InterestStage::Interested | InterestStage::Intends | InterestStage::Invested))
                        .map(|s| view! { <option value=s.as_str()>{(t.deal.stage)(*s)}</option> })
                        .collect_view()}
                </select>
                <FieldError errors field="stage" id="deal-stage-error" />
            </div>
            <fieldset class="fieldset fieldset--compact">
                <legend class="fieldset__legend">{t.deal.group_interested}</legend>
                {field("amount_min", "deal-amount-min", t.deal.field_amount_min, "text", Some(t.deal.amount_hint))}
                {field("amount_max", "deal-amount-max", t.deal.field_amount_max, "text", None)}
                <div class="field">
                    <label class="field__label" for="deal-route">{t.deal.field_route}</label>
                    <select
                        class="field__input"
                        id="deal-route"
                        name="form[route]"
                        aria-describedby="deal-route-error"
                        aria-invalid=move || errors.invalid("route")
                    >
                        <option value="">{t.deal.choose}</option>
                        {InvestmentRoute::ALL
                            .iter()
                            .map(|r| view! { <option value=r.as_str()>{(t.deal.route)(*r)}</option> })
                            .collect_view()}
                    </select>
                    <FieldError errors field="route" id="deal-route-error" />
                </div>
            </fieldset>
            <fieldset class="fieldset fieldset--compact">
                <legend class="fieldset__legend">{t.deal.group_meeting}</legend>
                <div class="field">
                    <label class="field__label" for="deal-message">{t.deal.field_message}</label>
                    <textarea
                        class="field__input"
                        id="deal-message"
                        name="form[message]"
                        rows="3"
                        maxlength=MAX_MESSAGE_CHARS
                        aria-describedby="deal-message-error"
                        aria-invalid=move || errors.invalid("message")
                    ></textarea>
                    <FieldError errors field="message" id="deal-message-error" />
                </div>
            </fieldset>
            <fieldset class="fieldset fieldset--compact">
                <legend class="fieldset__legend">{t.deal.group_amount}</legend>
                {field("amount", "deal-amount", t.deal.field_amount, "text", Some(t.deal.amount_hint))}
                {field("invested_on", "deal-invested-on", t.deal.field_invested_on, "date", None)}
            </fieldset>
            <div class="field">
                <label class="field__label" for="deal-note">{t.deal.field_note}</label>
                <textarea
                    class="field__input"
                    id="deal-note"
                    name="form[note]"
                    rows="2"
                    aria-describedby="deal-note-hint deal-note-error"
                    aria-invalid=move || errors.invalid("note")
                ></textarea>
                <p class="field__hint" id="deal-note-hint">{t.deal.note_hint}</p>
                <FieldError errors field="note" id="deal-note-error" />
            </div>
            <div class="form__actions">
                <button type="submit" class="btn btn--primary">{t.deal.record}</button>
            </div>
        </ActionForm>
    }
}

#[component]
fn History(events: Vec<EventView>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    (!events.is_empty()).then(|| {
        view! {
            <details class="disclosure deal-history">
                <summary class="disclosure__summary">{t.deal.history_title} " (" {events.len()} ")"</summary>
                <ol class="deal-history__list">
                    {events
                        .into_iter()
                        .map(|e| {
                            let terms = InterestTerms {
                                stage: e.to,
                                amount_min: e.amount_min,
                                amount_max: e.amount_max,
                                route: e.route,
                                amount: e.amount,
                                invested_on: e.invested_on,
                            };
                            view! {
                                <li class="deal-history__item">
                                    <p class="small muted">
                                        <time datetime=e.at.to_rfc3339()>{format_date_time(e.at, locale)}</time>
                                        " · "
                                        {e.actor_name}
                                        {e.from.map(|f| format!(" · {} →", (t.deal.stage)(f)))}
                                    </p>
                                    <TermsSummary terms />
                                    {e.note.map(|n| view! { <p class="preline small">{n}</p> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </details>
        }
    })
}

/// The club's notes on the company, below the pitch.
#[component]
pub fn ClubNotes(panel: DealPanel, slug: String, actions: DealActions) -> impl IntoView {
    let t = use_i18n().t();
    let DealPanel::Investor(panel) = panel else {
        return ().into_any();
    };
    let Some(notes) = panel.club_notes.clone() else {
        return view! {
            <section class="section club-notes" aria-labelledby="club-notes-title">
                <h2 id="club-notes-title" class="section__title">{t.deal.notes_heading}</h2>
                <p class="muted">{t.deal.notes_no_club}</p>
            </section>
        }
        .into_any();
    };
    let club = panel.club_name.clone().unwrap_or_default();
    let add_errors = FormErrors::new(
        Signal::derive(move || actions.add_note.value().get().and_then(Result::err)),
        &["markdown"],
    );
    view! {
        <section class="section club-notes" aria-labelledby="club-notes-title">
            <h2 id="club-notes-title" class="section__title">{(t.deal.notes_title)(&club)}</h2>
            <p class="small muted">{t.deal.notes_private}</p>
            <ActionFeedback
                result=Signal::derive(move || {
                    actions.edit_note.value().get().or_else(|| actions.delete_note.value().get())
                })
                success=|t| t.deal.note_saved
            />
            {if notes.is_empty() {
                view! { <p class="muted">{t.deal.notes_empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="club-notes__list">
                        {notes
                            .into_iter()
                            .map(|note| view! { <NoteItem note slug=slug.clone() actions /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <ActionForm action=actions.add_note attr:class="form club-notes__form">
                <input type="hidden" name="slug" value=slug.clone() />
                <FormAlert errors=add_errors />
                <div class="field">
                    <label class="field__label" for="note-new">{t.deal.note_new}</label>
                    <textarea
                        class="field__input"
                        id="note-new"
                        name="markdown"
                        rows="4"
                        required
                        aria-describedby="note-new-error"
                        aria-invalid=move || add_errors.invalid("markdown")
                    ></textarea>
                    <FieldError errors=add_errors field="markdown" id="note-new-error" />
                </div>
                <div class="form__actions">
                    <button type="submit" class="btn btn--primary btn--small">{t.deal.note_add}</button>
                </div>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn NoteItem(note: NoteView, slug: String, actions: DealActions) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let locale = i18n.locale();
    let edited = note.updated_at != note.created_at;
    let id = note.id.to_string();
    let edit_id = format!("note-edit-{}", note.id);
    view! {
        <li class="club-note">
            <p class="small muted">
                <strong>{note.author_name}</strong>
                " · "
                <time datetime=note.created_at.to_rfc3339()>{format_date_time(note.created_at, locale)}</time>
                {edited.then(|| format!(" · {}", t.deal.note_edited))}
            </p>
            <div class="prose" inner_html=note.html></div>
            {note
                .markdown
                .map(|markdown| {
                    let (edit_slug, edit_note_id) = (slug.clone(), id.clone());
                    view! {
                        <details class="disclosure">
                            <summary class="disclosure__summary small">{t.deal.note_edit}</summary>
                            <ActionForm action=actions.edit_note attr:class="form">
                                <input type="hidden" name="slug" value=edit_slug />
                                <input type="hidden" name="note_id" value=edit_note_id />
                                <label class="visually-hidden" for=edit_id.clone()>{t.deal.note_edit}</label>
                                <textarea class="field__input" id=edit_id name="markdown" rows="4" required>
                                    {textarea_text(&markdown)}
                                </textarea>
                                <div class="form__actions">
                                    <button type="submit" class="btn btn--primary btn--small">{t.deal.note_save}</button>
                                </div>
                            </ActionForm>
                            <ActionForm action=actions.delete_note attr:class="row-actions__form">
                                <input type="hidden" name="slug" value=slug.clone() />
                                <input type="hidden" name="note_id" value=id.clone() />
                                <button type="submit" class="btn btn--danger btn--small">{t.deal.note_delete}</button>
                            </ActionForm>
                        </details>
                    }
                })}
        </li>
    }
}
