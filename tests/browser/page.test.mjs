// The page as a newcomer meets it: opened from disk with the network blocked, it
// loads the wasm, exposes the automation contract (window.wuhao) and shows the
// built-in example already computed, without a single error or request. Checked
// for the shipped single file and for the development page in www/.

import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, closeBrowser, jsonCheck, seedTsv, crateVersion, PAGE_URL, DEV_URL } from './harness.mjs';

after(closeBrowser);

const PAGES = [
  ['pkg/wuhao.html (the shipped single file)', PAGE_URL],
  ['www/index.html (the development page, loading ../pkg/)', DEV_URL],
];

for (const [name, url] of PAGES) {
  test(`${name}: ready, contract and example, with no error and no request`, async () => {
    const s = await openPage({ url });
    try {
      const { page } = s;

      assert.equal(await page.evaluate(() => window.wuhao.version), crateVersion(), 'wuhao.version is the crate version');

      const request = { data: seedTsv(), period: { year: 2022, month: 11 } };
      const { value: report, problems } = await jsonCheck(page, (r) => window.wuhao.evaluate(r), request);
      assert.deepEqual(problems, [], 'evaluate returns plain JSON: no NaN, Infinity, undefined or class instances');
      assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'the report survives a JSON round trip unchanged');
      assert.deepEqual({ year: report.period.year, month: report.period.month }, { year: 2022, month: 11 });
      assert.ok(Array.isArray(report.diagnostics), 'report.diagnostics is a list');
      assert.equal(report.parks.length, 1, 'the seed paste is one park');
      const park = report.parks[0];
      for (const key of ['name', 'total', 'grade', 'rank', 'veto', 'dimensions', 'indicators', 'progress']) {
        assert.ok(key in park, `park has ${key}`);
      }
      assert.equal(typeof park.total, 'number', 'park.total is a number');

      const scheme = await jsonCheck(page, () => window.wuhao.defaultScheme());
      assert.deepEqual(scheme.problems, []);
      assert.ok(Array.isArray(scheme.value.indicators) && scheme.value.indicators.length > 0, 'the default scheme has indicators');

      // The built-in example is computed and shown without any click.
      try {
        await page.waitForFunction(() => {
          const total = document.getElementById('total');
          const table = document.getElementById('breakdown');
          return total && total.textContent.trim() !== '' && table && table.querySelectorAll('tr td').length > 0;
        }, null, { timeout: 15000 });
      } catch (e) {
        const seen = await page.evaluate(() => ({
          total: document.getElementById('total') ? document.getElementById('total').outerHTML.slice(0, 300) : 'no #total',
          breakdown: document.getElementById('breakdown') ? document.getElementById('breakdown').outerHTML.slice(0, 300) : 'no #breakdown',
          state: document.documentElement.dataset.state,
        }));
        assert.fail(`the example was not rendered: ${JSON.stringify(seen)}; console: ${s.consoleMessages.join(' | ')}`);
      }
      const shown = await page.evaluate(() => ({
        total: document.getElementById('total').textContent.trim(),
        rows: document.querySelectorAll('#breakdown tr').length,
      }));
      assert.match(shown.total, /\d/, 'the total shows a number');
      assert.ok(shown.rows > 1, 'the breakdown table has rows');

      s.assertClean();
    } finally {
      await s.close();
    }
  });
}

test('the shipped page carries the no-network Content-Security-Policy', async () => {
  const s = await openPage({ url: PAGE_URL });
  try {
    const csp = await s.page.evaluate(() => {
      const m = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      return m ? { content: m.content, first: document.head.firstElementChild === m } : null;
    });
    assert.ok(csp, 'a CSP meta exists');
    assert.match(csp.content, /default-src 'none'/);
    assert.match(csp.content, /connect-src 'none'/);
    assert.ok(csp.first, 'the CSP meta is the first element in <head>, before anything it governs');
    // The policy is enforced: a fetch from the page is refused before any request.
    const outcome = await s.page.evaluate(() => fetch('https://example.invalid/x').then(() => 'fetched', (e) => `refused: ${e.name}`));
    assert.match(outcome, /^refused/);
    assert.deepEqual(s.requests, [], 'the refused fetch never became a request');
    assert.deepEqual(s.pageErrors, []);
    assert.ok(s.consoleErrors.every((e) => /Content Security Policy/i.test(e)), `only the CSP refusal was logged: ${s.consoleErrors.join(' | ')}`);
    assert.ok(s.consoleErrors.length >= 1, 'the refusal was logged');
  } finally {
    await s.close();
  }
});

test('a whole session on one page (paste, evaluate, print, export, copy) requests nothing', async () => {
  const s = await openPage({ url: PAGE_URL });
  try {
    const { page, context } = s;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const computed = () => page.evaluate(() => Number(document.body.dataset.computed));
    await page.waitForFunction(() => Number(document.body.dataset.computed) > 0, null, { timeout: 15000 });

    // Paste: a real paste event carrying the seed table, as from Excel.
    const before = await computed();
    await page.evaluate((text) => {
      const ta = document.getElementById('data');
      ta.focus();
      ta.select();
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, seedTsv());
    await page.waitForFunction((b) => Number(document.body.dataset.computed) > b, before, { timeout: 15000 });

    // Evaluate through the contract, with a scheme as text and a split.
    await page.evaluate(() => {
      const scheme = JSON.stringify(window.wuhao.defaultScheme());
      return window.wuhao.evaluate({ data: document.getElementById('data').value, scheme, splits: ['片区\t技工贸总收入\n东区\t1'] });
    });

    // Print: the button (headless Chromium cannot show the print dialog, so
    // window.print only counts here), then a real print to PDF.
    await page.evaluate(() => {
      window.__prints = 0;
      window.print = () => { window.__prints += 1; };
    });
    await page.click('#btn-print');
    assert.equal(await page.evaluate(() => window.__prints), 1, 'the print button prints');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000, 'printing produced a PDF');
    await page.emulateMedia({ media: 'screen' });

    // Export: each download is a blob: URL made in the page.
    for (const id of ['#btn-xlsx', '#btn-csv']) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click(id)]);
      assert.match(download.url(), /^(blob|data):/, `${id} downloads from the page itself`);
      assert.equal(await download.failure(), null);
    }
    await page.click('#btn-copy');

    s.assertClean();
    assert.ok(s.allRequests.every((u) => /^(file|data|blob):/.test(u)), 'only the page itself and its own blob:/data: URLs were loaded');
  } finally {
    await s.close();
  }
});

test('the harness sees and blocks a request when a page makes one', async () => {
  // A page without the policy that loads an image from the network: the harness
  // must count it, or "zero requests" above would prove nothing.
  const html = '<!DOCTYPE html><title>x</title><img src="http://example.invalid/pixel.png">';
  const s = await openPage({ url: `data:text/html,${encodeURIComponent(html)}`, ready: false });
  try {
    await s.page.waitForTimeout(500);
    assert.deepEqual(s.requests, ['http://example.invalid/pixel.png']);
    assert.throws(() => s.assertClean(), 'assertClean refuses a session that made a request');
  } finally {
    await s.close();
  }
});
