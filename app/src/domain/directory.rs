//! The investor's company directory: filters as they live in the URL, the
//! search terms, and the highlighting of matches. Korean has no reliable
//! word boundaries for search ("탄소" must find "탄소섬유"), so matching is
//! by substring on lower-cased text: the databases index it with trigrams
//! (SQLite FTS5 `trigram`, PostgreSQL `pg_trgm`).

use super::company::{Stage, STALE_AFTER_DAYS};
use super::money::{parse_won, Won};
use super::url::query_string;
use serde::{Deserialize, Serialize};

pub const COMPANIES_PER_PAGE: i64 = 12;
pub const MAX_QUERY_CHARS: usize = 60;
pub const MAX_TERMS: usize = 5;
/// The directory counts matches up to here and then says "1,000+": an
/// exact count of a broad search would cost more than the page itself.
pub const COUNT_CEILING: i64 = 1_000;
pub const MAX_PAGE: i64 = 1_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Most recently published first.
    #[default]
    Updated,
    /// Largest ask first (only for readers who may see funding terms).
    Amount,
    Name,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Updated, Sort::Amount, Sort::Name];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Updated => "updated",
            Sort::Amount => "amount",
            Sort::Name => "name",
        }
    }

    pub fn parse(value: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Freshness {
    /// Published within `STALE_AFTER_DAYS`.
    Fresh,
    Stale,
}

impl Freshness {
    pub fn as_str(self) -> &'static str {
        match self {
            Freshness::Fresh => "fresh",
            Freshness::Stale => "stale",
        }
    }

    pub fn parse(value: &str) -> Option<Freshness> {
        [Freshness::Fresh, Freshness::Stale]
            .into_iter()
            .find(|f| f.as_str() == value)
    }

    pub const DAYS: i64 = STALE_AFTER_DAYS;
}

/// The directory's query string, as typed into the URL. Every field is
/// optional text; [`DirectoryQuery::filter`] turns it into a filter,
/// ignoring what it cannot use (a shared link with a stale value still
/// opens) but reporting it so the page can say so.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub cluster: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub min_amount: String,
    #[serde(default)]
    pub max_amount: String,
    #[serde(default)]
    pub founded_from: String,
    #[serde(default)]
    pub founded_to: String,
    #[serde(default)]
    pub freshness: String,
    /// Least shared readiness score, in points ("70").
    #[serde(default)]
    pub readiness: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: String,
}

/// The readiness filter's choices, in points.
pub const READINESS_STEPS: [u16; 3] = [40, 70, 90];

/// A usable filter: everything validated and bounded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryFilter {
    /// Lower-cased search terms, each at least one character, all of which
    /// must match (AND).
    pub terms: Vec<String>,
    pub cluster_slug: Option<String>,
    pub stage: Option<Stage>,
    pub min_ask: Option<Won>,
    pub max_ask: Option<Won>,
    pub founded_from: Option<i64>,
    pub founded_to: Option<i64>,
    pub freshness: Option<Freshness>,
    /// Only companies sharing a readiness badge of at least this score
    /// (tenths of a percent).
    pub min_readiness: Option<u16>,
    pub sort: Sort,
    /// 1-based.
    pub page: i64,
}

/// Which query parameters were not understood and were ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ignored(pub Vec<&'static str>);

