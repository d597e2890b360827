// The page a clerk lives in (issue 29), in the built page: a paste over the untouched
// example replaces it wherever the caret is (撤销 brings it back); the section menu
// reaches every section and marks where the reader is; while the results are read, no
// result table needs sideways scrolling at 1366×768 or 1092×500.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { closeBrowser, PAGE_URL, seedTsv } from './harness.mjs';
import { open, paste, recomputed } from './ui-lib.mjs';

after(closeBrowser);

const THREE = '园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t研究开发费用总额（亿元）\t主导产业营业收入占比（%）\t高新技术产业营业收入占比（%）\t较大及以上生产安全事故（起）\n' +
  '衡山高新区\t148.2032\t5.27\t4000\t4.99\t63.7\t63.12\t0\n南岳经开区\t90\t3.1\t2500\t2.2\t71\t55\t1\n耒阳经开区\t120.5\t4.2\t3600\t3.1\t58\t49\t0\n';

/** Tables in view wider than their box (a sideways scroll): [id, scrollWidth, clientWidth]. */
async function overflowing(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('#result .tablewrap'))
    .filter((w) => { const r = w.getBoundingClientRect(); return w.offsetParent && r.bottom > 0 && r.top < window.innerHeight; })
    .filter((w) => w.scrollWidth > w.clientWidth + 1)
    .map((w) => [(w.querySelector('table') || {}).id, w.scrollWidth, w.clientWidth]));
}

describe('the page a clerk lives in', () => {
  test('a paste into the untouched example replaces it wherever the caret is; 撤销 brings the example back', async () => {
    const s = await open(PAGE_URL);
    try {
      const { page } = s;
      const example = await page.$eval('#data', (ta) => ta.value);
      assert.match(example, /^指标名称\t单位\t年度目标/, 'a first visit opens with the example');
      // The caret in the middle of the example, nothing selected: as a clerk clicks in and presses Ctrl+V.
      await page.$eval('#data', (ta) => { ta.focus(); ta.selectionStart = ta.selectionEnd = 40; });
      await paste(page, '#data', seedTsv(), { replace: false });
      assert.equal(await page.$eval('#data', (ta) => ta.value), seedTsv().replace(/\r\n?/g, '\n'), 'the paste replaced the example whole');
      assert.equal(await page.$eval('#park-name', (el) => el.value), '', "the example's park name went with it");
      assert.match(await page.textContent('#undo-text'), /替换示例/);
      // 撤销 brings the example back.
      await recomputed(page, () => page.click('#btn-undo'));
      assert.equal(await page.$eval('#data', (ta) => ta.value), example);
      // A table the clerk edited is no longer the example: a paste goes where the caret is.
      await page.$eval('#data', (ta) => { ta.focus(); ta.value = ta.value + '\n'; ta.dispatchEvent(new Event('input', { bubbles: true })); ta.selectionStart = ta.selectionEnd = ta.value.length; });
      await paste(page, '#data', '新增专利授权\t件\t40\t34', { replace: false });
      assert.match(await page.$eval('#data', (ta) => ta.value), /^指标名称\t单位\t年度目标[\s\S]*\n新增专利授权\t件\t40\t34$/);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });

  test('the section menu reaches each section and marks where the reader is', async () => {
    const s = await open(PAGE_URL);
    try {
      const { page } = s;
      await page.setViewportSize({ width: 1366, height: 768 });
      const labels = await page.$$eval('#sections a:not([hidden])', (as) => as.map((a) => a.textContent));
      for (const want of ['输入', '总览', '问题', '得分明细', '进度', '分解', '提分', '方案']) assert.ok(labels.includes(want), `${want} in ${labels}`);
      for (const [label, id] of [['进度', 'progress-sec'], ['得分明细', 'breakdown-sec'], ['分解', 'splits-sec'], ['方案', 'scheme-panel'], ['问题', 'diag-box'], ['总览', 'summary']]) {
        await page.click(`#sections a[data-section="${id}"]`);
        await page.waitForTimeout(150);
        // The section's heading is in view, below the sticky title bar.
        const top = await page.$eval(`#${id}`, (el) => (el.querySelector('h2, h3, .label') || el).getBoundingClientRect().top);
        const bar = await page.$eval('#titlebar', (el) => el.getBoundingClientRect().bottom);
        assert.ok(top >= bar - 2 && top < 400, `${label}: the section's heading at ${top} (title bar ends at ${bar})`);
        assert.equal(await page.$eval('#sections a.here', (a) => a.textContent), label, `${label} is marked`);
      }
      // The menu stays in view while the page scrolls.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(100);
      const box = await page.$eval('#sections', (el) => el.getBoundingClientRect().top);
      assert.ok(box >= 0 && box < 150, `the menu at ${box}`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });

  for (const [w, h] of [[1366, 768], [1092, 500]]) {
    test(`at ${w}×${h} no result table scrolls sideways while the results are read`, async () => {
      const s = await open(PAGE_URL);
      try {
        const { page } = s;
        await page.setViewportSize({ width: w, height: h });
        for (const data of [null, THREE]) {
          if (data) await paste(page, '#data', data);
          for (const id of ['summary', 'breakdown-sec', 'progress-sec']) {
            await page.click(`#sections a[data-section="${id}"]`);
            await page.waitForTimeout(150);
            // Past the summary the input pane steps aside (at the summary it may stand beside).
            if (id !== 'summary') assert.equal(await page.evaluate(() => document.documentElement.classList.contains('reading')), true, 'the results take the whole width');
            assert.deepEqual(await overflowing(page), [], `${data ? 'three parks' : 'the example'}, at ${id}`);
          }
          // Back to the input: the pane is there again.
          await page.click('#sections a[data-section="input"]');
          await page.waitForTimeout(150);
          assert.equal(await page.$eval('#input', (el) => el.getBoundingClientRect().height > 100), true);
        }
        assert.deepEqual(s.errors, []);
      } finally {
        await s.close();
      }
    });
  }
});

describe('print choices', () => {
  test('打印内容: the ranking alone, the park alone, or all', async () => {
    const { pdfText, outDir } = await import('./ui-lib.mjs');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const s = await open(PAGE_URL);
    try {
      const { page } = s;
      await paste(page, '#data', THREE);
      const printed = async (what) => {
        await page.selectOption('#print-what', what);
        await page.evaluate(() => window.WH.preparePrint());
        await page.emulateMedia({ media: 'print' });
        const file = path.join(outDir(), `clerk-print-${what}.pdf`);
        fs.writeFileSync(file, await page.pdf({ format: 'A4' }));
        await page.emulateMedia({ media: 'screen' });
        return pdfText(file);
      };
      const ranking = await printed('ranking');
      assert.match(ranking, /园区排名表/);
      assert.match(ranking, /南岳经开区/);
      assert.match(ranking, /耒阳经开区/);
      assert.doesNotMatch(ranking, /分项得分明细|进度调度表/, 'the ranking alone');
      assert.match(ranking, /制表人/, 'the sign-off lines stay');
      const park = await printed('park');
      assert.match(park, /分项得分明细/);
      assert.doesNotMatch(park, /园区排名表|园区排名\s*\n/);
      const all = await printed('all');
      assert.match(all, /园区排名/);
      assert.match(all, /分项得分明细/);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });
});
