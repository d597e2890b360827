// Pasting the text/html form Excel and WPS put on the clipboard: merged cells
// expanded as the plain form has them, values at full precision (x:num), no
// script or request from the pasted HTML, and the read-back saying which form
// was read. Issue 13, "the clipboard's richer form".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeBrowser, PAGE_URL } from './harness.mjs';
import { open, paste } from './ui-lib.mjs';

after(closeBrowser);

// As Excel writes a copied range: a two-row header with a year merged over its
// roles and names merged down, x:num beside the displayed (rounded) text, a line
// break inside a header cell; plus hostile extras that must stay inert.
const HTML = `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><!--StartFragment-->
<table border=0 cellpadding=0 cellspacing=0>
 <tr height=19><td rowspan=2 class=xl65>指标</td><td rowspan=2>单位</td><td colspan=2 class=xl66>2022年</td><td>2021年</td></tr>
 <tr><td>年度<br>目标</td><td>1-11月</td><td>1-11月</td></tr>
 <tr><td>技工贸总收入</td><td>亿元</td><td x:num="150">150</td><td x:num="148.20320000000001">148.20</td><td x:num>118.2</td></tr>
 <tr><td>主导产业营业收入占比</td><td>%</td><td x:num="0.7">70%</td><td x:num="0.63719200000000003">63.72%</td><td></td></tr>
 <tr><td>新增专利授权</td><td>件</td><td x:num="1200">1,200</td><td x:num="1038">1,038</td><td x:num="2021-11-30">2021/11/30</td></tr>
</table><!--EndFragment--><script>window.__ran = 1</script><img src="http://example.invalid/x.png" onerror="window.__ran = 2"></body></html>`;

const PLAIN = '指标\t单位\t2022年\t\t2021年\n\t\t"年度\n目标"\t1-11月\t1-11月\n技工贸总收入\t亿元\t150\t148.20\t118.2\n';

test('an Excel HTML paste is read with its merged cells and full precision', async () => {
  const s = await open(PAGE_URL);
  try {
    const { page } = s;
    await paste(page, '#data', PLAIN, { html: HTML });

    const text = await page.inputValue('#data');
    assert.equal(text, [
      '指标\t单位\t2022年\t\t2021年',
      '\t\t"年度\n目标"\t1-11月\t1-11月',
      '技工贸总收入\t亿元\t150\t148.2032\t118.2',
      '主导产业营业收入占比\t%\t70%\t63.7192%',
      '新增专利授权\t件\t1,200\t1,038\t2021/11/30',
      '',
    ].join('\n'), 'merged cells as text then blanks, full precision where the display rounded');

    const note = await page.textContent('#read .read-form');
    assert.match(note, /合并单元格 3 处/);
    assert.match(note, /2 个数值按完整精度取值/);

    // The report says which form was read; the plain form is used when there is no table.
    const form = await page.evaluate(() => window.wuhao.evaluate({ data: 'x', data_form: { form: 'html', merged: 3, precise: 2 } }).read.clipboard);
    assert.deepEqual(form, { form: 'html', merged: 3, precise: 2 });
    const plainOnly = await page.evaluate((plain) => {
      const out = window.WuhaoClipboard.fromHtml('<p>no table</p>');
      return [out, window.WuhaoClipboard.fromHtml('<table><tr><td>a</td><td colspan=2>b</td><td>c</td></tr></table>').text, plain.length];
    }, PLAIN);
    assert.equal(plainOnly[0], null);
    assert.equal(plainOnly[1], 'a\tb\t\tc\n');

    assert.equal(await page.evaluate(() => window.__ran), undefined, 'nothing in the pasted HTML ran');
    // The CSP refusing the pasted HTML's onerror handler says so on the console: that is the defence working.
    const refused = s.consoleErrors.filter((e) => /^Executing inline event handler violates the following Content Security Policy/.test(e));
    s.consoleErrors.splice(0, s.consoleErrors.length, ...s.consoleErrors.filter((e) => !refused.includes(e)));
    s.assertClean();
  } finally {
    await s.close();
  }
});
