//! The feed (`/feed`) and notifications: what happened around the companies
//! a user follows or belongs to, with an unread count for the header.

use super::ApiError;
use crate::domain::deal::{InterestStage, MeetingStatus};
use crate::i18n::Strings;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many feed items and notifications a page shows.
pub const FEED_PAGE: i64 = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedEntryKind {
    Update,
    Revision,
    ClubStage,
    MeetingAnswer,
    /// A notification: an investor asked the reader's company for a meeting.
    MeetingRequested,
    /// A reminder: a readiness item of the reader's company (or of a
    /// company they consult) is due within seven days.
    ItemDueSoon,
    /// A reminder: such an item is past its due date.
    ItemOverdue,
    /// The reader's company was chosen to present at a forum (`title` is
    /// the forum's).
    ForumAccepted,
    ForumDeclined,
    /// Investors' feedback from a forum is out.
    ForumFeedback,
}

impl FeedEntryKind {
    /// What happened, in one sentence: the same words on the feed page and
    /// in the e-mail digest. `title` and `detail` are the entry's.
    pub fn describe(self, t: &Strings, title: &str, detail: Option<&str>) -> String {
        match self {
            FeedEntryKind::Update => (t.deal.feed_update)(title),
            FeedEntryKind::Revision => (t.deal.feed_revision)(title),
            FeedEntryKind::ClubStage => {
                let stage = detail
                    .and_then(InterestStage::parse)
                    .map(t.deal.stage)
                    .unwrap_or_default();
                (t.deal.feed_club_stage)(title, stage)
            }
            FeedEntryKind::MeetingAnswer => {
                let status = detail
                    .and_then(MeetingStatus::parse)
                    .map(t.deal.meeting_status)
                    .unwrap_or_default();
                (t.deal.feed_meeting_answer)(status)
            }
            FeedEntryKind::MeetingRequested => (t.deal.feed_meeting_requested)(title),
            FeedEntryKind::ItemDueSoon => {
                (t.deal.feed_item_due_soon)(title, detail.unwrap_or_default())
            }
            FeedEntryKind::ItemOverdue => {
                (t.deal.feed_item_overdue)(title, detail.unwrap_or_default())
            }
            FeedEntryKind::ForumAccepted => (t.forum.feed_accepted)(title),
            FeedEntryKind::ForumDeclined => (t.forum.feed_declined)(title),
            FeedEntryKind::ForumFeedback => (t.forum.feed_feedback)(title),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::ssr::deal_store::FeedKind> for FeedEntryKind {
    fn from(kind: crate::ssr::deal_store::FeedKind) -> Self {
        use crate::ssr::deal_store::FeedKind;
        match kind {
            FeedKind::Update => FeedEntryKind::Update,
            FeedKind::Revision => FeedEntryKind::Revision,
            FeedKind::ClubStage => FeedEntryKind::ClubStage,
            FeedKind::MeetingAnswer => FeedEntryKind::MeetingAnswer,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::ssr::deal_store::NotificationKind> for FeedEntryKind {
    fn from(kind: crate::ssr::deal_store::NotificationKind) -> Self {
        use crate::ssr::deal_store::NotificationKind;
        match kind {
            NotificationKind::MeetingRequested => FeedEntryKind::MeetingRequested,
            NotificationKind::ReadinessDueSoon => FeedEntryKind::ItemDueSoon,
            NotificationKind::ReadinessOverdue => FeedEntryKind::ItemOverdue,
            NotificationKind::ForumAccepted => FeedEntryKind::ForumAccepted,
            NotificationKind::ForumDeclined => FeedEntryKind::ForumDeclined,
            NotificationKind::ForumFeedback => FeedEntryKind::ForumFeedback,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedEntry {
    pub kind: FeedEntryKind,
    pub company_slug: String,
    pub company_name: String,
    pub title: String,
    pub detail: Option<String>,
    pub proposed_at: Option<DateTime<Utc>>,
    /// A reminder's checklist item.
    pub item: Option<FeedItemRef>,
    /// The forum a forum notification is about.
    pub forum_id: Option<i64>,
    pub at: DateTime<Utc>,
    pub unread: bool,
}

/// The checklist item a reminder is about, titled in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedItemRef {
    pub title_ko: String,
    pub title_en: String,
    pub due_on: chrono::NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedData {
    pub entries: Vec<FeedEntry>,
    pub unread: i64,
}

/// The feed and notifications of the caller, newest first, in one list.
#[server(endpoint = "feed/page")]
pub async fn feed_page() -> Result<FeedData, ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    let actor = require(Action::ManageOwnAccount)?;
    let store = store()?;
    let seen = store
        .feed_seen_at(actor.user_id)
        .await
        .map_err(|err| reject(err.into()))?;
    let unread_since = |at: DateTime<Utc>| seen.is_none_or(|s| at > s);
    let mut entries: Vec<FeedEntry> = store
        .feed(actor.user_id, actor.club_id, FEED_PAGE)
        .await
        .map_err(|err| reject(err.into()))?
        .into_iter()
        .map(|item| FeedEntry {
            kind: item.kind.into(),
            unread: unread_since(item.at),
            company_slug: item.company_slug,
            company_name: item.company_name,
            title: item.title,
            detail: item.detail,
            proposed_at: item.proposed_at,
            item: None,
            forum_id: None,
            at: item.at,
        })
        .collect();
    let notifications = store
        .notifications(actor.user_id, FEED_PAGE)
        .await
        .map_err(|err| reject(err.into()))?;
    entries.extend(notifications.into_iter().map(|n| FeedEntry {
        kind: n.kind.into(),
        unread: n.read_at.is_none(),
        company_slug: n.company_slug,
        company_name: n.company_name,
        title: n.actor_name,
        detail: None,
        proposed_at: None,
        item: n.item.map(|i| FeedItemRef {
            title_ko: i.title_ko,
            title_en: i.title_en,
            due_on: i.due_on,
        }),
        forum_id: n.forum_id,
        at: n.created_at,
    }));
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    entries.truncate(FEED_PAGE as usize);
    let unread = entries.iter().filter(|e| e.unread).count() as i64;
    Ok(FeedData { entries, unread })
}

/// Marks everything up to now as read.
#[server(endpoint = "feed/read")]
pub async fn mark_feed_read() -> Result<(), ApiError> {
    use crate::domain::access::Action;
    use crate::ssr::{guard::require, reject, store};
    let actor = require(Action::ManageOwnAccount)?;
    store()?
        .mark_feed_read(actor.user_id, Utc::now())
        .await
        .map_err(|err| reject(err.into()))
}

/// The header's number: unread feed items and notifications (capped; the
/// header shows "99+" above 99). Nothing is asked for visitors.
#[server(endpoint = "feed/unread")]
pub async fn unread_count() -> Result<i64, ApiError> {
    use crate::ssr::session::current_actor;
    use crate::ssr::{reject, store};
    let Some(actor) = current_actor() else {
        return Ok(0);
    };
    store()?
        .unread_count(actor.user_id, actor.club_id)
        .await
        .map_err(|err| reject(err.into()))
}
