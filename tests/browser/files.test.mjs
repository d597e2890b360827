// Opening a spreadsheet file (issue 29, point 1), in the built page: an .xlsx (or
// .xls) chosen with 打开表格文件 or dropped on the page fills the park table with the
// text a paste of its sheet gives (percentages as %, the hidden row left out and
// said), the report is the same as pasting that text, the read-back names the
// file and the sheet, the sheet picker switches sheets, 撤销 undoes it, and a
// broken file gives a message and leaves the table as it was.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { closeBrowser, PAGE_URL, ROOT } from './harness.mjs';
import { open, paste, recomputed } from './ui-lib.mjs';

after(closeBrowser);

const fixture = (name) => readFileSync(path.join(ROOT, 'tests/files', name));
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// What the first sheet of parks.xlsx reads as: the shares at full precision with their %, the hidden park left out.
const PARKS = '园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t研究开发费用总额（亿元）\t主导产业营业收入占比（%）\t高新技术产业营业收入占比（%）\t较大及以上生产安全事故（起）\n' +
  '衡山高新区\t148.2032\t5.27\t4000\t4.99\t63.7%\t63.12%\t0\n南岳经开区\t90\t3.1\t2500\t2.2\t71%\t55%\t1\n耒阳经开区\t120.5\t4.2\t3600\t3.1\t58%\t49%\t0';

/** What the page shows of a report: the ranking and the park's total, grade and breakdown. */
function shown(page) {
  return page.evaluate(() => ['#ranking', '#total', '#grade', '#breakdown'].map((sel) => {
    const el = document.querySelector(sel);
    return el ? el.innerText : null;
  }));
}

describe('opening a spreadsheet file', () => {
  test('打开表格文件 reads the sheet as a paste; the same report; the read-back names file and sheet; sheets switch; 撤销', async () => {
    const s = await open(PAGE_URL);
    const pasted = await open(PAGE_URL);
    try {
      const { page } = s;
      const example = await page.inputValue('#data');
      await recomputed(page, () => page.setInputFiles('#table-file', { name: '园区对比.xlsx', mimeType: XLSX_MIME, buffer: fixture('parks.xlsx') }));
      assert.equal(await page.inputValue('#data'), PARKS);
      const info = await page.textContent('#file-info');
      assert.match(info, /园区对比\.xlsx.*工作表“园区对比”/);
      assert.match(info, /隐藏行/);
      const read = await page.textContent('#read');
      assert.match(read, /已从文件“园区对比\.xlsx”的工作表“园区对比”读取/);
      assert.match(read, /已跳过 1 个隐藏行/);
      assert.ok(!(await page.textContent('#ranking')).includes('隐藏园区'));
      // The same report as pasting the text.
      await paste(pasted.page, '#data', PARKS);
      assert.deepEqual(await shown(page), await shown(pasted.page));
      // Several sheets: the picker lists them and switches.
      assert.deepEqual(await page.$$eval('#file-sheet option', (os) => os.map((o) => o.value)), ['园区对比', '说明']);
      assert.equal(await page.isVisible('#file-sheet'), true);
      await recomputed(page, () => page.selectOption('#file-sheet', '说明'));
      assert.equal(await page.inputValue('#data'), '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032');
      assert.match(await page.textContent('#read'), /工作表“说明”/);
      // Undoable, as a paste over the example is.
      assert.match(await page.textContent('#undo-text'), /打开表格文件“园区对比\.xlsx”的工作表“说明”/);
      await recomputed(page, () => page.click('#btn-undo'));
      assert.equal(await page.inputValue('#data'), PARKS);
      assert.notEqual(PARKS, example);
      assert.deepEqual(s.errors, []);
      s.assertClean();
    } finally {
      await s.close();
      await pasted.close();
    }
  });

  test('a dropped workbook opens; a broken or foreign file says why and leaves the table as it was', async () => {
    const s = await open(PAGE_URL);
    try {
      const { page } = s;
      const bytes = Array.from(fixture('parks.xlsx'));
      await recomputed(page, () => page.evaluate((b) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(b)], 'dropped.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        document.getElementById('summary').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, bytes));
      assert.equal(await page.inputValue('#data'), PARKS);
      assert.match(await page.textContent('#read'), /dropped\.xlsx/);
      for (const [name, want] of [['truncated.xlsx', /已损坏或不完整/], ['image.xlsx', /不是能读取的表格文件/], ['bomb.xlsx', /解压后过大/]]) {
        await page.setInputFiles('#table-file', { name, mimeType: XLSX_MIME, buffer: fixture(name) });
        await page.waitForFunction(() => document.getElementById('file-info').classList.contains('bad'));
        assert.match(await page.textContent('#file-info'), want, name);
        assert.match(await page.textContent('#status'), /输入框中原有的表格未改动/);
        assert.equal(await page.inputValue('#data'), PARKS, `${name} left the table as it was`);
        await page.evaluate(() => { document.getElementById('file-info').className = 'file-info'; });
      }
      // A picture dropped on the page is not a work file either: it says what it is.
      await page.evaluate((b) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(b)], '照片.png', { type: 'image/png' }));
        document.getElementById('summary').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, Array.from(fixture('image.xlsx')));
      await page.waitForFunction(() => document.getElementById('file-info').classList.contains('bad'));
      assert.match(await page.textContent('#file-info'), /照片\.png.*不是能读取的表格文件/);
      assert.equal(await page.inputValue('#data'), PARKS);
      // The same workbook saved as .xls (BIFF8) by LibreOffice reads the same.
      await recomputed(page, () => page.setInputFiles('#table-file', { name: '园区对比.xls', mimeType: 'application/vnd.ms-excel', buffer: fixture('parks.xls') }));
      assert.equal(await page.inputValue('#data'), PARKS);
      assert.match(await page.textContent('#read'), /园区对比\.xls”的工作表“园区对比”/);
      // A GBK CSV, as Excel in China saves one, reads through the browser's decoder.
      await recomputed(page, () => page.setInputFiles('#table-file', { name: 'gbk.csv', mimeType: 'text/csv', buffer: fixture('gbk.csv') }));
      assert.equal(await page.inputValue('#data'), '指标名称\t1-11月累计\n技工贸总收入\t148.2');
      assert.match(await page.textContent('#file-info'), /GB18030/);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });
});
