//! What the portal's e-mails say: the meeting request to a company's
//! members and the daily digest, each in the recipient's language with
//! absolute links (a mail client has no page to resolve a path against).
//!
//! Plain UTF-8 text only: every client shows it, nothing in it can run,
//! and the Korean subject is encoded by the sender (RFC 2047).

use super::deal_store::{FeedItem, NotificationRecord};
use super::mail_store::{MailKind, MailRecipient, NewMail};
use super::reminder_store::{Reminder, ReminderKind};
use crate::api::feed::FeedEntryKind;
use crate::domain::seoul_time::{format_date_time, format_naive_date};
use crate::i18n::Locale;
use chrono::{DateTime, NaiveDate, Utc};

/// The portal's public address (`PITCHBRIDGE_PUBLIC_URL`), provided to
/// every request by the server: links in mail must be absolute.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub std::sync::Arc<str>);

/// The public address from the request's context, when the server set one.
pub fn public_url() -> Option<PublicUrl> {
    leptos::prelude::use_context::<PublicUrl>()
}

/// Digest lines listed; the rest is counted ("and 3 more").
pub const DIGEST_MAX_ITEMS: usize = 20;

/// The facts of one meeting request, as the store read them in the
/// request's transaction.
#[derive(Clone, Debug)]
pub struct MeetingRequestFacts<'a> {
    pub company_slug: &'a str,
    pub company_name_ko: &'a str,
    pub company_name_en: Option<&'a str>,
    pub investor_name: &'a str,
    pub club_name: Option<&'a str>,
    pub message: &'a str,
}

fn locale_of(recipient: &MailRecipient) -> Locale {
    Locale::from_code(&recipient.locale).unwrap_or_default()
}

/// `https://example.kr` + `/path`, whatever slash the base ends with.
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{}{path}", base_url.trim_end_matches('/'))
}

/// The message telling one of the company's members about a request.
pub fn meeting_request(
    facts: &MeetingRequestFacts<'_>,
    recipient: &MailRecipient,
    base_url: &str,
) -> NewMail {
    let locale = locale_of(recipient);
    let t = locale.strings().mail;
    let company = match locale {
        Locale::En => facts.company_name_en.unwrap_or(facts.company_name_ko),
        Locale::Ko => facts.company_name_ko,
    };
    let club = facts.club_name.unwrap_or_default();
    let mut body = String::new();
    body.push_str(&(t.meeting_greeting)(&recipient.display_name));
    body.push_str("\n\n");
    body.push_str(&(t.meeting_intro)(club, facts.investor_name, company));
    body.push_str("\n\n");
    if !facts.message.trim().is_empty() {
        body.push_str(t.meeting_message_label);
        body.push('\n');
        for line in facts.message.lines() {
            body.push_str("> ");
            body.push_str(line);
            body.push('\n');
        }
        body.push('\n');
    }
    body.push_str(t.meeting_answer_cta);
    body.push('\n');
    body.push_str(&absolute(
        base_url,
        &format!("/companies/{}/interest", facts.company_slug),
    ));
    body.push_str("\n\n");
    body.push_str(t.signature);
    body.push('\n');
    NewMail {
        user_id: Some(recipient.user_id),
        to_address: recipient.email.clone(),
        to_name: recipient.display_name.clone(),
        subject: (t.meeting_subject)(club, facts.investor_name),
        body_text: body,
        body_html: None,
        unsubscribe_url: None,
        kind: MailKind::MeetingRequest,
        dedupe_key: None,
    }
}

/// The digest's dedupe key: one per user and Seoul day, whichever process
/// queues it.
pub fn digest_key(user_id: i64, day: NaiveDate) -> String {
    format!("digest:{user_id}:{day}")
}

