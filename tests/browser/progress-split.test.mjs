// Issue 5 in the page: a park table with targets and a 片区 split that does not
// add up. The progress table shows each indicator against 时序进度 with its
// status, the split check names the mismatch and the parts that lag, and the
// printout carries both.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser } from './harness.mjs';
import { open, outDir, paste, pasteJunePark, pdfText } from './ui-lib.mjs';
import path from 'node:path';

after(closeBrowser);

// Parts in 万元 against a whole in 亿元; their targets sum to 195 亿元, not 200.
const SPLIT = [
  '技工贸总收入目标分解（按片区）',
  '片区\t指标\t单位\t年度目标\t1-6月累计',
  '板桥片区\t技工贸总收入\t万元\t1000000\t300000',
  '长安片区\t技工贸总收入\t万元\t600000\t320000',
  '老园区\t技工贸总收入\t万元\t350000\t180000',
].join('\n') + '\n';

test('park table and a 片区 split: progress statuses, the sum mismatch, the laggards, on screen and on paper', async () => {
  const s = await open();
  const { page } = s;
  await pasteJunePark(page);
  await paste(page, 'textarea[data-split="0"]', SPLIT);

  const report = await page.evaluate(() => window.wuhao.evaluate({
    data: document.getElementById('data').value,
    period: { year: 2023, month: 6 },
    splits: [document.querySelector('textarea[data-split="0"]').value],
  }));
  const prog = Object.fromEntries(report.parks[0].progress.map((p) => [p.name, p]));
  // 80 ÷ 200 = 40 % against 6 ÷ 12 = 50 %: 10 points behind.
  assert.equal(prog['技工贸总收入'].completion, 40);
  assert.equal(prog['技工贸总收入'].time_progress, 50);
  assert.equal(prog['技工贸总收入'].gap_pp, -10);
  assert.equal(prog['技工贸总收入'].status, '严重低于序时进度');
  assert.equal(prog['上交税金'].status, '超序时进度');
  assert.ok(Math.abs(prog['技工贸总收入'].yoy - 14.2857) < 0.001);

  const split = report.splits[0];
  const bad = split.sums.find((m) => m.what === 'target' && !m.ok);
  assert.ok(bad, 'the parts\' targets (195 亿元) do not add up to the park\'s 200 亿元');
  assert.ok(Math.abs(bad.difference + 5) < 1e-9, `difference ${bad.difference}`);
  assert.equal(split.laggards[0].replace(/（.*）/, ''), '板桥片区', 'the worst part leads the laggards');

  // On screen: the progress rows carry their status text, and the split box shows the mismatch.
  const rows = await page.$$eval('#progress tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.some((r) => r.includes('技工贸总收入') && r.includes('严重低于序时进度')));
  const splitText = await page.textContent('#splits-box');
  assert.match(splitText, /板桥片区/);
  assert.match(splitText, /✗|不符|少/);

  const file = path.join(outDir(), 'progress-split.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
  const text = pdfText(file).replace(/\s+/g, '');
  assert.match(text, /进度调度表/);
  assert.match(text, /严重低于序时进度/);
  assert.match(text, /板桥片区/);
  s.assertClean();
  await s.close();
});

// A county's split by enterprise: 250 parts. The page lists the first 200 with a
// note saying so; 复制此表 still copies every part, as the exports write them.
test('a split of 250 enterprises: the first 200 listed with a note, every part copied', async () => {
  const s = await open(undefined, { clipboard: true });
  const { page } = s;
  await pasteJunePark(page);
  const lines = ['技工贸总收入目标分解（单位：万元）', '企业\t年度目标\t1-6月累计'];
  // 250 parts of 8,000 万元 = 200 亿元, the park's target; each has done 3,200 (40 %).
  for (let i = 1; i <= 250; i++) lines.push(`第${i}号企业有限公司\t8000\t3200`);
  await paste(page, 'textarea[data-split="0"]', lines.join('\n') + '\n');

  const rows = await page.$$eval('#splits-box table[data-key="split:0"] tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
  assert.equal(rows.length, 200, 'the first 200 parts are listed');
  assert.equal(rows[0], '第1号企业有限公司');
  assert.equal(rows[199], '第200号企业有限公司');
  assert.match(await page.textContent('#splits-box .split-listed'), /共 250 个部分，此处列出前 200 个/);
  // The sums count every part: 250 × 8,000 万元 = 200 亿元, the park's target.
  const sums = await page.textContent('#splits-box table[data-key="split:0:sums"]');
  assert.match(sums, /一致/);
  assert.doesNotMatch(sums, /不一致/);

  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('.tableblock:has(table[data-key="split:0"]) > button.copy');
  await page.waitForFunction(() => /已复制/.test(document.getElementById('status').textContent));
  const copied = (await page.evaluate(() => navigator.clipboard.readText())).trim().split(/\r?\n/);
  assert.ok(copied.some((l) => l.startsWith('第250号企业有限公司\t')), 'the copy holds the 250th part');
  assert.equal(copied.filter((l) => /^第\d+号企业有限公司\t/.test(l)).length, 250);
  // The message counts the rows copied (the header and all 250 parts), not the 200 on screen.
  assert.match(await page.textContent('#status'), new RegExp(`已复制（${copied.length} 行）`));
  s.assertClean();
  await s.close();
});
