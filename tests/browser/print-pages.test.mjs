// The printed ranking (issue 16, point 5): for 1, 30, 50, 150 and 200 parks every
// PDF page has content (no blank page, no page holding only a heading), and page 1
// has the ranking's first rows under the title. Long tables repeat their header on
// each page and the ranking chart breaks between captioned parts. Real core
// (pkg/wuhao.html); the PDF is read page by page with pdftotext, and its pages
// are rendered to PNG in tests/browser/out for a person to look at.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { closeBrowser } from './harness.mjs';
import { open, outDir, paste, pdfImages, pdfPages } from './ui-lib.mjs';

after(closeBrowser);

function parks(n) {
  const rows = ['园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t研究开发费用总额（亿元）\t主导产业营业收入占比（%）'];
  for (let i = 0; i < n; i++) rows.push(`园区${i + 1}\t${100 + i}\t${(3 + (i % 7) * 0.5).toFixed(2)}\t${2000 + i}\t${(2 + (i % 5) * 0.3).toFixed(2)}\t${50 + (i % 30)}`);
  return rows.join('\n') + '\n';
}

const pageText = (file, p) => execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' });

describe('printed ranking', () => {
  for (const n of [1, 30, 50, 150, 200]) {
    test(`${n} park${n > 1 ? 's' : ''}: every page has content, page 1 starts with the ranking`, async () => {
      const s = await open();
      const { page } = s;
      await paste(page, '#data', parks(n));
      const headings = await page.$$eval('#result h2, #result h3, .chart-cap', (els) => els.map((e) => e.textContent.trim()).filter(Boolean));
      const first = await page.evaluate(() => {
        const row = document.querySelector('#ranking tbody tr');
        return row ? row.cells[1].textContent : null;
      });
      const file = path.join(outDir(), `print-${n}.pdf`);
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
      const { pages } = pdfPages(file);
      for (let p = 1; p <= pages; p++) {
        const lines = pageText(file, p).split('\n').map((l) => l.trim()).filter((l) => l && !/^第\s*\d+\s*页\s*共\s*\d+\s*页$/.test(l));
        const content = lines.filter((l) => !headings.includes(l));
        assert.ok(content.length > 0, `page ${p} of ${pages} has content beyond headings: ${JSON.stringify(lines)}`);
      }
      const one = pageText(file, 1);
      if (n > 1) {
        assert.match(one, /五好园区指标评价排名表/);
        assert.match(one, /园区排名/);
        assert.ok(first && new RegExp(`\\b1\\s+${first}\\s`).test(one), `page 1 has the first ranked park ${first}`);
        // The ranking table's header is repeated on every page it spans.
        const rankPages = [];
        for (let p = 1; p <= pages; p++) if (/排名\s+园区\s+总分/.test(pageText(file, p))) rankPages.push(p);
        assert.ok(n < 50 || rankPages.length > 1, `the long table spans pages with its header: ${rankPages}`);
      } else {
        assert.match(one, /五好园区指标评价得分表/);
      }
      if (n === 150) pdfImages(file, path.join(outDir(), 'print-150'));
      s.assertClean();
      await s.close();
    });
  }
});
