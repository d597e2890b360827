// Parks pasted with their 市州 show the group and the rank within it in the ranking (issue 13, class 5).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeBrowser, PAGE_URL } from './harness.mjs';
import { open, paste } from './ui-lib.mjs';

after(closeBrowser);

const DATA = '市州\t园区名称\t主导产业营业收入占比（%）\n衡阳市\t衡山高新区\t40\n\t耒阳经开区\t60\n湘潭市\t湘潭天易经开区\t65\n\t湘乡经开区\t30\n';

test('the ranking shows each park\u2019s group and its rank within it', async () => {
  const s = await open(PAGE_URL);
  try {
    const { page } = s;
    await paste(page, '#data', DATA);
    const table = await page.evaluate(() => {
      const t = document.getElementById('ranking');
      const head = Array.from(t.querySelectorAll('thead th')).map((th) => th.textContent.trim());
      const rows = Array.from(t.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.cells).map((td) => td.textContent.trim()));
      return { head, rows };
    });
    const gi = table.head.findIndex((h) => h.startsWith('分组'));
    const ri = table.head.findIndex((h) => h.startsWith('组内排名'));
    assert.ok(gi > 0 && ri > 0, `group columns in ${table.head.join('|')}`);
    const byName = Object.fromEntries(table.rows.map((r) => [r[1], [r[gi], r[ri]]]));
    assert.deepEqual(byName['耒阳经开区'], ['衡阳市', '1']);
    assert.deepEqual(byName['衡山高新区'], ['衡阳市', '2']);
    assert.deepEqual(byName['湘潭天易经开区'], ['湘潭市', '1']);
    assert.deepEqual(byName['湘乡经开区'], ['湘潭市', '2']);
    s.assertClean();
  } finally {
    await s.close();
  }
});
