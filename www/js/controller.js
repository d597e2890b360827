/* controller.js — the controller: recomputes on every change, renders every section, clear and undo, start-up. */
(function (WH) {
  'use strict';

  var $ = WH.$, clear = WH.clear, h = WH.h, show = WH.show, clone = WH.clone;

  /* ---------- recomputation ---------- */

  var timer = null;
  var firstRendered = false;
  var lastRequest = null;
  var lastReport = null;
  var lastView = null;
  var computeSeq = 0;

  /** Saves and recomputes: at once for buttons, debounced ~150 ms for typing. */
  function changed(now) {
    clearTimeout(timer);
    timer = setTimeout(recompute, now ? 0 : 150);
  }

  function inputSize() {
    return WH.state.splits.reduce(function (a, t) {
      return a + t.length;
    }, WH.state.data.length);
  }

  function recompute() {
    timer = null;
    WH.saveState();
    if (!WH.glue()) return;
    var seq = ++computeSeq;
    // A paste over 1 MB is computed in a worker (core.js): the page stays responsive.
    // One request for both paths: the worker gets the what-if, 全年预计 and read
    // corrections exactly as the main thread and the exports do (pageRequest).
    var inWorker = WH.evaluateInWorker && WH.evaluateInWorker(pageRequest());
    if (inWorker) {
      setBusy(true);
      // Progress: the seconds so far, while the page stays usable.
      var busy = $('busy'), started = Date.now();
      var tick = setInterval(function () {
        busy.textContent = '计算中… ' + Math.round((Date.now() - started) / 1000) + ' 秒（后台计算，页面可继续操作）';
      }, 500);
      inWorker.then(function (report) {
        if (seq === computeSeq) return computeAndRender(report, seq);
      }, function () {
        if (seq === computeSeq) computeAndRender();
      }).then(function () {
        clearInterval(tick);
        busy.textContent = '计算中…';
        if (seq === computeSeq) setBusy(false);
      });
    } else if (inputSize() > WH.BIG_INPUT) {
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
      return WH.evaluate(req);
    } catch (e) {
      WH.say('计算出错：' + (e && e.message ? e.message : String(e)) + '（输入已保留）', true);
      bumpComputed();
      return FAILED;
    }
  }

  /**
   * Computes and renders; or takes `given`, a report the worker computed for
   * computation `seq`, and renders it one section per task (a Promise).
   */
  function computeAndRender(given, seq, now) {
    var t0 = clock();
    var req = WH.buildRequest();
    if (WH.withWhatIf) req = WH.withWhatIf(req);
    // Only the chosen park's breakdown is shown, so only it is asked for: on a
    // province-wide paste the other parks' breakdowns were most of the work.
    // The export keeps using `req`, which asks for every breakdown as before.
    var report = given || tryEvaluate(pageRequest(req));
    if (report === FAILED) return;
    if (report && report.parks && WH.state.parkIndex !== 0 && !report.parks[WH.state.parkIndex]) {
      // The chosen park is gone (a shorter paste): back to the first.
      WH.state.parkIndex = 0;
      report = tryEvaluate(Object.assign({ detail: 0 }, req));
      if (report === FAILED) return;
    }
    if (!report || !report.period) {
      WH.say('计算模块返回了无法识别的结果（输入已保留）。', true);
      bumpComputed();
      return;
    }
    var t1 = clock();
    if (WH.state.parkIndex >= (report.parks || []).length) WH.state.parkIndex = 0;
    syncPeriod(report);
    lastRequest = req;
    lastReport = report;
    lastView = viewOf(report);
    var finish = function () {
      WH.api.timing = { start: t0, evaluated: t1, rendered: clock() };
      // Cold start is measured to this mark (scripts/bench.sh): navigation to the first report on screen.
      if (!firstRendered && window.performance && performance.mark) performance.mark('wuhao-rendered');
      firstRendered = true;
    };
    var slip = function (e) {
      // A rendering slip must not take the inputs down with it.
      WH.say('显示结果时出错：' + (e && e.message ? e.message : String(e)) + '（输入已保留）', true);
      bumpComputed();
    };
    if (given && !now) {
      return renderInSteps(report, lastView, seq).then(function (done) {
        if (done) finish();
      }, slip);
    }
    try {
      renderAll(report, lastView);
      finish();
    } catch (e) {
      slip(e);
    }
  }

  /** What the page evaluates for the inputs in force (`req`: the request without `detail`). */
  function pageRequest(req) {
    if (!req) {
      req = WH.buildRequest();
      if (WH.withWhatIf) req = WH.withWhatIf(req);
    }
    return Object.assign({ detail: WH.state.parkIndex }, req);
  }

  /** A high-resolution clock for the timing hook (milliseconds since navigation). */
  function clock() {
    return window.performance && performance.now ? performance.now() : Date.now();
  }

  function bumpComputed() {
    // Sections come and go with a report (ranking, splits): the menu follows.
    if (WH.markSection) WH.markSection();
    document.body.setAttribute('data-computed', String(Number(document.body.getAttribute('data-computed') || 0) + 1));
  }

  /**
   * What the renderers see of the page state for one report: a snapshot they
   * read and never write. `report` may be null (the scheme panel before the first report).
   */
  function viewOf(report) {
    var st = WH.state;
    var parks = (report && report.parks) || [];
    var park = parks[st.parkIndex] || null;
    var multi = parks.length > 1;
    return {
      parkIndex: st.parkIndex,
      park: park,
      multi: multi,
      // The park's name: the typed name for a single park, else the name read from the paste.
      parkName: !multi && st.parkName.trim() ? st.parkName.trim() : park && park.name ? park.name : '',
      example: st.example,
      hasData: !!st.data.trim(),
      readFix: WH.readFixCurrent(st),
      sortKey: st.sortKey,
      sortDir: st.sortDir,
      scheme: WH.currentScheme(),
      schemeLabel: st.scheme ? st.schemeLabel || '自定义方案' : '',
      version: WH.api.version,
      whatIf: WH.whatIfView ? WH.whatIfView() : null
    };
  }

  /** In 自动 mode the greyed-out period selectors show the period in force, so 手动 starts from it. */
  function syncPeriod(report) {
    if (WH.state.periodMode !== 'auto') return;
    WH.state.year = report.period.year;
    WH.state.month = report.period.month;
    $('period-year').value = WH.state.year;
    $('period-month').value = String(WH.state.month);
  }

  var RENDER_STEPS = ['renderTitle', 'renderRead', 'renderDiagnostics', 'renderSummary', 'renderRanking', 'renderDimensions',
    'renderBreakdown', 'renderAdjustments', 'renderProgress', 'renderSplits', 'renderSchemeHead', 'renderReach'];

  function renderAll(report, view) {
    document.documentElement.classList.toggle('multi', view.multi);
    RENDER_STEPS.forEach(function (name) {
      WH[name](report, view);
    });
    bumpComputed();
  }

  /**
   * Runs `f` in a task after the next frame, so that each step's new elements are
   * styled and laid out in a frame of their own (steps run back to back left one
   * frame to lay out the whole report: 60-170 ms on a first 10 MB paste). A
   * hidden tab draws no frames: then after 100 ms.
   */
  function afterFrame(f) {
    var done = false;
    var go = function () {
      if (done) return;
      done = true;
      setTimeout(f, 0);
    };
    if (window.requestAnimationFrame) requestAnimationFrame(go);
    setTimeout(go, 100);
  }

  /**
   * renderAll one section per task, so that a big paste's report never holds
   * the main thread long: resolves true once rendered, false when a newer
   * computation took over, and rejects on a rendering slip.
   */
  function renderInSteps(report, view, seq) {
    document.documentElement.classList.toggle('multi', view.multi);
    var k = 0;
    return new Promise(function (resolve, reject) {
      (function next() {
        if (seq !== computeSeq) return resolve(false);
        if (k >= RENDER_STEPS.length) {
          bumpComputed();
          return resolve(true);
        }
        try {
          WH[RENDER_STEPS[k++]](report, view);
        } catch (e) {
          return reject(e);
        }
        afterFrame(next);
      })();
    });
  }

  /** A click on a sortable progress header: the sort is view state, kept with the inputs. */
  function sortProgress(key) {
    if (WH.state.sortKey === key) WH.state.sortDir = -WH.state.sortDir;
    else {
      WH.state.sortKey = key;
      WH.state.sortDir = 1;
    }
    WH.saveState();
    if (!lastReport) return;
    lastView = viewOf(lastReport);
    WH.renderProgress(lastReport, lastView);
  }

  /** The scheme panel, drawn from the scheme in force (outside a computation). */
  function showSchemePanel() {
    WH.renderSchemePanel(lastReport, viewOf(lastReport));
  }

  /* ---------- replacing actions and their undo ---------- */

  var undoMemory = null;

  /**
   * Runs `action`, which replaces some of the user's inputs, after keeping a copy
   * of the state for one-click undo: in memory, and in the store when it fits
   * (so the undo also works after a reload).
   */
  function replaceInputs(label, action) {
    var snapshot = clone(WH.state);
    undoMemory = { label: label, state: snapshot };
    WH.storeUndo(label, snapshot);
    action();
    showUndo(label);
  }

  function showUndo(label) {
    $('undo-text').textContent = label ? '已' + label + '。' : '';
    show($('undo-bar'), !!label);
  }

  function clearAll() {
    replaceInputs('清空输入', function () {
      WH.state.data = '';
      WH.state.parkName = '';
      WH.state.splits = [''];
      WH.state.example = false;
      WH.state.parkIndex = 0;
      WH.syncInputs();
      changed(true);
    });
  }

  function undoReplace() {
    var u = undoMemory || WH.loadUndo();
    undoMemory = null;
    if (!u) return;
    WH.state = WH.sanitizeState(u.state);
    WH.storeUndo('', null);
    showUndo('');
    WH.syncInputs();
    showSchemePanel();
    changed(true);
    WH.say('已撤销：' + u.label + '。');
  }

  /** Saves now when an edit is still waiting for its debounce (the tab is being hidden or closed). */
  function flush() {
    if (timer !== null) WH.saveState();
  }

  function bindActions() {
    $('btn-print').addEventListener('click', function () {
      WH.preparePrint();
      window.print();
    });
    window.addEventListener('beforeprint', WH.preparePrint);
    $('btn-copy').addEventListener('click', WH.copyAll);
    $('btn-xlsx').addEventListener('click', function () {
      WH.exportFile('xlsx');
    });
    $('btn-csv').addEventListener('click', function () {
      WH.exportFile('csv');
    });
    $('btn-clear').addEventListener('click', clearAll);
    $('btn-undo').addEventListener('click', undoReplace);
    $('btn-save-note-close').addEventListener('click', function () {
      WH.saveNote(null);
    });
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') flush();
    });
  }

  /* ---------- start ---------- */

  function start() {
    WH.bindInputs();
    WH.bindScheme();
    WH.bindSync();
    WH.bindWork();
    WH.bindFiles();
    WH.bindSections();
    bindActions();
    var saved = WH.loadSaved();
    WH.state = WH.sanitizeState(saved && saved.state);
    if (WH.syncStart) WH.syncStart(saved);
    WH.syncInputs();
    var u = WH.loadUndo();
    showUndo(u ? u.label : '');
    if (!WH.canStore()) WH.say('此浏览器不允许本地保存，关闭页面后输入不会保留。');
    WH.showUnsavedFlag();
    // A first visit opens with the example: its report, computed by the build
    // from this page's own module (core.js, `#wuhao-example`), is on screen
    // before the module is even decoded; the live one replaces it once ready.
    var early = null;
    var scheme = !saved && WH.embeddedScheme ? WH.embeddedScheme() : null;
    if (scheme) {
      WH.setBuiltInScheme(scheme);
      WH.loadExample();
      early = WH.embeddedReport(pageRequest());
      if (early) {
        clearTimeout(timer);
        timer = null;
        WH.saveState();
        computeAndRender(early, 0, true);
      }
    }
    // With the example on screen the module waits for the first frame: inflating
    // it on the main thread before would hold back that frame.
    if (early && window.requestAnimationFrame) {
      requestAnimationFrame(function () {
        setTimeout(WH.startCore, 0);
      });
      setTimeout(WH.startCore, 300);
    }
    (early ? WH.ready : WH.startCore()).then(function () {
      // The build's copy of the built-in scheme came from this same module.
      if (!early) WH.setBuiltInScheme(WH.defaultScheme());
      showSchemePanel();
      WH.showSchemeExtras();
      document.documentElement.setAttribute('data-state', 'ready');
      // The example's report came from the build: computed live now, it is
      // redrawn only if it differs (it should not: tests/browser/cold-start.test.mjs).
      var live = early && timer === null ? WH.liveForEmbedded(pageRequest()) : null;
      if (live) {
        if (!live.same) computeAndRender(live.report, 0, true);
        return;
      }
      // A first visit opens with the example already computed.
      if (!saved && !scheme) WH.loadExample();
      else changed(true);
      // The first report is computed in this same task rather than after a timer,
      // so the browser lays the page out once, with the report, instead of twice.
      if (timer !== null) {
        clearTimeout(timer);
        recompute();
      }
    }, function (e) {
      document.documentElement.setAttribute('data-state', 'error');
      WH.say((e && e.message) || '计算模块加载失败', true);
      clear($('summary')).appendChild(h('p', { 'class': 'bad', text: '计算模块加载失败：' + ((e && e.message) || String(e)) }));
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();

  WH.changed = changed;
  WH.replaceInputs = replaceInputs;
  WH.sortProgress = sortProgress;
  WH.showSchemePanel = showSchemePanel;

  /** The last computation: its request (for the exports), report and view; nulls before the first. */
  WH.last = function () {
    return { request: lastRequest, report: lastReport, view: lastView };
  };
})(window.WH);
