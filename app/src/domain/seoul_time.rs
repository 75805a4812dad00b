//! Dates and times as people in Korea read them: every instant is shown in
//! Asia/Seoul, whatever the server's or the visitor's own time zone.
//!
//! Korea has kept UTC+09:00 with no daylight saving since 1988, so a fixed
//! offset is exact for every date the portal handles. That spares both the
//! server and the browser bundle a time-zone database (no chrono-tz).
//! Timestamps from before 1988 would be shown up to an hour off, and the
//! portal has none.

use crate::i18n::Locale;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

const SEOUL_OFFSET_SECS: i32 = 9 * 3600;

/// English month abbreviations, built in because chrono's localized names
/// need a feature that would bloat the browser bundle.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub fn seoul_offset() -> FixedOffset {
    FixedOffset::east_opt(SEOUL_OFFSET_SECS).expect("+09:00 is within ±24h")
}

/// The same instant, with Seoul's wall-clock fields.
pub fn to_seoul(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&seoul_offset())
}

/// The civil date in Seoul: from 15:00 UTC it is already the next day there.
pub fn seoul_date(t: DateTime<Utc>) -> NaiveDate {
    to_seoul(t).date_naive()
}

/// "2026년 11월 25일" / "25 Nov 2026".
pub fn format_date(t: DateTime<Utc>, locale: Locale) -> String {
    format_naive_date(seoul_date(t), locale)
}

/// As [`format_date`], for values that are already calendar dates (a forum
/// day, a deadline) and so must not be shifted by any offset.
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
///
/// Only the English form names the zone: Korean readers assume Seoul time,
/// while English readers are often abroad and need telling.
pub fn format_date_time(t: DateTime<Utc>, locale: Locale) -> String {
    let date = format_naive_date(seoul_date(t), locale);
    let time = format_time(t, locale);
    match locale {
        Locale::Ko => format!("{date} {time}"),
        Locale::En => format!("{date}, {time} KST"),
    }
}

/// The Seoul time of day alone: "오후 3:05" / "3:05 PM" (no zone; the
/// caller says it once where a line holds two times).
pub fn format_time(t: DateTime<Utc>, locale: Locale) -> String {
    // 12-hour clock in both languages, as Korean sites and phones use it.
    let (is_pm, hour) = to_seoul(t).hour12();
    let minute = to_seoul(t).minute();
    match locale {
        Locale::Ko => format!("{} {hour}:{minute:02}", if is_pm { "오후" } else { "오전" }),
        Locale::En => format!("{hour}:{minute:02} {}", if is_pm { "PM" } else { "AM" }),
    }
}

/// How long ago `t` was, seen from `now`: "방금 전", "5분 전", "3시간 전",
/// "2일 전" / "just now", "1 minute ago", "3 hours ago", "2 days ago".
///
/// Units are truncated (89 minutes is "1 hour ago"), as people expect from
/// feeds. Past 30 days a count of days stops being useful and the date is
/// shown instead. A time up to a minute ahead of `now` is clock skew between
/// server and browser and reads "just now"; anything further ahead is a real
/// future date and is shown as a date.
pub fn format_relative(t: DateTime<Utc>, now: DateTime<Utc>, locale: Locale) -> String {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    const MAX_DAYS: i64 = 30;

    let secs = (now - t).num_seconds();
    if secs < -MINUTE || secs / DAY > MAX_DAYS {
        return format_date(t, locale);
    }
    let (count, unit) = match secs {
        s if s < MINUTE => return just_now(locale).to_string(),
        s if s < HOUR => (s / MINUTE, Unit::Minute),
        s if s < DAY => (s / HOUR, Unit::Hour),
        s => (s / DAY, Unit::Day),
    };
    match locale {
        Locale::Ko => format!("{count}{} 전", unit.korean()),
        Locale::En => {
            let name = unit.english();
            let plural = if count == 1 { "" } else { "s" };
            format!("{count} {name}{plural} ago")
        }
    }
}

fn just_now(locale: Locale) -> &'static str {
    match locale {
        Locale::Ko => "방금 전",
        Locale::En => "just now",
    }
}

