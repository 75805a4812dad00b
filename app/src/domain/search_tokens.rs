//! Search tokens: what the company search index stores for a document and
//! what a query looks up in it, the same on both databases.
//!
//! Korean needs partial words: 탄소 must find 탄소섬유를, and a two-letter
//! word is common (탄소, 발열), which rules out trigrams. So inside every
//! run of Hangul (or other CJK) letters the document is cut into
//! overlapping two-letter pairs (탄소섬유 → 탄소 소섬 섬유), a one-letter
//! word is kept as itself, and Latin letters and digits stay whole words.
//! A query term of two letters is then one token, and a longer one is the
//! AND of its pairs; since the pairs may come from different words of a
//! document, the rows shown are checked against the real text afterwards.
//!
//! Text is normalised first (NFKC, then lower case), so Hangul typed as
//! decomposed jamo (NFD, from macOS or a PDF) and full-width Latin find
//! the same companies as ordinary text.
//!
//! Latin letters and digits are whole words in the document; a query word
//! of two or more of them is a prefix (sens finds sensor), one alone is
//! the word itself.
//!
//! Two kinds of token are marked with a letter no query can produce (the
//! query side treats the markers as spaces): a company's headline words
//! (name, one-liner, tags) once more with [`HEADLINE`] in front, so the
//! ranking can put headline matches first, and filter values (cluster,
//! stage) behind [`FILTER`], so the index filters as well as it searches.
//!
//! Tokens are letters and digits only: SQLite's FTS5 `unicode61`
//! tokenizer splits the space-joined list back into exactly these tokens
//! (the markers are letters to it, category Lo).

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// Marks a headline token: `ǂ탄소` is 탄소 in the name, one-liner or tags.
pub const HEADLINE: char = '\u{01C2}';
/// Marks a filter token: `ǁclustercarbonmaterials`.
pub const FILTER: char = '\u{01C1}';

/// Text as the index and the queries see it: NFKC, lower case.
pub fn normalize(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// The distinct tokens of a document, in the order they first appear.
pub fn document_tokens(text: &str) -> Vec<String> {
    let normalized = normalize(text);
    let mut seen = HashSet::new();
    let mut tokens = Vec::new();
    for run in runs(&normalized) {
        let mut keep = |token: String| {
            if seen.insert(token.clone()) {
                tokens.push(token);
            }
        };
        match run {
            Run::Cjk(chars) if chars.len() == 1 => keep(chars.iter().collect()),
            Run::Cjk(chars) => chars.windows(2).for_each(|w| keep(w.iter().collect())),
            Run::Word(word) => keep(word.to_string()),
        }
    }
    tokens
}

/// One thing a query asks the index for; a query matches a document that
/// has all of its lookups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// This exact token.
    Token(String),
    /// Any token that starts with this: a one-letter Korean term (탄 finds
    /// 탄소 and 탄성 as well as the word 탄). It finds a letter at the start
    /// of a pair, not only inside one (팜 does not find 스마트팜): pairs have
    /// no suffix lookup, and a single letter is mostly the start of a word
    /// still being typed.
    Prefix(String),
}

/// Everything the index holds for one company: the tokens of its whole
/// search text, its headline's tokens again behind [`HEADLINE`], and its
/// filter tokens (from [`filter_token`]), each once.
pub fn index_tokens(headline: &str, text: &str, filters: &[String]) -> Vec<String> {
    let mut tokens = document_tokens(text);
    let mut seen: HashSet<String> = tokens.iter().cloned().collect();
    let marked = document_tokens(headline)
        .into_iter()
        .map(|t| format!("{HEADLINE}{t}"));
    for token in marked.chain(filters.iter().cloned()) {
        if seen.insert(token.clone()) {
            tokens.push(token);
        }
    }
    tokens
}

