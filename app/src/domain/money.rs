//! Money as whole Korean won.
//!
//! Amounts are stored as an `i64` count of won because the won has no minor
//! unit in everyday use: integers keep every sum exact and serialise as plain
//! JSON numbers. They are shown the Korean way (20억원, 1억 2,000만원) or in
//! English (KRW 2.0B, KRW 35M), and parsed from what people actually type.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest amount the portal accepts: 1경원 (10^16 won). Far above any
/// investment round, yet small enough that sums of a few thousand amounts can
/// never overflow an `i64`.
pub const MAX_WON: i64 = 10_000_000_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Won(pub i64);

impl Won {
    pub const ZERO: Won = Won(0);

    pub const fn new(amount: i64) -> Self {
        Won(amount)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    /// Applies the same bounds as [`parse_won`] to an amount that arrived
    /// already numeric (JSON, a database row), which bypasses the parser.
    pub const fn try_new(amount: i64) -> Result<Self, MoneyError> {
        if amount < 0 {
            Err(MoneyError::Negative)
        } else if amount > MAX_WON {
            Err(MoneyError::TooLarge)
        } else {
            Ok(Won(amount))
        }
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
                "That amount could not be read. Examples: KRW 35M, 2.0B, 200,000,000, 20억"
            }
            (MoneyError::TooLarge, Locale::Ko) => "금액이 너무 큽니다. 1경원 이하로 입력해 주세요.",
            (MoneyError::TooLarge, Locale::En) => {
                "The amount is too large. The maximum is KRW 10,000 trillion."
            }
        }
    }
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Locale::En))
    }
}

impl std::error::Error for MoneyError {}

/// `1234567` -> `"1,234,567"`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
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

const MILLION: u64 = 1_000_000;
const BILLION: u64 = 1_000_000_000;
const TRILLION: u64 = 1_000_000_000_000;

/// Formats an amount for reading at a glance.
///
/// Korean: 조/억/만 groups (and 경 above that), each with thousands
/// separators inside, zero groups left out, "원" at the end:
/// 1,234,567,890 -> "12억 3,456만 7,890원", 120,000,000 -> "1억 2,000만원",
/// 0 -> "0원". Nothing is rounded.
///
/// English: "KRW" and a scale.
/// - from 10^12: tenths of a trillion, always with one decimal ("KRW 1.5T");
/// - from 10^9: tenths of a billion, always with one decimal ("KRW 2.0B");
/// - from 10^6: tenths of a million, the decimal shown only when it is not
///   zero ("KRW 35M", "KRW 1.5M", "KRW 120M");
/// - below 10^6: the exact figure with separators ("KRW 5,000", "KRW 0").
///
/// Rounding is half away from zero, done in integers so no float drift can
/// appear. When rounding reaches 1,000 of a scale the next scale is used
/// (999,950,000 -> "KRW 1.0B", not "KRW 1000.0M").
///
/// Negative amounts (deltas) get a leading "-" in both languages.
pub fn format_won(amount: Won, locale: Locale) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let n = amount.0.unsigned_abs();
    match locale {
        Locale::Ko => format!("{sign}{}", korean_units(n)),
        Locale::En => format!("{sign}KRW {}", english_units(n)),
    }
}

/// Every digit, for tables and tooltips: `"2,000,000,000원"`.
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
        (n / JO % MAN, "조"),
        (n / EOK % MAN, "억"),
        (n / MAN % MAN, "만"),
        (n % MAN, ""),
    ];
    let mut out = String::new();
    for (value, unit) in groups {
        if value == 0 {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&group_thousands(value));
        out.push_str(unit);
    }
    out.push('원');
    out
}

/// `n / unit` in tenths, rounded half up. Callers pass magnitudes, so half up
/// here is half away from zero overall.
fn rounded_tenths(n: u64, unit: u64) -> u64 {
    // Splitting off the whole part keeps every intermediate inside u64, even
    // for i64::MIN's magnitude.
    n / unit * 10 + (n % unit * 10 + unit / 2) / unit
}

