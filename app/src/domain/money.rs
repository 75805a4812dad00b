//! Money as whole Korean won. Stored as `i64`, shown the Korean way
//! (20억원, 3,500만원, 1억 2,000만원) or in English (KRW 2.0B, KRW 35M), and
//! parsed from what people type ("20억", "3,500만원", "200,000,000").

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// The largest amount the portal accepts: 1경원 (10^16 won).
pub const MAX_WON: i64 = 10_000_000_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Won(pub i64);

impl Won {
    pub const fn new(amount: i64) -> Self {
        Won(amount)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoneyError {
    Empty,
    Negative,
    Malformed,
    TooLarge,
}

impl MoneyError {
    pub fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (MoneyError::Empty, Locale::Ko) => "금액을 입력해 주세요.",
            (MoneyError::Empty, Locale::En) => "Please enter an amount.",
            (MoneyError::Negative, Locale::Ko) => "금액은 0원 이상이어야 합니다.",
            (MoneyError::Negative, Locale::En) => "The amount cannot be negative.",
            (MoneyError::Malformed, Locale::Ko) => {
                "금액 형식을 알 수 없습니다. 예: 20억, 3,500만원, 200,000,000"
            }
            (MoneyError::Malformed, Locale::En) => {
                "That amount is not understood. Examples: 20억, 3,500만원, 200,000,000, KRW 35M"
            }
            (MoneyError::TooLarge, Locale::Ko) => "금액이 너무 큽니다.",
            (MoneyError::TooLarge, Locale::En) => "The amount is too large.",
        }
    }
}

impl std::fmt::Display for MoneyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message(Locale::En))
    }
}

impl std::error::Error for MoneyError {}

/// "1234567" -> "1,234,567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

const MAN: u64 = 10_000;
const EOK: u64 = 100_000_000;
const JO: u64 = 1_000_000_000_000;
const GYEONG: u64 = 10_000_000_000_000_000;

/// Formats an amount for people.
///
/// Korean: 조/억/만 groups with thousands separators inside each group, zero
/// groups left out, "원" at the end (1,234,567,890 -> "12억 3,456만 7,890원").
///
/// English: "KRW" with T/B/M suffixes. Trillions and billions always show one
/// decimal (KRW 2.0B); millions show one only when it is not zero (KRW 35M,
/// KRW 1.5M); below a million the exact figure (KRW 5,000). Rounding is half
/// away from zero, in integers.
pub fn format_won(amount: Won, locale: Locale) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let n = amount.0.unsigned_abs();
    match locale {
        Locale::Ko => format!("{sign}{}", korean_units(n)),
        Locale::En => format!("{sign}KRW {}", english_units(n)),
    }
}

/// Every digit, for tables and tooltips: "2,000,000,000원".
pub fn format_won_full(amount: Won) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    format!("{sign}{}원", group_thousands(amount.0.unsigned_abs()))
}

fn korean_units(n: u64) -> String {
    if n == 0 {
        return "0원".to_string();
    }
    let groups = [
        (n / GYEONG, "경"),
        (n % GYEONG / JO, "조"),
        (n % JO / EOK, "억"),
        (n % EOK / MAN, "만"),
        (n % MAN, ""),
    ];
    let parts: Vec<String> = groups
        .iter()
        .filter(|(value, _)| *value > 0)
        .map(|(value, unit)| format!("{}{unit}", group_thousands(*value)))
        .collect();
    format!("{}원", parts.join(" "))
}

/// `n / unit` rounded half away from zero to tenths, as (whole, tenth).
fn tenths(n: u64, unit: u64) -> (u64, u64) {
    let scaled = (n as u128 * 10 + unit as u128 / 2) / unit as u128;
    ((scaled / 10) as u64, (scaled % 10) as u64)
}

fn english_units(n: u64) -> String {
    const MILLION: u64 = 1_000_000;
    const BILLION: u64 = 1_000_000_000;
    const TRILLION: u64 = 1_000_000_000_000;
    if n >= TRILLION {
        let (w, t) = tenths(n, TRILLION);
        format!("{}.{t}T", group_thousands(w))
    } else if n >= BILLION {
        let (w, t) = tenths(n, BILLION);
        // 999.95B rounds up into the next unit.
        if w >= 1000 {
            "1.0T".to_string()
        } else {
            format!("{w}.{t}B")
        }
    } else if n >= MILLION {
        let (w, t) = tenths(n, MILLION);
        if w >= 1000 {
            "1.0B".to_string()
        } else if t == 0 {
            format!("{w}M")
        } else {
            format!("{w}.{t}M")
        }
    } else {
        group_thousands(n)
    }
}

