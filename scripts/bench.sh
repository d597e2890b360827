#!/usr/bin/env bash
# The performance benchmark (README, "Performance"); not part of scripts/test.sh.
# Builds the page when pkg/wuhao.html is missing (or with --build), then runs
# tests/browser/bench.mjs in headless Debian Chromium with the network blocked
# and prints, in one run: paste-to-report throughput against Papa Parse, a
# province-wide paste rendered, cold start, and the page's size.
#
#   bash scripts/bench.sh                 # 7 timed runs after 2 warm-ups
#   bash scripts/bench.sh --build         # rebuild the page first
#   bash scripts/bench.sh --runs 15 --warmup 3 --rows 20000 --json
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

build=0
pass=()
for a in "$@"; do
  if [ "$a" = "--build" ]; then build=1; else pass+=("$a"); fi
done

ensure_browser || die "could not install chromium and fonts-noto-cjk"
ensure_npm_tools || die "could not install the npm tools (tests/browser)"
if [ "$build" = 1 ] || [ ! -f pkg/wuhao.html ]; then
  say "building the page"
  bash scripts/build.sh
fi
say "benchmark: pkg/wuhao.html in $(${CHROMIUM_PATH:-/usr/bin/chromium} --version 2>/dev/null || echo chromium)"
node tests/browser/bench.mjs "${pass[@]+"${pass[@]}"}"
