//! Evidence files: the kinds accepted, why an upload is refused, and how a
//! file is named, fingerprinted and described when it is served back. The
//! server crate recognises the type from the bytes (`server::evidence`).

pub use crate::domain::readiness::EvidenceProblem;
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceKind {
    Pdf,
    Png,
    Jpeg,
}

impl EvidenceKind {
    pub fn content_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Jpeg => "image/jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Png => "png",
            EvidenceKind::Jpeg => "jpg",
        }
    }
}

/// The name to keep: the last path part of what the browser sent, without
/// control characters or characters that mean something in a header or a
/// path, at most 100 characters, ending in the recognised type's
/// extension (a `.exe` renamed `.pdf` is stored as a PDF only if it is one).
pub fn clean_file_name(raw: Option<&str>, kind: EvidenceKind) -> String {
    let base = raw
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let mut stem: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';' | '<' | '>' | '\\' | '/'))
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_string();
    if let Some((s, _)) = stem.rsplit_once('.') {
        stem = s.to_string();
    }
    let stem: String = stem.chars().take(100).collect();
    let stem = if stem.trim().is_empty() {
        "evidence".to_string()
    } else {
        stem.trim().to_string()
    };
    format!("{stem}.{}", kind.extension())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `Content-Disposition` for a download: an ASCII fallback name and the
/// real one in RFC 5987 form, so Korean names survive every browser.
pub fn attachment_disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded =
        percent_encoding::utf8_percent_encode(file_name, percent_encoding::NON_ALPHANUMERIC);
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_take_the_real_extension() {
        let pdf = EvidenceKind::Pdf;
        assert_eq!(
            clean_file_name(Some("법인등기부등본.pdf"), pdf),
            "법인등기부등본.pdf"
        );
        assert_eq!(
            clean_file_name(Some("C:\\Users\\me\\정관.PDF"), pdf),
            "정관.pdf"
        );
        assert_eq!(clean_file_name(Some("../../etc/passwd"), pdf), "passwd.pdf");
        assert_eq!(clean_file_name(Some("report.exe"), pdf), "report.pdf");
        assert_eq!(clean_file_name(Some("\"a;b\".pdf"), pdf), "ab.pdf");
        assert_eq!(
            clean_file_name(Some(".hidden"), EvidenceKind::Png),
            "hidden.png"
        );
        assert_eq!(clean_file_name(None, EvidenceKind::Jpeg), "evidence.jpg");
        assert_eq!(
            clean_file_name(Some(&"가".repeat(300)), pdf)
                .chars()
                .count(),
            104
        );
    }

    #[test]
    fn downloads_are_attachments_with_a_korean_name() {
        let d = attachment_disposition("정관 2026.pdf");
        assert!(
            d.starts_with("attachment; filename=\"___2026.pdf\"; filename*=UTF-8''"),
            "{d}"
        );
        assert!(d.contains("%EC%A0%95%EA%B4%80%202026%2Epdf"), "{d}");
        assert_eq!(sha256_hex(b"abc").len(), 64);
    }
}
