//! What the document shell puts in `<head>` for the browser bundle: only a
//! loader that fetches the wasm when the page holds an island.
//!
//! Leptos's own `<HydrationScripts islands=true>` preloads the script and
//! the wasm on every page, so a visitor reading the directory would still
//! download the bundle without running any of it. This loader does the
//! same wake-up (import the JS glue, instantiate the wasm, call each
//! island's exported function on its `<leptos-island>` element) but first
//! checks that the page has an island at all: pages without one load no
//! wasm and no JavaScript beyond this script. When the islands are awake it
//! sets `data-islands="awake"` on `<html>` (the browser tests wait for it).

use leptos::prelude::*;

/// The file names of the browser bundle and the stylesheet under `/pkg`.
///
/// The server works them out once at start-up (from cargo-leptos's
/// `hash.txt` when the build hashed the names) and provides them to every
/// render as context, so a page costs no file read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleFiles {
    pub js: String,
    pub wasm: String,
    pub css: String,
    /// The names carry a content hash: a browser may keep them forever.
    pub hashed: bool,
}

impl BundleFiles {
    /// Unhashed names. cargo-leptos names the wasm after the output name; a
    /// plain wasm-bindgen build (no cargo-leptos) adds `_bg`. The same rule
    /// as `leptos::HydrationScripts`.
    pub fn for_output(output_name: &str) -> Self {
        let wasm_suffix = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
            ""
        } else {
            "_bg"
        };
        BundleFiles {
            js: format!("{output_name}.js"),
            wasm: format!("{output_name}{wasm_suffix}.wasm"),
            css: format!("{output_name}.css"),
            hashed: false,
        }
    }

    /// Names from cargo-leptos's hash file (`js: <hash>` lines, one per
    /// kind: `<output>.<hash>.<kind>`). A kind the file lacks keeps its
    /// plain name, and then the set does not count as hashed.
    pub fn from_hash_file(output_name: &str, hash_file: &str) -> Self {
        let hash_of = |kind: &str| {
            hash_file.lines().find_map(|line| {
                let (name, hash) = line.split_once(':')?;
                let hash = hash.trim();
                (name.trim() == kind && !hash.is_empty()).then(|| hash.to_string())
            })
        };
        match (hash_of("js"), hash_of("wasm"), hash_of("css")) {
            (Some(js), Some(wasm), Some(css)) => BundleFiles {
                js: format!("{output_name}.{js}.js"),
                wasm: format!("{output_name}.{wasm}.wasm"),
                css: format!("{output_name}.{css}.css"),
                hashed: true,
            },
            _ => Self::for_output(output_name),
        }
    }

    /// Whether `file` (a name inside `/pkg`) is one of these files.
    pub fn contains(&self, file: &str) -> bool {
        [&self.js, &self.wasm, &self.css].iter().any(|f| *f == file)
    }
}

/// The bundle's names for this render: the server's context, or the plain
/// names when a render has none (unit tests of single components).
pub fn use_bundle_files(options: &LeptosOptions) -> BundleFiles {
    use_context::<BundleFiles>().unwrap_or_else(|| BundleFiles::for_output(&options.output_name))
}

/// The inline module script that wakes the islands up. Written by hand
/// rather than taken from Leptos so it can skip pages without islands.
fn loader_script(pkg: &str, files: &BundleFiles) -> String {
    let js = format!("/{pkg}/{}", files.js);
    let wasm = format!("/{pkg}/{}", files.wasm);
    format!(
        r#"(async()=>{{const islands=[...document.querySelectorAll("leptos-island")].filter(e=>!e.parentElement.closest("leptos-island"));if(!islands.length)return;const mod=await import({js:?});await mod.default({{module_or_path:{wasm:?}}});mod.hydrate();for(const el of islands){{const f=mod[el.dataset.component];if(f)f(el);else console.error("no island function for",el.dataset.component);}}document.documentElement.dataset.islands="awake";}})();"#
    )
}

/// The loader, for the shell's `<head>`. Module scripts run after the
/// document is parsed, so every island is in the DOM when it looks.
#[component]
pub fn IslandsLoader(options: LeptosOptions) -> impl IntoView {
    // Islands mode renders the rest of the page without hydration markers
    // or serialised resources; only islands carry what they need. Leptos's
    // own islands script switches this off the same way.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let files = use_bundle_files(&options);
    let script = loader_script(&options.site_pkg_dir, &files);
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="module" nonce=nonce>{script}</script> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_names_the_bundle_and_quits_without_islands() {
        let files = BundleFiles::from_hash_file("pitchbridge", "js: Ab1\nwasm: Cd2\ncss: Ef3\n");
        assert_eq!(files.css, "pitchbridge.Ef3.css");
        assert!(files.hashed && files.contains("pitchbridge.Ab1.js"));
        let script = loader_script("pkg", &files);
        assert!(
            script.contains(r#"import("/pkg/pitchbridge.Ab1.js")"#),
            "{script}"
        );
        assert!(
            script.contains(r#"module_or_path:"/pkg/pitchbridge.Cd2.wasm""#),
            "{script}"
        );
        assert!(script.contains("if(!islands.length)return;"), "{script}");
    }

    #[test]
    fn an_incomplete_hash_file_falls_back_to_plain_names() {
        let files = BundleFiles::from_hash_file("pitchbridge", "js: Ab1\n");
        assert!(!files.hashed);
        assert_eq!(files.css, "pitchbridge.css");
        assert!(!files.contains("pitchbridge.Ab1.js"));
    }
}
