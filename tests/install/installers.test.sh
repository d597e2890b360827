#!/usr/bin/env bash
# Installer test (a stage of scripts/test.sh): runs every ensure_* of scripts/lib.sh
# with its tool absent and with it present, against stub installers, offline.
#
# Each case runs in a fresh sandbox: a copy of lib.sh in a fake repo (its own
# Cargo.lock and tests/browser/package-lock.json), and a PATH of only
#   - a bin dir of links to basic system tools (bash, awk, sed, grep, cat, ...),
#   - stubs for cargo, rustup, apt-get, dpkg-query, id and sudo, which append
#     their argv to a log and, when asked to install, put a working stub tool in
#     place (cargo install wasm-bindgen-cli --version X writes a wasm-bindgen that
#     prints "wasm-bindgen X"; apt-get install nodejs npm writes node and npm; npm ci
#     writes node_modules and its stamp; rustup records toolchains, components
#     and targets),
# so no real wasm-bindgen, cargo, node_modules or chromium is ever seen. The
# case's script runs under `set -euo pipefail`, as build.sh does, and ends by
# printing a marker, so each case asserts that the install command is reached
# when the tool is absent (and not when present), that the script goes on after
# installing, and that anything that stops it says why ("error: ...").
#
# Against the lib.sh before this test was written (git show a71f78a:scripts/lib.sh)
# it fails: ensure_bindgen exited 127 with no message when wasm-bindgen was absent,
# bindgen_version ended the script silently without a Cargo.lock, and a long
# `rustup ... | grep -q` listing under pipefail made it re-add installed pieces.
# To check that again:
#   git show a71f78a:scripts/lib.sh > /tmp/old-lib.sh
#   WUHAO_LIB=/tmp/old-lib.sh bash tests/install/installers.test.sh   # must fail
#
# Ends with one line "installers: N passed, M failed"; exits non-zero on a failure.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB="${WUHAO_LIB:-$HERE/../../scripts/lib.sh}"
[ -f "$LIB" ] || { echo "error: $LIB not found" >&2; exit 1; }
BASH_BIN="$(command -v bash)"
WANT=0.2.130   # the wasm-bindgen version of the fake repo's Cargo.lock

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

# --- the system tools a sandbox may use (never wasm-bindgen, cargo, node, ...) ---
SYS="$TMP/sys"
mkdir -p "$SYS"
for t in bash sh env cat cp mv rm mkdir rmdir ln ls touch chmod dirname basename \
  head tail tr sort cut wc awk sed grep printf sleep stat realpath mktemp date true false; do
  p="$(type -P "$t" 2>/dev/null || true)"
  [ -n "$p" ] && ln -s "$p" "$SYS/$t"
done

# --- the stubs, written once; each logs its argv to $STUB_LOG ---
STUBS="$TMP/stubs"
mkdir -p "$STUBS"
stub() { # name, body (bash, after the logging line)
  printf '#!%s\n# stub for the installer test\nprintf "%%s\\n" "%s $*" >>"$STUB_LOG"\n%s\n' \
    "$BASH_BIN" "$1" "$2" >"$STUBS/$1"
  chmod +x "$STUBS/$1"
}

# cargo: `cargo install wasm-bindgen-cli --version X` writes a wasm-bindgen X into
# $CARGO_HOME/bin (STUB_CARGO_FAIL=locked fails the --locked try, =all every try);
# `cargo clippy --version` works once rustup has added clippy.
stub cargo '
case "$1" in
  install)
    case "${STUB_CARGO_FAIL:-}" in
      all) echo "error: stub cargo install fails" >&2; exit 101 ;;
      locked) for a in "$@"; do [ "$a" = --locked ] && { echo "error: stub --locked fails" >&2; exit 101; }; done ;;
    esac
    v=""; prev=""
    for a in "$@"; do [ "$prev" = --version ] && v="$a"; prev="$a"; done
    mkdir -p "$CARGO_HOME/bin"
    printf "#!%s\necho \"wasm-bindgen %s\"\n" "$BASH" "$v" >"$CARGO_HOME/bin/wasm-bindgen"
    chmod +x "$CARGO_HOME/bin/wasm-bindgen" ;;
  clippy)
    [ -f "$STATE/clippy" ] || { echo "error: no such command: clippy" >&2; exit 101; }
    echo "clippy 0.1.0 (stub)" ;;