/// Parses an amount as people type it: Korean units ("20억", "1억 2,000만원",
/// "1.5억"), plain numbers with or without separators ("200,000,000원",
/// "₩200,000,000"), or English suffixes ("KRW 35M", "2.0B").
pub fn parse_won(input: &str) -> Result<Won, MoneyError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(MoneyError::Empty);
    }
    if trimmed.starts_with('-') || trimmed.starts_with('−') {
        return Err(MoneyError::Negative);
    }
    let mut s: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in ["KRW", "krw", "₩", "￦"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    if let Some(rest) = s.strip_suffix('원') {
        s = rest.to_string();
    }
    if s.is_empty() {
        return Err(MoneyError::Malformed);
    }
    let value = if s.ends_with(['M', 'm', 'B', 'b', 'T', 't']) {
        parse_english(&s)?
    } else {
        parse_korean(&s)?
    };
    if value > MAX_WON as u128 {
        return Err(MoneyError::TooLarge);
    }
    Ok(Won(value as i64))
}

fn parse_english(s: &str) -> Result<u128, MoneyError> {
    let (number, suffix) = s.split_at(s.len() - 1);
    let unit: u128 = match suffix {
        "M" | "m" => 1_000_000,
        "B" | "b" => 1_000_000_000,
        _ => 1_000_000_000_000,
    };
    decimal_times(number, unit)
}

fn parse_korean(s: &str) -> Result<u128, MoneyError> {
    const UNITS: [(char, u128); 4] = [
        ('경', GYEONG as u128),
        ('조', JO as u128),
        ('억', EOK as u128),
        ('만', MAN as u128),
    ];
    let mut total: u128 = 0;
    let mut rest = s;
    // Units must appear largest first, each at most once.
    let mut next_unit = 0;
    while !rest.is_empty() {
        match rest.find(|c: char| UNITS.iter().any(|(u, _)| *u == c)) {
            Some(pos) => {
                let unit_char = rest[pos..].chars().next().ok_or(MoneyError::Malformed)?;
                let index = UNITS
                    .iter()
                    .position(|(u, _)| *u == unit_char)
                    .ok_or(MoneyError::Malformed)?;
                if index < next_unit {
                    return Err(MoneyError::Malformed);
                }
                let number = &rest[..pos];
                if number.is_empty() {
                    return Err(MoneyError::Malformed);
                }
                total = total
                    .checked_add(decimal_times(number, UNITS[index].1)?)
                    .ok_or(MoneyError::TooLarge)?;
                next_unit = index + 1;
                rest = &rest[pos + unit_char.len_utf8()..];
            }
            None => {
                total = total
                    .checked_add(whole_number(rest)?)
                    .ok_or(MoneyError::TooLarge)?;
                rest = "";
            }
        }
    }
    Ok(total)
}

/// "1,234" or "1234" -> 1234. Separators must sit every three digits.
fn whole_number(s: &str) -> Result<u128, MoneyError> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return Err(MoneyError::Malformed);
    }
    if s.contains(',') {
        let groups: Vec<&str> = s.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(MoneyError::Malformed);
        }
    }
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    if digits.len() > 20 {
        return Err(MoneyError::TooLarge);
    }
    digits.parse::<u128>().map_err(|_| MoneyError::Malformed)
}

