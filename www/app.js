/* 五好园区指标计算器 — the page script.
 *
 * It only gathers inputs, calls the Rust core (wasm) and renders what the core
 * reports; every number shown comes from the core. Written in ES2019 at most
 * (no ?. ?? or class fields) because office browsers run Chromium 86-class
 * kernels. Pasted text and scheme fields are hostile by assumption: everything
 * reaches the DOM through textContent, .value or createElement, never innerHTML.
 */
(function () {
  'use strict';

  var STORE_KEY = 'wuhao.page.v1';
  var UNDO_KEY = 'wuhao.page.undo.v1';
  var BIG_INPUT = 200000;
  // Laying out a textarea holding megabytes of text takes many seconds, so a paste
  // this large is kept in memory and summarised instead of shown in the box.
  var BIG_SHOW = 1000000;
  var showBig = false;

  /* ---------- small DOM helpers ---------- */

  function $(id) {
    return document.getElementById(id);
  }

  function clear(node) {
    // One operation rather than one removal per child: big tables empty at once.
    node.textContent = '';
    return node;
  }

  function append(node, children) {
    if (children === undefined || children === null) return node;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  }

  /** Creates an HTML element. props: class, id, text, title, attrs, on. */
  function h(tag, props, children) {
    var e = document.createElement(tag);
    props = props || {};
    if (props['class']) e.className = props['class'];
    if (props.id) e.id = props.id;
    if (props.text !== undefined && props.text !== null) e.textContent = String(props.text);
    if (props.title) e.title = props.title;
    var attrs = props.attrs || {};
    Object.keys(attrs).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, String(attrs[k]));
    });
    var on = props.on || {};
    Object.keys(on).forEach(function (k) {
      e.addEventListener(k, on[k]);
    });
    return append(e, children);
  }

  var SVGNS = 'http://www.w3.org/2000/svg';

  /** Creates an SVG element with attributes; text goes in through textContent. */
  function s(tag, attrs, children) {
    var e = document.createElementNS(SVGNS, tag);
    attrs = attrs || {};
    Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = String(attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, String(attrs[k]));
    });
    return append(e, children);
  }

  function show(node, on) {
    node.hidden = !on;
  }

  /* ---------- number formatting (presentation only) ---------- */

  function isNum(v) {
    return typeof v === 'number' && isFinite(v);
  }

  function fmtNum(v) {
    if (!isNum(v)) return '—';
    if (Math.abs(v) >= 1e12) return v.toExponential(4);
    var r = Math.round(v * 10000) / 10000;
    if (r === 0) r = 0; // never print "-0"
    return String(r);
  }

  function fmtPts(v) {
    return isNum(v) ? (Math.round(v * 100) / 100).toFixed(2) : '—';
  }

  function fmtPct(v) {
    return isNum(v) ? (Math.round(v * 100) / 100).toFixed(2) + '%' : '—';
  }

  function fmtPp(v) {
    if (!isNum(v)) return '—';
    var t = (Math.round(v * 100) / 100).toFixed(2);
    return v > 0 ? '+' + t : t;
  }

  /** Sum of point figures in integer hundredths, so a subtotal equals the printed parts. */
  function sumPts(list) {
    return list.reduce(function (a, v) {
      return a + (isNum(v) ? Math.round(v * 100) : 0);
    }, 0) / 100;
  }

  function pad2(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function todayIso() {
    var d = new Date();
    return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate());
  }

  function todayCn() {
    var d = new Date();
    return d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日';
  }

  function periodCn(p) {
    return p ? p.year + '年' + p.month + '月' : '';
  }

  function clone(v) {
    return v === null || v === undefined ? v : JSON.parse(JSON.stringify(v));
  }

  /* ---------- the wasm core and the automation contract ---------- */

  var core = null;

  function base64Bytes(b64) {
    // Browsers that decode base64 natively (Chromium 140+) do it at once; the loop
    // below, run cold by the interpreter, took about a third of cold start there.
    if (typeof Uint8Array.fromBase64 === 'function') {
      try {
        return Uint8Array.fromBase64(b64);
      } catch (e) {
        /* fall through to the portable decoder */
      }
    }
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function initCore() {
    /* global wasm_bindgen, WUHAO_WASM_BASE64 */
    var glue = typeof wasm_bindgen !== 'undefined' ? wasm_bindgen : null;
    var b64 = typeof WUHAO_WASM_BASE64 === 'string' ? WUHAO_WASM_BASE64 : '';
    if (!glue || !b64) return Promise.reject(new Error('未找到计算模块（wasm），请先运行构建命令'));
    return glue({ module_or_path: base64Bytes(b64) }).then(function () {
      core = glue;
      return glue;
    });
  }

  function needCore() {
    if (!core) throw new Error('计算模块尚未就绪');
    return core;
  }

  function withToday(request) {
    var r = Object.assign({}, request || {});
    if (!r.today) r.today = todayIso();
    return r;
  }

  function evaluate(request) {
    return JSON.parse(needCore().evaluate(JSON.stringify(withToday(request))));
  }

  function defaultScheme() {
    return JSON.parse(needCore().defaultScheme());
  }

  function loadScheme(text) {
    return JSON.parse(needCore().loadScheme(String(text)));
  }

  function exportTables(request, key, format) {
    return needCore().exportTables(JSON.stringify(withToday(request)), key || '', format || 'tsv');
  }

  var ready = initCore().then(function () {
    api.version = core.version();
  });

  var api = {
    ready: ready,
    version: null,
    evaluate: evaluate,
    defaultScheme: defaultScheme,
    loadScheme: loadScheme,
    exportTables: exportTables,
    // Milliseconds (performance.now) of the last computation on the page: its
    // start, the report back from the core, and the report rendered. Read by
    // scripts/bench.sh; null until the first render.
    timing: null
  };
  window.wuhao = api;

  /* ---------- page state and persistence ---------- */

  function freshState() {
    var d = new Date();
    return {
      data: '',
      parkName: '',
      periodMode: 'auto',
      year: d.getFullYear(),
      month: d.getMonth() + 1,
      splits: [''],
      byDays: false,
      slightPp: 5,
      splitTolPct: 0.5,
      scheme: null,
      schemeLabel: '',
      schemeText: '',
      example: false,
      parkIndex: 0,
      sortKey: 'gap_pp',
      sortDir: 1,
      dataNotSaved: 0,
      // How the park paste came: { form: 'html' | 'text', merged, precise } (clipboardText).
      dataForm: null
    };
  }

  var state = freshState();
  var storage = openStorage();

  /** localStorage, or null where the browser refuses it for file:// pages. */
  function openStorage() {
    try {
      var ls = window.localStorage;
      ls.setItem('wuhao.probe', '1');
      ls.removeItem('wuhao.probe');
      return ls;
    } catch (e) {
      return null;
    }
  }

  function readStored(key) {
    if (!storage) return null;
    try {
      var raw = storage.getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }

  function writeStored(key, value) {
    if (!storage) return true;
    try {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  /** Takes only known keys of the right type, so a damaged store cannot break the page. */
  function sanitizeState(saved) {
    var st = freshState();
    if (!saved || typeof saved !== 'object') return st;
    Object.keys(st).forEach(function (k) {
      var v = saved[k];
      if (k === 'scheme') {
        if (v && typeof v === 'object') st.scheme = v;
      } else if (k === 'splits') {
        if (Array.isArray(v)) {
          st.splits = v.filter(function (x) {
            return typeof x === 'string';
          });
          if (!st.splits.length) st.splits = [''];
        }
      } else if (v !== undefined && v !== null && typeof v === typeof st[k]) {
        st[k] = v;
      }
    });
    return st;
  }

  /**
   * Saves the state. A paste too large for the browser's store is left out, and
   * the rest (settings, scheme, splits) is still saved, so a reload does not
   * bring back an older paste silently; it says the large one was not kept.
   */
  function saveState() {
    if (writeStored(STORE_KEY, state)) return;
    var slim = Object.assign({}, state, { data: '', dataNotSaved: state.data.length });
    if (!writeStored(STORE_KEY, slim)) slim.splits = [''];
    if (!writeStored(STORE_KEY, slim)) writeStored(STORE_KEY, null);
    say('粘贴的内容超出浏览器本地存储空间，关闭页面后不会保留（内容仍在页面上）。', true);
  }

  /* ---------- status line ---------- */

  var sayTimer = null;

  function say(text, bad) {
    var el = $('status');
    el.textContent = text;
    el.className = bad ? 'bad' : '';
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () {
      el.textContent = '';
    }, 8000);
  }

  /* ---------- the example ---------- */

  // The seed park's real Jan–Nov figures (examples/hengshan-2022-jan-nov.tsv) with a
  // 年度目标 column added. Those targets are invented for illustration and the page
  // labels them 示例目标 wherever the example is shown.
  var EXAMPLE_TSV = [
    '指标名称\t单位\t年度目标\t1-11月累计\t备注',
    '技工贸总收入\t亿元\t165\t148.2032\t',
    '上交税金\t亿元\t6\t5.27\t',
    '固定资产投资额\t亿元\t48\t40.62\t',
    '固定资产投资增速\t%\t15\t17.67\t',
    '制造业主营业务收入\t亿元\t105\t94.46\t',
    '主导产业营业收入占比\t%\t65\t63.7\t',
    '综合容积率\t\t\t1.37\t工业上楼，由0.5提高到1.37',
    '高新技术产业营业收入占比\t%\t62\t63.12\t',
    '研究开发费用总额\t亿元\t5.5\t4.99\t',
    '进出口额\t亿元\t32\t25.9\t',
    '实际利用外资\t亿元\t2.8\t2.56\t',
    '实际利用省外境内资金\t亿元\t21\t18.88\t',
    '新开工重大项目数\t个\t12\t9\t',
    '新增专利授权\t件\t40\t34\t',
    '新增园区公共服务平台\t个\t1\t1\t',
    '新增园区生产性服务机构\t个\t4\t4\t',
    '政务服务事项平均申报材料\t件\t3.5\t3.1\t由5.9件减至3.1件',
    '事项办理时限压缩率\t%\t25\t25\t',
    '较大及以上生产安全事故\t起\t0\t0\t全年未发生死亡、重伤及以上事故'
  ].join('\n');

  // An invented split of the same park's 技工贸总收入 by area, adding up to the
  // park's figures, so the example also shows the decomposition check.
  var EXAMPLE_SPLIT = [
    '技工贸总收入目标分解（示例，虚构片区数据）',
    '片区\t年度目标\t1-11月累计',
    '板桥片区\t70\t63.5',
    '长安片区\t55\t49.2',
    '老园区\t40\t35.5032',
    '合计\t165\t148.2032'
  ].join('\n');

  var EXAMPLE_PARK = '衡山高新区';

  function loadExample() {
    state.data = EXAMPLE_TSV;
    state.parkName = EXAMPLE_PARK;
    state.periodMode = 'manual';
    state.year = 2022;
    state.month = 11;
    state.splits = [EXAMPLE_SPLIT];
    state.example = true;
    state.parkIndex = 0;
    syncInputs();
    changed(true);
  }

  /* ---------- gathering inputs ---------- */

  function buildRequest() {
    var req = {
      data: state.data,
      data_form: state.dataForm || { form: 'text', merged: 0, precise: 0 },
      // Blank split boxes are passed too, so a split diagnostic's index is its box.
      splits: state.splits.slice(),
      settings: {
        by_days: state.byDays,
        slight_pp: Number(state.slightPp),
        split_tolerance: Number(state.splitTolPct) / 100
      },
      today: todayIso()
    };
    if (state.periodMode === 'manual') req.period = { year: Number(state.year), month: Number(state.month) };
    if (state.scheme) req.scheme = state.scheme;
    return req;
  }

  function syncInputs() {
    syncDataBox();
    $('park-name').value = state.parkName;
    $('period-mode').value = state.periodMode;
    $('period-year').value = state.year;
    $('period-month').value = String(state.month);
    $('period-year').disabled = state.periodMode !== 'manual';
    $('period-month').disabled = state.periodMode !== 'manual';
    $('by-days').value = state.byDays ? 'day' : 'month';
    $('slight-pp').value = state.slightPp;
    $('split-tol').value = state.splitTolPct;
    $('scheme-text').value = state.schemeText;
    show($('example-note'), state.example);
    renderSplitInputs();
  }

  function dataCollapsed() {
    return state.data.length > BIG_SHOW && !showBig;
  }

  /** Shows the park paste in its box, or a summary of it when it is too large to lay out. */
  function syncDataBox() {
    var ta = $('data');
    var collapsed = dataCollapsed();
    show(ta, !collapsed);
    show($('big-note'), collapsed);
    if (collapsed) {
      var lines = state.data.split('\n').length;
      $('big-text').textContent = '已粘贴的表格很大（' + (state.data.length / 1e6).toFixed(1) + ' 百万字符，约 ' + lines + ' 行），' +
        '为保持页面流畅，未在输入框中显示全文；计算照常进行。';
      ta.value = '';
    } else if (ta.value !== state.data) {
      ta.value = state.data;
    }
  }

  /**
   * What a paste event carries: the table of its text/html form when Excel or
   * WPS put one there (merged cells, full precision; see clipboard.js), else
   * its plain text. `form` says which, for the read-back.
   */
  function clipboardText(cd) {
    var html = '';
    try {
      html = cd.getData('text/html') || '';
    } catch (err) {
      html = '';
    }
    var table = html && window.WuhaoClipboard ? window.WuhaoClipboard.fromHtml(html) : null;
    if (table) return { text: table.text, form: { form: 'html', merged: table.merged, precise: table.precise } };
    return { text: cd.getData('text/plain') || cd.getData('text') || '', form: { form: 'text', merged: 0, precise: 0 } };
  }

  /** The park paste: very large text goes to the state directly, not through the box. */
  function onDataPaste(e) {
    var cd = e.clipboardData || window.clipboardData;
    if (!cd) return;
    var clip = clipboardText(cd);
    var text = clip.text;
    state.dataForm = clip.form;
    var ta = $('data');
    var collapsed = dataCollapsed();
    var start = collapsed ? 0 : ta.selectionStart;
    var end = collapsed ? state.data.length : ta.selectionEnd;
    var whole = (collapsed ? state.data : ta.value);
    if (whole.length - (end - start) + text.length <= BIG_SHOW) {
      onPaste(e);
      return;
    }
    e.preventDefault();
    state.data = whole.slice(0, start) + text + whole.slice(end);
    if (state.example) leaveExample(true);
    showBig = false;
    syncDataBox();
    changed(true);
  }

  function renderSplitInputs() {
    var list = clear($('split-list'));
    state.splits.forEach(function (text, i) {
      var ta = h('textarea', {
        'class': 'split-text',
        attrs: { rows: 4, spellcheck: 'false', wrap: 'off', 'data-split': i, 'aria-label': '分解表 ' + (i + 1) }
      });
      ta.value = text;
      ta.addEventListener('input', function () {
        state.splits[i] = ta.value;
        changed(false);
      });
      ta.addEventListener('paste', onPaste);
      var remove = h('button', {
        text: '删除',
        attrs: { type: 'button' },
        on: {
          click: function () {
            state.splits.splice(i, 1);
            if (!state.splits.length) state.splits = [''];
            renderSplitInputs();
            changed(true);
          }
        }
      });
      list.appendChild(h('div', { 'class': 'split-item' }, [h('div', { 'class': 'split-label', text: '分解表 ' + (i + 1) }, [' ', remove]), ta]));
    });
  }

  function splitBox(i) {
    return document.querySelector('textarea[data-split="' + Number(i) + '"]');
  }

  /** Pastes clipboard text at the caret; the same path serves real and synthetic paste events. */
  function onPaste(e) {
    var cd = e.clipboardData || window.clipboardData;
    if (!cd) return;
    var text = clipboardText(cd).text;
    if (!text) return;
    e.preventDefault();
    insertText(e.target, text);
  }

  function insertText(ta, text) {
    var start = ta.selectionStart;
    var end = ta.selectionEnd;
    var expected = ta.value.length - (end - start) + text.replace(/\r\n?/g, '\n').length;
    var ok = false;
    ta.focus();
    // execCommand keeps the textarea's own undo history; huge pastes skip it for speed.
    if (text.length < BIG_INPUT) {
      try {
        ok = document.execCommand('insertText', false, text);
      } catch (err) {
        ok = false;
      }
    }
    if (!ok || ta.value.length !== expected) {
      ta.value = ta.value.slice(0, start) + text + ta.value.slice(end);
      ta.selectionStart = ta.selectionEnd = start + text.length;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  function bindInputs() {
    var months = $('period-month');
    for (var m = 1; m <= 12; m++) months.appendChild(h('option', { text: String(m), attrs: { value: m } }));

    bindField('data', 'input', function (v) {
      state.data = v;
      showBig = false;
      if (!v) state.dataForm = null;
    });
    $('data').addEventListener('paste', onDataPaste);
    $('btn-big-show').addEventListener('click', function () {
      showBig = true;
      syncDataBox();
    });
    $('btn-big-replace').addEventListener('click', function () {
      // An empty, visible box ready for Ctrl+V; the big text stays until something replaces it.
      show($('big-note'), false);
      show($('data'), true);
      $('data').value = '';
      $('data').focus();
      say('请按 Ctrl+V 粘贴新的表格；在粘贴之前，原表格仍然有效。');
    });
    bindField('park-name', 'input', function (v) {
      state.parkName = v;
    });
    bindField('period-mode', 'change', function (v) {
      state.periodMode = v === 'manual' ? 'manual' : 'auto';
      $('period-year').disabled = state.periodMode !== 'manual';
      $('period-month').disabled = state.periodMode !== 'manual';
    });
    bindField('period-year', 'input', function (v) {
      state.year = Number(v) || state.year;
    });
    bindField('period-month', 'change', function (v) {
      state.month = Number(v) || 1;
    });
    bindField('by-days', 'change', function (v) {
      state.byDays = v === 'day';
    });
    bindField('slight-pp', 'input', function (v) {
      if (v !== '' && isFinite(Number(v))) state.slightPp = Number(v);
    });
    bindField('split-tol', 'input', function (v) {
      if (v !== '' && isFinite(Number(v))) state.splitTolPct = Number(v);
    });
    bindField('scheme-text', 'input', function (v) {
      state.schemeText = v;
    }, true);

    $('btn-example').addEventListener('click', loadExample);
    $('btn-add-split').addEventListener('click', function () {
      state.splits.push('');
      renderSplitInputs();
      var box = splitBox(state.splits.length - 1);
      if (box) box.focus();
      saveState();
    });
    $('park-select').addEventListener('change', function () {
      state.parkIndex = Number($('park-select').value) || 0;
      changed(true);
    });
  }

  /**
   * Once the user's own data replaces the example's, the example's invented parts
   * (its name, its area split, the 示例目标 label) go too, so they are never
   * mistaken for the user's.
   */
  function leaveExample(dataReplaced) {
    state.example = false;
    show($('example-note'), false);
    if (!dataReplaced) return;
    if (state.parkName === EXAMPLE_PARK) {
      state.parkName = '';
      $('park-name').value = '';
    }
    if (state.splits.length === 1 && state.splits[0] === EXAMPLE_SPLIT) {
      state.splits = [''];
      renderSplitInputs();
    }
    // The example's period (2022年11月) would silently date the user's own figures.
    if (state.periodMode === 'manual' && state.year === 2022 && state.month === 11) {
      var d = new Date();
      state.periodMode = 'auto';
      state.year = d.getFullYear();
      state.month = d.getMonth() + 1;
      syncInputs();
    }
  }

  function bindField(id, event, apply, noRecompute) {
    var el = $(id);
    el.addEventListener(event, function () {
      apply(el.value);
      if (id === 'data' || id === 'park-name') {
        // Once the user edits, the example's invented targets are no longer the example's.
        if (state.example && state.data !== EXAMPLE_TSV) leaveExample(id === 'data');
      }
      if (noRecompute) saveState();
      else changed(false);
    });
  }

  /* ---------- recomputation ---------- */

  var timer = null;
  var firstRendered = false;
  var lastRequest = null;
  var lastReport = null;

  /** Saves and recomputes: at once for buttons, debounced ~150 ms for typing. */
  function changed(now) {
    clearTimeout(timer);
    timer = setTimeout(recompute, now ? 0 : 150);
  }

  function inputSize() {
    return state.splits.reduce(function (a, t) {
      return a + t.length;
    }, state.data.length);
  }

  function recompute() {
    timer = null;
    saveState();
    if (!core) return;
    if (inputSize() > BIG_INPUT) {
      // Large pastes take a moment: show the busy state first, then compute.
      setBusy(true);
      setTimeout(function () {
        computeAndRender();
        setBusy(false);
      }, 30);
    } else {
      computeAndRender();
    }
  }

  function setBusy(on) {
    show($('busy'), on);
    document.documentElement.classList.toggle('busy', on);
  }

  var FAILED = {};

  /** The report for `req`, or FAILED after telling the user what went wrong. */
  function tryEvaluate(req) {
    try {
      return evaluate(req);
    } catch (e) {
      say('计算出错：' + (e && e.message ? e.message : String(e)) + '（输入已保留）', true);
      bumpComputed();
      return FAILED;
    }
  }

  function computeAndRender() {
    var t0 = clock();
    var req = buildRequest();
    // Only the chosen park's breakdown is shown, so only it is asked for: on a
    // province-wide paste the other parks' breakdowns were most of the work.
    // The export keeps using `req`, which asks for every breakdown as before.
    var report = tryEvaluate(Object.assign({ detail: state.parkIndex }, req));
    if (report === FAILED) return;
    if (report && report.parks && state.parkIndex !== 0 && !report.parks[state.parkIndex]) {
      state.parkIndex = 0;
      report = tryEvaluate(Object.assign({ detail: 0 }, req));
      if (report === FAILED) return;
    }
    if (!report || !report.period) {
      say('计算模块返回了无法识别的结果（输入已保留）。', true);
      bumpComputed();
      return;
    }
    lastRequest = req;
    lastReport = report;
    var t1 = clock();
    try {
      renderAll(report);
      api.timing = { start: t0, evaluated: t1, rendered: clock() };
      // Cold start is measured to this mark (scripts/bench.sh): navigation to the first report on screen.
      if (!firstRendered && window.performance && performance.mark) performance.mark('wuhao-rendered');
      firstRendered = true;
    } catch (e) {
      // A rendering slip must not take the inputs down with it.
      say('显示结果时出错：' + (e && e.message ? e.message : String(e)) + '（输入已保留）', true);
      bumpComputed();
    }
  }

  /** A high-resolution clock for the timing hook (milliseconds since navigation). */
  function clock() {
    return window.performance && performance.now ? performance.now() : Date.now();
  }

  function bumpComputed() {
    document.body.setAttribute('data-computed', String(Number(document.body.getAttribute('data-computed') || 0) + 1));
  }

  function renderAll(report) {
    var parks = report.parks || [];
    if (state.parkIndex >= parks.length) state.parkIndex = 0;
    var park = parks[state.parkIndex] || null;
    document.documentElement.classList.toggle('multi', parks.length > 1);
    renderTitle(report, park);
    renderRead(report);
    renderDiagnostics(report);
    renderSummary(report, park);
    renderRanking(report);
    renderDimensions(park);
    renderBreakdown(park);
    renderAdjustments(park);
    renderProgress(park);
    renderSplits(report);
    renderSchemeHead(report);
    bumpComputed();
  }

  /* ---------- title and print header ---------- */

  /** The park's name: the typed name for a single park, else the name read from the paste. */
  function parkTitle(park) {
    var several = lastReport && (lastReport.parks || []).length > 1;
    if (!several && state.parkName.trim()) return state.parkName.trim();
    return park && park.name ? park.name : '';
  }

  function renderTitle(report, park) {
    var name = parkTitle(park);
    var multi = (report.parks || []).length > 1;
    var period = periodCn(report.period);
    var src = { user: '手动设定', header: '按表头', today: '按当前日期' }[report.period.source] || '';
    $('title-park').textContent = multi ? (report.parks.length + ' 个园区对比') : name;
    $('title-period').textContent = '数据截至 ' + period + (src ? '（' + src + '）' : '');
    $('title-version').textContent = 'v' + (report.version || api.version || '');
    $('print-title').textContent = multi ? '五好园区指标评价排名表' : '五好园区指标评价得分表';
    $('print-park').textContent = multi ? (report.parks.length + ' 个园区') : (name || '（未填写）');
    $('print-period').textContent = period;
    $('print-date').textContent = todayCn();
    $('print-scheme').textContent = '评价方案：' + report.scheme.name + (report.scheme.note ? '（' + report.scheme.note + '）' : '') +
      (state.example ? '；年度目标为示例目标（虚构）' : '');
    document.title = (name ? name + ' — ' : '') + '五好园区指标计算器';
    if (state.periodMode === 'auto') {
      // The greyed-out selectors show the period in force, so 手动 starts from it.
      state.year = report.period.year;
      state.month = report.period.month;
      $('period-year').value = state.year;
      $('period-month').value = String(state.month);
    }
  }

  /* ---------- how the paste was read ---------- */

  var SHAPES = {
    indicator_rows: '指标按行（单个园区）',
    park_rows: '园区按行（多个园区对比）',
    unknown: '未能识别表格结构'
  };

  function renderRead(report) {
    var box = clear($('read'));
    var read = report.read || {};
    if (!state.data.trim()) {
      box.appendChild(h('p', { 'class': 'muted', text: '尚未粘贴数据。可点击“载入示例”查看效果。' }));
      return;
    }
    box.appendChild(h('p', null, [
      '表格结构：', h('strong', { text: SHAPES[read.shape] || String(read.shape) }),
      read.header_row ? '；表头在第 ' + read.header_row + ' 行' : ''
    ]));
    var clip = read.clipboard;
    if (clip && clip.form === 'html') {
      box.appendChild(h('p', { 'class': 'read-form', text: '已按剪贴板中的表格格式读取（Excel/WPS 的 HTML）' +
        (clip.merged ? '：合并单元格 ' + clip.merged + ' 处已展开' : '') +
        (clip.precise ? (clip.merged ? '，' : '：') + clip.precise + ' 个数值按完整精度取值（而非显示的舍入值）' : '') + '。' }));
    }
    if (read.columns && read.columns.length) {
      box.appendChild(makeTable({
        cls: 'compact',
        columns: [{ label: '列' }, { label: '表头' }, { label: '识别为' }],
        rows: read.columns.map(function (c) {
          return { cells: [colName(c.col), c.header, c.role] };
        })
      }));
    }
    (read.unmatched || []).forEach(function (u) {
      var li = diagLink('data', null, u.row, u.col, '第 ' + u.row + ' 行“' + u.text + '”未对应方案中的指标' +
        (u.suggestions && u.suggestions.length ? '，是否是：' + u.suggestions.join('、') + '？' : '，已忽略。'), 'warning');
      box.appendChild(h('p', { 'class': 'unmatched' }, li));
    });
    if (read.missing && read.missing.length) {
      box.appendChild(h('p', { 'class': 'missing-list' }, ['方案中以下项目在粘贴内容中没有数据：', h('span', { text: read.missing.join('、') })]));
    }
  }

  /** Excel-style column letters, so a clerk finds the column in the sheet. */
  function colName(n) {
    var out = '';
    var k = Number(n);
    while (k > 0) {
      var r = (k - 1) % 26;
      out = String.fromCharCode(65 + r) + out;
      k = Math.floor((k - 1) / 26);
    }
    return out ? out + ' 列' : '';
  }

  /* ---------- diagnostics ---------- */

  function diagPlace(d) {
    var where = [];
    if (d.source === 'split' && d.split !== null && d.split !== undefined) where.push('分解表 ' + (d.split + 1));
    if (d.source === 'scheme') where.push('方案');
    if (d.row) where.push('第 ' + d.row + ' 行');
    if (d.col) where.push('第 ' + d.col + ' 列（' + colName(d.col).replace(' 列', '') + '）');
    return where.join(' ');
  }

  function renderDiagnostics(report) {
    var list = clear($('diagnostics'));
    var diags = report.diagnostics || [];
    $('diag-count').textContent = diags.length ? '（' + diags.length + ' 条）' : '';
    if (!diags.length) {
      list.appendChild(h('li', { 'class': 'muted', text: '没有发现问题。' }));
      return;
    }
    // Problems of one kind are listed together, in the order each kind first
    // appears; a kind seen more than once gets a heading with its count.
    var groups = [];
    var byKind = {};
    diags.forEach(function (d) {
      var k = d.kind || 'other';
      if (!byKind[k]) {
        byKind[k] = [];
        groups.push(k);
      }
      byKind[k].push(d);
    });
    groups.forEach(function (k) {
      var members = byKind[k];
      if (members.length > 1) {
        list.appendChild(h('li', { 'class': 'diag-group', attrs: { 'data-kind': k }, text: kindLabel(k) + '：' + members.length + ' 条' }));
      }
      members.forEach(function (d) {
        var place = diagPlace(d);
        var text = (place ? place + '：' : '') + d.message + (d.cell ? '　单元格内容“' + d.cell + '”' : '');
        list.appendChild(h('li', { 'class': 'diag ' + (d.level === 'error' ? 'error' : 'warning'), attrs: { 'data-kind': k } },
          diagLink(d.source, d.split, d.row, d.col, text, d.level)));
      });
    });
  }

  // The area of a problem kind (`number.range` → 数字), for group headings.
  var KIND_AREAS = { number: '数字', unit: '单位', grid: '表格', request: '请求', scheme: '方案', score: '计分', read: '读表',
    table: '读表', split: '分解表', scheme_table: '方案表格' };
  function kindLabel(kind) {
    var area = KIND_AREAS[String(kind).split('.')[0]] || '其他';
    return area + '问题（' + kind + '）';
  }

  function diagLink(source, split, row, col, text, level) {
    var label = h('span', { 'class': 'level', text: level === 'error' ? '错误' : '提示' });
    if (!row) return h('span', null, [label, ' ', text]);
    return h('button', {
      'class': 'linklike',
      attrs: { type: 'button' },
      on: {
        click: function () {
          selectCell(source, split, row, col);
        }
      }
    }, [label, ' ', text]);
  }

  function textareaFor(source, split) {
    if (source === 'split') return splitBox(split || 0);
    if (source === 'scheme') return $('scheme-text');
    return $('data');
  }

  function selectCell(source, split, row, col) {
    var ta = textareaFor(source, split);
    if (!ta) return;
    if (ta.id === 'data' && dataCollapsed()) {
      say('表格过大，未在输入框中显示；问题位于第 ' + row + ' 行第 ' + (col || 1) + ' 列。');
      return;
    }
    var range = cellRange(ta.value, row, col || 1);
    if (!range) return;
    ta.focus();
    ta.setSelectionRange(range[0], range[1]);
    var line = ta.value.slice(0, range[0]).split('\n').length - 1;
    var lh = parseFloat(getComputedStyle(ta).lineHeight) || 18;
    ta.scrollTop = Math.max(0, (line - 2) * lh);
  }

  /**
   * The [start, end) character range of 1-based (row, col) in tab-separated text.
   * Quoted cells may hold tabs and newlines, as Excel writes them. A missing cell
   * (a ragged row) selects the end of its row.
   */
  function cellRange(text, row, col) {
    var i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    var n = text.length;
    var r = 1;
    var c = 1;
    while (i <= n) {
      var start = i;
      var end;
      if (text.charAt(i) === '"') {
        var j = i + 1;
        while (j < n) {
          if (text.charAt(j) === '"') {
            if (text.charAt(j + 1) === '"') j += 2;
            else break;
          } else j++;
        }
        i = Math.min(j + 1, n);
      }
      while (i < n && text.charAt(i) !== '\t' && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
      end = i;
      if (r === row && c === col) return [start, end];
      if (i >= n) break;
      var ch = text.charAt(i);
      if (ch === '\t') {
        c++;
        i++;
      } else {
        if (r === row) return [end, end];
        i += ch === '\r' && text.charAt(i + 1) === '\n' ? 2 : 1;
        r++;
        c = 1;
      }
    }
    return r === row ? [n, n] : null;
  }

  /* ---------- generic table with a copy button ---------- */

  /**
   * spec: { id, cls, columns: [{label, unit, num, sort}], rows: [{cells, cls}], foot: [rows],
   *         onSort(key) }. Cells are strings, numbers or nodes.
   */
  function makeTable(spec) {
    var table = h('table', { id: spec.id, 'class': 'data ' + (spec.cls || '') });
    var tr = h('tr');
    spec.columns.forEach(function (col) {
      var th = h('th', { 'class': col.num ? 'num' : '', attrs: { scope: 'col' } }, [col.label]);
      if (col.unit) th.appendChild(h('span', { 'class': 'unit', text: '（' + col.unit + '）' }));
      if (col.sort && spec.onSort) {
        th.className += ' sortable';
        th.setAttribute('tabindex', '0');
        th.setAttribute('aria-sort', col.sorted ? (col.sorted > 0 ? 'ascending' : 'descending') : 'none');
        if (col.sorted) th.appendChild(h('span', { 'class': 'sortmark', text: col.sorted > 0 ? ' ▲' : ' ▼' }));
        th.addEventListener('click', function () {
          spec.onSort(col.sort);
        });
        th.addEventListener('keydown', function (e) {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            spec.onSort(col.sort);
          }
        });
      }
      tr.appendChild(th);
    });
    table.appendChild(h('thead', null, tr));
    table.appendChild(h('tbody', null, spec.rows.map(function (row) {
      return tableRow(row, spec.columns);
    })));
    if (spec.foot && spec.foot.length) {
      table.appendChild(h('tfoot', null, spec.foot.map(function (row) {
        return tableRow(row, spec.columns);
      })));
    }
    return table;
  }

  function tableRow(row, columns) {
    var tr = h('tr', { 'class': row.cls || '' });
    var at = 0;
    row.cells.forEach(function (cell, i) {
      // `lead` lets a row's first cell span several columns (小计 labels).
      var span = i === 0 && row.lead ? row.lead : 1;
      var col = span > 1 ? {} : columns[at] || {};
      var td = h(i === 0 && row.head ? 'th' : 'td', { 'class': (col.num ? 'num' : '') + (col.cls ? ' ' + col.cls : '') });
      if (span > 1) td.colSpan = span;
      append(td, cell === null || cell === undefined ? '' : cell);
      tr.appendChild(td);
      at += span;
    });
    return tr;
  }

  /** A table with its copy button; `key` names the core's export table, if any. */
  function tableBlock(table, key) {
    var btn = h('button', {
      'class': 'copy no-print',
      text: '复制此表',
      attrs: { type: 'button', 'data-key': key || '' },
      on: {
        click: function () {
          copyTable(key, table);
        }
      }
    });
    return h('div', { 'class': 'tableblock' }, [h('div', { 'class': 'tablewrap' }, table), btn]);
  }

  /* ---------- summary ---------- */

  function renderSummary(report, park) {
    var box = clear($('summary'));
    var scheme = report.scheme || {};
    if (park && report.parks.length > 1) box.appendChild(h('h2', { text: '园区明细：' + parkTitle(park) }));
    var head = h('div', { 'class': 'scheme-line' }, [
      h('span', { 'class': 'scheme-name', text: '评价方案：' + scheme.name }),
      scheme.note ? h('span', { 'class': 'scheme-note', text: '（' + scheme.note + '）' }) : null,
      state.example ? h('span', { 'class': 'badge', text: '示例目标' }) : null
    ]);
    if (scheme.fallback) head.appendChild(h('p', { 'class': 'bad', text: '所选方案有误（见问题提示），本次按内置示例方案计算。' }));
    box.appendChild(head);
    if (!park) {
      box.appendChild(h('p', { 'class': 'empty', text: state.data.trim() ? '未能从粘贴内容中读出园区数据，请查看上方的识别情况和问题提示。' : '粘贴园区指标表（或点击“载入示例”）后，这里显示总分、等级和各项得分。' }));
      return;
    }
    var total = h('div', { 'class': 'total-box' }, [
      h('div', { 'class': 'label', text: (report.parks.length > 1 ? parkTitle(park) + ' ' : '') + '总分' }),
      h('div', { 'class': 'big' }, [h('span', { id: 'total', text: fmtPts(park.total) }), h('span', { 'class': 'of', text: ' / ' + fmtNum(scheme.total) })])
    ]);
    var grade = h('div', { 'class': 'grade-box' }, [
      h('div', { 'class': 'label', text: '等级' }),
      h('div', { 'class': 'big', id: 'grade', text: park.grade || '—' })
    ]);
    var row = h('div', { 'class': 'summary-row' }, [total, grade]);
    if (report.parks.length > 1) row.appendChild(h('div', { 'class': 'rank-box' }, [h('div', { 'class': 'label', text: '排名' }), h('div', { 'class': 'big', text: park.rank + ' / ' + report.parks.length })]));
    box.appendChild(row);
    if (park.veto) box.appendChild(h('p', { id: 'veto', 'class': 'veto', text: '一票否决：' + park.veto }));
  }

  /* ---------- ranking (several parks) ---------- */

  var RANK_LIST_MAX = 200;
  var RANK_CHART_MAX = 50;

  function renderRanking(report) {
    var parks = report.parks || [];
    var sec = $('ranking-sec');
    show(sec, parks.length > 1);
    var select = clear($('park-select'));
    if (parks.length < 2) return;
    var order = parks.map(function (p, i) {
      return { p: p, i: i };
    }).sort(function (a, b) {
      return (a.p.rank || 0) - (b.p.rank || 0);
    });
    // A paste of thousands of rows (an enterprise list) would take a minute to
    // lay out in full and nobody reads it on screen: list the leaders and the
    // park in view, and leave the full ranking to the exports, which hold it all.
    var listed = order.length > RANK_LIST_MAX ? order.slice(0, RANK_LIST_MAX) : order;
    if (listed !== order && listed.every(function (o) { return o.i !== state.parkIndex; })) {
      listed = listed.concat(order.filter(function (o) { return o.i === state.parkIndex; }));
    }
    listed.forEach(function (o) {
      select.appendChild(h('option', { text: o.p.rank + '. ' + o.p.name, attrs: { value: o.i } }));
    });
    select.value = String(state.parkIndex);
    var dims = (parks[0].dimensions || []).map(function (d) {
      return { label: d.name, unit: '满分 ' + fmtNum(d.weight), num: true };
    });
    var table = makeTable({
      id: 'ranking',
      columns: [{ label: '排名', num: true }, { label: '园区', cls: 'name' }, { label: '总分', num: true }, { label: '等级', cls: 'nowrap' }].concat(dims, [{ label: '一票否决' }]),
      rows: listed.map(function (o) {
        var p = o.p;
        return {
          cls: o.i === state.parkIndex ? 'selected' : '',
          cells: [String(p.rank), p.name, fmtPts(p.total), p.grade].concat((p.dimensions || []).map(function (d) {
            return fmtPts(d.score);
          }), [p.veto ? h('span', { 'class': 'veto', text: p.veto }) : ''])
        };
      })
    });
    var box = clear($('ranking-box'));
    if (listed.length < order.length) {
      box.appendChild(h('p', { 'class': 'note', id: 'ranking-note', text: '共 ' + order.length + ' 个园区，此处列出前 ' + RANK_LIST_MAX +
        ' 名及所选园区（图中为前 ' + RANK_CHART_MAX + ' 名）；完整排名请用“导出 Excel”“导出 CSV”或“复制表格”。' }));
    }
    box.appendChild(tableBlock(table, 'ranking'));
    clear($('ranking-chart')).appendChild(rankingChart(order.slice(0, RANK_CHART_MAX).map(function (o) {
      return o.p;
    }), report.scheme.total, order.length));
  }

  /* ---------- charts ---------- */

  var chartSeq = 0;

  /** Hatch patterns so bars read in black and white as well as colour. */
  function chartDefs(prefix) {
    function hatch(id, color, angle, bg) {
      return s('pattern', { id: prefix + id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(' + angle + ')' }, [
        s('rect', { width: 6, height: 6, fill: bg }),
        s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: color, 'stroke-width': 3 })
      ]);
    }
    function cross(id, color, bg) {
      return s('pattern', { id: prefix + id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' }, [
        s('rect', { width: 6, height: 6, fill: bg }),
        s('path', { d: 'M0 0L6 6M6 0L0 6', stroke: color, 'stroke-width': 1.4 })
      ]);
    }
    return s('defs', null, [
      hatch('score', '#1f4e79', 45, '#9dc3e6'),
      hatch('ahead', '#2e7d32', 0, '#a5d6a7'),
      hatch('slight', '#8d6e00', 45, '#ffe082'),
      cross('far', '#b71c1c', '#ef9a9a')
    ]);
  }

  function svgRoot(width, height, label) {
    var prefix = 'c' + (++chartSeq) + '-';
    var root = s('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'aria-label': label, preserveAspectRatio: 'xMinYMin meet', 'class': 'svgchart' });
    root.appendChild(s('title', { text: label }));
    root.appendChild(chartDefs(prefix));
    return { root: root, prefix: prefix };
  }

  function clip(text, max) {
    var t = String(text);
    return t.length > max ? t.slice(0, max - 1) + '…' : t;
  }

  /** Each dimension: an outlined bar for its weight and a hatched bar for the score. */
  function dimensionsChart(dims) {
    var rowH = 34;
    var left = 96;
    var width = 460;
    var plot = width - left - 90;
    var height = dims.length * rowH + 30;
    var maxW = Math.max.apply(null, dims.map(function (d) {
      return isNum(d.weight) ? d.weight : 0;
    }).concat([1]));
    var c = svgRoot(width, height, '五个维度：得分与满分');
    dims.forEach(function (d, i) {
      var y = 8 + i * rowH;
      var ww = plot * Math.max(0, d.weight || 0) / maxW;
      var sw = plot * Math.max(0, Math.min(d.score || 0, d.weight || 0)) / maxW;
      c.root.appendChild(s('text', { x: left - 6, y: y + 15, 'text-anchor': 'end', 'class': 'lbl', text: clip(d.name, 7) }));
      c.root.appendChild(s('rect', { x: left, y: y + 2, width: ww, height: 20, fill: '#fff', stroke: '#333', 'stroke-width': 1 }));
      c.root.appendChild(s('rect', { x: left, y: y + 2, width: sw, height: 20, fill: 'url(#' + c.prefix + 'score)', stroke: '#1f4e79', 'stroke-width': 1 }));
      c.root.appendChild(s('text', { x: left + ww + 6, y: y + 16, 'class': 'val', text: fmtPts(d.score) + ' / ' + fmtNum(d.weight) }));
    });
    var ly = height - 12;
    c.root.appendChild(s('rect', { x: left, y: ly - 9, width: 14, height: 10, fill: 'url(#' + c.prefix + 'score)', stroke: '#1f4e79' }));
    c.root.appendChild(s('text', { x: left + 18, y: ly, 'class': 'legend', text: '得分' }));
    c.root.appendChild(s('rect', { x: left + 60, y: ly - 9, width: 14, height: 10, fill: '#fff', stroke: '#333' }));
    c.root.appendChild(s('text', { x: left + 78, y: ly, 'class': 'legend', text: '满分（权重）' }));
    return c.root;
  }

  /** Completion per indicator against the time-progress line; fill and label by status. */
  function progressChart(rows) {
    var shown = rows.filter(function (r) {
      return isNum(r.completion);
    });
    if (!shown.length) return null;
    var rowH = 22;
    var left = 200;
    var width = 680;
    var plot = width - left - 130;
    var top = 22;
    var height = top + shown.length * rowH + 34;
    var maxPct = Math.max(100, Math.min(200, Math.max.apply(null, shown.map(function (r) {
      return r.completion;
    }))));
    var x = function (pct) {
      return left + plot * Math.max(0, Math.min(pct, maxPct)) / maxPct;
    };
    var c = svgRoot(width, height, '各指标完成率与时序进度');
    [0, 50, 100, 150, 200].filter(function (t) {
      return t <= maxPct;
    }).forEach(function (t) {
      c.root.appendChild(s('line', { x1: x(t), y1: top - 4, x2: x(t), y2: top + shown.length * rowH, stroke: '#ccc', 'stroke-width': 0.6 }));
      c.root.appendChild(s('text', { x: x(t), y: top - 8, 'text-anchor': 'middle', 'class': 'tick', text: t + '%' }));
    });
    shown.forEach(function (r, i) {
      var y = top + i * rowH;
      var key = r.status_key === 'ahead' || r.status_key === 'slight' || r.status_key === 'far' ? r.status_key : 'slight';
      c.root.appendChild(s('text', { x: left - 6, y: y + 15, 'text-anchor': 'end', 'class': 'lbl', text: clip(r.name, 14) }, [s('title', { text: r.name })]));
      c.root.appendChild(s('rect', { x: left, y: y + 4, width: Math.max(0.5, x(r.completion) - left), height: 14, fill: 'url(#' + c.prefix + key + ')', stroke: '#333', 'stroke-width': 0.6 }));
      if (isNum(r.time_progress)) {
        c.root.appendChild(s('line', { x1: x(r.time_progress), y1: y + 1, x2: x(r.time_progress), y2: y + 21, stroke: '#000', 'stroke-width': 1.6, 'stroke-dasharray': '3 2' }));
      }
      c.root.appendChild(s('text', { x: left + plot + 10, y: y + 15, 'class': 'val', text: fmtPct(r.completion) + ' ' + r.status }));
    });
    var ly = height - 10;
    var lx = left;
    [['ahead', '超序时'], ['slight', '略滞后'], ['far', '严重滞后']].forEach(function (p) {
      c.root.appendChild(s('rect', { x: lx, y: ly - 9, width: 14, height: 10, fill: 'url(#' + c.prefix + p[0] + ')', stroke: '#333', 'stroke-width': 0.6 }));
      c.root.appendChild(s('text', { x: lx + 18, y: ly, 'class': 'legend', text: p[1] }));
      lx += 80;
    });
    c.root.appendChild(s('line', { x1: lx, y1: ly - 10, x2: lx, y2: ly + 2, stroke: '#000', 'stroke-width': 1.6, 'stroke-dasharray': '3 2' }));
    c.root.appendChild(s('text', { x: lx + 6, y: ly, 'class': 'legend', text: '时序进度' }));
    return c.root;
  }

  /** Bars of the leading parks' totals; `all` is how many parks there are in all. */
  function rankingChart(parks, total, all) {
    var rowH = 24;
    var left = 170;
    var width = 680;
    var plot = width - left - 90;
    var height = parks.length * rowH + 12;
    var max = Math.max(isNum(total) ? total : 100, Math.max.apply(null, parks.map(function (p) {
      return p.total || 0;
    })));
    var c = svgRoot(width, height, all > parks.length ? '总分前 ' + parks.length + ' 名（共 ' + all + ' 个园区）' : '各园区总分');
    // One row's elements are made once and cloned for every park, setting only
    // what differs: a province has 150 parks, and setting every attribute of
    // every element was most of the time spent on this chart. The elements and
    // their attributes come out as before.
    var tpl = [
      s('text', { x: left - 6, y: 0, 'text-anchor': 'end', 'class': 'lbl' }, [s('title')]),
      s('rect', { x: left, y: 0, width: plot, height: 16, fill: '#fff', stroke: '#999', 'stroke-width': 0.6 }),
      s('rect', { x: left, y: 0, width: 0, height: 16, fill: 'url(#' + c.prefix + 'score)', stroke: '#1f4e79', 'stroke-width': 0.8 }),
      s('text', { x: left + plot + 6, y: 0, 'class': 'val' })
    ];
    var frag = document.createDocumentFragment();
    parks.forEach(function (p, i) {
      var y = 4 + i * rowH;
      var w = plot * Math.max(0, p.total || 0) / (max || 1);
      var lbl = tpl[0].cloneNode(true);
      var back = tpl[1].cloneNode(false);
      var bar = tpl[2].cloneNode(false);
      var val = tpl[3].cloneNode(false);
      lbl.setAttribute('y', String(y + 15));
      lbl.insertBefore(document.createTextNode(clip(p.rank + '. ' + p.name, 14)), lbl.firstChild);
      lbl.lastChild.textContent = String(p.name);
      back.setAttribute('y', String(y + 3));
      bar.setAttribute('y', String(y + 3));
      bar.setAttribute('width', String(w));
      val.setAttribute('y', String(y + 15));
      val.textContent = fmtPts(p.total) + ' ' + (p.grade || '');
      frag.appendChild(lbl);
      frag.appendChild(back);
      frag.appendChild(bar);
      frag.appendChild(val);
    });
    c.root.appendChild(frag);
    return c.root;
  }

  /* ---------- five dimensions ---------- */

  function renderDimensions(park) {
    var sec = $('dims-sec');
    show(sec, !!park);
    if (!park) return;
    var dims = park.dimensions || [];
    clear($('dims-chart')).appendChild(dimensionsChart(dims));
    var adj = (park.adjustments || []).map(function (a) {
      return a.points;
    });
    var foot = [{ cls: 'subtotal', head: true, cells: ['维度得分合计', fmtNum(sumWeights(dims)), fmtPts(sumPts(dims.map(function (d) {
      return d.score;
    })))] }];
    if (adj.length) foot.push({ cls: 'subtotal', head: true, cells: ['加分与扣分', '', fmtPts(sumPts(adj))] });
    foot.push({ cls: 'total', head: true, cells: ['总分', '', fmtPts(park.total)] });
    var table = makeTable({
      id: 'dimensions',
      columns: [{ label: '维度' }, { label: '满分', num: true }, { label: '得分', num: true }],
      rows: dims.map(function (d) {
        return { cells: [d.name, fmtNum(d.weight), fmtPts(d.score)] };
      }),
      foot: foot
    });
    clear($('dims-box')).appendChild(tableBlock(table, null));
  }

  function sumWeights(dims) {
    return Math.round(dims.reduce(function (a, d) {
      return a + (isNum(d.weight) ? d.weight : 0);
    }, 0) * 10000) / 10000;
  }

  /* ---------- per-indicator breakdown ---------- */

  function renderBreakdown(park) {
    show($('breakdown-sec'), !!park);
    var box = clear($('breakdown-box'));
    if (!park) return;
    var rows = [];
    var used = {};
    (park.dimensions || []).forEach(function (d) {
      var inds = (park.indicators || []).filter(function (ind) {
        return ind.dimension === d.name || ind.dimension === d.key;
      });
      inds.forEach(function (ind, i) {
        used[park.indicators.indexOf(ind)] = true;
        rows.push(indicatorRow(ind, i === 0 ? d.name : ''));
      });
      rows.push({ cls: 'subtotal', lead: 2, cells: [d.name + ' 小计', '', '', '', '', fmtNum(d.weight), fmtPts(d.score), fmtPts(sumPts(inds.map(function (x) {
        return x.lost;
      }))), ''] });
    });
    (park.indicators || []).forEach(function (ind, i) {
      if (!used[i]) rows.push(indicatorRow(ind, ind.dimension));
    });
    var table = makeTable({
      id: 'breakdown',
      columns: [
        { label: '维度', cls: 'dim' }, { label: '指标', cls: 'name' }, { label: '单位', cls: 'nowrap' }, { label: '实际值', num: true },
        { label: '目标', num: true }, { label: '完成率', num: true }, { label: '分值', num: true },
        { label: '得分', num: true }, { label: '失分', num: true }, { label: '计算过程', cls: 'explain' }
      ],
      rows: rows
    });
    box.appendChild(tableBlock(table, 'breakdown:' + state.parkIndex));
  }

  function indicatorRow(ind, dimLabel) {
    var missing = ind.missing;
    return {
      cls: missing ? 'missing' : '',
      cells: [
        dimLabel, ind.name, ind.unit,
        missing && !isNum(ind.value) ? h('span', { 'class': 'missing-tag', text: '缺数据' }) : fmtNum(ind.value),
        fmtNum(ind.target), fmtPct(ind.completion), fmtNum(ind.weight), fmtPts(ind.score), fmtPts(ind.lost),
        missing ? missingExplain(missing, ind.explain) : ind.explain
      ]
    };
  }

  /** The 缺数据 reason with the core's explanation, without saying the reason twice. */
  function missingExplain(reason, explain) {
    var text = explain && explain.indexOf(reason) >= 0 ? explain : reason + (explain ? '；' + explain : '');
    return h('span', null, [h('span', { 'class': 'missing-tag', text: '缺数据' }), ' ', text.replace(/^缺数据[：:]\s*/, '')]);
  }

  function renderAdjustments(park) {
    var adj = park ? park.adjustments || [] : [];
    show($('adjust-sec'), adj.length > 0 || !!(park && park.veto));
    var box = clear($('adjust-box'));
    if (!park) return;
    if (adj.length) {
      box.appendChild(tableBlock(makeTable({
        id: 'adjustments',
        columns: [{ label: '项目' }, { label: '分值', num: true }, { label: '说明' }],
        rows: adj.map(function (a) {
          return { cells: [a.name, fmtPp(a.points), a.explain] };
        })
      }), null));
    }
    if (park.veto) box.appendChild(h('p', { 'class': 'veto', text: '一票否决：' + park.veto + '（等级按方案规定下调）' }));
  }

  /* ---------- progress table (调度表) ---------- */

  var STATUS_MARK = { ahead: '✓ ', slight: '△ ', far: '✗ ', missing: '？' };
  var STATUS_ORDER = { far: 0, slight: 1, ahead: 2, missing: 3 };

  function sortedProgress(rows) {
    var key = state.sortKey;
    var dir = state.sortDir;
    return rows.map(function (r, i) {
      return { r: r, i: i };
    }).sort(function (a, b) {
      var va = key === 'status' ? STATUS_ORDER[a.r.status_key] : a.r[key];
      var vb = key === 'status' ? STATUS_ORDER[b.r.status_key] : b.r[key];
      if (key === 'name') return dir * String(va).localeCompare(String(vb), 'zh-CN') || a.i - b.i;
      // Missing values sort last whichever way, so the worst known rows lead.
      var ma = !isNum(va);
      var mb = !isNum(vb);
      if (ma || mb) return ma === mb ? a.i - b.i : ma ? 1 : -1;
      return dir * (va - vb) || a.i - b.i;
    }).map(function (o) {
      return o.r;
    });
  }

  function sortBy(key) {
    if (state.sortKey === key) state.sortDir = -state.sortDir;
    else {
      state.sortKey = key;
      state.sortDir = 1;
    }
    saveState();
    if (lastReport) renderProgress((lastReport.parks || [])[state.parkIndex] || null);
  }

  function renderProgress(park) {
    var rows = park ? park.progress || [] : [];
    show($('progress-sec'), rows.length > 0);
    var box = clear($('progress-box'));
    var chartBox = clear($('progress-chart'));
    if (!rows.length) return;
    var sorted = sortedProgress(rows);
    var col = function (label, key, num, unit) {
      return { label: label, sort: key, num: num, unit: unit, sorted: state.sortKey === key ? state.sortDir : 0 };
    };
    var table = makeTable({
      id: 'progress',
      onSort: sortBy,
      columns: [
        { label: '序号', num: true }, { label: '指标', sort: 'name', cls: 'name', sorted: state.sortKey === 'name' ? state.sortDir : 0 }, { label: '单位', cls: 'nowrap' }, col('年度目标', 'target', true), col('累计完成', 'actual', true),
        col('完成率', 'completion', true), col('时序进度', 'time_progress', true), col('进度差', 'gap_pp', true, '百分点'),
        col('同比增速', 'yoy', true), col('全年预计', 'projection', true), col('剩余月均需完成', 'monthly_needed', true),
        col('状态', 'status'), { label: '说明', cls: 'note' }
      ],
      rows: sorted.map(function (r, i) {
        return {
          cls: 'st-' + r.status_key,
          cells: [String(i + 1), r.name, r.unit, fmtNum(r.target), fmtNum(r.actual), fmtPct(r.completion), fmtPct(r.time_progress),
            fmtPp(r.gap_pp), fmtPct(r.yoy), fmtNum(r.projection), fmtNum(r.monthly_needed),
            h('span', { 'class': 'status st-' + r.status_key, text: (STATUS_MARK[r.status_key] || '') + r.status }), r.note]
        };
      })
    });
    box.appendChild(tableBlock(table, 'progress:' + state.parkIndex));
    var chart = progressChart(sorted);
    if (chart) chartBox.appendChild(chart);
  }

  /* ---------- splits ---------- */

  function renderSplits(report) {
    var splits = report.splits || [];
    show($('splits-sec'), splits.length > 0);
    var box = clear($('splits-box'));
    splits.forEach(function (sp, n) {
      box.appendChild(splitSection(sp, n));
    });
  }

  var SUM_WHAT = { target: '年度目标', actual: '累计完成' };

  function splitSection(sp, n) {
    var sec = h('section', { 'class': 'split' });
    sec.appendChild(h('h3', { text: (sp.title || '分解表 ' + (n + 1)) + (sp.kind ? '（' + sp.kind + '）' : '') + (sp.unit ? '　单位：' + sp.unit : '') }));
    var parts = makeTable({
      columns: [{ label: '部分' }, { label: '指标' }, { label: '目标', num: true }, { label: '完成', num: true }, { label: '完成率', num: true },
        { label: '进度差', unit: '百分点', num: true }, { label: '状态', cls: 'nowrap' }, { label: '缺口占比', num: true }, { label: '说明', cls: 'note' }],
      rows: (sp.parts || []).map(function (p) {
        return {
          cls: 'st-' + p.status_key,
          cells: [p.name, p.indicator, fmtNum(p.target), fmtNum(p.actual), fmtPct(p.completion), fmtPp(p.gap_pp),
            h('span', { 'class': 'status st-' + p.status_key, text: (STATUS_MARK[p.status_key] || '') + p.status }), fmtPct(p.gap_share),
            p.note || '']
        };
      })
    });
    sec.appendChild(tableBlock(parts, 'split:' + (isNum(sp.index) ? sp.index : n)));
    if (sp.sums && sp.sums.length) {
      sec.appendChild(tableBlock(makeTable({
        cls: 'sums',
        columns: [{ label: '指标' }, { label: '核对项' }, { label: '整体', num: true }, { label: '各部分合计', num: true }, { label: '差额', num: true }, { label: '结果' }],
        rows: sp.sums.map(function (m) {
          return {
            cls: m.ok ? '' : 'st-far',
            cells: [m.indicator, SUM_WHAT[m.what] || m.what, fmtNum(m.whole), fmtNum(m.parts_sum), fmtNum(m.difference), h('span', { 'class': m.ok ? 'ok' : 'bad', text: (m.ok ? '✓ ' : '✗ ') + m.message })]
          };
        })
      }), null));
    }
    sec.appendChild(h('p', { 'class': 'laggards' }, sp.laggards && sp.laggards.length ? ['进度滞后：', h('strong', { text: sp.laggards.join('、') })] : ['没有进度滞后的部分。']));
    return sec;
  }

  /* ---------- scheme panel ---------- */

  var METHODS = {
    completion: '完成率法', benchmark: '标杆值法', efficacy: '功效系数法', min_max: '极值法', tiers: '分档计分',
    base_period: '基期法', rate_vs_target: '增速对比法', direct: '直接打分', deduct: '扣分法'
  };
  var PARAMS = {
    cap: '封顶倍数', value: '标杆值', satisfactory: '满意值', unacceptable: '不允许值', base_share: '基础分比例',
    step_pct: '每增长(%)', step_points: '加分', bonus_share: '加分上限比例'
  };
  var NULLABLE = { satisfactory: true, unacceptable: true };

  var builtInScheme = null;

  function currentScheme() {
    return state.scheme || builtInScheme;
  }

  /** The scheme to edit: the user's own copy, made on the first edit of the built-in one. */
  function editableScheme() {
    if (!state.scheme) {
      state.scheme = clone(builtInScheme);
      state.schemeLabel = '内置方案（已修改）';
    }
    return state.scheme;
  }

  function renderSchemeHead(report) {
    $('scheme-title').textContent = report.scheme.name;
    $('scheme-source').textContent = state.scheme ? '（' + (state.schemeLabel || '自定义方案') + '）' : '（内置方案）';
  }

  function numberInput(value, onValue, opts) {
    opts = opts || {};
    var input = h('input', { 'class': 'num-in', attrs: { type: 'number', step: 'any', 'aria-label': opts.label || '' } });
    input.value = isNum(value) ? String(value) : '';
    if (opts.nullable) input.placeholder = '按园区';
    // Typing recomputes after the usual short pause; leaving the field does so at once.
    function apply(now) {
      var raw = input.value.trim();
      if (raw === '' && opts.nullable) {
        onValue(null);
      } else if (raw === '' || !isFinite(Number(raw))) {
        input.classList.add('invalid');
        return;
      } else {
        onValue(Number(raw));
      }
      input.classList.remove('invalid');
      changed(now);
    }
    input.addEventListener('input', function () {
      apply(false);
    });
    input.addEventListener('change', function () {
      apply(true);
    });
    return input;
  }

  function renderSchemePanel() {
    var box = clear($('scheme-box'));
    var sc = currentScheme();
    if (!sc) return;
    box.appendChild(h('p', { 'class': 'muted', text: sc.note || '' }));
    box.appendChild(h('h3', { text: '维度' }));
    box.appendChild(makeTable({
      id: 'scheme-dims',
      cls: 'compact',
      columns: [{ label: '维度' }, { label: '权重', num: true }],
      rows: (sc.dimensions || []).map(function (d, i) {
        return { cells: [d.name, numberInput(d.weight, function (v) {
          editableScheme().dimensions[i].weight = v;
        }, { label: d.name + ' 权重' })] };
      })
    }));
    box.appendChild(h('h3', { text: '指标' }));
    box.appendChild(makeTable({
      id: 'scheme-indicators',
      cls: 'compact',
      columns: [{ label: '维度' }, { label: '指标' }, { label: '单位', cls: 'nowrap' }, { label: '权重', num: true }, { label: '方向' }, { label: '计分方法' }, { label: '参数' }, { label: '公式' }],
      rows: (sc.indicators || []).map(schemeIndicatorRow)
    }));
    renderSchemeRules(box, sc);
  }

  function dimensionName(sc, key) {
    var d = (sc.dimensions || []).filter(function (x) {
      return x.key === key;
    })[0];
    return d ? d.name : key;
  }

  function schemeIndicatorRow(ind, i) {
    var sc = currentScheme();
    var method = ind.method || {};
    var params = h('span', { 'class': 'params' });
    Object.keys(PARAMS).forEach(function (k) {
      if (!(k in method)) return;
      if (method[k] !== null && !isNum(method[k])) return;
      params.appendChild(h('label', null, [PARAMS[k] + ' ', numberInput(method[k], function (v) {
        editableScheme().indicators[i].method[k] = v;
      }, { label: ind.name + ' ' + PARAMS[k], nullable: !!NULLABLE[k] })]));
    });
    if (method.tiers) params.appendChild(h('span', { text: method.tiers.length + ' 档' }));
    if (method.items) params.appendChild(h('span', { text: method.items.map(function (it) {
      return it.input + ' 每项扣 ' + fmtNum(it.per);
    }).join('；') }));
    var dir = h('select', { attrs: { 'aria-label': ind.name + ' 方向' } }, [
      h('option', { text: '正向', attrs: { value: 'positive' } }),
      h('option', { text: '逆向', attrs: { value: 'negative' } })
    ]);
    dir.value = ind.direction === 'negative' ? 'negative' : 'positive';
    dir.addEventListener('change', function () {
      editableScheme().indicators[i].direction = dir.value;
      saveState();
      changed(true);
    });
    return {
      cells: [dimensionName(sc, ind.dimension), ind.name, ind.unit, numberInput(ind.weight, function (v) {
        editableScheme().indicators[i].weight = v;
      }, { label: ind.name + ' 权重' }), dir, METHODS[method.type] || String(method.type || ''), params, ind.formula || '']
    };
  }

  function renderSchemeRules(box, sc) {
    if (sc.adjustments && sc.adjustments.length) {
      box.appendChild(h('h3', { text: '加减分' }));
      box.appendChild(h('ul', null, sc.adjustments.map(function (a) {
        return h('li', { text: a.name + '：' + (a.input || '') + ' 每项 ' + fmtNum(a.per) + ' 分' + (isNum(a.cap) ? '，最多 ' + fmtNum(a.cap) + ' 分' : '') });
      })));
    }
    if (sc.vetoes && sc.vetoes.length) {
      box.appendChild(h('h3', { text: '一票否决' }));
      box.appendChild(h('ul', null, sc.vetoes.map(function (v) {
        return h('li', { text: v.reason + '（' + v.input + ' 大于 ' + fmtNum(v.above) + '）' + (sc.veto_forbids ? '：不得评为' + sc.veto_forbids : '') });
      })));
    }
    if (sc.grades && sc.grades.length) {
      box.appendChild(h('h3', { text: '等级' }));
      box.appendChild(makeTable({
        id: 'scheme-grades',
        cls: 'compact',
        columns: [{ label: '等级' }, { label: '最低分', num: true }],
        rows: sc.grades.map(function (g, i) {
          return { cells: [g.name, numberInput(g.min, function (v) {
            editableScheme().grades[i].min = v;
          }, { label: g.name + ' 最低分' })] };
        })
      }));
    }
  }

  /** The scheme-table help and copy button, offered when the core provides them. */
  function showSchemeExtras() {
    if (typeof core.schemeHelp === 'function') {
      $('scheme-help').textContent = core.schemeHelp();
      show($('scheme-help-box'), true);
    }
    show($('btn-scheme-copy'), typeof core.schemeTable === 'function');
  }

  function showSchemeDiags(diags) {
    var list = clear($('scheme-diags'));
    (diags || []).forEach(function (d) {
      var text = (d.row ? '第 ' + d.row + ' 行' + (d.col ? '第 ' + d.col + ' 列' : '') + '：' : '') + d.message + (d.cell ? '“' + d.cell + '”' : '');
      list.appendChild(h('li', { 'class': 'diag ' + (d.level === 'error' ? 'error' : 'warning') }, diagLink('scheme', null, d.row, d.col, text, d.level)));
    });
  }

  /** Loads scheme text; a refused scheme shows why and leaves the current one in use. */
  function applySchemeText(text, label) {
    var res;
    try {
      res = loadScheme(text);
    } catch (e) {
      say('方案载入出错：' + (e && e.message ? e.message : String(e)), true);
      return;
    }
    showSchemeDiags(res.diagnostics);
    if (!res.scheme) {
      say('方案未载入（见方案下方的问题提示），仍使用原方案。', true);
      return;
    }
    state.scheme = res.scheme;
    state.schemeLabel = label;
    renderSchemePanel();
    changed(true);
    say('已载入方案：' + res.scheme.name);
  }

  function bindScheme() {
    $('btn-scheme-load').addEventListener('click', function () {
      applySchemeText($('scheme-text').value, '粘贴的方案');
    });
    $('scheme-file').addEventListener('change', function () {
      var input = $('scheme-file');
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        applySchemeText(String(reader.result || ''), '文件：' + file.name);
        input.value = '';
      };
      reader.onerror = function () {
        say('无法读取文件：' + file.name, true);
      };
      reader.readAsText(file, 'utf-8');
    });
    $('btn-scheme-save').addEventListener('click', function () {
      var sc = currentScheme();
      if (!sc) return;
      download(new TextEncoder().encode(JSON.stringify(sc, null, 2)), safeName(sc.name || '评价方案') + '.json', 'application/json');
    });
    $('btn-scheme-copy').addEventListener('click', function () {
      var sc = currentScheme();
      var text = sc && core && typeof core.schemeTable === 'function' ? core.schemeTable(JSON.stringify(sc)) : '';
      if (!text) {
        say('无法把当前方案写成表格。', true);
        return;
      }
      copyText(text).then(function (ok) {
        say(ok ? '已复制方案表格，可在 Excel / WPS 中修改后粘贴回“粘贴方案”框再载入。' : '浏览器不允许写入剪贴板。', !ok);
      });
    });
    $('btn-scheme-reset').addEventListener('click', function () {
      state.scheme = null;
      state.schemeLabel = '';
      showSchemeDiags([]);
      renderSchemePanel();
      changed(true);
      say('已恢复内置方案。');
    });
  }

  /* ---------- clipboard and downloads ---------- */

  function exportText(key, format) {
    if (!lastRequest) return '';
    try {
      var bytes = exportTables(lastRequest, key, format);
      return bytes && bytes.length ? new TextDecoder('utf-8').decode(bytes) : '';
    } catch (e) {
      return '';
    }
  }

  /** Plain TSV from a rendered table: the fallback for tables the core does not export. */
  function domTsv(table) {
    return Array.prototype.map.call(table.rows, function (tr) {
      return Array.prototype.map.call(tr.cells, function (td) {
        var t = td.textContent.replace(/\s+/g, ' ').trim();
        return /["\t\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
      }).join('\t');
    }).join('\r\n');
  }

  function copyTable(key, table) {
    var text = (key && exportText(key, 'tsv')) || domTsv(table);
    copyText(text).then(function (ok) {
      say(ok ? '已复制（' + table.rows.length + ' 行），可直接粘贴到 Excel / WPS。' : '浏览器不允许写入剪贴板，请选中表格后按 Ctrl+C 复制。', !ok);
    });
  }

  function copyAll() {
    var text = exportText('', 'tsv');
    if (!text) {
      text = Array.prototype.map.call(document.querySelectorAll('#result table.data'), function (t) {
        return t.offsetParent === null ? '' : domTsv(t);
      }).filter(Boolean).join('\r\n\r\n');
    }
    if (!text) {
      say('没有可复制的结果。', true);
      return;
    }
    copyText(text).then(function (ok) {
      say(ok ? '已复制全部结果表格，可直接粘贴到 Excel / WPS。' : '浏览器不允许写入剪贴板。', !ok);
    });
  }

  function copyText(text) {
    var active = document.activeElement;
    function fallback() {
      var ta = h('textarea', { 'class': 'offscreen', attrs: { readonly: '', 'aria-hidden': 'true' } });
      ta.value = text;
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(ta);
      if (active && active.focus) active.focus();
      return ok;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () {
        return true;
      }, fallback);
    }
    return Promise.resolve(fallback());
  }

  function safeName(name) {
    return String(name).replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 60) || '五好园区';
  }

  function download(bytes, name, mime) {
    var url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    var a = h('a', { attrs: { href: url, download: name } });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
      if (a.parentNode) a.parentNode.removeChild(a);
    }, 2000);
  }

  function exportFile(format) {
    if (!lastReport || !(lastReport.parks || []).length) {
      say('还没有可导出的结果。', true);
      return;
    }
    var bytes;
    try {
      bytes = exportTables(lastRequest, '', format);
    } catch (e) {
      bytes = null;
    }
    if (!bytes || !bytes.length) {
      say('导出失败：计算模块没有生成文件。', true);
      return;
    }
    var park = lastReport.parks[state.parkIndex];
    var base = safeName((lastReport.parks.length > 1 ? '园区排名' : parkTitle(park) || '园区') + '-五好园区评价-' + periodCn(lastReport.period));
    var mime = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
    download(bytes, base + '.' + format, mime);
    say('已导出 ' + base + '.' + format);
  }

  /* ---------- clear and undo ---------- */

  var undoMemory = null;

  function clearAll() {
    var snapshot = clone(state);
    // The undo copy lives in memory and, when it fits, in the store for after a reload.
    undoMemory = snapshot;
    if (!writeStored(UNDO_KEY, snapshot)) writeStored(UNDO_KEY, null);
    state.data = '';
    state.parkName = '';
    state.splits = [''];
    state.example = false;
    state.parkIndex = 0;
    syncInputs();
    show($('undo-bar'), true);
    changed(true);
  }

  function undoClear() {
    var snapshot = undoMemory || readStored(UNDO_KEY);
    undoMemory = null;
    if (!snapshot) return;
    state = sanitizeState(snapshot);
    writeStored(UNDO_KEY, null);
    show($('undo-bar'), false);
    syncInputs();
    renderSchemePanel();
    changed(true);
    say('已撤销清空。');
  }

  /* ---------- print ---------- */

  function preparePrint() {
    $('print-date').textContent = todayCn();
  }

  function bindActions() {
    $('btn-print').addEventListener('click', function () {
      preparePrint();
      window.print();
    });
    window.addEventListener('beforeprint', preparePrint);
    $('btn-copy').addEventListener('click', copyAll);
    $('btn-xlsx').addEventListener('click', function () {
      exportFile('xlsx');
    });
    $('btn-csv').addEventListener('click', function () {
      exportFile('csv');
    });
    $('btn-clear').addEventListener('click', clearAll);
    $('btn-undo').addEventListener('click', undoClear);
  }

  /* ---------- start ---------- */

  function start() {
    bindInputs();
    bindScheme();
    bindActions();
    var saved = readStored(STORE_KEY);
    state = sanitizeState(saved);
    syncInputs();
    show($('undo-bar'), !!readStored(UNDO_KEY) && !state.data);
    if (!storage) say('此浏览器不允许本地保存，关闭页面后输入不会保留。');
    if (state.dataNotSaved) {
      say('上次粘贴的表格过大（' + state.dataNotSaved + ' 字符），未能保存在本机，请重新粘贴。', true);
      state.dataNotSaved = 0;
    }
    ready.then(function () {
      builtInScheme = defaultScheme();
      renderSchemePanel();
      showSchemeExtras();
      document.documentElement.setAttribute('data-state', 'ready');
      // A first visit opens with the example already computed.
      if (!saved) loadExample();
      else changed(true);
      // The first report is computed in this same task rather than after a timer,
      // so the browser lays the page out once, with the report, instead of twice.
      if (timer !== null) {
        clearTimeout(timer);
        recompute();
      }
    }, function (e) {
      document.documentElement.setAttribute('data-state', 'error');
      say((e && e.message) || '计算模块加载失败', true);
      clear($('summary')).appendChild(h('p', { 'class': 'bad', text: '计算模块加载失败：' + ((e && e.message) || String(e)) }));
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
