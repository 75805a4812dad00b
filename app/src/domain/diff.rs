//! Line diffs between two versions of a pitch section, for the revision
//! history. The diff itself is `similar`'s Myers diff (linear memory,
//! O((N+M)·D) time), run on the server only; the line types are shared
//! with the pages that draw it.

use serde::{Deserialize, Serialize};

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

/// How long one diff may search for the shortest edit before it settles
/// for a longer (still correct) one. Sections are capped at 20 KB, so this
/// only matters for pathological input.
#[cfg(feature = "ssr")]
const DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_millis(50);

/// The lines of `new` against `old`, in reading order, removed lines before
/// the added lines that replace them.
#[cfg(feature = "ssr")]
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    use similar::{capture_diff_slices_deadline, Algorithm, DiffTag};

    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let deadline = std::time::Instant::now() + DIFF_DEADLINE;
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let mut push = |change, lines: &[&str]| {
        out.extend(lines.iter().map(|text| DiffLine {
            change,
            text: text.to_string(),
        }))
    };
    for op in capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline)) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(LineChange::Same, &a[old_range]),
            DiffTag::Delete => push(LineChange::Removed, &a[old_range]),
            DiffTag::Insert => push(LineChange::Added, &b[new_range]),
            DiffTag::Replace => {
                push(LineChange::Removed, &a[old_range]);
                push(LineChange::Added, &b[new_range]);
            }
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

#[cfg(all(test, feature = "ssr"))]
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
    fn a_large_rewrite_is_all_removed_then_all_added() {
        let old: String = (0..2_100).map(|i| format!("old {i}\n")).collect();
        let new: String = (0..2_100).map(|i| format!("new {i}\n")).collect();
        let d = diff_lines(&old, &new);
        assert_eq!(diff_stats(&d), (2_100, 2_100));
        assert_eq!(d[0].change, Removed);
        assert_eq!(d[2_100].change, Added);
    }
}
