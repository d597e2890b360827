// Shared helpers for the page's UI tests: launch Debian's Chromium through
// playwright-core, open a page with the network blocked and counted, wait for
// the page to recompute, and read PDFs back with poppler.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, ROOT } from './harness.mjs';

export { ROOT };

/**
 * Opens `url` through the shared harness (network blocked and counted) and
 * waits until the page has rendered its first report. Returns the harness
 * session; `errors` lists console and page errors.
 */
export async function open(url, opts = {}) {
  const s = await openPage({ url });
  if (opts.clipboard) await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await s.page.waitForFunction(() => Number(document.body.dataset.computed) > 0, null, { timeout: 20000 });
  Object.defineProperty(s, 'errors', { get: () => [].concat(s.consoleErrors, s.pageErrors) });
  return s;
}

/** Runs `action` and waits until the page has rendered a new report. */
export async function recomputed(page, action) {
  const before = await page.evaluate(() => Number(document.body.dataset.computed));
  await action();
  await page.waitForFunction((b) => Number(document.body.dataset.computed) > b, before, { timeout: 20000 });
}

/**
 * Fires a real paste event carrying `text` at the element matched by `selector`,
 * and `html` as the clipboard's text/html form when given (as Excel and WPS put both).
 */
export async function paste(page, selector, text, { replace = true, html = null } = {}) {
  await recomputed(page, () =>
    page.evaluate(
      ([sel, t, rep, h]) => {
        const ta = document.querySelector(sel);
        ta.focus();
        if (rep) ta.select();
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        if (h !== null) dt.setData('text/html', h);
        ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      },
      [selector, text, replace, html],
    ),
  );
}

export function pdfPages(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number((/^Pages:\s+(\d+)/m.exec(info) || [])[1]);
  const size = (/^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info) || []).slice(1).map(Number);
  return { pages, width: size[0], height: size[1] };
}

export function pdfText(file) {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Renders each PDF page to PNG next to the PDF so a person can look at it. */
export function pdfImages(file, prefix) {
  execFileSync('pdftoppm', ['-r', '60', '-png', file, prefix]);
}

export function outDir() {
  const dir = path.join(ROOT, 'tests', 'browser', 'out');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
