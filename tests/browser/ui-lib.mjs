// Shared helpers for the page's UI tests: launch Debian's Chromium through
// playwright-core, open a page with the network blocked and counted, wait for
// the page to recompute, and read PDFs back with poppler.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { closeBrowser, openPage, ROOT } from './harness.mjs';
import { fakePage } from './ui-fake-core.mjs';

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

/**
 * The page with the stand-in core (ui-fake-core.mjs) for a whole test file:
 * built before the tests, the browser closed and the folder removed after.
 * Returns a getter, since the site exists only once `before` has run.
 */
export function useFakeSite() {
  let site = null;
  before(() => {
    site = fakePage();
  });
  after(async () => {
    await closeBrowser();
    if (site) fs.rmSync(site.dir, { recursive: true, force: true });
  });
  return () => site;
}

/** Reloads the page and waits for its first report. */
export async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => Number(document.body.dataset.computed) > 0, null, { timeout: 20000 });
}

/** The page's saved record in localStorage (`wuhao.page`), parsed. */
export function savedPage(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('wuhao.page')));
}

/** A small indicator paste and a small split, shared by the state tests. */
export const SMALL_TSV = '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n上交税金\t亿元\t6\t5.27\n';
export const SMALL_SPLIT = '片区分解\t目标\t完成\n东片\t80\t70\n西片\t80\t75\n';

/** A park's table as of 1–6 月 2023 with targets and last year's figures (the progress and split tests). */
export const JUNE_PARK = [
  '指标名称\t单位\t年度目标\t1-6月累计\t上年同期',
  '技工贸总收入\t亿元\t200\t80\t70',
  '上交税金\t亿元\t6\t3.3\t3',
  '固定资产投资额\t亿元\t50\t26\t20',
].join('\n') + '\n';

/** Pastes JUNE_PARK and sets the period by hand to 2023年6月, each step recomputed. */
export async function pasteJunePark(page) {
  await paste(page, '#data', JUNE_PARK);
  await recomputed(page, () => page.selectOption('#period-mode', 'manual'));
  await recomputed(page, () => page.fill('#period-year', '2023'));
  await recomputed(page, () => page.selectOption('#period-month', '6'));
}
