//! The compiled front end and the other static files, served the way
//! production sites serve them.
//!
//! `cargo leptos build --release --precompress` (with `hash-files = true`)
//! writes `/pkg/pitchbridge.<hash>.{js,wasm,css}` plus `.br` and `.gz`
//! copies, and a `hash.txt` beside the server binary. The server reads that
//! file once at start-up; `/pkg` answers with the precompressed copy the
//! browser accepts (no compression per request) and lets browsers keep a
//! hashed file forever, since a new build has new names. HTML is never
//! cached: it names the current files.

use app::components::document::BundleFiles;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
};
use leptos::config::LeptosOptions;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::services::ServeDir;

/// The bundle's file names for this build: from cargo-leptos's hash file
/// next to the running binary; for a binary copied elsewhere, from the
/// hashed names found in the site's `pkg` folder; plain names otherwise
/// (tests, a build without `hash-files`).
pub fn bundle_files(options: &LeptosOptions) -> BundleFiles {
    let output = options.output_name.as_ref();
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .map(|contents| BundleFiles::from_hash_file(output, &contents))
        .filter(|files| files.hashed);
    beside_binary
        .or_else(|| {
            let dir = pkg_dir(options);
            let names: Vec<String> = std::fs::read_dir(&dir)
                .ok()?
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .collect();
            hashes_from_names(output, &names)
                .map(|hash_file| BundleFiles::from_hash_file(output, &hash_file))
        })
        .unwrap_or_else(|| BundleFiles::for_output(output))
}

/// A hash file's text rebuilt from file names `<output>.<hash>.<kind>`,
/// when each kind has exactly one such file.
fn hashes_from_names(output: &str, names: &[String]) -> Option<String> {
    let mut lines = String::new();
    for kind in ["js", "wasm", "css"] {
        let hashes: Vec<&str> = names
            .iter()
            .filter_map(|name| {
                let hash = name
                    .strip_prefix(output)?
                    .strip_prefix('.')?
                    .strip_suffix(kind)?
                    .strip_suffix('.')?;
                (!hash.is_empty() && !hash.contains('.')).then_some(hash)
            })
            .collect();
        match hashes.as_slice() {
            [hash] => lines.push_str(&format!("{kind}: {hash}\n")),
            _ => return None,
        }
    }
    Some(lines)
}

fn pkg_dir(options: &LeptosOptions) -> PathBuf {
    Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref())
}

/// `/pkg`: the precompressed copy when there is one, else the file itself.
pub fn pkg_service(options: &LeptosOptions) -> ServeDir {
    ServeDir::new(pkg_dir(options))
        .precompressed_br()
        .precompressed_gzip()
}

/// How long a browser may keep a static file.
pub fn cache_policy(path: &str, bundle: &BundleFiles) -> &'static str {
    match path.strip_prefix("/pkg/") {
        Some(file) if bundle.hashed && bundle.contains(file) => {
            "public, max-age=31536000, immutable"
        }
        // Same name across builds: revalidate (a cheap 304) rather than
        // run a stale bundle against a new server.
        Some(_) => "public, no-cache",
        None => "public, max-age=86400",
    }
}

/// Adds the cache policy to files (never to pages) and `Vary` to `/pkg`,
/// whose body depends on `Accept-Encoding`.
pub async fn static_cache_headers(
    State(bundle): State<Arc<BundleFiles>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response: Response<Body> = next.run(request).await;
    let is_file =
        response.status() == StatusCode::OK || response.status() == StatusCode::NOT_MODIFIED;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_file && !is_html && !response.headers().contains_key(header::CACHE_CONTROL) {
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_policy(&path, &bundle)),
        );
        if path.starts_with("/pkg/") {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_found_in_the_pkg_folder() {
        let names: Vec<String> = [
            "pitchbridge.Ab-1.js",
            "pitchbridge.Ab-1.js.br",
            "pitchbridge.Cd_2.wasm",
            "pitchbridge.Cd_2.wasm.gz",
            "pitchbridge.d.Xy.ts",
            "pitchbridge.Ef3.css",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            hashes_from_names("pitchbridge", &names).as_deref(),
            Some("js: Ab-1\nwasm: Cd_2\ncss: Ef3\n")
        );
        // Two builds' files side by side: ambiguous, so no guess.
        let mut two = names.clone();
        two.push("pitchbridge.Zz9.css".into());
        assert_eq!(hashes_from_names("pitchbridge", &two), None);
        assert_eq!(
            hashes_from_names("pitchbridge", &["pitchbridge.css".into()]),
            None
        );
    }

    #[test]
    fn hashed_bundle_files_are_immutable_and_the_rest_revalidates() {
        let hashed = BundleFiles::from_hash_file("pb", "js: a\nwasm: b\ncss: c\n");
        assert_eq!(
            cache_policy("/pkg/pb.a.js", &hashed),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_policy("/pkg/pb.js", &hashed), "public, no-cache");
        assert_eq!(
            cache_policy("/favicon.svg", &hashed),
            "public, max-age=86400"
        );
        let plain = BundleFiles::for_output("pb");
        assert_eq!(cache_policy("/pkg/pb.css", &plain), "public, no-cache");
    }
}