esac
exit 0'

# rustup: toolchains, components and targets are files under $STATE/rustup.
# Listings are long (STUB_LONG lines of filler after the real ones), so that a
# `rustup ... | grep -q` would make rustup die of SIGPIPE under pipefail.
stub rustup '
R="$STATE/rustup"; mkdir -p "$R"
tc=""; prev=""
for a in "$@"; do [ "$prev" = --toolchain ] && tc="$a"; prev="$a"; done
filler() { local i=0; while [ "$i" -lt "${STUB_LONG:-0}" ]; do echo "filler-component-$i"; i=$((i + 1)); done; }
case "$1 $2" in
  "run "*) [ -f "$R/tc-$2" ] || { echo "error: toolchain $2 is not installed" >&2; exit 1; }; echo "rustc 1.0.0-nightly (stub)" ;;
  "toolchain install") touch "$R/tc-$3" ;;
  "component list"|"target list")
    [ -f "$R/tc-$tc" ] || { echo "error: toolchain $tc is not installed" >&2; exit 1; }
    kind="${1}"; cat "$R/$kind-$tc" 2>/dev/null; filler ;;
  "component add")
    if [ "$3" = clippy ]; then touch "$STATE/clippy"; else echo "$3" >>"$R/component-$tc"; fi ;;
  "target add") echo "$3" >>"$R/target-$tc" ;;
esac
exit 0'

# dpkg-query -W -f=${Status} PKG: installed when $STATE/dpkg/PKG exists.
stub dpkg-query '
p="${@: -1}"
if [ -f "$STATE/dpkg/$p" ]; then printf "install ok installed"; else echo "dpkg-query: no packages found matching $p" >&2; exit 1; fi'

# apt-get install PKG...: marks each installed and puts node/npm/python3 in place.
stub apt-get '
[ "$1" = install ] || exit 0
[ -z "${STUB_APT_FAIL:-}" ] || { echo "E: stub apt-get fails" >&2; exit 100; }
mkdir -p "$STATE/dpkg"
for p in "$@"; do
  case "$p" in -*|install) continue ;; esac
  touch "$STATE/dpkg/$p"
  case "$p" in
    nodejs) cp "$STUBS/node" "$TOOLS/node" ;;
    npm) cp "$STUBS/npm" "$TOOLS/npm" ;;
    python3) cp "$STUBS/python3" "$TOOLS/python3" ;;
    python3-openpyxl) touch "$STATE/openpyxl" ;;
    libreoffice-calc-nogui) cp "$STUBS/soffice" "$TOOLS/soffice" ;;
  esac
done'

stub id 'if [ "${1:-}" = -u ]; then echo "${STUB_UID:-0}"; else echo "uid=${STUB_UID:-0}"; fi'
stub sudo 'exec "$@"'
stub node 'echo v20.0.0'
# python3: `-c 'import openpyxl'` works once pip or apt has installed it;
# `-m pip install` installs it (STUB_PIP_FAIL fails it).
stub python3 '
case "$*" in
  *"import openpyxl"*) [ -f "$STATE/openpyxl" ] || { echo "ModuleNotFoundError: No module named openpyxl" >&2; exit 1; } ;;
  "-m pip install"*)
    [ -z "${STUB_PIP_FAIL:-}" ] || { echo "error: stub pip fails" >&2; exit 1; }
    touch "$STATE/openpyxl" ;;
  *) echo "Python 3 (stub)" ;;
