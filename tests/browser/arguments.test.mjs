// Issue 31: every function a user's script can call answers an argument of the
// wrong type (a number, an object, undefined, null …) with an Error whose message
// is Chinese and names the parameter: never a wasm trap (`memory access out of
// bounds`, `unreachable`) and never a bare TypeError. Both layers are called: the
// page's API (`window.wuhao`) and the wasm-bindgen glue under it (`wasm_bindgen.*`,
// a global any script on the page can reach). Afterwards the same module still
// evaluates, so no call left it broken. Real core (pkg/wuhao.html).

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, openPage } from './harness.mjs';

after(closeBrowser);

const TSV = '指标名称\t单位\t年度目标\t1-11月累计\n技工贸总收入\t亿元\t165\t148.2032\n';

test('wrong argument types get a clear Chinese error, never a trap or a bare TypeError', async () => {
  const s = await openPage();
  const { page } = s;
  const out = await page.evaluate((tsv) => {
    const w = window.wuhao;
    /* global wasm_bindgen */
    const g = wasm_bindgen;
    const rest = JSON.stringify({ today: '2022-12-01' });
    const req = { data: tsv, today: '2022-12-01' };
    const cycle = {};
    cycle.self = cycle;
    const calls = {
      'wuhao.evaluate(123)': () => w.evaluate(123),
      'wuhao.evaluate(undefined)': () => w.evaluate(undefined),
      'wuhao.evaluate(null)': () => w.evaluate(null),
      'wuhao.evaluate([])': () => w.evaluate([]),
      'wuhao.evaluate(true)': () => w.evaluate(true),
      'wuhao.evaluate(cycle)': () => w.evaluate(Object.assign(cycle, { data: tsv })),
      'wuhao.loadScheme(123)': () => w.loadScheme(123),
      'wuhao.loadScheme({})': () => w.loadScheme({}),
      'wuhao.loadScheme(undefined)': () => w.loadScheme(undefined),
      'wuhao.loadScheme(null)': () => w.loadScheme(null),
      'wuhao.exportTables(123)': () => w.exportTables(123),
      'wuhao.exportTables(undefined)': () => w.exportTables(undefined),
      'wuhao.exportTables(req, 5)': () => w.exportTables(req, 5),
      'wuhao.exportTables(req, "", {})': () => w.exportTables(req, '', {}),
      'wuhao.exportTables(req, [], "tsv")': () => w.exportTables(req, [], 'tsv'),
      'evaluate(123)': () => g.evaluate(123),
      'evaluate(undefined)': () => g.evaluate(undefined),
      'evaluate({})': () => g.evaluate({}),
      'evaluateParts(123, 456)': () => g.evaluateParts(123, 456),
      'evaluateParts(data, undefined)': () => g.evaluateParts(tsv, undefined),
      'evaluateParts(null, rest)': () => g.evaluateParts(null, rest),
      'evaluateParts({}, {})': () => g.evaluateParts({}, {}),
      'exportParts(data, rest, 5, {})': () => g.exportParts(tsv, rest, 5, {}),
      'exportParts(undefined x4)': () => g.exportParts(),
      'exportTables(123, "", "tsv")': () => g.exportTables(123, '', 'tsv'),
      'exportTables(rest, null, "tsv")': () => g.exportTables(rest, null, 'tsv'),
      'exportTables(rest, "", 7)': () => g.exportTables(rest, '', 7),
      'loadScheme(123)': () => g.loadScheme(123),
      'loadScheme(undefined)': () => g.loadScheme(undefined),
      'loadScheme(Symbol)': () => g.loadScheme(Symbol('x')),
      'schemeTable({})': () => g.schemeTable({}),
      'schemeTable(null)': () => g.schemeTable(null),
    };
    const results = {};
    for (const [name, call] of Object.entries(calls)) {
      try {
        call();
        results[name] = { threw: false };
      } catch (e) {
        results[name] = { threw: true, isError: e instanceof Error, ctor: e && e.constructor && e.constructor.name, message: String(e && e.message) };
      }
    }
    // The module is still whole: the same calls with the right types work.
    const report = w.evaluate(req);
    const parts = JSON.parse(g.evaluateParts(tsv, rest));
    const bytes = w.exportTables(req, '', 'csv');
    const scheme = w.loadScheme(JSON.stringify(w.defaultScheme()));
    return { results, total: report.parks[0].total, partsTotal: parts.parks[0].total, bytes: bytes.length, scheme: !!scheme.scheme };
  }, TSV);
  for (const [name, r] of Object.entries(out.results)) {
    assert.ok(r.threw, `${name} threw`);
    assert.ok(r.isError, `${name} threw an Error: ${JSON.stringify(r)}`);
    assert.notEqual(r.ctor, 'TypeError', `${name}: not a bare TypeError: ${r.message}`);
    assert.notEqual(r.ctor, 'RuntimeError', `${name}: not a wasm trap: ${r.message}`);
    assert.match(r.message, /[\u4e00-\u9fff]/, `${name}: a Chinese message: ${r.message}`);
    assert.match(r.message, /(的参数 \S+ 应为|无法写成 JSON)/, `${name}: names the parameter: ${r.message}`);
  }
  assert.match(out.results['evaluateParts(123, 456)'].message, /evaluateParts 的参数 data 应为文字（字符串），收到的是数字/);
  assert.match(out.results['wuhao.loadScheme(undefined)'].message, /收到的是undefined/);
  assert.equal(out.partsTotal, out.total, 'the module still evaluates after every refused call');
  assert.ok(out.bytes > 0 && out.scheme);
  s.assertClean();
  await s.close();
});
