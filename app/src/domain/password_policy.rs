//! The password policy: how long a password must be and which passwords are
//! too easy to guess. Pure Rust with no I/O, so the same rules run on the
//! server (the authority) and in the browser (early feedback).
//!
//! The list of common passwords lives in `common_passwords.txt` next to this
//! file and is compiled in with `include_str!`: one password a line,
//! lowercase, sorted byte-wise, no blank lines, every entry at least four
//! characters long (a test guards all of that). It is turned into two
//! `HashSet`s the first time it is needed (`std::sync::LazyLock`): one of the
//! entries as written for the exact check, and one of the entries "folded"
//! (leetspeak undone, `l` and `i` merged, see [`fold_char`]) for the fuzzy
//! checks. Building them costs well under a millisecond and happens once per
//! process (or page).
//!
//! Nothing here trims or normalises the password: it is checked exactly as
//! typed, and lengths are counted in `char`s so that a Korean password is
//! judged by its characters, not by its UTF-8 bytes.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The fewest characters (Unicode scalar values, not bytes) a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The most bytes (UTF-8) a password may have. Bounds the hashing work an
/// attacker can ask the server for.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Why a password was refused. When several apply, [`check_password`]
/// reports the first in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// More than [`MAX_PASSWORD_BYTES`] bytes.
    TooLong,
    /// On the common-password list or a trivially weak pattern ([`is_common`]).
    TooCommon,
    /// Contains (or equals) the e-mail address, its local part or the name.
    ContainsPersonalInfo,
}

/// Personal strings shorter than this (in chars) are ignored: a two-letter
/// surname inside a long password gives an attacker next to nothing.
const MIN_PERSONAL_CHARS: usize = 4;

/// A weak pattern (repetition or straight run) counts as a "base word" for
/// the digits/punctuation rule only when it is at least this long, so that
/// e.g. `abc` in front of random digits is not enough to refuse a password.
const MIN_PATTERN_BASE_CHARS: usize = 6;

/// The embedded list, one lowercase password a line.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// The list entries exactly as written.
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COMMON_PASSWORDS.lines().filter(|l| !l.is_empty()).collect());

/// The list entries folded with [`fold`], plus the length of the longest
/// one (no longer candidate can match, so it is not even folded).
struct Folded {
    words: HashSet<String>,
    longest_chars: usize,
}

static COMMON_FOLDED: LazyLock<Folded> = LazyLock::new(|| {
    let words: HashSet<String> = COMMON.iter().map(|w| fold(w)).collect();
    let longest_chars = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    Folded {
        words,
        longest_chars,
    }
});

/// Checks a new password against the whole policy.
///
/// `personal` = things the password must not contain or equal, e.g. the
/// e-mail address, its local part and the display name (compared
/// case-insensitively, also with spaces/punctuation removed and leetspeak
/// undone; personal strings shorter than 4 chars are ignored).
///
/// The checks run in this order and the first failure is returned:
/// too long (bytes), too short (chars), too common, personal info.
pub fn check_password(password: &str, personal: &[&str]) -> Result<(), PasswordProblem> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(PasswordProblem::TooLong);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if is_common(password) {
        return Err(PasswordProblem::TooCommon);
    }
    if contains_personal_info(password, personal) {
        return Err(PasswordProblem::ContainsPersonalInfo);
    }
    Ok(())
}

/// True when the password, lower-cased, is on the embedded list, or is a
/// trivially weak pattern. All comparisons are case-insensitive. Weak means
/// any of:
///
/// * exactly a list entry;
/// * one unit shorter than [`MIN_PASSWORD_CHARS`] repeated (`aaaaaaaaaa`,
///   `abcabcabcabc`, `1212121212`; a cut-off last repetition counts too);
/// * a straight ascending or descending run of digits (wrapping 9→0, so
///   `1234567890` counts) or letters (`abcdefghij`, `zyxwvu…`), or a stretch
///   of one keyboard row (`qwertyuiop`, `asdfghjkl;`);
/// * a list word (or a run/repetition of at least 6 chars) with only digits,
///   punctuation or spaces after it, and optionally before it
///   (`password2024!`, `qwerty12345`, `2024password`, `aaaaaaaaa1`);
/// * any of the list cases after undoing the leetspeak substitutions
///   `@→a, 0→o, 1→i/l, 3→e, $→s, 5→s` (`P@ssw0rd12345`).
///
/// The empty string counts as weak.
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    if lower.is_empty() || COMMON.contains(lower.as_str()) {
        return true;
    }
    let chars: Vec<char> = lower.chars().collect();
    if is_repetition(&chars) || is_straight_run(&chars) {
        return true;
    }
    weak_core(&chars)
}

