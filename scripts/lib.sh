# Shared helpers for scripts/build.sh and scripts/test.sh: find the repo, and
# install what a fresh machine lacks (Debian packages, Rust pieces, npm tools).
# Sourced, not run.
#
# Rules every ensure_* here keeps (tests/install/installers.test.sh holds them):
# - when its tool is absent, however that is detected (PATH, dpkg-query, the npm
#   stamp file), it reaches its install command and says what it is doing;
# - it works the same under `set -euo pipefail` (build.sh) and without -e
#   (test.sh, or inside an `if`): every failure is checked explicitly, and every
#   probe of a tool that may be missing goes through `probe`, so no command
#   substitution or pipeline can end the script without a message;
# - what it cannot install itself (cargo, rustup) stops it with a message that
#   says what to install.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/tests/browser"

# Tests and builds must never fetch a browser of their own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PUPPETEER_SKIP_DOWNLOAD=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Prints what a command writes to stdout, and always succeeds: for asking a tool
# that may be missing or failing (inside "$(...)" under set -e and pipefail, a
# missing command would otherwise end the script with status 127 and no word).
probe() {
  command -v "$1" >/dev/null 2>&1 || return 0
  "$@" 2>/dev/null || true
}

# Whether text (a probe's output) has a line matching the regex. A here-string,
# not a pipe: `producer | grep -q` under pipefail fails when grep exits early
# and the producer dies of SIGPIPE.
has_line() { grep -q -e "$2" <<<"$1"; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(probe id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root to run: $* (run it by hand, or run this script as root)"
  fi
}

APT_UPDATED=0
# Installs the Debian packages given that are not installed yet; runs
# apt-get update once per script run, and only when something is missing.
ensure_apt() {
  local missing=() p status
  for p in "$@"; do
    status="$(probe dpkg-query -W -f='${Status}' "$p")"
    case "$status" in
      *"install ok installed"*) ;;
      *) missing+=("$p") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null ||
    die "missing Debian packages ${missing[*]} and no apt-get to install them: install ${missing[*]} by hand"
  say "installing Debian packages: ${missing[*]} (apt-get)"
  if [ "$APT_UPDATED" = 0 ]; then
    as_root apt-get update -q || die "apt-get update failed"
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" ||
    die "apt-get could not install ${missing[*]}"
}

# The nightly toolchain is what lowers std to the MVP feature set (see build.sh).
NIGHTLY="${WUHAO_NIGHTLY:-nightly}"

# cargo and rustup are the two tools these scripts cannot install.
need_rustup() {
  command -v cargo >/dev/null ||
    die "cargo not found: install Rust with rustup (https://rustup.rs: curl --proto '=https' -sSf https://sh.rustup.rs | sh), make sure ~/.cargo/bin is on PATH, and run this again"
  command -v rustup >/dev/null ||
    die "rustup not found: install Rust with rustup (https://rustup.rs) and put ~/.cargo/bin first on PATH; the build needs rustup for the $NIGHTLY toolchain and the wasm32 target, which a distribution's cargo cannot add"
}

# The nightly toolchain with rust-src and the wasm32 target, for build.sh.
ensure_rust() {
  need_rustup
  local installed
  if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1; then
    say "installing Rust toolchain $NIGHTLY (rustup toolchain install)"
    rustup toolchain install "$NIGHTLY" --profile minimal || die "could not install the $NIGHTLY toolchain"
  fi
  installed="$(probe rustup component list --toolchain "$NIGHTLY" --installed)"
  if ! has_line "$installed" '^rust-src'; then
    say "adding rust-src to $NIGHTLY (needed by -Zbuild-std)"
    rustup component add rust-src --toolchain "$NIGHTLY" || die "could not add rust-src to $NIGHTLY"
  fi
  installed="$(probe rustup target list --toolchain "$NIGHTLY" --installed)"
  if ! has_line "$installed" '^wasm32-unknown-unknown$'; then
    say "adding the wasm32-unknown-unknown target to $NIGHTLY"
    rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY" || die "could not add wasm32-unknown-unknown to $NIGHTLY"
  fi
}

# clippy on the default toolchain (the one plain `cargo` runs), for test.sh.
ensure_clippy() {
  need_rustup
  cargo clippy --version >/dev/null 2>&1 && return 0
  say "cargo clippy not found: adding the clippy component (rustup component add clippy)"
  rustup component add clippy || die "could not add clippy (try: rustup component add clippy)"
  cargo clippy --version >/dev/null 2>&1 || die "cargo clippy still fails after adding the clippy component"
}

# The wasm-bindgen version the crate is locked to. Cargo.lock is the truth (it
# is what the build links); Cargo.toml's exact "=x.y.z" pin is the fallback.
bindgen_version() {
  local v=""
  if [ -f "$ROOT/Cargo.lock" ]; then
    v="$(probe awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
  fi
  if [ -z "$v" ] && [ -f "$ROOT/Cargo.toml" ]; then
    v="$(probe sed -n 's/^wasm-bindgen = "=\{0,1\}\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml")"
    v="${v%%$'\n'*}"
  fi
  [ -n "$v" ] || die "cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml"
  echo "$v"
}

