//! `/feed`: news from followed companies, club mates' stage changes on
//! shared companies, meeting requests and answers, readiness reminders —
//! newest first, unread ones marked, with a "mark all as read" form.

use crate::api::feed::{feed_page, FeedData, FeedEntry, FeedEntryKind, MarkFeedRead};
use crate::components::access::AccessNotice;
use crate::components::forms::{form_action, ActionFeedback};
use crate::components::head::PageTitle;
use crate::components::status::Loading;
use crate::domain::seoul_time::{format_date_time, format_naive_date};
use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;

#[component]
pub fn FeedPage() -> impl IntoView {
    let mark = form_action::<MarkFeedRead>();
    let feed = Resource::new(|| (), |_| feed_page());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match feed.await {
                    Ok(data) => view! { <FeedView data mark /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FeedView(data: FeedData, mark: ServerAction<MarkFeedRead>) -> impl IntoView {
    let t = use_i18n().t();
    let viewer = crate::components::account::use_auth().viewer;
    let investor = viewer.as_ref().is_some_and(|v| v.is_verified_investor());
    let club_id = viewer.and_then(|v| v.club_id);
    view! {
        <PageTitle text=t.deal.feed_title />
        <div class="container container--narrow">
            <header class="page-header">
                <h1 class="page-title">{t.deal.feed_title}</h1>
                <p class="page-lead">{t.deal.feed_lead}</p>
                {investor.then(|| view! { <super::DealNav club_id /> })}
            </header>
            <ActionFeedback result=Signal::derive(move || mark.value().get()) success=|t| t.deal.marked_read />
            {(data.unread > 0)
                .then(|| {
                    view! {
                        <ActionForm action=mark attr:class="row feed__actions">
                            <span class="badge badge--accent">{(t.deal.unread_label)(data.unread)}</span>
                            <button type="submit" class="btn btn--ghost btn--small">{t.deal.mark_read}</button>
                        </ActionForm>
                    }
                })}
            {if data.entries.is_empty() {
                view! { <div class="empty-state"><p class="empty-state__text">{t.deal.feed_empty}</p></div> }.into_any()
            } else {
                view! {
                    <ol class="feed">
                        {data.entries.into_iter().map(|entry| view! { <Entry entry /> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn Entry(entry: FeedEntry) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    let text = match &entry.item {
        // A reminder names its item in the reader's language.
        Some(item) => {
            let title = match i18n.locale() {
                Locale::Ko => &item.title_ko,
                Locale::En => &item.title_en,
            };
            let due = format_naive_date(item.due_on, i18n.locale());
            entry.kind.describe(t, title, Some(&due))
        }
        None => entry
            .kind
            .describe(t, &entry.title, entry.detail.as_deref()),
    };
    // A founder's answer note travels in `title` for answers.
    let answer_note = (entry.kind == FeedEntryKind::MeetingAnswer && !entry.title.is_empty())
        .then(|| entry.title.clone());
    let href = match entry.kind {
        FeedEntryKind::MeetingRequested => format!("/companies/{}/interest", entry.company_slug),
        FeedEntryKind::ItemDueSoon | FeedEntryKind::ItemOverdue => {
            format!("/companies/{}/readiness", entry.company_slug)
        }
        FeedEntryKind::ForumAccepted
        | FeedEntryKind::ForumDeclined
        | FeedEntryKind::ForumFeedback => entry
            .forum_id
            .map_or_else(|| "/forums".to_string(), |id| format!("/forums/{id}")),
        _ => format!("/companies/{}", entry.company_slug),
    };
    view! {
        <li class="feed__item" class:feed__item--unread=entry.unread>
            <p class="feed__head">
                <a href=href>{entry.company_name}</a>
                {entry.unread.then(|| view! { <span class="badge badge--accent">{t.deal.new_badge}</span> })}
            </p>
            <p>{text}</p>
            {entry
                .proposed_at
                .map(|at| view! { <p class="small">{(t.deal.proposed_at)(&format_date_time(at, i18n.locale()))}</p> })}
            {answer_note.map(|n| view! { <p class="preline small muted">{n}</p> })}
            <p class="small muted">
                <time datetime=entry.at.to_rfc3339()>{format_date_time(entry.at, i18n.locale())}</time>
            </p>
        </li>
    }
}
