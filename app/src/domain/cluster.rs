//! Mini-clusters: the industry groupings of companies, universities and
//! research institutes that the programme is organised around.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: i64,
    /// Stable, URL-safe name used in `/clusters/{slug}`.
    pub slug: String,
    pub name_ko: String,
    pub name_en: String,
    pub summary_ko: String,
    pub summary_en: String,
    /// Published companies in the cluster (counted by the store in the same
    /// query that lists clusters).
    pub company_count: i64,
}

impl Cluster {
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::Ko => &self.name_ko,
            Locale::En => &self.name_en,
        }
    }

    /// The name in the other language, shown as a secondary label so Korean
    /// and English readers can point at the same cluster.
    pub fn alt_name(&self, locale: Locale) -> &str {
        self.name(locale.other())
    }

    pub fn summary(&self, locale: Locale) -> &str {
        match locale {
            Locale::Ko => &self.summary_ko,
            Locale::En => &self.summary_en,
        }
    }

    pub fn href(&self) -> String {
        format!("/clusters/{}", self.slug)
    }
}

pub const SLUG_MAX_LEN: usize = 64;

/// Slugs are lowercase ASCII words joined by single hyphens. Checking this
/// before querying keeps junk out of logs and lets a bad URL be a plain 404.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX_LEN
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Cluster {
        Cluster {
            id: 1,
            slug: "carbon-materials".into(),
            name_ko: "탄소부품소재".into(),
            name_en: "Carbon Parts & Materials".into(),
            summary_ko: "요약".into(),
            summary_en: "Summary".into(),
            company_count: 3,
        }
    }

    #[test]
    fn names_follow_locale() {
        let c = sample();
        assert_eq!(c.name(Locale::Ko), "탄소부품소재");
        assert_eq!(c.name(Locale::En), "Carbon Parts & Materials");
        assert_eq!(c.alt_name(Locale::Ko), "Carbon Parts & Materials");
        assert_eq!(c.summary(Locale::En), "Summary");
        assert_eq!(c.href(), "/clusters/carbon-materials");
    }

    #[test]
    fn slug_rules() {
        for good in ["it", "3d-printing", "gyeongbuk-agro-bio", "a1"] {
            assert!(is_valid_slug(good), "{good}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Upper",
            "한글",
            "a b",
            "../etc",
            "a_b",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
