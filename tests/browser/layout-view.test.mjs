// The result in view (issue 15): after a paste, the figures a clerk looks for
// are on screen without scrolling, at the window sizes offices have:
//   1366×768   total, grade, the five dimension scores, the count of problems;
//              with several parks also the ranking's first rows and the chosen park's total
//   1092×500   (an office browser's toolbars at 125 % scaling) at least total and grade
//   1920×1080  all of the above and, for one park, the breakdown's first rows
// Each check is a getBoundingClientRect inside the viewport and below the sticky
// title bar. Screenshots go to /tmp/wuhao-layout/ for a person to look at. Print
// is the other half: the screen-only summary parts must not print.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { closeBrowser, openPage, seedTsv } from './harness.mjs';
import { paste } from './ui-lib.mjs';

after(closeBrowser);

const SHOTS = '/tmp/wuhao-layout';
fs.mkdirSync(SHOTS, { recursive: true });

/** A province-style table: one park a row, twelve parks, one unreadable figure (a problem to count). */
function parks(n) {
  const rows = ['园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t研究开发费用总额（亿元）\t主导产业营业收入占比（%）'];
  for (let i = 0; i < n; i++) rows.push(`园区${i + 1}\t${100 + i}\t${(3 + (i % 7) * 0.5).toFixed(2)}\t${2000 + i}\t${(2 + (i % 5) * 0.3).toFixed(2)}\t${50 + (i % 30)}`);
  rows[3] = rows[3].replace(/\t[\d.]+$/, '\t约六成');
  return rows.join('\n') + '\n';
}

/**
 * Where each selector's elements are, relative to the visible part of the page:
 * { selector, index, ok, rect } with ok when the element has a size and lies
 * wholly inside the viewport, below the sticky title bar.
 */
function placements(page, selectors) {
  return page.evaluate((sels) => {
    const bar = document.getElementById('titlebar').getBoundingClientRect().bottom;
    const out = [];
    for (const sel of sels) {
      const els = Array.from(document.querySelectorAll(sel));
      if (!els.length) out.push({ selector: sel, index: -1, ok: false, rect: null });
      els.forEach((el, index) => {
        const r = el.getBoundingClientRect();
        const ok = r.width > 0 && r.height > 0 && r.top >= bar - 0.5 && r.bottom <= window.innerHeight + 0.5 && r.left >= -0.5 && r.right <= window.innerWidth + 0.5;
        out.push({ selector: sel, index, ok, rect: { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right) } });
      });
    }
    return out;
  }, selectors);
}

async function assertInView(page, selectors, label) {
  const missing = (await placements(page, selectors)).filter((p) => !p.ok);
  assert.deepEqual(missing, [], `${label}: in view without scrolling`);
}

const SIZES = [
  [1366, 768],
  [1092, 500],
  [1920, 1080],
];

/** What must be in view for a case at a size. */
function required(kind, w, h) {
  if (w === 1092) return ['#total', '#grade'];
  const base = ['#total', '#grade', '#summary-problems'];
  const multi = kind === 'multi';
  const dims = multi ? ['#summary-dims li'] : ['#dimensions tbody tr'];
  const ranking = multi ? ['#ranking tbody tr:nth-child(-n+3)'] : [];
  const breakdown = !multi && w === 1920 ? ['#breakdown tbody tr:nth-child(-n+3)'] : [];
  return base.concat(dims, ranking, breakdown);
}

for (const [kind, data] of [['seed', seedTsv], ['multi', () => parks(12)]]) {
  test(`${kind}: after a paste the result is in view at 1366×768, 1092×500 and 1920×1080`, async () => {
    const s = await openPage({ viewport: { width: 1366, height: 768 } });
    const { page } = s;
    await page.waitForFunction(() => Number(document.body.dataset.computed) > 0);
    await paste(page, '#data', data());
    // The paste leaves the caret in the box, at the top of the page: nothing has scrolled.
    assert.equal(await page.evaluate(() => window.scrollY), 0);

    const facts = await page.evaluate(() => ({
      dims: document.querySelectorAll('#dimensions tbody tr').length,
      stripDims: document.querySelectorAll('#summary-dims li').length,
      problems: document.getElementById('summary-problems').textContent,
      listed: document.getElementById('diag-count').textContent,
      rankRows: document.querySelectorAll('#ranking tbody tr').length,
    }));
    assert.equal(facts.dims, 5, 'five dimensions in the table');
    assert.equal(facts.stripDims, 5, 'five dimensions in the summary strip');
    // The summary counts what the list beside the input lists.
    const count = (facts.listed.match(/(\d+)/) || [])[1];
    assert.equal(facts.problems, count ? `${count} 条` : '无');
    if (kind === 'multi') {
      assert.equal(facts.rankRows, 12);
      assert.ok(count && Number(count) > 0, 'the unreadable figure is counted as a problem');
    }

    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SHOTS, `${kind}-${w}x${h}.png`) });
      await assertInView(page, required(kind, w, h), `${kind} at ${w}×${h}`);
    }

    // With several parks the summary is the chosen park's: its name, total and rank.
    if (kind === 'multi') {
      await page.setViewportSize({ width: 1366, height: 768 });
      const chosen = await page.evaluate(() => {
        const sel = document.getElementById('park-select');
        return sel.options[sel.selectedIndex].textContent;
      });
      const label = await page.textContent('#summary .total-box .label');
      assert.match(label, new RegExp(`^${chosen.replace(/^\d+\.\s*/, '')} 总分(（部分得分）)?$`));
    }

    // The problem count leads to the list, which then shows below the title bar.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.click('#summary-problems');
    await page.waitForFunction(() => window.scrollY > 0 || document.getElementById('diag-box').getBoundingClientRect().top < window.innerHeight);
    await assertInView(page, ['#diag-box h3'], `${kind}: the problem list after clicking the count`);

    // Print: the screen-only parts of the summary stay off paper, the total prints once.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const shown = (el) => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
      return {
        problems: shown(document.querySelector('.problems-box')),
        strip: shown(document.getElementById('summary-dims')),
        totals: Array.from(document.querySelectorAll('#total')).filter(shown).length,
        input: shown(document.getElementById('input')),
      };
    });
    assert.deepEqual(printed, { problems: false, strip: false, totals: 1, input: false });
    await page.emulateMedia({ media: 'screen' });
    s.assertClean();
    await s.close();
  });
}

test('below 1000px wide the input comes first and the result follows, each full width', async () => {
  const s = await openPage({ viewport: { width: 900, height: 700 } });
  const { page } = s;
  await page.waitForFunction(() => Number(document.body.dataset.computed) > 0);
  const boxes = await page.evaluate(() => ['input', 'result'].map((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, width: r.width };
  }));
  assert.ok(boxes[1].top >= boxes[0].bottom, 'the result below the input');
  assert.ok(Math.abs(boxes[0].width - boxes[1].width) < 2, 'both full width');
  s.assertClean();
  await s.close();
});
