// v8-86-run.mjs — run by tests/compat/v8-86.test.mjs under node 15 (V8 8.6, Chromium
// 86's engine): parses every script the built page runs and evaluates the page's
// example through the shipped module and the page's own core.js. Prints one JSON
// line: { v8, scripts, failures, report }.

import { readFileSync } from 'fs';
import vm from 'vm';
import path from 'path';
import { loadPageCore, exampleRequest, ROOT } from '../../scripts/page-core.mjs';

const html = readFileSync(path.join(ROOT, 'pkg/wuhao.html'), 'utf8');
// Executed inline scripts: no type attribute (data blocks carry one).
const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const failures = [];
scripts.forEach((code, i) => {
  try {
    new vm.Script(code, { filename: `inline-${i}.js` });
  } catch (e) {
    failures.push(`script ${i} (${code.slice(0, 40).replace(/\s+/g, ' ')}): ${e.message}`);
  }
});
const { WH } = await loadPageCore();
const report = WH.evaluateText(Object.assign(exampleRequest(WH), { today: '2026-12-02' })).text;
console.log(JSON.stringify({ v8: process.versions.v8, scripts: scripts.length, failures, report }));
