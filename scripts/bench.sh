#!/usr/bin/env bash
# The performance benchmark (README, "Performance"); not part of scripts/test.sh.
# Builds the page when pkg/wuhao.html is missing (or with --build), then runs
# tests/browser/bench.mjs in headless Debian Chromium with the network blocked
# and prints, in one run: paste-to-report throughput against Papa Parse and uDSV,
# a province-wide paste rendered, a 2,000-enterprise split, cold start against a
# blank page, the page's size, a 10 MB paste (longest task, peak wasm memory), the
# core natively in MB/s (examples/profile_eval.rs), and a table of every target.
#
#   bash scripts/bench.sh                 # 7 timed runs after 2 warm-ups
#   bash scripts/bench.sh --build         # rebuild the page first
#   bash scripts/bench.sh --runs 15 --warmup 3 --rows 20000 --json
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

build=0
rows=20000
pass=()
prev=
for a in "$@"; do
  if [ "$a" = "--build" ]; then build=1; else pass+=("$a"); fi
  if [ "$prev" = "--rows" ]; then rows=$a; fi
  prev=$a
done

ensure_browser || die "could not install chromium and fonts-noto-cjk"
ensure_npm_tools || die "could not install the npm tools (tests/browser)"
if [ "$build" = 1 ] || [ ! -f pkg/wuhao.html ]; then
  say "building the page"
  bash scripts/build.sh
fi
say "the core natively: examples/profile_eval.rs on the same table"
table=$(mktemp)
trap 'rm -f "$table"' EXIT
node tests/browser/bench-data.mjs "$rows" > "$table"
cargo build --quiet --release --example profile_eval
native=$(target/release/examples/profile_eval "$table" 5 | awk '$1 == "native-mbps" { print $2 }')
say "benchmark: pkg/wuhao.html in $(${CHROMIUM_PATH:-/usr/bin/chromium} --version 2>/dev/null || echo chromium)"
node tests/browser/bench.mjs --native-mbps "${native:-NaN}" "${pass[@]+"${pass[@]}"}"