esac'
stub soffice 'echo "LibreOffice 7 (stub)"'
# npm ci: writes node_modules with its stamp and a wasm-opt (STUB_NPM_FAIL fails it).
stub npm '
[ "$1" = ci ] || exit 0
[ -z "${STUB_NPM_FAIL:-}" ] || { echo "npm ERR! stub npm ci fails" >&2; exit 1; }
printf "%s\n" "npm ci in $PWD" >>"$STUB_LOG"
mkdir -p node_modules/.bin
echo "{}" >node_modules/.package-lock.json
printf "#!%s\nexit 0\n" "$BASH" >node_modules/.bin/wasm-opt
chmod +x node_modules/.bin/wasm-opt'

# --- running a case ---
# new_case NAME: a fresh sandbox. Sets CASE, REPO, TOOLS (a dir on PATH where
# "installed" tools live), STATE, HOME_DIR and PATH_SET (the sandbox PATH),
# and empties CASE_ENV (extra VAR=value settings for the stubs).
# Then `give TOOL...` puts stubs on PATH, `run SCRIPT` runs a script that has
# sourced lib.sh, and the expect_* assert on what happened.
new_case() {
  CASE_NAME="$1"
  CASE="$TMP/case-$((passed + failed))-$RANDOM"
  REPO="$CASE/repo"
  TOOLS="$CASE/tools"
  STATE="$CASE/state"
  HOME_DIR="$CASE/home"
  mkdir -p "$REPO/scripts" "$REPO/tests/browser" "$TOOLS" "$STATE/dpkg" "$HOME_DIR"
  cp "$LIB" "$REPO/scripts/lib.sh"
  printf '[[package]]\nname = "wasm-bindgen"\nversion = "%s"\n' "$WANT" >"$REPO/Cargo.lock"
  printf '[dependencies]\nwasm-bindgen = "=%s"\n' "$WANT" >"$REPO/Cargo.toml"
  echo '{}' >"$REPO/tests/browser/package-lock.json"
  : >"$CASE/log"
  # ~/.cargo/bin first, as rustup's set-up leaves it (cargo install writes there).
  PATH_SET="$HOME_DIR/.cargo/bin:$TOOLS:$SYS"
  CASE_ENV=()
}
give() { local t; for t in "$@"; do cp "$STUBS/$t" "$TOOLS/$t"; done; }
installed_pkgs() { local p; for p in "$@"; do touch "$STATE/dpkg/$p"; done; }
rust_ready() { # nightly with rust-src and wasm32 already there
  mkdir -p "$STATE/rustup"
  touch "$STATE/rustup/tc-nightly"
  echo rust-src >"$STATE/rustup/component-nightly"
  echo wasm32-unknown-unknown >"$STATE/rustup/target-nightly"
}
put_bindgen() { # DIR VERSION: a wasm-bindgen that prints that version
  mkdir -p "$1"
  printf '#!%s\necho "wasm-bindgen %s"\n' "$BASH_BIN" "$2" >"$1/wasm-bindgen"
  chmod +x "$1/wasm-bindgen"
}

# run SCRIPT: runs it under set -euo pipefail with lib.sh sourced, in a clean
# environment; then "AFTER" on stdout means the script went on to its end.
run() {
  local body="$1"
  env -i PATH="$PATH_SET" HOME="$HOME_DIR" CARGO_HOME="$HOME_DIR/.cargo" \
    STUB_LOG="$CASE/log" STATE="$STATE" TOOLS="$TOOLS" STUBS="$STUBS" \
    "${CASE_ENV[@]+"${CASE_ENV[@]}"}" \
    "$BASH_BIN" -c 'set -euo pipefail
source "$1/scripts/lib.sh"
'"$body"'
echo AFTER' run "$REPO" >"$CASE/out" 2>"$CASE/err" </dev/null
  RC=$?
  # Nothing may stop a script without saying why.
  if [ "$RC" -ne 0 ]; then
    check "exits non-zero only with an error message (rc $RC)" grep -q '^error: ' "$CASE/err"
  fi
}

