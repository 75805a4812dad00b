//! Strings of e-mail: the meeting-request message to founders, the daily
//! digest, the digest setting on `/account` and the unsubscribe page. Both
//! languages side by side.

pub struct MailStrings {
    /// `[Pitchbridge] 한강엔젤클럽 김투자 님이 미팅을 요청했습니다`; the club
    /// is empty for an investor without one.
    pub meeting_subject: fn(club: &str, investor: &str) -> String,
    pub meeting_greeting: fn(name: &str) -> String,
    pub meeting_intro: fn(club: &str, investor: &str, company: &str) -> String,
    pub meeting_message_label: &'static str,
    pub meeting_answer_cta: &'static str,

    pub digest_subject: fn(date: &str, count: usize) -> String,
    pub digest_greeting: fn(name: &str) -> String,
    pub digest_intro: &'static str,
    pub digest_more: fn(usize) -> String,
    pub digest_open_feed: &'static str,
    pub digest_why: &'static str,
    pub digest_unsubscribe: &'static str,

    /// `[Pitchbridge] 준비도 항목 3건: 마감 지남 1건`
    pub reminder_subject: fn(count: usize, overdue: usize) -> String,
    pub reminder_intro: &'static str,
    /// `마감 12월 5일 (3일 남음)` / `마감 11월 20일 지남`
    pub reminder_due: fn(date: &str, days_left: i64) -> String,
    pub reminder_open: &'static str,
    pub reminder_why_member: &'static str,
    pub reminder_why_consultant: &'static str,

    /// Footer of every message.
    pub signature: &'static str,

    // /account
    pub settings_title: &'static str,
    pub digest_opt_in_label: &'static str,
    pub digest_opt_in_hint: &'static str,

    // /mail/unsubscribe
    pub unsubscribe_title: &'static str,
    pub unsubscribe_confirm: fn(email: &str) -> String,
    pub unsubscribe_button: &'static str,
    pub unsubscribed: &'static str,
    pub unsubscribed_hint: &'static str,
    pub unsubscribe_invalid: &'static str,
    pub unsubscribe_failed: &'static str,
}

pub static KO: MailStrings = MailStrings {
    meeting_subject: |club, investor| {
        if club.is_empty() {
            format!("[Pitchbridge] {investor} 님이 미팅을 요청했습니다")
        } else {
            format!("[Pitchbridge] {club} {investor} 님이 미팅을 요청했습니다")
        }
    },
    meeting_greeting: |name| format!("{name} 님, 안녕하세요."),
    meeting_intro: |club, investor, company| {
        if club.is_empty() {
            format!("{investor} 님이 {company}에 미팅을 요청했습니다.")
        } else {
            format!("{club}의 {investor} 님이 {company}에 미팅을 요청했습니다.")
        }
    },
    meeting_message_label: "투자자의 메시지:",
    meeting_answer_cta: "관심 현황 페이지에서 수락하거나 거절할 수 있습니다:",
    digest_subject: |date, count| format!("[Pitchbridge] {date} 새 소식 {count}건"),
    digest_greeting: |name| format!("{name} 님, 안녕하세요."),
    digest_intro: "지난 알림 이후 새로 올라온 소식입니다.",
    digest_more: |n| format!("그 밖에 {n}건이 더 있습니다."),
    digest_open_feed: "피드에서 모두 보기:",
    digest_why: "계정 설정에서 일일 요약 메일을 받겠다고 선택하셨기 때문에 이 메일을 받으셨습니다.",
    digest_unsubscribe: "더 이상 받지 않으려면:",
    reminder_subject: |count, overdue| {
        if overdue > 0 {
            format!("[Pitchbridge] 준비도 항목 {count}건 마감 알림 (마감 지남 {overdue}건)")
        } else {
            format!("[Pitchbridge] 준비도 항목 {count}건 마감 알림")
        }
    },
    reminder_intro: "준비도 체크리스트에 마감이 다가오거나 지난 항목이 있습니다.",
    reminder_due: |date, days_left| match days_left {
        d if d < 0 => format!("마감 {date} ({}일 지남)", -d),
        0 => format!("마감 {date} (오늘)"),
        d => format!("마감 {date} ({d}일 남음)"),
    },
    reminder_open: "준비도 페이지에서 확인하기:",
    reminder_why_member: "이 회사의 구성원이어서 이 메일을 받으셨습니다. 항목마다 마감 전 7일과 마감이 지난 뒤 한 번씩 보냅니다.",
    reminder_why_consultant: "이 회사의 담당 컨설턴트여서 이 메일을 받으셨습니다. 항목마다 마감 전 7일과 마감이 지난 뒤 한 번씩 보냅니다.",
    signature: "— 피치브리지",
    settings_title: "알림 메일",
    digest_opt_in_label: "매일 아침 새 소식 요약 메일 받기",
    digest_opt_in_hint: "새 소식이 있는 날에만, 오전 8시 이후 한 번 보냅니다.",
    unsubscribe_title: "요약 메일 수신 거부",
    unsubscribe_confirm: |email| {
        format!("{email} 주소로 보내는 일일 요약 메일을 그만 받으시겠습니까?")
    },
    unsubscribe_button: "수신 거부",
    unsubscribed: "일일 요약 메일 수신을 거부했습니다.",
    unsubscribed_hint: "계정 설정에서 언제든 다시 받을 수 있습니다.",
    unsubscribe_invalid:
        "수신 거부 링크가 올바르지 않거나 만료되었습니다. 계정 설정에서 변경해 주세요.",
    unsubscribe_failed: "지금은 처리할 수 없습니다. 잠시 후 다시 시도해 주세요.",
};

