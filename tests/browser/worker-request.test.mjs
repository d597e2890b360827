// One request for the main thread and the worker (issue 33): a paste above the worker
// threshold (1,000,000 characters) is computed in the worker with the what-if the page
// holds, as a small paste is on the main thread, and the screen agrees with the export.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, PAGE_URL } from './harness.mjs';
import { open, paste, recomputed } from './ui-lib.mjs';

after(closeBrowser);

const HEAD = '园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t主导产业营业收入占比（%）\n';
function parks(n) {
  const rows = [];
  for (let i = 1; i <= n; i++) rows.push(`园区${i}\t${(50 + (i * 37) % 300).toFixed(4)}\t${(2 + (i * 13) % 9).toFixed(2)}\t${1500 + (i * 71) % 5000}\t${(40 + (i * 7) % 45).toFixed(1)}`);
  return HEAD + rows.join('\n') + '\n';
}

test('the what-if reaches the worker: a big paste answers as a small one does, and the export agrees', async () => {
  const s = await open(PAGE_URL);
  try {
    const { page } = s;
    const big = parks(34000);
    assert.ok(big.length > 1000000, `${big.length} characters: above the worker threshold`);
    await paste(page, '#data', big);
    const total = () => page.evaluate(() => {
      const r = window.WH.last().report;
      const p = r.parks_compact;
      const i = p ? p.name.indexOf('园区3') : r.parks.findIndex((x) => x.name === '园区3');
      return p ? p.total[i] : r.parks[i].total;
    });
    const before = await total();
    await recomputed(page, () => page.evaluate(() => window.WH.setWhatIfFigure('园区3', '主导产业营业收入占比', 'value', 80)));
    const after = await total();
    assert.ok(after > before, `园区3 simulated: ${before} -> ${after} (the worker got the what-if)`);
    // The export of the same request: 园区3's total in the ranking is the screen's.
    const exported = await page.evaluate(() => {
      const last = window.WH.last();
      const bytes = window.WH.exportTables(last.request, 'ranking', 'tsv');
      const text = new TextDecoder().decode(bytes);
      const row = text.split('\r\n').find((l) => l.split('\t')[1] === '园区3');
      return row ? Number(row.split('\t')[2]) : null;
    });
    assert.equal(exported, after, 'the export agrees with the screen');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
