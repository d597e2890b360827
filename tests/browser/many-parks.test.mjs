// A paste of more parks than the core details at once (over 200): the ranking
// lists them all, and the park chosen in the selector shows its full breakdown.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser } from './harness.mjs';
import { open, paste, recomputed } from './ui-lib.mjs';

after(closeBrowser);

function parks(n) {
  const rows = ['园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t研究开发费用总额（亿元）\t主导产业营业收入占比（%）'];
  for (let i = 0; i < n; i++) rows.push(`园区${i + 1}\t${100 + i}\t${(3 + (i % 7) * 0.5).toFixed(2)}\t${2000 + i}\t${(2 + (i % 5) * 0.3).toFixed(2)}\t${50 + (i % 30)}`);
  return rows.join('\n') + '\n';
}

test('250 parks: all ranked, the selected park detailed', async () => {
  const s = await open();
  const { page } = s;
  await paste(page, '#data', parks(250));
  const report = await page.evaluate(() => window.wuhao.evaluate({ data: document.getElementById('data').value }));
  assert.equal(report.parks.length, 250);
  assert.equal(report.parks.filter((p) => p.detailed).length, 1, 'automation gets one detailed park above 200');
  assert.ok(report.diagnostics.some((d) => /共 250 个园区/.test(d.message)));
  // Every park is ranked on its printed total.
  const ranks = report.parks.map((p) => p.rank);
  assert.equal(Math.min(...ranks), 1);
  for (const p of report.parks) {
    const better = report.parks.filter((q) => q.total > p.total).length;
    assert.equal(p.rank, better + 1, `rank of ${p.name}`);
  }

  // On screen: the leading 200 are listed, with a note pointing to the exports for the rest.
  assert.equal(await page.locator('#ranking tbody tr').count(), 200);
  assert.match(await page.textContent('#ranking-note'), /共 250 个园区/);
  const options = await page.$$eval('#park-select option', (os) => os.map((o) => ({ value: o.value, text: o.textContent })));
  assert.equal(options.length, 200);

  // Choose the 200th in the selector: its own indicators appear, with its computations.
  const pick = options[options.length - 1];
  const chosen = report.parks[Number(pick.value)];
  await recomputed(page, () => page.selectOption('#park-select', pick.value));
  const rows = await page.$$eval('#breakdown tbody tr:not(.subtotal)', (trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
  const income = rows.find((c) => c[1] === '技工贸总收入');
  assert.ok(income, 'the breakdown lists the chosen park\'s indicators');
  assert.equal(income[3], String(100 + Number(pick.value)));
  assert.equal(await page.textContent('#total'), chosen.total.toFixed(2));
  const intensity = rows.find((c) => c[1] === '研发投入强度');
  assert.match(intensity[9], new RegExp(String(100 + Number(pick.value))), 'the computation uses the chosen park\'s own figures');
  s.assertClean();
  await s.close();
});