impl DirectoryQuery {
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |k: &str| get(k).unwrap_or_default().trim().to_string();
        DirectoryQuery {
            q: text("q"),
            cluster: text("cluster"),
            stage: text("stage"),
            min_amount: text("min_amount"),
            max_amount: text("max_amount"),
            founded_from: text("founded_from"),
            founded_to: text("founded_to"),
            freshness: text("freshness"),
            readiness: text("readiness"),
            sort: text("sort"),
            page: text("page"),
        }
    }

    /// The filter this query asks for. `may_see_funding` is decided by the
    /// server for the reader: without it, amount filters and the amount
    /// sort are ignored, because they would reveal investor-only terms.
    pub fn filter(&self, may_see_funding: bool) -> (DirectoryFilter, Ignored) {
        let mut ignored = Vec::new();
        let mut note = |field: &'static str, raw: &str| {
            if !raw.is_empty() {
                ignored.push(field);
            }
        };
        let terms = search_terms(&self.q);
        let cluster_slug = (!self.cluster.is_empty()
            && self.cluster.len() <= 60
            && self
                .cluster
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then(|| self.cluster.clone());
        if cluster_slug.is_none() {
            note("cluster", &self.cluster);
        }
        let stage = Stage::parse(&self.stage);
        if stage.is_none() {
            note("stage", &self.stage);
        }
        let mut amount = |field: &'static str, raw: &str| {
            if raw.is_empty() {
                return None;
            }
            if !may_see_funding {
                note(field, raw);
                return None;
            }
            let parsed = parse_won(raw).ok();
            if parsed.is_none() {
                note(field, raw);
            }
            parsed
        };
        let min_ask = amount("min_amount", &self.min_amount);
        let max_ask = amount("max_amount", &self.max_amount);
        let mut year = |field: &'static str, raw: &str| {
            let parsed = raw
                .parse::<i64>()
                .ok()
                .filter(|y| (1900..=2100).contains(y));
            if parsed.is_none() {
                note(field, raw);
            }
            parsed
        };
        let founded_from = year("founded_from", &self.founded_from);
        let founded_to = year("founded_to", &self.founded_to);
        let freshness = Freshness::parse(&self.freshness);
        if freshness.is_none() {
            note("freshness", &self.freshness);
        }
        let min_readiness = self
            .readiness
            .parse::<u16>()
            .ok()
            .filter(|p| READINESS_STEPS.contains(p))
            .map(|p| p * 10);
        if min_readiness.is_none() {
            note("readiness", &self.readiness);
        }
        let sort = match Sort::parse(&self.sort) {
            Some(Sort::Amount) if !may_see_funding => {
                note("sort", &self.sort);
                Sort::default()
            }
            Some(sort) => sort,
            None => {
                note("sort", &self.sort);
                Sort::default()
            }
        };
        let page = self
            .page
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .unwrap_or(1);
        (
            DirectoryFilter {
                terms,
                cluster_slug,
                stage,
                min_ask,
                max_ask,
                founded_from,
                founded_to,
                freshness,
                min_readiness,
                sort,
                page,
            },
            Ignored(ignored),
        )
    }

    /// This query's URL with `page` replaced (1 drops the parameter), empty
    /// parameters left out, so links stay short and shareable.
    pub fn href(&self, base: &str, page: i64) -> String {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        let pairs = [
            ("q", self.q.as_str()),
            ("cluster", &self.cluster),
            ("stage", &self.stage),
            ("min_amount", &self.min_amount),
            ("max_amount", &self.max_amount),
            ("founded_from", &self.founded_from),
            ("founded_to", &self.founded_to),
            ("freshness", &self.freshness),
            ("readiness", &self.readiness),
            ("sort", &self.sort),
            ("page", &page),
        ];
        format!("{base}{}", query_string(&pairs))
    }

    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty() || self.conditions() > 0
    }

    /// How many conditions besides the search words are set (a range
    /// counts once), for the filter panel's summary.
    pub fn conditions(&self) -> usize {
        let set = |value: &str| !value.trim().is_empty();
        [
            set(&self.cluster),
            set(&self.stage),
            set(&self.min_amount) || set(&self.max_amount),
            set(&self.founded_from) || set(&self.founded_to),
            set(&self.freshness),
            set(&self.readiness),
        ]
        .into_iter()
        .filter(|&on| on)
        .count()
    }
}