check() { # DESCRIPTION COMMAND...
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "not ok - $CASE_NAME: $what"
    echo "    rc: $RC"
    sed 's/^/    log: /' "$CASE/log"
    sed 's/^/    stderr: /' "$CASE/err" | tail -n 8
  fi
}
not() { ! "$@"; }
logged() { grep -qF -- "$1" "$CASE/log"; }
expect_ok() { check "exits 0" test "$RC" -eq 0; check "goes on after it (AFTER printed)" grep -qx AFTER "$CASE/out"; }
expect_stops() { check "stops (non-zero)" test "$RC" -ne 0; check "does not go on" not grep -qx AFTER "$CASE/out"; }
expect_ran() { check "runs: $1" logged "$1"; }
expect_not_ran() { check "does not run: $1" not logged "$1"; }
expect_said() { check "says: $1" grep -qF -- "$1" "$CASE/err"; }

# --- ensure_bindgen ---
new_case "bindgen absent"
give cargo
run 'ensure_bindgen; wasm-bindgen --version'
expect_ok
expect_ran "cargo install wasm-bindgen-cli --version $WANT --locked"
expect_said "installing wasm-bindgen-cli $WANT"
check "the installed wasm-bindgen runs afterwards" grep -qx "wasm-bindgen $WANT" "$CASE/out"

new_case "bindgen present, right version"
give cargo
put_bindgen "$TOOLS" "$WANT"
run 'ensure_bindgen'
expect_ok
expect_not_ran "cargo install"

new_case "bindgen present, other version"
give cargo
put_bindgen "$TOOLS" 0.2.99
run 'ensure_bindgen; wasm-bindgen --version'
expect_ok
expect_ran "cargo install wasm-bindgen-cli --version $WANT --locked"
expect_said "wasm-bindgen is 0.2.99"

new_case "bindgen absent, ~/.cargo/bin not on PATH"
give cargo
PATH_SET="$TOOLS:$SYS"
run 'ensure_bindgen; wasm-bindgen --version'
expect_ok
expect_ran "cargo install wasm-bindgen-cli --version $WANT"
check "wasm-bindgen is found after the install" grep -qx "wasm-bindgen $WANT" "$CASE/out"
expect_said "first on PATH for this run"

new_case "bindgen installed in ~/.cargo/bin, which is not on PATH"
give cargo
put_bindgen "$HOME_DIR/.cargo/bin" "$WANT"
PATH_SET="$TOOLS:$SYS"
run 'ensure_bindgen; wasm-bindgen --version'
expect_ok
expect_not_ran "cargo install"
expect_said "first on PATH for this run"

new_case "bindgen absent, cargo's record says installed (binary deleted): --force reinstalls"
give cargo
run 'ensure_bindgen'
expect_ok
expect_ran "cargo install wasm-bindgen-cli --version $WANT --locked --force"

new_case "bindgen absent, --locked install fails"
give cargo
CASE_ENV=(STUB_CARGO_FAIL=locked)
run 'ensure_bindgen'
expect_ok
expect_ran "cargo install wasm-bindgen-cli --version $WANT --locked"
check "retries without --locked" grep -qx "cargo install wasm-bindgen-cli --version $WANT --force" "$CASE/log"

new_case "bindgen absent, cargo install fails"
give cargo
CASE_ENV=(STUB_CARGO_FAIL=all)
run 'ensure_bindgen'
expect_stops
expect_said "could not install wasm-bindgen-cli $WANT"

new_case "bindgen absent, no cargo"
run 'ensure_bindgen'
expect_stops
expect_said "rustup"

new_case "bindgen version from Cargo.toml when there is no Cargo.lock"
give cargo
rm "$REPO/Cargo.lock"
run 'ensure_bindgen'
expect_ok
expect_ran "cargo install wasm-bindgen-cli --version $WANT --locked"

new_case "no wasm-bindgen version anywhere"
give cargo
rm "$REPO/Cargo.lock" "$REPO/Cargo.toml"
run 'ensure_bindgen'
expect_stops
expect_said "cannot find the wasm-bindgen version"

# --- ensure_rust and ensure_clippy ---
new_case "rust: no cargo"
give rustup
run 'ensure_rust'
expect_stops
expect_said "cargo not found"
expect_said "https://rustup.rs"

