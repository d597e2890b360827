// The page's own behaviour, with a stand-in core (ui-fake-core.mjs) so these
// tests pin the UI: paste events, rendering, hostile text, persistence, clear
// and undo, diagnostics, scheme loading, clipboard, print layout. The real
// core's numbers are checked by ui-real.test.mjs against pkg/wuhao.html.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fakePage } from './ui-fake-core.mjs';
import { closeBrowser } from './harness.mjs';
import { open, outDir, paste, pdfImages, pdfPages, pdfText, recomputed } from './ui-lib.mjs';

const TSV = '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n上交税金\t亿元\t6\t5.27\n';
const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  'javascript:window.__pwned=3',
  '</style><style>body{display:none}</style>',
  '"><svg onload="window.__pwned=4">',
];

let site;

before(() => {
  site = fakePage();
});

after(async () => {
  await closeBrowser();
  if (site) fs.rmSync(site.dir, { recursive: true, force: true });
});

async function fresh(opts) {
  return open(site.url, opts);
}

describe('page with a stand-in core', () => {
  test('first visit shows the example computed, labelled 示例目标, with no errors or requests', async () => {
    const { page, context, requests, errors } = await fresh();
    assert.match(await page.inputValue('#data'), /技工贸总收入\t亿元\t165\t148\.2032/);
    assert.notEqual(await page.textContent('#total'), '');
    assert.match(await page.textContent('#summary'), /示例目标/);
    assert.equal(await page.isVisible('#example-note'), true);
    assert.match(await page.textContent('#title-period'), /数据截至 2022年11月/);
    assert.match(await page.textContent('#title-park'), /衡山高新区/);
    const rows = await page.$$eval('#breakdown tbody tr', (trs) => trs.length);
    assert.ok(rows >= 18, `breakdown rows: ${rows}`);
    assert.ok(await page.$('#dims-chart svg rect'), 'dimension chart drawn');
    assert.ok(await page.$('#progress-chart svg rect'), 'progress chart drawn');
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a paste event into the table box is read and shown', async () => {
    const { page, context, errors } = await fresh();
    await paste(page, '#data', TSV);
    assert.equal(await page.inputValue('#data'), TSV);
    const cells = await page.$$eval('#breakdown tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(cells.some((t) => t.includes('技工贸总收入') && t.includes('148.2032') && t.includes('165')), cells.join('\n'));
    assert.equal(await page.isVisible('#example-note'), false, 'the example label goes once the data changes');
    assert.equal(await page.inputValue('#park-name'), '', "the example's park name goes too");
    assert.equal(await page.inputValue('textarea[data-split="0"]'), '', "and the example's invented split");
    assert.equal(await page.inputValue('#period-mode'), 'auto', "and the example's period");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('hostile text in a park name and indicator names is shown as text and runs nothing', async () => {
    const { page, context, errors } = await fresh();
    const scriptsBefore = await page.evaluate(() => document.scripts.length);
    await recomputed(page, () => page.fill('#park-name', HOSTILE[1]));
    const data = '指标名称\t单位\t年度目标\t1-11月累计\n' + HOSTILE.map((h, i) => `${h}\t亿元\t10\t${i + 1}`).join('\n');
    await paste(page, '#data', data);
    const multi = '园区\t' + HOSTILE[0] + '\n' + HOSTILE.map((h, i) => `${h}\t${50 + i}`).join('\n');
    const breakdown = await page.textContent('#breakdown');
    for (const h of HOSTILE) assert.ok(breakdown.includes(h), `shown literally: ${h}`);
    assert.equal(await page.textContent('#title-park'), HOSTILE[1]);
    await paste(page, '#data', multi);
    const ranking = await page.textContent('#ranking');
    for (const h of HOSTILE) assert.ok(ranking.includes(h), `ranking shows literally: ${h}`);
    const svgText = await page.textContent('#ranking-chart');
    assert.ok(svgText.includes('<script>'), 'chart labels are text');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.evaluate(() => document.scripts.length), scriptsBefore);
    assert.equal(await page.$$eval('#result img, #result script, #result iframe, #read img', (n) => n.length), 0);
    assert.equal(await page.isVisible('#result'), true, 'CSS injection did not hide the page');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('several parks: ranking table, chart and a park selector; prints landscape', async () => {
    const { page, context } = await fresh();
    await paste(page, '#data', '园区\t指标甲\t指标乙\n甲园区\t80\t90\n乙园区\t95\t99\n丙园区\t40\t\n');
    assert.equal(await page.isVisible('#ranking'), true);
    const names = await page.$$eval('#ranking tbody tr', (trs) => trs.map((tr) => tr.cells[1].textContent));
    assert.deepEqual(names, ['乙园区', '甲园区', '丙园区']);
    assert.equal(await page.$$eval('#ranking-chart svg rect[fill^="url("]', (n) => n.length), 3);
    const options = await page.$$eval('#park-select option', (o) => o.map((x) => x.textContent));
    assert.equal(options.length, 3);
    await recomputed(page, () => page.selectOption('#park-select', { label: options[2] }));
    assert.match(await page.textContent('#summary'), /丙园区/);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('multi')), true);
    const file = path.join(outDir(), 'ui-multi.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const { width, height } = pdfPages(file);
    assert.ok(width > height, `landscape page: ${width} x ${height}`);
    assert.match(pdfText(file), /五好园区指标评价排名表/);
    await context.close();
  });

  test('reload restores inputs, settings, splits and sort order', async () => {
    const { page, context } = await fresh();
    await paste(page, '#data', TSV);
    await recomputed(page, () => page.fill('#park-name', '测试园区'));
    await recomputed(page, () => page.selectOption('#period-mode', 'manual'));
    await recomputed(page, () => page.fill('#period-year', '2023'));
    await recomputed(page, () => page.selectOption('#period-month', '6'));
    await recomputed(page, () => page.selectOption('#by-days', 'day'));
    await recomputed(page, () => page.fill('#slight-pp', '3'));
    await paste(page, 'textarea[data-split="0"]', '片区分解\t目标\t完成\n东片\t80\t70\n西片\t80\t75\n');
    await page.click('#progress th.sortable:nth-of-type(6)');
    await page.reload();
    await page.waitForFunction(() => Number(document.body.dataset.computed) > 0);
    assert.equal(await page.inputValue('#data'), TSV);
    assert.equal(await page.inputValue('#park-name'), '测试园区');
    assert.equal(await page.inputValue('#period-mode'), 'manual');
    assert.equal(await page.inputValue('#period-year'), '2023');
    assert.equal(await page.inputValue('#period-month'), '6');
    assert.equal(await page.inputValue('#by-days'), 'day');
    assert.equal(await page.inputValue('#slight-pp'), '3');
    assert.match(await page.inputValue('textarea[data-split="0"]'), /东片/);
    assert.match(await page.textContent('#title-period'), /2023年6月/);
    assert.match(await page.textContent('#splits-box'), /东片/);
    assert.equal(await page.getAttribute('#progress th[aria-sort="ascending"]', 'aria-sort'), 'ascending');
    await context.close();
  });

  test('清空 empties the inputs and 撤销 brings them back, also after a reload', async () => {
    const { page, context } = await fresh();
    await paste(page, '#data', TSV);
    await recomputed(page, () => page.click('#btn-clear'));
    assert.equal(await page.inputValue('#data'), '');
    assert.equal(await page.$('#total'), null);
    assert.equal(await page.isVisible('#btn-undo'), true);
    await page.reload();
    await page.waitForFunction(() => Number(document.body.dataset.computed) > 0);
    assert.equal(await page.inputValue('#data'), '', 'a cleared page stays cleared, no example');
    await recomputed(page, () => page.click('#btn-undo'));
    assert.equal(await page.inputValue('#data'), TSV);
    assert.notEqual(await page.textContent('#total'), '');
    assert.equal(await page.isVisible('#btn-undo'), false);
    await context.close();
  });

  test('clicking a diagnostic selects its cell in the pasted text', async () => {
    const { page, context } = await fresh();
    const data = '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t"16\t5"\t148\n上交税金\t亿元\t6\t约五\n';
    await paste(page, '#data', data);
    const items = await page.$$('#diagnostics li button:has-text("不是数字")');
    assert.equal(items.length, 2);
    await items[1].click();
    const sel = await page.evaluate(() => {
      const ta = document.getElementById('data');
      return [document.activeElement === ta, ta.value.slice(ta.selectionStart, ta.selectionEnd)];
    });
    assert.deepEqual(sel, [true, '约五']);
    await items[0].click();
    assert.equal(await page.evaluate(() => {
      const ta = document.getElementById('data');
      return ta.value.slice(ta.selectionStart, ta.selectionEnd);
    }), '"16\t5"');
    // A split's diagnostic selects in that split's box.
    await paste(page, 'textarea[data-split="0"]', '分解\n片区\t年度目标\t完成\n东区\t1\t2\n');
    await page.click('#diagnostics li button:has-text("分解表 1")');
    assert.deepEqual(await page.evaluate(() => {
      const ta = document.activeElement;
      return [ta.dataset.split, ta.value.slice(ta.selectionStart, ta.selectionEnd)];
    }), ['0', '年度目标']);
    await context.close();
  });

  test('a refused scheme shows why and keeps the scheme in use; a good one is used', async () => {
    const { page, context } = await fresh();
    const title = await page.textContent('#scheme-title');
    await page.fill('#scheme-text', '这不是方案 <b>x</b>');
    await page.click('#btn-scheme-load');
    assert.match(await page.textContent('#scheme-diags'), /方案无法识别/);
    assert.match(await page.textContent('#status'), /未载入/);
    assert.equal(await page.textContent('#scheme-title'), title);
    const scheme = await page.evaluate(() => window.wuhao.defaultScheme());
    scheme.name = '<i>自定方案</i>';
    scheme.indicators[1].name = '<img src=x onerror="window.__pwned=5">';
    scheme.dimensions[0].name = '<script>window.__pwned=6</script>';
    await page.fill('#scheme-text', JSON.stringify(scheme));
    await recomputed(page, () => page.click('#btn-scheme-load'));
    assert.equal(await page.textContent('#scheme-title'), '<i>自定方案</i>');
    const schemeText = await page.textContent('#scheme-box');
    assert.ok(schemeText.includes('<img src=x onerror="window.__pwned=5">') && schemeText.includes('<script>window.__pwned=6</script>'));
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.$$eval('#scheme-box img, #scheme-box script', (n) => n.length), 0);
    await recomputed(page, () => page.fill('#scheme-indicators tbody tr:first-child input.num-in', '9').then(() => page.press('#scheme-indicators tbody tr:first-child input.num-in', 'Tab')));
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('wuhao.page')).state.scheme.indicators[0].weight);
    assert.equal(saved, 9);
    await recomputed(page, () => page.click('#btn-scheme-reset'));
    assert.equal(await page.textContent('#scheme-title'), title);

    // 保存方案 downloads the scheme in use as JSON; the file loads back through the file picker.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-scheme-save')]);
    assert.match(download.suggestedFilename(), /\.json$/);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    const saved2 = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    assert.equal(saved2.name, title);
    saved2.name = '文件里的方案';
    await recomputed(page, () => page.setInputFiles('#scheme-file', { name: 's.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved2)) }));
    assert.equal(await page.textContent('#scheme-title'), '文件里的方案');
    assert.match(await page.textContent('#scheme-source'), /文件：s\.json/);
    await context.close();
  });

  test('without the async clipboard API, copying falls back to a hidden textarea and execCommand', async () => {
    const { page, context } = await fresh();
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      window.__copied = null;
      document.addEventListener('copy', () => {
        const el = document.activeElement;
        window.__copied = el && 'value' in el ? el.value.slice(el.selectionStart, el.selectionEnd) : null;
      });
    });
    await page.click('#progress-box button.copy');
    await page.waitForFunction(() => window.__copied !== null);
    // A textarea's value normalises CRLF to LF; Excel and WPS take either.
    // The copy names the table exactly and the row order shown ('@' and the indices).
    assert.match(await page.evaluate(() => window.__copied), /^fake\tprogress:0@[\d,]+\n$/);
    assert.equal(await page.$('textarea.offscreen'), null, 'the helper textarea is removed');
    await context.close();
  });

  test('copy buttons put the core\'s TSV on the clipboard; export downloads a file', async () => {
    const { page, context } = await fresh({ clipboard: true });
    await page.click('#breakdown-box button.copy');
    await page.waitForFunction(() => /已复制/.test(document.getElementById('status').textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'fake\tbreakdown:0@\r\n');
    // Every result table is the core's layout, so every copy button asks the core for it.
    await page.evaluate(() => { document.getElementById('status').textContent = ''; return navigator.clipboard.writeText(''); });
    await page.click('#dims-box button.copy');
    await page.waitForFunction(() => /已复制/.test(document.getElementById('status').textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'fake\tdimensions:0@\r\n');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-xlsx')]);
    assert.match(download.suggestedFilename(), /^衡山高新区-五好园区评价-2022年11月\.xlsx$/);
    await context.close();
  });

  test('a paste too large to lay out is kept in memory, summarised, computed, and replaceable', async () => {
    const { page, context, errors } = await fresh();
    const big = TSV + '\t\n'.repeat(1500000);
    await paste(page, '#data', big);
    assert.equal(await page.isVisible('#big-note'), true);
    assert.equal(await page.isVisible('#data'), false);
    assert.match(await page.textContent('#big-text'), /3\.\d 百万字符/);
    assert.match(await page.textContent('#breakdown'), /148\.2032/);
    await page.reload();
    await page.waitForFunction(() => Number(document.body.dataset.computed) > 0);
    assert.match(await page.textContent('#save-note'), /过大.*未能保存/);
    await paste(page, '#data', TSV);
    assert.equal(await page.isVisible('#data'), true);
    assert.equal(await page.inputValue('#data'), TSV);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('printing: A4 portrait, title, period, page numbers, sign lines, no inputs on paper', async () => {
    const { page, context } = await fresh();
    const file = path.join(outDir(), 'ui-example.pdf');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('#input'), false);
    assert.equal(await page.isVisible('#print-head'), true);
    await page.emulateMedia({ media: null });
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const { pages, width, height } = pdfPages(file);
    assert.ok(Math.abs(width - 595.28) < 2 && Math.abs(height - 841.89) < 2, `A4 portrait: ${width} x ${height}`);
    assert.ok(pages >= 2 && pages <= 4, `pages: ${pages}`);
    const text = pdfText(file);
    for (const want of ['五好园区指标评价得分表', '衡山高新区', '数据截至', '打印日期', '制表人', '审核人', '四舍五入保留两位小数', '示例目标', '分项得分明细', '进度调度表']) {
      assert.ok(text.includes(want), `PDF has ${want}`);
    }
    assert.match(text, new RegExp(`第\\s*1\\s*页\\s*共\\s*${pages}\\s*页`));
    for (const absent of ['数据输入', '复制此表', '载入示例', '评价方案\n']) assert.ok(!text.includes(absent), `PDF lacks ${absent}`);
    pdfImages(file, path.join(outDir(), 'ui-example'));
    await context.close();
  });
});
