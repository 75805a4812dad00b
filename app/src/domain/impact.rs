//! The programme's impact: per year, forum and mini-cluster, how many
//! companies presented, how much investor interest followed within 90 days
//! and what confirmed outcomes came of it. The store hands over plain facts
//! (held forums, slots, interests, confirmed outcomes); the counting rules
//! live here, so the page, the CSV and the tests agree.
//!
//! Rules: an outcome attributed to two forums appears in both forums' rows
//! but once in every total; interest is an investor putting a presenting
//! company on their ladder in the 90 days from the forum's start; companies
//! are counted once per row however often they presented.

use super::money::Won;
use super::outcome::OutcomeKind;
use super::seoul_time::seoul_date;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How long after a forum an investor's new interest counts as its result.
pub const INTEREST_WINDOW_DAYS: i64 = 90;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumFact {
    pub id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotFact {
    pub forum_id: i64,
    pub company_id: i64,
    /// The company's mini-cluster (slug).
    pub cluster: Option<String>,
}

/// An investor's interest in a presenting company, first recorded at `at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterestFact {
    pub company_id: i64,
    pub investor_id: i64,
    pub at: DateTime<Utc>,
}

/// A confirmed outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeFact {
    pub id: i64,
    pub company_id: i64,
    pub cluster: Option<String>,
    pub kind: OutcomeKind,
    pub amount: Option<Won>,
    pub amount_usd: Option<i64>,
    pub headcount: Option<i64>,
    pub occurred_on: NaiveDate,
    pub forum_ids: Vec<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactFacts {
    /// Forums that took place (held or closed).
    pub forums: Vec<ForumFact>,
    /// (slug, Korean name, English name) in the clusters' order.
    pub clusters: Vec<(String, String, String)>,
    pub slots: Vec<SlotFact>,
    pub interests: Vec<InterestFact>,
    pub outcomes: Vec<OutcomeFact>,
}

/// Count and sums of one outcome kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindTotal {
    pub kind: OutcomeKind,
    pub count: i64,
    pub won: i64,
    pub usd: i64,
    pub headcount: i64,
}