new_case "rust: no rustup"
give cargo
run 'ensure_rust'
expect_stops
expect_said "rustup not found"
expect_said "https://rustup.rs"

new_case "rust: no nightly"
give cargo rustup
run 'ensure_rust'
expect_ok
expect_ran "rustup toolchain install nightly --profile minimal"
expect_ran "rustup component add rust-src --toolchain nightly"
expect_ran "rustup target add wasm32-unknown-unknown --toolchain nightly"
expect_said "installing Rust toolchain nightly"

new_case "rust: nightly without rust-src and wasm32"
give cargo rustup
mkdir -p "$STATE/rustup"
touch "$STATE/rustup/tc-nightly"
run 'ensure_rust'
expect_ok
expect_not_ran "rustup toolchain install"
expect_ran "rustup component add rust-src --toolchain nightly"
expect_ran "rustup target add wasm32-unknown-unknown --toolchain nightly"

new_case "rust: all there (long rustup listings)"
give cargo rustup
rust_ready
CASE_ENV=(STUB_LONG=20000)
run 'ensure_rust'
expect_ok
expect_not_ran "rustup toolchain install"
expect_not_ran "rustup component add"
expect_not_ran "rustup target add"

new_case "clippy absent"
give cargo rustup
run 'ensure_clippy; cargo clippy --version'
expect_ok
expect_ran "rustup component add clippy"
expect_said "rustup component add clippy"

new_case "clippy present"
give cargo rustup
touch "$STATE/clippy"
run 'ensure_clippy'
expect_ok
expect_not_ran "rustup component add"

new_case "clippy: no rustup"
give cargo
run 'ensure_clippy'
expect_stops
expect_said "rustup not found"

# --- ensure_apt and ensure_browser ---
new_case "browser packages absent"
give dpkg-query apt-get id
run 'ensure_browser; ensure_apt chromium'
expect_ok
expect_ran "apt-get update -q"
expect_ran "apt-get install -y -q chromium fonts-noto-cjk poppler-utils"
expect_said "installing Debian packages: chromium fonts-noto-cjk poppler-utils"
check "apt-get update runs once" test "$(grep -c 'apt-get update' "$CASE/log")" -eq 1

new_case "browser packages partly there"
give dpkg-query apt-get id
installed_pkgs chromium poppler-utils
run 'ensure_browser'
expect_ok
check "installs only the missing one" grep -qx "apt-get install -y -q fonts-noto-cjk" "$CASE/log"

new_case "browser packages all there"
give dpkg-query apt-get id
installed_pkgs chromium fonts-noto-cjk poppler-utils
run 'ensure_browser'
expect_ok
expect_not_ran "apt-get"

new_case "browser packages, no dpkg-query"
give apt-get id
run 'ensure_browser'
expect_ok
expect_ran "apt-get install -y -q chromium fonts-noto-cjk poppler-utils"

new_case "browser packages, not root, sudo"
give dpkg-query apt-get id sudo
CASE_ENV=(STUB_UID=1000)
run 'ensure_browser'
expect_ok
expect_ran "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium"

new_case "browser packages, not root, no sudo"
give dpkg-query apt-get id
CASE_ENV=(STUB_UID=1000)
run 'ensure_browser'
expect_stops
expect_said "need root"

new_case "browser packages, no apt-get"
give dpkg-query id
run 'ensure_browser'
expect_stops
expect_said "no apt-get"

new_case "browser packages, apt-get fails"
give dpkg-query apt-get id
CASE_ENV=(STUB_APT_FAIL=1)
run 'ensure_browser'
expect_stops

# --- ensure_export_readers ---
new_case "export readers absent"
give dpkg-query apt-get id python3
run 'ensure_export_readers; soffice --version; python3 -c "import openpyxl"'
expect_ok
expect_ran "apt-get install -y -q libreoffice-calc-nogui"
expect_ran "python3 -m pip install --quiet --disable-pip-version-check openpyxl==3.1.5"
expect_said "openpyxl"