/// The "base word plus affixes" rules. The core is `chars[start..end]`,
/// where everything before `start` and after `end` is an affix character.
/// `start` is 0 or the first non-affix character (stripping a prefix only
/// makes sense in front of a word); `end` is any point in the trailing run of
/// affix characters, because a trailing `0` or `1` may be leetspeak that
/// belongs to the word (`hell0`).
fn weak_core(chars: &[char]) -> bool {
    let n = chars.len();
    let lead = chars.iter().take_while(|&&c| is_affix(c)).count();
    let trail_start = n - chars.iter().rev().take_while(|&&c| is_affix(c)).count();
    let folded = &*COMMON_FOLDED;

    let mut starts = vec![0];
    if lead > 0 && lead < n {
        starts.push(lead);
    }
    for start in starts {
        for end in trail_start.max(start + 1)..=n {
            let core = &chars[start..end];
            if core.len() <= folded.longest_chars && folded.words.contains(&fold_chars(core)) {
                return true;
            }
            let affixed = start > 0 || end < n;
            if affixed
                && core.len() >= MIN_PATTERN_BASE_CHARS
                && (is_repetition(core) || is_straight_run(core))
            {
                return true;
            }
        }
    }
    false
}

/// Characters that may pad a base word: ASCII digits, ASCII punctuation and
/// white space.
fn is_affix(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace()
}

/// Undoes the common leetspeak substitutions and merges `l` into `i` (since
/// `1` may stand for either). Applied to both the list and the candidate, so
/// comparing folded strings finds every leetspeak variant of a list word
/// without enumerating the `i`/`l` choices.
fn fold_char(c: char) -> char {
    match c {
        '@' => 'a',
        '0' => 'o',
        '1' | 'l' => 'i',
        '3' => 'e',
        '$' | '5' => 's',
        other => other,
    }
}

fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

fn fold_chars(chars: &[char]) -> String {
    chars.iter().copied().map(fold_char).collect()
}

/// True when the string is a unit shorter than [`MIN_PASSWORD_CHARS`]
/// repeated at least twice (the last repetition may be cut short). Uses the
/// prefix function: the smallest period is `n - border(n)`.
fn is_repetition(chars: &[char]) -> bool {
    let n = chars.len();
    if n < 2 {
        return false;
    }
    let mut border = vec![0usize; n];
    for i in 1..n {
        let mut k = border[i - 1];
        while k > 0 && chars[i] != chars[k] {
            k = border[k - 1];
        }
        if chars[i] == chars[k] {
            k += 1;
        }
        border[i] = k;
    }
    let period = n - border[n - 1];
    period * 2 <= n && period < MIN_PASSWORD_CHARS
}

/// Keyboard rows (US layout, which Korean keyboards share for Latin input),
/// including the shifted digit row.
const KEYBOARD_ROWS: [&str; 5] = [
    "`1234567890-=",
    "~!@#$%^&*()_+",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
];

/// True for at least three characters forming a straight run: digits each
/// one up or each one down (wrapping between 9 and 0), lowercase ASCII
/// letters each one up or each one down, or a stretch of one keyboard row
/// in either direction.
fn is_straight_run(chars: &[char]) -> bool {
    if chars.len() < 3 {
        return false;
    }
    if chars.iter().all(|c| c.is_ascii_digit()) {
        let digit = |c: char| c as i32 - '0' as i32;
        let step = (digit(chars[1]) - digit(chars[0])).rem_euclid(10);
        return (step == 1 || step == 9)
            && chars
                .windows(2)
                .all(|w| (digit(w[1]) - digit(w[0])).rem_euclid(10) == step);
    }
    if chars.iter().all(|c| c.is_ascii_lowercase()) {
        let step = chars[1] as i32 - chars[0] as i32;
        if (step == 1 || step == -1) && chars.windows(2).all(|w| w[1] as i32 - w[0] as i32 == step)
        {
            return true;
        }
    }
    let s: String = chars.iter().collect();
    let reversed: String = chars.iter().rev().collect();
    KEYBOARD_ROWS
        .iter()
        .any(|row| row.contains(&s) || row.contains(&reversed))
}

/// True when the password contains one of the personal strings, compared
/// case-insensitively, and also after dropping everything but letters and
/// digits and undoing leetspeak on both sides (so `Kim Minsu` is found in
/// `kimminsu2024` and `minsu.kim` in `M1nsu-K1m!`).
fn contains_personal_info(password: &str, personal: &[&str]) -> bool {
    let lower = password.to_lowercase();
    let compact_password = compact(&lower);
    personal.iter().any(|p| {
        let p = p.trim();
        if p.chars().count() < MIN_PERSONAL_CHARS {
            return false;
        }
        let p_lower = p.to_lowercase();
        if lower.contains(&p_lower) {
            return true;
        }
        let p_compact = compact(&p_lower);
        p_compact.chars().count() >= MIN_PERSONAL_CHARS && compact_password.contains(&p_compact)
    })
}