fn english_units(n: u64) -> String {
    const SCALES: [(u64, &str); 3] = [(TRILLION, "T"), (BILLION, "B"), (MILLION, "M")];
    let Some(mut index) = SCALES.iter().position(|(unit, _)| n >= *unit) else {
        return group_thousands(n);
    };
    let mut tenths = rounded_tenths(n, SCALES[index].0);
    if index > 0 && tenths >= 10_000 {
        index -= 1;
        tenths = rounded_tenths(n, SCALES[index].0);
    }
    let (whole, tenth) = (group_thousands(tenths / 10), tenths % 10);
    match SCALES[index].1 {
        "M" if tenth == 0 => format!("{whole}M"),
        suffix => format!("{whole}.{tenth}{suffix}"),
    }
}

/// Parses an amount the way people type it.
///
/// Accepted, with whitespace allowed between groups, after a currency prefix
/// and before "원":
/// - Korean units, largest first, each at most once: "20억", "1억 2,000만원",
///   "12억 3456만 7890원", "1조 5000억", "1.5억" (a decimal only in the last
///   unit group, and only if it comes out to whole won);
/// - 천/백/십 inside a group, written without spaces: "5천만원", "3천5백만",
///   "1억5천만원";
/// - plain numbers, with correctly placed separators or none: "200,000,000",
///   "200000000원";
/// - English scales: "35M", "KRW 2.0B", "1.5b", "500K", "3 million";
/// - an optional "₩", "￦" or "KRW" prefix and "원" suffix.
///
/// Every unit needs a number in front ("억" alone is rejected) and a group
/// after a larger unit must stay below 10,000 ("1억 15000만" is rejected),
/// because both usually mean a typo rather than an intended amount.
pub fn parse_won(input: &str) -> Result<Won, MoneyError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    // The sign may come before or after the currency: "-₩5,000", "₩-5,000".
    let (negative, s) = strip_sign(s);
    let s = strip_currency(s);
    let (negative, s) = if negative { (true, s) } else { strip_sign(s) };
    let s = s.strip_suffix('원').unwrap_or(s).trim_end();

    match parse_magnitude(s) {
        // "-0" is still zero, which is a valid amount.
        Ok(0) => Ok(Won::ZERO),
        // A minus sign is the more useful thing to report than the size.
        Ok(_) | Err(MoneyError::TooLarge) if negative => Err(MoneyError::Negative),
        Ok(value) => i64::try_from(value)
            .ok()
            .filter(|v| *v <= MAX_WON)
            .map(Won)
            .ok_or(MoneyError::TooLarge),
        Err(e) => Err(e),
    }
}

fn strip_sign(s: &str) -> (bool, &str) {
    // Word processors and phone keyboards substitute these for '-'.
    match s.strip_prefix(['-', '−', '－']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    }
}