new_case "export readers there"
give dpkg-query apt-get id python3 soffice
installed_pkgs libreoffice-calc-nogui
touch "$STATE/openpyxl"
run 'ensure_export_readers'
expect_ok
expect_not_ran "apt-get"
expect_not_ran "pip install"

new_case "openpyxl: pip fails, Debian's package"
give dpkg-query apt-get id python3 soffice
installed_pkgs libreoffice-calc-nogui
CASE_ENV=(STUB_PIP_FAIL=1)
run 'ensure_export_readers; python3 -c "import openpyxl"'
expect_ok
expect_ran "apt-get install -y -q python3-openpyxl"

new_case "export readers, no python3 at all"
give dpkg-query apt-get id
run 'ensure_export_readers'
expect_ok
expect_ran "apt-get install -y -q python3"
expect_ran "apt-get install -y -q libreoffice-calc-nogui"

# --- ensure_node, ensure_python and ensure_npm_tools ---
new_case "python3 absent"
give dpkg-query apt-get id
run 'ensure_python; python3 --version'
expect_ok
expect_ran "apt-get install -y -q python3"

new_case "node and npm absent"
give dpkg-query apt-get id
run 'ensure_npm_tools; test -f "$ROOT/tests/browser/node_modules/.package-lock.json"; node --version'
expect_ok
expect_ran "apt-get install -y -q nodejs npm"
expect_ran "npm ci --no-audit --no-fund --loglevel=error"
expect_said "installing Debian packages: nodejs npm"
expect_said "npm ci"

new_case "npm there, no node_modules"
give dpkg-query apt-get id node npm
run 'ensure_npm_tools'
expect_ok
expect_not_ran "apt-get"
expect_ran "npm ci in $REPO/tests/browser"

new_case "npm tools installed"
give node npm
mkdir -p "$REPO/tests/browser/node_modules"
touch -d '2000-01-01' "$REPO/tests/browser/package-lock.json"
echo '{}' >"$REPO/tests/browser/node_modules/.package-lock.json"
run 'ensure_npm_tools'
expect_ok
expect_not_ran "npm ci"

new_case "npm tools older than package-lock.json"
give node npm
mkdir -p "$REPO/tests/browser/node_modules"
echo '{}' >"$REPO/tests/browser/node_modules/.package-lock.json"
touch -d '2000-01-01' "$REPO/tests/browser/node_modules/.package-lock.json"
run 'ensure_npm_tools'
expect_ok
expect_ran "npm ci"
expect_said "package-lock.json changed"

new_case "npm ci fails"
give node npm
CASE_ENV=(STUB_NPM_FAIL=1)
run 'if ensure_npm_tools; then echo installed; else echo "went on without them"; fi'
expect_ok
check "reports the failure" grep -q "npm ci failed" "$CASE/err"
check "the caller decides (build.sh goes on without wasm-opt)" grep -qx "went on without them" "$CASE/out"

# --- build.sh's sequence on a machine with only cargo and rustup ---
new_case "build.sh's set-up, everything else absent"
give cargo rustup dpkg-query apt-get id
run 'ensure_rust; ensure_bindgen; ensure_python; ensure_node
if ensure_npm_tools && [ -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]; then echo "wasm-opt ready"; fi
wasm-bindgen --version; node --version; python3 --version'
expect_ok
expect_ran "rustup toolchain install nightly"
expect_ran "cargo install wasm-bindgen-cli --version $WANT --locked"
expect_ran "apt-get install -y -q python3"
expect_ran "apt-get install -y -q nodejs npm"
expect_ran "npm ci"
check "wasm-opt from npm is used" grep -qx "wasm-opt ready" "$CASE/out"

# test.sh's set-up: clippy, then the browser packages and the npm tools.
new_case "test.sh's set-up, everything else absent"
give cargo rustup dpkg-query apt-get id
run 'ensure_clippy; ensure_browser; ensure_npm_tools'
expect_ok
expect_ran "rustup component add clippy"
expect_ran "apt-get install -y -q chromium fonts-noto-cjk poppler-utils"
expect_ran "apt-get install -y -q nodejs npm"
expect_ran "npm ci"

echo "installers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
