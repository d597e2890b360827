// The performance benchmark (README "Performance"; run it with scripts/bench.sh).
// Not a test: node --test only runs *.test.mjs, so this stays out of the timed suite.
//
// Opens the built pkg/wuhao.html in headless Debian Chromium (the harness's launch
// flags, network blocked) and prints medians over repeated runs of:
//   1. paste-to-report throughput: a 7–8 MB TSV (20,000 parks × 40 numeric cells)
//      through window.wuhao.evaluate, against Papa Parse and against uDSV parsing
//      the same text, each followed by the same plain JavaScript number clean-up;
//      the three run interleaved, run by run, in one page;
//   2. a province-wide paste (150 parks × 40 indicators) put into the page's paste
//      box the way the page's own paste handler does it, timed from the start of
//      the computation to the report rendered and laid out;
//   3. a 2,000-enterprise decomposition (split) table through wuhao.evaluate;
//   4. cold start: navigation to the example's report rendered, interleaved with
//      a blank page of the same size (the baseline);
//   5. the size of pkg/wuhao.html, raw and gzipped;
//   6. a 10 MB paste through the page: time to the report, the longest main-thread
//      task, and the wasm memory after it (memory never shrinks, so that is its peak);
//   7. the core natively in MB/s, measured by scripts/bench.sh with
//      examples/profile_eval.rs and passed in with --native-mbps, and the shipped
//      module through the page's core.js in V8 8.6 (node 15, --v8-86-mbps).
// It ends with one table, "metric | value | target | met?", of every target of issue 14.
//
// Options: --runs N (default 7), --warmup N (default 2), --rows N (default 20000),
// --native-mbps X (from profile_eval), --json (also print the figures as one JSON line),
// --cold-only (section 4 alone), --boundary-page PAGE (a page built with the
// boundary-bench feature: JSON text against serde-wasm-bindgen), --boundary-only,
// --province (only section 2, with the render time of each section).

import { readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { execSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openPage, browser, closeBrowser, PAGE_PATH, seedTsv } from './harness.mjs';
import { parkTable, splitTable, COLUMNS } from './bench-data.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : dflt;
};
const RUNS = opt('runs', 7);
const WARMUP = opt('warmup', 2);
const ROWS = opt('rows', 20000);
const NATIVE_MBPS = opt('native-mbps', NaN);
const V8_86_MBPS = opt('v8-86-mbps', NaN);
const PROVINCE = 150;
const ENTERPRISES = 2000;
const TODAY = '2026-11-28';

/* ---------- statistics and printing ---------- */

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Runs `once` WARMUP + RUNS times; returns the timed runs' results. */
async function repeat(label, once) {
  const out = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const r = await once(i);
    if (i >= WARMUP) out.push(r);
  }
  process.stderr.write(`  ${label}: ${RUNS} runs done\n`);
  return out;
}

