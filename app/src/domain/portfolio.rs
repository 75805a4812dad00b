//! The consultant's portfolio (`/consulting`): one row per checklist of the
//! companies in view, with the marks a consultant scans for — score, its
//! change over 30 days, overdue items, the next due date, stalled — and the
//! query string that sorts and filters it. For admins, the cluster ×
//! readiness-band table. Pure: the store reads the rows, these rules order
//! and count them.

use super::readiness::{ReadinessBand, TemplateKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One checklist as the portfolio lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioRow {
    pub company_slug: String,
    pub company_name: String,
    pub cluster_slug: Option<String>,
    pub cluster_name_ko: Option<String>,
    pub cluster_name_en: Option<String>,
    pub kind: TemplateKind,
    pub consultants: Vec<String>,
    pub score_permille: Option<u16>,
    /// The score 30 days ago (the last one recorded by then), if the
    /// checklist existed.
    pub score_30_days_ago: Option<u16>,
    pub overdue: i64,
    pub next_due: Option<NaiveDate>,
    pub open_items: i64,
    pub last_progress_at: DateTime<Utc>,
}

impl PortfolioRow {
    /// Score points gained (or lost) over 30 days, in tenths.
    pub fn change_permille(&self) -> Option<i32> {
        Some(i32::from(self.score_permille?) - i32::from(self.score_30_days_ago.unwrap_or(0)))
    }

    pub fn is_stalled(&self, now: DateTime<Utc>) -> bool {
        super::readiness::is_stalled(self.last_progress_at, now, self.open_items == 0)
    }

    pub fn band(&self) -> ReadinessBand {
        ReadinessBand::of(self.score_permille.unwrap_or(0))
    }
}

crate::stored_enum!(
    /// How the portfolio is ordered.
    PortfolioSort {
        Attention => "attention",
        Score => "score",
        Change => "change",
        Due => "due",
        Name => "name",
    }
);

/// The portfolio's query string, checked: unknown values fall back to the
/// default (a bookmark from an older version still opens).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioQuery {
    pub kind: Option<TemplateKind>,
    pub cluster: Option<String>,
    pub stalled_only: bool,
    /// Admins: one consultant's companies.
    pub consultant: Option<i64>,
    pub sort: Option<PortfolioSort>,
    /// The page of the table, from 1 (`None`: the first). The CSV and the
    /// summary figures always cover every row of the view.
    pub page: Option<u32>,
}

/// Rows per page of the portfolio table: an admin's view of a national
/// programme is thousands of checklists, which as one table is megabytes
/// of HTML nobody scrolls.
pub const PORTFOLIO_PAGE_SIZE: usize = 100;

/// The pages `total` rows make (at least one).
pub fn portfolio_pages(total: usize) -> u32 {
    total.div_ceil(PORTFOLIO_PAGE_SIZE).max(1) as u32
}

