//! The directory's search index, the half both databases share: what a
//! company's entry holds, and how a directory search is planned and
//! checked. The tokens come from `app::domain::search_tokens`; SQLite keeps
//! them in an FTS5 table, PostgreSQL as token numbers in an `int4[]` under
//! a GIN index (`SqliteStore::index_query`, `PostgresStore::index_query`
//! and their `sync_search_index`).
//!
//! A search reads ids from the index (AND of every term's tokens and the
//! cluster and stage tokens) and then only the page's rows; the count
//! stops at `COUNT_CEILING + 1`. Companies whose name, one-liner or tags
//! match come first, then the others, each in the chosen order.

use super::rows::SearchSourceRow;
use app::domain::directory::DirectoryFilter;
use app::domain::search_tokens::{filter_token, index_tokens, normalize, query_lookups, Lookup};

/// Raised when the tokenizer or what an entry holds changes; the server
/// then rebuilds the index at start-up (`CompanyStore::rebuild_search_index`).
pub(crate) const SEARCH_INDEX_VERSION: i64 = 1;

/// The filter tokens of a company or a query: its cluster and stage.
fn filter_tokens(cluster_slug: Option<&str>, stage: Option<&str>) -> Vec<String> {
    let cluster = cluster_slug.map(|slug| filter_token("cluster", slug));
    let stage = stage.map(|stage| filter_token("stage", stage));
    cluster.into_iter().chain(stage).collect()
}