function machine(chromiumVersion) {
  const sh = (c) => {
    try {
      return execSync(c, { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  let cpu = '?';
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  return { nproc: sh('nproc'), cpu, chromium: chromiumVersion, node: process.version, os: sh('uname -srm') };
}

/* ---------- 1. throughput against Papa Parse and uDSV ---------- */

/** Loads an npm package's browser build into the page as source text (through
 *  page.evaluate, which the page's CSP does not govern), as window[global]. */
async function inject(page, spec, global) {
  const require = createRequire(import.meta.url);
  const file = require.resolve(spec);
  let dir = path.dirname(file);
  while (!statSafe(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  await page.evaluate(`(function () { var module = undefined, exports = undefined, define = undefined; ${readFileSync(file, 'utf8')}\n; window.__${global} = ${global}; })()`);
  return version;
}
function statSafe(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

// The clean-up a JavaScript tool would write after either parser, as fast plain
// JavaScript: drop thousands commas and a trailing %, convert with unary +, no
// regular expressions; an empty or unreadable cell is NaN. It fills one
// Float64Array per numeric column (the parks' names stay in column 0).
function installCleanUp() {
  window.__num = function (s) {
    var n = s.length;
    if (n > 0 && s.charCodeAt(n - 1) === 37) n--; // %
    var j = s.indexOf(',');
    var t = s;
    if (j !== -1 || n !== s.length) {
      t = '';
      var i = 0;
      while (j !== -1 && j < n) {
        t += s.slice(i, j);
        i = j + 1;
        j = s.indexOf(',', i);
      }
      t += s.slice(i, n);
    }
    return t === '' ? NaN : +t;
  };
  window.__cleanUp = function (rows, from) {
    var num = window.__num;
    var nr = rows.length - from;
    var nc = nr > 0 ? rows[from].length : 0;
    var cols = [];
    for (var c = 1; c < nc; c++) cols.push(new Float64Array(nr));
    var numbers = 0;
    for (var r = 0; r < nr; r++) {
      var row = rows[r + from];
      for (var k = 1; k < nc; k++) {
        var cell = row[k];
        var v = cell === undefined ? NaN : num(cell);
        cols[k - 1][r] = v;
        if (v === v) numbers++;
      }
    }
    return { cols: cols, numbers: numbers };
  };
}

async function throughput(text) {
  const s = await openPage();
  const { page } = s;
  const papaVersion = await inject(page, 'papaparse/papaparse.min.js', 'Papa');
  const udsvVersion = await inject(page, 'udsv/dist/uDSV.iife.min.js', 'uDSV');
  await page.evaluate(installCleanUp);
  await page.evaluate((t) => {
    window.__benchText = t;
  }, text);

  // A summary of one run of ours, checked so a silently failing evaluate cannot look fast.
  const oursOnce = () =>
    page.evaluate((today) => {
      const t0 = performance.now();
      // The compact report (every park's summary as parallel arrays above 200 parks), as the page asks for it.
      const report = window.wuhao.evaluate({ data: window.__benchText, today, compact: true });
      const t1 = performance.now();
      const c = report.parks_compact;
      return {
        ms: t1 - t0,
        parks: c ? c.count : report.parks.length,
        detailed: report.parks.filter((p) => p.detailed).length,
        diagnostics: report.diagnostics.length,
        matched: report.read.columns.filter((c) => !/^忽略|^园区/.test(c.role)).length,
        top: c ? c.total[0] : report.parks.length ? report.parks[0].total : null,
      };
    }, TODAY);

  // Where our time goes: the request's JSON, the core (string in, string out), the report's JSON.
  const splitOnce = () =>
    page.evaluate((today) => {
      /* global wasm_bindgen */
      const t0 = performance.now();
      const req = JSON.stringify({ data: window.__benchText, today });
      const t1 = performance.now();
      const out = wasm_bindgen.evaluate(req);
      const t2 = performance.now();
      JSON.parse(out);
      const t3 = performance.now();
      // The boundary the page uses: the paste as its own string, the rest as JSON, the compact report.
      const rest = JSON.stringify({ today, compact: true });
      const t4 = performance.now();
      const small = wasm_bindgen.evaluateParts(window.__benchText, rest);
      const t5 = performance.now();
      JSON.parse(small);
      const t6 = performance.now();
      return {
        stringify: t1 - t0, core: t2 - t1, parse: t3 - t2, outBytes: out.length,
        partsCore: t5 - t4, partsParse: t6 - t5, partsBytes: small.length,
      };
    }, TODAY);

  const papaOnce = () =>
    page.evaluate(() => {
      const t0 = performance.now();
      const parsed = window.__Papa.parse(window.__benchText, { delimiter: '\t', skipEmptyLines: true });
      const rows = parsed.data;
      const t1 = performance.now();
      const { numbers } = window.__cleanUp(rows, 1);
      const t2 = performance.now();
      return { ms: t2 - t0, parse: t1 - t0, normalise: t2 - t1, rows: rows.length - 1, numbers };
    });

  const udsvOnce = () =>
    page.evaluate(() => {
      const t0 = performance.now();
      const text = window.__benchText;
      const schema = window.__uDSV.inferSchema(text, { col: '\t' });
      const rows = window.__uDSV.initParser(schema).stringArrs(text);
      const t1 = performance.now();
      const { numbers } = window.__cleanUp(rows, 0);
      const t2 = performance.now();
      return { ms: t2 - t0, parse: t1 - t0, normalise: t2 - t1, rows: rows.length, numbers };
    });

  // Interleaved run by run, so a noisy neighbour slows all three alike.
  const ours = [];
  const split = [];
  const papa = [];
  const udsv = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const r = { ours: await oursOnce(), papa: await papaOnce(), udsv: await udsvOnce(), split: await splitOnce() };
    if (i >= WARMUP) {
      ours.push(r.ours);
      papa.push(r.papa);
      udsv.push(r.udsv);
      split.push(r.split);
    }
    process.stderr.write(`  throughput run ${i + 1}${i < WARMUP ? ' (warm-up)' : ''}: ours ${ms(r.ours.ms)} ms, Papa ${ms(r.papa.ms)} ms, uDSV ${ms(r.udsv.ms)} ms\n`);
  }
  if (papa[0].numbers !== udsv[0].numbers || papa[0].rows !== udsv[0].rows) {
    throw new Error(`Papa Parse and uDSV disagree: ${papa[0].rows}/${papa[0].numbers} vs ${udsv[0].rows}/${udsv[0].numbers} rows/numbers`);
  }
  s.assertClean();
  await s.close();
  return { ours, split, papa, udsv, papaVersion, udsvVersion };
}

/* ---------- 2. a province-wide paste, evaluated and rendered ---------- */

async function province() {
  const s = await openPage();
  const { page } = s;
  // Leave the example first so every timed run is a plain replacement of one paste by another.
  const tables = [parkTable(PROVINCE, 7), parkTable(PROVINCE, 8)];
  await page.evaluate(() => {
    // The report is on screen once the browser has laid it out: a mutation observer
    // (run right after the page's render task, before the next frame) forces layout
    // and notes the time.
    window.__laidOut = [];
    new MutationObserver(() => {
      document.body.getBoundingClientRect();
      void document.body.offsetHeight;
      window.__laidOut.push({ at: performance.now(), timing: window.wuhao.timing });
    }).observe(document.body, { attributes: true, attributeFilter: ['data-computed'] });
    // Each section's renderer timed (the controller calls WH[name] for each section):
    // where the render time goes.
    window.__steps = {};
    ['renderTitle', 'renderRead', 'renderDiagnostics', 'renderSummary', 'renderRanking', 'renderDimensions',
      'renderBreakdown', 'renderAdjustments', 'renderProgress', 'renderSplits', 'renderSchemeHead', 'renderReach'].forEach((name) => {
      const f = window.WH[name];
      if (typeof f !== 'function') return;
      window.WH[name] = function () {
        const t = performance.now();
        try {
          return f.apply(this, arguments);
        } finally {
          window.__steps[name] = (window.__steps[name] || 0) + performance.now() - t;
        }
      };
    });
  });
  const runs = await repeat('province paste', async (i) => {
    const text = tables[i % 2];
    return page.evaluate(
      (t) =>
        new Promise((resolve, reject) => {
          const before = window.__laidOut.length;
          window.__steps = {};
          const ta = document.getElementById('data');
          // What the page's own paste handler does with clipboard text (insertText):
          // replace the box's text and fire `input`.
          ta.value = t;
          ta.dispatchEvent(new Event('input', { bubbles: true }));
          const deadline = performance.now() + 20000;
          const poll = () => {
            const seen = window.__laidOut[before];
            if (seen && seen.timing) {
              const tm = seen.timing;
              resolve({
                ms: seen.at - tm.start,
                evaluate: tm.evaluated - tm.start,
                render: tm.rendered - tm.evaluated,
                layout: seen.at - tm.rendered,
                parks: document.querySelectorAll('#ranking tbody tr').length,
                steps: Object.assign({}, window.__steps),
              });
            } else if (performance.now() > deadline) reject(new Error('the page never rendered the paste'));
            else setTimeout(poll, 5);
          };
          poll();
        }),
      text,
    );
  });
  s.assertClean();
  await s.close();
  return runs;
}

/* ---------- 3. a 2,000-enterprise decomposition ---------- */

async function enterpriseSplit() {
  const s = await openPage();
  const { page } = s;
  await page.evaluate(
    ([data, split]) => {
      window.__seed = data;
      window.__split = split;
    },
    [seedTsv(), splitTable(ENTERPRISES, 5)],
  );
  // The same park alone, without the split, interleaved: what the split adds.
  // The request is the page's (`compact`: above 200 parts the parts come as
  // arrays and the table lists 200); the stages and the full report (one object
  // and one table row per part) are timed beside it.
  const runs = await repeat('2,000-enterprise split', () =>
    page.evaluate((today) => {
      /* global wasm_bindgen */
      const t0 = performance.now();
      const report = window.wuhao.evaluate({ data: window.__seed, splits: [window.__split], today, compact: true });
      const t1 = performance.now();
      window.wuhao.evaluate({ data: window.__seed, today, compact: true });
      const t2 = performance.now();
      const rest = JSON.stringify({ splits: [window.__split], today, compact: true });
      const t3 = performance.now();
      const out = wasm_bindgen.evaluateParts(window.__seed, rest);
      const t4 = performance.now();
      JSON.parse(out);
      const t5 = performance.now();
      const full = window.wuhao.evaluate({ data: window.__seed, splits: [window.__split], today });
      const t6 = performance.now();
      const sp = report.splits[0] || { parts: [] };
      const fsp = full.splits[0] || { parts: [] };
      return {
        ms: t1 - t0, without: t2 - t1, parts: sp.parts_compact ? sp.parts_compact.count : sp.parts.length, sums: (sp.sums || []).length,
        stringify: t3 - t2, core: t4 - t3, parse: t5 - t4, outBytes: out.length, full: t6 - t5, fullParts: fsp.parts.length,
      };
    }, TODAY),
  );
  if (runs[0].fullParts !== ENTERPRISES) throw new Error(`the full report has ${runs[0].fullParts} parts, not ${ENTERPRISES}`);
  if (runs[0].parts !== ENTERPRISES) throw new Error(`the split read ${runs[0].parts} parts, not ${ENTERPRISES}`);
  s.assertClean();
  await s.close();
  return runs;
}

/* ---------- 4. cold start, against a blank page of the same size ---------- */

/** A page of `bytes` bytes that only marks `wuhao-rendered`: its text is an inert block. */
function blankPage(bytes) {
  const head = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p><script type="text/plain">';
  const tail = "</script><script>performance.mark('wuhao-rendered')</script></body></html>\n";
  const pad = Math.max(0, bytes - Buffer.byteLength(head + tail));
  const dir = mkdtempSync(path.join(tmpdir(), 'wuhao-bench-'));
  const file = path.join(dir, 'blank.html');
  // Base64-like text, as the page's inlined module is.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let body = '';
  while (body.length < pad) body += alphabet;
  writeFileSync(file, head + body.slice(0, pad) + tail);
  return pathToFileURL(file).href;
}

const coldOnce = async (url) => {
  // A fresh context each time: no cache, no stored state, so the example opens.
  const s = await openPage({ url, ready: false });
  const r = await s.page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const deadline = performance.now() + 20000;
        const at = (n) => {
          const m = performance.getEntriesByName(n)[0];
          return m ? m.startTime : null;
        };
        const done = (mark) => {
          const nav = performance.getEntriesByType('navigation')[0] || {};
          const tm = (window.wuhao && window.wuhao.timing) || {};
          resolve({
            ms: mark.startTime,
            domContentLoaded: nav.domContentLoadedEventEnd || null,
            computeStart: tm.start || 0,
            evaluate: (tm.evaluated || 0) - (tm.start || 0),
            render: (tm.rendered || 0) - (tm.evaluated || 0),
            rows: document.querySelectorAll('#breakdown tbody tr').length,
            // After the report: the module decoded, compiled and instantiated, and the
            // live report compared with the build's copy (www/js/core.js marks).
            embedded: !!(window.wuhao && window.wuhao.coldStart && window.wuhao.coldStart.embedded),
            same: window.wuhao && window.wuhao.coldStart ? window.wuhao.coldStart.same : null,
            decode: at('wuhao-wasm-decode'),
            compiled: at('wuhao-wasm-compiled'),
            ready: at('wuhao-wasm-ready'),
            live: at('wuhao-live'),
          });
        };
        const poll = () => {
          const mark = performance.getEntriesByName('wuhao-rendered')[0];
          const cold = window.wuhao && window.wuhao.coldStart;
          // The page: also wait for the module and the live comparison (not counted in `ms`).
          const settled = !window.wuhao || (at('wuhao-wasm-ready') !== null && (!cold || cold.same !== null));
          if (mark && settled) done(mark);
          else if (performance.now() > deadline) reject(new Error('the page never marked wuhao-rendered'));
          else setTimeout(poll, 5);
        };
        poll();
      }),
  );
  s.assertClean();
  await s.close();
  return r;
};

async function coldStart(bytes) {
  const blankUrl = blankPage(bytes);
  const page = [];
  const blank = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const p = await coldOnce(undefined);
    const b = await coldOnce(blankUrl);
    if (i >= WARMUP) {
      page.push(p);
      blank.push(b);
    }
  }
  process.stderr.write(`  cold start: ${RUNS} runs done (page and blank interleaved)\n`);
  return { page, blank };
}

/* ---------- 6. a 10 MB paste through the page: time, longest task, wasm memory ---------- */

// Runs before the page's scripts: keeps the instantiated module's memory on window.
function memoryProbe() {
  const orig = WebAssembly.instantiate;
  WebAssembly.instantiate = function () {
    return orig.apply(this, arguments).then((r) => {
      const inst = r && r.instance ? r.instance : r;
      if (inst && inst.exports && inst.exports.memory) window.__wasmMemory = inst.exports.memory;
      return r;
    });
  };
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no longtask support: reported as not measured */
  }
}

async function bigPaste() {
  const s = await openPage({ init: memoryProbe });
  const { page } = s;
  // About 10 MB: the throughput table's rows scale linearly with its 7 MB for 20,000.
  const text = parkTable(Math.round((ROWS * 10) / 7), 3);
  const memBefore = await page.evaluate(() => (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null));
  const runs = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const r = await page.evaluate(
      (t) =>
        new Promise((resolve, reject) => {
          const before = Number(document.body.dataset.computed);
          const ta = document.getElementById('data');
          ta.focus();
          ta.select();
          const dt = new DataTransfer();
          dt.setData('text/plain', t + '\n'.repeat(Number(before % 2)));
          const t0 = performance.now();
          ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
          let busySeen = false;
          const deadline = t0 + 120000;
          const poll = () => {
            busySeen = busySeen || !document.getElementById('busy').hidden;
            if (Number(document.body.dataset.computed) > before && document.getElementById('busy').hidden) {
              const t1 = performance.now();
              // Long-task entries arrive after their task: give them a moment.
              setTimeout(() => {
                const tasks = window.__longTasks.filter((x) => x.start >= t0 - 1 && x.start <= t1);
                resolve({
                  ms: t1 - t0,
                  busySeen,
                  bytes: new Blob([t]).size,
                  longest: tasks.length ? Math.max(...tasks.map((x) => x.ms)) : 0,
                  // A paste over 1 MB runs in the page's worker, whose module has its own memory.
                  memory: window.wuhao.workerMemory || (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null),
                  worker: !!window.wuhao.workerMemory,
                });
              }, 50);
            } else if (performance.now() > deadline) reject(new Error('the 10 MB paste never rendered'));
            else setTimeout(poll, 10);
          };
          poll();
        }),
      text,
    );
    process.stderr.write(`  10 MB paste run ${i + 1}: ${ms(r.ms)} ms, longest task ${ms(r.longest)} ms, wasm memory ${(r.memory / 1e6).toFixed(1)} MB\n`);
    runs.push(r);
  }
  s.assertClean();
  await s.close();
  return { runs, memBefore };
}

