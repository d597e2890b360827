// 提分空间 and 模拟 (issue 18) in the real page: the example park's points to 良好 and its
// plan, simulating the plan and single figures (marked 模拟 on screen and on paper), the
// pasted text and its saved copy never changed, the what-if kept over a reload, one click
// back to the pasted figures, and the optional printed 提分空间 page.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { closeBrowser } from './harness.mjs';
import { open, outDir, pdfText, recomputed } from './ui-lib.mjs';

/** The grade the page shows: a partial total's is 未定级 with the grade its scored part reaches beside it. */
const shownGrade = (page) => page.evaluate(() => {
  const note = document.querySelector('.grade-box .partial-note');
  return note ? note.textContent.replace('已计分部分为', '') : document.getElementById('grade').textContent.trim();
});

after(closeBrowser);

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('wuhao.page')).state);
const text = (page, sel) => page.$eval(sel, (e) => e.textContent);
const visible = (page, sel) => page.$eval(sel, (e) => !e.hidden && e.offsetParent !== null);

describe('提分空间 and 模拟', () => {
  test('the example park: 0.94 to 良好, the plan simulated, the paste untouched, kept over a reload, restored', async () => {
    const s = await open();
    const { page } = s;
    // The first visit opens with the example (衡山高新区 2022 1–11月, 74.06 合格).
    assert.equal(await shownGrade(page), '合格');
    assert.ok(await visible(page, '#reach-sec'));
    const reach = await text(page, '#reach-box');
    assert.match(reach, /距良好还差 0\.94 分/);
    const plan = await page.$$eval('#reach-plan tbody tr', (rows) => rows.map((r) => [r.cells[1].textContent, r.cells[4].textContent]));
    assert.deepEqual(plan, [['技工贸总收入', '164.9'], ['主导产业营业收入占比', '65.16']]);
    assert.equal(await visible(page, '#whatif-banner'), false);

    const pasted = await page.$eval('#data', (t) => t.value);
    const savedBefore = (await stored(page)).data;
    assert.equal(savedBefore, pasted);

    await recomputed(page, () => page.click('#btn-apply-plan'));
    assert.equal(await shownGrade(page), '良好', 'the plan reaches 良好');
    assert.ok(await visible(page, '#whatif-banner'));
    assert.match(await text(page, '#whatif-banner'), /模拟.*技工贸总收入/);
    // Marked in the breakdown too.
    const marked = await page.$$eval('#breakdown tr.simulated', (rows) => rows.map((r) => r.cells[1].textContent));
    assert.deepEqual(marked.sort(), ['主导产业营业收入占比（模拟）', '技工贸总收入（模拟）']);
    // The pasted text and the saved paste are unchanged; the what-if is saved beside them.
    assert.equal(await page.$eval('#data', (t) => t.value), pasted);
    const st = await stored(page);
    assert.equal(st.data, savedBefore);
    assert.deepEqual(st.whatIf.values, { 技工贸总收入: { value: 164.9 }, 主导产业营业收入占比: { value: 65.16 } });

    // One more figure, typed into the 模拟 panel: 进出口额 32 gives it full marks (5).
    await recomputed(page, async () => {
      await page.fill('#whatif-table input[data-name="进出口额"][data-field="value"]', '32');
      await page.press('#whatif-table input[data-name="进出口额"][data-field="value"]', 'Enter');
      await page.$eval('#whatif-table input[data-name="进出口额"][data-field="value"]', (e) => e.blur());
    });
    const trade = await page.$$eval('#breakdown tbody tr', (rows) => rows.filter((r) => r.cells[1].textContent.startsWith('进出口额')).map((r) => r.cells[7].textContent));
    assert.deepEqual(trade, ['5.00']);

    // A reload keeps the what-if (saved with the inputs).
    await page.reload();
    await page.waitForFunction(() => Number(document.body.dataset.computed) > 0);
    assert.equal(await shownGrade(page), '良好');
    assert.ok(await visible(page, '#whatif-banner'));
    assert.equal(await page.$eval('#data', (t) => t.value), pasted);

    // On paper: the banner says 模拟; the optional 提分空间 page prints when asked.
    const plain = path.join(outDir(), 'reach-off.pdf');
    await page.pdf({ path: plain, preferCSSPageSize: true, printBackground: true });
    const off = pdfText(plain);
    assert.match(off, /模拟/);
    assert.doesNotMatch(off, /提分空间/);
    await page.check('#print-reach');
    const withReach = path.join(outDir(), 'reach-on.pdf');
    await page.pdf({ path: withReach, preferCSSPageSize: true, printBackground: true });
    const on = pdfText(withReach);
    assert.match(on, /提分空间/);
    assert.match(on, /各项指标达到满分所需/);
    assert.equal((await stored(page)).printReach, true);

    // 恢复粘贴数据: back to 74.06 合格, nothing marked.
    await recomputed(page, () => page.click('#btn-whatif-reset'));
    assert.equal(await shownGrade(page), '合格');
    assert.equal(await text(page, '#total'), '74.06');
    assert.equal(await visible(page, '#whatif-banner'), false);
    assert.equal(await page.$$eval('#breakdown tr.simulated', (r) => r.length), 0);
    assert.deepEqual((await stored(page)).whatIf.values, {});
    s.assertClean();
    await s.close();
  });

  test('全年预计: flows are projected, the pasted text is not', async () => {
    const s = await open();
    const { page } = s;
    const pasted = await page.$eval('#data', (t) => t.value);
    await recomputed(page, () => page.check('#whatif-projected'));
    assert.match(await text(page, '#whatif-banner'), /按全年预计/);
    // 技工贸总收入 148.2032 ÷ 11 × 12 = 161.6762: scored 8 × 161.6762 ÷ 165 = 7.84.
    const row = await page.$$eval('#breakdown tbody tr', (rows) => rows.filter((r) => r.cells[1].textContent.startsWith('技工贸总收入')).map((r) => [r.cells[3].textContent, r.cells[7].textContent]));
    assert.deepEqual(row, [['161.6762', '7.84']]);
    assert.equal(await page.$eval('#data', (t) => t.value), pasted);
    s.assertClean();
    await s.close();
  });
});