/// Leetspeak undone, then only letters and digits kept.
fn compact(lower: &str) -> String {
    lower
        .chars()
        .map(fold_char)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(password: &str) {
        assert_eq!(
            check_password(password, &[]),
            Ok(()),
            "{password:?} should pass"
        );
    }

    fn refused(password: &str, problem: PasswordProblem) {
        assert_eq!(check_password(password, &[]), Err(problem), "{password:?}");
    }

    #[test]
    fn list_file_is_sorted_lowercase_unique_and_long_enough() {
        assert!(!COMMON_PASSWORDS.contains('\r'), "no CR line endings");
        let entries: Vec<&str> = COMMON_PASSWORDS.lines().collect();
        assert!(entries.len() >= 600, "only {} entries", entries.len());
        for e in &entries {
            assert!(!e.trim().is_empty(), "blank line");
            assert_eq!(*e, e.trim(), "{e:?} has surrounding white space");
            assert_eq!(*e, e.to_lowercase(), "{e:?} is not lowercase");
            assert!(e.chars().count() >= 4, "{e:?} is shorter than 4 chars");
        }
        for w in entries.windows(2) {
            assert!(
                w[0] < w[1],
                "not sorted or duplicated: {:?} then {:?}",
                w[0],
                w[1]
            );
        }
        assert_eq!(COMMON.len(), entries.len());
        for must in [
            "123456", "password", "qwerty", "1q2w3e4r", "iloveyou", "dragon",
        ] {
            assert!(COMMON.contains(must), "{must}");
        }
        for must in [
            "qwertyuiop",
            "asdfghjkl",
            "zxcvbnm",
            "1qaz2wsx",
            "qazwsxedc",
        ] {
            assert!(COMMON.contains(must), "{must}");
        }
        for must in [
            "saranghae",
            "dkssud",
            "tkfkdgo",
            "rkskekfk",
            "qwer1234",
            "korea",
            "seoul",
        ] {
            assert!(COMMON.contains(must), "{must}");
        }
        for must in ["pitchbridge", "pitchbridge-demo"] {
            assert!(COMMON.contains(must), "{must}");
        }
        for e in entries {
            assert!(is_common(e), "{e:?} is on the list but not common");
        }
    }

    #[test]
    fn length_is_counted_in_chars() {
        // 10 Hangul syllables are 30 bytes but 10 characters: long enough.
        ok("탄소섬유발열매트분할");
        refused("탄소섬유발열매트분", PasswordProblem::TooShort);
        ok("Xk7#pQ2vLm");
        refused("Xk7#pQ2vL", PasswordProblem::TooShort);
        refused("", PasswordProblem::TooShort);
        // Too short wins over too common.
        refused("password", PasswordProblem::TooShort);
    }

    #[test]
    fn over_long_passwords_are_refused() {
        // A strong-looking password of exactly the limit passes, one byte
        // more does not.
        let mut seed: u32 = 0x2026_0101;
        let alphabet: Vec<char> = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!#%"
            .chars()
            .collect();
        let strong: String = (0..MAX_PASSWORD_BYTES)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                alphabet[(seed >> 16) as usize % alphabet.len()]
            })
            .collect();
        assert_eq!(strong.len(), MAX_PASSWORD_BYTES);
        ok(&strong);
        refused(&format!("{strong}x"), PasswordProblem::TooLong);
        refused(
            &"x".repeat(MAX_PASSWORD_BYTES + 1),
            PasswordProblem::TooLong,
        );
        // The limit is in bytes: 342 Hangul syllables are 1026 bytes.
        refused(&"가".repeat(342), PasswordProblem::TooLong);
    }

    #[test]
    fn list_hits_in_any_case() {
        for p in [
            "password",
            "PASSWORD",
            "Password",
            "QwErTy",
            "SARANGHAE",
            "DkSsUd",
            "Korea",
        ] {
            assert!(is_common(p), "{p:?}");
        }
        refused("qwertyuiop", PasswordProblem::TooCommon);
        refused("QWERTYUIOP", PasswordProblem::TooCommon);
        refused("1Q2W3E4R5T", PasswordProblem::TooCommon);
        refused("PitchBridge-Demo", PasswordProblem::TooCommon);
        refused("pitchbridge", PasswordProblem::TooCommon);
        refused("qlalfqjsgh", PasswordProblem::TooCommon);
        refused("Saranghaeyo", PasswordProblem::TooCommon);
    }

    #[test]
    fn repetitions_are_weak() {
        for p in [
            "aaaaaaaaaa",
            "AAAAAAAAAAAAAAAAAAAA",
            "abcabcabcabc",
            "AbcAbcAbcAbc",
            "abcabcabcab",
            "1212121212",
            "          ",
            "!!!!!!!!!!",
            "가나가나가나가나가나",
            "xyzzyxyzzy",
        ] {
            assert!(is_common(p), "{p:?}");
            refused(p, PasswordProblem::TooCommon);
        }
        // A unit as long as a whole password is not "short".
        ok("Xk7#pQ2vLmXk7#pQ2vLm");
    }

    #[test]
    fn straight_runs_are_weak() {
        for p in [
            "1234567890",
            "0123456789",
            "9876543210",
            "8901234567",
            "abcdefghij",
            "ABCDEFGHIJKLMNOP",
            "zyxwvutsrqpo",
            "qwertyuiop[]",
            "poiuytrewq",
            "asdfghjkl;'",
            "12345678901234",
            "!@#$%^&*()",
        ] {
            assert!(is_common(p), "{p:?}");
            refused(p, PasswordProblem::TooCommon);
        }
        assert!(!is_straight_run(&"13579".chars().collect::<Vec<_>>()));
        assert!(!is_straight_run(&"abcdf".chars().collect::<Vec<_>>()));
    }

    #[test]
    fn list_words_padded_with_digits_or_punctuation_are_weak() {
        for p in [
            "password2024!",
            "qwerty12345",
            "Dragon!!!!!!",
            "iloveyou1004",
            "saranghae1234",
            "tkfkdgo2024!",
            "2024password",
            "!!password!!",
            "sunshine 2024",
            "pitchbridge2026",
            "aaaaaaaaa1",
            "abcdefgh123",
            "1111112022",
        ] {
            refused(p, PasswordProblem::TooCommon);
        }
    }

    #[test]
    fn leetspeak_is_undone() {
        for p in [
            "P@ssw0rd12345",
            "p@$$w0rd2024",
            "pa55w0rd!!!!",
            "1l0v3y0u2024",
            "$un$h1ne2024",
            "dr@g0n123456",
            "hell0hell0",
            "H3ll0w0rld!",
            "Pr1nc3ss1234",
            "M0nk3y!!!!!!",
        ] {
            refused(p, PasswordProblem::TooCommon);
        }
    }

    #[test]
    fn personal_info_is_refused() {
        let personal = ["Minsu.Kim@Example.co.kr", "minsu.kim", "Kim Minsu"];
        for p in [
            "minsu.kim2024!",
            "MINSU.KIM-rocks-7",
            "my mail is minsu.kim@example.co.kr",
            "kimminsu-lantern-9",
            "M1nsu-K1m-forever",
            "lantern Kim Minsu",
        ] {
            assert_eq!(
                check_password(p, &personal),
                Err(PasswordProblem::ContainsPersonalInfo),
                "{p:?}"
            );
        }
        // A display name in Hangul works the same way.
        assert_eq!(
            check_password("최민수대표의비밀번호", &["최민수대표"]),
            Err(PasswordProblem::ContainsPersonalInfo)
        );
        // Personal strings shorter than 4 chars (and blanks) are ignored.
        assert_eq!(
            check_password("kim-lantern-ferry-9", &["Kim", " ", ""]),
            Ok(())
        );
        assert_eq!(check_password("violet-ferry-quartz-94", &personal), Ok(()));
        // Common wins over personal.
        assert_eq!(
            check_password("password2024", &["password2024"]),
            Err(PasswordProblem::TooCommon)
        );
    }

    #[test]
    fn strong_passphrases_pass() {
        for p in [
            "correct horse battery staple",
            "탄소섬유 발열매트 2026!",
            "Gumi-forum-7-lanterns",
            "carbon heating mats 2026",
            "founder-secret-99",
            "violet-ferry-quartz-94",
            "Xk7#pQ2vLm",
            "pitch day at the river 7",
            "우리 회사 첫 투자 라운드",
            "8394027153",
        ] {
            assert!(!is_common(p), "{p:?} should not be common");
            ok(p);
        }
    }

    #[test]
    fn empty_is_common() {
        assert!(is_common(""));
    }

    #[test]
    fn problems_round_trip_through_serde() {
        for p in [
            PasswordProblem::TooShort,
            PasswordProblem::TooLong,
            PasswordProblem::TooCommon,
            PasswordProblem::ContainsPersonalInfo,
        ] {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<PasswordProblem>(&json).unwrap(), p);
        }
    }
}
