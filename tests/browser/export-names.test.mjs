// Exports say whose they are (issue 16, point 6): the request carries the park's
// name (park_name), and the park's name, the period and the scheme are in the
// title rows of the CSV, in the .xlsx (title row and document properties) and in
// the file names; full-width ＝＋－＠ and formulas behind invisible characters are
// defused like ASCII ones. Real core (pkg/wuhao.html).

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { closeBrowser } from './harness.mjs';
import { open, paste, recomputed } from './ui-lib.mjs';

after(closeBrowser);

const TSV = '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n上交税金\t亿元\t6\t5.27\n';

async function downloaded(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return { name: d.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

describe('exports say whose they are', () => {
  test('one park: the typed name, period and scheme in the CSV and xlsx title rows, properties and file names', async () => {
    const s = await open();
    const { page } = s;
    await paste(page, '#data', TSV);
    await recomputed(page, () => page.fill('#park-name', '湘潭园区'));
    await recomputed(page, () => page.selectOption('#period-mode', 'manual'));
    await recomputed(page, () => page.fill('#period-year', '2022'));
    await recomputed(page, () => page.selectOption('#period-month', '11'));
    const scheme = await page.evaluate(() => window.wuhao.defaultScheme().name);
    const csv = await downloaded(page, '#btn-csv');
    assert.match(csv.name, /^湘潭园区-五好园区评价-2022年11月\.csv$/);
    const text = csv.bytes.toString('utf8');
    // A partial total says so in the title, before the period and the scheme.
    assert.ok(new RegExp(`湘潭园区得分明细(（部分得分[^）]*）)?（数据截至2022年11月，评价方案：${scheme.replace(/[()（）]/g, '.')}）`).test(text), text.slice(0, 200));
    assert.match(text, /^1,湘潭园区,/m, 'the ranking row names the park');
    assert.ok(!/本园区/.test(text));
    const xlsx = await downloaded(page, '#btn-xlsx');
    assert.match(xlsx.name, /^湘潭园区-五好园区评价-2022年11月\.xlsx$/);
    const raw = xlsx.bytes.toString('utf8');
    assert.ok(/<dc:title>湘潭园区五好园区评价(（部分得分[^）]*）)?（数据截至2022年11月，评价方案：/.test(raw), 'document title');
    assert.ok(/湘潭园区得分明细(（部分得分[^）]*）)?（数据截至2022年11月/.test(raw), 'title row of the sheet');
    s.assertClean();
    await s.close();
  });

  test('several parks: 园区排名 with the period; full-width and hidden formulas are defused', async () => {
    const s = await open();
    const { page } = s;
    const data = '园区\t技工贸总收入（亿元）\t上交税金（亿元）\n＝HYPERLINK("http://x")\t100\t3\n\u200B=1+1\t90\t2\n＠SUM(A1)\t80\t2\n';
    await paste(page, '#data', data);
    const csv = await downloaded(page, '#btn-csv');
    assert.match(csv.name, /^园区排名-五好园区评价-\d{4}年\d{1,2}月\.csv$/);
    const text = csv.bytes.toString('utf8');
    assert.match(text, /园区排名（数据截至\d{4}年\d{1,2}月，评价方案：/);
    assert.ok(text.includes(`"'＝HYPERLINK(""http://x"")"`), 'full-width ＝ defused');
    // The reader drops invisible characters from park names (two names differing
    // only by them are one park), so the name arrives as =1+1 and is defused so.
    assert.ok(text.includes("'=1+1") && !/(^|,)=1\+1/m.test(text), 'formula behind a zero-width space defused');
    assert.ok(text.includes("'＠SUM(A1)"), 'full-width ＠ defused');
    s.assertClean();
    await s.close();
  });
});