fn strip_currency(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix(['₩', '￦']) {
        return rest.trim_start();
    }
    match s.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("krw") => s[3..].trim_start(),
        _ => s,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    /// A run of digits, commas and points, validated later.
    Num(&'a str),
    /// A run of ASCII letters: an English scale such as "M" or "billion".
    Word(&'a str),
    /// 경, 조, 억 or 만, as an index into [`BIG_UNITS`].
    Big(usize),
    /// 천, 백 or 십, by place value.
    Small(u128),
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    tok: Tok<'a>,
    /// Whitespace came before it; needed because spaces separate groups but
    /// must not split a number ("1 000" or "5 3억" are not amounts).
    spaced: bool,
}

/// Largest first, as exponents of ten, so parsing can demand strict order.
const BIG_UNITS: [(char, u32); 4] = [('경', 16), ('조', 12), ('억', 8), ('만', 4)];

/// Within one 만 group no part may reach 10,000.
const GROUP_LIMIT: u128 = 10_000;

fn tokenize(s: &str) -> Result<Vec<Token<'_>>, MoneyError> {
    let mut tokens = Vec::new();
    let mut spaced = false;
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let tok = if c.is_ascii_digit() || c == ',' || c == '.' {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !(next.is_ascii_digit() || next == ',' || next == '.') {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            Tok::Num(&s[start..end])
        } else if c.is_ascii_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !next.is_ascii_alphabetic() {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            Tok::Word(&s[start..end])
        } else if let Some(index) = BIG_UNITS.iter().position(|(unit, _)| *unit == c) {
            Tok::Big(index)
        } else {
            match c {
                '천' => Tok::Small(1000),
                '백' => Tok::Small(100),
                '십' => Tok::Small(10),
                _ => return Err(MoneyError::Malformed),
            }
        };
        tokens.push(Token { tok, spaced });
        spaced = false;
    }
    Ok(tokens)
}

/// The non-negative amount in `s` (sign, currency and "원" already removed).
/// Values saturate instead of failing, so a malformed input is reported as
/// malformed even when it is also huge.
fn parse_magnitude(s: &str) -> Result<u128, MoneyError> {
    let tokens = tokenize(s)?;
    if tokens.iter().any(|t| matches!(t.tok, Tok::Word(_))) {
        parse_english(&tokens)
    } else {
        parse_korean(&tokens)
    }
}

fn parse_english(tokens: &[Token<'_>]) -> Result<u128, MoneyError> {
    match tokens {
        [Token {
            tok: Tok::Num(number),
            ..
        }, Token {
            tok: Tok::Word(word),
            ..
        }] => {
            let exponent = english_exponent(word).ok_or(MoneyError::Malformed)?;
            Decimal::parse(number)?.scaled(exponent)
        }
        _ => Err(MoneyError::Malformed),
    }
}

fn english_exponent(word: &str) -> Option<u32> {
    match word.to_ascii_lowercase().as_str() {
        "k" | "thousand" => Some(3),
        "m" | "mn" | "million" => Some(6),
        "b" | "bn" | "billion" => Some(9),
        "t" | "tn" | "trillion" => Some(12),
        _ => None,
    }
}

fn parse_korean(tokens: &[Token<'_>]) -> Result<u128, MoneyError> {
    if tokens.is_empty() {
        return Err(MoneyError::Malformed);
    }
    let mut total: u128 = 0;
    let mut last_big: Option<usize> = None;
    let mut i = 0;
    while i < tokens.len() {
        let (coefficient, next) = parse_coefficient(tokens, i)?;
        i = next;
        // Only the first group may be any size ("3500만", "200,000,000").
        if last_big.is_some() && coefficient.whole >= GROUP_LIMIT {
            return Err(MoneyError::Malformed);
        }
        match tokens.get(i).map(|t| t.tok) {
            Some(Tok::Big(index)) => {
                if last_big.is_some_and(|last| index <= last) {
                    return Err(MoneyError::Malformed);
                }
                // "1.5억 3000만" is more likely a typo than 1억 8,000만.
                if coefficient.has_point && i + 1 < tokens.len() {
                    return Err(MoneyError::Malformed);
                }
                total = total.saturating_add(coefficient.scaled(BIG_UNITS[index].1)?);
                last_big = Some(index);
                i += 1;
            }
            None => {
                // Won has no fraction, and "2.000" might be a European 2,000.
                if coefficient.has_point {
                    return Err(MoneyError::Malformed);
                }
                total = total.saturating_add(coefficient.whole);
            }
            Some(_) => return Err(MoneyError::Malformed),
        }
    }
    Ok(total)
}

/// The number in front of a big unit (or the final ones): either a decimal
/// like "3,500" or "1.5", or a 천/백/십 composition like "3천5백" or "5천".
/// Returns it with the index of the first token after it.
fn parse_coefficient<'a>(
    tokens: &[Token<'a>],
    start: usize,
) -> Result<(Decimal<'a>, usize), MoneyError> {
    let Some(Tok::Num(first)) = tokens.get(start).map(|t| t.tok) else {
        return Err(MoneyError::Malformed);
    };
    // The place value of token `i` if it is a 천/백/십 joined to the digits
    // before it; a space there would make "5 천만" mean 5 and then 천만.
    let small_at = |i: usize| match tokens.get(i) {
        Some(Token {
            tok: Tok::Small(unit),
            spaced: false,
        }) => Some(*unit),
        _ => None,
    };
    if small_at(start + 1).is_none() {
        return Ok((Decimal::parse(first)?, start + 1));
    }

    let mut value: u128 = 0;
    let mut place = u128::MAX;
    let mut i = start;
    while let Some(Tok::Num(digits)) = tokens.get(i).map(|t| t.tok) {
        if i > start && tokens[i].spaced {
            break;
        }
        if let Some(unit) = small_at(i + 1) {
            // One digit per place: "35백" is not how anyone writes 3,500.
            let digit = match digits.as_bytes() {
                [d @ b'1'..=b'9'] => u128::from(d - b'0'),
                _ => return Err(MoneyError::Malformed),
            };
            // Places must fall: "5백3천" and "3천4천" are typos.
            if unit >= place {
                return Err(MoneyError::Malformed);
            }
            value += digit * unit;
            place = unit;
            i += 2;
        } else {
            // Trailing ones as in "3천500": plain digits below the last place.
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(MoneyError::Malformed);
            }
            let rest = digits_value(digits);
            if rest >= place {
                return Err(MoneyError::Malformed);
            }
            value += rest;
            i += 1;
            break;
        }
    }
    Ok((
        Decimal {
            whole: value,
            fraction: "",
            has_point: false,
        },
        i,
    ))
}

/// A non-negative decimal as typed, kept as text after the point so scaling
/// stays exact.
#[derive(Clone, Copy, Debug)]
struct Decimal<'a> {
    /// Saturates at u128::MAX; anything that large is rejected as too large.
    whole: u128,
    /// Digits after the point with trailing zeros removed.
    fraction: &'a str,
    has_point: bool,
}

impl<'a> Decimal<'a> {
    fn parse(s: &'a str) -> Result<Self, MoneyError> {
        let (whole, fraction) = match s.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (s, None),
        };
        if let Some(fraction) = fraction {
            // Also rejects a second point, which lands in the fraction.
            if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return Err(MoneyError::Malformed);
            }
        }
        check_separators(whole)?;
        Ok(Decimal {
            whole: digits_value(whole),
            fraction: fraction.unwrap_or("").trim_end_matches('0'),
            has_point: fraction.is_some(),
        })
    }

    /// `self × 10^exponent`, which must be whole won.
    fn scaled(&self, exponent: u32) -> Result<u128, MoneyError> {
        let decimals = u32::try_from(self.fraction.len()).map_err(|_| MoneyError::Malformed)?;
        if decimals > exponent {
            return Err(MoneyError::Malformed);
        }
        // Fits: fewer than `exponent` (at most 16) digits.
        let fraction = digits_value(self.fraction) * 10u128.pow(exponent - decimals);
        Ok(self
            .whole
            .saturating_mul(10u128.pow(exponent))
            .saturating_add(fraction))
    }
}

