/* core.js — calls into the Rust core (wasm) and window.wuhao, the automation contract (README). */
(function (WH) {
  'use strict';

  var todayIso = WH.todayIso;

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
    // the development page loads pkg/wuhao_wasm.js, which sets the global.
    var block = document.getElementById('wuhao-wasm');
    var b64 = typeof WUHAO_WASM_BASE64 === 'string' ? WUHAO_WASM_BASE64 : block ? block.textContent.replace(/\s+/g, '') : '';
    if (!glue || !b64) return Promise.reject(new Error('未找到计算模块（wasm），请先运行构建命令'));
    return moduleBytes(base64Bytes(b64)).then(function (bytes) {
      return glue({ module_or_path: bytes });
    }).then(function () {
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

  /** The report for a request object, or for its JSON text (README, "Automation contract"). */
  function evaluate(request) {
    if (typeof request === 'string') {
      var parsed = null;
      try {
        parsed = JSON.parse(request);
      } catch (e) {
        // Not JSON: the core reads it and says what is wrong (request.unreadable).
        return JSON.parse(needCore().evaluate(request));
      }
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) request = parsed;
      else return JSON.parse(needCore().evaluate(request));
    }
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

  WH.evaluate = evaluate;
  WH.defaultScheme = defaultScheme;
  WH.loadScheme = loadScheme;
  WH.exportTables = exportTables;
  WH.ready = ready;
  WH.api = api;
  /** The wasm-bindgen glue once instantiated, else null (for optional exports such as schemeHelp). */
  WH.glue = function () {
    return core;
  };
})(window.WH);