/// A company's index entry: the tokens of its search text (which already
/// holds the headline), its headline's tokens marked, and its filters.
pub(crate) fn company_tokens(src: &SearchSourceRow, search_text: &str) -> Vec<String> {
    let headline = [
        Some(src.name_ko.as_str()),
        src.name_en.as_deref(),
        src.one_liner.as_deref(),
        Some(src.tags.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\n");
    let filters = filter_tokens(src.cluster_slug.as_deref(), src.stage.as_deref());
    index_tokens(&headline, search_text, &filters)
}

/// What a directory search asks of the index.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SearchPlan {
    /// Companies with every term anywhere, in the filter's cluster and stage.
    pub all: Vec<Lookup>,
    /// The same with every term in the headline.
    pub headline: Vec<Lookup>,
    /// The terms that have letters or digits, normalised. A term's pairs
    /// may come from different words of a company's text, so the rows
    /// shown are checked for each term as a whole ([`SearchPlan::matches`]).
    pub terms: Vec<String>,
}

impl SearchPlan {
    /// `None` when no term has a letter or digit (`!!`): then the search
    /// box does not narrow the directory.
    pub fn new(filter: &DirectoryFilter) -> Option<SearchPlan> {
        let mut plan = SearchPlan {
            all: Vec::new(),
            headline: Vec::new(),
            terms: Vec::new(),
        };
        for term in &filter.terms {
            let lookups = query_lookups(term);
            if lookups.is_empty() {
                continue;
            }
            plan.terms.push(normalize(term));
            for lookup in lookups {
                if !plan.all.contains(&lookup) {
                    plan.headline.push(lookup.in_headline());
                    plan.all.push(lookup);
                }
            }
        }
        if plan.terms.is_empty() {
            return None;
        }
        let stage = filter.stage.map(|s| s.as_str());
        for token in filter_tokens(filter.cluster_slug.as_deref(), stage) {
            plan.all.push(Lookup::Token(token.clone()));
            plan.headline.push(Lookup::Token(token));
        }
        Some(plan)
    }

    /// Whether a company's search text (normalised, as stored) holds every
    /// term.
    pub fn matches(&self, search_text: &str) -> bool {
        self.terms
            .iter()
            .all(|term| search_text.contains(term.as_str()))
    }
}

/// Whether the index holds every condition of `filter`: the terms,
/// cluster and stage are tokens (and only published companies are in
/// it); the ask, founding years, freshness and readiness are not.
pub(crate) fn index_covers(filter: &DirectoryFilter) -> bool {
    filter.min_ask.is_none()
        && filter.max_ask.is_none()
        && filter.founded_from.is_none()
        && filter.founded_to.is_none()
        && filter.freshness.is_none()
        && filter.min_readiness.is_none()
}

/// An FTS5 query for `lookups`, all of which must match. Tokens are
/// letters and digits only, so quoting each one is enough escaping.
pub(crate) fn fts5_query(lookups: &[Lookup]) -> String {
    lookups
        .iter()
        .map(|lookup| match lookup {
            Lookup::Token(t) => format!("\"{t}\""),
            Lookup::Prefix(p) => format!("\"{p}\"*"),
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// An intarray `query_int`: every group must match, any id of a group
/// will do (a prefix is the group of the tokens that start with it).
pub(crate) fn query_int(groups: &[Vec<i32>]) -> String {
    groups
        .iter()
        .map(|ids| match ids.as_slice() {
            [one] => one.to_string(),
            many => format!(
                "({})",
                many.iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join("|")
            ),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The upper bound of the tokens that start with `prefix`, for a range
/// scan in "C" collation (code point order): no token holds U+10FFFF.
pub(crate) fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::company::Stage;
    use app::domain::directory::{Freshness, Sort};
    use app::domain::search_tokens::{FILTER, HEADLINE};

    fn filter(terms: &[&str]) -> DirectoryFilter {
        DirectoryFilter {
            terms: terms.iter().map(|t| t.to_string()).collect(),
            cluster_slug: None,
            stage: None,
            min_ask: None,
            max_ask: None,
            founded_from: None,
            founded_to: None,
            freshness: None::<Freshness>,
            min_readiness: None,
            sort: Sort::Updated,
            page: 1,
        }
    }

    fn token(t: &str) -> Lookup {
        Lookup::Token(t.to_string())
    }

    #[test]
    fn a_plan_ands_every_term_and_the_filters() {
        let mut f = filter(&["탄소섬유", "!!", "CNT"]);
        f.cluster_slug = Some("carbon-materials".into());
        f.stage = Some(Stage::Seed);
        let plan = SearchPlan::new(&f).unwrap();
        assert_eq!(plan.terms, ["탄소섬유", "cnt"], "!! has nothing to look up");
        assert_eq!(
            plan.all,
            [
                token("탄소"),
                token("소섬"),
                token("섬유"),
                Lookup::Prefix("cnt".into()),
                token(&format!("{FILTER}clustercarbonmaterials")),
                token(&format!("{FILTER}stageseed")),
            ]
        );
        assert_eq!(plan.headline[0], token(&format!("{HEADLINE}탄소")));
        assert_eq!(
            plan.headline[5],
            token(&format!("{FILTER}stageseed")),
            "filters are not headline words"
        );
        assert_eq!(SearchPlan::new(&filter(&["!!"])), None);
        assert_eq!(SearchPlan::new(&filter(&[])), None);
    }

    #[test]
    fn the_shown_rows_must_hold_each_term_whole() {
        let plan = SearchPlan::new(&filter(&["탄소섬유"])).unwrap();
        assert!(plan.matches("고강도 탄소섬유 발열체"));
        // Every pair is there, in different words.
        assert!(!plan.matches("탄소 소섬 섬유"));
    }

    #[test]
    fn a_company_entry_holds_its_filters_and_marked_headline() {
        let src = SearchSourceRow {
            published_at: None,
            name_ko: "탄소온".into(),
            name_en: None,
            one_liner: Some("발열매트".into()),
            tags: "ESS".into(),
            location: None,
            cluster_slug: Some("carbon-materials".into()),
            cluster_name_ko: None,
            cluster_name_en: None,
            stage: Some("seed".into()),
        };
        let tokens = company_tokens(&src, "탄소온\n발열매트\ness\n본문의 센서");
        for expected in [
            "센서".to_string(),
            format!("{HEADLINE}발열"),
            format!("{HEADLINE}ess"),
            format!("{FILTER}clustercarbonmaterials"),
            format!("{FILTER}stageseed"),
        ] {
            assert!(tokens.contains(&expected), "{expected} in {tokens:?}");
        }
        assert!(!tokens.contains(&format!("{HEADLINE}센서")));
    }

    #[test]
    fn index_queries_quote_tokens_and_group_prefixes() {
        assert_eq!(
            fts5_query(&[token("탄소"), Lookup::Prefix("sens".into())]),
            "\"탄소\" AND \"sens\"*"
        );
        assert_eq!(query_int(&[vec![3], vec![5, 8, 13]]), "3&(5|8|13)");
        assert!(prefix_end("탄").as_str() > "탄소");
        assert!(prefix_end("탄").as_str() < "탅");
    }
}
