// Issue 15: every result table is laid out once, in Rust, and what 复制此表 puts on
// the clipboard is what is on screen: the caption, the header and the rows, cell
// for cell, the only difference being the leading quote that defuses text a
// spreadsheet would run as a formula. For a one-park paste, several parks (one
// with a formula-like name) and a paste with a split, every result table on the
// page is read (caption, th, td text) and compared with its copy, read back as
// Excel reads TSV. Real core (pkg/wuhao.html), real clipboard.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { closeBrowser, seedTsv } from './harness.mjs';
import { ROOT, open, paste, pasteJunePark, recomputed } from './ui-lib.mjs';

after(closeBrowser);

/** Reads TSV as Excel pastes it: a field opening with a quote runs to its closing quote ("" is one quote). */
function readTsv(s) {
  const rows = [];
  let row = [];
  let field = '';
  let atStart = true;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (s[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"' && atStart) quoted = true;
    else if (c === '\t') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    atStart = c === '\t' || c === '\r' || c === '\n';
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// What a spreadsheet would take for a formula (export.rs, `inert`): = + - @ or their
// full-width forms, behind blanks or invisible characters; or a leading tab or CR.
const FORMULA = /^(?:[\t\r]|[\s\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\u2212\uFE62\uFE63\uFE66])/;

/** Every visible result table: its key, caption, header texts and row texts, as on screen. */
function screenTables(page) {
  return page.$$eval('#result table.data[data-key]', (tables) =>
    tables
      .filter((t) => t.offsetParent !== null)
      .map((t) => ({
        key: t.dataset.key,
        caption: t.caption ? t.caption.textContent : null,
        head: Array.from(t.tHead.rows[0].cells, (c) => c.textContent),
        rows: Array.from(t.tBodies[0].rows)
          .concat(t.tFoot ? Array.from(t.tFoot.rows) : [])
          .map((tr) => Array.from(tr.cells, (c) => c.textContent)),
      })),
  );
}

/** Clicks the table's own 复制此表 and returns the clipboard's text. */
async function copyOf(page, key) {
  await page.evaluate(() => {
    document.getElementById('status').textContent = '';
    return navigator.clipboard.writeText('');
  });
  await page.click(`.tableblock:has(table[data-key="${key}"]) > button.copy`);
  await page.waitForFunction(() => /已复制/.test(document.getElementById('status').textContent));
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Compares a copied cell with the cell on screen: equal, or the screen's text behind a defusing quote. */
function sameCell(copied, shown, where) {
  if (copied === shown) return;
  assert.ok(FORMULA.test(shown) && copied === "'" + shown, `${where}: copied ${JSON.stringify(copied)}, shown ${JSON.stringify(shown)}`);
}

async function compareAll(page, wantKeys) {
  const tables = await screenTables(page);
  assert.deepEqual(tables.map((t) => t.key), wantKeys, 'the result tables on screen');
  for (const t of tables) {
    const copied = readTsv(await copyOf(page, t.key));
    assert.ok(t.caption && t.caption.length > 4, `${t.key}: a caption on screen`);
    assert.equal(copied.length, 2 + t.rows.length, `${t.key}: caption, header and ${t.rows.length} rows`);
    assert.equal(copied[0].length, 1, `${t.key}: the caption is one cell`);
    sameCell(copied[0][0], t.caption, `${t.key} caption`);
    assert.equal(copied[1].length, t.head.length, `${t.key}: header width`);
    t.head.forEach((h, c) => sameCell(copied[1][c], h, `${t.key} header ${c + 1}`));
    t.rows.forEach((row, r) => {
      assert.equal(copied[r + 2].length, row.length, `${t.key} row ${r + 1} width`);
      row.forEach((cell, c) => sameCell(copied[r + 2][c], cell, `${t.key} row ${r + 1} col ${c + 1}`));
    });
  }
  return tables;
}

// Parts in 万元 against a whole in 亿元; their targets sum to 195 亿元, not 200.
const SPLIT = [
  '技工贸总收入目标分解（按片区）',
  '片区\t指标\t单位\t年度目标\t1-6月累计',
  '板桥片区\t技工贸总收入\t万元\t1000000\t300000',
  '长安片区\t技工贸总收入\t万元\t600000\t320000',
  '=老园区\t技工贸总收入\t万元\t350000\t180000',
].join('\n') + '\n';

describe('复制此表 copies what is on screen, cell for cell', () => {
  test('one park: breakdown (subtotals, total), dimensions, adjustments, progress (in the order shown, also after a sort)', async () => {
    const s = await open(undefined, { clipboard: true });
    const { page } = s;
    await paste(page, '#data', seedTsv());
    await recomputed(page, () => page.selectOption('#period-mode', 'manual'));
    await recomputed(page, () => page.fill('#period-year', '2022'));
    await recomputed(page, () => page.selectOption('#period-month', '11'));
    const tables = await compareAll(page, ['dimensions:0', 'breakdown:0', 'adjustments:0', 'reach:plan:0', 'reach:full:0', 'progress:0']);
    const breakdown = tables.find((t) => t.key === 'breakdown:0');
    // What a statistician checks on paper: the 小计 rows and the 总分 row are there,
    // and the 总分 is the total in the summary.
    assert.equal(breakdown.rows.filter((r) => /小计$/.test(r[0])).length, 5);
    const total = breakdown.rows[breakdown.rows.length - 1];
    assert.equal(total[0], '总分');
    assert.equal(total[7], await page.textContent('#total'));
    assert.ok(breakdown.rows.some((r) => r[1] === '技工贸总收入' && r[3] === '148.2032'), 'the pasted value as printed');
    assert.equal(breakdown.head.join('|'), '维度|指标|单位|实际值|目标值|完成率(%)|分值|得分|失分|计算过程');

    // A click sorts the progress table by 指标; the copy follows the order shown.
    const before = (await screenTables(page)).find((t) => t.key === 'progress:0').rows.map((r) => r[1]);
    await page.click('#progress th[aria-sort]:nth-of-type(2)');
    await page.waitForFunction(() => document.querySelector('#progress th:nth-of-type(2)').getAttribute('aria-sort') === 'ascending');
    const after = await compareAll(page, ['dimensions:0', 'breakdown:0', 'adjustments:0', 'reach:plan:0', 'reach:full:0', 'progress:0']);
    const sorted = after.find((t) => t.key === 'progress:0').rows.map((r) => r[1]);
    assert.notDeepEqual(sorted, before, 'the sort changed the order on screen');
    assert.deepEqual(sorted, before.slice().sort((a, b) => a.localeCompare(b, 'zh-CN')));
    s.assertClean();
    await s.close();
  });

  test('several parks, one named like a formula: the ranking and the chosen park\'s tables', async () => {
    const s = await open(undefined, { clipboard: true });
    const { page } = s;
    await paste(page, '#data', '园区\t技工贸总收入（亿元）\t上交税金（亿元）\n甲园区\t100\t3\n=乙园区\t90\t2\n＋丙园区\t80\t2\n');
    const tables = await compareAll(page, ['ranking', 'dimensions:0', 'breakdown:0', 'adjustments:0', 'reach:full:0', 'progress:0']);
    const ranking = tables.find((t) => t.key === 'ranking');
    // Without targets the three tie; they keep the pasted order, names shown as typed.
    assert.deepEqual(ranking.rows.map((r) => r[1]), ['甲园区', '=乙园区', '＋丙园区']);
    assert.ok(ranking.head.includes('一票否决') && ranking.head.some((h) => /\(满分\d+\)$/.test(h)), ranking.head.join('|'));
    // Another park chosen: its own tables, still copied as shown.
    await recomputed(page, () => page.selectOption('#park-select', '1'));
    await compareAll(page, ['ranking', 'dimensions:1', 'breakdown:1', 'adjustments:1', 'reach:full:1', 'progress:1']);
    s.assertClean();
    await s.close();
  });

  test('a park with a split: the parts and the sum checks too', async () => {
    const s = await open(undefined, { clipboard: true });
    const { page } = s;
    await pasteJunePark(page);
    await paste(page, 'textarea[data-split="0"]', SPLIT);
    const tables = await compareAll(page, ['dimensions:0', 'breakdown:0', 'adjustments:0', 'reach:plan:0', 'reach:full:0', 'progress:0', 'split:0', 'split:0:sums']);
    const parts = tables.find((t) => t.key === 'split:0');
    assert.ok(parts.rows.some((r) => r[0] === '=老园区'), 'a formula-like part name is shown as typed (and copied defused)');
    const sums = tables.find((t) => t.key === 'split:0:sums');
    assert.ok(sums.rows.some((r) => r.includes('不一致')), 'the target mismatch is in the sum checks');
    s.assertClean();
    await s.close();
  });
});

test('no arithmetic on scores in the page\'s renderers', () => {
  // Sums, subtotals and rounding of scores belong to the core; the renderers of
  // result tables only show the core's printed texts.
  const dir = path.join(ROOT, 'www', 'js');
  for (const f of fs.readdirSync(dir).filter((f) => /^(render-(breakdown|dimensions|progress|splits|ranking|summary)|tables|export)\.js$/.test(f))) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const bad of [/sumPts/, /Math\.round/, /\.reduce\(/, /toFixed\(/, /\.score\s*[+-]/, /\+\s*\w+\.score\b/]) {
      assert.ok(!bad.test(src), `${f}: ${bad}`);
    }
  }
});
