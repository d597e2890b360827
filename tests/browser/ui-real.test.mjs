// The built page (pkg/wuhao.html, or WUHAO_UI_PAGE) with the real Rust core:
// the numbers on screen and on paper are the core's and add up, a paste goes
// through, hostile text stays text under the real reader, the exports are real
// files, and a diagnostic click finds the cell the core names.

import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { closeBrowser, PAGE_URL, seedTsv } from './harness.mjs';
import { open, outDir, paste, pdfImages, pdfPages, pdfText, recomputed } from './ui-lib.mjs';

const URL = process.env.WUHAO_UI_PAGE ? pathToFileURL(path.resolve(process.env.WUHAO_UI_PAGE)).href : PAGE_URL;

after(closeBrowser);

/** Opens the page and checks the real core reads the example (never skips: the core is merged). */
async function session(t, opts) {
  const s = await open(URL, opts);
  const parks = await s.page.evaluate(() => window.wuhao.evaluate({ data: document.getElementById('data').value }).parks.length);
  assert.equal(parks, 1, 'the core reads the example as one park');
  return s;
}

function cents(text) {
  return Math.round(Number(String(text).trim()) * 100);
}

describe('page with the real core', () => {
  test('the example: total and grade are the core\'s, and every subtotal adds up from the printed figures', async (t) => {
    const s = await session(t);
    const { page } = s;
    const report = await page.evaluate(() =>
      window.wuhao.evaluate({ data: document.getElementById('data').value, period: { year: 2022, month: 11 } }),
    );
    const park = report.parks[0];
    assert.equal(await page.textContent('#total'), park.total.toFixed(2));
    // A partial total (the example lacks 已开发面积 and a typed score) is not graded; its scored part's grade stands beside.
    assert.equal(await page.textContent('#grade'), park.unscored_items > 0 ? '未定级' : park.grade);
    const row = await page.$$eval('#breakdown tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)).find((c) => c[1] === '技工贸总收入'),
    );
    // 完成率 is in percent, said once in its header (完成率(%)), as the copy says it.
    assert.deepEqual(row.slice(2, 6), ['亿元', '148.2032', '165', '89.82']);

    // Dimension subtotals in the breakdown are sums of the indicator scores above them.
    const groups = await page.$$eval('#breakdown tbody tr', (trs) => {
      const out = [];
      let cur = [];
      for (const tr of trs) {
        const cells = Array.from(tr.cells, (c) => c.textContent);
        if (tr.classList.contains('subtotal')) {
          out.push({ scores: cur, subtotal: cells[cells.length - 3] });
          cur = [];
        } else cur.push(cells[7]);
      }
      return out;
    });
    assert.equal(groups.length, 5);
    for (const g of groups) assert.equal(g.scores.reduce((a, x) => a + cents(x), 0), cents(g.subtotal), JSON.stringify(g));
    const dims = await page.$$eval('#dimensions tbody tr', (trs) => trs.map((tr) => tr.cells[2].textContent));
    const sum = await page.$eval('#dimensions tfoot tr', (tr) => tr.cells[2].textContent);
    assert.equal(dims.reduce((a, x) => a + cents(x), 0), cents(sum));
    assert.deepEqual(dims, groups.map((g) => g.subtotal));
    s.assertClean();
    await s.close();
  });

  test('pasting the seed table shows its values', async (t) => {
    const s = await session(t);
    const { page } = s;
    await paste(page, '#data', seedTsv());
    // Leaving the example resets its period; the seed's year is set by hand.
    assert.equal(await page.inputValue('#period-mode'), 'auto');
    await recomputed(page, () => page.selectOption('#period-mode', 'manual'));
    await recomputed(page, () => page.fill('#period-year', '2022'));
    await recomputed(page, () => page.selectOption('#period-month', '11'));
    const text = await page.textContent('#breakdown');
    for (const v of ['技工贸总收入', '148.2032', '63.7', '研发投入强度']) assert.ok(text.includes(v), v);
    assert.match(await page.textContent('#title-period'), /2022年11月/);
    s.assertClean();
    await s.close();
  });

  test('hostile names through the real reader are shown as text and run nothing', async (t) => {
    const s = await session(t);
    const { page } = s;
    const bad = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', 'javascript:window.__pwned=3'];
    await paste(page, '#data', '指标名称\t单位\t1-11月累计\n技工贸总收入\t亿元\t148\n' + bad.map((b) => `${b}\t亿元\t1`).join('\n'));
    const read = await page.textContent('#read');
    for (const b of bad) assert.ok(read.includes(b), `listed as unmatched: ${b}`);
    await paste(page, '#data', '园区\t技工贸总收入\t上交税金\n' + bad.map((b, i) => `${b}\t${100 + i}\t${5 + i}`).join('\n'));
    if (await page.isVisible('#ranking')) {
      const ranking = await page.textContent('#ranking');
      for (const b of bad) assert.ok(ranking.includes(b), `ranking shows ${b}`);
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.$$eval('#result img, #read img, #result script', (n) => n.length), 0);
    s.assertClean();
    await s.close();
  });

  test('exports: .xlsx is a zip, CSV has a BOM, a copied table pastes as TSV', async (t) => {
    const s = await session(t, { clipboard: true });
    const { page } = s;
    const bytes = async (button) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const chunks = [];
      for await (const c of await d.createReadStream()) chunks.push(c);
      return { name: d.suggestedFilename(), data: Buffer.concat(chunks) };
    };
    const xlsx = await bytes('#btn-xlsx');
    assert.match(xlsx.name, /\.xlsx$/);
    assert.equal(xlsx.data.subarray(0, 2).toString('latin1'), 'PK');
    const csv = await bytes('#btn-csv');
    assert.deepEqual([...csv.data.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(csv.data.toString('utf8').includes('技工贸总收入'));
    await page.click('#breakdown-box button.copy');
    await page.waitForFunction(() => /已复制/.test(document.getElementById('status').textContent));
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    const lines = tsv.split(/\r?\n/);
    assert.ok(lines.some((l) => l.split('\t').length >= 8 && l.includes('技工贸总收入') && l.includes('148.2032')), tsv.slice(0, 400));
    // 复制表格 in the action bar copies every result table at once.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.click('#btn-copy');
    await page.waitForFunction(() => /已复制全部/.test(document.getElementById('status').textContent));
    const all = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(all.length > tsv.length && all.includes('序时进度'), all.slice(0, 400));
    s.assertClean();
    await s.close();
  });

  test('editing weights in the scheme panel recomputes; a refused edit says so; 恢复内置方案 restores', async (t) => {
    const s = await session(t);
    const { page } = s;
    const before = await page.textContent('#total');
    const weight = (name) => page.locator('#scheme-indicators tbody tr')
      .filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${name}$`) }) })
      .locator('input.num-in').first();
    const set = (name, v) => recomputed(page, async () => {
      await weight(name).fill(String(v));
      await weight(name).press('Tab');
    });
    // Moving a point inside 产业项目好 keeps the weights valid and changes the total.
    await set('技工贸总收入', 7);
    await set('固定资产投资增速', 4);
    assert.notEqual(await page.textContent('#total'), before);
    assert.match(await page.textContent('#scheme-source'), /已修改/);
    // Weights that no longer add up are refused by the core, and the page says so.
    await set('固定资产投资增速', 0);
    assert.match(await page.textContent('#summary'), /所选方案有误/);
    await recomputed(page, () => page.click('#btn-scheme-reset'));
    assert.equal(await page.textContent('#total'), before);
    assert.doesNotMatch(await page.textContent('#summary'), /所选方案有误/);
    await s.close();
  });

  test('the scheme copied as a table loads back as the same scheme', async (t) => {
    const s = await session(t, { clipboard: true });
    const { page } = s;
    assert.ok(await page.isVisible('#btn-scheme-copy'), 'the core exports schemeTable, so the button shows');
    const before = await page.textContent('#total');
    await page.click('#btn-scheme-copy');
    await page.waitForFunction(() => /已复制方案表格/.test(document.getElementById('status').textContent));
    const table = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(table, /技工贸总收入/);
    await page.fill('#scheme-text', table);
    await recomputed(page, () => page.click('#btn-scheme-load'));
    assert.match(await page.textContent('#status'), /已载入方案/);
    assert.match(await page.textContent('#scheme-source'), /粘贴的方案/);
    assert.equal(await page.textContent('#total'), before, 'the same scheme gives the same total');
    s.assertClean();
    await s.close();
  });

  test('a diagnostic from the core selects the cell it names', async (t) => {
    const s = await session(t);
    const { page } = s;
    await paste(page, '#data', '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2\n上交税金\t亿元\t6\tabc\n');
    const diag = await page.evaluate(() =>
      window.wuhao.evaluate({ data: document.getElementById('data').value }).diagnostics.find((d) => d.row && d.col && d.cell),
    );
    assert.ok(diag, 'the core reports the bad cell with its position');
    await page.locator('#diagnostics button', { hasText: diag.message }).first().click();
    const selected = await page.evaluate(() => {
      const ta = document.getElementById('data');
      return ta.value.slice(ta.selectionStart, ta.selectionEnd);
    });
    assert.equal(selected.trim(), diag.cell.trim());
    await s.close();
  });

  test('a 10 MB paste shows the busy state, computes within 15 s, and the page takes input again', async (t) => {
    const s = await session(t);
    const { page } = s;
    await page.evaluate(() => {
      window.__busySeen = false;
      new MutationObserver(() => {
        if (!document.getElementById('busy').hidden) window.__busySeen = true;
      }).observe(document.getElementById('busy'), { attributes: true });
    });
    const started = Date.now();
    await paste(page, '#data', '指标名称\t单位\t年度目标\t1-11月累计\n' + '技工贸总收入\t亿元\t165\t148.2032\n'.repeat(400000));
    const ms = Date.now() - started;
    assert.ok(ms < 15000, `10 MB paste took ${ms} ms`);
    assert.equal(await page.evaluate(() => window.__busySeen), true, 'the busy state was shown');
    assert.equal(await page.isVisible('#big-note'), true);
    await paste(page, '#data', seedTsv());
    assert.match(await page.textContent('#breakdown'), /148\.2032/);
    await s.close();
  });

  test('the printout: A4, title, period, total, page numbers, sign lines; pages written as images', async (t) => {
    const s = await session(t);
    const { page } = s;
    const total = await page.textContent('#total');
    const file = path.join(outDir(), 'ui-real.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const { pages, width, height } = pdfPages(file);
    assert.ok(width < height && Math.abs(height - 842) < 3, `A4 portrait: ${width} x ${height}`);
    assert.ok(pages >= 1 && pages <= 4, `pages: ${pages}`);
    const text = pdfText(file);
    for (const want of ['五好园区指标评价得分表', '衡山高新区', '2022年11月', total, '制表人', '审核人', '示例目标', '技工贸总收入']) {
      assert.ok(text.includes(want), `PDF has ${want}`);
    }
    assert.match(text, new RegExp(`第\\s*${pages}\\s*页\\s*共\\s*${pages}\\s*页`));
    pdfImages(file, path.join(outDir(), 'ui-real'));
    await s.close();
  });
});