#[derive(Clone, Copy)]
enum Unit {
    Minute,
    Hour,
    Day,
}

impl Unit {
    fn korean(self) -> &'static str {
        match self {
            Unit::Minute => "분",
            Unit::Hour => "시간",
            Unit::Day => "일",
        }
    }

    fn english(self) -> &'static str {
        match self {
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn offset_is_plus_nine_hours() {
        assert_eq!(seoul_offset().local_minus_utc(), 9 * 3600);
        assert_eq!(seoul_offset().to_string(), "+09:00");
    }

    #[test]
    fn to_seoul_keeps_the_instant() {
        let t = utc(2026, 11, 24, 16, 30);
        let local = to_seoul(t);
        assert_eq!(local, t);
        assert_eq!(local.to_rfc3339(), "2026-11-25T01:30:00+09:00");
        assert_eq!(local.with_timezone(&Utc), t);
    }

    #[test]
    fn the_seoul_day_starts_at_15_utc() {
        assert_eq!(seoul_date(utc(2026, 11, 24, 14, 59)), date(2026, 11, 24));
        assert_eq!(seoul_date(utc(2026, 11, 24, 15, 0)), date(2026, 11, 25));
        assert_eq!(seoul_date(utc(2026, 11, 24, 16, 30)), date(2026, 11, 25));
        let last_second = Utc.with_ymd_and_hms(2026, 11, 24, 14, 59, 59).unwrap();
        assert_eq!(seoul_date(last_second), date(2026, 11, 24));
    }

    #[test]
    fn day_boundary_crosses_months_years_and_leap_days() {
        assert_eq!(seoul_date(utc(2026, 12, 31, 15, 0)), date(2027, 1, 1));
        assert_eq!(seoul_date(utc(2026, 12, 31, 14, 59)), date(2026, 12, 31));
        assert_eq!(seoul_date(utc(2028, 2, 28, 15, 0)), date(2028, 2, 29));
        assert_eq!(seoul_date(utc(2027, 2, 28, 15, 0)), date(2027, 3, 1));
        assert_eq!(seoul_date(utc(2026, 6, 30, 20, 0)), date(2026, 7, 1));
    }

    #[test]
    fn no_daylight_saving_shift() {
        for month in 1..=12 {
            let t = utc(2026, month, 15, 3, 0);
            assert_eq!(to_seoul(t).hour(), 12, "month {month}");
        }
    }

    #[test]
    fn dates_in_both_languages() {
        let t = utc(2026, 11, 25, 6, 5);
        assert_eq!(format_date(t, Locale::Ko), "2026년 11월 25일");
        assert_eq!(format_date(t, Locale::En), "25 Nov 2026");
        let late = utc(2026, 11, 24, 16, 30);
        assert_eq!(format_date(late, Locale::Ko), "2026년 11월 25일");
        assert_eq!(format_date(late, Locale::En), "25 Nov 2026");
        assert_eq!(
            format_date(utc(2027, 1, 1, 0, 0), Locale::Ko),
            "2027년 1월 1일"
        );
        assert_eq!(format_date(utc(2027, 1, 1, 0, 0), Locale::En), "1 Jan 2027");
    }

    #[test]
    fn every_english_month_name() {
        let names: Vec<String> = (1..=12)
            .map(|m| format_naive_date(date(2026, m, 1), Locale::En))
            .collect();
        assert_eq!(
            names,
            [
                "1 Jan 2026",
                "1 Feb 2026",
                "1 Mar 2026",
                "1 Apr 2026",
                "1 May 2026",
                "1 Jun 2026",
                "1 Jul 2026",
                "1 Aug 2026",
                "1 Sep 2026",
                "1 Oct 2026",
                "1 Nov 2026",
                "1 Dec 2026"
            ]
        );
        assert_eq!(
            format_naive_date(date(2026, 12, 31), Locale::Ko),
            "2026년 12월 31일"
        );
    }

    #[test]
    fn date_times_in_both_languages() {
        let t = utc(2026, 11, 25, 6, 5);
        assert_eq!(
            format_date_time(t, Locale::Ko),
            "2026년 11월 25일 오후 3:05"
        );
        assert_eq!(format_date_time(t, Locale::En), "25 Nov 2026, 3:05 PM KST");
    }

    #[test]
    fn midnight_noon_and_the_date_change() {
        let midnight = utc(2026, 11, 24, 15, 0);
        assert_eq!(
            format_date_time(midnight, Locale::Ko),
            "2026년 11월 25일 오전 12:00"
        );
        assert_eq!(
            format_date_time(midnight, Locale::En),
            "25 Nov 2026, 12:00 AM KST"
        );
        let before_midnight = Utc.with_ymd_and_hms(2026, 11, 24, 14, 59, 59).unwrap();
        assert_eq!(
            format_date_time(before_midnight, Locale::Ko),
            "2026년 11월 24일 오후 11:59"
        );
        assert_eq!(
            format_date_time(before_midnight, Locale::En),
            "24 Nov 2026, 11:59 PM KST"
        );
        let noon = utc(2026, 11, 25, 3, 0);
        assert_eq!(
            format_date_time(noon, Locale::Ko),
            "2026년 11월 25일 오후 12:00"
        );
        assert_eq!(
            format_date_time(noon, Locale::En),
            "25 Nov 2026, 12:00 PM KST"
        );
        let morning = utc(2026, 11, 25, 0, 9);
        assert_eq!(
            format_date_time(morning, Locale::Ko),
            "2026년 11월 25일 오전 9:09"
        );
        assert_eq!(
            format_date_time(morning, Locale::En),
            "25 Nov 2026, 9:09 AM KST"
        );
    }

    #[test]
    fn relative_times_in_both_languages() {
        let now = utc(2026, 11, 25, 12, 0);
        let ago = |secs: i64| now - TimeDelta::seconds(secs);
        let cases = [
            (0, "방금 전", "just now"),
            (59, "방금 전", "just now"),
            (60, "1분 전", "1 minute ago"),
            (119, "1분 전", "1 minute ago"),
            (300, "5분 전", "5 minutes ago"),
            (3_599, "59분 전", "59 minutes ago"),
            (3_600, "1시간 전", "1 hour ago"),
            (3 * 3_600, "3시간 전", "3 hours ago"),
            (86_399, "23시간 전", "23 hours ago"),
            (86_400, "1일 전", "1 day ago"),
            (2 * 86_400, "2일 전", "2 days ago"),
            (30 * 86_400, "30일 전", "30 days ago"),
            (31 * 86_400 - 1, "30일 전", "30 days ago"),
        ];
        for (secs, want_ko, want_en) in cases {
            assert_eq!(
                format_relative(ago(secs), now, Locale::Ko),
                want_ko,
                "{secs}s"
            );
            assert_eq!(
                format_relative(ago(secs), now, Locale::En),
                want_en,
                "{secs}s"
            );
        }
    }

    #[test]
    fn relative_falls_back_to_the_date_after_30_days() {
        let now = utc(2026, 11, 25, 12, 0);
        let old = now - TimeDelta::days(31);
        assert_eq!(format_relative(old, now, Locale::Ko), "2026년 10월 25일");
        assert_eq!(format_relative(old, now, Locale::En), "25 Oct 2026");
        let older = now - TimeDelta::days(400);
        assert_eq!(format_relative(older, now, Locale::En), "21 Oct 2025");
        // The fallback date is the Seoul date, not the UTC one.
        let evening_utc = utc(2026, 9, 1, 20, 0);
        assert_eq!(
            format_relative(evening_utc, now, Locale::Ko),
            "2026년 9월 2일"
        );
    }

    #[test]
    fn future_times() {
        let now = utc(2026, 11, 25, 12, 0);
        let ahead = |secs: i64| now + TimeDelta::seconds(secs);
        assert_eq!(format_relative(ahead(30), now, Locale::En), "just now");
        assert_eq!(format_relative(ahead(60), now, Locale::Ko), "방금 전");
        assert_eq!(
            format_relative(ahead(61), now, Locale::Ko),
            "2026년 11월 25일"
        );
        assert_eq!(
            format_relative(ahead(3 * 86_400), now, Locale::En),
            "28 Nov 2026"
        );
    }
}