impl Lookup {
    /// The same lookup among the headline's tokens only.
    pub fn in_headline(&self) -> Lookup {
        match self {
            Lookup::Token(t) => Lookup::Token(format!("{HEADLINE}{t}")),
            Lookup::Prefix(p) => Lookup::Prefix(format!("{HEADLINE}{p}")),
        }
    }

    /// The token, or the prefix, as stored in the index.
    pub fn text(&self) -> &str {
        match self {
            Lookup::Token(t) | Lookup::Prefix(t) => t,
        }
    }
}

/// What to look up for a search box's text: every term's tokens, each
/// once. Empty when the text has no letters or digits.
pub fn query_lookups(query: &str) -> Vec<Lookup> {
    let normalized = normalize(query);
    let mut lookups: Vec<Lookup> = Vec::new();
    let mut add = |lookup: Lookup| {
        if !lookups.contains(&lookup) {
            lookups.push(lookup);
        }
    };
    for run in runs(&normalized) {
        match run {
            Run::Cjk(chars) if chars.len() == 1 => add(Lookup::Prefix(chars.iter().collect())),
            Run::Cjk(chars) => chars
                .windows(2)
                .for_each(|w| add(Lookup::Token(w.iter().collect()))),
            // A Latin word may be half typed: sens finds sensor. One
            // letter alone would match a large part of the vocabulary.
            Run::Word(word) if word.chars().nth(1).is_some() => {
                add(Lookup::Prefix(word.to_string()))
            }
            Run::Word(word) => add(Lookup::Token(word.to_string())),
        }
    }
    lookups
}

/// The token that stands for a filter's value (a cluster, a stage), so
/// the index filters as well as it searches. The [`FILTER`] marker and
/// the kind keep it apart from any word of a pitch.
pub fn filter_token(kind: &str, value: &str) -> String {
    std::iter::once(FILTER)
        .chain(
            format!("{kind}{value}")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        )
        .collect()
}

enum Run<'a> {
    /// Hangul, kana or Chinese characters, one word's worth.
    Cjk(Vec<char>),
    /// Latin letters and digits (and other scripts' letters).
    Word(&'a str),
}

/// Splits normalised text into runs of CJK letters and runs of other
/// letters and digits; everything else separates.
fn runs(text: &str) -> Vec<Run<'_>> {
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Cjk,
        Word,
        Gap,
    }
    let kind = |c: char| {
        if c == HEADLINE || c == FILTER {
            // Only the index writes them; in text they separate.
            Kind::Gap
        } else if is_cjk(c) {
            Kind::Cjk
        } else if c.is_alphanumeric() {
            Kind::Word
        } else {
            Kind::Gap
        }
    };
    let mut runs = Vec::new();
    let mut start = 0;
    let mut current = Kind::Gap;
    let mut push = |from: usize, to: usize, k: Kind| match k {
        Kind::Cjk => runs.push(Run::Cjk(text[from..to].chars().collect())),
        Kind::Word => runs.push(Run::Word(&text[from..to])),
        Kind::Gap => {}
    };
    for (i, c) in text.char_indices() {
        let k = kind(c);
        if k != current {
            push(start, i, current);
            start = i;
            current = k;
        }
    }
    push(start, text.len(), current);
    runs
}

fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0xAC00..=0xD7A3     // Hangul syllables
        | 0x1100..=0x11FF   // Hangul jamo
        | 0x3130..=0x318F   // Hangul compatibility jamo
        | 0xA960..=0xA97F   // Hangul jamo extended-A
        | 0xD7B0..=0xD7FF   // Hangul jamo extended-B
        | 0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        document_tokens(text)
    }

    fn token(t: &str) -> Lookup {
        Lookup::Token(t.to_string())
    }

    #[test]
    fn hangul_words_become_overlapping_pairs() {
        assert_eq!(tokens("탄소섬유"), ["탄소", "소섬", "섬유"]);
        // Pairs stay inside a word: nothing spans the space.
        assert_eq!(tokens("발열 필름"), ["발열", "필름"]);
        assert_eq!(
            tokens("탄소섬유를 쓴"),
            ["탄소", "소섬", "섬유", "유를", "쓴"]
        );
    }

    #[test]
    fn latin_and_digits_stay_whole_words_in_lower_case() {
        assert_eq!(tokens("CNT 3.5kW IoT"), ["cnt", "3", "5kw", "iot"]);
        assert_eq!(tokens("ＣＮＴ"), ["cnt"], "full-width Latin is NFKC-folded");
        assert_eq!(tokens("CNT탄소"), ["cnt", "탄소"], "a script change splits");
    }

    #[test]
    fn each_token_once_in_first_seen_order() {
        assert_eq!(tokens("탄소 탄소 탄소섬유"), ["탄소", "소섬", "섬유"]);
        assert!(tokens("  ·, ! ").is_empty());
    }

    #[test]
    fn decomposed_hangul_finds_the_same_tokens() {
        let nfd: String = "탄소섬유".nfd().collect();
        assert_ne!(nfd, "탄소섬유");
        assert_eq!(tokens(&nfd), tokens("탄소섬유"));
        assert_eq!(query_lookups(&nfd), query_lookups("탄소섬유"));
    }

    #[test]
    fn a_two_letter_term_is_one_token_a_longer_one_all_its_pairs() {
        assert_eq!(query_lookups("탄소"), [token("탄소")]);
        assert_eq!(
            query_lookups("탄소섬유"),
            [token("탄소"), token("소섬"), token("섬유")]
        );
        assert_eq!(
            query_lookups("스마트팜 센서"),
            [token("스마"), token("마트"), token("트팜"), token("센서")]
        );
        assert_eq!(
            query_lookups("탄 CNT x"),
            [
                Lookup::Prefix("탄".into()),
                Lookup::Prefix("cnt".into()),
                token("x")
            ]
        );
        assert!(query_lookups("!!").is_empty());
    }

    #[test]
    fn every_query_token_of_a_word_is_in_its_document() {
        // What makes partial words work: a term taken from inside a word
        // looks up only tokens the word itself produced.
        let doc = tokens("농업용 전기차와 스마트팜 센서 모듈");
        for term in ["전기차", "스마트팜", "업용", "농", "센서 모듈", "기차"] {
            for lookup in query_lookups(term) {
                let found = match &lookup {
                    Lookup::Token(t) => doc.contains(t),
                    Lookup::Prefix(p) => doc.iter().any(|t| t.starts_with(p.as_str())),
                };
                assert!(found, "{term}: {lookup:?} not in {doc:?}");
            }
        }
    }

    #[test]
    fn filter_tokens_are_single_marked_words() {
        assert_eq!(
            filter_token("cluster", "carbon-materials"),
            "\u{01C1}clustercarbonmaterials"
        );
        assert_eq!(filter_token("stage", "Seed"), "\u{01C1}stageseed");
    }

    #[test]
    fn no_query_reaches_a_marked_token() {
        let typed = format!("{FILTER}clustercarbon {HEADLINE}탄소");
        assert_eq!(
            query_lookups(&typed),
            [Lookup::Prefix("clustercarbon".into()), token("탄소")]
        );
        assert_eq!(tokens(&typed), ["clustercarbon", "탄소"]);
    }

    #[test]
    fn the_index_holds_text_headline_and_filters_once() {
        let filters = [filter_token("stage", "seed")];
        let all = index_tokens("탄소온 CNT", "탄소온 cnt 발열", &filters);
        assert_eq!(
            all,
            [
                "탄소",
                "소온",
                "cnt",
                "발열",
                "\u{01C2}탄소",
                "\u{01C2}소온",
                "\u{01C2}cnt",
                "\u{01C1}stageseed"
            ]
        );
        let lookup = token("탄소").in_headline();
        assert!(all.iter().any(|t| t == lookup.text()));
        assert!(!all.iter().any(|t| t == token("발열").in_headline().text()));
    }
}