impl PortfolioQuery {
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        let value = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        PortfolioQuery {
            kind: value("kind").and_then(|v| TemplateKind::parse(&v)),
            cluster: value("cluster").filter(|v| v.len() <= 60),
            stalled_only: value("stalled").is_some_and(|v| v == "1"),
            consultant: value("consultant").and_then(|v| v.parse().ok()),
            sort: value("sort").and_then(|v| PortfolioSort::parse(&v)),
            page: value("page")
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|n| *n > 1),
        }
    }

    /// The page asked for, kept within the pages `total` rows make.
    pub fn page_within(&self, total: usize) -> u32 {
        self.page.unwrap_or(1).clamp(1, portfolio_pages(total))
    }

    /// This view's page `page` (sort and filters kept), `""` or `"?…"`.
    pub fn page_query(&self, page: u32) -> String {
        self.query_string(self.sort, (page > 1).then_some(page))
    }

    /// The same view as a query string (for the CSV link and sort links,
    /// which start again at the first page), `""` or `"?…"`.
    pub fn to_query(&self, sort: Option<PortfolioSort>) -> String {
        self.query_string(sort, None)
    }

    fn query_string(&self, sort: Option<PortfolioSort>, page: Option<u32>) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(k) = self.kind {
            pairs.push(("kind".into(), k.as_str().into()));
        }
        if let Some(c) = &self.cluster {
            pairs.push(("cluster".into(), c.clone()));
        }
        if self.stalled_only {
            pairs.push(("stalled".into(), "1".into()));
        }
        if let Some(c) = self.consultant {
            pairs.push(("consultant".into(), c.to_string()));
        }
        if let Some(s) = sort.filter(|s| *s != PortfolioSort::Attention) {
            pairs.push(("sort".into(), s.as_str().into()));
        }
        if let Some(n) = page {
            pairs.push(("page".into(), n.to_string()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let joined = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", super::url::encode_query_value(v)))
            .collect::<Vec<_>>()
            .join("&");
        format!("?{joined}")
    }

    /// Keeps the rows this view asks for and orders them.
    pub fn apply(&self, mut rows: Vec<PortfolioRow>, now: DateTime<Utc>) -> Vec<PortfolioRow> {
        rows.retain(|r| {
            self.kind.is_none_or(|k| r.kind == k)
                && self
                    .cluster
                    .as_ref()
                    .is_none_or(|c| r.cluster_slug.as_ref() == Some(c))
                && (!self.stalled_only || r.is_stalled(now))
        });
        let name = |r: &PortfolioRow| (r.company_name.clone(), r.kind.as_str());
        match self.sort.unwrap_or(PortfolioSort::Attention) {
            // What needs the consultant first: overdue items, then
            // stalled, then the nearest due date.
            PortfolioSort::Attention => rows.sort_by_key(|r| {
                (
                    std::cmp::Reverse(r.overdue),
                    !r.is_stalled(now),
                    r.next_due.unwrap_or(NaiveDate::MAX),
                    name(r),
                )
            }),
            PortfolioSort::Score => {
                rows.sort_by_key(|r| (std::cmp::Reverse(r.score_permille), name(r)))
            }
            PortfolioSort::Change => rows.sort_by_key(|r| {
                (
                    std::cmp::Reverse(r.change_permille().unwrap_or(i32::MIN)),
                    name(r),
                )
            }),
            PortfolioSort::Due => {
                rows.sort_by_key(|r| (r.next_due.unwrap_or(NaiveDate::MAX), name(r)))
            }
            PortfolioSort::Name => rows.sort_by_key(name),
        }
        rows
    }
}

/// Companies per cluster and readiness band (a company counts once per
/// checklist kind shown), clusters in first-seen order; `None` is the
/// company without a cluster.
pub fn cluster_bands(rows: &[PortfolioRow]) -> Vec<(Option<String>, Option<String>, [i64; 4])> {
    let mut table: Vec<(Option<String>, Option<String>, [i64; 4])> = Vec::new();
    for r in rows {
        let band = ReadinessBand::ALL
            .iter()
            .position(|b| *b == r.band())
            .unwrap_or(0);
        match table
            .iter_mut()
            .find(|(slug, _, _)| *slug == r.cluster_slug)
        {
            Some((_, _, counts)) => counts[band] += 1,
            None => {
                let mut counts = [0; 4];
                counts[band] = 1;
                table.push((r.cluster_slug.clone(), r.cluster_name_ko.clone(), counts));
            }
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn row(
        name: &str,
        score: u16,
        ago: Option<u16>,
        overdue: i64,
        due: Option<u32>,
        idle_days: i64,
    ) -> PortfolioRow {
        PortfolioRow {
            company_slug: name.into(),
            company_name: name.into(),
            cluster_slug: Some(if score >= 700 { "carbon" } else { "mobility" }.into()),
            cluster_name_ko: None,
            cluster_name_en: None,
            kind: TemplateKind::Crowdfunding,
            consultants: vec![],
            score_permille: Some(score),
            score_30_days_ago: ago,
            overdue,
            next_due: due.map(|d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap()),
            open_items: 3,
            last_progress_at: now() - chrono::Duration::days(idle_days),
        }
    }

    fn names(rows: &[PortfolioRow]) -> Vec<&str> {
        rows.iter().map(|r| r.company_name.as_str()).collect()
    }

    #[test]
    fn attention_first_then_each_sort() {
        let rows = vec![
            row("가", 800, Some(700), 0, Some(20), 2),
            row("나", 300, Some(300), 2, Some(5), 3),
            row("다", 500, None, 0, Some(3), 40),
            row("라", 600, Some(100), 0, None, 1),
        ];
        let q = |sort| PortfolioQuery {
            sort,
            ..Default::default()
        };
        assert_eq!(
            names(&q(None).apply(rows.clone(), now())),
            vec!["나", "다", "가", "라"]
        );
        assert_eq!(
            names(&q(Some(PortfolioSort::Score)).apply(rows.clone(), now())),
            vec!["가", "라", "다", "나"]
        );
        // 다 +50.0 (new: from 0), 라 +50.0, 가 +10.0, 나 0
        assert_eq!(
            names(&q(Some(PortfolioSort::Change)).apply(rows.clone(), now())),
            vec!["다", "라", "가", "나"]
        );
        assert_eq!(
            names(&q(Some(PortfolioSort::Due)).apply(rows.clone(), now())),
            vec!["다", "나", "가", "라"]
        );
        let stalled = PortfolioQuery {
            stalled_only: true,
            ..Default::default()
        };
        assert_eq!(names(&stalled.apply(rows.clone(), now())), vec!["다"]);
        let carbon = PortfolioQuery {
            cluster: Some("carbon".into()),
            ..Default::default()
        };
        assert_eq!(names(&carbon.apply(rows, now())), vec!["가"]);
    }

    #[test]
    fn the_query_string_round_trips_and_ignores_junk() {
        let q = PortfolioQuery::from_pairs(|k| match k {
            "kind" => Some("angel".into()),
            "stalled" => Some("1".into()),
            "sort" => Some("drop table".into()),
            "consultant" => Some("x".into()),
            "cluster" => Some("탄소 소재".into()),
            _ => None,
        });
        assert_eq!(q.kind, Some(TemplateKind::Angel));
        assert!(q.stalled_only);
        assert_eq!(q.sort, None);
        assert_eq!(q.consultant, None);
        let s = q.to_query(Some(PortfolioSort::Score));
        assert!(
            s.starts_with("?kind=angel&cluster=%ED%83%84") && s.ends_with("&stalled=1&sort=score"),
            "{s}"
        );
        assert_eq!(PortfolioQuery::default().to_query(None), "");
    }

    #[test]
    fn pages_hold_a_hundred_rows_and_sorting_starts_again_at_the_first() {
        let q = |page: &str| {
            let page = page.to_string();
            PortfolioQuery::from_pairs(move |k| match k {
                "page" => Some(page.clone()),
                "sort" => Some("score".into()),
                _ => None,
            })
        };
        assert_eq!(q("3").page, Some(3));
        // Page 1, zero, negative and junk are all the first page.
        for first in ["1", "0", "-2", "x", ""] {
            assert_eq!(q(first).page, None, "{first:?}");
        }
        assert_eq!(portfolio_pages(0), 1);
        assert_eq!(portfolio_pages(100), 1);
        assert_eq!(portfolio_pages(101), 2);
        assert_eq!(portfolio_pages(12_500), 125);
        // A page past the end shows the last one.
        assert_eq!(q("9").page_within(250), 3);
        assert_eq!(q("2").page_within(250), 2);
        assert_eq!(PortfolioQuery::default().page_within(0), 1);
        assert_eq!(q("3").page_query(4), "?sort=score&page=4");
        assert_eq!(q("3").page_query(1), "?sort=score");
        assert_eq!(q("3").to_query(Some(PortfolioSort::Name)), "?sort=name");
    }

    #[test]
    fn bands_per_cluster() {
        let rows = vec![
            row("가", 800, None, 0, None, 1),
            row("나", 300, None, 0, None, 1),
            row("다", 950, None, 0, None, 1),
            row("라", 450, None, 0, None, 1),
        ];
        let table = cluster_bands(&rows);
        assert_eq!(table.len(), 2);
        assert_eq!(table[0].0.as_deref(), Some("carbon"));
        assert_eq!(table[0].2, [0, 0, 1, 1]);
        assert_eq!(table[1].2, [1, 1, 0, 0]);
    }
}