/// The daily digest, or `None` when nothing is new since `since`.
/// `feed` and `notifications` are the user's newest, as the feed page
/// reads them; only what came after `since` (and, for notifications, what
/// is still unread) is told.
pub fn digest(
    recipient: &MailRecipient,
    feed: &[FeedItem],
    notifications: &[NotificationRecord],
    since: Option<DateTime<Utc>>,
    day: NaiveDate,
    base_url: &str,
    unsubscribe_url: &str,
) -> Option<NewMail> {
    let locale = locale_of(recipient);
    let t = locale.strings().mail;
    let is_new = |at: DateTime<Utc>| since.is_none_or(|s| at > s);
    let mut lines: Vec<(DateTime<Utc>, String)> = feed
        .iter()
        .filter(|item| is_new(item.at))
        .map(|item| {
            let line = format!(
                "• {}: {} ({})",
                item.company_name,
                FeedEntryKind::from(item.kind).describe(
                    locale.strings(),
                    &item.title,
                    item.detail.as_deref()
                ),
                format_date_time(item.at, locale)
            );
            (item.at, line)
        })
        .collect();
    lines.extend(
        notifications
            .iter()
            // Readiness reminders are mailed on their own when they happen.
            .filter(|n| n.read_at.is_none() && is_new(n.created_at) && !n.kind.is_reminder())
            .map(|n| {
                let line = format!(
                    "• {}: {} ({})",
                    n.company_name,
                    FeedEntryKind::from(n.kind).describe(locale.strings(), &n.actor_name, None),
                    format_date_time(n.created_at, locale)
                );
                (n.created_at, line)
            }),
    );
    if lines.is_empty() {
        return None;
    }
    lines.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let count = lines.len();
    let mut body = String::new();
    body.push_str(&(t.digest_greeting)(&recipient.display_name));
    body.push_str("\n\n");
    body.push_str(t.digest_intro);
    body.push_str("\n\n");
    for (_, line) in lines.iter().take(DIGEST_MAX_ITEMS) {
        body.push_str(line);
        body.push('\n');
    }
    if count > DIGEST_MAX_ITEMS {
        body.push_str(&(t.digest_more)(count - DIGEST_MAX_ITEMS));
        body.push('\n');
    }
    body.push('\n');
    body.push_str(t.digest_open_feed);
    body.push('\n');
    body.push_str(&absolute(base_url, "/feed"));
    body.push_str("\n\n");
    body.push_str(t.signature);
    body.push_str("\n\n-- \n");
    body.push_str(t.digest_why);
    body.push('\n');
    body.push_str(t.digest_unsubscribe);
    body.push('\n');
    body.push_str(unsubscribe_url);
    body.push('\n');
    Some(NewMail {
        user_id: Some(recipient.user_id),
        to_address: recipient.email.clone(),
        to_name: recipient.display_name.clone(),
        subject: (t.digest_subject)(&format_naive_date(day, locale), count),
        body_text: body,
        body_html: None,
        unsubscribe_url: Some(unsubscribe_url.to_string()),
        kind: MailKind::Digest,
        dedupe_key: Some(digest_key(recipient.user_id, day)),
    })
}