/* ---------- the boundary: JSON text against serde-wasm-bindgen (--boundary-page) ---------- */

/**
 * On a page built with the `boundary-bench` feature (scripts/bench.sh --boundary):
 * the report handed over as JSON text (serde_json, the string copied out, JSON.parse:
 * the page's way) against a JS value built by serde-wasm-bindgen (`to_value`), each
 * timed inside one call after one evaluation (`benchReportWays`), on the 7 MB
 * paste's compact report and the province paste's full report; and the request's
 * rest (all but the paste) as JSON.stringify + serde_json against
 * serde_wasm_bindgen::from_value, on the page's usual rest and on a heavy one (the
 * built-in scheme and a 2,000-row split in it).
 */
async function measureBoundary(url, bigText) {
  const s = await openPage({ url });
  const { page } = s;
  const province = parkTable(PROVINCE, 7);
  const split = splitTable(ENTERPRISES, 5);
  await page.evaluate(({ big, province, split }) => {
    window.__big = big;
    window.__province = province;
    window.__split = split;
  }, { big: bigText, province, split });
  const ok = await page.evaluate(() => typeof wasm_bindgen.benchReportValue === 'function');
  if (!ok) throw new Error(`${url} was not built with the boundary-bench feature (scripts/bench.sh --boundary)`);
  const cases = [
    { name: `the ${(Buffer.byteLength(bigText) / 1e6).toFixed(1)} MB paste's compact report`, data: '__big', rest: { today: TODAY, compact: true } },
    { name: `the province paste's full report (${PROVINCE} parks, detail all)`, data: '__province', rest: { today: TODAY, detail: 'all' } },
  ];
  const reports = [];
  for (const c of cases) {
    const runs = await repeat(`boundary: ${c.name}`, () =>
      page.evaluate(({ data, rest }) => {
        /* global wasm_bindgen */
        // One evaluation, its report handed over both ways, each way timed inside
        // the call (the evaluation's own noise stays out); JSON.parse timed here.
        const w = wasm_bindgen.benchReportWays(window[data], JSON.stringify(rest));
        const p0 = performance.now();
        const parsed = JSON.parse(w[4]);
        const p1 = performance.now();
        // Both ways must carry the same report, or the comparison means nothing.
        const same = JSON.stringify(parsed) === JSON.stringify(w[5]);
        return { evaluate: w[0], serialize: w[1], copyOut: w[2], jsonParse: p1 - p0, json: w[1] + w[2] + (p1 - p0), value: w[3], bytes: w[4].length, same };
      }, { data: c.data, rest: c.rest }),
    );
    if (!runs.every((r) => r.same)) throw new Error(`boundary: the JSON and the serde-wasm-bindgen reports differ for ${c.name}`);
    reports.push({ name: c.name, runs });
  }
  const requests = await page.evaluate(({ today }) => {
    const scheme = JSON.parse(wasm_bindgen.defaultScheme());
    const usual = { detail: 0, data_form: { form: 'text', merged: 0, precise: 0 }, splits: [''], settings: { by_days: false, slight_pp: 5, split_tolerance: 0.01 }, today, period: { year: 2022, month: 11 }, compact: true };
    const heavy = Object.assign({}, usual, { scheme, splits: [window.__split] });
    const time = (rest) => {
      const reps = 50;
      let t0 = performance.now();
      for (let i = 0; i < reps; i++) wasm_bindgen.benchRequestJson(JSON.stringify(rest));
      const json = (performance.now() - t0) / reps;
      t0 = performance.now();
      for (let i = 0; i < reps; i++) wasm_bindgen.benchRequestValue(rest);
      const value = (performance.now() - t0) / reps;
      return { json, value, bytes: JSON.stringify(rest).length, readJson: wasm_bindgen.benchRequestJson(JSON.stringify(rest)), readValue: wasm_bindgen.benchRequestValue(rest) };
    };
    const out = [];
    for (let round = 0; round < 5; round++) out.push({ usual: time(usual), heavy: time(heavy) });
    return out;
  }, { today: TODAY });
  s.assertClean();
  await s.close();
  return { reports, requests };
}