/// Splits a query into lower-cased terms: at most `MAX_TERMS`, within
/// `MAX_QUERY_CHARS`, without the `LIKE` wildcards `%` and `_` (which would
/// otherwise match everything) and without duplicates.
pub fn search_terms(q: &str) -> Vec<String> {
    let q: String = q.chars().take(MAX_QUERY_CHARS).collect();
    let mut terms: Vec<String> = Vec::new();
    for word in q.split_whitespace() {
        let term: String = word
            .chars()
            .filter(|c| !matches!(c, '%' | '_' | '\\') && !c.is_control())
            .flat_map(char::to_lowercase)
            .collect();
        if !term.is_empty() && !terms.contains(&term) {
            terms.push(term);
        }
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    terms
}

/// `text` split into runs, `true` where a run matches one of `terms`
/// (case-insensitively). Overlapping matches merge into one run.
pub fn highlight(text: &str, terms: &[String]) -> Vec<(String, bool)> {
    if text.is_empty() {
        return Vec::new();
    }
    if terms.is_empty() {
        return vec![(text.to_string(), false)];
    }
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut marked = vec![false; chars.len()];
    for term in terms {
        let t: Vec<char> = term.chars().collect();
        if t.is_empty() || t.len() > lower.len() {
            continue;
        }
        for start in 0..=lower.len() - t.len() {
            if lower[start..start + t.len()] == t[..] {
                marked[start..start + t.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marked) {
        match runs.last_mut() {
            Some((run, flag)) if *flag == m => run.push(c),
            _ => runs.push((c.to_string(), m)),
        }
    }
    runs
}

/// About `width` characters of `text` around the first match of any term,
/// with "…" where it was cut; `None` when no term matches.
pub fn snippet(text: &str, terms: &[String], width: usize) -> Option<String> {
    let lower = text.to_lowercase();
    let byte_pos = terms.iter().filter_map(|t| lower.find(t.as_str())).min()?;
    // Lower-casing can change byte lengths; count characters instead.
    let char_pos = lower[..byte_pos].chars().count();
    let chars: Vec<char> = text.chars().collect();
    let start = char_pos.saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> DirectoryQuery {
        DirectoryQuery::from_pairs(|k| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn conditions_count_ranges_once_and_ignore_search_and_sort() {
        assert_eq!(query(&[]).conditions(), 0);
        assert_eq!(query(&[("q", "탄소"), ("sort", "name")]).conditions(), 0);
        assert!(query(&[("q", "탄소")]).is_filtered());
        let q = query(&[
            ("cluster", "carbon-materials"),
            ("min_amount", "1억"),
            ("max_amount", "5억"),
            ("founded_to", "2020"),
        ]);
        assert_eq!(q.conditions(), 3);
        assert!(q.is_filtered());
        assert!(!query(&[("sort", "name"), ("page", "2")]).is_filtered());
    }

    #[test]
    fn terms_are_lowercased_unique_and_wildcard_free() {
        assert_eq!(
            search_terms("  탄소  ESS 탄소 100%_ "),
            vec!["탄소", "ess", "100"]
        );
        assert!(search_terms("%% __").is_empty());
        assert_eq!(search_terms("a b c d e f g").len(), MAX_TERMS);
    }

    #[test]
    fn a_full_query_becomes_a_filter() {
        let q = query(&[
            ("q", "탄소 매트"),
            ("cluster", "carbon-materials"),
            ("stage", "seed"),
            ("min_amount", "3억"),
            ("max_amount", "10억"),
            ("founded_from", "2015"),
            ("freshness", "fresh"),
            ("sort", "amount"),
            ("page", "2"),
        ]);
        let (f, ignored) = q.filter(true);
        assert!(ignored.0.is_empty());
        assert_eq!(f.terms, vec!["탄소", "매트"]);
        assert_eq!(f.cluster_slug.as_deref(), Some("carbon-materials"));
        assert_eq!(f.stage, Some(Stage::Seed));
        assert_eq!(f.min_ask, Some(Won(300_000_000)));
        assert_eq!(f.max_ask, Some(Won(1_000_000_000)));
        assert_eq!(f.founded_from, Some(2015));
        assert_eq!(f.freshness, Some(Freshness::Fresh));
        assert_eq!(f.sort, Sort::Amount);
        assert_eq!(f.page, 2);
    }

    #[test]
    fn funding_filters_are_ignored_for_readers_who_may_not_see_funding() {
        let q = query(&[("min_amount", "3억"), ("sort", "amount")]);
        let (f, ignored) = q.filter(false);
        assert_eq!(f.min_ask, None);
        assert_eq!(f.sort, Sort::Updated);
        assert_eq!(ignored.0, vec!["min_amount", "sort"]);
    }

    #[test]
    fn junk_is_ignored_not_fatal() {
        let q = query(&[
            ("cluster", "'; drop table companies; --"),
            ("stage", "unicorn"),
            ("page", "-4"),
            ("founded_from", "year"),
        ]);
        let (f, ignored) = q.filter(true);
        assert_eq!(f.cluster_slug, None);
        assert_eq!(f.stage, None);
        assert_eq!(f.page, 1);
        assert_eq!(ignored.0, vec!["cluster", "stage", "founded_from"]);
    }

    #[test]
    fn hrefs_round_trip_and_encode_korean() {
        let q = query(&[("q", "탄소 매트"), ("stage", "seed")]);
        assert_eq!(
            q.href("/companies", 3),
            "/companies?q=%ED%83%84%EC%86%8C%20%EB%A7%A4%ED%8A%B8&stage=seed&page=3"
        );
        assert_eq!(
            q.href("/companies", 1),
            "/companies?q=%ED%83%84%EC%86%8C%20%EB%A7%A4%ED%8A%B8&stage=seed"
        );
        assert_eq!(
            DirectoryQuery::default().href("/companies", 1),
            "/companies"
        );
    }

    #[test]
    fn highlight_marks_korean_partial_words() {
        let terms = search_terms("탄소");
        assert_eq!(
            highlight("탄소섬유 발열매트", &terms),
            vec![
                ("탄소".to_string(), true),
                ("섬유 발열매트".to_string(), false)
            ]
        );
        let terms = search_terms("ess 저장");
        let runs = highlight("에너지저장장치(ESS)", &terms);
        let marked: Vec<&str> = runs.iter().filter(|r| r.1).map(|r| r.0.as_str()).collect();
        assert_eq!(marked, vec!["저장", "ESS"]);
        assert_eq!(highlight("무관", &terms), vec![("무관".to_string(), false)]);
    }

    #[test]
    fn snippets_centre_on_the_first_match() {
        let text = "가".repeat(100) + "탄소섬유" + &"나".repeat(100);
        let s = snippet(&text, &search_terms("탄소"), 30).unwrap();
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("탄소섬유"));
        assert_eq!(snippet("무관한 글", &search_terms("탄소"), 30), None);
    }
}