/// One e-mail telling a person about their new readiness reminders
/// (`reminders` all theirs, at least one): each item with its company and
/// due date, then one link per company's readiness page. `None` for an
/// empty list.
pub fn readiness_reminder(
    reminders: &[Reminder],
    today: NaiveDate,
    base_url: &str,
) -> Option<NewMail> {
    use crate::domain::seoul_time::format_naive_date;
    let first = reminders.first()?;
    let recipient = &first.recipient;
    let locale = locale_of(recipient);
    let t = locale.strings().mail;
    let company_name = |r: &Reminder| match locale {
        Locale::En => r
            .company_name_en
            .clone()
            .unwrap_or_else(|| r.company_name_ko.clone()),
        Locale::Ko => r.company_name_ko.clone(),
    };
    let mut ordered: Vec<&Reminder> = reminders.iter().collect();
    ordered.sort_by(|a, b| {
        (&a.company_name_ko, a.due_on, a.item_id).cmp(&(&b.company_name_ko, b.due_on, b.item_id))
    });
    let mut body = String::new();
    body.push_str(&(t.digest_greeting)(&recipient.display_name));
    body.push_str("\n\n");
    body.push_str(t.reminder_intro);
    body.push_str("\n\n");
    for r in &ordered {
        let title = match locale {
            Locale::En => &r.title_en,
            Locale::Ko => &r.title_ko,
        };
        let due = (t.reminder_due)(
            &format_naive_date(r.due_on, locale),
            (r.due_on - today).num_days(),
        );
        body.push_str(&format!("• {} — {title}: {due}\n", company_name(r)));
    }
    body.push('\n');
    body.push_str(t.reminder_open);
    body.push('\n');
    let mut slugs: Vec<&str> = ordered.iter().map(|r| r.company_slug.as_str()).collect();
    slugs.dedup();
    for slug in slugs {
        body.push_str(&absolute(base_url, &format!("/companies/{slug}/readiness")));
        body.push('\n');
    }
    body.push('\n');
    body.push_str(t.signature);
    body.push_str("\n\n-- \n");
    body.push_str(if reminders.iter().any(|r| r.as_consultant) {
        t.reminder_why_consultant
    } else {
        t.reminder_why_member
    });
    body.push('\n');
    let overdue = reminders
        .iter()
        .filter(|r| r.kind == ReminderKind::Overdue)
        .count();
    Some(NewMail {
        user_id: Some(recipient.user_id),
        to_address: recipient.email.clone(),
        to_name: recipient.display_name.clone(),
        subject: (t.reminder_subject)(reminders.len(), overdue),
        body_text: body,
        body_html: None,
        unsubscribe_url: None,
        kind: MailKind::ReadinessReminder,
        // No key of its own: only the transaction that recorded its
        // reminders queues it, and that happens once per reminder.
        dedupe_key: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::deal_store::FeedKind;

    fn founder(locale: &str) -> MailRecipient {
        MailRecipient {
            user_id: 7,
            email: "founder@example.kr".into(),
            display_name: "이대표".into(),
            locale: locale.into(),
        }
    }

    fn facts() -> MeetingRequestFacts<'static> {
        MeetingRequestFacts {
            company_slug: "hangang-robotics",
            company_name_ko: "한강로보틱스",
            company_name_en: Some("Hangang Robotics"),
            investor_name: "김투자",
            club_name: Some("한강엔젤클럽"),
            message: "다음 주에 뵙고 싶습니다.\n화요일 어떠세요?",
        }
    }

    #[test]
    fn meeting_request_in_korean_names_club_investor_and_link() {
        let mail = meeting_request(&facts(), &founder("ko"), "https://pb.example/");
        assert_eq!(
            mail.subject,
            "[Pitchbridge] 한강엔젤클럽 김투자 님이 미팅을 요청했습니다"
        );
        assert!(mail.body_text.contains("> 다음 주에 뵙고 싶습니다."));
        assert!(mail.body_text.contains("> 화요일 어떠세요?"));
        assert!(mail
            .body_text
            .contains("https://pb.example/companies/hangang-robotics/interest"));
        assert_eq!(mail.kind, MailKind::MeetingRequest);
        assert_eq!(mail.to_address, "founder@example.kr");
    }

    #[test]
    fn meeting_request_in_english_uses_the_english_company_name() {
        let mail = meeting_request(&facts(), &founder("en"), "https://pb.example");
        assert!(
            mail.subject.contains("requested a meeting"),
            "{}",
            mail.subject
        );
        assert!(mail.body_text.contains("Hangang Robotics"));
    }

    #[test]
    fn digest_only_tells_what_is_new_and_carries_the_unsubscribe_link() {
        let old = "2026-03-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let new = "2026-03-03T00:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let item = |title: &str, at| FeedItem {
            kind: FeedKind::Update,
            company_slug: "c".into(),
            company_name: "한강로보틱스".into(),
            title: title.into(),
            detail: None,
            proposed_at: None,
            at,
        };
        let feed = [item("신규 계약", new), item("옛 소식", old)];
        let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        let since = Some("2026-03-02T00:00:00Z".parse().unwrap());
        let mail = digest(
            &founder("ko"),
            &feed,
            &[],
            since,
            day,
            "https://pb",
            "https://pb/u?t=x",
        )
        .expect("one new item");
        assert!(mail.body_text.contains("새 소식: 신규 계약"));
        assert!(!mail.body_text.contains("옛 소식"));
        assert!(mail.body_text.contains("https://pb/u?t=x"));
        assert_eq!(mail.subject, "[Pitchbridge] 2026년 3월 4일 새 소식 1건");
        assert_eq!(mail.dedupe_key.as_deref(), Some("digest:7:2026-03-04"));
        let later = Some(new);
        assert!(digest(&founder("ko"), &feed, &[], later, day, "https://pb", "u").is_none());
    }
}
