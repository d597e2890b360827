// A profiling aid (not a test; node --test runs only *.test.mjs): one province paste
// (150 parks, bench.mjs section 2) traced with CDP Tracing after three warm-ups; prints
// the heaviest trace events, each large Layout (dirty and total objects) and the
// elements under each big part of the page. The trace is written to
// $TMPDIR/wuhao-province-trace.json for chrome://tracing or DevTools.
// Run after a build: cd tests/browser && node prov-trace.mjs
import { openPage, closeBrowser } from './harness.mjs';
import { parkTable } from './bench-data.mjs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const s = await openPage();
const { page } = s;
const tables = [parkTable(150, 7), parkTable(150, 8)];
const paste = (t) =>
  page.evaluate(
    (t) =>
      new Promise((resolve) => {
        const n = Number(document.body.dataset.computed || 0);
        const ta = document.getElementById('data');
        ta.value = t;
        ta.dispatchEvent(new Event('input', { bubbles: true }));
        const poll = () => {
          if (Number(document.body.dataset.computed || 0) > n) {
            document.body.getBoundingClientRect();
            resolve();
          } else setTimeout(poll, 5);
        };
        poll();
      }),
    t,
  );
for (let i = 0; i < 3; i++) await paste(tables[i % 2]);
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,v8.execute', transferMode: 'ReportEvents' });
await paste(tables[1]);
await cdp.send('Tracing.end');
await done;
const out = path.join(tmpdir(), 'wuhao-province-trace.json');
writeFileSync(out, JSON.stringify({ traceEvents: events }));
console.log(`trace: ${out}`);
const by = {};
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  const k = e.name;
  by[k] = by[k] || { n: 0, ms: 0 };
  by[k].n++;
  by[k].ms += e.dur / 1000;
}
console.log(Object.entries(by).sort((a, b) => b[1].ms - a[1].ms).slice(0, 25).map(([k, v]) => `${k}: ${v.ms.toFixed(1)} ms ×${v.n}`).join('\n'));
for (const e of events) if (e.name === 'Layout' && e.dur > 1000) console.log('Layout', (e.dur / 1000).toFixed(1), JSON.stringify(e.args).slice(0, 400));
const dom = await page.evaluate(() => {
  const out = { total: document.getElementsByTagName('*').length };
  document.querySelectorAll('section, #data, [id]').forEach((el) => {
    const n = el.getElementsByTagName('*').length;
    if (n > 100 && el.id) out[el.id] = n + (el.offsetParent === null ? ' (hidden)' : '');
  });
  return out;
});
console.log(JSON.stringify(dom, null, 1));
s.assertClean();
await s.close();
await closeBrowser();