function boundaryLines(b) {
  const med = (xs, k) => median(xs.map((r) => r[k]));
  const lines = ['', 'the boundary (JSON text vs serde-wasm-bindgen JS values, on a page built with boundary-bench):', '| what | JSON text | serde-wasm-bindgen | faster |', '|---|---|---|---|'];
  for (const r of b.reports) {
    const json = med(r.runs, 'json');
    const value = med(r.runs, 'value');
    lines.push(
      `| report: ${r.name}, ${(r.runs[0].bytes / 1e6).toFixed(2)} MB of JSON (evaluation ${ms(med(r.runs, 'evaluate'))} ms, not counted) | ` +
        `${ms(json)} ms (serde_json ${ms(med(r.runs, 'serialize'))}, string out ${ms(med(r.runs, 'copyOut'))}, JSON.parse ${ms(med(r.runs, 'jsonParse'))}) | ` +
        `${ms(value)} ms (to_value) | ${json <= value ? 'JSON text' : 'serde-wasm-bindgen'} (${(Math.max(json, value) / Math.min(json, value)).toFixed(1)}×) |`,
    );
  }
  for (const k of ['usual', 'heavy']) {
    const json = median(b.requests.map((x) => x[k].json));
    const value = median(b.requests.map((x) => x[k].value));
    const x = b.requests[0][k];
    if (x.readJson !== x.readValue) throw new Error(`boundary: the ${k} request read differently (${x.readJson} / ${x.readValue} splits)`);
    lines.push(`| request's rest, ${k === 'usual' ? "the page's usual" : 'with the built-in scheme and a 2,000-row split'} (${(x.bytes / 1e3).toFixed(1)} kB as JSON) | ${json.toFixed(3)} ms (JSON.stringify + serde_json) | ${value.toFixed(3)} ms (from_value) | ${json <= value ? 'JSON text' : 'serde-wasm-bindgen'} (${(Math.max(json, value) / Math.min(json, value)).toFixed(1)}×) |`);
  }
  return lines;
}

