// Issue 17: the official 评价办法 table pasted as the scheme. The page shows each
// 评分标准 beside how it was read, marks the rule it could not read and the
// points left 待定, scores a park with it, lets the clerk pick a method for the
// pending rule, and keeps the scheme in a library by name and year.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { closeBrowser, PAGE_URL, ROOT } from './harness.mjs';
import { open, outDir, paste, recomputed } from './ui-lib.mjs';

/** The grade the page shows: a partial total's is 未定级 with the grade its scored part reaches beside it. */
const shownGrade = (page) => page.evaluate(() => {
  const note = document.querySelector('.grade-box .partial-note');
  return note ? note.textContent.replace('已计分部分为', '') : document.getElementById('grade').textContent.trim();
});

after(closeBrowser);

const TABLE = fs.readFileSync(path.join(ROOT, 'tests/rules/official-table.tsv'), 'utf8');
const PARK = fs.readFileSync(path.join(ROOT, 'tests/rules/official-park.tsv'), 'utf8');

describe('official rules in prose', () => {
  test('pasting the official table shows each rule beside its reading, scores the park, and the pending rule can be corrected and saved', async () => {
    const s = await open(PAGE_URL);
    const { page } = s;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.fill('#scheme-text', TABLE);
    await recomputed(page, () => page.click('#btn-scheme-load'));
    assert.match(await page.textContent('#status'), /已载入方案.*13 条评分标准.*1 项指标（6 分）的评分标准未能读懂/);

    const rows = page.locator('#scheme-readings tbody tr');
    assert.equal(await rows.count(), 13, '11 indicators, the bonus row and the grades row');
    const row = (name) => rows.filter({ has: page.locator('td:nth-child(1)', { hasText: name }) });
    assert.match(await row('技工贸总收入').textContent(), /每低1个百分点扣0\.2分.*读作：满分 15 分；完成率每低 1 个百分点扣 0\.2 分，最低 0 分.*差额计分/);
    assert.match(await row('上交税金').textContent(), /按各园区排名，第 1 名得 10 分，每后移一位减 0\.5 分.*排名计分/);
    const pending = row('高新技术企业培育');
    assert.equal(await pending.getAttribute('class'), 'rule-pending');
    assert.match(await pending.textContent(), /原表第 9 行.*参照上年度办法执行.*未能读懂/);
    assert.match(await page.textContent('#scheme-pending'), /共 1 项指标、6 分待定/);

    // One park scored with the pasted rules: the average and the rank come from its own rows.
    await paste(page, '#data', PARK);
    assert.equal((await page.textContent('#total')).trim(), '78.50');
    assert.equal(await shownGrade(page), '良好');
    assert.match(await page.textContent('#breakdown'), /待定：评分标准未能读懂/);
    assert.match(await page.textContent('#diagnostics'), /共 1 项指标、6 分待定/);
    // The link beside a rule selects its cell in the pasted table.
    await pending.locator('button.linklike').click();
    const selected = await page.evaluate(() => {
      const ta = document.getElementById('scheme-text');
      return ta.value.slice(ta.selectionStart, ta.selectionEnd);
    });
    assert.equal(selected, '参照上年度办法执行');

    // The clerk picks a method for the pending rule: it is no longer pending.
    const select = page.locator('#scheme-indicators select[aria-label="高新技术企业培育 计分方法"]');
    await recomputed(page, () => select.selectOption('completion'));
    assert.match(await page.textContent('#scheme-pending'), /每条评分标准都已读出/);
    assert.match(await row('高新技术企业培育').textContent(), /已人工改为：完成率法/);
    assert.match(await page.textContent('#scheme-source'), /粘贴的方案/);

    await page.screenshot({ path: path.join(outDir(), 'rules-scheme-panel.png'), fullPage: false });
    await page.locator('#scheme-readings').screenshot({ path: path.join(outDir(), 'rules-readings.png') });

    // Kept in the library by name and year, and picked again after the built-in scheme.
    await page.fill('#scheme-lib-name', '示例评价办法');
    await page.fill('#scheme-lib-year', '2025');
    await page.click('#btn-scheme-lib-save');
    assert.match(await page.textContent('#status'), /已存入方案库：示例评价办法（2025 年）/);
    await recomputed(page, () => page.click('#btn-scheme-reset'));
    assert.equal(await page.locator('#scheme-readings').count(), 0);
    await page.selectOption('#scheme-lib-list', { label: '示例评价办法（2025 年）' });
    await recomputed(page, () => page.click('#btn-scheme-lib-use'));
    assert.match(await page.textContent('#scheme-title'), /示例评价办法（2025 年）/);
    assert.equal(await page.locator('#scheme-readings tbody tr').count(), 13);
    assert.match(await page.textContent('#scheme-pending'), /每条评分标准都已读出/);
    s.assertClean();
    await s.close();
  });
});
