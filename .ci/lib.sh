# Shared by the project scripts: find or install the tools the build needs.
# Every step checks first, so a machine that has everything pays seconds.
# Nothing is downloaded from outside the package registries.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
export PATH="$HOME/.cargo/bin:$REPO_ROOT/end2end/node_modules/.bin:$PATH"
# Playwright drives Debian's Chromium; it must never fetch a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { printf '\n==> [%s] %s\n' "$(date +%T)" "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

target_dir() { echo "${CARGO_TARGET_DIR:-$REPO_ROOT/target}"; }

# Free space, in GB, on the file system that holds the build directory
# (or the nearest folder of it that exists yet).
free_gb() {
  local dir; dir="$(target_dir)"
  while [ ! -d "$dir" ]; do dir="$(dirname "$dir")"; done
  df -Pk "$dir" | awk 'NR == 2 { print int($4 / 1048576) }'
}

# The build directory grows with every warm run (incremental caches,
# artefacts of earlier dependency versions) and a full disk fails a build
# half-way (one CI run stopped with "No space left on device" while
# linking). A full build needs about 15 GB; below that, drop what is
# cheapest to rebuild first: the incremental caches, then the debug
# build, then everything.
ensure_disk_space() {
  local need=15 target; target="$(target_dir)"
  [ "$(free_gb)" -ge "$need" ] && return 0
  step "only $(free_gb) GB free: removing incremental build caches"
  rm -rf "$target"/*/incremental "$target"/*/*/incremental
  [ "$(free_gb)" -ge "$need" ] && return 0
  step "only $(free_gb) GB free: removing the debug build"
  rm -rf "$target/debug"
  [ "$(free_gb)" -ge "$need" ] && return 0
  step "only $(free_gb) GB free: removing the whole build directory"
  rm -rf "$target"
  [ "$(free_gb)" -ge 8 ] || die "only $(free_gb) GB free on the build disk; a build needs about $need GB"
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
    step "installing cargo-leptos $CARGO_LEPTOS_VERSION (once)"
    # Its own release profile asks for whole-program LTO in one codegen
    # unit and full optimisation, most of its install time on 2 cores; a
    # build tool that spends its time waiting for cargo gains nothing from
    # that (its own work, wasm-bindgen output and precompression, is a few
    # seconds per build either way: README, "Measurements").
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
      cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
}

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$REPO_ROOT/Cargo.lock")
  [ -n "$want" ] || die "wasm-bindgen is missing from Cargo.lock"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want"; then
    step "installing wasm-bindgen-cli $want"
    # Not --locked: one of its locked dependencies is not on the registry.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# Playwright and binaryen's wasm-opt come from the npm registry.
ensure_node_packages() {
  command -v npm >/dev/null || die "npm not found: install Node.js 20 or newer"
  local stamp="$REPO_ROOT/end2end/node_modules/.package-lock.json"
  if [ ! -x "$REPO_ROOT/end2end/node_modules/.bin/wasm-opt" ] ||
     [ "$REPO_ROOT/end2end/package-lock.json" -nt "$stamp" ]; then
    step "installing npm packages in end2end/"
    (cd "$REPO_ROOT/end2end" && npm ci --no-audit --no-fund)
  fi
}

# nginx for the scale-out setup (server/deploy/): Debian's package, run
# with its own prefix; the package's own service is not started.
ensure_nginx() {
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    step "installing Debian's nginx"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx
  fi
  export PATH="$PATH:/usr/sbin"
}

ensure_chromium() {
  # Korean glyphs: without a CJK font headless Chromium draws boxes, which
  # makes screenshots unreadable and text widths (the 360 px check) wrong.
  # (grep -c reads everything: `grep -q` would end fc-list with SIGPIPE,
  # which pipefail reports as a failure.)
  if [ ! -x /usr/bin/chromium ] ||
     [ "$(fc-list : family 2>/dev/null | grep -ci 'noto sans cjk')" -eq 0 ]; then
    step "installing Debian's chromium and a Korean font for the browser tests"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk
  fi
}

# The data-layer and HTTP suites run on PostgreSQL as well as SQLite.
ensure_postgres() {
  local url="${PITCHBRIDGE_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
  if ! psql "$url" -Atqc 'SELECT 1' >/dev/null 2>&1; then
    step "starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
    for _ in $(seq 1 30); do
      psql "$url" -Atqc 'SELECT 1' >/dev/null 2>&1 && break
      sleep 1
    done
    psql "$url" -Atqc 'SELECT 1' >/dev/null 2>&1 ||
      die "PostgreSQL is not reachable at $url (set PITCHBRIDGE_TEST_PG_URL)"
  fi
  # Databases left behind by interrupted test runs.
  psql "$url" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'pb\_test\_%'" |
    while read -r db; do psql "$url" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null; done
}

ensure_build_tools() {
  ensure_rust
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_node_packages
}

# The cargo-leptos commands, kept in one place. The bundle is what ships
# to browsers and what the bundle budget journey measures; --precompress
# writes .br and .gz beside each file in target/site, so the server never
# compresses per request.
leptos_bundle_build() { (cd "$REPO_ROOT" && cargo leptos build --release --precompress --frontend-only); }
leptos_server_build() { (cd "$REPO_ROOT" && cargo leptos build --release --server-only); }

# The release browser bundle alone (CI drives the debug server with it).
build_browser_bundle() {
  step "building the release browser bundle"
  leptos_bundle_build
}

# Runs a command in the background with PREFIX in front of each line of
# its output; the job's exit status is the command's.
run_prefixed() {
  local prefix="$1"; shift
  ( set -o pipefail; "$@" 2>&1 | sed -u "s/^/[$prefix] /" ) &
}

# The release server and browser bundle, built side by side. cargo-leptos
# builds them one after the other when it hashes file names, yet they
# share nothing: the bundle builds in its own target folder (target/front),
# and the server needs none of its output. On 2 cores the bundle's
# single-unit LTO keeps one core busy while the server's codegen units
# use the other.
build_release() {
  step "building the release server and browser bundle (side by side)"
  local bundle server failed=0
  run_prefixed bundle leptos_bundle_build; bundle=$!
  run_prefixed server leptos_server_build; server=$!
  wait "$bundle" || failed=1
  wait "$server" || failed=1
  [ "$failed" = 0 ] || die "the release build failed (see the [bundle] and [server] lines above)"
  step "release build done"
}

# The mail tests send to a real SMTP server: aiosmtpd, from PyPI.
# (The Rust test helper installs it too when missing, so a plain
# `cargo test` works; installing here keeps that out of the timed run.)
ensure_aiosmtpd() {
  command -v python3 >/dev/null || die "python3 not found: the mail tests run aiosmtpd"
  if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    step "installing aiosmtpd (the mail tests' SMTP server) from PyPI"
    python3 -m pip install --user --quiet --disable-pip-version-check aiosmtpd
  fi
}
