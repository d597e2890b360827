// page-core.mjs — the shipped module and the page's own core.js, run in node.
//
// Loads pkg/wuhao.js (the wasm-bindgen glue), the page scripts that build and
// send a request (www/js/base.js, core.js, state.js, example.js, read-fix.js,
// inputs.js, whatif.js) and pkg/wuhao_bg.wasm into one vm context with a stub
// document, so node runs exactly the page's evaluation: used by
// scripts/example-report.mjs (the example's report the build writes into the
// page) and by scripts/bench.sh (the core in V8 8.6, node 15). Plain ES2019 and
// node 15's API: it runs under both.

import { readFileSync } from 'fs';
import path from 'path';
import vm from 'vm';
import { fileURLToPath } from 'url';
import { performance } from 'perf_hooks';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const PAGE_SCRIPTS = ['base.js', 'core.js', 'state.js', 'example.js', 'read-fix.js', 'inputs.js', 'whatif.js'];

/**
 * The page's `WH` namespace in a fresh context, its module compiled and ready
 * (`WH.startCore()` resolved). The module goes in as plain bytes (node before 18
 * has no DecompressionStream), the same module the page inflates.
 */
export async function loadPageCore({ pkg = path.join(ROOT, 'pkg') } = {}) {
  const wasm = readFileSync(path.join(pkg, 'wuhao_bg.wasm'));
  const stubDocument = {
    currentScript: null,
    readyState: 'complete',
    getElementById: () => null,
    getElementsByTagName: () => [],
    addEventListener: () => {},
  };
  const sandbox = {
    console,
    performance,
    setTimeout,
    clearTimeout,
    TextEncoder,
    TextDecoder,
    document: stubDocument,
    WUHAO_WASM_BASE64: wasm.toString('base64'),
    atob: (s) => Buffer.from(s, 'base64').toString('latin1'),
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  const run = (file) => vm.runInContext(readFileSync(file, 'utf8'), sandbox, { filename: file });
  run(path.join(pkg, 'wuhao.js'));
  for (const f of PAGE_SCRIPTS) run(path.join(ROOT, 'www/js', f));
  const WH = sandbox.WH;
  await WH.startCore();
  return { WH, wasmBytes: wasm.length };
}

/**
 * The request the page sends on a first visit (controller.js, `pageRequest`
 * after `loadExample`): the example's paste, name, period and split with the
 * page's default settings.
 */
export function exampleRequest(WH) {
  WH.state = WH.sanitizeState(null);
  // Loading the example outside the page: no input boxes to fill, nothing to recompute.
  WH.syncInputs = () => {};
  WH.changed = () => {};
  WH.loadExample();
  let req = WH.buildRequest();
  if (WH.withWhatIf) req = WH.withWhatIf(req);
  return Object.assign({ detail: WH.state.parkIndex }, req);
}
