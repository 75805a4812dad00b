//! Evidence files over HTTP: upload (a plain multipart form, so it works
//! without JavaScript) and download. Files live in the database, so every
//! app process serves every file. An upload is accepted only when its bytes
//! are a PDF, PNG or JPEG, whatever name or type the browser claimed; a
//! download is always an attachment with the recognised type, `nosniff`
//! and a policy that lets nothing run, and only for the people who may see
//! the company's readiness.

use crate::routes::AppState;
use app::domain::access::{authorize, Action};
use app::domain::readiness::{TemplateKind, MAX_EVIDENCE_BYTES};
use app::ssr::evidence::{
    attachment_disposition, clean_file_name, sha256_hex, EvidenceKind, EvidenceProblem,
};
use app::ssr::readiness_store::NewEvidence;
use app::ssr::session::Actor;
use app::ssr::DbError;
use axum::{
    body::Body,
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Extension, Router,
};
use tower_http::limit::RequestBodyLimitLayer;

/// The upload's body: the file plus the multipart envelope and the form's
/// other fields.
const UPLOAD_BODY_LIMIT: usize = MAX_EVIDENCE_BYTES + 64 * 1024;

/// The evidence routes, with a body limit of their own (the rest of the
/// portal accepts far smaller bodies).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/companies/{slug}/readiness/items/{item_id}/evidence",
            post(upload),
        )
        .route("/evidence/{id}", get(download))
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_BODY_LIMIT))
}

/// Recognises a PDF (header `%PDF-1.x` or `%PDF-2.x` at the start and an
/// `%%EOF` in the last kilobyte), a PNG or a JPEG (signature plus a header
/// the `imagesize` parser reads with non-zero dimensions).
pub fn sniff_evidence(bytes: &[u8]) -> Result<EvidenceKind, EvidenceProblem> {
    if bytes.is_empty() {
        return Err(EvidenceProblem::Missing);
    }
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(EvidenceProblem::TooLarge);
    }
    if bytes.starts_with(b"%PDF-1.") || bytes.starts_with(b"%PDF-2.") {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        return match tail.windows(5).any(|w| w == b"%%EOF") {
            true => Ok(EvidenceKind::Pdf),
            false => Err(EvidenceProblem::NotAllowed),
        };
    }
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        EvidenceKind::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        EvidenceKind::Jpeg
    } else {
        return Err(EvidenceProblem::NotAllowed);
    };
    match imagesize::blob_size(bytes) {
        Ok(size) if size.width > 0 && size.height > 0 => Ok(kind),
        _ => Err(EvidenceProblem::NotAllowed),
    }
}

/// `POST /companies/{slug}/readiness/items/{item_id}/evidence`, fields
/// `checklist` (which tab to go back to) and `file`: stores the file and
/// goes back to the item with `evidence=saved` or `evidence_error=…`.
pub async fn upload(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    Path((slug, item_id)): Path<(String, i64)>,
    mut multipart: Multipart,
) -> Response {
    let page = format!(
        "/companies/{}/readiness",
        app::domain::url::encode_query_value(&slug)
    );
    let Some(Extension(actor)) = actor else {
        return Redirect::to(&format!(
            "/signin?next={}",
            app::domain::url::encode_query_value(&page)
        ))
        .into_response();
    };
    let company = match state.store.company_by_slug(&slug).await {
        Ok(company) => company,
        Err(DbError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(%err, "evidence upload: company lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let allowed = authorize(
        Some(&actor.principal()),
        Action::SubmitEvidence {
            company_id: company.id,
        },
    );
    if allowed.is_err() {
        return StatusCode::FORBIDDEN.into_response();
    }

    let mut checklist = None;
    let mut file: Option<(Option<String>, axum::body::Bytes)> = None;
    let mut cut_off = false;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("checklist") => {
                    checklist = field
                        .text()
                        .await
                        .ok()
                        .and_then(|t| TemplateKind::parse(t.trim()));
                }
                Some("file") => {
                    let name = field.file_name().map(str::to_string);
                    match field.bytes().await {
                        Ok(bytes) => file = Some((name, bytes)),
                        Err(_) => {
                            cut_off = true;
                            break;
                        }
                    }
                }
                _ => continue,
            },
            Ok(None) => break,
            // The body limit cut the upload off.
            Err(_) => {
                cut_off = true;
                break;
            }
        }
    }
    let back = |outcome: &str| {
        let tab = checklist.map_or(String::new(), |k| format!("checklist={}&", k.as_str()));
        Redirect::to(&format!("{page}?{tab}{outcome}#item-{item_id}")).into_response()
    };
    if cut_off {
        return back(&format!(
            "evidence_error={}",
            EvidenceProblem::TooLarge.code()
        ));
    }
    let (claimed_name, bytes) = file.unwrap_or_default();
    let kind = match sniff_evidence(&bytes) {
        Ok(kind) => kind,
        Err(problem) => return back(&format!("evidence_error={}", problem.code())),
    };
    let new = NewEvidence {
        company_id: company.id,
        item_id,
        file_name: clean_file_name(claimed_name.as_deref(), kind),
        content_type: kind.content_type(),
        sha256: sha256_hex(&bytes),
        bytes: bytes.to_vec(),
        uploaded_by: actor.user_id,
        uploader_name: actor.display_name.clone(),
        at: chrono::Utc::now(),
    };
    match state.store.add_evidence(&new).await {
        Ok(_) => back("evidence=saved"),
        // Not an item of this company.
        Err(DbError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(%err, "cannot store evidence");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /evidence/{id}`: the file, to the company's members, its assigned
/// consultants and admins; "not found" to everyone else, so ids reveal
/// nothing.
pub async fn download(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i64>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return Redirect::to(&format!("/signin?next=/evidence/{id}")).into_response();
    };
    let (company_id, meta, bytes) = match state.store.evidence_file(id).await {
        Ok(found) => found,
        Err(DbError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(%err, "evidence download failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    if authorize(
        Some(&actor.principal()),
        Action::SeeReadiness { company_id },
    )
    .is_err()
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    let content_type = [EvidenceKind::Pdf, EvidenceKind::Png, EvidenceKind::Jpeg]
        .into_iter()
        .map(EvidenceKind::content_type)
        .find(|t| *t == meta.content_type)
        .unwrap_or("application/octet-stream");
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&attachment_disposition(&meta.file_name)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // Private documents: never kept by a shared cache.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logo::tests::png;

    #[test]
    fn files_are_known_by_their_bytes() {
        assert_eq!(
            sniff_evidence(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
            Ok(EvidenceKind::Pdf)
        );
        assert_eq!(sniff_evidence(&png(800, 600)), Ok(EvidenceKind::Png));
        assert_eq!(sniff_evidence(b""), Err(EvidenceProblem::Missing));
        // A PDF header on something that never ends like a PDF.
        assert_eq!(
            sniff_evidence(b"%PDF-1.4 <script>alert(1)</script>"),
            Err(EvidenceProblem::NotAllowed)
        );
        assert_eq!(
            sniff_evidence(b"<html><script>alert(1)</script>"),
            Err(EvidenceProblem::NotAllowed)
        );
        assert_eq!(
            sniff_evidence(b"MZ\x90\0"),
            Err(EvidenceProblem::NotAllowed)
        );
        assert_eq!(
            sniff_evidence(b"\x89PNG\r\n\x1a\n<script>"),
            Err(EvidenceProblem::NotAllowed)
        );
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(MAX_EVIDENCE_BYTES + 1, b' ');
        assert_eq!(sniff_evidence(&big), Err(EvidenceProblem::TooLarge));
    }
}
