//! Company logos: upload (a plain multipart form, so it works without
//! JavaScript) and serving. Files live under `<data dir>/logos/` with
//! names the server picks. An upload is accepted only when its bytes are
//! a PNG, JPEG or WebP image of sane dimensions, whatever name or type
//! the browser claimed; it is served back with the type the server
//! detected, `nosniff` and a policy that lets nothing run, so a script
//! dressed up as an image can never execute from our origin.

use crate::routes::AppState;
use app::domain::access::{authorize, Action};
use app::ssr::session::Actor;
use app::ssr::store::NewAuditEvent;
use app::ssr::DbError;
use axum::{
    body::Body,
    extract::{Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use std::path::PathBuf;

/// Largest accepted logo file.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;
/// Largest accepted width or height, in pixels.
pub const MAX_LOGO_SIDE: usize = 4096;

/// Where logos are stored.
#[derive(Clone, Debug)]
pub struct MediaDir(pub PathBuf);

impl MediaDir {
    pub fn logos(&self) -> PathBuf {
        self.0.join("logos")
    }
}

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

    let dir = state.media.logos();
    let file = format!(
        "{}-{}.{}",
        company.id,
        &app::ssr::session::new_session_id()[..16],
        kind.extension()
    );
    if let Err(err) = tokio::fs::create_dir_all(&dir).await {
        tracing::error!(%err, dir = %dir.display(), "cannot create the logo directory");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    if let Err(err) = tokio::fs::write(dir.join(&file), &bytes).await {
        tracing::error!(%err, "cannot write a logo");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let audit = NewAuditEvent {
        actor_id: Some(actor.user_id),
        actor_label: actor.email.clone(),
        action: "company.set_logo",
        object_type: "company",
        object_id: Some(company.id.to_string()),
        detail: format!("{} bytes, {}", bytes.len(), kind.content_type()),
        ip: None,
        at: chrono::Utc::now(),
    };
    match state
        .store
        .set_company_logo(company.id, &file, &audit)
        .await
    {
        Ok(previous) => {
            if let Some(old) = previous.filter(|old| valid_file_name(old).is_some()) {
                let _ = tokio::fs::remove_file(dir.join(old)).await;
            }
            back("logo=saved")
        }
        Err(err) => {
            tracing::error!(%err, "cannot record a logo");
            let _ = tokio::fs::remove_file(dir.join(&file)).await;
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The kind of a stored logo's file name, if the name is one the server
/// could have made (`{company id}-{16 hex}.{png|jpg|webp}`), so a request
/// can never name another path.
fn valid_file_name(name: &str) -> Option<ImageKind> {
    let (stem, ext) = name.rsplit_once('.')?;
    let (id, random) = stem.split_once('-')?;
    let ok = !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && random.len() == 16
        && random.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| ImageKind::from_extension(ext)).flatten()
}

/// `GET /media/logos/{file}`.
pub async fn serve(State(media): State<MediaDir>, Path(file): Path<String>) -> Response {
    let Some(kind) = valid_file_name(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let bytes = match tokio::fs::read(media.logos().join(&file)).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.content_type()),
    );
    // Names are never reused, so the file can be cached for good.
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
        assert_eq!(
            valid_file_name("12-0123456789abcdef.png"),
            Some(ImageKind::Png)
        );
        for bad in [
            "../secret.key",
            "12-0123456789abcdef.svg",
            "12-0123456789abcdef.png/..",
            "x-0123456789abcdef.png",
            "12-short.png",
            "12-0123456789abcdeg.jpg",
        ] {
            assert_eq!(valid_file_name(bad), None, "{bad}");
        }
    }
}