/// One row of the forum or cluster table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactRow {
    pub presented: i64,
    pub interest: i64,
    pub outcomes: i64,
    pub outcome_won: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumImpact {
    pub id: i64,
    pub title: String,
    pub day: NaiveDate,
    pub row: ImpactRow,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterImpact {
    /// `None`: companies without a cluster.
    pub slug: Option<String>,
    pub name_ko: String,
    pub name_en: String,
    pub row: ImpactRow,
}

/// Confirmed outcomes per quarter of their date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterImpact {
    pub year: i32,
    pub quarter: u32,
    pub outcomes: i64,
    pub won: i64,
    /// Forums held in the quarter.
    pub forums: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactReport {
    /// Years with a forum, latest first.
    pub years: Vec<i32>,
    /// The year shown; `None`: every year.
    pub year: Option<i32>,
    pub forums: i64,
    pub totals: ImpactRow,
    pub by_kind: Vec<KindTotal>,
    /// Latest first.
    pub by_forum: Vec<ForumImpact>,
    pub by_cluster: Vec<ClusterImpact>,
    /// Oldest first, every quarter from the first forum to the last event.
    pub timeline: Vec<QuarterImpact>,
}

impl QuarterImpact {
    fn empty(year: i32, quarter: u32) -> Self {
        QuarterImpact {
            year,
            quarter,
            outcomes: 0,
            won: 0,
            forums: 0,
        }
    }
}

fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

/// The report for one year (by the forums' Seoul dates) or all years.
pub fn report(facts: &ImpactFacts, year: Option<i32>) -> ImpactReport {
    let years: Vec<i32> = facts
        .forums
        .iter()
        .map(|f| seoul_date(f.starts_at).year())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .rev()
        .collect();
    let forums: Vec<&ForumFact> = facts
        .forums
        .iter()
        .filter(|f| year.is_none_or(|y| seoul_date(f.starts_at).year() == y))
        .collect();
    let forum_ids: BTreeSet<i64> = forums.iter().map(|f| f.id).collect();
    let slots: Vec<&SlotFact> = facts
        .slots
        .iter()
        .filter(|s| forum_ids.contains(&s.forum_id))
        .collect();
    let outcomes: Vec<&OutcomeFact> = facts
        .outcomes
        .iter()
        .filter(|o| o.forum_ids.iter().any(|id| forum_ids.contains(id)))
        .collect();
    let cluster_of: BTreeMap<i64, Option<String>> = slots
        .iter()
        .map(|s| (s.company_id, s.cluster.clone()))
        .collect();

    // Interest per forum: (investor, company) pairs first recorded in the
    // window after that forum, for companies presenting at it.
    let mut interest_pairs: BTreeMap<i64, BTreeSet<(i64, i64)>> = BTreeMap::new();
    for f in &forums {
        let until = f.starts_at + Duration::days(INTEREST_WINDOW_DAYS);
        let presenting: BTreeSet<i64> = slots
            .iter()
            .filter(|s| s.forum_id == f.id)
            .map(|s| s.company_id)
            .collect();
        let pairs = interest_pairs.entry(f.id).or_default();
        for i in &facts.interests {
            if presenting.contains(&i.company_id) && i.at >= f.starts_at && i.at < until {
                pairs.insert((i.investor_id, i.company_id));
            }
        }
    }

    let row_for = |forum_filter: &dyn Fn(i64) -> bool, company_filter: &dyn Fn(i64) -> bool| {
        let presented: BTreeSet<i64> = slots
            .iter()
            .filter(|s| forum_filter(s.forum_id) && company_filter(s.company_id))
            .map(|s| s.company_id)
            .collect();
        let interest: BTreeSet<(i64, i64)> = interest_pairs
            .iter()
            .filter(|(id, _)| forum_filter(**id))
            .flat_map(|(_, pairs)| pairs.iter().copied())
            .filter(|(_, company)| company_filter(*company))
            .collect();
        let counted: Vec<&&OutcomeFact> = outcomes
            .iter()
            .filter(|o| {
                o.forum_ids.iter().any(|id| forum_filter(*id)) && company_filter(o.company_id)
            })
            .collect();
        ImpactRow {
            presented: presented.len() as i64,
            interest: interest.len() as i64,
            outcomes: counted.len() as i64,
            outcome_won: counted.iter().filter_map(|o| o.amount).map(Won::get).sum(),
        }
    };
    let in_year = |id: i64| forum_ids.contains(&id);
    let any_company = |_: i64| true;
    let totals = row_for(&in_year, &any_company);

    let mut by_forum: Vec<ForumImpact> = forums
        .iter()
        .map(|f| ForumImpact {
            id: f.id,
            title: f.title.clone(),
            day: seoul_date(f.starts_at),
            row: row_for(&|id: i64| id == f.id, &any_company),
        })
        .collect();
    by_forum.sort_by(|a, b| b.day.cmp(&a.day).then(b.id.cmp(&a.id)));

    let mut by_cluster: Vec<ClusterImpact> = facts
        .clusters
        .iter()
        .map(|(slug, ko, en)| ClusterImpact {
            slug: Some(slug.clone()),
            name_ko: ko.clone(),
            name_en: en.clone(),
            row: row_for(&in_year, &|c: i64| {
                cluster_of.get(&c).and_then(|x| x.as_deref()) == Some(slug.as_str())
            }),
        })
        .collect();
    let unclustered = row_for(&in_year, &|c: i64| {
        cluster_of.get(&c).is_some_and(|x| x.is_none())
    });
    if unclustered != ImpactRow::default() {
        by_cluster.push(ClusterImpact {
            slug: None,
            name_ko: "기타".into(),
            name_en: "Other".into(),
            row: unclustered,
        });
    }
    by_cluster.retain(|c| c.row != ImpactRow::default());

    let by_kind = OutcomeKind::ALL
        .iter()
        .map(|&kind| {
            let of_kind: Vec<&&OutcomeFact> = outcomes.iter().filter(|o| o.kind == kind).collect();
            KindTotal {
                kind,
                count: of_kind.len() as i64,
                won: of_kind.iter().filter_map(|o| o.amount).map(Won::get).sum(),
                usd: of_kind.iter().filter_map(|o| o.amount_usd).sum(),
                headcount: of_kind.iter().filter_map(|o| o.headcount).sum(),
            }
        })
        .collect();

    let mut quarters: BTreeMap<(i32, u32), QuarterImpact> = BTreeMap::new();
    for f in &forums {
        quarter_entry(&mut quarters, seoul_date(f.starts_at)).forums += 1;
    }
    for o in &outcomes {
        let q = quarter_entry(&mut quarters, o.occurred_on);
        q.outcomes += 1;
        q.won += o.amount.map_or(0, Won::get);
    }
    let timeline = fill_quarters(quarters);

    ImpactReport {
        years,
        year,
        forums: forums.len() as i64,
        totals,
        by_kind,
        by_forum,
        by_cluster,
        timeline,
    }
}

fn quarter_entry(
    quarters: &mut BTreeMap<(i32, u32), QuarterImpact>,
    d: NaiveDate,
) -> &mut QuarterImpact {
    let (year, quarter) = quarter_of(d);
    quarters
        .entry((year, quarter))
        .or_insert_with(|| QuarterImpact::empty(year, quarter))
}

/// Every quarter from the first to the last present, gaps as zeros.
fn fill_quarters(quarters: BTreeMap<(i32, u32), QuarterImpact>) -> Vec<QuarterImpact> {
    let (Some(first), Some(last)) = (
        quarters.keys().next().copied(),
        quarters.keys().next_back().copied(),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut q = first;
    while q <= last {
        out.push(
            quarters
                .get(&q)
                .cloned()
                .unwrap_or_else(|| QuarterImpact::empty(q.0, q.1)),
        );
        q = if q.1 == 4 {
            (q.0 + 1, 1)
        } else {
            (q.0, q.1 + 1)
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn outcome(
        id: i64,
        company: i64,
        kind: OutcomeKind,
        won: Option<i64>,
        on: &str,
        forums: &[i64],
    ) -> OutcomeFact {
        OutcomeFact {
            id,
            company_id: company,
            cluster: if company == 3 {
                None
            } else {
                Some("carbon".into())
            },
            kind,
            amount: won.map(Won),
            amount_usd: None,
            headcount: None,
            occurred_on: on.parse().unwrap(),
            forum_ids: forums.to_vec(),
        }
    }

    /// Forum 1 (2025-11) and forum 2 (2026-03); companies 1 and 2 in the
    /// carbon cluster, 3 without one. Company 1 presented at both.
    fn facts() -> ImpactFacts {
        let slot = |forum_id, company_id: i64| SlotFact {
            forum_id,
            company_id,
            cluster: if company_id == 3 {
                None
            } else {
                Some("carbon".into())
            },
        };
        let interest = |company_id, investor_id, when: &str| InterestFact {
            company_id,
            investor_id,
            at: at(when),
        };
        ImpactFacts {
            forums: vec![
                ForumFact {
                    id: 1,
                    title: "제1회".into(),
                    starts_at: at("2025-11-20T05:00:00Z"),
                },
                ForumFact {
                    id: 2,
                    title: "제2회".into(),
                    starts_at: at("2026-03-12T05:00:00Z"),
                },
            ],
            clusters: vec![
                ("carbon".into(), "탄소".into(), "Carbon".into()),
                ("energy".into(), "에너지".into(), "Energy".into()),
            ],
            slots: vec![slot(1, 1), slot(1, 2), slot(2, 1), slot(2, 3)],
            interests: vec![
                // After forum 1, inside the window.
                interest(1, 100, "2025-11-21T00:00:00Z"),
                interest(2, 100, "2026-01-10T00:00:00Z"),
                // Before forum 1: not its result.
                interest(2, 101, "2025-11-01T00:00:00Z"),
                // 95 days after forum 1: outside its window.
                interest(1, 102, "2026-02-23T06:00:00Z"),
                // After forum 2, for company 3.
                interest(3, 100, "2026-03-13T00:00:00Z"),
            ],
            outcomes: vec![
                outcome(
                    1,
                    1,
                    OutcomeKind::SupplyContract,
                    Some(2_000_000_000),
                    "2026-01-05",
                    &[1],
                ),
                outcome(
                    2,
                    1,
                    OutcomeKind::Investment,
                    Some(500_000_000),
                    "2026-04-01",
                    &[1, 2],
                ),
                outcome(3, 3, OutcomeKind::Patent, None, "2026-05-02", &[2]),
            ],
        }
    }

    #[test]
    fn every_year_counts_each_outcome_once() {
        let r = report(&facts(), None);
        assert_eq!(r.years, [2026, 2025]);
        assert_eq!(r.forums, 2);
        assert_eq!(
            r.totals,
            ImpactRow {
                presented: 3,
                interest: 3,
                outcomes: 3,
                outcome_won: 2_500_000_000
            }
        );
        let supply = r
            .by_kind
            .iter()
            .find(|k| k.kind == OutcomeKind::SupplyContract)
            .unwrap();
        assert_eq!((supply.count, supply.won), (1, 2_000_000_000));
        // Latest forum first; the shared investment shows in both rows.
        assert_eq!(r.by_forum.iter().map(|f| f.id).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(
            r.by_forum[1].row,
            ImpactRow {
                presented: 2,
                interest: 2,
                outcomes: 2,
                outcome_won: 2_500_000_000
            }
        );
        assert_eq!(r.by_forum[0].row.outcomes, 2);
        // Carbon has companies 1 and 2; company 3 is "other"; energy had
        // nothing and is left out.
        let names: Vec<_> = r.by_cluster.iter().map(|c| c.name_en.as_str()).collect();
        assert_eq!(names, ["Carbon", "Other"]);
        assert_eq!(r.by_cluster[0].row.presented, 2);
        assert_eq!(r.by_cluster[1].row.outcomes, 1);
    }

    #[test]
    fn a_year_keeps_its_forums_and_what_is_attributed_to_them() {
        let r = report(&facts(), Some(2025));
        assert_eq!(r.forums, 1);
        assert_eq!(r.totals.presented, 2);
        assert_eq!(r.totals.interest, 2, "the 95th day does not count");
        assert_eq!(r.totals.outcomes, 2);
        let r = report(&facts(), Some(2024));
        assert_eq!((r.forums, r.totals.outcomes), (0, 0));
        assert!(r.timeline.is_empty());
    }

    #[test]
    fn the_timeline_has_every_quarter() {
        let r = report(&facts(), None);
        let q: Vec<_> = r
            .timeline
            .iter()
            .map(|q| (q.year, q.quarter, q.forums, q.outcomes))
            .collect();
        assert_eq!(q, [(2025, 4, 1, 0), (2026, 1, 1, 1), (2026, 2, 0, 2),]);
    }
}