/* ---------- main ---------- */

/** `--province`: only section 2, with the render time per section (a profiling aid). */
async function provinceOnly() {
  await browser();
  const prov = await province();
  await closeBrowser();
  const med = (k) => median(prov.map((r) => r[k]));
  const names = Object.keys(prov[0].steps);
  const steps = names.map((n) => `${n.replace('render', '')} ${ms(median(prov.map((r) => r.steps[n] || 0)))}`).join(', ');
  console.log(
    `province paste, ${PROVINCE} parks, medians of ${RUNS}: total ${ms(med('ms'))} ms = evaluate ${ms(med('evaluate'))} + render ${ms(med('render'))} + style and layout ${ms(med('layout'))}; ${prov[0].parks} ranking rows`,
  );
  console.log(`render by section (ms): ${steps}`);
  console.log(`runs (ms): ${prov.map((r) => ms(r.ms)).join(', ')}`);
}

async function main() {
  if (args.includes('--province')) return provinceOnly();
  const b = await browser();
  const m = machine(b.version());
  const raw = readFileSync(PAGE_PATH);
  const size = { raw: statSync(PAGE_PATH).size, gzip: gzipSync(raw, { level: 9 }).length };

  const text = parkTable(ROWS, 1);
  const textBytes = Buffer.byteLength(text, 'utf8');
  process.stderr.write(`bench: ${ROWS} parks × ${COLUMNS.length} cells, ${(textBytes / 1e6).toFixed(2)} MB; ${WARMUP} warm-up + ${RUNS} timed runs each\n`);

  const boundaryPage = args.includes('--boundary-page') ? args[args.indexOf('--boundary-page') + 1] : null;
  if (args.includes('--boundary-only')) {
    // The boundary alone: `node bench.mjs --boundary-only --boundary-page target/boundary/wuhao.html`.
    const b = await measureBoundary(pathToFileURL(path.resolve(boundaryPage)).href, text);
    await closeBrowser();
    console.log(boundaryLines(b).join('\n'));
    return;
  }
  if (args.includes('--cold-only')) {
    // Section 4 alone (and the boundary), for work on start-up: `node bench.mjs --cold-only`.
    const cold = await coldStart(size.raw);
    await closeBrowser();
    const med = (xs, k) => median(xs.map((r) => r[k]));
    const c = med(cold.page, 'ms');
    const bl = med(cold.blank, 'ms');
    console.log(`cold start ${ms(c)} ms / blank ${ms(bl)} ms = ${(c / bl).toFixed(2)}×; DOMContentLoaded ${ms(med(cold.page, 'domContentLoaded'))} (blank ${ms(med(cold.blank, 'domContentLoaded'))}); ` +
      `render from ${ms(med(cold.page, 'computeStart'))} in ${ms(med(cold.page, 'render'))}; module decoded ${ms(med(cold.page, 'decode'))}, compiled ${ms(med(cold.page, 'compiled'))}, ready ${ms(med(cold.page, 'ready'))}, live ${ms(med(cold.page, 'live'))}; ` +
      `embedded ${cold.page.every((r) => r.embedded)}, same ${cold.page.every((r) => r.same === true)}; size ${size.raw} B`);
    console.log(`  runs: page [${cold.page.map((r) => ms(r.ms)).join(', ')}], blank [${cold.blank.map((r) => ms(r.ms)).join(', ')}]`);
    return;
  }
  const tp = await throughput(text);
  const prov = await province();
  const ent = await enterpriseSplit();
  const cold = await coldStart(size.raw);
  const big = await bigPaste();
  const bound = boundaryPage ? await measureBoundary(pathToFileURL(path.resolve(boundaryPage)).href, text) : null;
  await closeBrowser();

  const med = (xs, k) => median(xs.map((r) => r[k]));
  const oursMs = med(tp.ours, 'ms');
  const papaMs = med(tp.papa, 'ms');
  const udsvMs = med(tp.udsv, 'ms');
  const papaRatio = papaMs / oursMs;
  const udsvRatio = udsvMs / oursMs;
  // The same ratios run by run (the three ran back to back, under the same load):
  // their medians say less about a noisy neighbour than the ratio of the medians.
  const paired = (theirs) => {
    const r = theirs.map((t, i) => t.ms / tp.ours[i].ms).sort((a, b) => a - b);
    return r[Math.floor(r.length / 2)];
  };
  const provMs = med(prov, 'ms');
  const provEval = med(prov, 'evaluate');
  const entMs = med(ent, 'ms');
  const coldMs = med(cold.page, 'ms');
  const blankMs = med(cold.blank, 'ms');
  const bigMs = median(big.runs.map((r) => r.ms));
  const bigBytes = big.runs[0].bytes;
  const peakMem = Math.max(...big.runs.map((r) => r.memory || 0));
  const longest = Math.max(...big.runs.map((r) => r.longest));
  const o = tp.ours[0];
  const sp = (k) => ms(med(tp.split, k));
  const pp = (k) => ms(med(tp.papa, k));
  const up = (k) => ms(med(tp.udsv, k));
  const pv = (k) => ms(med(prov, k));
  const boundary = med(tp.split, 'stringify') + med(tp.split, 'parse');
  const MB = (x) => `${(x / 1e6).toFixed(1)} MB`;

  const rel = path.relative(process.cwd(), PAGE_PATH) || PAGE_PATH;
  const lines = [
    '',
    `machine: ${m.cpu}, nproc ${m.nproc}; Chromium ${m.chromium} (headless); ${m.os}; node ${m.node}`,
    `medians of ${RUNS} runs after ${WARMUP} warm-ups`,
    '',
    '| # | what | median |',
    '|---|---|---|',
    `| 1 | paste to report, ${ROWS.toLocaleString('en')} parks × ${COLUMNS.length} cells (${(textBytes / 1e6).toFixed(2)} MB): wuhao.evaluate | ${ms(oursMs)} ms |`,
    `| 1 | same text: Papa Parse ${tp.papaVersion} + clean-up | ${ms(papaMs)} ms |`,
    `| 1 | same text: uDSV ${tp.udsvVersion} + clean-up | ${ms(udsvMs)} ms |`,
    `| 2 | province paste, ${PROVINCE} parks × ${COLUMNS.length}: evaluate + render + layout | ${ms(provMs)} ms |`,
    `| 3 | ${ENTERPRISES.toLocaleString('en')}-enterprise split with the seed park: wuhao.evaluate | ${ms(entMs)} ms |`,
    `| 4 | cold start: navigation to the example rendered / a blank page of the same size | ${ms(coldMs)} ms / ${ms(blankMs)} ms |`,
    `| 5 | ${rel}: raw / gzip | ${size.raw.toLocaleString('en')} B / ${size.gzip.toLocaleString('en')} B |`,
    `| 6 | a ${(bigBytes / 1e6).toFixed(1)} MB paste through the page: busy state ${big.runs.every((r) => r.busySeen) ? 'shown' : 'NOT shown'}, to the report rendered | ${ms(bigMs)} ms |`,
    '',
    'details:',
    `  1. ours: ${o.parks} parks (${o.detailed} with breakdown), ${o.matched} columns matched to the scheme, ${o.diagnostics} diagnostics; ` +
      `stages: JSON.stringify ${sp('stringify')} ms, core ${sp('core')} ms, JSON.parse ${sp('parse')} ms of ${(tp.split[0].outBytes / 1e6).toFixed(2)} MB ` +
      `(all of it JSON, one object per park); the page's boundary (paste as a string, compact report): core ${sp('partsCore')} ms, ` +
      `JSON.parse ${sp('partsParse')} ms of ${(tp.split[0].partsBytes / 1e6).toFixed(2)} MB`,
    `     Papa Parse: parse ${pp('parse')} ms + clean-up ${pp('normalise')} ms; uDSV: parse ${up('parse')} ms + clean-up ${up('normalise')} ms; ` +
      `${tp.papa[0].rows} rows, ${tp.papa[0].numbers} numbers`,
    `     the JSON boundary alone (request in, report out) takes ${ms(boundary)} ms; 3× Papa Parse needs ours ≤ ${ms(papaMs / 3)} ms, 2× uDSV ≤ ${ms(udsvMs / 2)} ms`,
    `     run by run (median of each run's ratio; the table below gives the ratio of the medians): Papa Parse ÷ ours ${paired(tp.papa).toFixed(2)}×, uDSV ÷ ours ${paired(tp.udsv).toFixed(2)}×`,
    `  2. evaluate ${pv('evaluate')} ms, render ${pv('render')} ms, style and layout ${pv('layout')} ms; ${prov[0].parks} ranking rows ` +
      `(the page waits 150 ms after the last keystroke or paste before computing; not counted)`,
    `  3. ${ent[0].parts} parts, ${ent[0].sums} sum checks; the seed park alone ${ms(med(ent, 'without'))} ms; ` +
      `stages: JSON.stringify ${ms(med(ent, 'stringify'))} ms, core ${ms(med(ent, 'core'))} ms, JSON.parse ${ms(med(ent, 'parse'))} ms ` +
      `of ${(ent[0].outBytes / 1e6).toFixed(2)} MB; the full report (no compact: an object and a table row per part) ${ms(med(ent, 'full'))} ms`,
    `  4. HTML parsed and scripts run (DOMContentLoaded) at ${ms(med(cold.page, 'domContentLoaded'))} ms (blank ${ms(med(cold.blank, 'domContentLoaded'))} ms); ` +
      (cold.page.every((r) => r.embedded)
        ? `the example's report, the build's copy (no evaluate), rendered from ${ms(med(cold.page, 'computeStart'))} ms in ${ms(med(cold.page, 'render'))} ms; ` +
          `after it: the module decoded at ${ms(med(cold.page, 'decode'))} ms (after the first frame), compiled ${ms(med(cold.page, 'compiled'))}, ready ${ms(med(cold.page, 'ready'))}, ` +
          `the live report compared at ${ms(med(cold.page, 'live'))} ms (${cold.page.every((r) => r.same === true) ? 'identical in every run: not redrawn' : 'DIFFERENT: redrawn'}); `
        : `wasm ready and the example's computation starts at ${ms(med(cold.page, 'computeStart'))} ms; ` +
          `its evaluate ${ms(med(cold.page, 'evaluate'))} ms (the first call compiles the wasm functions it runs), render ${ms(med(cold.page, 'render'))} ms; `) +
      `${cold.page[0].rows} breakdown rows`,
    `  6. wasm memory ${big.memBefore === null ? '?' : MB(big.memBefore)} before the paste, ${MB(peakMem)} after ` +
      `(${big.runs.every((r) => r.worker) ? 'the worker\'s module, where the paste ran' : 'the page\'s module'}; its peak: memory never shrinks); ` +
      `longest main-thread task ${ms(longest)} ms`,
    `  7. the core natively (examples/profile_eval.rs, evaluate_parts with the page's compact request on the same ${(textBytes / 1e6).toFixed(2)} MB table): ` +
      `${Number.isFinite(NATIVE_MBPS) ? `${NATIVE_MBPS.toFixed(1)} MB/s` : 'not measured (run through scripts/bench.sh)'}; ` +
      `the shipped module through the page's core.js in V8 8.6 (node 15, scripts/node-core-bench.mjs): ` +
      `${Number.isFinite(V8_86_MBPS) ? `${V8_86_MBPS.toFixed(2)} MB/s` : 'not measured (node 15 unavailable, or not run through scripts/bench.sh)'}`,
    `  all runs (ms): ours [${tp.ours.map((r) => ms(r.ms)).join(', ')}], papa [${tp.papa.map((r) => ms(r.ms)).join(', ')}], ` +
      `udsv [${tp.udsv.map((r) => ms(r.ms)).join(', ')}], province [${prov.map((r) => ms(r.ms)).join(', ')}], ` +
      `split [${ent.map((r) => ms(r.ms)).join(', ')}], cold [${cold.page.map((r) => ms(r.ms)).join(', ')}], ` +
      `blank [${cold.blank.map((r) => ms(r.ms)).join(', ')}], 10 MB [${big.runs.map((r) => ms(r.ms)).join(', ')}]`,
  ];
  if (bound) lines.push(...boundaryLines(bound));
  else lines.push('', 'the boundary: not measured (scripts/bench.sh --boundary builds the page that measures it)');
  // Every target of issue 14, in one table.
  const met = (ok) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');
  const targets = [
    ['paste to report: Papa Parse ÷ ours', `${papaRatio.toFixed(2)}×`, '≥ 3×', papaRatio >= 3],
    ['paste to report: uDSV ÷ ours', `${udsvRatio.toFixed(2)}×`, '≥ 2×', udsvRatio >= 2],
    [`province paste (${PROVINCE} × ${COLUMNS.length}): evaluate + render + layout`, `${ms(provMs)} ms`, '< 20 ms', provMs < 20],
    [`province paste (${PROVINCE} × ${COLUMNS.length}): evaluate`, `${ms(provEval)} ms`, '< 3 ms', provEval < 3],
    [`${ENTERPRISES.toLocaleString('en')}-enterprise split`, `${ms(entMs)} ms`, '< 10 ms', entMs < 10],
    ['cold start ÷ blank page of the same size', `${(coldMs / blankMs).toFixed(2)}× (${ms(coldMs)} / ${ms(blankMs)} ms)`, '≤ 2×', coldMs <= 2 * blankMs],
    ['the core natively, 7 MB table', Number.isFinite(NATIVE_MBPS) ? `${NATIVE_MBPS.toFixed(1)} MB/s` : '?', '≥ 200 MB/s', Number.isFinite(NATIVE_MBPS) ? NATIVE_MBPS >= 200 : null],
    ['the shipped module in V8 8.6 (node 15), 7 MB table', Number.isFinite(V8_86_MBPS) ? `${V8_86_MBPS.toFixed(2)} MB/s` : '?', 'measured', Number.isFinite(V8_86_MBPS) ? true : null],
    [`peak wasm memory ÷ the ${(bigBytes / 1e6).toFixed(1)} MB paste`, peakMem ? `${(peakMem / bigBytes).toFixed(2)}× (${MB(peakMem)})` : '?', '≤ 4×', peakMem ? peakMem <= 4 * bigBytes : null],
    [`longest main-thread task, ${(bigBytes / 1e6).toFixed(1)} MB paste`, `${ms(longest)} ms`, '≤ 100 ms', longest <= 100],
    [`${rel} raw`, `${size.raw.toLocaleString('en')} B`, '≤ 1 MB', size.raw <= 1048576],
  ];
  lines.push('', '| metric | value | target | met? |', '|---|---|---|---|', ...targets.map((t) => `| ${t[0]} | ${t[1]} | ${t[2]} | ${met(t[3])} |`));
  console.log(lines.join('\n'));
  if (args.includes('--json')) {
    console.log(
      JSON.stringify({
        machine: m,
        oursMs,
        papaMs,
        udsvMs,
        papaRatio,
        udsvRatio,
        provinceMs: provMs,
        provinceEvaluateMs: provEval,
        splitMs: entMs,
        coldMs,
        blankMs,
        nativeMBps: Number.isFinite(NATIVE_MBPS) ? NATIVE_MBPS : null,
        v8_86MBps: Number.isFinite(V8_86_MBPS) ? V8_86_MBPS : null,
        peakWasmBytes: peakMem,
        longestTaskMs: longest,
        size,
        bigPasteMs: bigMs,
      }),
    );
  }
}

main().catch(async (e) => {
  console.error(e && e.stack ? e.stack : e);
  await closeBrowser().catch(() => {});
  process.exit(1);
});
