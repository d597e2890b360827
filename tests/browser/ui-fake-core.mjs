// A stand-in for the wasm core, for testing the page's own behaviour (paste,
// rendering, hostile text, persistence, print layout) independently of the
// Rust scoring. It is written into a scratch copy of the page as
// pkg/wuhao.js; it is NOT the scoring logic and its numbers mean nothing.
// The real core is exercised by ui-real.test.mjs against pkg/wuhao.html.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');

// Runs in the page (ES2019 like the page), so it is kept as source text.
const FAKE_GLUE = String.raw`
var wasm_bindgen = (function () {
  var DIMS = [
    { key: 'planning', name: '规划定位好', weight: 20 },
    { key: 'innovation', name: '创新平台好', weight: 20 },
    { key: 'projects', name: '产业项目好', weight: 30 },
    { key: 'mechanism', name: '体制机制好', weight: 10 },
    { key: 'image', name: '发展形象好', weight: 20 }
  ];
  var SCHEME = { name: '五好园区评价（内置示例方案）', note: '内置示例方案 — 请按当年省级正式评价办法调整', total: 100,
    dimensions: DIMS, inputs: [], indicators: [
      { name: '技工贸总收入', dimension: 'projects', unit: '亿元', weight: 8, method: { type: 'completion', cap: 1 } },
      { name: '主导产业营业收入占比', dimension: 'planning', unit: '%', weight: 6, method: { type: 'benchmark', value: 70 } },
      { name: '功效', dimension: 'image', unit: '%', weight: 6, method: { type: 'efficacy', satisfactory: null, unacceptable: 3 } }
    ], adjustments: [], vetoes: [], grades: [{ min: 90, name: '优秀' }, { min: 60, name: '合格' }, { min: 0, name: '不合格' }] };
  function r2(x) { return Math.round(x * 100) / 100; }
  function num(t) { var v = parseFloat(String(t).replace(/,/g, '')); return isFinite(v) ? v : null; }
  function grid(text) { return text.replace(/^\uFEFF/, '').split(/\r?\n/).map(function (l) { return l.split('\t'); }); }
  function indicators(rows, hdr) {
    var ti = hdr.indexOf('年度目标'), ai = -1;
    hdr.forEach(function (h, i) { if (/累计|实际/.test(h)) ai = i; });
    var out = [];
    rows.forEach(function (r, k) {
      if (!r[0]) return;
      var v = num(r[ai]), t = num(r[ti]);
      var comp = v !== null && t ? r2(v / t * 100) : null;
      var w = 5, sc = comp === null ? 0 : r2(w * Math.min(1, comp / 100));
      out.push({ name: r[0], dimension: DIMS[k % 5].name, unit: r[1] || '', value: v, target: t, completion: comp, weight: w,
        score: sc, lost: r2(w - sc), explain: comp === null ? '' : '5 × min(' + v + ' / ' + t + ', 1) = ' + sc.toFixed(2),
        method: 'completion', missing: v === null ? '没有实际值' : (t === null ? '没有目标值' : null) });
    });
    return out;
  }
  function park(name, inds, month) {
    var dims = DIMS.map(function (d) {
      var s = inds.filter(function (i) { return i.dimension === d.name; }).reduce(function (a, i) { return a + Math.round(i.score * 100); }, 0) / 100;
      return { key: d.key, name: d.name, weight: d.weight, score: s };
    });
    var total = dims.reduce(function (a, d) { return a + Math.round(d.score * 100); }, 0) / 100;
    var tp = r2(month / 12 * 100);
    return { name: name, total: total, grade: total >= 90 ? '优秀' : total >= 60 ? '合格' : '不合格', rank: 1, veto: null,
      dimensions: dims, indicators: inds, adjustments: [],
      progress: inds.map(function (i) {
        var gap = i.completion === null ? null : r2(i.completion - tp);
        var key = gap === null ? 'missing' : gap >= 0 ? 'ahead' : gap >= -5 ? 'slight' : 'far';
        return { name: i.name, unit: i.unit, target: i.target, actual: i.value, completion: i.completion, time_progress: tp, gap_pp: gap,
          yoy: null, projection: i.value === null ? null : r2(i.value / month * 12), monthly_needed: null,
          status: { ahead: '超序时进度', slight: '略低于序时进度', far: '严重低于序时进度', missing: '缺数据' }[key], status_key: key, rate: false, negative: false, note: '' };
      }) };
  }
  function evaluate(json) {
    var req = JSON.parse(json);
    var g = grid(req.data || '');
    var month = req.period ? req.period.month : 11, year = req.period ? req.period.year : 2022;
    var report = { version: '0.0.0-fake', period: { year: year, month: month, source: req.period ? 'user' : 'today' },
      scheme: { name: SCHEME.name, note: SCHEME.note, total: 100, fallback: false },
      read: { shape: 'unknown', header_row: null, columns: [], unmatched: [], missing: [] }, diagnostics: [], parks: [], splits: [] };
    if (req.scheme && req.scheme.name) report.scheme.name = req.scheme.name;
    var hdr = g[0] || [];
    if (hdr[0] === '园区') {
      report.read.shape = 'park_rows';
      report.read.header_row = 1;
      report.read.columns = hdr.map(function (h, i) { return { col: i + 1, header: h, role: i ? h : '园区' }; });
      g.slice(1).forEach(function (r) {
        if (!r[0]) return;
        var inds = hdr.slice(1).map(function (h, i) {
          var v = num(r[i + 1]);
          return { name: h, dimension: DIMS[i % 5].name, unit: '', value: v, target: 100, completion: v, weight: 5,
            score: v === null ? 0 : r2(5 * Math.min(1, v / 100)), lost: v === null ? 5 : r2(5 - 5 * Math.min(1, v / 100)), explain: '', method: 'completion', missing: null };
        });
        report.parks.push(park(r[0], inds, month));
      });
      report.parks.slice().sort(function (a, b) { return b.total - a.total; }).forEach(function (p, i) { p.rank = i + 1; });
    } else if (hdr.length > 1) {
      report.read.shape = 'indicator_rows';
      report.read.header_row = 1;
      report.read.columns = hdr.map(function (h, i) { return { col: i + 1, header: h, role: ['指标', '单位'][i] || h }; });
      var inds = indicators(g.slice(1), hdr);
      if (inds.length) report.parks.push(park('', inds, month));
      g.slice(1).forEach(function (r, k) {
        r.forEach(function (cell, c) {
          if (c > 1 && cell && num(cell) === null && hdr[c] !== '备注') {
            report.diagnostics.push({ row: k + 2, col: c + 1, level: 'error', message: '不是数字', cell: cell, source: 'data', split: null });
          }
        });
      });
    }
    (req.splits || []).forEach(function (t, i) {
      if (!t.trim()) return;
      var sg = grid(t);
      report.splits.push({ index: report.splits.length, title: sg[0][0] || '分解', kind: '片区', unit: '亿元',
        parts: sg.slice(1).filter(function (r) { return r[0]; }).map(function (r) {
          var tt = num(r[1]), a = num(r[2]), c = tt && a !== null ? r2(a / tt * 100) : null;
          return { name: r[0], indicator: '技工贸总收入', target: tt, actual: a, completion: c, gap_pp: c === null ? null : r2(c - 91.67),
            status: c === null ? '缺数据' : c >= 91.67 ? '超序时进度' : '严重低于序时进度', status_key: c === null ? 'missing' : c >= 91.67 ? 'ahead' : 'far', gap_share: null };
        }), sums: [{ indicator: '技工贸总收入', what: '目标', whole: 165, parts_sum: 160, difference: -5, ok: false, message: '各部分目标之和比整体少 5' }],
        laggards: [] });
      report.diagnostics.push({ row: 2, col: 2, level: 'warning', message: '分解表提示', cell: (sg[1] || [])[1] || '', source: 'split', split: i });
    });
    report.tables = layout(report);
    return JSON.stringify(report);
  }
  // The real core lays the result tables out (src/export.rs); the stand-in gives the
  // same shape with its meaningless numbers, so the page's renderers have tables to draw.
  function layout(report) {
    var out = [];
    function txt(v) { return v === null || v === undefined ? '' : String(v); }
    function col(label, key, num, unit) { return { text: label + (unit ? '(' + unit + ')' : ''), label: label, unit: unit || null, num: !!num, key: key }; }
    report.parks.forEach(function (p, i) {
      var name = p.name || ('园区' + (i + 1));
      out.push({ key: 'breakdown:' + i, caption: name + '得分明细', columns: [col('维度', 'dim'), col('指标', 'name'), col('单位', 'unit'), col('实际值', 'value', 1),
        col('目标值', 'target', 1), col('完成率', 'completion', 1, '%'), col('分值', 'weight', 1), col('得分', 'score', 1), col('失分', 'lost', 1), col('计算过程', 'explain')],
        rows: p.indicators.map(function (x) {
          return { cells: [x.dimension, x.name, x.unit, txt(x.value), txt(x.target), txt(x.completion), txt(x.weight), x.score.toFixed(2), x.lost.toFixed(2), x.explain], class: x.missing ? 'missing' : '', link: x.name };
        }).concat([{ cells: ['总分', '', '', '', '', '', '', p.total.toFixed(2), '', '等级：' + p.grade], class: 'total' }]) });
      out.push({ key: 'dimensions:' + i, caption: name + '各维度得分', columns: [col('维度', 'dim'), col('满分', 'weight', 1), col('得分', 'score', 1)],
        rows: p.dimensions.map(function (d) { return { cells: [d.name, txt(d.weight), d.score.toFixed(2)] }; }).concat([{ cells: ['总分', '', p.total.toFixed(2)], class: 'total' }]) });
      out.push({ key: 'progress:' + i, caption: name + '目标进度', columns: [col('序号', 'seq', 1), col('指标', 'name'), col('单位', 'unit'), col('年度目标', 'target', 1),
        col('累计', 'actual', 1), col('完成率', 'completion', 1, '%'), col('序时进度', 'time_progress', 1, '%'), col('进度差', 'gap_pp', 1, '百分点'), col('同比增速', 'yoy', 1, '%'),
        col('全年预计', 'projection', 1), col('剩余月均需完成', 'monthly_needed', 1), col('状态', 'status'), col('说明', 'note')],
        rows: p.progress.map(function (r, k) {
          return { cells: [String(k + 1), r.name, r.unit, txt(r.target), txt(r.actual), txt(r.completion), txt(r.time_progress), txt(r.gap_pp), txt(r.yoy), txt(r.projection), txt(r.monthly_needed), r.status, r.note], status: r.status_key };
        }) });
    });
    if (report.parks.length) {
      out.push({ key: 'ranking', caption: '园区排名', columns: [col('排名', 'rank', 1), col('园区', 'park'), col('总分', 'total', 1), col('等级', 'grade')],
        rows: report.parks.map(function (p, i) { return { p: p, i: i }; }).sort(function (a, b) { return a.p.rank - b.p.rank; }).map(function (o) {
          return { cells: [String(o.p.rank), o.p.name, o.p.total.toFixed(2), o.p.grade], park: o.i };
        }) });
    }
    report.splits.forEach(function (sp, n) {
      out.push({ key: 'split:' + n, caption: sp.title, columns: [col('片区', 'part'), col('指标', 'name'), col('完成率', 'completion', 1, '%'), col('状态', 'status')],
        rows: sp.parts.map(function (x) { return { cells: [x.name, x.indicator, txt(x.completion), x.status], status: x.status_key }; }) });
      out.push({ key: 'split:' + n + ':sums', caption: sp.title + '合计校核', columns: [col('指标', 'name'), col('校核', 'check'), col('说明', 'note')],
        rows: sp.sums.map(function (m) { return { cells: [m.indicator, m.ok ? '一致' : '不一致', m.message], status: m.ok ? 'ok' : 'bad' }; }) });
    });
    return out;
  }
  function init() { return Promise.resolve({}); }
  init.initSync = function () {};
  init.evaluate = evaluate;
  init.defaultScheme = function () { return JSON.stringify(SCHEME); };
  init.loadScheme = function (text) {
    try { var s = JSON.parse(text); if (s && s.name && s.dimensions) return JSON.stringify({ scheme: s, diagnostics: [] }); } catch (e) {}
    return JSON.stringify({ scheme: null, diagnostics: [{ row: 1, col: 1, level: 'error', message: '方案无法识别', cell: String(text).slice(0, 20), source: 'scheme', split: null }] });
  };
  init.version = function () { return '0.0.0-fake'; };
  init.exportTables = function (json, key, format) {
    return new TextEncoder().encode(format === 'xlsx' ? 'PK-fake-xlsx' : 'fake\t' + key + '\r\n');
  };
  return init;
})();
`;

/** A scratch copy of www/ beside a fake pkg/, returning the file URL of index.html. */
export function fakePage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuhao-ui-'));
  fs.mkdirSync(path.join(dir, 'pkg'));
  // The whole page folder: index.html, style.css and every script it loads.
  fs.cpSync(path.join(ROOT, 'www'), path.join(dir, 'www'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'pkg', 'wuhao.js'), FAKE_GLUE);
  fs.writeFileSync(path.join(dir, 'pkg', 'wuhao_wasm.js'), 'var WUHAO_WASM_BASE64 = "AGFzbQEAAAA=";\n');
  return { dir, url: 'file://' + path.join(dir, 'www', 'index.html') };
}
