/* core.js — calls into the Rust core (wasm) and window.wuhao, the automation contract (README). */
(function (WH) {
  'use strict';

  var todayIso = WH.todayIso;

  /* ---------- the wasm core and the automation contract ---------- */

  var core = null;
  var compiled = null;

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

  /**
   * The module's bytes: the build ships it gzipped (1f 8b) to keep the page small,
   * inflated here by the browser's DecompressionStream (Chromium 80+); a plain
   * module (00 61 73 6d) is used as it is.
   */
  function moduleBytes(bytes) {
    if (!(bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return Promise.resolve(bytes);
    if (typeof DecompressionStream !== 'function') {
      return Promise.reject(new Error('此浏览器过旧，无法解压计算模块：请使用 Chromium 80 以上内核的浏览器（如新版 360 极速模式、QQ 浏览器、Edge、Chrome）'));
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (buf) {
      return new Uint8Array(buf);
    });
  }

  function initCore() {
    /* global wasm_bindgen, WUHAO_WASM_BASE64 */
    var glue = typeof wasm_bindgen !== 'undefined' ? wasm_bindgen : null;
    // The single-file page carries the module as a data block (scripts/inline.py);
    // the development page loads pkg/wuhao_wasm.js, which sets the global. Both
    // decoders skip whitespace, so the 0.5 MB of text is not copied to strip it.
    var block = typeof document !== 'undefined' ? document.getElementById('wuhao-wasm') : null;
    var b64 = typeof WUHAO_WASM_BASE64 === 'string' ? WUHAO_WASM_BASE64 : block ? block.textContent : '';
    if (!glue || !b64) return Promise.reject(new Error('未找到计算模块（wasm），请先运行构建命令'));
    mark('wuhao-wasm-decode');
    var bytes = base64Bytes(b64);
    return compileModule(bytes).then(function (mod) {
      mark('wuhao-wasm-compiled');
      // Compiled once: the module is handed to the worker too (big pastes).
      compiled = mod;
      return glue({ module_or_path: mod });
    }).then(function () {
      core = glue;
      mark('wuhao-wasm-ready');
      return glue;
    });
  }

  /**
   * The compiled module. A gzipped one is inflated by DecompressionStream and,
   * where the browser can (compileStreaming, Chromium 61+), compiled while it
   * inflates rather than after.
   */
  function compileModule(bytes) {
    var gz = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    if (gz && typeof DecompressionStream === 'function' && typeof WebAssembly.compileStreaming === 'function' && typeof Response === 'function') {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return WebAssembly.compileStreaming(new Response(stream, { headers: { 'Content-Type': 'application/wasm' } })).catch(function () {
        return moduleBytes(bytes).then(WebAssembly.compile);
      });
    }
    return moduleBytes(bytes).then(function (b) {
      return WebAssembly.compile(b);
    });
  }

  function mark(name) {
    if (typeof performance !== 'undefined' && performance.mark) performance.mark(name);
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

  /* ---------- arguments of window.wuhao, checked before the core is called ---------- */

  /** What a script passed, in the words of the module's own errors (src/problem.rs, ArgGot). */
  function kindOf(v) {
    if (v === undefined) return 'undefined（未给出）';
    if (v === null) return 'null';
    if (typeof v === 'number') return '数字';
    if (typeof v === 'boolean') return 'true/false';
    if (typeof v === 'function') return '函数';
    if (Array.isArray(v)) return '数组';
    if (typeof v === 'object') return '对象';
    return '其他类型的值';
  }

  function argError(fn, param, want, v) {
    return new Error('wuhao.' + fn + ' 的参数 ' + param + ' 应为' + want + '，收到的是' + kindOf(v) + '，未计算');
  }

  /**
   * A request argument as an object; a string that is not a request object's JSON
   * as itself (the core reads it and says what is wrong: request.unreadable).
   */
  function requestArg(fn, request) {
    if (typeof request === 'string') {
      var parsed = null;
      try {
        parsed = JSON.parse(request);
      } catch (e) {
        return request;
      }
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : request;
    }
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
      throw argError(fn, 'request', '请求对象或其 JSON 文字', request);
    }
    return request;
  }

  /** An optional text argument: `fallback` when absent, an Error when of another type. */
  function textArg(fn, param, v, fallback) {
    if (v === undefined || v === null || v === '') return fallback;
    if (typeof v !== 'string') throw argError(fn, param, '文字（字符串）', v);
    return v;
  }

  /** JSON.stringify of a request, an Error naming the request when it cannot be written (a cycle, a BigInt). */
  function requestJson(fn, r) {
    try {
      return JSON.stringify(r);
    } catch (e) {
      throw new Error('wuhao.' + fn + ' 的参数 request 无法写成 JSON（' + e.message + '），未计算');
    }
  }

  /** The report for a request object, or for its JSON text (README, "Automation contract"). */
  function evaluate(request) {
    request = requestArg('evaluate', request);
    // Not a request object's JSON: the core reads it and says what is wrong (request.unreadable).
    if (typeof request === 'string') return JSON.parse(needCore().evaluate(request));
    var r = withToday(request);
    var c = needCore();
    // The paste crosses into wasm once, as a string, not escaped into JSON.
    if (typeof r.data === 'string' && c.evaluateParts) {
      var data = r.data;
      delete r.data;
      return JSON.parse(c.evaluateParts(data, requestJson('evaluate', r)));
    }
    return JSON.parse(c.evaluate(requestJson('evaluate', r)));
  }

  /**
   * One park of a compact report, read from its arrays on demand: making 28,000
   * plain objects (with their dimension objects) took about 100 ms of the main
   * thread, these take a few. The page's renderers read them like the objects
   * of a full report (`detailed` false, no indicators or progress).
   */
  function CompactPark(c, i) {
    this.c = c;
    this.i = i;
    // Own fields for what the ranking sorts and charts by.
    this.rank = c.rank[i];
    this.total = c.total[i];
  }
  CompactPark.prototype.detailed = false;
  CompactPark.prototype.indicators = [];
  CompactPark.prototype.progress = [];
  ['name', 'group', 'group_rank', 'grade', 'unscored_items', 'unscored_points', 'veto'].forEach(function (key) {
    Object.defineProperty(CompactPark.prototype, key, {
      get: function () {
        return this.c[key][this.i];
      }
    });
  });
  Object.defineProperty(CompactPark.prototype, 'dimensions', {
    get: function () {
      var i = this.i;
      return this.c.dimensions.map(function (d) {
        return { key: d.key, name: d.name, weight: d.weight, score: d.score[i] };
      });
    }
  });
  Object.defineProperty(CompactPark.prototype, 'adjustments', {
    get: function () {
      var i = this.i;
      return this.c.adjustments.map(function (a) {
        return { name: a.name, points: a.points[i], explain: '' };
      });
    }
  });

  /**
   * A compact report (README, "Automation contract": above 200 parks with
   * `compact: true`) with `parks` back to one entry per park in paste order, the
   * shape the page's renderers take (the detailed parks as the core sent them,
   * the others as `CompactPark`s); other reports as they are.
   */
  function expandParks(report) {
    var c = report && report.parks_compact;
    if (!c) return report;
    var parks = new Array(c.count);
    for (var i = 0; i < c.count; i++) parks[i] = new CompactPark(c, i);
    for (var k = 0; k < c.detailed.length; k++) parks[c.detailed[k]] = report.parks[k];
    report.parks = parks;
    delete report.parks_compact;
    return report;
  }

  /** The page's evaluation: the compact report, expanded for the renderers. */
  function evaluateForPage(request) {
    return expandParks(evaluate(Object.assign({}, request, { compact: true })));
  }

  /* ---------- the example's report, computed by the build ---------- */

  /**
   * What the page's evaluation of `request` sends to the core (`evaluateParts`):
   * the paste, and the rest as JSON; `key` is the same without `today`, which
   * names the computation of a built-in example whatever the date.
   */
  function pageCall(request) {
    var r = withToday(Object.assign({}, request, { compact: true }));
    var data = typeof r.data === 'string' ? r.data : '';
    delete r.data;
    var rest = JSON.stringify(r);
    delete r.today;
    return { data: data, rest: rest, key: JSON.stringify([data, r]) };
  }

  /** The report text of the page's evaluation of `request` (the build embeds the example's). */
  function evaluateText(request) {
    var call = pageCall(request);
    return { key: call.key, text: needCore().evaluateParts(call.data, call.rest) };
  }

  // scripts/example-report.mjs runs this very script and module at build time and
  // writes into the page the example's request key, report text, the built-in
  // scheme and the version (a data block, `#wuhao-example`), so a first visit
  // shows the example's report before the module is even compiled.
  var embedded;
  function embeddedData() {
    if (embedded !== undefined) return embedded;
    embedded = null;
    var block = typeof document !== 'undefined' ? document.getElementById('wuhao-example') : null;
    if (block && block.textContent) {
      try {
        embedded = JSON.parse(block.textContent);
      } catch (e) {
        embedded = null;
      }
    }
    return embedded;
  }

  /** The built-in scheme as the build wrote it into the page, or null. */
  function embeddedScheme() {
    var e = embeddedData();
    if (!e) return null;
    try {
      var scheme = JSON.parse(e.scheme);
      api.version = api.version || e.version;
      return scheme;
    } catch (err) {
      embedded = null;
      return null;
    }
  }

  /** The page's report for `request` when the build computed it (the example), else null. */
  function embeddedReport(request) {
    var e = embeddedData();
    if (!e || pageCall(request).key !== e.key) return null;
    var report;
    try {
      report = JSON.parse(e.report);
    } catch (err) {
      embedded = null;
      return null;
    }
    api.coldStart = { embedded: true, same: null };
    return expandParks(report);
  }

  /**
   * Once the module is ready: the live evaluation of `request`, whose report the
   * page showed from the build's copy. Null when `request` is not the embedded
   * one (the caller computes as usual); `same` when the live report is the
   * embedded one to the byte (nothing to redraw), else the live `report`.
   */
  function liveForEmbedded(request) {
    var e = embeddedData();
    if (!e) return null;
    var call = pageCall(request);
    if (call.key !== e.key) return null;
    var text = needCore().evaluateParts(call.data, call.rest);
    var same = text === e.report;
    api.coldStart = { embedded: true, same: same };
    mark('wuhao-live');
    return same ? { same: true } : { same: false, report: expandParks(JSON.parse(text)) };
  }

  /* ---------- big pastes off the main thread ---------- */

  // Above this many characters of paste the page computes in a worker (made from
  // a blob of the inlined glue; the CSP allows `worker-src blob:`), so the page
  // stays responsive; smaller pastes stay synchronous.
  var WORKER_INPUT = 1000000;
  var worker = null;
  var workerFailed = false;
  var pending = {};
  var nextId = 1;

  function glueSource() {
    var scripts = document.getElementsByTagName('script');
    for (var i = 0; i < scripts.length; i++) {
      var t = scripts[i].text;
      if (t.lastIndexOf('/* ../pkg/wuhao.js */', 0) === 0) return t;
    }
    return null;
  }

  function workerBody() {
    /* global wasm_bindgen */
    var ready = null;
    self.onmessage = function (e) {
      var m = e.data;
      if (m.module) {
        ready = wasm_bindgen({ module_or_path: m.module });
        return;
      }
      ready.then(function (wasm) {
        // Parsed here, not on the page: the compact report's number columns go
        // back as typed arrays, moved rather than copied, so the page only takes
        // in the names and grades.
        var report = JSON.parse(wasm_bindgen.evaluateParts(m.data, m.rest));
        var c = report.parks_compact;
        var moved = [];
        var typed = function (a) {
          var t = new Float64Array(a);
          moved.push(t.buffer);
          return t;
        };
        if (c) {
          c.total = typed(c.total);
          c.rank = typed(c.rank);
          c.dimensions.forEach(function (d) {
            d.score = typed(d.score);
          });
          c.adjustments.forEach(function (a) {
            a.points = typed(a.points);
          });
        }
        var memory = wasm && wasm.memory ? wasm.memory.buffer.byteLength : null;
        self.postMessage({ id: m.id, report: report, memory: memory }, moved);
      }).catch(function (err) {
        self.postMessage({ id: m.id, error: String(err && err.message ? err.message : err) });
      });
    };
  }

  function startWorker() {
    if (worker || workerFailed) return worker;
    var glue = glueSource();
    if (!glue || !compiled || typeof Worker !== 'function' || typeof Blob !== 'function') {
      workerFailed = true;
      return null;
    }
    try {
      var src = glue + '\n;(' + workerBody.toString() + ')();\n';
      worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    } catch (e) {
      workerFailed = true;
      return null;
    }
    worker.onmessage = function (e) {
      var p = pending[e.data.id];
      delete pending[e.data.id];
      if (!p) return;
      if (e.data.memory) api.workerMemory = e.data.memory;
      if (e.data.error) p.reject(new Error(e.data.error));
      else p.resolve(e.data.report);
    };
    worker.onerror = function (e) {
      workerFailed = true;
      worker = null;
      Object.keys(pending).forEach(function (id) {
        pending[id].reject(new Error(e && e.message ? e.message : 'worker failed'));
        delete pending[id];
      });
    };
    worker.postMessage({ module: compiled });
    return worker;
  }

  /**
   * The page's evaluation of a big paste in the worker: a Promise of the report
   * (expanded as `evaluateForPage` does); null when the paste is small or no
   * worker can be had, and the caller computes synchronously.
   */
  function evaluateInWorker(request) {
    var r = withToday(Object.assign({}, request, { compact: true }));
    if (typeof r.data !== 'string' || r.data.length <= WORKER_INPUT) return null;
    var w = startWorker();
    if (!w) return null;
    var data = r.data;
    delete r.data;
    var id = nextId++;
    return new Promise(function (resolve, reject) {
      pending[id] = { resolve: resolve, reject: reject };
      w.postMessage({ id: id, data: data, rest: JSON.stringify(r) });
    }).then(function (parsed) {
      var report = expandParks(parsed);
      // Rendered in a task of its own, so that reading the report and rendering
      // it do not add up into one long main-thread task.
      return new Promise(function (resolve) {
        setTimeout(function () {
          resolve(report);
        }, 0);
      });
    });
  }

  function defaultScheme() {
    return JSON.parse(needCore().defaultScheme());
  }

  function loadScheme(text) {
    if (typeof text !== 'string') throw argError('loadScheme', 'text', '方案文字（字符串）', text);
    return JSON.parse(needCore().loadScheme(text));
  }

  function exportTables(request, key, format) {
    request = requestArg('exportTables', request);
    key = textArg('exportTables', 'key', key, '');
    format = textArg('exportTables', 'format', format, 'tsv');
    var c = needCore();
    if (typeof request === 'string') return c.exportTables(request, key, format);
    var r = withToday(request);
    if (typeof r.data === 'string' && c.exportParts) {
      var data = r.data;
      delete r.data;
      return c.exportParts(data, requestJson('exportTables', r), key, format);
    }
    return c.exportTables(requestJson('exportTables', r), key, format);
  }

  // The module is decoded and compiled once the page asks (`startCore`, at
  // DOMContentLoaded after the first report is on screen), not while the page
  // parses: inflating it on the main thread would hold the first report back.
  var started = false;
  var readyResolve, readyReject;
  var ready = new Promise(function (resolve, reject) {
    readyResolve = resolve;
    readyReject = reject;
  });
  function startCore() {
    if (!started) {
      started = true;
      initCore().then(function () {
        api.version = core.version();
      }).then(readyResolve, readyReject);
    }
    return ready;
  }

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
    timing: null,
    // How the first report came (scripts/bench.sh, tests/browser/cold-start.test.mjs):
    // { embedded: true, same } when the build's copy of the example's report was
    // shown and the live one compared with it (same: null until the module is ready).
    coldStart: null,
    // Bytes of the worker's wasm memory after its last computation (pastes over
    // 1 MB run there), null before; memory never shrinks, so this is its peak.
    workerMemory: null
  };
  window.wuhao = api;

  WH.evaluate = evaluateForPage;
  WH.evaluateInWorker = evaluateInWorker;
  WH.expandParks = expandParks;
  WH.defaultScheme = defaultScheme;
  WH.loadScheme = loadScheme;
  WH.exportTables = exportTables;
  WH.ready = ready;
  WH.startCore = startCore;
  WH.evaluateText = evaluateText;
  WH.embeddedScheme = embeddedScheme;
  WH.embeddedReport = embeddedReport;
  WH.liveForEmbedded = liveForEmbedded;
  WH.api = api;
  /** The wasm-bindgen glue once instantiated, else null (for optional exports such as schemeHelp). */
  WH.glue = function () {
    return core;
  };
})(window.WH);