/// "1.5" × unit, which must come out to whole won.
fn decimal_times(number: &str, unit: u128) -> Result<u128, MoneyError> {
    let (whole, fraction) = match number.split_once('.') {
        Some((w, f)) => (w, f),
        None => (number, ""),
    };
    if whole.is_empty() || (number.contains('.') && fraction.is_empty()) {
        return Err(MoneyError::Malformed);
    }
    if !fraction.chars().all(|c| c.is_ascii_digit()) || fraction.len() > 8 {
        return Err(MoneyError::Malformed);
    }
    let whole = whole_number(whole)?;
    let scale = 10u128.pow(fraction.len() as u32);
    let fraction_value: u128 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().map_err(|_| MoneyError::Malformed)?
    };
    let fraction_won = fraction_value * unit;
    if fraction_won % scale != 0 {
        return Err(MoneyError::Malformed);
    }
    whole
        .checked_mul(unit)
        .and_then(|w| w.checked_add(fraction_won / scale))
        .ok_or(MoneyError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ko(n: i64) -> String {
        format_won(Won(n), Locale::Ko)
    }
    fn en(n: i64) -> String {
        format_won(Won(n), Locale::En)
    }

    #[test]
    fn korean_formatting() {
        assert_eq!(ko(2_000_000_000), "20억원");
        assert_eq!(ko(35_000_000), "3,500만원");
        assert_eq!(ko(120_000_000), "1억 2,000만원");
        assert_eq!(ko(1_234_567_890), "12억 3,456만 7,890원");
        assert_eq!(ko(0), "0원");
        assert_eq!(ko(5_000), "5,000원");
        assert_eq!(ko(10_000), "1만원");
        assert_eq!(ko(1_000_000_000_000), "1조원");
        assert_eq!(ko(1_500_000_000_000), "1조 5,000억원");
        assert_eq!(ko(-35_000_000), "-3,500만원");
        assert_eq!(ko(MAX_WON), "1경원");
    }

    #[test]
    fn english_formatting() {
        assert_eq!(en(2_000_000_000), "KRW 2.0B");
        assert_eq!(en(35_000_000), "KRW 35M");
        assert_eq!(en(120_000_000), "KRW 120M");
        assert_eq!(en(1_500_000), "KRW 1.5M");
        assert_eq!(en(1_234_567_890), "KRW 1.2B");
        assert_eq!(en(1_500_000_000_000), "KRW 1.5T");
        assert_eq!(en(5_000), "KRW 5,000");
        assert_eq!(en(0), "KRW 0");
        assert_eq!(en(1_250_000), "KRW 1.3M", "half rounds away from zero");
        assert_eq!(
            en(999_960_000),
            "KRW 1.0B",
            "rounding carries into the next unit"
        );
        assert_eq!(en(-35_000_000), "-KRW 35M");
    }

    #[test]
    fn full_formatting() {
        assert_eq!(format_won_full(Won(2_000_000_000)), "2,000,000,000원");
        assert_eq!(format_won_full(Won(999)), "999원");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
        assert_eq!(group_thousands(100), "100");
    }

    #[test]
    fn parses_what_people_type() {
        let cases = [
            ("20억", 2_000_000_000),
            ("20억원", 2_000_000_000),
            ("3500만원", 35_000_000),
            ("3,500만원", 35_000_000),
            ("1억 2000만", 120_000_000),
            ("1억2,000만원", 120_000_000),
            ("12억 3456만 7890원", 1_234_567_890),
            ("200,000,000", 200_000_000),
            ("200000000원", 200_000_000),
            ("₩200,000,000", 200_000_000),
            ("1.5억", 150_000_000),
            ("0.5만원", 5_000),
            ("KRW 35M", 35_000_000),
            ("2.0B", 2_000_000_000),
            ("1.5b", 1_500_000_000),
            ("1조 5000억", 1_500_000_000_000),
            ("  5만  ", 50_000),
            ("0", 0),
        ];
        for (input, want) in cases {
            assert_eq!(parse_won(input), Ok(Won(want)), "{input}");
        }
    }

    #[test]
    fn rejects_nonsense() {
        assert_eq!(parse_won(""), Err(MoneyError::Empty));
        assert_eq!(parse_won("   "), Err(MoneyError::Empty));
        assert_eq!(parse_won("-5만"), Err(MoneyError::Negative));
        for bad in [
            "abc",
            "억",
            "20억억",
            "5만 3억",
            "1,00,000",
            "1,0000",
            ",100",
            "1.2.3억",
            "1.억",
            "원",
            "₩",
            "12ab",
            "0.00001원",
            "1.23456789012M",
        ] {
            assert_eq!(parse_won(bad), Err(MoneyError::Malformed), "{bad}");
        }
        assert_eq!(parse_won("2경"), Err(MoneyError::TooLarge));
        assert_eq!(
            parse_won("99999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn formatting_round_trips_through_parsing() {
        for n in [
            0,
            5_000,
            35_000_000,
            120_000_000,
            1_234_567_890,
            1_500_000_000_000,
        ] {
            assert_eq!(parse_won(&ko(n)), Ok(Won(n)), "{n}");
            assert_eq!(parse_won(&format_won_full(Won(n))), Ok(Won(n)), "{n}");
        }
    }

    #[test]
    fn errors_are_translated() {
        for e in [
            MoneyError::Empty,
            MoneyError::Negative,
            MoneyError::Malformed,
            MoneyError::TooLarge,
        ] {
            assert_ne!(e.message(Locale::Ko), e.message(Locale::En));
        }
    }
}
