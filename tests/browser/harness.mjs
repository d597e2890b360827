// The browser harness every browser test uses: Debian's Chromium, headless,
// driven by playwright-core, with the network blocked and counted.
//
//   import { openPage, PAGE_URL, DEV_URL, seedTsv, crateVersion } from './harness.mjs';
//   const s = await openPage();              // pkg/wuhao.html, waits for wuhao.ready
//   await s.page.click('#btn-example');
//   s.assertClean();                         // no console error, page error or request
//   await s.close();
//   after(closeBrowser);                     // once per test file, or node waits forever
//
// Every request whose URL is not file:, data: or blob: is aborted and recorded in
// s.requests; the page must make none. Console errors and uncaught page errors are
// recorded in s.consoleErrors and s.pageErrors.

import { chromium } from 'playwright-core';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGE_PATH = path.join(ROOT, 'pkg/wuhao.html');
export const PAGE_URL = pathToFileURL(PAGE_PATH).href;
/** The development page, which loads ../pkg/*.js from disk. */
export const DEV_URL = pathToFileURL(path.join(ROOT, 'www/index.html')).href;
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The real seed data: Hengshan park, January to November 2022. */
export const seedTsv = () => readFileSync(path.join(ROOT, 'examples/hengshan-2022-jan-nov.tsv'), 'utf8');

/** The crate version from Cargo.toml's [package] section. */
export function crateVersion() {
  const toml = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  const pkg = toml.split(/^\[/m).find((s) => s.startsWith('package]'));
  const m = pkg && pkg.match(/^version\s*=\s*"([^"]+)"/m);
  if (!m) throw new Error('no version in Cargo.toml [package]');
  return m[1];
}

// The probe of this machine kind found these flags necessary: without the
// background-networking ones Chromium tries to reach Google at every start.
// Playwright gives each launch a fresh, empty profile (--user-data-dir) itself.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

let browserPromise = null;

/** One Chromium per test process, launched on first use; call closeBrowser() in after(). */
export function browser() {
  if (!browserPromise) {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: run scripts/test.sh (it installs Debian's chromium)`);
    }
    browserPromise = chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }
  return browserPromise;
}

export async function closeBrowser() {
  if (browserPromise) {
    const b = await browserPromise;
    browserPromise = null;
    await b.close();
  }
}

const LOCAL = /^(file|data|blob):/i;

/**
 * Opens `url` (default: the built page) in a fresh browser context with the
 * network blocked. With `ready` (default true) it waits until `wuhao.ready`
 * resolves. `init` (a function or script text) runs in the page before the page's
 * own scripts. Returns a session: { page, context, requests, consoleErrors,
 * consoleMessages, pageErrors, assertClean(), close() }.
 */
export async function openPage({ url = PAGE_URL, ready = true, viewport = { width: 1280, height: 900 }, acceptDownloads = true, timeout = 30000, init = null } = {}) {
  if (url === PAGE_URL && !existsSync(PAGE_PATH)) {
    throw new Error(`${PAGE_PATH} not built: run scripts/build.sh first`);
  }
  const b = await browser();
  const context = await b.newContext({ viewport, acceptDownloads, serviceWorkers: 'block', locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const s = {
    context,
    page: null,
    requests: [],
    allRequests: [],
    consoleErrors: [],
    consoleMessages: [],
    pageErrors: [],
  };
  // Each request is counted once, whether the router or the event sees it first.
  const seen = new WeakSet();
  const count = (r) => {
    if (seen.has(r)) return;
    seen.add(r);
    s.allRequests.push(r.url());
    if (!LOCAL.test(r.url())) s.requests.push(r.url());
  };
  // Route everything: local URLs go on, anything else is refused.
  await context.route('**/*', (route) => {
    const r = route.request();
    count(r);
    return LOCAL.test(r.url()) ? route.continue() : route.abort('blockedbyclient');
  });
  // Requests that never reach the router (refused by the CSP, say) still fire this.
  context.on('request', count);
  // A script run in the page before its own (the benchmark's wasm memory probe).
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  s.page = page;
  page.setDefaultTimeout(timeout);
  page.on('console', (m) => {
    s.consoleMessages.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') s.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => {
    const text = String(e && e.stack ? e.stack : e);
    if (!s.pageErrors.includes(text)) s.pageErrors.push(text);
  });
  page.on('websocket', (w) => s.requests.push(w.url()));
  page.on('popup', (p) => s.requests.push(`popup: ${p.url()}`));

  s.assertClean = () => {
    assert.deepEqual(s.pageErrors, [], 'no uncaught page errors');
    assert.deepEqual(s.consoleErrors, [], 'no console errors');
    assert.deepEqual(s.requests, [], 'no network requests');
  };
  s.close = () => context.close();

  await page.goto(url, { waitUntil: 'load' });
  if (ready) await waitReady(page, timeout);
  return s;
}

/** Waits for `window.wuhao.ready`; fails with what the page logged if it never comes. */
export async function waitReady(page, timeout = 30000) {
  await page.waitForFunction(() => window.wuhao && window.wuhao.ready, null, { timeout });
  await page.evaluate(() => window.wuhao.ready.then(() => true));
}

/**
 * Runs `fn(arg)` inside the page and lists everything in its result that is not
 * plain JSON: NaN, Infinity, undefined, functions, Map/Set and other class
 * instances. The walk happens in the page, before Playwright's own transfer
 * could hide such values. Returns { value, problems }, problems [] when clean.
 */
export function jsonCheck(page, fn, arg) {
  const walker = (value) => {
    const problems = [];
    const walk = (v, at) => {
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) problems.push(`${at}: ${v}`);
        return;
      }
      if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, `${at}[${i}]`));
        return;
      }
      if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        for (const k of Object.keys(v)) walk(v[k], `${at}.${k}`);
        return;
      }
      problems.push(`${at}: ${Object.prototype.toString.call(v)} (${typeof v})`);
    };
    walk(value, '$');
    return { value: problems.length ? null : value, problems };
  };
  const a = JSON.stringify(arg === undefined ? null : arg);
  return page.evaluate(`(async () => (${walker})(await (${fn})(${a})))()`);
}