pub static EN: MailStrings = MailStrings {
    meeting_subject: |club, investor| {
        if club.is_empty() {
            format!("[Pitchbridge] {investor} requested a meeting")
        } else {
            format!("[Pitchbridge] {investor} ({club}) requested a meeting")
        }
    },
    meeting_greeting: |name| format!("Hello {name},"),
    meeting_intro: |club, investor, company| {
        if club.is_empty() {
            format!("{investor} asked {company} for a meeting.")
        } else {
            format!("{investor} of {club} asked {company} for a meeting.")
        }
    },
    meeting_message_label: "The investor's message:",
    meeting_answer_cta: "Accept or decline on the interest page:",
    digest_subject: |date, count| {
        if count == 1 {
            format!("[Pitchbridge] 1 new item, {date}")
        } else {
            format!("[Pitchbridge] {count} new items, {date}")
        }
    },
    digest_greeting: |name| format!("Hello {name},"),
    digest_intro: "Here is what is new since your last digest.",
    digest_more: |n| format!("And {n} more."),
    digest_open_feed: "See everything in your feed:",
    digest_why: "You receive this because you asked for the daily digest in your account settings.",
    digest_unsubscribe: "To stop receiving it:",
    reminder_subject: |count, overdue| {
        let items = if count == 1 { "1 readiness item".to_string() } else { format!("{count} readiness items") };
        if overdue > 0 {
            format!("[Pitchbridge] {items} due ({overdue} overdue)")
        } else {
            format!("[Pitchbridge] {items} due soon")
        }
    },
    reminder_intro: "Some readiness checklist items are due soon or overdue.",
    reminder_due: |date, days_left| match days_left {
        d if d < 0 => format!("due {date} ({} days overdue)", -d),
        0 => format!("due {date} (today)"),
        1 => format!("due {date} (tomorrow)"),
        d => format!("due {date} (in {d} days)"),
    },
    reminder_open: "Open the readiness page:",
    reminder_why_member: "You receive this as a member of the company. Each item is reminded once in the 7 days before it is due and once when it is overdue.",
    reminder_why_consultant: "You receive this as the company's assigned consultant. Each item is reminded once in the 7 days before it is due and once when it is overdue.",
    signature: "— Pitchbridge",
    settings_title: "E-mail",
    digest_opt_in_label: "Send me a daily digest of what is new",
    digest_opt_in_hint: "Only on days with news, once after 8 AM (Korea time).",
    unsubscribe_title: "Unsubscribe from the digest",
    unsubscribe_confirm: |email| format!("Stop sending the daily digest to {email}?"),
    unsubscribe_button: "Unsubscribe",
    unsubscribed: "You will no longer receive the daily digest.",
    unsubscribed_hint: "You can turn it back on in your account settings at any time.",
    unsubscribe_invalid: "This unsubscribe link is not valid or has expired. Please change the setting on your account page.",
    unsubscribe_failed: "This cannot be done right now. Please try again in a moment.",
};
