//! Company logos: upload (a plain multipart form, so it works without
//! JavaScript) and serving. Logos live in the database under the SHA-256
//! of their bytes (`stored_files`), so every app process behind the proxy
//! serves every logo, the same image is stored once, and a logo's URL
//! (`/media/logos/<hash>.<ext>`) names its content for good. An upload is
//! accepted only when its bytes are a PNG, JPEG or WebP image of sane
//! dimensions, whatever name or type the browser claimed; it is served
//! back with the type the server detected, `nosniff` and a policy that
//! lets nothing run, so a script dressed up as an image can never execute
//! from our origin.

use crate::routes::AppState;
use app::domain::access::{authorize, Action};
use app::ssr::company_store::StoredFile;
use app::ssr::evidence::sha256_hex;
use app::ssr::session::Actor;
use app::ssr::store::NewAuditEvent;
use app::ssr::{DbError, Store};
use axum::{
    body::Body,
    extract::{Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use std::sync::Arc;

/// Largest accepted logo file.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;
/// Largest accepted width or height, in pixels.
pub const MAX_LOGO_SIDE: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
}

impl ImageKind {
    fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Webp => "webp",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Webp => "image/webp",
        }
    }

    fn from_extension(ext: &str) -> Option<ImageKind> {
        [ImageKind::Png, ImageKind::Jpeg, ImageKind::Webp]
            .into_iter()
            .find(|k| k.extension() == ext)
    }
}

/// Why an upload was refused; the code travels in the redirect so the
/// page can show a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoProblem {
    Missing,
    TooLarge,
    NotAnImage,
}

impl LogoProblem {
    pub fn code(self) -> &'static str {
        match self {
            LogoProblem::Missing => "missing",
            LogoProblem::TooLarge => "too_large",
            LogoProblem::NotAnImage => "not_image",
        }
    }
}

/// Identifies an image by its content and checks its header parses with
/// sane dimensions. The claimed name and type are ignored.
pub fn sniff_image(bytes: &[u8]) -> Result<ImageKind, LogoProblem> {
    if bytes.is_empty() {
        return Err(LogoProblem::Missing);
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoProblem::TooLarge);
    }
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageKind::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageKind::Jpeg
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        ImageKind::Webp
    } else {
        return Err(LogoProblem::NotAnImage);
    };
    let size = imagesize::blob_size(bytes).map_err(|_| LogoProblem::NotAnImage)?;
    if size.width == 0
        || size.height == 0
        || size.width > MAX_LOGO_SIDE
        || size.height > MAX_LOGO_SIDE
    {
        return Err(LogoProblem::NotAnImage);
    }
    Ok(kind)
}

