// Cold start (issue 14): a first visit shows the example's report from the copy the
// build wrote into the page (scripts/example-report.mjs) before the module is even
// decoded, and once the module is ready the live report must be that copy to the
// byte, so nothing is drawn twice; a page whose copy is wrong is redrawn with the
// live report; a returning visit (saved inputs) computes live as before.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { closeBrowser, openPage, PAGE_PATH } from './harness.mjs';

after(closeBrowser);

const embedded = () => {
  const html = readFileSync(PAGE_PATH, 'utf8');
  const m = html.match(/<script type="application\/json" id="wuhao-example">([\s\S]*?)<\/script>/);
  assert.ok(m && m[1], 'the built page carries the example\'s report');
  return { html, block: m[1], data: JSON.parse(m[1]) };
};

/** Waits until the page compared the live report with the embedded one. */
const settled = (page) => page.waitForFunction(() => window.wuhao.coldStart && window.wuhao.coldStart.same !== null, null, { timeout: 20000 });

test('a first visit shows the build\'s copy of the example\'s report before the module, and the live report is the same', async () => {
  const { data } = embedded();
  const s = await openPage();
  const { page } = s;
  await settled(page);
  const r = await page.evaluate(() => {
    const at = (n) => (performance.getEntriesByName(n)[0] || {}).startTime;
    return {
      cold: window.wuhao.coldStart,
      computed: document.body.dataset.computed,
      rendered: at('wuhao-rendered'),
      decode: at('wuhao-wasm-decode'),
      total: document.getElementById('total').textContent,
      rows: document.querySelectorAll('#breakdown tbody tr').length,
    };
  });
  assert.deepEqual(r.cold, { embedded: true, same: true }, 'the live report equals the embedded one');
  assert.equal(r.computed, '1', 'the report was drawn once');
  assert.ok(r.rendered < r.decode, `the report was on screen (${r.rendered} ms) before the module was decoded (${r.decode} ms)`);
  // The embedded report is the example's: its total is what the page shows.
  const report = JSON.parse(data.report);
  assert.equal(report.parks.length, 1);
  assert.match(r.total, new RegExp(report.parks[0].total.toFixed(2).replace('.', '\\.')));
  assert.ok(r.rows >= 15, `${r.rows} breakdown rows`);
  // The same request through the public API gives the same figures.
  const live = await page.evaluate(() => {
    const req = Object.assign({ detail: 0, compact: true }, window.WH.buildRequest());
    return window.wuhao.evaluate(req).parks[0].total;
  });
  assert.equal(live, report.parks[0].total);
  s.assertClean();
  await s.close();
});

test('a wrong embedded copy is replaced by the live report', async () => {
  const { html, block, data } = embedded();
  const report = JSON.parse(data.report);
  const truth = report.parks[0].total;
  report.parks[0].total = 12.34;
  const forged = JSON.stringify(Object.assign({}, data, { report: JSON.stringify(report) })).replace(/</g, '\\u003c');
  const dir = mkdtempSync(path.join(tmpdir(), 'wuhao-cold-'));
  const file = path.join(dir, 'wuhao.html');
  writeFileSync(file, html.replace(block, () => forged));
  const s = await openPage({ url: pathToFileURL(file).href });
  const { page } = s;
  await settled(page);
  const r = await page.evaluate(() => ({ cold: window.wuhao.coldStart, computed: document.body.dataset.computed, total: document.getElementById('total').textContent }));
  assert.deepEqual(r.cold, { embedded: true, same: false });
  assert.equal(r.computed, '2', 'drawn from the copy, then redrawn from the live report');
  assert.doesNotMatch(r.total, /12\.34/);
  assert.match(r.total, new RegExp(truth.toFixed(2).replace('.', '\\.')));
  s.assertClean();
  await s.close();
});

test('a returning visit computes its saved inputs live', async () => {
  const s = await openPage();
  const { page } = s;
  await settled(page);
  // Another paste, saved; the reload must show it, not the example.
  await page.evaluate(() => {
    window.WH.state.data = '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t100\t50\n';
    window.WH.state.example = false;
    window.WH.saveState();
  });
  await page.reload();
  await page.waitForFunction(() => window.wuhao && window.wuhao.ready);
  await page.evaluate(() => window.wuhao.ready.then(() => true));
  await page.waitForFunction(() => Number(document.body.dataset.computed) > 0);
  const r = await page.evaluate(() => ({ cold: window.wuhao.coldStart, rows: document.querySelectorAll('#breakdown tbody tr').length, data: document.getElementById('data').value }));
  assert.equal(r.cold, null, 'the embedded example is not used for saved inputs');
  assert.match(r.data, /技工贸总收入\t亿元\t100\t50/);
  s.assertClean();
  await s.close();
});
