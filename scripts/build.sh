#!/usr/bin/env bash
# README command 1: builds the page. Installs what is missing, compiles the
# release wasm for old office browsers, and writes pkg/wuhao.html, one file that
# needs nothing else (double-click it; no server, no network).
#
# Contract between this build and the page in www/ (also in UI-CONTRACT.md):
#   pkg/wuhao.js       wasm-bindgen `--target no-modules` glue. A classic script that
#                      declares the global `wasm_bindgen` (a top-level `let`, so it is
#                      reached by that bare name, not as window.wasm_bindgen):
#                      `wasm_bindgen({ module_or_path: bytes })` returns a Promise that
#                      instantiates the module from bytes (WebAssembly.instantiate, never
#                      fetch); `wasm_bindgen.initSync({ module: bytes })` also exists.
#   pkg/wuhao_wasm.js  `var WUHAO_WASM_BASE64 = "…";` the final .wasm, gzipped, as base64
#                      (www/js/core.js inflates it with DecompressionStream).
#   pkg/wuhao_bg.wasm  the same module as a file, for tools only; the page never loads it.
#   pkg/wuhao_example.json  the example's report, scheme and version as the page's first
#                      visit would compute them (scripts/example-report.mjs), inlined as a
#                      data block the page shows before its module is compiled.
#   pkg/wuhao.html     www/index.html with every tag marked `data-inline` replaced by the
#                      file it names (paths relative to www/), and a Content-Security-Policy
#                      meta put first in <head> (scripts/inline.py has the policy).
# www/index.html loads the same pkg/ files with <script src="../pkg/…">, so it also works
# from disk after a build.
#
# Environment: CARGO_TARGET_DIR is honoured; WUHAO_PAGE names another source page
# (default www/index.html); WUHAO_NIGHTLY another nightly toolchain name; WUHAO_FEATURES
# cargo features (only for measurement builds).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PAGE_SRC="${WUHAO_PAGE:-$ROOT/www/index.html}"
[ -f "$PAGE_SRC" ] || die "$PAGE_SRC not found"

ensure_rust
ensure_bindgen
ensure_python
ensure_node
WASM_OPT=""
if ensure_npm_tools && [ -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]; then
  WASM_OPT="$TOOLS_DIR/node_modules/.bin/wasm-opt"
fi

# Stable Rust's std for wasm32 is compiled with reference-types and multi-value,
# and wasm-bindgen then emits externref, which Chromium before 96 cannot run.
# Rebuilding std on nightly for the MVP CPU plus the features Chromium 75+ has
# gives a module that 360安全浏览器 / QQ浏览器 (Chromium 86 kernels) run.
# RUSTFLAGS with --target apply to the wasm only, not to proc-macros or build scripts.
FEATURES="+bulk-memory,+sign-ext,+nontrapping-fptoint,+mutable-globals"
export RUSTFLAGS="-C target-cpu=mvp -C target-feature=$FEATURES"
unset CARGO_ENCODED_RUSTFLAGS

say "building the release wasm (nightly, -Zbuild-std, target-cpu=mvp)"
# WUHAO_FEATURES: cargo features for this build only (scripts/bench.sh --boundary
# builds a measurement page with `boundary-bench`); the shipped page has none.
cargo +"$NIGHTLY" build --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort ${WUHAO_FEATURES:+--features "$WUHAO_FEATURES"}

TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')" ||
  die "cannot find cargo's target directory (cargo metadata failed)"
WASM="$TARGET_DIR/wasm32-unknown-unknown/release/wuhao.wasm"
[ -f "$WASM" ] || die "cargo did not produce $WASM"

mkdir -p pkg
rm -f pkg/wuhao.js pkg/wuhao_bg.wasm pkg/wuhao_wasm.js pkg/wuhao_example.json pkg/wuhao.html
say "wasm-bindgen $(bindgen_version) --target no-modules"
wasm-bindgen --target no-modules --no-typescript --out-dir pkg "$WASM"

if [ -n "$WASM_OPT" ]; then
  say "wasm-opt -Oz (binaryen from npm)"
  before=$(stat -c %s pkg/wuhao_bg.wasm)
  # The feature flags keep wasm-opt inside the same set the validator allows.
  if "$WASM_OPT" -Oz --mvp-features --enable-bulk-memory --enable-sign-ext \
      --enable-nontrapping-float-to-int --enable-mutable-globals \
      --strip-debug --strip-producers pkg/wuhao_bg.wasm -o pkg/wuhao_bg.opt.wasm; then
    after=$(stat -c %s pkg/wuhao_bg.opt.wasm)
    if [ "$after" -lt "$before" ]; then
      mv pkg/wuhao_bg.opt.wasm pkg/wuhao_bg.wasm
      echo "wasm-opt: $before -> $after bytes" >&2
    else
      rm -f pkg/wuhao_bg.opt.wasm
    fi
  else
    rm -f pkg/wuhao_bg.opt.wasm
    echo "warning: wasm-opt failed; shipping the unoptimized module" >&2
  fi
else
  echo "warning: binaryen's wasm-opt unavailable; shipping the unoptimized module" >&2
fi

say "checking the module against the Chromium 86 feature set"
node tests/compat/wasm-features.mjs pkg/wuhao_bg.wasm

python3 - <<'EOF'
import base64, gzip, pathlib
wasm = pathlib.Path("pkg/wuhao_bg.wasm").read_bytes()
# gzip first: the page inflates it with DecompressionStream (Chromium 80+), and
# the base64 of the gzipped module is about 40 % of the raw module's.
packed = gzip.compress(wasm, compresslevel=9, mtime=0)
b64 = base64.b64encode(packed).decode("ascii")
pathlib.Path("pkg/wuhao_wasm.js").write_text(
    "/* Generated by scripts/build.sh: the wasm module gzipped, as base64, so no page ever fetches a .wasm. */\n"
    f'var WUHAO_WASM_BASE64 = "{b64}";\n',
    encoding="ascii",
)
EOF

say "the example's report, computed by this module through the page's core.js"
# The page shows it on a first visit before its module is compiled (www/js/core.js,
# embeddedReport); an empty file (the report moved with the date) leaves it out.
node scripts/example-report.mjs pkg/wuhao_example.json

say "inlining $(realpath --relative-to="$ROOT" "$PAGE_SRC") into pkg/wuhao.html"
python3 scripts/inline.py "$PAGE_SRC" pkg/wuhao.html

size=$(stat -c %s pkg/wuhao.html)
wasm_size=$(stat -c %s pkg/wuhao_bg.wasm)
echo
echo "Page: $ROOT/pkg/wuhao.html"
echo "Size: $size bytes ($((size / 1024)) KiB; wasm $wasm_size bytes before base64)"
echo "Open it from disk in any Chromium 86+ browser: file://$ROOT/pkg/wuhao.html"
