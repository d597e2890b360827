// Correcting the reading in the page (issue 13): a column read wrongly (here
// set aside, its header 下达数 unknown) is given its role in the 粘贴内容识别情况
// panel, the figures change, the correction survives a reload, and pasting a
// different table drops it.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { closeBrowser, PAGE_URL } from './harness.mjs';
import { open, outDir, paste, recomputed } from './ui-lib.mjs';

after(closeBrowser);

const TSV = '指标名称\t单位\t下达数\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n上交税金\t亿元\t6\t5.27\n';

/** The breakdown row of `name`: unit, value, target, completion. */
async function row(page, name) {
  const cells = await page.$$eval('#breakdown tbody tr', (trs, n) =>
    trs.map((tr) => Array.from(tr.cells, (c) => c.textContent.trim())).find((c) => c[1] === n), name);
  return cells.slice(2, 6);
}

/** The read-back row of column `letter` (A, B, C …): header, role, why, and whether the user set it. */
async function readRow(page, letter) {
  return page.$$eval('#read-columns tbody tr', (trs, l) => {
    const tr = trs.find((t) => t.cells[0].textContent.trim() === l + ' 列');
    return tr && { header: tr.cells[1].textContent, role: tr.cells[2].textContent, why: tr.cells[3].textContent, user: tr.classList.contains('by-user') };
  }, letter);
}

async function reload(page) {
  const before = await page.evaluate(() => Number(document.body.dataset.computed));
  await page.reload();
  await page.waitForFunction(() => Number(document.body.dataset.computed) > 0, null, { timeout: 20000 });
  return before;
}

describe('correcting the reading', () => {
  test('a column set aside is given its role in the page; the figure changes and stays after a reload', async () => {
    const s = await open(PAGE_URL);
    const { page } = s;
    await paste(page, '#data', TSV);
    // As read: 下达数 is not known, so the target is missing and the panel says why.
    const c = await readRow(page, 'C');
    assert.match(c.role, /忽略/);
    assert.match(c.why, /表头未识别/);
    const d = await readRow(page, 'D');
    assert.match(d.why, /累计/, 'the word that decided 1-11月累计');
    const [, value, targetBefore] = await row(page, '技工贸总收入');
    assert.equal(value, '148.2032');
    assert.ok(!/165/.test(targetBefore), targetBefore);

    await recomputed(page, () => page.selectOption('select.fix-role[data-col="3"]', 'target'));
    {
      const r = await row(page, '技工贸总收入');
      assert.deepEqual(r.slice(0, 3), ['亿元', '148.2032', '165']);
      assert.match(r[3], /^89\.82/, 'the completion follows the corrected target');
    }
    const fixed = await readRow(page, 'C');
    assert.equal(fixed.user, true);
    assert.equal(fixed.why, '由用户指定');
    assert.match(fixed.role, /年度目标/);
    await page.locator('#read-box').screenshot({ path: path.join(outDir(), 'read-fix.png') });

    // Kept with the inputs: after a reload the correction and its figure are still there.
    await reload(page);
    assert.equal(await page.inputValue('select.fix-role[data-col="3"]'), 'target');
    {
      const r = await row(page, '技工贸总收入');
      assert.deepEqual(r.slice(0, 3), ['亿元', '148.2032', '165']);
      assert.match(r[3], /^89\.82/, 'the completion follows the corrected target');
    }

    // A unit corrected: the target column was filled in 万元.
    await recomputed(page, () => page.selectOption('select.fix-unit[data-col="3"]', '万元'));
    assert.equal((await row(page, '技工贸总收入'))[2], '0.0165');

    // A different table pasted: its columns are read afresh, the correction is gone.
    await paste(page, '#data', TSV.replace('下达数', '年度目标').replace('指标名称', '指标'));
    assert.equal(await page.inputValue('select.fix-role[data-col="3"]'), '');
    assert.equal((await readRow(page, 'C')).user, false);
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('wuhao.page')).state.readFix), null);
    assert.deepEqual(s.errors, []);
  });
});