/// `POST /companies/{slug}/logo`, field `logo`: stores the file and goes
/// back to the profile editor with `?logo=saved` or `?logo_error=…`.
pub async fn upload(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    Path(slug): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let back = |query: &str| {
        Redirect::to(&format!(
            "/companies/{}/edit?{query}",
            app::domain::url::encode_query_value(&slug)
        ))
        .into_response()
    };
    let Some(Extension(actor)) = actor else {
        return Redirect::to(&format!(
            "/signin?next={}",
            app::domain::url::encode_query_value(&format!("/companies/{slug}/edit"))
        ))
        .into_response();
    };
    let company = match state.store.company_by_slug(&slug).await {
        Ok(company) => company,
        Err(DbError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(%err, "logo upload: company lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    if authorize(
        Some(&actor.principal()),
        Action::EditCompany {
            company_id: company.id,
        },
    )
    .is_err()
    {
        return StatusCode::FORBIDDEN.into_response();
    }

    let mut bytes = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("logo") => match field.bytes().await {
                Ok(b) => bytes = Some(b),
                // The body limit cut the upload off.
                Err(_) => return back(&format!("logo_error={}", LogoProblem::TooLarge.code())),
            },
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => return back(&format!("logo_error={}", LogoProblem::TooLarge.code())),
        }
    }
    let bytes = bytes.unwrap_or_default();
    let kind = match sniff_image(&bytes) {
        Ok(kind) => kind,
        Err(problem) => return back(&format!("logo_error={}", problem.code())),
    };

    let (file_name, file) = logo_file(bytes.to_vec(), kind);
    let audit = NewAuditEvent {
        actor_id: Some(actor.user_id),
        actor_label: actor.email.clone(),
        action: "company.set_logo",
        object_type: "company",
        object_id: Some(company.id.to_string()),
        detail: format!("{} bytes, {}", file.bytes.len(), kind.content_type()),
        ip: None,
        at: chrono::Utc::now(),
    };
    match state
        .store
        .set_company_logo(company.id, &file_name, &file, &audit)
        .await
    {
        Ok(_) => back("logo=saved"),
        Err(err) => {
            tracing::error!(%err, "cannot store a logo");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The stored file and its name (`<sha256>.<ext>`) for an image's bytes.
fn logo_file(bytes: Vec<u8>, kind: ImageKind) -> (String, StoredFile) {
    let sha256 = sha256_hex(&bytes);
    let name = format!("{sha256}.{}", kind.extension());
    let file = StoredFile {
        sha256,
        content_type: kind.content_type().to_string(),
        bytes,
    };
    (name, file)
}

/// The hash and kind a logo URL names, if the name is one the server
/// makes (`<64 hex>.{png|jpg|webp}`).
fn stored_name(name: &str) -> Option<(&str, ImageKind)> {
    let (hash, ext) = name.rsplit_once('.')?;
    let ok = hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    ok.then(|| ImageKind::from_extension(ext).map(|kind| (hash, kind)))
        .flatten()
}

/// The company a logo file of an earlier version was for, if `name` is
/// one that version made (`{company id}-{16 hex}.{png|jpg|webp}`, kept on
/// the disk of one process).
fn disk_name(name: &str) -> Option<i64> {
    let (stem, ext) = name.rsplit_once('.')?;
    let (id, random) = stem.split_once('-')?;
    let ok = random.len() == 16
        && random.bytes().all(|b| b.is_ascii_hexdigit())
        && ImageKind::from_extension(ext).is_some();
    ok.then(|| id.parse().ok()).flatten()
}

/// `GET /media/logos/{file}`.
pub async fn serve(State(store): State<Arc<dyn Store>>, Path(file): Path<String>) -> Response {
    let Some((hash, kind)) = stored_name(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let stored = match store.stored_file(hash).await {
        Ok(stored) if stored.content_type == kind.content_type() => stored,
        Ok(_) | Err(DbError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(%err, "cannot read a logo");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let mut response = Response::new(Body::from(stored.bytes));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.content_type()),
    );
    // The name is the content's hash: it can be cached for good.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}

/// Moves the logos an earlier version kept in `<data dir>/logos/` into the
/// database, at start-up: the company's current logo becomes its stored
/// file, and each moved or no longer used file leaves the disk. A file
/// that cannot be read or stored stays for the next start. Returns how
/// many logos moved.
pub async fn import_disk_logos(store: &dyn Store, data_dir: &std::path::Path) -> usize {
    let dir = data_dir.join("logos");
    let Ok(mut entries) = tokio::fs::read_dir(&dir).await else {
        return 0;
    };
    let mut moved = 0;
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(company_id) = disk_name(&name) else {
            continue;
        };
        let current = match store.company_by_id(company_id).await {
            Ok(company) => company.logo_file.as_deref() == Some(name.as_str()),
            Err(DbError::NotFound) => false,
            Err(err) => {
                tracing::warn!(%err, file = %name, "logo import: company lookup failed");
                continue;
            }
        };
        if current {
            let bytes = match tokio::fs::read(entry.path()).await {
                Ok(bytes) => bytes,
                Err(err) => {
                    tracing::warn!(%err, file = %name, "logo import: cannot read");
                    continue;
                }
            };
            let Ok(kind) = sniff_image(&bytes) else {
                tracing::warn!(file = %name, "logo import: not an image, left on disk");
                continue;
            };
            let (file_name, file) = logo_file(bytes, kind);
            let audit = NewAuditEvent {
                actor_id: None,
                actor_label: "system (logo import)".to_string(),
                action: "company.set_logo",
                object_type: "company",
                object_id: Some(company_id.to_string()),
                detail: format!("moved {name} into the database"),
                ip: None,
                at: chrono::Utc::now(),
            };
            if let Err(err) = store
                .set_company_logo(company_id, &file_name, &file, &audit)
                .await
            {
                tracing::warn!(%err, file = %name, "logo import: cannot store");
                continue;
            }
            moved += 1;
        }
        if let Err(err) = tokio::fs::remove_file(entry.path()).await {
            tracing::warn!(%err, file = %name, "logo import: cannot remove the old file");
        }
    }
    moved
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The smallest PNG whose header parses: the signature and an IHDR of
    /// the given size (also used by the evidence tests).
    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn images_are_known_by_their_bytes() {
        assert_eq!(sniff_image(&png(64, 64)), Ok(ImageKind::Png));
        assert_eq!(sniff_image(b""), Err(LogoProblem::Missing));
        assert_eq!(
            sniff_image(b"<script>alert(1)</script>"),
            Err(LogoProblem::NotAnImage)
        );
        assert_eq!(
            sniff_image(b"<svg onload=alert(1)></svg>"),
            Err(LogoProblem::NotAnImage)
        );
        // A PNG signature on a broken header is still not an image.
        assert_eq!(
            sniff_image(b"\x89PNG\r\n\x1a\n<script>"),
            Err(LogoProblem::NotAnImage)
        );
        assert_eq!(sniff_image(&png(10_000, 10)), Err(LogoProblem::NotAnImage));
        assert_eq!(
            sniff_image(&vec![0xFF; MAX_LOGO_BYTES + 1]),
            Err(LogoProblem::TooLarge)
        );
    }

    #[test]
    fn only_server_made_names_are_served() {
        let hash = sha256_hex(b"logo");
        assert_eq!(
            stored_name(&format!("{hash}.png")),
            Some((hash.as_str(), ImageKind::Png))
        );
        for bad in [
            "../secret.key".to_string(),
            format!("{hash}.svg"),
            format!("{hash}.png/.."),
            format!("{}.png", hash.to_uppercase()),
            format!("{}.png", &hash[1..]),
            "12-0123456789abcdef.png".to_string(),
        ] {
            assert_eq!(stored_name(&bad), None, "{bad}");
        }
    }

    #[test]
    fn the_same_bytes_make_the_same_name() {
        let (a, file) = logo_file(png(64, 64), ImageKind::Png);
        let (b, _) = logo_file(png(64, 64), ImageKind::Png);
        let (c, _) = logo_file(png(32, 32), ImageKind::Png);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, format!("{}.png", file.sha256));
        assert_eq!(file.content_type, "image/png");
    }

    #[test]
    fn earlier_disk_names_name_their_company() {
        assert_eq!(disk_name("12-0123456789abcdef.png"), Some(12));
        for bad in [
            "x-0123456789abcdef.png",
            "12-short.png",
            "12-0123456789abcdeg.jpg",
            "12-0123456789abcdef.svg",
        ] {
            assert_eq!(disk_name(bad), None, "{bad}");
        }
    }
}
