// Hardening of the shipped page (pkg/wuhao.html) against what a clipboard and a
// careless scheme can bring: lone UTF-16 surrogates, a 10 MB paste of park rows
// and hostile scheme texts. Each must leave a report, the user's text and a page
// that takes input again, with no page error and no network request. The full
// paste-print-export session without requests is page.test.mjs's; a 10 MB paste
// of indicator rows is ui-real.test.mjs's; this file covers the other shapes.

import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { closeBrowser, jsonCheck, seedTsv, PAGE_URL } from './harness.mjs';
import { open, paste, recomputed } from './ui-lib.mjs';

after(closeBrowser);

// Playwright carries strings to the page as UTF-8, which turns lone surrogates
// into U+FFFD on the way. So texts name them as «D800» and the page decodes them.
const DECODE = (t) => t.replace(/«([0-9A-F]{4})»/g, (m, h) => String.fromCharCode(parseInt(h, 16)));
const LONE = (t) => (t.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g) || []).length;

/** Opens the shipped page with the «XXXX» decoder installed as window.__decode (and window.__lone, a counter). */
async function openDecoding() {
  const s = await open(PAGE_URL);
  await s.page.evaluate(`window.__decode = ${DECODE}; window.__lone = ${LONE};`);
  return s;
}

/** Fires a real paste event at `selector` carrying `text` with its «XXXX» marks decoded in the page. */
async function pasteDecoded(page, selector, text) {
  await recomputed(page, () =>
    page.evaluate(([sel, t]) => {
      const ta = document.querySelector(sel);
      ta.focus();
      ta.select();
      const dt = new DataTransfer();
      dt.setData('text/plain', window.__decode(t));
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, [selector, text]),
  );
}

/** The seed table with lone surrogates in a note cell and a line of them alone. */
function surrogatePaste() {
  const seed = seedTsv();
  const lines = seed.split('\n');
  const at = lines.findIndex((l) => l.startsWith('技工贸总收入'));
  assert.ok(at > 0, 'the seed has a 技工贸总收入 row');
  lines[at] = lines[at].replace(/\t[^\t]*$/, '\t«D800»备注«DFFF»');
  lines.splice(at + 1, 0, '«DBFF»\t«DC00»\t«D800»');
  return lines.join('\n');
}

test('lone surrogates from the clipboard: read, kept in the box, exported, and the page stays usable', async () => {
  const s = await openDecoding();
  try {
    const { page } = s;
    const text = surrogatePaste();
    await pasteDecoded(page, '#data', text);

    // The box holds what the clipboard gave, lone surrogates and all.
    const kept = await page.evaluate((t) => {
      const v = document.getElementById('data').value;
      return { same: v === window.__decode(t), lone: window.__lone(v) };
    }, text);
    assert.deepEqual(kept, { same: true, lone: 5 }, 'the pasted text is kept in the box as pasted');

    // The page computed from it: the value is shown, and the request was not refused.
    assert.match(await page.textContent('#breakdown'), /148\.2032/, 'the breakdown shows the pasted value');
    assert.doesNotMatch(await page.textContent('body'), /请求格式有误/, 'the request was read');

    // Through the contract too: a plain-JSON report, one park, no refusal.
    const { value: report, problems } = await jsonCheck(
      page,
      (t) => window.wuhao.evaluate({ data: window.__decode(t), splits: [window.__decode('«DC00»片区\t技工贸总收入\n东区«D800»\t1')] }),
      text,
    );
    assert.deepEqual(problems, []);
    assert.equal(report.parks.length, 1);
    assert.ok(!report.diagnostics.some((d) => /请求格式有误/.test(d.message)), JSON.stringify(report.diagnostics.slice(0, 3)));
    const loaded = await page.evaluate(() => window.wuhao.loadScheme(window.__decode('«D800»{"name":"«DC00»"}')));
    assert.equal(loaded.scheme, null, 'a scheme of surrogates is refused');
    assert.ok(loaded.diagnostics.length > 0, 'with a reason');

    // Exports of the same data are files, made in the page.
    for (const id of ['#btn-csv', '#btn-xlsx']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      assert.equal(await download.failure(), null, `${id} saved`);
    }

    // And the page takes ordinary input again.
    await recomputed(page, () => page.fill('#data', seedTsv().replace('148.2032', '150.5')));
    assert.match(await page.textContent('#breakdown'), /150\.5/);
    s.assertClean();
  } finally {
    await s.close();
  }
});

test('a 10 MB paste of park rows shows the busy state and the page takes input again', async (t) => {
  const s = await open(PAGE_URL);
  try {
    const { page } = s;
    const header = '园区\t技工贸总收入（亿元）\t上交税金（亿元）\t已开发面积（亩）\t研究开发费用总额（亿元）\t主导产业营业收入占比（%）\n';
    const rows = [];
    for (let i = 0, bytes = 0; bytes < 10e6; i++, bytes += Buffer.byteLength(rows[rows.length - 1]) + 1) rows.push(`第${i}号园区\t${100 + (i % 97)}.25\t${i % 11}.5\t${2000 + (i % 500)}\t${i % 7}.99\t${i % 100}.5`);
    const big = header + rows.join('\n') + '\n';
    assert.ok(big.length >= 5e6, `the paste is large: ${big.length} chars`);
    await page.evaluate(() => {
      window.__busySeen = false;
      new MutationObserver(() => {
        if (!document.getElementById('busy').hidden) window.__busySeen = true;
      }).observe(document.getElementById('busy'), { attributes: true });
    });
    const before = await page.evaluate(() => Number(document.body.dataset.computed));
    const started = Date.now();
    await page.evaluate((t) => {
      const ta = document.getElementById('data');
      ta.focus();
      ta.select();
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, big);
    await page.waitForFunction((b) => Number(document.body.dataset.computed) > b && document.getElementById('busy').hidden, before, { timeout: 180000, polling: 500 });
    const ms = Date.now() - started;
    const bytes = Buffer.byteLength(big, 'utf8');
    t.diagnostic(`10 MB paste of ${rows.length} park rows (${(bytes / 1e6).toFixed(1)} MB UTF-8): ${ms} ms to a rendered report`);
    console.log(`# hardening: ${rows.length} park rows, ${(bytes / 1e6).toFixed(1)} MB, ${ms} ms`);
    assert.ok(ms < 180000, `a generous sanity bound: ${ms} ms`);
    assert.doesNotMatch(await page.textContent('#status'), /出错/, 'the report was computed and shown without an error');
    assert.equal(await page.evaluate(() => window.__busySeen), true, 'the busy state was shown');
    assert.equal(await page.isVisible('#big-note'), true, 'the big paste is summarised, not laid out');

    // The page answers input again: a normal paste replaces the big one and computes.
    const again = Date.now();
    await paste(page, '#data', seedTsv());
    t.diagnostic(`the next paste computed in ${Date.now() - again} ms`);
    assert.match(await page.textContent('#breakdown'), /148\.2032/);
    s.assertClean();
  } finally {
    await s.close();
  }
});

test('hostile scheme texts are refused with a reason; the scheme in use, the texts and the page survive', async () => {
  const s = await openDecoding();
  try {
    const { page } = s;
    const title = await page.textContent('#scheme-title');
    const base = await page.evaluate(() => window.wuhao.defaultScheme());
    const variant = (f) => {
      const x = JSON.parse(JSON.stringify(base));
      f(x);
      return JSON.stringify(x);
    };
    const garbage = Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    const bad = [
      ['binary garbage', garbage],
      ['deeply nested JSON', '{"name":' + '['.repeat(100000)],
      ['lone surrogates', '{"name":"«D800»","indicators":[«DC00»]}'],
      ['zero indicators', variant((x) => { x.indicators = []; })],
      ['weights that do not sum', variant((x) => { x.indicators[0].weight = 60; })],
      ['a formula cycle', variant((x) => { x.indicators[1].formula = x.indicators[2].name + ' * 2'; x.indicators[2].formula = x.indicators[1].name + ' / 2'; })],
      ['a 2 MB scheme', variant((x) => { x.note = '注'.repeat(1 << 20); x.indicators[0].weight = -1; })],
      ['a scheme table of markup', '维度\t<img src=x onerror="window.__pwned=1">\n指标\t<script>window.__pwned=2</script>\t权重\tNaN\n'],
    ];
    const data = seedTsv().replace('148.2032', '149.75');
    await paste(page, '#data', data);
    for (const [name, text] of bad) {
      await page.evaluate(() => { document.getElementById('scheme-diags').textContent = ''; });
      await page.evaluate((t) => {
        const ta = document.getElementById('scheme-text');
        ta.value = window.__decode(t);
        ta.dispatchEvent(new Event('input', { bubbles: true }));
      }, text);
      await page.click('#btn-scheme-load');
      await page.waitForFunction(() => document.getElementById('scheme-diags').textContent.trim() !== '', null, { timeout: 20000 });
      assert.match(await page.textContent('#status'), /未载入/, `${name}: the page says the scheme was not loaded`);
      assert.equal(await page.textContent('#scheme-title'), title, `${name}: the scheme in use stays`);
      const keptText = await page.evaluate((t) => document.getElementById('scheme-text').value === window.__decode(t), text);
      assert.ok(keptText, `${name}: the scheme text is kept for fixing`);
      assert.equal(await page.inputValue('#data'), data, `${name}: the data paste is kept`);
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no markup ran');
    assert.equal(await page.$$eval('#scheme-diags img, #scheme-diags script', (n) => n.length), 0);

    // The page still computes with the scheme in use.
    await recomputed(page, () => page.fill('#data', seedTsv().replace('148.2032', '151.5')));
    assert.match(await page.textContent('#breakdown'), /151\.5/);
    assert.match(await page.textContent('#total'), /\d/);
    s.assertClean();
  } finally {
    await s.close();
  }
});
