// node-core-bench.mjs — the shipped module and the page's core.js in this node's V8
// (scripts/bench.sh runs it under node 15, V8 8.6: the engine of Chromium 86, the
// kernel of 360/QQ office browsers): paste to report on a table, in MB/s.
//
// Usage: node scripts/node-core-bench.mjs TABLE.tsv [ROUNDS]   (after scripts/build.sh)
// Prints the rounds on stderr and, last on stdout, `v8-mbps X`.

import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { loadPageCore } from './page-core.mjs';

const file = process.argv[2];
const rounds = Number(process.argv[3] || 3);
if (!file) {
  console.error('usage: node scripts/node-core-bench.mjs TABLE.tsv [ROUNDS]');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const mb = Buffer.byteLength(text, 'utf8') / 1e6;
const { WH } = await loadPageCore();
const api = WH.api;
// The benchmark's request (tests/browser/bench.mjs, section 1): the compact report, as the page asks.
const once = () => {
  const t0 = performance.now();
  const report = api.evaluate({ data: text, today: '2026-11-28', compact: true });
  const ms = performance.now() - t0;
  const c = report.parks_compact;
  return { ms, parks: c ? c.count : report.parks.length };
};
const warm = once();
const times = [];
for (let i = 0; i < rounds; i++) {
  const r = once();
  times.push(r.ms);
  console.error(`  round ${i + 1}: ${r.ms.toFixed(0)} ms, ${r.parks} parks`);
}
times.sort((a, b) => a - b);
const median = times[times.length >> 1];
console.error(`node ${process.version} (V8 ${process.versions.v8}): ${mb.toFixed(2)} MB, ${warm.parks} parks, median ${median.toFixed(0)} ms = ${(mb / (median / 1e3)).toFixed(2)} MB/s`);
console.log(`v8-mbps ${(mb / (median / 1e3)).toFixed(2)} ${process.versions.v8}`);
