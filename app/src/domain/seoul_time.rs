//! Dates and times as people in Korea read them. Korea has kept UTC+09:00
//! with no daylight saving since 1988, so a fixed offset is exact for every
//! date the portal handles and spares the browser bundle a time-zone
//! database.

use crate::i18n::Locale;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

const SEOUL_OFFSET_SECS: i32 = 9 * 3600;

pub fn seoul_offset() -> FixedOffset {
    FixedOffset::east_opt(SEOUL_OFFSET_SECS).expect("+09:00 is a valid offset")
}

pub fn to_seoul(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&seoul_offset())
}

/// The calendar date in Seoul (16:30 UTC is already tomorrow there).
pub fn seoul_date(t: DateTime<Utc>) -> NaiveDate {
    to_seoul(t).date_naive()
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "2026년 11월 25일" / "25 Nov 2026".
pub fn format_date(t: DateTime<Utc>, locale: Locale) -> String {
    format_naive_date(seoul_date(t), locale)
}

pub fn format_naive_date(d: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::Ko => format!("{}년 {}월 {}일", d.year(), d.month(), d.day()),
        Locale::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS_EN[d.month0() as usize],
            d.year()
        ),
    }
}

/// "2026년 11월 25일 오후 3:05" / "25 Nov 2026, 3:05 PM KST".
pub fn format_date_time(t: DateTime<Utc>, locale: Locale) -> String {
    let local = to_seoul(t);
    let (is_pm, hour12) = local.hour12();
    let date = format_date(t, locale);
    let minute = local.minute();
    match locale {
        Locale::Ko => {
            let half = if is_pm { "오후" } else { "오전" };
            format!("{date} {half} {hour12}:{minute:02}")
        }
        Locale::En => {
            let half = if is_pm { "PM" } else { "AM" };
            format!("{date}, {hour12}:{minute:02} {half} KST")
        }
    }
}

/// "5분 전" / "5 minutes ago"; past 30 days, the date itself.
pub fn format_relative(t: DateTime<Utc>, now: DateTime<Utc>, locale: Locale) -> String {
    let secs = (now - t).num_seconds().max(0);
    let (minutes, hours, days) = (secs / 60, secs / 3600, secs / 86_400);
    let plural = |n: i64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one} ago")
        } else {
            format!("{n} {many} ago")
        }
    };
    match locale {
        Locale::Ko => match () {
            _ if minutes < 1 => "방금 전".to_string(),
            _ if hours < 1 => format!("{minutes}분 전"),
            _ if days < 1 => format!("{hours}시간 전"),
            _ if days <= 30 => format!("{days}일 전"),
            _ => format_date(t, locale),
        },
        Locale::En => match () {
            _ if minutes < 1 => "just now".to_string(),
            _ if hours < 1 => plural(minutes, "minute", "minutes"),
            _ if days < 1 => plural(hours, "hour", "hours"),
            _ if days <= 30 => plural(days, "day", "days"),
            _ => format_date(t, locale),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn the_seoul_day_starts_at_15_utc() {
        assert_eq!(
            seoul_date(utc(2026, 11, 24, 14, 59)),
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
        );
        assert_eq!(
            seoul_date(utc(2026, 11, 24, 15, 0)),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        );
        assert_eq!(
            seoul_date(utc(2026, 12, 31, 16, 30)),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
    }

    #[test]
    fn dates_in_both_languages() {
        let t = utc(2026, 11, 25, 6, 5);
        assert_eq!(format_date(t, Locale::Ko), "2026년 11월 25일");
        assert_eq!(format_date(t, Locale::En), "25 Nov 2026");
        assert_eq!(
            format_date_time(t, Locale::Ko),
            "2026년 11월 25일 오후 3:05"
        );
        assert_eq!(format_date_time(t, Locale::En), "25 Nov 2026, 3:05 PM KST");
        let morning = utc(2026, 11, 24, 15, 30);
        assert_eq!(
            format_date_time(morning, Locale::Ko),
            "2026년 11월 25일 오전 12:30"
        );
        assert_eq!(
            format_date_time(morning, Locale::En),
            "25 Nov 2026, 12:30 AM KST"
        );
    }

    #[test]
    fn relative_times() {
        let now = utc(2026, 11, 25, 12, 0);
        let ago = |secs: i64| now - chrono::Duration::seconds(secs);
        assert_eq!(format_relative(ago(20), now, Locale::Ko), "방금 전");
        assert_eq!(format_relative(ago(20), now, Locale::En), "just now");
        assert_eq!(format_relative(ago(300), now, Locale::Ko), "5분 전");
        assert_eq!(format_relative(ago(60), now, Locale::En), "1 minute ago");
        assert_eq!(format_relative(ago(300), now, Locale::En), "5 minutes ago");
        assert_eq!(format_relative(ago(3 * 3600), now, Locale::Ko), "3시간 전");
        assert_eq!(format_relative(ago(3600), now, Locale::En), "1 hour ago");
        assert_eq!(format_relative(ago(2 * 86_400), now, Locale::Ko), "2일 전");
        assert_eq!(
            format_relative(ago(2 * 86_400), now, Locale::En),
            "2 days ago"
        );
        assert_eq!(
            format_relative(ago(40 * 86_400), now, Locale::Ko),
            "2026년 10월 16일"
        );
        assert_eq!(
            format_relative(now + chrono::Duration::seconds(30), now, Locale::En),
            "just now"
        );
    }
}