/// Digits with optional thousands separators, each exactly three digits
/// apart: "1,234" and "1234" pass, "1,00,000", ",100" and "0,100" do not.
fn check_separators(s: &str) -> Result<(), MoneyError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return Err(MoneyError::Malformed);
    }
    if !s.contains(',') {
        return Ok(());
    }
    let mut groups = s.split(',');
    let first = groups.next().unwrap_or("");
    let first_ok = (1..=3).contains(&first.len()) && !first.starts_with('0');
    if !first_ok || groups.any(|g| g.len() != 3) {
        return Err(MoneyError::Malformed);
    }
    Ok(())
}

/// The value of the ASCII digits in `s`, ignoring commas, saturating.
fn digits_value(s: &str) -> u128 {
    s.bytes().filter(u8::is_ascii_digit).fold(0u128, |acc, b| {
        acc.saturating_mul(10).saturating_add(u128::from(b - b'0'))
    })
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

    fn parsed(input: &str) -> Result<i64, MoneyError> {
        parse_won(input).map(Won::get)
    }

    #[test]
    fn won_accessors_and_bounds() {
        assert_eq!(Won::new(5).get(), 5);
        assert_eq!(Won::ZERO, Won(0));
        assert!(Won(1) < Won(2));
        assert_eq!(Won::try_new(0), Ok(Won(0)));
        assert_eq!(Won::try_new(MAX_WON), Ok(Won(MAX_WON)));
        assert_eq!(Won::try_new(MAX_WON + 1), Err(MoneyError::TooLarge));
        assert_eq!(Won::try_new(-1), Err(MoneyError::Negative));
        assert_eq!(Won::try_new(i64::MIN), Err(MoneyError::Negative));
    }

    #[test]
    fn korean_examples() {
        assert_eq!(ko(2_000_000_000), "20억원");
        assert_eq!(ko(35_000_000), "3,500만원");
        assert_eq!(ko(120_000_000), "1억 2,000만원");
        assert_eq!(ko(1_234_567_890), "12억 3,456만 7,890원");
        assert_eq!(ko(0), "0원");
        assert_eq!(ko(5_000), "5,000원");
        assert_eq!(ko(10_000), "1만원");
        assert_eq!(ko(1_000_000_000_000), "1조원");
        assert_eq!(ko(1_500_000_000_000), "1조 5,000억원");
    }

    #[test]
    fn korean_edges() {
        assert_eq!(ko(1), "1원");
        assert_eq!(ko(9_999), "9,999원");
        assert_eq!(ko(10_001), "1만 1원");
        assert_eq!(ko(99_999_999), "9,999만 9,999원");
        assert_eq!(ko(100_000_000), "1억원");
        assert_eq!(ko(100_000_001), "1억 1원");
        assert_eq!(ko(1_000_000_010_000), "1조 1만원");
        assert_eq!(ko(MAX_WON), "1경원");
        assert_eq!(
            ko(i64::MAX),
            "922경 3,372조 368억 5,477만 5,807원",
            "the whole i64 range formats without overflow"
        );
        assert_eq!(ko(-35_000_000), "-3,500만원");
        assert_eq!(ko(-1), "-1원");
        assert_eq!(ko(i64::MIN), "-922경 3,372조 368억 5,477만 5,808원");
    }

    #[test]
    fn english_examples() {
        assert_eq!(en(2_000_000_000), "KRW 2.0B");
        assert_eq!(en(35_000_000), "KRW 35M");
        assert_eq!(en(120_000_000), "KRW 120M");
        assert_eq!(en(1_234_567_890), "KRW 1.2B");
        assert_eq!(en(1_500_000_000_000), "KRW 1.5T");
        assert_eq!(en(5_000), "KRW 5,000");
        assert_eq!(en(0), "KRW 0");
        assert_eq!(en(1_500_000), "KRW 1.5M");
    }

    #[test]
    fn english_scale_boundaries() {
        assert_eq!(en(999_999), "KRW 999,999");
        assert_eq!(en(1_000_000), "KRW 1M");
        assert_eq!(en(999_999_999), "KRW 1.0B");
        assert_eq!(en(1_000_000_000), "KRW 1.0B");
        assert_eq!(en(999_999_999_999), "KRW 1.0T");
        assert_eq!(en(1_000_000_000_000), "KRW 1.0T");
        assert_eq!(en(MAX_WON), "KRW 10,000.0T");
        assert_eq!(en(i64::MAX), "KRW 9,223,372.0T");
    }

    #[test]
    fn english_rounds_half_away_from_zero_in_integers() {
        assert_eq!(en(1_250_000), "KRW 1.3M");
        assert_eq!(en(1_249_999), "KRW 1.2M");
        assert_eq!(en(1_950_000), "KRW 2M", "a .0 after rounding is dropped");
        assert_eq!(en(1_949_999), "KRW 1.9M");
        assert_eq!(en(2_050_000_000), "KRW 2.1B");
        assert_eq!(en(2_049_999_999), "KRW 2.0B");
        assert_eq!(en(-1_250_000), "-KRW 1.3M", "negative halves go down");
        assert_eq!(en(-35_000_000), "-KRW 35M");
        assert_eq!(en(-5_000), "-KRW 5,000");
        assert_eq!(en(i64::MIN), "-KRW 9,223,372.0T");
    }

    #[test]
    fn english_rounding_carries_into_the_next_scale() {
        assert_eq!(en(999_949_999), "KRW 999.9M");
        assert_eq!(en(999_950_000), "KRW 1.0B");
        assert_eq!(en(999_949_999_999), "KRW 999.9B");
        assert_eq!(en(999_950_000_000), "KRW 1.0T");
    }

    #[test]
    fn full_formatting() {
        assert_eq!(format_won_full(Won(2_000_000_000)), "2,000,000,000원");
        assert_eq!(format_won_full(Won(0)), "0원");
        assert_eq!(format_won_full(Won(999)), "999원");
        assert_eq!(format_won_full(Won(1_000)), "1,000원");
        assert_eq!(format_won_full(Won(-1_000)), "-1,000원");
        assert_eq!(
            format_won_full(Won(i64::MIN)),
            "-9,223,372,036,854,775,808원"
        );
    }

    #[test]
    fn thousands_grouping() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(100), "100");
        assert_eq!(group_thousands(1_000), "1,000");
        assert_eq!(group_thousands(12_345), "12,345");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
        assert_eq!(group_thousands(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn parses_the_documented_examples() {
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
            ("KRW 35M", 35_000_000),
            ("35M", 35_000_000),
            ("2.0B", 2_000_000_000),
            ("1.5B", 1_500_000_000),
        ];
        for (input, want) in cases {
            assert_eq!(parsed(input), Ok(want), "{input}");
        }
    }

    #[test]
    fn parses_other_common_forms() {
        let cases = [
            ("0", 0),
            ("0원", 0),
            ("0만", 0),
            ("007", 7),
            ("5,000원", 5_000),
            ("1조", 1_000_000_000_000),
            ("1조 5000억", 1_500_000_000_000),
            ("1조 500만", 1_000_005_000_000),
            ("0.5만원", 5_000),
            ("1억 2.5만", 100_025_000),
            ("1,000.5만", 10_005_000),
            ("1.25억원", 125_000_000),
            ("1.50억", 150_000_000),
            ("20000만", 200_000_000),
            ("1경", MAX_WON),
            ("10000조", MAX_WON),
            ("5천만원", 50_000_000),
            ("3천5백만", 35_000_000),
            ("3천500만", 35_000_000),
            ("1억5천만원", 150_000_000),
            ("1억 5천만원", 150_000_000),
            ("1만 5천원", 15_000),
            ("5천원", 5_000),
            ("2백만원", 2_000_000),
            ("3천5", 3_005),
            ("1천2백3십4", 1_234),
            ("3천5백50", 3_550),
            ("￦5,000", 5_000),
            ("₩ 5,000 원", 5_000),
            ("KRW5000", 5_000),
            ("krw 20억", 2_000_000_000),
            ("KRW 1.2B", 1_200_000_000),
            ("1.5b", 1_500_000_000),
            ("35 m", 35_000_000),
            ("500K", 500_000),
            ("0.5k", 500),
            ("1.5T", 1_500_000_000_000),
            ("3 million", 3_000_000),
            ("2 Billion", 2_000_000_000),
            ("2bn", 2_000_000_000),
            ("1,500M", 1_500_000_000),
            ("35M원", 35_000_000),
        ];
        for (input, want) in cases {
            assert_eq!(parsed(input), Ok(want), "{input}");
        }
    }

    #[test]
    fn whitespace_between_groups_is_fine() {
        let cases = [
            ("  5만  ", 50_000),
            ("20 억", 2_000_000_000),
            ("20억 원", 2_000_000_000),
            ("1 억 2,000 만 원", 120_000_000),
            ("\t12억\n3456만\u{a0}7890원", 1_234_567_890),
            ("1.5 억", 150_000_000),
        ];
        for (input, want) in cases {
            assert_eq!(parsed(input), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn empty_input() {
        assert_eq!(parsed(""), Err(MoneyError::Empty));
        assert_eq!(parsed("   "), Err(MoneyError::Empty));
        assert_eq!(parsed("\n\t"), Err(MoneyError::Empty));
    }

    #[test]
    fn negative_input() {
        for input in [
            "-5만",
            "-5",
            "- 200,000,000",
            "−3,500만원",
            "－1억",
            "-₩5,000",
            "₩-5,000",
            "KRW -35M",
            "-99999999999999999999999",
            "-2경",
        ] {
            assert_eq!(parsed(input), Err(MoneyError::Negative), "{input}");
        }
        assert_eq!(parsed("-0"), Ok(0), "minus zero is zero");
        assert_eq!(parsed("-abc"), Err(MoneyError::Malformed));
        assert_eq!(parsed("-"), Err(MoneyError::Malformed));
        assert_eq!(parsed("--5"), Err(MoneyError::Malformed));
        assert_eq!(parsed("-₩-5"), Err(MoneyError::Malformed));
    }

    #[test]
    fn malformed_input() {
        for input in [
            // garbage
            "abc",
            "12ab",
            "5$",
            "+5만",
            "5-3",
            "원",
            "₩",
            "KRW",
            "원원",
            "5원원",
            "5원 3",
            // units without numbers, repeated or out of order
            "억",
            "억원",
            "만원",
            "천만원",
            "20억억",
            "20억 3억",
            "5만 3억",
            "1만 1조",
            "1억 15000만",
            "1억 10000",
            "1억 12,345",
            // numbers split by spaces
            "1 000",
            "5 3억",
            "5천 3억",
            "3천 500",
            "5 천만",
            // separators
            "1,00,000",
            "1,0000",
            ",100",
            "100,",
            "1,,000",
            "0,100",
            "1,000,00",
            "1.000,5억",
            // decimals
            "1.2.3억",
            "1.억",
            ".5억",
            "1.5",
            "2.000",
            "1.0",
            "0.00001만원",
            "1.23456789012M",
            "1.5억 3000만",
            "1.5.억",
            // 천/백/십 compositions
            "35백만",
            "0천만",
            "5백3천",
            "3천4천",
            "3천5000",
            "1.5천만",
            // English scales
            "35MM",
            "35 M K",
            "5M 3K",
            "M35",
            "KRW KRW 5",
            "35 dollars",
            "1억 5M",
            "5M 1억",
        ] {
            assert_eq!(parsed(input), Err(MoneyError::Malformed), "{input}");
        }
    }

    #[test]
    fn too_large_input() {
        assert_eq!(parsed("2경"), Err(MoneyError::TooLarge));
        assert_eq!(parsed("1.5경"), Err(MoneyError::TooLarge));
        assert_eq!(parsed("1경 1"), Err(MoneyError::TooLarge));
        assert_eq!(parsed("10001조"), Err(MoneyError::TooLarge));
        assert_eq!(parsed("10,000,000,000,000,001"), Err(MoneyError::TooLarge));
        assert_eq!(parsed("10000000000000001원"), Err(MoneyError::TooLarge));
        assert_eq!(parsed("99999999999999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(parsed("9223372036854775808"), Err(MoneyError::TooLarge));
        assert_eq!(parsed("10001T"), Err(MoneyError::TooLarge));
        assert_eq!(
            parsed(&"9".repeat(60)),
            Err(MoneyError::TooLarge),
            "saturates instead of overflowing"
        );
        assert_eq!(
            parsed(&format!("{}억억", "9".repeat(60))),
            Err(MoneyError::Malformed),
            "shape errors win over size"
        );
        assert_eq!(parsed("10,000,000,000,000,000"), Ok(MAX_WON));
    }

    #[test]
    fn formatted_amounts_parse_back() {
        let mut values = vec![
            0,
            1,
            9_999,
            10_000,
            35_000_000,
            120_000_000,
            1_234_567_890,
            1_500_000_000_000,
            1_000_000_010_000,
            MAX_WON,
        ];
        // A cheap deterministic spread across all magnitudes.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..500 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = x % 16 + 1;
            let value = (x >> 8) % 10u64.pow(u32::try_from(digits).unwrap());
            values.push(i64::try_from(value).unwrap());
        }
        for n in values {
            assert_eq!(parsed(&ko(n)), Ok(n), "{}", ko(n));
            assert_eq!(
                parsed(&format_won_full(Won(n))),
                Ok(n),
                "{}",
                format_won_full(Won(n))
            );
            assert_eq!(parsed(&group_thousands(n.unsigned_abs())), Ok(n));
        }
    }

    #[test]
    fn exact_english_amounts_parse_back() {
        for n in [
            0,
            5_000,
            999_999,
            1_500_000,
            35_000_000,
            120_000_000,
            2_000_000_000,
            1_500_000_000_000,
        ] {
            assert_eq!(parsed(&en(n)), Ok(n), "{}", en(n));
        }
    }

    #[test]
    fn errors_have_messages_in_both_languages() {
        let all = [
            MoneyError::Empty,
            MoneyError::Negative,
            MoneyError::Malformed,
            MoneyError::TooLarge,
        ];
        for e in all {
            assert!(!e.message(Locale::Ko).is_empty());
            assert!(!e.message(Locale::En).is_empty());
            assert_ne!(e.message(Locale::Ko), e.message(Locale::En));
            assert_eq!(e.to_string(), e.message(Locale::En));
        }
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.message(Locale::Ko), b.message(Locale::Ko));
                assert_ne!(a.message(Locale::En), b.message(Locale::En));
            }
        }
        assert_eq!(
            MoneyError::Empty.message(Locale::Ko),
            "금액을 입력해 주세요."
        );
        let boxed: Box<dyn std::error::Error> = Box::new(MoneyError::Negative);
        assert_eq!(boxed.to_string(), "The amount cannot be negative.");
    }
}
