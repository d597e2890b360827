// Shared helpers for the page's UI tests: launch Debian's Chromium through
// playwright-core, open a page with the network blocked and counted, wait for
// the page to recompute, and read PDFs back with poppler.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(here, 'node_modules', 'playwright-core'));

export const ROOT = path.resolve(here, '..', '..');

export function chromiumPath() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  throw new Error('Chromium not found: install the Debian package `chromium` (scripts/test.sh does)');
}

export async function launch() {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
}

/**
 * Opens `url` in a fresh context with every non-file request blocked and
 * recorded. Console errors and page errors are collected for the caller.
 */
export async function open(browser, url, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...opts.context });
  if (opts.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    requests.push(u);
    return route.abort();
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:') && !requests.includes(u)) requests.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push('console: ' + m.text());
  });
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.state !== 'loading', null, { timeout: 20000 });
  await page.waitForFunction(() => Number(document.body.dataset.computed) > 0, null, { timeout: 20000 });
  return { context, page, requests, errors };
}

/** Runs `action` and waits until the page has rendered a new report. */
export async function recomputed(page, action) {
  const before = await page.evaluate(() => Number(document.body.dataset.computed));
  await action();
  await page.waitForFunction((b) => Number(document.body.dataset.computed) > b, before, { timeout: 20000 });
}

/** Fires a real paste event carrying `text` at the element matched by `selector`. */
export async function paste(page, selector, text, { replace = true } = {}) {
  await recomputed(page, () =>
    page.evaluate(
      ([sel, t, rep]) => {
        const ta = document.querySelector(sel);
        ta.focus();
        if (rep) ta.select();
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      },
      [selector, text, replace],
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
