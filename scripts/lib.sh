# Shared helpers for scripts/build.sh and scripts/test.sh: find the repo, and
# install what a fresh machine lacks (Debian packages, Rust pieces, npm tools).
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/tests/browser"

# Tests and builds must never fetch a browser of their own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PUPPETEER_SKIP_DOWNLOAD=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install it by hand, or run as root)"
  fi
}

APT_UPDATED=0
# Installs the Debian packages given that are not installed yet; runs
# apt-get update once per script run, and only when something is missing.
ensure_apt() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
  say "installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" = 0 ]; then
    as_root apt-get update -q
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# The nightly toolchain is what lowers std to the MVP feature set (see build.sh).
NIGHTLY="${WUHAO_NIGHTLY:-nightly}"

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
  command -v rustup >/dev/null || die "rustup not found: the build needs rustup to manage the nightly toolchain and the wasm32 target"
  if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1; then
    say "installing Rust toolchain $NIGHTLY"
    rustup toolchain install "$NIGHTLY" --profile minimal || die "could not install the $NIGHTLY toolchain"
  fi
  if ! rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
    say "adding rust-src to $NIGHTLY (needed by -Zbuild-std)"
    rustup component add rust-src --toolchain "$NIGHTLY" || die "could not add rust-src to $NIGHTLY"
  fi
  if ! rustup target list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target to $NIGHTLY"
    rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY" || die "could not add wasm32-unknown-unknown to $NIGHTLY"
  fi
}

# The wasm-bindgen version the crate is locked to. Cargo.lock is the truth (it
# is what the build links); Cargo.toml's exact "=x.y.z" pin is the fallback.
bindgen_version() {
  local v
  v="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock" 2>/dev/null)"
  [ -n "$v" ] || v="$(sed -n 's/^wasm-bindgen = "=\{0,1\}\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml" | head -n1)"
  [ -n "$v" ] || die "cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml"
  echo "$v"
}

# wasm-bindgen-cli must match the crate's wasm-bindgen exactly, or the glue and
# the module disagree about their ABI.
ensure_bindgen() {
  local want have
  want="$(bindgen_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
  [ "$have" = "$want" ] && return 0
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # --locked is preferred for a reproducible tool, but the locked tree can name a
  # crate version the registry mirror lacks; then let cargo resolve afresh.
  cargo install wasm-bindgen-cli --version "$want" --locked ||
    cargo install wasm-bindgen-cli --version "$want" ||
    die "could not install wasm-bindgen-cli $want"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
  [ "$have" = "$want" ] || die "wasm-bindgen on PATH is ${have:-missing}, want $want (is ~/.cargo/bin on PATH?)"
}

# The npm tools in tests/browser (playwright-core, acorn, binaryen), exactly as
# package-lock.json pins them. Reinstalls when the lock file is newer than the
# installed tree.
ensure_npm_tools() {
  command -v npm >/dev/null || ensure_apt nodejs npm
  local stamp="$TOOLS_DIR/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$TOOLS_DIR/package-lock.json" -nt "$stamp" ]; then
    say "installing npm test tools in tests/browser"
    (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund --loglevel=error) || { echo "error: npm ci failed in tests/browser" >&2; return 1; }
  fi
}

# Debian's Chromium for the browser tests, CJK fonts so the page renders its
# Chinese text, and poppler-utils (pdftotext) for checking printed output.
ensure_browser() {
  ensure_apt chromium fonts-noto-cjk poppler-utils
}
