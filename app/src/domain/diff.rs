//! Line diffs between two versions of a pitch section, for the revision
//! history. A longest-common-subsequence diff over lines: sections are
//! capped at 20 KB, so the quadratic table stays small; beyond
//! `MAX_DIFF_CELLS` the diff degrades to "everything removed, everything
//! added" rather than using unbounded memory.

use serde::{Deserialize, Serialize};

/// Upper bound on the LCS table (lines × lines).
pub const MAX_DIFF_CELLS: usize = 4_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineChange {
    Same,
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: LineChange,
    pub text: String,
}

/// The lines of `new` against `old`, in reading order, removed lines before
/// the added lines that replace them.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = if old.is_empty() {
        Vec::new()
    } else {
        old.lines().collect()
    };
    let b: Vec<&str> = if new.is_empty() {
        Vec::new()
    } else {
        new.lines().collect()
    };
    // Common prefix and suffix are cheap and usually most of a section.
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    let line = |change, text: &str| DiffLine {
        change,
        text: text.to_string(),
    };
    let mut out: Vec<DiffLine> = a[..prefix]
        .iter()
        .map(|t| line(LineChange::Same, t))
        .collect();
    if (a_mid.len() + 1) * (b_mid.len() + 1) > MAX_DIFF_CELLS {
        out.extend(a_mid.iter().map(|t| line(LineChange::Removed, t)));
        out.extend(b_mid.iter().map(|t| line(LineChange::Added, t)));
    } else {
        out.extend(lcs_diff(a_mid, b_mid));
    }
    out.extend(
        a[a.len() - suffix..]
            .iter()
            .map(|t| line(LineChange::Same, t)),
    );
    out
}

fn lcs_diff(a: &[&str], b: &[&str]) -> Vec<DiffLine> {
    let (n, m) = (a.len(), b.len());
    // lengths[i][j]: LCS length of a[i..] and b[j..], stored row-major.
    let width = m + 1;
    let mut lengths = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i * width + j] = if a[i] == b[j] {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let mut out = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(DiffLine {
                change: LineChange::Same,
                text: a[i].to_string(),
            });
            i += 1;
            j += 1;
        } else if i < n && (j == m || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
            out.push(DiffLine {
                change: LineChange::Removed,
                text: a[i].to_string(),
            });
            i += 1;
        } else {
            out.push(DiffLine {
                change: LineChange::Added,
                text: b[j].to_string(),
            });
            j += 1;
        }
    }
    out
}

/// Counts of added and removed lines, for the summary above a diff.
pub fn diff_stats(lines: &[DiffLine]) -> (usize, usize) {
    lines
        .iter()
        .fold((0, 0), |(added, removed), l| match l.change {
            LineChange::Added => (added + 1, removed),
            LineChange::Removed => (added, removed + 1),
            LineChange::Same => (added, removed),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use LineChange::*;

    fn changes(old: &str, new: &str) -> Vec<(LineChange, String)> {
        diff_lines(old, new)
            .into_iter()
            .map(|l| (l.change, l.text))
            .collect()
    }

    #[test]
    fn equal_texts_have_no_changes() {
        let d = changes("가\n나\n다", "가\n나\n다");
        assert!(d.iter().all(|(c, _)| *c == Same));
        assert_eq!(d.len(), 3);
    }

    #[test]
    fn a_changed_line_is_removed_then_added() {
        assert_eq!(
            changes("시장 규모 1조원\n성장률 8%", "시장 규모 1.2조원\n성장률 8%"),
            vec![
                (Removed, "시장 규모 1조원".to_string()),
                (Added, "시장 규모 1.2조원".to_string()),
                (Same, "성장률 8%".to_string()),
            ]
        );
    }

    #[test]
    fn insertions_and_deletions_in_the_middle() {
        let d = changes("a\nb\nc\nd", "a\nc\nx\nd");
        assert_eq!(
            d,
            vec![
                (Same, "a".into()),
                (Removed, "b".into()),
                (Same, "c".into()),
                (Added, "x".into()),
                (Same, "d".into()),
            ]
        );
        assert_eq!(diff_stats(&diff_lines("a\nb\nc\nd", "a\nc\nx\nd")), (1, 1));
    }

    #[test]
    fn empty_sides() {
        assert_eq!(changes("", "새 내용"), vec![(Added, "새 내용".into())]);
        assert_eq!(changes("옛 내용", ""), vec![(Removed, "옛 내용".into())]);
        assert!(changes("", "").is_empty());
    }

    #[test]
    fn huge_rewrites_degrade_instead_of_exhausting_memory() {
        let old: String = (0..2_100).map(|i| format!("old {i}\n")).collect();
        let new: String = (0..2_100).map(|i| format!("new {i}\n")).collect();
        let d = diff_lines(&old, &new);
        assert_eq!(diff_stats(&d), (2_100, 2_100));
        assert_eq!(d[0].change, Removed);
        assert_eq!(d[2_100].change, Added);
    }
}
