#!/usr/bin/env bash
# README command 2 (and all of CI: .ci/run runs exactly this). In order:
#   1. installers            tests/install/installers.test.sh: every ensure_* of
#                            scripts/lib.sh against stub installers (no network)
#   2. cargo test            the Rust core, natively
#   3. clippy                cargo clippy --all-targets -- -D warnings
#   3b. export read-back     every export of representative reports opened by
#                            openpyxl and LibreOffice headless and compared with
#                            the screen's tables (tests/export/readback.py)
#   4. scripts/build.sh      the page, pkg/wuhao.html
#   5. node --test           tests/compat (wasm features, ES2019, CSS, CSP) and
#                            tests/browser (headless Debian Chromium, network blocked)
# Installs what is missing first: clippy, Debian's chromium, CJK fonts,
# poppler-utils, libreoffice-calc-nogui, Python's openpyxl, and the npm test tools pinned in tests/browser/package-lock.json.
# No tool downloads a browser of its own.
# Ends with one line "summary: N passed, N failed" over all stages; exits non-zero
# when anything failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

LOG_DIR="$(mktemp -d)"
trap 'rm -rf "$LOG_DIR"' EXIT
passed=0
failed=0
broken=()

# Adds up the counts that cargo's and node's test runners print.
count_cargo() {
  local p f
  p=$(awk '/^test result: /{for(i=1;i<=NF;i++) if($(i+1) ~ /^passed/) s+=$i} END{print s+0}' "$1")
  f=$(awk '/^test result: /{for(i=1;i<=NF;i++) if($(i+1) ~ /^failed/) s+=$i} END{print s+0}' "$1")
  passed=$((passed + p))
  failed=$((failed + f))
}
count_node() {
  local p f
  p=$(grep -E '^# pass [0-9]+' "$1" | tail -n1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$1" | tail -n1 | awk '{print $3}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}
# The installer test ends with one line "installers: N passed, M failed", the
# export read-back "export-readback: N passed, M failed" (the label is $2).
count_installers() {
  local line p f
  line=$(grep -E "^${2:-installers}: [0-9]+ passed, [0-9]+ failed\$" "$1" | tail -n1)
  p=$(awk '{print $2}' <<<"$line")
  f=$(awk '{print $4}' <<<"$line")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}
summary() {
  echo
  [ ${#broken[@]} -gt 0 ] && echo "failed stages: ${broken[*]}"
  echo "summary: $passed passed, $failed failed"
}

ensure_clippy
ensure_browser || die "could not install chromium, fonts-noto-cjk and poppler-utils"
ensure_npm_tools || die "could not install the npm test tools"
ensure_export_readers

say "installer test (tests/install: scripts/lib.sh against stub installers)"
bash tests/install/installers.test.sh 2>&1 | tee "$LOG_DIR/installers.log"
rc=${PIPESTATUS[0]}
was=$failed
count_installers "$LOG_DIR/installers.log"
if [ "$rc" -ne 0 ]; then
  broken+=("installers")
  [ "$failed" -gt "$was" ] || failed=$((failed + 1))
fi

say "cargo test (the Rust core)"
cargo test 2>&1 | tee "$LOG_DIR/cargo.log"
rc=${PIPESTATUS[0]}
was=$failed
count_cargo "$LOG_DIR/cargo.log"
if [ "$rc" -ne 0 ]; then
  broken+=("cargo-test")
  # A test binary that does not compile counts no failed test; the stage still failed.
  [ "$failed" -gt "$was" ] || failed=$((failed + 1))
fi

say "cargo clippy --all-targets -- -D warnings"
if cargo clippy --all-targets -- -D warnings; then
  passed=$((passed + 1))
else
  broken+=("clippy")
  failed=$((failed + 1))
fi

say "export read-back (openpyxl and LibreOffice open every export; tests/export/readback.py)"
EXPORT_DIR="$LOG_DIR/export-cases"
if cargo run --quiet --example export_cases -- "$EXPORT_DIR"; then
  python3 tests/export/readback.py "$EXPORT_DIR" 2>&1 | tee "$LOG_DIR/readback.log"
  rc=${PIPESTATUS[0]}
else
  rc=1
fi
was=$failed
count_installers "$LOG_DIR/readback.log" export-readback
if [ "$rc" -ne 0 ]; then
  broken+=("export-readback")
  [ "$failed" -gt "$was" ] || failed=$((failed + 1))
fi

say "building the page"
if ! bash scripts/build.sh; then
  broken+=("build")
  failed=$((failed + 1))
  summary
  exit 1
fi

# Every *.test.mjs in tests/compat and tests/browser (the page's ui*.test.mjs
# included); helpers such as harness.mjs are imported by them, not run.
mapfile -t files < <(ls tests/compat/*.test.mjs tests/browser/*.test.mjs 2>/dev/null | sort)
say "node --test: ${#files[@]} files"
node --test --test-reporter=tap --test-concurrency=1 --test-timeout=600000 "${files[@]}" 2>&1 | tee "$LOG_DIR/node.log"
rc=${PIPESTATUS[0]}
was=$failed
count_node "$LOG_DIR/node.log"
if [ "$rc" -ne 0 ]; then
  broken+=("node-tests")
  [ "$failed" -gt "$was" ] || failed=$((failed + 1))
fi

summary
[ ${#broken[@]} -eq 0 ]