# The version of the wasm-bindgen on PATH ("wasm-bindgen 0.2.x" -> "0.2.x"),
# or nothing when there is none.
bindgen_installed() {
  local out
  out="$(probe "${1:-wasm-bindgen}" --version)"
  out="${out#wasm-bindgen }"
  echo "${out%%[[:space:]]*}"
}

# wasm-bindgen-cli must match the crate's wasm-bindgen exactly, or the glue and
# the module disagree about their ABI.
ensure_bindgen() {
  local want have bin
  want="$(bindgen_version)" || exit 1
  have="$(bindgen_installed)"
  [ "$have" = "$want" ] && return 0
  if [ -z "$have" ]; then
    say "wasm-bindgen not found: installing wasm-bindgen-cli $want (cargo install)"
  else
    say "wasm-bindgen is $have, the crate needs $want: installing wasm-bindgen-cli $want (cargo install)"
  fi
  command -v cargo >/dev/null ||
    die "cargo not found, and it is needed to install wasm-bindgen-cli $want: install Rust with rustup (https://rustup.rs)"
  # cargo installs into ~/.cargo/bin, which a distribution's cargo does not put on PATH.
  bin="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
  if [ "$(bindgen_installed "$bin/wasm-bindgen")" != "$want" ]; then
    # --locked is preferred for a reproducible tool, but the locked tree can name a
    # crate version the registry mirror lacks; then let cargo resolve afresh.
    # --force: cargo's own record can say "installed" for a binary that was since
    # deleted or moved, and would then install nothing.
    cargo install wasm-bindgen-cli --version "$want" --locked --force ||
      cargo install wasm-bindgen-cli --version "$want" --force ||
      die "could not install wasm-bindgen-cli $want"
  fi
  have="$(bindgen_installed)"
  if [ "$have" != "$want" ] && [ "$(bindgen_installed "$bin/wasm-bindgen")" = "$want" ]; then
    say "using $bin/wasm-bindgen: putting $bin first on PATH for this run"
    export PATH="$bin:$PATH"
    have="$want"
  fi
  [ "$have" = "$want" ] || die "wasm-bindgen on PATH is ${have:-missing}, want $want (is ~/.cargo/bin on PATH?)"
}

# Node.js and npm, from Debian when either is missing. build.sh runs node for
# its wasm feature check; the npm tools need both.
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  say "node or npm not found: installing Debian's nodejs and npm"
  ensure_apt nodejs npm
  command -v node >/dev/null && command -v npm >/dev/null ||
    die "node and npm are still not on PATH after installing nodejs and npm: install Node.js by hand"
}

# python3, which build.sh runs for cargo metadata and scripts/inline.py.
ensure_python() {
  command -v python3 >/dev/null && return 0
  say "python3 not found: installing Debian's python3"
  ensure_apt python3
  command -v python3 >/dev/null || die "python3 is still not on PATH after installing python3: install it by hand"
}

# The npm tools in tests/browser (playwright-core, acorn, binaryen), exactly as
# package-lock.json pins them. Reinstalls when the lock file is newer than the
# installed tree (npm writes node_modules/.package-lock.json, the stamp).
ensure_npm_tools() {
  ensure_node
  local stamp="$TOOLS_DIR/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ]; then
    say "installing the npm test tools in tests/browser (npm ci; no node_modules yet)"
  elif [ "$TOOLS_DIR/package-lock.json" -nt "$stamp" ]; then
    say "reinstalling the npm test tools in tests/browser (npm ci; package-lock.json changed)"
  else
    return 0
  fi
  (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund --loglevel=error) || { echo "error: npm ci failed in tests/browser" >&2; return 1; }
}

# What people open the exports in, for the export read-back stage of
# scripts/test.sh: Debian's LibreOffice Calc without a GUI (soffice, run
# headless) and Python's openpyxl, a strict .xlsx reader (pip, pinned; Debian's
# python3-openpyxl when pip cannot install it).
OPENPYXL_VERSION=3.1.5
ensure_export_readers() {
  ensure_python
  ensure_apt libreoffice-calc-nogui
  command -v soffice >/dev/null || die "soffice is not on PATH after installing libreoffice-calc-nogui"
  python3 -c 'import openpyxl' >/dev/null 2>&1 && return 0
  say "installing Python's openpyxl $OPENPYXL_VERSION (pip)"
  if ! python3 -m pip install --quiet --disable-pip-version-check "openpyxl==$OPENPYXL_VERSION"; then
    say "pip could not install openpyxl: installing Debian's python3-openpyxl"
    ensure_apt python3-openpyxl
  fi
  python3 -c 'import openpyxl' >/dev/null 2>&1 ||
    die "python3 still cannot import openpyxl: install it by hand (pip install openpyxl==$OPENPYXL_VERSION)"
}

# Debian's Chromium for the browser tests, CJK fonts so the page renders its
# Chinese text, and poppler-utils (pdftotext) for checking printed output.
ensure_browser() {
  ensure_apt chromium fonts-noto-cjk poppler-utils
}
